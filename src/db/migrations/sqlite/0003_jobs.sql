-- 0003_jobs.sql (SQLite) — scheduled jobs (reminders, escalations, exports …), run once each by
-- whichever server process claims them first (src/work/jobs.c).

CREATE TABLE job (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,                 -- handler name, e.g. 'task.remind'
	payload TEXT NOT NULL DEFAULT '{}', -- JSON for the handler
	run_at INTEGER NOT NULL,            -- not before this Unix time
	attempts INTEGER NOT NULL DEFAULT 0,
	claimed_by TEXT,                    -- the process that holds it ("host:pid")
	claimed_until INTEGER,              -- lease: after this another process may take it over
	done_at INTEGER,                    -- finished (or given up after the last attempt)
	last_error TEXT,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX job_due ON job(done_at, run_at);
