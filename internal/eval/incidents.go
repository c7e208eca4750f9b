package eval

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/report"
)

// IncidentGold is one line of a GOLD_SCHEMA.md gold file: what an analyst records about an
// article's main violent incident.
type IncidentGold struct {
	ID           string            `json:"id"`
	HasIncident  bool              `json:"has_incident"`
	MainIncident *string           `json:"main_incident"`
	IncidentType *string           `json:"incident_type"`
	Stage        *string           `json:"stage"`
	Date         *string           `json:"date"`
	DateText     *string           `json:"date_text"`
	Location     GoldLocation      `json:"location"`
	Killed       GoldFigure        `json:"killed"`
	Injured      GoldFigure        `json:"injured"`
	Perpetrators []GoldPerpetrator `json:"perpetrators"`
	Weapons      []string          `json:"weapons"`
	Notes        string            `json:"notes"`
}

// GoldLocation is the gold incident location.
type GoldLocation struct {
	Place   *string `json:"place"`
	Admin   *string `json:"admin"`
	Country *string `json:"country"`
}

// GoldFigure is the gold for one casualty category: the best figure and every figure the
// article gives for it.
type GoldFigure struct {
	Best      *int    `json:"best"`
	Values    []int   `json:"values"`
	Qualifier *string `json:"qualifier"`
	Source    *string `json:"source"`
}

// GoldPerpetrator is one perpetrator in the gold.
type GoldPerpetrator struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Status  string   `json:"status"`
}

// Tally is an accuracy: Correct out of Total.
type Tally struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Pct is the accuracy in percent; 0 when Total is 0.
func (t Tally) Pct() float64 { return 100 * ratio(float64(t.Correct), float64(t.Total)) }

func (t *Tally) add(ok bool) {
	t.Total++
	if ok {
		t.Correct++
	}
}

// SetCounts is a set-overlap score: true positives, predicted and gold set sizes, summed
// over articles.
type SetCounts struct {
	TP        int `json:"tp"`
	Predicted int `json:"predicted"`
	Gold      int `json:"gold"`
}

// P is precision in [0, 1].
func (s SetCounts) P() float64 { return ratio(float64(s.TP), float64(s.Predicted)) }

// R is recall in [0, 1].
func (s SetCounts) R() float64 { return ratio(float64(s.TP), float64(s.Gold)) }

// F1 is the harmonic mean of P and R, in [0, 1].
func (s SetCounts) F1() float64 { return f1(s.P(), s.R()) }

// Miss is one field of one article that the system got wrong.
type Miss struct {
	ID    string `json:"id"`
	Field string `json:"field"`
	Gold  string `json:"gold"`
	Got   string `json:"got"`
}

// IncidentReport is the result of ScoreIncidents.
type IncidentReport struct {
	Articles       int       `json:"articles"`
	WithIncident   int       `json:"with_incident"`
	Missing        int       `json:"missing"`
	Detection      Tally     `json:"detection"`
	DetectionSet   SetCounts `json:"detection_pr"`
	Type           Tally     `json:"type"`
	Stage          Tally     `json:"stage"`
	Date           Tally     `json:"date"`
	Country        Tally     `json:"country"`
	Place          Tally     `json:"place"`
	KilledExact    Tally     `json:"killed_exact"`
	KilledLenient  Tally     `json:"killed_lenient"`
	InjuredExact   Tally     `json:"injured_exact"`
	InjuredLenient Tally     `json:"injured_lenient"`
	Perpetrators   SetCounts `json:"perpetrators"`
	PerpStatus     Tally     `json:"perp_status"`
	Weapons        SetCounts `json:"weapons"`
	Misses         []Miss    `json:"misses"`
}

// Metric is one named number of an IncidentReport, in percent, with how it was counted.
type Metric struct {
	Key    string  `json:"key"`
	Value  float64 `json:"value"`
	Detail string  `json:"detail"`
}

