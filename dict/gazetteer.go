package dict

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/lestr"
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

	// terms holds an office holder's dated codes (see Terms and CodeOn), encoded as
	// encodeTerms writes them; "" for a plain code. Code is then the latest term's.
	terms string
}

// Dict is a gazetteer. A Dict is immutable once built, so its methods are safe for
// concurrent use.
//
// Its tables are those of a snapshot (see snapshot.go), read in place: the embedded
// one for Default, so that loading it allocates next to nothing, or one encoded from a
// builder when Load is given user files.
type Dict struct {
	snap
	names     trie // every kind except Agent
	agents    trie // Agent entries, kept apart so Agent can ignore names
	countries map[string]string
}

var (
	defaultOnce sync.Once
	defaultDict *Dict
)

// Default returns the gazetteer built from the embedded data, loaded on first use.
func Default() *Dict {
	defaultOnce.Do(func() {
		d, err := Load()
		if err != nil {
			// The embedded snapshot is checked by the tests; an error here means the
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
	if len(extra) == 0 {
		d, err := open(snapshot)
		if err != nil {
			return nil, fmt.Errorf("dict: embedded %s: %w", snapshotFile, err)
		}
		return d, nil
	}
	b, err := thaw(snapshot)
	if err != nil {
		return nil, fmt.Errorf("dict: embedded %s: %w", snapshotFile, err)
	}
	for _, n := range extra {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		if err := b.parse(n, data); err != nil {
			return nil, err
		}
	}
	return b.dict(), nil
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
	if !hasBit(d.first, firstBit(h)) {
		return Entry{}, 0, false
	}
	ni, nn := d.names.longest(words, hashes, i, h)
	ai, an := d.agents.longest(words, hashes, i, h)
	switch {
	case nn > 0 && nn >= an:
		return d.entry(ni), nn, true
	case an > 0:
		return d.entry(ai), an, true
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
	return d.entry(ai), an, true
}

// Lookup returns the entry for a whole phrase ("united nations", "U.S.").
func (d *Dict) Lookup(phrase string) (Entry, bool) {
	words := strings.Fields(strings.ReplaceAll(phrase, "_", " "))
	if len(words) == 0 {
		return Entry{}, false
	}
	for _, t := range []*trie{&d.names, &d.agents} {
		if idx, n := t.longest(words, nil, 0, hashWord(words[0])); n == len(words) {
			return d.entry(idx), true
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
	for i := range d.nentries() {
		if !yield(d.entry(int32(i))) {
			return
		}
	}
}

// trie maps word sequences to entries. Each edge is keyed by its parent node and a
// hash of the normalised word, so matching hashes the input words in place instead of
// building lower-case copies. The edges live in an open-addressing table rather than a Go
// map: with a struct key, every map lookup went through the generic hash, and matching
// is done at every token of every article. Most tokens start no phrase, so a bitset over
// the hashes of the phrases' first words answers most lookups without touching the
// table; a second bitset over all edges does the same for the word after a first word
// ("the" starts many names, but seldom the words that follow it).
//
// A trie reads its tables in place, as fixed-width little-endian records (see
// snapshot.go); mtrie builds them.
type trie struct {
	slots   string // slotSize bytes per slot: hash (uint64), parent and child (int32); child 0 marks a free slot
	nodes   string // nodeSize bytes per node: its word (offset and length in the strings) and entry (int32, -1 if no phrase ends there)
	first   string // bitset by firstBit(hash) of the first words' hashes
	edges   string // bitset of 8 bits per slot, by edgeBit, of every edge
	mask    uint64 // slot count less one
	shift   uint   // edgeBit's shift
	phrases int
}

const (
	slotSize = 16
	nodeSize = 12
)

func hasBit(set string, b uint64) bool { return set[b/8]&(1<<(b%8)) != 0 }

// entry returns the entry of the phrase ending at node k, or -1.
func (t *trie) entry(k int32) int32 { return int32(lestr.Uint32(t.nodes[int(k)*nodeSize+8:])) }

// child returns the node reached from parent by a word with hash h, or 0.
func (t *trie) child(parent int32, h uint64) int32 {
	if t.slots == "" {
		return 0
	}
	x := mixEdge(parent, h)
	for i := (x ^ x>>31) & t.mask; ; i = (i + 1) & t.mask {
		sl := t.slots[i*slotSize : i*slotSize+slotSize]
		c := int32(lestr.Uint32(sl[12:]))
		if c == 0 {
			return 0
		}
		if lestr.Uint64(sl) == h && int32(lestr.Uint32(sl[8:])) == parent {
			return c
		}
	}
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
			if !hasBit(t.first, firstBit(h)) {
				break
			}
		} else if !hasBit(t.edges, mixEdge(cur, h)>>t.shift) {
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
		if e := t.entry(cur); e >= 0 {
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
