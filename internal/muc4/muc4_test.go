package muc4

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/report"
)

const sharedDir = "../../../shared/data/muc4"

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The FMLN [Farabundo Marti] rebels", "fmln farabundo marti rebels"},
		{"CAR-BOMB", "carbomb"},
		{"  A   BOMB  ", "bomb"},
		{"THE PRESIDENT'S HOUSE", "presidents house"},
		{"AN M-16 RIFLE", "m16 rifle"},
		{"", ""},
		{"the", ""},
		{"THEATER", "theater"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSpanNormMatchesNormalize(t *testing.T) {
	a := analyse("THE COUNTRY'S EASTERN REGION, AN M-16 RIFLE AND THE U.S. EMBASSY OF THE CAR-BOMB.")
	for _, c := range a.cands {
		if got, want := c.norm, Normalize(a.spanText(c)); got != want {
			t.Errorf("span %q: norm %q, Normalize %q", a.spanText(c), got, want)
		}
	}
}

func TestIncidentDate(t *testing.T) {
	for _, tc := range []struct{ text, pub, want string }{
		{"A BOMB EXPLODED YESTERDAY IN LIMA.", "1989-10-31", "30 OCT 89"},
		{"TERRORISTS ATTACKED THE POST LAST NIGHT.", "1990-01-01", "31 DEC 89"},
		{"THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER IN SAN LUIS.", "1990-01-03", "30 DEC 89"},
		{"THE JUDGE WAS MURDERED ON 3 FEBRUARY.", "1990-02-10", "03 FEB 90"},
		{"THE JUDGE WAS MURDERED ON FEBRUARY 3, 1988.", "1990-02-10", "03 FEB 88"},
		{"GUERRILLAS ATTACKED THE TOWN ON MONDAY.", "1989-11-16", "13 NOV 89"}, // a Thursday
		{"A BOMB EXPLODED THIS MORNING.", "1989-11-16", "16 NOV 89"},
		{"A BOMB EXPLODED IN THE CAPITAL.", "1989-11-16", "- 16 NOV 89"},
		{"A BOMB EXPLODED IN THE CAPITAL.", "", ""},
		{"A BOMB EXPLODED ON 5 MARCH 1989.", "", "05 MAR 89"},
	} {
		a := analyse(tc.text)
		if got := incidentDate(a, tc.pub); got != tc.want {
			t.Errorf("incidentDate(%q, %q) = %q, want %q", tc.text, tc.pub, got, tc.want)
		}
	}
}

func TestCandidatesAndGlosses(t *testing.T) {
	a := analyse("NATIONAL GUARD UNITS GUARDING THE LAS CANAS BRIDGE REPELLED AN ATTACK BY TERRORISTS OF THE\nFARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] IN APOPA.")
	var norms []string
	for _, c := range a.cands {
		norms = append(norms, c.norm)
	}
	for _, want := range []string{"las canas bridge", "terrorists", "fmln", "farabundo marti national liberation front",
		"terrorists of farabundo marti national liberation front", "national guard units"} {
		if !slices.Contains(norms, want) {
			t.Errorf("no candidate %q in %q", want, norms)
		}
	}
	for _, bad := range []string{"the las canas bridge", "attack by", "by terrorists", "in apopa"} {
		if slices.Contains(norms, bad) {
			t.Errorf("unexpected candidate %q", bad)
		}
	}
	if !a.isAlias("fmln", "farabundo marti national liberation front") {
		t.Errorf("gloss FMLN not read as an alias")
	}
}

func TestContainsWords(t *testing.T) {
	for _, tc := range []struct {
		x, y string
		want bool
	}{
		{"urban guerrillas", "guerrillas", true},
		{"guerrillas", "urban guerrillas", false},
		{"terrorists", "terrorist", false},
		{"bank of bogota", "bank", true},
	} {
		if got := containsWords(tc.x, tc.y); got != tc.want {
			t.Errorf("containsWords(%q, %q) = %v", tc.x, tc.y, got)
		}
	}
}

func TestSelectFillers(t *testing.T) {
	s := func(n string, r int, p float64) *strScore {
		x := &strScore{norm: n}
		x.p[r] = p
		x.q[r] = p
		return x
	}
	scores := []*strScore{
		s("guerrillas", PerpInd, 0.6), s("urban guerrillas", PerpInd, 0.7), s("fmln", PerpOrg, 0.9),
		s("farabundo marti national liberation front", PerpOrg, 0.8), s("bomb", Weapon, 0.1),
	}
	var th [NRoles]float64
	for r := range th {
		th[r] = 0.5
	}
	alias := func(x, y string) bool {
		return x == "fmln" && y == "farabundo marti national liberation front"
	}
	var got []string
	for _, p := range selectFillers(scores, th, [NRoles]int{8, 8, 8, 8, 8}, alias) {
		got = append(got, Roles[p.role]+":"+p.s.norm)
	}
	want := []string{"PerpInd:urban guerrillas", "PerpOrg:fmln"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("selectFillers = %q, want %q", got, want)
	}
}

func TestMatchCount(t *testing.T) {
	gold := [][]string{{"urban guerrillas", "guerrillas"}, {"fmln"}}
	if n := matchCount([]string{"guerrillas", "urban guerrillas", "fmln"}, gold); n != 2 {
		t.Errorf("matchCount = %d, want 2", n)
	}
	if n := matchCount(nil, gold); n != 0 {
		t.Errorf("matchCount(nil) = %d", n)
	}
}

func TestEmbeddedModel(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.FeatureVersion != FeatureVersion {
		t.Errorf("model feature version %d, code %d", m.Header.FeatureVersion, FeatureVersion)
	}
	if len(m.Header.TrainFiles) != len(trainFiles) {
		t.Errorf("header records %d training files, want %d", len(m.Header.TrainFiles), len(trainFiles))
	}
	for f := range m.Header.TrainFiles {
		if !strings.Contains(f, "-dev.") {
			t.Errorf("model trained on %s, not dev", f)
		}
	}
	if len(m.Cand.Index) == 0 || len(m.Lex.Str) == 0 {
		t.Errorf("empty model")
	}
}

func readDevDocs(tb testing.TB, n int) []report.Document {
	path := filepath.Join(sharedDir, "docs-dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("no MUC-4 corpus at %s", path)
	}
	cd, err := ReadCorpusDocs(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []report.Document
	for _, c := range cd[:min(n, len(cd))] {
		out = append(out, report.Document{ID: c.ID, Text: c.Text, Dateline: c.Dateline,
			Published: deref(c.Published), Source: deref(c.Source)})
	}
	return out
}

func TestExtractDevDocs(t *testing.T) {
	docs := readDevDocs(t, 60)
	byID := map[string]report.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	// DEV-MUC3-0025: heavily armed men murdered Hector Oqueli Colindres and Gilda Flores.
	ts := Extract(byID["DEV-MUC3-0025"])
	if len(ts) == 0 {
		t.Fatal("DEV-MUC3-0025: no template")
	}
	var victims []string
	for _, e := range ts[0].HumTgtName {
		victims = append(victims, Normalize(e[0]))
	}
	if !slices.Contains(victims, "gilda flores") {
		t.Errorf("DEV-MUC3-0025 victims %q lack GILDA FLORES", victims)
	}
	if d := ts[0].IncidentDate; len(d) != 1 || len(d[0].Value) != 1 {
		t.Errorf("DEV-MUC3-0025 date %v", d)
	} else if _, err := time.Parse("02 Jan 06", strings.TrimPrefix(d[0].Value[0], "- ")); err != nil {
		t.Errorf("DEV-MUC3-0025 date %q: %v", d[0].Value[0], err)
	}
	n := 0
	for _, d := range docs {
		ts := Extract(d)
		n += len(ts)
		checkTemplates(t, ts)
	}
	if n < 10 {
		t.Errorf("only %d templates for %d dev documents", n, len(docs))
	}
}

func checkTemplates(t *testing.T, ts []Template) {
	t.Helper()
	for _, tp := range ts {
		for _, slot := range [][][]string{tp.PerpIndividualID, tp.PerpOrganizationID, tp.PhysTgtID, tp.HumTgtName, tp.InstrumentID} {
			for _, e := range slot {
				if len(e) == 0 {
					t.Errorf("empty entity")
				}
				for _, m := range e {
					if strings.TrimSpace(m) == "" {
						t.Errorf("empty mention")
					}
				}
			}
		}
		for _, fs := range [][]Fill{tp.IncidentType, tp.IncidentDate, tp.IncidentLocation, tp.IncidentStage, tp.PerpOrganizationConfidence, tp.HumTgtEffect} {
			for _, f := range fs {
				for _, v := range f.Value {
					if strings.TrimSpace(v) == "" {
						t.Errorf("empty fill value")
					}
				}
			}
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("A BOMB EXPLODED YESTERDAY AT THE U.S. EMBASSY IN LIMA. THE FMLN [FARABUNDO MARTI NATIONAL LIBERATION FRONT] CLAIMED IT.", "1989-10-31")
	f.Add("GUERRILLAS KILLED JUDGE ANTONIO ROJAS ON 3 FEBRUARY", "")
	f.Add("SAN SALVADOR (EL SALVADOR), 2 MAY 90 -- IN THE TOWN OF SAN LUIS DE LA REINA, NEAR BOGOTA, A CAR BOMB DESTROYED THE HOUSE OF JUDGE X. IN THE MODELO NEIGHBORHOOD TERRORISTS SET FIRE TO A BUS.", "1990-05-02")
	f.Add("GUERRILLAS ATTACKED THE POST. THE FOLLOWING POLICEMEN DIED: MAJOR CARLOS FARFAN CORREA, CAPTAIN WALTER MOSCOSO CARDENAS, AND GUARD ACALARDO JARA SOTO, AND", "")
	f.Add("[[(( ]]", "2024-02-30")
	f.Add("\xff\xfe ÁÉ 'S -- ... 31 DECEMBER 1999", "1999-12-31T10:00:00Z")
	f.Fuzz(func(t *testing.T, text, pub string) {
		m, err := LoadModel()
		if err != nil {
			t.Skip(err)
		}
		ts := m.Extract(report.Document{ID: "fuzz", Text: text, Published: pub, Dateline: text[:min(len(text), 30)]})
		checkTemplates(t, ts)
	})
}

func BenchmarkExtract(b *testing.B) {
	docs := readDevDocs(b, 50)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	if _, err := LoadModel(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Extract(docs[i%len(docs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func TestExtractConcurrentDeterministic(t *testing.T) {
	docs := readDevDocs(t, 40)
	want := make([][]Template, len(docs))
	for i, d := range docs {
		want[i] = Extract(d)
	}
	errs := make(chan string, len(docs)*4)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			for i, d := range docs {
				got := Extract(d)
				if fmt.Sprint(got) != fmt.Sprint(want[i]) {
					errs <- d.ID
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	close(errs)
	for id := range errs {
		t.Errorf("%s: concurrent Extract differs from sequential", id)
	}
}

func TestExpandNames(t *testing.T) {
	// the scored-strings OF widening of targets; useOfSpans replaces it (TestExpandOfSpans)
	defer func(v bool) { useOfSpans = v }(useOfSpans)
	useOfSpans = false
	mk := func(norms ...string) []*strScore {
		var out []*strScore
		for _, n := range norms {
			out = append(out, &strScore{norm: n})
		}
		return out
	}
	for _, tc := range []struct {
		pick   string
		role   int
		scores []string
		want   string
	}{
		{"rodriguez porth", Victim, []string{"rodriguez porth", "jose antonio rodriguez porth", "minister antonio rodriguez"}, "jose antonio rodriguez porth"},
		{"minister rodriguez porth", Victim, []string{"minister rodriguez porth", "rodriguez porth"}, "rodriguez porth"},
		{"hector oqueli", Victim, []string{"hector oqueli", "killed hector oqueli"}, "hector oqueli"},
		{"rodriguez porth", Victim, []string{"rodriguez porth", "antonio rodriguez porth 8", "antonio rodriguez porth"}, "antonio rodriguez porth"},
		{"antonio rodriguez porth 8", Victim, []string{"antonio rodriguez porth 8", "antonio rodriguez porth"}, "antonio rodriguez porth"},
		{"office of aleksandr trushin", Victim, []string{"office of aleksandr trushin", "aleksandr trushin"}, "aleksandr trushin"},
		{"former minister alvaro sarmiento", Victim, []string{"former minister alvaro sarmiento", "alvaro sarmiento"}, "alvaro sarmiento"},
		{"guerrillas", PerpInd, []string{"guerrillas", "urban guerrillas"}, "guerrillas"},
		{"house", Target, []string{"house", "house of judge guillermo torre alday", "house of judge"}, "house of judge guillermo torre alday"},
		{"house", Target, []string{"house", "house of bombing"}, "house"},
	} {
		scores := mk(tc.scores...)
		var p *strScore
		for _, s := range scores {
			if s.norm == tc.pick {
				p = s
			}
		}
		got := expandNames([]picked{{role: tc.role, s: p}}, scores, byNorm(scores), nil)
		if len(got) != 1 || got[0].s.norm != tc.want {
			t.Errorf("expandNames(%q) = %v, want %q", tc.pick, got, tc.want)
		}
	}
}

func TestExpandOfSpans(t *testing.T) {
	a := analyse("GUERRILLAS BOMBED THE HOUSE OF JUDGE GUILLERMO TORRE ALDAY. THE HOMES OF DEPUTY FINANCES MINISTER GUSTAVO ADOLFO LEIVA AND TWO BUSES WERE DAMAGED. A BOMB EXPLODED AT THE BRANCH OF BANCO POPULAR OF BOGOTA AND COLOMBIA.")
	for _, tc := range []struct{ pick, want string }{
		{"house", "house of judge guillermo torre alday"},
		{"homes", "homes"}, // the 8-word phrase is too long; no truncated one
		{"branch", "branch of banco popular of bogota"}, // ends before AND
	} {
		s := &strScore{norm: tc.pick}
		got, fixed := expandOfSpans(a, []picked{{role: Target, s: s}}, map[string]*strScore{tc.pick: s})
		if len(got) != 1 || got[0].s.norm != tc.want {
			t.Errorf("expandOfSpans(%q) = %q, want %q", tc.pick, got[0].s.norm, tc.want)
		}
		if fixed[got[0].s] != (tc.want != tc.pick) {
			t.Errorf("expandOfSpans(%q): fixed = %v", tc.pick, fixed[got[0].s])
		}
	}
}

// TestCandScoresMatchRows checks the candidate model's fast lookup table (six or seven
// classes) against the plain rows of weights.
func TestCandScoresMatchRows(t *testing.T) {
	for _, k := range []int{NRoles + 1, NRoles + 2} {
		m := &Linear{K: k, Index: map[uint64]int32{}}
		for r := range 50 {
			m.Index[uint64(r)*7919+1] = int32(r)
			for c := range k {
				m.W = append(m.W, float32(r*k+c)/100-1)
			}
		}
		m.finalize()
		f := []uint64{1, 7920, 99999, 15839, 1, 3}
		got := make([]float64, k)
		m.scores(f, got)
		want := make([]float64, k)
		for _, h := range f {
			if r, ok := m.Index[h]; ok {
				for c := range k {
					want[c] += float64(m.W[int(r)*k+c])
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("K=%d: scores %v, want %v", k, got, want)
		}
	}
}

// TestEmbeddedCandClasses checks that the embedded candidate model has the classes the
// code trains: none, the roles and, with useAuxDesc, the descriptions.
func TestEmbeddedCandClasses(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Fatal(err)
	}
	if want := NRoles + 1 + auxClasses(); m.Cand.K != want {
		t.Errorf("candidate model has %d classes, want %d", m.Cand.K, want)
	}
}

func TestReadModel(t *testing.T) {
	b, err := dataFS.ReadFile("data/" + ModelFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, ModelFile)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	emb, _ := LoadModel()
	doc := report.Document{ID: "x", Text: "URBAN GUERRILLAS BLEW UP A BUS IN SAN SALVADOR TODAY, KILLING THE DRIVER, JOSE PEREZ. THE FMLN CLAIMED RESPONSIBILITY."}
	if got, want := m.Extract(doc), emb.Extract(doc); len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("a model read from a file extracts %v, the embedded one %v", got, want)
	}

	// a model of other features is refused, not misread
	old := *m
	old.Header.FeatureVersion = FeatureVersion - 1
	ob, err := old.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, ob, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadModel(path); err == nil || !strings.Contains(err.Error(), "feature version") {
		t.Errorf("old model: err = %v", err)
	}
	if _, err := ReadModel(filepath.Join(dir, "none.gz")); err == nil {
		t.Error("missing model: no error")
	}
}
