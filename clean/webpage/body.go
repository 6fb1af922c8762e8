package webpage

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// blocks are the elements that start and end a paragraph of their own;
// everything else is inline and joins the text around it.
// Names, not atoms: go-readability renames elements (a div of phrasing
// content becomes a p) by setting Data alone, leaving DataAtom stale.
var blocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "table": true, "tr": true,
	"figure": true, "figcaption": true, "br": true, "hr": true,
	"header": true, "footer": true, "main": true, "aside": true,
	"details": true, "summary": true, "caption": true, "body": true,
}

// block is one paragraph of body text and the element that held it.
type block struct {
	text, tag string
}

// paragraphs flattens the extracted content tree into one entry per block,
// whitespace collapsed, blocks without words skipped. Table cells are joined by a
// space within their row.
func paragraphs(root *html.Node) []block {
	if root == nil {
		return nil
	}
	var out []block
	var cur strings.Builder
	tags := []string{""} // innermost open block element
	flush := func() {
		// A block without a letter or digit is debris left where the
		// extractor removed a byline or date ("·", "|").
		if s := clean(cur.String()); fold(s) != "" {
			out = append(out, block{s, tags[len(tags)-1]})
		}
		cur.Reset()
	}
	// An explicit stack with an exit marker instead of recursion: a block is
	// flushed both when it opens and when it closes.
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			flush()
			tags = tags[:len(tags)-1]
			continue
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			continue
		case html.ElementNode, html.DocumentNode:
		default:
			continue
		}
		block := blocks[n.Data] || n.Type == html.DocumentNode
		if block {
			flush()
			tags = append(tags, n.Data)
			stack = append(stack, frame{n: n, exit: true})
		} else if n.Data == "td" || n.Data == "th" {
			cur.WriteByte(' ')
		}
		// Push children in reverse so the first child is visited first.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	flush()
	return out
}

// headWindow is how many leading paragraphs may be page furniture repeated
// from the metadata (headline, standfirst) rather than article text.
const headWindow = 4

// dropRepeatedHead removes, from the first few blocks, those that repeat the
// title, and headings that repeat the description. Many pages print the
// headline and a standfirst above the body inside the same container; the
// body must not start with the title. A standfirst set as a paragraph is
// kept: measured on the benchmark pages, it is article text as often as not.
// Returns the kept and the dropped paragraphs.
func dropRepeatedHead(blocks []block, title, description string) (kept, dropped []string) {
	t, d := fold(title), fold(description)
	for i, b := range blocks {
		p := fold(b.text)
		heading := len(b.tag) == 2 && b.tag[0] == 'h' && b.tag[1] >= '1' && b.tag[1] <= '6'
		if i < headWindow && len(kept) == 0 && (sameLine(p, t) || heading && sameLine(p, d)) {
			dropped = append(dropped, b.text)
			continue
		}
		kept = append(kept, b.text)
	}
	return kept, dropped
}

// tailWords are phrases that mark page furniture after an article: sign-up
// boxes, share prompts, copyright lines.
var tailWords = []string{
	"newsletter", "sign up", "signing up", "subscribe", "subscription",
	"all rights reserved", "copyright", "follow us", "share this",
	"read more", "related", "recommended", "more stories", "advertisement",
}

// trimTail removes, from the end of the body, blocks that are whole link
// texts (related-story lists) or short lines with a furniture phrase; and,
// anywhere in the body, short blocks that are nothing but a link ("Read
// more: …" teasers between paragraphs). A long paragraph that happens to be
// one link is kept. Returns the kept blocks and the dropped ones (tail
// first). At least one block is always kept before the link filter.
// Measured on the benchmark pages: precision 0.952 -> 0.963, recall
// 0.987 -> 0.985.
func trimTail(paras []string, links map[string]bool) (kept, dropped []string) {
	// A looser cut (stop at the earliest link where links are half of the
	// short blocks after it) measured no better: it also took address and
	// credit lines that belong to the article.
	end := len(paras)
	for end > 1 {
		p := fold(paras[end-1])
		if !(links[p] || isFurniture(p)) {
			break
		}
		end--
	}
	kept, dropped = nil, paras[end:]
	for _, p := range paras[:end] {
		if f := fold(p); links[f] && strings.Count(f, " ") < 20 {
			dropped = append(dropped, p)
			continue
		}
		kept = append(kept, p)
	}
	return kept, dropped
}

// isFurniture reports whether a folded block is a short line holding one
// of the tailWords.
func isFurniture(p string) bool {
	if strings.Count(p, " ") > 15 {
		return false
	}
	for _, w := range tailWords {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// sameLine reports whether a paragraph repeats a metadata line: equal after
// folding, or one a prefix of the other (titles often lose or gain a site
// name suffix, descriptions get truncated with an ellipsis).
func sameLine(p, meta string) bool {
	if p == "" || meta == "" {
		return false
	}
	if p == meta {
		return true
	}
	short, long := p, meta
	if len(short) > len(long) {
		short, long = long, short
	}
	return len(short) >= 20 && len(short)*10 >= len(long)*7 && strings.HasPrefix(long, short)
}

// fold lowercases and keeps only letters and digits, single-spaced, so that
// punctuation and typographic quotes do not hide a repeat.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}
