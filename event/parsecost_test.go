package event

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/parse"
)

var parseCost = flag.String("parsecost", "", "directory of texts: count the sentences the parse option would parse and time parsing them")

// TestParseCost counts, on a directory of texts (README.md uses the PolNeAR train texts),
// the sentences wantsParse selects and the time the parser takes on them alone.
func TestParseCost(t *testing.T) {
	if *parseCost == "" {
		t.Skip("needs -parsecost DIR")
	}
	files, err := filepath.Glob(filepath.Join(*parseCost, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatal("no texts in", *parseCost, err)
	}
	c := Default()
	rec := entity.New(ner.Default(), dict.Default())
	sc := &scratch{seen: make([]uint32, len(c.words)), synSeen: make([]uint32, len(c.synsets))}
	var ps parse.Scratch
	p := parse.Default()
	sents, withVerb, picked, toks := 0, 0, 0, 0
	var spent time.Duration
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := nlp.Analyze(string(b), nil)
		ents := rec.Recognize(doc)
		sc.text, sc.doc = doc.Text, doc
		for si := range doc.Sentences {
			s := &doc.Sentences[si]
			sents++
			if len(s.Tokens) == 0 || len(s.Tokens) > 400 {
				continue
			}
			c.prepare(sc, s)
			if !sc.anyVerb {
				continue
			}
			sc.actors = c.findActors(sc, s, si, ents)
			c.coordinate(sc)
			sc.occ = c.findVerbs(sc.occ[:0], sc, s)
			for oi := range sc.occ {
				c.analyse(sc, s, oi)
			}
			if len(sc.occ) > 0 {
				withVerb++
			}
			if !wantsParse(sc) {
				continue
			}
			picked++
			toks += len(s.Tokens)
			t0 := time.Now()
			p.Parse(&ps, s.Tokens)
			spent += time.Since(t0)
		}
	}
	t.Logf("%d texts, %d sentences, %d with a dictionary verb, %d parsed (%d tokens), parsing %v (%.2f us/token)",
		len(files), sents, withVerb, picked, toks, spent.Round(time.Millisecond), float64(spent.Microseconds())/float64(toks))
}
