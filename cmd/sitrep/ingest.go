package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/fuse"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/report"
	"github.com/sitrep/sitrep/internal/store"
)

type ingestOptions struct {
	db        *string
	published string
	input     string
	workers   int
	watch     bool
	interval  time.Duration
}

func newIngestCmd() *cobra.Command {
	o := &ingestOptions{}
	cmd := &cobra.Command{
		Use:   "ingest [flags] [FILE|DIR|FEED|URL|-]...",
		Short: "Store news reports in the database and fuse them into incidents",
		Long: `Read news reports, extract their incidents and store both in the database (--db), fusing
each report's incidents with the stored ones.

Inputs are files (plain text, HTML, JSON Lines, RSS/Atom feeds; the format is detected
from the extension or the content, or set with --input), directories (read recursively;
hidden files and directories are skipped, and so are binary files, with a reason),
http(s) URLs of HTML pages or feeds, and "-" for standard input (the default when no
input is given). A bad line in a JSON Lines file fails that line only.

Ingesting is idempotent: a report whose id, or whose text up to white space and case, is
already stored counts as a duplicate and is skipped. Each report is stored together with
its fusion in one transaction, so a process killed at any moment leaves a consistent
database, and running the same command again completes the batch with nothing lost or
doubled.

Progress is shown on stderr when it is a terminal. At the end one line sums up the batch
on stdout: "read N, new N, duplicate N, failed N", followed on stderr by every failure
with its reason. A failure never stops the batch; the exit status is non-zero only when
inputs were given and nothing at all could be read, or on a database error.

--watch keeps going: every --interval it reads the inputs again (directories for new or
changed files, feeds and URLs afresh) and prints a summary for each pass that found
something, until interrupted.`,
		Example: `  # A directory of saved articles, recursively
  sitrep ingest articles/

  # JSON Lines and a feed file into a chosen database
  sitrep ingest --db news.db reports.jsonl feeds/world.xml

  # Plain text with no date of its own
  sitrep ingest --published 2024-03-23 report.txt

  # Poll feeds and a drop directory every five minutes
  sitrep ingest --watch --interval 5m https://example.org/world/rss.xml inbox/

  # From standard input
  cat reports.jsonl | sitrep ingest --input jsonl -`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.db = addDBFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&o.published, "published", "", "publication date (YYYY-MM-DD or RFC 3339) for reports that give none")
	f.StringVar(&o.input, "input", "", "input format: text, html, jsonl or feed (default: detect)")
	f.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "number of reports extracted at once")
	f.BoolVar(&o.watch, "watch", false, "keep polling the inputs for new reports")
	f.DurationVar(&o.interval, "interval", time.Minute, "time between polls with --watch")
	_ = cmd.RegisterFlagCompletionFunc("input", cobra.FixedCompletions(
		[]string{"text", "html", "jsonl", "feed"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// ingestStats counts one pass.
type ingestStats struct {
	read, added, dup, failed, skipped int
	failures                          []string // "failed: reason" and "skipped: reason" lines
}

func (s *ingestStats) summary() string {
	line := fmt.Sprintf("read %d, new %d, duplicate %d, failed %d", s.read, s.added, s.dup, s.failed)
	if s.skipped > 0 {
		line += fmt.Sprintf(", skipped %d", s.skipped)
	}
	return line
}

// ingester runs ingest passes against one store.
type ingester struct {
	st        store.Store
	x         *extract.Extractor
	kind      ingest.Kind
	published string
	workers   int
	stdin     io.Reader
	progress  io.Writer // nil: no progress line
	// seen maps file paths to the size and modification time they had when last read,
	// so that --watch passes skip unchanged files.
	seen map[string]string
}

func (o *ingestOptions) run(cmd *cobra.Command, args []string) error {
	kind, err := ingest.ParseKind(o.input)
	if err != nil {
		return fmt.Errorf("--input: %w", err)
	}
	published := ""
	if o.published != "" {
		t, ok := store.ParseTime(o.published)
		if !ok {
			return fmt.Errorf("--published %q: want a date YYYY-MM-DD or an RFC 3339 time", o.published)
		}
		published = strings.TrimSpace(o.published)
		if _, err := time.Parse(time.DateOnly, published); err != nil {
			published = store.FormatTime(t)
		}
	}
	if o.workers < 1 {
		return fmt.Errorf("--workers %d: want at least 1", o.workers)
	}
	if o.watch && o.interval <= 0 {
		return fmt.Errorf("--interval %v: want a positive duration", o.interval)
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	ctx := cmdContext(cmd)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	x, err := extract.Default()
	if err != nil {
		return fmt.Errorf("extractor: %w", err)
	}
	st, err := openDB(ctx, *o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	g := &ingester{st: st, x: x, kind: kind, published: published, workers: o.workers,
		stdin: cmd.InOrStdin(), seen: map[string]string{}}
	if errw := cmd.ErrOrStderr(); errw == os.Stderr && isTerminal(os.Stderr) {
		g.progress = errw
	}
	out, errw := cmd.OutOrStdout(), cmd.ErrOrStderr()
	for pass := 0; ; pass++ {
		stats, err := g.pass(ctx, args, pass > 0)
		if err != nil {
			return err
		}
		if !o.watch || pass == 0 || stats.read+stats.failed+stats.skipped > 0 {
			fmt.Fprintln(out, stats.summary())
			for _, f := range stats.failures {
				fmt.Fprintln(errw, f)
			}
		}
		if ctx.Err() != nil {
			return errors.New("interrupted")
		}
		if !o.watch {
			if stats.read == 0 && stats.failed+stats.skipped > 0 {
				return errors.New("nothing could be read")
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return nil // --watch ends with an interrupt
		case <-time.After(o.interval):
		}
	}
}

// isTerminal reports whether f is a character device.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ingestTask is one document (or one failure) on its way to the database, in input order.
type ingestTask struct {
	doc     report.Document
	failure string // set: a failure line to report, nothing to store
	skip    string // set: a skipped-input line
	dup     bool   // already stored, found before extraction
	x       report.Report
	done    chan struct{}
}

// pass reads every input once and stores what is new. Reading and extraction run on
// g.workers goroutines; storing runs on this one, in input order, one transaction per
// report. Only database errors end a pass early.
func (g *ingester) pass(ctx context.Context, args []string, again bool) (*ingestStats, error) {
	order := make(chan *ingestTask, 4*g.workers)
	work := make(chan *ingestTask, 4*g.workers)
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()

	go func() {
		defer close(order)
		defer close(work)
		emit := func(t *ingestTask) bool {
			if t.failure != "" || t.skip != "" {
				close(t.done)
			} else {
				select {
				case work <- t:
				case <-pctx.Done():
					return false
				}
			}
			select {
			case order <- t:
				return true
			case <-pctx.Done():
				return false
			}
		}
		g.produce(pctx, args, again, emit)
	}()
	var wg sync.WaitGroup
	for range g.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				g.prepare(pctx, t)
				close(t.done)
			}
		}()
	}
	defer wg.Wait()

	stats := &ingestStats{}
	last := time.Time{}
	for t := range order {
		<-t.done
		if ctx.Err() != nil {
			cancel()
			continue // interrupted: drain without counting
		}
		switch {
		case t.skip != "":
			stats.skipped++
			stats.failures = append(stats.failures, "skipped: "+t.skip)
		case t.failure != "":
			stats.failed++
			stats.failures = append(stats.failures, "failed: "+t.failure)
		case t.dup:
			stats.read++
			stats.dup++
		default:
			stats.read++
			isNew, err := g.store(ctx, t)
			if err != nil {
				if ctx.Err() != nil {
					stats.read--
					cancel()
					continue
				}
				cancel()
				for range order {
				}
				return stats, fmt.Errorf("database: %w", err)
			}
			if isNew {
				stats.added++
			} else {
				stats.dup++
			}
		}
		if g.progress != nil && time.Since(last) > 100*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(g.progress, "\r\x1b[K%s …", stats.summary())
		}
	}
	if g.progress != nil && !last.IsZero() {
		fmt.Fprint(g.progress, "\r\x1b[K")
	}
	return stats, nil
}

// prepare checks whether t's document is already stored and, if not, extracts it.
func (g *ingester) prepare(ctx context.Context, t *ingestTask) {
	if ctx.Err() != nil {
		t.failure = t.doc.ID + ": interrupted"
		return
	}
	if dup, err := g.st.HasReport(ctx, t.doc.ID, store.TextHash(t.doc.Text)); err == nil && dup {
		t.dup = true
		return
	}
	defer func() {
		if r := recover(); r != nil {
			t.failure = fmt.Sprintf("%s: extraction failed: %v", t.doc.ID, r)
		}
	}()
	t.x = g.x.Extract(t.doc)
}

// store writes one report and its fusion in one transaction.
func (g *ingester) store(ctx context.Context, t *ingestTask) (bool, error) {
	d := t.doc
	r := &store.Report{ID: d.ID, Text: d.Text, Title: d.Title, Source: d.Source, URL: d.URL,
		Published: d.Published, Dateline: d.Dateline, Extraction: t.x}
	var isNew bool
	err := g.st.Update(ctx, func(tx store.Tx) error {
		var err error
		isNew, err = tx.PutReport(ctx, r)
		if err != nil || !isNew {
			return err
		}
		_, err = fuse.Apply(ctx, tx, r)
		return err
	})
	return isNew, err
}

// produce reads the inputs in order and emits a task for every document, failure and
// skipped input. It stops when emit returns false.
func (g *ingester) produce(ctx context.Context, args []string, again bool, emit func(*ingestTask) bool) {
	doc := func(d report.Document) bool {
		if d.Published == "" {
			d.Published = g.published
		}
		if d.ID == "" {
			d.ID = ingest.DocID(d.Text)
		}
		return emit(&ingestTask{doc: d, done: make(chan struct{})})
	}
	fail := func(msg string) bool { return emit(&ingestTask{failure: msg, done: make(chan struct{})}) }
	skip := func(msg string) bool { return emit(&ingestTask{skip: msg, done: make(chan struct{})}) }
	for _, arg := range args {
		if ctx.Err() != nil {
			return
		}
		switch {
		case arg == "-":
			if again {
				continue // standard input is read once
			}
			if !g.readStream(ctx, g.stdin, "-", doc, fail, skip) {
				return
			}
		case strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"):
			docs, err := ingest.Fetch(ctx, arg)
			if err != nil {
				if !fail(err.Error()) {
					return
				}
				continue
			}
			for _, d := range docs {
				if !doc(d) {
					return
				}
			}
		default:
			fi, err := os.Stat(arg)
			if err != nil {
				if !fail(fmt.Sprintf("%s: %v", arg, unwrapPath(err))) {
					return
				}
				continue
			}
			if !fi.IsDir() {
				if !g.readFile(ctx, arg, fi, false, doc, fail, skip) {
					return
				}
				continue
			}
			err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					if !fail(fmt.Sprintf("%s: %v", path, unwrapPath(err))) {
						return filepath.SkipAll
					}
					return nil
				}
				if path != arg && strings.HasPrefix(d.Name(), ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() || !d.Type().IsRegular() {
					return nil
				}
				fi, err := d.Info()
				if err != nil {
					if !fail(fmt.Sprintf("%s: %v", path, unwrapPath(err))) {
						return filepath.SkipAll
					}
					return nil
				}
				if !g.readFile(ctx, path, fi, true, doc, fail, skip) {
					return filepath.SkipAll
				}
				return nil
			})
			if err != nil && !fail(fmt.Sprintf("%s: %v", arg, err)) {
				return
			}
		}
	}
}

