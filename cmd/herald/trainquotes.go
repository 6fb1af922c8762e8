package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/quote"
	"github.com/heraldnews/herald/quote/attrib"
)

func init() {
	register("train-quotes", "train the attribution tagger (quote/attrib) on a PolNeAR split", runTrainQuotes)
}

// bratSpan is one text-bound annotation of a brat standoff file: its type (Content,
// Source, Cue, …) and its code-point ranges.
type bratSpan struct {
	typ string
	rng [][2]int
}

// parseBrat reads the T lines of a brat standoff file. Lines it cannot read are skipped;
// ranges are code-point offsets, start <= end, both >= 0.
func parseBrat(data string) []bratSpan {
	var out []bratSpan
	for _, line := range strings.Split(data, "\n") {
		p := strings.Split(line, "\t")
		if len(p) < 2 || !strings.HasPrefix(p[0], "T") {
			continue
		}
		f := strings.FieldsFunc(p[1], func(r rune) bool { return r == ' ' || r == ';' })
		if len(f) < 3 {
			continue
		}
		sp := bratSpan{typ: f[0]}
		for i := 1; i+1 < len(f); i += 2 {
			a, err1 := strconv.Atoi(f[i])
			b, err2 := strconv.Atoi(f[i+1])
			if err1 != nil || err2 != nil || a < 0 || b < a {
				sp.rng = nil
				break
			}
			sp.rng = append(sp.rng, [2]int{a, b})
		}
		if len(sp.rng) > 0 {
			out = append(out, sp)
		}
	}
	return out
}

// runeToByte returns the byte offset of each code point of s, and len(s) at the end.
func runeToByte(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// painted is a gold span placed in the cleaned text: bytes [lo,hi), an attrib B- tag.
type painted struct {
	lo, hi int
	tag    int
	span   int // index of the brat span it is part of (discontinuous spans have several)
}

// placeGold cleans one article and places its gold Content, Source and Cue spans in the
// cleaned text. ok is false when they could not all be placed.
func placeGold(raw, ann string) (text string, paras []clean.Span, ps []painted, ok bool) {
	text, paras = clean.Text(raw, "").Text()
	r2b := runeToByte(raw)
	hint := 0
	spans := parseBrat(ann)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].rng[0][0] < spans[j].rng[0][0] })
	for si, sp := range spans {
		var tag int
		switch sp.typ {
		case "Content":
			tag = attrib.BCon
		case "Source":
			tag = attrib.BSrc
		case "Cue":
			tag = attrib.BCue
		default:
			continue
		}
		for _, r := range sp.rng {
			if r[1] >= len(r2b) {
				return "", nil, nil, false
			}
			lo, hi := r2b[r[0]], r2b[r[1]]
			if text != raw {
				// Cleaning changed the text: find the span's words in it.
				frag := strings.TrimSpace(raw[lo:hi])
				if frag == "" {
					continue
				}
				i := strings.Index(text[max(0, min(hint, len(text))):], frag)
				if i < 0 {
					return "", nil, nil, false
				}
				lo = max(0, min(hint, len(text))) + i
				hi = lo + len(frag)
				hint = max(0, lo-2000)
			}
			ps = append(ps, painted{lo, hi, tag, si})
		}
	}
	return text, paras, ps, true
}

// quoteTrainingDoc turns one article and its attributions into tagger sentences. ok is
// false when the gold spans could not all be placed in the cleaned text.
func quoteTrainingDoc(raw, ann string, rec *entity.Recognizer) (seqs []attrib.Seq, ok bool) {
	text, paras, ps, ok := placeGold(raw, ann)
	if !ok {
		return nil, false
	}
	// Paint each byte of text with the smallest gold span over it, so nested attributions
	// keep their inner source, cue and content.
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].hi-ps[i].lo > ps[j].hi-ps[j].lo })
	lab := make([]int8, len(text)+1)
	id := make([]int32, len(text)+1)
	for k, p := range ps {
		for b := p.lo; b < p.hi && b < len(text); b++ {
			lab[b], id[b] = int8(p.tag), int32(k+1)
		}
	}
	np := make([]nlp.Span, len(paras))
	for i, s := range paras {
		np[i] = nlp.Span{Start: s.Start, End: s.End}
	}
	nd := nlp.Analyze(text, np)
	rec.Recognize(nd) // sets the tokens' entity tags, as the pipeline does before quotes
	sents, tspans := quote.TaggerInput(nd)
	for si, toks := range sents {
		gold := make([]int, len(toks))
		for i, sp := range tspans[si] {
			b := sp[0]
			t := int(lab[b])
			if t == 0 {
				continue
			}
			if i > 0 && id[tspans[si][i-1][0]] == id[b] {
				t++ // I-X continues the same gold span
			}
			gold[i] = t
		}
		seqs = append(seqs, attrib.Seq{Toks: toks, Gold: gold})
	}
	return seqs, true
}

