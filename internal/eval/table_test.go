package eval

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", p, got, want)
	}
}

func TestTablesGolden(t *testing.T) {
	// The README's worked example as a role report.
	roles := ScoreRoles([]RoleDoc{{ID: "d", Roles: map[string][]Entity{
		"PerpInd": {{"urban guerrillas", "guerrillas"}},
		"PerpOrg": {{"farabundo marti national liberation front", "fmln"}},
		"Target":  {{"bus"}, {"power station"}},
		"Weapon":  {{"bomb"}},
	}}}, map[string]map[string][]Entity{"d": {
		"PerpInd": {{"Guerrillas", "armed men"}},
		"PerpOrg": {{"The FMLN"}},
		"Target":  {{"the bus"}, {"bridge"}},
		"Victim":  {{"peasants"}},
		"Weapon":  {{"bomb"}},
	}})
	var b bytes.Buffer
	if err := roles.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "roles_table.golden", b.Bytes())

	tpl := muc4.Template{IncidentType: fill("BOMBING"), IncidentDate: fill("31 OCT 89"),
		IncidentLocation: fill("PERU: LIMA (CITY)"), InstrumentID: [][]string{{"BOMB"}}}
	wrong := tpl
	wrong.IncidentLocation = fill("PERU")
	keys := ScoreKeys(
		[]muc4.Doc{{ID: "a", Templates: []muc4.Template{tpl}}, {ID: "b", Templates: []muc4.Template{tpl}}, {ID: "c"}},
		[]muc4.Doc{{ID: "a", Templates: []muc4.Template{wrong}}, {ID: "c", Templates: []muc4.Template{tpl}}})
	b.Reset()
	if err := keys.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "keys_table.golden", b.Bytes())

	g := goldBombing()
	r := reportFromGold(g)
	r.Incidents[0].Figures[0].Value = 5
	r.Incidents[0].Perpetrators = r.Incidents[0].Perpetrators[:1]
	inc := ScoreIncidents([]IncidentGold{g, {ID: "n"}}, []report.Report{r, {ID: "n", Incidents: []report.Incident{{}}}})
	b.Reset()
	if err := inc.WriteTable(&b, true); err != nil {
		t.Fatal(err)
	}
	golden(t, "incidents_table.golden", b.Bytes())
}
