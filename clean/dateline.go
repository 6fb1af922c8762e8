package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DatelineEnd returns the length of the wire dateline that opens s ("NAIROBI, Kenya (AP) —
// ", "KAMPALA (Reuters) - "), or 0 when s opens with none. A dateline, within its first 60
// bytes, is a place in capitals, then capitalised words, dates and a parenthesised agency
// ("SAN JOSE, Calif., March 3 (Reuters)"), then a dash. A lower-case word before the dash
// ("NATO said on Monday - …") means there is none.
func DatelineEnd(s string) int {
	head := s[:min(len(s), 60)]
	k, n := -1, 0
	for _, dash := range []string{" — ", " – ", " - ", " -- ", "—"} {
		if j := strings.Index(head, dash); j >= 0 && (k < 0 || j < k) {
			k, n = j, len(dash)
		}
	}
	if k <= 0 {
		return 0
	}
	head = head[:k]
	place, rest := head, ""
	if j := strings.IndexAny(head, ",("); j >= 0 {
		place, rest = head[:j], head[j:]
	}
	caps := 0
	for _, r := range place {
		switch {
		case r >= 'A' && r <= 'Z':
			caps++
		case r == ' ' || r == '.' || r == '-' || r == '\'':
		default:
			return 0
		}
	}
	if caps < 3 {
		return 0
	}
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return r == ' ' || r == ',' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '(' {
			return 0
		}
	}
	return k + n
}
