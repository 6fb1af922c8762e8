package ner

// Viterbi decoding over tag bigrams. Scores are kept per token as static[t] plus
// trans[p][t], where trans comes from the first-order history features; nPrev counts the
// "before the sentence" history as a tag.

const nPrev = nTags + 1

// The tag numbering that viterbiInt unrolls: O first, then B-X, I-X pairs.
var _ = [1]int{}[nTags-9]

// viterbiInt finds the best IOB2-valid tag sequence; static and trans hold n*nTags and
// n*nPrev*nTags scores, back is scratch of n*nTags. start is the tag before the first
// token: tagBOS, or O when decoding resumes after a token forced to O (skip.go). end, if
// not nil, holds the history scores of the token after the last, which is forced to O:
// end[p*nTags] is the score of O after tag p.
//
// It is viterbiFloat's search with the IOB2 constraint unrolled, for speed: O and B-X
// (even and odd tag numbers below I-X's) may follow any tag, I-X only B-X or I-X. Ties go
// to the lowest previous tag, as in viterbiFloat. Only the first token can have
// unreachable tags (I-X after the sentence start or after O); from the second token on
// every tag has a reachable predecessor, so the "unreachable" sentinel, far below any real
// score, never wins a comparison.
func viterbiInt(n, start int, end []int32, static []int32, trans []int32, back []int8, out []int) {
	const neg = -1 << 60
	var cur, next [nTags]int64
	for t := 0; t < nTags; t++ {
		cur[t] = neg
		if allowed(start, t) {
			cur[t] = int64(static[t]) + int64(trans[start*nTags+t])
		}
	}
	for i := 1; i < n; i++ {
		st := static[i*nTags : (i+1)*nTags : (i+1)*nTags]
		tr := trans[i*nPrev*nTags : i*nPrev*nTags+nTags*nTags : i*nPrev*nTags+nTags*nTags]
		bk := back[i*nTags : (i+1)*nTags : (i+1)*nTags]
		for _, t := range [...]int{0, 1, 3, 5, 7} {
			// O and B-X may follow any tag.
			best, arg := cur[0]+int64(tr[t]), 0
			for p := 1; p < nTags; p++ {
				if v := cur[p] + int64(tr[p*nTags+t]); v > best {
					best, arg = v, p
				}
			}
			next[t] = best + int64(st[t])
			bk[t] = int8(arg)
		}
		for t := 2; t < nTags; t += 2 {
			// I-X continues B-X (t-1) or I-X (t).
			best, arg := cur[t-1]+int64(tr[(t-1)*nTags+t]), t-1
			if v := cur[t] + int64(tr[t*nTags+t]); v > best {
				best, arg = v, t
			}
			next[t] = best + int64(st[t])
			bk[t] = int8(arg)
		}
		cur = next
	}
	if end != nil {
		end = end[:nTags*nTags]
		for t := range cur {
			cur[t] += int64(end[t*nTags])
		}
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

// viterbiFloat is viterbiInt for the float weights used while training.
func viterbiFloat(n int, static []float64, trans []float64, back []int8, out []int) {
	const neg = -1e300
	var cur, next [nTags]float64
	for t := 0; t < nTags; t++ {
		cur[t] = neg
		if allowed(tagBOS, t) {
			cur[t] = static[t] + trans[tagBOS*nTags+t]
		}
	}
	for i := 1; i < n; i++ {
		st := static[i*nTags : (i+1)*nTags]
		tr := trans[i*nPrev*nTags : (i+1)*nPrev*nTags]
		for t := 0; t < nTags; t++ {
			best, arg := neg, 0
			for p := 0; p < nTags; p++ {
				if cur[p] == neg || !allowed(p, t) {
					continue
				}
				if v := cur[p] + tr[p*nTags+t]; v > best {
					best, arg = v, p
				}
			}
			if best != neg {
				best += st[t]
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
