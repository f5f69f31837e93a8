/*
 * task_stats_pages.c — the statistics of supervision (GET /tasks/stats?from=&to=): per leader
 * (instructions given, open, closed, overdue) and per unit (total, closed, on-time rate,
 * overdue), straight from tasks_stats, as tables that print as the 督查通报 and as bar charts
 * drawn by static/js/charts.js from the same numbers embedded as JSON; and the chasing policy
 * (GET and POST /tasks/policy, office staff): the reminder and 严重逾期 thresholds, with the
 * holiday schedules the working-day calendar has and the years it was asked about without one.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/task_pages.h"
#include "tasks/tasks_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"

#include <stdlib.h>
#include <string.h>

/* ---- GET /tasks/stats ---------------------------------------------------------------------- */

/* RATE (0..1) as a percentage with at most one decimal ("66.7%", "100%"). g_free. */
static char *percent(double rate)
{
	long tenths = (long)(rate * 1000.0 + 0.5);

	if (tenths % 10 == 0)
		return g_strdup_printf("%ld%%", tenths / 10);
	return g_strdup_printf("%ld.%ld%%", tenths / 10, tenths % 10);
}

/* Appends the integer KEY of ROW to the JSON array of KEY in SERIES. */
static void push(json_t *series, const char *key, json_t *row)
{
	json_array_append(json_object_get(series, key), json_object_get(row, key));
}

/* The numbers the charts draw, as JSON safe inside a <script type="application/json"> block
 * (no "<", ">" or "&" left: they are written as \u escapes). g_free. */
static char *charts_json(HttpRequest *req, json_t *stats)
{
	json_t *units = json_pack("{s:[], s:[], s:[], s:[]}", "names", "closed", "open", "overdue");
	json_t *leaders = json_pack("{s:[], s:[], s:[], s:[], s:[]}", "names", "instructions",
	                            "open", "closed", "overdue");
	json_t *all, *r;
	char *text;
	size_t i;

	json_array_foreach (json_object_get(stats, "units"), i, r) {
		json_int_t total = json_integer_value(json_object_get(r, "total"));
		json_int_t closed = json_integer_value(json_object_get(r, "closed"));
		json_array_append(json_object_get(units, "names"), json_object_get(r, "name"));
		push(units, "closed", r);
		push(units, "overdue", r);
		json_array_append_new(json_object_get(units, "open"), json_integer(total - closed));
	}
	json_array_foreach (json_object_get(stats, "leaders"), i, r) {
		json_array_append(json_object_get(leaders, "names"), json_object_get(r, "name"));
		push(leaders, "instructions", r);
		push(leaders, "open", r);
		push(leaders, "closed", r);
		push(leaders, "overdue", r);
	}
	all = json_pack("{s:o, s:o, s:{s:s, s:s, s:s, s:s}}", "units", units, "leaders", leaders,
	                "labels", "closed", http_tr(req, N_("Closed")), "open",
	                http_tr(req, N_("Open")), "overdue", http_tr(req, N_("Overdue")),
	                "instructions", http_tr(req, N_("Instructions given")));
	text = site_module_script_json(all);
	json_decref(all);
	return text;
}

/* GET /tasks/stats?from=&to=: the statistics of the tasks assigned in the period (every task
 * when no period is given), printable as the 督查通报. */
