package ner

import (
	"os"
	"strings"
	"testing"
)

func TestTagSentences(t *testing.T) {
	tests := []struct {
		sent string
		want map[string]string // entity text -> type
	}{
		{"Ruritanian President Anna Berg met officials of the Freedonia Trade Bank in Vienna .",
			map[string]string{"Anna Berg": "PER", "Freedonia Trade Bank": "ORG", "Vienna": "LOC", "Ruritanian": "MISC"}},
		{"Police in Nairobi said Peter Mwangi was arrested on Tuesday .",
			map[string]string{"Nairobi": "LOC", "Peter Mwangi": "PER"}},
		{"Shares of Microsoft rose 3 percent in New York trading .",
			map[string]string{"Microsoft": "ORG", "New York": "LOC"}},
		{"Chancellor Olaf Scholz flew to Paris to meet Emmanuel Macron .",
			map[string]string{"Olaf Scholz": "PER", "Paris": "LOC", "Emmanuel Macron": "PER"}},
		{"NATO ministers met in Brussels .",
			map[string]string{"NATO": "ORG", "Brussels": "LOC"}},
	}
	for _, tc := range tests {
		t.Run(tc.sent, func(t *testing.T) {
			words := strings.Fields(tc.sent)
			tags := Default().Tag(words)
			if len(tags) != len(words) {
				t.Fatalf("got %d tags for %d words", len(tags), len(words))
			}
			got := map[string]string{}
			for _, s := range spans(tags) {
				got[strings.Join(words[s.start:s.end], " ")] = s.typ
			}
			for text, typ := range tc.want {
				if got[text] != typ {
					t.Errorf("%q: got %q, want %q (all: %v)", text, got[text], typ, got)
				}
			}
		})
	}
}

func TestDevF1(t *testing.T) {
	f, err := os.Open("../../shared/eval/ner/conll2003-dev.txt")
	if err != nil {
		t.Skip("skipping: CoNLL-2003 dev set not found at ../shared/eval/ner/conll2003-dev.txt (it is not part of the repository)")
	}
	defer f.Close()
	sents, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(Default(), sents)
	t.Logf("\n%s", sc.Report())
	if f1 := sc.F1Main(); f1 < 0.88 {
		t.Errorf("dev PER/LOC/ORG F1 %.4f, want >= 0.88", f1)
	}
}
