package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/clean"
	"github.com/heraldnews/herald/quote/attrib"
)

// Words that may sit between a speaker and the cue ("Berg has repeatedly said").
var auxAdv = set("has have had also later previously repeatedly once again then first " +
	"publicly privately initially recently quickly still even just reportedly allegedly " +
	"would will did does do is was were are be been had long often never not n't " +
	"already since further subsequently separately immediately n’t")

// Words that end a speaker phrase when walking back from the cue: clause words, verbs
// that are not part of a noun phrase, and time words ("On Monday Berg said").
var npStop = set("that and but or because while when as if than so since which whom " +
	"where what how why is was were are be been has have had will would can could may " +
	"might should must to not said says say told after before although though whether " +
	"monday tuesday wednesday thursday friday saturday sunday yesterday today tonight " +
	"january february march april june july august september october november december " +
	"week month year day morning afternoon evening night earlier later ago last this " +
	"then also however meanwhile instead following amid despite by without")

// weekdayNames are the days' names, for the sets of time words below and in ends.go.
const weekdayNames = "monday tuesday wednesday thursday friday saturday sunday"

var weekdays = set(weekdayNames)

// timeWords make the time adjuncts that may stand between a subject and its cue: "on
// Thursday evening", "Sunday night", "earlier in the day", "this past week".
var timeWords = set("on in the this that past last next earlier later day week month year " +
	"morning afternoon evening night weekend today yesterday tonight " + weekdayNames + " " + monthNames)

// monthNames may stand in a time adjunct capitalised, like the days ("released in June").
const monthNames = "january february march april may june july august september october november december"

var months = set(monthNames)

// monthLead may open a time adjunct with a month: "in June", not "Ana May said".
var monthLead = set("in last this next early late")

// timeAnchors are the time words an adjunct needs one of ("in the" alone is none).
var timeAnchors = set("day week month year morning afternoon evening night weekend today " +
	"yesterday tonight " + weekdayNames + " " + monthNames)

// timeBefore returns the token at which a time adjunct ending at token k starts, minus
// one (the subject's last token), or k when there is none.
func (f *finder) timeBefore(k, lo int) int {
	j, anchor := k, false
	for j >= lo && j > k-5 && timeWords[f.w(j)] && (!f.isCap(j) || weekdays[f.w(j)] || months[f.w(j)] && j > lo && monthLead[f.w(j-1)]) {
		anchor = anchor || timeAnchors[f.w(j)]
		j--
	}
	if !anchor || j < lo || j == k || !f.isWord(j) && f.raw(j) != ")" && f.raw(j) != "," {
		return k
	}
	return j
}

// toTitles are the titles followed by "to" and a place: "ambassador to Norway".
var toTitles = set("ambassador envoy adviser advisor aide counselor counsellor representative delegate " +
	"ambassadors envoys advisers advisors aides representatives delegates")

// titleTo reports whether the "to" at token k joins a title to a place within a speaker
// phrase ending before token end: "U.S. Ambassador to Norway Carl Berg", "the envoy to the
// UN", not "said to reporters".
func (f *finder) titleTo(k, lo, end int) bool {
	if f.w(k) != "to" || k-1 < lo || k+1 >= end || !(toTitles[f.w(k-1)]) {
		return false
	}
	n := k + 1
	if f.w(n) == "the" && n+1 < end {
		n++
	}
	return f.isCap(n)
}

// headStop words end the head of a speaker phrase: what follows qualifies it.
var headStop = set("of for at with from in on close familiar who which to")

var pronouns = set("he she they it i we you his her their")

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// npBefore returns the token range of the noun phrase that ends right before the cue at
// token j (skipping auxiliaries and adverbs), not reaching before token lo. A relative
// pronoun ("Berg, who said") is replaced by its antecedent, and an appositive
// ("Berg, a spokesman for the group, said") is included.
func (f *finder) npBefore(j, lo int) (int, int) {
	k := j - 1
	for k >= lo && (auxAdv[f.w(k)] || f.adverb(k)) {
		k--
	}
	if t := f.timeBefore(k, lo); t < k {
		k = t // "Berg on Tuesday said", "a poll conducted last week found"
		for k >= lo && (auxAdv[f.w(k)] || f.adverb(k)) {
			k--
		}
		// "A report by the World Bank released in June found": the participle
		// describes the subject and is no part of its name.
		if k > lo && strings.HasSuffix(f.w(k), "ed") && f.isWord(k-1) && !auxAdv[f.w(k-1)] && !pronouns[f.w(k-1)] {
			k--
		}
	}
	if k-1 >= lo && f.isMark(k) && f.raw(k-1) == "," {
		k-- // "Humphrey, who calls it a “disaster,” said": the comma closes the clause
	}
	if k < lo {
		return j, j
	}
	switch f.w(k) {
	case "who", "which":
		a := k - 1
		if a >= lo && f.raw(a) == "," {
			a--
		}
		if a >= lo {
			if s, e := f.npBack(a, lo); e > s {
				return s, e
			}
		}
		return k, k + 1
	}
	if d := f.raw(k); (d == "—" || d == "–" || d == "--") && k-1 >= lo {
		// "insiders in two states — Nevada and Ohio — said": the subject is before
		// the dashes, the aside between them belongs to it.
		for c := k - 1; c > lo && c >= k-20; c-- {
			if f.isTerm(c) || f.isMark(c) {
				break
			}
			if f.raw(c) == d {
				if s, e := f.npBack(c-1, lo); e > s {
					return s, k
				}
				break
			}
		}
		return j, j
	}
	if f.raw(k) == "," && k-1 >= lo {
		// Appositive: find the comma that opens it.
		for c := k - 1; c >= lo && c >= k-12; c-- {
			if f.isTerm(c) || f.isMark(c) {
				break
			}
			if f.raw(c) == "," {
				// "During the debate, Berg …, said" opens with an adverbial, not a
				// subject and its appositive.
				if s, e := f.npBack(c-1, lo); e > s && (f.isCap(s) || determiners[f.w(s)] || f.isCap(e-1) && e-s >= 2) && !leadPreps[f.w(s)] {
					return s, k
				}
				break
			}
		}
		// A long appositive or relative clause after the subject that opens the clause:
		// "Lena Ortiz, who has run the port for a decade and …, said".
		if s, e := f.leadName(lo, k); e > s && e < k && f.raw(e) == "," && k-s <= 45 {
			rel := false
			for c := e; c < k; c++ {
				if f.isTerm(c) || f.inSeg[c] == 1 {
					return j, j
				}
				// "Ivanka Trump, 34, has built …, writing": a verb outside a relative
				// clause makes it the sentence's predicate, not an appositive.
				rel = rel || relWords[f.w(c)] || f.w(c) == "that"
				if verbAux[f.w(c)] && !rel {
					return j, j
				}
			}
			return s, k
		}
		return j, j
	}
	return f.npBack(k, lo)
}

