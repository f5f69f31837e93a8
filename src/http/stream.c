/*
 * Streamed answers (http.h, "streams"): a byte queue per stream that any thread fills and MHD's
 * content reader drains, over a chunked response of unknown size.
 *
 * Suspend and resume. `suspended` is TRUE exactly while our reader has the connection suspended.
 * Only the reader suspends (MHD allows it from a content reader, on the connection's own thread),
 * and only when the queue is empty and the stream open; whoever then queues bytes or closes the
 * stream clears the flag and calls MHD_resume_connection, all under the stream's mutex. So every
 * resume matches one suspend, none is sent to a connection that is not suspended (MHD would
 * then cancel the next suspend), and none to a freed connection (MHD never frees a suspended one;
 * the free callback clears `conn` under the same mutex).
 *
 * Lock order: the server's streams_lock, then a stream's lock, then MHD's own mutexes (inside
 * suspend and resume). MHD calls the reader and the free callback without holding any mutex we
 * take, and the close callback runs with no stream lock held.
 */
#include "http/http_internal.h"

#include <string.h>

#define READ_BLOCK   4096
#define COMPACT_FROM (64 * 1024) /* drop sent bytes from the queue's front past this much */

struct HttpStream {
	gint refs;
	GMutex lock;
	GCond cond;        /* signalled when a close callback has returned */
	GByteArray *queue; /* bytes not yet handed to MHD start at offset `head` */
	gsize head;
	guint64 bytes_out;  /* handed to MHD so far */
	gboolean closed;    /* no more sends; the reader ends the body once the queue is empty */
	gboolean aborted;   /* the queue overflowed: the reader cuts the connection */
	gboolean queued;    /* handed to MHD (http_stream_response) */
	gboolean ended;     /* MHD freed the response, or the stream never reached MHD */
	gboolean suspended; /* the reader suspended the connection; see the top of this file */
	gboolean in_close_cb;
	struct MHD_Connection *conn;
	HttpServer *server; /* while listed in server->streams */
	HttpStreamCloseFunc on_close;
	void *on_close_ud;
};

HttpStream *http_stream_ref(HttpStream *s)
{
	g_atomic_int_inc(&s->refs);
	return s;
}

void http_stream_unref(HttpStream *s)
{
	if (s == NULL || !g_atomic_int_dec_and_test(&s->refs))
		return;
	g_byte_array_unref(s->queue);
	g_mutex_clear(&s->lock);
	g_cond_clear(&s->cond);
	g_free(s);
}

/* Wakes a suspended connection: the reader will find bytes to send or the stream closed.
 * Call with s->lock held. */
static void resume_locked(HttpStream *s)
{
	if (s->suspended) {
		s->suspended = FALSE;
		MHD_resume_connection(s->conn);
	}
}

static gboolean has_header(HttpResponse *res, const char *name)
{
	for (guint i = 0; res->headers && i + 1 < res->headers->len; i += 2)
		if (g_ascii_strcasecmp(res->headers->pdata[i], name) == 0)
			return TRUE;
	return FALSE;
}

HttpStream *http_reply_stream(HttpResponse *res, const char *content_type)
{
	HttpStream *s = g_new0(HttpStream, 1);

	s->refs = 1;
	g_mutex_init(&s->lock);
	g_cond_init(&s->cond);
	s->queue = g_byte_array_new();
	http_reply_bytes(res, 200, content_type, NULL);
	res->stream = s;
	if (!has_header(res, "Cache-Control"))
		http_add_header(res, "Cache-Control", "no-store");
	http_add_header(res, "X-Accel-Buffering", "no");
	return s;
}

gboolean http_stream_send(HttpStream *s, const char *data, gsize len)
{
	gboolean ok = TRUE, overflow = FALSE;

	g_mutex_lock(&s->lock);
	if (s->closed) {
		ok = FALSE;
	} else if (s->queue->len - s->head + len > HTTP_STREAM_MAX_QUEUE) {
		/* A client this far behind is not reading: cut it off rather than grow. */
		s->closed = s->aborted = TRUE;
		g_byte_array_set_size(s->queue, 0);
		s->head = 0;
		ok = FALSE;
		overflow = TRUE;
	} else {
		g_byte_array_append(s->queue, (const guint8 *)data, (guint)len);
	}
	resume_locked(s);
	g_mutex_unlock(&s->lock);
	if (overflow)
		g_warning("stream: client too slow (over %d bytes queued), closing its stream",
		          HTTP_STREAM_MAX_QUEUE);
	return ok;
}

void http_stream_close(HttpStream *s)
{
	g_mutex_lock(&s->lock);
	s->closed = TRUE;
	resume_locked(s);
	g_mutex_unlock(&s->lock);
}

gboolean http_stream_is_open(HttpStream *s)
{
	gboolean open;

	g_mutex_lock(&s->lock);
	open = !s->closed;
	g_mutex_unlock(&s->lock);
	return open;
}

