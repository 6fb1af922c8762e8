// Command dedup measures package dedup at scale: it generates synthetic articles with
// scraped and syndicated variants (known clusters), adds them to one Index from a few
// goroutines, and reports time, memory and clustering quality.
//
//	go run ./bench/dedup -n 100000
//	go run ./bench/dedup -n 1000000
//
// Articles are drawn word by word from one Zipf-distributed vocabulary, so that, as on
// a single-topic news corpus, different stories share many common words and short
// phrases. A quarter of the stories get 1-3 variants mixing the kinds scrapers produce:
// boilerplate lines, paragraphs dropped, reordered or repeated, truncation and word
// edits; a few variants are exact copies. Variants arrive later in the stream than
// their story, scattered, as in an ingest.
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldnews/herald/bench/internal/synth"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/eval"
)

var boilerplate = []string{
	"Advertisement",
	"Subscribe to our newsletter for the latest headlines delivered every morning.",
	"Share this article on Facebook and Twitter.",
	"Read more: the stories our editors are following today.",
	"Copyright the publisher. All rights reserved. This material may not be redistributed.",
	"Story continues below advertisement",
	"Sign up for breaking news alerts on your phone.",
}

type gen struct {
	vocab []string
	seed  uint64
}

func newGen(seed uint64) *gen {
	return &gen{vocab: synth.Vocab(rand.New(rand.NewPCG(seed, 1))), seed: seed}
}

// story returns the paragraphs of story s, the same every time.
func (g *gen) story(s int) []string {
	r := rand.New(rand.NewPCG(g.seed, uint64(s)+2))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(g.vocab)-1))
	paras := make([]string, 4+r.IntN(14))
	var b strings.Builder
	for i := range paras {
		b.Reset()
		for sn := 1 + r.IntN(4); sn > 0; sn-- {
			n := 8 + r.IntN(20)
			for w := 0; w < n; w++ {
				word := g.vocab[z.Uint64()]
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				} else {
					b.WriteByte(' ')
				}
				b.WriteString(word)
			}
			b.WriteString(". ")
		}
		paras[i] = strings.TrimSpace(b.String())
	}
	return paras
}

// variant mixes several scraping transformations, chosen from v.
func (g *gen) variant(paras []string, v uint64) string {
	r := rand.New(rand.NewPCG(g.seed^v, v))
	if r.IntN(8) == 0 {
		return strings.Join(paras, "\n\n") // exact syndicated copy
	}
	ps := append([]string(nil), paras...)
	if len(ps) > 3 && r.IntN(2) == 0 { // drop paragraphs
		for n := 1 + r.IntN(max(1, len(ps)/5)); n > 0 && len(ps) > 2; n-- {
			i := 1 + r.IntN(len(ps)-1)
			ps = append(ps[:i], ps[i+1:]...)
		}
	}
	if len(ps) > 3 && r.IntN(3) == 0 { // reorder
		i := 1 + r.IntN(len(ps)-2)
		ps[i], ps[i+1] = ps[i+1], ps[i]
	}
	if r.IntN(3) == 0 { // repeat a paragraph
		i := r.IntN(len(ps))
		ps = append(ps[:i+1], append([]string{ps[i]}, ps[i+1:]...)...)
	}
	if r.IntN(2) == 0 { // word edits in some sentences
		for i := range ps {
			ws := strings.Fields(ps[i])
			for j := range ws {
				if r.IntN(25) == 0 {
					ws[j] = g.vocab[r.IntN(len(g.vocab))]
				}
			}
			ps[i] = strings.Join(ws, " ")
		}
	}
	text := strings.Join(ps, "\n\n")
	if r.IntN(3) == 0 { // truncate to 45-90%
		text = text[:len(text)*(45+r.IntN(46))/100]
	}
	if r.IntN(2) == 0 { // boilerplate before and after
		text = boilerplate[r.IntN(len(boilerplate))] + "\n\n" + text + "\n\n" +
			boilerplate[r.IntN(len(boilerplate))] + "\n\n" + boilerplate[r.IntN(len(boilerplate))]
	}
	return text
}

type slot struct {
	story   int32
	variant uint32 // 0 = the original
}

func main() {
	n := flag.Int("n", 100000, "number of articles")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines adding to the index")
	var opts dedup.Options
	flag.IntVar(&opts.Shingle, "shingle", 0, "Options.Shingle (0: default)")
	flag.Float64Var(&opts.Jaccard, "jaccard", 0, "Options.Jaccard (0: default)")
	flag.Float64Var(&opts.Containment, "containment", 0, "Options.Containment (0: default)")
	flag.Float64Var(&opts.ContainedJaccard, "contained-jaccard", 0, "Options.ContainedJaccard (0: default)")
	flag.IntVar(&opts.SampleEvery, "sample", 0, "Options.SampleEvery (0: default)")
	flag.Parse()

	// Plan the stream: originals in order; variants of a story at random later slots.
	plan := make([]slot, 0, *n)
	stories := 0
	for story, v := range synth.Stream(*n) {
		if v != 0 {
			// The seed's top 31 bits, plus one: what this program drew (r.Uint32()>>1 + 1)
			// before the stream was shared, so the corpus behind its numbers is unchanged.
			v = (v-1)>>32 + 1
		}
		plan = append(plan, slot{int32(story), uint32(v)})
		stories = max(stories, story+1)
	}

	g := newGen(7)
	ix := dedup.NewIndex(opts)
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() { // sample the heap; the index is what stays live
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(500 * time.Millisecond):
			}
			runtime.ReadMemStats(&ms)
			if ms.Sys > peak.Load() {
				peak.Store(ms.Sys)
			}
		}
	}()

	start := time.Now()
	var addNanos atomic.Int64
	var bytes atomic.Int64
	var next atomic.Int64
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(plan) {
					return
				}
				s := plan[i]
				paras := g.story(int(s.story))
				text := strings.Join(paras, "\n\n")
				if s.variant != 0 {
					text = g.variant(paras, uint64(s.variant))
				}
				bytes.Add(int64(len(text)))
				t := time.Now()
				ix.Add(fmt.Sprintf("d%d", i), text)
				addNanos.Add(int64(time.Since(t)))
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	close(stop)

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := ms.HeapAlloc

	// Quality: score the clustering with Herald's scorer.
	dir, err := os.MkdirTemp("", "dedupbench")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	labels := filepath.Join(dir, "labels.jsonl")
	f, err := os.Create(labels)
	if err != nil {
		panic(err)
	}
	for i, s := range plan {
		fmt.Fprintf(f, "{\"doc\": \"d%d\", \"cluster\": \"s%d\"}\n", i, s.story)
	}
	f.Close()
	score := eval.ScoreDedup(labels, ix.Assignments())

	fmt.Printf("articles %d (%d stories, %.0f MB of text), workers %d, GOMAXPROCS %d\n",
		len(plan), stories, float64(bytes.Load())/1e6, *workers, runtime.GOMAXPROCS(0))
	fmt.Printf("wall %.1fs (generation included), Add %.1fs summed over workers, %.0f µs/Add\n",
		wall.Seconds(), time.Duration(addNanos.Load()).Seconds(), float64(addNanos.Load())/1e3/float64(len(plan)))
	fmt.Printf("memory: live heap after GC %.0f MiB (index), peak Sys %.0f MiB\n",
		float64(live)/(1<<20), float64(max(peak.Load(), ms.Sys))/(1<<20))
	fmt.Println(score)
}
