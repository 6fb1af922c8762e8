package event

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
	// link[i]: 1 when actors i and i+1 are joined by "and", 2 by a comma alone.
	for i := len(sc.actors) - 2; i >= 0; i-- {
		a, b := &sc.actors[i], &sc.actors[i+1]
		l := c.joinKind(sc, a.end, b.start)
		if l == 2 && !(i+2 < len(sc.actors) && c.joinKind(sc, b.end, sc.actors[i+2].start) != 0) {
			l = 0 // "Pakistan, a U.S. ally": a comma joins only inside a list that ends in "and"
		}
		if l == 0 || b.pron || a.pron {
			continue
		}
		// i+1 and everything already grouped with it join i's group.
		g := sc.group[i]
		for k := i + 1; k < len(sc.actors) && sc.group[k] == i+1; k++ {
			sc.group[k] = g
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
		case w == "and" || w == "&":
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
