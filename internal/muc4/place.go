package muc4

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// The place ranker chooses an incident's location among the places a document names.
//
// The keys' place metric (eval.ScoreKeys) compares most specific places. With the old
// rule (the first gazetteer place from the incident's sentence on, else the dateline's)
// 5-fold CV on dev (gazetteer learned from the training folds only) gave 38.4% of matched
// templates the right place (country 88.5%). Of the misses, over a third had a key giving
// only the country while we named a city (a third of all keys are country only, when the
// text does not say where the incident happened; the dateline's city is then wrong);
// over a quarter were towns, neighbourhoods or airports no other document's key held, so
// the gazetteer could not know them; in most others another known place of the text
// was picked (a department or the capital named near the incident instead of the town);
// the dateline city was used though the text names the place; and a few "A - B" ranges.
//
// Candidates are every gazetteer place the text mentions (Model.Places, learned from the
// dev keys), the country of each of them, the dateline's place and country, and names the
// text introduces as places though the gazetteer does not know them: "THE TOWN OF X",
// "IN [THE] X", "X NEIGHBORHOOD" (every tail of the name run before a place-type word),
// where a name must hold a word rare in dev (less rare after IN, NEAR, OUTSIDE) unless a
// place-type word vouches for it; an unknown name takes the country of the nearest known
// place in its sentence, else the dateline's. Each candidate is described by its kind (gazetteer, unknown name and the
// pattern that found it, country, dateline) and gazetteer type and depth; where its
// mentions stand relative to the incident's sentence, how relevant (Model.sentRel) and
// violent their sentences are, their order and count; the words around them ("IN X",
// "NEAR X", "X DEPARTMENT"); whether the text also names a place inside or around it, or
// another country; for a country, how many specific places the text names near the
// incident; for an unknown name, its length and how rare its words are. A linear scorer
// trained listwise (softmax over each document's candidates, the positives being those
// whose most specific place is the key's) picks the best; the gazetteer it is trained
// with is cross-fitted over blocks of dev, so that unknown names occur in training as in
// new text.
//
// 5-fold CV on dev, gazetteer and ranker learned from the training folds only, mean over
// 5 ranker seeds: place on matched templates 38.4 -> 50.5, country 88.5 -> 92.8.

// usePlaceRank chooses incident locations with the learned place ranker (Model.Place);
// off, or without a place model, the first known place from the incident's sentence on is
// used, else the dateline's.
var usePlaceRank = true

var placeOpts = trainOpts{K: 2, Epochs: 4, LR: 0.05, L2: 1e-4, MinDF: 3}

// placeBlocks is the number of contiguous blocks over which the gazetteer the ranker is
// trained with is cross-fitted.
var placeBlocks = 5

// placeMention is one mention of a candidate place: tokens [i, j) of sentence sent.
type placeMention struct{ sent, i, j int }

// placeCand is one candidate location.
type placeCand struct {
	loc      string // the location as the keys write it
	name     string // its most specific place, normalised
	country  string // its country, normalised
	gaz      bool   // a gazetteer place
	pattern  string // for a name the gazetteer does not know: the pattern that found it
	dateline bool   // the dateline's place or country
	ments    []placeMention
}

// locType is the parenthesised type of a location's most specific place, or "COUNTRY".
func locType(loc string) string {
	parts := strings.Split(loc, ":")
	last := strings.TrimSpace(parts[len(parts)-1])
	if strings.HasSuffix(last, ")") {
		if k := strings.LastIndexByte(last, '('); k >= 0 {
			return last[k+1 : len(last)-1]
		}
	}
	if len(parts) == 1 {
		return "COUNTRY"
	}
	return ""
}

