package entity

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/ner"
	"github.com/heraldnews/herald/nlp"
)

// Recognizer finds entities. It is safe for concurrent use.
type Recognizer struct {
	tagger *ner.Tagger
	dict   *dict.Dict
	// surnames maps the lower-cased surnames of the dictionary's people to their entry
	// in holders when one person only bears it, -1 when several do or it is shorter
	// than four letters (see holderSurnames). It is built on first use: start-up that a
	// run without a titled surname ("President Kagame") does not need.
	surnamesOnce sync.Once
	surnames     map[string]int32
	holders      []dict.Entry
	scratch      sync.Pool // *recScratch
}

// recScratch is Recognize's working memory, reused from document to document: the raw
// mentions alone were a fifth of the pipeline's allocated bytes.
type recScratch struct {
	raws    []raw
	words   []string
	hashes  []uint64
	tags    []string
	covered []bool
	matches []match
	spans   []span // sentenceMentions' tagger spans
}

// New returns a Recognizer using the given tagger and dictionary.
func New(t *ner.Tagger, d *dict.Dict) *Recognizer {
	return &Recognizer{tagger: t, dict: d}
}

// holderSurnames builds r.surnames: news names office holders by title and surname.
// One map from surname to a slot of r.holders: with a map of entries, a map of counts
// and a set of names, the build took ~33 ms, in the first article that needed it.
func (r *Recognizer) holderSurnames() {
	r.surnamesOnce.Do(func() {
		// Sized for the embedded dictionary's ~20,000 people.
		r.surnames = make(map[string]int32, 1<<14)
		r.holders = make([]dict.Entry, 0, 1<<14)
		count := make([]int32, 0, 1<<14) // by slot: how many different names bear the surname
		lasts := make([]string, 0, 1<<14)
		r.dict.Entries(func(e dict.Entry) bool {
			if e.Kind == dict.Person && e.Country != "" {
				if i := strings.LastIndexByte(e.Name, ' '); i > 0 {
					last := strings.ToLower(e.Name[i+1:])
					k, ok := r.surnames[last]
					if !ok {
						r.surnames[last] = int32(len(r.holders))
						r.holders = append(r.holders, e)
						count = append(count, 1)
						lasts = append(lasts, last)
						return true
					}
					// A person listed again under the same name (leaders.txt's terms
					// after people.txt's latest code) is one person, not two sharing a
					// surname: the later entry replaces the earlier, as it does for the
					// phrase. Another name makes the surname shared, whatever follows.
					if r.holders[k].Name != e.Name {
						count[k]++
					}
					r.holders[k] = e
				}
			}
			return true
		})
		for k, last := range lasts {
			if count[k] > 1 || len(last) < 4 {
				r.surnames[last] = -1
			}
		}
	})
}

// holderSurname returns the one office holder with the lower-cased surname w.
func (r *Recognizer) holderSurname(w string) (dict.Entry, bool) {
	r.holderSurnames()
	if k, ok := r.surnames[w]; ok && k >= 0 {
		return r.holders[k], true
	}
	return dict.Entry{}, false
}

// anySurname reports whether w, lower case, is the surname of a person of the
// dictionary, shared by several or not.
func (r *Recognizer) anySurname(w string) bool {
	r.holderSurnames()
	_, ok := r.surnames[w]
	return ok
}

// match is a dictionary phrase found in a sentence, tokens [i, j).
type match struct {
	i, j  int
	entry dict.Entry
}

// raw is one entity mention before coreference, tokens [i, j) of sentence s.
type raw struct {
	s, i, j  int
	t        int // where the titles before the name are read from: i, or before a title in the span
	typ      string
	entry    *dict.Entry // dictionary entry for the whole span, if any
	country  string
	sector   string
	code     string // a full actor code known for the name itself (office holders, orgs)
	roles    []string
	postedTo string
}

