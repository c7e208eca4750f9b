package muc4

import (
	"strings"
)

// The keys write a filler as one particular noun phrase of the text: "GROUP OF
// UNIDENTIFIED INDIVIDUALS" rather than "UNIDENTIFIED INDIVIDUALS", "FOUR BOMBS" rather
// than "BOMBS", "CARLOS CORRALES" rather than "CAMERAMAN CARLOS CORRALES". The strict
// metric gives nothing for a neighbouring form, so once a filler is picked a boundary
// model chooses among its forms: the picked string, the strings of the document that
// contain it (a few words more on either side, or a number in front), and the strings
// it contains. The model is learned from which form the keys use, on out-of-fold picks.

// form is one alternative form of a picked filler.
type form struct {
	norm string
	kind string // "self", "longer" or "shorter"
	s    *strScore
	c    cand // first occurrence
}

// maxExtra is the most words a longer form adds to the picked string.
const maxExtra = 5

// numberWords can stand in front of a filler as its quantity ("FOUR BOMBS").
var numberWords = wordSet(`one two three four five six seven eight nine ten eleven twelve fifteen twenty
thirty forty fifty hundred hundreds dozen dozens several some many few`)

// isNumber reports whether a token norm is a quantity.
func isNumber(w string) bool {
	if numberWords[w] {
		return true
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// forms lists the alternative forms of s in document a, s itself first.
func (a *analysis) forms(s *strScore, r int, lex *Lexicon, by map[string]*strScore) []form {
	out := []form{{norm: s.norm, kind: "self", s: s, c: s.cand}}
	seen := map[string]bool{s.norm: true}
	nw := strings.Count(s.norm, " ") + 1
	ssig := byteSig(s.norm)
	add := func(c cand) {
		if (len(c.norm) > len(s.norm) && !strings.Contains(c.norm, s.norm)) ||
			(len(c.norm) <= len(s.norm) && !strings.Contains(s.norm, c.norm)) || seen[c.norm] {
			return
		}
		k := strings.Count(c.norm, " ") + 1
		switch {
		case k > nw && k <= nw+maxExtra && containsWords(c.norm, s.norm):
			for _, w := range strings.Fields(c.norm) {
				if lex.foreign(r, w) {
					return
				}
			}
			seen[c.norm] = true
			out = append(out, form{norm: c.norm, kind: "longer", s: by[c.norm], c: c})
		case k < nw && containsWords(s.norm, c.norm):
			seen[c.norm] = true
			out = append(out, form{norm: c.norm, kind: "shorter", s: by[c.norm], c: c})
		}
	}
	for ci, c := range a.cands {
		// a candidate holding s or held in it has all the bytes of the shorter one
		csig := a.candSig[ci]
		if ssig&^csig != 0 && csig&^ssig != 0 {
			continue
		}
		add(c)
		// a quantity in front: "FOUR BOMBS", "TWO INDIVIDUALS"
		if c.norm == s.norm || (ssig&^csig == 0 && strings.Contains(c.norm, s.norm) && containsWords(c.norm, s.norm)) {
			if k := c.i - 1; k >= a.seg.Sentences[c.sent].First && isNumber(a.norms[k]) {
				n := a.spanNorm(k, c.j)
				if n != "" {
					add(cand{i: k, j: c.j, sent: c.sent, norm: n, str: -1})
				}
			}
		}
	}
	return out
}

// byteSig is the set of the bytes of s, modulo 64: a string that holds another has all
// the bits of its signature.
func byteSig(s string) uint64 {
	var sig uint64
	for i := 0; i < len(s); i++ {
		sig |= 1 << (s[i] & 63)
	}
	return sig
}

// formFeatures describe form f of the picked string s in role r.
func formFeatures(a *analysis, lex *Lexicon, r int, s *strScore, f form, out fvec) fvec {
	role := Roles[r]
	out = append(out, hstr(fnvOff, "bias"))
	out.add("k", role, f.kind)
	words := strings.Fields(f.norm)
	out.add("n", role, f.kind, itoa(min(len(words), 6)))
	if st, ok := lex.Str[f.norm]; ok {
		out.add("g", role, binCount(st.Gold[r]))
		out.add("gp", role, binFrac(float64(st.Gold[r])/float64(max(st.Occ, 1))))
	} else {
		out.add("g", role, "unseen")
	}
	if st, ok := lex.Head[lastWord(f.norm)]; ok {
		out.add("hg", role, f.kind, binCount(st.Gold[r]))
	}
	if st, ok := lex.First[words[0]]; ok {
		out.add("fg", role, f.kind, binCount(st.Gold[r]))
	}
	if f.s != nil {
		out.add("q", role, f.kind, itoa(int(f.s.q[r]*10)))
		out.add("p", role, f.kind, itoa(int(f.s.p[r]*10)))
		out.add("cnt", role, f.kind, itoa(min(f.s.n, 4)))
	} else {
		out.add("q", role, f.kind, "none")
	}
	// the words around the form's first occurrence: a phrase boundary has a preposition
	// or a verb outside it, not a modifier
	sent := a.seg.Sentences[f.c.sent]
	pre, post := "<s>", "</s>"
	if f.c.i > sent.First {
		pre = a.norms[f.c.i-1]
	}
	if f.c.j < sent.Last {
		post = a.norms[f.c.j]
	}
	out.add("pre", role, f.kind, pre)
	out.add("post", role, f.kind, post)
	out.add("prestop", role, f.kind, boolStr(stopwords[pre] || pre == "<s>"))
	out.add("poststop", role, f.kind, boolStr(stopwords[post] || post == "</s>" || (len(post) == 1 && !isNumber(post))))
	if f.c.i < s.first {
		out.add("earlier", role, f.kind)
	}
	nf := 0
	for _, w := range words {
		if lex.foreign(r, w) {
			nf++
		}
	}
	out.add("foreign", role, f.kind, itoa(min(nf, 2)))
	if useFormShape {
		// verbs, conjunctions and dates inside a form mark a span that runs across
		// phrases ("RESIDENCE AND DAMAGED ...", "FENASTRAS KILLED 10", "SEPTEMBER MAIN
		// OFFICES"); the words a form adds are judged by how often the role's fillers hold
		// them
		nv, nand := 0, 0
		for i, w := range words {
			if isPastVerb(w) || (len(w) > 5 && strings.HasSuffix(w, "ing") && triggerCat(w) != "") {
				nv++
			}
			if w == "and" {
				nand++
			}
			if _, ok := months[w]; ok && (i == 0 || i == len(words)-1) {
				out.add("month", role, f.kind)
			}
		}
		out.add("verbs", role, f.kind, itoa(min(nv, 2)))
		out.add("and", role, f.kind, itoa(min(nand, 2)))
	}
	if f.kind == "self" {
		return out
	}
	long, short := f.norm, s.norm
	if f.kind == "shorter" {
		long, short = s.norm, f.norm
	}
	// the words one form has beyond the other, on each side
	k := strings.Index(" "+long+" ", " "+short+" ")
	left := strings.Fields(long[:max(k, 0)])
	right := strings.Fields(long[min(k+len(short), len(long)):])
	for side, ws := range [2][]string{left, right} {
		sd := "L"
		if side == 1 {
			sd = "R"
		}
		out.add("x"+sd+"n", role, f.kind, itoa(min(len(ws), 3)))
		for i, w := range ws {
			out.add("x"+sd, role, f.kind, w)
			out.add("x"+sd+"df", role, f.kind, binLog(lex.WordDF[w]))
			if isNumber(w) {
				out.add("x"+sd+"num", role, f.kind)
			}
			if titles[w] {
				out.add("x"+sd+"title", role, f.kind)
			}
			if tc := triggerCat(w); tc != "" {
				out.add("x"+sd+"trig", role, f.kind, tc)
			}
			if i == 0 && side == 0 {
				out.add("xL0", role, f.kind, w)
			}
			if useFormShape {
				fr := "unseen"
				if st, ok := lex.Word[w]; ok && st.Occ > 0 {
					fr = binFrac(float64(st.Gold[r]) / float64(st.Occ))
				}
				out.add("x"+sd+"wp", role, f.kind, fr)
				if isPastVerb(w) {
					out.add("x"+sd+"verb", role, f.kind)
				}
			}
			if i == len(ws)-1 && side == 1 {
				out.add("xRh", role, f.kind, w)
			}
		}
	}
	return out
}

// useFormShape gives the boundary model the verbs, conjunctions and month names inside a
// form and, for the words one form adds to another, how often the role's fillers hold
// them.
var useFormShape = true

// formGroup is the forms of one picked string with their features and, in training, labels.
type formGroup struct {
	role  int
	forms []form
	feats []fvec
	gold  []bool
}

// formGroups builds the groups of every string scoring at least min in a role, labelled
// against gold when gold is given; only groups with a gold form are kept in training.
func formGroups(a *analysis, lex *Lexicon, scores []*strScore, minQ float64, gold *[NRoles][][]string) []formGroup {
	by := byNorm(scores)
	var out []formGroup
	for _, s := range scores {
		for r := 0; r < NRoles; r++ {
			if s.q[r] < minQ {
				continue
			}
			g := formGroup{role: r, forms: a.forms(s, r, lex, by)}
			any := false
			for _, f := range g.forms {
				g.feats = append(g.feats, formFeatures(a, lex, r, s, f, nil))
				if gold != nil {
					y := isGold(gold[r], f.norm)
					any = any || y
					g.gold = append(g.gold, y)
				}
			}
			if gold != nil && (!any || len(g.forms) < 2) {
				continue
			}
			out = append(out, g)
		}
	}
	return out
}

func isGold(ents [][]string, n string) bool {
	for _, e := range ents {
		for _, m := range e {
			if m == n {
				return true
			}
		}
	}
	return false
}

var boundOpts = trainOpts{K: 2, Epochs: 6, LR: 0.1, L2: 1e-4, MinDF: 2}

// trainBoundary fits the boundary model on labelled groups.
func trainBoundary(groups []formGroup, seed uint64) *Linear {
	var samples []sample
	for gi, g := range groups {
		for k, f := range g.feats {
			y := 0
			if g.gold[k] {
				y = 1
			}
			samples = append(samples, sample{f: f, y: y, doc: int32(gi)})
		}
	}
	o := boundOpts
	o.Seed = seed
	return trainLinear(samples, o)
}

// useSelfLonger keeps the boundary model from widening a picked filler of the roles in
// selfLongerRoles. Out of fold (seed 1), of the individual perpetrators it widened
// ("GUERRILLAS" -> "SALVADORAN GUERRILLAS", "GUNMEN" -> "SEVERAL GUNMEN"), eight lost a
// keyed form and two found one: the keys write the same perpetrators with and without
// their modifiers and quantity from one document to the next. Narrowing still pays.
var useSelfLonger = true

var selfLongerRoles = [NRoles]bool{PerpInd: true}

// chooseForms replaces each pick by the form the boundary model scores best, dropping
// picks whose chosen form another pick of the role already took.
func chooseForms(bm *Linear, a *analysis, lex *Lexicon, picks []picked, by map[string]*strScore, fixed map[*strScore]bool) []picked {
	if bm == nil || a == nil {
		return picks
	}
	p := make([]float64, 2)
	var f fvec
	for i, pk := range picks {
		if fixed[pk.s] {
			continue
		}
		forms := a.forms(pk.s, pk.role, lex, by)
		best, bp := 0, -1.0
		for k, fm := range forms {
			if useSelfLonger && selfLongerRoles[pk.role] && fm.kind == "longer" {
				continue
			}
			f = formFeatures(a, lex, pk.role, pk.s, fm, f[:0])
			bm.probs(f, p)
			if p[1] > bp {
				best, bp = k, p[1]
			}
		}
		if best != 0 {
			fm := forms[best]
			s := fm.s
			if s == nil {
				s = &strScore{norm: fm.norm, cand: fm.c, first: fm.c.i, sent: fm.c.sent, n: 1}
			}
			pk.s = s
		}
		if useHedge {
			pk.s = dropHedge(pk.s, by)
		}
		picks[i] = pk
	}
	return uniquePicks(picks)
}

// hedges qualify a filler as unconfirmed ("ALLEGED URBAN GUERRILLAS"); the keys leave
// them out of the filler.
var hedges = wordSet(`alleged presumed suspected supposed purported presumably apparently`)

// useHedge drops a leading hedge from a chosen form.
var useHedge = true

// dropHedge is s without its leading hedge word, if it has one.
func dropHedge(s *strScore, by map[string]*strScore) *strScore {
	i := strings.IndexByte(s.norm, ' ')
	if i < 0 || !hedges[s.norm[:i]] {
		return s
	}
	rest := s.norm[i+1:]
	if t := by[rest]; t != nil {
		return t
	}
	c := s.cand
	if c.j-c.i > 1 {
		c.i++
		c.norm = rest
	}
	return &strScore{norm: rest, cand: c, first: c.i, sent: c.sent, n: 1}
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