// antecedent returns the names a relative "who" at token k stands for: the capitalised
// words just before it and its comma or dash ("… of Jeb Bush, who announced …",
// "Graham—who had endorsed …", "Bernie Sanders of Vermont, who …"); empty when there are
// none. The speaker as written stays "who" (PolNeAR marks that word as the source); the
// antecedent names the entity.
func (f *finder) antecedent(k int) (int, int) {
	a := k - 1
	if a < 0 || f.toks[a].sent != f.toks[k].sent {
		return k, k
	}
	switch f.raw(a) {
	case ",", "—", "–", "--":
		a--
	}
	sl := f.sentLo(f.toks[k].sent)
	if sl < 0 || a < sl || !f.isCap(a) || !f.isWord(a) {
		return k, k
	}
	s := a
	for s-1 >= sl && f.isWord(s-1) && (f.isCap(s-1) || f.w(s-1) == "of" && s-2 >= sl && f.isCap(s-2)) {
		s--
	}
	return s, a + 1
}

// leadName returns the name that opens the clause at token lo, before token hi: a run of
// capitalised words (with "of", initials and a parenthesis such as "(D-Md.)"), or a
// third-person pronoun; empty when the clause opens otherwise.
func (f *finder) leadName(lo, hi int) (int, int) {
	k := lo
	// A clause that opens with an attributed quote ("“…,” Vidal told reporters, adding
	// …") has its subject after the quote.
	for k < hi && (f.isMark(k) || f.inSeg[k] == 1 || (k > lo && f.raw(k) == "," && f.inSeg[k-1] == 1)) {
		k++
	}
	if k+1 < hi && leadConj[f.w(k)] {
		k++ // "But Ana Ruiz, …, said"
		if f.raw(k) == "," {
			k++
		}
	}
	s := k
	if k < hi && (f.w(k) == "he" || f.w(k) == "she" || f.w(k) == "they") {
		return s, k + 1
	}
	for k < hi && k < s+8 {
		switch {
		case f.isCap(k) && f.isWord(k) && !npStop[f.w(k)] && !headStop[f.w(k)] && !subordinators[f.w(k)] && !(k == s && leadPreps[f.w(k)]):
			k++
		case k > s && (f.w(k) == "." || f.w(k) == "-"):
			k++
		case k > s && f.w(k) == "of" && k+1 < hi && f.isCap(k+1) && f.isWord(k+1):
			k++ // "The Bank of Uganda"
		case k > s && (f.w(k) == "'s" || f.w(k) == "'"): // f.w spells ’ as an apostrophe
			// "Sanders’ campaign", "Donald Trump's eldest daughter": the name's noun.
			t := k + 1
			for t < hi && t < k+4 && f.nounWord(t) {
				t++
			}
			if t == k+1 {
				return s, s
			}
			return s, t
		case k > s && f.raw(k) == "(":
			c := k + 1
			for c < hi && c < k+6 && f.raw(c) != ")" {
				c++
			}
			if c >= hi || f.raw(c) != ")" {
				return s, s
			}
			k = c + 1
		default:
			if k > s && k < hi && f.isWord(k) && !f.isCap(k) && f.w(k) != "of" || k < hi && f.raw(k) == "," {
				return s, k
			}
			return s, s
		}
	}
	return s, s
}

// clauseSubject returns the name that opens the clause from token lo, after any opening
// adverbial ("On Monday, Clinton tried …, portraying …"), before token hi.
func (f *finder) clauseSubject(lo, hi int) (int, int) {
	// "NAIROBI, Kenya (Reuters) - Kenya's central bank …": the dateline is no subject.
	if lo < hi {
		if n := clean.DatelineEnd(f.text[f.toks[lo].start:]); n > 0 {
			end := f.toks[lo].start + n
			for lo < hi && f.toks[lo].start < end {
				lo++
			}
		}
	}
	s, t := f.leadName(lo, hi)
	for c := lo; t <= s && c < hi-1; c++ {
		if f.raw(c) == "," {
			s, t = f.leadName(c+1, hi)
		}
	}
	if t == s+1 && (f.w(s) == "the" || f.w(s) == "a" || f.w(s) == "an") {
		// "The governor resigned and said …": a capitalised determiner is no name; take
		// the lower-case noun words after it, up to what looks like the verb.
		for t < hi && t < s+4 && f.nounWord(t) && !(t > s+1 && strings.HasSuffix(f.w(t), "s")) {
			t++
		}
		if t == s+1 {
			return s, s
		}
	}
	return s, t
}

// nounWord reports whether token k may be a lower-case word of a noun phrase: not an
// auxiliary, adverb, preposition, cue or past form.
func (f *finder) nounWord(k int) bool {
	w := f.w(k)
	if !f.isWord(k) || f.isCap(k) || npStop[w] || headStop[w] || auxAdv[w] || tailPreps[w] || f.adverb(k) {
		return false
	}
	if x, _ := f.matchCue(k); x > 0 {
		return false
	}
	return !strings.HasSuffix(w, "ed") && !pastVerbs[w]
}

// pastVerbs are past forms without -ed that end a subject's noun phrase ("Kenya's central
// bank kept its rate … and said").
var pastVerbs = set("kept took made gave won lost sent spent built brought bought sold held met " +
	"ran began became came went led paid left got cut set hit put struck fought drew chose " +
	"rose fell grew threw wrote told said")

// leadConj open a clause before its subject.
var leadConj = set("but and yet still however meanwhile even so instead")

// adverb reports whether token k is a lower-case -ly adverb ("sharply criticized").
func (f *finder) adverb(k int) bool {
	w := f.w(k)
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !f.isCap(k) && !lyNouns[w]
}

var lyNouns = set("family ally rally assembly supply anomaly monopoly reply july italy " +
	"bully belly jelly lily tally folly")

// npBack walks back from token k over noun-phrase words.
func (f *finder) npBack(k, lo int) (int, int) {
	end := k + 1
	n := 0
	if k > lo && f.raw(k) == ")" {
		// "Sen. Ann Lee (D-Ore.) said": the party and state belong to the name.
		c := k - 1
		for c > lo && c > k-8 && f.raw(c) != "(" && f.raw(c) != ")" {
			c--
		}
		if f.raw(c) != "(" || c-1 < lo || !f.isCap(c-1) {
			return end, end
		}
		k = c - 1
	}
	for k >= lo && n < 8 {
		w := f.w(k)
		if !f.isWord(k) {
			if w == "'s" || w == "'" || w == "&" || w == "-" {
				k--
				n++
				continue
			}
			break
		}
		// "the Ministry of Public Works and Housing": "and" between capitalised words
		// inside a name.
		inName := w == "and" && k > lo && k+1 < end && f.isCap(k-1) && f.isCap(k+1) && f.w(k-1) != "the"
		if npStop[w] && !inName && !(k == end-1 && pronouns[w]) && !f.monthSurname(k, lo) && !f.titleTo(k, lo, end) {
			break
		}
		k--
		n++
	}
	s := k + 1
	// A phrase does not start with a preposition or possessive marker.
	for s < end && (headStop[f.w(s)] || f.w(s) == "'s") {
		s++
	}
	return s, end
}

