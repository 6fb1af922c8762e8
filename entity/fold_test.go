package entity

import (
	"strings"
	"testing"

	"github.com/heraldnews/herald/nlp"
)

// TestLookupFold checks nlp.LookupFold on this package's word lists against m[strings.ToLower(w)], including
// words whose non-ASCII letters lower-case to ASCII ones.
func TestLookupFold(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"he", "He", "HE", "Mr.", "MRS", "hers", "Herself", "HİS", "\u212Aelvin", "ｈｅ", "", "x", "himselfhimselfhimself", "SHE’s", "her\xff", "Mr", "mr.", "MS.", "she", "Him", "HIMSELF", "hers.", "Former", "ACTING", "İnterim", "then", "New", "Dr.", "DR"} {
		for i, m := range []map[string]byte{pronouns, honorificGender} {
			g1, ok1 := nlp.LookupFold(m, []*[128]bool{pronounFirst, honorificFirst}[i], w)
			g2, ok2 := m[strings.ToLower(w)]
			if g1 != g2 || ok1 != ok2 {
				t.Errorf("LookupFold(%q) = %c, %v; want %c, %v", w, g1, ok1, g2, ok2)
			}
		}
		if _, ok := nlp.LookupFold(honorifics, honorificsFirst, w); ok != honorifics[strings.ToLower(w)] {
			t.Errorf("LookupFold(honorifics, %q) = %v", w, ok)
		}
	}
}

// TestHasRole checks the in-place comparison against the lower-cased copy it replaced.
func TestHasRole(t *testing.T) {
	t.Parallel()
	ref := func(e *Entity, title string) bool {
		for _, r := range e.Roles {
			lr := strings.ToLower(r)
			if lr == title || strings.HasSuffix(lr, " "+title) {
				return true
			}
		}
		return false
	}
	roles := []string{"President", "Foreign Minister", "Deputy Foreign Minister", "minister",
		"Prime  Minister", "Ministerpresident", "Vice-President", "Président", "Foreign Mİnister",
		"\u212Aing", "Former King", "", "Secretary of State", "U.S. Secretary of State"}
	titles := []string{"president", "minister", "foreign minister", "prime minister", "king",
		"président", "mi̇nister", "secretary of state", "", "state", "ministerpresident", "preſident", "ſtate"}
	for _, r := range roles {
		for _, tl := range titles {
			e := &Entity{Roles: []string{r}}
			if got, want := hasRole(e, tl), ref(e, tl); got != want {
				t.Errorf("hasRole(%q, %q) = %v, want %v", r, tl, got, want)
			}
		}
	}
}
