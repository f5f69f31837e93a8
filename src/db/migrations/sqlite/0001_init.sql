-- 0001_init.sql (SQLite) — the first schema of mishu.
--
-- Migrations are numbered NNNN_name.sql and applied in order by db_migrate(), each in one write
-- transaction together with its row in schema_version (created by the runner, not here).  Never
-- edit a migration that has shipped: add the next number.  Every migration exists twice, in
-- migrations/sqlite/ and migrations/postgresql/, with the same tables and columns, and is listed
-- in src/db/migrations.gresource.xml.
--
-- Portable conventions: times are INTEGER Unix seconds (UTC), calendar dates TEXT 'YYYY-MM-DD',
-- booleans INTEGER 0/1.  Tables are STRICT, so SQLite refuses a value of the wrong type just as
-- PostgreSQL would; column types are then limited to INTEGER, REAL, TEXT, BLOB and ANY.

-- Gapless counters for official numbers (文号, 期号): one row per series and year, taken with
-- db_counter_next() inside the transaction that stores the number, so a rollback gives it back.
-- Never use sequences or AUTOINCREMENT for official numbers: they leave gaps.
CREATE TABLE counter (
	series TEXT NOT NULL,     -- e.g. 'docs.out' for outgoing documents
	year INTEGER NOT NULL,    -- calendar year; numbering restarts at 1 each year
	n INTEGER NOT NULL,       -- the last number handed out
	PRIMARY KEY (series, year)
) STRICT;

-- Instance-wide settings changed at run time (office name, working hours ...), one text value
-- per key; the meaning and format of each key are documented where it is read.
CREATE TABLE setting (
	key TEXT PRIMARY KEY NOT NULL,
	value TEXT NOT NULL
) STRICT;
