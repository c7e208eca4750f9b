package lexicon

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/segment"
)

// spaced returns the token norms of tokens [a,b) joined by spaces, hyphens turned into spaces
// and a final "." glued on, so that spelling variants compare equal to their phrase.
func spaced(norms []string) string {
	s := strings.Join(norms, " ")
	s = strings.ReplaceAll(s, "-", " ")
	s = strings.ReplaceAll(s, " .", ".")
	return strings.Join(strings.Fields(s), " ")
}

// FuzzMatcher builds a matcher from fuzzed lexicon content and runs it on fuzzed text,
// checking the invariants of Find: matches are in order, non-overlapping, within range,
// carry an entry, and cover tokens that spell one of the entry's phrases.
func FuzzMatcher(f *testing.F) {
	f.Add([]byte(testTSV), []byte(testExclude), "Islamic State Khorasan Province and the car bomb in Nice, U.S.")
	f.Add([]byte("a\torg\tal-Shabaab\t=AS|as well\tk=v\n"), []byte("as well as\n"), "al Shabaab as well as AS")
	f.Add([]byte("x\tc\tU.S.\t=US\n"), []byte(""), "THE U.S. AND US AND US")
	f.Add([]byte("x\tc\tHamas\t=IS|Islamic State\n"), []byte("Hamas-run\n"), "Hamas-led IS-linked Islamic State-claimed Hamas-run")
	f.Add([]byte("x\tc\t\u00abA\u00bb\t\u201cB\u201d|b-c d\n"), []byte("=b\n"), "\u00abA\u00bb \"B\" b c d B-c-d")
	f.Fuzz(func(t *testing.T, lexData, exData []byte, text string) {
		lx, _ := Parse("fuzz", lexData) // keeps the good lines
		_ = lx.ParseExclude(exData)
		m, err := Compile(lx)
		if err != nil {
			t.Fatalf("Compile of parsed entries failed: %v", err)
		}
		for _, e := range lx.Entries {
			for _, p := range e.Phrases {
				if got, want := hasToken(strings.TrimPrefix(p, "=")), len(segment.Tokenize(strings.TrimPrefix(p, "="))) > 0; got != want {
					t.Fatalf("hasToken(%q) = %v, Tokenize finds tokens: %v", p, got, want)
				}
			}
		}
		d := segment.New(text)
		ms := m.Find(d)
		prev := 0
		for _, mt := range ms {
			if mt.Start < prev || mt.End <= mt.Start || mt.End > len(d.Tokens) {
				t.Fatalf("bad span [%d,%d) after %d of %d tokens", mt.Start, mt.End, prev, len(d.Tokens))
			}
			prev = mt.End
			if mt.Entry == nil {
				t.Fatal("match without entry")
			}
			norms := make([]string, 0, mt.End-mt.Start)
			for _, tk := range d.Tokens[mt.Start:mt.End] {
				norms = append(norms, tk.Norm)
			}
			got := spaced(norms)
			ok := false
			for _, p := range mt.Entry.Phrases {
				cs := strings.HasPrefix(p, "=")
				p = strings.TrimSpace(strings.TrimPrefix(p, "="))
				if p != mt.Phrase {
					continue
				}
				if cs && d.AllCaps && mt.Entry.Canonical != p {
					continue
				}
				var pn []string
				for _, tk := range segment.Tokenize(p + " ") {
					pn = append(pn, tk.Norm)
				}
				if spaced(pn) == got || mt.Partial && strings.HasPrefix(got, spaced(pn)+" ") {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("match %q (tokens %q) is none of the phrases %q of %s", mt.Phrase, got, mt.Entry.Phrases, mt.Entry.ID)
			}
			if !utf8.ValidString(mt.Phrase) && utf8.ValidString(text) {
				t.Fatalf("invalid phrase %q", mt.Phrase)
			}
		}
		// FindRange over the whole doc is Find; over a part it stays inside the part
		if again := m.FindRange(d, 0, len(d.Tokens)); !slices.EqualFunc(again, ms, func(a, b Match) bool {
			return a.Start == b.Start && a.End == b.End && a.Entry == b.Entry
		}) {
			t.Fatal("FindRange(0, n) differs from Find")
		}
		if n := len(d.Tokens); n > 2 {
			a, b := n/3, 2*n/3
			for _, mt := range m.FindRange(d, a, b) {
				if mt.Start < a || mt.End > b {
					t.Fatalf("FindRange(%d,%d) gave [%d,%d)", a, b, mt.Start, mt.End)
				}
			}
		}
		for _, mt := range ms {
			if alts := m.Alternatives(mt); len(alts) == 0 || alts[0] != mt.Entry {
				t.Fatal("Alternatives does not start with the match's entry")
			}
		}
	})
}
