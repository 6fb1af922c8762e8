package ner

import (
	"bufio"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/heraldnews/herald/weights"
)

// Tags, in the order of a weight row. Index nTags is the "before the sentence" history.
var tagNames = [...]string{"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}

const (
	nTags  = len(tagNames)
	tagBOS = nTags
)

func tagIndex(s string) int {
	for i, t := range tagNames {
		if t == s {
			return i
		}
	}
	return 0
}

// allowed reports whether tag t may follow tag prev in IOB2: I-X only continues B-X or I-X.
func allowed(prev, t int) bool {
	if t == 0 || t%2 == 1 {
		return true
	}
	return prev == t || prev == t-1
}

// Tagger is a trained averaged-perceptron tagger. It is immutable after loading and safe for
// concurrent use; each call borrows scratch space from a pool.
type Tagger struct {
	table weights.Table[[nTags]int16] // feature key → its weights
	keys  []uint64                    // full keys in row order, kept for Save
	gaz   *gazetteer
	pool  sync.Pool
	// viterbi selects exact search over tag bigrams with first-order history features;
	// otherwise decoding is greedy with two tags of history.
	viterbi bool
	// trans caches the rows of the pure tag-bigram feature, the same for every token.
	trans [nPrev][nTags]int32
	// bounds caches the sentence-boundary and position rows (see cache.go).
	bounds boundRows
	// vocab holds the lower-cased words seen in training and pairs the adjacent word pairs
	// whose pair features kept weights (see known and pairKnown). Empty filters (a
	// version 2 model) let everything through.
	vocab, pairs filter
}

// filter is a set of 32-bit fingerprints (fps, kept for Save) as a bitset of 2^filterBits
// bits (32 KB): for the ~21k training words, false "present" answers stay near 8%, and
// such an answer only costs the lookups the filter would have saved. There are no false
// "absent" answers, so filtering never changes a score.
type filter struct {
	fps  []uint32
	bits []uint64
}

// 2^18 bits measured fastest: 2^20 (2% false answers) misses the CPU caches more often,
// 2^17 lets too many lookups through.
const filterBits = 18

func newFilter(fps []uint32) filter {
	f := filter{fps: fps}
	if len(fps) == 0 {
		return f
	}
	f.bits = make([]uint64, 1<<filterBits/64)
	for _, fp := range fps {
		b := fp & (1<<filterBits - 1)
		f.bits[b>>6] |= 1 << (b & 63)
	}
	return f
}

func (f *filter) has(fp uint32) bool {
	if f.bits == nil {
		return true
	}
	b := fp & (1<<filterBits - 1)
	return f.bits[b>>6]&(1<<(b&63)) != 0
}

func vocabFingerprint(lower uint64) uint32 { return uint32(weights.Mix(lower ^ 0x243f6a8885a308d3)) }

func pairFingerprint(a, b uint64) uint32 {
	return uint32(weights.Mix(a*0x9e3779b97f4a7c15 ^ b ^ 0x13198a2e03707344))
}

// known reports whether the lower-cased word with hash lower may have occurred in training.
// Weights exist only for features seen in training, so when it did not, every feature
// mixing in the word or its lower-cased form is absent from the table and the decoder can
// skip looking it up: about two thirds of the lookups of a word the cache has not seen.
func (t *Tagger) known(lower uint64) bool { return t.vocab.has(vocabFingerprint(lower)) }

// pairKnown reports whether the word-pair features (tBiM1, tBiP1) of the adjacent
// lower-cased words a, b may have weights. Most pairs in new text were never seen in
// training, and each such lookup is a cache miss in the large weight table.
func (t *Tagger) pairKnown(a, b uint64) bool { return t.pairs.has(pairFingerprint(a, b)) }

type scratch struct {
	ts   []tokInfo
	buf  []byte
	tags []int
	st   []int32 // Viterbi: static scores, token x tag
	tr   []int32 // Viterbi: history scores, token x previous tag x tag
	back []int8
	slot []int32 // per token, its word's slot in cache (-1: not cached)
	mode []uint8 // per token, modeScored, modeNear or modeFar (skip.go)
	// cache holds the word-only rows of recently seen words (see cache.go); it lives as
	// long as the pooled scratch does.
	cache []cacheEntry
	mru   []uint8 // per pair of cache slots, the one used last
	// History rows by short shape (see shortRow).
	shortIdx  map[uint64]uint16
	shortRows [][nPrev * nTags]int32
	tmpShort  [nPrev * nTags]int32
}

// lookup returns the weights of feature k, or nil. Keys come out of mix64 already, so
// their bits index the table directly.
func (t *Tagger) lookup(k uint64) *[nTags]int16 { return t.table.Lookup(k) }

// newTagger builds the lookup table for the given keys and rows of nTags weights each.
func newTagger(keys []uint64, w []int16, gaz *gazetteer) *Tagger {
	return newTaggerRows(keys, func(r int) [nTags]int16 { return [nTags]int16(w[r*nTags : (r+1)*nTags]) }, gaz)
}

// newTaggerRows is newTagger with the weights of row r given by row(r).
func newTaggerRows(keys []uint64, row func(r int) [nTags]int16, gaz *gazetteer) *Tagger {
	t := &Tagger{keys: keys, gaz: gaz}
	t.table = weights.New(keys, row)
	t.pool.New = func() any { return &scratch{} }
	for p := 0; p < nPrev; p++ {
		t.addRow(t.trans[p][:], weights.Key(tPrevTag, uint64(p)))
	}
	t.initBounds()
	return t
}

// The model is embedded uncompressed: gzip saved 0.3 MB of binary and cost ~9 ms of
// every start-up to inflate.
//
//go:embed model/ner.bin
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
)

