package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heraldnews/herald/article"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// doc builds an article from a title and paragraphs the way extraction lays out Text
// (title, then paragraphs, separated by blank lines), one sentence per block, with spans
// in code points.
func doc(url, published, title string, paras ...string) *article.Article {
	a := article.New()
	a.URL, a.Published, a.Title, a.Language = url, published, title, "en"
	a.Paragraphs = paras
	blocks := append([]string{title}, paras...)
	a.Text = strings.Join(blocks, "\n\n")
	at := 0
	for _, b := range blocks {
		n := utf8.RuneCountInString(b)
		a.Sentences = append(a.Sentences, article.Span{Start: at, End: at + n})
		at += n + 2
	}
	return a
}

// testRows returns made-up articles with what breaks exporters: HTML and script in a
// title, tabs and line breaks in titles, quotes and URLs, quotation marks and commas,
// non-ASCII text, an article built without article.New (nil lists) and one with no date.
func testRows() []Row {
	a1 := doc("https://example.test/news/1?a=1&b=2", "2024-03-05T14:30:00-05:00",
		"Chile <b>rejects</b> <script>alert(\"x\")</script>\ttroop plan",
		"Chilean President Ana Vidal rejected Peru's demand, officials said.",
		"Later, the U.N. urged calm; \"We are watching\", a spokesman said.")
	a1.Byline = "Jane Roe, Staff"
	a1.Subtitle = "Talks go on,\nfor now"
	a1.Removed = []article.Removed{{Kind: article.RemovedBoilerplate, Text: "Subscribe now"}}
	a1.Entities = []article.Entity{
		{ID: "E1", Name: "Chile", Type: article.GPE, Country: "CHL", Roles: []string{}, Actor: "CHL",
			Mentions: []article.Mention{{Start: 0, End: 5, Text: "Chile", Kind: "name"}}, References: []article.Mention{}},
		{ID: "E2", Name: "Ana Vidal", Type: article.Person, Country: "CHL", Roles: []string{"President", "Party leader"},
			Actor: "CHLGOV", Sector: "GOV",
			Mentions:   []article.Mention{{Start: 80, End: 89, Text: "Ana Vidal", Kind: "name"}, {Start: 140, End: 145, Text: "Vidal", Kind: "alias"}, {Start: 150, End: 155, Text: "Vidal", Kind: "alias"}},
			References: []article.Mention{{Start: 160, End: 163, Text: "she", Kind: "pronoun"}}},
		{ID: "E3", Name: "United Nations", Type: article.Org, Roles: []string{}, Actor: "IGOUNO",
			Mentions: []article.Mention{{Start: 150, End: 154, Text: "U.N.", Kind: "name"}}, References: []article.Mention{}},
	}
	a1.Quotes = []article.Quote{
		{Kind: article.QuoteDirect, Text: "We are watching,\n\tclosely", Start: 160, End: 186, Speaker: "",
			SpeakerName: "a spokesman", SpeakerStart: 190, SpeakerEnd: 201, Cue: "said", Hedges: []string{}},
		{Kind: article.QuoteIndirect, Text: "Peru's demand was \"unacceptable\", <i>really</i>", Start: 10, End: 50,
			Speaker: "E2", SpeakerName: "Ana Vidal", SpeakerStart: 0, SpeakerEnd: 9, Cue: "said", Hedges: []string{"reportedly", "could"}},
	}
	a1.Events = []article.Event{
		{Source: article.Actor{Name: "Ana Vidal", Code: "CHLGOV", Entity: "E2"}, Target: article.Actor{Name: "Peru", Code: "PER"},
			Cameo: "1212", CameoRoot: "12", CameoName: "Reject military cooperation", QuadClass: 3, Goldstein: -4,
			Plover: "REJECT", PloverMode: "", Modality: article.Asserted, Evidence: a1.Paragraphs[0], Sentence: 1, Cue: "rejected"},
		{Source: article.Actor{Name: "the U.N.", Code: "IGOUNO", Entity: "E3"}, Target: article.Actor{Name: "Chile\tand\nPeru", Code: ""},
			Cameo: "02", CameoRoot: "02", CameoName: "APPEAL", QuadClass: 1, Goldstein: 3,
			Modality: article.Reported, Evidence: a1.Paragraphs[1], Sentence: 2, Cue: "urged"},
	}

	a2 := doc("https://example.test/ü/2", "2023-12-31",
		"Ministra de Defensa viaja a Bogotá — «diálogo» 🕊",
		"Colombia's defence minister met the Afghan Taliban envoy.",
		"The talks were about refugees.")
	a2.Entities = []article.Entity{{ID: "E1", Name: "Taliban", Type: article.Org, Country: "AFG", Actor: "AFGINSTAL",
		Roles: []string{}, Mentions: []article.Mention{{Start: 1, End: 2, Text: "Taliban"}}, References: []article.Mention{}}}
	a2.Events = []article.Event{
		{Source: article.Actor{Name: "Colombia's defence minister", Code: "COLGOV"}, Target: article.Actor{Name: "Afghan Taliban envoy", Code: "AFGINSTAL", Entity: "E1"},
			Cameo: "040", CameoRoot: "04", CameoName: "Consult, not specified below", QuadClass: 1, Goldstein: 1,
			Plover: "CONSULT", PloverMode: "meet", Modality: article.Asserted, Evidence: a2.Paragraphs[0], Sentence: 1, Cue: "met"},
		{Source: article.Actor{Name: "WHO", Code: "IGOUNOHLHWHO"}, Target: article.Actor{Name: "Catholic bishops", Code: "ITARELCTH"},
			Cameo: "0233", CameoRoot: "02", QuadClass: 1, Goldstein: 3.4, Modality: article.Hypothetical,
			Evidence: a2.Paragraphs[1], Sentence: 2, Cue: "appealed"},
	}

	// Built by hand without article.New: nil lists, no date, no URL.
	a3 := &article.Article{Path: "inbox/wire.txt", Title: "Untitled", Text: "Untitled"}

	rows := []Row{
		{Article: a1, ArticleID: 1, Cluster: "c1", Source: "Example Wire feed"},
		{Article: a2, ArticleID: 2, Cluster: "c1", Source: "https://example.test/feed.xml"},
		{Article: a3, ArticleID: 3, Source: "inbox/wire.txt"},
	}
	return rows
}

