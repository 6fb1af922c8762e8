package ner

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/heraldnews/herald/weights"
)

// The gazetteer is generated from the PETRARCH2/Phoenix dictionaries by ./gengaz (see
// data/README.md). The model's gazetteer features were learnt against this exact list, so a
// model and its gazetteer travel together: retrain after regenerating it.
//
//go:embed data/gazetteer.tsv
var gazetteerTSV string

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
	m map[uint64]uint16
	// pairs is a bitset over the hashes of the two-word beginnings of longer phrases: most
	// words that begin a phrase ("the", "new", "south") are followed by one that does not
	// continue any, and the bitset answers that without a map lookup.
	pairs []uint64
}

const gazPairBits = 1 << 18 // 32 KB

func pairBit(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> (64 - 18) }

func gazStep(h, tok uint64) uint64 { return weights.Mix(h ^ tok) }

const gazSeed = 0x6a09e667f3bcc908

func parseGazetteer(r io.Reader) (*gazetteer, error) {
	g := &gazetteer{m: make(map[uint64]uint16, 1<<16), pairs: make([]uint64, gazPairBits/64)}
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
		ci := -1
		for k, c := range gazClasses {
			if c == class {
				ci = k
			}
		}
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
			if k == 1 {
				b := pairBit(h)
				g.pairs[b/64] |= 1 << (b % 64)
			}
			if k < len(toks)-1 {
				g.m[h] |= gazPrefixBit
			}
		}
		g.m[h] |= 1 << ci
	}
	return g, sc.Err()
}

// first returns the entry of the one-token phrase whose lower-cased hash is lower (0: none).
func (g *gazetteer) first(lower uint64) uint16 {
	if g == nil {
		return 0
	}
	return g.m[gazStep(gazSeed, lower)]
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
			case j == i+1 && g.pairs[pairBit(h)/64]&(1<<(pairBit(h)%64)) == 0:
				// no phrase begins with these two words: v stays 0
			default:
				v = g.m[h]
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
