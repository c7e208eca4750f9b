package fuse_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

var ctx = context.Background()

// loadFixtures reads testdata/evolving.jsonl: stored reports with hand-written
// extractions. Reports wire-1 … gov-3 describe one Kabul market bombing from four outlets
// with a toll that evolves from 5 to 23; wire-3 is a bombing in Kandahar the same day and
// lagos-1 a shooting in Lagos that day.
func loadFixtures(t *testing.T) []*store.Report {
	t.Helper()
	f, err := os.Open("testdata/evolving.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rs []*store.Report
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r store.Report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		r.IngestedAt = time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)
		rs = append(rs, &r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rs
}

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fuse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ingest stores and fuses each report in its own transaction, as sitrep ingest does.
func ingest(t *testing.T, st store.Store, rs []*store.Report) {
	t.Helper()
	for _, r := range rs {
		r := *r
		err := st.Update(ctx, func(tx store.Tx) error {
			isNew, err := tx.PutReport(ctx, &r)
			if err != nil || !isNew {
				return err
			}
			_, err = fuse.Apply(ctx, tx, &r)
			return err
		})
		if err != nil {
			t.Fatalf("ingest %s: %v", r.ID, err)
		}
	}
}

func incidents(t *testing.T, st store.Store) []*store.Incident {
	t.Helper()
	ins, err := st.ListIncidents(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

func reportIDs(in *store.Incident) []string {
	var ids []string
	for _, r := range in.Reports {
		ids = append(ids, r.ID)
	}
	return ids
}

func total(in *store.Incident, c report.Category) *store.Total {
	for i := range in.Totals {
		if in.Totals[i].Category == c {
			return &in.Totals[i]
		}
	}
	return nil
}

func TestEvolvingTollsFuseIntoOne(t *testing.T) {
	db := openDB(t)
	ingest(t, db, loadFixtures(t))
	if _, err := fuse.Refuse(ctx, db, nil); err != nil {
		t.Fatal(err)
	}
	ins := incidents(t, db)
	if len(ins) != 3 {
		for _, in := range ins {
			t.Logf("incident %d %s %s %s %v", in.ID, in.Type, in.Place, in.Date, reportIDs(in))
		}
		t.Fatalf("got %d incidents, want 3 (Kabul, Kandahar, Lagos)", len(ins))
	}
	kabul := ins[0]
	if kabul.Place != "Kabul" || kabul.Type != report.TypeBombing || kabul.Date != "2024-03-01" || kabul.Country != "Afghanistan" {
		t.Errorf("incident 1 = %s %s %s %s, want the Kabul bombing of 2024-03-01", kabul.Type, kabul.Place, kabul.Country, kabul.Date)
	}
	if got, want := reportIDs(kabul), []string{"wire-1", "daily-1", "news-2", "wire-2", "gov-3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Kabul reports = %v, want %v", got, want)
	}
	var timeline []int
	for _, f := range kabul.Figures {
		if f.Category == report.Killed {
			timeline = append(timeline, f.Value)
		}
	}
	if want := []int{5, 12, 20, 15, 20, 30, 23}; !reflect.DeepEqual(timeline, want) {
		t.Errorf("killed timeline = %v, want %v", timeline, want)
	}
	k := total(kabul, report.Killed)
	if k == nil || k.Best != 23 || k.Conservative != 23 || k.High != 30 || k.Source != "Ministry of Interior" || k.ReportID != "gov-3" {
		t.Errorf("killed total = %+v, want best 23 (Ministry of Interior, gov-3), conservative 23, high 30", k)
	}
	if in := total(kabul, report.Injured); in == nil || in.Best != 41 {
		t.Errorf("injured total = %+v, want best 41", in)
	}
	var current int
	for _, f := range kabul.Figures {
		if f.Current {
			current++
		}
	}
	if current != 2 {
		t.Errorf("%d figures marked current, want 2 (killed, injured)", current)
	}
	var contradictions, unsourced int
	for _, f := range kabul.Flags {
		switch f.Kind {
		case report.FlagContradiction:
			contradictions++
			if !strings.Contains(f.Message, "2024-03-01T11:00:00Z") {
				t.Errorf("contradiction message lacks the report time: %s", f.Message)
			}
		case report.FlagUnsourcedClaim:
			unsourced++
		}
	}
	// At 11:00 police say 12, hospital officials 20 and Frontier News at least 15:
	// 12 contradicts both others; 20 and "at least 15" can both hold.
	if contradictions != 2 || unsourced != 1 {
		t.Errorf("flags = %+v, want 2 contradictions and 1 unsourced claim", kabul.Flags)
	}
	if len(kabul.Claims) != 2 || kabul.Claims[0].Status != report.Claimed || kabul.Claims[1].Status != report.Accused {
		t.Errorf("claims = %+v, want Islamic State claimed then accused", kabul.Claims)
	}
	if len(kabul.Weapons) != 2 {
		t.Errorf("weapons = %+v, want bomb and explosives", kabul.Weapons)
	}
	if !kabul.FirstSeen.Equal(time.Date(2024, 3, 1, 8, 10, 0, 0, time.UTC)) || !kabul.LastUpdated.Equal(time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first_seen %v, last_updated %v", kabul.FirstSeen, kabul.LastUpdated)
	}
}

func TestSameDayDifferentCitiesStayApart(t *testing.T) {
	date := "2024-05-10"
	mk := func(id, place, country string, typ report.IncidentType, killed int) *store.Report {
		x := report.Report{ID: id, Text: "text " + id, Published: report.Str(date)}
		x.Incidents = []report.Incident{{Type: typ, Stage: report.StageAccomplished,
			Date:     &report.Date{Value: report.Str(date)},
			Location: &report.Location{Place: report.Str(place), Country: report.Str(country)},
			Figures:  []report.Figure{{Category: report.Killed, Value: killed, Qualifier: report.Exact, Best: true}}}}
		x.Normalize()
		return &store.Report{ID: id, Text: x.Text, Published: date, Extraction: x}
	}
	db := openDB(t)
	ingest(t, db, []*store.Report{
		mk("a", "Kabul", "Afghanistan", report.TypeBombing, 3),
		mk("b", "Kandahar", "Afghanistan", report.TypeBombing, 4),
		mk("c", "Baghdad", "Iraq", report.TypeBombing, 5),
		mk("d", "Kabul", "Afghanistan", report.TypeBombing, 6),  // same as a
		mk("e", "Kabul", "Afghanistan", report.TypeStabbing, 1), // same city, another type
	})
	var got []string
	for _, in := range incidents(t, db) {
		got = append(got, in.Place+":"+strings.Join(reportIDs(in), ","))
	}
	if want := []string{"Kabul:a,d", "Kandahar:b", "Baghdad:c", "Kabul:e"}; !reflect.DeepEqual(got, want) {
		t.Errorf("incidents = %v, want %v", got, want)
	}
}

// exportJSON is a byte-exact rendering of every incident.
func exportJSON(t *testing.T, st store.Store) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for _, in := range incidents(t, st) {
		if err := enc.Encode(in); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func TestRefuseOrderIndependent(t *testing.T) {
	rs := loadFixtures(t)
	orders := [][]int{{0, 1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1, 0}, {4, 2, 6, 0, 3, 1, 5}}
	var first string
	for n, order := range orders {
		var batch []*store.Report
		for _, i := range order {
			batch = append(batch, rs[i])
		}
		db := openDB(t)
		ingest(t, db, batch)
		if _, err := fuse.Refuse(ctx, db, nil); err != nil {
			t.Fatal(err)
		}
		got := exportJSON(t, db)
		if n == 0 {
			first = got
			continue
		}
		if got != first {
			t.Errorf("order %v: refused incidents differ from order %v:\n%s\nvs\n%s", order, orders[0], got, first)
		}
	}
	// Refusing twice changes nothing.
	db := openDB(t)
	ingest(t, db, rs)
	fuse.Refuse(ctx, db, nil)
	once := exportJSON(t, db)
	fuse.Refuse(ctx, db, nil)
	if twice := exportJSON(t, db); twice != once {
		t.Error("second refuse changed the incidents")
	}
}

func TestScore(t *testing.T) {
	stored := &store.Incident{ID: 1, Type: report.TypeBombing, Date: "2024-03-01", Anchor: "2024-03-01",
		Place: "Kabul", Admin: "Kabul Province", Country: "Afghanistan",
		Claims: []store.Claim{{Name: "Islamic State"}}, Names: []string{"mandawi market"}}
	loc := func(place, admin, country string) *report.Location {
		return &report.Location{Place: report.Str(place), Admin: report.Str(admin), Country: report.Str(country)}
	}
	date := func(d string) *report.Date { return &report.Date{Value: report.Str(d)} }
	for _, tc := range []struct {
		name   string
		ri     report.Incident
		anchor string
		score  int
		ok     bool
	}{
		{"same everything", report.Incident{Type: report.TypeBombing, Date: date("2024-03-01"), Location: loc("Kabul", "", "Afghanistan")}, "2024-03-01", 6, true},
		{"other type, no place", report.Incident{Type: report.TypeOther}, "2024-03-02", 0, true},
		{"different type", report.Incident{Type: report.TypeStabbing, Location: loc("Kabul", "", "")}, "2024-03-01", 0, false},
		{"date too far", report.Incident{Type: report.TypeBombing, Date: date("2024-03-04"), Location: loc("Kabul", "", "")}, "2024-03-04", 0, false},
		{"date in window", report.Incident{Type: report.TypeBombing, Date: date("2024-03-03"), Location: loc("Kabul", "", "")}, "2024-03-03", 4, true},
		{"unknown date, anchor too far", report.Incident{Type: report.TypeBombing}, "2024-03-05", 0, false},
		{"other country", report.Incident{Type: report.TypeBombing, Location: loc("", "", "Pakistan")}, "2024-03-01", 0, false},
		{"other city", report.Incident{Type: report.TypeBombing, Location: loc("Herat", "", "")}, "2024-03-01", 0, false},
		{"city with suffix", report.Incident{Type: report.TypeBombing, Location: loc("Kabul City", "", "")}, "2024-03-01", 4, true},
		{"province as place", report.Incident{Type: report.TypeBombing, Location: loc("Kabul Province", "", "")}, "2024-03-01", 1, true},
		{"shared perpetrator", report.Incident{Type: report.TypeOther, Perpetrators: []report.Perpetrator{{Name: "Islamic State"}}}, "2024-03-01", 2, true},
		{"shared name", report.Incident{Type: report.TypeBombing, Victims: []report.Victim{{Text: "traders in the Mandawi Market"}}}, "2024-03-01", 3, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			score, ok := fuse.Score(stored, &tc.ri, tc.anchor)
			if score != tc.score || ok != tc.ok {
				t.Errorf("Score = %d, %v; want %d, %v", score, ok, tc.score, tc.ok)
			}
		})
	}
}

func TestRecomputeBestPolicy(t *testing.T) {
	t1 := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	fig := func(rep string, at time.Time, v int, q report.Qualifier, source, outlet string, best bool) store.Figure {
		return store.Figure{Category: report.Killed, Value: v, Qualifier: q, Source: source, Outlet: outlet, ReportID: rep, ReportTime: at, Best: best}
	}
	for _, tc := range []struct {
		name             string
		figs             []store.Figure
		best, cons, high int
		bestReport       string
		contradictions   int
	}{
		{"latest wins", []store.Figure{fig("a", t1, 10, report.Exact, "police", "", true), fig("b", t2, 8, report.Exact, "", "X", true)},
			8, 8, 10, "b", 0},
		{"attributed beats unattributed at same time", []store.Figure{fig("a", t2, 10, report.About, "", "X", true), fig("b", t2, 11, report.Exact, "police", "Y", false)},
			11, 11, 11, "b", 0},
		{"at least gives conservative from min", []store.Figure{
			{Category: report.Killed, Value: 20, Min: report.Int(20), Qualifier: report.AtLeast, ReportID: "a", ReportTime: t1},
			{Category: report.Killed, Value: 25, Min: report.Int(20), Max: report.Int(25), Qualifier: report.Range, ReportID: "b", ReportTime: t2}},
			25, 20, 25, "b", 0},
		{"same time disagreement", []store.Figure{fig("a", t1, 10, report.Exact, "police", "", true), fig("b", t1, 14, report.Exact, "medics", "", true)},
			10, 10, 14, "a", 1},
		{"same source never contradicts itself", []store.Figure{fig("a", t1, 10, report.Exact, "police", "", true), fig("a", t1, 14, report.Exact, "police", "", false)},
			10, 10, 14, "a", 0},
		{"about overlaps", []store.Figure{fig("a", t1, 50, report.About, "police", "", true), fig("b", t1, 55, report.Exact, "medics", "", true)},
			55, 55, 55, "b", 0},
		{"subset excluded", []store.Figure{fig("a", t1, 10, report.Exact, "police", "", true),
			{Category: report.Killed, Value: 3, Qualifier: report.Exact, SubsetOf: report.Killed, ReportID: "b", ReportTime: t2}},
			10, 10, 10, "a", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &store.Incident{Figures: tc.figs}
			fuse.Recompute(in)
			k := total(in, report.Killed)
			if k == nil || k.Best != tc.best || k.Conservative != tc.cons || k.High != tc.high || k.ReportID != tc.bestReport {
				t.Errorf("total = %+v; want best %d cons %d high %d from %s", k, tc.best, tc.cons, tc.high, tc.bestReport)
			}
			if len(in.Flags) != tc.contradictions {
				t.Errorf("flags = %+v, want %d contradictions", in.Flags, tc.contradictions)
			}
		})
	}
}

func TestMergeSameReportTwice(t *testing.T) {
	rs := loadFixtures(t)
	in := fuse.New(&rs[0].Extraction.Incidents[0], "2024-03-01")
	fuse.Merge(in, rs[0], 0)
	fuse.Merge(in, rs[0], 0)
	if len(in.Reports) != 1 || len(in.Figures) != 1 {
		t.Errorf("after merging twice: %d reports, %d figures; want 1, 1", len(in.Reports), len(in.Figures))
	}
}

func TestNames(t *testing.T) {
	ri := &report.Incident{
		Victims: []report.Victim{{Text: "Mayor Juan Pérez and two guards"}, {Text: "The Al-Noor Mosque"}},
		Targets: []report.Target{{Text: "a bus"}, {Text: "Lima"}},
	}
	if got, want := fuse.Names(ri), []string{"al-noor mosque", "lima", "mayor juan pérez"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %q, want %q", got, want)
	}
}

func TestPerpetrators(t *testing.T) {
	t1 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	t2 := t1.Add(time.Hour)
	in := &store.Incident{Claims: []store.Claim{
		{Name: "Islamic State", Status: report.Suspected, ReportTime: t1},
		{Name: "Islamic State", Status: report.Claimed, ReportTime: t1},
		{Name: "Al-Shabaab", Status: report.Accused, ReportTime: t1},
		{Name: "al-shabaab", Status: report.Denied, ReportTime: t2},
	}}
	if got, want := fuse.Summary(fuse.Perpetrators(in)), "Al-Shabaab:denied;Islamic State:claimed"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

// BenchmarkIngest10k stores and fuses 10,000 synthetic reports with hand-built
// extractions (three reports per incident, one incident a day cycling through eight
// cities), one transaction per report as sitrep ingest does: the store and fusion cost
// without extraction.
func BenchmarkIngest10k(b *testing.B) {
	const n = 10_000
	cities := []string{"Kabul", "Baghdad", "Mogadishu", "Lagos", "Karachi", "Bamako", "Mosul", "Aleppo"}
	rs := make([]*store.Report, n)
	for i := range rs {
		inc := i / 3
		day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, inc)
		id := fmt.Sprintf("syn-%06d", i)
		x := report.Report{ID: id, Text: "report " + id}
		x.Incidents = []report.Incident{{Type: report.TypeBombing, Stage: report.StageAccomplished,
			Date:     &report.Date{Value: report.Str(day.Format(time.DateOnly))},
			Location: &report.Location{Place: report.Str(cities[inc%len(cities)]), Country: report.Str("Country")},
			Figures: []report.Figure{
				{Category: report.Killed, Value: 2 + i%3, Qualifier: report.Exact, Best: true, Source: report.Str("police")},
				{Category: report.Injured, Value: 10 + i%7, Qualifier: report.AtLeast, Min: report.Int(10 + i%7), Best: true},
			},
			Perpetrators: []report.Perpetrator{{Name: "Group", Status: report.Suspected}},
			Weapons:      []report.Weapon{{Category: report.WeaponExplosives, Text: "bomb"}}}}
		x.Normalize()
		rs[i] = &store.Report{ID: id, Text: x.Text, Source: fmt.Sprintf("Outlet %d", i%3),
			Published: day.Add(time.Duration(i%3+1) * time.Hour).Format(time.RFC3339), Extraction: x}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rs {
			r := *r
			err := db.Update(ctx, func(tx store.Tx) error {
				if _, err := tx.PutReport(ctx, &r); err != nil {
					return err
				}
				_, err := fuse.Apply(ctx, tx, &r)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		c, err := db.Counts(ctx)
		if err != nil || c.Reports != n || c.Incidents != (n+2)/3 {
			b.Fatalf("counts %+v, %v; want %d reports in %d incidents", c, err, n, (n+2)/3)
		}
		db.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "reports/s")
}

// TestRecomputeOrderIndependent shuffles random timelines and checks that Recompute
// derives the same incident, and that its totals keep their invariants.
func TestRecomputeOrderIndependent(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	quals := []report.Qualifier{report.Exact, report.AtLeast, report.MoreThan, report.About, report.UpTo, report.Range}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for iter := range 200 {
		var in store.Incident
		for i := range 1 + rng.IntN(12) {
			rep := fmt.Sprintf("r%d", rng.IntN(5))
			f := store.Figure{Category: report.Categories[rng.IntN(3)], Value: rng.IntN(50), Qualifier: quals[rng.IntN(len(quals))],
				ReportID: rep, ReportTime: base.Add(time.Duration(rep[1]-'0') * time.Hour), Seq: i, Best: rng.IntN(2) == 0}
			if f.Qualifier == report.Range {
				f.Min, f.Max = report.Int(f.Value), report.Int(f.Value+rng.IntN(10))
			}
			if rng.IntN(2) == 0 {
				f.Source = []string{"police", "medics", "ministry"}[rng.IntN(3)]
			}
			in.Figures = append(in.Figures, f)
			in.Reports = append(in.Reports, store.ReportRef{ID: rep, Time: f.ReportTime, Index: i})
		}
		Recompute := func(in store.Incident) string {
			in.Figures = slices.Clone(in.Figures)
			in.Reports = slices.Clone(in.Reports)
			fuse.Recompute(&in)
			b, _ := json.Marshal(in)
			return string(b)
		}
		want := Recompute(in)
		for range 5 {
			rng.Shuffle(len(in.Figures), func(i, j int) { in.Figures[i], in.Figures[j] = in.Figures[j], in.Figures[i] })
			rng.Shuffle(len(in.Reports), func(i, j int) { in.Reports[i], in.Reports[j] = in.Reports[j], in.Reports[i] })
			if got := Recompute(in); got != want {
				t.Fatalf("iteration %d: shuffled timeline recomputes differently:\n%s\nvs\n%s", iter, got, want)
			}
		}
		fuse.Recompute(&in)
		for _, tot := range in.Totals {
			if tot.High < tot.Best {
				t.Errorf("iteration %d: %s high %d below best %d", iter, tot.Category, tot.High, tot.Best)
			}
			if tot.Conservative > tot.Best {
				t.Errorf("iteration %d: %s conservative %d above best %d", iter, tot.Category, tot.Conservative, tot.Best)
			}
		}
	}
}

// TestVenueAndCityFuse checks that a report naming the venue and one naming only its city
// fuse into one incident.
func TestVenueAndCityFuse(t *testing.T) {
	venue := report.Incident{Type: report.TypeArmedAssault, Date: &report.Date{Value: report.Str("2024-03-22")},
		Location: &report.Location{Place: report.Str("Crocus City Hall"), City: report.Str("Moscow"), Country: report.Str("Russia")}}
	stored := fuse.New(&venue, "2024-03-22")
	stored.Names = fuse.Names(&venue)
	city := report.Incident{Type: report.TypeArmedAssault, Date: &report.Date{Value: report.Str("2024-03-22")},
		Location: &report.Location{Place: report.Str("Moscow"), Country: report.Str("Russia")}}
	if _, ok := fuse.Score(stored, &city, "2024-03-22"); !ok {
		t.Error("a report naming only the city did not match the incident at a venue in it")
	}
	other := report.Incident{Type: report.TypeArmedAssault, Date: &report.Date{Value: report.Str("2024-03-22")},
		Location: &report.Location{Place: report.Str("Kazan"), Country: report.Str("Russia")}}
	if _, ok := fuse.Score(stored, &other, "2024-03-22"); ok {
		t.Error("a report from another city matched")
	}
}
