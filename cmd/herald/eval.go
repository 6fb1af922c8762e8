package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/eval"
	"github.com/heraldnews/herald/extract"
)

func init() {
	register("eval", "score Herald against gold data: entities, extract, quotes, events, cleaning, dedup", runEval)
}

// defaultGold is where the development gold data sits relative to the repository.
const defaultGold = "../shared/eval"

func runEval(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "usage: herald eval entities|extract|quotes|events|cleaning|dedup [-gold DIR] [-workers N]")
		return 2
	}
	what := args[0]
	fl := flag.NewFlagSet("eval "+what, flag.ContinueOnError)
	fl.SetOutput(stderr)
	gold := fl.String("gold", defaultGold, "folder of the gold data (the layout of shared/eval)")
	workers := fl.Int("workers", runtime.GOMAXPROCS(0), "articles processed at once")
	cleanDir := fl.String("dir", "", "cleaning: folder of .txt articles to corrupt and clean (default: the PolNeAR dev texts)")
	if err := fl.Parse(args[1:]); err != nil {
		return 2
	}
	switch what {
	case "entities", "extract", "quotes", "events", "dedup", "cleaning":
	default: // before looking for the gold data or loading the models
		fmt.Fprintf(stderr, "herald eval: unknown set %q (entities, extract, quotes, events, cleaning, dedup)\n", what)
		return 2
	}
	if _, err := os.Stat(*gold); err != nil {
		fmt.Fprintf(stderr, "herald eval: gold data not found: %v (pass -gold DIR)\n", err)
		return 1
	}
	p, err := extract.New(extract.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "herald eval: %v\n", err)
		return 1
	}
	start := time.Now()
	var report fmt.Stringer
	n := 0
	switch what {
	case "entities":
		docs, err := eval.ReadConll(filepath.Join(*gold, "ner", "conll2003-dev.txt"))
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		ins := make([]extract.Input, len(docs))
		for i, d := range docs {
			ins[i] = extract.Input{Path: fmt.Sprintf("doc%04d.txt", i), Format: extract.FormatText, Data: []byte(d.Text)}
		}
		report, n = eval.ScoreEntities(docs, extractAll(p, ins, *workers, stderr)), len(ins)
	case "extract":
		dir := filepath.Join(*gold, "extract")
		ins, err := readDir(filepath.Join(dir, "html"), ".html")
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		arts := extractAll(p, ins, *workers, stderr)
		bodies := map[string]string{}
		for i, a := range arts {
			if a != nil {
				bodies[strings.TrimSuffix(filepath.Base(ins[i].Path), ".html")] = strings.Join(a.Paragraphs, "\n")
			}
		}
		s, err := eval.ScoreExtract(filepath.Join(dir, "ground-truth.json"), bodies)
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		report, n = s, len(ins)
	case "quotes":
		split := filepath.Join(*gold, "quotes", "polnear", "dev")
		ins, err := readDir(filepath.Join(split, "text"), ".txt")
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		arts := extractAll(p, ins, *workers, stderr)
		pred, raw := map[string][]article.Quote{}, map[string]string{}
		for i, a := range arts {
			name := strings.TrimSuffix(filepath.Base(ins[i].Path), ".txt")
			raw[name] = string(ins[i].Data)
			if a != nil {
				pred[name] = a.Quotes
			}
		}
		report, n = eval.ScoreQuotes(split, pred, raw), len(ins)
		if ap, ar, af, pairs := eval.QuoteAgreement(split); pairs > 0 {
			// What a second annotator scores against the first, on the articles that
			// several marked: the ceiling the content F1 is read against.
			defer fmt.Fprintf(stdout, "annotators against each other (%d ordered pairs on the multi-annotated articles): P %.3f R %.3f F1 %.3f\n", pairs, ap, ar, af)
		}
	case "events":
		goldFile := filepath.Join(*gold, "events", "plover-gsr-dev.jsonl")
		ins, err := eventInputs(goldFile)
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		arts := extractAll(p, ins, *workers, stderr)
		pred := map[string][]article.Event{}
		for i, a := range arts {
			if a != nil {
				pred[strings.TrimSuffix(ins[i].Path, ".txt")] = a.Events
			}
		}
		report, n = eval.ScoreEvents(goldFile, pred), len(ins)
	case "dedup":
		// The corpus job's own clustering: Herald's cleaned text into the dedup index,
		// in file-name order.
		dir := filepath.Join(*gold, "dedup")
		docs := 0
		s, err := eval.RunDedupEval(dir, func(names, texts []string) map[string]string {
			docs = len(names)
			ix := dedup.NewIndex(dedup.Options{})
			for i, t := range texts {
				text, _ := clean.Text(t, "").Text()
				ix.Add(names[i], text)
			}
			return ix.Assignments()
		})
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		report, n = s, docs
	case "cleaning":
		// Any clean articles serve: the gold is the corruption Herald injects.
		dir := *cleanDir
		if dir == "" {
			dir = filepath.Join(*gold, "quotes", "polnear", "dev", "text")
		}
		ins, err := readDir(dir, ".txt")
		if err != nil {
			fmt.Fprintf(stderr, "herald eval: %v\n", err)
			return 1
		}
		texts := make([]string, len(ins))
		for i, in := range ins {
			texts[i] = string(in.Data)
		}
		report, n = eval.ScoreCleaning(texts, 1), len(ins)
	default:
		fmt.Fprintf(stderr, "herald eval: unknown set %q (entities, extract, quotes, events, cleaning, dedup)\n", what)
		return 2
	}
	fmt.Fprintln(stdout, report)
	el := time.Since(start)
	fmt.Fprintf(stdout, "%d documents in %s (%.0f docs/s with %d workers)\n", n, el.Round(time.Millisecond), float64(n)/el.Seconds(), *workers)
	return 0
}

// readDir reads every file with the extension in dir, sorted by name.
func readDir(dir, ext string) ([]extract.Input, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*"+ext))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no %s files in %s", ext, dir)
	}
	sort.Strings(names)
	ins := make([]extract.Input, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ins = append(ins, extract.Input{Path: n, Data: data})
	}
	return ins, nil
}

// extractAll runs the pipeline over inputs on workers goroutines; a failed input leaves
// nil in its place and is reported.
func extractAll(p *extract.Pipeline, ins []extract.Input, workers int, stderr io.Writer) []*article.Article {
	out := make([]*article.Article, len(ins))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(ins) {
					return
				}
				a, err := p.Extract(ins[i])
				if err != nil {
					mu.Lock()
					fmt.Fprintf(stderr, "herald eval: %s: %v\n", ins[i].Path, err)
					mu.Unlock()
					continue
				}
				out[i] = a
			}
		}()
	}
	wg.Wait()
	return out
}
