package extract

import (
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

func TestNumbers(t *testing.T) {
	tests := []struct {
		in    string
		text  string // the number with its hedge, as written
		value int
		q     report.Qualifier
		min   int // -1: nil
		max   int // -1: nil
	}{
		{"at least 60 people dead", "at least 60", 60, report.AtLeast, 60, -1},
		{"145 hospitalized", "145", 145, report.Exact, 145, 145},
		{"more than 1,200 wounded", "more than 1,200", 1200, report.MoreThan, 1201, -1},
		{"around 100 people", "around 100", 100, report.About, -1, -1},
		{"sixty people", "sixty", 60, report.Exact, 60, 60},
		{"twenty-five soldiers", "twenty-five", 25, report.Exact, 25, 25},
		{"two dozen people", "two dozen", 24, report.Exact, 24, 24},
		{"a dozen people", "a dozen", 12, report.Exact, 12, 12},
		{"one hundred and twenty people", "one hundred and twenty", 120, report.Exact, 120, 120},
		{"10 to 15 people", "10 to 15", 10, report.Range, 10, 15},
		{"between 20 and 30 people", "between 20 and 30", 20, report.Range, 20, 30},
		{"up to 40 people", "up to 40", 40, report.UpTo, -1, 40},
		{"nearly 300 civilians", "nearly 300", 300, report.About, -1, -1},
		{"THREE SOLDIERS", "THREE", 3, report.Exact, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := segment.New(tt.in)
			ns := numbers(d, 0, len(d.Tokens))
			if len(ns) != 1 {
				t.Fatalf("got %d numbers, want 1: %+v", len(ns), ns)
			}
			n := ns[0]
			got := tt.in[d.Tokens[n.HedgeFirst].Start:d.Tokens[n.Last-1].End]
			if got != tt.text || n.Value != tt.value || n.Qualifier != tt.q {
				t.Errorf("got %q value %d %s, want %q value %d %s", got, n.Value, n.Qualifier, tt.text, tt.value, tt.q)
			}
			check := func(name string, p *int, want int) {
				if want < 0 && p != nil {
					t.Errorf("%s = %d, want nil", name, *p)
				}
				if want >= 0 && (p == nil || *p != want) {
					t.Errorf("%s = %v, want %d", name, p, want)
				}
			}
			check("min", n.Min, tt.min)
			check("max", n.Max, tt.max)
		})
	}
}

func TestNotNumbers(t *testing.T) {
	for _, in := range []string{
		"in 2015 the war", "at 10:30 GMT", "a man was killed", "on March 22", "3.5 km away", "is a country",
	} {
		d := segment.New(in)
		if ns := numbers(d, 0, len(d.Tokens)); len(ns) != 0 {
			t.Errorf("%q: got numbers %+v, want none", in, ns)
		}
	}
}

func TestFindDates(t *testing.T) {
	sat := time.Date(2024, 3, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		anchor *time.Time
		text   string
		want   string // "" = no value
	}{
		{"an attack on Friday, which left", &sat, "Friday", "2024-03-22"},
		{"an attack on Saturday", &sat, "Saturday", "2024-03-23"},
		{"an attack on Friday", nil, "Friday", ""},
		{"late on Friday night", &sat, "Friday night", "2024-03-22"},
		{"on March 22, 2024, gunmen", nil, "March 22, 2024", "2024-03-22"},
		{"on 22 March 2024 gunmen", nil, "22 March 2024", "2024-03-22"},
		{"on Oct. 3 a bomb", &sat, "Oct. 3", "2023-10-03"},
		{"on July 21, 1972", nil, "July 21, 1972", "1972-07-21"},
		{"yesterday", &sat, "yesterday", "2024-03-22"},
		{"last night", &sat, "last night", "2024-03-22"},
		{"THE ATTACK 2 DAYS AGO", &sat, "2 DAYS AGO", "2024-03-21"},
		{"ON 3 FEBRUARY PRESIDENT", &sat, "3 FEBRUARY", "2024-02-03"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := segment.New(tt.in)
			ms := findDates(d, 0, len(d.Tokens), tt.anchor)
			if len(ms) != 1 {
				t.Fatalf("got %d dates, want 1", len(ms))
			}
			m := ms[0]
			if got := tt.in[d.Tokens[m.First].Start:d.Tokens[m.Last-1].End]; got != tt.text {
				t.Errorf("text %q, want %q", got, tt.text)
			}
			got := ""
			if m.Value != nil {
				got = m.Value.Format("2006-01-02")
			}
			if got != tt.want {
				t.Errorf("value %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseAnchor(t *testing.T) {
	tests := []struct{ published, dateline, want string }{
		{"2024-03-23", "", "2024-03-23"},
		{"2024-03-23T10:00:00Z", "", "2024-03-23"},
		{"", "LIMA, 10 JAN 90 (EFE)", "1990-01-10"},
		{"", "KABUL, Afghanistan, Oct. 3, 2015 (Xinhua) --", "2015-10-03"},
		{"", "", ""},
		{"2016-06-30", "ISTANBUL, June 29 (Reuters)", "2016-06-29"},
		{"2016-06-30T08:00:00Z", "LIMA, 10 JAN 90", "1990-01-10"},
	}
	for _, tt := range tests {
		got := ""
		if a := parseAnchor(tt.published, tt.dateline); a != nil {
			got = a.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("parseAnchor(%q, %q) = %q, want %q", tt.published, tt.dateline, got, tt.want)
		}
	}
}

func TestTextDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"KABUL, Afghanistan, Oct. 3 (Xinhua) -- A bomb went off.", "KABUL, Afghanistan, Oct. 3 (Xinhua) -- "},
		{"LONDON (Reuters) - Police said.", "LONDON (Reuters) - "},
		{"The Islamic State has claimed - again - an attack.", ""},
		{"7 militants killed in blasts in AfghanistanKANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- Seven", "7 militants killed in blasts in AfghanistanKANDAHAR, Afghanistan, Oct. 3 (Xinhua) -- "},
		{"British Security Services Questioned About PrioritiesLONDON — For the second time", "British Security Services Questioned About PrioritiesLONDON — "},
		{"Police said on Monday, citing witnesses - who asked not to be named - that", ""},
	}
	for _, tt := range tests {
		if got := tt.in[:textDateline(tt.in)]; got != tt.want {
			t.Errorf("textDateline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
