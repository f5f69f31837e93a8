/*
 * meet_pages.c — the meetings' pages: the list (GET /meetings), calling a meeting
 * (GET|POST /meetings/new), one meeting (GET /meetings/{id}) with its live attendance against
 * the quorum, its members, the steps, the agenda with votes and decisions, and the minutes, and
 * the rules of procedure (GET /meetings/types). Every form posts to a page route that runs the
 * same audited operation as the API (meet_ops.c): success goes back to the meeting (303), a
 * refusal shows the meeting again with the message (its 4xx status).
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_pages.h"
#include "meet/meet_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "site/site_module.h"
#include "work/work_web.h"

#include <string.h>

static const SiteSubnav subnav[] = {
    {"/meetings", N_("Meetings"), "list", FALSE},                  /* 会议 */
    {"/meetings/new", N_("Call a meeting"), "new", TRUE},          /* 新建会议 */
    {"/meetings/types", N_("Rules of procedure"), "types", FALSE}, /* 议事规则 */
};

static GQuark work_quark(void)
{
	return WORK_ERROR;
}

const SiteModuleErrors meet_page_errors = {
    "meetings",          G_LOG_DOMAIN,         work_quark,        WORK_ERROR_DB,
    WORK_ERROR_CONFLICT, WORK_ERROR_NOT_FOUND, work_error_status, work_error_code};

#define errors meet_page_errors

json_t *meet_page_model(HttpRequest *req, const char *title, const char *section)
{
	return site_module_model(req, title, subnav, G_N_ELEMENTS(subnav), section);
}

/* A member's attendance statuses and their labels (未确认 …). */
static const struct {
	const char *code, *label;
} member_statuses[] = {
    {"invited", N_("Not yet confirmed")}, /* 未确认 */
    {"confirmed", N_("Will attend")},     /* 已确认参会 */
    {"leave_asked", N_("Leave asked")},   /* 请假待批 */
    {"leave", N_("Leave granted")},       /* 已请假 */
    {"present", N_("Checked in")},        /* 已到会 */
};

const char *meet_member_status(HttpRequest *req, const char *status)
{
	for (gsize i = 0; i < G_N_ELEMENTS(member_statuses); i++)
		if (g_strcmp0(status, member_statuses[i].code) == 0)
			return http_tr(req, member_statuses[i].label);
	return status;
}

char *meet_member_status_labels(HttpRequest *req)
{
	g_autoptr(json_t) o = json_object();

	for (gsize i = 0; i < G_N_ELEMENTS(member_statuses); i++)
		json_object_set_new(o, member_statuses[i].code,
		                    json_string(http_tr(req, member_statuses[i].label)));
	return json_dumps(o, JSON_COMPACT);
}

const char *meet_choice_label(HttpRequest *req, const char *choice)
{
	if (g_strcmp0(choice, "agree") == 0)
		return http_tr(req, N_("Agree")); /* 同意 */
	if (g_strcmp0(choice, "disagree") == 0)
		return http_tr(req, N_("Disagree")); /* 不同意 */
	if (g_strcmp0(choice, "defer") == 0)
		return http_tr(req, N_("Defer")); /* 缓议 */
	return http_tr(req, N_("Abstain"));       /* 弃权 */
}

