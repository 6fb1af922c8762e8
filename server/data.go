package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
)

// EntityKey names an entity across articles the way Store.Entities groups them: by type,
// country and name. It is the {id} of /entities/{id} and /api/entities/{id} (URL-escaped).
func EntityKey(name, typ, country string) string { return typ + ":" + country + ":" + name }

func parseEntityKey(key string) (name, typ, country string, ok bool) {
	parts := strings.SplitN(key, ":", 3)
	if len(parts) != 3 || parts[2] == "" {
		return "", "", "", false
	}
	return parts[2], parts[0], parts[1], true
}

// entityURL is the dashboard page of an entity.
func entityURL(name, typ, country string) string {
	return "/entities/" + url.PathEscape(EntityKey(name, typ, country))
}

// EntityView is an entity across the articles that name it.
type EntityView struct {
	ID       string             `json:"id"`
	Name     string             `json:"name"`
	Type     string             `json:"type"`
	Country  string             `json:"country"`
	Actors   []string           `json:"actors"`
	Articles []store.ArticleHit `json:"articles"`
	Mentions []EntityMention    `json:"mentions"`
	Quotes   []store.QuoteHit   `json:"quotes"`
	AsSource []store.EventHit   `json:"events_as_source"`
	AsTarget []store.EventHit   `json:"events_as_target"`
	Scanned  int                `json:"scanned"` // candidate articles read
	Capped   bool               `json:"capped"`  // more candidates existed than were read
}

