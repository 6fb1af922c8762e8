package entity

import (
	"slices"
	"strings"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/nlp"
)

// link groups mentions into entities (names within the article, then titles and pronouns)
// and fills each entity's name, country, roles and actor code.
func (r *Recognizer) link(doc *nlp.Doc, raws []raw) *Set {
	set := &Set{}
	day := PublishedDay(doc.Published)
	byKey := map[string]*Entity{}
	guessed := map[*Entity]bool{} // non-person entities known only from the tagger
	var people []*Entity          // in order of creation
	personTokens := map[*Entity][]string{}
	personGender := map[*Entity]byte{} // from a given name or an honorific
	for k := range raws {
		m := &raws[k]
		s := doc.Sentences[m.s]
		start, end := s.Tokens[m.i].Start, s.Tokens[m.j-1].End
		text := doc.Text[start:end]
		mention := Mention{Start: start, End: end, Text: text, Kind: KindName, Sentence: m.s}
		if (m.typ == article.GPE || m.typ == article.Org && (m.entry == nil || m.entry.Kind != dict.Org)) &&
			m.j-m.i == 1 && surnameOf(people, personTokens, text) {
			// "Michael Jordan … Jordan said": a one-word place that is the surname of a
			// person named before is that person again, not the country; so is a word
			// the tagger called an organisation ("Trump" in 1,481 PolNeAR mentions)
			// unless the dictionary knows it as one ("the Guardian", "Bloomberg").
			m.typ, m.entry, m.country, m.code, m.sector = article.Person, nil, "", "", ""
		}
		var e *Entity
		switch m.typ {
		case article.Person:
			toks := nameTokens(s.Tokens[m.i:m.j])
			if len(toks) == 0 {
				continue
			}
			g := mentionGender(s.Tokens, m.i, m.j, toks)
			e = matchPerson(people, personTokens, personGender, toks, g)
			if e == nil {
				e = &Entity{Type: article.Person}
				people = append(people, e)
				set.Entities = append(set.Entities, e)
			} else if len(toks) < len(personTokens[e]) {
				mention.Kind = KindAlias
			}
			if len(toks) >= len(personTokens[e]) {
				personTokens[e] = toks
				e.Name = strings.Join(toks, " ")
			}
			if personGender[e] == 0 {
				personGender[e] = g
			}
		default:
			var key string
			if m.country != "" && (m.typ == article.GPE || m.typ == article.NORP) && (m.entry == nil || m.entry.Kind != dict.City) {
				key = m.typ + "|" + m.country
			} else if m.entry != nil && m.entry.Code != "" {
				key = m.typ + "|" + m.entry.Code + "|" + m.entry.Name
			} else {
				key = m.typ + "|" + strings.ToLower(text)
			}
			e = byKey[key]
			if e == nil {
				e = &Entity{Type: m.typ, Name: displayName(r.dict, m, text)}
				byKey[key] = e
				set.Entities = append(set.Entities, e)
				guessed[e] = m.entry == nil
			} else if !strings.EqualFold(e.Name, text) {
				mention.Kind = KindAlias
			}
		}
		e.Mentions = append(e.Mentions, mention)
		if m.entry != nil && m.entry.Kind == dict.Person {
			// An office holder's code is the one of the office held when the article
			// appeared, with that office's country (none for a NATO term, which merge
			// then takes whole); "" (none held then) leaves the country alone.
			code, country := m.entry.On(day)
			if m.code = code; code != "" && m.entry.HasTerms() {
				m.country = country
			}
		}
		merge(e, m)
	}
	set.Entities = fixSurnames(set.Entities, guessed, personTokens)
	propagateNames(doc, set, personTokens)
	r.knownHolders(set, personTokens, day)
	countryFromContext(set)
	mergeAcronyms(doc.Text, set)
	r.linkTitles(doc, set)
	linkOrgHeads(doc, set)
	linkPronouns(doc, set)
	for i, e := range set.Entities {
		e.ID = entityID(i + 1)
		e.Actor = actorCode(e)
		sortMentions(e.Mentions)
	}
	return set
}

