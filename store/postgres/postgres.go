// Package postgres is Herald's store.Store in a PostgreSQL database, through
// github.com/jackc/pgx/v5's connection pool: the backend for several `herald serve` and
// ingest processes sharing one store over the network, where store/sqlite's single file
// would make them queue for one lock. It has the same tables, queries, cursors and
// behaviour as store/sqlite and passes the same suite, store/storetest.
//
// # Concurrency
//
// A DB is safe for concurrent use by many goroutines, and any number of processes may open
// the same database at once. Unlike store/sqlite, writes are not serialised inside the
// process: each Put or PutBatch is its own transaction on its own pooled connection, and
// PostgreSQL runs them side by side. Articles are keyed by a UNIQUE identity and inserted
// with ON CONFLICT DO NOTHING, so two writers putting the same article at once create it
// once and both get its id (the second waits for the first's transaction to end). Each
// transaction takes its rows' locks in one global order (sources, then articles, both
// sorted), so writers do not deadlock one another; a deadlock or serialization failure
// that happens anyway is retried. Reads run at READ COMMITTED on other pooled connections
// and see only committed data. The pool's size is pgxpool's default (the greater of 4 and
// the number of CPUs) unless the URL sets pool_max_conns.
//
// # Schema
//
// The schema is created and upgraded by the numbered SQL files in migrations/, applied in
// order inside one transaction that first takes a transaction-scoped advisory lock: when
// several processes start at once, one migrates and the others wait, then find it done.
// The table schema_version records which migrations were applied. Tables go in the first
// schema of the connection's search_path, so one database can hold several stores, each
// named by search_path in the URL (postgres://user:pass@host/db?search_path=herald2).
//
// # Differences from SQLite
//
// Full-text search is PostgreSQL's own (a generated tsvector column with a GIN index, and a
// text search configuration "herald_search": the simple dictionary, no stemming, plus
// unaccent). The query syntax is the store's: all words, "phrases", word* prefixes. The
// tokenizer is PostgreSQL's, which differs from SQLite's unicode61 at the edges: "U.S." is
// one token u.s (found by the query U.S. all the same), and a hyphenated word is indexed
// both whole and by its parts. Accents are ignored only when the unaccent extension
// (PostgreSQL contrib) is installed or can be installed by the migrating user; without it
// "cafe" does not find "café". The database must use UTF-8, and with a C locale the
// tokenizer treats non-ASCII letters as punctuation: create it with a UTF-8 locale
// (C.UTF-8 or any xx_XX.UTF-8).
//
// PostgreSQL text cannot hold the NUL character (U+0000), in columns or in the jsonb
// article document: an article containing one fails alone (its Result.Err) where SQLite
// would store it.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heraldnews/herald/article"
	"github.com/heraldnews/herald/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations are the embedded steps in version order. The embedded files are checked by
// the tests, so an error here means the binary was built from broken files.
var migrations = func() []store.Migration {
	ms, err := store.Migrations(migrationFS)
	if err != nil {
		panic("postgres: " + err.Error())
	}
	return ms
}()

// SchemaVersion is the schema version this package writes.
var SchemaVersion = len(migrations)

// migrateLock is the advisory lock key that serialises migrations. It is one key for the
// whole database, not one per schema: CREATE EXTENSION is database-wide, and two stores
// migrating side by side in different schemas must not both try to install unaccent.
const migrateLock int64 = 0x68657261_6c64_0001 // "herald", 1

// DB is a store.Store in a PostgreSQL database. It is safe for concurrent use (see the
// package doc).
type DB struct {
	pool *pgxpool.Pool

	mu      sync.Mutex
	sources map[store.Source]int64 // committed source rows, which are never deleted
}

var _ store.Store = (*DB)(nil)

// Open connects to the database at url (postgres://user:pass@host:port/db?…, or any
// connection string pgx accepts) and brings its schema up to date.
func Open(ctx context.Context, url string) (*DB, error) {
	return open(ctx, url, SchemaVersion)
}

// OpenURL is Open as a store.Store, for the CLI's --store postgres://….
func OpenURL(ctx context.Context, url string) (store.Store, error) {
	db, err := Open(ctx, url)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// open connects and migrates up to version upTo; tests use an older upTo to make schemas
// as older Herald versions left them.
func open(ctx context.Context, url string, upTo int) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included: say only what is wrong.
		return nil, fmt.Errorf("postgres: bad URL: %w", errors.Unwrap(err))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db := &DB{pool: pool, sources: map[store.Source]int64{}}
	if err := db.migrate(ctx, upTo); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host,
			cfg.ConnConfig.Database, err)
	}
	return db, nil
}

