package muc4

import (
	"sort"
	"strings"
)

// Stat counts, over training documents, in how many a string was a gold filler of each
// role (Gold) and in how many it occurred at all (Occ).
type Stat struct {
	Gold [NRoles]int32 `json:"g"`
	Occ  int32         `json:"o"`
}

// Lexicon holds the priors learned from the training keys.
type Lexicon struct {
	Str    map[string]*Stat    `json:"str"`   // normalized filler strings
	Head   map[string]*Stat    `json:"head"`  // last word of filler strings
	First  map[string]*Stat    `json:"first"` // first word of filler strings
	WordDF map[string]int32    `json:"word_df"`
	Alias  map[string][]string `json:"alias"` // normalized mention -> other mentions of the same entity
	Pat    map[string]*Stat    `json:"pat"`   // extraction patterns: boundaries seen (Occ), fillers per role (Gold)
	NDocs  int                 `json:"ndocs"`
}

// trainDoc is one training document: its analysis and its normalized gold.
type trainDoc struct {
	id   string
	a    *analysis
	gold [NRoles][][]string // normalized entities
	own  *docGold
	// label of the document model
	typ int
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func newDocGold(gold [NRoles][][]string) *docGold {
	g := &docGold{str: map[string]uint8{}, head: map[string]uint8{}, first: map[string]uint8{}}
	for r := 0; r < NRoles; r++ {
		for _, e := range gold[r] {
			for _, m := range e {
				g.str[m] |= 1 << r
				g.head[lastWord(m)] |= 1 << r
				g.first[firstWord(m)] |= 1 << r
			}
		}
	}
	return g
}

// buildLexicon counts the priors over docs.
func buildLexicon(docs []*trainDoc) *Lexicon {
	lex := &Lexicon{Str: map[string]*Stat{}, Head: map[string]*Stat{}, First: map[string]*Stat{},
		WordDF: map[string]int32{}, Alias: map[string][]string{}, Pat: map[string]*Stat{}, NDocs: len(docs)}
	get := func(m map[string]*Stat, k string) *Stat {
		s := m[k]
		if s == nil {
			s = &Stat{}
			m[k] = s
		}
		return s
	}
	alias := map[string]map[string]bool{}
	for _, d := range docs {
		for p, st := range d.own.pat {
			s := get(lex.Pat, p)
			s.Occ += st.Occ
			for r := range st.Gold {
				s.Gold[r] += st.Gold[r]
			}
		}
		for m, mask := range d.own.str {
			s := get(lex.Str, m)
			for r := 0; r < NRoles; r++ {
				if mask&(1<<r) != 0 {
					s.Gold[r]++
				}
			}
		}
		for m, mask := range d.own.head {
			s := get(lex.Head, m)
			for r := 0; r < NRoles; r++ {
				if mask&(1<<r) != 0 {
					s.Gold[r]++
				}
			}
		}
		for m, mask := range d.own.first {
			s := get(lex.First, m)
			for r := 0; r < NRoles; r++ {
				if mask&(1<<r) != 0 {
					s.Gold[r]++
				}
			}
		}
		for r := 0; r < NRoles; r++ {
			for _, e := range d.gold[r] {
				for _, x := range e {
					for _, y := range e {
						if x != y {
							if alias[x] == nil {
								alias[x] = map[string]bool{}
							}
							alias[x][y] = true
						}
					}
				}
			}
		}
	}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, c := range d.a.cands {
			seen[c.norm] = true
		}
		for m := range d.own.str {
			seen[m] = true
		}
		for m := range seen {
			if s, ok := lex.Str[m]; ok {
				s.Occ++
			}
		}
		words := map[string]bool{}
		for _, w := range d.a.clean {
			if w != "" {
				words[w] = true
			}
		}
		for m := range d.own.head {
			words[m] = true
		}
		for m := range d.own.first {
			words[m] = true
		}
		for w := range words {
			lex.WordDF[w]++
			if s, ok := lex.Head[w]; ok {
				s.Occ++
			}
			if s, ok := lex.First[w]; ok {
				s.Occ++
			}
		}
	}
	for x, ys := range alias {
		l := make([]string, 0, len(ys))
		for y := range ys {
			l = append(l, y)
		}
		sort.Strings(l)
		lex.Alias[x] = l
	}
	return lex
}
