// Command dedupcompare measures Herald's near-duplicate index (package dedup, default
// options) against the two methods the dedup issue named, on the same documents in the
// same order, in one run:
//
//   - minhash: 128 min-hash permutations over the set of 4-word shingles, LSH banding
//     with 32 bands of 4 rows, candidates merged when the estimated Jaccard (the share of
//     equal signature entries) reaches a threshold, clusters by union-find;
//   - simhash: a 64-bit SimHash over the set of 4-word shingles, candidates found by
//     exact lookups of k+1 disjoint bit blocks (pigeonhole: two fingerprints within
//     Hamming distance k agree on at least one block), merged when the distance is at
//     most k, clusters by union-find.
//
// MinHash and SimHash each run at two thresholds (flags). All methods are incremental,
// single-goroutine: each document is compared with those added before it, as in an
// ingest. Each method first adds 300 documents to a throw-away index, unmeasured.
//
// Two document sets: the dev set (-dev, a directory with labels.jsonl and docs/; each
// document's cleaned text is fed, clean.Text(raw, "").Text(), scored with
// eval.ScoreDedup) and a synthetic set of -n articles with known clusters, made by
// the generator below: stories drawn from one Zipf vocabulary plus a pool of stock
// topic sentences (so distinct stories share words and phrases, as on one news topic),
// a quarter of them with 1-3 later variants: exact copies, boilerplate lines,
// paragraphs dropped or reordered, truncation and word edits. Synthetic texts are
// cleaned the same way (-clean-synth=false feeds them raw).
//
// For each method it prints pairwise precision, recall and F1 over same-cluster pairs,
// the adjusted Rand index, Add time per document (hashing included; reading, cleaning
// and generation excluded), the heap the index retains after the run (HeapAlloc after
// GC, less the heap before it) and the bytes allocated while adding (TotalAlloc).
//
//	go run ./bench/dedupcompare -dev ../shared/eval/dedup -n 20000
package main

import (
	"flag"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/heraldnews/herald/bench/internal/synth"
	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/dedup"
	"github.com/heraldnews/herald/eval"
)

// clusterer is an incremental near-duplicate clustering.
type clusterer interface {
	Add(id, text string)
	Assignments() map[string]string
}

type method struct {
	name string
	make func() clusterer
}

type heraldIndex struct{ ix *dedup.Index }

func (h heraldIndex) Add(id, text string)            { h.ix.Add(id, text) }
func (h heraldIndex) Assignments() map[string]string { return h.ix.Assignments() }

// ---- shared by the two baselines ----

func mix(x uint64) uint64 { // splitmix64 finalizer
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// shingles returns the distinct hashes of the 4-word shingles of text (words are runs of
// letters and digits, lower-cased). A text shorter than 4 words is one shingle.
func shingles(text string) []uint64 {
	var words []uint64
	h, in := uint64(14695981039346656037), false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			h = (h ^ uint64(unicode.ToLower(r))) * 1099511628211
			in = true
			continue
		}
		if in {
			words = append(words, mix(h))
			h, in = 14695981039346656037, false
		}
	}
	if in {
		words = append(words, mix(h))
	}
	if len(words) == 0 {
		return nil
	}
	const k = 4
	n := max(1, len(words)-k+1)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		var s uint64
		for _, w := range words[i:min(i+k, len(words))] {
			s = s*0x9e3779b97f4a7c15 + w
		}
		out = append(out, mix(s))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unionFind clusters documents; a root is its cluster's earliest document.
type unionFind struct {
	ids    []string
	parent []uint32
}

func (u *unionFind) add(id string) uint32 {
	i := uint32(len(u.ids))
	u.ids = append(u.ids, id)
	u.parent = append(u.parent, i)
	return i
}

