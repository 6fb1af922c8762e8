package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
)

// insertSQL writes one article and all its annotations in one statement: data-modifying
// CTEs insert the article and, from the id it gets, the rows of each annotation table,
// each table's rows passed as one array per column and unnested, so that the statement
// text, and so its cached plan, is the same whatever the article's size. It is the slow
// path of PutBatch, one statement per article inside its own savepoint, taken when the
// whole-batch statement (batchSQL, which takes these same arrays concatenated) failed on
// some item. When the identity is already stored the article CTE inserts nothing, so
// neither do the others, and the statement returns no row.
//
// The parameters are numbered in the order that prepare appends them; p() below hands
// out the numbers as the text is built, so the two are written side by side.
var insertSQL = func() string {
	var pr params
	p, ps := pr.one, pr.many
	var b strings.Builder
	// Articles: 14 parameters.
	b.WriteString(`WITH a AS (
	INSERT INTO articles (identity, url, path, source_id, title, subtitle, byline, published,
		day, language, text, ingested_at, doc, id)
	VALUES (` + ps("text", 3) + ", " + p("bigint") + ", " + ps("text", 7) + ", " +
		p("timestamptz") + ", " + p("jsonb") + ", " + p("bigint") + `)
	ON CONFLICT (identity) DO NOTHING RETURNING id
), en AS (
	INSERT INTO entities (article_id, idx, entity_id, name, type, country, actor, sector, roles, mentions)
	SELECT a.id, u.n - 1, u.eid, u.name, u.type, u.country, u.actor, u.sector,
		`)
	// Entities: six text arrays, three int arrays, and the roles of all entities end to end,
	// which each entity slices by its offset and count (text[] cannot be ragged).
	cols := ps("text[]", 6) + ", " + ps("int[]", 3)
	roles := p("text[]")
	b.WriteString(`(` + roles + `)[u.off + 1 : u.off + u.cnt], u.mentions
	FROM a, unnest(` + cols + `) WITH ORDINALITY
		AS u(eid, name, type, country, actor, sector, mentions, off, cnt, n)
), m AS (
	INSERT INTO mentions (article_id, entity_idx, idx, reference, start, "end", text, kind)
	SELECT a.id, u.* FROM a, unnest(` + ps("int[]", 5) + ", " + ps("text[]", 2) + `) AS u
), q AS (
	INSERT INTO quotes (article_id, idx, kind, text, start, "end", speaker_entity, speaker_name,
		speaker_start, speaker_end, speaker_actor, speaker_country, cue, hedges)
	SELECT a.id, u.n - 1, u.kind, u.text, u.start, u.e, u.sent, u.sname, u.sstart, u.send,
		u.sactor, u.scountry, u.cue, `)
	cols = ps("text[]", 2) + ", " + ps("int[]", 2) + ", " + ps("text[]", 2) + ", " + ps("int[]", 2) +
		", " + ps("text[]", 3) + ", " + ps("int[]", 2)
	hedges := p("text[]")
	b.WriteString(`(` + hedges + `)[u.off + 1 : u.off + u.cnt]
	FROM a, unnest(` + cols + `) WITH ORDINALITY
		AS u(kind, text, start, e, sent, sname, sstart, send, sactor, scountry, cue, off, cnt, n)
	ORDER BY u.n
), ev AS (
	INSERT INTO events (article_id, idx, day, source_name, source_code, source_entity,
		target_name, target_code, target_entity, cameo, root, cameo_name, quad_class, goldstein,
		plover, plover_mode, modality, evidence, sentence, cue)
	SELECT a.id, u.n - 1, $9, u.sn, u.sc, u.se, u.tn, u.tc, u.te, u.cameo, u.root, u.cname,
		u.quad, u.gold, u.plover, u.pmode, u.modality, u.evidence, u.sentence, u.cue
	FROM a, unnest(` + ps("text[]", 9) + ", " + p("int[]") + ", " + p("float8[]") + ", " +
		ps("text[]", 4) + ", " + p("int[]") + ", " + p("text[]") + `) WITH ORDINALITY
		AS u(sn, sc, se, tn, tc, te, cameo, root, cname, quad, gold, plover, pmode, modality,
			evidence, sentence, cue, n)
	ORDER BY u.n
)
SELECT id FROM a`)
	return b.String()
}()

