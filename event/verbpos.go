package event

import (
	"os"
	"strings"

	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/parse"
)

// nominalFromEnv returns the noun-or-adjective classifier for Coder.nominal, nil when
// HERALD_EVENT_POS is "off" (kept for comparisons).
func nominalFromEnv() *parse.NominalModel {
	if os.Getenv("HERALD_EVENT_POS") == "off" {
		return nil
	}
	return parse.DefaultNominal()
}

// nominalMargin is the classifier score (parse.NominalModel.Score, largest weight 32,000)
// a word must pass to be vetoed as a noun or adjective. Near zero the model's mistakes
// are mostly verbs: up to 500 it dropped "renounce" in "demanded that Hamas renounce" (a
// PLOVER dev gold event) and the noun "Planning" that happens to give another its type;
// from 1,500 on every dev event stays. Retraining the model rescales it.
const nominalMargin = 1500

// posVerb reports whether the dictionary word at token i, which verbal let through, may
// be a verb for the part-of-speech classifier: on US election news most of the
// closed-class rules' mistakes are nouns and adjectives ("the campaign state director",
// "the race", "support for", "studied piety").
//
// Codes of protest and violence (roots 14, 15, 18, 19, 20) are exempt: wire coders code
// their nominal forms as events ("set fire", "the fighting", "patrols"), and PLOVER dev
// gold has them. Coercion (17) is not: its nouns are "the Senate bill", "sports bars",
// "a fine", "the proposed ban" (102 events on the PolNeAR train texts, PLOVER dev
// unchanged). The code is tested first so that those words cost nothing; so is "talks".
func (c *Coder) posVerb(sc *scratch, s *nlp.Sentence, start, i int, code string) bool {
	if c.nominal == nil {
		return true
	}
	if len(code) >= 2 {
		switch code[:2] {
		case "14", "15", "18", "19", "20":
			return true
		}
	}
	// "Talks" is the noun wire copy names negotiations by ("talks with Uganda stalled"),
	// coded as consultations like the verb.
	if strings.EqualFold(sc.words[i], "talks") {
		return true
	}
	// "Uganda rejects", "Israel imports", "Obama faces": after a named subject the model,
	// which sees words and not phrases, reads most -s verbs as plural nouns. The rules
	// already take a plural after a demonym for a noun ("Israeli strikes").
	// After a modal a bare form is a verb ("must resign" scored as a noun). (After an
	// infinitive's "to" too, but there the veto mostly removes purposes with no actor of
	// their own: 45 more events on the PolNeAR texts, nearly all junk.)
	if start > 0 && sc.cls[start-1]&(cMust|cFuture|cHypo) != 0 && !strings.HasSuffix(sc.words[i], "s") {
		return true
	}
	// So with a past after a named subject: "the U.S. Treasury imposed sanctions" scored
	// as an adjective.
	w := sc.words[i]
	if (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") || isIrregularPast(strings.ToLower(w))) && start > 0 {
		if a := endActor(sc.actors, start); a >= 0 && !sc.actors[a].demonym {
			return true
		}
	}
	// The model learnt capitals as a sign of names; a title-case headline capitalises
	// its verbs too ("Mexico Rejects U.S. Military Action"), so it is left to the rules.
	if headlineCase(sc, s) {
		return true
	}
	score := c.nominal.Score(sc.words, i)
	if score > nominalMargin {
		return false
	}
	return score <= -attributiveMargin || !c.attributive(sc, s, i)
}

// attributiveMargin bounds the classifier scores (below zero, verb-like) at which a
// participle in the frame of attributive checks is still read as an adjective. The
// model sees words, not phrases: "a hotly contested race" (-5,383), "a politically
// charged visit" (-6,775), "the least favored presidential candidates" (-4,629) score as
// verbs, while main verbs after a subject mostly score below -8,000.
const attributiveMargin = 8000

// attributive reports whether the -ing or -ed word at i stands inside a noun phrase as
// an adjective: after a determiner and one or two adverbs (-ly or a degree word) and
// before a lower-case noun, as in "the only unifying appeals", "a hotly contested race",
// "his virtually assured nomination". With no adverb verbal already reads a word after
// a determiner as a noun. A noun in the adverb's place heads a reduced relative whose
// participle is a verb ("a letter congratulating organizers", "the deal brokered last
// week by Merkel", "the administration increased aid"), so only adverbs qualify.
func (c *Coder) attributive(sc *scratch, s *nlp.Sentence, i int) bool {
	w := sc.words[i]
	if !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") {
		return false
	}
	if i+1 >= len(sc.words) || sc.cls[i+1] != 0 || !isLowerWord(sc.words[i+1]) ||
		c.nominal.Score(sc.words, i+1) <= 0 {
		return false
	}
	mods := 0
	for j := i - 1; j >= 0; j-- {
		if sc.cls[j]&(cDet|cPoss|cNum) != 0 {
			return mods > 0
		}
		// prepare gives unknown -ly words the adverb class.
		if mods == 2 || sc.cls[j]&^cAdv != 0 || !isLowerWord(sc.words[j]) || covered(sc.actors, j) {
			return false
		}
		if !strings.HasSuffix(sc.words[j], "ly") && !degreeWords[sc.words[j]] {
			return false
		}
		mods++
	}
	return false
}

// degreeWords modify an adjective or rank a noun phrase ("the most pressing concern",
// "the only remaining candidates"); the classifier scores them as it pleases.
var degreeWords = map[string]bool{
	"most": true, "least": true, "only": true, "well": true, "very": true, "less": true,
	"first": true, "last": true, "so": true, "too": true, "fast": true, "ever": true,
}

// isLowerWord reports whether w is a word in lower case letters (hyphens allowed).
func isLowerWord(w string) bool {
	if w == "" {
		return false
	}
	for k := 0; k < len(w); k++ {
		if ch := w[k]; (ch < 'a' || ch > 'z') && ch != '-' {
			return false
		}
	}
	return true
}
