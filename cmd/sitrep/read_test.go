package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// run executes the sitrep command line in-process with stdin as standard input. The
// returned stderr includes the final error the way main prints it ("sitrep: ...").
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.Execute()
	if err != nil {
		fmt.Fprintln(&errb, "sitrep:", err)
	}
	return out.String(), errb.String(), err
}

// decodeLines decodes JSON Lines output into reports, failing on anything that is not
// one JSON object per line.
func decodeLines(t *testing.T, out string) []report.Report {
	t.Helper()
	var reps []report.Report
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" && out == "" {
			break
		}
		var r report.Report
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %d is not a report: %v\n%s", i+1, err, line)
		}
		reps = append(reps, r)
	}
	return reps
}

func ids(reps []report.Report) []string {
	var s []string
	for _, r := range reps {
		s = append(s, r.ID)
	}
	return s
}

// writeFile writes data to a new file in a temporary directory and returns its path.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadInputs(t *testing.T) {
	seed := filepath.Join("testdata", "seed.txt")
	page := filepath.Join("testdata", "page.html")
	three := filepath.Join("testdata", "three.jsonl")
	missing := filepath.Join(t.TempDir(), "missing.txt")
	empty := writeFile(t, "empty.txt", nil)
	blank := writeFile(t, "blank.txt", []byte(" \n\t\n"))
	binary := writeFile(t, "blob.bin", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00"))
	badUTF8 := writeFile(t, "latin1.txt", []byte("Bombe in M\xfcnchen: 3 Tote.\n"))
	noBody := writeFile(t, "nobody.html", []byte("<!doctype html><html><head><title>Nothing</title></head></html>"))
	badJSONL := writeFile(t, "bad.jsonl", []byte("{\"id\":\"ok-1\",\"text\":\"One.\"}\n{not json\n{\"id\":\"never\",\"text\":\"Two.\"}\n"))

	tests := []struct {
		name    string
		stdin   string
		args    []string
		wantIDs []string // nil: only check the count
		wantN   int
		wantErr string // substring of the final error; "" for success
		stderr  string // substring of stderr besides the final error
	}{
		{name: "text file", args: []string{seed}, wantN: 1},
		{name: "html file", args: []string{page}, wantN: 1},
		{name: "jsonl file", args: []string{three}, wantIDs: []string{"rep-1", "rep-2", "rep-3"}},
		{name: "stdin dash", stdin: "A bomb exploded in Quetta, killing 4.", args: []string{"-"}, wantN: 1},
		{name: "stdin by default", stdin: "A bomb exploded in Quetta, killing 4.", wantN: 1},
		{name: "stdin jsonl detected", stdin: `{"id":"s1","text":"Shots fired."}` + "\n", wantIDs: []string{"s1"}},
		{name: "forced input kind", stdin: `{"id":"s1","text":"Shots fired."}`, args: []string{"--input", "text", "-"}, wantN: 1},
		{
			name: "missing file among others", args: []string{three, missing, seed},
			wantN: 4, wantErr: "read " + missing + ": no such file or directory",
		},
		{
			name: "two missing files", args: []string{missing, three, missing + "2"},
			wantIDs: []string{"rep-1", "rep-2", "rep-3"},
			wantErr: "read " + missing + "2: no such file or directory",
			stderr:  "sitrep: read " + missing + ": no such file or directory\n",
		},
		{name: "directory", args: []string{t.TempDir()}, wantErr: "is a directory"},
		{name: "empty file", args: []string{empty}, wantErr: "read " + empty + ": empty input"},
		{name: "blank file", args: []string{blank}, wantErr: "read " + blank + ": empty input"},
		{name: "empty stdin", stdin: "", wantErr: "read stdin: empty input"},
		{name: "binary file", args: []string{binary}, wantErr: "read " + binary + ": binary data"},
		{name: "invalid utf-8", args: []string{badUTF8}, wantN: 1},
		{name: "html without body", args: []string{noBody}, wantErr: "read " + noBody},
		{name: "bad jsonl line keeps earlier lines", args: []string{badJSONL, three}, wantIDs: []string{"ok-1", "rep-1", "rep-2", "rep-3"}, wantErr: "read " + badJSONL + " line 2"},
		{name: "bad published", args: []string{"--published", "23/03/2024", seed}, wantErr: `--published "23/03/2024"`},
		{name: "json and format conflict", args: []string{"--format", "card", seed}, wantErr: "--json conflicts with --format card"},
		{name: "unknown format", args: []string{"--format", "xml", seed}, wantErr: `unknown --format "xml"`},
		{name: "unknown input kind", args: []string{"--input", "pdf", seed}, wantErr: `--input: unknown input format "pdf"`},
		{name: "zero workers", args: []string{"--workers", "0", seed}, wantErr: "--workers 0: want at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"read", "--json"}, tt.args...)
			out, stderr, err := run(t, tt.stdin, args...)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("unexpected error: %v\nstderr: %s", err, stderr)
			}
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("want error containing %q, got success\nstdout: %s", tt.wantErr, out)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("error is not one line: %q", err)
				}
			}
			// Every error shows exactly once: earlier ones on stderr, the last from main.
			wantStderr := tt.stderr
			if err != nil {
				wantStderr += "sitrep: " + err.Error() + "\n"
			}
			if stderr != wantStderr {
				t.Errorf("stderr = %q, want %q", stderr, wantStderr)
			}
			reps := decodeLines(t, out)
			if tt.wantIDs != nil {
				if got := ids(reps); strings.Join(got, ",") != strings.Join(tt.wantIDs, ",") {
					t.Errorf("ids = %v, want %v", got, tt.wantIDs)
				}
			} else if len(reps) != tt.wantN {
				t.Errorf("got %d reports, want %d\n%s", len(reps), tt.wantN, out)
			}
		})
	}
}

