// Package entity finds the people, organisations, places and nationalities of an article,
// with their titles, countries and CAMEO actor codes, and ties every later mention (surname,
// title, pronoun) to the entity it refers to. Offsets are byte offsets into nlp.Doc.Text.
package entity

import (
	"slices"
	"sort"
)

// Mention kinds.
const (
	KindName    = "name"
	KindAlias   = "alias"
	KindTitle   = "title"
	KindPronoun = "pronoun"
)

// Mention is one reference to an entity.
type Mention struct {
	Start, End int // byte offsets into the doc text
	Text       string
	Kind       string
	Sentence   int // index of the sentence holding the mention
}

// Entity is one referent. Type is one of article.Person, Org, GPE, NORP, Loc.
type Entity struct {
	ID       string
	Name     string
	Type     string
	Country  string // ISO 3166 alpha-3 (CAMEO country code), "" when unknown
	Roles    []string
	Actor    string // CAMEO actor code, e.g. MEXGOV
	Sector   string // CAMEO sector code, e.g. GOV
	PostedTo string // host country of an envoy
	Mentions []Mention
}

// Set is the entities of one document. It is built by one goroutine and then read-only.
type Set struct {
	Entities []*Entity
	index    []ref // every mention, sorted by start
}

type ref struct {
	m Mention
	e *Entity
}

// Ref is a mention together with its entity.
type Ref struct {
	Mention
	Entity *Entity
}

// Reindex rebuilds the position index after entities or mentions change.
func (s *Set) Reindex() {
	n := 0
	for _, e := range s.Entities {
		n += len(e.Mentions)
	}
	s.index = slices.Grow(s.index[:0], n)
	for _, e := range s.Entities {
		for _, m := range e.Mentions {
			s.index = append(s.index, ref{m, e})
		}
	}
	sort.Slice(s.index, func(i, j int) bool { return s.index[i].m.Start < s.index[j].m.Start })
}

// At returns the entity with a mention overlapping [start, end), preferring the mention
// that overlaps most, and that mention; nil when none does.
func (s *Set) At(start, end int) (*Entity, Mention) {
	var best *Entity
	var bm Mention
	bestOv := 0
	i := sort.Search(len(s.index), func(i int) bool { return s.index[i].m.End > start })
	for ; i < len(s.index) && s.index[i].m.Start < end; i++ {
		r := s.index[i]
		ov := min(end, r.m.End) - max(start, r.m.Start)
		if ov > bestOv {
			best, bm, bestOv = r.e, r.m, ov
		}
	}
	return best, bm
}

// MentionsIn returns every mention in [start, end) in text order, with its entity.
func (s *Set) MentionsIn(start, end int) []Ref {
	var out []Ref
	i := sort.Search(len(s.index), func(i int) bool { return s.index[i].m.Start >= start })
	for ; i < len(s.index) && s.index[i].m.Start < end; i++ {
		if s.index[i].m.End <= end {
			out = append(out, Ref{s.index[i].m, s.index[i].e})
		}
	}
	return out
}
