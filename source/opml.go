package source

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// opmlDoc is the part of OPML 1.0/2.0 a feed list needs: nested outlines with xmlUrl.
type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	XMLURL   string        `xml:"xmlUrl,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

// parseOPML returns the feed URLs of an OPML list in document order, without
// duplicates.
func parseOPML(data []byte) ([]string, error) {
	var doc opmlDoc
	d := xml.NewDecoder(bytes.NewReader(data))
	// Lists in the wild declare ISO-8859-1 and such; attribute URLs are ASCII in
	// practice, so reading the bytes as they are is enough.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not an OPML list: %w", err)
	}
	var urls []string
	seen := map[string]bool{}
	var walk func([]opmlOutline)
	walk = func(os []opmlOutline) {
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				urls = append(urls, u)
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body)
	if len(urls) == 0 {
		return nil, errors.New("OPML list has no feeds (outline xmlUrl)")
	}
	return urls, nil
}

// newOPMLSource iterates every feed of an OPML list, one after another. A feed that
// cannot be fetched or parsed is a DocError and the rest go on. A local list may name
// local feed files, relative to the list; a remote one only http(s) URLs, so a list
// from the web cannot make Herald read local files.
func newOPMLSource(ref string, data []byte, opts Options) Source {
	opts.fetcher()
	local := !isURL(ref)
	var feeds []string
	parsed := false
	return &multi{next: func(ctx context.Context) (Source, error) {
		if !parsed {
			parsed = true
			var err error
			if feeds, err = parseOPML(data); err != nil {
				return nil, &DocError{Ref: ref, Err: err}
			}
			data = nil
		}
		if len(feeds) == 0 {
			return nil, io.EOF
		}
		u := feeds[0]
		feeds = feeds[1:]
		if isURL(u) {
			if err := checkScheme(u); err != nil {
				return nil, &DocError{Ref: u, Err: err}
			}
			return newURLSource(u, opts), nil
		}
		if !local || strings.Contains(u, "://") {
			return nil, &DocError{Ref: u, Err: fmt.Errorf("feed URL in %s is not http(s)", ref)}
		}
		p := u
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(ref), p)
		}
		s, err := openFeedFile(p, opts)
		if err != nil {
			return nil, asDocError(err)
		}
		return s, nil
	}}
}

func openOPMLFile(path string, opts Options) (Source, error) {
	data, err := readFile(path, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	return newOPMLSource(path, data, opts), nil
}
