package extract

import (
	"os"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

var testX = func() *Extractor {
	x, err := New()
	if err != nil {
		panic(err)
	}
	return x
}()

func readSeed(t testing.TB) report.Report {
	t.Helper()
	b, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	return testX.Extract(report.Document{ID: "seed", Text: string(b), Published: "2024-03-23"})
}

// TestSeed checks what issue 2 requires of the founding example.
func TestSeed(t *testing.T) {
	r := readSeed(t)
	if len(r.Incidents) == 0 {
		t.Fatal("no incident")
	}
	in := r.Incidents[0]
	ev := func(s report.Span) string { return s.Of(r.Text) }
	if in.Type != report.TypeArmedAssault || in.Stage != report.StageAccomplished {
		t.Errorf("type %s stage %s, want armed_assault accomplished", in.Type, in.Stage)
	}
	if in.Date == nil || in.Date.Value == nil || *in.Date.Value != "2024-03-22" || ev(in.Date.Span) != "Friday" {
		t.Errorf("date %+v, want 2024-03-22 from Friday", in.Date)
	}
	if in.Location == nil || in.Location.Country == nil || *in.Location.Country != "Russia" ||
		in.Location.Place == nil || !strings.Contains(*in.Location.Place, "Crocus City Hall") {
		t.Errorf("location %+v, want Crocus City Hall, Russia", in.Location)
	}

	best := func(c report.Category) *report.Figure { return in.Best(c) }
	if k := best(report.Killed); k == nil || k.Value != 60 || k.Qualifier != report.AtLeast || k.Source != nil ||
		k.Span != (report.Span{Start: 149, End: 172}) {
		t.Errorf("killed best %+v, want at least 60 unattributed at 149-172", k)
	}
	if h := best(report.Hospitalized); h == nil || h.Value != 145 || h.Qualifier != report.Exact || h.Span != (report.Span{Start: 177, End: 193}) {
		t.Errorf("hospitalized best %+v, want 145 at 177-193", h)
	}
	if i := best(report.Injured); i == nil || i.Value != 145 || i.DerivedFrom == nil || *i.DerivedFrom != report.Hospitalized {
		t.Errorf("injured best %+v, want 145 derived from hospitalized", i)
	}
	if e := best(report.Evacuated); e == nil || e.Value != 100 || e.Qualifier != report.About {
		t.Errorf("evacuated best %+v, want about 100", e)
	}
	var critical *report.Figure
	for i, f := range in.Figures {
		if f.Category == report.Critical {
			critical = &in.Figures[i]
		}
		if f.Category == report.Killed && f.Value != 60 {
			t.Errorf("unexpected killed figure %d from %q", f.Value, ev(f.Span))
		}
		if f.Value == 70 || f.Value == 2 {
			t.Errorf("figure %s %d from %q is no casualty figure", f.Category, f.Value, ev(f.Span))
		}
		if f.Min != nil && f.Max != nil && (*f.Min > f.Value && f.Qualifier != report.MoreThan || *f.Max < f.Value) {
			t.Errorf("figure %+v: bounds do not hold the value", f)
		}
	}
	if critical == nil || critical.Value != 60 || critical.SubsetOf == nil || *critical.SubsetOf != report.Hospitalized {
		t.Errorf("critical %+v, want 60 subset of hospitalized", critical)
	}

	perps := map[string]report.Perpetrator{}
	for _, p := range in.Perpetrators {
		perps[p.Name] = p
	}
	is, ok := perps["Islamic State"]
	if !ok || is.Status != report.Claimed || is.Channel == nil || !strings.Contains(*is.Channel, "Amaq") {
		t.Errorf("Islamic State %+v, want claimed via Amaq", is)
	}
	if ua, ok := perps["Ukraine"]; !ok || ua.Status != report.Denied || ua.Kind != report.KindState {
		t.Errorf("Ukraine %+v, want a denying state", ua)
	}
	if len(perps) != 2 {
		t.Errorf("perpetrators %v, want only Islamic State and Ukraine", in.Perpetrators)
	}

	cats := map[report.WeaponCategory]bool{}
	for _, w := range in.Weapons {
		cats[w.Category] = true
	}
	for _, c := range []report.WeaponCategory{report.WeaponFirearms, report.WeaponIncendiary, report.WeaponExplosives} {
		if !cats[c] {
			t.Errorf("weapon category %s missing from %v", c, in.Weapons)
		}
	}

	speakers := ""
	for _, s := range r.Statements {
		speakers += s.Speaker + "|"
	}
	for _, want := range []string{"Prosecutor General's Office", "Vorobyov", "Putin", "Sobyanin", "Podolyak", "Guterres"} {
		if !strings.Contains(speakers, want) {
			t.Errorf("no statement by %s in %q", want, speakers)
		}
	}

	var verification []report.Flag
	for _, f := range r.Flags {
		if f.Kind == report.FlagUnsupportedVerification {
			verification = append(verification, f)
		}
	}
	if len(verification) != 1 || verification[0].Span != (report.Span{Start: 1375, End: 1437}) {
		t.Errorf("unsupported_verification flags %+v, want one at 1375-1437", verification)
	}
}

// TestSpansValid checks every span of the seed's record against the text.
func TestSpansValid(t *testing.T) {
	r := readSeed(t)
	checkSpans(t, r)
}
