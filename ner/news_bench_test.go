package ner

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heraldnews/herald/nlp"
)

// newsSentences returns the sentences of the PolNeAR training texts as nlp tokenizes them,
// or skips tb when ../shared is absent.
func newsSentences(tb testing.TB) (sents [][]string, ntok int) {
	files, _ := filepath.Glob("../../shared/eval/quotes/polnear/train/text/*")
	if len(files) == 0 {
		tb.Skip("skipping: PolNeAR texts not found at ../shared/eval/quotes/polnear/train/text")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, se := range nlp.Analyze(string(b), nil).Sentences {
			words := make([]string, len(se.Tokens))
			for i, tk := range se.Tokens {
				words[i] = tk.Text
			}
			sents = append(sents, words)
			ntok += len(words)
		}
	}
	return sents, ntok
}

// BenchmarkTagNews tags the 840 PolNeAR texts once per iteration from an empty word cache,
// as one `herald extract` run over them does.
func BenchmarkTagNews(b *testing.B) {
	tg := Default()
	sents, ntok := newsSentences(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := &scratch{}
		for _, w := range sents {
			tg.tagIDs(w, s)
		}
	}
	b.ReportMetric(float64(ntok*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
