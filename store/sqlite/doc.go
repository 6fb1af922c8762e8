package sqlite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
)

// The articles.doc column holds what the other columns and tables of an article do not.
//
// Schema 1 and 2 wrote the whole article as JSON (text emptied), its entities, quotes and
// events included, next to the same data in the entities, mentions, quotes and events
// tables: every annotation was stored twice, and the JSON was six times the text. Since
// schema 3, doc is a docV3 (JSON, starting {"v":3): the article's lists that no table holds
// (paragraphs, sentences, removed text, the entities' mentions and references), written as
// offsets into the text wherever the text already holds the words, and the entities,
// quotes and events are read back from their tables. Rows written by older versions keep
// their whole-article JSON, which is still read as it was; both kinds of row read back
// equal, field by field, to the article that was put.

// docVersionPrefix starts every doc written since schema 3, followed by ',' or '}'.
// Whole-article docs start with {"schema_version", the first field of article.Article.
var docVersionPrefix = []byte(`{"v":3`)

// docV3 is the stored part of an article that its columns and annotation tables lack.
type docV3 struct {
	V             int    `json:"v"` // 3
	SchemaVersion string `json:"schema_version,omitempty"`
	// Nil has a bit per list of the article that was nil rather than empty (see nil*).
	Nil int `json:"nil,omitempty"`
	// Paragraphs are byte offsets into the text, start and end per paragraph; a
	// paragraph the text does not hold is -1 and its index in ParaText.
	Paragraphs []int    `json:"paragraphs,omitempty"`
	ParaText   []string `json:"para_text,omitempty"`
	// Sentences are start and end (code points) per sentence.
	Sentences []int             `json:"sentences,omitempty"`
	Removed   []article.Removed `json:"removed,omitempty"`
	// Entities has one element per entity (row of the entities table), with what the
	// table lacks: its mentions and references and its PostedTo.
	Entities []docEntity `json:"entities,omitempty"`
	// Kinds are the mention kinds the entities' mentions index.
	Kinds []string `json:"kinds,omitempty"`
	// NilHedges are the indexes of the quotes whose Hedges was nil (the table has []).
	NilHedges []int `json:"nil_hedges,omitempty"`
	// PublishedFrom is the article's (where its undated Published was guessed from).
	PublishedFrom string `json:"published_from,omitempty"`
}

// Bits of docV3.Nil and docEntity.Nil.
const (
	nilParagraphs = 1 << iota
	nilSentences
	nilRemoved
	nilEntities
	nilQuotes
	nilEvents
)
const (
	nilRoles = 1 << iota
	nilMentions
	nilReferences
)

// docEntity is the part of an entity that the entities table lacks.
type docEntity struct {
	PostedTo string `json:"posted_to,omitempty"`
	Nil      int    `json:"nil,omitempty"`
	// Mentions and References are three numbers per mention: start, end (code points),
	// and 2*k+t, where k indexes docV3.Kinds (the mention's kind) and t is 1 when the
	// mention's text is not the text's code points start to end, but the next of Text.
	Mentions   []int    `json:"mentions,omitempty"`
	References []int    `json:"references,omitempty"`
	Text       []string `json:"text,omitempty"`
}

// runeIndex converts code-point offsets of a text into byte offsets.
type runeIndex struct {
	text  string
	bytes []int32 // bytes[r] = byte offset of code point r; nil when the text is ASCII
}

func newRuneIndex(text string) runeIndex {
	ri := runeIndex{text: text}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ri.bytes = make([]int32, 0, len(text)+1)
			for j := range text {
				ri.bytes = append(ri.bytes, int32(j))
			}
			ri.bytes = append(ri.bytes, int32(len(text)))
			break
		}
	}
	return ri
}

// slice returns the text's code points start to end, and whether they are in it.
func (ri runeIndex) slice(start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	if ri.bytes == nil {
		if end > len(ri.text) {
			return "", false
		}
		return ri.text[start:end], true
	}
	if end >= len(ri.bytes) {
		return "", false
	}
	return ri.text[ri.bytes[start]:ri.bytes[end]], true
}

