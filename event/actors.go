package event

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/nlp"
)

// Kinds of gazetteer entries the coder tells apart.
const (
	gazCountry = iota + 1 // a country or territory name: "Mexico"
	gazCity               // a city, standing for its country's government ("Washington said")
	gazDemonym            // "Mexican": the country, or its agent when a noun follows
	gazOrg                // an organisation with its own code (IGOUNO, MEXGOV)
	gazAgent              // an agent noun or title: "police" COP, "troops" MIL
	gazPerson             // an office holder with a dated code
)

// gazEntry is what the coder needs of a gazetteer match.
type gazEntry struct {
	kind    int
	country string // ISO alpha-3, "" when none
	code    string // CAMEO actor code (orgs, people) or sector code (agents)
	name    string
}

// gazetteer returns the longest entry starting at words[i] and how many words it spans.
type gazetteer func(words []string, i, day int) (gazEntry, int, bool)

// actorSpan is one actor mention in a sentence, in token indexes [start, end).
type actorSpan struct {
	start, end int
	actor      article.Actor
	sector     bool // the code is a bare sector (COP, GOV): no country known
	country    bool // a country, city or demonym alone: may take an agent after it
	demonym    bool // an adjective of nationality ("Israeli"): a noun follows it
	agent      bool // an agent noun or title without a country
	pron       bool
	guessed    bool // the country was taken from a neighbouring mention (localise)
	person     bool // a mention of a recognised person
	title      bool // a country and an agent or title joined ("Kenyan President")
}

// entityActor returns the CAMEO code an entity stands for.
func entityActor(e *entity.Entity) (code string, sector bool) {
	switch {
	case e.Actor != "" && len(e.Actor) >= 3 && !isCountryCode(e.Actor[:3]) && e.Actor[:3] != "IGO" && e.Actor[:3] != "NGO" && e.Actor[:3] != "IMG":
		// A bare sector ("GOV" for "President X"): add the entity's country, or let
		// localise find one.
		if e.Country != "" {
			return e.Country + e.Actor, false
		}
		return e.Actor, true
	case e.Actor != "":
		return e.Actor, false
	case e.Country != "":
		return e.Country + e.Sector, false
	case e.Sector != "":
		return e.Sector, true
	}
	return "", false
}

// findActors collects the actor mentions of sentence s (number si of sc.doc), reusing
// sc.actors' storage: the entity set's mentions first, then gazetteer matches (countries,
// demonyms, agents) where no entity stands, and then joins a country and the agent next to
// it ("Israeli troops" ISRMIL, "the government of Mexico" MEXGOV).
func (c *Coder) findActors(sc *scratch, s *nlp.Sentence, si int, ents *entity.Set) []actorSpan {
	dst, text, words, cls, ids := sc.actors[:0], sc.text, sc.words, sc.cls, sc.ids
	toks := s.Tokens
	tokAt := func(off int) int { // first token whose end is past off
		return sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	}
	if ents != nil {
		sc.refs = ents.AppendMentionsIn(sc.refs[:0], s.Start, s.End)
		for _, r := range sc.refs {
			code, sec := entityActor(r.Entity)
			if code == "" {
				continue
			}
			a, b := tokAt(r.Start), tokAt(r.End-1)+1
			if a >= len(toks) || b > len(toks) || a >= b {
				continue
			}
			dst = append(dst, actorSpan{start: a, end: b, sector: sec, demonym: r.Entity.Type == article.NORP,
				country: len(code) == 3 && !sec && (r.Entity.Type == article.GPE || r.Entity.Type == article.NORP),
				pron:    r.Kind == entity.KindPronoun, person: r.Entity.Type == article.Person,
				actor: article.Actor{Name: r.Text, Code: code, Entity: r.Entity.ID}})
		}
	}
	nEnt := len(dst)
	if c.gaz != nil {
		for i := 0; i < len(toks); {
			if covered(dst[:nEnt], i) || cls[i]&(cDet|cPrep|cTo|cConj|cBreak|cComma) != 0 {
				i++
				continue
			}
			var (
				g  gazEntry
				n  int
				ok bool
			)
			if e, m, found, scanned := ents.DictMatch(sc.doc, si, i); c.dictScan && scanned {
				if found {
					g, ok = gazFromEntry(e, sc.day)
					n = m
				}
			} else {
				g, n, ok = c.gaz(words, i, sc.day)
			}
			if !ok || n <= 0 {
				if sp, ok := c.hyphenCountry(sc, s, i); ok && !overlaps(dst[:nEnt], i, i+1) {
					dst = append(dst, sp)
				}
				i++
				continue
			}
			if i+n > len(toks) {
				n = len(toks) - i
			}
			if g.kind != gazAgent && !anyUpper(toks[i:i+n]) {
				// Names are written capitalised: "who", "us" or "chad" in lower case
				// are words, not the WHO, the US or Chad.
				i += n
				continue
			}
			sp := actorSpan{start: i, end: i + n, actor: article.Actor{Name: spanText(text, s, i, i+n)}}
			switch g.kind {
			case gazCountry, gazCity, gazDemonym:
				sp.actor.Code, sp.country, sp.demonym = g.country, true, g.kind == gazDemonym
			case gazOrg, gazPerson:
				sp.actor.Code = g.code
				if sp.actor.Code == "" {
					sp.actor.Code = g.country
				}
			case gazAgent:
				sp.actor.Code, sp.agent, sp.sector = g.code, true, true
			}
			if sp.actor.Code != "" && !overlaps(dst[:nEnt], sp.start, sp.end) {
				dst = append(dst, sp)
			}
			i += n
		}
	}
	slices.SortFunc(dst, func(a, b actorSpan) int { return a.start - b.start })
	// A wire dateline ("DAKAR, Senegal (AP) — ") names where the reporter is and whose
	// copy it is, no actor: the agency's country gave "opposition supporters" in Dakar
	// an American code.
	if s.Start < len(text) {
		if n := clean.DatelineEnd(text[s.Start:]); n > 0 {
			end := s.Start + n
			dst = slices.DeleteFunc(dst, func(sp actorSpan) bool { return toks[sp.start].Start < end })
		}
	}
	dst = c.joinAgents(dst, cls, ids, text, s)
	dst = dropBoundOnly(dst)
	localise(dst, words)
	return dst
}