// Default returns the tagger built into the binary, loading it on first use.
func Default() *Tagger {
	defaultOnce.Do(func() {
		t, err := decodeModel(embeddedModel)
		if err != nil {
			// The embedded model is part of the source tree; failing to read it is a build
			// defect, not a run-time condition callers could handle.
			panic("ner: embedded model: " + err.Error())
		}
		defaultTagger = t
	})
	return defaultTagger
}

var (
	gazOnce   sync.Once
	gazShared *gazetteer
	gazErr    error
)

func embeddedGazetteer() (*gazetteer, error) {
	gazOnce.Do(func() { gazShared, gazErr = loadGazetteer(gazetteerBin) })
	return gazShared, gazErr
}

const (
	modelMagic   = "HERALD-NER-3\n"
	modelMagicV2 = "HERALD-NER-2\n" // without the vocabulary; still read
)

// Load reads a model written by (*Tagger).Save: magic, row count (uint32), decoder
// (uint8: 0 greedy, 1 Viterbi), the feature keys, then nTags int16 weights per row, then
// the vocabulary and the word pairs, each a count (uint32) and that many uint32
// fingerprints (see filter); all little-endian. Version 2 models end after the weights.
// Models saved gzipped, as Save wrote them before, are read too.
func Load(r io.Reader) (*Tagger, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("ner: load: %w", err)
		}
		r = zr
	} else {
		r = br
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	return decodeModel(data)
}

// decodeModel reads a model from its bytes, with no copies of the arrays on the way.
func decodeModel(data []byte) (*Tagger, error) {
	if len(data) < len(modelMagic) || string(data[:len(modelMagic)]) != modelMagic && string(data[:len(modelMagic)]) != modelMagicV2 {
		return nil, errors.New("ner: load: not a Herald NER model")
	}
	v3 := string(data[:len(modelMagic)]) == modelMagic
	rest := data[len(modelMagic):]
	short := errors.New("ner: load: truncated model")
	// next returns the next size bytes, nil when fewer are left.
	next := func(size int) []byte {
		if size < 0 || len(rest) < size {
			rest = nil
			return nil
		}
		b := rest[:size]
		rest = rest[size:]
		return b
	}
	head := next(5)
	if head == nil {
		return nil, short
	}
	n, dec := binary.LittleEndian.Uint32(head), head[4]
	if n > 1<<26 {
		return nil, errors.New("ner: load: implausible model size")
	}
	if dec > 1 {
		return nil, fmt.Errorf("ner: load: unknown decoder %d", dec)
	}
	kb, qb := next(8*int(n)), next(2*nTags*int(n))
	if qb == nil {
		return nil, short
	}
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = binary.LittleEndian.Uint64(kb[8*i:])
	}
	gaz, err := embeddedGazetteer()
	if err != nil {
		return nil, err
	}
	// The rows go straight from the model's bytes into the table.
	t := newTaggerRows(keys, func(r int) (w [nTags]int16) {
		b := qb[2*nTags*r : 2*nTags*(r+1)]
		for j := range w {
			w[j] = int16(binary.LittleEndian.Uint16(b[2*j:]))
		}
		return w
	}, gaz)
	t.viterbi = dec == 1
	if v3 {
		for _, f := range []*filter{&t.vocab, &t.pairs} {
			cb := next(4)
			if cb == nil {
				return nil, short
			}
			nv := binary.LittleEndian.Uint32(cb)
			if nv > 1<<24 {
				return nil, errors.New("ner: load: implausible filter size")
			}
			fb := next(4 * int(nv))
			if fb == nil {
				return nil, short
			}
			fps := make([]uint32, nv)
			for i := range fps {
				fps[i] = binary.LittleEndian.Uint32(fb[4*i:])
			}
			*f = newFilter(fps)
		}
	}
	if len(rest) != 0 {
		return nil, errors.New("ner: load: trailing bytes after the model")
	}
	return t, nil
}

