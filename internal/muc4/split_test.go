package muc4

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

// splitPlaces is a small gazetteer in the shape of Model.Places.
var splitPlaces = map[string]string{
	"el salvador":    "EL SALVADOR",
	"san salvador":   "EL SALVADOR: SAN SALVADOR (CITY)",
	"san miguel":     "EL SALVADOR: SAN MIGUEL (DEPARTMENT)",
	"ciudad barrios": "EL SALVADOR: SAN MIGUEL (DEPARTMENT): CIUDAD BARRIOS (TOWN)",
	"lima":           "PERU: LIMA (CITY)",
	"medellin":       "COLOMBIA: MEDELLIN (CITY)",
	"bogota":         "COLOMBIA: BOGOTA (CITY)",
}

// pickIn makes the picked filler of role for the first occurrence of str in a.
func pickIn(t *testing.T, a *analysis, role int, str string) picked {
	t.Helper()
	n := Normalize(str)
	for _, c := range a.cands {
		if c.norm == n {
			return picked{role: role, s: &strScore{norm: n, cand: c, first: c.i, sent: c.sent}, p: 1}
		}
	}
	t.Fatalf("no candidate %q", str)
	return picked{}
}

// summary writes a template as "TYPE|DATE|LOCATION|role:filler,...".
func summary(t Template) string {
	first := func(fs []Fill) string {
		if len(fs) == 0 || len(fs[0].Value) == 0 {
			return "-"
		}
		return fs[0].Value[0]
	}
	var fl []string
	for ri, slot := range [][][]string{t.PerpIndividualID, t.PerpOrganizationID, t.PhysTgtID, t.HumTgtName, t.InstrumentID} {
		for _, e := range slot {
			fl = append(fl, Roles[ri]+":"+e[0])
		}
	}
	return strings.Join([]string{first(t.IncidentType), first(t.IncidentDate), first(t.IncidentLocation), strings.Join(fl, ",")}, "|")
}

