// Command gencues learns Herald's attribution cue list from the PolNeAR training split
// and writes it as a readable word list (quote/data/cues.txt). It keeps only the cue words
// and short cue phrases with their counts, never article text, so the list can ship with
// Herald and be edited by hand.
//
//	go run ./quote/gencues -polnear ../shared/eval/quotes/polnear/train -o quote/data/cues.txt
//
// For every cue it records how often the annotators marked it as a cue, how often the same
// words occur anywhere in the training texts (so Find can skip words that are rarely cues,
// such as "in"), and how often the cue came before or after its content.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

const maxWords = 4

type count struct{ cue, seen, before, after int }

func main() {
	dir := flag.String("polnear", "../shared/eval/quotes/polnear/train", "PolNeAR split with text/ and attributions/")
	out := flag.String("o", "quote/data/cues.txt", "output file")
	minCount := flag.Int("min", 3, "keep cues marked at least this many times")
	flag.Parse()
	if err := run(*dir, *out, *minCount); err != nil {
		fmt.Fprintln(os.Stderr, "gencues:", err)
		os.Exit(1)
	}
}

func run(dir, out string, minCount int) error {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return err
	}
	sort.Strings(anns)
	if len(anns) == 0 {
		return fmt.Errorf("no attributions under %s", dir)
	}
	counts := map[string]*count{}
	done := map[string]bool{}
	var texts []string
	for _, ann := range anns {
		base := filepath.Base(ann)
		name := base[:strings.LastIndexByte(base, '_')]
		if done[name] { // two annotators: use the first file only
			continue
		}
		done[name] = true
		if err := readAnn(ann, counts); err != nil {
			return err
		}
		txt, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return err
		}
		texts = append(texts, string(txt))
	}
	// Count every occurrence of every cue phrase in the texts, cue or not.
	for _, t := range texts {
		w := words(t)
		for i := range w {
			p := ""
			for n := 0; n < maxWords && i+n < len(w); n++ {
				if n == 0 {
					p = w[i]
				} else {
					p += " " + w[i+n]
				}
				if c := counts[p]; c != nil {
					c.seen++
				}
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k, c := range counts {
		if c.cue >= minCount {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := counts[keys[i]], counts[keys[j]]
		if a.cue != b.cue {
			return a.cue > b.cue
		}
		return keys[i] < keys[j]
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "# Attribution cues learned from PolNeAR train (%d articles) by quote/gencues; edit freely.\n", len(texts))
	fmt.Fprintln(w, "# cue<TAB>marked as cue<TAB>occurrences in the texts<TAB>cue before content<TAB>cue after content")
	for _, k := range keys {
		c := counts[k]
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\n", k, c.cue, max(c.seen, c.cue), c.before, c.after)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// readAnn adds the cues of one brat file: each E line ties a Cue to a Content.
func readAnn(path string, counts map[string]*count) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	type tb struct {
		kind  string
		start int
		text  string
	}
	ts := map[string]tb{}
	var es [][]string
	for _, line := range strings.Split(string(data), "\n") {
		p := strings.Split(line, "\t")
		switch {
		case len(p) >= 3 && strings.HasPrefix(p[0], "T"):
			f := strings.FieldsFunc(p[1], func(r rune) bool { return r == ' ' || r == ';' })
			if len(f) < 3 {
				continue
			}
			s, _ := strconv.Atoi(f[1])
			ts[p[0]] = tb{f[0], s, p[2]}
		case len(p) >= 2 && strings.HasPrefix(p[0], "E"):
			es = append(es, strings.Fields(p[1]))
		}
	}
	for _, e := range es {
		var cue, content tb
		for _, kv := range e {
			k, v, _ := strings.Cut(kv, ":")
			switch k {
			case "Cue":
				cue = ts[v]
			case "Content":
				content = ts[v]
			}
		}
		if cue.kind == "" || content.kind == "" {
			continue
		}
		w := words(cue.text)
		if len(w) == 0 || len(w) > maxWords || len(w) != len(strings.Fields(cue.text)) && !onlyPunctDiff(cue.text) {
			continue
		}
		k := strings.Join(w, " ")
		if timeWords(w) {
			continue // "said sunday": the cue is "said"; time words are not part of it
		}
		c := counts[k]
		if c == nil {
			c = &count{}
			counts[k] = c
		}
		c.cue++
		if cue.start < content.start {
			c.before++
		} else {
			c.after++
		}
	}
	return nil
}

// onlyPunctDiff reports whether s differs from its words only by punctuation ("said:").
func onlyPunctDiff(s string) bool {
	for _, f := range strings.Fields(s) {
		if len(words(f)) > 1 {
			return false
		}
	}
	return true
}

// words splits s into lowercased words of letters, keeping inner apostrophes and hyphens.
func words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		w := strings.Trim(b.String(), "'-’")
		if w != "" {
			out = append(out, strings.ReplaceAll(w, "’", "'"))
		}
		b.Reset()
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’' || r == '-') && b.Len() > 0:
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

func timeWords(w []string) bool {
	if len(w) < 2 {
		return false
	}
	for _, x := range w {
		switch x {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
			"yesterday", "today", "tonight", "morning", "afternoon", "evening", "night", "last", "week":
			return true
		}
	}
	return false
}
