package render

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// spanOf finds the n-th (0-based) occurrence of quote in text and returns its span; it
// fails the test when there is none, so the fixtures cannot drift from the text.
func spanOf(t *testing.T, text, quote string, n int) report.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], quote)
		if j < 0 {
			t.Fatalf("quote %q (occurrence %d) not in text", quote, n)
		}
		if i == n {
			return report.Span{Start: off + j, End: off + j + len(quote)}
		}
		off += j + len(quote)
	}
}

func cat(c report.Category) *report.Category { return &c }

// crocus is the founding example as a careful analyst would record it, built by hand.
func crocus(t *testing.T) report.Report {
	data, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	sp := func(q string) report.Span { return spanOf(t, text, q, 0) }
	return report.Report{
		ID:        "sha256:8450b356199d244b",
		Title:     report.Str("Islamic State claims attack on Crocus City Hall"),
		Source:    report.Str("Business Times"),
		Published: report.Str("2024-03-23"),
		Text:      text,
		Incidents: []report.Incident{{
			Type:  report.TypeArmedAssault,
			Stage: report.StageAccomplished,
			Date:  &report.Date{Value: report.Str("2024-03-22"), Text: "on Friday", Span: sp("on Friday")},
			Location: &report.Location{
				Place: report.Str("Crocus City Hall"), Admin: report.Str("Moscow Oblast"), Country: report.Str("Russia"),
				Span: sp("Crocus City Hall concert venue near Moscow"),
			},
			Figures: []report.Figure{
				{Category: report.Hospitalized, Value: 145, Qualifier: report.Exact, Best: true, Span: sp("145 hospitalized")},
				{Category: report.Killed, Value: 60, Min: report.Int(60), Qualifier: report.AtLeast, Best: true, Span: sp("at least 60 people dead")},
				{Category: report.Hospitalized, Value: 145, Qualifier: report.Exact, Source: report.Str("Andrey Vorobyov"), Span: spanOf(t, text, "145 people hospitalized", 0)},
				{Category: report.Critical, Value: 60, Qualifier: report.Exact, SubsetOf: cat(report.Hospitalized), Best: true, Source: report.Str("Andrey Vorobyov"), Span: sp("60 of whom are in serious condition")},
				{Category: report.Evacuated, Value: 100, Min: report.Int(90), Max: report.Int(110), Qualifier: report.About, Best: true, Span: sp("evacuated around 100 people")},
			},
			Perpetrators: []report.Perpetrator{
				{Name: "Islamic State", Mention: "ISIS", Kind: report.KindOrganization, Status: report.Claimed, Channel: report.Str("Amaq news agency on Telegram"), Span: sp("ISIS claimed responsibility")},
				{Name: "Ukraine", Mention: "Ukraine", Kind: report.KindState, Status: report.Denied, Span: sp("Ukraine, which has been at war")},
			},
			Targets: []report.Target{
				{Text: "Crocus City Hall concert venue", Kind: "venue", Span: sp("Crocus City Hall concert venue")},
				{Text: "shopping center", Kind: "commercial", Span: sp("shopping center")},
			},
			Victims: []report.Victim{{Text: "concertgoers", Span: sp("concertgoers")}},
			Weapons: []report.Weapon{
				{Category: report.WeaponFirearms, Text: "automatic weapons", Span: sp("automatic weapons")},
				{Category: report.WeaponIncendiary, Text: "incendiary devices", Span: sp("incendiary devices")},
				{Category: report.WeaponExplosives, Text: "grenades", Span: sp("grenades")},
				{Category: report.WeaponIncendiary, Text: "incendiary bombs", Span: sp("incendiary bombs")},
				{Category: report.WeaponIncendiary, Text: "Incendiary Devices", Span: sp("incendiary devices")},
			},
		}},
		Statements: []report.Statement{
			{Speaker: "Russia Prosecutor General's Office", Cue: "stated", Quoted: true,
				Text: "Unidentified people in camouflage broke into Crocus City Hall and started shooting before the start of the concert.",
				Span: sp("\"Unidentified people in camouflage broke into Crocus City Hall and started shooting before the start of the concert.\"")},
			{Speaker: "Andrey Vorobyov", Cue: "said", Text: "everything was being done to save people in the aftermath of the attack", Span: sp("everything was being done to save people in the aftermath of the attack")},
			{Speaker: "Sergei Sobyanin", Cue: "called", Quoted: true, Text: "terrible tragedy", Span: sp("terrible tragedy")},
		},
		Flags: []report.Flag{
			{Kind: report.FlagUnsupportedVerification, Message: "The outlet says it verified the claim but names no evidence or accountable source.",
				Span: sp("Business Times has been able to verify the claim made by ISIS.")},
			{Kind: report.FlagUnsourcedClaim, Message: "The death toll is stated as fact with no source.", Span: sp("at least 60 people dead")},
		},
	}
}

