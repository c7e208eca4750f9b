// Package segment splits a report's text into tokens and sentences. Every token and
// sentence is a half-open range of UTF-8 byte offsets into the original text, which is
// never rewritten; a token's Norm is its folded form (lower case, curly quotes and
// dashes folded to ASCII), so matching does not depend on capitalisation or typography.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what sort of token a token is.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters, possibly with inner hyphens or apostrophes: "al-Shabaab", "O'Neil"
	Number             // digits, possibly with separators: "1,200", "3.5", "2024"
	Punct              // one punctuation or symbol rune: "," "." "(" "$"
)

// Token is one token of a text.
type Token struct {
	Start, End int    // byte offsets into the text
	Norm       string // folded form used for matching
	Kind       Kind
	Cap        bool // the first rune is upper case in the text
}

// Sentence is a range of tokens.
type Sentence struct {
	Start, End  int  // byte offsets into the text
	First, Last int  // token indexes: Tokens[First:Last]
	Para        bool // the sentence starts a paragraph
}

// Doc is a segmented text.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
	// AllCaps is true for wire copy in capitals (MUC-4 style), where capitalisation carries
	// no information about names.
	AllCaps bool
}

// New segments text.
func New(text string) *Doc {
	d := &Doc{Text: text}
	d.Tokens = Tokenize(text)
	d.AllCaps = allCaps(text)
	d.Sentences = split(text, d.Tokens)
	return d
}

// Tok returns the text of token i as written.
func (d *Doc) Tok(i int) string { return d.Text[d.Tokens[i].Start:d.Tokens[i].End] }

// SentenceOf returns the index of the sentence holding token i.
func (d *Doc) SentenceOf(i int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Sentences[m].Last <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Norms returns the Norm of every token, for lexicon matching.
func (d *Doc) Norms() []string {
	out := make([]string, len(d.Tokens))
	for i, t := range d.Tokens {
		out[i] = t.Norm
	}
	return out
}

// fold maps typographic variants to their ASCII form; 0 means drop, -1 keep as is.
func fold(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	}
	return r
}

// asciiClass classifies the ASCII bytes once, so the common case needs no Unicode tables.
var asciiClass = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			t[c] = classSpace
		case c >= 'a' && c <= 'z':
			t[c] = classLetter | classLower
		case c >= 'A' && c <= 'Z':
			t[c] = classLetter | classUpper
		case c >= '0' && c <= '9':
			t[c] = classDigit
		}
	}
	return t
}()

const (
	classSpace uint8 = 1 << iota
	classLetter
	classDigit
	classLower
	classUpper
)

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classSpace != 0
	}
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || r == '\u202f'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classLetter != 0
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classDigit != 0
	}
	return unicode.IsDigit(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classUpper != 0
	}
	return unicode.IsUpper(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&classLower != 0
	}
	return unicode.IsLower(r)
}

