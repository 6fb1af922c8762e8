package event

import "strings"

// Light verbs: in "mounted an invasion", "staged a protest", "held talks", "imposed a
// curfew" the verb says only that its subject did something; the noun after it names the
// event. PETRARCH2's patterns know some of these pairs, but they read a pattern noun
// anywhere in the clause ("launched a mediation effort" matches "* effort", an appeal),
// so the event noun at the head of the verb's object wins over them.

// lightVerbs are the lemmas (as in verbs.tsv) that take an event noun as object.
var lightVerbs = map[string]bool{
	"mount": true, "launch": true, "stage": true, "hold": true, "organize": true,
	"organise": true, "conduct": true, "+carry_out": true, "wage": true, "impose": true,
	"declare": true, "begin": true, "start": true, "open": true,
}

// lightNouns are the event nouns a light verb may take, with the CAMEO code of the event.
// Military force is coded as conventional (19x); codeSentence turns it into
// unconventional violence (18x) when the subject is no state force.
var lightNouns = map[string]string{
	"invasion": "190", "offensive": "190", "attack": "190", "attacks": "190",
	"assault": "190", "raid": "190", "raids": "190", "incursion": "190", "incursions": "190",
	"war": "190", "bombing": "195", "bombings": "195", "airstrike": "195", "airstrikes": "195",
	"protest": "141", "protests": "141", "demonstration": "141", "demonstrations": "141",
	"rally": "141", "rallies": "141", "march": "141", "sit-in": "141", "vigil": "141",
	"boycott": "143", "walkout": "143",
	"talks": "046", "negotiations": "046", "meeting": "040", "meetings": "040",
	"consultations": "040", "discussions": "040", "mediation": "045",
	"curfew": "1723", "crackdown": "175", "blockade": "191",
	"sanctions": "163", "embargo": "163",
	"ceasefire": "0871", "cease-fire": "0871", "truce": "0871",
	"withdrawal": "0874", "pullout": "0874",
	"investigation": "090", "inquiry": "090", "probe": "090",
}

// lightObject codes occurrence o from the event noun heading its object, when its verb
// is a light verb. The noun stands within the object noun phrase: after determiners,
// numbers, possessives and modifiers, before any preposition or clause boundary.
func (c *Coder) lightObject(sc *scratch, o *occurrence) {
	lemma := c.verbs[o.verb].lemma
	if !lightVerbs[lemma] || o.passive {
		return
	}
	n := len(sc.words)
	for k := o.end; k < n && k < o.end+5; k++ {
		// A pronoun ends the phrase ("held them"); a possessive ("its") is a determiner.
		if sc.cls[k]&(cPrep|cTo|cComma|cBreak|cConj|cRel|cSay) != 0 || sc.cls[k]&(cPron|cDet) == cPron {
			return
		}
		w := strings.ToLower(sc.words[k])
		code, ok := lightNouns[w]
		if w == "strike" || w == "strikes" {
			code, ok = strikeCode(sc, lemma, k), true
		} else if w == "law" && k > o.end && strings.EqualFold(sc.words[k-1], "martial") {
			code, ok = "1724", true
		} else if w == "state" && k+2 < n && sc.words[k+1] == "of" && strings.EqualFold(sc.words[k+2], "emergency") {
			code, ok = "1724", true
		}
		if ok {
			o.code, o.rev, o.patTarget = code, "", -1
			return
		}
	}
}

// strikeCode tells a labour strike ("staged a general strike", 143) and a hunger strike
// (142) from a military strike ("launched air strikes", 195; "carried out a strike", 190).
func strikeCode(sc *scratch, lemma string, k int) string {
	prev := ""
	if k > 0 {
		prev = strings.ToLower(sc.words[k-1])
	}
	switch prev {
	case "hunger":
		return "142"
	case "air", "missile", "drone", "military":
		return "195"
	case "general", "labour", "labor", "nationwide", "national", "one-day", "two-day", "three-day", "indefinite", "protest":
		return "143"
	}
	switch lemma {
	case "stage", "organize", "organise", "hold", "declare", "begin", "start":
		return "143"
	}
	return "190"
}
