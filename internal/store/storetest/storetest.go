// Package storetest is the conformance suite every store.Store implementation must pass.
//
// A backend's test calls Run with a function that opens a fresh, empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { ... open in t.TempDir() ... })
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

// Run runs every conformance test, each on a fresh store from open. open should
// register the store's Close with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutReportIdempotent", testPutReportIdempotent},
		{"GetReportRoundTrip", testGetReportRoundTrip},
		{"ReportIDsOrder", testReportIDsOrder},
		{"SetExtraction", testSetExtraction},
		{"IncidentRoundTrip", testIncidentRoundTrip},
		{"UpdateIncidentReplacesParts", testUpdateIncident},
		{"DeleteIncident", testDeleteIncident},
		{"Candidates", testCandidates},
		{"ListIncidentsFilter", testListIncidentsFilter},
		{"ResetIncidents", testResetIncidents},
		{"UpdateRollsBack", testUpdateRollsBack},
		{"ConcurrentUpdates", testConcurrentUpdates},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

var ctx = context.Background()

var t0 = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// newReport builds a report with a one-incident extraction.
func newReport(id, text, published string) *store.Report {
	x := report.Report{ID: id, Text: text, Published: report.Str(published), Source: report.Str("Wire")}
	x.Incidents = []report.Incident{{Type: report.TypeBombing, Stage: report.StageAccomplished,
		Figures: []report.Figure{{Category: report.Killed, Value: 3, Qualifier: report.AtLeast, Min: report.Int(3), Best: true}}}}
	x.Normalize()
	return &store.Report{ID: id, Text: text, Title: "Title " + id, Source: "Wire", URL: "https://example.org/" + id,
		Published: published, Extraction: x, IngestedAt: t0}
}

func put(t *testing.T, s store.Store, rs ...*store.Report) []bool {
	t.Helper()
	var news []bool
	err := s.Update(ctx, func(tx store.Tx) error {
		for _, r := range rs {
			n, err := tx.PutReport(ctx, r)
			if err != nil {
				return err
			}
			news = append(news, n)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("put reports: %v", err)
	}
	return news
}

func create(t *testing.T, s store.Store, in *store.Incident) int64 {
	t.Helper()
	var id int64
	err := s.Update(ctx, func(tx store.Tx) error {
		var err error
		id, err = tx.CreateIncident(ctx, in)
		return err
	})
	if err != nil {
		t.Fatalf("create incident: %v", err)
	}
	return id
}

func testPutReportIdempotent(t *testing.T, s store.Store) {
	news := put(t, s,
		newReport("a", "A bomb exploded in the market.", "2024-03-01"),
		newReport("a", "Different text, same id.", "2024-03-01"),
		newReport("b", "  a BOMB exploded\n\tin the   market. ", "2024-03-02"), // same normalised text as a
		newReport("c", "Gunmen attacked a bus.", ""),
	)
	if want := []bool{true, false, false, true}; !reflect.DeepEqual(news, want) {
		t.Errorf("PutReport new = %v, want %v", news, want)
	}
	for _, tc := range []struct {
		id, hash string
		want     bool
	}{
		{"a", "", true},
		{"zzz", store.TextHash("A bomb exploded   in the market."), true},
		{"zzz", store.TextHash("something else"), false},
		{"zzz", "", false},
	} {
		got, err := s.HasReport(ctx, tc.id, tc.hash)
		if err != nil || got != tc.want {
			t.Errorf("HasReport(%q, %q) = %v, %v; want %v", tc.id, tc.hash, got, err, tc.want)
		}
	}
	c, err := s.Counts(ctx)
	if err != nil || c.Reports != 2 {
		t.Errorf("Counts = %+v, %v; want 2 reports", c, err)
	}
	// A second transaction sees the same.
	if news := put(t, s, newReport("c", "Gunmen attacked a bus.", "")); news[0] {
		t.Error("re-putting c in a new transaction: new = true")
	}
}

func testGetReportRoundTrip(t *testing.T, s store.Store) {
	r := newReport("r1", "Text with ünïcode — and\nlines.", "2024-03-01T10:30:00Z")
	r.Dateline = "KABUL, 1 MAR"
	put(t, s, r)
	got, err := s.GetReport(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if r.Hash != store.TextHash(r.Text) {
		t.Errorf("PutReport did not fill Hash: %q", r.Hash)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("GetReport =\n%+v\nwant\n%+v", got, r)
	}
	if got.Time() != time.Date(2024, 3, 1, 10, 30, 0, 0, time.UTC) {
		t.Errorf("Time() = %v", got.Time())
	}
	if _, err := s.GetReport(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetReport(nope) err = %v, want ErrNotFound", err)
	}
	// IngestedAt is filled when zero.
	r2 := newReport("r2", "another", "")
	r2.IngestedAt = time.Time{}
	put(t, s, r2)
	got2, err := s.GetReport(ctx, "r2")
	if err != nil || got2.IngestedAt.IsZero() || got2.IngestedAt.Nanosecond() != 0 {
		t.Errorf("IngestedAt = %v, %v; want set, whole seconds", got2.IngestedAt, err)
	}
}

func testReportIDsOrder(t *testing.T, s store.Store) {
	a := newReport("a", "one", "2024-03-05")
	b := newReport("b", "two", "2024-03-02T08:00:00+02:00") // 06:00Z
	c := newReport("c", "three", "")                        // ingested t0 = 2024-03-01T09:00Z
	d := newReport("d", "four", "2024-03-02T06:00:00Z")     // same time as b
	put(t, s, a, b, c, d)
	got, err := s.ReportIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"c", "b", "d", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ReportIDs = %v, want %v", got, want)
	}
}

func testSetExtraction(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "one", "2024-03-05"))
	x := report.Report{ID: "a", Text: "one"}
	x.Normalize()
	err := s.Update(ctx, func(tx store.Tx) error { return tx.SetExtraction(ctx, "a", x) })
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.GetReport(ctx, "a")
	if err != nil || !reflect.DeepEqual(got.Extraction, x) {
		t.Errorf("extraction after SetExtraction = %+v, %v", got.Extraction, err)
	}
	err = s.Update(ctx, func(tx store.Tx) error { return tx.SetExtraction(ctx, "nope", x) })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetExtraction(nope) = %v, want ErrNotFound", err)
	}
}

