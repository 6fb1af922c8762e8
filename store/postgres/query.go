package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/heraldnews/herald/store"
)

// where collects the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// prefix returns a condition that col starts with p, as a range so that a b-tree index on
// col serves it whatever the plan (LIKE 'p%' is served only when the planner sees the
// pattern). The code columns are COLLATE "C", byte order, in which every string that starts
// with p sorts before p+U+10FFFF, the greatest character.
func (w *where) prefix(col, p string) string {
	return "(" + col + " >= " + w.arg(p) + " AND " + col + " < " + w.arg(p+"\U0010FFFF") + ")"
}

// filter adds the article-level conditions of f on the articles aliased a.
func (w *where) filter(f store.Filter) {
	if f.From != "" {
		w.add("a.day >= " + w.arg(f.From))
	}
	if f.To != "" {
		w.add("a.day <> '' AND a.day <= " + w.arg(f.To))
	}
	if f.Source != "" {
		w.add("a.source_id IN (SELECT id FROM sources WHERE name = " + w.arg(f.Source) + ")")
	}
	if f.Cluster != "" {
		w.add("a.cluster = " + w.arg(f.Cluster))
	}
}

// like returns an ILIKE pattern matching s anywhere, with the wildcards escaped by '\'
// (ILIKE's default escape).
func like(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// tsQuery turns the words a user typed into a tsquery expression over w's arguments: every
// word must occur, words in double quotes as a phrase, a word ending in * as a prefix. Each
// term goes through phraseto_tsquery, which reads no operators, so "OR", "-" or "!" in
// the input are plain text; a prefix term through to_tsquery with its text quoted. It
// returns "" when nothing searchable is left.
func (w *where) tsQuery(text string) string {
	var terms []string
	add := func(t string) {
		star := strings.HasSuffix(t, "*")
		t = strings.TrimRight(t, "*")
		if !strings.ContainsFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			return
		}
		// As in the indexed text, ASCII punctuation separates words. This also leaves no
		// quote or backslash to end or escape the quoted lexeme of a prefix term.
		t = strings.Map(func(r rune) rune {
			if r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return ' '
			}
			return r
		}, t)
		if !star {
			terms = append(terms, "phraseto_tsquery('herald_search', "+w.arg(t)+")")
			return
		}
		terms = append(terms, "to_tsquery('herald_search', "+w.arg("'"+t+"':*")+")")
	}
	for i, part := range strings.Split(text, `"`) {
		if i%2 == 1 { // inside quotes: a phrase
			add(strings.Join(strings.Fields(part), " "))
			continue
		}
		for _, word := range strings.Fields(part) {
			add(word)
		}
	}
	return strings.Join(terms, " && ")
}

