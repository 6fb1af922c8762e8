// Package export writes Herald's stored articles, events, quotes and entities as files that
// other tools read: `herald export --what articles|events|quotes|entities --format
// jsonl|csv|gdelt|parquet`. The CLI streams rows out of the store and hands them one at a
// time to a Writer, so an export has no row cap and runs in constant memory: no writer
// keeps a reference to a Row after Write returns, and the Parquet writer cuts a row group
// every N rows (RowGroupRows) instead of holding the file in memory.
//
// Formats:
//
//   - jsonl: one JSON object per line. Articles are the article JSON (docs/schema.md) plus
//     `id`, `cluster` and `source` (where the store got it); events, quotes and entities
//     are the record plus `article_id`, `url` and `published` of their article.
//   - csv: RFC 4180 with a header row and flat columns per kind; lists are joined with
//     ";". Fields holding line breaks are quoted, so a CSV reader sees one record per row.
//   - gdelt: events only, as the 61 tab-separated columns of the GDELT 2.0 Event table, in
//     GDELT's order and number formats, without a header unless GDELTHeader is given.
//     docs/gdelt.md says where each column comes from, or why it is empty.
//   - parquet: one flat schema per kind (the CSV columns, with lists as Parquet LISTs of
//     strings), Snappy-compressed, with types pandas, Polars and DuckDB map directly:
//     strings are BYTE_ARRAY/STRING, integers INT64, scores DOUBLE. Dates stay the ISO
//     8601 strings Herald extracted ("2024-03-05" or a full timestamp): turning them into
//     TIMESTAMPs would invent a time of day and a zone for the many date-only values.
//
// Parquet is written with github.com/parquet-go/parquet-go: it is pure Go (Herald ships one
// binary without cgo), it is the maintained continuation of segmentio/parquet-go under its
// own organisation with regular releases, it writes the standard LIST and STRING logical
// types that pandas/pyarrow and DuckDB expect, and its generic writer maps a Go struct to
// a schema without reflection per row. xitongsys/parquet-go, the other pure-Go writer, has
// seen few releases in years; apache/arrow-go would pull in Arrow's whole in-memory
// columnar layer just to write flat rows.
package export

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/heraldnews/herald/article"
)

// Row is one thing to export, as the store streams it. Which fields matter depends on
// what is exported:
//
//   - articles: Article (with ArticleID, Cluster, Source);
//   - events: Event, or Article and EventIndex to take it from Article.Events;
//   - quotes: Quote; entities: Entity.
//
// For events, quotes and entities Article may be nil or carry only URL, Published and
// Title; when it has the text, sentences and paragraphs, the GDELT writer also tells
// whether the event is in the lead (IsRootEvent).
type Row struct {
	Article    *article.Article
	ArticleID  int64
	Cluster    string // near-duplicate cluster name, "" when none
	Source     string // where the store got the article: feed name or URL, file or WARC path
	Event      *article.Event
	EventIndex int // the event's position in the article's Events
	Quote      *article.Quote
	Entity     *article.Entity

	// Aggregated GDELT fields, when the store has grouped the event across articles
	// (store.AggregateEvent). Zero means unknown: the GDELT writer then reports the
	// event as seen once, in this one article, and leaves DATEADDED empty.
	NumMentions, NumSources, NumArticles int
	DateAdded                            time.Time
}

// Writer writes rows of one kind in one format.
type Writer interface {
	// Write writes one row. The Writer keeps no reference to r or to what it points to.
	Write(r Row) error
	// Close flushes buffered output and writes any footer (Parquet's metadata). It does
	// not close the underlying io.Writer, which belongs to the caller.
	Close() error
}

// What can be exported, and in which formats.
var (
	Whats   = []string{"articles", "events", "quotes", "entities"}
	Formats = []string{"jsonl", "csv", "gdelt", "parquet"}
)

// Option changes how NewWriter writes.
type Option func(*config)

type config struct {
	gdeltHeader  bool
	rowGroupRows int
}

