/*
 * docs_search.c — GET /api/v1/search?q=: full-text search over every item the caller may see
 * (work/search.c: CJK bigrams and words, ranked, with highlighted snippets), each hit with the
 * document's number where it has one.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "docs/docs_web.h"
#include "app.h"
#include "core/core.h"
#include "work/work.h"

#include <stdlib.h>

json_t *docs_search(DbConn *c, const AuthUser *u, const char *q, int limit, GError **err)
{
	GError *e = NULL;
	json_t *hits = work_search_query(c, q, u, limit, &e);
	json_t *h;
	size_t i;

	if (hits == NULL) {
		docs_error_from_db(err, e);
		return NULL;
	}
	json_array_foreach (hits, i, h) {
		json_t *d =
		    docs_rows(c, err,
		              "SELECT d.number, d.reg_number, d.direction, i.status, "
		              "(SELECT min(n.id) FROM instruction n WHERE n.item_id = i.id AND "
		              "i.kind = 'instruction') AS instruction_id FROM item i "
		              "LEFT JOIN document d ON d.item_id = i.id WHERE i.id = ?",
		              "i", (gint64)json_integer_value(json_object_get(h, "item_id")));
		if (d == NULL) {
			json_decref(hits);
			return NULL;
		}
		json_object_update(h, json_array_get(d, 0));
		json_decref(d);
	}
	return hits;
}

void docs_api_search(HttpRequest *req, HttpResponse *res)
{
	const char *q = http_query(req, "q"), *limit = http_query(req, "limit");
	GError *err = NULL, *e = NULL;
	DbConn *c;
	json_t *hits;

	if (q == NULL || *q == '\0') {
		http_reply_error(res, 422, "invalid", N_("Type something to search for."), "q");
		return;
	}
	if (g_utf8_strlen(q, -1) > 100) {
		http_reply_error(res, 422, "invalid",
		                 N_("The search text cannot be longer than 100 characters."), "q");
		return;
	}
	gint64 n = limit ? core_parse_id(limit) : 20;

	if (n < 1 || n > 200) {
		http_reply_error(res, 422, "invalid", N_("limit is a number from 1 to 200."),
		                 "limit");
		return;
	}
	if ((c = db_conn(app_db(req), &e)) == NULL) {
		docs_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	if ((hits = docs_search(c, auth_current(req), q, (int)n, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", hits, "next_cursor"));
}