void tasks_page_stats(HttpRequest *req, HttpResponse *res)
{
	const char *from = http_query(req, "from"), *to = http_query(req, "to");
	const char *error = NULL, *field = NULL;
	TasksFilter f = {.limit = 5000};
	GError *err = NULL;
	DbConn *c;
	json_t *m, *stats = NULL, *r;
	g_autofree char *chart = NULL, *period = NULL;
	size_t i;

	f.from = from && *from ? from : NULL;
	f.to = to && *to ? to : NULL;
	if ((f.from && !core_date_valid(f.from)) || (f.to && !core_date_valid(f.to))) {
		error = N_("Write the date as YYYY-MM-DD.");
		field = f.from && !core_date_valid(f.from) ? "from" : "to";
	}
	if ((c = tasks_page_conn(req, &err)) == NULL ||
	    (error == NULL && (stats = tasks_stats(c, auth_current(req), &f, &err)) == NULL)) {
		tasks_page_fail(req, res, err);
		return;
	}
	m = tasks_page_model(req, N_("Supervision statistics"), "stats");
	json_object_set_new(m, "from", auth_page_text(from));
	json_object_set_new(m, "to", auth_page_text(to));
	if (f.from || f.to)
		period = g_strdup_printf(site_tr_fmt(req, N_("From %s to %s")), /* %s至%s */
		                         f.from ? f.from : "…", f.to ? f.to : "…");
	else
		period = g_strdup(http_tr(req, N_("Every task so far"))); /* 全部督查事项 */
	json_object_set_new(m, "period_text", json_string(period));
	if (error) {
		site_module_set_error(m, http_tr(req, error), field);
		http_reply_model(res, 422, m, "tasks/stats");
		return;
	}
	json_array_foreach (json_object_get(stats, "units"), i, r) {
		json_t *rate = json_object_get(r, "on_time_rate");
		json_int_t total = json_integer_value(json_object_get(r, "total"));
		json_int_t closed = json_integer_value(json_object_get(r, "closed"));
		g_autofree char *text =
		    json_is_number(rate) ? percent(json_number_value(rate)) : NULL;
		g_autofree char *href = NULL;
		g_autofree char *esc =
		    g_uri_escape_string(json_string_value(json_object_get(r, "unit")), NULL, FALSE);

		href = g_strdup_printf("/tasks?unit=%s", esc);
		json_object_set_new(r, "rate_text", text ? json_string(text) : json_string("—"));
		json_object_set_new(r, "open", json_integer(total - closed));
		json_object_set_new(r, "href", json_string(href));
		json_object_set_new(
		    r, "late", json_boolean(json_integer_value(json_object_get(r, "overdue")) > 0));
	}
	json_array_foreach (json_object_get(stats, "leaders"), i, r) {
		g_autofree char *href =
		    g_strdup_printf("/tasks?leader=%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(r, "leader_id")));
		json_object_set_new(r, "href", json_string(href));
		json_object_set_new(
		    r, "late", json_boolean(json_integer_value(json_object_get(r, "overdue")) > 0));
	}
	{
		json_t *tot = json_object_get(stats, "totals");
		json_int_t closed = json_integer_value(json_object_get(tot, "closed"));
		g_autofree char *rate =
		    closed ? percent((double)json_integer_value(json_object_get(tot, "on_time")) /
		                     (double)closed)
		           : g_strdup("—");
		json_object_set_new(tot, "rate_text", json_string(rate));
	}
	chart = charts_json(req, stats);
	json_object_set_new(m, "trusted_charts_json", json_string(chart));
	json_object_set_new(m, "has_units",
	                    json_boolean(json_array_size(json_object_get(stats, "units")) > 0));
	json_object_set_new(m, "stats", stats);
	http_reply_model(res, 200, m, "tasks/stats");
}

/* ---- GET and POST /tasks/policy ------------------------------------------------------------ */

/* The years of Y (a GArray of int) as "2025、2026"; "" when none. g_free. */
static char *years_text(GArray *y)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < y->len; i++)
		g_string_append_printf(s, "%s%d", i ? "、" : "", g_array_index(y, int, i));
	return g_string_free(s, FALSE);
}

/* Renders the policy form with STATUS: P's values, or the request's when TYPED; ERROR
 * (translated) at FIELD. */
