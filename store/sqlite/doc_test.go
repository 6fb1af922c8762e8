package sqlite

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/storetest"
)

// docCases are articles whose lists take the paths of the doc encoding: text that has
// the paragraphs and mention texts and text that has not, multi-byte characters before
// the offsets, nil and empty lists at every level.
func docCases() map[string]*article.Article {
	text := "Ünïcödé 🗞 Zoë Ångström met Mr. Ñoño.\n\nShe said \"no\". Zoë left.\n\nZoë left."
	full := &article.Article{
		SchemaVersion: "1.0", URL: "https://doc.example/1", Title: "T", Text: text,
		Published: "2016-03-15", PublishedFrom: article.PublishedFromPath,
		// Repeated, absent and empty paragraphs, and one that occurs only before the last.
		Paragraphs: []string{"Ünïcödé 🗞 Zoë Ångström met Mr. Ñoño.", "Zoë left.", "She said \"no\". Zoë left.",
			"Zoë left.", "not in the text", "", "Ünïcödé"},
		Sentences: []article.Span{{Start: 0, End: 37}, {Start: 39, End: 53}},
		Removed:   []article.Removed{},
		Entities: []article.Entity{
			{ID: "E1", Name: "Zoë Ångström", Type: article.Person, Roles: nil,
				Mentions: []article.Mention{
					{Start: 10, End: 22, Text: "Zoë Ångström", Kind: "name"}, // the text's code points
					{Start: 54, End: 57, Text: "Zoë", Kind: "alias"},
					{Start: 10, End: 13, Text: "Zoe", Kind: "alias"},     // not what the text has there
					{Start: 70, End: 900, Text: "beyond", Kind: "alias"}, // outside the text
					{Start: 5, End: 2, Text: "", Kind: ""},               // backwards, no kind
				},
				References: []article.Mention{{Start: 39, End: 42, Text: "She", Kind: "pronoun"}}},
			{ID: "E2", Name: "Ñoño", Type: article.Person, Roles: []string{}, PostedTo: "ESP",
				Mentions: []article.Mention{}, References: nil},
			{ID: "E3", Name: "x", Type: article.Org, Roles: []string{"Chair", "CEO"}},
		},
		Quotes: []article.Quote{
			{Kind: article.QuoteDirect, Text: "no", Start: 49, End: 51, Speaker: "E1", Hedges: nil},
			{Kind: article.QuoteDirect, Text: "no", Start: 49, End: 51, Hedges: []string{}},
			{Kind: article.QuoteIndirect, Text: "no", Hedges: []string{"may"}},
		},
		Events: []article.Event{{Source: article.Actor{Name: "Zoë", Code: "ESP"}, Cameo: "010",
			CameoRoot: "01", QuadClass: 1, Goldstein: 0.1 + 0.2, Evidence: "Zoë left.", Sentence: 1}},
	}
	empty := &article.Article{Text: "x", Paragraphs: []string{}, Sentences: []article.Span{},
		Removed: []article.Removed{}, Entities: []article.Entity{}, Quotes: []article.Quote{},
		Events: []article.Event{}}
	quotesOnly := &article.Article{Text: "y", Quotes: []article.Quote{{Kind: "direct", Text: "y"}}}
	return map[string]*article.Article{
		"full": full, "empty": empty, "nil": {Text: "z"}, "quotes only": quotesOnly,
		"storetest.Full": storetest.Full(), "storetest.Generated": storetest.Generated(3),
	}
}

// TestDocRoundTrip: every article reads back equal, field by field, from Article and Each.
func TestDocRoundTrip(t *testing.T) {
	db := openTemp(t)
	ids := map[int64]string{}
	for name, a := range docCases() {
		id, _, err := db.Put(ctx, a, store.Source{Name: name})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[id] = name
	}
	want := docCases()
	for id, name := range ids {
		st, err := db.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(st.Article, want[name]) {
			got, _ := json.Marshal(st.Article)
			w, _ := json.Marshal(want[name])
			t.Errorf("%s: Article\ngot  %s\nwant %s", name, got, w)
		}
	}
	n := 0
	err := db.Each(ctx, store.KindArticles, func(row any) error {
		st := row.(*store.Stored)
		n++
		if !reflect.DeepEqual(st.Article, want[ids[st.ID]]) {
			t.Errorf("%s: Each differs from what was put", ids[st.ID])
		}
		return nil
	})
	if err != nil || n != len(ids) {
		t.Errorf("Each: %d articles, %v", n, err)
	}
}

