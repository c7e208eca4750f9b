package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/lexicon"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// leadSentences is how many sentences from the top count as the lead, where news
// reports state the main incident.
const leadSentences = 3

// typePriority breaks ties between incident types with equal evidence: the more specific
// reading wins.
var typePriority = map[report.IncidentType]int{
	report.TypeVehicleRamming: 8, report.TypeStabbing: 7, report.TypeAssassination: 6, report.TypeKidnapping: 5,
	report.TypeAirDroneStrike: 4, report.TypeBombing: 3, report.TypeArmedAssault: 2, report.TypeArson: 1,
}

// weight of a sentence's evidence by where it stands: the lead tells the main incident.
func (d *doc) weight(s int) int {
	switch {
	case s == 0:
		return 3
	case s < leadSentences:
		return 2
	}
	return 1
}

// incident decides whether the report describes a violent incident and, if so, builds
// the main one: type, stage, date, place, figures, perpetrators, weapons, targets.
func (d *doc) incident() (report.Incident, bool) {
	scores := map[report.IncidentType]int{}
	firstSeen := map[report.IncidentType]int{} // token of the first trigger of each type
	generic := 0
	leadEvidence := false
	main := -1 // the sentence that best states the main incident
	mainScore := 0
	stageScore := map[string]int{}
	for s := range d.Sentences {
		if d.otherIncident(s) && s >= leadSentences {
			continue
		}
		w := d.weight(s)
		sentScore := 0
		for _, t := range d.sentMatches(d.stages, s) {
			stageScore[t.Entry.Category] += atoiSafe(t.Entry.Attr("w")) * w
		}
		if d.rammingIn(s) {
			scores[report.TypeVehicleRamming] += 5 * w
			sentScore += 10
			if _, ok := firstSeen[report.TypeVehicleRamming]; !ok {
				firstSeen[report.TypeVehicleRamming] = d.Sentences[s].First
			}
		}
		for _, t := range d.sentMatches(d.triggers, s) {
			tw := atoiSafe(t.Entry.Attr("w"))
			if d.byForces(t) {
				continue // "the driver was shot dead by police": the response, not the attack
			}
			switch {
			case t.Entry.Attr("generic") != "":
				generic += tw * w
				sentScore += tw
			default:
				it := report.IncidentType(t.Entry.Category)
				scores[it] += tw * w
				if _, ok := firstSeen[it]; !ok {
					firstSeen[it] = t.Start
				}
				sentScore += tw * 2
			}
		}
		if sentScore > 0 && s < leadSentences {
			leadEvidence = true
		}
		// the main sentence: the first of the lead that reports the attack, else the
		// sentence with the strongest evidence
		if sentScore*w > mainScore && (main < 0 || main >= leadSentences || mainScore < 4) {
			main, mainScore = s, sentScore*w
		}
	}
	typed := 0
	for _, v := range scores {
		typed += v
	}
	nFig := 0
	for _, f := range d.figures {
		if !f.other && f.Value > 0 && (f.Category == report.Killed || f.Category == report.Injured) {
			nFig++
		}
	}
	if !leadEvidence || typed+generic+stageScore["foiled"]+stageScore["attempted"] < 8 || (typed == 0 && nFig == 0) {
		return report.Incident{}, false
	}
	if d.judicialLead() || d.longAgo(main) {
		return report.Incident{}, false
	}
	inc := report.Incident{Type: report.TypeOther, Stage: report.StageAccomplished}
	inc.Location = d.location(main)
	// sentences about an attack in another city do not tell this incident's type
	for s := leadSentences; s < len(d.Sentences); s++ {
		if d.otherIncident(s) || !d.otherPlace(s, inc.Location) {
			continue
		}
		for _, t := range d.sentMatches(d.triggers, s) {
			if t.Entry.Attr("generic") == "" {
				scores[report.IncidentType(t.Entry.Category)] -= atoiSafe(t.Entry.Attr("w"))
			}
		}
	}
	best := 0
	for t, v := range scores {
		// equal evidence: the type named first wins, then the more specific
		if v > best || (v == best && (firstSeen[t] < firstSeen[inc.Type] || firstSeen[t] == firstSeen[inc.Type] && typePriority[t] > typePriority[inc.Type])) {
			inc.Type, best = t, v
		}
	}
	if inc.Type == report.TypeOther && best == 0 {
		// no typed trigger: read the type from the weapons
		inc.Type = d.typeFromWeapons()
	}
	if inc.Type == report.TypeOther && main >= 0 {
		// "Militants attacked a police station": armed men attacking, nothing else said
		for _, p := range d.sentMatches(d.people, main) {
			if p.Entry.Category == "militant" || p.Entry.Category == "attacker" {
				inc.Type = report.TypeArmedAssault
				break
			}
		}
	}
	if (inc.Type == report.TypeArmedAssault || inc.Type == report.TypeBombing) && d.prominentVictim(main) {
		inc.Type = report.TypeAssassination
	}
	if stageScore["foiled"] >= 6 && nFig == 0 {
		inc.Stage = report.StageFoiled
	} else if stageScore["attempted"] >= 6 && nFig == 0 {
		inc.Stage = report.StageAttempted
	}
	inc.Date = d.date(main)
	d.markOtherPlaces(inc.Location)
	d.markOtherDays(inc.Date)
	chooseBest(d.figures)
	d.figures = d.addSingles(d.figures)
	for _, f := range d.figures {
		switch {
		case f.other:
			f.Context = report.ContextOtherIncident
		case f.attackers:
			f.Context = report.ContextAttackers
		case f.partial:
			f.Context = report.ContextPartial
		case f.stale && !f.Best:
			f.Context = report.ContextEarlier
		}
		inc.Figures = append(inc.Figures, f.Figure)
	}
	deriveInjured(&inc)
	inc.Perpetrators = d.mergedPerps()
	inc.Weapons = d.weaponsOf(inc.Type, inc.Location)
	inc.Targets, inc.Victims = d.targetsAndVictims(main)
	return inc, true
}