// Recognize tags doc's tokens (setting Token.Tag) and returns its entities.
func (r *Recognizer) Recognize(doc *nlp.Doc) *Set {
	sc, _ := r.scratch.Get().(*recScratch)
	if sc == nil {
		sc = &recScratch{}
	}
	// Buffers reused from sentence to sentence; the words' hashes are computed once for
	// all the dictionary lookups of a sentence.
	raws, words, hashes, tags, covered, matches := sc.raws[:0], sc.words, sc.hashes, sc.tags, sc.covered, sc.matches
	scan := dictScan{doc: doc}
	scan.sentOff = make([]int32, 0, len(doc.Sentences)+1)
	// One entry per token: sized up front, not grown token by token.
	ntok := 0
	for si := range doc.Sentences {
		ntok += len(doc.Sentences[si].Tokens)
	}
	scan.at = make([]int32, 0, ntok)
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		words = words[:0]
		for _, t := range s.Tokens {
			words = append(words, t.Text)
		}
		hashes = dict.HashWords(hashes[:0], words)
		tags = slices.Grow(tags[:0], len(words))[:len(words)]
		r.tagger.TagInto(words, tags)
		for k := range s.Tokens {
			s.Tokens[k].Tag = tags[k]
		}
		matches = matches[:0]
		scan.sentOff = append(scan.sentOff, int32(len(scan.at)))
		at0 := len(scan.at)
		for range words {
			scan.at = append(scan.at, scanUnknown)
		}
		for i := 0; i < len(words); {
			e, n, ok := r.dict.MatchHashed(words, hashes, i)
			if ok && n > 0 {
				scan.at[at0+i] = int32(len(scan.hits))
				scan.hits = append(scan.hits, scanHit{e, n})
			} else {
				scan.at[at0+i] = scanMiss
			}
			if ok && n > 0 {
				// Names are spans without their article ("the White House" -> "White
				// House"), as in the tagger's training data.
				start := i
				if n > 1 && e.Kind != dict.Agent && (words[i] == "the" || words[i] == "The") {
					start++
				}
				matches = append(matches, match{start, i + n, e})
				i += n
				continue
			}
			i++
		}
		covered = slices.Grow(covered[:0], len(words))[:len(words)]
		clear(covered)
		raws = r.sentenceMentions(sc, raws, si, words, hashes, tags, matches, covered)
	}
	scan.sentOff = append(scan.sentOff, int32(len(scan.at)))
	set := r.link(doc, raws)
	usState(set, doc.Text)
	set.scan = scan
	set.Reindex()
	// link has copied what it needs out of the raw mentions.
	clear(raws)
	sc.raws, sc.words, sc.hashes, sc.tags, sc.covered, sc.matches = raws[:0], words[:0], hashes[:0], tags[:0], covered[:0], matches[:0]
	r.scratch.Put(sc)
	return set
}

// georgianWords place a text in the country Georgia rather than the American state.
var georgianWords = []string{"Tbilisi", "Abkhazia", "Ossetia", "Georgian", "Caucasus", "Batumi", "Kutaisi"}

// usState makes "Georgia" the American state (USA) in a text that names American
// domestic affairs (usPolitics) and nothing of the country: in US news it is the state
// ("the Georgia primary", 22 of the 840 PolNeAR texts, none about the country).
func usState(set *Set, text string) {
	var g *Entity
	american := false
	for _, e := range set.Entities {
		switch {
		case e.Name == "Georgia" && e.Country == "GEO" && e.Type == article.GPE:
			g = e
		case e.Country == "USA" && usPolitics(e):
			american = true
		}
	}
	if g == nil || !american {
		return
	}
	for _, w := range georgianWords {
		if strings.Contains(text, w) {
			return
		}
	}
	g.Country, g.Actor = "USA", "USA"
}

// usPolitics reports whether American entity e places a text in American domestic
// affairs: another state or an American city, rather than the United States, its capital
// or its officials, which news about the country Georgia names too. (Candidates and
// legislators were tried: their codes change with the date, "Trump" is USAGOV in an
// undated text and a former secretary of state ELI.)
func usPolitics(e *Entity) bool {
	if e.Type != article.GPE {
		return false
	}
	switch e.Name {
	case "United States", "U.S.", "US", "USA", "America", "Washington":
		return false
	}
	return true
}

