/*
 * info_pages.c — the information pages: the reports (GET /reports: the editors' queue with
 * 紧急信息 first, or the reports in another state), a new report (GET|POST /reports/new), the
 * bulletins with their issues and who has not read them (GET /bulletins), and composing an
 * issue from the adopted reports (GET|POST /issues/new). Every form posts to a page route that
 * runs the same audited operation as the API (info_ops.c).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_pages.h"
#include "info/info_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/work_web.h"

#include <string.h>

static const SiteSubnav subnav[] = {
    {"/reports", N_("Reports"), "reports", FALSE},                   /* 信息稿 */
    {"/reports/new", N_("New report"), "new", FALSE},                /* 报送信息 */
    {"/bulletins", N_("Bulletins"), "bulletins", FALSE},             /* 刊物 */
    {"/issues/new", N_("Compose an issue"), "compose", TRUE},        /* 编排刊物 */
    {"/activities", N_("Leaders' activities"), "activities", FALSE}, /* 领导活动 */
    {"/scores", N_("Scores"), "scores", FALSE},                      /* 采用计分 */
};

static GQuark work_quark(void)
{
	return WORK_ERROR;
}

const SiteModuleErrors info_page_errors = {
    "information",       G_LOG_DOMAIN,         work_quark,        WORK_ERROR_DB,
    WORK_ERROR_CONFLICT, WORK_ERROR_NOT_FOUND, work_error_status, work_error_code};

#define errors info_page_errors

json_t *info_page_model(HttpRequest *req, const char *title, const char *section)
{
	return site_module_model(req, title, subnav, G_N_ELEMENTS(subnav), section);
}

const char *info_status_class(const char *status)
{
	static const struct {
		const char *code, *cls;
	} classes[] = {
	    {"draft", "draft"},    {"submitted", "todo"},  {"adopted", "soon"},
	    {"published", "ok"},   {"rejected", "void"},   {"merged", "done"},
	    {"withdrawn", "void"}, {"composing", "draft"}, {"cancelled", "void"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(classes); i++)
		if (g_strcmp0(status, classes[i].code) == 0)
			return classes[i].cls;
	return "todo";
}

void info_rows_links(json_t *rows, const char *prefix, const char *key)
{
	g_autofree char *text_key = g_strdup_printf("%s_text", key);
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		g_autofree char *href =
		    g_strdup_printf("%s/%" JSON_INTEGER_FORMAT, prefix,
		                    json_integer_value(json_object_get(r, "id")));
		json_object_set_new(r, "href", json_string(href));
		json_object_set_new(r, "status_class",
		                    json_string(info_status_class(
		                        json_string_value(json_object_get(r, "status")))));
		if (json_integer_value(json_object_get(r, key)))
			site_module_set_time(r, text_key,
			                     json_integer_value(json_object_get(r, key)));
		json_object_set_new(
		    r, "is_urgent",
		    json_boolean(g_strcmp0(json_string_value(json_object_get(r, "urgency")),
		                           "urgent") == 0));
	}
}

/* ---- the reports ---------------------------------------------------------------------------- */

/* The tabs of the reports' list: a state each, the queue first, with its count. */
static json_t *state_tabs(HttpRequest *req, DbConn *c, json_t *counts, const char *active)
{
	static const char *const states[] = {"submitted", "adopted", "published", "draft",
	                                     "rejected",  "merged",  "withdrawn"};
	json_t *tabs = json_array();

	for (gsize i = 0; i < G_N_ELEMENTS(states); i++) {
		g_autofree char *href = g_strdup_printf("/reports?status=%s", states[i]);
		json_array_append_new(
		    tabs, json_pack("{s:s, s:s, s:I, s:b}", "href", href, "label",
		                    work_item_status_label(c, "report", states[i], http_lang(req)),
		                    "count", json_integer_value(json_object_get(counts, states[i])),
		                    "active", strcmp(states[i], active) == 0));
	}
	return tabs;
}