// merge adds what one mention says about its entity.
func merge(e *Entity, m *raw) {
	if e.Country == "" {
		e.Country = m.country
	}
	if e.Sector == "" {
		e.Sector = m.sector
	}
	if e.PostedTo == "" {
		e.PostedTo = m.postedTo
	}
	if m.code != "" && e.Actor == "" && e.Type == article.Person {
		switch {
		case m.country == "" && len(m.code) > 3:
			// An international official ("Ban Ki-moon" IGOUNO) acts for the
			// organisation: its code whole, not "UNO" read as a sector.
			e.Actor = m.code
		case len(m.code) >= 6:
			// Office holders carry a full code (USAGOV); keep its sector.
			e.Sector = m.code[3:6]
		}
	}
	if e.Type == article.Org && m.code != "" && e.Actor == "" {
		e.Actor = m.code
	}
	for _, role := range m.roles {
		if !containsFold(e.Roles, role) {
			e.Roles = append(e.Roles, role)
		}
	}
}

// actorCode builds the CAMEO actor code: country plus sector (MEX+GOV), or the
// dictionary's own code for organisations.
// mergeAcronyms joins to a named organisation the acronym given in parentheses after its
// name and every later use of it: "the Rapid Support Forces (RSF) … RSF fighters" is one
// entity, with the codes whichever of the two had (the dictionary may know only one).
func mergeAcronyms(text string, set *Set) {
	gone := map[*Entity]bool{}
	for _, e := range set.Entities {
		if e.Type != article.Org || gone[e] {
			continue
		}
		for _, m := range e.Mentions {
			rest := text[m.End:]
			if m.Kind != KindName || !strings.HasPrefix(rest, " (") {
				continue
			}
			end := strings.IndexByte(rest, ')')
			if end < 4 || end > 12 {
				continue
			}
			acr := rest[2:end]
			if !initialsOf(m.Text, acr) && !joinSplitName(text, set, e, m, acr, gone) {
				continue
			}
			for _, a := range set.Entities {
				if a == e || gone[a] || !namedOnly(a, acr) {
					continue
				}
				e.Mentions = append(e.Mentions, a.Mentions...)
				if e.Country == "" {
					e.Country = a.Country
				}
				if e.Actor == "" {
					e.Actor, e.Sector = a.Actor, a.Sector
				}
				gone[a] = true
			}
		}
	}
	if len(gone) > 0 {
		set.Entities = slices.DeleteFunc(set.Entities, func(e *Entity) bool { return gone[e] })
	}
}

// joinSplitName handles a name the tagger split at "on", "of", "for" or "and" ("Kenya
// National Commission | on | Human Rights (KNCHR)"): when the organisation named just
// before m and m together have the acronym's initials, m's entity becomes that whole name
// and the earlier part's entity is dropped.
func joinSplitName(text string, set *Set, e *Entity, m Mention, acr string, gone map[*Entity]bool) bool {
	for _, p := range set.Entities {
		if p == e || gone[p] || p.Type != article.Org || len(p.Mentions) != 1 {
			continue
		}
		pm := p.Mentions[0]
		if pm.End >= m.Start || m.Start-pm.End > 5 {
			continue
		}
		switch strings.TrimSpace(text[pm.End:m.Start]) {
		case "on", "of", "for", "and", "&":
		default:
			continue
		}
		whole := text[pm.Start:m.End]
		if !initialsOf(whole, acr) {
			continue
		}
		for i := range e.Mentions {
			if e.Mentions[i] == m {
				e.Mentions[i].Start, e.Mentions[i].Text = pm.Start, whole
			}
		}
		e.Name = whole
		if e.Country == "" {
			e.Country = p.Country
		}
		if e.Actor == "" {
			e.Actor, e.Sector = p.Actor, p.Sector
		}
		gone[p] = true
		return true
	}
	return false
}

// initialsOf reports whether acr, in capitals, is made of initials of name's words, in
// order, small words optional ("Rapid Support Forces" RSF, "Kenya National Commission on
// Human Rights" KNCHR, "Economic Community of West African States" ECOWAS; "Petroleos
// Mexicanos" Pemex is not).
func initialsOf(name, acr string) bool {
	if len(acr) < 2 || strings.ToUpper(acr) != acr {
		return false
	}
	k := 0
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if k < len(acr) && w != "" && (w[0] == acr[k] || w[0]-'a'+'A' == acr[k]) {
			k++
		}
	}
	return k == len(acr)
}

