-- Herald store, schema 1: articles and their annotations.
--
-- articles.doc is the whole article as JSON (article.Article) with "text" emptied, since the
-- text is in its own column: reading an article back is lossless without storing the text
-- twice. The other tables copy out the parts that queries filter and group on.
--
-- day is the first ten characters of published when they are a date (YYYY-MM-DD), else '';
-- it is copied onto events so that date filters and GDELT-style grouping need no join.

CREATE TABLE sources (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	UNIQUE (name, kind)
);

CREATE TABLE clusters (
	id          TEXT PRIMARY KEY,
	explanation TEXT -- JSON from dedup: why these articles belong together
);

CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	identity    TEXT NOT NULL UNIQUE, -- canonical URL or sha256:<hex of text>
	url         TEXT NOT NULL,
	path        TEXT NOT NULL,
	source_id   INTEGER NOT NULL REFERENCES sources (id),
	title       TEXT NOT NULL,
	subtitle    TEXT NOT NULL,
	byline      TEXT NOT NULL,
	published   TEXT NOT NULL,
	day         TEXT NOT NULL,
	language    TEXT NOT NULL,
	text        TEXT NOT NULL,
	cluster     TEXT NOT NULL DEFAULT '', -- clusters.id, '' when in none
	ingested_at TEXT NOT NULL,            -- RFC 3339, UTC
	doc         TEXT NOT NULL             -- the article as JSON, text emptied
);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_source ON articles (source_id);
CREATE INDEX articles_cluster ON articles (cluster) WHERE cluster <> '';

CREATE TABLE entities (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL, -- position in the article's entities
	entity_id  TEXT NOT NULL,    -- E1, E2, … within the article
	name       TEXT NOT NULL,
	type       TEXT NOT NULL,
	country    TEXT NOT NULL,
	actor      TEXT NOT NULL,
	sector     TEXT NOT NULL,
	roles      TEXT NOT NULL, -- JSON array
	mentions   INTEGER NOT NULL, -- number of name mentions
	PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities (name, type, country);
CREATE INDEX entities_actor ON entities (actor) WHERE actor <> '';
CREATE INDEX entities_country ON entities (country) WHERE country <> '';

-- Names (reference = 0) and pronoun/title references (reference = 1) of entities.
CREATE TABLE mentions (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	entity_idx INTEGER NOT NULL,
	idx        INTEGER NOT NULL,
	reference  INTEGER NOT NULL,
	start      INTEGER NOT NULL,
	"end"      INTEGER NOT NULL,
	text       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	PRIMARY KEY (article_id, entity_idx, reference, idx)
) WITHOUT ROWID;

CREATE TABLE quotes (
	id              INTEGER PRIMARY KEY,
	article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx             INTEGER NOT NULL,
	kind            TEXT NOT NULL,
	text            TEXT NOT NULL,
	start           INTEGER NOT NULL,
	"end"           INTEGER NOT NULL,
	speaker_entity  TEXT NOT NULL,
	speaker_name    TEXT NOT NULL,
	speaker_start   INTEGER NOT NULL,
	speaker_end     INTEGER NOT NULL,
	speaker_actor   TEXT NOT NULL, -- copied from the speaker's entity for filtering
	speaker_country TEXT NOT NULL,
	cue             TEXT NOT NULL,
	hedges          TEXT NOT NULL, -- JSON array
	UNIQUE (article_id, idx)
);

CREATE TABLE events (
	id            INTEGER PRIMARY KEY,
	article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx           INTEGER NOT NULL,
	day           TEXT NOT NULL,
	source_name   TEXT NOT NULL,
	source_code   TEXT NOT NULL,
	source_entity TEXT NOT NULL,
	target_name   TEXT NOT NULL,
	target_code   TEXT NOT NULL,
	target_entity TEXT NOT NULL,
	cameo         TEXT NOT NULL,
	root          TEXT NOT NULL,
	cameo_name    TEXT NOT NULL,
	quad_class    INTEGER NOT NULL,
	goldstein     REAL NOT NULL,
	plover        TEXT NOT NULL,
	plover_mode   TEXT NOT NULL,
	modality      TEXT NOT NULL,
	evidence      TEXT NOT NULL,
	sentence      INTEGER NOT NULL,
	cue           TEXT NOT NULL,
	UNIQUE (article_id, idx)
);
-- The GDELT-style grouping key, also serving source-code prefix filters.
CREATE INDEX events_dyad ON events (day, source_code, target_code, cameo);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);

-- Full-text search over article title and text. External content: the text is read from
-- articles, not stored again; rows are added by the store in the article's transaction.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, text,
	content = 'articles', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
