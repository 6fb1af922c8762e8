package dict

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"

	"github.com/heraldnews/herald/lestr"
)

// Parsing the gazetteer's text files into tries took ~70 ms, a third of a one-file run's
// start-up, and decoding them into Go slices still ~30 ms, most of it the page faults of
// 6.5 MB of fresh heap. So Compile stores the built tables as fixed-width little-endian
// records, and a Dict reads them in place from the embedded snapshot: loading it
// allocates next to nothing, and only the pages a run looks at are ever read.
//
// Layout: magic; nine uint32 counts (string bytes, entries, then per trie, names and
// agents: phrases, slots, nodes, and last the entries with terms); the strings' bytes;
// the entries (entrySize bytes: kind, then name, country, code and type, each as offset
// and length in the strings, uint32); the terms table (termRecSize bytes per entry with
// terms, by entry index: the index, then the encoded terms as offset and length in the
// strings); per trie its slots, nodes, first-word bitset (firstBits/8 bytes) and edge
// bitset (a byte per slot); and the union of the two first-word bitsets. Strings are stored as
// offset and length where they are used, not as indices into a table of offsets: an
// entry is then read from one record, not from five places. The few office holders with
// dated terms are looked up in a table of their own rather than given a sixth string in
// every entry: 8 bytes times ~30,000 entries for a few hundred people.

const (
	snapshotFile  = "data/gazetteer.bin"
	snapshotMagic = "HERALD-DICT-4\n"
	snapshotCount = 9 // uint32 counts after the magic
	entrySize     = 1 + 4*8
	termRecSize   = 4 * 3
)

//go:embed data/gazetteer.bin
var snapshot string

// snap is the part of a Dict read from a snapshot besides the tries.
type snap struct {
	blob    string
	entries string // entrySize bytes per entry
	terms   string // termRecSize bytes per entry with terms, by entry index
	first   string // the union of the tries' first-word bitsets: one test answers for both
}

// str returns the string whose offset and length r starts with.
func (s *snap) str(r string) string {
	_ = r[7]
	return s.blob[lestr.Uint32(r):][:lestr.Uint32(r[4:])]
}

func (s *snap) nentries() int { return len(s.entries) / entrySize }

func (s *snap) entry(i int32) Entry {
	r := s.entries[int(i)*entrySize : int(i)*entrySize+entrySize]
	e := Entry{Kind: Kind(r[0]), Name: s.str(r[1:]), Country: s.str(r[9:]), Code: s.str(r[17:]), Type: s.str(r[25:])}
	if e.Kind == Person && s.terms != "" {
		e.terms = s.termsOf(i)
	}
	return e
}

// termsOf returns the encoded terms of entry i, "" when it has none: a binary search of
// the terms table.
func (s *snap) termsOf(i int32) string {
	lo, hi := 0, len(s.terms)/termRecSize
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		r := s.terms[m*termRecSize:]
		switch k := int32(lestr.Uint32(r)); {
		case k == i:
			return s.str(r[4:])
		case k < i:
			lo = m + 1
		default:
			hi = m
		}
	}
	return ""
}

// Compile parses the gazetteer text files of fsys (the files of data/ as ./gensnap passes
// them) and returns the snapshot Load reads.
func Compile(fsys fs.FS) ([]byte, error) {
	b, err := parseText(fsys)
	if err != nil {
		return nil, err
	}
	return b.encode(), nil
}

// dict freezes b into a Dict.
func (b *builder) dict() *Dict {
	d, err := open(string(b.encode()))
	if err != nil {
		panic("dict: a snapshot just encoded does not open: " + err.Error())
	}
	return d
}