// hostile is a report with everything a card must survive: escape sequences and control
// characters in every string, spans outside the text, unknown enum values, two incidents,
// a range and an "up to" figure, no date value, empty location.
func hostile() report.Report {
	text := "Line one.\nZweite Zeile: über 10 bis 15 Tote.\n\x1b[31mred\x1b[0m up to 20 missing."
	i := strings.Index(text, "10 bis 15")
	j := strings.Index(text, "up to 20 missing")
	return report.Report{
		ID:    "doc\x1b[2J-1",
		Title: report.Str("  Evil\x1b]0;pwned\x07 title\n\twith\u202e tabs  "),
		URL:   report.Str("https://example.org/a?b=c"),
		Text:  text,
		Incidents: []report.Incident{
			{
				Type:     report.TypeBombing,
				Stage:    report.StageAttempted,
				Date:     &report.Date{Text: "last week", Span: report.Span{Start: 500, End: 510}},
				Location: &report.Location{Span: report.Span{Start: 3, End: 1}},
				Figures: []report.Figure{
					{Category: report.Killed, Value: 10, Min: report.Int(10), Max: report.Int(15), Qualifier: report.Range, Source: report.Str("die\x1b[1m Polizei"), Span: report.Span{Start: i, End: i + len("10 bis 15")}},
					{Category: report.Missing, Value: 20, Max: report.Int(20), Qualifier: report.UpTo, Span: report.Span{Start: j, End: j + len("up to 20 missing")}},
					{Category: "looted", Value: 3, Qualifier: report.MoreThan},
				},
				Perpetrators: []report.Perpetrator{
					{Name: "", Mention: "gunmen", Kind: report.KindUnknown, Status: report.Suspected, Source: report.Str("police")},
					{Name: "John Doe", Mention: "Doe", Kind: report.KindPerson, Status: report.Accused, Source: report.Str("prosecutors")},
					{Name: "Some Front", Mention: "the Front", Kind: report.KindOrganization, Status: report.ReportedAsFact},
				},
				Weapons: []report.Weapon{{Category: "", Text: ""}, {Category: report.WeaponMelee, Text: "knife"}},
			},
			{Type: "", Stage: ""},
		},
		Statements: []report.Statement{
			{Speaker: "", Cue: "", Text: strings.Repeat("very long statement ", 10), Span: report.Span{Start: 0, End: 4}},
			{Speaker: "state media", Cue: "According to", Text: "Line one.", Span: report.Span{Start: 0, End: 9}},
		},
		Flags: []report.Flag{{Kind: report.FlagContradiction, Message: "Two death tolls\x1b[0m disagree.", Span: report.Span{Start: -1, End: 2}}},
	}
}

func TestCardGolden(t *testing.T) {
	tests := []struct {
		name string
		rep  report.Report
		opts Options
	}{
		{"crocus", crocus(t), Options{}},
		{"crocus_color", crocus(t), Options{Color: true}},
		{"crocus_short_quotes", crocus(t), Options{QuoteLen: 24}},
		{"empty", report.Report{ID: "sha256:0000000000000000", Text: "Nothing happened."}, Options{}},
		{"hostile", hostile(), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Card(&buf, tt.rep, tt.opts); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if !tt.opts.Color && bytes.Contains(got, []byte("\x1b")) {
				t.Errorf("card without colour contains an escape byte:\n%q", got)
			}
			golden := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("card differs from %s at %s (run go test -update to accept)\n--- got\n%s\n--- want\n%s", golden, firstDiff(got, want), got, want)
			}
		})
	}
}

// firstDiff names the line:col of the first byte where a and b differ.
func firstDiff(a, b []byte) string {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	line, col := NewLines(string(a)).Position(i)
	return fmt.Sprintf("line %d col %d", line, col)
}

// TestCardContents checks, independently of the golden files, the wording the card
// promises for the founding example.
func TestCardContents(t *testing.T) {
	var buf bytes.Buffer
	if err := Card(&buf, crocus(t), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Islamic State claims attack on Crocus City Hall",
		"published 2024-03-23",
		"armed assault, accomplished",
		"2024-03-22  “on Friday”",
		"Crocus City Hall, Moscow Oblast, Russia",
		"at least 60 best — unattributed",
		"60 (of hospitalized) best — per Andrey Vorobyov",
		"about 100 best",
		"Islamic State (“ISIS”) — claimed via Amaq news agency on Telegram",
		"Ukraine — denied",
		"firearms: automatic weapons; incendiary: incendiary devices, incendiary bombs; explosives: grenades",
		"unsupported_verification: The outlet says it verified",
		"“Business Times has been able to verify the claim made by ISIS.” @9:1",
		"Sergei Sobyanin called: “terrible tragedy”",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("card lacks %q\n%s", want, out)
		}
	}
	// The killed figure comes first although the report lists hospitalized first.
	if k, h := strings.Index(out, "killed"), strings.Index(out, "hospitalized "); k < 0 || h < 0 || k > h {
		t.Errorf("killed should be listed before hospitalized:\n%s", out)
	}
}

