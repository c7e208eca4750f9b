package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns ../shared/data/<sub> relative to the repo root, or skips the test
// when it is absent (a fresh clone without ../shared must pass).
func sharedData(t *testing.T, sub string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s absent: %v", p, err)
	}
	return p
}

func mustRoles(t *testing.T, path string) []RoleDoc {
	t.Helper()
	rs, err := ReadRoles(path)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestKeysAsPredictionsVector checks the README's test vectors: scoring keys-*.jsonl
// verbatim as predictions against roles-*.jsonl.
func TestKeysAsPredictionsVector(t *testing.T) {
	dir := sharedData(t, "muc4")
	for _, tc := range []struct {
		name       string
		splits     []string
		sP, sR, sF float64
		pP, pR, pF float64
	}{
		{"dev", []string{"dev"}, 97.22, 98.35, 97.78, 98.12, 99.26, 98.69},
		{"tst1+tst2", []string{"tst1", "tst2"}, 98.12, 98.95, 98.53, 98.73, 99.56, 99.14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rep RoleReport
			for _, s := range tc.splits {
				gold := mustRoles(t, filepath.Join(dir, "roles-"+s+".jsonl"))
				keys, err := ReadKeys(filepath.Join(dir, "keys-"+s+".jsonl"))
				if err != nil {
					t.Fatal(err)
				}
				rep.Add(ScoreRoles(gold, PredictionsFromDocs(keys)))
			}
			check := func(what string, got, want float64) {
				t.Helper()
				if math.Abs(100*got-want) > 0.005 {
					t.Errorf("%s = %.4f, want %.2f", what, 100*got, want)
				}
			}
			s, p := rep.Strict.Micro(), rep.Prop.Micro()
			t.Logf("strict P %.2f R %.2f F1 %.2f; prop P %.2f R %.2f F1 %.2f",
				100*s.P(), 100*s.R(), 100*s.F1(), 100*p.P(), 100*p.R(), 100*p.F1())
			check("strict P", s.P(), tc.sP)
			check("strict R", s.R(), tc.sR)
			check("strict F1", s.F1(), tc.sF)
			check("prop P", p.P(), tc.pP)
			check("prop R", p.R(), tc.pR)
			check("prop F1", p.F1(), tc.pF)
			if rep.Missing != 0 {
				t.Errorf("missing = %d, want 0", rep.Missing)
			}
		})
	}
}

// TestGoldAsPredictions: the gold scored against itself is perfect, and empty
// predictions score 0.
func TestGoldAsPredictions(t *testing.T) {
	dir := sharedData(t, "muc4")
	gold := mustRoles(t, filepath.Join(dir, "roles-tst1.jsonl"))
	pred := map[string]map[string][]Entity{}
	for _, g := range gold {
		pred[g.ID] = g.Roles
	}
	rep := ScoreRoles(gold, pred)
	if f := rep.Strict.Micro().F1(); f != 1 {
		t.Errorf("self strict F1 = %v, want 1", f)
	}
	rep = ScoreRoles(gold, nil)
	if m := rep.Strict.Micro(); m.F1() != 0 || m.Gold != 210 || rep.Missing != 100 {
		t.Errorf("empty prediction: %+v missing %d, want F1 0 over 210 gold, 100 missing", m, rep.Missing)
	}
}
