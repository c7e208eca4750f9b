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
	Word   map[string]*Stat    `json:"word"`  // words of filler strings: documents where a filler of the role held it
	NDocs  int                 `json:"ndocs"`
	// words holds each key of WordDF, Head and First with its entries in the three, so
	// that the candidate features look a token up once rather than in each; built by
	// index for extraction, nil in training, where the lexicons are built and changed
	words map[string]lexWord
}

// lexWord is a word's entries in a Lexicon's WordDF, Head and First.
type lexWord struct {
	df              int32
	headOK, firstOK bool
	head, first     *Stat
}

// index builds lex.words; call it again after changing WordDF, Head or First.
func (lex *Lexicon) index() {
	lex.words = nil
	words := make(map[string]lexWord, len(lex.WordDF))
	for _, m := range []map[string]*Stat{lex.Head, lex.First} {
		for w := range m {
			words[w] = lex.word(w)
		}
	}
	for w := range lex.WordDF {
		words[w] = lex.word(w)
	}
	lex.words = words
}

// word returns w's entries in WordDF, Head and First: a zero lexWord if it has none.
func (lex *Lexicon) word(w string) lexWord {
	if lex.words != nil {
		return lex.words[w]
	}
	var e lexWord
	e.df = lex.WordDF[w]
	e.head, e.headOK = lex.Head[w]
	e.first, e.firstOK = lex.First[w]
	return e
}

// trainDoc is one training document: its analysis and its normalized gold.
type trainDoc struct {
	id   string
	a    *analysis
	gold [NRoles][][]string // normalized entities
	own  *docGold
	aux  map[string]bool // normalized human-target descriptions of the keys (useAuxDesc)
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
		WordDF: map[string]int32{}, Alias: map[string][]string{}, Pat: map[string]*Stat{}, Word: map[string]*Stat{}, NDocs: len(docs)}
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
			ws := map[string]bool{}
			for _, e := range d.gold[r] {
				for _, m := range e {
					for _, w := range strings.Fields(m) {
						ws[w] = true
					}
				}
			}
			for w := range ws {
				get(lex.Word, w).Gold[r]++
			}
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
			if s, ok := lex.Word[w]; ok {
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

// foreignDF is the document frequency from which a word never seen in a role's fillers
// is taken to be foreign to the role.
const foreignDF = 4

// foreign reports whether word w is foreign to role r: common in the training texts but
// never part of one of the role's fillers ("RESCUED" in a victim's name, "PLACED" in a
// weapon). Numbers and the words that join noun phrases are never foreign.
func (lex *Lexicon) foreign(r int, w string) bool {
	if internalOK[w] || isNumber(w) || lex.WordDF[w] < foreignDF {
		return false
	}
	st, ok := lex.Word[w]
	return !ok || st.Gold[r] == 0
}
