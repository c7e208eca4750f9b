package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// sitrepRun runs the sitrep command line in-process and returns what it printed.
func sitrepRun(t testing.TB, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.Execute()
	return out.String(), errb.String(), err
}

// mustRun is sitrepRun failing the test on error.
func mustRun(t testing.TB, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, err := sitrepRun(t, "", args...)
	if err != nil {
		t.Fatalf("sitrep %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout, stderr
}

var summaryRE = regexp.MustCompile(`(?m)^read (\d+), new (\d+), duplicate (\d+), failed (\d+)(?:, skipped (\d+))?$`)

// summary parses the summary line: read, new, duplicate, failed, skipped.
func summary(t testing.TB, out string) [5]int {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in %q", out)
	}
	var n [5]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return n
}

func writeTestFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestIdempotent(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeTestFile(t, filepath.Join(in, "a.txt"), "A bomb exploded in a market in Kabul on Friday, killing five people, police said.\n")
	writeTestFile(t, filepath.Join(in, "sub", "b.txt"), "Gunmen killed four people in Lagos, Nigeria, on Saturday, police said.\n")
	writeTestFile(t, filepath.Join(in, "sub", "c.jsonl"),
		`{"id":"j1","text":"A car bomb killed 3 people in Mosul.","published":"2024-03-01"}`+"\n"+
			`{"id":"j2","text":"Two soldiers were wounded in an ambush near Gao.","published":"2024-03-02"}`+"\n")
	writeTestFile(t, filepath.Join(in, ".hidden.txt"), "never read")
	writeTestFile(t, filepath.Join(in, ".git", "x.txt"), "never read")
	writeTestFile(t, filepath.Join(in, "photo.bin"), "\x89PNG\x00\x00\x00binary")
	db := filepath.Join(dir, "t.db")

	out, stderr := mustRun(t, "ingest", "--db", db, "--published", "2024-03-01", in)
	if got := summary(t, out); got != [5]int{4, 4, 0, 0, 1} {
		t.Errorf("first run: %v (read, new, dup, failed, skipped), want [4 4 0 0 1]\n%s%s", got, out, stderr)
	}
	if !strings.Contains(stderr, "skipped: ") || !strings.Contains(stderr, "photo.bin") {
		t.Errorf("binary file not listed as skipped with a reason:\n%s", stderr)
	}
	out, _ = mustRun(t, "ingest", "--db", db, "--published", "2024-03-01", in)
	if got := summary(t, out); got != [5]int{4, 0, 4, 0, 1} {
		t.Errorf("second run: %v, want all 4 duplicates", got)
	}
	// The same text, differently spaced and cased, under another name and id.
	other := filepath.Join(dir, "other.txt")
	writeTestFile(t, other, "a BOMB exploded in a market\n\nin Kabul on Friday,   killing five people, police said.")
	out, _ = mustRun(t, "ingest", "--db", db, other)
	if got := summary(t, out); got != [5]int{1, 0, 1, 0, 0} {
		t.Errorf("normalised duplicate: %v, want 1 duplicate", got)
	}
	// Standard input.
	stdout, _, err := sitrepRun(t, `{"id":"j1","text":"changed text, same id"}`+"\n", "ingest", "--db", db, "-")
	if err != nil || summary(t, stdout) != [5]int{1, 0, 1, 0, 0} {
		t.Errorf("stdin duplicate by id: %q, %v", stdout, err)
	}
	st := openTestDB(t, db)
	if c, _ := st.Counts(context.Background()); c.Reports != 4 {
		t.Errorf("reports stored = %d, want 4", c.Reports)
	}
}

func TestIngestFailuresDoNotAbort(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	jl := filepath.Join(dir, "mixed.jsonl")
	writeTestFile(t, jl, `{"id":"ok1","text":"first report"}`+"\n"+
		`{"id":"bad", "text": `+"\n"+
		`{"id":"notext"}`+"\n"+
		`{"id":"ok2","text":"second report"}`+"\n")
	stdout, stderr, err := sitrepRun(t, "", "ingest", "--db", db, jl, filepath.Join(dir, "missing.txt"))
	if err != nil {
		t.Fatalf("ingest failed as a whole: %v", err)
	}
	if got := summary(t, stdout); got != [5]int{2, 2, 0, 3, 0} {
		t.Errorf("summary %v, want read 2, new 2, failed 3\n%s", got, stderr)
	}
	for _, want := range []string{"mixed.jsonl line 2", "mixed.jsonl line 3", "missing.txt"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("failures lack %q:\n%s", want, stderr)
		}
	}
	// Nothing readable at all: an error.
	_, _, err = sitrepRun(t, "", "ingest", "--db", db, filepath.Join(dir, "missing.txt"))
	if err == nil {
		t.Error("ingesting only a missing file succeeded")
	}
}

