/*
 * Route matching over the program's route table: segment by segment, literals exactly,
 * "{name}" one non-empty segment, a final "{name*}" the (non-empty) rest of the path.
 */
#include "http/http.h"

#include <string.h>

/* Matches PATTERN against PATH; on success stores parameters into PARAMS (when not NULL). */
static gboolean pattern_match(const char *pattern, const char *path, GHashTable *params)
{
	const char *p = pattern, *s = path;

	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			gboolean rest;
			const char *end;
			gsize nlen;

			if (close == NULL)
				return FALSE;
			rest = close > p + 1 && close[-1] == '*';
			nlen = (gsize)(close - p - 1) - (rest ? 1 : 0);
			end = rest ? s + strlen(s) : strchrnul(s, '/');
			if (!rest && close[1] != '/' && close[1] != '\0') {
				/* "{id}.png": the parameter stops before the segment's literal
				 * suffix. */
				gsize slen = (gsize)(strchrnul(close + 1, '/') - (close + 1));
				if ((gsize)(end - s) <= slen ||
				    strncmp(end - slen, close + 1, slen) != 0)
					return FALSE;
				end -= slen;
			}
			if (end == s)
				return FALSE;
			if (params)
				g_hash_table_replace(params, g_strndup(p + 1, nlen),
				                     g_strndup(s, (gsize)(end - s)));
			p = close + 1;
			s = end;
			continue;
		}
		if (*p != *s)
			return FALSE;
		p++, s++;
	}
	return *p == '\0' && *s == '\0';
}

HttpMatch http_route_match(const HttpRoute *routes, gsize n, const char *method, const char *path,
                           const HttpRoute **out, GHashTable *params, GString *allow)
{
	gboolean path_known = FALSE;
	const char *want = g_str_equal(method, "HEAD") ? "GET" : method;

	for (gsize i = 0; i < n; i++) {
		if (!pattern_match(routes[i].pattern, path, NULL))
			continue;
		path_known = TRUE;
		if (g_str_equal(routes[i].method, want)) {
			if (params)
				pattern_match(routes[i].pattern, path, params);
			*out = &routes[i];
			return HTTP_MATCH_OK;
		}
	}
	if (!path_known)
		return HTTP_MATCH_NONE;
	if (allow) {
		g_string_truncate(allow, 0);
		for (gsize i = 0; i < n; i++) {
			if (!pattern_match(routes[i].pattern, path, NULL))
				continue;
			if (allow->len && strstr(allow->str, routes[i].method))
				continue;
			if (allow->len)
				g_string_append(allow, ", ");
			g_string_append(allow, routes[i].method);
			if (g_str_equal(routes[i].method, "GET"))
				g_string_append(allow, ", HEAD");
		}
	}
	return HTTP_MATCH_BAD_METHOD;
}
