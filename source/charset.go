package source

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// toUTF8 decodes a body in the charset its Content-Type declares. Valid UTF-8 is kept as
// is, since pages often declare one charset and send another; an unknown label leaves
// the bytes to the page's own <meta charset>, which clean/webpage reads.
func toUTF8(body []byte, label string) []byte {
	label = strings.TrimSpace(label)
	if label == "" || utf8.Valid(body) {
		return body
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}
