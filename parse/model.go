package parse

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/heraldnews/herald/weights"
)

// maxClasses bounds the tag and relation sets (a class is a byte in a packed entry, and
// score arrays are this long).
const maxClasses = 64

// sparse is a weight table for the many-class models (tagger, labeller). A perceptron only
// ever moves the weights of the classes it confused, so most rows have a handful of
// non-zero weights out of ~50: each row keeps just those, as entries weight<<8 | class in
// one flat array, and the table maps a feature key to offset<<8 | count.
type sparse struct {
	tab  weights.Table[uint32]
	keys []uint64 // row order, kept for Save
	refs []uint32 // offset<<8 | count per row
	ents []int32
}

func newSparse(keys []uint64, refs []uint32, ents []int32) sparse {
	return sparse{tab: weights.New(keys, func(i int) uint32 { return refs[i] }), keys: keys, refs: refs, ents: ents}
}

// add adds the weights of feature k to the scores.
func (s *sparse) add(sc *[maxClasses]int32, k uint64) {
	if r := s.tab.Lookup(k); r != nil {
		off, n := *r>>8, *r&0xff
		for _, e := range s.ents[off : off+n] {
			sc[e&0xff] += e >> 8
		}
	}
}

// dense is the weight table of the transition model, whose three classes fit one slot.
type dense struct {
	tab  weights.Table[[nMoves]int16]
	keys []uint64
	rows [][nMoves]int16
}

func newDense(keys []uint64, rows [][nMoves]int16) dense {
	return dense{tab: weights.New(keys, func(i int) [nMoves]int16 { return rows[i] }), keys: keys, rows: rows}
}

const modelMagic = "HERALD-PARSE-1\n"

// Save writes the model: magic, the tag and relation names (uint8 count, then uint8 length
// and bytes each), the tag dictionary (uint32 count, uint64 keys, uint8 tags), the tagger
// and labeller as sparse tables (uint32 rows, uint64 keys, uint8 counts, then per entry a
// uint8 class and an int16 weight) around the transition table (uint32 rows, uint64 keys,
// three int16 weights per row); all little-endian.
func (p *Parser) Save(out io.Writer) error {
	bw := bufio.NewWriter(out)
	le := binary.LittleEndian
	bw.WriteString(modelMagic)
	for _, names := range [][]string{p.tags, p.rels} {
		bw.WriteByte(byte(len(names)))
		for _, n := range names {
			bw.WriteByte(byte(len(n)))
			bw.WriteString(n)
		}
	}
	binary.Write(bw, le, uint32(len(p.dictKeys)))
	binary.Write(bw, le, p.dictKeys)
	bw.Write(p.dictTags)
	writeSparse := func(s *sparse) {
		binary.Write(bw, le, uint32(len(s.keys)))
		binary.Write(bw, le, s.keys)
		for _, r := range s.refs {
			bw.WriteByte(byte(r & 0xff))
		}
		for _, r := range s.refs {
			for _, e := range s.ents[r>>8 : r>>8+r&0xff] {
				bw.WriteByte(byte(e & 0xff))
				binary.Write(bw, le, int16(e>>8))
			}
		}
	}
	writeSparse(&p.tagger)
	binary.Write(bw, le, uint32(len(p.arcs.keys)))
	binary.Write(bw, le, p.arcs.keys)
	binary.Write(bw, le, p.arcs.rows)
	writeSparse(&p.labeller)
	return bw.Flush()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Parser, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("parse: load: %w", err)
	}
	return decodeModel(data)
}

var errShort = errors.New("parse: load: truncated model")

// decodeModel reads a model from its bytes.
func decodeModel(data []byte) (*Parser, error) {
	if len(data) < len(modelMagic) || string(data[:len(modelMagic)]) != modelMagic {
		return nil, errors.New("parse: load: not a Herald parser model")
	}
	rest := data[len(modelMagic):]
	bad := false
	next := func(n int) []byte {
		if bad || n < 0 || n > len(rest) {
			bad = true
			return make([]byte, max(n, 0))
		}
		b := rest[:n]
		rest = rest[n:]
		return b
	}
	le := binary.LittleEndian
	count := func(limit int) int {
		n := int(le.Uint32(next(4)))
		if n > limit || n > len(rest) {
			bad = true
			return 0
		}
		return n
	}
	p := &Parser{}
	for _, names := range []*[]string{&p.tags, &p.rels} {
		n := int(next(1)[0])
		if n == 0 || n > maxClasses {
			return nil, errors.New("parse: load: bad class count")
		}
		for range n {
			*names = append(*names, string(next(int(next(1)[0]))))
		}
	}
	// Save writes every key list sorted; requiring strictly increasing keys also keeps a
	// corrupt file from filling a table with one repeated key, whose linear probing
	// would take quadratic time.
	keys := func(n int) []uint64 {
		b := next(8 * n)
		k := make([]uint64, n)
		for i := range k {
			k[i] = le.Uint64(b[8*i:])
			if i > 0 && k[i] <= k[i-1] {
				bad = true
			}
		}
		return k
	}
	n := count(1 << 24)
	p.dictKeys = keys(n)
	p.dictTags = append([]byte(nil), next(n)...)
	// Tables are built only from complete sections: a truncated one would be all zero
	// keys, which probe the open-addressing table in quadratic time.
	readSparse := func(nClass int) sparse {
		n := count(1 << 24)
		ks := keys(n)
		cb := next(n)
		refs := make([]uint32, n)
		total := 0
		for i, c := range cb {
			refs[i] = uint32(total)<<8 | uint32(c)
			total += int(c)
		}
		eb := next(3 * total)
		ents := make([]int32, total)
		for i := range ents {
			c := eb[3*i]
			if int(c) >= nClass {
				bad = true
			}
			ents[i] = int32(int16(le.Uint16(eb[3*i+1:])))<<8 | int32(c)
		}
		if bad {
			return sparse{}
		}
		return newSparse(ks, refs, ents)
	}
	p.tagger = readSparse(len(p.tags))
	n = count(1 << 24)
	ak := keys(n)
	wb := next(2 * nMoves * n)
	rows := make([][nMoves]int16, n)
	for i := range rows {
		for j := range nMoves {
			rows[i][j] = int16(le.Uint16(wb[2*(nMoves*i+j):]))
		}
	}
	if bad {
		return nil, errShort
	}
	p.arcs = newDense(ak, rows)
	p.labeller = readSparse(len(p.rels))
	if bad {
		return nil, errShort
	}
	if len(rest) != 0 {
		return nil, errors.New("parse: load: trailing bytes after the model")
	}
	p.init()
	return p, nil
}

// quantScale returns the factor that maps the largest absolute weight to the int16 range.
func quantScale(maxAbs float64) float64 {
	if maxAbs == 0 {
		return 1
	}
	return 32000 / maxAbs
}

func quant(w, scale float64) int16 {
	return int16(max(-32767, min(32767, math.Round(w*scale))))
}
