package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/dict"
)

// GDELTColumns are the 61 columns of the GDELT 2.0 Event table, in file order. The
// column-by-column account of what Herald puts in each is docs/gdelt.md.
var GDELTColumns = [61]string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// EventsPerArticle spaces GLOBALEVENTIDs: an event's id is ArticleID*EventsPerArticle +
// EventIndex, so ids are stable across exports, unique in one store, and tell the article
// at a glance (article 42's fourth event is 420003). GDELT's own ids are sequential
// numbers with no meaning, so any unique integer is compatible.
const EventsPerArticle = 10_000

// gdeltWriter writes the GDELT 2.0 Event table: tab-separated, one event per line, "\n"
// line ends, no quoting. Tabs and line breaks inside values become spaces, since the
// format has no way to escape them and GDELT readers split on every tab and newline.
type gdeltWriter struct {
	buf    *bufio.Writer
	line   []byte
	header bool

	// The lead paragraph's end (in code points) of the last article seen: rows of one
	// article come together, so it is worked out once per article. The article is known
	// by a key rather than its pointer, so that no article stays referenced after Write.
	leadKey leadKey
	leadEnd int
}

func newGDELT(w io.Writer, header bool) *gdeltWriter {
	return &gdeltWriter{buf: bufio.NewWriterSize(w, 64<<10), header: header, line: make([]byte, 0, 1024)}
}

func (g *gdeltWriter) Write(r Row) error {
	if g.header {
		g.header = false
		g.buf.WriteString(strings.Join(GDELTColumns[:], "\t"))
		g.buf.WriteByte('\n')
	}
	e, err := r.event()
	if err != nil {
		return err
	}
	b := g.line[:0]

	// GLOBALEVENTID, SQLDATE, MonthYear, Year, FractionDate
	b = strconv.AppendInt(b, r.ArticleID*EventsPerArticle+int64(r.EventIndex), 10)
	if y, m, d, ok := publishedDate(r.published()); ok {
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(y*10000+m*100+d), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(y*100+m), 10)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(y), 10)
		b = append(b, '\t')
		b = strconv.AppendFloat(b, fractionDate(y, m, d), 'f', 4, 64)
	} else {
		b = append(b, "\t\t\t\t"...)
	}

	// Actor1…, Actor2… (10 columns each)
	b = appendActor(b, &e.Source)
	b = appendActor(b, &e.Target)

	// IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale
	b = append(b, '\t')
	if g.isRoot(&r, e.Sentence) {
		b = append(b, '1')
	} else {
		b = append(b, '0')
	}
	code := eventCode(e.Cameo)
	b = appendField(b, code)
	b = appendField(b, code[:min(3, len(code))])
	root := e.CameoRoot
	if root == "" {
		root = code[:min(2, len(code))]
	}
	b = appendField(b, root)
	b = append(b, '\t')
	b = strconv.AppendInt(b, int64(e.QuadClass), 10)
	b = append(b, '\t')
	b = appendGoldstein(b, e.Goldstein)

	// NumMentions, NumSources, NumArticles: unknown counts are those of this one article.
	for _, n := range [3]int{r.NumMentions, r.NumSources, r.NumArticles} {
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(max(n, 1)), 10)
	}
	// AvgTone: Herald scores no tone.
	b = append(b, '\t')

	// Actor1Geo_, Actor2Geo_, ActionGeo_ (8 columns each): Herald does not geocode. Type 0
	// is what GDELT itself writes for "no location", so readers that parse it as an
	// integer keep working; the other seven are empty.
	for range 3 {
		b = append(b, "\t0\t\t\t\t\t\t\t"...)
	}

	// DATEADDED (YYYYMMDDHHMMSS, UTC), SOURCEURL
	b = append(b, '\t')
	if !r.DateAdded.IsZero() {
		b = r.DateAdded.UTC().AppendFormat(b, "20060102150405")
	}
	src := r.url()
	if src == "" {
		src = r.Source
	}
	b = appendField(b, src)
	b = append(b, '\n')

	g.line = b
	_, err = g.buf.Write(b)
	return err
}

func (g *gdeltWriter) Close() error {
	if g.header { // no rows: still write the header asked for
		g.header = false
		g.buf.WriteString(strings.Join(GDELTColumns[:], "\t"))
		g.buf.WriteByte('\n')
	}
	return g.buf.Flush()
}

// appendField appends a tab and s with its tabs and line breaks made spaces.
func appendField(b []byte, s string) []byte {
	b = append(b, '\t')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\t', '\n', '\r', '\v', '\f':
			b = append(b, ' ')
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendUpperField is appendField of strings.ToUpper(s), without allocating.
func appendUpperField(b []byte, s string) []byte {
	b = append(b, '\t')
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			b = append(b, ' ')
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b = append(b, byte(r))
		default:
			b = utf8.AppendRune(b, unicode.ToUpper(r))
		}
	}
	return b
}

// appendActor appends the ten Actor columns: Code, Name, CountryCode, KnownGroupCode,
// EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
func appendActor(b []byte, a *article.Actor) []byte {
	p := parseActor(a.Code)
	b = appendField(b, a.Code)
	// GDELT writes actor names in capitals ("UNITED STATES"); most readers group on them.
	b = appendUpperField(b, a.Name)
	b = appendField(b, p.country)
	b = appendField(b, p.group)
	b = append(b, '\t') // EthnicCode: Herald's codes carry no ethnicity
	b = appendField(b, p.religion[0])
	b = appendField(b, p.religion[1])
	for _, t := range p.types {
		b = appendField(b, t)
	}
	return b
}

