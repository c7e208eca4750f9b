package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/eval"
	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/report"
)

// newEvalCmd is `sitrep eval`: scoring extraction against gold, so quality is a number.
func newEvalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score extraction against gold annotations",
		Long: `Score extraction against gold annotations.

  muc4       MUC-4 role-filler F1 (CEAF-REE, strict and prop) and full-key accuracy
  incidents  modern-news incident fields against GOLD_SCHEMA.md gold

Scores go to stdout (a table, or JSON with --json); time taken and documents per second
go to stderr. A minimum that is not met (--min-f1, --min) makes the exit status 1.`,
	}
	cmd.AddCommand(newEvalMUC4Cmd(), newEvalIncidentsCmd())
	return cmd
}

// evalMUC4Options are the flags of sitrep eval muc4.
type evalMUC4Options struct {
	gold    []string
	keys    []string
	pred    []string
	minF1   float64
	json    bool
	model   string
	verbose bool
}

func newEvalMUC4Cmd() *cobra.Command {
	o := &evalMUC4Options{}
	cmd := &cobra.Command{
		Use:   "muc4 --gold ROLES.jsonl [--keys KEYS.jsonl] [--pred PRED.jsonl | DOCS.jsonl...]",
		Short: "Score MUC-4 templates: role-filler F1 (CEAF-REE) and full-key accuracy",
		Long: `Run the MUC-4 extraction on DOCS.jsonl (or read precomputed templates with --pred, in
the shape of keys-*.jsonl / sitrep read --format muc4) and score it against the
role-filler gold with CEAF-REE as ../shared/data/muc4/README.md defines it: per role
(PerpInd, PerpOrg, Target, Victim, Weapon) and micro-averaged, strict and prop, with the
counts matched/predicted/gold. Scoring runs over the gold's documents; a gold document
without a prediction counts as predicting nothing.

--keys adds sitrep's secondary metric against the full answer keys: relevant-document and
template detection P/R/F1, and accuracy of incident type, stage, date, country, most
specific place and perpetrator-organisation confidence on matched templates (see
eval.ScoreKeys for the exact definition).

--gold, --keys and --pred may be repeated or given comma lists; their files are scored as
one set (for example tst1 and tst2). --min-f1 N exits non-zero when strict micro F1 (in
percent) is below N.

--verbose lists, by document and role, each gold entity nothing matched (with all its
mentions) and each prediction that matched no gold entity, as the strict matching paired
them; with --json they are the "misses" of "roles".

--model scores a model file written by sitrep train muc4 instead of the embedded model: a
--holdout model, scored on the dev documents it left out, shows what a change to the
extraction code after training (selection, boundaries) does without retraining.`,
		Example: `  # Validation (tst1 + tst2)
  d=../shared/data/muc4
  sitrep eval muc4 --gold $d/roles-tst1.jsonl,$d/roles-tst2.jsonl \
      --keys $d/keys-tst1.jsonl,$d/keys-tst2.jsonl $d/docs-tst1.jsonl $d/docs-tst2.jsonl

  # Score precomputed templates; fail below 50 strict micro F1
  sitrep read --format muc4 $d/docs-tst1.jsonl > pred.jsonl
  sitrep eval muc4 --gold $d/roles-tst1.jsonl --pred pred.jsonl --min-f1 50

  # A model trained without the first 260 dev documents, scored on them
  sitrep train muc4 --holdout first:260 --out /tmp/m
  sitrep eval muc4 --model /tmp/m/model.json.gz --gold <(head -n 260 $d/roles-dev.jsonl) \
      <(head -n 260 $d/docs-dev.jsonl)`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.gold, "gold", nil, "role-filler gold, roles-*.jsonl (repeatable, or a comma list)")
	f.StringSliceVar(&o.keys, "keys", nil, "full answer keys, keys-*.jsonl, for the secondary metric (repeatable)")
	f.StringSliceVar(&o.pred, "pred", nil, "precomputed predicted templates instead of running extraction (repeatable)")
	f.Float64Var(&o.minF1, "min-f1", 0, "exit non-zero when strict micro F1 (percent) is below this")
	f.BoolVar(&o.json, "json", false, "print the scores as JSON")
	f.StringVar(&o.model, "model", "", "score this model file (model.json.gz from sitrep train muc4) instead of the embedded model")
	f.BoolVar(&o.verbose, "verbose", false, "list every gold entity missed and every wrong prediction, by document and role")
	_ = cmd.MarkFlagRequired("gold")
	return cmd
}

// muc4EvalResult is the JSON output of sitrep eval muc4.
type muc4EvalResult struct {
	Roles eval.RoleReport  `json:"roles"`
	Keys  *eval.KeysReport `json:"keys,omitempty"`
}

