// Package extract is sitrep's extraction pipeline: a Document in, a report.Report with
// incidents, figures, perpetrators, statements and flags out, every value carrying the
// span of its evidence.
//
// The pipeline is a fixed list of named stages over one working document (see doc):
// segmentation, lexicon matching, attribution, figures, perpetrators, incident type and
// stage, date, location, weapons, targets and victims, flags. Stages are pure: no I/O, no
// clock, no globals beyond the read-only compiled lexicons, so any goroutine may run any
// document and the same input always gives the same output.
package extract

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// Extractor runs the pipeline. It is safe for concurrent use; build one and share it.
type Extractor struct {
	triggers, stages, casualty, cues, people, groups, geo, weapons *lexicon.Matcher
}

// Default returns the process-wide Extractor, built on first use. Building one compiles
// every lexicon (the gazetteer alone takes a good fraction of a second), so commands and
// servers share this one.
var Default = sync.OnceValues(New)

// New builds an Extractor, compiling the embedded lexicons.
func New() (*Extractor, error) {
	x := &Extractor{}
	for _, l := range []struct {
		m     **lexicon.Matcher
		names []string
	}{
		{&x.triggers, []string{"triggers"}},
		{&x.stages, []string{"stages"}},
		{&x.casualty, []string{"casualty"}},
		{&x.cues, []string{"cues"}},
		{&x.people, []string{"people"}},
		{&x.groups, []string{"groups", "countries"}},
		{&x.geo, []string{"countries", "places", "admin"}}, // a city wins over a province of the same name
		{&x.weapons, []string{"weapons"}},
	} {
		m, err := lexicon.Load(l.names...)
		if err != nil {
			return nil, fmt.Errorf("load lexicon %v: %w", l.names, err)
		}
		*l.m = m
	}
	return x, nil
}

// Extract reads one document. It never panics on any input and is deterministic: the same
// document always gives the same report.
func (x *Extractor) Extract(in report.Document) report.Report {
	r := report.Report{
		ID:        in.ID,
		Title:     report.Str(in.Title),
		Source:    report.Str(in.Source),
		URL:       report.Str(in.URL),
		Published: report.Str(in.Published),
		Text:      in.Text,
	}
	d := x.prepare(in)
	d.attribution()
	d.figuresStage()
	d.perpetrators()
	d.persons()
	if inc, ok := d.incident(); ok {
		r.Incidents = append(r.Incidents, inc)
	}
	d.flagsStage(&r)
	r.Statements = d.statements
	r.Flags = append(r.Flags, d.flags...)
	sort.SliceStable(r.Flags, func(i, j int) bool { return r.Flags[i].Span.Start < r.Flags[j].Span.Start })
	r.Normalize()
	return r
}

// prepare segments the text and runs every lexicon over it once.
func (x *Extractor) prepare(in report.Document) *doc {
	d := &doc{Doc: segment.New(in.Text), in: in, geoM: x.geo, groupM: x.groups}
	dl := in.Dateline
	if n := textDateline(in.Text); n > 0 {
		d.body = n
		if dl == "" {
			dl = in.Text[:n]
		}
	}
	d.anchor = parseAnchor(in.Published, dl)
	d.triggers = x.compound(d, x.triggers, x.triggers.Find(d.Doc), true)
	d.stages = x.stages.Find(d.Doc)
	d.casualty = x.casualty.Find(d.Doc)
	d.cues = x.cues.Find(d.Doc)
	d.people = x.people.Find(d.Doc)
	d.groups = x.groups.Find(d.Doc)
	d.geo = x.geo.Find(d.Doc)
	d.weapons = x.compound(d, x.weapons, x.weapons.Find(d.Doc), false)
	d.entity = make([]bool, len(d.Tokens))
	for _, ms := range [][]lexicon.Match{d.groups, d.geo} {
		for _, m := range ms {
			for k := m.Start; k < m.End; k++ {
				d.entity[k] = true
			}
		}
	}
	d.trigStart = startIndex(len(d.Tokens), d.triggers)
	d.casStart = startIndex(len(d.Tokens), d.casualty)
	d.casEnd = endIndex(len(d.Tokens), d.casualty)
	d.peopleStart = startIndex(len(d.Tokens), d.people)
	d.peopleStop = endIndex(len(d.Tokens), d.people)
	return d
}

func startIndex(n int, ms []lexicon.Match) []int32 {
	idx := make([]int32, n)
	for i, m := range ms {
		idx[m.Start] = int32(i + 1)
	}
	return idx
}

func endIndex(n int, ms []lexicon.Match) []int32 {
	idx := make([]int32, n)
	for i, m := range ms {
		idx[m.End-1] = int32(i + 1)
	}
	return idx
}

func (d *doc) casualtyAt(k int) (lexicon.Match, bool) {
	if k < 0 || k >= len(d.casStart) || d.casStart[k] == 0 {
		return lexicon.Match{}, false
	}
	return d.casualty[d.casStart[k]-1], true
}

func (d *doc) casualtyEndingAt(k int) (lexicon.Match, bool) {
	if k < 0 || k >= len(d.casEnd) || d.casEnd[k] == 0 {
		return lexicon.Match{}, false
	}
	return d.casualty[d.casEnd[k]-1], true
}

func (d *doc) peopleAt(k int) (lexicon.Match, bool) {
	if k < 0 || k >= len(d.peopleStart) || d.peopleStart[k] == 0 {
		return lexicon.Match{}, false
	}
	return d.people[d.peopleStart[k]-1], true
}

func (d *doc) peopleEndingAt(k int) (lexicon.Match, bool) {
	if k < 0 || k >= len(d.peopleStop) || d.peopleStop[k] == 0 {
		return lexicon.Match{}, false
	}
	return d.people[d.peopleStop[k]-1], true
}

// compound adds the matches hidden inside hyphenated compounds: "van-and-knife attack" is a
// van attack and a knife attack, "gun-and-bomb" names a gun and a bomb. With head, each part
// is read together with the next token ("knife attack"); without, each part alone.
func (x *Extractor) compound(d *doc, m *lexicon.Matcher, ms []lexicon.Match, head bool) []lexicon.Match {
	added := false
	covered := func(i int) bool {
		k := sort.Search(len(ms), func(j int) bool { return ms[j].End > i })
		return k < len(ms) && ms[k].Start <= i
	}
	for i, t := range d.Tokens {
		if !strings.Contains(t.Norm, "-") || strings.Count(t.Norm, "-") > 4 || covered(i) {
			continue
		}
		end := i + 1
		next := ""
		if head {
			if i+1 >= len(d.Tokens) {
				continue
			}
			next = " " + d.Tokens[i+1].Norm
			end = i + 2
		}
		for _, part := range strings.Split(t.Norm, "-") {
			if part == "" || part == "and" || part == "or" {
				continue
			}
			sub := segment.New(part + next)
			for _, sm := range m.Find(sub) {
				if sm.Start == 0 && sm.End == len(sub.Tokens) {
					ms = append(ms, lexicon.Match{Start: i, End: end, Entry: sm.Entry, Phrase: sm.Phrase})
					added = true
				}
			}
		}
	}
	if added {
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
	}
	return ms
}

func (d *doc) triggerAt(k int) bool {
	return k >= 0 && k < len(d.trigStart) && d.trigStart[k] != 0
}
