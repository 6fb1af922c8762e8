package export

import (
	"strconv"
	"strings"
)

// The make*Rec functions take the Row by value: they are called through function
// values, and a pointer passed that way would move every row to the heap.
//
// The flat records below are the columns of both the CSV and the Parquet exports, so the
// two formats cannot drift apart: a column is added once, with its Parquet name and type
// in the tag and its CSV text in fields. Go ints become Parquet INT64, float64 DOUBLE,
// string BYTE_ARRAY with the STRING logical type, and []string a LIST of STRING.

type articleRec struct {
	ID        int64    `parquet:"id"`
	Cluster   string   `parquet:"cluster"`
	Source    string   `parquet:"source"`
	Path      string   `parquet:"path"`
	URL       string   `parquet:"url"`
	Title     string   `parquet:"title"`
	Subtitle  string   `parquet:"subtitle"`
	Byline    string   `parquet:"byline"`
	Published string   `parquet:"published"`
	Language  string   `parquet:"language"`
	Entities  []string `parquet:"entities,list"` // entity names, in order of first mention
	NumQuotes int      `parquet:"num_quotes"`
	NumEvents int      `parquet:"num_events"`
	Text      string   `parquet:"text"`
}

var articleHeader = []string{"id", "cluster", "source", "path", "url", "title", "subtitle", "byline",
	"published", "language", "entities", "num_quotes", "num_events", "text"}

func makeArticleRec(r Row) (articleRec, error) {
	a, err := r.article()
	if err != nil {
		return articleRec{}, err
	}
	names := make([]string, len(a.Entities))
	for i := range a.Entities {
		names[i] = a.Entities[i].Name
	}
	return articleRec{ID: r.ArticleID, Cluster: r.Cluster, Source: r.Source, Path: a.Path, URL: a.URL,
		Title: a.Title, Subtitle: a.Subtitle, Byline: a.Byline, Published: a.Published, Language: a.Language,
		Entities: names, NumQuotes: len(a.Quotes), NumEvents: len(a.Events), Text: a.Text}, nil
}

func (x *articleRec) fields(f []string) []string {
	return append(f, itoa(x.ID), x.Cluster, x.Source, x.Path, x.URL, x.Title, x.Subtitle, x.Byline,
		x.Published, x.Language, join(x.Entities), strconv.Itoa(x.NumQuotes), strconv.Itoa(x.NumEvents), x.Text)
}

type eventRec struct {
	ArticleID    int64   `parquet:"article_id"`
	Index        int     `parquet:"index"`
	Cluster      string  `parquet:"cluster"`
	URL          string  `parquet:"url"`
	Published    string  `parquet:"published"`
	SourceName   string  `parquet:"source_name"`
	SourceCode   string  `parquet:"source_code"`
	SourceEntity string  `parquet:"source_entity"`
	TargetName   string  `parquet:"target_name"`
	TargetCode   string  `parquet:"target_code"`
	TargetEntity string  `parquet:"target_entity"`
	Cameo        string  `parquet:"cameo"`
	CameoRoot    string  `parquet:"cameo_root"`
	CameoName    string  `parquet:"cameo_name"`
	QuadClass    int     `parquet:"quad_class"`
	Goldstein    float64 `parquet:"goldstein"`
	Plover       string  `parquet:"plover"`
	PloverMode   string  `parquet:"plover_mode"`
	Modality     string  `parquet:"modality"`
	Cue          string  `parquet:"cue"`
	Sentence     int     `parquet:"sentence"`
	Evidence     string  `parquet:"evidence"`
}

var eventHeader = []string{"article_id", "index", "cluster", "url", "published",
	"source_name", "source_code", "source_entity", "target_name", "target_code", "target_entity",
	"cameo", "cameo_root", "cameo_name", "quad_class", "goldstein", "plover", "plover_mode",
	"modality", "cue", "sentence", "evidence"}

func makeEventRec(r Row) (eventRec, error) {
	e, err := r.event()
	if err != nil {
		return eventRec{}, err
	}
	return eventRec{ArticleID: r.ArticleID, Index: r.EventIndex, Cluster: r.Cluster, URL: r.url(), Published: r.published(),
		SourceName: e.Source.Name, SourceCode: e.Source.Code, SourceEntity: e.Source.Entity,
		TargetName: e.Target.Name, TargetCode: e.Target.Code, TargetEntity: e.Target.Entity,
		Cameo: e.Cameo, CameoRoot: e.CameoRoot, CameoName: e.CameoName, QuadClass: e.QuadClass, Goldstein: e.Goldstein,
		Plover: e.Plover, PloverMode: e.PloverMode, Modality: e.Modality, Cue: e.Cue, Sentence: e.Sentence,
		Evidence: e.Evidence}, nil
}