// readFile reads one file unless it is unchanged since the last pass. inDir says the
// file was found by walking a directory: there, binary and empty files are skipped with
// a reason rather than failed.
func (g *ingester) readFile(ctx context.Context, path string, fi fs.FileInfo, inDir bool,
	doc func(report.Document) bool, fail, skip func(string) bool) bool {
	stamp := fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
	if g.seen[path] == stamp {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(fmt.Sprintf("%s: %v", path, unwrapPath(err)))
	}
	defer f.Close()
	ok := g.readStream(ctx, f, path, doc, fail, func(msg string) bool {
		if inDir {
			return skip(msg)
		}
		return fail(msg)
	})
	g.seen[path] = stamp
	return ok
}

// readStream reads one input. JSON Lines are read line by line here so that a bad line
// fails alone; other formats go to ingest.Stream whole. It returns false when emitting
// stopped.
func (g *ingester) readStream(ctx context.Context, r io.Reader, name string,
	doc func(report.Document) bool, fail, skip func(string) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	kind := g.kind
	if kind == ingest.KindAuto {
		head, _ := br.Peek(8 << 10)
		kind = ingest.Detect(name, head)
	}
	display := name
	if name == "-" {
		display = "stdin"
	}
	if kind == ingest.KindJSONL {
		sc := bufio.NewScanner(br)
		sc.Buffer(make([]byte, 0, 64<<10), ingest.MaxLineBytes)
		line, seen := 0, 0
		for sc.Scan() {
			line++
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			seen++
			docs, err := ingest.Read(bytes.NewReader(sc.Bytes()), name, ingest.KindJSONL)
			if err != nil {
				if e := errors.Unwrap(err); e != nil {
					err = e
				}
				if !fail(fmt.Sprintf("%s line %d: %v", display, line, err)) {
					return false
				}
				continue
			}
			for _, d := range docs {
				if !doc(d) {
					return false
				}
			}
		}
		if err := sc.Err(); err != nil {
			return fail(fmt.Sprintf("%s line %d: %v", display, line+1, err))
		}
		if seen == 0 {
			return skip(fmt.Sprintf("%s: %v", display, ingest.ErrEmpty))
		}
		return true
	}
	stopped := false
	err := ingest.Stream(br, name, kind, func(d report.Document) error {
		if !doc(d) {
			stopped = true
			return context.Canceled
		}
		return nil
	})
	switch {
	case stopped:
		return false
	case err == nil:
		return true
	case errors.Is(err, ingest.ErrBinary), errors.Is(err, ingest.ErrEmpty), errors.Is(err, ingest.ErrNoText):
		return skip(strings.TrimPrefix(err.Error(), "read "))
	}
	return fail(strings.TrimPrefix(err.Error(), "read "))
}

// unwrapPath drops the *fs.PathError wrapper, whose path the message already has.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