// Metrics lists the report's numbers under the keys that --min thresholds use:
// detection, type, stage, date, country, place, killed_exact, killed_lenient, injured_exact,
// injured_lenient, perp_f1, perp_p, perp_r, perp_status, weapons_f1, weapons_p,
// weapons_r. Every value is a percentage.
func (r IncidentReport) Metrics() []Metric {
	acc := func(k string, t Tally) Metric {
		return Metric{k, t.Pct(), fmt.Sprintf("%d/%d", t.Correct, t.Total)}
	}
	set := func(k string, s SetCounts) []Metric {
		d := fmt.Sprintf("tp %d, predicted %d, gold %d", s.TP, s.Predicted, s.Gold)
		return []Metric{
			{k + "_f1", 100 * s.F1(), d},
			{k + "_p", 100 * s.P(), fmt.Sprintf("%d/%d", s.TP, s.Predicted)},
			{k + "_r", 100 * s.R(), fmt.Sprintf("%d/%d", s.TP, s.Gold)},
		}
	}
	ms := []Metric{
		acc("detection", r.Detection),
		acc("type", r.Type),
		acc("stage", r.Stage),
		acc("date", r.Date),
		acc("country", r.Country),
		acc("place", r.Place),
		acc("killed_exact", r.KilledExact),
		acc("killed_lenient", r.KilledLenient),
		acc("injured_exact", r.InjuredExact),
		acc("injured_lenient", r.InjuredLenient),
	}
	ms = append(ms, set("perp", r.Perpetrators)...)
	ms = append(ms, acc("perp_status", r.PerpStatus))
	ms = append(ms, set("weapons", r.Weapons)...)
	return ms
}

// CheckMin compares the report with minimum percentages keyed as in Metrics and returns
// an error naming every metric below its minimum, or an unknown key.
func (r IncidentReport) CheckMin(min map[string]float64) error {
	byKey := map[string]Metric{}
	var keys []string
	for _, m := range r.Metrics() {
		byKey[m.Key] = m
		keys = append(keys, m.Key)
	}
	names := make([]string, 0, len(min))
	for k := range min {
		names = append(names, k)
	}
	sort.Strings(names)
	var below []string
	for _, k := range names {
		m, ok := byKey[k]
		if !ok {
			return fmt.Errorf("unknown metric %q (known: %s)", k, strings.Join(keys, ", "))
		}
		if m.Value < min[k] {
			below = append(below, fmt.Sprintf("%s %.2f < %g", k, m.Value, min[k]))
		}
	}
	if len(below) > 0 {
		return fmt.Errorf("below minimum: %s", strings.Join(below, "; "))
	}
	return nil
}

// ParseMin parses KEY=VALUE threshold arguments ("killed_exact=85") into a map.
func ParseMin(args []string) (map[string]float64, error) {
	out := make(map[string]float64, len(args))
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("threshold %q: want KEY=VALUE", a)
		}
		f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%"), 64)
		if err != nil {
			return nil, fmt.Errorf("threshold %q: %w", a, err)
		}
		out[k] = f
	}
	return out, nil
}

// ScoreIncidents scores extraction reports against GOLD_SCHEMA.md gold, article by
// article (reports are matched to gold lines by id; a gold article without a report
// counts as a report with no incident; reports without gold are ignored).
//
// Counting rules:
//   - detection (all articles): the system detects an incident when its report has at
//     least one incident (len(Incidents) > 0), whatever its figures; correct when that
//     equals gold has_incident. DetectionSet gives P/R over articles with has_incident
//     as the positive class. A system that reports an incident with no casualty figure
//     on a no-incident article is therefore wrong: the gold says to report none.
//   - every other field is counted only over articles whose gold has_incident is true,
//     comparing the gold with the report's main incident, Incidents[0] (a missing
//     incident gets every field wrong, except that a null gold matches "nothing").
//   - type: equal strings. stage: equal, with the gold's "threatened" read as the
//     contract's "foiled" (GOLD_SCHEMA.md writes foiled/threatened); not part of
//     GOLD_SCHEMA.md's scoring list, reported as extra information. date: the first 10 characters of date.value equal the gold
//     date; a null gold date is matched only by no date value.
//   - country, place: case-insensitive, trimmed, correct when either string contains the
//     other; a null gold is matched only by an empty system value.
//   - killed/injured exact: the figure with Best set for the category has value == gold
//     best; when gold best is null, correct only when the system marks no best figure.
//     Lenient: the system's best value is gold best or one of gold values (null gold
//     as for exact).
//   - perpetrators (set F1, summed over articles): system perpetrators of the main
//     incident, de-duplicated by case-insensitive name; one matches a gold perpetrator
//     when its name or mention equals, case-insensitively, the gold name or an alias.
//     Matching is one-to-one and maximal. perp_status is the accuracy of status over the
//     matched pairs.
//   - weapons (set F1, summed over articles): distinct weapon categories of the main
//     incident against the gold categories.
func ScoreIncidents(gold []IncidentGold, reports []report.Report) IncidentReport {
	byID := make(map[string]*report.Report, len(reports))
	for i := range reports {
		if _, dup := byID[reports[i].ID]; !dup {
			byID[reports[i].ID] = &reports[i]
		}
	}
	var r IncidentReport
	r.Misses = []Miss{}
	for _, g := range gold {
		r.Articles++
		rep := byID[g.ID]
		if rep == nil {
			r.Missing++
		}
		r.scoreArticle(g, rep)
	}
	return r
}

