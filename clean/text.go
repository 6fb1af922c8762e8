// Package clean turns a scraped document into clean, structured text: it finds the
// headline (even after a lede line), subtitle, byline and date, splits paragraphs, and
// removes repeated headlines, repeated paragraphs (exact and near-exact) and boilerplate
// lines, reporting everything it removed. HTML pages go through clean/webpage first.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
)

// Doc is a cleaned document. Blocks are kept verbatim (only trimmed), so quotes and names
// can be found in the original input.
type Doc struct {
	Title      string
	Subtitle   string
	Byline     string
	Published  string
	Paragraphs []string // the body, in order, without the title
	Removed    []article.Removed
}

// Text returns the cleaned text: the title, then the body paragraphs, separated by blank
// lines, with the byte span of each block (title first when there is one).
func (d *Doc) Text() (string, []Span) {
	var b strings.Builder
	n := len(d.Title)
	for _, p := range d.Paragraphs {
		n += len(p) + 2
	}
	b.Grow(n + 2)
	spans := make([]Span, 0, len(d.Paragraphs)+1)
	add := func(s string) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		spans = append(spans, Span{b.Len(), b.Len() + len(s)})
		b.WriteString(s)
	}
	if d.Title != "" {
		add(d.Title)
	}
	for _, p := range d.Paragraphs {
		add(p)
	}
	return b.String(), spans
}

// Span is a byte range.
type Span struct{ Start, End int }

// Text cleans a plain-text document. title, when not empty, is a headline known from
// elsewhere (a JSON field or an HTML page); otherwise Text looks for one.
func Text(raw, title string) *Doc {
	blocks := Blocks(raw)
	d := &Doc{Title: strings.TrimSpace(title)}
	start := 0
	if d.Title == "" {
		if i := findHeadline(blocks); i >= 0 {
			d.Title = blocks[i]
			// Blocks before the headline (a lede) stay in the body, in order.
			blocks = append(blocks[:i:i], blocks[i+1:]...)
			start = i
		}
	}
	d.Paragraphs, d.Removed = dedupe(blocks, d.Title)
	d.structure(start)
	return d
}

// Paragraphs cleans already-split body paragraphs (from an HTML page): duplicates of the
// title and of each other, and boilerplate lines, are removed and reported.
func Paragraphs(paras []string, title string) *Doc {
	d := &Doc{Title: strings.TrimSpace(title)}
	var blocks []string
	for _, p := range paras {
		if p = strings.TrimSpace(Normalize(p)); p != "" {
			blocks = append(blocks, p)
		}
	}
	d.Paragraphs, d.Removed = dedupe(blocks, d.Title)
	return d
}

// Normalize makes text safe to process: invalid UTF-8 becomes U+FFFD, NUL and other
// control characters (except newline and tab) are dropped, and CRLF becomes LF.
func Normalize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	// Runs of text that stay as they are are copied whole: news text is mostly such runs,
	// broken by the odd curly quote (which stays) or control character (which goes).
	var b strings.Builder
	b.Grow(len(s))
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			if c == '\r' && (i+1 == len(s) || s[i+1] != '\n') {
				b.WriteByte('\n') // a lone CR ends a line; CR LF keeps only the LF
			}
			// other control characters carry no text
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 || r == '\ufeff' {
			b.WriteString(s[start:i])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError) // an invalid byte becomes U+FFFD
			}
			// C1 controls and byte-order marks carry no text
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	return b.String()
}

// Blocks splits raw text into paragraphs. Scraped text usually has one paragraph per line;
// hard-wrapped text (blank lines between paragraphs, lines broken mid-sentence) is joined
// back into its paragraphs, keeping the line breaks inside them.
func Blocks(raw string) []string {
	raw = Normalize(raw)
	lines := strings.Split(raw, "\n")
	wrapped := hardWrapped(lines)
	var out []string
	var cur strings.Builder
	curStart := -1
	flush := func(end int) {
		if curStart >= 0 {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
			curStart = -1
		}
		_ = end
	}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			flush(i)
			continue
		}
		if !wrapped {
			out = append(out, t)
			continue
		}
		if curStart < 0 {
			curStart = i
		} else {
			cur.WriteByte('\n')
		}
		cur.WriteString(t)
	}
	flush(len(lines))
	return out
}

// hardWrapped reports whether the text is wrapped at a fixed width: it has blank lines
// between blocks, and most lines inside multi-line blocks end mid-sentence.
func hardWrapped(lines []string) bool {
	blank, inner, midSentence := 0, 0, 0
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			blank++
			continue
		}
		if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			inner++
			if !endsSentence(t) {
				midSentence++
			}
		}
	}
	return blank > 0 && inner >= 3 && midSentence*10 >= inner*7
}

func endsSentence(t string) bool {
	t = strings.TrimRight(t, "\"'”’)] ")
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', ':':
		return true
	}
	return false
}

// findHeadline returns the index of the headline among the first blocks, or -1. A
// headline is short, mostly capitalised, and comes before the body; a lede paragraph may
// precede it.
func findHeadline(blocks []string) int {
	if len(blocks) < 2 {
		return -1
	}
	for i := 0; i < len(blocks) && i < 3; i++ {
		if headlineLike(blocks[i]) {
			return i
		}
	}
	// A short first line followed by a longer body is a headline even in sentence case
	// (the line after it may be the headline again).
	next := 1
	for next < len(blocks) && key(blocks[next]) == key(blocks[0]) {
		next++
	}
	if w := wordCount(blocks[0]); w >= 2 && w <= 16 && len(blocks[0]) < 140 && !strings.HasSuffix(blocks[0], ":") && next < len(blocks) {
		if !strings.ContainsAny(blocks[0][:1], "\"“'‘") && len(blocks[next]) > len(blocks[0]) {
			return 0
		}
	}
	return -1
}

// headlineLike reports whether b reads as a headline: 2–25 words, no sentence-final
// period (a trailing " ." as in tokenized text is allowed for all-caps lines), and most
// content words capitalised.
func headlineLike(b string) bool {
	if len(b) > 220 || strings.ContainsRune(b, '\n') {
		return false
	}
	words := strings.Fields(b)
	if len(words) < 2 || len(words) > 25 {
		return false
	}
	caps, content := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if functionWords[strings.ToLower(w)] {
			continue
		}
		content++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if content < 2 {
		return false
	}
	return caps*10 >= content*8
}

var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "by": true, "with": true,
	"as": true, "from": true, "into": true, "over": true, "after": true, "amid": true,
	"is": true, "are": true, "be": true, "vs": true, "via": true, "its": true, "their": true,
	"up": true, "out": true, "off": true, "than": true, "not": true,
}

func wordCount(s string) int { return len(strings.Fields(s)) }
