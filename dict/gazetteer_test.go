package dict

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	t.Parallel()
	d := Default()
	tests := []struct {
		text    string
		name    string
		kind    Kind
		country string
		code    string
		typ     string
		n       int
	}{
		{"United States officials", "United States", Country, "USA", "USA", "GPE", 2},
		{"U.S. troops", "United States", Country, "USA", "USA", "GPE", 1},
		{"US troops", "United States", Country, "USA", "USA", "GPE", 1},
		{"America first", "United States", Country, "USA", "USA", "GPE", 1},
		{"American voters", "American", Demonym, "USA", "USA", "NORP", 1},
		{"MEXICO said", "Mexico", Country, "MEX", "MEX", "GPE", 1},
		{"Mexican police", "Mexican", Demonym, "MEX", "MEX", "NORP", 1},
		{"Latin American leaders", "Latin American", Demonym, "", "LAM", "NORP", 2},
		{"united nations envoy", "United Nations", Org, "", "IGOUNO", "ORG", 2},
		{"NATO allies", "NATO", Org, "", "IGOWSTNAT", "ORG", 1},
		{"European Union rules", "European Union", Org, "", "IGOEUREEC", "ORG", 2},
		{"the Pentagon said", "Pentagon", Org, "USA", "USAMIL", "ORG", 2},
		{"White House spokesman", "White House", Org, "USA", "USAGOV", "ORG", 2},
		{"State Department said", "State Department", Org, "USA", "USAGOV", "ORG", 2},
		{"Kremlin denied", "Kremlin", Org, "RUS", "RUSGOV", "ORG", 1},
		{"New York Times reported", "New York Times", Org, "USA", "MED", "ORG", 3},
		{"Reuters reported", "Reuters", Org, "GBR", "MED", "ORG", 1},
		{"Associated Press reported", "Associated Press", Org, "USA", "MED", "ORG", 2},
		{"Washington Post reported", "Washington Post", Org, "USA", "MED", "ORG", 2},
		{"CNN reported", "CNN", Org, "USA", "MED", "ORG", 1},
		{"BBC reported", "BBC", Org, "GBR", "MED", "ORG", 1},
		{"Al Jazeera reported", "Al Jazeera", Org, "QAT", "MED", "ORG", 2},
		{"Guadalajara residents", "Guadalajara", City, "MEX", "MEX", "GPE", 1},
		{"African Union envoys", "African Union", Org, "", "IGOAFRAU", "ORG", 2},
		{"Northern Ireland police", "Northern Ireland", City, "GBR", "GBR", "GPE", 2},
		{"the Vatican said", "Vatican", Country, "VAT", "VAT", "GPE", 2},
		{"Holy See envoys", "Vatican", Country, "VAT", "VAT", "GPE", 2},
		{"International Criminal Court judges", "International Criminal Court", Org, "", "IGOJUDICC", "ORG", 3},
		{"International Labor Office said", "International Labour Organization", Org, "", "IGOUNOLABILO", "ORG", 3},
		{"WTO rules", "World Trade Organization", Org, "", "IGOBUSWTO", "ORG", 1},
		{"OSCE monitors", "Organization for Security and Co-operation in Europe", Org, "", "IGOSCE", "ORG", 1},
		{"Houthi rebels fired", "Houthis", Org, "YEM", "YEMREB", "ORG", 2},
		{"Palestinian Islamic Jihad fighters", "Palestinian Islamic Jihad", Org, "PSE", "PSEREB", "ORG", 3},
		{"Secretary of State Blinken", "Secretary of State", Agent, "", "GOV", "", 3},
		// A made-up surname: leaders.txt may list "Prime Minister Modi" as a name.
		{"Prime Minister Zzyzx", "Prime Minister", Agent, "", "GOV", "", 2},
		{"Attorney General Garland", "Attorney General", Agent, "", "GOV", "", 2},
		{"police said", "Police", Agent, "", "COP", "", 1},
		{"cartel members", "Cartel", Agent, "", "CRM", "", 1},
		// Someone out of office before 2015, whom leaders.txt will not give terms.
		{"Nur Mohammad Taraki said", "Nur Mohammad Taraki", Person, "AFG", "AFGGOV", "PERSON", 3},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			words := strings.Fields(tt.text)
			e, n, ok := d.Match(words, 0)
			if !ok {
				t.Fatalf("Match(%q) found nothing", tt.text)
			}
			want := Entry{Name: tt.name, Kind: tt.kind, Country: tt.country, Code: tt.code, Type: tt.typ}
			if e != want || n != tt.n {
				t.Errorf("Match(%q) = %+v, %d; want %+v, %d", tt.text, e, n, want, tt.n)
			}
		})
	}
}

