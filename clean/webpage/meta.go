package webpage

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/araddon/dateparse"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// metadata is what the prune pass read from the page head and microdata.
type metadata struct {
	meta      map[string]string // lower-cased property/name/itemprop -> content, first wins
	jsonLD    []string          // bodies of application/ld+json scripts
	title     string            // <title>
	lang      string            // <html lang>
	canonical string            // <link rel=canonical>
	itemDate  string            // itemprop=datePublished, or a "publish…" <time>
	timeDate  string            // the first <time datetime> anywhere
	links     map[string]bool   // folded texts of links of three words or more
}

// dateKeys are meta names that carry the publication date, most specific
// first; publishers disagree on the name, not on the meaning.
var dateKeys = []string{
	"article:published_time", "og:article:published_time", "article.published",
	"datepublished", "published_time", "publish-date", "publishdate", "pubdate",
	"parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
	"dc.date", "dcterms.created", "date", "originalpublicationdate",
	"article.created", "displaydate", "og:updated_time", "article:modified_time",
}

// page assembles the Page fields other than the body. res may be nil when
// extraction failed; the page's own tags still give title, date and so on.
func (m *metadata) page(res *trafilatura.ExtractResult, pageURL string) Page {
	var tm trafilatura.Metadata
	if res != nil {
		tm = res.Metadata
	}
	ld := m.ldFields()
	p := Page{
		Title:       clean(firstNonEmpty(tm.Title, m.meta["og:title"], ld["headline"], m.title)),
		Byline:      clean(firstNonEmpty(tm.Author, ld["author"], m.metaAuthor())),
		Description: clean(firstNonEmpty(tm.Description, m.meta["description"], m.meta["og:description"])),
		URL:         firstNonEmpty(pageURL, m.absCanonical(), tm.URL),
	}
	p.Published = m.published(ld["datePublished"])
	if p.Published == "" && !tm.Date.IsZero() {
		p.Published = tm.Date.Format("2006-01-02")
	}
	// go-trafilatura's language is detected from the body text when there
	// is one; that beats <html lang>, which site templates often leave at
	// "en" for every article (one German page in the benchmark says "en").
	p.Language = language(firstNonEmpty(tm.Language, m.lang, m.meta["content-language"], m.meta["og:locale"]))
	return p
}

// metaAuthor is the author meta tag unless it is a profile URL, which some
// sites put in article:author.
func (m *metadata) metaAuthor() string {
	for _, k := range []string{"author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator"} {
		if v := m.meta[k]; v != "" && !strings.Contains(v, "://") {
			return strings.TrimPrefix(strings.TrimPrefix(v, "By "), "by ")
		}
	}
	return ""
}

func (m *metadata) absCanonical() string {
	if m.canonical == "" {
		return ""
	}
	u, err := url.Parse(m.canonical)
	if err != nil || !u.IsAbs() {
		return ""
	}
	return u.String()
}

// published returns the first parseable date among the meta tags, JSON-LD,
// datePublished microdata and <time> elements, as ISO 8601.
func (m *metadata) published(ldDate string) string {
	cands := make([]string, 0, len(dateKeys)+3)
	for _, k := range dateKeys[:len(dateKeys)-2] {
		cands = append(cands, m.meta[k])
	}
	cands = append(cands, ldDate, m.itemDate, m.timeDate)
	// Modification dates are a last resort: better than nothing for a
	// news item, which is rarely edited long after it appears.
	cands = append(cands, m.meta[dateKeys[len(dateKeys)-2]], m.meta[dateKeys[len(dateKeys)-1]])
	for _, c := range cands {
		if d := isoDate(c); d != "" {
			return d
		}
	}
	return ""
}

// isoDate normalises a date string to YYYY-MM-DD, or to RFC 3339 when it
// carries a time of day; it returns "" for text that is not a plausible date.
func isoDate(s string) (iso string) {
	// dateparse has panicked on odd inputs in the past; a bad date must not
	// cost the whole page.
	defer func() {
		if recover() != nil {
			iso = ""
		}
	}()
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 64 {
		return ""
	}
	t, err := dateparse.ParseAny(s)
	if err != nil {
		// A leading YYYY-MM-DD is enough even when the rest is unusual.
		if len(s) >= 10 {
			if t2, err2 := time.Parse("2006-01-02", s[:10]); err2 == nil {
				t, err = t2, nil
				s = s[:10]
			}
		}
		if err != nil {
			return ""
		}
	}
	if t.Year() < 1990 || t.Year() > time.Now().Year()+1 {
		return ""
	}
	if strings.Contains(s, ":") {
		return t.Format(time.RFC3339)
	}
	return t.Format("2006-01-02")
}

// ldFields reads headline, author and datePublished from the JSON-LD blocks,
// preferring an object typed as an article.
func (m *metadata) ldFields() map[string]string {
	out := map[string]string{}
	for _, src := range m.jsonLD {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(src)), &v) != nil {
			continue
		}
		walkLD(v, out, 0)
	}
	return out
}

func walkLD(v any, out map[string]string, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkLD(e, out, depth+1)
		}
	case map[string]any:
		for _, k := range []string{"datePublished", "headline"} {
			if s, ok := x[k].(string); ok && out[k] == "" {
				out[k] = s
			}
		}
		if out["author"] == "" {
			out["author"] = ldNames(x["author"])
		}
		if g, ok := x["@graph"]; ok {
			walkLD(g, out, depth+1)
		}
	}
}

// ldNames joins the names of a JSON-LD author value: a string, a Person, or
// a list of either.
func ldNames(v any) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return ""
		}
		return x
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if s := ldNames(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// language reduces a language tag or locale ("en-US", "en_GB") to its
// primary subtag.
func language(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_ ,;"); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	return s
}

// clean collapses whitespace.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
