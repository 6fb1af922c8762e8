package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/source"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/sqlite"
)

func doc(name, format, data string) source.Document {
	return source.Document{Input: extract.Input{Path: name, Format: format, Data: []byte(data)}, Source: "test", Kind: source.KindFile, Ref: name}
}

// storeAndPipeline opens a new SQLite store, closed when the test ends, and the real
// extraction pipeline.
func storeAndPipeline(t *testing.T) (*sqlite.DB, *extract.Pipeline) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "i.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db, p
}

func TestRun(t *testing.T) {
	db, p := storeAndPipeline(t)
	story := "Harbour Strike Ends in Lisbon\nDock workers in Lisbon went back to work on Monday after a week-long strike over pay and hours, the union said in a statement.\nThe port authority said ships would sail again by Tuesday and that the backlog would clear within a week.\n"
	copyWithFurniture := story + "Advertisement\n"
	other := "Council Approves Budget in Riga\nThe city council of Riga approved its budget on Tuesday after a long debate about schools, bridges and the tram network.\n"
	var failures []Failure
	r := &Runner{Store: db, Pipeline: p, Index: dedup.NewIndex(dedup.Options{}), OnFailure: func(f Failure) { failures = append(failures, f) }}
	docs := []source.Document{
		doc("a.txt", extract.FormatText, story),
		doc("b.txt", extract.FormatText, copyWithFurniture),
		doc("c.txt", extract.FormatText, other),
		doc("d.json", extract.FormatJSON, `{"title": `),
		doc("a-again.txt", extract.FormatText, story),
	}
	st, err := r.Run(context.Background(), nil, docs...)
	if err != nil {
		t.Fatal(err)
	}
	// a and b are different texts (b has a furniture line that cleaning removes, so its
	// cleaned text, and identity, equals a's); a-again is the same article again.
	if st.Read != 5 || st.Failed != 1 || st.New+st.Duplicates != 4 || st.New < 2 {
		t.Errorf("stats %+v", st)
	}
	if len(failures) != 1 || failures[0].Ref != "d.json" {
		t.Errorf("failures %+v", failures)
	}
	s, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != int64(st.New) {
		t.Errorf("store holds %d articles, run says %d new", s.Articles, st.New)
	}
	// The two Riga and Lisbon stories are separate clusters.
	clusters := map[string]bool{}
	_ = db.Each(context.Background(), store.KindArticles, func(row any) error {
		clusters[row.(*store.Stored).Cluster] = true
		return nil
	})
	if len(clusters) != 2 {
		t.Errorf("%d clusters, want 2", len(clusters))
	}

	// A second run adds nothing; Warm lets new articles join old clusters.
	r2 := &Runner{Store: db, Pipeline: p, Index: dedup.NewIndex(dedup.Options{})}
	if n, err := r2.Warm(context.Background()); err != nil || n != st.New {
		t.Fatalf("warm %d, %v", n, err)
	}
	st2, err := r2.Run(context.Background(), nil, docs[:3]...)
	if err != nil || st2.New != 0 || st2.Duplicates != 3 {
		t.Errorf("second run %+v, %v", st2, err)
	}
}

// stubExtractor stores a document's bytes as its text, so a test of reading needs no models.
type stubExtractor struct{}

func (stubExtractor) Extract(in extract.Input) (*article.Article, error) {
	return &article.Article{Path: in.Path, URL: in.URL, Text: string(in.Data)}, nil
}

// runStub ingests paths into a new SQLite store with the stub extractor and returns the
// run's stats and the failures it reported.
func runStub(t *testing.T, paths ...string) (Stats, []Failure) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "i.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var failures []Failure
	r := &Runner{Store: db, Pipeline: stubExtractor{}, Index: dedup.NewIndex(dedup.Options{}), OnFailure: func(f Failure) { failures = append(failures, f) }}
	st, err := r.Run(context.Background(), paths)
	if err != nil {
		t.Fatal(err)
	}
	return st, failures
}

// A source's per-document error whose cause wraps io.EOF (gowarc's "not a http block:
// EOF" for a WARC cut inside a record's headers) is a failure to count, not the end of
// the source: it was once dropped silently and the run exited 0.
func TestRunDocErrorWrappingEOF(t *testing.T) {
	rec := func(uri, body string) string {
		block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
		return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-01-02T03:04:05Z\r\n"+
			"WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
			uri, "00000000-0000-4000-8000-00000000000"+uri[len(uri)-1:], len(block), block)
	}
	first := rec("https://a.example/1", "<p>Workers in Lisbon went back to work on Monday.</p>")
	second := rec("https://a.example/2", "<p>The council of Riga approved its budget on Tuesday.</p>")
	// Cut the second record after its WARC headers, before its HTTP block.
	cut := first + second[:strings.Index(second, "HTTP/1.1")]
	path := filepath.Join(t.TempDir(), "cut.warc")
	if err := os.WriteFile(path, []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}
	st, failures := runStub(t, path)
	if st.Read != 2 || st.New != 1 || st.Failed != 1 || len(failures) != 1 {
		t.Errorf("stats %+v, failures %+v; want the cut record read and failed", st, failures)
	}
}

