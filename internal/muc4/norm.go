package muc4

import (
	"strings"
	"unicode"
)

// asciiPunct is Python's string.punctuation: the characters Normalize deletes.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// Normalize puts a mention into the form the CEAF-REE metric compares (data README):
// lower-case, delete ASCII punctuation, drop the whole words "a", "an", "the", squeeze
// whitespace. Candidates are grouped by this form so that predictions agree with how
// they are scored.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(asciiPunct, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	f := strings.Fields(b.String())
	out := f[:0]
	for _, w := range f {
		if w != "a" && w != "an" && w != "the" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
