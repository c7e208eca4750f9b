package muc4

import (
	"slices"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// strScore is one distinct candidate string of a document with its best role scores.
type strScore struct {
	norm  string
	cand  cand            // first occurrence
	first int             // token index of the first occurrence
	sent  int             // sentence of the first occurrence
	n     int             // occurrences scored
	srel  float64         // best sentence relevance of its occurrences
	p     [NRoles]float64 // best first-stage probability per role
	sum   [NRoles]float64 // summed first-stage probability per role
	prior [NRoles]int32   // training documents where the string filled the role
	b     [NRoles]float64 // bag model probability per role
	q     [NRoles]float64 // second-stage probability per role
	harm  int             // occurrences next to an act done to someone (useVicCtx)
	say   int             // occurrences next to a verb of speech (useVicCtx)
	past  int             // occurrences in sentences about an earlier year (usePast)
	agent uint8           // contexts of its occurrences: agentAct, agentBy, agentPass, agentObj
	whole int             // occurrences that are a whole phrase (wholePhrase)
	tgt   [3]int          // occurrences that are the object, the place or the passive subject of a damaging act (useTgtCtx)
	hpr   string          // binned rate at which the head word ends a Target filler in training (useTgtHead)
}

// useWhole gives the second stage how often a string stands as a whole phrase.
var useWhole = true

// wholePhrase reports whether candidate c stands as a whole noun phrase: no content word
// joins it on the left (a function word, a quantity, punctuation or the sentence start
// comes first) nor on the right (a function word, a verb or punctuation follows).
// "ARMED MEN" in "HEAVILY ARMED MEN" and "GUERRILLAS" in "URBAN GUERRILLAS" are not.
func (a *analysis) wholePhrase(c cand) bool {
	sent := a.seg.Sentences[c.sent]
	if k := c.i - 1; k >= sent.First {
		if a.seg.Tokens[k].Kind == segment.Word && !a.isStop(k) && !a.isNumberAt(k) && a.wf[k]&wHedge == 0 {
			return false
		}
	}
	if c.j < sent.Last {
		if a.seg.Tokens[c.j].Kind == segment.Word && !a.isStop(c.j) && !a.isPastVerbAt(c.j) {
			return false
		}
	}
	return true
}

// agent context bits of a string's occurrences (agentRight, agentLeft).
const (
	agentAct   = 1 << iota // "<X> KILLED ...": an event verb follows
	agentVerb              // "<X> PLACED ...": another verb of action follows
	agentBy                // "... KILLED BY <X>"
	agentPass              // "<X> WAS KILLED"
	agentObj               // "KILLED <X>", "MURDER OF <X>"
	nAgentBits = iota
)

var agentBitNames = [nAgentBits]string{"act", "verb", "by", "pass", "obj"}

// useAgent2 gives the second stage the agent contexts of a string.
var useAgent2 = true

// speechVerbs report rather than act: their subject is a source, not a perpetrator.
var speechVerbs = wordSet(`said reported stated added announced denied told indicated explained
noted confirmed declared asked disclosed revealed pointed insisted expressed learned informed
called urged described admitted acknowledged condemned charged demanded issued published
received recalled agreed decided continued asserted emphasized stressed estimated believed
identified ordered requested rejected proposed stated`)

// agentBits are the agent context bits of candidate c.
func (a *analysis) agentBits(c cand) uint8 {
	lv, lc, _ := a.agentLeft(c.i, c.sent)
	rv, rc, rs := a.agentRight(c.j, c.sent)
	return agentBitsOf(lv, lc, rv, rc, rs)
}

// agentBitsOf are the agent context bits of a span with agentLeft lv, lc and agentRight
// rv, rc, rs.
func agentBitsOf(lv, lc, rv, rc, rs string) uint8 {
	var b uint8
	switch {
	case lv == "by" && lc != "":
		b |= agentBy
	case lv == "obj" && lc != "verb", lv == "of":
		b |= agentObj
	}
	switch {
	case rv == "act" && rc != "verb":
		b |= agentAct
	case rv == "act" && !speechVerbs[rs]:
		b |= agentVerb
	case rv == "pass" && rc != "verb":
		b |= agentPass
	}
	return b
}

// picked is one selected filler.
type picked struct {
	role int
	s    *strScore
	p    float64
}

// candDFMax is the document frequency under which words look like names to keepCand.
const candDFMax = 30

// roleScores scores every candidate of a and aggregates them per distinct string: the
// candidate model scores each occurrence (its left, right and sentence feature parts
// are scored once per position), the bag model scores the union of the features of all
// occurrences of a string.
func (m *Model) roleScores(a *analysis, rel float64, srel []float64, own *docGold) []*strScore {
	by := make([]*strScore, len(a.strCount)) // by cand.str
	var out []*strScore
	K := m.Cand.K
	// part is the features of a left, right or sentence part and their scores,
	// computed at the first candidate that needs them.
	type part struct {
		done bool
		f    fvec
		v    [NRoles + 2]float64
	}
	n := len(a.seg.Tokens)
	left := newPosMemo[part](n+1, n/4)
	right := newPosMemo[part](n+1, n/4)
	sents := newPosMemo[part](len(a.seg.Sentences), len(a.seg.Sentences))
	// slab holds the features of the parts: each part's are a capped slice of it when
	// the bag model needs them, else they are dropped once scored
	slab := make(fvec, 0, 64)
	get := func(cache *posMemo[part], key int, feats func(fvec) fvec) *part {
		pt := cache.get(key)
		if !pt.done {
			start := len(slab)
			slab = feats(slab)
			m.Cand.scores(slab[start:], pt.v[:K])
			if m.Bag != nil {
				pt.f = slab[start:len(slab):len(slab)]
			} else {
				slab = slab[:start]
			}
			pt.done = true
		}
		return pt
	}
	sc := newCandCtx(a, m.Lex, own)
	var bags map[*strScore]fvec
	if m.Bag != nil {
		bags = map[*strScore]fvec{}
	}
	var past []bool
	if usePast {
		past = a.pastSents()
	}
	// the candidates to score, and their strings' scores allocated at once
	kept := make([]int32, 0, len(a.cands))
	seen := make([]bool, len(a.strCount))
	nstr := 0
	for ci, c := range a.cands {
		if keepCand(sc, c, candDFMax) {
			kept = append(kept, int32(ci))
			if !seen[c.str] {
				seen[c.str] = true
				nstr++
			}
		}
	}
	strs := make([]strScore, nstr)
	out = make([]*strScore, 0, nstr)
	var f fvec
	p := make([]float64, K)
	for _, ci := range kept {
		c := a.cands[ci]
		lv := get(&left, c.i, func(o fvec) fvec { return a.leftFeatures(c.i, c.sent, sc, o) })
		rv := get(&right, c.j, func(o fvec) fvec { return a.rightFeatures(c.j, c.sent, sc, o) })
		sv := get(&sents, c.sent, func(o fvec) fvec { return a.sentFeatures(c.sent, rel, srel, o) })
		f = a.pairFeatures(c, sc, rel, f[:0])
		m.Cand.scores(f, p)
		for k := range p {
			p[k] += lv.v[k] + rv.v[k] + sv.v[k]
		}
		softmax(p)
		s := by[c.str]
		if s == nil {
			s = &strs[len(out)]
			*s = strScore{norm: c.norm, cand: c, first: c.i, sent: c.sent}
			if st, ok := sc.strStat(c); ok {
				s.prior = st.Gold
			}
			if useTgtHead {
				s.hpr = "unseen"
				if st, ok := sc.headStat(c.j - 1); ok && st.Occ > 0 {
					s.hpr = binFrac(float64(st.Gold[Target]) / float64(st.Occ))
				}
			}
			by[c.str] = s
			out = append(out, s)
		}
		s.n++
		s.srel = max(s.srel, srel[c.sent])
		if usePast && past[c.sent] {
			s.past++
		}
		if useVicCtx {
			_, rc, _ := sc.rightCtx(c.j, c.sent)
			lc, _ := sc.leftCtx(c.i, c.sent)
			if rc == "harm" || lc == "harm" {
				s.harm++
			}
			if rc == "say" || lc == "say" {
				s.say++
			}
		}
		if useAgent2 {
			s.agent |= sc.agentBits(c)
		}
		if useTgtCtx {
			tl, tr := sc.tgtCtx(c)
			switch tl {
			case "obj":
				s.tgt[0]++
			case "loc", "front":
				s.tgt[1]++
			}
			if tr == "pass" {
				s.tgt[2]++
			}
		}
		if useWhole && a.wholePhrase(c) {
			s.whole++
		}
		for r := 0; r < NRoles; r++ {
			s.p[r] = max(s.p[r], p[r+1])
			s.sum[r] += p[r+1]
		}
		if m.Bag != nil {
			b := bags[s]
			b = append(b, lv.f...)
			b = append(b, rv.f...)
			b = append(b, sv.f...)
			b = append(b, f...)
			bags[s] = b
		}
	}
	if m.Bag != nil {
		for _, s := range out {
			b := dedupe(bags[s])
			m.Bag.probs(b, p)
			for r := 0; r < NRoles; r++ {
				s.b[r] = p[r+1]
			}
		}
	}
	return out
}

// dedupe sorts f and removes repeated features.
func dedupe(f fvec) fvec {
	slices.Sort(f)
	return slices.Compact(f)
}

// containsWords reports whether the word sequence of x holds that of y contiguously.
func containsWords(x, y string) bool {
	if len(y) > len(x) {
		return false
	}
	if y == "" || y[0] == ' ' || y[len(y)-1] == ' ' {
		return strings.Contains(" "+x+" ", " "+y+" ")
	}
	// " y " in " x ", without building them: an occurrence of y in x with a space or
	// an end of x on each side
	for off := 0; ; {
		i := strings.Index(x[off:], y)
		if i < 0 {
			return false
		}
		i += off
		if (i == 0 || x[i-1] == ' ') && (i+len(y) == len(x) || x[i+len(y)] == ' ') {
			return true
		}
		off = i + 1
	}
}

// selectFillers picks the fillers: every (string, role) scoring at least the role's
// threshold, best first, one role per string, and no two strings of a role that overlap
// in words or are known aliases (one entity is output with one mention).
func selectFillers(scores []*strScore, th [NRoles]float64, maxPer [NRoles]int, isAlias func(x, y string) bool) []picked {
	var all []picked
	for _, s := range scores {
		for r := 0; r < NRoles; r++ {
			if s.q[r] >= th[r] {
				all = append(all, picked{role: r, s: s, p: s.q[r]})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].p != all[j].p {
			return all[i].p > all[j].p
		}
		if all[i].s.norm != all[j].s.norm {
			return all[i].s.norm < all[j].s.norm
		}
		return all[i].role < all[j].role
	})
	used := map[string]bool{}
	var n [NRoles]int
	var out []picked
	for _, c := range all {
		if used[c.s.norm] || n[c.role] >= maxPer[c.role] {
			continue
		}
		clash := false
		for _, o := range out {
			if o.role != c.role {
				continue
			}
			if containsWords(o.s.norm, c.s.norm) || containsWords(c.s.norm, o.s.norm) {
				clash = true
				break
			}
			if isAlias != nil && isAlias(o.s.norm, c.s.norm) {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		used[c.s.norm] = true
		n[c.role]++
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].s.first < out[j].s.first })
	return out
}

// pickFillers is the whole choice of fillers from scored strings: selection by the
// thresholds th and caps, names and targets widened by rule, then each filler's form
// chosen by the boundary model (when there is one).
func pickFillers(a *analysis, lex *Lexicon, bound *Linear, scores []*strScore, th [NRoles]float64, caps [NRoles]int, alias func(x, y string) bool) []picked {
	return finishPicks(a, lex, bound, scores, selectFillers(scores, th, caps, alias))
}

// finishPicks widens the selected picks by rule and chooses their forms.
func finishPicks(a *analysis, lex *Lexicon, bound *Linear, scores []*strScore, picks []picked) []picked {
	by := byNorm(scores)
	if useExpand {
		picks = expandNames(picks, scores, by, lex)
	}
	var fixed map[*strScore]bool
	if useOfSpans {
		picks, fixed = expandOfSpans(a, picks, by)
	}
	picks = chooseForms(bound, a, lex, picks, by, fixed)
	if useNameTrim {
		picks = trimNames(picks, by, lex)
	}
	if useNotPerson {
		picks = dropNotPersons(picks, lex)
	}
	if useNameLists {
		picks = extendNameLists(a, lex, by, picks)
	}
	return picks
}

// byNorm indexes a document's scored strings by their norm.
func byNorm(scores []*strScore) map[string]*strScore {
	by := make(map[string]*strScore, len(scores))
	for _, s := range scores {
		by[s.norm] = s
	}
	return by
}

// uniquePicks drops, in place, the picks whose role and string an earlier pick has.
func uniquePicks(picks []picked) []picked {
	out := picks[:0]
	seen := make(map[[2]string]bool, len(picks))
	for _, p := range picks {
		k := [2]string{Roles[p.role], p.s.norm}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

// stripName drops from name s of role r its leading words that are not name words and,
// with tail, its trailing ones ("MICHAEL REYFF RESCUED"), as long as what is left is a
// string of the document.
func stripName(s *strScore, r int, lex *Lexicon, by map[string]*strScore, tail bool) *strScore {
	// a name is not "OFFICE OF ALEKSANDR TRUSHIN": what follows the last OF, if the
	// document has it as a string, is
	if i := strings.LastIndex(s.norm, " of "); i >= 0 {
		if t := by[s.norm[i+4:]]; t != nil {
			s = t
		}
	}
	// leading words that are not name words, as far as what follows them is a string
	// of the document ("MAYORAL CANDIDATE ALVARO SARMIENTO HERRERA": "CANDIDATE ALVARO
	// ..." need not be one)
	for rest := s.norm; ; {
		i := strings.IndexByte(rest, ' ')
		if i < 0 || !notNameWord(lex, r, rest[:i]) {
			break
		}
		rest = rest[i+1:]
		if t := by[rest]; t != nil {
			s = t
		}
	}
	for tail {
		i := strings.LastIndexByte(s.norm, ' ')
		if i < 0 || !notNameTail(lex, r, s.norm[i+1:]) {
			break
		}
		t := by[s.norm[:i]]
		if t == nil {
			break
		}
		s = t
	}
	return s
}

// trimNames drops from the chosen form of a picked name the words at its edges that are
// not name words ("42-YEAR-OLD JOSEF PIESCHER", "MICHAEL REYFF RESCUED"), as long as the
// rest is a string of the document.
func trimNames(picks []picked, by map[string]*strScore, lex *Lexicon) []picked {
	for k, p := range picks {
		if expandRoles[p.role] {
			picks[k].s = stripName(p.s, p.role, lex, by, true)
		}
	}
	return uniquePicks(picks)
}

// aliasFunc tells whether two strings name one entity, by the lexicon's aliases or the
// document's glosses.
func aliasFunc(lex *Lexicon, a *analysis) func(x, y string) bool {
	return func(x, y string) bool {
		if a.isAlias(x, y) {
			return true
		}
		for _, z := range lex.Alias[x] {
			if z == y {
				return true
			}
		}
		return false
	}
}

// stage2Min is the first-stage probability below which a string is not rescored.
const stage2Min = 0.02

// stage2Features describes string s in role r among all strings of its document: its
// first-stage scores, its rank, how often and where it occurs, the document's relevance.
func stage2Features(s *strScore, r int, all []*strScore, dc docCtx, out fvec) fvec {
	role := Roles[r]
	rel := dc.rel
	rank, top, nAbove, brank := 1, 0.0, 0, 1
	sup, sub := 0.0, 0.0
	for _, o := range all {
		if o != s && o.p[r] >= stage2Min {
			if containsWords(o.norm, s.norm) {
				sup = max(sup, o.p[r])
			} else if containsWords(s.norm, o.norm) {
				sub = max(sub, o.p[r])
			}
		}
		if o.b[r] > s.b[r] || (o.b[r] == s.b[r] && o.norm < s.norm) {
			brank++
		}
		top = max(top, o.p[r])
		if o.p[r] > s.p[r] || (o.p[r] == s.p[r] && o.norm < s.norm) {
			rank++
		}
		if o.p[r] >= 0.1 {
			nAbove++
		}
	}
	best := 0
	for k := 1; k < NRoles; k++ {
		if s.p[k] > s.p[best] {
			best = k
		}
	}
	pb := itoa(int(s.p[r] * 20))
	out = append(out, hstr(fnvOff, "bias"))
	out.add("r", role)
	out.add("p", role, pb)
	out.add("rank", role, itoa(min(rank, 6)))
	out.add("rankp", role, itoa(min(rank, 4)), itoa(int(s.p[r]*5)))
	out.add("gap", role, itoa(int((top-s.p[r])*10)))
	out.add("n", role, itoa(min(s.n, 5)))
	out.add("sum", role, binLog(int32(s.sum[r]*4)))
	out.add("sent", role, itoa(min(s.sent, 8)))
	out.add("rel", role, relBins[int(rel*10)])
	out.add("relp", role, relBins[int(rel*10)], itoa(int(s.p[r]*5)))
	out.add("nabove", role, itoa(min(nAbove, 8)))
	out.add("prior", role, binCount(s.prior[r]))
	if best != r {
		out.add("other", role, Roles[best], itoa(int(s.p[best]*5)))
	}
	out.add("len", role, itoa(min(strings.Count(s.norm, " ")+1, 6)))
	out.add("bp", role, itoa(int(s.b[r]*20)))
	out.add("str", role, s.norm)
	out.add("sup", role, itoa(int(sup*5)), itoa(int(s.p[r]*5)))
	out.add("sub", role, itoa(int(sub*5)), itoa(int(s.p[r]*5)))
	out.add("head", role, lastWord(s.norm))
	out.add("srel", role, relBins[int(s.srel*10)])
	out.add("srelp", role, relBins[int(s.srel*10)], itoa(int(s.p[r]*5)))
	out.add("brank", role, itoa(min(brank, 6)))
	out.add("bpp", role, itoa(int(s.b[r]*5)), itoa(int(s.p[r]*5)))
	if useVicCtx && r == Victim {
		out.add("ctxh", role, itoa(min(s.harm, 3)))
		out.add("ctxs", role, itoa(min(s.say, 3)))
		out.add("ctxhs", role, boolStr(s.harm > 0), boolStr(s.say > 0), itoa(int(s.p[r]*5)))
	}
	if usePast && r == Victim {
		out.add("past", role, itoa(min(s.past, 2)), boolStr(s.past == s.n))
	}
	if useAgent2 {
		pb5 := itoa(int(s.p[r] * 5))
		for k, name := range agentBitNames {
			if s.agent&(1<<k) != 0 {
				out.add("ag1", role, name)
				out.add("ag1p", role, name, pb5)
			}
		}
		ag := itoa(int(s.agent))
		out.add("ag", role, ag)
		out.add("agp", role, ag, pb5)
	}
	if useWhole {
		w := "some"
		switch s.whole {
		case 0:
			w = "none"
		case s.n:
			w = "all"
		}
		out.add("whole", role, w)
		out.add("wholep", role, w, itoa(int(s.p[r]*5)))
	}
	if useTgtCtx && r == Target {
		pb5 := itoa(int(s.p[r] * 5))
		n := 0
		for k, name := range [3]string{"obj", "loc", "pass"} {
			if s.tgt[k] > 0 {
				n++
				out.add("tg", role, name)
				out.add("tgp", role, name, pb5)
			}
		}
		out.add("tgn", role, itoa(n), pb5)
		out.add("tshape", role, headShape(lastWord(s.norm)))
		if useTgtHead {
			out.add("thpr", role, s.hpr)
			out.add("thprp", role, s.hpr, pb5)
		}
	}
	if useRoleDoc {
		rb := relBins[int(dc.role[r]*10)]
		out.add("rdoc", role, rb)
		out.add("rdocp", role, rb, itoa(int(s.p[r]*5)))
		out.add("rdocrank", role, rb, itoa(min(rank, 4)))
		out.add("typ", role, dc.typ)
		out.add("typp", role, dc.typ, itoa(int(s.p[r]*5)))
	}
	return out
}

// rescore sets the second-stage probabilities of every string of a document.
func rescore(st2 *Linear, scores []*strScore, dc docCtx) {
	var f fvec
	p := make([]float64, 2)
	for _, s := range scores {
		for r := 0; r < NRoles; r++ {
			s.q[r] = 0
			if max(s.p[r], s.b[r]) < stage2Min {
				continue
			}
			f = stage2Features(s, r, scores, dc, f[:0])
			st2.probs(f, p)
			s.q[r] = p[1]
		}
	}
}

// sentRel is the relevance probability of every sentence of a.
func (m *Model) sentRel(a *analysis) []float64 {
	out := make([]float64, len(a.seg.Sentences))
	p := make([]float64, 2)
	var f fvec
	for si := range out {
		f = a.sentenceFeatures(si, f[:0])
		m.Sent.probs(f, p)
		out[si] = p[1]
	}
	return out
}

// docCtx is what the second stage knows about the document as a whole: its relevance,
// the probability that it has a filler of each role, and its likeliest incident type.
type docCtx struct {
	rel  float64
	role [NRoles]float64
	typ  string
}

// useRoleDoc gives the second stage the per-role document model and the incident type.
var useRoleDoc = false

// docContext runs the document models on a.
func (m *Model) docContext(a *analysis) docCtx {
	f := a.docFeatures(nil)
	dp := make([]float64, m.Doc.K)
	m.Doc.probs(f, dp)
	dc := docCtx{rel: 1 - dp[0]}
	best := 1
	for k := 2; k < len(dp); k++ {
		if dp[k] > dp[best] {
			best = k
		}
	}
	dc.typ = m.Types[best-1]
	if len(m.RoleDoc) == NRoles {
		p := make([]float64, 2)
		for r, rm := range m.RoleDoc {
			rm.probs(f, p)
			dc.role[r] = p[1]
		}
	}
	return dc
}

// gateThresh is th with the roles whose document probability falls below gate closed.
func gateThresh(th, gate [NRoles]float64, dc docCtx) [NRoles]float64 {
	for r := range th {
		if dc.role[r] < gate[r] {
			th[r] = 2
		}
	}
	return th
}

// titles are words that precede a name in the text but not in the keys' names
// ("MINISTER ANTONIO RODRIGUEZ", "DR RODRIGUEZ PORTH").
var titles = wordSet(`mr mrs ms dr doctor minister president presidential vice former general gen
colonel col lieutenant lt captain capt major maj sergeant sgt corporal cpl private commander
mayor governor judge justice magistrate senator deputy congressman councilman councilor
ambassador consul attorney prosecutor father priest monsignor msgr bishop archbishop sister
brother reverend rev mother professor prof engineer lawyer journalist leader chief director
secretary member members comrade comrades politician candidate officer agent police policeman
union student students peasant businessman industrialist economist the said companion wife
husband son daughter friend colleague inspector citizen worker nun jesuit farmer teacher official
activist correspondent reporter us advisor adviser cameraman newsman photographer publisher
editor banker rancher cattleman ideologue bodyguard driver guard sublieutenant patrolman`)

// nameDFMax is the most training documents a word added to a name may occur in.
const nameDFMax = 40

// expandOf are the roles whose picked noun phrases take the longest following "OF ..."
// phrase among the document's candidates: the keys give a physical target as the full
// noun phrase ("HOUSE OF JUDGE GUILLERMO TORRE ALDAY").
var expandOf = [NRoles]bool{Target: true}

// expandRoles are the roles whose picked names are widened to the document's fullest
// form of the name and stripped of titles.
var expandRoles = [NRoles]bool{Victim: true}

// expandNames replaces a picked name by the longest string of the document that
// contains it and adds only name words ("RODRIGUEZ PORTH" -> "JOSE ANTONIO RODRIGUEZ
// PORTH"), and drops a leading title when the rest is a string of the document
// ("MINISTER RODRIGUEZ PORTH" -> "RODRIGUEZ PORTH"). The keys name people in full,
// without titles.
func expandNames(picks []picked, scores []*strScore, by map[string]*strScore, lex *Lexicon) []picked {
	for k, p := range picks {
		if expandOf[p.role] && !useOfSpans {
			// "HOUSE" -> "HOUSE OF JUDGE GUILLERMO TORRE ALDAY" (useOfSpans does this
			// over all spans in finishPicks)
			best := p.s
			for _, t := range scores {
				if len(t.norm) <= len(best.norm) || strings.Count(t.norm, " ") > 6 || !strings.HasPrefix(t.norm, p.s.norm+" of ") {
					continue
				}
				ok := true
				for _, w := range strings.Fields(t.norm[len(p.s.norm):]) {
					if triggerCat(w) != "" || (stopwords[w] && w != "of") {
						ok = false
						break
					}
				}
				if ok {
					best = t
				}
			}
			p.s = best
		}
		if expandRoles[p.role] {
			s := stripName(p.s, p.role, lex, by, useNameTrim)
			best := s
			for _, t := range scores {
				if len(t.norm) <= len(best.norm) || strings.Count(t.norm, " ") > 3 || !containsWords(t.norm, s.norm) {
					continue
				}
				ok := true
				for _, w := range strings.Fields(t.norm) {
					if stopwords[w] || titles[w] || triggerCat(w) != "" || (lex != nil && lex.WordDF[w] > nameDFMax && !containsWords(s.norm, w) && !knownNameWord(lex, p.role, w)) {
						ok = false
						break
					}
					// nor a number or a verb ("OCCUPANTS FORCED GILDA FLORES")
					if !containsWords(s.norm, w) && notNameTail(lex, p.role, w) {
						ok = false
						break
					}
				}
				if ok {
					best = t
				}
			}
			p.s = best
		}
		picks[k] = p
	}
	return uniquePicks(picks)
}

// useNameTrim strips from a picked name leading and trailing words that are not name
// words (numbers, ages, and words common in the texts but never in the role's fillers).
var useNameTrim = true

// notNameWord reports whether w, at the edge of a picked name of role r, is not part of
// the name: a title, a word with digits ("42-YEAR-OLD"), or, with useNameTrim, a word
// foreign to the role ("CAMERAMAN", "RESCUED").
func notNameWord(lex *Lexicon, r int, w string) bool {
	if titles[w] {
		return true
	}
	if !useNameTrim {
		return false
	}
	if strings.ContainsAny(w, "0123456789") {
		return true
	}
	return lex != nil && lex.foreign(r, w)
}

// notNameTail reports whether w, at the end of a picked name of role r or added to it, is
// a number ("RODRIGUEZ PORTH 8 DAYS AGO") or a verb rather than a surname: foreign to the
// role and a verb of speech, a trigger or a word ending in -ED or -ING. Surnames can be
// common words of the texts ("MORALES", "GUERRERO").
func notNameTail(lex *Lexicon, r int, w string) bool {
	if useNameTrim && strings.ContainsAny(w, "0123456789") {
		return true
	}
	if !useNameTrim || lex == nil || !lex.foreign(r, w) {
		return false
	}
	return sayWords[w] || triggerCat(w) != "" || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")
}

// knownNameWord reports whether w was part of fillers of role r in at least two training
// documents ("JOSE", "ANTONIO"): common first names may widen a name.
func knownNameWord(lex *Lexicon, r int, w string) bool {
	if !useNameTrim || lex == nil {
		return false
	}
	st, ok := lex.Word[w]
	return ok && st.Gold[r] >= 2 && !lex.foreign(r, w)
}
