package lexicon

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/segment"
)

// deliberateCategoryClash lists phrases that deliberately map to entries of different
// categories within one file: "phrase" -> file.
var deliberateCategoryClash = map[string]string{
	"assassination attempt": "triggers", // an assassination (type) and an attempt (stage)
}

// TestEmbeddedFiles loads every embedded lexicon, checks its header, unique IDs, and that no
// phrase maps to entries of different categories within a file.
func TestEmbeddedFiles(t *testing.T) {
	names := Names()
	if len(names) == 0 {
		t.Fatal("no embedded lexicons")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			raw, err := dataFS.ReadFile("data/" + name + ".tsv")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(raw), "#") {
				t.Errorf("%s.tsv: no '#' provenance header at the top", name)
			}
			head := strings.ToLower(string(raw[:min(len(raw), 2000)]))
			if !strings.Contains(head, "source") {
				t.Errorf("%s.tsv: header does not say its source", name)
			}
			lx, err := Read(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(lx.Entries) == 0 {
				t.Fatal("no entries")
			}
			ids := map[string]bool{}
			cats := map[string]map[string]string{} // phrase key -> category -> id
			for _, e := range lx.Entries {
				if ids[e.ID] {
					t.Errorf("duplicate id %s", e.ID)
				}
				ids[e.ID] = true
				for _, p := range e.Phrases {
					k := normKey(strings.TrimPrefix(p, "="))
					if cats[k] == nil {
						cats[k] = map[string]string{}
					}
					cats[k][e.Category] = e.ID
				}
			}
			var clashes []string
			for k, cs := range cats {
				if len(cs) > 1 && deliberateCategoryClash[k] != name {
					clashes = append(clashes, fmt.Sprintf("%q: %v", k, cs))
				}
			}
			sort.Strings(clashes)
			for _, c := range clashes {
				t.Errorf("phrase maps to several categories: %s", c)
			}
			if _, err := Load(name); err != nil && name != Places {
				t.Fatal(err)
			}
		})
	}
}

// TestReferences checks that attributes naming other entries resolve.
func TestReferences(t *testing.T) {
	countries := map[string]bool{}
	for _, e := range MustLoad(Countries).Entries() {
		countries[e.Canonical] = true
		if len(e.Attrs["iso"]) != 2 {
			t.Errorf("%s: iso=%q", e.ID, e.Attrs["iso"])
		}
	}
	groups := MustLoad(Groups)
	for _, e := range groups.Entries() {
		for _, k := range []string{"parent", "outlet_of", "successor"} {
			if v := e.Attrs[k]; v != "" && groups.ByID(v) == nil {
				t.Errorf("%s: %s=%s: no such entry", e.ID, k, v)
			}
		}
		for _, c := range e.AttrList("country") {
			if !countries[c] {
				t.Errorf("%s: country %q is not a canonical name in countries.tsv", e.ID, c)
			}
		}
		if e.Category != "organization" && e.Category != "outlet" {
			t.Errorf("%s: category %q", e.ID, e.Category)
		}
	}
	for _, name := range []string{Admins, Places} {
		for _, e := range MustLoad(name).Entries() {
			if !countries[e.Attrs["country"]] {
				t.Errorf("%s: country %q is not a canonical name in countries.tsv", e.ID, e.Attrs["country"])
			}
		}
	}
	classes := map[string]bool{"firearms": true, "explosives": true, "incendiary": true, "vehicle": true,
		"melee": true, "chemical": true, "aircraft_drone": true, "other": true}
	for _, e := range MustLoad(Weapons).Entries() {
		if !classes[e.Category] {
			t.Errorf("%s: weapon class %q", e.ID, e.Category)
		}
	}
}

func TestCounts(t *testing.T) {
	for name, min := range map[string]int{Groups: 200, Countries: 249, Admins: 3000, Places: 20000, Weapons: 40} {
		if n := len(MustLoad(name).Entries()); n < min {
			t.Errorf("%s: %d entries, want at least %d", name, n, min)
		}
	}
}

