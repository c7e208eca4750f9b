package muc4

import "fmt"

// RoleCounts accumulates the strict CEAF-REE counts for one role. With one mention per
// predicted entity, as Extract outputs, the proportional score equals the strict one.
type RoleCounts struct{ Match, Pred, Gold float64 }

// Scores holds per-role counts.
type Scores [NRoles]RoleCounts

func prf(c RoleCounts) (p, r, f float64) {
	if c.Pred > 0 {
		p = c.Match / c.Pred
	}
	if c.Gold > 0 {
		r = c.Match / c.Gold
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Micro returns the micro-averaged precision, recall and F1 (fractions).
func (s *Scores) Micro() (p, r, f float64) {
	var t RoleCounts
	for _, c := range s {
		t.Match += c.Match
		t.Pred += c.Pred
		t.Gold += c.Gold
	}
	return prf(t)
}

// String formats the per-role and micro scores as percentages.
func (s *Scores) String() string {
	out := ""
	for r, c := range s {
		p, rc, f := prf(c)
		out += fmt.Sprintf("%-8s P %6.2f R %6.2f F1 %6.2f  (%v/%v/%v)\n", Roles[r], 100*p, 100*rc, 100*f, c.Match, c.Pred, c.Gold)
	}
	p, rc, f := s.Micro()
	out += fmt.Sprintf("%-8s P %6.2f R %6.2f F1 %6.2f\n", "micro", 100*p, 100*rc, 100*f)
	return out
}

// scoreDoc adds the strict counts of predicted single-mention entities pred (normalized)
// against gold entities (normalized mention lists), role by role.
func (s *Scores) scoreDoc(pred [NRoles][]string, gold [NRoles][][]string) {
	for r := 0; r < NRoles; r++ {
		s[r].Pred += float64(len(pred[r]))
		s[r].Gold += float64(len(gold[r]))
		s[r].Match += float64(matchCount(pred[r], gold[r]))
	}
}

// matchCount is the size of a maximum matching of predictions to gold entities holding
// them (Kuhn's augmenting paths; exact).
func matchCount(pred []string, gold [][]string) int {
	if len(pred) == 0 || len(gold) == 0 {
		return 0
	}
	adj := make([][]int, len(pred))
	for i, p := range pred {
		for j, g := range gold {
			for _, m := range g {
				if m == p {
					adj[i] = append(adj[i], j)
					break
				}
			}
		}
	}
	owner := make([]int, len(gold))
	for j := range owner {
		owner[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for _, j := range adj[i] {
			if seen[j] {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	n := 0
	for i := range pred {
		if try(i, make([]bool, len(gold))) {
			n++
		}
	}
	return n
}