// polnearDoc is one article of a PolNeAR split: its text and its attributions.
type polnearDoc struct{ name, raw, ann string }

// polnearDocs reads a PolNeAR split (text/ and attributions/), in name order, with the
// first annotator's file per article as the reference scorer reads it. skipped counts the
// articles that could not be read or are not UTF-8.
func polnearDocs(dir string) (docs []polnearDoc, skipped int, err error) {
	anns, _ := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	sort.Strings(anns)
	if len(anns) == 0 {
		return nil, 0, fmt.Errorf("no attributions under %s", dir)
	}
	done := map[string]bool{}
	for _, ann := range anns {
		base := filepath.Base(ann)
		name := base[:strings.LastIndexByte(base, '_')]
		if done[name] { // two annotators: the first file only, as the scorer does
			continue
		}
		done[name] = true
		raw, err1 := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		a, err2 := os.ReadFile(ann)
		if err1 != nil || err2 != nil || !utf8.Valid(raw) {
			skipped++
			continue
		}
		docs = append(docs, polnearDoc{name, string(raw), string(a)})
	}
	return docs, skipped, nil
}

// saveModel writes a trained model to path with save, closing the file and reporting the
// first error.
func saveModel(path string, save func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = save(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// runTrainQuotes trains the attribution tagger; the output replaces
// quote/attrib/model/attrib.bin.gz, which the binary embeds.
func runTrainQuotes(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("train-quotes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("polnear", "../shared/eval/quotes/polnear/train", "PolNeAR split with text/ and attributions/")
	iter := fs.Int("iter", 8, "passes over the training data")
	minCount := fs.Int("min-count", 2, "drop features seen fewer times in training")
	prune := fs.Int("prune", 0, "drop weight rows whose largest quantised weight is at most this")
	holdout := fs.Int("holdout", 0, "hold out every Nth article (sorted by name) and score it after each pass; 0 trains on all")
	holdList := fs.String("holdout-list", "", "write the held-out article names here")
	out := fs.String("out", "", "write the model here (gzip)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	pdocs, skipped, err := polnearDocs(*dir)
	if err != nil {
		fmt.Fprintln(stderr, "train-quotes:", err)
		return 1
	}
	rec := entity.New(ner.Default(), dict.Default())
	var train, held []attrib.Seq
	var heldNames []string
	docs := 0
	for _, d := range pdocs {
		seqs, ok := quoteTrainingDoc(d.raw, d.ann, rec)
		if !ok {
			skipped++
			continue
		}
		if *holdout > 0 && docs%*holdout == 0 {
			held = append(held, seqs...)
			heldNames = append(heldNames, d.name)
		} else {
			train = append(train, seqs...)
		}
		docs++
	}
	fmt.Fprintf(stdout, "%d articles (%d skipped: gold not placed in the cleaned text), %d training sentences, %d held out\n",
		docs, skipped, len(train), len(held))
	if *holdList != "" {
		if err := os.WriteFile(*holdList, []byte(strings.Join(heldNames, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(stderr, "train-quotes:", err)
			return 1
		}
	}
	t := attrib.Train(train, attrib.TrainOptions{Iter: *iter, MinCount: *minCount, Prune: int16(*prune), Dev: held, Log: stdout})
	if *out != "" {
		if err := saveModel(*out, t.Save); err != nil {
			fmt.Fprintln(stderr, "train-quotes:", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s (%d weight rows)\n", *out, t.Rows())
	}
	return 0
}
