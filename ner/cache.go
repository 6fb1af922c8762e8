package ner

// A per-word cache for the Viterbi decoder. Most of a token's ~60 weight-table lookups
// depend on the word alone: its own word, case, shape and affix features, the context
// features it gives its neighbours (the "previous word is X" and "next word is X" rows),
// and the tag-history features crossed with its lower-cased form and shape. News text
// repeats its words (the few thousand commonest cover most tokens), so these rows are
// summed once per word and kept; a token whose word is cached then costs a handful of
// lookups (the word-pair and gazetteer features) instead of ~60 cache misses.
//
// Scores are int32 sums of int16 weights, and integer addition is exact and order-free,
// so the cached sums give exactly the scores of the uncached path (tagViterbiRef, which the
// tests compare against).

import "github.com/heraldnews/herald/weights"

const (
	// 8,192 words of 432 bytes, about 3.5 MB per concurrent tagger. In one pass over the 840 PolNeAR
	// texts (herald extract) 2^13 was as fast as 2^14 or faster, and 2^11, 2^12 and 2^15
	// slower; benchmarks that loop over the same texts favour larger caches misleadingly.
	cacheBits   = 13
	cacheSize   = 1 << cacheBits
	cacheKeyMax = 24 // longer words are not cached; they are rare and mostly unique
)

// Neighbour slots of wordRows.ctx: the rows a word adds to the token two before it, one
// before it, one after it and two after it.
const (
	ctxAsP2 = iota // this word is token i+2 of token i: tLowerP2, tShortP2
	ctxAsP1        // i+1: tLowerP1, tShortP1, tWordP1
	ctxAsM1        // i-1: tLowerM1, tShortM1, tWordM1
	ctxAsM2        // i-2: tLowerM2, tShortM2
)

// wordRows are the summed weight rows that depend on one word only.
type wordRows struct {
	self [nTags]int32    // the word's own features (tBias … tSuf4, tFlag, tLen)
	ctx  [4][nTags]int32 // what the word adds to its neighbours' scores
	// lower holds, for each previous tag p, the tPrevTagLower row (one int16 weight row,
	// so exact; all zero for a word unseen in training), laid out p-major like the
	// decoder's history scores. The rest of the history score, trans[p] plus the
	// tPrevTagShort row, depends on the word's short shape only and is kept once per shape
	// (scratch.shortRows[short]): entries half the size they were miss the CPU caches less.
	lower [nPrev * nTags]int16
	short uint16 // index into scratch.shortRows, or tmpShort
}

// cachedTok is the part of a word's tokInfo the decoder reads after the rows are summed.
type cachedTok struct {
	lower, short uint64
	nletters     int32
	flags        uint8
	oov, gaz1Set bool
	plain        bool
	gaz1         uint16
}

func (c *cachedTok) tokInfo() tokInfo {
	return tokInfo{lower: c.lower, short: c.short, nletters: c.nletters, flags: c.flags,
		oov: c.oov, gaz1Set: c.gaz1Set, gaz1: c.gaz1, plain: c.plain}
}

type cacheEntry struct {
	klen uint8 // 0: empty
	// rowsOK: rows have been summed. The decoder first reads every word's tokInfo and sums
	// the rows only of the words it scores or that are within two of one (see skip.go), so
	// a word met only inside runs of plain words never costs its ~30 row lookups.
	rowsOK bool
	key    [cacheKeyMax]byte
	ti     cachedTok
	rows   wordRows
}

// Short-shape history rows: at most maxShorts distinct shapes are kept per scratch (news
// has a few hundred; arbitrary bytes could make more). A word whose shape finds no room is
// not cached, and its row lives in scratch.tmpShort until the next word is looked up.
const (
	maxShorts = 4096
	tmpShort  = 0xffff
)