// actorParts is a CAMEO actor code broken into GDELT's columns.
type actorParts struct {
	country, group string
	religion       [2]string
	types          [3]string
}

// parseActor splits a CAMEO actor code ("MEXGOV", "USAGOVLEG", "IGOUNO", "AFGINSTAL") into
// its three-letter parts as GDELT does: a leading country (or region) code is the country;
// sector codes (GOV, MIL, …, and the organisation kinds IGO, NGO, MNC, …) fill the type
// columns in order; religion codes the religion columns; any other part names a known
// group (UNO, WHO, NAT, TAL), the last and most specific one winning ("IGOUNOHLHWHO" is
// the WHO). Country codes after the first part (EUR in "IGOEUREEC", the EU) stay only
// in the full code: CountryCode is the actor's own country, which an IGO has none of.
func parseActor(code string) actorParts {
	var p actorParts
	if len(code)%3 != 0 {
		return p // not a CAMEO code Herald makes; keep it whole in the Code column only
	}
	nt, nr := 0, 0
	for i := 0; i < len(code); i += 3 {
		c := code[i : i+3]
		switch {
		case i == 0 && isCountry(c):
			p.country = c
		case actorTypes[c]:
			if nt < len(p.types) {
				p.types[nt] = c
				nt++
			}
		case religions[c]:
			if nr < len(p.religion) {
				p.religion[nr] = c
				nr++
			}
		case i > 0 && isCountry(c):
		default:
			p.group = c
		}
	}
	return p
}

// isCountry tells whether c is a CAMEO country or region code in Herald's gazetteer
// (USA, MEX, EUR, AFR). The gazetteer is the one the extractor coded the actors with, so
// the two agree on what counts as a country.
func isCountry(c string) bool {
	_, ok := dict.Default().Country(c)
	return ok
}

// actorTypes are the CAMEO actor type codes of GDELT's CAMEO.type lookup: domestic roles,
// then the kinds of international actor. GDELT's list also has AMN, IRC, GRP and UNO
// (Amnesty, the Red Cross, Greenpeace, the UN); those are single organisations, so Herald
// reports them as known groups, after the IGO or NGO type that precedes them.
var actorTypes = setOf("COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF",
	"AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED",
	"REF", "MOD", "RAD", "PKO", "UIS", "SET",
	"IGO", "IMG", "INT", "MNC", "NGM", "NGO")

// religions are CAMEO's religion codes (CAMEO codebook, chapter 3).
var religions = setOf("ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ",
	"HIN", "HSD", "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MUS", "NRM", "OST", "PAG", "PRO",
	"RAS", "REL", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDX", "ZRO")

func setOf(codes ...string) map[string]bool {
	m := make(map[string]bool, len(codes))
	for _, c := range codes {
		m[c] = true
	}
	return m
}

// eventCode returns a CAMEO code as GDELT writes it: always three or four digits, a bare
// root ("19") being its "not specified below" code ("190"), which CAMEO defines to mean
// the same.
func eventCode(c string) string {
	if len(c) == 2 {
		return c + "0"
	}
	return c
}

// appendGoldstein writes the score as GDELT does: one decimal at least ("1.0", "-10.0").
func appendGoldstein(b []byte, g float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, g, 'f', -1, 64)
	for _, c := range b[n:] {
		if c == '.' {
			return b
		}
	}
	return append(b, ".0"...)
}

// publishedDate reads the date part of Herald's ISO 8601 published field. The date is
// taken as written, not moved to UTC: the store groups events by the same YYYY-MM-DD
// (store.AggregateEvent.Day), and NumMentions must count the day SQLDATE shows.
func publishedDate(s string) (y, m, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	t, err := time.Parse(time.DateOnly, s[:10])
	if err != nil {
		return 0, 0, 0, false
	}
	return t.Year(), int(t.Month()), t.Day(), true
}

// fractionDate is GDELT's YYYY.FFFF: the year plus ((month-1)*30 + day)/365. GDELT's
// codebook writes MONTH*30+DAY, but its files count months from zero (1 January 1979 is
// 1979.0027), and compatibility means matching the files.
func fractionDate(y, m, d int) float64 {
	return float64(y) + float64((m-1)*30+d)/365
}

// isRoot tells whether sentence s of a is in the lead: the headline or the first
// paragraph. GDELT sets IsRootEvent for events in a document's lead paragraph as a proxy
// for importance. Without the article's text and sentences only the first sentence can
// be known to be in the lead.
func (g *gdeltWriter) isRoot(r *Row, s int) bool {
	a := r.Article
	if a == nil || s < 0 || s >= len(a.Sentences) {
		return s == 0
	}
	k := leadKey{id: r.ArticleID, text: len(a.Text), sentences: len(a.Sentences), valid: true}
	if k != g.leadKey {
		g.leadKey, g.leadEnd = k, leadEnd(a)
	}
	return a.Sentences[s].Start < g.leadEnd
}

type leadKey struct {
	id              int64
	text, sentences int
	valid           bool
}

// leadEnd returns the code-point offset in a.Text where the first paragraph ends (the
// text is the title, then the paragraphs, separated by blank lines).
func leadEnd(a *article.Article) int {
	end := len(a.Text)
	if len(a.Paragraphs) > 0 {
		if i := strings.Index(a.Text, a.Paragraphs[0]); i >= 0 {
			end = i + len(a.Paragraphs[0])
		}
	}
	return utf8.RuneCountInString(a.Text[:end])
}
