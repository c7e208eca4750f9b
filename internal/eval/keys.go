package eval

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/muc4"
)

// KeysReport is sitrep's own secondary MUC-4 metric against the full answer keys
// (ScoreKeys): detection of relevant documents and of templates, and the accuracy of
// template fields on matched template pairs.
type KeysReport struct {
	Docs         int       `json:"docs"`
	RelevantDocs SetCounts `json:"relevant_docs"`
	Templates    SetCounts `json:"templates"`
	Type         Tally     `json:"type"`
	Stage        Tally     `json:"stage"`
	Date         Tally     `json:"date"`
	Country      Tally     `json:"country"`
	Place        Tally     `json:"place"`
	Confidence   Tally     `json:"perp_org_confidence"`
}

// Add merges the counts of o into r.
func (r *KeysReport) Add(o KeysReport) {
	r.Docs += o.Docs
	r.RelevantDocs = r.RelevantDocs.add(o.RelevantDocs)
	r.Templates = r.Templates.add(o.Templates)
	for _, p := range [][2]*Tally{
		{&r.Type, &o.Type}, {&r.Stage, &o.Stage}, {&r.Date, &o.Date}, {&r.Country, &o.Country},
		{&r.Place, &o.Place}, {&r.Confidence, &o.Confidence},
	} {
		p[0].Correct += p[1].Correct
		p[0].Total += p[1].Total
	}
}

func (s SetCounts) add(o SetCounts) SetCounts {
	return SetCounts{TP: s.TP + o.TP, Predicted: s.Predicted + o.Predicted, Gold: s.Gold + o.Gold}
}

// ScoreKeys scores predicted templates against the full MUC-4 answer keys, over the
// documents of gold (a document absent from pred predicts no template; predicted
// documents absent from gold are ignored). It is sitrep's own secondary metric, defined
// here:
//
// Detection. A document is relevant when it has at least one template; RelevantDocs
// counts gold-relevant, predicted-relevant and both. Within a document, predicted and gold
// templates are paired one-to-one by an exact assignment (Assign) maximising
//
//	sim(g, p) = role overlap + [same incident type] + 0.5·[date correct]
//
// where role overlap is the number of p's role entities (TemplatesToRoles of p alone)
// strictly matched, one-to-one, to g's entities of the same role. A pair counts as a match
// only when role overlap + [same type] > 0. Templates.TP is the number of matched pairs,
// Predicted the number of predicted templates, Gold the number of gold templates except
// optional ones left unmatched (the key doubts they belong, so missing them costs
// nothing).
//
// Fields, counted over matched pairs only (so they measure how well a found incident is
// described, and detection measures finding it):
//   - type, stage: the predicted template's first value is one of the gold's values (when
//     the gold has none, only a prediction with none is correct).
//   - date: the predicted first alternative is read as a day range ("DD MMM YY" on,
//     "- DD MMM YY" on or before, "DD MMM YY - DD MMM YY" between; incident_date_iso
//     when the text does not parse) and its last day must fall inside one of the gold
//     alternatives (an "on or before" gold accepts any day up to its date). When the gold
//     has no date ([] or *), only a prediction with no date is correct. Alternatives that
//     cannot be read match only by identical text.
//   - country and place: locations read as "COUNTRY: PLACE (TYPE): PLACE (TYPE)" (types
//     dropped, names compared after Normalize). Country is the first component. Place is
//     the most specific (last) component; "A (TYPE) - B (TYPE)" yields both A and B, and a
//     location that is only a country has the country as its place. Correct when the
//     prediction's first alternative shares its country (its most specific place) with
//     any gold alternative. No gold location: only no predicted location is correct.
//   - perp_org_confidence: for each gold confidence fill whose referenced organisation
//     (its ref strings) the predicted template also names (a predicted organisation
//     entity or confidence ref sharing a normalised mention), correct when the predicted
//     confidence for that organisation is one of the gold values; a found organisation
//     with no predicted confidence is wrong. Organisations the prediction misses are left
//     to the role-filler metric.
func ScoreKeys(gold, pred []muc4.Doc) KeysReport {
	byID := make(map[string][]muc4.Template, len(pred))
	for _, d := range pred {
		if _, dup := byID[d.ID]; !dup {
			byID[d.ID] = d.Templates
		}
	}
	var r KeysReport
	for _, g := range gold {
		r.Docs++
		r.scoreDoc(g.Templates, byID[g.ID])
	}
	return r
}

// keyTemplate caches what matching and scoring need from one template.
type keyTemplate struct {
	t     *muc4.Template
	roles map[string][]Entity
}

