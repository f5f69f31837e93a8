/*
 * The server: libmicrohttpd with an internal thread pool over epoll. Each request goes
 * through route matching, body checks, body parsing, the guard and the handler, in that order;
 * the answer is queued on the call after the headers (never the first one, which would make
 * MHD close every keep-alive connection), and one access-log line is written when it is done.
 */
#include "core/core.h"
#include "http/http_internal.h"

#include <arpa/inet.h>
#include <gio/gio.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_MAX_BODY   (1024 * 1024)
#define DEFAULT_MAX_UPLOAD (32 * 1024 * 1024)
/* A refused body up to this much over the limit is drained rather than cut off. */
#define DRAIN_MAX (8 * 1024 * 1024)

/* Answers a refused body with the status the contract gives each reason. */
static void refuse_body(HttpRequest *req)
{
	HttpResponse *res = &req->res;

	switch (req->body_state) {
	case BODY_TOO_LARGE:
		http_reply_error(res, 413, "payload_too_large",
		                 N_("The request body is larger than the server accepts."), NULL);
		break;
	case BODY_BAD_TYPE:
		http_reply_error(res, 415, "unsupported_media_type",
		                 req->route && (req->route->flags & HTTP_BODY_JSON)
		                     ? N_("Send the request body as application/json.")
		                     : N_("This address does not accept a body of this type."),
		                 NULL);
		break;
	case BODY_MALFORMED:
		if (req->kind == KIND_JSON)
			http_reply_error(res, 400, "invalid_json",
			                 N_("The request body is not valid JSON."), NULL);
		else
			http_reply_error(res, 400, "invalid_form",
			                 N_("The form data could not be read."), NULL);
		break;
	case BODY_IO_ERROR:
	default:
		http_reply_error(res, 500, "internal_error",
		                 N_("The upload could not be stored; try again."), NULL);
		break;
	}
}

