-- 0023_event_log.sql (postgresql) — the log of live events (src/work/events.c), so that an event
-- stream that reconnects with Last-Event-ID gets the events it missed. Each event published is a
-- row written in the publisher's transaction; its id is the SSE id every process sends.
-- The id comes from event_log_serial (below), not from a column default: a default would be taken
-- before the trigger runs, out of commit order.
CREATE SEQUENCE event_log_id;
CREATE TABLE event_log (
	id BIGINT PRIMARY KEY,
	type TEXT NOT NULL,
	data TEXT NOT NULL, -- JSON, "to" included (replay addresses with it)
	created_at BIGINT NOT NULL
);
-- pruning deletes by age
CREATE INDEX event_log_created ON event_log(created_at);

-- Ids in commit order. A sequence hands out ids when rows are inserted, not when they commit:
-- with two publishers, 11 could commit (and be sent, and be a client's Last-Event-ID) while 10
-- is still open, and a replay "after 11" would never send 10. So each insert first takes one
-- transaction-scoped advisory lock, held until its transaction ends, and only then its id: an
-- event's id is taken after every smaller id's transaction has committed or rolled back. The
-- cost: transactions that publish events commit one at a time from the moment they publish
-- (work_events_publish is called at the end of a change, so that is about one commit long).
CREATE FUNCTION event_log_serial() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(7236006257519260001); -- any constant of our own: "mishu events"
	NEW.id := nextval('event_log_id');
	RETURN NEW;
END
$$;
CREATE TRIGGER event_log_serial BEFORE INSERT ON event_log
	FOR EACH ROW EXECUTE FUNCTION event_log_serial();