const char *meet_status_class(const char *status)
{
	static const struct {
		const char *code, *cls;
	} classes[] = {
	    {"preparing", "draft"},  {"noticed", "todo"},   {"in_session", "soon"},
	    {"adjourned", "ok"},     {"minuted", "done"},   {"not_held", "severe"},
	    {"cancelled", "void"},   {"proposed", "todo"},  {"consented", "todo"},
	    {"scheduled", "soon"},   {"passed", "ok"},      {"failed", "severe"},
	    {"deferred", "overdue"}, {"withdrawn", "void"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(classes); i++)
		if (g_strcmp0(status, classes[i].code) == 0)
			return classes[i].cls;
	return "todo";
}

/* "2026-12-10 09:00—11:00" (the end's date too when it differs) from two
 * "YYYY-MM-DDTHH:MM". g_free. */
char *meet_when_text(const char *starts, const char *ends)
{
	if (starts == NULL || strlen(starts) != 16)
		return g_strdup("");
	if (ends && strlen(ends) == 16 && strncmp(starts, ends, 10) == 0)
		return g_strdup_printf("%.10s %s—%s", starts, starts + 11, ends + 11);
	return g_strdup_printf("%.10s %s—%.10s %s", starts, starts + 11, ends ? ends : "",
	                       ends && strlen(ends) == 16 ? ends + 11 : "");
}

/* ---- the list ------------------------------------------------------------------------------ */

void meet_page_list(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *rows = c ? meet_list(c, auth_current(req), &err) : NULL, *r;
	json_t *m;
	size_t i;

	if (rows == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (rows, i, r) {
		g_autofree char *href =
		    g_strdup_printf("/meetings/%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(r, "id")));
		g_autofree char *when =
		    g_strdup(json_string_value(json_object_get(r, "starts_at")));

		when[10] = ' ';
		json_object_set_new(r, "status_class",
		                    json_string(meet_status_class(
		                        json_string_value(json_object_get(r, "status")))));
		json_object_set_new(r, "href", json_string(href));
		json_object_set_new(r, "when", json_string(when));
	}
	m = meet_page_model(req, N_("Meetings"), "list");
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(m, "rows", rows);
	http_reply_model(res, 200, m, "meet/list");
}

/* ---- calling a meeting --------------------------------------------------------------------- */

/* The form field NAME as typed, "" when absent. Borrowed from the request. */
static const char *typed_or(HttpRequest *req, const char *name)
{
	const char *v = http_form(req, name);

	return v ? v : "";
}

/* The form to call a meeting; after a refusal with the typed values and ERROR at FIELD. */
static void new_page(HttpRequest *req, HttpResponse *res, int status, const char *error,
                     const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) types = c ? meet_types(c, &err) : NULL;
	g_autofree char *today = core_today();
	json_t *leaders = types ? org_leaders(c, today, FALSE, &err) : NULL;
	json_t *domains = leaders ? org_domains(c, &err) : NULL;
	json_t *m, *t, *opts = json_array(), *l, *people = json_array();
	const char *typed = http_form(req, "type");
	size_t i;

	if (domains == NULL) {
		json_decref(opts);
		json_decref(people);
		json_decref(leaders);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (json_object_get(types, "items"), i, t) {
		const char *code = json_string_value(json_object_get(t, "code"));
		json_array_append_new(
		    opts,
		    json_pack("{s:s, s:s, s:b}", "value", code, "label",
		              json_string_value(json_object_get(json_object_get(t, "name"), "zh")),
		              "selected", g_strcmp0(code, typed ? typed : "changwei") == 0));
	}
	json_array_foreach (leaders, i, l) {
		const char *u = json_string_value(json_object_get(l, "username"));
		g_autofree char *key = g_strdup_printf("attendee:%s", u ? u : "");

		if (u == NULL)
			continue;
		json_array_append_new(
		    people, json_pack("{s:s, s:s, s:s, s:b, s:b}", "username", u, "name",
		                      json_string_value(json_object_get(l, "name")), "title",
		                      json_string_value(json_object_get(l, "title")), "checked",
		                      http_form(req, key) != NULL, "chair",
		                      g_strcmp0(http_form(req, "chair"), u) == 0));
	}
	m = meet_page_model(req, N_("Call a meeting"), "new");
	json_object_set_new(m, "type_options", opts);
	json_object_set_new(m, "people", people);
	json_object_set_new(m, "domain_options",
	                    site_module_domain_options(domains, http_form(req, "domain")));
	json_object_set_new(m, "form",
	                    json_pack("{s:s, s:s, s:s, s:s}", "title", typed_or(req, "title"),
	                              "starts_at", typed_or(req, "starts_at"), "ends_at",
	                              typed_or(req, "ends_at"), "room", typed_or(req, "room")));
	if (error)
		site_module_set_error(m, error, field);
	json_decref(leaders);
	json_decref(domains);
	http_reply_model(res, status, m, "meet/new");
}

void meet_page_new(HttpRequest *req, HttpResponse *res)
{
	new_page(req, res, 200, NULL, NULL);
}

/* Sets KEY of OBJ to the form field NAME when it is not blank. */
static void put_field(HttpRequest *req, json_t *obj, const char *key, const char *name)
{
	g_autofree char *v = site_module_field(req, name);

	if (*v)
		json_object_set_new(obj, key, json_string(v));
}

void meet_page_create(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = json_object(), leaders = NULL;
	g_autofree char *today = core_today(), *to = NULL;
	json_t *attendees = json_array(), *l;
	MeetOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	gint64 id = 0;
	size_t i;

	if (c == NULL || (leaders = org_leaders(c, today, FALSE, &err)) == NULL) {
		json_decref(attendees);
		site_module_fail(req, res, &errors, err);
		return;
	}
	put_field(req, body, "type", "type");
	put_field(req, body, "title", "title");
	put_field(req, body, "starts_at", "starts_at");
	put_field(req, body, "ends_at", "ends_at");
	put_field(req, body, "room", "room");
	put_field(req, body, "chair", "chair");
	put_field(req, body, "domain", "domain");
	json_array_foreach (leaders, i, l) {
		const char *u = json_string_value(json_object_get(l, "username"));
		g_autofree char *key = g_strdup_printf("attendee:%s", u ? u : "");
		if (u && http_form(req, key))
			json_array_append_new(attendees, json_string(u));
	}
	json_object_set_new(body, "attendees", attendees);
	if (!meet_op(req, "meet.create", meet_op_create, &o, &id, &field, &err)) {
		if (site_module_refusal(&errors, err)) {
			new_page(req, res, work_error_status(err),
			         site_module_message(req, &errors, err), field);
			g_error_free(err);
		} else {
			site_module_fail(req, res, &errors, err);
		}
		return;
	}
	to = g_strdup_printf("/meetings/%" G_GINT64_FORMAT, id);
	http_reply_redirect(res, 303, to);
}

/* ---- the rules of procedure ---------------------------------------------------------------- */

/* RULE of TYPE in words ("超过半数", counted on 应到会 or 实到会); NULL when absent. */
static char *rule_words(HttpRequest *req, json_t *type, const char *name)
{
	MeetRule r;
	g_autofree char *frac = NULL;

	if (!meet_rule_parse(json_object_get(type, name), name, &r, NULL))
		return NULL;
	frac = meet_fraction_words(&r);
	const char *cmp = http_tr(req, r.cmp == MEET_CMP_GT ? N_("more than") : N_("at least"));

	if (r.base == MEET_BASE_PRESENT)
		return g_strdup_printf(site_tr_fmt(req, N_("%s %s of those present")), cmp, frac);
	return g_strdup_printf(site_tr_fmt(req, N_("%s %s of those who should attend")), cmp, frac);
}

void meet_page_types(HttpRequest *req, HttpResponse *res)
{
	static const char *const rules[] = {"quorum", "cadre_quorum", "pass"};
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *types = c ? meet_types(c, &err) : NULL, *t, *m;
	size_t i;

	if (types == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (json_object_get(types, "items"), i, t) {
		json_object_set(
		    t, "label",
		    json_object_get(json_object_get(t, "name"),
		                    g_strcmp0(http_lang(req), CORE_LANG_EN) == 0 ? "en" : "zh"));
		for (gsize k = 0; k < G_N_ELEMENTS(rules); k++) {
			g_autofree char *w = rule_words(req, t, rules[k]);
			g_autofree char *key = g_strdup_printf("%s_text", rules[k]);
			if (w)
				json_object_set_new(t, key, json_string(w));
		}
		json_object_set_new(
		    t, "abstain_text",
		    json_string(http_tr(
		        req, json_is_true(json_object_get(t, "abstain")) ? N_("Yes") : N_("No"))));
		json_object_set_new(
		    t, "principal_text",
		    json_string(http_tr(req, json_is_true(json_object_get(t, "principal_last"))
		                                 ? N_("Yes")
		                                 : N_("No"))));
	}
	m = meet_page_model(req, N_("Rules of procedure"), "types");
	json_object_set_new(m, "types", types);
	json_object_set_new(m, "can_manage",
	                    json_boolean(auth_can(auth_current(req), "procedure.manage")));
	if (!auth_can(auth_current(req), "work.read")) /* the administrator's page only */
		json_object_set_new(m, "hide_subnav", json_true());
	if (http_query(req, "done"))
		site_module_flash(m, "success", http_tr(req, N_("Saved."))); /* 已保存。 */
	http_reply_model(res, 200, m, "meet/types");
}
