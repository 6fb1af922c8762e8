package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/quote/attrib"
)

func TestParseBrat(t *testing.T) {
	ann := "T1\tSource 0 4\tBerg\nT2\tCue 5 9\tsaid\nT3\tContent 10 20;25 30\tx\nE1\tAttribution:T4 Content:T3\nT9\tContent 8 2\tbad\nT5\tCue x y\tbad\n"
	got := parseBrat(ann)
	if len(got) != 3 {
		t.Fatalf("got %d spans: %+v", len(got), got)
	}
	if got[2].typ != "Content" || len(got[2].rng) != 2 || got[2].rng[1] != [2]int{25, 30} {
		t.Errorf("discontinuous content: %+v", got[2])
	}
}

func FuzzParseBrat(f *testing.F) {
	f.Add("T1\tContent 10 20;25 30\tx\n")
	f.Add("T1\tCue 5\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, sp := range parseBrat(s) {
			for _, r := range sp.rng {
				if r[0] < 0 || r[1] < r[0] {
					t.Fatalf("bad range %v", r)
				}
			}
		}
	})
}

// quoteTrainingDoc labels the tokens under the gold spans, with code-point offsets.
func TestQuoteTrainingDoc(t *testing.T) {
	raw := "Café owner Lena Ortiz grumbled that the rent had doubled.\n"
	ann := bratAnn(raw, "Source", "Café owner Lena Ortiz", "Cue", "grumbled", "Content", "the rent had doubled")
	seqs, ok := quoteTrainingDoc(raw, ann, entity.New(ner.Default(), dict.Default()))
	if !ok || len(seqs) != 1 {
		t.Fatalf("ok %v, %d sentences", ok, len(seqs))
	}
	var got []string
	for i, tk := range seqs[0].Toks {
		got = append(got, tk.Raw+"/"+attrib.TagNames[seqs[0].Gold[i]])
	}
	want := "Café/B-SRC owner/I-SRC Lena/I-SRC Ortiz/I-SRC grumbled/B-CUE that/O the/B-CON rent/I-CON had/I-CON doubled/I-CON ./O"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

func TestEndLabels(t *testing.T) {
	raw := "The ministry denied that the convoy had crossed the border, and local officials warned that fighting could resume.\n"
	ann := bratAnn(raw, "Source", "The ministry", "Cue", "denied", "Content", "that the convoy had crossed the border")
	cases, labels, ok := endLabels(raw, ann, entity.New(ner.Default(), dict.Default()))
	if !ok || len(cases) == 0 {
		t.Fatalf("ok %v, %d cases", ok, len(cases))
	}
	c, l := cases[0], labels[0]
	if l < 0 {
		t.Fatalf("no candidate labelled; ends %v", c.Ends)
	}
	if got, want := raw[c.Start:c.Ends[l]], "that the convoy had crossed the border"; got != want {
		t.Errorf("labelled end gives %q, want %q", got, want)
	}
	if l == c.Rule {
		t.Errorf("the rules' end is the gold one; the case does not test the ranker's labels")
	}
}

// bratAnn writes brat T lines for (type, text) pairs, each text's first occurrence in raw,
// with code-point offsets as PolNeAR has them.
func bratAnn(raw string, typeText ...string) string {
	var b strings.Builder
	for k := 0; k+1 < len(typeText); k += 2 {
		s := typeText[k+1]
		i := strings.Index(raw, s)
		a := len([]rune(raw[:i]))
		fmt.Fprintf(&b, "T%d\t%s %d %d\t%s\n", k/2+1, typeText[k], a, a+len([]rune(s)), s)
	}
	return b.String()
}
