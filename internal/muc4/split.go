package muc4

import (
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// Splitting a document's fillers into incidents.
//
// The task documentation (template-doc-part1 section 5.0) asks for one template per
// incident: incidents of different types, or of one type at different dates, places or by
// different perpetrators, are separate. The extractor picks the fillers of a document as a
// whole; splitIncidents then reads the incidents the text reports and gives each filler
// to the incident its first mention belongs to:
//
//   - Every sentence with an incident word is an incident mention: its type is the first
//     specific word's type (a bomb or explosion is a BOMBING, a kidnapping a KIDNAPPING,
//     burning or setting fire an ARSON, a robbery a ROBBERY), or generic when it only has attack words
//     (attack, kill, murder, ambush, shoot: ATTACK, but also what every report calls the
//     incident, whatever its type); its date is the first date in the sentence and its
//     place the first known place.
//   - Mentions are read in order; a mention joins the latest incident it is compatible
//     with (types equal or one generic, dates equal or one unknown, places equal, one
//     inside the other, or one unknown), else it opens a new incident. The text must
//     therefore clearly tell incidents apart (different specific types, or different
//     dates or places) for them to be split.
//   - A filler belongs to the incident of the sentence of its first mention, or of the
//     latest mention before it, or else of the first mention after it.
//   - An incident that would only name perpetrators (often a claim or an arrest told
//     apart by its date or place) gives its fillers to the nearest incident with a
//     target, victim or weapon: on dev this keeps template precision up (79.3 -> 81.5)
//     at little cost in recall.
//
// Incidents left without fillers yield no template. When only one incident has fillers,
// the document gets the single template it always had (type from the document model,
// date, place and stage from the first incident sentence), so splitting only changes
// documents with clearly separate incidents. Every filler goes to exactly one template,
// so the document's set of role fillers is the same as without splitting.

// splitTypes are the words that give an incident mention a specific type, by stem prefix;
// generic attack words come last and give "".
var splitTypes = []struct{ stem, typ string }{
	{"bomb", "BOMBING"}, {"car-bomb", "BOMBING"}, {"explo", "BOMBING"}, {"dynamit", "BOMBING"},
	{"detonat", "BOMBING"},
	{"kidnap", "KIDNAPPING"}, {"abduct", "KIDNAPPING"},
	{"arson", "ARSON"}, {"burn", "ARSON"}, {"torch", "ARSON"},
	{"robbery", "ROBBERY"}, {"robberies", "ROBBERY"}, {"robbed", "ROBBERY"}, {"robbing", "ROBBERY"},
	{"stole", "ROBBERY"}, {"steal", "ROBBERY"},
	{"attack", ""}, {"ambush", ""}, {"murder", ""}, {"assassin", ""}, {"kill", ""},
	{"massacre", ""}, {"slain", ""}, {"shot", ""}, {"machinegun", ""}, {"strafe", ""},
}

// splitTypesByFirst indexes splitTypes by the first byte of their stem, in order.
var splitTypesByFirst = func() (out [256][]int) {
	for i, t := range splitTypes {
		out[t.stem[0]] = append(out[t.stem[0]], i)
	}
	return
}()

// exactTypeWords are splitTypes stems that must match the whole word.
var exactTypeWords = wordSet(`robbery robberies robbed robbing stole`)

// mentionType reads a sentence's incident type: ok is false when it has no incident word,
// typ is "" when it has only generic attack words.
func mentionType(a *analysis, s segment.Sentence) (typ string, ok bool) {
	for k := s.First; k < s.Last; k++ {
		if a.seg.Tokens[k].Kind != segment.Word {
			continue
		}
		w := a.norms[k]
		if (w == "fire" || w == "fires") && k > s.First && (strings.HasPrefix(a.norms[k-1], "set") || a.norms[k-1] == "on") {
			return "ARSON", true
		}
		if w == "" {
			continue
		}
		// only the stems starting like w can match it, in splitTypes order
		for _, i := range splitTypesByFirst[w[0]] {
			st := splitTypes[i]
			if !strings.HasPrefix(w, st.stem) || (exactTypeWords[st.stem] && w != st.stem) {
				continue
			}
			if st.typ != "" {
				return st.typ, true
			}
			ok = true
		}
	}
	return "", ok
}

// incident is one incident of a document: where it is reported and what the text says of
// its type, date and place.
type incident struct {
	typ   string // specific type, "" when only generic
	date  string // first date read in its mentions, "" when none
	place string // first place read in its mentions, "" when none
	// ctxPlace is the place of the latest incident before it that has one
	ctxPlace string
	first    int // its first sentence
	last     int // its latest sentence
	fillers  []picked
}

// compatible reports whether a mention of type typ, date and place can belong to in.
func (in *incident) compatible(typ, date, place string) bool {
	return (typ == "" || in.typ == "" || typ == in.typ) &&
		(date == "" || in.date == "" || date == in.date) &&
		placesCompatible(place, in.place)
}

func (in *incident) add(si int, typ, date, place string) {
	in.last = si
	if in.typ == "" {
		in.typ = typ
	}
	if in.date == "" {
		in.date = date
	}
	if len(placeParts(place)) > len(placeParts(in.place)) {
		in.place = place
	}
}

// placeParts splits a key location ("EL SALVADOR: SAN MIGUEL (DEPARTMENT)") into its
// normalised names, without the types.
func placeParts(loc string) []string {
	if loc == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(loc, ":") {
		if k := strings.IndexByte(p, '('); k >= 0 {
			p = p[:k]
		}
		out = append(out, Normalize(p))
	}
	return out
}

// placesCompatible reports whether two locations may name one incident's place: either is
// unknown, or one lies inside the other.
func placesCompatible(x, y string) bool {
	px, py := placeParts(x), placeParts(y)
	if len(px) > len(py) {
		px, py = py, px
	}
	for k := range px {
		if px[k] != py[k] {
			return false
		}
	}
	return true
}

// mentionDate is the first date in sentence s not after the publication date, as the keys
// write it, or "".
func mentionDate(a *analysis, s segment.Sentence, pub time.Time, havePub bool) string {
	for i := s.First; i < s.Last; i++ {
		if d, _, ok := dateAt(a, i, pub, havePub); ok {
			if havePub && d.After(pub) {
				continue
			}
			return FormatKeyDate(d)
		}
	}
	return ""
}

// mentionPlace is the first known place in sentence s, or "".
func (m *Model) mentionPlace(a *analysis, s segment.Sentence) string {
	var arr [128]byte
	var ends [4]int
	for i := s.First; i < s.Last; i++ {
		hi := min(i+4, s.Last)
		b := a.prefixNorms(arr[:0], i, hi, ends[:])
		for j := hi; j > i; j-- {
			if a.seg.Tokens[j-1].Kind == segment.Punct {
				continue
			}
			if loc, ok := m.Places[string(b[:ends[j-1-i]])]; ok {
				return loc
			}
		}
	}
	return ""
}

// splitIncidents reads the incidents of a and gives each filler to one of them. It returns
// the incidents that have fillers, in the order of their first sentence; nil when the
// document has no incident mention.
func (m *Model) splitIncidents(a *analysis, published string, fillers []picked) []*incident {
	pub, havePub := parsePublished(published)
	var incs []*incident
	of := make([]*incident, len(a.seg.Sentences)) // incident of each mention sentence
	for si, s := range a.seg.Sentences {
		typ, ok := mentionType(a, s)
		if !ok {
			continue
		}
		date, place := mentionDate(a, s, pub, havePub), m.mentionPlace(a, s)
		var in *incident
		for _, c := range incs {
			if c.compatible(typ, date, place) && (in == nil || c.last > in.last) {
				in = c
			}
		}
		if in == nil {
			in = &incident{first: si}
			incs = append(incs, in)
		}
		in.add(si, typ, date, place)
		of[si] = in
	}
	if len(incs) == 0 {
		return nil
	}
	for _, f := range fillers {
		in := (*incident)(nil)
		for si := min(f.s.sent, len(of)-1); si >= 0 && in == nil; si-- {
			in = of[si]
		}
		for si := f.s.sent + 1; si < len(of) && in == nil; si++ {
			in = of[si]
		}
		in.fillers = append(in.fillers, f)
	}
	ctx := ""
	for _, in := range incs {
		in.ctxPlace = ctx
		if in.place != "" {
			ctx = in.place
		}
	}
	mergeWeak(incs)
	out := incs[:0]
	for _, in := range incs {
		if len(in.fillers) > 0 {
			out = append(out, in)
		}
	}
	return out
}

// incidentTemplates makes one template per incident of the document; a document with one
// incident (or none read) gets the template of all its fillers. A split incident's type is
// its specific type or ATTACK; its date the first one in its mentions, else as
// incidentDate reads it from its first sentence; its place the one the place ranker
// prefers from its first sentence on (place.go), else (no ranker) the first one in its
// mentions, else the latest earlier incident's, else the first place from its first
// sentence on, else the dateline's.
func (m *Model) incidentTemplates(doc report.Document, a *analysis, pr prediction) []Template {
	incs := m.splitIncidents(a, doc.Published, pr.fillers)
	if len(incs) < 2 {
		return []Template{m.template(doc, a, pr)}
	}
	out := make([]Template, 0, len(incs))
	sr := pr.sentRel
	if sr == nil && useSplitPlaceRank && usePlaceRank && m.Place != nil {
		sr = m.sentRel(a)
	}
	for k, in := range incs {
		typ := in.typ
		if typ == "" {
			typ = "ATTACK"
		}
		t := fillerTemplate(a, typ, in.fillers)
		t.Template = k + 1
		t.IncidentStage = fill(incidentStageAt(a, in.first))
		d := in.date
		if d == "" {
			d = incidentDateAt(a, in.first, doc.Published)
		}
		t.IncidentDate = []Fill{}
		if d != "" {
			t.IncidentDate = fill(d)
		}
		l := ""
		if useSplitPlaceRank && usePlaceRank && m.Place != nil {
			l = m.rankPlace(a, in.first, sr)
		}
		if l == "" {
			l = in.place
		}
		if l == "" {
			l = in.ctxPlace
		}
		if l == "" {
			l = m.placeFrom(a, in.first)
		}
		if l == "" {
			l = m.datelinePlace(doc)
		}
		t.IncidentLocation = []Fill{}
		if l != "" {
			t.IncidentLocation = fill(l)
		}
		out = append(out, t)
	}
	return out
}

// useSplitPlaceRank gives a split incident the place the place ranker prefers for it
// from its first sentence on, rather than the first place of its mentions (5-fold CV on
// dev, place on matched templates 48.9 -> 49.1, country 90.8 -> 92.3, measured before
// the last tuning of the ranker).
var useSplitPlaceRank = true

// mergeWeak moves the fillers of incidents that name only perpetrators to the nearest
// incident (by sentence) that has a target, victim or weapon.
func mergeWeak(incs []*incident) {
	strong := func(in *incident) bool {
		for _, f := range in.fillers {
			if f.role != PerpInd && f.role != PerpOrg {
				return true
			}
		}
		return false
	}
	for _, in := range incs {
		if len(in.fillers) == 0 || strong(in) {
			continue
		}
		var best *incident
		for _, o := range incs {
			if o != in && strong(o) && (best == nil || abs(o.first-in.first) < abs(best.first-in.first)) {
				best = o
			}
		}
		if best != nil {
			best.fillers = append(best.fillers, in.fillers...)
			in.fillers = nil
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
