package extract

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/segment"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/report"
)

// statusRank orders statuses when one actor is linked to an incident several times: a
// group's own claim outranks everything, an explicit denial outranks accusations.
var statusRank = map[report.Status]int{
	report.Claimed: 6, report.Convicted: 5, report.Denied: 4, report.Accused: 3,
	report.Suspected: 2, report.ReportedAsFact: 1,
}

// cueStatus maps a cue's category to the status it gives the actor it speaks of.
var cueStatus = map[string]report.Status{
	"claim": report.Claimed, "deny": report.Denied, "accuse": report.Accused,
	"suspect": report.Suspected, "convict": report.Convicted,
}

// factualAccuse are "accuse" cues that state responsibility rather than blame someone:
// without a speaker they report it as fact.
var factualAccuse = set(`carried perpetrated orchestrated masterminded behind responsible plotted ordered`)

// defaultPerpWindow is how many sentences from the top may link a group to the incident
// without a cue: further down, reports drift to background and other attacks.
const defaultPerpWindow = 8

// perpetrators links armed groups, states and their outlets to the incident: through
// claim, denial, accusation, suspicion and conviction cues, and, for armed groups named in
// a sentence that reports the attack, as reported fact.
func (d *doc) perpetrators() {
	for s := range d.Sentences {
		if s > 0 && d.otherAttack(s) {
			continue
		}
		d.anaphoricActors(s)
		var gs []lexicon.Match
		for _, g := range d.sentMatches(d.groups, s) {
			if g.Partial && descriptiveSuffix(d.norm(g.Start)) {
				continue // "al Qaeda-linked insurgents" describes others
			}
			if g.Entry.Category == "country" && (!d.properNoun(g) || d.inName(g) || d.ofName(g)) {
				continue // "car" is no Central African Republic; "Communist Party of Spain" no Spain
			}
			gs = append(gs, g)
		}
		if len(gs) == 0 {
			continue
		}
		linked := map[int]bool{} // indexes into gs
		for _, c := range d.sentMatches(d.cues, s) {
			st, ok := cueStatus[c.Entry.Category]
			if !ok {
				continue
			}
			switch st {
			case report.Accused:
				if factualAccuse[d.norm(c.Start)] || factualAccuse[d.norm(c.End-1)] || factualAccuse[d.norm(c.Start+1)] {
					if d.speakers[s] == nil {
						st = report.ReportedAsFact
					}
				}
				if d.suspicionIn(s) {
					st = report.Suspected // "is widely believed to have been carried out by ETA"
				}
			}
			if st == report.Claimed && d.negated(c.Start, d.Sentences[s].First) {
				continue // "no group has claimed", "did not claim"
			}
			gi := d.actorFor(s, c, gs, st)
			if gi < 0 && st == report.Claimed {
				// "The claim, carried by the group's Amaq news agency": the outlet's group
				if g, ok := d.outletGroup(s); ok {
					d.addPerp(s, g, report.Claimed, c)
					continue
				}
			}
			// "a spokesman for al-Shabaab said the group carried out the attack": a claim
			if st != report.Claimed && factualAccuse[d.norm(c.Start)] {
				if sp := d.speakers[s]; sp != nil && sp.CueTok < c.Start {
					for k, g := range gs {
						if sp.First <= g.Start && g.End <= sp.Last && g.Entry.Category == "organization" {
							gi, st = k, report.Claimed
						}
					}
				}
			}
			if gi < 0 {
				continue
			}
			linked[gi] = true
			d.addPerp(s, gs[gi], st, c)
		}
		// armed groups in a sentence that reports the attack, with no cue of their own: the
		// report (or its source) states their part as fact
		if !d.hasTrigger(s) || s >= defaultPerpWindow {
			continue
		}
		for gi, g := range gs {
			if linked[gi] || g.IsDemonym() && g.Entry.Category != "country" {
				continue
			}
			if g.Entry.Category == "country" {
				// "a U.S. drone strike", "Israeli airstrikes": the state that struck
				if d.strikeAfter(g) {
					d.addPerp(s, g, report.ReportedAsFact, lexicon.Match{})
				}
				continue
			}
			if g.Entry.Category != "organization" || d.victimSide(g) {
				continue
			}
			st := report.ReportedAsFact
			if d.sourceOf(s) != nil && d.groupActs(g) {
				st = report.Accused // "Taliban gunmen stormed the school, police said": an authority blames them
			}
			d.addPerp(s, g, st, lexicon.Match{})
		}
	}
}

