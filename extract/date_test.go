package extract

import (
	"testing"
	"time"
)

func TestDateFromPath(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		in    string
		isURL bool
		want  string
	}{
		{"corpus/herald-gazette_2016-03-15_senate-vote.txt", false, "2016-03-15"},
		{"corpus/2016-03-15/senate-vote.txt", false, ""}, // the folder's date is not the file's
		{"https://news.example.com/politics/2016/03/15/senate-vote/", true, "2016-03-15"},
		{"https://news.example.com/story/20160315-senate-vote", true, "2016-03-15"},
		{"https://news.example.com/2016/03/senate-vote", true, ""}, // no day
		{"report_2016-02-30.txt", false, ""},                       // no such day
		{"report_2016-0315.txt", false, ""},                        // mixed separators
		{"id-120160315-9.txt", false, ""},                          // inside a longer number
		{"scan_1899-01-01.txt", false, ""},                         // outside 1900-2099
		{"", false, ""},
		// Records of a dump named for its day: the crawl's day, not the articles'.
		{"feeds/news-2016-03-15.jsonl:17", false, ""},
		{"crawl-2016-03-15.warc.gz@5120", false, ""},
		{"https://news.example.com/2016/03/15/senate-vote#c:12", true, "2016-03-15"},
		// A day to come is an event's, not the page's; tomorrow is a time zone away.
		{"https://news.example.com/events/2031-05-01-summit", true, ""},
		{"https://news.example.com/2026/11/27/late-edition", true, "2026-11-27"},
		{"https://news.example.com/2026/11/28/summit-preview", true, ""},
	}
	for _, tc := range tests {
		if got := dateFromPath(tc.in, tc.isURL); got != tc.want {
			t.Errorf("dateFromPath(%q, %v) = %q, want %q", tc.in, tc.isURL, got, tc.want)
		}
	}
}

func FuzzDateFromPath(f *testing.F) {
	f.Add("outlet_2016-03-15_slug.txt")
	f.Add("https://example.com/2016/03/15/x")
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range []bool{false, true} {
			if d := dateFromPath(s, u); d != "" && len(d) != 10 {
				t.Fatalf("dateFromPath(%q) = %q", s, d)
			}
		}
	})
}

// An undated text takes the day in its file name or URL; a date in the page wins.
func TestPublishedFromPath(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := []byte("Senate vote delayed\n\nThe Kenyan Senate delayed its vote on Tuesday.\n")
	tests := []struct {
		in         Input
		want, from string
	}{
		{Input{Path: "corpus/gazette_2016-03-15_senate.txt", Data: text}, "2016-03-15", "path"},
		{Input{Path: "corpus/senate.txt", URL: "https://news.example.com/2019/07/02/senate", Data: text}, "2019-07-02", "url"},
		{Input{Path: "corpus/senate.txt", Data: text}, "", ""},
		{Input{Path: "corpus/gazette_2016-03-15_senate.json", Format: FormatJSON,
			Data: []byte(`{"text":"The Kenyan Senate delayed its vote.","published":"2020-01-02"}`)}, "2020-01-02", ""},
	}
	for _, tc := range tests {
		a, err := p.Extract(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if a.Published != tc.want || a.PublishedFrom != tc.from {
			t.Errorf("%s %s: published %q from %q, want %q from %q", tc.in.Path, tc.in.URL, a.Published, a.PublishedFrom, tc.want, tc.from)
		}
	}
}
