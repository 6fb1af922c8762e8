package parse

// Labeller feature templates.
const (
	lBias = iota + 200
	lDt
	lDw
	lDwt
	lHt
	lHw
	lDtHtDir
	lDwHtDir
	lDtHwDir
	lDwHw
	lDtHtDist
	lHrelDt
	lHrelDtHt
	lHtHht
	lFirst
	lComma
	lDSuf
	lKid
	lKidW
	lSib
	lSibW
)

const (
	maxKids  = 6
	nLabFeat = 16 + 2*maxKids + 2*maxKids
)

// labelView is what the labeller sees of a parsed sentence: per token the lower-case word
// hash, the suffix hash, the tag value (tag+1), the head (-1 for the root) and the label so
// far, the children in order (kids[kidOff[i]:kidOff[i+1]]) and the running count of commas.
type labelView struct {
	words, sufs, tags []uint64
	heads             []int32
	rels              []uint8
	kidOff, kids      []int32
	commas            []int32 // commas[i]: commas among tokens 0..i-1
}

// features writes the features of the arc into d and returns how many it wrote.
func (v *labelView) features(d int32, f *[nLabFeat]uint64) int {
	h := v.heads[d]
	dw, dt, hw, ht := v.words[d], v.tags[d], v.words[h], v.tags[h]
	dir := uint64(0)
	if d > h {
		dir = 1
	}
	dist := uint64(min(max(d-h, h-d), 8))
	hrel := uint64(0xff) // the root's label is known: "root"
	hht := uint64(tagRoot)
	if hh := v.heads[h]; hh >= 0 {
		hrel = uint64(v.rels[h])
		hht = v.tags[hh]
	}
	first := uint64(0)
	if d == 0 {
		first = 1
	}
	comma := uint64(0)
	if v.commas[max(d, h)] > v.commas[min(d, h)+1] {
		comma = 1
	}
	tt := func(a, b uint64) uint64 { return a<<8 | b }
	f[0] = k1(lBias, 0)
	f[1] = k1(lDt, dt)
	f[2] = k1(lDw, dw)
	f[3] = k2(lDwt, dw, dt)
	f[4] = k1(lHt, ht)
	f[5] = k1(lHw, hw)
	f[6] = k1(lDtHtDir, tt(tt(dt, ht), dir))
	f[7] = k3(lDwHtDir, dw, ht, dir)
	f[8] = k3(lDtHwDir, dt, hw, dir)
	f[9] = k3(lDwHw, dw, hw, dir)
	f[10] = k1(lDtHtDist, tt(tt(tt(dt, ht), dir), dist))
	f[11] = k1(lHrelDt, tt(hrel, dt))
	f[12] = k1(lHrelDtHt, tt(tt(hrel, dt), ht))
	f[13] = k1(lHtHht, tt(tt(ht, hht), dt))
	f[14] = k1(lFirst, tt(tt(first, dt), ht))
	f[15] = k1(lComma, tt(tt(tt(comma, dt), ht), dir))
	nf := 16
	f[nf] = k2(lDSuf, v.sufs[d], dt)
	nf++
	// d's own dependents: "that" or "to" before a verb, "by" in a passive agent, a case
	// marker under a noun.
	kids := v.kids[v.kidOff[d]:v.kidOff[d+1]]
	for _, c := range kids[:min(len(kids), maxKids)] {
		side := uint64(0)
		if c > d {
			side = 1
		}
		f[nf] = k1(lKid, tt(tt(dt, v.tags[c]), side))
		f[nf+1] = k3(lKidW, dt, v.words[c], side)
		nf += 2
	}
	// The head's other dependents: an auxiliary "was" makes a subject passive, an object
	// already there makes a second noun an iobj or obl.
	sibs := v.kids[v.kidOff[h]:v.kidOff[h+1]]
	ns := 0
	for _, c := range sibs {
		if c == d {
			continue
		}
		if ns == maxKids-1 {
			break
		}
		side := uint64(0)
		if c > d {
			side = 1
		}
		f[nf] = k1(lSib, tt(tt(tt(dt, ht), v.tags[c]), side))
		f[nf+1] = k3(lSibW, dt, v.words[c], side)
		nf += 2
		ns++
	}
	return nf
}
