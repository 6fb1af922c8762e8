package dedup

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/eval"
)

// devDir is the shared near-duplicate development set; the test skips without it.
const devDir = "../../shared/eval/dedup"

// cleaned is the text Herald's pipeline hands the dedup: title and body after cleaning.
func cleaned(raw string) string {
	t, _ := clean.Text(raw, "").Text()
	return t
}

func runDev(t testing.TB, opts Options, useClean bool) eval.DedupScore {
	return runDevWith(t, opts, useClean, nil)
}

// runDevWith also hands the clustering to seen, when not nil.
func runDevWith(t testing.TB, opts Options, useClean bool, seen func(map[string]string)) eval.DedupScore {
	s, err := eval.RunDedupEval(devDir, func(names, texts []string) map[string]string {
		ix := NewIndex(opts)
		for i, n := range names {
			text := texts[i]
			if useClean {
				text = cleaned(text)
			}
			ix.Add(n, text)
		}
		as := ix.Assignments()
		if seen != nil {
			seen(as)
		}
		return as
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDedupDevSet(t *testing.T) {
	if _, err := os.Stat(filepath.Join(devDir, "labels.jsonl")); err != nil {
		t.Skip("dev set absent:", err)
	}
	for _, c := range []struct {
		name     string
		useClean bool
		minF1    float64
		minARI   float64
	}{
		{"raw", false, 0.98, 0.98},
		{"cleaned", true, 0.98, 0.98},
	} {
		s := runDev(t, Options{}, c.useClean)
		t.Logf("%s: %v", c.name, s)
		if s.F1() < c.minF1 || s.ARI < c.minARI {
			t.Errorf("%s: F1 %.3f ARI %.3f, want >= %.3f, %.3f", c.name, s.F1(), s.ARI, c.minF1, c.minARI)
		}
	}
}
