package parse

import "fmt"

// Scores are a parser's accuracy on gold sentences.
type Scores struct {
	Tokens, TagsRight int // tokens with a known gold tag; those tagged right
	Arcs              int // tokens with gold heads
	Heads, Labelled   int // right heads; right heads with the right relation
	// The same without punctuation (gold relation punct).
	ArcsNP, HeadsNP, LabelledNP int
}

// Evaluate parses each sentence's words and compares with its gold tags and, where
// present, its gold tree.
func Evaluate(p *Parser, sents []Sentence) Scores {
	var sc Scores
	var s Scratch
	for _, g := range sents {
		t := p.ParseWords(&s, g.Words)
		for i := range g.Words {
			// An empty gold tag is unknown (see ReadCoNLL2003).
			if g.Tags[i] != "" {
				sc.Tokens++
				if t.Tags[i] == g.Tags[i] {
					sc.TagsRight++
				}
			}
			if g.Heads == nil {
				continue
			}
			sc.Arcs++
			okH := t.Heads[i] == g.Heads[i]
			okL := okH && t.Rels[i] == g.Rels[i]
			punct := g.Rels[i] == "punct"
			if okH {
				sc.Heads++
			}
			if okL {
				sc.Labelled++
			}
			if !punct {
				sc.ArcsNP++
				if okH {
					sc.HeadsNP++
				}
				if okL {
					sc.LabelledNP++
				}
			}
		}
	}
	return sc
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report formats the scores on one line.
func (s Scores) Report() string {
	if s.Arcs == 0 {
		return fmt.Sprintf("POS %.4f (%d tokens)", ratio(s.TagsRight, s.Tokens), s.Tokens)
	}
	return fmt.Sprintf("POS %.4f  UAS %.4f  LAS %.4f  without punctuation: UAS %.4f  LAS %.4f  (%d tokens)",
		ratio(s.TagsRight, s.Tokens), ratio(s.Heads, s.Arcs), ratio(s.Labelled, s.Arcs),
		ratio(s.HeadsNP, s.ArcsNP), ratio(s.LabelledNP, s.ArcsNP), s.Arcs)
}
