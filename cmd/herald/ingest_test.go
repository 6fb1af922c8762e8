package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/sqlite"
)

// writeCorpus writes n distinct short articles to dir.
func writeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	places := []string{"Lima", "Nairobi", "Oslo", "Hanoi", "Quito", "Accra", "Riga", "Tunis", "Dhaka", "Sofia"}
	for i := 0; i < n; i++ {
		p := places[i%len(places)]
		text := fmt.Sprintf("Council %d Approves Budget in %s\nThe city council of %s approved budget number %d on Monday after %d hours of debate, officials said.\n"+
			"Mayor Ana Berg%d said the plan would fund %d new schools and repair %d bridges before winter.\n", i, p, p, i, i%9+2, i, i%40+3, i%17+1)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func countArticles(t *testing.T, db string) int64 {
	t.Helper()
	s, err := sqlite.Open(db)
	if err != nil {
		return 0
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		return 0
	}
	return st.Articles
}

// buildWithCorpus builds the herald binary and writes n articles into a corpus folder,
// both in a fresh temporary directory.
func buildWithCorpus(t *testing.T, n int) (tmp, bin, corpus string) {
	t.Helper()
	tmp = t.TempDir()
	bin = filepath.Join(tmp, "herald")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	corpus = filepath.Join(tmp, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	writeCorpus(t, corpus, n)
	return tmp, bin, corpus
}

// killPartWay starts cmd, SIGKILLs it once the store db holds at least atLeast articles,
// and returns how many it holds then, failing unless that is some but not all of n.
// afterKill, if any, runs once the process is gone, before the store is opened.
func killPartWay(t *testing.T, cmd *exec.Cmd, db string, atLeast, n int64, afterKill ...func()) int64 {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitArticles(db, atLeast)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	for _, f := range afterKill {
		f()
	}
	partial := countArticles(t, db)
	if partial == 0 || partial >= n {
		t.Fatalf("after kill -9 the store has %d of %d articles; want a partial run", partial, n)
	}
	return partial
}

// waitArticles returns once the store db holds at least atLeast articles, or after two
// minutes.
func waitArticles(db string, atLeast int64) {
	// Ingest is fast (a batch of 64 every few tens of milliseconds), so the poll must be
	// cheap: one count query on a connection kept open, not a full Stats per poll.
	var conn *sql.DB
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if conn == nil {
			if _, err := os.Stat(db); err == nil {
				conn, _ = sql.Open("sqlite", db+"?_pragma=busy_timeout(1000)&_query_only=1")
			}
		}
		var c int64
		if conn != nil && conn.QueryRow("SELECT count(*) FROM articles").Scan(&c) == nil && c >= atLeast {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// TestIngestInterrupt stops a real ingest with SIGINT (Ctrl-C) part-way: it exits 130,
// says it was interrupted, counts nothing as failed for it, and a second run stores the
// rest, each article once.
func TestIngestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const n = 1500
	tmp, bin, corpus := buildWithCorpus(t, n)
	db := filepath.Join(tmp, "h.db")
	cmd := exec.Command(bin, "ingest", "--quiet", "--workers", "1", "--store", db, corpus)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitArticles(db, 50)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 || !strings.Contains(out.String(), "interrupted") || !strings.Contains(out.String(), "failed 0") {
		t.Errorf("interrupted ingest: %v, output %q; want exit 130, 'interrupted', 'failed 0'", err, out.String())
	}
	partial := countArticles(t, db)
	if partial == 0 || partial >= n {
		t.Fatalf("after SIGINT the store has %d of %d articles; want a partial run", partial, n)
	}
	again, err := exec.Command(bin, "ingest", "--quiet", "--store", db, corpus).CombinedOutput()
	if err != nil || !strings.Contains(string(again), fmt.Sprintf("new %d, already stored %d", n-partial, partial)) {
		t.Errorf("second run: %v, %q; want new %d, already stored %d", err, again, n-partial, partial)
	}
	if c := countArticles(t, db); c != n {
		t.Errorf("store holds %d articles, want %d", c, n)
	}
}

// TestIngestKill9 kills a real ingest process with SIGKILL part-way, runs it again, and
// checks that the store holds every article exactly once.
func TestIngestKill9(t *testing.T) {
	testIngestKill9(t)
}

// TestIngestKill9Bulk is TestIngestKill9 with --bulk: the killed run leaves its indexes
// unbuilt, which the second run builds, and the store answers searches as one written
// normally does.
func TestIngestKill9Bulk(t *testing.T) {
	testIngestKill9(t, "--bulk")
}

func testIngestKill9(t *testing.T, flags ...string) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const n = 1500
	tmp, bin, corpus := buildWithCorpus(t, n)
	db := filepath.Join(tmp, "h.db")
	args := append(append([]string{"ingest", "--quiet", "--workers", "1"}, flags...), "--store", db, corpus)
	bulk := len(flags) > 0
	var partial int64
	if bulk {
		partial = killBulkPartWay(t, exec.Command(bin, args...), db, 50, n)
	} else {
		partial = killPartWay(t, exec.Command(bin, args...), db, 50, n)
	}

	out, err := exec.Command(bin, append(append([]string{"ingest", "--quiet"}, flags...), "--store", db, corpus)...).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("new %d", int64(n)-partial)) {
		t.Errorf("second run summary %q, want new %d", out, int64(n)-partial)
	}
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	paths := map[string]int{}
	err = s.Each(context.Background(), store.KindArticles, func(row any) error {
		paths[filepath.Base(row.(*store.Stored).Path)]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != n {
		t.Errorf("store has %d distinct articles, want %d", len(paths), n)
	}
	for p, c := range paths {
		if c != 1 {
			t.Errorf("%s stored %d times", p, c)
		}
	}
	if bulk {
		checkSameAsNormal(t, bin, corpus, s)
	}
	t.Logf("killed after %d of %d articles; the second run stored the rest", partial, n)
}

// killBulkPartWay is killPartWay for a bulk load: it also checks that the kill left the
// load unfinished (its index builds pending), so that the rerun has them to build.
func killBulkPartWay(t *testing.T, cmd *exec.Cmd, db string, atLeast, n int64) int64 {
	t.Helper()
	// Looked at before anything opens the store with sqlite.Open, which would finish the
	// load.
	return killPartWay(t, cmd, db, atLeast, n, func() {
		conn, err := sql.Open("sqlite", db+"?_query_only=1")
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var pending, indexes int
		if err := conn.QueryRow(`SELECT count(*) FROM bulk_pending`).Scan(&pending); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`).Scan(&indexes); err != nil {
			t.Fatal(err)
		}
		if pending == 0 || indexes != 0 {
			t.Fatalf("after kill -9 of a bulk load: %d steps pending, %d secondary indexes; want some and none", pending, indexes)
		}
	})
}

// checkSameAsNormal ingests corpus normally into a new store and checks that searches
// in got give the same answers.
func checkSameAsNormal(t *testing.T, bin, corpus string, got *sqlite.DB) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "normal.db")
	if out, err := exec.Command(bin, "ingest", "--quiet", "--store", db, corpus).CombinedOutput(); err != nil {
		t.Fatalf("normal ingest: %v\n%s", err, out)
	}
	want, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	ctx := context.Background()
	paths := func(s *sqlite.DB, q store.Query) []string {
		q.Limit = store.MaxLimit
		var out []string
		for {
			p, err := s.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range p.Items {
				out = append(out, filepath.Base(h.Identity)+" "+h.Title+" "+h.Snippet)
			}
			if p.Next == "" {
				break
			}
			q.After = p.Next
		}
		slices.Sort(out)
		return out
	}
	for _, q := range []store.Query{{Text: "budget"}, {Text: "Nairobi"}, {Text: `"new schools"`}, {Text: "bridg*"}, {Country: "KEN"}} {
		g, w := paths(got, q), paths(want, q)
		if len(w) == 0 || !slices.Equal(g, w) {
			t.Errorf("search %+v: %d hits, want %d (the same as a normal ingest)", q, len(g), len(w))
		}
	}
	var gq, wq store.Page[store.QuoteHit]
	if gq, err = got.Quotes(ctx, store.QuoteQuery{Text: "schools", Limit: store.MaxLimit}); err == nil {
		wq, err = want.Quotes(ctx, store.QuoteQuery{Text: "schools", Limit: store.MaxLimit})
	}
	if err != nil || len(wq.Items) == 0 || len(gq.Items) != len(wq.Items) {
		t.Errorf("quotes about schools: %d, want %d (%v)", len(gq.Items), len(wq.Items), err)
	}
}
