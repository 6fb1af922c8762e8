package event

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// The verb dictionary: generated from PETRARCH2's CAMEO.2.0.txt by ./genverbs (MIT
// licence, data/LICENSE.petrarch2), plus Herald's hand-written herald-*.tsv on top.
// Embedded as strings, the files are read in place: the words the coder keeps are slices
// of them, not copies.
var (
	//go:embed data/synsets.tsv
	synsetsTSV string
	//go:embed data/verbs.tsv
	verbsTSV string
	//go:embed data/herald-verbs.tsv
	heraldVerbsTSV string
	//go:embed data/patterns.tsv
	patternsTSV string
	//go:embed data/herald-patterns.tsv
	heraldPatternsTSV string
)

// dataFile is one embedded file and its name, for error messages.
type dataFile struct{ name, text string }

// phrase is a run of consecutive words; each position is a word id or, when negative,
// ^synset id (a synset matches when any of its member phrases does).
type phrase []int32

// item is one element of a pattern: a noun phrase, or a preposition with an optional
// noun phrase after it.
type item struct {
	prep   []int32  // alternatives for the preposition; nil for a noun phrase
	alts   []phrase // alternatives for the phrase; nil for a bare preposition
	target bool     // the item marks where the target actor stands ('+')
}

// pattern is one phrase pattern of a verb block.
type pattern struct {
	code, rev string // CAMEO code source→target, and target→source ("042:043")
	pre, post []item
	weight    int // words it needs: more specific patterns win
	text      string
	only      int32 // the verb a particle pattern ("* (into)") belongs to; -1 for any
	// need holds every word or synset the pattern cannot match without (items with a
	// single alternative); matchPatterns rejects the pattern with four ANDs when the
	// sentence's own set (scratch.have) lacks one. block.needs holds a copy.
	need wordSet
}

// wordSet is a 256-bit signature of a set of word ids and synsets (^synset index): each
// maps to one bit. With 64 bits a PolNeAR sentence's words set about a fifth of them and
// 18% of the patterns passed the test (to be rejected by their items, one cache miss
// after another); with 256, 15 bits of 256 on average, and 5% pass.
type wordSet [4]uint64

// add puts word id (or ^synset index) w in the set.
func (s *wordSet) add(w int32) {
	b := (uint32(w) * 2654435761) >> 24
	s[b>>6] |= 1 << (b & 63)
}

// lacks reports whether s has a bit that have has not.
func (s *wordSet) lacks(have *wordSet) bool {
	return s[0]&^have[0]|s[1]&^have[1]|s[2]&^have[2]|s[3]&^have[3] != 0
}

func patternNeed(p *pattern) wordSet {
	var need wordSet
	for _, side := range [2][]item{p.pre, p.post} {
		for _, it := range side {
			if len(it.prep) == 1 {
				need.add(it.prep[0])
			}
			if len(it.alts) == 1 && len(it.alts[0]) > 0 {
				need.add(it.alts[0][0])
			}
		}
	}
	return need
}

// verb is one entry of verbs.tsv.
type verb struct {
	block int32
	code  string
	rev   string
	lemma string
}

// form is one inflected spelling of a verb, indexed by its inflected word. pre and post
// are the other words of a phrasal verb ("rule out", "wire tap"), which must stand next to it.
type form struct {
	verb      int32
	pre, post []int32
	past      bool // a past tense or participle (may be passive)
	base      bool // the bare lemma (may be a noun: "attack", "talks")
}

type block struct {
	name     string
	patterns []pattern
	// needs[i] is patterns[i].need, kept apart: matchPatterns tests every pattern of
	// the block and rejects most on it, and read from the patterns themselves (over
	// 100 bytes each) the test cost a cache miss per pattern.
	needs []wordSet
}

func (c *Coder) load() error {
	if err := c.loadSynsets(dataFile{"data/synsets.tsv", synsetsTSV}); err != nil {
		return err
	}
	own := patternsByVerb(patternsTSV)
	for _, f := range []dataFile{{"data/verbs.tsv", verbsTSV}, {"data/herald-verbs.tsv", heraldVerbsTSV}} {
		if err := c.loadVerbs(f, own); err != nil {
			return err
		}
	}
	for _, f := range []dataFile{{"data/patterns.tsv", patternsTSV}, {"data/herald-patterns.tsv", heraldPatternsTSV}} {
		if err := c.loadPatterns(f); err != nil {
			return err
		}
	}
	// The most specific matching pattern wins, the earliest among equals: sorted that
	// way (stably), matchPatterns can stop at the first match.
	for i := range c.blocks {
		b := &c.blocks[i]
		slices.SortStableFunc(b.patterns, func(a, b pattern) int { return b.weight - a.weight })
		b.needs = make([]wordSet, len(b.patterns))
		for k := range b.patterns {
			b.needs[k] = b.patterns[k].need
		}
	}
	return nil
}

