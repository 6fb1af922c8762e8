package parse

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// NominalOptions tunes TrainNominal. Zero values pick the defaults noted.
type NominalOptions struct {
	Bits int       // log2 of the weight table size (default 15: 64 KB)
	Iter int       // passes over the data (default 8)
	Seed uint64    // shuffle seed
	Log  io.Writer // progress; nil for silence
}

// TrainNominal learns a NominalModel from tagged sentences (a gold tag "" counts as
// neither noun nor adjective: ReadCoNLL2003 leaves only "to" unknown). The weights are
// averaged over every step and quantised to int16; the same inputs give the same model.
func TrainNominal(sents []Sentence, opt NominalOptions) *NominalModel {
	if opt.Bits <= 0 {
		opt.Bits = 15
	}
	opt.Bits = max(minNomBits, min(maxNomBits, opt.Bits))
	if opt.Iter <= 0 {
		opt.Iter = 8
	}
	size := 1 << opt.Bits
	mask := uint32(size - 1)
	// Features do not depend on predictions, so they are computed once.
	type ex struct {
		f   [nNomFeat]uint32
		nom bool
	}
	var exs []ex
	for _, s := range sents {
		for i, t := range s.Tags {
			var e ex
			nomFeatures(s.Words, i, mask, &e.f)
			e.nom = IsNominalTag(t)
			exs = append(exs, e)
		}
	}
	// Averaged perceptron with lazy sums: tot[k] + (now-ts[k])*w[k] is the sum of w[k]
	// over every step so far.
	w := make([]int32, size)
	tot := make([]int64, size)
	ts := make([]int64, size)
	now := int64(0)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7e4b))
	order := make([]int32, len(exs))
	for i := range order {
		order[i] = int32(i)
	}
	for it := range opt.Iter {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		wrong := 0
		for _, oi := range order {
			e := &exs[oi]
			now++
			var s int32
			for _, k := range e.f {
				if k>>31 != 0 {
					s -= w[k&signMask]
				} else {
					s += w[k]
				}
			}
			if (s > 0) == e.nom {
				continue
			}
			wrong++
			d := int32(-1)
			if e.nom {
				d = 1
			}
			for _, k := range e.f {
				dk := d
				if k>>31 != 0 {
					k &= signMask
					dk = -d
				}
				tot[k] += (now - ts[k]) * int64(w[k])
				ts[k] = now
				w[k] += dk
			}
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "nominal pass %d: %d of %d training tokens wrong\n", it+1, wrong, len(exs))
		}
	}
	avg := make([]float64, size)
	mx := 0.0
	for k := range avg {
		avg[k] = float64(tot[k]+(now-ts[k])*int64(w[k])) / float64(max(now, 1))
		mx = max(mx, math.Abs(avg[k]))
	}
	sc := quantScale(mx)
	m := &NominalModel{w: make([]int16, size), mask: mask}
	for k, a := range avg {
		m.w[k] = quant(a, sc)
	}
	return m
}

// NominalScores is a NominalModel's accuracy on gold-tagged sentences.
type NominalScores struct {
	Tokens, Right int
	Gold          int // gold nouns and adjectives
	Predicted     int // tokens predicted nouns or adjectives
	Both          int // gold ones predicted
}

// EvaluateNominal scores m on sents (tokens with an empty gold tag are not scored).
func EvaluateNominal(m *NominalModel, sents []Sentence) NominalScores {
	var sc NominalScores
	for _, s := range sents {
		for i, t := range s.Tags {
			sc.add(t, m.Nominal(s.Words, i))
		}
	}
	return sc
}

// EvaluateTaggerNominal scores the full tagger of p as a noun-or-adjective classifier,
// for comparison.
func EvaluateTaggerNominal(p *Parser, sents []Sentence) NominalScores {
	var sc NominalScores
	var s Scratch
	for _, g := range sents {
		t := p.ParseWords(&s, g.Words)
		for i, tag := range g.Tags {
			sc.add(tag, IsNominalTag(t.Tags[i]))
		}
	}
	return sc
}

func (sc *NominalScores) add(gold string, p bool) {
	if gold == "" {
		return
	}
	g := IsNominalTag(gold)
	sc.Tokens++
	if g == p {
		sc.Right++
	}
	if g {
		sc.Gold++
	}
	if p {
		sc.Predicted++
	}
	if g && p {
		sc.Both++
	}
}

// Report formats the scores on one line.
func (s NominalScores) Report() string {
	return fmt.Sprintf("accuracy %.4f (%d tokens, %d nouns and adjectives: precision %.4f recall %.4f)",
		ratio(s.Right, s.Tokens), s.Tokens, s.Gold, ratio(s.Both, s.Predicted), ratio(s.Both, s.Gold))
}
