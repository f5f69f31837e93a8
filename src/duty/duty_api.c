/*
 * duty_api.c — the API of the duty roster: the roster of a range of days and who is on duty
 * now, a month replaced or entries added and removed (all or nothing, every refused row with
 * its reason), the shifts, leave and the handover log. Writes are audited transactions
 * (duty_ops.c).
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_web.h"
#include "duty/duty_internal.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

gboolean duty_month_days(const char *month, char **from, char **to)
{
	g_autofree char *first = NULL;
	GDate d;

	if (month == NULL || strlen(month) != 7)
		return FALSE;
	first = g_strdup_printf("%s-01", month);
	if (!core_date_parse(first, &d))
		return FALSE;
	*from = core_date_format(&d);
	g_date_add_months(&d, 1);
	g_date_subtract_days(&d, 1);
	*to = core_date_format(&d);
	return TRUE;
}

gboolean duty_range(HttpRequest *req, char **from, char **to, const char **field, const char **why)
{
	const char *f = http_query(req, "from"), *t = http_query(req, "to");
	const char *month = http_query(req, "month");
	g_autofree char *today = core_today();
	g_autofree char *m = NULL;
	GDate a, b;

	*from = *to = NULL;
	*why = N_("Give the date as YYYY-MM-DD.");
	if (month && *month) {
		*field = "month";
		*why = N_("Give the month as YYYY-MM.");
		return duty_month_days(month, from, to);
	}
	if ((f && !core_date_valid(f)) || (t && !core_date_valid(t))) {
		*field = f && !core_date_valid(f) ? "from" : "to";
		return FALSE;
	}
	/* an open end is the month of the other end (or of today) */
	m = g_strndup(f ? f : t ? t : today, 7);
	duty_month_days(m, from, to);
	if (f)
		g_free(*from), *from = g_strdup(f);
	if (t)
		g_free(*to), *to = g_strdup(t);
	core_date_parse(*from, &a);
	core_date_parse(*to, &b);
	*field = "to";
	if (g_date_compare(&a, &b) > 0) {
		*why = N_("The end comes before the start.");
		goto bad;
	}
	if (g_date_days_between(&a, &b) >= DUTY_RANGE_MAX) {
		*why = N_("Ask for at most 62 days at once.");
		goto bad;
	}
	return TRUE;
bad:
	g_clear_pointer(from, g_free);
	g_clear_pointer(to, g_free);
	return FALSE;
}

/* Answers OUT with STATUS, or, when OUT is NULL, the failure ERR. */
static void answer(HttpRequest *req, HttpResponse *res, int status, json_t *out, GError *err)
{
	if (out == NULL)
		work_fail(req, res, err, NULL);
	else
		http_reply_json(res, status, out);
}