// eachLine calls fn with the tab-separated fields of every non-comment line of file.
// The fields slice is reused from line to line; its strings are slices of the file.
// Lines end at "\n" with any "\r" before it dropped, as bufio.Scanner read them.
func eachLine(file dataFile, fn func(ln int, f []string) error) error {
	var fields []string
	s := file.text
	for ln := 1; s != ""; ln++ {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		fields = fields[:0]
		for {
			f, rest, ok := strings.Cut(line, "\t")
			fields = append(fields, f)
			if !ok {
				break
			}
			line = rest
		}
		if err := fn(ln, fields); err != nil {
			return fmt.Errorf("%s:%d: %w", file.name, ln, err)
		}
	}
	return nil
}

// id returns the word id of w, adding it to the vocabulary.
func (c *Coder) id(w string) int32 {
	if id, ok := c.vocab[w]; ok {
		return id
	}
	id := int32(len(c.words))
	c.vocab[w] = id
	c.words = append(c.words, w)
	c.class = append(c.class, 0)
	c.formsByID = append(c.formsByID, nil)
	return id
}

// nounIDs registers a pattern noun and its plural, which PETRARCH matches too, and
// returns the id of the singular. Both spellings map to the same id so that matching is a
// comparison of ids.
func (c *Coder) nounID(w string) int32 {
	id := c.id(w)
	if strings.HasSuffix(w, "_") { // the dictionary's mark for "no plural"
		w = strings.TrimSuffix(w, "_")
		id = c.id(w)
		return id
	}
	for _, p := range plurals(w) {
		// A function word is nobody's plural: "its" read as the plural of the pattern
		// noun "it" gave "it" the determiner's class, and "Russia said it shot down
		// 40 drones" lost its verb.
		if _, ok := c.vocab[p]; !ok && closedClass[p] == 0 {
			c.vocab[p] = id
		}
	}
	return id
}

func (c *Coder) loadSynsets(file dataFile) error {
	c.synIndex = map[string]int32{}
	return eachLine(file, func(ln int, f []string) error {
		if len(f) != 2 || !strings.HasPrefix(f[0], "&") {
			return fmt.Errorf("want &NAME<TAB>member")
		}
		name := strings.TrimSuffix(f[0], "_")
		noPlural := strings.HasSuffix(f[0], "_")
		si, ok := c.synIndex[name]
		if !ok {
			si = int32(len(c.synsets))
			c.synIndex[name] = si
			c.synsets = append(c.synsets, nil)
		}
		ws := strings.Fields(f[1])
		var p phrase
		for i, w := range ws {
			if i == len(ws)-1 && !noPlural {
				p = append(p, c.nounID(w))
			} else {
				p = append(p, c.id(strings.TrimSuffix(w, "_")))
			}
		}
		if len(p) > 0 {
			c.synsets[si] = append(c.synsets[si], p)
		}
		return nil
	})
}

func (c *Coder) blockID(name string) int32 {
	if b, ok := c.blockIndex[name]; ok {
		return b
	}
	b := int32(len(c.blocks))
	c.blockIndex[name] = b
	c.blocks = append(c.blocks, block{name: name})
	return b
}

func splitCode(code string) (string, string) {
	fwd, rev, _ := strings.Cut(code, ":")
	if fwd == "---" {
		fwd = ""
	}
	if rev == "---" {
		rev = ""
	}
	return fwd, rev
}

// loadVerbs reads a verbs file; own counts the generated patterns by block and the
// verb they were written for (patternsByVerb).
func (c *Coder) loadVerbs(file dataFile, own map[blockVerb]int) error {
	return eachLine(file, func(ln int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want block<TAB>code<TAB>verb<TAB>forms, got %d fields", len(f))
		}
		fwd, rev := splitCode(f[1])
		v := verb{block: c.blockID(f[0]), code: fwd, rev: rev, lemma: f[2]}
		// A verb listed twice: Herald's file replaces the generated line; inside the
		// generated file the first line with a code wins ("dismiss" is in two blocks),
		// and between lines without one, the block that holds the patterns written for
		// the verb ("cut" is in SEPARATE, with "cut diplomatic ties" and "cut aid", and in
		// SLASH, with one pattern; the later line used to win and lose them).
		if i, ok := c.verbIndex[v.lemma]; ok {
			old := c.verbs[i]
			switch {
			case file.name != "data/verbs.tsv":
				c.verbs[i] = v
				// Its forms too: a line may add a form the generated one lacks
				// ("withdrawn").
				for _, g := range strings.Fields(f[3]) {
					c.addForm(i, g, false)
				}
			case old.code != "" || old.rev != "":
			case v.code != "" || v.rev != "",
				own[blockVerb{f[0], strings.ReplaceAll(v.lemma, "+", "")}] >
					own[blockVerb{c.blocks[old.block].name, strings.ReplaceAll(v.lemma, "+", "")}]:
				c.verbs[i] = v
			}
			return nil
		}
		vi := int32(len(c.verbs))
		c.verbIndex[v.lemma] = vi
		c.verbs = append(c.verbs, v)
		forms := []string{}
		if f[3] != "" {
			forms = strings.Fields(f[3])
		}
		c.addForm(vi, f[2], true)
		if len(forms) == 0 {
			for _, g := range inflect(f[2]) {
				c.addForm(vi, g, false)
			}
		} else {
			for _, g := range forms {
				c.addForm(vi, g, false)
			}
		}
		return nil
	})
}

