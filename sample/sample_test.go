package sample

import (
	"encoding/json"
	"testing"
)

func TestArticles(t *testing.T) {
	if n := len(Articles()); n < 3 {
		t.Fatalf("%d sample articles", n)
	}
}

func TestCorpus(t *testing.T) {
	docs := Corpus()
	if len(docs) < 30 {
		t.Fatalf("corpus has %d documents, want at least 30", len(docs))
	}
	stories := map[string]int{}
	variants := map[string]int{}
	urls := map[string]bool{}
	for _, d := range docs {
		stories[d.Story]++
		variants[d.Variant]++
		if urls[d.URL] {
			t.Errorf("duplicate URL %s", d.URL)
		}
		urls[d.URL] = true
		var j struct{ URL, Text, Published string }
		if err := json.Unmarshal(d.Data, &j); err != nil || j.Text == "" || j.URL != d.URL {
			t.Errorf("%s: bad JSON document: %v", d.Name, err)
		}
	}
	if len(stories) < 15 {
		t.Errorf("%d stories", len(stories))
	}
	for _, v := range []string{"original", "syndicated", "rewrite", "scraped"} {
		if variants[v] == 0 {
			t.Errorf("no %s variants", v)
		}
	}
}
