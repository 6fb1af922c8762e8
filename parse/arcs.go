package parse

// The transition system is arc-hybrid with the root node at the end of the buffer
// (index n): SHIFT moves the buffer's front b0 onto the stack, LEFT makes b0 the head of
// the stack top s0 and pops it, RIGHT makes the next stack item s1 the head of s0 and pops
// it. Putting the root last lets a word become the root only once everything before it has
// been attached, and the rule below (LEFT onto the root only from a one-item stack) makes
// every tree have exactly one root.

const (
	mShift = iota
	mLeft
	mRight
	nMoves
)

// state is a parser configuration. Arrays are indexed by token, with the root at n.
type state struct {
	n     int32
	stack []int32
	b     int32
	heads []int32
	// The two leftmost and two rightmost dependents so far, -1 for none.
	lc1, lc2, rc1, rc2 []int32
	nl, nr             []uint8 // left and right dependents so far (saturating)
}

func (st *state) reset(n int) {
	st.n, st.b = int32(n), 0
	st.stack = st.stack[:0]
	grow := func(a []int32) []int32 {
		if cap(a) < n+1 {
			a = make([]int32, n+1, n+16)
		}
		a = a[:n+1]
		for i := range a {
			a[i] = -1
		}
		return a
	}
	st.heads, st.lc1, st.lc2, st.rc1, st.rc2 = grow(st.heads), grow(st.lc1), grow(st.lc2), grow(st.rc1), grow(st.rc2)
	if cap(st.nl) < n+1 {
		st.nl, st.nr = make([]uint8, n+1, n+16), make([]uint8, n+1, n+16)
	}
	st.nl, st.nr = st.nl[:n+1], st.nr[:n+1]
	clear(st.nl)
	clear(st.nr)
}

func (st *state) done() bool { return st.b == st.n && len(st.stack) == 0 }

// valid reports which moves are allowed.
func (st *state) valid() (ok [nMoves]bool) {
	ns := len(st.stack)
	ok[mShift] = st.b < st.n
	ok[mLeft] = ns > 0 && (st.b < st.n || ns == 1)
	ok[mRight] = ns > 1
	return ok
}

func (st *state) apply(m int) {
	switch m {
	case mShift:
		st.stack = append(st.stack, st.b)
		st.b++
	case mLeft:
		d := st.pop()
		st.attach(st.b, d)
	case mRight:
		d := st.pop()
		st.attach(st.stack[len(st.stack)-1], d)
	}
}

func (st *state) pop() int32 {
	d := st.stack[len(st.stack)-1]
	st.stack = st.stack[:len(st.stack)-1]
	return d
}

func (st *state) attach(h, d int32) {
	st.heads[d] = h
	if d < h {
		// Left dependents arrive nearest first, so each new one is the leftmost.
		st.lc2[h], st.lc1[h] = st.lc1[h], d
		if st.nl[h] < 255 {
			st.nl[h]++
		}
	} else {
		st.rc2[h], st.rc1[h] = st.rc1[h], d
		if st.nr[h] < 255 {
			st.nr[h]++
		}
	}
}

// costs returns, for each valid move, the number of gold arcs it makes unreachable
// (Goldberg and Nivre's dynamic oracle for arc-hybrid; exact for projective gold trees).
// gold[i] is the gold head of i, n for the root.
func (st *state) costs(gold []int32, ok [nMoves]bool) (c [nMoves]int) {
	b, n := st.b, st.n
	ns := len(st.stack)
	if ok[mShift] {
		// b0 can no longer take dependents from the stack, nor a head below s0.
		for k, s := range st.stack {
			if gold[s] == b {
				c[mShift]++
			}
			if gold[b] == s && k < ns-1 {
				c[mShift]++
			}
		}
	}
	if ok[mLeft] || ok[mRight] {
		s0 := st.stack[ns-1]
		// Popping s0 loses its dependents still in the buffer.
		lost := 0
		for k := b; k < n; k++ {
			if gold[k] == s0 {
				lost++
			}
		}
		g := gold[s0]
		if ok[mLeft] {
			c[mLeft] = lost
			if g != b && (ns > 1 && g == st.stack[ns-2] || g > b) {
				c[mLeft]++
			}
		}
		if ok[mRight] {
			c[mRight] = lost
			if g >= b {
				c[mRight]++
			}
		}
	}
	return c
}

// Transition feature templates.
const (
	aBias = iota + 100
	aS0w
	aS0t
	aS0wt
	aS1w
	aS1t
	aS1wt
	aN0w
	aN0t
	aN0wt
	aN1w
	aN1t
	aN1wt
	aN2t
	aS2t
	aS0wtN0wt
	aS0wtN0w
	aS0wN0wt
	aS0wtN0t
	aS0tN0wt
	aS0wN0w
	aS0tN0t
	aN0tN1t
	aN0tN1tN2t
	aS0tN0tN1t
	aS1tS0tN0t
	aS2tS1tS0t
	aS1tS0t
	aS1wS0w
	aS1tS0w
	aS1wS0t
	aS0tLc1N0t
	aS0tRc1N0t
	aS0tN0tLc1
	aS0Lc
	aS0Rc
	aN0Lc
	aS1Rc
	aS0wNr
	aS0tNr
	aS0tNl
	aN0tNl
	aN0wNl
	aS0tN0tD
	aS0wD
	aN0wD
	aS1tS0tD
	aS0Lc1w
	aS0Rc1w
	aN0Lc1w
)

