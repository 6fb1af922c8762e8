package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldnews/herald/server/servertest"
	"github.com/heraldnews/herald/store"
	"github.com/heraldnews/herald/store/sqlite"
)

// One sample store serves every test, built on first use: building it runs the
// extraction pipeline. TestMain removes it.
var (
	sharedOnce sync.Once
	sharedDB   *sqlite.DB
	sharedErr  error
	sharedDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedDB != nil {
		sharedDB.Close()
	}
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

func testStore(t *testing.T) *sqlite.DB {
	t.Helper()
	sharedOnce.Do(func() {
		if sharedDir, sharedErr = os.MkdirTemp("", "herald-server-test"); sharedErr == nil {
			sharedDB, sharedErr = servertest.Build(filepath.Join(sharedDir, "herald.db"))
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedDB
}

func newTestServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = testStore(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type resp struct {
	code int
	h    http.Header
	body string
}

func do(t *testing.T, h http.Handler, method, target string, body io.Reader, hdr ...string) resp {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return resp{w.Code, w.Header(), w.Body.String()}
}

func getJSON(t *testing.T, h http.Handler, target string, v any) resp {
	t.Helper()
	r := do(t, h, "GET", target, nil)
	if r.code != 200 {
		t.Fatalf("GET %s: %d %s", target, r.code, r.body)
	}
	if ct := r.h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: content type %q", target, ct)
	}
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	return r
}

func TestServeRoutes(t *testing.T) {
	s := newTestServer(t, Config{})
	ctx := context.Background()
	clusterID := firstCluster(t, s)
	cases := []struct {
		path string
		code int
		ct   string
	}{
		{"/", 200, "text/html"},
		{"/search?q=troops", 200, "text/html"},
		{"/search?actor=KOR&modality=asserted", 200, "text/html"},
		{"/search?from=bad", 400, "text/html"},
		{"/articles/1", 200, "text/html"},
		{"/articles/999999", 404, "text/html"},
		{"/articles/abc", 404, "text/html"},
		{"/entities/" + url.PathEscape("PERSON:CHL:Ana Vidal"), 200, "text/html"},
		{"/entities/" + url.PathEscape("PERSON:XXX:Nobody At All"), 404, "text/html"},
		{"/entities/garbage", 404, "text/html"},
		{"/dyads/KOR/PRK", 200, "text/html"},
		{"/dyads/ZZZ/YYY", 200, "text/html"},
		{"/clusters/" + clusterID, 200, "text/html"},
		{"/clusters/no-such-story", 404, "text/html"},
		{"/static/app.js", 200, "text/javascript"},
		{"/static/app.css", 200, "text/css"},
		{"/static/nope.js", 404, "text/plain"},
		{"/nope", 404, "text/plain"},
		{"/api/articles", 200, "application/json"},
		{"/api/articles?limit=0", 400, "application/json"},
		{"/api/articles/1", 200, "application/json"},
		{"/api/articles/999999", 404, "application/json"},
		{"/api/events", 200, "application/json"},
		{"/api/events?aggregate=1", 200, "application/json"},
		{"/api/events?quad_class=9", 400, "application/json"},
		{"/api/quotes", 200, "application/json"},
		{"/api/entities", 200, "application/json"},
		{"/api/entities/" + url.PathEscape("PERSON:CHL:Ana Vidal"), 200, "application/json"},
		{"/api/entities/nope", 404, "application/json"},
		{"/api/dyads?a=KOR&b=PRK", 200, "application/json"},
		{"/api/dyads?a=KOR", 400, "application/json"},
		{"/api/dyads?a=KOR&b=PRK&interval=year", 400, "application/json"},
		{"/api/clusters/" + clusterID, 200, "application/json"},
		{"/api/clusters/no-such-story", 404, "application/json"},
		{"/api/stats", 200, "application/json"},
		{"/api/export?what=events&format=jsonl", 200, "application/x-ndjson"},
		{"/api/export?what=bogus", 400, "application/json"},
		{"/api/openapi.json", 200, "application/json"},
		{"/healthz", 200, "application/json"},
		{"/metrics", 200, "text/plain"},
	}
	for _, c := range cases {
		r := do(t, s, "GET", c.path, nil)
		if r.code != c.code {
			t.Errorf("GET %s: status %d, want %d: %.200s", c.path, r.code, c.code, r.body)
		}
		if ct := r.h.Get("Content-Type"); !strings.HasPrefix(ct, c.ct) {
			t.Errorf("GET %s: content type %q, want %s", c.path, ct, c.ct)
		}
		// Every answer, pages and errors alike, carries the security headers.
		if got := r.h.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'self'") || strings.Contains(got, "unsafe-inline") {
			t.Errorf("GET %s: CSP %q", c.path, got)
		}
		if r.h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", c.path)
		}
		if strings.HasPrefix(c.ct, "text/html") && c.code == 200 && strings.Contains(r.body, "<script>") {
			t.Errorf("GET %s: inline script in page", c.path)
		}
	}
	_ = ctx
}

func firstCluster(t *testing.T, s *Server) string {
	t.Helper()
	var page store.Page[store.ArticleHit]
	getJSON(t, s, "/api/articles?limit=1000", &page)
	n := map[string]int{}
	for _, h := range page.Items {
		if h.Cluster != "" && h.Cluster != servertest.HostileCluster {
			if n[h.Cluster]++; n[h.Cluster] == 2 {
				return h.Cluster
			}
		}
	}
	t.Fatal("no story of two articles in the sample store")
	return ""
}

func TestServeArticlesPagination(t *testing.T) {
	s := newTestServer(t, Config{})
	var stats store.Stats
	getJSON(t, s, "/api/stats", &stats)
	if stats.Articles < 30 || len(stats.TopActors) == 0 {
		t.Fatalf("stats %+v", stats)
	}
	seen := map[int64]bool{}
	next := ""
	pages := 0
	for {
		var page store.Page[store.ArticleHit]
		getJSON(t, s, "/api/articles?limit=7&after="+url.QueryEscape(next), &page)
		pages++
		if len(page.Items) > 7 {
			t.Fatalf("page of %d items", len(page.Items))
		}
		for _, h := range page.Items {
			if seen[h.ID] {
				t.Fatalf("article %d twice", h.ID)
			}
			seen[h.ID] = true
		}
		if page.Next == "" {
			break
		}
		next = page.Next
	}
	if int64(len(seen)) != stats.Articles || pages < 5 {
		t.Fatalf("walked %d articles in %d pages, stats say %d", len(seen), pages, stats.Articles)
	}
	if r := do(t, s, "GET", "/api/articles?after=%21%21garbage", nil); r.code != 400 {
		t.Errorf("bad cursor: %d %s", r.code, r.body)
	}
}

func TestServeArticleFilters(t *testing.T) {
	s := newTestServer(t, Config{})
	var all, q, actor, dated, src store.Page[store.ArticleHit]
	getJSON(t, s, "/api/articles?limit=1000", &all)
	getJSON(t, s, "/api/articles?q=troops", &q)
	if len(q.Items) == 0 || len(q.Items) >= len(all.Items) {
		t.Fatalf("q=troops: %d of %d", len(q.Items), len(all.Items))
	}
	for _, h := range q.Items {
		if !strings.Contains(strings.ToLower(h.Snippet), "troops") {
			t.Errorf("hit %d snippet %q", h.ID, h.Snippet)
		}
	}
	getJSON(t, s, "/api/articles?actor=KOR&limit=1000", &actor)
	if len(actor.Items) == 0 || len(actor.Items) >= len(all.Items) {
		t.Fatalf("actor=KOR: %d", len(actor.Items))
	}
	getJSON(t, s, "/api/articles?from=2025-03-05&to=2025-03-05&limit=1000", &dated)
	for _, h := range dated.Items {
		if !strings.HasPrefix(h.Published, "2025-03-05") {
			t.Errorf("date filter let %q through", h.Published)
		}
	}
	name := all.Items[0].Source.Name
	getJSON(t, s, "/api/articles?limit=1000&source="+url.QueryEscape(name), &src)
	for _, h := range src.Items {
		if h.Source.Name != name {
			t.Errorf("source filter let %q through", h.Source.Name)
		}
	}
	var cl store.Page[store.ArticleHit]
	getJSON(t, s, "/api/articles?cluster="+servertest.HostileCluster, &cl)
	if len(cl.Items) != 2 {
		t.Errorf("cluster filter: %d items", len(cl.Items))
	}
	var root store.Page[store.ArticleHit]
	getJSON(t, s, "/api/articles?root=19&modality=asserted&limit=1000", &root)
	if len(root.Items) >= len(all.Items) {
		t.Errorf("root filter did not narrow")
	}
}

func TestServeArticleJSON(t *testing.T) {
	s := newTestServer(t, Config{})
	var a store.Stored
	getJSON(t, s, "/api/articles/1", &a)
	if a.ID != 1 || a.Article == nil || a.Text == "" || a.Entities == nil || a.Sentences == nil || a.SchemaVersion == "" {
		t.Fatalf("article 1: %+v", a)
	}
	// Offsets are code points into text.
	text := []rune(a.Text)
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if string(text[m.Start:m.End]) != m.Text {
				t.Errorf("mention %q at %d:%d reads %q", m.Text, m.Start, m.End, string(text[m.Start:m.End]))
			}
		}
	}
}

