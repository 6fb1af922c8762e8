// Package server is Herald's web face: `herald serve` mounts its Handler to offer a
// dashboard of server-rendered pages (home, search, article, entity, dyad, story cluster)
// and a JSON API over a store.Store, documented by the embedded OpenAPI file served at
// /api/openapi.json.
//
// Article text, titles and quotes come from the open web and are untrusted: pages are
// rendered with html/template (or, for highlighted article text, built with explicit
// escaping), scripts live in embedded files so that a strict Content-Security-Policy can
// forbid inline script, and POST /api/articles needs a token and fetches URLs only from
// public addresses (see Fetcher).
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/store"
)

// Extractor turns a submitted document into an article; *extract.Pipeline is one.
type Extractor interface {
	Extract(in extract.Input) (*article.Article, error)
}

// Config configures a Server. Only Store is required.
type Config struct {
	Store store.Store
	// Token authorises write requests (POST /api/articles) given as "Authorization:
	// Bearer TOKEN". Empty disables writes: they answer 403.
	Token string
	// NewExtractor builds the extraction pipeline on first use, so that a read-only
	// dashboard starts without loading models. Nil means extract.New(extract.Options{}).
	NewExtractor func() (Extractor, error)
	// Fetch configures the URL fetcher of POST /api/articles.
	Fetch FetchOptions
	// MaxBody caps request bodies in bytes; 0 means 8 MiB.
	MaxBody int64
	// Logger receives request errors; nil means slog.Default().
	Logger *slog.Logger
}

// Server serves the dashboard and the API. Create it with New; it is an http.Handler.
type Server struct {
	cfg     Config
	st      store.Store
	mux     *http.ServeMux
	handler http.Handler
	log     *slog.Logger
	fetcher *Fetcher
	pages   *pages
	metrics *metrics

	exOnce sync.Once
	ex     Extractor
	exErr  error
}

// route is one entry of the routing table; tests walk the table to check that every
// route is documented in openapi.json and answers.
type route struct {
	pattern string // ServeMux pattern with method, e.g. "GET /api/articles/{id}"
	h       http.HandlerFunc
}

// New builds a Server over cfg.Store.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 8 << 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.NewExtractor == nil {
		cfg.NewExtractor = func() (Extractor, error) { return extract.New(extract.Options{}) }
	}
	pg, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, st: cfg.Store, mux: http.NewServeMux(), log: cfg.Logger, pages: pg,
		fetcher: NewFetcher(cfg.Fetch)}
	s.metrics = newMetrics(prometheus.NewRegistry())
	for _, r := range s.routes() {
		s.mux.HandleFunc(r.pattern, r.h)
	}
	s.handler = s.metrics.wrap(securityHeaders(s.mux))
	return s, nil
}

func (s *Server) routes() []route {
	return []route{
		// Pages.
		{"GET /{$}", s.homePage},
		{"GET /search", s.searchPage},
		{"GET /articles/{id}", s.articlePage},
		{"GET /entities/{id}", s.entityPage},
		{"GET /dyads/{a}/{b}", s.dyadPage},
		{"GET /clusters/{id}", s.clusterPage},
		{"GET /static/", s.static},
		// API.
		{"GET /api/articles", s.apiArticles},
		{"POST /api/articles", s.apiSubmit},
		{"GET /api/articles/{id}", s.apiArticle},
		{"GET /api/events", s.apiEvents},
		{"GET /api/quotes", s.apiQuotes},
		{"GET /api/entities", s.apiEntities},
		{"GET /api/entities/{id}", s.apiEntity},
		{"GET /api/dyads", s.apiDyads},
		{"GET /api/clusters/{id}", s.apiCluster},
		{"GET /api/stats", s.apiStats},
		{"GET /api/export", s.apiExport},
		{"GET /api/openapi.json", s.apiOpenAPI},
		{"GET /healthz", s.healthz},
		{"GET /metrics", s.metrics.handler().ServeHTTP},
	}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// extractor returns the pipeline, building it on first use.
func (s *Server) extractor() (Extractor, error) {
	s.exOnce.Do(func() { s.ex, s.exErr = s.cfg.NewExtractor() })
	return s.ex, s.exErr
}

// authorised reports whether r carries the configured token, compared in constant time.
func (s *Server) authorised(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		got = r.Header.Get("X-Herald-Token")
	}
	return s.cfg.Token != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

// csp allows only same-origin resources and no inline script or style, so that text
// slipping past escaping still cannot run.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// ListenAndServe serves h on addr until ctx is cancelled, then shuts down gracefully,
// giving requests in flight up to 10 s to finish. ready, when non-nil, is called with the
// bound address once listening (useful with port 0).
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Export streams extend their own deadline with http.ResponseController.
		WriteTimeout:   60 * time.Second,
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: 64 << 10,
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
