package export

import (
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/heraldnews/herald/article"
)

// parquetWriter writes one flat record type T per row with parquet-go's generic writer,
// which maps T's fields to columns once, when the writer is made.
type parquetWriter[T any] struct {
	w    *parquet.GenericWriter[T]
	make func(Row) (T, error)
	one  [1]T // the row being written; parquet-go copies it into its column buffers
}

func newParquet(w io.Writer, what string, groupRows int) (Writer, error) {
	if groupRows <= 0 {
		groupRows = DefaultRowGroupRows
		if what == "articles" {
			groupRows = DefaultArticleRowGroupRows
		}
	}
	opts := []parquet.WriterOption{
		// The writer buffers a row group's pages until the group is full: this bound is
		// what keeps a million-row export in constant memory.
		parquet.MaxRowsPerRowGroup(int64(groupRows)),
		// Snappy is the codec every Parquet reader has (pyarrow, DuckDB, Spark, Polars).
		parquet.Compression(&snappy.Codec{}),
		parquet.KeyValueMetadata("herald.what", what),
		parquet.KeyValueMetadata("herald.schema_version", article.SchemaVersion),
	}
	switch what {
	case "articles":
		return newParquetOf(w, makeArticleRec, opts), nil
	case "events":
		return newParquetOf(w, makeEventRec, opts), nil
	case "quotes":
		return newParquetOf(w, makeQuoteRec, opts), nil
	default:
		return newParquetOf(w, makeEntityRec, opts), nil
	}
}

func newParquetOf[T any](w io.Writer, make func(Row) (T, error), opts []parquet.WriterOption) *parquetWriter[T] {
	return &parquetWriter[T]{w: parquet.NewGenericWriter[T](w, opts...), make: make}
}

// Write hands the row to parquet-go at once rather than batching records here: a batch
// would hold the caller's strings and slices past Write, and parquet-go already batches
// values into pages.
func (p *parquetWriter[T]) Write(r Row) error {
	rec, err := p.make(r)
	if err != nil {
		return err
	}
	p.one[0] = rec
	_, err = p.w.Write(p.one[:])
	var zero T
	p.one[0] = zero
	return err
}

// Close writes the last row group and the footer; without it the file is unreadable.
func (p *parquetWriter[T]) Close() error { return p.w.Close() }