func TestServeEventsQuotesEntities(t *testing.T) {
	s := newTestServer(t, Config{})
	var ev store.Page[store.EventHit]
	getJSON(t, s, "/api/events?quad_class=4&limit=1000", &ev)
	if len(ev.Items) == 0 {
		t.Fatal("no material conflict events")
	}
	for _, e := range ev.Items {
		if e.QuadClass != 4 {
			t.Errorf("quad filter let %d through", e.QuadClass)
		}
	}
	var src store.Page[store.EventHit]
	getJSON(t, s, "/api/events?source_actor=KOR&limit=3", &src)
	for _, e := range src.Items {
		if !strings.HasPrefix(e.Source.Code, "KOR") {
			t.Errorf("source_actor filter let %q through", e.Source.Code)
		}
	}
	var agg store.Page[store.AggregateEvent]
	getJSON(t, s, "/api/events?aggregate=1&modality=asserted", &agg)
	if len(agg.Items) == 0 || agg.Items[0].NumMentions == 0 {
		t.Fatalf("aggregate: %+v", agg)
	}
	var q store.Page[store.QuoteHit]
	getJSON(t, s, "/api/quotes?speaker=vidal", &q)
	if len(q.Items) == 0 {
		t.Fatal("no Vidal quotes")
	}
	for _, h := range q.Items {
		if !strings.Contains(strings.ToLower(h.SpeakerName), "vidal") {
			t.Errorf("speaker filter let %q through", h.SpeakerName)
		}
	}
	var ents store.Page[EntityItem]
	getJSON(t, s, "/api/entities?type=PERSON&limit=5", &ents)
	if len(ents.Items) == 0 || ents.Next == "" {
		t.Fatalf("entities: %+v", ents)
	}
	for _, e := range ents.Items {
		if e.Type != "PERSON" || e.ID != EntityKey(e.Name, e.Type, e.Country) {
			t.Errorf("entity %+v", e)
		}
	}
	// Every listed entity resolves to a view.
	var v EntityView
	getJSON(t, s, "/api/entities/"+url.PathEscape(ents.Items[0].ID), &v)
	if len(v.Articles) == 0 || len(v.Mentions) == 0 {
		t.Errorf("entity view %+v", v)
	}
	getJSON(t, s, "/api/entities/"+url.PathEscape("PERSON:CHL:Ana Vidal"), &v)
	if len(v.Quotes) == 0 {
		t.Errorf("Ana Vidal has no quotes: %+v", v)
	}
}

