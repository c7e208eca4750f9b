package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/muc4"
	"github.com/sitrep/sitrep/internal/render"
	"github.com/sitrep/sitrep/internal/report"
)

// Output formats of sitrep read.
const (
	formatCard = "card"
	formatJSON = "json"
	formatMUC4 = "muc4"
)

// muc4Extract produces the MUC-4 templates for one document (--format muc4). It is a
// variable so that tests can stand in for the model; nil means the format is not
// available in this build.
var muc4Extract = muc4.Extract

// readOptions are the flags of sitrep read.
type readOptions struct {
	json      bool
	format    string
	input     string
	published string
	workers   int
	noColor   bool
}

func newReadCmd() *cobra.Command {
	o := &readOptions{}
	cmd := &cobra.Command{
		Use:   "read [flags] [FILE|-]...",
		Short: "Read news reports and print the incident record of each",
		Long: `Read news reports and print, for each, the incident record: type, when, where, figures
with their hedges and sources, perpetrators with their claim status, weapons, statements
and flags, every value with the evidence it was read from.

Inputs are plain text, HTML pages, JSON Lines (one report per line: {"id", "text",
"title", "published", "source", "url", "dateline"}) and RSS/Atom feeds. The format is
detected from the file extension or the content; --input overrides it. "-" or no FILE at
all reads standard input. JSON Lines files are streamed, so they may be of any size.

The output is a readable card per report unless --json or --format says otherwise (the
card is the default whether or not stdout is a terminal, so scripts should ask for
--json). --json prints JSON Lines following OUTPUT.md: one object per report, in input
order. Colour is used only when stdout is a terminal, and never with --no-color or when
the NO_COLOR environment variable is set.

Reports are processed by --workers goroutines and printed in input order. An input that
cannot be read is reported on stderr with its name; the other inputs are still processed,
and the exit status is 1.`,
		Example: `  # The founding example, as a card
  sitrep read --published 2024-03-23 ../shared/data/seed/000_8450b356199d244b.txt

  # JSON Lines for scripts
  sitrep read --json --published 2024-03-23 report.txt | jq '.incidents[0].figures'

  # A web page saved to disk, and a feed
  sitrep read page.html
  sitrep read --input feed news.xml

  # Many reports, one per JSON line, on 8 cores
  sitrep read --json --workers 8 reports.jsonl > records.jsonl

  # From standard input
  curl -s https://example.org/story | sitrep read --input html -

  # MUC-4 answer-key templates
  sitrep read --format muc4 ../shared/data/muc4/docs-tst1.jsonl`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.json, "json", false, "print JSON Lines (OUTPUT.md), the same as --format json")
	f.StringVar(&o.format, "format", formatCard, "output format: card, json or muc4")
	f.StringVar(&o.input, "input", "", "input format: text, html, jsonl or feed (default: detect)")
	f.StringVar(&o.published, "published", "", "publication date (YYYY-MM-DD or RFC 3339) for inputs that give none")
	f.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "number of reports processed at once")
	f.BoolVar(&o.noColor, "no-color", false, "never use colour in the card")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(
		[]string{formatCard, formatJSON, formatMUC4}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("input", cobra.FixedCompletions(
		[]string{"text", "html", "jsonl", "feed"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// config is readOptions checked and resolved.
type config struct {
	format    string
	kind      ingest.Kind
	published string
	workers   int
	color     bool
}

func (o *readOptions) config(cmd *cobra.Command) (config, error) {
	c := config{format: strings.ToLower(strings.TrimSpace(o.format)), workers: o.workers}
	switch c.format {
	case formatCard, formatJSON:
	case formatMUC4:
		if muc4Extract == nil {
			return c, errors.New("--format muc4: not available in this build yet")
		}
	default:
		return c, fmt.Errorf("unknown --format %q (want card, json or muc4)", o.format)
	}
	if o.json {
		if cmd.Flags().Changed("format") && c.format != formatJSON {
			return c, fmt.Errorf("--json conflicts with --format %s", o.format)
		}
		c.format = formatJSON
	}
	kind, err := ingest.ParseKind(o.input)
	if err != nil {
		return c, fmt.Errorf("--input: %w", err)
	}
	c.kind = kind
	if o.published != "" {
		p, err := parsePublished(o.published)
		if err != nil {
			return c, err
		}
		c.published = p
	}
	if c.workers < 1 {
		return c, fmt.Errorf("--workers %d: want at least 1", o.workers)
	}
	c.color = c.format == formatCard && !o.noColor && colorTerminal(cmd.OutOrStdout())
	return c, nil
}

// parsePublished checks a --published value: a date (YYYY-MM-DD), kept as it is, or an
// RFC 3339 time, returned in RFC 3339.
func parsePublished(s string) (string, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.Format(time.RFC3339Nano), nil
	}
	return "", fmt.Errorf("--published %q: want a date YYYY-MM-DD or an RFC 3339 time such as 2024-03-23T09:30:00Z", s)
}

// colorTerminal reports whether w is a terminal that may be coloured: a terminal (not
// merely a character device such as /dev/null), with NO_COLOR unset or empty
// (no-color.org) and TERM not "dumb".
func colorTerminal(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// result is the outcome of one document or one input: its printed output, or the error
// that stopped the input.
type result struct {
	out []byte
	err error
}

// job is one document to process; res receives its result.
type job struct {
	input string // the file the document came from, for error messages
	doc   report.Document
	res   chan result
}

// run reads every input in order and prints each document's output in input order,
// extracting on c.workers goroutines. The reader goroutine keeps at most 2×workers
// documents queued ahead of the printer, so memory stays bounded however long the input.
func (o *readOptions) run(cmd *cobra.Command, args []string) error {
	c, err := o.config(cmd)
	if err != nil {
		return err
	}
	var x *extract.Extractor // --format muc4 has its own model
	if c.format != formatMUC4 {
		if x, err = extract.Default(); err != nil {
			return fmt.Errorf("start extractor: %w", err)
		}
	}
	inputs := args
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	parent := cmd.Context()
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	order := make(chan chan result, 2*c.workers)
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range c.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- c.process(x, j.input, j.doc)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		// enqueue puts a slot for the next output in order; it fails only when the
		// printer has stopped.
		enqueue := func() (chan result, error) {
			res := make(chan result, 1)
			select {
			case order <- res:
				return res, nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		for _, in := range inputs {
			err := readInput(cmd.InOrStdin(), in, c.kind, func(doc report.Document) error {
				res, err := enqueue()
				if err != nil {
					return err
				}
				select {
				case jobs <- job{input: in, doc: doc, res: res}:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil {
				if ctx.Err() != nil {
					return
				}
				res, qerr := enqueue()
				if qerr != nil {
					return
				}
				res <- result{err: err}
			}
		}
	}()

	// The printer. Every failure but the last is written to stderr as it comes; the last
	// is returned, so that main prints it and exits 1, and each error shows exactly once.
	out := bufio.NewWriterSize(cmd.OutOrStdout(), 64<<10)
	var pending, werr error
	for res := range order {
		r := <-res
		if r.err != nil {
			if pending != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "sitrep:", pending)
			}
			pending = r.err
			continue
		}
		if _, werr = out.Write(r.out); werr == nil {
			werr = out.Flush()
		}
		if werr != nil {
			break
		}
	}
	if werr != nil {
		cancel()
		for range order {
		}
	}
	wg.Wait()
	if werr != nil {
		if pending != nil {
			fmt.Fprintln(cmd.ErrOrStderr(), "sitrep:", pending)
		}
		return fmt.Errorf("write output: %w", werr)
	}
	return pending
}

// readInput streams the documents of one input ("-" is stdin) to fn. Its errors name
// the input: "read foo.txt: no such file or directory".
func readInput(stdin io.Reader, path string, kind ingest.Kind, fn func(report.Document) error) error {
	if path == "-" {
		return ingest.Stream(stdin, "-", kind, fn)
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return fmt.Errorf("read %s: is a directory", path)
	}
	return ingest.Stream(f, path, kind, fn)
}

// process extracts one document and formats it. A panic in extraction or rendering is
// turned into an error naming the document, so one bad report cannot take down a run.
func (c *config) process(x *extract.Extractor, input string, doc report.Document) (res result) {
	if input == "-" {
		input = "stdin"
	}
	defer func() {
		if p := recover(); p != nil {
			res = result{err: fmt.Errorf("read %s: document %s: internal error: %v", input, doc.ID, p)}
		}
	}()
	if doc.Published == "" {
		doc.Published = c.published
	}
	var buf bytes.Buffer
	switch c.format {
	case formatMUC4:
		d := muc4.Doc{ID: doc.ID, Templates: muc4Extract(doc)}
		if d.Templates == nil {
			d.Templates = []muc4.Template{}
		}
		if err := encodeLine(&buf, d); err != nil {
			return result{err: fmt.Errorf("read %s: document %s: %w", input, doc.ID, err)}
		}
	case formatJSON:
		rep := x.Extract(doc)
		rep.Normalize()
		if err := encodeLine(&buf, rep); err != nil {
			return result{err: fmt.Errorf("read %s: document %s: %w", input, doc.ID, err)}
		}
	default:
		rep := x.Extract(doc)
		if err := render.Card(&buf, rep, render.Options{Color: c.color}); err != nil {
			return result{err: fmt.Errorf("read %s: document %s: %w", input, doc.ID, err)}
		}
		buf.WriteByte('\n')
	}
	return result{out: buf.Bytes()}
}

// encodeLine writes v as one line of JSON, without escaping <, > and & (the text is not
// for HTML).
func encodeLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
