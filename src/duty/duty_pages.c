/*
 * duty_pages.c — the duty roster's pages: the month (GET /duty?month=: who is on duty now, the
 * roster by day and shift, the leave, the handover log with its open items, and for the duty
 * office the forms that add and remove entries, record leave and write a handover), its
 * printable form (GET /duty/print) and the header's line of who is on duty now. The forms run
 * the same audited operations as the API (duty_ops.c).
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_web.h"
#include "duty/duty_internal.h"
#include "app.h"
#include "core/core.h"
#include "site/site_module.h"
#include "work/work_web.h"

#include <string.h>

static GQuark work_quark(void)
{
	return WORK_ERROR;
}

static const SiteModuleErrors errors = {"duty",
                                        G_LOG_DOMAIN,
                                        work_quark,
                                        WORK_ERROR_DB,
                                        WORK_ERROR_CONFLICT,
                                        WORK_ERROR_NOT_FOUND,
                                        work_error_status,
                                        work_error_code};

/* The days of the week, Monday first (GDateWeekday 1–7). */
static const char *const weekday_names[] = {
    "",           N_("Monday"),   N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday")};

/* The flash's words for ?done=. */
static const char *done_title(HttpRequest *req, const char *step)
{
	static const struct {
		const char *step, *msgid;
	} steps[] = {
	    {"entry", N_("Added to the roster")}, {"entry-delete", N_("Removed from the roster")},
	    {"leave", N_("Leave recorded")},      {"leave-delete", N_("Leave removed")},
	    {"handover", N_("Handover written")}, {"ack", N_("Handover acknowledged")},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(steps); i++)
		if (g_strcmp0(step, steps[i].step) == 0)
			return http_tr(req, steps[i].msgid);
	return step;
}

/* The month MONTH ('YYYY-MM') moved by N months, as 'YYYY-MM'. g_free. */
static char *month_from(const char *from, int n)
{
	GDate d;

	core_date_parse(from, &d);
	if (n < 0)
		g_date_subtract_months(&d, 1);
	else
		g_date_add_months(&d, 1);
	return g_strdup_printf("%04d-%02d", g_date_get_year(&d), g_date_get_month(&d));
}

/* "孙磊（139…）、袁博（139…）" of the people PEOPLE, for reading. g_free. */
static char *people_text(json_t *people)
{
	GString *s = g_string_new(NULL);
	json_t *p;
	size_t i;

	json_array_foreach (people, i, p) {
		const char *phone = json_string_value(json_object_get(p, "phone"));
		if (i)
			g_string_append(s, "、");
		g_string_append(s, json_string_value(json_object_get(p, "name")));
		if (phone && *phone)
			g_string_append_printf(s, "（%s）", phone);
	}
	return g_string_free(s, FALSE);
}

char *duty_header_line(HttpRequest *req)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	g_autoptr(json_t) now = c ? duty_now(c, core_now(), &err) : NULL;
	json_t *leader, *officers, *o;
	GString *names;
	size_t i;

	if (now == NULL) {
		g_warning("header duty line: %s", err ? err->message : "no connection");
		g_clear_error(&err);
		return NULL;
	}
	leader = json_object_get(now, "leader");
	officers = json_object_get(now, "officers");
	if (!json_is_object(leader) && json_array_size(officers) == 0)
		return NULL;
	names = g_string_new(NULL);
	json_array_foreach (officers, i, o) {
		if (i)
			g_string_append(names, "、");
		g_string_append(names, json_string_value(json_object_get(o, "name")));
	}
	g_autofree char *who = g_string_free(names, FALSE);
	return g_strdup_printf(
	    site_tr_fmt(req, N_("On duty: leader %s, officers %s")),
	    json_is_object(leader) ? json_string_value(json_object_get(leader, "name")) : "—",
	    *who ? who : "—");
}

/* The office staff (enabled) as a <select>'s options, SELECTED (a username) chosen: the
 * people the forms offer (a 常委 leading a shift is named through the API). NULL with ERR. */
static json_t *people_options(DbConn *c, const char *selected, GError **err)
{
	json_t *rows =
	    duty_rows(c, err,
	              "SELECT u.username AS value, u.display_name AS name, "
	              "COALESCE(u.department, '') AS department FROM user_account u JOIN "
	              "user_role r ON r.user_id = u.id WHERE r.role = 'staff' AND "
	              "u.disabled = 0 ORDER BY u.id",
	              NULL);
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		const char *dep = json_string_value(json_object_get(r, "department"));
		g_autofree char *label =
		    *dep ? g_strdup_printf("%s（%s）",
		                           json_string_value(json_object_get(r, "name")), dep)
		         : g_strdup(json_string_value(json_object_get(r, "name")));
		json_object_set_new(r, "label", json_string(label));
		json_object_set_new(
		    r, "selected",
		    json_boolean(
		        g_strcmp0(selected, json_string_value(json_object_get(r, "value"))) == 0));
	}
	return rows;
}

