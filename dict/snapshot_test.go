package dict

import (
	"bytes"
	"os"
	"reflect"
	"testing"
)

// TestSnapshotCurrent checks the embedded snapshot is what the text files compile to:
// after editing data/*.txt, run go generate ./dict (or go run ./gensnap from dict/).
func TestSnapshotCurrent(t *testing.T) {
	t.Parallel()
	got, err := Compile(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(snapshot)) {
		t.Fatalf("%s is stale: run go generate ./dict", snapshotFile)
	}
}

// TestSnapshotDecodes checks decoding gives the Dict that parsing the text builds.
func TestSnapshotDecodes(t *testing.T) {
	t.Parallel()
	want, err := parseText(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decode(snapshot)
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{d: got}
	b.finish()
	if !reflect.DeepEqual(got, want) {
		t.Fatal("decoded snapshot differs from the parsed text files")
	}
}

// TestSnapshotDamaged checks a truncated or corrupt snapshot is an error, not a panic.
func TestSnapshotDamaged(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 5, len(snapshotMagic), len(snapshotMagic) + 3, 1000, len(snapshot) / 2, len(snapshot) - 1} {
		if _, err := decode(snapshot[:n]); err == nil {
			t.Errorf("decode of the first %d bytes succeeded", n)
		}
	}
	if _, err := decode(snapshot + "x"); err == nil {
		t.Error("decode with a trailing byte succeeded")
	}
	// Every string index out of range.
	bad := []byte(snapshot)
	at := len(snapshotMagic)
	nstr := int(le32(snapshot[at:]))
	entries := at + 4 + 4*nstr + int(le32(snapshot[at+4*nstr:]))
	copy(bad[entries+4+1:], []byte{0xff, 0xff, 0xff, 0x7f})
	if _, err := decode(string(bad)); err == nil {
		t.Error("decode with a string index out of range succeeded")
	}
}
