/*
 * The live-event hub (see events.h): a listener on the "mishu_events" channel fans each event out
 * to the open event streams of this process; a heartbeat thread pings them. Each event is also a
 * row of event_log, whose id is the SSE id, and a stream that starts with a last id gets the
 * rows it missed before the live events (replay, below).
 *
 * Locking: the hub's mutex guards the subscriber table, each stream's held frames and floor, and
 * the heartbeat's stop flag; it is taken before a stream's own lock (inside http_stream_send),
 * never after. A stream's close callback takes the hub's mutex with no stream lock held, so it
 * cannot deadlock with a fan-out; work_events_stop clears those callbacks outside the hub's mutex,
 * waiting for any in progress, before it frees the hub.
 */
#include "work/events.h"

#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "work/flow.h"
#include "work/work.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_HEARTBEAT_MS 20000
#define MAX_TYPE_LEN         64
/* What `"id":N,` adds to a payload at most: a 19-digit id and 6 bytes of syntax. */
#define ID_OVERHEAD 25
/* Pruning runs when an event's id is a multiple of this: cheap, and often enough to keep
 * event_log at about WORK_EVENTS_KEEP_S of events. */
#define PRUNE_EVERY 256
/* A replay reads at most this many of the newest rows after the last id, addressed or not. */
#define REPLAY_SCAN 5000

static const char hello_retry[] = "retry: 3000\n";
static const char ping[] = ": ping\n\n";

/* A live frame held for a stream while its replay is read. */
typedef struct {
	gint64 id;
	GString *frame;
} Held;

/* One open event stream. */
typedef struct {
	HttpStream *stream; /* a reference of the hub's */
	gint64 user_id;     /* an event whose data has "to" goes only to those it names */
	gboolean staff;     /* the user belongs to the office's pool (work.all) */
	gboolean leader;    /* … to the leaders' pool (work.instruct) */
	GPtrArray *held;    /* of Held *: live frames while the replay is read, else NULL */
	gint64 floor;       /* the highest event id the stream has had or was found not to need */
} Sub;

struct WorkEvents {
	Db *db;
	DbListener *listener;
	GMutex lock;
	GCond wake;       /* stops the heartbeat's wait */
	GHashTable *subs; /* HttpStream * → Sub * (owned) */
	gboolean stopping;
	int heartbeat_ms;
	GThread *heartbeat;
};

static void held_free(gpointer p)
{
	Held *h = p;

	g_string_free(h->frame, TRUE);
	g_free(h);
}

static void sub_free(gpointer p)
{
	Sub *sub = p;

	if (sub->held)
		g_ptr_array_free(sub->held, TRUE);
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

/* Sends FRAME, the event ID (0: a ping, for everyone), to every subscriber TO addresses (as
 * work_inbox_addressed reads it; NULL: everyone); a stream whose replay is being read holds the
 * event instead, and misses the ping. Call with ev->lock held. A send to a stream that has closed
 * fails harmlessly; the stream's close callback removes it once the connection is done. */
static void fan_out_locked(WorkEvents *ev, gint64 id, json_t *to, const char *frame, gsize len)
{
	GHashTableIter it;
	gpointer value;

	g_hash_table_iter_init(&it, ev->subs);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		Sub *sub = value;
		if (!work_inbox_addressed(to, sub->user_id, sub->staff, sub->leader))
			continue;
		if (sub->held == NULL) {
			/* A notification can come after the stream read the log that already had it
			 * (the listener lags behind the commit); ids arrive in commit order
			 * otherwise. */
			if (id > 0 && id <= sub->floor)
				continue;
			if (id > 0)
				sub->floor = id;
			http_stream_send(sub->stream, frame, len);
		} else if (id > 0) {
			Held *h = g_new(Held, 1);
			h->id = id;
			h->frame = g_string_new_len(frame, (gssize)len);
			g_ptr_array_add(sub->held, h);
		}
	}
}

/* The SSE frame of event ID of TYPE with DATA (compact JSON text, NULL for null); a new GString.
 * Compact JSON has no line breaks (they are escaped in strings), so it is one data line. */
static GString *event_frame(gint64 id, const char *type, const char *data)
{
	GString *frame = g_string_new(NULL);

	g_string_printf(frame, "id: %" G_GINT64_FORMAT "\nevent: %s\ndata: %s\n\n", id, type,
	                data ? data : "null");
	return frame;
}

