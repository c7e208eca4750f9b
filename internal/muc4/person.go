package muc4

import "strings"

// usePerson gives the second stage, for victims, how much a string looks like a person:
// whether its head word headed victims or only other roles' fillers in training
// ("SHELLS", "MAGAZINE", "DEPARTMENT" head weapons, targets and places), how many of
// its words are foreign to victims ("TORTURE AND BULLET", "FUJIMORI ESCAPED"), and
// whether all its words are rare, as names are.
var usePerson = false

// personShape describes name s as a victim: the head word's victim share, the number of
// its words foreign to victims, and its rare-word shape.
func personShape(lex *Lexicon, s string) (head, foreign, shape string) {
	if lex == nil {
		return "-", "-", "-"
	}
	ws := strings.Fields(s)
	h := ws[len(ws)-1]
	head = "unseen"
	if st, ok := lex.Head[h]; ok {
		var tot int32
		for _, g := range st.Gold {
			tot += g
		}
		switch {
		case tot == 0:
		case st.Gold[Victim] == 0:
			head = "other"
		case 2*st.Gold[Victim] >= tot:
			head = "vic"
		default:
			head = "mixed"
		}
	}
	nf, rare := 0, 0
	for _, w := range ws {
		if lex.foreign(Victim, w) {
			nf++
		}
		if lex.WordDF[w] < candDFMax {
			rare++
		}
	}
	foreign = itoa(min(nf, 2))
	switch {
	case rare == len(ws):
		shape = "rare"
	case rare == 0:
		shape = "common"
	default:
		shape = "some"
	}
	return head, foreign, shape
}

// useSeize gives the second stage, for weapons, how many of a string's occurrences stand
// in a sentence about arms found or seized ("THEY FOUND 103 SHELLS", "AN ARMS CACHE"):
// the keys' weapons are those used in the incident.
var useSeize = false

// seizeWords tell of arms found or seized rather than used.
var seizeWords = wordSet(`found find finds seized seize seizes seizure confiscated confiscate
cache caches arsenal arsenals discovered discover recovered seizing confiscation captured
stockpile depot hidden cached`)

// seizeSents marks the sentences that hold a seizeWords word.
func (a *analysis) seizeSents() []bool {
	out := make([]bool, len(a.seg.Sentences))
	for si, s := range a.seg.Sentences {
		for k := s.First; k < s.Last; k++ {
			if seizeWords[a.norms[k]] {
				out[si] = true
				break
			}
		}
	}
	return out
}

// useNotPerson drops picked victims that do not look like persons: the last word is
// common in the texts but foreign to victims ("CATAPULTS", "MAGAZINE", "MUNICIPALITY",
// "ESCAPED") and the first word is not a name word of victims ("JOSE", "CARLOS"), which
// keeps names whose surname is a common word ("GUILLERMO CANO").
var useNotPerson = true

// notPerson reports whether victim string s does not look like a person (useNotPerson).
func notPerson(lex *Lexicon, s string) bool {
	if lex == nil {
		return false
	}
	return lex.foreign(Victim, lastWord(s)) && !knownNameWord(lex, Victim, firstWord(s))
}

// useForeignDrop also drops picked victims with two words foreign to victims ("CESAR
// GAVIRIA TRUJILLO", "PACKAGES OF MARIJUANA": names common in the texts are those of
// public figures) and picked weapons with a word foreign to weapons ("SHOPPING MALL",
// "PAID HOMAGE").
var useForeignDrop = true

// useForeignVic is the victim half of useForeignDrop.
var useForeignVic = false

// foreignWords is the number of words of s foreign to role r.
func foreignWords(lex *Lexicon, r int, s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if lex.foreign(r, w) {
			n++
		}
	}
	return n
}

// dropNotPersons removes, in place, the victims that do not look like persons and, with
// useForeignDrop, the victims and weapons with words foreign to their role.
func dropNotPersons(picks []picked, lex *Lexicon) []picked {
	out := picks[:0]
	for _, p := range picks {
		if p.role == Victim && notPerson(lex, p.s.norm) {
			continue
		}
		if useForeignDrop && lex != nil {
			if p.role == Victim && foreignWords(lex, Victim, p.s.norm) >= 2 && useForeignVic {
				continue
			}
			if p.role == Weapon && foreignWords(lex, Weapon, p.s.norm) >= 1 {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}
