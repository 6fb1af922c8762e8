package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
)

// QuoteScore is the attribution score on a PolNeAR-style split, computed as the reference
// scorer (score_quotes.py) does: a gold content is found when predictions that lie mostly
// inside it (at least half of each prediction's characters) together cover at least half
// of it; every prediction used by no gold content is a false positive. Speaker accuracy is
// over found contents whose gold source is not a pronoun.
type QuoteScore struct {
	Precision, Recall, F1 float64
	// Exact match: the prediction's span equals the gold content, quote marks and spaces
	// trimmed from both.
	ExactPrecision, ExactRecall, ExactF1 float64
	// Quote-marked contents only: gold contents in quotation marks against direct quotes.
	MarkedPrecision, MarkedRecall, MarkedF1 float64
	SpeakerAccuracy                         float64
	SpeakerN                                int // found contents with a named (non-pronoun) gold source
	CueAccuracy                             float64
	Docs, Gold, Predicted, Found            int
}

func (s QuoteScore) String() string {
	return fmt.Sprintf("quotes: P %.3f R %.3f F1 %.3f | exact F1 %.3f | quote-marked P %.3f R %.3f F1 %.3f | named-speaker accuracy %.3f on %d | cue accuracy %.3f | %d docs, %d gold, %d predicted",
		s.Precision, s.Recall, s.F1, s.ExactF1, s.MarkedPrecision, s.MarkedRecall, s.MarkedF1,
		s.SpeakerAccuracy, s.SpeakerN, s.CueAccuracy, s.Docs, s.Gold, s.Predicted)
}

// quotesPronouns are the gold sources left out of speaker accuracy, as in the reference scorer.
var quotesPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "i": true,
	"we": true, "you": true, "his": true, "her": true, "their": true}

var quotesTokRe = regexp.MustCompile(`[a-z][a-z'.-]+`)

// quotesGold is one gold attribution; ranges are code-point offsets.
type quotesGold struct {
	content [][2]int
	source  string
	cue     string
}

type quotesPred struct {
	lo, hi int // code points; hi == lo when the text was not found
	q      article.Quote
}

// ScoreQuotes scores predicted quotes (by article name, the text file's base name without
// .txt) against the brat attributions of splitDir. raw holds the article texts by name;
// missing ones are read from splitDir/text.
func ScoreQuotes(splitDir string, pred map[string][]article.Quote, raw map[string]string) QuoteScore {
	var s QuoteScore
	files, _ := filepath.Glob(filepath.Join(splitDir, "text", "*.txt"))
	sort.Strings(files)
	var tp, fp, fn, spkOK, cueOK int
	var exTP, mTP, mFP, mFN, mPred int
	for _, tf := range files {
		name := strings.TrimSuffix(filepath.Base(tf), ".txt")
		text, ok := raw[name]
		if !ok {
			b, err := os.ReadFile(tf)
			if err != nil {
				continue
			}
			text = string(b)
		}
		s.Docs++
		runes := []rune(text)
		gold := quotesLoadGold(splitDir, name)
		s.Gold += len(gold)
		var preds []quotesPred
		for _, q := range pred[name] {
			preds = append(preds, quotesLocate(text, q))
		}
		s.Predicted += len(preds)
		used := make([]bool, len(preds))
		mUsed := make([]bool, len(preds))
		mark := make([]bool, len(runes)+1)
		cov := make([]bool, len(runes)+1)
		for _, g := range gold {
			gc := quotesMark(mark, g.content, len(runes))
			marked := quotesIsMarked(runes, g.content)
			match := func(onlyDirect bool, usedBy []bool) (bool, int) {
				var ks []int
				for k, p := range preds {
					if p.hi <= p.lo || (onlyDirect && p.q.Kind != article.QuoteDirect) {
						continue
					}
					if 2*quotesOverlap(mark, p.lo, p.hi) >= p.hi-p.lo {
						ks = append(ks, k)
					}
				}
				if len(ks) == 0 {
					return false, -1
				}
				cover := 0
				for _, k := range ks {
					for c := preds[k].lo; c < preds[k].hi; c++ {
						if mark[c] && !cov[c] {
							cov[c] = true
							cover++
						}
					}
				}
				for _, k := range ks {
					for c := preds[k].lo; c < preds[k].hi; c++ {
						cov[c] = false
					}
				}
				if 2*cover < gc {
					return false, -1
				}
				best, bo := -1, -1
				for _, k := range ks {
					usedBy[k] = true
					if o := quotesOverlap(mark, preds[k].lo, preds[k].hi); o > bo {
						best, bo = k, o
					}
				}
				return true, best
			}
			found, best := match(false, used)
			if found {
				tp++
				q := preds[best].q
				src := strings.TrimSpace(g.source)
				if src != "" && !quotesPronouns[strings.ToLower(src)] {
					s.SpeakerN++
					sn, sl := strings.ToLower(q.SpeakerName), strings.ToLower(src)
					toks := quotesTokRe.FindAllString(sl, -1)
					var long []string
					for _, w := range toks {
						if utf8.RuneCountInString(w) > 2 {
							long = append(long, w)
						}
					}
					if sn != "" && (strings.Contains(sl, sn) || strings.Contains(sn, sl) ||
						(len(long) > 0 && strings.Contains(sn, long[len(long)-1]))) {
						spkOK++
					}
				}
				if gcue := strings.ToLower(strings.TrimSpace(g.cue)); gcue != "" && q.Cue != "" &&
					(strings.Contains(gcue, strings.ToLower(q.Cue)) || strings.Contains(strings.ToLower(q.Cue), gcue)) {
					cueOK++
				}
			} else {
				fn++
			}
			// Exact: a prediction spanning exactly the trimmed gold content.
			glo, ghi := quotesTrimRunes(runes, g.content[0][0], g.content[len(g.content)-1][1])
			for _, p := range preds {
				if p.hi > p.lo {
					if plo, phi := quotesTrimRunes(runes, p.lo, p.hi); plo == glo && phi == ghi {
						exTP++
						break
					}
				}
			}
			if marked {
				if ok, _ := match(true, mUsed); ok {
					mTP++
				} else {
					mFN++
				}
			}
			quotesUnmark(mark, g.content, len(runes))
		}
		for k, p := range preds {
			if !used[k] {
				fp++
			}
			if p.q.Kind == article.QuoteDirect {
				mPred++
				if !mUsed[k] && !used[k] {
					mFP++
				}
			}
		}
	}
	_ = mPred
	s.Found = tp
	s.Precision, s.Recall, s.F1 = quotesPRF(tp, fp, fn)
	s.ExactPrecision, s.ExactRecall, s.ExactF1 = quotesPRF(exTP, s.Predicted-exTP, s.Gold-exTP)
	s.MarkedPrecision, s.MarkedRecall, s.MarkedF1 = quotesPRF(mTP, mFP, mFN)
	s.SpeakerAccuracy = float64(spkOK) / float64(max(1, s.SpeakerN))
	s.CueAccuracy = float64(cueOK) / float64(max(1, tp))
	return s
}

