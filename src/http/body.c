/*
 * Request bodies as they stream in: JSON collected up to the body limit, urlencoded and
 * multipart forms through MHD's post processor, uploaded files spooled to temporary files with
 * a per-file limit. Nothing here answers the client; the server maps body_state to 4xx.
 */
#include "http/http_internal.h"
#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define PP_BUFFER 16384

/* TRUE when the header value names MIME type TYPE (parameters after ';' ignored). */
static gboolean ctype_is(const char *value, const char *type)
{
	gsize n = strlen(type);

	while (value && *value == ' ')
		value++;
	return value && g_ascii_strncasecmp(value, type, n) == 0 &&
	       (value[n] == '\0' || value[n] == ';' || value[n] == ' ');
}

static gboolean ctype_is_json(const char *value)
{
	const char *semi;

	if (ctype_is(value, "application/json"))
		return TRUE;
	/* application/problem+json, application/merge-patch+json … */
	semi = value ? strchrnul(value, ';') : NULL;
	return semi && g_str_has_prefix(value, "application/") && semi - value > 5 &&
	       g_ascii_strncasecmp(semi - 5, "+json", 5) == 0;
}

static gboolean refuse(HttpRequest *req, BodyState why)
{
	if (req->body_state == BODY_OK)
		req->body_state = why;
	return FALSE;
}

/* Starts a new spooled file for a multipart part. */
static gboolean upload_open(HttpRequest *req, const char *key, const char *filename,
                            const char *content_type)
{
	HttpUpload *u = g_new0(HttpUpload, 1);
	GError *err = NULL;

	if (req->cur_fd >= 0)
		close(req->cur_fd);
	req->cur_fd = g_file_open_tmp("mishu-upload-XXXXXX", &u->path, &err);
	u->field = g_strdup(key);
	u->filename = g_strdup(filename);
	u->content_type = g_strdup(content_type ? content_type : "application/octet-stream");
	g_ptr_array_add(req->uploads, u);
	req->cur_upload = u;
	if (req->cur_fd < 0) {
		g_warning("upload: %s", err->message);
		g_error_free(err);
		return refuse(req, BODY_IO_ERROR);
	}
	return TRUE;
}

static gboolean upload_write(HttpRequest *req, const char *data, size_t size)
{
	HttpUpload *u = req->cur_upload;

	if (u->size + size > req->server->cfg.max_upload)
		return refuse(req, BODY_TOO_LARGE);
	while (size > 0) {
		ssize_t w = write(req->cur_fd, data, size);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return refuse(req, BODY_IO_ERROR);
		data += w;
		size -= (size_t)w;
		u->size += (gsize)w;
	}
	return TRUE;
}

/* MHD post-processor callback: appends field chunks (they arrive in pieces with growing
 * offsets) and spools file parts. */
static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *filename, const char *content_type,
                                 const char *transfer_encoding, const char *data, uint64_t off,
                                 size_t size)
{
	HttpRequest *req = cls;

	if (key == NULL)
		return MHD_YES;
	if (filename != NULL) {
		if (!(req->route->flags & HTTP_BODY_UPLOAD))
			return refuse(req, BODY_BAD_TYPE) ? MHD_YES : MHD_NO;
		/* a file input left empty: the browser sends a part named "" — no file chosen */
		if (*filename == '\0')
			return MHD_YES;
		/* a part after the first may begin with an empty call at offset 0 and then bring
		 * its first bytes at offset 0 again: still the same part */
		if (off == 0 &&
		    !(req->cur_upload && req->cur_upload->size == 0 &&
		      g_strcmp0(req->cur_upload->field, key) == 0 &&
		      g_strcmp0(req->cur_upload->filename, filename) == 0) &&
		    !upload_open(req, key, filename, content_type))
			return MHD_NO;
		if (req->cur_upload == NULL)
			return MHD_NO;
		return size == 0 || upload_write(req, data, size) ? MHD_YES : MHD_NO;
	}
	req->form_bytes += size + (off == 0 ? strlen(key) : 0);
	if (req->form_bytes > req->server->cfg.max_body)
		return refuse(req, BODY_TOO_LARGE) ? MHD_YES : MHD_NO;
	if (off == 0 || !g_hash_table_contains(req->form, key)) {
		g_hash_table_replace(req->form, g_strdup(key), g_strndup(data ? data : "", size));
	} else {
		char *old = g_hash_table_lookup(req->form, key);
		char *joined = g_malloc(strlen(old) + size + 1);
		memcpy(joined, old, strlen(old));
		memcpy(joined + strlen(old), data, size);
		joined[strlen(old) + size] = '\0';
		g_hash_table_replace(req->form, g_strdup(key), joined);
	}
	return MHD_YES;
}

