package parse

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/heraldnews/herald/weights"
)

// avgEnt is one class weight of a feature during training, with what averaging needs:
// the running sum of its past values and the step it last changed at.
type avgEnt struct {
	c   uint8
	w   int32
	tot int64
	ts  int64
}

// avgModel is an averaged perceptron with rows created on a feature's first update.
type avgModel struct {
	idx  map[uint64]int32
	rows [][]avgEnt
	keys []uint64
	now  int64
}

func newAvgModel() *avgModel { return &avgModel{idx: map[uint64]int32{}} }

func (m *avgModel) score(keys []uint64, sc []int32) {
	for _, k := range keys {
		if r, ok := m.idx[k]; ok {
			for _, e := range m.rows[r] {
				sc[e.c] += e.w
			}
		}
	}
}

func (m *avgModel) update(keys []uint64, gold, pred int) {
	for _, k := range keys {
		r, ok := m.idx[k]
		if !ok {
			r = int32(len(m.rows))
			m.idx[k] = r
			m.rows = append(m.rows, nil)
			m.keys = append(m.keys, k)
		}
		m.bump(r, gold, 1)
		m.bump(r, pred, -1)
	}
}

func (m *avgModel) bump(r int32, c, d int) {
	row := m.rows[r]
	for i := range row {
		if int(row[i].c) == c {
			e := &row[i]
			e.tot += (m.now - e.ts) * int64(e.w)
			e.ts = m.now
			e.w += int32(d)
			return
		}
	}
	m.rows[r] = append(row, avgEnt{c: uint8(c), w: int32(d), ts: m.now})
}

func (m *avgModel) avg(e avgEnt) float64 {
	return float64(e.tot+(m.now-e.ts)*int64(e.w)) / float64(max(m.now, 1))
}

// scale returns the quantisation factor of the averaged weights.
func (m *avgModel) scale() float64 {
	mx := 0.0
	for _, row := range m.rows {
		for _, e := range row {
			mx = max(mx, math.Abs(m.avg(e)))
		}
	}
	return quantScale(mx)
}

// sortedRows returns the row numbers in key order, so that saved models do not depend on
// the order features were first seen in.
func (m *avgModel) sortedRows() []int32 {
	order := make([]int32, len(m.rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(m.keys[a], m.keys[b]) })
	return order
}

// toSparse quantises the averaged weights, dropping those that round to zero.
func (m *avgModel) toSparse() sparse {
	sc := m.scale()
	var keys []uint64
	var refs []uint32
	var ents []int32
	for _, r := range m.sortedRows() {
		row := slices.Clone(m.rows[r])
		slices.SortFunc(row, func(a, b avgEnt) int { return cmp.Compare(a.c, b.c) })
		off := len(ents)
		for _, e := range row {
			if q := quant(m.avg(e), sc); q != 0 {
				ents = append(ents, int32(q)<<8|int32(e.c))
			}
		}
		if len(ents) > off {
			keys = append(keys, m.keys[r])
			refs = append(refs, uint32(off)<<8|uint32(len(ents)-off))
		}
	}
	return newSparse(keys, refs, ents)
}

func (m *avgModel) toDense() dense {
	sc := m.scale()
	var keys []uint64
	var rows [][nMoves]int16
	for _, r := range m.sortedRows() {
		var w [nMoves]int16
		nz := false
		for _, e := range m.rows[r] {
			w[e.c] = quant(m.avg(e), sc)
			nz = nz || w[e.c] != 0
		}
		if nz {
			keys = append(keys, m.keys[r])
			rows = append(rows, w)
		}
	}
	return newDense(keys, rows)
}

// TrainOptions tunes Train. Zero values pick the defaults noted.
type TrainOptions struct {
	TagIter   int        // passes of the tagger (default 6)
	ArcIter   int        // passes of the parser (default 15)
	LabelIter int        // passes of the labeller (default 10)
	Seed      uint64     // shuffle and exploration seed
	POS       []Sentence // extra tagger-only sentences (Heads nil)
	Dev       []Sentence // if set, scored after training each model
	Log       io.Writer  // progress; nil for silence
	Folds     int        // jackknife folds for the parser's training tags (default 4; 1: none)
	Prune     int16      // drop quantised weights (dense: rows) of at most this magnitude
}

