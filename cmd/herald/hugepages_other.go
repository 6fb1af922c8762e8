//go:build !linux

package main

// hugeHeap is a no-op where transparent huge pages are not Linux's (see hugepages_linux.go).
func hugeHeap() (stop func()) { return func() {} }
