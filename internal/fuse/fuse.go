// Package fuse groups reports into incidents and keeps, per incident, the timeline of
// every figure by source and report time.
//
// Fusion runs one report at a time (Apply), inside the store transaction that stores the
// report, so a report and its fusion are committed together. Each incident a report
// describes is matched against the stored incidents whose anchor date lies within
// Window days (Match); the best match absorbs it (Merge), else it starts a new incident.
// Merge then recomputes everything derived (Recompute): timelines are kept sorted by
// (report time, report id, position), so the derived values do not depend on the order
// in which reports arrived. Refuse rebuilds every incident from the stored extractions,
// visiting reports in (report time, id) order, so its result depends only on the set of
// stored reports.
//
// Match, Merge and Recompute are pure functions over store.Incident values.
package fuse

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

// Window is how many days apart two incident dates may be and still be one incident.
const Window = 2

// MinScore is the lowest Match score that joins a report's incident to a stored one.
const MinScore = 2

// Apply fuses the extraction of r, which must already be stored in tx, into the stored
// incidents: each of its incidents joins the best-matching stored incident or starts a
// new one. Two incidents of one report never join the same stored incident. It returns
// the ids of the incidents it touched, in the report's incident order.
func Apply(ctx context.Context, tx store.Tx, r *store.Report) ([]int64, error) {
	rt := r.Time()
	used := map[int64]bool{}
	var ids []int64
	for i := range r.Extraction.Incidents {
		ri := &r.Extraction.Incidents[i]
		anchor := AnchorDate(ri, rt)
		day, _ := time.Parse(time.DateOnly, anchor)
		from := day.AddDate(0, 0, -Window).Format(time.DateOnly)
		to := day.AddDate(0, 0, Window).Format(time.DateOnly)
		cands, err := tx.Candidates(ctx, from, to)
		if err != nil {
			return ids, fmt.Errorf("fuse report %s: %w", r.ID, err)
		}
		cands = slices.DeleteFunc(cands, func(in *store.Incident) bool { return used[in.ID] })
		in := Match(cands, ri, anchor)
		if in == nil {
			in = New(ri, anchor)
			Merge(in, r, i)
			if _, err := tx.CreateIncident(ctx, in); err != nil {
				return ids, fmt.Errorf("fuse report %s: %w", r.ID, err)
			}
		} else {
			if in, err = tx.GetIncident(ctx, in.ID); err != nil { // candidates are partial
				return ids, fmt.Errorf("fuse report %s: %w", r.ID, err)
			}
			Merge(in, r, i)
			if err := tx.UpdateIncident(ctx, in); err != nil {
				return ids, fmt.Errorf("fuse report %s: %w", r.ID, err)
			}
		}
		used[in.ID] = true
		ids = append(ids, in.ID)
	}
	return ids, nil
}

