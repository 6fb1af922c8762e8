// Package nlp holds Herald's sentence analysis: tokens, sentences and the per-article Doc
// that the entity, quote and event stages read. Offsets here are byte offsets into Doc.Text;
// the article package converts them to code points for output.
package nlp

// Token is one word or punctuation mark.
type Token struct {
	Start, End int    // byte offsets into Doc.Text
	Text       string // Doc.Text[Start:End]
	Tag        string // named-entity IOB tag (B-PER, I-ORG, O, …), set by the tagger
}

// Sentence is a run of tokens that ends with terminal punctuation or a paragraph break.
type Sentence struct {
	Start, End int // byte offsets into Doc.Text
	Para       int // index of the paragraph the sentence starts in
	Tokens     []Token
}

// Span is a byte range in Doc.Text.
type Span struct{ Start, End int }

// Doc is one article's text with its paragraphs and sentences.
type Doc struct {
	Text       string
	Paragraphs []Span
	Sentences  []Sentence
	// Published is the article's publication date as its source gave it (ISO 8601 from
	// the cleaning stage, whatever a JSON input said, or for an undated input the day in
	// its URL or file name, as extract finds it), "" when unknown. The entity
	// stage reads it to give an office holder the office held that day. AnalyzeInto
	// clears it: the caller sets it, so that a reused Doc never keeps an earlier
	// article's date.
	Published string
	toks      []Token // all tokens, for AnalyzeInto to reuse
}
