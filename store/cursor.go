package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// EncodeCursor makes a page cursor of the last row's sort keys: base64url JSON, opaque to
// callers. Backends share it so that every backend's cursors read the same way.
func EncodeCursor(keys ...any) string {
	b, _ := json.Marshal(keys)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor made by EncodeCursor into keys (pointers).
func DecodeCursor(c string, keys ...any) error {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		err = json.Unmarshal(b, &keys)
	}
	if err != nil {
		return fmt.Errorf("store: bad cursor %q", c)
	}
	return nil
}

// IDCursor reads the cursor of a listing in descending id order; "" starts at the top.
func IDCursor(after string) (int64, error) {
	if after == "" {
		return 0, nil
	}
	var id int64
	if err := DecodeCursor(after, &id); err != nil {
		return 0, err
	}
	return id, nil
}
