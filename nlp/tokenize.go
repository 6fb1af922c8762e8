package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize appends the tokens of text[start:end] to dst and returns it. Token texts are
// substrings of text, so tokenizing allocates only when dst grows.
//
// The rules follow Penn Treebank and CoNLL conventions, which the entity tagger was trained
// on: punctuation and quote marks are tokens of their own, a possessive 's and n't are split
// off, and abbreviations (U.S., Mr., Jan.), initials, decimals and hyphenated words stay whole.
func Tokenize(dst []Token, text string, start, end int) []Token {
	i := start
	for i < end {
		// ASCII bytes are tested directly (asciiSpace agrees with isSpace on them): news
		// text is almost all ASCII and rune decoding was a visible share of the time.
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:end]); isSpace(r) {
			i += size
			continue
		}
		j := i
		for j < end {
			if c := text[j]; c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:end])
			if isSpace(r) {
				break
			}
			j += size
		}
		dst = splitChunk(dst, text, i, j)
		i = j
	}
	return dst
}

// asciiSpace marks the ASCII bytes that unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' || unicode.IsSpace(r)
}

// leading reports whether r is split off the front of a word.
func leading(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '(', '[', '{', '„', '¿', '¡', '—', '–', '―', '*', '`':
		return true
	}
	return false
}

// trailing reports whether r is split off the end of a word (the period is handled apart).
func trailing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', ',', ';', ':', '!', '?', '—', '–', '―', '*', '…':
		return true
	}
	return false
}

// splitChunk tokenizes one whitespace-free chunk text[i:j].
func splitChunk(dst []Token, text string, i, j int) []Token {
	// Leading punctuation, one token each.
	for i < j {
		r, size := utf8.DecodeRuneInString(text[i:j])
		if !leading(r) {
			break
		}
		dst = append(dst, Token{Start: i, End: i + size, Text: text[i : i+size]})
		i += size
	}
	if i >= j {
		return dst
	}
	// Trailing punctuation is collected from the end, then emitted in order.
	var tail [8]Token
	nt := 0
	for j > i && nt < len(tail)-1 {
		r, size := utf8.DecodeLastRuneInString(text[i:j])
		if trailing(r) {
			// Keep an apostrophe that ends a plural possessive ("voters'") on the word
			// only when it is clearly an apostrophe: a closing quote is far more common,
			// so it is split, as in the Penn Treebank.
			tail[nt] = Token{Start: j - size, End: j, Text: text[j-size : j]}
			nt++
			j -= size
			continue
		}
		if r == '.' {
			if strings.HasSuffix(text[i:j], "...") {
				tail[nt] = Token{Start: j - 3, End: j, Text: text[j-3 : j]}
				nt++
				j -= 3
				continue
			}
			if keepPeriod(text[i:j]) {
				break
			}
			tail[nt] = Token{Start: j - 1, End: j, Text: "."}
			nt++
			j--
			continue
		}
		break
	}
	if i < j {
		dst = splitWord(dst, text, i, j)
	}
	for k := nt - 1; k >= 0; k-- {
		dst = append(dst, tail[k])
	}
	return dst
}

// splitWord splits clitics off a word: possessive 's, n't and 're/'ll/'ve/'d/'m, and a dash
// (em, en or the horizontal bar some outlets sign quotes with) joining two words ("fight—and").
func splitWord(dst []Token, text string, i, j int) []Token {
	w := text[i:j]
	// An em dash or en dash inside a word separates words. Both begin with byte 0xE2;
	// most words have none, and IndexAny with non-ASCII runes is slow.
	if k := dashIndex(w); k > 0 {
		_, size := utf8.DecodeRuneInString(w[k:])
		dst = splitWord(dst, text, i, i+k)
		dst = append(dst, Token{Start: i + k, End: i + k + size, Text: w[k : k+size]})
		if i+k+size < j {
			dst = splitChunk(dst, text, i+k+size, j)
		}
		return dst
	}
	if n := cliticLen(w); n > 0 && n < len(w) {
		dst = append(dst, Token{Start: i, End: j - n, Text: text[i : j-n]})
		return append(dst, Token{Start: j - n, End: j, Text: text[j-n : j]})
	}
	return append(dst, Token{Start: i, End: j, Text: w})
}

func dashIndex(w string) int {
	if strings.IndexByte(w, 0xe2) < 0 {
		return -1
	}
	return strings.IndexAny(w, "—–―")
}

