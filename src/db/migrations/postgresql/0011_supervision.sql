-- 0011_supervision.sql (PostgreSQL) — supervision details (issue 12): the 督办编号 of a task
-- (督〔2026〕N号, gapless per year from the counter 'tasks.supervision', the same counter as the
-- 文号), the deadline a 批示 names, paper and oral 批示 entered by the office with their source
-- (who, when, on what) and scan, and which step an attachment of a task came with.

ALTER TABLE task ADD COLUMN supervision_no TEXT;        -- 督〔2026〕5号, once assigned never changed
ALTER TABLE task ADD COLUMN supervision_year BIGINT;
ALTER TABLE task ADD COLUMN supervision_n BIGINT;
CREATE UNIQUE INDEX task_supervision_no ON task(supervision_year, supervision_n);

-- How the 批示 reached the office: written in mishu by the leader, or entered by the office
-- from paper (纸质批示) or from what the leader said (口头批示).
ALTER TABLE instruction ADD COLUMN form TEXT NOT NULL DEFAULT 'written'
	CHECK (form IN ('written', 'paper', 'oral'));
ALTER TABLE instruction ADD COLUMN source_who TEXT NOT NULL DEFAULT '';  -- who passed it on / wrote it
ALTER TABLE instruction ADD COLUMN source_ref TEXT NOT NULL DEFAULT '';  -- on what: 文号 or free text
ALTER TABLE instruction ADD COLUMN deadline TEXT;                        -- a deadline it names
ALTER TABLE instruction ADD COLUMN deadline_days BIGINT;                -- … as N working days
ALTER TABLE instruction ADD COLUMN entered_by BIGINT REFERENCES user_account(id);

-- The scan of a paper 批示 (one per instruction).
CREATE TABLE instruction_scan (
	instruction_id BIGINT PRIMARY KEY REFERENCES instruction(id) ON DELETE CASCADE,
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size BIGINT NOT NULL,
	data BYTEA NOT NULL,
	created_by BIGINT REFERENCES user_account(id),
	created_at BIGINT NOT NULL
);

-- The step an attachment of a task came with: a progress report or a request to close.
ALTER TABLE task_attachment ADD COLUMN step TEXT NOT NULL DEFAULT 'report'
	CHECK (step IN ('report', 'request_close'));
CREATE INDEX task_attachment_item ON task_attachment(item_id, id);