// actorFor picks which actor of gs the cue c speaks of: the speaker when the speaker is an
// actor ("Ukraine, which ..., denied"), else the nearest actor before the cue within the
// clause, or after it for passive and object forms ("claim made by ISIS", "blamed Hamas").
func (d *doc) actorFor(s int, c lexicon.Match, gs []lexicon.Match, st report.Status) int {
	if sp := d.speakerBefore(c.Start, d.Sentences[s].First); sp != nil && !sp.Pronoun && (st == report.Claimed || st == report.Denied) {
		for gi, g := range gs {
			if sp.First <= g.Start && g.End <= sp.Last && g.Entry.Category != "outlet" {
				return gi
			}
		}
	}
	before, after := -1, -1
	for gi, g := range gs {
		if g.Entry.Category == "outlet" || g.IsDemonym() && st == report.ReportedAsFact {
			continue
		}
		if g.Entry.Category == "country" {
			// a state is linked only as the subject of its own claim or denial (the speaker,
			// above) or as the direct object of blame: "blamed Ukraine"
			if st == report.Accused && g.Start >= c.End && g.Start-c.End <= 2 {
				after = gi
			}
			continue
		}
		if g.End <= c.Start && c.Start-g.End <= 12 {
			before = gi
		}
		if g.Start >= c.End && after < 0 && g.Start-c.End <= 8 {
			after = gi
		}
	}
	switch st {
	case report.Claimed:
		if before >= 0 {
			return before
		}
		if after >= 0 && d.byBetween(c.End, gs[after].Start) {
			return after
		}
	case report.Denied:
		return before
	case report.Convicted:
		// "X was convicted"; "a convicted IS recruiter" convicts a person, not the group
		if before >= 0 && c.Start-gs[before].End <= 4 {
			return before
		}
	case report.Accused, report.Suspected, report.ReportedAsFact:
		if after >= 0 {
			return after
		}
		if before >= 0 && st != report.Accused {
			return before
		}
		if before >= 0 && factualAccuse[d.norm(c.Start)] {
			return before
		}
	}
	return -1
}

// byBetween reports whether "by", "from" or "of" stands between tokens [from, to).
func (d *doc) byBetween(from, to int) bool {
	for k := from; k < to; k++ {
		switch d.norm(k) {
		case "by", "from", "of":
			return true
		}
	}
	return false
}

func (d *doc) hasTrigger(s int) bool {
	for _, t := range d.sentMatches(d.triggers, s) {
		if t.Entry.Attr("generic") == "" {
			return true
		}
		if t.Entry.ID == "trigger.attack" {
			return true
		}
	}
	return false
}

func (d *doc) addPerp(s int, g lexicon.Match, st report.Status, cue lexicon.Match) {
	kind := report.KindOrganization
	if g.Entry.Category == "country" {
		kind = report.KindState
	}
	if kind == report.KindState && st == report.Suspected {
		return // a state is linked only by a claim, denial, accusation, conviction or its own strike
	}
	p := perp{entryID: g.Entry.ID, sent: s, rank: statusRank[st]}
	p.Name = g.Entry.Canonical
	if parent := g.Entry.Attr("canonical_of"); parent != "" {
		p.Name = parent
	}
	p.Mention = matchText(d, g)
	p.Kind = kind
	p.Status = st
	p.Span = d.span(g.Start, g.End)
	if st == report.Claimed {
		p.Channel = d.channelIn(s)
	}
	if st != report.Claimed && st != report.Denied {
		if sp := d.speakers[s]; sp != nil && !(sp.First <= g.Start && g.End <= sp.Last) {
			p.Source = report.Str(sp.Name)
		}
	}
	d.perps = append(d.perps, p)
}

// channelIn finds the outlet a claim went through in sentence s: "Amaq on Telegram".
func (d *doc) channelIn(s int) *string {
	for _, g := range d.sentMatches(d.groups, s) {
		if g.Entry.Category != "outlet" {
			continue
		}
		start, end := g.Start, g.End
		// "news agency Amaq", "Amaq news agency"
		for start-2 >= d.Sentences[s].First && d.norm(start-2) == "news" && d.norm(start-1) == "agency" {
			start -= 2
		}
		if d.norm(end) == "news" && d.norm(end+1) == "agency" {
			end += 2
		}
		if (d.norm(end) == "on" || d.norm(end) == "via" || d.norm(end) == "through") && end+1 < d.Sentences[s].Last && (d.capWord(end+1) || d.AllCaps) {
			end += 2
		}
		return report.Str(d.text(start, end))
	}
	return nil
}

