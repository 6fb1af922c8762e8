package attrib

import (
	"math/rand"
	"strings"
	"testing"
)

// refScores sums every feature's row one by one, as training does: the scores the
// precomputed rows of Tag (cache.go) must reproduce exactly.
func refScores(t *Tagger, toks []Tok) []int32 {
	ts := make([]tokInfo, len(toks))
	prepare(toks, ts)
	st := make([]int32, len(toks)*NTags)
	var fs [maxFeat]uint64
	for i := range toks {
		m := features(ts, i, &fs)
		for _, k := range fs[:m] {
			if w := t.lookup(k); w != nil {
				for c := 0; c < NTags; c++ {
					st[i*NTags+c] += int32(w[c])
				}
			}
		}
	}
	return st
}

// randomSentence draws tokens from words (more than the word cache holds, so that entries
// are evicted), with the odd long or empty word, case variants and arbitrary flags and
// entity classes, including values the caller never makes.
func randomSentence(rng *rand.Rand, words []string) []Tok {
	n := 1 + rng.Intn(60)
	toks := make([]Tok, n)
	for i := range toks {
		w := words[rng.Intn(len(words))]
		switch rng.Intn(40) {
		case 0:
			w = strings.Repeat(w, 8) // longer than cacheKeyMax
		case 1:
			w = ""
		}
		raw := w
		switch rng.Intn(4) {
		case 0:
			raw = strings.ToUpper(w)
		case 1:
			if w != "" {
				raw = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		tk := Tok{Lower: w, Raw: raw, Ent: uint8(rng.Intn(5)), EntB: rng.Intn(3) == 0, Flags: uint8(rng.Intn(64))}
		if rng.Intn(50) == 0 {
			tk.Ent = uint8(rng.Intn(256))
		}
		if rng.Intn(100) == 0 {
			tk.Flags = uint8(rng.Intn(256))
		}
		if tk.Flags&FCue != 0 {
			tk.Cue = Hash(words[rng.Intn(min(20, len(words)))])
		}
		toks[i] = tk
	}
	return toks
}

func TestScoresMatchFeatures(t *testing.T) {
	tg := Default()
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields(`the a said that told , : " ' whether to of in on and but senator
		president campaign trump clinton minister party officials according statement
		would could not never ( ) - . percent 2016 ny u.s. obama's “ ” — …`)
	for i := 0; len(words) < 3*cacheSize; i++ {
		var b strings.Builder
		for j := 0; j < 2+rng.Intn(10); j++ {
			b.WriteByte(byte('a' + rng.Intn(26)))
		}
		words = append(words, b.String())
	}
	s := &scratch{}
	for it := 0; it < 3000; it++ {
		toks := randomSentence(rng, words)
		if it%2 == 0 {
			toks = randomSentence(rng, words[:40]) // mostly cache hits
		}
		n := len(toks)
		s.ts = grow(s.ts, n)
		s.st = grow(s.st, n*NTags)
		got := tg.scores(toks, s)
		want := refScores(tg, toks)
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("sentence %d (%q...), token %d: scores %v, want %v", it, toks[0].Raw, k/NTags,
					got[k/NTags*NTags:(k/NTags+1)*NTags], want[k/NTags*NTags:(k/NTags+1)*NTags])
			}
		}
	}
}

// TestTagConcurrent tags from several goroutines at once, as the pipeline does with one
// Tagger: each call has its own scratch and word cache (go test -race checks the rest).
func TestTagConcurrent(t *testing.T) {
	tg := Default()
	words := strings.Fields("the senator said that taxes would rise , : whether to farmers \" officials")
	var sents [][]Tok
	var want [][]int
	rng := rand.New(rand.NewSource(4))
	for i := 0; i < 200; i++ {
		toks := randomSentence(rng, words)
		st := refScores(tg, toks)
		tags := make([]int, len(toks))
		viterbi(len(toks), st, &tg.trans, make([]int8, len(st)), tags)
		sents, want = append(sents, toks), append(want, tags)
	}
	done := make(chan string)
	for g := 0; g < 4; g++ {
		go func() {
			out := make([]int, 64)
			for rep := 0; rep < 5; rep++ {
				for i, toks := range sents {
					tg.Tag(toks, out)
					for k, w := range want[i] {
						if out[k] != w {
							done <- "tags differ from the reference"
							return
						}
					}
				}
			}
			done <- ""
		}()
	}
	for g := 0; g < 4; g++ {
		if msg := <-done; msg != "" {
			t.Fatal(msg)
		}
	}
}
