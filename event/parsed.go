package event

import (
	"os"
	"strings"

	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/parse"
)

// How the dependency parse (package parse) may change the source and target the light
// rules chose; see README.md for what each measured.
const (
	parseOff      = iota
	parseOverride // the parse's actor replaces the rules' where the parse has one
	parseFill     // the parse only fills a source or target the rules left empty
	parseCorrect  // the parse replaces the rules' actor unless it lies in the argument's phrase
	parseSrc      // parseCorrect for the source only
	parseTgt      // parseCorrect for the target only
)

// parseModeFromEnv reads HERALD_EVENT_PARSE: off (the default), on (parseCorrect) or one
// of the measured variants override, fill, src, tgt.
func parseModeFromEnv() int {
	switch os.Getenv("HERALD_EVENT_PARSE") {
	case "on", "correct":
		return parseCorrect
	case "override":
		return parseOverride
	case "fill":
		return parseFill
	case "src":
		return parseSrc
	case "tgt":
		return parseTgt
	}
	return parseOff
}

// wantsParse reports whether the sentence is worth a parse: a coded dictionary verb and
// at least two actors, so that who is source and who target is a real choice.
func wantsParse(sc *scratch) bool {
	if len(sc.actors) < 2 {
		return false
	}
	for i := range sc.occ {
		if sc.occ[i].hasCode {
			return true
		}
	}
	return false
}

// parseRoles parses sentence s once and lets the tree decide or correct each coded
// occurrence's source and target, as c.parseMode says.
func (c *Coder) parseRoles(sc *scratch, s *nlp.Sentence) {
	t := parse.Default().Parse(&sc.parse, s.Tokens)
	for oi := range sc.occ {
		o := &sc.occ[oi]
		if !o.hasCode {
			continue
		}
		v := o.start
		// A dictionary verb the tagger reads as a noun or adjective: the tree's relations
		// around it are not a clause's, so the rules stand.
		if !strings.HasPrefix(t.Tags[v], "VB") {
			continue
		}
		r, ok := treeRoles(sc, t, v)
		if !ok {
			continue
		}
		src, tgt := c.combine(sc, t, r.src, r.srcTok, o.src), c.combine(sc, t, r.tgt, r.tgtTok, o.tgt)
		// A bare sector the tree takes for the object ("mobilized army reservists for a
		// war against Iraq") is the theme more often than the target, as in object.
		if tgt == r.tgt && tgt >= 0 && o.tgt >= 0 && (sc.actors[tgt].sector || sc.actors[tgt].guessed) && !sc.actors[o.tgt].sector && !sc.actors[o.tgt].guessed {
			tgt = o.tgt
		}
		switch c.parseMode {
		case parseSrc:
			tgt = o.tgt
		case parseTgt:
			src = o.src
		}
		o.src, o.tgt = src, tgt
		if o.src == o.tgt {
			o.tgt = -1
		}
	}
}

// combine returns the actor for one role from the tree's choice p (the argument headed
// by token arg) and the rules' r.
func (c *Coder) combine(sc *scratch, t *parse.Tree, p, arg, r int) int {
	switch {
	case p < 0:
		return r
	case c.parseMode == parseFill:
		if r < 0 {
			return p
		}
		return r
	case c.parseMode == parseOverride:
		return p
	}
	// The rules' actor inside the argument's phrase: the rules chose within the right
	// phrase and know its spans better ("U.N. mediator Diego Cordovez", "bin Laden's
	// al-Qaeda network").
	if r >= 0 && inPhrase(sc, t, arg, r, 0) {
		return r
	}
	return p
}

// inPhrase reports whether actor a stands in the noun phrase headed by token h, reached
// by the relations nominalActor follows (not inside a clause on the phrase: in "rebels
// who fought Ethiopia signed", Ethiopia is not the subject).
func inPhrase(sc *scratch, t *parse.Tree, h, a, depth int) bool {
	if sc.actors[a].start <= h && h < sc.actors[a].end {
		return true
	}
	if depth >= 3 {
		return false
	}
	for _, k := range t.Children(h) {
		switch t.Rels[k] {
		case "appos", "flat", "compound", "amod", "nmod:poss", "nmod":
			if inPhrase(sc, t, int(k), a, depth+1) {
				return true
			}
		}
	}
	return false
}

// roles is what the tree says of a verb: source and target actors (-1 for none) and
// the tokens heading their phrases.
type roles struct {
	src, tgt       int
	srcTok, tgtTok int
}

