// Package attrib is a trained attribution tagger: an averaged perceptron over hashed
// token features, decoded with Viterbi, that labels each token of a sentence as part of an
// attribution's content, source or cue (BIO), or none. It complements the rules in package
// quote, which know the cue list and quotation marks but miss the long tail of cues
// ("aired", "made no mention of", "criticism of").
//
// The caller (package quote) describes each token in a Tok: its lower-cased text, its
// named-entity class, and what the rules know about it (inside quotation marks, a learned
// cue). The model stores hashed feature keys and int16 weights only, no text; see README.md
// for what it was trained on and how to retrain it.
package attrib

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/weights"
)

// Tags, in the order of a weight row.
const (
	O = iota
	BCon
	ICon
	BSrc
	ISrc
	BCue
	ICue
	NTags
)

// TagNames are the tags' names, by tag number.
var TagNames = [NTags]string{"O", "B-CON", "I-CON", "B-SRC", "I-SRC", "B-CUE", "I-CUE"}

const tagBOS = NTags // the "before the sentence" history

// Allowed reports whether tag t may follow tag prev (tagBOS at the start): I-X only
// continues B-X or I-X.
func Allowed(prev, t int) bool {
	if t == O || t%2 == 1 {
		return true
	}
	return prev == t || prev == t-1
}

// Entity classes for Tok.Ent.
const (
	EntNone = iota
	EntPer
	EntOrg
	EntLoc
	EntMisc
)

// Flags for Tok.Flags.
const (
	FInQuote   = 1 << iota // inside quotation-marked text
	FMark                  // a quotation mark
	FCue                   // the first word of a learned cue phrase
	FCueIn                 // inside a learned cue phrase
	FParaStart             // the sentence opens its paragraph
	FSpeech                // a hand-listed speech verb
)

// Tok is one token as the tagger sees it.
type Tok struct {
	Lower string // lower-cased text, curly apostrophes straightened
	Raw   string // the text as written
	Ent   uint8  // EntNone … EntMisc, from the named-entity tags
	EntB  bool   // the first token of an entity
	Flags uint8
	Cue   uint64 // at an FCue token: a hash of the cue phrase (Hash)
}

// Hash is the string hash used for feature values (FNV-1a).
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Feature templates.
const (
	tBias = iota + 1
	tW0
	tWm1
	tWp1
	tBiM1
	tBiP1
	tShapeEnt
	tSuf
	tEnt3
	tQuote
	tLCue
	tRCue
	tLCueW
	tRCueW
	tPos
	tEnd
	tTrans
	tWm1L
	tClause
	tSent
)

const maxFeat = 28

// The word and entity class that features gives the positions before and after the sentence.
const (
	bos, eos = 0x1234567, 0x7654321
	entBound = 15
)

// tokInfo is what the feature templates read of a token, computed once per sentence.
type tokInfo struct {
	w, suf, shape uint64
	ent           uint8
	flags         uint8
	kind          uint8  // kThat … kColon: the words prepareContext looks for
	lcue, rcue    int16  // distance to the nearest cue left / right in the sentence, 0 when none
	lthat, rcomma bool   // "that" between the left cue and the token; a comma between it and the right cue
	lcueH, rcueH  uint64 // those cues' phrase hashes
	clauseW       uint64 // the word before the nearest clause opening ("that", comma, colon, quote mark) at or before the token
	clauseD       int16  // its distance
	sflags        uint8  // sentence: has a cue (1), a quote mark (2)
}

// Word kinds for tokInfo.kind: the words prepareContext looks for, which training (prepare)
// and the tagger (scores) find in their own passes over the tokens.
const (
	kThat  = 1 << iota // lower-cased "that"
	kOpen              // lower-cased "that", "whether" or "to": opens a clause
	kComma             // written ","
	kColon             // written ":"
)

// lowerKind returns the kinds of a token's lower-cased text.
func lowerKind(lower string) uint8 {
	switch lower {
	case "that":
		return kThat | kOpen
	case "whether", "to":
		return kOpen
	}
	return 0
}

// rawKind returns the kinds of a token's text as written.
func rawKind(raw string) uint8 {
	switch raw {
	case ",":
		return kComma
	case ":":
		return kColon
	}
	return 0
}

