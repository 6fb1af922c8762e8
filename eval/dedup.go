package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DedupScore is a story clustering scored against gold clusters: pairwise precision,
// recall and F1 over same-cluster document pairs, as ../shared/eval/scorers/score_dedup.py
// computes them, and the adjusted Rand index of the same partition.
type DedupScore struct {
	Docs, Missing int // gold documents, and those with no predicted cluster
	TP, FP, FN    int // same-cluster pairs: in both, predicted only, gold only
	ARI           float64
	Err           error
}

// Precision, like the reference scorer, divides by at least 1.
func (s DedupScore) Precision() float64 { return float64(s.TP) / float64(max(1, s.TP+s.FP)) }

// Recall divides by at least 1.
func (s DedupScore) Recall() float64 { return float64(s.TP) / float64(max(1, s.TP+s.FN)) }

// F1 is the harmonic mean of Precision and Recall.
func (s DedupScore) F1() float64 {
	p, r := s.Precision(), s.Recall()
	return 2 * p * r / max(1e-9, p+r)
}

func (s DedupScore) String() string {
	if s.Err != nil {
		return "dedup: " + s.Err.Error()
	}
	return fmt.Sprintf("dedup: pairwise P %.3f R %.3f F1 %.3f, ARI %.3f, missing docs %d of %d (pairs tp %d fp %d fn %d)",
		s.Precision(), s.Recall(), s.F1(), s.ARI, s.Missing, s.Docs, s.TP, s.FP, s.FN)
}

// ScoreDedup scores clusters (document name, e.g. "a00001.txt", -> cluster id) against
// the gold file labelsJSONL (lines {"doc": ..., "cluster": ...}). As in the reference
// scorer, a repeated gold doc keeps its last line, predictions for documents not in the
// gold are ignored, and a document without a prediction pairs with nothing. For the ARI
// such a document is its own cluster, so both figures judge the same partition.
func ScoreDedup(labelsJSONL string, clusters map[string]string) DedupScore {
	gold, err := dedupLoad(labelsJSONL)
	if err != nil {
		return DedupScore{Err: err}
	}
	s := DedupScore{Docs: len(gold)}
	// Count pairs through the contingency table rather than over all n² pairs:
	// same-gold pairs, same-predicted pairs and pairs that are both.
	goldSize := map[string]int{}
	predSize := map[string]int{}
	both := map[[2]string]int{}
	for doc, g := range gold {
		goldSize[g]++
		p, ok := clusters[doc]
		if !ok {
			s.Missing++
			continue
		}
		predSize[p]++
		both[[2]string{g, p}]++
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	var goldPairs, predPairs int
	for _, n := range goldSize {
		goldPairs += pairs(n)
	}
	for _, n := range predSize {
		predPairs += pairs(n)
	}
	for _, n := range both {
		s.TP += pairs(n)
	}
	s.FP = predPairs - s.TP
	s.FN = goldPairs - s.TP
	s.ARI = dedupARI(float64(s.TP), float64(goldPairs), float64(predPairs), float64(pairs(len(gold))))
	return s
}

// dedupARI is Hubert and Arabie's adjusted Rand index from pair counts: index = pairs
// together in both partitions, a = pairs together in gold, b = together in prediction,
// n = all pairs. When the expected and maximum index coincide (both partitions all
// singletons or one cluster) the partitions agree and the ARI is 1, as in scikit-learn.
func dedupARI(index, a, b, n float64) float64 {
	if n == 0 {
		return 1
	}
	expected := a * b / n
	maxIndex := (a + b) / 2
	if maxIndex == expected {
		return 1
	}
	return (index - expected) / (maxIndex - expected)
}

func dedupLoad(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gold := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l struct {
			Doc     string          `json:"doc"`
			Cluster json.RawMessage `json:"cluster"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		// The reference scorer compares the gold JSON values themselves.
		gold[l.Doc] = string(l.Cluster)
	}
	return gold, sc.Err()
}

// RunDedupEval reads goldDir (labels.jsonl and docs/*.txt), hands the documents, sorted by
// name, to cluster, and scores the names -> cluster ids it returns.
func RunDedupEval(goldDir string, cluster func(names []string, texts []string) map[string]string) (DedupScore, error) {
	labels := filepath.Join(goldDir, "labels.jsonl")
	gold, err := dedupLoad(labels)
	if err != nil {
		return DedupScore{Err: err}, err
	}
	names := make([]string, 0, len(gold))
	for doc := range gold {
		names = append(names, doc)
	}
	sort.Strings(names)
	texts := make([]string, len(names))
	for i, n := range names {
		b, err := os.ReadFile(filepath.Join(goldDir, "docs", n))
		if err != nil {
			return DedupScore{Err: err}, err
		}
		texts[i] = string(b)
	}
	s := ScoreDedup(labels, cluster(names, texts))
	return s, s.Err
}
