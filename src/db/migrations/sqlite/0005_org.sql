-- 0005_org.sql (SQLite) — the organisation and the division of responsibility (分工): the
-- leadership body and its terms, leaders, the domain tree, effective-dated assignments made by
-- dated changes, the units leaders work in or are linked to, who assists whom (协助), the
-- office's departments, unit contact details, and the routing rules that are not per domain.
-- src/org/ owns every table here.
--
-- Effective dating: valid_from and valid_to are calendar dates 'YYYY-MM-DD', both inclusive;
-- valid_to NULL means open-ended. A change of 分工 never rewrites a row's facts: it closes the
-- rows it ends (valid_to = the day before it takes effect, ended_by = the change) and inserts new
-- ones (change_id = the change), so any date's division can be read back exactly.

-- The leadership body (班子), e.g. 中共江城市委员会, and its terms (届).
CREATE TABLE body (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,                 -- 中共江城市委员会
	short_name TEXT NOT NULL,           -- 江城市委 (used in titles and headings)
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE term (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	name TEXT NOT NULL,                 -- 第十三届
	valid_from TEXT NOT NULL,
	valid_to TEXT
) STRICT;

-- Members of the leadership team (书记 / 副书记 / 常委). kind orders protocol together with rank.
CREATE TABLE leader (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	user_id INTEGER UNIQUE REFERENCES user_account(id),  -- the leader's account, if any
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('secretary', 'deputy', 'member')),
	title TEXT NOT NULL,                -- 市委书记; 市委副书记、市长; 市委常委、秘书长
	rank INTEGER NOT NULL,              -- 排序: 1 first
	valid_from TEXT NOT NULL,           -- joined the team
	valid_to TEXT,                      -- left it (last day)
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX leader_rank ON leader(rank);

-- Concurrent posts (兼任), in the order announced: 纪委书记, 组织部部长, 秘书长, 常务副市长 …
CREATE TABLE leader_post (
	leader_id INTEGER NOT NULL REFERENCES leader(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	post TEXT NOT NULL,
	PRIMARY KEY (leader_id, position)
) STRICT;

-- The domain tree (分管领域). code is stable ([a-z][a-z0-9_]*) and used by the API and imports.
CREATE TABLE domain (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	parent_id INTEGER REFERENCES domain(id),
	position INTEGER NOT NULL DEFAULT 0,
	description TEXT NOT NULL DEFAULT '',
	active INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX domain_parent ON domain(parent_id, position);

-- One dated change of the division of responsibility (分工调整), e.g. the announcement
-- 江委发〔2026〕3号 taking effect on 2026-03-01. Every assignment row names the change that made it
-- and the change that ended it.
CREATE TABLE org_change (
	id INTEGER PRIMARY KEY,
	effective TEXT NOT NULL,            -- the first day the change applies
	source TEXT NOT NULL DEFAULT '',    -- the document number announcing it
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER REFERENCES user_account(id),
	created_at INTEGER NOT NULL
) STRICT;

-- Assignments (分工): leader, domain, role 主管 (lead) / 分管 (charge) / 协管 (assist), dated.
CREATE TABLE assignment (
	id INTEGER PRIMARY KEY,
	leader_id INTEGER NOT NULL REFERENCES leader(id),
	domain_id INTEGER NOT NULL REFERENCES domain(id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'charge', 'assist')),
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	source TEXT NOT NULL DEFAULT '',
	change_id INTEGER REFERENCES org_change(id),
	ended_by INTEGER REFERENCES org_change(id),
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX assignment_domain ON assignment(domain_id, valid_from);
CREATE INDEX assignment_leader ON assignment(leader_id, valid_from);
-- A leader holds a domain at most once at a time (two concurrent changes cannot both open one).
CREATE UNIQUE INDEX assignment_open ON assignment(leader_id, domain_id) WHERE valid_to IS NULL;

-- Units a leader works in (所在单位) or is linked to (联系单位), dated.
CREATE TABLE leader_unit (
	id INTEGER PRIMARY KEY,
	leader_id INTEGER NOT NULL REFERENCES leader(id),
	unit_id INTEGER NOT NULL REFERENCES unit(id),
	relation TEXT NOT NULL CHECK (relation IN ('works_in', 'linked')),
	valid_from TEXT NOT NULL,
	valid_to TEXT
) STRICT;
CREATE INDEX leader_unit_leader ON leader_unit(leader_id);

-- Which office official (秘书长 / 副秘书长 / 主任, by account) assists which leader (协助), dated.
CREATE TABLE leader_assistant (
	id INTEGER PRIMARY KEY,
	leader_id INTEGER NOT NULL REFERENCES leader(id),
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	valid_from TEXT NOT NULL,
	valid_to TEXT
) STRICT;
CREATE INDEX leader_assistant_leader ON leader_assistant(leader_id);

-- The office's departments (内设机构) with their duties and the kinds of work each handles.
CREATE TABLE department (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL UNIQUE,          -- matches user_account.department of its staff
	duties TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	position INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Work kinds: incoming outgoing meeting report task study petition incident rule coordination.
CREATE TABLE department_work (
	department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
	work_kind TEXT NOT NULL,
	PRIMARY KEY (department_id, work_kind)
) STRICT;

-- Units (单位): kind, contact details, the domain they belong to, order in the directory.
ALTER TABLE unit ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE unit ADD COLUMN short_name TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN domain_id INTEGER REFERENCES domain(id);
ALTER TABLE unit ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN fax TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE unit ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE unit ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- An account's post (职务), e.g. 副秘书长, 科长, 办公室主任, shown in directories and routing.
ALTER TABLE user_account ADD COLUMN title TEXT NOT NULL DEFAULT '';

-- Routing rules that are not per domain (src/org/org_route.c). A rule matches a routing query
-- when each of its non-NULL conditions holds (at least one is set); its target leaders are then
-- added to the domain's (mode 'add') or replace them (mode 'only').
CREATE TABLE route_rule (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,                 -- shown as the reason: 上级党委来文送全体常委阅
	work_kind TEXT,                     -- NULL: any kind of work
	origin TEXT,                        -- 'higher': from a higher committee
	scope TEXT,                         -- 'committee': a committee-wide matter (全局性工作)
	max_severity INTEGER,               -- matches severity 1..max_severity (incident level I..)
	target TEXT NOT NULL CHECK (target IN ('secretary', 'deputies', 'standing')),
	mode TEXT NOT NULL CHECK (mode IN ('add', 'only')),
	position INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

-- The defaults of 常委分工负责制 (editable by the security administrator).
INSERT INTO route_rule (name, work_kind, origin, scope, max_severity, target, mode, position, active, created_at, updated_at)
VALUES ('全局性工作由书记负责', NULL, NULL, 'committee', NULL, 'secretary', 'only', 10, 1, 0, 0),
       ('上级党委来文送全体常委', 'incoming', 'higher', NULL, NULL, 'standing', 'add', 20, 1, 0, 0),
       ('Ⅰ级、Ⅱ级突发事件同时报书记', 'incident', NULL, NULL, 2, 'secretary', 'add', 30, 1, 0, 0),
       ('Ⅰ级、Ⅱ级突发事件同时报副书记', 'incident', NULL, NULL, 2, 'deputies', 'add', 31, 1, 0, 0);
