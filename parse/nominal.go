package parse

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/weights"
)

// NominalModel tells whether one token of a sentence is used as a noun or an adjective
// (Penn NN* or JJ*) from a handful of features of it and its neighbours. It answers the
// question the tagger would for one word without tagging the sentence: a binary averaged
// perceptron whose features are hashed straight into a small table of int16 weights
// (64 KB), one weight per bucket, so that the model stays in cache when it is called
// between the other stages of the pipeline. The full tagger's tables are megabytes: there
// each of its lookups was a cache miss, ten times its warm speed.
//
// It is immutable after loading and safe for concurrent use.
type NominalModel struct {
	w    []int16
	mask uint32
}

// Feature templates. Each is one weight lookup per call. Word-pair features were tried:
// in a table this small their collisions cost more than they gave.
const (
	vBias = iota + 1
	vWord
	vSuf3
	vSuf2
	vShape
	vWordM1
	vSufM1
	vShapeM1
	vWordM2
	vWordP1
	vSufP1
	vShapeP1
	nNomFeat = iota
)

// ntok is what the nominal model knows of one word.
type ntok struct {
	word  uint64 // FNV-1a of the lower-case form, digits as 0, curly quotes straight
	suf3  uint64 // last three bytes of that form
	suf2  uint64
	shape uint64 // sh* below
}

// Word shapes, with the first position of the sentence apart: a capitalised first word
// is ordinary, one inside the sentence mostly a name.
const (
	shLower = iota
	shCap
	shUpper
	shDigit
	shOther
	shFirst = 8
)

var (
	nEdge  = ntok{word: weights.HashBytes([]byte("<edge>")), suf3: 1, suf2: 2, shape: 15}
	nEmpty = ntok{word: weights.HashBytes(nil), shape: shOther}
)

// nomTok hashes word w without allocating; first marks the sentence's first word.
func nomTok(w string, first bool) ntok {
	if w == "" {
		return nEmpty
	}
	h := uint64(fnvOffset)
	var last uint32 // the last three bytes written
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case '0' <= c && c <= '9':
			c = '0'
		case c == 0xe2 && i+2 < len(w) && w[i+1] == 0x80 && w[i+2] >= 0x98 && w[i+2] <= 0x9d:
			// ‘ ’ ‚ ‛ “ ” as EWT spells them (straight).
			c = '\''
			if w[i+2] >= 0x9c {
				c = '"'
			}
			i += 2
		}
		h = (h ^ uint64(c)) * fnvPrime
		last = last<<8 | uint32(c)
	}
	t := ntok{word: h, suf3: uint64(last&0xffffff) | 3<<32, suf2: uint64(last&0xffff) | 2<<32}
	c := w[0]
	switch {
	case c >= utf8.RuneSelf:
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			t.shape = shCap
		case unicode.IsLetter(r):
			t.shape = shLower
		default:
			t.shape = shOther
		}
	case 'a' <= c && c <= 'z':
		t.shape = shLower
	case 'A' <= c && c <= 'Z':
		t.shape = shCap
		if len(w) > 1 && 'A' <= w[1] && w[1] <= 'Z' {
			t.shape = shUpper
		}
	case '0' <= c && c <= '9':
		t.shape = shDigit
	default:
		t.shape = shOther
	}
	if first {
		t.shape |= shFirst
	}
	return t
}

// slot maps a feature key to its weight's index in the low bits and a sign in the top bit:
// features that share a weight add to it with random signs, so that a collision adds
// noise around zero rather than one feature's bias to the other.
func slot(key uint64, mask uint32) uint32 { return uint32(key)&mask | uint32(key>>63)<<31 }

// signed returns the weight of slot k with its sign.
func signed(w []int16, k uint32) int32 {
	v := int32(w[k&signMask])
	neg := int32(k >> 31) // 1 to negate
	return (v ^ -neg) + neg
}

const signMask = 1<<31 - 1