// TrainStats reports what Train did.
type TrainStats struct {
	NonProjective int // treebank sentences the parser skipped
	DictWords     int
}

// Train learns the tagger on the treebank and opt.POS, then the parser and labeller on the
// treebank's projective sentences with the tags the tagger predicts for them.
func Train(tb []Sentence, opt TrainOptions) (*Parser, TrainStats, error) {
	var ts TrainStats
	if opt.TagIter <= 0 {
		opt.TagIter = 6
	}
	if opt.ArcIter <= 0 {
		opt.ArcIter = 15
	}
	if opt.LabelIter <= 0 {
		opt.LabelIter = 10
	}
	if opt.Folds <= 0 {
		opt.Folds = 4
	}
	logf := func(format string, a ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format, a...)
		}
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9a75e))
	p := &Parser{}
	// Class sets in order of first appearance, which is fixed by the input files.
	tagIdx, relIdx := map[string]int{}, map[string]int{}
	addClass := func(idx map[string]int, names *[]string, s string) error {
		if _, ok := idx[s]; !ok {
			if len(*names) == maxClasses {
				return fmt.Errorf("parse: train: more than %d classes at %q", maxClasses, s)
			}
			idx[s] = len(*names)
			*names = append(*names, s)
		}
		return nil
	}
	all := append(slices.Clip(tb), opt.POS...)
	for _, s := range all {
		for _, t := range s.Tags {
			if t == "" {
				continue
			}
			if err := addClass(tagIdx, &p.tags, t); err != nil {
				return nil, ts, err
			}
		}
		for _, r := range s.Rels {
			if err := addClass(relIdx, &p.rels, r); err != nil {
				return nil, ts, err
			}
		}
	}
	if err := addClass(relIdx, &p.rels, "root"); err != nil {
		return nil, ts, err
	}

	// Analyse every word once.
	toks := make([][]tok, len(all))
	var buf []byte
	for i, s := range all {
		toks[i] = make([]tok, len(s.Words))
		for j, w := range s.Words {
			buf = analyse(w, &toks[i][j], buf)
		}
	}

	// Tag dictionary: frequent words that almost always take one tag.
	start := time.Now()
	counts := map[uint64]map[uint8]int{}
	for i, s := range all {
		for j, t := range s.Tags {
			if t == "" {
				continue
			}
			k := dictKey(&toks[i][j])
			if counts[k] == nil {
				counts[k] = map[uint8]int{}
			}
			counts[k][uint8(tagIdx[t])]++
		}
	}
	for k, c := range counts {
		total, best := 0, 0
		for _, n := range c {
			total += n
			best = max(best, n)
		}
		if total >= 20 && float64(best) >= 0.995*float64(total) {
			p.dictKeys = append(p.dictKeys, k)
		}
	}
	slices.Sort(p.dictKeys)
	for _, k := range p.dictKeys {
		best, bt := 0, uint8(0)
		for t, n := range counts[k] {
			if n > best || n == best && t < bt {
				best, bt = n, t
			}
		}
		p.dictTags = append(p.dictTags, bt)
	}
	ts.DictWords = len(p.dictKeys)
	p.dict = weights.New(p.dictKeys, func(i int) uint8 { return p.dictTags[i] })

	// The parser trains on predicted tags, as it will meet them: with Folds > 1 each part
	// of the treebank is tagged by a tagger trained without it (jackknifing), so that the
	// tags have the errors of unseen text rather than the near-perfect tags of training data.
	predTags := make([][]uint8, len(tb))
	if opt.Folds > 1 {
		for f := range opt.Folds {
			var train []int
			for i := range all {
				if i >= len(tb) || i%opt.Folds != f {
					train = append(train, i)
				}
			}
			fp := *p
			fp.tagger = trainTagger(all, toks, train, tagIdx, p, opt.TagIter, rng, func(string, ...any) {})
			for i := f; i < len(tb); i += opt.Folds {
				predTags[i] = fp.tagWords(toks[i])
			}
			logf("tagger fold %d of %d trained (%s)\n", f+1, opt.Folds, time.Since(start).Round(time.Second))
		}
	}
	everything := make([]int, len(all))
	for i := range everything {
		everything[i] = i
	}
	p.tagger = trainTagger(all, toks, everything, tagIdx, p, opt.TagIter, rng, logf)
	p.tagger = p.tagger.prune(opt.Prune)
	logf("tagger: %d weight rows, %d weights, %d dictionary words\n", len(p.tagger.keys), len(p.tagger.ents), ts.DictWords)
	if opt.Folds <= 1 {
		for i := range tb {
			predTags[i] = p.tagWords(toks[i])
		}
	}

	// The parser trains on predicted tags, as it will meet them.
	p.rels = slices.Clip(p.rels)
	p.init()
	type psent struct {
		words, tags, sufs []uint64
		gold              []int32 // gold heads, n for the root
		rels              []uint8
	}
	var ps []psent
	for i, sent := range tb {
		if !projective(sent.Heads) {
			ts.NonProjective++
			continue
		}
		n := len(sent.Words)
		q := psent{words: make([]uint64, n), tags: make([]uint64, n), sufs: make([]uint64, n), gold: make([]int32, n), rels: make([]uint8, n)}
		for j := range n {
			q.words[j], q.tags[j], q.sufs[j] = toks[i][j].lower, uint64(predTags[i][j])+1, toks[i][j].suf[2]
			q.gold[j] = int32(sent.Heads[j])
			if q.gold[j] < 0 {
				q.gold[j] = int32(n)
			}
			q.rels[j] = uint8(relIdx[sent.Rels[j]])
		}
		ps = append(ps, q)
	}
	logf("parser: %d projective sentences, %d non-projective skipped\n", len(ps), ts.NonProjective)

	am := newAvgModel()
	order := make([]int, len(ps))
	for i := range order {
		order[i] = i
	}
	var fa [nArcFeat]uint64
	var st state
	start = time.Now()
	for it := range opt.ArcIter {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		right, total := 0, 0
		for _, si := range order {
			q := &ps[si]
			st.reset(len(q.words))
			for !st.done() {
				ok := st.valid()
				st.features(q.words, q.tags, &fa)
				var sc32 [maxClasses]int32
				am.score(fa[:], sc32[:])
				sc := [nMoves]int32{sc32[0], sc32[1], sc32[2]}
				pred := bestMove(sc, ok)
				cost := st.costs(q.gold, ok)
				minCost := math.MaxInt
				for m := range nMoves {
					if ok[m] {
						minCost = min(minCost, cost[m])
					}
				}
				gold := -1
				for m := range nMoves {
					if ok[m] && cost[m] == minCost && (gold < 0 || sc[m] > sc[gold]) {
						gold = m
					}
				}
				am.now++
				if cost[pred] > minCost {
					am.update(fa[:], gold, pred)
				}
				next := gold
				if it > 0 && rng.Float64() < 0.9 {
					next = pred
				}
				st.apply(next)
			}
			for j, h := range st.heads[:len(q.words)] {
				if h == q.gold[j] {
					right++
				}
			}
			total += len(q.words)
		}
		logf("parser pass %d: train UAS %.4f (%s)\n", it+1, float64(right)/float64(total), time.Since(start).Round(time.Second))
	}
	p.arcs = am.toDense().prune(opt.Prune)
	logf("parser: %d weight rows\n", len(p.arcs.keys))

	// Labeller, on gold trees.
	lm := newAvgModel()
	start = time.Now()
	nr := len(p.rels)
	var fl [nLabFeat]uint64
	var tr Tree
	for it := range opt.LabelIter {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		right, total := 0, 0
		for _, si := range order {
			q := &ps[si]
			n := len(q.words)
			heads := make([]int32, n)
			tr.Heads = tr.Heads[:0]
			root := 0
			for j, h := range q.gold {
				if int(h) == n {
					h, root = -1, j
				}
				heads[j] = h
				tr.Heads = append(tr.Heads, int(h))
			}
			tr.kidOff, tr.kids = make([]int32, n+1), make([]int32, n)
			tr.first, tr.last = make([]int32, n), make([]int32, n)
			tr.index()
			commas := make([]int32, n+1)
			for j := range n {
				commas[j+1] = commas[j]
				if q.tags[j] == p.tagComma {
					commas[j+1]++
				}
			}
			rels := make([]uint8, n)
			v := labelView{words: q.words, sufs: q.sufs, tags: q.tags, heads: heads, rels: rels, kidOff: tr.kidOff, kids: tr.kids, commas: commas}
			queue := []int32{int32(root)}
			for k := 0; k < len(queue); k++ {
				d := queue[k]
				queue = append(queue, tr.Children(int(d))...)
				if heads[d] < 0 {
					rels[d] = p.relRoot
					continue
				}
				nf := v.features(d, &fl)
				var sc [maxClasses]int32
				lm.score(fl[:nf], sc[:])
				sc[p.relRoot] = -1 << 30
				pred := int(argmax(sc[:nr]))
				lm.now++
				if g := int(q.rels[d]); pred != g {
					lm.update(fl[:nf], g, pred)
				} else {
					right++
				}
				total++
				rels[d] = uint8(pred)
			}
		}
		logf("labeller pass %d: train accuracy %.4f (%s)\n", it+1, float64(right)/float64(total), time.Since(start).Round(time.Second))
	}
	p.labeller = lm.toSparse().prune(opt.Prune)
	logf("labeller: %d weight rows, %d weights\n", len(p.labeller.keys), len(p.labeller.ents))
	return p, ts, nil
}

