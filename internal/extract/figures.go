package extract

import (
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
	"strings"
)

// figureModifiers are words that may stand between a number and the people it counts:
// "three other Russian military personnel", "60 more innocent people".
var figureModifiers = set(`other others more additional innocent local foreign young elderly unarmed armed military police
security government civilian pro-government pro-regime suspected alleged unidentified unknown off-duty
fellow female male senior junior ordinary regular afghan iraqi syrian western american british all some
of the those these whom them their were was are is have has had been being be reportedly also later all
subsequently eventually still at least mostly including most nearly many`)

// auxiliaries that may stand between the counted people and the casualty word.
var figureAux = set(`were was are is have has had been being be reportedly also later all subsequently eventually
still who now confirmed believed feared said reported either left`)

// unitNouns after a number mean it does not count people: "two years", "70 ambulance teams".
var unitNouns = set(`years year months month weeks week days day hours hour minutes minute seconds times
km kilometres kilometers miles metres meters feet yards percent per cent dollars euros pounds rubles
teams vehicles cars buildings houses homes rounds shots bullets rockets missiles bombs tons tonnes
kg kilograms pounds acres floors storeys stories villages towns cities countries districts provinces
incidents attacks cases occasions blocks streets`)

// securityWords are the forces whose fire ends an attack: "police shot him dead".
var securityWords = set(`police officers troops soldiers forces army commandos guards policemen snipers`)

// updateWords mark a revised toll: "the death toll rose to 30".
var updateWords = set(`rose risen climbed climbing increased raised revised jumped mounted reached risen now updated latest
rising grew grown later`)

// zeroHeads are the words after "no" that state a zero figure: "no casualties", "no one
// was killed".
var zeroHeads = map[string]report.Category{
	"casualties": report.Killed, "deaths": report.Killed, "fatalities": report.Killed, "dead": report.Killed,
	"injuries": report.Injured,
}

// zeroFigures finds figures of zero: "there are no casualties", "no one was killed",
// "nobody was hurt".
func (d *doc) zeroFigures(s int) {
	se := d.Sentences[s]
	for k := se.First; k < se.Last; k++ {
		n := d.norm(k)
		var cat report.Category
		end := 0
		switch {
		case n == "no" && zeroHeads[d.norm(k+1)] != "" && k+1 < se.Last:
			cat, end = zeroHeads[d.norm(k+1)], k+2
		case (n == "no" && d.norm(k+1) == "one" || n == "nobody") && k+1 < se.Last:
			j := k + 1
			if n == "no" {
				j++
			}
			for j < se.Last && figureAux[d.norm(j)] {
				j++
			}
			if m, ok := d.casualtyAt(j); ok && (m.Entry.Category == string(report.Killed) || m.Entry.Category == string(report.Injured)) {
				cat, end = report.Category(m.Entry.Category), m.End
			}
		}
		if cat == "" {
			continue
		}
		// "no military casualties" counts a part of the people only
		f := figure{sent: s, numFirst: k, numLast: k + 1}
		f.Category, f.Value, f.Min, f.Max, f.Qualifier = cat, 0, report.Int(0), report.Int(0), report.Exact
		f.Span = d.span(k, end)
		f.Source = d.sourceOf(s)
		f.other = d.otherIncident(s)
		d.figures = append(d.figures, f)
		k = end - 1
	}
}

// figures finds casualty figures in every sentence.
func (d *doc) figuresStage() {
	for s, se := range d.Sentences {
		d.zeroFigures(s)
		cas := d.sentMatches(d.casualty, s)
		if len(cas) == 0 {
			continue
		}
		nums := numbers(d.Doc, se.First, se.Last)
		d.singularFigures(s)
		d.singularObjects(s)
		var prev *figure
		for _, n := range nums {
			if n.Vague {
				continue
			}
			f, ok := d.readFigure(s, n, prev)
			if !ok {
				continue
			}
			d.figures = append(d.figures, f)
			prev = &d.figures[len(d.figures)-1]
		}
	}
}

