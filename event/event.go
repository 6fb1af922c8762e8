// Package event codes who did what to whom: for every sentence it finds the verbs of the
// CAMEO verb dictionary (PETRARCH2's CAMEO.2.0.txt, converted into data/ by ./genverbs,
// plus Herald's own corrections), reads the verb's phrase patterns, the subject and the
// object around it, and the negation, modal and attribution words that say whether the
// event happened, and returns article.Events coded in CAMEO and PLOVER.
//
// The sentence analysis is Herald's own and deliberately light: no parser, a closed-class
// lexicon, clause boundaries from punctuation and conjunctions, and the actors the entity
// stage found (people, organisations, countries, demonyms) joined with agent nouns from
// the gazetteer ("Israeli troops" ISRMIL). HERALD_EVENT_PARSE=on lets the dependency
// parser (package parse) correct the source and target in sentences with a coded verb and
// two actors; it is off by default because it does not pay for its time (README.md). A
// small part-of-speech model (parse.NominalModel) vetoes dictionary verbs used as nouns
// or adjectives; HERALD_EVENT_POS=off turns it off.
//
// The dictionary is embedded parsed (data/coder.bin, see snapshot.go): after editing
// data/*.tsv or words.go, regenerate it with go generate ./event.
//
//go:generate sh -c "cd .. && go run ./event/gensnap"
package event

import (
	"maps"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dict"
	"github.com/heraldnews/herald/entity"
	"github.com/heraldnews/herald/lestr"
	"github.com/heraldnews/herald/nlp"
	"github.com/heraldnews/herald/parse"
	"github.com/heraldnews/herald/weights"
)

// Coder codes events. It is immutable after construction and safe for concurrent use.
type Coder struct {
	vocab      map[string]int32
	words      []string
	class      []uint32 // closed-class bits by word id
	verbs      []verb
	verbIndex  map[string]int32
	blocks     []block
	blockIndex map[string]int32
	synsets    [][]phrase
	synIndex   map[string]int32
	// By word id, for prepare, which reads them for every token: slices rather than
	// maps save two map lookups per token.
	isVerb    []bool    // the word has verb forms (len(formsByID[id]) > 0)
	formsByID [][]form  // the verb forms spelt as the word
	synByWord [][]int32 // the synsets with a member starting with the word
	// The vocabulary filter and table, read in place from the snapshot (see
	// snapshot.go): vocabBits is a bitset by vocabBit of the spellings' FNV-1a hashes,
	// vtab an open-addressing table of vocabSlot-byte slots whose words are in vtext.
	vocabBits string
	vtab      string
	vtext     string
	gaz       gazetteer
	// dictScan: gaz is dict's gazetteer, so the entity stage's scan of the same
	// dictionary (entity.Set.DictMatch) can answer for it.
	dictScan bool
	// parseMode says whether and how the dependency parse corrects the rules' source
	// and target (parsed.go); Default reads it from HERALD_EVENT_PARSE.
	parseMode int
	// nominal, when set, vetoes dictionary words it reads as nouns or adjectives
	// (verbpos.go); Default sets it unless HERALD_EVENT_POS=off.
	nominal *parse.NominalModel
	pool    sync.Pool
}

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
)

// Default returns the coder built from the embedded verb dictionary and dict's
// gazetteer. It is built once, on first use.
func Default() *Coder {
	defaultOnce.Do(func() {
		c, err := decodeCoder(coderSnapshot)
		if err != nil {
			// The data is embedded and checked by the tests: a failure here means the
			// binary was built from broken files.
			panic("event: " + err.Error())
		}
		c.gaz, c.dictScan = defaultGazetteer(), true
		c.parseMode = parseModeFromEnv()
		c.nominal = nominalFromEnv()
		defaultCoder = c
	})
	return defaultCoder
}

// newCoder parses the embedded verb dictionary, for Compile: the coder it returns has no
// vocabulary table yet, which encode lays out. Default decodes the snapshot instead.
func newCoder() (*Coder, error) {
	c := &Coder{
		// Sized for the embedded dictionary (~10,000 words): growing it was a sixth of
		// building the coder.
		vocab:      make(map[string]int32, 1<<14),
		verbIndex:  map[string]int32{},
		blockIndex: map[string]int32{},
	}
	if err := c.load(); err != nil {
		return nil, err
	}
	// In key order, so that the words get the same ids on every run (and Compile the
	// same bytes).
	for _, w := range slices.Sorted(maps.Keys(closedClass)) {
		c.class[c.id(w)] |= closedClass[w]
	}
	for _, w := range slices.Sorted(maps.Keys(governorWords)) {
		c.class[c.id(w)] |= governorWords[w]
	}
	for _, w := range slices.Sorted(maps.Keys(governorVerbs)) {
		k := governorVerbs[w]
		c.class[c.id(w)] |= k
		for _, f := range inflectWord(w) {
			c.class[c.id(f)] |= k
		}
	}
	c.index()
	return c, nil
}

