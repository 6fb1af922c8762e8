-- Herald store for PostgreSQL, schema 1: the tables of the SQLite store (store/sqlite's
-- migrations 1 and 2) in PostgreSQL's types.
--
-- articles.doc is the whole article as JSON (article.Article) with "text" emptied, since the
-- text is in its own column. The other tables copy out the parts that queries filter and
-- group on. day is the first ten characters of published when they are a date
-- (YYYY-MM-DD), else ''; events carry it too, so that date filters and GDELT-style
-- grouping need no join.
--
-- Codes, days and other keys that listings sort on or filter by prefix are COLLATE "C":
-- byte order, as in SQLite, so pages come in the same order on both backends whatever the
-- database's locale, and prefix ranges (code >= 'MEX' AND code < 'MEX' || U+10FFFF) are
-- exact and served by the b-tree indexes.

-- Accents are ignored by full-text search through the unaccent dictionary when the
-- extension can be had (it is in PostgreSQL's contrib, and trusted: a database owner may
-- create it). Without it search still works, but "cafe" no longer finds "café".
DO $$
BEGIN
	CREATE EXTENSION IF NOT EXISTS unaccent;
EXCEPTION WHEN OTHERS THEN
	RAISE NOTICE 'herald: unaccent unavailable (%): search will not ignore accents', SQLERRM;
END
$$;

-- The text search configuration: "simple" (lower case, no stemming, no stop words, like
-- SQLite's unicode61 tokenizer: "tariff" does not find "tariffs") plus unaccent on words
-- that have non-ASCII letters.
CREATE TEXT SEARCH CONFIGURATION herald_search (COPY = pg_catalog.simple);
DO $$
DECLARE
	s name;
BEGIN
	SELECT n.nspname INTO s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
		WHERE e.extname = 'unaccent';
	IF s IS NOT NULL THEN
		EXECUTE format('ALTER TEXT SEARCH CONFIGURATION herald_search
			ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, pg_catalog.simple', s);
	END IF;
END
$$;

CREATE TABLE sources (
	id   bigserial PRIMARY KEY,
	name text NOT NULL,
	kind text NOT NULL,
	UNIQUE (name, kind)
);

CREATE TABLE clusters (
	id          text PRIMARY KEY,
	explanation jsonb -- from dedup: why these articles belong together
);

CREATE TABLE articles (
	id          bigserial PRIMARY KEY,
	identity    text NOT NULL UNIQUE, -- canonical URL or sha256:<hex of text>
	url         text NOT NULL,
	path        text NOT NULL,
	source_id   bigint NOT NULL REFERENCES sources (id),
	title       text NOT NULL,
	subtitle    text NOT NULL,
	byline      text NOT NULL,
	published   text NOT NULL,
	day         text COLLATE "C" NOT NULL,
	language    text NOT NULL,
	text        text NOT NULL,
	cluster     text NOT NULL DEFAULT '', -- clusters.id, '' when in none
	ingested_at timestamptz NOT NULL,
	doc         jsonb NOT NULL,           -- the article, text emptied
	-- Title and text as one document, so that all words must occur in either, as in
	-- SQLite's two-column FTS5 table. Generated: it can never disagree with the columns.
	-- ASCII punctuation becomes space first (the store does the same to query words), so
	-- that words are split as SQLite's unicode61 splits them: PostgreSQL's parser would
	-- read "<script>" as an HTML tag and skip it, "U.S." or "example.org" as one token.
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('herald_search',
		translate(title || E'\n' || text, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                '))) STORED
);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_source ON articles (source_id);
CREATE INDEX articles_cluster ON articles (cluster) WHERE cluster <> '';
CREATE INDEX articles_tsv ON articles USING gin (tsv);

CREATE TABLE entities (
	article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        integer NOT NULL, -- position in the article's entities
	entity_id  text NOT NULL,    -- E1, E2, … within the article
	name       text NOT NULL,
	type       text COLLATE "C" NOT NULL,
	country    text COLLATE "C" NOT NULL,
	actor      text COLLATE "C" NOT NULL,
	sector     text NOT NULL,
	roles      text[] NOT NULL,
	mentions   integer NOT NULL, -- number of name mentions
	PRIMARY KEY (article_id, idx)
);
CREATE INDEX entities_name ON entities (name, type, country);
CREATE INDEX entities_actor ON entities (actor) WHERE actor <> '';
CREATE INDEX entities_country ON entities (country) WHERE country <> '';

-- Names (reference = 0) and pronoun/title references (reference = 1) of entities.
CREATE TABLE mentions (
	article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	entity_idx integer NOT NULL,
	idx        integer NOT NULL,
	reference  smallint NOT NULL,
	start      integer NOT NULL,
	"end"      integer NOT NULL,
	text       text NOT NULL,
	kind       text NOT NULL,
	PRIMARY KEY (article_id, entity_idx, reference, idx)
);

CREATE TABLE quotes (
	id              bigserial PRIMARY KEY,
	article_id      bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx             integer NOT NULL,
	kind            text NOT NULL,
	text            text NOT NULL,
	start           integer NOT NULL,
	"end"           integer NOT NULL,
	speaker_entity  text NOT NULL,
	speaker_name    text NOT NULL,
	speaker_start   integer NOT NULL,
	speaker_end     integer NOT NULL,
	speaker_actor   text COLLATE "C" NOT NULL, -- copied from the speaker's entity for filtering
	speaker_country text COLLATE "C" NOT NULL,
	cue             text NOT NULL,
	hedges          text[] NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('herald_search',
		translate(text, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                '))) STORED,
	UNIQUE (article_id, idx)
);
CREATE INDEX quotes_tsv ON quotes USING gin (tsv);
CREATE INDEX quotes_actor ON quotes (speaker_actor) WHERE speaker_actor <> '';

CREATE TABLE events (
	id            bigserial PRIMARY KEY,
	article_id    bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx           integer NOT NULL,
	day           text COLLATE "C" NOT NULL,
	source_name   text NOT NULL,
	source_code   text COLLATE "C" NOT NULL,
	source_entity text NOT NULL,
	target_name   text NOT NULL,
	target_code   text COLLATE "C" NOT NULL,
	target_entity text NOT NULL,
	cameo         text COLLATE "C" NOT NULL,
	root          text COLLATE "C" NOT NULL,
	cameo_name    text NOT NULL,
	quad_class    integer NOT NULL,
	goldstein     double precision NOT NULL,
	plover        text NOT NULL,
	plover_mode   text NOT NULL,
	modality      text NOT NULL,
	evidence      text NOT NULL,
	sentence      integer NOT NULL,
	cue           text NOT NULL,
	UNIQUE (article_id, idx)
);
-- The GDELT-style grouping key, also serving day ranges.
CREATE INDEX events_dyad ON events (day, source_code, target_code, cameo);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);