// readFigure decides what the number n counts, from the words after it ("60 people dead",
// "60 of whom are in serious condition") or before it ("killing 12", "death toll rose to
// 30"). prev is the figure before it in the same sentence, for subsets.
func (d *doc) readFigure(s int, n Number, prev *figure) (figure, bool) {
	se := d.Sentences[s]
	f := figure{sent: s, numFirst: n.First, numLast: n.Last}
	f.Value, f.Min, f.Max, f.Qualifier = n.Value, n.Min, n.Max, n.Qualifier
	if n.Qualifier == report.Range {
		f.Value = *n.Min
	}
	// subset: "60 of whom are in serious condition", "including 3 children"
	subset := false
	j := n.Last
	if d.norm(j) == "of" && (d.norm(j+1) == "whom" || d.norm(j+1) == "them" || d.norm(j+1) == "those" || d.norm(j+1) == "which") {
		subset = true
		j += 2
	}
	including := n.HedgeFirst > se.First && (d.norm(n.HedgeFirst-1) == "including" || d.norm(n.HedgeFirst-1) == "among")
	if d.norm(j) == "of" && d.norm(j+1) == "the" {
		if _, ok := d.casualtyAt(j + 2); ok {
			// "nine of the wounded": part of a count given elsewhere
			f.partial = true
		}
	}

	cat, role, end, ok := d.casualtyAfter(j, se.Last)
	start := n.HedgeFirst
	if !ok {
		if subset {
			return f, false
		}
		var cstart int
		cat, cstart, ok = d.casualtyBefore(n.HedgeFirst, se.First)
		if !ok {
			if including && prev != nil {
				cat, ok = prev.Category, true
				f.partial = true
			}
			if !ok {
				return f, false
			}
		} else {
			start = cstart
		}
		end = n.Last
		// the people counted after the number: "killing 12 soldiers"
		role = d.roleAt(n.Last, se.Last)
		if role == "unit" {
			return f, false
		}
		if e := d.peopleEnd(n.Last, se.Last); e > end {
			end = e
		}
	}
	if !subset && !including && start == n.HedgeFirst && n.Qualifier == report.Exact {
		// a list of counted groups: "eight women, a 10-year-old girl and four men injured"
		if sum, first, ok := d.listBefore(n.HedgeFirst, se.First); ok {
			f.Value = sum + n.Value
			f.Min, f.Max = report.Int(f.Value), report.Int(f.Value)
			start = first
		}
	}
	f.Category = cat
	f.attackers = role == "attacker"
	f.militant = role == "militant"
	f.role = role
	if n.HedgeFirst > se.First && (d.norm(n.HedgeFirst-1) == "the" || d.norm(n.HedgeFirst-1) == "those" || d.norm(n.HedgeFirst-1) == "these") && role == "" {
		f.partial = true // "killing the three": people already counted
	}
	if subset && prev != nil && prev.Category != cat {
		c := prev.Category
		f.SubsetOf = &c
	}
	if including && prev != nil {
		f.partial = true
		c := prev.Category
		f.SubsetOf = &c
	}
	f.Span = d.span(start, end)
	f.Source = d.sourceAt(s, n.First)
	if d.norm(se.First) == "by" {
		// "By late Thursday officials put the toll at 73": where the count stood last
		switch nx := d.norm(se.First + 1); nx {
		case "late", "early", "evening", "nightfall", "midday", "morning", "afternoon", "night", "then", "now", "dawn":
			f.update = true
		default:
			if _, ok := weekdays[nx]; ok {
				f.update = true
			}
		}
	}
	for k := max(se.First, n.HedgeFirst-6); k < n.First; k++ {
		// "rose to 35": the revision must govern this number, not another in the sentence
		if updateWords[d.norm(k)] {
			f.update = true
		}
	}
	f.other = d.otherIncident(s)
	for k := end; k < se.Last && k < end+10; k++ {
		// "33 people had died, a figure that included the four attackers"
		if strings.HasPrefix(d.norm(k), "includ") {
			for j := k + 1; j < se.Last && j < k+5; j++ {
				if pm, ok := d.peopleAt(j); ok && pm.Entry.Category == "attacker" {
					f.withAttackers = true
				}
			}
		}
	}
	for k := max(se.First, start-6); k < end+4 && k < se.Last; k++ {
		switch d.norm(k) {
		case "initial", "initially", "preliminary", "early", "earlier", "first":
			f.stale = true // "initial estimates of a death toll of 11"
		}
	}
	if d.norm(n.HedgeFirst-1) == "from" {
		f.stale = true // "the toll had risen from one confirmed death to 33"
	}
	switch d.norm(se.First) {
	case "earlier", "initially", "previously":
		f.stale = true // "Earlier in the day, officials had given a combined toll of 34"
	}
	for k := se.First; k+1 < start; k++ {
		// a superseded report in the past perfect: "police had put the toll at 20"
		if d.norm(k) == "had" && (reportingVerbs[d.norm(k+1)] || d.norm(k+1) == "given" || d.norm(k+1) == "put") {
			f.stale = true
		}
	}
	return f, true
}

