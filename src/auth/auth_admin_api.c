/*
 * The administrators' API: accounts (sysadmin), roles and policy (secadmin), the audit trail
 * (auditor). The route table grants each call to one role only (三员分立).
 */
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"

#include <string.h>

/* Parses ?limit= (default 50, 1..500) and ?cursor= (default 0); 422 on junk. */
static gboolean paging(HttpRequest *req, HttpResponse *res, int *limit, gint64 *cursor)
{
	const char *l = http_query(req, "limit"), *c = http_query(req, "cursor");
	char *end;

	*limit = 50;
	*cursor = 0;
	if (l) {
		gint64 v = g_ascii_strtoll(l, &end, 10);
		if (end == l || *end || v < 1 || v > 500) {
			http_reply_error(res, 422, "invalid",
			                 N_("limit is a number from 1 to 500."), "limit");
			return FALSE;
		}
		*limit = (int)v;
	}
	if (c && *c) {
		gint64 v = g_ascii_strtoll(c, &end, 10);
		if (end == c || *end || v < 0) {
			http_reply_error(res, 422, "invalid", N_("The cursor is not valid."),
			                 "cursor");
			return FALSE;
		}
		*cursor = v;
	}
	return TRUE;
}

/* Replies with account ID as JSON (status STATUS). */
static void reply_user(HttpRequest *req, HttpResponse *res, int status, gint64 id)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	AuthUser *u = c ? auth_user_load(c, id, &err) : NULL;

	if (u == NULL) {
		auth_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, auth_user_json(u));
	auth_user_free(u);
}

/* ---- accounts ---------------------------------------------------------------------------- */

void auth_api_users(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	json_t *items;
	int limit;
	gint64 cursor;

	if (!paging(req, res, &limit, &cursor))
		return;
	c = db_conn(app_db(req), &err);
	items = c ? auth_user_list(c, cursor, limit, &err) : NULL;
	if (items == NULL) {
		auth_fail(req, res, err, NULL);
		return;
	}
	if (json_array_size(items) == (gsize)limit) {
		json_t *last = json_array_get(items, json_array_size(items) - 1);
		http_reply_json(res, 200,
		                json_pack("{s:o, s:O}", "items", items, "next_cursor",
		                          json_object_get(last, "id")));
	} else {
		http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
	}
}

/* Reads the role names in array ROLES into bits; FALSE on an unknown name. */
static gboolean roles_from_json(json_t *roles, guint *out)
{
	gsize i;
	json_t *v;

	*out = 0;
	if (roles == NULL)
		return TRUE;
	if (!json_is_array(roles))
		return FALSE;
	json_array_foreach (roles, i, v) {
		AuthRole r = auth_role_from_name(json_string_value(v));
		if (r == 0)
			return FALSE;
		*out |= r;
	}
	return TRUE;
}

void auth_api_user_create(HttpRequest *req, HttpResponse *res)
{
	json_t *b = http_json(req);
	AuthUserSpec spec = {0};
	GError *err = NULL;
	gint64 id = 0;

	/* 三员分立: the system administrator creates accounts; the security administrator gives
	 * them roles (PUT /api/v1/users/{id}/roles). */
	if (json_object_get(b, "roles") && json_array_size(json_object_get(b, "roles")) > 0) {
		http_reply_error(res, 422, "roles_by_secadmin",
		                 N_("Roles are given by the security administrator, not when the "
		                    "account is created."),
		                 "roles");
		return;
	}
	spec.username = json_string_value(json_object_get(b, "username"));
	spec.display_name = json_string_value(json_object_get(b, "display_name"));
	spec.unit_code = json_string_value(json_object_get(b, "unit"));
	spec.department = json_string_value(json_object_get(b, "department"));
	spec.locale = json_string_value(json_object_get(b, "locale"));
	spec.phone = json_string_value(json_object_get(b, "phone"));
	spec.password = json_string_value(json_object_get(b, "password"));
	spec.must_change_password = TRUE;
	if (!auth_op_user_create(app_db(req), auth_current(req), http_remote_addr(req), &spec, &id,
	                         &err)) {
		const char *field = err->code == AUTH_ERROR_POLICY     ? "password"
		                    : err->code == AUTH_ERROR_CONFLICT ? "username"
		                                                       : NULL;
		auth_fail(req, res, err, field);
		return;
	}
	reply_user(req, res, 201, id);
}

void auth_api_user(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		reply_user(req, res, 200, id);
}

void auth_api_user_update(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	char *field = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (json_object_get(http_json(req), "roles")) {
		http_reply_error(res, 422, "roles_by_secadmin",
		                 N_("Roles are given by the security administrator."), "roles");
		return;
	}
	if (!auth_op_user_update(app_db(req), auth_current(req), http_remote_addr(req), id,
	                         http_json(req), &field, &err)) {
		auth_fail(req, res, err, field);
		g_free(field);
		return;
	}
	reply_user(req, res, 200, id);
}

void auth_api_user_reset_password(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (!auth_op_user_reset_password(
	        app_db(req), auth_current(req), http_remote_addr(req), id,
	        json_string_value(json_object_get(http_json(req), "password")), &err)) {
		auth_fail(req, res, err, "password");
		return;
	}
	reply_user(req, res, 200, id);
}

