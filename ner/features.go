package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/weights"
)

// Features are never built as strings: every feature is a uint64 key mixed from a template
// number and the hashes of the values it looks at, so extracting the ~50 features of a
// token costs arithmetic only and the hot path does not allocate.

const (
	fnvOffset = weights.FNVOffset
	fnvPrime  = weights.FNVPrime
)

func fk3(tmpl uint64, a, b, c uint64) uint64 {
	return weights.Key2(tmpl, weights.Mix(a^0x8cb92ba72f3d8dd7)+b, c)
}

// Boundary values for the context window and the tag history.
var (
	hashBOS = weights.HashString("<s>")
	hashEOS = weights.HashString("</s>")
)

// Token flags.
const (
	flTitle   = 1 << iota // first letter upper, the rest lower or non-letters
	flAllCaps             // every letter upper (and at least one letter)
	flDigit               // has a digit
	flHyphen              // has a hyphen
	flLower               // first letter lower case
	flAlpha               // has a letter
	flUpper               // first rune is an upper-case letter
	flPunct               // no letters or digits at all
)

// tokInfo holds the per-token hashes that the feature templates combine.
type tokInfo struct {
	word, lower, shape, short uint64
	pre, suf                  [4]uint64
	flags                     uint8
	// oov: the lower-cased word never occurred in the training data, so no feature that
	// mixes in its word or lower-cased form can have weights (see Tagger.known); the
	// cached decoder skips those lookups. Left false outside the cache: "look everything up".
	oov bool
	// gaz1 caches the gazetteer entry of the word alone (gazetteer.first) when gaz1Set.
	gaz1Set  bool
	gaz1     uint16
	nletters int32
	gaz      uint32 // gazetteer match bits, see gazetteer.go
	// plain: no upper-case letter, no digit, and nothing but letters and ordinary
	// punctuation (see plainPunct): a word the decoder may force to O (see skip.go).
	plain bool
}

// plainPunct reports whether r (after normRune) is punctuation of running prose, which
// a plain token may consist of or contain ("'s", "n't", "--", "well-known").
func plainPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '\'', '"', '(', ')', '[', ']', '-', '/', '\u2026':
		return true
	}
	return false
}

// normRune maps typographic variants to the ASCII forms the CoNLL training text uses, so
// that "’s" behaves like "'s" and “ ” like ".
func normRune(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '\u201b', '\u02bc', '\u2032', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return '"'
	case '\u2013', '\u2014', '\u2012', '\u2212':
		return '-'
	}
	return r
}

// analyse fills ti for word w; buf is scratch space for the lower-cased word and is returned
// (possibly grown) for reuse.
func analyse(w string, ti *tokInfo, buf []byte) []byte {
	buf = buf[:0]
	var (
		word        = uint64(fnvOffset)
		shape       = uint64(fnvOffset)
		short       = uint64(fnvOffset)
		last   rune = -1
		run    int
		flags  uint8
		upper  int
		lower  int
		first  = true
		odd    bool   // a rune that is neither a letter, a digit nor plainPunct
		starts [5]int // byte offsets in buf of the last 5 rune starts (ring)
		nr     int
	)
	for _, r := range w {
		r = normRune(r)
		var enc [4]byte
		n := utf8.EncodeRune(enc[:], r)
		for k := 0; k < n; k++ {
			word ^= uint64(enc[k])
			word *= fnvPrime
		}
		var c rune
		lr := r
		switch {
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			c = 'X'
			lr = r + 32
			upper++
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			c = 'x'
			lower++
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			c = 'd'
			flags |= flDigit
		case r >= utf8.RuneSelf && unicode.IsUpper(r):
			c = 'X'
			lr = unicode.ToLower(r)
			upper++
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			c = 'x'
			lower++
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			c = 'd'
			flags |= flDigit
		default:
			c = r
			if r == '-' {
				flags |= flHyphen
			}
			if !plainPunct(r) {
				odd = true
			}
		}
		if first {
			if c == 'X' {
				flags |= flUpper
			} else if c == 'x' {
				flags |= flLower
			}
			first = false
		}
		if c == last {
			run++
		} else {
			run = 1
			last = c
			short ^= uint64(c)
			short *= fnvPrime
		}
		// The long shape keeps up to four of a run: "Xxxx", "dddd", "X.X.".
		if run <= 4 {
			shape ^= uint64(c)
			shape *= fnvPrime
		}
		starts[nr%5] = len(buf)
		nr++
		buf = utf8.AppendRune(buf, lr)
	}
	ti.word = word
	ti.shape = shape
	ti.short = short
	ti.lower = weights.HashBytes(buf)
	ti.nletters = int32(upper + lower)
	if upper+lower > 0 {
		flags |= flAlpha
		if lower == 0 {
			flags |= flAllCaps
		} else if flags&flUpper != 0 && upper == 1 {
			flags |= flTitle
		}
	} else if flags&flDigit == 0 {
		flags |= flPunct
	}
	ti.flags = flags
	ti.plain = upper == 0 && flags&flDigit == 0 && !odd && nr > 0
	// Prefixes: the first k runes of the lower-cased word.
	h := uint64(fnvOffset)
	k, pos := 0, 0
	for pos < len(buf) && k < 4 {
		_, sz := utf8.DecodeRune(buf[pos:])
		for j := pos; j < pos+sz; j++ {
			h ^= uint64(buf[j])
			h *= fnvPrime
		}
		pos += sz
		ti.pre[k] = h
		k++
	}
	for ; k < 4; k++ {
		ti.pre[k] = h // words shorter than k runes repeat their whole form
	}
	// Suffixes: the last k runes.
	for k := 1; k <= 4; k++ {
		if k > nr {
			ti.suf[k-1] = ti.suf[max(k-2, 0)]
			if nr == 0 {
				ti.suf[k-1] = fnvOffset
			}
			continue
		}
		ti.suf[k-1] = weights.HashBytes(buf[starts[(nr-k)%5]:])
	}
	return buf
}

