package muc4

import (
	"slices"
	"strings"
	"testing"
)

// spanOf finds the tokens of words (space separated, normalised) in a, with their sentence.
func spanOf(t *testing.T, a *analysis, words string) (i, j, si int) {
	t.Helper()
	ws := strings.Fields(words)
	for si, s := range a.seg.Sentences {
		for k := s.First; k+len(ws) <= s.Last; k++ {
			if slices.Equal(a.clean[k:k+len(ws)], ws) {
				return k, k + len(ws), si
			}
		}
	}
	t.Fatalf("%q not in text", words)
	return
}

func TestNameListOf(t *testing.T) {
	for _, tc := range []struct {
		text, span string
		want       []string
	}{
		{"THE FOLLOWING POLICEMEN DIED IN COMBAT: MAJOR CARLOS FARFAN CORREA, CAPTAIN WALTER MOSCOSO CARDENAS, CORPORAL LUIS CARDENAS VALERA, AND GUARD ACALARDO JARA SOTO.",
			"walter moscoso cardenas", []string{"carlos farfan correa", "walter moscoso cardenas", "luis cardenas valera", "acalardo jara soto"}},
		{"THE VICTIMS WERE IDENTIFIED AS JOSE MANUEL JIMENEZ RIVERA AND PEDRO RAFAEL JIMENEZ CORTEZ.",
			"jose manuel jimenez rivera", []string{"jose manuel jimenez rivera", "pedro rafael jimenez cortez"}},
		{"THE PRIESTS KILLED WERE IGNACIO ELLACURIA, SEGUNDO MONTES, AND JOAQUIN LOPEZ Y LOPEZ.",
			"segundo montes", []string{"ignacio ellacuria", "segundo montes", "joaquin lopez y lopez"}},
		// not a list: one name, or names joined to words that are not names
		{"GUERRILLAS KILLED CARLOS FARFAN CORREA IN LIMA TODAY.", "carlos farfan correa", nil},
		{"CARLOS FARFAN CORREA, 42, AND HIS WIFE WERE KILLED.", "carlos farfan correa", nil},
		{"THE BOMB DAMAGED THE HOUSE OF CARLOS FARFAN CORREA, A JUDGE.", "carlos farfan correa", nil},
	} {
		a := analyse(tc.text)
		i, j, si := spanOf(t, a, tc.span)
		got := a.nameListOf(i, j, si)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q in %q: list %q, want %q", tc.span, tc.text, got, tc.want)
		}
	}
}

func TestExtendNameLists(t *testing.T) {
	a := analyse("THE FOLLOWING POLICEMEN DIED: MAJOR CARLOS FARFAN CORREA, CAPTAIN WALTER MOSCOSO CARDENAS, AND GUARD ACALARDO JARA SOTO.")
	var scores []*strScore
	for _, n := range []string{"carlos farfan correa", "walter moscoso cardenas", "acalardo jara soto"} {
		i, j, si := spanOf(t, a, n)
		scores = append(scores, &strScore{norm: n, cand: cand{i: i, j: j, sent: si, norm: n}})
	}
	picks := []picked{{role: Victim, s: scores[1], p: 0.4}}
	got := extendNameLists(a, nil, byNorm(scores), picks)
	var names []string
	for _, p := range got {
		if p.role != Victim {
			t.Errorf("%s added as %s", p.s.norm, Roles[p.role])
		}
		names = append(names, p.s.norm)
	}
	if want := []string{"walter moscoso cardenas", "carlos farfan correa", "acalardo jara soto"}; !slices.Equal(names, want) {
		t.Errorf("extended to %q, want %q", names, want)
	}
	// a picked target does not extend
	if got := extendNameLists(a, nil, byNorm(scores), []picked{{role: Target, s: scores[1]}}); len(got) != 1 {
		t.Errorf("a target extended to %d picks", len(got))
	}

	// no act done to people near the list: a delegation, not victims
	b := analyse("THE DELEGATION INCLUDES LEADERS ERICK RAMIREZ, MAURICIO DIAZ, AND MONSIGNOR ABELARDO MATA.")
	var bs []*strScore
	for _, n := range []string{"erick ramirez", "mauricio diaz", "abelardo mata"} {
		i, j, si := spanOf(t, b, n)
		bs = append(bs, &strScore{norm: n, cand: cand{i: i, j: j, sent: si, norm: n}})
	}
	if got := extendNameLists(b, nil, byNorm(bs), []picked{{role: Victim, s: bs[0]}}); len(got) != 1 {
		t.Errorf("a list without harm extended to %d picks", len(got))
	}
}
