package dict

import (
	"bufio"
	"fmt"
	"io/fs"
	"math/bits"
	"slices"
	"strings"
	"unicode"
)

// builder builds a gazetteer from text: the embedded data when Compile parses it, a
// user's files on top of the embedded snapshot when Load is given some. dict freezes it
// (see snapshot.go) to match against it.
type builder struct {
	entries       []Entry
	names, agents mtrie
	words         []string // the words of the line's phrases, reused from line to line
	ends          []int    // end of each phrase in words
}

// reserve makes room for about size bytes of data files: the embedded files hold one
// entry per ~45 bytes and one name word per ~22.
func (b *builder) reserve(size int) {
	b.entries = slices.Grow(b.entries, size/40)
	b.names.reserve(size / 20)
}

func newBuilder() *builder {
	return &builder{names: newTrie(), agents: newTrie()}
}

// parse reads one file in the gazetteer format:
//
//	kind  code  country  type  Name | synonym | ...   # comment
//
// kind, code, country and type are separated by white space; "-" leaves a column empty
// (for type: the kind's default). Phrases are separated by "|"; underscores count as
// spaces.
//
// Lines are cut from one string copy of the file rather than scanned (one allocation per
// line), so names and phrases share its memory; like bufio.Scanner, it strips a "\r"
// before the line break and refuses lines of 1 MB or more.
func (b *builder) parse(name string, data []byte) error {
	s := string(data)
	for ln := 1; len(s) > 0; ln++ {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if len(line) >= maxLine {
			return fmt.Errorf("%s: %w", name, bufio.ErrTooLong)
		}
		line = strings.TrimSuffix(line, "\r")
		if err := b.parseLine(line); err != nil {
			return fmt.Errorf("%s:%d: %w", name, ln, err)
		}
	}
	return nil
}

const maxLine = 1 << 20

