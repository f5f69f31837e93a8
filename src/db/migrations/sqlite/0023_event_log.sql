-- 0023_event_log.sql (sqlite) — the log of live events (src/work/events.c), so that an event
-- stream that reconnects with Last-Event-ID gets the events it missed. Each event published is a
-- row written in the publisher's transaction; its id is the SSE id every process sends.
--
-- AUTOINCREMENT: an id is never reused, even after pruning has emptied the table, so a client's
-- Last-Event-ID never matches a later, different event. SQLite has one writer at a time, so ids
-- are taken in commit order.
CREATE TABLE event_log (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	type TEXT NOT NULL,
	data TEXT NOT NULL, -- JSON, "to" included (replay addresses with it)
	created_at INTEGER NOT NULL
) STRICT;
-- pruning deletes by age
CREATE INDEX event_log_created ON event_log(created_at);
