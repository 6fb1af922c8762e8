// Package sqlite is Herald's store.Store in one SQLite file, through the pure-Go driver
// modernc.org/sqlite so that Herald builds with CGO_ENABLED=0.
//
// The file is opened in WAL mode: readers never wait for the writer and the writer never
// waits for readers, and a process killed mid-write leaves the last committed state. All
// writes go through one connection (SQLite allows one writer at a time anyway), which
// serialises them inside the process; other processes writing the same file wait up to the
// busy timeout. Reads use a pool of read-only connections.
//
// The schema is created and upgraded by numbered SQL files in migrations/, applied in order
// inside one transaction when the file is opened; the table schema_version records which.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// DefaultPath is the file the CLI uses when --store is not given.
const DefaultPath = "herald.db"

// pageSize is the page size of files this package creates.
const pageSize = 16384

// busyTimeout is how long a write waits for another process's write to finish. Ingest
// batches commit in well under a second, so this is generous.
const busyTimeout = 30 * time.Second

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations are the embedded steps in version order. The embedded files are checked by
// the tests, so an error here means the binary was built from broken files.
var migrations = func() []store.Migration {
	ms, err := store.Migrations(migrationFS)
	if err != nil {
		panic("sqlite: " + err.Error())
	}
	return ms
}()

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// DB is a store.Store in one SQLite file. It is safe for concurrent use (see store.Store).
type DB struct {
	path string
	w    *sql.DB // exactly one connection: every write
	r    *sql.DB // read-only connections

	ins inserts // statements prepared on w

	// fkOff is whether foreign-key enforcement is off on w (see writeConn). Only the
	// holder of w's one connection reads or writes it.
	fkOff bool

	mu      sync.Mutex
	sources map[store.Source]int64 // committed source rows, which are never deleted

	// bulk is set between BeginBulk and FinishBulk: transactions leave the full-text
	// indexes alone and mark them for rebuilding (see bulk.go).
	bulk atomic.Bool

	// pending is wtx.pending between transactions, kept for its capacity: only the writer
	// goroutine uses it.
	pending [len(annotationTables)][]any

	// queue takes Put and PutBatch requests to the writer goroutine; nil once closed.
	queue   chan *writeReq
	closing sync.RWMutex  // held to send on queue; Close takes it to close queue
	written chan struct{} // closed when the writer has finished
}

var _ store.Store = (*DB)(nil)

// Open opens or creates the store in the file at path and brings its schema up to date.
func Open(path string) (*DB, error) {
	return open(path, SchemaVersion)
}

// open opens the file and migrates it up to version upTo; tests use an older upTo to make
// files as older Herald versions left them.
func open(path string, upTo int) (*DB, error) {
	if path == "" {
		path = DefaultPath
	}
	if strings.ContainsAny(path, "?#") || strings.HasPrefix(path, "file:") {
		// The driver reads parameters after '?': such a name would open another file.
		return nil, fmt.Errorf("sqlite: unsupported characters in store path %q", path)
	}
	timeout := strconv.FormatInt(busyTimeout.Milliseconds(), 10)
	// synchronous=NORMAL in WAL mode loses no committed transaction when the process dies,
	// only (possibly) the last ones on power loss, and saves an fsync per commit.
	common := "_busy_timeout=" + timeout + "&_foreign_keys=1&_pragma=synchronous(NORMAL)"
	// page_size takes effect only when the file is created (the driver runs it before
	// journal_mode), so older files keep theirs. 16 KiB rather than 4 KiB: an article's
	// row (text and JSON, 35 KB on average for news) spans a quarter as many overflow
	// pages, and every page written costs a system call to the WAL and another at the
	// checkpoint; ingesting the PolNeAR texts made 3.5 times fewer pwrite and 4 times
	// fewer pread calls.
	//
	// The writer's page cache is SQLite's default 2 MB. A larger one saved no reads worth
	// having (the pages a batch touches are read once from the OS's cache) and cost much
	// more: the driver's allocator maps each cache page on its own and, when the
	// connection closes, hands each back with an madvise call that took about 0.3 ms on a
	// virtual machine; with 32 MB, closing the store after ingesting the 840 PolNeAR
	// texts took a second of CPU, and the ingest itself was slower.
	w, err := sql.Open("sqlite", path+"?"+common+"&_pragma=page_size("+strconv.Itoa(pageSize)+")"+
		"&_journal_mode=WAL&_txlock=immediate&_pragma=cache_size(-2000)&_pragma=temp_store(MEMORY)")
	if err != nil {
		return nil, err
	}
	// One writer connection kept open for the life of the DB: writes queue for it, and its
	// prepared statements stay valid. BEGIN IMMEDIATE (_txlock) takes the write lock at the
	// start, so a transaction never fails half-way because another process wrote first.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, w: w, sources: map[store.Source]int64{}}
	if err := migrate(context.Background(), w, upTo); err != nil {
		w.Close()
		// SQLite says only "unable to open database file (14)" for these.
		if fi, serr := os.Stat(filepath.Dir(path)); errors.Is(serr, fs.ErrNotExist) {
			return nil, fmt.Errorf("sqlite: %s: directory %s does not exist", path, filepath.Dir(path))
		} else if serr == nil && !fi.IsDir() {
			return nil, fmt.Errorf("sqlite: %s: %s is not a directory", path, filepath.Dir(path))
		}
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", path+"?"+common+"&_query_only=1")
	if err != nil {
		w.Close()
		return nil, err
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.r = r
	if upTo == SchemaVersion {
		// A bulk load killed part-way left its indexes to build: build them now, before
		// anything reads or writes.
		if err := db.FinishBulk(context.Background(), nil); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite: %s: %w", path, err)
		}
		if err := db.ins.prepare(w); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite: %s: %w", path, err)
		}
		db.queue, db.written = make(chan *writeReq), make(chan struct{})
		go db.writer(db.queue, db.written)
	}
	return db, nil
}

