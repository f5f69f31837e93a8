/*
 * http — a small web server library over libmicrohttpd. It knows nothing of mishu's modules:
 * the program hands it a route table and a few hooks (guard, page renderer) at start-up.
 *
 * Life of a request: the server matches the route (404/405 before any body is read), checks the
 * declared body kind and size (415/413), parses the body (urlencoded or multipart form, JSON),
 * cleans every form field and JSON string as typed text (core_text_clean: white space of any
 * kind trimmed, full-width digits of a number in ASCII; passwords kept as typed), calls the guard
 * hook (authentication, permission, CSRF — decided from the route's columns), then
 * the handler. A handler fills an HttpResponse, usually with a JSON model and a template name:
 * the server answers API requests with the JSON and page requests with the rendered template.
 */
#ifndef MISHU_HTTP_H
#define MISHU_HTTP_H

#include <glib.h>
#include <jansson.h>

typedef struct HttpRequest HttpRequest;
typedef struct HttpResponse HttpResponse;
typedef struct HttpServer HttpServer;
typedef struct HttpRoute HttpRoute;

/* Every handler has this signature; it fills RES. */
typedef void (*HttpHandler)(HttpRequest *req, HttpResponse *res);

/* Route flags: what body a route takes and how it is protected. */
enum {
	HTTP_BODY_JSON = 1 << 0,   /* application/json body (optional unless HTTP_BODY_REQUIRED) */
	HTTP_BODY_FORM = 1 << 1,   /* application/x-www-form-urlencoded or multipart/form-data */
	HTTP_BODY_UPLOAD = 1 << 2, /* multipart with files, each up to the upload limit */
	HTTP_BODY_REQUIRED = 1 << 3,
	HTTP_CSRF = 1 << 4, /* state-changing: the guard checks the CSRF token */
};

/* One row of the route table. PATTERN segments are literals or "{name}"; a final "{name*}"
 * matches the rest of the path. PERM is the permission the guard requires (NULL: public). */
struct HttpRoute {
	const char *method;
	const char *pattern;
	HttpHandler handler;
	const char *perm;
	unsigned flags;
};

/* A file part of a multipart form, spooled to a temporary file while it streams in. */
typedef struct HttpUpload {
	char *field;
	char *filename;
	char *content_type;
	char *path; /* temporary file, removed when the request ends */
	gsize size;
} HttpUpload;

/* Hooks the program supplies; all may be NULL. */
typedef struct HttpHooks {
	/* Decides whether REQ may run ROUTE; returns FALSE after filling RES with the refusal. */
	gboolean (*guard)(HttpRequest *req, const HttpRoute *route, HttpResponse *res);
	/* Renders TEMPLATE with MODEL as an HTML page for REQ; returns g_malloc'd HTML or NULL. */
	char *(*render_page)(HttpRequest *req, const char *tpl, json_t *model, GError **err);
	/* Called for every request once it is answered (after logging). */
	void (*request_done)(HttpRequest *req);
} HttpHooks;

typedef struct HttpConfig {
	const char *host; /* listen address, "127.0.0.1" by default */
	int port;         /* 0 picks a free port */
	int threads;      /* worker threads; 0 means one per core */
	gsize max_body;   /* forms and JSON bodies; default 1 MiB */
	gsize max_upload; /* each uploaded file; default 32 MiB */
	/* Peer addresses of reverse proxies whose X-Real-IP / X-Forwarded-For name the client
	 * (NULL-terminated; NULL: trust none, the TCP peer is the client). */
	char **trusted_proxies;
	const HttpRoute *routes;
	gsize n_routes;
	HttpHooks hooks;
	void *app; /* the program's context, reachable from every request */
} HttpConfig;

/* ---- server (server.c) -------------------------------------------------------------------- */

/* Starts listening; NULL with ERR when the address cannot be bound. */
HttpServer *http_server_start(const HttpConfig *cfg, GError **err);
/* The port actually bound (useful with port 0). */
int http_server_port(HttpServer *srv);
/* Stops accepting, lets in-flight requests finish (at most TIMEOUT_MS), then stops and frees. */
void http_server_stop(HttpServer *srv, int timeout_ms);

/* ---- requests (request.c) ----------------------------------------------------------------- */

const char *http_method(HttpRequest *req);
const char *http_path(HttpRequest *req);
/* TRUE for requests to the JSON API (path under /api/). */
gboolean http_is_api(HttpRequest *req);
/* A request header (case-insensitive), a cookie, a query argument, a form field or a path
 * parameter; NULL when absent. Strings live as long as the request. */
const char *http_header(HttpRequest *req, const char *name);
const char *http_cookie(HttpRequest *req, const char *name);
const char *http_query(HttpRequest *req, const char *name);
const char *http_form(HttpRequest *req, const char *name);
const char *http_param(HttpRequest *req, const char *name);
/* Parses path parameter NAME as a positive integer id into *OUT; FALSE when it is not one. */
gboolean http_param_id(HttpRequest *req, const char *name, gint64 *out);
/* The parsed JSON body (always an object: the server answers 422 to any other JSON value), or
 * NULL when there was none. Borrowed. */