// shortRow returns the history rows of short shape short, computing them on first use.
func (t *Tagger) shortRow(s *scratch, short uint64) uint16 {
	if k, ok := s.shortIdx[short]; ok {
		return k
	}
	var row *[nPrev * nTags]int32
	k := uint16(tmpShort)
	if len(s.shortRows) < maxShorts {
		if s.shortIdx == nil {
			s.shortIdx = make(map[uint64]uint16)
		}
		k = uint16(len(s.shortRows))
		s.shortIdx[short] = k
		s.shortRows = append(s.shortRows, [nPrev * nTags]int32{})
		row = &s.shortRows[k]
	} else {
		row = &s.tmpShort
	}
	var ti tokInfo
	ti.short = short
	var d [maxDyn1]uint64
	for p := 0; p < nPrev; p++ {
		r := row[p*nTags : (p+1)*nTags]
		copy(r, t.trans[p][:])
		dyn1Features(&ti, p, &d)
		t.addRow(r, d[2]) // tPrevTagShort; d[0], the bare bigram, is in t.trans
	}
	return k
}

func (s *scratch) shortRowOf(k uint16) *[nPrev * nTags]int32 {
	if k == tmpShort {
		return &s.tmpShort
	}
	return &s.shortRows[k]
}

// boundRows are the context rows of the positions before and after the sentence, which
// the uncached path gets from hashBOS and hashEOS.
type boundRows struct {
	ctx [4][nTags]int32 // indexed like wordRows.ctx, for BOS (M1, M2) and EOS (P1, P2)
	// pos holds the rows of tPos by position code (0-3, +8 for the last token) and by the
	// token's flUpper/flLower bits (index 1 upper, 2 lower, 0 neither).
	pos [16][3][nTags]int32
}

// wordRows computes the word-only rows of ti with the weight table.
func (t *Tagger) wordRows(ti *tokInfo, r *wordRows) {
	*r = wordRows{}
	sc := r.self[:]
	known := !ti.oov
	t.addRow(sc, weights.Key(tBias, 0))
	if known {
		t.addRow(sc, weights.Key(tWord, ti.word))
		t.addRow(sc, weights.Key(tLower, ti.lower))
	}
	t.addRow(sc, weights.Key(tShape, ti.shape))
	t.addRow(sc, weights.Key(tShort, ti.short))
	t.addRow(sc, weights.Key(tPre1, ti.pre[0]))
	t.addRow(sc, weights.Key(tPre2, ti.pre[1]))
	t.addRow(sc, weights.Key(tPre3, ti.pre[2]))
	t.addRow(sc, weights.Key(tPre4, ti.pre[3]))
	t.addRow(sc, weights.Key(tSuf1, ti.suf[0]))
	t.addRow(sc, weights.Key(tSuf2, ti.suf[1]))
	t.addRow(sc, weights.Key(tSuf3, ti.suf[2]))
	t.addRow(sc, weights.Key(tSuf4, ti.suf[3]))
	for b := uint8(1); b != 0; b <<= 1 {
		if ti.flags&b != 0 {
			t.addRow(sc, weights.Key(tFlag, uint64(b)))
		}
	}
	t.addRow(sc, weights.Key(tLen, uint64(min(ti.nletters, 8))))
	t.ctxRows(&r.ctx, ti.lower, ti.short, ti.word, known)
	if !known {
		return
	}
	var d [maxDyn1]uint64
	for p := 0; p < nPrev; p++ {
		dyn1Features(ti, p, &d)
		if w := t.lookup(d[1]); w != nil { // tPrevTagLower
			copy(r.lower[p*nTags:(p+1)*nTags], w[:])
		}
	}
}

// ctxRows fills the neighbour rows of a word with the given lower-case, short-shape and
// word hashes (hashBOS or hashEOS for the sentence boundaries).
// known false skips the rows keyed by the word or its lower-cased form (see Tagger.known).
func (t *Tagger) ctxRows(ctx *[4][nTags]int32, lower, short, word uint64, known bool) {
	t.addRow(ctx[ctxAsP2][:], weights.Key(tShortP2, short))
	t.addRow(ctx[ctxAsP1][:], weights.Key(tShortP1, short))
	t.addRow(ctx[ctxAsM1][:], weights.Key(tShortM1, short))
	t.addRow(ctx[ctxAsM2][:], weights.Key(tShortM2, short))
	if !known {
		return
	}
	t.addRow(ctx[ctxAsP2][:], weights.Key(tLowerP2, lower))
	t.addRow(ctx[ctxAsP1][:], weights.Key(tLowerP1, lower))
	t.addRow(ctx[ctxAsP1][:], weights.Key(tWordP1, word))
	t.addRow(ctx[ctxAsM1][:], weights.Key(tLowerM1, lower))
	t.addRow(ctx[ctxAsM1][:], weights.Key(tWordM1, word))
	t.addRow(ctx[ctxAsM2][:], weights.Key(tLowerM2, lower))
}

