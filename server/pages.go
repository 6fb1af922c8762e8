package server

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
)

//go:embed assets/templates/*.html assets/static
var assets embed.FS

// pages holds one parsed template set per page, each made of the shared layout and the
// page's own "content".
type pages struct {
	t      map[string]*template.Template
	static http.Handler
}

var pageNames = []string{"home", "search", "article", "entity", "dyad", "cluster", "error"}

var funcs = template.FuncMap{
	"entityURL": entityURL,
	"dyadURL": func(a, b string) string {
		return "/dyads/" + url.PathEscape(a) + "/" + url.PathEscape(b)
	},
	"dyadParts": func(key string) []string {
		a, b, _ := strings.Cut(key, ">")
		return []string{a, b}
	},
	"quadName":  quadName,
	"goldstein": func(g float64) string { return strconv.FormatFloat(g, 'f', 1, 64) },
	"typeClass": func(t string) string { return "t-" + strings.ToLower(cssSafe(t)) },
	"articleURL": func(id int64) string {
		return "/articles/" + strconv.FormatInt(id, 10)
	},
	"clusterURL": func(c string) string { return "/clusters/" + url.PathEscape(c) },
	"split":      strings.Fields,
	"snippet":    snippet,
}

// snippet renders a search snippet with the matched words, which the store puts in
// [brackets], as <mark>. The text is escaped first; only the marks are markup.
func snippet(s string) template.HTML {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '[')
		j := strings.IndexByte(s[i+1:], ']')
		if i < 0 || j < 0 {
			break
		}
		b.WriteString(template.HTMLEscapeString(s[:i]))
		b.WriteString("<mark>" + template.HTMLEscapeString(s[i+1:i+1+j]) + "</mark>")
		s = s[i+2+j:]
	}
	b.WriteString(template.HTMLEscapeString(s))
	return template.HTML(b.String())
}

// cssSafe keeps letters only, so a value can become part of a class name.
func cssSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return -1
	}, s)
}

func quadName(q int) string {
	switch q {
	case 1:
		return "verbal cooperation"
	case 2:
		return "material cooperation"
	case 3:
		return "verbal conflict"
	case 4:
		return "material conflict"
	}
	return "unknown"
}

func loadPages() (*pages, error) {
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "assets/templates/layout.html", "assets/templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		p.t[name] = t
	}
	sub, err := fs.Sub(assets, "assets/static")
	if err != nil {
		return nil, err
	}
	p.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	return p, nil
}

// page is what every template gets: the page's data, its title and the search box value.
type page struct {
	Title string
	Query string
	Data  any
}

// render executes a page into a buffer first, so a template error gives a clean 500
// rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	var buf bytes.Buffer
	if err := s.pages.t[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("template", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	var br errBadRequest
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.render(w, r, http.StatusNotFound, "error", page{Title: "Not found", Data: "Nothing here: the article, entity or story does not exist."})
	case errors.As(err, &br):
		s.render(w, r, http.StatusBadRequest, "error", page{Title: "Bad request", Data: br.msg})
	case errors.Is(err, context.Canceled):
	default:
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
		s.render(w, r, http.StatusInternalServerError, "error", page{Title: "Error", Data: "Something went wrong reading the store."})
	}
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=3600")
	s.pages.static.ServeHTTP(w, r)
}

// Story is a cluster seen among recent articles.
type Story struct {
	Cluster string
	Title   string
	Count   int
}

type homeData struct {
	Stats    store.Stats
	Recent   []store.ArticleHit
	Stories  []Story
	Entities []store.EntityHit
}