// sentenceMentions merges tagger spans with dictionary matches into typed mentions.
// covered is scratch space of len(words), all false.
func (r *Recognizer) sentenceMentions(sc *recScratch, out []raw, si int, words []string, hashes []uint64, tags []string, matches []match, covered []bool) []raw {
	n0 := len(out) // the earlier sentences' mentions come before
	sc.spans = iobSpans(sc.spans[:0], tags)
	for _, sp := range sc.spans {
		if sp.typ == "PER" {
			// "Does Rubio", "Though Kaine": a capitalised function word before a name
			// (a sentence's or a title-case headline's first word) is not part of it,
			// and alone ("Rather, he …") it is no name at all.
			for sp.i < sp.j && lookupBool(notName, notNameFirst, words[sp.i]) {
				sp.i++
			}
			if sp.i == sp.j {
				continue
			}
		}
		if sp.typ == "PER" {
			// "Mayor Clara Ines | Montoya": given names the tagger left out before the
			// surname it tagged belong to the name.
			for sp.i > 0 && capitalised(words[sp.i-1]) &&
				givenNameGender[strings.ToLower(words[sp.i-1])] != 0 && !covered[sp.i-1] {
				sp.i--
			}
		}
		m := raw{s: si, i: sp.i, j: sp.j, t: sp.i}
		if sp.typ == "PER" {
			// "Sen. Rand Paul", "Secretary Clinton": a title the tagger took into the
			// name is a role, not a name, so the name joins the person's other mentions.
			// (The dictionary may list the whole as a person, "Secretary Clinton": the
			// title is looked up without the last word.)
			for m.j-m.i > 1 {
				e, n, ok := r.dict.MatchHashed(words[m.i:m.j-1], hashes[m.i:m.j-1], 0)
				if !ok || n == 0 || e.Kind != dict.Agent || !officeTitle(e.Code, words[m.i]) {
					break
				}
				m.roles = append(m.roles, roleName(words[m.i:m.i+n]))
				if m.sector == "" {
					m.sector = e.Code
				}
				m.i += n
			}
			sp.i = m.i
		}
		// A dictionary name with exactly the tagger's span supplies codes. (Widening the
		// span to a longer dictionary name cost F1 on CoNLL dev: the tagger's boundaries
		// are better than the dictionary's.) A country's official name is the exception:
		// the tagger reads "Democratic People's Republic of Korea" as "Republic of
		// Korea", which is the other Korea.
		// So is a listed person's full name the tagger read only part of ("Volker | Turk"
		// read as the Turk of Turkey).
		for k := range matches {
			mt := &matches[k]
			official := mt.entry.Kind == dict.Country && mt.j-mt.i >= 3 && sp.typ != "PER"
			person := mt.entry.Kind == dict.Person && mt.j-mt.i >= 2 && writtenAsName(words[mt.i:mt.j]) &&
				!r.titleAt(words[mt.i:mt.j-1], hashes[mt.i:mt.j-1])
			// So is a listed organisation's long name the tagger read the end of
			// ("Tigray People's | Liberation Front").
			org := mt.entry.Kind == dict.Org && sp.typ == "ORG" && mt.j-mt.i >= 3 && writtenAsName(words[mt.i:mt.j])
			// So is a sea or strait named after a country, which no one acts as ("South |
			// China Sea" read as China's).
			water := mt.entry.Type == article.Loc && mt.entry.Code == "" && mt.j-mt.i >= 2
			if (official || person || org || water) && mt.i <= sp.i && sp.j <= mt.j && mt.j-mt.i > sp.j-sp.i {
				if mt.i < sp.i && covered[mt.i] {
					// An earlier part of the same name took it whole ("Tamim | bin |
					// Hamad Al Thani"): this part is already in it.
					sp.i = sp.j
					break
				}
				sp.i, sp.j = mt.i, mt.j
				m.i, m.j, m.t = mt.i, mt.j, mt.i
				if person {
					sp.typ = "PER"
				}
				break
			}
		}
		if sp.i == sp.j {
			continue
		}
		for k := range matches {
			mt := &matches[k]
			if mt.entry.Kind == dict.Agent {
				continue
			}
			if mt.i == sp.i && mt.j == sp.j {
				m.entry = ptr(mt.entry)
				break
			}
		}
		if m.entry == nil {
			// A longer dictionary phrase ("U.S. military") may have hidden the span's own
			// entry ("U.S.").
			if e, n, ok := r.dict.MatchHashed(words[sp.i:sp.j], hashes[sp.i:sp.j], 0); ok && n == sp.j-sp.i && e.Kind != dict.Agent {
				m.entry = ptr(e)
			}
		}
		m.typ = typeOf(sp.typ, m.entry)
		if r.placeNotPerson(sp, m.entry, words) {
			m.typ = article.GPE
		}
		if orgNotPerson(sp, m.entry, words) {
			m.typ = article.Person
		}
		if personIsOrg(sp, m.entry, words) {
			m.typ = article.Org
		}
		if sp.typ == "PER" && m.entry == nil && sp.j-sp.i == 1 && strings.HasSuffix(words[sp.i], "s") {
			// "Muslims", "Christians": a plural the dictionary lists as a group (an agent
			// with a religion or sector code) is a group, not a person the tagger
			// took it for.
			if e, n, ok := r.dict.MatchHashed(words[sp.i:sp.j], hashes[sp.i:sp.j], 0); ok && n == 1 && e.Kind == dict.Agent {
				m.typ, m.sector = article.NORP, e.Code
			} else if sing := words[sp.i][:len(words[sp.i])-1]; len(sing) > 3 {
				// "Kenyans", "Ugandans": the dictionary lists the nationality only in the
				// singular.
				if e, n, ok := r.dict.Match([]string{sing}, 0); ok && n == 1 && e.Kind == dict.Demonym {
					m.entry = ptr(e)
				}
			}
		}
		if w := words[sp.i]; sp.typ == "PER" && m.entry != nil && m.entry.Kind == dict.Demonym && sp.j-sp.i == 1 &&
			strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			// "protecting Kenyans": a nationality's plural the tagger took for a person is
			// the nation's people. (Not a singular: "English", "Welsh" and "French" are
			// surnames.)
			m.typ = article.NORP
		}
		if m.typ == "" {
			continue
		}
		for k := m.i; k < m.j; k++ {
			covered[k] = true
		}
		out = append(out, m)
	}
	// Dictionary names the tagger missed, when written as names.
	for k := range matches {
		mt := &matches[k]
		// Only country names and nationalities, and organisations' acronyms outside
		// headlines in capitals ("ICE", "M23", which the tagger leaves out at a sentence's
		// start): city, organisation and person lists hold too many ordinary capitalised
		// words to trust without the tagger.
		acronym := mt.entry.Kind == dict.Org && isAcronym(words[mt.i]) && !allCapsSentence(words)
		if (mt.entry.Kind != dict.Country && mt.entry.Kind != dict.Demonym && !acronym) || !capitalised(words[mt.i]) {
			continue
		}
		free := true
		for x := mt.i; x < mt.j; x++ {
			if covered[x] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		m := raw{s: si, i: mt.i, j: mt.j, t: mt.i, entry: ptr(mt.entry)}
		m.typ = typeOf("", m.entry)
		if m.typ == "" {
			continue
		}
		out = append(out, m)
	}
	for k := n0; k < len(out); k++ {
		m := &out[k]
		if m.entry != nil {
			m.country = m.entry.Country
			m.code = m.entry.Code
			if m.entry.Kind == dict.Org && len(m.entry.Code) == 3 && m.entry.Country == "" {
				m.sector = m.entry.Code
			}
			// "Peru's Congress", "Kenya's Supreme Court": an institution the dictionary
			// files under one country (the U.S. Congress) is the possessor country's.
			if c := possessorCountry(words, matches, m.i); c != "" && c != m.country && genericInstitutions[strings.ToLower(m.entry.Name)] &&
				len(m.code) > 3 && m.code[:3] == m.country {
				m.code, m.country = c+m.code[3:], c
			}
		} else if m.typ == article.Org {
			r.qualifiedOrg(m, words, hashes)
		}
		if m.typ == article.Person {
			r.titles(m, words, matches)
		}
	}
	return out
}

