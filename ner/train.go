package ner

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/weights"
)

// Sentence is one tokenised sentence with its gold IOB2 tags.
type Sentence struct {
	Words []string
	Tags  []string
}

// ReadCoNLL reads CoNLL-2003 files: one "token POS chunk NER" line per token (the first and
// last columns are used), a blank line between sentences, -DOCSTART- lines between documents.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flush()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			continue
		}
		tag := f[len(f)-1]
		if len(f) < 2 {
			tag = "O"
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, tag)
	}
	flush()
	return out, sc.Err()
}

// TrainOptions tunes Train. Zero values pick the defaults noted.
type TrainOptions struct {
	Iter     int        // passes over the data (default 10)
	MinCount int        // static features seen fewer times are dropped (default 2)
	Prune    int32      // rows whose largest quantised weight is at most this are dropped (default 0)
	Seed     uint64     // shuffle seed
	Dev      []Sentence // if set, scored after every pass
	Log      io.Writer  // progress and dev scores; nil for silence
	Best     bool       // keep the pass with the best dev PER/LOC/ORG F1 instead of the last
	Viterbi  bool       // decode with Viterbi over tag bigrams instead of greedily
	Augment  float64    // fraction of sentences also trained in upper case (headline robustness)
}

// Train learns an averaged perceptron on sentences with greedy left-to-right decoding.
func Train(sents []Sentence, opt TrainOptions) (*Tagger, error) {
	if opt.Iter <= 0 {
		opt.Iter = 10
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, a...)
		}
	}
	gaz, err := embeddedGazetteer()
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	if opt.Augment > 0 {
		// Headlines in capitals or Title Case are common in news feeds and rare in CoNLL:
		// train on recased copies of some sentences so case alone does not decide a name.
		n := len(sents)
		for i := 0; i < n; i++ {
			for _, upper := range []bool{true, false} {
				if rng.Float64() >= opt.Augment {
					continue
				}
				c := Sentence{Words: make([]string, len(sents[i].Words)), Tags: sents[i].Tags}
				for j, w := range sents[i].Words {
					if upper {
						c.Words[j] = strings.ToUpper(w)
					} else {
						c.Words[j] = headlineCase(w, j == 0)
					}
				}
				sents = append(sents, c)
			}
		}
	}

	// Static features do not change between passes: extract them once.
	type tok struct {
		lo, hi int32 // range in feats
		gold   int
		ti     tokInfo
	}
	var (
		keys  []uint64
		toks  []tok
		sOff  []int32 // sentence i is toks[sOff[i]:sOff[i+1]]
		s     scratch
		fbuf  [maxStatic]uint64
		count = map[uint64]int32{}
		vocab = map[uint32]bool{}    // fingerprints of the lower-cased training words
		pairs = map[[2]uint64]bool{} // adjacent lower-cased words, with the sentence bounds
	)
	sOff = append(sOff, 0)
	for _, st := range sents {
		sf := s.prepare(st.Words, gaz)
		for i := range s.ts {
			n := staticFeatures(s.ts, i, sf, &fbuf)
			lo := int32(len(keys))
			keys = append(keys, fbuf[:n]...)
			for _, k := range fbuf[:n] {
				count[k]++
			}
			toks = append(toks, tok{lo: lo, hi: int32(len(keys)), gold: tagIndex(st.Tags[i]), ti: s.ts[i]})
			vocab[vocabFingerprint(s.ts[i].lower)] = true
			prev := hashBOS
			if i > 0 {
				prev = s.ts[i-1].lower
			}
			pairs[[2]uint64{prev, s.ts[i].lower}] = true
		}
		if n := len(s.ts); n > 0 {
			pairs[[2]uint64{s.ts[n-1].lower, hashEOS}] = true
		}
		sOff = append(sOff, int32(len(toks)))
	}
	vocabList := make([]uint32, 0, len(vocab))
	for fp := range vocab {
		vocabList = append(vocabList, fp)
	}
	slices.Sort(vocabList) // the saved model is the same from run to run
	index := map[uint64]int32{}
	var rowKeys []uint64
	rowOf := func(k uint64, create bool) int32 {
		if r, ok := index[k]; ok {
			return r
		}
		if !create {
			return -1
		}
		r := int32(len(rowKeys))
		index[k] = r
		rowKeys = append(rowKeys, k)
		return r
	}
	feats := make([]int32, len(keys))
	for i, k := range keys {
		if count[k] >= int32(opt.MinCount) {
			feats[i] = rowOf(k, true)
		} else {
			feats[i] = -1
		}
	}
	keys, count = nil, nil
	logf("train: %d sentences, %d tokens, %d static features kept\n", len(sents), len(toks), len(rowKeys))

	var w, acc []float64
	grow := func() {
		for len(w) < len(rowKeys)*nTags {
			w = append(w, 0)
			acc = append(acc, 0)
		}
	}
	grow()
	c := 1.0 // update clock for averaging
	update := func(r int32, tag int, v float64) {
		i := int(r)*nTags + tag
		w[i] += v
		acc[i] += c * v
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var best *Tagger
	bestF := -1.0
	var (
		vs, vt []float64
		vrows  [][maxDyn1]int32
		vback  []int8
		vpred  []int
	)
	for it := 1; it <= opt.Iter; it++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, si := range order {
			ts := toks[sOff[si]:sOff[si+1]]
			if opt.Viterbi {
				n := len(ts)
				if cap(vs) < n*nTags {
					vs = make([]float64, 2*n*nTags)
					vt = make([]float64, 2*n*nPrev*nTags)
					vrows = make([][maxDyn1]int32, 2*n*nPrev)
					vback = make([]int8, 2*n*nTags)
					vpred = make([]int, 2*n)
				}
				st, tr := vs[:n*nTags], vt[:n*nPrev*nTags]
				clear(st)
				clear(tr)
				var d [maxDyn1]uint64
				for i := range ts {
					sc := st[i*nTags : (i+1)*nTags]
					for _, r := range feats[ts[i].lo:ts[i].hi] {
						if r >= 0 {
							row := w[int(r)*nTags : int(r)*nTags+nTags]
							for j := range sc {
								sc[j] += row[j]
							}
						}
					}
					for p := 0; p < nPrev; p++ {
						if (i == 0) != (p == tagBOS) {
							continue
						}
						dyn1Features(&ts[i].ti, p, &d)
						sc := tr[(i*nPrev+p)*nTags : (i*nPrev+p+1)*nTags]
						for k, key := range d {
							r := rowOf(key, false)
							vrows[i*nPrev+p][k] = r
							if r >= 0 {
								row := w[int(r)*nTags : int(r)*nTags+nTags]
								for j := range sc {
									sc[j] += row[j]
								}
							}
						}
					}
				}
				pred := vpred[:n]
				viterbiFloat(n, st, tr, vback, pred)
				gp, qp := tagBOS, tagBOS
				for i := range ts {
					g, q := ts[i].gold, pred[i]
					total++
					if g != q {
						errs++
						for _, r := range feats[ts[i].lo:ts[i].hi] {
							if r >= 0 {
								update(r, g, 1)
								update(r, q, -1)
							}
						}
					}
					if g != q || gp != qp {
						for _, hist := range [2]struct {
							p, t int
							v    float64
						}{{gp, g, 1}, {qp, q, -1}} {
							dyn1Features(&ts[i].ti, hist.p, &d)
							for k, key := range d {
								r := vrows[i*nPrev+hist.p][k]
								if r < 0 {
									r = rowOf(key, true)
									grow()
								}
								update(r, hist.t, hist.v)
							}
						}
					}
					gp, qp = g, q
				}
				c++
				continue
			}
			prev, prev2 := tagBOS, tagBOS
			var dyn [maxDyn]uint64
			var drow [maxDyn]int32
			for i := range ts {
				var sc [nTags]float64
				for _, r := range feats[ts[i].lo:ts[i].hi] {
					if r < 0 {
						continue
					}
					row := w[int(r)*nTags : int(r)*nTags+nTags]
					for j := range sc {
						sc[j] += row[j]
					}
				}
				dynFeatures(&ts[i].ti, prev, prev2, &dyn)
				for d, k := range dyn {
					drow[d] = rowOf(k, false)
					if r := drow[d]; r >= 0 {
						row := w[int(r)*nTags : int(r)*nTags+nTags]
						for j := range sc {
							sc[j] += row[j]
						}
					}
				}
				pred := 0
				for j := 1; j < nTags; j++ {
					if sc[j] > sc[pred] {
						pred = j
					}
				}
				gold := ts[i].gold
				total++
				if pred != gold {
					errs++
					for _, r := range feats[ts[i].lo:ts[i].hi] {
						if r >= 0 {
							update(r, gold, 1)
							update(r, pred, -1)
						}
					}
					for d, k := range dyn {
						r := drow[d]
						if r < 0 {
							r = rowOf(k, true)
							grow()
						}
						update(r, gold, 1)
						update(r, pred, -1)
					}
				}
				c++
				prev2, prev = prev, pred
			}
		}
		tg := finalize(rowKeys, w, acc, c, opt.Prune, gaz)
		tg.vocab = newFilter(vocabList)
		tg.pairs = newFilter(keptPairs(tg, pairs))
		tg.viterbi = opt.Viterbi
		logf("iter %d: train token error %.4f, %d rows, %s", it, float64(errs)/float64(total), tg.Features(), time.Since(start).Round(time.Millisecond))
		if opt.Dev != nil {
			sc := Evaluate(tg, opt.Dev)
			f := sc.F1Main()
			logf("  dev %s", sc.Short())
			if f > bestF {
				bestF, best = f, tg
			}
		}
		logf("\n")
		if !opt.Best || opt.Dev == nil {
			best = tg
		}
	}
	return best, nil
}

