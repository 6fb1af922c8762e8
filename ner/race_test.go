//go:build race

package ner

// raceEnabled: the race detector makes sync.Pool drop items at random, so allocation
// counts through pooled scratch space mean nothing under it.
const raceEnabled = true
