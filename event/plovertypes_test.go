package event

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/heraldnews/herald/nlp"
)

// TestPloverTypes codes the sentences of testdata/plover-types.tsv as the pipeline does
// (with the entity recogniser) and checks each line's status: "ok" lines must code an
// event of the line's PLOVER type (and, when a fourth column gives "SRC>TGT", with a
// source and target whose codes start so), "miss" lines must not yet (turn them to "ok"
// when a change makes them pass).
func TestPloverTypes(t *testing.T) {
	f, err := os.Open("testdata/plover-types.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := Default()
	rec := testRecognizer()
	ok, n := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		typ, rest, _ := strings.Cut(line, "\t")
		status, rest, _ := strings.Cut(rest, "\t")
		text, actors, _ := strings.Cut(rest, "\t")
		src, tgt, _ := strings.Cut(actors, ">")
		doc := nlp.Analyze(text, nil)
		evs := c.Code(doc, rec.Recognize(doc))
		got := false
		for _, e := range evs {
			if e.Plover == typ && (actors == "" || strings.HasPrefix(e.Source.Code, src) && strings.HasPrefix(e.Target.Code, tgt)) {
				got = true
			}
		}
		n++
		if got {
			ok++
		}
		switch {
		case status == "ok" && !got:
			t.Errorf("%q: no %s %s event; got %s", text, typ, actors, describe(evs))
		case status == "miss" && got:
			t.Errorf("%q: now codes %s %s; mark the line ok", text, typ, actors)
		case status != "ok" && status != "miss":
			t.Errorf("%q: status %q, want ok or miss", text, status)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d sentences code their PLOVER type (and actors where given)", ok, n)
}