// hyphenSuffixes are the second halves of a compound whose first half names the country
// that acts through the noun after it: "Pakistan-based militants", "the U.S.-led
// coalition", "Iranian-backed militias", "a British-flagged tanker", "Russian-held towns".
var hyphenSuffixes = map[string]bool{
	"based": true, "led": true, "backed": true, "flagged": true, "held": true,
	"controlled": true, "owned": true, "run": true, "sponsored": true, "funded": true,
	"armed": true, "allied": true, "aligned": true, "registered": true, "occupied": true,
}

// hyphenCountry returns an actor for token i when it is such a compound whose first half
// is a country or nationality the gazetteer knows. It is a demonym: an agent after it
// joins it ("Pakistan-based militants" PAKUAF).
func (c *Coder) hyphenCountry(sc *scratch, s *nlp.Sentence, i int) (actorSpan, bool) {
	w := sc.words[i]
	k := strings.LastIndexByte(w, '-')
	if k <= 0 || !hyphenSuffixes[strings.ToLower(w[k+1:])] || c.gaz == nil || !isUpper(w) {
		return actorSpan{}, false
	}
	g, n, ok := c.gaz([]string{w[:k]}, 0, sc.day)
	if !ok || n != 1 || g.kind != gazCountry && g.kind != gazDemonym || g.country == "" {
		return actorSpan{}, false
	}
	return actorSpan{start: i, end: i + 1, country: true, demonym: true,
		actor: article.Actor{Name: spanText(sc.text, s, i, i+1), Code: g.country}}, true
}

// boundOnly are agent words that name an actor only joined to a country ("the Malian
// opposition", "Kenya's opposition"): alone they are mostly abstract nouns ("opposition to
// the deal").
var boundOnly = map[string]bool{"opposition": true}

// dropBoundOnly removes the bound-only agents joinAgents left alone.
func dropBoundOnly(sp []actorSpan) []actorSpan {
	out := sp[:0]
	for _, a := range sp {
		if a.agent && boundOnly[strings.ToLower(a.actor.Name)] {
			continue
		}
		out = append(out, a)
	}
	return out
}

// anyUpper reports whether a token of toks has an upper-case letter.
func anyUpper(toks []nlp.Token) bool {
	for _, t := range toks {
		if strings.ContainsFunc(t.Text, unicode.IsUpper) {
			return true
		}
	}
	return false
}

// localise gives a bare sector ("President …", "the police", "rebels") the country of the
// nearest country named in the sentence: wire copy names the country it is about, and a
// sector without a country codes no one.
func localise(sp []actorSpan, words []string) {
	for i := range sp {
		if !sp[i].sector {
			continue
		}
		// "Thailand denied that its artillery had shelled Cambodian villages": after a
		// possessive pronoun the country is the one named before, which "its" stands for.
		back := false
		if k := sp[i].start - 1; k >= 0 {
			switch strings.ToLower(words[k]) {
			case "its", "their":
				back = true
			}
		}
		best, dist := -1, 1<<30
		for j := range sp {
			code := sp[j].actor.Code
			if sp[j].sector || len(code) < 3 || !isCountryCode(code[:3]) || back && sp[j].end > sp[i].start {
				continue
			}
			d := sp[j].start - sp[i].end
			if d < 0 {
				d = sp[i].start - sp[j].end
			}
			if d < dist {
				best, dist = j, d
			}
		}
		if best >= 0 {
			sp[i].actor.Code = sp[best].actor.Code[:3] + sp[i].actor.Code
			sp[i].sector, sp[i].guessed = false, true
		}
	}
}

// isCountryCode reports whether a three-letter CAMEO code is a country rather than a
// transnational prefix (IGO, NGO, IMG, MNC …) or a bare sector (dict.CodeCountry).
func isCountryCode(c string) bool { return dict.CodeCountry(c) != "" }

