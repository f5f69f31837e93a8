-- 0009_workflows.sql (postgresql) — workflow definitions as data (src/work/flow*.c). Every change of a
-- definition is a new version; an item records the version it started under and finishes
-- under it. Version 1 of each is seeded from the compiled-in data/workflows/CODE.json.
CREATE TABLE workflow (
	code TEXT NOT NULL,                 -- the items' kind: incoming, outgoing, task …
	version BIGINT NOT NULL,
	definition TEXT NOT NULL,           -- the JSON definition (states, steps, who, hooks)
	created_at BIGINT NOT NULL,
	created_by BIGINT REFERENCES user_account(id),
	PRIMARY KEY (code, version)
);

-- The version an item runs under (NULL: items made before versions existed run under 1), when
-- it entered its present state, and when that state's deadline falls (NULL: none).
ALTER TABLE item ADD COLUMN workflow_version BIGINT;
ALTER TABLE item ADD COLUMN state_since BIGINT;
ALTER TABLE item ADD COLUMN state_due_at BIGINT;