// appendWords appends the words of phrase p to dst: white space and underscores separate
// words, as in strings.Fields(strings.ReplaceAll(p, "_", " ")).
func appendWords(dst []string, p string) []string {
	start := -1
	for i, r := range p {
		if r == '_' || unicode.IsSpace(r) {
			if start >= 0 {
				dst = append(dst, p[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, p[start:])
	}
	return dst
}

var defaultType = [...]string{Country: "GPE", City: "GPE", Demonym: "NORP", Org: "ORG", Person: "PERSON"}

func (b *builder) parseLine(line string) error {
	if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	var cols [4]string
	rest := line
	for c := range cols {
		rest = strings.TrimLeft(rest, " \t")
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			return fmt.Errorf("want kind, code, country, type and phrases, got %q", line)
		}
		cols[c], rest = rest[:end], rest[end:]
	}
	kind, ok := parseKind(strings.ToLower(cols[0]))
	if !ok {
		return fmt.Errorf("unknown kind %q (want country, city, demonym, org, agent or person)", cols[0])
	}
	e := Entry{Kind: kind, Code: undash(cols[1]), Country: undash(cols[2]), Type: undash(cols[3])}
	if cols[3] == "-" {
		e.Type = defaultType[kind]
	}
	if strings.ContainsAny(e.Code, "@,") {
		// Dated terms: an office holder's code changes with the offices held.
		if kind != Person {
			return fmt.Errorf("code %q: dated terms are for person entries only", e.Code)
		}
		ts, err := parseTerms(e.Code)
		if err != nil {
			return err
		}
		if err := checkTermCountries(ts, e.Country); err != nil {
			return err
		}
		// Readers of Code (and undated articles) get the latest term.
		e.Code, e.terms = ts[len(ts)-1].Code, encodeTerms(ts)
	}
	for _, c := range []string{e.Code, e.Country} {
		if !validCode(c) {
			return fmt.Errorf("code %q: want upper-case letters and digits", c)
		}
	}
	b.words, b.ends = b.words[:0], b.ends[:0]
	for {
		p, after, found := strings.Cut(rest, "|")
		n := len(b.words)
		b.words = appendWords(b.words, p)
		if len(b.words) == n {
			return fmt.Errorf("empty phrase in %q", line)
		}
		b.ends = append(b.ends, len(b.words))
		rest = after
		if !found {
			break
		}
	}
	if first := b.words[:b.ends[0]]; len(first) == 1 {
		e.Name = first[0]
	} else {
		e.Name = strings.Join(first, " ")
	}
	idx := int32(len(b.entries))
	b.entries = append(b.entries, e)
	t := &b.names
	if kind == Agent {
		t = &b.agents
	}
	start := 0
	for _, end := range b.ends {
		t.insert(b.words[start:end], idx)
		start = end
	}
	return nil
}

// parseText reads the gazetteer's text files in fsys (the *.txt of data/ but cameo.txt),
// as Compile stores them.
func parseText(fsys fs.FS) (*builder, error) {
	b := newBuilder()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("dict: no gazetteer files (*.txt) in the directory")
	}
	// Size the tables for the data up front: growing them by doubling was a third of
	// the parse.
	size := 0
	for _, n := range names {
		if fi, err := fs.Stat(fsys, n); err == nil {
			size += int(fi.Size())
		}
	}
	b.reserve(size)
	// Generated files first, then the hand-written office holders since 2015 (after
	// people.txt, so that their terms replace its latest codes), then Herald's
	// hand-written corrections.
	var hand []string
	for _, n := range names {
		switch n {
		case "cameo.txt":
		case leadersFile, "herald-extra.txt":
			hand = append(hand, n)
		default:
			data, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, err
			}
			if err := b.parse(n, data); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(hand, func(a, b string) int { return handOrder(a) - handOrder(b) })
	for _, n := range hand {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		if err := b.parse(n, data); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// leadersFile holds the office holders since 2015, written by hand with their terms.
const leadersFile = "leaders.txt"

// handOrder is the loading rank of a hand-written file: leaders.txt before
// herald-extra.txt, so that the corrections still have the last word.
func handOrder(name string) int {
	if name == leadersFile {
		return 0
	}
	return 1
}

// validCode reports whether c is a code column's value: upper-case letters and digits.
func validCode(c string) bool {
	return !strings.ContainsFunc(c, func(r rune) bool { return !unicode.IsUpper(r) && !unicode.IsDigit(r) })
}

// mtrie is a trie being built (see trie): the form phrases can be added to.
type mtrie struct {
	slots     []slot // power-of-two size, at most three quarters full
	used      int
	nodes     []node
	phrases   int
	first     []uint64 // bitset by firstBit(hash) of the first words' hashes
	edges     []uint64 // bitset of 8 bits per slot, by edgeBit, of every edge
	edgeShift uint
}

// slot is one edge of the table; child 0 (the root, never a child) marks a free slot.
type slot struct {
	hash   uint64
	parent int32
	child  int32
}

type node struct {
	word  string // normalised (tests confirm hash hits with it)
	entry int32  // -1 if no phrase ends here
}

// firstBits is the size of the first-word filter in bits (16 KB): the ~15,000 distinct
// first words of the embedded names set about one bit in nine, so it lets through about
// one word in nine that starts no phrase.
const firstBits = 1 << 17

// firstBit mixes the hash first: the top bits of FNV-1a barely vary between short
// words, and without mixing "to", "of" and "and" all fell on bits of real first words.
func firstBit(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> (64 - 17) }

func newTrie() mtrie {
	return mtrie{nodes: []node{{entry: -1}}, first: make([]uint64, firstBits/64)}
}

// reserve makes room for about n nodes.
func (t *mtrie) reserve(n int) {
	t.nodes = slices.Grow(t.nodes, n)
	size := 1024
	for 3*size < 4*n {
		size *= 2
	}
	if size > len(t.slots) {
		t.rehash(size)
	}
}

func (t *mtrie) rehash(size int) {
	old := t.slots
	t.slots = make([]slot, size)
	t.edges = make([]uint64, size/8)
	t.edgeShift = uint(64 - bits.TrailingZeros(uint(8*size)))
	t.used = 0
	for _, sl := range old {
		if sl.child != 0 {
			t.put(sl.parent, sl.hash, sl.child)
		}
	}
}

func mixEdge(parent int32, h uint64) uint64 {
	return (h ^ uint64(parent)*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
}

// slotOf is where the probe for edge (parent, h) starts.
func (t *mtrie) slotOf(parent int32, h uint64) uint64 {
	x := mixEdge(parent, h)
	return (x ^ x>>31) & uint64(len(t.slots)-1)
}

// edgeBit is the bit of edge (parent, h) in t.edges: the top bits of the product, where
// slotOf uses the low ones.
func (t *mtrie) edgeBit(parent int32, h uint64) uint64 { return mixEdge(parent, h) >> t.edgeShift }

// child returns the node reached from parent by a word with hash h, or 0.
func (t *mtrie) child(parent int32, h uint64) int32 {
	if len(t.slots) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.slotOf(parent, h); ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.child == 0 {
			return 0
		}
		if sl.hash == h && sl.parent == parent {
			return sl.child
		}
	}
}

func (t *mtrie) put(parent int32, h uint64, child int32) {
	if 4*(t.used+1) > 3*len(t.slots) {
		t.rehash(max(1024, 2*len(t.slots)))
	}
	mask := uint64(len(t.slots) - 1)
	i := t.slotOf(parent, h)
	for t.slots[i].child != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = slot{hash: h, parent: parent, child: child}
	b := t.edgeBit(parent, h)
	t.edges[b/64] |= 1 << (b % 64)
	t.used++
}

func (t *mtrie) insert(words []string, entry int32) {
	cur := int32(0)
	for _, w := range words {
		h := hashWord(w)
		next := t.child(cur, h)
		if next == 0 {
			next = int32(len(t.nodes))
			t.nodes = append(t.nodes, node{word: normalise(w), entry: -1})
			t.put(cur, h, next)
			if cur == 0 {
				b := firstBit(h)
				t.first[b/64] |= 1 << (b % 64)
			}
		}
		cur = next
	}
	if t.nodes[cur].entry < 0 {
		t.phrases++
	}
	t.nodes[cur].entry = entry
}

// mayStart reports whether a phrase may start with a word of hash h.
