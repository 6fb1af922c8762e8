package clean

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// normalizeRef is Normalize written rune by rune, the plain statement of what it does.
func normalizeRef(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\ufeff':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestNormalizeMatchesReference(t *testing.T) {
	for _, s := range []string{
		"", "plain ASCII text\nsecond line\ttab",
		"“Curly” quotes — and dashes… café",
		"CRLF\r\nline\rlone CR at end\r",
		"\x00NUL\x01\x7fDEL\u0085NEL\ufeffBOM\u00a0NBSP",
		"bad \xff\xfe bytes \xe2\x80 cut", "\xef\xbf\xbd real U+FFFD",
	} {
		if got, want := Normalize(s), normalizeRef(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("“a”\r\n\x00\xff\u0085\ufeff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Normalize(s), normalizeRef(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	})
}