// trainTagger trains the tagger on the sentences all[i] for i in use.
func trainTagger(all []Sentence, toks [][]tok, use []int, tagIdx map[string]int, p *Parser, iters int, rng *rand.Rand, logf func(string, ...any)) sparse {
	tm := newAvgModel()
	order := slices.Clone(use)
	nt := len(p.tags)
	var fs [nTagStatic]uint64
	var fd [nTagDyn]uint64
	start := time.Now()
	for it := range iters {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		right, total := 0, 0
		for _, si := range order {
			st := toks[si]
			prev, prev2 := uint64(0), uint64(0)
			for j := range st {
				gold, known := tagIdx[all[si].Tags[j]]
				pred := 0
				if d := p.dict.Lookup(dictKey(&st[j])); d != nil {
					pred = int(*d)
				} else {
					tagStatic(st, j, &fs)
					tagDyn(st, j, prev, prev2, &fd)
					var sc [maxClasses]int32
					tm.score(fs[:], sc[:])
					tm.score(fd[:], sc[:])
					pred = int(argmax(sc[:nt]))
					tm.now++
					if pred != gold && known {
						tm.update(fs[:], gold, pred)
						tm.update(fd[:], gold, pred)
					}
				}
				if pred == gold || !known {
					right++
				}
				total++
				prev2, prev = prev, uint64(pred)+1
			}
		}
		logf("tagger pass %d: train accuracy %.4f (%s)\n", it+1, float64(right)/float64(total), time.Since(start).Round(time.Second))
	}
	return tm.toSparse()
}