// spelling is one key of the vocabulary: several spellings may share a word id (nounID).
type spelling struct {
	word string
	id   int32
}

// spellings returns the vocabulary in key order.
func (c *Coder) spellings() []spelling {
	out := make([]spelling, 0, len(c.vocab))
	for _, w := range slices.Sorted(maps.Keys(c.vocab)) {
		out = append(out, spelling{w, c.vocab[w]})
	}
	return out
}

// index builds the tables by word id derived from the dictionary: the synsets a word
// begins and whether it is a verb form.
func (c *Coder) index() {
	c.synByWord = make([][]int32, len(c.words))
	for si, ps := range c.synsets {
		for _, p := range ps {
			if p[0] >= 0 {
				c.synByWord[p[0]] = append(c.synByWord[p[0]], int32(si))
			}
		}
	}
	c.isVerb = make([]bool, len(c.words))
	for id, fs := range c.formsByID {
		c.isVerb[id] = len(fs) > 0
	}
	c.pool.New = func() any { return &scratch{} }
}

func fnv(w string) uint64 {
	h := uint64(fnvOffset)
	for k := 0; k < len(w); k++ {
		h = (h ^ uint64(w[k])) * fnvPrime
	}
	return h
}

// FNV-1a (weights), for the vocabulary filter.
const (
	fnvOffset = weights.FNVOffset
	fnvPrime  = weights.FNVPrime
)

// vocabBits is the size of the vocabulary filter (16 KB; the ~10,000 words set one bit
// in thirteen).
const vocabBits = 1 << 17

func vocabBit(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> (64 - 17) }

// mayBeWord reports whether a word with FNV-1a hash h may be in the vocabulary. Many
// tokens (names, numbers, most nouns) are not, and the filter answers for them without
// a table lookup.
func (c *Coder) mayBeWord(h uint64) bool {
	b := vocabBit(h)
	return c.vocabBits[b/8]&(1<<(b%8)) != 0
}

// vocabSlot is the size of a slot of the open-addressing vocabulary table: the FNV-1a
// hash (uint64) prepare has already computed, the word id (int32, -1 for a free slot),
// and the spelling's offset and length in vtext (uint32), little-endian. prepare looks up
// every token that passes the filter; keyed by the hash, with the word compared on a hash
// match, that is about twice as fast as a Go map of strings.
const vocabSlot = 20

// lookupWord returns the id of the lower-cased word w with FNV-1a hash h, or -1.
func (c *Coder) lookupWord(w []byte, h uint64) int32 {
	mask := uint64(len(c.vtab)/vocabSlot - 1)
	for i := vocabBit(h) & mask; ; i = (i + 1) & mask {
		sl := c.vtab[i*vocabSlot : i*vocabSlot+vocabSlot]
		id := int32(lestr.Uint32(sl[8:]))
		if id < 0 {
			return -1
		}
		if lestr.Uint64(sl) == h {
			off := lestr.Uint32(sl[12:])
			if c.vtext[off:off+lestr.Uint32(sl[16:])] == string(w) {
				return id
			}
		}
	}
}

// scratch is the per-call working memory, reused through a pool so that coding a
// sentence allocates only the events it returns.
type scratch struct {
	says     []int        // the speech verbs that may make a sentence's events reported
	doc      *nlp.Doc     // the document being coded
	day      int          // its publication day (yyyymmdd), 0 when undated: dates office terms
	refs     []entity.Ref // findActors' buffer of entity mentions
	have     wordSet      // every word id and synset in the sentence
	ids      []int32
	cls      []uint32
	words    []string
	actors   []actorSpan
	group    []int // by actor: first member of its coordination (coord.go)
	links    []int
	itemsEnd int   // token after the words matchItems last matched
	srcs     []int // coordination members of an event's source and target
	tgts     []int
	occ      []occurrence
	res      []resolved
	seen     []uint32 // stamp by word id: the word is in the current sentence
	synSeen  []uint32 // stamp by synset id
	stamp    uint32
	text     string          // the document text
	anyVerb  bool            // the sentence holds a word of the verb dictionary
	anyExist bool            // the sentence holds "there"
	headline int8            // allUpper of the sentence: 0 not yet known, 1 no, 2 yes
	parse    parse.Scratch   // for HERALD_EVENT_PARSE (parsed.go)
	events   []article.Event // Code's events until they are copied out
}

