package article

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// stdJSON is what AppendJSON must give: encoding/json without HTML escaping, as
// `herald extract` wrote it before.
func stdJSON(t testing.TB, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func checkJSON(t *testing.T, name string, a *Article) {
	t.Helper()
	got, err := a.AppendJSON(nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if want := stdJSON(t, a); !bytes.Equal(got, want) {
		t.Errorf("%s:\n got %s\nwant %s", name, got, want)
	}
}

const trickyText = "a \"quoted\" \\ back\tslash\n<b>&amp;</b> \x01\x1f\x7f é “curly” \u2028\u2029 \xff\xfe bad \U0001F600 end"

func TestAppendJSON(t *testing.T) {
	checkJSON(t, "new", New())
	checkJSON(t, "zero", &Article{})
	a := New()
	a.Path, a.URL, a.Title, a.Text = "x/y.txt", "https://e.org/?a=1&b=<2>", trickyText, trickyText
	a.Paragraphs = []string{"one", trickyText, ""}
	a.Sentences = []Span{{0, 3}, {-1, 1 << 40}}
	a.Removed = []Removed{{Kind: RemovedBoilerplate, Text: trickyText}}
	a.Entities = []Entity{
		{ID: "E1", Name: "Ana", Type: Person, Roles: []string{"President"}, Actor: "CHLGOV", Sector: "GOV",
			Mentions: []Mention{{Start: 1, End: 4, Text: "Ana"}}, References: []Mention{{Start: 9, End: 11, Text: "he", Kind: "pronoun"}}},
		{ID: "E2", PostedTo: "PER", Roles: []string{}, Mentions: []Mention{}, References: []Mention{}},
		{ID: "E3"},
	}
	a.Quotes = []Quote{{Kind: QuoteDirect, Text: trickyText, Start: 5, End: 9, Hedges: []string{"reportedly"}}, {Hedges: []string{}}, {}}
	for _, g := range []float64{0, math.Copysign(0, -1), -10, 3.4, 1e-7, -2.5e-9, 1e21, 123456789.125, 1e20} {
		a.Events = append(a.Events, Event{Source: Actor{Name: "Chile", Code: "CHL"}, Target: Actor{Entity: "E1"},
			Cameo: "120", CameoRoot: "12", QuadClass: 3, Goldstein: g, Evidence: trickyText, Sentence: 2})
	}
	a.Events = append(a.Events, Event{CameoName: "Reject"})
	checkJSON(t, "full", a)
	a.Events = append(a.Events, Event{Goldstein: math.NaN()})
	if _, err := a.AppendJSON(nil); err == nil {
		t.Error("NaN encoded without an error")
	}
}

// fill sets every field of v, recursively, to a non-zero value, so that a field that
// AppendJSON leaves out shows as a difference from encoding/json.
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
		panic("unhandled kind " + v.Kind().String())
	}
}

func TestAppendJSONFields(t *testing.T) {
	var a Article
	n := 0
	fill(reflect.ValueOf(&a).Elem(), &n)
	checkJSON(t, "every field set", &a)
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", trickyText, "\u2028", "\xed\xa0\x80", "\xf4\x90\x80\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendString(nil, s), stdJSON(t, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