func (u *unionFind) find(i uint32) uint32 {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

func (u *unionFind) union(a, b uint32) {
	ra, rb := u.find(a), u.find(b)
	if ra > rb {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}

func (u *unionFind) Assignments() map[string]string {
	m := make(map[string]string, len(u.ids))
	for i, id := range u.ids {
		m[id] = u.ids[u.find(uint32(i))]
	}
	return m
}

// ---- MinHash with LSH banding ----

const (
	perms = 128
	bands = 32
	rows  = perms / bands
)

type minHash struct {
	unionFind
	threshold float64
	seeds     [perms]uint64
	sigs      []uint32 // perms per document
	buckets   map[uint64][]uint32
	seen      []uint32 // candidate stamp per document (stamp = current doc + 1)
}

func newMinHash(threshold float64) *minHash {
	m := &minHash{threshold: threshold, buckets: map[uint64][]uint32{}}
	for i := range m.seeds {
		m.seeds[i] = mix(uint64(i)*0x9e3779b97f4a7c15 + 12345)
	}
	return m
}

func (m *minHash) Add(id, text string) {
	sh := shingles(text)
	me := m.add(id)
	m.seen = append(m.seen, 0)
	var sig [perms]uint32
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, h := range sh {
		for i, s := range m.seeds {
			if v := uint32(mix(h^s) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	m.sigs = append(m.sigs, sig[:]...)
	if len(sh) == 0 {
		return // an empty text is a cluster of its own
	}
	stamp := me + 1
	for b := 0; b < bands; b++ {
		key := uint64(b + 1)
		for _, v := range sig[b*rows : (b+1)*rows] {
			key = mix(key*0x9e3779b97f4a7c15 + uint64(v))
		}
		for _, c := range m.buckets[key] {
			if m.seen[c] == stamp {
				continue
			}
			m.seen[c] = stamp
			other := m.sigs[int(c)*perms : int(c+1)*perms]
			eq := 0
			for i, v := range other {
				if v == sig[i] {
					eq++
				}
			}
			if float64(eq)/perms >= m.threshold {
				m.union(me, c)
			}
		}
		m.buckets[key] = append(m.buckets[key], me)
	}
}

// ---- SimHash with block tables ----

type simHash struct {
	unionFind
	k      int
	blocks [][2]uint // bit offset and width of each of the k+1 blocks
	prints []uint64
	empty  []bool
	tables map[uint64][]uint32 // block number << 32 | block value
	seen   []uint32
}

func newSimHash(k int) *simHash {
	s := &simHash{k: k, tables: map[uint64][]uint32{}}
	nb := k + 1
	off := uint(0)
	for j := 0; j < nb; j++ {
		w := uint(64 / nb)
		if j < 64%nb {
			w++
		}
		s.blocks = append(s.blocks, [2]uint{off, w})
		off += w
	}
	return s
}

func (s *simHash) Add(id, text string) {
	sh := shingles(text)
	me := s.add(id)
	s.seen = append(s.seen, 0)
	var acc [64]int32
	for _, h := range sh {
		for b := range acc {
			acc[b] += int32(h>>b&1)*2 - 1
		}
	}
	var fp uint64
	for b, v := range acc {
		if v > 0 {
			fp |= 1 << b
		}
	}
	s.prints = append(s.prints, fp)
	if len(sh) == 0 {
		return
	}
	stamp := me + 1
	for j, bl := range s.blocks {
		key := uint64(j)<<32 | (fp>>bl[0])&(1<<bl[1]-1)
		for _, c := range s.tables[key] {
			if s.seen[c] == stamp {
				continue
			}
			s.seen[c] = stamp
			if bits.OnesCount64(fp^s.prints[c]) <= s.k {
				s.union(me, c)
			}
		}
		s.tables[key] = append(s.tables[key], me)
	}
}

// ---- synthetic set ----

var boilerplate = []string{
	"Advertisement",
	"Subscribe to our newsletter for the latest headlines delivered every morning.",
	"Share this article on Facebook and Twitter.",
	"Read more: the stories our editors are following today.",
	"Copyright the publisher. All rights reserved. This material may not be redistributed.",
	"Sign up for breaking news alerts on your phone.",
}

type synthGen struct {
	vocab []string
	topic []string // stock sentences any story on the topic may use
}

func newSynth() *synthGen {
	r := rand.New(rand.NewPCG(7, 1))
	g := &synthGen{vocab: synth.Vocab(r)}
	z := rand.NewZipf(r, 1.07, 2, uint64(len(g.vocab)-1))
	for range 300 {
		g.topic = append(g.topic, g.sentence(r, z, 6+r.IntN(10)))
	}
	return g
}

func (g *synthGen) sentence(r *rand.Rand, z *rand.Zipf, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.vocab[z.Uint64()]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

// story returns the paragraphs of story s, the same every time. About one sentence in
// six is a stock topic sentence.
func (g *synthGen) story(s int) []string {
	r := rand.New(rand.NewPCG(7, uint64(s)+2))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(g.vocab)-1))
	paras := make([]string, 4+r.IntN(14))
	for i := range paras {
		var ss []string
		for n := 1 + r.IntN(4); n > 0; n-- {
			if r.IntN(6) == 0 {
				ss = append(ss, g.topic[r.IntN(len(g.topic))])
			} else {
				ss = append(ss, g.sentence(r, z, 8+r.IntN(20)))
			}
		}
		paras[i] = strings.Join(ss, " ")
	}
	return paras
}

// variant applies one to three transformations chosen from v, or is an exact copy.
func (g *synthGen) variant(paras []string, v uint64) string {
	r := rand.New(rand.NewPCG(v, 99))
	if r.IntN(8) == 0 {
		return strings.Join(paras, "\n\n")
	}
	ps := append([]string(nil), paras...)
	truncate, boiler := false, false
	for n := 1 + r.IntN(3); n > 0; n-- {
		switch r.IntN(5) {
		case 0: // drop paragraphs
			for d := 1 + r.IntN(max(1, len(ps)/5)); d > 0 && len(ps) > 2; d-- {
				i := 1 + r.IntN(len(ps)-1)
				ps = append(ps[:i], ps[i+1:]...)
			}
		case 1: // reorder
			if len(ps) > 2 {
				i := 1 + r.IntN(len(ps)-2)
				ps[i], ps[i+1] = ps[i+1], ps[i]
			}
		case 2: // word edits
			for i := range ps {
				ws := strings.Fields(ps[i])
				for j := range ws {
					if r.IntN(20) == 0 {
						ws[j] = g.vocab[r.IntN(len(g.vocab))]
					}
				}
				ps[i] = strings.Join(ws, " ")
			}
		case 3:
			truncate = true
		case 4:
			boiler = true
		}
	}
	text := strings.Join(ps, "\n\n")
	if truncate { // keep 45-90%, cut at a word
		cut := len(text) * (45 + r.IntN(46)) / 100
		if i := strings.LastIndexByte(text[:cut], ' '); i > 0 {
			cut = i
		}
		text = text[:cut]
	}
	if boiler {
		text = boilerplate[r.IntN(len(boilerplate))] + "\n\n" + text + "\n\n" +
			boilerplate[r.IntN(len(boilerplate))] + "\n\n" + boilerplate[r.IntN(len(boilerplate))]
	}
	return text
}

// synthetic returns n documents and their story ids, in synth.Stream's order.
func synthetic(n int) (texts []string, story []int) {
	g := newSynth()
	for s, v := range synth.Stream(n) {
		paras := g.story(s)
		t := strings.Join(paras, "\n\n")
		if v != 0 {
			t = g.variant(paras, v)
		}
		texts = append(texts, t)
		story = append(story, s)
	}
	return texts, story
}

// ---- running ----

type result struct {
	score             eval.DedupScore
	usPerDoc          float64
	retained, allocMB float64
}

func run(m method, names, texts []string, labels string) result {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := m.make()
	start := time.Now()
	for i, t := range texts {
		c.Add(names[i], t)
	}
	elapsed := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	a := c.Assignments()
	runtime.KeepAlive(c)
	return result{
		score:    eval.ScoreDedup(labels, a),
		usPerDoc: float64(elapsed.Microseconds()) / float64(len(texts)),
		retained: (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (1 << 20),
		allocMB:  float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20),
	}
}

func cleaned(raw string) string {
	t, _ := clean.Text(raw, "").Text()
	return t
}

func main() {
	dev := flag.String("dev", "../shared/eval/dedup", "dev set directory (labels.jsonl, docs/); empty to skip")
	n := flag.Int("n", 20000, "synthetic articles (0 to skip)")
	cleanSynth := flag.Bool("clean-synth", true, "feed synthetic texts through clean.Text as well")
	mhLo := flag.Float64("minhash-lo", 0.3, "lower MinHash Jaccard threshold")
	mhHi := flag.Float64("minhash-hi", 0.5, "higher MinHash Jaccard threshold")
	shK1 := flag.Int("simhash-k1", 3, "smaller SimHash Hamming distance")
	shK2 := flag.Int("simhash-k2", 12, "larger SimHash Hamming distance")
	flag.Parse()

	methods := []method{
		{"herald dedup.Index (defaults)", func() clusterer { return heraldIndex{dedup.NewIndex(dedup.Options{})} }},
		{fmt.Sprintf("minhash 32x4, J >= %.2f", *mhHi), func() clusterer { return newMinHash(*mhHi) }},
		{fmt.Sprintf("minhash 32x4, J >= %.2f", *mhLo), func() clusterer { return newMinHash(*mhLo) }},
		{fmt.Sprintf("simhash 64, k <= %d", *shK1), func() clusterer { return newSimHash(*shK1) }},
		{fmt.Sprintf("simhash 64, k <= %d", *shK2), func() clusterer { return newSimHash(*shK2) }},
	}

	fmt.Printf("GOMAXPROCS %d, %s/%s, %s\n", runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Printf("| set | method | P | R | F1 | ARI | µs/doc | retained MiB | allocated MiB |\n")
	fmt.Printf("|---|---|---|---|---|---|---|---|---|\n")
	report := func(set string, names, texts []string, labels string) {
		for _, m := range methods { // warm up: code, page faults, GC pacing
			w := m.make()
			for i := range min(300, len(texts)) {
				w.Add(names[i], texts[i])
			}
		}
		for _, m := range methods {
			r := run(m, names, texts, labels)
			if r.score.Err != nil {
				fmt.Fprintln(os.Stderr, r.score.Err)
				os.Exit(1)
			}
			fmt.Printf("| %s | %s | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f | %.0f |\n", set, m.name,
				r.score.Precision(), r.score.Recall(), r.score.F1(), r.score.ARI, r.usPerDoc, r.retained, r.allocMB)
		}
	}

	if *dev != "" {
		paths, err := filepath.Glob(filepath.Join(*dev, "docs", "*.txt"))
		if err != nil || len(paths) == 0 {
			fmt.Fprintln(os.Stderr, "no documents in", filepath.Join(*dev, "docs"), err)
			os.Exit(1)
		}
		slices.Sort(paths)
		names := make([]string, len(paths))
		texts := make([]string, len(paths))
		for i, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			names[i], texts[i] = filepath.Base(p), cleaned(string(b))
		}
		report(fmt.Sprintf("dev (%d)", len(texts)), names, texts, filepath.Join(*dev, "labels.jsonl"))
	}

	if *n > 0 {
		texts, story := synthetic(*n)
		dir, err := os.MkdirTemp("", "dedupcompare")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer os.RemoveAll(dir)
		labels := filepath.Join(dir, "labels.jsonl")
		var b strings.Builder
		names := make([]string, len(texts))
		for i := range texts {
			names[i] = fmt.Sprintf("d%d", i)
			fmt.Fprintf(&b, "{\"doc\": %q, \"cluster\": \"s%d\"}\n", names[i], story[i])
			if *cleanSynth {
				texts[i] = cleaned(texts[i])
			}
		}
		if err := os.WriteFile(labels, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		report(fmt.Sprintf("synthetic (%d)", len(texts)), names, texts, labels)
	}
}