// homePage shows counts, top actors and dyads, recent articles and the biggest recent
// stories. The store cannot list clusters, so stories are the clusters of the latest
// few hundred articles.
func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d homeData
	var err error
	if d.Stats, err = s.st.Stats(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	recent, err := s.st.Search(ctx, store.Query{Limit: 300})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Recent = recent.Items[:min(15, len(recent.Items))]
	byCluster := map[string]*Story{}
	for _, h := range recent.Items {
		if h.Cluster == "" {
			continue
		}
		st := byCluster[h.Cluster]
		if st == nil {
			st = &Story{Cluster: h.Cluster, Title: h.Title}
			byCluster[h.Cluster] = st
		}
		st.Count++
	}
	for _, st := range byCluster {
		if st.Count > 1 {
			d.Stories = append(d.Stories, *st)
		}
	}
	sort.Slice(d.Stories, func(i, j int) bool {
		if d.Stories[i].Count != d.Stories[j].Count {
			return d.Stories[i].Count > d.Stories[j].Count
		}
		return d.Stories[i].Cluster < d.Stories[j].Cluster
	})
	d.Stories = d.Stories[:min(10, len(d.Stories))]
	ents, err := s.st.Entities(ctx, store.EntityQuery{Limit: 15})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Entities = ents.Items
	s.render(w, r, http.StatusOK, "home", page{Title: "Herald", Data: d})
}

// Facet is one way of narrowing a search, with how many results each value has.
type Facet struct {
	Name   string
	Values []FacetValue
}

// FacetValue is one value of a facet and the search URL that selects it.
type FacetValue struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

type searchData struct {
	Q       url.Values
	Hits    []store.ArticleHit
	Next    string
	NextURL string
	Facets  []Facet
	Counted int  // hits counted for facets
	Capped  bool // more hits than counted
}

