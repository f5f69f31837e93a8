/*
 * Structures shared by the files of src/http; nothing outside src/http includes this.
 */
#ifndef MISHU_HTTP_INTERNAL_H
#define MISHU_HTTP_INTERNAL_H

#include "http/http.h"

#include <microhttpd.h>

struct HttpResponse {
	int status; /* 0 until answered */
	char *content_type;
	GBytes *body;
	GPtrArray *headers; /* alternating name, value (g_strdup'd) */
	json_t *model;      /* for page answers rendered at the end */
	char *tpl;
	gboolean is_error;
	HttpStream *stream; /* a streamed answer (stream.c), or NULL */
};

/* Why a request body was refused while it streamed in. */
typedef enum {
	BODY_OK,
	BODY_TOO_LARGE,
	BODY_BAD_TYPE,
	BODY_MALFORMED,
	BODY_IO_ERROR,
} BodyState;

typedef enum { KIND_NONE, KIND_JSON, KIND_URLENCODED, KIND_MULTIPART } BodyKind;

struct HttpRequest {
	struct MHD_Connection *conn;
	HttpServer *server;
	const HttpRoute *route;
	char *method;
	char *path;
	const char *lang;
	char *remote;
	gint64 started_us;
	GHashTable *params; /* path parameters */
	GHashTable *query;  /* first value of each argument */
	GHashTable *form;   /* form fields */
	GHashTable *cookies;
	GPtrArray *uploads;
	json_t *json;
	/* body streaming */
	BodyKind kind;
	BodyState body_state;
	GString *raw; /* JSON body as it arrives */
	gsize form_bytes;
	struct MHD_PostProcessor *pp;
	HttpUpload *cur_upload; /* file part being written */
	int cur_fd;
	guint64 declared_len;     /* Content-Length, 0 when absent */
	gboolean expect_continue; /* "Expect: 100-continue" */
	HttpMatch match;
	GString *allow;
	gboolean answered;
	void *user;
	GDestroyNotify user_destroy;
	HttpResponse res;
	/* for the access log */
	gsize bytes_out;
};

struct HttpServer {
	struct MHD_Daemon *daemon;
	HttpConfig cfg;
	int port;
	gint inflight;
	GMutex streams_lock; /* guards streams and stopping (stream.c) */
	GHashTable *streams; /* the open streams handed to MHD (not owned) */
	gboolean stopping;   /* http_server_stop began: new streams end at once */
};

/* request.c */
HttpRequest *http_request_new(HttpServer *srv, struct MHD_Connection *conn, const char *method,
                              const char *url);
void http_request_free(HttpRequest *req);

/* body.c: feeds upload data; returns FALSE when the body was refused (req->body_state says why). */
gboolean http_body_begin(HttpRequest *req);
gboolean http_body_feed(HttpRequest *req, const char *data, gsize size);
gboolean http_body_end(HttpRequest *req);

/* response.c */
void http_response_clear(HttpResponse *res);
/* Turns REQ's answer into an MHD response and queues it; returns the MHD result. */
enum MHD_Result http_response_queue(HttpRequest *req);

/* stream.c */
void http_streams_init(HttpServer *srv);
/* Closes every open stream and resumes its connection, and makes streams answered from now on
 * end at once: call before stopping the daemon, which must not hold suspended connections. */
void http_streams_close_all(HttpServer *srv);
void http_streams_free(HttpServer *srv);
/* The MHD response for REQ's stream (NULL on failure); MHD holds a reference until it ends. */
struct MHD_Response *http_stream_response(HttpRequest *req, HttpStream *s);
/* Drops the response's reference; a stream never handed to MHD ends here. */
void http_stream_release(HttpStream *s);
/* Bytes handed to MHD so far (for the access log). */
guint64 http_stream_bytes_out(HttpStream *s);

#endif
