package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/ner"
)

func init() {
	register("train-ner", "train the named-entity tagger on CoNLL-2003 files", runTrainNER)
}

// runTrainNER trains ner's averaged perceptron; the output replaces ner/model/ner.bin,
// which the binary embeds.
func runTrainNER(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train-ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	train := fs.String("train", "", "training file, CoNLL format (token POS chunk NER)")
	dev := fs.String("dev", "", "development file scored after every pass (optional)")
	iter := fs.Int("iter", 10, "passes over the training data")
	minCount := fs.Int("min-count", 2, "drop features seen fewer times in training")
	prune := fs.Int("prune", 0, "drop weight rows whose largest quantised weight is at most this")
	augment := fs.Float64("augment", 0, "fraction of sentences also trained in capitals")
	viterbi := fs.Bool("viterbi", false, "decode with Viterbi over tag bigrams instead of greedily")
	best := fs.Bool("best", false, "keep the pass with the best dev PER/LOC/ORG F1")
	out := fs.String("out", "", "write the model here (uncompressed; ner.Load also reads gzipped models)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *train == "" {
		fmt.Fprintln(stderr, "train-ner: -train is required")
		fs.Usage()
		return 2
	}
	read := func(path string) ([]ner.Sentence, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ner.ReadCoNLL(f)
	}
	sents, err := read(*train)
	if err != nil {
		fmt.Fprintln(stderr, "train-ner:", err)
		return 1
	}
	opt := ner.TrainOptions{Iter: *iter, MinCount: *minCount, Prune: int32(*prune), Augment: *augment, Viterbi: *viterbi, Best: *best, Log: stdout}
	if *dev != "" {
		if opt.Dev, err = read(*dev); err != nil {
			fmt.Fprintln(stderr, "train-ner:", err)
			return 1
		}
	}
	t, err := ner.Train(sents, opt)
	if err != nil {
		fmt.Fprintln(stderr, "train-ner:", err)
		return 1
	}
	if opt.Dev != nil {
		fmt.Fprint(stdout, ner.Evaluate(t, opt.Dev).Report())
		// Headlines arrive in capitals or Title Case; show how the model holds up on them.
		for _, c := range []struct {
			name string
			f    func(string) string
		}{{"capitals", strings.ToUpper}, {"Title Case", titleCase}} {
			var cased []ner.Sentence
			for _, s := range opt.Dev {
				w := make([]string, len(s.Words))
				for i, x := range s.Words {
					w[i] = c.f(x)
				}
				cased = append(cased, ner.Sentence{Words: w, Tags: s.Tags})
			}
			fmt.Fprintf(stdout, "dev in %s: PER/LOC/ORG F1 %.4f\n", c.name, ner.Evaluate(t, cased).F1Main())
		}
	}
	if *out != "" {
		if err := saveModel(*out, t.Save); err != nil {
			fmt.Fprintln(stderr, "train-ner:", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s (%d weight rows)\n", *out, t.Features())
	}
	return 0
}

// titleCase upper-cases the first letter of a word, as headline writers do.
func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}
