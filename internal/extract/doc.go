package extract

import (
	"sort"
	"time"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// doc is the working state of one extraction: the segmented text, every lexicon match
// indexed by sentence, and the facts found so far. Stages read and add to it.
type doc struct {
	*segment.Doc
	in     report.Document
	geoM   *lexicon.Matcher // the gazetteer, for alternatives of ambiguous names
	groupM *lexicon.Matcher // groups and states, to look entries up by id
	anchor *time.Time
	body   int // byte offset where the body starts (after a title line or dateline)

	// lexicon matches, each in text order
	triggers, stages, casualty, cues, people, groups, geo, weapons []lexicon.Match

	entity []bool // per token: part of a named group, state or place

	// per token: 1 + index of the match that starts (or ends) there, 0 for none
	trigStart, casStart, casEnd, peopleStart, peopleStop []int32

	speakers     []*speaker   // the speaker a sentence attributes its content to, or nil
	sentSpeakers [][]*speaker // every speaker a sentence names, in cue order
	otherMemo    []int8       // per sentence: 0 not yet known, else notOther, cumulativeRef or otherAttackRef

	statements []report.Statement
	figures    []figure
	perps      []perp
	flags      []report.Flag
}

// speaker is who a sentence's content is attributed to.
type speaker struct {
	Name        string
	First       int // tokens of the speaker's name
	Last        int
	Cue         string
	CueTok      int
	Accountable bool // an official, agency, named person or institution: not the outlet itself
	Pronoun     bool
}

// figure is a candidate Figure with what the selection policy needs.
type figure struct {
	report.Figure
	sent          int
	attackers     bool   // counts the perpetrators ("three attackers were killed")
	role          string // what the counted people are: victim, security, militant, attacker, ""
	stale         bool
	withAttackers bool // a total that includes the attackers' dead
	single        bool // one person counted as "a soldier" or "him"   // an early estimate: "initial estimates of a death toll of 11"
	militant      bool // counts militants, who may be the attackers: used only when nothing else is counted
	other         bool // about another incident or a cumulative total
	update        bool // "rose to", "climbed to": a revised toll
	partial       bool // "including 3 children"
	numFirst      int
	numLast       int
}

// perp is a candidate Perpetrator.
type perp struct {
	report.Perpetrator
	entryID string
	sent    int
	rank    int
}

// span returns the byte span of tokens [first, last).
func (d *doc) span(first, last int) report.Span {
	if first >= last || first < 0 || last > len(d.Tokens) {
		return report.Span{}
	}
	return report.Span{Start: d.Tokens[first].Start, End: d.Tokens[last-1].End}
}

// text returns the text of tokens [first, last).
func (d *doc) text(first, last int) string {
	s := d.span(first, last)
	return d.Text[s.Start:s.End]
}

func (d *doc) norm(i int) string {
	if i < 0 || i >= len(d.Tokens) {
		return ""
	}
	return d.Tokens[i].Norm
}

// sentMatches returns the matches of ms that lie in sentence s.
func (d *doc) sentMatches(ms []lexicon.Match, s int) []lexicon.Match {
	se := d.Sentences[s]
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= se.First })
	hi := lo
	for hi < len(ms) && ms[hi].Start < se.Last {
		hi++
	}
	return ms[lo:hi]
}

// capWord reports whether token i is a capitalised word in a mixed-case text.
func (d *doc) capWord(i int) bool {
	if i < 0 || i >= len(d.Tokens) || d.AllCaps {
		return false
	}
	t := d.Tokens[i]
	return t.Kind == segment.Word && t.Cap
}

// groupByID returns the group entry with the given id, or nil.
func (d *doc) groupByID(id string) *lexicon.Entry {
	if id == "" {
		return nil
	}
	return d.groupM.ByID(id)
}
