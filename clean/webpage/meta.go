package webpage

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/araddon/dateparse"
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

// pageInfo is what the body extractor found about the page: go-readability's
// title and byline, and the language of the body text.
type pageInfo struct {
	Title, Author, Language string
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

// page assembles the Page fields other than the body. info may be empty
// when extraction failed; the page's own tags still give title, date and so
// on.
func (m *metadata) page(info pageInfo, pageURL string) Page {
	ld := m.ldFields()
	p := Page{
		// go-readability's title prefers JSON-LD and og:title, and cuts the
		// site name from a <title> it falls back to.
		Title: stripSiteName(clean(firstNonEmpty(info.Title, m.meta["og:title"], ld["headline"], m.title)), m.meta["og:site_name"]),
		// Structured author fields first: go-readability's byline, when no
		// meta tag gives one, is the text of a byline element, with "By"
		// and a date around the name.
		Byline:      cleanByline(firstNonEmpty(ld["author"], m.metaAuthor(), info.Author)),
		Description: clean(firstNonEmpty(m.meta["og:description"], m.meta["description"], m.meta["twitter:description"])),
		URL:         firstNonEmpty(pageURL, m.absCanonical()),
	}
	p.Published = m.published(ld["datePublished"])
	p.Language = language(firstNonEmpty(info.Language, m.lang, m.meta["content-language"], m.meta["og:locale"]))
	return p
}

// stripSiteName removes a trailing " | Site" (or " - Site", " – Site",
// " — Site") from a title when Site is the page's og:site_name.
func stripSiteName(title, site string) string {
	site = clean(site)
	if site == "" || len(site) >= len(title) {
		return title
	}
	head, tail := title[:len(title)-len(site)], title[len(title)-len(site):]
	if !strings.EqualFold(tail, site) {
		return title
	}
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · ", " :: "} {
		if h, ok := strings.CutSuffix(head, sep); ok && strings.TrimSpace(h) != "" {
			return strings.TrimSpace(h)
		}
	}
	return title
}

// cleanByline reduces a byline to the names in it: a leading "By" and
// anything from the first digit on (a date or time printed with the name,
// "By Ann Lee - 18 April 2024") go, as does a month name left glued to the
// last name. A byline with no name left is empty.
func cleanByline(s string) string {
	s = clean(s)
	for _, by := range []string{"by:", "by "} {
		if len(s) >= len(by) && strings.EqualFold(s[:len(by)], by) {
			s = strings.TrimSpace(s[len(by):])
		}
	}
	if i := strings.IndexFunc(s, unicode.IsDigit); i >= 0 {
		s = s[:i]
		// "November 15, 2019": the month before the day goes too, but not
		// a name that is a month ("Theresa May, 18 April").
		if t, ok := strings.CutSuffix(s, " "); ok {
			t = strings.TrimSuffix(t, ".")
			for _, mo := range months {
				if len(t) >= len(mo) && strings.EqualFold(t[len(t)-len(mo):], mo) {
					s = t[:len(t)-len(mo)]
					break
				}
			}
		}
	}
	s = strings.TrimRight(s, " ,;:-–—|·/")
	if strings.EqualFold(s, "by") || !strings.ContainsFunc(s, unicode.IsLetter) {
		return ""
	}
	return s
}

// months are the English month names and abbreviations a date printed
// after a byline can start with, longest first.
var months = []string{
	"september", "november", "december", "february", "january", "october",
	"august", "april", "march", "june", "july", "may",
	"sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
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
	w := ldWalk{out: map[string]string{}, names: map[string]string{}}
	for _, src := range m.jsonLD {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(src)), &v) != nil {
			continue
		}
		w.walk(v, 0)
	}
	// Yoast and other generators give an article's author as a reference
	// ({"@id": …}) to a Person elsewhere in the @graph, which may come
	// after the article.
	for _, a := range w.authors {
		if w.out["author"] != "" {
			break
		}
		w.out["author"] = ldNames(a, w.names)
	}
	return w.out
}

// ldWalk gathers fields from JSON-LD values.
type ldWalk struct {
	out     map[string]string // datePublished, headline: the first found
	names   map[string]string // @id -> name of every named node
	authors []any             // author values, in document order
}

func (w *ldWalk) walk(v any, depth int) {
	if depth > 8 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			w.walk(e, depth+1)
		}
	case map[string]any:
		for _, k := range []string{"datePublished", "headline"} {
			if s, ok := x[k].(string); ok && w.out[k] == "" {
				w.out[k] = s
			}
		}
		if a, ok := x["author"]; ok {
			w.authors = append(w.authors, a)
		}
		id, _ := x["@id"].(string)
		name, _ := x["name"].(string)
		if id != "" && name != "" {
			w.names[id] = name
		}
		if g, ok := x["@graph"]; ok {
			w.walk(g, depth+1)
		}
	}
}

// ldNames joins the names of a JSON-LD author value: a string, a Person, a
// reference to a named node by its @id, or a list of these.
func ldNames(v any, names map[string]string) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return ""
		}
		return x
	case map[string]any:
		if s, _ := x["name"].(string); s != "" {
			return s
		}
		id, _ := x["@id"].(string)
		return names[id]
	case []any:
		var out []string
		for _, e := range x {
			if s := ldNames(e, names); s != "" {
				out = append(out, s)
			}
		}
		return strings.Join(out, ", ")
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
