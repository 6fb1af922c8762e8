package source

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/heraldnews/herald/extract"
)

// Validators remembers the HTTP validators (ETag, Last-Modified) of fetched URLs, so a
// later poll can send a conditional GET and a 304 means "no new documents". `herald
// watch` persists them between runs. Implementations must be safe for concurrent use
// when sources run in parallel.
type Validators interface {
	Get(url string) (etag, lastModified string)
	Set(url, etag, lastModified string)
}

// MemValidators is an in-memory Validators, safe for concurrent use.
type MemValidators struct {
	mu sync.Mutex
	m  map[string][2]string
}

// Get returns the validators stored for url, or empty strings.
func (v *MemValidators) Get(url string) (etag, lastModified string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	p := v.m[url]
	return p[0], p[1]
}

// Set stores the validators for url.
func (v *MemValidators) Set(url, etag, lastModified string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[string][2]string{}
	}
	v.m[url] = [2]string{etag, lastModified}
}

// HTTPError is a response whose status is neither 2xx nor 304.
type HTTPError struct {
	URL    string
	Status int
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Fetcher is Herald's polite HTTP client: a clear User-Agent, a timeout per request, a
// size limit per response, at most MaxRedirects redirects, http and https only, a
// delay between requests to one host, and conditional GETs. It is safe for concurrent
// use; share one between sources so the per-host delay holds across them.
type Fetcher struct {
	client     *http.Client
	userAgent  string
	maxBytes   int64
	delay      time.Duration
	validators Validators

	mu   sync.Mutex
	next map[string]time.Time // host → earliest time of its next request
}

// NewFetcher makes a Fetcher from the HTTP fields of opts. opts.Client is copied, not
// changed: its transport is used with Herald's redirect policy and timeout.
func NewFetcher(opts Options) *Fetcher {
	c := &http.Client{}
	if opts.Client != nil {
		*c = *opts.Client
	}
	if opts.Timeout > 0 {
		c.Timeout = opts.Timeout
	} else if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects { // via holds the original request too
			return fmt.Errorf("stopped after %d redirects", MaxRedirects)
		}
		// A redirect to file:, ftp: or anything else is refused like a direct request.
		return checkScheme(req.URL.String())
	}
	f := &Fetcher{
		client:     c,
		userAgent:  opts.UserAgent,
		maxBytes:   opts.maxBytes(),
		delay:      opts.PerHostDelay,
		validators: opts.Validators,
		next:       map[string]time.Time{},
	}
	if f.userAgent == "" {
		f.userAgent = DefaultUserAgent
	}
	if f.delay == 0 {
		f.delay = DefaultPerHostDelay
	}
	return f
}

// Response is a fetched resource.
type Response struct {
	URL          string // after redirects
	ContentType  string // media type, lower case, without parameters
	Charset      string // the Content-Type's charset parameter, if any
	Body         []byte
	NotModified  bool // a conditional GET was answered 304; Body is empty
	ETag         string
	LastModified string
}

// Fetch GETs rawURL. With conditional set and Validators configured, it sends the
// stored validators, and a 304 gives a Response with NotModified. It does not store
// new validators: the caller calls Remember once the documents have been handed out,
// so a run that stops half-way fetches the same content again next time.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, conditional bool) (*Response, error) {
	if err := checkScheme(rawURL); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
	if conditional && f.validators != nil {
		etag, lm := f.validators.Get(rawURL)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if lm != "" {
			req.Header.Set("If-Modified-Since", lm)
		}
	}
	if err := f.wait(ctx, req.URL.Host); err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &Response{
		URL:          resp.Request.URL.String(),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	var params map[string]string
	r.ContentType, params, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	r.Charset = params["charset"]
	r.ContentType = strings.ToLower(r.ContentType)
	if resp.StatusCode == http.StatusNotModified {
		r.NotModified = true
		return r, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &HTTPError{URL: rawURL, Status: resp.StatusCode}
	}
	if resp.ContentLength > f.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, resp.ContentLength, f.maxBytes)
	}
	if r.Body, err = readLimited(resp.Body, f.maxBytes, resp.ContentLength); err != nil {
		return nil, err
	}
	return r, nil
}

