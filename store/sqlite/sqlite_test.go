package sqlite

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/heraldnews/herald/article"

	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/storetest"
)

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "herald.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

var ctx = context.Background()

func TestFTS5CompiledIn(t *testing.T) {
	db := openTemp(t)
	if _, err := db.w.Exec(`CREATE VIRTUAL TABLE fts_probe USING fts5 (body)`); err != nil {
		t.Fatalf("FTS5 is not compiled into the SQLite driver: %v", err)
	}
	if _, err := db.w.Exec(`INSERT INTO fts_probe (body) VALUES ('the quick brown fox')`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.w.QueryRow(`SELECT count(*) FROM fts_probe WHERE fts_probe MATCH 'brown'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("FTS5 match: %d %v", n, err)
	}
}

func TestPragmas(t *testing.T) {
	db := openTemp(t)
	for _, c := range []struct {
		conn         *sql.DB
		pragma, want string
	}{
		{db.w, "journal_mode", "wal"},
		{db.w, "foreign_keys", "1"},
		{db.r, "foreign_keys", "1"},
		{db.w, "busy_timeout", "30000"},
		{db.r, "busy_timeout", "30000"},
		{db.r, "query_only", "1"},
		{db.w, "synchronous", "1"}, // NORMAL
		{db.r, "page_size", strconv.Itoa(pageSize)},
	} {
		var got string
		if err := c.conn.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil || got != c.want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", c.pragma, got, err, c.want)
		}
	}
	// Foreign keys are enforced: an entity of no article is refused.
	if _, err := db.w.Exec(`INSERT INTO entities VALUES (999, 0, 'E1', 'x', 'PERSON', '', '', '', '[]', 0)`); err == nil {
		t.Error("foreign keys not enforced")
	}

	// The writer's transactions run without enforcement (see writeConn); any other write
	// turns it on again: orphans are refused and a deleted article takes its rows along.
	id, _, err := db.Put(ctx, storetest.Full(), store.Source{Name: "s"})
	if err != nil {
		t.Fatal(err)
	}
	if !db.fkOff {
		t.Error("the writer's transactions enforced foreign keys")
	}
	c, err := db.writeConn(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var fk string
	if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil || fk != "1" {
		t.Errorf("PRAGMA foreign_keys after writeConn(true) = %q (%v), want 1", fk, err)
	}
	if _, err := c.ExecContext(ctx, `INSERT INTO entities VALUES (999, 0, 'E1', 'x', 'PERSON', '', '', '', '[]', 0)`); err == nil {
		t.Error("foreign keys not enforced after a Put")
	}
	var before, after int
	const rows = `SELECT (SELECT count(*) FROM entities WHERE article_id = ?1) +
		(SELECT count(*) FROM quotes WHERE article_id = ?1) + (SELECT count(*) FROM events WHERE article_id = ?1)`
	if err := c.QueryRowContext(ctx, rows, id).Scan(&before); err != nil || before == 0 {
		t.Fatalf("%d annotation rows (%v)", before, err)
	}
	if _, err := c.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRowContext(ctx, rows, id).Scan(&after); err != nil || after != 0 {
		t.Errorf("%d annotation rows left after deleting their article (%v)", after, err)
	}
}

func TestMigrateOldVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	// A file as schema version 1 left it: no quote search yet, and a quote already stored.
	old, err := open(path, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO sources (id, name, kind) VALUES (1, 'old feed', 'feed')`,
		`INSERT INTO articles (id, identity, url, path, source_id, title, subtitle, byline, published,
			day, language, text, ingested_at, doc) VALUES (1, 'https://old.example/', 'https://old.example/', '', 1,
			'Old story', '', '', '2023-01-02', '2023-01-02', 'en', 'Old story text', '2023-01-02T00:00:00Z',
			'{"schema_version":"1.0","url":"https://old.example/","title":"Old story","quotes":[]}')`,
		`INSERT INTO quotes (article_id, idx, kind, text, start, "end", speaker_entity, speaker_name,
			speaker_start, speaker_end, speaker_actor, speaker_country, cue, hedges)
			VALUES (1, 0, 'direct', 'migrations keep old quotes searchable', 0, 0, '', 'Ada', 0, 0, '', '', 'said', '[]')`,
	} {
		if _, err := old.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.r.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("schema version after Open = %d %v, want %d", v, err, SchemaVersion)
	}
	page, err := db.Quotes(ctx, store.QuoteQuery{Text: "searchable"})
	if err != nil || len(page.Items) != 1 || page.Items[0].SpeakerName != "Ada" {
		t.Fatalf("old quote after migration: %+v %v", page, err)
	}
	// Schema 5 made the full-text tables again without column sizes, old rows indexed.
	var docsize int
	if err := db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name LIKE '%fts_docsize'`).Scan(&docsize); err != nil || docsize != 0 {
		t.Errorf("%d full-text docsize tables after migration (%v)", docsize, err)
	}
	if hits, err := db.Search(ctx, store.Query{Text: "old story"}); err != nil || len(hits.Items) != 1 {
		t.Errorf("old article after migration: %+v %v", hits, err)
	}
	// The migrated file takes new articles like a new one.
	if _, created, err := db.Put(ctx, storetest.Full(), store.Source{Name: "new"}); err != nil || !created {
		t.Fatalf("Put after migration: %v %v", created, err)
	}

	// A file from a newer Herald is refused rather than misread.
	if _, err := db.w.Exec(`INSERT INTO schema_version VALUES (?, 'future')`, SchemaVersion+1); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open of a newer schema: %v", err)
	}
}

// TestTwoProcessesShareFile opens the file twice, as two processes would: both write, each
// sees the other's committed articles, and a store abandoned without Close (a crash between
// articles) loses nothing it committed.
func TestTwoProcessesShareFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var wg sync.WaitGroup
	for w, db := range []*DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				if _, _, err := db.Put(ctx, storetest.Generated(w*1000+i), store.Source{Name: "p"}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	// a is dropped without Close: no checkpoint, the WAL still holds its commits.
	c, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, db := range []*DB{b, c} {
		st, err := db.Stats(ctx)
		if err != nil || st.Articles != 80 || st.Events != 320 {
			t.Errorf("stats seen by another connection: %+v %v", st, err)
		}
	}
	checkComplete(t, c)
}

// checkComplete checks the file's integrity and that every stored article has all its
// annotations: the rows of each table match the article's own JSON.
func checkComplete(t *testing.T, db *DB) int {
	t.Helper()
	var ok string
	if err := db.r.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	n := 0
	err := db.Each(ctx, store.KindArticles, func(row any) error {
		st := row.(*store.Stored)
		n++
		var ents, quotes, events, fts int
		err := db.r.QueryRow(`SELECT (SELECT count(*) FROM entities WHERE article_id = ?1),
			(SELECT count(*) FROM quotes WHERE article_id = ?1),
			(SELECT count(*) FROM events WHERE article_id = ?1),
			(SELECT count(*) FROM articles_fts WHERE rowid = ?1)`, st.ID).Scan(&ents, &quotes, &events, &fts)
		if err != nil {
			return err
		}
		if ents != len(st.Entities) || quotes != len(st.Quotes) || events != len(st.Events) || fts != 1 {
			t.Errorf("article %d incomplete: %d/%d entities, %d/%d quotes, %d/%d events, %d search rows",
				st.ID, ents, len(st.Entities), quotes, len(st.Quotes), events, len(st.Events), fts)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestKillDuringPut kills a process that is writing articles, with SIGKILL at a random
// moment, and checks that every article it reported as stored is there and complete, and
// that no article is there in part.
func TestKillDuringPut(t *testing.T) {
	if path := os.Getenv("HERALD_STORE_CHILD"); path != "" {
		childPut(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringPut$", "-test.v=false")
		cmd.Env = append(os.Environ(), "HERALD_STORE_CHILD="+path, fmt.Sprint("HERALD_STORE_ROUND=", round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		var done []string
		for sc.Scan() && len(done) < 30+round*17 {
			done = append(done, sc.Text())
		}
		cmd.Process.Kill()
		cmd.Wait()
		if len(done) == 0 {
			t.Fatal("the child stored nothing")
		}
		db, err := Open(path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		n := checkComplete(t, db)
		for _, identity := range done {
			if ok, err := db.Has(ctx, identity); !ok || err != nil {
				t.Errorf("round %d: %s reported stored, then missing (%v)", round, identity, err)
			}
		}
		t.Logf("round %d: killed after %d reported, %d stored", round, len(done), n)
		db.Close()
	}
}

// childPut writes articles until killed, printing the identity of each after it commits.
func childPut(path string) {
	db, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	round, _ := strconv.Atoi(os.Getenv("HERALD_STORE_ROUND"))
	base := 100_000 * (round + 1) // each round writes new articles
	for i := 0; ; i++ {
		if i%3 == 2 { // batches too
			var items []store.Item
			for k := 0; k < 5; k++ {
				items = append(items, store.Item{Article: storetest.Generated(base + 10*i + k)})
			}
			if _, err := db.PutBatch(ctx, items); err != nil {
				os.Exit(1)
			}
			for _, it := range items {
				fmt.Println(store.Identity(it.Article))
			}
			continue
		}
		a := storetest.Generated(base + 10*i)
		if _, _, err := db.Put(ctx, a, store.Source{Name: "child"}); err != nil {
			os.Exit(1)
		}
		fmt.Println(store.Identity(a))
	}
}

func benchmarkPut(b *testing.B, batch int) {
	db := openTemp(b)
	pool := make([]*article.Article, 512)
	for i := range pool {
		pool[i] = storetest.Generated(i)
	}
	items := make([]store.Item, 0, batch)
	cpu := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := *pool[i%len(pool)]
		a.URL = fmt.Sprintf("https://bench.example/%d", i) // a new identity each time
		if batch == 1 {
			if _, _, err := db.Put(ctx, &a, store.Source{Name: "bench"}); err != nil {
				b.Fatal(err)
			}
			continue
		}
		items = append(items, store.Item{Article: &a, Source: store.Source{Name: "bench"}})
		if len(items) == batch || i == b.N-1 {
			if _, err := db.PutBatch(ctx, items); err != nil {
				b.Fatal(err)
			}
			items = items[:0]
		}
	}
	report(b, cpu)
}

// BenchmarkPut measures articles/s into a file, one transaction per article and batched.
// Each article is storetest.Generated: 6 entities, 18 mentions, 3 quotes, 4 events.
func BenchmarkPut(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) { benchmarkPut(b, n) })
	}
}

// BenchmarkPutParallel is Put from 8 goroutines, as ingest's workers call it: group commit
// puts what they queue meanwhile into one transaction.
func BenchmarkPutParallel(b *testing.B) {
	db := openTemp(b)
	b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0)))
	a := storetest.Generated(1)
	var n atomic.Int64
	cpu := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c := *a
			c.URL = fmt.Sprintf("https://bench.example/%d", n.Add(1))
			if _, _, err := db.Put(ctx, &c, store.Source{Name: "bench"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	report(b, cpu)
}

// report gives articles per wall second and per CPU second: on a shared machine the wall
// rate says how busy the machine was, the CPU rate what the store costs.
func report(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
}

// cpuTime is the user and system time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestOpenCloseAtOnce closes stores right after opening them: the writer goroutine must
// not miss the close and hang Close.
func TestOpenCloseAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	for i := 0; i < 200; i++ {
		db, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- db.Close() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Close hung on open number %d", i)
		}
	}
}

func TestItemFailsAlone(t *testing.T) {
	// A row that the database refuses (here by a trigger; in life, say, a constraint)
	// fails its own article only: the batch goes round again with a savepoint per item.
	db := openTemp(t)
	if _, err := db.w.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.cue = 'boom'
		BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
		t.Fatal(err)
	}
	bad := storetest.Generated(2)
	bad.Events[len(bad.Events)-1].Cue = "boom"
	var called []int64
	hook := func(id int64) (string, json.RawMessage) {
		called = append(called, id)
		return "c", nil
	}
	res, err := db.PutBatch(ctx, []store.Item{
		{Article: storetest.Generated(1), Cluster: hook},
		{Article: bad, Cluster: hook},
		{Article: storetest.Generated(3), Cluster: hook},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || !res[0].Created || res[1].Err == nil || res[2].Err != nil || !res[2].Created {
		t.Fatalf("results %+v", res)
	}
	if len(called) != 2 || called[0] != res[0].ID || called[1] != res[2].ID {
		t.Errorf("hooks called for %v", called)
	}
	for _, i := range []int{0, 2} {
		got, err := db.Article(ctx, res[i].ID)
		if err != nil || got.Cluster != "c" {
			t.Fatalf("article %d: %v %v", i, got, err)
		}
		var n int
		if err := db.r.QueryRow(`SELECT (SELECT count(*) FROM entities WHERE article_id = ?1) +
			(SELECT count(*) FROM events WHERE article_id = ?1)`, res[i].ID).Scan(&n); err != nil ||
			n != len(got.Entities)+len(got.Events) {
			t.Errorf("article %d has %d entity and event rows (%v)", i, n, err)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Articles != 2 || st.Events != int64(2*len(bad.Events)) {
		t.Errorf("stats %+v %v", st, err)
	}
}

// BenchmarkPutArticles stores real extracted articles, read from the JSON Lines file named
// by HERALD_BENCH_ARTICLES (`herald extract --format jsonl DIR > FILE`), in batches of 64
// as ingest does, into a new file per round, Close included: the store's whole cost per
// article, with no analysis or dedup around it.
func BenchmarkPutArticles(b *testing.B) {
	path := os.Getenv("HERALD_BENCH_ARTICLES")
	if path == "" {
		b.Skip("HERALD_BENCH_ARTICLES names no JSON Lines file of articles")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	var arts []*article.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		a := new(article.Article)
		if err := json.Unmarshal(sc.Bytes(), a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	f.Close()
	if err := sc.Err(); err != nil || len(arts) == 0 {
		b.Fatalf("%s: %d articles, %v", path, len(arts), err)
	}
	var cpu time.Duration
	n := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		file := filepath.Join(b.TempDir(), "bench.db")
		b.StartTimer()
		c0 := cpuTime()
		db, err := Open(file)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(arts); i += 64 {
			var items []store.Item
			for _, a := range arts[i:min(i+64, len(arts))] {
				items = append(items, store.Item{Article: a, Source: store.Source{Name: "bench", Kind: "file"}})
			}
			if _, err := db.PutBatch(ctx, items); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - c0
		n += len(arts)
	}
	b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/article")
}

// A store path in a directory that does not exist says so, not SQLite's "unable to open
// database file (14)".
func TestOpenMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "x.db")
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "directory") || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Open(%s): %v; want an error saying the directory does not exist", path, err)
	}
}
