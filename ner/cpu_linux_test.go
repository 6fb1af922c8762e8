package ner

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// BenchmarkDevThroughputCPU reports tagging speed on the CoNLL-2003 dev set per CPU
// second of the tagging thread, which, unlike wall time, stays meaningful on a machine
// shared with other jobs. It is a measurement, so a benchmark: TestDevF1 checks the tags.
func BenchmarkDevThroughputCPU(b *testing.B) {
	f, err := os.Open("../../shared/eval/ner/conll2003-dev.txt")
	if err != nil {
		b.Skip("skipping: CoNLL-2003 dev set not found at ../shared/eval/ner/conll2003-dev.txt")
	}
	defer f.Close()
	sents, err := ReadCoNLL(f)
	if err != nil {
		b.Fatal(err)
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
	ntok := 0
	start := cpu()
	for b.Loop() {
		for _, s := range sents {
			tg.TagInto(s.Words, tags)
			ntok += len(s.Words)
		}
	}
	b.ReportMetric(float64(ntok)/(cpu()-start).Seconds(), "tokens/cpu-s")
}