// ParseLocation reads a key location "COUNTRY: PLACE (TYPE): PLACE (TYPE)" into its
// normalised country and most specific place names ("A (TYPE) - B (TYPE)" gives both; a
// bare country is its own most specific place), as the keys' place metric reads it.
func ParseLocation(loc string) (country string, specific []string) {
	parts := strings.Split(loc, ":")
	country = Normalize(stripLocType(parts[0]))
	for _, seg := range strings.Split(parts[len(parts)-1], " - ") {
		if n := Normalize(stripLocType(seg)); n != "" {
			specific = append(specific, n)
		}
	}
	return country, specific
}

// stripLocType drops a trailing parenthesised place type: "TULUA (CITY)" -> "TULUA".
func stripLocType(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndexByte(s, '('); i > 0 {
			s = strings.TrimSpace(s[:i])
		}
	}
	return s
}

// placeTypeWords name kinds of places: "THE TOWN OF X", "X DEPARTMENT".
var placeTypeWords = map[string]string{
	"town": "TOWN", "towns": "TOWN", "city": "CITY", "village": "VILLAGE", "hamlet": "VILLAGE",
	"municipality": "MUNICIPALITY", "municipal": "MUNICIPALITY", "district": "DISTRICT",
	"province": "PROVINCE", "department": "DEPARTMENT", "neighborhood": "NEIGHBORHOOD",
	"district's": "DISTRICT", "canton": "CANTON", "region": "REGION", "community": "COMMUNITY",
	"settlement": "VILLAGE", "suburb": "SUBURB", "locality": "TOWN", "jurisdiction": "JURISDICTION",
	"estate": "FARM", "farm": "FARM", "hacienda": "FARM", "port": "PORT", "colony": "NEIGHBORHOOD",
	"barrio": "NEIGHBORHOOD", "sector": "NEIGHBORHOOD", "area": "AREA", "zone": "AREA",
	"township": "TOWN", "corregimiento": "TOWN", "mountain": "MOUNTAIN", "hill": "MOUNTAIN",
	"jungle": "JUNGLE", "river": "RIVER", "valley": "REGION", "airport": "AIRPORT",
	"university": "UNIVERSITY", "basin": "REGION",
}

// inclusiveTypes are place types the keys write as part of the name ("JOSE MARIA
// CORDOBA AIRPORT").
var inclusiveTypes = wordSet(`airport university farm basin`)

// placePrepositions may introduce a place name.
var placePrepositions = wordSet(`in near at outside between toward towards around off from to of`)

// placeNameOK reports whether word token k of a may be part of an unknown place name:
// not a function word, number, month, weekday, trigger or common word.
func (a *analysis) placeNameOK(k int) bool {
	w := a.norms[k]
	if w == "" || a.isNumberAt(k) || a.isStop(k) || !a2z(w) {
		return false
	}
	return a.wf[k]&(pMonth|pWeekday|pType) == 0 && a.trig[k] == ""
}

// keySet is the set of the keys of m.
func keySet[V any](m map[string]V) map[string]bool {
	s := make(map[string]bool, len(m))
	for k := range m {
		s[k] = true
	}
	return s
}

// a2z reports whether w is made of letters (and inner hyphens or apostrophes).
func a2z(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || (i > 0 && (c == '-' || c == '\''))) {
			return false
		}
	}
	return true
}

// placeModifiers are words that may stand between a preposition and a place name
// ("IN NEARBY ITAGUI").
var placeModifiers = wordSet(`nearby neighboring neighbouring rural urban northern southern eastern western central upper lower remote small`)

// nameConnectors may sit inside a place name: "SAN LUIS DE LA REINA".
var nameConnectors = wordSet(`de del la las los el san santa santo`)

// nameStarters are the connectors that may also begin a place name ("SAN ISIDRO
// NEIGHBORHOOD", "LA CISTERNA NEIGHBORHOOD").
var nameStarters = wordSet(`san santa el la los las`)

// rareWord reports whether w is rare in the training documents (a name, not a common
// word).
func (m *Model) rareWord(w string, loose bool) bool {
	if m.Lex == nil || m.Lex.NDocs == 0 {
		return true
	}
	if loose {
		return m.Lex.WordDF[w]*10 < int32(m.Lex.NDocs)
	}
	return m.Lex.WordDF[w]*40 < int32(m.Lex.NDocs)
}

