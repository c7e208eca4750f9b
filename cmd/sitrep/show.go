package main

import (
	"context"
	"errors"
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

// incidentView is the JSON form of an incident shared by show --json, incidents --json
// and export --format jsonl: one object a line, keys in a fixed order.
type incidentView struct {
	ID           int64               `json:"id"`
	Type         report.IncidentType `json:"type"`
	Stage        *string             `json:"stage"`
	Date         *string             `json:"date"`
	Place        *string             `json:"place"`
	Admin        *string             `json:"admin"`
	Country      *string             `json:"country"`
	Figures      []figureView        `json:"figures"`
	Perpetrators []perpetratorView   `json:"perpetrators"`
	Weapons      []weaponView        `json:"weapons"`
	Flags        []flagView          `json:"flags"`
	Reports      []string            `json:"reports"`
	FirstSeen    string              `json:"first_seen"`
	LastUpdated  string              `json:"last_updated"`
}

// figureView is one figure category: the current best value, its range, and the
// timeline of what every report said.
//
// A category whose only figures are parts of itself ("3 of the dead were children") has
// a timeline but no current value: best, conservative, high, qualifier and report are
// null.
type figureView struct {
	Category     report.Category   `json:"category"`
	Best         *int              `json:"best"`
	Conservative *int              `json:"conservative"`
	High         *int              `json:"high"`
	Qualifier    *report.Qualifier `json:"qualifier"`
	Source       *string           `json:"source"`
	Report       *string           `json:"report"`
	Timeline     []pointView       `json:"timeline"`
}

type pointView struct {
	ReportTime string           `json:"report_time"`
	Report     string           `json:"report"`
	Outlet     *string          `json:"outlet"`
	Source     *string          `json:"source"`
	Value      int              `json:"value"`
	Min        *int             `json:"min"`
	Max        *int             `json:"max"`
	Qualifier  report.Qualifier `json:"qualifier"`
	SubsetOf   *string          `json:"subset_of"`
	Best       bool             `json:"best"`
	Current    bool             `json:"current"`
}

type perpetratorView struct {
	Name   string           `json:"name"`
	Kind   report.ActorKind `json:"kind"`
	Status report.Status    `json:"status"`
	Claims []claimView      `json:"claims"`
}

type claimView struct {
	ReportTime string        `json:"report_time"`
	Report     string        `json:"report"`
	Status     report.Status `json:"status"`
	Mention    string        `json:"mention"`
	Channel    *string       `json:"channel"`
	Source     *string       `json:"source"`
}

type weaponView struct {
	Category report.WeaponCategory `json:"category"`
	Text     string                `json:"text"`
	Report   string                `json:"report"`
}

type flagView struct {
	Kind    report.FlagKind `json:"kind"`
	Message string          `json:"message"`
	Report  *string         `json:"report"`
}

// viewOf builds the JSON view of an incident.
func viewOf(in *store.Incident) incidentView {
	v := incidentView{
		ID: in.ID, Type: in.Type, Stage: report.Str(string(in.Stage)), Date: report.Str(in.Date),
		Place: report.Str(in.Place), Admin: report.Str(in.Admin), Country: report.Str(in.Country),
		Figures: []figureView{}, Perpetrators: []perpetratorView{}, Weapons: []weaponView{}, Flags: []flagView{},
		Reports: []string{}, FirstSeen: store.FormatTime(in.FirstSeen), LastUpdated: store.FormatTime(in.LastUpdated),
	}
	for _, c := range report.Categories {
		fv := figureView{Category: c, Timeline: []pointView{}}
		if t := incTotal(in, c); t != nil {
			q := t.Qualifier
			fv.Best, fv.Conservative, fv.High = report.Int(t.Best), report.Int(t.Conservative), report.Int(t.High)
			fv.Qualifier, fv.Source, fv.Report = &q, report.Str(t.Source), report.Str(t.ReportID)
		}
		for _, f := range in.Figures {
			if f.Category != c {
				continue
			}
			fv.Timeline = append(fv.Timeline, pointView{ReportTime: store.FormatTime(f.ReportTime), Report: f.ReportID,
				Outlet: report.Str(f.Outlet), Source: report.Str(f.Source), Value: f.Value, Min: f.Min, Max: f.Max,
				Qualifier: f.Qualifier, SubsetOf: report.Str(string(f.SubsetOf)), Best: f.Best, Current: f.Current})
		}
		if len(fv.Timeline) > 0 {
			v.Figures = append(v.Figures, fv)
		}
	}
	for _, p := range fuse.Perpetrators(in) {
		pv := perpetratorView{Name: p.Name, Kind: p.Kind, Status: p.Status, Claims: []claimView{}}
		for _, c := range p.Claims {
			pv.Claims = append(pv.Claims, claimView{ReportTime: store.FormatTime(c.ReportTime), Report: c.ReportID,
				Status: c.Status, Mention: c.Mention, Channel: report.Str(c.Channel), Source: report.Str(c.Source)})
		}
		v.Perpetrators = append(v.Perpetrators, pv)
	}
	for _, w := range in.Weapons {
		v.Weapons = append(v.Weapons, weaponView{Category: w.Category, Text: w.Text, Report: w.ReportID})
	}
	for _, f := range in.Flags {
		v.Flags = append(v.Flags, flagView{Kind: f.Kind, Message: f.Message, Report: report.Str(f.ReportID)})
	}
	for _, r := range in.Reports {
		if n := len(v.Reports); n == 0 || v.Reports[n-1] != r.ID {
			v.Reports = append(v.Reports, r.ID)
		}
	}
	return v
}

// total returns an incident's total for category c, or nil.
func incTotal(in *store.Incident, c report.Category) *store.Total {
	for i := range in.Totals {
		if in.Totals[i].Category == c {
			return &in.Totals[i]
		}
	}
	return nil
}

type showOptions struct {
	db   *string
	json bool
}

func newShowCmd() *cobra.Command {
	o := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one incident with its figure timelines, claims, flags and reports",
		Long: `Show one stored incident: its type, date and place; for each figure category the
current best value with its conservative and high range and the timeline of what every
report said, by source and report time; the perpetrators with their current status and
every claim; weapons; flags (including contradictions between sources); and the reports
it was fused from.

--json prints one JSON object, the same one export --format jsonl prints per incident.`,
		Example: `  sitrep show 12
  sitrep show --json 12 | jq '.figures[] | select(.category == "killed")'
  sitrep show --db /data/news.db 3`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args[0]) },
	}
	o.db = addDBFlag(cmd)
	cmd.Flags().BoolVar(&o.json, "json", false, "print the incident as one JSON object")
	return cmd
}