// prepared is an article made ready for insertion outside the transaction, so that
// goroutines calling Put encode in parallel and hold a connection only to write.
type prepared struct {
	a        *article.Article
	src      store.Source
	identity string
	seq      int   // position among the batch's articles, which take ascending ids in this order
	args     []any // insertSQL's arguments; the source id and the id are set in the transaction

	// cluster is the item's hook (store.Item.Cluster); clustered is the id it was last
	// called with, and name and why its answer, reused when a transaction is retried.
	cluster   func(id int64) (string, json.RawMessage)
	clustered int64
	name      string
	why       json.RawMessage
}

// Positions in prepared.args of the arguments set in the transaction.
const (
	argSource = 3
	argID     = 13
)

func prepare(it store.Item, now time.Time) (*prepared, error) {
	a := it.Article
	if a == nil {
		return nil, errors.New("postgres: nil article")
	}
	p := &prepared{a: a, src: it.Source, identity: store.Identity(a), cluster: it.Cluster}
	// The text has its own column; leave it out of the JSON rather than store it twice.
	c := *a
	c.Text = ""
	doc, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("postgres: encoding article %s: %w", p.identity, err)
	}
	d := store.Day(a.Published)
	args := []any{p.identity, a.URL, a.Path, int64(0), a.Title, a.Subtitle, a.Byline, a.Published,
		d, a.Language, a.Text, now, string(doc), int64(0)}

	// Arrays are made non-nil even when empty: pgx sends a nil slice as NULL, and
	// unnest(NULL) would be no rows but NULL[…] slices would be NULL roles.
	ne := len(a.Entities)
	var (
		eid, name, typ, country, actor, sector = strs(ne), strs(ne), strs(ne), strs(ne), strs(ne), strs(ne)
		mentions, roff, rcnt                   = ints(ne), ints(ne), ints(ne)
		roles                                  = []string{}
		byID                                   = make(map[string]*article.Entity, ne)
	)
	for i := range a.Entities {
		e := &a.Entities[i]
		byID[e.ID] = e
		eid, name, typ = append(eid, e.ID), append(name, e.Name), append(typ, e.Type)
		country, actor, sector = append(country, e.Country), append(actor, e.Actor), append(sector, e.Sector)
		mentions = append(mentions, int32(len(e.Mentions)))
		roff, rcnt = append(roff, int32(len(roles))), append(rcnt, int32(len(e.Roles)))
		roles = append(roles, e.Roles...)
	}
	args = append(args, eid, name, typ, country, actor, sector, mentions, roff, rcnt, roles)

	var (
		mEnt, mIdx, mRef, mStart, mEnd = ints(0), ints(0), ints(0), ints(0), ints(0)
		mText, mKind                   = strs(0), strs(0)
	)
	for i := range a.Entities {
		e := &a.Entities[i]
		for ref, ms := range [][]article.Mention{e.Mentions, e.References} {
			for j, m := range ms {
				mEnt, mIdx, mRef = append(mEnt, int32(i)), append(mIdx, int32(j)), append(mRef, int32(ref))
				mStart, mEnd = append(mStart, int32(m.Start)), append(mEnd, int32(m.End))
				mText, mKind = append(mText, m.Text), append(mKind, m.Kind)
			}
		}
	}
	args = append(args, mEnt, mIdx, mRef, mStart, mEnd, mText, mKind)

	nq := len(a.Quotes)
	var (
		qKind, qText, qStart, qEnd = strs(nq), strs(nq), ints(nq), ints(nq)
		qSEnt, qSName              = strs(nq), strs(nq)
		qSStart, qSEnd             = ints(nq), ints(nq)
		qSActor, qSCountry, qCue   = strs(nq), strs(nq), strs(nq)
		hoff, hcnt                 = ints(nq), ints(nq)
		hedges                     = []string{}
	)
	for _, q := range a.Quotes {
		var act, cty string
		if e := byID[q.Speaker]; e != nil && q.Speaker != "" {
			act, cty = e.Actor, e.Country
		}
		qKind, qText = append(qKind, q.Kind), append(qText, q.Text)
		qStart, qEnd = append(qStart, int32(q.Start)), append(qEnd, int32(q.End))
		qSEnt, qSName = append(qSEnt, q.Speaker), append(qSName, q.SpeakerName)
		qSStart, qSEnd = append(qSStart, int32(q.SpeakerStart)), append(qSEnd, int32(q.SpeakerEnd))
		qSActor, qSCountry, qCue = append(qSActor, act), append(qSCountry, cty), append(qCue, q.Cue)
		hoff, hcnt = append(hoff, int32(len(hedges))), append(hcnt, int32(len(q.Hedges)))
		hedges = append(hedges, q.Hedges...)
	}
	args = append(args, qKind, qText, qStart, qEnd, qSEnt, qSName, qSStart, qSEnd, qSActor,
		qSCountry, qCue, hoff, hcnt, hedges)

	nv := len(a.Events)
	var (
		sn, sc, se, tn, tc, te   = strs(nv), strs(nv), strs(nv), strs(nv), strs(nv), strs(nv)
		cameo, root, cname       = strs(nv), strs(nv), strs(nv)
		quad                     = ints(nv)
		gold                     = make([]float64, 0, nv)
		plover, pmode, mod, evid = strs(nv), strs(nv), strs(nv), strs(nv)
		sentence                 = ints(nv)
		cue                      = strs(nv)
	)
	for _, e := range a.Events {
		sn, sc, se = append(sn, e.Source.Name), append(sc, e.Source.Code), append(se, e.Source.Entity)
		tn, tc, te = append(tn, e.Target.Name), append(tc, e.Target.Code), append(te, e.Target.Entity)
		cameo, root, cname = append(cameo, e.Cameo), append(root, e.CameoRoot), append(cname, e.CameoName)
		quad, gold = append(quad, int32(e.QuadClass)), append(gold, e.Goldstein)
		plover, pmode = append(plover, e.Plover), append(pmode, e.PloverMode)
		mod, evid = append(mod, e.Modality), append(evid, e.Evidence)
		sentence, cue = append(sentence, int32(e.Sentence)), append(cue, e.Cue)
	}
	args = append(args, sn, sc, se, tn, tc, te, cameo, root, cname, quad, gold, plover, pmode,
		mod, evid, sentence, cue)
	p.args = args
	return p, nil
}

