package eval

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/report"
)

func sp(s string) *string { return &s }
func ip(n int) *int       { return &n }

// goldBombing is a hand-made gold line with every field set.
func goldBombing() IncidentGold {
	return IncidentGold{
		ID: "a", HasIncident: true, IncidentType: sp("bombing"), Stage: sp("accomplished"), Date: sp("2015-12-21"),
		Location: GoldLocation{Place: sp("Bagram"), Country: sp("Afghanistan")},
		Killed:   GoldFigure{Best: ip(6), Values: []int{6, 5}},
		Injured:  GoldFigure{Best: nil, Values: []int{}},
		Perpetrators: []GoldPerpetrator{
			{Name: "Taliban", Aliases: []string{"Taliban militants"}, Status: "claimed"},
			{Name: "Haqqani network", Status: "suspected"},
		},
		Weapons: []string{"explosives"},
	}
}

// reportFromGold builds the report a perfect system would give for g.
func reportFromGold(g IncidentGold) report.Report {
	r := report.Report{ID: g.ID}
	if !g.HasIncident {
		return r
	}
	in := report.Incident{Type: report.IncidentType(deref(g.IncidentType)), Stage: report.Stage(deref(g.Stage))}
	if in.Stage == "threatened" {
		in.Stage = report.StageFoiled
	}
	if g.Date != nil {
		in.Date = &report.Date{Value: g.Date}
	}
	in.Location = &report.Location{Place: g.Location.Place, Country: g.Location.Country}
	if g.Killed.Best != nil {
		in.Figures = append(in.Figures, report.Figure{Category: report.Killed, Value: *g.Killed.Best, Best: true})
	}
	if g.Injured.Best != nil {
		in.Figures = append(in.Figures, report.Figure{Category: report.Injured, Value: *g.Injured.Best, Best: true})
	}
	for _, p := range g.Perpetrators {
		in.Perpetrators = append(in.Perpetrators, report.Perpetrator{Name: p.Name, Mention: p.Name, Status: report.Status(p.Status)})
	}
	for _, w := range g.Weapons {
		in.Weapons = append(in.Weapons, report.Weapon{Category: report.WeaponCategory(w)})
	}
	r.Incidents = []report.Incident{in}
	return r
}

func TestScoreIncidentsPerfect(t *testing.T) {
	g := goldBombing()
	none := IncidentGold{ID: "b"}
	rep := ScoreIncidents([]IncidentGold{g, none}, []report.Report{reportFromGold(g), reportFromGold(none)})
	for _, m := range rep.Metrics() {
		if m.Value != 100 {
			t.Errorf("%s = %.2f (%s), want 100", m.Key, m.Value, m.Detail)
		}
	}
	if len(rep.Misses) != 0 {
		t.Errorf("misses: %+v", rep.Misses)
	}
	if rep.Articles != 2 || rep.WithIncident != 1 || rep.Detection != (Tally{2, 2}) || rep.Type != (Tally{1, 1}) {
		t.Errorf("denominators: %+v", rep)
	}
}