json_t *http_json(HttpRequest *req);
/* Uploaded files (HttpUpload *), possibly empty. */
GPtrArray *http_uploads(HttpRequest *req);
/* The client's address as text: the TCP peer, or the address a trusted proxy reports. */
const char *http_remote_addr(HttpRequest *req);
/* The UI language chosen from Accept-Language: "zh-CN" or "en". */
const char *http_lang(HttpRequest *req);
/* Translates MSGID into the request's language. */
const char *http_tr(HttpRequest *req, const char *msgid);
/* The program's context given in HttpConfig.app. */
void *http_app(HttpRequest *req);
/* A slot for the guard to attach the signed-in user (freed with DESTROY at the end). */
void http_set_user(HttpRequest *req, void *user, GDestroyNotify destroy);
void *http_user(HttpRequest *req);

/* ---- responses (response.c) --------------------------------------------------------------- */

/* Answers with MODEL (stolen): JSON for API requests, the template TPL rendered through the
 * render_page hook for pages. */
void http_reply_model(HttpResponse *res, int status, json_t *model, const char *tpl);
/* Answers with MODEL (stolen) as JSON whatever the request. */
void http_reply_json(HttpResponse *res, int status, json_t *model);
/* Answers with a body of the given content type (BODY stolen, may be NULL). */
void http_reply_bytes(HttpResponse *res, int status, const char *content_type, GBytes *body);
/* An error: {"error":{"code","message","field"}} for the API, the HTML error page otherwise.
 * MSGID is an English msgid translated into the request's language; FIELD may be NULL. */
void http_reply_error(HttpResponse *res, int status, const char *code, const char *msgid,
                      const char *field);
/* A redirect (303 See Other unless STATUS says otherwise). */
void http_reply_redirect(HttpResponse *res, int status, const char *location);
/* Adds a response header (several with one name are kept). */
void http_add_header(HttpResponse *res, const char *name, const char *value);
/* TRUE once the handler has answered. */
gboolean http_replied(HttpResponse *res);

/* ---- route matching (route.c) ------------------------------------------------------------- */

typedef enum { HTTP_MATCH_NONE, HTTP_MATCH_OK, HTTP_MATCH_BAD_METHOD } HttpMatch;

/* Finds the route for METHOD and PATH. On HTTP_MATCH_OK sets *OUT and fills PARAMS (may be NULL)
 * with the path parameters (g_strdup'd keys and values). On HTTP_MATCH_BAD_METHOD fills ALLOW
 * (may be NULL) with the methods the path takes, as "GET, POST". HEAD matches GET routes. */
HttpMatch http_route_match(const HttpRoute *routes, gsize n, const char *method, const char *path,
                           const HttpRoute **out, GHashTable *params, GString *allow);

/* ---- static files (static.c) -------------------------------------------------------------- */

/* The content type for a file name by its extension. Static string. */
const char *http_content_type_for(const char *name);
/* A strong ETag for BYTES (quoted hex digest). Caller g_free()s. */
char *http_etag_for(GBytes *bytes);
/* Answers with BYTES (borrowed) as the static file NAME: content type by extension, ETAG,
 * Cache-Control (MAX_AGE seconds), 304 when If-None-Match matches. */
void http_reply_static(HttpRequest *req, HttpResponse *res, const char *name, GBytes *bytes,
                       const char *etag, int max_age);

/* ---- streams (stream.c) ------------------------------------------------------------------- */

/*
 * A streamed answer (server-sent events, long downloads): the handler calls http_reply_stream and
 * keeps the stream; any thread then sends bytes with http_stream_send until someone calls
 * http_stream_close, the client goes away or the server stops. While nothing is queued the
 * connection is suspended, so an idle stream holds no thread. Streams are refcounted and every
 * call below is thread-safe. A suspended connection never notices a vanished client: its owner
 * should send something (an SSE comment) every 15-25 s.
 */
typedef struct HttpStream HttpStream;

/* Runs once when a stream has ended for good (the connection is done with it). UD as given. */
typedef void (*HttpStreamCloseFunc)(HttpStream *s, void *ud);

/* The most bytes a stream queues for a slow client; a send beyond it closes the stream. */
#define HTTP_STREAM_MAX_QUEUE (1024 * 1024)

/* Answers 200 with a stream of CONTENT_TYPE (headers Cache-Control: no-store and
 * X-Accel-Buffering: no, plus the usual security headers). Returns the stream, owned by the
 * response: take http_stream_ref to keep it past the handler. Bytes sent before the handler
 * returns are the first the client gets. Replying anything else afterwards drops the stream. */
HttpStream *http_reply_stream(HttpResponse *res, const char *content_type);
/* Queues LEN bytes of DATA (copied) and wakes the connection. FALSE when the stream is closed,
 * or when the queue would pass HTTP_STREAM_MAX_QUEUE: then the stream is closed at once. */
gboolean http_stream_send(HttpStream *s, const char *data, gsize len);
/* Ends the stream once the queued bytes are out. Idempotent. */
void http_stream_close(HttpStream *s);
/* TRUE until the stream is closed (by anyone, including the client going away). */
gboolean http_stream_is_open(HttpStream *s);
/*
 * Sets CB (NULL clears it) to run once when S ends for good; it runs on whichever thread ends
 * the stream, without any lock of the stream held. Returns FALSE, setting nothing, when S has
 * already ended. When it returns, a previous callback is not running any more and never will
 * (it waits for one in progress, so never call it from inside the callback).
 */
gboolean http_stream_set_close_cb(HttpStream *s, HttpStreamCloseFunc cb, void *ud);
HttpStream *http_stream_ref(HttpStream *s);
void http_stream_unref(HttpStream *s);

#endif
