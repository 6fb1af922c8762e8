// Command gencues learns Herald's attribution cue list from the PolNeAR training split
// and writes it as a readable word list (quote/data/cues.txt). It keeps only the cue words
// and short cue phrases with their counts, never article text, so the list can ship with
// Herald and be edited by hand.
//
//	go run ./quote/gencues -polnear ../shared/eval/quotes/polnear/train -o quote/data/cues.txt
//
// For every cue it records how often the annotators marked it as a cue, how often the same
// words occur anywhere in the training texts (so Find can skip words that are rarely cues,
// such as "in"), and how often the cue came before or after its content. It also counts,
// for occurrences right after a subject (a pronoun, "who" or a capitalised word, skipping
// auxiliaries and negation, as Find's subjectBefore does), how often the words occur and
// how often they were a cue: "think" is rarely a cue in general but often after "he".
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

type count struct{ cue, seen, before, after, subjSeen, subjCue int }

func main() {
	dir := flag.String("polnear", "../shared/eval/quotes/polnear/train", "PolNeAR split with text/ and attributions/")
	out := flag.String("o", "quote/data/cues.txt", "output file")
	minCount := flag.Int("min", 3, "keep cues marked at least this many times")
	exclude := flag.String("exclude", "", "file of article names (one a line, .txt optional) to leave out, for a held-out slice")
	flag.Parse()
	skip := map[string]bool{}
	if *exclude != "" {
		b, err := os.ReadFile(*exclude)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gencues:", err)
			os.Exit(1)
		}
		for _, l := range strings.Fields(string(b)) {
			skip[strings.TrimSuffix(l, ".txt")] = true
		}
	}
	if err := run(*dir, *out, *minCount, skip); err != nil {
		fmt.Fprintln(os.Stderr, "gencues:", err)
		os.Exit(1)
	}
}

func run(dir, out string, minCount int, skip map[string]bool) error {
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
		if done[name] || skip[name] { // two annotators: use the first file only
			continue
		}
		done[name] = true
		txt, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return err
		}
		if err := readAnn(ann, string(txt), counts); err != nil {
			return err
		}
		texts = append(texts, string(txt))
	}
	// Count every occurrence of every cue phrase in the texts, cue or not.
	for _, t := range texts {
		tk := toks(t)
		for i := range tk {
			p := ""
			subj := afterSubject(tk, i)
			for n := 0; n < maxWords && i+n < len(tk); n++ {
				if n == 0 {
					p = tk[i].w
				} else {
					p += " " + tk[i+n].w
				}
				if c := counts[p]; c != nil {
					c.seen++
					if subj {
						c.subjSeen++
					}
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
	fmt.Fprintln(w, "# cue<TAB>marked as cue<TAB>occurrences in the texts<TAB>cue before content<TAB>cue after content<TAB>marked after a subject<TAB>occurrences after a subject")
	for _, k := range keys {
		c := counts[k]
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", k, c.cue, max(c.seen, c.cue), c.before, c.after, c.subjCue, max(c.subjSeen, c.subjCue))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// readAnn adds the cues of one brat file: each E line ties a Cue to a Content.
func readAnn(path, text string, counts map[string]*count) error {
	tk := toks(text)
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
		// cue.start counts code points; toks records byte offsets: compare in bytes.
		if i := tokIndex(tk, byteOffset(text, cue.start)); i >= 0 && afterSubject(tk, i) {
			c.subjCue++
		}
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

// tok is a word of a training text: lower case, where it starts (bytes), and whether it
// was written with a capital.
type tok struct {
	w     string
	start int
	cap   bool
}

// toks splits s as words does, keeping positions and capitals.
func toks(s string) []tok {
	var out []tok
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		raw := strings.Trim(s[start:end], "'-’")
		if raw != "" {
			off := start + strings.Index(s[start:end], raw)
			r := []rune(raw)[0]
			out = append(out, tok{strings.ReplaceAll(strings.ToLower(raw), "’", "'"), off, unicode.IsUpper(r)})
		}
		start = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || ((r == '\'' || r == '’' || r == '-') && start >= 0) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

// byteOffset converts a code-point offset into s to a byte offset.
func byteOffset(s string, cp int) int {
	n := 0
	for i := range s {
		if n == cp {
			return i
		}
		n++
	}
	return len(s)
}

// tokIndex returns the index of the token starting at byte b, or -1.
func tokIndex(tk []tok, b int) int {
	i := sort.Search(len(tk), func(i int) bool { return tk[i].start >= b })
	if i < len(tk) && tk[i].start == b {
		return i
	}
	return -1
}

// subjSkip are the words allowed between a subject and its verb ("he does not think").
var subjSkip = map[string]bool{}

// subjWords are the lower-case words that count as a subject.
var subjWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("also still really just now never always not do does did " +
		"don't doesn't didn't would will may might could can should must is are was were " +
		"has have had genuinely truly clearly certainly") {
		subjSkip[w] = true
	}
	// First and second person are left out: "I think" is mostly inside quotations,
	// where the annotators mark the quotation, not the belief.
	for _, w := range strings.Fields("he she they who") {
		subjWords[w] = true
	}
}

// afterSubject reports whether token i follows a subject: a third-person pronoun, "who" or a
// capitalised word, with only auxiliaries, negation and a few adverbs between.
// It mirrors quote's subjectBefore.
func afterSubject(tk []tok, i int) bool {
	k := i - 1
	for k >= 0 && k >= i-3 && subjSkip[tk[k].w] {
		k--
	}
	return k >= 0 && (subjWords[tk[k].w] || tk[k].cap && tk[k].w != "i")
}
