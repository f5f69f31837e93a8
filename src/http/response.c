/*
 * Responses: what handlers fill in, and how the server turns it into an MHD response.
 */
#include "core/core.h"
#include "http/http_internal.h"

#include <string.h>

/* Headers every response carries: no inline script or style, no framing, no sniffing. */
static const char *const security_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
};

void http_response_clear(HttpResponse *res)
{
	g_free(res->content_type);
	if (res->body)
		g_bytes_unref(res->body);
	if (res->headers)
		g_ptr_array_free(res->headers, TRUE);
	json_decref(res->model);
	g_free(res->tpl);
	if (res->stream)
		http_stream_release(res->stream);
	memset(res, 0, sizeof *res);
}

static HttpRequest *req_of(HttpResponse *res)
{
	return (HttpRequest *)((char *)res - offsetof(HttpRequest, res));
}

gboolean http_replied(HttpResponse *res)
{
	return res->status != 0;
}

void http_reply_bytes(HttpResponse *res, int status, const char *content_type, GBytes *body)
{
	GPtrArray *keep = res->headers;

	res->headers = NULL;
	http_response_clear(res);
	res->headers = keep;
	res->status = status;
	res->content_type = g_strdup(content_type);
	res->body = body;
}

void http_reply_json(HttpResponse *res, int status, json_t *model)
{
	char *text = json_dumps(model, JSON_COMPACT);
	gsize len = text ? strlen(text) : 0;

	json_decref(model);
	http_reply_bytes(res, status, "application/json; charset=utf-8",
	                 g_bytes_new_take(text, len));
}

void http_reply_model(HttpResponse *res, int status, json_t *model, const char *tpl)
{
	HttpRequest *req = req_of(res);

	if (http_is_api(req) || tpl == NULL) {
		http_reply_json(res, status, model);
		return;
	}
	http_reply_bytes(res, status, "text/html; charset=utf-8", NULL);
	res->model = model;
	res->tpl = g_strdup(tpl);
}

void http_reply_error(HttpResponse *res, int status, const char *code, const char *msgid,
                      const char *field)
{
	HttpRequest *req = req_of(res);
	json_t *err = json_pack("{s:s, s:s}", "code", code, "message", http_tr(req, msgid));

	if (field)
		json_object_set_new(err, "field", json_string(field));
	if (http_is_api(req)) {
		http_reply_json(res, status, json_pack("{s:o}", "error", err));
	} else {
		json_object_set_new(err, "status", json_integer(status));
		http_reply_model(
		    res, status,
		    json_pack("{s:o, s:s}", "error", err, "title", http_tr(req, msgid)), "error");
	}
	res->is_error = TRUE;
}

void http_reply_redirect(HttpResponse *res, int status, const char *location)
{
	http_reply_bytes(res, status ? status : 303, "text/plain; charset=utf-8", NULL);
	http_add_header(res, "Location", location);
}

void http_add_header(HttpResponse *res, const char *name, const char *value)
{
	if (res->headers == NULL)
		res->headers = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(res->headers, g_strdup(name));
	g_ptr_array_add(res->headers, g_strdup(value));
}

/* Renders a page answer through the hook; falls back to a bare error page when it fails. */
static void render_page(HttpRequest *req, HttpResponse *res)
{
	const HttpHooks *hooks = &req->server->cfg.hooks;
	GError *err = NULL;
	char *html = NULL;

	if (hooks->render_page)
		html = hooks->render_page(req, res->tpl, res->model, &err);
	if (html == NULL) {
		g_warning("render %s: %s", res->tpl, err ? err->message : "no renderer");
		g_clear_error(&err);
		html = g_strdup_printf("<!doctype html><meta charset=utf-8><title>500</title>"
		                       "<h1>500</h1><p>%s</p>",
		                       http_tr(req, N_("The page could not be shown.")));
		res->status = 500;
	}
	if (res->body)
		g_bytes_unref(res->body);
	res->body = g_bytes_new_take(html, strlen(html));
}

enum MHD_Result http_response_queue(HttpRequest *req)
{
	HttpResponse *res = &req->res;
	struct MHD_Response *r;
	enum MHD_Result ret;
	gsize len = 0;
	const void *data;

	if (res->status == 0)
		http_reply_error(res, 500, "internal_error", N_("The server did not answer."),
		                 NULL);
	if (res->tpl)
		render_page(req, res);
	if (res->stream) {
		r = http_stream_response(req, res->stream);
	} else {
		data = res->body ? g_bytes_get_data(res->body, &len) : "";
		/* The body stays owned by RES, which lives until the request-completed callback. */
		r = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
	}
	if (r == NULL)
		return MHD_NO;
	if (res->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
	for (gsize i = 0; i < G_N_ELEMENTS(security_headers); i++)
		MHD_add_response_header(r, security_headers[i][0], security_headers[i][1]);
	for (guint i = 0; res->headers && i + 1 < res->headers->len; i += 2)
		MHD_add_response_header(r, res->headers->pdata[i], res->headers->pdata[i + 1]);
	req->bytes_out = len;
	req->answered = TRUE;
	ret = MHD_queue_response(req->conn, (unsigned)res->status, r);
	MHD_destroy_response(r);
	return ret;
}
