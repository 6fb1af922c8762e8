package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/heraldnews/herald/parse"
)

func init() {
	register("train-nominal", "train the noun-or-adjective classifier (parse.NominalModel) on UD English EWT and CoNLL-2003 POS", runTrainNominal)
}

// runTrainNominal trains parse's noun-or-adjective classifier; the output replaces
// parse/model/nominal.bin, which the binary embeds. The same inputs give the same file
// byte for byte.
func runTrainNominal(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train-nominal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ud := fs.String("ud", "../shared/data/ud", "folder with en_ewt-train.conllu and en_ewt-dev.conllu")
	conll := fs.String("conll", "", "CoNLL-2003 file whose POS column also trains the model (optional)")
	posDev := fs.String("pos-dev", "", "CoNLL-2003 file to score the model on (optional; never trained on)")
	bits := fs.Int("bits", 0, "log2 of the weight table size (0: default 15, 64 KB)")
	iter := fs.Int("iter", 0, "passes (0: default 8)")
	compare := fs.Bool("compare", false, "also score the full tagger (parse.Default) as a noun-or-adjective classifier")
	out := fs.String("out", "", "write the model here")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "train-nominal:", err)
		return 1
	}
	train, dev, err := readEWT(*ud, nil)
	if err != nil {
		return fail(err)
	}
	if *conll != "" {
		pos, err := readPOSColumn(*conll)
		if err != nil {
			return fail(err)
		}
		train = append(train, pos...)
	}
	devs := []struct {
		name  string
		sents []parse.Sentence
	}{{"EWT dev", dev}}
	if *posDev != "" {
		pd, err := readPOSColumn(*posDev)
		if err != nil {
			return fail(err)
		}
		devs = append(devs, struct {
			name  string
			sents []parse.Sentence
		}{"CoNLL-2003 dev", pd})
	}
	start := time.Now()
	m := parse.TrainNominal(train, parse.NominalOptions{Bits: *bits, Iter: *iter, Log: stdout})
	fmt.Fprintf(stdout, "trained in %s\n", time.Since(start).Round(time.Millisecond))
	for _, d := range devs {
		fmt.Fprintf(stdout, "%s: %s\n", d.name, parse.EvaluateNominal(m, d.sents).Report())
		if *compare {
			fmt.Fprintf(stdout, "%s, full tagger: %s\n", d.name, parse.EvaluateTaggerNominal(parse.Default(), d.sents).Report())
		}
	}
	if *out != "" {
		if err := saveModel(*out, m.Save); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "wrote %s\n", *out)
	}
	return 0
}