/* Shapes ROSTER's days for the page's table: one row per day and shift with "weekday_name",
 * "leader_text", "officers_text", "is_today", "first" (the day's first shift: its date cell
 * spans "span" rows) and the people with their "delete_action". */
static json_t *table_rows(HttpRequest *req, json_t *roster, const char *today)
{
	json_t *out = json_array(), *day, *s;
	size_t i, k;

	json_array_foreach (json_object_get(roster, "days"), i, day) {
		json_int_t wd = json_integer_value(json_object_get(day, "weekday"));
		const char *date = json_string_value(json_object_get(day, "date"));
		json_t *shifts = json_object_get(day, "shifts");

		json_array_foreach (shifts, k, s) {
			json_t *leader = json_object_get(s, "leader"), *people = json_array(), *p;
			g_autofree char *officers = people_text(json_object_get(s, "officers"));
			g_autofree char *lead = NULL;
			size_t j;

			if (json_is_object(leader)) {
				json_t *one = json_pack("[O]", leader);
				lead = people_text(one);
				json_decref(one);
				json_array_append(people, leader);
			}
			json_array_extend(people, json_object_get(s, "officers"));
			json_array_foreach (people, j, p)
				json_object_set_new(
				    p, "delete_action",
				    json_sprintf("/duty/entries/%" JSON_INTEGER_FORMAT "/delete",
				                 json_integer_value(json_object_get(p, "id"))));
			json_array_append_new(
			    out, json_pack("{s:s, s:s, s:b, s:b, s:i, s:O, s:s++, s:s, s:s, s:o}",
			                   "date", date, "weekday_name",
			                   http_tr(req, weekday_names[wd >= 1 && wd <= 7 ? wd : 1]),
			                   "is_today", g_strcmp0(date, today) == 0, "first", k == 0,
			                   "span", (int)json_array_size(shifts), "shift",
			                   json_object_get(s, "name"), "time",
			                   json_string_value(json_object_get(s, "from")), "–",
			                   json_string_value(json_object_get(s, "to")),
			                   "leader_text", lead ? lead : "", "officers_text",
			                   officers, "people", people));
		}
	}
	return out;
}

/* Adds to M the handover log: "handovers" (the latest ten, each with "can_ack" for U, the
 * incoming officer who has not acknowledged it, and "created_text"), "open" (the items open
 * now) and whether there are any. FALSE with ERR. */
static gboolean handover_model(DbConn *c, const AuthUser *u, json_t *m, GError **err)
{
	json_t *list = duty_handover_list(c, 0, 10, err), *open, *h;
	size_t i;

	if (list == NULL)
		return FALSE;
	if ((open = duty_handover_open(c, err)) == NULL) {
		json_decref(list);
		return FALSE;
	}
	json_array_foreach (list, i, h) {
		json_t *ack = json_object_get(h, "acknowledged_at");
		site_module_set_time(h, "created_text",
		                     json_integer_value(json_object_get(h, "created_at")));
		if (json_is_integer(ack))
			site_module_set_time(h, "acknowledged_text", json_integer_value(ack));
		json_object_set_new(
		    h, "can_ack",
		    json_boolean(!json_is_integer(ack) &&
		                 json_integer_value(json_object_get(h, "to_id")) == u->id));
		json_object_set_new(h, "ack_action",
		                    json_sprintf("/duty/handovers/%" JSON_INTEGER_FORMAT
		                                 "/acknowledge",
		                                 json_integer_value(json_object_get(h, "id"))));
		json_object_set_new(
		    h, "has_carried",
		    json_boolean(json_array_size(json_object_get(h, "carried")) > 0));
		json_object_set_new(
		    h, "has_opened",
		    json_boolean(json_array_size(json_object_get(h, "opened")) > 0));
		json_object_set_new(
		    h, "has_closed",
		    json_boolean(json_array_size(json_object_get(h, "closed")) > 0));
	}
	json_object_set_new(m, "has_handovers", json_boolean(json_array_size(list) > 0));
	json_object_set_new(m, "handovers", list);
	json_object_set_new(m, "has_open", json_boolean(json_array_size(open) > 0));
	json_object_set_new(m, "open", open);
	return TRUE;
}

/* The month page for ?month= (or MONTH: the month a refused form was for), with ERROR at
 * FIELD after a refusal; PRINT: the printable roster only. */
