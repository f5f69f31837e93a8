/*
 * info_api.c — the information API: reports and their steps, the bulletins, issues, their
 * steps and read receipts. Every write is one audited transaction (info_ops.c).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_web.h"
#include "info/info_internal.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

/* Reads {id} and checks the caller may see that item of KIND (404 otherwise, with MISSING). */
static gboolean visible(HttpRequest *req, HttpResponse *res, const char *missing, gint64 *id)
{
	GError *err = NULL;
	DbConn *c;

	if (!auth_path_id(req, res, id) || (c = work_conn(req, res)) == NULL)
		return FALSE;
	if (auth_item_access(c, auth_current(req), *id, &err) == AUTH_ITEM_ALLOWED)
		return TRUE;
	if (err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND, missing);
	work_fail(req, res, err, NULL);
	return FALSE;
}

/* Answers report or issue ID as the caller reads it (GET: READER) with STATUS. */
static void reply_item(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                       json_t *(*reader)(DbConn *, const AuthUser *, gint64, GError **))
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *one;

	if (c == NULL)
		return;
	if ((one = reader(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, one);
}

/* A positive whole number from query parameter NAME, or 0 when absent; -1 when malformed. */
static gint64 query_id(HttpRequest *req, const char *name)
{
	const char *v = http_query(req, name);

	if (v == NULL)
		return 0;
	return core_parse_id(v) > 0 ? core_parse_id(v) : -1;
}

/* A list's page size from ?limit= (1…200, default 50); -1 when malformed. */
static int query_limit(HttpRequest *req)
{
	const char *v = http_query(req, "limit");
	gint64 n = v ? core_parse_id(v) : 50;

	return n >= 1 && n <= 200 ? (int)n : -1;
}

/* ---- reports ------------------------------------------------------------------------------ */

static gboolean known(const char *v, const char *const *values)
{
	return v == NULL || g_strv_contains(values, v);
}

void info_api_reports(HttpRequest *req, HttpResponse *res)
{
	static const char *const states[] = {"draft",    "submitted", "adopted",   "published",
	                                     "rejected", "merged",    "withdrawn", NULL};
	static const char *const urgencies[] = {"urgent", "normal", NULL};
	InfoReportFilter f = {.status = http_query(req, "status"),
	                      .urgency = http_query(req, "urgency"),
	                      .before = query_id(req, "before"),
	                      .limit = query_limit(req)};
	GError *err = NULL;
	DbConn *c;
	json_t *rows, *counts, *last;

	if (!known(f.status, states)) {
		http_reply_error(res, 422, "invalid", N_("Choose one of the values offered."),
		                 "status");
		return;
	}
	if (!known(f.urgency, urgencies)) {
		http_reply_error(res, 422, "invalid", N_("Choose one of the values offered."),
		                 "urgency");
		return;
	}
	if (f.before < 0 || f.limit < 0) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."),
		                 f.before < 0 ? "before" : "limit");
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((rows = info_report_list(c, auth_current(req), &f, &err)) == NULL ||
	    (counts = info_report_counts(c, auth_current(req), &err)) == NULL) {
		json_decref(rows);
		work_fail(req, res, err, NULL);
		return;
	}
	/* the queue of submitted reports is ordered by urgency, so it is one page */
	last = json_array_get(rows, json_array_size(rows) - 1);
	http_reply_json(
	    res, 200,
	    json_pack("{s:o, s:o, s:o}", "items", rows, "counts", counts, "next_cursor",
	              json_array_size(rows) == (size_t)f.limit && last &&
	                      g_strcmp0(f.status, "submitted") != 0
	                  ? json_sprintf("%" JSON_INTEGER_FORMAT,
	                                 json_integer_value(json_object_get(last, "id")))
	                  : json_null()));
}

