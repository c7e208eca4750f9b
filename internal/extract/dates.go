package extract

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep/internal/segment"
)

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// relativeDays are words that name a day relative to the report's date.
var relativeDays = map[string]int{"today": 0, "tonight": 0, "yesterday": -1}

// DateMention is a date expression in the text and, when it can be worked out, its value.
type DateMention struct {
	First, Last int        // tokens
	Value       *time.Time // nil when the day cannot be worked out
	Absolute    bool       // the text names the day itself ("22 March 2024")
	Year        int        // the year the text names, 0 when none
}

// parseAnchor works out the day a report speaks from, for relative dates ("yesterday",
// "on Friday"): the dateline's date when it has one ("ISTANBUL, June 29 (Reuters)", "LIMA,
// 10 JAN 90") — wire copy counts days from there — with the year taken from the
// publication date when the dateline gives none; else the publication date (YYYY-MM-DD or
// RFC 3339).
func parseAnchor(published, dateline string) *time.Time {
	var pub *time.Time
	if len(published) >= 10 {
		if t, err := time.Parse("2006-01-02", published[:10]); err == nil {
			pub = &t
		}
	}
	if dateline != "" {
		d := segment.New(dateline)
		for _, m := range findDates(d, 0, len(d.Tokens), pub) {
			if m.Absolute && m.Value != nil {
				return m.Value
			}
		}
	}
	return pub
}

// findDates finds date expressions in tokens [first, last) and resolves them against
// anchor (nil: only dates that name their year get a value).
func findDates(d *segment.Doc, first, last int, anchor *time.Time) []DateMention {
	var out []DateMention
	tok := func(i int) string {
		if i < first || i >= last {
			return ""
		}
		return d.Tokens[i].Norm
	}
	day := func(i int) (int, bool) {
		t := tok(i)
		if t == "" || t[0] < '0' || t[0] > '9' {
			return 0, false
		}
		t = strings.TrimRight(t, "stndrh") // 3rd, 21st, 22nd, 4th
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > 31 {
			return 0, false
		}
		return n, true
	}
	year := func(i int) (int, bool) {
		t := tok(i)
		if len(t) != 4 && len(t) != 2 {
			return 0, false
		}
		n, err := strconv.Atoi(t)
		if err != nil {
			return 0, false
		}
		if len(t) == 2 {
			if n >= 50 {
				return 1900 + n, true
			}
			return 2000 + n, true
		}
		if n < 1900 || n > 2100 {
			return 0, false
		}
		return n, true
	}
	for i := first; i < last; i++ {
		t := tok(i)
		if m, ok := months[t]; ok {
			if t == "may" || t == "mar" {
				// "may" is a verb and "mar" a verb too unless a day stands next to them
				if _, ok := day(i + 1); !ok {
					if _, ok := day(i - 1); !ok {
						continue
					}
				}
			}
			j := i + 1
			if tok(j) == "." {
				j++
			}
			// MONTH DAY[,] [YEAR]
			if dd, ok := day(j); ok {
				k := j + 1
				if tok(k) == "," {
					k++
				}
				y, hasYear := year(k)
				if hasYear && len(tok(k)) == 2 {
					hasYear = false // "March 22, 24" is not a year
				}
				end := j + 1
				if hasYear {
					end = k + 1
				}
				out = append(out, resolveAbsolute(i, end, y, m, dd, anchor))
				i = end - 1
				continue
			}
			// DAY MONTH [YEAR]
			if dd, ok := day(i - 1); ok && (len(out) == 0 || out[len(out)-1].Last <= i-1) {
				k := j
				y, hasYear := year(k)
				end := j
				if hasYear {
					end = k + 1
				}
				out = append(out, resolveAbsolute(i-1, end, y, m, dd, anchor))
				i = end - 1
				continue
			}
			continue
		}
		if wd, ok := weekdays[t]; ok {
			end := i + 1
			switch tok(end) {
			case "night", "morning", "evening", "afternoon":
				end++
			}
			dm := DateMention{First: i, Last: end}
			if anchor != nil {
				back := (int(anchor.Weekday()) - int(wd) + 7) % 7
				v := anchor.AddDate(0, 0, -back)
				dm.Value = &v
			}
			out = append(out, dm)
			i = end - 1
			continue
		}
		if off, ok := relativeDays[t]; ok {
			dm := DateMention{First: i, Last: i + 1}
			if anchor != nil {
				v := anchor.AddDate(0, 0, off)
				dm.Value = &v
			}
			out = append(out, dm)
			continue
		}
		if (t == "last" || t == "this") && (tok(i+1) == "night" || tok(i+1) == "morning" || tok(i+1) == "evening" || tok(i+1) == "afternoon") {
			dm := DateMention{First: i, Last: i + 2}
			if anchor != nil {
				off := 0
				if t == "last" && tok(i+1) == "night" {
					off = -1
				}
				v := anchor.AddDate(0, 0, off)
				dm.Value = &v
			}
			out = append(out, dm)
			i++
			continue
		}
		// "2 days ago", "two days ago"
		if tok(i+1) == "days" && tok(i+2) == "ago" {
			if n, ok := wordValue(t); ok && n < 60 {
				dm := DateMention{First: i, Last: i + 3}
				if anchor != nil {
					v := anchor.AddDate(0, 0, -n)
					dm.Value = &v
				}
				out = append(out, dm)
				i += 2
			}
		}
	}
	return out
}