static void month_page(HttpRequest *req, HttpResponse *res, int status, const char *month,
                       const char *error, const char *field, gboolean print)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autofree char *from = NULL, *to = NULL, *today = core_time_format(core_now(), "%Y-%m-%d");
	g_autofree char *m_text = NULL, *prev = NULL, *next = NULL;
	json_t *roster = NULL, *now = NULL, *people = NULL, *m, *leave, *l;
	gboolean bad = FALSE;
	size_t i;

	if (month == NULL)
		month = http_query(req, "month");
	if (month && *month && !duty_month_days(month, &from, &to))
		bad = TRUE;
	if (from == NULL) {
		g_autofree char *mm = g_strndup(today, 7);
		duty_month_days(mm, &from, &to);
	}
	m_text = g_strndup(from, 7);
	if (c == NULL || (roster = duty_roster(c, from, to, &err)) == NULL ||
	    (now = duty_now(c, core_now(), &err)) == NULL ||
	    (people = people_options(c, auth_page_form(req, "user"), &err)) == NULL) {
		json_decref(roster);
		json_decref(now);
		site_module_fail(req, res, &errors, err);
		return;
	}
	m = site_module_model(req, print ? N_("Duty roster (print)") : N_("Duty roster"), NULL, 0,
	                      NULL);
	json_object_set_new(m, "can_manage", json_boolean(auth_can(u, "duty.manage")));
	json_object_set_new(m, "month", json_string(m_text));
	prev = month_from(from, -1);
	next = month_from(from, 1);
	json_object_set_new(m, "prev_href", json_sprintf("/duty?month=%s", prev));
	json_object_set_new(m, "next_href", json_sprintf("/duty?month=%s", next));
	json_object_set_new(m, "print_href", json_sprintf("/duty/print?month=%s", m_text));
	json_object_set_new(m, "xlsx_href", json_sprintf("/api/v1/duty.xlsx?month=%s", m_text));
	json_object_set_new(m, "heading",
	                    json_sprintf(site_tr_fmt(req, N_("Duty roster of %s")), m_text));
	json_object_set_new(m, "rows", table_rows(req, roster, today));
	json_object_set_new(m, "shifts", json_deep_copy(json_object_get(roster, "shifts")));
	/* a refused form keeps what was chosen */
	json_array_foreach (json_object_get(m, "shifts"), i, l)
		json_object_set_new(
		    l, "selected",
		    json_boolean(g_strcmp0(http_form(req, "shift"),
		                           json_string_value(json_object_get(l, "code"))) == 0));
	json_object_set_new(m, "role_leader",
	                    json_boolean(g_strcmp0(http_form(req, "role"), "leader") == 0));
	json_object_set_new(m, "revision", json_incref(json_object_get(roster, "revision")));
	leave = json_incref(json_object_get(roster, "leave"));
	json_array_foreach (leave, i, l)
		json_object_set_new(l, "delete_action",
		                    json_sprintf("/duty/leave/%" JSON_INTEGER_FORMAT "/delete",
		                                 json_integer_value(json_object_get(l, "id"))));
	json_object_set_new(m, "has_leave", json_boolean(json_array_size(leave) > 0));
	json_object_set_new(m, "leave", leave);
	{
		g_autofree char *officers = people_text(json_object_get(now, "officers"));
		json_t *leader = json_object_get(now, "leader");
		json_object_set_new(
		    m, "now",
		    json_pack("{s:O, s:O, s:s, s:s, s:b}", "date", json_object_get(now, "date"),
		              "shift", json_object_get(now, "shift"), "leader_text",
		              json_is_object(leader)
		                  ? json_string_value(json_object_get(leader, "name"))
		                  : "",
		              "officers_text", officers, "some",
		              json_is_object(leader) ||
		                  json_array_size(json_object_get(now, "officers")) > 0));
	}
	json_decref(now);
	json_decref(roster);
	if (!print && !handover_model(c, u, m, &err)) {
		json_decref(people);
		json_decref(m);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_object_set_new(m, "people", people);
	json_object_set_new(m, "form",
	                    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "date",
	                              http_form(req, "date") ? http_form(req, "date") : today,
	                              "phone", auth_page_form(req, "phone"), "from",
	                              http_form(req, "from") ? http_form(req, "from") : today, "to",
	                              http_form(req, "to") ? http_form(req, "to") : today, "reason",
	                              auth_page_form(req, "reason"), "notes",
	                              auth_page_form(req, "notes")));
	json_object_set_new(m, "print", json_boolean(print));
	site_module_flash_done(req, m, done_title);
	if (error || bad)
		site_module_set_error(
		    m, error ? error : http_tr(req, N_("Give the month as YYYY-MM.")),
		    error ? field : "month");
	http_reply_model(res, bad && !error ? 422 : status, m, print ? "duty/print" : "duty/month");
}

void duty_page(HttpRequest *req, HttpResponse *res)
{
	month_page(req, res, 200, NULL, NULL, NULL, FALSE);
}

