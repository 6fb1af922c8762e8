// Package quote finds who said what in an article: direct quotes in any quotation marks,
// reported speech after speech and belief verbs ("said that …"), "according to"
// attributions and attributions to documents and outlets, each with its speaker, its cue
// and the hedges around it ("reportedly", "could").
//
// It works on an nlp.Doc and an entity.Set, with byte offsets into Doc.Text. The cue list
// is learned from attribution-annotated news (see gencues) and kept, with the hedge list,
// as editable text files in data/. A trained tagger (package attrib, learned from the
// same data) finds the cues the lexicon does not list and checks the reported speech the
// rules find, and a small learned ranker (ends.go, data/ends.bin.gz) chooses where
// reported content ends; see attrib/README.md.
package quote

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote/attrib"
)

// Quote is one attribution: content said, reported or believed by a speaker.
type Quote struct {
	Kind                     string         // article.QuoteDirect | QuoteIndirect | QuoteAccordingTo
	Start, End               int            // byte offsets of the content in doc.Text, without quote marks
	Speaker                  *entity.Entity // nil when unresolved
	SpeakerStart, SpeakerEnd int            // byte span of the speaker phrase as written
	SpeakerName              string         // the phrase as written; the entity's name when the phrase is a pronoun
	Cue                      string         // the cue verb or phrase ("said", "according to")
	Hedges                   []string       // "reportedly", "could", … from the quote's sentences
}

// Kinds, equal to the article package's constants (not imported to keep this package
// independent of the output model).
const (
	kindDirect      = "direct"
	kindIndirect    = "indirect"
	kindAccordingTo = "according_to"
)

// Thresholds, in words of quoted content.
const (
	// scareMaxWords: a quoted span this short with no cue and no speaker is a scare quote
	// or a title, not a quote.
	scareMaxWords = 4
	// loneMinWords: a quoted span with no cue and no speaker to inherit is still reported
	// (speaker unknown) when it is at least this long.
	loneMinWords = 8
)

// ftok is a token of the flattened document.
type ftok struct {
	start, end int
	sent       int
	ent        uint8 // attrib.Ent* class, with 8 added on an entity's first token
}

// seg is one stretch of quotation-marked text within one paragraph.
type seg struct {
	open, start, end, close int // open mark at open; content [start,end); close = after the closing mark
	para                    int
	closed                  bool
	prev                    int // index of the segment this one continues (previous paragraph), or -1
	words                   int
	a                       attr
}

// attr is an attribution found for some content: the cue and speaker tokens.
type attr struct {
	ok               bool
	cue              string
	cueLo, cueHi     int // token range of the cue
	spkLo, spkHi     int // token range of the speaker phrase (empty when none)
	spkStart, spkEnd int // bytes, when set directly (inherited speakers)
	inherited        bool
	nestLo           int            // token where reported content after the cue starts, when emitted
	spk              *entity.Entity // the speaker's entity, when known without resolving the phrase
	guessed          bool           // the cue is the tagger's, not the lexicon's
}

type finder struct {
	doc   *nlp.Doc
	ents  *entity.Set
	text  string
	low   string // text with ASCII letters lower-cased: same byte offsets
	toks  []ftok
	inSeg []int16   // per token: 1 inside an attributed quote, 2 a consumed cue, 0 otherwise
	cueAt []*phrase // per token: the cue starting there, &noCue for none, nil when not yet looked up
	segs  []seg
	out   []Quote

	tagger     *attrib.Tagger // nil when turned off (HERALD_ATTRIB=off)
	quoted     []bool         // per token: inside a quotation-marked segment (tagger input)
	tbuf       []attrib.Tok   // the tagger's view of one sentence
	alltags    []int          // per token: the tagger's tag, where sentTagged
	sentTagged []bool         // per sentence: tagged

	hedgeDone []bool    // per sentence: hedges computed
	hedgeOf   [][]hedge // per sentence: its hedges

	ends   *endModel     // the content-end ranker; nil keeps the rules' ends
	endLog func(EndCase) // set by EndCases: record the choices instead of making them
	ecands []int         // chooseEnd's candidates
	efeats [][]uint64    // and their features
}

