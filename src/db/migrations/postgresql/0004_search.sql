-- 0004_search.sql (PostgreSQL) — the full-text index of work items (src/work/search.c).
--
-- One search_index row per indexed item, and its tokens in search_index_part: exactly the tokens
-- the C tokenizer (src/core/cjk.c) gives SQLite's FTS5 table, at the same positions — title
-- lexemes with weight A, body lexemes with weight B after a gap of one position (so no phrase
-- spans the two). A tsvector holds at most 16383 positions, 256 per lexeme and 1 MB, so a long
-- item gets several parts, each overlapping the one before by the longest phrase a query can
-- hold; most items have one (part 0). search.c writes tsvector and tsquery literals, so
-- PostgreSQL's parser, dictionaries and locale never touch a token: the same data gives the same
-- hits as on SQLite.
CREATE TABLE search_index (
	item_id BIGINT PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	body TEXT NOT NULL
);

CREATE TABLE search_index_part (
	item_id BIGINT NOT NULL REFERENCES search_index(item_id) ON DELETE CASCADE,
	part INTEGER NOT NULL,              -- 0, 1, …; 0 holds the title and the body's start
	tsv tsvector NOT NULL,
	PRIMARY KEY (item_id, part)
);
-- fastupdate off: entries go straight into the index, so a burst of new documents cannot leave
-- a pending list that makes the planner prefer a sequential scan (which reads every tsvector).
CREATE INDEX search_index_part_tsv ON search_index_part USING gin (tsv) WITH (fastupdate = off);
