package extract

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/report"
)

// checkSpans asserts the invariants every report must hold: spans inside the text on rune
// boundaries, figure bounds around the value, evidence where text fields quote it.
func checkSpans(t testing.TB, r report.Report) {
	t.Helper()
	n := len(r.Text)
	check := func(what string, s report.Span) {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			t.Fatalf("%s: span %d:%d outside text of %d bytes", what, s.Start, s.End, n)
		}
		if s.Start < n && !utf8.RuneStart(r.Text[s.Start]) || s.End < n && !utf8.RuneStart(r.Text[s.End]) {
			t.Fatalf("%s: span %d:%d not on rune boundaries", what, s.Start, s.End)
		}
	}
	for _, in := range r.Incidents {
		if in.Date != nil {
			check("date", in.Date.Span)
			if in.Date.Span.Of(r.Text) != in.Date.Text {
				t.Errorf("date text %q is not its evidence %q", in.Date.Text, in.Date.Span.Of(r.Text))
			}
		}
		if in.Location != nil {
			check("location", in.Location.Span)
		}
		for _, f := range in.Figures {
			check("figure", f.Span)
			if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
				t.Errorf("figure %+v: min > max", f)
			}
			if f.Max != nil && f.Value > *f.Max {
				t.Errorf("figure %+v: value above max", f)
			}
		}
		for _, p := range in.Perpetrators {
			check("perpetrator", p.Span)
			if p.Span.Of(r.Text) != p.Mention {
				t.Errorf("perpetrator mention %q is not its evidence %q", p.Mention, p.Span.Of(r.Text))
			}
		}
		for _, w := range in.Weapons {
			check("weapon", w.Span)
			if w.Span.Of(r.Text) != w.Text {
				t.Errorf("weapon text %q is not its evidence", w.Text)
			}
		}
		for _, x := range in.Targets {
			check("target", x.Span)
		}
		for _, x := range in.Victims {
			check("victim", x.Span)
		}
	}
	for _, s := range r.Statements {
		check("statement", s.Span)
	}
	for _, f := range r.Flags {
		check("flag", f.Span)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("report does not encode: %v", err)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("The Islamic State (ISIS) has claimed responsibility for an attack on Friday which left at least 60 people dead and 145 hospitalized, 60 of whom are in serious condition.", "2024-03-23")
	f.Add("KABUL, Afghanistan, Oct. 3 (Xinhua) -- Seven Taliban militants were killed, police said.", "")
	f.Add("THE FMLN ATTACKED THE BRIDGE YESTERDAY, KILLING 12 SOLDIERS AND WOUNDING 10 TO 15.", "1989-11-02")
	f.Add("Business Times has been able to verify the claim made by ISIS.\u00a0", "")
	f.Add("\"It is over,\" said the ministry. eight women, a 10-year-old girl and four men injured", "2020-01-01T10:00:00Z")
	f.Fuzz(func(t *testing.T, text, published string) {
		if !utf8.ValidString(text) {
			return // readers hand the extractor valid UTF-8 only
		}
		r := testX.Extract(report.Document{ID: "f", Text: text, Published: published})
		checkSpans(t, r)
	})
}

func BenchmarkExtractSeed(b *testing.B) {
	r := readSeed(b)
	doc := report.Document{ID: "seed", Text: r.Text, Published: "2024-03-23"}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		out := testX.Extract(doc)
		if len(out.Incidents) != 1 {
			b.Fatal("seed lost its incident")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// TestInvariantsOnTeamSets runs the extractor over the repository's news sets and checks
// every span and bound of every report.
func TestInvariantsOnTeamSets(t *testing.T) {
	for _, path := range []string{"../../testdata/heldout/docs.jsonl", "../../testdata/heldout2/docs.jsonl"} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var in struct{ ID, Text, Published, Dateline string }
			if err := json.Unmarshal([]byte(line), &in); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			r := testX.Extract(report.Document{ID: in.ID, Text: in.Text, Published: in.Published, Dateline: in.Dateline})
			checkSpans(t, r)
		}
	}
}
