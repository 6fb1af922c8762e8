// Package store is where Herald keeps what it has read: `herald ingest` puts extracted
// articles with all their entities, quotes and events into a Store, and `herald
// search|quotes|events|stats|export` and the web server read them back out.
//
// This package holds the Store interface and the query and result types shared by every
// backend, plus the article identity rule (Identity). Backends live in sub-packages
// (store/sqlite; a PostgreSQL one later) and all pass the same suite, store/storetest.
//
// # Queries and pages
//
// Every listing returns a Page: at most Limit items and, when more may follow, a Next cursor
// to put in the next query's After. Cursors are keyset cursors over keys that never change
// once written (row ids, event day and codes), so walking the pages of one query yields every
// matching row exactly once — no duplicates and no gaps — even while other goroutines or
// processes keep writing; rows written after the walk started may or may not appear. A
// cursor is opaque and belongs to the backend and the query kind that produced it.
//
// String filters that name codes (actors, countries, CAMEO) are prefixes where the doc says
// so: a country code "MEX" matches the actor codes MEX, MEXGOV and MEXMIL, because CAMEO
// actor codes start with the country.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/heraldnews/herald/article"
)

// ErrNotFound is returned by Article when no article has the id.
var ErrNotFound = errors.New("store: not found")

// Store keeps articles and answers queries over them.
//
// Concurrency: a Store is safe for concurrent use by multiple goroutines. Writes (Put,
// PutBatch, SetCluster) are serialised inside the store; reads run concurrently with each
// other and with writes, and each read sees only committed data. A Store may also share its
// file or database with other processes: every article is written in one transaction with all
// its annotations, so a process killed at any moment leaves each article either fully stored
// or absent, and what a Put returned without error is durable against the process dying.
//
// Callers must call Close when done; a Store must not be used after Close.
type Store interface {
	// Put stores a and everything annotated on it, in one transaction. The article is keyed
	// by Identity(a): when an article with that identity is already stored, Put changes
	// nothing and returns the stored article's id with created=false. Put does not modify a
	// and does not keep it.
	Put(ctx context.Context, a *article.Article, src Source) (id int64, created bool, err error)

	// PutBatch stores many articles in one transaction, which is several times faster than
	// one Put each (see the backend's BenchmarkPut); concurrent Puts may also be grouped
	// into one transaction by the backend, each still returning only once committed. Items are independent: one that fails
	// gets its Err set in its Result and is left out, and the others are still stored. The
	// returned error is non-nil only when the batch as a whole failed (nothing stored).
	// Results are in the order of items.
	PutBatch(ctx context.Context, items []Item) ([]Result, error)

	// Has reports whether an article with the identity (see Identity) is stored; ingest
	// calls it to skip work on articles it already has.
	Has(ctx context.Context, identity string) (bool, error)

	// Article returns the stored article with the id, as it was put (the Article is equal
	// field by field to the one given to Put), or ErrNotFound.
	Article(ctx context.Context, id int64) (*Stored, error)

	// SetCluster puts article id into the near-duplicate cluster named cluster ("" takes it
	// out of any). A non-nil explanation (JSON: why these articles belong together) replaces
	// the cluster's stored explanation; nil leaves it as it is. Returns ErrNotFound for an
	// unknown article.
	SetCluster(ctx context.Context, id int64, cluster string, explanation json.RawMessage) error

	// Cluster returns a cluster's explanation and the ids of its articles in ascending
	// order, or ErrNotFound when no article is in the cluster.
	Cluster(ctx context.Context, cluster string) (explanation json.RawMessage, ids []int64, err error)

	// Search lists articles matching q, newest stored first.
	Search(ctx context.Context, q Query) (Page[ArticleHit], error)

	// Quotes lists quotes matching q, newest stored first.
	Quotes(ctx context.Context, q QuoteQuery) (Page[QuoteHit], error)

	// Events lists events matching q, newest stored first.
	Events(ctx context.Context, q EventQuery) (Page[EventHit], error)

	// AggregateEvents groups the events matching q as GDELT does: one row for each day,
	// source actor code, target actor code and CAMEO code, counting the mentions, sources
	// and articles that report it. Rows come by day, newest first, then by codes.
	AggregateEvents(ctx context.Context, q EventQuery) (Page[AggregateEvent], error)

	// Entities lists entities grouped across articles by name, type and country, the ones
	// in most articles first. Its order is by counts, which grow as articles arrive: unlike
	// the other listings, its pages may repeat or skip a row when written to between pages.
	Entities(ctx context.Context, q EntityQuery) (Page[EntityHit], error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// Each calls fn for every stored row of one kind, in id order, without holding them all
	// in memory: for export. The row passed to fn is, by kind: KindArticles *Stored,
	// KindEntities EntityRow, KindQuotes QuoteHit, KindEvents EventHit. An error from fn
	// stops the walk and is returned. fn may call other Store methods.
	Each(ctx context.Context, kind Kind, fn func(row any) error) error

	// Close releases the store's resources, waiting for writes in progress.
	Close() error
}

// Source tells where an article came from.
type Source struct {
	Name string `json:"name"` // the feed's name or URL, the file or WARC path
	Kind string `json:"kind"` // "feed", "file", "warc", "url", …
}

// Item is one article to store with PutBatch.
type Item struct {
	Article *article.Article
	Source  Source
	// Cluster, when not nil, places a created article in its near-duplicate cluster in
	// the transaction that stores it, as SetCluster would, without a transaction of its
	// own and without writing the article's row a second time later. It is called with
	// the article's id, only when the article is created, inside the write transaction,
	// in the order of items, from a goroutine of the store's (not the caller's), and must
	// not call the store. Its cluster "" leaves the article in none.
	//
	// The hook is called before the commit, so when PutBatch returns an error, or the
	// item's Result has Err, it may have been called for an article that was not stored.
	// When the store retries a transaction, a hook already called is asked again only if
	// its article's id changed; otherwise its first answer is reused.
	Cluster func(id int64) (cluster string, explanation json.RawMessage)
}

// Result is what PutBatch did with one Item.
type Result struct {
	ID      int64
	Created bool
	Err     error // why this item was not stored; nil when ID is valid
}

// Stored is an article as kept by the store.
type Stored struct {
	ID         int64     `json:"id"`
	Identity   string    `json:"identity"`
	Cluster    string    `json:"cluster"`
	Source     Source    `json:"source"`
	IngestedAt time.Time `json:"ingested_at"`
	*article.Article
}

// Kind names what Each walks over.
type Kind string

// Kinds of rows for Each.
const (
	KindArticles Kind = "articles"
	KindEntities Kind = "entities"
	KindQuotes   Kind = "quotes"
	KindEvents   Kind = "events"
)

// Page is one page of a listing. Next is empty on the last page; otherwise pass it as the
// After of the same query to get the following page.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// DefaultLimit is the page size used when a query's Limit is 0; MaxLimit caps it.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// PageLimit returns the page size a backend should use for a requested limit.
func PageLimit(limit int) int {
	switch {
	case limit <= 0:
		return DefaultLimit
	case limit > MaxLimit:
		return MaxLimit
	}
	return limit
}

// Filter narrows any query to the articles it names. Zero fields do not filter.
type Filter struct {
	From    string // first published day, YYYY-MM-DD, inclusive
	To      string // last published day, YYYY-MM-DD, inclusive
	Source  string // Source.Name, exactly
	Cluster string // cluster name, exactly
}

// Query selects articles. All set fields must match.
type Query struct {
	// Text is full-text search over title and text: all words must occur (any case,
	// accents ignored). "a phrase" in double quotes must occur as written; a word ending in
	// * matches as a prefix. Other punctuation is not special.
	Text     string
	Actor    string // prefix of the actor code of an entity or of an event side (USA, USAGOV)
	Country  string // an entity's country, ISO alpha-3
	Cameo    string // prefix of the CAMEO code of an event (04, 042)
	Root     string // CAMEO root of an event (two digits)
	Plover   string // PLOVER type of an event
	Modality string // modality of an event; with Cameo, Root or Plover, of that same event
	Filter
	After string // cursor from the previous page
	Limit int
}

// ArticleHit is one article found by Search.
type ArticleHit struct {
	ID        int64  `json:"id"`
	Identity  string `json:"identity"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Source    Source `json:"source"`
	Cluster   string `json:"cluster"`
	// Snippet is a piece of the text around the matched words, which are in [brackets];
	// empty when the query has no Text.
	Snippet string `json:"snippet,omitempty"`
}

// QuoteQuery selects quotes. All set fields must match.
type QuoteQuery struct {
	Speaker string // substring of the speaker's name as written, any case
	Text    string // full-text search over the quote, as Query.Text
	Kind    string // direct, indirect, according_to
	Actor   string // prefix of the speaker entity's actor code
	Country string // the speaker entity's country
	Filter
	After string
	Limit int
}

// QuoteHit is one quote with the article it is in.
type QuoteHit struct {
	ArticleID int64  `json:"article_id"`
	Index     int    `json:"index"` // position in the article's Quotes
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
	// SpeakerActor and SpeakerCountry are those of the speaker's entity, when resolved.
	SpeakerActor   string `json:"speaker_actor"`
	SpeakerCountry string `json:"speaker_country"`
	article.Quote
}

// EventQuery selects events. All set fields must match. Actor codes are prefixes, so a
// country code matches every actor of that country.
type EventQuery struct {
	SourceActor string // prefix of the source actor's code
	TargetActor string // prefix of the target actor's code
	Actor       string // prefix of either side's code
	Cameo       string // prefix of the CAMEO code
	Root        string // CAMEO root
	QuadClass   int    // 1–4; 0 any
	Plover      string
	Modality    string
	Filter
	After string
	Limit int
}

// EventHit is one event with the article it is in.
type EventHit struct {
	ArticleID int64  `json:"article_id"`
	Index     int    `json:"index"` // position in the article's Events
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
	article.Event
}

// AggregateEvent is the GDELT-style grouping of the events that share a day, source code,
// target code and CAMEO code across articles.
type AggregateEvent struct {
	Day        string  `json:"day"` // YYYY-MM-DD of the articles' published date; "" unknown
	SourceCode string  `json:"source_code"`
	TargetCode string  `json:"target_code"`
	Cameo      string  `json:"cameo"`
	Root       string  `json:"root"`
	QuadClass  int     `json:"quad_class"`
	Goldstein  float64 `json:"goldstein"`
	// NumMentions counts the events (one article may report the same event twice),
	// NumSources the distinct sources, NumArticles the distinct articles, and NumStories
	// the distinct stories: near-duplicate articles of one cluster count once.
	NumMentions int     `json:"num_mentions"`
	NumSources  int     `json:"num_sources"`
	NumArticles int     `json:"num_articles"`
	NumStories  int     `json:"num_stories"`
	ArticleIDs  []int64 `json:"article_ids"` // ascending
}

// EntityQuery selects entities. All set fields must match.
type EntityQuery struct {
	Name    string // substring of the name, any case
	Type    string // PERSON, ORG, GPE, NORP, LOC
	Country string
	Actor   string // prefix of the actor code
	Filter
	After string
	Limit int
}

// EntityHit is an entity grouped across articles by name, type and country.
type EntityHit struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Country  string `json:"country"`
	Actor    string `json:"actor"`    // the most common actor code among the articles
	Articles int    `json:"articles"` // articles naming it
	Mentions int    `json:"mentions"` // name mentions in those articles
}

// EntityRow is one entity of one article, as Each(KindEntities) gives it.
type EntityRow struct {
	ArticleID int64 `json:"article_id"`
	Index     int   `json:"index"` // position in the article's Entities
	article.Entity
}

// Stats counts what a store holds.
type Stats struct {
	Articles  int64   `json:"articles"`
	Entities  int64   `json:"entities"` // per article: one entity in two articles counts twice
	Mentions  int64   `json:"mentions"`
	Quotes    int64   `json:"quotes"`
	Events    int64   `json:"events"`
	Clusters  int64   `json:"clusters"`
	Sources   int64   `json:"sources"`
	TopActors []Count `json:"top_actors"` // actor codes by events in which they take part
	TopDyads  []Count `json:"top_dyads"`  // "SOURCE>TARGET" by events
}

// Count is a key and how often it occurs.
type Count struct {
	Key   string `json:"key"`
	Count int64  `json:"count"`
}
