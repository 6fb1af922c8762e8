package dict

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heraldnews/herald/lestr"
)

// Term is one period of an office holder's code: Donald Trump was USAGOV from
// 2017-01-20 to 2021-01-20. Dates are days written as yyyymmdd integers (20170120),
// which compare in date order; From is inclusive, To exclusive, and 0 leaves that end
// open.
type Term struct {
	Code     string
	From, To int
}

// Contains reports whether day (yyyymmdd) falls within the term.
func (t Term) Contains(day int) bool {
	return (t.From == 0 || day >= t.From) && (t.To == 0 || day < t.To)
}

// Day returns the yyyymmdd integer of t's calendar date, as Term and Entry.CodeOn use.
func Day(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}

// Terms returns the entry's dated codes, earliest first, or nil when its line gave one
// plain code. Entry.Code is then the last term's code.
func (e Entry) Terms() []Term {
	var out []Term
	for s := e.terms; len(s) > 0; {
		t, rest := nextTerm(s)
		out = append(out, t)
		s = rest
	}
	return out
}

// CodeOn returns the entry's code on day (yyyymmdd): the code of the term containing day,
// or "" when day falls before the first term or between two. An entry without terms,
// or day 0 (an undated article), gives Code. It does not allocate.
func (e Entry) CodeOn(day int) string {
	if e.terms == "" || day == 0 {
		return e.Code
	}
	for s := e.terms; len(s) > 0; {
		t, rest := nextTerm(s)
		if t.Contains(day) {
			return t.Code
		}
		s = rest
	}
	return ""
}

// On returns the entry's code on day, as CodeOn, and the country it stands for: the
// line's, or for a dated entry the code's own (CodeCountry), so that a NATO term
// (IGOWSTNAT) has none and acts as the body, whatever the line says. A day outside every
// term gives "" and the line's country.
func (e Entry) On(day int) (code, country string) {
	code, country = e.CodeOn(day), e.Country
	if code != "" && e.terms != "" {
		country = CodeCountry(code)
	}
	return code, country
}

// HasTerms reports whether the entry's line gave dated terms. Each term then carries its
// own country (CodeCountry of its code), which may differ from the line's: Jens
// Stoltenberg's line says NOR, his NATO term IGOWSTNAT has no country.
func (e Entry) HasTerms() bool { return e.terms != "" }

// CodeCountry returns the country a CAMEO actor code starts with (NOR of NORGOV), or ""
// when its first three letters are not a country: an international or non-state body
// (IGOUNO, NGO…, IMG…), a bare sector (GOV, MED). A code shorter than three letters has
// none. The event coder asks it too (isCountryCode).
func CodeCountry(code string) string {
	if len(code) < 3 {
		return ""
	}
	switch c := code[:3]; c {
	case "IGO", "NGO", "IMG", "MNC", "UIS", "NGM", "INT", "REB", "UAF", "GOV", "MIL", "COP", "CVL", "OPP", "BUS", "MED", "EDU", "LAB", "JUD", "LEG", "ELI", "REF", "HLH", "AGR", "CRM", "SPY", "PTY", "REL", "ENV", "SEP", "INS", "MOD", "RAD", "HRI":
		return ""
	default:
		return c
	}
}

// checkTermCountries enforces that a line's country is the person's own: every term's
// code must be of that country or of no country (an international body), so that
// "NORGOV…,IGOWSTNAT…" may stand on a NOR line but "POLGOV…,DEUGOV…" not on a POL one,
// where it is more likely a typing error than a career. A line whose country is "-"
// (country "") may mix terms of any countries: each term gives its own.
func checkTermCountries(ts []Term, country string) error {
	if country == "" {
		return nil
	}
	for _, t := range ts {
		if c := CodeCountry(t.Code); c != "" && c != country {
			return fmt.Errorf("term %s: country %s is not the line's %s (write an IGO/NGO/IMG code, or - as the line's country)", formatTerm(t), c, country)
		}
	}
	return nil
}

// The terms of an entry are stored in one string, in the snapshot's blob as in memory:
// per term, earliest first, From and To as little-endian uint32, the code's length in a
// byte, then the code. A string keeps Entry comparable and lets a Dict read the terms
// in place, as it reads names.
const termHead = 4 + 4 + 1

// nextTerm decodes the first term of s, which encodeTerms wrote or termsOK checked.
func nextTerm(s string) (Term, string) {
	n := termHead + int(s[8])
	return Term{From: int(lestr.Uint32(s)), To: int(lestr.Uint32(s[4:])), Code: s[termHead:n]}, s[n:]
}

func encodeTerms(ts []Term) string {
	var b []byte
	for _, t := range ts {
		b = append(b, byte(t.From), byte(t.From>>8), byte(t.From>>16), byte(t.From>>24))
		b = append(b, byte(t.To), byte(t.To>>8), byte(t.To>>16), byte(t.To>>24))
		b = append(b, byte(len(t.Code)))
		b = append(b, t.Code...)
	}
	return string(b)
}

// termsOK reports whether s is a well-formed encoding of at least one term, so that a
// damaged snapshot cannot make nextTerm read past its end.
func termsOK(s string) bool {
	if s == "" {
		return false
	}
	for len(s) > 0 {
		if len(s) < termHead || len(s) < termHead+int(s[8]) {
			return false
		}
		_, s = nextTerm(s)
	}
	return true
}

// parseTerms reads a code column holding dated terms, "CODE@FROM..TO,CODE@FROM..TO",
// dates as YYYY-MM-DD, either end empty for open. It returns the terms earliest first
// and refuses bad dates and codes, a From not before its To, and overlapping terms.
func parseTerms(col string) ([]Term, error) {
	var ts []Term
	for item := range strings.SplitSeq(col, ",") {
		if item == "" {
			return nil, fmt.Errorf("empty term in %q", col)
		}
		code, span, ok := strings.Cut(item, "@")
		if !ok {
			return nil, fmt.Errorf("term %q: want CODE@FROM..TO", item)
		}
		// The stored form gives a code's length in one byte.
		if code == "" || !validCode(code) || len(code) > 255 {
			return nil, fmt.Errorf("term %q: code %q: want upper-case letters and digits", item, code)
		}
		from, to, ok := strings.Cut(span, "..")
		if !ok {
			return nil, fmt.Errorf("term %q: want CODE@FROM..TO", item)
		}
		t := Term{Code: code}
		var err error
		if t.From, err = parseDay(from); err != nil {
			return nil, fmt.Errorf("term %q: %w", item, err)
		}
		if t.To, err = parseDay(to); err != nil {
			return nil, fmt.Errorf("term %q: %w", item, err)
		}
		if t.From != 0 && t.To != 0 && t.From >= t.To {
			return nil, fmt.Errorf("term %q: FROM must be before TO", item)
		}
		ts = append(ts, t)
	}
	// Earliest first; an open From is the earliest of all.
	slices.SortStableFunc(ts, func(a, b Term) int { return a.From - b.From })
	for k := 1; k < len(ts); k++ {
		if prev := ts[k-1]; prev.To == 0 || prev.To > ts[k].From {
			return nil, fmt.Errorf("terms %s and %s overlap", formatTerm(prev), formatTerm(ts[k]))
		}
	}
	return ts, nil
}

// parseDay reads YYYY-MM-DD as yyyymmdd, "" as 0 (open).
func parseDay(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1 {
		return 0, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Day(t), nil
}

func formatTerm(t Term) string {
	day := func(d int) string {
		if d == 0 {
			return ""
		}
		return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
	}
	return t.Code + "@" + day(t.From) + ".." + day(t.To)
}
