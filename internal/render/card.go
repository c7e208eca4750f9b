// Package render formats reports for people: the terminal card that `sitrep read` prints
// by default.
package render

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/report"
)

// Options control how a card looks. The zero value is plain text with the default quote
// length.
type Options struct {
	// Color turns on ANSI escape sequences. Set it only when writing to a terminal that
	// the user has not asked to keep colourless (--no-color, NO_COLOR).
	Color bool
	// QuoteLen is the longest evidence quote shown, in runes; longer ones are cut at a word
	// boundary and end in "…". Zero means 72.
	QuoteLen int
}

const defaultQuoteLen = 72

// ANSI styles used on the card.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// labelWidth is the width of the label column inside an incident.
const labelWidth = 13

// Card writes a compact, human-readable card for one report to w:
//
//   - a header with the title (or the id), then the id, source, publication date and URL;
//   - per incident: type and stage, when (the date and the words it was read from), where,
//     the figures (hedged as written: "at least 60", "10–15", "60 (of hospitalized)"; the
//     figure the record uses marked "best"; who gave it, or "unattributed"), the
//     perpetrators with their status and how the claim was made, weapons by category,
//     targets and victims;
//   - the statements (speaker, cue, short text) and the flags (message and evidence).
//
// Evidence is quoted short and followed by its line:column in the report text. Every
// string taken from the report is stripped of control characters before it is written,
// so input text cannot send escape sequences to the terminal.
func Card(w io.Writer, r report.Report, opts Options) error {
	if opts.QuoteLen <= 0 {
		opts.QuoteLen = defaultQuoteLen
	}
	bw := bufio.NewWriter(w)
	c := &card{w: bw, r: &r, opts: opts, lines: NewLines(r.Text)}
	c.header()
	if len(r.Incidents) == 0 {
		c.printf("\n  %s\n", c.style(ansiDim, "no incidents found"))
	}
	for i := range r.Incidents {
		c.incident(i+1, len(r.Incidents), &r.Incidents[i])
	}
	c.statements()
	c.flags()
	return bw.Flush()
}

type card struct {
	w     *bufio.Writer
	r     *report.Report
	opts  Options
	lines *Lines
}

func (c *card) printf(format string, args ...any) { fmt.Fprintf(c.w, format, args...) }

