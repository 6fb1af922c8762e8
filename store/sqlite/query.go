package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/heraldnews/herald/store"
)

// where collects the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// prefix returns a condition that col starts with p, as a range so that an index on col
// serves it (LIKE would not, being case-insensitive). Every string that starts with p sorts
// before p+"\xff": no UTF-8 text has the byte 0xff.
func prefix(col, p string) (string, []any) {
	return "(" + col + " >= ? AND " + col + " < ?)", []any{p, p + "\xff"}
}

func (w *where) prefix(col, p string) {
	c, a := prefix(col, p)
	w.add(c, a...)
}

// filter adds the article-level conditions of f on the articles aliased a.
func (w *where) filter(f store.Filter) {
	if f.From != "" {
		w.add("a.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.day <> '' AND a.day <= ?", f.To)
	}
	if f.Source != "" {
		w.add("a.source_id IN (SELECT id FROM sources WHERE name = ?)", f.Source)
	}
	if f.Cluster != "" {
		w.add("a.cluster = ?", f.Cluster)
	}
}

// like returns a LIKE pattern matching s anywhere, with LIKE's wildcards escaped by '\'.
func like(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// ftsQuery turns the words a user typed into an FTS5 query: every word must occur, words
// in double quotes as a phrase, a word ending in * as a prefix. Each word is quoted, so FTS5
// operators and punctuation in the input ("U.S.", "-", "AND") are plain text. It returns ""
// when nothing searchable is left.
func ftsQuery(text string) string {
	var terms []string
	add := func(t string) {
		star := strings.HasSuffix(t, "*")
		t = strings.TrimRight(t, "*")
		if !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			return
		}
		q := `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		if star {
			q += "*"
		}
		terms = append(terms, q)
	}
	for i, part := range strings.Split(text, `"`) {
		if i%2 == 1 { // inside quotes: a phrase
			add(strings.Join(strings.Fields(part), " "))
			continue
		}
		for _, w := range strings.Fields(part) {
			add(w)
		}
	}
	return strings.Join(terms, " ")
}

// Search implements store.Store.
func (db *DB) Search(ctx context.Context, q store.Query) (store.Page[store.ArticleHit], error) {
	var page store.Page[store.ArticleHit]
	limit := store.PageLimit(q.Limit)
	var w where
	from := "articles a"
	snippet := "''"
	if m := ftsQuery(q.Text); m != "" {
		from = "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
		snippet = "snippet(articles_fts, -1, '[', ']', '…', 24)"
		w.add("articles_fts MATCH ?", m)
	} else if strings.TrimSpace(q.Text) != "" {
		return page, nil // only punctuation: nothing can match
	}
	w.filter(q.Filter)
	if q.Actor != "" {
		c1, a1 := prefix("actor", q.Actor)
		c2, a2 := prefix("source_code", q.Actor)
		c3, a3 := prefix("target_code", q.Actor)
		w.add("a.id IN (SELECT article_id FROM entities WHERE "+c1+
			" UNION SELECT article_id FROM events WHERE "+c2+
			" UNION SELECT article_id FROM events WHERE "+c3+")", slices.Concat(a1, a2, a3)...)
	}
	if q.Country != "" {
		w.add("a.id IN (SELECT article_id FROM entities WHERE country = ?)", q.Country)
	}
	if q.Cameo != "" || q.Root != "" || q.Plover != "" || q.Modality != "" {
		// One event must meet all the event conditions.
		var ew where
		if q.Cameo != "" {
			ew.prefix("cameo", q.Cameo)
		}
		if q.Root != "" {
			ew.add("root = ?", q.Root)
		}
		if q.Plover != "" {
			ew.add("plover = ?", q.Plover)
		}
		if q.Modality != "" {
			ew.add("modality = ?", q.Modality)
		}
		w.add("a.id IN (SELECT article_id FROM events"+ew.String()+")", ew.args...)
	}
	after, err := store.IDCursor(q.After)
	if err != nil {
		return page, err
	}
	if after > 0 {
		w.add("a.id < ?", after)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT a.id, a.identity, a.url, a.title, a.published,
		s.name, s.kind, a.cluster, `+snippet+` FROM `+from+` JOIN sources s ON s.id = a.source_id`+
		w.String()+` ORDER BY a.id DESC LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.ArticleHit, []any, error) {
		var h store.ArticleHit
		err := r.Scan(&h.ID, &h.Identity, &h.URL, &h.Title, &h.Published, &h.Source.Name,
			&h.Source.Kind, &h.Cluster, &h.Snippet)
		return h, []any{h.ID}, err
	})
	if err != nil {
		return page, fmt.Errorf("sqlite: search: %w", err)
	}
	return page, nil
}

