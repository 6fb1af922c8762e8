// Package weights stores a linear model's weight rows under hashed feature keys: an
// open-addressing table made for the lookups on a tagger's hot path, shared by the entity
// tagger (ner) and the attribution tagger (quote/attrib).
package weights

// Table maps a feature key to its row of weights R (an array such as [9]int16). Keys must
// come out of a good mixing function: their low bits pick the slot and their high 32 bits
// are kept as a fingerprint in place of the key. Keeping the fingerprint and the row in
// one slot costs one cache miss per lookup instead of two; a false match needs a 1 in 2^32
// coincidence on top of sharing the probe run.
type Table[R any] struct {
	slots []slot[R]
	mask  uint64
}

type slot[R any] struct {
	fp uint32 // 0: empty
	w  R
}

func fingerprint(k uint64) uint32 {
	fp := uint32(k >> 32)
	if fp == 0 {
		fp = 1
	}
	return fp
}

// New builds the table of keys[i] → row(i), at most two thirds full.
func New[R any](keys []uint64, row func(i int) R) Table[R] {
	size := 1
	for size*2 < 3*len(keys)+2 {
		size <<= 1
	}
	t := Table[R]{slots: make([]slot[R], size), mask: uint64(size - 1)}
	for r, k := range keys {
		i := k & t.mask
		for t.slots[i].fp != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = slot[R]{fp: fingerprint(k), w: row(r)}
	}
	return t
}

// Lookup returns the row of key k, or nil when the table has none.
func (t *Table[R]) Lookup(k uint64) *R {
	fp := fingerprint(k)
	i := k & t.mask
	for {
		sl := &t.slots[i]
		if sl.fp == fp {
			return &sl.w
		}
		if sl.fp == 0 {
			return nil
		}
		i = (i + 1) & t.mask
	}
}

// FNV-1a, the hash of a feature's words and affixes before Key mixes it with a template:
// packages that hash a word a byte at a time (folding case, normalising quote marks on
// the way) start from FNVOffset and multiply by FNVPrime after each byte.
const (
	FNVOffset = 0xcbf29ce484222325
	FNVPrime  = 0x100000001b3
)

// HashBytes returns the FNV-1a hash of b.
func HashBytes(b []byte) uint64 {
	h := uint64(FNVOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= FNVPrime
	}
	return h
}

// HashString returns the FNV-1a hash of s, equal to HashBytes([]byte(s)).
func HashString(s string) uint64 {
	h := uint64(FNVOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= FNVPrime
	}
	return h
}

// Mix is the splitmix64 finaliser: it spreads every input bit over all output bits, so that
// keys made with it can index the table by their low bits and fingerprint by their high ones.
func Mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Key returns the table key of feature template tmpl with value v.
func Key(tmpl, v uint64) uint64 { return Mix(tmpl*0x9e3779b97f4a7c15 ^ v) }

// Key2 returns the table key of feature template tmpl with the value pair (a, b), ordered:
// Key2(t, a, b) and Key2(t, b, a) differ.
func Key2(tmpl, a, b uint64) uint64 {
	return Mix(tmpl*0x9e3779b97f4a7c15 ^ Mix(a+0x632be59bd9b4e019) ^ b)
}
