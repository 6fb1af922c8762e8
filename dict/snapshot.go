package dict

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"io/fs"
	"math/bits"
)

// Parsing the gazetteer's text files into the tries took ~70 ms, a third of a one-file
// run's start-up. Compile stores the built Dict instead, and Load decodes it in about a
// millisecond: the tables are fixed-width little-endian arrays copied in the order they
// were built (no hashing, no rehashing), and every string is a slice of the embedded
// snapshot rather than an allocation.
//
// Layout: magic; the string table (count, each string's end offset, then the bytes);
// the entries (kind u8, then name, country, code and type as string indices, u32); then
// the names trie and the agents trie, each: phrases, the slot count and the used slots
// (index u32, hash u64, parent and child i32), the nodes (word index u32, entry i32),
// and the first and edges bitsets (count u32, then u64s). Counts are u32.

const (
	snapshotFile  = "data/gazetteer.bin"
	snapshotMagic = "HERALD-DICT-1\n"
)

//go:embed data/gazetteer.bin
var snapshot string

// Compile parses the gazetteer text files of fsys (the files of data/ as ./gensnap passes
// them) and returns the snapshot Load decodes.
func Compile(fsys fs.FS) ([]byte, error) {
	d, err := parseText(fsys)
	if err != nil {
		return nil, err
	}
	return encode(d), nil
}

func encode(d *Dict) []byte {
	var strs []string
	index := map[string]uint32{}
	str := func(s string) uint32 {
		i, ok := index[s]
		if !ok {
			i = uint32(len(strs))
			index[s] = i
			strs = append(strs, s)
		}
		return i
	}
	// Intern first, so that the string table can go first and the decoder can slice
	// strings as it reads the entries.
	var body []byte
	le := binary.LittleEndian
	body = le.AppendUint32(body, uint32(len(d.entries)))
	for _, e := range d.entries {
		body = append(body, byte(e.Kind))
		for _, s := range []string{e.Name, e.Country, e.Code, e.Type} {
			body = le.AppendUint32(body, str(s))
		}
	}
	for _, t := range []*trie{&d.names, &d.agents} {
		body = le.AppendUint32(body, uint32(t.phrases))
		body = le.AppendUint32(body, uint32(len(t.slots)))
		body = le.AppendUint32(body, uint32(t.used))
		for i, sl := range t.slots {
			if sl.child != 0 {
				body = le.AppendUint32(body, uint32(i))
				body = le.AppendUint64(body, sl.hash)
				body = le.AppendUint32(body, uint32(sl.parent))
				body = le.AppendUint32(body, uint32(sl.child))
			}
		}
		body = le.AppendUint32(body, uint32(len(t.nodes)))
		for _, n := range t.nodes {
			body = le.AppendUint32(body, str(n.word))
			body = le.AppendUint32(body, uint32(n.entry))
		}
		for _, set := range [][]uint64{t.first, t.edges} {
			body = le.AppendUint32(body, uint32(len(set)))
			for _, w := range set {
				body = le.AppendUint64(body, w)
			}
		}
	}
	out := []byte(snapshotMagic)
	out = le.AppendUint32(out, uint32(len(strs)))
	end := 0
	for _, s := range strs {
		end += len(s)
		out = le.AppendUint32(out, uint32(end))
	}
	for _, s := range strs {
		out = append(out, s...)
	}
	return append(out, body...)
}

var errSnapshot = errors.New("truncated or corrupt snapshot")

// reader reads the snapshot's fixed-width fields. A read past the end sets err and
// returns zeros, so decode checks once per table rather than per field.
type reader struct {
	s   string
	err error
}

func (r *reader) next(n int) string {
	if r.err != nil || len(r.s) < n {
		r.err = errSnapshot
		return ""
	}
	b := r.s[:n]
	r.s = r.s[n:]
	return b
}

func (r *reader) u8() uint8 {
	if b := r.next(1); b != "" {
		return b[0]
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.next(4); b != "" {
		return le32(b)
	}
	return 0
}

// le32 decodes the first four bytes of b, which must have them.
func le32(b string) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func (r *reader) u64() uint64 {
	b := r.next(8)
	if b == "" {
		return 0
	}
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// count reads a table length and checks the rest of the snapshot can hold that many
// records of size bytes, so a corrupt length cannot make decode allocate wildly.
func (r *reader) count(size int) int {
	n := int(r.u32())
	if r.err == nil && n > len(r.s)/size {
		r.err = errSnapshot
	}
	if r.err != nil {
		return 0
	}
	return n
}

// decode rebuilds the Dict that encode stored. It checks the lengths and indices it
// reads, so a damaged snapshot is an error rather than a panic; the contents it trusts,
// since a test checks the embedded snapshot is Compile's output byte for byte.
func decode(s string) (*Dict, error) {
	r := &reader{s: s}
	if r.next(len(snapshotMagic)) != snapshotMagic {
		return nil, errors.New("not a gazetteer snapshot")
	}
	nstr := r.count(4)
	ends := r.next(4 * nstr)
	blob := ""
	if nstr > 0 {
		blob = r.next(int(le32(ends[len(ends)-4:])))
	}
	if r.err != nil {
		return nil, r.err
	}
	// str returns string i; out-of-range indices and offsets set the reader's error.
	str := func(i uint32) string {
		if int(i) >= nstr {
			r.err = errSnapshot
			return ""
		}
		start := uint32(0)
		if i > 0 {
			start = le32(ends[4*(i-1):])
		}
		end := le32(ends[4*i:])
		if start > end || int(end) > len(blob) {
			r.err = errSnapshot
			return ""
		}
		return blob[start:end]
	}
	d := &Dict{countries: map[string]string{}}
	d.entries = make([]Entry, r.count(17))
	for i := range d.entries {
		e := &d.entries[i]
		e.Kind = Kind(r.u8())
		e.Name, e.Country, e.Code, e.Type = str(r.u32()), str(r.u32()), str(r.u32()), str(r.u32())
		// As parseLine fills it: the first country entry of a code names it.
		if e.Kind == Country && len(e.Code) == 3 {
			if _, seen := d.countries[e.Code]; !seen {
				d.countries[e.Code] = e.Name
			}
		}
	}
	for _, t := range []*trie{&d.names, &d.agents} {
		t.phrases = int(r.u32())
		size := int(r.u32())
		if size&(size-1) != 0 || size < 8 || size > 1<<26 {
			return nil, errSnapshot
		}
		t.slots = make([]slot, size)
		t.edgeShift = uint(64 - bits.TrailingZeros(uint(8*size)))
		t.used = r.count(20)
		for range t.used {
			i := r.u32()
			sl := slot{hash: r.u64(), parent: int32(r.u32()), child: int32(r.u32())}
			if int(i) >= size {
				return nil, errSnapshot
			}
			t.slots[i] = sl
		}
		t.nodes = make([]node, r.count(8))
		for i := range t.nodes {
			t.nodes[i] = node{word: str(r.u32()), entry: int32(r.u32())}
		}
		for _, set := range []*[]uint64{&t.first, &t.edges} {
			*set = make([]uint64, r.count(8))
			for i := range *set {
				(*set)[i] = r.u64()
			}
		}
		if r.err != nil {
			return nil, r.err
		}
		if len(t.first) != firstBits/64 || len(t.edges) != size/8 {
			return nil, errSnapshot
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.s) != 0 {
		return nil, errSnapshot
	}
	return d, nil
}