// initBounds precomputes the boundary and position rows; newTagger calls it once.
func (t *Tagger) initBounds() {
	b := &t.bounds
	var bos, eos [4][nTags]int32
	t.ctxRows(&bos, hashBOS, hashBOS, hashBOS, true)
	t.ctxRows(&eos, hashEOS, hashEOS, hashEOS, true)
	b.ctx[ctxAsM1], b.ctx[ctxAsM2] = bos[ctxAsM1], bos[ctxAsM2]
	b.ctx[ctxAsP1], b.ctx[ctxAsP2] = eos[ctxAsP1], eos[ctxAsP2]
	for pos := 0; pos < 16; pos++ {
		for k, fl := range [3]uint64{0, flUpper, flLower} {
			t.addRow(b.pos[pos][k][:], weights.Key2(tPos, uint64(pos), fl))
		}
	}
}

// posIndex maps a token's flags to the second index of boundRows.pos.
func posIndex(flags uint8) int {
	switch {
	case flags&flUpper != 0:
		return 1
	case flags&flLower != 0:
		return 2
	}
	return 0
}

func cacheSlot(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= fnvPrime
	}
	return (h ^ h>>29) & (cacheSize - 1)
}

// entry returns the cache entry of w with its tokInfo filled (its rows maybe not; see
// rowsOf) and its slot in s.cache, or tmp and -1 for a word too long to cache. The entry
// is valid only until the next call, which may evict it.
func (t *Tagger) entry(s *scratch, w string, tmp *cacheEntry) (*cacheEntry, int32) {
	if len(w) == 0 || len(w) > cacheKeyMax {
		t.fill(s, w, tmp)
		return tmp, -1
	}
	if s.cache == nil {
		s.cache = make([]cacheEntry, cacheSize)
		s.mru = make([]uint8, cacheSize/2)
	}
	// Two-way set associative: a word may sit in either slot of its pair, so two common
	// words that hash alike do not keep evicting each other. A miss replaces the slot not
	// used last.
	i := cacheSlot(w)
	e := &s.cache[i]
	if int(e.klen) == len(w) && string(e.key[:len(w)]) == w {
		s.mru[i>>1] = uint8(i & 1)
		return e, int32(i)
	}
	if o := &s.cache[i^1]; int(o.klen) == len(w) && string(o.key[:len(w)]) == w {
		s.mru[i>>1] = uint8((i ^ 1) & 1)
		return o, int32(i ^ 1)
	}
	i = i&^1 | uint64(1-s.mru[i>>1])
	s.mru[i>>1] = uint8(i & 1)
	e = &s.cache[i]
	e.klen = uint8(len(w))
	copy(e.key[:], w)
	t.fill(s, w, e)
	return e, int32(i)
}

// rowsOf returns the entry of w, found by entry at slot, with its rows summed. The entry
// is valid only until the next call.
func (t *Tagger) rowsOf(s *scratch, w string, slot int32, tmp *cacheEntry) *cacheEntry {
	var e *cacheEntry
	if slot >= 0 {
		// A later word of the sentence may have evicted it.
		if e = &s.cache[slot]; int(e.klen) != len(w) || string(e.key[:len(w)]) != w {
			e, _ = t.entry(s, w, tmp)
		}
	} else {
		e, _ = t.entry(s, w, tmp) // tmp holds only the last uncached word
	}
	if !e.rowsOK {
		var ti tokInfo
		s.buf = analyse(w, &ti, s.buf) // the hashes the entry does not keep
		ti.oov = e.ti.oov
		t.fillRows(s, e, &ti)
	}
	return e
}

