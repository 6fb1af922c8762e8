package ner

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// tagViterbiRef is the decoder without the word cache, feature by feature as in training:
// the reference that the cached tagViterbi must match score for score.
func (t *Tagger) tagViterbiRef(words []string, s *scratch) []int {
	sf := s.prepare(words, t.gaz)
	n := len(s.ts)
	if n == 0 {
		return s.tags
	}
	st, tr := s.st[:n*nTags], s.tr[:n*nPrev*nTags]
	clear(st)
	var feats [maxStatic]uint64
	var d [maxDyn1]uint64
	for i := range s.ts {
		sc := st[i*nTags : (i+1)*nTags]
		m := staticFeatures(s.ts, i, sf, &feats)
		for _, k := range feats[:m] {
			t.addRow(sc, k)
		}
		for p := 0; p < nPrev; p++ {
			if (i == 0) != (p == tagBOS) {
				continue
			}
			sc := tr[(i*nPrev+p)*nTags : (i*nPrev+p+1)*nTags]
			copy(sc, t.trans[p][:])
			dyn1Features(&s.ts[i], p, &d)
			for _, k := range d[1:] { // d[0], the bare bigram, is in t.trans
				t.addRow(sc, k)
			}
		}
	}
	viterbiIntRef(n, nil, st, tr, s.back, s.tags)
	return s.tags
}

// scores runs decode on words with a fresh scratch and returns the tags and the scores the
// decoder read: all static scores, the BOS history of the first token and the real-tag
// histories of the others.
func scores(t *Tagger, words []string, s *scratch, decode func([]string, *scratch) []int) (tags []int, st, tr []int32) {
	tags = slices.Clone(decode(words, s))
	n := len(words)
	st = slices.Clone(s.st[:n*nTags])
	for i := 0; i < n; i++ {
		if i == 0 {
			tr = append(tr, s.tr[tagBOS*nTags:(tagBOS+1)*nTags]...)
			continue
		}
		tr = append(tr, s.tr[i*nPrev*nTags:(i*nPrev+nTags)*nTags]...)
	}
	return tags, st, tr
}

// checkSame checks the cached decoder against the reference: without forcing (cached) it
// must give every score and tag of the reference; with forcing (skipping) the scores of
// every scored token, the history scores into O of each forced token after a scored one,
// and the tags of the reference search with only O allowed at the forced tokens.
func checkSame(t *testing.T, tg *Tagger, cached, skipping *scratch, words []string) {
	t.Helper()
	ref := &scratch{}
	tagsA, stA, trA := scores(tg, words, ref, tg.tagViterbiRef)
	noSkip := func(w []string, s *scratch) []int { return tg.tagViterbiSkip(w, s, 0) }
	tagsB, stB, trB := scores(tg, words, cached, noSkip)
	if !slices.Equal(tagsA, tagsB) || !slices.Equal(stA, stB) || !slices.Equal(trA, trB) {
		t.Fatalf("cached decoder differs on %q:\ntags %v\n vs  %v", words, tagsA, tagsB)
	}
	if skipping == nil || len(words) == 0 {
		return
	}
	tagsC := slices.Clone(tg.tagViterbi(words, skipping))
	n := len(words)
	forced := make([]bool, n)
	for i := range forced {
		forced[i] = skipping.mode[i] != modeScored
		if forced[i] && tagsC[i] != 0 {
			t.Fatalf("forced token %d of %q tagged %s", i, words, tagNames[tagsC[i]])
		}
	}
	for i := 0; i < n; i++ {
		var a, c []int32
		switch {
		case !forced[i]:
			a, c = stA[i*nTags:(i+1)*nTags], skipping.st[i*nTags:(i+1)*nTags]
			if !slices.Equal(a, c) {
				break
			}
			if i == 0 {
				a, c = ref.tr[tagBOS*nTags:(tagBOS+1)*nTags], skipping.tr[tagBOS*nTags:(tagBOS+1)*nTags]
			} else {
				a, c = ref.tr[i*nPrev*nTags:(i*nPrev+nTags)*nTags], skipping.tr[i*nPrev*nTags:(i*nPrev+nTags)*nTags]
			}
		case i > 0 && !forced[i-1]:
			for p := 0; p < nTags; p++ {
				a = append(a, ref.tr[(i*nPrev+p)*nTags])
				c = append(c, skipping.tr[(i*nPrev+p)*nTags])
			}
		}
		if !slices.Equal(a, c) {
			t.Fatalf("skipping decoder scores token %d of %q differently", i, words)
		}
	}
	tagsD := make([]int, n)
	viterbiIntRef(n, forced, ref.st, ref.tr, make([]int8, n*nTags), tagsD)
	if !slices.Equal(tagsC, tagsD) {
		t.Fatalf("skipping decoder differs from the constrained reference on %q:\ntags %v\n vs  %v", words, tagsD, tagsC)
	}
}

