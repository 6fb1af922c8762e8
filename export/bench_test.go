package export

import (
	"io"
	"runtime"
	"testing"
)

// BenchmarkEvents writes 100,000 events in each format to io.Discard and reports rows/s
// and allocations per row, the figures that tell whether an export of a large store is
// bound by the store or by the writer.
func BenchmarkEvents(b *testing.B) {
	const n = 100_000
	events := rowsOf("events", testRows())
	// Load the gazetteer the GDELT writer checks country codes against before measuring:
	// it is parsed once per process, not per row.
	isCountry("USA")
	for _, format := range []string{"jsonl", "csv", "gdelt", "parquet"} {
		b.Run(format, func(b *testing.B) {
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			iters := 0
			for b.Loop() {
				w, err := NewWriter(io.Discard, "events", format)
				if err != nil {
					b.Fatal(err)
				}
				for i := range n {
					r := events[i%len(events)]
					r.ArticleID = int64(i / len(events))
					if err := w.Write(r); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
				iters++
			}
			runtime.ReadMemStats(&ms1)
			rows := float64(n * iters)
			b.ReportMetric(rows/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/rows, "allocs/row")
			b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/rows, "B/row")
		})
	}
}
