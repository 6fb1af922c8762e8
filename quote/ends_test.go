package quote

import (
	"bytes"
	"compress/gzip"

	"github.com/heraldnews/herald/quote/attrib"
	"testing"
)

func TestEndsModelLoads(t *testing.T) {
	m, err := loadEnds(bytes.NewReader(endsModelFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.keys) < 1000 {
		t.Fatalf("embedded end model has %d weights; retrain it (herald train-ends)", len(m.keys))
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := loadEnds(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(m2.keys) != len(m.keys) {
		t.Fatalf("round trip: %d weights, want %d", len(m2.keys), len(m.keys))
	}
	for _, k := range m.keys[:100] {
		if m.weight(k) != m2.weight(k) {
			t.Fatalf("round trip: weight of %x changed", k)
		}
	}
}

func TestLoadEndsRejects(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("not gzip"), gz([]byte{1, 2}), gz([]byte{5, 0, 0, 0, 1})} {
		if _, err := loadEnds(bytes.NewReader(data)); err == nil {
			t.Errorf("loadEnds(%q) accepted a broken model", data)
		}
	}
}

// TestEnds checks where the learned ranker ends reported content, against the rules' end.
func TestEnds(t *testing.T) {
	tests := []struct {
		name, text, rules, ranker string
	}{
		{"new clause with its own attribution",
			"The ministry denied that the convoy had crossed the border, and local officials warned that fighting could resume within days.",
			"that the convoy had crossed the border, and local officials warned that fighting could resume within days",
			"that the convoy had crossed the border"},
		{"appositive comment on the whole clause",
			"Senator Paul Whitcombe has promised a vote on the bill before the recess, a move that his rivals call premature.",
			"a vote on the bill before the recess, a move that his rivals call premature",
			"a vote on the bill before the recess"},
		{"adjunct kept",
			"The council insisted that the budget was balanced during a heated session on Tuesday.",
			"that the budget was balanced during a heated session on Tuesday",
			"that the budget was balanced during a heated session on Tuesday"},
		{"past a soft cut: \"not merely …, but …\"",
			"The mayor argued that the new tax was not merely a mistake, but a betrayal of the voters who elected her.",
			"that the new tax was not merely a mistake",
			"that the new tax was not merely a mistake, but a betrayal of the voters who elected her"},
		{"past a soft cut: \", but that …\"",
			"Okafor said the port deal was signed in March, but that the money never arrived.",
			"the port deal was signed in March",
			"the port deal was signed in March, but that the money never arrived"},
	}
	m := defaultEnds()
	if m == nil {
		t.Skip("HERALD_ENDS=off")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := testDoc(tt.text)
			for _, c := range []struct {
				ends *endModel
				want string
			}{{nil, tt.rules}, {m, tt.ranker}} {
				qs := find(doc, nil, c.ends)
				if len(qs) == 0 {
					t.Fatalf("ranker %v: no quote", c.ends != nil)
				}
				if got := tt.text[qs[0].Start:qs[0].End]; got != c.want {
					t.Errorf("ranker %v: content %q, want %q", c.ends != nil, got, c.want)
				}
			}
		})
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestTaggedSource(t *testing.T) {
	doc := testDoc("Young voters in the north have reached a consensus on water.")
	f := new(finder)
	f.setup(doc, nil)
	f.initTags()
	// The tagger's labels, as it would give them: "Young voters in the north" the source.
	for i := range f.alltags {
		f.alltags[i] = attrib.O
	}
	f.alltags[0] = attrib.BSrc
	for i := 1; i < 5; i++ {
		f.alltags[i] = attrib.ISrc
	}
	cue := 9 // "consensus"
	if s, e := f.taggedSource(0, cue); s != 0 || e != 5 {
		t.Errorf("taggedSource = [%d,%d), want [0,5)", s, e)
	}
	f.alltags[0] = attrib.O // an I- run without its B- is no span
	if s, e := f.taggedSource(0, cue); e > s {
		t.Errorf("taggedSource = [%d,%d) from a broken run, want none", s, e)
	}
	f.alltags[0] = attrib.BSrc
	if s, e := f.taggedSource(6, cue); e > s {
		t.Errorf("taggedSource before the cue only from token 6: [%d,%d), want none", s, e)
	}
}