void duty_api_roster(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *from = NULL, *to = NULL;
	const char *field = NULL, *why = NULL;
	GError *err = NULL;
	DbConn *c;
	json_t *out;

	if (!duty_range(req, &from, &to, &field, &why)) {
		http_reply_error(res, 422, "invalid", why, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	out = duty_roster(c, from, to, &err);
	answer(req, res, 200, out, err);
}

void duty_api_now(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	json_t *out;

	if ((c = work_conn(req, res)) == NULL)
		return;
	out = duty_now(c, core_now(), &err);
	answer(req, res, 200, out, err);
}

void duty_api_xlsx(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *from = NULL, *to = NULL, *disposition = NULL;
	g_autoptr(json_t) roster = NULL;
	const char *field = NULL, *why = NULL;
	GError *err = NULL;
	GBytes *x;
	DbConn *c;

	if (!duty_range(req, &from, &to, &field, &why)) {
		http_reply_error(res, 422, "invalid", why, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((roster = duty_roster(c, from, to, &err)) == NULL ||
	    (x = duty_roster_xlsx(roster, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	disposition = g_strdup_printf("attachment; filename=\"duty-%s-%s.xlsx\"", from, to);
	http_add_header(res, "Content-Disposition", disposition);
	http_reply_bytes(res, 200,
	                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x);
}

/* Answers a refused roster change: the error of ERR and, when rows were refused, "entries"
 * [{index, code, field, message}] beside it. Frees ERR and PROBLEMS. */
static void change_fail(HttpRequest *req, HttpResponse *res, GError *err, json_t *problems,
                        const char *field)
{
	int status = work_error_status(err);

	if (status >= 500 || problems == NULL || json_array_size(problems) == 0) {
		json_decref(problems);
		work_fail(req, res, err, field);
		return;
	}
	http_reply_json(res, status,
	                json_pack("{s:{s:s, s:s, s:s, s:o}}", "error", "code", work_error_code(err),
	                          "message", err->message, "field", "entries", "entries",
	                          problems));
	g_error_free(err);
}

/* The "revision" of BODY in *REV (-1 when absent); FALSE when it is not a whole number. */
static gboolean body_revision(json_t *body, gint64 *rev)
{
	json_t *v = json_object_get(body, "revision");

	*rev = -1;
	if (v == NULL || json_is_null(v))
		return TRUE;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return FALSE;
	*rev = json_integer_value(v);
	return TRUE;
}

void duty_api_month_put(HttpRequest *req, HttpResponse *res)
{
	const char *month = http_param(req, "month");
	g_autofree char *from = NULL, *to = NULL;
	DutyOp o = {.body = http_json(req), .month = month};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;
	DbConn *c;
	json_t *out;

	if (!duty_month_days(month, &from, &to)) {
		http_reply_error(res, 422, "invalid", N_("Give the month as YYYY-MM."), "month");
		return;
	}
	if (!json_is_object(o.body) || !body_revision(o.body, &o.revision)) {
		http_reply_error(
		    res, 422, "invalid",
		    N_("Send {\"entries\": […], \"revision\": n} (revision optional)."),
		    json_is_object(o.body) ? "revision" : NULL);
		return;
	}
	if (!duty_op(req, "duty.month", "duty_month", duty_op_change, &o, &id, &field, &err)) {
		change_fail(req, res, err, o.problems, field);
		return;
	}
	json_decref(o.problems);
	if ((c = work_conn(req, res)) == NULL)
		return;
	out = duty_roster(c, from, to, &err);
	answer(req, res, 200, out, err);
}

void duty_api_entry_create(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {.body = http_json(req), .revision = -1};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;
	DbConn *c;
	json_t *one;

	if (!duty_op(req, "duty.entry", "duty_entry", duty_op_entry, &o, &id, &field, &err)) {
		change_fail(req, res, err, o.problems, field);
		return;
	}
	json_decref(o.problems);
	if ((c = work_conn(req, res)) == NULL)
		return;
	one = duty_entry_get(c, id, &err);
	answer(req, res, 201, one, err);
}

/* Runs the operation FN on the object of the path's {id} as ACTION and answers 204. */
static void delete_by_id(HttpRequest *req, HttpResponse *res, const char *action, const char *kind,
                         DutyOpFn fn)
{
	DutyOp o = {0};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &o.id))
		return;
	if (!duty_op(req, action, kind, fn, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	http_reply_bytes(res, 204, NULL, NULL);
}

void duty_api_entry_delete(HttpRequest *req, HttpResponse *res)
{
	delete_by_id(req, res, "duty.entry.delete", "duty_entry", duty_op_entry_delete);
}

void duty_api_shifts(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	json_t *out;

	if ((c = work_conn(req, res)) == NULL)
		return;
	out = duty_shifts(c, &err);
	answer(req, res, 200, out ? json_pack("{s:o}", "shifts", out) : NULL, err);
}

void duty_api_shifts_put(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!duty_op(req, "duty.shifts", "setting", duty_op_shifts, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	duty_api_shifts(req, res);
}

void duty_api_leave(HttpRequest *req, HttpResponse *res)
{
	const char *from = http_query(req, "from"), *to = http_query(req, "to");
	GError *err = NULL;
	DbConn *c;
	json_t *rows;

	for (int k = 0; k < 2; k++) {
		const char *v = k ? to : from;
		if (v && !core_date_valid(v)) {
			http_reply_error(res, 422, "invalid", N_("Give the date as YYYY-MM-DD."),
			                 k ? "to" : "from");
			return;
		}
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	rows = duty_leave_list(c, from, to, &err);
	answer(req, res, 200, rows ? json_pack("{s:o, s:n}", "items", rows, "next_cursor") : NULL,
	       err);
}

void duty_api_leave_create(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;
	DbConn *c;
	json_t *one;

	if (!duty_op(req, "duty.leave", "duty_leave", duty_op_leave, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	one = duty_leave_get(c, id, &err);
	answer(req, res, 201, one, err);
}

void duty_api_leave_delete(HttpRequest *req, HttpResponse *res)
{
	delete_by_id(req, res, "duty.leave.delete", "duty_leave", duty_op_leave_delete);
}

void duty_api_handovers(HttpRequest *req, HttpResponse *res)
{
	const char *limit = http_query(req, "limit"), *cursor = http_query(req, "cursor");
	gint64 n_limit = limit ? core_parse_id(limit) : 20, n_cursor = 0;
	GError *err = NULL;
	json_t *rows, *open;
	DbConn *c;

	if (n_limit < 1 || n_limit > 200) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."), "limit");
		return;
	}
	if (cursor && (n_cursor = core_parse_id(cursor)) <= 0) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."), "cursor");
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((rows = duty_handover_list(c, n_cursor, (int)n_limit, &err)) == NULL)
		goto fail;
	if ((open = duty_handover_open(c, &err)) == NULL) {
		json_decref(rows);
		goto fail;
	}
	http_reply_json(
	    res, 200,
	    json_pack(
	        "{s:o, s:o, s:o}", "items", rows, "next_cursor",
	        json_array_size(rows) == (size_t)n_limit
	            ? json_sprintf("%" JSON_INTEGER_FORMAT,
	                           json_integer_value(json_object_get(
	                               json_array_get(rows, json_array_size(rows) - 1), "id")))
	            : json_null(),
	        "open", open));
	return;
fail:
	work_fail(req, res, err, NULL);
}

void duty_api_handover(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	json_t *h;
	gint64 id;

	if (!auth_path_id(req, res, &id) || (c = work_conn(req, res)) == NULL)
		return;
	h = duty_handover_get(c, id, &err);
	answer(req, res, 200, h, err);
}

/* Answers handover ID with STATUS after an operation, as GET …/{id}. */
static void handover_reply(HttpRequest *req, HttpResponse *res, int status, gint64 id)
{
	GError *err = NULL;
	DbConn *c;
	json_t *h;

	if ((c = work_conn(req, res)) == NULL)
		return;
	h = duty_handover_get(c, id, &err);
	answer(req, res, status, h, err);
}

void duty_api_handover_create(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!duty_op(req, "duty.handover", "duty_handover", duty_op_handover, &o, &id, &field,
	             &err)) {
		work_fail(req, res, err, field);
		return;
	}
	handover_reply(req, res, 201, id);
}

void duty_api_handover_ack(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {0};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!auth_path_id(req, res, &o.id))
		return;
	if (!duty_op(req, "duty.handover.acknowledge", "duty_handover", duty_op_ack, &o, &id,
	             &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	handover_reply(req, res, 200, id);
}
