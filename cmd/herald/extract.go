package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/extract"
	"github.com/heraldnews/herald/sample"
	"github.com/heraldnews/herald/source"
)

func init() {
	register("extract", "extract clean text, entities, quotes and events from articles", runExtract)
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runExtract(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("extract", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "", "output: json (one article), jsonl (one per line), text (readable); default json for one input, jsonl for several")
	maxBytes := fl.Int64("max-bytes", extract.DefaultMaxBytes, "refuse inputs larger than this many bytes")
	workers := fl.Int("workers", runtime.GOMAXPROCS(0), "articles processed at once")
	inFormat := fl.String("input", "", "input format: text, html or json (default: from the file name and contents)")
	timeout := fl.Duration("timeout", 20*time.Second, "time limit for fetching a URL")
	useSample := fl.Bool("sample", false, "run on Herald's built-in sample articles")
	noQuotes := fl.Bool("no-quotes", false, "skip quote finding (faster when only text and entities are needed)")
	noEvents := fl.Bool("no-events", false, "skip event coding (faster when only text and entities are needed)")
	cpuprofile := fl.String("cpuprofile", "", "write a CPU profile to `file` (for finding slow stages)")
	var dicts stringList
	fl.Var(&dicts, "dict", "extra dictionary `file` (repeatable; format in dict/data/README.md)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: herald extract [flags] FILE... | DIR | - | URL\n       herald extract --sample [flags]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 && !*useSample {
		fl.Usage()
		return 2
	}
	switch *inFormat {
	case extract.FormatAuto, extract.FormatText, extract.FormatHTML, extract.FormatJSON:
	default:
		fmt.Fprintf(stderr, "herald: unknown --input %q (text, html, json)\n", *inFormat)
		return 2
	}
	if *cpuprofile != "" {
		stop, err := startProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "herald: %v\n", err)
			return 1
		}
		defer stop()
	}
	defer hugeHeap()()
	p, err := extract.New(extract.Options{MaxBytes: *maxBytes, DictFiles: dicts, NoQuotes: *noQuotes, NoEvents: *noEvents})
	if err != nil {
		fmt.Fprintf(stderr, "herald: %v\n", err)
		return 1
	}
	inputs, unreadable := listInputs(fl.Args(), stderr)
	failed := unreadable
	samples := map[string][]byte{}
	if *useSample {
		for _, a := range sample.Articles() {
			inputs = append(inputs, a.Name)
			samples[a.Name] = a.Data
		}
	}
	if *format == "" {
		*format = "jsonl"
		if len(inputs) == 1 && fl.NArg() == 1 {
			*format = "json"
		}
	}
	if *format != "json" && *format != "jsonl" && *format != "text" {
		fmt.Fprintf(stderr, "herald: unknown --format %q (json, jsonl, text)\n", *format)
		return 2
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	defer w.Flush()
	enc := newArticleEncoder(w)
	if *format == "json" {
		enc.SetIndent("", "  ")
	}
	fetch := &fetcher{client: &http.Client{Timeout: *timeout}, maxBytes: *maxBytes}
	results := processAll(inputs, *workers, func(in string) (*article.Article, error) {
		src, err := extract.Input{Path: in, Data: samples[in]}, error(nil)
		if src.Data == nil {
			src, err = fetch.read(in, *maxBytes)
		}
		if err != nil {
			return nil, err
		}
		src.Format = *inFormat
		a, err := p.Extract(src)
		if err == nil && strings.TrimSpace(a.Text) == "" {
			return nil, extract.ErrNoText // as ingest and the API refuse it
		}
		return a, err
	})
	for r := range results {
		if r.err != nil {
			fmt.Fprintf(stderr, "herald: %s: %v\n", r.input, r.err)
			failed++
			continue
		}
		switch *format {
		case "text":
			writeText(w, r.article)
		default:
			if err := enc.Encode(r.article); err != nil {
				fmt.Fprintf(stderr, "herald: writing output: %v\n", err)
				return 1
			}
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "herald: %d of %d inputs failed\n", failed, len(inputs)+unreadable)
		return 1
	}
	return 0
}