// Quotes implements store.Store.
func (db *DB) Quotes(ctx context.Context, q store.QuoteQuery) (store.Page[store.QuoteHit], error) {
	var page store.Page[store.QuoteHit]
	limit := store.PageLimit(q.Limit)
	var w where
	from := "quotes q"
	if m := ftsQuery(q.Text); m != "" {
		from = "quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid"
		w.add("quotes_fts MATCH ?", m)
	} else if strings.TrimSpace(q.Text) != "" {
		return page, nil
	}
	if q.Speaker != "" {
		w.add(`q.speaker_name LIKE ? ESCAPE '\'`, like(q.Speaker))
	}
	if q.Kind != "" {
		w.add("q.kind = ?", q.Kind)
	}
	if q.Actor != "" {
		w.prefix("q.speaker_actor", q.Actor)
	}
	if q.Country != "" {
		w.add("q.speaker_country = ?", q.Country)
	}
	w.filter(q.Filter)
	after, err := store.IDCursor(q.After)
	if err != nil {
		return page, err
	}
	if after > 0 {
		w.add("q.id < ?", after)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT q.id, q.article_id, q.idx, a.title, a.url,
		a.published, q.speaker_actor, q.speaker_country, q.kind, q.text, q.start, q."end",
		q.speaker_entity, q.speaker_name, q.speaker_start, q.speaker_end, q.cue, q.hedges
		FROM `+from+` JOIN articles a ON a.id = q.article_id`+w.String()+
		` ORDER BY q.id DESC LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: quotes: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.QuoteHit, []any, error) {
		var (
			h      store.QuoteHit
			id     int64
			hedges []byte
		)
		if err := r.Scan(&id, &h.ArticleID, &h.Index, &h.Title, &h.URL, &h.Published,
			&h.SpeakerActor, &h.SpeakerCountry, &h.Kind, &h.Text, &h.Start, &h.End, &h.Speaker,
			&h.SpeakerName, &h.SpeakerStart, &h.SpeakerEnd, &h.Cue, &hedges); err != nil {
			return h, nil, err
		}
		if err := json.Unmarshal(hedges, &h.Hedges); err != nil {
			return h, nil, fmt.Errorf("quote hedges: %w", err)
		}
		return h, []any{id}, nil
	})
	if err != nil {
		return page, fmt.Errorf("sqlite: quotes: %w", err)
	}
	return page, nil
}

// eventWhere adds the conditions of q on events aliased e and their articles aliased a.
func eventWhere(w *where, q store.EventQuery) {
	if q.SourceActor != "" {
		w.prefix("e.source_code", q.SourceActor)
	}
	if q.TargetActor != "" {
		w.prefix("e.target_code", q.TargetActor)
	}
	if q.Actor != "" {
		c1, a1 := prefix("e.source_code", q.Actor)
		c2, a2 := prefix("e.target_code", q.Actor)
		w.add("("+c1+" OR "+c2+")", append(a1, a2...)...)
	}
	if q.Cameo != "" {
		w.prefix("e.cameo", q.Cameo)
	}
	if q.Root != "" {
		w.add("e.root = ?", q.Root)
	}
	if q.QuadClass != 0 {
		w.add("e.quad_class = ?", q.QuadClass)
	}
	if q.Plover != "" {
		w.add("e.plover = ?", q.Plover)
	}
	if q.Modality != "" {
		w.add("e.modality = ?", q.Modality)
	}
	// Events carry their article's day, so the date range needs no join.
	if q.From != "" {
		w.add("e.day >= ?", q.From)
	}
	if q.To != "" {
		w.add("e.day <> '' AND e.day <= ?", q.To)
	}
	q.From, q.To = "", ""
	w.filter(q.Filter)
}