// cancelAfter is an extractor that cancels the run's context after n documents.
type cancelAfter struct {
	n      atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfter) Extract(in extract.Input) (*article.Article, error) {
	if c.n.Add(-1) == 0 {
		c.cancel()
	}
	return stubExtractor{}.Extract(in)
}

// Ctrl-C part-way: the run says it was interrupted, counts no document as failed for it,
// stores every document it read (read = new + duplicates + failed), and a second run
// stores the rest, each article once.
func TestRunInterrupted(t *testing.T) {
	var b strings.Builder
	const n = 400
	for i := range n {
		fmt.Fprintf(&b, `{"url":"https://a.example/%d","title":"T%d","text":"Story number %d about the harbour."}`+"\n", i, i, i)
	}
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "i.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for try := range 5 {
		ctx, cancel := context.WithCancel(context.Background())
		x := &cancelAfter{cancel: cancel}
		x.n.Store(int32(20 + 7*try))
		r := &Runner{Store: db, Pipeline: x, Index: dedup.NewIndex(dedup.Options{}), Opts: Options{Workers: 2, BatchSize: 8}}
		if _, err := r.Warm(ctx); err != nil {
			t.Fatal(err)
		}
		st, err := r.Run(ctx, []string{path})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if !st.Interrupted || st.Failed != 0 || st.Read != st.New+st.Duplicates+st.Failed {
			t.Errorf("try %d: stats %+v; want interrupted, nothing failed, every read document accounted for", try, st)
		}
	}
	r := &Runner{Store: db, Pipeline: stubExtractor{}, Index: dedup.NewIndex(dedup.Options{})}
	st, err := r.Run(context.Background(), []string{path})
	if err != nil || st.Interrupted || st.New+st.Duplicates != n {
		t.Errorf("last run %+v, %v", st, err)
	}
	s, err := db.Stats(context.Background())
	if err != nil || s.Articles != n {
		t.Errorf("store holds %d articles (%v), want %d", s.Articles, err, n)
	}
}

// A source that cannot be opened is one failure whose reason does not repeat its path,
// so the summary groups such failures ("no such file or directory": 2).
func TestRunMissingSource(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a.txt"), filepath.Join(t.TempDir(), "b.txt")
	st, failures := runStub(t, a, b)
	if st.Failed != 2 || len(st.Reasons) != 1 || len(failures) != 2 || failures[0].Ref != a || strings.Contains(failures[0].Reason, a) {
		t.Errorf("stats %+v, failures %+v", st, failures)
	}
}

// A document with no text (an empty or blank file) is a failure, as the API refuses it,
// not an empty article stored (and a second such file "already stored").
func TestRunEmptyDocument(t *testing.T) {
	db, p := storeAndPipeline(t)
	r := &Runner{Store: db, Pipeline: p, Index: dedup.NewIndex(dedup.Options{})}
	st, err := r.Run(context.Background(), nil,
		doc("empty.txt", extract.FormatText, ""), doc("blank.txt", extract.FormatText, " \n\t\n"),
		doc("good.txt", extract.FormatText, "Council Approves Budget\nThe council of Riga approved its budget on Tuesday.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 1 || st.Failed != 2 || st.Reasons["no article text found"] != 2 {
		t.Errorf("stats %+v", st)
	}
}

// The summary groups failures by a reason clipped to 80 characters; the failure reported
// for each document keeps the whole error.
func TestFailureKeepsWholeError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl")
	// A reason longer than the summary's 80 characters: a syntax error, which keeps the
	// JSON decoder's own words ("… looking for beginning of object key string").
	line := `{"title": "x", "text": "Workers in Lisbon went back to work on Monday.", x}`
	if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, failures := runStub(t, path)
	if st.Failed != 1 || len(failures) != 1 || failures[0].Err == nil || len(failures[0].Err.Error()) <= 81 ||
		strings.HasSuffix(failures[0].Err.Error(), "…") || !strings.HasPrefix(failures[0].Err.Error(), strings.TrimSuffix(failures[0].Reason, "…")) {
		t.Errorf("stats %+v, failures %+v; want the whole error kept", st, failures)
	}
}
