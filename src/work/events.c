/*
 * The live-event hub (see events.h): a listener on the "mishu_events" channel fans each event out
 * to the open event streams of this process; a heartbeat thread pings them.
 *
 * Locking: the hub's mutex guards the subscriber table, the event counter and the heartbeat's
 * stop flag; it is taken before a stream's own lock (inside http_stream_send), never after. A
 * stream's close callback takes the hub's mutex with no stream lock held, so it cannot deadlock
 * with a fan-out; work_events_stop clears those callbacks outside the hub's mutex, waiting for
 * any in progress, before it frees the hub.
 */
#include "work/events.h"

#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "work/flow.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_HEARTBEAT_MS 20000
#define MAX_TYPE_LEN         64

static const char hello_retry[] = "retry: 3000\n";
static const char ping[] = ": ping\n\n";

/* One open event stream. */
typedef struct {
	HttpStream *stream; /* a reference of the hub's */
	gint64 user_id;     /* an event whose data has "to" goes only to those it names */
	gboolean staff;     /* the user belongs to the office's pool (work.all) */
	gboolean leader;    /* … to the leaders' pool (work.instruct) */
} Sub;

struct WorkEvents {
	Db *db;
	DbListener *listener;
	GMutex lock;
	GCond wake;       /* stops the heartbeat's wait */
	GHashTable *subs; /* HttpStream * → Sub * (owned) */
	guint64 next_id;  /* the last SSE id sent by this process */
	gboolean stopping;
	int heartbeat_ms;
	GThread *heartbeat;
};

static void sub_free(gpointer p)
{
	Sub *sub = p;

	http_stream_unref(sub->stream);
	g_free(sub);
}

/* TRUE when TYPE can be an SSE event name and a type in the contract: [A-Za-z0-9_.:-]{1,64}. */
static gboolean type_ok(const char *type)
{
	gsize n = type ? strlen(type) : 0;

	if (n == 0 || n > MAX_TYPE_LEN)
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isalnum(type[i]) && !strchr("_.:-", type[i]))
			return FALSE;
	return TRUE;
}

/* Sends FRAME to every subscriber TO addresses (as work_inbox_addressed reads it; NULL:
 * everyone). Call with ev->lock held. A send to a stream that has closed fails harmlessly; the
 * stream's close callback removes it once the connection is done. */
static void fan_out_locked(WorkEvents *ev, json_t *to, const char *frame, gsize len)
{
	GHashTableIter it;
	gpointer value;

	g_hash_table_iter_init(&it, ev->subs);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		Sub *sub = value;
		if (work_inbox_addressed(to, sub->user_id, sub->staff, sub->leader))
			http_stream_send(sub->stream, frame, len);
	}
}