void info_page_reports(HttpRequest *req, HttpResponse *res)
{
	static const char *const states[] = {"draft",    "submitted", "adopted",   "published",
	                                     "rejected", "merged",    "withdrawn", NULL};
	const char *status = http_query(req, "status");
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	InfoReportFilter f = {.limit = 200};
	json_t *rows = NULL, *counts = NULL, *m;

	if (status == NULL || !g_strv_contains(states, status))
		status = auth_can(u, "work.all") ? "submitted" : "draft";
	f.status = status;
	if (c == NULL || (rows = info_report_list(c, u, &f, &err)) == NULL ||
	    (counts = info_report_counts(c, u, &err)) == NULL) {
		json_decref(rows);
		site_module_fail(req, res, &errors, err);
		return;
	}
	info_rows_links(rows, "/reports", "submitted_at");
	m = info_page_model(req, N_("Reports"), "reports");
	json_object_set_new(m, "tabs", state_tabs(req, c, counts, status));
	json_object_set_new(m, "is_queue", json_boolean(strcmp(status, "submitted") == 0));
	json_object_set_new(m, "urgent_count", json_incref(json_object_get(counts, "urgent")));
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "rows", rows);
	json_decref(counts);
	http_reply_model(res, 200, m, "info/reports");
}

/* The form for a new report; after a refusal with the typed values and ERROR at FIELD. */
static void report_form(HttpRequest *req, HttpResponse *res, int status, const char *error,
                        const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) domains = c ? org_domains(c, &err) : NULL;
	json_t *m;
	const char *urgency = http_form(req, "urgency");

	if (domains == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	m = info_page_model(req, N_("New report"), "new");
	json_object_set_new(m, "domain_options",
	                    site_module_domain_options(domains, http_form(req, "domain")));
	json_object_set_new(m, "urgent", json_boolean(g_strcmp0(urgency, "urgent") == 0));
	json_object_set_new(m, "form",
	                    json_pack("{s:s, s:s}", "title", auth_page_form(req, "title"), "body",
	                              auth_page_form(req, "body")));
	if (error)
		site_module_set_error(m, error, field);
	http_reply_model(res, status, m, "info/report_form");
}

void info_page_report_new(HttpRequest *req, HttpResponse *res)
{
	report_form(req, res, 200, NULL, NULL);
}

void info_page_report_create(HttpRequest *req, HttpResponse *res)
{
	static const char *const names[] = {"title", "body", "domain", "urgency"};
	g_autoptr(json_t) body = json_object();
	InfoOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;
	g_autofree char *to = NULL;
	gint64 id = 0;

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *v = site_module_field(req, names[i]);
		if (*v)
			json_object_set_new(body, names[i], json_string(v));
	}
	json_object_set_new(body, "submit", json_boolean(http_form(req, "submit") != NULL));
	if (info_op(req, "info.report", info_op_report, &o, &id, &field, &err)) {
		to = g_strdup_printf("/reports/%" G_GINT64_FORMAT "?done=1", id);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		report_form(req, res, work_error_status(err),
		            site_module_message(req, &errors, err), field);
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}

/* ---- the bulletins -------------------------------------------------------------------------- */

