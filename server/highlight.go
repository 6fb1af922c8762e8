package server

import (
	"html/template"
	"strings"

	"github.com/heraldnews/herald/article"
)

// Highlighted text is built here rather than in a template because marks nest and
// overlap (an entity inside a quote, a quote running across a mention), which templates
// cannot express. Every piece of article text and every attribute value goes through
// template.HTMLEscapeString; class names come only from cssSafe or constants.

// highlight renders a's text with entity mentions (coloured by type, linking to the
// entity page), references (pronouns, titles) and quotes (underlined, with the speaker as
// tooltip and as a label after the quote). Offsets are code points, hence []rune.
func highlight(a *article.Article) template.HTML {
	text := []rune(a.Text)
	n := len(text)
	type ment struct {
		e   *article.Entity
		ref bool
	}
	var ments []ment
	entAt := make([]int32, n)
	quoteAt := make([]int32, n)
	for i := range entAt {
		entAt[i], quoteAt[i] = -1, -1
	}
	cover := func(at []int32, start, end int, v int32, override bool) {
		start, end = max(start, 0), min(end, n)
		for i := start; i < end; i++ {
			if at[i] == -1 || override {
				at[i] = v
			}
		}
	}
	// References first, so that names drawn over them win where the two overlap.
	for pass := 0; pass < 2; pass++ {
		for i := range a.Entities {
			e := &a.Entities[i]
			list := e.References
			if pass == 1 {
				list = e.Mentions
			}
			for _, m := range list {
				ments = append(ments, ment{e, pass == 0})
				cover(entAt, m.Start, m.End, int32(len(ments)-1), pass == 1)
			}
		}
	}
	for i, q := range a.Quotes {
		cover(quoteAt, q.Start, q.End, int32(i), false)
	}
	var b strings.Builder
	b.Grow(n * 2)
	esc := template.HTMLEscapeString
	closeQuote := func(qi int32) {
		b.WriteString("</span>")
		q := a.Quotes[qi]
		if q.SpeakerName != "" {
			b.WriteString(`<span class="qlabel">— `)
			b.WriteString(esc(q.SpeakerName))
			b.WriteString("</span>")
		}
	}
	curQ := int32(-1)
	for i := 0; i < n; {
		j := i + 1
		for j < n && entAt[j] == entAt[i] && quoteAt[j] == quoteAt[i] {
			j++
		}
		if quoteAt[i] != curQ {
			if curQ != -1 {
				closeQuote(curQ)
			}
			curQ = quoteAt[i]
			if curQ != -1 {
				q := a.Quotes[curQ]
				speaker := q.SpeakerName
				if speaker == "" {
					speaker = "unknown speaker"
				}
				title := speaker + " (" + q.Kind
				if q.Cue != "" {
					title += ", " + q.Cue
				}
				title += ")"
				b.WriteString(`<span class="quote q-` + cssSafe(q.Kind) + `" title="` + esc(title) + `">`)
			}
		}
		piece := esc(string(text[i:j]))
		if k := entAt[i]; k != -1 {
			m := ments[k]
			cls := "ent"
			if m.ref {
				cls = "ref"
			}
			b.WriteString(`<a class="` + cls + ` t-` + strings.ToLower(cssSafe(m.e.Type)) + `" href="` +
				esc(entityURL(m.e.Name, m.e.Type, m.e.Country)) + `" title="` + esc(entTitle(m.e)) + `" data-entity="` + esc(m.e.ID) + `">`)
			b.WriteString(piece)
			b.WriteString("</a>")
		} else {
			b.WriteString(piece)
		}
		i = j
	}
	if curQ != -1 {
		closeQuote(curQ)
	}
	return template.HTML(b.String())
}

// markSpans renders text with the spans wrapped in <mark class=cls>.
func markSpans(text []rune, spans []article.Span, cls string) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	pos := 0
	for _, sp := range spans {
		if sp.Start < pos || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		b.WriteString(esc(string(text[pos:sp.Start])))
		b.WriteString(`<mark class="` + cls + `">` + esc(string(text[sp.Start:sp.End])) + "</mark>")
		pos = sp.End
	}
	b.WriteString(esc(string(text[pos:])))
	return template.HTML(b.String())
}
