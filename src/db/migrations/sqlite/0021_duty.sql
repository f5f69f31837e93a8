-- 0021_duty.sql (sqlite) — the duty roster (值班表) of the office's 值班室: who is on duty on
-- each shift of each day (带班领导 and 值班员 with their phones), the leave that keeps a person
-- off the roster, and the handover log (交接班) whose open items are carried forward until the
-- incoming officer acknowledges them. The shifts themselves are data (data/duty/shifts.json,
-- the office's changes in the setting 'duty.shifts'). src/duty/ owns them.

-- One person on one shift (SHIFT, a shift's code) of DAY (YYYY-MM-DD, the day the shift
-- starts): ROLE 'leader' (带班领导) or 'officer' (值班员), reachable at PHONE (the account's by
-- default, editable per entry).
CREATE TABLE duty_entry (
	id INTEGER PRIMARY KEY,
	day TEXT NOT NULL,
	shift TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('leader', 'officer')),
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	phone TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES user_account(id),
	created_at INTEGER NOT NULL,
	UNIQUE (day, shift, user_id)
) STRICT;
-- the month's roster and "who is on duty now" read by day; the conflict checks by person
CREATE INDEX duty_entry_day ON duty_entry(day, shift);
CREATE INDEX duty_entry_user ON duty_entry(user_id, day);

-- A person's leave from FROM_DAY to TO_DAY inclusive: no roster entry in those days.
CREATE TABLE duty_leave (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	from_day TEXT NOT NULL,
	to_day TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	created_by INTEGER NOT NULL REFERENCES user_account(id),
	created_at INTEGER NOT NULL,
	CHECK (from_day <= to_day)
) STRICT;
CREATE INDEX duty_leave_user ON duty_leave(user_id, from_day);

-- One counter row: every change of the roster takes it first (UPDATE … RETURNING), so two
-- concurrent edits run one after the other and a client can send the revision it read.
CREATE TABLE duty_revision (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n INTEGER NOT NULL
) STRICT;
INSERT INTO duty_revision (id, n) VALUES (1, 0);

-- A handover (交接班) at the end of shift SHIFT of DAY, written by the outgoing officer
-- FROM_USER for the incoming TO_USER, who acknowledges it (ACKNOWLEDGED_AT).
CREATE TABLE duty_handover (
	id INTEGER PRIMARY KEY,
	day TEXT NOT NULL,
	shift TEXT NOT NULL,
	from_user INTEGER NOT NULL REFERENCES user_account(id),
	to_user INTEGER NOT NULL REFERENCES user_account(id),
	notes TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	acknowledged_at INTEGER
) STRICT;
CREATE INDEX duty_handover_time ON duty_handover(created_at);

-- An item left open at a handover (待办事项): OPENED_IN the handover that raised it, CLOSED_IN
-- the one that closed it (NULL while open).
CREATE TABLE duty_handover_item (
	id INTEGER PRIMARY KEY,
	text TEXT NOT NULL,
	opened_in INTEGER NOT NULL REFERENCES duty_handover(id) ON DELETE CASCADE,
	closed_in INTEGER REFERENCES duty_handover(id) ON DELETE SET NULL,
	closed_note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX duty_handover_item_open ON duty_handover_item(closed_in);

-- The open items each handover carried forward from earlier ones, as they stood when it was
-- written (what the incoming officer acknowledges).
CREATE TABLE duty_handover_carry (
	handover_id INTEGER NOT NULL REFERENCES duty_handover(id) ON DELETE CASCADE,
	item_id INTEGER NOT NULL REFERENCES duty_handover_item(id) ON DELETE CASCADE,
	PRIMARY KEY (handover_id, item_id)
) STRICT;
