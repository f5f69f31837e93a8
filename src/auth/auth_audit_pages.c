/*
 * auth_audit_pages.c — the security auditor's pages (audit.read): the audit trail with its
 * filters, paging and export links, and the check of its hash chain. Reading only: nothing here
 * changes anything.
 */
#include "auth/auth_pages.h"
#include "core/core.h"

#include <string.h>

#define AUDIT_PAGE 100 /* entries per page */

/* The filter as typed (query arguments), and as the query takes it. */
typedef struct {
	const char *actor, *action, *from, *to, *q;
	AuditFilter filter;
	const char *bad_field; /* a date that is not YYYY-MM-DD, else NULL */
} AuditForm;

/* The query argument NAME, or NULL when absent or empty. */
static const char *arg(HttpRequest *req, const char *name)
{
	const char *v = http_query(req, name);

	return v && *v ? v : NULL;
}

/* Reads the filter from the query. Dates are office days: "from" counts from the start of its
 * day, "to" up to the end of its day. A malformed date is ignored and named in BAD_FIELD. */
static void form_read(HttpRequest *req, AuditForm *f)
{
	gint64 t;

	memset(f, 0, sizeof *f);
	f->actor = arg(req, "actor");
	f->action = arg(req, "action");
	f->from = arg(req, "from");
	f->to = arg(req, "to");
	f->q = arg(req, "q");
	f->filter.actor = f->actor;
	f->filter.action = f->action;
	f->filter.q = f->q;
	if (f->from && auth_page_date(f->from, &t))
		f->filter.from = t;
	else if (f->from)
		f->bad_field = "from";
	if (f->to && auth_page_day_end(f->to, &t))
		f->filter.to = t;
	else if (f->to)
		f->bad_field = "to";
}

/* The filter as a query string ("actor=…&from=…", possibly empty) for links. g_free. */
static char *form_query(const AuditForm *f)
{
	const char *names[] = {"actor", "action", "from", "to", "q"};
	const char *values[] = {f->actor, f->action, f->from, f->to, f->q};
	GString *s = g_string_new(NULL);

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		if (values[i] == NULL)
			continue;
		if (s->len)
			g_string_append_c(s, '&');
		g_string_append_printf(s, "%s=", names[i]);
		g_string_append_uri_escaped(s, values[i], NULL, FALSE);
	}
	return g_string_free(s, FALSE);
}

/* BASE followed by "?QUERY" (or nothing when QUERY is empty) and "&EXTRA" (may be NULL). */
static json_t *href_json(const char *base, const char *query, const char *extra)
{
	GString *s = g_string_new(base);
	json_t *v;

	if (*query || extra)
		g_string_append_c(s, '?');
	g_string_append(s, query);
	if (extra)
		g_string_append_printf(s, "%s%s", *query ? "&" : "", extra);
	v = auth_page_text(s->str);
	g_string_free(s, TRUE);
	return v;
}

/* GET /audit[?actor=&action=&from=YYYY-MM-DD&to=YYYY-MM-DD&q=&cursor=ID]: the audit trail,
 * newest first, a page at a time, with export links for the same filter. */
void auth_page_audit(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	gint64 cursor = auth_page_number(http_query(req, "cursor"));
	GError *err = NULL;
	DbConn *c = db_conn(app->db, &err);
	AuditForm f;
	json_t *page, *items, *m, *filter, *next, *e;
	const char *lang = http_lang(req);
	char *query, *more;
	size_t i;

	form_read(req, &f);
	page = c ? audit_query(c, &f.filter, cursor, AUDIT_PAGE, &err) : NULL;
	if (page == NULL) {
		auth_page_fail(req, res, err);
		return;
	}
	items = json_object_get(page, "items");
	next = json_object_get(page, "next_cursor");
	query = form_query(&f);
	m = auth_page_model(req, N_("Audit trail"));
	filter = json_object();
	json_object_set_new(filter, "actor", auth_page_text(f.actor));
	json_object_set_new(filter, "action", auth_page_text(f.action));
	json_object_set_new(filter, "from", auth_page_text(f.from));
	json_object_set_new(filter, "to", auth_page_text(f.to));
	json_object_set_new(filter, "q", auth_page_text(f.q));
	json_object_set_new(m, "filter", filter);
	json_array_foreach (items, i, e) {
		const char *kind = json_string_value(json_object_get(e, "object_kind"));
		const char *oid = json_string_value(json_object_get(e, "object_id"));
		char *action =
		    audit_action_label(json_string_value(json_object_get(e, "action")), lang);
		char *object = audit_object_label(kind, oid, lang);

		json_object_set_new(e, "action_label", json_string(action));
		json_object_set_new(e, "object_label", json_string(object));
		g_free(action);
		g_free(object);
	}
	json_object_set_new(m, "entries", json_incref(items));
	json_object_set_new(m, "count", json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(m, "csv_href", href_json("/api/v1/audit.csv", query, NULL));
	json_object_set_new(m, "xlsx_href", href_json("/api/v1/audit.xlsx", query, NULL));
	if (json_is_integer(next)) {
		more = g_strdup_printf("cursor=%" JSON_INTEGER_FORMAT, json_integer_value(next));
		json_object_set_new(m, "older_href", href_json("/audit", query, more));
		g_free(more);
	}
	if (cursor > 0)
		json_object_set_new(m, "newest_href", href_json("/audit", query, NULL));
	json_object_set_new(m, "paging", json_boolean(cursor > 0 || json_is_integer(next)));
	if (f.bad_field) {
		const char *msg =
		    http_tr(req, N_("Enter the date as YYYY-MM-DD, e.g. 2026-03-01."));
		json_object_set_new(m, "error", json_pack("{s:s}", "message", msg));
		json_object_set_new(m, "errors", json_pack("{s:s}", f.bad_field, msg));
	}
	g_free(query);
	json_decref(page);
	http_reply_model(res, f.bad_field ? 422 : 200, m, "auth/audit");
}

/* GET /audit/verify: walks the whole hash chain and says whether it is intact, or where the
 * first tampered or missing entry is. */
void auth_page_audit_verify(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	AuditVerify v = {0};
	GError *err = NULL;
	json_t *m;

	if (!audit_verify(app->db, &v, &err)) {
		auth_page_fail(req, res, err);
		return;
	}
	m = auth_page_model(req, N_("Audit trail integrity"));
	json_object_set_new(m, "intact", json_boolean(v.bad_id == 0));
	json_object_set_new(m, "checked", json_integer(v.checked));
	if (v.bad_id != 0) {
		json_object_set_new(m, "bad_id", json_integer(v.bad_id));
		json_object_set_new(m, "problem", auth_page_text(v.problem));
	}
	audit_verify_clear(&v);
	http_reply_model(res, 200, m, "auth/audit_verify");
}
