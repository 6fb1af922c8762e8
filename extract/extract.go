// Package extract runs Herald's article pipeline on one document: source bytes are
// cleaned (clean, clean/webpage), analysed into sentences (nlp), and annotated with
// entities (entity), quotes (quote) and events (event), giving one article.Article.
package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/clean/webpage"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/event"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote"
)

// DefaultMaxBytes is the input size limit unless Options says otherwise.
const DefaultMaxBytes = 10 << 20

// ErrTooLarge is returned for input over the size limit.
var ErrTooLarge = errors.New("input too large")

// ErrNoText is what the front ends (herald ingest, herald extract, the API) report for a
// document whose article has no text: an empty or blank file, a page with nothing to keep.
var ErrNoText = errors.New("no article text found")

// Formats of input documents.
const (
	FormatAuto = ""
	FormatText = "text"
	FormatHTML = "html"
	FormatJSON = "json"
)

// Options configure a Pipeline.
type Options struct {
	MaxBytes  int64    // input size limit; 0 means DefaultMaxBytes
	DictFiles []string // user dictionary files added to the embedded one
	// NoQuotes and NoEvents skip those stages, for users who need only clean text and
	// entities (the lists stay empty, as the schema requires).
	NoQuotes, NoEvents bool
}

// Pipeline turns documents into articles. It is safe for concurrent use: all its state
// is read-only after New.
type Pipeline struct {
	maxBytes int64
	entities *entity.Recognizer
	events   *event.Coder // nil when Options.NoEvents
	quotes   bool
	// docs holds *nlp.Doc for Annotate to analyse into: a token array per article was a
	// third of the bytes the pipeline allocated.
	docs sync.Pool
}

// New builds a pipeline, loading the embedded models and dictionaries once.
func New(opts Options) (*Pipeline, error) {
	// The models load independently (each behind its own sync.Once): on several cores,
	// loading them side by side shortens start-up, the whole cost of a one-file run.
	var wg sync.WaitGroup
	load := func(f func()) {
		wg.Add(1)
		go func() { defer wg.Done(); f() }()
	}
	load(func() { ner.Default() })
	if !opts.NoEvents {
		load(func() { event.Default() })
	}
	if !opts.NoQuotes {
		load(func() { quote.Preload() })
	}
	defer wg.Wait()
	d := dict.Default()
	if len(opts.DictFiles) > 0 {
		var err error
		if d, err = dict.Load(opts.DictFiles...); err != nil {
			return nil, err
		}
	}
	p := &Pipeline{
		maxBytes: opts.MaxBytes,
		entities: entity.New(ner.Default(), d),
		quotes:   !opts.NoQuotes,
	}
	if !opts.NoEvents {
		p.events = event.Default()
	}
	if p.maxBytes <= 0 {
		p.maxBytes = DefaultMaxBytes
	}
	return p, nil
}

// Input is one document to extract.
type Input struct {
	Path   string // where it came from, copied to the article
	URL    string
	Format string // FormatAuto detects it from the path and the bytes
	Data   []byte
}

// jsonInput is the JSON document form: {"url","title","text","published"}, with "html"
// accepted in place of "text".
type jsonInput struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Published string `json:"published"`
}

// Extract runs the whole pipeline on one document. A failure is an error naming the
// document, never a panic.
func (p *Pipeline) Extract(in Input) (a *article.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("%s: internal error: %v\n%s", in.Path, r, debug.Stack())
		}
	}()
	if int64(len(in.Data)) > p.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d (raise it with --max-bytes)", ErrTooLarge, len(in.Data), p.maxBytes)
	}
	a = article.New()
	a.Path, a.URL = in.Path, in.URL
	var doc *clean.Doc
	switch detect(in) {
	case FormatJSON:
		var j jsonInput
		if err := json.Unmarshal(in.Data, &j); err != nil {
			return nil, fmt.Errorf("not a JSON article: %w", err)
		}
		if a.URL == "" {
			a.URL = j.URL
		}
		if j.Text == "" && j.HTML != "" {
			doc, err = p.html([]byte(j.HTML), a)
			if err != nil {
				return nil, err
			}
			if j.Title != "" {
				doc.Title = j.Title
			}
		} else {
			doc = clean.Text(j.Text, j.Title)
		}
		if j.Published != "" {
			doc.Published = j.Published
		}
	case FormatHTML:
		doc, err = p.html(in.Data, a)
		if err != nil {
			return nil, err
		}
	default:
		doc = clean.Text(string(in.Data), "")
	}
	if doc.Published == "" {
		// Undated pages and files take the day in their URL or file name, which dates
		// the office holders' terms (entity) as the page's own date would.
		if doc.Published = dateFromPath(a.URL, true); doc.Published != "" {
			a.PublishedFrom = article.PublishedFromURL
		} else if doc.Published = dateFromPath(in.Path, false); doc.Published != "" {
			a.PublishedFrom = article.PublishedFromPath
		}
	}
	p.Annotate(a, doc)
	return a, nil
}

