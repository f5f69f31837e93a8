-- 0017_committee.sql (sqlite) — the members of the full committee (全委会委员) who are not in the
-- standing committee: the 常委 (leader) are members too. The 全委会 calls them all on its date
-- (src/meet/meet_model.c); src/org/org_committee.c owns the table.
CREATE TABLE committee_member (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	user_id INTEGER UNIQUE REFERENCES user_account(id),  -- the member's account, if any
	name TEXT NOT NULL,
	title TEXT NOT NULL,                -- 江城县委书记
	rank INTEGER NOT NULL,              -- 排序 after the 常委 (姓氏笔画 or as announced)
	valid_from TEXT NOT NULL,           -- elected
	valid_to TEXT,                      -- left (last day)
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX committee_member_rank ON committee_member(rank);