// tagWords tags analysed tokens.
func (p *Parser) tagWords(ts []tok) []uint8 {
	var s Scratch
	s.grow(len(ts))
	copy(s.toks, ts)
	p.tag(&s)
	return slices.Clone(s.tags)
}

// prune drops the weights of magnitude at most min, and rows left empty.
func (s sparse) prune(min int16) sparse {
	if min <= 0 {
		return s
	}
	var keys []uint64
	var refs []uint32
	var ents []int32
	for i, r := range s.refs {
		off := len(ents)
		for _, e := range s.ents[r>>8 : r>>8+r&0xff] {
			if w := e >> 8; w > int32(min) || w < -int32(min) {
				ents = append(ents, e)
			}
		}
		if len(ents) > off {
			keys = append(keys, s.keys[i])
			refs = append(refs, uint32(off)<<8|uint32(len(ents)-off))
		}
	}
	return newSparse(keys, refs, ents)
}

// prune drops the rows whose weights are all of magnitude at most min.
func (d dense) prune(min int16) dense {
	if min <= 0 {
		return d
	}
	var keys []uint64
	var rows [][nMoves]int16
	for i, r := range d.rows {
		for _, w := range r {
			if w > min || w < -min {
				keys = append(keys, d.keys[i])
				rows = append(rows, r)
				break
			}
		}
	}
	return newDense(keys, rows)
}
