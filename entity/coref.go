package entity

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/nlp"
)

// personRef is a person mention used as a candidate antecedent.
type personRef struct {
	start, end, sent int
	e                *Entity
}

func personRefs(set *Set) []personRef {
	var refs []personRef
	for _, e := range set.Entities {
		if e.Type != article.Person {
			continue
		}
		for _, m := range e.Mentions {
			refs = append(refs, personRef{m.Start, m.End, m.Sentence, e})
		}
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].start < refs[j].start })
	return refs
}

// linkTitles ties "the president", "the Mexican president" and "the foreign minister" to
// the latest person named earlier with that role (and that country, when one is written).
func (r *Recognizer) linkTitles(doc *nlp.Doc, set *Set) {
	refs := personRefs(set)
	if len(refs) == 0 {
		return
	}
	words := make([]string, 0, 64)
	for si, s := range doc.Sentences {
		words = words[:0]
		for _, t := range s.Tokens {
			words = append(words, t.Text)
		}
		for i := 0; i+1 < len(words); i++ {
			if !strings.EqualFold(words[i], "the") {
				continue
			}
			k := i + 1
			country := ""
			if e, n, ok := r.dict.Match(words, k); ok && (e.Kind == dict.Demonym || e.Kind == dict.Country) && e.Country != "" {
				country = e.Country
				k += n
				if k < len(words) && (words[k] == "'s" || words[k] == "’s") {
					k++
				}
			}
			if k >= len(words) {
				continue
			}
			e, n, ok := r.dict.Match(words, k)
			if !ok || e.Kind != dict.Agent {
				continue
			}
			// A title followed by a name is part of that name's mention, not a reference.
			if k+n < len(words) && s.Tokens[k+n].Tag != "O" && s.Tokens[k+n].Tag != "" {
				continue
			}
			title := strings.ToLower(strings.Join(words[k:k+n], " "))
			start, end := s.Tokens[i].Start, s.Tokens[k+n-1].End
			for x := len(refs) - 1; x >= 0; x-- {
				ref := refs[x]
				if ref.start >= start {
					continue
				}
				if country != "" && ref.e.Country != country {
					continue
				}
				if hasRole(ref.e, title) {
					ref.e.Mentions = append(ref.e.Mentions, Mention{Start: start, End: end, Text: doc.Text[start:end], Kind: KindTitle, Sentence: si})
					break
				}
			}
			i = k + n - 1
		}
	}
}

// linkOrgHeads links "the authority", "the fund", "the bank" to the organisation named
// last before it, in that sentence or the five before, whose name holds that word ("the
// National Drought Management Authority … The authority warned …"): wire copy names a body
// once and then by its head noun, and the quotes and events after it need to know who.
func linkOrgHeads(doc *nlp.Doc, set *Set) {
	type orgRef struct {
		start, si int
		e         *Entity
	}
	var refs []orgRef
	for _, e := range set.Entities {
		if e.Type != article.Org {
			continue
		}
		for _, m := range e.Mentions {
			if m.Kind == KindName {
				refs = append(refs, orgRef{m.Start, m.Sentence, e})
			}
		}
	}
	if len(refs) == 0 {
		return
	}
	slices.SortFunc(refs, func(a, b orgRef) int { return a.start - b.start })
	for si, s := range doc.Sentences {
		for i := 0; i+1 < len(s.Tokens); i++ {
			head := s.Tokens[i+1].Text
			if !strings.EqualFold(s.Tokens[i].Text, "the") || !orgHeads[strings.ToLower(head)] ||
				i+2 < len(s.Tokens) && isNameStart(s.Tokens[i+2].Text) ||
				i > 0 && s.Tokens[i-1].Text == "of" && isNameStart(head) {
				continue // "the Bank of Uganda", "State of the Union": a name, not a reference
			}
			start, end := s.Tokens[i].Start, s.Tokens[i+1].End
			for x := len(refs) - 1; x >= 0; x-- {
				ref := refs[x]
				if ref.start >= start {
					continue
				}
				if ref.si < si-5 {
					break
				}
				// "the bloc" is the regional or international body named before.
				if nameHasWord(ref.e.Name, head) || strings.EqualFold(head, "bloc") && strings.HasPrefix(ref.e.Actor, "IGO") {
					ref.e.Mentions = append(ref.e.Mentions, Mention{Start: start, End: end, Text: doc.Text[start:end], Kind: KindTitle, Sentence: si})
					break
				}
			}
		}
	}
}

// orgHeads are the head nouns an organisation is called by after its full name.
var orgHeads = map[string]bool{"authority": true, "fund": true, "bank": true, "agency": true,
	"commission": true, "ministry": true, "council": true, "company": true, "court": true,
	"union": true, "organisation": true, "organization": true, "institute": true,
	"association": true, "board": true, "programme": true, "program": true, "alliance": true,
	"bloc": true, "federation": true, "tribunal": true}