// TestDocHoldsNoAnnotations: the doc of a new article holds none of what the tables hold.
func TestDocHoldsNoAnnotations(t *testing.T) {
	db := openTemp(t)
	a := storetest.Full()
	id, _, err := db.Put(ctx, a, store.Source{})
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	if err := db.r.QueryRow(`SELECT doc FROM articles WHERE id = ?`, id).Scan(&doc); err != nil {
		t.Fatal(err)
	}
	if !isDocV3([]byte(doc)) {
		t.Fatalf("doc is not a docV3: %s", doc)
	}
	for _, s := range []string{a.Quotes[0].Text, a.Events[0].Evidence, a.Events[0].CameoName,
		a.URL, a.Subtitle, a.Byline, a.Published} {
		if strings.Contains(doc, s) {
			t.Errorf("doc holds %q, which has a column or table: %s", s, doc)
		}
	}
	// Mentions whose text is the article's are offsets only; so are paragraphs.
	id, _, err = db.Put(ctx, docCases()["full"], store.Source{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.r.QueryRow(`SELECT doc FROM articles WHERE id = ?`, id).Scan(&doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Ångström", "Ñoño", "She said"} {
		if strings.Contains(doc, s) {
			t.Errorf("doc holds %q, which the text has: %s", s, doc)
		}
	}
	var tables int
	if err := db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'mentions'`).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("mentions table still there (%d, %v)", tables, err)
	}
}

// TestMigrateWholeDocs opens a schema 2 file holding an article with a whole-article doc
// and mention rows: after migration its mentions table is gone, the old article reads back
// as it was put, alone and next to new ones, and the counts cover both.
func TestMigrateWholeDocs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	old, err := open(path, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.ins.prepare(old.w); err != nil {
		t.Fatal(err)
	}
	oldArt := storetest.Full()
	p, err := prepare(store.Item{Article: oldArt, Source: store.Source{Name: "old"}})
	if err != nil {
		t.Fatal(err)
	}
	c := *oldArt // the doc of schema 1 and 2: the whole article, text emptied
	c.Text = ""
	if p.doc, err = json.Marshal(&c); err != nil {
		t.Fatal(err)
	}
	res := make([]store.Result, 1)
	if err := old.write(ctx, []*prepared{p}, res); err != nil || res[0].Err != nil {
		t.Fatal(err, res[0].Err)
	}
	if _, err := old.w.Exec(`INSERT INTO mentions VALUES (?, 0, 0, 0, 0, 9, 'Sheinbaum', 'alias')`, res[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.r.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'mentions'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("mentions table after migration: %d %v", n, err)
	}
	newArt := storetest.Full()
	newArt.URL = "https://new.example/"
	newID, _, err := db.Put(ctx, newArt, store.Source{Name: "new"})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]*article.Article{res[0].ID: storetest.Full(), newID: newArt} {
		st, err := db.Article(ctx, id)
		if err != nil || !reflect.DeepEqual(st.Article, want) {
			t.Errorf("article %d after migration: %+v %v", id, st, err)
		}
	}
	var rows []any
	if err := db.Each(ctx, store.KindEntities, func(r any) error { rows = append(rows, r); return nil }); err != nil ||
		len(rows) != 2*len(oldArt.Entities) {
		t.Errorf("Each entities: %d rows, %v", len(rows), err)
	}
	st, err := db.Stats(ctx)
	if err != nil || st.Mentions != 2*3 || st.Entities != 6 || st.Quotes != 2 {
		t.Errorf("stats after migration %+v %v", st, err)
	}
}
