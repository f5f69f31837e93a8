/*
 * Static files: content types by extension, strong ETags, conditional GETs.
 */
#include "http/http_internal.h"

#include <string.h>

static const char *const types[][2] = {
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".html", "text/html; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".pdf", "application/pdf"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {".ics", "text/calendar; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
};

const char *http_content_type_for(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	for (gsize i = 0; dot && i < G_N_ELEMENTS(types); i++)
		if (g_ascii_strcasecmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/* TRUE when an If-None-Match header value lists ETAG (or is "*"). */
static gboolean etag_matches(const char *header, const char *etag)
{
	gboolean hit = FALSE;
	char **tags;

	if (header == NULL)
		return FALSE;
	tags = g_strsplit(header, ",", 64);
	for (int i = 0; tags[i] && !hit; i++) {
		char *t = g_strstrip(tags[i]);
		if (g_str_has_prefix(t, "W/"))
			t += 2;
		hit = g_str_equal(t, etag) || g_str_equal(t, "*");
	}
	g_strfreev(tags);
	return hit;
}

char *http_etag_for(GBytes *bytes)
{
	gsize len;
	const void *data = g_bytes_get_data(bytes, &len);
	char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
	char *etag = g_strdup_printf("\"%.32s\"", sum);

	g_free(sum);
	return etag;
}

void http_reply_static(HttpRequest *req, HttpResponse *res, const char *name, GBytes *bytes,
                       const char *etag, int max_age)
{
	char *cc = g_strdup_printf("public, max-age=%d", max_age);

	if (etag_matches(http_header(req, MHD_HTTP_HEADER_IF_NONE_MATCH), etag))
		http_reply_bytes(res, 304, NULL, NULL);
	else
		http_reply_bytes(res, 200, http_content_type_for(name), g_bytes_ref(bytes));
	http_add_header(res, "ETag", etag);
	http_add_header(res, "Cache-Control", cc);
	g_free(cc);
}
