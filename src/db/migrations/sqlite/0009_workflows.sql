-- 0009_workflows.sql (sqlite) — workflow definitions as data (src/work/flow*.c). Every change of a
-- definition is a new version; an item records the version it started under and finishes
-- under it. Version 1 of each is seeded from the compiled-in data/workflows/CODE.json.
CREATE TABLE workflow (
	code TEXT NOT NULL,                 -- the items' kind: incoming, outgoing, task …
	version INTEGER NOT NULL,
	definition TEXT NOT NULL,           -- the JSON definition (states, steps, who, hooks)
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES user_account(id),
	PRIMARY KEY (code, version)
) STRICT;

-- The version an item runs under (NULL: items made before versions existed run under 1), when
-- it entered its present state, and when that state's deadline falls (NULL: none).
ALTER TABLE item ADD COLUMN workflow_version INTEGER;
ALTER TABLE item ADD COLUMN state_since INTEGER;
ALTER TABLE item ADD COLUMN state_due_at INTEGER;
