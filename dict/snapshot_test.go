package dict

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/heraldnews/herald/lestr"
)

// TestSnapshotCurrent checks the embedded snapshot is what the text files compile to:
// after editing data/*.txt, run go run ./dict/gensnap from the repository root (or go
// generate ./dict).
func TestSnapshotCurrent(t *testing.T) {
	t.Parallel()
	got, err := Compile(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, []byte(snapshot)) {
		t.Fatalf("%s is stale: run go run ./dict/gensnap from the repository root", snapshotFile)
	}
}

// TestSnapshotThaws checks the snapshot holds the tables that parsing the text builds:
// thawed, it gives the same builder, and frozen again, the same bytes.
func TestSnapshotThaws(t *testing.T) {
	t.Parallel()
	want, err := parseText(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := thaw(snapshot)
	if err != nil {
		t.Fatal(err)
	}
	want.words, want.ends = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Fatal("thawed snapshot differs from the parsed text files")
	}
	if !bytes.Equal(got.encode(), []byte(snapshot)) {
		t.Fatal("thawed snapshot encodes to other bytes")
	}
}

// TestSnapshotEntries checks the entries and country names read in place are those
// parsed.
func TestSnapshotEntries(t *testing.T) {
	t.Parallel()
	b, err := parseText(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	var got []Entry
	for e := range Default().Entries {
		got = append(got, e)
	}
	if !reflect.DeepEqual(got, b.entries) {
		t.Fatal("entries differ from the parsed ones")
	}
	countries := map[string]string{}
	for _, e := range b.entries {
		if _, seen := countries[e.Code]; e.Kind == Country && len(e.Code) == 3 && !seen {
			countries[e.Code] = e.Name
		}
	}
	if !reflect.DeepEqual(Default().countries, countries) || len(countries) < 150 {
		t.Fatalf("%d countries, parsed %d", len(Default().countries), len(countries))
	}
}

// TestCompileNoFiles checks Compile of a directory without gazetteer files is an error,
// not an empty snapshot (gensnap run from the wrong directory).
func TestCompileNoFiles(t *testing.T) {
	t.Parallel()
	if _, err := Compile(os.DirFS(t.TempDir())); err == nil {
		t.Error("Compile of an empty directory succeeded")
	}
}

// TestSnapshotDamaged checks a truncated or corrupt snapshot is an error, not a panic.
func TestSnapshotDamaged(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 5, len(snapshotMagic), len(snapshotMagic) + 3, 1000, len(snapshot) / 2, len(snapshot) - 1} {
		if _, err := open(snapshot[:n]); err == nil {
			t.Errorf("open of the first %d bytes succeeded", n)
		}
	}
	if _, err := open(snapshot + "x"); err == nil {
		t.Error("open with a trailing byte succeeded")
	}
	// A slot count that is not a power of two.
	bad := []byte(snapshot)
	bad[len(snapshotMagic)+3*4]++
	if _, err := open(string(bad)); err == nil {
		t.Error("open with 1 slot more succeeded")
	}
}

// TestUserFileOverEmbedded checks a user file's phrase replaces the embedded one and
// adds to it, as parsing all the files as text would.
func TestUserFileOverEmbedded(t *testing.T) {
	t.Parallel()
	user := "org XYZ USA ORG United Nations | Zzq Corp\nagent GOV - - Police\n"
	f := t.TempDir() + "/user.txt"
	if err := os.WriteFile(f, []byte(user), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := parseText(os.DirFS("data"))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.parse("user.txt", []byte(user)); err != nil {
		t.Fatal(err)
	}
	want := b.dict()
	for _, p := range []string{"United Nations", "zzq corp", "police", "Mexico", "Barack Obama", "Secretary of State"} {
		w := strings.Fields(p)
		ge, gn, gok := d.Match(w, 0)
		we, wn, wok := want.Match(w, 0)
		if ge != we || gn != wn || gok != wok {
			t.Errorf("Match(%q) = %v %d %v, parsing all as text gives %v %d %v", p, ge, gn, gok, we, wn, wok)
		}
	}
	if e, _ := d.Lookup("united nations"); e.Code != "XYZ" {
		t.Errorf("user file did not replace United Nations: %+v", e)
	}
	if d.Len() != want.Len() {
		t.Errorf("Len = %d, parsing all as text gives %d", d.Len(), want.Len())
	}
}

// TestSnapshotChecks checks the embedded snapshot passes check (Default does not run it,
// to leave unread the pages a run does not need), and that check finds damaged records.
func TestSnapshotChecks(t *testing.T) {
	t.Parallel()
	d, err := open(snapshot)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.check(); err != nil {
		t.Fatal(err)
	}
	head := len(snapshotMagic) + 4*snapshotCount
	blob := int(lestr.Uint32(snapshot[len(snapshotMagic):]))
	entries := head + blob
	slots := entries + entrySize*d.nentries() + len(d.terms)
	for _, c := range []struct {
		name string
		at   int
		b    []byte
	}{
		{"unknown kind", entries, []byte{0}},
		{"name past the strings", entries + 1, []byte{0xff, 0xff, 0xff, 0x7f}},
		{"name length overflowing", entries + 5, []byte{0xff, 0xff, 0xff, 0xff}},
		{"child out of range", slots + 12, []byte{0xff, 0xff, 0xff, 0x7f}},
	} {
		bad := []byte(snapshot)
		copy(bad[c.at:], c.b)
		if openChecked(string(bad)) == nil {
			t.Errorf("%s: open and check succeeded", c.name)
		}
		if _, err := thaw(string(bad)); err == nil {
			t.Errorf("%s: thaw succeeded", c.name)
		}
	}
}

// FuzzOpen checks a damaged snapshot is an error from open or check, and a Dict that
// passes both matches without panicking or looping. The seed is a small snapshot, so
// that the fuzzer's mutations hit its headers and records.
func FuzzOpen(f *testing.F) {
	small := "org IGOUNO - - United Nations | UN\ncountry MEX MEX - Mexico | Mexican Republic\nagent GOV - - Police | police chief\nperson USAGOV USA - Barack Obama\n"
	b := newBuilder()
	if err := b.parse("small.txt", []byte(small)); err != nil {
		f.Fatal(err)
	}
	f.Add(b.encode())
	// The same with an office holder's terms, for the terms table.
	if err := b.parse("terms.txt", []byte(trumpLine)); err != nil {
		f.Fatal(err)
	}
	f.Add(b.encode())
	f.Add([]byte(snapshotMagic))
	f.Fuzz(func(t *testing.T, s []byte) {
		d, err := open(string(s))
		if err != nil {
			return
		}
		if d.check() != nil {
			return
		}
		for _, p := range []string{"United Nations", "the Mexican Republic", "police chief said", "Barack Obama", "Donald J. Trump"} {
			w := strings.Fields(p)
			for i := range w {
				d.Match(w, i)
				d.Agent(w, i)
			}
		}
		for e := range d.Entries {
			e.Terms()
			e.CodeOn(20170120)
		}
		if _, err := thaw(string(s)); err != nil {
			t.Fatalf("thaw of a checked snapshot: %v", err)
		}
	})
}

// openChecked opens a snapshot and checks it, as loading a user's copy does.
func openChecked(s string) error {
	d, err := open(s)
	if err == nil {
		err = d.check()
	}
	return err
}
