package event

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/heraldnews/herald/lestr"
)

// Parsing the verb dictionary (data/*.tsv) took ~40 ms of every start-up, most of it
// allocating: the files were split into ~120,000 strings, slices and map entries. Compile
// stores the parsed coder, and Default decodes it: the strings it keeps are slices of the
// embedded snapshot, and the slices are made once at their final size.
//
// Layout, all integers uint32 little-endian (int32 stored as their bits): magic; the
// words (string: length, then bytes); the vocabulary's spellings in key order (string, word
// id); the closed-class bits per word; the verbs (block, code, rev, lemma); per word its
// forms (count; verb, flags, pre, post); the synsets (count of phrases; phrases); the
// blocks (name; count of patterns; code, rev, text, weight, only, need (4 × 2 uint32), pre and
// post items (count; flags, prep, alts)); the vocabulary table's slot count and slots
// (see vocabSlot; read in place, they point at the spellings above), and the vocabulary
// filter (vocabBits/8 bytes). A list of ids is its length plus one, then the ids, with 0
// for nil, so that nil and empty lists come back as they were.

const coderMagic = "HERALD-EVENT-2\n"

//go:embed data/coder.bin
var coderSnapshot string

// Compile parses the embedded verb dictionary and returns the snapshot Default decodes
// (data/coder.bin, written by ./gensnap).
func Compile() ([]byte, error) {
	c, err := newCoder()
	if err != nil {
		return nil, err
	}
	return c.encode(), nil
}

type encoder struct{ b []byte }

func (e *encoder) u32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *encoder) i32(v int32)  { e.u32(uint32(v)) }

func (e *encoder) str(s string) {
	e.u32(uint32(len(s)))
	e.b = append(e.b, s...)
}

// putList writes xs as a list (its length plus one, 0 for nil, so that nil and empty
// lists come back as they were), each element with put.
func putList[T any](e *encoder, xs []T, put func(*encoder, T)) {
	if xs == nil {
		e.u32(0)
		return
	}
	e.u32(uint32(len(xs)) + 1)
	for _, x := range xs {
		put(e, x)
	}
}

func (e *encoder) ids(p []int32)       { putList(e, p, (*encoder).i32) }
func (e *encoder) phrases(ps []phrase) { putList(e, ps, func(e *encoder, p phrase) { e.ids(p) }) }
func (e *encoder) items(its []item)    { putList(e, its, (*encoder).item) }

func (e *encoder) item(it item) {
	e.u32(b2u(it.target))
	e.ids(it.prep)
	e.phrases(it.alts)
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

func (c *Coder) encode() []byte {
	e := &encoder{b: []byte(coderMagic)}
	e.u32(uint32(len(c.words)))
	for _, w := range c.words {
		e.str(w)
	}
	vocab := c.spellings()
	e.u32(uint32(len(vocab)))
	offs := make([]int, len(vocab)) // where each spelling's bytes are in the snapshot
	for i, sp := range vocab {
		e.u32(uint32(len(sp.word)))
		offs[i] = len(e.b)
		e.b = append(e.b, sp.word...)
		e.i32(sp.id)
	}
	for _, k := range c.class {
		e.u32(k)
	}
	e.u32(uint32(len(c.verbs)))
	for _, v := range c.verbs {
		e.i32(v.block)
		e.str(v.code)
		e.str(v.rev)
		e.str(v.lemma)
	}
	for _, fs := range c.formsByID {
		e.u32(uint32(len(fs)))
		for _, f := range fs {
			e.i32(f.verb)
			e.u32(b2u(f.past) | b2u(f.base)<<1)
			e.ids(f.pre)
			e.ids(f.post)
		}
	}
	e.u32(uint32(len(c.synsets)))
	for _, ps := range c.synsets {
		e.phrases(ps)
	}
	e.u32(uint32(len(c.blocks)))
	for _, b := range c.blocks {
		e.str(b.name)
		e.u32(uint32(len(b.patterns)))
		for _, p := range b.patterns {
			e.str(p.code)
			e.str(p.rev)
			e.str(p.text)
			e.i32(int32(p.weight))
			e.i32(p.only)
			for _, w := range p.need {
				e.u32(uint32(w))
				e.u32(uint32(w >> 32))
			}
			e.items(p.pre)
			e.items(p.post)
		}
	}
	// The vocabulary table, at most half full, filled in key order; its words are the
	// spellings above. Then the filter.
	size := 1
	for size < 2*len(vocab) {
		size <<= 1
	}
	tab := make([]byte, size*vocabSlot)
	le := binary.LittleEndian
	for i := 0; i < len(tab); i += vocabSlot {
		le.PutUint32(tab[i+8:], ^uint32(0)) // id -1: free
	}
	bits := make([]byte, vocabBits/8)
	for i, sp := range vocab {
		h := fnv(sp.word)
		b := vocabBit(h)
		bits[b/8] |= 1 << (b % 8)
		j := b & uint64(size-1)
		for int32(le.Uint32(tab[j*vocabSlot+8:])) >= 0 {
			j = (j + 1) & uint64(size-1)
		}
		sl := tab[j*vocabSlot:]
		le.PutUint64(sl, h)
		le.PutUint32(sl[8:], uint32(sp.id))
		le.PutUint32(sl[12:], uint32(offs[i]))
		le.PutUint32(sl[16:], uint32(len(sp.word)))
	}
	e.u32(uint32(size))
	e.b = append(e.b, tab...)
	return append(e.b, bits...)
}

var errSnapshot = errors.New("truncated or corrupt snapshot")

// decoder reads the snapshot. A read past the end sets err and returns zeros; counts are
// checked against the bytes left, so a corrupt one cannot make it allocate wildly.
type decoder struct {
	s   string
	err error
	// The coder holds ~40,000 small lists; taken from shared chunks they cost an
	// allocation per chunk rather than per list.
	idSlab      slab[int32]
	phraseSlab  slab[phrase]
	itemSlab    slab[item]
	formSlab    slab[form]
	patternSlab slab[pattern]
	needSlab    slab[wordSet]
}

// slab hands out slices of T carved from chunks of at least slabChunk elements. Each is
// capped at its length, so an append to it cannot overwrite its neighbour.
type slab[T any] struct{ free []T }

const slabChunk = 1024

func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return []T{}
	}
	if n > len(s.free) {
		s.free = make([]T, max(n, slabChunk))
	}
	p := s.free[:n:n]
	s.free = s.free[n:]
	return p
}

