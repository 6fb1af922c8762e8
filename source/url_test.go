package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldnews/herald/extract"
)

// newServer serves the test pages on loopback only.
func newServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	rss, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	var conditional atomic.Int32
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") != DefaultUserAgent {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>The mayor said the bridge would reopen.</p></body></html>")
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		w.Write([]byte("<p>Caf\xe9 owners protested.</p>"))
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00"))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		const etag = `"v1"`
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "text/xml") // as many servers label feeds
		// Point the items at this server so FetchLinked stays on loopback.
		w.Write([]byte(strings.ReplaceAll(string(rss), "https://news.example.org", srv.URL)))
	})
	mux.HandleFunc("/a/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>Full story one.</p></body></html>")
	})
	mux.HandleFunc("/a/3", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>Full story three.</p></body></html>")
	})
	mux.HandleFunc("/broken-feed", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/list.opml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/x-opml")
		fmt.Fprintf(w, `<opml version="2.0"><body><outline xmlUrl="%[1]s/feed"/><outline xmlUrl="%[1]s/broken-feed"/><outline xmlUrl="file:///etc/passwd"/></body></opml>`, srv.URL)
	})
	mux.HandleFunc("/redirect/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/redirect/"), "%d", &n)
		if n == 0 {
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/redirect/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Repeat("<p>big</p>", 1000)))
	})
	mux.HandleFunc("/big-stream", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 1000 { // no Content-Length: the limit must hold while reading
			w.Write([]byte("<p>big</p>"))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &conditional
}

func fastOptions() Options { return Options{PerHostDelay: -1, Timeout: 5 * time.Second} }

func TestURLSource(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	tests := []struct {
		name   string
		path   string
		opts   func(*Options)
		docs   int
		err    string
		url    string // the document's final URL, if checked
		format string
		text   string // a substring of the document, if checked
	}{
		{name: "page", path: "/page", docs: 1, url: "/page", format: extract.FormatHTML, text: "bridge"},
		{name: "charset", path: "/latin1", docs: 1, text: "Café"},
		{name: "image", path: "/image", err: "unsupported content type"},
		{name: "not found", path: "/nowhere", err: "HTTP 404"},
		{name: "3 redirects", path: "/redirect/2", docs: 1, url: "/page"},
		{name: "5 redirects", path: "/redirect/4", docs: 1, url: "/page"},
		{name: "6 redirects", path: "/redirect/5", err: "stopped after 5 redirects"},
		{name: "redirect to file", path: "/to-file", err: "unsupported scheme"},
		{name: "size limit", path: "/big", opts: func(o *Options) { o.MaxBytes = 1000 }, err: "input too large"},
		{name: "size limit streamed", path: "/big-stream", opts: func(o *Options) { o.MaxBytes = 1000 }, err: "input too large"},
		{name: "at size limit", path: "/big", opts: func(o *Options) { o.MaxBytes = 10000 }, docs: 1},
		{name: "timeout", path: "/slow", opts: func(o *Options) { o.Timeout = 200 * time.Millisecond }, err: "Client.Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts := fastOptions()
			if tt.opts != nil {
				tt.opts(&opts)
			}
			s, err := Open(srv.URL+tt.path, opts)
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := drain(t, s)
			if len(docs) != tt.docs {
				t.Errorf("got %d docs, want %d", len(docs), tt.docs)
			}
			if tt.err != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.err)) {
				t.Errorf("errors %v, want %q", errs, tt.err)
			}
			if tt.err == "" && len(errs) > 0 {
				t.Errorf("errors %v", errs)
			}
			for _, d := range docs {
				if d.Kind != KindURL || d.Ref != srv.URL+tt.path {
					t.Errorf("doc %+v", d)
				}
				if tt.url != "" && d.Input.URL != srv.URL+tt.url {
					t.Errorf("url %q", d.Input.URL)
				}
				if tt.format != "" && d.Input.Format != tt.format {
					t.Errorf("format %q", d.Input.Format)
				}
				if !strings.Contains(string(d.Input.Data), tt.text) {
					t.Errorf("data %q lacks %q", d.Input.Data, tt.text)
				}
			}
		})
	}
}