func (r *IncidentReport) miss(id, field, gold, got string) {
	r.Misses = append(r.Misses, Miss{ID: id, Field: field, Gold: gold, Got: got})
}

func (r *IncidentReport) scoreArticle(g IncidentGold, rep *report.Report) {
	var main *report.Incident
	n := 0
	if rep != nil && len(rep.Incidents) > 0 {
		n = len(rep.Incidents)
		main = &rep.Incidents[0]
	}
	detected := main != nil
	r.Detection.add(detected == g.HasIncident)
	if detected {
		r.DetectionSet.Predicted++
	}
	if g.HasIncident {
		r.DetectionSet.Gold++
		if detected {
			r.DetectionSet.TP++
		}
	}
	if detected != g.HasIncident {
		got := "no incident"
		if n > 0 {
			got = fmt.Sprintf("%d incident(s)", n)
		}
		r.miss(g.ID, "detection", incidentWord(g.HasIncident), got)
	}
	if !g.HasIncident {
		return
	}
	r.WithIncident++
	var in report.Incident // zero value stands for "no incident"
	if main != nil {
		in = *main
	}

	check := func(t *Tally, field string, ok bool, gold, got string) {
		t.add(ok)
		if !ok {
			r.miss(g.ID, field, gold, got)
		}
	}

	gotType := ""
	if main != nil {
		gotType = string(in.Type)
	}
	check(&r.Type, "type", gotType == deref(g.IncidentType), show(deref(g.IncidentType)), show(gotType))

	gotStage := string(in.Stage)
	check(&r.Stage, "stage", sameStage(deref(g.Stage), gotStage), show(deref(g.Stage)), show(gotStage))

	gotDate := ""
	if in.Date != nil && in.Date.Value != nil {
		gotDate = *in.Date.Value
		if len(gotDate) > 10 {
			gotDate = gotDate[:10]
		}
	}
	check(&r.Date, "date", gotDate == deref(g.Date), show(deref(g.Date)), show(gotDate))

	var gotCountry, gotPlace string
	if in.Location != nil {
		gotCountry, gotPlace = deref(in.Location.Country), deref(in.Location.Place)
	}
	check(&r.Country, "country", containsEither(deref(g.Location.Country), gotCountry),
		show(deref(g.Location.Country)), show(gotCountry))
	check(&r.Place, "place", containsEither(deref(g.Location.Place), gotPlace),
		show(deref(g.Location.Place)), show(gotPlace))

	for _, c := range []struct {
		cat            report.Category
		gold           GoldFigure
		exact, lenient *Tally
	}{
		{report.Killed, g.Killed, &r.KilledExact, &r.KilledLenient},
		{report.Injured, g.Injured, &r.InjuredExact, &r.InjuredLenient},
	} {
		best := in.Best(c.cat)
		exact, lenient := figureMatch(c.gold, best)
		goldS, gotS := showGoldFigure(c.gold), showFigure(best)
		check(c.exact, string(c.cat)+"_exact", exact, goldS, gotS)
		check(c.lenient, string(c.cat)+"_lenient", lenient, goldS, gotS)
	}

	r.scorePerpetrators(g, in.Perpetrators)
	r.scoreWeapons(g, in.Weapons)
}

// sameStage compares a gold stage with a system one; "threatened" and "foiled" are one
// stage in the contract.
func sameStage(gold, got string) bool {
	norm := func(s string) string {
		if s = fold(s); s == "threatened" {
			return "foiled"
		}
		return s
	}
	return norm(gold) == norm(got)
}

// figureMatch says whether the system's best figure matches the gold exactly and
// leniently.
func figureMatch(g GoldFigure, best *report.Figure) (exact, lenient bool) {
	if g.Best == nil {
		return best == nil, best == nil
	}
	if best == nil {
		return false, false
	}
	exact = best.Value == *g.Best
	return exact, exact || slices.Contains(g.Values, best.Value)
}