// lowerHash is analyse's ti.lower alone (the hash of the normalised, lower-cased word),
// for the gazetteer, whose ~100k phrases need nothing else: start-up time.
func lowerHash(w string) uint64 {
	h := uint64(fnvOffset)
	var enc [utf8.UTFMax]byte
	for _, r := range w {
		r = normRune(r)
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 32
			}
			h ^= uint64(r)
			h *= fnvPrime
			continue
		case unicode.IsUpper(r):
			r = unicode.ToLower(r)
		}
		n := utf8.EncodeRune(enc[:], r)
		for _, c := range enc[:n] {
			h ^= uint64(c)
			h *= fnvPrime
		}
	}
	return h
}

// Feature templates. Their numbers are part of the model format: append, never renumber.
const (
	tBias = iota + 1
	tWord
	tLower
	tShape
	tShort
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tFlag
	tPos
	tLowerM2
	tLowerM1
	tLowerP1
	tLowerP2
	tShortM2
	tShortM1
	tShortP1
	tShortP2
	tBiM1
	tBiP1
	tShapeTri
	tGaz
	tGazNext
	tGazPrev
	tCapsShort
	tWordM1
	tWordP1
	tPrevTag
	tPrev2Tag
	tPrevTagLower
	tPrevTagShort
	tCapsLower
	tTitleSent
	tLen
)

// maxStatic bounds the number of static features per token.
const maxStatic = 64

// sentence-level flags
const (
	sentAllCaps = 1 << iota // headline in capitals: word case carries no information
	sentTitle               // Title Case headline
)

