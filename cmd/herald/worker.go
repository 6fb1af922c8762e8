package main

import (
	"context"
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

	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/queue"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/postgres"
	"github.com/heraldnews/herald/store/sqlite"
)

func init() {
	register("worker", "extract and store documents queued by 'herald ingest --queue' (NATS JetStream)", runWorker)
}

func runWorker(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("worker", flag.ContinueOnError)
	fl.SetOutput(stderr)
	natsURL := fl.String("queue", "nats://127.0.0.1:4222", "NATS server `URL` (comma-separated for a cluster)")
	storeSpec := fl.String("store", "herald.db", "SQLite store file or postgres:// URL")
	concurrency := fl.Int("concurrency", runtime.GOMAXPROCS(0), "documents extracted at once")
	batch := fl.Int("batch", 32, "documents per fetch and per store transaction")
	ackWait := fl.Duration("ack-wait", queue.DefaultAckWait, "how long a dead worker's documents wait before redelivery")
	maxDeliver := fl.Int("max-deliver", queue.DefaultMaxDeliver, "deliveries of a document before it is given up")
	maxAckPending := fl.Int("max-ack-pending", 0, "documents handed out and unacknowledged across all workers (0: server default)")
	maxBytes := fl.Int64("max-bytes", extract.DefaultMaxBytes, "refuse documents larger than this many bytes")
	replicas := fl.Int("replicas", 1, "stream replicas when this worker creates the stream (3 on a JetStream cluster)")
	every := fl.Duration("progress", 30*time.Second, "print counts this often (0: only at exit)")
	var dicts stringList
	fl.Var(&dicts, "dict", "extra dictionary `file` (repeatable)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: herald worker --queue nats://HOST:4222 --store FILE|postgres://… [flags]")
		fmt.Fprintln(stderr, "Runs until interrupted; SIGINT or SIGTERM finishes and acknowledges the batch in hand, then exits.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 0 {
		fl.Usage()
		return 2
	}
	defer hugeHeap()() // as extract and ingest: the worker's heap is theirs
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var logMu sync.Mutex
	logf := func(format string, a ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(stderr, "herald worker: "+format+"\n", a...)
	}
	st, err := workerRun(ctx, workerConfig{
		natsURL: *natsURL, store: *storeSpec, concurrency: *concurrency, batch: *batch, maxBytes: *maxBytes,
		dicts: dicts, every: *every, log: logf,
		queue: queue.Config{AckWait: *ackWait, MaxDeliver: *maxDeliver, MaxAckPending: *maxAckPending, Replicas: *replicas},
	})
	fmt.Fprintf(stdout, "%v\n", st)
	if err != nil {
		fmt.Fprintf(stderr, "herald worker: %v\n", err)
		return 1
	}
	return 0
}

type workerConfig struct {
	natsURL, store     string
	concurrency, batch int
	maxBytes           int64
	dicts              []string
	every              time.Duration
	queue              queue.Config
	log                func(string, ...any)
}

// openStore opens a SQLite file or, for a postgres:// URL, the PostgreSQL store.
func openStore(ctx context.Context, spec string) (store.Store, error) {
	if isStoreURL(spec) {
		return postgres.OpenURL(ctx, spec)
	}
	return sqlite.Open(spec)
}

// isStoreURL reports whether spec names a PostgreSQL store rather than a file.
func isStoreURL(spec string) bool {
	return strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://")
}

// workerRun runs one worker until ctx is done and returns its counts.
func workerRun(ctx context.Context, c workerConfig) (queue.Stats, error) {
	db, err := openStore(ctx, c.store)
	if err != nil {
		return queue.Stats{}, err
	}
	defer db.Close()
	p, err := extract.New(extract.Options{MaxBytes: c.maxBytes, DictFiles: c.dicts})
	if err != nil {
		return queue.Stats{}, err
	}
	nc, js, err := connectQueue(ctx, c.natsURL, "herald worker", c.queue)
	if err != nil {
		return queue.Stats{}, err
	}
	// Flush sends the last batch's acknowledgements before the connection goes, so a
	// clean stop leaves nothing to redeliver.
	defer func() { _ = nc.Flush(); nc.Close() }()
	cons, err := queue.EnsureConsumer(ctx, js, c.queue)
	if err != nil {
		return queue.Stats{}, err
	}
	w := &queue.Worker{Store: db, Pipeline: p, Consumer: cons, BatchSize: c.batch, Concurrency: c.concurrency, Log: c.log}
	c.log("working %s into %s (concurrency %d, batch %d)", c.natsURL, c.store, max(c.concurrency, 1), c.batch)
	if c.every > 0 {
		defer every(c.every, func() { c.log("%v", w.Stats()) })()
	}
	err = w.Run(ctx)
	return w.Stats(), err
}