// casualtyAfter looks for a casualty word after the counted people: "[people] [were] killed".
// It returns the category, the role of the counted people and the token after the word.
func (d *doc) casualtyAfter(j, last int) (report.Category, string, int, bool) {
	role := ""
	steps := 0
	for k := j; k < last && steps < 8; k++ {
		steps++
		if m, ok := d.casualtyAt(k); ok {
			return report.Category(m.Entry.Category), role, m.End, true
		}
		t := d.Tokens[k]
		if pm, ok := d.peopleAt(k); ok {
			role = pm.Entry.Category
			k = pm.End - 1
			continue
		}
		if t.Kind == segment.Punct {
			if t.Norm == "-" || t.Norm == "'s" {
				continue
			}
			// a parenthetical partial count: "the 84 people, among them 10 children, killed"
			if t.Norm == "," && (d.norm(k+1) == "among" || d.norm(k+1) == "including") {
				e := k + 2
				for e < last && e < k+10 && d.norm(e) != "," {
					e++
				}
				if e < last && d.norm(e) == "," {
					k = e
					steps--
					continue
				}
			}
			return "", "", 0, false
		}
		if t.Kind == segment.Number {
			return "", "", 0, false
		}
		if unitNouns[t.Norm] {
			return "", "", 0, false
		}
		if figureModifiers[t.Norm] || figureAux[t.Norm] || d.capWord(k) {
			continue
		}
		if d.AllCaps && k == j {
			continue // one unknown modifier in wire copy: "12 SALVADORAN SOLDIERS"
		}
		return "", "", 0, false
	}
	return "", "", 0, false
}

// casualtyBefore looks for a casualty word before the number: "killing at least 12",
// "wounded 30", "the death toll rose to 30". It returns the category and the first token.
func (d *doc) casualtyBefore(i, first int) (report.Category, int, bool) {
	gap := 0
	for k := i - 1; k >= first && gap < 8; k-- {
		if m, ok := d.casualtyEndingAt(k); ok {
			pre := m.Entry.Attr("pos")
			if pre == "post" {
				return "", 0, false
			}
			// "the number of injured had risen to 22": a verb made a noun
			noun := m.Entry.Attr("noun") == "1" || d.norm(m.Start-1) == "of" && d.norm(m.Start-2) == "number"
			if gap > 0 && !noun {
				// verbs take the number directly or through a short link: "killed at least", "wounding some"
				if gap > 2 {
					return "", 0, false
				}
			}
			return report.Category(m.Entry.Category), m.Start, true
		}
		t := d.Tokens[k]
		if t.Kind == segment.Number || (t.Kind == segment.Punct && t.Norm != "-") {
			return "", 0, false
		}
		switch t.Norm {
		case "to", "at", "of", "is", "was", "stood", "stands", "reached", "now", "had", "has", "have",
			"rose", "risen", "climbed", "increased", "jumped", "hit", "passed", "topped", "exceeded",
			"another", "further", "additional", "a", "total", "the", "least", "nearly", "later", "then",
			"subsequently", "since", "overall", "officially", "reportedly":
			gap++
			continue
		}
		if updateWords[t.Norm] {
			gap++
			continue
		}
		return d.tollSubject(k, i, first)
	}
	return "", 0, false
}

