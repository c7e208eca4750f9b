package eval

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzNormalize checks Normalize's invariants: idempotent, no ASCII punctuation, single
// inner spaces, trimmed, and no whole-word article left.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"The FMLN [Farabundo Marti] rebels", "a an the", "A-THE-AN", "Bogotá\tthe  Café", "İstanbul", "\"x\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, again)
		}
		if strings.ContainsAny(n, asciiPunct) {
			t.Fatalf("%q → %q keeps punctuation", s, n)
		}
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Fatalf("%q → %q: spaces not squeezed", s, n)
		}
		for _, w := range strings.Fields(n) {
			if w == "a" || w == "an" || w == "the" {
				t.Fatalf("%q → %q keeps article %q", s, n, w)
			}
		}
	})
}

// BenchmarkScoreRoles scores the dev keys as predictions against the dev roles (1300
// documents) when ../shared is present.
func BenchmarkScoreRoles(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "muc4")
	gold, err := ReadRoles(filepath.Join(dir, "roles-dev.jsonl"))
	if err != nil {
		b.Skipf("shared data absent: %v", err)
	}
	keys, err := ReadKeys(filepath.Join(dir, "keys-dev.jsonl"))
	if err != nil {
		b.Skipf("shared data absent: %v", err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep := ScoreRoles(gold, PredictionsFromDocs(keys))
		if rep.Docs != 1300 {
			b.Fatalf("docs = %d", rep.Docs)
		}
	}
}