func (b *builder) encode() []byte {
	le := binary.LittleEndian
	var blob, body []byte
	offset := map[string]int{}
	str := func(s string) {
		off, ok := offset[s]
		if !ok {
			off = len(blob)
			offset[s] = off
			blob = append(blob, s...)
		}
		body = le.AppendUint32(body, uint32(off))
		body = le.AppendUint32(body, uint32(len(s)))
	}
	nterms := 0
	for _, e := range b.entries {
		body = append(body, byte(e.Kind))
		for _, s := range []string{e.Name, e.Country, e.Code, e.Type} {
			str(s)
		}
		if e.terms != "" {
			nterms++
		}
	}
	for i, e := range b.entries {
		if e.terms != "" {
			body = le.AppendUint32(body, uint32(i))
			str(e.terms)
		}
	}
	for _, t := range []*mtrie{&b.names, &b.agents} {
		for _, sl := range t.slots {
			body = le.AppendUint64(body, sl.hash)
			body = le.AppendUint32(body, uint32(sl.parent))
			body = le.AppendUint32(body, uint32(sl.child))
		}
		for _, n := range t.nodes {
			str(n.word)
			body = le.AppendUint32(body, uint32(n.entry))
		}
		for _, set := range [][]uint64{t.first, t.edges} {
			for _, w := range set {
				body = le.AppendUint64(body, w)
			}
		}
	}
	for k := range b.names.first {
		body = le.AppendUint64(body, b.names.first[k]|b.agents.first[k])
	}
	out := []byte(snapshotMagic)
	for _, n := range [snapshotCount]int{len(blob), len(b.entries), b.names.phrases, len(b.names.slots), len(b.names.nodes), b.agents.phrases, len(b.agents.slots), len(b.agents.nodes), nterms} {
		out = le.AppendUint32(out, uint32(n))
	}
	return append(append(out, blob...), body...)
}

var errSnapshot = errors.New("truncated or corrupt snapshot")

// open returns the Dict whose tables are those of snapshot s, read in place. It checks
// the sizes of the tables, not their contents (see check), which would read every page
// of them at every start-up: a test checks the embedded snapshot is Compile's output
// byte for byte and passes check, and others are encoded by the same process.
func open(s string) (*Dict, error) {
	var n [snapshotCount]int
	if len(s) < len(snapshotMagic)+4*len(n) || s[:len(snapshotMagic)] != snapshotMagic {
		return nil, errors.New("not a gazetteer snapshot")
	}
	s = s[len(snapshotMagic):]
	for k := range n {
		n[k] = int(lestr.Uint32(s[4*k:]))
	}
	s = s[4*len(n):]
	// cut returns the next count records of size bytes of s, "" and ok false when s is
	// shorter. It divides rather than multiplies, so a huge count cannot overflow.
	ok := true
	cut := func(count, size int) string {
		if !ok || count < 0 || count > len(s)/size {
			ok = false
			return ""
		}
		b := s[:count*size]
		s = s[count*size:]
		return b
	}
	d := &Dict{}
	d.blob, d.entries, d.terms = cut(n[0], 1), cut(n[1], entrySize), cut(n[8], termRecSize)
	for k, t := range []*trie{&d.names, &d.agents} {
		t.phrases = n[2+3*k]
		slots, nodes := n[3+3*k], n[4+3*k]
		if slots < 0 || slots&(slots-1) != 0 || slots%8 != 0 || nodes < 1 || t.phrases < 0 {
			return nil, errSnapshot
		}
		t.slots, t.nodes, t.first, t.edges = cut(slots, slotSize), cut(nodes, nodeSize), cut(firstBits/8, 1), cut(slots, 1)
		if slots > 0 {
			t.mask = uint64(slots - 1)
			t.shift = uint(64 - bits.TrailingZeros(uint(8*slots)))
		}
	}
	d.first = cut(firstBits/8, 1)
	if !ok || s != "" {
		return nil, errSnapshot
	}
	// The country names below read entries' strings: check those first.
	for i := range d.nentries() {
		if Kind(d.entries[i*entrySize]) == Country && !d.entryOK(i) {
			return nil, errSnapshot
		}
	}
	// As parsing filled it: the first country entry of a code names it.
	d.countries = map[string]string{}
	for i := range d.nentries() {
		if Kind(d.entries[i*entrySize]) != Country {
			continue
		}
		if e := d.entry(int32(i)); len(e.Code) == 3 {
			if _, seen := d.countries[e.Code]; !seen {
				d.countries[e.Code] = e.Name
			}
		}
	}
	return d, nil
}

