package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/nlp"
)

// Quote-mark families: a quote opened by one mark closes with a mark of its family.
const (
	famNone = iota
	famDouble
	famGuillemet
	famSingle
)

// openFamily returns the family a quote mark at text[i] opens, given the runes around it.
// A straight or curly single mark opens only at the start of a word, so apostrophes
// ("don't", "Berg’s") never open a quote.
func openFamily(r, prev, next rune) int {
	switch r {
	case '“', '„':
		return famDouble
	case '"':
		if !unicode.IsSpace(next) && next != utf8.RuneError {
			return famDouble
		}
	case '”':
		// A closing mark used to open ("”Fear. …") at the start of a word.
		if (prev == 0 || unicode.IsSpace(prev)) && unicode.IsLetter(next) {
			return famDouble
		}
	case '«':
		return famGuillemet
	case '‘', '\'':
		if (prev == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '—' || prev == '"' || prev == '“') &&
			(unicode.IsLetter(next) || unicode.IsDigit(next)) {
			return famSingle
		}
	}
	return famNone
}

// closes reports whether r at a position followed by next closes a quote of family fam.
func closes(fam int, r, prev, next rune) bool {
	switch fam {
	case famDouble:
		return r == '”' || r == '"' || (r == '\'' && next == '\'')
	case famGuillemet:
		return r == '»'
	case famSingle:
		if prev == 's' && next == ' ' {
			return false // a plural possessive: "the farmers’ vote"
		}
		return (r == '’' || r == '\'') && !unicode.IsLetter(next) && !unicode.IsDigit(next)
	}
	return false
}

