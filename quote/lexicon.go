package quote

import (
	_ "embed"
	"strconv"
	"strings"
)

// The rule data lives in readable files beside the code so users can edit it:
// cues.txt is learned from PolNeAR by gencues, weakcues.txt lists learned cues that
// measured badly, speech.txt and hedges.txt are hand-written.
var (
	//go:embed data/cues.txt
	cuesTxt string
	//go:embed data/speech.txt
	speechTxt string
	//go:embed data/hedges.txt
	hedgesTxt string
	//go:embed data/weakcues.txt
	weakTxt string
)

// Learned cues count only when the annotators marked them as a cue at least minCueCount
// times and in at least minCueRate of their occurrences: "in" and "support" are cues now
// and then, but marking every one would flood the output.
const (
	minCueCount = 3
	minCueRate  = 0.12
)

// phrase is one cue or hedge: its words after the first, lower case.
type phrase struct {
	rest    []string
	text    string  // the whole phrase
	before  float64 // share of training cues that came before their content (0.5 when unknown)
	guessed bool    // not in the lexicon: the attribution tagger labelled it a cue
}

// lexicon maps a lower-case first word to the phrases starting with it, longest first.
// filter has bit min(len,63) set under each first byte of a first word, so most tokens
// are rejected without hashing.
type lexicon struct {
	m      map[string][]phrase
	filter [256]uint64
}

func (l *lexicon) maybe(w string) bool {
	return len(w) > 0 && l.filter[w[0]]&(1<<min(len(w), 63)) != 0
}

var (
	speechVerbs = map[string]bool{} // the hand-written list: always cues
	cueLex      = &lexicon{m: map[string][]phrase{}}
	hedgeLex    = &lexicon{m: map[string][]phrase{}}
)

func init() {
	weak := map[string]bool{}
	for _, line := range dataLines(weakTxt) {
		weak[strings.Split(line, "\t")[0]] = true
	}
	for _, line := range strings.Split(cuesTxt, "\n") {
		f := strings.Split(strings.TrimSpace(line), "\t")
		if len(f) < 5 || strings.HasPrefix(f[0], "#") {
			continue
		}
		cue, _ := strconv.Atoi(f[1])
		seen, _ := strconv.Atoi(f[2])
		bef, _ := strconv.Atoi(f[3])
		aft, _ := strconv.Atoi(f[4])
		// Adverbs ("reportedly") mark an attribution without being its cue: they are hedges.
		if cue < minCueCount || float64(cue) < minCueRate*float64(seen) || strings.HasSuffix(f[0], "ly") || weak[f[0]] {
			continue
		}
		cueLex.add(f[0], float64(bef+1)/float64(bef+aft+2))
	}
	for _, w := range dataLines(speechTxt) {
		speechVerbs[w] = true
		if _, ok := cueLex.find(w); !ok {
			cueLex.add(w, 0.5)
		}
	}
	for _, w := range dataLines(hedgesTxt) {
		hedgeLex.add(w, 0.5)
	}
}

func dataLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.ToLower(strings.TrimSpace(line))
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// add inserts a phrase; its words must be tokens as nlp.Tokenize makes them, so clitics
// ("didn't") are split the same way.
func (l *lexicon) add(p string, before float64) {
	var ws []string
	for _, w := range strings.Fields(p) {
		w = strings.ReplaceAll(w, "’", "'")
		if n := strings.Index(w, "n't"); n > 0 && n == len(w)-3 {
			ws = append(ws, w[:n], "n't")
			continue
		}
		if n := strings.Index(w, "'"); n > 0 {
			ws = append(ws, w[:n], w[n:])
			continue
		}
		ws = append(ws, w)
	}
	if len(ws) == 0 {
		return
	}
	ph := phrase{rest: ws[1:], text: strings.Join(ws, " "), before: before}
	l.filter[ws[0][0]] |= 1 << min(len(ws[0]), 63)
	list := l.m[ws[0]]
	i := 0
	for i < len(list) && len(list[i].rest) >= len(ph.rest) {
		i++
	}
	list = append(list, phrase{})
	copy(list[i+1:], list[i:])
	list[i] = ph
	l.m[ws[0]] = list
}

// find returns the phrase exactly equal to p.
func (l *lexicon) find(p string) (phrase, bool) {
	ws := strings.Fields(p)
	if len(ws) == 0 {
		return phrase{}, false
	}
	for _, ph := range l.m[ws[0]] {
		if ph.text == strings.Join(ws, " ") {
			return ph, true
		}
	}
	return phrase{}, false
}