func (d *doc) typeFromWeapons() report.IncidentType {
	for _, w := range d.weapons {
		switch report.WeaponCategory(w.Entry.Category) {
		case report.WeaponExplosives:
			return report.TypeBombing
		case report.WeaponFirearms:
			return report.TypeArmedAssault
		case report.WeaponMelee:
			return report.TypeStabbing
		case report.WeaponIncendiary:
			return report.TypeArson
		}
	}
	return report.TypeOther
}

// date picks the date of the main incident: a date in the main sentence, else the first
// in the lead.
func (d *doc) date(main int) *report.Date {
	order := []int{}
	if main >= 0 {
		order = append(order, main)
	}
	about := map[int]bool{}
	for s := 0; s < leadSentences && s < len(d.Sentences); s++ {
		// the rest of the lead: sentences about the attack or its toll first; the others
		// only for a full date ("on Friday, 21 July 1972"), not for "on Tuesday"
		if s != main {
			order = append(order, s)
			about[s] = d.hasTrigger(s) || len(d.sentMatches(d.casualty, s)) > 0
		}
	}
	rank := func(s int) int {
		switch {
		case s == main:
			return 0
		case about[s]:
			return 1
		}
		return 2
	}
	sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
	var best *report.Date
	bestScore := 0
	for _, s := range order {
		se := d.Sentences[s]
		var pick *DateMention
		ms := findDates(d.Doc, se.First, se.Last, d.anchor)
		for i := range ms {
			m := &ms[i]
			if d.Tokens[m.First].Start < d.body {
				continue // the dateline's own date is the report's, not the incident's
			}
			if s != main && !about[s] && !(m.Absolute && m.Year != 0) {
				continue
			}
			// the date of the attack rather than of a statement: "Thursday night's attack"
			// beats "said on Saturday"; then a date that can be worked out ("Friday, 21 July
			// 1972"); then the first
			if pick == nil || d.dateScore(m) > d.dateScore(pick) || d.dateScore(m) == d.dateScore(pick) && pick.Value == nil && m.Value != nil {
				pick = m
			}
		}
		if pick != nil {
			dt := &report.Date{Text: d.text(pick.First, pick.Last), Span: d.span(pick.First, pick.Last)}
			if pick.Value != nil {
				dt.Value = report.Str(pick.Value.Format("2006-01-02"))
			}
			sc := d.dateScore(pick)
			if sc >= 0 {
				if best == nil || sc > bestScore {
					return dt
				}
				return best
			}
			// a statement's date ("parents said on Tuesday"): keep looking for the attack's
			if best == nil {
				best, bestScore = dt, sc
			}
		}
	}
	return best
}

// venueWords are words that make a capitalised name a place ("Crocus City Hall",
// "Camp Shorabak", "Rue Victor Hugo").
var venueWords = set(`hall center centre mall market bazaar mosque church cathedral temple synagogue shrine hotel
stadium arena airport station bridge square street road avenue boulevard university school college hospital
camp base embassy consulate club theatre theater restaurant cafe café cafeteria cafetería bar pub park building
tower plaza palace prison jail checkpoint rue calle via avenida plaza fort barracks compound office headquarters
ministry parliament court complex venue terminal port harbour harbor village district neighbourhood neighborhood`)