static void policy_reply(HttpRequest *req, HttpResponse *res, int status, const TasksPolicy *p,
                         gboolean typed, const char *error, const char *field)
{
	GArray *years = core_calendar_years(), *missing = core_calendar_missing_years();
	g_autofree char *loaded = years_text(years);
	g_autofree char *rb = g_strdup_printf("%d", p->remind_before);
	g_autofree char *ra = g_strdup_printf("%d", p->red_after);
	json_t *m = tasks_page_model(req, N_("Chasing rules"), "policy"), *notices = json_array();

	for (guint i = 0; i < missing->len; i++) {
		g_autofree char *text = g_strdup_printf(
		    site_tr_fmt(req,
		                N_("%d: no holiday schedule, so only weekends are rest days.")),
		    g_array_index(missing, int, i)); /* %d年无节假日安排，按周末计算 */
		json_array_append_new(
		    notices,
		    json_pack("{s:i, s:s}", "year", g_array_index(missing, int, i), "text", text));
	}
	json_object_set_new(m, "values",
	                    json_pack("{s:o, s:o}", "remind_before",
	                              auth_page_text(typed ? http_form(req, "remind_before") : rb),
	                              "red_after",
	                              auth_page_text(typed ? http_form(req, "red_after") : ra)));
	json_object_set_new(m, "years_text", json_string(loaded));
	json_object_set_new(m, "has_years", json_boolean(years->len > 0));
	json_object_set_new(m, "missing", notices);
	json_object_set_new(m, "has_missing", json_boolean(missing->len > 0));
	if (error)
		site_module_set_error(m, error, field);
	if (status == 200 && g_strcmp0(http_query(req, "saved"), "1") == 0)
		site_module_flash(m, "success", http_tr(req, N_("The changes have been saved.")));
	g_array_unref(years);
	g_array_unref(missing);
	http_reply_model(res, status, m, "tasks/policy");
}

/* GET /tasks/policy: the thresholds and the calendar's holiday schedules. */
void tasks_page_policy(HttpRequest *req, HttpResponse *res)
{
	TasksPolicy p;
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);

	if (c == NULL || !tasks_policy_load(c, &p, &err)) {
		tasks_page_fail(req, res, err);
		return;
	}
	policy_reply(req, res, 200, &p, FALSE, NULL, NULL);
}

/* The form field NAME as a whole number from LO to HI into *OUT; FALSE when it is not one. */
static gboolean number_field(HttpRequest *req, const char *name, int lo, int hi, int *out)
{
	g_autofree char *v = tasks_page_field(req, name);
	gsize n = strlen(v);

	if (n == 0 || n > 3)
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isdigit(v[i]))
			return FALSE;
	*out = atoi(v);
	return *out >= lo && *out <= hi;
}

/* POST /tasks/policy (csrf_token, remind_before, red_after): stores the thresholds. */
void tasks_page_policy_post(HttpRequest *req, HttpResponse *res)
{
	TasksPolicy p;
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	const char *field = NULL;
	json_t *detail;

	if (c == NULL || !tasks_policy_load(c, &p, &err)) {
		tasks_page_fail(req, res, err);
		return;
	}
	if (!number_field(req, "remind_before", 0, 30, &p.remind_before))
		field = "remind_before";
	else if (!number_field(req, "red_after", 1, 60, &p.red_after))
		field = "red_after";
	if (field) {
		policy_reply(
		    req, res, 422, &p, TRUE,
		    http_tr(req, N_("Remind 0 to 30 working days before; red after 1 to 60.")),
		    field);
		return;
	}
	detail =
	    json_pack("{s:i, s:i}", "remind_before", p.remind_before, "red_after", p.red_after);
	if (!tasks_op_policy(app_db(req), auth_current(req), http_remote_addr(req), &p, detail,
	                     &err)) {
		json_decref(detail);
		if (!tasks_page_refusal(err)) {
			tasks_page_fail(req, res, err);
			return;
		}
		policy_reply(req, res, work_error_status(err), &p, TRUE,
		             tasks_page_message(req, err), NULL);
		g_error_free(err);
		return;
	}
	json_decref(detail);
	http_reply_redirect(res, 303, "/tasks/policy?saved=1");
}