void info_api_report_create(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!info_op(req, "info.report", info_op_report, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_item(req, res, 201, id, info_report_get);
}

void info_api_report(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (visible(req, res, N_("There is no such report."), &id))
		reply_item(req, res, 200, id, info_report_get);
}

/* Takes step {action} of item {id} (a report or an issue, read back by READER). */
static void act(HttpRequest *req, HttpResponse *res, const char *kind, const char *missing,
                json_t *(*reader)(DbConn *, const AuthUser *, gint64, GError **))
{
	g_autofree char *audit = g_strdup_printf("info.%s.%s", kind, http_param(req, "action"));
	InfoOp o = {.body = http_json(req), .action = http_param(req, "action")};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!visible(req, res, missing, &o.id))
		return;
	if (!info_op(req, audit, info_op_step, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_item(req, res, 200, o.id, reader);
}

void info_api_report_act(HttpRequest *req, HttpResponse *res)
{
	act(req, res, "report", N_("There is no such report."), info_report_get);
}

/* ---- bulletins ---------------------------------------------------------------------------- */

void info_api_bulletins(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *rows;

	if (c == NULL)
		return;
	if ((rows = info_bulletins(c, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o}", "items", rows));
}

void info_api_bulletin_put(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {.body = http_json(req), .code = http_param(req, "code")};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!info_op(req, "info.bulletin", info_op_bulletin, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	info_api_bulletins(req, res);
}

/* ---- issues ------------------------------------------------------------------------------- */

void info_api_issues(HttpRequest *req, HttpResponse *res)
{
	const char *bulletin = http_query(req, "bulletin");
	gint64 before = query_id(req, "before");
	int limit = query_limit(req);
	GError *err = NULL;
	DbConn *c;
	json_t *rows, *last;

	if (before < 0 || limit < 0) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."),
		                 before < 0 ? "before" : "limit");
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((rows = info_issue_list(c, auth_current(req), bulletin, before, limit, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	last = json_array_get(rows, json_array_size(rows) - 1);
	http_reply_json(
	    res, 200,
	    json_pack("{s:o, s:o}", "items", rows, "next_cursor",
	              json_array_size(rows) == (size_t)limit && last
	                  ? json_sprintf("%" JSON_INTEGER_FORMAT,
	                                 json_integer_value(json_object_get(last, "id")))
	                  : json_null()));
}

void info_api_issue_create(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!info_op(req, "info.issue", info_op_issue, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_item(req, res, 201, id, info_issue_get);
}

void info_api_issue(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (visible(req, res, N_("There is no such issue."), &id))
		reply_item(req, res, 200, id, info_issue_get);
}

void info_api_issue_compose(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!visible(req, res, N_("There is no such issue."), &o.id))
		return;
	if (!info_op(req, "info.issue.compose", info_op_compose, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_item(req, res, 200, o.id, info_issue_get);
}

void info_api_issue_act(HttpRequest *req, HttpResponse *res)
{
	act(req, res, "issue", N_("There is no such issue."), info_issue_get);
}

void info_api_issue_read(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) out = json_object();
	InfoOp o = {.body = out};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!visible(req, res, N_("There is no such issue."), &o.id))
		return;
	if (!info_op(req, "info.issue.read", info_op_read, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	http_reply_json(res, 200, json_incref(out));
}

void info_api_issue_pdf(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *name = NULL;
	GError *err = NULL;
	GBytes *pdf;
	DbConn *c;
	gint64 id;

	if (!visible(req, res, N_("There is no such issue."), &id) ||
	    (c = work_conn(req, res)) == NULL)
		return;
	if ((pdf = info_issue_pdf(c, auth_current(req), id, &name, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	work_reply_pdf(res, "issue.pdf", name, pdf);
}

void info_api_issue_reads(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	json_t *reads;
	gint64 id;

	if (!visible(req, res, N_("There is no such issue."), &id) ||
	    (c = work_conn(req, res)) == NULL)
		return;
	if ((reads = info_issue_reads(c, id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, reads);
}
