package store

import (
	"context"
	"fmt"

	"github.com/heraldnews/herald/article"
)

// EachRow calls fn with the rows of one kind that a stored article holds, as Each hands
// them out: the article itself, or one EntityRow, QuoteHit or EventHit per annotation.
// Backends read articles and use EachRow, so every backend streams the same rows.
func EachRow(kind Kind, st *Stored, fn func(row any) error) error {
	switch kind {
	case KindArticles:
		return fn(st)
	case KindEntities:
		for i, e := range st.Entities {
			if err := fn(EntityRow{ArticleID: st.ID, Index: i, Entity: e}); err != nil {
				return err
			}
		}
	case KindQuotes:
		for i, q := range st.Quotes {
			h := QuoteHit{ArticleID: st.ID, Index: i, Title: st.Title, URL: st.URL, Published: st.Published, Quote: q}
			if e := EntityByID(st.Article, q.Speaker); e != nil {
				h.SpeakerActor, h.SpeakerCountry = e.Actor, e.Country
			}
			if err := fn(h); err != nil {
				return err
			}
		}
	case KindEvents:
		for i, e := range st.Events {
			if err := fn(EventHit{ArticleID: st.ID, Index: i, Title: st.Title, URL: st.URL, Published: st.Published, Event: e}); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("store: unknown kind %q", kind)
	}
	return nil
}

// EachChunked is the walk behind a backend's Each: it calls chunk for the stored articles
// with ids above after (0 at first) in id order, at most size of them, and hands each
// article's rows of kind to fn (see EachRow), until a chunk comes back with fewer than size.
// A backend's chunk is one short query, so nothing is held open while fn runs.
func EachChunked(ctx context.Context, kind Kind, size int, chunk func(ctx context.Context, after int64) ([]*Stored, error), fn func(row any) error) error {
	for after := int64(0); ; {
		sts, err := chunk(ctx, after)
		if err != nil {
			return err
		}
		for _, st := range sts {
			if err := EachRow(kind, st, fn); err != nil {
				return err
			}
		}
		if len(sts) < size {
			return nil
		}
		after = sts[len(sts)-1].ID
	}
}

// ValidKind reports whether Each knows kind.
func ValidKind(kind Kind) bool {
	switch kind {
	case KindArticles, KindEntities, KindQuotes, KindEvents:
		return true
	}
	return false
}

// EntityByID returns the article's entity with the id, or nil ("" names none).
func EntityByID(a *article.Article, id string) *article.Entity {
	if id == "" || a == nil {
		return nil
	}
	for i := range a.Entities {
		if a.Entities[i].ID == id {
			return &a.Entities[i]
		}
	}
	return nil
}
