package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
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
	// Open-addressing table from feature key to weight row; key 0 marks an empty slot.
	keys []uint64
	rows []int32
	mask uint64
	w    []int32 // nTags weights per row, quantised
	gaz  *gazetteer
	pool sync.Pool
}

type scratch struct {
	ts   []tokInfo
	buf  []byte
	tags []int
}

func (t *Tagger) lookup(k uint64) int32 {
	if k == 0 {
		k = 1
	}
	i := mix64(k) & t.mask
	for {
		kk := t.keys[i]
		if kk == k {
			return t.rows[i]
		}
		if kk == 0 {
			return -1
		}
		i = (i + 1) & t.mask
	}
}

// newTagger builds the lookup table for the given keys and rows of nTags weights each.
func newTagger(keys []uint64, w []int32, gaz *gazetteer) *Tagger {
	size := 1
	for size < 2*len(keys)+1 {
		size <<= 1
	}
	t := &Tagger{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1), w: w, gaz: gaz}
	for r, k := range keys {
		if k == 0 {
			k = 1
		}
		i := mix64(k) & t.mask
		for t.keys[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.keys[i] = k
		t.rows[i] = int32(r)
	}
	t.pool.New = func() any { return &scratch{} }
	return t
}

//go:embed model/ner.bin.gz
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
)

// Default returns the tagger built into the binary, loading it on first use.
func Default() *Tagger {
	defaultOnce.Do(func() {
		t, err := Load(bytes.NewReader(embeddedModel))
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
	gazOnce.Do(func() { gazShared, gazErr = parseGazetteer(strings.NewReader(gazetteerTSV)) })
	return gazShared, gazErr
}

const modelMagic = "HERALD-NER-1\n"

// Load reads a model written by (*Tagger).Save: gzip of magic, row count, then per row the
// feature key and nTags int16 weights, little-endian.
func Load(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("ner: load: not a Herald NER model")
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	if n > 1<<26 {
		return nil, errors.New("ner: load: implausible model size")
	}
	keys := make([]uint64, n)
	if err := binary.Read(br, binary.LittleEndian, keys); err != nil {
		return nil, fmt.Errorf("ner: load keys: %w", err)
	}
	q := make([]int16, int(n)*nTags)
	if err := binary.Read(br, binary.LittleEndian, q); err != nil {
		return nil, fmt.Errorf("ner: load weights: %w", err)
	}
	w := make([]int32, len(q))
	for i, v := range q {
		w[i] = int32(v)
	}
	gaz, err := embeddedGazetteer()
	if err != nil {
		return nil, err
	}
	return newTagger(keys, w, gaz), nil
}

// Save writes the model in the format Load reads.
func (t *Tagger) Save(out io.Writer) error {
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	var keys []uint64
	var q []int16
	for i, k := range t.keys {
		if k == 0 {
			continue
		}
		keys = append(keys, k)
		r := int(t.rows[i])
		for j := 0; j < nTags; j++ {
			v := t.w[r*nTags+j]
			q = append(q, int16(max(min(v, math.MaxInt16), math.MinInt16)))
		}
	}
	bw.WriteString(modelMagic)
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	binary.Write(bw, binary.LittleEndian, keys)
	binary.Write(bw, binary.LittleEndian, q)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Features returns the number of weight rows in the model.
func (t *Tagger) Features() int { return len(t.w) / nTags }

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

func (s *scratch) prepare(words []string, gaz *gazetteer) uint8 {
	if cap(s.ts) < len(words) {
		s.ts = make([]tokInfo, len(words)+16)
		s.tags = make([]int, len(words)+16)
	}
	s.ts = s.ts[:len(words)]
	s.tags = s.tags[:len(words)]
	for i, w := range words {
		s.buf = analyse(w, &s.ts[i], s.buf)
	}
	gaz.mark(s.ts)
	return sentenceFlags(s.ts)
}

func (t *Tagger) tagIDs(words []string, s *scratch) []int {
	sf := s.prepare(words, t.gaz)
	var feats [maxStatic]uint64
	var dyn [maxDyn]uint64
	prev, prev2 := tagBOS, tagBOS
	for i := range s.ts {
		var sc [nTags]int32
		n := staticFeatures(s.ts, i, sf, &feats)
		for _, k := range feats[:n] {
			if r := t.lookup(k); r >= 0 {
				row := t.w[int(r)*nTags : int(r)*nTags+nTags]
				for j := range sc {
					sc[j] += row[j]
				}
			}
		}
		dynFeatures(&s.ts[i], prev, prev2, &dyn)
		for _, k := range dyn {
			if r := t.lookup(k); r >= 0 {
				row := t.w[int(r)*nTags : int(r)*nTags+nTags]
				for j := range sc {
					sc[j] += row[j]
				}
			}
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