// fill computes the tokInfo of w into e, and its rows unless w is plain: a plain word
// may be forced to O with its neighbours (see skip.go), and then its rows are not needed.
func (t *Tagger) fill(s *scratch, w string, e *cacheEntry) {
	var ti tokInfo
	s.buf = analyse(w, &ti, s.buf)
	ti.oov = !t.known(ti.lower)
	ti.gaz1, ti.gaz1Set = t.gaz.first(ti.lower), true
	e.rowsOK = false
	e.ti = cachedTok{lower: ti.lower, short: ti.short, nletters: ti.nletters, flags: ti.flags,
		oov: ti.oov, gaz1Set: true, gaz1: ti.gaz1, plain: ti.plain}
	if !ti.plain {
		t.fillRows(s, e, &ti)
	}
}

// fillRows sums the rows of e, whose word has the tokInfo ti.
func (t *Tagger) fillRows(s *scratch, e *cacheEntry, ti *tokInfo) {
	t.wordRows(ti, &e.rows)
	e.rows.short = t.shortRow(s, ti.short)
	// A word whose shape row is transient (s.tmpShort) has usable rows now, but must be
	// summed again when next needed.
	e.rowsOK = e.rows.short != tmpShort
}

func addTo(dst []int32, src *[nTags]int32) {
	dst = dst[:nTags]
	for j, v := range src {
		dst[j] += v
	}
}

// tagViterbi tags words, forcing runs of plain words to O (see skip.go).
func (t *Tagger) tagViterbi(words []string, s *scratch) []int {
	return t.tagViterbiSkip(words, s, skipRadius)
}