// Cursors are base64url JSON arrays of the last row's sort keys, as in store/sqlite.
// Search implements store.Store.
func (db *DB) Search(ctx context.Context, q store.Query) (store.Page[store.ArticleHit], error) {
	var page store.Page[store.ArticleHit]
	limit := store.PageLimit(q.Limit)
	var w where
	tsq := w.tsQuery(q.Text)
	if tsq == "" && strings.TrimSpace(q.Text) != "" {
		return page, nil // only punctuation: nothing can match
	}
	if tsq != "" {
		w.add("a.tsv @@ (" + tsq + ")")
	}
	w.filter(q.Filter)
	if q.Actor != "" {
		w.add("a.id IN (SELECT article_id FROM entities WHERE " + w.prefix("actor", q.Actor) +
			" UNION SELECT article_id FROM events WHERE " + w.prefix("source_code", q.Actor) +
			" UNION SELECT article_id FROM events WHERE " + w.prefix("target_code", q.Actor) + ")")
	}
	if q.Country != "" {
		w.add("a.id IN (SELECT article_id FROM entities WHERE country = " + w.arg(q.Country) + ")")
	}
	if q.Cameo != "" || q.Root != "" || q.Plover != "" || q.Modality != "" {
		// One event must meet all the event conditions.
		var ec []string
		if q.Cameo != "" {
			ec = append(ec, w.prefix("cameo", q.Cameo))
		}
		if q.Root != "" {
			ec = append(ec, "root = "+w.arg(q.Root))
		}
		if q.Plover != "" {
			ec = append(ec, "plover = "+w.arg(q.Plover))
		}
		if q.Modality != "" {
			ec = append(ec, "modality = "+w.arg(q.Modality))
		}
		w.add("a.id IN (SELECT article_id FROM events WHERE " + strings.Join(ec, " AND ") + ")")
	}
	after, err := store.IDCursor(q.After)
	if err != nil {
		return page, err
	}
	if after > 0 {
		w.add("a.id < " + w.arg(after))
	}
	snippet := "''"
	if tsq != "" {
		// ts_headline reads the whole text, so it runs in the outer query, on the page's
		// rows only; the query is the same expression, over the same arguments.
		snippet = "ts_headline('herald_search', p.text, " + tsq + ", 'StartSel=[, StopSel=], " +
			"MaxWords=24, MinWords=12, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"')"
	}
	rows, err := db.pool.Query(ctx, `SELECT p.id, p.identity, p.url, p.title, p.published, s.name,
		s.kind, p.cluster, `+snippet+` FROM (SELECT a.id, a.identity, a.url, a.title, a.published,
		a.source_id, a.cluster, a.text FROM articles a`+w.String()+`
		ORDER BY a.id DESC LIMIT `+strconv.Itoa(limit+1)+`) p
		JOIN sources s ON s.id = p.source_id ORDER BY p.id DESC`, w.args...)
	if err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.ArticleHit, []any, error) {
		var h store.ArticleHit
		err := r.Scan(&h.ID, &h.Identity, &h.URL, &h.Title, &h.Published, &h.Source.Name,
			&h.Source.Kind, &h.Cluster, &h.Snippet)
		return h, []any{h.ID}, err
	})
	if err != nil {
		return page, fmt.Errorf("postgres: search: %w", err)
	}
	return page, nil
}

// Quotes implements store.Store.
func (db *DB) Quotes(ctx context.Context, q store.QuoteQuery) (store.Page[store.QuoteHit], error) {
	var page store.Page[store.QuoteHit]
	limit := store.PageLimit(q.Limit)
	var w where
	tsq := w.tsQuery(q.Text)
	if tsq == "" && strings.TrimSpace(q.Text) != "" {
		return page, nil
	}
	if tsq != "" {
		w.add("q.tsv @@ (" + tsq + ")")
	}
	if q.Speaker != "" {
		w.add("q.speaker_name ILIKE " + w.arg(like(q.Speaker)))
	}
	if q.Kind != "" {
		w.add("q.kind = " + w.arg(q.Kind))
	}
	if q.Actor != "" {
		w.add(w.prefix("q.speaker_actor", q.Actor))
	}
	if q.Country != "" {
		w.add("q.speaker_country = " + w.arg(q.Country))
	}
	w.filter(q.Filter)
	after, err := store.IDCursor(q.After)
	if err != nil {
		return page, err
	}
	if after > 0 {
		w.add("q.id < " + w.arg(after))
	}
	rows, err := db.pool.Query(ctx, `SELECT q.id, q.article_id, q.idx, a.title, a.url,
		a.published, q.speaker_actor, q.speaker_country, q.kind, q.text, q.start, q."end",
		q.speaker_entity, q.speaker_name, q.speaker_start, q.speaker_end, q.cue, q.hedges
		FROM quotes q JOIN articles a ON a.id = q.article_id`+w.String()+
		` ORDER BY q.id DESC LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("postgres: quotes: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.QuoteHit, []any, error) {
		var (
			h  store.QuoteHit
			id int64
		)
		err := r.Scan(&id, &h.ArticleID, &h.Index, &h.Title, &h.URL, &h.Published,
			&h.SpeakerActor, &h.SpeakerCountry, &h.Kind, &h.Text, &h.Start, &h.End, &h.Speaker,
			&h.SpeakerName, &h.SpeakerStart, &h.SpeakerEnd, &h.Cue, &h.Hedges)
		if h.Hedges == nil {
			h.Hedges = []string{} // as store/sqlite gives it, decoding "[]"
		}
		return h, []any{id}, err
	})
	if err != nil {
		return page, fmt.Errorf("postgres: quotes: %w", err)
	}
	return page, nil
}

// eventWhere adds the conditions of q on events aliased e and their articles aliased a.
func eventWhere(w *where, q store.EventQuery) {
	if q.SourceActor != "" {
		w.add(w.prefix("e.source_code", q.SourceActor))
	}
	if q.TargetActor != "" {
		w.add(w.prefix("e.target_code", q.TargetActor))
	}
	if q.Actor != "" {
		w.add("(" + w.prefix("e.source_code", q.Actor) + " OR " + w.prefix("e.target_code", q.Actor) + ")")
	}
	if q.Cameo != "" {
		w.add(w.prefix("e.cameo", q.Cameo))
	}
	if q.Root != "" {
		w.add("e.root = " + w.arg(q.Root))
	}
	if q.QuadClass != 0 {
		w.add("e.quad_class = " + w.arg(q.QuadClass))
	}
	if q.Plover != "" {
		w.add("e.plover = " + w.arg(q.Plover))
	}
	if q.Modality != "" {
		w.add("e.modality = " + w.arg(q.Modality))
	}
	// Events carry their article's day, so the date range needs no join.
	if q.From != "" {
		w.add("e.day >= " + w.arg(q.From))
	}
	if q.To != "" {
		w.add("e.day <> '' AND e.day <= " + w.arg(q.To))
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
		w.add("e.id < " + w.arg(after))
	}
	rows, err := db.pool.Query(ctx, `SELECT e.id, e.article_id, e.idx, a.title, a.url,
		a.published, e.source_name, e.source_code, e.source_entity, e.target_name, e.target_code,
		e.target_entity, e.cameo, e.root, e.cameo_name, e.quad_class, e.goldstein, e.plover,
		e.plover_mode, e.modality, e.evidence, e.sentence, e.cue
		FROM events e JOIN articles a ON a.id = e.article_id`+w.String()+
		` ORDER BY e.id DESC LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("postgres: events: %w", err)
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
		return page, fmt.Errorf("postgres: events: %w", err)
	}
	return page, nil
}