// TestReadJSONContract checks every line of --json output against the keys OUTPUT.md
// promises, with lists as [] rather than null.
func TestReadJSONContract(t *testing.T) {
	out, stderr, err := run(t, "", "read", "--json", "--published", "2024-03-23",
		filepath.Join("testdata", "seed.txt"), filepath.Join("testdata", "page.html"), filepath.Join("testdata", "three.jsonl"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%s", len(lines), out)
	}
	for i, line := range lines {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		for _, key := range []string{"id", "title", "source", "url", "published", "text", "incidents", "statements", "flags"} {
			if _, ok := m[key]; !ok {
				t.Errorf("line %d lacks key %q", i+1, key)
			}
		}
		for _, key := range []string{"incidents", "statements", "flags"} {
			if v := string(m[key]); !strings.HasPrefix(v, "[") {
				t.Errorf("line %d: %s = %s, want a list", i+1, key, v)
			}
		}
		var r report.Report
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if r.ID == "" || r.Text == "" {
			t.Errorf("line %d: empty id or text", i+1)
		}
	}
	reps := decodeLines(t, out)
	// --published fills in only what the input lacks.
	wantPublished := []string{"2024-03-23", "2023-05-04T08:15:00Z", "2022-09-12", "2024-03-23", "2024-03-23"}
	for i, r := range reps {
		got := ""
		if r.Published != nil {
			got = *r.Published
		}
		if got != wantPublished[i] {
			t.Errorf("report %d (%s): published = %q, want %q", i, r.ID, got, wantPublished[i])
		}
	}
	if p := reps[1]; p.Title == nil || !strings.Contains(*p.Title, "Kirkuk") || strings.Contains(p.Text, "Privacy") {
		t.Errorf("html: title %v, text %q: want the page title and no footer", p.Title, p.Text)
	}
	if r := reps[2]; r.Source == nil || *r.Source != "Wire" || r.Title == nil || *r.Title != "Bus attack" {
		t.Errorf("jsonl metadata lost: %+v", r)
	}
}

// TestReadOrder checks that many documents come out in input order whatever the number
// of workers, JSON Lines and plain files mixed.
func TestReadOrder(t *testing.T) {
	var b strings.Builder
	var want []string
	for i := range 150 {
		id := fmt.Sprintf("doc-%03d", i)
		want = append(want, id)
		// Texts of very different lengths, so that workers finish out of order.
		fmt.Fprintf(&b, "{\"id\":%q,\"text\":%q}\n", id, strings.Repeat("Gunmen killed 3 people in the market. ", 1+(i*37)%40))
	}
	big := writeFile(t, "big.jsonl", []byte(b.String()))
	for _, workers := range []string{"1", "4", "16"} {
		t.Run("workers="+workers, func(t *testing.T) {
			out, stderr, err := run(t, "", "read", "--json", "--workers", workers, big, filepath.Join("testdata", "three.jsonl"), big)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			all := append(append(append([]string{}, want...), "rep-1", "rep-2", "rep-3"), want...)
			if got := ids(decodeLines(t, out)); strings.Join(got, ",") != strings.Join(all, ",") {
				t.Errorf("order not kept with --workers %s: got %d ids, first %v", workers, len(got), got[:min(5, len(got))])
			}
		})
	}
}

// TestReadCard checks the default output: a card per report, without colour when stdout
// is not a terminal.
func TestReadCard(t *testing.T) {
	for _, args := range [][]string{
		{"read", "--published", "2024-03-23"},
		{"read", "--no-color", "--format", "card", "--published", "2024-03-23"},
	} {
		args = append(args, filepath.Join("testdata", "seed.txt"), filepath.Join("testdata", "three.jsonl"))
		out, stderr, err := run(t, "", args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		if n := strings.Count(out, "■ "); n != 4 {
			t.Errorf("%v: %d cards, want 4:\n%s", args, n, out)
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("%v: colour escape in output to a buffer", args)
		}
		for _, want := range []string{"published 2024-03-23", "■ Bus attack", "rep-1 · Wire · published 2022-09-12"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: card lacks %q:\n%s", args, want, out)
			}
		}
	}
}

// TestReadMUC4 checks the muc4 wiring with a stand-in extractor, including that a panic
// on one document becomes an error naming it while the others are still printed.
func TestReadMUC4(t *testing.T) {
	saved := muc4Extract
	t.Cleanup(func() { muc4Extract = saved })
	muc4Extract = func(doc report.Document) []muc4.Template {
		switch doc.ID {
		case "rep-2":
			panic("boom")
		case "rep-3":
			return nil
		}
		return []muc4.Template{{Template: 1, IncidentType: []muc4.Fill{{Value: []string{"ATTACK"}}}}}
	}
	three := filepath.Join("testdata", "three.jsonl")
	out, stderr, err := run(t, "", "read", "--format", "muc4", three)
	if err == nil || !strings.Contains(err.Error(), "read "+three+": document rep-2: internal error: boom") {
		t.Errorf("error = %v, want the panic reported with file and document", err)
	}
	var docs []muc4.Doc
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d muc4.Doc
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		docs = append(docs, d)
	}
	if len(docs) != 2 || docs[0].ID != "rep-1" || len(docs[0].Templates) != 1 || docs[1].ID != "rep-3" {
		t.Errorf("docs = %+v\nstderr: %s", docs, stderr)
	}
	if !strings.Contains(out, `{"id":"rep-3","templates":[]}`) {
		t.Errorf("no templates should print as [], got:\n%s", out)
	}

	muc4Extract = nil
	if _, _, err := run(t, "", "read", "--format", "muc4", three); err == nil || !strings.Contains(err.Error(), "not available") {
		t.Errorf("without an extractor: error = %v, want not available", err)
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("broken pipe")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestReadWriteError checks that a failing stdout stops the run with an error instead of
// hanging, however much input is left.
func TestReadWriteError(t *testing.T) {
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "{\"id\":\"d%d\",\"text\":\"A bomb went off.\"}\n", i)
	}
	root := newRootCmd()
	root.SetOut(&failWriter{n: 1000})
	root.SetErr(&bytes.Buffer{})
	root.SetIn(strings.NewReader(b.String()))
	root.SetArgs([]string{"read", "--json", "--workers", "3"})
	err := root.Execute()
	if err == nil || !strings.Contains(err.Error(), "write output: broken pipe") {
		t.Errorf("error = %v, want write output: broken pipe", err)
	}
}

