package muc4

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/report"
)

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// FormatKeyDate writes t as the keys do: "31 OCT 89".
func FormatKeyDate(t time.Time) string {
	return strings.ToUpper(t.Format("02 Jan 06"))
}

// parsePublished reads YYYY-MM-DD or RFC 3339; ok is false when unknown.
func parsePublished(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// dateAt reads a date expression starting at token i of a, resolved against pub. It
// returns the date, the number of tokens read, and ok.
func dateAt(a *analysis, i int, pub time.Time, havePub bool) (time.Time, int, bool) {
	n := a.norms
	w := n[i]
	next := func(k int) string {
		if i+k < len(n) {
			return n[i+k]
		}
		return ""
	}
	if !havePub {
		// only absolute dates with a year can be read
		if d, k, ok := absDate(a, i, 0); ok && d.Year() > 1900 {
			return d, k, true
		}
		return time.Time{}, 0, false
	}
	switch w {
	case "yesterday":
		return pub.AddDate(0, 0, -1), 1, true
	case "today", "tonight":
		return pub, 1, true
	case "this":
		switch next(1) {
		case "morning", "afternoon", "evening", "dawn":
			return pub, 2, true
		}
	case "last":
		switch next(1) {
		case "night", "evening":
			return pub.AddDate(0, 0, -1), 2, true
		}
		if wd, ok := weekdays[next(1)]; ok {
			return lastWeekday(pub, wd), 2, true
		}
	case "day":
		if next(1) == "before" && next(2) == "yesterday" {
			return pub.AddDate(0, 0, -2), 3, true
		}
	}
	if wd, ok := weekdays[w]; ok {
		return lastWeekday(pub, wd), 1, true
	}
	return absDate(a, i, pub.Year(), pub)
}

func lastWeekday(pub time.Time, wd time.Weekday) time.Time {
	d := int(pub.Weekday() - wd)
	if d < 0 {
		d += 7
	}
	return pub.AddDate(0, 0, -d)
}

// atoi is strconv.Atoi without building an error for the words that do not start like
// a number: dates are looked for at every token.
func atoi(s string) (int, error) {
	if s == "" || (s[0] != '+' && s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
		return 0, errNotNumber
	}
	return strconv.Atoi(s)
}

var errNotNumber = errors.New("not a number")

// absDate reads "30 DECEMBER [1989]" or "DECEMBER 30[, 1989]". Without a year the date is
// the latest one not after pub.
func absDate(a *analysis, i int, defYear int, pubs ...time.Time) (time.Time, int, bool) {
	n := a.norms
	get := func(k int) string {
		if k < len(n) {
			return n[k]
		}
		return ""
	}
	day, mon, k := 0, time.Month(0), 0
	if d, err := atoi(get(i)); err == nil && d >= 1 && d <= 31 {
		if m, ok := months[get(i+1)]; ok {
			day, mon, k = d, m, 2
		}
	} else if m, ok := months[get(i)]; ok && get(i) != "may" && get(i) != "mar" {
		if d, err := atoi(get(i + 1)); err == nil && d >= 1 && d <= 31 {
			day, mon, k = d, m, 2
		}
	}
	if k == 0 {
		return time.Time{}, 0, false
	}
	year := defYear
	j := i + k
	if get(j) == "," {
		j++
	}
	if y, err := atoi(get(j)); err == nil && len(get(j)) == 4 && y > 1900 && y < 2100 {
		year, k = y, j+1-i
	} else if len(pubs) > 0 {
		t := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
		if t.After(pubs[0]) {
			year--
		}
	}
	if year == 0 {
		return time.Time{}, 0, false
	}
	t := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, 0, false
	}
	return t, k, true
}

// eventSentence is the first sentence with an incident trigger, or 0.
func eventSentence(a *analysis) int {
	for si, s := range a.seg.Sentences {
		for k := s.First; k < s.Last; k++ {
			switch a.trig[k] {
			case "kill", "attack", "bomb", "kidnap", "arson", "damage":
				return si
			}
		}
	}
	return 0
}

// incidentDate resolves the incident's date: the first date expression from the first
// sentence reporting an incident onwards (looking two sentences ahead), else the
// publication date as "- DD MMM YY" (on or before).
func incidentDate(a *analysis, published string) string {
	return incidentDateAt(a, eventSentence(a), published)
}

// incidentDateAt is incidentDate for the incident reported from sentence es on.
func incidentDateAt(a *analysis, es int, published string) string {
	pub, havePub := parsePublished(published)
	sents := a.seg.Sentences
	for si := es; si < len(sents) && si <= es+2; si++ {
		for i := sents[si].First; i < sents[si].Last; i++ {
			if d, _, ok := dateAt(a, i, pub, havePub); ok {
				if havePub && d.After(pub) {
					continue
				}
				return FormatKeyDate(d)
			}
		}
	}
	if havePub {
		return "- " + FormatKeyDate(pub)
	}
	return ""
}

func sentenceWords(a *analysis, tok int) (int, int) {
	if len(a.seg.Sentences) == 0 {
		return 0, 0
	}
	s := a.seg.Sentences[min(a.seg.SentenceOf(tok), len(a.seg.Sentences)-1)]
	return s.First, s.Last
}

