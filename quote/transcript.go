package quote

import (
	"strings"
	"unicode"

	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/quote/attrib"
)

// Transcripts of interviews and debates print each turn as a paragraph that opens with the
// speaker's name in capitals and a colon ("KIM: We will…", often inside a quotation mark
// that the paragraph opens). The cue words around such turns ("Partial transcript as
// follows:") name no speaker, so without this rule every turn was a quote with none.

// maxLabelToks bounds a speaker label: "KIM", "DANA KIM", "GOV. DANA KIM".
const maxLabelToks = 4

// turnLabel returns the speaker label tokens [lo,hi) and the colon token of a transcript
// turn opening at token i, or ok false.
func (f *finder) turnLabel(i int) (lo, hi, colon int, ok bool) {
	if i < len(f.toks) && f.isMark(i) {
		i++
	}
	lo = i
	for hi = lo; hi < len(f.toks) && hi-lo < maxLabelToks && f.toks[hi].sent == f.toks[lo].sent; hi++ {
		if !allCaps(f.raw(hi)) {
			break
		}
	}
	if hi == lo || hi >= len(f.toks) || f.raw(hi) != ":" || f.toks[hi].sent != f.toks[lo].sent ||
		notSpeakers[f.w(lo)] {
		return 0, 0, 0, false
	}
	return lo, hi, hi, true
}

// notSpeakers are the labels that open paragraphs of transcripts without being a turn.
var notSpeakers = set("video photo photos watch listen update correction clarification exclusive " +
	"breaking related read editor's note")

// allCaps reports whether w is a capitalised word written in capitals only ("KIM",
// "O'NEIL", "GOV."), at least two letters long.
func allCaps(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '\'' || r == '’' || r == '-':
		default:
			return false
		}
	}
	return letters >= 2
}

// personLabel reports whether label tokens [lo,hi) name a person: tagged so by the
// named-entity stage, or ending in the last word of a person entity's name.
func (f *finder) personLabel(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if f.toks[k].ent&7 == attrib.EntPer {
			return true
		}
	}
	return f.labelEntity(lo, hi) != nil
}

// labelEntity returns the person entity whose name ends with the label's last word.
func (f *finder) labelEntity(lo, hi int) *entity.Entity {
	if f.ents == nil {
		return nil
	}
	last := f.raw(hi - 1)
	for _, e := range f.ents.Entities {
		if e.Type != "PERSON" {
			continue
		}
		name := e.Name
		if k := strings.LastIndexByte(name, ' '); k >= 0 {
			name = name[k+1:]
		}
		if strings.EqualFold(name, last) {
			return e
		}
	}
	return nil
}

// transcript attributes the quotation-marked turns of a transcript to their labels and
// emits the unmarked turns as quotes: run after the segments are attributed and before
// they are emitted. An article is a transcript when one of its labels names a person the
// article mentions (its surname, as in "KIM:" for Dana Kim) or one tagged a person; then
// every label is a speaker ("MODERATOR:"). Otherwise the labels are datelines
// ("HARBOURTON:") or section labels ("UPDATE:").
func (f *finder) transcript() {
	type turn struct{ pi, lo, hi, colon int }
	var turns []turn
	person := false
	for pi := range f.doc.Paragraphs {
		ps, pe := f.paraStart(pi), f.paraEnd(pi)
		i := f.tokAt(ps)
		if i >= len(f.toks) || f.toks[i].start >= pe {
			continue
		}
		lo, hi, colon, ok := f.turnLabel(i)
		if !ok || f.toks[colon].end >= pe {
			continue
		}
		turns = append(turns, turn{pi, lo, hi, colon})
		person = person || f.personLabel(lo, hi)
	}
	if !person {
		return
	}
	k := 0 // next segment to look at
	for _, t := range turns {
		pi, lo, hi, colon := t.pi, t.lo, t.hi, t.colon
		ps, pe := f.paraStart(pi), f.paraEnd(pi)
		a := attr{ok: true, cue: ":", cueLo: colon, cueHi: colon + 1, spkLo: lo, spkHi: hi, spk: f.labelEntity(lo, hi)}
		for k < len(f.segs) && f.segs[k].open < ps {
			k++
		}
		if k < len(f.segs) && f.segs[k].para == pi && f.segs[k].open < f.toks[lo].start {
			// The turn sits inside the quotation mark that opens the paragraph.
			s := &f.segs[k]
			if s.end > f.toks[colon].end {
				s.start = f.toks[colon].end
				s.a = a
			}
			continue
		}
		f.emit(kindDirect, f.toks[colon].end, pe, a)
		for j := colon + 1; j < len(f.toks) && f.toks[j].start < pe; j++ {
			if f.inSeg[j] == 0 {
				f.inSeg[j] = 1
			}
		}
		for j := lo; j <= colon; j++ {
			f.inSeg[j] = 2
		}
	}
}