// rowsOf expands article rows into the rows the store streams for what.
func rowsOf(what string, arts []Row) []Row {
	if what == "articles" {
		return arts
	}
	var out []Row
	for _, r := range arts {
		a := r.Article
		switch what {
		case "events":
			for i := range a.Events {
				out = append(out, Row{Article: a, ArticleID: r.ArticleID, Cluster: r.Cluster, Source: r.Source, Event: &a.Events[i], EventIndex: i})
			}
		case "quotes":
			for i := range a.Quotes {
				out = append(out, Row{Article: a, ArticleID: r.ArticleID, Cluster: r.Cluster, Quote: &a.Quotes[i]})
			}
		case "entities":
			for i := range a.Entities {
				out = append(out, Row{Article: a, ArticleID: r.ArticleID, Cluster: r.Cluster, Entity: &a.Entities[i]})
			}
		}
	}
	return out
}

func export(t testing.TB, what, format string, rows []Row, opts ...Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, what, format, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatalf("%s %s: Write: %v", what, format, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("%s %s: Close: %v", what, format, err)
	}
	return buf.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./export -update rewrites it after review):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestGolden(t *testing.T) {
	arts := testRows()
	tests := []struct {
		what, format string
		opts         []Option
		check        func(t *testing.T, out []byte, rows []Row)
	}{
		{"articles", "jsonl", nil, checkJSONL},
		{"events", "jsonl", nil, checkJSONL},
		{"quotes", "jsonl", nil, checkJSONL},
		{"entities", "jsonl", nil, checkJSONL},
		{"articles", "csv", nil, checkCSV},
		{"events", "csv", nil, checkCSV},
		{"quotes", "csv", nil, checkCSV},
		{"entities", "csv", nil, checkCSV},
		{"events", "gdelt", nil, checkGDELT},
	}
	for _, tc := range tests {
		t.Run(tc.what+"."+tc.format, func(t *testing.T) {
			rows := rowsOf(tc.what, arts)
			out := export(t, tc.what, tc.format, rows, tc.opts...)
			tc.check(t, out, rows)
			golden(t, tc.what+"."+tc.format, out)
		})
	}
}

// checkJSONL: one valid object per line, one line per row, nothing null where the
// schema promises a list.
func checkJSONL(t *testing.T, out []byte, rows []Row) {
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines for %d rows", len(lines), len(rows))
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if strings.Contains(l, ":null") {
			t.Errorf("line %d has a null: %s", i+1, l)
		}
	}
}

