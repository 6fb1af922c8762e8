package dict

import (
	"strings"
	"testing"
)

// TestAppendWords checks the phrase splitter against the strings.Fields form it replaces.
func TestAppendWords(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"", " ", "_", "United_States", " New  York\tTimes ", "a__b", "Côte_d’Ivoire", "x\u00a0y", "\u2003z", "bad\xffbyte", "a\u0085b"} {
		got := appendWords(nil, p)
		want := strings.Fields(strings.ReplaceAll(p, "_", " "))
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendWords(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestParsePhrases checks empty phrases anywhere in the list are refused, as before.
func TestParsePhrases(t *testing.T) {
	t.Parallel()
	for _, line := range []string{"org X - - A|", "org X - - |A", "org X - - A||B", "org X - - _ | A"} {
		if err := newBuilder().parse("x.txt", []byte(line)); err == nil || !strings.Contains(err.Error(), "empty phrase") {
			t.Errorf("parse(%q) = %v, want an empty-phrase error", line, err)
		}
	}
	b := newBuilder()
	if err := b.parse("x.txt", []byte("org XYZ - - Foo_Bar  Inc | FBI\r\n# comment\n\ncountry ABC ABC - Abcland")); err != nil {
		t.Fatal(err)
	}
	d := b.dict()
	if e, ok := d.Lookup("foo bar inc"); !ok || e.Name != "Foo Bar Inc" || e.Code != "XYZ" {
		t.Errorf("Lookup = %+v, %v", e, ok)
	}
	if e, ok := d.Lookup("FBI"); !ok || e.Name != "Foo Bar Inc" {
		t.Errorf("Lookup(FBI) = %+v, %v", e, ok)
	}
	if n, ok := d.Country("ABC"); !ok || n != "Abcland" {
		t.Errorf("Country(ABC) = %q, %v", n, ok)
	}
}
