package parse

// Tagger feature templates.
const (
	tBias = iota + 1
	tWord
	tLower
	tSuf1
	tSuf2
	tSuf3
	tPre
	tShape
	tFirstShape
	tLowerM1
	tLowerM2
	tLowerP1
	tLowerP2
	tSufM1
	tSufP1
	tShapeM1
	tShapeP1
	tPrev
	tPrev2
	tPrevWord
	tPrevNext
	tDict
	tSuf4
	tPre3
	tBiM1
	tBiP1
	tPrevSuf
)

const nTagStatic, nTagDyn = 21, 5

// tagStatic writes the history-free features of token i.
func tagStatic(ts []tok, i int, f *[nTagStatic]uint64) {
	t := &ts[i]
	at := func(j int) *tok {
		if j < 0 || j >= len(ts) {
			return &edgeTok
		}
		return &ts[j]
	}
	m1, m2, p1, p2 := at(i-1), at(i-2), at(i+1), at(i+2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	*f = [nTagStatic]uint64{
		k1(tBias, 0),
		k1(tWord, t.word),
		k1(tLower, t.lower),
		k1(tSuf1, t.suf[0]),
		k1(tSuf2, t.suf[1]),
		k1(tSuf3, t.suf[2]),
		k1(tPre, t.pre),
		k1(tShape, t.shape),
		k2(tFirstShape, first, t.shape),
		k1(tLowerM1, m1.lower),
		k1(tLowerM2, m2.lower),
		k1(tLowerP1, p1.lower),
		k1(tLowerP2, p2.lower),
		k1(tSufM1, m1.suf[2]),
		k1(tSufP1, p1.suf[2]),
		k1(tShapeM1, m1.shape),
		k1(tShapeP1, p1.shape),
		k1(tSuf4, t.suf4),
		k1(tPre3, t.pre3),
		k2(tBiM1, m1.lower, t.lower),
		k2(tBiP1, t.lower, p1.lower),
	}
}

// edgeTok stands for the tokens before and after the sentence.
var edgeTok = tok{suf4: hashNone, pre3: hashNone, word: hashNone, lower: hashNone, suf: [3]uint64{hashNone, hashNone, hashNone}, pre: hashNone, shape: hashNone}

// tagDyn writes the features of token i that look at the two previous tags (history
// values are tag+1, 0 before the sentence).
func tagDyn(ts []tok, i int, prev, prev2 uint64, f *[nTagDyn]uint64) {
	next := hashNone
	if i+1 < len(ts) {
		next = ts[i+1].lower
	}
	*f = [nTagDyn]uint64{
		k1(tPrev, prev),
		k2(tPrev2, prev, prev2),
		k2(tPrevWord, prev, ts[i].lower),
		k2(tPrevNext, prev, next),
		k2(tPrevSuf, prev, ts[i].suf[2]),
	}
}

func dictKey(t *tok) uint64 { return k1(tDict, t.word) }

// tag writes the tag of each token of s.toks into s.tags.
func (p *Parser) tag(s *Scratch) {
	var fs [nTagStatic]uint64
	var fd [nTagDyn]uint64
	prev, prev2 := uint64(0), uint64(0)
	for i := range s.toks {
		var best uint8
		if d := p.dict.Lookup(dictKey(&s.toks[i])); d != nil {
			best = *d
		} else {
			var sc [maxClasses]int32
			tagStatic(s.toks, i, &fs)
			for _, k := range fs {
				p.tagger.add(&sc, k)
			}
			tagDyn(s.toks, i, prev, prev2, &fd)
			for _, k := range fd {
				p.tagger.add(&sc, k)
			}
			best = argmax(sc[:len(p.tags)])
		}
		s.tags[i] = best
		prev2, prev = prev, uint64(best)+1
	}
}

func argmax(sc []int32) uint8 {
	b := 0
	for j := 1; j < len(sc); j++ {
		if sc[j] > sc[b] {
			b = j
		}
	}
	return uint8(b)
}
