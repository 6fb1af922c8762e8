package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"serve", "--store", filepath.Join(t.TempDir(), "missing.db")}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "herald demo") {
		t.Errorf("missing store: exit %d, %q", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"serve", "-h"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "-allow-private") {
		t.Errorf("-h: exit %d, %q", code, errb.String())
	}
}
