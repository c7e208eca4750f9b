package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

// exportColumns are the CSV columns of sitrep export.
var exportColumns = []string{"id", "type", "date", "country", "place", "killed", "killed_max", "injured",
	"perpetrators", "weapons", "reports", "first_seen", "last_updated"}

type exportOptions struct {
	db     *string
	format string
	out    string
}

func newExportCmd() *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export every incident as CSV or JSON Lines",
		Long: `Export every stored incident, ordered by id, so that two exports of the same database are
byte-identical.

--format csv writes a header and one row per incident with the columns
  id, type, date, country, place, killed, killed_max, injured, perpetrators, weapons,
  reports, first_seen, last_updated
where killed and injured are the current best values, killed_max the highest value a
source currently gives, perpetrators "name:status;..." (current status), weapons the
weapon categories ";"-separated, reports the number of reports, and first_seen and
last_updated the earliest and latest report times (RFC 3339, UTC). Unknown values are
empty.

--format jsonl writes one incident a line with everything show --json has: figure
timelines, claims, flags, and the report ids under "reports".

-o FILE writes to FILE (replaced atomically) instead of standard output.`,
		Example: `  sitrep export --format csv -o incidents.csv
  sitrep export --format jsonl | jq -c '{id, reports}'
  SITREP_DB=/data/news.db sitrep export --format csv > all.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd) },
	}
	o.db = addDBFlag(cmd)
	cmd.Flags().StringVar(&o.format, "format", "csv", "csv or jsonl")
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write to this file instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"csv", "jsonl"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func (o *exportOptions) run(cmd *cobra.Command) error {
	format := strings.ToLower(strings.TrimSpace(o.format))
	if format != "csv" && format != "jsonl" {
		return fmt.Errorf("--format %q: want csv or jsonl", o.format)
	}
	ctx := cmdContext(cmd)
	st, err := openExistingDB(ctx, *o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	ins, err := st.ListIncidents(ctx, store.Filter{})
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		if format == "csv" {
			return writeCSV(w, ins)
		}
		for _, in := range ins {
			if err := writeJSONLine(w, viewOf(in)); err != nil {
				return err
			}
		}
		return nil
	}
	if o.out == "" || o.out == "-" {
		return write(cmd.OutOrStdout())
	}
	return writeFileAtomic(o.out, write)
}

// writeCSV writes the incidents as CSV with exportColumns.
func writeCSV(w io.Writer, ins []*store.Incident) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportColumns); err != nil {
		return err
	}
	for _, in := range ins {
		killed, killedMax, injured := "", "", ""
		if t := incTotal(in, report.Killed); t != nil {
			killed, killedMax = strconv.Itoa(t.Best), strconv.Itoa(t.High)
		}
		if t := incTotal(in, report.Injured); t != nil {
			injured = strconv.Itoa(t.Best)
		}
		var cats []string
		for _, w := range in.Weapons {
			cats = append(cats, string(w.Category))
		}
		slices.Sort(cats)
		cats = slices.Compact(cats)
		nreports := len(viewOf(in).Reports)
		row := []string{strconv.FormatInt(in.ID, 10), string(in.Type), in.Date, in.Country, in.Place, killed, killedMax, injured,
			fuse.Summary(fuse.Perpetrators(in)), strings.Join(cats, ";"), strconv.Itoa(nreports),
			store.FormatTime(in.FirstSeen), store.FormatTime(in.LastUpdated)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeFileAtomic writes path through a temporary file in the same directory, renamed
// into place only when write succeeds.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