func TestFeedConditionalGET(t *testing.T) {
	t.Parallel()
	srv, conditional := newServer(t)
	opts := fastOptions()
	opts.Validators = &MemValidators{}
	poll := func() ([]Document, []error) {
		s, err := Open(srv.URL+"/feed", opts)
		if err != nil {
			t.Fatal(err)
		}
		return drain(t, s)
	}
	docs, errs := poll()
	if len(docs) != 2 || len(errs) != 1 {
		t.Fatalf("first poll: %v %v", refs(docs), errs)
	}
	if docs[0].Source != "Herald Test Wire" || docs[0].Ref != srv.URL+"/feed#wire-1" {
		t.Errorf("doc %+v", docs[0])
	}
	if etag, _ := opts.Validators.Get(srv.URL + "/feed"); etag != `"v1"` {
		t.Errorf("etag %q", etag)
	}
	docs, errs = poll()
	if len(docs) != 0 || len(errs) != 0 || conditional.Load() != 1 {
		t.Errorf("second poll: %v %v, %d conditional hits", refs(docs), errs, conditional.Load())
	}
}

func TestFeedValidatorsKeptUntilEOF(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	opts := fastOptions()
	opts.Validators = &MemValidators{}
	s, err := Open(srv.URL+"/feed", opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Stopped after one item: the next poll must fetch the feed again, not get a 304.
	if etag, _ := opts.Validators.Get(srv.URL + "/feed"); etag != "" {
		t.Errorf("validators stored before the feed was read: %q", etag)
	}
}

func TestFeedFetchLinked(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	opts := fastOptions()
	opts.FetchLinked = true
	s, err := Open(srv.URL+"/feed", opts)
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := drain(t, s)
	// Item 1: its page. Item 2: page 404, so an error and the item's own content.
	// Item 3: its page (it has no content of its own).
	if len(docs) != 3 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "wire-2: fetching linked page") {
		t.Fatalf("docs %v errors %v", refs(docs), errs)
	}
	if !strings.Contains(string(docs[0].Input.Data), "Full story one") || docs[0].Input.Format != extract.FormatHTML ||
		docs[0].Input.URL != srv.URL+"/a/1" {
		t.Errorf("doc 1 %+v", docs[0].Input)
	}
	if !strings.Contains(string(docs[1].Input.Data), "Dock workers") || docs[1].Input.Format != extract.FormatJSON {
		t.Errorf("doc 2 %+v", docs[1].Input)
	}
	if !strings.Contains(string(docs[2].Input.Data), "Full story three") {
		t.Errorf("doc 3 %+v", docs[2].Input)
	}
}

func TestOPMLURL(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	opts := fastOptions()
	opts.Validators = &MemValidators{}
	for poll := 0; poll < 2; poll++ {
		s, err := Open(srv.URL+"/list.opml", opts)
		if err != nil {
			t.Fatal(err)
		}
		docs, errs := drain(t, s)
		// First poll: 2 items, the headline-only item, the 500 and the file: URL.
		// Second: the feed answers 304, the two broken entries fail again.
		wantDocs, wantErrs := 2, 3
		if poll == 1 {
			wantDocs, wantErrs = 0, 2
		}
		if len(docs) != wantDocs || len(errs) != wantErrs {
			t.Errorf("poll %d: docs %v errors %v", poll, refs(docs), errs)
		}
		var he *HTTPError
		if !errors.As(errs[len(errs)-2], &he) || he.Status != 500 {
			t.Errorf("poll %d: %v", poll, errs)
		}
	}
}

func TestPerHostDelay(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	f := NewFetcher(Options{PerHostDelay: 150 * time.Millisecond})
	start := time.Now()
	for range 3 {
		if _, err := f.Fetch(context.Background(), srv.URL+"/page", false); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("3 requests in %v, want at least 300ms apart", d)
	}
	// A cancelled wait returns at once.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := f.Fetch(ctx, srv.URL+"/page", false); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v", err)
	}
}

func TestFetcherRefusesSchemes(t *testing.T) {
	t.Parallel()
	f := NewFetcher(fastOptions())
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/", "gopher://x/", "http:///nohost", "/relative"} {
		if _, err := f.Fetch(context.Background(), u, false); err == nil {
			t.Errorf("%s: no error", u)
		}
	}
}
