package dedup

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Options tune an Index. The zero value of a field selects its default; the defaults are
// the settings measured in the package documentation.
type Options struct {
	// Shingle is the number of words per shingle (default 4). Shorter shingles survive
	// wording edits better but are shared more often by unrelated stories on one topic.
	Shingle int
	// SampleEvery keeps one shingle in SampleEvery, chosen by hash (default 4), as the
	// document's stored sample. A hash-chosen sample of a subset is the same subset of the
	// sample, so Jaccard and containment estimated on samples are unbiased.
	SampleEvery int
	// IndexEvery puts one sampled shingle in IndexEvery into the candidate index
	// (default 4), and IndexMin the IndexMin smallest sampled hashes as well (default 8),
	// so that short and truncated documents still have index keys.
	IndexEvery, IndexMin int
	// A candidate merges when it shares at least MinShared sampled shingles (default 3)
	// and its Jaccard reaches Jaccard (default 0.4), or its containment (shared over the
	// smaller sample) reaches Containment (default 0.6) with a Jaccard of at least
	// ContainedJaccard (default 0.2). Containment finds truncated copies and copies with
	// dropped paragraphs; its Jaccard floor keeps a short piece that quotes one passage
	// of a long story (a roundup, a follow-up) from joining that story.
	Jaccard, Containment, ContainedJaccard float64
	MinShared                              int
	// MaxPostings caps an index key's posting list (default 1000): a key seen in more
	// documents is boilerplate or stock phrasing and proposes no candidates.
	MaxPostings int
	// MaxCandidates bounds the candidates verified per document (default 64), those
	// sharing the most index keys first.
	MaxCandidates int
	// CommonDF: a sampled shingle seen in more than CommonDF earlier documents is ignored
	// when scoring (default 20), unless fewer than a quarter of the document's shingles
	// are rarer than that; then the limit is 4 × the median of its shingles' counts. Boilerplate lines
	// then count for nothing, while a story syndicated many times (all of whose shingles
	// are frequent) is still compared on its own words.
	CommonDF int
	// DFBits sizes the document-frequency sketch: two rows of 2^DFBits uint16 counters
	// (default 22, 16 MiB).
	DFBits int
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Shingle, 4)
	def(&o.SampleEvery, 4)
	def(&o.IndexEvery, 4)
	def(&o.IndexMin, 8)
	def(&o.MinShared, 3)
	def(&o.MaxPostings, 1000)
	def(&o.MaxCandidates, 64)
	def(&o.CommonDF, 20)
	def(&o.DFBits, 22)
	if o.DFBits > 30 {
		o.DFBits = 30
	}
	if o.Jaccard <= 0 {
		o.Jaccard = 0.4
	}
	if o.Containment <= 0 {
		o.Containment = 0.6
	}
	if o.ContainedJaccard <= 0 {
		o.ContainedJaccard = 0.2
	}
	return o
}

// Match is what Add found for a document.
type Match struct {
	// Cluster is the id of the cluster's first document at the time of the Add. A later
	// document that bridges two clusters merges them under the earlier first document,
	// so Clusters is the authoritative grouping.
	Cluster string
	// DuplicateOf is the earlier document most similar to this one ("" when none).
	DuplicateOf string
	// Similarity is the estimated Jaccard similarity of the shingle sets (1 for exact).
	Similarity float64
	// Exact is true when the normalised word sequences are identical.
	Exact       bool
	Explanation Explanation
}

// Explanation says why a document merged with DuplicateOf.
type Explanation struct {
	// Rule is "exact", "jaccard" or "containment" (the first that held), "" for no merge.
	Rule string
	// SharedShingles counts shared shingles in the samples (about one in SampleEvery of
	// all shingles), not counting shingles common across the corpus.
	SharedShingles int
	// Jaccard is shared / union and Containment shared / the smaller sample.
	Jaccard, Containment float64
	// Sample holds up to three shared passages, quoted from the added text.
	Sample []string
}

