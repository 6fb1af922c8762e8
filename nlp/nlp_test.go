package nlp

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func tokenTexts(text string) []string {
	var out []string
	for _, t := range Tokenize(nil, text, 0, len(text)) {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by |
	}{
		{"Hello, world.", "Hello|,|world|."},
		{"The U.S. Army", "The|U.S.|Army"},
		{"Mr. Berg's plan", "Mr.|Berg|'s|plan"},
		{"Berg’s plan", "Berg|’s|plan"},
		{"it isn't so", "it|is|n't|so"},
		{"“We agree,” she said.", "“|We|agree|,|”|she|said|."},
		{"«Non» dit-il", "«|Non|»|dit-il"},
		{"rose 3.5 percent.", "rose|3.5|percent|."},
		{"on Jan. 5, 2024", "on|Jan.|5|,|2024"},
		{"John F. Kennedy", "John|F.|Kennedy"},
		{"a U.S.-Mexico deal", "a|U.S.-Mexico|deal"},
		{"wait... what?", "wait|...|what|?"},
		{"fight—and win", "fight|—|and|win"},
		{"them.”― Ana", "them|.|”|―|Ana"},
		{"(in Vienna)", "(|in|Vienna|)"},
		{"he was ill.", "he|was|ill|."},
		{"No. 10 Downing", "No.|10|Downing"},
		{"said: yes", "said|:|yes"},
		{"Sen. Jo Park (D-N.Y.) said", "Sen.|Jo|Park|(|D-N.Y.|)|said"},
	}
	for _, tc := range tests {
		got := strings.Join(tokenTexts(tc.in), "|")
		if got != tc.want {
			t.Errorf("Tokenize(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func sentenceTexts(text string) []string {
	doc := Analyze(text, nil)
	var out []string
	for _, s := range doc.Sentences {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Talks ended. Both sides left.", []string{"Talks ended.", "Both sides left."}},
		{"Mr. Berg arrived. He spoke.", []string{"Mr. Berg arrived.", "He spoke."}},
		{"Gen. Ola Stark and Sen. Tim Lau met.", []string{"Gen. Ola Stark and Sen. Tim Lau met."}},
		{"Troops left the U.S. Army base.", []string{"Troops left the U.S. Army base."}},
		{"Aid came from the U.S. The talks went on.", []string{"Aid came from the U.S.", "The talks went on."}},
		{"Rates rose 2.5 percent. Markets fell.", []string{"Rates rose 2.5 percent.", "Markets fell."}},
		{"The vote is on Jan. 12 in Oslo.", []string{"The vote is on Jan. 12 in Oslo."}},
		{"\"We will not yield. Never,\" she said. He left.", []string{"\"We will not yield.", "Never,\" she said.", "He left."}},
		{"“Is it over?” asked Berg. Nobody knew.", []string{"“Is it over?” asked Berg.", "Nobody knew."}},
		{"John F. Kennedy spoke.", []string{"John F. Kennedy spoke."}},
		{"Flight No. 7 landed.", []string{"Flight No. 7 landed."}},
		{"Sen. Jo Park (D-N.Y.) Said Nothing.", []string{"Sen. Jo Park (D-N.Y.) Said Nothing."}},
		{"Sen. Ana Ruiz (D-Ore.), who chairs it, spoke.", []string{"Sen. Ana Ruiz (D-Ore.), who chairs it, spoke."}},
	}
	for _, tc := range tests {
		got := sentenceTexts(tc.in)
		if strings.Join(got, "§") != strings.Join(tc.want, "§") {
			t.Errorf("sentences(%q) =\n  %q\nwant\n  %q", tc.in, got, tc.want)
		}
	}
}

func TestParagraphsBoundSentences(t *testing.T) {
	text := "A headline without a period\nThe first sentence. The second one"
	doc := Analyze(text, []Span{{0, 27}, {28, len(text)}})
	if len(doc.Sentences) != 3 {
		t.Fatalf("got %d sentences, want 3", len(doc.Sentences))
	}
	if doc.Sentences[1].Para != 1 {
		t.Errorf("second sentence in paragraph %d, want 1", doc.Sentences[1].Para)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"Mr. A. B. said \"no.\" Then...", "“‘»«", "U.S.", "\x00\xff.", strings.Repeat("a. ", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := Analyze(s, nil)
		prev := 0
		for _, st := range doc.Sentences {
			if st.Start < prev || st.End > len(s) || st.Start >= st.End {
				t.Fatalf("bad sentence span %d-%d (prev %d, len %d)", st.Start, st.End, prev, len(s))
			}
			for _, tk := range st.Tokens {
				if s[tk.Start:tk.End] != tk.Text || tk.Start >= tk.End {
					t.Fatalf("token %q does not match text at %d-%d", tk.Text, tk.Start, tk.End)
				}
				if utf8.ValidString(s) && !utf8.ValidString(tk.Text) {
					t.Fatalf("token %q splits a character", tk.Text)
				}
			}
			prev = st.End
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	para := "Ruritanian President Anna Berg said on Tuesday that the U.S. plan, announced in Jan. 2024, " +
		"would not be accepted. \"We will defend our borders,\" she told reporters in Vienna. "
	text := strings.Repeat(para, 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Analyze(text, nil)
	}
}

// The ASCII fast path of Tokenize must agree with isSpace.
func TestASCIISpace(t *testing.T) {
	for c := 0; c < utf8.RuneSelf; c++ {
		if asciiSpace[c] != isSpace(rune(c)) {
			t.Errorf("byte %#x: asciiSpace %v, isSpace %v", c, asciiSpace[c], isSpace(rune(c)))
		}
	}
}

// AnalyzeInto on a reused Doc must give what Analyze gives on a new one, whatever the
// earlier document: longer, shorter, with or without paragraphs, tagged or not, dated or not.
func TestAnalyzeIntoReuse(t *testing.T) {
	long := strings.Repeat("Ruritanian President Anna Berg said on Tuesday that the U.S. plan would fail. ", 40)
	texts := []struct {
		text  string
		paras []Span
	}{
		{long, nil},
		{"Short one. Two sentences.", nil},
		{"", nil},
		{"First paragraph here.\n\nSecond one, \"quoted.\"", []Span{{0, 21}, {23, 44}}},
		{long + long, []Span{{0, len(long)}, {len(long), 2 * len(long)}}},
		{"One more: a.b.c. e.g. Mr. Smith.", nil},
	}
	var doc Doc
	for round := 0; round < 2; round++ {
		for i, tc := range texts {
			got := AnalyzeInto(&doc, tc.text, tc.paras)
			want := Analyze(tc.text, tc.paras)
			if got != &doc {
				t.Fatal("AnalyzeInto returned another Doc")
			}
			if got.Text != want.Text || !reflect.DeepEqual(got.Paragraphs, want.Paragraphs) ||
				len(got.Sentences) != len(want.Sentences) || got.Published != "" {
				t.Fatalf("round %d text %d: doc differs", round, i)
			}
			for k := range want.Sentences {
				g, w := got.Sentences[k], want.Sentences[k]
				if g.Start != w.Start || g.End != w.End || g.Para != w.Para || !reflect.DeepEqual(g.Tokens, w.Tokens) {
					t.Fatalf("round %d text %d sentence %d: %+v, want %+v", round, i, k, g, w)
				}
			}
			// The tagger writes into the tokens; the next analysis must not see it.
			for k := range got.Sentences {
				for j := range got.Sentences[k].Tokens {
					got.Sentences[k].Tokens[j].Tag = "B-PER"
				}
			}
			// So does the caller's date: an undated article after a dated one must not
			// take its date (and with it another office term).
			got.Published = "2016-03-15"
		}
	}
}

// TestLongSentenceCut checks that text without sentence ends is cut into sentences of at
// most MaxSentenceTokens tokens, after a comma when one lies in the second half, and that
// every token is kept.
func TestLongSentenceCut(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		wantComma  bool
	}{
		{"no punctuation", strings.Repeat("talks would go on ", 400), false},
		{"commas", strings.Repeat("officials in Lima said talks would go on, ", 200), true},
		{"one real sentence", "Officials said talks would go on. " + strings.Repeat("x ", 10), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := Analyze(tt.text, nil)
			n := 0
			for i, s := range d.Sentences {
				n += len(s.Tokens)
				if len(s.Tokens) > MaxSentenceTokens {
					t.Fatalf("sentence %d has %d tokens", i, len(s.Tokens))
				}
				if len(s.Tokens) >= MaxSentenceTokens/2 && i < len(d.Sentences)-1 {
					if last := s.Tokens[len(s.Tokens)-1].Text; tt.wantComma && last != "," {
						t.Errorf("sentence %d ends with %q, want a comma", i, last)
					}
				}
			}
			if want := len(tokenTexts(tt.text)); n != want {
				t.Errorf("%d tokens in sentences, want %d", n, want)
			}
		})
	}
}
