package event

import "testing"

// TestVocabFilter checks that the vocabulary filter passes every word of the vocabulary
// (a word it turned away would lose its id) and turns most others away.
func TestVocabFilter(t *testing.T) {
	t.Parallel()
	c := Default()
	// Default's coder is decoded and keeps no map of its vocabulary: take it from a parsed one.
	parsed, err := newCoder()
	if err != nil {
		t.Fatal(err)
	}
	hash := fnv
	if len(parsed.vocab) < 5000 {
		t.Fatalf("vocabulary of %d words", len(parsed.vocab))
	}
	for w, id := range parsed.vocab {
		if !c.mayBeWord(hash(w)) {
			t.Fatalf("filter turns away vocabulary word %q", w)
		}
		if got := c.lookupWord([]byte(w), hash(w)); got != id {
			t.Fatalf("table gives %q id %d, the vocabulary %d", w, got, id)
		}
	}
	for _, w := range []string{"zqxv", "", "presidents-elect"} {
		want, ok := parsed.vocab[w]
		if !ok {
			want = -1
		}
		if got := c.lookupWord([]byte(w), hash(w)); got != want {
			t.Errorf("table gives %q id %d, want %d", w, got, want)
		}
	}
	pass := 0
	for i := range 10000 {
		if c.mayBeWord(hash("zq" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676)))) {
			pass++
		}
	}
	if pass > 2000 {
		t.Errorf("filter passes %d of 10000 made-up words", pass)
	}
}