func (r *IncidentReport) scorePerpetrators(g IncidentGold, perps []report.Perpetrator) {
	var pred []report.Perpetrator
	seen := map[string]bool{}
	for _, p := range perps {
		k := fold(p.Name)
		if k == "" {
			k = fold(p.Mention)
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		pred = append(pred, p)
	}
	r.Perpetrators.Predicted += len(pred)
	r.Perpetrators.Gold += len(g.Perpetrators)
	matchedGold := make([]int, len(g.Perpetrators))
	for i := range matchedGold {
		matchedGold[i] = -1
	}
	if len(pred) > 0 && len(g.Perpetrators) > 0 {
		sim := make([][]float64, len(g.Perpetrators))
		for i, gp := range g.Perpetrators {
			sim[i] = make([]float64, len(pred))
			for j, pp := range pred {
				if perpMatch(gp, pp) {
					sim[i][j] = 1
				}
			}
		}
		rowTo, _ := Assign(sim)
		for i, j := range rowTo {
			if j >= 0 && sim[i][j] > 0 {
				matchedGold[i] = j
			}
		}
	}
	usedPred := make([]bool, len(pred))
	var missed []string
	for i, gp := range g.Perpetrators {
		j := matchedGold[i]
		if j < 0 {
			missed = append(missed, gp.Name)
			continue
		}
		usedPred[j] = true
		r.Perpetrators.TP++
		ok := string(pred[j].Status) == gp.Status
		r.PerpStatus.add(ok)
		if !ok {
			r.miss(g.ID, "perp_status", gp.Name+": "+gp.Status, pred[j].Name+": "+string(pred[j].Status))
		}
	}
	spurious := false
	var predNames []string
	for j, p := range pred {
		predNames = append(predNames, p.Name)
		spurious = spurious || !usedPred[j]
	}
	if len(missed) > 0 || spurious {
		var goldNames []string
		for _, gp := range g.Perpetrators {
			goldNames = append(goldNames, gp.Name)
		}
		r.miss(g.ID, "perpetrators", showList(goldNames), showList(predNames))
	}
}

// perpMatch reports whether a system perpetrator names the gold one: its name or mention
// equals, case-insensitively, the gold name or one of its aliases.
func perpMatch(g GoldPerpetrator, p report.Perpetrator) bool {
	names := append([]string{g.Name}, g.Aliases...)
	for _, n := range names {
		n = fold(n)
		if n == "" {
			continue
		}
		if fold(p.Name) == n || fold(p.Mention) == n {
			return true
		}
	}
	return false
}

func (r *IncidentReport) scoreWeapons(g IncidentGold, ws []report.Weapon) {
	goldSet := map[string]bool{}
	for _, w := range g.Weapons {
		goldSet[fold(w)] = true
	}
	predSet := map[string]bool{}
	for _, w := range ws {
		predSet[fold(string(w.Category))] = true
	}
	r.Weapons.Gold += len(goldSet)
	r.Weapons.Predicted += len(predSet)
	for w := range predSet {
		if goldSet[w] {
			r.Weapons.TP++
		}
	}
	gs, ps := sortedKeys(goldSet), sortedKeys(predSet)
	if !slices.Equal(gs, ps) {
		r.miss(g.ID, "weapons", showList(gs), showList(ps))
	}
}

// containsEither compares two place names case-insensitively: equal when both are
// empty, else a match when neither is empty and one contains the other.
func containsEither(gold, got string) bool {
	gold, got = fold(gold), fold(got)
	if gold == "" || got == "" {
		return gold == got
	}
	return strings.Contains(gold, got) || strings.Contains(got, gold)
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func show(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

func showList(xs []string) string {
	if len(xs) == 0 {
		return "[]"
	}
	return "[" + strings.Join(xs, ", ") + "]"
}

func incidentWord(has bool) string {
	if has {
		return "incident"
	}
	return "no incident"
}

func showGoldFigure(g GoldFigure) string {
	if g.Best == nil {
		return "null"
	}
	s := strconv.Itoa(*g.Best)
	if len(g.Values) > 0 {
		vs := make([]string, len(g.Values))
		for i, v := range g.Values {
			vs[i] = strconv.Itoa(v)
		}
		s += " (values " + strings.Join(vs, ", ") + ")"
	}
	return s
}

func showFigure(f *report.Figure) string {
	if f == nil {
		return "null"
	}
	s := strconv.Itoa(f.Value)
	if f.Qualifier != "" && f.Qualifier != report.Exact {
		s += " " + string(f.Qualifier)
	}
	return s
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
