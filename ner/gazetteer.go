package ner

import (
	"bufio"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/heraldnews/herald/lestr"
	"github.com/heraldnews/herald/weights"
)

// The gazetteer is generated from the PETRARCH2/Phoenix dictionaries by ./gengaz (see
// README.md). The model's gazetteer features were learnt against this exact list, so a
// model and its gazetteer travel together: retrain after regenerating it.
//
// The binary embeds it compiled (data/gazetteer.bin, made by ./gengaztab; a test checks it
// matches gazetteer.tsv): parsing the list into a map took ~30 ms of every start-up, and
// the compiled table is read in place, with nothing to build or allocate.
//
//go:embed data/gazetteer.bin
var gazetteerBin string

// Gazetteer classes, in the order their bits are laid out in tokInfo.gaz.
var gazClasses = []string{"PER", "LOC", "ORG", "MISC", "FIRST", "LAST", "TITLE"}

const (
	gazTitle     = 6
	gazPrefixBit = 1 << 15 // the phrase continues in a longer entry
	gazMaxLen    = 8       // longest phrase, in tokens, that is looked up
)

// gazetteer maps the hash of a lower-cased token sequence to the classes of the phrases that
// equal it (low bits) and whether it begins a longer phrase (gazPrefixBit).
type gazetteer struct {
	// table is an open-addressing table of slots of gazSlot bytes: the hash (uint64, 0 for
	// a free slot) and its entry (uint16), little-endian, probed linearly from the hash's
	// low bits; mask is its slot count less one.
	table string
	mask  uint64
	// pairs is a bitset over the hashes of the two-word beginnings of longer phrases: most
	// words that begin a phrase ("the", "new", "south") are followed by one that does not
	// continue any, and the bitset answers that without a table lookup.
	pairs string
}

const (
	gazPairBits = 1 << 18 // 32 KB
	gazSlot     = 10
	gazMagic    = "HERALD-GAZ-1\n"
)

func pairBit(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> (64 - 18) }

func gazStep(h, tok uint64) uint64 { return weights.Mix(h ^ tok) }

const gazSeed = 0x6a09e667f3bcc908

// get returns the entry of hash h, 0 when there is none.
func (g *gazetteer) get(h uint64) uint16 {
	for i := h & g.mask; ; i = (i + 1) & g.mask {
		s := g.table[i*gazSlot : i*gazSlot+gazSlot]
		k := lestr.Uint64(s)
		if k == h {
			return lestr.Uint16(s[8:])
		}
		if k == 0 {
			return 0
		}
	}
}

// hasPair reports whether a longer phrase may begin with the two words hashed to h.
func (g *gazetteer) hasPair(h uint64) bool {
	b := pairBit(h)
	return g.pairs[b/8]&(1<<(b%8)) != 0
}

// CompileGazetteer parses a gazetteer list (data/gazetteer.tsv: phrase<TAB>class lines)
// into the form the package embeds (data/gazetteer.bin): the magic, the table's slot
// count (uint32), the table, then the pairs bitset.
func CompileGazetteer(r io.Reader) ([]byte, error) {
	m := map[uint64]uint16{}
	pairs := make([]byte, gazPairBits/8)
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		phrase, class, ok := strings.Cut(s, "\t")
		if !ok {
			return nil, fmt.Errorf("gazetteer line %d: want phrase<TAB>class", line)
		}
		ci := slices.Index(gazClasses, class)
		if ci < 0 {
			return nil, fmt.Errorf("gazetteer line %d: unknown class %q", line, class)
		}
		toks := strings.Fields(phrase)
		if len(toks) == 0 || len(toks) > gazMaxLen {
			continue
		}
		h := uint64(gazSeed)
		for k, tok := range toks {
			h = gazStep(h, lowerHash(tok))
			if h == 0 {
				return nil, fmt.Errorf("gazetteer line %d: phrase hashes to 0, the free-slot mark", line)
			}
			if k == 1 {
				b := pairBit(h)
				pairs[b/8] |= 1 << (b % 8)
			}
			if k < len(toks)-1 {
				m[h] |= gazPrefixBit
			}
		}
		m[h] |= 1 << ci
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	// At most 5/8 full, so that a miss, the common case, probes about three slots.
	size := 1024
	for 8*len(m) > 5*size {
		size *= 2
	}
	// Inserted in key order, the layout depends on the list alone.
	keys := slices.Sorted(maps.Keys(m))
	table := make([]byte, size*gazSlot)
	for _, k := range keys {
		i := k & uint64(size-1)
		for binary.LittleEndian.Uint64(table[i*gazSlot:]) != 0 {
			i = (i + 1) & uint64(size-1)
		}
		binary.LittleEndian.PutUint64(table[i*gazSlot:], k)
		binary.LittleEndian.PutUint16(table[i*gazSlot+8:], m[k])
	}
	out := binary.LittleEndian.AppendUint32([]byte(gazMagic), uint32(size))
	return append(append(out, table...), pairs...), nil
}

