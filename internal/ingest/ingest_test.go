package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/report"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		head string
		want Kind
	}{
		{"a.txt", "<html>", KindText},
		{"a.TXT", "", KindText},
		{"notes.md", "# x", KindText},
		{"a.text", "{", KindText},
		{"page.html", "hello", KindHTML},
		{"page.HTM", "", KindHTML},
		{"docs.jsonl", "", KindJSONL},
		{"docs.ndjson", "", KindJSONL},
		{"docs.json", "", KindJSONL},
		{"feed.xml", "", KindFeed},
		{"feed.rss", "", KindFeed},
		{"feed.atom", "", KindFeed},
		{"-", `{"text":"x"}`, KindJSONL},
		{"-", "\uFEFF  \n{\"text\":\"x\"}", KindJSONL},
		{"-", `<?xml version="1.0"?><rss version="2.0">`, KindFeed},
		{"-", "<?xml version=\"1.0\"?>\n<!-- c -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", KindFeed},
		{"-", `<rss version="2.0"><channel>`, KindFeed},
		{"-", `<feed xmlns="http://www.w3.org/2005/Atom">`, KindFeed},
		{"-", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">`, KindFeed},
		{"-", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, KindHTML},
		{"-", `<?xml version="1.0"?><feedback>`, KindText},
		{"-", "<!DOCTYPE html>\n<html>", KindHTML},
		{"-", "  <HTML lang=en>", KindHTML},
		{"-", "<body>", KindHTML},
		{"-", "<p>Two killed.</p>", KindHTML},
		{"-", "<div class=x>", KindHTML},
		{"-", "<!-- saved page -->", KindHTML},
		{"-", "<pre>x</pre>", KindText},
		{"-", "<paragraph>", KindText},
		{"-", "LIMA, 10 JAN 90 -- A bomb exploded.", KindText},
		{"-", "", KindText},
		{"report", "[1,2]", KindText},
		{"archive.tar.gz", "\x1f\x8b", KindText},
	}
	for _, tt := range tests {
		if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"": KindAuto, "auto": KindAuto, "TEXT": KindText, " html ": KindHTML, "jsonl": KindJSONL, "feed": KindFeed} {
		got, err := ParseKind(in)
		if err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseKind("pdf"); err == nil {
		t.Error(`ParseKind("pdf"): no error`)
	}
}

func TestDocID(t *testing.T) {
	// sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
	if got, want := DocID("hello"), "sha256:2cf24dba5fb0a30e"; got != want {
		t.Errorf("DocID(hello) = %q, want %q", got, want)
	}
	if got := DocID(""); !strings.HasPrefix(got, "sha256:") || len(got) != len("sha256:")+16 {
		t.Errorf("DocID(\"\") = %q", got)
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\uFEFFwith bom", "with bom"},
		{"mid\uFEFFbom", "mid\uFEFFbom"},
		{"a\r\nb\r\n", "a\nb\n"},
		{"lone\rcr", "lone\rcr"},
		{"0\r\r\n1\r\n\r\n2\r", "0\n1\n\n2\r"},
		{"\r\n\r", "\n\r"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"bad\xff\xfe\xfdrun", "bad\uFFFDrun"},
		{"  keeps  spacing\t\n\n", "  keeps  spacing\t\n\n"},
		{"no\u00a0break", "no\u00a0break"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2024-03-23", "2024-03-23", true},
		{" 2024-03-23 ", "2024-03-23", true},
		{"2024-03-23T10:00:00Z", "2024-03-23T10:00:00Z", true},
		{"2024-03-23T10:00:00+03:00", "2024-03-23T10:00:00+03:00", true},
		{"2024-03-23T10:00:00.250-05:00", "2024-03-23T10:00:00.25-05:00", true},
		{"2024-03-23 10:00:00Z", "2024-03-23T10:00:00Z", true},
		{"2024-03-23T10:00+01:00", "2024-03-23T10:00:00+01:00", true},
		{"2024-03-23T10:00:00+0100", "2024-03-23T10:00:00+01:00", true},
		{"2024-03-23T10:00:00", "2024-03-23", true},
		{"2024-03-23 10:00", "2024-03-23", true},
		{"2024-02-30", "", false},
		{"23/03/2024", "", false},
		{"March 23, 2024", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := normalizeDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	web := []struct {
		in, want string
		ok       bool
	}{
		{"Tue, 14 May 2024 06:15:00 GMT", "2024-05-14T06:15:00Z", true},
		{"Mon, 13 May 2024 22:00:00 +0200", "2024-05-13T22:00:00+02:00", true},
		{"Mon, 13 May 2024 22:00:00 EST", "2024-05-13", true},
		{"Mon, 13 May 2024  22:00:00 UTC", "2024-05-13T22:00:00Z", true},
		{"2024-05-13", "2024-05-13", true},
		{"May 14, 2024", "2024-05-14", true},
		{"14 May 2024", "2024-05-14", true},
		{"Tuesday, May 14, 2024", "2024-05-14", true},
		{"2024/05/14", "2024-05-14", true},
		{"yesterday", "", false},
	}
	for _, tt := range web {
		got, ok := normalizeWebDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("normalizeWebDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReadText(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE, 'O', 0, 'K', 0, '\r', 0, '\n', 0, 0xE9, 0}
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{"plain", "LIMA, 10 JAN 90 -- A bomb exploded.\n", "LIMA, 10 JAN 90 -- A bomb exploded.\n", nil},
		{"bom and crlf", "\uFEFFline one\r\nline two\r\n", "line one\nline two\n", nil},
		{"invalid utf-8", "caf\xe9 bomb", "caf\uFFFD bomb", nil},
		{"leading space kept", "\n\n  Text\n", "\n\n  Text\n", nil},
		{"utf-16 with bom", string(utf16le), "OK\né", nil},
		{"empty", "", "", ErrEmpty},
		{"white space only", " \n\t\r\n", "", ErrEmpty},
		{"bom only", "\uFEFF", "", ErrEmpty},
		{"binary", "ELF\x00\x01\x02 some text", "", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Read(strings.NewReader(tt.in), "in.txt", KindText)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "read in.txt: ") {
					t.Errorf("error %q does not name the input", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			if docs[0].Text != tt.want {
				t.Errorf("Text = %q, want %q", docs[0].Text, tt.want)
			}
			if docs[0].ID != DocID(tt.want) {
				t.Errorf("ID = %q, want DocID(Text) = %q", docs[0].ID, DocID(tt.want))
			}
		})
	}
}

// TestReadTextLarge reads a 50 MB text built in memory.
func TestReadTextLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input; skipped in -short mode")
	}
	para := "A car bomb exploded near a crowded market on Tuesday, killing at least 12 people. — «Ünïcode»\r\n"
	n := 50_000_000/len(para) + 1
	in := strings.Repeat(para, n)
	docs, err := Read(strings.NewReader(in), "big.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents", len(docs))
	}
	wantLen := n * (len(para) - 1) // each \r\n became \n
	if got := len(docs[0].Text); got != wantLen {
		t.Errorf("len(Text) = %d, want %d", got, wantLen)
	}
	if !utf8.ValidString(docs[0].Text) {
		t.Error("Text is not valid UTF-8")
	}
}

func TestReadJSONL(t *testing.T) {
	docs, err := ReadFile("testdata/edge.jsonl", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []report.Document{
		{ID: "a1", Text: "First report.\nSecond line.", Title: "Title one", Source: "Wire", URL: "https://x.example/a", Published: "2024-03-23", Dateline: "MOSCOW, 23 MAR 24"},
		{ID: "wiki_7", Text: "Doc id only"},
		{ID: DocID("No id here"), Text: "No id here", Published: "2024-03-23T10:00:00+03:00"},
		{ID: "42", Text: "Numeric id", Published: "2024-03-23T10:00:00Z"},
		{ID: "fallback", Text: "Empty id falls back"},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents, want %d: %+v", len(docs), len(want), docs)
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("document %d:\n got %+v\nwant %+v", i, docs[i], want[i])
		}
	}
}

func TestReadJSONLErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "read x.jsonl: empty input"},
		{"blank lines only", "\n  \n\r\n", "read x.jsonl: empty input"},
		{"bad json", "{\"text\":\"a\"}\n\n{\"text\": \"b\",}\n", "read x.jsonl line 3: bad JSON"},
		{"missing text", "{\"text\":\"a\"}\n{\"id\":\"b\"}\n", `read x.jsonl line 2: no "text"`},
		{"null text", "{\"id\":\"b\",\"text\":null}\n", `read x.jsonl line 1: no "text"`},
		{"empty text", "{\"id\":\"b\",\"text\":\" \\n \"}\n", `read x.jsonl line 1: empty "text"`},
		{"text not a string", "{\"text\":12}\n", "read x.jsonl line 1: bad JSON"},
		{"array", "[{\"text\":\"a\"}]\n", "read x.jsonl line 1: want a JSON object"},
		{"trailing garbage", "{\"text\":\"a\"} x\n", "read x.jsonl line 1: bad JSON"},
		{"bad published", "{\"text\":\"a\",\"published\":\"last Tuesday\"}\n", `read x.jsonl line 1: published "last Tuesday": want YYYY-MM-DD or RFC 3339`},
		{"bad id", "{\"text\":\"a\",\"id\":{}}\n", "read x.jsonl line 1: bad JSON"},
		{"truncated", "{\"text\":\"a\"}\n{\"text\":\"b", "read x.jsonl line 2: bad JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), "x.jsonl", "")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestReadJSONLLongLines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds lines of tens of MB; skipped in -short mode")
	}
	long := strings.Repeat("word ", 4<<20) // 20 MiB of text on one line
	var in bytes.Buffer
	in.WriteString(`{"id":"short","text":"x"}` + "\n")
	b, _ := json.Marshal(map[string]any{"doc_id": "long", "text": long, "tokens": strings.Fields(long[:1000])})
	in.Write(b)
	in.WriteString("\n")
	var got []report.Document
	err := Stream(&in, "big.jsonl", "", func(d report.Document) error {
		got = append(got, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].ID != "long" || got[1].Text != long {
		t.Fatalf("got %d documents; second id %q", len(got), got[len(got)-1].ID)
	}

	tooLong := `{"text":"` + strings.Repeat("x", MaxLineBytes) + `"}`
	_, err = Read(strings.NewReader("{\"text\":\"a\"}\n"+tooLong+"\n"), "huge.jsonl", "")
	if err == nil || !strings.Contains(err.Error(), "read huge.jsonl line 2: line longer than 64 MiB") {
		t.Errorf("err = %v, want a line-too-long error for line 2", err)
	}
}

func TestStreamCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Stream(strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n"), "x.jsonl", "", func(report.Document) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if err != stop {
		t.Errorf("err = %v, want the callback's error unchanged", err)
	}
	if n != 2 {
		t.Errorf("callback ran %d times, want 2", n)
	}
}

