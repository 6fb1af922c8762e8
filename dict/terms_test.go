package dict

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const trumpLine = "person  USABUS@..2015-06-16,USAELI@2015-06-16..2017-01-20,USAGOV@2017-01-20..2021-01-20,USAELI@2021-01-20..2025-01-20,USAGOV@2025-01-20..  USA  PERSON  Donald Trump | Donald J. Trump | Trump"

var trumpTerms = []Term{
	{"USABUS", 0, 20150616},
	{"USAELI", 20150616, 20170120},
	{"USAGOV", 20170120, 20210120},
	{"USAELI", 20210120, 20250120},
	{"USAGOV", 20250120, 0},
}

// TestParseTerms checks the code column of person lines: a plain code as before, or dated
// terms, which give the entry the latest term's code and keep them all, earliest first.
func TestParseTerms(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		line  string
		code  string
		terms []Term
	}{
		{trumpLine, "USAGOV", trumpTerms},
		{"person MEXGOV MEX - Ana Ruiz", "MEXGOV", nil},
		{"person USAGOV@.. USA - Ana Ruiz", "USAGOV", []Term{{"USAGOV", 0, 0}}},
		{"person USAGOV@2001-02-03.. USA - Ana Ruiz", "USAGOV", []Term{{"USAGOV", 20010203, 0}}},
		// Written out of order: stored earliest first, and the latest From gives Code
		// even when that term has ended.
		{"person FRAGOV@2020-03-01..2022-05-01,FRALEG@2017-05-01..2019-01-01 FRA - Ana Ruiz", "FRAGOV",
			[]Term{{"FRALEG", 20170501, 20190101}, {"FRAGOV", 20200301, 20220501}}},
		// Terms may touch: To is exclusive.
		{"person AAA@..2000-01-01,BBB@2000-01-01.. - - Ana Ruiz", "BBB", []Term{{"AAA", 0, 20000101}, {"BBB", 20000101, 0}}},
		// A career between a country and international bodies: terms of the line's
		// country and of no country may mix.
		{"person DNKGOV@2001-01-01..2009-01-01,IGOWSTNAT@2009-08-01..2014-10-01,NGOXYZ@2015-01-01.. DNK - Ole Vinding", "NGOXYZ",
			[]Term{{"DNKGOV", 20010101, 20090101}, {"IGOWSTNAT", 20090801, 20141001}, {"NGOXYZ", 20150101, 0}}},
		// A line without a country may mix countries: each term gives its own.
		{"person FINGOV@..2010-01-01,SWEGOV@2012-01-01.. - - Ana Ruiz", "SWEGOV", []Term{{"FINGOV", 0, 20100101}, {"SWEGOV", 20120101, 0}}},
	} {
		b := newBuilder()
		if err := b.parse("leaders.txt", []byte(c.line)); err != nil {
			t.Errorf("parse(%q): %v", c.line, err)
			continue
		}
		e := b.entries[0]
		if e.Code != c.code || !reflect.DeepEqual(e.Terms(), c.terms) {
			t.Errorf("parse(%q) = code %q terms %v, want %q %v", c.line, e.Code, e.Terms(), c.code, c.terms)
		}
	}
}

// TestParseTermErrors checks malformed terms are errors naming the file and line.
func TestParseTermErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ code, want string }{
		{"USAGOV@2017-01-20", "want CODE@FROM..TO"},
		{"USAGOV@2017-01-20..,USAELI", "want CODE@FROM..TO"},
		{"@2017-01-20..", "want upper-case"},
		{"usagov@2017-01-20..", "want upper-case"},
		{"USAGOV@2017-13-01..", "want YYYY-MM-DD"},
		{"USAGOV@2017-02-30..", "want YYYY-MM-DD"},
		{"USAGOV@..20170120", "want YYYY-MM-DD"},
		{"USAGOV@17-01-20..", "want YYYY-MM-DD"},
		{"USAGOV@2021-01-20..2017-01-20", "FROM must be before TO"},
		{"USAGOV@2017-01-20..2017-01-20", "FROM must be before TO"},
		{"USAGOV@2017-01-20..2021-01-20,USAELI@2020-01-01..", "overlap"},
		{"USAGOV@..,USAELI@2020-01-01..", "overlap"},
		{"USAGOV@..2010-01-01,USAELI@..2000-01-01", "overlap"},
		{",", "empty term"},
		{"USAGOV@..,", "empty term"},
		// The line says USA: a term of another country is refused, wherever it stands.
		{"USAGOV@..2001-01-01,MEXGOV@2002-01-01..", "country MEX is not the line's USA"},
		{"CANLEG@..2001-01-01,IGOUNO@2002-01-01..", "country CAN is not the line's USA"},
	} {
		text := "# leaders\nperson MEXGOV MEX - Fine Person\nperson " + c.code + " USA - Ana Ruiz\n"
		err := newBuilder().parse("leaders.txt", []byte(text))
		if err == nil || !strings.Contains(err.Error(), "leaders.txt:3:") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("code %q: error %v, want leaders.txt:3: … %s", c.code, err, c.want)
		}
	}
	// Only office holders have terms.
	if err := newBuilder().parse("x.txt", []byte("org IGOUNO@2000-01-01.. - - Some Body")); err == nil || !strings.Contains(err.Error(), "person entries only") {
		t.Errorf("org with terms: %v", err)
	}
}