// qualifiedOrg gives an organisation the dictionary does not know the country its name
// opens with ("U.S. Treasury", "Russian Defence Ministry", "Kenyan Parliament") and the
// sector of an agent word after it, when there is one ("Russian Defence Ministry" GOV).
// Without it such names coded no one, and the event coder lost the actor.
func (r *Recognizer) qualifiedOrg(m *raw, words []string, hashes []uint64) {
	if m.j-m.i < 2 {
		return
	}
	e, n, ok := r.dict.MatchHashed(words[m.i:m.j], hashes[m.i:m.j], 0)
	if !ok || n == 0 || n >= m.j-m.i || e.Kind != dict.Country && e.Kind != dict.Demonym || e.Country == "" {
		return
	}
	// The rest must name a body: an agent word ("Defence Ministry", "Army") or an
	// institution word; an actress named "Kenya Moore" or a slogan "Kenya First Again" is
	// no Kenyan body.
	body := false
	for x := m.i + n; x < m.j; x++ {
		if a, an, ok := r.dict.MatchHashed(words[x:m.j], hashes[x:m.j], 0); ok && an > 0 && a.Kind == dict.Agent {
			m.sector, body = a.Code, true
			break
		}
		if institutionWords[strings.ToLower(words[x])] {
			body = true
		}
	}
	if body {
		m.country = e.Country
	}
}

// institutionWords name bodies an organisation's name may end in.
var institutionWords = map[string]bool{
	"treasury": true, "department": true, "ministry": true, "parliament": true, "senate": true,
	"congress": true, "assembly": true, "court": true, "commission": true, "council": true,
	"agency": true, "administration": true, "government": true, "cabinet": true, "embassy": true,
	"bank": true, "office": true, "bureau": true, "authority": true, "service": true,
	"committee": true, "chamber": true, "federation": true, "association": true, "union": true,
	"party": true, "institute": true, "university": true, "foundation": true, "forces": true,
	"guard": true, "corps": true, "command": true, "house": true, "agencies": true,
	"broadcasting": true, "radio": true, "television": true, "company": true, "corporation": true,
}

// titleAt reports whether words hold a title or agent word, or open with a country
// ("President Zelensky", "U.S. President Bill Clinton" are listed names too, but the
// title is no part of the name). The caller leaves the name's last word out, so the
// longest match cannot be the listed name itself.
func (r *Recognizer) titleAt(words []string, hashes []uint64) bool {
	for i, w := range words {
		if strings.Contains(strings.ToLower(w), "secretary") {
			return true // "Secretary-General Ban Ki-moon"; the agent lists lack the bare title
		}
		// "U.S. President Bill Clinton": a title after a country, too.
		if e, n, ok := r.dict.MatchHashed(words[i:], hashes[i:], 0); ok && n > 0 && (e.Kind == dict.Agent || e.Kind == dict.Country && i == 0) {
			return true
		}
	}
	return false
}

// allCapitalised reports whether every word of ws is capitalised.
func allCapitalised(ws []string) bool {
	for _, w := range ws {
		if !capitalised(w) {
			return false
		}
	}
	return true
}

