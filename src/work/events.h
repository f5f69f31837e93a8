/*
 * Live events: the feed behind GET /api/v1/events (server-sent events). A change publishes an
 * event inside its own write transaction (work_events_publish → db_notify on the channel
 * "mishu_events"), so it leaves only when the change commits. Every server process runs one hub
 * that listens on the channel and writes each event to its open event streams as an SSE frame
 * "id: N\nevent: TYPE\ndata: JSON\n\n". On PostgreSQL (LISTEN/NOTIFY) an event reaches the
 * streams of every process on the database; on SQLite only those of the publishing process.
 *
 * An event whose data carries "to": {"users": [id …], "pools": ["staff"|"leader" …]} reaches
 * only the streams of the users it names and of the pools' members (the "inbox" event of a
 * step: work_flow_todo_write); any other event reaches every signed-in user. A heartbeat comment ":
 * ping" goes to every stream every 20 s (MISHU_SSE_HEARTBEAT_MS overrides it), which keeps proxies
 * from timing the stream out and lets the server notice clients that went away.
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
 * C, within the caller's write transaction if one is open: it is delivered when that commits,
 * never if it rolls back. The payload is {"type","data"} as compact JSON; one larger than
 * WORK_EVENTS_MAX_PAYLOAD fails with G_IO_ERROR_MESSAGE_TOO_LARGE, a bad type with
 * G_IO_ERROR_INVALID_ARGUMENT.
 */
gboolean work_events_publish(DbConn *c, const char *type, json_t *data, GError **err);

/* Adds the stream S of user U to the hub (it takes a reference and forgets the stream when it
 * ends). FALSE when the hub is stopping or S has already ended. */
gboolean work_events_subscribe(WorkEvents *ev, HttpStream *s, const AuthUser *u);

/* The number of streams the hub currently holds (for tests and health pages). */
guint work_events_subscribers(WorkEvents *ev);

/* GET /api/v1/events: the signed-in user's event stream. First frame "retry: 3000" with an
 * "event: hello" whose data is {"user":{id, username, display_name}}. */
void work_events_api_stream(HttpRequest *req, HttpResponse *res);

#ifdef MISHU_TESTING
/* Test build only (routed when MISHU_TEST_ROUTES=1): POST /api/v1/_test/events {"type","data"}
 * publishes in a write transaction of its own; answers {"type", "subscribers"} (this process's
 * stream count). */
void work_events_test_publish(HttpRequest *req, HttpResponse *res);
#endif

#endif
