package attrib

// Precomputed rows for Tag. A token has 17 to 20 feature rows to sum, and in the pipeline
// each lookup in the weight table (1.3 MB) is likely a cache miss. Most are not looked up
// per token:
//
//   - Four rows depend on the word alone: its own word and suffix (tW0, tSuf), and what it
//     gives its neighbours as their previous or next word (tWm1, tWp1). News repeats its
//     words, so a word cache per scratch keeps them, with the word's shape and two memos
//     (see wordEntry); on PolNeAR train 85% of tokens find their word there.
//   - Nine rows (tBias, tPos, tEnd, tSent, tLCue, tRCue, tTrans, tEnt3, tQuote) take their
//     values from small sets: bucketed distances, flags, entity classes. They are summed
//     once per model into arrays indexed by those values (smallRows).
//   - The cue and clause rows (tLCueW, tRCueW, tClause) keep their values over runs of
//     tokens, so the row of the previous token is reused while they do (runRow).
//
// What is left are the word-pair rows (tBiM1, tBiP1), mostly absent from the table, which
// the filter in Tagger.lookup answers without probing it.
//
// Scores are int32 sums of int16 weights; integer addition is exact and order-free, so the
// precomputed sums give exactly the scores of summing features' rows one by one (the
// training path; TestScoresMatchFeatures compares the two).

import "github.com/heraldnews/herald/weights"

const (
	// 4,096 words of 160 bytes, 0.65 MB per concurrently used scratch. On the quote
	// stage 2^11 and 2^13 were no faster, within the noise of a shared machine.
	cacheBits   = 12
	cacheSize   = 1 << cacheBits
	cacheKeyMax = 24 // longer words are not cached; they are rare and mostly unique
)

// wordEntry is what the tagger knows of a word, keyed by its lower-cased text. The shape
// comes from the text as written and is kept for the last such text seen: "The" and "the"
// share an entry and differ only there.
//
// The memos hold rows that depend on the word and one more value, for the value last seen:
// the tShapeEnt row for an entity class and the tWm1L row for the next token's lc. Each is
// filled and checked with the values its keys are made of, so a memo row is the row the
// table would give.
type wordEntry struct {
	llen   uint8 // 0: empty
	rlen   uint8
	rset   bool // raw holds the written text that shape belongs to
	seSet  bool // seRow is the tShapeEnt row of shape and entity class seEnt
	seEnt  uint8
	lcSet  bool // lcRow is the tWm1L row of this word and lc
	lc     uint8
	lower  [cacheKeyMax]byte
	raw    [cacheKeyMax]byte
	w      uint64 // Hash(lower)
	shape  uint64
	self   [NTags]int32 // tW0 + tSuf
	asPrev [NTags]int16 // the tWm1 row this word gives the token after it
	asNext [NTags]int16 // the tWp1 row this word gives the token before it
	seRow  [NTags]int16
	lcRow  [NTags]int16
}

func (t *Tagger) addRow(r *[NTags]int32, k uint64) {
	if w := t.lookup(k); w != nil {
		for c := range r {
			r[c] += int32(w[c])
		}
	}
}

// row16 returns the row of k, or zeros.
func (t *Tagger) row16(k uint64) [NTags]int16 {
	if w := t.lookup(k); w != nil {
		return *w
	}
	return [NTags]int16{}
}

// fill computes e for lower, whose hash is w, and clears its memos.
func (t *Tagger) fill(e *wordEntry, lower string, w uint64) {
	e.w = w
	e.self = [NTags]int32{}
	t.addRow(&e.self, weights.Key(tW0, w))
	t.addRow(&e.self, weights.Key(tSuf, suffix(lower)))
	e.asPrev = t.row16(weights.Key(tWm1, w))
	e.asNext = t.row16(weights.Key(tWp1, w))
	e.rset, e.seSet, e.lcSet = false, false, false
}

// setRaw computes the shape of e for raw; raw too long to keep is recomputed on every use.
func (e *wordEntry) setRaw(raw string) {
	e.shape = shapeOf(raw)
	e.seSet = false
	e.rset = len(raw) <= cacheKeyMax
	if e.rset {
		e.rlen = uint8(len(raw))
		copy(e.raw[:], raw)
	}
}

