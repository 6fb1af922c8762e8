package clean

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render prints a cleaned document in a stable, readable form for golden files.
func render(d *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nsubtitle: %s\nbyline: %s\npublished: %s\n", d.Title, d.Subtitle, d.Byline, d.Published)
	for i, p := range d.Paragraphs {
		fmt.Fprintf(&b, "paragraph %d: %s\n", i, p)
	}
	for _, r := range d.Removed {
		fmt.Fprintf(&b, "removed %s: %s\n", r.Kind, r.Text)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	files = append(files, "../testdata/ruritania.txt")
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.txt") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := render(Text(string(raw), ""))
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".txt")+".golden.txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if got != string(want) {
				t.Errorf("cleaned %s differs from %s:\n%s", f, golden, got)
			}
		})
	}
}

func TestRepeats(t *testing.T) {
	long := "The council voted on Tuesday to extend the port agreement for another five years after a long debate."
	tests := []struct {
		name        string
		in          string
		wantTitle   string
		wantParas   int
		wantRemoved []string
	}{
		{"exact repeat", "Council Extends Port Deal\n" + long + "\nOther news followed in the second paragraph today.\n" + long,
			"Council Extends Port Deal", 2, []string{"duplicate_paragraph"}},
		{"near repeat", "Council Extends Port Deal\n" + long + "\nOther news followed in the second paragraph today.\n" + strings.Replace(long, "long", "lengthy", 1),
			"Council Extends Port Deal", 2, []string{"duplicate_paragraph"}},
		{"headline twice", "Council Extends Port Deal\n\nCouncil Extends Port Deal\n" + long,
			"Council Extends Port Deal", 1, []string{"duplicate_title"}},
		{"lede before headline", long + "\nCouncil Extends Port Deal\n" + "Other news followed in the second paragraph today.",
			"Council Extends Port Deal", 2, nil},
		{"boilerplate", "Council Extends Port Deal\n" + long + "\nAdvertisement\nRead more",
			"Council Extends Port Deal", 1, []string{"boilerplate", "boilerplate"}},
		{"short lines repeat", "Scores\nA 1 B 0\nA 1 B 0\n" + long, "", 4, nil},
		{"different stories share topic words", "Council Extends Port Deal\n" + long +
			"\nThe council voted on Wednesday to reject the airport plan after a short debate with residents.",
			"Council Extends Port Deal", 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Text(tc.in, "")
			if d.Title != tc.wantTitle {
				t.Errorf("title = %q, want %q", d.Title, tc.wantTitle)
			}
			if len(d.Paragraphs) != tc.wantParas {
				t.Errorf("got %d paragraphs, want %d: %q", len(d.Paragraphs), tc.wantParas, d.Paragraphs)
			}
			var kinds []string
			for _, r := range d.Removed {
				kinds = append(kinds, r.Kind)
			}
			if strings.Join(kinds, ",") != strings.Join(tc.wantRemoved, ",") {
				t.Errorf("removed %v, want %v", kinds, tc.wantRemoved)
			}
		})
	}
}

func TestStructure(t *testing.T) {
	d := Text("Harbour Strike Ends\nBy Mara Olsen\nPublished: 2025-03-04\nDock workers returned on Monday after a week-long strike over pay.\nThe union said the deal was fair.", "")
	if d.Byline != "Mara Olsen" || d.Published != "2025-03-04" {
		t.Errorf("byline %q published %q", d.Byline, d.Published)
	}
	if len(d.Paragraphs) != 2 {
		t.Errorf("paragraphs %q", d.Paragraphs)
	}
}

func TestHardWrapped(t *testing.T) {
	in := "Harbour Strike Ends\n\nDock workers returned on Monday after a week-long\nstrike over pay, the union said in a statement\nissued late on Sunday evening.\n\nThe port authority\nwelcomed the agreement and said ships\nwould sail again by Tuesday.\n"
	d := Text(in, "")
	if len(d.Paragraphs) != 2 {
		t.Fatalf("got %d paragraphs, want 2: %q", len(d.Paragraphs), d.Paragraphs)
	}
}

func TestTextSpans(t *testing.T) {
	d := &Doc{Title: "T", Paragraphs: []string{"One.", "Two."}}
	text, spans := d.Text()
	for i, want := range []string{"T", "One.", "Two."} {
		if text[spans[i].Start:spans[i].End] != want {
			t.Errorf("span %d = %q, want %q", i, text[spans[i].Start:spans[i].End], want)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("Headline Here\n\nHeadline Here\nBody text that is long enough to matter here.\n")
	f.Add("\x00\xff\xfe\r\n\r\nBy X\n2024-01-01\n")
	f.Add(strings.Repeat("same words again and again and again here\n", 50))
	f.Fuzz(func(t *testing.T, s string) {
		d := Text(s, "")
		text, spans := d.Text()
		for _, sp := range spans {
			if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
				t.Fatalf("bad span %v", sp)
			}
		}
	})
}

func BenchmarkText(b *testing.B) {
	raw, err := os.ReadFile("../testdata/ruritania.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		Text(string(raw), "")
	}
}

func TestManyParagraphs(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 100000; i++ {
		fmt.Fprintf(&b, "Paragraph number %d says something about the port and the council today.\n", i%5000)
	}
	d := Text(b.String(), "")
	if len(d.Paragraphs) != 5000 {
		t.Errorf("kept %d paragraphs, want 5000", len(d.Paragraphs))
	}
}

func TestParseDate(t *testing.T) {
	// ParseDate turns away lines without a digit before trying the layouts: each layout
	// must need one.
	for _, l := range dateLayouts {
		if !strings.Contains(l, "2006") {
			t.Errorf("layout %q has no year", l)
		}
	}
	for in, want := range map[string]string{
		"Published: January 2, 2024":   "2024-01-02",
		"Updated 2024-03-05T10:20:30Z": "2024-03-05T10:20:30Z",
		"Jan. 9, 2023":                 "2023-01-09",
		"Monday, January 2, 2006":      "2006-01-02",
		"By Jane Doe":                  "",
		"Advertisement":                "",
		"Published: yesterday":         "",
	} {
		got, ok := ParseDate(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
