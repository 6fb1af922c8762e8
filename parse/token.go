package parse

import (
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/weights"
)

// Features are never built as strings: a token's word, affixes and shape are hashed once
// per sentence, and every feature key is mixed from a template number and those hashes.

const (
	fnvOffset = weights.FNVOffset
	fnvPrime  = weights.FNVPrime
)

// Values that stand for "no token here" and for the root node.
var (
	hashNone = weights.HashBytes([]byte("<none>"))
	hashRoot = weights.HashBytes([]byte("<root>"))
)

// tok is what the models know of one token, computed once per sentence.
type tok struct {
	word  uint64    // normalised form, case kept
	lower uint64    // normalised form, lower case
	suf   [3]uint64 // last 1, 2 and 3 runes of the lower-case form
	pre   uint64    // first rune, case kept
	suf4  uint64    // last 4 runes, lower case
	pre3  uint64    // first 3 runes, lower case
	shape uint64    // letters as X/x, digits as d, runs cut at two
	flags uint8
}

const (
	flUpper  = 1 << iota // starts with an upper-case letter
	flDigit              // has a digit
	flHyphen             // has a hyphen inside
	flAlpha              // has a letter
)

// normRune maps the characters Herald's text has and EWT's mostly lacks to their EWT
// spelling: curly quotes, guillemets and primes to straight quotes, dashes to "--" or "-",
// the ellipsis to "...", and every digit to 0 so that numbers share their features.
func normRune(dst []byte, r rune) []byte {
	switch r {
	case '“', '”', '„', '«', '»', '″':
		return append(dst, '"')
	case '‘', '’', '‚', '‹', '›', '′', '`':
		return append(dst, '\'')
	case '—', '―':
		return append(dst, '-', '-')
	case '–', '‐', '‑', '−':
		return append(dst, '-')
	case '…':
		return append(dst, '.', '.', '.')
	case '\u00a0':
		return append(dst, ' ')
	}
	if r >= '0' && r <= '9' || unicode.IsDigit(r) {
		return append(dst, '0')
	}
	return utf8.AppendRune(dst, r)
}

// analyse fills t for word w, using buf (returned, grown) as room for the normalised forms.
func analyse(w string, t *tok, buf []byte) []byte {
	buf = buf[:0]
	var flags uint8
	var shape [16]byte
	ns := 0
	first := true
	for i, r := range w {
		if first {
			first = false
			var rb [4]byte
			t.pre = weights.HashBytes(rb[:utf8.EncodeRune(rb[:], r)])
			if unicode.IsUpper(r) {
				flags |= flUpper
			}
		}
		buf = normRune(buf, r)
		var c byte
		switch {
		case unicode.IsUpper(r):
			c, flags = 'X', flags|flAlpha
		case unicode.IsLetter(r):
			c, flags = 'x', flags|flAlpha
		case unicode.IsDigit(r):
			c, flags = 'd', flags|flDigit
		case r == '-':
			c = '-'
			if i > 0 && i < len(w)-1 {
				flags |= flHyphen
			}
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '?'
		}
		// Runs of the same class longer than two look alike ("Xxx" for any capitalised word).
		if ns < len(shape) && !(ns >= 2 && shape[ns-1] == c && shape[ns-2] == c) {
			shape[ns] = c
			ns++
		}
	}
	if first {
		t.pre = hashNone
	}
	t.flags = flags
	t.shape = weights.HashBytes(shape[:ns])
	n := len(buf)
	t.word = weights.HashBytes(buf)
	// The lower-case form follows the cased one in buf.
	for _, r := range string(buf[:n]) {
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	low := buf[n:]
	t.lower = weights.HashBytes(low)
	// Suffixes by rune, from the end.
	end := len(low)
	k := end
	for j := 0; j < 4; j++ {
		if k > 0 {
			_, size := utf8.DecodeLastRune(low[:k])
			k -= size
		}
		if j < 3 {
			t.suf[j] = weights.HashBytes(low[k:end]) + uint64(j)
		} else {
			t.suf4 = weights.HashBytes(low[k:end]) + 3
		}
	}
	k = 0
	for j := 0; j < 3 && k < end; j++ {
		_, size := utf8.DecodeRune(low[k:])
		k += size
	}
	t.pre3 = weights.HashBytes(low[:k]) ^ 0x5bd1e995
	return buf
}

// Feature keys from a template and one, two or three values.
func k1(t, a uint64) uint64    { return weights.Key(t, a) }
func k2(t, a, b uint64) uint64 { return weights.Key2(t, a, b) }
func k3(t, a, b, c uint64) uint64 {
	return weights.Key2(t, weights.Mix(a^0x8cb92ba72f3d8dd7)+b, c)
}