// mergedPerps keeps one Perpetrator per actor, with its highest-ranked status, in order of
// first mention.
func (d *doc) mergedPerps() []report.Perpetrator {
	type agg struct {
		p     perp
		first int
	}
	by := map[string]*agg{}
	var order []string
	for _, p := range d.perps {
		a, ok := by[p.Name]
		if !ok {
			by[p.Name] = &agg{p: p, first: p.Span.Start}
			order = append(order, p.Name)
			continue
		}
		if p.rank > a.p.rank {
			ch := a.p.Channel
			a.p = p
			if a.p.Channel == nil {
				a.p.Channel = ch
			}
		} else if a.p.Channel == nil && p.Channel != nil {
			a.p.Channel = p.Channel
		}
	}
	// "Taliban" in a report that also names "the Pakistani Taliban" is that group
	for _, a := range order {
		for _, b := range order {
			if a == b || by[a] == nil || by[b] == nil {
				continue
			}
			if by[b].p.Kind == report.KindOrganization && by[a].p.Kind == report.KindOrganization && d.mentionedAs(by[b].p.Name, by[a].p.Mention) {
				if by[a].p.rank > by[b].p.rank {
					by[b].p.Status, by[b].p.rank = by[a].p.Status, by[a].p.rank
				}
				if by[a].first < by[b].first {
					by[b].first = by[a].first
				}
				by[a] = nil
			}
		}
	}
	kept := order[:0]
	for _, n := range order {
		if by[n] != nil {
			kept = append(kept, n)
		}
	}
	order = kept
	sort.SliceStable(order, func(i, j int) bool { return by[order[i]].first < by[order[j]].first })
	out := make([]report.Perpetrator, 0, len(order))
	for _, n := range order {
		out = append(out, by[n].p.Perpetrator)
	}
	return out
}

// properNoun reports whether a match is written as a name: capitalised in mixed-case text.
func (d *doc) properNoun(g lexicon.Match) bool {
	if d.AllCaps {
		return true
	}
	for k := g.Start; k < g.End; k++ {
		if d.Tokens[k].Cap {
			return true // "province of Helmand", "al-Shabaab"'s "Shabaab" aside, a capital somewhere
		}
	}
	return false
}

// ofName reports whether a match ends a longer name through "of": "Communist Party of Spain".
func (d *doc) ofName(g lexicon.Match) bool {
	return g.Start >= 2 && d.norm(g.Start-1) == "of" && d.capWord(g.Start-2)
}

// suspicionIn reports whether sentence s hedges what it attributes: "believed", "suspected".
func (d *doc) suspicionIn(s int) bool {
	for _, c := range d.sentMatches(d.cues, s) {
		if c.Entry.Category == "suspect" {
			return true
		}
	}
	for k := d.Sentences[s].First; k < d.Sentences[s].Last; k++ {
		if n := d.norm(k); n == "believed" || n == "thought" || n == "suspected" {
			return true
		}
	}
	return false
}

// negated reports whether a negation stands right before token i: "did not claim", "has
// never claimed", "no group has claimed".
func (d *doc) negated(i, first int) bool {
	for k := i - 1; k >= first && k >= i-4; k-- {
		switch d.norm(k) {
		case "not", "never", "no", "n't", "neither", "nor", "yet":
			return true
		}
	}
	return false
}

// anaphoricActors links "the group denied involvement", "it claimed the attack" in
// sentence s to the organisation named last before it.
func (d *doc) anaphoricActors(s int) {
	se := d.Sentences[s]
	for _, c := range d.sentMatches(d.cues, s) {
		st := cueStatus[c.Entry.Category]
		if st != report.Claimed && st != report.Denied {
			continue
		}
		if st == report.Claimed && d.negated(c.Start, se.First) {
			continue
		}
		sp := d.speakerBefore(c.Start, se.First)
		if sp == nil || !(sp.Pronoun && (sp.Name == "it" || sp.Name == "they") || sp.Last-sp.First <= 2 && (d.norm(sp.Last-1) == "group" || d.norm(sp.Last-1) == "militants")) {
			continue
		}
		for i := len(d.groups) - 1; i >= 0; i-- {
			g := d.groups[i]
			if g.Start >= se.First || g.Entry.Category != "organization" {
				continue
			}
			p := perp{entryID: g.Entry.ID, sent: s, rank: statusRank[st]}
			p.Name = g.Entry.Canonical
			p.Mention = d.text(sp.First, sp.Last)
			p.Kind = report.KindOrganization
			p.Status = st
			p.Span = d.span(sp.First, sp.Last)
			if st == report.Claimed {
				p.Channel = d.channelIn(s)
			}
			d.perps = append(d.perps, p)
			break
		}
		return
	}
}

