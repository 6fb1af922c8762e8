// Package lestr reads little-endian integers from strings. The binary tables Herald
// embeds (the dictionary's tries in dict, the verb dictionary's vocabulary in event, the
// tagger's gazetteer in ner) are read in place as strings, so that loading them copies
// nothing, and encoding/binary reads only byte slices.
package lestr

// Uint16 decodes the first two bytes of s, which must have them.
func Uint16(s string) uint16 {
	_ = s[1] // one bounds check
	return uint16(s[0]) | uint16(s[1])<<8
}

// Uint32 decodes the first four bytes of s, which must have them.
func Uint32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// Uint64 decodes the first eight bytes of s, which must have them.
func Uint64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