func isNameStart(w string) bool { return w == "of" || w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// nameHasWord reports whether name holds word w, ignoring case.
func nameHasWord(name, w string) bool {
	for _, f := range strings.Fields(name) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// hasRole reports whether one of e's roles, lower-cased, is title or ends in " "+title.
// title is lower case.
func hasRole(e *Entity, title string) bool {
	for _, r := range e.Roles {
		if !isASCII(r) {
			// Non-ASCII case mapping may change the length: compare the copy.
			lr := strings.ToLower(r)
			if lr == title || strings.HasSuffix(lr, " "+title) {
				return true
			}
			continue
		}
		// An ASCII role lower-cases byte by byte, so it is compared in place (with the
		// byte lengths equal, EqualFold then matches only what lower-casing would); this
		// ran for every earlier person at every "the" + title.
		if len(r) == len(title) && strings.EqualFold(r, title) ||
			len(r) > len(title) && r[len(r)-len(title)-1] == ' ' && strings.EqualFold(r[len(r)-len(title):], title) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Pronoun genders: 'm' masculine, 'f' feminine.
var pronouns = map[string]byte{
	"he": 'm', "him": 'm', "his": 'm', "himself": 'm',
	"she": 'f', "her": 'f', "hers": 'f', "herself": 'f',
}

var honorificGender = map[string]byte{"mr.": 'm', "mr": 'm', "mrs.": 'f', "mrs": 'f', "ms.": 'f', "ms": 'f'}

// linkPronouns ties he/she/his/her to a person: the nearest person named earlier in the
// same sentence, else the first person named in the closest earlier sentence that names one
// (subjects come first in English news sentences), skipping people of the other gender once
// a gender is known from a given name, an honorific or an earlier pronoun.
func linkPronouns(doc *nlp.Doc, set *Set) {
	refs := personRefs(set)
	if len(refs) == 0 {
		return
	}
	gender := map[*Entity]byte{}
	for _, e := range set.Entities {
		if e.Type == article.Person {
			if g := fullNameGender(e.Name); g != 0 {
				gender[e] = g
			}
		}
	}
	for _, s := range doc.Sentences {
		for i, t := range s.Tokens {
			if g, ok := nlp.LookupFold(honorificGender, honorificFirst, t.Text); ok && i+1 < len(s.Tokens) {
				for _, ref := range refs {
					if ref.start == s.Tokens[i+1].Start || (ref.start <= s.Tokens[i+1].Start && s.Tokens[i+1].End <= ref.end) {
						gender[ref.e] = g
					}
				}
			}
		}
	}
	var quoted [][2]int
	for si, s := range doc.Sentences {
		quoted = quoted[:0]
		for _, t := range s.Tokens {
			g, ok := nlp.LookupFold(pronouns, pronounFirst, t.Text)
			if !ok {
				continue
			}
			if len(quoted) == 0 {
				quoted = quotedSpans(quoted, doc.Text, s.Start, s.End)
			}
			e := antecedent(refs, si, t.Start, g, gender, quoted)
			if e == nil {
				continue
			}
			if gender[e] == 0 {
				gender[e] = g
			}
			e.Mentions = append(e.Mentions, Mention{Start: t.Start, End: t.End, Text: t.Text, Kind: KindPronoun, Sentence: si})
			// The pronoun is itself an antecedent for the next one, so chains of pronouns
			// follow their person across a paragraph.
			n := sort.Search(len(refs), func(i int) bool { return refs[i].start >= t.Start })
			refs = slices.Insert(refs, n, personRef{t.Start, t.End, si, e})
		}
	}
}

func antecedent(refs []personRef, si, pos int, g byte, gender map[*Entity]byte, quoted [][2]int) *Entity {
	ok := func(e *Entity) bool { return gender[e] == 0 || gender[e] == g }
	// refs is sorted by start; find the last mention before pos.
	n := sort.Search(len(refs), func(i int) bool { return refs[i].start >= pos })
	// A pronoun outside a quotation does not refer to a person named inside it: in
	// "“I met Ruto,” he said" the speaker is someone else, named before.
	inQuote := func(p int) bool {
		for _, q := range quoted {
			if q[0] <= p && p < q[1] {
				return true
			}
		}
		return false
	}
	outside := !inQuote(pos)
	for x := n - 1; x >= 0 && refs[x].sent == si; x-- {
		if ok(refs[x].e) && !(outside && inQuote(refs[x].start)) {
			return refs[x].e
		}
	}
	// Earlier sentences, closest first; within one, the first person named.
	x := n - 1
	for x >= 0 && refs[x].sent == si {
		x--
	}
	for x >= 0 && si-refs[x].sent <= 3 {
		sent := refs[x].sent
		first := x
		for first > 0 && refs[first-1].sent == sent {
			first--
		}
		for y := first; y <= x; y++ {
			if ok(refs[y].e) {
				return refs[y].e
			}
		}
		x = first - 1
	}
	return nil
}

// pronounFirst and honorificFirst hold the ASCII first bytes, in either case, of the
// keys of pronouns and honorificGender, so that nlp.LookupFold can turn most words away
// without a map lookup.
var pronounFirst, honorificFirst = nlp.FirstBytes(pronouns), nlp.FirstBytes(honorificGender)

// quotedSpans appends to dst the byte ranges of text[lo:hi] inside quotation marks. A
// straight mark after a space or at the start opens, one after anything else closes, as
// curly marks say by their shape; a closing mark with none open closes a quotation that
// began before lo (the sentence splitter may leave the opening mark behind), and an
// unclosed one quotes to hi. dst is never left empty, so that a sentence is scanned once:
// with no quotation it holds the empty range {lo, lo}.
func quotedSpans(dst [][2]int, text string, lo, hi int) [][2]int {
	n := len(dst)
	open := -1
	for i := lo; i < hi && i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		opening := r == '“' || r == '"' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '(')
		closing := r == '”' || r == '"' && !opening
		switch {
		case opening:
			open = i
		case closing && open >= 0:
			dst = append(dst, [2]int{open, i + size})
			open = -1
		case closing:
			dst = append(dst, [2]int{lo, i + size})
		}
		i += size
	}
	if open >= 0 {
		dst = append(dst, [2]int{open, hi})
	}
	if len(dst) == n {
		dst = append(dst, [2]int{lo, lo})
	}
	return dst
}
