-- 0001_init.sql (PostgreSQL) — the first schema of mishu.
--
-- The same tables and columns as migrations/sqlite/0001_init.sql, in PostgreSQL's dialect.
-- Migrations are numbered NNNN_name.sql and applied in order by db_migrate(), each in one write
-- transaction together with its row in schema_version (created by the runner, not here).  Never
-- edit a migration that has shipped: add the next number, in both folders, and list it in
-- src/db/migrations.gresource.xml.
--
-- Portable conventions: times are BIGINT Unix seconds (UTC), calendar dates TEXT 'YYYY-MM-DD',
-- booleans SMALLINT 0/1 (read the same way as SQLite's integers).

-- Gapless counters for official numbers (文号, 期号): one row per series and year, taken with
-- db_counter_next() inside the transaction that stores the number, so a rollback gives it back.
-- Never use sequences for official numbers: they leave gaps.
CREATE TABLE counter (
	series TEXT NOT NULL,     -- e.g. 'docs.out' for outgoing documents
	year INTEGER NOT NULL,    -- calendar year; numbering restarts at 1 each year
	n BIGINT NOT NULL,        -- the last number handed out
	PRIMARY KEY (series, year)
);

-- Instance-wide settings changed at run time (office name, working hours ...), one text value
-- per key; the meaning and format of each key are documented where it is read.
CREATE TABLE setting (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
