package muc4

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// FeatureVersion names the feature set the code computes. The embedded model records the
// version it was trained with; a mismatch means the data must be regenerated.
const FeatureVersion = 12

var noStrFeature = false

// useForeign gives the candidate model, per role, the number of the span's words foreign
// to the role (Lexicon.foreign).
var useForeign = false

// maxSpan is the longest candidate span in tokens.
const maxSpan = 8

// stopwords may not begin or end a candidate span; internal ones may sit inside one
// ("HEADQUARTERS OF THE ...", "BANK OF BOGOTA"), the others end it.
var stopwords = wordSet(`a an the of and or in on at to by for from with that which who whom
whose this these those it its he she they them his her their him we our you i was were is are
be been being has have had will would could should may might must can also not no as but if
than then there here when where while after before during since about into over under against
between said says say according today yesterday tomorrow last night morning afternoon evening
week month year ago other others another some any all both each several many more most such
only very so what how why again however because although though until upon within without
toward towards near up down out off among around through de del la las los el y 's s do does
did being one two three four five six seven eight nine ten same new own early late`)

// numberStarts lets a span begin with a startOK word ("TWO SOLDIERS", "SEVERAL MEN").
var numberStarts = false

var internalOK = wordSet(`of the and de del la las los el y 's for a`)

