// Command extract compares article-body extractors on the
// article-extraction-benchmark pages: go-trafilatura, go-readability and
// Herald's own webpage.Extract, scored with the same word 4-gram shingle
// metric as score_extract.py, timed on one core.
//
//	go run ./bench/extract -data ../shared/eval/extract [-rounds 3] [-worst 10] [-dump KEYPREFIX]
//
// Library variants: go-trafilatura with its defaults (comments excluded),
// with htmldate's whole-page date scan disabled, and with its readability +
// dom-distiller fallback enabled; go-readability (codeberg readeck v2), which
// webpage.Extract is built on. go-trafilatura is linked here only, for the
// comparison: the herald binary does not import it (its go-dateparser
// dependency costs a third of a second at every process start).
package main

import (
	"bytes"
	"flag"
	"fmt"
	nurl "net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/heraldnews/herald/clean/webpage"
	"github.com/heraldnews/herald/eval"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

type page struct {
	key, url string
	html     []byte
}

// extractor returns the body text of one page, paragraphs joined by "\n".
type extractor struct {
	name string
	fn   func(p page) (string, error)
}

func main() {
	data := flag.String("data", "../shared/eval/extract", "folder holding html/ and ground-truth.json")
	rounds := flag.Int("rounds", 1, "timing rounds per extractor; the fastest is reported")
	only := flag.String("only", "", "comma-separated extractor names to run (default all)")
	worst := flag.Int("worst", 0, "also list the N worst pages of each extractor")
	dump := flag.String("dump", "", "print each extractor's body for the page whose key starts with this prefix")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	// One core, as the comparison is about per-core throughput.
	runtime.GOMAXPROCS(1)

	truthPath := filepath.Join(*data, "ground-truth.json")
	truth, urls, err := eval.ExtractTruthBodies(truthPath)
	if err != nil {
		fail(err)
	}
	var pages []page
	for key := range truth {
		b, err := os.ReadFile(filepath.Join(*data, "html", key+".html"))
		if err != nil {
			fail(err)
		}
		pages = append(pages, page{key: key, url: urls[key], html: b})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].key < pages[j].key })

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	// pages/s is by CPU time: on a shared machine wall time mostly measures
	// the neighbours. Both are one core (GOMAXPROCS=1).
	fmt.Fprintf(w, "extractor\tF1\tP\tR\tpages/s (cpu)\tpages/s (wall)\terrors\t\n")
	for _, ex := range extractors() {
		if *only != "" && !contains(strings.Split(*only, ","), ex.name) {
			continue
		}
		var bodies map[string]string
		var best, bestCPU time.Duration
		errs := 0
		for r := 0; r < max(1, *rounds); r++ {
			bodies = make(map[string]string, len(pages))
			errs = 0
			runtime.GC()
			start, startCPU := time.Now(), cpuTime()
			for _, p := range pages {
				body, err := ex.fn(p)
				if err != nil {
					errs++
				}
				bodies[p.key] = body
			}
			if d := time.Since(start); r == 0 || d < best {
				best = d
			}
			if d := cpuTime() - startCPU; r == 0 || d < bestCPU {
				bestCPU = d
			}
		}
		s, err := eval.ScoreExtract(truthPath, bodies)
		if err != nil {
			fail(err)
		}
		fmt.Fprintf(w, "%s\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\t%d\t\n", ex.name, s.F1, s.Precision, s.Recall,
			float64(len(pages))/bestCPU.Seconds(), float64(len(pages))/best.Seconds(), errs)
		if *dump != "" {
			for _, p := range pages {
				if strings.HasPrefix(p.key, *dump) {
					fmt.Printf("==== %s on %s\n%s\n==== end\n", ex.name, p.key, bodies[p.key])
				}
			}
		}
		if *worst > 0 {
			w.Flush()
			listWorst(pages, truth, bodies, *worst)
		}
	}
	w.Flush()
}

func extractors() []extractor {
	traf := func(fallback bool, date trafilatura.HtmlDateMode) func(p page) (string, error) {
		return func(p page) (string, error) {
			opts := trafilatura.Options{
				ExcludeComments: true,
				EnableFallback:  fallback,
				HtmlDateMode:    date,
			}
			if u, err := nurl.Parse(p.url); err == nil {
				opts.OriginalURL = u
			}
			res, err := trafilatura.Extract(bytes.NewReader(p.html), opts)
			if err != nil {
				return "", err
			}
			return res.ContentText, nil
		}
	}
	return []extractor{
		{"go-trafilatura", traf(false, trafilatura.Default)},
		{"go-trafilatura-nodate", traf(false, trafilatura.Disabled)},
		{"go-trafilatura+fallback", traf(true, trafilatura.Default)},
		{"webpage.Extract", func(p page) (string, error) {
			pg, err := webpage.Extract(p.html, p.url)
			return strings.Join(pg.Paragraphs, "\n"), err
		}},
		{"go-readability", func(p page) (string, error) {
			u, _ := nurl.Parse(p.url)
			parser := readability.NewParser()
			art, err := parser.Parse(bytes.NewReader(p.html), u)
			if err != nil || art.Node == nil {
				return "", err
			}
			return render.InnerText(art.Node), nil
		}},
	}
}

// cpuTime is the user+system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func listWorst(pages []page, truth, bodies map[string]string, n int) {
	type row struct {
		key  string
		p, r float64
	}
	var rows []row
	for _, p := range pages {
		pr, rc := eval.ExtractPageScore(truth[p.key], bodies[p.key])
		rows = append(rows, row{p.key, pr, rc})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].p+rows[i].r < rows[j].p+rows[j].r })
	for _, r := range rows[:min(n, len(rows))] {
		fmt.Printf("    %.12s  P %.3f R %.3f\n", r.key, r.p, r.r)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "extract:", err)
	os.Exit(1)
}
