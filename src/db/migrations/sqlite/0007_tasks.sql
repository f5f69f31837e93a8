-- 0007_tasks.sql (SQLite) — supervision (督查督办): tasks (交办件) made from leaders' instructions
-- and other sources, their co-units, progress reports, extensions, and the notifications the
-- chasing scheduler sends. src/tasks/ owns task*; src/work/ owns notification.

-- A task is an item (kind 'task'); its status is the workflow state (assigned, accepted,
-- reported, closing, closed, returned) and overdue its colour: none, yellow (逾期), red (严重逾期).
CREATE TABLE task (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	source TEXT NOT NULL CHECK (source IN ('instruction', 'meeting', 'key_work', 'higher', 'petition')),
	source_item_id INTEGER REFERENCES item(id),      -- the document (or other item) it came from
	instruction_id INTEGER REFERENCES instruction(id),
	content TEXT NOT NULL,
	requirements TEXT NOT NULL DEFAULT '',
	domain_id INTEGER REFERENCES domain(id),
	lead_unit_id INTEGER NOT NULL REFERENCES unit(id),
	leader_id INTEGER REFERENCES leader(id),         -- the responsible leader (from routing)
	leader_reason TEXT NOT NULL DEFAULT '',
	assigned_on TEXT NOT NULL,
	deadline TEXT NOT NULL,
	deadline_days INTEGER,                           -- when given as N working days
	accepted_at INTEGER,
	result TEXT NOT NULL DEFAULT '',                 -- 办理结果 (request_close)
	extension_to TEXT,                               -- a requested new deadline
	extension_reason TEXT,
	overdue TEXT NOT NULL DEFAULT 'none' CHECK (overdue IN ('none', 'yellow', 'red')),
	overdue_days INTEGER NOT NULL DEFAULT 0,         -- working days past the deadline
	reminded TEXT NOT NULL DEFAULT '',               -- reminders sent: 'before', 'due' (space-separated)
	closed_on TEXT
) STRICT;
CREATE INDEX task_deadline ON task(deadline);
CREATE INDEX task_lead_unit ON task(lead_unit_id);
CREATE INDEX task_leader ON task(leader_id);

CREATE TABLE task_unit (
	item_id INTEGER NOT NULL REFERENCES task(item_id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES unit(id),
	PRIMARY KEY (item_id, unit_id)
) STRICT;

-- Progress reports (进展情况) by the units, any number of times, with attachments.
CREATE TABLE task_report (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES task(item_id) ON DELETE CASCADE,
	text TEXT NOT NULL,
	created_by INTEGER REFERENCES user_account(id),
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX task_report_item ON task_report(item_id, id);

CREATE TABLE task_attachment (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES task(item_id) ON DELETE CASCADE,
	report_id INTEGER REFERENCES task_report(id),
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	data BLOB NOT NULL,
	created_by INTEGER REFERENCES user_account(id),
	created_at INTEGER NOT NULL
) STRICT;

-- Notifications: each user's inbox (dashboard), from reminders, escalations and workflow steps.
CREATE TABLE notification (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
	item_id INTEGER REFERENCES item(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,                 -- 'task.remind', 'task.due', 'task.yellow', 'task.red' …
	text TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	read_at INTEGER
) STRICT;
CREATE INDEX notification_user ON notification(user_id, read_at, id);