gboolean http_body_begin(HttpRequest *req)
{
	const char *ctype = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *clen = http_header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = http_header(req, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	unsigned flags = req->route->flags;
	guint64 len = clen ? g_ascii_strtoull(clen, NULL, 10) : 0;
	gsize limit = req->server->cfg.max_body;
	const char *expect = http_header(req, MHD_HTTP_HEADER_EXPECT);
	gboolean has_body = len > 0 || (te && g_ascii_strcasecmp(te, "chunked") == 0);

	req->declared_len = len;
	req->expect_continue = expect && g_ascii_strcasecmp(expect, "100-continue") == 0;

	if (!has_body)
		return TRUE;
	if ((flags & HTTP_BODY_JSON) && ctype_is_json(ctype)) {
		req->kind = KIND_JSON;
	} else if ((flags & (HTTP_BODY_FORM | HTTP_BODY_UPLOAD)) &&
	           ctype_is(ctype, "application/x-www-form-urlencoded")) {
		req->kind = KIND_URLENCODED;
	} else if ((flags & (HTTP_BODY_FORM | HTTP_BODY_UPLOAD)) &&
	           ctype_is(ctype, "multipart/form-data")) {
		req->kind = KIND_MULTIPART;
		if (flags & HTTP_BODY_UPLOAD)
			limit = req->server->cfg.max_upload + req->server->cfg.max_body;
	} else {
		return refuse(req, BODY_BAD_TYPE);
	}
	if (len > limit)
		return refuse(req, BODY_TOO_LARGE);
	if (req->kind == KIND_JSON) {
		req->raw = g_string_sized_new(len > 0 && len < 65536 ? (gsize)len : 1024);
		return TRUE;
	}
	req->pp = MHD_create_post_processor(req->conn, PP_BUFFER, form_iter, req);
	if (req->pp == NULL)
		return refuse(req, BODY_MALFORMED);
	return TRUE;
}

gboolean http_body_feed(HttpRequest *req, const char *data, gsize size)
{
	if (req->body_state != BODY_OK)
		return FALSE; /* already refused: the rest is discarded */
	if (req->kind == KIND_JSON) {
		if (req->raw->len + size > req->server->cfg.max_body)
			return refuse(req, BODY_TOO_LARGE);
		g_string_append_len(req->raw, data, (gssize)size);
		return TRUE;
	}
	if (req->pp == NULL)
		return refuse(req, BODY_BAD_TYPE);
	if (MHD_post_process(req->pp, data, size) != MHD_YES)
		return refuse(req, BODY_MALFORMED);
	return req->body_state == BODY_OK;
}

/* Checks that every form field is valid UTF-8: the rest of the program may rely on it. */
static gboolean form_is_utf8(HttpRequest *req)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, req->form);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (!g_utf8_validate(k, -1, NULL) || !g_utf8_validate(v, -1, NULL))
			return FALSE;
	return TRUE;
}

/* TRUE for a field whose value is kept exactly as typed: a password may begin or end with a
 * space. */
static gboolean kept_as_typed(const char *name)
{
	return name && strstr(name, "password") != NULL;
}

/* Cleans every form field as typed text (core_text_clean), passwords excepted. */
static void form_clean(HttpRequest *req)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, req->form);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (!kept_as_typed(k))
			g_hash_table_iter_replace(&it, core_text_clean(v));
}

/* Cleans every string in the JSON value V as typed text (core_text_clean), at any depth; the
 * values of members named like a password are kept. */
static void json_clean(json_t *v)
{
	const char *key;
	json_t *m;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach (v, key, m) {
			if (json_is_string(m) && !kept_as_typed(key)) {
				g_autofree char *t = core_text_clean(json_string_value(m));
				json_string_set(m, t);
			} else if (!json_is_string(m)) {
				json_clean(m);
			}
		}
	} else if (json_is_array(v)) {
		json_array_foreach (v, i, m) {
			if (json_is_string(m)) {
				g_autofree char *t = core_text_clean(json_string_value(m));
				json_string_set(m, t);
			} else {
				json_clean(m);
			}
		}
	}
}

gboolean http_body_end(HttpRequest *req)
{
	json_error_t jerr;

	if (req->body_state != BODY_OK)
		return FALSE;
	if (req->pp) {
		enum MHD_Result r = MHD_destroy_post_processor(req->pp);
		req->pp = NULL;
		if (req->cur_fd >= 0) {
			close(req->cur_fd);
			req->cur_fd = -1;
		}
		if (r != MHD_YES)
			return refuse(req, BODY_MALFORMED);
		if (!form_is_utf8(req))
			return refuse(req, BODY_MALFORMED);
		form_clean(req);
	}
	if (req->kind == KIND_JSON) {
		req->json = json_loadb(req->raw->str, req->raw->len, JSON_REJECT_DUPLICATES, &jerr);
		if (req->json == NULL)
			return refuse(req, BODY_MALFORMED);
		json_clean(req->json);
	}
	return TRUE;
}