func shapeOf(raw string) uint64 {
	var b [6]byte
	n := 0
	last := byte(0)
	for _, r := range raw {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '.'
			if r < utf8.RuneSelf {
				c = byte(r)
			}
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
			last = c
		}
	}
	return Hash(string(b[:n]))
}

func suffix(w string) uint64 {
	if len(w) > 3 {
		w = w[len(w)-3:]
	}
	return Hash(w)
}

func bucket(d int) uint64 {
	switch {
	case d <= 0:
		return 0
	case d <= 4:
		return uint64(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	case d <= 15:
		return 7
	case d <= 25:
		return 8
	}
	return 9
}

func coarse(d int) uint64 {
	switch {
	case d <= 0:
		return 0
	case d == 1:
		return 1
	case d <= 3:
		return 2
	case d <= 8:
		return 3
	}
	return 4
}

// prepare fills ts from toks.
func prepare(toks []Tok, ts []tokInfo) {
	for i := range toks {
		t := &toks[i]
		ts[i] = tokInfo{w: Hash(t.Lower), suf: suffix(t.Lower), shape: shapeOf(t.Raw), kind: lowerKind(t.Lower) | rawKind(t.Raw)}
	}
	prepareContext(toks, ts)
}

// prepareContext fills the rest of ts once the word-only fields (w, suf, shape, kind) are set.
func prepareContext(toks []Tok, ts []tokInfo) {
	last := -1
	that := false
	for i := range toks {
		t := &toks[i]
		ti := &ts[i]
		ti.ent, ti.flags = t.Ent, t.Flags
		if t.EntB {
			ti.ent |= 8
		}
		if last >= 0 {
			ti.lcue = int16(min(i-last, 100))
			ti.lcueH = toks[last].Cue
			ti.lthat = that
		}
		if t.Flags&FCue != 0 {
			last, that = i, false
		} else if ti.kind&kThat != 0 {
			that = true
		}
	}
	cw, cd := uint64(0), -1
	var sf uint8
	for i := range toks {
		t := &toks[i]
		if t.Flags&FCue != 0 {
			sf |= 1
		}
		if t.Flags&FMark != 0 {
			sf |= 2
		}
		if ts[i].kind&(kOpen|kComma|kColon) != 0 || t.Flags&FMark != 0 {
			cd = i
			if i > 0 {
				cw = ts[i-1].w
			} else {
				cw = 0
			}
		}
		if cd >= 0 {
			ts[i].clauseW, ts[i].clauseD = cw, int16(min(i-cd, 100))
		}
	}
	for i := range ts {
		ts[i].sflags = sf
	}
	next := -1
	comma := false
	for i := len(toks) - 1; i >= 0; i-- {
		ti := &ts[i]
		if next >= 0 {
			ti.rcue = int16(min(next-i, 100))
			ti.rcueH = toks[next].Cue
			ti.rcomma = comma
		}
		if toks[i].Flags&FCue != 0 {
			next, comma = i, false
		} else if ti.kind&kComma != 0 {
			comma = true
		}
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// The keys of the templates whose values come from a small set; the tagger precomputes
// their rows (see smallRows), so features and those rows must build the keys alike.

func keyEnt3(em1, e, ep1 uint64) uint64 { return weights.Key(tEnt3, em1<<8|e<<4|ep1) }

func keyQuote(f, fm1, fp1 uint8) uint64 {
	return weights.Key(tQuote, uint64(f&(FInQuote|FMark|FCue|FCueIn|FSpeech))|uint64(fm1&(FInQuote|FMark|FCue))<<8|uint64(fp1&(FInQuote|FMark|FCue))<<16)
}

// lc and rc below are a cue distance's bucket<<1 plus its "that" or comma bit; inq is
// the token's FInQuote flag.

func keyLCue(lc uint64, inq uint8) uint64 { return weights.Key(tLCue, lc<<8|uint64(inq)) }
func keyRCue(rc uint64, inq uint8) uint64 { return weights.Key(tRCue, rc<<8|uint64(inq)) }
func keyTrans(lc, rc uint64, inq uint8) uint64 {
	return weights.Key(tTrans, lc<<16|rc<<2|uint64(inq))
}

// keyPos takes bucket(i+1) and the token's FParaStart flag.
func keyPos(b uint64, para uint8) uint64 { return weights.Key(tPos, b<<2|uint64(para)>>3) }
func keyEnd(b uint64) uint64             { return weights.Key(tEnd, b) }
func keySent(sf uint8, lc uint64, inq uint8) uint64 {
	return weights.Key(tSent, uint64(sf)<<8|lc<<1|uint64(inq))
}

// features writes the feature keys of token i and returns their number.
func features(ts []tokInfo, i int, out *[maxFeat]uint64) int {
	n := len(ts)
	t := &ts[i]
	wm1, wp1 := uint64(bos), uint64(eos)
	var em1, ep1 uint64 = entBound, entBound
	var fm1, fp1 uint8
	if i > 0 {
		wm1, em1, fm1 = ts[i-1].w, uint64(ts[i-1].ent), ts[i-1].flags
	}
	if i+1 < n {
		wp1, ep1, fp1 = ts[i+1].w, uint64(ts[i+1].ent), ts[i+1].flags
	}
	k := 0
	out[k] = weights.Key(tBias, 0)
	k++
	out[k] = weights.Key(tW0, t.w)
	k++
	out[k] = weights.Key(tWm1, wm1)
	k++
	out[k] = weights.Key(tWp1, wp1)
	k++
	out[k] = weights.Key2(tBiM1, wm1, t.w)
	k++
	out[k] = weights.Key2(tBiP1, t.w, wp1)
	k++
	out[k] = weights.Key2(tShapeEnt, t.shape, uint64(t.ent))
	k++
	out[k] = weights.Key(tSuf, t.suf)
	k++
	out[k] = keyEnt3(em1, uint64(t.ent), ep1)
	k++
	out[k] = keyQuote(t.flags, fm1, fp1)
	k++
	lc := bucket(int(t.lcue))<<1 | b2u(t.lthat)
	rc := bucket(int(t.rcue))<<1 | b2u(t.rcomma)
	inq := t.flags & FInQuote
	out[k] = keyLCue(lc, inq)
	k++
	out[k] = keyRCue(rc, inq)
	k++
	out[k] = keyTrans(lc, rc, inq)
	k++
	if t.lcue > 0 {
		out[k] = weights.Key2(tLCueW, t.lcueH, coarse(int(t.lcue))<<1|b2u(t.lthat))
		k++
	}
	if t.rcue > 0 {
		out[k] = weights.Key2(tRCueW, t.rcueH, coarse(int(t.rcue))<<1|b2u(t.rcomma))
		k++
	}
	out[k] = keyPos(bucket(i+1), t.flags&FParaStart)
	k++
	out[k] = keyEnd(bucket(n - i))
	k++
	out[k] = weights.Key2(tWm1L, wm1, lc)
	k++
	if t.clauseW != 0 {
		out[k] = weights.Key2(tClause, t.clauseW, coarse(int(t.clauseD)))
		k++
	}
	out[k] = keySent(t.sflags, lc, inq)
	k++
	return k
}

// scratch is per-call working space.
type scratch struct {
	ts   []tokInfo
	st   []int32
	back []int8
	// cache holds recently seen words (see cache.go); it lives as long as the pooled
	// scratch does.
	cache []wordEntry
	mru   []uint8      // per pair of cache slots, the one used last
	tmp   [2]wordEntry // for words too long to cache, alternately: see word
}

// Tagger is a trained model. It is immutable and safe for concurrent use: each call
// borrows scratch space, word cache included, from a pool.
type Tagger struct {
	table weights.Table[[NTags]int16]
	keys  []uint64 // in row order, for Save
	rows  []int16
	trans [NTags + 1][NTags]int32
	small *smallRows
	// has is a bitset of the table's keys (bits 16 to 33 of each), so that most keys the
	// table lacks, such as two word pairs in three, are turned away without a probe of the
	// table (1.3 MB for the shipped model, a likely cache miss): its 2^18 bits, 32 KB,
	// answer "maybe" for about 9% of absent keys at 25k keys. There are no false "absent"
	// answers, so it never changes a row.
	has  []uint64
	pool sync.Pool
}

const filterBits = 18

func filterBit(k uint64) uint64 { return k >> 16 & (1<<filterBits - 1) }

func (t *Tagger) lookup(k uint64) *[NTags]int16 {
	if b := filterBit(k); t.has[b>>6]&(1<<(b&63)) == 0 {
		return nil
	}
	return t.table.Lookup(k)
}

func transKey(p int) uint64 { return weights.Key(0xfeed, uint64(p)) }

// newTagger builds the table for keys and their rows of NTags weights.
func newTagger(keys []uint64, w []int16) *Tagger {
	t := &Tagger{keys: keys, rows: w}
	t.table = weights.New(keys, func(r int) [NTags]int16 { return [NTags]int16(w[r*NTags : (r+1)*NTags]) })
	t.has = make([]uint64, 1<<filterBits/64)
	for _, k := range keys {
		b := filterBit(k)
		t.has[b>>6] |= 1 << (b & 63)
	}
	for p := 0; p <= NTags; p++ {
		if row := t.lookup(transKey(p)); row != nil {
			for c := 0; c < NTags; c++ {
				t.trans[p][c] = int32(row[c])
			}
		}
	}
	t.initSmall()
	t.pool.New = func() any { return &scratch{} }
	return t
}

// Rows returns the number of feature rows in the model.
func (t *Tagger) Rows() int { return len(t.keys) }

// Tag labels toks, one tag per token, into out (len(out) >= len(toks)).
func (t *Tagger) Tag(toks []Tok, out []int) {
	n := len(toks)
	if n == 0 {
		return
	}
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	s.ts = grow(s.ts, n)
	s.st = grow(s.st, n*NTags)
	s.back = grow(s.back, n*NTags)
	viterbi(n, t.scores(toks, s), &t.trans, s.back, out)
}

// viterbi and the packing of tags in it are written for seven tags.
var _ = [1]int{}[NTags-7]

// viterbi finds the best valid tag sequence.
//
// The argmax over the previous tag is a branch-free max (the CPU cannot predict which
// previous tag wins): each candidate's score and tag are packed into one int64, the score
// times 8 plus 7 minus the tag, so that the largest packed value has the best score and,
// among equal scores, the lowest tag, as a loop over the tags that keeps the first best
// would choose. Scores stay far inside the ±2^60 this leaves: a token adds at most 28
// feature rows and a transition, int16 weights in a model and, in Train, counts bounded by
// its number of updates.
func viterbi(n int, st []int32, trans *[NTags + 1][NTags]int32, back []int8, out []int) {
	const neg = -1 << 50
	// cur holds the best scores ending in each tag, times 8.
	var cur [NTags]int64
	for c := 0; c < NTags; c++ {
		cur[c] = neg * 8
		if Allowed(tagBOS, c) {
			cur[c] = (int64(st[c]) + int64(trans[tagBOS][c])) * 8
		}
	}
	// tr[c][p] is the transition from p to c, times 8, plus 7-p.
	var tr [NTags][NTags]int64
	for p := 0; p < NTags; p++ {
		for c := 0; c < NTags; c++ {
			tr[c][p] = int64(trans[p][c])*8 + int64(7-p)
		}
	}
	// best7 is the best previous tag for c when any may precede it (O and B-X); neg with
	// tag 0 when none scores above neg, as the loop would leave it.
	best7 := func(cur *[NTags]int64, t *[NTags]int64) int64 {
		return max(neg*8+7, cur[0]+t[0], cur[1]+t[1], cur[2]+t[2], cur[3]+t[3],
			cur[4]+t[4], cur[5]+t[5], cur[6]+t[6])
	}
	for i := 1; i < n; i++ {
		row := (*[NTags]int32)(st[i*NTags:])
		bk := (*[NTags]int8)(back[i*NTags:])
		var pk [NTags]int64
		pk[O] = best7(&cur, &tr[O])
		pk[BCon] = best7(&cur, &tr[BCon])
		pk[BSrc] = best7(&cur, &tr[BSrc])
		pk[BCue] = best7(&cur, &tr[BCue])
		// I-X continues only B-X or I-X.
		pk[ICon] = max(cur[BCon]+tr[ICon][BCon], cur[ICon]+tr[ICon][ICon])
		pk[ISrc] = max(cur[BSrc]+tr[ISrc][BSrc], cur[ISrc]+tr[ISrc][ISrc])
		pk[ICue] = max(cur[BCue]+tr[ICue][BCue], cur[ICue]+tr[ICue][ICue])
		for c := range pk {
			cur[c] = pk[c]&^7 + int64(row[c])*8
			bk[c] = int8(7 - pk[c]&7)
		}
	}
	best := 0
	for c := 1; c < NTags; c++ {
		if cur[c] > cur[best] {
			best = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*NTags+best])
	}
}
