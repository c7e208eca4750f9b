package extract

import (
	"strings"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// speakerWords are lower-case words that can make up a speaker's name or description:
// titles, institutions and the people news attributes statements to.
var speakerWords = set(`police policeman policewoman officials official authorities authority spokesman spokeswoman
spokesperson spokespeople witnesses witness residents resident sources source ministry ministries government army
military media agency agencies office statement governor mayor minister president chief commander adviser advisor
secretary-general secretary director head prosecutor prosecutors investigators investigator doctors doctor hospital
officer officers colonel general lieutenant major captain sergeant reports report newspaper television tv radio channel
outlet group militants insurgents rebels forces interior defense defence foreign state-run state-owned state news
presidential regional local provincial district senior deputy council department service services ministry's
embassy ambassador envoy analyst analysts experts expert observers monitor observatory coalition command
spokesmen representative representatives leader leaders commission committee court judge lawyers lawyer
medics paramedics rescuers firefighters emergency health security intelligence counterterrorism counter-terrorism
prime premier general's office's public prosecutor's attorney attorney-general inspector superintendent
the of and for 's de del la al el bin ibn von van`)

// determiners and pronouns that may open a speaker phrase but are trimmed from it.
var speakerOpeners = set(`the a an its their his her our`)

var pronouns = set(`he she they it we i`)

// auxiliaries and adverbs that can stand between a speaker and the cue: "police have also said".
var betweenSpeakerAndCue = set(`has have had also later previously further earlier separately initially was were is
are been being would could may might will shall had reportedly quickly publicly had once then first subsequently`)

// mediaWords mark a name as a news outlet ("Business Times", "Tass news agency").
var mediaWords = set(`times news post agency journal herald press tribune daily gazette guardian telegraph
television tv radio channel network broadcaster newspaper magazine media outlet reuters afp ap xinhua tass
ria interfax bbc cnn al-jazeera aljazeera bloomberg wire observer independent mail express mirror sun chronicle
standard review online website reporters correspondent`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// attribution finds, for every sentence, who its content is attributed to ("X said",
// "according to X", "said X"), and records a Statement for each. A pronoun speaker ("he
// said") is resolved to the last named speaker or person in the preceding sentences.
func (d *doc) attribution() {
	d.speakers = make([]*speaker, len(d.Sentences))
	d.sentSpeakers = make([][]*speaker, len(d.Sentences))
	var lastNamed *speaker
	for s := range d.Sentences {
		se := d.Sentences[s]
		for _, m := range d.sentMatches(d.cues, s) {
			cat := m.Entry.Category
			if cat != "say" && cat != "according" && cat != "condemn" && cat != "verify" && cat != "deny" {
				continue
			}
			if m.Start != se.First && d.capWord(m.Start) {
				continue // "the United States raced": a name, not "states"
			}
			if inSpeaker(d.sentSpeakers[s], m.Start) {
				continue // "according to state media reports": "reports" is part of the source
			}
			var sp *speaker
			if cat == "according" {
				sp = d.speakerAfter(m.End, se.Last)
			} else {
				sp = d.speakerBefore(m.Start, se.First)
				if sp == nil {
					// inverted: `"...," said the ministry.`
					if m.Start > se.First && (d.norm(m.Start-1) == "," || d.norm(m.Start-1) == "\"") {
						sp = d.speakerAfter(m.End, se.Last)
					}
				}
			}
			if sp == nil {
				continue
			}
			sp.Cue = d.text(m.Start, m.End)
			sp.CueTok = m.Start
			if sp.Pronoun {
				if lastNamed == nil || sp.Name == "it" || sp.Name == "we" || sp.Name == "i" {
					if sp.Name != "we" && sp.Name != "i" {
						continue
					}
				} else {
					resolved := *lastNamed
					resolved.Cue, resolved.CueTok, resolved.Pronoun = sp.Cue, sp.CueTok, false
					sp = &resolved
				}
			} else {
				lastNamed = sp
			}
			if d.speakers[s] == nil {
				d.speakers[s] = sp
			} else if d.speakers[s].Name == sp.Name {
				continue
			}
			d.sentSpeakers[s] = append(d.sentSpeakers[s], sp)
			d.statements = append(d.statements, d.statement(s, sp))
		}
		if d.speakers[s] == nil {
			if p := d.personIn(s); p != nil {
				lastNamed = p
			}
		}
	}
}

// statement builds the Statement of sentence s by sp: the quoted words when the sentence
// has a quotation, else the sentence itself.
func (d *doc) statement(s int, sp *speaker) report.Statement {
	se := d.Sentences[s]
	st := report.Statement{Speaker: sp.Name, Cue: sp.Cue, Span: report.Span{Start: se.Start, End: se.End}}
	open := -1
	for i := se.First; i < se.Last; i++ {
		if d.Tokens[i].Norm == "\"" {
			if open < 0 {
				open = i
			} else if i > open+1 {
				st.Quoted = true
				st.Text = d.text(open+1, i)
				st.Span = d.span(open+1, i)
				// strip a trailing comma inside the quote: `"It is over,"`
				st.Text = strings.TrimRight(st.Text, ",")
				return st
			}
		}
	}
	st.Text = d.Text[se.Start:se.End]
	return st
}

// speakerBefore reads the speaker phrase that ends right before the cue at token cue.
func (d *doc) speakerBefore(cue, first int) *speaker {
	i := cue - 1
	for i >= first && betweenSpeakerAndCue[d.norm(i)] {
		i--
	}
	if i < first {
		return nil
	}
	// skip an appositive or relative clause: "Ukraine, which has been at war ..., denied"
	if d.norm(i) == "," {
		for k := i - 1; k > first; k-- {
			if d.norm(k) == "," {
				nx := d.norm(k + 1)
				if nx == "including" || nx == "among" {
					// "International leaders, including A and B, condemned": A and B
					if sp := d.makeSpeaker(k+2, i); sp != nil {
						return sp
					}
				}
				if nx == "which" || nx == "who" || nx == "a" || nx == "an" || nx == "the" || speakerWords[nx] {
					i = k - 1
				}
				break
			}
		}
		if d.norm(i) == "," {
			return nil
		}
	}
	if pronouns[d.norm(i)] {
		return &speaker{Name: d.norm(i), First: i, Last: i + 1, Pronoun: true}
	}
	last := i + 1
	start := last
	for k := i; k >= first; k-- {
		if d.speakerToken(k) {
			start = k
			continue
		}
		break
	}
	return d.makeSpeaker(start, last)
}

// speakerAfter reads the speaker phrase that starts at token from ("according to X").
func (d *doc) speakerAfter(from, last int) *speaker {
	end := from
	for k := from; k < last; k++ {
		if d.speakerToken(k) || (k == from && speakerOpeners[d.norm(k)]) {
			end = k + 1
			continue
		}
		break
	}
	return d.makeSpeaker(from, end)
}

// speakerToken reports whether token k can be part of a speaker phrase.
func (d *doc) speakerToken(k int) bool {
	t := d.Tokens[k]
	if _, ok := weekdays[t.Norm]; ok || months[t.Norm] > 0 && t.Norm != "may" {
		return false // "Late on Friday Ardern said": the day is no part of the name
	}
	if t.Kind == segment.Punct {
		return t.Norm == "-" && k > 0 && d.Tokens[k-1].End == t.Start
	}
	if d.capWord(k) || speakerWords[t.Norm] || speakerOpeners[t.Norm] || d.entity[k] {
		return !pronouns[t.Norm] || t.Norm == "it"
	}
	return d.AllCaps && t.Kind == segment.Word && !stopish[t.Norm]
}

// stopish are function words that end a speaker phrase in all-caps text.
var stopish = set(`that this these those which who whom whose what when where while because and but or if
then than as at by in on to from with without into after before said says told according is are was were be
been being has have had do does did not no also very more most`)

// makeSpeaker trims a token range to a speaker name and decides whether it is accountable.
func (d *doc) makeSpeaker(start, last int) *speaker {
	for start < last && (speakerOpeners[d.norm(start)] || d.norm(start) == "and" || d.norm(start) == "of" || d.norm(start) == "'s") {
		start++
	}
	for last > start && (d.norm(last-1) == "the" || d.norm(last-1) == "of" || d.norm(last-1) == "and" || d.norm(last-1) == "-") {
		last--
	}
	if start >= last {
		return nil
	}
	content := false
	media := false
	for k := start; k < last; k++ {
		n := d.norm(k)
		if n != "the" && n != "of" && n != "and" && n != "'s" {
			content = true
		}
		if mediaWords[n] {
			media = true
		}
	}
	if !content || last-start > 12 {
		return nil
	}
	name := d.text(start, last)
	return &speaker{Name: name, First: start, Last: last, Accountable: !media || d.officialIn(start, last)}
}

// officialIn reports whether tokens [start,last) name an institution or official, which
// makes even a media-sounding speaker ("state news agency") accountable for a figure.
func (d *doc) officialIn(start, last int) bool {
	for k := start; k < last; k++ {
		switch d.norm(k) {
		case "ministry", "police", "government", "official", "officials", "spokesman", "spokeswoman",
			"president", "minister", "governor", "mayor", "prosecutor", "army", "military", "state":
			return true
		}
	}
	return false
}

// personIn returns a capitalised multi-word name in sentence s, for pronoun resolution.
func (d *doc) personIn(s int) *speaker {
	if d.AllCaps {
		return nil
	}
	se := d.Sentences[s]
	var best *speaker
	for i := se.First; i < se.Last; i++ {
		if !d.capWord(i) || i == se.First {
			continue
		}
		j := i
		for j < se.Last && d.capWord(j) {
			j++
		}
		if j-i >= 2 {
			best = &speaker{Name: d.text(i, j), First: i, Last: j, Accountable: true}
		}
		i = j
	}
	return best
}

// reportingVerbs are the cues that make a speaker the source of a sentence's facts; "called
// the attack a tragedy" or "condemned" attribute an opinion, not the figures around it.
var reportingVerbs = set(`said says say saying told tells stated states added adds reported reports announced
announces confirmed confirms according citing quoting estimated noted explained revealed disclosed statement
informed`)

// sourceOf returns who sentence s attributes its facts to, for figures and claims.
func (d *doc) sourceOf(s int) *string {
	if s < 0 || s >= len(d.speakers) || d.speakers[s] == nil {
		return nil
	}
	return d.sourceAt(s, d.speakers[s].CueTok)
}

// sourceAt returns who sentence s attributes the fact at token tok to: of the speakers
// the sentence names with a reporting verb, the one whose cue stands nearest ("... killed
// at least 30 people, a local official said, while a military spokesman put the death
// toll at 12").
func (d *doc) sourceAt(s, tok int) *string {
	if s < 0 || s >= len(d.sentSpeakers) {
		return nil
	}
	var best *speaker
	bestDist := 1 << 30
	for _, sp := range d.sentSpeakers[s] {
		if !reportingVerbs[d.norm(sp.CueTok)] && !reportingVerbs[d.norm(sp.CueTok+1)] && !reportingVerbs[d.norm(sp.CueTok+2)] && d.norm(sp.CueTok) != "put" {
			continue
		}
		dist := sp.CueTok - tok
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = sp, dist
		}
	}
	if best == nil {
		return nil
	}
	return report.Str(best.Name)
}

func matchText(d *doc, m lexicon.Match) string { return d.text(m.Start, m.End) }

// inSpeaker reports whether token k lies in one of the speakers' names.
func inSpeaker(sps []*speaker, k int) bool {
	for _, sp := range sps {
		if sp.First <= k && k < sp.Last {
			return true
		}
	}
	return false
}