func TestReadFileErrors(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "missing.txt"), "")
	if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "open ") {
		t.Errorf("missing file: err = %v", err)
	}
	_, err = Read(strings.NewReader("x"), "x", Kind("pdf"))
	if err == nil || !strings.Contains(err.Error(), `unknown input format "pdf"`) {
		t.Errorf("unknown kind: err = %v", err)
	}
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		file       string
		want       report.Document // ID and Text are checked separately
		contains   []string
		excludes   []string
		paragraphs int
	}{
		{
			file: "news.html",
			want: report.Document{
				Title:     "Car bomb kills 12 in market town",
				Source:    "The Daily Ledger",
				URL:       "https://ledger.example.com/world/2024/05/14/car-bomb-market",
				Published: "2024-05-14T09:32:00+03:00",
			},
			contains: []string{
				"A car bomb exploded near a crowded market in the town of Qasr al-Amir on Tuesday morning, killing at least 12 people",
				"“We heard a huge noise and then everything was dust,” said Hassan Darwish",
				"arrested two suspects.",
			},
			excludes:   []string{"Subscribe", "newsletter", "Related stories", "Privacy policy", "All rights reserved", "dataLayer", "Politics"},
			paragraphs: 5,
		},
		{
			file: "jsonld.html",
			want: report.Document{
				Title:     "Gunmen attack police checkpoint near border",
				Source:    "Northern Courier",
				Published: "2023-11-02",
			},
			contains:   []string{"Gunmen attacked a police checkpoint", "opened fire with automatic weapons"},
			excludes:   []string{"Home", "Contact us", "Copyright", "schema.org"},
			paragraphs: 3,
		},
		{
			file: "wire-story.html",
			want: report.Document{
				Title:     "Suicide bomber kills 9 at checkpoint",
				Source:    "Global Wire",
				URL:       "https://globalwire.example.com/news/2024/06/03/checkpoint-bombing.html",
				Published: "2024-06-03T14:20:00Z",
			},
			contains: []string{
				"KABUL, June 3 (Global Wire) - A suicide bomber blew himself up",
				"Another 14 people were wounded",
				"No group immediately claimed responsibility.",
			},
			excludes:   []string{"Advertisement", "Read more", "Attacks rise", "Most read", "cookies", "Share on", "Careers", "Search", "Editing by"},
			paragraphs: 4,
		},
		{
			file:       "latin1.html",
			want:       report.Document{Title: "Explosión"},
			contains:   []string{"Una explosión en la estación de Bogotá dejó cinco heridos", "mochila"},
			paragraphs: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs, err := ReadFile(filepath.Join("testdata", tt.file), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			d := docs[0]
			if d.ID != DocID(d.Text) {
				t.Errorf("ID = %q, want DocID(Text)", d.ID)
			}
			got := d
			got.ID, got.Text = "", ""
			if got != tt.want {
				t.Errorf("metadata:\n got %+v\nwant %+v", got, tt.want)
			}
			for _, s := range tt.contains {
				if !strings.Contains(d.Text, s) {
					t.Errorf("Text lacks %q:\n%s", s, d.Text)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(d.Text, s) {
					t.Errorf("Text has boilerplate %q:\n%s", s, d.Text)
				}
			}
			if n := len(strings.Split(d.Text, "\n\n")); n != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d:\n%s", n, tt.paragraphs, d.Text)
			}
			if strings.Contains(d.Text, "\n\n\n") || strings.TrimSpace(d.Text) != d.Text {
				t.Errorf("Text is not tidy: %q", d.Text)
			}
		})
	}
}

