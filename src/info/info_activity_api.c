/*
 * info_activity_api.c — the API of the leaders' activities (领导活动) and of their weekly coverage
 * check. Writes are audited transactions (info_ops.c).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_web.h"
#include "info/info_internal.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

gboolean info_week_monday(const char *week, GDate *monday)
{
	g_autofree char *today = NULL;

	if (week && *week)
		return core_week_parse(week, monday);
	today = core_today();
	if (!core_date_parse(today, monday))
		return FALSE;
	g_date_subtract_days(monday, g_date_get_weekday(monday) - G_DATE_MONDAY);
	return TRUE;
}

/* A leader named in the query (username, name or, all digits, an id) in *ID (0: none). */
static gboolean query_leader(DbConn *c, const char *v, gint64 *id, const char **field, GError **err)
{
	g_autoptr(json_t) ref = NULL;

	*id = 0;
	if (v == NULL || *v == '\0')
		return TRUE;
	ref = core_parse_id(v) > 0 ? json_integer(core_parse_id(v)) : json_string(v);
	if (ref == NULL)
		return info_fail(err, field, WORK_ERROR_INVALID, "leader",
		                 N_("There is no such leader."));
	return work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_LEADER, "leader", ref,
	                        id, field, err);
}

void info_api_activities(HttpRequest *req, HttpResponse *res)
{
	const char *limit = http_query(req, "limit"), *cursor = http_query(req, "cursor");
	InfoActivityFilter f = {.from = http_query(req, "from"), .to = http_query(req, "to")};
	gint64 n_limit = limit ? core_parse_id(limit) : 200, n_cursor = 0;
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c;
	json_t *rows;

	if (n_limit < 1 || n_limit > 1000) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."), "limit");
		return;
	}
	if (cursor && (n_cursor = core_parse_id(cursor)) <= 0) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."), "cursor");
		return;
	}
	for (int k = 0; k < 2; k++) {
		const char *v = k ? f.to : f.from;
		if (v && !core_date_valid(v)) {
			http_reply_error(res, 422, "invalid", N_("Give the date as YYYY-MM-DD."),
			                 k ? "to" : "from");
			return;
		}
	}
	f.limit = (int)n_limit;
	f.offset = (int)n_cursor;
	if ((c = work_conn(req, res)) == NULL)
		return;
	if (!work_check_order(WORK_ERRORS, &err, &field, WORK_ERROR_INVALID, "from", f.from, "to",
	                      f.to) ||
	    !query_leader(c, http_query(req, "leader"), &f.leader, &field, &err) ||
	    (rows = info_activity_list(c, &f, &err)) == NULL) {
		work_fail(req, res, err, field);
		return;
	}
	http_reply_json(res, 200,
	                json_pack("{s:o, s:o}", "items", rows, "next_cursor",
	                          json_array_size(rows) == (size_t)f.limit
	                              ? json_sprintf("%d", f.offset + f.limit)
	                              : json_null()));
}

void info_api_activity_create(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;
	DbConn *c;
	json_t *one;

	if (!info_op_on(req, "info.activity", "leader_activity", info_op_activity, &o, &id, &field,
	                &err)) {
		work_fail(req, res, err, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((one = info_activity_get(c, id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, one);
}

void info_api_activity_delete(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {0};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &o.id))
		return;
	if (!info_op_on(req, "info.activity.delete", "leader_activity", info_op_activity_delete, &o,
	                &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	http_reply_bytes(res, 204, NULL, NULL);
}

void info_api_coverage(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	GDate monday;
	DbConn *c;
	json_t *out;

	if (!info_week_monday(http_query(req, "week"), &monday)) {
		http_reply_error(res, 422, "invalid",
		                 N_("Give the week as YYYY-Www, an ISO week such as 2026-W49."),
		                 "week");
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((out = info_coverage(c, &monday, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, out);
}
