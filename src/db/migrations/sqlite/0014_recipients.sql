-- 0014_recipients.sql (sqlite) — 主送/抄送 beyond the city (src/org/org_recipients.c,
-- src/docs/docs_recipients.c): a directory of higher and peer bodies outside the city and of
-- groups of local units (各县（市、区）委, 市直各单位), loaded from data/org/recipients.json by
-- `mishu init`; and a document's recipients that are not local units: a directory entry or a
-- name in free text, in the same order (position) as its unit recipients.
CREATE TABLE org_recipient (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,            -- 'sw' (省委), 'szdw' (市直各单位)
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('higher', 'peer', 'group')),
	unit_kinds TEXT NOT NULL DEFAULT '',  -- a group: the kinds of local unit it reaches, 'party,government'
	position INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE doc_recipient_other (
	item_id INTEGER NOT NULL REFERENCES document(item_id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('main', 'cc')),   -- 主送 / 抄送
	position INTEGER NOT NULL,
	recipient_id INTEGER REFERENCES org_recipient(id),   -- NULL: free text
	name TEXT NOT NULL,                                  -- free text, or the entry's name then
	PRIMARY KEY (item_id, kind, position)
) STRICT;

-- Each local unit a distributed outgoing document reached, and when its liaison signed for it
-- (签收, the step "receive"): until then it waits in the unit's liaisons' 待办.
CREATE TABLE doc_receipt (
	item_id INTEGER NOT NULL REFERENCES document(item_id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES unit(id),
	received_by INTEGER REFERENCES user_account(id),
	received_at INTEGER,
	PRIMARY KEY (item_id, unit_id)
) STRICT;
