package sqlite

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/storetest"
)

// putGenerated writes articles lo..hi-1 of storetest.Generated in batches of 50.
func putGenerated(t *testing.T, db *DB, lo, hi int) {
	t.Helper()
	for i := lo; i < hi; i += 50 {
		var items []store.Item
		for k := i; k < min(i+50, hi); k++ {
			a := storetest.Generated(k)
			a.Text += fmt.Sprintf(" Word%d closes story %d.", k%13, k)
			items = append(items, store.Item{Article: a, Source: store.Source{Name: fmt.Sprintf("feed%d", k%3), Kind: "feed"}})
		}
		res, err := db.PutBatch(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
}

// answers runs a set of queries of every kind and returns their results as JSON.
func answers(t *testing.T, db *DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(name string, v any, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := json.Marshal(v)
		out[name] = string(b)
	}
	for _, q := range []store.Query{{Text: "tariffs"}, {Text: `"story number 17"`}, {Text: "word3 delegat*"},
		{Actor: "MEX"}, {Country: "KEN"}, {Cameo: "03", Text: "quotas"}, {Filter: store.Filter{Source: "feed1"}}} {
		q.Limit = store.MaxLimit
		p, err := db.Search(ctx, q)
		add(fmt.Sprintf("search %+v", q), p, err)
	}
	for _, q := range []store.QuoteQuery{{Text: "fair deal"}, {Text: "deal 2"}, {Speaker: "person 4", Country: "USA"}} {
		q.Limit = store.MaxLimit
		p, err := db.Quotes(ctx, q)
		add(fmt.Sprintf("quotes %+v", q), p, err)
	}
	for _, q := range []store.EventQuery{{SourceActor: "MEX"}, {Actor: "KEN", Cameo: "036"}} {
		q.Limit = store.MaxLimit
		p, err := db.Events(ctx, q)
		add(fmt.Sprintf("events %+v", q), p, err)
		a, err := db.AggregateEvents(ctx, q)
		add(fmt.Sprintf("aggregate %+v", q), a, err)
	}
	e, err := db.Entities(ctx, store.EntityQuery{Country: "FRA", Limit: store.MaxLimit})
	add("entities", e, err)
	st, err := db.Stats(ctx)
	add("stats", st, err)
	return out
}

// schemaOf returns the store's schema as sqlite_schema has it, by name.
func schemaOf(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rows, err := db.r.Query(`SELECT name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			t.Fatal(err)
		}
		m[n] = s
	}
	return m
}

// checkFinished checks that db has no bulk load pending, the schema of a store written
// normally, and full-text indexes that match their tables.
func checkFinished(t *testing.T, db, normal *DB) {
	t.Helper()
	if p, err := db.BulkPending(ctx); err != nil || p {
		t.Fatalf("bulk load pending %v, %v", p, err)
	}
	got, want := schemaOf(t, db), schemaOf(t, normal)
	if len(got) != len(want) {
		t.Errorf("schema has %d objects, want %d", len(got), len(want))
	}
	for n, s := range want {
		if got[n] != s {
			t.Errorf("schema of %s: %q, want %q", n, got[n], s)
		}
	}
	for _, f := range ftsTables {
		if _, err := db.w.Exec(`INSERT INTO ` + f + ` (` + f + `) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func compareAnswers(t *testing.T, got, want map[string]string) {
	t.Helper()
	for q, w := range want {
		if got[q] != w {
			t.Errorf("%s:\n got %.300s\nwant %.300s", q, got[q], w)
		}
	}
}

// TestBulkSameAsNormal writes the same articles normally and in a bulk load, in two
// loads (the second into a store already holding articles) with a repeated batch, and
// checks that every kind of query answers the same.
func TestBulkSameAsNormal(t *testing.T) {
	normal, bulk := openTemp(t), openTemp(t)
	putGenerated(t, normal, 0, 300)
	putGenerated(t, normal, 250, 400)

	for _, r := range [][2]int{{0, 300}, {250, 400}} {
		if err := bulk.BeginBulk(ctx); err != nil {
			t.Fatal(err)
		}
		if p, err := bulk.BulkPending(ctx); err != nil || !p {
			t.Fatalf("after BeginBulk: pending %v, %v", p, err)
		}
		putGenerated(t, bulk, r[0], r[1])
		var steps []string
		if err := bulk.FinishBulk(ctx, func(step, n int, what string) { steps = append(steps, what) }); err != nil {
			t.Fatal(err)
		}
		if len(steps) != 12 || steps[10] != "articles_fts" || steps[11] != "quotes_fts" {
			t.Errorf("FinishBulk steps %q", steps)
		}
	}
	checkFinished(t, bulk, normal)
	compareAnswers(t, answers(t, bulk), answers(t, normal))
	for _, db := range []*DB{normal, bulk} {
		p, err := db.Search(ctx, store.Query{Text: "tariffs", Limit: store.MaxLimit})
		q, err2 := db.Quotes(ctx, store.QuoteQuery{Text: "fair deal", Limit: store.MaxLimit})
		if err != nil || err2 != nil || len(p.Items) != 400 || len(q.Items) != store.MaxLimit {
			t.Errorf("%d articles, %d quotes found (%v, %v), want 400 and a full page", len(p.Items), len(q.Items), err, err2)
		}
	}
}

// TestBulkUnfinished leaves a bulk load unfinished, as a killed process does (its writes
// are committed, FinishBulk never runs), and checks that the next Open finishes it.
func TestBulkUnfinished(t *testing.T) {
	normal := openTemp(t)
	putGenerated(t, normal, 0, 200)

	path := filepath.Join(t.TempDir(), "herald.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	putGenerated(t, db, 0, 120)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	putGenerated(t, db, 100, 200) // normal mode: 20 already stored
	checkFinished(t, db, normal)
	compareAnswers(t, answers(t, db), answers(t, normal))
}