// check checks the contents of the tables open read in place: that every string and
// entry a record points at is there, and every kind is known; that every edge joins two
// nodes, and every probe of the edge table ends at a free slot. With it, a Dict from a
// damaged snapshot is an error rather than a panic or an endless loop in Match.
func (d *Dict) check() error {
	for i := range d.nentries() {
		if !d.entryOK(i) {
			return fmt.Errorf("%w: entry %d", errSnapshot, i)
		}
	}
	// The terms table: person entries, in increasing order (termsOf searches it), whose
	// terms decode without reading past their string.
	prev := int64(-1)
	for k := range len(d.terms) / termRecSize {
		r := d.terms[k*termRecSize:]
		i := int64(lestr.Uint32(r))
		if i <= prev || i >= int64(d.nentries()) || Kind(d.entries[i*entrySize]) != Person || !d.strOK(r[4:]) || !termsOK(d.str(r[4:])) {
			return fmt.Errorf("%w: terms record %d", errSnapshot, k)
		}
		prev = i
	}
	for _, t := range []*trie{&d.names, &d.agents} {
		nodes := len(t.nodes) / nodeSize
		for i := range nodes {
			r := t.nodes[i*nodeSize:]
			if e := int32(lestr.Uint32(r[8:])); !d.strOK(r) || e < -1 || int(e) >= d.nentries() {
				return fmt.Errorf("%w: trie node %d", errSnapshot, i)
			}
		}
		free := len(t.slots) == 0
		for i := range len(t.slots) / slotSize {
			r := t.slots[i*slotSize:]
			parent, child := int32(lestr.Uint32(r[8:])), int32(lestr.Uint32(r[12:]))
			if child == 0 {
				free = true
			} else if parent < 0 || int(parent) >= nodes || child < 0 || int(child) >= nodes {
				return fmt.Errorf("%w: trie slot %d", errSnapshot, i)
			}
		}
		if !free {
			return fmt.Errorf("%w: full edge table", errSnapshot)
		}
	}
	return nil
}

// entryOK reports whether entry i's kind is known and its strings are in the blob.
func (s *snap) entryOK(i int) bool {
	r := s.entries[i*entrySize : (i+1)*entrySize]
	k := Kind(r[0])
	if k < Country || k > Person {
		return false
	}
	for o := 1; o < entrySize; o += 8 {
		if !s.strOK(r[o:]) {
			return false
		}
	}
	return true
}

// strOK reports whether the offset and length r starts with are a string of the blob.
func (s *snap) strOK(r string) bool {
	off, n := uint64(lestr.Uint32(r)), uint64(lestr.Uint32(r[4:]))
	return off+n <= uint64(len(s.blob))
}

// thaw returns a builder holding the tables of snapshot s, for Load to add user files to.
func thaw(s string) (*builder, error) {
	d, err := open(s)
	if err != nil {
		return nil, err
	}
	if err := d.check(); err != nil { // thawing reads every record anyway
		return nil, err
	}
	b := &builder{entries: make([]Entry, d.nentries())}
	for i := range b.entries {
		b.entries[i] = d.entry(int32(i))
	}
	for k, t := range []*trie{&d.names, &d.agents} {
		m := &b.names
		if k == 1 {
			m = &b.agents
		}
		m.phrases = t.phrases
		m.slots = make([]slot, len(t.slots)/slotSize)
		for i := range m.slots {
			r := t.slots[i*slotSize:]
			m.slots[i] = slot{hash: lestr.Uint64(r), parent: int32(lestr.Uint32(r[8:])), child: int32(lestr.Uint32(r[12:]))}
			if m.slots[i].child != 0 {
				m.used++
			}
		}
		m.nodes = make([]node, len(t.nodes)/nodeSize)
		for i := range m.nodes {
			r := t.nodes[i*nodeSize:]
			m.nodes[i] = node{word: d.str(r), entry: int32(lestr.Uint32(r[8:]))}
		}
		m.first, m.edges = words64(t.first), words64(t.edges)
		if len(m.slots) > 0 {
			m.edgeShift = t.shift
		}
	}
	return b, nil
}

// words64 decodes a little-endian bitset into uint64 words; nil for none.
func words64(s string) []uint64 {
	if s == "" {
		return nil
	}
	w := make([]uint64, len(s)/8)
	for i := range w {
		w[i] = lestr.Uint64(s[8*i:])
	}
	return w
}
