package quote

import (
	"os"
	"strings"

	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote/attrib"
)

// taggerMode selects how the trained attribution tagger (package attrib) adds to the
// rules; HERALD_ATTRIB=off turns it off, for comparisons.
var taggerMode = os.Getenv("HERALD_ATTRIB")

// sure are the cues whose reported speech the rules get right often enough that the
// tagger is not asked (measured on PolNeAR train: it would drop 1 in 50 or fewer, at a
// cost of most of its running time).
var sure = map[string]bool{"said": true, "says": true, "say": true, "saying": true, "told": true, "according to": true, ":": true}

// unfiltered are more cues the filter leaves alone, as written only (not as the first
// word of a longer cue): on PolNeAR train, of what it would drop after "show" and "shows"
// half was right (15 of 29), after a poll's "in" (inSource) 8 of 11; a drop pays only
// below about a third.
var unfiltered = map[string]bool{"show": true, "shows": true, "in": true}

// isSure reports whether the tagger's filter leaves cue's reported speech alone: a sure
// cue, one that starts with a sure word ("said in a statement" is as sure as "said"), or
// an unfiltered one.
func isSure(cue string) bool {
	if sure[cue] || unfiltered[cue] {
		return true
	}
	w, _, _ := strings.Cut(cue, " ")
	return sure[w] && w != "according"
}

// entClass maps a named-entity IOB tag to an attrib.Ent* class, plus 8 on a B- tag.
func entClass(tag string) uint8 {
	if len(tag) < 3 {
		return 0
	}
	var c uint8
	switch tag[2:] {
	case "PER":
		c = attrib.EntPer
	case "ORG":
		c = attrib.EntOrg
	case "LOC":
		c = attrib.EntLoc
	case "MISC":
		c = attrib.EntMisc
	default:
		return 0
	}
	if tag[0] == 'B' {
		c |= 8
	}
	return c
}

// markQuoted sets f.quoted: per token, inside a quotation-marked segment.
func (f *finder) markQuoted() {
	if cap(f.quoted) < len(f.toks) {
		f.quoted = make([]bool, len(f.toks))
	}
	f.quoted = f.quoted[:len(f.toks)]
	clear(f.quoted)
	for _, s := range f.segs {
		for i := f.tokAt(s.start); i < len(f.toks) && f.toks[i].end <= s.end; i++ {
			f.quoted[i] = true
		}
	}
}

// tagToks fills f.tbuf with the tagger's view of tokens [lo,hi), one sentence.
func (f *finder) tagToks(lo, hi int) []attrib.Tok {
	buf := f.tbuf[:0]
	si := f.toks[lo].sent
	paraStart := si == 0 || f.doc.Sentences[si-1].Para != f.doc.Sentences[si].Para
	for i := lo; i < hi; i++ {
		w := f.w(i)
		t := attrib.Tok{Lower: w, Raw: f.raw(i), Ent: f.toks[i].ent & 7, EntB: f.toks[i].ent&8 != 0}
		if f.quoted[i] {
			t.Flags |= attrib.FInQuote
		}
		if f.isMark(i) {
			t.Flags |= attrib.FMark
		}
		if paraStart {
			t.Flags |= attrib.FParaStart
		}
		if cueLex.maybe(w) && speechVerbs[w] {
			t.Flags |= attrib.FSpeech
		}
		buf = append(buf, t)
	}
	for i := lo; i < hi; i++ {
		e, ph := f.matchCue(i)
		if e < 0 || e > hi {
			continue
		}
		buf[i-lo].Flags |= attrib.FCue
		buf[i-lo].Cue = attrib.Hash(ph.text)
		for k := i + 1; k < e; k++ {
			buf[k-lo].Flags |= attrib.FCueIn
		}
	}
	f.tbuf = buf
	return buf
}

// sentEnd returns the end of the sentence that token lo starts.
func (f *finder) sentEnd(lo int) int {
	hi := lo + 1
	for hi < len(f.toks) && f.toks[hi].sent == f.toks[lo].sent {
		hi++
	}
	return hi
}

