package eval

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/clean"
)

// CleaningScore measures repeat and boilerplate removal on articles corrupted the way
// scrapers corrupt them: the headline repeated, paragraphs repeated exactly or with a small
// edit, boilerplate lines inserted. The gold is what was injected, so any set of clean
// articles serves as test data. A removal that was not injected is a false positive; an
// injected copy left in the text is a false negative.
type CleaningScore struct {
	ByKind map[string]PRF
	Docs   int
	// Original paragraphs (as Herald cleans the uncorrupted article) found again, in order,
	// in the cleaned corrupted article.
	ParagraphsKept, Paragraphs int
	TitleRight                 int
}

// Overall sums the kinds.
func (s CleaningScore) Overall() PRF {
	var o PRF
	for _, v := range s.ByKind {
		o.TP += v.TP
		o.FP += v.FP
		o.FN += v.FN
	}
	return o
}

func (s CleaningScore) String() string {
	var b strings.Builder
	o := s.Overall()
	fmt.Fprintf(&b, "cleaning (injected repeats and boilerplate): P %.3f R %.3f F1 %.3f on %d docs; original paragraphs kept in order %d/%d (%.3f); headline right %d/%d",
		o.Precision(), o.Recall(), o.F1(), s.Docs, s.ParagraphsKept, s.Paragraphs, ratio(s.ParagraphsKept, s.Paragraphs), s.TitleRight, s.Docs)
	kinds := make([]string, 0, len(s.ByKind))
	for k := range s.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		v := s.ByKind[k]
		fmt.Fprintf(&b, "\n  %-20s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", k, v.Precision(), v.Recall(), v.F1(), v.TP, v.FP, v.FN)
	}
	return b.String()
}

var cleaningBoilerplate = []string{"Advertisement", "Read more", "Share this article", "Story continues below advertisement"}

// ScoreCleaning corrupts each text (deterministically from seed) and scores clean.Text.
func ScoreCleaning(texts []string, seed uint64) CleaningScore {
	s := CleaningScore{ByKind: map[string]PRF{}}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	for _, text := range texts {
		orig := clean.Text(text, "")
		if orig.Title == "" || len(orig.Paragraphs) < 3 {
			continue // nothing to corrupt around
		}
		s.Docs++
		injected := map[string]int{} // kind -> count
		var lines []string
		lines = append(lines, orig.Title, orig.Title)
		injected[article.RemovedDuplicateTitle]++
		paras := orig.Paragraphs
		for i, p := range paras {
			lines = append(lines, p)
			if rng.IntN(6) == 0 {
				lines = append(lines, cleaningBoilerplate[rng.IntN(len(cleaningBoilerplate))])
				injected[article.RemovedBoilerplate]++
			}
			// Repeat an earlier paragraph of enough words, exactly or with one word dropped.
			if i > 0 && rng.IntN(4) == 0 {
				src := paras[rng.IntN(i)]
				words := strings.Fields(src)
				if len(words) < 12 {
					continue
				}
				if rng.IntN(2) == 0 {
					k := 1 + rng.IntN(len(words)-2)
					src = strings.Join(append(append([]string{}, words[:k]...), words[k+1:]...), " ")
				}
				lines = append(lines, src)
				injected[article.RemovedDuplicateParagraph]++
			}
		}
		got := clean.Text(strings.Join(lines, "\n"), "")
		if got.Title == orig.Title {
			s.TitleRight++
		}
		removed := map[string]int{}
		for _, r := range got.Removed {
			removed[r.Kind]++
		}
		for _, k := range []string{article.RemovedDuplicateTitle, article.RemovedDuplicateParagraph, article.RemovedBoilerplate} {
			v := s.ByKind[k]
			tp := min(removed[k], injected[k])
			v.TP += max(0, tp)
			v.FP += max(0, removed[k]-injected[k])
			v.FN += max(0, injected[k]-removed[k])
			s.ByKind[k] = v
		}
		// Every original paragraph kept, in order.
		j := 0
		for _, p := range orig.Paragraphs {
			s.Paragraphs++
			for j < len(got.Paragraphs) && got.Paragraphs[j] != p {
				j++
			}
			if j < len(got.Paragraphs) {
				s.ParagraphsKept++
				j++
			}
		}
	}
	return s
}