// AggregateEvents implements store.Store.
//
// The groups are computed when asked, with GROUP BY over the events table (events_dyad has
// the grouping key), rather than kept in a table updated on every Put, for the reasons
// store/sqlite gives: no counter rows for concurrent writers to contend on (here several
// processes), counts that never drift, and the query's filters applied before grouping.
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
		pd := w.arg(d)
		w.add("(e.day < " + pd + " OR (e.day = " + pd + " AND (e.source_code, e.target_code, e.cameo) > (" +
			w.arg(s) + ", " + w.arg(t) + ", " + w.arg(c) + ")))")
	}
	rows, err := db.pool.Query(ctx, `SELECT e.day, e.source_code, e.target_code, e.cameo,
		max(e.root), max(e.quad_class), max(e.goldstein), count(*), count(DISTINCT a.source_id),
		count(DISTINCT e.article_id),
		count(DISTINCT CASE WHEN a.cluster <> '' THEN 'c:' || a.cluster ELSE 'a:' || a.id END),
		array_agg(DISTINCT e.article_id ORDER BY e.article_id)
		FROM events e JOIN articles a ON a.id = e.article_id`+w.String()+`
		GROUP BY e.day, e.source_code, e.target_code, e.cameo
		ORDER BY e.day DESC, e.source_code, e.target_code, e.cameo LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("postgres: aggregate events: %w", err)
	}
	defer rows.Close()
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.AggregateEvent, []any, error) {
		var g store.AggregateEvent
		err := r.Scan(&g.Day, &g.SourceCode, &g.TargetCode, &g.Cameo, &g.Root, &g.QuadClass,
			&g.Goldstein, &g.NumMentions, &g.NumSources, &g.NumArticles, &g.NumStories, &g.ArticleIDs)
		return g, []any{g.Day, g.SourceCode, g.TargetCode, g.Cameo}, err
	})
	if err != nil {
		return page, fmt.Errorf("postgres: aggregate events: %w", err)
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
		w.add("en.name ILIKE " + w.arg(like(q.Name)))
	}
	if q.Type != "" {
		w.add("en.type = " + w.arg(q.Type))
	}
	if q.Country != "" {
		w.add("en.country = " + w.arg(q.Country))
	}
	if q.Actor != "" {
		w.add(w.prefix("en.actor", q.Actor))
	}
	w.filter(q.Filter)
	having := ""
	if q.After != "" {
		var (
			n             int
			name, ty, cty string
		)
		if err := store.DecodeCursor(q.After, &n, &name, &ty, &cty); err != nil {
			return page, err
		}
		pn := w.arg(n)
		having = " HAVING (count(DISTINCT en.article_id) < " + pn + " OR (count(DISTINCT en.article_id) = " +
			pn + " AND (en.name, en.type, en.country) > (" + w.arg(name) + ", " + w.arg(ty) + ", " + w.arg(cty) + ")))"
	}
	rows, err := db.pool.Query(ctx, `SELECT en.name, en.type, en.country,
		count(DISTINCT en.article_id) AS n, sum(en.mentions)
		FROM entities en JOIN articles a ON a.id = en.article_id`+w.String()+`
		GROUP BY en.name, en.type, en.country`+having+`
		ORDER BY n DESC, en.name, en.type, en.country LIMIT `+strconv.Itoa(limit+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("postgres: entities: %w", err)
	}
	page, err = store.ReadPage(rows, limit, func(r store.Rows) (store.EntityHit, []any, error) {
		var h store.EntityHit
		err := r.Scan(&h.Name, &h.Type, &h.Country, &h.Articles, &h.Mentions)
		return h, []any{h.Articles, h.Name, h.Type, h.Country}, err
	})
	rows.Close() // before the batch below, which needs a connection of the pool
	if err != nil {
		return page, fmt.Errorf("postgres: entities: %w", err)
	}
	if len(page.Items) == 0 {
		return page, nil
	}
	// The most common actor code of each entity on the page, all in one round trip.
	b := &pgx.Batch{}
	for i := range page.Items {
		h := &page.Items[i]
		b.Queue(`SELECT actor FROM entities WHERE name = $1 AND type = $2 AND country = $3
			GROUP BY actor ORDER BY actor = '', count(*) DESC, actor LIMIT 1`, h.Name, h.Type, h.Country).
			QueryRow(func(row pgx.Row) error { return row.Scan(&h.Actor) })
	}
	if err := db.pool.SendBatch(ctx, b).Close(); err != nil {
		return page, fmt.Errorf("postgres: entities: %w", err)
	}
	return page, nil
}

// Stats implements store.Store.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM entities),
		(SELECT count(*) FROM mentions WHERE reference = 0),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM events),
		(SELECT count(DISTINCT cluster) FROM articles WHERE cluster <> ''),
		(SELECT count(*) FROM sources)`).Scan(&s.Articles, &s.Entities, &s.Mentions, &s.Quotes,
		&s.Events, &s.Clusters, &s.Sources)
	if err != nil {
		return s, fmt.Errorf("postgres: stats: %w", err)
	}
	if s.TopActors, err = db.counts(ctx, `SELECT code, count(*) AS n FROM (
		SELECT source_code AS code FROM events WHERE source_code <> ''
		UNION ALL SELECT target_code FROM events WHERE target_code <> '') c
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
	rows, _ := db.pool.Query(ctx, query)
	cs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (store.Count, error) {
		var c store.Count
		err := row.Scan(&c.Key, &c.Count)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: stats: %w", err)
	}
	if cs == nil {
		cs = []store.Count{}
	}
	return cs, nil
}

// eachChunk is how many articles Each reads per query.
//
// Each walks a keyset cursor (id > last id, in chunks) rather than a server-side DECLARE
// CURSOR: a declared cursor lives in a transaction that would stay open for the whole
// export, holding back VACUUM on every table while ingest writes, and holding a pooled
// connection while fn runs, so that fn calling the store (which it may) could exhaust the
// pool. Between chunks nothing is held; memory is one chunk whatever the store's size.
const eachChunk = 256

// Each implements store.Store. Every kind is read from the stored article documents, so
// an export gives exactly what was put.
func (db *DB) Each(ctx context.Context, kind store.Kind, fn func(row any) error) error {
	if !store.ValidKind(kind) {
		return fmt.Errorf("postgres: Each: unknown kind %q", kind)
	}
	return store.EachChunked(ctx, kind, eachChunk, db.chunk, fn)
}

func (db *DB) chunk(ctx context.Context, after int64) ([]*store.Stored, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+storedColumns+` FROM articles a
		JOIN sources s ON s.id = a.source_id WHERE a.id > $1 ORDER BY a.id LIMIT $2`, after, eachChunk)
	if err != nil {
		return nil, fmt.Errorf("postgres: each: %w", err)
	}
	defer rows.Close()
	var out []*store.Stored
	for rows.Next() {
		st, err := scanStored(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: each: %w", err)
	}
	return out, nil
}
