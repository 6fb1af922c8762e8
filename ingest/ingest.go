// Package ingest is Herald's corpus job: it pulls documents from sources, runs the article
// pipeline on a bounded pool of workers, stores every article with its annotations, and
// groups near-duplicates into story clusters as articles arrive. A bad document is a
// counted, explained failure; the run goes on. Articles are stored in batches, each in one
// transaction, and keyed by identity, so a run killed at any point and started again stores
// every article exactly once.
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
)

// Options configure a run.
type Options struct {
	Workers   int           // articles extracted at once; 0 means all cores
	BatchSize int           // articles per store transaction; 0 means 64
	BatchWait time.Duration // longest a finished article waits for its batch; 0 means 250ms
	Source    source.Options
	// Progress, when set, is called about every ProgressEvery with the counts so far.
	Progress      func(Stats)
	ProgressEvery time.Duration
}

// Stats counts what a run did.
type Stats struct {
	Read       int            // documents taken from sources
	New        int            // articles stored for the first time
	Duplicates int            // articles already stored (same identity)
	NearDups   int            // new articles that joined an existing story cluster
	Failed     int            // documents that failed, with reasons below
	Reasons    map[string]int // failure reason -> count
	Elapsed    time.Duration
	// Interrupted is set when the run was cancelled before its sources were read to the
	// end: what was read is stored, and running again ingests the rest.
	Interrupted bool
}

// Failure is one failed document, reported to OnFailure.
type Failure struct {
	Ref    string
	Reason string // the class counted in Stats.Reasons: the error, clipped
	Err    error  // the whole error
}

// Extractor turns a document into an article; *extract.Pipeline is the one Herald uses.
// Extract is called from several goroutines at once.
type Extractor interface {
	Extract(in extract.Input) (*article.Article, error)
}

// Runner ingests sources into a store.
type Runner struct {
	Store     store.Store
	Pipeline  Extractor
	Index     *dedup.Index
	Opts      Options
	OnFailure func(Failure) // called from one goroutine at a time; may be nil

	assigned map[string]string // article id -> cluster as last written to the store
	mu       sync.Mutex
	skipped  int // documents skipped before extraction because their URL is stored
}

type job struct {
	doc source.Document
	a   *article.Article
	dd  *dedup.Prepared // a.Text hashed for the dedup index, by the worker
	err error
}

// Warm adds every stored article to the dedup index, so a new run clusters new articles
// with old ones.
func (r *Runner) Warm(ctx context.Context) (int, error) {
	n := 0
	err := r.Store.Each(ctx, store.KindArticles, func(row any) error {
		s := row.(*store.Stored)
		id := strconv.FormatInt(s.ID, 10)
		r.Index.Add(id, s.Text)
		r.setAssigned(id, s.Cluster)
		n++
		return nil
	})
	return n, err
}

func (r *Runner) setAssigned(id, cluster string) {
	if r.assigned == nil {
		r.assigned = map[string]string{}
	}
	r.assigned[id] = cluster
}

