/*
 * info_activity_pages.c — the pages of the leaders' activities and of the scores: the week's
 * activities with the coverage check and the form recording one (GET|POST /activities, POST
 * /activities/{id}/delete), and the units' ranking with its chart, its workbook and the rules
 * (GET /scores). The forms run the same audited operations as the API (info_ops.c).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_pages.h"
#include "info/info_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/work_web.h"

#include <string.h>

#define errors info_page_errors

/* The week N weeks from the one starting on MONDAY, as 'YYYY-Www'. g_free. */
static char *week_from(const GDate *monday, int n)
{
	GDate d = *monday;

	if (n < 0)
		g_date_subtract_days(&d, (guint)(-n) * 7);
	else
		g_date_add_days(&d, (guint)n * 7);
	return core_week_format(&d);
}

/* The flash's words for ?done=record|delete. */
static const char *done_title(HttpRequest *req, const char *step)
{
	if (g_strcmp0(step, "record") == 0)
		return http_tr(req, N_("Activity recorded"));
	if (g_strcmp0(step, "delete") == 0)
		return http_tr(req, N_("Activity deleted"));
	return step;
}

/* The 常委 of MEMBERS as a <select>'s options, the one with id SELECTED chosen. */
static json_t *leader_options(json_t *members, gint64 selected)
{
	json_t *out = json_array(), *m;
	size_t i;

	json_array_foreach (members, i, m)
		json_array_append_new(
		    out,
		    json_pack("{s:O, s:O, s:b}", "value", json_object_get(m, "leader_id"), "label",
		              json_object_get(m, "name"), "selected",
		              json_integer_value(json_object_get(m, "leader_id")) == selected));
	return out;
}

/* The page of the week of ?week= (or of WEEK when given: the week a refused form was for),
 * with ERROR at FIELD after a refusal. */
static void activities_page(HttpRequest *req, HttpResponse *res, int status, const char *week,
                            const char *error, const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) domains = NULL;
	g_autofree char *from = NULL, *to = NULL, *prev = NULL, *next = NULL, *date = NULL;
	json_t *rows = NULL, *cov = NULL, *members, *m, *r;
	InfoActivityFilter f = {.limit = 1000};
	const char *bad = NULL;
	GDate monday, sunday;
	size_t i;

	if (week == NULL)
		week = http_query(req, "week");
	if (!info_week_monday(week, &monday)) {
		bad = http_tr(req, N_("Give the week as YYYY-Www, an ISO week such as 2026-W49."));
		info_week_monday(NULL, &monday);
	}
	sunday = monday;
	g_date_add_days(&sunday, 6);
	from = core_date_format(&monday);
	to = core_date_format(&sunday);
	f.from = from;
	f.to = to;
	if (c == NULL || (rows = info_activity_list(c, &f, &err)) == NULL ||
	    (cov = info_coverage(c, &monday, &err)) == NULL ||
	    (domains = org_domains(c, &err)) == NULL) {
		json_decref(rows);
		json_decref(cov);
		site_module_fail(req, res, &errors, err);
		return;
	}
	m = info_page_model(req, N_("Leaders' activities"), "activities");
	prev = week_from(&monday, -1);
	next = week_from(&monday, 1);
	json_array_foreach (rows, i, r) {
		g_autofree char *action =
		    g_strdup_printf("/activities/%" JSON_INTEGER_FORMAT "/delete",
		                    json_integer_value(json_object_get(r, "id")));
		json_object_set_new(r, "delete_action", json_string(action));
	}
	/* the 常委 of the week, the form's choice: those missing first */
	members = json_array();
	json_array_extend(members, json_object_get(cov, "missing"));
	json_array_extend(members, json_object_get(cov, "covered"));
	json_object_set_new(m, "week", json_incref(json_object_get(cov, "week")));
	json_object_set_new(m, "from", json_string(from));
	json_object_set_new(m, "to", json_string(to));
	json_object_set_new(m, "prev_href", json_sprintf("/activities?week=%s", prev));
	json_object_set_new(m, "next_href", json_sprintf("/activities?week=%s", next));
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "rows", rows);
	json_object_set_new(m, "missing", json_incref(json_object_get(cov, "missing")));
	json_object_set_new(m, "has_missing",
	                    json_boolean(json_array_size(json_object_get(cov, "missing")) > 0));
	json_object_set_new(m, "covered", json_incref(json_object_get(cov, "covered")));
	json_object_set_new(m, "uncovered",
	                    json_incref(json_object_get(cov, "portfolios_without_report")));
	json_object_set_new(
	    m, "has_uncovered",
	    json_boolean(json_array_size(json_object_get(cov, "portfolios_without_report")) > 0));
	json_object_set_new(m, "month", json_incref(json_object_get(cov, "month")));
	date = g_strdup(http_form(req, "date") ? http_form(req, "date") : from);
	json_object_set_new(m, "form",
	                    json_pack("{s:s, s:s, s:s}", "date", date, "place",
	                              auth_page_form(req, "place"), "topic",
	                              auth_page_form(req, "topic")));
	json_object_set_new(m, "leader_options",
	                    leader_options(members, http_form(req, "leader")
	                                                ? core_parse_id(http_form(req, "leader"))
	                                                : 0));
	json_decref(members);
	json_object_set_new(m, "domain_options",
	                    site_module_domain_options(domains, http_form(req, "domain")));
	json_decref(cov);
	site_module_flash_done(req, m, done_title);
	if (error || bad)
		site_module_set_error(m, error ? error : bad, error ? field : "week");
	http_reply_model(res, bad && !error ? 422 : status, m, "info/activities");
}

