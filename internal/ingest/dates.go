package ingest

import (
	"strings"
	"time"
)

// normalizeDate turns a publication date as inputs give it into the form of
// report.Document.Published: "YYYY-MM-DD" for a bare date, RFC 3339 for a time with a
// zone. A time without a zone is cut to its date, since the instant is unknown. It
// reports false for anything else.
//
// Accepted: YYYY-MM-DD; RFC 3339 (with or without fractional seconds, "T" or a space
// between date and time, "Z" or a numeric offset); YYYY-MM-DD[T ]hh:mm[:ss[.f]] without
// zone.
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation(time.DateOnly, s, time.UTC); err == nil {
		return t.Format(time.DateOnly), true
	}
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.Format(time.RFC3339Nano), true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// webDateLayouts are the other date forms found in web pages and feeds (RFC 1123 and
// friends, as in HTTP headers and RSS).
var webDateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 -0700",
}

// webDayLayouts are date forms without a time found in web pages.
var webDayLayouts = []string{
	"January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006",
	"Monday, January 2, 2006", "Monday, 2 January 2006", "2006/01/02", "20060102",
}

// normalizeWebDate is normalizeDate plus the forms of webDateLayouts and webDayLayouts. Zone
// abbreviations other than UTC/GMT are not trusted (Go would invent a zero offset for
// them) and reduce the value to its date.
func normalizeWebDate(s string) (string, bool) {
	if n, ok := normalizeDate(s); ok {
		return n, true
	}
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range webDateLayouts {
		t, err := time.ParseInLocation(layout, s, time.UTC)
		if err != nil {
			continue
		}
		if name, off := t.Zone(); off == 0 && name != "" && name != "UTC" && name != "GMT" && name != "Z" {
			return t.Format(time.DateOnly), true
		}
		return t.Format(time.RFC3339), true
	}
	for _, layout := range webDayLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}
