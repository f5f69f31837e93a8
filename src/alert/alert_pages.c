/*
 * alert_pages.c — the emergency pages: the incidents (GET /incidents, the overdue reports
 * first for the leader on duty), a new incident (GET|POST /incidents/new) and one incident
 * (GET /incidents/{id}): the clock of the next report, one-click 签收, the recipients with their
 * reasons, the escalations, the reports and the whole timeline, a form per step. Every form
 * posts to a page route that runs the same audited operation as the API.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_web.h"
#include "alert/alert_internal.h"
#include "app.h"
#include "core/core.h"
#include "org/org.h"
#include "site/site_module.h"
#include "tasks/task_pages.h"
#include "tasks/tasks.h"
#include "work/work_web.h"

#include <string.h>

static const SiteSubnav subnav[] = {
    {"/incidents", N_("Incidents"), "list", FALSE},            /* 突发事件 */
    {"/incidents/new", N_("Record an incident"), "new", TRUE}, /* 登记 */
    {"/duty", N_("Duty roster"), "duty", FALSE},               /* 值班表 */
};

static GQuark work_quark(void)
{
	return WORK_ERROR;
}

static const SiteModuleErrors errors = {
    "emergency",         G_LOG_DOMAIN,         work_quark,        WORK_ERROR_DB,
    WORK_ERROR_CONFLICT, WORK_ERROR_NOT_FOUND, work_error_status, work_error_code};

static json_t *page_model(HttpRequest *req, const char *title, const char *section)
{
	return site_module_model(req, title, subnav, G_N_ELEMENTS(subnav), section);
}

/* "1小时20分" / "1 h 20 min" for SECONDS (≥ 0). */
static char *span_words(HttpRequest *req, gint64 seconds)
{
	gint64 m = (seconds + 59) / 60;

	if (m >= 60)
		return g_strdup_printf(site_tr_fmt(req, N_("%d h %d min")), (int)(m / 60),
		                       (int)(m % 60));
	return g_strdup_printf(site_tr_fmt(req, N_("%d min")), (int)m);
}

/* Adds to row R what its list shows: href, status class, the level's badge class, the due
 * time's words and whether it is late. */
static void row_model(json_t *r)
{
	g_autofree char *href = g_strdup_printf("/incidents/%" JSON_INTEGER_FORMAT,
	                                        json_integer_value(json_object_get(r, "id")));
	json_int_t level = json_integer_value(json_object_get(r, "level"));
	const char *status = json_string_value(json_object_get(r, "status"));

	json_object_set_new(r, "href", json_string(href));
	json_object_set_new(r, "level_class",
	                    json_string(level == 1 || level == 2 ? "severe"
	                                : level == 3             ? "soon"
	                                                         : "todo"));
	json_object_set_new(r, "status_class",
	                    json_string(g_strcmp0(status, "open") == 0     ? "todo"
	                                : g_strcmp0(status, "closed") == 0 ? "ok"
	                                                                   : "void"));
	site_module_set_time(r, "learned_text",
	                     json_integer_value(json_object_get(r, "learned_at")));
}

void alert_page_list(HttpRequest *req, HttpResponse *res)
{
	static const char *const states[] = {"open", "closed", "cancelled", NULL};
	const char *status = http_query(req, "status");
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	AlertFilter f = {.limit = 100}, late = {.status = "open", .overdue = TRUE, .limit = 100};
	json_t *m, *rows = NULL, *overdue = NULL, *tabs, *r;
	size_t i;

	if (status == NULL || !g_strv_contains(states, status))
		status = "open";
	f.status = status;
	if (err || (rows = alert_incident_list(c, u, &f, &err)) == NULL ||
	    (overdue = alert_incident_list(c, u, &late, &err)) == NULL) {
		json_decref(rows);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (rows, i, r)
		row_model(r);
	json_array_foreach (overdue, i, r)
		row_model(r);
	tabs = json_array();
	for (gsize k = 0; states[k]; k++) {
		g_autofree char *href = g_strdup_printf("/incidents?status=%s", states[k]);
		json_array_append_new(tabs, json_pack("{s:s, s:s, s:b}", "href", href, "label",
		                                      work_item_status_label(
		                                          c, "incident", states[k], http_lang(req)),
		                                      "active", strcmp(states[k], status) == 0));
	}
	m = page_model(req, N_("Emergency incidents"), "list");
	json_object_set_new(m, "tabs", tabs);
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "rows", rows);
	json_object_set_new(m, "has_overdue", json_boolean(json_array_size(overdue) > 0));
	json_object_set_new(m, "overdue", overdue);
	json_object_set_new(m, "can_create", json_boolean(auth_can(u, "work.all")));
	http_reply_model(res, 200, m, "alert/incidents");
}