// maxFacetHits bounds the hits walked to count facets.
const maxFacetHits = 2000

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	q, err := articleQuery(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if q.Limit == 0 {
		q.Limit = 25
	}
	res, err := s.st.Search(r.Context(), q)
	if err != nil {
		s.pageError(w, r, listErr(err, q.After))
		return
	}
	vals := r.URL.Query()
	d := searchData{Q: vals, Hits: res.Items, Next: res.Next}
	if res.Next != "" {
		nv := cloneValues(vals)
		nv.Set("after", res.Next)
		d.NextURL = "/search?" + nv.Encode()
	}
	// Facets count every match (up to maxFacetHits), not just this page.
	fq := q
	fq.After = ""
	sources, months, stories := map[string]int{}, map[string]int{}, map[string]int{}
	err = s.eachHit(r.Context(), fq, func(h store.ArticleHit) error {
		if d.Counted >= maxFacetHits {
			d.Capped = true
			return errStop
		}
		d.Counted++
		sources[h.Source.Name]++
		if len(h.Published) >= 7 {
			months[h.Published[:7]]++
		}
		if h.Cluster != "" {
			stories[h.Cluster]++
		}
		return nil
	})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Facets = []Facet{
		facet("Source", "source", sources, vals, false),
		facet("Month", "", months, vals, true),
		facet("Story", "cluster", stories, vals, false),
	}
	title := "Search"
	if q.Text != "" {
		title = "Search: " + q.Text
	}
	s.render(w, r, http.StatusOK, "search", page{Title: title, Query: q.Text, Data: d})
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// facet lists a facet's values, most frequent first (months newest first). A month
// facet selects through from/to.
func facet(name, param string, counts map[string]int, vals url.Values, month bool) Facet {
	f := Facet{Name: name}
	for k, n := range counts {
		nv := cloneValues(vals)
		nv.Del("after")
		active := false
		if month {
			nv.Set("from", k+"-01")
			nv.Set("to", k+"-31")
			active = vals.Get("from") == k+"-01"
		} else {
			nv.Set(param, k)
			active = vals.Get(param) == k
		}
		label := k
		if label == "" {
			label = "(none)"
		}
		f.Values = append(f.Values, FacetValue{Label: label, Count: n, URL: "/search?" + nv.Encode(), Active: active})
	}
	sort.Slice(f.Values, func(i, j int) bool {
		a, b := f.Values[i], f.Values[j]
		if month {
			return a.Label > b.Label
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Label < b.Label
	})
	if len(f.Values) > 12 {
		f.Values = f.Values[:12]
	}
	return f
}

// EntityGroup lists an article's entities of one type.
type EntityGroup struct {
	Type     string
	Entities []article.Entity
}

type articleData struct {
	A      *store.Stored
	Text   template.HTML
	Groups []EntityGroup
	Names  map[string]string // entity id -> name, for quotes and events
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := s.st.Article(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := articleData{A: a, Text: highlight(a.Article), Names: map[string]string{}}
	byType := map[string][]article.Entity{}
	for _, e := range a.Entities {
		byType[e.Type] = append(byType[e.Type], e)
		d.Names[e.ID] = e.Name
	}
	for _, t := range []string{article.Person, article.Org, article.GPE, article.NORP, article.Loc} {
		if len(byType[t]) > 0 {
			d.Groups = append(d.Groups, EntityGroup{t, byType[t]})
			delete(byType, t)
		}
	}
	for t, es := range byType { // types added later than this page
		d.Groups = append(d.Groups, EntityGroup{t, es})
	}
	s.render(w, r, http.StatusOK, "article", page{Title: a.Title, Data: d})
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.entity(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "entity", page{Title: v.Name, Data: v})
}

type dyadData struct {
	A, B    string
	APIURL  string
	WeekURL string
	Dyad    *Dyad
}

func (s *Server) dyadPage(w http.ResponseWriter, r *http.Request) {
	a, b := strings.ToUpper(r.PathValue("a")), strings.ToUpper(r.PathValue("b"))
	d, err := s.dyad(r.Context(), dyadQuery{A: a, B: b, Interval: "day"})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := url.Values{"a": {a}, "b": {b}, "interval": {"day"}}
	s.render(w, r, http.StatusOK, "dyad", page{Title: a + " – " + b, Data: dyadData{A: a, B: b, APIURL: "/api/dyads?" + v.Encode(), Dyad: d}})
}

// ClusterColumn is one article of a story with its shared passages marked.
type ClusterColumn struct {
	A      *store.Stored
	Text   template.HTML
	Shared int // sentences also found in another article of the story
}

type clusterData struct {
	C       *ClusterView
	Columns []ClusterColumn
	Sample  []string
	Rule    string
}

func (s *Server) clusterPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.cluster(r.Context(), r.PathValue("id"), true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := clusterData{C: c}
	var exp struct {
		Rule   string
		Sample []string
	}
	if len(c.Explanation) > 0 && json.Unmarshal(c.Explanation, &exp) == nil {
		d.Sample, d.Rule = exp.Sample, exp.Rule
	}
	// A sentence is shared when its normalised words occur in another article of the story.
	seen := map[string]map[int64]bool{}
	for _, a := range c.full {
		text := []rune(a.Text)
		for _, sp := range a.Sentences {
			if sp.End > len(text) || sp.Start >= sp.End {
				continue
			}
			k := normSentence(string(text[sp.Start:sp.End]))
			if k == "" {
				continue
			}
			if seen[k] == nil {
				seen[k] = map[int64]bool{}
			}
			seen[k][a.ID] = true
		}
	}
	for _, a := range c.full {
		text := []rune(a.Text)
		var marks []article.Span
		for _, sp := range a.Sentences {
			if sp.End > len(text) || sp.Start >= sp.End {
				continue
			}
			if len(seen[normSentence(string(text[sp.Start:sp.End]))]) > 1 {
				marks = append(marks, sp)
			}
		}
		d.Columns = append(d.Columns, ClusterColumn{A: a, Text: markSpans(text, marks, "shared"), Shared: len(marks)})
	}
	s.render(w, r, http.StatusOK, "cluster", page{Title: "Story " + c.ID, Data: d})
}

// normSentence keeps a sentence's words, lower-cased, so that punctuation and spacing
// differences between outlets do not hide a shared passage.
func normSentence(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) < 4 { // "He said." is not a shared passage
		return ""
	}
	return strings.Join(f, " ")
}

// entTitle is the tooltip of an entity mention.
func entTitle(e *article.Entity) string {
	parts := []string{e.Name, e.Type}
	if e.Country != "" {
		parts = append(parts, e.Country)
	}
	if e.Actor != "" {
		parts = append(parts, e.Actor)
	}
	return strings.Join(parts, " · ")
}