// npAfter returns the noun phrase starting at token i ("said Berg, a spokesman"), up to
// punctuation or byte limit.
func (f *finder) npAfter(i, limit int) (int, int) {
	k := i
	for k < len(f.toks) && k < i+8 && f.toks[k].end <= limit {
		if !f.isWord(k) && f.w(k) != "'s" {
			break
		}
		if k > i && (npStop[f.w(k)] || f.w(k) == "that") && !(f.w(k) == "by" && documentNouns[f.w(k-1)]) {
			break // "a study by the Bandung Institute" goes on to its author
		}
		k++
	}
	// "said Omar Haddad, the finance minister." — an appositive that ends the sentence.
	if k > i && k+1 < len(f.toks) && f.raw(k) == "," && determiners[f.w(k+1)] {
		e := k + 1
		for e < len(f.toks) && e < k+8 && f.toks[e].end <= limit && (f.isWord(e) || f.w(e) == "'s") {
			e++
		}
		if e > k+1 && (e >= len(f.toks) || f.isTerm(e)) {
			return i, e
		}
	}
	return i, k
}

// reported finds reported speech and "according to" in each sentence. Cues come from the
// learned lexicon and, where the lexicon has none, from the attribution tagger: it
// generalises to the long tail of cues the lexicon cannot list ("has championed", "extols
// the virtues of"), and the rules then find the content and speaker around its cue.
func (f *finder) reported() {
	for si := 0; si < len(f.doc.Sentences); si++ {
		lo := f.sentLo(si)
		if lo < 0 {
			continue
		}
		hi := lo
		open := false // a token outside the quotes already attributed
		for hi < len(f.toks) && f.toks[hi].sent == si {
			open = open || f.inSeg[hi] == 0
			hi++
		}
		if !open {
			continue
		}
		if f.tagger != nil {
			f.tagSent(lo)
		}
		// Content ends before the final period and closing marks.
		se := hi
		for se > lo && (f.isTerm(se-1) || f.isMark(se-1) || f.raw(se-1) == ")") {
			se--
		}
		from := lo
		if f.headlineColon(lo, se) || f.inSource(lo, se) {
			continue
		}
		// A wire dateline ("CAIRO, Aug 22 (Reuters) - ") is no part of any clause.
		if n := clean.DatelineEnd(f.text[f.toks[lo].start:]); n > 0 {
			end := f.toks[lo].start + n
			for from < se && f.toks[from].start < end {
				from++
			}
		}
		var prev attr
		resume := -1
		fc, fj := f.finalCue(lo, se)
		for i := lo; i < se; i++ {
			if i == resume {
				from = resume
			}
			if f.inSeg[i] != 0 {
				continue
			}
			if fj >= 0 && i == fj {
				// ", the company confirmed on Monday.": everything before the comma is
				// the statement.
				x, ph := f.matchCue(i)
				a := attr{ok: true, cue: ph.text, cueLo: i, cueHi: x, spkLo: fc + 1, spkHi: fj}
				f.emitToks(kindIndirect, from, fc, a)
				break
			}
			if fj >= 0 && i < fc && !nestedOK(f, i) {
				continue // a weaker cue inside the closing attribution's statement
			}
			e, ph := f.matchCue(i)
			if e < 0 {
				e, ph = f.thatCue(i, from, se)
			}
			if e < 0 && f.tagger != nil && f.alltags[i] == attrib.BCue {
				e = i + 1
				for e < se && f.alltags[e] == attrib.ICue {
					e++
				}
				for e > i+1 && !f.isWord(e-1) {
					e-- // "issued a statement:": the colon is not the cue's
				}
				ph = phrase{text: f.low[f.toks[i].start:f.toks[e-1].end], before: 0.5, guessed: true}
				for k := i + 1; k < e; k++ {
					// "have repeatedly insisted": the tagger's cue holds a listed one,
					// which names the cue better and ends it. It starts it too: in "the
					// electoral commission rejected" the tagger's cue opened on the
					// speaker's last word.
					if x, lp := f.matchCue(k); x > 0 {
						ph, e = lp, x
						if k == i+1 && f.nounWord(i) {
							i = k
						}
						break
					}
				}
			}
			if e < 0 || f.skipCue(i, lo) || f.parenthetical(i, e, se) {
				continue
			}
			nested := i < resume
			next, a := f.attribute(i, e, ph, from, se, prev, nested)
			if !nested {
				prev = a // "Berg said Ortiz lied, adding …": Berg added
			}
			if a.nestLo > 0 && next > a.nestLo {
				// Content after its cue may hold another attribution ("Berg said Ortiz
				// claimed …"): scan it as a clause of its own, then go on after it.
				from, resume = a.nestLo, max(resume, next)
				i = a.nestLo - 1
			} else if next > i {
				from = next
				i = next - 1
			}
		}
	}
}

func (f *finder) sentLo(si int) int {
	s := f.doc.Sentences[si]
	if len(s.Tokens) == 0 {
		return -1
	}
	i := f.tokAt(s.Tokens[0].Start)
	if i >= len(f.toks) || f.toks[i].sent != si {
		return -1
	}
	return i
}

// skipCue rejects cue words used otherwise: "to say", "the report", "a claim".
func (f *finder) skipCue(i, lo int) bool {
	if i == lo {
		return false
	}
	if f.isCap(i) && !f.isMark(i-1) && !f.titleCase(i) {
		return true // "United States", "Says" in a name
	}
	if i+1 < len(f.toks) && f.w(i+1) == "up" {
		return true // "showed up"
	}
	switch f.w(i - 1) {
	case "to", "a", "an", "the", "this", "that", "his", "her", "their", "its", "those", "these",
		"our", "my", "your", "such":
		return f.w(i) != "according"
	}
	// "cut rates by 50 basis points to 27.25 percent", "a quarter point to 3.6%": a
	// measure, not "points to".
	if w := f.w(i); (w == "point" || w == "points") && (measureWords[f.w(i-1)] || isNumber(f.w(i-1))) {
		return true
	}
	return f.reducedCue(i)
}

var measureWords = set("basis percentage quarter half full")

func isNumber(w string) bool {
	return w != "" && strings.Trim(w, "0123456789.,") == ""
}

// reducedCue reports whether the cue at token i is a participle describing the noun before
// it, with the clause's own cue after a short adjunct: in "A report by Amnesty
// International published in March found that …" the report found; "published" only
// says when it came out.
func (f *finder) reducedCue(i int) bool {
	w := f.w(i)
	if !strings.HasSuffix(w, "ed") || i < 1 || !f.isWord(i-1) || verbAux[f.w(i-1)] || f.adverb(i-1) ||
		pronouns[f.w(i-1)] {
		return false
	}
	for k := i + 1; k < len(f.toks) && k <= i+5 && f.toks[k].sent == f.toks[i].sent; k++ {
		if !f.isWord(k) {
			return false
		}
		if x, _ := f.matchCue(k); x > 0 && k > i+1 {
			return x < len(f.toks) && f.w(x) == "that"
		}
		if f.w(k) == "that" {
			return false
		}
	}
	return false
}