// addForm indexes one spelling of verb vi. In a phrase the inflected word is marked with
// '+' ("+rule_out", "wire_+tap"); words are joined by '_'.
func (c *Coder) addForm(vi int32, spelling string, base bool) {
	words := strings.Split(spelling, "_")
	head := 0
	for i, w := range words {
		if strings.HasPrefix(w, "+") {
			head = i
			words[i] = w[1:]
		}
	}
	if words[head] == "" {
		return
	}
	fm := form{verb: vi, base: base}
	hw := words[head]
	fm.past = !base && (strings.HasSuffix(hw, "ed") || isIrregularPast(hw))
	// PETRARCH2 writes some phrases in the past ("+killed_and", "+arrested_and"): their
	// lemma is a past form, which may be a passive ("were killed and five wounded").
	if base && len(words) > 1 && strings.HasSuffix(hw, "ed") && !strings.HasSuffix(hw, "eed") {
		fm.past = true
	}
	for _, w := range words[:head] {
		fm.pre = append(fm.pre, c.id(w))
	}
	for _, w := range words[head+1:] {
		fm.post = append(fm.post, c.id(w))
	}
	id := c.id(hw)
	for _, old := range c.formsByID[id] {
		if old.verb == vi && len(old.pre) == len(fm.pre) && len(old.post) == len(fm.post) {
			return
		}
	}
	c.formsByID[id] = append(c.formsByID[id], fm)
}

// blockVerb names the patterns of a block written for one verb.
type blockVerb struct{ block, verb string }

// patternsByVerb counts the patterns of a patterns file by block and the verb they were
// written for (its fourth column, a phrase's words joined by "_" as in verbs.tsv).
func patternsByVerb(data string) map[blockVerb]int {
	n := map[blockVerb]int{}
	for line := range strings.Lines(data) {
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) < 4 || strings.HasPrefix(f[0], "#") {
			continue
		}
		n[blockVerb{f[1], strings.ReplaceAll(strings.TrimSpace(f[3]), " ", "_")}]++ // "set up" is set_up
	}
	return n
}

func (c *Coder) loadPatterns(file dataFile) error {
	return eachLine(file, func(ln int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("want code<TAB>block<TAB>pattern")
		}
		if f[0] == "-" {
			// Herald's file removes a generated pattern it cannot outrank: the most
			// specific pattern wins and, among equals, the earlier one, the generated.
			return c.removePattern(f[1], f[2])
		}
		p, ok, err := c.parsePattern(f[2])
		if err != nil {
			return err
		}
		if !ok {
			return nil // uses an unknown synset: PETRARCH ignores such patterns too
		}
		p.code, p.rev = splitCode(f[0])
		p.text = f[2]
		p.need = patternNeed(&p)
		b := c.blockID(f[1])
		p.only = -1
		// A particle belongs to its verb: "push into" (192, occupy) is written in the
		// DEMAND block, where it made "called on Israel to allow aid into Gaza" an
		// occupation, and "call on" (020) in the CALL block made "telephoned him on
		// Sunday" an appeal. One written for a verb the block does not list stays for all
		// its verbs. Herald's own patterns mark a verb-only pattern with "=" before the
		// verb ("receive * president" is a hosted visit; "get the president to" is not).
		if len(f) >= 4 && (particle(&p) || strings.HasPrefix(f[3], "=")) {
			from := strings.ReplaceAll(strings.TrimSpace(strings.TrimPrefix(f[3], "=")), " ", "_")
			vi, ok := c.verbIndex[from]
			if !ok {
				vi, ok = c.verbIndex["+"+from]
			}
			if ok && c.verbs[vi].block == b {
				p.only = vi
			}
		}
		c.blocks[b].patterns = append(c.blocks[b].patterns, p)
		return nil
	})
}