func (r *KeysReport) scoreDoc(gold, pred []muc4.Template) {
	if len(gold) > 0 {
		r.RelevantDocs.Gold++
	}
	if len(pred) > 0 {
		r.RelevantDocs.Predicted++
		if len(gold) > 0 {
			r.RelevantDocs.TP++
		}
	}
	r.Templates.Predicted += len(pred)
	gs := make([]keyTemplate, len(gold))
	for i := range gold {
		gs[i] = keyTemplate{&gold[i], TemplatesToRoles(gold[i : i+1])}
	}
	ps := make([]keyTemplate, len(pred))
	for j := range pred {
		ps[j] = keyTemplate{&pred[j], TemplatesToRoles(pred[j : j+1])}
	}
	matched := make([]int, len(gs))
	for i := range matched {
		matched[i] = -1
	}
	if len(gs) > 0 && len(ps) > 0 {
		sim := make([][]float64, len(gs))
		ok := make([][]bool, len(gs))
		for i, g := range gs {
			sim[i] = make([]float64, len(ps))
			ok[i] = make([]bool, len(ps))
			for j, p := range ps {
				overlap := 0.0
				for _, role := range Roles {
					overlap += scoreRole(g.roles[role], p.roles[role]).strict.Matched
				}
				typ := boolF(valueIn(first(p.t.IncidentType), g.t.IncidentType))
				ok[i][j] = overlap+typ > 0
				sim[i][j] = overlap + typ + 0.5*boolF(dateCorrect(g.t, p.t))
			}
		}
		rowTo, _ := Assign(sim)
		for i, j := range rowTo {
			if j >= 0 && ok[i][j] {
				matched[i] = j
			}
		}
	}
	for i, g := range gs {
		j := matched[i]
		if j < 0 {
			if !g.t.Optional {
				r.Templates.Gold++
			}
			continue
		}
		r.Templates.Gold++
		r.Templates.TP++
		r.scorePair(g, ps[j])
	}
}

func (r *KeysReport) scorePair(g, p keyTemplate) {
	r.Type.add(setFillCorrect(g.t.IncidentType, p.t.IncidentType))
	r.Stage.add(setFillCorrect(g.t.IncidentStage, p.t.IncidentStage))
	r.Date.add(dateCorrect(g.t, p.t))
	country, place := locationCorrect(g.t.IncidentLocation, p.t.IncidentLocation)
	r.Country.add(country)
	r.Place.add(place)

	// Perpetrator organisation confidence, per gold fill whose organisation p names.
	for _, gf := range g.t.PerpOrganizationConfidence {
		if len(gf.Ref) == 0 {
			continue
		}
		_, gref := normEntity(gf.Ref)
		named := false
		for _, e := range p.roles["PerpOrg"] {
			if intersects(gref, setOf(e)) {
				named = true
				break
			}
		}
		var conf *muc4.Fill
		for k := range p.t.PerpOrganizationConfidence {
			pf := &p.t.PerpOrganizationConfidence[k]
			if _, pref := normEntity(pf.Ref); intersects(gref, pref) {
				conf = pf
				break
			}
		}
		if conf == nil && !named {
			continue
		}
		r.Confidence.add(conf != nil && len(conf.Value) > 0 && containsFold(gf.Value, conf.Value[0]))
	}
}

// first returns the first value of the first fill, or "".
func first(fs []muc4.Fill) string {
	for _, f := range fs {
		for _, v := range f.Value {
			return v
		}
	}
	return ""
}

// setFillCorrect applies ScoreKeys' type/stage rule: the predicted first value is one of
// the gold values, or both have none.
func setFillCorrect(gold, pred []muc4.Fill) bool {
	if first(gold) == "" {
		return first(pred) == ""
	}
	return valueIn(first(pred), gold)
}

// valueIn reports whether v (non-empty) is one of the values of the fills.
func valueIn(v string, fs []muc4.Fill) bool {
	if v == "" {
		return false
	}
	for _, f := range fs {
		if containsFold(f.Value, v) {
			return true
		}
	}
	return false
}