// Code returns the events of doc. ents may be nil; then only actors the gazetteer
// knows are found.
func (c *Coder) Code(doc *nlp.Doc, ents *entity.Set) []article.Event {
	if doc == nil {
		return nil
	}
	sc := c.pool.Get().(*scratch)
	defer c.pool.Put(sc)
	if len(sc.seen) < len(c.words) {
		sc.seen = make([]uint32, len(c.words))
		sc.synSeen = make([]uint32, len(c.synsets))
	}
	sc.text, sc.doc, sc.day = doc.Text, doc, entity.PublishedDay(doc.Published)
	defer func() { sc.text, sc.doc = "", nil }()
	// The events gather in the scratch's slice and are copied out once, at their final
	// size: grown from nil, the ~250-byte events were copied and allocated again at
	// every doubling.
	evs := sc.events[:0]
	for si := range doc.Sentences {
		evs = c.codeSentence(evs, sc, &doc.Sentences[si], si, ents)
	}
	var out []article.Event
	if len(evs) > 0 {
		out = slices.Clone(evs)
	}
	clear(evs) // drop the references to the document's strings
	sc.events = evs[:0]
	return out
}

// prepare fills the scratch with the sentence's word ids and classes.
func (c *Coder) prepare(sc *scratch, s *nlp.Sentence) {
	n := len(s.Tokens)
	sc.ids = sc.ids[:0]
	sc.cls = sc.cls[:0]
	sc.words = sc.words[:0]
	sc.anyVerb, sc.anyExist = false, false
	sc.headline = 0
	sc.have = wordSet{}
	sc.stamp++
	if sc.stamp == 0 { // wrapped: clear the stamps
		clear(sc.seen)
		clear(sc.synSeen)
		sc.stamp = 1
	}
	var buf [64]byte
	headline := -1 // allUpper(s), computed when first needed: 0 no, 1 yes
	for i := 0; i < n; i++ {
		t := s.Tokens[i].Text
		sc.words = append(sc.words, t)
		id := int32(-1)
		if len(t) <= len(buf) {
			b := buf[:0]
			h := uint64(fnvOffset)
			for k := 0; k < len(t); k++ {
				ch := t[k]
				if 'A' <= ch && ch <= 'Z' {
					ch += 'a' - 'A'
				}
				b = append(b, ch)
				h = (h ^ uint64(ch)) * fnvPrime
			}
			if c.mayBeWord(h) {
				id = c.lookupWord(b, h)
			}
		}
		var k uint32
		if id >= 0 {
			if c.isVerb[id] {
				sc.anyVerb = true
			}
			k = c.class[id]
			sc.seen[id] = sc.stamp
			sc.have.add(id)
			for _, si := range c.synByWord[id] {
				sc.synSeen[si] = sc.stamp
				sc.have.add(^si)
			}
		} else if len(t) > 4 && t[len(t)-2:] == "ly" {
			k = cAdv
		}
		// A capitalised word inside the sentence is a name ("United States", "Says
		// Inc."), not a speech or control verb.
		if i > 0 && k&(cSay|cHedge|govMask) != 0 && isUpper(t) && headline < 0 {
			headline, sc.headline = 0, 1
			if allUpper(sc.text, s) {
				headline, sc.headline = 1, 2
			}
		}
		if i > 0 && k&(cSay|cHedge|govMask) != 0 && isUpper(t) && headline == 0 {
			k &^= cSay | cHedge | govMask
		}
		if k&cExist != 0 {
			sc.anyExist = true
		}
		if len(t) > 0 && t[0] >= '0' && t[0] <= '9' {
			k |= cNum
		}
		sc.ids = append(sc.ids, id)
		sc.cls = append(sc.cls, k)
	}
}

func isUpper(s string) bool {
	if s != "" && s[0] < utf8.RuneSelf {
		return 'A' <= s[0] && s[0] <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// defaultGazetteer adapts dict's gazetteer to what the coder needs.
func defaultGazetteer() gazetteer {
	g := dict.Default()
	return func(words []string, i, day int) (gazEntry, int, bool) {
		e, n, ok := g.Match(words, i)
		if !ok {
			return gazEntry{}, 0, false
		}
		out, ok := gazFromEntry(e, day)
		return out, n, ok
	}
}

// gazFromEntry converts a dictionary entry into the coder's view of it.
// day (yyyymmdd, 0 undated) picks an office holder's code for that day, as the entity
// stage does: Trump in 2016 news is no head of government.
func gazFromEntry(e dict.Entry, day int) (gazEntry, bool) {
	out := gazEntry{name: e.Name}
	// A dated term carries its own country: none for an international office
	// (IGOWSTNAT), which then stays the whole actor, not the line's country's.
	out.code, out.country = e.On(day)
	switch e.Kind {
	case dict.Country:
		out.kind = gazCountry
	case dict.City:
		out.kind = gazCity
	case dict.Demonym:
		out.kind = gazDemonym
	case dict.Org:
		out.kind = gazOrg
	case dict.Agent:
		out.kind = gazAgent
	case dict.Person:
		out.kind = gazPerson
	default:
		return gazEntry{}, false
	}
	if out.country == "-" {
		out.country = ""
	}
	return out, true
}
