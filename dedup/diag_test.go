// Diagnostics behind DEDUP_DIAG=1 (DEDUP_CLEAN=1 for cleaned text): false merges on the
// dev set, the weakest true and strongest false pairs, and the settings table of the
// package doc. They print; they assert nothing.
package dedup

import (
	"bufio"
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDiagDev(t *testing.T) {
	if os.Getenv("DEDUP_DIAG") == "" {
		t.Skip()
	}
	f, _ := os.Open(filepath.Join(devDir, "labels.jsonl"))
	gold := map[string]string{}
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct{ Doc, Cluster string }
		json.Unmarshal(sc.Bytes(), &l)
		gold[l.Doc] = l.Cluster
		names = append(names, l.Doc)
	}
	ix := NewIndex(Options{})
	for _, n := range names {
		b, _ := os.ReadFile(filepath.Join(devDir, "docs", n))
		text := string(b)
		if os.Getenv("DEDUP_CLEAN") != "" {
			text = cleaned(text)
		}
		m := ix.Add(n, text)
		if m.DuplicateOf != "" && gold[m.DuplicateOf] != gold[n] {
			t.Logf("FALSE %s(%s) ~ %s(%s): %+v", n, gold[n], m.DuplicateOf, gold[m.DuplicateOf], m.Explanation)
		}
	}
}

func sim(a, b []uint32) (int, float64, float64) {
	i, j, s := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			s++
			i++
			j++
		}
	}
	if len(a) == 0 || len(b) == 0 {
		return 0, 0, 0
	}
	return s, float64(s) / float64(len(a)+len(b)-s), float64(s) / float64(min(len(a), len(b)))
}

func TestDiagPairs(t *testing.T) {
	if os.Getenv("DEDUP_DIAG") == "" {
		t.Skip()
	}
	f, _ := os.Open(filepath.Join(devDir, "labels.jsonl"))
	gold := map[string]string{}
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct{ Doc, Cluster string }
		json.Unmarshal(sc.Bytes(), &l)
		gold[l.Doc] = l.Cluster
		names = append(names, l.Doc)
	}
	ix := NewIndex(Options{Shingle: 4})
	var ps []prepared
	for _, n := range names {
		b, _ := os.ReadFile(filepath.Join(devDir, "docs", n))
		text := string(b)
		if os.Getenv("DEDUP_CLEAN") != "" {
			text = cleaned(text)
		}
		ps = append(ps, ix.prepare(text))
	}
	type pr struct {
		a, b string
		s    int
		j, c float64
	}
	var pos []pr
	var negTop []pr
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			s, jj, c := sim(ps[i].sample, ps[j].sample)
			p := pr{names[i], names[j], s, jj, c}
			if gold[names[i]] == gold[names[j]] {
				pos = append(pos, p)
			} else if c > 0.1 || jj > 0.1 || s >= 3 {
				negTop = append(negTop, p)
			}
		}
	}
	slices.SortFunc(pos, func(x, y pr) int { return cmp.Compare(max(x.j, x.c-0.3), max(y.j, y.c-0.3)) })
	for _, p := range pos[:25] {
		t.Logf("POS %s %s s=%d J=%.3f C=%.3f len %d %d", p.a, p.b, p.s, p.j, p.c, len(ps[slices.Index(names, p.a)].sample), len(ps[slices.Index(names, p.b)].sample))
	}
	slices.SortFunc(negTop, func(x, y pr) int { return cmp.Compare(y.c, x.c) })
	for _, p := range negTop[:min(40, len(negTop))] {
		t.Logf("NEG %s %s s=%d J=%.3f C=%.3f", p.a, p.b, p.s, p.j, p.c)
	}
}

func TestDiagSweep(t *testing.T) {
	if os.Getenv("DEDUP_DIAG") == "" {
		t.Skip()
	}
	for _, o := range []Options{
		{},
		{Shingle: 4},
		{Jaccard: 0.3, Containment: 0.5, ContainedJaccard: 0.15},
		{Shingle: 4, Jaccard: 0.3, Containment: 0.5, ContainedJaccard: 0.15},
		{Jaccard: 0.5, Containment: 0.75, ContainedJaccard: 0.25},
	} {
		for _, c := range []bool{false, true} {
			s := runDev(t, o, c)
			t.Logf("%+v clean=%v: %v", o, c, s)
		}
	}
}

// TestDiagDump writes the default clustering of the dev set as JSONL ({"path", "cluster"})
// to $DEDUP_DUMP, for the reference scorer.
func TestDiagDump(t *testing.T) {
	out := os.Getenv("DEDUP_DUMP")
	if out == "" {
		t.Skip()
	}
	var as map[string]string
	s := runDevWith(t, Options{}, false, func(a map[string]string) { as = a })
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for doc, c := range as {
		enc.Encode(map[string]string{"path": "docs/" + doc, "cluster": c})
	}
	t.Log(s)
}
