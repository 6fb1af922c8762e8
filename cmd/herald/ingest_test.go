package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
func killPartWay(t *testing.T, cmd *exec.Cmd, db string, atLeast, n int64) int64 {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
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
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	partial := countArticles(t, db)
	if partial == 0 || partial >= n {
		t.Fatalf("after kill -9 the store has %d of %d articles; want a partial run", partial, n)
	}
	return partial
}

// TestIngestKill9 kills a real ingest process with SIGKILL part-way, runs it again, and
// checks that the store holds every article exactly once.
func TestIngestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const n = 1500
	tmp, bin, corpus := buildWithCorpus(t, n)
	db := filepath.Join(tmp, "h.db")
	partial := killPartWay(t, exec.Command(bin, "ingest", "--quiet", "--workers", "1", "--store", db, corpus), db, 50, n)

	out, err := exec.Command(bin, "ingest", "--quiet", "--store", db, corpus).CombinedOutput()
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
	t.Logf("killed after %d of %d articles; the second run stored the rest", partial, n)
}