// titleCase reports whether the sentence of token i is written in title case, as
// headlines are ("Cruz Says Trump Cannot Win"): there a capitalised cue is still a cue.
func (f *finder) titleCase(i int) bool {
	si := f.toks[i].sent
	lo := i
	for lo > 0 && f.toks[lo-1].sent == si {
		lo--
	}
	words, caps := 0, 0
	for k := lo; k < len(f.toks) && f.toks[k].sent == si; k++ {
		if !f.isWord(k) || len(f.raw(k)) <= 3 && !f.isCap(k) {
			continue // "of", "a", "to" stay lower case in titles
		}
		words++
		if f.isCap(k) {
			caps++
		}
	}
	return words >= 4 && caps*10 >= words*9
}

// attribute emits the attribution of the cue at tokens [i,e) in a sentence whose content
// tokens are [from,se), and returns the token where scanning resumes. prev is the speaker
// of the previous attribution in the sentence, for "Berg said X and added Y".
func (f *finder) attribute(i, e int, ph phrase, from, se int, prev attr, nested bool) (int, attr) {
	a := attr{ok: true, cue: ph.text, cueLo: i, cueHi: e, guessed: ph.guessed}
	if ph.text == "according to" {
		if i > from+2 {
			// "…, according to Berg."
			a.spkLo, a.spkHi = f.npAfter(e, f.toks[se-1].end)
			if e >= se {
				return e, a
			}
			if b := a.spkHi; b > a.spkLo && b+3 < se && f.raw(b) == "," && f.raw(i-1) == "," && !relWords[f.w(b+1)] &&
				!determiners[f.w(b+1)] && !f.cueIn(b+1, se) {
				// "G4S receives, according to one report, $234 million": the content
				// goes on after the source (not after an appositive: "…, a former
				// aide"); after a short opening ("In addition,
				// according to …, …") it is only what follows. A later cue ("…, Berg
				// said") keeps its own content: the source then ends this one.
				if f.adverbialLead(from) && !f.commaIn(from, i-1) {
					f.emitToks(kindAccordingTo, b+1, se, a)
				} else {
					f.emitToks(kindAccordingTo, from, se, a)
				}
				return se, a
			}
			f.emitToks(kindAccordingTo, from, i, a)
			return max(a.spkHi, e), a
		}
		// "According to Berg, …"
		c := e
		for c < se && f.raw(c) != "," {
			c++
		}
		a.spkLo, a.spkHi = f.npAfter(e, f.toks[min(c, se)-1].end)
		if c+1 >= se {
			return se, a
		}
		f.emitToks(kindAccordingTo, c+1, se, a)
		return se, a
	}
	// "…, said Berg." — unless the comma closes the subject's appositive.
	s, t := f.npBefore(i, from)
	apposSubject := t > s && s <= from+1 && f.raw(i-1) == ","
	ingCue := strings.HasSuffix(f.w(i), "ing") // "…, suggesting …" is never "…, said Berg"
	if !apposSubject && !nested && !ingCue && i > from+2 && (f.raw(i-1) == "," || f.isMark(i-1) || f.raw(i-1) == "—") {
		s, t := f.npAfter(e, f.toks[se-1].end)
		if t > s && (se-t <= 10 || f.raw(t) == ",") && f.speakerish(s, t, se) && !(t < se && verbAux[f.w(t)]) {
			a.spkLo, a.spkHi = s, t
			f.emitToks(kindIndirect, from, i-1, a)
			return se, a
		}
	}
	a.spkLo, a.spkHi = s, t
	if t > s && s > from+2 && (f.raw(s-1) == "," || f.isMark(s-1) || f.raw(s-1) == "—" || (t < i && f.raw(t) == ",")) {
		cEnd := s - 1
		if f.raw(s-1) != "," && !f.isMark(s-1) && f.raw(s-1) != "—" {
			cEnd = s
		}
		// "…, Berg said (on Friday) (, as …)." — the content comes first.
		tail, limit := e, e+6
		if e < se && tailPreps[f.w(e)] {
			limit = e + 15 // "…, she said in a video message to the convention."
		}
		for tail < se && tail < limit && f.raw(tail) != "," && f.w(tail) != "that" && f.raw(tail) != ":" {
			tail++
		}
		if (tail == se || (f.raw(tail) == "," && tail > e)) && f.adjunctTail(e, tail) && !f.adverbialLead(from) {
			if tail+1 < se && verbAux[f.w(tail+1)] && cEnd-from <= 4 {
				// "The strike, union leaders said on Monday, would go on …": the subject
				// before, the rest of the clause after; not over another cue ("…, and
				// the talks, the mediator said, had failed").
				if !f.cueIn(tail+1, se) {
					f.emitToks(kindIndirect, from, se, a)
					return se, a
				}
				f.emitToks(kindIndirect, from, cEnd, a)
				// The next statement starts after a conjunction before the next cue.
				for k := tail + 1; k+1 < se; k++ {
					if x, _ := f.matchCue(k); x > 0 {
						break
					}
					if f.raw(k) == "," && (f.w(k+1) == "and" || f.w(k+1) == "but") {
						return k + 2, a
					}
				}
				return tail + 1, a
			}
			f.emitToks(kindIndirect, from, cEnd, a)
			if tail+2 < se && (f.w(tail+1) == "and" || f.w(tail+1) == "but") && f.clauseOpens(tail+2) {
				// "X fell, the agency said in May, and Y rose": the content goes on,
				// unless another cue claims it ("…, and Y rose, the minister said").
				end := f.contentEnd(tail+1, se)
				if f.cueIn(tail+2, end) {
					return tail + 1, a
				}
				f.emitToks(kindIndirect, tail+1, end, a)
				return end, a
			}
			return se, a
		}
		if tail == e && e < se && f.raw(e) == "," {
			// "The plan, Berg said, will fail." — content on both sides, unless the
			// part before is the longer one.
			if x, _ := f.matchCue(e + 1); x > 0 && strings.HasSuffix(f.w(e+1), "ing") && cEnd-from >= 4 {
				// "The fees hurt families, she said, referencing …": the participle is
				// her next statement. After a bare subject ("The plan, Berg said,
				// referencing …, will fail") the clause goes on past it.
				f.emitToks(kindIndirect, from, cEnd, a)
				return e, a
			}
			if cEnd-from > 4 && cEnd-from >= se-e {
				f.emitToks(kindIndirect, from, cEnd, a)
			} else {
				f.emitToks(kindIndirect, from, se, a)
			}
			return se, a
		}
	}
	if t <= s && nested && !ingCue {
		// Inside reported content, only a clause with its own subject is another
		// attribution ("the text of her remarks, titled …" is not).
		return e, a
	}
	if t <= s && prev.ok && prev.spkHi > prev.spkLo && i >= from && i > 0 {
		if w := f.w(i - 1); w == "and" || w == "," || auxAdv[w] || f.commaMark(i-1) {
			a.spkLo, a.spkHi = prev.spkLo, prev.spkHi // "Berg said X and added Y"
		}
	}
	// "Berg said (that) …": the content follows.
	c := e
	for c < se && (f.raw(c) == ":" || f.raw(c) == ",") {
		c++
	}
	// After an addressee the "that" may come later: "telling the nation in a televised
	// address that …".
	reach := 6
	if v, _, _ := strings.Cut(ph.text, " "); addressee[v] {
		reach = 10
	}
	for k := c; k < se && k < c+reach; k++ {
		if f.w(k) == "that" {
			if k > c && !f.thatSkips(c, k, ph.text) {
				break // "want policies that create …": a relative clause of the object
			}
			c = k
			break
		}
		if !f.isWord(k) {
			break
		}
		if x, _ := f.matchCue(k); x > 0 && k > c && f.hasSubject(k, c) {
			break // "said the builders admitted that …": the "that" is another cue's
		}
	}
	if c == e {
		c = f.pastAddressee(c, se, ph.text)
	}
	if c == e {
		c = f.timeAfter(c, se)
	}
	end := f.contentEnd(c, se)
	next := end // where the scan for the next attribution resumes
	if f.fronted(from, i) || f.relative(from, s, i) {
		// "While Berg says X, the plan …", "Asked about X, Berg said …": the cue sits
		// in a clause before the main one, and its content ends with that clause.
		for k := c + 1; k < end; k++ {
			if f.raw(k) == "," && f.inSeg[k] == 0 {
				end = k
				break
			}
		}
		next = end
	} else {
		// The ranker may also go past a cut that only may start the writer's clause.
		end = f.chooseEnd(c, end, f.contentEndSoft(c, se, false), se, ph.text)
		// "posted the report, titled …, on the website": a participle after the learned
		// end describes the content's last noun; the part left out is scanned as nested
		// content, where only a clause with its own subject is another attribution.
		participle := end < next && f.raw(end) == "," && end+1 < next && strings.HasSuffix(f.w(end+1), "ed")
		if !participle {
			next = end
		}
	}
	if speechNouns[ph.text] && f.w(c) == "that" {
		// "The government's statement that the roads were open was disputed": the
		// clause after a noun ends where the sentence's own verb comes.
		if k := f.matrixVerb(c, end); k < end {
			end, next = k, k
		}
	}
	if end-c < 2 {
		return e, a // one-word objects ("attacked Trump"): more wrong than right on PolNeAR
	}
	if d, ok := f.quoteAttrBefore(i); ok && a.spkHi <= a.spkLo && ingCue {
		// "“…,” Law said, noting that …": the participle is the quote's speaker's.
		a.spkLo, a.spkHi, a.spkStart, a.spkEnd, a.spk = d.spkLo, d.spkHi, d.spkStart, d.spkEnd, d.spk
	}
	if p := max(f.beforeCue(i), from); a.spkHi <= a.spkLo && a.spkEnd <= a.spkStart && i > from && (ingCue || f.w(p) == "and" || f.w(p) == "but" || f.raw(p) == "," || f.commaMark(p) || f.nonFinite(i)) {
		// "…, saying X", "Berg toured the site and said X": the speaker is the
		// subject of the sentence; inside reported content, the subject of the
		// reporting clause ("Berg said X, arguing Y"). After an attribution in the
		// same sentence, its speaker: "Berg said X, but lamented Y".
		a.spkLo, a.spkHi = f.clauseSubject(from, i)
		if prev.ok && prev.spkHi > prev.spkLo && (nested || a.spkHi <= a.spkLo) {
			a.spkLo, a.spkHi = prev.spkLo, prev.spkHi
		}
	}
	if s2, t2 := f.taggedSpeaker(a.spkLo, a.spkHi, from, i); t2 > s2 {
		a.spkLo, a.spkHi = s2, t2
	}
	f.emitToks(kindIndirect, c, end, a)
	a.nestLo = c
	if f.w(c) == "that" {
		a.nestLo++
	}
	return next, a
}

