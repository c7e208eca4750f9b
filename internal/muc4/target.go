package muc4

import (
	"strings"

	"github.com/sitrep/sitrep/internal/segment"
)

// A physical target is the thing an act damages: the object of the act ("DESTROYED
// SEVERAL HIGH-VOLTAGE POSTS", "BLEW UP THE BRIDGE", "SET FIRE TO TWO BUSES"), the place
// it is aimed at ("ATTACK ON THE EMBASSY", "A BOMB EXPLODED AT THE BANK", "IN FRONT OF
// THE DAS FACILITIES"), or the subject of a passive act ("THE BRIDGE WAS PARTIALLY
// DESTROYED"). Event nouns and places in passing ("THE VIRTUAL PARALYSIS", "IN THE SANTA
// ISABEL NEIGHBORHOOD") stand in none of these.

// useTgtCtx gives the second stage, for the Target role, how a string's occurrences
// relate to a damaging act (tgtLeft, tgtRight) and the ending of its head word (headShape).
var useTgtCtx = true

// useTgtHead gives the second stage, for the Target role, how often the string's head
// word ends a target filler in training, relative to how often it occurs.
var useTgtHead = true

// tgtCats are the trigger categories of acts done to a physical target.
var tgtCats = map[string]bool{"attack": true, "bomb": true, "arson": true, "damage": true, "rob": true}

// tgtSkip may stand between an act and its object: articles, quantities, possessives
// and modifiers of degree.
var tgtSkip = wordSet(`a an the its their his her several some various two three four five
six seven eight nine ten other another partially totally completely nearby`)

// tgtPreps join an act to the place it hits.
var tgtPreps = wordSet(`on against at in into near outside inside to of from`)

// blowWords take "UP" or "DOWN" to name an act of destruction ("BLEW UP", "TORE DOWN").
var blowWords = wordSet(`blew blow blown blowing blows tore tear torn knocked brought`)

// tgtAux may stand between a target and the passive act it underwent ("HAS BEEN
// PARTIALLY DESTROYED").
var tgtAux = wordSet(`has have had also reportedly partially totally completely seriously
severely badly heavily virtually almost later`)

// tgtLeft is how a span starting at token i of sentence si follows a damaging act: "obj"
// (an act right before it), "loc" (an act, then a preposition), "front" ("IN FRONT OF",
// "NEAR" with an act earlier in the sentence) or "-".
func (a *analysis) tgtLeft(i, si int) string {
	sent := a.seg.Sentences[si]
	left := "-"
	k := i - 1
	for n := 0; k >= sent.First && n < 3 && (tgtSkip[a.norms[k]] || a.isNumberAt(k)); n++ {
		k--
	}
	if k >= sent.First && a.seg.Tokens[k].Kind == segment.Word {
		w := a.norms[k]
		switch {
		case tgtCats[a.trig[k]] && (a.isPastVerbAt(k) || strings.HasSuffix(w, "ing")):
			left = "obj"
		case (w == "up" || w == "down") && k-1 >= sent.First && (tgtCats[a.trig[k-1]] || blowWords[a.norms[k-1]]):
			left = "obj"
		case w == "to" && k-1 >= sent.First && (a.norms[k-1] == "fire" || a.norms[k-1] == "torch"):
			left = "obj"
		case w == "of" && k-2 >= sent.First && a.norms[k-1] == "front":
			left = "front"
		case tgtPreps[w]:
			// the act before the preposition, across a few words ("EXPLODED LAST NIGHT AT")
			for m, n := k-1, 0; m >= sent.First && n < 5; m, n = m-1, n+1 {
				if a.seg.Tokens[m].Kind != segment.Word {
					break
				}
				if tgtCats[a.trig[m]] {
					left = "loc"
					break
				}
			}
			if left == "-" && (w == "near" || w == "outside" || w == "inside") {
				for _, t := range a.sentTrig[si] {
					if t < i && tgtCats[a.trig[t]] {
						left = "front"
						break
					}
				}
			}
		}
	}
	return left
}

// tgtRight is how a span ending before token j of sentence si precedes a damaging act:
// "pass" (a passive act follows), "act" (an act follows: the span is more likely its
// agent or instrument) or "-".
func (a *analysis) tgtRight(j, si int) string {
	sent := a.seg.Sentences[si]
	k := j
	for n := 0; k < sent.Last && n < 4 && (beWords[a.norms[k]] || tgtAux[a.norms[k]]); n++ {
		k++
	}
	if k < sent.Last && tgtCats[a.trig[k]] && a.isPastVerbAt(k) {
		if k > j {
			return "pass"
		}
		return "act"
	}
	return "-"
}

// eventSuffixes end nouns of events, states and abstractions rather than of things
// ("PARALYSIS", "SUSPENSION", "STOPPAGE", "MOVEMENT").
var eventSuffixes = []string{"tion", "sion", "sis", "ment", "age", "ity", "ism", "ance", "ence", "ing", "ure"}

// headShape is the ending class of head word w: one of eventSuffixes, or "-".
func headShape(w string) string {
	for _, s := range eventSuffixes {
		if len(w) > len(s)+2 && (strings.HasSuffix(w, s) || strings.HasSuffix(w, s+"s")) {
			return s
		}
	}
	return "-"
}

// useOfSpans widens a picked target to the longest "OF ..." phrase that follows it in
// the text ("BRANCH" -> "BRANCH OF BANCO POPULAR"), among all spans of the document, not
// only the scored ones, when the phrase ends where the noun phrase does; the widened form
// is kept as is by the boundary model.
var useOfSpans = true

// maxOfWords is the longest widened target in words.
const maxOfWords = 7

// phraseEnd reports whether a noun phrase can end before token j of sentence si: the
// sentence ends there, or punctuation, a function word or a verb follows.
func (a *analysis) phraseEnd(j, si int) bool {
	if j >= a.seg.Sentences[si].Last {
		return true
	}
	return a.seg.Tokens[j].Kind != segment.Word || a.isStop(j) || a.isPastVerbAt(j)
}

// expandOfSpans widens the picked targets (useOfSpans) and returns the picks it widened.
func expandOfSpans(a *analysis, picks []picked, by map[string]*strScore) ([]picked, map[*strScore]bool) {
	var fixed map[*strScore]bool
	for k, p := range picks {
		if !expandOf[p.role] || a == nil {
			continue
		}
		pre := p.s.norm + " of "
		var best cand
		for _, c := range a.cands {
			if len(c.norm) <= len(best.norm) || !strings.HasPrefix(c.norm, pre) || strings.Count(c.norm, " ") >= maxOfWords || !a.phraseEnd(c.j, c.sent) {
				continue
			}
			ok := true
			for _, w := range strings.Fields(c.norm[len(pre):]) {
				if triggerCat(w) != "" || stopwords[w] && w != "of" {
					ok = false
					break
				}
			}
			if ok {
				best = c
			}
		}
		if best.norm == "" {
			continue
		}
		s := by[best.norm]
		if s == nil {
			s = &strScore{norm: best.norm, cand: best, first: best.i, sent: best.sent, n: 1}
		}
		if fixed == nil {
			fixed = map[*strScore]bool{}
		}
		fixed[s] = true
		picks[k].s = s
	}
	return uniquePicks(picks), fixed
}
