package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

// TestProbes reads short reports written in the styles that trip extractors (wire
// datelines, run-in titles, revised tolls, separate attacks, foiled plots, wire capitals)
// and checks the fields an analyst records first.
func TestProbes(t *testing.T) {
	tests := []struct {
		file, published string
		typ             report.IncidentType
		stage           report.Stage
		place, country  string
		killed, injured int // -1: no best figure
		perps           string
	}{
		{"a1.txt", "2013-09-22", report.TypeArmedAssault, report.StageAccomplished, "Nairobi", "Kenya", 59, 150, "al-Shabaab claimed"},
		{"a2.txt", "2016-07-16", report.TypeBombing, report.StageAccomplished, "Kabul", "Afghanistan", 12, 45, "Taliban denied"},
		{"a3.txt", "2016-07-16", report.TypeVehicleRamming, report.StageAccomplished, "Nice", "France", 84, -1, "Mohamed Lahouaiej-Bouhlel reported_as_fact|Islamic State claimed"},
		{"b1.txt", "2019-03-17", report.TypeArmedAssault, report.StageAccomplished, "Christchurch", "New Zealand", 50, -1, "Brenton Tarrant suspected"},
		{"b2.txt", "2017-10-16", report.TypeBombing, report.StageAccomplished, "Mogadishu", "Somalia", 230, 300, "al-Shabaab denied"},
		{"b3.txt", "1989-11-02", report.TypeArmedAssault, report.StageAccomplished, "SAN MIGUEL", "El Salvador", 3, 5, "Farabundo Marti National Liberation Front claimed"},
		{"b4.txt", "2014-04-16", report.TypeKidnapping, report.StageAccomplished, "Chibok", "Nigeria", -1, -1, "Boko Haram claimed"},
		{"c1.txt", "2021-06-26", report.TypeBombing, report.StageFoiled, "Essen", "Germany", -1, 0, ""},
		{"c2.txt", "2021-06-26", report.TypeStabbing, report.StageAccomplished, "Würzburg", "Germany", 3, 5, ""},
		{"c3.txt", "2021-06-26", report.TypeAirDroneStrike, report.StageAccomplished, "Idlib", "Syria", 1, -1, "United States reported_as_fact"},
		{"d1.txt", "2017-05-23", report.TypeBombing, report.StageAccomplished, "Manchester Arena", "United Kingdom", 22, 1017, "Salman Abedi reported_as_fact|Islamic State claimed"},
		{"d2.txt", "2023-02-07", report.TypeArmedAssault, report.StageAccomplished, "Gajiganna", "Nigeria", 30, -1, "Boko Haram suspected"},
		{"c4.txt", "2021-06-26", report.TypeBombing, report.StageAccomplished, "Baghdad", "Iraq", 18, -1, "Islamic State accused"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "probes", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := testX.Extract(report.Document{ID: tt.file, Text: string(b), Published: tt.published})
			checkSpans(t, r)
			if len(r.Incidents) == 0 {
				t.Fatal("no incident")
			}
			in := r.Incidents[0]
			if in.Type != tt.typ || in.Stage != tt.stage {
				t.Errorf("type %s %s, want %s %s", in.Type, in.Stage, tt.typ, tt.stage)
			}
			if in.Location == nil || in.Location.Place == nil || !strings.Contains(*in.Location.Place, tt.place) ||
				in.Location.Country == nil || *in.Location.Country != tt.country {
				t.Errorf("location %s, want %s in %s", placeString(in.Location), tt.place, tt.country)
			}
			for _, c := range []struct {
				cat  report.Category
				want int
			}{{report.Killed, tt.killed}, {report.Injured, tt.injured}} {
				got := -1
				if f := in.Best(c.cat); f != nil {
					got = f.Value
				}
				if got != c.want {
					t.Errorf("best %s = %d, want %d", c.cat, got, c.want)
				}
			}
			var ps []string
			for _, p := range in.Perpetrators {
				ps = append(ps, p.Name+" "+string(p.Status))
			}
			if strings.Join(ps, "|") != tt.perps {
				t.Errorf("perpetrators %q, want %q", strings.Join(ps, "|"), tt.perps)
			}
		})
	}
}

func placeString(l *report.Location) string {
	if l == nil {
		return "<nil>"
	}
	s := ""
	if l.Place != nil {
		s += *l.Place
	}
	if l.Country != nil {
		s += " / " + *l.Country
	}
	return s
}

