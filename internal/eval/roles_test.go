package eval

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/sitrep/sitrep/internal/muc4"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The FMLN [Farabundo Marti] rebels", "fmln farabundo marti rebels"},
		{"THE BUS", "bus"},
		{"a", ""},
		{"An  armed   group", "armed group"},
		{"theater", "theater"},   // "the" only as a whole word
		{"athe ana", "athe ana"}, // likewise a / an
		{"A-THE-AN", "athean"},   // punctuation is deleted first, so no whole word remains
		{"\"SANTO TOMAS\" PRESIDENTIAL FARM", "santo tomas presidential farm"},
		{"O'HARA'S $5 + <x> ^y `z` |w| ~v", "oharas 5 x y z w v"},
		{"under_score", "underscore"},
		{" \t\nspaced\n out ", "spaced out"},
		{"Bogotá the Café", "bogotá café"},
		{"the the a an", ""},
		{"ELN [ARMY OF NATIONAL LIBERATION] GUERRILLAS", "eln army of national liberation guerrillas"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// bruteAssign is the exhaustive reference for Assign: the best total over every
// one-to-one matching of min(n, m) pairs.
func bruteAssign(sim [][]float64) float64 {
	n := len(sim)
	if n == 0 || len(sim[0]) == 0 {
		return 0
	}
	m := len(sim[0])
	used := make([]bool, m)
	var rec func(i int) float64
	rec = func(i int) float64 {
		if i == n {
			return 0
		}
		// Similarities are ≥ 0, so the best partial matching weighs as much as the best
		// one with min(n, m) pairs: row i may stay unmatched.
		best := rec(i + 1)
		for j := range m {
			if used[j] {
				continue
			}
			used[j] = true
			best = max(best, sim[i][j]+rec(i+1))
			used[j] = false
		}
		return best
	}
	return rec(0)
}

func TestAssignTable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sim   [][]float64
		total float64
		rowTo []int
	}{
		{"empty", nil, 0, []int{}},
		{"no columns", [][]float64{{}, {}}, 0, []int{-1, -1}},
		{"one", [][]float64{{0.5}}, 0.5, []int{0}},
		{"greedy fails", [][]float64{{1, 0.9}, {0.8, 0}}, 1.7, []int{1, 0}},
		{"wide", [][]float64{{0, 1, 0}}, 1, []int{1}},
		{"tall", [][]float64{{0}, {0}, {1}}, 1, []int{-1, -1, 0}},
		{"identity", [][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 3, []int{0, 1, 2}},
		{"anti", [][]float64{{0, 0, 1}, {0, 1, 0}, {1, 0, 0}}, 3, []int{2, 1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rowTo, total := Assign(tc.sim)
			if math.Abs(total-tc.total) > 1e-9 {
				t.Errorf("total = %v, want %v", total, tc.total)
			}
			if !reflect.DeepEqual(rowTo, tc.rowTo) {
				t.Errorf("rowTo = %v, want %v", rowTo, tc.rowTo)
			}
		})
	}
}

// TestAssignRandom compares Assign with exhaustive search on random matrices, including
// 0/1 matrices with many ties, and checks that the matching is one-to-one and sums to the
// reported total.
func TestAssignRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for it := range 2000 {
		n, m := 1+rng.IntN(6), 1+rng.IntN(6)
		sim := make([][]float64, n)
		for i := range sim {
			sim[i] = make([]float64, m)
			for j := range sim[i] {
				if it%2 == 0 {
					sim[i][j] = float64(rng.IntN(2))
				} else {
					sim[i][j] = float64(rng.IntN(5)) / 4
				}
			}
		}
		rowTo, total := Assign(sim)
		want := bruteAssign(sim)
		if math.Abs(total-want) > 1e-9 {
			t.Fatalf("%v: total %v, want %v", sim, total, want)
		}
		seen := map[int]bool{}
		sum, pairs := 0.0, 0
		for i, j := range rowTo {
			if j < 0 {
				continue
			}
			if seen[j] {
				t.Fatalf("%v: column %d used twice in %v", sim, j, rowTo)
			}
			seen[j] = true
			sum += sim[i][j]
			pairs++
		}
		if pairs != min(n, m) || math.Abs(sum-total) > 1e-9 {
			t.Fatalf("%v: %d pairs summing to %v (reported %v)", sim, pairs, sum, total)
		}
	}
}