// location picks the place of the main incident: a named venue and the most specific
// gazetteer place in the main sentence or the lead, else the first city named in a sentence
// that reports the attack, else the city named most often; the country comes from the
// place, else from a country named in the lead or in the attack's sentences, and only then
// from a nationality ("American soldiers" says whose soldiers, not where).
func (d *doc) location(main int) *report.Location {
	order := []int{}
	if main >= 0 {
		order = append(order, main)
	}
	for s := 0; s < leadSentences+2 && s < len(d.Sentences); s++ {
		if s != main {
			order = append(order, s)
		}
	}
	var venue string
	var venueSpan report.Span
	var city, admin, country, demonym *lexicon.Match
	countryLoc := false
	var dateline *lexicon.Match
	town, townSpan := "", report.Span{}
	take := func(s int) {
		for _, g := range d.sentMatches(d.geo, s) {
			g := g
			if g.Entry.Category == "admin" {
				// "Kabul" is the city before the province of the same name (in the same
				// country: "Bali" the Indonesian province is no town in India)
				for _, e := range d.geoM.Alternatives(g) {
					if e.Category == "city" && e.Attr("country") == g.Entry.Attr("country") {
						g.Entry = e
						break
					}
				}
			}
			if !d.properNoun(g) || (g.Entry.Category == "city" && d.inName(g)) || d.ofName(g) {
				continue
			}
			if d.Tokens[g.Start].Start < d.body {
				// the dateline says where the report was filed: the incident's place only
				// when the report names no other
				if dateline == nil && g.Entry.Category == "city" {
					dateline = &g
				}
				continue
			}
			if town == "" && (g.Entry.Category == "admin" || g.Entry.Category == "country") && !g.IsDemonym() {
				// "in Gajiganna, Borno state": a town the gazetteer lacks, placed by its region
				if t, sp, ok := d.townBefore(g); ok {
					town, townSpan = t, sp
				}
			}
			switch {
			case g.IsDemonym():
				if demonym == nil && g.Entry.Category == "country" {
					demonym = &g
				}
			case g.Entry.Category == "city":
				if city == nil && !d.motionTo(g) {
					city = &g
				}
			case g.Entry.Category == "admin":
				if admin == nil {
					admin = &g
				}
			case g.Entry.Category == "country":
				// "in Afghanistan" says where; "U.S. Air Force" says whose
				locative := g.Start > 0 && (d.norm(g.Start-1) == "in" || d.norm(g.Start-1) == "near" || d.norm(g.Start-1) == "across" || d.norm(g.Start-1) == "outside")
				if country == nil || locative && !countryLoc {
					country = &g
					countryLoc = locative
				}
			}
		}
	}
	for _, s := range order {
		if s != main && d.otherIncident(s) {
			continue // "In a separate attack in Mosul, ..."
		}
		if venue == "" && (s == main || s == 0) {
			// a venue named where the report states the attack; later sentences name
			// streets and buildings around it
			venue, venueSpan = d.venueIn(s)
		}
		if city == nil {
			city = d.capitalIn(s)
		}
		take(s)
	}
	if city == nil || !countryLoc {
		// the attack's other sentences
		for s := range d.Sentences {
			if d.hasTrigger(s) && !d.otherIncident(s) {
				take(s)
			}
		}
	}
	if city == nil {
		city = d.frequentCity()
	}
	if city == nil && town == "" && main >= 0 {
		// "in Bagram, a suicide bomber ...": a place the gazetteer lacks, in the main sentence
		town, townSpan = d.unknownPlaceIn(main)
	}
	if city == nil && admin == nil && town == "" {
		city = dateline
	}
	if city != nil && d.Tokens[city.Start].Start < d.body {
		// the dateline's "NAIROBI": quote the body's "Nairobi" when it names it too
		for _, g := range d.geo {
			if g.Entry == city.Entry && d.Tokens[g.Start].Start >= d.body {
				g := g
				city = &g
				break
			}
		}
	}
	countryName := ""
	if country != nil {
		countryName = country.Entry.Canonical
	}
	loc := &report.Location{}
	var spanOf *lexicon.Match
	if city != nil {
		spanOf = city
		e := d.pickPlace(*city, countryName)
		loc.Place = report.Str(matchText(d, *city))
		if city.Phrase != "" && city.Phrase == e.Canonical && !strings.EqualFold(matchText(d, *city), e.Canonical) {
			loc.Place = report.Str(plainName(e)) // "the Iraqi capital" → "Baghdad"
		}
		if c := e.Attr("country"); c != "" {
			countryName = c
		}
		if a := e.Attr("admin"); a != "" {
			loc.Admin = report.Str(a)
		}
	}
	if admin != nil {
		if loc.Admin == nil || city == nil {
			loc.Admin = report.Str(matchText(d, *admin))
		}
		if countryName == "" {
			countryName = admin.Entry.Attr("country")
		}
		if spanOf == nil {
			spanOf = admin
			loc.Place = report.Str(adminName(matchText(d, *admin)))
		}
	}
	if city == nil && town != "" {
		loc.Place = report.Str(town)
		spanOf = nil
		loc.Span = townSpan
	}
	if countryName == "" && d.in.Dateline != "" {
		if e, ok := lexicon.Country(strings.TrimSpace(strings.Split(d.in.Dateline, ",")[0])); ok {
			countryName = e.Canonical
		}
	}
	if countryName == "" && demonym != nil {
		countryName = demonym.Entry.Canonical
	}
	loc.Country = report.Str(countryName)
	if venue != "" {
		// the venue is the most specific place; the city it stands in goes to City
		if loc.Place != nil && !strings.Contains(strings.ToLower(venue), strings.ToLower(*loc.Place)) {
			loc.City = loc.Place
		}
		loc.Place = report.Str(venue)
		loc.Span = venueSpan
	} else if spanOf != nil {
		loc.Span = d.span(spanOf.Start, spanOf.End)
	} else if town != "" {
		loc.Span = townSpan
	} else if country != nil {
		loc.Span = d.span(country.Start, country.End)
	}
	if loc.Place == nil && loc.Country == nil {
		return nil
	}
	return loc
}