// Find returns the quotes of doc in text order. ents may be nil or empty: speakers are then
// the phrases as written. Find never panics and does not modify doc or ents.
func Find(doc *nlp.Doc, ents *entity.Set) []Quote { return find(doc, ents, defaultEnds()) }

// find is Find with the given content-end ranker (nil: the rules' ends).
func find(doc *nlp.Doc, ents *entity.Set, ends *endModel) []Quote {
	if doc == nil || len(doc.Text) == 0 || len(doc.Sentences) == 0 {
		return nil
	}
	f := finders.Get().(*finder)
	defer f.release()
	f.setup(doc, ents)
	f.direct()
	f.initTags()
	f.ends = ends
	f.reported()
	f.tagged()
	f.adoptPartial()
	f.dropNames()
	f.inheritSpeaker()
	sort.SliceStable(f.out, func(i, j int) bool { return f.out[i].Start < f.out[j].Start })
	return f.out
}

// setup flattens doc's tokens and finds its quotation-marked segments.
func (f *finder) setup(doc *nlp.Doc, ents *entity.Set) {
	f.doc, f.ents, f.text, f.low = doc, ents, doc.Text, asciiLower(doc.Text)
	n := 0
	for _, s := range doc.Sentences {
		n += len(s.Tokens)
	}
	if cap(f.toks) < n {
		f.toks = make([]ftok, 0, n)
	}
	for si, s := range doc.Sentences {
		for _, t := range s.Tokens {
			if t.Start < 0 || t.End > len(f.text) || t.Start >= t.End {
				continue
			}
			f.toks = append(f.toks, ftok{t.Start, t.End, si, entClass(t.Tag)})
		}
	}
	if cap(f.inSeg) < len(f.toks) {
		f.inSeg = make([]int16, len(f.toks))
		f.cueAt = make([]*phrase, len(f.toks))
	}
	f.inSeg = f.inSeg[:len(f.toks)]
	clear(f.inSeg)
	f.cueAt = f.cueAt[:len(f.toks)]
	clear(f.cueAt)
	f.findSegs()
}

// finders recycles the per-call buffers: Find runs once per article on many goroutines.
var finders = sync.Pool{New: func() any { return new(finder) }}

func (f *finder) release() {
	f.doc, f.ents, f.text, f.low, f.out = nil, nil, "", "", nil
	f.toks, f.segs = f.toks[:0], f.segs[:0]
	f.hedgeDone, f.hedgeOf = f.hedgeDone[:0], f.hedgeOf[:0]
	f.ends = nil
	finders.Put(f)
}

// inheritSpeaker gives a quotation with no cue and no speaker the speaker of the
// attribution just before it in the same paragraph, in its sentence or the one before:
// "…, Schiff said. “The other factor …”", "Cummings called him a master at deals. “He
// showed again and again …”", "Jordan said, and still “got to sit in …”".
func (f *finder) inheritSpeaker() {
	var bySent [][]int // quote indices by the sentence they start in, made when first needed
	var sents []int
	for k := range f.out {
		q := &f.out[k]
		if q.Kind != kindDirect || q.Cue != "" || q.SpeakerEnd > q.SpeakerStart {
			continue
		}
		if sents == nil {
			sents, bySent = f.quoteSentences()
		}
		qs := sents[k]
		if qs < 0 {
			continue
		}
		// Candidates start in this sentence or the one before; of those with a speaker,
		// in the same paragraph and before the quote, the last one wins.
		best := -1
		for _, j := range nearQuotes(bySent, qs) {
			r := &f.out[j]
			if j == k || r.SpeakerEnd <= r.SpeakerStart || r.Start >= q.Start || (best >= 0 && r.Start <= f.out[best].Start) {
				continue
			}
			if f.doc.Sentences[sents[j]].Para != f.doc.Sentences[qs].Para {
				continue
			}
			best = j
		}
		if best < 0 {
			continue
		}
		r := f.out[best]
		q.Speaker, q.SpeakerName, q.SpeakerStart, q.SpeakerEnd, q.Cue = r.Speaker, r.SpeakerName, r.SpeakerStart, r.SpeakerEnd, r.Cue
	}
}

