package extract

import (
	"path"
	"regexp"
	"time"
)

// now is the clock dateFromPath checks dates against; tests set it.
var now = time.Now

// A date written in a URL or file name: news sites put the day in the path
// (/2016/03/15/slug, /20160315/), archives in the file name (outlet_2016-03-15_slug.txt).
// Year, month and day must come in that order, joined by the same separator or none,
// and stand apart from other digits.
var pathDate = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})([-_/.]?)(0[1-9]|1[0-2])([-_/.]?)(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)`)

// dateFromPath returns the date written in a URL or path as YYYY-MM-DD, or "" when there is
// none or it is no calendar day. Only the last path element is read for file paths, so a
// folder named for its download day does not date every file in it; URLs are read whole.
// It is the publication date of last resort: the page's own metadata and the text's
// dateline come first.
//
// A record of a JSONL or WARC file (the sources name it "news-2024-05-01.jsonl:17" or
// "crawl-2024-05-01.warc.gz@5120") is not dated by its container's name, for the
// folder's reason: that is the day of the crawl or the dump, not of each article in it.
// A date after tomorrow (a day's slack for time zones) is no publication date either:
// it is the day of an event the page announces ("/events/2031-05-01-summit").
func dateFromPath(p string, isURL bool) string {
	if !isURL {
		p = path.Base(p)
		if recordRef.MatchString(p) {
			return ""
		}
	}
	latest := now().AddDate(0, 0, 1).Format(time.DateOnly)
	for _, m := range pathDate.FindAllStringSubmatch(p, -1) {
		if m[2] != m[4] {
			continue // "2016-0315": not one way of writing a date
		}
		d := m[1] + "-" + m[3] + "-" + m[5]
		if _, err := time.Parse(time.DateOnly, d); err == nil && d <= latest {
			return d
		}
	}
	return ""
}

// recordRef matches the name of a record inside a container file as package source
// writes it: a JSONL line (name:line) or a WARC record (name@offset).
var recordRef = regexp.MustCompile(`[:@][0-9]+$`)
