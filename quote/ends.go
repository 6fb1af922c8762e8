package quote

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote/attrib"
	"github.com/heraldnews/herald/weights"
)

// Where reported content ends is the rules' weakest call: after "Berg said (that) …" the
// content may run to the sentence end or stop at a comma, a dash, "as", "during", "but"
// — and which one depends on what follows in ways no short rule captures (measured: each
// hand rule moved PolNeAR F1 by ±0.002). So the end is chosen by a small learned ranker: the
// candidates are the rules' own end, every clause-like boundary before it, and those after
// it up to the next hard cut (the rules' soft cuts, ", but …", ", which …", may be passed;
// their cuts before another attribution stay); each is scored by a linear model over
// features of the words around it, and the best is kept. The model is trained on PolNeAR
// train (herald train-ends) and embedded.

// EndCase is one choice of a content end, as the training command sees it.
type EndCase struct {
	Start, StartNext int        // byte start of the content's first token, and of the one after
	Ends             []int      // per candidate: byte end of the content if it ends there
	Feats            [][]uint64 // per candidate: its feature keys
	Rule             int        // the candidate the rules chose
}

// endModel is the ranker: one weight per feature key.
type endModel struct {
	keys  []uint64
	table weights.Table[float32]
}

// endMode: HERALD_ENDS=off keeps the rules' ends, for comparisons.
var endMode = os.Getenv("HERALD_ENDS")

//go:embed data/ends.bin.gz
var endsModelFile []byte

var (
	endsOnce    sync.Once
	endsDefault *endModel
)

// defaultEnds returns the embedded ranker, or nil when it is turned off or unreadable (the
// rules' ends are then kept; a test checks the embedded file loads).
func defaultEnds() *endModel {
	if endMode == "off" {
		return nil
	}
	endsOnce.Do(func() {
		m, err := loadEnds(bytes.NewReader(endsModelFile))
		if err == nil {
			endsDefault = m
		}
	})
	return endsDefault
}

func newEndModel(w map[uint64]float32) *endModel {
	keys := make([]uint64, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	m := &endModel{keys: keys}
	m.table = weights.New(keys, func(i int) float32 { return w[keys[i]] })
	return m
}

func (m *endModel) weight(k uint64) float32 {
	if p := m.table.Lookup(k); p != nil {
		return *p
	}
	return 0
}

func (m *endModel) score(feats []uint64) float32 {
	var s float32
	for _, k := range feats {
		s += m.weight(k)
	}
	return s
}

// best returns the highest-scoring candidate, the rules' on a tie.
func (m *endModel) best(feats [][]uint64, rule int) int {
	b, bs := rule, m.score(feats[rule])
	for i, fs := range feats {
		if s := m.score(fs); s > bs {
			b, bs = i, s
		}
	}
	return b
}

// Save writes the model: a gzip stream of (key uint64, weight float32) pairs in key order,
// after a count.
func (m *endModel) Save(w io.Writer) error {
	zw := gzip.NewWriter(w)
	buf := binary.LittleEndian.AppendUint32(nil, uint32(len(m.keys)))
	for _, k := range m.keys {
		buf = binary.LittleEndian.AppendUint64(buf, k)
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(m.weight(k)))
	}
	if _, err := zw.Write(buf); err != nil {
		return err
	}
	return zw.Close()
}

func loadEnds(r io.Reader) (*endModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, err
	}
	if len(data) < 4 {
		return nil, errors.New("quote: end model: truncated")
	}
	n := int(binary.LittleEndian.Uint32(data))
	if len(data) != 4+12*n {
		return nil, fmt.Errorf("quote: end model: %d bytes for %d weights", len(data), n)
	}
	w := make(map[uint64]float32, n)
	for i := 0; i < n; i++ {
		p := data[4+12*i:]
		w[binary.LittleEndian.Uint64(p)] = math.Float32frombits(binary.LittleEndian.Uint32(p[8:]))
	}
	return newEndModel(w), nil
}

// SaveEnds writes a trained end model (from TrainEnds) to w.
func SaveEnds(m *EndModel, w io.Writer) error { return m.m.Save(w) }

// EndModel is a trained end ranker, for the training command.
type EndModel struct{ m *endModel }

// Weights returns the number of feature weights.
func (m *EndModel) Weights() int { return len(m.m.keys) }

// Best returns the candidate the model picks for c.
func (m *EndModel) Best(c EndCase) int { return m.m.best(c.Feats, c.Rule) }

