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
	viterbiIntRef(n, st, tr, s.back, s.tags)
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

func checkSame(t *testing.T, tg *Tagger, cached *scratch, words []string) {
	t.Helper()
	tagsA, stA, trA := scores(tg, words, &scratch{}, tg.tagViterbiRef)
	tagsB, stB, trB := scores(tg, words, cached, tg.tagViterbi)
	if !slices.Equal(tagsA, tagsB) || !slices.Equal(stA, stB) || !slices.Equal(trA, trB) {
		t.Fatalf("cached decoder differs on %q:\ntags %v\n vs  %v", words, tagsA, tagsB)
	}
}

func TestCacheMatchesReference(t *testing.T) {
	tg := Default()
	cached := &scratch{} // shared, so later sentences hit (and evict) earlier words
	sents := benchWords()
	sents = append(sents, []string{}, []string{"Paris"}, []string{"Mr", "."},
		strings.Fields("a-very-long-hyphenated-word-beyond-the-cache-key Berg said"),
		strings.Fields("FLOODS HIT NORTHERN ITALY AS ROME BRACES FOR STORM"))
	for _, s := range sents {
		checkSame(t, tg, cached, s)
		checkSame(t, tg, cached, s) // now from the cache
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
		checkSame(t, tg, cached, s.Words)
	}
	t.Logf("%d dev sentences scored identically", len(dev))
}

func FuzzCacheMatchesReference(f *testing.F) {
	for _, s := range benchWords() {
		f.Add(strings.Join(s, "\x00"))
	}
	f.Add("\xff\xfe\x00’s\x00“")
	tg := Default()
	cached := &scratch{}
	f.Fuzz(func(t *testing.T, joined string) {
		checkSame(t, tg, cached, strings.Split(joined, "\x00"))
	})
}

// viterbiIntRef is the plain search that viterbiInt unrolls.
func viterbiIntRef(n int, static []int32, trans []int32, back []int8, out []int) {
	const neg = -1 << 60
	var cur, next [nTags]int64
	for t := 0; t < nTags; t++ {
		cur[t] = neg
		if allowed(tagBOS, t) {
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
			if best != neg {
				best += int64(st[t])
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
			checkSame(t, tg, cached, sent)
			sent = sent[:0]
		}
		if i > 3*maxShorts {
			t.Fatalf("short table holds %d rows after %d shapes", len(cached.shortRows), i)
		}
	}
	checkSame(t, tg, cached, strings.Fields("Anna Berg said the ≈≈ talks would resume in Oslo"))
	if len(cached.shortRows) != maxShorts {
		t.Errorf("short table holds %d rows, want the cap %d", len(cached.shortRows), maxShorts)
	}
}
