package weights

import "testing"

func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

func TestTable(t *testing.T) {
	var keys []uint64
	for i := uint64(1); i <= 1000; i++ {
		keys = append(keys, mix(i))
	}
	tab := New(keys, func(i int) [3]int16 { return [3]int16{int16(i), int16(-i), 7} })
	for i, k := range keys {
		w := tab.Lookup(k)
		if w == nil || *w != [3]int16{int16(i), int16(-i), 7} {
			t.Fatalf("key %d: row %v", i, w)
		}
	}
	for i := uint64(1001); i <= 3000; i++ {
		if w := tab.Lookup(mix(i)); w != nil {
			t.Fatalf("absent key %d found with row %v", i, *w)
		}
	}
	// A key whose high half is 0 gets fingerprint 1, and is still found.
	z := New([]uint64{5}, func(int) [1]int16 { return [1]int16{9} })
	if w := z.Lookup(5); w == nil || w[0] != 9 {
		t.Fatalf("zero-fingerprint key: %v", w)
	}
}

func TestKeys(t *testing.T) {
	if Key2(7, 1, 2) == Key2(7, 2, 1) {
		t.Error("Key2 ignores the order of its pair")
	}
	if Key(7, 1) == Key(8, 1) || Key(7, 1) == Key(7, 2) {
		t.Error("Key collides on neighbouring templates or values")
	}
}