// namedOnly reports whether every name mention of e is written acr.
func namedOnly(e *Entity, acr string) bool {
	n := 0
	for _, m := range e.Mentions {
		if m.Kind == KindName {
			if m.Text != acr {
				return false
			}
			n++
		}
	}
	return n > 0
}

func actorCode(e *Entity) string {
	if e.Actor != "" {
		if e.Country != "" && len(e.Actor) == 3 && e.Actor != e.Country {
			return e.Country + e.Actor // a media or party sector code with a known country
		}
		return e.Actor
	}
	switch e.Type {
	case article.GPE:
		return e.Country
	case article.NORP:
		if e.Country == "" {
			return e.Sector // a group with a religion or sector code: "Muslims" MUS
		}
		return e.Country
	}
	if e.Country != "" {
		return e.Country + e.Sector
	}
	return e.Sector
}

func displayName(d *dict.Dict, m *raw, text string) string {
	if m.entry != nil && m.entry.Kind == dict.Country && m.country != "" {
		if n, ok := d.Country(m.country); ok {
			return n
		}
	}
	if m.entry != nil && m.entry.Kind == dict.Org && m.entry.Name != "" {
		return m.entry.Name
	}
	return strings.TrimSuffix(strings.TrimSuffix(text, "'s"), "’s")
}

// nameTokens returns a person name's words without honorifics and possessives.
func nameTokens(toks []nlp.Token) []string {
	var out []string
	for _, t := range toks {
		w := t.Text
		if _, ok := nlp.LookupFold(honorifics, honorificsFirst, w); ok || w == "'s" || w == "’s" || w == "'" || w == "’" {
			continue
		}
		out = append(out, w)
	}
	return out
}

// matchPerson finds the person a name refers to: the most recent one whose name contains
// all the words of this one, or whose words this one contains ("Trump", then "Donald Trump").
// Two full names that differ ("Bill Clinton", "Hillary Clinton") stay apart, and so do
// two genders: "Mrs. Clinton" is not the Bill Clinton named last. g is the name's gender
// (0 unknown), gender the people's.
func matchPerson(people []*Entity, toks map[*Entity][]string, gender map[*Entity]byte, name []string, g byte) *Entity {
	for k := len(people) - 1; k >= 0; k-- {
		e := people[k]
		if g != 0 && gender[e] != 0 && gender[e] != g {
			continue
		}
		have := toks[e]
		if subset(name, have) || subset(have, name) {
			return e
		}
	}
	return nil
}

