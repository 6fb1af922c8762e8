package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FirstBytes returns the ASCII first bytes, in either case, of m's keys: LookupFold's
// filter, which turns most words away without a map lookup.
func FirstBytes[V any](m map[string]V) *[utf8.RuneSelf]bool {
	var f [utf8.RuneSelf]bool
	for k := range m {
		if k == "" {
			continue
		}
		if c := k[0]; c < utf8.RuneSelf {
			f[c] = true
			f[unicode.ToUpper(rune(c))] = true
		}
	}
	return &f
}

// LookupFold is m[strings.ToLower(w)] without the lower-case copy for the usual short
// ASCII token: the stages that look tokens up in word lists (pronouns, honorifics, common
// English words) do it for every token. first is FirstBytes(m); the keys must be ASCII.
func LookupFold[V any](m map[string]V, first *[utf8.RuneSelf]bool, w string) (V, bool) {
	var buf [16]byte
	if len(w) > 0 && w[0] < utf8.RuneSelf && !first[w[0]] {
		// An ASCII byte lower-cases to an ASCII byte: no key starts with it.
		var zero V
		return zero, false
	}
	if len(w) <= len(buf) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				goto slow // non-ASCII case mapping may change the length
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		v, ok := m[string(buf[:len(w)])]
		return v, ok
	}
slow:
	v, ok := m[strings.ToLower(w)]
	return v, ok
}