func TestServeDyad(t *testing.T) {
	s := newTestServer(t, Config{})
	var d Dyad
	getJSON(t, s, "/api/dyads?a=KOR&b=PRK", &d)
	if d.Total == 0 || len(d.Buckets) == 0 || len(d.Recent) == 0 {
		t.Fatalf("dyad %+v", d)
	}
	sum := 0
	for _, b := range d.Buckets {
		n := b.Quad[0] + b.Quad[1] + b.Quad[2] + b.Quad[3]
		if n != b.Total || b.Goldstein < -10 || b.Goldstein > 10 {
			t.Errorf("bucket %+v", b)
		}
		sum += n
	}
	if sum+d.Undated != d.Total {
		t.Errorf("buckets sum %d + undated %d != total %d", sum, d.Undated, d.Total)
	}
	var w Dyad
	getJSON(t, s, "/api/dyads?a=KOR&b=PRK&interval=week", &w)
	for _, b := range w.Buckets {
		day, err := time.Parse("2006-01-02", b.Period)
		if err != nil || day.Weekday() != time.Monday {
			t.Errorf("week bucket %q", b.Period)
		}
	}
	var dir Dyad
	getJSON(t, s, "/api/dyads?a=PRK&b=KOR&directed=1", &dir)
	if dir.Total > d.Total {
		t.Errorf("directed %d > both %d", dir.Total, d.Total)
	}
}