// pickPlace chooses among places sharing a name the one in the named country, else the
// most populous.
func (d *doc) pickPlace(m lexicon.Match, country string) *lexicon.Entry {
	alts := d.geoM.Alternatives(m)
	if country != "" {
		for _, e := range alts {
			if e.Category == "city" && e.Attr("country") == country {
				return e
			}
		}
	}
	for _, e := range alts {
		if e.Category == "city" {
			return e // the most populous: places.tsv is ordered so
		}
	}
	return m.Entry
}

// venueIn finds a named venue in sentence s: a capitalised name holding a venue word,
// after "at", "in", "on", "near", "outside" or "inside".
func (d *doc) venueIn(s int) (string, report.Span) {
	if d.AllCaps {
		return "", report.Span{}
	}
	// names that hold their kind ("Calle del Correo", "Crocus City Hall") before names
	// followed by it ("the Rolando cafe")
	for _, kindAfter := range []bool{false, true} {
		if v, sp := d.venueNamed(s, kindAfter); v != "" {
			return v, sp
		}
	}
	return "", report.Span{}
}

func (d *doc) venueNamed(s int, kindAfter bool) (string, report.Span) {
	se := d.Sentences[s]
	for i := se.First; i < se.Last; i++ {
		switch d.norm(i) {
		case "at", "in", "on", "near", "outside", "inside", "into", "targeting", "attacked", "stormed":
		default:
			continue
		}
		j := i + 1
		if d.norm(j) == "the" || d.norm(j) == "a" {
			j++
		}
		k := j
		hasVenue := false
		for k < se.Last && (d.capWord(k) || (k > j && (d.norm(k) == "de" || d.norm(k) == "del" || d.norm(k) == "of" || d.norm(k) == "la")) && d.capWord(k+1)) {
			if venueWords[d.norm(k)] {
				hasVenue = true
			}
			k++
		}
		if kindAfter && k > j && !hasVenue && k < se.Last && venueWords[d.norm(k)] && !d.capWord(k) && !d.allEntity(j, k) {
			// "the Radisson Blu hotel", "the Al Noor mosque": the name and its kind
			hasVenue = true
			k++
		}
		if k > j && hasVenue && !d.isGroupAt(j) {
			return d.text(j, k), d.span(j, k)
		}
	}
	return "", report.Span{}
}

func (d *doc) isGroupAt(i int) bool {
	for _, g := range d.groups {
		if g.Start == i && g.Entry.Category != "country" {
			return true
		}
	}
	return false
}

