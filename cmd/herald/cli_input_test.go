package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractBadInput: each bad input or flag gives its exit status and a message that
// says what is wrong, and no article made of junk.
func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a.txt", []byte("Port Strike Ends in Lisbon\nDock workers in Lisbon went back to work on Monday.\n"))
	bin := write("blob.dat", []byte("\x00\x01\x02binary\x00 junk\xff\xfe"))
	gz := write("a.txt.gz", []byte("\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\x03a.txt\x00\x0b\xc9\xc8"))
	badJSON := write("c.json", []byte(`{"title": broken`))
	empty := write("empty.txt", nil)
	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   []string // all must appear
		noStdout bool
	}{
		{"binary file", []string{bin}, 1, []string{"blob.dat", "binary"}, true},
		{"gzip file", []string{gz}, 1, []string{"a.txt.gz", "binary"}, true},
		{"unknown --input", []string{"--input", "nosuch", good}, 2, []string{`--input "nosuch"`}, true},
		{"one bad of one", []string{badJSON}, 1, []string{"1 of 1 inputs failed"}, true},
		{"empty file", []string{empty}, 1, []string{"empty.txt", "no article text found"}, true},
		{"one bad of two", []string{good, badJSON}, 1, []string{"1 of 2 inputs failed"}, false},
		{"missing and bad", []string{filepath.Join(dir, "nope.txt"), badJSON}, 1, []string{"2 of 2 inputs failed"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(append([]string{"extract", "--format", "jsonl"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, errs)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr %q lacks %q", errs, s)
				}
			}
			if tt.noStdout && out != "" {
				t.Errorf("stdout %.200q, want nothing", out)
			}
		})
	}
}

// TestUsageErrors: flags and arguments a command cannot honour are usage errors (exit 2)
// named on stderr, found before any work (the stores named do not exist, so a command
// that went on would fail otherwise, or poll forever).
func TestUsageErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none", "x.db")
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"eval", "nosuch", "-gold", t.TempDir()}, `unknown set "nosuch"`},
		{[]string{"eval", "nosuch"}, `unknown set "nosuch"`},
		{[]string{"serve", "--store", missing, "--addr", "127.0.0.1:0", "extra"}, `"extra"`},
		{[]string{"watch", "--store", missing, "--every", "0s", "https://a.example/feed"}, "--every"},
		{[]string{"watch", "--store", missing, "--every", "-1m", "https://a.example/feed"}, "--every"},
	}
	for _, tt := range tests {
		code, _, errs := runCLI(tt.args...)
		if code != 2 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("herald %s: exit %d, stderr %q; want 2 and %q", strings.Join(tt.args, " "), code, errs, tt.stderr)
		}
	}
}

// An ingest that finds no documents at all (an empty folder, one of unknown file kinds)
// says so on stderr instead of a bare "read 0"; it is no failure (a feed may be empty).
func TestIngestNothingFound(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# not taken from a folder\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI("ingest", "--quiet", "--store", filepath.Join(t.TempDir(), "x.db"), dir)
	if code != 0 || !strings.Contains(out, "read 0") || !strings.Contains(errs, "no documents found") || !strings.Contains(errs, ".jsonl") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
