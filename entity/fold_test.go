package entity

import (
	"strings"
	"testing"
)

// TestLookupFold checks the copy-free lookup against m[strings.ToLower(w)], including
// words whose non-ASCII letters lower-case to ASCII ones.
func TestLookupFold(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"he", "He", "HE", "Mr.", "MRS", "hers", "Herself", "HİS", "\u212Aelvin", "ｈｅ", "", "x", "himselfhimselfhimself", "SHE’s", "her\xff", "Mr", "mr.", "MS.", "she", "Him", "HIMSELF", "hers."} {
		for i, m := range []map[string]byte{pronouns, honorificGender} {
			g1, ok1 := lookupFold(m, []*[128]bool{pronounFirst, honorificFirst}[i], w)
			g2, ok2 := m[strings.ToLower(w)]
			if g1 != g2 || ok1 != ok2 {
				t.Errorf("lookupFold(%q) = %c, %v; want %c, %v", w, g1, ok1, g2, ok2)
			}
		}
	}
}