// quoteSentences returns the sentence each of f.out starts in (-1 past the last token)
// and, per sentence, the indices of the quotes starting in it, in f.out's order. The
// passes that relate quotes to one another look only at nearby sentences through it, so
// an article with thousands of quotes costs linear time, not quadratic.
func (f *finder) quoteSentences() ([]int, [][]int) {
	sents := make([]int, len(f.out))
	bySent := make([][]int, len(f.doc.Sentences))
	for j := range f.out {
		sents[j] = -1
		if i := f.tokAt(f.out[j].Start); i < len(f.toks) {
			sents[j] = f.toks[i].sent
			bySent[sents[j]] = append(bySent[sents[j]], j)
		}
	}
	return sents, bySent
}

// nearQuotes returns the indices of the quotes starting in sentence s or the one before,
// ascending, from quoteSentences' per-sentence lists (none for s < 0).
func nearQuotes(bySent [][]int, s int) []int {
	at := func(i int) []int {
		if i < 0 || i >= len(bySent) {
			return nil
		}
		return bySent[i]
	}
	return mergeIdx(at(s-1), at(s))
}

// mergeIdx merges two ascending index lists into one, ascending.
func mergeIdx(a, b []int) []int {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// asciiLower lower-cases ASCII letters, keeping byte offsets, with one allocation.
func asciiLower(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is never written again
}

// asciiLowerWord lower-cases a short ASCII word without allocating when it is already lower case.
func asciiLowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// w returns the lower-cased text of token i, with a curly apostrophe made straight only
// when present (rare), so the common path does not allocate.
func (f *finder) w(i int) string {
	t := f.low[f.toks[i].start:f.toks[i].end]
	if len(t) > 2 && t[0] == 0xE2 && t[1] == 0x80 && t[2] == 0x99 { // ’s, ’re …
		return "'" + t[3:]
	}
	return t
}

// raw returns the text of token i as written.
func (f *finder) raw(i int) string { return f.text[f.toks[i].start:f.toks[i].end] }

func (f *finder) isWord(i int) bool {
	r, _ := utf8.DecodeRuneInString(f.raw(i))
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (f *finder) isCap(i int) bool {
	r, _ := utf8.DecodeRuneInString(f.raw(i))
	return unicode.IsUpper(r)
}

// tokAt returns the index of the first token starting at or after byte b.
func (f *finder) tokAt(b int) int {
	return sort.Search(len(f.toks), func(i int) bool { return f.toks[i].start >= b })
}

// matchCue returns the end (exclusive token index) and phrase of the longest cue at token
// i, or -1. Each token's answer is kept: the rules and the tagger's input ask for every
// token, some more than once.
func (f *finder) matchCue(i int) (int, phrase) {
	if i < 0 || i >= len(f.toks) {
		return -1, phrase{}
	}
	if f.cueAt[i] == nil {
		e, ph := f.match(cueLex, i)
		if e < 0 {
			ph = &noCue
		}
		f.cueAt[i] = ph
	}
	ph := f.cueAt[i]
	if ph == &noCue {
		return -1, phrase{}
	}
	return i + 1 + len(ph.rest), *ph
}

// noCue marks a token known to start no cue.
var noCue phrase

// match returns the end (exclusive token index) and phrase of the longest phrase of l at
// token i, or -1 and nil.
func (f *finder) match(l *lexicon, i int) (int, *phrase) {
	if i < 0 || i >= len(f.toks) {
		return -1, nil
	}
	w := f.w(i)
	if !l.maybe(w) {
		return -1, nil
	}
	list := l.m[w]
	for p := range list {
		ph := &list[p]
		if i+len(ph.rest) >= len(f.toks) {
			continue
		}
		ok := true
		for k, rw := range ph.rest {
			if f.w(i+1+k) != rw || f.toks[i+1+k].sent != f.toks[i].sent {
				ok = false
				break
			}
		}
		if ok {
			return i + 1 + len(ph.rest), ph
		}
	}
	return -1, nil
}

// emit appends a quote with content [start,end) bytes and attribution a.
func (f *finder) emit(kind string, start, end int, a attr) {
	start, end = f.trim(start, end)
	if kind != "direct" {
		start = skipDateline(f.text, start, end)
	}
	if end <= start || stageDirection(f.text[start:end]) {
		return
	}
	q := Quote{Kind: kind, Start: start, End: end, Cue: a.cue}
	ss, se := a.spkStart, a.spkEnd
	if a.spkHi == a.spkLo+1 && (f.w(a.spkLo) == "there" || f.w(a.spkLo) == "it" && f.impersonal(a)) {
		// "There were reports the …", "It seems that …", "it was revealed that …":
		// no one speaks.
		a.spkHi = a.spkLo
	}
	if a.spkHi > a.spkLo {
		// "Prime Minister Ana Ruiz, asked about the dispute during a visit, said": the
		// participle's aside is no part of who spoke.
		for k := a.spkLo + 1; k+1 < a.spkHi; k++ {
			if w := f.w(k + 1); f.raw(k) == "," && f.isWord(k+1) && !f.isCap(k+1) &&
				(strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) {
				a.spkHi = k
				break
			}
		}
		ss, se = f.toks[a.spkLo].start, f.toks[a.spkHi-1].end
	}
	if se > ss {
		q.SpeakerStart, q.SpeakerEnd = ss, se
		q.SpeakerName = f.text[ss:se]
		if a.spk != nil {
			q.Speaker = a.spk
		} else if a.spkHi > a.spkLo {
			q.Speaker = f.resolve(a.spkLo, a.spkHi)
		} else if f.ents != nil {
			q.Speaker, _ = f.ents.At(ss, se)
		}
		// A name or description as written says who spoke better than the entity's
		// canonical name ("the Republican nominee", "a campaign spokesman"); only a
		// pronoun needs the entity to name anyone.
		if q.Speaker != nil && q.Speaker.Name != "" && pronouns[asciiLowerWord(q.SpeakerName)] {
			q.SpeakerName = q.Speaker.Name
		}
	}
	lo, hi := start, end
	if a.ok && a.cueHi > a.cueLo {
		lo, hi = min(lo, f.toks[a.cueLo].start), max(hi, f.toks[a.cueHi-1].end)
	}
	q.Hedges = f.hedges(lo, hi)
	f.out = append(f.out, q)
}

// impersonal reports whether attribution a, after an "it" subject, makes the "it" a
// placeholder: a raising verb ("seems", "appeared") or a passive ("was revealed", "is
// expected").
func (f *finder) impersonal(a attr) bool {
	w, rest, _ := strings.Cut(strings.ToLower(a.cue), " ")
	if strings.HasPrefix(w, "seem") || strings.HasPrefix(w, "appear") {
		return true
	}
	be := func(w string) bool {
		switch w {
		case "is", "was", "are", "were", "been", "be":
			return true
		}
		return false
	}
	part := w
	if be(w) {
		part, _, _ = strings.Cut(strings.TrimPrefix(rest, "been "), " ")
	} else if a.cueLo < 1 || !be(f.w(a.cueLo-1)) {
		return false
	}
	return strings.HasSuffix(part, "ed") || irregularPast[part]
}

// trim drops spaces, and commas and quote marks at the edges of content.
func (f *finder) trim(start, end int) (int, int) {
	start, end = max(0, start), min(len(f.text), end)
	for start < end {
		r, size := utf8.DecodeRuneInString(f.text[start:end])
		if !unicode.IsSpace(r) && r != ',' && r != ':' && r != '—' && r != '-' {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(f.text[start:end])
		if !unicode.IsSpace(r) && r != ',' && r != ';' && r != ':' && r != '—' && r != '-' {
			break
		}
		end -= size
	}
	return start, end
}

// resolve finds the entity a speaker phrase refers to: the mention over its head, the last
// word before a preposition ("a spokesman for Berg" is not Berg; "Mr. Berg" is).
// itSpeaker returns the organisation (else the place) that "it" at token k stands for as a
// speaker: the last one named before it, in its sentence or the two before ("The
// commission rejected the claim. In a statement, it said …"). The entity stage links
// pronouns to people only; a speaking "it" is nearly always a body or a country.
func (f *finder) itSpeaker(k int) *entity.Entity {
	// Only as the subject of a plain speech verb: "it hopes", "it shows", "it was not
	// clear" mostly have no organisation behind them.
	v := k + 1
	for v < len(f.toks) && (f.w(v) == "also" || f.w(v) == "further" || f.w(v) == "later") {
		v++
	}
	if v >= len(f.toks) || !itCues[f.w(v)] {
		return nil
	}
	pos, si := f.toks[k].start, f.toks[k].sent
	var org, place *entity.Entity
	orgAt, placeAt := -1, -1
	for _, e := range f.ents.Entities {
		if e.Type != article.Org && e.Type != article.GPE {
			continue
		}
		for _, m := range e.Mentions {
			if m.End > pos || m.Sentence < si-2 || !f.opensClause(m.Start, m.End) {
				continue
			}
			if e.Type == article.Org && m.Start > orgAt {
				org, orgAt = e, m.Start
			} else if e.Type == article.GPE && m.Start > placeAt {
				place, placeAt = e, m.Start
			}
		}
	}
	if org != nil {
		return org
	}
	return place
}

// itCues are the speech verbs after which "it" is taken for an organisation.
var itCues = set("said says told added stated announced warned insisted denied claimed " +
	"argued noted reported confirmed urged called accused")

// opensClause reports whether the mention at [start,end) is a sentence's subject as
// written first: it opens its sentence (after a dateline and at most three words of
// description, "The", "Environmental group"), and is no possessor ("Kenya's electoral
// commission").
func (f *finder) opensClause(start, end int) bool {
	if strings.HasPrefix(f.text[end:], "'s") || strings.HasPrefix(f.text[end:], "’s") {
		return false
	}
	k := f.tokAt(start)
	if k < 0 || k >= len(f.toks) {
		return false
	}
	lo := f.sentLo(f.toks[k].sent)
	if lo < 0 {
		return false
	}
	first := f.toks[lo].start
	first += clean.DatelineEnd(f.text[first:])
	if first > start {
		return false // a place in the dateline
	}
	// A short description may come first: "Environmental group Walhi argued …".
	between := strings.Fields(f.text[first:start])
	if len(between) > 3 {
		return false
	}
	for _, w := range between {
		if strings.ContainsAny(w, ",;:") || strings.HasSuffix(w, "ed") {
			return false
		}
	}
	return true
}

func (f *finder) resolve(lo, hi int) *entity.Entity {
	if f.ents == nil {
		return nil
	}
	if hi == lo+1 && f.w(lo) == "who" {
		if s, e := f.antecedent(lo); e > s {
			return f.resolve(s, e)
		}
		return nil
	}
	if hi == lo+1 && f.w(lo) == "it" {
		return f.itSpeaker(lo)
	}
	h := hi
	for k := lo + 1; k < hi; k++ {
		if (headStop[f.w(k)] && !f.titleTo(k, lo, hi)) || f.raw(k) == "," {
			h = k
			break
		}
	}
	head := h - 1
	for head > lo && (f.w(head) == "'s" || !f.isWord(head)) {
		head--
	}
	// A phrase ending in a possessive ("Berg's", before a noun cue: "Berg's claim that")
	// is its possessor: the head loop above stepped back over the "'s".
	e, _ := f.ents.At(f.toks[head].start, f.toks[head].end)
	if e == nil && h < hi && f.w(h) == "of" && f.isCap(h-1) && f.isCap(hi-1) {
		// "Secretary of State Marco Rubio", "Minister of Finance Ana Ruiz": a capitalised
		// title of an office, then the name; "a spokesman for Berg" stays no one.
		if p, _ := f.ents.At(f.toks[hi-1].start, f.toks[hi-1].end); p != nil && p.Type == "PERSON" {
			return p
		}
	}
	return e
}

// hedges returns the hedge words of the sentences overlapping [lo,hi).
func (f *finder) hedges(lo, hi int) []string {
	i := f.tokAt(lo)
	if i >= len(f.toks) {
		return nil
	}
	var out []string
	for s := f.toks[i].sent; s < len(f.doc.Sentences); s++ {
		if s > f.toks[i].sent && f.doc.Sentences[s].Start >= hi {
			break
		}
		for _, h := range f.sentHedges(s) {
			if h.at >= hi {
				break // a later clause's: "said it would fight, and warned that strikes could begin"
			}
			if !slices.Contains(out, h.text) {
				out = append(out, h.text)
			}
		}
	}
	return out
}

// sentHedges returns the hedges of sentence s, computed once per sentence.
func (f *finder) sentHedges(s int) []hedge {
	if len(f.hedgeDone) != len(f.doc.Sentences) {
		n := len(f.doc.Sentences)
		if cap(f.hedgeDone) < n {
			f.hedgeDone, f.hedgeOf = make([]bool, n), make([][]hedge, n)
		}
		f.hedgeDone, f.hedgeOf = f.hedgeDone[:n], f.hedgeOf[:n]
		clear(f.hedgeDone)
		clear(f.hedgeOf)
	}
	if f.hedgeDone[s] {
		return f.hedgeOf[s]
	}
	f.hedgeDone[s] = true
	i := f.sentLo(s)
	if i < 0 {
		return nil
	}
	var out []hedge
	for ; i < len(f.toks) && f.toks[i].sent == s; i++ {
		e, ph := f.match(hedgeLex, i)
		if e < 0 || (f.isCap(i) && i > 0 && f.toks[i-1].sent == s) {
			continue // "May" the month
		}
		out = append(out, hedge{ph.text, f.toks[i].start})
		i = e - 1
	}
	f.hedgeOf[s] = out
	return out
}

// hedge is a hedge word or phrase and where it starts.
type hedge struct {
	text string
	at   int
}

// dropNames drops the quotes that are mostly a name given in quotation marks (see
// nameSpan): whatever cue stands near, "the so-called “peace dividend”" and "the novel
// “The Price of Bread”" are words no one is reported to have said.
func (f *finder) dropNames() {
	for k := range f.segs {
		lo, hi, ok := f.nameSpan(&f.segs[k])
		if !ok {
			continue
		}
		keep := f.out[:0]
		for _, q := range f.out {
			in := min(q.End, hi) - max(q.Start, lo)
			if 2*in < q.End-q.Start {
				keep = append(keep, q)
			}
		}
		f.out = keep
	}
}

// nameSpan returns the bytes of the naming phrase and quoted segment s when s is a name
// given in the sentence rather than words said: a short segment after "so-called" or a
// work's noun ("the novel", "his documentary"), with a determiner before it. (Not after
// "titled", "dubbed" or "known as": PolNeAR counts a speech "titled “…”" as its author's
// words and a nickname as the words of those who gave it.)
func (f *finder) nameSpan(s *seg) (lo, hi int, ok bool) {
	if s.words > 8 {
		return 0, 0, false
	}
	before := strings.TrimRight(f.low[max(0, s.open-60):s.open], " ,")
	words := strings.Fields(before)
	n := len(words)
	if n == 0 || !namingWords[words[n-1]] {
		return 0, 0, false
	}
	n--
	if n >= 1 && nameDeterminers[words[n-1]] {
		n--
	}
	// The phrase starts where its first word does: the words before it are kept
	// whole, so the byte length of the rest is what to step back.
	rest := strings.Join(words[n:], " ")
	lo = strings.LastIndex(f.low[:s.open], rest)
	if lo < 0 {
		lo = s.open
	}
	return lo, s.close, true
}

// namingWords introduce a name or title in quotation marks.
var namingWords = map[string]bool{
	"so-called": true,
	"novel":     true, "book": true, "memoir": true, "film": true, "movie": true, "documentary": true,
	"song": true, "album": true, "single": true, "play": true, "musical": true, "opera": true,
	"poem": true, "series": true, "sitcom": true, "podcast": true, "painting": true,
	"exhibition": true,
}

var nameDeterminers = map[string]bool{"the": true, "a": true, "an": true, "his": true,
	"her": true, "its": true, "their": true, "our": true, "my": true, "this": true}

// adoptPartial gives a quoted span with no attribution of its own the speaker and cue of
// the reported speech that contains it ("Berg said the plan was “a gift to polluters”").
func (f *finder) adoptPartial() {
	var drop []bool
	var sents []int
	var bySent [][]int
	for k := range f.out {
		q := &f.out[k]
		if q.Kind != kindDirect || q.Cue != "" {
			continue
		}
		if sents == nil {
			sents, bySent = f.quoteSentences()
		}
		// Reported content lies within one sentence: one that contains or abuts the
		// quote starts in the quote's sentence or the one before.
		for _, j := range nearQuotes(bySent, sents[k]) {
			r := f.out[j]
			if r.Kind == kindDirect || r.Start > q.Start {
				continue
			}
			// Reported content ends before the sentence's last period and closing mark,
			// which the quote keeps. "The council said it will “review the fees …”": a
			// quote that goes on where the reported content stops is the rest of it.
			goesOn := r.Start < q.Start && strings.Trim(f.text[min(r.End, q.Start):q.Start], " “\"‘'«") == ""
			if q.End <= r.End || f.onlyMarks(r.End, q.End) || goesOn {
				q.Cue, q.Speaker, q.SpeakerName = r.Cue, r.Speaker, r.SpeakerName
				q.SpeakerStart, q.SpeakerEnd = r.SpeakerStart, r.SpeakerEnd
				if f.onlyMarks(r.Start, q.Start) && f.onlyMarks(q.End, r.End) {
					// "Berg issued a statement, “…”": the reported content is the quote
					// itself, now attributed; one quote, not two.
					if drop == nil {
						drop = make([]bool, len(f.out))
					}
					drop[j] = true
				}
				break
			}
		}
	}
	if drop != nil {
		keep := f.out[:0]
		for k, q := range f.out {
			if !drop[k] {
				keep = append(keep, q)
			}
		}
		f.out = keep
	}
}

// onlyMarks reports whether text[a:b] holds nothing but spaces, quote marks and
// punctuation (true when b <= a).
func (f *finder) onlyMarks(a, b int) bool {
	for _, r := range f.text[max(a, 0):max(min(b, len(f.text)), max(a, 0))] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stageDirection reports whether content is a transcript's note in brackets alone
// ("(CROSSTALK)", "[LAUGHTER.]"), which no one says.
func stageDirection(c string) bool {
	c = strings.TrimRight(strings.TrimSpace(c), ".")
	return len(c) >= 2 && (c[0] == '(' && c[len(c)-1] == ')' || c[0] == '[' && c[len(c)-1] == ']') &&
		!strings.ContainsAny(c[1:len(c)-1], "()[]")
}

// skipDateline returns where reported content that opens with a wire dateline ("NAIROBI,
// Kenya (AP) — Kenyan troops …") really starts: after the dash. The dateline is the
// reporter's place, not what the source said.
func skipDateline(text string, start, end int) int {
	return start + clean.DatelineEnd(text[start:end])
}