// Index finds exact and near duplicates among documents added one by one and groups
// them into story clusters.
//
// Concurrency: all methods are safe for concurrent use. Add tokenises and hashes outside
// the lock and holds it only to look up and insert, so adding from a few goroutines
// uses a few cores. Results depend on the order of Adds (a document is compared with
// the documents added before it), so concurrent Adds give a valid but not reproducible
// clustering; add from one goroutine when reproducibility matters.
type Index struct {
	opts Options

	mu     sync.Mutex
	ids    []string
	parent []uint32 // union-find; a root is its cluster's earliest document
	refs   []sigRef // each document's sorted sample
	arena  arena
	exact  map[uint64]uint32
	// Candidate index: key -> list number; lists are singly linked through postNext.
	keys     map[uint32]uint32
	listHead vec32 // posting number + 1 of the newest posting, per list
	listLen  vec32
	postDoc  vec32
	postNext vec32 // posting number + 1 of the next (older) posting; 0 ends the list
	df       []uint16
	dfMask   uint32
	counts   map[uint32]int32 // scratch, used under mu
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	o := opts.withDefaults()
	return &Index{
		opts:   o,
		exact:  map[uint64]uint32{},
		keys:   map[uint32]uint32{},
		df:     make([]uint16, 2<<o.DFBits),
		dfMask: 1<<o.DFBits - 1,
		counts: map[uint32]int32{},
	}
}

// Len returns the number of documents added.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.ids)
}

// prepared is a document hashed outside the lock.
type prepared struct {
	toks   []token
	exact  uint64
	sample []uint32 // sorted, distinct
	pos    []int32  // first shingle start (token number) of each sample value
	keys   []uint32 // index keys, a subset of sample
}

func (ix *Index) prepare(text string) prepared {
	k := ix.opts.Shingle
	var p prepared
	p.toks = tokenize(text, make([]token, 0, len(text)/5+1))
	if len(p.toks) == 0 {
		return p
	}
	p.exact = exactHash(p.toks)
	type vp struct {
		v   uint32
		pos int32
	}
	n := len(p.toks) - k + 1
	if n < 1 {
		n = 1 // a text shorter than a shingle is one shingle
	}
	every := uint32(ix.opts.SampleEvery)
	vs := make([]vp, 0, n/int(every)+4)
	for i := 0; i < n; i++ {
		h := shingleHash(p.toks[i:min(i+k, len(p.toks))])
		if uint32(h)%every == 0 {
			vs = append(vs, vp{uint32(h >> 32), int32(i)})
		}
	}
	slices.SortFunc(vs, func(a, b vp) int { return cmp.Or(cmp.Compare(a.v, b.v), cmp.Compare(a.pos, b.pos)) })
	p.sample = make([]uint32, 0, len(vs))
	p.pos = make([]int32, 0, len(vs))
	for i, x := range vs {
		if i > 0 && x.v == vs[i-1].v {
			continue
		}
		p.sample = append(p.sample, x.v)
		p.pos = append(p.pos, x.pos)
	}
	ie := uint32(ix.opts.IndexEvery)
	for i, v := range p.sample {
		// The sample is sorted, so its first IndexMin values are the smallest.
		if i < ix.opts.IndexMin || mix(uint64(v))%uint64(ie) == 0 {
			p.keys = append(p.keys, v)
		}
	}
	return p
}

func (ix *Index) dfSlots(v uint32) (uint32, uint32) {
	h := mix(uint64(v) ^ 0x5bd1e995)
	return uint32(h) & ix.dfMask, (uint32(h>>32) & ix.dfMask) | (ix.dfMask + 1)
}

// dfOf is a count-min estimate of how many earlier distinct texts had v in their sample.
func (ix *Index) dfOf(v uint32) int {
	a, b := ix.dfSlots(v)
	return int(min(ix.df[a], ix.df[b]))
}

func (ix *Index) dfAdd(v uint32) {
	a, b := ix.dfSlots(v)
	// Conservative update: raise only the counters at the minimum, which keeps the
	// over-count from hash collisions low.
	m := min(ix.df[a], ix.df[b])
	if m == 0xffff {
		return
	}
	if ix.df[a] == m {
		ix.df[a]++
	}
	if ix.df[b] == m {
		ix.df[b]++
	}
}

func (ix *Index) find(i uint32) uint32 {
	for ix.parent[i] != i {
		ix.parent[i] = ix.parent[ix.parent[i]]
		i = ix.parent[i]
	}
	return i
}

func (ix *Index) union(a, b uint32) {
	ra, rb := ix.find(a), ix.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	ix.parent[rb] = ra
}

// Add compares text with every document added before and records it under id (ids
// should be unique). It returns the best earlier match, if any, and the cluster the
// document joined. Feed it the article's cleaned text when there is one (clean.Text):
// cleaning drops repeated paragraphs and boilerplate lines that otherwise dilute scores.
func (ix *Index) Add(id, text string) Match {
	return ix.AddPrepared(id, ix.Prepare(text))
}