func (o *evalMUC4Options) run(cmd *cobra.Command, args []string) error {
	if len(o.pred) > 0 && len(args) > 0 {
		return errors.New("eval muc4: give either --pred or documents, not both")
	}
	if len(o.pred) == 0 && len(args) == 0 {
		return errors.New("eval muc4: no documents to extract (give DOCS.jsonl or --pred)")
	}
	if len(o.pred) > 0 && o.model != "" {
		return errors.New("eval muc4: --model scores a model's extraction; it cannot be combined with --pred")
	}
	extract := muc4Extract
	if o.model != "" {
		m, err := muc4.ReadModel(o.model)
		if err != nil {
			return fmt.Errorf("eval muc4: %w", err)
		}
		extract = m.Extract
	}
	var gold []eval.RoleDoc
	for _, p := range o.gold {
		g, err := eval.ReadRoles(p)
		if err != nil {
			return fmt.Errorf("eval muc4: gold: %w", err)
		}
		gold = append(gold, g...)
	}
	var keys []muc4.Doc
	for _, p := range o.keys {
		k, err := eval.ReadKeys(p)
		if err != nil {
			return fmt.Errorf("eval muc4: keys: %w", err)
		}
		keys = append(keys, k...)
	}

	start := time.Now()
	var pred []muc4.Doc
	if len(o.pred) > 0 {
		for _, p := range o.pred {
			d, err := eval.ReadKeys(p)
			if err != nil {
				return fmt.Errorf("eval muc4: predictions: %w", err)
			}
			pred = append(pred, d...)
		}
	} else {
		if extract == nil {
			return errors.New("eval muc4: muc4 extraction not built yet (use --pred)")
		}
		docs, err := readEvalDocs(args)
		if err != nil {
			return fmt.Errorf("eval muc4: %w", err)
		}
		t0 := time.Now()
		for _, d := range docs {
			ts, err := safeExtract(d.ID, func() []muc4.Template { return extract(d) })
			if err != nil {
				return fmt.Errorf("eval muc4: %w", err)
			}
			pred = append(pred, muc4.Doc{ID: d.ID, Templates: ts})
		}
		logRate(cmd.ErrOrStderr(), "extracted", len(docs), time.Since(t0))
	}

	t0 := time.Now()
	res := muc4EvalResult{Roles: eval.ScoreRoles(gold, eval.PredictionsFromDocs(pred))}
	if len(keys) > 0 {
		k := eval.ScoreKeys(keys, pred)
		res.Keys = &k
	}
	logRate(cmd.ErrOrStderr(), "scored", res.Roles.Docs, time.Since(t0))
	fmt.Fprintf(cmd.ErrOrStderr(), "eval muc4: total %s\n", time.Since(start).Round(time.Millisecond))
	warnMissing(cmd.ErrOrStderr(), res.Roles.Missing, res.Roles.Docs)
	if !o.verbose {
		res.Roles.Misses = nil
	}

	out := cmd.OutOrStdout()
	if o.json {
		if err := writeJSON(out, res); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "MUC-4 role-filler F1 (CEAF-REE), %d documents, %d without prediction\n\n",
			res.Roles.Docs, res.Roles.Missing)
		if err := res.Roles.WriteTable(out); err != nil {
			return err
		}
		if res.Keys != nil {
			fmt.Fprintf(out, "\nFull keys (sitrep's secondary metric), %d documents\n\n", res.Keys.Docs)
			if err := res.Keys.WriteTable(out); err != nil {
				return err
			}
		}
		if o.verbose {
			if err := res.Roles.WriteMisses(out); err != nil {
				return err
			}
		}
	}
	if f := 100 * res.Roles.Strict.Micro().F1(); cmd.Flags().Changed("min-f1") && f < o.minF1 {
		return fmt.Errorf("eval muc4: strict micro F1 %.2f is below --min-f1 %g", f, o.minF1)
	}
	return nil
}

// evalIncidentsOptions are the flags of sitrep eval incidents.
type evalIncidentsOptions struct {
	gold    []string
	pred    []string
	verbose bool
	min     []string
	json    bool
}

