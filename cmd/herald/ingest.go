package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/ingest"
	"github.com/heraldnews/herald/sample"
	"github.com/heraldnews/herald/source"
)

func init() {
	register("ingest", "read folders, JSON Lines, feeds, OPML, WARC and URLs into a store", runIngest)
}

func runIngest(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(stderr)
	storePath := fl.String("store", "herald.db", "SQLite store file or postgres:// URL")
	workers := fl.Int("workers", runtime.GOMAXPROCS(0), "articles processed at once")
	maxBytes := fl.Int64("max-bytes", extract.DefaultMaxBytes, "refuse documents larger than this many bytes")
	useSample := fl.Bool("sample", false, "ingest Herald's built-in sample corpus")
	fetchLinked := fl.Bool("fetch-linked", false, "for feed items, fetch the linked article page")
	quiet := fl.Bool("quiet", false, "no progress display")
	bulk := fl.Bool("bulk", false, "bulk load (SQLite): build the secondary and full-text indexes once at the end\n(for large loads into a new store; searches miss the new articles until it ends)")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile to `file` (for finding slow stages)")
	queueURL := fl.String("queue", "", "publish documents to this NATS JetStream `URL` for 'herald worker' instead of processing them")
	var dicts stringList
	fl.Var(&dicts, "dict", "extra dictionary `file` (repeatable)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: herald ingest [flags] SOURCE...   (folders, files, .jsonl, feeds, .opml, .warc[.gz], URLs)")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 && !*useSample {
		fl.Usage()
		return 2
	}
	if *queueURL != "" {
		return runIngestQueue(*queueURL, fl.Args(), *useSample, source.Options{MaxBytes: *maxBytes, FetchLinked: *fetchLinked}, stdout, stderr)
	}
	if *cpuprofile != "" {
		stop, err := startProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "herald ingest: %v\n", err)
			return 1
		}
		defer stop()
	}
	defer hugeHeap()()
	st, err := ingestRun(ingestConfig{
		store: *storePath, workers: *workers, maxBytes: *maxBytes, sample: *useSample,
		fetchLinked: *fetchLinked, quiet: *quiet, bulk: *bulk, dicts: dicts, specs: fl.Args(),
	}, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "herald ingest: %v\n", err)
		return 1
	}
	st.Summary(stdout)
	if st.Read == 0 && st.Failed == 0 && !st.Interrupted {
		fmt.Fprintln(stderr, "herald ingest: no documents found (a folder gives its .txt, .html, .json, .jsonl and .warc[.gz] files; name feeds and other files directly)")
	}
	switch {
	case st.Interrupted:
		return 130 // as a shell reports a command stopped by Ctrl-C
	case st.Failed > 0:
		return 1
	}
	return 0
}

type ingestConfig struct {
	store                      string
	workers                    int
	maxBytes                   int64
	sample, fetchLinked, quiet bool
	bulk                       bool // see bulkStore
	dicts, specs               []string
}

// ingestRun opens the store, warms the dedup index with what it holds, and runs the
// ingest with a progress display: a bar with rate on a terminal, a plain line every few
// seconds otherwise. Ctrl-C stops reading; what is in flight is stored.
func ingestRun(c ingestConfig, stderr io.Writer) (_ ingest.Stats, err error) {
	// The pipeline's models load while the store opens and the dedup index warms with
	// what the store holds: both take a noticeable part of a short run, and neither
	// needs the other.
	type built struct {
		p   *extract.Pipeline
		err error
	}
	pipeline := make(chan built, 1)
	go func() {
		p, err := extract.New(extract.Options{MaxBytes: c.maxBytes, DictFiles: c.dicts})
		pipeline <- built{p, err}
	}()
	db, err := openStore(context.Background(), c.store)
	if err != nil {
		return ingest.Stats{}, err
	}
	defer db.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r := &ingest.Runner{
		Store: db, Index: dedup.NewIndex(dedup.Options{}),
		Opts: ingest.Options{Workers: c.workers, Source: source.Options{MaxBytes: c.maxBytes, FetchLinked: c.fetchLinked}},
		OnFailure: func(f ingest.Failure) {
			fmt.Fprintf(stderr, "herald ingest: %s: %v\n", f.Ref, f.Err)
		},
	}
	if _, err := r.Warm(ctx); err != nil {
		return ingest.Stats{}, err
	}
	if c.bulk {
		bs, ok := db.(bulkStore)
		if !ok {
			return ingest.Stats{}, fmt.Errorf("--bulk needs a SQLite store")
		}
		if err := bs.BeginBulk(ctx); err != nil {
			return ingest.Stats{}, err
		}
		// Built even after Ctrl-C or a failure: what was stored is searchable on return.
		// (After a kill, the next opening of the store builds them.)
		defer func() {
			if ferr := finishBulk(bs, c.quiet, stderr); err == nil {
				err = ferr
			}
		}()
	}
	b := <-pipeline
	if b.err != nil {
		return ingest.Stats{}, b.err
	}
	r.Pipeline = b.p
	var docs []source.Document
	if c.sample {
		for _, d := range sample.Corpus() {
			docs = append(docs, source.Document{
				Input:  extract.Input{Path: d.Name, URL: d.URL, Format: extract.FormatJSON, Data: d.Data},
				Source: d.Source, Kind: source.KindJSONL, Ref: d.Name,
			})
		}
	}
	if !c.quiet {
		isTerm := false
		if f, ok := stderr.(*os.File); ok {
			isTerm = term.IsTerminal(int(f.Fd()))
		}
		if isTerm {
			bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("ingest"),
				progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"),
				progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
			r.Opts.ProgressEvery = 250 * time.Millisecond
			r.Opts.Progress = func(s ingest.Stats) { _ = bar.Set(s.Read) }
			defer bar.Finish()
		} else {
			r.Opts.Progress = func(s ingest.Stats) {
				fmt.Fprintf(stderr, "herald ingest: %s read %d, new %d, already stored %d, failed %d (%.0f docs/s)\n",
					s.Elapsed.Round(time.Second), s.Read, s.New, s.Duplicates, s.Failed, float64(s.Read)/max(s.Elapsed.Seconds(), 1e-9))
			}
		}
	}
	return r.Run(ctx, c.specs, docs...)
}

// bulkStore is a store with a bulk-load mode (sqlite.DB).
type bulkStore interface {
	BeginBulk(ctx context.Context) error
	FinishBulk(ctx context.Context, progress func(step, steps int, what string)) error
}

// finishBulk builds the indexes a bulk load left, showing each step unless quiet.
func finishBulk(bs bulkStore, quiet bool, stderr io.Writer) error {
	t0 := time.Now()
	var progress func(step, steps int, what string)
	if !quiet {
		progress = func(step, steps int, what string) {
			fmt.Fprintf(stderr, "herald ingest: building indexes, %d of %d: %s\n", step, steps, what)
		}
	}
	if err := bs.FinishBulk(context.Background(), progress); err != nil {
		return err
	}
	if !quiet {
		fmt.Fprintf(stderr, "herald ingest: indexes built in %s\n", time.Since(t0).Round(time.Millisecond))
	}
	return nil
}

// startProfile starts a CPU profile into path; the returned func stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