// staticFeatures writes the features of token i that do not depend on predicted tags.
func staticFeatures(ts []tokInfo, i int, sflags uint8, out *[maxStatic]uint64) int {
	n := 0
	add := func(k uint64) {
		out[n] = k
		n++
	}
	t := &ts[i]
	add(weights.Key(tBias, 0))
	add(weights.Key(tWord, t.word))
	add(weights.Key(tLower, t.lower))
	add(weights.Key(tShape, t.shape))
	add(weights.Key(tShort, t.short))
	add(weights.Key(tPre1, t.pre[0]))
	add(weights.Key(tPre2, t.pre[1]))
	add(weights.Key(tPre3, t.pre[2]))
	add(weights.Key(tPre4, t.pre[3]))
	add(weights.Key(tSuf1, t.suf[0]))
	add(weights.Key(tSuf2, t.suf[1]))
	add(weights.Key(tSuf3, t.suf[2]))
	add(weights.Key(tSuf4, t.suf[3]))
	for b := uint8(1); b != 0; b <<= 1 {
		if t.flags&b != 0 {
			add(weights.Key(tFlag, uint64(b)))
		}
	}
	pos := uint64(i)
	if pos > 3 {
		pos = 3
	}
	if i == len(ts)-1 {
		pos |= 8
	}
	add(weights.Key2(tPos, pos, uint64(t.flags&(flUpper|flLower))))
	ln := uint64(t.nletters)
	if ln > 8 {
		ln = 8
	}
	add(weights.Key(tLen, ln))
	lw := func(j int) uint64 {
		if j < 0 {
			return hashBOS
		}
		if j >= len(ts) {
			return hashEOS
		}
		return ts[j].lower
	}
	sh := func(j int) uint64 {
		if j < 0 {
			return hashBOS
		}
		if j >= len(ts) {
			return hashEOS
		}
		return ts[j].short
	}
	wd := func(j int) uint64 {
		if j < 0 {
			return hashBOS
		}
		if j >= len(ts) {
			return hashEOS
		}
		return ts[j].word
	}
	add(weights.Key(tLowerM2, lw(i-2)))
	add(weights.Key(tLowerM1, lw(i-1)))
	add(weights.Key(tLowerP1, lw(i+1)))
	add(weights.Key(tLowerP2, lw(i+2)))
	add(weights.Key(tShortM2, sh(i-2)))
	add(weights.Key(tShortM1, sh(i-1)))
	add(weights.Key(tShortP1, sh(i+1)))
	add(weights.Key(tShortP2, sh(i+2)))
	add(weights.Key(tWordM1, wd(i-1)))
	add(weights.Key(tWordP1, wd(i+1)))
	add(weights.Key2(tBiM1, lw(i-1), t.lower))
	add(weights.Key2(tBiP1, t.lower, lw(i+1)))
	add(fk3(tShapeTri, sh(i-1), t.short, sh(i+1)))
	// Gazetteer: one feature per matched class and position, also crossed with the short
	// shape so the model can learn how far to trust a match on a lower-case word.
	if g := t.gaz; g != 0 {
		for b := 0; b < 32; b++ {
			if g&(1<<b) != 0 {
				add(weights.Key(tGaz, uint64(b)))
				add(weights.Key2(tGaz, uint64(b)+100, t.short))
			}
		}
	}
	if i+1 < len(ts) && ts[i+1].gaz != 0 {
		add(weights.Key(tGazNext, uint64(ts[i+1].gaz)))
	}
	if i > 0 && ts[i-1].gaz != 0 {
		add(weights.Key(tGazPrev, uint64(ts[i-1].gaz)))
	}
	if sflags != 0 {
		// In headlines case is uninformative: give the model features that know it.
		add(weights.Key2(tCapsShort, uint64(sflags), t.short))
		add(weights.Key2(tCapsLower, uint64(sflags), t.lower))
		add(weights.Key(tTitleSent, uint64(sflags)))
	}
	return n
}

// sentenceFlags classifies a sentence as an all-caps or Title Case headline.
func sentenceFlags(ts []tokInfo) uint8 {
	var alpha, caps, title, lowerInit int
	for i := range ts {
		f := ts[i].flags
		if f&flAlpha == 0 || ts[i].nletters < 2 {
			continue
		}
		alpha++
		if f&flAllCaps != 0 {
			caps++
		}
		if f&flTitle != 0 {
			title++
		}
		if f&flLower != 0 {
			lowerInit++
		}
	}
	if alpha < 3 {
		return 0
	}
	if caps*10 >= alpha*8 {
		return sentAllCaps
	}
	if (title+caps)*10 >= alpha*8 && lowerInit*10 <= alpha*2 {
		return sentTitle
	}
	return 0
}

const maxDyn = 4

// dynFeatures writes the features that look at the previously predicted tags.
func dynFeatures(t *tokInfo, prev, prev2 int, out *[maxDyn]uint64) {
	out[0] = weights.Key(tPrevTag, uint64(prev))
	out[1] = weights.Key2(tPrev2Tag, uint64(prev2), uint64(prev))
	out[2] = weights.Key2(tPrevTagLower, uint64(prev), t.lower)
	out[3] = weights.Key2(tPrevTagShort, uint64(prev), t.short)
}

const maxDyn1 = 3

// dyn1Features are the tag-history features of the Viterbi decoder: first order only, so
// that the search stays over tag bigrams.
func dyn1Features(t *tokInfo, prev int, out *[maxDyn1]uint64) {
	out[0] = weights.Key(tPrevTag, uint64(prev))
	out[1] = weights.Key2(tPrevTagLower, uint64(prev), t.lower)
	out[2] = weights.Key2(tPrevTagShort, uint64(prev), t.short)
}