// strongPrep are the prepositions that most often introduce a place: a name after them
// may be a commoner word.
var strongPrep = wordSet(`in near outside`)

// placeCands collects the candidate locations of a document.
func (m *Model) placeCands(a *analysis, places map[string]string) []*placeCand {
	byLoc := map[string]*placeCand{}
	var out []*placeCand
	get := func(loc string) *placeCand {
		c := byLoc[loc]
		if c == nil {
			c = &placeCand{loc: loc}
			var sp []string
			c.country, sp = ParseLocation(loc)
			if len(sp) > 0 {
				c.name = sp[0]
			}
			byLoc[loc] = c
			out = append(out, c)
		}
		return c
	}
	toks := a.seg.Tokens
	covered := make([]bool, len(toks))
	var buf []byte
	var ends [4]int
	for si, s := range a.seg.Sentences {
		for i := s.First; i < s.Last; i++ {
			if toks[i].Kind == segment.Punct {
				continue
			}
			top := min(i+4, s.Last)
			buf = a.prefixNorms(buf, i, top, ends[:])
			for j := top; j > i; j-- {
				if toks[j-1].Kind == segment.Punct {
					continue
				}
				if loc, ok := places[string(buf[:ends[j-1-i]])]; ok {
					c := get(loc)
					c.gaz = true
					c.ments = append(c.ments, placeMention{si, i, j})
					for k := i; k < j; k++ {
						covered[k] = true
					}
					i = j - 1
					break
				}
			}
		}
	}
	// names the gazetteer does not know, introduced as places
	ctxCountry := ""
	if dl := m.datelineLoc(a.dateline, places); dl != "" {
		ctxCountry = locCountry(dl)
	}
	byName := map[string]*placeCand{}
	// whether each token may be part of a name, computed once: the runs below test most
	// tokens twice
	isName := make([]bool, len(toks))
	for k, t := range toks {
		if t.Kind == segment.Word {
			pf := a.wf[k]
			isName[k] = pf&pModifier == 0 && (pf&pConnector != 0 || a.placeNameOK(k))
		}
	}
	addName := func(si, i, j int, pat, typ string, inclusive bool) {
		// a name must hold a word of its own: not a connector, not a known place's
		rare, own := false, false
		for k := i; k < j; k++ {
			if covered[k] || nameConnectors[a.norms[k]] {
				continue
			}
			own = true
			if m.rareWord(a.norms[k], strongPrep[strings.TrimPrefix(pat, "prep:")]) {
				rare = true
			}
		}
		if !own || (!rare && typ == "") {
			return
		}
		end := j
		if inclusive {
			end = j + 1
		}
		name := strings.Join(strings.Fields(strings.ToUpper(a.seg.Text[toks[i].Start:toks[end-1].End])), " ")
		country := ctxCountry
		best := -1
		for _, c := range out {
			if !c.gaz {
				continue
			}
			for _, mt := range c.ments {
				if mt.sent == si && (best < 0 || abs(mt.i-i) < best) {
					best = abs(mt.i - i)
					country = locCountry(c.loc)
				}
			}
		}
		if country == "" {
			return
		}
		key := country + ": " + Normalize(name)
		c := byName[key]
		if c == nil {
			loc := country + ": " + name
			if typ != "" && !inclusive {
				loc += " (" + typ + ")"
			}
			c = get(loc)
			byName[key] = c
		}
		if !strings.Contains(c.pattern, pat) {
			c.pattern += " " + pat
		}
		for k := i; k < j; k++ {
			if covered[k] {
				c.pattern += " hasgaz"
				break
			}
		}
		if len(c.ments) == 0 || c.ments[len(c.ments)-1].i != i {
			c.ments = append(c.ments, placeMention{si, i, end})
		}
	}
	for si, s := range a.seg.Sentences {
		for k := s.First; k < s.Last; {
			if !isName[k] {
				k++
				continue
			}
			e := k
			for e < s.Last && e-k < 6 && isName[e] {
				e++
			}
			// trailing connectors are not part of a name
			for e > k && nameConnectors[a.norms[e-1]] {
				e--
			}
			if e == k {
				k++
				continue
			}
			// what stands before the run: "<TYPE> OF", a preposition, "THE", modifiers
			b := k - 1
			for b >= s.First && (a.norms[b] == "the" || placeModifiers[a.norms[b]]) {
				b--
			}
			before := ""
			if b >= s.First {
				before = a.norms[b]
			}
			after := ""
			if e < s.Last {
				after = a.norms[e]
			}
			switch {
			case before == "of" && b-1 >= s.First && placeTypeWords[a.norms[b-1]] != "":
				typ := placeTypeWords[a.norms[b-1]]
				for x := k + 1; x <= e; x++ {
					if !nameConnectors[a.norms[x-1]] {
						addName(si, k, x, "typeof:"+typ, typ, false)
					}
				}
			case placePrepositions[before]:
				for x := k + 1; x <= e; x++ {
					if nameConnectors[a.norms[x-1]] {
						continue
					}
					if x == e && placeTypeWords[after] != "" {
						addName(si, k, x, "prep:"+before+":"+after, placeTypeWords[after], inclusiveTypes[after])
					} else {
						addName(si, k, x, "prep:"+before, "", false)
					}
				}
			}
			if placeTypeWords[after] != "" {
				// "X NEIGHBORHOOD": every short tail of the run
				for x := e - 1; x >= k; x-- {
					if nameConnectors[a.norms[x]] && !nameStarters[a.norms[x]] {
						continue
					}
					pat := "type:" + after
					if x == k {
						pat += ":" + before
					}
					addName(si, x, e, pat, placeTypeWords[after], inclusiveTypes[after])
				}
			}
			k = e + 1
		}
	}
	// the dateline's place, and every candidate's country
	if dl := m.datelineLoc(a.dateline, places); dl != "" {
		get(dl).dateline = true
		if k := strings.IndexByte(dl, ':'); k >= 0 {
			get(dl[:k]).dateline = true
		}
	}
	n := len(out)
	for _, c := range out[:n] {
		if strings.IndexByte(c.loc, ':') >= 0 {
			get(locCountry(c.loc))
		}
	}
	return out
}

