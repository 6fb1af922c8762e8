package queue

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/heraldnews/herald/store"
)

// BenchmarkQueueThroughput measures articles per second through the queue (publish
// excluded) with one and with two workers, each extracting one document at a time and
// sharing one SQLite file, and the store's own put rate for the same articles ("put").
// The figures feed the capacity plan in docs/scale-out.md:
//
//	HERALD_QUEUE_BENCH_N=1500 go test ./queue -run '^$' -bench QueueThroughput -benchtime 1x
//
// HERALD_QUEUE_BENCH_N sets the corpus size (default 400). It fails, rather than report a
// rate, when the workers store fewer articles than were published.
func BenchmarkQueueThroughput(b *testing.B) {
	n := 400
	if s := os.Getenv("HERALD_QUEUE_BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	ds := docs(n, 8)
	size := 0
	for _, d := range ds {
		size += len(d.Input.Data)
	}
	pipeline(b) // load models before timing
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				e := setup(b, Config{})
				publishAll(b, e.js, ds)
				db := filepath.Join(b.TempDir(), "herald.db")
				var ws []*Worker
				for range workers {
					ws = append(ws, newWorker(b, openStore(b, db), e.cons, 32))
				}
				stored := func() int {
					sum := 0
					for _, w := range ws {
						sum += w.Stats().New
					}
					return sum
				}
				b.StartTimer()
				runWorkers(b, ws, func() bool { return stored() >= n })
				b.StopTimer()
				if got := stored(); got < n {
					b.Fatalf("%d worker(s) stored %d of %d articles", workers, got, n)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
	b.Run("put", func(b *testing.B) {
		// The store alone: the same articles, extracted up front, in batches of 32.
		var items []store.Item
		for _, d := range ds {
			a, err := pipeline(b).Extract(d.Input)
			if err != nil {
				b.Fatal(err)
			}
			items = append(items, store.Item{Article: a, Source: store.Source{Name: "bench", Kind: "file"}})
		}
		var bytes int64
		for range b.N {
			b.StopTimer()
			db := filepath.Join(b.TempDir(), "put.db")
			s := openStore(b, db)
			b.StartTimer()
			for i := 0; i < len(items); i += 32 {
				if _, err := s.PutBatch(context.Background(), items[i:min(i+32, len(items))]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			st, err := s.Stats(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			if st.Articles != int64(n) {
				b.Fatalf("store holds %d of %d articles", st.Articles, n)
			}
			b.Logf("per article: %.1f entities, %.1f quotes, %.1f events", float64(st.Entities)/float64(n), float64(st.Quotes)/float64(n), float64(st.Events)/float64(n))
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			bytes = 0
			for _, suffix := range []string{"", "-wal"} {
				if fi, err := os.Stat(db + suffix); err == nil {
					bytes += fi.Size()
				}
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		b.ReportMetric(float64(bytes)/float64(n)/1024, "file-KB/article")
		b.ReportMetric(float64(size)/float64(n)/1024, "doc-KB/article")
	})
}
