// Package storetest is the test suite every store.Store backend must pass: a backend's
// test calls Run with a function that opens an empty store. Keeping the suite here, not in
// one backend, is what lets the PostgreSQL backend be written later against the exact
// behaviour the SQLite one has.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
)

// Run runs the suite. open must return a new, empty store each time it is called and close
// it when the test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"Verbatim", testVerbatim},
		{"Search", testSearch},
		{"Quotes", testQuotes},
		{"Events", testEvents},
		{"Aggregate", testAggregate},
		{"Entities", testEntities},
		{"Stats", testStats},
		{"Cluster", testCluster},
		{"Pagination", testPagination},
		{"PutBatch", testPutBatch},
		{"PutBatchClusters", testPutBatchClusters},
		{"Concurrent", testConcurrent},
		{"Each", testEach},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, open(t))
		})
	}
}

var ctx = context.Background()

// Full returns an article with every field of the schema set, for round trips.
func Full() *article.Article {
	text := "Sheinbaum rejects tariffs\n\nMexican President Claudia Sheinbaum said on Monday that " +
		"she would meet U.S. officials. \"We will not accept tariffs,\" she said. " +
		"Sheinbaum met the U.S. ambassador, café in hand."
	return &article.Article{
		SchemaVersion: article.SchemaVersion,
		Path:          "testdata/full.html",
		URL:           "https://news.example.org/world/sheinbaum-tariffs?utm_source=rss",
		Title:         "Sheinbaum rejects tariffs",
		Subtitle:      "The president will meet U.S. officials",
		Byline:        "Ana Ruiz",
		Published:     "2024-03-01T09:30:00-06:00",
		Language:      "en",
		Text:          text,
		Paragraphs:    []string{"Mexican President Claudia Sheinbaum said on Monday …", "Sheinbaum met …"},
		Sentences:     []article.Span{{Start: 27, End: 110}, {Start: 111, End: 160}},
		Removed: []article.Removed{
			{Kind: article.RemovedBoilerplate, Text: "Subscribe now"},
			{Kind: article.RemovedDuplicateTitle, Text: "Sheinbaum rejects tariffs"},
		},
		Entities: []article.Entity{
			{ID: "E1", Name: "Claudia Sheinbaum", Type: article.Person, Country: "MEX",
				Roles: []string{"President"}, Actor: "MEXGOV", Sector: "GOV",
				Mentions: []article.Mention{
					{Start: 0, End: 9, Text: "Sheinbaum", Kind: "alias"},
					{Start: 44, End: 61, Text: "Claudia Sheinbaum", Kind: "name"},
				},
				References: []article.Mention{{Start: 85, End: 88, Text: "she", Kind: "pronoun"}},
			},
			{ID: "E2", Name: "United States", Type: article.GPE, Country: "USA", Roles: []string{},
				Actor: "USA", Mentions: []article.Mention{{Start: 99, End: 103, Text: "U.S.", Kind: "name"}},
				References: []article.Mention{}},
			{ID: "E3", Name: "ambassador", Type: article.Person, Country: "USA", Roles: []string{"Ambassador"},
				Actor: "USAGOV", Sector: "GOV", PostedTo: "MEX", Mentions: []article.Mention{}},
		},
		Quotes: []article.Quote{{
			Kind: article.QuoteDirect, Text: "We will not accept tariffs", Start: 112, End: 138,
			Speaker: "E1", SpeakerName: "Claudia Sheinbaum", SpeakerStart: 141, SpeakerEnd: 144,
			Cue: "said", Hedges: []string{"could"},
		}},
		Events: []article.Event{{
			Source: article.Actor{Name: "Claudia Sheinbaum", Code: "MEXGOV", Entity: "E1"},
			Target: article.Actor{Name: "U.S. officials", Code: "USAGOV"},
			Cameo:  "036", CameoRoot: "03", CameoName: "Express intent to meet or negotiate",
			QuadClass: 1, Goldstein: 4, Plover: "CONSULT", PloverMode: "",
			Modality: article.Future, Evidence: "Mexican President … officials.", Sentence: 0, Cue: "would meet",
		}},
	}
}

func put(t *testing.T, s store.Store, a *article.Article, src store.Source) int64 {
	t.Helper()
	id, created, err := s.Put(ctx, a, src)
	if err != nil {
		t.Fatalf("Put(%q): %v", a.Title, err)
	}
	if !created {
		t.Fatalf("Put(%q): created = false for a new article", a.Title)
	}
	return id
}