// tagged drops the rules' reported speech in which the trained tagger (package attrib)
// sees no content at all: a cue word used otherwise ("a claim to the throne"), or a clause
// that is the writer's own. Direct quotes are kept: their quotation marks say enough.
func (f *finder) tagged() {
	if f.tagger == nil {
		return
	}
	keep := f.out[:0]
	for _, q := range f.out {
		if q.Kind == kindDirect || isSure(q.Cue) || f.possessedCue(q) || f.closingCue(q) || f.hasContent(q.Start, q.End) {
			keep = append(keep, q)
		}
	}
	f.out = keep
}

// closingCue reports whether q is the statement before a closing wire attribution
// (", the agency announced on Wednesday."): a speech verb after its speaker, after the
// content and a comma.
func (f *finder) closingCue(q Quote) bool {
	return finalCues[q.Cue] && q.SpeakerStart > q.End && strings.HasPrefix(strings.TrimLeft(f.text[q.End:], "”\"' "), ",")
}

// possessedCue reports whether q's cue is a speech noun after a possessive ("the
// government's statement that …"), which names its speaker as surely as "said" does.
func (f *finder) possessedCue(q Quote) bool {
	if !speechNouns[q.Cue] {
		return false
	}
	before := strings.TrimRight(f.text[:q.Start], " ")
	return strings.HasSuffix(before, "'s "+q.Cue) || strings.HasSuffix(before, "’s "+q.Cue)
}

// initTags readies the per-sentence tags of the document, with the tagger unless it is
// turned off.
func (f *finder) initTags() {
	f.tagger = nil
	if taggerMode != "off" {
		f.tagger = attrib.Default()
	}
	f.quoted = f.quoted[:0]
	if cap(f.sentTagged) < len(f.doc.Sentences) {
		f.sentTagged = make([]bool, len(f.doc.Sentences))
	}
	f.sentTagged = f.sentTagged[:len(f.doc.Sentences)]
	clear(f.sentTagged)
	if cap(f.alltags) < len(f.toks) {
		f.alltags = make([]int, len(f.toks))
	}
	f.alltags = f.alltags[:len(f.toks)]
}

// tagSent tags the sentence holding token i, once.
func (f *finder) tagSent(i int) {
	si := f.toks[i].sent
	if f.sentTagged[si] {
		return
	}
	f.sentTagged[si] = true
	if len(f.quoted) == 0 {
		f.markQuoted()
	}
	lo := i
	for lo > 0 && f.toks[lo-1].sent == si {
		lo--
	}
	hi := f.sentEnd(lo)
	f.tagger.Tag(f.tagToks(lo, hi), f.alltags[lo:hi])
}

// hasContent reports whether the tagger marks any token of [start,end) as content.
func (f *finder) hasContent(start, end int) bool {
	for i := f.tokAt(start); i < len(f.toks) && f.toks[i].start < end; i++ {
		f.tagSent(i)
		if tg := f.alltags[i]; tg == attrib.BCon || tg == attrib.ICon {
			return true
		}
	}
	return false
}

// TaggerInput returns the attribution tagger's view of doc, one slice per sentence, and
// each token's byte span in doc.Text: the input the tagger is trained on (see
// attrib/README.md). Token tags (doc's named-entity tags) should be set as Find sees them.
func TaggerInput(doc *nlp.Doc) (sents [][]attrib.Tok, spans [][][2]int) {
	if doc == nil || len(doc.Text) == 0 || len(doc.Sentences) == 0 {
		return nil, nil
	}
	f := new(finder)
	f.setup(doc, nil)
	f.markQuoted()
	for lo := 0; lo < len(f.toks); {
		hi := f.sentEnd(lo)
		f.tbuf = nil
		sents = append(sents, f.tagToks(lo, hi))
		var sp [][2]int
		for i := lo; i < hi; i++ {
			sp = append(sp, [2]int{f.toks[i].start, f.toks[i].end})
		}
		spans = append(spans, sp)
		lo = hi
	}
	return sents, spans
}

// Preload loads the trained attribution tagger now rather than in the first Find, so that
// a caller can load it alongside its other models.
func Preload() { attrib.Default() }
