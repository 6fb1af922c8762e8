package server

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/store"
)

//go:embed assets/openapi.json
var openapiJSON []byte

// apiError is the body of every JSON error.
type apiError struct {
	Error string `json:"error"`
}

// errBadRequest marks errors caused by the request; they answer 400.
type errBadRequest struct{ msg string }

func (e errBadRequest) Error() string { return e.msg }

func badRequest(format string, args ...any) error { return errBadRequest{fmt.Sprintf(format, args...)} }

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // belt and braces: JSON is never HTML, but some clients sniff
	_ = enc.Encode(v)
}

// fail answers err as JSON with the status it calls for, logging server-side failures.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var br errBadRequest
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &br):
		writeJSON(w, http.StatusBadRequest, apiError{br.msg})
	case errors.As(err, &mbe):
		writeJSON(w, http.StatusRequestEntityTooLarge, apiError{fmt.Sprintf("request body over %d bytes", mbe.Limit)})
	case errors.Is(err, store.ErrNotFound):
		writeJSON(w, http.StatusNotFound, apiError{"not found"})
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
		writeJSON(w, http.StatusInternalServerError, apiError{"internal error"})
	}
}

// listErr turns a store error on a paged query into a 400 when a cursor was given:
// cursors are opaque and a mangled one is the caller's mistake.
func listErr(err error, after string) error {
	if err != nil && after != "" && !errors.Is(err, context.Canceled) {
		return badRequest("bad cursor or query: %v", err)
	}
	return err
}

// params reads query parameters, remembering the first malformed one.
type params struct {
	r   *http.Request
	err error
}

func (p *params) str(name string) string { return strings.TrimSpace(p.r.URL.Query().Get(name)) }

func (p *params) int(name string, lo, hi int) int {
	v := p.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		if p.err == nil {
			p.err = badRequest("%s must be an integer from %d to %d", name, lo, hi)
		}
		return 0
	}
	return n
}

func (p *params) date(name string) string {
	v := p.str(name)
	if v == "" {
		return ""
	}
	if _, err := time.Parse("2006-01-02", v); err != nil && p.err == nil {
		p.err = badRequest("%s must be a date YYYY-MM-DD", name)
	}
	return v
}

func (p *params) filter() store.Filter {
	return store.Filter{From: p.date("from"), To: p.date("to"), Source: p.str("source"), Cluster: p.str("cluster")}
}

func (p *params) limit() int { return p.int("limit", 1, store.MaxLimit) }

func articleQuery(r *http.Request) (store.Query, error) {
	p := &params{r: r}
	q := store.Query{
		Text: p.str("q"), Actor: strings.ToUpper(p.str("actor")), Country: strings.ToUpper(p.str("country")),
		Cameo: p.str("cameo"), Root: p.str("root"), Plover: strings.ToUpper(p.str("plover")),
		Modality: strings.ToLower(p.str("modality")), Filter: p.filter(), After: p.str("after"), Limit: p.limit(),
	}
	return q, p.err
}

func eventQuery(r *http.Request) (store.EventQuery, error) {
	p := &params{r: r}
	q := store.EventQuery{
		SourceActor: strings.ToUpper(p.str("source_actor")), TargetActor: strings.ToUpper(p.str("target_actor")),
		Actor: strings.ToUpper(p.str("actor")), Cameo: p.str("cameo"), Root: p.str("root"),
		QuadClass: p.int("quad_class", 0, 4), Plover: strings.ToUpper(p.str("plover")),
		Modality: strings.ToLower(p.str("modality")), Filter: p.filter(), After: p.str("after"), Limit: p.limit(),
	}
	return q, p.err
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	q, err := articleQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.st.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, listErr(err, q.After))
		return
	}
	writeJSON(w, http.StatusOK, nonNilPage(page))
}

// nonNilPage makes an empty page's items [] rather than null, as the schema promises.
func nonNilPage[T any](p store.Page[T]) store.Page[T] {
	if p.Items == nil {
		p.Items = []T{}
	}
	return p
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, store.ErrNotFound
	}
	return id, nil
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var a *store.Stored
		if a, err = s.st.Article(r.Context(), id); err == nil {
			writeJSON(w, http.StatusOK, a)
			return
		}
	}
	s.fail(w, r, err)
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	q, err := eventQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v := r.URL.Query().Get("aggregate"); v == "1" || v == "true" {
		page, err := s.st.AggregateEvents(r.Context(), q)
		if err != nil {
			s.fail(w, r, listErr(err, q.After))
			return
		}
		writeJSON(w, http.StatusOK, nonNilPage(page))
		return
	}
	page, err := s.st.Events(r.Context(), q)
	if err != nil {
		s.fail(w, r, listErr(err, q.After))
		return
	}
	writeJSON(w, http.StatusOK, nonNilPage(page))
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	q := store.QuoteQuery{
		Speaker: p.str("speaker"), Text: p.str("q"), Kind: strings.ToLower(p.str("kind")),
		Actor: strings.ToUpper(p.str("actor")), Country: strings.ToUpper(p.str("country")),
		Filter: p.filter(), After: p.str("after"), Limit: p.limit(),
	}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	page, err := s.st.Quotes(r.Context(), q)
	if err != nil {
		s.fail(w, r, listErr(err, q.After))
		return
	}
	writeJSON(w, http.StatusOK, nonNilPage(page))
}

