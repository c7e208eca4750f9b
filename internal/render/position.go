package render

import (
	"sort"
	"unicode/utf8"
)

// Lines maps byte offsets of a text to line:column positions, after go/token: it records
// where each line starts once and answers each lookup with a binary search.
type Lines struct {
	text   string
	starts []int // byte offset of the first byte of every line; starts[0] == 0
}

// NewLines indexes the line starts of text. A line ends after each "\n".
func NewLines(text string) *Lines {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{text: text, starts: starts}
}

// Position returns the 1-based line and column of byte offset off. The column counts
// runes (not bytes) from the start of the line, so it matches what an editor shows for
// UTF-8 text. Offsets outside the text are clamped to it.
func (l *Lines) Position(off int) (line, col int) {
	off = max(0, min(off, len(l.text)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return i + 1, utf8.RuneCountInString(l.text[l.starts[i]:off]) + 1
}