const testTSV = `# test lexicon
# source: the test
group.is	organization	Islamic State	ISIS|ISIL|=IS|Daesh	kind=jihadist
group.iskp	organization	Islamic State Khorasan Province	ISIS-K|ISKP	parent=group.is
group.shabaab	organization	al-Shabaab	al-Shabab
weapon.car	vehicle	car	cars	needs=ramming
weapon.car_bomb	explosives	car bomb	car bombs
weapon.shell	explosives	shells
city.nice	city	Nice	=Nice	country=France
city.medellin	city	Medellín	Medellin	country=Colombia
city.ny	city	New York
city.yc	city	York City
city.sm1	city	San Miguel		country=El Salvador
city.sm2	city	San Miguel		country=Philippines
person.us	country	United States	U.S.|=US
city.sj_cr	city	San José	San Jose	pop=340000
city.sj_us	city	San Jose		pop=1000000
city.sj_none	city	San Jose
`

const testExclude = `# exclusions
shells company
=Nice weather
`

func testMatcher(t testing.TB) *Matcher {
	t.Helper()
	lx, err := Parse("test", []byte(testTSV))
	if err != nil {
		t.Fatal(err)
	}
	if err := lx.ParseExclude([]byte(testExclude)); err != nil {
		t.Fatal(err)
	}
	m, err := Compile(lx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// render shows matches as "text=id" for comparison.
func render(d *segment.Doc, ms []Match) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, d.Text[d.Tokens[m.Start].Start:d.Tokens[m.End-1].End]+"="+m.Entry.ID)
	}
	return strings.Join(parts, "; ")
}

func TestFind(t *testing.T) {
	m := testMatcher(t)
	allCaps := "REPORTS SAY THAT THE ISLAMIC STATE CLAIMED THE ATTACK, AND IS SAID TO HAVE USED A CAR BOMB NEAR MEDELLÍN."
	for _, tc := range []struct{ name, text, want string }{
		{"longest wins", "Islamic State Khorasan Province claimed it; Islamic State denied.",
			"Islamic State Khorasan Province=group.iskp; Islamic State=group.is"},
		{"car bomb beats car", "A car bomb and two cars.", "car bomb=weapon.car_bomb; cars=weapon.car"},
		{"hyphen joined variant", "A car-bomb exploded.", "car-bomb=weapon.car_bomb"},
		{"hyphen split variant", "al Shabaab and al-Shabab and Al-Shabaab", "al Shabaab=group.shabaab; al-Shabab=group.shabaab; Al-Shabaab=group.shabaab"},
		{"hyphenated token", "ISIS-K and ISIS K", "ISIS-K=group.iskp; ISIS K=group.iskp"},
		{"case-sensitive IS", "IS claimed it. It is not clear. Is it?", "IS=group.is"},
		{"case-insensitive in mixed text", "isis, Daesh and DAESH", "isis=group.is; Daesh=group.is; DAESH=group.is"},
		{"all caps document", allCaps, "ISLAMIC STATE=group.is; CAR BOMB=weapon.car_bomb; MEDELLÍN=city.medellin"},
		{"case-sensitive canonical", "a nice day in Nice", "Nice=city.nice"},
		{"exclusion", "a shells company and shells", "shells=weapon.shell"},
		{"case-sensitive exclusion", "Nice weather in Nice. nice weather", "Nice=city.nice"},
		{"possessive", "Islamic State's claim", "Islamic State=group.is"},
		{"non-ASCII neighbours", "«Daesh»—ISIS’s men in Medellín, “ISIL”", "Daesh=group.is; ISIS=group.is; Medellín=city.medellin; ISIL=group.is"},
		{"ascii spelling", "MEDELLIN, Medellin", "MEDELLIN=city.medellin; Medellin=city.medellin"},
		{"leftmost first", "New York City", "New York=city.ny"},
		{"dotted abbreviation", "the U.S. and the US", "U.S.=person.us; US=person.us"},
		{"dotted abbreviation at the end", "it blamed the U.S.", "U.S.=person.us"},
		{"pronoun us", "told us that", ""},
		{"partial token", "an Islamic State-claimed attack by ISIS-linked and ISIS-K-linked men", "Islamic State-claimed=group.is; ISIS-linked=group.is; ISIS-K-linked=group.iskp"},
		{"partial case-sensitive", "IS-linked and is-linked", "IS-linked=group.is"},
		{"hyphen at the edges", "Daesh- and -ISIL", "Daesh=group.is; ISIL=group.is"},
		{"prefixed compound is not the group", "an anti-ISIS coalition", ""},
		{"empty", "", ""},
		{"punctuation only", "... !!! ,,,", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := segment.New(tc.text)
			if got := render(d, m.Find(d)); got != tc.want {
				t.Errorf("Find(%q)\n got %s\nwant %s", tc.text, got, tc.want)
			}
		})
	}
}

