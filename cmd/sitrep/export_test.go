package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

// fusedFixtureDB builds a database from internal/fuse's hand-written extractions (one
// Kabul bombing told by five reports with an evolving toll, a Kandahar bombing the same
// day, a Lagos shooting), independent of the extractor, and refuses it.
func fusedFixtureDB(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "internal", "fuse", "testdata", "evolving.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	path := filepath.Join(t.TempDir(), "fixture.db")
	db := openTestDB(t, path)
	ctx := context.Background()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r store.Report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		err := db.Update(ctx, func(tx store.Tx) error {
			if _, err := tx.PutReport(ctx, &r); err != nil {
				return err
			}
			_, err := fuse.Apply(ctx, tx, &r)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := fuse.Refuse(ctx, db, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// TestExportGolden compares both export formats with testdata/fusion/export.golden.*;
// SITREP_UPDATE_GOLDEN=1 rewrites them.
func TestExportGolden(t *testing.T) {
	db := fusedFixtureDB(t)
	for _, format := range []string{"csv", "jsonl"} {
		got, _ := mustRun(t, "export", "--db", db, "--format", format)
		golden := filepath.Join("testdata", "fusion", "export.golden."+format)
		if os.Getenv("SITREP_UPDATE_GOLDEN") == "1" {
			writeTestFile(t, golden, got)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (SITREP_UPDATE_GOLDEN=1 writes it)", err)
		}
		if got != string(want) {
			t.Errorf("export --format %s differs from %s:\n%s", format, golden, got)
		}
	}
	show, _ := mustRun(t, "show", "--db", db, "1")
	for _, want := range []string{"killed 23 (conservative 23, high 30", "Islamic State: accused", "contradiction:", "gov-3"} {
		if !strings.Contains(show, want) {
			t.Errorf("show 1 lacks %q:\n%s", want, show)
		}
	}
}

func TestViewSubsetOnlyCategory(t *testing.T) {
	in := &store.Incident{ID: 1, Type: report.TypeBombing, Figures: []store.Figure{
		{Category: report.Killed, Value: 3, Qualifier: report.Exact, SubsetOf: report.Killed, ReportID: "a"},
		{Category: report.Injured, Value: 7, Qualifier: report.Exact, ReportID: "a"},
	}}
	fuse.Recompute(in)
	v := viewOf(in)
	if len(v.Figures) != 2 || v.Figures[0].Category != report.Killed || v.Figures[0].Best != nil ||
		len(v.Figures[0].Timeline) != 1 || v.Figures[1].Best == nil || *v.Figures[1].Best != 7 {
		b, _ := json.Marshal(v.Figures)
		t.Errorf("figures view = %s", b)
	}
}