func TestServeClusterAndExport(t *testing.T) {
	s := newTestServer(t, Config{})
	id := firstCluster(t, s)
	var c ClusterView
	getJSON(t, s, "/api/clusters/"+id, &c)
	if len(c.Articles) < 2 || len(c.Explanation) == 0 {
		t.Fatalf("cluster %+v", c)
	}
	page := do(t, s, "GET", "/clusters/"+id, nil)
	if !strings.Contains(page.body, `<mark class="shared">`) {
		t.Error("cluster page marks no shared passage")
	}
	var stats store.Stats
	getJSON(t, s, "/api/stats", &stats)
	r := do(t, s, "GET", "/api/export?what=events", nil)
	sc := bufio.NewScanner(strings.NewReader(r.body))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var e store.EventHit
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if int64(n) != stats.Events {
		t.Errorf("export gave %d events, stats %d", n, stats.Events)
	}
}

func TestServeOpenAPI(t *testing.T) {
	s := newTestServer(t, Config{})
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	getJSON(t, s, "/api/openapi.json", &doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	n := 0
	for _, r := range s.routes() {
		method, path, _ := strings.Cut(r.pattern, " ")
		if !strings.HasPrefix(path, "/api/") && path != "/healthz" && path != "/metrics" {
			continue
		}
		n++
		op, ok := doc.Paths[path][strings.ToLower(method)]
		if !ok {
			t.Errorf("openapi.json does not document %s", r.pattern)
			continue
		}
		var o struct {
			Responses map[string]any `json:"responses"`
		}
		if json.Unmarshal(op, &o) != nil || len(o.Responses) == 0 {
			t.Errorf("%s: no responses", r.pattern)
		}
	}
	if n < 13 {
		t.Errorf("only %d API routes checked", n)
	}
	for path := range doc.Paths {
		found := false
		for _, r := range s.routes() {
			if strings.HasSuffix(r.pattern, " "+path) {
				found = true
			}
		}
		if !found {
			t.Errorf("openapi.json documents %s, which is not served", path)
		}
	}
}

func TestServeMetrics(t *testing.T) {
	s := newTestServer(t, Config{})
	do(t, s, "GET", "/api/articles/1", nil)
	do(t, s, "GET", "/articles/1", nil)
	r := do(t, s, "GET", "/metrics", nil)
	for _, want := range []string{
		`herald_http_requests_total{code="200",method="GET",route="GET /api/articles/{id}"} 1`,
		`herald_http_request_duration_seconds_bucket{route="GET /articles/{id}",le="+Inf"} 1`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestServeSubmitToken(t *testing.T) {
	body := `{"title":"Kenya and Ethiopia sign accord","text":"Kenyan President Daniel Otieno met Ethiopian leaders in Addis Ababa on Monday. \"This accord shows that neighbours can settle hard questions,\" Otieno said.","published":"2025-04-01","url":"https://submit.example/1"}`
	off := newTestServer(t, Config{Store: freshStore(t)})
	if r := do(t, off, "POST", "/api/articles", strings.NewReader(body), "Content-Type", "application/json"); r.code != 403 || !strings.Contains(r.body, "--token") {
		t.Errorf("no token configured: %d %s", r.code, r.body)
	}
	s := newTestServer(t, Config{Store: freshStore(t), Token: "s3cret", MaxBody: 4096})
	if r := do(t, s, "POST", "/api/articles", strings.NewReader(body), "Content-Type", "application/json"); r.code != 401 {
		t.Errorf("no token sent: %d", r.code)
	}
	if r := do(t, s, "POST", "/api/articles", strings.NewReader(body), "Authorization", "Bearer wrong"); r.code != 401 {
		t.Errorf("wrong token: %d", r.code)
	}
	r := do(t, s, "POST", "/api/articles", strings.NewReader(body), "Authorization", "Bearer s3cret", "Content-Type", "application/json")
	if r.code != 201 {
		t.Fatalf("submit: %d %s", r.code, r.body)
	}
	var a store.Stored
	if err := json.Unmarshal([]byte(r.body), &a); err != nil || a.ID == 0 || len(a.Entities) == 0 || a.URL != "https://submit.example/1" {
		t.Fatalf("submitted article: %v %+v", err, a)
	}
	if loc := r.h.Get("Location"); loc != "/api/articles/"+strconv.FormatInt(a.ID, 10) {
		t.Errorf("Location %q", loc)
	}
	if r := do(t, s, "POST", "/api/articles", strings.NewReader(body), "Authorization", "Bearer s3cret"); r.code != 200 {
		t.Errorf("resubmit: %d", r.code)
	}
	if r := do(t, s, "POST", "/api/articles", strings.NewReader("Plain words about Kenya and Ethiopia signing a water accord."), "X-Herald-Token", "s3cret", "Content-Type", "text/plain"); r.code != 201 {
		t.Errorf("text/plain: %d %s", r.code, r.body)
	}
	if r := do(t, s, "POST", "/api/articles", strings.NewReader("<p>x</p>"), "X-Herald-Token", "s3cret", "Content-Type", "image/png"); r.code != 415 {
		t.Errorf("png: %d", r.code)
	}
	if r := do(t, s, "POST", "/api/articles", strings.NewReader(strings.Repeat("x", 5000)), "X-Herald-Token", "s3cret", "Content-Type", "text/plain"); r.code != 413 {
		t.Errorf("oversized body: %d", r.code)
	}
	if r := do(t, s, "POST", "/api/articles", strings.NewReader(`{}`), "X-Herald-Token", "s3cret"); r.code != 400 {
		t.Errorf("empty submission: %d", r.code)
	}
	// A URL on loopback is refused by the fetcher, not fetched.
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("private target was fetched")
	}))
	defer target.Close()
	r = do(t, s, "POST", "/api/articles", strings.NewReader(`{"url":"`+target.URL+`/a"}`), "X-Herald-Token", "s3cret")
	if r.code != 502 || !strings.Contains(r.body, "not allowed") {
		t.Errorf("loopback URL: %d %s", r.code, r.body)
	}
}

