package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/ingest"
	"github.com/heraldnews/herald/source"
)

func init() {
	register("watch", "poll feeds on a schedule and ingest new articles", runWatch)
}

func runWatch(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("watch", flag.ContinueOnError)
	fl.SetOutput(stderr)
	storePath := fl.String("store", "herald.db", "SQLite store file or postgres:// URL")
	every := fl.Duration("every", 15*time.Minute, "time between polls")
	once := fl.Bool("once", false, "poll once and exit")
	delay := fl.Duration("host-delay", source.DefaultPerHostDelay, "politeness delay between requests to one host")
	timeout := fl.Duration("timeout", source.DefaultTimeout, "time limit per request")
	maxBytes := fl.Int64("max-bytes", extract.DefaultMaxBytes, "largest response read")
	linked := fl.Bool("fetch-linked", true, "fetch the article page each feed item links to")
	state := fl.String("state", "", "file keeping ETag/Last-Modified per feed (default: STORE.watch.json)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: herald watch [flags] FEEDS.opml | feeds.txt | FEED-URL...")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	if *every <= 0 && !*once {
		// No wait between polls would poll the feeds as fast as they answer.
		fmt.Fprintf(stderr, "herald watch: --every must be positive (got %s); --once polls once\n", *every)
		return 2
	}
	specs, err := feedSpecs(fl.Args())
	if err != nil {
		fmt.Fprintf(stderr, "herald watch: %v\n", err)
		return 1
	}
	if *state == "" {
		*state = *storePath + ".watch.json"
	}
	validators, err := loadValidators(*state)
	if err != nil {
		fmt.Fprintf(stderr, "herald watch: %v\n", err)
		return 1
	}
	db, err := openStore(context.Background(), *storePath)
	if err != nil {
		fmt.Fprintf(stderr, "herald watch: %v\n", err)
		return 1
	}
	defer db.Close()
	p, err := extract.New(extract.Options{MaxBytes: *maxBytes})
	if err != nil {
		fmt.Fprintf(stderr, "herald watch: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := source.Options{MaxBytes: *maxBytes, Timeout: *timeout, PerHostDelay: *delay, FetchLinked: *linked, Validators: validators}
	opts.Fetcher = source.NewFetcher(opts) // one fetcher keeps the per-host delay across feeds
	r := &ingest.Runner{
		Store: db, Pipeline: p, Index: dedup.NewIndex(dedup.Options{}),
		Opts: ingest.Options{Workers: runtime.GOMAXPROCS(0), Source: opts},
		OnFailure: func(f ingest.Failure) {
			fmt.Fprintf(stderr, "herald watch: %s: %v\n", f.Ref, f.Err)
		},
	}
	if _, err := r.Warm(ctx); err != nil {
		fmt.Fprintf(stderr, "herald watch: %v\n", err)
		return 1
	}
	for {
		st, err := r.Run(ctx, specs)
		if err != nil {
			fmt.Fprintf(stderr, "herald watch: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s ", time.Now().Format(time.RFC3339))
		st.Summary(stdout)
		if err := validators.save(*state); err != nil {
			fmt.Fprintf(stderr, "herald watch: saving %s: %v\n", *state, err)
		}
		if *once {
			if st.Interrupted {
				return 130
			}
			return boolCode(st.Failed > 0)
		}
		select {
		case <-ctx.Done():
			return 0
		case <-time.After(*every):
		}
	}
}

// feedSpecs expands a feeds.txt (one URL per line, # comments) into its URLs; OPML files
// and URLs are passed on as they are.
func feedSpecs(args []string) ([]string, error) {
	var specs []string
	for _, a := range args {
		if !strings.HasSuffix(strings.ToLower(a), ".txt") {
			specs = append(specs, a)
			continue
		}
		f, err := os.Open(a)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line != "" && !strings.HasPrefix(line, "#") {
				specs = append(specs, line)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return specs, nil
}

// fileValidators keeps conditional-GET validators in memory and saves them as JSON, so a
// restarted watch asks feeds only for what changed.
type fileValidators struct {
	mu sync.Mutex
	m  map[string]validatorEntry
}

func (v *fileValidators) Get(url string) (etag, lastModified string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	e := v.m[url]
	return e.ETag, e.LastModified
}

func (v *fileValidators) Set(url, etag, lastModified string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.m[url] = validatorEntry{etag, lastModified}
}

type validatorEntry struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func loadValidators(path string) (*fileValidators, error) {
	v := &fileValidators{m: map[string]validatorEntry{}}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	var m map[string]validatorEntry
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for u, e := range m {
		v.Set(u, e.ETag, e.LastModified)
	}
	return v, nil
}

func (v *fileValidators) save(path string) error {
	v.mu.Lock()
	data, err := json.MarshalIndent(v.m, "", " ")
	v.mu.Unlock()
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
