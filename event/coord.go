package event

import (
	"strings"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/nlp"
)

// Coordinated actors: "Kenya and Ethiopia signed", "the Sudanese government and the
// rebels must", "U.S. and Russian negotiators". Each member of such a subject or object
// is an actor of the event, so the coder emits one event per member instead of coding
// the member nearest the verb alone.

// maxMembers bounds the events one coordination can multiply into.
const maxMembers = 4

// coordinate fills sc.group: for every actor, the index of the first member of the
// coordination it belongs to (itself when it stands alone). Members are joined by "and"
// (", and", "and the"), and a list "A, B and C" by commas up to its "and".
func (c *Coder) coordinate(sc *scratch) {
	sc.group = sc.group[:0]
	for i := range sc.actors {
		sc.group = append(sc.group, i)
	}
	// link[i] says how actors i and i+1 are joined: 1 by "and", 2 by a comma, 3 side by
	// side ("Ethiopian Prime Minister | Selam Haile", a title and its name).
	n := len(sc.actors)
	sc.links = sc.links[:0]
	for i := 0; i+1 < n; i++ {
		a, b := &sc.actors[i], &sc.actors[i+1]
		l := c.joinKind(sc, a.end, b.start)
		if l == 0 && b.start == a.end {
			l = 3
		}
		// "his Togolese counterpart Faure Gnassingbe": the nationality and the name are
		// one person, who takes the name's code (a government's, not the bare country's).
		if l == 0 && a.demonym && b.start == a.end+1 && !b.country && !b.pron && counterpart[strings.ToLower(sc.words[a.end])] {
			l = 3
			a.actor.Code, a.country = b.actor.Code, false
		}
		if a.pron || b.pron {
			l = 0
		}
		// "Mahama and his Togolese counterpart …": a possessive opening the next actor's
		// noun phrase joins like a determiner, and stands for that actor.
		if b.pron && possessiveOpens(sc, i+1) {
			l = c.joinKind(sc, a.end, b.start)
		}
		if a.pron && possessiveOpens(sc, i) && b.start == a.end {
			l = 3
		}
		sc.links = append(sc.links, l)
	}
	// A comma joins only inside a list that goes on ("A, B and C", not "Pakistan, a U.S.
	// ally"), and a title and name only inside a coordination; or two bare countries that
	// open a headline ("Armenia, Azerbaijan Agree to …"), where the comma is the "and".
	for i := len(sc.links) - 1; i >= 0; i-- {
		if sc.links[i] == 2 && (i+1 >= len(sc.links) || sc.links[i+1] == 0 || sc.links[i+1] == 3) && !c.headlinePair(sc, i) {
			sc.links[i] = 0
		}
	}
	// (A run of side-by-side links counts as one: "and | his | Togolese counterpart |
	// Faure Gnassingbe".)
	for i := 0; i < len(sc.links); {
		if sc.links[i] != 3 {
			i++
			continue
		}
		j := i
		for j < len(sc.links) && sc.links[j] == 3 {
			j++
		}
		if !(i > 0 && (sc.links[i-1] == 1 || sc.links[i-1] == 2) || j < len(sc.links) && (sc.links[j] == 1 || sc.links[j] == 2)) {
			for k := i; k < j; k++ {
				sc.links[k] = 0
			}
		}
		i = j
	}
	for i, l := range sc.links {
		if l != 0 {
			sc.group[i+1] = sc.group[i]
		}
	}
	// "U.S. and Russian negotiators": a bare country member shares the last member's
	// agent.
	for i := 0; i < len(sc.actors); i++ {
		if sc.group[i] != i {
			continue
		}
		last := i
		for k := i + 1; k < len(sc.actors) && sc.group[k] == i; k++ {
			last = k
		}
		lc := sc.actors[last].actor.Code
		if last == i || len(lc) <= 3 || sc.actors[last].guessed || !isCountryCode(lc[:3]) {
			continue
		}
		for k := i; k < last; k++ {
			if sc.actors[k].country && len(sc.actors[k].actor.Code) == 3 {
				sc.actors[k].actor.Code += lc[3:]
				sc.actors[k].country = false
			}
		}
	}
}