// tollSubject reads a toll named as the subject further back: "The death toll from
// Saturday's truck bombing in the Somali capital has risen to 276". The words between
// the number and k must hold a revision verb or "at"; the toll noun must stand within 15
// tokens, with no other number or clause break in between.
func (d *doc) tollSubject(k, i, first int) (report.Category, int, bool) {
	linked := false
	for j := k + 1; j < i; j++ {
		if updateWords[d.norm(j)] || d.norm(j) == "at" || d.norm(j) == "stands" || d.norm(j) == "stood" {
			linked = true
		}
	}
	if !linked {
		return "", 0, false
	}
	for j := k; j >= first && j > k-15; j-- {
		if m, ok := d.casualtyEndingAt(j); ok {
			if m.Entry.Attr("noun") == "1" {
				return report.Category(m.Entry.Category), m.Start, true
			}
			return "", 0, false
		}
		t := d.Tokens[j]
		if t.Kind == segment.Number || t.Kind == segment.Punct && t.Norm != "'s" && t.Norm != "-" {
			return "", 0, false
		}
	}
	return "", 0, false
}

// roleAt names what the words after a number count: a people role, "unit" for things that
// are not people ("years", "teams"), or "" when nothing is said.
func (d *doc) roleAt(k, last int) string {
	for ; k < last; k++ {
		if pm, ok := d.peopleAt(k); ok {
			return pm.Entry.Category
		}
		n := d.norm(k)
		if unitNouns[n] {
			return "unit"
		}
		if figureModifiers[n] || d.capWord(k) {
			continue
		}
		return ""
	}
	return ""
}

// peopleEnd returns the token after the people noun that follows a number, or 0.
func (d *doc) peopleEnd(k, last int) int {
	for steps := 0; k < last && steps < 4; k, steps = k+1, steps+1 {
		if pm, ok := d.peopleAt(k); ok {
			return pm.End
		}
		if !figureModifiers[d.norm(k)] && !d.capWord(k) {
			return 0
		}
	}
	return 0
}

// otherIncident reports whether sentence s speaks of other incidents or cumulative totals:
// "since 2017", "a separate attack", "so far this year", "in one incident", or, outside the
// lead, a sentence that opens on another time ("In April, ...", "Last month ...").
func (d *doc) otherIncident(s int) bool { return d.otherKind(s) != notOther }

// otherAttack reports whether sentence s speaks of another attack ("a separate attack",
// "similar bombings", "In April, ..."), as opposed to a cumulative total ("since 2009").
func (d *doc) otherAttack(s int) bool { return d.otherKind(s) == otherAttackRef }

// What a sentence about other things than the main incident speaks of.
const (
	notOther       = 1 // stored +1 so that 0 means "not yet known"
	cumulativeRef  = 2 // totals over time: "since 2009", "so far this year"
	otherAttackRef = 3 // another attack
)

func (d *doc) otherKind(s int) int8 {
	if d.otherMemo == nil {
		d.otherMemo = make([]int8, len(d.Sentences))
	}
	if m := d.otherMemo[s]; m != 0 {
		return m
	}
	k := d.otherKindOf(s)
	d.otherMemo[s] = k
	return k
}

