package eval

import (
	"strings"
	"unicode"
)

// Normalize puts a role-filler mention into the form the CEAF-REE metric compares, in the
// README's order: lower-case; delete every ASCII punctuation character; replace each whole
// word "a", "an" or "the" with a space; squeeze whitespace runs to single spaces and trim.
// It matches GRIT's normalize_string ("The FMLN [Farabundo Marti] rebels" becomes
// "fmln farabundo marti rebels").
func Normalize(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(asciiPunct, r) {
			continue
		}
		b.WriteRune(r)
	}
	s = b.String()

	// Remove the articles as whole words (regex \b(a|an|the)\b), then squeeze.
	var out strings.Builder
	out.Grow(len(s))
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if !isWordRune(runes[i]) {
			out.WriteRune(runes[i])
			i++
			continue
		}
		j := i
		for j < len(runes) && isWordRune(runes[j]) {
			j++
		}
		w := string(runes[i:j])
		if w == "a" || w == "an" || w == "the" {
			out.WriteByte(' ')
		} else {
			out.WriteString(w)
		}
		i = j
	}
	return strings.Join(strings.Fields(out.String()), " ")
}

// asciiPunct is Python's string.punctuation, the characters Normalize deletes.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// isWordRune approximates Python's Unicode \w: letters, digits, marks and underscore.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}