/* The listener's callback: one event from any process on the database. */
static void on_notify(const char *payload, void *ud)
{
	WorkEvents *ev = ud;
	json_t *msg = json_loads(payload, JSON_REJECT_DUPLICATES, NULL);
	const char *type = json_string_value(json_object_get(msg, "type"));
	json_t *data = json_object_get(msg, "data");
	char *text;
	GString *frame;

	if (!type_ok(type)) {
		g_warning("events: ignoring a malformed event on %s", WORK_EVENTS_CHANNEL);
		json_decref(msg);
		return;
	}
	/* A change of someone's 待办: their header counts are stale in every process. */
	if (strcmp(type, "inbox") == 0)
		work_inbox_touch(json_object_get(data, "to"));
	/* Compact JSON has no line breaks (they are escaped in strings), so one data line. */
	text = data ? json_dumps(data, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	g_mutex_lock(&ev->lock);
	frame = g_string_new(NULL);
	g_string_printf(frame, "id: %" G_GUINT64_FORMAT "\nevent: %s\ndata: %s\n\n", ++ev->next_id,
	                type, text ? text : "null");
	fan_out_locked(ev, json_object_get(data, "to"), frame->str, frame->len);
	g_mutex_unlock(&ev->lock);
	g_string_free(frame, TRUE);
	free(text);
	json_decref(msg);
}

/* Pings every stream each heartbeat_ms until the hub stops. A ping to a client that went away
 * makes MHD notice it, end the connection and so drop the stream. */
static gpointer heartbeat_main(gpointer data)
{
	WorkEvents *ev = data;

	g_mutex_lock(&ev->lock);
	while (!ev->stopping) {
		gint64 until = g_get_monotonic_time() + (gint64)ev->heartbeat_ms * 1000;
		while (!ev->stopping && g_cond_wait_until(&ev->wake, &ev->lock, until))
			;
		if (ev->stopping)
			break;
		fan_out_locked(ev, NULL, ping, sizeof ping - 1);
	}
	g_mutex_unlock(&ev->lock);
	return NULL;
}

WorkEvents *work_events_start(Db *db, GError **err)
{
	WorkEvents *ev = g_new0(WorkEvents, 1);
	const char *hb = g_getenv("MISHU_SSE_HEARTBEAT_MS");

	ev->db = db;
	ev->heartbeat_ms = hb && atoi(hb) > 0 ? MAX(atoi(hb), 10) : DEFAULT_HEARTBEAT_MS;
	g_mutex_init(&ev->lock);
	g_cond_init(&ev->wake);
	ev->subs = g_hash_table_new_full(NULL, NULL, NULL, sub_free);
	ev->listener = db_listen(db, WORK_EVENTS_CHANNEL, on_notify, ev, err);
	if (ev->listener == NULL) {
		g_hash_table_unref(ev->subs);
		g_cond_clear(&ev->wake);
		g_mutex_clear(&ev->lock);
		g_free(ev);
		return NULL;
	}
	ev->heartbeat = g_thread_new("sse-heartbeat", heartbeat_main, ev);
	return ev;
}

void work_events_stop(WorkEvents *ev)
{
	GHashTableIter it;
	gpointer value;
	GPtrArray *left;

	if (ev == NULL)
		return;
	/* No more events, no more pings. */
	db_listener_free(ev->listener);
	g_mutex_lock(&ev->lock);
	ev->stopping = TRUE;
	g_cond_broadcast(&ev->wake);
	g_mutex_unlock(&ev->lock);
	g_thread_join(ev->heartbeat);

	/* Take the streams out, then clear their callbacks with the hub unlocked: a callback in
	 * progress may be waiting for the hub's mutex, and clearing waits for it to return. */
	left = g_ptr_array_new_with_free_func(sub_free);
	g_mutex_lock(&ev->lock);
	g_hash_table_iter_init(&it, ev->subs);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		g_ptr_array_add(left, value);
		g_hash_table_iter_steal(&it);
	}
	g_mutex_unlock(&ev->lock);
	for (guint i = 0; i < left->len; i++) {
		Sub *sub = left->pdata[i];
		http_stream_set_close_cb(sub->stream, NULL, NULL);
		http_stream_close(sub->stream);
	}
	g_ptr_array_free(left, TRUE);

	g_hash_table_unref(ev->subs);
	g_cond_clear(&ev->wake);
	g_mutex_clear(&ev->lock);
	g_free(ev);
}

gboolean work_events_publish(DbConn *c, const char *type, json_t *data, GError **err)
{
	json_t *msg;
	char *text;
	gsize len;
	gboolean ok;

	if (!type_ok(type)) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
		            "event type must be 1-%d of A-Z a-z 0-9 _ . : -", MAX_TYPE_LEN);
		return FALSE;
	}
	msg = json_pack("{s:s, s:O}", "type", type, "data", data ? data : json_null());
	text = msg ? json_dumps(msg, JSON_COMPACT) : NULL;
	json_decref(msg);
	if (text == NULL) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
		            "event %s: data cannot be encoded as JSON", type);
		return FALSE;
	}
	len = strlen(text);
	if (len > WORK_EVENTS_MAX_PAYLOAD) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
		            "event %s: %zu bytes encoded, more than the %d a notification carries",
		            type, len, WORK_EVENTS_MAX_PAYLOAD);
		free(text);
		return FALSE;
	}
	ok = db_notify(c, WORK_EVENTS_CHANNEL, text, err);
	free(text);
	return ok;
}