// datelineLoc is the location of the dateline's place, else of its country, else "".
func (m *Model) datelineLoc(dateline string, places map[string]string) string {
	place, country := datelineParts(dateline)
	if loc, ok := places[Normalize(place)]; ok {
		return loc
	}
	if loc, ok := places[Normalize(country)]; ok {
		return loc
	}
	return ""
}

// within reports whether location loc lies inside location outer: it starts with
// outer + ":" (strings.HasPrefix without building the prefix; placeFeatures tests every
// pair of candidates).
func within(loc, outer string) bool {
	return len(loc) > len(outer) && loc[len(outer)] == ':' && strings.HasPrefix(loc, outer)
}

// locCountry is the country of location loc as written: its first component.
func locCountry(loc string) string {
	if k := strings.IndexByte(loc, ':'); k >= 0 {
		loc = loc[:k]
	}
	return strings.TrimSpace(loc)
}

// datelineParts splits a dateline "PLACE (COUNTRY), DATE" into its place and country.
func datelineParts(dateline string) (place, country string) {
	dl := dateline
	if k := strings.LastIndexByte(dl, ','); k >= 0 {
		dl = dl[:k]
	}
	place = dl
	if k := strings.IndexByte(dl, '('); k >= 0 {
		place = dl[:k]
		country = strings.Trim(dl[k:], "() ")
	}
	return place, country
}

