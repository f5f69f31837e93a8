-- 0013_meetings.sql (SQLite) — meetings (办会): the meeting, its members and their attendance,
-- agenda items (议题) and votes (表决). src/meet/ owns them.

-- A meeting is an item (kind 'meeting'); its status is the workflow state. RULES is the meeting
-- type as it stood when the meeting was called (its quorum and thresholds apply to it for good).
CREATE TABLE meeting (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	type TEXT NOT NULL,
	rules TEXT NOT NULL,
	starts_at INTEGER NOT NULL,
	ends_at INTEGER NOT NULL,
	room TEXT NOT NULL DEFAULT '',
	chair_id INTEGER REFERENCES user_account(id),
	domain_id INTEGER REFERENCES domain(id),       -- a 专题会's subject, in its chair's 分工
	opened_at INTEGER,
	closed_at INTEGER,
	minutes TEXT NOT NULL DEFAULT '',              -- 纪要 text, drafted from the outcomes
	minutes_no TEXT,                               -- 〔2026〕第5期, gapless per type and year
	minutes_approved_at INTEGER
) STRICT;
CREATE INDEX meeting_starts ON meeting(starts_at);

-- Who is called: voting members (应到会, from the organisation on the meeting's date) and
-- attendees without a vote. STATUS: invited, confirmed, leave_asked, leave (approved by the
-- chair), present. A written view (书面意见) is shown, never counted as a vote.
CREATE TABLE meeting_member (
	meeting_id INTEGER NOT NULL REFERENCES meeting(item_id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	rank INTEGER NOT NULL,
	voting INTEGER NOT NULL CHECK (voting IN (0, 1)),
	principal INTEGER NOT NULL DEFAULT 0 CHECK (principal IN (0, 1)),
	status TEXT NOT NULL DEFAULT 'invited'
		CHECK (status IN ('invited', 'confirmed', 'leave_asked', 'leave', 'present')),
	reason TEXT NOT NULL DEFAULT '',
	written_view TEXT NOT NULL DEFAULT '',
	updated_at INTEGER,
	PRIMARY KEY (meeting_id, user_id)
) STRICT;
CREATE INDEX meeting_member_user ON meeting_member(user_id);

-- An agenda item (议题) is an item (kind 'agenda') numbered N within its meeting; its status is
-- the workflow state (proposed, consented, scheduled, passed, failed, deferred, withdrawn).
CREATE TABLE agenda_item (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	meeting_id INTEGER NOT NULL REFERENCES meeting(item_id) ON DELETE CASCADE,
	n INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('general', 'cadre')),
	body TEXT NOT NULL DEFAULT '',
	domain_id INTEGER REFERENCES domain(id),
	leader_id INTEGER REFERENCES leader(id),        -- the responsible leader, who consents
	leader_reason TEXT NOT NULL DEFAULT '',
	observers TEXT NOT NULL DEFAULT '',             -- 列席: names, one per line
	consultation TEXT NOT NULL DEFAULT '',          -- 会前沟通
	result TEXT,                                    -- passed, failed, deferred
	explanation TEXT,
	closed_at INTEGER,
	carried_from INTEGER REFERENCES agenda_item(item_id),  -- a 缓议 item of an earlier meeting
	reconsiders INTEGER REFERENCES agenda_item(item_id),   -- 复议: the passed item reconsidered
	UNIQUE (meeting_id, n)
) STRICT;

-- One vote per voting member present and item; locked when the item closes.
CREATE TABLE vote (
	agenda_id INTEGER NOT NULL REFERENCES agenda_item(item_id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'defer', 'abstain')),
	at INTEGER NOT NULL,
	recorded_by INTEGER REFERENCES user_account(id),
	PRIMARY KEY (agenda_id, user_id)
) STRICT;

-- A person's calendar feed of their meetings (GET /api/v1/me/calendar.ics?token=…): one token
-- each, kept as a hash, replaced when made again, gone when revoked.
CREATE TABLE calendar_feed (
	user_id INTEGER PRIMARY KEY REFERENCES user_account(id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
) STRICT;