// loadGazetteer checks the sizes of a compiled gazetteer and returns it, reading it in
// place. It leaves the slots to check, which would read every page of the table at
// every start-up; a test checks the embedded table is CompileGazetteer's output byte for
// byte and passes check.
func loadGazetteer(data string) (*gazetteer, error) {
	bad := errors.New("ner: compiled gazetteer: truncated or corrupt")
	if !strings.HasPrefix(data, gazMagic) || len(data) < len(gazMagic)+4 {
		return nil, bad
	}
	data = data[len(gazMagic):]
	size := uint64(lestr.Uint32(data))
	data = data[4:]
	if size == 0 || size&(size-1) != 0 || uint64(len(data)) != size*gazSlot+gazPairBits/8 {
		return nil, bad
	}
	return &gazetteer{table: data[:size*gazSlot], mask: size - 1, pairs: data[size*gazSlot:]}, nil
}

// check checks the table's slots: a used slot has an entry (0 is "none"), and there is a
// free slot for every probe of get to end at.
func (g *gazetteer) check() error {
	free := false
	for i := 0; i < len(g.table); i += gazSlot {
		k, v := lestr.Uint64(g.table[i:]), lestr.Uint16(g.table[i+8:])
		if k == 0 {
			free = true
		} else if v == 0 || v&^gazPrefixBit >= 1<<len(gazClasses) {
			return fmt.Errorf("ner: compiled gazetteer: corrupt slot %d", i/gazSlot)
		}
	}
	if !free {
		return errors.New("ner: compiled gazetteer: no free slot")
	}
	return nil
}

// first returns the entry of the one-token phrase whose lower-cased hash is lower (0: none).
func (g *gazetteer) first(lower uint64) uint16 {
	if g == nil {
		return 0
	}
	return g.get(gazStep(gazSeed, lower))
}

// mark sets the gazetteer bits of every token: bit 2c for the first token of a match of
// class c, bit 2c+1 for the tokens inside it.
func (g *gazetteer) mark(ts []tokInfo) {
	for i := range ts {
		ts[i].gaz = 0
	}
	if g == nil {
		return
	}
	for i := range ts {
		h := uint64(gazSeed)
		for j := i; j < len(ts) && j-i < gazMaxLen; j++ {
			h = gazStep(h, ts[j].lower)
			var v uint16
			switch {
			case j == i && ts[i].gaz1Set:
				v = ts[i].gaz1 // looked up once per cached word (see Tagger.word)
			case j == i+1 && !g.hasPair(h):
				// no phrase begins with these two words: v stays 0
			default:
				v = g.get(h)
			}
			if v == 0 {
				break
			}
			if cls := v &^ gazPrefixBit; cls != 0 {
				// A name starts and ends in a capitalised (or cased-out) word; a lower-case
				// "china" or a trailing "of" is not a match. Titles are lower case in
				// running text, so they are exempt.
				capsOK := ts[i].flags&flLower == 0 && ts[j].flags&flLower == 0
				for c := 0; c < len(gazClasses); c++ {
					if cls&(1<<c) == 0 || (!capsOK && c != gazTitle) {
						continue
					}
					ts[i].gaz |= 1 << (2 * c)
					for k := i + 1; k <= j; k++ {
						ts[k].gaz |= 1 << (2*c + 1)
					}
				}
			}
			if v&gazPrefixBit == 0 {
				break
			}
		}
	}
}