// clitics are the endings split off a word, with straight and curly apostrophes.
var clitics = []string{
	"n't", "n’t", "'s", "’s", "'S", "’S", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d", "'m", "’m",
}

// cliticLen returns the byte length of a clitic at the end of w, or 0.
func cliticLen(w string) int {
	// Every clitic contains an apostrophe in its last five bytes; most words have none.
	tail := w[max(0, len(w)-6):]
	if strings.IndexByte(tail, '\'') < 0 && !strings.Contains(tail, "’") {
		return 0
	}
	for _, c := range clitics {
		if len(w) > len(c) && strings.HasSuffix(w, c) {
			return len(c)
		}
	}
	return 0
}

// keepPeriod reports whether the final period of w belongs to the word: abbreviations,
// initials and acronyms written with periods.
func keepPeriod(w string) bool {
	if len(w) < 2 {
		return false
	}
	body := w[:len(w)-1]
	if strings.Contains(body, ".") {
		// U.S., U.N., a.m., Ph.D., D-N.Y. (a party and state): letters separated by
		// periods.
		for _, r := range body {
			if r != '.' && r != '-' && !unicode.IsLetter(r) {
				return false
			}
		}
		return true
	}
	if utf8.RuneCountInString(body) == 1 {
		r, _ := utf8.DecodeRuneInString(body)
		return unicode.IsUpper(r) // an initial: "John F. Kennedy"
	}
	if !IsAbbreviation(body) {
		return false
	}
	// Abbreviations that are also common words ("no", "ill", "mass") count only when
	// capitalised, as in "No. 3" or "Mass.".
	r, _ := utf8.DecodeRuneInString(body)
	return unicode.IsUpper(r) || !ambiguousAbbreviations[strings.ToLower(body)]
}

var ambiguousAbbreviations = map[string]bool{
	"no": true, "nos": true, "ill": true, "miss": true, "mass": true, "wash": true, "ore": true,
	"del": true, "la": true, "mo": true, "pa": true, "est": true, "fig": true, "ind": true,
	"co": true, "col": true, "rep": true, "gen": true, "sen": true, "gov": true, "st": true,
	"mar": true, "jun": true, "dec": true, "ala": true, "md": true, "ga": true, "va": true,
	"kan": true, "mont": true, "colo": true, "conn": true, "tex": true, "mich": true,
	"minn": true, "neb": true, "nev": true, "okla": true, "tenn": true, "vt": true, "wis": true,
	"wyo": true, "ky": true, "fla": true, "calif": true, "ariz": true, "ark": true, "sr": true,
	"jr": true, "rev": true, "hon": true, "capt": true, "maj": true, "lt": true, "ft": true,
	"mt": true, "rd": true, "ave": true, "univ": true, "dept": true, "govt": true, "inc": true,
	"ltd": true, "corp": true, "bros": true, "assn": true, "blvd": true,
}

// abbreviations are words that are written with a final period. Kept lower case.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "maj": true, "capt": true, "cpl": true,
	"sgt": true, "adm": true, "cmdr": true, "pres": true, "supt": true, "rev": true, "hon": true,
	"sr": true, "jr": true, "st": true, "mt": true, "ft": true, "no": true, "nos": true,
	"vs": true, "etc": true, "inc": true, "ltd": true, "corp": true, "co": true, "bros": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true,
	"del": true, "fla": true, "ga": true, "ill": true, "ind": true, "kan": true, "ky": true,
	"la": true, "md": true, "mass": true, "mich": true, "minn": true, "miss": true, "mo": true,
	"mont": true, "neb": true, "nev": true, "okla": true, "ore": true, "pa": true, "tenn": true,
	"tex": true, "va": true, "vt": true, "wash": true, "wis": true, "wyo": true,
	"approx": true, "dept": true, "est": true, "fig": true, "govt": true, "univ": true,
	"assn": true, "ave": true, "blvd": true, "rd": true,
}

// titleAbbreviations never end a sentence: a name always follows them.
var titleAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "maj": true, "capt": true, "cpl": true,
	"sgt": true, "adm": true, "cmdr": true, "pres": true, "supt": true, "rev": true, "hon": true,
	"st": true, "mt": true, "ft": true, "no": true, "nos": true, "vs": true,
}

// IsAbbreviation reports whether w (without its period) is a known abbreviation.
func IsAbbreviation(w string) bool {
	if len(w) > 6 {
		return false
	}
	var buf [6]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return abbreviations[string(buf[:len(w)])]
}
