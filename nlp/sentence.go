package nlp

import (
	"unicode"
	"unicode/utf8"
)

// Analyze tokenizes text and splits it into sentences. paras are the paragraph spans of
// text; a sentence never crosses a paragraph boundary. With no paras the whole text is one
// paragraph. All tokens of the document share one backing array.
func Analyze(text string, paras []Span) *Doc {
	return AnalyzeInto(&Doc{}, text, paras)
}

// AnalyzeInto is Analyze writing into doc, whose token array and sentence list, left by
// an earlier AnalyzeInto, are reused when large enough: a pipeline that analyses article
// after article saves allocating (and the collector tracing) a token array per article,
// the largest allocation of its analysis. Everything the earlier analysis returned in doc,
// its sentences and tokens included, is overwritten: the caller must be done with it.
func AnalyzeInto(doc *Doc, text string, paras []Span) *Doc {
	if len(paras) == 0 && len(text) > 0 {
		paras = []Span{{0, len(text)}}
	}
	// English news averages one token per 5.3 bytes and rarely goes below 4.3 (measured
	// on the PolNeAR texts): sized for that, the array is allocated once, not grown.
	toks := doc.toks[:0]
	if want := len(text)/4 + 16; cap(toks) < want {
		toks = make([]Token, 0, want)
	}
	sents := doc.Sentences[:0]
	clear(sents[:cap(sents)]) // drop the earlier sentences' token slices
	for pi, p := range paras {
		first := len(toks)
		toks = Tokenize(toks, text, p.Start, p.End)
		ptoks := toks[first:]
		for len(ptoks) > 0 {
			n := sentenceLen(ptoks)
			s := ptoks[:n:n]
			sents = append(sents, Sentence{
				Start: s[0].Start, End: s[len(s)-1].End, Para: pi, Tokens: s,
			})
			ptoks = ptoks[n:]
		}
	}
	*doc = Doc{Text: text, Paragraphs: paras, Sentences: sents, toks: toks}
	return doc
}

// MaxSentenceTokens bounds a sentence. The longest in 30,000 sentences of real news
// (PolNeAR) has about 180 tokens; text without sentence ends (a scraped page run into one
// line, a list of names) would otherwise make one sentence of the whole article, and the
// stages that look across a sentence (quotes, events) would take quadratic time on it.
const MaxSentenceTokens = 300

// sentenceLen returns how many of toks make the first sentence: up to its terminal, or
// at most MaxSentenceTokens, cut after the last comma, semicolon, colon or dash in the
// second half of them when there is one.
func sentenceLen(toks []Token) int {
	for i := 0; i < len(toks); i++ {
		if i == MaxSentenceTokens {
			for j := i - 1; j > i/2; j-- {
				switch toks[j].Text {
				case ",", ";", ":", "—", "–", "--":
					return j + 1
				}
			}
			return i
		}
		if !terminal(toks[i].Text) && !abbrevEnd(toks, i) {
			continue
		}
		// Closing quotes and brackets after the terminal belong to this sentence.
		end := i + 1
		for end < len(toks) && closer(toks[end].Text) {
			end++
		}
		if end >= len(toks) {
			return len(toks)
		}
		if startsSentence(toks, end, toks[i].Text) {
			return end
		}
	}
	return len(toks)
}

func terminal(t string) bool {
	return t == "." || t == "!" || t == "?" || t == "..." || t == "…" || t == "?!" || t == "!?"
}

// abbrevEnd reports whether token i is an abbreviation with a period (U.S., Jan.) that may
// also end the sentence: then the next word decides.
func abbrevEnd(toks []Token, i int) bool {
	t := toks[i].Text
	if len(t) < 3 || t[len(t)-1] != '.' {
		return false
	}
	body := t[:len(t)-1]
	if IsAbbreviation(body) && titleAbbreviations[lower(body)] {
		return false
	}
	// A single initial inside a name ("John F. Kennedy") does not end a sentence.
	return utf8.RuneCountInString(body) > 1
}

func closer(t string) bool {
	switch t {
	case "\"", "”", "’", "'", ")", "]", "»", "›":
		return true
	}
	return false
}

// startsSentence reports whether toks[i] can open a new sentence after the terminal term.
func startsSentence(toks []Token, i int, term string) bool {
	t := toks[i].Text
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(r) {
		return false
	}
	switch t {
	case ",", ";", ":", "%":
		return false // "Ana Ruiz (D-Ore.), who …": no sentence opens with a comma
	}
	// After a real terminal mark, an upper-case word, digit or opening quote starts a sentence.
	if terminal(term) {
		return true
	}
	// After an abbreviation ("U.S.", "Inc."), only a word that usually opens sentences
	// does, since names and nouns often follow abbreviations ("U.S. Army").
	if leading(r) {
		return true
	}
	return sentenceStarters[lower(t)]
}

// sentenceStarters are capitalised words that, after an abbreviation, signal a new sentence.
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "you": true, "this": true, "that": true, "these": true, "those": true,
	"but": true, "and": true, "or": true, "so": true, "yet": true, "in": true, "on": true,
	"at": true, "for": true, "after": true, "before": true, "when": true, "while": true,
	"if": true, "as": true, "there": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "however": true, "meanwhile": true, "still": true, "also": true,
	"some": true, "many": true, "most": true, "no": true, "not": true, "both": true,
	"officials": true, "what": true, "why": true, "how": true, "who": true, "where": true,
	"earlier": true, "later": true, "last": true, "since": true, "despite": true,
}

// lower lower-cases ASCII letters; short words only, so a small stack buffer suffices.
func lower(s string) string {
	if len(s) > 32 {
		return s
	}
	var buf [32]byte
	changed := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
			changed = true
		}
		buf[k] = c
	}
	if !changed {
		return s
	}
	return string(buf[:len(s)])
}
