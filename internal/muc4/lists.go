package muc4

import (
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// useNameLists extends picked victims to the other names of the list they stand in:
// "THE FOLLOWING POLICEMEN DIED IN COMBAT: MAJOR CARLOS FARFAN CORREA, CAPTAIN WALTER
// MOSCOSO CARDENAS, ..., AND GUARD ACALARDO JARA SOTO." The keys name every person of
// such a list, but the scores spread over the many forms of many rare names (with and
// without titles) and rarely clear the threshold for more than one or two of them.
var useNameLists = true

// nameParticles may stand inside a Spanish name.
var nameParticles = wordSet("de del la las los y")

// nameListOf returns the names (without leading titles) of the list of names, separated by commas and AND, that
// the span [i, j) of sentence si stands in, or nil when it stands in no list of at least
// two names. An item is a run of name tokens: an optional run of titles, then two to five
// name words ("MAJOR CARLOS FARFAN CORREA", "JOAQUIN LOPEZ Y LOPEZ").
func (a *analysis) nameListOf(i, j, si int) []string {
	sent := a.seg.Sentences[si]
	sep := func(k int) bool { return a.norms[k] == "," || a.norms[k] == "and" || a.norms[k] == ";" }
	lo, hi := i, j
	for lo > sent.First && a.nameTok(lo-1) {
		lo--
	}
	for hi < sent.Last && a.nameTok(hi) {
		hi++
	}
	it, ok := a.nameItem(lo, hi)
	if !ok {
		return nil
	}
	items := []string{it}
	// leftwards over ", ITEM", "AND ITEM" and ", AND ITEM"
	for k := lo; ; {
		e := k
		for e > sent.First && sep(e-1) {
			e--
		}
		if e == k {
			break
		}
		s := e
		for s > sent.First && a.nameTok(s-1) {
			s--
		}
		it, ok := a.nameItem(s, e)
		if !ok {
			break
		}
		items = append([]string{it}, items...)
		k = s
	}
	for k := hi; ; {
		s := k
		for s < sent.Last && sep(s) {
			s++
		}
		if s == k {
			break
		}
		e := s
		for e < sent.Last && a.nameTok(e) {
			e++
		}
		it, ok := a.nameItem(s, e)
		if !ok {
			break
		}
		items = append(items, it)
		k = e
	}
	if len(items) < 2 {
		return nil
	}
	return items
}

// nameTok reports whether token k may stand in a name or the titles before it: a word
// without digits that is not a trigger nor a function word other than a name particle.
func (a *analysis) nameTok(k int) bool {
	w := a.clean[k]
	if w == "" || a.seg.Tokens[k].Kind != segment.Word || strings.ContainsAny(w, "0123456789") || a.trig[k] != "" {
		return false
	}
	return !stopwords[w] || nameParticles[w]
}

// nameItem reads tokens [i, j), all name tokens, as a list item: titles, then two to five
// words that neither start nor end with a name particle; it returns the name after the
// titles.
func (a *analysis) nameItem(i, j int) (string, bool) {
	k := i
	for k < j && titles[a.clean[k]] {
		k++
	}
	if n := j - k; n < 2 || n > 5 || nameParticles[a.clean[k]] || nameParticles[a.clean[j-1]] {
		return "", false
	}
	return a.spanNorm(k, j), true
}

// harmNear reports whether sentence si or the one before it tells of an act done to
// people ("THE FOLLOWING POLICEMEN DIED IN COMBAT:", "THE VICTIMS WERE IDENTIFIED AS").
func (a *analysis) harmNear(si int) bool {
	for s := max(si-1, 0); s <= si; s++ {
		for _, k := range a.sentTrig[s] {
			if harmCats[a.trig[k]] {
				return true
			}
		}
	}
	return false
}

// extendNameLists adds, as victims, the other names of each list a picked victim stands
// in, when the list's sentence or the one before it tells of harm to people: each name
// without the words before it that are not name words ("POLITICAL LEADERS HECTOR
// OQUELI" -> "HECTOR OQUELI"), if the document has it as a string, it looks like a
// person and it is not a form of a name already picked.
func extendNameLists(a *analysis, lex *Lexicon, by map[string]*strScore, picks []picked) []picked {
	var names []string
	for _, p := range picks {
		names = append(names, p.s.norm)
	}
	known := func(n string) bool {
		for _, m := range names {
			if containsWords(m, n) || containsWords(n, m) {
				return true
			}
		}
		return false
	}
	n := len(picks)
	for _, p := range picks[:n] {
		c := p.s.cand
		if p.role != Victim || c.j <= c.i || !a.harmNear(c.sent) {
			continue
		}
		for _, name := range a.nameListOf(c.i, c.j, c.sent) {
			for {
				w, rest, ok := strings.Cut(name, " ")
				if !ok || !strings.Contains(rest, " ") || !notNameWord(lex, Victim, w) {
					break
				}
				name = rest
			}
			s := by[name]
			if s == nil || known(name) || notPerson(lex, name) {
				continue
			}
			names = append(names, name)
			picks = append(picks, picked{role: Victim, s: s, p: p.p})
		}
	}
	return picks
}