// joinKind reports how tokens [a, b) join two actors: 1 for "and" (with an optional comma
// before it and a determiner or possessive after it), 2 for a lone comma, 0 otherwise.
func (c *Coder) joinKind(sc *scratch, a, b int) int {
	if b <= a || b-a > 3 {
		return 0
	}
	and, comma := false, false
	for k := a; k < b; k++ {
		w := sc.words[k]
		switch {
		case w == "and" || w == "&" || w == "And" && k > 0: // mid-sentence "And": a headline in title case
			if and {
				return 0
			}
			and = true
		case w == ",":
			if and || comma {
				return 0
			}
			comma = true
		case sc.cls[k]&cDet != 0 && (and || comma) && k == b-1:
		default:
			return 0
		}
	}
	switch {
	case and:
		return 1
	case comma:
		return 2
	}
	return 0
}

// possessiveOpens reports whether actor p is a possessive pronoun ("his", "their")
// followed at once by another actor ("his Togolese counterpart").
func possessiveOpens(sc *scratch, p int) bool {
	a := &sc.actors[p]
	if !a.pron || a.end-a.start != 1 || p+1 >= len(sc.actors) || sc.actors[p+1].start != a.end {
		return false
	}
	switch strings.ToLower(sc.words[a.start]) {
	case "his", "her", "their", "its":
		return true
	}
	return false
}

var counterpart = map[string]bool{"counterpart": true, "counterparts": true}

// members appends to dst the actors coordinated with actor a (a itself when alone).
func (sc *scratch) members(dst []int, a int) []int {
	if a < 0 || a >= len(sc.group) {
		return append(dst, a)
	}
	g := sc.group[a]
	n := 0
	for k := g; k < len(sc.actors) && sc.group[k] == g && n < maxMembers; k++ {
		dst = append(dst, k)
		n++
	}
	return dst
}

// groupStart returns the first token of the coordination actor a belongs to.
func (sc *scratch) groupStart(a int) int {
	if a < 0 || a >= len(sc.group) {
		return -1
	}
	return sc.actors[sc.group[a]].start
}

// relationNouns name a relation two parties take part in, with the CAMEO code of the
// event it stands for: "the cooperation between Argentina and Brazil" is cooperation
// between the two, whatever the sentence's verb does with it.
var relationNouns = map[string]string{
	"cooperation": "060", "co-operation": "060", "collaboration": "060",
	"talks": "046", "negotiations": "046", "dialogue": "043",
	"agreement": "057", "accord": "057", "treaty": "057", "deal": "057",
}

// relations appends the mutual events of "NOUN between A and B" in the sentence.
func (c *Coder) relations(out []article.Event, sc *scratch, s *nlp.Sentence, si int) []article.Event {
	n := len(sc.words)
	for i := 1; i+2 < n; i++ {
		if sc.words[i+1] != "between" {
			continue
		}
		code, ok := relationNouns[strings.ToLower(sc.words[i])]
		if !ok {
			continue
		}
		a := c.actorFrom(sc, i+2, 2)
		if a < 0 || sc.group[a] != a {
			continue
		}
		sc.srcs = sc.members(sc.srcs[:0], a)
		if len(sc.srcs) < 2 {
			continue
		}
		mod := article.Asserted
		if sc.words[i-1] == "no" || sc.cls[i-1]&cNeg != 0 {
			mod = article.Negated
		}
		ev, ok := makeEvent(code, mod)
		if !ok {
			continue
		}
		last := sc.srcs[len(sc.srcs)-1]
		ev.Sentence, ev.Evidence = si, cut(sc.text, s.Start, s.End)
		ev.Cue = spanText(sc.text, s, i, sc.actors[last].end)
		first := len(out)
		for _, x := range sc.srcs {
			for _, y := range sc.srcs {
				if x != y {
					out = c.appendEvent(out, first, ev, sc, x, y)
				}
			}
		}
	}
	return out
}

// headlinePair reports whether actors i and i+1 are two bare country names that open the
// sentence joined by a comma, with a capitalised word after the second: a headline's
// "Armenia, Azerbaijan Agree".
func (c *Coder) headlinePair(sc *scratch, i int) bool {
	a, b := &sc.actors[i], &sc.actors[i+1]
	if a.start != 0 || !bareCountry(sc, i) || !bareCountry(sc, i+1) || a.demonym || b.demonym {
		return false
	}
	return b.end < len(sc.words) && isUpper(sc.words[b.end])
}
