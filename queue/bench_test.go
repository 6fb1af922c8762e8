package queue

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/heraldnews/herald/store"
)

// TestQueueThroughput measures articles per second through the queue (publish excluded)
// with one and with two workers, each extracting one document at a time and sharing one
// SQLite file, and the store's own put rate for the same articles. The figures feed the
// capacity plan in docs/scale-out.md. It is skipped with -short; HERALD_QUEUE_BENCH_N
// sets the corpus size (default 400).
func TestQueueThroughput(t *testing.T) {
	if testing.Short() {
		t.Skip("throughput measurement")
	}
	n := 400
	if s := os.Getenv("HERALD_QUEUE_BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	ds := docs(n, 8)
	size := 0
	for _, d := range ds {
		size += len(d.Input.Data)
	}
	t.Logf("%d documents, %.1f KB average", n, float64(size)/float64(n)/1024)
	pipeline(t) // load models before timing
	for _, workers := range []int{1, 2} {
		e := setup(t, Config{})
		publishAll(t, e.js, ds)
		db := filepath.Join(t.TempDir(), "herald.db")
		var ws []*Worker
		for range workers {
			ws = append(ws, newWorker(t, openStore(t, db), e.cons, 32))
		}
		start := time.Now()
		runWorkers(t, ws, func() bool {
			sum := 0
			for _, w := range ws {
				sum += w.Stats().New
			}
			return sum >= n
		})
		el := time.Since(start)
		split := make([]int, len(ws))
		for i, w := range ws {
			split[i] = w.Stats().New
		}
		t.Logf("%d worker(s): %d articles in %s = %.0f articles/s (split %v)", workers, n, el.Round(time.Millisecond), float64(n)/el.Seconds(), split)
	}
	// The store alone: the same articles, extracted up front, in batches of 32.
	var items []store.Item
	for _, d := range ds {
		a, err := pipeline(t).Extract(d.Input)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, store.Item{Article: a, Source: store.Source{Name: "bench", Kind: "file"}})
	}
	dbPut := filepath.Join(t.TempDir(), "put.db")
	s := openStore(t, dbPut)
	start := time.Now()
	for i := 0; i < len(items); i += 32 {
		if _, err := s.PutBatch(context.Background(), items[i:min(i+32, len(items))]); err != nil {
			t.Fatal(err)
		}
	}
	el := time.Since(start)
	t.Logf("SQLite PutBatch alone: %d articles in %s = %.0f articles/s", n, el.Round(time.Millisecond), float64(n)/el.Seconds())
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("per article: %.1f entities, %.1f quotes, %.1f events", float64(st.Entities)/float64(n), float64(st.Quotes)/float64(n), float64(st.Events)/float64(n))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var bytes int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(filepath.Join(filepath.Dir(dbPut), "put.db"+suffix)); err == nil {
			bytes += fi.Size()
		}
	}
	t.Logf("SQLite file: %.1f KB per article (document %.1f KB)", float64(bytes)/float64(n)/1024, float64(size)/float64(n)/1024)
}