// style wraps s in an ANSI style when colour is on.
func (c *card) style(code, s string) string {
	if !c.opts.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (c *card) header() {
	r := c.r
	title := clean(deref(r.Title))
	var meta []string
	if title == "" {
		title = clean(r.ID)
	} else {
		meta = append(meta, clean(r.ID))
	}
	c.printf("%s %s\n", c.style(ansiBold, "■"), c.style(ansiBold, title))
	if r.Source != nil {
		meta = append(meta, clean(*r.Source))
	}
	if r.Published != nil {
		meta = append(meta, "published "+clean(*r.Published))
	} else {
		meta = append(meta, "publication date unknown")
	}
	c.printf("  %s\n", c.style(ansiDim, strings.Join(meta, " · ")))
	if r.URL != nil {
		c.printf("  %s\n", c.style(ansiDim, clean(*r.URL)))
	}
}

// row writes one labelled line of an incident; an empty label continues the previous one.
func (c *card) row(label, body string) { c.styledRow(ansiCyan, label, body) }

// styledRow is row with the label in the given style.
func (c *card) styledRow(code, label, body string) {
	pad := strings.Repeat(" ", max(1, labelWidth-utf8.RuneCountInString(label)))
	c.printf("    %s%s%s\n", c.style(code, label), pad, strings.TrimRight(body, " "))
}

func (c *card) incident(n, total int, in *report.Incident) {
	head := words(string(in.Type))
	if in.Type == "" {
		head = "incident"
	}
	if in.Stage != "" {
		head += ", " + words(string(in.Stage))
	}
	num := ""
	if total > 1 {
		num = fmt.Sprintf("Incident %d of %d: ", n, total)
	}
	c.printf("\n  %s\n", c.style(ansiBold, num+head))

	if d := in.Date; d != nil {
		v := "date unknown"
		if d.Value != nil {
			v = clean(*d.Value)
		}
		c.row("when", v+"  "+c.evidence(d.Span, d.Text))
	} else {
		c.row("when", c.style(ansiDim, "not stated"))
	}
	if l := in.Location; l != nil {
		var parts []string
		for _, p := range []*string{l.Place, l.City, l.Admin, l.Country} {
			// "Moscow, Moscow": a city named like its region is said once
			if s := clean(deref(p)); s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		where := strings.Join(parts, ", ")
		if where == "" {
			where = "place unknown"
		}
		c.row("where", where+"  "+c.evidence(l.Span, ""))
	} else {
		c.row("where", c.style(ansiDim, "not stated"))
	}
	c.figures(in.Figures)
	c.perpetrators(in.Perpetrators)
	c.weapons(in.Weapons)
	if len(in.Targets) > 0 {
		var ts []string
		for _, t := range in.Targets {
			s := clean(t.Text)
			if k := clean(t.Kind); k != "" {
				s += " (" + k + ")"
			}
			ts = appendUnique(ts, s)
		}
		c.row("targets", strings.Join(ts, "; "))
	}
	if len(in.Victims) > 0 {
		var vs []string
		for _, v := range in.Victims {
			vs = appendUnique(vs, clean(v.Text))
		}
		c.row("victims", strings.Join(vs, "; "))
	}
}

// figures writes one line per figure, grouped by category in report.Categories order,
// the best figure of each category first, otherwise in the order the report gives them.
func (c *card) figures(figs []report.Figure) {
	if len(figs) == 0 {
		c.row("figures", c.style(ansiDim, "none stated"))
		return
	}
	order := slices.Clone(figs)
	slices.SortStableFunc(order, func(a, b report.Figure) int {
		if d := categoryRank(a.Category) - categoryRank(b.Category); d != 0 {
			return d
		}
		switch {
		case a.Best && !b.Best:
			return -1
		case b.Best && !a.Best:
			return 1
		}
		return 0
	})
	for _, f := range order {
		value := FigureValue(f)
		if f.SubsetOf != nil {
			value += " (of " + clean(string(*f.SubsetOf)) + ")"
		}
		if f.Best {
			value += " " + c.style(ansiBold, "best")
		}
		if f.DerivedFrom != nil {
			value += " (from " + clean(string(*f.DerivedFrom)) + ")"
		}
		if f.Context != "" {
			value += " (" + words(clean(string(f.Context))) + ")"
		}
		src := "unattributed"
		if f.Source != nil {
			src = "per " + clean(*f.Source)
		}
		code := ansiCyan
		if f.Category == report.Killed {
			code = ansiRed
		}
		c.styledRow(code, words(string(f.Category)), value+" — "+src+"  "+c.evidence(f.Span, ""))
	}
}

func categoryRank(cat report.Category) int {
	if i := slices.Index(report.Categories, cat); i >= 0 {
		return i
	}
	return len(report.Categories)
}

// FigureValue spells a figure's value with its hedge as a reader would say it:
// "145", "at least 60", "more than 70", "about 100", "up to 20", "10–15".
func FigureValue(f report.Figure) string {
	v := strconv.Itoa(f.Value)
	switch f.Qualifier {
	case report.AtLeast:
		return "at least " + v
	case report.MoreThan:
		return "more than " + v
	case report.About:
		return "about " + v
	case report.UpTo:
		if f.Max != nil {
			v = strconv.Itoa(*f.Max)
		}
		return "up to " + v
	case report.Range:
		lo, hi := f.Value, "?"
		if f.Min != nil {
			lo = *f.Min
		}
		if f.Max != nil {
			hi = strconv.Itoa(*f.Max)
		}
		return strconv.Itoa(lo) + "–" + hi
	}
	return v
}

// perpetrators writes "Islamic State ("ISIS") — claimed via Amaq news agency on
// Telegram" and "Ukraine — denied", one per line.
func (c *card) perpetrators(ps []report.Perpetrator) {
	for i, p := range ps {
		label := ""
		if i == 0 {
			label = "perpetrators"
		}
		c.row(label, c.perpetrator(&p)+"  "+c.evidence(p.Span, ""))
	}
}

func (c *card) perpetrator(p *report.Perpetrator) string {
	name := clean(p.Name)
	if name == "" {
		name = clean(p.Mention)
	}
	if m := clean(p.Mention); m != "" && !strings.EqualFold(m, name) {
		name += " (“" + m + "”)"
	}
	status := words(string(p.Status))
	if status == "" {
		status = "linked"
	}
	s := name + " — " + c.statusStyle(p.Status, status)
	if p.Channel != nil {
		s += " via " + clean(*p.Channel)
	}
	if p.Source != nil {
		switch p.Status {
		case report.Accused, report.Suspected:
			s += " by " + clean(*p.Source)
		default:
			s += " (per " + clean(*p.Source) + ")"
		}
	}
	return s
}

func (c *card) statusStyle(st report.Status, s string) string {
	switch st {
	case report.Claimed, report.Convicted:
		return c.style(ansiBold, s)
	case report.Denied:
		return c.style(ansiYellow, s)
	}
	return s
}

// weapons writes "firearms: automatic weapons; incendiary: incendiary devices,
// incendiary bombs", categories in order of first mention, texts without repeats.
func (c *card) weapons(ws []report.Weapon) {
	if len(ws) == 0 {
		return
	}
	var cats []report.WeaponCategory
	byCat := map[report.WeaponCategory][]string{}
	for _, w := range ws {
		if _, ok := byCat[w.Category]; !ok {
			cats = append(cats, w.Category)
		}
		byCat[w.Category] = appendUnique(byCat[w.Category], clean(w.Text))
	}
	var parts []string
	for _, cat := range cats {
		name := words(string(cat))
		if name == "" {
			name = "other"
		}
		if texts := byCat[cat]; len(texts) > 0 && texts[0] != "" {
			name += ": " + strings.Join(texts, ", ")
		}
		parts = append(parts, name)
	}
	c.row("weapons", strings.Join(parts, "; "))
}

func (c *card) statements() {
	if len(c.r.Statements) == 0 {
		return
	}
	c.printf("\n  %s\n", c.style(ansiBold, fmt.Sprintf("Statements (%d)", len(c.r.Statements))))
	for _, s := range c.r.Statements {
		speaker := clean(s.Speaker)
		if speaker == "" {
			speaker = "unnamed"
		}
		text := c.shorten(clean(s.Text))
		if s.Quoted {
			text = "“" + text + "”"
		}
		// "Speaker cue: text", except "according to Speaker: text".
		who := c.style(ansiCyan, speaker)
		if cue := clean(s.Cue); strings.HasPrefix(strings.ToLower(cue), "according to") {
			who = "according to " + who
		} else if cue != "" {
			who += " " + cue
		}
		line := fmt.Sprintf("    %s: %s  %s", who, text, c.pos(s.Span))
		c.printf("%s\n", strings.TrimRight(line, " "))
	}
}

func (c *card) flags() {
	if len(c.r.Flags) == 0 {
		return
	}
	c.printf("\n  %s\n", c.style(ansiBold, fmt.Sprintf("Flags (%d)", len(c.r.Flags))))
	for _, f := range c.r.Flags {
		c.printf("    %s %s: %s\n", c.style(ansiYellow, "!"), c.style(ansiYellow, clean(string(f.Kind))), clean(f.Message))
		if ev := c.evidence(f.Span, ""); ev != "" {
			c.printf("      %s\n", ev)
		}
	}
}

// evidence quotes the text under span (or fallback when the span is empty or does not
// fit the text) shortened, followed by its line:column.
func (c *card) evidence(sp report.Span, fallback string) string {
	q := clean(sp.Of(c.r.Text))
	if q == "" {
		q = clean(fallback)
	}
	if q == "" {
		return c.pos(sp)
	}
	return c.style(ansiDim, "“"+c.shorten(q)+"”") + " " + c.pos(sp)
}

// pos is "@line:col" of the span's start, or "" when the span does not fit the text.
func (c *card) pos(sp report.Span) string {
	if sp.Start < 0 || sp.End > len(c.r.Text) || sp.Start > sp.End || (sp.Start == 0 && sp.End == 0) {
		return ""
	}
	line, col := c.lines.Position(sp.Start)
	return c.style(ansiDim, fmt.Sprintf("@%d:%d", line, col))
}

// shorten cuts s to the quote length, ending in "…", at a word boundary when there is
// one in the last third.
func (c *card) shorten(s string) string {
	n := c.opts.QuoteLen
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := len(r)
	for i := len(r) - 1; i > len(r)*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:") + "…"
}

// clean makes s safe and compact for one line of a terminal: every run of white space
// and control characters (including ESC) becomes one space, invalid UTF-8 becomes
// U+FFFD, and the ends are trimmed.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if unicode.Is(unicode.Cf, r) { // bidi overrides and other invisible formatting
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// words turns an enum value into words: "armed_assault" → "armed assault".
func words(s string) string { return strings.ReplaceAll(clean(s), "_", " ") }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// appendUnique appends s unless it is empty or already present (ignoring case).
func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}
