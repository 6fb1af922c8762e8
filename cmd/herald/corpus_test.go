package main

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCorpusCommands ingests the sample corpus and runs every query and export on it.
func TestCorpusCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	code, out, errs := runCLI("ingest", "--quiet", "--sample", "--store", db)
	if code != 0 || !strings.Contains(out, "failed 0") {
		t.Fatalf("ingest exit %d: %s %s", code, out, errs)
	}
	// Ingesting again adds nothing.
	if _, out, _ := runCLI("ingest", "--quiet", "--sample", "--store", db); !strings.Contains(out, "new 0") {
		t.Errorf("second ingest: %s", out)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", "--store", db, "sanctions"}, "Belarus"},
		{[]string{"search", "--store", db, "--country", "KEN"}, "Kenya"},
		{[]string{"quotes", "--store", db, "--speaker", "Vidal"}, "Chile will not answer pressure"},
		{[]string{"events", "--store", db, "--source", "MEX"}, "MEX"},
		{[]string{"events", "--store", db, "--aggregate"}, "articles"},
		{[]string{"stats", "--store", db}, "articles "},
		{[]string{"export", "--store", db, "--what", "articles", "--format", "jsonl"}, "\"cluster\""},
		{[]string{"export", "--store", db, "--what", "events", "--format", "gdelt"}, "\t"},
	}
	for _, tc := range tests {
		code, out, errs := runCLI(tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("herald %s: exit %d, want %q in output:\n%s%s", strings.Join(tc.args, " "), code, tc.want, clip(out, 400), errs)
		}
	}
	// CSV export is one parseable record per row.
	_, out, _ = runCLI("export", "--store", db, "--what", "quotes", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 10 {
		t.Errorf("quotes CSV: %d records, %v", len(recs), err)
	}
	if code, _, _ := runCLI("search", "--store", filepath.Join(t.TempDir(), "none.db"), "x"); code != 1 {
		t.Errorf("search on a missing store: exit %d, want 1", code)
	}
}

// TestWatchConditionalGET polls a feed on loopback twice: the second poll gets 304 Not
// Modified and stores nothing new.
func TestWatchConditionalGET(t *testing.T) {
	var feedHits, notModified atomic.Int32
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Harbour Strike Ends</title><link>%[1]s/a1</link><guid>a1</guid><description>Dock workers returned.</description></item>
<item><title>Council Approves Budget</title><link>%[1]s/a2</link><guid>a2</guid><description>The council voted.</description></item>
</channel></rss>`, srv.URL)
	})
	page := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p><p>%s</p></article></body></html>", title, title, body, body)
		}
	}
	mux.Handle("/a1", page("Harbour Strike Ends", "Dock workers in Lisbon returned to work on Monday after a week-long strike over pay and hours, the union said."))
	mux.Handle("/a2", page("Council Approves Budget", "The city council of Riga approved the budget on Tuesday after a long debate about schools and bridges."))

	db := filepath.Join(t.TempDir(), "w.db")
	args := []string{"watch", "--once", "--host-delay", "-1ns", "--store", db, srv.URL + "/feed.xml"}
	code, out, errs := runCLI(args...)
	if code != 0 || !strings.Contains(out, "new 2") {
		t.Fatalf("first poll: exit %d: %s %s", code, out, errs)
	}
	code, out, errs = runCLI(args...)
	if code != 0 || !strings.Contains(out, "new 0") {
		t.Fatalf("second poll: exit %d: %s %s", code, out, errs)
	}
	if notModified.Load() != 1 {
		t.Errorf("feed fetched %d times, %d answered 304; want the second poll conditional", feedHits.Load(), notModified.Load())
	}
}