func (d *decoder) u32() uint32 {
	if len(d.s) < 4 {
		d.err, d.s = errSnapshot, ""
		return 0
	}
	v := uint32(d.s[0]) | uint32(d.s[1])<<8 | uint32(d.s[2])<<16 | uint32(d.s[3])<<24
	d.s = d.s[4:]
	return v
}

func (d *decoder) i32() int32 { return int32(d.u32()) }

// next returns the next n bytes.
func (d *decoder) next(n int) string {
	if n < 0 || n > len(d.s) {
		d.err, d.s = errSnapshot, ""
		return ""
	}
	b := d.s[:n]
	d.s = d.s[n:]
	return b
}

// count reads a count of records of at least size bytes each.
func (d *decoder) count(size int) int {
	n := int(d.u32())
	if n < 0 || n > len(d.s)/size { // n < 0: a count past MaxInt32 where int is 32 bits
		d.err, d.s = errSnapshot, ""
		return 0
	}
	return n
}

func (d *decoder) str() string {
	n := d.count(1)
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// list reads a count stored plus one (0 for a nil list) of records of at least size
// bytes each: -1 for nil.
func (d *decoder) list(size int) int {
	n := int(d.u32()) - 1
	if n < -1 || n > len(d.s)/size {
		d.err, d.s = errSnapshot, ""
		return 0
	}
	return n
}

// listOf reads a list putList wrote, of records of at least size bytes each, into a
// slice taken from sl, each element with get.
func listOf[T any](d *decoder, sl *slab[T], size int, get func(*decoder) T) []T {
	n := d.list(size)
	if n < 0 {
		return nil
	}
	p := sl.take(n)
	for i := range p {
		p[i] = get(d)
	}
	return p
}

func (d *decoder) ids() []int32 { return listOf(d, &d.idSlab, 4, (*decoder).i32) }
func (d *decoder) phrases() []phrase {
	return listOf(d, &d.phraseSlab, 4, func(d *decoder) phrase { return d.ids() })
}
func (d *decoder) items() []item { return listOf(d, &d.itemSlab, 12, (*decoder).item) }

func (d *decoder) item() item {
	return item{target: d.u32() != 0, prep: d.ids(), alts: d.phrases()}
}

// decodeCoder rebuilds the coder encode stored, without its gazetteer. It checks the
// lengths and word ids it reads, so a damaged snapshot is an error rather than a panic,
// but not the vocabulary table's slots, which it reads in place: checking them
// (checkVocab) touched every page of the table (4 MB more resident memory), and tests
// check the embedded snapshot is Compile's output byte for byte and passes checkVocab.
func decodeCoder(s string) (*Coder, error) {
	if len(s) < len(coderMagic) || s[:len(coderMagic)] != coderMagic {
		return nil, errors.New("not a verb dictionary snapshot")
	}
	d := &decoder{s: s[len(coderMagic):]}
	c := &Coder{}
	c.words = make([]string, d.count(4))
	for i := range c.words {
		c.words[i] = d.str()
	}
	nw := int32(len(c.words))
	nvocab := d.count(8)
	for range nvocab {
		d.str() // read in place through the vocabulary table below
		if id := d.i32(); id < 0 || id >= nw {
			return nil, errSnapshot
		}
	}
	c.class = make([]uint32, len(c.words))
	for i := range c.class {
		c.class[i] = d.u32()
	}
	c.verbs = make([]verb, d.count(16))
	for i := range c.verbs {
		c.verbs[i] = verb{block: d.i32(), code: d.str(), rev: d.str(), lemma: d.str()}
	}
	c.formsByID = make([][]form, len(c.words))
	for id := range c.formsByID {
		n := d.count(16)
		if n == 0 {
			continue
		}
		fs := d.formSlab.take(n)
		for i := range fs {
			fs[i].verb = d.i32()
			flags := d.u32()
			fs[i].past, fs[i].base = flags&1 != 0, flags&2 != 0
			fs[i].pre, fs[i].post = d.ids(), d.ids()
		}
		c.formsByID[id] = fs
	}
	c.synsets = make([][]phrase, d.count(4))
	for i := range c.synsets {
		c.synsets[i] = d.phrases()
	}
	c.blocks = make([]block, d.count(8))
	for i := range c.blocks {
		b := &c.blocks[i]
		b.name = d.str()
		if n := d.count(56); n > 0 { // a block without patterns has them nil, as parsed
			b.patterns = d.patternSlab.take(n)
		}
		b.needs = d.needSlab.take(len(b.patterns))
		for k := range b.patterns {
			p := &b.patterns[k]
			p.code, p.rev, p.text = d.str(), d.str(), d.str()
			p.weight = int(d.i32())
			p.only = d.i32()
			for w := range p.need {
				p.need[w] = uint64(d.u32()) | uint64(d.u32())<<32
			}
			p.pre, p.post = d.items(), d.items()
			b.needs[k] = p.need
		}
	}
	size := int(d.u32())
	c.vtab, c.vocabBits, c.vtext = d.next(size*vocabSlot), d.next(vocabBits/8), s
	if d.err != nil {
		return nil, d.err
	}
	if d.s != "" || size < 1 || size&(size-1) != 0 || size < 2*nvocab {
		return nil, errSnapshot
	}
	// Word ids index the tables by word: check them once here rather than on every use.
	// A synset member is ^synset index when negative.
	ns := int32(len(c.synsets))
	okID := func(id int32) bool { return id < nw && ^id < ns }
	okIDs := func(p []int32) bool {
		for _, id := range p {
			if !okID(id) {
				return false
			}
		}
		return true
	}
	for _, ps := range c.synsets {
		for _, p := range ps {
			if len(p) == 0 || !okIDs(p) {
				return nil, errSnapshot
			}
		}
	}
	for _, fs := range c.formsByID {
		for _, f := range fs {
			if f.verb < 0 || int(f.verb) >= len(c.verbs) || !okIDs(f.pre) || !okIDs(f.post) {
				return nil, errSnapshot
			}
		}
	}
	for _, v := range c.verbs {
		if v.block < 0 || int(v.block) >= len(c.blocks) {
			return nil, errSnapshot
		}
	}
	for _, b := range c.blocks {
		for _, p := range b.patterns {
			if p.only < -1 || int(p.only) >= len(c.verbs) {
				return nil, errSnapshot
			}
			for _, its := range [2][]item{p.pre, p.post} {
				for _, it := range its {
					if !okIDs(it.prep) {
						return nil, errSnapshot
					}
					for _, a := range it.alts {
						if !okIDs(a) {
							return nil, errSnapshot
						}
					}
				}
			}
		}
	}
	c.index()
	return c, nil
}

// checkVocab checks the vocabulary table decodeCoder reads in place: every slot is free
// or holds a word id and a spelling of the snapshot that hashes to its key, and there is
// a free slot for every probe to end at. With it, a damaged table is an error rather than
// a panic, an endless loop or a wrong word in lookupWord.
func (c *Coder) checkVocab() error {
	free := false
	for i := 0; i < len(c.vtab); i += vocabSlot {
		sl := c.vtab[i : i+vocabSlot]
		id := int32(lestr.Uint32(sl[8:]))
		if id < 0 {
			free = true
			continue
		}
		off, n := uint64(lestr.Uint32(sl[12:])), uint64(lestr.Uint32(sl[16:]))
		if int(id) >= len(c.words) || off+n > uint64(len(c.vtext)) || fnv(c.vtext[off:off+n]) != lestr.Uint64(sl) {
			return fmt.Errorf("%w: vocabulary slot %d", errSnapshot, i/vocabSlot)
		}
	}
	if !free {
		return fmt.Errorf("%w: full vocabulary table", errSnapshot)
	}
	return nil
}
