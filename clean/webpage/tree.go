package webpage

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// decode returns the page as UTF-8. Valid UTF-8 is used as is, which skips
// the statistical charset detection the extractors' own parsers run on every
// page; otherwise the charset declared in the page is
// honoured, defaulting to windows-1252 as browsers do.
func decode(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	enc, name, _ := charset.DetermineEncoding(b, "")
	if name != "utf-8" && enc != nil {
		if out, err := enc.NewDecoder().Bytes(b); err == nil {
			return out
		}
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

// parse decodes and parses the page, prunes what can never be article text
// and gathers the metadata Herald reads itself. html.Parse refuses nesting
// deeper than 512 elements; such a page comes back as an empty document.
func parse(b []byte) (*html.Node, *metadata) {
	m := &metadata{meta: map[string]string{}, links: map[string]bool{}}
	doc, err := html.Parse(bytes.NewReader(decode(b)))
	if err != nil {
		doc = &html.Node{Type: html.DocumentNode}
	}
	prune(doc, m)
	return doc, m
}

// dropped are elements whose content is never article text. Removing them
// before go-readability runs (it removes most of them too, later) shrinks
// the tree it walks many times over.
var dropped = map[atom.Atom]bool{
	atom.Style: true, atom.Noscript: true, atom.Svg: true, atom.Math: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Applet: true,
	atom.Canvas: true, atom.Video: true, atom.Audio: true, atom.Select: true,
	atom.Textarea: true, atom.Template: true, atom.Button: true,
}

// prune walks the tree once, without recursion, removing comments, scripts
// (except JSON-LD, which carries metadata), readers' comment sections and
// the dropped elements, cutting
// the tree at maxElements elements or maxTextBytes of text, and recording
// meta tags, the <title>, the <html lang>, the canonical link and
// datePublished microdata.
func prune(doc *html.Node, m *metadata) {
	var elements, text int
	// Pre-order, children pushed in reverse, so nodes are judged in document
	// order and the caps cut the end of the page, not its deepest parts.
	var stack []*html.Node
	for c := doc.LastChild; c != nil; c = c.PrevSibling {
		stack = append(stack, c)
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !keep(n, m, &elements, &text) {
			n.Parent.RemoveChild(n)
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// keep records what c tells about the page and reports whether it stays.
func keep(c *html.Node, m *metadata, elements, text *int) bool {
	switch c.Type {
	case html.CommentNode:
		return false
	case html.TextNode:
		*text += len(strings.TrimSpace(c.Data))
		return *text <= maxTextBytes
	case html.ElementNode:
	default:
		return true
	}
	*elements++
	if *elements > maxElements || *text > maxTextBytes || dropped[c.DataAtom] || commentSection(c) {
		return false
	}
	switch c.DataAtom {
	case atom.Script:
		if !strings.Contains(strings.ToLower(attr(c, "type")), "ld+json") {
			return false
		}
		if c.FirstChild != nil && c.FirstChild.Type == html.TextNode {
			m.jsonLD = append(m.jsonLD, c.FirstChild.Data)
		}
	case atom.Meta:
		content := strings.TrimSpace(attr(c, "content"))
		if content == "" {
			break
		}
		for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
			if v := strings.ToLower(strings.TrimSpace(attr(c, k))); v != "" {
				if _, seen := m.meta[v]; !seen {
					m.meta[v] = content
				}
			}
		}
	case atom.Title:
		if m.title == "" && c.FirstChild != nil {
			m.title = strings.Join(strings.Fields(c.FirstChild.Data), " ")
		}
	case atom.Html:
		m.lang = attr(c, "lang")
	case atom.Link:
		if strings.EqualFold(attr(c, "rel"), "canonical") && m.canonical == "" {
			m.canonical = strings.TrimSpace(attr(c, "href"))
		}
	case atom.A:
		// Remember whole link texts: a body block that is nothing but a
		// link is usually a related-story teaser (see trimBody).
		if t := fold(textOf(c)); strings.Count(t, " ") >= 2 {
			m.links[t] = true
		}
	}
	if c.DataAtom == atom.Time || strings.EqualFold(attr(c, "itemprop"), "datePublished") {
		if strings.EqualFold(attr(c, "itemprop"), "datePublished") || strings.Contains(strings.ToLower(attr(c, "class")), "publish") {
			if v := firstNonEmpty(attr(c, "datetime"), attr(c, "content")); v != "" && m.itemDate == "" {
				m.itemDate = v
			}
		} else if v := attr(c, "datetime"); v != "" && m.timeDate == "" {
			m.timeDate = v
		}
	}
	return true
}

// commentSection reports whether n holds readers' comments: its class or id
// has the word "comment" or "comments", or names Disqus, and it does not
// wrap the article itself (an <article>, <main> or <h1> inside). go-readability
// skips such sections when scoring, but it takes its byline from the first
// element named "author" anywhere, and a comment's "comment-author" line is
// often the first.
func commentSection(n *html.Node) bool {
	name := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if len(name) < 7 {
		return false
	}
	found := strings.Contains(name, "disqus")
	for _, tok := range strings.FieldsFunc(name, notLetter) {
		found = found || tok == "comment" || tok == "comments"
	}
	if !found {
		return false
	}
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.DataAtom == atom.Article || x.DataAtom == atom.Main || x.DataAtom == atom.H1 {
			return false
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode {
				stack = append(stack, c)
			}
		}
	}
	return true
}

// notLetter splits a lower-cased class or id into words.
func notLetter(r rune) bool { return r < 'a' || r > 'z' }

// textOf concatenates the text under n, without recursion.
func textOf(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
			b.WriteByte(' ')
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