gboolean http_stream_set_close_cb(HttpStream *s, HttpStreamCloseFunc cb, void *ud)
{
	gboolean ok;

	g_mutex_lock(&s->lock);
	while (s->in_close_cb)
		g_cond_wait(&s->cond, &s->lock);
	ok = !s->ended;
	if (ok) {
		s->on_close = cb;
		s->on_close_ud = ud;
	}
	g_mutex_unlock(&s->lock);
	return ok;
}

/* The stream has ended for good: closes it, unlists it from the server and runs the close
 * callback once. Idempotent. */
static void stream_end(HttpStream *s)
{
	HttpStreamCloseFunc cb;
	HttpServer *srv;
	void *ud;

	g_mutex_lock(&s->lock);
	if (s->ended) {
		g_mutex_unlock(&s->lock);
		return;
	}
	s->ended = s->closed = TRUE;
	s->suspended = FALSE;
	s->conn = NULL;
	g_byte_array_set_size(s->queue, 0);
	s->head = 0;
	srv = s->server;
	s->server = NULL;
	cb = s->on_close;
	ud = s->on_close_ud;
	s->on_close = NULL;
	s->in_close_cb = cb != NULL;
	g_mutex_unlock(&s->lock);

	if (srv) {
		g_mutex_lock(&srv->streams_lock);
		g_hash_table_remove(srv->streams, s);
		g_mutex_unlock(&srv->streams_lock);
	}
	if (cb) {
		cb(s, ud);
		g_mutex_lock(&s->lock);
		s->in_close_cb = FALSE;
		g_cond_broadcast(&s->cond);
		g_mutex_unlock(&s->lock);
	}
}

/* MHD's content reader: hands over queued bytes; with none, ends the body if the stream is
 * closed, else suspends the connection until a send or close resumes it. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	HttpStream *s = cls;
	ssize_t n = 0;
	gsize avail;

	g_mutex_lock(&s->lock);
	avail = s->queue->len - s->head;
	if (s->aborted) {
		n = MHD_CONTENT_READER_END_WITH_ERROR;
	} else if (avail > 0) {
		gsize take = MIN(avail, max);
		memcpy(buf, s->queue->data + s->head, take);
		s->head += take;
		s->bytes_out += take;
		if (s->head == s->queue->len) {
			g_byte_array_set_size(s->queue, 0);
			s->head = 0;
		} else if (s->head >= COMPACT_FROM) {
			g_byte_array_remove_range(s->queue, 0, (guint)s->head);
			s->head = 0;
		}
		n = (ssize_t)take;
	} else if (s->closed) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else if (!s->suspended && s->conn) {
		s->suspended = TRUE;
		MHD_suspend_connection(s->conn);
	}
	g_mutex_unlock(&s->lock);
	return n;
}

/* MHD is done with the response (body ended, client gone, or daemon stopping). */
static void stream_free(void *cls)
{
	HttpStream *s = cls;

	stream_end(s);
	http_stream_unref(s);
}

struct MHD_Response *http_stream_response(HttpRequest *req, HttpStream *s)
{
	HttpServer *srv = req->server;
	struct MHD_Response *r;

	g_mutex_lock(&srv->streams_lock);
	g_mutex_lock(&s->lock);
	s->conn = req->conn;
	s->queued = TRUE;
	if (srv->stopping) {
		s->closed = TRUE; /* whatever was queued goes out, then the body ends */
	} else if (!s->ended) {
		s->server = srv;
		g_hash_table_add(srv->streams, s);
	}
	g_mutex_unlock(&s->lock);
	g_mutex_unlock(&srv->streams_lock);

	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, READ_BLOCK, stream_read,
	                                      http_stream_ref(s), stream_free);
	if (r == NULL)
		stream_free(s);
	return r;
}

void http_stream_release(HttpStream *s)
{
	gboolean queued;

	g_mutex_lock(&s->lock);
	queued = s->queued;
	g_mutex_unlock(&s->lock);
	if (!queued)
		stream_end(s);
	http_stream_unref(s);
}

guint64 http_stream_bytes_out(HttpStream *s)
{
	guint64 n;

	g_mutex_lock(&s->lock);
	n = s->bytes_out;
	g_mutex_unlock(&s->lock);
	return n;
}

void http_streams_init(HttpServer *srv)
{
	g_mutex_init(&srv->streams_lock);
	srv->streams = g_hash_table_new(NULL, NULL);
}

void http_streams_close_all(HttpServer *srv)
{
	GHashTableIter it;
	gpointer s;
	guint n;

	g_mutex_lock(&srv->streams_lock);
	srv->stopping = TRUE;
	n = g_hash_table_size(srv->streams);
	g_hash_table_iter_init(&it, srv->streams);
	while (g_hash_table_iter_next(&it, &s, NULL))
		http_stream_close(s);
	g_mutex_unlock(&srv->streams_lock);
	if (n)
		g_message("closed %u open streams", n);
}

void http_streams_free(HttpServer *srv)
{
	g_hash_table_unref(srv->streams);
	g_mutex_clear(&srv->streams_lock);
}
