package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations that end in a dot without ending a sentence (lower case, without the dot).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "lt": true, "col": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true,
	"pvt": true, "adm": true, "cmdr": true, "brig": true, "gov": true, "sen": true, "rep": true,
	"pres": true, "rev": true, "msgr": true, "fr": true, "hon": true, "amb": true, "supt": true, "insp": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vs": true, "etc": true, "approx": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "dept": true, "est": true, "fig": true, "mt": true, "ft": true, "ave": true, "blvd": true,
}

// split finds sentence boundaries: after ".", "!" or "?" (and any closing quotes or
// brackets) followed by a token that can start a sentence, unless the dot belongs to an
// abbreviation; and at paragraph breaks (a blank line), whatever precedes them.
func split(text string, toks []Token) []Sentence {
	var out []Sentence
	first := 0
	para := true
	emit := func(last int, nextPara bool) {
		if last > first {
			out = append(out, Sentence{Start: toks[first].Start, End: toks[last-1].End, First: first, Last: last, Para: para})
		}
		first = last
		para = nextPara
	}
	for i := 0; i < len(toks); i++ {
		if i+1 < len(toks) && blankLine(text[toks[i].End:toks[i+1].Start]) {
			emit(i+1, true)
			continue
		}
		if i+1 < len(toks) && glued(text, toks, i+1) {
			emit(i+1, false)
			continue
		}
		t := toks[i]
		if t.Kind != Punct || (t.Norm != "." && t.Norm != "!" && t.Norm != "?") {
			// "U.S." at the end of a sentence: a dotted abbreviation followed by a line break
			continue
		}
		if t.Norm == "." && i > first && abbrevBefore(text, toks, i) {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].Kind == Punct && closer(toks[j].Norm) && toks[j].Start == toks[j-1].End && !opening(text, toks[j]) {
			j++
		}
		if j >= len(toks) {
			break
		}
		if toks[j].Start == toks[j-1].End && !gluedAfterDot(text, toks, i, j) {
			continue // "3.5", "x.y": no space, no boundary
		}
		if !canStart(text, toks[j]) {
			continue
		}
		emit(j, false)
		i = j - 1
	}
	emit(len(toks), false)
	return out
}

func blankLine(gap string) bool { return strings.Count(gap, "\n") >= 2 }

func closer(norm string) bool {
	return norm == "\"" || norm == "'" || norm == ")" || norm == "]"
}

func canStart(text string, t Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	switch {
	case unicode.IsUpper(r), unicode.IsDigit(r):
		return true
	case t.Kind == Punct:
		return t.Norm == "\"" || t.Norm == "'" || t.Norm == "(" || t.Norm == "[" || t.Norm == "-"
	}
	return false
}

// abbrevBefore reports whether the dot at toks[i] closes an abbreviation ("Gen.", "Oct.")
// or an initial ("J.").
func abbrevBefore(text string, toks []Token, i int) bool {
	p := toks[i-1]
	if p.End != toks[i].Start || p.Kind != Word {
		return false
	}
	if abbreviations[p.Norm] {
		return true
	}
	// a single capital letter: an initial
	return utf8.RuneCountInString(p.Norm) == 1 && p.Cap
}

// glued reports whether token k starts a sentence that was run into the previous one with
// no space or punctuation, as scraped text often is ("in SyriaThe desert"): a capitalised
// word straight after a word whose last letters are lower case.
func glued(text string, toks []Token, k int) bool {
	p, t := toks[k-1], toks[k]
	if p.End != t.Start || p.Kind != Word || t.Kind != Word || !t.Cap {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[p.Start:p.End])
	return unicode.IsLower(r) && utf8.RuneCountInString(p.Norm) >= 3
}

// gluedAfterDot reports whether the dot at toks[i] ends a sentence although the next
// one follows with no space ("reported.Major General"): a lower-case word of two or more
// letters before the dot and a capitalised word (or an opening quote) after it.
func gluedAfterDot(text string, toks []Token, i, j int) bool {
	if i == 0 || toks[i-1].Kind != Word || toks[i-1].End != toks[i].Start {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[toks[i-1].Start:toks[i-1].End])
	if !unicode.IsLower(r) || utf8.RuneCountInString(toks[i-1].Norm) < 2 {
		return false
	}
	n := toks[j]
	if n.Kind == Word {
		return n.Cap
	}
	return n.Norm == "\"" && j+1 < len(toks) && toks[j+1].Cap
}

// opening reports whether a quote token is typographically an opening quote (“ or ‘).
func opening(text string, t Token) bool {
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return r == '\u201c' || r == '\u2018'
}