// Save writes the model in the format Load reads.
func (t *Tagger) Save(out io.Writer) error {
	bw := bufio.NewWriter(out)
	var keys []uint64
	var q []int16
	for _, k := range t.keys {
		keys = append(keys, k)
		q = append(q, t.lookup(k)[:]...)
	}
	bw.WriteString(modelMagic)
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	var dec uint8
	if t.viterbi {
		dec = 1
	}
	binary.Write(bw, binary.LittleEndian, dec)
	binary.Write(bw, binary.LittleEndian, keys)
	binary.Write(bw, binary.LittleEndian, q)
	for _, f := range []filter{t.vocab, t.pairs} {
		binary.Write(bw, binary.LittleEndian, uint32(len(f.fps)))
		binary.Write(bw, binary.LittleEndian, f.fps)
	}
	return bw.Flush()
}

// Features returns the number of weight rows in the model.
func (t *Tagger) Features() int { return len(t.keys) }

// Tag returns one IOB2 tag (B-PER, I-PER, B-LOC, …, O) for each word.
func (t *Tagger) Tag(words []string) []string {
	tags := make([]string, len(words))
	t.TagInto(words, tags)
	return tags
}

// TagInto writes the tags of words into tags, which must be at least as long; it does not
// allocate once the pooled scratch space has grown to the sentence length.
func (t *Tagger) TagInto(words []string, tags []string) {
	s := t.pool.Get().(*scratch)
	ids := t.tagIDs(words, s)
	for i, id := range ids {
		tags[i] = tagNames[id]
	}
	t.pool.Put(s)
}

// grow makes room for a sentence of n tokens.
func (s *scratch) grow(n int) {
	if cap(s.ts) < n {
		s.ts = make([]tokInfo, n+16)
		s.tags = make([]int, n+16)
		s.slot = make([]int32, n+16)
		s.mode = make([]uint8, n+16)
	}
	s.ts = s.ts[:n]
	s.tags = s.tags[:n]
	if cap(s.st) < n*nTags {
		s.st = make([]int32, (n+16)*nTags)
		s.tr = make([]int32, (n+16)*nPrev*nTags)
		s.back = make([]int8, (n+16)*nTags)
	}
}

func (s *scratch) prepare(words []string, gaz *gazetteer) uint8 {
	s.grow(len(words))
	for i, w := range words {
		s.buf = analyse(w, &s.ts[i], s.buf)
	}
	gaz.mark(s.ts)
	return sentenceFlags(s.ts)
}

func (t *Tagger) tagIDs(words []string, s *scratch) []int {
	if t.viterbi {
		return t.tagViterbi(words, s)
	}
	sf := s.prepare(words, t.gaz)
	var feats [maxStatic]uint64
	var dyn [maxDyn]uint64
	prev, prev2 := tagBOS, tagBOS
	for i := range s.ts {
		var sc [nTags]int32
		n := staticFeatures(s.ts, i, sf, &feats)
		for _, k := range feats[:n] {
			t.addRow(sc[:], k)
		}
		dynFeatures(&s.ts[i], prev, prev2, &dyn)
		for _, k := range dyn {
			t.addRow(sc[:], k)
		}
		best := 0
		for j := 1; j < nTags; j++ {
			if allowed(prev, j) && sc[j] > sc[best] {
				best = j
			}
		}
		s.tags[i] = best
		prev2, prev = prev, best
	}
	return s.tags
}

func (t *Tagger) addRow(sc []int32, k uint64) {
	if row := t.lookup(k); row != nil {
		sc = sc[:nTags]
		for j, v := range row {
			sc[j] += int32(v)
		}
	}
}