// word returns the entry of the token with texts lower and raw, lower's hash w, computing
// it on a miss; tmp is used for a word too long to cache. The entry stays valid through
// the next call: that call's miss replaces the other slot of a pair, never the one used
// last.
func (t *Tagger) word(s *scratch, lower, raw string, w uint64, tmp *wordEntry) *wordEntry {
	if len(lower) == 0 || len(lower) > cacheKeyMax {
		t.fill(tmp, lower, w)
		tmp.setRaw(raw)
		return tmp
	}
	if s.cache == nil {
		s.cache = make([]wordEntry, cacheSize)
		s.mru = make([]uint8, cacheSize/2)
	}
	// Two-way set associative, as in package ner: a word may sit in either slot of its
	// pair, and a miss replaces the slot not used last.
	i := (w ^ w>>29) & (cacheSize - 1)
	e := &s.cache[i]
	if !(int(e.llen) == len(lower) && string(e.lower[:len(lower)]) == lower) {
		e = &s.cache[i^1]
		if int(e.llen) == len(lower) && string(e.lower[:len(lower)]) == lower {
			i ^= 1
		} else {
			i = i&^1 | uint64(1-s.mru[i>>1])
			e = &s.cache[i]
			e.llen = uint8(len(lower))
			copy(e.lower[:], lower)
			t.fill(e, lower, w)
		}
	}
	s.mru[i>>1] = uint8(i & 1)
	if !e.rset || int(e.rlen) != len(raw) || string(e.raw[:len(raw)]) != raw {
		e.setRaw(raw)
	}
	return e
}

// smallRows holds the summed rows of the templates with few values, by those values.
type smallRows struct {
	// tBias + tPos + tEnd: by bucket(i+1), FParaStart, bucket(n-i). Bucket 1 is the
	// first or last token: the first's also holds the rows of the missing word before it
	// (tWm1, and tWm1L, whose lc is always 0 there), the last's tWp1 of the one after.
	posEnd [10][2][10][NTags]int32
	sentL  [4][20][2][NTags]int32  // tSent + tLCue: by sentence flags, lc, FInQuote
	trans  [20][20][2][NTags]int32 // tTrans + tRCue: by lc, rc, FInQuote
	// Single rows, kept as int16: tEnt3 by the entity classes at −1, 0, +1 (values up to
	// 15; larger ones, which the caller does not make, are looked up), and tQuote by
	// the flags of the token (its low 6 bits) and of its neighbours (3 bits).
	ent3  [16][16][16][NTags]int16
	quote [64][8][8][NTags]int16
}

func (t *Tagger) initSmall() {
	m := new(smallRows)
	bias := t.row16(weights.Key(tBias, 0))
	first := [NTags]int32{}
	t.addRow(&first, weights.Key(tWm1, bos))
	t.addRow(&first, weights.Key2(tWm1L, bos, 0))
	last := [NTags]int32{}
	t.addRow(&last, weights.Key(tWp1, eos))
	for b := range m.posEnd {
		for p := range m.posEnd[b] {
			for e := range m.posEnd[b][p] {
				r := &m.posEnd[b][p][e]
				for c := range r {
					r[c] = int32(bias[c])
				}
				t.addRow(r, keyPos(uint64(b), uint8(p)*FParaStart))
				t.addRow(r, keyEnd(uint64(e)))
				if b == 1 {
					add32(r, &first)
				}
				if e == 1 {
					add32(r, &last)
				}
			}
		}
	}
	for sf := range m.sentL {
		for lc := range m.sentL[sf] {
			for q := range m.sentL[sf][lc] {
				t.addRow(&m.sentL[sf][lc][q], keySent(uint8(sf), uint64(lc), uint8(q)))
				t.addRow(&m.sentL[sf][lc][q], keyLCue(uint64(lc), uint8(q)))
			}
		}
	}
	for lc := range m.trans {
		for rc := range m.trans[lc] {
			for q := range m.trans[lc][rc] {
				t.addRow(&m.trans[lc][rc][q], keyTrans(uint64(lc), uint64(rc), uint8(q)))
				t.addRow(&m.trans[lc][rc][q], keyRCue(uint64(rc), uint8(q)))
			}
		}
	}
	for a := range m.ent3 {
		for b := range m.ent3[a] {
			for c := range m.ent3[a][b] {
				m.ent3[a][b][c] = t.row16(keyEnt3(uint64(a), uint64(b), uint64(c)))
			}
		}
	}
	for f := range m.quote {
		for a := range m.quote[f] {
			for b := range m.quote[f][a] {
				m.quote[f][a][b] = t.row16(keyQuote(uint8(f), uint8(a), uint8(b)))
			}
		}
	}
	t.small = m
}

func add32(dst *[NTags]int32, src *[NTags]int32) {
	for c := range dst {
		dst[c] += src[c]
	}
}