// TrainEnds trains the end ranker with an averaged perceptron: labels[i] is the index of
// case i's right candidate, or -1 to skip it. Training is deterministic.
func TrainEnds(cases []EndCase, labels []int, iter int) *EndModel {
	w := map[uint64]float64{}
	u := map[uint64]float64{} // sum of c*update, for averaging
	c := 1.0
	add := func(fs []uint64, d float64) {
		for _, k := range fs {
			w[k] += d
			u[k] += c * d
		}
	}
	for it := 0; it < iter; it++ {
		for i, cs := range cases {
			g := labels[i]
			if g < 0 {
				continue
			}
			p, ps := cs.Rule, 0.0
			for _, k := range cs.Feats[cs.Rule] {
				ps += w[k]
			}
			for j, fs := range cs.Feats {
				s := 0.0
				for _, k := range fs {
					s += w[k]
				}
				if s > ps {
					p, ps = j, s
				}
			}
			if p != g {
				add(cs.Feats[g], 1)
				add(cs.Feats[p], -1)
			}
			c++
		}
	}
	avg := make(map[uint64]float32, len(w))
	for k, v := range w {
		if a := v - u[k]/c; a != 0 {
			avg[k] = float32(a)
		}
	}
	return &EndModel{newEndModel(avg)}
}

// Templates of the end features.
const (
	eWord = iota + 1 // the boundary token (or <end>)
	eNext
	ePrev
	ePair
	eRule
	eSentEnd
	eVsRule
	eLen
	eLeft
	eOrdinal
	eCommas
	eTags
	eCueWord
	eCueAfter
	eNextShape
	eNextIng
	eSubject
	eContentAfter
	eThat
	eRuleWord
	eQuoted
	eClause
	eBeyond
	eOpen
)

// endBoundary are the words before which content may end.
var endBoundary = set("and but or as while when which who whose where because since after before " +
	"during including with without in on at for from to by amid despite following until if " +
	"though although so than like unlike about over under into through against between among " +
	"even just not then saying adding yesterday today tonight last earlier this " + weekdayNames)

// isBoundary reports whether content may end before token k.
func (f *finder) isBoundary(k int) bool {
	if f.inSeg[k] == 1 {
		return false
	}
	switch f.raw(k) {
	case ",", ";", ":", "—", "–", "―", "-", "--", "(":
		return true
	}
	if f.isMark(k) {
		return true
	}
	return endBoundary[f.w(k)]
}

var whWords = set("whether if how what why when where who which")

// maxEndCands bounds the candidates before the rules' end, maxPastCands those past it.
const (
	maxEndCands  = 24
	maxPastCands = 4
)

// endCands fills f.ecands with the candidate ends of content from token c, in order: the
// boundaries in (c+1, rule), the rules' end rule, then the boundaries up to hard, the end
// past the rules' soft cuts (", but …", ", which …": in PolNeAR train, 3% of contents go
// on past them), and hard. It returns the index of rule, -1 when the content is too short
// to have one.
func (f *finder) endCands(c, rule, hard int) int {
	f.ecands = f.ecands[:0]
	for k := c + 2; k < rule; k++ {
		if len(f.ecands) < maxEndCands && f.isBoundary(k) && f.inSeg[k-1] != 1 {
			f.ecands = append(f.ecands, k)
		}
	}
	if rule < c+2 {
		return -1
	}
	f.ecands = append(f.ecands, rule)
	r := len(f.ecands) - 1
	for k := rule + 1; k < hard; k++ {
		if f.isBoundary(k) && f.inSeg[k-1] != 1 && len(f.ecands) < maxEndCands+maxPastCands {
			f.ecands = append(f.ecands, k)
		}
	}
	if hard > rule {
		f.ecands = append(f.ecands, hard)
	}
	return r
}

func bucketLen(n int) uint64 {
	switch {
	case n <= 3:
		return 0
	case n <= 6:
		return 1
	case n <= 10:
		return 2
	case n <= 15:
		return 3
	case n <= 25:
		return 4
	case n <= 40:
		return 5
	}
	return 6
}

