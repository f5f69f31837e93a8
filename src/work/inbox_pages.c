/*
 * inbox_pages.c — the personal 待办 over HTTP: GET /api/v1/me/inbox, the page /inbox, and the
 * panel of the dashboard. Counters and lists come from one read (work_inbox), and each counter
 * links to the list of exactly what it counts.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "work/work_web.h"
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"

#include <string.h>

/* Reads ?kind= and ?due= into F; FALSE with *FIELD and *MSGID for a value outside the lists. */
static gboolean read_filter(HttpRequest *req, WorkInboxFilter *f, const char **field,
                            const char **msgid)
{
	const char *kind = http_query(req, "kind"), *due = http_query(req, "due");
	gboolean known = FALSE;

	f->kind = kind && *kind ? kind : NULL;
	f->due = due && *due ? due : NULL;
	for (gsize k = 0; f->kind && work_item_kinds[k]; k++)
		known = known || strcmp(work_item_kinds[k], f->kind) == 0;
	if (f->kind && !known) {
		*field = "kind";
		*msgid = N_("Choose a kind of work from the list.");
		return FALSE;
	}
	if (f->due && strcmp(f->due, "late") != 0 && strcmp(f->due, "soon") != 0) {
		*field = "due";
		*msgid = N_("due is late or soon.");
		return FALSE;
	}
	return TRUE;
}

void work_api_inbox(HttpRequest *req, HttpResponse *res)
{
	WorkInboxFilter f;
	const char *field = NULL, *msgid = NULL;
	GError *err = NULL;
	DbConn *c;
	json_t *inbox;

	if (!read_filter(req, &f, &field, &msgid)) {
		http_reply_error(res, 422, "invalid", msgid, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((inbox = work_inbox(c, auth_current(req), &f, http_lang(req), &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, inbox);
}

/* The counters of an inbox whose counts are COUNTS: everything, each kind, late, due soon —
 * [{"key", "label", "count", "href", "active"}], ACTIVE the one F shows. */
static json_t *counters(HttpRequest *req, DbConn *c, json_t *counts, const WorkInboxFilter *f)
{
	const char *lang = http_lang(req);
	json_t *out = json_array();
	gboolean all = f == NULL || (f->kind == NULL && f->due == NULL);

	json_array_append_new(out, json_pack("{s:s, s:s, s:O, s:s, s:b}", "key", "total", "label",
	                                     http_tr(req, N_("All my to-dos")), "count",
	                                     json_object_get(counts, "total"), "href", "/inbox",
	                                     "active", all));
	for (gsize k = 0; work_item_kinds[k]; k++) {
		const char *kind = work_item_kinds[k];
		g_autofree char *href = g_strdup_printf("/inbox?kind=%s", kind);
		json_int_t n = json_integer_value(json_object_get(counts, kind));
		json_array_append_new(out, json_pack("{s:s, s:s, s:I, s:s, s:b}", "key", kind,
		                                     "label", work_item_kind_label(c, kind, lang),
		                                     "count", n, "href", href, "active",
		                                     f && g_strcmp0(f->kind, kind) == 0));
	}
	json_array_append_new(out, json_pack("{s:s, s:s, s:I, s:s, s:b}", "key", "late", "label",
	                                     http_tr(req, N_("Past due")), "count",
	                                     json_integer_value(json_object_get(counts, "late")),
	                                     "href", "/inbox?due=late", "active",
	                                     f && g_strcmp0(f->due, "late") == 0));
	json_array_append_new(out, json_pack("{s:s, s:s, s:I, s:s, s:b}", "key", "soon", "label",
	                                     http_tr(req, N_("Due within 3 working days")), "count",
	                                     json_integer_value(json_object_get(counts, "soon")),
	                                     "href", "/inbox?due=soon", "active",
	                                     f && g_strcmp0(f->due, "soon") == 0));
	return out;
}

gboolean work_inbox_model(HttpRequest *req, const WorkInboxFilter *f, int limit, json_t *m)
{
	const AuthUser *me = auth_current(req);
	const char *lang = http_lang(req);
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	json_t *inbox = c ? work_inbox(c, me, f, lang, &err) : NULL, *items, *it, *rows;
	size_t i;

	if (inbox == NULL) {
		g_warning("inbox: %s", err ? err->message : "no connection");
		g_clear_error(&err);
		return FALSE;
	}
	items = json_object_get(inbox, "items");
	rows = json_array();
	json_array_foreach (items, i, it) {
		const char *kind = json_string_value(json_object_get(it, "kind"));
		const char *urg = json_string_value(json_object_get(it, "urgency"));
		gint64 since = json_integer_value(json_object_get(it, "since"));

		if (limit > 0 && i >= (size_t)limit)
			break;
		json_object_set_new(it, "kind_label",
		                    json_string(work_item_kind_label(c, kind, lang)));
		if (urg)
			json_object_set_new(
			    it, "urgency_label",
			    json_string(http_tr(req, strcmp(urg, "late") == 0 ? N_("Past due")
			                                                      : N_("Due soon"))));
		if (since) {
			g_autofree char *text = core_time_format(since, "%Y-%m-%d %H:%M");
			json_object_set_new(it, "since_text", json_string(text));
		}
		json_array_append(rows, it);
	}
	json_object_set_new(m, "inbox", rows);
	json_object_set_new(m, "inbox_shown", json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(m, "inbox_more",
	                    json_boolean(limit > 0 && json_array_size(items) > (size_t)limit));
	json_object_set_new(m, "has_inbox", json_boolean(json_array_size(items) > 0));
	json_object_set_new(m, "inbox_counters",
	                    counters(req, c, json_object_get(inbox, "counts"), f));
	json_decref(inbox);
	return TRUE;
}

void work_page_inbox(HttpRequest *req, HttpResponse *res)
{
	WorkInboxFilter f;
	const char *field = NULL, *msgid = NULL;
	json_t *m;

	if (!read_filter(req, &f, &field, &msgid)) {
		http_reply_error(res, 422, "invalid", msgid, field);
		return;
	}
	m = json_pack("{s:s}", "title", http_tr(req, N_("My to-dos")));
	if (!work_inbox_model(req, &f, 0, m)) {
		json_decref(m);
		http_reply_error(res, 503, "unavailable",
		                 N_("The server could not complete this; try again."), NULL);
		return;
	}
	json_object_set_new(m, "filtered", json_boolean(f.kind || f.due));
	http_reply_model(res, 200, m, "work/inbox");
}
