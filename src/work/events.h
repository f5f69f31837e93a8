/*
 * Live events: the feed behind GET /api/v1/events (server-sent events). A change publishes an
 * event inside its own write transaction (work_events_publish): a row of event_log, whose id the
 * database gives, and a notification on the channel "mishu_events" carrying that id, so the event
 * leaves only when the change commits. Every server process runs one hub that listens on the
 * channel and writes each event to its open event streams as an SSE frame
 * "id: N\nevent: TYPE\ndata: JSON\n\n", N being the row's id: the same in every process. On
 * PostgreSQL (LISTEN/NOTIFY) an event reaches the streams of every process on the database; on
 * SQLite only those of the publishing process (which is the only one).
 *
 * An event whose data carries "to": {"users": [id …], "pools": ["staff"|"leader" …]} reaches
 * only the streams of the users it names and of the pools' members (the "inbox" event of a
 * step: work_flow_todo_write); any other event reaches every signed-in user. A heartbeat comment ":
 * ping" goes to every stream every 20 s (MISHU_SSE_HEARTBEAT_MS overrides it), which keeps proxies
 * from timing the stream out and lets the server notice clients that went away.
 *
 * Replay. A stream opened with a last id N (the Last-Event-ID header, which an EventSource sends
 * when it reconnects, or ?last_event_id=N for a page that remembered it) first gets the logged
 * events after N that its user is addressed by, oldest first, then the live ones, with no gap and
 * no duplicate: the stream is listed (holding live events) before the log is read in one
 * snapshot, and of the held events only those after the newest id in that snapshot are sent; a
 * notification that reaches the hub after that read (the listener lags behind commits) is dropped
 * when the stream already has its id or a later one: each stream sends ids only upwards. At
 * most WORK_EVENTS_REPLAY_MAX events within WORK_EVENTS_KEEP_S are replayed, the newest ones: a
 * client away longer finds the rest in its notifications inbox. A fresh stream's hello carries
 * "id: <newest id>" (0 when the log is empty), so even its first reconnect replays. A last id
 * that is not 1–18 digits is ignored (the stream starts from now): an EventSource answered with
 * an error stops for good.
 *
 * Ids follow commit order, which replay "after N" needs. On SQLite the one writer at a time gives
 * that. On PostgreSQL an identity hands out ids at insert, not at commit (11 could commit, be sent
 * and become a Last-Event-ID while 10 is still open, and 10 would never be replayed), so
 * event_log's insert trigger (0022_event_log.sql) takes a transaction-scoped advisory lock before
 * it takes the id: publishing transactions commit one at a time from their publish on. Publish at
 * the end of a change, before its audit entry (as work_op_in runs the op, then audits): a
 * transaction that audited first and then waited for the event lock could deadlock with one that
 * published first and waits for the audit head.
 *
 * Pruning: a publish whose id is a multiple of 256 deletes, in its transaction, the events older
 * than WORK_EVENTS_KEEP_S (an indexed range delete) — no job needed.
 *
 * Alerts. An event whose data has "alert": {"title": text, "url": "/path", "level": "info" |
 * "warning" | "urgent"} (e.g. "incident", "incident.escalated", "report.urgent") is shown by every
 * page (static/js/mishu.js) as a banner linking to url, with a short sound, and as a desktop
 * notification where the user allowed them; "level" colours the banner (urgent: the alert red).
 * Put it beside "to" so that only the people concerned see it, and record the alert in their
 * notifications inbox too (work_notify): the banner is only the live form of it.
 */
#ifndef MISHU_WORK_EVENTS_H
#define MISHU_WORK_EVENTS_H

#include "db/db.h"
#include "auth/auth.h"
#include "http/http.h"

#include <glib.h>
#include <jansson.h>

/* The notification channel events travel on. */
#define WORK_EVENTS_CHANNEL "mishu_events"
/* The largest encoded event PostgreSQL's NOTIFY carries, in bytes (less than 8000). */
#define WORK_EVENTS_MAX_PAYLOAD 7999
/* How long event_log keeps an event, and so how far back a replay reaches: 48 hours. */
#define WORK_EVENTS_KEEP_S (48 * 3600)
/* The most events one replay sends. */
#define WORK_EVENTS_REPLAY_MAX 500

typedef struct WorkEvents WorkEvents;

/* Starts the hub of this process: listens on the channel and starts the heartbeat thread.
 * NULL with ERR when the database cannot listen. */
WorkEvents *work_events_start(Db *db, GError **err);

/* Stops the hub: no event is delivered any more, every stream it holds is closed and released.
 * Call it after http_server_stop (which closes and resumes every stream before stopping the
 * daemon), so that no request can reach the hub any more; before db_close. NULL is a no-op. */
void work_events_stop(WorkEvents *ev);

/*
 * Publishes an event of TYPE (1–64 of [A-Za-z0-9_.:-]) with DATA (borrowed; NULL is null) on
 * C, within the caller's write transaction if one is open: it is logged and delivered when that
 * commits, never if it rolls back. The payload is {"id","type","data"} as compact JSON; one that
 * could be larger than WORK_EVENTS_MAX_PAYLOAD fails with G_IO_ERROR_MESSAGE_TOO_LARGE, a bad
 * type with G_IO_ERROR_INVALID_ARGUMENT, both before anything is written; a database error as
 * db_step's. On PostgreSQL, call it last but for the audit entry (see the top of this file).
 */
gboolean work_events_publish(DbConn *c, const char *type, json_t *data, GError **err);

/* Adds the stream S of user U to the hub (it takes a reference and forgets the stream when it
 * ends), holding the events for it until work_events_release. FALSE when the hub is stopping or
 * S has already ended. */
gboolean work_events_subscribe(WorkEvents *ev, HttpStream *s, const AuthUser *u);

/* Sends stream S the events held for it whose id is above AFTER, in order, then every event as
 * it comes. A no-op for a stream the hub no longer holds. */
void work_events_release(WorkEvents *ev, HttpStream *s, gint64 after);

/* The number of streams the hub currently holds (for tests and health pages). */
guint work_events_subscribers(WorkEvents *ev);

/* GET /api/v1/events: the signed-in user's event stream. First frame "retry: 3000" with an
 * "event: hello" whose data is {"user":{id, username, display_name}} (and, on a fresh stream,
 * "id: <newest event id>", 0 for none), then the replayed events, then the live ones. */
void work_events_api_stream(HttpRequest *req, HttpResponse *res);

#ifdef MISHU_TESTING
/* Test build only (routed when MISHU_TEST_ROUTES=1): POST /api/v1/_test/events {"type","data"}
 * publishes in a write transaction of its own; answers {"type", "subscribers"} (this process's
 * stream count). */
void work_events_test_publish(HttpRequest *req, HttpResponse *res);
/* Test build only: POST /api/v1/_test/events/drop ends every event stream of this process, as a
 * network drop would (the clients reconnect with Last-Event-ID); answers {"dropped": n}. */
void work_events_test_drop(HttpRequest *req, HttpResponse *res);
#endif

#endif