func TestParsePublished(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2024-03-23", "2024-03-23", true},
		{" 2024-03-23 ", "2024-03-23", true},
		{"2024-03-23T09:30:00Z", "2024-03-23T09:30:00Z", true},
		{"2024-03-23T09:30:00+03:00", "2024-03-23T09:30:00+03:00", true},
		{"2024-03-23T09:30:00.5Z", "2024-03-23T09:30:00.5Z", true},
		{"2024-02-30", "", false},
		{"23/03/2024", "", false},
		{"2024-03-23 09:30", "", false},
		{"yesterday", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := parsePublished(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parsePublished(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestReadSeedGolden runs the founding example through `read --json` and compares the
// record, pretty-printed, with testdata/seed.golden.json (go test -update rewrites it).
func TestReadSeedGolden(t *testing.T) {
	out, stderr, err := run(t, "", "read", "--json", "--published", "2024-03-23", filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var got bytes.Buffer
	if err := json.Indent(&got, bytes.TrimSpace([]byte(out)), "", "  "); err != nil {
		t.Fatalf("output is not one JSON value: %v\n%s", err, out)
	}
	got.WriteByte('\n')
	golden := filepath.Join("testdata", "seed.golden.json")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("read --json on seed.txt differs from %s at %s (go test ./cmd/sitrep -run SeedGolden -update accepts it)\n--- got\n%s",
			golden, firstDiff(got.Bytes(), want), got.Bytes())
	}
}

// firstDiff names the line of the first difference between a and b, with both lines.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, x, y)
		}
	}
	return "no line (lengths differ)"
}

func TestColorTerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	regular, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer regular.Close()
	for name, w := range map[string]interface{ Write([]byte) (int, error) }{
		"buffer": &bytes.Buffer{}, "dev null": devnull, "regular file": regular,
	} {
		if colorTerminal(w) {
			t.Errorf("%s: colorTerminal = true, want false", name)
		}
	}
}