func TestReadHTMLMetadataFallbacks(t *testing.T) {
	body := "<p>" + strings.Repeat("Two people were killed in a shooting at a bus stop on Monday night, police said. ", 4) + "</p>"
	tests := []struct {
		name, head, body string
		want             report.Document
	}{
		{"time in article", "<title>T1</title>", "<article><time datetime=\"2024-01-02T03:04:05Z\">Jan 2</time>" + body + "</article>",
			report.Document{Title: "T1", Published: "2024-01-02T03:04:05Z"}},
		{"time pubdate wins over other time", "<title>T2</title>", "<time datetime=\"2020-01-01\">today</time><div><time pubdate datetime=\"2024-01-03\">x</time>" + body + "</div>",
			report.Document{Title: "T2", Published: "2024-01-03"}},
		{"itemprop", "<title>T3</title><meta itemprop=\"datePublished\" content=\"2024-01-04T10:00:00-05:00\">", body,
			report.Document{Title: "T3", Published: "2024-01-04T10:00:00-05:00"}},
		{"meta date name", "<title>T4</title><meta name=\"DC.date.issued\" content=\"2024-01-05\">", body,
			report.Document{Title: "T4", Published: "2024-01-05"}},
		{"bad dates dropped", "<title>T5</title><meta property=\"article:published_time\" content=\"soon\">", body,
			report.Document{Title: "T5"}},
		{"absolute canonical", "<title>T6</title><link rel=\"canonical\" href=\"https://news.example/a?b=1\"><meta property=\"og:site_name\" content=\" News  Example \">", body,
			report.Document{Title: "T6", URL: "https://news.example/a?b=1", Source: "News Example"}},
		{"relative canonical without base is dropped", "<title>T7</title><link rel=\"canonical\" href=\"/a\">", body,
			report.Document{Title: "T7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "<!doctype html><html><head>" + tt.head + "</head><body>" + tt.body + "</body></html>"
			docs, err := Read(strings.NewReader(in), "", KindHTML)
			if err != nil {
				t.Fatal(err)
			}
			got := docs[0]
			got.ID, got.Text = "", ""
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadHTMLErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrEmpty},
		{"blank", "  \n ", ErrEmpty},
		{"binary", "<html>\x00\x00\x00", ErrBinary},
		{"utf-16 without text", "\xff\xfe<\x00p\x00>\x00", ErrNoText},
		{"head only", "<html><head><title>x</title></head></html>", ErrNoText},
		{"empty body", "<html><body></body></html>", ErrNoText},
		{"script only", "<html><body><script>var x = 1;</script></body></html>", ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), "page.html", "")
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "read page.html: ") {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
}

func TestReadFeed(t *testing.T) {
	tests := []struct {
		file string
		want []report.Document
	}{
		{"rss.xml", []report.Document{
			{ID: "wire-2024-0001", Title: "Explosion at fuel depot kills four", Source: "Wire Service — World",
				URL: "https://wire.example.net/world/fuel-depot-explosion", Published: "2024-05-14T06:15:00Z",
				Text: "An explosion at a fuel depot on the outskirts of the capital killed four workers on Tuesday, the fire service said.\n\nThe cause was not yet known."},
			{ID: "https://wire.example.net/world/second", Title: "Second item & only a description", Source: "Wire Service — World",
				URL: "https://wire.example.net/world/second", Published: "2024-05-13T22:00:00+02:00",
				Text: "Police said two people were wounded in a shooting outside a nightclub early on Monday.\n\nA suspect was arrested at the scene."},
			{ID: DocID("Headline only, no link or guid"), Title: "Headline only, no link or guid", Source: "Wire Service — World",
				Text: "Headline only, no link or guid"},
		}},
		{"atom.xml", []report.Document{
			{ID: "tag:monitor.example.org,2024:ambush", Title: "Ambush on convoy leaves 7 soldiers dead", Source: "Regional Monitor",
				URL: "https://monitor.example.org/2024/05/ambush", Published: "2024-05-15T08:45:00+01:00",
				Text: "Seven soldiers were killed when insurgents ambushed a military convoy on a mountain road on Wednesday, the army said.\n\nFour more were wounded."},
			{ID: "tag:monitor.example.org,2024:updated-only", Title: "Updated only", Source: "Regional Monitor", Published: "2024-05-14",
				Text: "A grenade attack on a bus station wounded three people."},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs, err := ReadFile(filepath.Join("testdata", tt.file), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != len(tt.want) {
				t.Fatalf("got %d documents, want %d: %+v", len(docs), len(tt.want), docs)
			}
			for i := range docs {
				if docs[i] != tt.want[i] {
					t.Errorf("item %d:\n got %+v\nwant %+v", i, docs[i], tt.want[i])
				}
			}
		})
	}
}

func TestReadFeedErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "read f.xml: empty input"},
		{"not a feed", "<?xml version=\"1.0\"?><note>hi</note>", "read f.xml: parse feed"},
		{"broken xml", "<rss version=\"2.0\"><channel><item><title>x</ti", "read f.xml: parse feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), "f.xml", "")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %v, want prefix %q", err, tt.want)
			}
		})
	}
	docs, err := Read(strings.NewReader(`<rss version="2.0"><channel><title>Empty</title></channel></rss>`), "f.xml", "")
	if err != nil || len(docs) != 0 {
		t.Errorf("feed without items: %d documents, err %v; want none, no error", len(docs), err)
	}
}