// startOK are stopwords that may begin a span ("LAS CANAS BRIDGE", "TWO SOLDIERS").
var startOK = wordSet(`la las los el one two three four five six seven eight nine ten several`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// trigger categories: a word stem prefix and the category it signals.
var triggerStems = []struct{ stem, cat string }{
	{"kill", "kill"}, {"murder", "kill"}, {"assassin", "kill"}, {"massacre", "kill"},
	{"slay", "kill"}, {"slain", "kill"}, {"execut", "kill"}, {"dead", "kill"}, {"death", "kill"},
	{"died", "kill"}, {"bodies", "kill"}, {"body", "kill"}, {"corpse", "kill"},
	{"attack", "attack"}, {"ambush", "attack"}, {"raid", "attack"}, {"shot", "attack"},
	{"shoot", "attack"}, {"fired", "attack"}, {"gunfire", "attack"}, {"machinegun", "attack"},
	{"strafe", "attack"}, {"assault", "attack"}, {"harass", "attack"}, {"clash", "clash"},
	{"combat", "clash"}, {"fight", "clash"},
	{"bomb", "bomb"}, {"explo", "bomb"}, {"dynamit", "bomb"}, {"blast", "bomb"},
	{"detonat", "bomb"}, {"grenade", "bomb"}, {"device", "bomb"}, {"charge", "bomb"},
	{"kidnap", "kidnap"}, {"abduct", "kidnap"}, {"hostage", "kidnap"}, {"captiv", "kidnap"},
	{"ransom", "kidnap"}, {"releas", "kidnap"}, {"seiz", "kidnap"},
	{"burn", "arson"}, {"fire", "arson"}, {"torch", "arson"}, {"arson", "arson"}, {"blaze", "arson"},
	{"destroy", "damage"}, {"damag", "damage"}, {"wound", "damage"}, {"injur", "damage"},
	{"hurt", "damage"}, {"destruct", "damage"}, {"sabotag", "damage"}, {"victim", "damage"},
	{"claim", "claim"}, {"responsib", "claim"}, {"blame", "claim"}, {"accus", "claim"},
	{"attribut", "claim"}, {"perpetrat", "claim"}, {"suspect", "claim"}, {"arrest", "claim"},
	{"guerrill", "perp"}, {"terroris", "perp"}, {"rebel", "perp"}, {"subversiv", "perp"},
	{"gunm", "perp"}, {"command", "perp"}, {"armed", "perp"}, {"hooded", "perp"},
	{"squad", "perp"}, {"traffick", "perp"},
	{"rob", "rob"}, {"stole", "rob"}, {"steal", "rob"}, {"hijack", "rob"},
	{"threat", "threat"}, {"warn", "threat"},
}

// stemsByFirst indexes triggerStems by their first byte.
var stemsByFirst = func() (out [256][]int) {
	for i, t := range triggerStems {
		out[t.stem[0]] = append(out[t.stem[0]], i)
	}
	return
}()

func triggerCat(w string) string {
	if w == "" {
		return ""
	}
	for _, i := range stemsByFirst[w[0]] {
		if strings.HasPrefix(w, triggerStems[i].stem) {
			return triggerStems[i].cat
		}
	}
	return ""
}

// cand is one candidate span: tokens [i, j) of sentence sent.
type cand struct {
	i, j int
	sent int
	norm string
	// str is the index of norm among the document's distinct strings (analysis.strCount) for the candidates of a.cands, so that
	// what is per string is kept in slices rather than maps keyed by it; -1 for others
	str int32
}

// analysis is a segmented document with its candidates.
type analysis struct {
	// place candidates under the model's gazetteer and their order, built by rankPlace
	// once per document for all its incidents
	placeCands []*placeCand
	placeOrder map[*placeCand]int
	placeDone  bool

	seg   *segment.Doc
	norms []string // token norms
	clean []string // token norms without punctuation; "" for articles
	trig  []string // trigger category per token, "" for none
	wf    []uint32 // wordFlags[norm] per token
	cands []cand
	// byteSig of each candidate's norm, for forms
	candSig []uint64
	// the number of candidates of each distinct candidate string, in order of the
	// strings' first occurrence (cand.str)
	strCount []int32
	// the document's dateline ("LIMA, 10 JAN 90"), if any
	dateline string
	// trigger tokens of each sentence, in order
	sentTrig [][]int
	// alias pairs read from glosses: "FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN]"
	alias map[[2]string]bool
}

// isAlias reports whether the document glosses x as y or y as x.
func (a *analysis) isAlias(x, y string) bool {
	return a.alias[[2]string{x, y}] || a.alias[[2]string{y, x}]
}

// findGlosses records "X [Y]" and "X (Y)" pairs where X is any candidate ending right
// before the bracket and Y the bracketed text.
func (a *analysis) findGlosses() {
	toks := a.seg.Tokens
	for k, t := range toks {
		if t.Kind != segment.Punct || (t.Norm != "[" && t.Norm != "(") {
			continue
		}
		closer := "]"
		if t.Norm == "(" {
			closer = ")"
		}
		for e := k + 1; e < len(toks) && e <= k+9; e++ {
			if toks[e].Norm == closer {
				if e > k+1 {
					y := a.spanNorm(k+1, e)
					// the candidates ending at k, in order: a.cands is sorted by
					// start, and they start at most maxSpan tokens before k
					c0 := sort.Search(len(a.cands), func(n int) bool { return a.cands[n].i >= k-maxSpan })
					for _, c := range a.cands[c0:] {
						if c.i >= k {
							break
						}
						if c.j == k && c.norm != y && y != "" {
							if a.alias == nil {
								a.alias = map[[2]string]bool{}
							}
							a.alias[[2]string{c.norm, y}] = true
						}
					}
				}
				break
			}
			if toks[e].Kind == segment.Punct && toks[e].Norm != "-" && toks[e].Norm != "." {
				break
			}
		}
	}
}

func analyse(text string) *analysis {
	a := &analysis{seg: segment.New(text)}
	toks := a.seg.Tokens
	a.norms = make([]string, len(toks))
	a.clean = make([]string, len(toks))
	a.trig = make([]string, len(toks))
	a.wf = make([]uint32, len(toks))
	for i, t := range toks {
		a.norms[i] = t.Norm
		a.wf[i] = wordFlags[t.Norm]
		a.clean[i] = cleanTok(t.Norm)
		if t.Kind == segment.Word {
			a.trig[i] = triggerCat(t.Norm)
		}
	}
	strID := make(map[string]int32, len(toks))
	a.sentTrig = make([][]int, len(a.seg.Sentences))
	for si, s := range a.seg.Sentences {
		for k := s.First; k < s.Last; k++ {
			if a.trig[k] != "" {
				a.sentTrig[si] = append(a.sentTrig[si], k)
			}
		}
	}
	// The norms of the spans starting at i are prefixes of one another (spanNorm of
	// [i, j+1) extends that of [i, j)), so they are built in one buffer, turned into
	// one string, and each candidate's norm is a prefix of it.
	a.cands = make([]cand, 0, len(toks))
	var buf []byte
	type pending struct{ j, n int }
	var ends []pending
	for si, s := range a.seg.Sentences {
		for i := s.First; i < s.Last; i++ {
			if toks[i].Kind == segment.Punct || (a.isStop(i) && a.wf[i]&wStart == 0) {
				continue
			}
			buf, ends = buf[:0], ends[:0]
			for j := i + 1; j <= s.Last && j-i <= maxSpan; j++ {
				t := toks[j-1]
				if t.Kind == segment.Punct {
					break
				}
				buf = a.appendNormTok(buf, i, j-1)
				if a.isStop(j - 1) {
					if a.wf[j-1]&wInternal == 0 && !(numberStarts && j-1 == i) {
						break
					}
					continue
				}
				if len(buf) == 0 {
					continue
				}
				ends = append(ends, pending{j, len(buf)})
			}
			if len(ends) == 0 {
				continue
			}
			full := string(buf)
			for _, e := range ends {
				n := full[:e.n]
				id, ok := strID[n]
				if !ok {
					id = int32(len(a.strCount))
					strID[n] = id
					a.strCount = append(a.strCount, 0)
				}
				a.strCount[id]++
				a.cands = append(a.cands, cand{i: i, j: e.j, sent: si, norm: n, str: id})
			}
		}
	}
	a.candSig = make([]uint64, len(a.cands))
	for ci, c := range a.cands {
		a.candSig[ci] = byteSig(c.norm)
	}
	a.findGlosses()
	return a
}

// isASCIIPunct marks the bytes of asciiPunct.
var isASCIIPunct = func() (t [256]bool) {
	for i := 0; i < len(asciiPunct); i++ {
		t[asciiPunct[i]] = true
	}
	return
}()

// hasASCIIPunct is strings.ContainsAny(s, asciiPunct), by table.
func hasASCIIPunct(s string) bool {
	for i := 0; i < len(s); i++ {
		if isASCIIPunct[s[i]] {
			return true
		}
	}
	return false
}

func cleanTok(n string) string {
	if n == "a" || n == "an" || n == "the" {
		return ""
	}
	if !hasASCIIPunct(n) {
		return n
	}
	var b strings.Builder
	for _, r := range n {
		if r < 0x80 && strings.ContainsRune(asciiPunct, r) {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s == "a" || s == "an" || s == "the" {
		return ""
	}
	return s
}

// spanNorm is Normalize of the span's text, built from the tokens.
func (a *analysis) spanNorm(i, j int) string {
	var b []byte
	for k := i; k < j; k++ {
		b = a.appendNormTok(b, i, k)
	}
	return string(b)
}

// appendNormTok appends token k of a span starting at token i to b, the span's norm so
// far: its clean form, after a space if it is apart from the previous token.
func (a *analysis) appendNormTok(b []byte, i, k int) []byte {
	c := a.clean[k]
	if c == "" {
		return b
	}
	toks := a.seg.Tokens
	if len(b) > 0 && (k == i || toks[k].Start > toks[k-1].End || a.clean[k-1] == "") {
		b = append(b, ' ')
	}
	return append(b, c...)
}

// prefixNorms sets buf to the norm of span [i, hi) and ends[k-i] to the length of the
// norm of [i, k+1) for every k in [i, hi): the norms of the spans starting at i are
// prefixes of one another, so each is buf[:ends[j-1-i]], looked up in a map without
// allocating.
func (a *analysis) prefixNorms(buf []byte, i, hi int, ends []int) []byte {
	buf = buf[:0]
	for k := i; k < hi; k++ {
		buf = a.appendNormTok(buf, i, k)
		ends[k-i] = len(buf)
	}
	return buf
}

// spanText is the span as written, whitespace squeezed.
func (a *analysis) spanText(c cand) string {
	s := a.seg.Text[a.seg.Tokens[c.i].Start:a.seg.Tokens[c.j-1].End]
	return strings.Join(strings.Fields(s), " ")
}

// hashing of features: FNV-1a over a prefix and values.
const (
	fnvOff   = 14695981039346656037
	fnvPrime = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

type fvec []uint64

func (f *fvec) add(p string, vals ...string) {
	f.addHashed(hstr(fnvOff, p), vals...)
}

// addHashed is add with the prefix given by its hash, hstr(fnvOff, p): the hash of a
// prefix built from parts (p = name + "g") is hstr of the parts in turn, so callers
// adding several features under one name need neither build nor rehash it.
func (f *fvec) addHashed(h uint64, vals ...string) {
	for _, v := range vals {
		h ^= 0x1f
		h *= fnvPrime
		h = hstr(h, v)
	}
	*f = append(*f, h)
}

var countBins = [...]string{"0", "1", "2", "3", "3", "3", "4", "4", "4", "4", "4"}

func binCount(n int32) string {
	if n < 0 {
		n = 0
	}
	if int(n) < len(countBins) {
		return countBins[n]
	}
	return "5"
}

func binFrac(x float64) string {
	switch {
	case x <= 0:
		return "0"
	case x < 0.05:
		return "1"
	case x < 0.15:
		return "2"
	case x < 0.3:
		return "3"
	case x < 0.5:
		return "4"
	case x < 0.75:
		return "5"
	}
	return "6"
}

var smallInts = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}

func itoa(n int) string {
	if n >= 0 && n < len(smallInts) {
		return smallInts[n]
	}
	if n < 0 {
		return "neg"
	}
	return "big"
}

// binLog is "0" for n <= 0, else itoa(1 + floor(log2 n)): the bit length of n.
func binLog(n int32) string {
	if n <= 0 {
		return "0"
	}
	return itoa(bits.Len32(uint32(n)))
}

// docGold is what leave-one-out feature computation subtracts for a training document.
type docGold struct {
	str   map[string]uint8 // normalized gold mention -> role bitmask
	head  map[string]uint8
	first map[string]uint8
	pat   map[string]*Stat // the document's own pattern counts
}

var relBins = [...]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9"}

// Features of a candidate split into parts so that inference can cache them: the left
// part depends only on the first token, the right part only on the last token, the
// sentence part only on the sentence; the pair part on the whole span. Training
// concatenates all parts, and a linear score is the sum of the parts' scores.

// candFeatures computes all features of candidate c. sc.lex holds the priors; with sc.own
// set, the document's own contribution to lex is subtracted (leave-one-out for training).
func (a *analysis) candFeatures(c cand, sc *candCtx, rel float64, srel []float64, out fvec) fvec {
	out = a.leftFeatures(c.i, c.sent, sc, out)
	out = a.rightFeatures(c.j, c.sent, sc, out)
	out = a.sentFeatures(c.sent, rel, srel, out)
	return a.pairFeatures(c, sc, rel, out)
}

// prior adds the features of w's entry st, ok in the priors: per role, how many
// training documents it filled the role in and in what share of those it occurred in
// (leave-one-out with own).
func prior(out *fvec, name string, st *Stat, ok bool, w string, own *docGold, ownm func(*docGold) map[string]uint8) {
	hn := hstr(fnvOff, name)
	if !ok {
		out.addHashed(hstr(hn, "_unseen"))
		return
	}
	occ := st.Occ
	var om uint8
	if own != nil {
		occ--
		om = ownm(own)[w]
	}
	any := false
	hg, hp := hstr(hn, "g"), hstr(hn, "p")
	for r := 0; r < NRoles; r++ {
		g := st.Gold[r]
		if om&(1<<r) != 0 {
			g--
		}
		if g > 0 && occ > 0 {
			any = true
			out.addHashed(hg, Roles[r], binCount(g))
			out.addHashed(hp, Roles[r], binFrac(float64(g)/float64(occ)))
		}
	}
	if !any {
		out.addHashed(hstr(hn, "_none"))
	}
}

// bestRole is the role w most often filled in training (leave-one-out), or -1; st, ok
// is its entry in the priors.
func bestRole(st *Stat, ok bool, w string, own *docGold, ownm func(*docGold) map[string]uint8) int {
	if !ok {
		return -1
	}
	var om uint8
	if own != nil {
		om = ownm(own)[w]
	}
	best, bg := -1, int32(0)
	for r := 0; r < NRoles; r++ {
		g := st.Gold[r]
		if om&(1<<r) != 0 {
			g--
		}
		if g > bg {
			best, bg = r, g
		}
	}
	return best
}

func ownStr(g *docGold) map[string]uint8   { return g.str }
func ownHead(g *docGold) map[string]uint8  { return g.head }
func ownFirst(g *docGold) map[string]uint8 { return g.first }

// leftFeatures depend on the span's first token i.
func (a *analysis) leftFeatures(i, si int, sc *candCtx, out fvec) fvec {
	sent := a.seg.Sentences[si]
	first := a.clean[i]
	out = append(out, hstr(fnvOff, "bias"))
	out.add("f", first)
	st, ok := sc.firstStat(i)
	prior(&out, "fs", st, ok, first, sc.own, ownFirst)
	out.add("fdf", binLog(sc.df(i)))
	l1, l2 := "<s>", "<s>"
	if i-1 >= sent.First {
		l1 = a.norms[i-1]
		if i-2 >= sent.First {
			l2 = a.norms[i-2]
		}
	}
	out.add("l1", l1)
	out.add("l2", l2)
	out.add("l2l1", l2, l1)
	for k, d := i-1, 0; k >= sent.First && d < 4; k, d = k-1, d+1 {
		out.add("lw", a.norms[k])
	}
	for k, d := i-1, 1; k >= sent.First && d <= 8; k, d = k-1, d+1 {
		if a.trig[k] != "" {
			out.add("lt", a.trig[k], distBin(d))
			out.add("ltw", a.norms[k])
			break
		}
	}
	return out
}

// rightFeatures depend on the span's end j (its head is token j-1).
func (a *analysis) rightFeatures(j, si int, sc *candCtx, out fvec) fvec {
	sent := a.seg.Sentences[si]
	head := a.clean[j-1]
	out.add("h", head)
	st, ok := sc.headStat(j - 1)
	prior(&out, "hd", st, ok, head, sc.own, ownHead)
	out.add("hdf", binLog(sc.df(j-1)))
	r1, r2 := "</s>", "</s>"
	if j < sent.Last {
		r1 = a.norms[j]
		if j+1 < sent.Last {
			r2 = a.norms[j+1]
		}
	}
	out.add("r1", r1)
	out.add("r2", r2)
	out.add("r1r2", r1, r2)
	out.add("hr1", head, r1)
	for k, d := j, 0; k < sent.Last && d < 4; k, d = k+1, d+1 {
		out.add("rw", a.norms[k])
	}
	for k, d := j, 1; k < sent.Last && d <= 8; k, d = k+1, d+1 {
		if a.trig[k] != "" {
			out.add("rt", a.trig[k], distBin(d))
			out.add("rtw", a.norms[k])
			break
		}
	}
	return out
}

// sentFeatures depend on the sentence and the document.
func (a *analysis) sentFeatures(si int, rel float64, srel []float64, out fvec) fvec {
	sb := relBins[int(srel[si]*10)]
	out.add("srel", sb)
	out.add("srel_rel", sb, relBins[int(rel*10)])
	prev, next := 0.0, 0.0
	if si > 0 {
		prev = srel[si-1]
	}
	if si+1 < len(srel) {
		next = srel[si+1]
	}
	out.add("srel_prev", relBins[int(prev*10)])
	out.add("srel_next", relBins[int(next*10)])
	var seen [16]string
	ns := 0
	for _, k := range a.sentTrig[si] {
		t := a.trig[k]
		dup := false
		for _, s := range seen[:ns] {
			if s == t {
				dup = true
				break
			}
		}
		if !dup && ns < len(seen) {
			seen[ns] = t
			ns++
			out.add("st", t)
		}
	}
	out.add("si", itoa(min(si, 6)))
	out.add("rel", relBins[int(rel*10)])
	return out
}

// pairFeatures depend on the whole span.
func (a *analysis) pairFeatures(c cand, sc *candCtx, rel float64, out fvec) fvec {
	lex, own := sc.lex, sc.own
	n := c.j - c.i
	out.add("len", itoa(n))
	if !noStrFeature {
		out.add("s", c.norm)
	}
	for k := c.i + 1; k < c.j-1; k++ {
		out.add("w", a.norms[k])
	}
	st, ok := sc.strStat(c)
	prior(&out, "s", st, ok, c.norm, own, ownStr)
	minDF, maxDF := int32(math.MaxInt32), int32(0)
	for k := c.i; k < c.j; k++ {
		if a.clean[k] == "" || a.isStop(k) {
			continue
		}
		d := sc.df(k)
		minDF = min(minDF, d)
		maxDF = max(maxDF, d)
	}
	out.add("mindf", binLog(minDF), itoa(min(n, 4)))
	// conjunctions of what the span looks like with what its sentence reports
	kind := "other"
	switch {
	case n >= 2 && n <= 4 && maxDF <= 40:
		kind = "name"
	default:
		hs, ok := sc.headStat(c.j - 1)
		if r := bestRole(hs, ok, a.clean[c.j-1], own, ownHead); r >= 0 {
			kind = Roles[r]
		}
	}
	out.add("kind", kind)
	if useForeign {
		// words common in the training texts but never in a filler of the role
		for r := 0; r < NRoles; r++ {
			nf := 0
			for k := c.i; k < c.j; k++ {
				if lex.foreign(r, a.clean[k]) {
					nf++
				}
			}
			out.add("foreign", Roles[r], itoa(min(nf, 2)))
		}
	}
	sent := a.seg.Sentences[c.sent]
	var seen [16]string
	ns := 0
	for _, k := range a.sentTrig[c.sent] {
		t := a.trig[k]
		if (k >= c.i && k < c.j) || slices.Contains(seen[:ns], t) || ns == len(seen) {
			continue
		}
		seen[ns] = t
		ns++
		out.add("kind_st", kind, t)
	}
	if c.i > sent.First {
		out.add("kind_l1", kind, a.norms[c.i-1])
	}
	if usePatterns {
		lp, rp := a.leftPattern(c.i, c.sent), a.rightPattern(c.j, c.sent)
		out.add("kind_lp", kind, lp)
		out.add("kind_rp", kind, rp)
		patternPrior(&out, "lpat", lex, lp, own, kind)
		patternPrior(&out, "rpat", lex, rp, own, kind)
	}
	if c.j < sent.Last {
		out.add("kind_r1", kind, a.norms[c.j])
	}
	l1 := "<s>"
	if c.i-1 >= a.seg.Sentences[c.sent].First {
		l1 = a.norms[c.i-1]
	}
	out.add("l1h", l1, a.clean[c.j-1])
	for k := c.i; k < c.j; k++ {
		if a.trig[k] != "" {
			out.add("in_t", a.trig[k])
		}
	}
	out.add("cnt", itoa(min(int(a.strCount[c.str]), 4)))
	out.add("rel_len", relBins[int(rel*10)], itoa(min(n, 4)))
	if useVicCtx && useVicFeat && kind == "name" {
		link, rc, rw := sc.rightCtx(c.j, c.sent)
		out.add("vr", link, rc)
		if link != "d" {
			out.add("vrw", link, rw)
		}
		lc, lp := sc.leftCtx(c.i, c.sent)
		out.add("vl", lc, lp)
		out.add("vlr", lc, rc)
		nv, nd := a.verbLike(c)
		out.add("morph", itoa(min(nv, 2)), itoa(min(nd, 2)))
	}
	return out
}

func distBin(d int) string {
	switch {
	case d <= 1:
		return "1"
	case d <= 2:
		return "2"
	case d <= 4:
		return "4"
	}
	return "8"
}

// docFeatures are the features of the relevance / incident type model: the document's
// words (no bigrams: with them the model memorises events and is confidently wrong on new
// ones), its dateline, its triggers, and its shape (docShapeFeatures).
func (a *analysis) docFeatures(out fvec) fvec {
	out = append(out, hstr(fnvOff, "bias"))
	seen := newHashSet(len(a.seg.Tokens) + 64)
	add := func(h uint64) {
		if seen.add(h) {
			out = append(out, h)
		}
	}
	for _, w := range strings.Fields(Normalize(a.dateline)) {
		if w[0] >= '0' && w[0] <= '9' {
			continue
		}
		if _, ok := months[w]; ok {
			continue
		}
		add(hstr(hstr(fnvOff, "dl"), w))
	}
	for i, t := range a.seg.Tokens {
		if t.Kind != segment.Word {
			continue
		}
		w := a.norms[i]
		add(hstr(hstr(fnvOff, "u"), w))
		if a.trig[i] != "" {
			s := a.seg.SentenceOf(i)
			add(hstr(hstr(fnvOff, "tc"), a.trig[i]))
			if s < 3 {
				add(hstr(hstr(fnvOff, "tc_early"), a.trig[i]))
			}
		}
	}
	a.docShapeFeatures(add)
	return out
}

// hashSet is a set of feature hashes (open addressing, linear probing): docFeatures adds
// every token's, and a map's hashing and growth cost more than the features do.
type hashSet struct {
	slots []uint64 // 0 is an empty slot
	mask  uint64
	zero  bool // whether 0 is in the set
	n     int
}

// newHashSet makes a set with room for n hashes before it grows.
func newHashSet(n int) hashSet {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return hashSet{slots: make([]uint64, size), mask: uint64(size - 1)}
}

// add adds h to the set and reports whether it was new.
func (s *hashSet) add(h uint64) bool {
	if h == 0 {
		added := !s.zero
		s.zero = true
		return added
	}
	i := mix(h) & s.mask
	for ; s.slots[i] != 0; i = (i + 1) & s.mask {
		if s.slots[i] == h {
			return false
		}
	}
	s.slots[i] = h
	s.n++
	if 2*s.n > len(s.slots) {
		s.grow()
	}
	return true
}

// grow doubles the table, keeping it at most half full.
func (s *hashSet) grow() {
	old := s.slots
	s.slots = make([]uint64, 2*len(old))
	s.mask = uint64(len(s.slots) - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		i := mix(h) & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = h
	}
}

// timeWords place an event on a recent day ("YESTERDAY", "LAST NIGHT", "ON MONDAY").
var timeWords = wordSet(`yesterday today tonight night morning afternoon evening dawn ago
monday tuesday wednesday thursday friday saturday sunday`)

// milWords name armed forces and their fighting; civWords name noncombatants and civilian
// property. A report of combat between troops and guerrillas is not a terrorist incident;
// one that harms civilians is.
var milWords = wordSet(`soldier soldiers troops army military battalion brigade garrison patrol
armed forces unit units detachment infantry air force commando combat combats clash clashes
offensive fighting skirmish skirmishes casualties positions guerrilla guerrillas rebels
subversives insurgents firefight operation operations`)

var civWords = wordSet(`civilian civilians peasant peasants student students priest priests
jesuit jesuits journalist journalists child children woman women residents home house houses
residence bus school church vehicle vehicles store stores bank office offices embassy mayor
judge leader leaders politician candidate businessman union unionist worker workers farm
company plant tower towers pylon pylons`)

// speechWords mark declarations, interviews and political news rather than incident reports.
var speechWords = wordSet(`said stated declared added noted believe think interview reporter
recording communique statement speech message press conference negotiations dialogue peace
talks government policy elections election party congress assembly president minister`)

// flagSet is a word set and the bit its words get in a flagTable.
type flagSet struct {
	set map[string]bool
	bit uint32
}

// flagTable maps every word of the sets to the union of its sets' bits.
func flagTable(sets []flagSet) map[string]uint32 {
	m := map[string]uint32{}
	for _, ws := range sets {
		for w := range ws.set {
			m[w] |= ws.bit
		}
	}
	return m
}

// docShapeFeatures describe the document as a whole rather than its vocabulary: the words
// of its lead, which kinds of violent act its sentences place on a recent day, how often
// each kind of trigger occurs, its length, how much of it is quoted speech, and the
// balance of military and civilian words.
func (a *analysis) docShapeFeatures(add func(uint64)) {
	toks := a.seg.Tokens
	catN := map[string]int{}
	nTrigSent, nTimeTrig, quoted, words := 0, 0, 0, 0
	mil, civ, speech := 0, 0, 0
	inRec := false
	for si, s := range a.seg.Sentences {
		hasTime := false
		var cats []string
		for k := s.First; k < s.Last; k++ {
			if toks[k].Kind != segment.Word {
				continue
			}
			w := a.norms[k]
			if k+1 < len(toks) && a.norms[k+1] == "recording" {
				switch w {
				case "begin":
					inRec = true
				case "end":
					inRec = false
				}
			}
			words++
			if inRec {
				quoted++
			}
			sw := a.wf[k]
			hasTime = hasTime || sw&shapeTime != 0
			if sw&shapeMil != 0 {
				mil++
			}
			if sw&shapeCiv != 0 {
				civ++
			}
			if sw&shapeSpeech != 0 {
				speech++
			}
			if si < 2 {
				add(hstr(hstr(fnvOff, "lead_u"), w))
			}
			if t := a.trig[k]; t != "" {
				catN[t]++
				if !slices.Contains(cats, t) {
					cats = append(cats, t)
				}
				if si < 2 {
					add(hstr(hstr(fnvOff, "lead_tw"), w))
				}
			}
		}
		if len(cats) > 0 {
			nTrigSent++
		}
		if hasTime && len(cats) > 0 {
			nTimeTrig++
			for _, c := range cats {
				add(hstr(hstr(fnvOff, "time_tc"), c))
				if si < 3 {
					add(hstr(hstr(fnvOff, "time_tc_lead"), c))
				}
			}
		}
	}
	cs := make([]string, 0, len(catN))
	for c := range catN {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	for _, c := range cs {
		add(hstr(hstr(hstr(fnvOff, "tcn"), c), binCount(int32(catN[c]))))
	}
	ns := len(a.seg.Sentences)
	add(hstr(hstr(fnvOff, "nsent"), itoa(min(ns, 20))))
	if ns > 0 {
		add(hstr(hstr(fnvOff, "trigsent"), binFrac(float64(nTrigSent)/float64(ns))))
	}
	add(hstr(hstr(fnvOff, "timetrig"), binCount(int32(nTimeTrig))))
	if words == 0 {
		return
	}
	add(hstr(hstr(fnvOff, "quoted"), binFrac(float64(quoted)/float64(words))))
	add(hstr(hstr(fnvOff, "speech"), binFrac(10*float64(speech)/float64(words))))
	add(hstr(hstr(fnvOff, "mil"), binFrac(10*float64(mil)/float64(words))))
	add(hstr(hstr(fnvOff, "civ"), binFrac(10*float64(civ)/float64(words))))
	bal := "even"
	switch {
	case mil > 2*civ:
		bal = "mil"
	case civ > 2*mil:
		bal = "civ"
	}
	add(hstr(hstr(fnvOff, "milciv"), bal))
}

// keepCand is the cheap filter in front of the candidate model: a span is scored only if
// its string, its head or its first word was a filler in training, or it looks like a name
// (two to four rare words).
func keepCand(sc *candCtx, c cand, dfMax int32) bool {
	var os, oh, of map[string]uint8
	if sc.own != nil {
		os, oh, of = sc.own.str, sc.own.head, sc.own.first
	}
	if st, ok := sc.strStat(c); statSeen(st, ok, c.norm, sc.own != nil, os) {
		return true
	}
	if st, ok := sc.headStat(c.j - 1); statSeen(st, ok, sc.a.clean[c.j-1], sc.own != nil, oh) {
		return true
	}
	if st, ok := sc.firstStat(c.i); statSeen(st, ok, sc.a.clean[c.i], sc.own != nil, of) {
		return true
	}
	n := c.j - c.i
	if n < 2 || n > 4 {
		return false
	}
	for k := c.i; k < c.j; k++ {
		if sc.a.isStop(k) {
			return false
		}
		if sc.df(k) > dfMax {
			return false
		}
	}
	return true
}

// statSeen reports whether w filled a role in training, per st, ok (its entry in the
// priors); with loo, leaving out the roles in own[w], the document's own.
func statSeen(st *Stat, ok bool, w string, loo bool, own map[string]uint8) bool {
	if !ok {
		return false
	}
	var om uint8
	if loo {
		om = own[w]
	}
	for r := 0; r < NRoles; r++ {
		g := st.Gold[r]
		if om&(1<<r) != 0 {
			g--
		}
		if g > 0 {
			return true
		}
	}
	return false
}

// sentenceFeatures are the features of the sentence relevance model: does sentence si
// report the incident the document's fillers belong to.
func (a *analysis) sentenceFeatures(si int, out fvec) fvec {
	sent := a.seg.Sentences[si]
	out = append(out, hstr(fnvOff, "bias"))
	out.add("si", itoa(min(si, 8)))
	prev := ""
	for k := sent.First; k < sent.Last; k++ {
		if a.seg.Tokens[k].Kind != segment.Word {
			prev = ""
			continue
		}
		w := a.norms[k]
		out.add("u", w)
		if prev != "" {
			out.add("b", prev, w)
		}
		if a.trig[k] != "" {
			out.add("t", a.trig[k])
		}
		prev = w
	}
	if si > 0 {
		p := a.seg.Sentences[si-1]
		for k := p.First; k < p.Last; k++ {
			if a.trig[k] != "" {
				out.add("pt", a.trig[k])
			}
		}
	}
	return dedupe(out)
}

// useVicCtx gives the candidate model and the second stage the relation of a span to the
// nearest act around it: is it the one harmed ("MURDER OF X", "X, A JUDGE, WAS KILLED",
// "X'S DEATH") or the one speaking ("X SAID", "ACCORDING TO X", "X, LEADER OF Y,
// CONDEMNED")?
var useVicCtx = true

// useVicFeat gives the candidate model the context of name-like spans (useVicCtx gives it
// to the second stage).
var useVicFeat = true

// sayWords are verbs of speech and of public action: their subject is a speaker, not a
// victim.
var sayWords = wordSet(`said says say stated states reported reports told tells added declared
denounced condemned announced explained noted indicated warned asserted affirmed stressed urged
asked called confirmed denied expressed pointed replied commented criticized described revealed
repudiated deplored according interview interviewed spoke speaking insisted emphasized agreed
admitted acknowledged requested demanded proposed met visited arrived returned ordered signed
headed heads presided attended termed believes thinks hopes issued sent received urged`)

// auxWords may stand between a name and its predicate: "X WAS REPORTEDLY KILLED".
var auxWords = wordSet(`was were is are has have had been be also reportedly allegedly later then
who which still apparently today yesterday`)

// harmCats are the trigger categories of an act done to a person.
var harmCats = map[string]bool{"kill": true, "attack": true, "kidnap": true, "damage": true, "bomb": true, "threat": true}

// wordFlags gives each word of the word sets that the context functions, the candidate
// spans, the document shape and the place candidates test, per token, its bits: one
// look-up per token in analyse replaces one per set and test.
var wordFlags = flagTable([]flagSet{{stopwords, wStop}, {sayWords, wSay}, {auxWords, wAux}, {agentSkip, wAgentSkip},
	{beWords, wBe}, {leftSkip, wLeftSkip}, {numberWords, wNumber}, {pastIrregular, wPastIrregular},
	{notVerbs, wNotVerb}, {hedges, wHedge}, {harmWords, wHarm}, {internalOK, wInternal}, {startOK, wStart},
	{timeWords, shapeTime}, {milWords, shapeMil}, {civWords, shapeCiv}, {speechWords, shapeSpeech},
	{placeModifiers, pModifier}, {nameConnectors, pConnector}, {keySet(months), pMonth},
	{keySet(weekdays), pWeekday}, {keySet(placeTypeWords), pType}})

const (
	wStop = 1 << iota
	wSay
	wAux
	wAgentSkip
	wBe
	wLeftSkip
	wNumber
	wPastIrregular
	wNotVerb
	wHedge
	wHarm
	wInternal // internalOK
	wStart    // startOK
	// the words of docShapeFeatures
	shapeTime
	shapeMil
	shapeCiv
	shapeSpeech
	// the words of placeCands
	pModifier
	pConnector
	pMonth
	pWeekday
	pType // a key of placeTypeWords
)

// harmWords are the context words of harm that are not triggers (ctxClassAt).
var harmWords = wordSet(`funeral buried burial tortured disappeared missing rescued freed survived escaped`)

// ctxClassAt is the class of context token k: "say" (sayWords), "harm" (harmWords or a
// trigger of harmCats), another trigger category, or "".
func (a *analysis) ctxClassAt(k int) string {
	if a.wf[k]&wSay != 0 {
		return "say"
	}
	if a.wf[k]&wHarm != 0 {
		return "harm"
	}
	// a.trig is triggerCat of words; other tokens have none either way (the stems
	// are letters)
	t := a.trig[k]
	if t != "" && harmCats[t] {
		return "harm"
	}
	return t
}

// isStop reports whether token k is a stopword (stopwords).
func (a *analysis) isStop(k int) bool { return a.wf[k]&wStop != 0 }

// isNumberAt is isNumber(a.norms[k]).
func (a *analysis) isNumberAt(k int) bool {
	if a.wf[k]&wNumber != 0 {
		return true
	}
	w := a.norms[k]
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// isPastVerbAt reports whether token k reads as a past tense or participle of a verb:
// pastIrregular, or ending in -ED and not notVerbs.
func (a *analysis) isPastVerbAt(k int) bool {
	if a.wf[k]&wPastIrregular != 0 {
		return true
	}
	w := a.norms[k]
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && a.wf[k]&wNotVerb == 0
}

// rightCtx is how span [.., j) of sentence si relates to what follows it: the kind of link
// ("d" direct, "p" possessive, "a" after an apposition) and the class of the first content
// word after auxiliaries.
func (a *analysis) rightCtx(j, si int) (link, cls, word string) {
	sent := a.seg.Sentences[si]
	k := j
	link = "d"
	if k < sent.Last && a.norms[k] == "'s" {
		link = "p"
		k++
	} else if k < sent.Last && a.norms[k] == "," {
		link = "a"
		m := k + 1
		for ; m < sent.Last && m <= k+14; m++ {
			if a.norms[m] == "," {
				break
			}
		}
		if m >= sent.Last || a.norms[m] != "," {
			return link, "none", ""
		}
		k = m + 1
	}
	for n := 0; n < 3 && k < sent.Last && a.wf[k]&wAux != 0; n++ {
		k++
	}
	if k >= sent.Last {
		return link, "end", ""
	}
	w := a.norms[k]
	if a.seg.Tokens[k].Kind == segment.Punct {
		return link, "punct", w
	}
	cls = a.ctxClassAt(k)
	if cls == "" {
		cls = "o"
	}
	return link, cls, w
}

// leftCtx is the class of the nearest classed word within five tokens before span i of
// sentence si, not across punctuation, and whether a function word stands right before
// the span.
func (a *analysis) leftCtx(i, si int) (cls, prep string) {
	sent := a.seg.Sentences[si]
	prep = "-"
	if i-1 >= sent.First && a.isStop(i-1) {
		prep = a.norms[i-1]
	}
	for k, d := i-1, 0; k >= sent.First && d < 5; k, d = k-1, d+1 {
		if a.seg.Tokens[k].Kind == segment.Punct {
			break
		}
		if c := a.ctxClassAt(k); c != "" {
			return c, prep
		}
	}
	return "none", prep
}

// posMemo holds values computed for some positions of a document (token indexes),
// for the few positions asked for: a dense slice of values would be mostly unused and
// costly to clear.
type posMemo[T any] struct {
	at   []int32 // position -> 1 + index into vals; 0 if not computed yet
	vals []T
}

// newPosMemo makes a posMemo of n positions with room for the values of size of them.
func newPosMemo[T any](n, size int) posMemo[T] {
	return posMemo[T]{at: make([]int32, n), vals: make([]T, 0, size)}
}

// get returns position pos's value, a zero value added at its first use.
func (m *posMemo[T]) get(pos int) *T {
	k := m.at[pos]
	if k == 0 {
		var zero T
		m.vals = append(m.vals, zero)
		k = int32(len(m.vals))
		m.at[pos] = k
	}
	return &m.vals[k-1]
}

// candCtx is what the candidate features of one document read (the analysis, the
// lexicon and, in training, the document's own gold to leave out), with memos: the
// candidates overlap, so without them the lexicon entries of a token and the contexts
// of a start or an end position (leftCtx, agentLeft; rightCtx, agentRight) would be
// looked up again for every candidate sharing them. Not safe for concurrent use: each
// document gets its own.
type candCtx struct {
	a   *analysis
	lex *Lexicon
	own *docGold
	// the lex.Str entries of the document's distinct strings (cand.str), looked up at
	// their first use: keepCand, pairFeatures and roleScores read each candidate's
	str   []strLex
	tok   []tokLex           // by token
	left  posMemo[leftMemo]  // by the span's first token
	right posMemo[rightMemo] // by the span's end
}

// tokLex is the memo of a token's lexicon entries (its clean form's), looked up at its
// first use.
type tokLex struct {
	done bool
	lexWord
}

type leftMemo struct {
	ctx, agent, tgt bool // which of the fields below are set
	cls, prep       string
	voice, vcls     string
	tgtL            string
}

type rightMemo struct {
	ctx, agent, tgt    bool
	link, cls, word    string
	voice, vcls, verbW string
	tgtR               string
}

func newCandCtx(a *analysis, lex *Lexicon, own *docGold) *candCtx {
	n := len(a.seg.Tokens) + 1
	return &candCtx{a: a, lex: lex, own: own, tok: make([]tokLex, n), str: make([]strLex, len(a.strCount)),
		left: newPosMemo[leftMemo](n, n/4), right: newPosMemo[rightMemo](n, n/4)}
}

// strLex is the memo of a string's lex.Str entry.
type strLex struct {
	done, ok bool
	st       *Stat
}

// strStat is sc.lex.Str[c.norm] for a candidate c of sc.a.cands.
func (sc *candCtx) strStat(c cand) (*Stat, bool) {
	m := &sc.str[c.str]
	if !m.done {
		m.st, m.ok = sc.lex.Str[c.norm]
		m.done = true
	}
	return m.st, m.ok
}

// word is sc.lex.word of the clean form of token k.
func (sc *candCtx) word(k int) *lexWord {
	t := &sc.tok[k]
	if !t.done {
		t.lexWord = sc.lex.word(sc.a.clean[k])
		t.done = true
	}
	return &t.lexWord
}

// df is the document frequency of the clean form of token k, less the document's own
// with sc.own.
func (sc *candCtx) df(k int) int32 {
	d := sc.word(k).df
	if sc.own != nil {
		d--
	}
	return d
}

// headStat is sc.lex.Head[clean form of token k].
func (sc *candCtx) headStat(k int) (*Stat, bool) {
	w := sc.word(k)
	return w.head, w.headOK
}

// firstStat is sc.lex.First[clean form of token k].
func (sc *candCtx) firstStat(k int) (*Stat, bool) {
	w := sc.word(k)
	return w.first, w.firstOK
}

// leftCtx is a.leftCtx(i, si).
func (sc *candCtx) leftCtx(i, si int) (cls, prep string) {
	m := sc.left.get(i)
	if !m.ctx {
		m.cls, m.prep = sc.a.leftCtx(i, si)
		m.ctx = true
	}
	return m.cls, m.prep
}

// rightCtx is a.rightCtx(j, si).
func (sc *candCtx) rightCtx(j, si int) (link, cls, word string) {
	m := sc.right.get(j)
	if !m.ctx {
		m.link, m.cls, m.word = sc.a.rightCtx(j, si)
		m.ctx = true
	}
	return m.link, m.cls, m.word
}

// tgtCtx is a.tgtLeft of c's start and a.tgtRight of its end: how c relates to a
// damaging act.
func (sc *candCtx) tgtCtx(c cand) (left, right string) {
	l := sc.left.get(c.i)
	if !l.tgt {
		l.tgtL, l.tgt = sc.a.tgtLeft(c.i, c.sent), true
	}
	r := sc.right.get(c.j)
	if !r.tgt {
		r.tgtR, r.tgt = sc.a.tgtRight(c.j, c.sent), true
	}
	return l.tgtL, r.tgtR
}

// agentBits is a.agentBits(c).
func (sc *candCtx) agentBits(c cand) uint8 {
	l := sc.left.get(c.i)
	if !l.agent {
		l.voice, l.vcls, _ = sc.a.agentLeft(c.i, c.sent)
		l.agent = true
	}
	r := sc.right.get(c.j)
	if !r.agent {
		r.voice, r.vcls, r.verbW = sc.a.agentRight(c.j, c.sent)
		r.agent = true
	}
	return agentBitsOf(l.voice, l.vcls, r.voice, r.vcls, r.verbW)
}

// verbLike counts the span's words that look like verbs or adverbs (-ING, -ED, -LY) and
// those that hold digits: names have neither.
func (a *analysis) verbLike(c cand) (nv, nd int) {
	for k := c.i; k < c.j; k++ {
		w := a.clean[k]
		if len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly")) {
			nv++
		}
		if strings.ContainsAny(w, "0123456789") {
			nd++
		}
	}
	return
}

// usePast tells the second stage how many of a string's occurrences sit in sentences about
// the past: a name in "THE 1980 MURDER OF ARCHBISHOP X" or "X WAS KILLED LAST YEAR" is
// usually an earlier victim, not one of the reported incident.
var usePast = true

// docYear is the year of the document's dateline ("LIMA, 10 JAN 90" -> 1990), or 0.
func (a *analysis) docYear() int {
	fs := strings.Fields(Normalize(a.dateline))
	for k := len(fs) - 1; k >= 0; k-- {
		w := fs[k]
		if len(w) == 2 && w[0] >= '0' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9' && k > 0 {
			if _, ok := months[fs[k-1]]; ok {
				return 1900 + int(w[0]-'0')*10 + int(w[1]-'0')
			}
		}
	}
	return 0
}

// pastSents marks the sentences that place something in an earlier year: a year before
// the document's, "LAST YEAR", "YEARS AGO", an anniversary.
func (a *analysis) pastSents() []bool {
	y := a.docYear()
	if y == 0 {
		y = 1989
	}
	out := make([]bool, len(a.seg.Sentences))
	for si, s := range a.seg.Sentences {
		for k := s.First; k < s.Last && !out[si]; k++ {
			w := a.norms[k]
			switch {
			case len(w) == 4 && strings.HasPrefix(w, "19") && w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9':
				out[si] = 1900+int(w[2]-'0')*10+int(w[3]-'0') < y
			case w == "anniversary":
				out[si] = true
			case w == "year" && k > s.First && a.norms[k-1] == "last":
				out[si] = true
			case w == "ago" && k > s.First && (a.norms[k-1] == "years" || a.norms[k-1] == "months"):
				out[si] = true
			}
		}
	}
	return out
}
