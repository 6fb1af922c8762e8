package entity

import (
	"strings"
	"testing"
)

// owner returns the name of the entity with a mention at the n-th (from 0) occurrence of
// word in text, "" when none has.
func owner(text string, set *Set, word string, n int) string {
	at := -1
	for k := 0; k <= n; k++ {
		i := strings.Index(text[at+1:], word)
		if i < 0 {
			return "?no such word"
		}
		at += 1 + i
	}
	for _, e := range set.Entities {
		for _, m := range e.Mentions {
			if m.Start == at && m.End == at+len(word) {
				return e.Name
			}
		}
	}
	return ""
}

// TestPronounGender checks that a pronoun skips people whose given name has the other
// gender, before any honorific or earlier pronoun has said it.
func TestPronounGender(t *testing.T) {
	tests := []struct {
		name, text, word string
		n                int
		want             string
	}{
		{"she skips a man named first", "Mark Udall met Laura Kemp in Denver on Monday.\nShe said the talks went well.",
			"She", 0, "Laura Kemp"},
		{"he skips a woman named first", "Nancy Ortiz praised Robert Hale at the rally.\nHe thanked the crowd.",
			"He", 0, "Robert Hale"},
		{"her in the same sentence", "Donald Hale said Hillary Ross had lost her way.",
			"her", 0, "Hillary Ross"},
		{"no woman named: she is left alone", "Steven Mora spoke to reporters.\nShe was not there.",
			"She", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, set := recognize(tc.text)
			if got := owner(tc.text, set, tc.word, tc.n); got != tc.want {
				t.Errorf("%q in %q belongs to %q, want %q", tc.word, tc.text, got, tc.want)
			}
		})
	}
}