// quoteAttrBefore returns the attribution of a quotation whose cue and speaker end right
// before the comma before token i ("“…,” Law said, noting …"): the last quotation that
// closes before i, found by binary search.
func (f *finder) quoteAttrBefore(i int) (attr, bool) {
	if i < 2 || f.raw(i-1) != "," {
		return attr{}, false
	}
	k := f.lastSegBefore(f.toks[i-1].start)
	if k < 0 {
		return attr{}, false
	}
	a := f.segs[k].a
	if a.ok && a.spkHi > a.spkLo && max(a.cueHi, a.spkHi) == i-1 {
		return a, true
	}
	return attr{}, false
}

// commaMark reports whether token k is a closing quotation mark after a comma, which
// American style puts inside: "supports “fair pay,” opposes …" is "supports …, opposes".
func (f *finder) commaMark(k int) bool {
	return k > 0 && f.isMark(k) && f.raw(k-1) == ","
}

// pastAddressee returns where the content of a cue like "told" starts when the addressee
// and a time come first ("told African-Americans this weekend he would …"): after them,
// if a clause's subject follows; else c.
func (f *finder) pastAddressee(c, se int, cue string) int {
	v, _, _ := strings.Cut(cue, " ")
	if !addressee[v] || strings.Contains(cue, " ") || c >= se {
		return c
	}
	k := c
	switch {
	case objPronouns[f.w(k)]:
		k++
	case f.isCap(k) && f.isWord(k):
		for k < se && k < c+4 && f.isCap(k) && f.isWord(k) {
			k++
		}
	case strings.HasSuffix(f.w(k), "s") && f.nounWord(k):
		k++ // "told farmers …"
	case collectiveHearers[f.w(k)]:
		k++ // "told parliament …"
	case determiners[f.w(k)] && k+1 < se && (collectiveHearers[f.w(k+1)] || f.nounWord(k+1) && strings.HasSuffix(f.w(k+1), "s")):
		k += 2 // "told the cabinet …", "told the senators …"
	default:
		return c
	}
	if k < se && weekdays[f.w(k)] {
		k++
	} else if k+1 < se && (f.w(k) == "this" || f.w(k) == "last" || f.w(k) == "on") {
		k += 2
	}
	if k+2 >= se || !(pronouns[f.w(k)] && !objPronouns[f.w(k)] || f.isCap(k) || determiners[f.w(k)]) {
		return c
	}
	return k
}

// finalCue finds the wire attribution that closes sentence [lo,se) after a comma: ", the
// company confirmed on Monday.", ", the newspaper La Tercera reported.": a speaker phrase
// (a name, or a description that opens with a determiner), a plain speech verb and at
// most a short adjunct. It returns the comma's and the cue's tokens, or -1, -1.
func (f *finder) finalCue(lo, se int) (comma, cue int) {
	for j := se - 1; j > lo+3; j-- {
		if f.inSeg[j] != 0 || !finalCues[f.w(j)] || f.isCap(j) {
			continue
		}
		x, _ := f.matchCue(j)
		if x <= j || x > se || x-j != 1 {
			continue
		}
		// The sentence ends after a short adjunct, or the writer's own clause follows
		// (", as farmers send beans across the border").
		tail := x
		for tail < se && tail < x+5 && f.raw(tail) != "," {
			tail++
		}
		closes := tail == se || f.raw(tail) == "," && tail+1 < se && writerClause[f.w(tail+1)]
		if !closes || !f.adjunctTail(x, tail) {
			continue
		}
		for c := j - 1; c > lo+2 && c >= j-10; c-- {
			if f.isTerm(c) || f.isMark(c) || f.inSeg[c] != 0 {
				break
			}
			if f.raw(c) != "," {
				if verbAux[f.w(c)] || relWords[f.w(c)] || f.w(c) == "that" {
					break // "…, which officials said" is no speaker phrase
				}
				continue
			}
			if c+1 < j && (f.isCap(c+1) && f.isWord(c+1) || determiners[f.w(c+1)] || f.w(c+1) == "its") &&
				!subordinators[f.w(c+1)] && !leadConj[f.w(c+1)] {
				return c, j
			}
			break
		}
	}
	return -1, -1
}