// typeOf maps a tagger class and dictionary entry to a Herald entity type, "" to drop.
func typeOf(tag string, e *dict.Entry) string {
	// The tagger reads context, so its person and organisation calls stand: a club named
	// after its city is an ORG, a leader whose name an organisation lists is a PERSON.
	switch {
	case tag == "PER":
		return article.Person
	case tag == "ORG" && !(e != nil && e.Kind == dict.Country && e.Type == article.GPE):
		return article.Org
	}
	if e != nil {
		switch e.Kind {
		case dict.Country, dict.City:
			if tag == "PER" {
				return article.Person
			}
			if e.Type != "" {
				return e.Type
			}
			return article.GPE
		case dict.Demonym:
			return article.NORP
		case dict.Org:
			if e.Type != "" {
				return e.Type
			}
			return article.Org
		case dict.Person:
			return article.Person
		}
	}
	switch tag {
	case "PER":
		return article.Person
	case "ORG":
		return article.Org
	case "LOC":
		return article.GPE
	}
	return "" // MISC that is not a nationality: events, products, works
}

type span struct {
	i, j int
	typ  string
}

// iobSpans appends to out the entity spans of IOB2 tags (an I- without a B- opens a span
// too).
func iobSpans(out []span, tags []string) []span {
	start, typ := -1, ""
	for k := 0; k <= len(tags); k++ {
		t := "O"
		if k < len(tags) {
			t = tags[k]
		}
		ty := ""
		if len(t) > 2 {
			ty = t[2:]
		}
		if start >= 0 && (t == "O" || strings.HasPrefix(t, "B-") || ty != typ) {
			out = append(out, span{start, k, typ})
			start = -1
		}
		if t != "O" && start < 0 && ty != "" {
			start, typ = k, ty
		}
	}
	return out
}

// appositionHead reports whether the title that starts at token i opens a noun phrase of
// its own, as an apposition's title does ("the foreign minister, Ana Ruiz", "Uganda's
// foreign minister, …", "Somali foreign minister, …"), rather than ending a list
// ("delegates, Marco Rubio and …").
func appositionHead(words []string, i int, endAt func(int) *match) bool {
	if i == 0 {
		return true
	}
	if i >= 2 && capitalised(words[i-1]) && endAt(i-1) == nil {
		i-- // "Peruvian Defence Minister": a word the dictionary lacks
	}
	switch strings.ToLower(words[i-1]) {
	case "the", "a", "an", "its", "his", "her", "their", "'s", "’s", "former", "then":
		return true
	}
	if mt := endAt(i); mt != nil && (mt.entry.Kind == dict.Demonym || mt.entry.Kind == dict.Country) {
		return true
	}
	return false
}

// writtenAsName reports whether a listed person's name is written as a name: it opens and
// ends with a capital, and every word is capitalised or one of the lower-case particles
// of Arabic, Dutch, German, Portuguese and Spanish names ("Tamim bin Hamad Al Thani",
// "Abdel Fattah al-Burhan", "Ursula von der Leyen"), at which the tagger, trained on
// 1990s wire copy, breaks such names up.
func writtenAsName(ws []string) bool {
	if len(ws) == 0 || !capitalised(ws[0]) || !capitalised(stripArticle(ws[len(ws)-1])) {
		return false
	}
	for _, w := range ws[1:] {
		if !capitalised(stripArticle(w)) && !nameParticles[w] && w != "'s" && w != "’s" {
			return false
		}
	}
	return true
}

// isAcronym reports whether w is two to six capitals and digits, starting with a capital.
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for k := 1; k < len(w); k++ {
		if c := w[k]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// allCapsSentence reports whether most of a sentence's words of three or more letters are
// in capitals (a headline or a sports table written in capitals).
func allCapsSentence(words []string) bool {
	long, upper := 0, 0
	for _, w := range words {
		if len(w) < 3 {
			continue
		}
		long++
		if strings.ToUpper(w) == w && strings.ToLower(w) != w {
			upper++
		}
	}
	return long > 0 && 2*upper > long
}

// nameParticles are the lower-case words inside personal names.
var nameParticles = map[string]bool{
	"bin": true, "bint": true, "ibn": true, "ould": true, "al": true, "el": true,
	"van": true, "von": true, "der": true, "den": true, "de": true, "da": true,
	"do": true, "dos": true, "das": true, "del": true, "la": true, "le": true, "y": true,
}

// stripArticle drops the Arabic article joined to a name ("al-Burhan", "el-Sisi").
func stripArticle(w string) string {
	for _, p := range [...]string{"al-", "el-", "ad-", "ash-", "as-", "at-", "az-"} {
		if len(w) > len(p) && strings.HasPrefix(w, p) {
			return w[len(p):]
		}
	}
	return w
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// usTitles are offices that exist only in the United States: a holder with no country
// written is American.
var usTitles = map[string]bool{
	"secretary of state": true, "senator": true, "sen.": true, "rep.": true,
	"representative": true, "congressman": true, "congresswoman": true,
	"speaker of the house": true, "house speaker": true, "senate majority leader": true,
	"secretary of defense": true, "defense secretary": true, "homeland security secretary": true,
}

// notName holds function words (auxiliaries, conjunctions, prepositions, determiners,
// pronouns, sentence adverbs) that the tagger, misled by their capital, puts at the start
// of a person's name. Words that are also names ("will", "may", "hope", "per", the
// goalkeeper Shay Given) are left out.
var notName = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`do does did done doing has have had having is are was
		were be been being am can could would should shall must might
		and or but nor so yet because though although while whereas since unless until if
		when whenever where wherever whether once as than
		about above across after against along amid among amongst around at before behind
		below beneath beside besides between beyond by despite during except for from in
		inside into like near of off on onto outside over past regarding through
		throughout toward towards under unlike upon versus via with within without
		a an the this that these those all any both each either every few many more most
		much neither no none several some such half
		i me my we us our you your he him his she her it its they them their who whom whose
		which what
		also already even ever here there then thus hence however indeed instead just later
		meanwhile moreover nevertheless never not now only perhaps rather still too
		typically very yes`) {
		m[w] = true
	}
	return m
}()

