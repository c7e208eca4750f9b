package eval

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/muc4"
)

func fill(vals ...string) []muc4.Fill { return []muc4.Fill{{Value: vals}} }

func TestParseKeyDate(t *testing.T) {
	d := func(s string) time.Time {
		t, _ := time.Parse(time.DateOnly, s)
		return t
	}
	for _, tc := range []struct {
		in       string
		from, to time.Time
		ok       bool
	}{
		{"31 OCT 89", d("1989-10-31"), d("1989-10-31"), true},
		{"- 04 MAR 90", time.Time{}, d("1990-03-04"), true},
		{"07 MAR 90 - 08 MAR 90", d("1990-03-07"), d("1990-03-08"), true},
		{"7 MAR 90", d("1990-03-07"), d("1990-03-07"), true},
		{"  07  MAR 90 ", d("1990-03-07"), d("1990-03-07"), true},
		{"31 NOV 89", time.Time{}, time.Time{}, false},
		{"11 NOV", time.Time{}, time.Time{}, false},
		{"OCT 18", time.Time{}, time.Time{}, false},
		{"11 NOV 90 - 19 NOV 89", time.Time{}, time.Time{}, false},
		{"", time.Time{}, time.Time{}, false},
		{"-20 MAR 89", time.Time{}, d("1989-03-20"), true},
		{"03 MARCH 90", d("1990-03-03"), d("1990-03-03"), true},
		{"07 MAR 90-08 MAR 90", d("1990-03-07"), d("1990-03-08"), true},
		{"07 MAR 1990", d("1990-03-07"), d("1990-03-07"), true},
		{"13 NOV 00", time.Time{}, time.Time{}, false},
		{"123 MAR 90", time.Time{}, time.Time{}, false},
		{"07 XYZ 90", time.Time{}, time.Time{}, false},
	} {
		from, to, ok := ParseKeyDate(tc.in)
		if ok != tc.ok || (ok && (!from.Equal(tc.from) || !to.Equal(tc.to))) {
			t.Errorf("ParseKeyDate(%q) = %v %v %v, want %v %v %v", tc.in, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}

func TestParseLocation(t *testing.T) {
	for _, tc := range []struct {
		in       string
		country  string
		specific []string
	}{
		{"EL SALVADOR", "el salvador", []string{"el salvador"}},
		{"EL SALVADOR: SAN SALVADOR (CITY)", "el salvador", []string{"san salvador"}},
		{"COLOMBIA: VALLE DEL CAUCA (DEPARTMENT): TULUA (CITY): NARINO CORREGIMIENTO (NEIGHBORHOOD)", "colombia", []string{"narino corregimiento"}},
		{"COLOMBIA: BARRANCABERMEJA (CITY) - BUCARAMANGA (CITY)", "colombia", []string{"barrancabermeja", "bucaramanga"}},
		{"Peru: Lima", "peru", []string{"lima"}},
	} {
		c, s := muc4.ParseLocation(tc.in)
		if c != tc.country || !reflect.DeepEqual(s, tc.specific) {
			t.Errorf("ParseLocation(%q) = %q %q, want %q %q", tc.in, c, s, tc.country, tc.specific)
		}
	}
}

func TestDateCorrect(t *testing.T) {
	for _, tc := range []struct {
		name       string
		gold, pred []muc4.Fill
		want       bool
	}{
		{"same day", fill("31 OCT 89"), fill("31 OCT 89"), true},
		{"other day", fill("31 OCT 89"), fill("30 OCT 89"), false},
		{"on or before accepts earlier", fill("- 04 MAR 90"), fill("01 MAR 90"), true},
		{"on or before rejects later", fill("- 04 MAR 90"), fill("05 MAR 90"), false},
		{"inside a range", fill("07 MAR 90 - 09 MAR 90"), fill("08 MAR 90"), true},
		{"before a range", fill("07 MAR 90 - 09 MAR 90"), fill("06 MAR 90"), false},
		{"any alternative", fill("01 JAN 90", "03 JAN 90"), fill("03 JAN 90"), true},
		{"predicted range: last day counts", fill("- 10 JAN 90"), fill("08 JAN 90 - 10 JAN 90"), true},
		{"predicted on-or-before: its date counts", fill("10 JAN 90"), fill("- 10 JAN 90"), true},
		{"no gold date, none predicted", []muc4.Fill{}, nil, true},
		{"no gold date, one predicted", []muc4.Fill{}, fill("10 JAN 90"), false},
		{"gold date, none predicted", fill("10 JAN 90"), nil, false},
		{"unreadable gold matches identical text", fill("11 NOV"), fill("11 NOV"), true},
		{"unreadable gold", fill("11 NOV"), fill("11 NOV 89"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &muc4.Template{IncidentDate: tc.gold}
			p := &muc4.Template{IncidentDate: tc.pred}
			if got := dateCorrect(g, p); got != tc.want {
				t.Errorf("dateCorrect = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLocationCorrect(t *testing.T) {
	for _, tc := range []struct {
		name           string
		gold, pred     []muc4.Fill
		country, place bool
	}{
		{"exact", fill("PERU: LIMA (CITY)"), fill("PERU: LIMA (CITY)"), true, true},
		{"type ignored, levels skipped", fill("PERU: LIMA (DEPARTMENT): LIMA (CITY)"), fill("PERU: LIMA"), true, true},
		{"country only vs city", fill("PERU: LIMA (CITY)"), fill("PERU"), true, false},
		{"bare country both", fill("EL SALVADOR"), fill("EL SALVADOR"), true, true},
		{"wrong country", fill("PERU: LIMA (CITY)"), fill("BOLIVIA: LIMA (CITY)"), false, true},
		{"less specific place", fill("COLOMBIA: ANTIOQUIA (DEPARTMENT): MEDELLIN (CITY)"), fill("COLOMBIA: ANTIOQUIA (DEPARTMENT)"), true, false},
		{"between either end", fill("COLOMBIA: BARRANCABERMEJA (CITY) - BUCARAMANGA (CITY)"), fill("COLOMBIA: BUCARAMANGA (CITY)"), true, true},
		{"second gold alternative", fill("COLOMBIA", "VENEZUELA"), fill("VENEZUELA"), true, true},
		{"no gold, none predicted", nil, nil, true, true},
		{"no gold, one predicted", nil, fill("PERU"), false, false},
		{"gold, none predicted", fill("PERU"), nil, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, p := locationCorrect(tc.gold, tc.pred)
			if c != tc.country || p != tc.place {
				t.Errorf("country %v place %v, want %v %v", c, p, tc.country, tc.place)
			}
		})
	}
}

func TestScoreKeysMatching(t *testing.T) {
	bombing := muc4.Template{
		IncidentType:       fill("BOMBING"),
		IncidentStage:      fill("ACCOMPLISHED"),
		IncidentDate:       fill("31 OCT 89"),
		IncidentLocation:   fill("EL SALVADOR: SAN SALVADOR (CITY)"),
		InstrumentID:       [][]string{{"DYNAMITE"}},
		PerpOrganizationID: [][]string{{"FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"}},
		PerpOrganizationConfidence: []muc4.Fill{
			{Value: []string{"POSSIBLE"}, Ref: []string{"FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"}},
		},
	}
	kidnap := muc4.Template{
		IncidentType:       fill("KIDNAPPING"),
		IncidentStage:      fill("ACCOMPLISHED"),
		IncidentDate:       fill("- 02 NOV 89"),
		IncidentLocation:   fill("COLOMBIA: MEDELLIN (CITY)"),
		HumTgtName:         [][]string{{"JUAN PEREZ"}},
		PerpOrganizationID: [][]string{{"ELN"}},
	}
	optional := kidnap
	optional.Optional = true
	optional.HumTgtName = [][]string{{"ANA GOMEZ"}}

	wrongFields := bombing
	wrongFields.IncidentType = fill("ATTACK")
	wrongFields.IncidentStage = fill("ATTEMPTED")
	wrongFields.IncidentDate = fill("01 NOV 89")
	wrongFields.IncidentLocation = fill("GUATEMALA")
	wrongFields.PerpOrganizationConfidence = []muc4.Fill{{Value: []string{"CLAIMED OR ADMITTED"}, Ref: []string{"FMLN"}}}

	unrelated := muc4.Template{IncidentType: fill("ARSON"), PhysTgtID: [][]string{{"BUS"}}}

	for _, tc := range []struct {
		name       string
		gold, pred []muc4.Template
		want       KeysReport
	}{
		{
			name: "perfect",
			gold: []muc4.Template{bombing, kidnap}, pred: []muc4.Template{kidnap, bombing},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{2, 2, 2},
				Type: Tally{2, 2}, Stage: Tally{2, 2}, Date: Tally{2, 2}, Country: Tally{2, 2}, Place: Tally{2, 2}, Confidence: Tally{1, 1}},
		},
		{
			name: "matched by roles, every field wrong",
			gold: []muc4.Template{bombing}, pred: []muc4.Template{wrongFields},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{1, 1, 1},
				Type: Tally{0, 1}, Stage: Tally{0, 1}, Date: Tally{0, 1}, Country: Tally{0, 1}, Place: Tally{0, 1}, Confidence: Tally{0, 1}},
		},
		{
			name: "unrelated template does not match",
			gold: []muc4.Template{bombing}, pred: []muc4.Template{unrelated},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{0, 1, 1}},
		},
		{
			name: "missed optional template costs nothing",
			gold: []muc4.Template{kidnap, optional}, pred: []muc4.Template{kidnap},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{1, 1, 1},
				Type: Tally{1, 1}, Stage: Tally{1, 1}, Date: Tally{1, 1}, Country: Tally{1, 1}, Place: Tally{1, 1}},
		},
		{
			name: "found optional template counts",
			gold: []muc4.Template{kidnap, optional}, pred: []muc4.Template{optional, kidnap},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{2, 2, 2},
				Type: Tally{2, 2}, Stage: Tally{2, 2}, Date: Tally{2, 2}, Country: Tally{2, 2}, Place: Tally{2, 2}},
		},
		{
			name: "irrelevant document, spurious template",
			gold: nil, pred: []muc4.Template{bombing},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{0, 1, 0}, Templates: SetCounts{0, 1, 0}},
		},
		{
			name: "relevant document, nothing predicted",
			gold: []muc4.Template{bombing}, pred: nil,
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{0, 0, 1}, Templates: SetCounts{0, 0, 1}},
		},
		{
			name: "no gold stage, date or location: only none is right",
			gold: []muc4.Template{unrelated, kidnap},
			pred: []muc4.Template{func() muc4.Template { t := unrelated; t.IncidentStage = fill("ACCOMPLISHED"); return t }(),
				func() muc4.Template { t := kidnap; t.IncidentStage = nil; return t }()},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{2, 2, 2},
				Type: Tally{2, 2}, Stage: Tally{0, 2}, Date: Tally{2, 2}, Country: Tally{2, 2}, Place: Tally{2, 2}},
		},
		{
			name: "organisation found without confidence is wrong",
			gold: []muc4.Template{bombing},
			pred: []muc4.Template{func() muc4.Template { t := bombing; t.PerpOrganizationConfidence = nil; return t }()},
			want: KeysReport{Docs: 1, RelevantDocs: SetCounts{1, 1, 1}, Templates: SetCounts{1, 1, 1},
				Type: Tally{1, 1}, Stage: Tally{1, 1}, Date: Tally{1, 1}, Country: Tally{1, 1}, Place: Tally{1, 1}, Confidence: Tally{0, 1}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ScoreKeys([]muc4.Doc{{ID: "d", Templates: tc.gold}}, []muc4.Doc{{ID: "d", Templates: tc.pred}})
			type plain KeysReport // without the String method, so %+v shows the fields
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", plain(got), plain(tc.want))
			}
		})
	}
}

