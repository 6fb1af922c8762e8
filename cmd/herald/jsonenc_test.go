package main

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/heraldnews/herald/article"
)

// encBoth encodes v with encoding/json (HTML escaping off, as herald always wrote) and
// with newArticleEncoder, indented or not.
func encBoth(t testing.TB, v any, indent bool) (want, got []byte) {
	var b1, b2 bytes.Buffer
	std := json.NewEncoder(&b1)
	std.SetEscapeHTML(false)
	enc := newArticleEncoder(&b2)
	if indent {
		std.SetIndent("", "  ")
		enc.SetIndent("", "  ")
	}
	e1, e2 := std.Encode(v), enc.Encode(v)
	if (e1 == nil) != (e2 == nil) {
		t.Fatalf("encoding/json error %v, newArticleEncoder error %v", e1, e2)
	}
	return b1.Bytes(), b2.Bytes()
}

func checkEnc(t *testing.T, name string, v any) {
	t.Helper()
	for _, indent := range []bool{false, true} {
		if want, got := encBoth(t, v, indent); !bytes.Equal(got, want) {
			t.Errorf("%s (indent %v):\n got %s\nwant %s", name, indent, got, want)
		}
	}
}

const trickyText = "a \"quoted\" \\ back\tslash\n<b>&amp;</b> \x01\x1f\x7f é “curly” \u2028\u2029 \xff\xfe bad \U0001F600 end"

// TestArticleEncoder holds the library encoder to encoding/json's bytes, so that a
// version bump that changes the output fails here.
func TestArticleEncoder(t *testing.T) {
	checkEnc(t, "new", article.New())
	checkEnc(t, "zero", &article.Article{})
	a := article.New()
	a.Path, a.URL, a.Title, a.Text = "x/y.txt", "https://e.org/?a=1&b=<2>", trickyText, trickyText
	a.Paragraphs = []string{"one", trickyText, ""}
	a.Sentences = []article.Span{{Start: 0, End: 3}, {Start: -1, End: 1 << 40}}
	a.Entities = []article.Entity{
		{ID: "E1", Name: "Ana", Type: article.Person, Roles: []string{"President"}, Actor: "CHLGOV",
			Mentions: []article.Mention{{Start: 1, End: 4, Text: "Ana"}}},
		{ID: "E2", Roles: []string{}, Mentions: []article.Mention{}},
	}
	a.Quotes = []article.Quote{{Kind: article.QuoteDirect, Text: trickyText, Start: 5, End: 9, Hedges: []string{"reportedly"}}, {Hedges: []string{}}, {}}
	// Goldstein values run from -10 to 10 in steps of 0.1; encoding/json writes exponents
	// below 1e-6 and from 1e21 as "1e-7", goccy as "1e-07": the same number (checked below).
	for _, g := range []float64{0, math.Copysign(0, -1), -10, 3.4, -0.1, 123456789.125, 1e20} {
		a.Events = append(a.Events, article.Event{Source: article.Actor{Name: "Chile", Code: "CHL"},
			Cameo: "120", CameoRoot: "12", QuadClass: 3, Goldstein: g, Evidence: trickyText, Sentence: 2})
	}
	checkEnc(t, "full", a)

	var b article.Article
	n := 0
	fill(reflect.ValueOf(&b).Elem(), &n)
	checkEnc(t, "every field set", &b)

	for _, g := range []float64{1e-7, -2.5e-9, 1e21} {
		want, got := encBoth(t, g, false)
		var x, y float64
		if json.Unmarshal(want, &x) != nil || json.Unmarshal(got, &y) != nil || x != y {
			t.Errorf("%v: encoded as %s, encoding/json %s", g, got, want)
		}
	}

	a.Events = append(a.Events, article.Event{Goldstein: math.NaN()})
	if err := newArticleEncoder(&bytes.Buffer{}).Encode(a); err == nil {
		t.Error("NaN encoded without an error")
	}
}

// fill sets every field of v, recursively, to a non-zero value.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) / 4)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), n)
		}
	default:
		// A new field of a kind fill does not know: teach it, so that the field is checked.
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

func FuzzArticleEncoderString(f *testing.F) {
	for _, s := range []string{"", "plain", trickyText, "\u2028", "\xed\xa0\x80", "\xf4\x90\x80\x80"} {
		f.Add(s)
	}
	// The bytes may differ ("\f" or "\u000c" for a form feed); what a reader decodes may not.
	f.Fuzz(func(t *testing.T, s string) {
		want, got := encBoth(t, s, false)
		var x, y string
		if err := json.Unmarshal(got, &y); err != nil {
			t.Fatalf("%q: invalid JSON %s: %v", s, got, err)
		}
		if json.Unmarshal(want, &x) != nil || x != y {
			t.Errorf("%q: decodes to %q, encoding/json's to %q", s, y, x)
		}
	})
}