// checkCSV: a CSV reader gets the header and one record per row, every record as wide as
// the header, and the tricky text back exactly.
func checkCSV(t *testing.T, out []byte, rows []Row) {
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rows)+1 {
		t.Fatalf("%d records for %d rows and a header", len(recs), len(rows))
	}
	for _, r := range recs[1:] {
		if len(r) != len(recs[0]) {
			t.Fatalf("record of %d fields under a header of %d", len(r), len(recs[0]))
		}
	}
	col := func(name string) int {
		for i, h := range recs[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q", name)
		return -1
	}
	switch recs[0][len(recs[0])-1] {
	case "text":
		if rows[0].Quote != nil { // quotes
			if got := recs[1][col("text")]; got != rows[0].Quote.Text {
				t.Errorf("quote text %q, want %q", got, rows[0].Quote.Text)
			}
		} else if got := recs[1][col("title")]; got != rows[0].Article.Title {
			t.Errorf("title %q, want %q", got, rows[0].Article.Title)
		}
	}
}

// checkGDELT: one line per event, each of exactly 61 tab-separated columns.
func checkGDELT(t *testing.T, out []byte, rows []Row) {
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines for %d events", len(lines), len(rows))
	}
	for i, l := range lines {
		if n := len(strings.Split(l, "\t")); n != 61 {
			t.Errorf("line %d has %d columns, want 61", i+1, n)
		}
		if strings.ContainsRune(l, '\r') {
			t.Errorf("line %d holds a carriage return", i+1)
		}
	}
}

func TestGDELTColumns(t *testing.T) {
	rows := rowsOf("events", testRows())
	out := export(t, "events", "gdelt", rows[:1], GDELTHeader(true))
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want a header and one line, got %d lines", len(lines))
	}
	head, vals := strings.Split(lines[0], "\t"), strings.Split(lines[1], "\t")
	got := map[string]string{}
	for i, h := range head {
		got[h] = vals[i]
	}
	want := map[string]string{
		"GLOBALEVENTID": "10000", "SQLDATE": "20240305", "MonthYear": "202403", "Year": "2024",
		"FractionDate": "2024.1781", // ((3-1)*30+5)/365
		"Actor1Code":   "CHLGOV", "Actor1Name": "ANA VIDAL", "Actor1CountryCode": "CHL", "Actor1Type1Code": "GOV",
		"Actor2Code": "PER", "Actor2CountryCode": "PER", "Actor2Type1Code": "",
		"IsRootEvent": "1", "EventCode": "1212", "EventBaseCode": "121", "EventRootCode": "12",
		"QuadClass": "3", "GoldsteinScale": "-4.0", "NumMentions": "1", "NumSources": "1", "NumArticles": "1",
		"AvgTone": "", "Actor1Geo_Type": "0", "ActionGeo_Lat": "", "DATEADDED": "",
		"SOURCEURL": "https://example.test/news/1?a=1&b=2",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}

	// Aggregated counts and DATEADDED come from the row when the store has them.
	r := rows[2]
	r.NumMentions, r.NumSources, r.NumArticles = 7, 3, 4
	r.DateAdded = time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	vals = strings.Split(strings.TrimSuffix(string(export(t, "events", "gdelt", []Row{r})), "\n"), "\t")
	for col, v := range map[int]string{31: "7", 32: "3", 33: "4", 59: "20240102020405", 0: "20000", 25: "1", 30: "1.0"} {
		if vals[col] != v {
			t.Errorf("%s = %q, want %q", GDELTColumns[col], vals[col], v)
		}
	}
	// An event outside the lead is no root event.
	vals = strings.Split(string(export(t, "events", "gdelt", rows[1:2])), "\t")
	if vals[25] != "0" || vals[26] != "020" || vals[27] != "020" || vals[28] != "02" {
		t.Errorf("second paragraph event: IsRootEvent %q EventCode %q Base %q Root %q, want 0 020 020 02", vals[25], vals[26], vals[27], vals[28])
	}
}

