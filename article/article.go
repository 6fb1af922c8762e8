// Package article is Herald's shared data model: the Article that every pipeline stage
// fills in (cleaning, entities, quotes, events) and that every output format, store and
// server reads. Its JSON form is the versioned schema documented in docs/schema.md.
//
// All offsets (Span, Mention, Quote) count Unicode code points into Article.Text, so that
// text[start:end] holds in Python and other code-point-indexed languages. Stages work in
// byte offsets internally and convert once with an OffsetMap.
package article

// SchemaVersion is bumped whenever a field changes meaning or is removed.
const SchemaVersion = "1.0"

// Article is one document after extraction.
type Article struct {
	SchemaVersion string    `json:"schema_version"`
	Path          string    `json:"path,omitempty"`
	URL           string    `json:"url"`
	Title         string    `json:"title"`
	Subtitle      string    `json:"subtitle"`
	Byline        string    `json:"byline"`
	Published     string    `json:"published"`
	PublishedFrom string    `json:"published_from,omitempty"` // "url", "path": the day written there; "" when the document gave it
	Language      string    `json:"language"`
	Text          string    `json:"text"`
	Paragraphs    []string  `json:"paragraphs"`
	Sentences     []Span    `json:"sentences"`
	Removed       []Removed `json:"removed"`
	Entities      []Entity  `json:"entities"`
	Quotes        []Quote   `json:"quotes"`
	Events        []Event   `json:"events"`
}

// Where an undated document's Published was guessed from (Article.PublishedFrom).
const (
	PublishedFromURL  = "url"
	PublishedFromPath = "path"
)

// Span is a half-open range [Start, End) of code points in Article.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Kinds of Removed text.
const (
	RemovedDuplicateTitle     = "duplicate_title"
	RemovedDuplicateParagraph = "duplicate_paragraph"
	RemovedBoilerplate        = "boilerplate"
)

// Removed is a piece of the input that cleaning dropped, and why.
type Removed struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Entity types.
const (
	Person = "PERSON"
	Org    = "ORG"
	GPE    = "GPE"  // countries, cities, states
	NORP   = "NORP" // nationalities, demonyms, religious and political groups
	Loc    = "LOC"  // non-political locations (rivers, regions)
)

// Entity is one real-world referent with all its mentions in the article.
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Country  string    `json:"country"`             // ISO 3166 alpha-3, "" when unknown
	Roles    []string  `json:"roles"`               // titles such as "President"
	Actor    string    `json:"actor"`               // CAMEO actor code, e.g. MEXGOV
	Sector   string    `json:"sector,omitempty"`    // CAMEO sector, e.g. GOV, MIL, MED
	PostedTo string    `json:"posted_to,omitempty"` // ISO alpha-3 of the host country of an envoy
	Mentions []Mention `json:"mentions"`            // the entity named: full name, surname, short form
	// References are the places coreference ties to the entity without naming it:
	// pronouns ("she") and titles ("the president"). They are kept apart from Mentions so
	// that consumers counting names (and CoNLL-style scoring) see names only.
	References []Mention `json:"references"`
}

// Mention is one place an entity is named or referred to.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Kind tells how the mention refers: "name", "alias" (surname, short form),
	// "title" ("the president") or "pronoun".
	Kind string `json:"kind,omitempty"`
}

// Quote kinds.
const (
	QuoteDirect      = "direct"
	QuoteIndirect    = "indirect"
	QuoteAccordingTo = "according_to"
)

// Quote is something attributed to a speaker.
type Quote struct {
	Kind         string   `json:"kind"`
	Text         string   `json:"text"`
	Start        int      `json:"start"`
	End          int      `json:"end"`
	Speaker      string   `json:"speaker"` // entity ID, "" when unresolved
	SpeakerName  string   `json:"speaker_name"`
	SpeakerStart int      `json:"speaker_start"`
	SpeakerEnd   int      `json:"speaker_end"`
	Cue          string   `json:"cue"`
	Hedges       []string `json:"hedges"`
}

// Event modalities.
const (
	Asserted     = "asserted"
	Reported     = "reported"
	Hypothetical = "hypothetical"
	Future       = "future"
	Negated      = "negated"
	Denied       = "denied"
)

// Actor is one side of an event.
type Actor struct {
	Name   string `json:"name"`
	Code   string `json:"code"`   // CAMEO actor code, e.g. USAGOV
	Entity string `json:"entity"` // entity ID, "" when the actor is not an entity
}

// Event is a political event coded in CAMEO and PLOVER.
type Event struct {
	Source     Actor   `json:"source"`
	Target     Actor   `json:"target"`
	Cameo      string  `json:"cameo"`
	CameoRoot  string  `json:"cameo_root"`
	CameoName  string  `json:"cameo_name,omitempty"`
	QuadClass  int     `json:"quad_class"`
	Goldstein  float64 `json:"goldstein"`
	Plover     string  `json:"plover"`
	PloverMode string  `json:"plover_mode"`
	Modality   string  `json:"modality"`
	Evidence   string  `json:"evidence"`
	Sentence   int     `json:"sentence"`
	Cue        string  `json:"cue"`
}

// New returns an Article with every list empty rather than nil, so JSON shows [] not null.
func New() *Article {
	return &Article{
		SchemaVersion: SchemaVersion,
		Paragraphs:    []string{},
		Sentences:     []Span{},
		Removed:       []Removed{},
		Entities:      []Entity{},
		Quotes:        []Quote{},
		Events:        []Event{},
	}
}
