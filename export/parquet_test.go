package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// TestParquetRoundTrip writes every kind and reads the file back with parquet-go: the
// rows must come back as written, and the column types must be the ones pandas and
// DuckDB map to their own types directly.
func TestParquetRoundTrip(t *testing.T) {
	arts := testRows()
	t.Run("articles", func(t *testing.T) { roundTrip(t, "articles", rowsOf("articles", arts), makeArticleRec) })
	t.Run("events", func(t *testing.T) { roundTrip(t, "events", rowsOf("events", arts), makeEventRec) })
	t.Run("quotes", func(t *testing.T) { roundTrip(t, "quotes", rowsOf("quotes", arts), makeQuoteRec) })
	t.Run("entities", func(t *testing.T) { roundTrip(t, "entities", rowsOf("entities", arts), makeEntityRec) })
}

func roundTrip[T any](t *testing.T, what string, rows []Row, make func(Row) (T, error)) {
	out := export(t, what, "parquet", rows)
	// HERALD_EXPORT_KEEP=dir keeps the files, to open them with pandas or DuckDB by hand.
	if dir := os.Getenv("HERALD_EXPORT_KEEP"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, what+".parquet"), out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := parquet.Read[T](bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("read %d rows, wrote %d", len(got), len(rows))
	}
	for i := range rows {
		want, err := make(rows[i])
		if err != nil {
			t.Fatal(err)
		}
		if !sameRec(reflect.ValueOf(got[i]), reflect.ValueOf(want)) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want)
		}
	}

	f, err := parquet.OpenFile(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := f.Lookup("herald.what"); !ok || v != what {
		t.Errorf("herald.what metadata = %q, %v", v, ok)
	}
	t.Logf("%s schema:\n%s", what, f.Schema())
	checkTypes(t, f.Schema())
}

// sameRec compares records field by field, taking a nil list and an empty one as equal
// (Parquet has one empty list).
func sameRec(a, b reflect.Value) bool {
	for i := range a.NumField() {
		x, y := a.Field(i), b.Field(i)
		if x.Kind() == reflect.Slice {
			if x.Len() != y.Len() {
				return false
			}
			for j := range x.Len() {
				if x.Index(j).Interface() != y.Index(j).Interface() {
					return false
				}
			}
			continue
		}
		if x.Interface() != y.Interface() {
			return false
		}
	}
	return true
}

// checkTypes: strings are BYTE_ARRAY annotated STRING (UTF8), integers INT64, floats
// DOUBLE, lists standard three-level LISTs of STRING: what pyarrow reads as str, int64,
// float64 and list<string>, and DuckDB as VARCHAR, BIGINT, DOUBLE and VARCHAR[].
func checkTypes(t *testing.T, s *parquet.Schema) {
	for _, f := range s.Fields() {
		typ := f.Type()
		switch {
		case isLogical[*format.ListType](typ):
			elem := f.Fields()[0].Fields()[0] // list.element
			if elem.Type().Kind() != parquet.ByteArray || !isLogical[*format.StringType](elem.Type()) {
				t.Errorf("%s: list of %v, want a list of STRING", f.Name(), elem.Type())
			}
		case typ.Kind() == parquet.ByteArray:
			if !isLogical[*format.StringType](typ) {
				t.Errorf("%s: BYTE_ARRAY without the STRING annotation", f.Name())
			}
		case typ.Kind() == parquet.Int64, typ.Kind() == parquet.Double:
		default:
			t.Errorf("%s: type %v, want STRING, INT64, DOUBLE or LIST<STRING>", f.Name(), typ)
		}
		if f.Optional() || f.Repeated() {
			t.Errorf("%s: want a required column", f.Name())
		}
	}
}

func isLogical[L any](typ parquet.Type) bool {
	lt := typ.LogicalType()
	if lt == nil {
		return false
	}
	_, ok := lt.Value.(L)
	return ok
}

// TestParquetRowGroups: rows are cut into groups of RowGroupRows, which is what bounds
// the writer's memory on a long export.
func TestParquetRowGroups(t *testing.T) {
	one := rowsOf("events", testRows())
	var rows []Row
	for len(rows) < 35 {
		rows = append(rows, one...)
	}
	rows = rows[:35]
	out := export(t, "events", "parquet", rows, RowGroupRows(10))
	f, err := parquet.OpenFile(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for _, g := range f.RowGroups() {
		sizes = append(sizes, g.NumRows())
	}
	if fmt.Sprint(sizes) != "[10 10 10 5]" {
		t.Errorf("row groups of %v rows, want [10 10 10 5]", sizes)
	}
}
