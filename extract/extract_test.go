package extract

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/sample"
)

func pipeline(t testing.TB) *Pipeline {
	t.Helper()
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func sampleArticle(t *testing.T, name string) *article.Article {
	t.Helper()
	for _, s := range sample.Articles() {
		if strings.HasSuffix(s.Name, name) {
			a, err := pipeline(t).Extract(Input{Path: s.Name, Data: s.Data})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
	}
	t.Fatalf("no sample %s", name)
	return nil
}

func entityNamed(a *article.Article, name string) *article.Entity {
	for i := range a.Entities {
		if a.Entities[i].Name == name {
			return &a.Entities[i]
		}
	}
	return nil
}

// TestSeedStyleArticle checks the acceptance points of the article core on a sample
// written in the style of a scraped wire story: lede before the headline, the headline
// twice, two paragraphs repeated.
func TestSeedStyleArticle(t *testing.T) {
	a := sampleArticle(t, "01-chile-peru-border.txt")
	if a.Title != "Chile Rules Out Troops at Peru Border as Talks Continue" {
		t.Errorf("title %q", a.Title)
	}
	if strings.Count(a.Text, "Chile Rules Out Troops") != 1 {
		t.Errorf("headline appears %d times in text", strings.Count(a.Text, "Chile Rules Out Troops"))
	}
	kinds := map[string]int{}
	for _, r := range a.Removed {
		kinds[r.Kind]++
	}
	if kinds[article.RemovedDuplicateTitle] != 1 || kinds[article.RemovedDuplicateParagraph] != 1 {
		t.Errorf("removed %v, want one duplicate title and one duplicate paragraph", kinds)
	}
	if strings.Count(a.Text, "U.S. Ambassador to Chile") != 1 {
		t.Errorf("repeated paragraph kept")
	}
	if !strings.HasPrefix(a.Paragraphs[0], "Chilean President Ana Vidal said") {
		t.Errorf("lede lost or moved: %q", a.Paragraphs[0])
	}

	people := []struct{ name, role, country, actor, posted string }{
		{"Ana Vidal", "President", "CHL", "CHLGOV", ""},
		{"Luis Moreno", "President", "PER", "PERGOV", ""},
		{"Hugo Lind", "Defence Minister", "PER", "PERGOV", ""},
		{"Mark Ellison", "Ambassador", "USA", "USAGOV", "CHL"},
	}
	for _, p := range people {
		e := entityNamed(a, p.name)
		if e == nil {
			t.Errorf("no entity %s", p.name)
			continue
		}
		if e.Type != article.Person || e.Country != p.country || e.Actor != p.actor || e.PostedTo != p.posted || !contains(e.Roles, p.role) {
			t.Errorf("%s: %s %s %s posted %q roles %v; want PERSON %s %s posted %q role %s", p.name, e.Type, e.Country, e.Actor, e.PostedTo, e.Roles, p.country, p.actor, p.posted, p.role)
		}
	}
	if e := entityNamed(a, "Ana Vidal"); e != nil && len(e.Mentions) < 3 {
		t.Errorf("Vidal's later mentions not linked: %v", e.Mentions)
	}
	for name, want := range map[string][2]string{"Chile": {article.GPE, "CHL"}, "Chilean": {article.NORP, "CHL"}, "Peruvian": {article.NORP, "PER"}} {
		e := entityNamed(a, name)
		if e == nil || e.Type != want[0] || e.Country != want[1] {
			t.Errorf("%s = %+v, want %v", name, e, want)
		}
	}
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if []rune(a.Text)[m.Start] != []rune(m.Text)[0] {
				t.Errorf("mention %q offset %d does not point at its text", m.Text, m.Start)
			}
		}
	}

	// Part 2: quotes.
	var direct, remarked, according bool
	for _, q := range a.Quotes {
		switch {
		case q.Kind == article.QuoteDirect && strings.HasPrefix(q.Text, "Chile will not answer") && q.SpeakerName != "" && strings.Contains("Ana Vidal", q.SpeakerName):
			direct = true
		case q.Kind == article.QuoteIndirect && q.Cue == "remarked" && strings.Contains(q.SpeakerName, "Rossi"):
			remarked = true
		case q.Kind == article.QuoteAccordingTo && contains(q.Hedges, "reportedly"):
			according = true
		}
	}
	if !direct || !remarked || !according {
		t.Errorf("quotes: direct by Vidal %v, reported speech with 'remarked' %v, according-to with hedge %v", direct, remarked, according)
	}
	// Part 2: events.
	var reject, praise bool
	for _, e := range a.Events {
		if e.Plover == "REJECT" && strings.HasPrefix(e.Source.Code, "CHL") {
			reject = true
		}
		if (e.Cameo == "051" || e.Plover == "SUPPORT") && strings.HasPrefix(e.Source.Code, "USA") {
			praise = true
		}
	}
	if !reject || !praise {
		t.Errorf("events: Chile REJECT %v, US praise %v", reject, praise)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestInputs(t *testing.T) {
	p := pipeline(t)
	tests := []struct {
		name    string
		in      Input
		title   string
		wantErr bool
	}{
		{"json", Input{Path: "a.json", Data: []byte(`{"url":"https://example.org/a","title":"Port Strike Ends","text":"Port Strike Ends\nDock workers in Lisbon went back to work on Monday.","published":"2025-01-02"}`)}, "Port Strike Ends", false},
		{"html", Input{Path: "a.html", Data: []byte(`<html><head><title>Port Strike Ends</title></head><body><article><h1>Port Strike Ends</h1><p>Dock workers in Lisbon went back to work on Monday after a week-long strike over pay and hours.</p><p>The union said the deal was fair and that members had voted for it by a wide margin.</p></article></body></html>`)}, "Port Strike Ends", false},
		{"bad json", Input{Path: "b.json", Data: []byte(`{"title": `)}, "", true},
		{"too large", Input{Path: "big.txt", Data: make([]byte, DefaultMaxBytes+1)}, "", true},
		{"binary", Input{Path: "x.txt", Data: []byte("\x00\x01\xff\xfe binary \x00")}, "", false},
		{"one 1 MB line", Input{Path: "long.txt", Data: []byte(strings.Repeat("Officials in Lima said talks would go on ", 25000))}, "", false},
		{"100,000 paragraphs", Input{Path: "many.txt", Data: []byte(strings.Repeat("Talks went on.\n", 100000))}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := p.Extract(tc.in)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err == nil && a.Title != tc.title {
				t.Errorf("title %q, want %q", a.Title, tc.title)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range sample.Articles() {
		f.Add(s.Data)
	}
	f.Add([]byte("<html><body><p>\"Quote,\" she said.</p></body></html>"))
	f.Add([]byte(`{"title":"x","text":"\u0000"}`))
	p := pipeline(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := p.Extract(Input{Data: data})
		if err != nil {
			return
		}
		n := len([]rune(a.Text))
		for _, s := range a.Sentences {
			if s.Start < 0 || s.End > n || s.Start > s.End {
				t.Fatalf("sentence %v out of range %d", s, n)
			}
		}
	})
}

func TestUserDictionary(t *testing.T) {
	dir := t.TempDir()
	file := dir + "/extra.txt"
	// The gazetteer's own format: kind, code, country, type, names.
	if err := os.WriteFile(file, []byte("country\tRUR\tRUR\tGPE\tRuritania\ndemonym\tRUR\tRUR\tNORP\tRuritanian | Ruritanians\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{DictFiles: []string{file}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Extract(Input{Path: "r.txt", Data: []byte("Ruritanian President Anna Berg arrived in Ruritania on Monday.")})
	if err != nil {
		t.Fatal(err)
	}
	if e := entityNamed(a, "Anna Berg"); e == nil || e.Country != "RUR" || e.Actor != "RURGOV" {
		t.Errorf("Anna Berg = %+v, want country RUR actor RURGOV from the user dictionary", e)
	}
	if _, err := New(Options{DictFiles: []string{dir + "/missing.txt"}}); err == nil {
		t.Error("a missing dictionary file is not an error")
	}
}

// isEnglishWord must answer as the map lookup of strings.ToLower does, including for
// the non-ASCII letters that lower-case to ASCII ones.
func TestIsEnglishWord(t *testing.T) {
	words := []string{"", "the", "The", "THE", "tHe", "said", "Said", "SAID", "will", "With",
		"İt", "İS", "\u212Aa", "ſaid", "théé", "x", "Have", "HAVES", "hello", "Äs", "as\xff"}
	for w := range englishWords {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	for _, w := range words {
		if got, want := isEnglishWord(w), englishWords[strings.ToLower(w)]; got != want {
			t.Errorf("isEnglishWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestPooledDocDoesNotLeak extracts articles one after another with one pipeline, whose
// analysis reuses a pooled nlp.Doc, and checks that no article keeps a piece of it: each
// article's JSON is the same after the others have been processed as right after its own.
func TestPooledDocDoesNotLeak(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	arts := sample.Articles()
	if len(arts) > 12 {
		arts = arts[:12]
	}
	var got []*article.Article
	var first [][]byte
	for _, s := range arts {
		a, err := p.Extract(Input{Path: s.Name, Data: s.Data})
		if err != nil {
			t.Fatal(err)
		}
		j, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		got, first = append(got, a), append(first, j)
	}
	for i, a := range got {
		j, _ := json.Marshal(a)
		if !bytes.Equal(j, first[i]) {
			t.Errorf("%s changed after later articles were extracted", arts[i].Name)
		}
	}
}

// TestPublishedDateChoosesTerm checks an input's publication date reaches the entity
// stage: a JSON article's "published", or an HTML page's date, picks the office holder's
// term, and a plain-text article (undated) gets the latest.
func TestPublishedDateChoosesTerm(t *testing.T) {
	file := t.TempDir() + "/terms.txt"
	terms := "person  FRALEG@2017-05-01..2019-01-01,FRAGOV@2020-03-01..2022-05-01  FRA  PERSON  Odile Vantreuil\n"
	if err := os.WriteFile(file, []byte(terms), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{DictFiles: []string{file}, NoQuotes: true, NoEvents: true})
	if err != nil {
		t.Fatal(err)
	}
	const body = "Odile Vantreuil told reporters in Lyon on Tuesday that the budget was fair."
	for _, c := range []struct {
		name, path, data, actor string
	}{
		{"JSON, legislator", "a.json", `{"title":"Budget","text":"` + body + `","published":"2018-09-04T10:00:00+02:00"}`, "FRALEG"},
		{"JSON, minister", "b.json", `{"title":"Budget","text":"` + body + `","published":"2021-09-07"}`, "FRAGOV"},
		{"JSON, between terms", "c.json", `{"title":"Budget","text":"` + body + `","published":"2019-06-04"}`, "FRA"},
		{"HTML page date", "d.html", `<html><head><title>Budget</title><meta property="article:published_time" content="2018-09-04T10:00:00Z"></head><body><article><h1>Budget</h1><p>` + body + ` The minister added that the plan would be debated in the spring, after the regional elections.</p></article></body></html>`, "FRALEG"},
		{"text, undated", "e.txt", body, "FRAGOV"},
	} {
		a, err := p.Extract(Input{Path: c.path, Data: []byte(c.data)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if e := entityNamed(a, "Odile Vantreuil"); e == nil || e.Actor != c.actor {
			t.Errorf("%s (published %q): %+v, want actor %s", c.name, a.Published, e, c.actor)
		}
	}
}

// TestEventActorTerm checks an event's source is its speaker's office on the article's
// date, each term with its own country: a national prime minister's code, then an
// international body's whole (no country prefixed to it).
func TestEventActorTerm(t *testing.T) {
	file := t.TempDir() + "/terms.txt"
	terms := "person  NORGOV@2005-01-01..2012-01-01,IGOWSTNAT@2014-01-01..2020-01-01  NOR  PERSON  Halvard Eikrem\n"
	if err := os.WriteFile(file, []byte(terms), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{DictFiles: []string{file}, NoQuotes: true})
	if err != nil {
		t.Fatal(err)
	}
	const body = "Halvard Eikrem told reporters on Monday that he had criticized the government of Kenya."
	for _, c := range []struct{ published, source string }{
		{"2016-03-07", "IGOWSTNAT"},
		{"2009-03-09", "NORGOV"},
		{"2013-03-04", "NOR"},
	} {
		data := `{"title":"Talks","text":"` + body + `","published":"` + c.published + `"}`
		a, err := p.Extract(Input{Path: "a.json", Data: []byte(data)})
		if err != nil {
			t.Fatal(err)
		}
		if e := entityNamed(a, "Halvard Eikrem"); e == nil || e.Type != article.Person || e.Actor != c.source {
			t.Errorf("published %s: entity %+v, want a person, actor %s", c.published, e, c.source)
		}
		var got []string
		for _, e := range a.Events {
			got = append(got, e.Source.Code)
		}
		if len(got) != 1 || got[0] != c.source {
			t.Errorf("published %s: event sources %q, want [%s]", c.published, got, c.source)
		}
	}
}

// An event in a quotation the coder cannot see as one (the quotation began sentences
// before, the cue is after it) is what the speaker says, not what the article asserts;
// a speaker's own act in her words stays asserted.
func TestEventsInQuotesReported(t *testing.T) {
	const text = "Kenyan President Amina Odhiambo spoke to reporters in Nairobi on Monday.\n\n" +
		"“We will not be silent about this. Ugandan troops attacked our border posts last week. The world must act now,” she said.\n\n" +
		"Kenyan troops attacked Somali rebel camps on Tuesday.\n"
	a, err := pipeline(t).Extract(Input{Path: "quoted.txt", Data: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range a.Events {
		got[e.Source.Code+" "+e.Cameo] = e.Modality
	}
	if m := got["UGAMIL 190"]; m != article.Reported {
		t.Errorf("Ugandan attack in the quotation: modality %q, want reported (events %v)", m, got)
	}
	if m := got["KENMIL 190"]; m != article.Asserted {
		t.Errorf("Kenyan attack in the article's own words: modality %q, want asserted (events %v)", m, got)
	}
}

// TestSayingClauseReported: an event inside ", saying …" is the speaker's claim even when
// the coder's cue takes in the speech verb ("saying its forces hit"); the main clause's
// own act and a refusal ("refused to sign") are not.
func TestSayingClauseReported(t *testing.T) {
	const text = "Ethiopia denied shelling a Kenyan hospital in Moyale, saying its forces hit only rebel positions.\n\n" +
		"Uganda refused to sign the border agreement with Kenya.\n"
	a, err := pipeline(t).Extract(Input{Path: "saying.txt", Data: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Events {
		inSaying := e.Sentence == 0 && strings.Contains(e.Cue, "hit")
		switch {
		case inSaying && e.Modality != article.Reported:
			t.Errorf("%s %s [%s] in the saying clause: %s, want reported", e.Source.Code, e.Cameo, e.Cue, e.Modality)
		case e.Sentence == 1 && e.Modality != article.Asserted:
			t.Errorf("%s %s [%s]: %s, want asserted", e.Source.Code, e.Cameo, e.Cue, e.Modality)
		}
	}
	found := false
	for _, e := range a.Events {
		found = found || e.Sentence == 0 && strings.Contains(e.Cue, "hit")
	}
	if !found {
		t.Errorf("no event for the saying clause: %v", a.Events)
	}
}

// TestDatelineNoActor: a wire dateline's place and agency are no actors; the agency's
// country (AP, American) must not become the country of the people in the story.
func TestDatelineNoActor(t *testing.T) {
	const text = "DAKAR, Senegal (AP) — Opposition supporters demonstrated outside the National Assembly on Monday.\n"
	a, err := pipeline(t).Extract(Input{Path: "dateline.txt", Data: []byte(text)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range a.Events {
		found = found || e.Plover == "PROTEST"
		if strings.HasPrefix(e.Source.Code, "USA") || strings.HasPrefix(e.Target.Code, "USA") {
			t.Errorf("%s %s>%s [%s]: the agency's country as an actor", e.Plover, e.Source.Code, e.Target.Code, e.Cue)
		}
	}
	if !found {
		t.Errorf("no PROTEST event: %v", a.Events)
	}
}