// migrate applies the migrations after the file's version up to upTo, all in one
// transaction: another process opening the file at the same time waits, then finds it
// migrated.
func migrate(ctx context.Context, w *sql.DB, upTo int) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return err
	}
	if have > SchemaVersion {
		return fmt.Errorf("schema version %d is newer than this Herald's %d: upgrade Herald", have, SchemaVersion)
	}
	for _, m := range migrations[have:upTo] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`,
			m.Version, time.Now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Close waits for writes in progress and closes the file.
func (db *DB) Close() error {
	db.closing.Lock()
	if db.queue != nil {
		close(db.queue)
		db.queue = nil
		<-db.written
	}
	db.closing.Unlock()
	db.ins.close()
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	// A last checkpoint folds the WAL into the file, so that the file alone is the store.
	_, _ = db.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	errs = append(errs, db.w.Close())
	return errors.Join(errs...)
}

// writeConn takes the writer connection, with foreign-key enforcement on (fk) or off.
//
// The writer's own transactions run with it off: they insert an article before its
// entities, quotes and events, in the same transaction, so the rows they add always have
// their parent, and enforcement would only cost. It costs twice: a lookup of the article
// for every row, and, since an enforced key can fail a statement half-way, a statement
// journal, a copy of every page a multi-row INSERT changes, kept to undo it alone (the
// INSERT OR FAIL of the annotation rows avoids the journal for the other constraints). All
// other writes (cluster updates, bulk loads, and any delete, whose ON DELETE CASCADE needs
// enforcement) turn it back on.
//
// The setting is switched only when it changes, not around each transaction: switching it
// expires every statement prepared on the connection, and preparing the writer's multi-row
// INSERTs again took about 2 ms per transaction of 64 articles, half of what it saves.
// fkOff can only err on the safe side: a connection database/sql opens anew (after a
// driver.ErrBadConn) starts with enforcement on, and is at worst enforced needlessly.
func (db *DB) writeConn(ctx context.Context, fk bool) (*sql.Conn, error) {
	c, err := db.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if db.fkOff == fk {
		q := "PRAGMA foreign_keys = OFF"
		if fk {
			q = "PRAGMA foreign_keys = ON"
		}
		if _, err := c.ExecContext(ctx, q); err != nil {
			c.Close()
			return nil, err
		}
		db.fkOff = !fk
	}
	return c, nil
}

// Path returns the file name.
func (db *DB) Path() string { return db.path }

// inserts are the statements of Put, prepared once on the writer connection.
type inserts struct {
	article, articleFTS, existing, source, quoteFTS *sql.Stmt
	// Clusters: an article's cluster, and a cluster's row with or without explanation.
	setCluster, addCluster, explainCluster *sql.Stmt

	// multi holds multi-row INSERTs by table and by row counts that are powers of two up
	// to maxRows: any number of rows goes in as at most log2(maxRows)+1 statements plus
	// chunks of maxRows. They are all prepared at Open, because a statement cannot be
	// prepared on the one writer connection while a transaction holds it.
	multi map[multiKey]*sql.Stmt
}

type multiKey struct {
	t    *table
	rows int
}

// table is a target of multi-row inserts.
type table struct {
	name string
	cols []string
}

var (
	tEntities = &table{"entities", []string{"article_id", "idx", "entity_id", "name", "type",
		"country", "actor", "sector", "roles", "mentions"}}
	tQuotes = &table{"quotes", []string{"article_id", "idx", "kind", "text", "start", `"end"`,
		"speaker_entity", "speaker_name", "speaker_start", "speaker_end", "speaker_actor",
		"speaker_country", "cue", "hedges"}}
	tEvents = &table{"events", []string{"article_id", "idx", "day", "source_name", "source_code",
		"source_entity", "target_name", "target_code", "target_entity", "cameo", "root",
		"cameo_name", "quad_class", "goldstein", "plover", "plover_mode", "modality", "evidence",
		"sentence", "cue"}}
)

// annotationTables are the tables of an article's annotations, in the order they are
// written; wtx.pending holds their rows at the same positions.
var annotationTables = [...]*table{tEntities, tQuotes, tEvents}

// maxRows is the most rows one INSERT takes. The rows of a whole batch go in together
// (see wtx.flush), so most statements are full: 64 rows of the widest table are 1,280
// parameters, far below SQLite's limit of 32,766.
const maxRows = 64

// wtx is one write transaction: the transaction, its handles on the prepared statements,
// and the annotation rows waiting to be inserted.
type wtx struct {
	*sql.Tx
	db      *DB
	ctx     context.Context
	stmts   map[*sql.Stmt]*sql.Stmt
	pending [len(annotationTables)][]any // values of rows laid end to end, per table
}

// stmt returns the transaction's handle on a statement prepared at Open, made once:
// Tx.StmtContext allocates a new one at every call.
func (t *wtx) stmt(s *sql.Stmt) *sql.Stmt {
	ts, ok := t.stmts[s]
	if !ok {
		ts = t.Tx.StmtContext(t.ctx, s)
		t.stmts[s] = ts
	}
	return ts
}

// flush inserts the pending annotation rows, table by table, in as few statements as the
// statement sizes allow: the per-statement cost (the database/sql call, binding, resetting
// the statement) is most of a small statement's.
func (t *wtx) flush() error {
	for i, tab := range annotationTables {
		args, n := t.pending[i], len(tab.cols)
		for len(args) > 0 {
			k := maxRows
			for k > len(args)/n {
				k /= 2
			}
			if _, err := t.stmt(t.db.ins.multi[multiKey{tab, k}]).ExecContext(t.ctx, args[:k*n]...); err != nil {
				return fmt.Errorf("sqlite: %s: %w", tab.name, err)
			}
			args = args[k*n:]
		}
		t.pending[i] = clearAll(t.pending[i])
	}
	return nil
}

// clearAll empties s, dropping its references to the values of rows already written.
func clearAll(s []any) []any {
	clear(s)
	return s[:0]
}

// discard forgets the pending rows of an item rolled back.
func (t *wtx) discard() {
	for i := range t.pending {
		t.pending[i] = clearAll(t.pending[i])
	}
}

func (s *inserts) prepareMulti(w *sql.DB) error {
	s.multi = map[multiKey]*sql.Stmt{}
	for _, t := range annotationTables {
		row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(t.cols)), ",") + ")"
		for k := 1; k <= maxRows; k *= 2 {
			// OR FAIL: a constraint failing ends the statement where it is, the rows
			// before it kept, instead of undoing the statement's rows (ABORT), which
			// needs a statement journal. The rows are undone anyway: a failed insert
			// rolls back the transaction or the item's savepoint (see putTx).
			q := "INSERT OR FAIL INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " +
				strings.TrimSuffix(strings.Repeat(row+",", k), ",")
			st, err := w.Prepare(q)
			if err != nil {
				return err
			}
			s.multi[multiKey{t, k}] = st
		}
	}
	return nil
}

func (s *inserts) prepare(w *sql.DB) error {
	if err := s.prepareMulti(w); err != nil {
		return err
	}
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&s.article, `INSERT INTO articles (identity, url, path, source_id, title, subtitle, byline,
			published, day, language, text, ingested_at, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT (identity) DO NOTHING RETURNING id`},
		{&s.articleFTS, `INSERT INTO articles_fts (rowid, title, text) SELECT id, title, text FROM articles WHERE id BETWEEN ? AND ?`},
		{&s.existing, `SELECT id FROM articles WHERE identity = ?`},
		{&s.source, `INSERT INTO sources (name, kind) VALUES (?, ?)
			ON CONFLICT (name, kind) DO UPDATE SET kind = excluded.kind RETURNING id`},
		{&s.quoteFTS, `INSERT INTO quotes_fts (rowid, text) SELECT id, text FROM quotes WHERE article_id BETWEEN ? AND ?`},
		{&s.setCluster, `UPDATE articles SET cluster = ? WHERE id = ?`},
		{&s.addCluster, `INSERT INTO clusters (id, explanation) VALUES (?, NULL) ON CONFLICT (id) DO NOTHING`},
		{&s.explainCluster, `INSERT INTO clusters (id, explanation) VALUES (?, ?)
			ON CONFLICT (id) DO UPDATE SET explanation = excluded.explanation`},
	} {
		st, err := w.Prepare(p.sql)
		if err != nil {
			return err
		}
		*p.st = st
	}
	return nil
}

func (s *inserts) close() {
	for _, st := range []*sql.Stmt{s.article, s.articleFTS, s.existing, s.source, s.quoteFTS,
		s.setCluster, s.addCluster, s.explainCluster} {
		if st != nil {
			st.Close()
		}
	}
	for _, st := range s.multi {
		st.Close()
	}
}

// prepared is an article made ready for insertion outside the write transaction, so that
// goroutines calling Put encode in parallel and hold the writer only to write.
type prepared struct {
	a        *article.Article
	src      store.Source
	identity string
	day      string
	doc      []byte
	roles    [][]byte // per entity
	hedges   [][]byte // per quote

	// cluster is the item's hook (store.Item.Cluster); clustered is the id it was last
	// called with, and name and why its answer, reused when a transaction is retried.
	cluster   func(id int64) (string, json.RawMessage)
	clustered int64
	name      string
	why       json.RawMessage
}

func prepare(it store.Item) (*prepared, error) {
	a := it.Article
	if a == nil {
		return nil, errors.New("sqlite: nil article")
	}
	p := &prepared{a: a, src: it.Source, identity: store.Identity(a), day: store.Day(a.Published), cluster: it.Cluster}
	// The text and the other fields have their own columns, the entities, quotes and
	// events their tables: the doc holds the rest (see docV3).
	var err error
	if p.doc, err = encodeDoc(a); err != nil {
		return nil, fmt.Errorf("sqlite: encoding article %s: %w", p.identity, err)
	}
	for _, e := range a.Entities {
		b, _ := json.Marshal(nonNil(e.Roles))
		p.roles = append(p.roles, b)
	}
	for _, q := range a.Quotes {
		b, _ := json.Marshal(nonNil(q.Hedges))
		p.hedges = append(p.hedges, b)
	}
	return p, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Put implements store.Store.
func (db *DB) Put(ctx context.Context, a *article.Article, src store.Source) (int64, bool, error) {
	res, err := db.PutBatch(ctx, []store.Item{{Article: a, Source: src}})
	if err != nil {
		return 0, false, err
	}
	return res[0].ID, res[0].Created, res[0].Err
}

// PutBatch implements store.Store. The items are encoded in the caller's goroutine, then
// handed to the writer goroutine, which commits them, together with whatever other callers
// queued meanwhile, in one transaction (see writer).
func (db *DB) PutBatch(ctx context.Context, items []store.Item) ([]store.Result, error) {
	req := &writeReq{ctx: ctx, res: make([]store.Result, len(items)), preps: make([]*prepared, len(items)),
		done: make(chan struct{})}
	for i, it := range items {
		req.preps[i], req.res[i].Err = prepare(it)
	}
	db.closing.RLock()
	if db.queue == nil {
		db.closing.RUnlock()
		return nil, errClosed
	}
	select {
	case db.queue <- req:
	case <-ctx.Done():
		db.closing.RUnlock()
		return nil, ctx.Err()
	}
	db.closing.RUnlock()
	// Wait even if ctx ends now: the writer may be committing the items, and the caller
	// must learn whether it did.
	<-req.done
	if req.err != nil {
		return nil, req.err
	}
	return req.res, nil
}

// write stores prepared items in one transaction.
func (db *DB) write(ctx context.Context, preps []*prepared, res []store.Result) error {
	// First all items without savepoints, the fast path; an item failing in the database
	// (rare: preparation already caught what it can) sends the batch round again with a
	// savepoint per item, so that it alone is left out.
	if err := db.putTx(ctx, preps, res, false); err != nil {
		if _, ok := err.(itemError); !ok {
			return err
		}
		return db.putTx(ctx, preps, res, true)
	}
	return nil
}

// itemError is the failure of one item of a batch written without savepoints.
type itemError struct{ error }

// putTx writes the items in one transaction. Without savepoints, the annotation rows of all
// the items go in together at the end, and a failure there fails the batch as an itemError
// (it cannot be told whose row failed); with savepoints, each item's rows go in with it.
func (db *DB) putTx(ctx context.Context, preps []*prepared, res []store.Result, savepoints bool) error {
	conn, err := db.writeConn(ctx, false)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	defer sqlTx.Rollback()
	// The pending rows' slices are reused from one transaction to the next: a batch's
	// annotations are tens of thousands of values, which would otherwise be grown anew.
	tx := &wtx{Tx: sqlTx, db: db, ctx: ctx, stmts: map[*sql.Stmt]*sql.Stmt{}, pending: db.pending}
	defer func() {
		tx.discard()
		db.pending = tx.pending
	}()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	newSources := map[store.Source]int64{}
	for i, p := range preps {
		if p == nil {
			continue
		}
		res[i] = store.Result{} // forget a failed first pass
		if savepoints {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT item`); err != nil {
				return fmt.Errorf("sqlite: %w", err)
			}
		}
		id, created, err := db.insert(tx, p, now, newSources)
		if err == nil && savepoints {
			err = tx.flush()
		}
		switch {
		case err != nil && (ctx.Err() != nil || len(preps) == 1):
			return err
		case err != nil && !savepoints:
			return itemError{err}
		case err != nil:
			res[i].Err = err
			tx.discard()
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO item`); err != nil {
				return fmt.Errorf("sqlite: %w", err)
			}
		default:
			res[i].ID, res[i].Created = id, created
		}
		if savepoints {
			if _, err := tx.ExecContext(ctx, `RELEASE item`); err != nil {
				return fmt.Errorf("sqlite: %w", err)
			}
		}
	}
	if err := tx.flush(); err != nil {
		if ctx.Err() != nil || len(preps) == 1 {
			return err
		}
		return itemError{err}
	}
	if err := db.clusters(tx, preps, res); err != nil {
		return err
	}
	if db.bulk.Load() {
		// Marked again in every transaction of a bulk load, in case another process's
		// Open finished the load meanwhile: a kill from now on still leaves it to finish.
		if _, err := tx.ExecContext(ctx, ftsPending); err != nil {
			return fmt.Errorf("sqlite: bulk load: %w", err)
		}
	} else if err := db.index(tx, res); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	if len(newSources) > 0 {
		db.mu.Lock()
		for s, id := range newSources {
			db.sources[s] = id
		}
		db.mu.Unlock()
	}
	return nil
}

// clusters asks the cluster hooks of the created articles, in item order, and stores their
// answers. The UPDATE rewrites rows this transaction wrote, whose pages are still in the
// cache: it costs no write of its own to the WAL, where a later transaction would write
// every page of the (text and JSON holding) row again.
func (db *DB) clusters(tx *wtx, preps []*prepared, res []store.Result) error {
	ctx := tx.ctx
	for i, p := range preps {
		if p == nil || p.cluster == nil || !res[i].Created || res[i].Err != nil {
			continue
		}
		id := res[i].ID
		if p.clustered != id {
			p.name, p.why = p.cluster(id)
			p.clustered = id
		}
		if p.name == "" {
			continue
		}
		if _, err := tx.stmt(db.ins.setCluster).ExecContext(ctx, p.name, id); err != nil {
			return fmt.Errorf("sqlite: set cluster: %w", err)
		}
		var err error
		if p.why != nil {
			_, err = tx.stmt(db.ins.explainCluster).ExecContext(ctx, p.name, string(p.why))
		} else {
			_, err = tx.stmt(db.ins.addCluster).ExecContext(ctx, p.name)
		}
		if err != nil {
			return fmt.Errorf("sqlite: set cluster: %w", err)
		}
	}
	return nil
}

// index adds the articles created by the transaction, and their quotes, to the full-text
// indexes. It runs once, after all other writes of the transaction: FTS5 flushes its
// pending terms to a new segment at every statement that follows a write to it, so indexing
// article by article would cost a flush (and later merges) per statement. The created ids
// are one range, since the transaction holds the only write lock while it allocates them.
func (db *DB) index(tx *wtx, res []store.Result) error {
	ctx := tx.ctx
	var lo, hi int64
	for _, r := range res {
		if r.Created && r.Err == nil {
			if lo == 0 || r.ID < lo {
				lo = r.ID
			}
			hi = max(hi, r.ID)
		}
	}
	if lo == 0 {
		return nil
	}
	if _, err := tx.stmt(db.ins.articleFTS).ExecContext(ctx, lo, hi); err != nil {
		return fmt.Errorf("sqlite: search index: %w", err)
	}
	if _, err := tx.stmt(db.ins.quoteFTS).ExecContext(ctx, lo, hi); err != nil {
		return fmt.Errorf("sqlite: quote search index: %w", err)
	}
	return nil
}

// sourceID returns the id of the source row, adding it when new. Ids added by the running
// transaction are kept in pending until it commits, since a rollback would undo them.
func (db *DB) sourceID(tx *wtx, src store.Source, pending map[store.Source]int64) (int64, error) {
	db.mu.Lock()
	id, ok := db.sources[src]
	db.mu.Unlock()
	if ok {
		return id, nil
	}
	if id, ok := pending[src]; ok {
		return id, nil
	}
	if err := tx.stmt(db.ins.source).QueryRowContext(tx.ctx, src.Name, src.Kind).Scan(&id); err != nil {
		return 0, fmt.Errorf("sqlite: source: %w", err)
	}
	pending[src] = id
	return id, nil
}

// insert writes one article inside tx and adds the rows of its annotations to tx.pending,
// to be inserted by tx.flush.
func (db *DB) insert(tx *wtx, p *prepared, now string, pending map[store.Source]int64) (int64, bool, error) {
	ctx, a := tx.ctx, p.a
	srcID, err := db.sourceID(tx, p.src, pending)
	if err != nil {
		return 0, false, err
	}
	var id int64
	err = tx.stmt(db.ins.article).QueryRowContext(ctx, p.identity, a.URL, a.Path, srcID,
		a.Title, a.Subtitle, a.Byline, a.Published, p.day, a.Language, a.Text, now, p.doc).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// Already stored: the identity's row wins and nothing is added.
		if err := tx.stmt(db.ins.existing).QueryRowContext(ctx, p.identity).Scan(&id); err != nil {
			return 0, false, fmt.Errorf("sqlite: existing article: %w", err)
		}
		return id, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("sqlite: article: %w", err)
	}
	// Annotations go in as multi-row INSERTs: statement overhead, not the b-tree, is most
	// of the cost of a row, and an article has over a hundred of them. Integers go in as
	// int64, a driver.Value: database/sql converts any other integer type by reflection,
	// boxing it a second time.
	ents, quotes, events := tx.pending[0], tx.pending[1], tx.pending[2]
	var byID map[string]*article.Entity
	if len(a.Quotes) > 0 {
		byID = make(map[string]*article.Entity, len(a.Entities))
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		if byID != nil {
			byID[e.ID] = e
		}
		ents = append(ents, id, int64(i), e.ID, e.Name, e.Type, e.Country, e.Actor, e.Sector, p.roles[i], int64(len(e.Mentions)))
	}
	for i, q := range a.Quotes {
		var actor, country string
		if e := byID[q.Speaker]; e != nil && q.Speaker != "" {
			actor, country = e.Actor, e.Country
		}
		quotes = append(quotes, id, int64(i), q.Kind, q.Text, int64(q.Start), int64(q.End), q.Speaker, q.SpeakerName,
			int64(q.SpeakerStart), int64(q.SpeakerEnd), actor, country, q.Cue, p.hedges[i])
	}
	for i, e := range a.Events {
		events = append(events, id, int64(i), p.day, e.Source.Name, e.Source.Code, e.Source.Entity,
			e.Target.Name, e.Target.Code, e.Target.Entity, e.Cameo, e.CameoRoot, e.CameoName,
			int64(e.QuadClass), e.Goldstein, e.Plover, e.PloverMode, e.Modality, e.Evidence, int64(e.Sentence), e.Cue)
	}
	tx.pending[0], tx.pending[1], tx.pending[2] = ents, quotes, events
	return id, true, nil
}

// Has implements store.Store.
func (db *DB) Has(ctx context.Context, identity string) (bool, error) {
	var one int
	err := db.r.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE identity = ?`, identity).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// Article implements store.Store.