// tagViterbiSkip fills the static and history scores of the sentence's scored tokens from
// the word cache and decodes them; the scores are those of tagViterbiRef. Tokens that
// markSkip forces to O with the given radius (0: none) are not scored.
func (t *Tagger) tagViterbiSkip(words []string, s *scratch, radius int) []int {
	n := len(words)
	s.grow(n)
	if n == 0 {
		return s.tags
	}
	st, tr := s.st[:n*nTags], s.tr[:n*nPrev*nTags]
	clear(st)
	b := &t.bounds
	var tmp cacheEntry
	// First every token's tokInfo: the gazetteer, the sentence flags and the skip rule
	// read the whole sentence.
	for i, w := range words {
		e, slot := t.entry(s, w, &tmp)
		s.ts[i] = e.ti.tokInfo()
		s.slot[i] = slot
	}
	ts := s.ts
	t.gaz.mark(ts)
	sf := sentenceFlags(ts)
	mode := s.mode[:n]
	markSkip(ts, mode, radius)
	for i, w := range words {
		if mode[i] == modeFar {
			continue
		}
		e := t.rowsOf(s, w, s.slot[i], &tmp)
		r := &e.rows
		if i >= 2 {
			addTo(st[(i-2)*nTags:], &r.ctx[ctxAsP2])
		}
		if i >= 1 {
			addTo(st[(i-1)*nTags:], &r.ctx[ctxAsP1])
		}
		if i+1 < n {
			addTo(st[(i+1)*nTags:], &r.ctx[ctxAsM1])
		}
		if i+2 < n {
			addTo(st[(i+2)*nTags:], &r.ctx[ctxAsM2])
		}
		sr := s.shortRowOf(r.short)
		if mode[i] != modeScored {
			if i > 0 && mode[i-1] == modeScored {
				// A forced token ends a run: the decoder reads its history scores into O.
				dst := tr[i*nPrev*nTags : (i*nPrev+nTags)*nTags]
				for p := 0; p < nTags; p++ {
					dst[p*nTags] = sr[p*nTags]
					if !e.ti.oov {
						dst[p*nTags] += int32(r.lower[p*nTags])
					}
				}
			}
			continue
		}
		addTo(st[i*nTags:], &r.self)
		// The decoder reads only the BOS history at the first token and only real tags
		// after it.
		if i == 0 {
			dst := tr[tagBOS*nTags : (tagBOS+1)*nTags]
			src, lw := sr[tagBOS*nTags:(tagBOS+1)*nTags], r.lower[tagBOS*nTags:(tagBOS+1)*nTags]
			for k := range dst {
				dst[k] = src[k] + int32(lw[k])
			}
		} else {
			dst := tr[i*nPrev*nTags : (i*nPrev+nTags)*nTags]
			if e.ti.oov { // no tPrevTagLower rows
				copy(dst, sr[:nTags*nTags])
			} else {
				src, lw := sr[:nTags*nTags], r.lower[:nTags*nTags]
				for k := range dst {
					dst[k] = src[k] + int32(lw[k])
				}
			}
		}
	}
	// Sentence boundaries stand in for the missing neighbours.
	for i := 0; i < min(n, 2); i++ {
		if i < 1 {
			addTo(st[i*nTags:], &b.ctx[ctxAsM1])
		}
		addTo(st[i*nTags:], &b.ctx[ctxAsM2])
	}
	for i := max(n-2, 0); i < n; i++ {
		if i >= n-1 {
			addTo(st[i*nTags:], &b.ctx[ctxAsP1])
		}
		addTo(st[i*nTags:], &b.ctx[ctxAsP2])
	}
	// pairOK[i&1] tells whether the pair (token i-1, token i) may have weights.
	var pairOK [2]bool
	for i := range ts {
		if mode[i] != modeScored {
			continue
		}
		sc := st[i*nTags : (i+1)*nTags]
		ti := &ts[i]
		pos := min(i, 3)
		if i == n-1 {
			pos |= 8
		}
		addTo(sc, &b.pos[pos][posIndex(ti.flags)])
		lm1, lp1, sm1, sp1 := hashBOS, hashEOS, hashBOS, hashEOS
		if i > 0 {
			lm1, sm1 = ts[i-1].lower, ts[i-1].short
		}
		if i+1 < n {
			lp1, sp1 = ts[i+1].lower, ts[i+1].short
		}
		if i == 0 || mode[i-1] != modeScored {
			// not computed at the token before
			pairOK[i&1] = !ti.oov && (i == 0 || !ts[i-1].oov) && t.pairKnown(lm1, ti.lower)
		}
		// A word pair can have weights only if it occurred in training; tBiM1 here and
		// tBiP1 of the token before look at the same pair.
		if !ti.oov && pairOK[i&1] {
			t.addRow(sc, weights.Key2(tBiM1, lm1, ti.lower))
		}
		pairOK[(i+1)&1] = !ti.oov && (i+1 == n || !ts[i+1].oov) && t.pairKnown(ti.lower, lp1)
		if pairOK[(i+1)&1] {
			t.addRow(sc, weights.Key2(tBiP1, ti.lower, lp1))
		}
		t.addRow(sc, fk3(tShapeTri, sm1, ti.short, sp1))
		if g := ti.gaz; g != 0 {
			for b := 0; b < 32; b++ {
				if g&(1<<b) != 0 {
					t.addRow(sc, weights.Key(tGaz, uint64(b)))
					t.addRow(sc, weights.Key2(tGaz, uint64(b)+100, ti.short))
				}
			}
		}
		if i+1 < n && ts[i+1].gaz != 0 {
			t.addRow(sc, weights.Key(tGazNext, uint64(ts[i+1].gaz)))
		}
		if i > 0 && ts[i-1].gaz != 0 {
			t.addRow(sc, weights.Key(tGazPrev, uint64(ts[i-1].gaz)))
		}
		if sf != 0 {
			t.addRow(sc, weights.Key2(tCapsShort, uint64(sf), ti.short))
			if !ti.oov {
				t.addRow(sc, weights.Key2(tCapsLower, uint64(sf), ti.lower))
			}
			t.addRow(sc, weights.Key(tTitleSent, uint64(sf)))
		}
	}
	// Each run of scored tokens is decoded on its own, from the sentence start or from the
	// O of the forced token before it, into the O of the forced token after it: the same
	// search as over the whole sentence with only O allowed at forced tokens.
	for a := 0; a < n; {
		if mode[a] != modeScored {
			s.tags[a] = 0
			a++
			continue
		}
		e := a + 1
		for e < n && mode[e] == modeScored {
			e++
		}
		start := tagBOS
		if a > 0 {
			start = 0
		}
		var end []int32
		if e < n {
			end = tr[e*nPrev*nTags : (e*nPrev+nTags)*nTags]
		}
		viterbiInt(e-a, start, end, st[a*nTags:e*nTags], tr[a*nPrev*nTags:e*nPrev*nTags], s.back[a*nTags:e*nTags], s.tags[a:e])
		a = e
	}
	return s.tags
}
