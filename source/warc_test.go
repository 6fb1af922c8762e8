package source

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// warcRec builds one WARC/1.1 record.
func warcRec(typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\n", typ, len(block)+len(uri))
	fmt.Fprintf(&b, "WARC-Date: 2024-05-06T10:00:00Z\r\n")
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResp builds the HTTP block of a response record.
func httpResp(status int, headers string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d X\r\n%sContent-Length: %d\r\n\r\n", status, headers, len(body))
	b.Write(body)
	return b.Bytes()
}

func response(uri string, status int, headers string, body string) []byte {
	return warcRec("response", uri, "application/http; msgtype=response", httpResp(status, headers, []byte(body)))
}

func gz(t testing.TB, p []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(p)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipped(body string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(body))
	w.Close()
	return b.String()
}

// sampleRecords is a small crawl: one warcinfo, a request, three HTML responses (one
// gzip-coded, one chunked), an image, a redirect and a non-HTTP resource.
func sampleRecords() [][]byte {
	html := "text/html; charset=utf-8"
	return [][]byte{
		warcRec("warcinfo", "", "application/warc-fields", []byte("software: herald-test\r\n")),
		warcRec("request", "https://a.example/1", "application/http; msgtype=request", []byte("GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n")),
		response("https://a.example/1", 200, "Content-Type: "+html+"\r\n", "<html><body><p>First article.</p></body></html>"),
		response("https://a.example/img.png", 200, "Content-Type: image/png\r\n", "\x89PNG\r\n\x1a\n"),
		response("https://a.example/moved", 301, "Content-Type: text/html\r\nLocation: /1\r\n", "<p>moved</p>"),
		response("<https://a.example/2>", 200, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzipped("<p>Second article, gzip coded.</p>")),
		response("https://a.example/3", 200, "Content-Type: application/xhtml+xml\r\nTransfer-Encoding: chunked\r\n", "10\r\n<p>Third, chunke\r\n6\r\nd.</p>\r\n0\r\n\r\n"),
		warcRec("resource", "https://a.example/r", "text/html", []byte("<p>resource</p>")),
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWARC(t *testing.T) {
	t.Parallel()
	recs := sampleRecords()
	plain := bytes.Join(recs, nil)
	var perRecord []byte
	var members [][]byte
	for _, r := range recs {
		members = append(members, gz(t, r))
		perRecord = append(perRecord, members[len(members)-1]...)
	}
	wantURLs := "https://a.example/1 https://a.example/2 https://a.example/3"
	wantText := []string{"First article.", "Second article, gzip coded.", "Third, chunked."}

	// A corrupt member in the middle: garbage in place of record 3's compressed bytes.
	corrupt := bytes.Clone(members[2])
	for i := 12; i < len(corrupt)-8; i++ {
		corrupt[i] = 0xff
	}
	var damaged []byte
	for i, m := range members {
		if i == 2 {
			m = corrupt
		}
		damaged = append(damaged, m...)
	}
	// A CRC mismatch: the member decodes but its checksum is wrong.
	badCRC := bytes.Clone(members[5])
	badCRC[len(badCRC)-6] ^= 0xff
	crcDamaged := bytes.Join([][]byte{members[2], badCRC, members[6]}, nil)

	tests := []struct {
		name     string
		file     string
		data     []byte
		maxBytes int64
		urls     string
		errs     int
	}{
		{name: "plain", file: "a.warc", data: plain, urls: wantURLs},
		{name: "gzip per record", file: "a.warc.gz", data: perRecord, urls: wantURLs},
		{name: "whole-file gzip", file: "b.warc.gz", data: gz(t, plain), urls: wantURLs},
		{name: "sniffed", file: "crawl.bin", data: perRecord, urls: wantURLs},
		{name: "corrupt member", file: "c.warc.gz", data: damaged, urls: "https://a.example/2 https://a.example/3", errs: 1},
		{name: "bad crc", file: "d.warc.gz", data: crcDamaged, urls: "https://a.example/1 https://a.example/3", errs: 1},
		{name: "truncated gzip", file: "e.warc.gz", data: perRecord[:len(perRecord)-len(members[7])-len(members[6])/2], urls: "https://a.example/1 https://a.example/2", errs: 1},
		{name: "truncated plain", file: "f.warc", data: plain[:bytes.Index(plain, []byte("Third, chunke"))], urls: "https://a.example/1 https://a.example/2", errs: 1},
		{name: "truncated plain in header", file: "f2.warc", data: plain[:bytes.Index(plain, []byte("WARC-Target-URI: https://a.example/3"))+10], urls: "https://a.example/1 https://a.example/2", errs: 1},
		{name: "record over limit", file: "g.warc", data: plain, maxBytes: 20, errs: 0, urls: ""},
		{name: "garbage", file: "h.warc", data: []byte("not a warc file"), errs: 1},
		{name: "empty", file: "i.warc", data: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, tt.file, tt.data)
			s, err := Open(path, Options{MaxBytes: tt.maxBytes})
			if err != nil {
				t.Fatal(err)
			}
			docs, errs, fatal := drainAll(s)
			var urls []string
			for _, d := range docs {
				urls = append(urls, d.Input.URL)
				if d.Kind != KindWARC || d.Source != path || !strings.HasPrefix(d.Ref, path+"@") || d.Input.Format != "html" {
					t.Errorf("doc %+v", d)
				}
			}
			if got := strings.Join(urls, " "); got != tt.urls {
				t.Errorf("urls %q, want %q", got, tt.urls)
			}
			if tt.name == "record over limit" {
				// Every HTML record is over 20 bytes: three explained failures.
				if len(errs) != 3 {
					t.Errorf("errors %v", errs)
				}
				return
			}
			if len(errs) != tt.errs {
				t.Errorf("errors %v (fatal %v), want %d", errs, fatal, tt.errs)
			}
			if fatal != nil {
				t.Errorf("fatal %v", fatal)
			}
			if tt.urls == wantURLs {
				for i, d := range docs {
					if !strings.Contains(string(d.Input.Data), wantText[i]) {
						t.Errorf("doc %d: %q", i, d.Input.Data)
					}
				}
			}
		})
	}
}

func TestWARCWholeFileGzipDamaged(t *testing.T) {
	t.Parallel()
	data := gz(t, bytes.Join(sampleRecords(), nil))
	for i := len(data) - 60; i < len(data)-44; i++ { // in the last records
		data[i] ^= 0x55
	}
	s, err := Open(writeFile(t, "x.warc.gz", data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, errs, fatal := drainAll(s)
	// The stream cannot be resumed: the file stops with an error that counts what was
	// read, after the documents before the damage.
	if fatal == nil || !strings.Contains(fatal.Error(), "records read") || len(docs) == 0 {
		t.Errorf("docs %d, errors %v, fatal %v", len(docs), errs, fatal)
	}
}
