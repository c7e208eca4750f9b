package muc4

import (
	"slices"
	"testing"
)

// placeFixture is a model with a small gazetteer and word frequencies, enough for the
// place candidates and the ranker.
func placeFixture() *Model {
	sent := &Linear{K: 2, Index: map[uint64]int32{}}
	sent.finalize()
	return &Model{
		Sent: sent,
		Lex: &Lexicon{NDocs: 100, WordDF: map[string]int32{
			"bomb": 40, "exploded": 30, "yesterday": 50, "guerrillas": 60, "attacked": 40,
			"post": 20, "today": 70, "police": 50, "city": 40, "residence": 10,
		}},
		Places: map[string]string{
			"el salvador":  "EL SALVADOR",
			"san salvador": "EL SALVADOR: SAN SALVADOR (CITY)",
			"san miguel":   "EL SALVADOR: SAN MIGUEL (DEPARTMENT)",
			"peru":         "PERU",
			"lima":         "PERU: LIMA (CITY)",
			"colombia":     "COLOMBIA",
			"bogota":       "COLOMBIA: BOGOTA (CITY)",
		},
	}
}

func TestLocSpecific(t *testing.T) {
	for _, tc := range []struct {
		loc, country string
		specific     []string
	}{
		{"EL SALVADOR", "el salvador", []string{"el salvador"}},
		{"EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)", "el salvador", []string{"san luis de la reina"}},
		{"COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)", "colombia", []string{"cucuta", "campanario"}},
		{"PERU: LIMA", "peru", []string{"lima"}},
	} {
		c, sp := ParseLocation(tc.loc)
		if c != tc.country || !slices.Equal(sp, tc.specific) {
			t.Errorf("ParseLocation(%q) = %q %q, want %q %q", tc.loc, c, sp, tc.country, tc.specific)
		}
		if got := locType(tc.loc); tc.loc == "EL SALVADOR" && got != "COUNTRY" {
			t.Errorf("locType(%q) = %q, want COUNTRY", tc.loc, got)
		}
	}
}

func TestPlaceCands(t *testing.T) {
	m := placeFixture()
	for _, tc := range []struct {
		name, dateline, text string
		want                 []string // candidate locations that must be found
		not                  []string // and ones that must not
	}{
		{"town of, gazetteer department, dateline and country", "SAN SALVADOR, 3 JAN 90",
			"A BOMB EXPLODED YESTERDAY IN THE TOWN OF SAN LUIS DE LA REINA, SAN MIGUEL DEPARTMENT.",
			[]string{"EL SALVADOR: SAN LUIS DE LA REINA (TOWN)", "EL SALVADOR: SAN MIGUEL (DEPARTMENT)",
				"EL SALVADOR: SAN SALVADOR (CITY)", "EL SALVADOR"}, nil},
		{"name before a type word takes the country of the sentence's known place", "BOGOTA, 9 JAN 90",
			"GUERRILLAS ATTACKED A RESIDENCE IN THE MODELO NEIGHBORHOOD OF LIMA TODAY.",
			[]string{"PERU: MODELO (NEIGHBORHOOD)", "PERU: LIMA (CITY)", "PERU", "COLOMBIA: BOGOTA (CITY)", "COLOMBIA"},
			[]string{"PERU: LIMA TODAY"}},
		{"airports keep their type word", "BOGOTA, 4 SEP 89",
			"A BOMB EXPLODED AT THE JOSE MARIA CORDOBA AIRPORT.",
			[]string{"COLOMBIA: JOSE MARIA CORDOBA AIRPORT"}, nil},
		{"common words after a preposition are no place", "LIMA, 9 JAN 90",
			"THE POLICE ATTACKED THE POST IN THE CITY YESTERDAY.",
			[]string{"PERU: LIMA (CITY)"}, []string{"PERU: CITY", "PERU: POST"}},
	} {
		a := analyse(tc.text)
		a.dateline = tc.dateline
		var got []string
		for _, c := range m.placeCands(a, m.Places) {
			got = append(got, c.loc)
		}
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: candidates %q lack %q", tc.name, got, w)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("%s: candidates %q hold %q", tc.name, got, w)
			}
		}
	}
}

// TestPlaceRanker trains the ranker on a few documents where the incident happened in the
// place named in the incident's sentence, not the dateline's, and checks it learns that.
func TestPlaceRanker(t *testing.T) {
	m := placeFixture()
	texts := []struct{ dateline, text, gold string }{
		{"LIMA, 1 JAN 90", "THE GOVERNMENT MET TODAY. A BOMB EXPLODED YESTERDAY IN HUANTA.", "PERU: HUANTA (CITY)"},
		{"LIMA, 2 JAN 90", "OFFICIALS SPOKE. GUERRILLAS ATTACKED A POST IN ANDAHUA YESTERDAY.", "PERU: ANDAHUA (TOWN)"},
		{"SAN SALVADOR, 3 JAN 90", "THE ASSEMBLY MET. A BOMB EXPLODED IN APOPA YESTERDAY.", "EL SALVADOR: APOPA (CITY)"},
		{"SAN SALVADOR, 4 JAN 90", "THE ARMY SPOKE TODAY. GUERRILLAS ATTACKED A POST IN AGUILARES.", "EL SALVADOR: AGUILARES (CITY)"},
		{"BOGOTA, 5 JAN 90", "THE MINISTER SPOKE. A BOMB EXPLODED IN SOACHA YESTERDAY.", "COLOMBIA: SOACHA (CITY)"},
		{"BOGOTA, 6 JAN 90", "THE PRESIDENT MET TODAY. GUERRILLAS ATTACKED A POST IN TURBO.", "COLOMBIA: TURBO (CITY)"},
	}
	var as []*analysis
	var keys []Doc
	for _, d := range texts {
		a := analyse(d.text)
		a.dateline = d.dateline
		as = append(as, a)
		keys = append(keys, Doc{Templates: []Template{{IncidentLocation: fill(d.gold)}}})
	}
	saveB, saveO := placeBlocks, placeOpts
	defer func() { placeBlocks, placeOpts = saveB, saveO }()
	placeBlocks, placeOpts.MinDF, placeOpts.Epochs = 2, 1, 20
	m.Place = m.trainPlace(as, keys, func(int) bool { return true }, 1)
	for _, tc := range []struct{ dateline, text, want string }{
		{"LIMA, 7 JAN 90", "THE CONGRESS MET TODAY. A BOMB EXPLODED YESTERDAY IN CHULLAS.", "PERU: CHULLAS"},
		{"BOGOTA, 8 JAN 90", "THE PRESIDENT SPOKE. GUERRILLAS ATTACKED A POST IN ITAGUI YESTERDAY.", "COLOMBIA: ITAGUI"},
	} {
		a := analyse(tc.text)
		a.dateline = tc.dateline
		if got := m.rankPlace(a, eventSentence(a), m.sentRel(a)); got != tc.want {
			t.Errorf("rankPlace(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	// without candidates the ranker gives way to the rules
	a := analyse("NOTHING HAPPENED.")
	if got := m.rankPlace(a, 0, m.sentRel(a)); got != "" {
		t.Errorf("rankPlace without candidates = %q, want empty", got)
	}
}
