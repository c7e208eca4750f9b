package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteTable prints the role-filler scores as a table: per role and micro, strict and
// prop P/R/F1 in percent with the counts matched/predicted/gold.
func (r RoleReport) WriteTable(w io.Writer) error {
	const head = "%-8s  %7s %6s %6s %18s   %7s %6s %6s %18s\n"
	const line = "%-8s  %7.2f %6.2f %6.2f %18s   %7.2f %6.2f %6.2f %18s\n"
	if _, err := fmt.Fprintf(w, head, "role", "strict P", "R", "F1", "matched/pred/gold",
		"prop P", "R", "F1", "matched/pred/gold"); err != nil {
		return err
	}
	row := func(name string, s, p Counts) error {
		_, err := fmt.Fprintf(w, line, name,
			100*s.P(), 100*s.R(), 100*s.F1(), countStr(s),
			100*p.P(), 100*p.R(), 100*p.F1(), countStr(p))
		return err
	}
	for _, role := range Roles {
		if err := row(role, r.Strict[role], r.Prop[role]); err != nil {
			return err
		}
	}
	return row("micro", r.Strict.Micro(), r.Prop.Micro())
}

func countStr(c Counts) string {
	if c.Matched == float64(int(c.Matched)) {
		return fmt.Sprintf("%d/%d/%d", int(c.Matched), c.Predicted, c.Gold)
	}
	return fmt.Sprintf("%.2f/%d/%d", c.Matched, c.Predicted, c.Gold)
}

// WriteTable prints the full-keys metric: detection P/R/F1 and field accuracies.
func (r KeysReport) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "detection\tP\tR\tF1\ttp/pred/gold\n")
	for _, d := range []struct {
		name string
		s    SetCounts
	}{{"relevant docs", r.RelevantDocs}, {"templates", r.Templates}} {
		fmt.Fprintf(tw, "%s\t%6.2f\t%6.2f\t%6.2f\t%d/%d/%d\n", d.name,
			100*d.s.P(), 100*d.s.R(), 100*d.s.F1(), d.s.TP, d.s.Predicted, d.s.Gold)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "field, on matched templates\taccuracy\tcorrect/total\n")
	for _, f := range []struct {
		name string
		t    Tally
	}{
		{"incident type", r.Type}, {"stage", r.Stage}, {"date", r.Date}, {"country", r.Country},
		{"place (most specific)", r.Place}, {"perp org confidence", r.Confidence},
	} {
		fmt.Fprintf(tw, "%s\t%6.2f\t%d/%d\n", f.name, f.t.Pct(), f.t.Correct, f.t.Total)
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
	if _, err := fmt.Fprintf(w, "\nmisses (%d), by article:\n", len(r.Misses)); err != nil {
		return err
	}
	last := ""
	for _, m := range r.Misses {
		if m.ID != last {
			fmt.Fprintf(w, "%s\n", m.ID)
			last = m.ID
		}
		if _, err := fmt.Fprintf(w, "  %-16s gold %s; got %s\n", m.Field, m.Gold, m.Got); err != nil {
			return err
		}
	}
	return nil
}

// WriteMisses lists the entities the strict matching left unmatched, by document: the
// gold entities missed (all their mentions) and the predictions that matched nothing.
func (r RoleReport) WriteMisses(w io.Writer) error {
	missed := 0
	for _, m := range r.Misses {
		if m.Gold != "" {
			missed++
		}
	}
	if _, err := fmt.Fprintf(w, "\nmisses: %d gold entities missed, %d predictions wrong (strict), by document:\n",
		missed, len(r.Misses)-missed); err != nil {
		return err
	}
	last := ""
	for _, m := range r.Misses {
		if m.ID != last {
			if _, err := fmt.Fprintf(w, "%s\n", m.ID); err != nil {
				return err
			}
			last = m.ID
		}
		kind, what := "missed", m.Gold
		if m.Gold == "" {
			kind, what = "wrong", m.Got
		}
		if _, err := fmt.Fprintf(w, "  %-8s %-6s %s\n", m.Field, kind, what); err != nil {
			return err
		}
	}
	return nil
}