/* Runs the guard and the handler once the whole body is in. */
static void dispatch(HttpRequest *req)
{
	const HttpHooks *hooks = &req->server->cfg.hooks;

	if (req->match != HTTP_MATCH_OK && hooks->guard) {
		/* Error pages still show who is signed in: identify the caller as for a public
		 * route, and keep only the error answer. */
		static const HttpRoute anyone = {"GET", "", NULL, NULL, 0};
		if (!hooks->guard(req, &anyone, &req->res) || http_replied(&req->res))
			http_response_clear(&req->res);
	}
	if (req->match == HTTP_MATCH_NONE) {
		http_reply_error(&req->res, 404, "not_found",
		                 N_("There is nothing at this address."), NULL);
		return;
	}
	if (req->match == HTTP_MATCH_BAD_METHOD) {
		http_reply_error(&req->res, 405, "method_not_allowed",
		                 N_("This address does not take this method."), NULL);
		http_add_header(&req->res, "Allow", req->allow->str);
		return;
	}
	if (req->body_state != BODY_OK || !http_body_end(req)) {
		refuse_body(req);
		return;
	}
	if (req->json && !json_is_object(req->json)) {
		http_reply_error(&req->res, 422, "invalid",
		                 N_("The request body must be a JSON object."), NULL);
		return;
	}
	if ((req->route->flags & HTTP_BODY_REQUIRED) && req->json == NULL &&
	    req->kind != KIND_URLENCODED && req->kind != KIND_MULTIPART) {
		if (req->route->flags & HTTP_BODY_JSON)
			http_reply_error(&req->res, 400, "invalid_json",
			                 N_("This request needs a JSON body."), NULL);
		else
			http_reply_error(&req->res, 400, "invalid_form",
			                 N_("This request needs form data."), NULL);
		return;
	}
	if (hooks->guard && !hooks->guard(req, req->route, &req->res)) {
		if (!http_replied(&req->res))
			http_reply_error(&req->res, 403, "forbidden", N_("You may not do this."),
			                 NULL);
		return;
	}
	core_lang_use(req->lang); /* messages composed below the handler speak its language */
	req->route->handler(req, &req->res);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	HttpServer *srv = cls;
	HttpRequest *req = *con_cls;

	if (req == NULL) {
		req = http_request_new(srv, conn, method, url);
		*con_cls = req;
		g_atomic_int_inc(&srv->inflight);
		req->match = http_route_match(srv->cfg.routes, srv->cfg.n_routes, method, url,
		                              &req->route, req->params, req->allow);
		if (req->match == HTTP_MATCH_OK)
			http_body_begin(req);
		/* A body declared too large or of the wrong type is refused before it is sent when
		 * the client waits for "100 Continue" or the body is huge; a moderate one is read
		 * and discarded first, because many clients do not read an answer while sending. */
		if ((req->body_state == BODY_TOO_LARGE || req->body_state == BODY_BAD_TYPE) &&
		    (req->expect_continue || req->declared_len > srv->cfg.max_body + DRAIN_MAX)) {
			refuse_body(req);
			return http_response_queue(req);
		}
		return MHD_YES;
	}
	if (req->answered) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (req->match == HTTP_MATCH_OK)
			http_body_feed(req, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	dispatch(req);
	return http_response_queue(req);
}

/* Writes the access-log line and frees the request. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	HttpServer *srv = cls;
	HttpRequest *req = *con_cls;

	if (req == NULL)
		return;
	if (req->res.stream)
		req->bytes_out = http_stream_bytes_out(req->res.stream);
	g_message("%s %s %d %zu %" G_GINT64_FORMAT "us%s", req->method, req->path, req->res.status,
	          req->bytes_out, core_now_us() - req->started_us,
	          toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	if (srv->cfg.hooks.request_done)
		srv->cfg.hooks.request_done(req);
	http_request_free(req);
	*con_cls = NULL;
	g_atomic_int_dec_and_test(&srv->inflight);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char *msg = g_strdup_vprintf(fmt, ap);

	g_debug("mhd: %s", g_strchomp(msg));
	g_free(msg);
}

HttpServer *http_server_start(const HttpConfig *cfg, GError **err)
{
	HttpServer *srv = g_new0(HttpServer, 1);
	struct sockaddr_in addr = {0};
	const union MHD_DaemonInfo *info;
	unsigned threads;

	srv->cfg = *cfg;
	if (srv->cfg.max_body == 0)
		srv->cfg.max_body = DEFAULT_MAX_BODY;
	if (srv->cfg.max_upload == 0)
		srv->cfg.max_upload = DEFAULT_MAX_UPLOAD;
	threads = cfg->threads > 0 ? (unsigned)cfg->threads : g_get_num_processors();
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->host ? cfg->host : "127.0.0.1", &addr.sin_addr) != 1) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
		            "cannot listen on %s: not an IPv4 address", cfg->host);
		g_free(srv);
		return NULL;
	}
	http_streams_init(srv);
	srv->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
	        MHD_USE_ITC | MHD_USE_ERROR_LOG,
	    0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR, &addr,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    MHD_OPTION_CONNECTION_LIMIT, 2000u, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
	    MHD_OPTION_CONNECTION_MEMORY_INCREMENT, (size_t)8192, MHD_OPTION_LISTEN_BACKLOG_SIZE,
	    1024u, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv, MHD_OPTION_END);
	if (srv->daemon == NULL) {
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot listen on %s:%d",
		            cfg->host ? cfg->host : "127.0.0.1", cfg->port);
		http_streams_free(srv);
		g_free(srv);
		return NULL;
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : cfg->port;
	return srv;
}

int http_server_port(HttpServer *srv)
{
	return srv->port;
}

void http_server_stop(HttpServer *srv, int timeout_ms)
{
	gint64 deadline = core_now_us() + (gint64)timeout_ms * 1000;
	MHD_socket fd;

	if (srv == NULL)
		return;
	/* Open streams first: a suspended connection would hang MHD_stop_daemon. */
	http_streams_close_all(srv);
	fd = MHD_quiesce_daemon(srv->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	while (g_atomic_int_get(&srv->inflight) > 0 && core_now_us() < deadline)
		g_usleep(10 * 1000);
	if (g_atomic_int_get(&srv->inflight) > 0)
		g_warning("stopping with %d requests still open", g_atomic_int_get(&srv->inflight));
	MHD_stop_daemon(srv->daemon);
	http_streams_free(srv);
	g_free(srv);
}