// nomFeatures writes the table slots of word i's features.
func nomFeatures(words []string, i int, mask uint32, f *[nNomFeat]uint32) {
	at := func(j int) ntok {
		if j < 0 || j >= len(words) {
			return nEdge
		}
		return nomTok(words[j], j == 0)
	}
	m2, m1, t, p1 := at(i-2), at(i-1), at(i), at(i+1)
	k := func(tmpl, v uint64) uint32 { return slot(weights.Key(tmpl, v), mask) }
	k2 := func(tmpl, a, b uint64) uint32 { return slot(weights.Key2(tmpl, a, b), mask) }
	*f = [nNomFeat]uint32{
		k(vBias, 0),
		k(vWord, t.word),
		k(vSuf3, t.suf3),
		k(vSuf2, t.suf2),
		k(vShape, t.shape),
		k(vWordM1, m1.word),
		k(vSufM1, m1.suf3),
		k2(vShapeM1, m1.shape, t.shape),
		k(vWordM2, m2.word),
		k(vWordP1, p1.word),
		k(vSufP1, p1.suf3),
		k2(vShapeP1, t.shape, p1.shape),
	}
}

// Score returns the model's score of words[i] being a noun or an adjective: positive for
// one, on a scale where the largest weight is 32,000. words are the tokens of one sentence
// as nlp.Tokenize makes them.
func (m *NominalModel) Score(words []string, i int) int32 {
	var f [nNomFeat]uint32
	nomFeatures(words, i, m.mask, &f)
	var s int32
	for _, k := range f {
		s += signed(m.w, k)
	}
	return s
}

// Nominal reports whether words[i] is used as a noun or an adjective in its sentence.
func (m *NominalModel) Nominal(words []string, i int) bool { return m.Score(words, i) > 0 }

// IsNominalTag reports whether a Penn tag is a noun's or an adjective's (NN, NNS, NNP,
// NNPS, JJ, JJR, JJS): what NominalModel predicts.
func IsNominalTag(tag string) bool {
	return len(tag) >= 2 && (tag[:2] == "NN" || tag[:2] == "JJ")
}

const nominalMagic = "HERALD-NOMINAL-1\n"

// Bounds of the table size (log2 of the number of weights) a model file may have.
const minNomBits, maxNomBits = 4, 22

// Save writes the model: magic, uint8 log2 of the table size, then the int16 weights,
// little-endian.
func (m *NominalModel) Save(out io.Writer) error {
	b := make([]byte, 0, len(nominalMagic)+1+2*len(m.w))
	b = append(b, nominalMagic...)
	b = append(b, byte(bitsOf(len(m.w))))
	for _, w := range m.w {
		b = binary.LittleEndian.AppendUint16(b, uint16(w))
	}
	_, err := out.Write(b)
	return err
}

func bitsOf(n int) int {
	b := 0
	for 1<<b < n {
		b++
	}
	return b
}

// LoadNominal reads a model written by Save.
func LoadNominal(r io.Reader) (*NominalModel, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(len(nominalMagic)+1+2<<maxNomBits+1)))
	if err != nil {
		return nil, fmt.Errorf("parse: load nominal model: %w", err)
	}
	return decodeNominal(data)
}

func decodeNominal(data []byte) (*NominalModel, error) {
	if len(data) < len(nominalMagic)+1 || string(data[:len(nominalMagic)]) != nominalMagic {
		return nil, errors.New("parse: load nominal model: not a Herald nominal model")
	}
	bits := int(data[len(nominalMagic)])
	rest := data[len(nominalMagic)+1:]
	if bits < minNomBits || bits > maxNomBits {
		return nil, fmt.Errorf("parse: load nominal model: table of 2^%d weights", bits)
	}
	if len(rest) != 2<<bits {
		return nil, fmt.Errorf("parse: load nominal model: %d bytes of weights, want %d", len(rest), 2<<bits)
	}
	m := &NominalModel{w: make([]int16, 1<<bits), mask: 1<<bits - 1}
	for i := range m.w {
		m.w[i] = int16(binary.LittleEndian.Uint16(rest[2*i:]))
	}
	return m, nil
}

// The model is derived from UD English EWT (CC BY-SA 4.0) like parse.bin, and shared
// under the same licence (model/LICENSE-EWT.txt).
//
//go:embed model/nominal.bin
var embeddedNominal []byte

var defaultNominal = embedded("nominal model", embeddedNominal, decodeNominal)

// DefaultNominal returns the model built into the binary, loaded on first use.
func DefaultNominal() *NominalModel { return defaultNominal() }
