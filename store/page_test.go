package store

import (
	"errors"
	"testing"
)

// fakeRows yields the ints in vals, then err.
type fakeRows struct {
	vals []int
	i    int
	err  error
}

func (r *fakeRows) Next() bool { r.i++; return r.i <= len(r.vals) }
func (r *fakeRows) Err() error { return r.err }
func (r *fakeRows) Scan(dest ...any) error {
	*dest[0].(*int) = r.vals[r.i-1]
	return nil
}

func scanInt(r Rows) (int, []any, error) {
	var v int
	err := r.Scan(&v)
	return v, []any{v}, err
}

func TestReadPage(t *testing.T) {
	for _, c := range []struct {
		vals  []int
		items int
		next  string
	}{
		{nil, 0, ""},
		{[]int{9, 8}, 2, ""},
		{[]int{9, 8, 7}, 3, ""},
		{[]int{9, 8, 7, 6}, 3, EncodeCursor(7)},
	} {
		rows := &fakeRows{vals: c.vals}
		p, err := ReadPage(rows, 3, scanInt)
		if err != nil || len(p.Items) != c.items || p.Next != c.next || rows.i != len(c.vals)+1 {
			t.Errorf("%v: %+v %v, read %d", c.vals, p, err, rows.i)
		}
	}
	bad := errors.New("bad")
	if _, err := ReadPage(&fakeRows{vals: []int{1}, err: bad}, 3, scanInt); err != bad {
		t.Errorf("Err: %v", err)
	}
	if _, err := ReadPage(&fakeRows{vals: []int{1}}, 3, func(Rows) (int, []any, error) { return 0, nil, bad }); err != bad {
		t.Errorf("scan error: %v", err)
	}
}
