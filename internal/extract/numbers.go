package extract

import (
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/segment"
)

// Number is a count written in the text: "60", "1,200", "sixty", "two dozen", "10 to 15",
// with the hedge before it ("at least", "around").
type Number struct {
	First, Last int // tokens [First, Last) of the number itself, hedge excluded
	HedgeFirst  int // first token of the hedge, or First when there is none
	Value       int
	Min, Max    *int
	Qualifier   report.Qualifier
	Vague       bool // "dozens", "hundreds": a magnitude, not a count
}

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"a": 1, "an": 1, "single": 1, "both": 2, "couple": 2, "pair": 2,
}

var tens = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

var scales = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000, "dozen": 12, "score": 20}

// vagueMagnitudes are plural scale words that give an order of magnitude only.
var vagueMagnitudes = map[string]int{"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2000000}

// hedges maps the words before a number to its qualifier; longest first when matching.
var hedges = []struct {
	words []string
	q     report.Qualifier
}{
	{[]string{"at", "least"}, report.AtLeast},
	{[]string{"no", "fewer", "than"}, report.AtLeast},
	{[]string{"no", "less", "than"}, report.AtLeast},
	{[]string{"a", "minimum", "of"}, report.AtLeast},
	{[]string{"more", "than"}, report.MoreThan},
	{[]string{"upwards", "of"}, report.MoreThan},
	{[]string{"in", "excess", "of"}, report.MoreThan},
	{[]string{"over"}, report.MoreThan},
	{[]string{"nearly"}, report.About},
	{[]string{"almost"}, report.About},
	{[]string{"about"}, report.About},
	{[]string{"around"}, report.About},
	{[]string{"roughly"}, report.About},
	{[]string{"approximately"}, report.About},
	{[]string{"some"}, report.About},
	{[]string{"an", "estimated"}, report.About},
	{[]string{"estimated"}, report.About},
	{[]string{"close", "to"}, report.About},
	{[]string{"up", "to"}, report.UpTo},
	{[]string{"as", "many", "as"}, report.UpTo},
	{[]string{"fewer", "than"}, report.UpTo},
	{[]string{"less", "than"}, report.UpTo},
}

// wordValue parses a number written as one word token: "60", "1,200", "sixty",
// "twenty-five", "hundred". ok is false for anything else.
func wordValue(norm string) (int, bool) {
	if norm == "" {
		return 0, false
	}
	if norm[0] >= '0' && norm[0] <= '9' {
		if strings.Contains(norm, ".") {
			return 0, false // decimals are not head counts
		}
		n, err := strconv.Atoi(strings.ReplaceAll(norm, ",", ""))
		if err != nil || n > 100000000 {
			return 0, false
		}
		return n, true
	}
	if v, ok := units[norm]; ok {
		return v, true
	}
	if v, ok := tens[norm]; ok {
		return v, true
	}
	if t, u, ok := strings.Cut(norm, "-"); ok {
		tv, ok1 := tens[t]
		uv, ok2 := units[u]
		if ok1 && ok2 && uv > 0 && uv < 10 {
			return tv + uv, true
		}
	}
	return 0, false
}

// parseCount reads a spelled-out or digit number starting at token i and returns its
// value and the token after it. It handles "sixty", "sixty-five", "one hundred and
// twenty", "two dozen", "a dozen", "1.5 million" is refused (decimals are not counts).
func parseCount(d *segment.Doc, i, end int) (val, next int, ok bool) {
	t := d.Tokens[i]
	v, ok := wordValue(t.Norm)
	if !ok {
		return 0, i, false
	}
	j := i + 1
	isArticle := t.Norm == "a" || t.Norm == "an"
	total, cur := 0, v
	for j < end {
		n := d.Tokens[j].Norm
		if s, ok := scales[n]; ok {
			cur *= s
			if s >= 1000 {
				total += cur
				cur = 0
			}
			j++
			continue
		}
		if n == "and" && j+1 < end && cur >= 100 {
			if w, ok := wordValue(d.Tokens[j+1].Norm); ok && w < 100 && d.Tokens[j+1].Kind == segment.Word {
				cur += w
				j += 2
				continue
			}
		}
		if _, isTen := tens[d.Tokens[j-1].Norm]; !isTen && cur >= 100 {
			if w, ok := wordValue(n); ok && w < 100 && d.Tokens[j].Kind == segment.Word && n != "a" && n != "an" {
				cur += w
				j++
				continue
			}
		}
		break
	}
	if isArticle && j == i+1 {
		return 0, i, false // a bare "a" is no number here
	}
	return total + cur, j, true
}

// numbers finds every count in the sentence tokens [first, last).
func numbers(d *segment.Doc, first, last int) []Number {
	var out []Number
	for i := first; i < last; i++ {
		t := d.Tokens[i]
		if v, ok := vagueMagnitudes[t.Norm]; ok && i+1 < last && d.Tokens[i+1].Norm == "of" {
			out = append(out, Number{First: i, Last: i + 1, HedgeFirst: i, Value: v, Qualifier: report.About, Vague: true})
			continue
		}
		val, next, ok := parseCount(d, i, last)
		if !ok {
			continue
		}
		if t.Kind == segment.Number && looksLikeTimeOrYear(d, i, next, last) {
			i = next - 1
			continue
		}
		if i > first && (d.Tokens[i-1].Norm == "under" || d.Tokens[i-1].Norm == "aged" || d.Tokens[i-1].Norm == "age") {
			i = next - 1 // "children under 16", "aged 21": an age
			continue
		}
		n := Number{First: i, Last: next, HedgeFirst: i, Value: val, Qualifier: report.Exact}
		// ranges: "10 to 15", "10-15", "between 20 and 30", "20 or 30"
		if next+1 < last {
			sep := d.Tokens[next].Norm
			if sep == "to" || sep == "-" || sep == "or" || (sep == "and" && i > first && d.Tokens[i-1].Norm == "between") {
				if hi, hiNext, ok := parseCount(d, next+1, last); ok && hi > val && d.Tokens[next+1].Norm != "a" && d.Tokens[next+1].Norm != "an" {
					n.Last = hiNext
					n.Qualifier = report.Range
					n.Min, n.Max = report.Int(val), report.Int(hi)
					if i > first && d.Tokens[i-1].Norm == "between" {
						n.HedgeFirst = i - 1
					}
				}
			}
		}
		if n.Qualifier == report.Exact {
			n.HedgeFirst, n.Qualifier = hedgeBefore(d, first, i)
			switch n.Qualifier {
			case report.Exact:
				n.Min, n.Max = report.Int(val), report.Int(val)
			case report.AtLeast:
				n.Min = report.Int(val)
			case report.MoreThan:
				n.Min = report.Int(val + 1)
			case report.UpTo:
				n.Max = report.Int(val)
			}
		}
		out = append(out, n)
		i = n.Last - 1
	}
	return out
}

// hedgeBefore returns the first token of a hedge that ends right before token i, and its
// qualifier; (i, exact) when there is none.
func hedgeBefore(d *segment.Doc, first, i int) (int, report.Qualifier) {
	for _, h := range hedges {
		k := len(h.words)
		if i-k < first {
			continue
		}
		match := true
		for j, w := range h.words {
			if d.Tokens[i-k+j].Norm != w {
				match = false
				break
			}
		}
		if match {
			return i - k, h.q
		}
	}
	return i, report.Exact
}

// looksLikeTimeOrYear rejects digit tokens that are years ("in 2015"), times ("at 2330",
// "10:30"), dates ("March 22") or parts of larger codes.
func looksLikeTimeOrYear(d *segment.Doc, i, next, last int) bool {
	t := d.Tokens[i]
	norm := t.Norm
	if next < last {
		n := d.Tokens[next]
		if n.Norm == ":" || n.Norm == "%" || n.Norm == "/" || n.Norm == "percent" || n.Norm == "per" {
			return true
		}
		if n.Norm == "gmt" || n.Norm == "am" || n.Norm == "pm" || n.Norm == "a.m." || n.Norm == "p.m." || n.Norm == "hours" && len(norm) == 4 {
			return true
		}
	}
	if i > 0 {
		p := d.Tokens[i-1].Norm
		if p == ":" || p == "/" || p == "$" || p == "£" || p == "€" || p == "#" || p == "no." || months[p] > 0 {
			return true
		}
	}
	if len(norm) == 4 && !strings.Contains(norm, ",") {
		if y, err := strconv.Atoi(norm); err == nil && y >= 1900 && y <= 2100 {
			return true
		}
	}
	return false
}