var placePrevWords = wordSet(`in near at from to of outside between the and , on by into toward towards`)
var placeNextWords = wordSet(`department province city town municipality , . and of on in where neighborhood district region area`)

func sentDistBin(d int) string {
	switch {
	case d < -3:
		return "<-3"
	case d < -1:
		return "-3..-2"
	case d == -1:
		return "-1"
	case d == 0:
		return "0"
	case d == 1:
		return "1"
	case d == 2:
		return "2"
	case d <= 5:
		return "3..5"
	}
	return ">5"
}

// placeFeatures describes candidate c for the incident reported from sentence es on.
func placeFeatures(lex *Lexicon, a *analysis, cands []*placeCand, c *placeCand, es int, sr []float64, order map[*placeCand]int, out fvec) fvec {
	out = append(out, hstr(fnvOff, "bias"))
	kind := "gaz"
	switch {
	case c.pattern != "":
		kind = "pat"
	case !c.gaz && c.dateline:
		kind = "dl"
	case !c.gaz:
		kind = "derived"
	}
	typ := locType(c.loc)
	isCountry := !strings.Contains(c.loc, ":")
	depth := itoa(strings.Count(c.loc, ":"))
	out.add("kind", kind)
	out.add("type", typ)
	out.add("kindtype", kind, typ)
	out.add("depth", depth)
	out.add("dl", boolStr(c.dateline), kind)
	out.add("dlcountry", boolStr(c.dateline), boolStr(isCountry))
	if c.pattern != "" {
		for _, p := range strings.Fields(c.pattern) {
			out.add("pat", p)
		}
		words := strings.Fields(c.name)
		minDF, maxDF := int32(1<<30), int32(0)
		for _, w := range words {
			if nameConnectors[w] {
				continue
			}
			df := int32(0)
			if lex != nil {
				df = lex.WordDF[w]
			}
			minDF, maxDF = min(minDF, df), max(maxDF, df)
		}
		out.add("patn", itoa(min(len(words), 4)))
		out.add("patmindf", binLog(minDF))
		out.add("patmaxdf", binLog(maxDF))
		out.add("pats", boolStr(strings.HasSuffix(c.name, "s")))
		out.add("patconn", boolStr(len(words) > 1 && nameConnectors[words[0]]))
	}
	if len(c.ments) == 0 {
		out.add("nomention", typ)
	} else {
		first := c.ments[0]
		out.add("firstd", kind, sentDistBin(first.sent-es))
		near, nearAfter := 1<<30, 1<<30
		inEs, trigNear := false, false
		bestRel := 0.0
		for _, mt := range c.ments {
			d := mt.sent - es
			if abs(d) < abs(near) || (abs(d) == abs(near) && d > near) {
				near = d
			}
			if d >= 0 && d < nearAfter {
				nearAfter = d
			}
			if d == 0 {
				inEs = true
			}
			if mt.sent < len(sr) && sr[mt.sent] > bestRel {
				bestRel = sr[mt.sent]
			}
			if len(a.sentTrig[mt.sent]) > 0 && abs(d) <= 2 {
				trigNear = true
			}
			prev, next := "<s>", "</s>"
			if mt.i > a.seg.Sentences[mt.sent].First {
				prev = a.norms[mt.i-1]
			}
			if mt.j < a.seg.Sentences[mt.sent].Last {
				next = a.norms[mt.j]
			}
			if !placePrevWords[prev] {
				prev = "other"
			}
			if !placeNextWords[next] {
				next = "other"
			}
			out.add("prev", prev)
			out.add("next", next)
			out.add("prevnext", prev, next)
			out.add("prevtype", prev, typ)
			if abs(d) <= 1 {
				out.add("prevnear", prev, sentDistBin(d))
			}
		}
		out.add("near", kind, sentDistBin(near))
		out.add("neartype", typ, sentDistBin(near))
		if nearAfter < 1<<30 {
			out.add("nearafter", kind, sentDistBin(nearAfter))
		} else {
			out.add("nearafter", kind, "none")
		}
		out.add("ines", boolStr(inEs), kind)
		out.add("trignear", boolStr(trigNear))
		out.add("rel", relBins[min(int(bestRel*10), 9)])
		out.add("count", kind, binCount(int32(len(c.ments))))
		out.add("order", kind, itoa(min(order[c], 4)))
	}
	// places inside it or around it that the text names
	hasChild, hasParent := false, false
	nSpecific, nSpecificNear := 0, 0
	for _, o := range cands {
		if o == c || len(o.ments) == 0 {
			continue
		}
		if within(o.loc, c.loc) {
			hasChild = true
		}
		if within(c.loc, o.loc) {
			hasParent = true
		}
		if strings.Contains(o.loc, ":") {
			nSpecific++
			for _, mt := range o.ments {
				if mt.sent >= es && mt.sent <= es+2 {
					nSpecificNear++
					break
				}
			}
		}
	}
	// is its country named in the text, and another country?
	ownCountry, otherCountry, otherNear := false, false, false
	for _, o := range cands {
		if len(o.ments) == 0 || strings.Contains(o.loc, ":") {
			continue
		}
		if o.country == c.country {
			ownCountry = true
			continue
		}
		otherCountry = true
		for _, mt := range o.ments {
			if mt.sent >= es-1 && mt.sent <= es+2 {
				otherNear = true
			}
		}
	}
	out.add("owncountry", boolStr(ownCountry), boolStr(isCountry), boolStr(c.dateline))
	out.add("othercountry", boolStr(otherCountry), boolStr(otherNear), boolStr(isCountry))
	out.add("child", boolStr(hasChild), boolStr(isCountry))
	out.add("parent", boolStr(hasParent))
	if isCountry {
		out.add("cspec", itoa(min(nSpecific, 3)))
		out.add("cspecnear", itoa(min(nSpecificNear, 3)))
		out.add("cspecdl", itoa(min(nSpecificNear, 3)), boolStr(c.dateline))
	}
	out.add("esbin", sentDistBin(es))
	return out
}

