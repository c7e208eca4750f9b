package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

type incidentsOptions struct {
	db      *string
	since   string
	typ     string
	country string
	q       string
	limit   int
	json    bool
}

func newIncidentsCmd() *cobra.Command {
	o := &incidentsOptions{}
	cmd := &cobra.Command{
		Use:   "incidents",
		Short: "List the stored incidents",
		Long: `List the incidents fused from the ingested reports, ordered by id, as a table: id, date,
type, place, country, killed and injured (current best values), perpetrators with their
status and the number of reports.

Filters combine: --since keeps incidents on or after a date (incidents with no known date
count from their first report), --type and --country match exactly (country ignoring
case), and --q searches place, country, perpetrators, weapons and the reports' titles
and text. --json prints JSON Lines, one incident a line, in the form of show --json.`,
		Example: `  sitrep incidents
  sitrep incidents --since 2024-03-01 --type bombing
  sitrep incidents --country Nigeria --q "Boko Haram"
  sitrep incidents --json | jq -r 'select(.figures[0].best > 10) | .id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd) },
	}
	o.db = addDBFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.since, "since", "", "only incidents on or after this date (YYYY-MM-DD)")
	f.StringVar(&o.typ, "type", "", "only incidents of this type (bombing, armed_assault, ...)")
	f.StringVar(&o.country, "country", "", "only incidents in this country")
	f.StringVar(&o.q, "q", "", "only incidents whose place, perpetrators, weapons or reports mention this text")
	f.IntVar(&o.limit, "limit", 0, "print at most this many incidents (0: all)")
	f.BoolVar(&o.json, "json", false, "print JSON Lines, one incident a line")
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(incidentTypes(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func incidentTypes() []string {
	return []string{string(report.TypeArmedAssault), string(report.TypeBombing), string(report.TypeArson),
		string(report.TypeKidnapping), string(report.TypeAssassination), string(report.TypeVehicleRamming),
		string(report.TypeAirDroneStrike), string(report.TypeStabbing), string(report.TypeOther)}
}

func (o *incidentsOptions) run(cmd *cobra.Command) error {
	since, err := parseDay("since", o.since)
	if err != nil {
		return err
	}
	f := store.Filter{Since: since, Country: strings.TrimSpace(o.country), Q: strings.TrimSpace(o.q), Limit: o.limit}
	if t := strings.TrimSpace(o.typ); t != "" {
		ok := false
		for _, known := range incidentTypes() {
			ok = ok || known == t
		}
		if !ok {
			return fmt.Errorf("--type %q: want one of %s", t, strings.Join(incidentTypes(), ", "))
		}
		f.Type = report.IncidentType(t)
	}
	ctx := cmdContext(cmd)
	st, err := openExistingDB(ctx, *o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	ins, err := st.ListIncidents(ctx, f)
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if o.json {
		for _, in := range ins {
			if err := writeJSONLine(w, viewOf(in)); err != nil {
				return err
			}
		}
		return nil
	}
	return printIncidentTable(w, ins)
}

func printIncidentTable(w io.Writer, ins []*store.Incident) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tTYPE\tPLACE\tCOUNTRY\tKILLED\tINJURED\tPERPETRATORS\tREPORTS")
	for _, in := range ins {
		date := in.Date
		if date == "" {
			date = "~" + in.Anchor // no known date: the first report's day
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", in.ID, date, in.Type, dashIfEmpty(in.Place),
			dashIfEmpty(in.Country), figureCell(in, report.Killed), figureCell(in, report.Injured),
			clip(dashIfEmpty(fuse.Summary(fuse.Perpetrators(in))), 60), len(in.Reports))
	}
	return tw.Flush()
}

// figureCell is a total for the table: "23", or "23..30" when sources go higher.
func figureCell(in *store.Incident, c report.Category) string {
	t := incTotal(in, c)
	if t == nil {
		return "-"
	}
	s := strconv.Itoa(t.Best)
	if t.High > t.Best {
		s += fmt.Sprintf("..%d", t.High)
	}
	return s
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}