func freshStore(t *testing.T) *sqlite.DB {
	db, err := sqlite.Open(t.TempDir() + "/fresh.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fakeResolver maps names to addresses, as a hostile DNS server could.
type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	if a, ok := f[host]; ok {
		return a, nil
	}
	return nil, errors.New("no such host")
}

func TestServeFetcherRefusesPrivate(t *testing.T) {
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<html><title>t</title><p>hello</p></html>")
	}))
	defer loop.Close()
	port := loop.Listener.Addr().(interface{ String() string }).String()
	_, port, _ = strings.Cut(port, ":")
	res := fakeResolver{
		"ten.example":      {netip.MustParseAddr("10.1.2.3")},
		"meta.example":     {netip.MustParseAddr("169.254.169.254")},
		"loop.example":     {netip.MustParseAddr("127.0.0.1")},
		"mapped.example":   {netip.MustParseAddr("::ffff:127.0.0.1")},
		"mixed.example":    {netip.MustParseAddr("192.168.1.1"), netip.MustParseAddr("127.0.0.1")},
		"cgnat.example":    {netip.MustParseAddr("100.64.0.1")},
		"v6local.example":  {netip.MustParseAddr("fe80::1")},
		"v6unique.example": {netip.MustParseAddr("fd00::1")},
	}
	f := NewFetcher(FetchOptions{Resolver: res, Timeout: 5 * time.Second})
	for _, u := range []string{
		"http://127.0.0.1:" + port + "/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
		"http://ten.example/", "http://meta.example/", "http://loop.example:" + port + "/", "http://mapped.example:" + port + "/",
		"http://mixed.example:" + port + "/", "http://cgnat.example/", "http://v6local.example/", "http://v6unique.example/",
		"http://[::1]:" + port + "/",
	} {
		_, err := f.Fetch(context.Background(), u)
		if !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("%s: %v, want refusal", u, err)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "gopher://x/", "ftp://x/"} {
		if _, err := f.Fetch(context.Background(), u); err == nil {
			t.Errorf("%s fetched", u)
		}
	}
	// With --allow-private the same loopback target is fetched.
	ok := NewFetcher(FetchOptions{Resolver: res, AllowPrivate: true})
	got, err := ok.Fetch(context.Background(), "http://loop.example:"+port+"/")
	if err != nil || !strings.Contains(string(got.Body), "hello") {
		t.Errorf("allow-private fetch: %v", err)
	}
}

