package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueryFlags: a listing flag with a value that cannot match (a bad date, an unknown
// modality or kind, a quad class out of range, a stray argument) is a usage error, not a
// silent "(0 shown)"; codes and names match in any case, as in the JSON API.
func TestQueryFlags(t *testing.T) {
	db := filepath.Join(t.TempDir(), "q.db")
	if code, out, errs := runCLI("ingest", "--quiet", "--sample", "--store", db); code != 0 {
		t.Fatalf("ingest exit %d: %s %s", code, out, errs)
	}
	out := filepath.Join(t.TempDir(), "keep.jsonl")
	tests := []struct {
		args   []string
		code   int
		stdout string // must appear (exit 0)
		stderr string // must appear (exit 2)
	}{
		{args: []string{"search", "--from", "2025-13-45", "x"}, code: 2, stderr: "--from"},
		{args: []string{"search", "--to", "yesterday", "x"}, code: 2, stderr: "--to"},
		{args: []string{"search", "--limit", "0", "x"}, code: 2, stderr: "--limit"},
		{args: []string{"search", "--limit", "5000", "x"}, code: 2, stderr: "--limit"},
		{args: []string{"events", "--quad", "9"}, code: 2, stderr: "--quad"},
		// FTS syntax is plain text; a query of punctuation alone has nothing to search for.
		{args: []string{"search", "*"}, code: 2, stderr: "no words"},
		{args: []string{"search", "(", `"`}, code: 2, stderr: "no words"},
		{args: []string{"quotes", "-", "*"}, code: 2, stderr: "no words"},
		{args: []string{"search", `"unbalanced`}, code: 0, stdout: "(0 shown)"},
		{args: []string{"search", "NEAR(", "sanctions"}, code: 0, stdout: "(0 shown)"},
		{args: []string{"search", "sanc*"}, code: 0, stdout: "Belarus"},
		{args: []string{"events", "--modality", "nosuch"}, code: 2, stderr: "--modality"},
		{args: []string{"search", "--modality", "nosuch", "x"}, code: 2, stderr: "--modality"},
		{args: []string{"quotes", "--kind", "nosuch"}, code: 2, stderr: "--kind"},
		{args: []string{"events", "MEX"}, code: 2, stderr: "MEX"},
		{args: []string{"stats", "extra"}, code: 2, stderr: "extra"},
		{args: []string{"stats", "--format", "nosuch"}, code: 2, stderr: "--format"},
		{args: []string{"export", "extra"}, code: 2, stderr: "extra"},
		{args: []string{"events", "--source", "mex"}, code: 0, stdout: "MEX"},
		{args: []string{"events", "--plover", "protest", "--modality", "ASSERTED"}, code: 0, stdout: "PROTEST"},
		{args: []string{"search", "--country", "ken"}, code: 0, stdout: "Kenya"},
		{args: []string{"quotes", "--kind", "DIRECT"}, code: 0, stdout: "direct"},
		// A bad --what must not truncate the file --out names.
		{args: []string{"export", "--what", "nosuch", "--out", out}, code: 2, stderr: "--what"},
	}
	for _, tt := range tests {
		if err := os.WriteFile(out, []byte("precious\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args := append([]string{tt.args[0], "--store", db}, tt.args[1:]...)
		code, stdout, stderr := runCLI(args...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("herald %s: exit %d, want %d; stdout %q; stderr %q", strings.Join(args, " "), code, tt.code, clip(stdout, 200), clip(stderr, 200))
		}
		if b, _ := os.ReadFile(out); string(b) != "precious\n" {
			t.Errorf("herald %s: --out file now holds %q", strings.Join(args, " "), clip(string(b), 100))
		}
	}
}