func strs(n int) []string { return make([]string, 0, n) }
func ints(n int) []int32  { return make([]int32, 0, n) }

// Put implements store.Store.
func (db *DB) Put(ctx context.Context, a *article.Article, src store.Source) (int64, bool, error) {
	res, err := db.PutBatch(ctx, []store.Item{{Article: a, Source: src}})
	if err != nil {
		return 0, false, err
	}
	return res[0].ID, res[0].Created, res[0].Err
}

// maxAttempts is how often a batch is tried when it meets a deadlock or serialization
// failure, which the server resolves by failing one of the transactions involved.
const maxAttempts = 4

// PutBatch implements store.Store. The items are encoded in the caller's goroutine, then
// written in one transaction, in the order of their identities (see the package doc on
// deadlocks), with the results put back in the order of items.
func (db *DB) PutBatch(ctx context.Context, items []store.Item) ([]store.Result, error) {
	res := make([]store.Result, len(items))
	now := time.Now().UTC()
	var preps []*prepared
	var order []int // index in items of each of preps
	for i, it := range items {
		p, err := prepare(it, now)
		if err != nil {
			res[i].Err = err
			continue
		}
		p.seq = len(preps)
		preps, order = append(preps, p), append(order, i)
	}
	if len(preps) == 0 {
		return res, nil
	}
	// Rows are inserted in the order of identities, so that every writer takes the unique
	// index's locks in one order and none waits for another that waits for it. Ids still
	// ascend in the order of items (see putTx). The sort is stable: of two items with one
	// identity, the earlier is created and the later finds it.
	idx := make([]int, len(preps))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(preps[x].identity, preps[y].identity) })
	sorted := make([]*prepared, len(preps))
	for k, i := range idx {
		sorted[k] = preps[i]
	}
	out := make([]store.Result, len(sorted))
	var err error
	for attempt := 1; ; attempt++ {
		err = db.write(ctx, sorted, out)
		if err == nil || !retryable(err) || attempt == maxAttempts || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	for k, i := range idx {
		res[order[i]] = out[k]
	}
	return res, nil
}

