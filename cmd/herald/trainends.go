package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote"
	"github.com/heraldnews/herald/quote/attrib"
)

func init() {
	register("train-ends", "train the content-end ranker of reported speech (package quote) on a PolNeAR split", runTrainEnds)
}

// trimEnd returns hi moved left past spaces, closing marks and punctuation: gold contents
// and candidates differ in whether they keep a trailing comma or quote mark, which the
// scorer ignores.
func trimEnd(text string, lo, hi int) int {
	return lo + len(strings.TrimRight(text[lo:hi], " \t\n,.;:\"'”’“)—–-"))
}

// endLabels runs the rules on one article and labels each content-end choice with the
// candidate that ends where a gold content starting at the same place ends (-1: none).
func endLabels(raw, ann string, rec *entity.Recognizer) (cases []quote.EndCase, labels []int, ok bool) {
	text, paras, ps, ok := placeGold(raw, ann)
	if !ok {
		return nil, nil, false
	}
	type span struct{ id, lo, hi int }
	var golds []span // in brat order, so that labels do not depend on map order
	for _, p := range ps {
		if p.tag != attrib.BCon {
			continue
		}
		if n := len(golds); n > 0 && golds[n-1].id == p.span {
			golds[n-1].lo, golds[n-1].hi = min(golds[n-1].lo, p.lo), max(golds[n-1].hi, p.hi)
		} else {
			golds = append(golds, span{p.span, p.lo, p.hi})
		}
	}
	np := make([]nlp.Span, len(paras))
	for i, s := range paras {
		np[i] = nlp.Span{Start: s.Start, End: s.End}
	}
	nd := nlp.Analyze(text, np)
	ents := rec.Recognize(nd)
	quote.EndCases(nd, ents, func(c quote.EndCase) {
		label := -1
		for _, g := range golds {
			if abs(g.lo-c.Start) > 1 && abs(g.lo-c.StartNext) > 1 {
				continue
			}
			ge := trimEnd(text, g.lo, g.hi)
			for j, e := range c.Ends {
				if label < 0 && trimEnd(text, c.Start, e) == ge {
					label = j
				}
			}
		}
		cases = append(cases, c)
		labels = append(labels, label)
	})
	return cases, labels, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// runTrainEnds trains the content-end ranker; the output replaces quote/data/ends.bin.gz,
// which the binary embeds.
func runTrainEnds(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train-ends", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("polnear", "../shared/eval/quotes/polnear/train", "PolNeAR split with text/ and attributions/")
	iter := fs.Int("iter", 10, "passes over the training data")
	holdout := fs.Int("holdout", 0, "hold out every Nth article (sorted by name) and score the choices on it; 0 trains on all")
	fold := fs.Int("fold", 0, "with -holdout N, hold out the articles whose index mod N is this (for cross-validation)")
	holdList := fs.String("holdout-list", "", "write the held-out article names here")
	out := fs.String("out", "", "write the model here (gzip)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *fold != 0 && (*fold < 0 || *fold >= *holdout) {
		fmt.Fprintln(stderr, "train-ends: -fold needs -holdout N and 0 <= fold < N")
		return 2
	}
	pdocs, skipped, err := polnearDocs(*dir)
	if err != nil {
		fmt.Fprintln(stderr, "train-ends:", err)
		return 1
	}
	rec := entity.New(ner.Default(), dict.Default())
	var (
		train, held   []quote.EndCase
		trainL, heldL []int
		heldNames     []string
		docs          int
	)
	for _, d := range pdocs {
		cs, ls, ok := endLabels(d.raw, d.ann, rec)
		if !ok {
			skipped++
			continue
		}
		if *holdout > 0 && docs%*holdout == *fold {
			held, heldL = append(held, cs...), append(heldL, ls...)
			heldNames = append(heldNames, d.name)
		} else {
			train, trainL = append(train, cs...), append(trainL, ls...)
		}
		docs++
	}
	labelled := 0
	for _, l := range trainL {
		if l >= 0 {
			labelled++
		}
	}
	fmt.Fprintf(stdout, "%d articles (%d skipped), %d choices (%d with a gold end among the candidates), %d held out\n",
		docs, skipped, len(train), labelled, len(held))
	if *holdList != "" {
		if err := os.WriteFile(*holdList, []byte(strings.Join(heldNames, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(stderr, "train-ends:", err)
			return 1
		}
	}
	m := quote.TrainEnds(train, trainL, *iter)
	score := func(name string, cs []quote.EndCase, ls []int) {
		n, rule, model := 0, 0, 0
		for i, c := range cs {
			if ls[i] < 0 {
				continue
			}
			n++
			if c.Rule == ls[i] {
				rule++
			}
			if m.Best(c) == ls[i] {
				model++
			}
		}
		if n > 0 {
			fmt.Fprintf(stdout, "%s: %d choices with a gold end: rules right %d (%.3f), model right %d (%.3f)\n",
				name, n, rule, float64(rule)/float64(n), model, float64(model)/float64(n))
		}
	}
	score("train", train, trainL)
	score("held out", held, heldL)
	if *out != "" {
		if err := saveModel(*out, func(w io.Writer) error { return quote.SaveEnds(m, w) }); err != nil {
			fmt.Fprintln(stderr, "train-ends:", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s (%d weights)\n", *out, m.Weights())
	}
	return 0
}