// EntityItem is an EntityHit with the key that names it in /entities/{id}.
type EntityItem struct {
	ID string `json:"id"`
	store.EntityHit
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	q := store.EntityQuery{
		Name: p.str("name"), Type: strings.ToUpper(p.str("type")), Country: strings.ToUpper(p.str("country")),
		Actor: strings.ToUpper(p.str("actor")), Filter: p.filter(), After: p.str("after"), Limit: p.limit(),
	}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	page, err := s.st.Entities(r.Context(), q)
	if err != nil {
		s.fail(w, r, listErr(err, q.After))
		return
	}
	out := store.Page[EntityItem]{Items: make([]EntityItem, len(page.Items)), Next: page.Next}
	for i, e := range page.Items {
		out.Items[i] = EntityItem{ID: EntityKey(e.Name, e.Type, e.Country), EntityHit: e}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	v, err := s.entity(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiDyads(w http.ResponseWriter, r *http.Request) {
	p := &params{r: r}
	q := dyadQuery{
		A: strings.ToUpper(p.str("a")), B: strings.ToUpper(p.str("b")), Interval: p.str("interval"),
		Directed: p.str("directed") == "1" || p.str("directed") == "true",
		Modality: strings.ToLower(p.str("modality")), Filter: p.filter(),
	}
	if p.err == nil && (q.A == "" || q.B == "") {
		p.err = badRequest("a and b (actor code prefixes) are required")
	}
	if q.Interval == "" {
		q.Interval = "day"
	}
	if p.err == nil && q.Interval != "day" && q.Interval != "week" {
		p.err = badRequest("interval must be day or week")
	}
	if p.err != nil {
		s.fail(w, r, p.err)
		return
	}
	d, err := s.dyad(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) apiCluster(w http.ResponseWriter, r *http.Request) {
	c, err := s.cluster(r.Context(), r.PathValue("id"), false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if st.TopActors == nil {
		st.TopActors = []store.Count{}
	}
	if st.TopDyads == nil {
		st.TopDyads = []store.Count{}
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(openapiJSON)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.st.Search(ctx, store.Query{Limit: 1}); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// apiExport streams every row of one kind as JSON Lines, straight from Store.Each, so
// memory stays flat however large the store.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	what := store.Kind(r.URL.Query().Get("what"))
	switch what {
	case store.KindArticles, store.KindEntities, store.KindQuotes, store.KindEvents:
	default:
		s.fail(w, r, badRequest("what must be articles, entities, quotes or events"))
		return
	}
	if f := r.URL.Query().Get("format"); f != "" && f != "jsonl" {
		s.fail(w, r, badRequest("format must be jsonl"))
		return
	}
	rc := http.NewResponseController(w)
	// A big export outlives the server's write timeout; give it its own, longer one.
	_ = rc.SetWriteDeadline(time.Now().Add(30 * time.Minute))
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="herald-%s.jsonl"`, what))
	enc := json.NewEncoder(w)
	n := 0
	err := s.st.Each(r.Context(), what, func(row any) error {
		if err := enc.Encode(row); err != nil {
			return err
		}
		if n++; n%200 == 0 {
			return rc.Flush()
		}
		return nil
	})
	if err != nil && n == 0 {
		s.fail(w, r, err)
		return
	}
	if err != nil {
		// Headers are gone; a truncated stream is all we can signal.
		s.log.Warn("export stopped", "what", what, "rows", n, "err", err)
	}
}

// submission is the JSON body of POST /api/articles.
type submission struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	Published string `json:"published"`
	Source    string `json:"source"`
}

// apiSubmit extracts and stores a submitted document: JSON {url,title,text|html,
// published}, or a raw text/plain or text/html body, or JSON with only a url, which is
// fetched (public addresses only unless --allow-private).
func (s *Server) apiSubmit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" {
		writeJSON(w, http.StatusForbidden, apiError{"writes are disabled: start herald serve with --token or HERALD_TOKEN to allow POST"})
		return
	}
	if !s.authorised(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="herald"`)
		writeJSON(w, http.StatusUnauthorized, apiError{"missing or wrong token: send Authorization: Bearer TOKEN"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	in := extract.Input{Path: "api", URL: r.URL.Query().Get("url"), Data: body}
	src := store.Source{Name: "api", Kind: "api"}
	switch ct {
	case "application/json", "":
		var sub submission
		if err := json.Unmarshal(body, &sub); err != nil {
			s.fail(w, r, badRequest("body is not JSON {url, title, text|html, published}: %v", err))
			return
		}
		if sub.Source != "" {
			src.Name = sub.Source
		}
		in.Format = extract.FormatJSON
		if sub.Text == "" && sub.HTML == "" {
			if sub.URL == "" {
				s.fail(w, r, badRequest("give text, html or url"))
				return
			}
			f, err := s.fetcher.Fetch(r.Context(), sub.URL)
			if err != nil {
				writeJSON(w, http.StatusBadGateway, apiError{"fetch failed: " + err.Error()})
				return
			}
			in = extract.Input{Path: sub.URL, URL: f.URL, Data: f.Body, Format: extract.FormatHTML}
			if mt, _, _ := mime.ParseMediaType(f.ContentType); mt == "text/plain" {
				in.Format = extract.FormatText
			}
			src = store.Source{Name: f.URL, Kind: "url"}
		}
	case "text/html":
		in.Format = extract.FormatHTML
	case "text/plain":
		in.Format = extract.FormatText
	default:
		writeJSON(w, http.StatusUnsupportedMediaType, apiError{"Content-Type must be application/json, text/plain or text/html"})
		return
	}
	ex, err := s.extractor()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := ex.Extract(in)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{"extraction failed: " + err.Error()})
		return
	}
	if strings.TrimSpace(a.Text) == "" {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{"no article text found"})
		return
	}
	id, created, err := s.st.Put(r.Context(), a, src)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stored, err := s.st.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
		w.Header().Set("Location", fmt.Sprintf("/api/articles/%d", id))
	}
	writeJSON(w, code, stored)
}