// honorifics are skipped when looking for titles and names.
var honorifics = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "former": true, "then": true, "acting": true, "interim": true, "outgoing": true,
	"incoming": true, "new": true,
}

var honorificsFirst = nlp.FirstBytes(honorifics)

// titles reads the titles, country and posting written before a person's name ("Mexican
// President", "U.S. Ambassador to Mexico", "Mexico's foreign minister") and in an
// apposition after it ("X, the Mexican president,").
func (r *Recognizer) titles(m *raw, words []string, matches []match) {
	endAt := func(j int) *match {
		for k := range matches {
			if matches[k].j == j {
				return &matches[k]
			}
		}
		return nil
	}
	k := m.t // scan leftwards from the name, or from a title the tagger put in its span
	for k > 0 {
		if _, ok := nlp.LookupFold(honorifics, honorificsFirst, words[k-1]); ok {
			k--
			continue
		}
		mt := endAt(k)
		if (mt == nil || mt.entry.Kind == dict.Person) && m.entry != nil && m.entry.Kind == dict.Person {
			// "Prime Minister | Narendra Modi": the dictionary's longest phrase may have
			// taken the title into a listed name ("Prime Minister Narendra Modi"); the
			// title alone is still one. The person keeps the dictionary's code.
			if n, _, ok := r.titleEndingAt(words, k); ok {
				m.roles = append([]string{roleName(words[k-n : k])}, m.roles...)
				k -= n
				continue
			}
		}
		if mt != nil && mt.entry.Kind == dict.Org && mt.entry.Country != "" {
			// "German Chancellor | Friedrich Merz": the dictionary lists the office as the
			// government; its last word is the title, its country the person's.
			if n, e, ok := r.titleEndingAt(words[:mt.j], mt.j); ok && n < mt.j-mt.i {
				m.roles = append([]string{roleName(words[mt.j-n : mt.j])}, m.roles...)
				if m.sector == "" && (m.entry == nil || m.entry.Kind != dict.Person) {
					m.sector = e.Code
				}
				if m.country == "" {
					m.country = mt.entry.Country
				}
				k = mt.i
				continue
			}
		}
		if mt == nil {
			// "Peruvian Defence Minister": a capitalised word the dictionary lacks,
			// between a nationality and a title, belongs to the title.
			if len(m.roles) > 0 && k >= 2 && capitalised(words[k-1]) {
				if prev := endAt(k - 1); prev != nil && (prev.entry.Kind == dict.Demonym || prev.entry.Kind == dict.Country) {
					m.roles[0] = words[k-1] + " " + m.roles[0]
					k--
					continue
				}
			}
			break
		}
		switch mt.entry.Kind {
		case dict.Agent:
			m.roles = append([]string{roleName(words[mt.i:mt.j])}, m.roles...)
			if m.sector == "" {
				m.sector = mt.entry.Code
			}
			k = mt.i
			continue
		case dict.Country, dict.Demonym:
			if mt.entry.Country == "" {
				break
			}
			// "Ambassador to Mexico Ronald Johnson": the posting, then the title (the
			// dictionary may hold the title with its preposition, "Ambassador to").
			if prev := endAt(mt.i); prev != nil && prev.entry.Kind == dict.Agent && endsWithPrep(words[prev.j-1]) {
				m.postedTo = mt.entry.Country
				m.roles = append([]string{roleName(words[prev.i:prev.j])}, m.roles...)
				if m.sector == "" {
					m.sector = prev.entry.Code
				}
				k = prev.i
				continue
			}
			if mt.i > 1 && endsWithPrep(words[mt.i-1]) {
				if prev := endAt(mt.i - 1); prev != nil && prev.entry.Kind == dict.Agent {
					m.postedTo = mt.entry.Country
					m.roles = append([]string{roleName(words[prev.i:prev.j])}, m.roles...)
					if m.sector == "" {
						m.sector = prev.entry.Code
					}
					k = prev.i
					continue
				}
			}
			if m.country == "" {
				m.country = mt.entry.Country
			}
			k = 0
			continue
		}
		break
	}
	// "Mexico's foreign minister Juan Pérez": the possessive stands before the title.
	if k >= 2 && len(m.roles) > 0 && m.country == "" && (words[k-1] == "'s" || words[k-1] == "’s") {
		if mt := endAt(k - 1); mt != nil && mt.entry.Country != "" {
			m.country = mt.entry.Country
		}
	}
	// Apposition before the name: "Uganda's foreign minister, Jeje Odongo,", "the Somali
	// foreign minister, Ahmed Fiqi, said".
	if len(m.roles) == 0 && m.i >= 2 && words[m.i-1] == "," {
		if mt := endAt(m.i - 1); mt != nil && mt.entry.Kind == dict.Agent && officeTitle(mt.entry.Code, words[mt.i]) &&
			!strings.HasSuffix(words[mt.j-1], "s") && appositionHead(words, mt.i, endAt) {
			m.roles = append(m.roles, roleName(words[mt.i:mt.j]))
			k := mt.i
			// A capitalised word the dictionary lacks between the country and the title
			// ("Peruvian Defence Minister") is passed over, as above.
			if k >= 2 && endAt(k) == nil && capitalised(words[k-1]) {
				k--
			}
			if prev := endAt(k); prev != nil && (prev.entry.Kind == dict.Demonym || prev.entry.Kind == dict.Country) && prev.entry.Country != "" {
				m.country = prev.entry.Country
			} else if k >= 2 && (words[k-1] == "'s" || words[k-1] == "’s") {
				if prev := endAt(k - 1); prev != nil && prev.entry.Country != "" {
					m.country = prev.entry.Country
				}
			}
			// The title's sector codes the person only with a country: alone ("the chief
			// executive, …", "a former Treasury secretary, …") it is shown as the role
			// but makes no actor of a banker or a lobbyist.
			if m.country != "" {
				m.sector = mt.entry.Code
			}
		}
	}
	// Apposition: "Name, the Mexican president," or "Name, Mexico's foreign minister,".
	if len(m.roles) == 0 && m.j+2 < len(words) && words[m.j] == "," {
		k := m.j + 1
		if strings.EqualFold(words[k], "the") || strings.EqualFold(words[k], "a") {
			k++
		}
		country := ""
		for k < len(words) {
			var mt *match
			for x := range matches {
				if matches[x].i == k {
					mt = &matches[x]
					break
				}
			}
			if mt == nil {
				break
			}
			if mt.entry.Kind == dict.Agent {
				m.roles = append(m.roles, roleName(words[mt.i:mt.j]))
				m.sector = mt.entry.Code
				if country != "" {
					m.country = country
				}
				break
			}
			if mt.entry.Country == "" {
				break
			}
			country = mt.entry.Country
			k = mt.j
			if k < len(words) && (words[k] == "'s" || words[k] == "’s") {
				k++
			}
		}
	}
	if m.country == "" {
		for _, role := range m.roles {
			if usTitles[strings.ToLower(role)] {
				m.country = "USA"
			}
		}
	}
}

