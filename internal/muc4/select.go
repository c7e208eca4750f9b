package muc4

import (
	"sort"
	"strings"
)

// strScore is one distinct candidate string of a document with its best role scores.
type strScore struct {
	norm  string
	text  string // first occurrence as written
	first int    // token index of the first occurrence
	p     [NRoles]float64
}

// picked is one selected filler.
type picked struct {
	role int
	s    *strScore
	p    float64
}

// roleScores scores every candidate of a and aggregates them per distinct string.
func (m *Model) roleScores(a *analysis, rel float64, own *docGold) []*strScore {
	by := map[string]*strScore{}
	var out []*strScore
	var f fvec
	p := make([]float64, m.Cand.K)
	for _, c := range a.cands {
		f = a.candFeatures(c, m.Lex, own, rel, f[:0])
		m.Cand.probs(f, p)
		s := by[c.norm]
		if s == nil {
			s = &strScore{norm: c.norm, text: a.spanText(c), first: c.i}
			by[c.norm] = s
			out = append(out, s)
		}
		for r := 0; r < NRoles; r++ {
			s.p[r] = max(s.p[r], p[r+1])
		}
	}
	return out
}

// containsWords reports whether the word sequence of x holds that of y contiguously.
func containsWords(x, y string) bool {
	if len(y) > len(x) {
		return false
	}
	i := strings.Index(" "+x+" ", " "+y+" ")
	return i >= 0
}

// selectFillers picks the fillers: every (string, role) scoring at least the role's
// threshold, best first, one role per string, and no two strings of a role that overlap
// in words or are known aliases (one entity is output with one mention).
func selectFillers(scores []*strScore, th [NRoles]float64, maxPer int, alias map[string][]string) []picked {
	var all []picked
	for _, s := range scores {
		for r := 0; r < NRoles; r++ {
			if s.p[r] >= th[r] {
				all = append(all, picked{role: r, s: s, p: s.p[r]})
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
		if used[c.s.norm] || n[c.role] >= maxPer {
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
			for _, al := range alias[o.s.norm] {
				if al == c.s.norm {
					clash = true
					break
				}
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
