-- 0006_docs.sql (SQLite) — official documents (办文): incoming (收文) and outgoing (发文), their
-- numbers (文号) per series (代字), recipients, attachments, circulation (传阅), cosigning (会签),
-- voided numbers; leaders' instructions (批示) on any item; and the history of every workflow
-- step of any item (item_event). src/docs/ owns the doc_* tables; src/work/ owns item_event and
-- instruction.

-- Every workflow step of any item, in order: who did what, from which status to which, with the
-- opinion given. The API's "history" of an object is read from here.
CREATE TABLE item_event (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
	at INTEGER NOT NULL,
	actor_id INTEGER REFERENCES user_account(id),
	actor_name TEXT NOT NULL,           -- display name at the time ('-' for the system)
	action TEXT NOT NULL,               -- 'register', 'sign', 'read' …
	from_status TEXT,
	to_status TEXT,
	opinion TEXT NOT NULL DEFAULT '',
	detail TEXT                         -- JSON facts of the step (readers, number, deadline …)
) STRICT;
CREATE INDEX item_event_item ON item_event(item_id, id);

-- Leaders' written instructions (批示) on any item, in order.
CREATE TABLE instruction (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
	leader_id INTEGER REFERENCES leader(id),
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	text TEXT NOT NULL,
	requirements TEXT NOT NULL DEFAULT '',   -- 办理要求
	given_on TEXT NOT NULL,                  -- the date written on it
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX instruction_item ON instruction(item_id, id);

-- Series (代字) that outgoing documents are numbered in: 江委发, 江委办发, 江委函 …
CREATE TABLE doc_series (
	id INTEGER PRIMARY KEY,
	prefix TEXT NOT NULL UNIQUE,        -- 机关代字 as printed: 江委发
	name TEXT NOT NULL,                 -- 市委文件
	scope TEXT NOT NULL CHECK (scope IN ('committee', 'office')), -- whose name it goes out in
	issuer_mark TEXT NOT NULL,          -- 发文机关标志: 中共江城市委员会文件
	issuer_name TEXT NOT NULL,          -- 发文机关署名: 中共江城市委员会
	printer TEXT NOT NULL,              -- 印发机关: 中共江城市委办公室
	position INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1
) STRICT;

-- A document: the item's kind is 'incoming' or 'outgoing' and its status the workflow state.
CREATE TABLE document (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
	doc_type TEXT NOT NULL,             -- one of the 15 文种 (docs_model.c)
	domain_id INTEGER REFERENCES domain(id),
	body TEXT NOT NULL DEFAULT '',
	urgency TEXT NOT NULL DEFAULT 'none' CHECK (urgency IN ('none', 'urgent', 'very_urgent')),
	disclosure TEXT NOT NULL DEFAULT 'none' CHECK (disclosure IN ('public', 'on_request', 'none')),
	deadline TEXT,                      -- 办理时限 (incoming) or 完成时限
	-- outgoing
	series_id INTEGER REFERENCES doc_series(id),
	number TEXT UNIQUE,                 -- 江委发〔2026〕5号, once assigned never changed
	number_year INTEGER,
	number_n INTEGER,
	signer_id INTEGER REFERENCES user_account(id),
	signed_on TEXT,
	sign_opinion TEXT,
	-- incoming
	sender TEXT,                        -- 来文机关
	sender_number TEXT,                 -- 来文字号
	copies INTEGER,                     -- 份数
	received_on TEXT,                   -- 收文日期
	reg_number TEXT UNIQUE,             -- 收文编号: 收〔2026〕12号
	origin TEXT CHECK (origin IS NULL OR origin = 'higher'), -- from a higher committee
	proposal TEXT,                      -- 拟办: JSON route answer (leaders and reasons)
	handler_unit_id INTEGER REFERENCES unit(id),   -- 承办单位
	handler_department_id INTEGER REFERENCES department(id),
	-- circulation (传阅)
	circulation_mode TEXT CHECK (circulation_mode IS NULL OR circulation_mode IN ('ordered', 'parallel')),
	holder_id INTEGER REFERENCES user_account(id),  -- who holds it now (ordered)
	held_since INTEGER,
	UNIQUE (series_id, number_year, number_n)
) STRICT;
CREATE INDEX document_direction ON document(direction);

CREATE TABLE doc_recipient (
	item_id INTEGER NOT NULL REFERENCES document(item_id) ON DELETE CASCADE,
	unit_id INTEGER NOT NULL REFERENCES unit(id),
	kind TEXT NOT NULL CHECK (kind IN ('main', 'cc')),   -- 主送 / 抄送
	position INTEGER NOT NULL,
	PRIMARY KEY (item_id, unit_id)
) STRICT;

CREATE TABLE doc_attachment (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES document(item_id) ON DELETE CASCADE,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	data BLOB NOT NULL,
	created_by INTEGER REFERENCES user_account(id),
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX doc_attachment_item ON doc_attachment(item_id);

-- Readers of a circulation, in order; read_at NULL until read.
CREATE TABLE doc_reader (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES document(item_id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user_account(id),
	position INTEGER NOT NULL,
	sent_at INTEGER,                    -- when it reached this reader (ordered: in turn)
	read_at INTEGER,
	comment TEXT NOT NULL DEFAULT '',
	reminded_at INTEGER,
	UNIQUE (item_id, user_id)
) STRICT;
CREATE INDEX doc_reader_user ON doc_reader(user_id, read_at);

-- Cosigners (会签) of an outgoing document: units (their liaisons sign) or leaders/users.
CREATE TABLE doc_cosign (
	id INTEGER PRIMARY KEY,
	item_id INTEGER NOT NULL REFERENCES document(item_id) ON DELETE CASCADE,
	unit_id INTEGER REFERENCES unit(id),
	user_id INTEGER REFERENCES user_account(id),
	signed_by INTEGER REFERENCES user_account(id),
	opinion TEXT NOT NULL DEFAULT '',
	signed_at INTEGER,
	CHECK ((unit_id IS NULL) <> (user_id IS NULL))
) STRICT;
CREATE INDEX doc_cosign_item ON doc_cosign(item_id);

-- Numbers taken and then voided: recorded, never handed out again.
CREATE TABLE doc_void (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES doc_series(id),
	number_year INTEGER NOT NULL,
	number_n INTEGER NOT NULL,
	number TEXT NOT NULL,
	item_id INTEGER NOT NULL REFERENCES item(id),
	reason TEXT NOT NULL,
	voided_by INTEGER REFERENCES user_account(id),
	voided_at INTEGER NOT NULL
) STRICT;