func TestMatchFields(t *testing.T) {
	m := testMatcher(t)
	text := "Yesterday the Islamic State Khorasan Province said"
	d := segment.New(text)
	ms := m.Find(d)
	if len(ms) != 1 {
		t.Fatalf("got %d matches", len(ms))
	}
	mt := ms[0]
	if mt.Start != 2 || mt.End != 6 {
		t.Errorf("token span [%d,%d), want [2,6)", mt.Start, mt.End)
	}
	if b, e := d.Tokens[mt.Start].Start, d.Tokens[mt.End-1].End; text[b:e] != "Islamic State Khorasan Province" || b != 14 {
		t.Errorf("byte span [%d,%d) = %q", b, e, text[b:e])
	}
	if mt.Phrase != "Islamic State Khorasan Province" || mt.Entry.File != "test" || mt.Entry.Attrs["parent"] != "group.is" {
		t.Errorf("match %+v entry %+v", mt, *mt.Entry)
	}
	d = segment.New("IS and ISIS-K")
	ms = m.Find(d)
	if len(ms) != 2 || ms[0].Phrase != "IS" || ms[1].Phrase != "ISIS-K" || ms[0].Partial || ms[1].Partial {
		t.Errorf("phrases: %+v", ms)
	}
	d = segment.New("the Islamic State-claimed attack")
	ms = m.Find(d)
	if len(ms) != 1 || !ms[0].Partial || ms[0].Start != 1 || ms[0].End != 3 || ms[0].Phrase != "Islamic State" {
		t.Errorf("partial: %+v", ms)
	}
}

