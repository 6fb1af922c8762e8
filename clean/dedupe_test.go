package clean

import (
	"hash/maphash"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/heraldnews/herald/article"
)

// TestDedupeMatchesReference compares dedupe with the version before its keys were split
// into words lazily, on random articles with exact and near repeats.
func TestDedupeMatchesReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	vocab := strings.Fields("the minister said on Tuesday that talks would resume in Geneva next week after a pause of two months Advertisement Read more É café 2024")
	near := 0
	for range 3000 {
		var blocks []string
		for range 1 + rng.IntN(12) {
			switch {
			case len(blocks) > 0 && rng.IntN(4) == 0: // a repeat, maybe altered
				b := blocks[rng.IntN(len(blocks))]
				if rng.IntN(2) == 0 {
					b += " " + vocab[rng.IntN(len(vocab))]
				}
				blocks = append(blocks, b)
			default:
				var ws []string
				for range 1 + rng.IntN(20) {
					ws = append(ws, vocab[rng.IntN(len(vocab))])
				}
				blocks = append(blocks, strings.Join(ws, []string{" ", "  ", ", "}[rng.IntN(3)]))
			}
		}
		title := blocks[rng.IntN(len(blocks))]
		k1, r1 := dedupe(blocks, title)
		k2, r2 := dedupeRef(blocks, title)
		for _, r := range r1 {
			if r.Kind == article.RemovedDuplicateParagraph && !slices.Contains(k1, r.Text) {
				near++
			}
		}
		if !reflect.DeepEqual(k1, k2) || !reflect.DeepEqual(r1, r2) {
			t.Fatalf("dedupe(%q) = %q, %v; reference %q, %v", blocks, k1, r1, k2, r2)
		}
	}
	if near < 100 {
		t.Errorf("only %d near repeats removed: the test misses that path", near)
	}
}

func dedupeRef(blocks []string, title string) ([]string, []article.Removed) {
	kept := make([]string, 0, len(blocks))
	removed := []article.Removed{}
	titleKey := key(title)
	exact := make(map[uint64]bool, len(blocks))
	anchors := make(map[uint64][]int, 2*len(blocks)) // anchor hash -> indexes into kept
	keptWords := make([][]string, 0, len(blocks))
	for _, b := range blocks {
		k := key(b)
		if k == "" {
			continue
		}
		if titleKey != "" && (k == titleKey || (strings.HasPrefix(k, titleKey) && len(k)-len(titleKey) < 3)) {
			removed = append(removed, article.Removed{Kind: article.RemovedDuplicateTitle, Text: b})
			continue
		}
		if isBoilerplate(k) {
			removed = append(removed, article.Removed{Kind: article.RemovedBoilerplate, Text: b})
			continue
		}
		words := strings.Fields(k)
		h := maphash.String(seed, k)
		if len(words) >= minDupWords && exact[h] {
			removed = append(removed, article.Removed{Kind: article.RemovedDuplicateParagraph, Text: b})
			continue
		}
		var heads [2]uint64
		nh := 0
		if len(words) >= nearMinWords {
			heads[0] = maphash.String(seed, "^"+strings.Join(words[:anchorWords], " "))
			heads[1] = maphash.String(seed, "$"+strings.Join(words[len(words)-anchorWords:], " "))
			nh = 2
			if nearRepeatRef(words, heads[:nh], anchors, keptWords) {
				removed = append(removed, article.Removed{Kind: article.RemovedDuplicateParagraph, Text: b})
				continue
			}
		}
		exact[h] = true
		for _, a := range heads[:nh] {
			anchors[a] = append(anchors[a], len(kept))
		}
		kept = append(kept, b)
		keptWords = append(keptWords, words)
	}
	return kept, removed
}
func nearRepeatRef(words []string, heads []uint64, anchors map[uint64][]int, keptWords [][]string) bool {
	for _, a := range heads {
		cands := anchors[a]
		// Bound the work per paragraph: many paragraphs sharing an opening are not all
		// compared.
		if len(cands) > 8 {
			cands = cands[len(cands)-8:]
		}
		for _, c := range cands {
			if jaccard(words, keptWords[c]) >= nearJaccard {
				return true
			}
		}
	}
	return false
}

func TestBoilerplateSocialHandles(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"Follow Lena Ortiz on Twitter @lenaortiz.", true},
		{"Follow the author on Instagram", true},
		{"Follow us on Facebook", true},
		{"Follow the money, the senator said on Twitter last week, and you will find the donors.", false},
		{"Berg will follow Ortiz on the ticket.", false},
		{"Follow the money, he said on Twitter.", false},
	} {
		if got := isBoilerplate(key(tc.line)); got != tc.want {
			t.Errorf("%q: boilerplate %v, want %v", tc.line, got, tc.want)
		}
	}
}