func TestIngestFuseExportStable(t *testing.T) {
	dir := t.TempDir()
	fixtures := filepath.Join("testdata", "fusion")
	// Two databases fed the same reports in opposite orders.
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	mustRun(t, "ingest", "--db", a, filepath.Join(fixtures, "reports.jsonl"))
	mustRun(t, "ingest", "--db", b, "--workers", "1", filepath.Join(fixtures, "reversed.jsonl"))
	for _, db := range []string{a, b} {
		_, stderr := mustRun(t, "refuse", "--db", db)
		if !strings.Contains(stderr, "refused 6 reports") {
			t.Errorf("refuse said %q", stderr)
		}
	}
	for _, format := range []string{"csv", "jsonl"} {
		ea, _ := mustRun(t, "export", "--db", a, "--format", format)
		eb, _ := mustRun(t, "export", "--db", b, "--format", format)
		if ea != eb {
			t.Errorf("%s exports differ between ingestion orders:\n%s\nvs\n%s", format, ea, eb)
		}
		again, _ := mustRun(t, "export", "--db", a, "--format", format)
		if again != ea {
			t.Errorf("two %s exports of one database differ", format)
		}
	}
	csvOut, _ := mustRun(t, "export", "--db", a, "--format", "csv")
	if head, _, _ := strings.Cut(csvOut, "\n"); head != strings.Join(exportColumns, ",") {
		t.Errorf("CSV header = %q", head)
	}
	// -o writes the same bytes to a file.
	file := filepath.Join(dir, "out.jsonl")
	mustRun(t, "export", "--db", a, "--format", "jsonl", "-o", file)
	jsonl, _ := mustRun(t, "export", "--db", a, "--format", "jsonl")
	if got, _ := os.ReadFile(file); string(got) != jsonl {
		t.Errorf("-o file differs from stdout export")
	}

	// Every incident: show --json is its export line; the reports add up.
	lines := strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n")
	if jsonl == "" {
		lines = nil
	}
	listed, _ := mustRun(t, "incidents", "--db", a, "--json")
	if listed != jsonl {
		t.Errorf("incidents --json differs from export --format jsonl")
	}
	linked := map[string]bool{}
	for _, line := range lines {
		var v struct {
			ID      int64    `json:"id"`
			Reports []string `json:"reports"`
		}
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("export line is not JSON: %v\n%s", err, line)
		}
		if len(v.Reports) == 0 {
			t.Errorf("incident %d has no reports", v.ID)
		}
		for _, r := range v.Reports {
			linked[r] = true
		}
		shown, _ := mustRun(t, "show", "--db", a, "--json", strconv.FormatInt(v.ID, 10))
		if shown != line+"\n" {
			t.Errorf("show --json %d differs from its export line", v.ID)
		}
		text, _ := mustRun(t, "show", "--db", a, strconv.FormatInt(v.ID, 10))
		if !strings.Contains(text, fmt.Sprintf("Incident %d:", v.ID)) || !strings.Contains(text, "Reports") {
			t.Errorf("show %d:\n%s", v.ID, text)
		}
	}
	t.Logf("%d incidents from 6 reports:\n%s", len(lines), csvOut)
	// With a working extractor the five Kabul reports fuse into one incident, apart from
	// the Kandahar bombing the same day; with the stub there are no incidents at all.
	if len(lines) > 0 {
		if len(lines) > 6 {
			t.Errorf("%d incidents from 6 single-incident reports", len(lines))
		}
		table, _ := mustRun(t, "incidents", "--db", a)
		if !strings.HasPrefix(table, "ID ") {
			t.Errorf("table:\n%s", table)
		}
		filtered, _ := mustRun(t, "incidents", "--db", a, "--json", "--q", "kandahar")
		if strings.Contains(filtered, `"wire-1"`) {
			t.Errorf("--q kandahar lists the Kabul incident:\n%s", filtered)
		}
	}
	if _, _, err := sitrepRun(t, "", "show", "--db", a, "9999"); err == nil {
		t.Error("show of a missing incident succeeded")
	}
	if _, _, err := sitrepRun(t, "", "incidents", "--db", filepath.Join(dir, "nope.db")); err == nil {
		t.Error("incidents on a missing database succeeded")
	}
	if _, _, err := sitrepRun(t, "", "export", "--db", a, "--format", "xml"); err == nil {
		t.Error("export --format xml succeeded")
	}
}

