package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// keyRef is key as it was before its ASCII fast path.
func keyRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

func TestKeyMatchesReference(t *testing.T) {
	t.Parallel()
	pieces := []string{"A", "z", "9", " ", "-", "É", "é", "ß", "İ", "\u212A", "٣", "\xff", "\xe2\x80", "’", "  ", "Q.", "\t", "日本"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := key(s), keyRef(s); got != want {
			t.Fatalf("key(%q) = %q, want %q", s, got, want)
		}
	}
}