// fullIncident has every field set, linked to reports a and b.
func fullIncident() *store.Incident {
	ta, tb := t0, t0.Add(3*time.Hour)
	return &store.Incident{
		Type: report.TypeBombing, Stage: report.StageAccomplished, Date: "2024-03-01", Anchor: "2024-03-01",
		Place: "Kabul", Admin: "Kabul Province", Country: "Afghanistan",
		Figures: []store.Figure{
			{Category: report.Killed, Value: 3, Min: report.Int(3), Qualifier: report.AtLeast, Source: "police", Outlet: "Wire",
				ReportID: "a", ReportTime: ta, Seq: 0, Best: true},
			{Category: report.Killed, Value: 10, Min: report.Int(10), Max: report.Int(12), Qualifier: report.Range,
				Outlet: "Wire", ReportID: "b", ReportTime: tb, Seq: 0, Best: true, Current: true},
			{Category: report.Critical, Value: 2, Qualifier: report.Exact, SubsetOf: report.Injured, ReportID: "b", ReportTime: tb, Seq: 1},
		},
		Totals: []store.Total{{Category: report.Killed, Best: 10, Conservative: 10, High: 12, Qualifier: report.Range, ReportID: "b"}},
		Claims: []store.Claim{
			{Name: "Islamic State", Mention: "IS", Kind: report.KindOrganization, Status: report.Claimed,
				Channel: "Amaq", Source: "SITE", ReportID: "b", ReportTime: tb},
			{Name: "Taliban", Status: report.Denied, ReportID: "b", ReportTime: tb},
		},
		Weapons: []store.Weapon{{Category: report.WeaponExplosives, Text: "suicide vest", ReportID: "a"}},
		Names:   []string{"Abdul Haq Square"},
		Flags: []store.Flag{
			{Kind: report.FlagUnsourcedClaim, Message: "stated as fact", ReportID: "a"},
			{Kind: report.FlagContradiction, Message: "sources disagree"},
		},
		Reports:     []store.ReportRef{{ID: "a", Time: ta}, {ID: "b", Time: tb, Index: 1}},
		FirstSeen:   ta,
		LastUpdated: tb,
	}
}