// Refuse rebuilds every incident from scratch in one transaction: it deletes all
// incidents and fuses every stored report in (report time, id) order. When reextract is
// not nil, each report's extraction is first replaced by reextract(report). It returns
// the number of reports fused.
func Refuse(ctx context.Context, st store.Store, reextract func(*store.Report) report.Report) (int, error) {
	n := 0
	err := st.Update(ctx, func(tx store.Tx) error {
		n = 0
		if err := tx.ResetIncidents(ctx); err != nil {
			return err
		}
		ids, err := tx.ReportIDs(ctx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			r, err := tx.GetReport(ctx, id)
			if err != nil {
				return err
			}
			if reextract != nil {
				r.Extraction = reextract(r)
				if err := tx.SetExtraction(ctx, id, r.Extraction); err != nil {
					return err
				}
			}
			if _, err := Apply(ctx, tx, r); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("refuse: %w", err)
	}
	return n, nil
}

// AnchorDate is the day an extracted incident is matched on: its date when the report
// gives one, else the day of the report time.
func AnchorDate(ri *report.Incident, reportTime time.Time) string {
	if d := incidentDate(ri); d != "" {
		return d
	}
	return reportTime.UTC().Format(time.DateOnly)
}

func incidentDate(ri *report.Incident) string {
	if ri.Date == nil || ri.Date.Value == nil {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, *ri.Date.Value); err != nil {
		return ""
	}
	return *ri.Date.Value
}

// New starts an incident from an extracted one, with no reports yet.
func New(ri *report.Incident, anchor string) *store.Incident {
	in := &store.Incident{Type: ri.Type, Stage: ri.Stage, Date: incidentDate(ri), Anchor: anchor}
	if in.Type == "" {
		in.Type = report.TypeOther
	}
	if ri.Location != nil {
		in.Place, in.Admin, in.Country = deref(ri.Location.Place), deref(ri.Location.Admin), deref(ri.Location.Country)
	}
	return in
}

// Score says how well the extracted incident ri (anchored on the day anchor) fits the
// stored incident in; ok is false when they cannot be the same incident. They cannot when
// their types differ (unless one is "other"), their dates (both known) are more than
// Window days apart, their countries (both known) differ, or their places (both known)
// differ and neither is the other's admin area. Points:
//
//	+1 same type (not "other")      +1 same known date
//	+3 same place                   +1 same country
//	+2 a perpetrator name in common +2 a victim or target name in common
func Score(in *store.Incident, ri *report.Incident, anchor string) (score int, ok bool) {
	switch {
	case in.Type == ri.Type && ri.Type != report.TypeOther:
		score++
	case in.Type == report.TypeOther || ri.Type == report.TypeOther || ri.Type == "":
	default:
		return 0, false
	}
	if d := incidentDate(ri); d != "" && in.Date != "" {
		if dayDiff(d, in.Date) > Window {
			return 0, false
		}
		if d == in.Date {
			score++
		}
	} else if dayDiff(anchor, in.Anchor) > Window {
		return 0, false
	}
	if ri.Location != nil {
		place, admin, country := norm(deref(ri.Location.Place)), norm(deref(ri.Location.Admin)), norm(deref(ri.Location.Country))
		if country != "" && norm(in.Country) != "" {
			if country != norm(in.Country) {
				return 0, false
			}
			score++
		}
		if p := norm(in.Place); place != "" && p != "" {
			// a report may name the venue ("Crocus City Hall") and another only the city
			// ("Moscow"): both sides' cities count too
			mine := []string{place}
			if c := norm(deref(ri.Location.City)); c != "" {
				mine = append(mine, c)
			}
			theirs := []string{p}
			for _, n := range in.Names {
				if c, ok := strings.CutPrefix(n, cityName); ok {
					theirs = append(theirs, c)
				}
			}
			same := false
			for _, a := range mine {
				for _, b := range theirs {
					same = same || samePlace(a, b)
				}
			}
			switch {
			case place == norm(in.Admin) || p == admin:
				// a city and its province: compatible, no evidence
			case same:
				score += 3
			default:
				return 0, false
			}
		}
	}
	perps := map[string]bool{}
	for _, c := range in.Claims {
		perps[norm(c.Name)] = true
	}
	for _, p := range ri.Perpetrators {
		if perps[norm(p.Name)] {
			score += 2
			break
		}
	}
	known := map[string]bool{}
	for _, n := range in.Names {
		known[n] = true
	}
	for _, n := range Names(ri) {
		if known[n] {
			score += 2
			break
		}
	}
	return score, true
}

// Match returns the candidate that ri fits best with at least MinScore points, or nil.
// Ties go to the candidate whose anchor is closest, then to the lowest id.
func Match(cands []*store.Incident, ri *report.Incident, anchor string) *store.Incident {
	var (
		best      *store.Incident
		bestScore int
		bestDiff  int
	)
	for _, in := range cands {
		s, ok := Score(in, ri, anchor)
		if !ok || s < MinScore {
			continue
		}
		d := dayDiff(anchor, in.Anchor)
		if best == nil || s > bestScore || s == bestScore && (d < bestDiff || d == bestDiff && in.ID < best.ID) {
			best, bestScore, bestDiff = in, s, d
		}
	}
	return best
}

// Merge adds incident number idx of report r to in: its report link, figures, claims,
// weapons and names, the report's flags when idx is 0 (the main incident), and any
// type, stage, date or location in did not know yet. Merging a report already linked
// at the same index changes nothing. Merge ends with Recompute.
func Merge(in *store.Incident, r *store.Report, idx int) {
	for _, ref := range in.Reports {
		if ref.ID == r.ID && ref.Index == idx {
			return
		}
	}
	ri := &r.Extraction.Incidents[idx]
	rt := r.Time()
	in.Reports = append(in.Reports, store.ReportRef{ID: r.ID, Time: rt, Index: idx})
	if in.Type == report.TypeOther && ri.Type != "" {
		in.Type = ri.Type
	}
	if ri.Stage == report.StageAccomplished || in.Stage == "" {
		in.Stage = ri.Stage
	}
	if d := incidentDate(ri); d != "" && in.Date == "" {
		in.Date, in.Anchor = d, d
	}
	if ri.Location != nil {
		if in.Place == "" {
			in.Place = deref(ri.Location.Place)
		}
		if in.Admin == "" {
			in.Admin = deref(ri.Location.Admin)
		}
		if in.Country == "" {
			in.Country = deref(ri.Location.Country)
		}
	}
	outlet := r.Source
	if outlet == "" {
		outlet = deref(r.Extraction.Source)
	}
	for j, f := range ri.Figures {
		if f.Context != "" {
			continue // the attackers' dead, partial counts, earlier estimates, other incidents
		}
		sf := store.Figure{Category: f.Category, Value: f.Value, Min: f.Min, Max: f.Max, Qualifier: f.Qualifier,
			Source: deref(f.Source), Outlet: outlet, ReportID: r.ID, ReportTime: rt, Seq: j, Best: f.Best}
		if f.SubsetOf != nil {
			sf.SubsetOf = *f.SubsetOf
		}
		if sf.Qualifier == "" {
			sf.Qualifier = report.Exact
		}
		in.Figures = append(in.Figures, sf)
	}
	for _, p := range ri.Perpetrators {
		in.Claims = append(in.Claims, store.Claim{Name: p.Name, Mention: p.Mention, Kind: p.Kind, Status: p.Status,
			Channel: deref(p.Channel), Source: deref(p.Source), ReportID: r.ID, ReportTime: rt})
	}
	for _, w := range ri.Weapons {
		in.Weapons = append(in.Weapons, store.Weapon{Category: w.Category, Text: w.Text, ReportID: r.ID})
	}
	in.Names = append(in.Names, Names(ri)...)
	if idx == 0 {
		for _, f := range r.Extraction.Flags {
			in.Flags = append(in.Flags, store.Flag{Kind: f.Kind, Message: f.Message, ReportID: r.ID})
		}
	}
	Recompute(in)
}

// Recompute derives everything in in that depends on its reports, canonically, so that
// the result does not depend on the order the reports were merged in:
//
//   - reports, figures and claims sorted by (report time, report id, position);
//     weapons deduplicated by (category, text) and names deduplicated, both sorted;
//   - FirstSeen and LastUpdated: the earliest and latest report time;
//   - per figure category, a Total and the Current mark on the figure it comes from;
//   - contradiction flags, which replace the ones from an earlier Recompute.
//
// Best-value policy. For each category, the figures considered are those not marked as
// a subset of the same category ("3 of the dead were children"). The best figure is the
// one from the latest report time; among figures with the same report time, the most
// authoritative: an attributed figure (one the report credits to a source) beats an
// unattributed one, then a figure the extractor marked best in its report beats one it
// did not, then an exact figure beats a hedged one; remaining ties go to the lowest
// (report id, position). Conservative is the best figure's lower bound (its Min when
// set, else its value). High is the highest current value: for every source (the
// figure's source, else the outlet, else the report) its latest figure counts, with its
// Max when set, else its value; High is never below Best.
//
// A contradiction flag is raised when two figures of one category with the same report
// time, from different sources, cannot both hold: their ranges (exact: the value;
// about: ±20%; at least, more than: no upper bound; up to: from 0; range: min to max)
// do not overlap.
func Recompute(in *store.Incident) {
	sort.SliceStable(in.Reports, func(i, j int) bool {
		a, b := in.Reports[i], in.Reports[j]
		if !a.Time.Equal(b.Time) {
			return a.Time.Before(b.Time)
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Index < b.Index
	})
	if len(in.Reports) > 0 {
		in.FirstSeen, in.LastUpdated = in.Reports[0].Time, in.Reports[len(in.Reports)-1].Time
	}
	sort.SliceStable(in.Figures, func(i, j int) bool {
		a, b := &in.Figures[i], &in.Figures[j]
		if !a.ReportTime.Equal(b.ReportTime) {
			return a.ReportTime.Before(b.ReportTime)
		}
		if a.ReportID != b.ReportID {
			return a.ReportID < b.ReportID
		}
		return a.Seq < b.Seq
	})
	sort.SliceStable(in.Claims, func(i, j int) bool {
		a, b := &in.Claims[i], &in.Claims[j]
		if !a.ReportTime.Equal(b.ReportTime) {
			return a.ReportTime.Before(b.ReportTime)
		}
		return a.ReportID < b.ReportID
	})
	sort.SliceStable(in.Weapons, func(i, j int) bool {
		a, b := in.Weapons[i], in.Weapons[j]
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		if la, lb := strings.ToLower(a.Text), strings.ToLower(b.Text); la != lb {
			return la < lb
		}
		return a.ReportID < b.ReportID
	})
	in.Weapons = slices.CompactFunc(in.Weapons, func(a, b store.Weapon) bool {
		return a.Category == b.Category && strings.EqualFold(a.Text, b.Text)
	})
	slices.Sort(in.Names)
	in.Names = slices.Compact(in.Names)

	// Report flags, in report order; fusion's own flags are recomputed below.
	rank := map[string]int{}
	for i, r := range in.Reports {
		if _, ok := rank[r.ID]; !ok {
			rank[r.ID] = i
		}
	}
	flags := slices.DeleteFunc(in.Flags, func(f store.Flag) bool { return f.ReportID == "" })
	sort.SliceStable(flags, func(i, j int) bool { return rank[flags[i].ReportID] < rank[flags[j].ReportID] })

	in.Totals = in.Totals[:0]
	for i := range in.Figures {
		in.Figures[i].Current = false
	}
	for _, c := range report.Categories {
		var pts []int // indexes into in.Figures, in timeline order
		for i := range in.Figures {
			if f := &in.Figures[i]; f.Category == c && f.SubsetOf != c {
				pts = append(pts, i)
			}
		}
		if len(pts) == 0 {
			continue
		}
		best := pts[0]
		for _, i := range pts[1:] {
			if beats(&in.Figures[i], &in.Figures[best]) {
				best = i
			}
		}
		bf := &in.Figures[best]
		bf.Current = true
		t := store.Total{Category: c, Best: bf.Value, Conservative: bf.Value, High: bf.Value,
			Qualifier: bf.Qualifier, Source: bf.Source, ReportID: bf.ReportID}
		if bf.Min != nil {
			t.Conservative = *bf.Min
		}
		latest := map[string]*store.Figure{}
		for _, i := range pts {
			latest[sourceKey(&in.Figures[i])] = &in.Figures[i] // timeline order: later wins
		}
		for _, f := range latest {
			v := f.Value
			if f.Max != nil {
				v = *f.Max
			}
			t.High = max(t.High, v)
		}
		in.Totals = append(in.Totals, t)
		flags = append(flags, contradictions(in.Figures, pts)...)
	}
	in.Flags = flags
}

// beats reports whether figure a is a better current value than b under the policy in
// Recompute's doc comment.
func beats(a, b *store.Figure) bool {
	if !a.ReportTime.Equal(b.ReportTime) {
		return a.ReportTime.After(b.ReportTime)
	}
	if (a.Source != "") != (b.Source != "") {
		return a.Source != ""
	}
	if a.Best != b.Best {
		return a.Best
	}
	if (a.Qualifier == report.Exact) != (b.Qualifier == report.Exact) {
		return a.Qualifier == report.Exact
	}
	if a.ReportID != b.ReportID {
		return a.ReportID < b.ReportID
	}
	return a.Seq < b.Seq
}

// sourceKey is who a figure comes from: its source, else its outlet, else its report.
func sourceKey(f *store.Figure) string {
	switch {
	case f.Source != "":
		return "source:" + strings.ToLower(f.Source)
	case f.Outlet != "":
		return "outlet:" + strings.ToLower(f.Outlet)
	}
	return "report:" + f.ReportID
}

// who names a figure's source for messages.
func who(f *store.Figure) string {
	switch {
	case f.Source != "" && f.Outlet != "":
		return f.Source + " (via " + f.Outlet + ")"
	case f.Source != "":
		return f.Source
	case f.Outlet != "":
		return f.Outlet
	}
	return "report " + f.ReportID
}

// bounds is the range of true values a figure's wording allows.
func bounds(f *store.Figure) (lo, hi float64) {
	lo, hi = float64(f.Value), float64(f.Value)
	switch f.Qualifier {
	case report.About:
		lo, hi = math.Floor(0.8*lo), math.Ceil(1.2*hi)
	case report.AtLeast, report.MoreThan:
		hi = math.Inf(1)
	case report.UpTo:
		lo = 0
	}
	if f.Min != nil {
		lo = float64(*f.Min)
	}
	if f.Max != nil {
		hi = float64(*f.Max)
	}
	return lo, hi
}

// contradictions flags pairs of figures (indexes pts into figs, in timeline order) with
// the same report time from different sources whose bounds do not overlap.
func contradictions(figs []store.Figure, pts []int) []store.Flag {
	var flags []store.Flag
	seen := map[string]bool{}
	for x, i := range pts {
		for _, j := range pts[x+1:] {
			a, b := &figs[i], &figs[j]
			if !a.ReportTime.Equal(b.ReportTime) {
				break // timeline order: no later figure has a's time
			}
			ka, kb := sourceKey(a), sourceKey(b)
			if ka == kb {
				continue
			}
			alo, ahi := bounds(a)
			blo, bhi := bounds(b)
			if alo <= bhi && blo <= ahi {
				continue
			}
			key := string(a.Category) + "\x00" + min(ka, kb) + "\x00" + max(ka, kb)
			if seen[key] {
				continue
			}
			seen[key] = true
			flags = append(flags, store.Flag{Kind: report.FlagContradiction, Message: fmt.Sprintf(
				"%s: %s gives %s and %s gives %s at the same time (%s; reports %s and %s)",
				a.Category, who(a), describe(a), who(b), describe(b), store.FormatTime(a.ReportTime), a.ReportID, b.ReportID)})
		}
	}
	return flags
}

// describe writes a figure's value as its wording has it.
func describe(f *store.Figure) string {
	switch f.Qualifier {
	case report.AtLeast:
		return fmt.Sprintf("at least %d", f.Value)
	case report.MoreThan:
		return fmt.Sprintf("more than %d", f.Value)
	case report.About:
		return fmt.Sprintf("about %d", f.Value)
	case report.UpTo:
		return fmt.Sprintf("up to %d", f.Value)
	case report.Range:
		if f.Min != nil && f.Max != nil {
			return fmt.Sprintf("%d to %d", *f.Min, *f.Max)
		}
	}
	return fmt.Sprint(f.Value)
}

// Names returns the proper names in an extracted incident's victims and targets,
// lowercased: each run of capitalised words, without a leading article, of at least
// four letters. Fusion treats a shared name as evidence of the same incident.
func Names(ri *report.Incident) []string {
	var texts []string
	for _, v := range ri.Victims {
		texts = append(texts, v.Text)
	}
	for _, t := range ri.Targets {
		texts = append(texts, t.Text)
	}
	var names []string
	for _, text := range texts {
		var run []string
		flush := func() {
			for len(run) > 0 && articles[strings.ToLower(run[0])] {
				run = run[1:]
			}
			if n := strings.ToLower(strings.Join(run, " ")); letters(n) >= 4 {
				names = append(names, n)
			}
			run = run[:0]
		}
		for _, w := range strings.Fields(text) {
			w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if r := []rune(w); len(r) > 0 && unicode.IsUpper(r[0]) {
				run = append(run, w)
				continue
			}
			flush()
		}
		flush()
	}
	if ri.Location != nil && ri.Location.City != nil {
		if c := norm(*ri.Location.City); c != "" {
			names = append(names, cityName+c)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// cityName prefixes, among an incident's names, the city its venue stands in, so that a
// later report naming only the city still matches.
const cityName = "city:"

var articles = map[string]bool{"the": true, "a": true, "an": true, "el": true, "la": true, "los": true, "las": true, "al": true}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// norm folds a name for comparison: lowercase, letters and digits only, single spaces.
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// samePlace reports whether two normalised place names name one place: equal, or one
// is the other followed by more words ("kabul" and "kabul city").
func samePlace(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+" ") || strings.HasPrefix(b, a+" ")
}

func dayDiff(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return math.MaxInt32
	}
	d := int(ta.Sub(tb).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
