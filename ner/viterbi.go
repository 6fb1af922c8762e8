package ner

// Viterbi decoding over tag bigrams. Scores are kept per token as static[t] plus
// trans[p][t], where trans comes from the first-order history features; nPrev counts the
// "before the sentence" history as a tag.

const nPrev = nTags + 1

// viterbiInt finds the best IOB2-valid tag sequence; static and trans hold n*nTags and
// n*nPrev*nTags scores, back is scratch of n*nTags.
func viterbiInt(n int, static []int32, trans []int32, back []int8, out []int) {
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
