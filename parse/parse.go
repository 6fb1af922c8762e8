package parse

import (
	_ "embed"
	"sync"

	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/weights"
)

// Parser is a trained tagger, parser and labeller. It is immutable after loading and safe
// for concurrent use with one Scratch per goroutine.
type Parser struct {
	tags, rels []string // class names
	dictKeys   []uint64 // tag dictionary, kept for Save
	dictTags   []uint8
	dict       weights.Table[uint8]
	tagger     sparse
	arcs       dense
	labeller   sparse
	relRoot    uint8 // index of "root" in rels
	tagComma   uint64
}

func (p *Parser) init() {
	p.dict = weights.New(p.dictKeys, func(i int) uint8 { return p.dictTags[i] })
	for i, r := range p.rels {
		if r == "root" {
			p.relRoot = uint8(i)
		}
	}
	p.tagComma = 0xffff
	for i, t := range p.tags {
		if t == "," {
			p.tagComma = uint64(i) + 1
		}
	}
}

//go:embed model/parse.bin
var embeddedModel []byte

// embedded returns a loader that decodes an embedded model once, on first use. The model
// is part of the source tree: failing to read it is a build defect, not a run-time
// condition callers could handle.
func embedded[T any](what string, data []byte, decode func([]byte) (T, error)) func() T {
	return sync.OnceValue(func() T {
		m, err := decode(data)
		if err != nil {
			panic("parse: embedded " + what + ": " + err.Error())
		}
		return m
	})
}

var defaultParser = embedded("model", embeddedModel, decodeModel)

// Default returns the parser built into the binary, loading it on first use (about
// 50 ms: the tables are built from the model's bytes).
func Default() *Parser { return defaultParser() }

// Scratch is the reusable working memory of Parse; the zero value is ready. A Scratch
// must not be used by two goroutines at once.
type Scratch struct {
	buf    []byte
	toks   []tok
	tags   []uint8
	words  []uint64 // lower-case word hashes
	sufs   []uint64
	tagv   []uint64 // tag values (tag+1)
	st     state
	rels   []uint8
	order  []int32 // tokens in top-down order, for the labeller
	commas []int32
	tree   Tree
}

// Tree is a parsed sentence. Token i's tag is Tags[i], its head Heads[i] (-1 for the
// root) and its relation to the head Rels[i] ("root" for the root). A Tree returned by
// Parse lives in the Scratch it was given and is overwritten by the next Parse with it.
type Tree struct {
	Tags  []string
	Heads []int
	Rels  []string
	// The children of i, in order, are kids[kidOff[i]:kidOff[i+1]]; i's subtree spans the
	// tokens first[i]..last[i].
	kidOff, kids []int32
	first, last  []int32
	root         int
}

// Len returns the number of tokens.
func (t *Tree) Len() int { return len(t.Heads) }

// Root returns the index of the root token, -1 for an empty sentence.
func (t *Tree) Root() int { return t.root }

// Children returns the dependents of token i in sentence order. The slice belongs to the
// tree.
func (t *Tree) Children(i int) []int32 { return t.kids[t.kidOff[i]:t.kidOff[i+1]] }

// Child returns the first dependent of i with relation rel, or -1.
func (t *Tree) Child(i int, rel string) int {
	for _, c := range t.Children(i) {
		if t.Rels[c] == rel {
			return int(c)
		}
	}
	return -1
}

// Subtree returns the first and last token of i's subtree (i and everything below it).
// The parser only builds projective trees, so the subtree is every token in between.
func (t *Tree) Subtree(i int) (first, last int) { return int(t.first[i]), int(t.last[i]) }

// Parse tags and parses one sentence of tokens (as nlp.Tokenize makes them; Tag is not
// read). It does not allocate once s has grown to the sentence length.
func (p *Parser) Parse(s *Scratch, toks []nlp.Token) *Tree {
	s.grow(len(toks))
	for i := range toks {
		s.buf = analyse(toks[i].Text, &s.toks[i], s.buf)
	}
	return p.run(s)
}

// ParseWords is Parse for a sentence given as words.
func (p *Parser) ParseWords(s *Scratch, words []string) *Tree {
	s.grow(len(words))
	for i, w := range words {
		s.buf = analyse(w, &s.toks[i], s.buf)
	}
	return p.run(s)
}