// TestScoreIncidentsFields changes one thing in a perfect report per case and checks the
// field tallies it moves and the miss it lists.
func TestScoreIncidentsFields(t *testing.T) {
	type field struct {
		name string
		get  func(IncidentReport) any
		want any
	}
	for _, tc := range []struct {
		name   string
		gold   func(*IncidentGold)
		edit   func(*report.Incident)
		checks []field
		miss   string // field of the expected miss ("" = none)
	}{
		{
			name:   "type wrong",
			edit:   func(in *report.Incident) { in.Type = report.TypeArmedAssault },
			checks: []field{{"type", func(r IncidentReport) any { return r.Type }, Tally{0, 1}}},
			miss:   "type",
		},
		{
			name:   "stage wrong",
			edit:   func(in *report.Incident) { in.Stage = report.StageAttempted },
			checks: []field{{"stage", func(r IncidentReport) any { return r.Stage }, Tally{0, 1}}},
			miss:   "stage",
		},
		{
			name:   "threatened is foiled",
			gold:   func(g *IncidentGold) { g.Stage = sp("threatened") },
			edit:   func(in *report.Incident) { in.Stage = report.StageFoiled },
			checks: []field{{"stage", func(r IncidentReport) any { return r.Stage }, Tally{1, 1}}},
		},
		{
			name:   "date wrong",
			edit:   func(in *report.Incident) { in.Date = &report.Date{Value: sp("2015-12-20")} },
			checks: []field{{"date", func(r IncidentReport) any { return r.Date }, Tally{0, 1}}},
			miss:   "date",
		},
		{
			name:   "date as RFC 3339 timestamp still matches",
			edit:   func(in *report.Incident) { in.Date = &report.Date{Value: sp("2015-12-21T10:00:00Z")} },
			checks: []field{{"date", func(r IncidentReport) any { return r.Date }, Tally{1, 1}}},
		},
		{
			name:   "null gold date, system invents one",
			gold:   func(g *IncidentGold) { g.Date = nil },
			edit:   func(in *report.Incident) { in.Date = &report.Date{Value: sp("2015-12-21")} },
			checks: []field{{"date", func(r IncidentReport) any { return r.Date }, Tally{0, 1}}},
			miss:   "date",
		},
		{
			name:   "null gold date, system date with null value",
			gold:   func(g *IncidentGold) { g.Date = nil },
			edit:   func(in *report.Incident) { in.Date = &report.Date{Text: "Friday"} },
			checks: []field{{"date", func(r IncidentReport) any { return r.Date }, Tally{1, 1}}},
		},
		{
			name: "place contained either way, case-insensitive",
			edit: func(in *report.Incident) {
				in.Location = &report.Location{Place: sp("bagram airfield"), Country: sp("AFGHANISTAN")}
			},
			checks: []field{
				{"place", func(r IncidentReport) any { return r.Place }, Tally{1, 1}},
				{"country", func(r IncidentReport) any { return r.Country }, Tally{1, 1}},
			},
		},
		{
			name:   "place wrong, country missing",
			edit:   func(in *report.Incident) { in.Location = &report.Location{Place: sp("Kabul")} },
			checks: []field{{"place", func(r IncidentReport) any { return r.Place }, Tally{0, 1}}, {"country", func(r IncidentReport) any { return r.Country }, Tally{0, 1}}},
			miss:   "place",
		},
		{
			name: "killed in values: lenient only",
			edit: func(in *report.Incident) { in.Figures[0].Value = 5 },
			checks: []field{
				{"killed_exact", func(r IncidentReport) any { return r.KilledExact }, Tally{0, 1}},
				{"killed_lenient", func(r IncidentReport) any { return r.KilledLenient }, Tally{1, 1}},
			},
			miss: "killed_exact",
		},
		{
			name: "killed figure not marked best",
			edit: func(in *report.Incident) { in.Figures[0].Best = false },
			checks: []field{
				{"killed_exact", func(r IncidentReport) any { return r.KilledExact }, Tally{0, 1}},
				{"killed_lenient", func(r IncidentReport) any { return r.KilledLenient }, Tally{0, 1}},
			},
			miss: "killed_exact",
		},
		{
			name: "injured gold null, system gives a best figure",
			edit: func(in *report.Incident) {
				in.Figures = append(in.Figures, report.Figure{Category: report.Injured, Value: 3, Best: true})
			},
			checks: []field{
				{"injured_exact", func(r IncidentReport) any { return r.InjuredExact }, Tally{0, 1}},
				{"injured_lenient", func(r IncidentReport) any { return r.InjuredLenient }, Tally{0, 1}},
			},
			miss: "injured_exact",
		},
		{
			name: "injured gold null, system non-best figure is fine",
			edit: func(in *report.Incident) {
				in.Figures = append(in.Figures, report.Figure{Category: report.Injured, Value: 3})
			},
			checks: []field{{"injured_exact", func(r IncidentReport) any { return r.InjuredExact }, Tally{1, 1}}},
		},
		{
			name: "gold zero killed needs a best 0",
			gold: func(g *IncidentGold) { g.Killed = GoldFigure{Best: ip(0), Values: []int{0}} },
			edit: func(in *report.Incident) { in.Figures = nil },
			checks: []field{
				{"killed_exact", func(r IncidentReport) any { return r.KilledExact }, Tally{0, 1}},
			},
			miss: "killed_exact",
		},
		{
			name: "perpetrator by alias, mention or case; wrong status; spurious one",
			edit: func(in *report.Incident) {
				in.Perpetrators = []report.Perpetrator{
					{Name: "Taliban Movement", Mention: "TALIBAN MILITANTS", Status: report.Claimed},
					{Name: "haqqani network", Status: report.Accused},
					{Name: "Haqqani Network", Status: report.Claimed}, // duplicate name: ignored
					{Name: "Islamic State", Status: report.Denied},
				}
			},
			checks: []field{
				{"perp", func(r IncidentReport) any { return r.Perpetrators }, SetCounts{2, 3, 2}},
				{"perp_status", func(r IncidentReport) any { return r.PerpStatus }, Tally{1, 2}},
			},
			miss: "perp_status",
		},
		{
			name: "one system perpetrator cannot match two gold ones",
			gold: func(g *IncidentGold) {
				g.Perpetrators = []GoldPerpetrator{{Name: "IRA", Status: "claimed"}, {Name: "Provisional IRA", Aliases: []string{"IRA"}, Status: "claimed"}}
			},
			edit: func(in *report.Incident) {
				in.Perpetrators = []report.Perpetrator{{Name: "IRA", Status: report.Claimed}}
			},
			checks: []field{{"perp", func(r IncidentReport) any { return r.Perpetrators }, SetCounts{1, 1, 2}}},
			miss:   "perpetrators",
		},
		{
			name: "weapons set",
			edit: func(in *report.Incident) {
				in.Weapons = []report.Weapon{{Category: report.WeaponExplosives}, {Category: report.WeaponExplosives}, {Category: report.WeaponFirearms}}
			},
			checks: []field{{"weapons", func(r IncidentReport) any { return r.Weapons }, SetCounts{1, 2, 1}}},
			miss:   "weapons",
		},
		{
			name: "second incident is not the main one",
			edit: func(in *report.Incident) { in.Type = report.TypeArson },
			checks: []field{
				{"type", func(r IncidentReport) any { return r.Type }, Tally{0, 1}},
				{"detection", func(r IncidentReport) any { return r.Detection }, Tally{1, 1}},
			},
			miss: "type",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := goldBombing()
			if tc.gold != nil {
				tc.gold(&g)
			}
			perfect := goldBombing()
			if tc.gold != nil {
				tc.gold(&perfect)
			}
			r := reportFromGold(perfect)
			if len(r.Incidents[0].Figures) == 0 {
				r.Incidents[0].Figures = []report.Figure{{Category: report.Killed, Value: 6, Best: true}}
			}
			tc.edit(&r.Incidents[0])
			rep := ScoreIncidents([]IncidentGold{g}, []report.Report{r})
			for _, c := range tc.checks {
				if got := c.get(rep); got != c.want {
					t.Errorf("%s = %+v, want %+v", c.name, got, c.want)
				}
			}
			found := tc.miss == ""
			for _, m := range rep.Misses {
				if m.Field == tc.miss {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q miss in %+v", tc.miss, rep.Misses)
			}
			if tc.miss == "" && len(rep.Misses) > 0 {
				t.Errorf("unexpected misses %+v", rep.Misses)
			}
		})
	}
}