// encodeDoc returns the doc of a, whose entities, quotes and events go to their tables.
func encodeDoc(a *article.Article) ([]byte, error) {
	d := docV3{V: 3, SchemaVersion: a.SchemaVersion, Removed: a.Removed, PublishedFrom: a.PublishedFrom}
	for _, l := range []struct {
		isNil bool
		bit   int
	}{
		{a.Paragraphs == nil, nilParagraphs}, {a.Sentences == nil, nilSentences},
		{a.Removed == nil, nilRemoved}, {a.Entities == nil, nilEntities},
		{a.Quotes == nil, nilQuotes}, {a.Events == nil, nilEvents},
	} {
		if l.isNil {
			d.Nil |= l.bit
		}
	}
	if len(a.Paragraphs) > 0 {
		d.Paragraphs = make([]int, 0, 2*len(a.Paragraphs))
		at := 0
		for _, p := range a.Paragraphs {
			i := strings.Index(a.Text[at:], p)
			if i >= 0 {
				i += at
			} else {
				i = strings.Index(a.Text, p)
			}
			if i < 0 {
				d.Paragraphs = append(d.Paragraphs, -1, len(d.ParaText))
				d.ParaText = append(d.ParaText, p)
				continue
			}
			d.Paragraphs = append(d.Paragraphs, i, i+len(p))
			at = i + len(p)
		}
	}
	if len(a.Sentences) > 0 {
		d.Sentences = make([]int, 0, 2*len(a.Sentences))
		for _, s := range a.Sentences {
			d.Sentences = append(d.Sentences, s.Start, s.End)
		}
	}
	if len(a.Entities) > 0 {
		ri := newRuneIndex(a.Text)
		kinds := map[string]int{}
		d.Entities = make([]docEntity, len(a.Entities))
		for i := range a.Entities {
			e, de := &a.Entities[i], &d.Entities[i]
			de.PostedTo = e.PostedTo
			if e.Roles == nil {
				de.Nil |= nilRoles
			}
			if e.Mentions == nil {
				de.Nil |= nilMentions
			}
			if e.References == nil {
				de.Nil |= nilReferences
			}
			enc := func(ms []article.Mention) []int {
				if len(ms) == 0 {
					return nil
				}
				out := make([]int, 0, 3*len(ms))
				for _, m := range ms {
					k, ok := kinds[m.Kind]
					if !ok {
						k = len(d.Kinds)
						kinds[m.Kind] = k
						d.Kinds = append(d.Kinds, m.Kind)
					}
					flag := 2 * k
					if s, ok := ri.slice(m.Start, m.End); !ok || s != m.Text {
						flag++
						de.Text = append(de.Text, m.Text)
					}
					out = append(out, m.Start, m.End, flag)
				}
				return out
			}
			de.Mentions = enc(e.Mentions)
			de.References = enc(e.References)
		}
	}
	for i, q := range a.Quotes {
		if q.Hedges == nil {
			d.NilHedges = append(d.NilHedges, i)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&d); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// isDocV3 reports whether doc was written by encodeDoc (else it is a whole article).
func isDocV3(doc []byte) bool {
	n := len(docVersionPrefix)
	return bytes.HasPrefix(doc, docVersionPrefix) && len(doc) > n && (doc[n] == ',' || doc[n] == '}')
}

// decodeDoc fills a, whose text is set, from a doc written by encodeDoc, and returns the
// doc's entity parts and nil-hedge quotes for fillAnnotations. The lists of entities,
// quotes and events are made empty or nil as they were put; the tables' rows fill them.
func decodeDoc(doc []byte, a *article.Article) (*docV3, error) {
	var d docV3
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if d.V != 3 {
		return nil, fmt.Errorf("doc version %d", d.V)
	}
	a.SchemaVersion, a.PublishedFrom = d.SchemaVersion, d.PublishedFrom
	if d.Nil&nilParagraphs == 0 {
		a.Paragraphs = make([]string, 0, len(d.Paragraphs)/2)
		for i := 0; i+1 < len(d.Paragraphs); i += 2 {
			s, e := d.Paragraphs[i], d.Paragraphs[i+1]
			if s < 0 {
				if e < 0 || e >= len(d.ParaText) {
					return nil, fmt.Errorf("doc paragraph %d", i/2)
				}
				a.Paragraphs = append(a.Paragraphs, d.ParaText[e])
				continue
			}
			if e < s || e > len(a.Text) {
				return nil, fmt.Errorf("doc paragraph %d", i/2)
			}
			a.Paragraphs = append(a.Paragraphs, a.Text[s:e])
		}
	}
	if d.Nil&nilSentences == 0 {
		a.Sentences = make([]article.Span, 0, len(d.Sentences)/2)
		for i := 0; i+1 < len(d.Sentences); i += 2 {
			a.Sentences = append(a.Sentences, article.Span{Start: d.Sentences[i], End: d.Sentences[i+1]})
		}
	}
	if d.Nil&nilRemoved == 0 {
		a.Removed = d.Removed
		if a.Removed == nil {
			a.Removed = []article.Removed{}
		}
	}
	if d.Nil&nilEntities == 0 {
		a.Entities = make([]article.Entity, 0, len(d.Entities))
	}
	if d.Nil&nilQuotes == 0 {
		a.Quotes = []article.Quote{}
	}
	if d.Nil&nilEvents == 0 {
		a.Events = []article.Event{}
	}
	return &d, nil
}

// finishEntity sets what the doc holds of the i'th entity of a, read from its table row.
func (d *docV3) finishEntity(ri *runeIndex, i int, e *article.Entity) error {
	if i >= len(d.Entities) {
		return fmt.Errorf("doc has no entity %d", i)
	}
	de := &d.Entities[i]
	e.PostedTo = de.PostedTo
	if de.Nil&nilRoles != 0 && len(e.Roles) == 0 {
		e.Roles = nil
	}
	text := de.Text
	dec := func(ns []int, isNil bool) ([]article.Mention, error) {
		if isNil {
			return nil, nil
		}
		ms := make([]article.Mention, 0, len(ns)/3)
		for j := 0; j+2 < len(ns); j += 3 {
			m := article.Mention{Start: ns[j], End: ns[j+1]}
			flag := ns[j+2]
			if k := flag / 2; k >= 0 && k < len(d.Kinds) {
				m.Kind = d.Kinds[k]
			} else {
				return nil, fmt.Errorf("doc mention kind %d", k)
			}
			if flag%2 == 1 {
				if len(text) == 0 {
					return nil, fmt.Errorf("doc mention text missing")
				}
				m.Text, text = text[0], text[1:]
			} else {
				s, ok := ri.slice(m.Start, m.End)
				if !ok {
					return nil, fmt.Errorf("doc mention %d-%d outside the text", m.Start, m.End)
				}
				m.Text = s
			}
			ms = append(ms, m)
		}
		return ms, nil
	}
	var err error
	if e.Mentions, err = dec(de.Mentions, de.Nil&nilMentions != 0); err != nil {
		return err
	}
	e.References, err = dec(de.References, de.Nil&nilReferences != 0)
	return err
}