// EntityMention is one naming of the entity, with its sentence for context.
type EntityMention struct {
	ArticleID int64  `json:"article_id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Context   string `json:"context"`
}

// maxEntityScan bounds the articles read for one entity page, keeping it fast on large
// stores; the view says when it was capped.
const maxEntityScan = 200

// entity gathers an entity's mentions, quotes and events. The store has no "articles
// naming entity X" query, so candidates come from Search (by the entity's country, or its
// name as a phrase) and each candidate is read and checked; as a last resort, for names
// not written as such in any text, the entity rows are walked with Each.
func (s *Server) entity(ctx context.Context, key string) (*EntityView, error) {
	name, typ, country, ok := parseEntityKey(key)
	if !ok {
		return nil, store.ErrNotFound
	}
	v := &EntityView{ID: key, Name: name, Type: typ, Country: country, Articles: []store.ArticleHit{},
		Mentions: []EntityMention{}, Quotes: []store.QuoteHit{}, AsSource: []store.EventHit{}, AsTarget: []store.EventHit{}}
	actors := map[string]bool{}
	visit := func(a *store.Stored) {
		v.Scanned++
		for i := range a.Entities {
			e := &a.Entities[i]
			if e.Name != name || e.Type != typ || e.Country != country {
				continue
			}
			v.add(a, e)
			if e.Actor != "" {
				actors[e.Actor] = true
			}
		}
	}
	var q store.Query
	if country != "" {
		q.Country = country
	} else {
		q.Text = `"` + strings.ReplaceAll(name, `"`, " ") + `"`
	}
	if strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) || country != "" {
		if err := s.eachHit(ctx, q, func(h store.ArticleHit) error {
			if v.Scanned >= maxEntityScan {
				v.Capped = true
				return errStop
			}
			a, err := s.st.Article(ctx, h.ID)
			if err != nil {
				return err
			}
			visit(a)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if len(v.Articles) == 0 {
		seen := map[int64]bool{}
		err := s.st.Each(ctx, store.KindEntities, func(row any) error {
			e := row.(store.EntityRow)
			if e.Name != name || e.Type != typ || e.Country != country || seen[e.ArticleID] {
				return nil
			}
			seen[e.ArticleID] = true
			if len(seen) > maxEntityScan {
				v.Capped = true
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			return nil, err
		}
		for id := range seen {
			a, err := s.st.Article(ctx, id)
			if err != nil {
				return nil, err
			}
			visit(a)
		}
	}
	if len(v.Articles) == 0 {
		return nil, store.ErrNotFound
	}
	for a := range actors {
		v.Actors = append(v.Actors, a)
	}
	sort.Strings(v.Actors)
	if v.Actors == nil {
		v.Actors = []string{}
	}
	return v, nil
}

var errStop = errors.New("stop")

// eachHit walks every page of a search, stopping quietly on errStop.
func (s *Server) eachHit(ctx context.Context, q store.Query, fn func(store.ArticleHit) error) error {
	q.Limit = 200
	for {
		page, err := s.st.Search(ctx, q)
		if err != nil {
			return err
		}
		for _, h := range page.Items {
			if err := fn(h); err != nil {
				if errors.Is(err, errStop) {
					return nil
				}
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		q.After = page.Next
	}
}

func hitOf(a *store.Stored) store.ArticleHit {
	return store.ArticleHit{ID: a.ID, Identity: a.Identity, URL: a.URL, Title: a.Title, Published: a.Published, Source: a.Source, Cluster: a.Cluster}
}

func (v *EntityView) add(a *store.Stored, e *article.Entity) {
	if len(v.Articles) == 0 || v.Articles[len(v.Articles)-1].ID != a.ID {
		v.Articles = append(v.Articles, hitOf(a))
	}
	text := []rune(a.Text)
	for _, m := range e.Mentions {
		v.Mentions = append(v.Mentions, EntityMention{ArticleID: a.ID, Title: a.Title, Text: m.Text, Context: sentenceAt(a, text, m.Start)})
	}
	for i, q := range a.Quotes {
		if q.Speaker == e.ID {
			v.Quotes = append(v.Quotes, store.QuoteHit{ArticleID: a.ID, Index: i, Title: a.Title, URL: a.URL, Published: a.Published,
				SpeakerActor: e.Actor, SpeakerCountry: e.Country, Quote: q})
		}
	}
	for i, ev := range a.Events {
		h := store.EventHit{ArticleID: a.ID, Index: i, Title: a.Title, URL: a.URL, Published: a.Published, Event: ev}
		if ev.Source.Entity == e.ID {
			v.AsSource = append(v.AsSource, h)
		}
		if ev.Target.Entity == e.ID {
			v.AsTarget = append(v.AsTarget, h)
		}
	}
}

// sentenceAt returns the sentence holding code point off.
func sentenceAt(a *store.Stored, text []rune, off int) string {
	for _, s := range a.Sentences {
		if s.Start <= off && off < s.End && s.End <= len(text) {
			return string(text[s.Start:s.End])
		}
	}
	return ""
}

type dyadQuery struct {
	A, B     string
	Interval string // day or week
	Directed bool   // only A→B; otherwise both directions
	Modality string
	store.Filter
}

// Dyad is the history of events between two actors.
type Dyad struct {
	A        string           `json:"a"`
	B        string           `json:"b"`
	Directed bool             `json:"directed"`
	Interval string           `json:"interval"`
	Buckets  []DyadBucket     `json:"buckets"`
	Total    int              `json:"total"`   // event mentions
	Undated  int              `json:"undated"` // mentions in articles without a date, not in Buckets
	Capped   bool             `json:"capped"`  // more rows than were read
	Recent   []store.EventHit `json:"recent"`
}

// DyadBucket is one day or week (named by its Monday) of a dyad's events.
type DyadBucket struct {
	Period string `json:"period"`
	// Quad counts event mentions by QuadClass: [0] verbal cooperation … [3] material conflict.
	Quad      [4]int  `json:"quad"`
	Total     int     `json:"total"`
	Goldstein float64 `json:"goldstein"` // mean over the mentions
}

// maxDyadRows bounds the aggregate rows read for one dyad.
const maxDyadRows = 20000

// dyad builds the timeline from AggregateEvents (one row per day, codes and CAMEO
// code), weighting each row by its mentions.
func (s *Server) dyad(ctx context.Context, q dyadQuery) (*Dyad, error) {
	d := &Dyad{A: q.A, B: q.B, Directed: q.Directed, Interval: q.Interval, Buckets: []DyadBucket{}, Recent: []store.EventHit{}}
	type acc struct {
		b   DyadBucket
		sum float64
	}
	buckets := map[string]*acc{}
	dirs := [][2]string{{q.A, q.B}}
	if !q.Directed && q.A != q.B {
		dirs = append(dirs, [2]string{q.B, q.A})
	}
	rows := 0
	for _, dir := range dirs {
		eq := store.EventQuery{SourceActor: dir[0], TargetActor: dir[1], Modality: q.Modality, Filter: q.Filter, Limit: store.MaxLimit}
		for {
			page, err := s.st.AggregateEvents(ctx, eq)
			if err != nil {
				return nil, err
			}
			for _, r := range page.Items {
				rows++
				n := r.NumMentions
				d.Total += n
				if r.Day == "" {
					d.Undated += n
					continue
				}
				p := period(r.Day, q.Interval)
				a := buckets[p]
				if a == nil {
					a = &acc{b: DyadBucket{Period: p}}
					buckets[p] = a
				}
				if r.QuadClass >= 1 && r.QuadClass <= 4 {
					a.b.Quad[r.QuadClass-1] += n
				}
				a.b.Total += n
				a.sum += r.Goldstein * float64(n)
			}
			if page.Next == "" || rows >= maxDyadRows {
				d.Capped = page.Next != ""
				break
			}
			eq.After = page.Next
		}
		page, err := s.st.Events(ctx, store.EventQuery{SourceActor: dir[0], TargetActor: dir[1], Modality: q.Modality, Filter: q.Filter, Limit: 25})
		if err != nil {
			return nil, err
		}
		d.Recent = append(d.Recent, page.Items...)
	}
	for _, a := range buckets {
		if a.b.Total > 0 {
			a.b.Goldstein = a.sum / float64(a.b.Total)
		}
		d.Buckets = append(d.Buckets, a.b)
	}
	sort.Slice(d.Buckets, func(i, j int) bool { return d.Buckets[i].Period < d.Buckets[j].Period })
	sort.SliceStable(d.Recent, func(i, j int) bool { return d.Recent[i].Published > d.Recent[j].Published })
	return d, nil
}

// period maps a YYYY-MM-DD day to its bucket: itself, or the Monday of its week.
func period(day, interval string) string {
	if interval != "week" {
		return day
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	wd := (int(t.Weekday()) + 6) % 7 // Monday 0
	return t.AddDate(0, 0, -wd).Format("2006-01-02")
}

// ClusterView is a story cluster: its articles and why they belong together.
type ClusterView struct {
	ID          string             `json:"id"`
	Explanation json.RawMessage    `json:"explanation,omitempty"`
	Articles    []store.ArticleHit `json:"articles"`
	full        []*store.Stored
}

func (s *Server) cluster(ctx context.Context, id string, full bool) (*ClusterView, error) {
	if id == "" {
		return nil, store.ErrNotFound
	}
	exp, ids, err := s.st.Cluster(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &ClusterView{ID: id, Articles: []store.ArticleHit{}}
	if len(exp) > 0 {
		v.Explanation = exp
	}
	for _, aid := range ids {
		a, err := s.st.Article(ctx, aid)
		if err != nil {
			return nil, err
		}
		v.Articles = append(v.Articles, hitOf(a))
		if full {
			v.full = append(v.full, a)
		}
	}
	return v, nil
}