func TestScoreIncidentsDetection(t *testing.T) {
	yes := goldBombing()
	no := IncidentGold{ID: "n"}
	withIncident := reportFromGold(yes)
	spurious := report.Report{ID: "n", Incidents: []report.Incident{{Type: report.TypeOther}}}
	for _, tc := range []struct {
		name      string
		reports   []report.Report
		detection Tally
		set       SetCounts
		typ       Tally
		missing   int
	}{
		{"both right", []report.Report{withIncident, {ID: "n"}}, Tally{2, 2}, SetCounts{1, 1, 1}, Tally{1, 1}, 0},
		{"incident missed", []report.Report{{ID: "a"}, {ID: "n"}}, Tally{1, 2}, SetCounts{0, 0, 1}, Tally{0, 1}, 0},
		{"false alarm, even without figures", []report.Report{withIncident, spurious}, Tally{1, 2}, SetCounts{1, 2, 1}, Tally{1, 1}, 0},
		{"reports absent count as no incident", nil, Tally{1, 2}, SetCounts{0, 0, 1}, Tally{0, 1}, 2},
		{"reports without gold ignored", []report.Report{withIncident, {ID: "n"}, spurious, {ID: "zzz", Incidents: []report.Incident{{}}}}, Tally{2, 2}, SetCounts{1, 1, 1}, Tally{1, 1}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := ScoreIncidents([]IncidentGold{yes, no}, tc.reports)
			if rep.Detection != tc.detection || rep.DetectionSet != tc.set || rep.Type != tc.typ || rep.Missing != tc.missing {
				t.Errorf("detection %+v set %+v type %+v missing %d; want %+v %+v %+v %d",
					rep.Detection, rep.DetectionSet, rep.Type, rep.Missing, tc.detection, tc.set, tc.typ, tc.missing)
			}
		})
	}
}

