-- Schema 2: full-text search over quotes, filled from the quotes already stored.
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
	text,
	content = 'quotes', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
