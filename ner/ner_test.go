package ner

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heraldnews/herald/weights"
)

func TestTagSentences(t *testing.T) {
	tests := []struct {
		sent string
		want map[string]string // entity text -> type
	}{
		{"Ruritanian President Anna Berg met officials of the Freedonia Trade Bank in Vienna .",
			map[string]string{"Anna Berg": "PER", "Freedonia Trade Bank": "ORG", "Vienna": "LOC", "Ruritanian": "MISC"}},
		{"Police in Nairobi said Peter Mwangi was arrested on Tuesday .",
			map[string]string{"Nairobi": "LOC", "Peter Mwangi": "PER"}},
		{"Shares of Microsoft rose 3 percent in New York trading .",
			map[string]string{"Microsoft": "ORG", "New York": "LOC"}},
		{"Chancellor Olaf Scholz flew to Paris to meet Emmanuel Macron .",
			map[string]string{"Olaf Scholz": "PER", "Paris": "LOC", "Emmanuel Macron": "PER"}},
		{"NATO ministers met in Brussels .",
			map[string]string{"NATO": "ORG", "Brussels": "LOC"}},
	}
	for _, tc := range tests {
		t.Run(tc.sent, func(t *testing.T) {
			words := strings.Fields(tc.sent)
			tags := Default().Tag(words)
			if len(tags) != len(words) {
				t.Fatalf("got %d tags for %d words", len(tags), len(words))
			}
			got := map[string]string{}
			for _, s := range spans(tags) {
				got[strings.Join(words[s.start:s.end], " ")] = s.typ
			}
			for text, typ := range tc.want {
				if got[text] != typ {
					t.Errorf("%q: got %q, want %q (all: %v)", text, got[text], typ, got)
				}
			}
		})
	}
}

func TestDevF1(t *testing.T) {
	f, err := os.Open("../../shared/eval/ner/conll2003-dev.txt")
	if err != nil {
		t.Skip("skipping: CoNLL-2003 dev set not found at ../shared/eval/ner/conll2003-dev.txt (it is not part of the repository)")
	}
	defer f.Close()
	sents, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	tg := Default()
	sc := Evaluate(tg, sents)
	t.Logf("\n%s", sc.Report())
	// Throughput over the whole dev set, which is less cache-friendly than the benchmark.
	tags := make([]string, 256)
	ntok := 0
	start := time.Now()
	for _, s := range sents {
		tg.TagInto(s.Words, tags)
		ntok += len(s.Words)
	}
	t.Logf("tagged %d tokens at %.0f tokens/s", ntok, float64(ntok)/time.Since(start).Seconds())
	if f1 := sc.F1Main(); f1 < 0.88 {
		t.Errorf("dev PER/LOC/ORG F1 %.4f, want >= 0.88", f1)
	}
}

func benchWords() [][]string {
	text := []string{
		"Ruritanian President Anna Berg met officials of the Freedonia Trade Bank in Vienna on Monday , her office said .",
		"The company 's shares fell 4.5 percent to $ 12.30 after analysts at Example Capital cut their forecast .",
		"FREEDONIA BEATS RURITANIA 2-1 IN WORLD CUP QUALIFIER",
		"“ We will not give up , ” said Mayor John O'Brien of Springfield ’s city council .",
	}
	var out [][]string
	for _, s := range text {
		out = append(out, strings.Fields(s))
	}
	return out
}

func BenchmarkTag(b *testing.B) {
	tg := Default()
	sents := benchWords()
	tags := make([]string, 64)
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			tg.TagInto(s, tags)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func TestTagIntoNoAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops its items under the race detector")
	}
	tg := Default()
	sents := benchWords()
	tags := make([]string, 64)
	allocs := testing.AllocsPerRun(100, func() {
		for _, s := range sents {
			tg.TagInto(s, tags)
		}
	})
	if allocs > 0 {
		t.Errorf("TagInto allocates %.1f times per run", allocs)
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range benchWords() {
		f.Add(strings.Join(s, "\x00"))
	}
	f.Add("")
	f.Add("\xff\xfe\x00’s\x00“")
	f.Fuzz(func(t *testing.T, joined string) {
		words := strings.Split(joined, "\x00")
		tags := Default().Tag(words)
		if len(tags) != len(words) {
			t.Fatalf("got %d tags for %d words", len(tags), len(words))
		}
		prev := "O"
		for _, tag := range tags {
			if strings.HasPrefix(tag, "I-") && prev[1:] != tag[1:] {
				t.Fatalf("invalid IOB2 sequence %v", tags)
			}
			prev = tag
		}
	})
}