func TestDBPath(t *testing.T) {
	t.Setenv("SITREP_DB", "")
	if got := dbPath(""); got != defaultDB {
		t.Errorf("default = %q", got)
	}
	t.Setenv("SITREP_DB", "/tmp/env.db")
	if got := dbPath(""); got != "/tmp/env.db" {
		t.Errorf("env = %q", got)
	}
	if got := dbPath("flag.db"); got != "flag.db" {
		t.Errorf("flag = %q", got)
	}
}

func openTestDB(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// syntheticBatch writes n small JSON Lines reports, a few per incident, with published
// dates, and returns the file's path.
func syntheticBatch(t testing.TB, dir string, n int) string {
	t.Helper()
	cities := []string{"Kabul", "Baghdad", "Mogadishu", "Lagos", "Karachi", "Bamako", "Mosul", "Aleppo"}
	var b strings.Builder
	for i := range n {
		incident := i / 3
		// One incident a day, so the same city comes round only every len(cities) days,
		// outside the fusion window.
		day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, incident)
		city := cities[incident%len(cities)]
		fmt.Fprintf(&b, `{"id":"syn-%06d","source":"Outlet %d","published":"%s","text":"%s, %s (Outlet %d) - A bomb exploded in a market in %s on %s, killing %d people and wounding %d, police said. Report %d."}`+"\n",
			i, i%3, day.Add(time.Duration(i%3+1)*time.Hour).Format(time.RFC3339), strings.ToUpper(city), day.Format("January 2"),
			i%3, city, day.Format("January 2, 2006"), 2+i%3+incident%5, 10+i%7, i)
	}
	path := filepath.Join(dir, "batch.jsonl")
	writeTestFile(t, path, b.String())
	return path
}

// TestIngestHelperProcess is not a test: TestIngestCrashConsistency runs the test binary
// again with SITREP_INGEST_HELPER=1 so that this function runs sitrep ingest in a
// process of its own, which it then kills.
func TestIngestHelperProcess(t *testing.T) {
	if os.Getenv("SITREP_INGEST_HELPER") != "1" {
		t.Skip("helper process for TestIngestCrashConsistency")
	}
	args := strings.Split(os.Getenv("SITREP_INGEST_ARGS"), "\x1f")
	root := newRootCmd()
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "sitrep:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func TestIngestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process ingesting thousands of reports")
	}
	ctx := context.Background()
	dir := t.TempDir()
	const n = 3000
	batch := syntheticBatch(t, dir, n)
	db := filepath.Join(dir, "crash.db")

	// Start ingesting in a child process and SIGKILL it once some reports are in.
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestHelperProcess$")
	cmd.Env = append(os.Environ(), "SITREP_INGEST_HELPER=1",
		"SITREP_INGEST_ARGS="+strings.Join([]string{"ingest", "--db", db, batch}, "\x1f"))
	var childErr bytes.Buffer
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	killed := false
	for !killed {
		select {
		case err := <-exited:
			t.Logf("child finished before it could be killed (%v); checking the database anyway\n%s", err, childErr.String())
			killed = true
			continue
		case <-time.After(5 * time.Millisecond):
		}
		if n := countReports(db); n >= 200 {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-exited
			killed = true
		}
	}

	// The database opens, is intact, and every stored report has exactly its fusion.
	st := openTestDB(t, db)
	var integrity string
	if err := st.SQL().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q, %v", integrity, err)
	}
	checkConsistent(t, st)
	before, _ := st.Counts(ctx)
	t.Logf("killed after %d of %d reports", before.Reports, n)
	if before.Reports == 0 || before.Reports > n {
		t.Fatalf("%d reports after the kill", before.Reports)
	}
	st.Close()

	// Re-running completes the batch: nothing lost, nothing doubled.
	out, _ := mustRun(t, "ingest", "--db", db, batch)
	if got := summary(t, out); got != [5]int{n, n - before.Reports, before.Reports, 0, 0} {
		t.Errorf("re-run summary %v, want read %d, new %d, duplicate %d", got, n, n-before.Reports, before.Reports)
	}
	st = openTestDB(t, db)
	checkConsistent(t, st)
	if c, _ := st.Counts(ctx); c.Reports != n {
		t.Errorf("%d reports after the re-run, want %d", c.Reports, n)
	}
	st.Close()

	// After refusing, the interrupted database equals one built in a single run.
	clean := filepath.Join(dir, "clean.db")
	mustRun(t, "ingest", "--db", clean, batch)
	mustRun(t, "refuse", "--db", clean)
	mustRun(t, "refuse", "--db", db)
	want, _ := mustRun(t, "export", "--db", clean, "--format", "jsonl")
	got, _ := mustRun(t, "export", "--db", db, "--format", "jsonl")
	if got != want {
		t.Error("interrupted-then-completed database differs from a clean one after refuse")
	}
}

