package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heraldnews/herald/extract"
)

// drain reads a source to its end, collecting documents and per-document errors; a
// fatal error fails the test unless wantFatal.
func drain(t *testing.T, s Source) (docs []Document, errs []error) {
	t.Helper()
	docs, errs, fatal := drainAll(s)
	if fatal != nil {
		t.Fatalf("fatal error after %d docs: %v", len(docs), fatal)
	}
	return docs, errs
}

func drainAll(s Source) (docs []Document, errs []error, fatal error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	defer s.Close()
	for i := 0; i < 10000; i++ {
		d, err := s.Next(ctx)
		switch {
		case err == io.EOF:
			return docs, errs, nil
		case IsDocError(err):
			errs = append(errs, err)
		case err != nil:
			return docs, errs, err
		default:
			docs = append(docs, d)
		}
	}
	return docs, errs, errors.New("source did not end")
}

func refs(docs []Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Ref)
	}
	return out
}

func TestOpenFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		spec     string
		maxBytes int64
		refs     []string
		errs     []string // substrings of the DocErrors, in order
		kind     string
	}{
		{name: "text", spec: "testdata/dir/a.txt", refs: []string{"testdata/dir/a.txt"}, kind: KindFile},
		{name: "html", spec: "testdata/dir/b.html", refs: []string{"testdata/dir/b.html"}, kind: KindFile},
		{name: "binary", spec: "testdata/binary.txt", errs: []string{"binary content"}},
		{name: "over limit", spec: "testdata/big.txt", maxBytes: 100, errs: []string{"input too large"}},
		{name: "at limit", spec: "testdata/big.txt", maxBytes: 361, refs: []string{"testdata/big.txt"}, kind: KindFile},
		{name: "jsonl", spec: "testdata/articles.jsonl",
			refs: []string{"testdata/articles.jsonl:1", "testdata/articles.jsonl:2", "testdata/articles.jsonl:7"},
			errs: []string{"articles.jsonl:3: malformed JSON", `articles.jsonl:5: no "text" or "html"`, "articles.jsonl:6: malformed JSON"},
			kind: KindJSONL},
		{name: "jsonl line over limit", spec: "testdata/articles.jsonl", maxBytes: 90,
			refs: []string{"testdata/articles.jsonl:7"},
			errs: []string{":1: input too large", ":2: input too large", ":3: malformed", ":5: no", ":6: malformed"},
			kind: KindJSONL},
		{name: "dir", spec: "testdata/dir",
			refs: []string{"testdata/dir/a.txt", "testdata/dir/b.html", "testdata/dir/c.json",
				"testdata/dir/sub/d.txt", "testdata/dir/sub/more.jsonl:1", "testdata/dir/sub/more.jsonl:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Open(tt.spec, Options{MaxBytes: tt.maxBytes})
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := drain(t, s)
			if got := strings.Join(refs(docs), " "); got != strings.Join(tt.refs, " ") {
				t.Errorf("refs\n got %s\nwant %s", got, strings.Join(tt.refs, " "))
			}
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors: got %v, want %d", errs, len(tt.errs))
			}
			for i, e := range errs {
				if !strings.Contains(e.Error(), tt.errs[i]) {
					t.Errorf("error %d: %q does not contain %q", i, e, tt.errs[i])
				}
			}
			for _, d := range docs {
				if tt.kind != "" && d.Kind != tt.kind {
					t.Errorf("%s: kind %q, want %q", d.Ref, d.Kind, tt.kind)
				}
				if len(d.Input.Data) == 0 || d.Input.Path != d.Ref {
					t.Errorf("%s: input %+v", d.Ref, d.Input)
				}
			}
		})
	}
}

func TestJSONLDocument(t *testing.T) {
	t.Parallel()
	s, err := Open("testdata/articles.jsonl", Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := drain(t, s)
	d := docs[0]
	if d.Input.URL != "https://example.org/1" || d.Input.Format != extract.FormatJSON || d.Source != "testdata/articles.jsonl" {
		t.Errorf("doc %+v", d)
	}
	// The document must be what the pipeline reads.
	p, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Extract(d.Input)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "One" || a.Published != "2024-05-01" || !strings.Contains(a.Text, "talks would resume") {
		t.Errorf("article %q %q %q", a.Title, a.Published, a.Text)
	}
}

func TestReadLine(t *testing.T) {
	t.Parallel()
	// Lines longer than the reader's buffer, at and over the limit, with and without a
	// final newline.
	long := strings.Repeat("x", 100<<10)
	in := "a\n" + long + "\n" + long + "y\nb"
	s := newJSONLReader("mem", strings.NewReader(in), Options{MaxBytes: int64(len(long))})
	var got []string
	for {
		line, tooLong, err := readLine(s.br, s.maxBytes)
		if err != nil && err != io.EOF {
			t.Fatal(err)
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		switch {
		case tooLong:
			got = append(got, "TOO LONG")
		case len(line) > 10:
			got = append(got, "long")
		default:
			got = append(got, string(line))
		}
	}
	if want := "a long TOO LONG b"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"ftp://example.org/feed", "file:///etc/passwd", "testdata/missing.txt"} {
		if _, err := Open(spec, Options{}); err == nil {
			t.Errorf("%s: no error", spec)
		}
	}
}

func TestDirReportsBadFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("1.txt", "good one")
	write("2.txt", "bin\x00ary")
	write("3.jsonl", "{\"text\":\"ok\"}\nnot json\n")
	write("4.warc", "this is not a warc file at all")
	write("5.txt", "good two")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := drain(t, s)
	if len(docs) != 3 {
		t.Errorf("docs %v", refs(docs))
	}
	if len(errs) != 3 {
		t.Errorf("errors %v", errs)
	}
	for _, d := range docs {
		if d.Kind == KindFile && d.Source != dir {
			t.Errorf("%s: source %q", d.Ref, d.Source)
		}
	}
}

func TestCancelled(t *testing.T) {
	t.Parallel()
	s, err := Open("testdata/dir", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

// A gzip file that holds no WARC (a gzipped article, "a.txt.gz") is refused as such,
// named and explained, rather than read as a WARC ("missing record version at line 1").
func TestGzipNotWARC(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte("Port Strike Ends\nDock workers in Lisbon went back to work on Monday.\n"))
	zw.Close()
	for _, name := range []string{"a.txt.gz", "b.gz", "c.html.gz"} {
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(err error) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), "not a WARC") || strings.Contains(err.Error(), "record version") {
			t.Errorf("error %v, want one saying the gzip file is not a WARC", err)
		}
	}
	_, err := Open(filepath.Join(dir, "a.txt.gz"), Options{})
	check(err)
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := drain(t, s)
	if len(docs) != 0 || len(errs) != 2 { // b.gz has no name a directory walk takes
		t.Errorf("docs %v, errors %v", refs(docs), errs)
	}
	for _, err := range errs {
		check(err)
	}
}

// A JSON line of the wrong shape is explained in JSON's terms, not Go's ("cannot
// unmarshal array into Go value of type source.jsonLine").
func TestJSONLShapeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ line, want string }{
		{`[1, 2]`, "a JSON array, not an object"},
		{`"text"`, "a JSON string, not an object"},
		{`{"title": 7, "text": "x"}`, `"title" is a JSON number, not a string`},
		{`{"text": {"a": 1}}`, `"text" is a JSON object, not a string`},
	}
	for _, tt := range tests {
		s := newJSONLReader("in.jsonl", strings.NewReader(tt.line+"\n"), Options{})
		_, err := s.Next(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "Go ") {
			t.Errorf("%s: %v, want %q", tt.line, err, tt.want)
		}
	}
}