func FuzzAssign(f *testing.F) {
	f.Add(uint8(3), uint8(2), []byte{1, 0, 3, 4, 0, 2})
	f.Fuzz(func(t *testing.T, n, m uint8, vals []byte) {
		rows, cols := int(n%6), int(m%6)
		sim := make([][]float64, rows)
		k := 0
		for i := range sim {
			sim[i] = make([]float64, cols)
			for j := range sim[i] {
				if k < len(vals) {
					sim[i][j] = float64(vals[k]%8) / 7
					k++
				}
			}
		}
		_, total := Assign(sim)
		if want := bruteAssign(sim); math.Abs(total-want) > 1e-9 {
			t.Fatalf("%v: total %v, want %v", sim, total, want)
		}
	})
}

func TestSimilarity(t *testing.T) {
	set := func(ms ...string) map[string]bool {
		s := map[string]bool{}
		for _, m := range ms {
			s[m] = true
		}
		return s
	}
	for _, tc := range []struct {
		name         string
		g, p         map[string]bool
		strict, prop float64
	}{
		{"equal", set("bus"), set("bus"), 1, 1},
		{"p subset of g", set("urban guerrillas", "guerrillas"), set("guerrillas"), 1, 1},
		{"p has an extra mention", set("urban guerrillas", "guerrillas"), set("guerrillas", "armed men"), 0, 0.5},
		{"disjoint", set("bus"), set("bridge"), 0, 0},
		{"p superset, 1 of 3 found", set("fmln"), set("fmln", "rebels", "front"), 0, 1.0 / 3},
		{"empty p", set("bus"), set(), 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := StrictSim(tc.g, tc.p); got != tc.strict {
				t.Errorf("strict = %v, want %v", got, tc.strict)
			}
			if got := PropSim(tc.g, tc.p); math.Abs(got-tc.prop) > 1e-12 {
				t.Errorf("prop = %v, want %v", got, tc.prop)
			}
		})
	}
}

// TestWorkedExample is the README's worked example, one document.
func TestWorkedExample(t *testing.T) {
	gold := []RoleDoc{{ID: "d", Roles: map[string][]Entity{
		"PerpInd": {{"urban guerrillas", "guerrillas"}},
		"PerpOrg": {{"farabundo marti national liberation front", "fmln"}},
		"Target":  {{"bus"}, {"power station"}},
		"Victim":  {},
		"Weapon":  {{"bomb"}},
	}}}
	pred := map[string]map[string][]Entity{"d": {
		"PerpInd": {{"Guerrillas", "armed men"}},
		"PerpOrg": {{"The FMLN"}},
		"Target":  {{"the bus"}, {"bridge"}},
		"Victim":  {{"peasants"}},
		"Weapon":  {{"bomb"}},
	}}
	rep := ScoreRoles(gold, pred)
	wantStrict := map[string]Counts{
		"PerpInd": {0, 1, 1}, "PerpOrg": {1, 1, 1}, "Target": {1, 2, 2}, "Victim": {0, 1, 0}, "Weapon": {1, 1, 1},
	}
	wantProp := map[string]Counts{
		"PerpInd": {0.5, 1, 1}, "PerpOrg": {1, 1, 1}, "Target": {1, 2, 2}, "Victim": {0, 1, 0}, "Weapon": {1, 1, 1},
	}
	for _, r := range Roles {
		if rep.Strict[r] != wantStrict[r] {
			t.Errorf("strict %s = %+v, want %+v", r, rep.Strict[r], wantStrict[r])
		}
		if rep.Prop[r] != wantProp[r] {
			t.Errorf("prop %s = %+v, want %+v", r, rep.Prop[r], wantProp[r])
		}
	}
	pct := func(x float64) string { return fmt.Sprintf("%.2f", 100*x) }
	s, p := rep.Strict.Micro(), rep.Prop.Micro()
	if got := [3]string{pct(s.P()), pct(s.R()), pct(s.F1())}; got != [3]string{"50.00", "60.00", "54.55"} {
		t.Errorf("strict micro P/R/F1 = %v, want 50.00 60.00 54.55", got)
	}
	if got := [3]string{pct(p.P()), pct(p.R()), pct(p.F1())}; got != [3]string{"58.33", "70.00", "63.64"} {
		t.Errorf("prop micro P/R/F1 = %v, want 58.33 70.00 63.64", got)
	}
	// what the strict matching left unmatched, in role order: 2 missed, 3 wrong
	wantMisses := []Miss{
		{ID: "d", Field: "PerpInd", Gold: "urban guerrillas | guerrillas"},
		{ID: "d", Field: "PerpInd", Got: "guerrillas | armed men"},
		{ID: "d", Field: "Target", Gold: "power station"},
		{ID: "d", Field: "Target", Got: "bridge"},
		{ID: "d", Field: "Victim", Got: "peasants"},
	}
	if !reflect.DeepEqual(rep.Misses, wantMisses) {
		t.Errorf("misses = %+v, want %+v", rep.Misses, wantMisses)
	}
}

