package clean

import (
	"hash/maphash"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
)

// Paragraphs shorter than this many words are removed only as exact repeats of the title;
// short lines ("Photo", "1-0") repeat legitimately.
const minDupWords = 5

// Near-exact repeats: word-level Jaccard similarity at or above this, for paragraphs of at
// least nearMinWords words.
const (
	nearJaccard  = 0.85
	nearMinWords = 8
	anchorWords  = 6 // a near repeat shares its first or its last few words with the original
)

var seed = maphash.MakeSeed()

// dedupe drops repeated titles, repeated paragraphs and boilerplate lines from blocks,
// keeping first occurrences in order. It runs in linear time: near repeats are looked up by
// their first and last words (scrapers that double a paragraph keep at least one end
// intact), then confirmed by word overlap.
func dedupe(blocks []string, title string) ([]string, []article.Removed) {
	kept := make([]string, 0, len(blocks))
	removed := []article.Removed{}
	titleKey := key(title)
	exact := make(map[uint64]bool, len(blocks))
	anchors := make(map[uint64][]int, 2*len(blocks)) // anchor hash -> indexes into kept
	// The keys of the kept blocks; their words are split out only when a later block
	// shares an anchor with them (rare), not for every block.
	keptKeys := make([]string, 0, len(blocks))
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
		// A key is words of letters and digits joined by single spaces.
		nw := strings.Count(k, " ") + 1
		h := maphash.String(seed, k)
		if nw >= minDupWords && exact[h] {
			removed = append(removed, article.Removed{Kind: article.RemovedDuplicateParagraph, Text: b})
			continue
		}
		var heads [2]uint64
		nh := 0
		if nw >= nearMinWords {
			heads[0] = anchorHash('^', firstWords(k, anchorWords))
			heads[1] = anchorHash('$', lastWords(k, anchorWords))
			nh = 2
			if nearRepeat(k, heads[:nh], anchors, keptKeys) {
				removed = append(removed, article.Removed{Kind: article.RemovedDuplicateParagraph, Text: b})
				continue
			}
		}
		exact[h] = true
		for _, a := range heads[:nh] {
			anchors[a] = append(anchors[a], len(kept))
		}
		kept = append(kept, b)
		keptKeys = append(keptKeys, k)
	}
	return kept, removed
}

// anchorHash hashes mark followed by words, as maphash.String(seed, string(mark)+words)
// would, without building the string.
func anchorHash(mark byte, words string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteByte(mark)
	h.WriteString(words)
	return h.Sum64()
}

// firstWords returns the first n words of key k (words joined by single spaces).
func firstWords(k string, n int) string {
	for i := 0; i < len(k); i++ {
		if k[i] == ' ' {
			if n--; n == 0 {
				return k[:i]
			}
		}
	}
	return k
}

// lastWords returns the last n words of key k.
func lastWords(k string, n int) string {
	for i := len(k) - 1; i >= 0; i-- {
		if k[i] == ' ' {
			if n--; n == 0 {
				return k[i+1:]
			}
		}
	}
	return k
}

// nearRepeat reports whether key k nearly repeats a kept paragraph sharing an anchor.
func nearRepeat(k string, heads []uint64, anchors map[uint64][]int, keptKeys []string) bool {
	var words []string
	for _, a := range heads {
		cands := anchors[a]
		// Bound the work per paragraph: many paragraphs sharing an opening are not all
		// compared.
		if len(cands) > 8 {
			cands = cands[len(cands)-8:]
		}
		for _, c := range cands {
			if words == nil {
				words = strings.Fields(k)
			}
			if jaccard(words, strings.Fields(keptKeys[c])) >= nearJaccard {
				return true
			}
		}
	}
	return false
}

func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// Lengths far apart cannot reach the threshold.
	la, lb := float64(len(a)), float64(len(b))
	if min(la, lb)/max(la, lb) < nearJaccard {
		return 0
	}
	set := make(map[string]uint8, len(a))
	for _, w := range a {
		set[w] |= 1
	}
	for _, w := range b {
		set[w] |= 2
	}
	inter := 0
	for _, v := range set {
		if v == 3 {
			inter++
		}
	}
	return float64(inter) / float64(len(set))
}

// key normalises a block for comparison: lower case, letters and digits only, single spaces.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		// ASCII byte by byte (most text), the same tests as below.
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c)
			} else {
				space = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size - 1
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// boilerplate lines are site furniture that scrapers keep: whole lines (as normalised keys)
// and line openings. Kept short and specific so no article sentence matches.
var boilerplateLines = map[string]bool{
	"advertisement": true, "advertisements": true, "sponsored content": true,
	"read the rest here": true, "read more": true, "continue reading": true,
	"share this article": true, "share this": true, "share": true, "related": true,
	"related articles": true, "related stories": true, "recommended": true,
	"click here to subscribe": true, "subscribe": true, "sign up for our newsletter": true,
	"skip to main content": true, "skip to content": true, "story continues below": true,
	"story continues below advertisement": true, "all rights reserved": true,
	"view comments": true, "comments": true, "print": true, "email": true,
}

var boilerplatePrefixes = []string{
	"follow us on ", "click here to ", "sign up for ", "subscribe to our ", "copyright 1", "copyright 2",
	"this article was originally published", "read more ", "you might also like",
	"we use cookies", "this site uses cookies", "all rights reserved",
}

func isBoilerplate(k string) bool {
	if boilerplateLines[k] {
		return true
	}
	if len(k) > 120 {
		return false
	}
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return socialHandle(k)
}

// socialHandle reports whether line key k is a byline's social handle: "follow", one to
// three words, "on" and a network, at most a handle after it ("Follow Lena Ortiz on
// Twitter @lenaortiz"), not "follow the money, he said on Twitter".
func socialHandle(k string) bool {
	w := strings.Fields(k)
	if len(w) < 4 || len(w) > 8 || w[0] != "follow" {
		return false
	}
	for i := 2; i <= 4 && i+1 < len(w); i++ {
		if w[i] == "on" {
			switch w[i+1] {
			case "twitter", "x", "instagram", "facebook", "threads", "bluesky":
				return len(w)-(i+2) <= 1
			}
		}
	}
	return false
}
