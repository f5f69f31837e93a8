-- 0022_incidents.sql (sqlite) — emergency information (应急值守): incidents and early warnings
-- reported against the clock, their chain of reports (首报, 续报, 终报), who must acknowledge
-- (签收) each alert and the escalation steps taken when nobody does. src/alert/ owns them.

-- An incident (KIND 'incident'), an early-warning item (苗头性, 'warning') or a sensitive public
-- opinion item (舆情, 'opinion'); an item of kind 'incident'. LEARNED_AT is when the office
-- learned of it (the clock of every time limit starts there); NEXT_DUE_AT the next report due
-- while it is open (NULL once closed); OVERDUE_TOLD the due time the office was told is late.
CREATE TABLE incident (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	kind TEXT NOT NULL DEFAULT 'incident' CHECK (kind IN ('incident', 'warning', 'opinion')),
	category TEXT NOT NULL CHECK (category IN ('natural', 'accident', 'health', 'social')),
	level INTEGER CHECK (level BETWEEN 1 AND 4),
	domain_id INTEGER REFERENCES domain(id),
	place TEXT NOT NULL DEFAULT '',
	occurred_at INTEGER,
	learned_at INTEGER NOT NULL,
	source TEXT NOT NULL DEFAULT '',
	reporter TEXT NOT NULL DEFAULT '',
	organ TEXT NOT NULL DEFAULT '',
	casualties TEXT NOT NULL DEFAULT '',
	deaths INTEGER NOT NULL DEFAULT 0,
	injured INTEGER NOT NULL DEFAULT 0,
	missing INTEGER NOT NULL DEFAULT 0,
	losses TEXT NOT NULL DEFAULT '',
	measures TEXT NOT NULL DEFAULT '',
	leaders_on_site TEXT NOT NULL DEFAULT '',
	trend TEXT NOT NULL DEFAULT '',
	phone_reported_at INTEGER,
	phone_late INTEGER NOT NULL DEFAULT 0,
	daily INTEGER NOT NULL DEFAULT 0,
	next_due_at INTEGER,
	overdue_told INTEGER,
	closed_at INTEGER
) STRICT;
-- the duty leader's list of reports overdue: open incidents by their next due time
CREATE INDEX incident_due ON incident(next_due_at) WHERE next_due_at IS NOT NULL;

-- One written report of an incident: the first (首报, SEQ 0), a follow-up (续报, SEQ 1, 2 …), a
-- daily report (日报) once the event runs long, the final one (终报). CHANGES holds only what
-- changed since the report before (JSON). LATE is the seconds after DUE_AT it came (迟报, kept).
CREATE TABLE incident_report (
	id INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incident(item_id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('first', 'follow_up', 'daily', 'final')),
	seq INTEGER NOT NULL,
	text TEXT NOT NULL DEFAULT '',
	changes TEXT NOT NULL DEFAULT '{}',
	due_at INTEGER,
	reported_at INTEGER NOT NULL,
	late INTEGER NOT NULL DEFAULT 0,
	reported_by INTEGER REFERENCES user_account(id),
	UNIQUE (incident_id, seq)
) STRICT;

-- Who an incident's alert went to and why (VIA: 'route' the domain's leaders, 'rule' a routing
-- rule such as levels I–II to 书记 and 副书记, 'duty' the leader on duty, 'escalation'), and
-- when each acknowledged it (签收).
CREATE TABLE incident_recipient (
	incident_id INTEGER NOT NULL REFERENCES incident(item_id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	via TEXT NOT NULL CHECK (via IN ('route', 'rule', 'duty', 'escalation')),
	reason TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL DEFAULT 0,
	notified_at INTEGER NOT NULL,
	acked_at INTEGER,
	PRIMARY KEY (incident_id, user_id)
) STRICT;

-- An escalation step taken (STEP 1, 2 … along the chain of the time limits): once per incident
-- and step, whichever process runs the job, however often.
CREATE TABLE incident_escalation (
	incident_id INTEGER NOT NULL REFERENCES incident(item_id) ON DELETE CASCADE,
	step INTEGER NOT NULL,
	target TEXT NOT NULL,
	user_id INTEGER REFERENCES user_account(id),
	reason TEXT NOT NULL DEFAULT '',
	at INTEGER NOT NULL,
	PRIMARY KEY (incident_id, step)
) STRICT;

-- A task's deadline by the hour (a 批示 on an incident: "two hours"), beside its day in
-- task.deadline: the instant it is overdue, marked by the job tasks.hour_due.
ALTER TABLE task ADD COLUMN deadline_at INTEGER;
