package ner

import (
	"bufio"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestGazetteerCurrent checks the embedded table is what gazetteer.tsv compiles to: after
// regenerating the list, run go run ./ner/gengaztab (and retrain).
func TestGazetteerCurrent(t *testing.T) {
	f, err := os.Open("data/gazetteer.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := CompileGazetteer(f)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(gazetteerBin)) {
		t.Fatal("data/gazetteer.bin is stale: run go run ./ner/gengaztab from the repository root")
	}
}

// TestGazetteerTable checks the table answers as the map it replaced, built here the way
// the list used to be read: every phrase and prefix hash, and no other.
func TestGazetteerTable(t *testing.T) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("data/gazetteer.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint64]uint16{}
	pairs := map[uint64]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		phrase, class, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(phrase, "#") {
			continue
		}
		toks := strings.Fields(phrase)
		if len(toks) == 0 || len(toks) > gazMaxLen {
			continue
		}
		h := uint64(gazSeed)
		for k, tok := range toks {
			h = gazStep(h, lowerHash(tok))
			if k == 1 {
				pairs[pairBit(h)] = true
			}
			if k < len(toks)-1 {
				want[h] |= gazPrefixBit
			}
		}
		want[h] |= 1 << slices.Index(gazClasses, class)
	}
	if len(want) < 50000 {
		t.Fatalf("only %d gazetteer hashes", len(want))
	}
	for h, v := range want {
		if got := g.get(h); got != v {
			t.Fatalf("get(%#x) = %#x, want %#x", h, got, v)
		}
		if !g.hasPair(h) && pairs[pairBit(h)] {
			t.Fatalf("pair bit of %#x missing", h)
		}
	}
	for b := uint64(0); b < gazPairBits; b++ {
		if g.pairs[b/8]&(1<<(b%8)) != 0 != pairs[b] {
			t.Fatalf("pair bit %d differs", b)
		}
	}
	for i := uint64(1); i < 200000; i++ {
		h := gazStep(0x1234, i)
		if _, ok := want[h]; !ok && g.get(h) != 0 {
			t.Fatalf("get(%#x) found an absent hash", h)
		}
	}
}

// TestGazetteerDamaged checks a truncated or corrupt table is an error, not a panic.
func TestGazetteerDamaged(t *testing.T) {
	for _, s := range []string{"", gazMagic, gazetteerBin[:len(gazMagic)+4], gazetteerBin[:len(gazetteerBin)-1], gazetteerBin + "x", "HERALD-GAZ-0\n" + gazetteerBin[len(gazMagic):]} {
		if _, err := loadGazetteer(s); err == nil {
			t.Errorf("loadGazetteer of %d bytes succeeded", len(s))
		}
	}
	if _, err := CompileGazetteer(strings.NewReader("Foo\tNOPE\n")); err == nil {
		t.Error("CompileGazetteer took an unknown class")
	}
}

// TestGazetteerCheck checks the embedded table passes check (start-up does not run it, to
// leave unread the pages a run does not need), and that check finds damaged slots.
func TestGazetteerCheck(t *testing.T) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.check(); err != nil {
		t.Fatal(err)
	}
	at := strings.IndexFunc(g.table, func(r rune) bool { return r != 0 }) / gazSlot * gazSlot
	head := len(gazMagic) + 4
	for _, c := range []struct {
		name string
		slot []byte
	}{
		{"used slot without an entry", append([]byte(g.table[at:at+8]), 0, 0)},
		{"unknown class", append([]byte(g.table[at:at+8]), 0x80, 0)},
	} {
		bad := []byte(gazetteerBin)
		copy(bad[head+at:], c.slot)
		b, err := loadGazetteer(string(bad))
		if err != nil {
			t.Fatal(err)
		}
		if b.check() == nil {
			t.Errorf("%s: check passed", c.name)
		}
	}
	// Every slot taken: a miss would probe forever.
	full := []byte(gazetteerBin)
	for i := 0; i < len(g.table); i += gazSlot {
		copy(full[head+i:], g.table[at:at+gazSlot])
	}
	b, err := loadGazetteer(string(full))
	if err != nil {
		t.Fatal(err)
	}
	if b.check() == nil {
		t.Error("a full table passed check")
	}
}
