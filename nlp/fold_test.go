package nlp

import (
	"strings"
	"testing"
)

// TestLookupFold checks LookupFold against m[strings.ToLower(w)], including words whose
// non-ASCII letters lower-case to ASCII ones and words too long for its buffer.
func TestLookupFold(t *testing.T) {
	m := map[string]int{"the": 1, "said": 2, "mr.": 3, "kelvin": 4, "interim": 5, "counterinsurgency": 6}
	first := FirstBytes(m)
	for _, w := range []string{"", "the", "The", "THE", "said", "SAID", "Mr.", "MR.", "mr",
		"\u212Aelvin", "İnterim", "interim", "ſaid", "COUNTERINSURGENCY", "counterinsurgency",
		"x", "Xthe", "the\xff", "théé", "ｔｈｅ"} {
		got, ok := LookupFold(m, first, w)
		want, wok := m[strings.ToLower(w)]
		if got != want || ok != wok {
			t.Errorf("LookupFold(%q) = %d, %v; want %d, %v", w, got, ok, want, wok)
		}
	}
}
