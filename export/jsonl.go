package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/heraldnews/herald/article"
)

// jsonlWriter writes one JSON object per line. Objects embed the article's own types so
// the field names and meanings are exactly those of docs/schema.md.
type jsonlWriter struct {
	buf  *bufio.Writer
	enc  *json.Encoder
	what string
}

func newJSONL(w io.Writer, what string) *jsonlWriter {
	b := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(b)
	// As `herald extract` does: titles and quotes hold "<" and "&" often, and escaping them
	// as \u003c only makes the file harder to read. JSON strings never hold a raw newline,
	// so every object stays on one line whatever the text holds.
	enc.SetEscapeHTML(false)
	return &jsonlWriter{buf: b, enc: enc, what: what}
}

type articleJSON struct {
	ID      int64  `json:"id"`
	Cluster string `json:"cluster"`
	Source  string `json:"source,omitempty"`
	*article.Article
}

// recordJSON holds what every event, quote and entity line carries besides the record:
// the article it belongs to, so a line stands on its own.
type recordJSON struct {
	ArticleID int64  `json:"article_id"`
	Cluster   string `json:"cluster,omitempty"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

type eventJSON struct {
	recordJSON
	Index int `json:"index"` // position in the article's events
	*article.Event
}

type quoteJSON struct {
	recordJSON
	*article.Quote
}

type entityJSON struct {
	recordJSON
	*article.Entity
}

func (j *jsonlWriter) Write(r Row) error {
	rec := recordJSON{ArticleID: r.ArticleID, Cluster: r.Cluster, URL: r.url(), Published: r.published()}
	switch j.what {
	case "articles":
		a, err := r.article()
		if err != nil {
			return err
		}
		return j.enc.Encode(articleJSON{ID: r.ArticleID, Cluster: r.Cluster, Source: r.Source, Article: withLists(a)})
	case "events":
		e, err := r.event()
		if err != nil {
			return err
		}
		return j.enc.Encode(eventJSON{recordJSON: rec, Index: r.EventIndex, Event: e})
	case "quotes":
		q, err := r.quote()
		if err != nil {
			return err
		}
		if q.Hedges == nil {
			c := *q
			c.Hedges = []string{}
			q = &c
		}
		return j.enc.Encode(quoteJSON{recordJSON: rec, Quote: q})
	default: // entities
		e, err := r.entity()
		if err != nil {
			return err
		}
		return j.enc.Encode(entityJSON{recordJSON: rec, Entity: withEntityLists(e)})
	}
}

func (j *jsonlWriter) Close() error { return j.buf.Flush() }

// withLists returns a, or a shallow copy of it whose nil lists are empty, so that the
// exported JSON keeps the schema's promise of [] rather than null even for articles
// built without article.New. The caller's article is never modified.
func withLists(a *article.Article) *article.Article {
	ok := a.Paragraphs != nil && a.Sentences != nil && a.Removed != nil && a.Entities != nil && a.Quotes != nil && a.Events != nil
	for i := range a.Entities {
		ok = ok && a.Entities[i].Roles != nil && a.Entities[i].Mentions != nil && a.Entities[i].References != nil
	}
	for i := range a.Quotes {
		ok = ok && a.Quotes[i].Hedges != nil
	}
	if ok {
		return a
	}
	c := *a
	c.Paragraphs = orEmpty(c.Paragraphs)
	c.Sentences = orEmpty(c.Sentences)
	c.Removed = orEmpty(c.Removed)
	c.Events = orEmpty(c.Events)
	c.Entities = make([]article.Entity, len(a.Entities))
	for i := range a.Entities {
		c.Entities[i] = *withEntityLists(&a.Entities[i])
	}
	c.Quotes = make([]article.Quote, len(a.Quotes))
	for i, q := range a.Quotes {
		q.Hedges = orEmpty(q.Hedges)
		c.Quotes[i] = q
	}
	return &c
}

func withEntityLists(e *article.Entity) *article.Entity {
	if e.Roles != nil && e.Mentions != nil && e.References != nil {
		return e
	}
	c := *e
	c.Roles = orEmpty(c.Roles)
	c.Mentions = orEmpty(c.Mentions)
	c.References = orEmpty(c.References)
	return &c
}
