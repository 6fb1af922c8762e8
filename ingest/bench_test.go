package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/sample"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store/sqlite"
)

// The ingest benchmarks run a whole Runner into a fresh SQLite file per iteration, over
// the folder named by HERALD_BENCH_DIR (the speed target is set on the PolNeAR
// training texts) or, without it, over Herald's 40-article sample corpus:
//
//	HERALD_BENCH_DIR=../../shared/eval/quotes/polnear/train/text go test ./ingest -run '^$' -bench . -benchtime 3x
//
// Besides ns/op they report articles/s (wall) and articles/cpu-s (articles per second
// of CPU used by the whole process, all cores), which is the figure to compare on a
// machine shared with other work, where wall time is noisy. They fail, rather than
// report a rate, when any document fails or fewer articles are stored than expected.

// BenchmarkRun is end to end: read, extract, store, dedup and cluster.
func BenchmarkRun(b *testing.B) {
	p, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchRun(b, p)
}

// BenchmarkRunStored is BenchmarkRun with the articles extracted beforehand, so that it
// times everything around the analysis: sources, batching, the store, dedup, clusters.
func BenchmarkRunStored(b *testing.B) {
	p, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	pre := &preExtracted{arts: map[string]*article.Article{}}
	specs, docs := benchInput(b)
	for _, d := range allDocs(b, specs, docs) {
		a, err := p.Extract(d.Input)
		if err != nil {
			b.Fatalf("%s: %v", d.Ref, err)
		}
		pre.arts[d.Input.Path] = a
	}
	benchRun(b, pre)
}

func benchRun(b *testing.B, p Extractor) {
	specs, docs := benchInput(b)
	ctx := context.Background()
	var (
		cpu, wall time.Duration
		n         int
	)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench.db")
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime(b)
		db, err := sqlite.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := &Runner{Store: db, Pipeline: p, Index: dedup.NewIndex(dedup.Options{}),
			OnFailure: func(f Failure) { b.Errorf("%s: %s", f.Ref, f.Reason) }}
		st, err := r.Run(ctx, specs, docs...)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime(b) - c0
		wall += time.Since(t0)
		if st.Failed > 0 || st.New == 0 || st.New+st.Duplicates != st.Read {
			b.Fatalf("run %+v", st)
		}
		n += st.New
	}
	b.ReportMetric(float64(n)/wall.Seconds(), "articles/s")
	b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
}

// benchInput returns the run's sources: HERALD_BENCH_DIR, or the sample corpus.
func benchInput(b *testing.B) ([]string, []source.Document) {
	if dir := os.Getenv("HERALD_BENCH_DIR"); dir != "" {
		return []string{dir}, nil
	}
	var docs []source.Document
	for _, d := range sample.Corpus() {
		docs = append(docs, source.Document{
			Input:  extract.Input{Path: d.Name, URL: d.URL, Format: extract.FormatJSON, Data: d.Data},
			Source: d.Source, Kind: source.KindJSONL, Ref: d.Name,
		})
	}
	return nil, docs
}

// allDocs reads every document of specs after docs.
func allDocs(b *testing.B, specs []string, docs []source.Document) []source.Document {
	for _, spec := range specs {
		src, err := source.Open(spec, source.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			d, err := src.Next(context.Background())
			if err != nil {
				break
			}
			docs = append(docs, d)
		}
		src.Close()
	}
	return docs
}

// preExtracted answers Extract from articles extracted before the benchmark, by path.
type preExtracted struct {
	mu   sync.Mutex
	arts map[string]*article.Article
}

func (p *preExtracted) Extract(in extract.Input) (*article.Article, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, ok := p.arts[in.Path]
	if !ok {
		return nil, fmt.Errorf("%s: not extracted before the benchmark", in.Path)
	}
	return a, nil
}

// cpuTime is the CPU time, user and system, the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