// finalCues are the speech verbs of a closing wire attribution.
var finalCues = set("said says told announced confirmed reported added stated warned noted wrote " +
	"reports tweeted explained estimated predicted forecast projected")

// writerClause open the writer's own clause after a closing attribution.
var writerClause = set("as while amid after but even following with despite")

// nestedOK reports whether a cue at token i inside the statement of a closing
// attribution is still read: a plain speech verb keeps its own attribution ("Kenya
// said Uganda lied, officials said"); weaker cues ("plans", "offered") do not.
func nestedOK(f *finder, i int) bool {
	return sure[f.w(i)] || finalCues[f.w(i)] || f.w(i) == "according"
}

// documentNouns name writings whose author follows "by".
var documentNouns = set("study report survey analysis poll review investigation audit paper " +
	"estimate estimates assessment statement letter")

// timeAfter returns where content after a cue starts when a time adjunct comes first
// and a clause's subject follows it ("said on Wednesday it would …", "said last week the
// talks had failed"): after the adjunct; else c.
func (f *finder) timeAfter(c, se int) int {
	if c+3 >= se {
		return c
	}
	k := c
	switch f.w(k) {
	case "on":
		k++
		if k < se && weekdays[f.w(k)] {
			k++
		} else {
			return c
		}
	case "last", "this", "next", "earlier", "late", "early":
		k++
		if k < se && (weekdays[f.w(k)] || timeAnchors[f.w(k)]) {
			k++
		} else {
			return c
		}
	default:
		return c
	}
	for k < se && k < c+4 && timeAnchors[f.w(k)] {
		k++ // "on Monday night"
	}
	if k+2 >= se || !(subjPronouns[f.w(k)] || determiners[f.w(k)] || f.isCap(k) && f.isWord(k)) {
		return c
	}
	return k
}

var subjPronouns = set("he she it they we i you")

// thatSkips reports whether the words from token c up to the "that" at token k are an
// adjunct, the addressee or more of the cue, judged by the first of them and the last
// ("said on Monday that", "told reporters that", "went on to insist that", "repeated his
// claim that"), so the content starts at the "that"; after other words ("want policies
// that") it is a relative pronoun and the content starts at c.
func (f *finder) thatSkips(c, k int, cue string) bool {
	w := f.w(c)
	if tailPreps[w] || leadPreps[w] || objPronouns[w] || f.isCap(c) || weekdays[w] || auxAdv[w] {
		return true
	}
	if w == "to" || contentNouns[f.w(k-1)] {
		return true // "continued to assert that …", "his contention that …"
	}
	// "said in a statement posted on social media that …": a participle describing the
	// cue's document.
	if i := strings.LastIndexByte(cue, ' '); i >= 0 && documentNouns[cue[i+1:]] && strings.HasSuffix(w, "ed") {
		return true
	}
	v, _, _ := strings.Cut(cue, " ")
	return addressee[v]
}

// contentNouns take a "that" clause as their content.
var contentNouns = set("idea claim claims contention concern concerns belief beliefs fact notion " +
	"view argument arguments assertion suggestion hope hopes fear fears perception perceptions " +
	"allegation allegations assurance assurances theory rumor rumors warning warnings evidence " +
	"sense feeling impression message promise point case")

// collectiveHearers are singular nouns for a body one tells: "told parliament the dispute
// would be settled".
var collectiveHearers = set("parliament cabinet congress senate council assembly media press " +
	"crowd audience nation court jury committee panel conference summit legislature")

// objPronouns are the object forms of pronouns: "told him that …".
var objPronouns = set("him her them us me you it")

// addressee holds cue verbs whose object is the one told: "told reporters that …".
var addressee = set("told tell tells telling warned warn warns warning assured assure assures " +
	"reminded remind reminds informed inform informs convinced convince persuaded notified " +
	"promised promise promises urged urge urges asked ask asks advised advise briefed brief " +
	"reassured reassure taught teach showed shown show shows")

// cueIn reports whether a listed cue starts at a token in [lo,hi).
func (f *finder) cueIn(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if x, _ := f.matchCue(k); x > 0 {
			return true
		}
	}
	return false
}

// commaIn reports whether a comma lies at a token in [lo,hi).
func (f *finder) commaIn(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if f.raw(k) == "," {
			return true
		}
	}
	return false
}

// relWords open a relative clause or appositive about the word before them.
var relWords = set("who whom whose which where when")

// taggedSpeaker returns a better speaker phrase than [s,t) for the cue at token i, or an
// empty span. "Millennials have reached a generational consensus on …": a lower-case
// phrase the tagger does not see as a source is rarely one; the source it sees before the
// cue is, with a relative pronoun in it giving way to its antecedent ("listeners to his
// program who said …").
func (f *finder) taggedSpeaker(s, t, from, i int) (int, int) {
	if t <= s || f.tagger == nil || f.isCap(s) || determiners[f.w(s)] || pronouns[f.w(s)] {
		return 0, 0
	}
	if tg := f.alltags[s]; tg == attrib.BSrc || tg == attrib.ISrc {
		return 0, 0
	}
	s2, t2 := f.taggedSource(from, i)
	for k := s2; k < t2; k++ {
		if f.w(k) == "who" || f.w(k) == "which" {
			if k == s2 {
				return f.npBefore(k, from)
			}
			return s2, k
		}
	}
	return s2, t2
}

// taggedSource returns the last span the tagger labels as a source in [from,i), or an
// empty span.
func (f *finder) taggedSource(from, i int) (int, int) {
	for k := i - 1; k >= from; k-- {
		if f.alltags[k] != attrib.ISrc && f.alltags[k] != attrib.BSrc {
			continue
		}
		e := k + 1
		for k > from && f.alltags[k] == attrib.ISrc {
			k--
		}
		if f.alltags[k] == attrib.BSrc {
			return k, e
		}
		return 0, 0
	}
	return 0, 0
}

// verbAux are auxiliaries: after "…, says Cruz" one makes Cruz the subject of a new clause
// ("…, says Cruz will win"), not the speaker of what came before.
var verbAux = set("is was were are be been has have had will would can could may might should must " +
	"does did do")

// adjunctTail reports whether tokens [e,tail) after a cue are what may follow a speaker and
// cue that close an attribution ("…, Berg said on Friday", "…, Berg told reporters"), not
// the cue's own content ("In Texas, voters said they were angry").
func (f *finder) adjunctTail(e, tail int) bool {
	if tail == e {
		return true
	}
	if pronouns[f.w(e)] || f.w(e) == "to" && e+1 < tail && !f.isCap(e+1) && !determiners[f.w(e+1)] {
		return false // "they were angry", "to endorse Ryan"
	}
	for k := e; k < tail; k++ {
		if verbAux[f.w(k)] && !f.isCap(k) { // "in a May report" is an adjunct
			return false // "the probe is ongoing"
		}
	}
	return true
}