func (s *Scratch) grow(n int) {
	if cap(s.toks) < n || s.tree.kidOff == nil {
		c := n + 16
		s.toks, s.tags, s.rels = make([]tok, c), make([]uint8, c), make([]uint8, c)
		s.words, s.sufs, s.tagv = make([]uint64, c), make([]uint64, c), make([]uint64, c)
		s.order, s.commas = make([]int32, c), make([]int32, c+1)
		t := &s.tree
		t.Tags, t.Heads, t.Rels = make([]string, c), make([]int, c), make([]string, c)
		t.kidOff, t.kids, t.first, t.last = make([]int32, c+1), make([]int32, c), make([]int32, c), make([]int32, c)
	}
	s.toks, s.tags, s.rels = s.toks[:n], s.tags[:n], s.rels[:n]
	s.words, s.sufs, s.tagv = s.words[:n], s.sufs[:n], s.tagv[:n]
	s.order, s.commas = s.order[:n], s.commas[:n+1]
	t := &s.tree
	t.Tags, t.Heads, t.Rels = t.Tags[:n], t.Heads[:n], t.Rels[:n]
	t.kidOff, t.kids, t.first, t.last = t.kidOff[:n+1], t.kids[:n], t.first[:n], t.last[:n]
}

// run tags, parses and labels the analysed tokens in s.
func (p *Parser) run(s *Scratch) *Tree {
	n := len(s.toks)
	p.tag(s)
	for i := range s.toks {
		s.words[i], s.sufs[i], s.tagv[i] = s.toks[i].lower, s.toks[i].suf[2], uint64(s.tags[i])+1
	}
	p.parseArcs(s)
	t := &s.tree
	t.root = -1
	for i := range n {
		h := int(s.st.heads[i])
		if h == n {
			h, t.root = -1, i
		}
		t.Heads[i] = h
		t.Tags[i] = p.tags[s.tags[i]]
	}
	t.index()
	p.label(s)
	for i := range n {
		t.Rels[i] = p.rels[s.rels[i]]
	}
	return t
}

// parseArcs runs the transition system greedily over s's tagged tokens.
func (p *Parser) parseArcs(s *Scratch) {
	st := &s.st
	st.reset(len(s.toks))
	var f [nArcFeat]uint64
	for !st.done() {
		ok := st.valid()
		var sc [nMoves]int32
		st.features(s.words, s.tagv, &f)
		for _, k := range f {
			if r := p.arcs.tab.Lookup(k); r != nil {
				sc[0] += int32(r[0])
				sc[1] += int32(r[1])
				sc[2] += int32(r[2])
			}
		}
		st.apply(bestMove(sc, ok))
	}
}

// bestMove returns the highest-scoring allowed move.
func bestMove(sc [nMoves]int32, ok [nMoves]bool) int {
	best := -1
	for m := range nMoves {
		if ok[m] && (best < 0 || sc[m] > sc[best]) {
			best = m
		}
	}
	return best
}

// index builds the children lists and subtree spans from Heads.
func (t *Tree) index() {
	n := len(t.Heads)
	clear(t.kidOff)
	for _, h := range t.Heads {
		if h >= 0 {
			t.kidOff[h+1]++
		}
	}
	for i := 1; i <= n; i++ {
		t.kidOff[i] += t.kidOff[i-1]
	}
	// Fill in sentence order, using first[] as the per-head write cursor.
	for i := range n {
		t.first[i] = t.kidOff[i]
	}
	for d, h := range t.Heads {
		if h >= 0 {
			t.kids[t.first[h]] = int32(d)
			t.first[h]++
		}
	}
	for i := range n {
		t.first[i], t.last[i] = int32(i), int32(i)
	}
	// Spans grow upwards: walk each token's chain of heads, widening every ancestor.
	// Chains are short in practice; the bound guards against a cycle in a bad model.
	for d := range n {
		h := t.Heads[d]
		for steps := 0; h >= 0 && steps < n; steps++ {
			t.first[h] = min(t.first[h], int32(d))
			t.last[h] = max(t.last[h], int32(d))
			h = t.Heads[h]
		}
	}
}

// label names every arc, top down from the root so that a word's features can include
// its head's relation.
func (p *Parser) label(s *Scratch) {
	t := &s.tree
	n := len(t.Heads)
	if n == 0 {
		return
	}
	s.commas[0] = 0
	for i := range n {
		c := s.commas[i]
		if s.tagv[i] == p.tagComma {
			c++
		}
		s.commas[i+1] = c
	}
	v := labelView{words: s.words, sufs: s.sufs, tags: s.tagv, heads: s.st.heads[:n], rels: s.rels, kidOff: t.kidOff, kids: t.kids, commas: s.commas}
	// The parser's heads use n for the root; the labeller wants -1.
	for i := range n {
		if v.heads[i] == int32(n) {
			v.heads[i] = -1
		}
	}
	order := s.order[:0]
	order = append(order, int32(t.root))
	var f [nLabFeat]uint64
	for q := 0; q < len(order); q++ {
		d := order[q]
		if v.heads[d] < 0 {
			s.rels[d] = p.relRoot
		} else {
			var sc [maxClasses]int32
			nf := v.features(d, &f)
			for _, k := range f[:nf] {
				p.labeller.add(&sc, k)
			}
			sc[p.relRoot] = -1 << 30
			s.rels[d] = argmax(sc[:len(p.rels)])
		}
		order = append(order, t.Children(int(d))...)
	}
}