func testIncidentRoundTrip(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "one", ""), newReport("b", "two", ""))
	in := fullIncident()
	id := create(t, s, in)
	if id <= 0 || in.ID != id {
		t.Fatalf("CreateIncident id = %d, in.ID = %d", id, in.ID)
	}
	got, err := s.GetIncident(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("GetIncident =\n%+v\nwant\n%+v", got, in)
	}
	// A minimal incident reads back with empty, non-nil slices.
	bare := &store.Incident{Type: report.TypeOther, Anchor: "2024-03-02"}
	id2 := create(t, s, bare)
	if id2 <= id {
		t.Errorf("second id %d not above first %d", id2, id)
	}
	got2, err := s.GetIncident(ctx, id2)
	if err != nil {
		t.Fatal(err)
	}
	if got2.Figures == nil || got2.Claims == nil || got2.Reports == nil || got2.Names == nil || got2.Flags == nil ||
		got2.Weapons == nil || got2.Totals == nil {
		t.Errorf("minimal incident has nil slices: %+v", got2)
	}
	if _, err := s.GetIncident(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetIncident(999) err = %v, want ErrNotFound", err)
	}
}

func testUpdateIncident(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "one", ""), newReport("b", "two", ""))
	in := fullIncident()
	id := create(t, s, in)
	in.Place = "Jalalabad"
	in.Figures = in.Figures[:1]
	in.Claims = nil
	in.Flags = []store.Flag{{Kind: report.FlagContradiction, Message: "new"}}
	err := s.Update(ctx, func(tx store.Tx) error { return tx.UpdateIncident(ctx, in) })
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.GetIncident(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Place != "Jalalabad" || len(got.Figures) != 1 || len(got.Claims) != 0 || len(got.Flags) != 1 || got.Flags[0].Message != "new" {
		t.Errorf("after update: %+v", got)
	}
	c, _ := s.Counts(ctx)
	if c.Figures != 1 || c.Claims != 0 || c.Flags != 1 || c.Links != 2 {
		t.Errorf("counts after update = %+v", c)
	}
	err = s.Update(ctx, func(tx store.Tx) error {
		return tx.UpdateIncident(ctx, &store.Incident{ID: 999, Type: "other", Anchor: "2024-01-01"})
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("UpdateIncident(999) = %v, want ErrNotFound", err)
	}
}

func testDeleteIncident(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "one", ""), newReport("b", "two", ""))
	id := create(t, s, fullIncident())
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.DeleteIncident(ctx, id) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetIncident(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	c, _ := s.Counts(ctx)
	if c != (store.Counts{Reports: 2}) {
		t.Errorf("counts after delete = %+v, want only the 2 reports", c)
	}
}

