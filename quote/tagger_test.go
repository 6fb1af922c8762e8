package quote

import (
	"strings"
	"testing"

	"github.com/heraldnews/herald/quote/attrib"
)

func TestTaggerInput(t *testing.T) {
	text := "Berg said the plan was “a gift to polluters” on Monday."
	sents, spans := TaggerInput(testDoc(text))
	if len(sents) != 1 || len(spans[0]) != len(sents[0]) {
		t.Fatalf("got %d sentences, spans %v", len(sents), spans)
	}
	var quoted, cues []string
	for i, tk := range sents[0] {
		if got := text[spans[0][i][0]:spans[0][i][1]]; got != tk.Raw {
			t.Errorf("token %d: span text %q, token %q", i, got, tk.Raw)
		}
		if tk.Flags&attrib.FInQuote != 0 {
			quoted = append(quoted, tk.Lower)
		}
		if tk.Flags&attrib.FCue != 0 {
			cues = append(cues, tk.Lower)
		}
	}
	if g := strings.Join(quoted, " "); g != "a gift to polluters" {
		t.Errorf("in quotes: %q", g)
	}
	if g := strings.Join(cues, " "); g != "said" {
		t.Errorf("cues: %q", g)
	}
	if s, sp := TaggerInput(nil); s != nil || sp != nil {
		t.Error("TaggerInput(nil) returned tokens")
	}
}

// The embedded tagger labels sources, cues and contents; "made no mention of" is a cue
// the rules' list leaves out ("made" is rarely a cue).
func TestTaggerEmbedded(t *testing.T) {
	tests := []struct {
		text string
		tag  int // the spans looked for: attrib.BCon, BSrc or BCue
		want string
	}{
		{"Mr. Smith conceded that the numbers were wrong.", attrib.BCon, "that the numbers were wrong"},
		{"Mr. Smith conceded that the numbers were wrong.", attrib.BSrc, "Mr. Smith"},
		{"Jones made no mention of the tax plan in her speech on Tuesday.", attrib.BCue, "made no mention of"},
		{"The river rose too fast for the farmers.", attrib.BCon, ""},
	}
	tg := attrib.Default()
	for _, tc := range tests {
		sents, spans := TaggerInput(testDoc(tc.text))
		out := make([]int, len(sents[0]))
		tg.Tag(sents[0], out)
		var got []string
		for _, sp := range attrib.Spans(out, tc.tag) {
			got = append(got, tc.text[spans[0][sp[0]][0]:spans[0][sp[1]-1][1]])
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("%q: %s spans %q, want %q", tc.text, attrib.TagNames[tc.tag], g, tc.want)
		}
	}
}