func TestParseMinAndCheckMin(t *testing.T) {
	g := goldBombing()
	r := reportFromGold(g)
	r.Incidents[0].Figures = nil // killed wrong
	rep := ScoreIncidents([]IncidentGold{g}, []report.Report{r})

	for _, tc := range []struct {
		name    string
		args    []string
		parseOK bool
		errHas  string // "" = passes
	}{
		{"all met", []string{"detection=95", "type=100", "perp_f1=80"}, true, ""},
		{"percent sign", []string{"country=90%"}, true, ""},
		{"below", []string{"killed_exact=85", "type=50"}, true, "killed_exact 0.00 < 85"},
		{"unknown key", []string{"kiled=1"}, true, `unknown metric "kiled"`},
		{"no equals", []string{"type"}, false, ""},
		{"bad number", []string{"type=high"}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			min, err := ParseMin(tc.args)
			if (err == nil) != tc.parseOK {
				t.Fatalf("ParseMin err = %v, want ok %v", err, tc.parseOK)
			}
			if err != nil {
				return
			}
			err = rep.CheckMin(min)
			if tc.errHas == "" {
				if err != nil {
					t.Errorf("CheckMin = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Errorf("CheckMin = %v, want error containing %q", err, tc.errHas)
			}
		})
	}
}

// TestIncidentGoldShared reads the shared dev gold: a report built from each gold line
// scores 100 everywhere, and reporting nothing gets only the no-incident articles right.
func TestIncidentGoldShared(t *testing.T) {
	dir := sharedData(t, "wikievents")
	gold, err := ReadIncidentGold(filepath.Join(dir, "dev_gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 20 {
		t.Fatalf("%d gold lines, want 20", len(gold))
	}
	var perfect, empty []report.Report
	negatives := 0
	for _, g := range gold {
		perfect = append(perfect, reportFromGold(g))
		empty = append(empty, report.Report{ID: g.ID})
		if !g.HasIncident {
			negatives++
		}
	}
	rep := ScoreIncidents(gold, perfect)
	for _, m := range rep.Metrics() {
		if m.Value != 100 {
			t.Errorf("perfect %s = %.2f (%s)", m.Key, m.Value, m.Detail)
		}
	}
	rep = ScoreIncidents(gold, empty)
	if rep.Detection != (Tally{negatives, 20}) || rep.Type.Correct != 0 || rep.WithIncident != 20-negatives {
		t.Errorf("empty: detection %+v type %+v with incident %d", rep.Detection, rep.Type, rep.WithIncident)
	}
}
