package event

import (
	"strings"
	"unicode/utf8"

	"github.com/heraldnews/herald/nlp"
)

// Political news uses the verbs of force figuratively: candidates "attack", "blast" and
// "rip" each other, "beat" and "defeat" rivals in primaries, "fight for" causes, "target"
// voters, "dominate" debates. PETRARCH2 codes them as unconventional violence or military
// force (18, 19, 20), the most severe events there are. figurative keeps such a code only
// where the sentence speaks of physical violence — an armed actor, or a word of killing,
// weapons or war — and otherwise makes a verbal attack a criticism (111) and drops the rest.
// Seizure (171) by the verbs of taking is read the same way: candidates "capture" states
// and nominations, "grab" delegates, "pull even" and get "caught off guard" (about 120
// events on the PolNeAR train texts, 25 of 25 read none a seizure). Arson and demolition
// keep their code.

// violenceWords name physical violence, its weapons or its victims.
var violenceWords = map[string]bool{
	"kill": true, "kills": true, "killed": true, "killing": true, "killings": true, "killer": true,
	"death": true, "deaths": true, "die": true, "died": true, "dies": true, "dying": true,
	"wounded": true, "wounding": true, "wounds": true, "injured": true, "injuring": true, "injuries": true,
	"bomb": true, "bombs": true, "bombed": true, "bombing": true, "bombings": true, "bomber": true,
	"bombers": true, "suicide": true, "explosion": true, "explosions": true, "explosive": true,
	"explosives": true, "grenade": true, "grenades": true,
	"gun": true, "guns": true, "gunman": true, "gunmen": true, "gunfire": true, "shoot": true, "shoots": true, "shooting": true, "shootings": true, "shooter": true,
	"sniper": true, "stabbed": true, "stabbing": true, "knife": true,
	"troops": true, "troop": true, "soldier": true, "soldiers": true, "army": true, "armies": true,
	"military": true, "militants": true, "militant": true, "militia": true, "militias": true,
	"militiamen": true, "rebels": true, "rebel": true, "insurgents": true, "guerrillas": true,
	"fighters": true, "jihadists": true, "police": true, "policemen": true,
	"airstrike": true, "airstrikes": true, "missile": true, "missiles": true,
	"rocket": true, "rockets": true, "mortar": true, "mortars": true, "artillery": true,
	"tanks": true, "shelling": true, "shelled": true, "drone": true, "drones": true,
	"warplanes": true, "jets": true, "navy": true, "naval": true,
	"war": true, "wars": true, "weapon": true, "weapons": true, "armed": true,
	"terror": true, "terrorism": true, "terrorist": true, "terrorists": true,
	"massacre": true, "murderous": true, "attacker": true, "attackers": true, "massacred": true, "hostage": true, "hostages": true, "raid": true,
	"raids": true, "violence": true, "violent": true, "casualties": true, "murder": true,
	"murdered": true, "assassinated": true, "assassination": true, "rape": true, "raped": true,
	"beheaded": true, "ambush": true, "ambushed": true, "invasion": true, "invaded": true,
	"ceasefire": true, "truce": true, "riot": true, "riots": true, "rioters": true, "clashes": true,
	"battlefield": true, "siege": true, "looted": true,
	"torture": true, "tortured": true, "punched": true, "assaulted": true,
}

// verbalAttack are the stems of the force verbs that, said of words, criticise.
var verbalAttack = []string{"attack", "blast", "slam", "rip", "assail", "hit", "hammer", "pound",
	"lash", "bash", "slap", "savag", "skewer", "torch", "maul", "whip"}

// takingVerbs are the stems of the seizure verbs (171) that political news uses of
// votes, states and attention.
var takingVerbs = []string{"captur", "catch", "caught", "pull", "seiz", "grab", "overturn",
	"steal", "stole", "extract", "wrest", "snatch", "appropriat", "hijack", "take", "took", "taking"}

// hasStem reports whether a word of occurrence o begins with one of stems, ignoring case.
func hasStem(sc *scratch, o *occurrence, stems []string) bool {
	for k := o.start; k < o.end; k++ {
		w := strings.ToLower(sc.words[k])
		for _, st := range stems {
			if strings.HasPrefix(w, st) {
				return true
			}
		}
	}
	return false
}

// taking reports whether occurrence o is a verb of taking.
func taking(sc *scratch, o *occurrence) bool { return hasStem(sc, o, takingVerbs) }

// armedSectors are the actor codes of those who use force.
var armedSectors = []string{"MIL", "REB", "INS", "UAF", "IMG", "SEP", "COP", "SPY"}

// violentContext reports whether the sentence speaks of physical violence.
func violentContext(sc *scratch) bool {
	for a := range sc.actors {
		if hasSector(sc, a, armedSectors) {
			return true
		}
	}
	return hasWord(sc, violenceWords, violenceFirst)
}