// inputExts are the file kinds taken from a directory.
var inputExts = map[string]bool{".txt": true, ".text": true, ".html": true, ".htm": true, ".json": true}

// listInputs expands directories (recursively, sorted) and keeps files, "-" and URLs as
// given. It reports and counts arguments that cannot be read.
func listInputs(args []string, stderr io.Writer) ([]string, int) {
	var out []string
	failed := 0
	for _, a := range args {
		if a == "-" || isURL(a) {
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			fmt.Fprintf(stderr, "herald: %v\n", err)
			failed++
			continue
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(stderr, "herald: %v\n", err)
				failed++
				return nil
			}
			if d.IsDir() && path != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && inputExts[strings.ToLower(filepath.Ext(path))] {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "herald: %v\n", err)
			failed++
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, failed
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// fetcher reads an input: a file, standard input or a URL, each with a size limit.
type fetcher struct {
	client   *http.Client
	maxBytes int64
}

func (f *fetcher) read(in string, maxBytes int64) (extract.Input, error) {
	src := extract.Input{Path: in}
	var r io.Reader
	hint := int64(512)
	switch {
	case in == "-":
		r = os.Stdin
	case isURL(in):
		ctx, cancel := context.WithTimeout(context.Background(), f.client.Timeout)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, in, nil)
		if err != nil {
			return src, err
		}
		req.Header.Set("User-Agent", "Herald/1.0 (+https://github.com/heraldnews/herald)")
		resp, err := f.client.Do(req)
		if err != nil {
			return src, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return src, fmt.Errorf("fetch: %s", resp.Status)
		}
		src.URL = in
		if strings.Contains(resp.Header.Get("Content-Type"), "html") {
			src.Format = extract.FormatHTML
		}
		r = resp.Body
	default:
		file, err := os.Open(in)
		if err != nil {
			return src, err
		}
		defer file.Close()
		if st, err := file.Stat(); err == nil && st.Size() > maxBytes {
			return src, fmt.Errorf("%w: %d bytes, limit %d (raise it with --max-bytes)", extract.ErrTooLarge, st.Size(), maxBytes)
		} else if err == nil {
			hint = st.Size()
		}
		r = file
	}
	// Read one byte past the limit to tell "exactly at the limit" from "over it" without
	// holding an unbounded body in memory.
	data, err := readAll(io.LimitReader(r, maxBytes+1), min(hint, maxBytes)+1)
	if err != nil {
		return src, err
	}
	if int64(len(data)) > maxBytes {
		return src, fmt.Errorf("%w: more than %d bytes (raise the limit with --max-bytes)", extract.ErrTooLarge, maxBytes)
	}
	// Binary content (NUL bytes in the head, as source judges it) is no article: a
	// gzip file, a WARC or an image would come out as an article of junk.
	if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			return src, fmt.Errorf("%w: gzip-compressed ('herald ingest' reads .warc.gz and .jsonl.gz)", source.ErrBinary)
		}
		return src, source.ErrBinary
	}
	src.Data = data
	return src, nil
}

// readAll is io.ReadAll starting from a buffer of capacity size: for a file whose size is
// known it reads into one allocation instead of a series of doubling ones.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, max(size, 512))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

type result struct {
	input   string
	article *article.Article
	err     error
}

// processAll runs fn over inputs on a bounded pool of workers and yields results in input
// order. At most 2×workers results are held at once.
func processAll(inputs []string, workers int, fn func(string) (*article.Article, error)) <-chan result {
	workers = max(1, workers)
	out := make(chan result)
	pending := make(chan chan result, 2*workers)
	jobs := make(chan struct {
		in  string
		res chan result
	})
	for range workers {
		go func() {
			for j := range jobs {
				a, err := fn(j.in)
				j.res <- result{input: j.in, article: a, err: err}
			}
		}()
	}
	go func() {
		for _, in := range inputs {
			res := make(chan result, 1)
			pending <- res
			jobs <- struct {
				in  string
				res chan result
			}{in, res}
		}
		close(jobs)
		close(pending)
	}()
	go func() {
		for res := range pending {
			out <- <-res
		}
		close(out)
	}()
	return out
}