// TestCodeCountry checks which codes start with a country: the terms' check and the
// readers of a term's code (entity, event) rely on it.
func TestCodeCountry(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ code, want string }{
		{"NORGOV", "NOR"},
		{"USA", "USA"},
		{"IGOWSTNAT", ""},
		{"IGOUNO", ""},
		{"NGOHRI", ""},
		{"IMGMUSISI", ""},
		{"GOV", ""},
		{"MEDUSA", ""},
		{"US", ""},
		{"", ""},
	} {
		if got := CodeCountry(c.code); got != c.want {
			t.Errorf("CodeCountry(%q) = %q, want %q", c.code, got, c.want)
		}
	}
}

// TestCodeOn checks the code an article's date selects: the term containing it, none in a
// gap or before the first term, and Code for an undated article or a plain entry.
// Not parallel: it counts allocations.
func TestCodeOn(t *testing.T) {
	b := newBuilder()
	if err := b.parse("leaders.txt", []byte(trumpLine+"\nperson FRAGOV@2020-03-01..2022-05-01,FRALEG@2017-05-01..2019-01-01 FRA - Ana Ruiz\nperson MEXGOV MEX - Ramiro Quintanar")); err != nil {
		t.Fatal(err)
	}
	trump, ruiz, plain := b.entries[0], b.entries[1], b.entries[2]
	for _, c := range []struct {
		e    Entry
		day  int
		want string
	}{
		{trump, 0, "USAGOV"},
		{trump, 20100101, "USABUS"},
		{trump, 20150615, "USABUS"},
		{trump, 20150616, "USAELI"},
		{trump, 20170119, "USAELI"},
		{trump, 20170120, "USAGOV"},
		{trump, 20210119, "USAGOV"},
		{trump, 20210120, "USAELI"},
		{trump, 20250120, "USAGOV"},
		{trump, 20991231, "USAGOV"},
		{ruiz, 0, "FRAGOV"},
		{ruiz, 20160101, ""}, // before the first term
		{ruiz, 20180101, "FRALEG"},
		{ruiz, 20190601, ""}, // between terms
		{ruiz, 20210101, "FRAGOV"},
		{ruiz, 20230101, ""}, // after the last
		{plain, 0, "MEXGOV"},
		{plain, 20200101, "MEXGOV"},
	} {
		if got := c.e.CodeOn(c.day); got != c.want {
			t.Errorf("%s.CodeOn(%d) = %q, want %q", c.e.Name, c.day, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { trump.CodeOn(20180101) }); n != 0 {
		t.Errorf("CodeOn allocates %v times", n)
	}
	if got := Day(time.Date(2017, time.January, 20, 23, 0, 0, 0, time.UTC)); got != 20170120 {
		t.Errorf("Day = %d", got)
	}
}

// TestSnapshotTerms checks terms survive the snapshot: encoded and read in place, checked,
// thawed and encoded again, and under a user file loaded over them.
func TestSnapshotTerms(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "leaders.txt"))
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder()
	if err := b.parse("leaders.txt", append([]byte("country USA USA - United States\n"), data...)); err != nil {
		t.Fatal(err)
	}
	snap := b.encode()
	d, err := open(string(snap))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.check(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		phrase string
		code   string
		terms  []Term
	}{
		{"Donald J. Trump", "USAGOV", trumpTerms},
		{"Odile Vantreuil", "FRAGOV", []Term{{"FRALEG", 20170501, 20190101}, {"FRAGOV", 20200301, 20220501}}},
		{"Ramiro Quintanar", "MEXGOV", nil},
		{"United States", "USA", nil},
	} {
		e, ok := d.Lookup(c.phrase)
		if !ok || e.Code != c.code || !reflect.DeepEqual(e.Terms(), c.terms) {
			t.Errorf("Lookup(%q) = %+v %v (terms %v), want code %s terms %v", c.phrase, e, ok, e.Terms(), c.code, c.terms)
		}
	}
	var got []Entry
	for e := range d.Entries {
		got = append(got, e)
	}
	if !reflect.DeepEqual(got, b.entries) {
		t.Errorf("entries read in place differ from those parsed:\n%+v\n%+v", got, b.entries)
	}
	tb, err := thaw(string(snap))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(tb.encode(), snap) {
		t.Error("thawed snapshot encodes to other bytes")
	}
	// A user file over the embedded data keeps the terms it does not replace.
	if err := tb.parse("user.txt", []byte("person USAGOV@2030-01-01.. USA - Odile Vantreuil\n")); err != nil {
		t.Fatal(err)
	}
	d2 := tb.dict()
	if e, _ := d2.Lookup("Trump"); !reflect.DeepEqual(e.Terms(), trumpTerms) {
		t.Errorf("Trump after a user file: %v", e.Terms())
	}
	if e, _ := d2.Lookup("Odile Vantreuil"); e.CodeOn(20300101) != "USAGOV" || len(e.Terms()) != 1 {
		t.Errorf("Vantreuil after a user file: %v", e.Terms())
	}
}