// officeTitle reports whether an agent noun with code starting a person's span, first
// word w, is an office that stands before a name and is no part of it: a government,
// legislature, court or military one, but not a rank of nobility ("Prince Eugene" is a
// name in CoNLL), and not what is also a given name ("Dean Jones", "Christian Cullen").
// titleEndingAt returns the length and entry of an office title the dictionary lists that
// ends right before token k ("Prime Minister", "Chancellor"), trying the longest first.
func (r *Recognizer) titleEndingAt(words []string, k int) (int, dict.Entry, bool) {
	for n := min(3, k); n >= 1; n-- {
		if !capitalised(words[k-n]) {
			continue
		}
		if e, m, ok := r.dict.Match(words[k-n:k], 0); ok && m == n && e.Kind == dict.Agent && officeTitle(e.Code, words[k-n]) {
			return n, e, true
		}
	}
	return 0, dict.Entry{}, false
}

func officeTitle(code, w string) bool {
	switch lw := strings.ToLower(w); {
	case nobility[lw], givenNameGender[lw] != 0:
		return false
	}
	for _, s := range []string{"GOV", "LEG", "JUD", "MIL"} {
		if strings.HasPrefix(code, s) {
			return true
		}
	}
	return false
}

var notNameFirst = nlp.FirstBytes(notName)

// lookupBool is a copy-free lower-cased lookup in a word set: this runs on every person
// span, and most start with a capital.
func lookupBool(m map[string]bool, first *[utf8.RuneSelf]bool, w string) bool {
	v, _ := nlp.LookupFold(m, first, w)
	return v
}

var nobility = map[string]bool{"prince": true, "princess": true, "king": true, "queen": true,
	"sheikh": true, "sheik": true, "emir": true, "sultan": true, "lord": true, "lady": true,
	"sir": true, "dame": true, "duke": true, "duchess": true, "count": true, "baron": true}

// titleAbbrevs spell out the short titles of US news ("Sen. Rand Paul"), so that a role
// reads the same however the article wrote it.
var titleAbbrevs = map[string]string{"sen.": "Senator", "rep.": "Representative", "gov.": "Governor"}

func endsWithPrep(w string) bool {
	return strings.EqualFold(w, "to") || strings.EqualFold(w, "in") || strings.EqualFold(w, "at")
}

