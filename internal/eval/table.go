package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable prints the role-filler scores as a table: per role and micro, strict and
// prop P/R/F1 in percent with the counts matched/predicted/gold.
func (r RoleReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "role\tstrict P\tR\tF1\tmatched/pred/gold\tprop P\tR\tF1\tmatched/pred/gold\t\n")
	row := func(name string, s, p Counts) {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%s\t%.2f\t%.2f\t%.2f\t%s\t\n", name,
			100*s.P(), 100*s.R(), 100*s.F1(), countStr(s),
			100*p.P(), 100*p.R(), 100*p.F1(), countStr(p))
	}
	for _, role := range Roles {
		row(role, r.Strict[role], r.Prop[role])
	}
	row("micro", r.Strict.Micro(), r.Prop.Micro())
	return tw.Flush()
}

func countStr(c Counts) string {
	if c.Matched == float64(int(c.Matched)) {
		return fmt.Sprintf("%d/%d/%d", int(c.Matched), c.Predicted, c.Gold)
	}
	return fmt.Sprintf("%.2f/%d/%d", c.Matched, c.Predicted, c.Gold)
}

// WriteTable prints the full-keys metric: detection P/R/F1 and field accuracies.
func (r KeysReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "detection\tP\tR\tF1\ttp/pred/gold\t\n")
	for _, d := range []struct {
		name string
		s    SetCounts
	}{{"relevant docs", r.RelevantDocs}, {"templates", r.Templates}} {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%d/%d/%d\t\n", d.name,
			100*d.s.P(), 100*d.s.R(), 100*d.s.F1(), d.s.TP, d.s.Predicted, d.s.Gold)
	}
	fmt.Fprintf(tw, "\t\t\t\t\t\n")
	fmt.Fprintf(tw, "field (matched templates)\taccuracy\t\t\tcorrect/total\t\n")
	for _, f := range []struct {
		name string
		t    Tally
	}{
		{"incident type", r.Type}, {"stage", r.Stage}, {"date", r.Date}, {"country", r.Country},
		{"place (most specific)", r.Place}, {"perp org confidence", r.Confidence},
	} {
		fmt.Fprintf(tw, "%s\t%.2f\t\t\t%d/%d\t\n", f.name, f.t.Pct(), f.t.Correct, f.t.Total)
	}
	return tw.Flush()
}

// WriteTable prints every metric of the incident report with its counts; with verbose,
// it then lists each article's misses (field, gold, got).
func (r IncidentReport) WriteTable(w io.Writer, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "metric\tvalue\tcounts\n")
	for _, m := range r.Metrics() {
		fmt.Fprintf(tw, "%s\t%6.2f\t%s\n", m.Key, m.Value, m.Detail)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !verbose {
		return nil
	}
	fmt.Fprintf(w, "\nmisses (%d):\n", len(r.Misses))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "article\tfield\tgold\tgot\n")
	for _, m := range r.Misses {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.ID, m.Field, m.Gold, m.Got)
	}
	return tw.Flush()
}
