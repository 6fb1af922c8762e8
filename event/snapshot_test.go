package event

import (
	"bytes"
	"reflect"
	"testing"
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
	want, err := newCoder(nil)
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