const nArcFeat = aN0Lc1w - aBias + 1

// tagRoot and tagNone are the tag values of the root node and of an empty position (tag
// values of words are tag+1).
const (
	tagNone = 0
	tagRoot = 250
)

// features writes the features of the configuration; words are the lower-case hashes and
// tags the tag values (tag+1) of the sentence's tokens.
func (st *state) features(words, tags []uint64, f *[nArcFeat]uint64) {
	n := st.n
	w := func(i int32) uint64 {
		switch {
		case i < 0 || i > n:
			return hashNone
		case i == n:
			return hashRoot
		}
		return words[i]
	}
	t := func(i int32) uint64 {
		switch {
		case i < 0 || i > n:
			return tagNone
		case i == n:
			return tagRoot
		}
		return tags[i]
	}
	ns := len(st.stack)
	s := func(k int) int32 {
		if k < ns {
			return st.stack[ns-1-k]
		}
		return -1
	}
	kid := func(a []int32, i int32) int32 {
		if i < 0 || i > n {
			return -1
		}
		return a[i]
	}
	cnt := func(a []uint8, i int32) uint64 {
		if i < 0 {
			return 0
		}
		return uint64(a[i])
	}
	s0, s1, s2 := s(0), s(1), s(2)
	n0, n1, n2 := st.b, st.b+1, st.b+2
	s0w, s0t, s1w, s1t := w(s0), t(s0), w(s1), t(s1)
	n0w, n0t, n1w, n1t := w(n0), t(n0), w(n1), t(n1)
	n2t, s2t := t(n2), t(s2)
	dist := uint64(0)
	if s0 >= 0 {
		dist = uint64(min(n0-s0, 6))
	}
	d10 := uint64(0)
	if s1 >= 0 {
		d10 = uint64(min(s0-s1, 6))
	}
	lc1, lc2, rc1, rc2 := kid(st.lc1, s0), kid(st.lc2, s0), kid(st.rc1, s0), kid(st.rc2, s0)
	nlc1, nlc2 := kid(st.lc1, n0), kid(st.lc2, n0)
	s1rc := kid(st.rc1, s1)
	tt := func(a, b uint64) uint64 { return a<<8 | b }
	*f = [nArcFeat]uint64{
		k1(aBias, 0),
		k1(aS0w, s0w),
		k1(aS0t, s0t),
		k2(aS0wt, s0w, s0t),
		k1(aS1w, s1w),
		k1(aS1t, s1t),
		k2(aS1wt, s1w, s1t),
		k1(aN0w, n0w),
		k1(aN0t, n0t),
		k2(aN0wt, n0w, n0t),
		k1(aN1w, n1w),
		k1(aN1t, n1t),
		k2(aN1wt, n1w, n1t),
		k1(aN2t, n2t),
		k1(aS2t, s2t),
		k3(aS0wtN0wt, s0w, n0w, tt(s0t, n0t)),
		k3(aS0wtN0w, s0w, s0t, n0w),
		k3(aS0wN0wt, s0w, n0w, n0t),
		k3(aS0wtN0t, s0w, s0t, n0t),
		k3(aS0tN0wt, s0t, n0w, n0t),
		k2(aS0wN0w, s0w, n0w),
		k1(aS0tN0t, tt(s0t, n0t)),
		k1(aN0tN1t, tt(n0t, n1t)),
		k1(aN0tN1tN2t, tt(tt(n0t, n1t), n2t)),
		k1(aS0tN0tN1t, tt(tt(s0t, n0t), n1t)),
		k1(aS1tS0tN0t, tt(tt(s1t, s0t), n0t)),
		k1(aS2tS1tS0t, tt(tt(s2t, s1t), s0t)),
		k1(aS1tS0t, tt(s1t, s0t)),
		k2(aS1wS0w, s1w, s0w),
		k2(aS1tS0w, s1t, s0w),
		k2(aS1wS0t, s1w, s0t),
		k1(aS0tLc1N0t, tt(tt(s0t, t(lc1)), n0t)),
		k1(aS0tRc1N0t, tt(tt(s0t, t(rc1)), n0t)),
		k1(aS0tN0tLc1, tt(tt(s0t, n0t), t(nlc1))),
		k1(aS0Lc, tt(tt(s0t, t(lc1)), t(lc2))),
		k1(aS0Rc, tt(tt(s0t, t(rc1)), t(rc2))),
		k1(aN0Lc, tt(tt(n0t, t(nlc1)), t(nlc2))),
		k1(aS1Rc, tt(tt(s1t, t(s1rc)), s0t)),
		k2(aS0wNr, s0w, cnt(st.nr, s0)),
		k1(aS0tNr, tt(s0t, cnt(st.nr, s0))),
		k1(aS0tNl, tt(s0t, cnt(st.nl, s0))),
		k1(aN0tNl, tt(n0t, cnt(st.nl, n0))),
		k2(aN0wNl, n0w, cnt(st.nl, n0)),
		k1(aS0tN0tD, tt(tt(s0t, n0t), dist)),
		k2(aS0wD, s0w, dist),
		k2(aN0wD, n0w, dist),
		k1(aS1tS0tD, tt(tt(s1t, s0t), d10)),
		k2(aS0Lc1w, s0t, w(lc1)),
		k2(aS0Rc1w, s0t, w(rc1)),
		k2(aN0Lc1w, n0t, w(nlc1)),
	}
}