// Events implements store.Store.
func (db *DB) Events(ctx context.Context, q store.EventQuery) (store.Page[store.EventHit], error) {
	var page store.Page[store.EventHit]
	limit := store.PageLimit(q.Limit)
	var w where
	eventWhere(&w, q)
	after, err := store.IDCursor(q.After)
	if err != nil {
		return page, err
	}
	if after > 0 {
		w.add("e.id < ?", after)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT e.id, e.article_id, e.idx, a.title, a.url,
		a.published, e.source_name, e.source_code, e.source_entity, e.target_name, e.target_code,
		e.target_entity, e.cameo, e.root, e.cameo_name, e.quad_class, e.goldstein, e.plover,
		e.plover_mode, e.modality, e.evidence, e.sentence, e.cue
		FROM events e JOIN articles a ON a.id = e.article_id`+w.String()+
		` ORDER BY e.id DESC LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.EventHit, []any, error) {
		var (
			h  store.EventHit
			id int64
		)
		err := r.Scan(&id, &h.ArticleID, &h.Index, &h.Title, &h.URL, &h.Published,
			&h.Source.Name, &h.Source.Code, &h.Source.Entity, &h.Target.Name, &h.Target.Code,
			&h.Target.Entity, &h.Cameo, &h.CameoRoot, &h.CameoName, &h.QuadClass, &h.Goldstein,
			&h.Plover, &h.PloverMode, &h.Modality, &h.Evidence, &h.Sentence, &h.Cue)
		return h, []any{id}, err
	})
	if err != nil {
		return page, fmt.Errorf("sqlite: events: %w", err)
	}
	return page, nil
}

// AggregateEvents implements store.Store.
//
// The groups are computed when asked, with GROUP BY over the events table (its index
// events_dyad has the grouping key), rather than kept in a table updated on every Put:
// Put stays a plain insert with no read-modify-write of shared counter rows, the counts can
// never drift from the events they count, a SetCluster needs no recount, and the query's
// filters (modality, quad class, source, …) apply to the events before they are grouped,
// which no single maintained table could do for every combination.
func (db *DB) AggregateEvents(ctx context.Context, q store.EventQuery) (store.Page[store.AggregateEvent], error) {
	var page store.Page[store.AggregateEvent]
	limit := store.PageLimit(q.Limit)
	var w where
	eventWhere(&w, q)
	if q.After != "" {
		var d, s, t, c string
		if err := store.DecodeCursor(q.After, &d, &s, &t, &c); err != nil {
			return page, err
		}
		// Days descend, codes ascend.
		w.add("(e.day < ? OR (e.day = ? AND (e.source_code, e.target_code, e.cameo) > (?, ?, ?)))", d, d, s, t, c)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT e.day, e.source_code, e.target_code, e.cameo,
		max(e.root), max(e.quad_class), max(e.goldstein), count(*), count(DISTINCT a.source_id),
		count(DISTINCT e.article_id),
		count(DISTINCT CASE WHEN a.cluster <> '' THEN 'c:' || a.cluster ELSE 'a:' || a.id END),
		group_concat(DISTINCT e.article_id)
		FROM events e JOIN articles a ON a.id = e.article_id`+w.String()+`
		GROUP BY e.day, e.source_code, e.target_code, e.cameo
		ORDER BY e.day DESC, e.source_code, e.target_code, e.cameo LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: aggregate events: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.AggregateEvent, []any, error) {
		var (
			g   store.AggregateEvent
			ids string
		)
		if err := r.Scan(&g.Day, &g.SourceCode, &g.TargetCode, &g.Cameo, &g.Root, &g.QuadClass,
			&g.Goldstein, &g.NumMentions, &g.NumSources, &g.NumArticles, &g.NumStories, &ids); err != nil {
			return g, nil, err
		}
		for _, s := range strings.Split(ids, ",") {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return g, nil, fmt.Errorf("article ids %q", ids)
			}
			g.ArticleIDs = append(g.ArticleIDs, id)
		}
		slices.Sort(g.ArticleIDs)
		return g, []any{g.Day, g.SourceCode, g.TargetCode, g.Cameo}, nil
	})
	if err != nil {
		return page, fmt.Errorf("sqlite: aggregate events: %w", err)
	}
	return page, nil
}

