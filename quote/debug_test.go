package quote

import (
	"os"
	"testing"

	"github.com/heraldnews/herald/entity"
)

// TestDebugText prints the quotes of the text in $QUOTE_DEBUG (a development aid).
func TestDebugText(t *testing.T) {
	text := os.Getenv("QUOTE_DEBUG")
	if text == "" {
		t.Skip("set QUOTE_DEBUG to a text")
	}
	doc := testDoc(text)
	for _, s := range doc.Sentences {
		t.Logf("SENT %q", text[s.Start:s.End])
	}
	for _, q := range Find(doc, &entity.Set{}) {
		t.Logf("%s %q spk=%q cue=%q hedges=%v", q.Kind, text[q.Start:q.End], q.SpeakerName, q.Cue, q.Hedges)
	}
}