// TestGolden reads every fixture in testdata and compares the documents with
// testdata/<file>.golden.json (go test -run Golden -update rewrites them).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		if fi, err := os.Stat(f); err != nil || fi.IsDir() {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			docs, err := ReadFile(f, "")
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(docs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := f + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output:\n%s", golden, got)
			}
		})
	}
}

// checkDocs checks the invariants every reader guarantees.
func checkDocs(t *testing.T, docs []report.Document) {
	t.Helper()
	for i, d := range docs {
		if d.ID == "" {
			t.Errorf("document %d has no ID", i)
		}
		if !utf8.ValidString(d.Text) {
			t.Errorf("document %d: Text is not valid UTF-8: %q", i, d.Text)
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("document %d: Text is empty", i)
		}
		if strings.Contains(d.Text, "\r\n") || strings.HasPrefix(d.Text, "\uFEFF") {
			t.Errorf("document %d: Text keeps CRLF or BOM: %q", i, d.Text)
		}
		for name, v := range map[string]string{"ID": d.ID, "Title": d.Title, "Source": d.Source, "URL": d.URL, "Published": d.Published, "Dateline": d.Dateline} {
			if !utf8.ValidString(v) {
				t.Errorf("document %d: %s is not valid UTF-8: %q", i, name, v)
			}
		}
		if d.Published != "" {
			if n, ok := normalizeDate(d.Published); !ok || n != d.Published {
				t.Errorf("document %d: Published %q is not YYYY-MM-DD or RFC 3339", i, d.Published)
			}
		}
	}
}

func TestReadHTMLUTF16(t *testing.T) {
	page := "<html><head><title>Explosión</title></head><body><p>Una explosión dejó cinco heridos en Bogotá, según la policía.</p></body></html>"
	var in bytes.Buffer
	in.Write([]byte{0xFF, 0xFE})
	for _, r := range page { // all runes are in the BMP
		in.Write([]byte{byte(r), byte(r >> 8)})
	}
	docs, err := Read(&in, "page.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Title != "Explosión" || docs[0].Text != "Una explosión dejó cinco heridos en Bogotá, según la policía." {
		t.Errorf("got %+v", docs[0])
	}
}