func quotesPRF(tp, fp, fn int) (p, r, f float64) {
	p = float64(tp) / float64(max(1, tp+fp))
	r = float64(tp) / float64(max(1, tp+fn))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// quotesLocate finds a prediction's text in the article as the reference scorer does:
// trimmed of spaces and double quote marks, first occurrence, or the first 40 characters.
func quotesLocate(text string, q article.Quote) quotesPred {
	t := strings.Trim(strings.TrimSpace(q.Text), "\"“”")
	if t == "" {
		return quotesPred{q: q}
	}
	n := utf8.RuneCountInString(t)
	i := strings.Index(text, t)
	if i < 0 && n > 40 {
		head := string([]rune(t)[:40])
		i = strings.Index(text, head)
	}
	if i < 0 {
		return quotesPred{q: q}
	}
	lo := utf8.RuneCountInString(text[:i])
	total := utf8.RuneCountInString(text)
	return quotesPred{lo: lo, hi: min(lo+n, total), q: q}
}

func quotesMark(mark []bool, rng [][2]int, n int) int {
	c := 0
	for _, r := range rng {
		for i := max(0, r[0]); i < min(n, r[1]); i++ {
			if !mark[i] {
				mark[i] = true
				c++
			}
		}
	}
	return c
}

func quotesUnmark(mark []bool, rng [][2]int, n int) {
	for _, r := range rng {
		for i := max(0, r[0]); i < min(n, r[1]); i++ {
			mark[i] = false
		}
	}
}

func quotesOverlap(mark []bool, lo, hi int) int {
	c := 0
	for i := lo; i < hi && i < len(mark); i++ {
		if mark[i] {
			c++
		}
	}
	return c
}

func quotesIsQuoteMark(r rune) bool { return strings.ContainsRune("\"“”«»‘’'", r) }

// quotesIsMarked reports whether a gold content is in quotation marks: its first
// character, or the one before it, is a quote mark.
func quotesIsMarked(runes []rune, rng [][2]int) bool {
	a := rng[0][0]
	if a >= 0 && a < len(runes) && quotesIsQuoteMark(runes[a]) {
		return true
	}
	return a > 0 && a-1 < len(runes) && quotesIsQuoteMark(runes[a-1])
}

func quotesTrimRunes(runes []rune, lo, hi int) (int, int) {
	lo, hi = max(0, lo), min(len(runes), hi)
	for lo < hi && (unicode.IsSpace(runes[lo]) || quotesIsQuoteMark(runes[lo]) || runes[lo] == ',') {
		lo++
	}
	for hi > lo && (unicode.IsSpace(runes[hi-1]) || quotesIsQuoteMark(runes[hi-1]) || strings.ContainsRune(",.", runes[hi-1])) {
		hi--
	}
	return lo, hi
}

// quotesLoadGold reads the first annotator's brat file for an article.
func quotesLoadGold(splitDir, name string) []quotesGold {
	anns, _ := filepath.Glob(filepath.Join(splitDir, "attributions", name+"_*.ann"))
	if len(anns) == 0 {
		return nil
	}
	sort.Strings(anns)
	return quotesReadAnn(anns[0])
}

// QuoteAgreement scores annotators against each other, as ScoreQuotes scores Herald, on
// the articles of splitDir that more than one annotator marked: every ordered pair of
// their files, one as gold and the other as prediction, summed. It is the ceiling the
// content F1 is measured against: what a second annotator scores. pairs is the number of
// ordered pairs.
func QuoteAgreement(splitDir string) (p, r, f float64, pairs int) {
	anns, _ := filepath.Glob(filepath.Join(splitDir, "attributions", "*.ann"))
	sort.Strings(anns)
	byDoc := map[string][]string{}
	var docs []string
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i < 0 {
			continue
		}
		if byDoc[base[:i]] == nil {
			docs = append(docs, base[:i])
		}
		byDoc[base[:i]] = append(byDoc[base[:i]], a)
	}
	var tp, fp, fn int
	for _, d := range docs {
		files := byDoc[d]
		if len(files) < 2 {
			continue
		}
		golds := make([][]quotesGold, len(files))
		size := 0
		for i, f := range files {
			golds[i] = quotesReadAnn(f)
			for _, g := range golds[i] {
				for _, rg := range g.content {
					size = max(size, rg[1])
				}
			}
		}
		mark := make([]bool, size+1)
		cov := make([]bool, size+1)
		for a := range golds {
			for b := range golds {
				if a == b {
					continue
				}
				pairs++
				t, f, n := quotesPairScore(golds[a], golds[b], mark, cov)
				tp, fp, fn = tp+t, fp+f, fn+n
			}
		}
	}
	p, r, f = quotesPRF(tp, fp, fn)
	return p, r, f, pairs
}