// Prepared is a text tokenised and hashed by Prepare, ready for AddPrepared.
type Prepared struct {
	text string
	p    prepared
}

// Prepare does the part of Add that needs no lock and depends on no other document:
// tokenising the text and hashing its shingles, most of an Add's cost. A caller that adds
// from one goroutine, to keep the order of Adds, can prepare on many. The result belongs
// to this Index (it depends on its Options) and is meant for one AddPrepared.
func (ix *Index) Prepare(text string) *Prepared {
	return &Prepared{text: text, p: ix.prepare(text)}
}

// AddPrepared is Add for a text that Prepare has prepared.
func (ix *Index) AddPrepared(id string, d *Prepared) Match {
	text, p := d.text, d.p

	ix.mu.Lock()
	me := uint32(len(ix.ids))
	ix.ids = append(ix.ids, id)
	ix.parent = append(ix.parent, me)
	if len(p.toks) == 0 {
		// Nothing to compare: an empty text is a cluster of its own.
		ix.refs = append(ix.refs, sigRef{})
		ix.mu.Unlock()
		return Match{Cluster: id}
	}
	if j, ok := ix.exact[p.exact]; ok {
		ix.refs = append(ix.refs, ix.refs[j])
		ix.union(me, j)
		m := Match{
			Cluster: ix.ids[ix.find(me)], DuplicateOf: ix.ids[j], Similarity: 1, Exact: true,
			Explanation: Explanation{Rule: "exact", SharedShingles: len(p.sample), Jaccard: 1, Containment: 1},
		}
		ix.mu.Unlock()
		m.Explanation.Sample = passages(text, p, p.sample, ix.opts.Shingle)
		return m
	}
	ix.exact[p.exact] = me

	best, bestExp, shared := ix.verify(me, p)

	// Record the document.
	ix.refs = append(ix.refs, ix.arena.put(p.sample))
	for _, v := range p.sample {
		ix.dfAdd(v)
	}
	for _, key := range p.keys {
		l, ok := ix.keys[key]
		if !ok {
			l = ix.listHead.push(0)
			ix.listLen.push(0)
			ix.keys[key] = l
		}
		n := ix.listLen.get(l)
		if int(n) >= ix.opts.MaxPostings {
			continue
		}
		ix.listLen.set(l, n+1)
		post := ix.postDoc.push(me)
		ix.postNext.push(ix.listHead.get(l))
		ix.listHead.set(l, post+1)
	}
	m := Match{Cluster: ix.ids[ix.find(me)]}
	if best >= 0 {
		m.DuplicateOf = ix.ids[best]
		m.Similarity = bestExp.Jaccard
		m.Explanation = bestExp
	}
	ix.mu.Unlock()
	if best >= 0 {
		m.Explanation.Sample = passages(text, p, shared, ix.opts.Shingle)
	}
	return m
}