// decode is utf8.DecodeRuneInString with a fast path for ASCII.
func decode(s string) (rune, int) {
	if len(s) > 0 && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// Tokenize splits s into tokens. A word is a run of letters and digits that may hold
// inner hyphens, apostrophes and dots between letters ("al-Shabaab", "U.S.", "ez-Zor");
// a possessive "'s" is split off as its own token; a number is a run of digits that may
// hold "," or "." between digits ("1,200", "3.5"); anything else is one Punct token per rune.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5+1)
	var nb strings.Builder
	// ASCII letters lowered once for the whole text: plain words slice their Norm from it
	lower := asciiLower(s)
	i := 0
	for i < len(s) {
		r, w := decode(s[i:])
		if isSpace(r) {
			i += w
			continue
		}
		switch {
		case isDigit(r):
			j := i + w
			for j < len(s) {
				r2, w2 := decode(s[j:])
				if isDigit(r2) {
					j += w2
					continue
				}
				if (r2 == ',' || r2 == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += w2
					continue
				}
				break
			}
			// digits run straight into letters: "20th", "3pm", "9mm", "20-year-old"
			k := j
			for k < len(s) {
				r2, w2 := decode(s[k:])
				if r2 == '-' && k+1 < len(s) {
					if r3, _ := decode(s[k+1:]); isWordRune(r3) {
						k += w2
						continue
					}
				}
				if !isWordRune(r2) && !isDigit(r2) {
					break
				}
				k += w2
			}
			kind := Number
			if k > j {
				kind = Word
				j = k
			}
			toks = append(toks, Token{Start: i, End: j, Norm: s[i:j], Kind: kind})
			if kind == Word {
				toks[len(toks)-1].Norm = strings.ToLower(s[i:j])
			}
			i = j
		case isWordRune(r):
			j := i + w
			lowerRun := 0
			if isLower(r) {
				lowerRun = 1
			}
			for j < len(s) {
				r2, w2 := decode(s[j:])
				if isUpper(r2) && lowerRun >= 3 {
					// sentences glued together without a space: "in SyriaThe desert"
					break
				}
				if isWordRune(r2) || isDigit(r2) {
					if isLower(r2) {
						lowerRun++
					} else {
						lowerRun = 0
					}
					j += w2
					continue
				}
				f := fold(r2)
				if r2 == '-' || r2 == '\u2010' || r2 == '\u2011' || f == '\'' || r2 == '.' {
					// joiner: only between word runes, and "'s"/"'" at the end is a possessive
					if j+w2 < len(s) {
						r3, _ := decode(s[j+w2:])
						if isWordRune(r3) || (f == '-' && isDigit(r3)) {
							if f == '\'' && possessive(s[j+w2:]) {
								break
							}
							if r2 == '.' && !abbrevDot(s, i, j) {
								break
							}
							j += w2
							lowerRun = 0 // "anti-ISIS" is one word, not a glued sentence
							continue
						}
						if r2 == '.' && abbrevDot(s, i, j) {
							// "U.S." keeps its final dot
							j += w2
						}
					}
				}
				break
			}
			norm := lower[i:j]
			if !plainASCII(s[i:j]) {
				norm = normWord(&nb, s[i:j])
			}
			toks = append(toks, Token{Start: i, End: j, Norm: norm, Kind: Word, Cap: isUpper(r)})
			i = j
		default:
			f := fold(r)
			if f == '\'' && possessive(s[i+w:]) && len(toks) > 0 && toks[len(toks)-1].End == i {
				toks = append(toks, Token{Start: i, End: i + w + 1, Norm: "'s", Kind: Word})
				i += w + 1
				continue
			}
			norm := string(unicode.ToLower(f))
			if f == r && r < utf8.RuneSelf {
				norm = s[i : i+w]
			}
			toks = append(toks, Token{Start: i, End: i + w, Norm: norm, Kind: Punct})
			i += w
		}
	}
	return toks
}

// possessive reports whether rest (the text after an apostrophe) starts with "s" or "S"
// followed by a non-letter.
func possessive(rest string) bool {
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	if len(rest) == 1 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return !isWordRune(r) && !unicode.IsDigit(r)
}

// abbrevDot reports whether the dot at s[j] continues a dotted abbreviation such as
// "U.S." or "U.N.": the word so far is single letters separated by dots.
func abbrevDot(s string, i, j int) bool {
	w := s[i:j]
	parts := strings.Split(w, ".")
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	return true
}

func allCaps(text string) bool {
	upper, lower := 0, 0
	for _, r := range text {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
		if upper+lower > 4000 {
			break
		}
	}
	return upper > 20 && lower*10 < upper
}

// normWord folds a word: lower case, typographic apostrophes and hyphens to ASCII. A word
// that is already plain lower-case ASCII is returned as is, without allocating.
func normWord(nb *strings.Builder, w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' || c == '`' {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	nb.Reset()
	for _, c := range w {
		nb.WriteRune(unicode.ToLower(fold(c)))
	}
	return nb.String()
}

// asciiLower lowers the ASCII letters of s and leaves every other byte as it is, so byte
// offsets into s hold in the result.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// plainASCII reports whether w is ASCII with nothing to fold beyond case.
func plainASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf || w[i] == '`' {
			return false
		}
	}
	return true
}
