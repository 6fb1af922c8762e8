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
