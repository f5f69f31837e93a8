-- 0002_auth.sql (SQLite) — accounts, sessions, API tokens, login throttling, captchas, the audit
-- trail, and the common work item with its visibility (知悉范围) that every access check reads.

-- Units (单位): organisations the office deals with; liaisons belong to one. The org module adds
-- more columns later.
CREATE TABLE unit (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,         -- short stable code, e.g. 'fgw' (发改委)
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

-- Accounts. "user" is reserved in PostgreSQL, hence user_account. Usernames are stored lowercase.
CREATE TABLE user_account (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	unit_id INTEGER REFERENCES unit(id),
	department TEXT,                    -- office department (秘书科, 督查室 …) for staff
	locale TEXT NOT NULL DEFAULT 'zh-CN',
	phone TEXT,
	password_hash TEXT NOT NULL,        -- libsodium crypto_pwhash_str: '$argon2id$…'
	must_change_password INTEGER NOT NULL DEFAULT 0,
	password_changed_at INTEGER NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER NOT NULL DEFAULT 0,   -- Unix time; 0 when not locked
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

-- Roles of each account. No account holds two of sysadmin/secadmin/auditor (三员分立): enforced
-- in auth_user.c, where the refusal can say why, and by the trigger below as a last line.
CREATE TABLE user_role (
	user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('leader', 'staff', 'liaison', 'sysadmin', 'secadmin', 'auditor')),
	PRIMARY KEY (user_id, role)
) STRICT;

CREATE TRIGGER user_role_three_admins BEFORE INSERT ON user_role
WHEN NEW.role IN ('sysadmin', 'secadmin', 'auditor') AND EXISTS (
	SELECT 1 FROM user_role WHERE user_id = NEW.user_id
	AND role IN ('sysadmin', 'secadmin', 'auditor') AND role <> NEW.role)
BEGIN
	SELECT RAISE(ABORT, 'three_admins: an account may hold only one administrator role');
END;

-- Signed-in sessions. Only a hash of the cookie's token is stored, so a copy of the database
-- does not let anyone sign in; several server processes share the table.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,        -- hex BLAKE2b-256 of the token
	user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,           -- synchronizer token for forms and X-CSRF-Token
	created_at INTEGER NOT NULL,        -- absolute timeout counts from here
	last_seen INTEGER NOT NULL,         -- idle timeout counts from here
	address TEXT NOT NULL,
	user_agent TEXT
) STRICT;
CREATE INDEX session_user ON session(user_id);

-- API tokens for integrations (Authorization: Bearer). Stored hashed; revocable.
CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	prefix TEXT NOT NULL,               -- the token's first characters, to recognise it in lists
	created_at INTEGER NOT NULL,
	last_used_at INTEGER,
	revoked_at INTEGER
) STRICT;
CREATE INDEX api_token_user ON api_token(user_id);

-- Failed sign-ins, by the username typed (lowercased, whether or not it exists) and address;
-- they drive the captcha, the account lockout and the per-address limit. A missing or wrong
-- captcha counts for the address only (for_account = 0), so nobody can lock an account out
-- without solving captchas.
CREATE TABLE login_failure (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL,
	address TEXT NOT NULL,
	at INTEGER NOT NULL,
	for_account INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX login_failure_username ON login_failure(username, at);
CREATE INDEX login_failure_address ON login_failure(address, at);

-- Captchas: single use; the row is deleted when it is checked, right or wrong.
CREATE TABLE captcha (
	id TEXT PRIMARY KEY,                -- random, URL-safe
	answer TEXT NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;

-- The audit trail: append-only, each entry chained to the previous one by a BLAKE2b hash over
-- the previous hash and the entry's canonical content (auth_audit.c). Ids are assigned as
-- audit_head.last_id + 1 in the same transaction, so a deleted entry leaves a detectable gap and
-- audit_head catches a deleted tail.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id INTEGER,                   -- the account, NULL for the system or an unknown name
	actor TEXT NOT NULL,                -- username as typed or known; '-' for the system
	address TEXT NOT NULL,
	action TEXT NOT NULL,               -- 'login', 'login.failed', 'user.create', 'role.grant' …
	object_kind TEXT,
	object_id TEXT,
	summary TEXT NOT NULL,              -- one readable line
	detail TEXT,                        -- JSON {"before":…,"after":…} or other facts
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_actor ON audit(actor, at);
CREATE INDEX audit_action ON audit(action, at);

CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	last_id INTEGER NOT NULL,
	last_hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '');

-- The common core of every piece of work (工作事项); modules add their own tables keyed by it.
CREATE TABLE item (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,                 -- 'incoming', 'outgoing', 'task', … ('note' in tests)
	title TEXT NOT NULL,
	unit_id INTEGER REFERENCES unit(id),         -- the unit it concerns or came from
	created_by INTEGER REFERENCES user_account(id),
	status TEXT NOT NULL,
	secrecy TEXT NOT NULL DEFAULT 'none',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX item_kind ON item(kind, created_at);

-- Visibility (知悉范围): the people and units an item was routed, distributed or assigned to.
CREATE TABLE item_access (
	item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
	user_id INTEGER REFERENCES user_account(id),
	unit_id INTEGER REFERENCES unit(id),
	reason TEXT NOT NULL,               -- 'created', 'routed', 'distributed', 'assigned'
	CHECK ((user_id IS NULL) <> (unit_id IS NULL))
) STRICT;
CREATE INDEX item_access_item ON item_access(item_id);
CREATE INDEX item_access_user ON item_access(user_id);
CREATE INDEX item_access_unit ON item_access(unit_id);
