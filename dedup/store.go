package dedup

// The index keeps a few hundred bytes per document. Large growing slices are split into
// fixed-size chunks so that growth never copies (and briefly doubles) hundreds of
// megabytes, which matters at a million documents.

const (
	chunkBits = 20
	chunkSize = 1 << chunkBits
	chunkMask = chunkSize - 1
)

// vec32 is an append-only []uint32 stored in chunks.
type vec32 struct {
	chunks [][]uint32
	n      uint32
}

func (v *vec32) push(x uint32) uint32 {
	if int(v.n>>chunkBits) == len(v.chunks) {
		v.chunks = append(v.chunks, make([]uint32, chunkSize))
	}
	i := v.n
	v.chunks[i>>chunkBits][i&chunkMask] = x
	v.n++
	return i
}

func (v *vec32) get(i uint32) uint32 { return v.chunks[i>>chunkBits][i&chunkMask] }
func (v *vec32) set(i, x uint32)     { v.chunks[i>>chunkBits][i&chunkMask] = x }

// arena stores each document's sorted sample contiguously, so a comparison reads one
// slice; a sample never straddles two chunks.
type arena struct {
	chunks [][]uint32
	used   int // in the last chunk
}

// sigRef locates one document's sample in the arena.
type sigRef struct{ chunk, off, n uint32 }

func (a *arena) get(r sigRef) []uint32 {
	if r.n == 0 {
		return nil
	}
	return a.chunks[r.chunk][r.off : r.off+r.n]
}

func (a *arena) put(s []uint32) sigRef {
	if len(s) == 0 {
		return sigRef{}
	}
	if len(a.chunks) == 0 || len(a.chunks[len(a.chunks)-1])-a.used < len(s) {
		a.chunks = append(a.chunks, make([]uint32, max(chunkSize, len(s))))
		a.used = 0
	}
	c := a.chunks[len(a.chunks)-1]
	copy(c[a.used:], s)
	r := sigRef{uint32(len(a.chunks) - 1), uint32(a.used), uint32(len(s))}
	a.used += len(s)
	return r
}
