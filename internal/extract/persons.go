package extract

import (
	"strings"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// personTitles are words that stand before a person's name without being part of it.
var personTitles = set(`colonel col general gen lieutenant lt major maj captain capt cpt sergeant sgt corporal cpl
private pvt admiral adm commander cmdr brigadier brig marshal president vice prime minister secretary lawmaker
ex-lawmaker senator sen representative rep governor gov mayor mr mrs ms miss dr prof judge officer chief special agent
technical staff division brigade prince king queen sheikh imam mullah emir father bishop cardinal pastor rabbi
deputy former suspect suspected alleged accused gunman bomber attacker assailant militant leader ringleader
activist journalist student doctor driver businessman opposition dissident playwright writer actress actor
pilot worker director spokesman spokeswoman inspector superintendent constable detective`)

// orgWords mark a capitalised run as an institution, not a person.
var orgWords = set(`office ministry guard police forces force army party front movement brigade brigades council
committee court university hospital agency service services department government republic national
international union association organization organisation group company corporation bank airport station
street road square hall center centre church mosque school college institute foundation news times post`)

// personStatus maps legal and investigative verbs to the status they give the people
// they apply to.
var personStatus = map[string]report.Status{
	"indicted": report.Accused, "charged": report.Accused, "accused": report.Accused, "blamed": report.Accused,
	"arrested": report.Suspected, "detained": report.Suspected, "held": report.Suspected, "questioned": report.Suspected,
	"suspected": report.Suspected, "wanted": report.Suspected, "sought": report.Suspected,
	"convicted": report.Convicted, "sentenced": report.Convicted, "jailed": report.Convicted, "imprisoned": report.Convicted,
}

// persons links named people to the incident: lists of names that "were indicted",
// "was detained", "were convicted"; a name followed by "who ... suspected"; "the name of X
// is behind"; "everything points to X".
func (d *doc) persons() {
	if d.AllCaps {
		return // names cannot be told from other words in wire copy
	}
	for s, se := range d.Sentences {
		if s >= leadSentences && d.otherIncident(s) && !d.mentionsIncident(s) || d.titleCase(s) {
			continue
		}
		for k := se.First; k < se.Last; k++ {
			st, ok := personStatus[d.norm(k)]
			if !ok {
				continue
			}
			// "[names] were (all|also) indicted"
			j := k - 1
			for j > se.First && betweenSpeakerAndCue[d.norm(j)] || j > se.First && (d.norm(j) == "all" || d.norm(j) == "formally") {
				j--
			}
			if j < k-1 && (d.norm(j+1) == "was" || d.norm(j+1) == "were" || d.norm(j+1) == "been") || k > se.First && (d.norm(k-1) == "was" || d.norm(k-1) == "were") {
				if d.norm(j) == "," {
					j--
				}
				for _, nm := range d.nameListEndingAt(j, se.First) {
					d.addPerson(s, nm[0], nm[1], st)
				}
				continue
			}
			// "[name], who they suspected of ..." / "[name] who is accused"
			for b := k - 1; b >= se.First && b >= k-5; b-- {
				if d.norm(b) == "who" || d.norm(b) == "whom" {
					e := b
					if d.norm(e-1) == "," {
						e--
					}
					if a, z, ok := d.nameEndingAt(e-1, se.First); ok {
						d.addPerson(s, a, z, st)
					}
					break
				}
			}
		}
		// "the driver, identified as X", "the gunman was named as X"
		for k := se.First + 1; k+2 < se.Last; k++ {
			if d.norm(k) != "identified" && d.norm(k) != "named" {
				continue
			}
			st, ok := d.attackerBefore(k, se.First)
			as := k + 1
			if d.norm(k+1) == "himself" || d.norm(k+1) == "herself" {
				// "a man who identified himself as X ... claimed responsibility"
				if d.claimIn(s) {
					st, ok, as = report.Claimed, true, k+2
				}
			}
			if !ok {
				// "police identified the shooter as X", "named the attacker as X"
				for j := k + 1; j < se.Last && j < k+5; j++ {
					if d.norm(j) == "as" {
						st, ok = d.attackerBefore(j, k+1)
						as = j
						break
					}
				}
				if !ok {
					continue
				}
				if st == report.ReportedAsFact && d.speakerBefore(k, se.First) != nil {
					st = report.Accused // an authority names the attacker
				}
			}
			if as == k+1 && d.norm(as) == "by" {
				// "identified by prosecutors as X": an authority names the attacker
				for as < se.Last && as < k+6 && d.norm(as) != "as" {
					as++
				}
				if st == report.ReportedAsFact {
					st = report.Accused
				}
			} else if st == report.ReportedAsFact && d.sourceOf(s) != nil {
				st = report.Accused // "..., police said"
			}
			if d.norm(as) != "as" {
				continue
			}
			if a, z, ok := d.nameStartingAt(as+1, se.Last); ok {
				d.addPerson(s, a, z, st)
			}
		}
		// "police arrested a Moroccan man, Driss Oukabir", "detained X"
		for k := se.First; k+1 < se.Last; k++ {
			st, ok := personStatus[d.norm(k)]
			if !ok || d.norm(k-1) == "was" || d.norm(k-1) == "were" {
				continue
			}
			for j := k + 1; j < se.Last && j < k+8; j++ {
				if d.norm(j) == "." || d.norm(j) == ";" {
					break
				}
				if d.capWord(j) && !personTitles[d.norm(j)] {
					// "arrested a Moroccan man, Driss Oukabir": the first full name
					if a, z, ok := d.nameStartingAt(j, se.Last); ok {
						d.addPerson(s, a, z, st)
						break
					}
				}
			}
		}
		// "Robert Bowers, 46, opened fire", "X, a 64-year-old ..., detonated": a named
		// person as the subject of the attack
		for _, t := range d.sentMatches(d.triggers, s) {
			if t.Entry.Attr("generic") != "" || t.Start == se.First || !pastVerb(d.norm(t.Start)) {
				continue
			}
			e := t.Start - 1
			if d.norm(e) == "," {
				// skip an appositive back to the comma after the name
				k, ok := d.openingComma(e, se.First, 12)
				if !ok {
					continue
				}
				e = k - 1
			}
			if a, z, ok := d.nameEndingAt(e, se.First); ok && a == se.First && !speakerOpeners[d.norm(a)] {
				st := report.ReportedAsFact
				if d.sourceOf(s) != nil {
					st = report.Accused
				}
				d.addPerson(s, a, z, st)
			}
		}
		// "everything points to X", "the name of X is behind this attack"
		for k := se.First; k+1 < se.Last; k++ {
			if d.norm(k) == "points" && d.norm(k+1) == "to" {
				if a, z, ok := d.nameStartingAt(k+2, se.Last); ok {
					d.addPerson(s, a, z, report.Accused)
				}
			}
			if d.norm(k) == "name" && d.norm(k+1) == "of" {
				if a, z, ok := d.nameStartingAt(k+2, se.Last); ok && (d.norm(z) == "is" || d.norm(z) == "was") && d.norm(z+1) == "behind" {
					d.addPerson(s, a, z, report.Accused)
				}
			}
		}
	}
}

// mentionsIncident reports whether sentence s refers back to the incident ("the attack",
// "the bombing").
func (d *doc) mentionsIncident(s int) bool {
	for _, t := range d.sentMatches(d.triggers, s) {
		if t.Start > 0 && d.norm(t.Start-1) == "the" {
			return true
		}
	}
	return false
}

func (d *doc) addPerson(s, a, z int, st report.Status) {
	p := perp{sent: s, rank: statusRank[st]}
	p.Name = d.text(a, z)
	p.Mention = p.Name
	p.Kind = report.KindPerson
	p.Status = st
	p.Span = d.span(a, z)
	if sp := d.speakers[s]; sp != nil && (sp.Last <= a || sp.First >= z) {
		p.Source = report.Str(sp.Name)
	}
	d.perps = append(d.perps, p)
}

// nameListEndingAt reads a list of names ending at token j ("A, B and C"), right to left,
// and returns them left to right as token ranges.
func (d *doc) nameListEndingAt(j, first int) [][2]int {
	var out [][2]int
	for j >= first {
		a, z, ok := d.nameEndingAt(j, first)
		if !ok {
			break
		}
		out = append([][2]int{{a, z}}, out...)
		k := a - 1
		// skip the title and organisation words before the name: "Colonel", "the Bolivarian
		// National Guard (GNB) Division General"
		for k >= first && d.Tokens[k].Kind != segment.Punct && d.norm(k) != "and" || k >= first && (d.norm(k) == "(" || d.norm(k) == ")") {
			k--
		}
		if k < first || (d.norm(k) != "," && d.norm(k) != "and") {
			break
		}
		j = k - 1
		if d.norm(j) == "," || d.norm(j) == "and" {
			j--
		}
	}
	return out
}

// nameEndingAt reads a person's name that ends at token j: two to five capitalised words
// (with "de", "da", "del", "la", "bin", "al" between them), none a title, an institution
// word, or a known group or place.
func (d *doc) nameEndingAt(j, first int) (int, int, bool) {
	z := j + 1
	a := z
	for k := j; k >= first; k-- {
		n := d.norm(k)
		if d.capWord(k) && !personTitles[n] && !orgWords[n] && !d.allUpper(k) {
			a = k
			continue
		}
		if (n == "de" || n == "da" || n == "del" || n == "la" || n == "bin" || n == "van" || n == "von") && k > first && d.capWord(k-1) {
			a = k
			continue
		}
		break
	}
	return a, z, d.isPersonName(a, z)
}

// nameStartingAt reads a person's name starting at token i, after an optional "the".
func (d *doc) nameStartingAt(i, last int) (int, int, bool) {
	a := i
	for a < last && (d.norm(a) == "the" || personTitles[d.norm(a)]) {
		a++
	}
	z := a
	for z < last && (d.capWord(z) && !orgWords[d.norm(z)] || (d.norm(z) == "de" || d.norm(z) == "da") && d.capWord(z+1)) {
		z++
	}
	return a, z, d.isPersonName(a, z)
}

func (d *doc) isPersonName(a, z int) bool {
	if z-a < 2 || z-a > 5 {
		return false
	}
	s := d.SentenceOf(a)
	for _, g := range d.sentMatches(d.groups, s) {
		if g.Start < z && g.End > a {
			return false
		}
	}
	for _, g := range d.sentMatches(d.geo, s) {
		if g.Start == a && g.End == z {
			return false
		}
	}
	return true
}

// allUpper reports whether token k is an acronym ("GNB").
func (d *doc) allUpper(k int) bool {
	t := d.Tokens[k]
	if t.End-t.Start < 2 {
		return false
	}
	for _, c := range d.Text[t.Start:t.End] {
		if c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// attackerBefore reads who is being identified before token k: an attacker ("the
// gunman", "the driver") is reported as fact, a suspect is suspected; a victim is no
// perpetrator.
func (d *doc) attackerBefore(k, first int) (report.Status, bool) {
	for j := k - 1; j >= first && j >= k-6; j-- {
		switch d.norm(j) {
		case "suspect", "suspects":
			return report.Suspected, true
		case "driver", "attacker", "attackers", "gunman", "gunmen", "bomber", "assailant", "shooter", "perpetrator", "knifeman", "killer", "hijacker":
			return report.ReportedAsFact, true
		case "victim", "victims", "dead", "deceased", "officer", "soldier":
			return "", false
		}
	}
	return "", false
}

// pastVerb reports whether a word is a past-tense attack verb: "opened", "stabbed", "shot".
func pastVerb(w string) bool {
	switch w {
	case "shot", "blew", "drove", "set", "threw", "fired", "stabbed", "opened", "rammed":
		return true
	}
	return strings.HasSuffix(w, "ed")
}

// titleCase reports whether sentence s is a headline in title case, where capitals do not
// mark names: most of its words start with a capital and it ends with no full stop.
func (d *doc) titleCase(s int) bool {
	se := d.Sentences[s]
	words, caps := 0, 0
	for k := se.First; k < se.Last; k++ {
		if d.Tokens[k].Kind != segment.Word {
			continue
		}
		words++
		if d.Tokens[k].Cap {
			caps++
		}
	}
	last := d.norm(se.Last - 1)
	return words >= 4 && caps*10 >= words*7 && last != "." && last != "!" && last != "?"
}

// claimIn reports whether sentence s holds a claim of responsibility.
func (d *doc) claimIn(s int) bool {
	for _, c := range d.sentMatches(d.cues, s) {
		if c.Entry.Category == "claim" {
			return true
		}
	}
	return false
}

// openingComma finds the comma that opens the appositive closed by the comma at token
// end ("X, a pro-Assad militia, was killed"), looking back fewer than span tokens and not
// before token first.
func (d *doc) openingComma(end, first, span int) (int, bool) {
	k := end - 1
	for k > first && d.norm(k) != "," && end-k < span {
		k--
	}
	return k, d.norm(k) == ","
}