// mentionGender is the gender a person mention, tokens [i, j), states: by an honorific in
// it or just before it ("Mrs. Clinton"), else by its given name; 0 when it says none.
func mentionGender(ts []nlp.Token, i, j int, name []string) byte {
	for k := max(i-1, 0); k < j; k++ {
		if g, ok := nlp.LookupFold(honorificGender, honorificFirst, ts[k].Text); ok {
			return g
		}
	}
	return nameGender(name)
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !containsFold(b, x) {
			return false
		}
	}
	return true
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func sortMentions(ms []Mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// fixSurnames moves a tagger-only organisation or place whose every mention is a word of a
// person's name ("Trump's directive" tagged ORG in an article about Donald Trump) to that
// person.
func fixSurnames(ents []*Entity, guessed map[*Entity]bool, personTokens map[*Entity][]string) []*Entity {
	out := ents[:0]
	for _, e := range ents {
		if guessed[e] {
			if p := personNamed(e, personTokens); p != nil {
				for _, m := range e.Mentions {
					m.Kind = KindAlias
					p.Mentions = append(p.Mentions, m)
				}
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

func personNamed(e *Entity, personTokens map[*Entity][]string) *Entity {
	var found *Entity
	for _, m := range e.Mentions {
		w := strings.TrimSuffix(strings.TrimSuffix(m.Text, "'s"), "’s")
		if strings.ContainsRune(w, ' ') {
			return nil
		}
		var hit *Entity
		for p, toks := range personTokens {
			if len(toks) > 1 && strings.EqualFold(toks[len(toks)-1], w) {
				if hit != nil && hit != p {
					return nil // two people share the name: leave it
				}
				hit = p
			}
		}
		if hit == nil || (found != nil && found != hit) {
			return nil
		}
		found = hit
	}
	return found
}

// propagateNames finds the later bare mentions of people the tagger missed: a capitalised
// word equal to a named person's surname, standing alone (not inside another name).
func propagateNames(doc *nlp.Doc, set *Set, personTokens map[*Entity][]string) {
	surnames := map[string]*Entity{}
	for e, toks := range personTokens {
		if len(toks) < 2 {
			continue
		}
		last := toks[len(toks)-1]
		if prev, ok := surnames[last]; ok && prev != e {
			surnames[last] = nil // shared surname: ambiguous
			continue
		}
		surnames[last] = e
	}
	if len(surnames) == 0 {
		return
	}
	// The surnames' first bytes turn most tokens away without a map lookup.
	var first [256]bool
	for last := range surnames {
		if last != "" {
			first[last[0]] = true
		}
	}
	covered := map[int]bool{}
	for _, e := range set.Entities {
		for _, m := range e.Mentions {
			covered[m.Start] = true
		}
	}
	for si, s := range doc.Sentences {
		for k, t := range s.Tokens {
			if t.Text != "" && !first[t.Text[0]] {
				continue
			}
			e := surnames[t.Text]
			if e == nil || covered[t.Start] {
				continue
			}
			if (k > 0 && capitalised(s.Tokens[k-1].Text) && k-1 > 0) || (k+1 < len(s.Tokens) && capitalised(s.Tokens[k+1].Text)) {
				continue
			}
			if k > 0 && coveredBy(set, s.Tokens[k-1].Start) {
				continue
			}
			e.Mentions = append(e.Mentions, Mention{Start: t.Start, End: t.End, Text: t.Text, Kind: KindAlias, Sentence: si})
			covered[t.Start] = true
		}
	}
}

func coveredBy(set *Set, pos int) bool {
	for _, e := range set.Entities {
		for _, m := range e.Mentions {
			if m.Start <= pos && pos < m.End {
				return true
			}
		}
	}
	return false
}

// countryFromContext gives an office holder written without a country ("Foreign Minister
// Jo Ruiz") the country named last before the first mention in the same sentence
// ("… the palace in Lima did not comment, Foreign Minister Jo Ruiz said").
func countryFromContext(set *Set) {
	for _, e := range set.Entities {
		if e.Type != article.Person || e.Country != "" || len(e.Roles) == 0 || len(e.Mentions) == 0 {
			continue
		}
		first := e.Mentions[0]
		best := -1
		for _, o := range set.Entities {
			if (o.Type != article.GPE && o.Type != article.NORP) || o.Country == "" {
				continue
			}
			for _, m := range o.Mentions {
				if m.Sentence == first.Sentence && m.End <= first.Start && m.Start > best {
					best = m.Start
					e.Country = o.Country
				}
			}
		}
	}
}

// knownHolders gives a titled person written by surname alone ("President Kagame") the
// country and sector of the one office holder in the dictionary with that surname: those
// of the office held on day (yyyymmdd, 0 for an undated article: the latest), or the
// office's code whole when it is an international body's.
func (r *Recognizer) knownHolders(set *Set, personTokens map[*Entity][]string, day int) {
	for _, e := range set.Entities {
		toks := personTokens[e]
		if e.Type != article.Person || e.Country != "" || len(e.Roles) == 0 || len(toks) == 0 {
			continue
		}
		h, ok := r.holderSurname(strings.ToLower(toks[len(toks)-1]))
		if !ok {
			continue
		}
		if len(toks) > 1 && !strings.EqualFold(h.Name, strings.Join(toks, " ")) {
			continue // a different first name: another person
		}
		code, country := h.On(day) // the term's own country, as in Recognize
		if country == "" {
			// An international term (IGOUNO): the body's code whole, as merge gives it.
			if len(code) > 3 && e.Actor == "" {
				e.Actor = code
			}
			continue
		}
		e.Country = country
		if len(code) >= 6 && e.Sector == "" {
			e.Sector = code[3:6]
		}
	}
}

// surnameOf reports whether w is the last name word of one of people (as linked so far).
func surnameOf(people []*Entity, personTokens map[*Entity][]string, w string) bool {
	for _, p := range people {
		if toks := personTokens[p]; len(toks) > 1 && toks[len(toks)-1] == w {
			return true
		}
	}
	return false
}