void duty_page_print(HttpRequest *req, HttpResponse *res)
{
	month_page(req, res, 200, NULL, NULL, NULL, TRUE);
}

/* After operation ACTION (FN on O) from a form: back to the month of the form's "month" with
 * ?done=DONE, or the page again with the refusal. */
static void form_done(HttpRequest *req, HttpResponse *res, const char *action, const char *kind,
                      DutyOpFn fn, DutyOp *o, const char *done)
{
	const char *month = http_form(req, "month");
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (month && strlen(month) != 7)
		month = NULL;
	if (duty_op(req, action, kind, fn, o, &id, &field, &err)) {
		g_autofree char *to = month ? g_strdup_printf("/duty?month=%s&done=%s", month, done)
		                            : g_strdup_printf("/duty?done=%s", done);
		json_decref(o->problems);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		/* one row: the row's own reason names the conflict */
		const char *why = o->problems && json_array_size(o->problems)
		                      ? json_string_value(json_object_get(
		                            json_array_get(o->problems, 0), "message"))
		                      : site_module_message(req, &errors, err);
		g_autofree char *copy = g_strdup(why);
		json_decref(o->problems);
		month_page(req, res, work_error_status(err), month, copy, field, FALSE);
		g_error_free(err);
	} else {
		json_decref(o->problems);
		site_module_fail(req, res, &errors, err);
	}
}

/* The form's fields NAMES as a JSON body (absent or blank ones left out). */
static json_t *form_body(HttpRequest *req, const char *const *names, gsize n)
{
	json_t *body = json_object();

	for (gsize i = 0; i < n; i++) {
		g_autofree char *v = site_module_field(req, names[i]);
		if (*v)
			json_object_set_new(body, names[i], json_string(v));
	}
	return body;
}

void duty_page_entry_create(HttpRequest *req, HttpResponse *res)
{
	static const char *const names[] = {"date", "shift", "role", "user", "phone"};
	g_autoptr(json_t) body = form_body(req, names, G_N_ELEMENTS(names));
	DutyOp o = {.body = body, .revision = -1};

	form_done(req, res, "duty.entry", "duty_entry", duty_op_entry, &o, "entry");
}

void duty_page_entry_delete(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {0};

	if (!auth_path_id(req, res, &o.id))
		return;
	form_done(req, res, "duty.entry.delete", "duty_entry", duty_op_entry_delete, &o,
	          "entry-delete");
}

void duty_page_leave_create(HttpRequest *req, HttpResponse *res)
{
	static const char *const names[] = {"user", "from", "to", "reason"};
	g_autoptr(json_t) body = form_body(req, names, G_N_ELEMENTS(names));
	DutyOp o = {.body = body};

	form_done(req, res, "duty.leave", "duty_leave", duty_op_leave, &o, "leave");
}

void duty_page_leave_delete(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {0};

	if (!auth_path_id(req, res, &o.id))
		return;
	form_done(req, res, "duty.leave.delete", "duty_leave", duty_op_leave_delete, &o,
	          "leave-delete");
}

void duty_page_handover_create(HttpRequest *req, HttpResponse *res)
{
	static const char *const names[] = {"to", "notes"};
	g_autoptr(json_t) body = form_body(req, names, G_N_ELEMENTS(names));
	g_autofree char *items = site_module_field(req, "items");
	g_autoptr(json_t) open = NULL;
	json_t *list = json_array(), *close = json_array(), *x;
	DutyOp o = {.body = body};
	GError *err = NULL;
	DbConn *c;
	size_t i;

	/* one open item a line */
	if (*items) {
		g_auto(GStrv) lines = g_strsplit(items, "\n", 52);
		for (int k = 0; lines[k]; k++) {
			g_strstrip(lines[k]);
			if (*lines[k])
				json_array_append_new(list, json_string(lines[k]));
		}
	}
	json_object_set_new(body, "items", list);
	/* the open items ticked as done: a checkbox close_ID each */
	if ((c = site_module_conn(req, &errors, &err)) == NULL ||
	    (open = duty_handover_open(c, &err)) == NULL) {
		json_decref(close);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (open, i, x) {
		g_autofree char *name = g_strdup_printf(
		    "close_%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(x, "id")));
		if (http_form(req, name))
			json_array_append(close, json_object_get(x, "id"));
	}
	json_object_set_new(body, "close", close);
	form_done(req, res, "duty.handover", "duty_handover", duty_op_handover, &o, "handover");
}

void duty_page_handover_ack(HttpRequest *req, HttpResponse *res)
{
	DutyOp o = {0};

	if (!auth_path_id(req, res, &o.id))
		return;
	form_done(req, res, "duty.handover.acknowledge", "duty_handover", duty_op_ack, &o, "ack");
}