// weaponsOf lists the weapons named in sentences about the incident, one per category
// and wording; vehicles only when the incident is a ramming.
func (d *doc) weaponsOf(t report.IncidentType, loc *report.Location) []report.Weapon {
	var out []report.Weapon
	seen := map[string]bool{}
	for _, w := range d.weapons {
		s := d.SentenceOf(w.Start)
		if d.otherIncident(s) && s >= leadSentences || s >= leadSentences && d.otherPlace(s, loc) {
			continue
		}
		if w.Entry.Attr("needs") == "ramming" && t != report.TypeVehicleRamming {
			continue
		}
		txt := matchText(d, w)
		key := w.Entry.Category + "|" + strings.ToLower(txt)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, report.Weapon{Category: report.WeaponCategory(w.Entry.Category), Text: txt, Span: d.span(w.Start, w.End)})
	}
	// "weapons" and the like say nothing once a specific category is known
	specific := false
	for _, w := range out {
		if w.Category != report.WeaponOther {
			specific = true
		}
	}
	if specific {
		kept := out[:0]
		for _, w := range out {
			if w.Category != report.WeaponOther {
				kept = append(kept, w)
			}
		}
		out = kept
	}
	// the attack itself names its weapon: a blast is explosives, gunfire firearms
	if c, ok := impliedWeapon[t]; ok {
		has := false
		for _, w := range out {
			if w.Category == c {
				has = true
			}
		}
		if !has {
			for _, tr := range d.triggers {
				if tr.Entry.Category == string(t) && !d.otherIncident(d.SentenceOf(tr.Start)) {
					out = append(out, report.Weapon{Category: c, Text: matchText(d, tr), Span: d.span(tr.Start, tr.End)})
					break
				}
			}
		}
	}
	return out
}

// impliedWeapon is the weapon category an incident type implies.
var impliedWeapon = map[report.IncidentType]report.WeaponCategory{
	report.TypeBombing: report.WeaponExplosives, report.TypeArmedAssault: report.WeaponFirearms,
	report.TypeStabbing: report.WeaponMelee, report.TypeVehicleRamming: report.WeaponVehicle,
	report.TypeArson: report.WeaponIncendiary, report.TypeAirDroneStrike: report.WeaponAircraft,
}

// targetsAndVictims names the venue attacked and the people a figure or the main sentence
// counts.
func (d *doc) targetsAndVictims(main int) ([]report.Target, []report.Victim) {
	var ts []report.Target
	var vs []report.Victim
	if main >= 0 {
		if v, sp := d.venueIn(main); v != "" {
			ts = append(ts, report.Target{Text: v, Kind: "venue", Span: sp})
		}
	}
	seen := map[string]bool{}
	for _, f := range d.figures {
		if f.other || f.attackers {
			continue
		}
		for _, p := range d.sentMatches(d.people, f.sent) {
			// the people the figure counts: inside its evidence
			if p.Entry.Category == "attacker" || p.Entry.Category == "responder" ||
				d.Tokens[p.Start].Start < f.Span.Start || d.Tokens[p.End-1].End > f.Span.End {
				continue
			}
			t := strings.ToLower(matchText(d, p))
			if seen[t] {
				continue
			}
			seen[t] = true
			vs = append(vs, report.Victim{Text: matchText(d, p), Span: d.span(p.Start, p.End)})
		}
	}
	return ts, vs
}

// inName reports whether a city match is part of a longer capitalised name, such as a
// person's ("Alejandro Pérez") or an organisation's: a capitalised word right before it
// that does not start its sentence.
func (d *doc) inName(g lexicon.Match) bool {
	k := g.Start - 1
	if k < 0 || !d.capWord(k) {
		return false
	}
	s := d.SentenceOf(g.Start)
	return k != d.Sentences[s].First
}

// frequentCity returns the city named most often (at least twice) outside sentences about
// other incidents.
func (d *doc) frequentCity() *lexicon.Match {
	count := map[string]int{}
	first := map[string]lexicon.Match{}
	for _, g := range d.geo {
		if g.Entry.Category != "city" || g.IsDemonym() || d.inName(g) || d.capWord(g.End) {
			continue
		}
		if d.otherIncident(d.SentenceOf(g.Start)) {
			continue
		}
		count[g.Entry.ID]++
		if _, ok := first[g.Entry.ID]; !ok {
			first[g.Entry.ID] = g
		}
	}
	bestID, best := "", 1
	for id, n := range count {
		if n > best || n == best && bestID != "" && first[id].Start < first[bestID].Start {
			bestID, best = id, n
		}
	}
	if bestID == "" {
		return nil
	}
	m := first[bestID]
	return &m
}

// markOtherPlaces sets aside figures, outside the lead, from sentences that name another
// city than the incident's ("Five people were killed ... in Strasbourg").
func (d *doc) markOtherPlaces(loc *report.Location) {
	if loc == nil || loc.Place == nil {
		return
	}
	for i := range d.figures {
		f := &d.figures[i]
		if f.other || f.sent < leadSentences {
			continue
		}
		f.other = d.otherPlace(f.sent, loc)
	}
}