// TestScoreRolesDocs covers the document-level rules: a gold document without a
// prediction predicts nothing, predicted documents without gold are ignored, predicted
// entities that normalise to nothing are dropped, and the assignment is one-to-one.
func TestScoreRolesDocs(t *testing.T) {
	gold := []RoleDoc{
		{ID: "a", Roles: map[string][]Entity{"Weapon": {{"bomb"}}, "Target": {{"bus"}}}},
		{ID: "b", Roles: map[string][]Entity{"Weapon": {{"rifle"}}}},
	}
	for _, tc := range []struct {
		name    string
		pred    map[string]map[string][]Entity
		weapon  Counts
		target  Counts
		missing int
	}{
		{"nothing predicted", nil, Counts{0, 0, 2}, Counts{0, 0, 1}, 2},
		{"extra doc ignored", map[string]map[string][]Entity{"zzz": {"Weapon": {{"bomb"}}}}, Counts{0, 0, 2}, Counts{0, 0, 1}, 2},
		{"one doc missing", map[string]map[string][]Entity{"a": {"Weapon": {{"Bomb."}}}}, Counts{1, 1, 2}, Counts{0, 0, 1}, 1},
		{"empty entity dropped", map[string]map[string][]Entity{"a": {"Weapon": {{"the"}, {"", "a"}, {"bomb"}}}}, Counts{1, 1, 2}, Counts{0, 0, 1}, 1},
		{"one-to-one", map[string]map[string][]Entity{"a": {"Weapon": {{"bomb"}, {"bomb"}}}, "b": {"Weapon": {{"rifle"}}}}, Counts{2, 3, 2}, Counts{0, 0, 1}, 0},
		{"wrong role scores nothing", map[string]map[string][]Entity{"a": {"Target": {{"bomb"}}}}, Counts{0, 0, 2}, Counts{0, 1, 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := ScoreRoles(gold, tc.pred)
			if rep.Strict["Weapon"] != tc.weapon {
				t.Errorf("Weapon = %+v, want %+v", rep.Strict["Weapon"], tc.weapon)
			}
			if rep.Strict["Target"] != tc.target {
				t.Errorf("Target = %+v, want %+v", rep.Strict["Target"], tc.target)
			}
			if rep.Missing != tc.missing || rep.Docs != 2 {
				t.Errorf("docs %d missing %d, want 2 and %d", rep.Docs, rep.Missing, tc.missing)
			}
		})
	}
}

func TestCountsZeroDenominators(t *testing.T) {
	var c Counts
	if c.P() != 0 || c.R() != 0 || c.F1() != 0 {
		t.Errorf("zero counts: P %v R %v F1 %v, want 0", c.P(), c.R(), c.F1())
	}
	c = Counts{Matched: 0, Predicted: 3, Gold: 0}
	if c.F1() != 0 {
		t.Errorf("F1 = %v, want 0", c.F1())
	}
}