// quotesPairScore matches the contents of pred against those of gold as ScoreQuotes
// matches predictions: a gold content is found when the pred contents mostly inside it
// cover half of it. mark and cov are scratch, all false, as long as the largest offset.
func quotesPairScore(gold, pred []quotesGold, mark, cov []bool) (tp, fp, fn int) {
	used := make([]bool, len(pred))
	inside := func(p quotesGold) (in, total int) {
		for _, rg := range p.content {
			for c := rg[0]; c < rg[1]; c++ {
				total++
				if mark[c] {
					in++
				}
			}
		}
		return in, total
	}
	for _, g := range gold {
		gc := quotesMark(mark, g.content, len(mark)-1)
		var ks []int
		for k, p := range pred {
			if in, total := inside(p); total > 0 && 2*in >= total {
				ks = append(ks, k)
			}
		}
		cover := 0
		for _, k := range ks {
			for _, rg := range pred[k].content {
				for c := rg[0]; c < rg[1]; c++ {
					if mark[c] && !cov[c] {
						cov[c] = true
						cover++
					}
				}
			}
		}
		for _, k := range ks {
			for _, rg := range pred[k].content {
				for c := rg[0]; c < rg[1]; c++ {
					cov[c] = false
				}
			}
		}
		if len(ks) > 0 && 2*cover >= gc {
			tp++
			for _, k := range ks {
				used[k] = true
			}
		} else {
			fn++
		}
		quotesUnmark(mark, g.content, len(mark)-1)
	}
	for _, u := range used {
		if !u {
			fp++
		}
	}
	return tp, fp, fn
}

// quotesReadAnn reads the attributions of one brat file.
func quotesReadAnn(path string) []quotesGold {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	type tb struct {
		rng  [][2]int
		text string
	}
	ts := map[string]tb{}
	var out []quotesGold
	for _, line := range strings.Split(string(data), "\n") {
		p := strings.Split(line, "\t")
		switch {
		case strings.HasPrefix(p[0], "T") && len(p) >= 3:
			f := strings.FieldsFunc(p[1], func(r rune) bool { return r == ' ' || r == ';' })
			var rng [][2]int
			for i := 1; i+1 < len(f); i += 2 {
				a, _ := strconv.Atoi(f[i])
				b, _ := strconv.Atoi(f[i+1])
				rng = append(rng, [2]int{a, b})
			}
			ts[p[0]] = tb{rng, p[2]}
		case strings.HasPrefix(p[0], "E") && len(p) >= 2:
			parts := map[string]string{}
			for _, kv := range strings.Fields(p[1]) {
				k, v, _ := strings.Cut(kv, ":")
				parts[k] = v
			}
			c, ok := ts[parts["Content"]]
			if !ok || len(c.rng) == 0 {
				continue
			}
			out = append(out, quotesGold{content: c.rng, source: ts[parts["Source"]].text, cue: ts[parts["Cue"]].text})
		}
	}
	return out
}
