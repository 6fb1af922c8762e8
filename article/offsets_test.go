package article

import "testing"

func TestOffsetMap(t *testing.T) {
	tests := []struct {
		text string
		b    int
		want int
	}{
		{"abc", 2, 2},
		{"héllo", 3, 2}, // é is two bytes
		{"héllo", 6, 5},
		{"“Hi”", 3, 1},
		{"“Hi”", 5, 3},
		{"“Hi”", 1, 0}, // inside a rune maps to its start
	}
	for _, tc := range tests {
		if got := NewOffsetMap(tc.text).Rune(tc.b); got != tc.want {
			t.Errorf("Rune(%q, %d) = %d, want %d", tc.text, tc.b, got, tc.want)
		}
	}
}

// Every byte offset maps to the number of code points that start before it, and an offset
// inside a multi-byte character to that character's start, as counting runes does.
func FuzzOffsetMap(f *testing.F) {
	f.Add("héllo “Hi” \xff end")
	f.Fuzz(func(t *testing.T, s string) {
		m := NewOffsetMap(s)
		n := 0
		for i := range s { // i: the byte where each character starts
			if got := m.Rune(i); got != n {
				t.Fatalf("Rune(%q, %d) = %d, want %d", s, i, got, n)
			}
			n++
		}
		if got := m.Rune(len(s)); got != n {
			t.Fatalf("Rune(%q, end) = %d, want %d", s, got, n)
		}
	})
}
