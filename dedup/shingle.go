package dedup

import (
	"unicode"
	"unicode/utf8"
)

// token is one normalised word: its hash and its byte range in the input, kept so that an
// explanation can quote the shared passages from the text being added.
type token struct {
	h          uint64
	start, end int32
}

// tokenize splits text into lower-cased runs of letters and digits. Apostrophes inside a
// word are dropped (don't = dont), so straight and curly quotes, which scrapers swap
// freely, do not change a word; every other character separates words. The hash is
// FNV-1a over the folded runes, computed on the fly so no string is allocated per word.
func tokenize(text string, dst []token) []token {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	var h uint64 = offset
	in := false
	start := 0
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			// fast path for the common case
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case in && (r == '\'' || r == '’' || r == 'ʼ'):
			i += size
			continue
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
		default:
			if in {
				dst = append(dst, token{mix(h), int32(start), int32(i)})
				in = false
			}
			i += size
			continue
		}
		if !in {
			in, h, start = true, offset, i
		}
		// Hash the rune's value rather than its bytes: one step per rune is enough for
		// a key that is mixed again below.
		h ^= uint64(r)
		h *= prime
		i += size
	}
	if in {
		dst = append(dst, token{mix(h), int32(start), int32(len(text))})
	}
	return dst
}

// mix is the splitmix64 finaliser: it spreads every input bit over the output so that the
// low bits (used for sampling) and the high bits (stored) are independent.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// shingleHash hashes k consecutive token hashes, order-sensitive.
func shingleHash(toks []token) uint64 {
	var h uint64 = 0x9e3779b97f4a7c15
	for _, t := range toks {
		h = mix(h ^ t.h)
	}
	return h
}

// exactHash hashes the whole token sequence: two texts with the same words in the same
// order (whatever their case, punctuation and spacing) get the same value.
func exactHash(toks []token) uint64 {
	var h uint64 = uint64(len(toks)) * 0x9e3779b97f4a7c15
	for _, t := range toks {
		h = mix(h ^ t.h)
	}
	return h
}