func resolveAbsolute(first, last, y, m, d int, anchor *time.Time) DateMention {
	dm := DateMention{First: first, Last: last, Absolute: true, Year: y}
	if y == 0 {
		if anchor == nil {
			return dm
		}
		y = anchor.Year()
		// a day that would fall well after the report belongs to the year before
		if c := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); c.Sub(*anchor) > 31*24*time.Hour {
			y--
		}
	}
	v := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if v.Day() != d { // 31 November
		return dm
	}
	dm.Value = &v
	return dm
}

// textDateline recognises a wire dateline near the start of a text — "KABUL, Afghanistan,
// Oct. 3 (Xinhua) --", "LONDON (Reuters) -", "LONDON —", "LIMA, 10 JAN 90 --", also when a
// title was run into it ("...in AfghanistanKANDAHAR, ...") — and returns the byte offset
// where the body starts after it, or 0 when the text has none. A dateline opens with a
// place in capitals, or names its agency in parentheses.
func textDateline(text string) int {
	head := text[:min(len(text), 300)]
	for _, sep := range []string{" -- ", " — ", " – ", " - ", "--"} {
		k := strings.Index(head, sep)
		if k <= 0 {
			continue
		}
		pre := head[:k]
		dl := strings.TrimSpace(pre[datelineStart(pre):])
		if dl == "" || strings.Count(dl, " ") > 10 {
			continue
		}
		first, _, _ := strings.Cut(dl, " ")
		first = strings.TrimRight(first, ",")
		agency := strings.Contains(dl, "(") && strings.Contains(dl, ")")
		if upperWord(first) || agency {
			return k + len(sep)
		}
	}
	return 0
}

// datelineStart finds where a dateline begins in pre: after the last line break, or where
// an upper-case run is glued to a lower-case letter (a title run into the dateline).
func datelineStart(pre string) int {
	start := strings.LastIndexByte(pre, '\n') + 1
	for i := len(pre) - 1; i > start; i-- {
		if pre[i] >= 'A' && pre[i] <= 'Z' && pre[i-1] >= 'a' && pre[i-1] <= 'z' && i+1 < len(pre) && pre[i+1] >= 'A' && pre[i+1] <= 'Z' {
			return i
		}
	}
	return start
}

// upperWord reports whether w is a word of three or more capital letters ("KABUL").
func upperWord(w string) bool {
	n := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z', r > 127 && unicode.IsUpper(r):
			n++
		case r == '-' || r == '.' || r == '\'':
		default:
			return false
		}
	}
	return n >= 3
}
