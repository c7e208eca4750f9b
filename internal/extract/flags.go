package extract

import (
	"fmt"

	"github.com/sitrep/sitrep/internal/report"
)

// evidenceWords name the evidence behind a verification: a claim of verification that
// cites one of these is supported.
var evidenceWords = set(`footage video videos images image photos photographs satellite documents document
records record geolocated geolocation metadata forensic analysis examined examining comparing compared
reviewed cross-checked matched identified according`)

// flagsStage raises what a fact-checker would question:
//   - unsupported_verification: the outlet (or an unnamed party, or a passive "it was
//     confirmed") says something is verified and names no evidence and no accountable source;
//   - unconfirmed_claim: a responsibility claim that rests on the group's own word;
//   - contradiction: two figures for the same category of the main incident that cannot
//     both hold;
//   - unsourced_claim: a responsibility attribution or casualty figure stated as fact in a
//     report that names no source at all.
func (d *doc) flagsStage(r *report.Report) {
	for s := range d.Sentences {
		for _, c := range d.sentMatches(d.cues, s) {
			if c.Entry.Category != "verify" {
				continue
			}
			if d.verificationSupported(s, c.Start) {
				continue
			}
			se := d.Sentences[s]
			d.flags = append(d.flags, report.Flag{
				Kind:    report.FlagUnsupportedVerification,
				Message: "The report asserts verification (\"" + matchText(d, c) + "\") without naming evidence or an accountable source.",
				Span:    report.Span{Start: se.Start, End: trimEnd(d.Text, se.Start, se.End)},
			})
			break
		}
	}
	if len(r.Incidents) == 0 {
		return
	}
	inc := &r.Incidents[0]
	for _, p := range inc.Perpetrators {
		if p.Status == report.Claimed && !d.confirmedBySource(p.Name) {
			d.flags = append(d.flags, report.Flag{
				Kind:    "unconfirmed_claim",
				Message: fmt.Sprintf("The responsibility claim for %s is the group's own statement; nothing in the report confirms it independently.", p.Name),
				Span:    p.Span,
			})
		}
	}
	d.contradictions(inc)
	if len(d.statements) == 0 {
		for _, f := range inc.Figures {
			if f.Best && f.Category == report.Killed && f.Source == nil {
				d.flags = append(d.flags, report.Flag{
					Kind:    report.FlagUnsourcedClaim,
					Message: fmt.Sprintf("The death toll (%d) is stated as fact and the report names no source for anything.", f.Value),
					Span:    f.Span,
				})
			}
		}
		for _, p := range inc.Perpetrators {
			if p.Status == report.ReportedAsFact {
				d.flags = append(d.flags, report.Flag{
					Kind:    report.FlagUnsourcedClaim,
					Message: fmt.Sprintf("Responsibility is given to %s as fact and the report names no source.", p.Name),
					Span:    p.Span,
				})
			}
		}
	}
}

// verificationSupported reports whether the verification cue at token cue in sentence s is
// backed: an accountable speaker says it ("police confirmed 12 dead"), or evidence is named.
func (d *doc) verificationSupported(s, cue int) bool {
	se := d.Sentences[s]
	for k := se.First; k < se.Last; k++ {
		if evidenceWords[d.norm(k)] {
			return true
		}
	}
	sp := d.speakerBefore(cue, se.First)
	if sp == nil {
		// passive "it has been confirmed": unsupported unless an agent follows ("by police")
		for k := cue; k < se.Last; k++ {
			if d.norm(k) == "by" {
				if a := d.speakerAfter(k+1, se.Last); a != nil && a.Accountable {
					return true
				}
			}
		}
		// a speaker elsewhere in the sentence ("..., police said") backs it
		if x := d.speakers[s]; x != nil && x.Accountable {
			return true
		}
		return false
	}
	if sp.Pronoun {
		if sp.Name == "we" || sp.Name == "i" || sp.Name == "it" {
			return false
		}
		return true // "he confirmed": a person who can be held to it
	}
	if d.in.Source != "" && sp.Name == d.in.Source {
		return false
	}
	return sp.Accountable
}

// maxContradictionFigures bounds the pairwise comparison on very long reports: the
// figures that matter come first.
const maxContradictionFigures = 64

// contradictions flags two totals of one category, from two different sources, whose
// bounds exclude each other, when neither is a revision or an earlier estimate.
func (d *doc) contradictions(inc *report.Incident) {
	var main []figure
	for _, f := range d.figures {
		// only totals that sources give side by side: a report's own revisions, partial
		// counts ("41 at the Al Noor mosque") and unattributed figures are no dispute
		if f.other || f.SubsetOf != nil || f.partial || f.attackers || f.militant || f.update || f.stale || f.Source == nil {
			continue
		}
		main = append(main, f)
		if len(main) == maxContradictionFigures {
			break
		}
	}
	seen := map[report.Category]bool{}
	for i := range main {
		for j := i + 1; j < len(main); j++ {
			a, b := main[i], main[j]
			if a.Category != b.Category || seen[a.Category] || *a.Source == *b.Source {
				continue
			}
			if !excludes(a.Figure, b.Figure) {
				continue
			}
			seen[a.Category] = true
			d.flags = append(d.flags, report.Flag{
				Kind: report.FlagContradiction,
				Message: fmt.Sprintf("Two %s figures disagree: %q and %q.", a.Category,
					d.Text[a.Span.Start:a.Span.End], d.Text[b.Span.Start:b.Span.End]),
				Span: report.Span{Start: a.Span.Start, End: b.Span.End},
			})
		}
	}
}

// excludes reports whether two figures cannot both be the same total.
func excludes(a, b report.Figure) bool {
	lo := func(f report.Figure) int {
		if f.Min != nil {
			return *f.Min
		}
		if f.Qualifier == report.About {
			return f.Value * 8 / 10
		}
		return 0
	}
	hi := func(f report.Figure) int {
		if f.Max != nil {
			return *f.Max
		}
		if f.Qualifier == report.About {
			return f.Value*12/10 + 1
		}
		return 1 << 30
	}
	return hi(a) < lo(b) || hi(b) < lo(a)
}

// trimEnd drops trailing white space (including no-break spaces) from text[start:end].
func trimEnd(text string, start, end int) int {
	for end > start {
		switch {
		case text[end-1] == ' ' || text[end-1] == '\n' || text[end-1] == '\t':
			end--
		case end-start >= 2 && text[end-2:end] == "\u00a0":
			end -= 2
		default:
			return end
		}
	}
	return end
}

// confirmedBySource reports whether an accountable source confirms or verifies the part of
// the group named name: a sentence that names the group, holds a verification cue and
// a speaker who can be held to it ("Officials confirmed the Islamic State carried out ...").
func (d *doc) confirmedBySource(name string) bool {
	for s := range d.Sentences {
		named := false
		for _, g := range d.sentMatches(d.groups, s) {
			if g.Entry.Canonical == name {
				named = true
			}
		}
		if !named {
			continue
		}
		for _, c := range d.sentMatches(d.cues, s) {
			if c.Entry.Category == "verify" && d.verificationSupported(s, c.Start) {
				if sp := d.speakerBefore(c.Start, d.Sentences[s].First); sp != nil && sp.Accountable && !sp.Pronoun {
					return true
				}
			}
		}
	}
	return false
}
