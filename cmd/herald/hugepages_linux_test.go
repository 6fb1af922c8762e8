package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHugeHeap checks that heap memory allocated after hugeHeap lies in a mapping marked
// for huge pages ("hg" in its VmFlags).
func TestHugeHeap(t *testing.T) {
	if b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil || strings.Contains(string(b), "[never]") {
		t.Skip("no transparent huge pages")
	}
	stop := hugeHeap()
	defer stop()
	b := make([]byte, 4<<20)
	addr := uintptr(unsafe.Pointer(&b[0]))
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	in := false
	for _, l := range strings.Split(string(smaps), "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":") {
			lo, hi, _ := strings.Cut(f[0], "-")
			a, err1 := strconv.ParseUint(lo, 16, 64)
			z, err2 := strconv.ParseUint(hi, 16, 64)
			in = err1 == nil && err2 == nil && uint64(addr) >= a && uint64(addr) < z
			continue
		}
		if in && strings.HasPrefix(l, "VmFlags:") {
			if !strings.Contains(l, " hg") {
				t.Errorf("heap mapping of %#x not marked for huge pages: %s", addr, l)
			}
			return
		}
	}
	t.Errorf("no mapping found for %#x", addr)
}
