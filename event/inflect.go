package event

import "strings"

// inflect returns the regular forms of a verb lemma, as PETRARCH2 generates them for
// verbs the dictionary lists without irregular forms: -s, -ed, -ing, with the spelling
// rules of English (agree→agreed, deny→denied, ban→banned, stop→stopping). Doubling a
// final consonant is a guess (visit→visited, not visitted), so both spellings are
// indexed: a spelling that is not a word never matches text and costs nothing.
// In a phrase ("+rule_out") the word marked '+' is inflected.
func inflect(spelling string) []string {
	words := strings.Split(spelling, "_")
	head := 0
	for i, w := range words {
		if strings.HasPrefix(w, "+") {
			head = i
		}
	}
	w := strings.TrimPrefix(words[head], "+")
	mark := ""
	if len(words) > 1 {
		mark = "+"
	}
	var out []string
	for _, f := range inflectWord(w) {
		ws := append([]string(nil), words...)
		ws[head] = mark + f
		out = append(out, strings.Join(ws, "_"))
	}
	return out
}

func inflectWord(w string) []string {
	n := len(w)
	if n < 2 {
		return nil
	}
	last := w[n-1]
	switch {
	case strings.HasSuffix(w, "ie"): // tie → ties, tied, tying
		return []string{w + "s", w + "d", w[:n-2] + "ying"}
	case last == 'e': // agree, agreed, agreeing; seize, seized, seizing
		if strings.HasSuffix(w, "ee") {
			return []string{w + "s", w + "d", w + "ing"}
		}
		return []string{w + "s", w + "d", w[:n-1] + "ing"}
	case last == 'y' && !isVowel(w[n-2]): // deny → denies, denied, denying
		return []string{w[:n-1] + "ies", w[:n-1] + "ied", w + "ing"}
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") ||
		last == 'x' || last == 'z' || last == 's':
		return []string{w + "es", w + "ed", w + "ing"}
	}
	out := []string{w + "s", w + "ed", w + "ing"}
	// consonant–vowel–consonant: ban → banned; also the plain spelling above (visit).
	if n >= 3 && !isVowel(last) && last != 'w' && last != 'x' && last != 'y' &&
		isVowel(w[n-2]) && !isVowel(w[n-3]) {
		out = append(out, w+string(last)+"ed", w+string(last)+"ing")
	}
	return out
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// plurals returns the regular plural of a pattern noun (dictionaries.rst: -s, -ies after
// y, -es after ss).
func plurals(w string) []string {
	n := len(w)
	switch {
	case n == 0:
		return nil
	case w[n-1] == 'y' && n > 1 && !isVowel(w[n-2]):
		return []string{w[:n-1] + "ies"}
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || w[n-1] == 'x':
		return []string{w + "es"}
	case w[n-1] == 's':
		return nil
	}
	return []string{w + "s"}
}

// irregularPast holds past forms common among the dictionary's irregular verbs, so that
// "was hit by", "were shot" read as passive.
var irregularPast = map[string]bool{
	"hit": true, "shot": true, "struck": true, "beaten": true, "beat": true, "seen": true,
	"held": true, "taken": true, "took": true, "given": true, "gave": true, "sent": true,
	"brought": true, "caught": true, "fought": true, "thrown": true, "threw": true,
	"blown": true, "blew": true, "met": true, "put": true, "set": true, "led": true,
	"made": true, "kept": true, "left": true, "sought": true, "told": true, "said": true,
	"won": true, "lost": true, "stolen": true, "stole": true, "broken": true, "broke": true,
	"driven": true, "drove": true, "forbidden": true, "forbade": true, "overrun": true,
	"overran": true, "slain": true, "slew": true, "withdrawn": true, "withdrew": true,
	"bound": true, "spoken": true, "spoke": true, "hung": true, "shut": true, "cut": true,
	"ridden": true, "begun": true, "began": true, "shaken": true, "bitten": true,
	"undertaken": true, "forgiven": true, "sworn": true, "swore": true, "bid": true,
	"fled": true, "sold": true, "bought": true, "paid": true, "laid": true, "dealt": true,
	"sped": true, "spent": true, "spread": true, "stood": true, "understood": true,
}

func isIrregularPast(w string) bool { return irregularPast[w] }