func TestFigureValue(t *testing.T) {
	tests := []struct {
		name string
		f    report.Figure
		want string
	}{
		{"exact", report.Figure{Value: 145, Qualifier: report.Exact}, "145"},
		{"empty qualifier", report.Figure{Value: 7}, "7"},
		{"at least", report.Figure{Value: 60, Min: report.Int(60), Qualifier: report.AtLeast}, "at least 60"},
		{"more than", report.Figure{Value: 70, Qualifier: report.MoreThan}, "more than 70"},
		{"about", report.Figure{Value: 100, Qualifier: report.About}, "about 100"},
		{"up to with max", report.Figure{Value: 0, Max: report.Int(20), Qualifier: report.UpTo}, "up to 20"},
		{"up to without max", report.Figure{Value: 20, Qualifier: report.UpTo}, "up to 20"},
		{"range", report.Figure{Value: 10, Min: report.Int(10), Max: report.Int(15), Qualifier: report.Range}, "10–15"},
		{"range open", report.Figure{Value: 20, Qualifier: report.Range}, "20–?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FigureValue(tt.f); got != tt.want {
				t.Errorf("FigureValue = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinesPosition(t *testing.T) {
	text := "ab\nüber x\n\nz"
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{1, 1, 2},
		{2, 1, 3}, // the newline itself belongs to line 1
		{3, 2, 1},
		{5, 2, 2}, // after "ü", two bytes, one rune
		{8, 2, 5},
		{10, 2, 7},
		{11, 3, 1},
		{12, 4, 1},
		{13, 4, 2}, // end of text
		{-5, 1, 1},
		{99, 4, 2},
	}
	l := NewLines(text)
	for _, tt := range tests {
		if line, col := l.Position(tt.off); line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"  two\n\tlines  ", "two lines"},
		{"no\u00a0break", "no break"},
		{"\x1b[31mred\x1b[0m", "[31mred [0m"},
		{"bidi\u202eoverride", "bidioverride"},
		{"bad\xffutf8", "bad\ufffdutf8"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCard checks that any report, with any strings and any spans, renders without
// panicking into valid UTF-8 with no escape byte when colour is off.
func FuzzCard(f *testing.F) {
	f.Add("Gunmen killed at least 60 people.\nPolice said.", 7, 14, 33, 45, "ISIS", 24)
	f.Add("", -1, 1<<30, 0, 0, "\x1b]0;x\x07", 1)
	f.Add("über\xff\n\n", 2, 1, 5, 6, "\u202e", 0)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int, s string, quoteLen int) {
		sa, sb := report.Span{Start: a, End: b}, report.Span{Start: c, End: d}
		r := report.Report{
			ID: s, Title: &s, Source: &s, URL: &s, Published: &s, Text: text,
			Incidents: []report.Incident{{
				Type: report.IncidentType(s), Stage: report.Stage(s),
				Date:     &report.Date{Value: &s, Text: s, Span: sa},
				Location: &report.Location{Place: &s, Country: &s, Span: sb},
				Figures: []report.Figure{
					{Category: report.Category(s), Value: a, Min: &b, Max: &c, Qualifier: report.Range, SubsetOf: cat(report.Category(s)), Source: &s, Span: sa},
					{Category: report.Killed, Value: d, Qualifier: report.Qualifier(s), Best: true, Span: sb},
				},
				Perpetrators: []report.Perpetrator{{Name: s, Mention: text, Status: report.Status(s), Channel: &s, Source: &s, Span: sb}},
				Targets:      []report.Target{{Text: s, Kind: s, Span: sa}},
				Victims:      []report.Victim{{Text: text, Span: sb}},
				Weapons:      []report.Weapon{{Category: report.WeaponCategory(s), Text: s, Span: sa}},
			}, {}},
			Statements: []report.Statement{{Speaker: s, Cue: s, Text: text, Quoted: a%2 == 0, Span: sa}},
			Flags:      []report.Flag{{Kind: report.FlagKind(s), Message: text, Span: sb}},
		}
		var buf bytes.Buffer
		if err := Card(&buf, r, Options{QuoteLen: quoteLen % 200}); err != nil {
			t.Fatal(err)
		}
		out := buf.Bytes()
		if bytes.IndexByte(out, 0x1b) >= 0 {
			t.Errorf("escape byte in colourless card:\n%q", out)
		}
		if !utf8.Valid(out) {
			t.Errorf("card is not valid UTF-8:\n%q", out)
		}
	})
}
