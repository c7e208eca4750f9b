package muc4

import (
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// Extraction patterns in the manner of AutoSlog (Riloff 1993): the lexico-syntactic
// context that governs a noun phrase, approximated without a parser. The left pattern of
// a span is the nearest content word before it with the function words in between
// ("MURDER OF <X>", "ATTACK ON <X>", "KILLED BY <X>", "IDENTIFIED AS <X>"); the right
// pattern is the function words after it up to the next content word ("<X> WAS KILLED",
// "<X> CLAIMED", "<X> GUERRILLAS"). Content words are crudely stemmed so that "KILLED"
// and "KILLING" share a pattern. Training counts, for every pattern, at how many span
// boundaries it occurred and at how many a gold filler of each role began (left) or
// ended (right); the candidate model sees the resulting reliability per role.

// maxPatWords bounds the function words a pattern may skip.
const maxPatWords = 3

// patStem strips common inflections from a content word.
func patStem(w string) string {
	for _, suf := range []string{"ings", "ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// leftPattern is the pattern governing a span that starts at token i of sentence si.
func (a *analysis) leftPattern(i, si int) string {
	first := a.seg.Sentences[si].First
	if i <= first {
		return "L <s>"
	}
	var parts []string
	for k := i - 1; k >= first && len(parts) <= maxPatWords; k-- {
		w := a.norms[k]
		if a.seg.Tokens[k].Kind == segment.Punct {
			parts = append(parts, w)
			break
		}
		if !stopwords[w] {
			parts = append(parts, patStem(w))
			break
		}
		parts = append(parts, w)
	}
	var b strings.Builder
	b.WriteString("L")
	for k := len(parts) - 1; k >= 0; k-- {
		b.WriteByte(' ')
		b.WriteString(parts[k])
	}
	return b.String()
}

// rightPattern is the pattern governing a span that ends before token j of sentence si.
func (a *analysis) rightPattern(j, si int) string {
	last := a.seg.Sentences[si].Last
	if j >= last {
		return "R </s>"
	}
	var b strings.Builder
	b.WriteString("R")
	for k, n := j, 0; k < last && n <= maxPatWords; k, n = k+1, n+1 {
		w := a.norms[k]
		b.WriteByte(' ')
		if a.seg.Tokens[k].Kind == segment.Punct {
			b.WriteString(w)
			break
		}
		if !stopwords[w] {
			b.WriteString(patStem(w))
			break
		}
		b.WriteString(w)
	}
	return b.String()
}

// patternCounts counts the document's left and right patterns: at how many candidate
// boundaries each occurs, and at how many a gold filler of each role starts or ends.
func patternCounts(a *analysis, g *docGold) map[string]*Stat {
	starts := map[int]uint8{}
	ends := map[int]uint8{}
	for _, c := range a.cands {
		m := g.str[c.norm]
		starts[c.i] |= m
		ends[c.j] |= m
	}
	out := map[string]*Stat{}
	add := func(p string, mask uint8) {
		s := out[p]
		if s == nil {
			s = &Stat{}
			out[p] = s
		}
		s.Occ++
		for r := 0; r < NRoles; r++ {
			if mask&(1<<r) != 0 {
				s.Gold[r]++
			}
		}
	}
	for _, c := range a.cands {
		if _, ok := starts[c.i]; ok {
			add(a.leftPattern(c.i, c.sent), starts[c.i])
			delete(starts, c.i)
		}
		if _, ok := ends[c.j]; ok {
			add(a.rightPattern(c.j, c.sent), ends[c.j])
			delete(ends, c.j)
		}
	}
	return out
}

// minPatOcc is the support a pattern needs before its reliability is a feature.
const minPatOcc = 3

// usePatterns adds the extraction patterns to the candidate features.
var usePatterns = false

// patternPrior adds the reliability of pattern p per role, without the document's own
// counts when own is set.
func patternPrior(out *fvec, name string, lex *Lexicon, p string, own *docGold, kind string) {
	st, ok := lex.Pat[p]
	if !ok {
		out.add(name + "_unseen")
		return
	}
	occ := st.Occ
	g := st.Gold
	if own != nil {
		if o, ok := own.pat[p]; ok {
			occ -= o.Occ
			for r := range g {
				g[r] -= o.Gold[r]
			}
		}
	}
	if occ < minPatOcc {
		out.add(name + "_rare")
		return
	}
	any := false
	for r := 0; r < NRoles; r++ {
		if g[r] > 0 {
			any = true
			b := binRate(float64(g[r]) / float64(occ))
			out.add(name+"p", Roles[r], b)
			out.add(name+"pk", Roles[r], b, kind)
			out.add(name+"g", Roles[r], binLog(g[r]))
		}
	}
	if !any {
		out.add(name+"_none", binLog(occ))
	}
}

// binRate bins a filler rate on a log scale.
func binRate(x float64) string {
	switch {
	case x < 0.01:
		return "0"
	case x < 0.02:
		return "1"
	case x < 0.05:
		return "2"
	case x < 0.1:
		return "3"
	case x < 0.2:
		return "4"
	case x < 0.35:
		return "5"
	case x < 0.5:
		return "6"
	}
	return "7"
}
