-- 0019_portal.sql (SQLite) — the office portal (门户): sections (栏目), articles, who read
-- them on which day, comments, the links block (友情链接). src/portal/ owns them.

-- The sections, as data; POSITION orders them on the portal's front page.
CREATE TABLE portal_section (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO portal_section (code, name, position) VALUES
	('wzjx', '文章精选', 1), ('ztyj', '专题研究', 2), ('xszm', '学术争鸣', 3),
	('szxy', '素质修养', 4), ('gzjl', '工作交流', 5);

-- An article is an item (kind 'article', status 'published'), so the full-text index and the
-- audit name it; this row holds the rest. AUTHOR is a person's name, UNIT_NAME the unit that
-- wrote it (one of the two at least). READS counts readers once per day (article_read).
CREATE TABLE article (
	item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
	section_id INTEGER NOT NULL REFERENCES portal_section(id),
	body TEXT NOT NULL,
	author TEXT NOT NULL DEFAULT '',
	unit_name TEXT NOT NULL DEFAULT '',
	published_on TEXT NOT NULL,              -- YYYY-MM-DD
	reads INTEGER NOT NULL DEFAULT 0
) STRICT;
-- the section's list, newest first, paged by (published_on, item_id)
CREATE INDEX article_section_date ON article(section_id, published_on, item_id);

-- One row per reader, article and day: the key makes a second read that day (or a concurrent
-- one) insert nothing, and only an inserted row adds to article.reads. READER is 'u:ID' for a
-- signed-in user, 'c:TOKEN' for the long-lived cookie of one who is not.
CREATE TABLE article_read (
	article_id INTEGER NOT NULL REFERENCES article(item_id) ON DELETE CASCADE,
	reader TEXT NOT NULL,
	day TEXT NOT NULL,
	PRIMARY KEY (article_id, reader, day)
) STRICT;

-- Comments: by a signed-in user (USER_ID) or, when the office allows it, by an anonymous
-- reader behind the captcha (USER_ID NULL, NAME as they gave it). STATUS 'held' waits for an
-- editor (shown only to its author), 'approved' is shown to everyone.
CREATE TABLE article_comment (
	id INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES article(item_id) ON DELETE CASCADE,
	user_id INTEGER REFERENCES user_account(id),
	name TEXT NOT NULL,
	body TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('held', 'approved')),
	created_at INTEGER NOT NULL,
	reader TEXT,                              -- the anonymous author's reader cookie
	decided_by INTEGER REFERENCES user_account(id),
	decided_at INTEGER
) STRICT;
CREATE INDEX article_comment_article ON article_comment(article_id, id);
CREATE INDEX article_comment_status ON article_comment(status, id);

-- The links block (友情链接), in POSITION order.
CREATE TABLE portal_link (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	url TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Applications for membership (会员): an individual (个人会员, KIND 'person') or an organisation
-- (单位会员, 'unit', DISPLAY_NAME the organisation, CONTACT its contact person). The password is
-- kept only as its Argon2id hash. The system administrator approves one (an account without any
-- role is made: it reads and comments on the portal, nothing else) or rejects it; a forgotten
-- password is reset by the system administrator too (no mail server).
CREATE TABLE portal_member (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('person', 'unit')),
	username TEXT NOT NULL,
	display_name TEXT NOT NULL,
	contact TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	created_at INTEGER NOT NULL,
	decided_by INTEGER REFERENCES user_account(id),
	decided_at INTEGER,
	user_id INTEGER REFERENCES user_account(id)
) STRICT;
-- one pending application per username
CREATE UNIQUE INDEX portal_member_pending ON portal_member(username) WHERE status = 'pending';
