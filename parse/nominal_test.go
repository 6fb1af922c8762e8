package parse

import (
	"bytes"
	"strings"
	"testing"
)

func TestNominalEmbedded(t *testing.T) {
	m := DefaultNominal()
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedNominal) {
		t.Fatalf("Save wrote %d bytes that differ from the embedded model's %d", buf.Len(), len(embeddedNominal))
	}
	for _, cut := range []int{0, 5, len(nominalMagic), len(nominalMagic) + 1, len(embeddedNominal) - 1} {
		if _, err := LoadNominal(bytes.NewReader(embeddedNominal[:cut])); err == nil {
			t.Errorf("a model cut at %d bytes loaded", cut)
		}
	}
	if _, err := LoadNominal(bytes.NewReader(append(bytes.Clone(embeddedNominal), 0))); err == nil {
		t.Error("a model with a trailing byte loaded")
	}
}

// Sentences written for this test, with the words whose class the event coder asks about.
func TestNominal(t *testing.T) {
	m := DefaultNominal()
	tests := []struct {
		text      string
		nom, verb []string
	}{
		{"The campaign state director praised the rally turnout .", []string{"campaign", "state", "director"}, []string{"praised"}},
		{"Kenya will support Uganda 's bid .", []string{"bid"}, []string{"support"}},
		{"Their support for the plan remains strong .", []string{"support", "plan", "strong"}, []string{"remains"}},
		{"Officials said the talks would resume in March .", []string{"talks"}, []string{"said", "resume"}},
	}
	for _, tc := range tests {
		words := strings.Fields(tc.text)
		idx := func(w string) int {
			for i, x := range words {
				if x == w {
					return i
				}
			}
			t.Fatalf("%q not in %q", w, tc.text)
			return -1
		}
		for _, w := range tc.nom {
			if !m.Nominal(words, idx(w)) {
				t.Errorf("%q: %q not read as a noun or adjective (score %d)", tc.text, w, m.Score(words, idx(w)))
			}
		}
		for _, w := range tc.verb {
			if m.Nominal(words, idx(w)) {
				t.Errorf("%q: %q read as a noun or adjective (score %d)", tc.text, w, m.Score(words, idx(w)))
			}
		}
	}
	// Edges and odd tokens must not panic.
	for _, ws := range [][]string{{""}, {"’s"}, {"ÉTAT", "—", "2024"}} {
		for i := range ws {
			m.Score(ws, i)
		}
	}
}

// A model file is read whole; a corrupt one must be an error, never a panic.
func FuzzLoadNominal(f *testing.F) {
	f.Add(embeddedNominal[:64])
	f.Add([]byte(nominalMagic + "\x04" + strings.Repeat("\x01", 32)))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := LoadNominal(bytes.NewReader(data))
		if err != nil {
			return
		}
		m.Score(strings.Fields("The minister said talks would resume ."), 3)
	})
}

func BenchmarkNominal(b *testing.B) {
	m := DefaultNominal()
	words := strings.Fields("The campaign state director said Kenya will support Uganda 's bid for the regional rally next year .")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.Score(words, i%len(words))
	}
}