func (db *DB) Article(ctx context.Context, id int64) (*store.Stored, error) {
	row := db.r.QueryRowContext(ctx, `SELECT `+storedColumns+` FROM articles a
		JOIN sources s ON s.id = a.source_id WHERE a.id = ?`, id)
	st, d, err := scanStored(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if d != nil {
		if err := db.annotations(ctx, map[int64]*docRow{id: {st, d}}, id, id); err != nil {
			return nil, err
		}
	}
	return st, nil
}

const storedColumns = `a.id, a.identity, a.cluster, s.name, s.kind, a.ingested_at, a.url, a.path,
	a.title, a.subtitle, a.byline, a.published, a.language, a.text, a.doc`

// scanStored reads an article row. A row with a whole-article doc (schema 1 and 2) is
// complete; for one with a docV3 it also returns the doc, and the article's entities,
// quotes and events are still to be read from their tables (DB.annotations).
func scanStored(row interface{ Scan(...any) error }) (*store.Stored, *docV3, error) {
	var (
		st       store.Stored
		ingested string
		a        article.Article
		doc      []byte
	)
	if err := row.Scan(&st.ID, &st.Identity, &st.Cluster, &st.Source.Name, &st.Source.Kind,
		&ingested, &a.URL, &a.Path, &a.Title, &a.Subtitle, &a.Byline, &a.Published, &a.Language,
		&a.Text, &doc); err != nil {
		return nil, nil, err
	}
	st.IngestedAt, _ = time.Parse(time.RFC3339Nano, ingested)
	st.Article = &a
	if !isDocV3(doc) {
		text := a.Text
		a = article.Article{}
		if err := json.Unmarshal(doc, &a); err != nil {
			return nil, nil, fmt.Errorf("sqlite: article %d: %w", st.ID, err)
		}
		a.Text = text
		return &st, nil, nil
	}
	d, err := decodeDoc(doc, &a)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: article %d: %w", st.ID, err)
	}
	return &st, d, nil
}