func (o *showOptions) run(cmd *cobra.Command, arg string) error {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(arg), "#"), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("incident id %q: want a positive number (see sitrep incidents)", arg)
	}
	ctx := cmdContext(cmd)
	st, err := openExistingDB(ctx, *o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	in, err := st.GetIncident(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no incident %d", id)
	}
	if err != nil {
		return err
	}
	if o.json {
		return writeJSONLine(cmd.OutOrStdout(), viewOf(in))
	}
	return printIncident(ctx, cmd.OutOrStdout(), st, in)
}

// printIncident writes the human form of an incident.
func printIncident(ctx context.Context, w io.Writer, st store.Reader, in *store.Incident) error {
	v := viewOf(in)
	var b strings.Builder
	fmt.Fprintf(&b, "Incident %d: %s", in.ID, in.Type)
	if in.Stage != "" {
		fmt.Fprintf(&b, " (%s)", in.Stage)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "  date     %s\n", dashIfEmpty(in.Date))
	fmt.Fprintf(&b, "  place    %s\n", dashIfEmpty(joinNonEmpty(", ", in.Place, in.Admin, in.Country)))
	fmt.Fprintf(&b, "  seen     %s .. %s, %d report(s)\n", store.FormatTime(in.FirstSeen), store.FormatTime(in.LastUpdated), len(v.Reports))

	if len(v.Figures) > 0 {
		b.WriteString("\nFigures\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, f := range v.Figures {
			if f.Best == nil {
				fmt.Fprintf(tw, "  %s: no total (only parts of it)\n", f.Category)
			} else {
				src := ""
				if f.Source != nil {
					src = ", " + *f.Source
				}
				fmt.Fprintf(tw, "  %s %d (conservative %d, high %d; %s%s, report %s)\n", f.Category, *f.Best, *f.Conservative,
					*f.High, strings.ReplaceAll(string(*f.Qualifier), "_", " "), src, strOf(f.Report))
			}
			for _, p := range f.Timeline {
				mark := " "
				if p.Current {
					mark = "*"
				}
				who := dashIfEmpty(strOf(p.Source))
				if p.Outlet != nil {
					who += " via " + *p.Outlet
				}
				val := describeValue(p)
				fmt.Fprintf(tw, "   %s %s\t%s\t%s\t%s\n", mark, p.ReportTime, val, p.Report, who)
			}
		}
		tw.Flush()
	}
	if len(v.Perpetrators) > 0 {
		b.WriteString("\nPerpetrators\n")
		for _, p := range v.Perpetrators {
			fmt.Fprintf(&b, "  %s: %s\n", p.Name, p.Status)
			for _, c := range p.Claims {
				extra := ""
				if c.Source != nil {
					extra += ", per " + *c.Source
				}
				if c.Channel != nil {
					extra += ", via " + *c.Channel
				}
				fmt.Fprintf(&b, "    %s  %s  %s%s\n", c.ReportTime, c.Report, c.Status, extra)
			}
		}
	}
	if len(v.Weapons) > 0 {
		b.WriteString("\nWeapons\n")
		for _, wv := range v.Weapons {
			fmt.Fprintf(&b, "  %s: %s\n", wv.Category, wv.Text)
		}
	}
	if len(v.Flags) > 0 {
		b.WriteString("\nFlags\n")
		for _, f := range v.Flags {
			from := ""
			if f.Report != nil {
				from = " [" + *f.Report + "]"
			}
			fmt.Fprintf(&b, "  %s: %s%s\n", f.Kind, f.Message, from)
		}
	}
	b.WriteString("\nReports\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, ref := range in.Reports {
		r, err := st.GetReport(ctx, ref.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", store.FormatTime(ref.Time), r.ID, dashIfEmpty(r.Source), dashIfEmpty(r.Title), r.URL)
	}
	tw.Flush()
	_, err := io.WriteString(w, b.String())
	return err
}

func describeValue(p pointView) string {
	switch p.Qualifier {
	case report.AtLeast:
		return "at least " + strconv.Itoa(p.Value)
	case report.MoreThan:
		return "more than " + strconv.Itoa(p.Value)
	case report.About:
		return "about " + strconv.Itoa(p.Value)
	case report.UpTo:
		return "up to " + strconv.Itoa(p.Value)
	case report.Range:
		if p.Min != nil && p.Max != nil {
			return fmt.Sprintf("%d-%d", *p.Min, *p.Max)
		}
	}
	s := strconv.Itoa(p.Value)
	if p.SubsetOf != nil {
		s += " (of " + *p.SubsetOf + ")"
	}
	return s
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func strOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
