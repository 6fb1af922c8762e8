package article

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends a's JSON encoding to dst: the bytes encoding/json gives for a with
// HTML escaping off (json.Encoder after SetEscapeHTML(false), without the newline),
// written field by field without reflection. `herald extract` writes an article per
// input, and the reflective encoder cost about 2% of its CPU time. TestAppendJSON and
// FuzzAppendJSONString hold it to encoding/json's output; a field added to these types
// must be added here too (TestAppendJSONFields checks that every field is written).
func (a *Article) AppendJSON(dst []byte) ([]byte, error) {
	b := append(dst, `{"schema_version":`...)
	b = appendString(b, a.SchemaVersion)
	if a.Path != "" {
		b = append(b, `,"path":`...)
		b = appendString(b, a.Path)
	}
	b = append(b, `,"url":`...)
	b = appendString(b, a.URL)
	b = append(b, `,"title":`...)
	b = appendString(b, a.Title)
	b = append(b, `,"subtitle":`...)
	b = appendString(b, a.Subtitle)
	b = append(b, `,"byline":`...)
	b = appendString(b, a.Byline)
	b = append(b, `,"published":`...)
	b = appendString(b, a.Published)
	b = append(b, `,"language":`...)
	b = appendString(b, a.Language)
	b = append(b, `,"text":`...)
	b = appendString(b, a.Text)
	b = append(b, `,"paragraphs":`...)
	b = appendStrings(b, a.Paragraphs)
	b = append(b, `,"sentences":`...)
	if a.Sentences == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range a.Sentences {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendSpan(b, s.Start, s.End)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"removed":`...)
	if a.Removed == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range a.Removed {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"kind":`...)
			b = appendString(b, r.Kind)
			b = append(b, `,"text":`...)
			b = appendString(b, r.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"entities":`...)
	if a.Entities == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range a.Entities {
			if i > 0 {
				b = append(b, ',')
			}
			b = a.Entities[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"quotes":`...)
	if a.Quotes == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range a.Quotes {
			if i > 0 {
				b = append(b, ',')
			}
			b = a.Quotes[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"events":`...)
	if a.Events == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range a.Events {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = a.Events[i].appendJSON(b); err != nil {
				return dst, err
			}
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// appendSpan appends `{"start":S,"end":E` (no closing brace: a Mention goes on).
func appendSpan(b []byte, start, end int) []byte {
	b = append(b, `{"start":`...)
	b = strconv.AppendInt(b, int64(start), 10)
	b = append(b, `,"end":`...)
	return strconv.AppendInt(b, int64(end), 10)
}

func (e *Entity) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, e.Name)
	b = append(b, `,"type":`...)
	b = appendString(b, e.Type)
	b = append(b, `,"country":`...)
	b = appendString(b, e.Country)
	b = append(b, `,"roles":`...)
	b = appendStrings(b, e.Roles)
	b = append(b, `,"actor":`...)
	b = appendString(b, e.Actor)
	if e.Sector != "" {
		b = append(b, `,"sector":`...)
		b = appendString(b, e.Sector)
	}
	if e.PostedTo != "" {
		b = append(b, `,"posted_to":`...)
		b = appendString(b, e.PostedTo)
	}
	b = append(b, `,"mentions":`...)
	b = appendMentions(b, e.Mentions)
	b = append(b, `,"references":`...)
	b = appendMentions(b, e.References)
	return append(b, '}')
}

func appendMentions(b []byte, ms []Mention) []byte {
	if ms == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendSpan(b, m.Start, m.End)
		b = append(b, `,"text":`...)
		b = appendString(b, m.Text)
		if m.Kind != "" {
			b = append(b, `,"kind":`...)
			b = appendString(b, m.Kind)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

func (q *Quote) appendJSON(b []byte) []byte {
	b = append(b, `{"kind":`...)
	b = appendString(b, q.Kind)
	b = append(b, `,"text":`...)
	b = appendString(b, q.Text)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(q.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(q.End), 10)
	b = append(b, `,"speaker":`...)
	b = appendString(b, q.Speaker)
	b = append(b, `,"speaker_name":`...)
	b = appendString(b, q.SpeakerName)
	b = append(b, `,"speaker_start":`...)
	b = strconv.AppendInt(b, int64(q.SpeakerStart), 10)
	b = append(b, `,"speaker_end":`...)
	b = strconv.AppendInt(b, int64(q.SpeakerEnd), 10)
	b = append(b, `,"cue":`...)
	b = appendString(b, q.Cue)
	b = append(b, `,"hedges":`...)
	b = appendStrings(b, q.Hedges)
	return append(b, '}')
}

func (a *Actor) appendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = appendString(b, a.Name)
	b = append(b, `,"code":`...)
	b = appendString(b, a.Code)
	b = append(b, `,"entity":`...)
	b = appendString(b, a.Entity)
	return append(b, '}')
}

func (e *Event) appendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"source":`...)
	b = e.Source.appendJSON(b)
	b = append(b, `,"target":`...)
	b = e.Target.appendJSON(b)
	b = append(b, `,"cameo":`...)
	b = appendString(b, e.Cameo)
	b = append(b, `,"cameo_root":`...)
	b = appendString(b, e.CameoRoot)
	if e.CameoName != "" {
		b = append(b, `,"cameo_name":`...)
		b = appendString(b, e.CameoName)
	}
	b = append(b, `,"quad_class":`...)
	b = strconv.AppendInt(b, int64(e.QuadClass), 10)
	b = append(b, `,"goldstein":`...)
	var err error
	if b, err = appendFloat(b, e.Goldstein); err != nil {
		return b, err
	}
	b = append(b, `,"plover":`...)
	b = appendString(b, e.Plover)
	b = append(b, `,"plover_mode":`...)
	b = appendString(b, e.PloverMode)
	b = append(b, `,"modality":`...)
	b = appendString(b, e.Modality)
	b = append(b, `,"evidence":`...)
	b = appendString(b, e.Evidence)
	b = append(b, `,"sentence":`...)
	b = strconv.AppendInt(b, int64(e.Sentence), 10)
	b = append(b, `,"cue":`...)
	b = appendString(b, e.Cue)
	return append(b, '}'), nil
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendFloat writes f as encoding/json does (floatEncoder, 64 bits): like %g in the
// style of ECMAScript, 'e' notation only below 1e-6 and from 1e21, exponents unpadded.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// jsonSafe marks the ASCII bytes encoding/json writes as they are when it does not
// escape HTML: all but the control characters, '"' and '\\'.
var jsonSafe = func() (s [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		s[c] = c != '"' && c != '\\'
	}
	return s
}()

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string the way encoding/json's appendString does with
// escapeHTML false: invalid UTF-8 becomes \ufffd, and U+2028 and U+2029 are escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
