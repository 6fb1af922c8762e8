-- Schema 5: the full-text tables keep no column sizes (columnsize = 0).
--
-- By default FTS5 writes a row to its %_docsize table for every row indexed, one more
-- statement inside each insert: for the quotes, about 24 per article. The sizes serve
-- only bm25() ranking and the xColumnSize API, which Herald does not use (searches are
-- ordered by id; snippet() does not need them), so searches and quote searches give the
-- same results without them. The tables are made again and rebuilt from their content
-- tables, which takes about as long as a bulk load's end on a store this size.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, text,
	content = 'articles', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	columnsize = 0
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
	text,
	content = 'quotes', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	columnsize = 0
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