// placeOrder ranks the mentioned candidates by their first mention.
func placeOrder(cands []*placeCand) map[*placeCand]int {
	var ms []*placeCand
	for _, c := range cands {
		if len(c.ments) > 0 {
			ms = append(ms, c)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].ments[0].i < ms[j].ments[0].i })
	out := map[*placeCand]int{}
	for k, c := range ms {
		out[c] = k
	}
	return out
}

// rankPlace is the location the place model prefers for the incident reported from
// sentence es on, or "" when there is no candidate.
func (m *Model) rankPlace(a *analysis, es int, sr []float64) string {
	if !a.placeDone {
		a.placeCands = m.placeCands(a, m.Places)
		a.placeOrder = placeOrder(a.placeCands)
		a.placeDone = true
	}
	cands, order := a.placeCands, a.placeOrder
	if len(cands) == 0 {
		return ""
	}
	best, bestP := "", -1.0
	p := make([]float64, 2)
	var f fvec
	for _, c := range cands {
		f = placeFeatures(m.Lex, a, cands, c, es, sr, order, f[:0])
		m.Place.probs(f, p)
		if p[1] > bestP {
			best, bestP = c.loc, p[1]
		}
	}
	return best
}

// placeSamples are the ranker's training samples of one document: its candidates under
// gazetteer places, labelled by whether their most specific place is one of the keys'.
func (m *Model) placeSamples(a *analysis, places map[string]string, keys Doc, doc int32, out []sample) []sample {
	gold := map[string]bool{}
	for _, t := range keys.Templates {
		for _, f := range t.IncidentLocation {
			for _, v := range f.Value {
				_, sp := ParseLocation(v)
				for _, s := range sp {
					gold[s] = true
				}
			}
		}
	}
	if len(gold) == 0 {
		return out
	}
	cands := m.placeCands(a, places)
	order := placeOrder(cands)
	es := eventSentence(a)
	sr := m.sentRel(a)
	for _, c := range cands {
		y := 0
		if gold[c.name] {
			y = 1
		}
		out = append(out, sample{f: placeFeatures(m.Lex, a, cands, c, es, sr, order, nil), y: y, doc: doc})
	}
	return out
}

