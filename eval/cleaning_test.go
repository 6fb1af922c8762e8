package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heraldnews/herald/sample"
)

func TestScoreCleaning(t *testing.T) {
	var texts []string
	for _, a := range sample.Articles() {
		texts = append(texts, string(a.Data))
	}
	// Longer made-up articles so every kind of corruption happens.
	for i := 0; i < 20; i++ {
		var b strings.Builder
		b.WriteString("Harbour Council Approves New Ferry Route\n")
		words := strings.Fields("council ferry harbour route vote budget mayor pier island timetable fares tourists crew engine winter summer")
		for p := 0; p < 8; p++ {
			fmt.Fprintf(&b, "In part %d of story %d, the", p, i)
			for k := 0; k < 14; k++ {
				fmt.Fprintf(&b, " %s", words[(p*7+k*3+i)%len(words)])
			}
			b.WriteString(" were discussed at length.\n")
		}
		texts = append(texts, b.String())
	}
	s := ScoreCleaning(texts, 1)
	o := s.Overall()
	if s.Docs < 20 || o.TP == 0 {
		t.Fatalf("nothing scored: %v", s)
	}
	if o.F1() < 0.95 || s.ParagraphsKept != s.Paragraphs {
		t.Errorf("cleaning score too low:\n%v", s)
	}
}