// endFeats returns the features of ending content [c,k) (sentence content end se, rules'
// end rule, ord-th candidate, cue cue) in out.
func (f *finder) endFeats(c, k, rule, se, ord int, cue string, out []uint64) []uint64 {
	h := attrib.Hash
	wk, wn, wp := "<end>", "<end>", f.w(k-1)
	if k < se {
		wk = f.w(k)
		if k+1 < se {
			wn = f.w(k + 1)
		}
	}
	bw := h(wk)
	out = append(out,
		weights.Key(eWord, bw),
		weights.Key(eNext, h(wn)),
		weights.Key(ePrev, h(wp)),
		weights.Key2(ePair, bw, h(wn)),
		weights.Key(eRule, b2u(k == rule)),
		weights.Key2(eBeyond, b2u(k > rule), bw),
		weights.Key(eSentEnd, b2u(k == se)),
		weights.Key(eLen, bucketLen(k-c)),
		weights.Key(eLeft, bucketLen(se-k)),
		weights.Key(eOrdinal, uint64(min(ord, 4))),
		weights.Key2(eRuleWord, b2u(k == rule), bw),
		// The same value as eRuleWord. It once told apart candidates before and after
		// the rules' end; dropping it halves that feature's weight in the shipped model,
		// so it goes only with a retrain that shows no loss.
		weights.Key2(eVsRule, b2u(k == rule), bw),
	)
	commas := 0
	for j := c + 1; j < k; j++ {
		if f.raw(j) == "," {
			commas++
		}
	}
	out = append(out, weights.Key(eCommas, uint64(min(commas, 3))))
	// Clause content ("said the fees were high") keeps its adjuncts more often than an
	// object ("blasted the plan as a mistake on Monday"), which leaves them to the cue.
	clause := f.w(c) == "that" || whWords[f.w(c)]
	for j := c; j < k && !clause; j++ {
		clause = verbAux[f.w(j)]
	}
	out = append(out, weights.Key2(eClause, b2u(clause), bw))
	cw, _, _ := strings.Cut(cue, " ")
	out = append(out, weights.Key2(eCueWord, h(cw), bw))
	out = append(out, weights.Key2(eThat, b2u(f.w(c) == "that"), bw))
	// A boundary inside an open parenthesis or quotation rarely ends the content.
	open := 0
	for j := c; j < k; j++ {
		switch f.raw(j) {
		case "(":
			open |= 1
		case ")":
			open &^= 1
		}
		if f.isMark(j) {
			open ^= 2
		}
	}
	out = append(out, weights.Key2(eOpen, uint64(open), bw))

	if k < se {
		cueAfter := false
		if x, _ := f.matchCue(k + 1); x > 0 {
			cueAfter = true
		} else if j := f.subjectEnd(k+1, se); j > k+1 {
			x, _ := f.matchCue(j)
			cueAfter = x > 0
		}
		out = append(out, weights.Key2(eCueAfter, b2u(cueAfter), bw))
		shape := uint64(0)
		switch {
		case k+1 >= se:
			shape = 4
		case f.isCap(k + 1):
			shape = 1
		case !f.isWord(k + 1):
			shape = 2
		case pronouns[f.w(k+1)]:
			shape = 3
		}
		out = append(out, weights.Key2(eNextShape, shape, bw))
		out = append(out, weights.Key2(eNextIng, b2u(k+1 < se && strings.HasSuffix(f.w(k+1), "ing")), bw))
		out = append(out, weights.Key2(eSubject, b2u(f.subjectEnd(k+1, se) > k+1), bw))
		out = append(out, weights.Key2(eQuoted, b2u(len(f.quoted) > k && f.quoted[k]), bw))
	}
	if f.tagger != nil && f.sentTagged[f.toks[c].sent] {
		tc := func(i int) uint64 {
			if i >= se {
				return 9
			}
			return uint64(f.alltags[i])
		}
		out = append(out, weights.Key2(eTags, tc(k-1)*16+tc(k), bw))
		con := 0
		for j := k; j < se; j++ {
			if t := f.alltags[j]; t == attrib.ICon || t == attrib.BCon {
				con++
			}
		}
		frac := uint64(0)
		if se > k {
			frac = uint64(min(3, 4*con/(se-k)))
		}
		out = append(out, weights.Key(eContentAfter, frac))
	}
	return out
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// chooseEnd returns where content from token c ends, given the rules' end and the
// sentence's content end se, for cue phrase cue.
func (f *finder) chooseEnd(c, rule, hard, se int, cue string) int {
	if f.endLog == nil && f.ends == nil {
		return rule
	}
	r := f.endCands(c, rule, hard)
	if r < 0 || len(f.ecands) < 2 {
		return rule
	}
	if cap(f.efeats) < len(f.ecands) {
		f.efeats = make([][]uint64, len(f.ecands))
	}
	f.efeats = f.efeats[:len(f.ecands)]
	for i, k := range f.ecands {
		f.efeats[i] = f.endFeats(c, k, rule, se, i, cue, f.efeats[i][:0])
	}
	if f.endLog != nil {
		ec := EndCase{Start: f.toks[c].start, StartNext: f.toks[min(c+1, len(f.toks)-1)].start, Rule: r}
		for i, k := range f.ecands {
			ec.Ends = append(ec.Ends, f.toks[k-1].end)
			ec.Feats = append(ec.Feats, slices.Clone(f.efeats[i]))
		}
		f.endLog(ec)
		return rule
	}
	k := f.ecands[f.ends.best(f.efeats, r)]
	if k+1 < se && f.raw(k) == "," && f.isMark(k+1) {
		// "as a “lifeline,” and …": the comma sits inside the quotation; end after its
		// closing mark when the content holds the opening one.
		marks := 0
		for j := c; j < k; j++ {
			if f.isMark(j) {
				marks++
			}
		}
		if marks%2 == 1 {
			k += 2
		}
	}
	return k
}

// EndCases runs Find on doc and calls fn with every content-end choice it makes, keeping
// the rules' ends (the training input of the end ranker).
func EndCases(doc *nlp.Doc, ents *entity.Set, fn func(EndCase)) {
	if doc == nil || len(doc.Text) == 0 || len(doc.Sentences) == 0 {
		return
	}
	f := new(finder)
	f.endLog = fn
	f.setup(doc, ents)
	f.direct()
	f.initTags()
	f.reported()
}
