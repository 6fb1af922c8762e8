package export

import (
	"bufio"
	"encoding/csv"
	"io"
)

// csvWriter writes RFC 4180 CSV through encoding/csv, which quotes any field holding a
// comma, a quote or a line break: a title with a newline stays one record for every CSV
// reader (pandas, DuckDB, spreadsheets), and text keeps its paragraph breaks.
type csvWriter struct {
	buf    *bufio.Writer
	w      *csv.Writer
	header []string
	fields func(r Row, f []string) ([]string, error)
	f      []string // reused between rows
	wrote  bool
}

func newCSV(w io.Writer, what string) *csvWriter {
	b := bufio.NewWriterSize(w, 64<<10)
	c := &csvWriter{buf: b, w: csv.NewWriter(b)}
	switch what {
	case "articles":
		c.header, c.fields = articleHeader, csvFields(makeArticleRec, (*articleRec).fields)
	case "events":
		c.header, c.fields = eventHeader, csvFields(makeEventRec, (*eventRec).fields)
	case "quotes":
		c.header, c.fields = quoteHeader, csvFields(makeQuoteRec, (*quoteRec).fields)
	default:
		c.header, c.fields = entityHeader, csvFields(makeEntityRec, (*entityRec).fields)
	}
	return c
}

// csvFields turns a record maker and its field lister into one function from a Row.
func csvFields[T any](make func(Row) (T, error), fields func(*T, []string) []string) func(Row, []string) ([]string, error) {
	return func(r Row, f []string) ([]string, error) {
		rec, err := make(r)
		if err != nil {
			return f, err
		}
		return fields(&rec, f), nil
	}
}

func (c *csvWriter) writeHeader() error {
	if c.wrote {
		return nil
	}
	c.wrote = true
	return c.w.Write(c.header)
}

func (c *csvWriter) Write(r Row) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	var err error
	c.f, err = c.fields(r, c.f[:0])
	if err != nil {
		return err
	}
	return c.w.Write(c.f)
}

// Close writes the header even when there were no rows, so an empty export is still a
// CSV file that readers load as zero rows with the right columns.
func (c *csvWriter) Close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}