func hasPrefixIn(a *analysis, from, to int, stems ...string) bool {
	for k := from; k < to; k++ {
		for _, st := range stems {
			if strings.HasPrefix(a.norms[k], st) {
				return true
			}
		}
	}
	return false
}

// incidentStage reads the stage of execution from the incident's sentence.
func incidentStage(a *analysis) string {
	return incidentStageAt(a, eventSentence(a))
}

// incidentStageAt is incidentStage for the incident reported in sentence si.
func incidentStageAt(a *analysis, si int) string {
	if si < 0 || si >= len(a.seg.Sentences) {
		return "ACCOMPLISHED"
	}
	s := a.seg.Sentences[si]
	switch {
	case hasPrefixIn(a, s.First, s.Last, "attempt", "foil", "defus", "thwart", "deactivat", "failed", "tried"):
		return "ATTEMPTED"
	case hasPrefixIn(a, s.First, s.Last, "threat"):
		return "THREATENED"
	}
	return "ACCOMPLISHED"
}

// orgConfidence reads how firmly the organisation is named, from the sentence of its
// first mention.
func orgConfidence(a *analysis, s *strScore) string {
	f, l := sentenceWords(a, s.first)
	switch {
	case hasPrefixIn(a, f, l, "claim", "responsib", "admit"):
		return "CLAIMED OR ADMITTED"
	case hasPrefixIn(a, f, l, "accus", "blame", "attribut", "suspect", "charg"):
		if hasPrefixIn(a, f, l, "police", "army", "government", "authorit", "military", "minist", "official") {
			return "SUSPECTED OR ACCUSED BY AUTHORITIES"
		}
		return "SUSPECTED OR ACCUSED"
	case hasPrefixIn(a, f, l, "possib", "might", "probabl"):
		return "POSSIBLE"
	}
	return "REPORTED AS FACT"
}

// humEffect reads the effect on a human target from the sentence of its first mention.
func humEffect(a *analysis, s *strScore) string {
	f, l := sentenceWords(a, s.first)
	switch {
	case hasPrefixIn(a, f, l, "kill", "murder", "assassin", "dead", "death", "died", "slain", "massacre", "execut"):
		return "DEATH"
	case hasPrefixIn(a, f, l, "wound", "injur", "hurt"):
		return "INJURY"
	case hasPrefixIn(a, f, l, "releas", "freed", "escap", "rescu"):
		return "REGAINED FREEDOM"
	}
	return ""
}

// incidentLocation names the place: the place ranker's choice for the incident reported
// from the first incident sentence on (place.go), else the first known place from that
// sentence on, else the dateline's place or country. sr is the relevance of each sentence
// (Model.sentRel), or nil to compute it.
func (m *Model) incidentLocation(a *analysis, doc report.Document, sr []float64) string {
	return m.incidentLocationAt(a, eventSentence(a), doc, sr)
}

// incidentLocationAt is incidentLocation for the incident reported from sentence es on.
func (m *Model) incidentLocationAt(a *analysis, es int, doc report.Document, sr []float64) string {
	if usePlaceRank && m.Place != nil {
		if sr == nil {
			sr = m.sentRel(a)
		}
		if loc := m.rankPlace(a, es, sr); loc != "" {
			return loc
		}
	}
	if loc := m.placeFrom(a, es); loc != "" {
		return loc
	}
	return m.datelinePlace(doc)
}

// placeFrom is the first known place from sentence es on, or "".
func (m *Model) placeFrom(a *analysis, es int) string {
	sents := a.seg.Sentences
	for si := max(es, 0); si < len(sents); si++ {
		if loc := m.mentionPlace(a, sents[si]); loc != "" {
			return loc
		}
	}
	return ""
}

// datelinePlace is the location of the dateline's place or country, else the country
// as the dateline writes it.
func (m *Model) datelinePlace(doc report.Document) string {
	if loc := m.datelineLoc(doc.Dateline, m.Places); loc != "" {
		return loc
	}
	_, country := datelineParts(doc.Dateline)
	return strings.TrimSpace(country)
}

// learnPlaces maps every place named in the keys' locations to the most frequent location
// string that ends with it ("san salvador" -> "EL SALVADOR: SAN SALVADOR (CITY)").
func learnPlaces(keys []Doc) map[string]string {
	counts := map[string]map[string]int{}
	for _, d := range keys {
		for _, t := range d.Templates {
			for _, f := range t.IncidentLocation {
				for _, v := range f.Value {
					if strings.Contains(v, " - ") {
						continue
					}
					parts := strings.Split(v, ":")
					for k := range parts {
						name := parts[k]
						if p := strings.IndexByte(name, '('); p >= 0 {
							name = name[:p]
						}
						n := Normalize(name)
						if n == "" {
							continue
						}
						full := strings.TrimSpace(strings.Join(parts[:k+1], ":"))
						if counts[n] == nil {
							counts[n] = map[string]int{}
						}
						counts[n][full]++
					}
				}
			}
		}
	}
	out := map[string]string{}
	for n, c := range counts {
		keys := make([]string, 0, len(c))
		for k := range c {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if c[keys[i]] != c[keys[j]] {
				return c[keys[i]] > c[keys[j]]
			}
			return keys[i] < keys[j]
		})
		out[n] = keys[0]
	}
	return out
}