// treeRoles returns the source and target of the verb at token v by the tree: the actor
// of its subject (through xcomp, conj and advcl to the verb that has one) and of its
// indirect object, object or oblique; for a passive, the subject is the target and the
// "by" agent the source. ok is false when the tree names no subject.
func treeRoles(sc *scratch, t *parse.Tree, v int) (r roles, ok bool) {
	subj, pass := treeSubject(t, v)
	if subj < 0 {
		return r, false
	}
	r = roles{src: nominalActor(sc, t, subj, 0, true), tgt: -1, srcTok: subj, tgtTok: -1}
	if pass {
		r.tgt, r.tgtTok, r.src, r.srcTok = r.src, r.srcTok, -1, -1
		if ag := t.Child(v, "obl:agent"); ag >= 0 {
			r.src, r.srcTok = nominalActor(sc, t, ag, 0, true), ag
		}
		return r, true
	}
	// An argument that is an actor itself (or names one in its apposition or name)
	// first, the recipient before the theme ("gave Israel aid"); else the earliest actor
	// hanging from an argument ("the president of Armenia").
	for _, rel := range [...]string{"iobj", "obj", "obl"} {
		for _, k := range t.Children(v) {
			if t.Rels[k] == rel {
				if a := nominalActor(sc, t, int(k), 0, false); a >= 0 {
					r.tgt, r.tgtTok = a, int(k)
					return r, true
				}
			}
		}
	}
	for _, k := range t.Children(v) {
		if rel := t.Rels[k]; rel == "iobj" || rel == "obj" || rel == "obl" {
			if a := nominalActor(sc, t, int(k), 0, true); a >= 0 && (r.tgt < 0 || sc.actors[a].start < sc.actors[r.tgt].start) {
				r.tgt, r.tgtTok = a, int(k)
			}
		}
	}
	return r, true
}

// treeSubject returns the subject token of the verb at v and whether it is a passive
// subject (the verb has a passive auxiliary: the tagger's "by" alone is no passive). A
// verb without a subject takes its controller's: the object before it of the verb it is
// an xcomp of ("urged Israel to ease": Israel) or else that verb's subject ("agreed to
// meet"), the subject of the verb it is a conjunct of ("attacked X and killed Y") or an
// adverbial clause of ("…, adding"). A relative pronoun subject stands for the noun its
// clause modifies.
func treeSubject(t *parse.Tree, v int) (int, bool) {
	passive := t.Child(v, "aux:pass") >= 0
	for depth := 0; depth < 6 && v >= 0; depth++ {
		for _, k := range t.Children(v) {
			switch t.Rels[k] {
			case "nsubj", "nsubj:outer", "nsubj:pass":
				if (t.Tags[k] == "WP" || t.Tags[k] == "WDT") && t.Rels[v] == "acl:relcl" {
					return t.Heads[v], passive
				}
				return int(k), passive
			}
		}
		h := t.Heads[v]
		switch t.Rels[v] {
		case "xcomp":
			// Control: whatever voice the controlling verb has, its subject or object
			// does this verb ("was asked to attack": the asked one attacks).
			passive = false
			if h >= 0 {
				if k := t.Child(h, "obj"); k >= 0 && k < v {
					return k, false
				}
			}
		case "conj":
			// "was attacked and looted": the conjunct shares the voice.
			if h >= 0 && t.Child(h, "aux:pass") >= 0 && t.Tags[v] == "VBN" {
				passive = true
			}
		case "advcl":
			// "was attacked by militiamen, killing 156": the agent, not the victim,
			// does what the participle says.
			if h >= 0 && t.Child(h, "aux:pass") >= 0 {
				return t.Child(h, "obl:agent"), false
			}
			passive = false
		default:
			return -1, false
		}
		v = h
	}
	return -1, false
}

// nominalActor returns the actor the noun phrase headed by token h stands for: the actor
// whose span holds h, else one named in its apposition or name parts ("the group,
// Hamas"), and when loose also in its modifiers ("U.S. officials", "officials from
// Russia"). Clausal dependents are not searched: "the group, which attacked Israel" is
// not Israel.
func nominalActor(sc *scratch, t *parse.Tree, h, depth int, loose bool) int {
	for a := range sc.actors {
		if sc.actors[a].start <= h && h < sc.actors[a].end {
			return a
		}
	}
	if depth >= 3 {
		return -1
	}
	for _, rel := range [...]string{"appos", "flat", "compound", "amod", "nmod:poss", "nmod"} {
		if !loose && rel == "amod" {
			break
		}
		for _, k := range t.Children(h) {
			if t.Rels[k] != rel {
				continue
			}
			if a := nominalActor(sc, t, int(k), depth+1, loose); a >= 0 {
				return a
			}
		}
	}
	return -1
}