func (d *doc) otherKindOf(s int) int8 {
	se := d.Sentences[s]
	if s >= leadSentences {
		f, n := d.norm(se.First), d.norm(se.First+1)
		if (f == "in" || f == "last" || f == "earlier" || f == "since") && (months[n] > 0 || n == "month" || n == "year" || n == "week" || len(n) == 4 && atoiSafe(n) > 1900) {
			return otherAttackRef
		}
	}
	kind := int8(notOther)
	for k := se.First; k < se.Last; k++ {
		n := d.norm(k)
		switch n {
		case "previous", "previously", "separate", "separately", "elsewhere", "prior":
			return otherAttackRef
		case "since":
			// "the worst attack since World War II" compares; "since 2009" sums up
			if !d.superlativeBefore(k, se.First) {
				kind = cumulativeRef
			}
		case "cumulative", "overall":
			kind = cumulativeRef
		case "campaign", "insurgency", "decade-long", "decades-long", "history":
			// "ETA has killed more than 800 people in its 36-year campaign"
			if s > 0 {
				kind = cumulativeRef
			}
		case "november", "january", "february", "march", "april", "june", "july", "august", "september", "october", "december":
			// "the November attacks in Paris"
			if k > se.First && d.norm(k-1) == "the" && d.triggerAt(k+1) {
				return otherAttackRef
			}
		case "after", "before":
			// "The strike came three days after a suicide bombing ... killed 13", "Hours
			// before the raid, a car bomb ... killed at least 75"
			if s >= leadSentences && k > se.First && unitNouns[d.norm(k-1)] {
				for j := k + 1; j < se.Last && j < k+6; j++ {
					if d.triggerAt(j) {
						return otherAttackRef
					}
				}
			}
		case "that":
			// "... said his group had carried out that bombing", right after another attack
			if s > 0 && d.triggerAt(k+1) && d.otherKind(s-1) == otherAttackRef {
				return otherAttackRef
			}
		case "another", "similar", "earlier":
			// "similar bombings", "another attack", "an earlier shooting"
			if nx := d.norm(k + 1); nx == "incident" || nx == "incidents" || d.triggerAt(k+1) {
				return otherAttackRef
			}
		case "year":
			// "in the first half of the year", "this year" (outside the first sentence)
			if s > 0 && (d.norm(k-1) == "the" || d.norm(k-1) == "this") {
				kind = cumulativeRef
			}
		case "one":
			if k > se.First && d.norm(k-1) == "in" && (d.norm(k+1) == "incident" || d.norm(k+1) == "attack") {
				return otherAttackRef
			}
		case "this", "last", "past":
			if nx := d.norm(k + 1); nx == "year" || nx == "month" || nx == "decade" || nx == "years" || nx == "months" {
				kind = cumulativeRef
			}
		case "so":
			if d.norm(k+1) == "far" {
				kind = cumulativeRef
			}
		case "end":
			if k >= se.First+2 && d.norm(k-1) == "the" && d.norm(k-2) == "by" {
				kind = cumulativeRef // "by the end of 1972, 496 had been killed"
			}
		}
		if s > 0 && (strings.HasSuffix(n, "-year") || strings.HasSuffix(n, "-year-long") || strings.HasSuffix(n, "-month")) && d.Tokens[k].Kind == segment.Word && n[0] >= '0' && n[0] <= '9' && !strings.Contains(n, "old") {
			kind = cumulativeRef // "in its 36-year campaign"
		}
		if d.Tokens[k].Kind == segment.Number && len(n) == 4 && d.anchor != nil {
			if y := atoiSafe(n); y >= 1900 && y < d.anchor.Year() {
				if d.triggerAt(k + 1) {
					return otherAttackRef // "the 2017 attack"
				}
				kind = cumulativeRef
			}
		}
	}
	return kind
}

