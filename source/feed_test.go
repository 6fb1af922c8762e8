package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFeedFile(t *testing.T) {
	t.Parallel()
	s, err := Open("testdata/feed.rss", Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := drain(t, s)
	want := []string{"testdata/feed.rss#wire-1", "testdata/feed.rss#wire-2"}
	if got := refs(docs); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("refs %v, want %v", got, want)
	}
	// The third item has a headline only: an explained failure, not a stop.
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "wire-3: item has no content") {
		t.Errorf("errors %v", errs)
	}
	var j jsonLine
	if err := json.Unmarshal(docs[0].Input.Data, &j); err != nil {
		t.Fatal(err)
	}
	// content:encoded wins over the description.
	if j.Title != "Minister resigns" || j.URL != "https://news.example.org/a/1" ||
		!strings.Contains(j.HTML, "finance minister") || j.Published == "" {
		t.Errorf("item 1: %+v", j)
	}
	if docs[0].Source != "Herald Test Wire" || docs[0].Kind != KindFeed || docs[0].Input.URL != j.URL {
		t.Errorf("doc %+v", docs[0])
	}
	if err := json.Unmarshal(docs[1].Input.Data, &j); err != nil || !strings.Contains(j.HTML, "Dock workers") {
		t.Errorf("item 2: %+v %v", j, err)
	}
}

func TestOPMLFile(t *testing.T) {
	t.Parallel()
	s, err := Open("testdata/feeds.opml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := drain(t, s)
	want := []string{"testdata/feed.rss#wire-1", "testdata/feed.rss#wire-2", "testdata/atom.xml#urn:herald:atom-1"}
	if got := refs(docs); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("refs %v, want %v", got, want)
	}
	if len(errs) != 1 {
		t.Errorf("errors %v", errs)
	}
	if docs[2].Source != "Herald Atom Desk" {
		t.Errorf("source %q", docs[2].Source)
	}
}

func TestOPMLBrokenFeeds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	opml := `<opml version="1.0"><body>
<outline xmlUrl="missing.xml"/>
<outline xmlUrl="broken.xml"/>
<outline xmlUrl="ftp://example.org/feed"/>
<outline xmlUrl="good.xml"/>
</body></opml>`
	good, err := os.ReadFile("testdata/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"list.opml": opml, "broken.xml": "<rss><channel><item>", "good.xml": string(good)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(filepath.Join(dir, "list.opml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := drain(t, s)
	if len(docs) != 1 || len(errs) != 3 {
		t.Errorf("docs %v errors %v", refs(docs), errs)
	}
}

func TestParseOPML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
		err  bool
	}{
		{in: `<opml><body><outline xmlUrl="http://a/"/><outline><outline xmlUrl="http://b/"/><outline xmlUrl="http://a/"/></outline></body></opml>`, want: "http://a/ http://b/"},
		{in: `<?xml version="1.0" encoding="ISO-8859-1"?><opml><body><outline xmlUrl="http://c/"/></body></opml>`, want: "http://c/"},
		{in: `<opml><body><outline text="no feeds"/></body></opml>`, err: true},
		{in: `not xml`, err: true},
		{in: `<rss/>`, err: true},
	}
	for _, tt := range tests {
		got, err := parseOPML([]byte(tt.in))
		if (err != nil) != tt.err || strings.Join(got, " ") != tt.want {
			t.Errorf("%s: got %v, %v", tt.in, got, err)
		}
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"WARC/1.1\r\n":               KindWARC,
		"\x1f\x8b\x08":               KindWARC,
		`<?xml version="1.0"?><rss>`: KindFeed,
		"\ufeff<?xml version='1.0'?>\n<!-- c --><feed xmlns=''>": KindFeed,
		"<rdf:RDF>":            KindFeed,
		"<opml version='2.0'>": "opml",
		"<html><body>":         "",
		"<?xml never closed":   "",
		"plain text":           "",
	}
	for in, want := range tests {
		if got := sniff([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %q, want %q", in, got, want)
		}
	}
}
