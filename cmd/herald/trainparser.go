package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/heraldnews/herald/parse"
)

func init() {
	register("train-parser", "train the tagger and dependency parser (parse) on UD English EWT", runTrainParser)
}

// runTrainParser trains package parse's models; the output replaces parse/model/parse.bin,
// which the binary embeds. The same inputs give the same file byte for byte.
func runTrainParser(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train-parser", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ud := fs.String("ud", "../shared/data/ud", "folder with en_ewt-train.conllu and en_ewt-dev.conllu")
	conll := fs.String("conll", "", "CoNLL-2003 file whose POS column also trains the tagger (optional)")
	posDev := fs.String("pos-dev", "", "CoNLL-2003 file to score the tagger on (optional; never trained on)")
	tagIter := fs.Int("tag-iter", 0, "tagger passes (0: default)")
	arcIter := fs.Int("arc-iter", 0, "parser passes (0: default)")
	labelIter := fs.Int("label-iter", 0, "labeller passes (0: default)")
	folds := fs.Int("folds", 0, "jackknife folds for the parser's training tags (0: default 4, 1: none)")
	prune := fs.Int("prune", 0, "drop quantised weights of at most this magnitude")
	out := fs.String("out", "", "write the model here")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "train-parser:", err)
		return 1
	}
	train, dev, err := readEWT(*ud, stdout)
	if err != nil {
		return fail(err)
	}
	opt := parse.TrainOptions{TagIter: *tagIter, ArcIter: *arcIter, LabelIter: *labelIter, Folds: *folds, Prune: int16(*prune), Log: stdout}
	if *conll != "" {
		if opt.POS, err = readPOSColumn(*conll); err != nil {
			return fail(err)
		}
	}
	start := time.Now()
	p, st, err := parse.Train(train, opt)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "trained in %s; %d non-projective training sentences skipped by the parser\n", time.Since(start).Round(time.Second), st.NonProjective)
	fmt.Fprintf(stdout, "EWT dev: %s\n", parse.Evaluate(p, dev).Report())
	if *posDev != "" {
		pd, err := readPOSColumn(*posDev)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "CoNLL-2003 dev: %s\n", parse.Evaluate(p, pd).Report())
	}
	if *out != "" {
		if err := saveModel(*out, p.Save); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "wrote %s\n", *out)
	}
	return 0
}