func (p *Pipeline) html(data []byte, a *article.Article) (*clean.Doc, error) {
	page, err := webpage.Extract(data, a.URL)
	if err != nil {
		return nil, err
	}
	doc := clean.Paragraphs(page.Paragraphs, page.Title)
	doc.Byline, doc.Published = page.Byline, page.Published
	for _, b := range page.Boilerplate {
		doc.Removed = append(doc.Removed, article.Removed{Kind: article.RemovedBoilerplate, Text: b})
	}
	if a.URL == "" {
		a.URL = page.URL
	}
	a.Language = page.Language
	return doc, nil
}

// Annotate fills a from a cleaned document: text, sentences, entities, quotes, events.
func (p *Pipeline) Annotate(a *article.Article, doc *clean.Doc) {
	text, spans := doc.Text()
	a.Title, a.Subtitle, a.Byline, a.Published = doc.Title, doc.Subtitle, doc.Byline, doc.Published
	a.Text = text
	a.Paragraphs = append(a.Paragraphs, doc.Paragraphs...)
	a.Removed = append(a.Removed, doc.Removed...)
	paras := make([]nlp.Span, len(spans))
	for i, s := range spans {
		paras[i] = nlp.Span{Start: s.Start, End: s.End}
	}
	nd, _ := p.docs.Get().(*nlp.Doc)
	if nd == nil {
		nd = new(nlp.Doc)
	}
	// Nothing of nd outlives Annotate: the article holds offsets and substrings of text.
	defer p.docs.Put(nd)
	nlp.AnalyzeInto(nd, text, paras)
	nd.Published = doc.Published // dates the office holders' terms (entity)
	if a.Language == "" {
		a.Language = language(nd)
	}
	om := article.NewOffsetMap(text)
	// The article's lists are sized before they are filled: growing them by appending
	// was a tenth of the pipeline's allocated bytes.
	a.Sentences = slices.Grow(a.Sentences, len(nd.Sentences))
	for _, s := range nd.Sentences {
		a.Sentences = append(a.Sentences, article.Span{Start: om.Rune(s.Start), End: om.Rune(s.End)})
	}
	ents := p.entities.Recognize(nd)
	a.Entities = slices.Grow(a.Entities, len(ents.Entities))
	for _, e := range ents.Entities {
		refs := 0
		for _, m := range e.Mentions {
			if m.Kind == entity.KindPronoun || m.Kind == entity.KindTitle {
				refs++
			}
		}
		ae := article.Entity{
			ID: e.ID, Name: e.Name, Type: e.Type, Country: e.Country, Roles: e.Roles,
			Actor: e.Actor, Sector: e.Sector, PostedTo: e.PostedTo,
			Mentions:   make([]article.Mention, 0, len(e.Mentions)-refs),
			References: make([]article.Mention, 0, refs),
		}
		if ae.Roles == nil {
			ae.Roles = []string{}
		}
		for _, m := range e.Mentions {
			am := article.Mention{Start: om.Rune(m.Start), End: om.Rune(m.End), Text: m.Text, Kind: m.Kind}
			if m.Kind == entity.KindPronoun || m.Kind == entity.KindTitle {
				ae.References = append(ae.References, am)
			} else {
				ae.Mentions = append(ae.Mentions, am)
			}
		}
		a.Entities = append(a.Entities, ae)
	}
	var qs []quote.Quote
	if p.quotes {
		qs = p.addQuotes(a, nd, ents, text, om)
	}
	if p.events != nil {
		evs := p.events.Code(nd, ents)
		attributed(evs, nd, qs)
		if len(a.Events) == 0 && len(evs) > 0 {
			a.Events = evs // the coder's fresh slice: no copy
		} else {
			a.Events = append(a.Events, evs...)
		}
	}
}

