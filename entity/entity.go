// Package entity finds the people, organisations, places and nationalities of an article,
// with their titles, countries and CAMEO actor codes, and ties every later mention (surname,
// title, pronoun) to the entity it refers to. Offsets are byte offsets into nlp.Doc.Text.
//
// An office holder whose dictionary entry has dated terms gets the code of the office held
// on the article's publication date (nlp.Doc.Published); an undated article gets the
// latest (see README.md).
package entity

import (
	"slices"
	"sort"

	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/nlp"
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
	scan     dictScan
}

// dictScan keeps the result of the recogniser's left-to-right dictionary scan, so that a
// later stage looking up the same positions (the event coder's actor search) does not
// repeat the trie walks, a tenth of the entity stage's time.
type dictScan struct {
	doc     *nlp.Doc // the document scanned
	sentOff []int32  // sentence k's tokens start at sentOff[k] in at
	at      []int32  // per token: scanUnknown, scanMiss, or an index into hits
	hits    []scanHit
}

const (
	scanUnknown = -2 // the scan stepped over this token (inside a longer match)
	scanMiss    = -1
)

type scanHit struct {
	entry dict.Entry
	n     int
}

// DictMatch returns what the recogniser's dictionary found at token i of sentence sent of
// doc:
// the longest entry starting there and its length in tokens (found), as
// dict.Dict.MatchHashed would. scanned is false where the scan did not look (tokens
// inside a longer match, or a set not built by Recognize); callers then match themselves.
func (s *Set) DictMatch(doc *nlp.Doc, sent, i int) (e dict.Entry, n int, found, scanned bool) {
	if s == nil || doc == nil || s.scan.doc != doc || sent < 0 || sent+1 >= len(s.scan.sentOff) {
		return dict.Entry{}, 0, false, false
	}
	k := int(s.scan.sentOff[sent]) + i
	if i < 0 || k >= int(s.scan.sentOff[sent+1]) {
		return dict.Entry{}, 0, false, false
	}
	switch v := s.scan.at[k]; v {
	case scanUnknown:
		return dict.Entry{}, 0, false, false
	case scanMiss:
		return dict.Entry{}, 0, false, true
	default:
		h := &s.scan.hits[v]
		return h.entry, h.n, true, true
	}
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
	return s.AppendMentionsIn(nil, start, end)
}

// AppendMentionsIn is MentionsIn appending to dst, for callers that reuse a buffer.
func (s *Set) AppendMentionsIn(dst []Ref, start, end int) []Ref {
	out := dst
	i := sort.Search(len(s.index), func(i int) bool { return s.index[i].m.Start >= start })
	for ; i < len(s.index) && s.index[i].m.Start < end; i++ {
		if s.index[i].m.End <= end {
			out = append(out, Ref{s.index[i].m, s.index[i].e})
		}
	}
	return out
}