func TestParseActor(t *testing.T) {
	tests := []struct {
		code string
		want actorParts
	}{
		{"", actorParts{}},
		{"USA", actorParts{country: "USA"}},
		{"MEXGOV", actorParts{country: "MEX", types: [3]string{"GOV"}}},
		{"USAGOVLEG", actorParts{country: "USA", types: [3]string{"GOV", "LEG"}}},
		{"IGOUNO", actorParts{group: "UNO", types: [3]string{"IGO"}}},
		{"IGOUNOHLHWHO", actorParts{group: "WHO", types: [3]string{"IGO", "HLH"}}},
		{"IGOEUREEC", actorParts{group: "EEC", types: [3]string{"IGO"}}},
		{"AFGINSTAL", actorParts{country: "AFG", group: "TAL", types: [3]string{"INS"}}},
		{"ITARELCTH", actorParts{country: "ITA", religion: [2]string{"REL", "CTH"}}},
		{"CRM", actorParts{types: [3]string{"CRM"}}},
		{"EUR", actorParts{country: "EUR"}},
		{"USAGOVMILSPYCOP", actorParts{country: "USA", types: [3]string{"GOV", "MIL", "SPY"}}},
		{"ABCD", actorParts{}},
	}
	for _, tc := range tests {
		if got := parseActor(tc.code); got != tc.want {
			t.Errorf("parseActor(%q) = %+v, want %+v", tc.code, got, tc.want)
		}
	}
}

func TestFractionDate(t *testing.T) {
	// 1 January 1979 is 1979.0027 in GDELT's own files.
	for _, tc := range []struct {
		y, m, d int
		want    string
	}{{1979, 1, 1, "1979.0027"}, {2024, 3, 5, "2024.1781"}, {2015, 2, 18, "2015.1315"}} {
		if got := strconv.FormatFloat(fractionDate(tc.y, tc.m, tc.d), 'f', 4, 64); got != tc.want {
			t.Errorf("%d-%02d-%02d: %s, want %s", tc.y, tc.m, tc.d, got, tc.want)
		}
	}
	// The date is read as written, whatever follows it; anything else has no date.
	for s, want := range map[string]int{"2024-03-05": 20240305, "2024-03-05T23:30:00-05:00": 20240305,
		"": 0, "2024": 0, "March 5, 2024": 0, "2024-13-01": 0, "05/03/2024": 0} {
		y, m, d, ok := publishedDate(s)
		if got := y*10000 + m*100 + d; ok != (want != 0) || got != want {
			t.Errorf("publishedDate(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
}

func TestNewWriterErrors(t *testing.T) {
	for _, tc := range []struct{ what, format, want string }{
		{"articles", "gdelt", "events only"},
		{"quotes", "gdelt", "events only"},
		{"events", "xml", "unknown --format"},
		{"stories", "jsonl", "unknown --what"},
	} {
		_, err := NewWriter(&bytes.Buffer{}, tc.what, tc.format)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewWriter(%s, %s) = %v, want an error saying %q", tc.what, tc.format, err, tc.want)
		}
	}
	// A row without the record asked for is an error, not a blank line.
	for _, format := range []string{"jsonl", "csv", "gdelt", "parquet"} {
		w, err := NewWriter(&bytes.Buffer{}, "events", format)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(Row{ArticleID: 9, Article: article.New()}); err == nil {
			t.Errorf("%s: writing an events row without an event succeeded", format)
		}
	}
}

// TestEmpty: an export of no rows is still a well-formed file of its format.
func TestEmpty(t *testing.T) {
	if out := export(t, "events", "csv", nil); string(out) != strings.Join(eventHeader, ",")+"\n" {
		t.Errorf("empty csv = %q", out)
	}
	if out := export(t, "events", "gdelt", nil); len(out) != 0 {
		t.Errorf("empty gdelt = %q", out)
	}
	if out := export(t, "events", "gdelt", nil, GDELTHeader(true)); strings.Count(string(out), "\t") != 60 {
		t.Errorf("empty gdelt with header = %q", out)
	}
	if out := export(t, "quotes", "jsonl", nil); len(out) != 0 {
		t.Errorf("empty jsonl = %q", out)
	}
}

// TestNoMutation: exporting never changes the caller's articles (nil lists are filled in
// a copy).
func TestNoMutation(t *testing.T) {
	rows := testRows()
	export(t, "articles", "jsonl", rows)
	if a := rows[2].Article; a.Paragraphs != nil || a.Entities != nil {
		t.Error("the article's nil lists were filled in place")
	}
}

// TestLinesStayLines reads every line-oriented output back with a line scanner: tabs and
// newlines in the text must never split a record.
func TestLinesStayLines(t *testing.T) {
	arts := testRows()
	for _, what := range Whats {
		rows := rowsOf(what, arts)
		sc := bufio.NewScanner(bytes.NewReader(export(t, what, "jsonl", rows)))
		n := 0
		for sc.Scan() {
			n++
		}
		if n != len(rows) {
			t.Errorf("%s jsonl: %d lines for %d rows", what, n, len(rows))
		}
	}
}
