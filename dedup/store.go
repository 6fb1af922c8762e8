package dedup

// The index keeps a few hundred bytes per document. Large growing slices are split into
// fixed-size chunks so that growth never copies (and briefly doubles) hundreds of
// megabytes, which matters at a million documents.
//
// The first chunk starts small and doubles up to the full size: five full chunks (four
// vectors and the arena, 20 MiB) made a new index of a few hundred documents count as
// 20 MiB of live heap, and the GC lets the heap grow to twice the live heap before it
// collects, so a short ingest touched that much more fresh memory (page faults).

const (
	chunkBits = 20
	chunkSize = 1 << chunkBits
	chunkMask = chunkSize - 1

	firstChunk = 4096 // values the first chunk starts with
)

// vec32 is an append-only []uint32 stored in chunks.
type vec32 struct {
	chunks [][]uint32
	n      uint32
}

func (v *vec32) push(x uint32) uint32 {
	i := v.n
	c := int(i >> chunkBits)
	if c == len(v.chunks) {
		size := chunkSize
		if c == 0 {
			size = firstChunk
		}
		v.chunks = append(v.chunks, make([]uint32, size))
	} else if int(i&chunkMask) == len(v.chunks[c]) {
		// Only the first chunk can be short: double it.
		v.chunks[c] = append(v.chunks[c], make([]uint32, len(v.chunks[c]))...)
	}
	v.chunks[c][i&chunkMask] = x
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
		// Chunks double from firstChunk up to chunkSize (see above); a sample longer
		// than that gets a chunk of its own size.
		size := firstChunk
		if n := len(a.chunks); n > 0 {
			size = min(2*len(a.chunks[n-1]), chunkSize)
		}
		a.chunks = append(a.chunks, make([]uint32, max(size, len(s))))
		a.used = 0
	}
	c := a.chunks[len(a.chunks)-1]
	copy(c[a.used:], s)
	r := sigRef{uint32(len(a.chunks) - 1), uint32(a.used), uint32(len(s))}
	a.used += len(s)
	return r
}
