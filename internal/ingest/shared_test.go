package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

// sharedData is the project's shared data directory, seen from this package.
const sharedData = "../../../shared/data"

func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(sharedData, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not available: %v", p, err)
	}
	return p
}

func TestSharedMUC4(t *testing.T) {
	p := sharedFile(t, "muc4/docs-tst1.jsonl")
	docs, err := ReadFile(p, "")
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs)
	if len(docs) != 100 {
		t.Fatalf("got %d documents, want 100", len(docs))
	}
	want := report.Document{ID: "TST1-MUC3-0001", Source: "ACAN-EFE", Published: "1990-02-04", Dateline: "GUATEMALA CITY, 4 FEB 90 (ACAN-EFE)"}
	got := docs[0]
	if got.ID != want.ID || got.Source != want.Source || got.Published != want.Published || got.Dateline != want.Dateline {
		t.Errorf("first document = %+v, want %+v", got, want)
	}
	if !strings.HasPrefix(got.Text, "THE GUATEMALA ARMY\nDENIED TODAY") {
		t.Errorf("first text starts %q", got.Text[:40])
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if seen[d.ID] {
			t.Errorf("duplicate id %s", d.ID)
		}
		seen[d.ID] = true
	}
}

func TestSharedWikiEvents(t *testing.T) {
	p := sharedFile(t, "wikievents/dev.jsonl")
	n := 0
	err := StreamFile(p, "", func(d report.Document) error {
		n++
		checkDocs(t, []report.Document{d})
		if strings.HasPrefix(d.ID, "sha256:") {
			t.Errorf("document %d: id %q not taken from doc_id", n, d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 20 {
		t.Errorf("got %d documents, want 20", n)
	}
}

func TestSharedSeed(t *testing.T) {
	p := sharedFile(t, "seed/000_8450b356199d244b.txt")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadFile(p, "")
	if err != nil {
		t.Fatal(err)
	}
	checkDocs(t, docs)
	// The seed's offsets are into the file as it is: the text must be byte-identical.
	if len(docs) != 1 || docs[0].Text != string(raw) {
		t.Fatalf("seed text changed in reading")
	}
	if got := docs[0].Text[1375:1437]; got != "Business Times has been able to verify the claim made by ISIS." {
		t.Errorf("bytes 1375-1437 = %q", got)
	}
}
