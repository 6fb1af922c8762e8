package article

import "unicode/utf8"

// OffsetMap converts byte offsets in a string to code-point offsets. It is built once per
// text; for pure-ASCII text it stores nothing and converts in O(1).
type OffsetMap struct {
	runes []int32 // runes[b] = code points before byte b; nil when the text is ASCII
}

// NewOffsetMap builds the map for s.
func NewOffsetMap(s string) OffsetMap {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return OffsetMap{}
	}
	m := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf { // most of the text even when some of it is not ASCII
			m[i] = n
			i++
			n++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			m[i+k] = n
		}
		i += size
		n++
	}
	m[len(s)] = n
	return OffsetMap{runes: m}
}

// Rune returns the code-point offset of byte offset b. An offset inside a multi-byte
// character maps to that character's start.
func (m OffsetMap) Rune(b int) int {
	if m.runes == nil {
		return b
	}
	if b < 0 {
		return 0
	}
	if b >= len(m.runes) {
		return int(m.runes[len(m.runes)-1])
	}
	return int(m.runes[b])
}