// keptPairs returns the sorted fingerprints of the training word pairs that kept weights
// for a word-pair feature in t: the only pairs whose lookups can find anything.
func keptPairs(t *Tagger, pairs map[[2]uint64]bool) []uint32 {
	var fps []uint32
	for p := range pairs {
		if t.lookup(weights.Key2(tBiM1, p[0], p[1])) != nil || t.lookup(weights.Key2(tBiP1, p[0], p[1])) != nil {
			fps = append(fps, pairFingerprint(p[0], p[1]))
		}
	}
	slices.Sort(fps)
	return slices.Compact(fps)
}

// smallWords stay lower case inside Title Case headlines.
var smallWords = map[string]bool{"a": true, "an": true, "and": true, "as": true, "at": true, "but": true,
	"by": true, "for": true, "in": true, "of": true, "on": true, "or": true, "the": true, "to": true}

func headlineCase(w string, first bool) string {
	if w == "" || (!first && smallWords[w]) {
		return w
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// finalize averages the weights, quantises them to int16 and drops rows that are all but zero.
func finalize(rowKeys []uint64, w, acc []float64, c float64, prune int32, gaz *gazetteer) *Tagger {
	avg := make([]float64, len(w))
	maxAbs := 0.0
	for i := range w {
		avg[i] = w[i] - acc[i]/c
		maxAbs = math.Max(maxAbs, math.Abs(avg[i]))
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = 32000 / maxAbs
	}
	var keys []uint64
	var q []int16
	for r, k := range rowKeys {
		var rowq [nTags]int16
		var m int32
		for j := 0; j < nTags; j++ {
			v := int32(math.Round(avg[r*nTags+j] * scale))
			rowq[j] = int16(v)
			m = max(m, v, -v)
		}
		if m <= prune {
			continue
		}
		keys = append(keys, k)
		q = append(q, rowq[:]...)
	}
	return newTagger(keys, q, gaz)
}

// Scores holds conlleval-style exact-span counts per entity type.
type Scores struct {
	Gold, Pred, Correct map[string]int
}

// PRF returns precision, recall and F1 over the given types (all types if none).
func (s Scores) PRF(types ...string) (p, r, f float64) {
	if len(types) == 0 {
		types = []string{"PER", "LOC", "ORG", "MISC"}
	}
	var g, pr, c int
	for _, t := range types {
		g += s.Gold[t]
		pr += s.Pred[t]
		c += s.Correct[t]
	}
	if pr > 0 {
		p = float64(c) / float64(pr)
	}
	if g > 0 {
		r = float64(c) / float64(g)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// F1Main is the exact-span F1 over PER, LOC and ORG, the figure Herald is judged by.
func (s Scores) F1Main() float64 {
	_, _, f := s.PRF("PER", "LOC", "ORG")
	return f
}

// Short formats the per-type F1 on one line.
func (s Scores) Short() string {
	var b strings.Builder
	for _, t := range []string{"PER", "LOC", "ORG", "MISC"} {
		_, _, f := s.PRF(t)
		fmt.Fprintf(&b, "%s %.4f  ", t, f)
	}
	fmt.Fprintf(&b, "PER/LOC/ORG %.4f  all %.4f", s.F1Main(), func() float64 { _, _, f := s.PRF(); return f }())
	return b.String()
}

// Report formats precision, recall and F1 per type, one line each.
func (s Scores) Report() string {
	var b strings.Builder
	rows := [][]string{{"PER"}, {"LOC"}, {"ORG"}, {"MISC"}, {"PER", "LOC", "ORG"}, {"PER", "LOC", "ORG", "MISC"}}
	for _, r := range rows {
		p, rc, f := s.PRF(r...)
		fmt.Fprintf(&b, "%-18s P %.4f  R %.4f  F1 %.4f\n", strings.Join(r, "/"), p, rc, f)
	}
	return b.String()
}

type span struct {
	start, end int
	typ        string
}

// spans reads entity spans from IOB tags the way conlleval does: an I- tag that does not
// continue an entity of its type starts a new one.
func spans(tags []string) []span {
	var out []span
	cur := -1
	for i, t := range tags {
		typ := ""
		if len(t) > 2 {
			typ = t[2:]
		}
		begin := strings.HasPrefix(t, "B-") || (strings.HasPrefix(t, "I-") && (cur < 0 || out[cur].typ != typ))
		if cur >= 0 && (t == "O" || begin) {
			cur = -1
		}
		if begin {
			out = append(out, span{i, i + 1, typ})
			cur = len(out) - 1
		} else if cur >= 0 {
			out[cur].end = i + 1
		}
	}
	return out
}

// Evaluate tags every sentence and counts exact-span matches per type.
func Evaluate(t *Tagger, sents []Sentence) Scores {
	s := Scores{Gold: map[string]int{}, Pred: map[string]int{}, Correct: map[string]int{}}
	pred := []string{}
	for _, st := range sents {
		if cap(pred) < len(st.Words) {
			pred = make([]string, len(st.Words))
		}
		pred = pred[:len(st.Words)]
		t.TagInto(st.Words, pred)
		g := spans(st.Tags)
		p := spans(pred)
		gold := map[span]bool{}
		for _, x := range g {
			gold[x] = true
			s.Gold[x.typ]++
		}
		for _, x := range p {
			s.Pred[x.typ]++
			if gold[x] {
				s.Correct[x.typ]++
			}
		}
	}
	return s
}