func TestCacheMatchesReference(t *testing.T) {
	tg := Default()
	cached := &scratch{} // shared, so later sentences hit (and evict) earlier words
	skipping := &scratch{}
	sents := benchWords()
	sents = append(sents, []string{}, []string{"Paris"}, []string{"Mr", "."},
		strings.Fields("a-very-long-hyphenated-word-beyond-the-cache-key Berg said"),
		strings.Fields("FLOODS HIT NORTHERN ITALY AS ROME BRACES FOR STORM"))
	for _, s := range sents {
		checkSame(t, tg, cached, skipping, s)
		checkSame(t, tg, cached, skipping, s) // now from the cache
	}
	f, err := os.Open("../../shared/eval/ner/conll2003-dev.txt")
	if err != nil {
		t.Log("CoNLL dev set not found at ../shared/eval/ner; checked the built-in sentences only")
		return
	}
	defer f.Close()
	dev, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range dev {
		checkSame(t, tg, cached, skipping, s.Words)
	}
	t.Logf("%d dev sentences scored identically", len(dev))
}

func FuzzCacheMatchesReference(f *testing.F) {
	for _, s := range benchWords() {
		f.Add(strings.Join(s, "\x00"))
	}
	f.Add("\xff\xfe\x00’s\x00“")
	tg := Default()
	cached, skipping := &scratch{}, &scratch{}
	f.Fuzz(func(t *testing.T, joined string) {
		checkSame(t, tg, cached, skipping, strings.Split(joined, "\x00"))
	})
}

// viterbiIntRef is the plain search that viterbiInt unrolls; tokens marked in forced (if
// not nil) may only be O.
func viterbiIntRef(n int, forced []bool, static []int32, trans []int32, back []int8, out []int) {
	const neg = -1 << 60
	var cur, next [nTags]int64
	only := func(i, t int) bool { return forced == nil || !forced[i] || t == 0 }
	for t := 0; t < nTags; t++ {
		cur[t] = neg
		if allowed(tagBOS, t) && only(0, t) {
			cur[t] = int64(static[t]) + int64(trans[tagBOS*nTags+t])
		}
	}
	for i := 1; i < n; i++ {
		st := static[i*nTags : (i+1)*nTags]
		tr := trans[i*nPrev*nTags : (i+1)*nPrev*nTags]
		for t := 0; t < nTags; t++ {
			best, arg := int64(neg), 0
			for p := 0; p < nTags; p++ {
				if cur[p] == neg || !allowed(p, t) {
					continue
				}
				if v := cur[p] + int64(tr[p*nTags+t]); v > best {
					best, arg = v, p
				}
			}
			if best != neg && only(i, t) {
				best += int64(st[t])
			} else {
				best = neg
			}
			next[t] = best
			back[i*nTags+t] = int8(arg)
		}
		cur = next
	}
	best := 0
	for t := 1; t < nTags; t++ {
		if cur[t] > cur[best] {
			best = t
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*nTags+best])
	}
}

// The embedded model carries its filters: without them the decoder is still exact but
// loses the skipped lookups, so their absence is a defect worth catching.
func TestEmbeddedFilters(t *testing.T) {
	tg := Default()
	var ti tokInfo
	lower := func(w string) uint64 { analyse(w, &ti, nil); return ti.lower }
	for _, c := range []struct {
		word  string
		known bool
	}{{"the", true}, {"Minister", true}, {"zqxvbnmpl", false}, {"Hrvatskoslavonia", false}} {
		if got := tg.known(lower(c.word)); got != c.known {
			t.Errorf("known(%q) = %v, want %v", c.word, got, c.known)
		}
	}
	if tg.pairKnown(lower("zqxvbnmpl"), lower("qqwwee")) {
		t.Error("an unseen word pair passes the pair filter")
	}
	if len(tg.vocab.fps) < 10000 || len(tg.pairs.fps) < 1000 {
		t.Errorf("filters hold %d words and %d pairs; the model was saved without them?", len(tg.vocab.fps), len(tg.pairs.fps))
	}
}

// Past maxShorts distinct short shapes, words are decoded from a transient row and not
// cached; the scores must not change.
func TestCacheShortTableFull(t *testing.T) {
	tg := Default()
	cached := &scratch{}
	var sent []string
	for i := 0; len(cached.shortRows) < maxShorts || i < maxShorts+600; i++ {
		// Two symbols from disjoint ranges give a new short shape each time.
		w := "Ab" + string(rune(0x2200+i%200)) + string(rune(0x2500+i/200))
		sent = append(sent, w, "said")
		if len(sent) >= 40 {
			checkSame(t, tg, cached, nil, sent)
			sent = sent[:0]
		}
		if i > 3*maxShorts {
			t.Fatalf("short table holds %d rows after %d shapes", len(cached.shortRows), i)
		}
	}
	checkSame(t, tg, cached, nil, strings.Fields("Anna Berg said the ≈≈ talks would resume in Oslo"))
	checkSame(t, tg, cached, cached, strings.Fields("Anna Berg said that the ≈≈ talks would resume in Oslo"))
	if len(cached.shortRows) != maxShorts {
		t.Errorf("short table holds %d rows, want the cap %d", len(cached.shortRows), maxShorts)
	}
}