func TestModelMemory(t *testing.T) {
	var before, after runtime.MemStats
	// Two collections: pooled scratch space (word caches of earlier tests) survives the
	// first in the pool's victim cache, and freeing it later would hide the model's size.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	tg, err := Load(bytes.NewReader(embeddedModel))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	mb := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (1 << 20)
	t.Logf("loaded model: %d weight rows, %.1f MB of heap", tg.Features(), mb)
	if mb > 100 {
		t.Errorf("model takes %.1f MB, want well under 100", mb)
	}
	runtime.KeepAlive(tg)
}

func TestSaveLoadRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Default().Save(&buf); err != nil {
		t.Fatal(err)
	}
	tg, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range benchWords() {
		a, b := Default().Tag(s), tg.Tag(s)
		if strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("round trip changed tags: %v vs %v", a, b)
		}
	}
}

func TestCurlyAndHeadline(t *testing.T) {
	tg := Default()
	// A curly possessive must not break the name before it.
	tags := tg.Tag(strings.Fields("“ We will win , ” said Maria Lopez ’s spokesman in Madrid ."))
	if tags[7] != "B-PER" || tags[8] != "I-PER" || tags[9] != "O" || tags[12] != "B-LOC" {
		t.Errorf("curly quotes: got %v", tags)
	}
	tags = tg.Tag(strings.Fields("FLOODS HIT NORTHERN ITALY AS ROME BRACES FOR STORM"))
	if tags[3] != "B-LOC" || tags[5] != "B-LOC" {
		t.Errorf("capitals headline: got %v", tags)
	}
}

func checkLowerHash(t *testing.T, w string) {
	var ti tokInfo
	analyse(w, &ti, nil)
	if got := lowerHash(w); got != ti.lower {
		t.Errorf("lowerHash(%q) = %x, analyse gives %x", w, got, ti.lower)
	}
}

// The gazetteer is hashed with lowerHash and looked up with analyse's hash: they must agree.
func TestLowerHashMatchesAnalyse(t *testing.T) {
	for _, w := range []string{"", "Paris", "NEW", "o’Neill", "Ærø", "ÉLYSÉE", "São", "İstanbul", "ǅemal", "\xff\xfeX", "U.S.", "—", "Straße"} {
		checkLowerHash(t, w)
	}
}

func FuzzLowerHash(f *testing.F) {
	f.Add("Ærø")
	f.Add("\xffA")
	f.Fuzz(checkLowerHash)
}

// mark finds multi-word gazetteer phrases, whether their first word comes from the word
// cache or not, and the two-word filter turns away pairs that begin none.
func TestGazetteerMarksPhrases(t *testing.T) {
	g, err := embeddedGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	loc := gazIndex(t, "LOC")
	for _, cached := range []bool{false, true} {
		words := strings.Fields("Officials in New York City and New Delhi said")
		ts := make([]tokInfo, len(words))
		for i, w := range words {
			analyse(w, &ts[i], nil)
			if cached {
				ts[i].gaz1, ts[i].gaz1Set = g.first(ts[i].lower), true
			}
		}
		g.mark(ts)
		begin, inside := uint32(1)<<(2*loc), uint32(1)<<(2*loc+1)
		if ts[2].gaz&begin == 0 || ts[3].gaz&inside == 0 || ts[4].gaz&inside == 0 {
			t.Errorf("cached=%v: New York City not marked LOC: %b %b %b", cached, ts[2].gaz, ts[3].gaz, ts[4].gaz)
		}
		if ts[5].gaz != 0 || ts[0].gaz != 0 {
			t.Errorf("cached=%v: marks on %q or %q", cached, words[0], words[5])
		}
	}
}