var tailPreps = set("on in at during from with after before while when as via through for " +
	"last this earlier late early yesterday today tonight")

// adverbialLead reports whether the clause at token lo opens with a preposition ("In Texas,
// …", "On Monday, …"): an adverbial, rarely the content of a later cue.
func (f *finder) adverbialLead(lo int) bool {
	for lo < len(f.toks) && f.isMark(lo) {
		lo++
	}
	return lo < len(f.toks) && leadPreps[f.w(lo)]
}

var leadPreps = set("in on at during after before since with from by under following despite " +
	"amid speaking asked among unlike like")

// subordinators open a clause that comes before the main clause of a sentence.
var subordinators = set("if when while whereas although though as because since after before " +
	"unless until once even")

// fronted reports whether the cue at token i sits in a clause that opens the sentence
// (content from token from): a subordinate clause ("While Berg says …") or the cue itself
// ("Asked about …"), with no comma before the cue.
func (f *finder) fronted(from, i int) bool {
	k := from
	for k < i && f.isMark(k) {
		k++
	}
	if k == i {
		return f.w(i) != "according"
	}
	if !subordinators[f.w(k)] {
		return false
	}
	for ; k < i; k++ {
		if f.raw(k) == "," {
			return false
		}
	}
	return true
}

// relative reports whether the cue at token i sits in a relative clause after a comma
// (speaker tokens from s): "Barkley, who said X, said Y", "The changes, which officials
// said X, will …". Its content ends with the clause, at the next comma.
func (f *finder) relative(from, s, i int) bool {
	for k := max(from+1, min(s, i)-1); k < i; k++ {
		if (f.w(k) == "who" || f.w(k) == "which") && f.raw(k-1) == "," {
			return true
		}
	}
	return false
}

// contentEnd returns where reported content starting at token c ends: the sentence end, or
// a clause boundary that starts another statement (", but", "; ", "and added").
func (f *finder) contentEnd(c, se int) int { return f.contentEndSoft(c, se, true) }

// contentEndSoft is contentEnd; without soft it does not stop before a clause that only
// may be the writer's (", but", ", which", "— and"), only before another attribution.
func (f *finder) contentEndSoft(c, se int, soft bool) int {
	for k := c + 1; k < se; k++ {
		if f.inSeg[k] == 1 || f.inSeg[k] == 2 {
			return k // another attribution's quote or cue
		}
		switch f.raw(k) {
		case ";":
			return k
		case "—", "–", "―":
			if soft && k+1 < se && (f.w(k+1) == "and" || f.w(k+1) == "but") {
				return k
			}
		case ",":
			if k+1 >= se {
				return k
			}
			switch f.w(k + 1) {
			case "but", "while", "although", "though", "whereas", "which":
				if soft {
					return k
				}
			case "even":
				// ", even as thousands marched": the writer's scene beside what was said,
				// whatever the ranker would choose.
				if k+2 < se && f.w(k+2) == "as" {
					return k
				}
			case "and":
				if k+2 < se {
					if x, _ := f.matchCue(k + 2); x > 0 {
						return k
					}
					if w := f.w(k + 2); w == "when" || w == "then" {
						return k
					}
				}
			}
			if strings.HasSuffix(f.w(k+1), "ing") {
				if x, _ := f.matchCue(k + 1); x > 0 {
					return k
				}
			}
		}
		if w := f.w(k); (w == "and" || w == "but") && k+1 < se {
			// "… and added …", "… but did not suggest …": the speaker's next statement.
			j := k + 1
			for j < se && j < k+4 && auxAdv[f.w(j)] {
				j++
			}
			if x, _ := f.matchCue(j); x > 0 && !f.isCap(j) {
				return k
			}
			// "… and he said …", "… but Berg insisted …", "… and she accused …": a new
			// statement with its own subject.
			if j := f.subjectEnd(k+1, se); j > k+1 {
				if x, _ := f.matchCue(j); x > 0 {
					return k
				}
			}
		}
	}
	return se
}

// clauseOpens reports whether token k may open a clause's subject: a name, a pronoun or a
// determiner ("and the airport lost …"), not a verb ("and added …").
func (f *finder) clauseOpens(k int) bool {
	w := f.w(k)
	return f.isCap(k) && f.isWord(k) || pronouns[w] || determiners[w] || w == "those" || w == "these"
}

// subjectEnd returns the token after a short subject starting at k (a third-person
// pronoun or up to three capitalised words) and any auxiliaries, or k when there is none.
func (f *finder) subjectEnd(k, se int) int {
	j := k
	switch {
	case j < se && (f.w(j) == "he" || f.w(j) == "she" || f.w(j) == "they"):
		j++
	default:
		for j < se && j < k+3 && f.isCap(j) && f.isWord(j) {
			j++
		}
	}
	if j == k {
		return k
	}
	for j < se && auxAdv[f.w(j)] {
		j++
	}
	return j
}

// speakerish reports whether tokens [s,t) look like a speaker after "…, said": a name, a
// determiner phrase, or a short plural ("said officials").
func (f *finder) speakerish(s, t, se int) bool {
	if f.isCap(s) || determiners[f.w(s)] {
		return true
	}
	return t-s <= 2 && (t == se || f.raw(t) == ",")
}

var determiners = set("a an the his her their its one another two three several some many other")

// parenthetical reports whether a participle cue sits in an aside before the main cue:
// "Berg, speaking to reporters, said …".
func (f *finder) parenthetical(i, e, se int) bool {
	if i == 0 || f.raw(i-1) != "," || !strings.HasSuffix(f.w(i), "ing") {
		return false
	}
	for k := e; k < se && k < e+10; k++ {
		if f.raw(k) == "," {
			k++
			for k < se && auxAdv[f.w(k)] {
				k++
			}
			x, _ := f.matchCue(k)
			return x > 0
		}
	}
	return false
}

// emitToks emits content tokens [lo,hi).
func (f *finder) emitToks(kind string, lo, hi int, a attr) {
	if hi <= lo || lo < 0 || hi > len(f.toks) {
		return
	}
	if a.guessed && a.spkHi <= a.spkLo {
		return // a tagger's cue with no speaker is right only one time in five
	}
	f.emit(kind, f.toks[lo].start, f.toks[hi-1].end, a)
}