// TestSnapshotTermsDamaged checks check refuses a damaged terms table: termsOf relies on
// its order and nextTerm on its lengths.
func TestSnapshotTermsDamaged(t *testing.T) {
	t.Parallel()
	b := newBuilder()
	if err := b.parse("leaders.txt", []byte("country USA USA - United States\n"+trumpLine+"\nperson FRALEG@2017-05-01..2019-01-01 FRA - Ana Ruiz\n")); err != nil {
		t.Fatal(err)
	}
	snap := b.encode()
	d, err := open(string(snap))
	if err != nil {
		t.Fatal(err)
	}
	table := len(snapshotMagic) + 4*snapshotCount + len(d.blob) + entrySize*d.nentries()
	for _, c := range []struct {
		name string
		at   int
		b    []byte
	}{
		{"entry out of range", table, []byte{0xff, 0xff, 0, 0}},
		{"not a person", table, []byte{0, 0, 0, 0}},               // entry 0 is the country
		{"out of order", table + termRecSize, []byte{1, 0, 0, 0}}, // the same entry twice
		{"terms past the strings", table + 4, []byte{0xff, 0xff, 0xff, 0x7f}},
		{"terms too short", table + 8, []byte{3, 0, 0, 0}},
	} {
		bad := bytes.Clone(snap)
		copy(bad[c.at:], c.b)
		if openChecked(string(bad)) == nil {
			t.Errorf("%s: open and check succeeded", c.name)
		}
	}
}

// TestLeadersLoadOrder checks leaders.txt loads after the generated files, so that its
// terms replace people.txt's latest code, and before herald-extra.txt, which keeps the
// last word.
func TestLeadersLoadOrder(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"people.txt":       {Data: []byte("person USABUS USA - Donald Trump | Trump | Donald J. Trump\n")},
		"zz-generated.txt": {Data: []byte("person USAMED USA - Trump Junior | Donald J. Trump\n")},
		"leaders.txt":      {Data: []byte(trumpLine + "\n")},
		"herald-extra.txt": {Data: []byte("org USABUS USA ORG Trump Organization | Trump\n")},
	}
	snap, err := Compile(fsys)
	if err != nil {
		t.Fatal(err)
	}
	d, err := open(string(snap))
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := d.Lookup("Donald Trump"); e.Code != "USAGOV" || len(e.Terms()) != 5 {
		t.Errorf("Donald Trump = %+v, want leaders.txt's entry", e)
	}
	if e, _ := d.Lookup("Donald J. Trump"); e.Code != "USAGOV" {
		t.Errorf("Donald J. Trump = %+v, want leaders.txt over a generated file after it in name order", e)
	}
	if e, _ := d.Lookup("Trump"); e.Kind != Org {
		t.Errorf("Trump = %+v, want herald-extra.txt's entry", e)
	}
}

// TestLeadersCoverPeopleAliases checks every phrase people.txt gives a person leaders.txt
// lists again is in leaders.txt too: a later definition replaces only the phrases it
// names, so "Mr. Obama" or "Prime Minister Netanyahu" left to people.txt's entry would
// keep its one 2014 code in every year while "Obama" follows the terms.
func TestLeadersCoverPeopleAliases(t *testing.T) {
	t.Parallel()
	names := func(file string) map[string][]string {
		data, err := os.ReadFile(filepath.Join("data", file))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for line := range strings.Lines(string(data)) {
			cols := strings.Fields(line)
			if len(cols) < 5 || cols[0] != "person" {
				continue
			}
			_, rest, _ := strings.Cut(line, cols[3])
			var phrases []string
			for p := range strings.SplitSeq(rest, "|") {
				phrases = append(phrases, strings.TrimSpace(p))
			}
			out[phrases[0]] = append(out[phrases[0]], phrases...)
		}
		return out
	}
	leaders, people := names("leaders.txt"), names("people.txt")
	d := Default()
	for name := range leaders {
		want, _ := d.Lookup(name)
		for _, p := range people[name] {
			if e, _ := d.Lookup(p); e != want {
				t.Errorf("%q (people.txt, %s): %+v, want leaders.txt's entry %+v", p, name, e, want)
			}
		}
	}
}