func covered(sp []actorSpan, i int) bool {
	for k := range sp {
		if sp[k].start <= i && i < sp[k].end {
			return true
		}
	}
	return false
}

func overlaps(sp []actorSpan, a, b int) bool {
	for k := range sp {
		if sp[k].start < b && a < sp[k].end {
			return true
		}
	}
	return false
}

func spanText(text string, s *nlp.Sentence, a, b int) string {
	return cut(text, s.Tokens[a].Start, s.Tokens[b-1].End)
}

// cut returns text[start:end], or "" when the offsets do not fit the text (a Doc built
// by hand): names and evidence are substrings of the document, so they cost no copy.
func cut(text string, start, end int) string {
	if start < 0 || end > len(text) || start > end {
		return ""
	}
	return text[start:end]
}

// joinAgents merges a country mention with an agent next to it: "Israeli troops",
// "Mexico's army", "the government of Mexico", "Turkish riot police". The merged actor
// keeps the country mention's entity.
func (c *Coder) joinAgents(sp []actorSpan, cls []uint32, ids []int32, text string, s *nlp.Sentence) []actorSpan {
	out := sp[:0]
	for i := 0; i < len(sp); i++ {
		a := sp[i]
		if i+1 < len(sp) {
			b := sp[i+1]
			gap := b.start - a.end
			switch {
			// "Israeli troops", "Israel's army", "Egyptian riot police".
			case (a.country || (!a.sector && !a.agent && len(a.actor.Code) == 3)) && b.agent && gap >= 0 && gap <= 2 && c.plainGap(cls, ids, s, a.end, b.start, true):
				a.actor.Code += b.actor.Code
				a.actor.Name = spanText(text, s, a.start, b.end)
				a.end, a.country, a.demonym, a.title = b.end, false, false, true
				out = append(out, a)
				i++
				continue
			// "Hezbollah guerrillas": an organisation with its own code names its members.
			case !a.agent && !a.sector && !a.country && len(a.actor.Code) > 3 && b.agent && gap == 0:
				a.actor.Name = spanText(text, s, a.start, b.end)
				a.end = b.end
				out = append(out, a)
				i++
				continue
			// "the government of Mexico", "leaders of Romania".
			case a.agent && (b.country || len(b.actor.Code) == 3) && gap == 1 && (s.Tokens[a.end].Text == "of" || s.Tokens[a.end].Text == "in"):
				b.actor.Code += a.actor.Code
				b.actor.Name = spanText(text, s, a.start, b.end)
				b.start, b.country, b.demonym = a.start, false, false
				out = append(out, b)
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return joinTitles(out, text, s)
}

// joinTitles merges a title with the person it names ("Kenyan President | Amina
// Odhiambo", "Arizona Sen. | John McCain"): one actor with the person's entity and the
// title's code, which says what the person is in this text; the person's code when the
// title has no country of its own ("former President | Bill Clinton"). Apart, the title
// and the name were two actors of one person, and the rules took one as the other's
// target.
func joinTitles(sp []actorSpan, text string, s *nlp.Sentence) []actorSpan {
	out := sp[:0]
	for i := 0; i < len(sp); i++ {
		a := sp[i]
		if i+1 < len(sp) && (a.title || a.agent) && !a.person && !a.pron {
			if b := sp[i+1]; b.person && !b.pron && b.start == a.end {
				code := a.actor.Code
				if len(code) < 3 || !isCountryCode(code[:3]) || a.guessed {
					if c := b.actor.Code; len(c) >= 3 && isCountryCode(c[:3]) {
						code = c
					}
				}
				b.actor.Code, b.actor.Name = code, spanText(text, s, a.start, b.end)
				b.start, b.sector, b.guessed = a.start, a.sector && b.sector, a.guessed || b.guessed
				out = append(out, b)
				i++
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// plainGap reports whether tokens [a, b) are modifiers that may stand between a country
// and its agent (adjectives, "'s"), not punctuation or function words.
func (c *Coder) plainGap(cls []uint32, ids []int32, s *nlp.Sentence, a, b int, poss bool) bool {
	for k := a; k < b; k++ {
		if cls[k]&cPoss != 0 && poss {
			continue
		}
		// "Ghana arrested three leaders": a verb between them is no modifier.
		if cls[k] != 0 || ids != nil && ids[k] >= 0 && len(c.formsByID[ids[k]]) > 0 && !c.nounish(ids[k], s.Tokens[k].Text) {
			return false
		}
	}
	return true
}

// nounish reports whether a dictionary verb word w (id its word id) is, between a country
// and an agent, more likely a modifier than a verb: only a bare or -ing form ("riot
// police", "border guards", "peacekeeping troops") may be. The word as written decides:
// a pattern noun's plural shares its singular's id ("jails" is "jail"), and "Russia jails
// opposition politician" was one actor.
func (c *Coder) nounish(id int32, w string) bool {
	for _, f := range c.formsByID[id] {
		if f.past {
			return false
		}
	}
	return !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss")
}
