package ner

// Forcing plain runs to O.
//
// In news prose most tokens are lower-case words and punctuation away from any capitalised
// word, and the tagger tags them O. The decoder forces a token to O without scoring it when
// it and both its neighbours are plain: no upper-case letter, no digit, nothing but
// letters and ordinary punctuation (tokInfo.plain), and no part of a gazetteer match (the
// lower-case titles such as "president" are matches). A sentence without a word that
// begins with a capital is scored whole. The sentence flags and the gazetteer are computed
// over the whole sentence first, and a scored token's scores are exactly the unforced
// decoder's, since its features read its neighbours' words, never their tags.
//
// Each run of scored tokens is decoded from the sentence start or from the O of the forced
// token before it, and into the O of the forced token after it (that token's history
// scores into O are summed): the tags are those of the full Viterbi search with only O
// allowed at the forced tokens. Dropping the history score into the next O changed
// entities on 7 of the 840 PolNeAR texts ("Trump University of"); with it the output is
// byte-identical (see README.md).

// skipRadius is how many tokens either side of a token must be plain for it to be forced.
// 1 and 2 tagged alike; 1 forces 61% of the PolNeAR tokens, 2 only 47% (README.md).
const skipRadius = 1

// Token modes set by markSkip.
const (
	modeFar    = iota // forced to O; no scored token within two, so its rows are not read
	modeNear          // forced to O; a scored token within two reads its context rows
	modeScored        // scored and decoded
)

func plainTok(t *tokInfo) bool { return t.plain && t.gaz == 0 }

// markSkip sets mode[i] for every token of ts, whose gazetteer bits must be marked; radius
// 0 forces nothing.
func markSkip(ts []tokInfo, mode []uint8, radius int) {
	n := len(ts)
	if radius <= 0 || n == 0 {
		for i := range mode[:n] {
			mode[i] = modeScored
		}
		return
	}
	caps := false
	for i := range ts {
		if ts[i].flags&flUpper != 0 {
			caps = true
			break
		}
	}
	if !caps {
		for i := range mode[:n] {
			mode[i] = modeScored
		}
		return
	}
	// run counts the plain tokens ending at i.
	run := 0
	for i := 0; i < n+radius; i++ {
		if i < n {
			if plainTok(&ts[i]) {
				run++
			} else {
				run = 0
			}
		} else {
			run++ // past the end counts as plain
		}
		// Token c = i-radius is forced when tokens c-radius … c+radius are plain; before
		// the start counts as plain.
		c := i - radius
		if c < 0 {
			continue
		}
		if run >= 2*radius+1 || run >= i+1 {
			mode[c] = modeFar
		} else {
			mode[c] = modeScored
		}
	}
	for i := 0; i < n; i++ {
		if mode[i] != modeScored {
			continue
		}
		for j := max(i-2, 0); j <= min(i+2, n-1); j++ {
			if mode[j] == modeFar {
				mode[j] = modeNear
			}
		}
	}
}