// Entities implements store.Store. Its order is by counts, which grow as articles arrive:
// unlike the other listings, its pages can shift while another process writes.
func (db *DB) Entities(ctx context.Context, q store.EntityQuery) (store.Page[store.EntityHit], error) {
	var page store.Page[store.EntityHit]
	limit := store.PageLimit(q.Limit)
	var w where
	if q.Name != "" {
		w.add(`en.name LIKE ? ESCAPE '\'`, like(q.Name))
	}
	if q.Type != "" {
		w.add("en.type = ?", q.Type)
	}
	if q.Country != "" {
		w.add("en.country = ?", q.Country)
	}
	if q.Actor != "" {
		w.prefix("en.actor", q.Actor)
	}
	w.filter(q.Filter)
	having := ""
	var hargs []any
	if q.After != "" {
		var (
			n             int
			name, ty, cty string
		)
		if err := store.DecodeCursor(q.After, &n, &name, &ty, &cty); err != nil {
			return page, err
		}
		having = " HAVING (count(DISTINCT en.article_id) < ? OR (count(DISTINCT en.article_id) = ? AND (en.name, en.type, en.country) > (?, ?, ?)))"
		hargs = []any{n, n, name, ty, cty}
	}
	rows, err := db.r.QueryContext(ctx, `SELECT en.name, en.type, en.country,
		count(DISTINCT en.article_id) AS n, sum(en.mentions)
		FROM entities en JOIN articles a ON a.id = en.article_id`+w.String()+`
		GROUP BY en.name, en.type, en.country`+having+`
		ORDER BY n DESC, en.name, en.type, en.country LIMIT `+strconv.Itoa(limit+1),
		append(w.args, hargs...)...)
	if err != nil {
		return page, fmt.Errorf("sqlite: entities: %w", err)
	}
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.EntityHit, []any, error) {
		var h store.EntityHit
		err := r.Scan(&h.Name, &h.Type, &h.Country, &h.Articles, &h.Mentions)
		return h, []any{h.Articles, h.Name, h.Type, h.Country}, err
	})
	rows.Close() // before the queries below, which may need its connection
	if err != nil {
		return page, fmt.Errorf("sqlite: entities: %w", err)
	}
	// The most common actor code of each entity on the page: a query per row, since only
	// the page's few rows need it and entities_name finds them directly.
	for i := range page.Items {
		h := &page.Items[i]
		err := db.r.QueryRowContext(ctx, `SELECT actor FROM entities WHERE name = ? AND type = ?
			AND country = ? GROUP BY actor ORDER BY actor = '', count(*) DESC, actor LIMIT 1`,
			h.Name, h.Type, h.Country).Scan(&h.Actor)
		if err != nil {
			return page, fmt.Errorf("sqlite: entities: %w", err)
		}
	}
	return page, nil
}

// Stats implements store.Store.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities),
		(SELECT coalesce(sum(mentions), 0) FROM entities),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(DISTINCT cluster) FROM articles WHERE cluster <> ''),
		(SELECT count(*) FROM sources)`).Scan(&s.Articles, &s.Entities, &s.Mentions, &s.Quotes,
		&s.Events, &s.Clusters, &s.Sources)
	if err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	if s.TopActors, err = db.counts(ctx, `SELECT code, count(*) AS n FROM (
		SELECT source_code AS code FROM events WHERE source_code <> ''
		UNION ALL SELECT target_code FROM events WHERE target_code <> '')
		GROUP BY code ORDER BY n DESC, code LIMIT 10`); err != nil {
		return s, err
	}
	if s.TopDyads, err = db.counts(ctx, `SELECT source_code || '>' || target_code, count(*) AS n
		FROM events WHERE source_code <> '' AND target_code <> ''
		GROUP BY source_code, target_code ORDER BY n DESC, 1 LIMIT 10`); err != nil {
		return s, err
	}
	return s, nil
}

func (db *DB) counts(ctx context.Context, query string) ([]store.Count, error) {
	rows, err := db.r.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	defer rows.Close()
	cs := []store.Count{}
	for rows.Next() {
		var c store.Count
		if err := rows.Scan(&c.Key, &c.Count); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// eachChunk is how many articles Each reads per query. Reading in chunks rather than one
// long query keeps no read transaction open while fn runs, so a long export neither pins
// the WAL (which would then grow without bound under concurrent ingest) nor holds a
// connection that fn may need.
const eachChunk = 256

// Each implements store.Store. Every kind is read from the stored article documents, so
// an export gives exactly what was put.
func (db *DB) Each(ctx context.Context, kind store.Kind, fn func(row any) error) error {
	if !store.ValidKind(kind) {
		return fmt.Errorf("sqlite: Each: unknown kind %q", kind)
	}
	return store.EachChunked(ctx, kind, eachChunk, db.chunk, fn)
}

func (db *DB) chunk(ctx context.Context, after int64) ([]*store.Stored, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+storedColumns+` FROM articles a
		JOIN sources s ON s.id = a.source_id WHERE a.id > ? ORDER BY a.id LIMIT ?`, after, eachChunk)
	if err != nil {
		return nil, fmt.Errorf("sqlite: each: %w", err)
	}
	defer rows.Close()
	var (
		out    []*store.Stored
		docs   map[int64]*docRow
		lo, hi int64
	)
	for rows.Next() {
		st, d, err := scanStored(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
		if d != nil {
			if docs == nil {
				docs, lo = map[int64]*docRow{}, st.ID
			}
			docs[st.ID], hi = &docRow{st, d}, st.ID
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if docs != nil {
		if err := db.annotations(ctx, docs, lo, hi); err != nil {
			return nil, err
		}
	}
	return out, nil
}