func TestMatchDetails(t *testing.T) {
	t.Parallel()
	d := Default()
	words := []string{"the", "Foreign", "Minister", "of", "Mexico’s", "ally"}
	if e, n, ok := d.Agent(words, 1); !ok || n != 2 || e.Code != "GOV" {
		t.Errorf("Agent(Foreign Minister) = %+v, %d, %v", e, n, ok)
	}
	if _, _, ok := d.Match([]string{"zzxqv", "Mexico"}, 0); ok {
		t.Error("Match on a made-up word succeeded")
	}
	if _, _, ok := d.Match([]string{"Mexico"}, 1); ok {
		t.Error("Match past the end succeeded")
	}
	// Curly apostrophes match straight ones in the data.
	if e, n, ok := d.Match([]string{"National", "People’s", "Congress"}, 0); !ok || n != 3 || e.Code != "CHNGOVLEG" {
		t.Errorf("curly apostrophe: %+v, %d, %v", e, n, ok)
	}
	if e, ok := d.Lookup("white house"); !ok || e.Kind != Org {
		t.Errorf("Lookup(white house) = %+v, %v", e, ok)
	}
	if e, ok := d.Lookup("Secretary of State"); !ok || e.Kind != Agent {
		t.Errorf("Lookup(Secretary of State) = %+v, %v", e, ok)
	}
	if _, ok := d.Lookup("White"); ok {
		t.Error("Lookup of a phrase prefix succeeded")
	}
	// DEU: the generator once took a Phoenix list of East German cities ("Leipzig") for
	// the country's record.
	for code, want := range map[string]string{"MEX": "Mexico", "USA": "United States", "FRA": "France", "DEU": "Germany", "RUS": "Russia"} {
		if got, ok := d.Country(code); !ok || got != want {
			t.Errorf("Country(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
}

func TestLoadUserFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "mine.txt")
	os.WriteFile(good, []byte("# my additions\norg MED USA ORG Herald Gazette | The_Herald_Gazette # local paper\ncity  MEX MEX - Zzyzx Springs\n"), 0o644)
	d, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	if e, n, ok := d.Match(strings.Fields("the herald gazette said"), 0); !ok || n != 3 || e.Name != "Herald Gazette" || e.Code != "MED" {
		t.Errorf("user org: %+v, %d, %v", e, n, ok)
	}
	if e, ok := d.Lookup("Zzyzx Springs"); !ok || e.Kind != City || e.Type != "GPE" {
		t.Errorf("user city: %+v, %v", e, ok)
	}
	if _, ok := Default().Lookup("Herald Gazette"); ok {
		t.Error("user file leaked into Default")
	}

	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("org MED USA ORG Fine Paper\n\nplanet XXX - - Mars\n"), 0o644)
	_, err = Load(bad)
	if err == nil || !strings.Contains(err.Error(), "bad.txt:3:") {
		t.Errorf("Load(bad) error = %v, want it to name bad.txt:3", err)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, line := range []string{
		"org MED USA",
		"org MED USA ORG Paper |  | Other",
		"org med USA ORG Paper",
		"sometimes MED USA ORG Paper",
	} {
		if err := newBuilder().parse("x.txt", []byte(line)); err == nil {
			t.Errorf("parse(%q) succeeded", line)
		}
	}
}

func TestEmbeddedCounts(t *testing.T) {
	t.Parallel()
	counts := map[Kind]int{}
	for e := range Default().Entries {
		counts[e.Kind]++
	}
	for k := Country; k <= Person; k++ {
		if counts[k] == 0 {
			t.Errorf("no %v entries", k)
		}
		t.Logf("%v: %d", k, counts[k])
	}
	t.Logf("phrases: %d", Default().Len())
}

func FuzzParse(f *testing.F) {
	f.Add("org MED USA ORG Herald Gazette | The Herald # c")
	f.Add("agent GOV - - Secretary_of_State")
	f.Add("country\tMEX\tMEX\tGPE\tMexico | Mexico’s")
	f.Add("# only a comment\n\n")
	f.Add(trumpLine)
	f.Add("person FRAGOV@2020-03-01..2022-05-01,FRALEG@2017-05-01..2019-01-01 FRA - Ana Ruiz")
	f.Add("person A@..,B@.. - - X")
	f.Fuzz(func(t *testing.T, s string) {
		b := newBuilder()
		if err := b.parse("fuzz.txt", []byte(s)); err != nil {
			return
		}
		d := b.dict()
		for _, e := range b.entries {
			if _, ok := d.Lookup(e.Name); !ok {
				t.Errorf("entry %q not found by Lookup", e.Name)
			}
			// Terms that parse are ordered, apart, and end with Code's.
			ts := e.Terms()
			for k, tm := range ts {
				if tm.From != 0 && tm.To != 0 && tm.From >= tm.To || k > 0 && (ts[k-1].To == 0 || ts[k-1].To > tm.From) {
					t.Errorf("%q: terms %v", s, ts)
				}
				if !tm.Contains(tm.From) && tm.From != 0 || e.CodeOn(max(tm.From, 1)) != tm.Code {
					t.Errorf("%q: term %v does not hold its first day", s, tm)
				}
			}
			if len(ts) > 0 && ts[len(ts)-1].Code != e.Code {
				t.Errorf("%q: Code %q, latest term %v", s, e.Code, ts[len(ts)-1])
			}
		}
		// And they survive the snapshot.
		var got []Entry
		for e := range d.Entries {
			got = append(got, e)
		}
		if !reflect.DeepEqual(got, b.entries) && len(b.entries) > 0 {
			t.Errorf("%q: entries read in place differ from those parsed", s)
		}
	})
}

func BenchmarkMatch(b *testing.B) {
	d := Default()
	words := strings.Fields("The United States and Mexico said on Tuesday that Secretary of State officials met the Latin American envoy at the United Nations while Reuters reported")
	b.ReportAllocs()
	for b.Loop() {
		for i := range words {
			d.Match(words, i)
		}
	}
}

// BenchmarkLoad times parsing the embedded gazetteer, part of every process's start-up.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