// migrate applies the migrations after the schema's version up to upTo, all in one
// transaction under the advisory lock.
func (db *DB) migrate(ctx context.Context, upTo int) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	// The lock comes before anything else, CREATE TABLE IF NOT EXISTS included: two
	// sessions creating the same table at once can fail on the catalog's unique index.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLock); err != nil {
		return err
	}
	var schema *string
	if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if schema == nil {
		return errors.New("no schema of the search_path exists: create it first")
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version    integer PRIMARY KEY,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return err
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return err
	}
	if have > SchemaVersion {
		return fmt.Errorf("schema version %d is newer than this Herald's %d: upgrade Herald", have, SchemaVersion)
	}
	for _, m := range migrations[min(have, upTo):upTo] {
		// Exec without arguments goes through the simple protocol, which runs a file of
		// several statements in one call.
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, m.Version); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// Close waits for the queries in progress and closes the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Has implements store.Store.
func (db *DB) Has(ctx context.Context, identity string) (bool, error) {
	var ok bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT FROM articles WHERE identity = $1)`, identity).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("postgres: has: %w", err)
	}
	return ok, nil
}

// Article implements store.Store.
func (db *DB) Article(ctx context.Context, id int64) (*store.Stored, error) {
	row := db.pool.QueryRow(ctx, `SELECT `+storedColumns+` FROM articles a
		JOIN sources s ON s.id = a.source_id WHERE a.id = $1`, id)
	st, err := scanStored(row)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	return st, err
}

const storedColumns = `a.id, a.identity, a.cluster, s.name, s.kind, a.ingested_at, a.text, a.doc`

func scanStored(row pgx.Row) (*store.Stored, error) {
	var (
		st  store.Stored
		doc []byte
		txt string
	)
	if err := row.Scan(&st.ID, &st.Identity, &st.Cluster, &st.Source.Name, &st.Source.Kind,
		&st.IngestedAt, &txt, &doc); err != nil {
		return nil, err
	}
	st.IngestedAt = st.IngestedAt.UTC()
	st.Article = new(article.Article)
	if err := json.Unmarshal(doc, st.Article); err != nil {
		return nil, fmt.Errorf("postgres: article %d: %w", st.ID, err)
	}
	st.Article.Text = txt
	return &st, nil
}

// SetCluster implements store.Store.
func (db *DB) SetCluster(ctx context.Context, id int64, cluster string, explanation json.RawMessage) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE articles SET cluster = $1 WHERE id = $2`, cluster, id)
		if err != nil {
			return fmt.Errorf("postgres: set cluster: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		if cluster == "" {
			return nil
		}
		q := `INSERT INTO clusters (id, explanation) VALUES ($1, NULL) ON CONFLICT (id) DO NOTHING`
		args := []any{cluster}
		if explanation != nil {
			q = `INSERT INTO clusters (id, explanation) VALUES ($1, $2::jsonb)
				ON CONFLICT (id) DO UPDATE SET explanation = excluded.explanation`
			args = append(args, string(explanation))
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("postgres: set cluster: %w", err)
		}
		return nil
	})
}

// Cluster implements store.Store.
func (db *DB) Cluster(ctx context.Context, cluster string) (json.RawMessage, []int64, error) {
	if cluster == "" {
		return nil, nil, store.ErrNotFound
	}
	rows, _ := db.pool.Query(ctx, `SELECT id FROM articles WHERE cluster = $1 ORDER BY id`, cluster)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, nil, fmt.Errorf("postgres: cluster: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil, store.ErrNotFound
	}
	var expl []byte
	err = db.pool.QueryRow(ctx, `SELECT explanation FROM clusters WHERE id = $1`, cluster).Scan(&expl)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, fmt.Errorf("postgres: cluster: %w", err)
	}
	if expl == nil {
		return nil, ids, nil
	}
	return json.RawMessage(expl), ids, nil
}

// retryable reports whether err is a failure that running the same transaction again may
// not meet: a deadlock or serialization failure.
func retryable(err error) bool {
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) {
		switch pe.SQLState() {
		case "40P01", "40001":
			return true
		}
	}
	return false
}