// Run ingests the in-memory documents docs, then every source spec in order. It returns the counts and a non-nil error only
// for a failure of the store itself; failed documents and unreadable sources are counted.
// Cancelling ctx stops reading; work in flight is stored before Run returns.
func (r *Runner) Run(ctx context.Context, specs []string, extra ...source.Document) (Stats, error) {
	start := time.Now()
	st := Stats{Reasons: map[string]int{}}
	workers := r.Opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batchSize := max(1, r.Opts.BatchSize)
	if r.Opts.BatchSize == 0 {
		batchSize = 64
	}
	batchWait := r.Opts.BatchWait
	if batchWait <= 0 {
		batchWait = 250 * time.Millisecond
	}
	parent := ctx
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var mu sync.Mutex // guards st between the reader, the collector and the storer
	fail := func(ref string, err error) {
		why := reason(err)
		mu.Lock()
		st.Failed++
		st.Reasons[why]++
		mu.Unlock()
		if r.OnFailure != nil {
			r.OnFailure(Failure{Ref: ref, Reason: why, Err: err})
		}
	}

	docs := make(chan source.Document, 2*workers)
	done := make(chan job, 2*workers)
	readAll := false // set by the reader when every source was read to the end
	// Reader: sources one after another.
	go func() {
		defer close(docs)
		for _, d := range extra {
			select {
			case docs <- d:
				mu.Lock()
				st.Read++
				mu.Unlock()
			case <-ctx.Done():
				return
			}
		}
		for _, spec := range specs {
			if ctx.Err() != nil {
				return
			}
			r.readSource(ctx, spec, docs, fail, func() {
				mu.Lock()
				st.Read++
				mu.Unlock()
			})
		}
		readAll = ctx.Err() == nil
	}()
	// Workers: the article pipeline.
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				j := job{doc: d}
				j.a, j.err = r.Pipeline.Extract(d.Input)
				if j.err == nil && strings.TrimSpace(j.a.Text) == "" {
					j.err = extract.ErrNoText // as the API refuses it
				}
				if j.err == nil {
					// Hashing for dedup here keeps it off the one goroutine that
					// writes, where articles must be added in order.
					j.dd = r.Index.Prepare(j.a.Text)
				}
				done <- j
				// Yield between articles: a worker that never blocks is preempted by a
				// signal every 10 ms, which on a virtual machine costs far more than a
				// voluntary reschedule every article (~2 ms).
				runtime.Gosched()
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Collector (this goroutine) and storer: finished articles are gathered into batches,
	// and one storer goroutine writes each batch while the next one fills, so the workers
	// go on extracting while the store writes. Dedup runs inside each batch's transaction
	// (store.Item.Cluster), in item order: cluster assignment follows arrival order.
	batches := make(chan []job, 1)
	stored := make(chan struct{})
	var storeErr error // written by the storer until stored is closed
	go func() {
		defer close(stored)
		for b := range batches {
			if storeErr != nil {
				continue // drain: the run is ending
			}
			if storeErr = r.storeBatch(ctx, b, &st, &mu, fail); storeErr != nil {
				stop() // stop reading: nothing more can be stored
			}
		}
	}()
	var batch []job
	flush := func() {
		if len(batch) > 0 {
			batches <- batch
			batch = make([]job, 0, batchSize)
		}
	}
	tick := time.NewTicker(batchWait)
	defer tick.Stop()
	every := r.Opts.ProgressEvery
	if every <= 0 {
		every = 2 * time.Second
	}
	lastProgress := time.Now()
	report := func(force bool) {
		if r.Opts.Progress != nil && (force || time.Since(lastProgress) >= every) {
			mu.Lock()
			s := st
			s.Reasons = nil
			s.Elapsed = time.Since(start)
			mu.Unlock()
			r.mu.Lock()
			s.Duplicates += r.skipped
			r.mu.Unlock()
			r.Opts.Progress(s)
			lastProgress = time.Now()
		}
	}
loop:
	for {
		select {
		case j, ok := <-done:
			if !ok {
				break loop
			}
			if j.err != nil {
				fail(j.doc.Ref, j.err)
				continue
			}
			batch = append(batch, j)
			if len(batch) >= batchSize {
				flush()
			}
		case <-tick.C:
			flush()
			report(false)
		}
	}
	flush()
	close(batches)
	<-stored
	r.mu.Lock()
	st.Duplicates += r.skipped
	r.skipped = 0
	r.mu.Unlock()
	if storeErr == nil {
		storeErr = r.syncClusters(context.WithoutCancel(parent))
	}
	st.Elapsed = time.Since(start)
	// readAll is safe to read: the reader wrote it before closing docs, which the loop
	// above has seen end (docs closed, the workers done, done closed).
	st.Interrupted = !readAll && parent.Err() != nil
	report(true)
	return st, storeErr
}

// storeBatch writes one batch in one transaction, each new article placed in its story
// cluster by the dedup index within that transaction, and counts what happened.
func (r *Runner) storeBatch(ctx context.Context, batch []job, st *Stats, mu *sync.Mutex, fail func(ref string, err error)) error {
	items := make([]store.Item, len(batch))
	matches := make([]dedup.Match, len(batch))
	for i, j := range batch {
		items[i] = store.Item{Article: j.a, Source: store.Source{Name: j.doc.Source, Kind: j.doc.Kind},
			Cluster: func(id int64) (string, json.RawMessage) {
				m := r.Index.AddPrepared(strconv.FormatInt(id, 10), j.dd)
				matches[i] = m
				return m.Cluster, explanation(m)
			}}
	}
	// The batch is stored even when ctx is cancelled: it is work already done.
	res, err := r.Store.PutBatch(context.WithoutCancel(ctx), items)
	if err != nil {
		return err
	}
	for i, rs := range res {
		if rs.Err != nil {
			fail(batch[i].doc.Ref, fmt.Errorf("store: %w", rs.Err))
			continue
		}
		mu.Lock()
		switch {
		case !rs.Created:
			st.Duplicates++
		case matches[i].DuplicateOf != "":
			st.NearDups++
			fallthrough
		default:
			st.New++
		}
		mu.Unlock()
		if rs.Created {
			r.setAssigned(strconv.FormatInt(rs.ID, 10), matches[i].Cluster)
		}
	}
	return nil
}