func TestFindRange(t *testing.T) {
	m := testMatcher(t)
	d := segment.New("ISIS and Daesh and ISIL and Islamic State")
	// tokens: ISIS and Daesh and ISIL and Islamic State
	for _, tc := range []struct {
		first, last int
		want        string
	}{
		{0, 8, "ISIS=group.is; Daesh=group.is; ISIL=group.is; Islamic State=group.is"},
		{1, 5, "Daesh=group.is; ISIL=group.is"},
		{0, 7, "ISIS=group.is; Daesh=group.is; ISIL=group.is"}, // "Islamic" alone is no match
		{-5, 100, "ISIS=group.is; Daesh=group.is; ISIL=group.is; Islamic State=group.is"},
		{5, 3, ""},
	} {
		if got := render(d, m.FindRange(d, tc.first, tc.last)); got != tc.want {
			t.Errorf("FindRange(%d,%d) = %s, want %s", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestAlternatives(t *testing.T) {
	m := testMatcher(t)
	d := segment.New("in San Miguel")
	ms := m.Find(d)
	if len(ms) != 1 {
		t.Fatalf("got %v", ms)
	}
	alts := m.Alternatives(ms[0])
	if len(alts) != 2 || alts[0].ID != "city.sm1" || alts[1].ID != "city.sm2" {
		t.Errorf("alternatives: %v", alts)
	}
	if m.ByID("city.sm2") != alts[1] || m.ByID("nope") != nil {
		t.Error("ByID")
	}
	if len(m.Alternatives(Match{})) != 0 {
		t.Error("alternatives of zero match")
	}
}

func TestLookup(t *testing.T) {
	m := testMatcher(t)
	for in, want := range map[string]string{"ISIS": "group.is", " Daesh ": "group.is", "IS": "group.is", "is": "",
		"the ISIS attack": "", "ISIS-linked": "", "": "", "ISIS-K": "group.iskp"} {
		got := ""
		if es := m.Lookup(in); len(es) > 0 {
			got = es[0].ID
		}
		if got != want {
			t.Errorf("Lookup(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPopOrder(t *testing.T) {
	m := testMatcher(t)
	d := segment.New("San Jose")
	ms := m.Find(d)
	if len(ms) != 1 {
		t.Fatalf("got %v", ms)
	}
	var ids []string
	for _, e := range m.Alternatives(ms[0]) {
		ids = append(ids, e.ID)
	}
	// no pop first, then by decreasing pop
	if got := strings.Join(ids, " "); got != "city.sj_none city.sj_us city.sj_cr" {
		t.Errorf("order %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"a\tb", "x.tsv:1: want 3 to 5"},
		{"# c\n\na\tb\tc\td\te\tf", "x.tsv:3: want 3 to 5"},
		{"\torg\tName", "x.tsv:1: empty id"},
		{"a b\torg\tName", "x.tsv:1: id \"a b\""},
		{"a\t\tName", "x.tsv:1: empty category"},
		{"a\torg\t", "x.tsv:1: empty canonical"},
		{"a\torg\t=Name", "x.tsv:1: empty canonical or canonical starting with '='"},
		{"a\torg\tName\nb\torg\tOther\na\torg\tAgain", "x.tsv:3: duplicate id \"a\" (first on line 1)"},
		{"a\torg\tName\tx||y", "x.tsv:1: empty phrase"},
		{"a\torg\tName\t=", "x.tsv:1: phrase \"=\" has no tokens"},
		{"a\torg\t   ", "x.tsv:1: empty canonical"},
		{"a\torg\tName\t\tnokey", "x.tsv:1: attribute \"nokey\" is not key=value"},
		{"a\torg\tName\t\tk=1;k=2", "x.tsv:1: duplicate attribute \"k\""},
		{"a\torg\t\xff", "x.tsv:1: invalid UTF-8"},
	} {
		_, err := Parse("x", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error %v, want %q", tc.data, err, tc.want)
		}
	}
	lx := &Lexicon{Name: "x"}
	if err := lx.ParseExclude([]byte("# h\nok phrase\nbad\tphrase\n")); err == nil || !strings.Contains(err.Error(), "x.exclude.tsv:3:") {
		t.Errorf("ParseExclude error %v", err)
	}
	if _, err := Load("no-such-lexicon"); err == nil {
		t.Error("Load of a missing lexicon succeeded")
	}
	if _, err := Load(); err == nil {
		t.Error("Load of nothing succeeded")
	}
	lx, err := Parse("ok", []byte("\ufeff# bom\r\na\torg\tName\tN1|=N2\tk=v; j = w ;\r\n"))
	if err != nil || len(lx.Entries) != 1 || lx.Entries[0].Attrs["j"] != "w" || len(lx.Entries[0].Phrases) != 3 {
		t.Errorf("Parse with BOM and CRLF: %v %+v", err, lx)
	}
}

func TestMustLoadCaches(t *testing.T) {
	a, b := MustLoad(Weapons), MustLoad(Weapons)
	if a != b {
		t.Error("MustLoad did not cache")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustLoad of a missing lexicon did not panic")
		}
	}()
	MustLoad("no-such-lexicon")
}

func TestGazetteer(t *testing.T) {
	for _, tc := range []struct{ in, iso string }{
		{"Russia", "RU"}, {"Russian Federation", "RU"}, {"Russians", "RU"}, {"U.S.", "US"}, {"US", "US"},
		{"United States of America", "US"}, {"UK", "GB"}, {"Britain", "GB"}, {"British", "GB"},
		{"EL SALVADOR", "SV"}, {"Salvadoran", "SV"}, {"Iran", "IR"}, {"Syria", "SY"}, {"Ivory Coast", "CI"},
		{"Côte d'Ivoire", "CI"}, {"Soviet Union", "SU"}, {"Polish", "PL"}, {"DRC", "CD"}, {"Ukrainian", "UA"},
	} {
		e, ok := Country(tc.in)
		if !ok || e.Attrs["iso"] != tc.iso {
			t.Errorf("Country(%q) = %v, %v; want %s", tc.in, e, ok, tc.iso)
		}
	}
	for _, in := range []string{"us", "polish", "Moscow", "", "Russia and Ukraine"} {
		if e, ok := Country(in); ok {
			t.Errorf("Country(%q) = %s, want none", in, e.ID)
		}
	}
	if e, ok := CountryByISO("ru"); !ok || e.Canonical != "Russia" {
		t.Errorf("CountryByISO(ru) = %v", e)
	}
	if e, ok := CountryByISO("SLV"); !ok || e.Canonical != "El Salvador" {
		t.Errorf("CountryByISO(SLV) = %v", e)
	}
	if _, ok := CountryByISO("QQ"); ok {
		t.Error("CountryByISO(QQ)")
	}
	if as := Admin("Antioquia", "Colombia"); len(as) != 1 || as[0].Attrs["iso"] != "CO" {
		t.Errorf("Admin(Antioquia) = %v", as)
	}
	if as := Admin("Usulutan", ""); len(as) == 0 || as[0].Attrs["country"] != "El Salvador" {
		t.Errorf("Admin(Usulutan) = %v", as)
	}
	geo := MustLoad(Countries, Admins, Places)
	for text, want := range map[string]string{
		"San Salvador":               "city.sv.san_salvador", // the city takes the bare name
		"SAN SALVADOR DEPARTMENT":    "admin.sv.san_salvador_department",
		"the department of Usulutan": "admin.sv.usulutan",
		"Moscow region":              "admin.ru.moscow_oblast",
		"Moscow":                     "city.ru.moscow",
		"Washington":                 "city.us.washington_d_c",
		"Kiev":                       "city.ua.kyiv",
		"Latin America":              "",
		"President Garcia":           "",
		"Ayacucho Department":        "admin.pe.ayacucho_region",
		"Cesar Gaviria":              "",
	} {
		d := segment.New(text)
		ms := geo.Find(d)
		got := ""
		if len(ms) > 0 {
			got = ms[len(ms)-1].Entry.ID
		}
		if got != want {
			t.Errorf("geo %q = %q, want %q", text, got, want)
		}
	}
	ps := Place("San Miguel", "El Salvador")
	if len(ps) == 0 || ps[0].Attrs["country"] != "El Salvador" {
		t.Errorf("Place(San Miguel, El Salvador) = %v", ps)
	}
	if ps := Place("Medellin", ""); len(ps) == 0 || ps[0].ID != "city.co.medellin" || ps[0].Attrs["admin"] != "Antioquia" {
		t.Errorf("Place(Medellin) = %v", ps)
	}
	if ps := Place("Moscow", ""); len(ps) < 2 || ps[0].Attrs["iso"] != "RU" || ps[0].Attrs["capital"] != "1" {
		t.Errorf("Place(Moscow) = %v (the most populous first)", ps)
	}
	if c, ok := CountryOf(Place("Kabul", "")[0]); !ok || c.Attrs["iso"] != "AF" {
		t.Errorf("CountryOf(Kabul) = %v", c)
	}
	for _, w := range []string{"reading", "bath", "nice", "most", "police", "of"} {
		if ps := Place(w, ""); len(ps) != 0 {
			t.Errorf("Place(%q) = %v: a common word matched as a place", w, ps[0].ID)
		}
	}
	if ps := Place("Reading", ""); len(ps) == 0 {
		t.Error("Place(Reading) found nothing")
	}
}

func TestDemonym(t *testing.T) {
	m := MustLoad(Countries)
	d := segment.New("Russian troops left Russia; the Poles and the Polish government")
	var got []string
	for _, mt := range m.Find(d) {
		got = append(got, fmt.Sprintf("%s:%s:%v", mt.Phrase, mt.Entry.Attrs["iso"], mt.IsDemonym()))
	}
	want := "Russian:RU:true Russia:RU:false Poles:PL:true Polish:PL:true"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}

// TestRealLexicons runs the embedded lexicons on the test article.
func TestRealLexicons(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d := segment.New(string(text))
	ids := func(names ...string) map[string]bool {
		out := map[string]bool{}
		for _, mt := range MustLoad(names...).Find(d) {
			out[mt.Entry.ID] = true
		}
		return out
	}
	groups := ids(Groups, Countries)
	for _, id := range []string{"group.iswap", "outlet.amaq", "group.boko_haram", "group.jnim", "group.al_qaeda",
		"group.al_shabaab", "group.islamic_state", "country.ng", "country.so"} {
		if !groups[id] {
			t.Errorf("groups+countries: %s not found", id)
		}
	}
	geo := ids(Countries, Admins, Places)
	for _, id := range []string{"city.ng.maiduguri", "city.ng.abuja", "country.ng", "country.bf", "city.ml.timbuktu",
		"country.ml", "country.so", "city.gb.london", "city.be.brussels", "country.cm"} {
		if !geo[id] {
			t.Errorf("geo: %s not found", id)
		}
	}
	weapons := ids(Weapons)
	for _, id := range []string{"weapon.firearms.automatic_weapon", "weapon.explosives.rpg", "weapon.incendiary.accelerant",
		"weapon.explosives.ied", "weapon.explosives.suicide_vest", "weapon.explosives.vehicle_bomb",
		"weapon.explosives.mortar", "weapon.melee.machete", "weapon.aircraft_drone.drone", "weapon.aircraft_drone.airstrike"} {
		if !weapons[id] {
			t.Errorf("weapons: %s not found", id)
		}
	}
}
