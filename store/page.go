package store

// Rows is the part of a query's result that ReadPage reads. *sql.Rows and pgx.Rows both
// have it.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// ReadPage reads a page of at most limit items from rows, the result of a query that asked
// for limit+1 rows in the page's order. scan reads the current row and returns its item and
// its sort keys; when a row is left after limit items, the page's Next is the cursor of the
// last item's keys. ReadPage reads rows to their end, so that Err is final (pgx reports some
// errors only once the rows are done), and does not close them.
func ReadPage[T any](rows Rows, limit int, scan func(Rows) (T, []any, error)) (Page[T], error) {
	var (
		page Page[T]
		keys []any
	)
	for rows.Next() {
		if len(page.Items) == limit { // the row after the page
			page.Next = EncodeCursor(keys...)
			continue
		}
		item, k, err := scan(rows)
		if err != nil {
			return page, err
		}
		page.Items, keys = append(page.Items, item), k
	}
	return page, rows.Err()
}