// trainPlace fits the place ranker on the documents keep accepts, each with a gazetteer
// learned from the keys of the accepted documents outside its block.
func (m *Model) trainPlace(as []*analysis, keys []Doc, keep func(i int) bool, seed uint64) *Linear {
	n := len(as)
	gaz := make([]map[string]string, placeBlocks)
	for b := range gaz {
		var tk []Doc
		for i := range keys {
			if keep(i) && foldOf(i, n, placeBlocks) != b {
				tk = append(tk, keys[i])
			}
		}
		gaz[b] = learnPlaces(tk)
	}
	var groups [][]sample
	for i, a := range as {
		if !keep(i) {
			continue
		}
		if g := m.placeSamples(a, gaz[foldOf(i, n, placeBlocks)], keys[i], int32(i), nil); len(g) > 0 {
			groups = append(groups, g)
		}
	}
	o := placeOpts
	o.Seed = seed
	if placeListwise {
		return trainListwise(groups, o)
	}
	var samples []sample
	for _, g := range groups {
		samples = append(samples, g...)
	}
	return trainLinear(samples, o)
}

// placeListwise trains the ranker on each document's candidates together (softmax over
// them) rather than on each candidate alone.
var placeListwise = true

// trainListwise fits a linear scorer over groups of samples (the candidates of one
// document) by maximising the softmax probability of the group's positive candidates,
// with AdaGrad. It returns a two-class Linear whose class-1 score is the candidate's
// score, so probs ranks candidates as the scorer does. Groups without a positive are
// skipped.
func trainListwise(groups [][]sample, o trainOpts) *Linear {
	df := map[uint64]int{}
	for _, g := range groups {
		seen := map[uint64]bool{}
		for _, s := range g {
			for _, h := range s.f {
				if !seen[h] {
					seen[h] = true
					df[h]++
				}
			}
		}
	}
	m := &Linear{K: 2, Index: map[uint64]int32{}}
	for _, g := range groups {
		for _, s := range g {
			for _, h := range s.f {
				if _, ok := m.Index[h]; !ok && df[h] >= o.MinDF {
					m.Index[h] = int32(len(m.Index))
				}
			}
		}
	}
	W := make([]float64, len(m.Index))
	G := make([]float64, len(m.Index))
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	var sc, q []float64
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, gi := range order {
			g := groups[gi]
			sc, q = sc[:0], q[:0]
			pos := false
			for _, s := range g {
				v := 0.0
				for _, h := range s.f {
					if r, ok := m.Index[h]; ok {
						v += W[r]
					}
				}
				sc = append(sc, v)
				if s.y == 1 {
					pos = true
				}
			}
			if !pos {
				continue
			}
			softmax(sc)
			zp := 0.0
			for k, s := range g {
				if s.y == 1 {
					zp += sc[k]
				}
			}
			for k, s := range g {
				t := 0.0
				if s.y == 1 {
					t = sc[k] / zp
				}
				grad := sc[k] - t
				if grad == 0 {
					continue
				}
				for _, h := range s.f {
					r, ok := m.Index[h]
					if !ok {
						continue
					}
					gr := grad + o.L2*W[r]
					G[r] += gr * gr
					W[r] -= o.LR * gr / math.Sqrt(G[r]+1e-8)
				}
			}
		}
	}
	m.W = make([]float32, 2*len(W))
	for i, w := range W {
		m.W[2*i+1] = float32(math.Round(w*1e4) / 1e4)
	}
	m.prune(pruneBelow)
	m.finalize()
	return m
}