func newEvalIncidentsCmd() *cobra.Command {
	o := &evalIncidentsOptions{}
	cmd := &cobra.Command{
		Use:   "incidents --gold GOLD.jsonl [--verbose] [--min KEY=VALUE]... [--pred REPORTS.jsonl | DOCS.jsonl...]",
		Short: "Score incident records against GOLD_SCHEMA.md gold",
		Long: `Run extraction on DOCS.jsonl (or read the JSON Lines of sitrep read --json with --pred)
and score each article's main incident (the report's first) against the gold, as
../shared/data/wikievents/GOLD_SCHEMA.md describes: incident detection, type, (stage), date,
country, place, killed and injured best figures (exact and lenient), perpetrator names
(set F1) and status, weapon categories (set F1).

Detection counts over all articles: an incident is detected when the report has at
least one incident, with or without figures. Every other field counts only over articles
whose gold has an incident. A null gold value is matched only by no value. See
eval.ScoreIncidents for every rule.

--verbose lists each miss (article, field, gold, got). --min KEY=VALUE (repeatable, value
in percent) exits non-zero naming every metric below its minimum; keys: detection, type,
stage, date, country, place, killed_exact, killed_lenient, injured_exact, injured_lenient,
perp_f1, perp_p, perp_r, perp_status, weapons_f1, weapons_p, weapons_r.`,
		Example: `  d=../shared/data/wikievents
  sitrep eval incidents --gold $d/dev_gold.jsonl --verbose $d/dev.jsonl
  sitrep eval incidents --gold $d/dev_gold.jsonl --min detection=95 --min killed_exact=85 $d/dev.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringSliceVar(&o.gold, "gold", nil, "gold file, GOLD_SCHEMA.md lines (repeatable, or a comma list)")
	f.StringSliceVar(&o.pred, "pred", nil, "precomputed reports (sitrep read --json) instead of running extraction")
	f.BoolVar(&o.verbose, "verbose", false, "list every miss: article, field, gold, got")
	f.StringArrayVar(&o.min, "min", nil, "minimum KEY=VALUE in percent, e.g. killed_exact=85 (repeatable)")
	f.BoolVar(&o.json, "json", false, "print the scores as JSON")
	_ = cmd.MarkFlagRequired("gold")
	return cmd
}

func (o *evalIncidentsOptions) run(cmd *cobra.Command, args []string) error {
	if len(o.pred) > 0 && len(args) > 0 {
		return errors.New("eval incidents: give either --pred or documents, not both")
	}
	if len(o.pred) == 0 && len(args) == 0 {
		return errors.New("eval incidents: no documents to extract (give DOCS.jsonl or --pred)")
	}
	min, err := eval.ParseMin(o.min)
	if err != nil {
		return fmt.Errorf("eval incidents: --min %w", err)
	}
	var gold []eval.IncidentGold
	for _, p := range o.gold {
		g, err := eval.ReadIncidentGold(p)
		if err != nil {
			return fmt.Errorf("eval incidents: gold: %w", err)
		}
		gold = append(gold, g...)
	}

	var reports []report.Report
	if len(o.pred) > 0 {
		for _, p := range o.pred {
			r, err := eval.ReadReports(p)
			if err != nil {
				return fmt.Errorf("eval incidents: predictions: %w", err)
			}
			reports = append(reports, r...)
		}
	} else {
		docs, err := readEvalDocs(args)
		if err != nil {
			return fmt.Errorf("eval incidents: %w", err)
		}
		x, err := extract.Default()
		if err != nil {
			return fmt.Errorf("eval incidents: %w", err)
		}
		t0 := time.Now()
		for _, d := range docs {
			r, err := safeExtract(d.ID, func() report.Report { return x.Extract(d) })
			if err != nil {
				return fmt.Errorf("eval incidents: %w", err)
			}
			reports = append(reports, r)
		}
		logRate(cmd.ErrOrStderr(), "extracted", len(docs), time.Since(t0))
	}

	t0 := time.Now()
	rep := eval.ScoreIncidents(gold, reports)
	logRate(cmd.ErrOrStderr(), "scored", rep.Articles, time.Since(t0))
	warnMissing(cmd.ErrOrStderr(), rep.Missing, rep.Articles)
	out := cmd.OutOrStdout()
	if o.json {
		if err := writeJSON(out, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "Incidents: %d articles, %d with an incident, %d without report\n\n",
			rep.Articles, rep.WithIncident, rep.Missing)
		if err := rep.WriteTable(out, o.verbose); err != nil {
			return err
		}
	}
	if err := rep.CheckMin(min); err != nil {
		return fmt.Errorf("eval incidents: %w", err)
	}
	return nil
}

// readEvalDocs reads the documents of JSON Lines files with internal/ingest.
func readEvalDocs(paths []string) ([]report.Document, error) {
	var docs []report.Document
	for _, p := range paths {
		d, err := ingest.ReadFile(p, ingest.KindJSONL) // its errors name the file
		if err != nil {
			return nil, err
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// safeExtract runs one document's extraction, turning a panic into an error that names
// the document, so a crash in an extractor reads as a finding rather than a stack dump.
func safeExtract[T any](id string, fn func() T) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("document %s: internal error in extraction: %v", id, p)
		}
	}()
	return fn(), nil
}

// warnMissing notes on stderr when gold documents had no prediction, which usually means
// the document ids of the input and the gold differ.
func warnMissing(w io.Writer, missing, total int) {
	if missing > 0 {
		fmt.Fprintf(w, "eval: warning: %d of %d gold documents have no prediction (scored as empty; do the ids match?)\n", missing, total)
	}
}

// logRate prints how long a step took over n documents, with documents per second.
func logRate(w io.Writer, what string, n int, d time.Duration) {
	rate := 0.0
	if d > 0 {
		rate = float64(n) / d.Seconds()
	}
	fmt.Fprintf(w, "eval: %s %d documents in %s (%.0f docs/s, one goroutine)\n",
		what, n, d.Round(time.Microsecond), rate)
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