// removePattern drops the patterns of block whose text is text; none is an error, so
// that a removal the generated file no longer needs is noticed.
func (c *Coder) removePattern(block, text string) error {
	bi, ok := c.blockIndex[block]
	if !ok {
		return fmt.Errorf("no block %q to remove %q from", block, text)
	}
	b := &c.blocks[bi]
	n := len(b.patterns)
	b.patterns = slices.DeleteFunc(b.patterns, func(p pattern) bool { return p.text == text })
	if len(b.patterns) == n {
		return fmt.Errorf("no pattern %q in block %q to remove", text, block)
	}
	return nil
}

// particle reports whether p is a bare preposition after the verb ("* (into)", "* (on)").
func particle(p *pattern) bool {
	return len(p.pre) == 0 && len(p.post) == 1 && p.post[0].prep != nil && p.post[0].alts == nil
}

// parsePattern reads "pre words * post words (prep noun) …" in dictionaries.rst syntax.
func (c *Coder) parsePattern(s string) (pattern, bool, error) {
	var p pattern
	toks := patternTokens(s)
	side := &p.pre
	star := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t {
		case "*":
			if star {
				return p, false, fmt.Errorf("two '*' in %q", s)
			}
			star, side = true, &p.post
		case "$", "^", "%":
			// TABARI actor slots other than the target: Herald finds actors itself.
		case "+":
			if n := len(*side); n > 0 {
				(*side)[n-1].target = true
			}
		case "(":
			// (PREP [noun phrase]) — up to the matching ')'.
			j := i + 1
			for j < len(toks) && toks[j] != ")" {
				j++
			}
			inner := toks[i+1 : j]
			i = j
			if len(inner) == 0 {
				continue
			}
			it := item{}
			for _, alt := range strings.Split(inner[0], "/") {
				it.prep = append(it.prep, c.id(alt))
			}
			rest := inner[1:]
			for len(rest) > 0 && (rest[0] == "$" || rest[0] == "^" || rest[0] == "%") {
				rest = rest[1:]
			}
			if len(rest) > 0 && rest[0] == "+" {
				it.target = true
				rest = rest[1:]
			}
			if len(rest) > 0 {
				alts, ok := c.phraseAlts(rest)
				if !ok {
					return p, false, nil
				}
				it.alts = alts
			}
			*side = append(*side, it)
		default:
			var words []string
			if t == "{" {
				j := i + 1
				for j < len(toks) && toks[j] != "}" {
					j++
				}
				words = toks[i+1 : j]
				i = j
			} else {
				words = []string{t}
			}
			alts, ok := c.phraseAlts(words)
			if !ok {
				return p, false, nil
			}
			if len(alts) > 0 {
				*side = append(*side, item{alts: alts})
			}
		}
	}
	if !star {
		return p, false, nil // a malformed source line; PETRARCH2 skips these too
	}
	for _, side := range [][]item{p.pre, p.post} {
		for _, it := range side {
			p.weight++
			if it.prep != nil && it.alts != nil {
				p.weight++
			}
			if len(it.alts) > 0 {
				p.weight += len(it.alts[0]) - 1
			}
		}
	}
	return p, true, nil
}

// phraseAlts turns words (with '/' alternatives, '_' joins and &SYNSETS) into phrase
// alternatives. A '{…}' group is a noun phrase whose last word is its head.
func (c *Coder) phraseAlts(words []string) ([]phrase, bool) {
	var seq []string
	for _, w := range words {
		if w == "{" || w == "}" || w == "$" || w == "+" || w == "^" || w == "%" {
			continue
		}
		for _, part := range strings.Split(w, "_") {
			if part != "" {
				seq = append(seq, part)
			}
		}
	}
	if len(seq) == 0 {
		return nil, true
	}
	// Alternatives ("bombing/explosion") are allowed at any one position; expand them.
	alts := []phrase{{}}
	for i, w := range seq {
		var ids []int32
		for _, a := range strings.Split(w, "/") {
			if a == "" {
				continue
			}
			if a[0] == '&' {
				si, ok := c.synIndex[strings.TrimSuffix(a, "_")]
				if !ok {
					return nil, false
				}
				ids = append(ids, ^si)
			} else if i == len(seq)-1 {
				ids = append(ids, c.nounID(a))
			} else {
				ids = append(ids, c.id(a))
			}
		}
		var next []phrase
		for _, p := range alts {
			for _, id := range ids {
				q := append(append(phrase{}, p...), id)
				next = append(next, q)
			}
		}
		alts = next
	}
	return alts, true
}

// patternTokens splits a pattern into words and the brackets ( ) { } * as tokens.
func patternTokens(s string) []string {
	var out []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case ' ', '\t':
			flush(i)
		case '(', ')', '{', '}', '*':
			flush(i)
			out = append(out, string(ch))
		default:
			if start < 0 {
				start = i
			}
		}
	}
	flush(len(s))
	return out
}