func TestServeFetcherLimits(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		http.Redirect(w, r, "/loop/"+strconv.Itoa(n+1), http.StatusFound)
	})
	mux.HandleFunc("/hops/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			io.WriteString(w, "arrived")
			return
		}
		http.Redirect(w, r, "/hops/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("a", 2<<20)))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher(FetchOptions{AllowPrivate: true, MaxBytes: 1 << 20, Timeout: 500 * time.Millisecond})
	if _, err := f.Fetch(context.Background(), srv.URL+"/loop/0"); err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Errorf("redirect loop: %v", err)
	}
	if got, err := f.Fetch(context.Background(), srv.URL+"/hops/5"); err != nil || string(got.Body) != "arrived" {
		t.Errorf("5 redirects: %v", err)
	}
	if _, err := f.Fetch(context.Background(), srv.URL+"/hops/6"); err == nil {
		t.Error("6 redirects followed")
	}
	if _, err := f.Fetch(context.Background(), srv.URL+"/big"); err == nil {
		t.Error("2 MiB body accepted with a 1 MiB cap")
	}
	if _, err := f.Fetch(context.Background(), srv.URL+"/slow"); err == nil {
		t.Error("slow server not timed out")
	}
}

// TestServeEscapesHostileText checks that titles, quotes, names and evidence carrying
// script and attribute-breaking payloads appear on every page only escaped.
func TestServeEscapesHostileText(t *testing.T) {
	s := newTestServer(t, Config{})
	var page store.Page[store.ArticleHit]
	getJSON(t, s, "/api/articles?cluster="+servertest.HostileCluster, &page)
	if len(page.Items) != 2 {
		t.Fatalf("hostile articles: %d", len(page.Items))
	}
	paths := []string{"/", "/search?q=hostile", "/search?q=" + url.QueryEscape(servertest.Payloads[0]),
		"/clusters/" + servertest.HostileCluster, "/dyads/FRAGOV/FRA", "/search?source=" + url.QueryEscape("hostile "+servertest.Payloads[1])}
	for _, h := range page.Items {
		paths = append(paths, "/articles/"+strconv.FormatInt(h.ID, 10))
	}
	for _, p := range servertest.Payloads {
		paths = append(paths, "/entities/"+url.PathEscape(EntityKey("Mallory "+p, "PERSON", "FRA")))
	}
	for _, p := range paths {
		r := do(t, s, "GET", p, nil)
		if r.code != 200 {
			t.Errorf("GET %s: %d", p, r.code)
			continue
		}
		if strings.Contains(r.body, "<script>alert") || strings.Contains(r.body, "<img") || strings.Contains(r.body, "onerror=alert(1)>") && !strings.Contains(r.body, "onerror=alert(1)&gt;") {
			t.Errorf("GET %s: payload unescaped", p)
		}
		if !strings.Contains(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;") && !strings.Contains(r.body, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("GET %s: payload not shown escaped either", p)
		}
		if !strings.Contains(r.Header().Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("GET %s: CSP", p)
		}
	}
	// The article page highlights the hostile entity and quote without breaking markup.
	r := do(t, s, "GET", "/articles/"+strconv.FormatInt(page.Items[0].ID, 10), nil)
	if strings.Count(r.body, `class="ent t-person"`) == 0 || !strings.Contains(r.body, `class="quote q-direct"`) {
		t.Errorf("hostile article lost its highlights")
	}
}

func (r resp) Header() http.Header { return r.h }

func TestServeSnippet(t *testing.T) {
	for in, want := range map[string]string{
		"a [b] c":                     "a <mark>b</mark> c",
		"[<script>] x":                "<mark>&lt;script&gt;</mark> x",
		"no marks <b>":                "no marks &lt;b&gt;",
		"open [only":                  "open [only",
		"]odd[ [two] [three]":         "]odd<mark> [two</mark> <mark>three</mark>",
		`"><img src=x onerror=1> [k]`: "&#34;&gt;&lt;img src=x onerror=1&gt; <mark>k</mark>",
	} {
		if got := string(snippet(in)); got != want {
			t.Errorf("snippet(%q) = %q, want %q", in, got, want)
		}
	}
}
