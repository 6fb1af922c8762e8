package event

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/heraldnews/herald/lestr"
)

// TestSnapshotCurrent checks the embedded snapshot is what the dictionary compiles to:
// after editing data/*.tsv or the word lists, run go run ./event/gensnap.
func TestSnapshotCurrent(t *testing.T) {
	got, err := Compile()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(coderSnapshot)) {
		t.Fatal("data/coder.bin is stale: run go run ./event/gensnap from the repository root")
	}
}

// TestSnapshotDecodes checks decoding gives the coder that parsing builds.
func TestSnapshotDecodes(t *testing.T) {
	want, err := newCoder()
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeCoder(coderSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"words", got.words, want.words},
		{"class", got.class, want.class},
		{"verbs", got.verbs, want.verbs},
		{"blocks", got.blocks, want.blocks},
		{"synsets", got.synsets, want.synsets},
		{"isVerb", got.isVerb, want.isVerb},
		{"formsByID", got.formsByID, want.formsByID},
		{"synByWord", got.synByWord, want.synByWord},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("decoded %s differ from the parsed ones", f.name)
		}
	}
	if got.pool.New == nil {
		t.Error("decoded coder has no scratch pool")
	}
	// The vocabulary is read through the table (TestVocabFilter checks every spelling).
	if len(got.vtab) < 2*len(want.vocab)*vocabSlot || len(got.vocabBits) != vocabBits/8 {
		t.Errorf("vocabulary table of %d bytes for %d spellings", len(got.vtab), len(want.vocab))
	}
}

// TestSnapshotDamaged checks a truncated or corrupt snapshot is an error, not a panic.
func TestSnapshotDamaged(t *testing.T) {
	s := coderSnapshot
	for _, n := range []int{0, 5, len(coderMagic), len(coderMagic) + 3, 1000, len(s) / 3, len(s) / 2, len(s) - 1} {
		if _, err := decodeCoder(s[:n]); err == nil {
			t.Errorf("decode of the first %d bytes succeeded", n)
		}
	}
	if _, err := decodeCoder(s + "x"); err == nil {
		t.Error("decode with a trailing byte succeeded")
	}
	// The first spelling's word id out of range: after the magic, the word count and
	// the words, the spelling count and the first spelling's string.
	d := &decoder{s: s[len(coderMagic):]}
	for range d.count(4) {
		d.str()
	}
	d.u32()
	d.str()
	at := len(s) - len(d.s)
	bad := []byte(s)
	copy(bad[at:], []byte{0xff, 0xff, 0xff, 0x7f})
	if _, err := decodeCoder(string(bad)); err == nil {
		t.Error("decode with a word id out of range succeeded")
	}
}

// BenchmarkDecode times decoding the embedded snapshot, part of every start-up that
// codes events.
func BenchmarkDecode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeCoder(coderSnapshot); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSnapshotChecks checks the embedded snapshot's vocabulary table passes checkVocab
// (Default does not run it, to leave unread the pages a run does not need), and that
// checkVocab finds damaged slots.
func TestSnapshotChecks(t *testing.T) {
	c, err := decodeCoder(coderSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.checkVocab(); err != nil {
		t.Fatal(err)
	}
	// The table ends the snapshot, before the filter.
	tab := len(coderSnapshot) - vocabBits/8 - len(c.vtab)
	used := tab
	for int32(lestr.Uint32(coderSnapshot[used+8:])) < 0 {
		used += vocabSlot
	}
	for _, d := range []struct {
		name string
		at   int
		b    []byte
	}{
		{"word id out of range", used + 8, []byte{0xff, 0xff, 0xff, 0x7f}},
		{"spelling past the end", used + 12, []byte{0xff, 0xff, 0xff, 0x7f}},
		{"spelling length overflowing", used + 16, []byte{0xff, 0xff, 0xff, 0xff}},
		{"hash not the spelling's", used, []byte{1}},
	} {
		bad := []byte(coderSnapshot)
		copy(bad[d.at:], d.b)
		c, err := decodeCoder(string(bad))
		if err == nil {
			err = c.checkVocab()
		}
		if err == nil {
			t.Errorf("%s: decode and checkVocab succeeded", d.name)
		}
	}
	// Every slot taken: no probe would end.
	full := []byte(coderSnapshot)
	for i := tab; i < tab+len(c.vtab); i += vocabSlot {
		copy(full[i:i+vocabSlot], coderSnapshot[used:used+vocabSlot])
	}
	if c, err := decodeCoder(string(full)); err == nil && c.checkVocab() == nil {
		t.Error("a full vocabulary table passed")
	}
}

// smallCoder returns the snapshot of a coder of two words, a seed for FuzzDecode small
// enough for the fuzzer's mutations to hit its counts and lists.
func smallCoder() []byte { return smallCoderOf().encode() }

// smallCoderOf returns the coder smallCoder encodes: nil and empty lists side by side,
// and a negative weight, which the snapshot must give back as they are.
func smallCoderOf() *Coder {
	return &Coder{
		vocab:     map[string]int32{"say": 0, "says": 0, "tell": 1},
		words:     []string{"say", "tell"},
		class:     []uint32{0, 1},
		verbs:     []verb{{block: 0, code: "010", lemma: "say"}},
		formsByID: [][]form{{{verb: 0, post: []int32{1}, base: true}}, nil},
		synsets:   [][]phrase{{{1}, {0, 1}}},
		blocks: []block{{name: "SAY", patterns: []pattern{{code: "010", text: "say + to", weight: -1,
			post: []item{{prep: []int32{1}, alts: []phrase{{^0}}}, {target: true, prep: []int32{}}}}}}, {name: "NONE"}},
	}
}

// FuzzDecode checks a damaged snapshot is an error from decodeCoder or checkVocab, and a
// coder that passes both looks words up without panicking or looping.
func FuzzDecode(f *testing.F) {
	f.Add(smallCoder())
	f.Add([]byte(coderMagic))
	f.Fuzz(func(t *testing.T, s []byte) {
		c, err := decodeCoder(string(s))
		if err != nil || c.checkVocab() != nil {
			return
		}
		for _, w := range []string{"say", "says", "tell", "told", ""} {
			if id := c.lookupWord([]byte(w), fnv(w)); id >= int32(len(c.words)) {
				t.Fatalf("lookupWord(%q) = %d, of %d words", w, id, len(c.words))
			}
		}
	})
}

// TestSmallCoder checks FuzzDecode's seed decodes, so that the fuzzer starts from a
// snapshot that gets past the checks.
func TestSmallCoder(t *testing.T) {
	c, err := decodeCoder(string(smallCoder()))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.checkVocab(); err != nil {
		t.Fatal(err)
	}
	if id := c.lookupWord([]byte("says"), fnv("says")); id != 0 {
		t.Errorf("lookupWord(says) = %d, want 0", id)
	}
	want := smallCoderOf()
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"words", c.words, want.words},
		{"class", c.class, want.class},
		{"verbs", c.verbs, want.verbs},
		{"formsByID", c.formsByID, want.formsByID},
		{"synsets", c.synsets, want.synsets},
		{"block 0 patterns", c.blocks[0].patterns, want.blocks[0].patterns},
		{"block 1 patterns", c.blocks[1].patterns, want.blocks[1].patterns},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("decoded %s: %#v, want %#v", f.name, f.got, f.want)
		}
	}
}