func add16(dst *[NTags]int32, src *[NTags]int16) {
	for c := range dst {
		dst[c] += int32(src[c])
	}
}

// runRow is the row of a two-value key for the last values seen: the cue and clause
// features keep their values over runs of tokens.
type runRow struct {
	set  bool
	a, b uint64
	row  [NTags]int16
}

func (t *Tagger) addRun(r *[NTags]int32, rr *runRow, tmpl, a, b uint64) {
	if !rr.set || rr.a != a || rr.b != b {
		*rr = runRow{set: true, a: a, b: b, row: t.row16(weights.Key2(tmpl, a, b))}
	}
	add16(r, &rr.row)
}

// scores fills s.st with the static scores of toks, the sums of their features' rows.
func (t *Tagger) scores(toks []Tok, s *scratch) []int32 {
	n := len(toks)
	ts, st := s.ts[:n], s.st[:n*NTags]
	m := t.small
	for i := range toks {
		tk := &toks[i]
		ts[i] = tokInfo{w: Hash(tk.Lower), kind: lowerKind(tk.Lower) | rawKind(tk.Raw)}
	}
	prepareContext(toks, ts)
	var pe *wordEntry // the previous token's entry
	var lcueW, rcueW, clause runRow
	for i := range ts {
		tk, ti := &toks[i], &ts[i]
		e := t.word(s, tk.Lower, tk.Raw, ti.w, &s.tmp[i&1])
		r := (*[NTags]int32)(st[i*NTags:])
		*r = e.self
		em1, ep1 := uint8(entBound), uint8(entBound)
		var fm1, fp1 uint8
		if i > 0 {
			em1, fm1 = ts[i-1].ent, ts[i-1].flags
		}
		if i+1 < n {
			ep1, fp1 = ts[i+1].ent, ts[i+1].flags
		}
		lc := bucket(int(ti.lcue))<<1 | b2u(ti.lthat)
		rc := bucket(int(ti.rcue))<<1 | b2u(ti.rcomma)
		inq := ti.flags & FInQuote
		add32(r, &m.posEnd[bucket(i+1)][(ti.flags&FParaStart)/FParaStart][bucket(n-i)])
		add32(r, &m.sentL[ti.sflags][lc][inq])
		add32(r, &m.trans[lc][rc][inq])
		if em1 < 16 && ti.ent < 16 && ep1 < 16 {
			add16(r, &m.ent3[em1][ti.ent][ep1])
		} else {
			t.addRow(r, keyEnt3(uint64(em1), uint64(ti.ent), uint64(ep1)))
		}
		add16(r, &m.quote[ti.flags&63][fm1&7][fp1&7])
		if !e.seSet || e.seEnt != ti.ent {
			e.seRow = t.row16(weights.Key2(tShapeEnt, e.shape, uint64(ti.ent)))
			e.seEnt, e.seSet = ti.ent, true
		}
		add16(r, &e.seRow)
		if i == 0 {
			t.addRow(r, weights.Key2(tBiM1, bos, ti.w))
		} else {
			// The previous word's rows for this token, and this word's for the previous.
			pr := (*[NTags]int32)(st[(i-1)*NTags:])
			add16(r, &pe.asPrev)
			add16(pr, &e.asNext)
			wm1 := ts[i-1].w
			// Most word pairs have no rows, and the filter in lookup turns most of
			// those away; remembering the pair per word (as the rows below) hits
			// one time in ten.
			t.addRow(pr, weights.Key2(tBiP1, wm1, ti.w))
			t.addRow(r, weights.Key2(tBiM1, wm1, ti.w))
			if !pe.lcSet || pe.w != wm1 || uint64(pe.lc) != lc {
				pe.lcRow = t.row16(weights.Key2(tWm1L, wm1, lc))
				pe.lc, pe.lcSet = uint8(lc), true
			}
			add16(r, &pe.lcRow)
		}
		if i == n-1 {
			t.addRow(r, weights.Key2(tBiP1, ti.w, eos))
		}
		if ti.lcue > 0 {
			t.addRun(r, &lcueW, tLCueW, ti.lcueH, coarse(int(ti.lcue))<<1|b2u(ti.lthat))
		}
		if ti.rcue > 0 {
			t.addRun(r, &rcueW, tRCueW, ti.rcueH, coarse(int(ti.rcue))<<1|b2u(ti.rcomma))
		}
		if ti.clauseW != 0 {
			t.addRun(r, &clause, tClause, ti.clauseW, coarse(int(ti.clauseD)))
		}
		pe = e
	}
	return st
}