// roleName writes a title in title case: "foreign minister" -> "Foreign Minister"; a
// trailing preposition ("Ambassador to") is dropped.
func roleName(ws []string) string {
	for len(ws) > 1 && (endsWithPrep(ws[len(ws)-1]) || strings.EqualFold(ws[len(ws)-1], "of")) {
		ws = ws[:len(ws)-1]
	}
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		lw := strings.ToLower(w)
		if full, ok := titleAbbrevs[lw]; ok {
			b.WriteString(full)
			continue
		}
		if i > 0 && (lw == "of" || lw == "the" || lw == "for" || lw == "and") {
			b.WriteString(lw)
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[size:])
	}
	return b.String()
}

func entityID(n int) string { return "E" + strconv.Itoa(n) }

// ptr copies an entry out of the reused match buffer.
func ptr(e dict.Entry) *dict.Entry { return &e }

// placeNotPerson reports whether a span the tagger calls a person is a place the
// dictionary knows by exactly that name: the tagger, trained on 1990s Reuters, has never
// seen "Kyiv" or "Khan Younis" and reads "attacking Kyiv" as an attack on someone. A
// one-word name that is also a given name or an office holder's surname ("Jordan",
// "Austin", "Murray") keeps the tagger's call.
func (r *Recognizer) placeNotPerson(sp span, e *dict.Entry, words []string) bool {
	if sp.typ != "PER" || e == nil || (e.Kind != dict.City && e.Kind != dict.Country) {
		return false
	}
	if sp.j-sp.i > 1 {
		return true
	}
	w := strings.ToLower(words[sp.i])
	if givenNameGender[w] != 0 {
		return false
	}
	// Any office holder's surname, the shared ones too: the commonest ("Jordan",
	// "Austin") are the ones several people bear.
	return !r.anySurname(w)
}

// orgNotPerson reports whether a two- or three-word span the tagger calls an organisation
// is a person's name: a given name and capitalised words only, no body the dictionary
// knows ("Carly Fiorina", which the 1990s tagger reads as a company).
// possessorCountry returns the country of a country name followed by "'s" right before
// token i ("Peru 's Congress"), or "".
func possessorCountry(words []string, matches []match, i int) string {
	if i < 2 || words[i-1] != "'s" && words[i-1] != "’s" {
		return ""
	}
	for k := range matches {
		if mt := &matches[k]; mt.j == i-1 && mt.entry.Kind == dict.Country && mt.entry.Country != "" {
			return mt.entry.Country
		}
	}
	return ""
}

// genericInstitutions are names every country's institutions bear, which the dictionary
// lists once, for the United States.
var genericInstitutions = map[string]bool{"congress": true, "senate": true, "supreme court": true,
	"house of representatives": true, "national guard": true, "coast guard": true,
	"justice department": true, "state department": true, "treasury": true}

// personIsOrg reports whether a name the tagger read as a person is an organisation that
// a descriptor before it names ("environmental group Walhi", "the carmaker Nordwerk"): an
// unknown name whose first word is no given name.
func personIsOrg(sp span, e *dict.Entry, words []string) bool {
	if sp.typ != "PER" || e != nil || sp.i == 0 || givenNameGender[strings.ToLower(words[sp.i])] != 0 {
		return false
	}
	return orgDescriptors[strings.ToLower(words[sp.i-1])]
}

// orgDescriptors are nouns that introduce an organisation's name.
var orgDescriptors = map[string]bool{"group": true, "organisation": true, "organization": true,
	"agency": true, "firm": true, "company": true, "party": true, "union": true, "association": true,
	"watchdog": true, "coalition": true, "movement": true, "charity": true, "ngo": true,
	"broadcaster": true, "newspaper": true, "daily": true, "website": true, "lender": true,
	"carmaker": true, "automaker": true, "airline": true, "miner": true, "retailer": true,
	"operator": true, "insurer": true, "conglomerate": true, "startup": true, "militia": true}

func orgNotPerson(sp span, e *dict.Entry, words []string) bool {
	if sp.typ != "ORG" || (e != nil && e.Kind != dict.Person) || sp.j-sp.i < 2 || sp.j-sp.i > 3 {
		return false
	}
	// A given name opens it, or the dictionary lists the whole span as a person
	// ("Nikol Pashinyan": the given names list lacks "Nikol").
	if givenNameGender[strings.ToLower(words[sp.i])] == 0 && (e == nil || e.Kind != dict.Person) {
		return false
	}
	for _, w := range words[sp.i+1 : sp.j] {
		if !capitalised(w) || strings.ContainsAny(w, "&'’") || bodyWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// bodyWords end or make the names of bodies named after people ("George Washington
// University", "Eric Trump Foundation", "Marine Corps").
var bodyWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`university college school institute foundation fund corps
		company co corp inc group party center centre council committee association society
		statement church hospital library museum bank airlines club team report act award prize
		administration front government army movement brigade brigades forces campaign`) {
		m[w] = true
	}
	return m
}()
