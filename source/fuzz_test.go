package source

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"
)

// drainFuzz reads a source built from fuzz input to its end; any error is fine, a
// panic or a hang is not.
func drainFuzz(t *testing.T, s Source) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	defer s.Close()
	for i := 0; ; i++ {
		d, err := s.Next(ctx)
		if err != nil && !IsDocError(err) {
			if ctx.Err() != nil {
				t.Fatalf("source did not end in time")
			}
			return
		}
		if err == nil && (d.Ref == "" || d.Input.Data == nil) {
			t.Fatalf("document without ref or data: %+v", d)
		}
		if i > 1_000_000 {
			t.Fatal("source does not end")
		}
	}
}

func seed(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzJSONL(f *testing.F) {
	seed(f, "testdata/articles.jsonl", "testdata/dir/sub/more.jsonl")
	f.Add([]byte("{\"text\":\"x\"}\r\n\n\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		drainFuzz(t, newJSONLReader("fuzz", bytes.NewReader(data), Options{MaxBytes: 512}))
	})
}

func FuzzFeed(f *testing.F) {
	seed(f, "testdata/feed.rss", "testdata/atom.xml")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<p>x</p>"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// FetchLinked stays off: fuzz input must not reach the network.
		drainFuzz(t, newFeedSource("fuzz", data, Options{MaxBytes: 4096}, nil))
		sniff(data)
	})
}

func FuzzOPML(f *testing.F) {
	seed(f, "testdata/feeds.opml")
	f.Add([]byte(`<opml><body><outline xmlUrl="http://a/"><outline xmlUrl="b"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		urls, err := parseOPML(data)
		if err == nil && len(urls) == 0 {
			t.Fatal("no feeds and no error")
		}
	})
}

func FuzzWARC(f *testing.F) {
	recs := sampleRecords()
	f.Add(bytes.Join(recs, nil))
	var perRecord []byte
	for _, r := range recs[:4] {
		perRecord = append(perRecord, gz(f, r)...)
	}
	f.Add(perRecord)
	f.Add(gz(f, bytes.Join(recs[:3], nil)))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := newWARCStream("fuzz", bytes.NewReader(data), Options{MaxBytes: 4096})
		if err != nil {
			return
		}
		drainFuzz(t, s)
	})
}
