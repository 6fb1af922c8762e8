package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/store"
)

func init() {
	register("demo", "ingest the built-in sample corpus, show what Herald found, and serve the dashboard", runDemo)
}

func runDemo(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("demo", flag.ContinueOnError)
	fl.SetOutput(stderr)
	storePath := fl.String("store", "herald-demo.db", "SQLite store file to create or add to")
	serve := fl.Bool("serve", true, "then serve the dashboard over the store (--serve=false to stop after ingesting)")
	addr := fl.String("addr", "127.0.0.1:8080", "`host:port` the dashboard listens on")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	st, err := ingestRun(ingestConfig{store: *storePath, workers: runtime.GOMAXPROCS(0), maxBytes: extract.DefaultMaxBytes, sample: true, quiet: true}, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "herald demo: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Ingested the sample corpus into %s:\n", *storePath)
	st.Summary(stdout)
	db, err := openStore(context.Background(), *storePath)
	if err != nil {
		fmt.Fprintf(stderr, "herald demo: %v\n", err)
		return 1
	}
	defer db.Close()
	ctx := context.Background()
	s, err := db.Stats(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "herald demo: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout)
	writeStats(stdout, s)
	if page, err := db.AggregateEvents(ctx, store.EventQuery{Modality: "asserted", Limit: 8}); err == nil && len(page.Items) > 0 {
		fmt.Fprintln(stdout, "\nEvents that happened (asserted), grouped across articles:")
		for _, a := range page.Items {
			fmt.Fprintf(stdout, "  %-10s %-8s → %-8s CAMEO %-4s Goldstein %+5.1f  in %s from %s\n",
				a.Day, a.SourceCode, a.TargetCode, a.Cameo, a.Goldstein, count(a.NumArticles, "article"), count(a.NumSources, "source"))
		}
	}
	if *serve {
		db.Close()
		fmt.Fprintln(stdout)
		return runServe([]string{"--store", *storePath, "--addr", *addr}, stdout, stderr)
	}
	fmt.Fprintf(stdout, "\nTry: herald search --store %s sanctions\n     herald quotes --store %s --speaker Vidal\n     herald events --store %s --source CHL\n     herald export --store %s --what events --format gdelt\n",
		*storePath, *storePath, *storePath, *storePath)
	return 0
}

// writeStats prints the store's counts and its top actors and dyads.
func writeStats(w io.Writer, s store.Stats) {
	fmt.Fprintf(w, "articles %d, story clusters %d, sources %d\nentities %d (mentions %d), quotes %d, events %d\n",
		s.Articles, s.Clusters, s.Sources, s.Entities, s.Mentions, s.Quotes, s.Events)
	for _, part := range []struct {
		name string
		list []store.Count
	}{{"top actors", s.TopActors}, {"top dyads", s.TopDyads}} {
		if len(part.list) == 0 {
			continue
		}
		var items []string
		for _, c := range part.list {
			items = append(items, fmt.Sprintf("%s %d", c.Key, c.Count))
		}
		fmt.Fprintf(w, "%s: %s\n", part.name, strings.Join(items, ", "))
	}
}

// count writes n and noun, plural unless n is 1: "1 article", "3 articles".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
