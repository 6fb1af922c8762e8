package webpage

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/heraldnews/herald/eval"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestExtractGolden runs Extract on each hand-written page in
// testdata/pages and compares the Page, as indented JSON, with
// testdata/golden/NAME.json.
func TestExtractGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			page, err := Extract(src, "https://news.example/"+name)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, _ := json.MarshalIndent(page, "", "  ")
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Page differs from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// TestExtractProperties checks what each page must and must not contain,
// independently of the golden files, so an -update cannot bless a regression.
func TestExtractProperties(t *testing.T) {
	tests := []struct {
		page         string
		title        string
		byline       string
		published    string
		language     string
		first        string   // the body's first paragraph starts so
		paragraphs   int      // at least this many paragraphs
		mustNot      []string // text that must not appear in the body
		mustInclude  []string
		boilerplated string // a line reported in Boilerplate
		noByline     bool   // the page names no author
	}{
		{page: "nav_footer", title: "Harbour ferry returns after repairs", language: "en",
			first: "The small passenger ferry", paragraphs: 4,
			mustNot: []string{"Weather", "Privacy policy", "All rights reserved"}},
		{page: "comments", title: "Library extends its opening hours", language: "en",
			first: "The central library", paragraphs: 3,
			mustNot: []string{"reader42", "Finally!", "Write a comment"}},
		{page: "cookie_banner", title: "Neue Radwege in der Innenstadt", language: "de",
			first: "Die Stadt hat am Montag", paragraphs: 3,
			mustNot: []string{"Cookies", "akzeptieren", "dataLayer"}},
		{page: "byline_date", title: "Orchard growers count the cost of late frost",
			byline: "Maria Delgado", published: "2024-04-18T07:30:00Z", language: "en",
			paragraphs: 3, mustInclude: []string{"destroyed much of the blossom"},
			mustNot: []string{"Cherry harvest", "Subscribe"}},
		{page: "repeated_headline", title: "Bridge closure extended by two weeks", language: "en",
			first: "The old stone bridge", paragraphs: 3,
			boilerplated: "Bridge closure extended by two weeks"},
		{page: "furniture", title: "Council approves new tram depot", byline: "Tomas Varga",
			published: "2024-05-02T16:05:00+01:00", language: "en",
			first: "The city council voted on Thursday", paragraphs: 4,
			mustInclude: []string{"noise wall", "first trams moving in"},
			mustNot: []string{"By Tomas Varga", "Share on", "artist's drawing", "Photograph:",
				"Tram fares", "morning briefing", "Harbour Street"}},
		{page: "comments", title: "Library extends its opening hours", language: "en", noByline: true},
		{page: "latin1", title: "La fête du village", language: "fr",
			first: "La fête du village aura lieu", paragraphs: 3,
			mustInclude: []string{"bénévoles", "l'église"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(filepath.Join("testdata", "pages", tt.page+".html"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Extract(src, "")
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			body := strings.Join(p.Paragraphs, "\n")
			if p.Title != tt.title {
				t.Errorf("Title = %q, want %q", p.Title, tt.title)
			}
			if tt.byline != "" && p.Byline != tt.byline {
				t.Errorf("Byline = %q, want %q", p.Byline, tt.byline)
			}
			if tt.noByline && p.Byline != "" {
				t.Errorf("Byline = %q, want none", p.Byline)
			}
			if tt.published != "" && p.Published != tt.published {
				t.Errorf("Published = %q, want %q", p.Published, tt.published)
			}
			if p.Language != tt.language {
				t.Errorf("Language = %q, want %q", p.Language, tt.language)
			}
			if len(p.Paragraphs) < tt.paragraphs {
				t.Errorf("%d paragraphs, want at least %d: %q", len(p.Paragraphs), tt.paragraphs, p.Paragraphs)
			}
			if tt.first != "" && (len(p.Paragraphs) == 0 || !strings.HasPrefix(p.Paragraphs[0], tt.first)) {
				t.Errorf("body starts %q, want %q", p.Paragraphs, tt.first)
			}
			for _, s := range tt.mustNot {
				if strings.Contains(body, s) {
					t.Errorf("body contains %q", s)
				}
			}
			for _, s := range tt.mustInclude {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			if contains(p.Paragraphs, tt.title) {
				t.Errorf("body repeats the title %q", tt.title)
			}
			if tt.boilerplated != "" && !contains(p.Boilerplate, tt.boilerplated) {
				t.Errorf("Boilerplate = %q, want it to hold %q", p.Boilerplate, tt.boilerplated)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestIsoDate(t *testing.T) {
	tests := map[string]string{
		"2024-04-18T07:30:00Z":          "2024-04-18T07:30:00Z",
		"2024-04-18T09:30:00+02:00":     "2024-04-18T09:30:00+02:00",
		"2024-04-18":                    "2024-04-18",
		"April 18, 2024":                "2024-04-18",
		"Thu, 18 Apr 2024 07:30:00 GMT": "2024-04-18T07:30:00Z",
		"2024-04-18 and then some text": "2024-04-18",
		"not a date at all":             "",
		"":                              "",
		"1850-01-01":                    "", // not a news date: a template default
	}
	for in, want := range tests {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanByline(t *testing.T) {
	tests := map[string]string{
		"Maria Delgado":                       "Maria Delgado",
		"By Maria Delgado":                    "Maria Delgado",
		"by: Maria Delgado":                   "Maria Delgado",
		"By Ann Lee - 2018-09-16":             "Ann Lee",
		"by Jo Park — November 18, 2019":      "Jo Park",
		"By Carrie ArnoldNovember 15, 2019":   "Carrie Arnold",
		"Wire services Oct. 5, 2019, 9:02 AM": "Wire services",
		"Theresa May, 18 April 2024":          "Theresa May",
		"By":                                  "",
		"  ·  12:30 ":                         "",
		"Ann Lee, Ben Ode and Cy Tan":         "Ann Lee, Ben Ode and Cy Tan",
	}
	for in, want := range tests {
		if got := cleanByline(in); got != want {
			t.Errorf("cleanByline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLDAuthorReference(t *testing.T) {
	m := &metadata{jsonLD: []string{`{"@graph":[
		{"@type":"NewsArticle","author":[{"@id":"#p1"},{"@id":"#p2"}]},
		{"@type":"Person","@id":"#p1","name":"Ann Lee"},
		{"@type":"Person","@id":"#p2","name":"Ben Ode"}]}`}}
	if got := m.ldFields()["author"]; got != "Ann Lee, Ben Ode" {
		t.Errorf("author = %q, want %q", got, "Ann Lee, Ben Ode")
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Tram depot approved | Lakeside Courier", "Lakeside Courier", "Tram depot approved"},
		{"Tram depot approved - lakeside courier", "Lakeside Courier", "Tram depot approved"},
		{"Tram depot approved", "Lakeside Courier", "Tram depot approved"},
		{"Lakeside Courier", "Lakeside Courier", "Lakeside Courier"},
		{"Why I read the Lakeside Courier", "Lakeside Courier", "Why I read the Lakeside Courier"},
		{"Tram depot approved | Courier", "", "Tram depot approved | Courier"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("stripSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

// TestExtractHostile feeds inputs that must come back without a panic and with
// only non-empty, valid UTF-8 paragraphs; an error is fine. (A blow-up on one shows
// as the test binary's timeout; BenchmarkExtract measures speed.)
func TestExtractHostile(t *testing.T) {
	para := "<p>" + strings.Repeat("Words of an ordinary sentence that goes on. ", 8) + "</p>\n"
	tests := map[string][]byte{
		"empty":         nil,
		"nul bytes":     bytes.Repeat([]byte{0}, 5000),
		"invalid utf8":  append([]byte("<p>caf\xe9 \xff\xfe "), []byte(strings.Repeat(para, 5))...),
		"deep nesting":  []byte(strings.Repeat("<div>", 100000) + para + strings.Repeat("</div>", 100000)),
		"deep inline":   []byte(strings.Repeat("<b><i>", 50000) + para),
		"10 MB page":    []byte("<html><body><article>" + strings.Repeat(para, 10<<20/len(para)) + "</article></body></html>"),
		"10 MB table":   []byte("<table>" + strings.Repeat("<tr><td>cell text here</td><td>more</td></tr>", 10<<20/48) + "</table>"),
		"unclosed tags": []byte(strings.Repeat("<p><a href=x><span>", 30000)),
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			p, _ := Extract(in, "::not a url")
			for _, s := range p.Paragraphs {
				if s == "" || !utf8.ValidString(s) {
					t.Errorf("bad paragraph %q", s)
				}
			}
		})
	}
}

// TestExtractBenchmarkPages scores Extract on the article-extraction
// benchmark pages kept outside the repository.
func TestExtractBenchmarkPages(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "extract")
	truth := filepath.Join(dir, "ground-truth.json")
	if _, err := os.Stat(truth); err != nil {
		t.Skipf("skipping: benchmark pages not found at %s (they live outside the repository)", dir)
	}
	if testing.Short() {
		t.Skip("skipping 91-page extraction in -short mode")
	}
	_, urls, err := eval.ExtractTruthBodies(truth)
	if err != nil {
		t.Fatal(err)
	}
	bodies := make(map[string]string, len(urls))
	for key, u := range urls {
		src, err := os.ReadFile(filepath.Join(dir, "html", key+".html"))
		if err != nil {
			t.Fatal(err)
		}
		p, _ := Extract(src, u)
		bodies[key] = strings.Join(p.Paragraphs, "\n")
	}
	s, err := eval.ScoreExtract(truth, bodies)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(s)
	if s.F1 < 0.95 {
		t.Errorf("body F1 %.3f, want at least 0.95", s.F1)
	}
}

func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	var pages [][]byte
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, src)
		size += len(src)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			Extract(p, "https://news.example/a")
		}
	}
}

// FuzzExtract checks that no input panics Extract or gives an empty or invalid
// paragraph (a hang shows as the run's -timeout). The seeds are the test pages
// plus a few hostile fragments. Minimising an interesting input re-runs the
// whole extractor thousands of times, so cap it:
//
//	go test ./clean/webpage -run XXX -fuzz FuzzExtract -fuzztime 60s -fuzzminimizetime 50x
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("<p>caf\xe9\x00 <b><i><p></i></b>"))
	f.Add([]byte(strings.Repeat("<div>", 600)))
	f.Add([]byte(`<script type="application/ld+json">{"datePublished": [1,{"a":null}], "author": [{"name": 5}]}</script>`))
	f.Add([]byte(`<meta property="article:published_time" content="9999-99-99T99:99"><table><td><tr>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, _ := Extract(in, "https://news.example/")
		for _, s := range p.Paragraphs {
			if s == "" || !utf8.ValidString(s) {
				t.Errorf("bad paragraph %q", s)
			}
		}
	})
}