/* The listener's callback: one event from any process on the database. */
static void on_notify(const char *payload, void *ud)
{
	WorkEvents *ev = ud;
	json_t *msg = json_loads(payload, JSON_REJECT_DUPLICATES, NULL);
	const char *type = json_string_value(json_object_get(msg, "type"));
	json_t *data = json_object_get(msg, "data");
	gint64 id = json_integer_value(json_object_get(msg, "id"));
	char *text;
	GString *frame;

	if (!type_ok(type) || id <= 0) {
		g_warning("events: ignoring a malformed event on %s", WORK_EVENTS_CHANNEL);
		json_decref(msg);
		return;
	}
	/* A change of someone's 待办: their header counts are stale in every process. */
	if (strcmp(type, "inbox") == 0)
		work_inbox_touch(json_object_get(data, "to"));
	text = data ? json_dumps(data, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	frame = event_frame(id, type, text);
	g_mutex_lock(&ev->lock);
	fan_out_locked(ev, id, json_object_get(data, "to"), frame->str, frame->len);
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
		fan_out_locked(ev, 0, NULL, ping, sizeof ping - 1);
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

/* Deletes the events older than WORK_EVENTS_KEEP_S, in C's transaction: a replay never reads
 * them, and the index on created_at makes it one range delete. */
static gboolean prune(DbConn *c, GError **err)
{
	return db_run(c, NULL, err, "DELETE FROM event_log WHERE created_at < ?", "i",
	              core_now() - WORK_EVENTS_KEEP_S);
}

gboolean work_events_publish(DbConn *c, const char *type, json_t *data, GError **err)
{
	g_autofree char *text = NULL, *payload = NULL;
	gint64 id = 0;
	gboolean own;
	gsize len;

	if (!type_ok(type)) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
		            "event type must be 1-%d of A-Z a-z 0-9 _ . : -", MAX_TYPE_LEN);
		return FALSE;
	}
	text = json_dumps(data ? data : json_null(), JSON_COMPACT | JSON_ENCODE_ANY);
	if (text == NULL) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
		            "event %s: data cannot be encoded as JSON", type);
		return FALSE;
	}
	/* Checked before the row is written, so that a caller who ignores the error (an event is
	 * often a side matter) leaves no logged event that was never sent. */
	len = strlen("{\"type\":\"\",\"data\":}") + strlen(type) + strlen(text) + ID_OVERHEAD;
	if (len > WORK_EVENTS_MAX_PAYLOAD) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
		            "event %s: %zu bytes encoded, more than the %d a notification carries",
		            type, len, WORK_EVENTS_MAX_PAYLOAD);
		return FALSE;
	}
	/* Row and notification in one transaction, the caller's or one of our own: delivered
	 * apart, two events could reach the listeners out of id order. */
	own = !db_in_transaction(c);
	if (own && !db_begin(c, TRUE, err))
		return FALSE;
	if (!db_run(c, &id, err,
	            "INSERT INTO event_log (type, data, created_at) VALUES (?, ?, ?) RETURNING id",
	            "ssi", type, text, core_now()))
		goto fail;
	g_assert(id > 0);
	if (id % PRUNE_EVERY == 0 && !prune(c, err))
		goto fail;
	payload = g_strdup_printf("{\"id\":%" G_GINT64_FORMAT ",\"type\":\"%s\",\"data\":%s}", id,
	                          type, text);
	if (!db_notify(c, WORK_EVENTS_CHANNEL, payload, err))
		goto fail;
	return !own || db_commit(c, err);
fail:
	if (own)
		db_rollback(c);
	return FALSE;
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
	sub->held = g_ptr_array_new_with_free_func(held_free);
	g_hash_table_replace(ev->subs, s, sub);
	g_mutex_unlock(&ev->lock);
	return TRUE;
}

void work_events_release(WorkEvents *ev, HttpStream *s, gint64 after)
{
	Sub *sub;

	g_mutex_lock(&ev->lock);
	sub = g_hash_table_lookup(ev->subs, s);
	if (sub && sub->held) {
		sub->floor = after;
		for (guint i = 0; i < sub->held->len; i++) {
			Held *h = sub->held->pdata[i];
			if (h->id > sub->floor) {
				sub->floor = h->id;
				http_stream_send(s, h->frame->str, h->frame->len);
			}
		}
		g_ptr_array_free(sub->held, TRUE);
		sub->held = NULL;
	}
	g_mutex_unlock(&ev->lock);
}

guint work_events_subscribers(WorkEvents *ev)
{
	guint n;

	g_mutex_lock(&ev->lock);
	n = g_hash_table_size(ev->subs);
	g_mutex_unlock(&ev->lock);
	return n;
}

/* The last event id the client has (-1 for none): the Last-Event-ID header an EventSource sends
 * when it reconnects, else ?last_event_id= (a page that remembers it); 0 is the id of an empty
 * log. Anything but 1 to 18 digits counts as none: the stream then starts from now instead of
 * failing, because an EventSource given an error status stops reconnecting for good. */
static gint64 last_event_id(HttpRequest *req)
{
	const char *v = http_header(req, "Last-Event-ID");
	gsize n;

	if (v == NULL || *v == '\0')
		v = http_query(req, "last_event_id");
	n = v ? strlen(v) : 0;
	if (n == 0 || n > 18 || strspn(v, "0123456789") != n)
		return -1;
	return g_ascii_strtoll(v, NULL, 10);
}

/* Reads, in one snapshot, the id of the newest logged event into *NEWEST and (AFTER >= 0) the
 * events after AFTER that U is addressed by, at most WORK_EVENTS_REPLAY_MAX of the newest within
 * WORK_EVENTS_KEEP_S, as SSE frames, oldest first, into FRAMES. */