// GDELTHeader makes the gdelt format start with a header row of GDELT's column names.
// GDELT's own files have none, so the default is none too and files concatenate as
// GDELT's do.
func GDELTHeader(on bool) Option { return func(c *config) { c.gdeltHeader = on } }

// RowGroupRows sets how many rows a Parquet row group holds (n <= 0 keeps the default).
// The writer holds a row group's pages in memory until the group is full, so n bounds
// memory; larger groups compress and scan a little better. The defaults,
// DefaultRowGroupRows and DefaultArticleRowGroupRows, keep a group to a few tens of MB.
func RowGroupRows(n int) Option { return func(c *config) { c.rowGroupRows = n } }

// Default Parquet row group sizes. Articles carry their whole text (several KB each), so
// their groups are smaller than those of events, quotes and entities (a few hundred bytes
// a row).
const (
	DefaultRowGroupRows        = 50_000
	DefaultArticleRowGroupRows = 2_000
)

// NewWriter returns a Writer of what ("articles", "events", "quotes", "entities") in
// format ("jsonl", "csv", "gdelt", "parquet") to w. The gdelt format is only for events:
// the GDELT Event table has no place for anything else.
func NewWriter(w io.Writer, what, format string, opts ...Option) (Writer, error) {
	if !slices.Contains(Whats, what) {
		return nil, fmt.Errorf("export: unknown --what %q (want %s)", what, strings.Join(Whats, ", "))
	}
	var c config
	for _, o := range opts {
		o(&c)
	}
	switch format {
	case "jsonl":
		return newJSONL(w, what), nil
	case "csv":
		return newCSV(w, what), nil
	case "gdelt":
		if what != "events" {
			return nil, fmt.Errorf("export: format gdelt is the GDELT 2.0 Event table and holds events only, not %s; use jsonl, csv or parquet", what)
		}
		return newGDELT(w, c.gdeltHeader), nil
	case "parquet":
		return newParquet(w, what, c.rowGroupRows)
	}
	return nil, fmt.Errorf("export: unknown --format %q (want %s)", format, strings.Join(Formats, ", "))
}

// event returns the row's event: Event, or else Article.Events[EventIndex].
func (r *Row) event() (*article.Event, error) {
	if r.Event != nil {
		return r.Event, nil
	}
	if r.Article != nil && r.EventIndex >= 0 && r.EventIndex < len(r.Article.Events) {
		return &r.Article.Events[r.EventIndex], nil
	}
	return nil, fmt.Errorf("export: events row of article %d has no event (index %d)", r.ArticleID, r.EventIndex)
}

func (r *Row) quote() (*article.Quote, error) {
	if r.Quote == nil {
		return nil, fmt.Errorf("export: quotes row of article %d has no quote", r.ArticleID)
	}
	return r.Quote, nil
}

func (r *Row) entity() (*article.Entity, error) {
	if r.Entity == nil {
		return nil, fmt.Errorf("export: entities row of article %d has no entity", r.ArticleID)
	}
	return r.Entity, nil
}

func (r *Row) article() (*article.Article, error) {
	if r.Article == nil {
		return nil, fmt.Errorf("export: articles row %d has no article", r.ArticleID)
	}
	return r.Article, nil
}

// url and published of the row's article, "" when the row carries none.
func (r *Row) url() string {
	if r.Article == nil {
		return ""
	}
	return r.Article.URL
}

func (r *Row) published() string {
	if r.Article == nil {
		return ""
	}
	return r.Article.Published
}

// mentionNames returns the distinct texts an entity is named by, in order of first use,
// so that a flat row shows "Claudia Sheinbaum;Sheinbaum" rather than every repeat.
func mentionNames(ms []article.Mention) []string {
	names := make([]string, 0, len(ms))
	for _, m := range ms {
		if !slices.Contains(names, m.Text) {
			names = append(names, m.Text)
		}
	}
	return names
}

// orEmpty keeps nil lists out of JSON, where the schema promises [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