// Remember stores a response's validators for the URL it was fetched as.
func (f *Fetcher) Remember(rawURL string, r *Response) {
	if f.validators != nil && r != nil && !r.NotModified && (r.ETag != "" || r.LastModified != "") {
		f.validators.Set(rawURL, r.ETag, r.LastModified)
	}
}

// wait holds a request until its host's turn, reserving the slot under the lock so
// concurrent callers queue up rather than all going at once.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	if f.delay < 0 {
		return nil
	}
	now := time.Now()
	f.mu.Lock()
	at := f.next[host]
	if at.Before(now) {
		at = now
	}
	f.next[host] = at.Add(f.delay)
	if len(f.next) > 4096 {
		// Forget hosts whose turn has passed, so a long watch does not grow the map.
		for h, t := range f.next {
			if t.Before(now) {
				delete(f.next, h)
			}
		}
	}
	f.mu.Unlock()
	d := at.Sub(now)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// checkScheme refuses anything but an absolute http(s) URL with a host.
func checkScheme(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return fmt.Errorf("%s: unsupported scheme %q (only http and https)", raw, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%s: no host", raw)
	}
	return nil
}

// urlSource fetches one URL on the first Next and becomes what it finds: a feed, an
// OPML list, or one web page. A failed fetch is a DocError, since it is one bad
// document (or feed); only a cancelled context is fatal.
type urlSource struct {
	url   string
	opts  Options
	inner Source
	done  bool
}

func newURLSource(u string, opts Options) *urlSource {
	opts.fetcher()
	return &urlSource{url: u, opts: opts}
}

func (s *urlSource) Next(ctx context.Context) (Document, error) {
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	if s.inner != nil {
		return s.inner.Next(ctx)
	}
	if s.done {
		return Document{}, io.EOF
	}
	s.done = true
	f := s.opts.Fetcher
	resp, err := f.Fetch(ctx, s.url, true)
	if err != nil {
		if ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
		return Document{}, &DocError{Ref: s.url, Err: err}
	}
	if resp.NotModified {
		return Document{}, io.EOF
	}
	switch contentKind(resp) {
	case KindFeed:
		s.inner = newFeedSource(s.url, resp.Body, s.opts, func() { f.Remember(s.url, resp) })
		return s.inner.Next(ctx)
	case "opml":
		// The list itself is fetched unconditionally each time (its validators are never
		// stored), since `herald watch` must poll its feeds even when it is unchanged.
		s.inner = newOPMLSource(s.url, resp.Body, s.opts)
		return s.inner.Next(ctx)
	}
	in, err := pageInput(s.url, resp)
	if err != nil {
		return Document{}, &DocError{Ref: s.url, Err: err}
	}
	f.Remember(s.url, resp)
	return Document{Input: in, Source: s.url, Kind: KindURL, Ref: s.url}, nil
}

func (s *urlSource) Close() error {
	if s.inner != nil {
		return s.inner.Close()
	}
	return nil
}

// contentKind tells a feed or OPML list from a page by its bytes, then its media type:
// servers label feeds text/xml, text/html or worse, but the root element does not lie.
func contentKind(r *Response) string {
	if k := sniff(r.Body[:min(len(r.Body), 1024)]); k == KindFeed || k == "opml" {
		return k
	}
	switch r.ContentType {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return KindFeed
	case "text/x-opml", "application/x-opml+xml":
		return "opml"
	}
	return KindURL
}

// pageInput makes the pipeline input of a fetched page, with its format from the media
// type; media the pipeline cannot read (images, PDF) are refused.
func pageInput(ref string, r *Response) (extract.Input, error) {
	in := extract.Input{Path: ref, URL: r.URL, Data: r.Body}
	switch {
	case r.ContentType == "text/html", r.ContentType == "application/xhtml+xml":
		in.Format = extract.FormatHTML
	case r.ContentType == "application/json":
		in.Format = extract.FormatJSON
	case r.ContentType == "text/plain":
		in.Format = extract.FormatText
	case r.ContentType == "", strings.HasPrefix(r.ContentType, "text/"):
		// Unlabelled or other text: let extract sniff it.
	default:
		return in, fmt.Errorf("unsupported content type %q", r.ContentType)
	}
	if isBinary(r.Body) {
		return in, ErrBinary
	}
	in.Data = toUTF8(r.Body, r.Charset)
	return in, nil
}