// write stores prepared items in one transaction. First all items in one round trip
// without savepoints, the fast path; an item failing in the database (preparation already
// caught what it can) sends the batch round again with a savepoint per item, so that it
// alone is left out.
func (db *DB) write(ctx context.Context, preps []*prepared, res []store.Result) error {
	err := db.putTx(ctx, preps, res, false)
	var ie itemError
	if errors.As(err, &ie) {
		if len(preps) == 1 {
			return ie.error
		}
		return db.putTx(ctx, preps, res, true)
	}
	return err
}

// itemError is the failure of one item of a batch written without savepoints.
type itemError struct{ error }

func (db *DB) putTx(ctx context.Context, preps []*prepared, res []store.Result, savepoints bool) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	defer tx.Rollback(context.Background())
	for i := range res {
		res[i] = store.Result{} // forget a failed earlier try
	}
	srcs, err := db.sourceIDs(ctx, tx, preps)
	if err != nil {
		return err
	}
	// Ids are taken from the sequence up front, in the order of items, since the rows go
	// in in another order: a batch's articles get ascending ids in the order given, as in
	// store/sqlite, so Each and the listings see them in that order. An id whose article
	// turns out to be stored already is left unused.
	rows, _ := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('articles', 'id'))
		FROM generate_series(1, $1)`, len(preps))
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("postgres: article ids: %w", err)
	}
	slices.Sort(ids)
	for _, p := range preps {
		p.args[argSource], p.args[argID] = srcs[p.src], ids[p.seq]
	}
	var existing []int // items whose identity was already stored
	if !savepoints {
		rows, _ := tx.Query(ctx, batchSQL, batchArgs(preps)...)
		created, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			if retryable(err) || ctx.Err() != nil {
				return err
			}
			return itemError{fmt.Errorf("postgres: %w", err)}
		}
		isNew := make(map[int64]bool, len(created))
		for _, id := range created {
			isNew[id] = true
		}
		for i, p := range preps {
			if id := p.args[argID].(int64); isNew[id] {
				res[i].ID, res[i].Created = id, true
			} else {
				existing = append(existing, i)
			}
		}
	} else {
		for i, p := range preps {
			if _, err := tx.Exec(ctx, `SAVEPOINT item`); err != nil {
				return fmt.Errorf("postgres: %w", err)
			}
			err := tx.QueryRow(ctx, insertSQL, p.args...).Scan(&res[i].ID)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				existing = append(existing, i)
			case err != nil:
				if retryable(err) || ctx.Err() != nil {
					return err
				}
				res[i].Err = fmt.Errorf("postgres: article %s: %w", p.identity, err)
				if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT item`); err != nil {
					return fmt.Errorf("postgres: %w", err)
				}
			default:
				res[i].Created = true
			}
			if _, err := tx.Exec(ctx, `RELEASE SAVEPOINT item`); err != nil {
				return fmt.Errorf("postgres: %w", err)
			}
		}
	}
	if len(existing) > 0 {
		// Already stored, by an earlier transaction or by an earlier item of this one: the
		// identity's row wins and nothing is added. This statement's snapshot is newer than
		// the INSERT's, so it sees a row that a concurrent writer committed meanwhile.
		ids := make([]string, len(existing))
		for k, i := range existing {
			ids[k] = preps[i].identity
		}
		rows, _ := tx.Query(ctx, `SELECT identity, id FROM articles WHERE identity = ANY($1)`, ids)
		found := map[string]int64{}
		var (
			identity string
			id       int64
		)
		_, err := pgx.ForEachRow(rows, []any{&identity, &id}, func() error {
			found[identity] = id
			return nil
		})
		if err != nil {
			return fmt.Errorf("postgres: existing articles: %w", err)
		}
		for _, i := range existing {
			id, ok := found[preps[i].identity]
			if !ok {
				// Conflicted with a row that is now gone: only a concurrent transaction that
				// rolled back could do that, and the INSERT would then have waited and won.
				return fmt.Errorf("postgres: article %s: neither inserted nor found", preps[i].identity)
			}
			res[i].ID = id
		}
	}
	if err := clusters(ctx, tx, preps, res); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	db.mu.Lock()
	for s, id := range srcs {
		db.sources[s] = id
	}
	db.mu.Unlock()
	return nil
}

