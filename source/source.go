// Package source is where Herald's documents come from: files, directories, JSON Lines
// files, RSS/Atom feeds, OPML feed lists, WARC archives (such as Common Crawl's CC-NEWS)
// and single web pages. It turns each of them into a stream of Documents, each holding
// the extract.Input the article pipeline takes, for `herald ingest SOURCE...` and
// `herald watch`.
//
// Following the Benthos habit the project borrows (see DESIGN.md), a Source is a tiny
// pull interface, and a bad document is a counted, explained failure, never a stop:
// Next returns a *DocError for a record that could not be turned into a document (a
// malformed JSON line, a corrupt gzip member, a feed that would not parse, a binary
// file), and the caller counts it, reports it and calls Next again. Any other error is
// fatal for that source; io.EOF ends it.
//
// # Concurrency
//
// A Source is not safe for concurrent use: one goroutine calls Next until it returns
// io.EOF or a fatal error, then calls Close once. Documents handed out own their bytes
// (no buffer is reused), so they may be passed to a worker pool while Next goes on.
// Different Sources may run in parallel; a *Fetcher shared between them (through
// Options.Fetcher) is safe for concurrent use and keeps the per-host politeness delay
// across them.
//
// # Libraries
//
// Feeds are parsed with github.com/mmcdole/gofeed, the de-facto Go feed parser (RSS
// 0.9–2.0, Atom, JSON Feed; content:encoded handling). WARC files are read with
// github.com/nlnwa/gowarc/v3 (National Library of Norway): it is maintained (v3.1.0,
// 2026), pure Go, reads only (no crawler, TLS or proxy dependencies, unlike
// CorentinB/warc, which has moved to internetarchive/gowarc and is a capture library),
// reports each record's byte offset, handles per-record gzip members, and with lenient
// syntax policy scans forward to the next record or gzip member after damage, which is
// what lets one corrupt member cost one record rather than the file. slyrz/warc
// has no tagged release to pin.
package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heraldnews/herald/extract"
)

// Kinds of documents, in Document.Kind.
const (
	KindFile  = "file"
	KindJSONL = "jsonl"
	KindFeed  = "feed"
	KindWARC  = "warc"
	KindURL   = "url"
)

// Defaults for Options.
const (
	DefaultMaxBytes     = extract.DefaultMaxBytes
	DefaultUserAgent    = "Herald/1.0 (+https://github.com/heraldnews/herald)"
	DefaultTimeout      = 30 * time.Second
	DefaultPerHostDelay = 1 * time.Second
	// MaxRedirects is how many redirects a fetch follows before giving up.
	MaxRedirects = 5
)

// ErrTooLarge is extract's error, so one errors.Is check covers both the source's and
// the pipeline's size limit.
var ErrTooLarge = extract.ErrTooLarge

// ErrBinary marks a file that is not text, HTML or JSON.
var ErrBinary = errors.New("binary content")

// ErrGzipNotWARC marks a gzip file without a telling name (.warc.gz, .jsonl.gz) that
// holds no WARC, such as a gzipped article.
var ErrGzipNotWARC = errors.New("gzip file that is not a WARC (only .warc.gz and .jsonl.gz are read)")

// Document is one document from a source.
type Document struct {
	Input  extract.Input // what the article pipeline takes
	Source string        // the source it came from: a file, directory, feed title or URL, WARC file
	Kind   string        // KindFile, KindJSONL, KindFeed, KindWARC or KindURL
	Ref    string        // where exactly: path, path:line, warc-path@offset, feed#guid, URL
}

// Source yields documents. See the package documentation for its concurrency contract.
type Source interface {
	// Next returns the next document; io.EOF when there are no more; a *DocError for a
	// bad record, after which Next may be called again; any other error is fatal.
	Next(ctx context.Context) (Document, error)
	// Close releases files and connections. It is safe to call after any error.
	Close() error
}

// DocError is a record that could not become a document. The source goes on: the
// caller counts it, explains it and calls Next again.
type DocError struct {
	Ref string // where: path, path:line, warc-path@offset, feed URL or item
	Err error
}

func (e *DocError) Error() string { return e.Ref + ": " + e.Err.Error() }
func (e *DocError) Unwrap() error { return e.Err }