// countReports counts the reports in the database at path, or returns 0 while it
// cannot be read yet.
func countReports(path string) int {
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		return 0
	}
	defer db.Close()
	c, err := db.Counts(context.Background())
	if err != nil {
		return 0
	}
	return c.Reports
}

// checkConsistent checks that every stored report is linked to exactly as many
// incidents as its extraction has, and that no incident is without reports.
func checkConsistent(t *testing.T, st *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	var bad int
	err := st.SQL().QueryRowContext(ctx, `SELECT count(*) FROM reports r
		WHERE json_array_length(r.extraction, '$.incidents') <> (SELECT count(*) FROM incident_reports l WHERE l.report_id = r.id)`).Scan(&bad)
	if err != nil || bad != 0 {
		t.Errorf("%d reports whose incident links do not match their extraction (%v)", bad, err)
	}
	err = st.SQL().QueryRowContext(ctx, `SELECT count(*) FROM incidents i
		WHERE NOT EXISTS (SELECT 1 FROM incident_reports l WHERE l.incident_id = i.id)`).Scan(&bad)
	if err != nil || bad != 0 {
		t.Errorf("%d incidents without reports (%v)", bad, err)
	}
	var fk int
	rows, err := st.SQL().QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err == nil {
		for rows.Next() {
			fk++
		}
		rows.Close()
	}
	if err != nil || fk != 0 {
		t.Errorf("foreign_key_check: %d violations (%v)", fk, err)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_ = store.Counts{}
	t.Logf("counts: %+v", c)
}

// BenchmarkIngest10k ingests 10,000 small synthetic reports (a few per incident) into a
// fresh database with the full pipeline: read, extract, store, fuse.
func BenchmarkIngest10k(b *testing.B) {
	const n = 10_000
	dir := b.TempDir()
	batch := syntheticBatch(b, dir, n)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		db := filepath.Join(dir, fmt.Sprintf("bench-%d.db", i))
		out, _ := mustRun(b, "ingest", "--db", db, batch)
		if got := summary(b, out); got[1] != n {
			b.Fatalf("summary %v, want %d new", got, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "reports/s")
}

func TestIngestWatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "inbox")
	db := filepath.Join(dir, "w.db")
	writeTestFile(t, filepath.Join(in, "one.txt"), "A bomb exploded in a market in Kabul on Friday, killing five people.")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs([]string{"ingest", "--db", db, "--watch", "--interval", "20ms", in})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()

	waitFor := func(n int) {
		t.Helper()
		for i := 0; countReports(db) < n; i++ {
			if i > 3000 { // a safety net against hanging, not a timing assertion
				t.Fatalf("watch never stored %d reports\n%s", n, errb.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor(1)
	writeTestFile(t, filepath.Join(in, "two.txt"), "Gunmen killed four people in Lagos on Saturday, police said.")
	waitFor(2)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("watch ended with %v", err)
	}
	if got := summaryRE.FindAllString(out.String(), -1); len(got) < 2 {
		t.Errorf("want a summary per pass that found something, got %q", out.String())
	}
}
