package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/heraldnews/herald/extract"
	"github.com/mmcdole/gofeed"
)

// feedSource yields the items of one RSS, Atom or JSON feed. An item's content
// (content:encoded, else description) becomes a JSON document carrying the item's
// title, link and date, so extract keeps them. With FetchLinked the page the item
// links to is fetched instead; if that fails the failure is a DocError and the item's
// own content, if any, follows as the fallback document. A feed that does not parse
// is one DocError. onEOF runs once every item has been handed out: it stores the
// feed's HTTP validators, so an interrupted run does not lose items to a 304.
type feedSource struct {
	ref   string
	data  []byte
	opts  Options
	onEOF func()

	parsed  bool
	title   string
	items   []*gofeed.Item
	pending []result // documents and errors of the current item still to hand out
}

// result is one answer of Next, queued.
type result struct {
	doc Document
	err error
}

func newFeedSource(ref string, data []byte, opts Options, onEOF func()) *feedSource {
	return &feedSource{ref: ref, data: data, opts: opts, onEOF: onEOF}
}

func openFeedFile(path string, opts Options) (Source, error) {
	data, err := readFile(path, opts.maxBytes())
	if err != nil {
		if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrBinary) {
			return nil, &sourceError{ref: path, err: err}
		}
		return nil, err
	}
	return newFeedSource(path, data, opts, nil), nil
}

func (s *feedSource) Next(ctx context.Context) (Document, error) {
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	if !s.parsed {
		s.parsed = true
		feed, err := parseFeed(s.data)
		s.data = nil
		if err != nil {
			return Document{}, &DocError{Ref: s.ref, Err: err}
		}
		s.title = strings.TrimSpace(feed.Title)
		if s.title == "" {
			s.title = s.ref
		}
		s.items = feed.Items
	}
	for len(s.pending) == 0 {
		if len(s.items) == 0 {
			if s.onEOF != nil {
				s.onEOF()
				s.onEOF = nil
			}
			return Document{}, io.EOF
		}
		it := s.items[0]
		s.items[0] = nil
		s.items = s.items[1:]
		if it == nil {
			continue
		}
		s.pending = s.item(ctx, it)
		if err := ctx.Err(); err != nil {
			return Document{}, err
		}
	}
	r := s.pending[0]
	s.pending = s.pending[1:]
	return r.doc, r.err
}

// item turns one feed item into its documents and errors.
func (s *feedSource) item(ctx context.Context, it *gofeed.Item) []result {
	id := strings.TrimSpace(it.GUID)
	if id == "" {
		id = strings.TrimSpace(it.Link)
	}
	if id == "" {
		id = strconv.Itoa(len(s.items))
	}
	ref := s.ref + "#" + id
	content := it.Content
	if strings.TrimSpace(content) == "" {
		content = it.Description
	}
	link := strings.TrimSpace(it.Link)
	var out []result
	if s.opts.FetchLinked && link != "" {
		doc, err := s.fetchLinked(ctx, ref, link)
		if err == nil {
			return []result{{doc: doc}}
		}
		out = append(out, result{err: &DocError{Ref: ref, Err: fmt.Errorf("fetching linked page: %w", err)}})
	}
	if strings.TrimSpace(content) == "" {
		if len(out) == 0 {
			out = append(out, result{err: &DocError{Ref: ref, Err: errors.New("item has no content (FetchLinked would fetch its page)")}})
		}
		return out
	}
	data, err := json.Marshal(jsonLine{URL: link, Title: strings.TrimSpace(it.Title), HTML: content, Published: it.Published})
	if err != nil {
		return append(out, result{err: &DocError{Ref: ref, Err: err}})
	}
	if int64(len(data)) > s.opts.maxBytes() {
		return append(out, result{err: &DocError{Ref: ref, Err: fmt.Errorf("%w: item over %d bytes", ErrTooLarge, s.opts.maxBytes())}})
	}
	return append(out, result{doc: Document{
		Input:  extract.Input{Path: ref, URL: link, Format: extract.FormatJSON, Data: data},
		Source: s.title,
		Kind:   KindFeed,
		Ref:    ref,
	}})
}

func (s *feedSource) fetchLinked(ctx context.Context, ref, link string) (Document, error) {
	resp, err := s.opts.fetcher().Fetch(ctx, link, false)
	if err != nil {
		return Document{}, err
	}
	in, err := pageInput(ref, resp)
	if err != nil {
		return Document{}, err
	}
	return Document{Input: in, Source: s.title, Kind: KindFeed, Ref: ref}, nil
}

func (s *feedSource) Close() error { return nil }

// parseFeed parses a feed, turning a panic in the parser into an error: feeds are
// outside input and one bad feed must not stop a watch.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a feed: %w", err)
	}
	return feed, nil
}