func testRoundTrip(t *testing.T, s store.Store) {
	before := time.Now().Add(-time.Second)
	a := Full()
	keep := Full()
	src := store.Source{Name: "Example News", Kind: "feed"}
	id := put(t, s, a, src)
	if !reflect.DeepEqual(a, keep) {
		t.Fatal("Put modified its article")
	}
	st, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.Article, keep) {
		got, _ := json.MarshalIndent(st.Article, "", " ")
		want, _ := json.MarshalIndent(keep, "", " ")
		t.Errorf("article changed by the store:\ngot  %s\nwant %s", got, want)
	}
	if st.ID != id || st.Identity != store.Identity(a) || st.Source != src || st.Cluster != "" {
		t.Errorf("stored = %d %q %+v %q", st.ID, st.Identity, st.Source, st.Cluster)
	}
	if st.IngestedAt.Before(before) || st.IngestedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("IngestedAt = %v, not now", st.IngestedAt)
	}

	// Lists left nil stay nil: the store keeps what it was given, not a normalised copy.
	bare := &article.Article{Text: "Bare text, no URL, nothing else.  Ünïcödé ✓ 🗞"}
	id2 := put(t, s, bare, store.Source{})
	st, err = s.Article(ctx, id2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.Article, bare) {
		t.Errorf("bare article: got %+v, want %+v", st.Article, bare)
	}
	if _, err := s.Article(ctx, id2+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(unknown) err = %v, want ErrNotFound", err)
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	a := Full()
	id, created, err := s.Put(ctx, a, store.Source{Name: "one"})
	if err != nil || !created {
		t.Fatalf("first Put: %d %v %v", id, created, err)
	}
	// The same page through another tracking link, with a different text: the same article.
	b := Full()
	b.URL = "HTTPS://news.example.org/world/sheinbaum-tariffs?utm_medium=social#comments"
	b.Text = "changed"
	id2, created, err := s.Put(ctx, b, store.Source{Name: "two"})
	if err != nil || created || id2 != id {
		t.Fatalf("second Put = %d %v %v, want %d false nil", id2, created, err, id)
	}
	for _, identity := range []string{store.Identity(a), store.Identity(b)} {
		if ok, err := s.Has(ctx, identity); !ok || err != nil {
			t.Errorf("Has(%q) = %v %v", identity, ok, err)
		}
	}
	if ok, err := s.Has(ctx, "https://elsewhere.example/"); ok || err != nil {
		t.Errorf("Has(unknown) = %v %v", ok, err)
	}
	// Without URLs, the text decides.
	c := &article.Article{Text: "Same text."}
	idc := put(t, s, c, store.Source{})
	if idd, created, err := s.Put(ctx, &article.Article{Text: "Same text.\n"}, store.Source{}); created || err != nil || idd != idc {
		t.Errorf("same text again: %d %v %v", idd, created, err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 2 || st.Quotes != 1 || st.Events != 1 || st.Entities != 3 {
		t.Errorf("stats after duplicate puts: %+v", st)
	}
	got, _ := s.Article(ctx, id)
	if got.Text != a.Text || got.Source.Name != "one" {
		t.Errorf("the first put should win: %q from %q", got.Text, got.Source.Name)
	}
}

func testVerbatim(t *testing.T, s store.Store) {
	a := &article.Article{
		URL:   "https://example.org/x",
		Title: `<script>alert("x")</script> & <b>bold</b> 'quoted' \ %_`,
		Text:  `<p onclick="evil()">Body &amp; more</p> ; DROP TABLE articles; --`,
		Quotes: []article.Quote{{Kind: article.QuoteDirect, Text: `<img src=x onerror=alert(1)>`,
			SpeakerName: `O'Brien <admin>`, Hedges: []string{}}},
	}
	id := put(t, s, a, store.Source{Name: `<feed "x">`, Kind: "feed"})
	st, err := s.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Title != a.Title || st.Text != a.Text || st.Source.Name != `<feed "x">` {
		t.Errorf("not verbatim: %q %q %q", st.Title, st.Text, st.Source.Name)
	}
	page, err := s.Search(ctx, store.Query{Text: "script alert"})
	if err != nil || len(page.Items) != 1 || page.Items[0].Title != a.Title {
		t.Errorf("search: %+v %v", page, err)
	}
	qs, err := s.Quotes(ctx, store.QuoteQuery{Speaker: "o'brien <"})
	if err != nil || len(qs.Items) != 1 || qs.Items[0].Text != a.Quotes[0].Text {
		t.Errorf("quotes: %+v %v", qs, err)
	}
	// LIKE wildcards in a speaker filter are plain characters.
	if qs, err := s.Quotes(ctx, store.QuoteQuery{Speaker: "%"}); err != nil || len(qs.Items) != 0 {
		t.Errorf("speaker %%: %+v %v", qs, err)
	}
}

// corpus stores a small hand-made news corpus and returns the ids by name.
//
//	mex1  2024-03-01 wire    MEXGOV→USAGOV 036 future, and again asserted; Sheinbaum quote
//	mex2  2024-03-01 agency  MEXGOV→USAGOV 036 asserted; Sheinbaum again
//	ken   2024-03-02 blog    KENOPP→KENGOV 141 PROTEST reported; Ruto quote (indirect)
//	fra   2024-04-10 paper   FRAGOV→DEUGOV 057 AGREE hypothetical; "café"
//	bare  no date    wire    nothing annotated
func corpus(t *testing.T, s store.Store) map[string]int64 {
	t.Helper()
	ev := func(src, tgt, cameo, root string, quad int, plover, modality string) article.Event {
		return article.Event{Source: article.Actor{Name: src, Code: src}, Target: article.Actor{Name: tgt, Code: tgt},
			Cameo: cameo, CameoRoot: root, QuadClass: quad, Goldstein: float64(quad), Plover: plover, Modality: modality,
			Evidence: src + " and " + tgt, Cue: "met"}
	}
	person := func(id, name, country, actor string, mentions int) article.Entity {
		e := article.Entity{ID: id, Name: name, Type: article.Person, Country: country, Actor: actor, Roles: []string{}}
		for i := 0; i < mentions; i++ {
			e.Mentions = append(e.Mentions, article.Mention{Start: i, End: i + 1, Text: name, Kind: "name"})
		}
		return e
	}
	mk := func(url, title, text, published string) *article.Article {
		a := article.New()
		a.URL, a.Title, a.Text, a.Published, a.Language = url, title, title+"\n\n"+text, published, "en"
		return a
	}
	ids := map[string]int64{}

	a := mk("https://wire.example/mex1", "Mexico weighs tariffs reply",
		"President Claudia Sheinbaum will meet U.S. officials over steel tariffs. She met them again on Friday.", "2024-03-01")
	a.Entities = []article.Entity{person("E1", "Claudia Sheinbaum", "MEX", "MEXGOV", 2),
		{ID: "E2", Name: "United States", Type: article.GPE, Country: "USA", Actor: "USA"}}
	a.Quotes = []article.Quote{{Kind: article.QuoteDirect, Text: "We will answer every tariff", Speaker: "E1",
		SpeakerName: "Sheinbaum", Cue: "said", Hedges: []string{}}}
	a.Events = []article.Event{ev("MEXGOV", "USAGOV", "036", "03", 1, "CONSULT", article.Future),
		ev("MEXGOV", "USAGOV", "036", "03", 1, "CONSULT", article.Asserted)}
	ids["mex1"] = put(t, s, a, store.Source{Name: "wire", Kind: "feed"})

	a = mk("https://agency.example/mex2", "Sheinbaum and U.S. envoys meet",
		"Mexican President Claudia Sheinbaum met U.S. envoys in the capital.", "2024-03-01T18:00:00Z")
	a.Entities = []article.Entity{person("E1", "Claudia Sheinbaum", "MEX", "MEXGOV", 1)}
	a.Quotes = []article.Quote{{Kind: article.QuoteIndirect, Text: "talks went well", Speaker: "E1",
		SpeakerName: "Mexican President Claudia Sheinbaum", Cue: "said", Hedges: []string{}}}
	a.Events = []article.Event{ev("MEXGOV", "USAGOV", "036", "03", 1, "CONSULT", article.Asserted)}
	ids["mex2"] = put(t, s, a, store.Source{Name: "agency", Kind: "feed"})

	a = mk("https://blog.example/ken", "Protesters march on Nairobi",
		"Opposition supporters protested against President William Ruto's finance bill.", "2024-03-02")
	a.Entities = []article.Entity{person("E1", "William Ruto", "KEN", "KENGOV", 1)}
	a.Quotes = []article.Quote{{Kind: article.QuoteIndirect, Text: "the bill would pass", Speaker: "E1",
		SpeakerName: "Ruto", Cue: "said", Hedges: []string{"reportedly"}}}
	a.Events = []article.Event{ev("KENOPP", "KENGOV", "141", "14", 3, "PROTEST", article.Reported)}
	ids["ken"] = put(t, s, a, store.Source{Name: "blog", Kind: "feed"})

	a = mk("https://paper.example/fra", "Paris and Berlin could sign pact",
		"Ministers met at a café in Paris; France and Germany could sign an energy pact.", "2024-04-10")
	a.Entities = []article.Entity{{ID: "E1", Name: "France", Type: article.GPE, Country: "FRA", Actor: "FRA"}}
	a.Events = []article.Event{ev("FRAGOV", "DEUGOV", "057", "05", 1, "AGREE", article.Hypothetical)}
	ids["fra"] = put(t, s, a, store.Source{Name: "paper", Kind: "file"})

	a = mk("", "Weather", "Sunny with light winds.", "")
	ids["bare"] = put(t, s, a, store.Source{Name: "wire", Kind: "feed"})
	return ids
}

// names maps hits back to corpus names, sorted.
func names(ids map[string]int64, got []int64) []string {
	var out []string
	for _, g := range got {
		for n, id := range ids {
			if id == g {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

func hitIDs(hits []store.ArticleHit) []int64 {
	var ids []int64
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func testSearch(t *testing.T, s store.Store) {
	ids := corpus(t, s)
	if err := s.SetCluster(ctx, ids["mex1"], "c-mex", nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    store.Query
		want []string
	}{
		{store.Query{}, []string{"bare", "fra", "ken", "mex1", "mex2"}},
		{store.Query{Text: "tariffs"}, []string{"mex1"}},
		{store.Query{Text: "TARIFF*"}, []string{"mex1"}},
		{store.Query{Text: "Sheinbaum"}, []string{"mex1", "mex2"}},
		{store.Query{Text: "Sheinbaum envoys"}, []string{"mex2"}},
		{store.Query{Text: `"steel tariffs"`}, []string{"mex1"}},
		{store.Query{Text: `"tariffs steel"`}, nil},
		{store.Query{Text: "U.S. OR"}, nil}, // OR is a word here, not an operator
		{store.Query{Text: "U.S."}, []string{"mex1", "mex2"}},
		{store.Query{Text: "cafe"}, []string{"fra"}}, // accents ignored
		{store.Query{Text: "café"}, []string{"fra"}},
		{store.Query{Text: "-- ;"}, nil},
		{store.Query{Actor: "MEX"}, []string{"mex1", "mex2"}},
		{store.Query{Actor: "USAGOV"}, []string{"mex1", "mex2"}}, // as an event target
		{store.Query{Actor: "KENOPP"}, []string{"ken"}},
		{store.Query{Actor: "DEU"}, []string{"fra"}},
		{store.Query{Country: "KEN"}, []string{"ken"}},
		{store.Query{Country: "KE"}, nil}, // countries are exact
		{store.Query{Cameo: "03"}, []string{"mex1", "mex2"}},
		{store.Query{Cameo: "036"}, []string{"mex1", "mex2"}},
		{store.Query{Cameo: "0361"}, nil},
		{store.Query{Root: "14"}, []string{"ken"}},
		{store.Query{Plover: "AGREE"}, []string{"fra"}},
		{store.Query{Modality: article.Hypothetical}, []string{"fra"}},
		{store.Query{Modality: article.Future}, []string{"mex1"}},
		{store.Query{Cameo: "036", Modality: article.Reported}, nil}, // the same event must match both
		{store.Query{Filter: store.Filter{From: "2024-03-02"}}, []string{"fra", "ken"}},
		{store.Query{Filter: store.Filter{To: "2024-03-01"}}, []string{"mex1", "mex2"}},
		{store.Query{Filter: store.Filter{From: "2024-03-01", To: "2024-03-02"}}, []string{"ken", "mex1", "mex2"}},
		{store.Query{Filter: store.Filter{Source: "wire"}}, []string{"bare", "mex1"}},
		{store.Query{Filter: store.Filter{Cluster: "c-mex"}}, []string{"mex1"}},
		{store.Query{Text: "Sheinbaum", Filter: store.Filter{Source: "agency"}}, []string{"mex2"}},
	} {
		page, err := s.Search(ctx, c.q)
		if err != nil {
			t.Errorf("Search(%+v): %v", c.q, err)
			continue
		}
		if got := names(ids, hitIDs(page.Items)); !slices.Equal(got, c.want) {
			t.Errorf("Search(%+v) = %v, want %v", c.q, got, c.want)
		}
		if page.Next != "" {
			t.Errorf("Search(%+v): Next = %q on the only page", c.q, page.Next)
		}
	}
	page, err := s.Search(ctx, store.Query{Text: "steel"})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("steel: %+v %v", page, err)
	}
	h := page.Items[0]
	if h.ID != ids["mex1"] || h.Title != "Mexico weighs tariffs reply" || h.URL != "https://wire.example/mex1" ||
		h.Published != "2024-03-01" || h.Source != (store.Source{Name: "wire", Kind: "feed"}) ||
		h.Cluster != "c-mex" || !strings.Contains(h.Snippet, "[steel]") {
		t.Errorf("hit = %+v", h)
	}
	if _, err := s.Search(ctx, store.Query{After: "not a cursor"}); err == nil {
		t.Error("a bad cursor should be an error")
	}
}

func testQuotes(t *testing.T, s store.Store) {
	ids := corpus(t, s)
	for _, c := range []struct {
		q    store.QuoteQuery
		want []string
	}{
		{store.QuoteQuery{}, []string{"ken", "mex1", "mex2"}},
		{store.QuoteQuery{Speaker: "sheinBAUM"}, []string{"mex1", "mex2"}},
		{store.QuoteQuery{Speaker: "mexican president"}, []string{"mex2"}},
		{store.QuoteQuery{Speaker: "ruto"}, []string{"ken"}},
		{store.QuoteQuery{Text: "tariff"}, []string{"mex1"}},
		{store.QuoteQuery{Text: "bill pass"}, []string{"ken"}},
		{store.QuoteQuery{Text: "tariffs"}, nil}, // words, not prefixes
		{store.QuoteQuery{Kind: article.QuoteIndirect}, []string{"ken", "mex2"}},
		{store.QuoteQuery{Actor: "MEX"}, []string{"mex1", "mex2"}},
		{store.QuoteQuery{Country: "KEN"}, []string{"ken"}},
		{store.QuoteQuery{Filter: store.Filter{From: "2024-03-02"}}, []string{"ken"}},
		{store.QuoteQuery{Filter: store.Filter{Source: "agency"}}, []string{"mex2"}},
		{store.QuoteQuery{Speaker: "Sheinbaum", Filter: store.Filter{Source: "blog"}}, nil},
	} {
		page, err := s.Quotes(ctx, c.q)
		if err != nil {
			t.Errorf("Quotes(%+v): %v", c.q, err)
			continue
		}
		var got []int64
		for _, h := range page.Items {
			got = append(got, h.ArticleID)
		}
		if n := names(ids, got); !slices.Equal(n, c.want) {
			t.Errorf("Quotes(%+v) = %v, want %v", c.q, n, c.want)
		}
	}
	page, err := s.Quotes(ctx, store.QuoteQuery{Speaker: "ruto"})
	if err != nil || len(page.Items) != 1 {
		t.Fatal(page, err)
	}
	st, _ := s.Article(ctx, ids["ken"])
	h := page.Items[0]
	if !reflect.DeepEqual(h.Quote, st.Quotes[0]) || h.Index != 0 || h.Title != st.Title ||
		h.Published != "2024-03-02" || h.SpeakerActor != "KENGOV" || h.SpeakerCountry != "KEN" {
		t.Errorf("quote hit = %+v", h)
	}
}

func testEvents(t *testing.T, s store.Store) {
	ids := corpus(t, s)
	for _, c := range []struct {
		q    store.EventQuery
		want []string // one per event
	}{
		{store.EventQuery{}, []string{"fra", "ken", "mex1", "mex1", "mex2"}},
		{store.EventQuery{SourceActor: "MEX"}, []string{"mex1", "mex1", "mex2"}},
		{store.EventQuery{SourceActor: "USA"}, nil},
		{store.EventQuery{TargetActor: "USA"}, []string{"mex1", "mex1", "mex2"}},
		{store.EventQuery{TargetActor: "KENGOV"}, []string{"ken"}},
		{store.EventQuery{Actor: "KEN"}, []string{"ken"}},
		{store.EventQuery{Actor: "DEU"}, []string{"fra"}},
		{store.EventQuery{Cameo: "0"}, []string{"fra", "mex1", "mex1", "mex2"}},
		{store.EventQuery{Cameo: "14"}, []string{"ken"}},
		{store.EventQuery{Root: "05"}, []string{"fra"}},
		{store.EventQuery{QuadClass: 3}, []string{"ken"}},
		{store.EventQuery{Plover: "CONSULT"}, []string{"mex1", "mex1", "mex2"}},
		{store.EventQuery{Modality: article.Asserted}, []string{"mex1", "mex2"}},
		{store.EventQuery{Filter: store.Filter{From: "2024-03-02", To: "2024-04-10"}}, []string{"fra", "ken"}},
		{store.EventQuery{Filter: store.Filter{Source: "agency"}}, []string{"mex2"}},
	} {
		page, err := s.Events(ctx, c.q)
		if err != nil {
			t.Errorf("Events(%+v): %v", c.q, err)
			continue
		}
		var got []int64
		for _, h := range page.Items {
			got = append(got, h.ArticleID)
		}
		if n := names(ids, got); !slices.Equal(n, c.want) {
			t.Errorf("Events(%+v) = %v, want %v", c.q, n, c.want)
		}
	}
	page, err := s.Events(ctx, store.EventQuery{Modality: article.Future})
	if err != nil || len(page.Items) != 1 {
		t.Fatal(page, err)
	}
	st, _ := s.Article(ctx, ids["mex1"])
	if h := page.Items[0]; !reflect.DeepEqual(h.Event, st.Events[0]) || h.Index != 0 || h.URL != st.URL {
		t.Errorf("event hit = %+v", h)
	}
}

func testAggregate(t *testing.T, s store.Store) {
	ids := corpus(t, s)
	page, err := s.AggregateEvents(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ day, src, tgt, cameo string }
	var keys []key
	for _, g := range page.Items {
		keys = append(keys, key{g.Day, g.SourceCode, g.TargetCode, g.Cameo})
	}
	want := []key{
		{"2024-04-10", "FRAGOV", "DEUGOV", "057"},
		{"2024-03-02", "KENOPP", "KENGOV", "141"},
		{"2024-03-01", "MEXGOV", "USAGOV", "036"},
	}
	if !slices.Equal(keys, want) {
		t.Fatalf("groups = %v, want %v", keys, want)
	}
	g := page.Items[2]
	mex := []int64{ids["mex1"], ids["mex2"]}
	slices.Sort(mex)
	if g.NumMentions != 3 || g.NumArticles != 2 || g.NumSources != 2 || g.NumStories != 2 ||
		!slices.Equal(g.ArticleIDs, mex) || g.Root != "03" || g.QuadClass != 1 || g.Goldstein != 1 {
		t.Errorf("MEXGOV>USAGOV = %+v", g)
	}
	// Syndicated copies of one story count once among stories.
	for _, n := range []string{"mex1", "mex2"} {
		if err := s.SetCluster(ctx, ids[n], "story-1", nil); err != nil {
			t.Fatal(err)
		}
	}
	page, err = s.AggregateEvents(ctx, store.EventQuery{SourceActor: "MEX", Modality: article.Asserted})
	if err != nil || len(page.Items) != 1 {
		t.Fatal(page, err)
	}
	if g := page.Items[0]; g.NumMentions != 2 || g.NumArticles != 2 || g.NumStories != 1 {
		t.Errorf("asserted MEX = %+v", g)
	}
	page, err = s.AggregateEvents(ctx, store.EventQuery{Filter: store.Filter{To: "2024-03-01"}})
	if err != nil || len(page.Items) != 1 || page.Items[0].Cameo != "036" {
		t.Errorf("to 2024-03-01: %+v %v", page, err)
	}
}

func testEntities(t *testing.T, s store.Store) {
	corpus(t, s)
	page, err := s.Entities(ctx, store.EntityQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 4 {
		t.Fatalf("entities = %+v", page.Items)
	}
	want := store.EntityHit{Name: "Claudia Sheinbaum", Type: article.Person, Country: "MEX", Actor: "MEXGOV",
		Articles: 2, Mentions: 3}
	if page.Items[0] != want {
		t.Errorf("first entity = %+v, want %+v", page.Items[0], want)
	}
	for _, c := range []struct {
		q    store.EntityQuery
		want []string
	}{
		{store.EntityQuery{Name: "SHEIN"}, []string{"Claudia Sheinbaum"}},
		{store.EntityQuery{Type: article.GPE}, []string{"France", "United States"}},
		{store.EntityQuery{Country: "KEN"}, []string{"William Ruto"}},
		{store.EntityQuery{Actor: "FRA"}, []string{"France"}},
		{store.EntityQuery{Filter: store.Filter{Source: "agency"}}, []string{"Claudia Sheinbaum"}},
		{store.EntityQuery{Filter: store.Filter{From: "2024-03-02"}}, []string{"France", "William Ruto"}},
	} {
		page, err := s.Entities(ctx, c.q)
		if err != nil {
			t.Errorf("Entities(%+v): %v", c.q, err)
			continue
		}
		var got []string
		for _, h := range page.Items {
			got = append(got, h.Name)
		}
		sort.Strings(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("Entities(%+v) = %v, want %v", c.q, got, c.want)
		}
	}
	page, _ = s.Entities(ctx, store.EntityQuery{Filter: store.Filter{Source: "agency"}})
	if len(page.Items) == 1 && page.Items[0].Articles != 1 {
		t.Errorf("filtered counts count the filtered articles only: %+v", page.Items[0])
	}
}

func testStats(t *testing.T, s store.Store) {
	ids := corpus(t, s)
	if err := s.SetCluster(ctx, ids["mex1"], "a", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCluster(ctx, ids["mex2"], "a", nil); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 5 || st.Entities != 5 || st.Mentions != 4 || st.Quotes != 3 || st.Events != 5 ||
		st.Clusters != 1 || st.Sources != 4 {
		t.Errorf("stats = %+v", st)
	}
	if len(st.TopActors) == 0 || st.TopActors[0] != (store.Count{Key: "MEXGOV", Count: 3}) {
		t.Errorf("top actors = %+v", st.TopActors)
	}
	if len(st.TopDyads) != 3 || st.TopDyads[0] != (store.Count{Key: "MEXGOV>USAGOV", Count: 3}) {
		t.Errorf("top dyads = %+v", st.TopDyads)
	}
}

func testCluster(t *testing.T, s store.Store) {
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 0 || st.Clusters != 0 || len(st.TopActors) != 0 {
		t.Fatalf("empty store's stats: %+v %v", st, err)
	}
	a := put(t, s, &article.Article{Text: "one"}, store.Source{})
	b := put(t, s, &article.Article{Text: "two"}, store.Source{})
	why := json.RawMessage(`{"jaccard":0.91,"shared":["x","y"]}`)
	if err := s.SetCluster(ctx, b, "k1", why); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCluster(ctx, a, "k1", nil); err != nil { // nil keeps the explanation
		t.Fatal(err)
	}
	expl, ids, err := s.Cluster(ctx, "k1")
	if err != nil || !jsonEqual(expl, why) || !slices.Equal(ids, []int64{min(a, b), max(a, b)}) {
		t.Errorf("Cluster(k1) = %s %v %v", expl, ids, err)
	}
	got, _ := s.Article(ctx, a)
	if got.Cluster != "k1" {
		t.Errorf("article cluster = %q", got.Cluster)
	}
	if err := s.SetCluster(ctx, a, "", nil); err != nil {
		t.Fatal(err)
	}
	if _, ids, _ := s.Cluster(ctx, "k1"); !slices.Equal(ids, []int64{b}) {
		t.Errorf("after leaving: %v", ids)
	}
	if err := s.SetCluster(ctx, b+a+100, "k1", nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetCluster(unknown) = %v", err)
	}
	if _, _, err := s.Cluster(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Cluster(nope) = %v", err)
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// many stores n generated articles, each with two entities, a quote and an event on one of
// three days, and returns their ids.
func many(t testing.TB, s store.Store, n int) []int64 {
	t.Helper()
	var items []store.Item
	for i := 0; i < n; i++ {
		items = append(items, store.Item{Article: Generated(i), Source: store.Source{Name: fmt.Sprintf("src%d", i%4), Kind: "feed"}})
	}
	res, err := s.PutBatch(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range res {
		if r.Err != nil || !r.Created {
			t.Fatalf("PutBatch result %+v", r)
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// Generated returns the i'th of a family of distinct, fully annotated articles, for volume
// tests and benchmarks: about 2 KB of text, 6 entities with 3 mentions each, 3 quotes and 4
// events, roughly what extraction yields for a wire story.
func Generated(i int) *article.Article {
	a := article.New()
	a.URL = fmt.Sprintf("https://gen.example/%d/story-%d", i%7, i)
	a.Title = fmt.Sprintf("Story number %d about trade talks", i)
	a.Published = fmt.Sprintf("2024-05-%02d", 1+i%3)
	a.Language = "en"
	body := ""
	for len(body) < 2000 {
		body += fmt.Sprintf("Officials from country %d met delegates to discuss tariffs and quotas. ", i%11)
	}
	a.Text = a.Title + "\n\n" + body
	a.Paragraphs = []string{body}
	a.Sentences = []article.Span{{Start: 0, End: len(a.Title)}}
	countries := []string{"MEX", "USA", "KEN", "FRA", "DEU", "CHN"}
	for k := 0; k < 6; k++ {
		c := countries[(i+k)%len(countries)]
		e := article.Entity{ID: fmt.Sprintf("E%d", k+1), Name: fmt.Sprintf("Person %d", (i+k)%50), Type: article.Person,
			Country: c, Actor: c + "GOV", Roles: []string{"Minister"}, References: []article.Mention{}}
		for m := 0; m < 3; m++ {
			e.Mentions = append(e.Mentions, article.Mention{Start: 10 * m, End: 10*m + 5, Text: e.Name, Kind: "name"})
		}
		a.Entities = append(a.Entities, e)
	}
	for k := 0; k < 3; k++ {
		a.Quotes = append(a.Quotes, article.Quote{Kind: article.QuoteDirect, Text: fmt.Sprintf("We want a fair deal %d", k),
			Speaker: fmt.Sprintf("E%d", k+1), SpeakerName: a.Entities[k].Name, Cue: "said", Hedges: []string{}})
	}
	for k := 0; k < 4; k++ {
		src, tgt := a.Entities[k].Actor, a.Entities[k+1].Actor
		a.Events = append(a.Events, article.Event{Source: article.Actor{Name: a.Entities[k].Name, Code: src, Entity: a.Entities[k].ID},
			Target: article.Actor{Name: a.Entities[k+1].Name, Code: tgt, Entity: a.Entities[k+1].ID},
			Cameo:  "036", CameoRoot: "03", QuadClass: 1, Goldstein: 4, Plover: "CONSULT", Modality: article.Asserted,
			Evidence: "Officials met delegates.", Cue: "met"})
	}
	return a
}

func testPagination(t *testing.T, s store.Store) {
	ids := many(t, s, 37)
	// Walk every listing with a small page and check that it yields each row once.
	walk := func(name string, want int, page func(after string) (n int, keys []string, next string, err error)) {
		t.Helper()
		seen := map[string]bool{}
		after, pages := "", 0
		for {
			n, keys, next, err := page(after)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if n > 5 || (next != "" && n != 5) {
				t.Fatalf("%s: page of %d with next %q", name, n, next)
			}
			for _, k := range keys {
				if seen[k] {
					t.Fatalf("%s: %s twice", name, k)
				}
				seen[k] = true
			}
			pages++
			if next == "" {
				break
			}
			after = next
		}
		if len(seen) != want {
			t.Errorf("%s: %d rows over %d pages, want %d", name, len(seen), pages, want)
		}
	}
	var order []int64
	walk("Search", len(ids), func(after string) (int, []string, string, error) {
		p, err := s.Search(ctx, store.Query{Text: "tariffs", After: after, Limit: 5})
		var keys []string
		for _, h := range p.Items {
			keys = append(keys, fmt.Sprint(h.ID))
			order = append(order, h.ID)
		}
		return len(p.Items), keys, p.Next, err
	})
	if !slices.IsSortedFunc(order, func(a, b int64) int { return int(b - a) }) {
		t.Errorf("search not newest first: %v", order)
	}
	walk("Quotes", 3*len(ids), func(after string) (int, []string, string, error) {
		p, err := s.Quotes(ctx, store.QuoteQuery{After: after, Limit: 5})
		var keys []string
		for _, h := range p.Items {
			keys = append(keys, fmt.Sprint(h.ArticleID, "/", h.Index))
		}
		return len(p.Items), keys, p.Next, err
	})
	walk("Events", 4*len(ids), func(after string) (int, []string, string, error) {
		p, err := s.Events(ctx, store.EventQuery{After: after, Limit: 5})
		var keys []string
		for _, h := range p.Items {
			keys = append(keys, fmt.Sprint(h.ArticleID, "/", h.Index))
		}
		return len(p.Items), keys, p.Next, err
	})
	all, err := s.AggregateEvents(ctx, store.EventQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	mentions := 0
	for _, g := range all.Items {
		mentions += g.NumMentions
	}
	if mentions != 4*len(ids) {
		t.Errorf("aggregates cover %d events, want %d", mentions, 4*len(ids))
	}
	walk("AggregateEvents", len(all.Items), func(after string) (int, []string, string, error) {
		p, err := s.AggregateEvents(ctx, store.EventQuery{After: after, Limit: 5})
		var keys []string
		for _, g := range p.Items {
			keys = append(keys, g.Day+g.SourceCode+">"+g.TargetCode+g.Cameo)
		}
		return len(p.Items), keys, p.Next, err
	})
	ents, err := s.Entities(ctx, store.EntityQuery{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	walk("Entities", len(ents.Items), func(after string) (int, []string, string, error) {
		p, err := s.Entities(ctx, store.EntityQuery{After: after, Limit: 5})
		var keys []string
		for _, h := range p.Items {
			keys = append(keys, h.Name+"/"+h.Type+"/"+h.Country)
		}
		return len(p.Items), keys, p.Next, err
	})
	// A page boundary does not lose rows written while the walk goes on.
	first, err := s.Search(ctx, store.Query{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	many2 := Generated(10_000)
	put(t, s, many2, store.Source{})
	rest, err := s.Search(ctx, store.Query{After: first.Next, Limit: store.MaxLimit})
	if err != nil || len(first.Items)+len(rest.Items) != len(ids) {
		t.Errorf("walk across a write: %d + %d, want %d (%v)", len(first.Items), len(rest.Items), len(ids), err)
	}
}

func testPutBatch(t *testing.T, s store.Store) {
	a, b := Generated(1), Generated(2)
	res, err := s.PutBatch(ctx, []store.Item{
		{Article: a, Source: store.Source{Name: "x"}},
		{Article: nil},
		{Article: b, Source: store.Source{Name: "y"}},
		{Article: Generated(1), Source: store.Source{Name: "z"}}, // a again
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 4 || res[0].Err != nil || !res[0].Created || res[1].Err == nil || res[2].Err != nil ||
		!res[2].Created || res[3].Err != nil || res[3].Created || res[3].ID != res[0].ID {
		t.Fatalf("results = %+v", res)
	}
	st, err := s.Article(ctx, res[2].ID)
	if err != nil || !reflect.DeepEqual(st.Article, b) || st.Source.Name != "y" {
		t.Errorf("batch article: %v", err)
	}
	if res, err := s.PutBatch(ctx, nil); err != nil || len(res) != 0 {
		t.Errorf("empty batch: %v %v", res, err)
	}
}

func testPutBatchClusters(t *testing.T, s store.Store) {
	// The hook of each created article is called once, in item order, with its id; its
	// answer is stored as SetCluster stores it.
	old := put(t, s, Generated(0), store.Source{})
	why := json.RawMessage(`{"rule":"exact"}`)
	if err := s.SetCluster(ctx, old, "k0", why); err != nil {
		t.Fatal(err)
	}
	var called []int64
	answers := map[int]struct {
		cluster string
		why     json.RawMessage
	}{
		1: {"", nil},                                 // first of its story
		2: {"k0", nil},                               // joins k0, keeping its explanation
		3: {"k3", json.RawMessage(`{"rule":"one"}`)}, // a new cluster with an explanation
		4: {"k3", json.RawMessage(`{"rule":"two"}`)}, // the later explanation wins
	}
	hook := func(n int) func(int64) (string, json.RawMessage) {
		return func(id int64) (string, json.RawMessage) {
			called = append(called, id)
			if n == 1 {
				return strconv.FormatInt(id, 10), nil
			}
			return answers[n].cluster, answers[n].why
		}
	}
	items := []store.Item{
		{Article: Generated(1), Cluster: hook(1)},
		{Article: Generated(2), Cluster: hook(2)},
		{Article: Generated(0), Cluster: hook(0)}, // stored already: not called
		{Article: Generated(3), Cluster: hook(3)},
		{Article: Generated(4), Cluster: hook(4)},
		{Article: Generated(5)}, // no hook: in no cluster
	}
	res, err := s.PutBatch(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{res[0].ID, res[1].ID, res[3].ID, res[4].ID}; !slices.Equal(called, want) {
		t.Errorf("hooks called with %v, want %v", called, want)
	}
	for i, want := range []string{strconv.FormatInt(res[0].ID, 10), "k0", "k0", "k3", "k3", ""} {
		got, err := s.Article(ctx, res[i].ID)
		if err != nil || got.Cluster != want {
			t.Errorf("item %d: cluster %q, want %q (%v)", i, got.Cluster, want, err)
		}
	}
	if expl, ids, err := s.Cluster(ctx, "k0"); err != nil || !jsonEqual(expl, why) || !slices.Equal(ids, []int64{old, res[1].ID}) {
		t.Errorf("Cluster(k0) = %s %v %v", expl, ids, err)
	}
	if expl, ids, err := s.Cluster(ctx, "k3"); err != nil || !jsonEqual(expl, answers[4].why) || len(ids) != 2 {
		t.Errorf("Cluster(k3) = %s %v %v", expl, ids, err)
	}
	if expl, ids, err := s.Cluster(ctx, strconv.FormatInt(res[0].ID, 10)); err != nil || expl != nil || len(ids) != 1 {
		t.Errorf("singleton cluster = %s %v %v", expl, ids, err)
	}
	// Again: nothing is created, so no hook is called.
	called = nil
	if _, err := s.PutBatch(ctx, items); err != nil || len(called) != 0 {
		t.Errorf("second batch called hooks for %v (%v)", called, err)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	// Goroutines put overlapping ranges: every article must be created exactly once and all
	// must agree on its id.
	const workers, per = 6, 30
	var (
		mu      sync.Mutex
		created = map[int]int{}
		idOf    = map[int]map[int64]bool{}
		wg      sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for k := 0; k < per; k++ {
				i := (w*per/2 + k) % (workers * per / 2) // each article put by two workers
				id, c, err := s.Put(ctx, Generated(i), store.Source{Name: fmt.Sprint("w", w)})
				if err != nil {
					t.Error(err)
					return
				}
				if k%10 == 0 { // reads alongside the writes
					if _, err := s.Search(ctx, store.Query{Text: "tariffs", Limit: 3}); err != nil {
						t.Error(err)
					}
				}
				mu.Lock()
				if c {
					created[i]++
				}
				if idOf[i] == nil {
					idOf[i] = map[int64]bool{}
				}
				idOf[i][id] = true
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	n := workers * per / 2
	for i := 0; i < n; i++ {
		if created[i] != 1 || len(idOf[i]) != 1 {
			t.Errorf("article %d: created %d times, ids %v", i, created[i], idOf[i])
		}
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != int64(n) || st.Events != int64(4*n) || st.Quotes != int64(3*n) {
		t.Errorf("stats after concurrent puts: %+v %v", st, err)
	}
}

func testEach(t *testing.T, s store.Store) {
	// More articles than a backend is likely to read in one chunk.
	ids := many(t, s, 300)
	counts := map[store.Kind]int{}
	for _, kind := range []store.Kind{store.KindArticles, store.KindEntities, store.KindQuotes, store.KindEvents} {
		var last int64
		err := s.Each(ctx, kind, func(row any) error {
			counts[kind]++
			var id int64
			switch r := row.(type) {
			case *store.Stored:
				id = r.ID
				if counts[kind] == 7 && !reflect.DeepEqual(r.Article, Generated(6)) {
					t.Errorf("Each article 7 differs from what was put")
				}
			case store.EntityRow:
				id = r.ArticleID
			case store.QuoteHit:
				id = r.ArticleID
				if r.SpeakerActor == "" {
					t.Errorf("quote row without speaker actor: %+v", r)
				}
			case store.EventHit:
				id = r.ArticleID
			default:
				t.Fatalf("%s: row of type %T", kind, row)
			}
			if id < last {
				t.Fatalf("%s: not in id order", kind)
			}
			last = id
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	want := map[store.Kind]int{store.KindArticles: len(ids), store.KindEntities: 6 * len(ids),
		store.KindQuotes: 3 * len(ids), store.KindEvents: 4 * len(ids)}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("Each counts = %v, want %v", counts, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Each(ctx, store.KindArticles, func(any) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Each did not stop: %v after %d", err, n)
	}
	if err := s.Each(ctx, "bogus", func(any) error { return nil }); err == nil {
		t.Error("Each(bogus) should fail")
	}
}
