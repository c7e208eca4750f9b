package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/report"
)

// runEval runs the root command with args and returns stdout, stderr and the error.
func runEval(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	root := newRootCmd()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), errOut.String(), err
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The README's worked example: gold roles and the same prediction as a template.
const (
	workedGold = `{"id": "d1", "roles": {"PerpInd": [["urban guerrillas", "guerrillas"]], "PerpOrg": [["farabundo marti national liberation front", "fmln"]], "Target": [["bus"], ["power station"]], "Victim": [], "Weapon": [["bomb"]]}}
{"id": "d2", "roles": {"PerpInd": [], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}}
`
	workedPred = `{"id": "d1", "templates": [{"template": 1, "optional": false, "incident_type": [{"value": ["BOMBING"], "ref": null}], "perp_individual_id": [["Guerrillas", "armed men"]], "perp_organization_id": [["The FMLN"]], "phys_tgt_id": [["the bus"], ["bridge"]], "hum_tgt_name": [["peasants"]], "instrument_id": [["bomb"]]}]}
{"id": "d2", "templates": []}
`
	workedDocs = `{"id": "d1", "text": "GUERRILLAS BOMBED THE BUS."}
{"id": "d2", "text": "NOTHING HAPPENED."}
`
)

func TestEvalMUC4Pred(t *testing.T) {
	gold := writeTemp(t, "roles.jsonl", workedGold)
	pred := writeTemp(t, "pred.jsonl", workedPred)

	out, _, err := runEval(t, "eval", "muc4", "--gold", gold, "--pred", pred)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 documents, 0 without prediction", "micro", "50.00", "54.55", "63.64", "3/6/5", "3.50/6/5"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	if strings.Contains(out, "misses") {
		t.Errorf("misses listed without --verbose:\n%s", out)
	}
	out, _, err = runEval(t, "eval", "muc4", "--gold", gold, "--pred", pred, "--verbose")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"misses: 2 gold entities missed, 3 predictions wrong", "d1\n", "PerpInd  missed urban guerrillas | guerrillas", "Target   wrong  bridge", "Victim   wrong  peasants"} {
		if !strings.Contains(out, want) {
			t.Errorf("--verbose output lacks %q:\n%s", want, out)
		}
	}

	_, _, err = runEval(t, "eval", "muc4", "--gold", gold, "--pred", pred, "--min-f1", "60")
	if err == nil || !strings.Contains(err.Error(), "strict micro F1 54.55 is below --min-f1 60") {
		t.Errorf("--min-f1 60: err = %v", err)
	}
	if _, _, err = runEval(t, "eval", "muc4", "--gold", gold, "--pred", pred, "--min-f1", "54"); err != nil {
		t.Errorf("--min-f1 54: %v", err)
	}

	out, _, err = runEval(t, "eval", "muc4", "--gold", gold, "--keys", pred, "--pred", pred, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Roles struct {
			Docs   int
			Strict map[string]struct{ P, R, F1 float64 }
		}
		Keys *struct{ Templates struct{ TP int } }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output does not decode: %v\n%s", err, out)
	}
	if m := res.Roles.Strict["micro"]; res.Roles.Docs != 2 || m.P != 50 || m.R != 60 || res.Keys == nil || res.Keys.Templates.TP != 1 {
		t.Errorf("--json decoded to %+v (keys %+v)", res, res.Keys)
	}
}

