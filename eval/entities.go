package eval

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/heraldnews/herald/article"
)

// EntityScore is entity-level exact span and type precision, recall and F1 in the style of
// conlleval, over PER, LOC and ORG (Herald's PERSON, GPE and LOC, ORG), with MISC and NORP
// reported apart.
type EntityScore struct {
	Overall PRF
	ByClass map[string]PRF
	Docs    int
}

// PRF counts matches of one class.
type PRF struct{ TP, FP, FN int }

// Precision is TP/(TP+FP).
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall is TP/(TP+FN).
func (p PRF) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s EntityScore) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "CoNLL entities PER/LOC/ORG (exact span + type): P %.3f R %.3f F1 %.3f on %d docs",
		s.Overall.Precision(), s.Overall.Recall(), s.Overall.F1(), s.Docs)
	classes := make([]string, 0, len(s.ByClass))
	for c := range s.ByClass {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		v := s.ByClass[c]
		fmt.Fprintf(&b, "\n  %-5s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", c, v.Precision(), v.Recall(), v.F1(), v.TP, v.FP, v.FN)
	}
	return b.String()
}

// ConllDoc is one CoNLL document as Herald reads it: sentences one per line, tokens
// joined by spaces, a blank line between sentences (as the reference scorer writes them).
type ConllDoc struct {
	Text      string
	sentStart []int         // byte offset of each sentence in Text
	tokStarts []map[int]int // per sentence: byte offset of a token start -> token index
	tokEnds   []map[int]int
	gold      []conllSpan
}

type conllSpan struct {
	sent, start, end int
	class            string
}

// ReadConll reads a CoNLL-2003 file (token POS chunk NER, IOB2) into documents.
func ReadConll(path string) ([]ConllDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type tok struct{ word, tag string }
	var docs [][][]tok
	var cur [][]tok
	var sent []tok
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.HasPrefix(line, "-DOCSTART-"):
			if len(sent) > 0 {
				cur = append(cur, sent)
				sent = nil
			}
			if len(cur) > 0 {
				docs = append(docs, cur)
				cur = nil
			}
		case strings.TrimSpace(line) == "":
			if len(sent) > 0 {
				cur = append(cur, sent)
				sent = nil
			}
		default:
			p := strings.Split(line, " ")
			sent = append(sent, tok{p[0], p[len(p)-1]})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(sent) > 0 {
		cur = append(cur, sent)
	}
	if len(cur) > 0 {
		docs = append(docs, cur)
	}
	out := make([]ConllDoc, 0, len(docs))
	for _, d := range docs {
		var cd ConllDoc
		var b strings.Builder
		for si, s := range d {
			if si > 0 {
				b.WriteString("\n\n")
			}
			cd.sentStart = append(cd.sentStart, b.Len())
			starts, ends := map[int]int{}, map[int]int{}
			for ti, t := range s {
				if ti > 0 {
					b.WriteByte(' ')
				}
				starts[b.Len()] = ti
				b.WriteString(t.word)
				ends[b.Len()] = ti + 1
			}
			cd.tokStarts = append(cd.tokStarts, starts)
			cd.tokEnds = append(cd.tokEnds, ends)
			start, class := -1, ""
			for ti := 0; ti <= len(s); ti++ {
				tag := "O"
				if ti < len(s) {
					tag = s[ti].tag
				}
				c := ""
				if len(tag) > 2 {
					c = tag[2:]
				}
				if start >= 0 && (tag == "O" || strings.HasPrefix(tag, "B-") || c != class) {
					cd.gold = append(cd.gold, conllSpan{si, start, ti, class})
					start = -1
				}
				if tag != "O" && start < 0 {
					start, class = ti, c
				}
			}
		}
		cd.Text = b.String() + "\n"
		out = append(out, cd)
	}
	return out, nil
}

// entitiesClass maps Herald's entity types to CoNLL classes.
var entitiesClass = map[string]string{article.Person: "PER", article.Org: "ORG", article.GPE: "LOC", article.Loc: "LOC", article.NORP: "MISC"}

// ScoreEntities scores the articles Herald extracted from docs (in the same order) by
// finding each gold sentence in the article text, as the reference scorer does.
func ScoreEntities(docs []ConllDoc, arts []*article.Article) EntityScore {
	s := EntityScore{ByClass: map[string]PRF{}}
	for di, d := range docs {
		if di >= len(arts) || arts[di] == nil {
			continue
		}
		s.Docs++
		a := arts[di]
		// Herald's text may differ (removed repeats); locate each sentence in it.
		type loc struct{ sent, at int }
		var locs []loc
		textRunes := []rune(a.Text)
		pos := 0
		for si := range d.sentStart {
			end := len(d.Text) - 1
			if si+1 < len(d.sentStart) {
				end = d.sentStart[si+1] - 2
			}
			sentence := d.Text[d.sentStart[si]:end]
			// As the reference scorer: look after the previous sentence, then anywhere
			// (cleaning moves a headline that followed a lede to the front).
			at := strings.Index(a.Text[pos:], sentence)
			if at >= 0 {
				at += pos
			} else if at = strings.Index(a.Text, sentence); at < 0 {
				continue
			}
			locs = append(locs, loc{si, at})
			pos = at + len(sentence)
		}
		pred := map[conllSpan]bool{}
		for _, e := range a.Entities {
			class, ok := entitiesClass[e.Type]
			if !ok {
				continue
			}
			for _, m := range e.Mentions {
				if m.Kind == "pronoun" || m.Kind == "title" {
					continue
				}
				// Mentions are code-point offsets; the sentence table is in bytes.
				bs := len(string(textRunes[:m.Start]))
				be := bs + len(m.Text)
				for _, l := range locs {
					rel := bs - l.at + d.sentStart[l.sent]
					rele := be - l.at + d.sentStart[l.sent]
					ts, ok1 := d.tokStarts[l.sent][rel]
					te, ok2 := d.tokEnds[l.sent][rele]
					if ok1 && ok2 && bs >= l.at {
						pred[conllSpan{l.sent, ts, te, class}] = true
					}
				}
			}
		}
		gold := map[conllSpan]bool{}
		for _, g := range d.gold {
			gold[g] = true
		}
		for g := range gold {
			c := s.ByClass[g.class]
			if pred[g] {
				c.TP++
			} else {
				c.FN++
			}
			s.ByClass[g.class] = c
		}
		for p := range pred {
			if !gold[p] {
				c := s.ByClass[p.class]
				c.FP++
				s.ByClass[p.class] = c
			}
		}
	}
	for _, c := range []string{"PER", "LOC", "ORG"} {
		v := s.ByClass[c]
		s.Overall.TP += v.TP
		s.Overall.FP += v.FP
		s.Overall.FN += v.FN
	}
	return s
}
