package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The expected values below are worked out by hand from testdata/extract-truth.json:
//
//	a: truth 1234,2345; pred 1234,2346      -> tp 1 fp 1 fn 1: P 1/2 R 1/2
//	b: identical two-word texts              -> P 1   R 1
//	c: no prediction                         -> P 0   R 0
//	d: truth abcd,bcde; pred abcd×2,bcde,cdea,deab,eabc -> tp 2 fp 4 fn 0: P 1/3 R 1
//	e: same words, different punctuation     -> P 1   R 1 (½ is a word character, as in Python)
//
// Mean P = (1/2+1+0+1/3+1)/5 = 17/30, mean R = 3.5/5 = 7/10, F1 = 119/190.
func TestScoreExtract(t *testing.T) {
	bodies := map[string]string{
		"a":   "one two three four six",
		"b":   "Red fox",
		"d":   "a b c d e a b c d",
		"e":   "Größe, café_bar; 3½ — naïve!",
		"zzz": "not in the ground truth",
	}
	path := filepath.Join("testdata", "extract-truth.json")
	got, err := ScoreExtract(path, bodies)
	if err != nil {
		t.Fatal(err)
	}
	want := ExtractScore{Precision: 17.0 / 30, Recall: 0.7, F1: 119.0 / 190, Pages: 5, Extracted: 4}
	if !extractClose(got.Precision, want.Precision) || !extractClose(got.Recall, want.Recall) ||
		!extractClose(got.F1, want.F1) || got.Pages != want.Pages || got.Extracted != want.Extracted {
		t.Errorf("ScoreExtract = %+v, want %+v", got, want)
	}

	// The JSON text itself is accepted in place of a path.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ScoreExtract(string(raw), bodies)
	if err != nil || again != got {
		t.Errorf("ScoreExtract(json text) = %+v, %v; want %+v", again, err, got)
	}
}

func TestExtractPageScore(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		p, r              float64
	}{
		{"both empty", "", "", 1, 1},
		{"empty prediction", "one two three four", "", 0, 0},
		{"empty truth", "", "one two", 0, 0},
		{"case matters", "Red fox", "red fox", 0, 0},
		{"short texts make one shingle", "one two", "one two three", 0, 0},
		{"repeated shingle counted", "w x y z", "w x y z. w x y z", 0.2, 1}, // pred wxyz×2,xyzw,yzwx,zwxy
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r := ExtractPageScore(tt.truth, tt.pred)
			if !extractClose(p, tt.p) || !extractClose(r, tt.r) {
				t.Errorf("ExtractPageScore(%q, %q) = %v, %v; want %v, %v", tt.truth, tt.pred, p, r, tt.p, tt.r)
			}
		})
	}
}

func TestScoreExtractErrors(t *testing.T) {
	if _, err := ScoreExtract(filepath.Join("testdata", "no-such-file.json"), nil); err == nil {
		t.Error("missing file: want error")
	}
	if _, err := ScoreExtract("{not json", nil); err == nil {
		t.Error("bad JSON: want error")
	}
	if _, err := ScoreExtract("{}", nil); err == nil {
		t.Error("empty ground truth: want error")
	}
}

func extractClose(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