// strikeAfter reports whether an air or drone strike trigger follows the state match g
// within two tokens: "a U.S. drone strike".
func (d *doc) strikeAfter(g lexicon.Match) bool {
	for k := g.End; k <= g.End+2 && k < len(d.Tokens); k++ {
		if d.trigStart[k] != 0 && d.triggers[d.trigStart[k]-1].Entry.Category == string(report.TypeAirDroneStrike) {
			return true
		}
	}
	return false
}

// victimSide reports whether a group is named as the one harmed: right after a killing
// verb or trigger ("killed a senior al-Qaeda commander", "targeting Taliban fighters").
func (d *doc) victimSide(g lexicon.Match) bool {
	for k := g.Start - 1; k >= 0 && k >= g.Start-7; k-- {
		if m, ok := d.casualtyEndingAt(k); ok && (m.Entry.Category == string(report.Killed) || m.Entry.Category == string(report.Injured)) {
			return true
		}
		switch d.norm(k) {
		case "targeted", "targeting", "against", "on":
			return true
		}
		if d.Tokens[k].Kind == segment.Punct {
			return false
		}
	}
	return false
}

// outletGroup returns the group whose outlet sentence s names ("Amaq" for Islamic State),
// as a match over the outlet's words.
func (d *doc) outletGroup(s int) (lexicon.Match, bool) {
	for _, g := range d.sentMatches(d.groups, s) {
		if g.Entry.Category != "outlet" {
			continue
		}
		parent := d.groupByID(g.Entry.Attr("outlet_of"))
		if parent == nil {
			continue
		}
		return lexicon.Match{Start: g.Start, End: g.End, Entry: parent, Phrase: g.Phrase}, true
	}
	return lexicon.Match{}, false
}

// descriptiveSuffix reports whether a hyphenated token ends in a word that makes the group
// an attribute of something else: "al Qaeda-linked", "IS-inspired", "Iran-backed".
func descriptiveSuffix(tok string) bool {
	for _, suf := range []string{"-linked", "-affiliated", "-inspired", "-backed", "-allied", "-aligned", "-run", "-controlled", "-related", "-held", "-style"} {
		if strings.HasSuffix(tok, suf) {
			return true
		}
	}
	return false
}

// containsWords reports whether phrase holds every word of part ("Pakistani Taliban" holds
// "Taliban"), ignoring case.
func containsWords(phrase, part string) bool {
	words := strings.Fields(strings.ToLower(phrase))
	for _, w := range strings.Fields(strings.ToLower(part)) {
		found := false
		for _, x := range words {
			if x == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// mentionedAs reports whether the group named name is written somewhere in the report with
// every word of part and more ("the Pakistani Taliban" for "Taliban").
func (d *doc) mentionedAs(name, part string) bool {
	for _, g := range d.groups {
		if g.Entry.Canonical != name {
			continue
		}
		m := matchText(d, g)
		if len(m) > len(part) && containsWords(m, part) {
			return true
		}
	}
	return false
}

// groupActs reports whether the group g is the one acting in its sentence: an attack verb
// follows it closely ("al-Shabaab militants stormed", "Taliban gunmen attacked"), as
// opposed to being harmed ("Taliban militants were killed").
func (d *doc) groupActs(g lexicon.Match) bool {
	for k := g.End; k < g.End+4 && k < len(d.Tokens); k++ {
		if d.Tokens[k].Kind == segment.Punct {
			return false
		}
		if d.triggerAt(k) && pastVerb(d.norm(k)) {
			t := d.triggers[d.trigStart[k]-1]
			return t.Entry.Attr("generic") == "" || t.Entry.ID == "trigger.attack"
		}
		if n := d.norm(k); n == "were" || n == "was" {
			return false // "were killed": passive, harmed
		}
	}
	return false
}