// explanation is the JSON kept with a cluster to say why an article joined it; nil for
// an article that starts its own cluster, which leaves the cluster's explanation as is.
func explanation(m dedup.Match) json.RawMessage {
	if m.DuplicateOf == "" {
		return nil
	}
	b, _ := json.Marshal(struct {
		DuplicateOf string `json:"duplicate_of"`
		dedup.Explanation
		Similarity float64 `json:"similarity"`
	}{m.DuplicateOf, m.Explanation, m.Similarity})
	return b
}

// syncClusters writes the final clustering: a late article that bridges two clusters
// merges them, which changes the cluster of articles stored before it.
func (r *Runner) syncClusters(ctx context.Context) error {
	for id, cluster := range r.Index.Assignments() {
		if r.assigned[id] == cluster {
			continue
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			continue
		}
		if err := r.Store.SetCluster(ctx, n, cluster, nil); err != nil {
			return err
		}
		r.setAssigned(id, cluster)
	}
	return nil
}

func (r *Runner) readSource(ctx context.Context, spec string, docs chan<- source.Document, fail func(ref string, err error), read func()) {
	src, err := source.Open(spec, r.Opts.Source)
	if err != nil {
		var pe *os.PathError // "stat x: no such file": the ref names the file already
		if errors.As(err, &pe) {
			err = pe.Err
		}
		fail(spec, err)
		return
	}
	defer src.Close()
	for {
		d, err := src.Next(ctx)
		// io.EOF itself, as io.Reader callers test it: a DocError may wrap io.EOF (a
		// WARC record cut short), and that is a failure to count, not the end.
		if err == io.EOF {
			return
		}
		if err != nil {
			var de *source.DocError
			if errors.As(err, &de) {
				read()
				fail(de.Ref, de.Err)
				continue
			}
			if ctx.Err() == nil { // a source stopped by cancelling is no failure
				fail(spec, err)
			}
			return
		}
		if r.stored(ctx, d) {
			read()
			continue
		}
		// Counted as read once handed on, so that every document counted is stored,
		// a duplicate or a failure, even when the run is cancelled here.
		select {
		case docs <- d:
			read()
		case <-ctx.Done():
			return
		}
	}
}

// stored reports whether a document with a URL is already in the store, counting it as a
// duplicate, so that re-reading a feed or an archive costs no extraction.
func (r *Runner) stored(ctx context.Context, d source.Document) bool {
	u, ok := store.CanonicalURL(d.Input.URL)
	if !ok {
		return false
	}
	has, err := r.Store.Has(ctx, u)
	if err != nil || !has {
		return false
	}
	r.mu.Lock()
	r.skipped++
	r.mu.Unlock()
	return true
}

// reason shortens an error to a class for the summary's counts.
func reason(err error) string {
	switch {
	case errors.Is(err, extract.ErrTooLarge):
		return "too large"
	case errors.Is(err, source.ErrBinary):
		return "binary content"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	s := err.Error()
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// Summary writes the end-of-run report.
func (s Stats) Summary(w io.Writer) {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Read) / s.Elapsed.Seconds()
	}
	fmt.Fprintf(w, "read %d, new %d, already stored %d, near-duplicates %d, failed %d in %s (%.0f docs/s)\n",
		s.Read, s.New, s.Duplicates, s.NearDups, s.Failed, s.Elapsed.Round(time.Millisecond), rate)
	reasons := make([]string, 0, len(s.Reasons))
	for k := range s.Reasons {
		reasons = append(reasons, k)
	}
	sort.Slice(reasons, func(i, j int) bool { return s.Reasons[reasons[i]] > s.Reasons[reasons[j]] })
	for _, k := range reasons {
		fmt.Fprintf(w, "  failed %5d  %s\n", s.Reasons[k], k)
	}
	if s.Interrupted {
		fmt.Fprintln(w, "interrupted: what was read is stored; run again to ingest the rest")
	}
}
