package dict

import (
	"bufio"
	"fmt"
	"io/fs"
	"math/bits"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind says what a gazetteer entry names.
type Kind uint8

// Entry kinds. Org covers IGOs, NGOs, government bodies, armed groups, companies and
// media; Agent covers role and title words (president, police, rebels); Person covers
// named office holders.
const (
	Country Kind = iota + 1
	City
	Demonym
	Org
	Agent
	Person
)

var kindNames = [...]string{Country: "country", City: "city", Demonym: "demonym", Org: "org", Agent: "agent", Person: "person"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

func parseKind(s string) (Kind, bool) {
	for k, n := range kindNames {
		if n != "" && n == s {
			return Kind(k), true
		}
	}
	return 0, false
}

// Entry is what a gazetteer phrase means.
type Entry struct {
	Name    string // canonical display name ("Mexico", "United Nations", "President")
	Kind    Kind
	Country string // ISO 3166 alpha-3 / CAMEO country code where known (MEX, USA); "" otherwise
	Code    string // CAMEO actor code: MEX, IGOUNO, GOV (agents), MEXGOV (office holders)
	Type    string // entity type for Herald: GPE, ORG, NORP, LOC, PERSON; "" for agents
}

// Dict is a gazetteer. A Dict is immutable once built, so its methods are safe for
// concurrent use.
type Dict struct {
	entries   []Entry
	names     trie // every kind except Agent
	agents    trie // Agent entries, kept apart so Agent can ignore names
	countries map[string]string
	// first is the union of the two tries' first-word filters, set by Load: most words
	// start no phrase of either, and one bit test then answers for both.
	first []uint64
}

var (
	defaultOnce sync.Once
	defaultDict *Dict
)

// Default returns the gazetteer built from the embedded data. It is parsed on first use.
func Default() *Dict {
	defaultOnce.Do(func() {
		d, err := Load()
		if err != nil {
			// The embedded files are checked by the tests; an error here means the
			// binary was built from broken data.
			panic(err)
		}
		defaultDict = d
	})
	return defaultDict
}

// Load builds a gazetteer from the embedded data followed by the named user files, which
// use the same format (see data/README.md). Later definitions of a phrase replace
// earlier ones, so a user file can correct the embedded data. Errors name the file and
// line.
func Load(extra ...string) (*Dict, error) {
	d, err := decode(snapshot)
	if err != nil {
		return nil, fmt.Errorf("dict: embedded %s: %w", snapshotFile, err)
	}
	b := &builder{d: d}
	for _, n := range extra {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if err := b.parse(n, data); err != nil {
			return nil, err
		}
	}
	b.finish()
	return d, nil
}

// parseText builds a gazetteer from the text files of fsys (the *.txt of data/ but
// cameo.txt), as Compile stores it.
func parseText(fsys fs.FS) (*Dict, error) {
	b := newBuilder()
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
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
	// Generated files first, then Herald's hand-written corrections.
	var hand []string
	for _, n := range names {
		switch n {
		case "cameo.txt":
		case "herald-extra.txt":
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
	for _, n := range hand {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		if err := b.parse(n, data); err != nil {
			return nil, err
		}
	}
	b.finish()
	return b.d, nil
}

// finish sets the union of the two tries' first-word filters.
func (b *builder) finish() {
	b.d.first = make([]uint64, len(b.d.names.first))
	for k := range b.d.first {
		b.d.first[k] = b.d.names.first[k] | b.d.agents.first[k]
	}
}

// Match finds the longest phrase starting at words[i] and returns its entry and length
// in words. Matching ignores case and treats curly apostrophes as straight ones. When a
// name and an agent word are equally long, the name wins. Match does not allocate.
func (d *Dict) Match(words []string, i int) (e Entry, n int, ok bool) {
	return d.match(words, nil, i)
}

// HashWords appends to dst the matching hash of each word, for MatchHashed: a caller
// that matches at many positions of a sentence hashes each word once instead of once
// per lookup.
func HashWords(dst []uint64, words []string) []uint64 {
	for _, w := range words {
		dst = append(dst, hashWord(w))
	}
	return dst
}

// MatchHashed is Match with the words' hashes computed in advance: hashes[k] must be
// the hash HashWords gives words[k].
func (d *Dict) MatchHashed(words []string, hashes []uint64, i int) (e Entry, n int, ok bool) {
	return d.match(words, hashes[:len(words)], i)
}

func (d *Dict) match(words []string, hashes []uint64, i int) (e Entry, n int, ok bool) {
	if i >= len(words) {
		return Entry{}, 0, false
	}
	var h uint64
	if hashes != nil {
		h = hashes[i]
	} else {
		h = hashWord(words[i])
	}
	if d.first != nil {
		if b := firstBit(h); d.first[b/64]&(1<<(b%64)) == 0 {
			return Entry{}, 0, false
		}
	}
	ni, nn := d.names.longest(words, hashes, i, h)
	ai, an := d.agents.longest(words, hashes, i, h)
	switch {
	case nn > 0 && nn >= an:
		return d.entries[ni], nn, true
	case an > 0:
		return d.entries[ai], an, true
	}
	return Entry{}, 0, false
}

// Agent finds the longest agent or title phrase ("Prime Minister", "police") starting
// at words[i], ignoring names. It does not allocate.
func (d *Dict) Agent(words []string, i int) (Entry, int, bool) {
	if i >= len(words) {
		return Entry{}, 0, false
	}
	ai, an := d.agents.longest(words, nil, i, hashWord(words[i]))
	if an == 0 {
		return Entry{}, 0, false
	}
	return d.entries[ai], an, true
}

// Lookup returns the entry for a whole phrase ("united nations", "U.S.").
func (d *Dict) Lookup(phrase string) (Entry, bool) {
	words := strings.Fields(strings.ReplaceAll(phrase, "_", " "))
	if len(words) == 0 {
		return Entry{}, false
	}
	for _, t := range []*trie{&d.names, &d.agents} {
		if idx, n := t.longest(words, nil, 0, hashWord(words[0])); n == len(words) {
			return d.entries[idx], true
		}
	}
	return Entry{}, false
}

// Country returns the display name of a country code ("MEX" -> "Mexico").
func (d *Dict) Country(code string) (name string, ok bool) {
	name, ok = d.countries[code]
	return name, ok
}

// Len returns the number of distinct phrases in the gazetteer.
func (d *Dict) Len() int { return d.names.phrases + d.agents.phrases }

// Entries calls yield for every entry (an entry is shared by all its phrases).
func (d *Dict) Entries(yield func(Entry) bool) {
	for _, e := range d.entries {
		if !yield(e) {
			return
		}
	}
}

type builder struct {
	d     *Dict
	words []string // the words of the line's phrases, reused from line to line
	ends  []int    // end of each phrase in words
}

// reserve makes room for about size bytes of data files: the embedded files hold one
// entry per ~45 bytes and one name word per ~22.
func (b *builder) reserve(size int) {
	b.d.entries = slices.Grow(b.d.entries, size/40)
	b.d.names.reserve(size / 20)
}

func newBuilder() *builder {
	return &builder{d: &Dict{names: newTrie(), agents: newTrie(), countries: map[string]string{}}}
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
	for _, c := range []string{e.Code, e.Country} {
		if strings.ContainsFunc(c, func(r rune) bool { return !unicode.IsUpper(r) && !unicode.IsDigit(r) }) {
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
	idx := int32(len(b.d.entries))
	b.d.entries = append(b.d.entries, e)
	t := &b.d.names
	if kind == Agent {
		t = &b.d.agents
	}
	start := 0
	for _, end := range b.ends {
		t.insert(b.words[start:end], idx)
		start = end
	}
	if kind == Country && len(e.Code) == 3 {
		if _, seen := b.d.countries[e.Code]; !seen {
			b.d.countries[e.Code] = e.Name
		}
	}
	return nil
}

// trie maps word sequences to entries. Each edge is keyed by its parent node and a
// hash of the normalised word, so matching hashes the input words in place instead of
// building lower-case copies. The edges live in an open-addressing table rather than a Go
// map: with a struct key, every map lookup went through the generic hash, and matching
// is done at every token of every article. Most tokens start no phrase, so a bitset over
// the hashes of the phrases' first words answers most lookups without touching the
// table; a second bitset over all edges does the same for the word after a first word
// ("the" starts many names, but seldom the words that follow it).
type trie struct {
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

func newTrie() trie {
	return trie{nodes: []node{{entry: -1}}, first: make([]uint64, firstBits/64)}
}

// reserve makes room for about n nodes.
func (t *trie) reserve(n int) {
	t.nodes = slices.Grow(t.nodes, n)
	size := 1024
	for 3*size < 4*n {
		size *= 2
	}
	if size > len(t.slots) {
		t.rehash(size)
	}
}

func (t *trie) rehash(size int) {
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
func (t *trie) slotOf(parent int32, h uint64) uint64 {
	x := mixEdge(parent, h)
	return (x ^ x>>31) & uint64(len(t.slots)-1)
}

// edgeBit is the bit of edge (parent, h) in t.edges: the top bits of the product, where
// slotOf uses the low ones.
func (t *trie) edgeBit(parent int32, h uint64) uint64 { return mixEdge(parent, h) >> t.edgeShift }

// mayHaveEdge reports whether edge (parent, h) may exist.
func (t *trie) mayHaveEdge(parent int32, h uint64) bool {
	b := t.edgeBit(parent, h)
	return t.edges[b/64]&(1<<(b%64)) != 0
}

// child returns the node reached from parent by a word with hash h, or 0.
func (t *trie) child(parent int32, h uint64) int32 {
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

func (t *trie) put(parent int32, h uint64, child int32) {
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

func (t *trie) insert(words []string, entry int32) {
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
func (t *trie) mayStart(h uint64) bool {
	b := firstBit(h)
	return t.first[b/64]&(1<<(b%64)) != 0
}

// longest returns the entry of the longest phrase starting at words[i] and its length.
// hashes, when not nil, holds hashWord of each word (see HashWords); h is
// hashWord(words[i]).
func (t *trie) longest(words []string, hashes []uint64, i int, h uint64) (entry int32, n int) {
	cur, entry := int32(0), int32(-1)
	for j := i; j < len(words); j++ {
		if j > i {
			if hashes != nil {
				h = hashes[j]
			} else {
				h = hashWord(words[j])
			}
		}
		if j == i {
			if !t.mayStart(h) {
				break
			}
		} else if !t.mayHaveEdge(cur, h) {
			break
		}
		// The edge matched on the full 64-bit hash of the folded word; confirming the
		// spelling as well cost a cache miss per step for a collision that, between the
		// dictionary's ~100k words and a corpus's, is about a one-in-a-billion event.
		next := t.child(cur, h)
		if next == 0 {
			break
		}
		cur = next
		if e := t.nodes[cur].entry; e >= 0 {
			entry, n = e, j-i+1
		}
	}
	return entry, n
}

// foldRune is the normalisation used for matching: lower case, curly apostrophes and
// quotes as straight ones.
func foldRune(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '\u02bc', '`':
		return '\''
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// hashWord is FNV-1a over the folded runes of w.
func hashWord(w string) uint64 {
	// ASCII words, nearly all of them, fold byte by byte as foldRune folds them.
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return hashWordRunes(w)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c == '`' {
			c = '\''
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func hashWordRunes(w string) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range w {
		h ^= uint64(foldRune(r))
		h *= 1099511628211
	}
	return h
}

func normalise(w string) string { return strings.Map(foldRune, w) }