func TestIncidentTemplates(t *testing.T) {
	type fl struct {
		role int
		str  string
	}
	for _, tc := range []struct {
		name    string
		text    string
		typ     string // the document model's type
		fillers []fl
		want    []string
	}{
		{
			name: "bombing and kidnapping in two cities on two days",
			text: "A BOMB EXPLODED AT THE CENTRAL BANK IN SAN SALVADOR ON 10 JANUARY. " +
				"IN ANOTHER INCIDENT, GUERRILLAS KIDNAPPED MAYOR JUAN PEREZ IN LIMA ON 12 JANUARY.",
			typ:     "BOMBING",
			fillers: []fl{{Target, "CENTRAL BANK"}, {Weapon, "BOMB"}, {Victim, "JUAN PEREZ"}, {PerpInd, "GUERRILLAS"}},
			want: []string{
				"BOMBING|10 JAN 90|EL SALVADOR: SAN SALVADOR (CITY)|Target:CENTRAL BANK,Weapon:BOMB",
				"KIDNAPPING|12 JAN 90|PERU: LIMA (CITY)|PerpInd:GUERRILLAS,Victim:JUAN PEREZ",
			},
		},
		{
			name: "two reports of one bombing",
			text: "A BOMB EXPLODED AT THE CENTRAL BANK IN SAN SALVADOR ON 10 JANUARY. " +
				"THE POLICE SAID THE EXPLOSION AT THE CENTRAL BANK WAS CAUSED BY DYNAMITE. " +
				"THE FMLN CLAIMED RESPONSIBILITY FOR THE ATTACK.",
			typ:     "BOMBING",
			fillers: []fl{{Target, "CENTRAL BANK"}, {Weapon, "BOMB"}, {Weapon, "DYNAMITE"}, {PerpOrg, "FMLN"}},
			want: []string{
				"BOMBING|10 JAN 90|EL SALVADOR: SAN SALVADOR (CITY)|PerpOrg:FMLN,Target:CENTRAL BANK,Weapon:BOMB,Weapon:DYNAMITE",
			},
		},
		{
			name: "one attack told in a city and its department",
			text: "GUERRILLAS ATTACKED THE MAYOR'S OFFICE IN SAN MIGUEL DEPARTMENT. " +
				"THE ATTACK IN CIUDAD BARRIOS KILLED THE MAYOR, JUAN PEREZ.",
			typ:     "ATTACK",
			fillers: []fl{{PerpInd, "GUERRILLAS"}, {Target, "MAYOR'S OFFICE"}, {Victim, "JUAN PEREZ"}},
			want: []string{
				"ATTACK|- 14 JAN 90|EL SALVADOR: SAN MIGUEL (DEPARTMENT)|PerpInd:GUERRILLAS,Target:MAYOR'S OFFICE,Victim:JUAN PEREZ",
			},
		},
		{
			name: "a bombing that kills stays one bombing",
			text: "A CAR BOMB EXPLODED IN BOGOTA YESTERDAY. THE BLAST KILLED JUDGE CARLOS GOMEZ. " +
				"HIS BODYGUARDS WERE ALSO KILLED IN THE ATTACK.",
			typ:     "BOMBING",
			fillers: []fl{{Weapon, "CAR BOMB"}, {Victim, "CARLOS GOMEZ"}, {Victim, "BODYGUARDS"}},
			want: []string{
				"BOMBING|13 JAN 90|COLOMBIA: BOGOTA (CITY)|Victim:CARLOS GOMEZ,Victim:BODYGUARDS,Weapon:CAR BOMB",
			},
		},
		{
			name: "kidnapping and arson in one village are two incidents",
			text: "ARMED MEN KIDNAPPED 31 PEASANTS IN SAN MIGUEL ON 12 JANUARY. " +
				"BEFORE FLEEING, THE GROUP SET FIRE TO A GROCERY STORE.",
			typ:     "KIDNAPPING",
			fillers: []fl{{PerpInd, "ARMED MEN"}, {Victim, "PEASANTS"}, {Target, "GROCERY STORE"}},
			want: []string{
				"KIDNAPPING|12 JAN 90|EL SALVADOR: SAN MIGUEL (DEPARTMENT)|PerpInd:ARMED MEN,Victim:PEASANTS",
				"ARSON|- 14 JAN 90|EL SALVADOR: SAN MIGUEL (DEPARTMENT)|Target:GROCERY STORE",
			},
		},
		{
			name: "an incident naming only perpetrators joins the nearest one",
			text: "TERRORISTS DYNAMITED THE POWER TOWER IN LIMA ON 11 JANUARY. " +
				"ON 13 JANUARY THE POLICE ARRESTED THE ALLEGED MURDERERS IN MEDELLIN.",
			typ:     "BOMBING",
			fillers: []fl{{PerpInd, "TERRORISTS"}, {Target, "POWER TOWER"}, {PerpInd, "ALLEGED MURDERERS"}},
			want: []string{
				"BOMBING|11 JAN 90|PERU: LIMA (CITY)|PerpInd:TERRORISTS,PerpInd:ALLEGED MURDERERS,Target:POWER TOWER",
			},
		},
		{
			name:    "no incident word: one template as before",
			text:    "THE FMLN RELEASED A COMMUNIQUE IN SAN SALVADOR.",
			typ:     "ATTACK",
			fillers: []fl{{PerpOrg, "FMLN"}},
			want: []string{
				"ATTACK|- 14 JAN 90|EL SALVADOR: SAN SALVADOR (CITY)|PerpOrg:FMLN",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &Model{Places: splitPlaces}
			a := analyse(tc.text)
			pr := prediction{rel: 1, typ: tc.typ}
			for _, f := range tc.fillers {
				pr.fillers = append(pr.fillers, pickIn(t, a, f.role, f.str))
			}
			doc := report.Document{Text: tc.text, Published: "1990-01-14"}
			ts := m.incidentTemplates(doc, a, pr)
			var got []string
			for k, tt := range ts {
				if tt.Template != k+1 {
					t.Errorf("template %d numbered %d", k+1, tt.Template)
				}
				got = append(got, summary(tt))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("templates\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestPlacesCompatible(t *testing.T) {
	for _, tc := range []struct {
		x, y string
		want bool
	}{
		{"", "PERU: LIMA (CITY)", true},
		{"EL SALVADOR", "EL SALVADOR: SAN SALVADOR (CITY)", true},
		{"EL SALVADOR: SAN MIGUEL (DEPARTMENT): CIUDAD BARRIOS (TOWN)", "EL SALVADOR: SAN MIGUEL (DEPARTMENT)", true},
		{"EL SALVADOR: SAN MIGUEL (DEPARTMENT)", "EL SALVADOR: SAN SALVADOR (CITY)", false},
		{"PERU", "COLOMBIA: BOGOTA (CITY)", false},
	} {
		if got := placesCompatible(tc.x, tc.y); got != tc.want {
			t.Errorf("placesCompatible(%q, %q) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}

// TestSplitKeepsFillers checks on dev documents that splitting into incident templates
// keeps the document's set of role fillers: every picked filler is in exactly one
// template, and the templates hold nothing else.
func TestSplitKeepsFillers(t *testing.T) {
	docs := readDevDocs(t, 400)
	m, err := LoadModel()
	if err != nil {
		t.Skipf("no model: %v", err)
	}
	split := 0
	for _, d := range docs {
		a := analyse(d.Text)
		a.dateline = d.Dateline
		var want []string
		for _, f := range m.predict(a).fillers {
			want = append(want, fmt.Sprintf("%s:%s", Roles[f.role], a.spanText(f.s.cand)))
		}
		ts := m.Extract(d)
		if len(ts) > 1 {
			split++
		}
		var got []string
		for _, tt := range ts {
			for ri, slot := range [][][]string{tt.PerpIndividualID, tt.PerpOrganizationID, tt.PhysTgtID, tt.HumTgtName, tt.InstrumentID} {
				for _, e := range slot {
					got = append(got, fmt.Sprintf("%s:%s", Roles[ri], e[0]))
				}
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: fillers over %d templates\n  %q\nwant\n  %q", d.ID, len(ts), got, want)
		}
	}
	if split == 0 {
		t.Errorf("no document of %d split", len(docs))
	}
	t.Logf("%d of %d documents split", split, len(docs))
}
