-- 0020_activities.sql (sqlite) — information (信息), second part: the leaders' public activities
-- (领导活动) that the bulletins must cover every week, and what the scoring of reports (采用计分)
-- reads besides the reports themselves: their uses by higher offices and the 失实 flag.
-- src/info/ owns them (info_activity.c, info_score.c).

-- A leader's public activity on DAY (YYYY-MM-DD) at PLACE about TOPIC, in DOMAIN; ITEM_ID is the
-- report or issue it appeared in, if any.
CREATE TABLE leader_activity (
	id INTEGER PRIMARY KEY,
	leader_id INTEGER NOT NULL REFERENCES leader(id),
	day TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	topic TEXT NOT NULL,
	domain_id INTEGER REFERENCES domain(id),
	item_id INTEGER REFERENCES item(id) ON DELETE SET NULL,
	created_by INTEGER NOT NULL REFERENCES user_account(id),
	created_at INTEGER NOT NULL
) STRICT;
-- the week's list and the coverage check read by day
CREATE INDEX leader_activity_day ON leader_activity(day, leader_id);

-- A report taken up by a higher office (LEVEL: city 市委办, province 省委办公厅, central 中办),
-- recorded by the office once per level, on the day USED_ON.
CREATE TABLE report_use (
	report_id INTEGER NOT NULL REFERENCES report(item_id) ON DELETE CASCADE,
	level TEXT NOT NULL CHECK (level IN ('city', 'province', 'central')),
	used_on TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES user_account(id),
	created_at INTEGER NOT NULL,
	PRIMARY KEY (report_id, level)
) STRICT;

-- 失实: the office found the report untrue (a penalty in the scores); NULL when it stands.
ALTER TABLE report ADD COLUMN inaccurate_at INTEGER;
ALTER TABLE report ADD COLUMN inaccurate_note TEXT;
