-- 0018_info.sql (sqlite) — information (信息): reports (信息稿) from units and the office, the
-- bulletins (刊物) they are published in, numbered issues (期) and their read receipts.
-- src/info/ owns them.

-- A report is an item (kind 'report'; item.unit_id is the source unit); its status is the
-- workflow state. The editor's version is kept beside the original (BODY as submitted).
CREATE TABLE report (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	body TEXT NOT NULL,
	domain_id INTEGER REFERENCES domain(id),
	urgency TEXT NOT NULL CHECK (urgency IN ('urgent', 'normal')),
	edited_title TEXT,
	edited_body TEXT,
	edited_by INTEGER REFERENCES user_account(id),
	edited_at INTEGER,
	submitted_at INTEGER,
	merged_into INTEGER REFERENCES report(item_id)
) STRICT;
-- the editors' queue: urgent first, then by submission
CREATE INDEX report_queue ON report(urgency DESC, submitted_at);

-- A bulletin (刊物) is a series: 《江城信息》《每日要情》… Its readers are every 常委, or for a
-- domain bulletin the leaders routing names for its domain on the day of each issue. 报/送 print
-- at the end of each issue. UNREAD_HOURS: working hours after which the editor sees who has
-- not read an issue.
CREATE TABLE bulletin (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	publisher TEXT NOT NULL,
	readers TEXT NOT NULL DEFAULT 'standing' CHECK (readers IN ('standing', 'routed')),
	domain_id INTEGER REFERENCES domain(id),
	unread_hours INTEGER NOT NULL DEFAULT 4 CHECK (unread_hours BETWEEN 1 AND 200),
	send_to TEXT NOT NULL DEFAULT '',
	copy_to TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL DEFAULT 0,
	CHECK (readers = 'standing' OR domain_id IS NOT NULL)
) STRICT;

-- An issue (期) is an item (kind 'issue'); NUMBER (期号) is given at publication, gapless per
-- bulletin and year (db_counter_next, the counter of 文号).
CREATE TABLE issue (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	bulletin TEXT NOT NULL REFERENCES bulletin(code),
	year INTEGER,
	number INTEGER,
	published_at INTEGER,
	UNIQUE (bulletin, year, number)
) STRICT;
CREATE INDEX issue_bulletin ON issue(bulletin, published_at);

-- The reports of an issue in the editor's order; a report is in one issue at most.
CREATE TABLE issue_report (
	issue_id INTEGER NOT NULL REFERENCES issue(item_id) ON DELETE CASCADE,
	report_id INTEGER NOT NULL UNIQUE REFERENCES report(item_id),
	position INTEGER NOT NULL,
	PRIMARY KEY (issue_id, position)
) STRICT;

-- Read receipts: a row per reader the issue was sent to (ADDRESSED, with the routing REASON)
-- and per other person who opened it; READ_AT is set once, the first time.
CREATE TABLE issue_read (
	issue_id INTEGER NOT NULL REFERENCES issue(item_id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	addressed INTEGER NOT NULL CHECK (addressed IN (0, 1)),
	reason TEXT NOT NULL DEFAULT '',
	read_at INTEGER,
	PRIMARY KEY (issue_id, user_id)
) STRICT;
CREATE INDEX issue_read_user ON issue_read(user_id, read_at);
