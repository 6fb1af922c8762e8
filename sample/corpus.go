package sample

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed corpus/originals.txt
var originals string

// Doc is one article of the sample corpus, as a JSON document
// {"url","title","text","published"} that Herald ingests.
type Doc struct {
	Name      string // e.g. "sample-corpus/07-syndicated.json"
	URL       string
	Source    string // the outlet
	Published string
	Story     string // the original it derives from: the ground truth for clustering
	Variant   string // "original", "syndicated", "rewrite", "scraped"
	Data      []byte
}

type story struct {
	url, published, source, title string
	paras                         []string
}

func parseOriginals() []story {
	var out []story
	for _, block := range strings.Split(originals, "\n=== ")[1:] {
		var s story
		for _, line := range strings.Split(block, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
			case strings.HasPrefix(line, "url: "):
				s.url = strings.TrimPrefix(line, "url: ")
			case strings.HasPrefix(line, "published: "):
				s.published = strings.TrimPrefix(line, "published: ")
			case strings.HasPrefix(line, "source: "):
				s.source = strings.TrimPrefix(line, "source: ")
			case s.title == "":
				s.title = line
			default:
				s.paras = append(s.paras, line)
			}
		}
		out = append(out, s)
	}
	return out
}

// outlets republish wire copy under their own URLs and furniture.
var outlets = []struct{ host, name, furniture string }{
	{"dailyherald.example.org", "Daily Courier", "Advertisement"},
	{"news.example.net", "Metro News", "Read more"},
	{"globe.example.com", "The Globe Post", "Share this article"},
}

// Corpus returns the sample corpus: every original story, plus copies made the way
// syndication and scraping make them. Every third story is syndicated word for word with
// site furniture added; every third is lightly rewritten (a new headline, its last
// paragraph dropped, a word changed); every fourth is scraped with its headline and a
// paragraph repeated. The variants are generated, so the corpus has a known clustering.
func Corpus() []Doc {
	var docs []Doc
	add := func(s story, variant, url, source, title string, paras []string) {
		text := title + "\n" + strings.Join(paras, "\n")
		data, _ := json.Marshal(map[string]string{"url": url, "title": "", "text": text, "published": s.published})
		docs = append(docs, Doc{
			Name: fmt.Sprintf("sample-corpus/%02d-%s.json", len(docs)+1, variant), URL: url, Source: source,
			Published: s.published, Story: s.url, Variant: variant, Data: data,
		})
	}
	for i, s := range parseOriginals() {
		add(s, "original", s.url, s.source, s.title, s.paras)
		slug := s.url[strings.LastIndex(s.url, "/")+1:]
		if i%3 == 0 {
			o := outlets[i%len(outlets)]
			paras := append(append([]string{}, s.paras...), o.furniture)
			add(s, "syndicated", "https://"+o.host+"/world/"+slug, o.name, s.title, paras)
		}
		if i%3 == 1 && len(s.paras) > 2 {
			o := outlets[(i+1)%len(outlets)]
			paras := append([]string{}, s.paras[:len(s.paras)-1]...)
			paras[0] = strings.Replace(paras[0], " on ", " late on ", 1)
			add(s, "rewrite", "https://"+o.host+"/news/"+slug+"-update", o.name, "UPDATE: "+s.title, paras)
		}
		if i%4 == 3 {
			o := outlets[(i+2)%len(outlets)]
			paras := append([]string{s.title}, s.paras...)
			paras = append(paras, s.paras[0])
			add(s, "scraped", "https://"+o.host+"/a/"+slug+"?utm_source=feed", o.name, s.title, paras)
		}
	}
	return docs
}