/* ---- a new incident ------------------------------------------------------------------------- */

/* The option lists of the form, SELECTED from VALUES (may be NULL). */
static json_t *options(HttpRequest *req, const char *const (*codes)[2], gsize n,
                       const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; i < n; i++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", codes[i][0],
		                                     "label", http_tr(req, codes[i][1]), "selected",
		                                     g_strcmp0(selected, codes[i][0]) == 0));
	return out;
}

static const char *const kind_codes[][2] = {{"incident", N_("Emergency incident")},
                                            {"warning", N_("Early warning")},
                                            {"opinion", N_("Public opinion")}};
static const char *const category_codes[][2] = {{"natural", N_("Natural disaster")},
                                                {"accident", N_("Accident or disaster")},
                                                {"health", N_("Public health")},
                                                {"social", N_("Social security")}};
static const char *const level_codes[][2] = {{"1", N_("Level I (extraordinary)")},
                                             {"2", N_("Level II (major)")},
                                             {"3", N_("Level III (large)")},
                                             {"4", N_("Level IV (ordinary)")}};

/* The text fields of the form, as the API names them. */
static const char *const text_fields[] = {
    "title", "place",           "source", "reporter", "organ", "casualties", "losses", "measures",
    "trend", "leaders_on_site", "text",   "domain",   "kind",  "category",   NULL};
static const char *const number_fields[] = {"level", "deaths", "injured", "missing", NULL};

/* The request of the form: its texts, numbers (a number that is not one is passed on as text
 * for the API's check to name) and times ("2026-12-06T14:05" from the browser). */
static json_t *form_body(HttpRequest *req)
{
	json_t *o = json_object();

	for (const char *const *k = text_fields; *k; k++) {
		g_autofree char *v = site_module_field(req, *k);
		if (*v)
			json_object_set_new(o, *k, json_string(v));
	}
	for (const char *const *k = number_fields; *k; k++) {
		g_autofree char *v = site_module_field(req, *k);
		if (*v)
			json_object_set_new(o, *k,
			                    core_parse_id(v) >= 0 && strlen(v) < 10
			                        ? json_integer(core_parse_id(v))
			                        : json_string(v));
	}
	for (const char *const *k = (const char *const[]){"occurred_at", "learned_at", NULL}; *k;
	     k++) {
		g_autofree char *v = site_module_field(req, *k);
		if (*v)
			json_object_set_new(o, *k, json_string(v));
	}
	return o;
}

