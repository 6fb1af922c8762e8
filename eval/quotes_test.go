package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote"
)

// quotesParas splits text into paragraphs at line breaks.
func quotesParas(text string) []nlp.Span {
	var out []nlp.Span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if strings.TrimSpace(text[start:i]) != "" {
				out = append(out, nlp.Span{Start: start, End: i})
			}
			start = i + 1
		}
	}
	return out
}

// quotesPredict runs nlp.Analyze and quote.Find with no entities on one text, and returns
// the time Find took.
func quotesPredict(text string) ([]article.Quote, time.Duration) {
	doc := nlp.Analyze(text, quotesParas(text))
	var out []article.Quote
	t0 := time.Now()
	qs := quote.Find(doc, &entity.Set{})
	took := time.Since(t0)
	for _, q := range qs {
		out = append(out, article.Quote{Kind: q.Kind, Text: text[q.Start:q.End], SpeakerName: q.SpeakerName, Cue: q.Cue})
	}
	return out, took
}

// quotesDump writes predictions as herald extract's JSON lines, for the reference scorer.
func quotesDump(t *testing.T, path string, pred map[string][]article.Quote) {
	var b strings.Builder
	for name, qs := range pred {
		if qs == nil {
			qs = []article.Quote{}
		}
		line, _ := json.Marshal(map[string]any{"path": name + ".txt", "quotes": qs})
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScoreQuotesTiny(t *testing.T) {
	dir := filepath.Join("testdata", "quotes")
	pred := map[string][]article.Quote{
		"one": {
			// matches the first gold content (inside it, covers it) with the right speaker
			{Kind: article.QuoteDirect, Text: "We will rebuild the bridge by spring", SpeakerName: "Anna Berg", Cue: "said"},
			// covers under half of the second gold content: a miss and a false positive
			{Kind: article.QuoteIndirect, Text: "the council", SpeakerName: "officials", Cue: "said"},
		},
		"two": {
			// exact match, wrong speaker
			{Kind: article.QuoteAccordingTo, Text: "the ferry will stop running in March", SpeakerName: "the mayor", Cue: "according to"},
			// not in the text at all
			{Kind: article.QuoteIndirect, Text: "no such words", SpeakerName: "x"},
		},
	}
	s := ScoreQuotes(dir, pred, nil)
	t.Log(s)
	if s.Docs != 2 || s.Gold != 3 || s.Predicted != 4 || s.Found != 2 {
		t.Fatalf("counts: %+v", s)
	}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if !near(s.Precision, 0.5) || !near(s.Recall, 2.0/3) || !near(s.SpeakerAccuracy, 0.5) || s.SpeakerN != 2 {
		t.Errorf("P %.3f R %.3f speaker %.3f on %d", s.Precision, s.Recall, s.SpeakerAccuracy, s.SpeakerN)
	}
	if !near(s.ExactRecall, 2.0/3) { // the direct quote's marks and comma are trimmed
		t.Errorf("exact recall %.3f", s.ExactRecall)
	}
	if !near(s.MarkedRecall, 1) || !near(s.MarkedPrecision, 1) {
		t.Errorf("marked P %.3f R %.3f", s.MarkedPrecision, s.MarkedRecall)
	}
}

// TestQuoteAgreement scores the annotators of the tiny split against each other: "one"
// has three files, aa and cc alike, bb with one content inside aa's first; "two" has one
// and is left out. Six ordered pairs: aa and cc find each other's two contents (tp 4),
// bb and the others find nothing (fp 6, fn 6).
func TestQuoteAgreement(t *testing.T) {
	p, r, f, pairs := QuoteAgreement(filepath.Join("testdata", "quotes"))
	if pairs != 6 {
		t.Fatalf("pairs %d, want 6", pairs)
	}
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if !near(p, 0.4) || !near(r, 0.4) || !near(f, 0.4) {
		t.Errorf("P %.3f R %.3f F1 %.3f, want 0.4 each", p, r, f)
	}
}

// TestPolNeARDev measures quote.Find on the PolNeAR dev split (not part of the repository).
func TestPolNeARDev(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "quotes", "polnear", "dev")
	files, _ := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if len(files) == 0 {
		t.Skip("PolNeAR dev split not found at ../shared/eval/quotes/polnear/dev")
	}
	sort.Strings(files)
	pred := map[string][]article.Quote{}
	raw := map[string]string{}
	var took time.Duration
	var bytes int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		raw[name] = string(b)
		qs, d := quotesPredict(string(b))
		pred[name] = qs
		took += d
		bytes += len(b)
	}
	s := ScoreQuotes(dir, pred, raw)
	t.Logf("%v", s)
	if out := os.Getenv("HERALD_QUOTES_JSONL"); out != "" {
		quotesDump(t, out, pred)
	}
	t.Logf("quote.Find: %.0f µs per 4 KB", float64(took.Microseconds())/float64(bytes)*4096)
	if s.F1 < 0.675 || s.MarkedF1 < 0.9 || s.SpeakerAccuracy < 0.84 {
		t.Errorf("dev scores fell below the bars (F1 0.675, quote-marked F1 0.90, speaker 0.84)")
	}
}
