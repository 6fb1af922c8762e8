package attrib

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

// seq builds a training sentence from words; words in [brackets] are content, <angle
// brackets> source, {braces} cue. Words in "quotes" get FInQuote.
func seq(s string) Seq {
	var q Seq
	prev := O
	inQ := false
	open := O // the span being read: a bracketed run of words
	for _, w := range strings.Fields(s) {
		tag := open
		for _, b := range []struct {
			l, r string
			tag  int
		}{{"[", "]", BCon}, {"<", ">", BSrc}, {"{", "}", BCue}} {
			if strings.HasPrefix(w, b.l) && len(w) > 1 {
				w, tag, open = w[1:], b.tag, b.tag
			}
			if strings.HasSuffix(w, b.r) && len(w) > 1 {
				w, open = w[:len(w)-1], O
			}
		}
		if tag != O && (prev == tag || prev == tag+1) {
			tag++ // continues the span
		}
		prev = tag
		t := Tok{Lower: strings.ToLower(w), Raw: w}
		if w == `"` {
			t.Flags |= FMark
			inQ = !inQ
		} else if inQ {
			t.Flags |= FInQuote
		}
		if w == "said" {
			t.Flags |= FCue | FSpeech
			t.Cue = Hash("said")
		}
		if w[0] >= 'A' && w[0] <= 'Z' && len(q.Toks) > 0 {
			t.Ent = EntPer
		}
		q.Toks = append(q.Toks, t)
		q.Gold = append(q.Gold, tag)
	}
	return q
}

var trainSents = []string{
	"<Berg> {grumbled} that [the plan would fail] .",
	"<Ortiz> {grumbled} that [taxes would rise] .",
	"<Haddad> {grumbled} that [the port was closed] .",
	"<Kim> {said} that [the river rose] .",
	"<Lena> {said} [prices fell last year] .",
	"The plan failed last year .",
	"Taxes rose and the port was closed .",
	"The river rose too fast for the farmers .",
	"<Omar> {grumbled} that [the farmers were angry] .",
	"Farmers were angry about the river .",
}

func train(t *testing.T) *Tagger {
	var seqs []Seq
	for i := 0; i < 3; i++ {
		for _, s := range trainSents {
			seqs = append(seqs, seq(s))
		}
	}
	return Train(seqs, TrainOptions{Iter: 10, MinCount: 1})
}

func TestTrainTagsUnseenSentence(t *testing.T) {
	tg := train(t)
	tests := []struct {
		text string
		want string // the content words
	}{
		{"<Dana> {grumbled} that [the bridge would fail] .", "the bridge would fail"},
		{"The bridge rose too fast .", ""},
	}
	for _, tc := range tests {
		s := seq(tc.text)
		out := make([]int, len(s.Toks))
		tg.Tag(s.Toks, out)
		var got []string
		for _, sp := range Spans(out, BCon) {
			for _, tk := range s.Toks[sp[0]:sp[1]] {
				got = append(got, tk.Raw)
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q: content %q, want %q (tags %v)", tc.text, g, tc.want, out)
		}
	}
}

func TestSaveLoad(t *testing.T) {
	tg := train(t)
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Rows() != tg.Rows() {
		t.Fatalf("rows %d after load, %d before", back.Rows(), tg.Rows())
	}
	for _, s := range trainSents {
		q := seq(s)
		a, b := make([]int, len(q.Toks)), make([]int, len(q.Toks))
		tg.Tag(q.Toks, a)
		back.Tag(q.Toks, b)
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%q: tags differ after load: %v vs %v", s, a, b)
			}
		}
	}
}

func TestLoadRejects(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("HERALD-NER-3\n"))
	zw.Close()
	for name, data := range map[string][]byte{"empty": nil, "not gzip": []byte("hello"), "wrong magic": gz.Bytes()} {
		if _, err := Load(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
}

func TestDefault(t *testing.T) {
	d := Default()
	if d == nil || d.Rows() < 1000 {
		t.Fatalf("embedded model missing or tiny")
	}
	d.Tag(nil, nil) // no tokens: no panic
}

func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	train(&testing.T{}).Save(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		tg, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := seq("<Berg> {grumbled} that [the plan would fail] .")
		tg.Tag(s.Toks, make([]int, len(s.Toks)))
	})
}

func BenchmarkTag(b *testing.B) {
	d := Default()
	s := seq("The senator from Ohio , who chairs the committee , {grumbled} on Tuesday that the bill would raise taxes on farmers and ranchers in the state .")
	out := make([]int, len(s.Toks))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Tag(s.Toks, out)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s.Toks)), "ns/token")
}