/* The form's page with STATUS; BODY the values to show again, ERROR/FIELD the refusal. */
static void new_page(HttpRequest *req, HttpResponse *res, int status, json_t *body,
                     const char *error, const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) domains = NULL;
	g_autofree char *now = core_time_format(core_now(), "%Y-%m-%dT%H:%M");
	const char *text;
	json_t *m, *v;

	if (err || (domains = org_domains(c, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	m = page_model(req, N_("Record an incident"), "new");
	json_object_set_new(m, "kinds",
	                    options(req, kind_codes, G_N_ELEMENTS(kind_codes),
	                            json_string_value(json_object_get(body, "kind"))));
	json_object_set_new(m, "categories",
	                    options(req, category_codes, G_N_ELEMENTS(category_codes),
	                            json_string_value(json_object_get(body, "category"))));
	v = json_object_get(body, "level");
	{
		char lv[2] = {json_is_integer(v) ? (char)('0' + json_integer_value(v) % 10) : 0, 0};
		json_object_set_new(m, "levels",
		                    options(req, level_codes, G_N_ELEMENTS(level_codes), lv));
	}
	json_object_set_new(m, "domains",
	                    site_module_domain_options(
	                        domains, json_string_value(json_object_get(body, "domain"))));
	json_object_set(m, "form", body);
	text = json_string_value(json_object_get(body, "learned_at"));
	json_object_set_new(m, "learned_default", json_string(text ? text : now));
	json_object_set_new(m, "now", json_string(now));
	if (error)
		site_module_set_error(m, error, field);
	http_reply_model(res, status, m, "alert/incident_form");
}

void alert_page_new(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = json_object();

	new_page(req, res, 200, body, NULL, NULL);
}

void alert_page_create(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = form_body(req);
	g_autoptr(json_t) recipients = NULL;
	g_autofree char *to = NULL;
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (alert_op_create(req, body, &id, &recipients, &field, &err)) {
		to = g_strdup_printf("/incidents/%" G_GINT64_FORMAT "?done=1", id);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		new_page(req, res, work_error_status(err), body,
		         site_module_message(req, &errors, err), field);
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}

/* ---- one incident --------------------------------------------------------------------------- */

/* The forms of the steps the reader may take (签收 is its own button, shown first). */
static json_t *step_forms(HttpRequest *req, json_t *steps, gint64 id)
{
	json_t *out = json_array(), *s;
	size_t i;

	json_array_foreach (steps, i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		g_autofree char *to =
		    g_strdup_printf("/incidents/%" G_GINT64_FORMAT "/actions/%s", id, code);
		json_t *f;

		if (!json_is_true(json_object_get(s, "allowed")) ||
		    strcmp(code, "acknowledge") == 0)
			continue;
		f = site_module_step_form(code, to, json_string_value(json_object_get(s, "label")));
		if (strcmp(code, "cancel") == 0)
			site_module_step_opinion(req, f, SITE_OPINION_REQUIRED, N_("Reason"),
			                         FALSE);
		json_object_set_new(f, "report",
		                    json_boolean(core_word_in(code, "follow_up final")));
		json_object_set_new(f, "danger", json_boolean(strcmp(code, "cancel") == 0));
		json_object_set_new(f, "secondary",
		                    json_boolean(core_word_in(code, "daily cancel")));
		json_array_append_new(out, f);
	}
	return out;
}

/* TRUE when ACTIONS (the codes the reader may take) has 签收. */
static gboolean can_ack(json_t *actions)
{
	json_t *v;
	size_t i;

	json_array_foreach (actions, i, v)
		if (g_strcmp0(json_string_value(v), "acknowledge") == 0)
			return TRUE;
	return FALSE;
}

/* The incident's page with STATUS, and ERROR (translated) above the forms when not NULL. */
static void incident_page(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                          const char *error)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) r = NULL;
	json_t *m, *due, *levels, *instructions, *v;
	size_t i;

	if (c && auth_item_access(c, u, id, &err) != AUTH_ITEM_ALLOWED && err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such incident."));
	if (err || (r = alert_incident_get(c, u, id, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	if ((instructions = tasks_instructions(c, u, id, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (instructions, i, v)
		site_module_set_time(v, "created_text",
		                     json_integer_value(json_object_get(v, "created_at")));
	json_object_set_new(r, "instructions", instructions);
	json_object_set_new(r, "has_instructions", json_boolean(json_array_size(instructions) > 0));
	tasks_page_doc(req, c, r);
	/* a 批示 on an incident is done against the clock: its task's deadline is in hours */
	json_array_foreach (instructions, i, v)
		if (json_is_object(json_object_get(v, "split_form")))
			json_object_set_new(json_object_get(v, "split_form"), "hours", json_true());
	row_model(r);
	due = json_object_get(r, "next_report_due");
	if (json_is_object(due)) {
		gint64 left = json_integer_value(json_object_get(due, "seconds"));
		g_autofree char *words = span_words(req, left < 0 ? -left : left);
		json_object_set_new(due, "span", json_string(words));
	}
	m = page_model(req, N_("Emergency incident"), "list");
	json_object_set_new(m, "title", json_copy(json_object_get(r, "title")));
	json_object_set_new(m, "forms", step_forms(req, json_object_get(r, "steps"), id));
	json_object_set_new(m, "can_ack", json_boolean(can_ack(json_object_get(r, "actions"))));
	json_object_set_new(m, "can_instruct", json_boolean(auth_can(u, "work.instruct")));
	levels = options(req, level_codes, G_N_ELEMENTS(level_codes), NULL);
	json_object_set_new(m, "levels", levels);
	json_object_set(m, "incident", r);
	if (error)
		site_module_set_error(m, error, NULL);
	if (http_query(req, "done"))
		site_module_flash(m, "success", http_tr(req, N_("Done.")));
	http_reply_model(res, status, m, "alert/incident");
}

void alert_page_incident(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		incident_page(req, res, 200, id, NULL);
}

/* Runs WRITE (a step, or a 批示 when ACTION is NULL) with BODY on incident {id} the reader may
 * see; back to the incident (303) when it is done, the incident with the refusal otherwise. */
static void page_write(HttpRequest *req, HttpResponse *res, const char *action, json_t *body)
{
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (c && auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED &&
	    err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such incident."));
	if (err == NULL && (action ? alert_op_step(req, id, action, body, &field, &err)
	                           : alert_op_instruct(req, id, body, &field, &err))) {
		g_autofree char *to = g_strdup_printf("/incidents/%" G_GINT64_FORMAT "?done=1", id);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		incident_page(req, res, work_error_status(err), id,
		              site_module_message(req, &errors, err));
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}

void alert_page_step(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = form_body(req);
	g_autofree char *opinion = site_module_field(req, "opinion");

	if (*opinion)
		json_object_set_new(body, "opinion", json_string(opinion));
	page_write(req, res, http_param(req, "action"), body);
}

void alert_page_instruct(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *text = site_module_field(req, "text");
	g_autoptr(json_t) body = json_pack("{s:s}", "text", text);

	page_write(req, res, NULL, body);
}

void alert_page_home(HttpRequest *req, json_t *m)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c;
	g_autoptr(json_t) n = NULL;

	if (u == NULL || !auth_can(u, "work.read"))
		return;
	if ((c = site_module_conn(req, &errors, &err)) == NULL ||
	    (n = alert_counts(c, u, &err)) == NULL) {
		g_warning("dashboard: incidents: %s", err ? err->message : "unknown error");
		g_clear_error(&err);
		return;
	}
	/* nothing open and nothing to sign: the panel stays away */
	if (json_integer_value(json_object_get(n, "open")) == 0 &&
	    json_integer_value(json_object_get(n, "unacked")) == 0)
		return;
	json_object_set_new(
	    m, "alert_counters",
	    json_pack("[{s:s, s:s, s:I, s:s}, {s:s, s:s, s:I, s:s}, {s:s, s:s, s:I, s:s}]", "key",
	              "unacked", "label", http_tr(req, N_("Alerts to sign for")), "count",
	              json_integer_value(json_object_get(n, "unacked")), "href", "/inbox", "key",
	              "overdue", "label", http_tr(req, N_("Reports overdue")), "count",
	              json_integer_value(json_object_get(n, "overdue")), "href", "/incidents",
	              "key", "open", "label", http_tr(req, N_("Incidents being handled")), "count",
	              json_integer_value(json_object_get(n, "open")), "href", "/incidents"));
	json_object_set_new(m, "has_alert_counters", json_true());
}
