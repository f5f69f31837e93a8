-- 0012_phrases.sql (postgresql) — each leader's ready-made 批示 phrases (src/work/phrases.c), in
-- the leader's order; a leader without rows is offered the office's defaults.
CREATE TABLE instruction_phrase (
	user_id BIGINT NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (user_id, position)
);
