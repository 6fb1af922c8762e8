package quote

import (
	"strings"

	"github.com/heraldnews/herald/nlp"
)

// testDoc analyses text with one paragraph per line.
func testDoc(text string) *nlp.Doc {
	var paras []nlp.Span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if strings.TrimSpace(text[start:i]) != "" {
				paras = append(paras, nlp.Span{Start: start, End: i})
			}
			start = i + 1
		}
	}
	return nlp.Analyze(text, paras)
}
