package ner

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestDevThroughputCPU reports tagging speed per CPU second of the tagging thread, which,
// unlike wall time, stays meaningful on a machine shared with other jobs.
func TestDevThroughputCPU(t *testing.T) {
	f, err := os.Open("../../shared/eval/ner/conll2003-dev.txt")
	if err != nil {
		t.Skip("skipping: CoNLL-2003 dev set not found at ../shared/eval/ner/conll2003-dev.txt")
	}
	defer f.Close()
	sents, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	tg := Default()
	tags := make([]string, 256)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	ntok := 0
	for rep := 0; rep < 5; rep++ {
		for _, s := range sents {
			tg.TagInto(s.Words, tags)
			ntok += len(s.Words)
		}
	}
	t.Logf("tagged %d tokens at %.0f tokens per CPU second", ntok, float64(ntok)/(cpu()-start).Seconds())
}