// IsDocError reports whether err is a per-document failure rather than a fatal one.
func IsDocError(err error) bool {
	var de *DocError
	return errors.As(err, &de)
}

// Options configure the sources Open makes. The zero value is usable.
type Options struct {
	MaxBytes     int64         // per document; 0 means DefaultMaxBytes
	Client       *http.Client  // transport for fetches; nil means a new client with Timeout
	UserAgent    string        // "" means DefaultUserAgent
	Timeout      time.Duration // per request; 0 means DefaultTimeout
	PerHostDelay time.Duration // gap between requests to one host; 0 means DefaultPerHostDelay, <0 none
	FetchLinked  bool          // for feed items, fetch the page the item links to
	// Validators keeps ETag/Last-Modified per URL for conditional GETs; nil keeps none.
	Validators Validators
	// Fetcher, if set, is used for all HTTP and shared between sources; otherwise Open
	// makes one from the fields above.
	Fetcher *Fetcher
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o *Options) fetcher() *Fetcher {
	if o.Fetcher == nil {
		o.Fetcher = NewFetcher(*o)
	}
	return o.Fetcher
}

// Open returns the source a spec names:
//   - an http(s) URL: a feed or OPML list if the response says so, else one web page;
//   - a directory: every document, JSON Lines and WARC file under it;
//   - *.jsonl, *.ndjson (optionally .gz): one document per line;
//   - *.warc, *.warc.gz: HTML response records;
//   - *.opml: every feed in the list;
//   - *.xml, *.rss, *.atom: a feed;
//   - any other file: one document, its kind sniffed from its first bytes.
func Open(spec string, opts Options) (Source, error) {
	// One fetcher for everything this spec opens (an OPML list's feeds, linked pages),
	// so the per-host delay holds across them.
	opts.fetcher()
	if isURL(spec) {
		if err := checkScheme(spec); err != nil {
			return nil, err
		}
		return newURLSource(spec, opts), nil
	}
	if u, err := url.Parse(spec); err == nil && u.Scheme != "" && len(u.Scheme) > 1 && strings.Contains(spec, "://") {
		return nil, fmt.Errorf("%s: unsupported scheme %q (only http and https)", spec, u.Scheme)
	}
	fi, err := os.Stat(spec)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return newDirSource(spec, opts)
	}
	return openFile(spec, opts)
}

// openFile dispatches one file on its name, then on its first bytes.
func openFile(path string, opts Options) (Source, error) {
	switch kindOfName(path) {
	case KindJSONL:
		return openJSONL(path, opts)
	case KindWARC:
		return openWARC(path, opts)
	case "opml":
		return openOPMLFile(path, opts)
	case KindFeed:
		return openFeedFile(path, opts)
	}
	// Most files of a folder are articles under the size limit: read such a file once,
	// and decide its kind from the bytes read, rather than open it once to sniff and
	// again to read. Anything else (too large, binary: perhaps a WARC) is sniffed alone.
	if data, err := readFile(path, opts.maxBytes()); err == nil {
		switch sniff(data[:min(len(data), 1024)]) {
		case KindWARC:
			return openWARC(path, opts)
		case "opml":
			return openOPMLFile(path, opts)
		case KindFeed:
			return openFeedFile(path, opts)
		}
		return &fileSource{path: path, data: data, read: true}, nil
	}
	head, err := readHead(path, 1024)
	if err != nil {
		return nil, err
	}
	switch sniff(head) {
	case KindWARC:
		if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) && !gzipHoldsWARC(path) {
			return nil, &os.PathError{Op: "read", Path: path, Err: ErrGzipNotWARC}
		}
		return openWARC(path, opts)
	case "opml":
		return openOPMLFile(path, opts)
	case KindFeed:
		return openFeedFile(path, opts)
	}
	return newFileSource(path, opts), nil
}

// kindOfName maps a file name to a source kind; "" means decide from the bytes.
func kindOfName(path string) string {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson":
		return KindJSONL
	case ".warc":
		return KindWARC
	case ".opml":
		return "opml"
	case ".rss", ".atom":
		return KindFeed
	case ".xml":
		// An .xml file may be anything; only a feed's root element makes it one.
		return ""
	case ".html", ".htm", ".xhtml", ".txt", ".text", ".json":
		return KindFile
	}
	return ""
}

