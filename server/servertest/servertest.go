// Package servertest builds stores for testing and load-testing the server: the
// built-in sample corpus ingested as `herald demo` does (so story clusters exist), plus
// hostile articles whose titles, quotes and entities carry HTML and script payloads.
package servertest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/ingest"
	"github.com/heraldnews/herald/sample"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/sqlite"
)

// Payloads are the strings the hostile articles carry; pages must show them escaped.
var Payloads = []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`}

// HostileCluster is the story cluster the two hostile articles are put in.
const HostileCluster = "hostile-story"

// SampleStore returns a store in a temp dir holding the sample corpus and the hostile
// articles; it is closed when the test ends.
func SampleStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := Build(filepath.Join(tb.TempDir(), "herald.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Build creates the store at path (see SampleStore); the caller closes it.
func Build(path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	if err := fill(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func fill(db *sqlite.DB) error {
	p, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	ctx := context.Background()
	r := &ingest.Runner{Store: db, Pipeline: p, Index: dedup.NewIndex(dedup.Options{}), Opts: ingest.Options{Workers: 2}}
	var docs []source.Document
	for _, d := range sample.Corpus() {
		docs = append(docs, source.Document{
			Input:  extract.Input{Path: d.Name, URL: d.URL, Format: extract.FormatJSON, Data: d.Data},
			Source: d.Source, Kind: source.KindJSONL, Ref: d.Name,
		})
	}
	st, err := r.Run(ctx, nil, docs...)
	if err != nil {
		return err
	}
	if st.Failed > 0 {
		return fmt.Errorf("ingest sample: %d failed: %v", st.Failed, st.Reasons)
	}
	for i, a := range Hostile() {
		id, _, err := db.Put(ctx, a, store.Source{Name: "hostile " + Payloads[i%2], Kind: "test"})
		if err != nil {
			return err
		}
		exp := []byte(`{"Rule":"exact","Sample":["\u003cscript\u003ealert(1)\u003c/script\u003e"]}`)
		if err := db.SetCluster(ctx, id, HostileCluster, exp); err != nil {
			return err
		}
	}
	return nil
}

// Hostile returns two articles whose every free-text field carries the payloads.
func Hostile() []*article.Article {
	var out []*article.Article
	for i, p := range Payloads {
		other := Payloads[1-i]
		a := article.New()
		a.URL = "https://hostile.example/" + []string{"a", "b"}[i]
		a.Title = "Hostile " + p + " headline"
		a.Byline = other
		a.Published = "2025-03-0" + []string{"4", "5"}[i]
		a.Language = "en"
		body := "Mallory " + other + " said the plan was safe. \"We " + p + " will win,\" Mallory said in Paris."
		a.Text = a.Title + "\n\n" + body
		a.Paragraphs = []string{body}
		title := []rune(a.Title)
		text := []rune(a.Text)
		a.Sentences = []article.Span{{Start: 0, End: len(title)}, {Start: len(title) + 2, End: len(text)}}
		a.Removed = []article.Removed{{Kind: article.RemovedBoilerplate, Text: "Share " + p}}
		idx := func(s string) int { // code-point offset of s in the text
			for k := 0; k+len([]rune(s)) <= len(text); k++ {
				if string(text[k:k+len([]rune(s))]) == s {
					return k
				}
			}
			return -1
		}
		m := idx("Mallory")
		a.Entities = []article.Entity{{ID: "E1", Name: "Mallory " + p, Type: article.Person, Country: "FRA", Actor: "FRAGOV",
			Roles: []string{}, Mentions: []article.Mention{{Start: m, End: m + 7, Text: "Mallory", Kind: "name"}}, References: []article.Mention{}}}
		qs := idx("We ")
		qtext := "We " + p + " will win,"
		a.Quotes = []article.Quote{{Kind: article.QuoteDirect, Text: qtext, Start: qs, End: qs + len([]rune(qtext)),
			Speaker: "E1", SpeakerName: "Mallory " + p, Cue: "said", Hedges: []string{}}}
		a.Events = []article.Event{{Source: article.Actor{Name: "Mallory " + p, Code: "FRAGOV", Entity: "E1"},
			Target: article.Actor{Name: "Paris", Code: "FRA"}, Cameo: "010", CameoRoot: "01", CameoName: "Make statement " + p,
			QuadClass: 1, Goldstein: 0, Plover: "CONSULT", Modality: article.Asserted, Evidence: body, Sentence: 1, Cue: "said"}}
		out = append(out, a)
	}
	return out
}