func TestEvalMUC4Extract(t *testing.T) {
	gold := writeTemp(t, "roles.jsonl", workedGold)
	docs := writeTemp(t, "docs.jsonl", workedDocs)
	saved := muc4Extract
	defer func() { muc4Extract = saved }()

	muc4Extract = nil
	if _, _, err := runEval(t, "eval", "muc4", "--gold", gold, docs); err == nil || !strings.Contains(err.Error(), "not built yet") {
		t.Errorf("nil extractor: err = %v", err)
	}

	muc4Extract = func(d report.Document) []muc4.Template {
		if !strings.Contains(d.Text, "BUS") {
			return nil
		}
		return []muc4.Template{{PhysTgtID: [][]string{{"THE BUS"}}}}
	}
	out, errOut, err := runEval(t, "eval", "muc4", "--gold", gold, docs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1/1/2") || !strings.Contains(errOut, "docs/s") || strings.Contains(errOut, "warning") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}

	// Documents whose ids are not the gold's leave the gold unpredicted: a warning.
	other := writeTemp(t, "other.jsonl", `{"id": "x9", "text": "THE BUS."}`+"\n")
	if _, errOut, err = runEval(t, "eval", "muc4", "--gold", gold, other); err != nil || !strings.Contains(errOut, "2 of 2 gold documents have no prediction") {
		t.Errorf("err %v, stderr:\n%s", err, errOut)
	}

	muc4Extract = func(d report.Document) []muc4.Template { panic("boom") }
	if _, _, err = runEval(t, "eval", "muc4", "--gold", gold, docs); err == nil || !strings.Contains(err.Error(), "document d1: internal error in extraction: boom") {
		t.Errorf("panicking extractor: err = %v", err)
	}
}

func TestEvalArgs(t *testing.T) {
	gold := writeTemp(t, "roles.jsonl", workedGold)
	pred := writeTemp(t, "pred.jsonl", workedPred)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"muc4 pred and docs", []string{"eval", "muc4", "--gold", gold, "--pred", pred, "docs.jsonl"}, "not both"},
		{"muc4 nothing", []string{"eval", "muc4", "--gold", gold}, "no documents"},
		{"muc4 no gold", []string{"eval", "muc4", "--pred", pred}, `"gold" not set`},
		{"muc4 missing gold file", []string{"eval", "muc4", "--gold", gold + ".nope", "--pred", pred}, "no such file"},
		{"muc4 model and pred", []string{"eval", "muc4", "--gold", gold, "--pred", pred, "--model", pred}, "cannot be combined"},
		{"muc4 missing model", []string{"eval", "muc4", "--gold", gold, "--model", pred + ".nope", "docs.jsonl"}, "read muc4 model"},
		{"muc4 model not a model", []string{"eval", "muc4", "--gold", gold, "--model", pred, "docs.jsonl"}, "retrain it"},
		{"incidents bad min", []string{"eval", "incidents", "--gold", gold, "--min", "type", "--pred", pred}, "KEY=VALUE"},
		{"incidents nothing", []string{"eval", "incidents", "--gold", gold}, "no documents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runEval(t, tc.args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

const incidentGold = `{"id": "a", "has_incident": true, "incident_type": "bombing", "date": null, "location": {"place": "Bagram", "admin": null, "country": "Afghanistan"}, "killed": {"best": 6, "values": [6], "qualifier": "exact", "source": null}, "injured": {"best": null, "values": [], "qualifier": null, "source": null}, "perpetrators": [{"name": "Taliban", "aliases": [], "status": "claimed"}], "weapons": ["explosives"]}
{"id": "b", "has_incident": false, "incident_type": null, "date": null, "location": {"place": null, "admin": null, "country": null}, "killed": {"best": null, "values": [], "qualifier": null, "source": null}, "injured": {"best": null, "values": [], "qualifier": null, "source": null}, "perpetrators": [], "weapons": []}
`

func TestEvalIncidentsPred(t *testing.T) {
	gold := writeTemp(t, "gold.jsonl", incidentGold)
	rep := report.Report{ID: "a", Incidents: []report.Incident{{
		Type:         report.TypeBombing,
		Location:     &report.Location{Place: report.Str("Bagram airfield"), Country: report.Str("Afghanistan")},
		Figures:      []report.Figure{{Category: report.Killed, Value: 5, Best: true}},
		Perpetrators: []report.Perpetrator{{Name: "Taliban", Status: report.Claimed}},
		Weapons:      []report.Weapon{{Category: report.WeaponExplosives}},
	}}}
	b, _ := json.Marshal(rep)
	pred := writeTemp(t, "reports.jsonl", string(b)+"\n"+`{"id": "b", "text": "", "incidents": []}`+"\n")

	out, _, err := runEval(t, "eval", "incidents", "--gold", gold, "--pred", pred, "--verbose",
		"--min", "detection=100", "--min", "perp_f1=100")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 articles, 1 with an incident", "killed_exact", "0/1", "misses (2)", "gold 6 (values 6); got 5"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	_, _, err = runEval(t, "eval", "incidents", "--gold", gold, "--pred", pred, "--min", "killed_exact=85", "--min", "place=50")
	if err == nil || !strings.Contains(err.Error(), "killed_exact 0.00 < 85") || strings.Contains(err.Error(), "place") {
		t.Errorf("thresholds: err = %v", err)
	}
}

func TestEvalIncidentsExtract(t *testing.T) {
	gold := writeTemp(t, "gold.jsonl", incidentGold)
	docs := writeTemp(t, "docs.jsonl", `{"doc_id": "a", "text": "A suicide bomber killed six people in Bagram, Afghanistan, on Monday. The Taliban claimed the attack."}
{"doc_id": "b", "text": "Parliament passed the budget on Tuesday."}
`)
	out, errOut, err := runEval(t, "eval", "incidents", "--gold", gold, docs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "detection") || !strings.Contains(errOut, "extracted 2 documents") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}

// TestEvalMUC4Shared scores the validation keys as predictions through the command: the
// README's test vector.
func TestEvalMUC4Shared(t *testing.T) {
	d := filepath.Join("..", "..", "..", "shared", "data", "muc4")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data %s absent: %v", d, err)
	}
	p := func(s string) string { return filepath.Join(d, s) }
	out, _, err := runEval(t, "eval", "muc4",
		"--gold", p("roles-tst1.jsonl")+","+p("roles-tst2.jsonl"),
		"--pred", p("keys-tst1.jsonl"), "--pred", p("keys-tst2.jsonl"), "--min-f1", "98.5")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "micro       98.12  98.95  98.53") || !strings.Contains(out, "98.73  99.56  99.14") {
		t.Errorf("output:\n%s", out)
	}
}
