package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/storetest"
)

var ctx = context.Background()

// serverURL returns the test server's URL from HERALD_TEST_POSTGRES, or skips the test.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("HERALD_TEST_POSTGRES")
	if u == "" {
		t.Skip("HERALD_TEST_POSTGRES is not set: no PostgreSQL server to test against " +
			"(export HERALD_TEST_POSTGRES=$(store/postgres/testdb.sh) starts one)")
	}
	return u
}

// freshSchema creates an empty schema for one test, dropped when it ends, and returns the
// server's URL with search_path set to it: tests run in parallel, each in its own schema of
// one database.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := serverURL(t)
	var b [6]byte
	rand.Read(b[:])
	schema := "herald_test_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	return withParam(t, base, "search_path", schema)
}

func withParam(t testing.TB, raw, key, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("HERALD_TEST_POSTGRES is not a postgres:// URL: %v", err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

func openURL(t testing.TB, u string) *DB {
	t.Helper()
	db, err := Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openTemp(t testing.TB) *DB { return openURL(t, freshSchema(t)) }

func TestStore(t *testing.T) {
	serverURL(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

// TestMigrateConcurrently opens one empty schema from several "processes" (pools) at once:
// the advisory lock lets one migrate while the others wait, and none fails.
func TestMigrateConcurrently(t *testing.T) {
	u := freshSchema(t)
	var wg sync.WaitGroup
	dbs := make([]*DB, 5)
	errs := make([]error, len(dbs))
	for i := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = Open(ctx, u)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	var n, v int
	if err := dbs[0].pool.QueryRow(ctx, `SELECT count(*), max(version) FROM schema_version`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != SchemaVersion || v != SchemaVersion {
		t.Errorf("schema_version has %d rows up to %d, want %d", n, v, SchemaVersion)
	}
}

// TestUpgrade opens a schema left at version 0 (nothing) and one at the current version
// again: reopening changes nothing.
func TestUpgrade(t *testing.T) {
	u := freshSchema(t)
	db, err := open(ctx, u, 0)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openURL(t, u)
	put := func() {
		if _, _, err := db.Put(ctx, storetest.Full(), store.Source{Name: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	put()
	db.Close()
	db = openURL(t, u)
	put()
	if st, err := db.Stats(ctx); err != nil || st.Articles != 1 {
		t.Errorf("after reopening: %+v %v", st, err)
	}
	// A schema newer than the code is refused rather than misread.
	if _, err := db.pool.Exec(ctx, `INSERT INTO schema_version (version) VALUES (999)`); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(ctx, u); err == nil || !strings.Contains(err.Error(), "newer") {
		if db != nil {
			db.Close()
		}
		t.Errorf("Open of a newer schema: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(ctx, "postgres://user:secret@[bad"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL: %v", err)
	}
	u := serverURL(t)
	if _, err := Open(ctx, withParam(t, u, "search_path", "no_such_schema_x")); err == nil {
		t.Error("a search_path naming no existing schema should fail")
	}
}

// TestTwoProcesses is two stores (two pools, as two processes would have) on one schema,
// putting overlapping articles at once: each article is created once, and both agree on
// its id.
func TestTwoProcesses(t *testing.T) {
	u := freshSchema(t)
	a, b := openURL(t, u), openURL(t, u)
	const n = 40
	ids := [2][n]int64{}
	created := [2][n]bool{}
	var wg sync.WaitGroup
	for k, db := range []*DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// In batches in opposite orders, the pattern that deadlocks writers that lock
			// rows in the order given.
			for start := 0; start < n; start += 10 {
				var items []store.Item
				for i := start; i < start+10; i++ {
					j := i
					if k == 1 {
						j = n - 1 - i
					}
					items = append(items, store.Item{Article: storetest.Generated(j), Source: store.Source{Name: fmt.Sprint("p", k)}})
				}
				res, err := db.PutBatch(ctx, items)
				if err != nil {
					t.Error(err)
					return
				}
				for i, r := range res {
					j := start + i
					if k == 1 {
						j = n - 1 - j
					}
					if r.Err != nil {
						t.Error(r.Err)
					}
					ids[k][j], created[k][j] = r.ID, r.Created
				}
			}
		}()
	}
	wg.Wait()
	for j := 0; j < n; j++ {
		if ids[0][j] != ids[1][j] || created[0][j] == created[1][j] {
			t.Errorf("article %d: ids %d %d, created %v %v", j, ids[0][j], ids[1][j], created[0][j], created[1][j])
		}
	}
}

// TestItemFailure: an article PostgreSQL cannot store (text with NUL) fails alone.
func TestItemFailure(t *testing.T) {
	db := openTemp(t)
	bad := &article.Article{URL: "https://example.org/nul", Text: "a\x00b"}
	res, err := db.PutBatch(ctx, []store.Item{
		{Article: storetest.Generated(1)},
		{Article: bad},
		{Article: storetest.Generated(2)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || !res[0].Created || res[1].Err == nil || res[2].Err != nil || !res[2].Created {
		t.Fatalf("results = %+v", res)
	}
	if st, err := db.Stats(ctx); err != nil || st.Articles != 2 || st.Events != 8 {
		t.Errorf("stats = %+v %v", st, err)
	}
	if _, _, err := db.Put(ctx, bad, store.Source{}); err == nil {
		t.Error("Put of a NUL text should fail")
	}
}

// TestSearchSyntax covers query text that would be operators to to_tsquery.
func TestSearchSyntax(t *testing.T) {
	db := openTemp(t)
	a := &article.Article{URL: "https://example.org/s", Title: "Ministers' pact",
		Text: "O'Brien said the tariffs & quotas (all of them) were lifted: a U.S.-Mexico deal."}
	if _, _, err := db.Put(ctx, a, store.Source{}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{
		"O'Brien":            1,
		"o'bri*":             1,
		`"tariffs & quotas"`: 1,
		"tariffs & !quotas":  1,
		"(all":               1,
		"lifted:":            1,
		"quota*":             1,
		`\ tariffs`:          1,
		"tariffs | nothing":  0,
		"U.S.-Mexico":        1,
		"mexico":             1,
		"*":                  0,
		`"`:                  0,
	} {
		p, err := db.Search(ctx, store.Query{Text: q})
		if err != nil || len(p.Items) != want {
			t.Errorf("Search(%q) = %d hits, %v; want %d", q, len(p.Items), err, want)
		}
	}
}

// BenchmarkPutBatch measures articles/s into the test server, one transaction per article
// and batched. Each article is storetest.Generated: 6 entities, 18 mentions, 3 quotes, 4
// events.
func BenchmarkPutBatch(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) { benchmarkPut(b, n) })
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
		items = append(items, store.Item{Article: &a, Source: store.Source{Name: "bench"}})
		if len(items) == batch || i == b.N-1 {
			res, err := db.PutBatch(ctx, items)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range res {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
			}
			items = items[:0]
		}
	}
	report(b, cpu)
}

// BenchmarkPutParallel is Put from 8 goroutines, as ingest's workers call it: each its own
// transaction on its own connection.
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

// report gives articles per wall second and per CPU second of this process (the server's
// CPU is not counted: on a shared machine the wall rate says how busy the machine was).
func report(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(cpuTime()-cpu0).Seconds(), "articles/client-cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
