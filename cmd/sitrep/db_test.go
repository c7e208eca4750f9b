package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

func TestIngestURLs(t *testing.T) {
	const feed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>World</title>
<item><guid>feed-1</guid><title>Blast in Kabul</title><pubDate>Fri, 01 Mar 2024 08:00:00 GMT</pubDate>
<description>A bomb exploded in a market in Kabul on Friday, killing five people, police said.</description></item>
<item><guid>feed-2</guid><title>Attack in Lagos</title><pubDate>Sat, 02 Mar 2024 09:00:00 GMT</pubDate>
<description>Gunmen killed four people in Lagos on Saturday, police said.</description></item>
</channel></rss>`
	const page = `<!doctype html><html><head><title>Bombing in Mosul</title></head><body><article>
<h1>Bombing in Mosul</h1><p>A car bomb killed three people in Mosul, Iraq, on Sunday, officials said.</p>
<p>Nobody claimed responsibility for the attack, which wounded eight others.</p></article></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(feed))
		case "/story.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "u.db")
	stdout, stderr, err := sitrepRun(t, "", "ingest", "--db", db, srv.URL+"/rss.xml", srv.URL+"/story.html", srv.URL+"/missing")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if got := summary(t, stdout); got != [5]int{3, 3, 0, 1, 0} {
		t.Errorf("summary %v, want read 3, new 3, failed 1 (the 404)\n%s", got, stderr)
	}
	if !strings.Contains(stderr, "/missing") {
		t.Errorf("the failed URL is not listed:\n%s", stderr)
	}
	stdout, _ = mustRun(t, "ingest", "--db", db, srv.URL+"/rss.xml", srv.URL+"/story.html")
	if got := summary(t, stdout); got != [5]int{3, 0, 3, 0, 0} {
		t.Errorf("second run %v, want 3 duplicates", got)
	}
}

func TestDatabaseErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "r.txt")
	writeTestFile(t, file, "A bomb exploded in Kabul.")
	// A directory is no database: a database error, not a per-report failure.
	if _, _, err := sitrepRun(t, "", "ingest", "--db", dir, file); err == nil {
		t.Error("ingest into a directory as --db succeeded")
	}
	db := filepath.Join(dir, "ok.db")
	mustRun(t, "ingest", "--db", db, file)
	for _, args := range [][]string{
		{"incidents", "--db", db, "--since", "yesterday"},
		{"incidents", "--db", db, "--type", "picnic"},
		{"show", "--db", db, "abc"},
		{"export", "--db", db, "--format", "xml"},
		{"ingest", "--db", db, "--published", "soon", file},
	} {
		if _, _, err := sitrepRun(t, "", args...); err == nil {
			t.Errorf("sitrep %s succeeded", strings.Join(args, " "))
		}
	}
	// SITREP_DB is the default --db.
	t.Setenv("SITREP_DB", db)
	out, _ := mustRun(t, "incidents")
	if !strings.HasPrefix(out, "ID ") {
		t.Errorf("incidents via SITREP_DB printed %q", out)
	}
}