// sourceIDs returns the id of the source row of every item, adding the new ones in sorted
// order (see the package doc on deadlocks). Only committed rows are cached in db.sources,
// since a rollback would undo the others.
func (db *DB) sourceIDs(ctx context.Context, tx pgx.Tx, preps []*prepared) (map[store.Source]int64, error) {
	ids := map[store.Source]int64{}
	var missing []store.Source
	db.mu.Lock()
	for _, p := range preps {
		if _, ok := ids[p.src]; ok {
			continue
		}
		if id, ok := db.sources[p.src]; ok {
			ids[p.src] = id
			continue
		}
		ids[p.src] = 0
		missing = append(missing, p.src)
	}
	db.mu.Unlock()
	slices.SortFunc(missing, func(a, b store.Source) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	for _, s := range missing {
		// DO NOTHING rather than DO UPDATE: an update would write a new row version at
		// every batch naming the source. The SELECT after it, a new snapshot, sees the row
		// that a concurrent transaction committed.
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO sources (name, kind) VALUES ($1, $2)
			ON CONFLICT (name, kind) DO NOTHING RETURNING id`, s.Name, s.Kind).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			err = tx.QueryRow(ctx, `SELECT id FROM sources WHERE name = $1 AND kind = $2`, s.Name, s.Kind).Scan(&id)
		}
		if err != nil {
			return nil, fmt.Errorf("postgres: source: %w", err)
		}
		ids[s] = id
	}
	return ids, nil
}

// clusters asks the cluster hooks of the created articles, in item order (preps are in
// identity order), and stores their answers: one UPDATE for all the articles and one
// upsert for all their clusters, the clusters in sorted order like every other row this
// transaction locks (see the package doc on deadlocks).
func clusters(ctx context.Context, tx pgx.Tx, preps []*prepared, res []store.Result) error {
	var todo []int
	for i, p := range preps {
		if p.cluster != nil && res[i].Created && res[i].Err == nil {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	slices.SortFunc(todo, func(x, y int) int { return cmp.Compare(preps[x].seq, preps[y].seq) })
	var (
		ids   []int64
		names []string
		why   = map[string]*string{} // cluster -> its latest explanation; nil keeps the stored one
	)
	for _, i := range todo {
		p, id := preps[i], res[i].ID
		if p.clustered != id {
			p.name, p.why = p.cluster(id)
			p.clustered = id
		}
		if p.name == "" {
			continue
		}
		ids, names = append(ids, id), append(names, p.name)
		if p.why != nil {
			e := string(p.why)
			why[p.name] = &e
		} else if _, ok := why[p.name]; !ok {
			why[p.name] = nil
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE articles SET cluster = u.cluster
		FROM unnest($1::bigint[], $2::text[]) AS u(id, cluster) WHERE articles.id = u.id`, ids, names); err != nil {
		return fmt.Errorf("postgres: set clusters: %w", err)
	}
	cs := slices.Sorted(maps.Keys(why))
	es := make([]*string, len(cs))
	for k, c := range cs {
		es[k] = why[c]
	}
	if _, err := tx.Exec(ctx, `INSERT INTO clusters (id, explanation)
		SELECT u.id, u.explanation::jsonb FROM unnest($1::text[], $2::text[]) AS u(id, explanation) ORDER BY u.id
		ON CONFLICT (id) DO UPDATE SET explanation = coalesce(excluded.explanation, clusters.explanation)`, cs, es); err != nil {
		return fmt.Errorf("postgres: set clusters: %w", err)
	}
	return nil
}