// thatCue treats an unlisted verb between a subject and "that" as a cue ("the campaign
// conceded that …", "she mused that …"): the learned list misses the long tail of
// reporting and belief verbs, and this shape is rarely anything else. The verb must end in
// -ed (or be an irregular past), or in -s after a singular subject; the clause after
// "that" must be long enough not to be a determiner's noun ("signed that bill").
func (f *finder) thatCue(i, from, se int) (int, phrase) {
	if i+5 >= se || f.w(i+1) != "that" || f.isCap(i) || !f.isWord(i) {
		return -1, phrase{}
	}
	w := f.w(i)
	if speechNouns[w] && i > from && f.w(i-1) == "'s" {
		// "The government's statement that …": the possessor said it.
		return i + 1, phrase{text: w, before: 1}
	}
	past := irregularPast[w] || (len(w) > 4 && strings.HasSuffix(w, "ed"))
	pres := len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us")
	if (!past && !pres) || notThatCues[w] {
		return -1, phrase{}
	}
	s, t := f.npBefore(i, from)
	if t <= s || t != i && !auxAdv[f.w(t)] && !f.adverb(t) {
		return -1, phrase{}
	}
	h := f.w(t - 1)
	switch {
	case pronouns[h] && h != "it" && h != "his" && h != "her" && h != "their":
		if pres && h != "he" && h != "she" {
			return -1, phrase{}
		}
	case f.isCap(t - 1):
		if pres {
			return -1, phrase{} // "Democratic groups that …": a plural noun, not a verb
		}
	case determiners[f.w(s)] && t-s >= 2:
		if pres && strings.HasSuffix(h, "s") {
			return -1, phrase{}
		}
	default:
		return -1, phrase{}
	}
	// After "that", a clause: not the end of a short noun phrase.
	for k := i + 2; k < i+5; k++ {
		if !f.isWord(k) {
			return -1, phrase{}
		}
	}
	return i + 1, phrase{text: w, before: 1}
}

// matrixVerb returns where, in the clause [lo,hi) that follows a noun ("the claim that
// prices had risen drew criticism"), a second verb group starts after the clause's own
// (at "drew"), or hi. A verb is a form of be, have or a modal, a past form without -ed, or
// an -ed word not after a determiner ("the armed groups"); a group goes on while the word
// before is an auxiliary.
func (f *finder) matrixVerb(lo, hi int) int {
	seen := false
	for k := lo; k < hi; k++ {
		w := f.w(k)
		verb := verbAux[w] || pastVerbs[w] || irregularPast[w] ||
			len(w) > 4 && strings.HasSuffix(w, "ed") && k > lo && !determiners[f.w(k-1)] && !f.isCap(k)
		if !verb || !f.isWord(k) {
			continue
		}
		if !seen {
			seen = true
			continue
		}
		p := f.w(k - 1)
		if auxAdv[p] || p == "to" || p == "that" || relWords[p] ||
			p == "and" || p == "or" || p == "but" || !f.isWord(k-1) || f.adverb(k-1) {
			continue
		}
		return k
	}
	return hi
}

// speechNouns name what someone said or wrote; after a possessive and before "that" they
// are a cue ("Ruto's claim that …").
var speechNouns = set("statement claim assertion contention insistence argument suggestion " +
	"warning promise pledge vow denial admission allegation accusation announcement remark " +
	"declaration assurance prediction")

// irregularPast holds past-tense verbs without -ed that take a that-clause.
var irregularPast = set("thought felt knew heard saw understood held found meant wrote told " +
	"said swore foresaw taught forgot")

// notThatCues are -s and -ed words before "that" that are rarely an attribution on PolNeAR
// train: "means that", "so-called", "is", "needed", "ensured".
var notThatCues = set("means does states needs ensures ensured guarantees requires required " +
	"makes proves proved seems seemed remains remained becomes")

// headlineColon emits "Berg: We Will Reopen the Port" — a name, a colon and the words the
// name said, as headlines and leads write attributions — when sentence tokens [lo,se)
// open so, and reports whether it did.
func (f *finder) headlineColon(lo, se int) bool {
	k := lo
	for k < se && k < lo+4 && f.isCap(k) && f.isWord(k) && f.inSeg[k] == 0 {
		w := f.raw(k)
		if len(w) > 3 && f.w(k) != w && !hasLower(w) || colonLabels[f.w(k)] {
			return false // a dateline ("WASHINGTON:") or a label ("Update:", "Photo:")
		}
		k++
	}
	if k == lo || k+3 >= se || f.raw(k) != ":" || f.toks[k].end != f.toks[k-1].end+1 && f.toks[k].start != f.toks[k-1].end {
		return false
	}
	if f.ents != nil {
		if e, _ := f.ents.At(f.toks[lo].start, f.toks[k-1].end); e != nil && e.Type != "PERSON" && e.Type != "ORG" {
			return false // "Ohio: …" introduces a place's results
		}
	}
	if r, _ := utf8.DecodeRuneInString(f.raw(k + 1)); !unicode.IsLetter(r) && !f.isMark(k+1) {
		return false // "Berg: 3:25 p.m."
	}
	a := attr{ok: true, cue: ":", cueLo: k, cueHi: k + 1, spkLo: lo, spkHi: k}
	f.emitToks(kindIndirect, k+1, se, a)
	return true
}

// inSource emits "In a CNN poll released Monday, Berg led by 5 points": a poll, survey or
// report named in an opening "In …," phrase is the source of the clause after it, when
// that clause has no cue of its own. It reports whether it emitted.
func (f *finder) inSource(lo, se int) bool {
	if f.w(lo) != "in" || f.inSeg[lo] != 0 {
		return false
	}
	comma, doc := -1, false
	for k := lo + 1; k < se && k < lo+14; k++ {
		if f.raw(k) == "," {
			comma = k
			break
		}
		if !f.isWord(k) && f.raw(k) != "/" && f.raw(k) != "-" && f.w(k) != "'s" {
			return false
		}
		doc = doc || sourceNouns[f.w(k)]
	}
	if !doc || comma < 0 || comma+3 >= se {
		return false
	}
	if f.cueIn(comma+1, se) {
		return false // "In a statement, Berg said …": the cue's own attribution
	}
	for k := comma + 1; k < se; k++ {
		if f.inSeg[k] != 0 {
			return false
		}
	}
	a := attr{ok: true, cue: "in", cueLo: lo, cueHi: lo + 1, spkLo: lo + 1, spkHi: comma}
	f.emitToks(kindIndirect, comma+1, se, a)
	return true
}

// sourceNouns name documents that report findings.
var sourceNouns = set("poll polls survey surveys study report analysis census tally ranking " +
	"rankings audit review findings data")

// colonLabels open a line with a colon without naming a speaker.
var colonLabels = set("update updated note related read watch photo photos video source sources " +
	"editor correction disclosure transcript live breaking exclusive analysis opinion poll " +
	"question answer q a warning full more also advertisement credit image caption subscribe " +
	"follow contact email tags topics sign see listen click share the this here why what how " +
	"who when where result results winner winners bottom first second third next step")

// monthSurname reports whether token k is a month or modal used as a surname after a
// given name ("Theresa May said"), not a date ("in May") or a verb ("he may").
func (f *finder) monthSurname(k, lo int) bool {
	switch f.w(k) {
	case "may", "march", "june", "april", "august":
	default:
		return false
	}
	return k > lo && f.isCap(k) && f.isCap(k-1) && f.isWord(k-1) && !npStop[f.w(k-1)] && !headStop[f.w(k-1)]
}

// hasLower reports whether w has an ASCII lower-case letter, without allocating.
func hasLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 'a' && w[i] <= 'z' {
			return true
		}
	}
	return false
}

// hasSubject reports whether a noun phrase ends right before token k, not before token lo:
// "the builders admitted", not "published last year found".
func (f *finder) hasSubject(k, lo int) bool {
	s, t := f.npBefore(k, lo)
	return t > s
}
