package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// Bulk loading. Into an empty store, most of the writer's time per article goes to
// keeping indexes up to date: the secondary indexes of the annotation tables (entry by
// entry, in an order unrelated to the rows') and the full-text indexes (a new FTS5 segment
// per transaction, merged again and again as the store grows). Built once at the end,
// from the rows in order, they cost less, and more so as the store grows: a whole ingest
// of 4,200 news articles took 13% less wall time, one of 8,400 31% less (bench/README.md).
//
// The primary keys and UNIQUE constraints, which make writing an article twice a no-op,
// are kept; only the secondary indexes (those created by CREATE INDEX) are dropped.

// ftsTables are the full-text tables, external-content tables that 'rebuild' fills from
// their content tables.
var ftsTables = []string{"articles_fts", "quotes_fts"}

// ftsPending are the bulk_pending rows that rebuild the full-text tables.
const ftsPending = `INSERT INTO bulk_pending (name, sql) VALUES
	('articles_fts', 'INSERT INTO articles_fts (articles_fts) VALUES (''rebuild'')'),
	('quotes_fts', 'INSERT INTO quotes_fts (quotes_fts) VALUES (''rebuild'')')
	ON CONFLICT (name) DO NOTHING`

// BeginBulk puts the store in bulk-load mode until FinishBulk: the secondary indexes are
// dropped and articles written from now on are not added to the full-text indexes, so
// that searches and filtered queries miss them or run slowly until FinishBulk builds the
// indexes. It pays for large loads into a new or small store; FinishBulk's work grows with
// everything stored, not only with what the load added.
//
// A process killed during a bulk load leaves the store consistent (every article whole,
// none twice) with its indexes unfinished; the next Open builds them.
func (db *DB) BeginBulk(ctx context.Context) error {
	conn, err := db.writeConn(ctx, true)
	if err != nil {
		return fmt.Errorf("sqlite: bulk: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: bulk: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("sqlite: bulk: %w", err)
	}
	var names, stmts []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: bulk: %w", err)
		}
		names, stmts = append(names, name), append(stmts, stmt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: bulk: %w", err)
	}
	for i, name := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bulk_pending (name, sql) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, stmts[i]); err != nil {
			return fmt.Errorf("sqlite: bulk: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+quoteIdent(name)); err != nil {
			return fmt.Errorf("sqlite: bulk: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, ftsPending); err != nil {
		return fmt.Errorf("sqlite: bulk: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: bulk: %w", err)
	}
	db.bulk.Store(true)
	return nil
}

// FinishBulk ends bulk-load mode: it builds the indexes dropped and the full-text indexes
// in one transaction, calling progress (when not nil) before each step with its number,
// the number of steps and what it builds. It does nothing when no bulk load is pending.
// Open calls it (without progress) on a store left by a bulk load that did not finish.
func (db *DB) FinishBulk(ctx context.Context, progress func(step, steps int, what string)) error {
	// Looked for first outside a transaction, which would take the write lock.
	var n int
	if err := db.w.QueryRowContext(ctx, `SELECT count(*) FROM bulk_pending`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: bulk load: %w", err)
	}
	if n == 0 {
		db.bulk.Store(false)
		return nil
	}
	conn, err := db.writeConn(ctx, true)
	if err != nil {
		return fmt.Errorf("sqlite: finishing bulk load: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: finishing bulk load: %w", err)
	}
	defer tx.Rollback()
	names, stmts, err := pendingBulk(ctx, tx)
	if err != nil {
		return err
	}
	for i, stmt := range stmts {
		if progress != nil {
			progress(i+1, len(stmts), names[i])
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("sqlite: finishing bulk load: %s: %w", names[i], err)
		}
	}
	if len(stmts) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM bulk_pending`); err != nil {
			return fmt.Errorf("sqlite: finishing bulk load: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: finishing bulk load: %w", err)
		}
	}
	db.bulk.Store(false)
	return nil
}

// pendingBulk returns the steps left of a bulk load, the indexes first.
func pendingBulk(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (names, stmts []string, err error) {
	rows, err := q.QueryContext(ctx, `SELECT name, sql FROM bulk_pending
		ORDER BY name IN ('articles_fts', 'quotes_fts'), name`)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: bulk load: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			return nil, nil, fmt.Errorf("sqlite: bulk load: %w", err)
		}
		names, stmts = append(names, name), append(stmts, stmt)
	}
	return names, stmts, rows.Err()
}

// BulkPending reports whether a bulk load is unfinished: begun by this DB, or by a
// process that has not finished it.
func (db *DB) BulkPending(ctx context.Context) (bool, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM bulk_pending`).Scan(&n); err != nil {
		return false, fmt.Errorf("sqlite: bulk load: %w", err)
	}
	return n > 0 || db.bulk.Load(), nil
}

func quoteIdent(s string) string {
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return string(append(b, '"'))
}
