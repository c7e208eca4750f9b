package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

type refuseOptions struct {
	db        *string
	reextract bool
}

func newRefuseCmd() *cobra.Command {
	o := &refuseOptions{}
	cmd := &cobra.Command{
		Use:   "refuse",
		Short: "Rebuild every incident from the stored reports",
		Long: `Rebuild every incident from scratch: delete all incidents and fuse every stored report
again, in order of report time (publication time, else ingestion time) and id. The result
depends only on the set of stored reports, not on the order they were ingested in; ingest
fuses incrementally, so after out-of-order ingestion refuse gives the canonical grouping
and incident ids.

By default the stored extractions are reused. --reextract runs the current extractor on
every stored report text first and stores its new extraction (after an upgrade).

The rebuild is one transaction: interrupted, it leaves the previous incidents intact.`,
		Example: `  sitrep refuse
  sitrep refuse --reextract --db /data/news.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd) },
	}
	o.db = addDBFlag(cmd)
	cmd.Flags().BoolVar(&o.reextract, "reextract", false, "re-run the extractor on every stored report first")
	return cmd
}

func (o *refuseOptions) run(cmd *cobra.Command) error {
	ctx := cmdContext(cmd)
	st, err := openExistingDB(ctx, *o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	var reextract func(*store.Report) report.Report
	if o.reextract {
		x, err := extract.Default()
		if err != nil {
			return fmt.Errorf("extractor: %w", err)
		}
		reextract = func(r *store.Report) report.Report { return x.Extract(documentOf(r)) }
	}
	n, err := fuse.Refuse(ctx, st, reextract)
	if err != nil {
		return err
	}
	c, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "refused %d reports into %d incidents\n", n, c.Incidents)
	return nil
}

// documentOf rebuilds the input document of a stored report.
func documentOf(r *store.Report) report.Document {
	return report.Document{ID: r.ID, Text: r.Text, Title: r.Title, Source: r.Source, URL: r.URL, Published: r.Published,
		Dateline: r.Dateline}
}