// docRow is an article read with a docV3, waiting for its annotations.
type docRow struct {
	st *store.Stored
	d  *docV3
}

// annotations reads the entities, quotes and events of the articles in rows, whose ids
// are between lo and hi, from their tables. An article's rows were committed with it and
// never change, so they need not be read in the transaction that read the article.
func (db *DB) annotations(ctx context.Context, rows map[int64]*docRow, lo, hi int64) error {
	// Entities.
	ents, err := db.r.QueryContext(ctx, `SELECT article_id, idx, entity_id, name, type, country,
		actor, sector, roles FROM entities WHERE article_id BETWEEN ? AND ? ORDER BY article_id, idx`, lo, hi)
	if err != nil {
		return fmt.Errorf("sqlite: entities: %w", err)
	}
	defer ents.Close()
	var (
		prev  int64
		ri    runeIndex
		roles []byte
	)
	for ents.Next() {
		var (
			aid int64
			idx int
			e   article.Entity
		)
		if err := ents.Scan(&aid, &idx, &e.ID, &e.Name, &e.Type, &e.Country, &e.Actor, &e.Sector, &roles); err != nil {
			return err
		}
		r := rows[aid]
		if r == nil {
			continue
		}
		a := r.st.Article
		if idx != len(a.Entities) {
			return fmt.Errorf("sqlite: article %d: entity %d out of order", aid, idx)
		}
		if string(roles) == "[]" {
			e.Roles = []string{}
		} else if err := json.Unmarshal(roles, &e.Roles); err != nil {
			return fmt.Errorf("sqlite: article %d: entity roles: %w", aid, err)
		}
		if aid != prev {
			ri, prev = newRuneIndex(a.Text), aid
		}
		if err := r.d.finishEntity(&ri, idx, &e); err != nil {
			return fmt.Errorf("sqlite: article %d: %w", aid, err)
		}
		a.Entities = append(a.Entities, e)
	}
	if err := ents.Err(); err != nil {
		return fmt.Errorf("sqlite: entities: %w", err)
	}
	ents.Close()

	// Quotes.
	qs, err := db.r.QueryContext(ctx, `SELECT article_id, idx, kind, text, start, "end", speaker_entity,
		speaker_name, speaker_start, speaker_end, cue, hedges FROM quotes
		WHERE article_id BETWEEN ? AND ? ORDER BY article_id, idx`, lo, hi)
	if err != nil {
		return fmt.Errorf("sqlite: quotes: %w", err)
	}
	defer qs.Close()
	var hedges []byte
	for qs.Next() {
		var (
			aid int64
			idx int
			q   article.Quote
		)
		if err := qs.Scan(&aid, &idx, &q.Kind, &q.Text, &q.Start, &q.End, &q.Speaker, &q.SpeakerName,
			&q.SpeakerStart, &q.SpeakerEnd, &q.Cue, &hedges); err != nil {
			return err
		}
		r := rows[aid]
		if r == nil {
			continue
		}
		a := r.st.Article
		if idx != len(a.Quotes) {
			return fmt.Errorf("sqlite: article %d: quote %d out of order", aid, idx)
		}
		if string(hedges) == "[]" {
			if !slices.Contains(r.d.NilHedges, idx) {
				q.Hedges = []string{}
			}
		} else if err := json.Unmarshal(hedges, &q.Hedges); err != nil {
			return fmt.Errorf("sqlite: article %d: quote hedges: %w", aid, err)
		}
		a.Quotes = append(a.Quotes, q)
	}
	if err := qs.Err(); err != nil {
		return fmt.Errorf("sqlite: quotes: %w", err)
	}
	qs.Close()

	// Events.
	evs, err := db.r.QueryContext(ctx, `SELECT article_id, idx, source_name, source_code, source_entity,
		target_name, target_code, target_entity, cameo, root, cameo_name, quad_class, goldstein, plover,
		plover_mode, modality, evidence, sentence, cue FROM events
		WHERE article_id BETWEEN ? AND ? ORDER BY article_id, idx`, lo, hi)
	if err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	defer evs.Close()
	for evs.Next() {
		var (
			aid int64
			idx int
			e   article.Event
		)
		if err := evs.Scan(&aid, &idx, &e.Source.Name, &e.Source.Code, &e.Source.Entity, &e.Target.Name,
			&e.Target.Code, &e.Target.Entity, &e.Cameo, &e.CameoRoot, &e.CameoName, &e.QuadClass,
			&e.Goldstein, &e.Plover, &e.PloverMode, &e.Modality, &e.Evidence, &e.Sentence, &e.Cue); err != nil {
			return err
		}
		r := rows[aid]
		if r == nil {
			continue
		}
		a := r.st.Article
		if idx != len(a.Events) {
			return fmt.Errorf("sqlite: article %d: event %d out of order", aid, idx)
		}
		a.Events = append(a.Events, e)
	}
	if err := evs.Err(); err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	for id, r := range rows {
		if len(r.st.Entities) != len(r.d.Entities) {
			return fmt.Errorf("sqlite: article %d: %d entity rows for %d in its doc", id,
				len(r.st.Entities), len(r.d.Entities))
		}
	}
	return nil
}

