package eval

import (
	"math"
	"strings"
	"testing"
)

func dedupClose(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreDedup(t *testing.T) {
	const labels = "testdata/dedup/labels.jsonl"
	// Gold: {d1 d2 d3} {d4 d5} {d6}: 4 same-cluster pairs of 15.
	for _, c := range []struct {
		name       string
		pred       map[string]string
		tp, fp, fn int
		missing    int
		ari        float64
	}{
		{"perfect", map[string]string{"d1.txt": "x", "d2.txt": "x", "d3.txt": "x", "d4.txt": "y", "d5.txt": "y", "d6.txt": "z"}, 4, 0, 0, 0, 1},
		// d3 split off, d6 joined to d4 d5: index 1+1=2, a=4, b=1+3=4, n=15,
		// expected 16/15, max 4: ARI (2-16/15)/(4-16/15) = 14/44.
		{"split and merge", map[string]string{"d1.txt": "x", "d2.txt": "x", "d3.txt": "w", "d4.txt": "y", "d5.txt": "y", "d6.txt": "y"}, 2, 2, 2, 0, 14.0 / 44},
		// Missing docs pair with nothing, not even with each other; extra docs are ignored.
		{"missing", map[string]string{"d1.txt": "x", "d2.txt": "x", "zz.txt": "x"}, 1, 0, 3, 4, (1 - 4.0/15) / (2.5 - 4.0/15)},
		{"all singletons", map[string]string{"d1.txt": "1", "d2.txt": "2", "d3.txt": "3", "d4.txt": "4", "d5.txt": "5", "d6.txt": "6"}, 0, 0, 4, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := ScoreDedup(labels, c.pred)
			if s.Err != nil {
				t.Fatal(s.Err)
			}
			if s.TP != c.tp || s.FP != c.fp || s.FN != c.fn || s.Missing != c.missing || s.Docs != 6 {
				t.Errorf("got %+v", s)
			}
			if !dedupClose(s.ARI, c.ari) {
				t.Errorf("ARI %v, want %v", s.ARI, c.ari)
			}
			if !strings.HasPrefix(s.String(), "dedup: pairwise P") {
				t.Errorf("String() = %q", s.String())
			}
		})
	}
	s := ScoreDedup(labels, map[string]string{"d1.txt": "x", "d2.txt": "x", "d3.txt": "w", "d4.txt": "y", "d5.txt": "y", "d6.txt": "y"})
	if !dedupClose(s.Precision(), 0.5) || !dedupClose(s.Recall(), 0.5) || !dedupClose(s.F1(), 0.5) {
		t.Errorf("P/R/F1 %v %v %v", s.Precision(), s.Recall(), s.F1())
	}
	if s := ScoreDedup("testdata/dedup/absent.jsonl", nil); s.Err == nil {
		t.Error("want an error for a missing labels file")
	}
}

func TestRunDedupEval(t *testing.T) {
	s, err := RunDedupEval("testdata/dedup", func(names, texts []string) map[string]string {
		if len(names) != 6 || names[0] != "d1.txt" || !strings.Contains(texts[0], "document 1") {
			t.Errorf("names %v texts %q", names, texts)
		}
		out := map[string]string{}
		for _, n := range names {
			out[n] = n
		}
		return out
	})
	if err != nil || s.TP != 0 || s.FN != 4 {
		t.Errorf("%v %v", s, err)
	}
}
