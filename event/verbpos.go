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
	if strings.HasSuffix(sc.words[i], "s") && start > 0 {
		if a := endActor(sc.actors, start); a >= 0 && !sc.actors[a].demonym {
			return true
		}
	}
	// The model learnt capitals as a sign of names; a title-case headline capitalises
	// its verbs too ("Mexico Rejects U.S. Military Action"), so it is left to the rules.
	if sc.headline == 0 {
		sc.headline = 1
		if allUpper(s) {
			sc.headline = 2
		}
	}
	return sc.headline == 2 || c.nominal.Score(sc.words, i) <= nominalMargin
}