void auth_api_user_unlock(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (!auth_op_user_unlock(app_db(req), auth_current(req), http_remote_addr(req), id, &err)) {
		auth_fail(req, res, err, NULL);
		return;
	}
	reply_user(req, res, 200, id);
}

void auth_api_user_roles(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	guint roles;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (!roles_from_json(json_object_get(http_json(req), "roles"), &roles)) {
		http_reply_error(res, 422, "invalid",
		                 N_("roles is a list of: leader, staff, liaison, sysadmin, "
		                    "secadmin, auditor."),
		                 "roles");
		return;
	}
	if (!auth_op_user_set_roles(app_db(req), auth_current(req), http_remote_addr(req), id,
	                            roles, &err)) {
		auth_fail(req, res, err, "roles");
		return;
	}
	reply_user(req, res, 200, id);
}

/* ---- policy ------------------------------------------------------------------------------ */

void auth_api_policy(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	AuthPolicy p;

	if (c == NULL || !auth_policy_load(c, &p, &err)) {
		auth_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, auth_policy_json(&p));
}

void auth_api_policy_update(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	char *field = NULL;

	if (!auth_op_policy_update(app_db(req), auth_current(req), http_remote_addr(req),
	                           http_json(req), &field, &err)) {
		auth_fail(req, res, err, field);
		g_free(field);
		return;
	}
	auth_api_policy(req, res);
}

/* ---- audit ------------------------------------------------------------------------------- */

/* Parses a YYYY-MM-DD date (core_date_parse) into Unix seconds at that day's start in the
 * office's time zone; END_OF_DAY gives the next day's start. FALSE when malformed. */
static gboolean parse_day(const char *text, gboolean end_of_day, gint64 *out)
{
	GDate d;

	if (!core_date_parse(text, &d))
		return FALSE;
	if (end_of_day)
		g_date_add_days(&d, 1);
	*out = core_date_unix(&d);
	return TRUE;
}

/* Fills F from the query (actor, action, from, to, q); 422 on a malformed date. */
static gboolean audit_filter(HttpRequest *req, HttpResponse *res, AuditFilter *f)
{
	const char *from = http_query(req, "from"), *to = http_query(req, "to");

	memset(f, 0, sizeof *f);
	f->actor = http_query(req, "actor");
	f->action = http_query(req, "action");
	f->q = http_query(req, "q");
	if (f->actor && !*f->actor)
		f->actor = NULL;
	if (f->action && !*f->action)
		f->action = NULL;
	if (f->q && !*f->q)
		f->q = NULL;
	if ((from && *from && !parse_day(from, FALSE, &f->from)) ||
	    (to && *to && !parse_day(to, TRUE, &f->to))) {
		http_reply_error(res, 422, "invalid", N_("A date is written YYYY-MM-DD."),
		                 from && !parse_day(from, FALSE, &f->from) ? "from" : "to");
		return FALSE;
	}
	return TRUE;
}

void auth_api_audit(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	AuditFilter f;
	DbConn *c;
	json_t *page;
	int limit;
	gint64 cursor;

	if (!audit_filter(req, res, &f) || !paging(req, res, &limit, &cursor))
		return;
	c = db_conn(app_db(req), &err);
	page = c ? audit_query(c, &f, cursor, limit, &err) : NULL;
	if (page == NULL) {
		auth_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, page);
}

/* Sends an export with a download name carrying today's date. */
static void export(HttpRequest *req, HttpResponse *res, gboolean xlsx)
{
	GError *err = NULL;
	AuditFilter f;
	DbConn *c;
	GBytes *b;
	GDateTime *now;
	char *day, *disp;

	if (!audit_filter(req, res, &f))
		return;
	c = db_conn(app_db(req), &err);
	b = c ? (xlsx ? audit_export_xlsx(c, &f, &err) : audit_export_csv(c, &f, &err)) : NULL;
	if (b == NULL) {
		auth_fail(req, res, err, NULL);
		return;
	}
	/* the office's date (a UTC date is yesterday's before 08:00 in Beijing) */
	now = g_date_time_new_now(core_tz());
	day = g_date_time_format(now, "%Y%m%d");
	disp = g_strdup_printf("attachment; filename=\"audit-%s.%s\"", day, xlsx ? "xlsx" : "csv");
	http_reply_bytes(res, 200,
	                 xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	                      : "text/csv; charset=utf-8",
	                 b);
	http_add_header(res, "Content-Disposition", disp);
	g_free(disp);
	g_free(day);
	g_date_time_unref(now);
}

void auth_api_audit_csv(HttpRequest *req, HttpResponse *res)
{
	export(req, res, FALSE);
}

void auth_api_audit_xlsx(HttpRequest *req, HttpResponse *res)
{
	export(req, res, TRUE);
}

void auth_api_audit_verify(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	AuditVerify v = {0};

	if (!audit_verify(app_db(req), &v, &err)) {
		auth_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200,
	                json_pack("{s:b, s:I, s:o?, s:s?}", "intact", v.bad_id == 0, "checked",
	                          (json_int_t)v.checked, "bad_id",
	                          v.bad_id ? json_integer(v.bad_id) : NULL, "problem", v.problem));
	audit_verify_clear(&v);
}