// otherPlace reports whether sentence s names a city other than the incident's.
func (d *doc) otherPlace(s int, loc *report.Location) bool {
	if loc == nil || loc.Place == nil {
		return false
	}
	place := strings.ToLower(*loc.Place)
	for _, g := range d.sentMatches(d.geo, s) {
		if g.Entry.Category != "city" || g.IsDemonym() || d.inName(g) || !d.properNoun(g) {
			continue
		}
		if nx := d.norm(g.End); personTitles[nx] || speakerWords[nx] && nx != "the" && nx != "of" && nx != "and" {
			continue // "Paris prosecutor", "Kabul police": whose official, not where
		}
		if !strings.Contains(place, strings.ToLower(g.Entry.Canonical)) && !strings.Contains(place, strings.ToLower(matchText(d, g))) {
			return true
		}
	}
	return false
}

// judicialWords mark reports about courts and investigations, which mention an old
// incident without reporting it.
var judicialWords = set(`court courts trial trials pleaded pleads plead guilty convicted convicts convict conviction
sentenced sentencing sentence verdict jury jurors judge magistrate indicted indictment charges charged
testimony testified hearing prosecutors prosecutor appeal acquitted obstruction conspiracy lawyer lawyers
attorney attorneys defendant defendants probe`)

// judicialLead reports whether the top of the report (twice the lead) is about a court case
// rather than an attack: at least four judicial words, two points each, outweigh the
// weights of its attack words.
func (d *doc) judicialLead() bool {
	judicial, attack := 0, 0
	for s := 0; s < 2*leadSentences && s < len(d.Sentences); s++ {
		se := d.Sentences[s]
		for k := se.First; k < se.Last; k++ {
			if judicialWords[d.norm(k)] {
				judicial++
			}
		}
		for _, t := range d.sentMatches(d.triggers, s) {
			if t.Entry.Attr("generic") == "" {
				attack += atoiSafe(t.Entry.Attr("w"))
			}
		}
	}
	return judicial >= 4 && 2*judicial > attack
}

