package event

import (
	"strings"

	"github.com/heraldnews/herald/article"
)

// Conditional threats: "will withdraw its troops unless the junta holds elections",
// "threatened to halt talks if Ukraine joins the alliance". The party whose action the
// condition names is the one threatened, and an action announced for the case that it
// fails to act ("will withdraw … unless") is an ultimatum, not a plan.

// conditionAfter returns the token of the if/unless that opens a condition on the
// clause ending at token e, or -1: the condition follows the verb's clause before any
// clause break, within 25 tokens.
func conditionAfter(sc *scratch, e int) int {
	for k := e; k < len(sc.cls) && k-e <= 25; k++ {
		if sc.cls[k]&cBreak != 0 {
			return -1
		}
		if sc.cls[k]&cCond != 0 {
			return k
		}
	}
	return -1
}

// conditionalThreat adjusts the resolved event r of occurrence oi: a withdrawal
// announced "unless" another party acts becomes a threat to halt involvement (136), and a
// threat takes the subject of its condition as target when it has none, or only one of
// the threatening country's own.
func (c *Coder) conditionalThreat(sc *scratch, oi int, r *resolved) {
	o := &sc.occ[oi]
	if r.code == "" || o.neg || c.conditional(sc, o.group) {
		return
	}
	k := conditionAfter(sc, o.end)
	if k < 0 {
		return
	}
	if strings.EqualFold(sc.words[k], "unless") && strings.HasPrefix(o.code, "087") && r.code[:2] == "03" {
		// Coded like "threatened to …": the threatened act is hypothetical.
		r.code, r.mod = "136", article.Hypothetical
	}
	if len(r.code) < 2 || r.code[:2] != "13" {
		return
	}
	a := c.actorFrom(sc, k+1, 6)
	if a < 0 || a == r.src {
		return
	}
	if r.tgt < 0 || r.src >= 0 && sameCountry(sc, r.src, r.tgt) {
		r.tgt = a
	}
}

// sameCountry reports whether actors a and b have the same country prefix.
func sameCountry(sc *scratch, a, b int) bool {
	x, y := sc.actors[a].actor.Code, sc.actors[b].actor.Code
	return len(x) >= 3 && len(y) >= 3 && x[:3] == y[:3]
}