func containsFold(xs []string, v string) bool {
	v = strings.TrimSpace(v)
	for _, x := range xs {
		if strings.EqualFold(strings.TrimSpace(x), v) {
			return true
		}
	}
	return false
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func setOf(e Entity) map[string]bool {
	s := make(map[string]bool, len(e))
	for _, m := range e {
		s[m] = true
	}
	return s
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// dayRange is a closed range of days; From is the zero time for "on or before".
type dayRange struct{ From, To time.Time }

// dateAlternatives returns a template's incident_date alternatives as text and, where
// readable, as day ranges (ok false where not).
func dateAlternatives(t *muc4.Template) (texts []string, ranges []dayRange, ok []bool) {
	for _, f := range t.IncidentDate {
		texts = append(texts, f.Value...)
	}
	for k, s := range texts {
		from, to, good := ParseKeyDate(s)
		dr := dayRange{from, to}
		if !good && k < len(t.IncidentDateISO) && t.IncidentDateISO[k] != nil {
			dr, good = isoRange(t.IncidentDateISO[k])
		}
		ranges = append(ranges, dr)
		ok = append(ok, good)
	}
	return texts, ranges, ok
}

func isoRange(d *muc4.DateRange) (dayRange, bool) {
	to, err := time.Parse(time.DateOnly, d.To)
	if err != nil {
		return dayRange{}, false
	}
	var from time.Time
	if d.From != nil {
		if from, err = time.Parse(time.DateOnly, *d.From); err != nil {
			return dayRange{}, false
		}
	}
	return dayRange{from, to}, !from.After(to)
}

// ParseKeyDate reads a MUC-4 key date: "DD MMM YY" (on), "- DD MMM YY" (on or before:
// from is zero) or "DD MMM YY - DD MMM YY" (between; from = to for "on"). Hyphens may be
// unspaced ("-20 MAR 89"), months spelt out; two-digit years are 19YY. It reports false
// for anything else, including impossible days, year "00" and reversed ranges.
func ParseKeyDate(s string) (from, to time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if rest, isBefore := strings.CutPrefix(s, "-"); isBefore {
		to, ok = keyDay(rest)
		return time.Time{}, to, ok
	}
	// A range is two days joined by a hyphen (spaced or not): "07 MAR 90 - 08 MAR 90".
	if a, b, between := strings.Cut(s, "-"); between {
		var okA, okB bool
		from, okA = keyDay(a)
		to, okB = keyDay(b)
		return from, to, okA && okB && !from.After(to)
	}
	to, ok = keyDay(s)
	return to, to, ok
}

var months = map[string]time.Month{
	"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
	"JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}

// keyDay reads "DD MMM YY": one or two digit day, a month name (its first three letters
// count, so "MARCH" works), a two-digit year meaning 19YY or a four-digit year. Impossible
// days ("31 NOV 89") and the keys' unknown year "00" are rejected.
func keyDay(s string) (time.Time, bool) {
	f := strings.Fields(s)
	if len(f) != 3 || len(f[1]) < 3 {
		return time.Time{}, false
	}
	d, err1 := strconv.Atoi(f[0])
	y, err2 := strconv.Atoi(f[2])
	m, okM := months[strings.ToUpper(f[1][:3])]
	if err1 != nil || err2 != nil || !okM || len(f[0]) > 2 || (len(f[2]) != 2 && len(f[2]) != 4) {
		return time.Time{}, false
	}
	if len(f[2]) == 2 {
		if y == 0 { // the keys write 00 for an unknown year
			return time.Time{}, false
		}
		y += 1900
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, false
	}
	return t, true
}

// dateCorrect applies ScoreKeys' date rule to a gold and a predicted template.
func dateCorrect(g, p *muc4.Template) bool {
	gt, gr, gok := dateAlternatives(g)
	pt, pr, pok := dateAlternatives(p)
	if len(gt) == 0 {
		return len(pt) == 0
	}
	if len(pt) == 0 {
		return false
	}
	for k := range gt {
		if Normalize(gt[k]) == Normalize(pt[0]) {
			return true
		}
		if !gok[k] || !pok[0] {
			continue
		}
		day := pr[0].To
		if (gr[k].From.IsZero() || !day.Before(gr[k].From)) && !day.After(gr[k].To) {
			return true
		}
	}
	return false
}

// place is one parsed location alternative: its country and most specific place(s).
type place struct {
	country  string
	specific []string
}

func locations(fs []muc4.Fill) []place {
	var out []place
	for _, f := range fs {
		for _, v := range f.Value {
			c, sp := muc4.ParseLocation(v)
			if c != "" {
				out = append(out, place{c, sp})
			}
		}
	}
	return out
}

// locationCorrect applies ScoreKeys' country and place rules.
func locationCorrect(gold, pred []muc4.Fill) (country, specific bool) {
	gs, ps := locations(gold), locations(pred)
	if len(gs) == 0 {
		return len(ps) == 0, len(ps) == 0
	}
	if len(ps) == 0 {
		return false, false
	}
	p := ps[0]
	for _, g := range gs {
		if g.country == p.country {
			country = true
		}
		for _, a := range g.specific {
			for _, b := range p.specific {
				if a == b {
					specific = true
				}
			}
		}
	}
	return country, specific
}

// String renders the report's headline numbers on one line (for logs).
func (r KeysReport) String() string {
	return fmt.Sprintf("templates P %.2f R %.2f F1 %.2f; type %.2f date %.2f country %.2f place %.2f confidence %.2f",
		100*r.Templates.P(), 100*r.Templates.R(), 100*r.Templates.F1(),
		r.Type.Pct(), r.Date.Pct(), r.Country.Pct(), r.Place.Pct(), r.Confidence.Pct())
}
