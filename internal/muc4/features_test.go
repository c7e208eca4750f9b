package muc4

import (
	"math"
	"testing"
)

// TestBinLog checks binLog, by bit length, against the logarithm it stands for, at small
// values and around every power of two.
func TestBinLog(t *testing.T) {
	want := func(n int32) string {
		if n <= 0 {
			return "0"
		}
		return itoa(1 + int(math.Log2(float64(n))))
	}
	ns := []int32{math.MinInt32, -1, 0, math.MaxInt32}
	for n := int32(1); n <= 1<<12; n++ {
		ns = append(ns, n)
	}
	for e := 1; e < 31; e++ {
		ns = append(ns, 1<<e-1, 1<<e, 1<<e+1)
	}
	for _, n := range ns {
		if got := binLog(n); got != want(n) {
			t.Errorf("binLog(%d) = %q, want %q", n, got, want(n))
		}
	}
}

// TestLexiconIndex checks that the indexed lexicon gives every word the entries of the
// maps it indexes, words it does not hold included.
func TestLexiconIndex(t *testing.T) {
	x, y := &Stat{Occ: 1}, &Stat{Occ: 2}
	lex := &Lexicon{WordDF: map[string]int32{"bomb": 7, "lima": 2},
		Head: map[string]*Stat{"bomb": x, "house": y}, First: map[string]*Stat{"lima": y, "nil": nil}}
	words := []string{"bomb", "lima", "house", "nil", "unseen", ""}
	want := map[string]lexWord{}
	for _, w := range words {
		want[w] = lex.word(w)
	}
	lex.index()
	for _, w := range words {
		if got := lex.word(w); got != want[w] {
			t.Errorf("word(%q) = %+v indexed, %+v from the maps", w, got, want[w])
		}
	}
	if e := want["nil"]; !e.firstOK || e.first != nil {
		t.Errorf("word(\"nil\") = %+v, want a present nil First entry", e)
	}
}

// TestHashSet checks hashSet against a map, through growth and with the zero hash that
// marks its empty slots.
func TestHashSet(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int
		hs   []uint64
	}{
		{"empty", 0, nil},
		{"zero", 1, []uint64{0, 0, 5, 0}},
		{"repeats", 4, []uint64{3, 3, 7, 3, 7, 1 << 63, 1 << 63}},
		{"colliding low bits", 2, []uint64{16, 32, 48, 64, 16, 80, 96, 112, 128, 32}},
		{"growth", 1, func() (hs []uint64) {
			for i := uint64(0); i < 500; i++ {
				hs = append(hs, i*0x9e3779b97f4a7c15, i%7)
			}
			return
		}()},
	} {
		s := newHashSet(tc.size)
		seen := map[uint64]bool{}
		for _, h := range tc.hs {
			if got, want := s.add(h), !seen[h]; got != want {
				t.Errorf("%s: add(%d) = %v, want %v", tc.name, h, got, want)
			}
			seen[h] = true
		}
	}
}
