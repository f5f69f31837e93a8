-- 0010_item_todo.sql (sqlite) — who may act on an item now (src/work/flow_todo.c): one row per step
-- from the item's present state and per person its actors name, or per pool ('staff': the
-- office; 'leader': every leader who may see the item). Rewritten by the engine whenever the
-- item starts or takes a step, so a personal inbox (GET /api/v1/me/inbox) and the names of who
-- acts next are one indexed read.
CREATE TABLE item_todo (
	item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
	user_id INTEGER REFERENCES user_account(id),
	pool TEXT CHECK (pool IN ('staff', 'leader')),
	step TEXT NOT NULL,
	since INTEGER,                           -- when the item entered its present state
	due TEXT,                           -- 'YYYY-MM-DD': the item's own deadline, or its state's
	CHECK ((user_id IS NULL) <> (pool IS NULL))
) STRICT;
CREATE INDEX item_todo_user ON item_todo(user_id, item_id);
CREATE INDEX item_todo_pool ON item_todo(pool, item_id);
CREATE INDEX item_todo_item ON item_todo(item_id);
