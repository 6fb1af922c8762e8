package parse

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one training or evaluation sentence: words with gold Penn tags and, from a
// treebank, gold heads (-1 for the root) and relations. POS-only data leaves Heads nil.
type Sentence struct {
	Words []string
	Tags  []string
	Heads []int
	Rels  []string
}

// ReadStats counts what ReadCoNLLU changed on the way in.
type ReadStats struct {
	Sentences int
	Merged    int // hyphenated compounds joined into one token
}

// ReadCoNLLU reads a CoNLL-U treebank: FORM, XPOS, HEAD and DEPREL of each word line.
// Multiword-token ranges ("3-4") and empty nodes ("5.1") are skipped.
//
// Herald's tokenizer keeps hyphenated words whole ("long-term") where EWT splits them
// ("long", "-", "term"), so a word, hyphen, word run written without spaces is joined into
// one token when exactly one of its parts has its head outside the run: that part lends
// the joined token its tag, head and relation.
func ReadCoNLLU(r io.Reader) ([]Sentence, ReadStats, error) {
	var (
		out   []Sentence
		st    ReadStats
		cur   Sentence
		glued []bool // no space after the word
		line  int
	)
	flush := func() {
		if len(cur.Words) > 0 {
			st.Merged += mergeHyphens(&cur, glued)
			out = append(out, cur)
		}
		cur, glued = Sentence{}, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" {
			flush()
			continue
		}
		if t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 10 {
			return nil, st, fmt.Errorf("conllu line %d: %d columns, want 10", line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		h, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, st, fmt.Errorf("conllu line %d: head %q", line, f[6])
		}
		cur.Words = append(cur.Words, f[1])
		cur.Tags = append(cur.Tags, f[4])
		cur.Heads = append(cur.Heads, h-1)
		cur.Rels = append(cur.Rels, f[7])
		glued = append(glued, strings.Contains(f[9], "SpaceAfter=No"))
	}
	flush()
	for _, s := range out {
		for i, h := range s.Heads {
			if h < -1 || h >= len(s.Words) || h == i {
				return nil, st, fmt.Errorf("conllu: sentence %q: bad head %d of word %d", strings.Join(s.Words, " "), h, i)
			}
		}
	}
	st.Sentences = len(out)
	return out, st, sc.Err()
}

// mergeHyphens joins word-hyphen-word runs in s (see ReadCoNLLU) and returns how many runs
// it joined.
func mergeHyphens(s *Sentence, glued []bool) int {
	merged := 0
	for lo := 0; lo < len(s.Words); lo++ {
		hi := lo
		for hi+2 < len(s.Words) && glued[hi] && glued[hi+1] && s.Tags[hi+1] == "HYPH" && s.Words[hi+1] == "-" && s.Tags[hi+2] != "HYPH" {
			hi += 2
		}
		if hi == lo {
			continue
		}
		top := -1
		for k := lo; k <= hi; k++ {
			if h := s.Heads[k]; h < lo || h > hi {
				if top >= 0 {
					top = -2
					break
				}
				top = k
			}
		}
		if top < 0 {
			continue
		}
		word := strings.Join(s.Words[lo:hi+1], "")
		drop := hi - lo
		// Remove words lo..hi except one, which becomes the joined token at lo.
		s.Words[lo], s.Tags[lo], s.Heads[lo], s.Rels[lo] = word, s.Tags[top], s.Heads[top], s.Rels[top]
		glued[lo] = glued[hi]
		copy(s.Words[lo+1:], s.Words[hi+1:])
		copy(s.Tags[lo+1:], s.Tags[hi+1:])
		copy(s.Heads[lo+1:], s.Heads[hi+1:])
		copy(s.Rels[lo+1:], s.Rels[hi+1:])
		copy(glued[lo+1:], glued[hi+1:])
		n := len(s.Words) - drop
		s.Words, s.Tags, s.Heads, s.Rels, glued = s.Words[:n], s.Tags[:n], s.Heads[:n], s.Rels[:n], glued[:n]
		for i, h := range s.Heads {
			switch {
			case h >= lo && h <= hi:
				s.Heads[i] = lo
			case h > hi:
				s.Heads[i] = h - drop
			}
		}
		merged++
	}
	return merged
}

// ReadCoNLL2003 reads the token and POS columns of a CoNLL-2003 file as tagger training
// data, mapping its tags to EWT's spelling of the Penn tags: brackets become -LRB-/-RRB-
// and a straight double quote alternates between the opening and closing quote tags. A
// tag left empty is unknown: the tagger does not learn from it.
func ReadCoNLL2003(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	open := true
	flush := func() {
		if len(cur.Words) > 0 {
			out = append(out, cur)
		}
		cur, open = Sentence{}, true
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(f) < 2 {
			continue
		}
		tag := f[1]
		switch tag {
		case "(":
			tag = "-LRB-"
		case ")":
			tag = "-RRB-"
		case `"`:
			if open {
				tag = "``"
			} else {
				tag = "''"
			}
			open = !open
		case "NN|SYM":
			tag = "NN"
		case "TO":
			// CoNLL tags every "to" TO; EWT tags the preposition IN. Leave it to EWT.
			tag = ""
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, tag)
	}
	flush()
	return out, sc.Err()
}

// projective reports whether the tree of heads has no crossing arcs (the root hangs from
// a virtual node before the first word).
func projective(heads []int) bool {
	for i, h := range heads {
		a, b := min(i, h), max(i, h)
		for j := a + 1; j < b; j++ {
			// Every word strictly inside the arc must be dominated by its head.
			k := j
			for k != h && k != -1 {
				k = heads[k]
			}
			if k != h {
				return false
			}
		}
	}
	return true
}