func atoiSafe(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// chooseBest marks, per category, the figure the incident record uses: revised tolls
// first, then the largest total among the main incident's figures; never a subset, a
// partial count, the attackers' own dead or another incident's figure.
func chooseBest(fs []figure) {
	for _, c := range report.Categories {
		best := -1
		for i := range fs {
			f := &fs[i]
			if f.Category != c || f.SubsetOf != nil || f.partial || f.attackers || f.other {
				continue
			}
			if best < 0 {
				best = i
				continue
			}
			b := &fs[best]
			switch {
			case f.militant != b.militant && (f.role == "victim" || f.role == "security" || b.role == "victim" || b.role == "security"):
				// militants may be the attackers: named victims or troops come first
				if b.militant {
					best = i
				}
			case f.withAttackers != b.withAttackers:
				// a total with the attackers' dead yields to one of the victims alone
				if b.withAttackers {
					best = i
				}
			case f.stale != b.stale:
				if b.stale {
					best = i
				}
			case f.update && !b.update:
				best = i
			case f.update == b.update && lowerBound(f) > lowerBound(b):
				best = i
			case f.update == b.update && lowerBound(f) == lowerBound(b) && b.Source == nil && f.Source != nil:
				best = i
			}
		}
		if best >= 0 {
			fs[best].Best = true
		}
	}
}

func lowerBound(f *figure) int {
	if f.Min != nil {
		return *f.Min
	}
	return f.Value
}

// listBefore reads the counted groups listed before token i ("eight women, a girl and"),
// each a number (or "a") and a people noun, joined by commas and "and". It returns their
// sum and first token when at least one group is listed.
func (d *doc) listBefore(i, first int) (int, int, bool) {
	sum, start, items := 0, i, 0
	k := i - 1
	for k > first {
		if d.norm(k) != "and" && d.norm(k) != "," {
			break
		}
		k--
		if d.norm(k) == "," {
			k--
		}
		j, ok := d.groupBefore(k, first)
		if !ok {
			break
		}
		v, ok := wordValue(d.norm(j))
		if !ok {
			break
		}
		sum += v
		start = j
		items++
		k = j - 1
	}
	return sum, start, items > 0
}

// singularFigures counts people named one at a time before a casualty word: "an Afghani
// injured", "a policeman was killed", and lists that end in one ("two other Americans and
// an Afghani injured").
func (d *doc) singularFigures(s int) {
	se := d.Sentences[s]
	for _, m := range d.sentMatches(d.casualty, s) {
		if m.Entry.Attr("pos") == "pre" {
			continue
		}
		if nx := m.End; nx < se.Last {
			// "A gunman killed 49 people": the verb is active, the gunman its subject
			if _, ok := d.peopleAt(nx); ok || d.Tokens[nx].Kind == segment.Number || d.norm(nx) == "a" || d.norm(nx) == "an" || d.norm(nx) == "the" {
				continue
			}
			if _, ok := wordValue(d.norm(nx)); ok && d.norm(nx) != "a" {
				continue
			}
		}
		j := m.Start - 1
		for j > se.First && figureAux[d.norm(j)] {
			j--
		}
		if j <= se.First {
			continue
		}
		if d.norm(j) == "," {
			// "A local commander of X, a pro-Assad militia, was also killed"
			k, ok := d.openingComma(j, se.First, 10)
			if !ok {
				continue
			}
			j = k - 1
			// "a commander of Syria's National Defense Forces": back to the head noun
			for h := j; h > se.First && j-h < 8; h-- {
				if d.norm(h) == "of" {
					j = h - 1
					break
				}
			}
		}
		if (d.norm(j) == "him" || d.norm(j) == "her") && j > se.First && d.triggerAt(j-1) {
			// "shot him dead": one person; "police shot him dead": the attacker
			role := "victim"
			if j > se.First+1 && securityWords[d.norm(j-2)] {
				role = "attacker"
			}
			d.exactFigure(s, report.Category(m.Entry.Category), 1, j-1, m.End, j, role)
			continue
		}
		k, ok := d.groupBefore(j, se.First)
		if !ok || d.norm(k) != "a" && d.norm(k) != "an" {
			continue
		}
		if pm, ok := d.casualtyEndingAt(k - 1); ok && pm.Start < k {
			continue // "killed a soldier": read by singularObjects
		}
		if d.norm(k-1) == "of" || d.norm(k-1) == "as" {
			continue // "the death of a soldier", "as a soldier"
		}
		value, start := 1, k
		if sum, first, ok := d.listBefore(k, se.First); ok {
			value += sum
			start = first
		}
		role := "victim"
		if pm, ok := d.peopleEndingAt(j); ok {
			role = pm.Entry.Category
		}
		d.exactFigure(s, report.Category(m.Entry.Category), value, start, m.End, k, role)
	}
}

// singularObjects counts one person named after a casualty verb: "killed a senior
// commander", "wounding a policeman".
func (d *doc) singularObjects(s int) {
	se := d.Sentences[s]
	for _, m := range d.sentMatches(d.casualty, s) {
		if m.Entry.Attr("pos") == "post" || m.End >= se.Last {
			continue
		}
		k := m.End
		if d.norm(k) == "him" || d.norm(k) == "her" {
			// "killing him", "wounding her": one person
			d.exactFigure(s, report.Category(m.Entry.Category), 1, m.Start, k+1, k, "victim")
			continue
		}
		if d.norm(k) != "a" && d.norm(k) != "an" && d.norm(k) != "his" && d.norm(k) != "her" {
			continue
		}
		j := k + 1
		for j < se.Last && j < k+5 && (figureModifiers[d.norm(j)] || d.capWord(j) || d.entity[j] || strings.Contains(d.norm(j), "-")) {
			if _, ok := d.peopleAt(j); ok {
				break
			}
			j++
		}
		pm, ok := d.peopleAt(j)
		if !ok {
			continue
		}
		d.exactFigure(s, report.Category(m.Entry.Category), 1, m.Start, pm.End, k, pm.Entry.Category)
	}
}

// exactFigure records an exact count of value people, evidenced by tokens [first, last)
// of sentence s, in category cat; tok is where its source is looked for.
func (d *doc) exactFigure(s int, cat report.Category, value, first, last, tok int, role string) {
	f := figure{sent: s, numFirst: first, numLast: first + 1, role: role, single: value == 1}
	f.attackers = role == "attacker"
	f.militant = role == "militant"
	f.Category = cat
	f.Value, f.Min, f.Max, f.Qualifier = value, report.Int(value), report.Int(value), report.Exact
	f.Span = d.span(first, last)
	f.Source = d.sourceAt(s, tok)
	f.other = d.otherIncident(s)
	d.figures = append(d.figures, f)
}

// groupBefore reads one counted group that ends at token k, right to left: a people noun or
// a capitalised nationality, up to three modifiers, and the determiner or number before
// them ("a 10-year-old girl", "two other Americans"). It returns the determiner's token.
func (d *doc) groupBefore(k, first int) (int, bool) {
	head := k
	if pm, ok := d.peopleEndingAt(k); ok {
		head = pm.Start
	} else if !d.capWord(k) {
		return 0, false
	}
	j := head - 1
	for j > first && j > head-4 && (figureModifiers[d.norm(j)] || d.capWord(j) || strings.Contains(d.norm(j), "-")) &&
		d.Tokens[j].Kind == segment.Word && d.norm(j) != "a" && d.norm(j) != "an" {
		j--
	}
	return j, j >= first
}

// superlativeBefore reports whether a superlative stands shortly before token k: "the
// deadliest attack since", "the first ... since".
func (d *doc) superlativeBefore(k, first int) bool {
	for j := k - 1; j >= first && j >= k-8; j-- {
		n := d.norm(j)
		if n == "first" || n == "worst" || n == "most" || strings.HasSuffix(n, "iest") || n == "biggest" || n == "largest" {
			return true
		}
	}
	return false
}

// addSingles sums people counted one at a time when the report gives no number for them:
// "a major general was killed ... A local commander ... was also reportedly killed" is 2.
// The sum becomes the best figure, its evidence running from the first mention to the
// last; it only applies when the best figure of the category is itself such a single.
func (d *doc) addSingles(fs []figure) []figure {
	for _, c := range []report.Category{report.Killed, report.Injured} {
		var singles []int
		bestSingle := false
		for i, f := range fs {
			if f.Category != c || f.other || f.attackers || f.partial || f.SubsetOf != nil {
				continue
			}
			if !f.single {
				continue
			}
			if f.Best {
				bestSingle = true
			}
			singles = append(singles, i)
		}
		if !bestSingle || len(singles) < 2 {
			continue
		}
		// only people added with "also", "too", "another": not the same person twice
		n := 1
		last := singles[0]
		for _, i := range singles[1:] {
			if d.addsTo(fs[i].sent) && fs[i].sent != fs[last].sent {
				n++
				last = i
			}
		}
		if n < 2 {
			continue
		}
		first := fs[singles[0]]
		sum := first
		sum.Value, sum.Min, sum.Max = n, report.Int(n), report.Int(n)
		sum.Span = report.Span{Start: first.Span.Start, End: fs[last].Span.End}
		sum.single = false
		for _, i := range singles {
			fs[i].Best = false
		}
		sum.Best = true
		fs = append(fs, sum)
	}
	return fs
}

// addsTo reports whether sentence s adds people to a count already made: "was also
// killed", "another soldier died".
func (d *doc) addsTo(s int) bool {
	se := d.Sentences[s]
	for k := se.First; k < se.Last; k++ {
		switch d.norm(k) {
		case "also", "too", "another", "additionally", "second":
			return true
		}
	}
	return false
}
