package attrib

import (
	"math/rand"
	"testing"
)

// viterbiRef is the plain loop viterbi replaced: every allowed previous tag in order.
func viterbiRef(n int, st []int32, trans *[NTags + 1][NTags]int32, back []int8, out []int) {
	const neg = -1 << 50
	var cur, next [NTags]int64
	for c := 0; c < NTags; c++ {
		cur[c] = neg
		if Allowed(tagBOS, c) {
			cur[c] = int64(st[c]) + int64(trans[tagBOS][c])
		}
	}
	for i := 1; i < n; i++ {
		for c := 0; c < NTags; c++ {
			best, arg := int64(neg), 0
			for p := 0; p < NTags; p++ {
				if !Allowed(p, c) {
					continue
				}
				if v := cur[p] + int64(trans[p][c]); v > best {
					best, arg = v, p
				}
			}
			next[c] = best + int64(st[i*NTags+c])
			back[i*NTags+c] = int8(arg)
		}
		cur = next
	}
	best := 0
	for c := 1; c < NTags; c++ {
		if cur[c] > cur[best] {
			best = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*NTags+best])
	}
}

// TestViterbi compares viterbi with viterbiRef on random scores, small ones (many ties)
// and large ones.
func TestViterbi(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for it := 0; it < 20000; it++ {
		n := 1 + rng.Intn(40)
		span := int32(3)
		if it%2 == 1 {
			span = 1 << 20
		}
		st := make([]int32, n*NTags)
		for k := range st {
			st[k] = rng.Int31n(2*span) - span
		}
		var tr [NTags + 1][NTags]int32
		for p := range tr {
			for c := range tr[p] {
				tr[p][c] = rng.Int31n(2*span) - span
			}
		}
		got, want := make([]int, n), make([]int, n)
		viterbi(n, st, &tr, make([]int8, n*NTags), got)
		viterbiRef(n, st, &tr, make([]int8, n*NTags), want)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("case %d: tags %v, want %v", it, got, want)
			}
		}
	}
}

func benchViterbi(b *testing.B, f func(int, []int32, *[NTags + 1][NTags]int32, []int8, []int)) {
	rng := rand.New(rand.NewSource(3))
	const n = 30
	st := make([]int32, n*NTags)
	for k := range st {
		st[k] = rng.Int31n(200000) - 100000
	}
	d := Default()
	back, out := make([]int8, n*NTags), make([]int, n)
	for i := 0; i < b.N; i++ {
		f(n, st, &d.trans, back, out)
	}
}

func BenchmarkViterbi(b *testing.B) { benchViterbi(b, viterbi) }