// SetCluster implements store.Store.
func (db *DB) SetCluster(ctx context.Context, id int64, cluster string, explanation json.RawMessage) error {
	conn, err := db.writeConn(ctx, true)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, err := tx.StmtContext(ctx, db.ins.setCluster).ExecContext(ctx, cluster, id)
	if err != nil {
		return fmt.Errorf("sqlite: set cluster: %w", err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	if cluster != "" {
		if explanation != nil {
			_, err = tx.StmtContext(ctx, db.ins.explainCluster).ExecContext(ctx, cluster, string(explanation))
		} else {
			_, err = tx.StmtContext(ctx, db.ins.addCluster).ExecContext(ctx, cluster)
		}
		if err != nil {
			return fmt.Errorf("sqlite: set cluster: %w", err)
		}
	}
	return tx.Commit()
}

// Cluster implements store.Store.
func (db *DB) Cluster(ctx context.Context, cluster string) (json.RawMessage, []int64, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id FROM articles WHERE cluster = ? AND ? <> '' ORDER BY id`, cluster, cluster)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 {
		return nil, nil, store.ErrNotFound
	}
	var expl sql.NullString
	err = db.r.QueryRowContext(ctx, `SELECT explanation FROM clusters WHERE id = ?`, cluster).Scan(&expl)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, err
	}
	if expl.Valid {
		return json.RawMessage(expl.String), ids, nil
	}
	return nil, ids, nil
}