func testCandidates(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "one", ""), newReport("b", "two", ""))
	for _, d := range []string{"2024-02-27", "2024-02-28", "2024-03-01", "2024-03-03", "2024-03-04"} {
		in := fullIncident()
		in.Anchor = d
		create(t, s, in)
	}
	var got []string
	err := s.Update(ctx, func(tx store.Tx) error {
		ins, err := tx.Candidates(ctx, "2024-02-28", "2024-03-03")
		for _, in := range ins {
			got = append(got, in.Anchor)
			want := fullIncident()
			if in.Place != want.Place || in.Type != want.Type || in.Date != want.Date ||
				!reflect.DeepEqual(in.Claims, want.Claims) || !reflect.DeepEqual(in.Names, want.Names) {
				t.Errorf("candidate %d lacks what matching reads: %+v", in.ID, in)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2024-02-28", "2024-03-01", "2024-03-03"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Candidates = %v, want %v", got, want)
	}
}

func testListIncidentsFilter(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "A car bomb in the old town.", ""), newReport("b", "Shooting near the stadium.", ""))
	mk := func(typ report.IncidentType, date, anchor, place, country, rep string, claim string) {
		in := &store.Incident{Type: typ, Date: date, Anchor: anchor, Place: place, Country: country,
			Reports: []store.ReportRef{{ID: rep, Time: t0}}}
		if claim != "" {
			in.Claims = []store.Claim{{Name: claim, Status: report.Claimed, ReportID: rep, ReportTime: t0}}
		}
		create(t, s, in)
	}
	mk(report.TypeBombing, "2024-03-01", "2024-03-01", "Kabul", "Afghanistan", "a", "Islamic State") // 1
	mk(report.TypeArmedAssault, "", "2024-03-05", "Lagos", "Nigeria", "b", "")                       // 2
	mk(report.TypeBombing, "2024-02-01", "2024-02-01", "Mosul", "Iraq", "a", "")                     // 3
	for _, tc := range []struct {
		f    store.Filter
		want []int64
	}{
		{store.Filter{}, []int64{1, 2, 3}},
		{store.Filter{Since: "2024-03-01"}, []int64{1, 2}},
		{store.Filter{Type: report.TypeBombing}, []int64{1, 3}},
		{store.Filter{Country: "NIGERIA"}, []int64{2}},
		{store.Filter{Q: "kab"}, []int64{1}},
		{store.Filter{Q: "islamic"}, []int64{1}},
		{store.Filter{Q: "stadium"}, []int64{2}},
		{store.Filter{Q: "car bomb"}, []int64{1, 3}},
		{store.Filter{Q: "car bomb", Since: "2024-02-15", Type: report.TypeBombing}, []int64{1}},
		{store.Filter{Q: "100%_"}, nil},
		{store.Filter{Limit: 2}, []int64{1, 2}},
	} {
		ins, err := s.ListIncidents(ctx, tc.f)
		if err != nil {
			t.Fatalf("%+v: %v", tc.f, err)
		}
		var got []int64
		for _, in := range ins {
			got = append(got, in.ID)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ListIncidents(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
}

func testResetIncidents(t *testing.T, s store.Store) {
	put(t, s, newReport("a", "one", ""), newReport("b", "two", ""))
	create(t, s, fullIncident())
	create(t, s, fullIncident())
	if err := s.Update(ctx, func(tx store.Tx) error { return tx.ResetIncidents(ctx) }); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Counts(ctx)
	if c != (store.Counts{Reports: 2}) {
		t.Errorf("counts after reset = %+v, want only the 2 reports", c)
	}
	if id := create(t, s, fullIncident()); id != 1 {
		t.Errorf("first id after reset = %d, want 1", id)
	}
}

func testUpdateRollsBack(t *testing.T, s store.Store) {
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx store.Tx) error {
		if _, err := tx.PutReport(ctx, newReport("a", "one", "")); err != nil {
			return err
		}
		if _, err := tx.CreateIncident(ctx, &store.Incident{Type: report.TypeOther, Anchor: "2024-01-01",
			Reports: []store.ReportRef{{ID: "a", Time: t0}}}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Update err = %v, want boom", err)
	}
	c, _ := s.Counts(ctx)
	if c != (store.Counts{}) {
		t.Errorf("counts after rollback = %+v, want zero", c)
	}
	// Linking a report that does not exist fails.
	err = s.Update(ctx, func(tx store.Tx) error {
		_, err := tx.CreateIncident(ctx, &store.Incident{Type: report.TypeOther, Anchor: "2024-01-01",
			Reports: []store.ReportRef{{ID: "missing", Time: t0}}})
		return err
	})
	if err == nil {
		t.Error("linking a missing report succeeded")
	}
}

func testConcurrentUpdates(t *testing.T, s store.Store) {
	const workers, each = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id := fmt.Sprintf("w%d-%d", w, i)
				err := s.Update(ctx, func(tx store.Tx) error {
					if _, err := tx.PutReport(ctx, newReport(id, "text "+id, "")); err != nil {
						return err
					}
					_, err := tx.CreateIncident(ctx, &store.Incident{Type: report.TypeOther, Anchor: "2024-01-01",
						Reports: []store.ReportRef{{ID: id, Time: t0}}})
					return err
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	c, _ := s.Counts(ctx)
	if c.Reports != workers*each || c.Incidents != workers*each || c.Links != workers*each {
		t.Errorf("counts = %+v, want %d of each", c, workers*each)
	}
}