// TestKeysAgainstThemselves: the full keys scored against themselves are perfect, and the
// date parser agrees with incident_date_iso wherever the latter is readable.
func TestKeysAgainstThemselves(t *testing.T) {
	dir := sharedData(t, "muc4")
	var rep KeysReport
	for _, s := range []string{"dev", "tst1", "tst2"} {
		keys, err := ReadKeys(filepath.Join(dir, "keys-"+s+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		rep.Add(ScoreKeys(keys, keys))
		for _, d := range keys {
			for _, tpl := range d.Templates {
				texts, _, _ := dateAlternatives(&tpl)
				for k, txt := range texts {
					if k >= len(tpl.IncidentDateISO) || tpl.IncidentDateISO[k] == nil {
						continue
					}
					iso := tpl.IncidentDateISO[k]
					from, to, ok := ParseKeyDate(txt)
					if !ok {
						t.Errorf("%s: %q not parsed, iso %v", d.ID, txt, *iso)
						continue
					}
					wantFrom := ""
					if iso.From != nil {
						wantFrom = *iso.From
					}
					gotFrom := ""
					if !from.IsZero() {
						gotFrom = from.Format(time.DateOnly)
					}
					if gotFrom != wantFrom || to.Format(time.DateOnly) != iso.To {
						t.Errorf("%s: %q = %s..%s, iso %s..%s", d.ID, txt, gotFrom, to.Format(time.DateOnly), wantFrom, iso.To)
					}
				}
			}
		}
	}
	t.Log(rep)
	if rep.Docs != 1500 || rep.Templates.F1() != 1 || rep.RelevantDocs.F1() != 1 {
		t.Errorf("self detection: %+v", rep)
	}
	for name, tl := range map[string]Tally{"type": rep.Type, "stage": rep.Stage, "date": rep.Date,
		"country": rep.Country, "place": rep.Place, "confidence": rep.Confidence} {
		if tl.Correct != tl.Total || tl.Total == 0 {
			t.Errorf("self %s = %d/%d", name, tl.Correct, tl.Total)
		}
	}
}
