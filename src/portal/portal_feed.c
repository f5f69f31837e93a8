/*
 * portal_feed.c — GET /portal/{section}/feed.atom: a section's newest articles as an Atom
 * feed (RFC 4287): every text escaped as XML, dates in RFC 3339 in the office's zone.
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal_web.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

#define FEED_ENTRIES 20

/* The calendar date DATE ("YYYY-MM-DD") as its first moment in RFC 3339. g_free. */
static char *rfc3339(const char *date)
{
	GDate d;

	if (!core_date_parse(date, &d))
		return g_strdup("1970-01-01T00:00:00Z");
	return core_time_format(core_date_unix(&d), "%Y-%m-%dT%H:%M:%S%:z");
}

/* Appends <NAME>TEXT</NAME> to OUT with TEXT escaped. */
static void element(GString *out, const char *name, const char *text)
{
	g_autofree char *esc = g_markup_escape_text(text ? text : "", -1);

	g_string_append_printf(out, "<%s>%s</%s>\n", name, esc, name);
}

void portal_feed(HttpRequest *req, HttpResponse *res)
{
	const char *code = http_param(req, "section"), *host = http_header(req, "Host");
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	g_autoptr(json_t) section = NULL, list = NULL;
	g_autofree char *base = NULL, *updated = NULL, *self = NULL;
	GString *out;
	json_t *a;
	size_t i;

	if (c == NULL)
		return;
	if ((section = portal_section(c, code, &err)) == NULL ||
	    (list = portal_list(c, code, 1, FEED_ENTRIES, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	/* the Host header only names this server; it is escaped like every other text */
	base = g_strdup_printf("%s://%s", auth_request_secure(req) ? "https" : "http",
	                       host && strpbrk(host, "<>\"'& /") == NULL ? host : "localhost");
	a = json_array_get(json_object_get(list, "items"), 0);
	updated = rfc3339(a ? json_string_value(json_object_get(a, "published_on")) : NULL);
	self = g_strdup_printf("%s/portal/%s/feed.atom", base, code);
	out = g_string_new("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                   "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	element(out, "title", json_string_value(json_object_get(section, "name")));
	element(out, "id", self);
	element(out, "updated", updated);
	{
		g_autofree char *esc = g_markup_escape_text(self, -1);
		g_string_append_printf(out, "<link rel=\"self\" href=\"%s\"/>\n", esc);
	}
	json_array_foreach (json_object_get(list, "items"), i, a) {
		g_autofree char *href =
		    g_strdup_printf("%s/portal/articles/%" JSON_INTEGER_FORMAT, base,
		                    json_integer_value(json_object_get(a, "id")));
		g_autofree char *when =
		    rfc3339(json_string_value(json_object_get(a, "published_on")));
		g_autofree char *esc = g_markup_escape_text(href, -1);

		g_string_append(out, "<entry>\n");
		element(out, "title", json_string_value(json_object_get(a, "title")));
		element(out, "id", href);
		g_string_append_printf(out, "<link href=\"%s\"/>\n", esc);
		element(out, "updated", when);
		element(out, "published", when);
		g_string_append(out, "<author>");
		element(out, "name", json_string_value(json_object_get(a, "byline")));
		g_string_append(out, "</author>\n</entry>\n");
	}
	g_string_append(out, "</feed>\n");
	http_reply_bytes(res, 200, "application/atom+xml; charset=utf-8",
	                 g_string_free_to_bytes(out));
}