func TestTemplatesToRoles(t *testing.T) {
	for _, tc := range []struct {
		name string
		ts   []muc4.Template
		want map[string][]Entity
	}{
		{
			name: "slots to roles, descriptions are not victims",
			ts: []muc4.Template{{
				PerpIndividualID:   [][]string{{"DEATH SQUADS"}},
				PerpOrganizationID: [][]string{{"FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"}},
				PhysTgtID:          [][]string{{"HEADQUARTERS", "FENASTRAS HEADQUARTERS"}},
				HumTgtName:         [][]string{{"ELIZABETH VELAZQUEZ"}},
				HumTgtDescription:  [][]string{{"UNION LEADER"}, {"PEOPLE"}},
				InstrumentID:       [][]string{{"DYNAMITE"}},
			}},
			want: map[string][]Entity{
				"PerpInd": {{"death squads"}},
				"PerpOrg": {{"farabundo marti national liberation front", "fmln"}},
				"Target":  {{"headquarters", "fenastras headquarters"}},
				"Victim":  {{"elizabeth velazquez"}},
				"Weapon":  {{"dynamite"}},
			},
		},
		{
			name: "superset of an earlier entity is skipped",
			ts: []muc4.Template{
				{PerpOrganizationID: [][]string{{"FMLN"}}},
				{PerpOrganizationID: [][]string{{"FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"}}},
			},
			want: map[string][]Entity{"PerpOrg": {{"fmln"}}},
		},
		{
			name: "subset of an earlier entity is skipped, overlapping one kept",
			ts: []muc4.Template{
				{InstrumentID: [][]string{{"BOMB", "EXPLOSIVE DEVICE"}, {"DYNAMITE"}}},
				{InstrumentID: [][]string{{"THE BOMB"}, {"DYNAMITE", "STICKS"}, {"BOMB", "CAR BOMB"}}},
			},
			want: map[string][]Entity{"Weapon": {{"bomb", "explosive device"}, {"dynamite"}, {"bomb", "car bomb"}}},
		},
		{
			name: "mentions normalised and de-duplicated, empty entities dropped",
			ts: []muc4.Template{{
				PhysTgtID: [][]string{{"THE BUS", "BUS", "A BUS."}, {"THE"}, {}},
			}},
			want: map[string][]Entity{"Target": {{"bus"}}},
		},
		{
			name: "nil slots (*) and no templates",
			ts:   []muc4.Template{{PhysTgtID: nil, InstrumentID: nil}},
			want: map[string][]Entity{},
		},
		{
			name: "duplicate across templates is skipped",
			ts: []muc4.Template{
				{HumTgtName: [][]string{{"JOSE PEREZ"}}},
				{HumTgtName: [][]string{{"José Perez"}, {"JOSE PEREZ"}}},
			},
			want: map[string][]Entity{"Victim": {{"jose perez"}, {"josé perez"}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := TemplatesToRoles(tc.ts)
			for _, r := range Roles {
				want := tc.want[r]
				if want == nil {
					want = []Entity{}
				}
				if got[r] == nil {
					t.Errorf("role %s missing from result", r)
				}
				if !reflect.DeepEqual(got[r], want) {
					t.Errorf("%s = %q, want %q", r, got[r], want)
				}
			}
		})
	}
}

func TestRoleReportAdd(t *testing.T) {
	gold := []RoleDoc{{ID: "a", Roles: map[string][]Entity{"Weapon": {{"bomb"}}}}}
	pred := map[string]map[string][]Entity{"a": {"Weapon": {{"bomb"}, {"gun"}}}}
	var sum RoleReport
	sum.Add(ScoreRoles(gold, pred))
	sum.Add(ScoreRoles(gold, nil))
	if got, want := sum.Strict["Weapon"], (Counts{1, 2, 2}); got != want {
		t.Errorf("summed Weapon = %+v, want %+v", got, want)
	}
	if sum.Docs != 2 || sum.Missing != 1 {
		t.Errorf("docs %d missing %d, want 2, 1", sum.Docs, sum.Missing)
	}
}

func TestRoleReportJSON(t *testing.T) {
	rep := ScoreRoles([]RoleDoc{{ID: "a", Roles: map[string][]Entity{"Weapon": {{"bomb"}, {"gun"}}}}},
		map[string]map[string][]Entity{"a": {"Weapon": {{"bomb"}}}})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Docs   int
		Strict map[string]struct {
			Matched         float64
			Predicted, Gold int
			P, R, F1        float64
		}
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	m := back.Strict["micro"]
	if back.Docs != 1 || m.Matched != 1 || m.Predicted != 1 || m.Gold != 2 || m.P != 100 || m.R != 50 {
		t.Errorf("JSON %s decoded to %+v", b, back)
	}
}