// TestDateProbes checks the incident date and the killed toll on one-paragraph wire
// reports whose sentences also carry the date of a statement ("police said on Tuesday").
func TestDateProbes(t *testing.T) {
	want := map[string]struct {
		date   string
		killed int
	}{
		"p1": {"2016-12-19", 12}, "p2": {"2011-07-22", 8}, "p3": {"2016-06-28", 36}, "p4": {"2024-01-03", 84},
		"p5": {"2015-04-02", 147}, "p6": {"2019-10-09", 2}, "p7": {"2016-07-02", 20}, "p8": {"2004-09-03", 330},
	}
	for _, in := range readProbes(t, "dates.jsonl") {
		r := testX.Extract(report.Document{ID: in.ID, Text: in.Text, Published: in.Published})
		w := want[in.ID]
		if len(r.Incidents) == 0 {
			t.Errorf("%s: no incident", in.ID)
			continue
		}
		inc := r.Incidents[0]
		got := ""
		if inc.Date != nil && inc.Date.Value != nil {
			got = *inc.Date.Value
		}
		if got != w.date {
			t.Errorf("%s: date %q, want %s", in.ID, got, w.date)
		}
		if k := inc.Best(report.Killed); k == nil || k.Value != w.killed {
			t.Errorf("%s: killed %+v, want %d", in.ID, k, w.killed)
		}
	}
}

// TestFigureProbes checks the best killed and injured figures on common ways of stating a
// toll ("stood at 45", "left 12 dead", "killing 30 and injuring 70", "rose to 11").
func TestFigureProbes(t *testing.T) {
	want := map[string][2]int{ // killed, injured; -1: none
		"f1": {45, -1}, "f2": {25, 50}, "f3": {14, 30}, "f4": {12, -1}, "f5": {23, -1},
		"f6": {30, 70}, "f7": {40, -1}, "f8": {11, -1}, "f9": {128, -1},
	}
	for _, in := range readProbes(t, "figures.jsonl") {
		r := testX.Extract(report.Document{ID: in.ID, Text: in.Text})
		if len(r.Incidents) == 0 {
			t.Errorf("%s: no incident", in.ID)
			continue
		}
		for i, c := range []report.Category{report.Killed, report.Injured} {
			got := -1
			if f := r.Incidents[0].Best(c); f != nil {
				got = f.Value
			}
			if got != want[in.ID][i] {
				t.Errorf("%s: best %s = %d, want %d", in.ID, c, got, want[in.ID][i])
			}
		}
	}
}

// TestPerpetratorProbes checks claims, denials and accusations in common wordings.
func TestPerpetratorProbes(t *testing.T) {
	want := map[string]string{
		"q1": "Islamic State claimed", "q2": "Hamas denied", "q3": "Taliban claimed",
		"q4": "Islamic State Khorasan Province claimed", "q5": "Kurdistan Workers' Party denied",
		"q6": "Jalisco New Generation Cartel accused",
	}
	for _, in := range readProbes(t, "perpetrators.jsonl") {
		r := testX.Extract(report.Document{ID: in.ID, Text: in.Text})
		if len(r.Incidents) == 0 {
			t.Errorf("%s: no incident", in.ID)
			continue
		}
		var ps []string
		for _, p := range r.Incidents[0].Perpetrators {
			ps = append(ps, p.Name+" "+string(p.Status))
		}
		if got := strings.Join(ps, "|"); got != want[in.ID] {
			t.Errorf("%s: perpetrators %q, want %q", in.ID, got, want[in.ID])
		}
	}
}

// TestPlaceProbes checks the place (most specific first) and country of common wordings.
func TestPlaceProbes(t *testing.T) {
	want := map[string][2]string{
		"l1": {"Maiduguri", "Nigeria"}, "l2": {"Radisson Blu hotel", "Mali"}, "l3": {"Helmand", "Afghanistan"},
		"l4": {"Ministry of Education", "Somalia"}, "l5": {"Nice", "France"}, "l6": {"Sinai", "Egypt"},
	}
	for _, in := range readProbes(t, "places.jsonl") {
		r := testX.Extract(report.Document{ID: in.ID, Text: in.Text})
		if len(r.Incidents) == 0 {
			t.Errorf("%s: no incident", in.ID)
			continue
		}
		l := r.Incidents[0].Location
		w := want[in.ID]
		if l == nil || l.Place == nil || !strings.Contains(*l.Place, w[0]) || l.Country == nil || *l.Country != w[1] {
			t.Errorf("%s: location %s, want %s in %s", in.ID, placeString(l), w[0], w[1])
		}
	}
}

// probe is one line of a testdata/probes/*.jsonl file.
type probe struct{ ID, Text, Published string }

// readProbes reads testdata/probes/name, one report a line.
func readProbes(t *testing.T, name string) []probe {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "probes", name))
	if err != nil {
		t.Fatal(err)
	}
	var out []probe
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var p probe
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, p)
	}
	return out
}