// findSegs pairs quote marks paragraph by paragraph. A quote still open at the end of a
// paragraph runs to the paragraph's end and continues in the next paragraph when that one
// opens with a quote mark: the newspaper convention for multi-paragraph quotations.
func (f *finder) findSegs() {
	paras := f.doc.Paragraphs
	if len(paras) == 0 {
		paras = []nlp.Span{{Start: 0, End: len(f.text)}}
	}
	pending := -1 // segment left open by the previous paragraph
	for pi, p := range paras {
		start, end := max(0, p.Start), min(len(f.text), p.End)
		if start >= end {
			pending = -1
			continue
		}
		fam, open, openEnd := famNone, -1, -1
		for i := start; i < end; {
			// Quote marks start with '"', '\'', 0xE2 (“ ” ‘ ’ „) or 0xC2 (« »): skip other
			// bytes without decoding them.
			if c := f.text[i]; c != '"' && c != '\'' && c != 0xE2 && c != 0xC2 {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(f.text[i:end])
			prev := rune(0)
			if i > start {
				prev, _ = utf8.DecodeLastRuneInString(f.text[start:i])
			}
			next := rune(0)
			if i+size < end {
				next, _ = utf8.DecodeRuneInString(f.text[i+size : end])
			}
			if fam == famNone {
				if r == '\'' && next == '\'' && (prev == 0 || unicode.IsSpace(prev) || prev == '(') {
					// Two apostrophes for a double quote, as some archives write them.
					fam, open, openEnd = famDouble, i, i+2
					i += 2
					continue
				}
				if nf := openFamily(r, prev, next); nf != famNone {
					fam, open, openEnd = nf, i, i+size
				}
			} else if closes(fam, r, prev, next) && i > openEnd {
				if r == '\'' && next == '\'' {
					size = 2
				}
				f.addSeg(open, openEnd, i, i+size, pi, true, pending)
				pending = -1
				fam = famNone
			}
			i += size
		}
		if fam != famNone && f.addSeg(open, openEnd, end, end, pi, false, pending) {
			pending = len(f.segs) - 1
		} else {
			pending = -1
		}
	}
}

// isFirst reports whether only spaces precede position open in the paragraph starting at start.
func isFirst(text string, start, open int) bool {
	for _, r := range text[start:open] {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func (f *finder) addSeg(open, start, end, close, para int, closed bool, pending int) bool {
	s := seg{open: open, start: start, end: end, close: close, para: para, closed: closed, prev: -1}
	if pending >= 0 && isFirst(f.text, f.paraStart(para), open) {
		s.prev = pending
	}
	inWord := false
	for _, r := range f.text[start:end] {
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			s.words++
		}
	}
	if s.words == 0 {
		return false
	}
	f.segs = append(f.segs, s)
	return true
}

func (f *finder) paraStart(pi int) int {
	if pi < len(f.doc.Paragraphs) {
		return f.doc.Paragraphs[pi].Start
	}
	return 0
}

// tokStart returns the start of the first token of paragraph pi.
func (f *finder) tokStart(pi int) int {
	if i := f.tokAt(f.paraStart(pi)); i < len(f.toks) {
		return f.toks[i].start
	}
	return -1
}

func (f *finder) paraEnd(pi int) int {
	if pi < len(f.doc.Paragraphs) {
		return f.doc.Paragraphs[pi].End
	}
	return len(f.text)
}

// direct attributes every quoted segment and emits the ones that are quotes.
func (f *finder) direct() {
	for k := range f.segs {
		s := &f.segs[k]
		if s.closed {
			s.a = f.attrAfter(s)
		}
		if !s.a.ok {
			s.a = f.attrBefore(s)
		}
	}
	f.transcript()
	// A multi-paragraph quote shares one attribution, wherever it is written.
	for k := len(f.segs) - 1; k >= 0; k-- {
		if p := f.segs[k].prev; p >= 0 && !f.segs[p].a.ok && f.segs[k].a.ok {
			f.segs[p].a = f.segs[k].a
		}
	}
	for k := range f.segs {
		if p := f.segs[k].prev; p >= 0 && !f.segs[k].a.ok && f.segs[p].a.ok {
			f.segs[k].a = f.segs[p].a
		}
	}
	var last attr
	lastPara := -10
	for k := range f.segs {
		s := &f.segs[k]
		if !s.a.ok {
			// A paragraph of quotation with no cue continues the last speaker.
			paraFirst := isFirst(f.text, f.paraStart(s.para), s.open)
			if last.ok && ((s.para-lastPara <= 2 && paraFirst && s.words > scareMaxWords) ||
				(s.para == lastPara && f.sentenceInitial(s.open))) {
				s.a = last
				s.a.inherited = true
			}
		}
		if !s.a.ok && s.words < loneMinWords {
			continue // scare quote, title or nickname
		}
		if f.title(s) {
			continue // "his 2019 book, “Harbours of the North,”": a title, even with a cue near
		}
		f.emit(kindDirect, s.start, s.end, s.a)
		lo, hi := f.tokAt(s.open), f.tokAt(s.close)
		mark := int16(1)
		if !s.a.ok {
			mark = 3 // unattributed: reported speech may still hold it
		}
		for i := lo; i < hi; i++ {
			f.inSeg[i] = mark
		}
		if s.a.ok {
			for i := s.a.cueLo; i < s.a.cueHi; i++ {
				f.inSeg[i] = 2
			}
			last, lastPara = s.a, s.para
		}
	}
}

// isMark reports whether token i is a quote mark or bracket.
func (f *finder) isMark(i int) bool {
	switch f.raw(i) {
	case "\"", "“", "”", "‘", "’", "'", "«", "»", "„":
		return true
	}
	return false
}

func (f *finder) isTerm(i int) bool {
	switch f.raw(i) {
	case ".", "!", "?", "...", "…", ";":
		return true
	}
	return false
}

// attrAfter looks for "…,” she said" / "…,” said Berg" right after a closing mark.
func (f *finder) attrAfter(s *seg) attr {
	i := f.tokAt(s.close)
	pe := f.paraEnd(s.para)
	lo := i
	if lo < len(f.toks) && f.raw(lo) == "," {
		lo++
	}
	// "“…” ― Ana Ruiz": a dash and a name sign the quote, as in reader comments; or, in
	// fact checks, a short paragraph of its own under the quote: "- Ana Ruiz."
	if lo+1 < len(f.toks) && f.toks[lo].start < pe {
		if d := f.raw(lo); (d == "―" || d == "—" || d == "–") && f.isCap(lo+1) {
			s, t := f.npAfter(lo+1, pe)
			if t > s {
				return attr{ok: true, cue: d, cueLo: lo, cueHi: lo + 1, spkLo: s, spkHi: t}
			}
		}
	} else if lo+1 < len(f.toks) && s.para+1 < len(f.doc.Paragraphs) && f.toks[lo].start == f.tokStart(s.para+1) {
		np := f.paraEnd(s.para + 1)
		if d := f.raw(lo); (d == "-" || d == "―" || d == "—" || d == "–") && f.isCap(lo+1) && f.tokAt(np)-lo <= 12 {
			s, t := f.npAfter(lo+1, np)
			if t > s {
				return attr{ok: true, cue: d, cueLo: lo, cueHi: lo + 1, spkLo: s, spkHi: t}
			}
		}
	}
	for j := lo; j < len(f.toks) && j < lo+9; j++ {
		if f.toks[j].start >= pe || f.isTerm(j) || f.isMark(j) {
			break
		}
		e, ph := f.matchCue(j)
		if e < 0 {
			continue
		}
		a := attr{ok: true, cue: ph.text, cueLo: j, cueHi: e}
		if (f.endsSentence(s) || s.words <= scareMaxWords) && f.clauseFollows(e, pe) {
			// "“… ongoing.” He said the FBI …", "On “Hannity,” Gingrich said if …": the
			// cue has content of its own; the quote is not its content.
			return attr{}
		}
		if j == lo {
			a.spkLo, a.spkHi = f.npAfter(e, pe)
			if a.spkHi <= a.spkLo {
				return attr{}
			}
			return a
		}
		a.spkLo, a.spkHi = f.npBefore(j, lo)
		if a.spkLo != lo && !(a.spkLo > lo && f.onlySkippable(lo, a.spkLo)) {
			return attr{}
		}
		return a
	}
	// "…,” Lena Ortiz, who has run the port for a decade, said.": a long appositive
	// between the name and the cue.
	if s, e := f.leadName(lo, len(f.toks)); e > s && e < len(f.toks) && f.raw(e) == "," && f.toks[e].start < pe {
		for j := e + 1; j < len(f.toks) && j < s+45 && f.toks[j].start < pe; j++ {
			if f.isTerm(j) || f.isMark(j) {
				break
			}
			if f.raw(j-1) != "," {
				continue
			}
			if x, ph := f.matchCue(j); x > 0 {
				return attr{ok: true, cue: ph.text, cueLo: j, cueHi: x, spkLo: s, spkHi: j - 1}
			}
		}
	}
	return attr{}
}

// endsSentence reports whether the quoted text of s ends with terminal punctuation.
func (f *finder) endsSentence(s *seg) bool {
	t := strings.TrimRight(f.text[s.start:s.end], " ")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!")
}

// clauseFollows reports whether words follow the cue ending at token e in its clause,
// past a short speaker phrase: "He said the FBI has …", not "… he said." or "said Berg."
func (f *finder) clauseFollows(e, pe int) bool {
	if e < len(f.toks) && (tailPreps[f.w(e)] || headStop[f.w(e)]) {
		return false // "said at a news conference": an adjunct, not content
	}
	if e > 0 && (f.w(e-1) == "told" || f.w(e-1) == "tells") {
		// "“…,” Berg told The Valley Courier on Monday.": whom she told, not what.
		t := e
		for t < len(f.toks) && f.toks[t].start < pe && !f.isTerm(t) && !f.isMark(t) && f.raw(t) != "," {
			t++
		}
		if f.adjunctTail(e, t) {
			return false
		}
	}
	n := 0
	for k := e; k < len(f.toks) && f.toks[k].start < pe; k++ {
		if f.isMark(k) && n >= 2 {
			return true // "said it would be “improper” …": a quoted word inside the clause
		}
		if f.isTerm(k) || f.isMark(k) || f.raw(k) == "," {
			return false
		}
		n++
		if n > 3 || f.w(k) == "that" {
			return true
		}
	}
	return false
}

// onlySkippable reports whether tokens [lo,hi) are punctuation only.
func (f *finder) onlySkippable(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if f.isWord(k) {
			return false
		}
	}
	return true
}

// attrBefore looks for "Berg said: “…”", "…,” she said, “…”" and a cue ending the previous
// paragraph with a colon.
func (f *finder) attrBefore(s *seg) attr {
	end := f.tokAt(s.open) // first token of the quote
	ps := f.paraStart(s.para)
	if end > 0 && f.toks[end-1].start < ps {
		// The quote opens its paragraph: a cue may end the previous one with a colon, or
		// with a comma right after the cue ("Ryan said,").
		if f.raw(end-1) != ":" && !(f.raw(end-1) == "," && f.cueEndsAt(end-1)) {
			return attr{}
		}
	}
	if end == 0 {
		return attr{}
	}
	last := end - 1
	lw := f.raw(last)
	if (lw != ":" && lw != ",") && s.closed && f.continuesAfter(s) {
		return attr{} // a partial quote inside reported speech: "said that “…” in May"
	}
	if lw != ":" && lw != "," && f.w(last) != "that" {
		// "Berg said “…”" without punctuation is allowed only when the cue is adjacent.
		if e, _ := f.matchCue(last); e < 0 {
			if ok := f.cueEndsAt(end); !ok {
				return attr{}
			}
		}
	}
	for j := last; j >= 0 && j >= last-8; j-- {
		if f.isTerm(j) || (j < last && f.isMark(j)) {
			break
		}
		e, ph := f.matchCue(j)
		if e < 0 || e > end {
			continue
		}
		a := attr{ok: true, cue: ph.text, cueLo: j, cueHi: e}
		a.spkLo, a.spkHi = f.npBefore(j, f.clauseStart(j))
		ing := strings.HasSuffix(f.w(j), "ing") && ph.text != "according to"
		if a.spkHi <= a.spkLo && !ing && !addressee[f.w(j)] && f.w(e) != "that" {
			// "said Berg, “…”". Not after a participle or a cue whose object is the
			// hearer ("told reporters, “…”") nor a "that" ("adding that it is “…”").
			a.spkLo, a.spkHi = f.npAfter(e, f.toks[last].end+1)
		}
		p := f.beforeCue(j) // "…, later adding, “…”": past the adverbs
		if a.spkHi <= a.spkLo && p >= 0 && (f.w(p) == "and" || f.w(p) == "but" ||
			f.raw(p) == "," && ing || f.nonFinite(j)) {
			if d, ok := f.segAttrBefore(j); ok && f.raw(p) == "," && ing {
				// "“…,” said Berg at the time, adding that “…”": the participle is
				// the earlier quotation's speaker's.
				a.spkLo, a.spkHi, a.spkStart, a.spkEnd, a.spk = d.spkLo, d.spkHi, d.spkStart, d.spkEnd, d.spk
				return a
			}
			// "Berg claimed victory in a tweet, saying: “…”", "Berg resigned and said,
			// “…”", "Berg went on to say, “…”": the sentence's subject, after any
			// opening adverbial ("In a statement, Berg …").
			a.spkLo, a.spkHi = f.clauseSubject(f.clauseStart(j), j)
		}
		return a
	}
	return attr{}
}

// segAttrBefore returns the attribution of the last quotation that closes before token j
// in j's sentence, when it names a speaker (found by binary search).
func (f *finder) segAttrBefore(j int) (attr, bool) {
	k := f.lastSegBefore(f.toks[j].start)
	if k < 0 || f.segs[k].close <= f.doc.Sentences[f.toks[j].sent].Start {
		return attr{}, false
	}
	a := f.segs[k].a
	if a.ok && (a.spkHi > a.spkLo || a.spkEnd > a.spkStart) {
		return a, true
	}
	return attr{}, false
}

// lastSegBefore returns the index of the last quotation that closes at or before byte b,
// or -1 (segments are in text order, so by binary search).
func (f *finder) lastSegBefore(b int) int {
	return sort.Search(len(f.segs), func(k int) bool { return f.segs[k].close > b }) - 1
}

// beforeCue returns the token before the cue at token j, past adverbs ("also", "later",
// "quickly"), or -1.
func (f *finder) beforeCue(j int) int {
	p := j - 1
	for p > 0 && (auxAdv[f.w(p)] || f.adverb(p)) {
		p--
	}
	return p
}

// nonFinite reports whether the cue at token j is an infinitive or a gerund after a
// preposition ("went on to say", "continued by saying", "before adding"), whose speaker is
// the subject of the clause.
func (f *finder) nonFinite(j int) bool {
	if j == 0 {
		return false
	}
	p := f.w(j - 1)
	return p == "to" || strings.HasSuffix(f.w(j), "ing") && gerundPreps[p]
}

var gerundPreps = set("by before after while when without in upon")

// cueEndsAt reports whether a cue phrase ends right before token end.
func (f *finder) cueEndsAt(end int) bool {
	for j := end - 1; j >= 0 && j >= end-4; j-- {
		if e, _ := f.matchCue(j); e == end {
			return true
		}
	}
	return false
}

// clauseStart returns the first token of the clause holding token j: after the last
// sentence boundary or quote mark.
func (f *finder) clauseStart(j int) int {
	s := f.toks[j].sent
	k := j
	for k > 0 && f.toks[k-1].sent == s && !f.isMark(k-1) && !f.isTerm(k-1) {
		k--
	}
	return k
}

// sentenceInitial reports whether the quote mark at byte b opens a sentence: the token
// before it ends a sentence or a quotation.
func (f *finder) sentenceInitial(b int) bool {
	i := f.tokAt(b)
	if i == 0 || i >= len(f.toks) {
		return true
	}
	if f.toks[i-1].sent != f.toks[i].sent {
		return true
	}
	p := i - 1
	for p > 0 && f.isMark(p) {
		p--
	}
	return f.isTerm(p)
}

// continuesAfter reports whether the sentence goes on with words after the quote closes.
func (f *finder) continuesAfter(s *seg) bool {
	i := f.tokAt(s.close)
	for i < len(f.toks) && f.raw(i) == "," {
		i++
	}
	return i < len(f.toks) && f.toks[i].start < f.paraEnd(s.para) && f.isWord(i) && !f.isCap(i)
}

// titleSmall are the words a title leaves in lower case.
var titleSmall = map[string]bool{"a": true, "an": true, "the": true, "of": true, "to": true,
	"in": true, "on": true, "and": true, "for": true, "at": true, "by": true, "with": true,
	"from": true, "or": true, "is": true, "as": true}

// title reports whether quoted segment s is a title written into a sentence ("his book,
// “Harbours of the North”", "his show, “Harbour Talk”"): at most eight words, every
// word but the small ones capitalised, and the quotation mark opening inside the sentence
// rather than at its start.
func (f *finder) title(s *seg) bool {
	if s.words > 8 || f.sentenceInitial(s.open) || strings.ContainsAny(f.text[s.start:s.end], "!?") {
		return false // "USA! USA!" is chanted, not a title
	}
	words := 0
	for _, w := range strings.FieldsFunc(f.text[s.start:s.end], func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '.' || r == ':' || r == '-'
	}) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsLower(r) && !(words > 1 && titleSmall[w]) {
			return false
		}
	}
	return words > 0
}