func gazIndex(t *testing.T, class string) int {
	for i, c := range gazClasses {
		if c == class {
			return i
		}
	}
	t.Fatalf("no gazetteer class %s", class)
	return 0
}

// TestSaveGivesEmbedded checks Save writes the embedded model back byte for byte, so that
// retraining into model/ner.bin stays reproducible, and that a gzipped model (as Save
// wrote them before) loads to the same tagger.
func TestSaveGivesEmbedded(t *testing.T) {
	var buf bytes.Buffer
	if err := Default().Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), embeddedModel) {
		t.Fatal("Save does not give the embedded model's bytes")
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(embeddedModel)
	zw.Close()
	tg, err := Load(&gz)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range benchWords() {
		if a, b := Default().Tag(s), tg.Tag(s); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Fatalf("gzipped model tags differently: %v vs %v", a, b)
		}
	}
	for _, n := range []int{0, 5, len(modelMagic) + 3, len(embeddedModel) / 2, len(embeddedModel) - 1} {
		if _, err := Load(bytes.NewReader(embeddedModel[:n])); err == nil {
			t.Errorf("Load of the first %d bytes succeeded", n)
		}
	}
}

// BenchmarkDecodeModel times loading the embedded model, part of every start-up.
func BenchmarkDecodeModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeModel(embeddedModel); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadOldAndDamaged checks a version 2 model (no filters) loads and tags as the
// filtered one, which only skips lookups that would find nothing, and that a damaged
// model is an error.
func TestLoadOldAndDamaged(t *testing.T) {
	m := embeddedModel
	n := int(binary.LittleEndian.Uint32(m[len(modelMagic):]))
	end := len(modelMagic) + 5 + n*(8+2*nTags)
	v2 := append([]byte(modelMagicV2), m[len(modelMagic):end]...)
	tg, err := Load(bytes.NewReader(v2))
	if err != nil {
		t.Fatal(err)
	}
	if tg.vocab.bits != nil || tg.pairs.bits != nil {
		t.Error("version 2 model has filters")
	}
	for _, s := range benchWords() {
		if a, b := Default().Tag(s), tg.Tag(s); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Fatalf("version 2 model tags differently: %v vs %v", a, b)
		}
	}
	for name, bad := range map[string][]byte{
		"trailing byte":   append(slices.Clip(m), 0),
		"v2 trailing":     append(v2, 0),
		"unknown decoder": append(append(slices.Clip(m[:len(modelMagic)+4]), 2), m[len(modelMagic)+5:]...),
		"huge row count":  append(append([]byte(modelMagic), 0xff, 0xff, 0xff, 0x03, 1), m[len(modelMagic)+5:]...),
		"other magic":     append([]byte("HERALD-NER-9\n"), m[len(modelMagic):]...),
	} {
		if _, err := Load(bytes.NewReader(bad)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
}

// smallModel returns a model of three rows and small filters, a seed for FuzzLoad small
// enough for the fuzzer's mutations to hit its counts.
func smallModel(t testing.TB) []byte {
	w := make([]int16, 3*nTags)
	for i := range w {
		w[i] = int16(i - 10)
	}
	tg := newTagger([]uint64{weights.Key(1, 2), weights.Key(3, 4), weights.Key(5, 6)}, w, nil)
	tg.viterbi = true
	tg.vocab, tg.pairs = newFilter([]uint32{1, 2, 3}), newFilter([]uint32{7})
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzLoad checks a damaged model is an error, and a model that loads tags without
// panicking and saves back to the bytes it was loaded from.
func FuzzLoad(f *testing.F) {
	f.Add(smallModel(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
			return // gzip's own reader is not what is fuzzed here
		}
		tg, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		tg.Tag([]string{"Barack", "Obama", "visited", "New", "York", "."})
		if bytes.HasPrefix(data, []byte(modelMagicV2)) {
			return // saved as version 3
		}
		var buf bytes.Buffer
		if err := tg.Save(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), data) && !hasDuplicateKeys(tg.keys) {
			t.Fatal("Save does not give the bytes loaded")
		}
	})
}

func hasDuplicateKeys(keys []uint64) bool {
	seen := map[uint64]bool{}
	for _, k := range keys {
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}
