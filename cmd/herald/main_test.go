package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractCLI(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Port Strike Ends in Lisbon\nDock workers in Lisbon went back to work on Monday, the union said.\n")
	write("b.json", `{"url":"https://example.org/b","title":"Talks Resume","text":"Talks between Chile and Peru resumed on Tuesday in Lima."}`)
	write("c.json", `{"title": broken`)
	big := write("big.txt", strings.Repeat("word ", 3000))

	t.Run("one file as json", func(t *testing.T) {
		code, out, errs := runCLI("extract", a)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var art map[string]any
		if err := json.Unmarshal([]byte(out), &art); err != nil {
			t.Fatalf("not one JSON object: %v", err)
		}
		if art["title"] != "Port Strike Ends in Lisbon" || art["path"] != a {
			t.Errorf("title %v path %v", art["title"], art["path"])
		}
	})
	t.Run("directory as jsonl, bad file named, others kept", func(t *testing.T) {
		code, out, errs := runCLI("extract", "--format", "jsonl", dir)
		if code != 1 {
			t.Errorf("exit %d, want 1 (one input failed)", code)
		}
		if !strings.Contains(errs, "c.json") {
			t.Errorf("error does not name the bad file: %q", errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 { // a.txt, b.json, big.txt
			t.Fatalf("got %d lines, want 3:\n%s", len(lines), out)
		}
		var paths []string
		for _, l := range lines {
			var art struct{ Path string }
			if err := json.Unmarshal([]byte(l), &art); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, filepath.Base(art.Path))
		}
		if strings.Join(paths, ",") != "a.txt,b.json,big.txt" {
			t.Errorf("paths in order %v", paths)
		}
	})
	t.Run("size limit", func(t *testing.T) {
		code, _, errs := runCLI("extract", "--max-bytes", "1000", big)
		if code != 1 || !strings.Contains(errs, "too large") || !strings.Contains(errs, "big.txt") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		code, _, errs := runCLI("extract", filepath.Join(dir, "nope.txt"))
		if code != 1 || !strings.Contains(errs, "nope.txt") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
	t.Run("text view", func(t *testing.T) {
		code, out, _ := runCLI("extract", "--format", "text", "--sample")
		if code != 0 || !strings.Contains(out, "Entities (") || !strings.Contains(out, "Removed by cleaning") {
			t.Errorf("exit %d, text view:\n%s", code, out)
		}
	})
	t.Run("unknown command", func(t *testing.T) {
		if code, _, _ := runCLI("frobnicate"); code != 2 {
			t.Errorf("exit %d, want 2", code)
		}
	})
}
