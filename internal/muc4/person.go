package muc4

import "strings"

// useNotPerson drops picked victims that do not look like persons: the last word is
// common in the texts but foreign to victims ("CATAPULTS", "MAGAZINE", "MUNICIPALITY",
// "ESCAPED") and the first word is not a name word of victims ("JOSE", "CARLOS"), which
// keeps names whose surname is a common word ("GUILLERMO CANO").
var useNotPerson = true

// notPerson reports whether victim string s does not look like a person (useNotPerson):
// it starts with a Spanish article ("LA DORADA", "LOS CONGOS", "LA REBAJA DRUGSTORES"),
// ends with a title ("IRISH NUN") or with a kind of place ("VICTOR FAJARDO PROVINCE",
// "ROOSEVELT AVE"), or ends with a word foreign to victims, unless its
// first word is a victim's name word and the last is not a word common in the texts
// ("GUILLERMO CANO" but not "RUBEN DARIO STREET"). Of the 638 victim mentions of the dev
// keys, none starts with an article or ends with a title, a place type or a street word.
func notPerson(lex *Lexicon, s string) bool {
	last := lastWord(s)
	if spanishArticles[firstWord(s)] || titles[last] {
		return true
	}
	if _, ok := placeTypeWords[last]; ok || streetWords[last] {
		return true
	}
	if lex == nil || !lex.foreign(Victim, last) {
		return false
	}
	return lex.WordDF[last] > nameDFMax || !knownNameWord(lex, Victim, firstWord(s))
}

var spanishArticles = wordSet("el la las los")

// streetWords end the names of streets and public places, which are named after people.
var streetWords = wordSet("street avenue ave road highway bridge boulevard square park")

// useForeignDrop also drops picked weapons with a word foreign to weapons ("SHOPPING
// MALL", "PAID HOMAGE"). Dropping victims with two foreign words ("CESAR GAVIRIA
// TRUJILLO") was tried and cut right answers: public figures are named often.
var useForeignDrop = true

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
// useForeignDrop, the weapons with words foreign to weapons.
func dropNotPersons(picks []picked, lex *Lexicon) []picked {
	out := picks[:0]
	for _, p := range picks {
		if p.role == Victim && notPerson(lex, p.s.norm) {
			continue
		}
		if useForeignDrop && lex != nil && p.role == Weapon && foreignWords(lex, Weapon, p.s.norm) >= 1 {
			continue
		}
		out = append(out, p)
	}
	return out
}