// adminName drops the kind of region from an admin name: "Kandahar province" → "Kandahar".
func adminName(s string) string {
	for _, suf := range []string{" province", " Province", " PROVINCE", " state", " State", " region", " Region",
		" department", " Department", " DEPARTMENT", " governorate", " Governorate", " district", " District", " county", " County", " oblast", " Oblast"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// crowdWords are what a vehicle is driven into in a ramming.
var crowdWords = set(`crowd crowds pedestrians people shoppers worshippers revellers revelers spectators market
marchers protesters demonstrators students tourists passers-by passersby`)

// rammingIn reports whether sentence s tells of a vehicle driven into people: "drove a
// truck into a crowd", "a van ploughed into pedestrians".
func (d *doc) rammingIn(s int) bool {
	se := d.Sentences[s]
	for _, w := range d.sentMatches(d.weapons, s) {
		if w.Entry.Attr("needs") != "ramming" {
			continue
		}
		for k := w.End; k < se.Last && k < w.End+4; k++ {
			if d.norm(k) != "into" && d.norm(k) != "through" {
				continue
			}
			for j := k + 1; j < se.Last && j < k+5; j++ {
				if crowdWords[d.norm(j)] {
					return true
				}
			}
		}
	}
	return false
}

// byForces reports whether a trigger is the security forces' act: "shot dead by police".
func (d *doc) byForces(t lexicon.Match) bool {
	for k := t.End; k < t.End+3 && k < len(d.Tokens); k++ {
		if d.norm(k) != "by" {
			continue
		}
		for j := k + 1; j < k+4 && j < len(d.Tokens); j++ {
			switch d.norm(j) {
			case "police", "officers", "troops", "soldiers", "forces", "security", "army", "commandos", "guards", "policemen":
				return true
			}
		}
	}
	return false
}

// capitalIn resolves "the Iraqi capital", "the Afghan capital" in sentence s to the
// country's capital city, as a match over those words.
func (d *doc) capitalIn(s int) *lexicon.Match {
	for _, g := range d.sentMatches(d.geo, s) {
		if g.Entry.Category != "country" || d.norm(g.End) != "capital" || g.Start == 0 || d.norm(g.Start-1) != "the" {
			continue
		}
		if c := capitals()[g.Entry.Canonical]; c != nil {
			return &lexicon.Match{Start: g.Start - 1, End: g.End + 1, Entry: c, Phrase: c.Canonical}
		}
	}
	return nil
}

// capitals maps a country's canonical name to its capital city in the gazetteer.
var capitals = sync.OnceValue(func() map[string]*lexicon.Entry {
	m := map[string]*lexicon.Entry{}
	for _, e := range lexicon.MustLoad("places").Entries() {
		if e.Attr("capital") == "1" {
			if _, ok := m[e.Attr("country")]; !ok {
				m[e.Attr("country")] = e
			}
		}
	}
	return m
})

// plainName returns an entry's name in plain ASCII when the lexicon lists one ("Baghdad"
// for "Baghdād"), else its canonical name.
func plainName(e *lexicon.Entry) string {
	for _, p := range e.Phrases {
		p = strings.TrimPrefix(p, "=")
		ascii := true
		for i := 0; i < len(p); i++ {
			if p[i] >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			return p
		}
	}
	return e.Canonical
}

// deriveInjured records the hospitalized total as the injured total when the report gives
// no injured figure of its own: an analyst counts the 145 hospitalized as injured.
func deriveInjured(inc *report.Incident) {
	if inc.Best(report.Injured) != nil {
		return
	}
	for _, f := range inc.Figures {
		if f.Category == report.Injured && f.Context == "" {
			return // an injured figure exists, only not chosen
		}
	}
	h := inc.Best(report.Hospitalized)
	if h == nil {
		return
	}
	f := *h
	f.Category = report.Injured
	from := report.Hospitalized
	f.DerivedFrom = &from
	inc.Figures = append(inc.Figures, f)
}

// motionTo reports whether a place is where people went, not where it happened: "fled
// to the state capital Maiduguri", "taken to Kabul".
func (d *doc) motionTo(g lexicon.Match) bool {
	for k := g.Start - 1; k >= 0 && k >= g.Start-4; k-- {
		switch d.norm(k) {
		case "to", "toward", "towards", "from":
			return true
		case "in", "at", "near", "outside", "inside", "of", ",", ".":
			return false
		}
	}
	return false
}

// townBefore reads "in Gajiganna, Borno state": capitalised words after "in", "at" or
// "near" and before a comma that precedes the region g, not themselves a known place.
func (d *doc) townBefore(g lexicon.Match) (string, report.Span, bool) {
	k := g.Start - 1
	if k < 1 || d.norm(k) != "," {
		return "", report.Span{}, false
	}
	z := k
	a := z
	for a > 0 && d.capWord(a-1) && !d.entity[a-1] && z-a < 4 {
		a--
	}
	if a == z || a == 0 {
		return "", report.Span{}, false
	}
	switch d.norm(a - 1) {
	case "in", "at", "near", "outside":
		return d.text(a, z), d.span(a, z), true
	}
	return "", report.Span{}, false
}

// dateScore ranks a date mention as the attack's date: next to an attack word ("Thursday
// night's attack", "attacked on Friday") it scores up, next to a reporting verb ("said on
// Saturday", "told reporters Friday") down.
func (d *doc) dateScore(m *DateMention) int {
	score := 0
	for k := m.Last; k < m.Last+3 && k < len(d.Tokens); k++ {
		if d.triggerAt(k) && !(d.triggers[d.trigStart[k]-1].Entry.ID == "trigger.killing" && (d.norm(k-1) == "of" || d.norm(k-1) == "the")) {
			score += 2 // "Thursday's attack", "yesterday, killing"; not "Tuesday the number of injured"
			break
		}
	}
	for k := m.First - 1; k >= 0 && k >= m.First-3; k-- {
		if reportingVerbs[d.norm(k)] || d.norm(k) == "reporters" {
			score -= 2
			break
		}
		if d.triggerAt(k) || d.casualtyEndsNear(k) {
			score++
			break
		}
	}
	return score
}

// casualtyEndsNear reports whether a casualty word ends at token k.
func (d *doc) casualtyEndsNear(k int) bool {
	_, ok := d.casualtyEndingAt(k)
	return ok
}

// longAgo reports whether the report only looks back at its incident: the lead marks an
// anniversary ("25 years since the bombing", "marks the anniversary") or the main sentence
// dates the attack to another month than the report's ("the bombings that killed more than
// 250 people in April", in a December report).
func (d *doc) longAgo(main int) bool {
	for s := 0; s < leadSentences && s < len(d.Sentences); s++ {
		se := d.Sentences[s]
		for k := se.First; k < se.Last; k++ {
			switch d.norm(k) {
			case "anniversary", "anniversaries", "commemoration", "commemorate", "commemorated":
				// "the anniversary of the bombing"; not "a ceremony marking the anniversary of
				// the killing of General Soleimani", where the new attack struck
				if d.attackAfter(k+1, se.Last) {
					return true
				}
			case "years", "decades":
				if nx := d.norm(k + 1); (nx == "since" || nx == "after" || nx == "ago") && d.attackAfter(k+2, se.Last) {
					return true
				}
			}
		}
	}
	if d.anchor == nil || main < 0 {
		return false
	}
	se := d.Sentences[main]
	for k := se.First; k+1 < se.Last; k++ {
		if d.norm(k) != "in" {
			continue
		}
		m, ok := months[d.norm(k+1)]
		if !ok || d.norm(k+1) == "may" || d.norm(k+1) == "mar" {
			continue
		}
		if _, isDay := wordValue(d.norm(k + 2)); isDay && d.Tokens[k+2].Kind == segment.Number {
			continue // "in April 12" is a full date, read elsewhere
		}
		back := (int(d.anchor.Month()) - m + 12) % 12
		if back >= 2 {
			return true
		}
	}
	return false
}

// markOtherDays sets aside figures, outside the lead, from sentences dated to another day
// than the incident ("... killed 13 U.S. service members on Thursday", in a report of
// Sunday's strike).
func (d *doc) markOtherDays(date *report.Date) {
	if date == nil || date.Value == nil {
		return
	}
	for i := range d.figures {
		f := &d.figures[i]
		if f.other || f.sent < leadSentences {
			continue
		}
		se := d.Sentences[f.sent]
		for _, m := range findDates(d.Doc, se.First, se.Last, d.anchor) {
			// only a date that dates an attack ("Thursday's airport bombing"), not a
			// statement or a revision ("said on Friday", "rose to 50 on Sunday")
			if m.Value != nil && m.Value.Format("2006-01-02") != *date.Value && d.dateScore(&m) > 0 {
				f.other = true
				break
			}
		}
	}
}

// unknownPlaceIn reads "in X," or "near X." in sentence s, where X is one to three
// capitalised words that name no known group, person, place, day or month.
func (d *doc) unknownPlaceIn(s int) (string, report.Span) {
	if d.AllCaps {
		return "", report.Span{}
	}
	se := d.Sentences[s]
	for k := se.First; k+1 < se.Last; k++ {
		switch d.norm(k) {
		case "in", "near", "outside":
		case "of":
			// "the town of Qasr al-Amir", "the village of Gajiganna"
			if p := d.norm(k - 1); p != "town" && p != "city" && p != "village" && p != "district" && p != "province" && p != "region" {
				continue
			}
		default:
			continue
		}
		a := k + 1
		z := a
		for z < se.Last && z < a+3 && (d.capWord(z) || z > a && strings.Contains(d.norm(z), "-") && d.Tokens[z].Kind == segment.Word) && !d.entity[z] {
			if _, wd := weekdays[d.norm(z)]; wd || months[d.norm(z)] > 0 {
				break
			}
			z++
		}
		if z == a || z >= se.Last || d.Tokens[z].Kind != segment.Punct && d.norm(k) != "of" {
			continue
		}
		return d.text(a, z), d.span(a, z)
	}
	return "", report.Span{}
}

// prominentTitles are offices whose holders are targeted by assassinations.
var prominentTitles = set(`president prime minister governor mayor senator congressman congresswoman lawmaker
judge prosecutor ambassador minister general candidate leader chief cleric imam archbishop bishop king queen prince
presidential vice-president deputy chairman journalist editor activist`)

// prominentVictim reports whether the main sentence tells of one prominent, named person
// attacked: a title and a name right after an attack or killing verb ("stormed the home of
// Haitian President Jovenel Moïse ... and shot him dead"), with no toll above two.
func (d *doc) prominentVictim(main int) bool {
	if main < 0 || d.AllCaps {
		return false
	}
	for _, f := range d.figures {
		if f.Category == report.Killed && !f.other && !f.attackers && f.Value > 2 {
			return false
		}
	}
	se := d.Sentences[main]
	for k := se.First; k+1 < se.Last; k++ {
		if !prominentTitles[d.norm(k)] || !d.capWord(k+1) || d.entity[k+1] {
			continue
		}
		// the title is governed by the attack: a trigger or killing word before it
		for j := k - 1; j >= se.First && j >= k-7; j-- {
			if d.triggerAt(j) {
				return true
			}
			if _, ok := d.casualtyAt(j); ok {
				return true
			}
		}
	}
	return false
}

// attackAfter reports whether an attack word (not a mere "killing" or "death") follows
// within five tokens of token k: "of the bombing", "since the attack".
func (d *doc) attackAfter(k, last int) bool {
	for j := k; j < last && j < k+5; j++ {
		if d.triggerAt(j) && d.triggers[d.trigStart[j]-1].Entry.ID != "trigger.killing" {
			return true
		}
	}
	return false
}

// allEntity reports whether tokens [a, z) all belong to known groups or places ("Kabul" in
// "Kabul airport" names the city, not the venue).
func (d *doc) allEntity(a, z int) bool {
	for k := a; k < z; k++ {
		if !d.entity[k] {
			return false
		}
	}
	return true
}
