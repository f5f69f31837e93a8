/*
 * Requests: creation from an MHD connection, and the accessors handlers use.
 */
#include "core/core.h"
#include "http/http_internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

/* Copies MHD's values of one kind into TABLE, keeping the first value of each name. */
static enum MHD_Result collect_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	GHashTable *table = cls;

	if (key && !g_hash_table_contains(table, key))
		g_hash_table_insert(table, g_strdup(key), g_strdup(value ? value : ""));
	return MHD_YES;
}

static char *remote_text(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "";

	if (ci == NULL || ci->client_addr == NULL)
		return g_strdup("-");
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, buf,
		          sizeof buf);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, buf,
		          sizeof buf);
	return g_strdup(*buf ? buf : "-");
}

/* The client's address: the peer's, unless the peer is a trusted proxy that names the client in
 * X-Real-IP or (last entry of) X-Forwarded-For — the entry that proxy itself appended. */
static char *client_address(HttpServer *srv, struct MHD_Connection *conn)
{
	char *peer = remote_text(conn);
	const char *real, *xff;
	gboolean trusted = FALSE;

	for (char **p = srv->cfg.trusted_proxies; p && *p && !trusted; p++)
		trusted = g_str_equal(*p, peer);
	if (!trusted)
		return peer;
	real = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
	xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
	if (real && *real && strlen(real) < 64 && g_hostname_is_ip_address(real)) {
		g_free(peer);
		return g_strdup(real);
	}
	if (xff && *xff) {
		const char *last = strrchr(xff, ',');
		char *addr = g_strstrip(g_strdup(last ? last + 1 : xff));
		if (strlen(addr) < 64 && g_hostname_is_ip_address(addr)) {
			g_free(peer);
			return addr;
		}
		g_free(addr);
	}
	return peer;
}

static GHashTable *str_table(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

HttpRequest *http_request_new(HttpServer *srv, struct MHD_Connection *conn, const char *method,
                              const char *url)
{
	HttpRequest *req = g_new0(HttpRequest, 1);

	req->conn = conn;
	req->server = srv;
	req->method = g_strdup(method);
	req->path = g_strdup(url);
	req->started_us = core_now_us();
	req->params = str_table();
	req->query = str_table();
	req->form = str_table();
	req->cookies = str_table();
	req->uploads = g_ptr_array_new();
	req->cur_fd = -1;
	req->remote = client_address(srv, conn);
	req->allow = g_string_new(NULL);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_value, req->query);
	MHD_get_connection_values(conn, MHD_COOKIE_KIND, collect_value, req->cookies);
	req->lang = core_lang_pick(
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
	return req;
}

void http_request_free(HttpRequest *req)
{
	if (req == NULL)
		return;
	if (req->pp)
		MHD_destroy_post_processor(req->pp);
	if (req->cur_fd >= 0)
		close(req->cur_fd);
	for (guint i = 0; i < req->uploads->len; i++) {
		HttpUpload *u = req->uploads->pdata[i];
		if (u->path)
			unlink(u->path);
		g_free(u->field);
		g_free(u->filename);
		g_free(u->content_type);
		g_free(u->path);
		g_free(u);
	}
	g_ptr_array_free(req->uploads, TRUE);
	if (req->user && req->user_destroy)
		req->user_destroy(req->user);
	g_hash_table_destroy(req->params);
	g_hash_table_destroy(req->query);
	g_hash_table_destroy(req->form);
	g_hash_table_destroy(req->cookies);
	if (req->raw)
		g_string_free(req->raw, TRUE);
	g_string_free(req->allow, TRUE);
	json_decref(req->json);
	http_response_clear(&req->res);
	g_free(req->method);
	g_free(req->path);
	g_free(req->remote);
	g_free(req);
}

const char *http_method(HttpRequest *req)
{
	return req->method;
}

const char *http_path(HttpRequest *req)
{
	return req->path;
}

gboolean http_is_api(HttpRequest *req)
{
	return g_str_has_prefix(req->path, "/api/");
}

const char *http_header(HttpRequest *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(HttpRequest *req, const char *name)
{
	return g_hash_table_lookup(req->cookies, name);
}

const char *http_query(HttpRequest *req, const char *name)
{
	return g_hash_table_lookup(req->query, name);
}

const char *http_form(HttpRequest *req, const char *name)
{
	return g_hash_table_lookup(req->form, name);
}

const char *http_param(HttpRequest *req, const char *name)
{
	return g_hash_table_lookup(req->params, name);
}

gboolean http_param_id(HttpRequest *req, const char *name, gint64 *out)
{
	const char *text = http_param(req, name);
	char *end = NULL;
	gint64 v;

	if (text == NULL || !g_ascii_isdigit(*text))
		return FALSE;
	v = g_ascii_strtoll(text, &end, 10);
	if (*end != '\0' || v <= 0 || v == G_MAXINT64)
		return FALSE;
	*out = v;
	return TRUE;
}

json_t *http_json(HttpRequest *req)
{
	return req->json;
}

GPtrArray *http_uploads(HttpRequest *req)
{
	return req->uploads;
}

const char *http_remote_addr(HttpRequest *req)
{
	return req->remote;
}

const char *http_lang(HttpRequest *req)
{
	return req->lang;
}

const char *http_tr(HttpRequest *req, const char *msgid)
{
	return core_tr(req->lang, msgid);
}

void *http_app(HttpRequest *req)
{
	return req->server->cfg.app;
}

void http_set_user(HttpRequest *req, void *user, GDestroyNotify destroy)
{
	if (req->user && req->user_destroy)
		req->user_destroy(req->user);
	req->user = user;
	req->user_destroy = destroy;
}

void *http_user(HttpRequest *req)
{
	return req->user;
}