// attributed marks reported the asserted events whose cue lies in a quotation or in
// reported content that the quote finder gave to a speaker ("“… and Trump has betrayed
// them.”", "Biden warned that Trump had elevated the dangers …"): the article does not
// say they happened, the speaker does. The coder sees one sentence and misses a
// quotation that began sentences before, or a cue it does not list. An event whose source
// is the speaker stays asserted: saying it is the act ("I congratulate her", "we reject
// the plan"). On the 840 PolNeAR train texts this moves 956 of 4,512 asserted events.
// speechGovernors are speech verbs an event's cue may open with, before the content
// whose verb the event is.
var speechGovernors = map[string]bool{"saying": true, "said": true, "says": true, "say": true,
	"adding": true, "stating": true, "claiming": true, "insisting": true, "arguing": true}

func attributed(evs []article.Event, nd *nlp.Doc, qs []quote.Quote) {
	if len(qs) == 0 {
		return
	}
	for i := range evs {
		e := &evs[i]
		if e.Modality != article.Asserted || e.Sentence < 0 || e.Sentence >= len(nd.Sentences) {
			continue
		}
		k := strings.Index(e.Evidence, e.Cue)
		if k < 0 || e.Cue == "" {
			continue
		}
		a := nd.Sentences[e.Sentence].Start + k
		b := a + len(e.Cue)
		// A cue that opens with a speech verb ("saying its forces hit") holds the
		// governor outside the content; its last word, the event's verb, is inside.
		// (Not so "refused to sign": the refusal is the act.)
		if first, _, _ := strings.Cut(e.Cue, " "); speechGovernors[strings.ToLower(first)] {
			a += strings.LastIndex(e.Cue, " ") + 1
		}
		for _, q := range qs {
			if q.Start <= a && b <= q.End {
				if q.Speaker == nil || q.Speaker.ID != e.Source.Entity {
					e.Modality = article.Reported
				}
				break
			}
		}
	}
}

func (p *Pipeline) addQuotes(a *article.Article, nd *nlp.Doc, ents *entity.Set, text string, om article.OffsetMap) []quote.Quote {
	qs := quote.Find(nd, ents)
	a.Quotes = slices.Grow(a.Quotes, len(qs))
	for _, q := range qs {
		aq := article.Quote{
			Kind: q.Kind, Text: text[q.Start:q.End], Start: om.Rune(q.Start), End: om.Rune(q.End),
			SpeakerName: q.SpeakerName, Cue: q.Cue, Hedges: q.Hedges,
		}
		if q.Speaker != nil {
			aq.Speaker = q.Speaker.ID
		}
		if q.SpeakerEnd > q.SpeakerStart {
			aq.SpeakerStart, aq.SpeakerEnd = om.Rune(q.SpeakerStart), om.Rune(q.SpeakerEnd)
		}
		if aq.Hedges == nil {
			aq.Hedges = []string{}
		}
		a.Quotes = append(a.Quotes, aq)
	}
	return qs
}

// detect decides an input's format from its declared format, its name and its bytes.
func detect(in Input) string {
	if in.Format != FormatAuto {
		return in.Format
	}
	switch strings.ToLower(filepath.Ext(in.Path)) {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".json":
		return FormatJSON
	case ".txt", ".text":
		return FormatText
	}
	head := bytes.TrimSpace(in.Data[:min(len(in.Data), 1024)])
	lower := bytes.ToLower(head)
	switch {
	case bytes.HasPrefix(head, []byte("{")):
		return FormatJSON
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.Contains(lower, []byte("<body")), bytes.Contains(lower, []byte("<head")):
		return FormatHTML
	}
	return FormatText
}

// language guesses the language from function words; Herald's models are English, so it
// tells English from the rest ("und").
func language(doc *nlp.Doc) string {
	en, n := 0, 0
	for _, s := range doc.Sentences {
		for _, t := range s.Tokens {
			if len(t.Text) > 5 || !utf8.ValidString(t.Text) {
				continue
			}
			n++
			if isEnglishWord(t.Text) {
				en++
			}
			if n >= 400 {
				break
			}
		}
	}
	if n > 0 && en*100 >= n*15 {
		return "en"
	}
	return "und"
}

// isEnglishWord reports whether w, lower-cased, is one of englishWords, without a copy
// for the usual ASCII word.
func isEnglishWord(w string) bool {
	_, ok := nlp.LookupFold(englishWords, englishFirst, w)
	return ok
}

var englishFirst = nlp.FirstBytes(englishWords)

var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true,
	"that": true, "for": true, "it": true, "was": true, "on": true, "with": true, "he": true,
	"she": true, "as": true, "by": true, "at": true, "said": true, "from": true, "his": true,
	"her": true, "are": true, "be": true, "has": true, "have": true, "not": true, "will": true,
}