// sniff decides from a document's first bytes whether it is a WARC, a feed or an OPML
// list; "" for anything else.
func sniff(head []byte) string {
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return KindWARC
	}
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		// Gzip without a telling name: WARC is the only gzip container taken here.
		return KindWARC
	}
	h := bytes.ToLower(bytes.TrimLeft(head, "\ufeff \t\r\n"))
	// Skip the XML declaration, comments and processing instructions before the root.
	for bytes.HasPrefix(h, []byte("<?")) || bytes.HasPrefix(h, []byte("<!--")) {
		end := []byte("?>")
		if bytes.HasPrefix(h, []byte("<!--")) {
			end = []byte("-->")
		}
		i := bytes.Index(h, end)
		if i < 0 {
			return ""
		}
		h = bytes.TrimLeft(h[i+len(end):], " \t\r\n")
	}
	switch {
	case bytes.HasPrefix(h, []byte("<rss")), bytes.HasPrefix(h, []byte("<feed")),
		bytes.HasPrefix(h, []byte("<rdf:rdf")):
		return KindFeed
	case bytes.HasPrefix(h, []byte("<opml")):
		return "opml"
	}
	return ""
}

// gzipHoldsWARC reports whether a gzip file's content starts as a WARC does; a file whose
// gzip header is damaged counts as one, for the WARC reader to explain.
func gzipHoldsWARC(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return true
	}
	head := make([]byte, 5)
	n, _ := io.ReadFull(zr, head)
	return n == 0 || bytes.Equal(head[:n], []byte("WARC/")[:n])
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return buf[:m], nil
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// readLimited reads at most limit bytes, reading one more to tell "exactly at the
// limit" from "over it". size, when positive, is the expected length: the buffer is made
// that large at once rather than grown by doubling.
func readLimited(r io.Reader, limit, size int64) ([]byte, error) {
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(min(size, limit) + bytes.MinRead))
	}
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	data := buf.Bytes()
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// isBinary reports content that no text reader should see: NUL bytes in the head, as
// git and grep judge it. UTF-16 text with a byte order mark is binary by this test too,
// which is right for a pipeline that reads UTF-8.
func isBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
}

// multi chains sources one after another, as a directory or an OPML list does.
// next opens the following source, returning io.EOF when there are none; an error it
// returns wrapped in a *DocError is passed on and the chain goes on.
type multi struct {
	cur  Source
	next func(ctx context.Context) (Source, error)
}

func (m *multi) Next(ctx context.Context) (Document, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Document{}, err
		}
		if m.cur == nil {
			s, err := m.next(ctx)
			if err != nil {
				return Document{}, err
			}
			m.cur = s
		}
		d, err := m.cur.Next(ctx)
		if err == nil || IsDocError(err) {
			return d, err
		}
		cerr := m.cur.Close()
		m.cur = nil
		if err == io.EOF {
			if cerr != nil {
				return Document{}, &DocError{Ref: "close", Err: cerr}
			}
			continue
		}
		if ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
		// A fatal error in one member (a truncated WARC, an unreadable file) is one
		// explained failure of the whole chain, which goes on with the next member.
		return Document{}, asDocError(err)
	}
}

func (m *multi) Close() error {
	if m.cur != nil {
		err := m.cur.Close()
		m.cur = nil
		return err
	}
	return nil
}

// asDocError makes err a *DocError, keeping its Ref if it has one. Errors from os and
// sources already name their file, so an empty Ref is avoided by the caller's context.
func asDocError(err error) *DocError {
	var de *DocError
	if errors.As(err, &de) {
		return de
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return &DocError{Ref: pe.Path, Err: pe.Err}
	}
	var se *sourceError
	if errors.As(err, &se) {
		return &DocError{Ref: se.ref, Err: se.err}
	}
	return &DocError{Ref: "source", Err: err}
}

// sourceError is a fatal error naming where it happened, so a chain can turn it into a
// DocError with a useful Ref.
type sourceError struct {
	ref string
	err error
}

func (e *sourceError) Error() string { return e.ref + ": " + e.err.Error() }
func (e *sourceError) Unwrap() error { return e.err }
