package entity

import (
	"strings"
	"time"

	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/dict"
)

// PublishedDay reads an article's publication date (nlp.Doc.Published) as a yyyymmdd
// day for dict.Entry.CodeOn, or 0 when there is none or it cannot be read: a date the
// stage cannot trust must leave the article undated (the latest terms), not pick an
// office at random. The cleaning stage writes YYYY-MM-DD or RFC 3339, read from their
// first ten bytes, the date as the publisher wrote it (not moved to UTC); a JSON input's
// date may be anything, so the other forms clean reads on pages (RFC 1123 as feeds
// write it, "January 2, 2006", …) are tried next.
func PublishedDay(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return plausibleDay(t)
		}
	}
	iso, ok := clean.ParseDate(s)
	if !ok || len(iso) < 10 {
		return 0
	}
	t, err := time.Parse(time.DateOnly, iso[:10])
	if err != nil {
		return 0
	}
	return plausibleDay(t)
}

// plausibleDay returns t's day, or 0 for a year no news article has: Go's zero time
// (0001-01-01) is what a missing date often serialises to.
func plausibleDay(t time.Time) int {
	if t.Year() < 1900 {
		return 0
	}
	return dict.Day(t)
}
