package clean

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// structure finds the byline, date line and subtitle among the paragraphs near the
// headline (index near is where the headline stood). Byline and date lines are taken out
// of the body; a subtitle stays in it, since it carries content.
func (d *Doc) structure(near int) {
	lo, hi := max(0, near-1), min(len(d.Paragraphs), near+4)
	for i := lo; i < hi && i < len(d.Paragraphs); i++ {
		p := d.Paragraphs[i]
		if d.Byline == "" {
			if by, ok := byline(p); ok {
				d.Byline = by
				d.Paragraphs = append(d.Paragraphs[:i], d.Paragraphs[i+1:]...)
				i--
				hi--
				continue
			}
		}
		if d.Published == "" && len(p) < 80 {
			if ts, ok := ParseDate(p); ok {
				d.Published = ts
				d.Paragraphs = append(d.Paragraphs[:i], d.Paragraphs[i+1:]...)
				i--
				hi--
				continue
			}
		}
	}
	if d.Title != "" && near < len(d.Paragraphs) {
		p := d.Paragraphs[near]
		if len(p) < 300 && sentenceCount(p) == 1 && near+1 < len(d.Paragraphs) && !startsWithQuote(p) && !lede(p) {
			d.Subtitle = p
		}
	}
}

// lede reports whether a short first paragraph reads as a news story's opening sentence
// rather than a subtitle: it opens with a wire dateline, or it dates what happened by a
// day of the week ("signed an agreement on Thursday"), which subtitles, summing up the
// story, seldom do.
func lede(p string) bool {
	if DatelineEnd(p) > 0 {
		return true
	}
	for _, day := range weekdays {
		for i := 0; ; {
			j := strings.Index(p[i:], day)
			if j < 0 {
				break
			}
			j += i
			end := j + len(day)
			if (j == 0 || p[j-1] == ' ') && (end == len(p) || !isLetter(p[end])) {
				return true
			}
			i = end
		}
	}
	return false
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// byline recognises "By Jane Doe" and "By Jane Doe and John Roe, Reuters".
func byline(p string) (string, bool) {
	if len(p) > 100 || !strings.HasPrefix(strings.ToLower(p), "by ") {
		return "", false
	}
	rest := strings.TrimSpace(p[3:])
	words := strings.Fields(rest)
	if len(words) == 0 || len(words) > 10 {
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(words[0])
	if !unicode.IsUpper(r) {
		return "", false
	}
	return rest, true
}

func startsWithQuote(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	return strings.ContainsRune("\"“'‘«", r)
}

func sentenceCount(p string) int {
	n := 0
	for i := 0; i < len(p); i++ {
		if (p[i] == '.' || p[i] == '!' || p[i] == '?') && (i+1 == len(p) || p[i+1] == ' ') {
			n++
		}
	}
	return max(n, 1)
}

// dateLayouts are the date forms news pages print, most specific first.
var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006 3:04 PM", "January 2, 2006", "Jan. 2, 2006", "Jan 2, 2006",
	"2 January 2006", "Monday, January 2, 2006", "Mon Jan 2, 2006",
}

// ParseDate parses a date in one of the common news forms, allowing a leading label such
// as "Published:" or "Updated", and returns it as ISO 8601 (date, or date and time).
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, label := range []string{"published:", "published", "updated:", "updated", "posted:", "posted", "date:"} {
		if len(s) > len(label) && strings.EqualFold(s[:len(label)], label) {
			s = strings.TrimSpace(s[len(label):])
			break
		}
	}
	// Every layout has a year: a line without a digit (most lines tried) fails them all,
	// and each failure allocates its error.
	if strings.IndexAny(s, "0123456789") < 0 {
		return "", false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
				return t.Format("2006-01-02"), true
			}
			return t.Format(time.RFC3339), true
		}
	}
	return "", false
}