// verify finds candidates for document me through the index, scores them on their samples
// and merges me with every candidate that passes. It returns the best of those (-1 when
// none), its explanation and the shared sample values. Called with mu held.
func (ix *Index) verify(me uint32, p prepared) (int, Explanation, []uint32) {
	clear(ix.counts)
	for _, key := range p.keys {
		l, ok := ix.keys[key]
		if !ok || int(ix.listLen.get(l)) >= ix.opts.MaxPostings {
			continue
		}
		for post := ix.listHead.get(l); post != 0; post = ix.postNext.get(post - 1) {
			ix.counts[ix.postDoc.get(post-1)]++
		}
	}
	if len(ix.counts) == 0 {
		return -1, Explanation{}, nil
	}
	type cand struct {
		doc uint32
		n   int32
	}
	cands := make([]cand, 0, len(ix.counts))
	for d, n := range ix.counts {
		cands = append(cands, cand{d, n})
	}
	slices.SortFunc(cands, func(a, b cand) int { return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.doc, b.doc)) })
	if len(cands) > ix.opts.MaxCandidates {
		cands = cands[:ix.opts.MaxCandidates]
	}

	// Ignore shingles common in the corpus (boilerplate, stock phrases). When most of
	// the document's own shingles are common too, it is a widely syndicated story rather
	// than a story wrapped in furniture, and only shingles far more common than its own
	// are ignored (see Options.CommonDF).
	dfs := make([]int, len(p.sample))
	own := 0
	for i, v := range p.sample {
		dfs[i] = ix.dfOf(v)
		if dfs[i] <= ix.opts.CommonDF {
			own++
		}
	}
	limit := ix.opts.CommonDF
	if own < max(ix.opts.MinShared, len(p.sample)/4) {
		sorted := slices.Clone(dfs)
		slices.Sort(sorted)
		limit = max(limit, 4*sorted[len(sorted)/2])
	}
	mine := make([]uint32, 0, len(p.sample))
	for i, v := range p.sample {
		if dfs[i] <= limit {
			mine = append(mine, v)
		}
	}

	best, bestExp := -1, Explanation{}
	var bestShared []uint32
	var shared []uint32
	for _, c := range cands {
		theirs := ix.arena.get(ix.refs[c.doc])
		// Shared values first, without the sketch: a value in mine has passed the
		// sketch's test already, and the sketch does not change during verify, so the
		// values found are the same. Most candidates share too few values to count and
		// are then left without a sketch lookup of each of their values, two cache
		// misses each.
		shared = shared[:0]
		i := 0
		for _, v := range theirs {
			for i < len(mine) && mine[i] < v {
				i++
			}
			if i < len(mine) && mine[i] == v {
				shared = append(shared, v)
			}
		}
		s := len(shared)
		if s < ix.opts.MinShared {
			continue
		}
		nTheirs := 0
		for _, v := range theirs {
			if ix.dfOf(v) <= limit {
				nTheirs++
			}
		}
		e := Explanation{
			SharedShingles: s,
			Jaccard:        float64(s) / float64(len(mine)+nTheirs-s),
			Containment:    float64(s) / float64(min(len(mine), nTheirs)),
		}
		switch {
		case e.Jaccard >= ix.opts.Jaccard:
			e.Rule = "jaccard"
		case e.Containment >= ix.opts.Containment && e.Jaccard >= ix.opts.ContainedJaccard:
			e.Rule = "containment"
		default:
			continue
		}
		ix.union(me, c.doc)
		if best < 0 || e.Containment > bestExp.Containment ||
			e.Containment == bestExp.Containment && e.Jaccard > bestExp.Jaccard {
			best, bestExp = int(c.doc), e
			bestShared = append(bestShared[:0], shared...)
		}
	}
	return best, bestExp, bestShared
}

// passages quotes up to three of the longest runs of text covered by shared shingles.
func passages(text string, p prepared, shared []uint32, k int) []string {
	if len(shared) == 0 {
		return nil
	}
	cover := make([]bool, len(p.toks))
	j := 0
	for i, v := range p.sample {
		for j < len(shared) && shared[j] < v {
			j++
		}
		if j < len(shared) && shared[j] == v {
			for t := int(p.pos[i]); t < min(int(p.pos[i])+k, len(cover)); t++ {
				cover[t] = true
			}
		}
	}
	type run struct{ a, b int } // tokens [a, b)
	var runs []run
	for t := 0; t < len(cover); t++ {
		if !cover[t] {
			continue
		}
		a := t
		for t < len(cover) && cover[t] {
			t++
		}
		runs = append(runs, run{a, t})
	}
	slices.SortStableFunc(runs, func(x, y run) int { return cmp.Compare(y.b-y.a, x.b-x.a) })
	out := make([]string, 0, 3)
	for _, r := range runs[:min(3, len(runs))] {
		s := strings.Join(strings.Fields(text[p.toks[r.a].start:p.toks[r.b-1].end]), " ")
		if len(s) > 160 {
			cut := 160
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			s = s[:cut] + "…"
		}
		out = append(out, s)
	}
	return out
}

// Clusters returns every cluster, keyed by the id of its first document, with its
// members in the order they were added (singletons included).
func (ix *Index) Clusters() map[string][]string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := make(map[string][]string)
	for i := range ix.ids {
		r := ix.ids[ix.find(uint32(i))]
		out[r] = append(out[r], ix.ids[i])
	}
	return out
}

// Assignments returns each document's cluster id (the id of the cluster's first
// document), the form the scorers take.
func (ix *Index) Assignments() map[string]string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := make(map[string]string, len(ix.ids))
	for i, id := range ix.ids {
		out[id] = ix.ids[ix.find(uint32(i))]
	}
	return out
}
