// Package synth holds what the near-duplicate benchmarks bench/dedup and
// bench/dedupcompare share to make their synthetic corpora with known clusters: the
// made-up vocabulary and the order in which stories and their variants arrive. Each
// benchmark keeps its own story and variant generators; they differ on purpose, and the
// results published from each (dedup/doc.go, README.md, bench/dedupcompare/README.md) were
// measured on exactly the corpus it makes, so a change here changes those corpora.
package synth

import (
	"iter"
	"math/rand/v2"
	"strings"
)

// Vocab returns 30,000 distinct made-up words of one to four syllables, drawn from r.
func Vocab(r *rand.Rand) []string {
	syl := []string{"ka", "lo", "mi", "ter", "an", "os", "ru", "ve", "ni", "pa", "se", "dor", "li", "qu", "ba", "tem", "ro", "fi", "gu", "nel"}
	var vocab []string
	seen := map[string]bool{}
	for len(vocab) < 30000 {
		var b strings.Builder
		for n := 1 + r.IntN(4); n > 0; n-- {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	return vocab
}

// Stream yields the n articles of a stream in arrival order, each as its story (numbered
// from 0) and variant: 0 for the story's original, else a random number from 1 to 2^63
// that seeds the variant. Originals come in story order; a quarter of the stories get 1-3
// variants, each at a random later position. The stream is the same every time.
func Stream(n int) iter.Seq2[int, uint64] {
	return func(yield func(story int, variant uint64) bool) {
		type slot struct {
			story   int
			variant uint64
		}
		r := rand.New(rand.NewPCG(42, 42))
		var pending []slot
		story := 0
		for range n {
			if len(pending) > 0 && r.IntN(2) == 0 {
				i := r.IntN(len(pending))
				s := pending[i]
				pending[i] = pending[len(pending)-1]
				pending = pending[:len(pending)-1]
				if !yield(s.story, s.variant) {
					return
				}
				continue
			}
			if !yield(story, 0) {
				return
			}
			if r.IntN(4) == 0 {
				for v := 1 + r.IntN(3); v > 0; v-- {
					pending = append(pending, slot{story, r.Uint64()>>1 + 1})
				}
			}
			story++
		}
	}
}
