package lestr

import (
	"encoding/binary"
	"testing"
)

// TestAgainstBinary checks the decoders against encoding/binary's.
func TestAgainstBinary(t *testing.T) {
	b := []byte{0x01, 0x80, 0xff, 0x7f, 0x00, 0x10, 0xfe, 0x42, 0x99}
	for i := 0; i+8 <= len(b); i++ {
		s := string(b[i:])
		if got, want := Uint16(s), binary.LittleEndian.Uint16(b[i:]); got != want {
			t.Errorf("Uint16 at %d = %#x, want %#x", i, got, want)
		}
		if got, want := Uint32(s), binary.LittleEndian.Uint32(b[i:]); got != want {
			t.Errorf("Uint32 at %d = %#x, want %#x", i, got, want)
		}
		if got, want := Uint64(s), binary.LittleEndian.Uint64(b[i:]); got != want {
			t.Errorf("Uint64 at %d = %#x, want %#x", i, got, want)
		}
	}
}
