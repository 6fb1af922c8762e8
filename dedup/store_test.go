package dedup

import "testing"

// The first chunk grows by doubling; indexes must stay valid across its growth and into
// the full-size chunks after it.
func TestVec32Growth(t *testing.T) {
	var v vec32
	n := uint32(chunkSize + 3*firstChunk + 5)
	for i := range n {
		if got := v.push(i * 3); got != i {
			t.Fatalf("push %d returned %d", i, got)
		}
	}
	v.set(7, 1)
	for i := range n {
		want := i * 3
		if i == 7 {
			want = 1
		}
		if got := v.get(i); got != want {
			t.Fatalf("get(%d) = %d, want %d", i, got, want)
		}
	}
	if len(v.chunks) != 2 || len(v.chunks[0]) != chunkSize || len(v.chunks[1]) != chunkSize {
		t.Errorf("chunks %d, first %d", len(v.chunks), len(v.chunks[0]))
	}
}

func TestArenaGrowth(t *testing.T) {
	var a arena
	var refs []sigRef
	var want [][]uint32
	for i := range 3000 {
		s := make([]uint32, 1+i%700)
		if i == 5 {
			s = make([]uint32, chunkSize+1) // longer than any chunk
		}
		for j := range s {
			s[j] = uint32(i*1000 + j)
		}
		refs = append(refs, a.put(s))
		want = append(want, s)
	}
	for i, r := range refs {
		got := a.get(r)
		if len(got) != len(want[i]) || got[0] != want[i][0] || got[len(got)-1] != want[i][len(got)-1] {
			t.Fatalf("sample %d read back wrong", i)
		}
	}
	if len(a.chunks[0]) != firstChunk {
		t.Errorf("first chunk %d values, want %d", len(a.chunks[0]), firstChunk)
	}
}
