package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
)

// ExtractScore is the article-body extraction score in the style of the
// article-extraction-benchmark (scrapinghub): word 4-gram shingles, precision
// and recall computed per page and then averaged, so a long page weighs no
// more than a short one, and F1 taken of the two means.
type ExtractScore struct {
	Precision, Recall, F1 float64
	// Pages is the number of pages in the ground truth; Extracted is how many
	// of them had an entry in the bodies map (an empty body still counts).
	Pages, Extracted int
}

func (s ExtractScore) String() string {
	return fmt.Sprintf("article body: P %.3f R %.3f F1 %.3f on %d pages, %d extracted",
		s.Precision, s.Recall, s.F1, s.Pages, s.Extracted)
}

// extractTruth is one entry of ground-truth.json (KEY -> {articleBody, url}).
type extractTruth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// ScoreExtract scores extracted bodies against a ground-truth file.
// groundTruthJSON is the path of ground-truth.json; as a convenience for tests
// and callers that already hold the bytes, a string that starts with '{' is
// taken as the JSON document itself. bodies maps a page key (the HTML file name
// without ".html") to the extracted body text; paragraphs should be joined with
// "\n". A page missing from bodies scores precision 0 and recall 0, as in
// score_extract.py.
func ScoreExtract(groundTruthJSON string, bodies map[string]string) (ExtractScore, error) {
	truth, err := extractLoadTruth(groundTruthJSON)
	if err != nil {
		return ExtractScore{}, err
	}
	if len(truth) == 0 {
		return ExtractScore{}, fmt.Errorf("eval: ground truth has no pages")
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	// Summing in a fixed order keeps the float results identical run to run.
	sort.Strings(keys)
	var s ExtractScore
	for _, k := range keys {
		body, ok := bodies[k]
		if ok {
			s.Extracted++
		}
		p, r := ExtractPageScore(truth[k].ArticleBody, body)
		s.Precision += p
		s.Recall += r
	}
	s.Pages = len(keys)
	s.Precision /= float64(s.Pages)
	s.Recall /= float64(s.Pages)
	s.F1 = 2 * s.Precision * s.Recall / max(1e-9, s.Precision+s.Recall)
	return s, nil
}

// ExtractTruthBodies reads a ground-truth file (path, or JSON text starting
// with '{') and returns page key -> article body and page key -> URL.
func ExtractTruthBodies(groundTruthJSON string) (bodies, urls map[string]string, err error) {
	truth, err := extractLoadTruth(groundTruthJSON)
	if err != nil {
		return nil, nil, err
	}
	bodies = make(map[string]string, len(truth))
	urls = make(map[string]string, len(truth))
	for k, v := range truth {
		bodies[k] = v.ArticleBody
		urls[k] = v.URL
	}
	return bodies, urls, nil
}

func extractLoadTruth(src string) (map[string]extractTruth, error) {
	var data []byte
	if strings.HasPrefix(strings.TrimSpace(src), "{") {
		data = []byte(src)
	} else {
		b, err := os.ReadFile(src)
		if err != nil {
			return nil, fmt.Errorf("eval: read ground truth: %w", err)
		}
		data = b
	}
	var truth map[string]extractTruth
	if err := json.Unmarshal(data, &truth); err != nil {
		return nil, fmt.Errorf("eval: parse ground truth: %w", err)
	}
	return truth, nil
}

// ExtractPageScore returns the shingle precision and recall of one predicted
// body against its true body, exactly as prf() in score_extract.py: both empty
// (no false positives and no false negatives) is a perfect 1, 1.
func ExtractPageScore(truth, pred string) (precision, recall float64) {
	a, b := extractShingles(truth), extractShingles(pred)
	var tp, fp, fn int
	for k, na := range a {
		nb := b[k]
		tp += min(na, nb)
		fn += max(0, na-nb)
	}
	for k, nb := range b {
		fp += max(0, nb-a[k])
	}
	if fp == 0 && fn == 0 {
		return 1, 1
	}
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return precision, recall
}

// extractWords splits text into runs of word characters the way Python's
// re.findall(r'\w+') does on str: letters, numbers (Python's isalnum covers
// every numeric category, not only decimal digits) and the underscore.
func extractWords(text string) []string {
	var words []string
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, text[start:])
	}
	return words
}

// extractShingles counts word 4-grams. As in the Python scorer, a text of one
// to three words yields a single shorter shingle, and an empty text none.
// Words are joined with NUL, which is never a word character, so distinct
// tuples always give distinct keys.
func extractShingles(text string) map[string]int {
	const n = 4
	w := extractWords(text)
	out := make(map[string]int, len(w))
	if len(w) == 0 {
		return out
	}
	for i := 0; i < max(1, len(w)-n+1); i++ {
		out[strings.Join(w[i:min(i+n, len(w))], "\x00")]++
	}
	return out
}