void info_page_activities(HttpRequest *req, HttpResponse *res)
{
	activities_page(req, res, 200, NULL, NULL, NULL);
}

void info_page_activity_create(HttpRequest *req, HttpResponse *res)
{
	static const char *const names[] = {"date", "place", "topic", "domain"};
	g_autoptr(json_t) body = json_object();
	g_autofree char *leader = site_module_field(req, "leader"), *to = NULL, *week = NULL;
	InfoOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;
	GDate d;
	gint64 id = 0;

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *v = site_module_field(req, names[i]);
		if (*v)
			json_object_set_new(body, names[i], json_string(v));
	}
	/* the form's choice is a leader id */
	if (*leader)
		json_object_set_new(body, "leader",
		                    core_parse_id(leader) > 0 ? json_integer(core_parse_id(leader))
		                                              : json_string(leader));
	week = core_date_parse(http_form(req, "date"), &d) ? core_week_format(&d) : NULL;
	if (info_op_on(req, "info.activity", "leader_activity", info_op_activity, &o, &id, &field,
	               &err)) {
		to = g_strdup_printf("/activities?week=%s&done=record", week);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		activities_page(req, res, work_error_status(err),
		                week ? week : http_form(req, "week"),
		                site_module_message(req, &errors, err), field);
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}

void info_page_activity_delete(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {0};
	const char *field = NULL, *week = http_form(req, "week");
	g_autofree char *to = NULL;
	GError *err = NULL;
	GDate monday;
	gint64 id;

	if (!auth_path_id(req, res, &o.id))
		return;
	if (!info_op_on(req, "info.activity.delete", "leader_activity", info_op_activity_delete, &o,
	                &id, &field, &err)) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	if (!info_week_monday(week, &monday))
		week = NULL;
	to = week ? g_strdup_printf("/activities?week=%s&done=delete", week)
	          : g_strdup("/activities?done=delete");
	http_reply_redirect(res, 303, to);
}

/* ---- the scores --------------------------------------------------------------------------- */

void info_page_scores(HttpRequest *req, HttpResponse *res)
{
	const char *year = http_query(req, "year"), *month = http_query(req, "month");
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autofree char *chart = NULL, *xlsx = NULL;
	json_t *scores, *m, *names, *points, *months, *r, *rules;
	gboolean bad = FALSE;
	int y = 0, mo = 0;
	size_t i;

	if (!info_score_period(year, month, &y, &mo, &field)) {
		bad = TRUE;
		info_score_period(NULL, NULL, &y, &mo, &field);
	}
	if (c == NULL || (scores = info_scores(c, y, mo, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	m = info_page_model(req, N_("Scores"), "scores");
	names = json_array();
	points = json_array();
	json_array_foreach (json_object_get(scores, "items"), i, r) {
		json_array_append(names, json_object_get(r, "name"));
		json_array_append(points, json_object_get(r, "points"));
	}
	{
		g_autoptr(json_t) data =
		    json_pack("{s:{s:o, s:o}, s:{s:s}}", "scores", "names", names, "points", points,
		              "labels", "points", http_tr(req, N_("Points")));
		chart = site_module_script_json(data);
	}
	months = json_array();
	for (int k = 0; k <= 12; k++)
		json_array_append_new(months,
		                      json_pack("{s:i, s:b}", "value", k, "selected", k == mo));
	xlsx = mo ? g_strdup_printf("/api/v1/scores.xlsx?year=%d&month=%d", y, mo)
	          : g_strdup_printf("/api/v1/scores.xlsx?year=%d", y);
	rules = json_object_get(scores, "rules");
	json_object_set_new(m, "year", json_integer(y));
	json_object_set_new(m, "month", mo ? json_integer(mo) : json_null());
	json_object_set_new(m, "month_options", months);
	json_object_set_new(m, "xlsx_href", json_string(xlsx));
	json_object_set_new(m, "items", json_incref(json_object_get(scores, "items")));
	json_object_set_new(m, "has_items",
	                    json_boolean(json_array_size(json_object_get(scores, "items")) > 0));
	json_object_set_new(m, "rules", json_incref(rules));
	json_object_set_new(
	    m, "combine_max",
	    json_boolean(g_strcmp0(json_string_value(json_object_get(rules, "combine")), "max") ==
	                 0));
	json_object_set_new(m, "trusted_charts_json", json_string(chart));
	json_decref(scores);
	if (bad)
		site_module_set_error(
		    m,
		    http_tr(req, strcmp(field, "year") == 0
		                     ? N_("The year is a number from 2000 to 2200.")
		                     : N_("The month is a number from 1 to 12.")),
		    field);
	http_reply_model(res, bad ? 422 : 200, m, "info/scores");
}