void info_page_bulletins(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *list = c ? info_bulletins(c, &err) : NULL, *b, *m;
	size_t i;

	if (list == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (list, i, b) {
		json_t *issues = info_issue_list(
		    c, u, json_string_value(json_object_get(b, "code")), 0, 12, &err);
		json_t *s;
		size_t k;

		if (issues == NULL) {
			json_decref(list);
			site_module_fail(req, res, &errors, err);
			return;
		}
		info_rows_links(issues, "/issues", "published_at");
		json_array_foreach (issues, k, s)
			json_object_set_new(
			    s, "unread",
			    json_integer(json_integer_value(json_object_get(s, "readers")) -
			                 json_integer_value(json_object_get(s, "read_by"))));
		json_object_set_new(b, "has_issues", json_boolean(json_array_size(issues) > 0));
		json_object_set_new(b, "issues", issues);
		json_object_set_new(
		    b, "routed",
		    json_boolean(g_strcmp0(json_string_value(json_object_get(b, "readers")),
		                           "routed") == 0));
	}
	m = info_page_model(req, N_("Bulletins"), "bulletins");
	json_object_set_new(m, "bulletins", list);
	http_reply_model(res, 200, m, "info/bulletins");
}

/* The form composing an issue: a bulletin and the adopted reports not in an issue, each with
 * a box and its place; after a refusal with what was chosen and ERROR. */
static void issue_form(HttpRequest *req, HttpResponse *res, int status, const char *error,
                       const char *field)
{
	const AuthUser *u = auth_current(req);
	InfoReportFilter f = {.status = "adopted", .limit = 200};
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *list = c ? info_bulletins(c, &err) : NULL, *rows = NULL, *b, *r, *m;
	const char *chosen = http_form(req, "bulletin");
	size_t i;

	if (list == NULL || (rows = info_report_list(c, u, &f, &err)) == NULL) {
		json_decref(list);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (list, i, b)
		json_object_set_new(
		    b, "selected",
		    json_boolean(g_strcmp0(json_string_value(json_object_get(b, "code")), chosen) ==
		                 0));
	info_rows_links(rows, "/reports", "submitted_at");
	json_array_foreach (rows, i, r) {
		g_autofree char *key = g_strdup_printf(
		    "report:%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(r, "id")));
		g_autofree char *pos_key = g_strdup_printf(
		    "position:%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(r, "id")));
		const char *pos = http_form(req, pos_key);
		g_autofree char *place = pos ? g_strdup(pos) : g_strdup_printf("%zu", i + 1);

		json_object_set_new(r, "name", json_string(key));
		json_object_set_new(r, "pos_name", json_string(pos_key));
		json_object_set_new(r, "checked", json_boolean(http_form(req, key) != NULL));
		json_object_set_new(r, "position", json_string(place));
	}
	m = info_page_model(req, N_("Compose an issue"), "compose");
	json_object_set_new(m, "bulletins", list);
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "rows", rows);
	if (error)
		site_module_set_error(m, error, field);
	http_reply_model(res, status, m, "info/issue_form");
}

void info_page_issue_new(HttpRequest *req, HttpResponse *res)
{
	issue_form(req, res, 200, NULL, NULL);
}

/* Orders the chosen reports by the places typed beside them (ties in list order). */
static gint by_place(gconstpointer a, gconstpointer b)
{
	const gint64 *x = a, *y = b;

	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

void info_page_issue_create(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = json_object();
	g_autoptr(json_t) rows = NULL;
	g_autoptr(GArray) chosen = g_array_new(FALSE, FALSE, sizeof(gint64) * 2);
	g_autofree char *bulletin = site_module_field(req, "bulletin");
	InfoReportFilter f = {.status = "adopted", .limit = 200};
	InfoOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autofree char *to = NULL;
	json_t *ids = json_array(), *r;
	gint64 id = 0;
	size_t i;

	json_object_set_new(body, "reports", ids);
	if (c == NULL || (rows = info_report_list(c, auth_current(req), &f, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	/* each ticked box "report:ID" of the form's list, with its place "position:ID" */
	json_array_foreach (rows, i, r) {
		gint64 pair[2] = {G_MAXINT32, json_integer_value(json_object_get(r, "id"))};
		g_autofree char *key = g_strdup_printf("report:%" G_GINT64_FORMAT, pair[1]);
		g_autofree char *pos_key = g_strdup_printf("position:%" G_GINT64_FORMAT, pair[1]);
		const char *pos = http_form(req, pos_key);

		if (http_form(req, key) == NULL)
			continue;
		if (pos && core_parse_id(pos) > 0)
			pair[0] = core_parse_id(pos);
		g_array_append_val(chosen, pair);
	}
	g_array_sort(chosen, by_place);
	for (guint k = 0; k < chosen->len; k++)
		json_array_append_new(ids,
		                      json_integer(((gint64 *)(void *)chosen->data)[2 * k + 1]));
	if (*bulletin)
		json_object_set_new(body, "bulletin", json_string(bulletin));
	if (info_op(req, "info.issue", info_op_issue, &o, &id, &field, &err)) {
		to = g_strdup_printf("/issues/%" G_GINT64_FORMAT "?done=1", id);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		issue_form(req, res, work_error_status(err), site_module_message(req, &errors, err),
		           field);
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}
