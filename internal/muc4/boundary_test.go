package muc4

import (
	"slices"
	"testing"
)

// formsOf returns the norms of the forms of the string pick in text, for role r, with a
// lexicon that knows the words in fillerWords as fillers of r and every word in common
// as frequent.
func formsOf(text, pick string, r int, fillerWords, common []string) []string {
	a := analyse(text)
	lex := &Lexicon{Str: map[string]*Stat{}, Head: map[string]*Stat{}, First: map[string]*Stat{},
		WordDF: map[string]int32{}, Word: map[string]*Stat{}}
	for _, w := range common {
		lex.WordDF[w] = 100
	}
	for _, w := range fillerWords {
		lex.WordDF[w] = 100
		st := &Stat{Occ: 100}
		st.Gold[r] = 10
		lex.Word[w] = st
	}
	var s *strScore
	by := map[string]*strScore{}
	for _, c := range a.cands {
		if by[c.norm] == nil {
			by[c.norm] = &strScore{norm: c.norm, cand: c, first: c.i, sent: c.sent}
		}
	}
	s = by[pick]
	if s == nil {
		return nil
	}
	var out []string
	for _, f := range a.forms(s, r, lex, by) {
		out = append(out, f.norm)
	}
	return out
}

func TestForms(t *testing.T) {
	for _, tc := range []struct {
		name, text, pick string
		role             int
		fillers, common  []string
		want, notWant    []string
	}{
		{name: "quantity in front", text: "FOUR BOMBS EXPLODED IN LIMA.", pick: "bombs", role: Weapon,
			fillers: []string{"bombs"}, common: []string{"exploded", "lima"},
			want: []string{"bombs", "four bombs"}, notWant: []string{"bombs exploded"}},
		{name: "group of", text: "A GROUP OF UNIDENTIFIED INDIVIDUALS KILLED HIM.", pick: "unidentified individuals", role: PerpInd,
			fillers: []string{"group", "unidentified", "individuals"}, common: []string{"killed", "him"},
			want: []string{"unidentified individuals", "group of unidentified individuals", "individuals"}},
		{name: "verb is foreign to a name", text: "POLICE RESCUED MICHAEL REYFF TODAY.", pick: "michael reyff", role: Victim,
			fillers: []string{"michael"}, common: []string{"rescued", "police"},
			want: []string{"michael reyff", "reyff"}, notWant: []string{"rescued michael reyff"}},
		{name: "title", text: "THEY KILLED CAMERAMAN CARLOS CORRALES.", pick: "cameraman carlos corrales", role: Victim,
			fillers: []string{"carlos"}, common: []string{"killed", "cameraman"},
			want: []string{"cameraman carlos corrales", "carlos corrales"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := formsOf(tc.text, tc.pick, tc.role, tc.fillers, tc.common)
			if len(got) == 0 || got[0] != tc.pick {
				t.Fatalf("forms = %q, want %q first", got, tc.pick)
			}
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("forms = %q, missing %q", got, w)
				}
			}
			for _, w := range tc.notWant {
				if slices.Contains(got, w) {
					t.Errorf("forms = %q, should not hold %q", got, w)
				}
			}
		})
	}
}

func TestForeign(t *testing.T) {
	lex := &Lexicon{WordDF: map[string]int32{"rescued": 50, "carlos": 50, "reyff": 1, "four": 80, "of": 1000}, Word: map[string]*Stat{}}
	st := &Stat{Occ: 50}
	st.Gold[Victim] = 20
	lex.Word["carlos"] = st
	for _, tc := range []struct {
		w    string
		r    int
		want bool
	}{
		{"rescued", Victim, true}, // common, never in a name
		{"carlos", Victim, false}, // in victims' names
		{"carlos", Weapon, true},  // never in a weapon
		{"reyff", Victim, false},  // too rare to tell
		{"four", Weapon, false},   // numbers are never foreign
		{"of", Target, false},     // nor the words that join noun phrases
	} {
		if got := lex.foreign(tc.r, tc.w); got != tc.want {
			t.Errorf("foreign(%s, %q) = %v, want %v", Roles[tc.r], tc.w, got, tc.want)
		}
	}
}

func TestGateFeaturesFollowScores(t *testing.T) {
	// the gate must see a difference between a role nobody scored and a role with a
	// strong candidate
	hi := &strScore{norm: "fmln"}
	hi.q[PerpOrg] = 0.9
	lo := &strScore{norm: "bomb"}
	lo.q[PerpOrg] = 0.01
	dc := docCtx{rel: 0.9, typ: "BOMBING"}
	a := gateFeatures([]*strScore{hi, lo}, PerpOrg, dc, nil)
	b := gateFeatures([]*strScore{lo}, PerpOrg, dc, nil)
	if slices.Equal(dedupe(a), dedupe(b)) {
		t.Fatal("gate features do not depend on the role's best score")
	}
	top, n2, n5, _ := topQ([]*strScore{hi, lo}, PerpOrg)
	if top[0] != 0.9 || top[1] != 0.01 || n2 != 1 || n5 != 1 {
		t.Errorf("topQ = %v %d %d", top, n2, n5)
	}
}

func TestNotPerson(t *testing.T) {
	lex := &Lexicon{WordDF: map[string]int32{"street": 90, "cano": 12, "guillermo": 30, "ruben": 20, "dario": 20, "magazine": 30}, Word: map[string]*Stat{}}
	for _, w := range []string{"guillermo", "ruben"} {
		st := &Stat{Occ: 30}
		st.Gold[Victim] = 5
		lex.Word[w] = st
	}
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"guillermo cano", false},         // a surname that is a common word of the texts
		{"ruben dario street", true},      // ends with a very common word never in names
		{"semana magazine", true},         // ends with a foreign word, no name word first
		{"la dorada", true},               // a Spanish article: a place or a business
		{"los congos", true},              //
		{"irish nun", true},               // ends with a title
		{"victor fajardo province", true}, // a place named after a person
		{"roosevelt ave", true},           //
		{"carlos de la cruz", false},      // an article inside a name is fine
		{"jose antonio velasco", false},
	} {
		if got := notPerson(lex, tc.s); got != tc.want {
			t.Errorf("notPerson(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