static gboolean replay_read(Db *db, const AuthUser *u, gint64 after, gint64 *newest,
                            GString *frames, GError **err)
{
	gboolean staff = auth_can(u, "work.all"), leader = auth_can(u, "work.instruct");
	g_autoptr(json_t) rows = NULL;
	GPtrArray *picked = g_ptr_array_new_with_free_func((GDestroyNotify)json_decref);
	DbConn *c = db_conn(db, err);
	gboolean ok = FALSE;
	json_t *r;
	size_t i;

	if (c == NULL || !db_begin(c, FALSE, err))
		goto out;
	if (!db_run(c, newest, err, "SELECT COALESCE(MAX(id), 0) FROM event_log", NULL))
		goto out;
	/* Newest first, so that a stream away too long loses its oldest events, never a middle. */
	if (after >= 0 && after < *newest &&
	    (rows = db_rows(c, err,
	                    "SELECT id, type, data FROM event_log WHERE id > ? AND created_at >= ? "
	                    "ORDER BY id DESC LIMIT " G_STRINGIFY(REPLAY_SCAN),
	                    "ii", after, core_now() - WORK_EVENTS_KEEP_S)) == NULL)
		goto out;
	json_array_foreach (rows, i, r) {
		json_t *data = json_loads(json_string_value(json_object_get(r, "data")),
		                          JSON_DECODE_ANY, NULL);
		if (data && picked->len < WORK_EVENTS_REPLAY_MAX &&
		    work_inbox_addressed(json_object_get(data, "to"), u->id, staff, leader))
			g_ptr_array_add(picked, json_incref(r));
		json_decref(data);
	}
	for (guint k = picked->len; k-- > 0;) {
		json_t *row = picked->pdata[k];
		g_autoptr(GString) frame =
		    event_frame(json_integer_value(json_object_get(row, "id")),
		                json_string_value(json_object_get(row, "type")),
		                json_string_value(json_object_get(row, "data")));
		g_string_append_len(frames, frame->str, (gssize)frame->len);
	}
	ok = TRUE;
out:
	if (c)
		db_rollback(c);
	g_ptr_array_free(picked, TRUE);
	return ok;
}

void work_events_api_stream(HttpRequest *req, HttpResponse *res)
{
	WorkEvents *ev = ((App *)http_app(req))->events;
	AuthUser *u = auth_current(req);
	gint64 after, newest = 0;
	gboolean listed, read;
	json_t *hello;
	char *text;
	GString *frame, *replay;
	GError *err = NULL;
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
	after = last_event_id(req);
	s = http_reply_stream(res, "text/event-stream; charset=utf-8");
	/* Listed first, holding live events, and only then the log is read: an event that commits
	 * meanwhile is in the log or held, maybe both, and the ids tell which to send. */
	listed = work_events_subscribe(ev, s, u);
	replay = g_string_new(NULL);
	read = listed && replay_read(ev->db, u, after, &newest, replay, &err);
	if (listed && !read) { /* the client retries with the last id it had */
		g_warning("events: cannot read the event log: %s", err->message);
		g_clear_error(&err);
		http_stream_close(s);
	}
	hello = json_pack("{s:{s:I, s:s, s:s}}", "user", "id", (json_int_t)u->id, "username",
	                  u->username, "display_name", u->display_name ? u->display_name : "");
	text = json_dumps(hello, JSON_COMPACT);
	frame = g_string_new(hello_retry);
	/* A fresh stream starts at the newest event, so that its first reconnect replays from
	 * there; one that asked for a replay keeps its last id until a replayed event moves it. */
	if (after < 0 && read)
		g_string_append_printf(frame, "id: %" G_GINT64_FORMAT "\n", newest);
	g_string_append_printf(frame, "event: hello\ndata: %s\n\n", text);
	g_string_append_len(frame, replay->str, (gssize)replay->len);
	http_stream_send(s, frame->str, frame->len);
	g_string_free(frame, TRUE);
	g_string_free(replay, TRUE);
	free(text);
	json_decref(hello);
	/* Every held event up to the newest logged one was in the snapshot: sent or not addressed.
	 * When the hub is stopping the stream just ends after the hello. */
	if (listed)
		work_events_release(ev, s, newest);
	else
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

void work_events_test_drop(HttpRequest *req, HttpResponse *res)
{
	WorkEvents *ev = ((App *)http_app(req))->events;
	GHashTableIter it;
	gpointer value;
	int n = 0;

	if (ev) {
		g_mutex_lock(&ev->lock);
		g_hash_table_iter_init(&it, ev->subs);
		while (g_hash_table_iter_next(&it, NULL, &value)) {
			/* closing only marks the stream; its close callback runs later, outside */
			http_stream_close(((Sub *)value)->stream);
			n++;
		}
		g_mutex_unlock(&ev->lock);
	}
	http_reply_json(res, 200, json_pack("{s:i}", "dropped", n));
}
#endif