/* A stream of the hub ended (client gone, or the server is stopping): forget it. */
static void on_stream_closed(HttpStream *s, void *ud)
{
	WorkEvents *ev = ud;

	g_mutex_lock(&ev->lock);
	g_hash_table_remove(ev->subs, s);
	g_mutex_unlock(&ev->lock);
}

gboolean work_events_subscribe(WorkEvents *ev, HttpStream *s, const AuthUser *u)
{
	Sub *sub;

	/* Under the hub's mutex: a close callback set here cannot run before the stream is listed
	 * (it waits for the mutex), so it always finds what to remove. */
	g_mutex_lock(&ev->lock);
	if (ev->stopping || !http_stream_set_close_cb(s, on_stream_closed, ev)) {
		g_mutex_unlock(&ev->lock);
		return FALSE;
	}
	sub = g_new0(Sub, 1);
	sub->stream = http_stream_ref(s);
	sub->user_id = u->id;
	sub->staff = auth_can(u, "work.all");
	sub->leader = auth_can(u, "work.instruct");
	g_hash_table_replace(ev->subs, s, sub);
	g_mutex_unlock(&ev->lock);
	return TRUE;
}

guint work_events_subscribers(WorkEvents *ev)
{
	guint n;

	g_mutex_lock(&ev->lock);
	n = g_hash_table_size(ev->subs);
	g_mutex_unlock(&ev->lock);
	return n;
}

void work_events_api_stream(HttpRequest *req, HttpResponse *res)
{
	WorkEvents *ev = ((App *)http_app(req))->events;
	AuthUser *u = auth_current(req);
	json_t *hello;
	char *text;
	GString *frame;
	HttpStream *s;

	if (u == NULL) { /* the guard refuses anonymous callers first; never reached */
		http_reply_error(res, 401, "unauthenticated", N_("Sign in first."), NULL);
		return;
	}
	if (ev == NULL) {
		http_reply_error(res, 503, "unavailable",
		                 N_("The server could not complete this; try again."), NULL);
		return;
	}
	s = http_reply_stream(res, "text/event-stream; charset=utf-8");
	hello = json_pack("{s:{s:I, s:s, s:s}}", "user", "id", (json_int_t)u->id, "username",
	                  u->username, "display_name", u->display_name ? u->display_name : "");
	text = json_dumps(hello, JSON_COMPACT);
	frame = g_string_new(hello_retry);
	g_string_append_printf(frame, "event: hello\ndata: %s\n\n", text);
	http_stream_send(s, frame->str, frame->len);
	g_string_free(frame, TRUE);
	free(text);
	json_decref(hello);
	/* When the hub is stopping the stream just ends after the hello. */
	if (!work_events_subscribe(ev, s, u))
		http_stream_close(s);
}

#ifdef MISHU_TESTING
void work_events_test_publish(HttpRequest *req, HttpResponse *res)
{
	json_t *body = http_json(req);
	const char *type = json_string_value(json_object_get(body, "type"));
	WorkEvents *ev = ((App *)http_app(req))->events;
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);

	if (c == NULL || !db_begin(c, TRUE, &err) ||
	    !work_events_publish(c, type, json_object_get(body, "data"), &err) ||
	    !db_commit(c, &err)) {
		int status = 500;
		const char *code = "internal_error";
		if (c)
			db_rollback(c);
		if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE)) {
			status = 413;
			code = "payload_too_large";
		} else if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)) {
			status = 422;
			code = "invalid";
		}
		http_reply_error(res, status, code, err ? err->message : "failed",
		                 status == 422 ? "type" : NULL);
		g_clear_error(&err);
		return;
	}
	http_reply_json(res, 200,
	                json_pack("{s:s, s:i}", "type", type, "subscribers",
	                          ev ? (int)work_events_subscribers(ev) : 0));
}
#endif
