-- Schema 4: bulk loads (DB.BeginBulk).
--
-- A bulk load drops the secondary indexes and stops filling the full-text indexes while it
-- writes; each row here is a statement still to run to finish it: the CREATE INDEX of an
-- index dropped, or the FTS5 'rebuild' of a full-text table. The rows are added in the
-- transaction that drops the indexes and again in every transaction of the load, and
-- deleted in the one that runs them, so a load killed part-way leaves them behind and
-- the next Open finishes it.
CREATE TABLE bulk_pending (
	name TEXT PRIMARY KEY,
	sql  TEXT NOT NULL
);
