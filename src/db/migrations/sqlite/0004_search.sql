-- 0004_search.sql (SQLite) — the full-text index of work items (src/work/search.c).
--
-- One row per indexed item, rowid = item.id. The `cjk` tokenizer (overlapping bigrams of CJK
-- runs plus lowercased words, src/core/cjk.c) is registered on every connection the db layer
-- opens (src/db/db_sqlite_fts.c): without it this table can be neither created nor read, so the
-- stock sqlite3 shell cannot query it. The table keeps its
-- own copy of the text (contentless_delete needs SQLite 3.43; Debian 12 has 3.40), from which
-- rows are deleted and snippets cut.
CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'cjk');

-- Rank with bm25, a title hit weighing ten body hits (PostgreSQL: weights A and B).
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 1.0)');

-- Deleting an item removes its index row, as ON DELETE CASCADE does on PostgreSQL; otherwise
-- a reused item id would show the old item's text to whoever may see the new one.
CREATE TRIGGER item_search_index_delete AFTER DELETE ON item
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id;
END;
