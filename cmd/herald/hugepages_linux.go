package main

import (
	"os"
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// hugeHeap asks the kernel to back the Go heap with transparent huge pages, for the
// batch commands (extract, ingest), and returns a function that stops it.
//
// On the virtual machines Herald is measured on a page fault costs ~18 µs, and a run's
// first touches of its ~100 MB of heap were ~30,000 faults: about a sixth of the CPU of
// `herald ingest` on the 840 PolNeAR texts (bench/README.md, "Sixth pass"). Linux set
// to transparent_hugepage=madvise (a common default) gives 2 MB pages only to memory
// marked MADV_HUGEPAGE, which the Go runtime no longer does itself.
//
// The runtime maps heap memory as it grows, each mapping new and unmarked, so the heap is
// first grown by a ballast that is dropped at once: its pages, never touched, cost
// nothing, and the allocations that reuse them are in marked memory. The marking is
// renewed every 50 ms for growth past it. HERALD_HUGEPAGES=off turns it off.
func hugeHeap() (stop func()) {
	if os.Getenv("HERALD_HUGEPAGES") == "off" {
		return func() {}
	}
	const (
		ballast = 128 << 20
		arena   = 64 << 20 // the runtime's heap arena on 64-bit Linux
		reach   = 1 << 32  // how far past the ballast growth is marked too
	)
	probe := new([16]byte)
	b := make([]byte, ballast)
	lo := min(uintptr(unsafe.Pointer(probe)), uintptr(unsafe.Pointer(&b[0]))) &^ (arena - 1)
	hi := uintptr(unsafe.Pointer(&b[0])) + ballast + reach
	b = nil
	runtime.GC()
	mark := func() {
		// Unmapped gaps in the range make it fail with ENOMEM after marking the rest.
		syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, 14) // MADV_HUGEPAGE
	}
	mark()
	return every(50*time.Millisecond, mark)
}