// electoralWords name elections and their contests: "beat him in the primary".
var electoralWords = map[string]bool{
	"primary": true, "primaries": true, "caucus": true, "caucuses": true, "election": true,
	"elections": true, "electoral": true, "poll": true, "polls": true, "polling": true,
	"vote": true, "votes": true, "voters": true, "ballot": true, "delegates": true,
	"nomination": true, "nominee": true, "race": true, "debate": true, "debates": true,
	"campaign": true, "candidate": true, "candidates": true, "candidacy": true, "percent": true,
	"points": true, "point": true, "margin": true, "frontrunner": true, "front-runner": true, "contest": true,
}

var (
	violenceFirst  = nlp.FirstBytes(violenceWords)
	electoralFirst = nlp.FirstBytes(electoralWords)
)

// hasWord reports whether the sentence holds a word of set (first is nlp.FirstBytes(set)),
// ignoring case.
func hasWord(sc *scratch, set map[string]bool, first *[utf8.RuneSelf]bool) bool {
	for _, w := range sc.words {
		if _, ok := nlp.LookupFold(set, first, w); ok {
			return true
		}
		// A number's compound: "a 20-point lead". (Not every compound: "anti-gun" and
		// "counter-terrorism" are no violence.)
		if k := strings.LastIndexByte(w, '-'); k > 0 && k+1 < len(w) && w[0] >= '0' && w[0] <= '9' {
			if _, ok := nlp.LookupFold(set, first, w[k+1:]); ok {
				return true
			}
		}
	}
	return false
}

// civilianSectors are the codes of people no one attacks with words: civilians, farmers,
// refugees, workers, students.
var civilianSectors = []string{"CVL", "AGR", "REF", "LAB", "EDU", "PPL"}

// politicalSectors are the codes of those whose attacks are mostly words: office holders,
// candidates, parties, the opposition, judges and the press.
var politicalSectors = []string{"GOV", "ELI", "LEG", "PTY", "OPP", "JUD", "MED"}

// hasSector reports whether actor a's code holds one of the sectors.
func hasSector(sc *scratch, a int, sectors []string) bool {
	if a < 0 {
		return false
	}
	code := sc.actors[a].actor.Code
	for _, s := range sectors {
		if strings.Contains(code, s) {
			return true
		}
	}
	return false
}

// defendStems and attackStems name the verbs figurative reads by who uses them: "defend"
// (protection or support) and "attack", "assault" (a blow or words).
var (
	defendStems = []string{"defend"}
	attackStems = []string{"attack", "assault"}
)

// bareCountry reports whether actor a is a country itself ("Brazil", "Argentine ships"),
// which, unlike a politician, may well attack in earnest.
func bareCountry(sc *scratch, a int) bool {
	return a >= 0 && len(sc.actors[a].actor.Code) == 3 && isCountryCode(sc.actors[a].actor.Code)
}

// figurative recodes or drops (code "") a force event of occurrence o that the sentence
// does not support with any sign of physical violence: no violence words and no armed
// actor, and either election words or no country acting or attacked ("Brazil attacked
// Argentine ships" is physical). ctx caches the sentence's answer: 0 unknown, 1
// violent, 2 electoral, 3 neither.
func figurative(sc *scratch, o *occurrence, r *resolved, ctx *int) {
	if r.code == "074" && hasStem(sc, o, defendStems) {
		// "Abiy defended the deal", "defended Trump as a candidate": PETRARCH2 codes
		// "defend" as military protection (074); said by the unarmed of a deal, a
		// decision or a person it is support, an endorsement (051).
		if !violentContext(sc) && !hasSector(sc, r.src, armedSectors) {
			r.code = "051"
		}
		return
	}
	if len(r.code) < 2 || r.code[:2] != "18" && r.code[:2] != "19" && r.code[:2] != "20" && (r.code != "171" || !taking(sc, o)) {
		return
	}
	if *ctx == 0 {
		switch {
		case violentContext(sc):
			*ctx = 1
		case hasWord(sc, electoralWords, electoralFirst):
			*ctx = 2
		default:
			*ctx = 3
		}
	}
	if *ctx == 1 || *ctx == 3 && (bareCountry(sc, r.src) || bareCountry(sc, r.tgt)) {
		return
	}
	// Civilians attacked by a named group other than politicians or the press are
	// attacked in earnest: "settlers attacked Palestinian farmers", "a mob assaulted two
	// refugees". (Only these verbs: the other force verbs said of civilians are mostly
	// figures, "costs hit families", "the bureau struggled".)
	if *ctx == 3 && r.src >= 0 && hasStem(sc, o, attackStems) && hasSector(sc, r.tgt, civilianSectors) && !hasSector(sc, r.src, politicalSectors) {
		return
	}
	// A bare place is no critic: "the Paris attacks" with the city as the source.
	if r.src >= 0 && sc.actors[r.src].country && !sc.actors[r.src].demonym {
		r.code = ""
		return
	}
	if hasStem(sc, o, verbalAttack) {
		r.code = "111" // "Romney attacked Trump", "Sanders rips the agreement"
		return
	}
	r.code = ""
}