func (x *eventRec) fields(f []string) []string {
	return append(f, itoa(x.ArticleID), strconv.Itoa(x.Index), x.Cluster, x.URL, x.Published,
		x.SourceName, x.SourceCode, x.SourceEntity, x.TargetName, x.TargetCode, x.TargetEntity,
		x.Cameo, x.CameoRoot, x.CameoName, strconv.Itoa(x.QuadClass), ftoa(x.Goldstein), x.Plover, x.PloverMode,
		x.Modality, x.Cue, strconv.Itoa(x.Sentence), x.Evidence)
}

type quoteRec struct {
	ArticleID    int64    `parquet:"article_id"`
	Cluster      string   `parquet:"cluster"`
	URL          string   `parquet:"url"`
	Published    string   `parquet:"published"`
	Kind         string   `parquet:"kind"`
	Speaker      string   `parquet:"speaker"`
	SpeakerName  string   `parquet:"speaker_name"`
	SpeakerStart int      `parquet:"speaker_start"`
	SpeakerEnd   int      `parquet:"speaker_end"`
	Cue          string   `parquet:"cue"`
	Hedges       []string `parquet:"hedges,list"`
	Start        int      `parquet:"start"`
	End          int      `parquet:"end"`
	Text         string   `parquet:"text"`
}

var quoteHeader = []string{"article_id", "cluster", "url", "published", "kind", "speaker", "speaker_name",
	"speaker_start", "speaker_end", "cue", "hedges", "start", "end", "text"}

func makeQuoteRec(r Row) (quoteRec, error) {
	q, err := r.quote()
	if err != nil {
		return quoteRec{}, err
	}
	return quoteRec{ArticleID: r.ArticleID, Cluster: r.Cluster, URL: r.url(), Published: r.published(),
		Kind: q.Kind, Speaker: q.Speaker, SpeakerName: q.SpeakerName, SpeakerStart: q.SpeakerStart, SpeakerEnd: q.SpeakerEnd,
		Cue: q.Cue, Hedges: q.Hedges, Start: q.Start, End: q.End, Text: q.Text}, nil
}

func (x *quoteRec) fields(f []string) []string {
	return append(f, itoa(x.ArticleID), x.Cluster, x.URL, x.Published, x.Kind, x.Speaker, x.SpeakerName,
		strconv.Itoa(x.SpeakerStart), strconv.Itoa(x.SpeakerEnd), x.Cue, join(x.Hedges),
		strconv.Itoa(x.Start), strconv.Itoa(x.End), x.Text)
}

type entityRec struct {
	ArticleID     int64    `parquet:"article_id"`
	Cluster       string   `parquet:"cluster"`
	URL           string   `parquet:"url"`
	Published     string   `parquet:"published"`
	ID            string   `parquet:"id"`
	Name          string   `parquet:"name"`
	Type          string   `parquet:"type"`
	Country       string   `parquet:"country"`
	Actor         string   `parquet:"actor"`
	Sector        string   `parquet:"sector"`
	PostedTo      string   `parquet:"posted_to"`
	Roles         []string `parquet:"roles,list"`
	Names         []string `parquet:"names,list"` // distinct texts of the name mentions
	NumMentions   int      `parquet:"num_mentions"`
	NumReferences int      `parquet:"num_references"`
}

var entityHeader = []string{"article_id", "cluster", "url", "published", "id", "name", "type", "country",
	"actor", "sector", "posted_to", "roles", "names", "num_mentions", "num_references"}

func makeEntityRec(r Row) (entityRec, error) {
	e, err := r.entity()
	if err != nil {
		return entityRec{}, err
	}
	return entityRec{ArticleID: r.ArticleID, Cluster: r.Cluster, URL: r.url(), Published: r.published(),
		ID: e.ID, Name: e.Name, Type: e.Type, Country: e.Country, Actor: e.Actor, Sector: e.Sector, PostedTo: e.PostedTo,
		Roles: e.Roles, Names: mentionNames(e.Mentions), NumMentions: len(e.Mentions), NumReferences: len(e.References)}, nil
}

func (x *entityRec) fields(f []string) []string {
	return append(f, itoa(x.ArticleID), x.Cluster, x.URL, x.Published, x.ID, x.Name, x.Type, x.Country,
		x.Actor, x.Sector, x.PostedTo, join(x.Roles), join(x.Names), strconv.Itoa(x.NumMentions), strconv.Itoa(x.NumReferences))
}

// join flattens a list for CSV. Herald's lists (roles, hedges, names) are short words and
// names that do not hold ";"; the Parquet export keeps them as real lists.
func join(s []string) string { return strings.Join(s, ";") }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// ftoa writes the shortest text that reads back as the same float.
func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
