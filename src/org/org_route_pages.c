/*
 * org_route_pages.c — routing, as people see it: the explorer every reader of the organisation
 * may use (GET /org/route, permission org.read: who should get a piece of work on a date, and
 * why, straight from org_route) and the routing rule table of the security administrator
 * (/security/routing, permission routing.manage): rules that are not per portfolio
 * (committee-wide matters go to the secretary, documents from a higher committee circulate to
 * every member, level I–II incidents reach the secretary and deputies …). The table lists
 * every rule with its own form (POST /security/routing/{id}), a delete button (…/delete) and a
 * form adding a rule (POST /security/routing); each change is one audited org_op_*.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_pages.h"
#include "core/core.h"

#include <string.h>

/* ---- GET /org/route: who gets what ------------------------------------------------------ */

/* The routing answer R (org_route's shape, changed in place) prepared for the page: each
 * leader's "href", "role_title" and "by_rule"; "work_title", "on_text", "has_warnings". */
static json_t *route_result(HttpRequest *req, json_t *r)
{
	g_autofree char *on_text = org_page_date_text(req, org_page_str(r, "on"));
	json_t *l;
	size_t i;

	json_array_foreach (json_object_get(r, "leaders"), i, l) {
		const char *role = org_page_str(l, "role");
		g_autofree char *href = g_strdup_printf(
		    "/org/leaders/%" JSON_INTEGER_FORMAT "?on=%s",
		    json_integer_value(json_object_get(l, "id")), org_page_str(r, "on"));

		json_object_set_new(l, "href", json_string(href));
		json_object_set_new(l, "by_rule", json_boolean(strcmp(role, "rule") == 0));
		json_object_set_new(l, "role_title",
		                    json_string(strcmp(role, "rule") == 0
		                                    ? http_tr(req, N_("By rule"))
		                                    : http_tr(req, org_role_title(role))));
		json_object_set_new(l, "first", json_boolean(i == 0));
	}
	json_object_set_new(
	    r, "work_title",
	    json_string(http_tr(req, org_work_kind_title(org_page_str(r, "work")))));
	json_object_set_new(r, "on_text", json_string(on_text));
	json_object_set_new(r, "has_leaders",
	                    json_boolean(json_array_size(json_object_get(r, "leaders"))));
	json_object_set_new(r, "has_warnings",
	                    json_boolean(json_array_size(json_object_get(r, "warnings"))));
	return r;
}

/* GET /org/route?work=&domain=&on=&severity=&origin=higher&scope=committee: the form, and
 * when WORK is given the routing answer with every reason; a refusal re-shows the form with
 * the message at its field (422). */
void org_page_route(HttpRequest *req, HttpResponse *res)
{
	const char *work = http_query(req, "work"), *domain = http_query(req, "domain");
	const char *on = http_query(req, "on"), *sev = http_query(req, "severity");
	gboolean higher = g_strcmp0(http_query(req, "origin"), "higher") == 0;
	gboolean committee = g_strcmp0(http_query(req, "scope"), "committee") == 0;
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *domains = c ? org_domains(c, &err) : NULL, *m, *sevs, *r = NULL;
	int status = 200;
	gint64 severity = 0;

	if (domains == NULL) {
		org_page_fail(req, res, err);
		return;
	}
	m = org_page_model(req, N_("Who gets what"), "route");
	sevs = json_array();
	for (int s = 1; s <= 4; s++) {
		static const char *const levels[] = {N_("Level I (most severe)"), N_("Level II"),
		                                     N_("Level III"), N_("Level IV")};
		char v[2] = {(char)('0' + s), '\0'};
		json_array_append_new(sevs, json_pack("{s:s, s:s, s:b}", "value", v, "label",
		                                      http_tr(req, levels[s - 1]), "selected",
		                                      g_strcmp0(sev, v) == 0));
	}
	json_object_set_new(m, "query",
	                    json_pack("{s:o, s:o, s:o, s:b, s:b}", "work", auth_page_text(work),
	                              "domain", auth_page_text(domain), "on",
	                              auth_page_text(on && *on ? on : today), "higher", higher,
	                              "committee", committee));
	json_object_set_new(m, "work_options", org_page_work_options(req, work));
	json_object_set_new(m, "domain_options", org_page_domain_options(domains, domain));
	json_object_set_new(m, "severity_options", sevs);
	json_decref(domains);
	if (sev && *sev && ((severity = auth_page_number(sev)) < 1 || severity > 4)) {
		status = 422;
		org_page_set_error(m,
		                   http_tr(req, N_("The severity is an incident level from 1 (Ⅰ) "
		                                   "to 4 (Ⅳ).")),
		                   "severity");
	} else if (work && *work) {
		OrgRouteQuery q = {
		    .work = work,
		    .domain = domain && *domain ? domain : NULL,
		    .on = on && *on ? on : NULL,
		    .severity = (int)severity,
		    .origin = higher ? "higher" : NULL,
		    .scope = committee ? "committee" : NULL,
		};

		const char *field = NULL;

		r = org_route(c, &q, http_lang(req), &field, &err);
		if (r == NULL && err && err->domain == ORG_ERROR && err->code != ORG_ERROR_DB) {
			status = 422;
			org_page_set_error(m, http_tr(req, err->message), field);
			g_clear_error(&err);
		} else if (r == NULL) {
			json_decref(m);
			org_page_fail(req, res, err);
			return;
		} else {
			json_object_set_new(m, "result", route_result(req, r));
		}
	}
	http_reply_model(res, status, m, "org/route");
}

/* ---- /security/routing: the rule table --------------------------------------------------- */

/* One choice of a rule's select: the stored value ("" for none) and its msgid. */
typedef struct {
	const char *value, *label;
} Choice;

static const Choice origins[] = {
    {"", N_("Any origin")},                    /* 不限 */
    {"higher", N_("From a higher committee")}, /* 上级党委来文 */
};
static const Choice scopes[] = {
    {"", N_("Any scope")},                        /* 不限 */
    {"committee", N_("A committee-wide matter")}, /* 全局性事项 */
};
static const Choice severities[] = {
    {"", N_("Any or none")},      /* 不限 */
    {"1", N_("Level I")},         /* Ⅰ级 */
    {"2", N_("Levels I and II")}, /* Ⅰ级、Ⅱ级 */
    {"3", N_("Levels I to III")}, /* Ⅰ至Ⅲ级 */
    {"4", N_("Levels I to IV")},  /* Ⅰ至Ⅳ级 */
};
static const Choice targets[] = {
    {"secretary", N_("The secretary")},                  /* 书记 */
    {"deputies", N_("The deputy secretaries")},          /* 副书记 */
    {"standing", N_("Every standing committee member")}, /* 全体常委 */
};
static const Choice modes[] = {
    {"add", N_("Besides the portfolio's leaders")},     /* 在分管领导之外增加 */
    {"only", N_("Instead of the portfolio's leaders")}, /* 仅送规则对象 */
};

/* Options over CHOICES (N) with SELECTED chosen: [{value, label, selected}]. */
static json_t *choice_options(HttpRequest *req, const Choice *choices, gsize n,
                              const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; i < n; i++)
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:b}", "value", choices[i].value, "label",
		                   http_tr(req, choices[i].label), "selected",
		                   g_strcmp0(choices[i].value, selected ? selected : "") == 0));
	return out;
}

/* The rule fields of the forms. */
static const char *const rule_texts[] = {"name", "work_kind", "origin", "scope", "target", "mode"};

/* A rule's form values: typed (from the request) or those of rule R (may be NULL: the add
 * form's defaults). */
static json_t *rule_values(HttpRequest *req, json_t *r, gboolean typed)
{
	json_t *v = json_object();
	g_autofree char *sev = NULL, *pos = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(rule_texts); i++)
		json_object_set_new(v, rule_texts[i],
		                    auth_page_text(typed ? http_form(req, rule_texts[i])
		                                         : org_page_str(r, rule_texts[i])));
	if (typed) {
		sev = g_strdup(auth_page_form(req, "max_severity"));
		pos = g_strdup(auth_page_form(req, "position"));
	} else {
		json_int_t s = json_integer_value(json_object_get(r, "max_severity"));
		sev = s > 0 ? g_strdup_printf("%" JSON_INTEGER_FORMAT, s) : g_strdup("");
		pos = g_strdup_printf("%" JSON_INTEGER_FORMAT,
		                      r ? json_integer_value(json_object_get(r, "position")) : 100);
	}
	json_object_set_new(v, "max_severity", auth_page_text(sev));
	json_object_set_new(v, "position", auth_page_text(pos));
	json_object_set_new(
	    v, "active",
	    json_boolean(typed ? http_form(req, "active") != NULL
	                       : r == NULL || json_integer_value(json_object_get(r, "active"))));
	return v;
}

/* Adds to the form object F (values in F's "values") the options of every select. */
static void rule_options(HttpRequest *req, json_t *f)
{
	json_t *v = json_object_get(f, "values"), *works;

	works = org_page_work_options(req, org_page_str(v, "work_kind"));
	json_array_insert_new(works, 0,
	                      json_pack("{s:s, s:s, s:b}", "value", "", "label",
	                                http_tr(req, N_("Any kind of work")), "selected",
	                                *org_page_str(v, "work_kind") == '\0'));
	json_object_set_new(f, "work_options", works);
	json_object_set_new(
	    f, "origin_options",
	    choice_options(req, origins, G_N_ELEMENTS(origins), org_page_str(v, "origin")));
	json_object_set_new(
	    f, "scope_options",
	    choice_options(req, scopes, G_N_ELEMENTS(scopes), org_page_str(v, "scope")));
	json_object_set_new(f, "severity_options",
	                    choice_options(req, severities, G_N_ELEMENTS(severities),
	                                   org_page_str(v, "max_severity")));
	json_object_set_new(
	    f, "target_options",
	    choice_options(req, targets, G_N_ELEMENTS(targets), org_page_str(v, "target")));
	json_object_set_new(
	    f, "mode_options",
	    choice_options(req, modes, G_N_ELEMENTS(modes),
	                   *org_page_str(v, "mode") ? org_page_str(v, "mode") : "add"));
}

/*
 * Renders the rule table with STATUS: every rule with its own form, and the add form. After a
 * refusal for rule FOR_ID (0: the add form) that form keeps the typed values and shows ERROR
 * (translated) at FIELD. ?saved=ID marks the rule just changed, ?deleted=1 says one is gone.
 */
static void rules_reply(HttpRequest *req, HttpResponse *res, int status, gint64 for_id,
                        const char *error, const char *field)
{
	gint64 saved = status == 200 ? auth_page_number(http_query(req, "saved")) : 0;
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *rules = c ? org_rules(c, &err) : NULL, *m, *r, *add;
	size_t i;

	if (rules == NULL) {
		org_page_fail(req, res, err);
		return;
	}
	json_array_foreach (rules, i, r) {
		gint64 id = json_integer_value(json_object_get(r, "id"));
		gboolean mine = error && id == for_id;
		g_autofree char *action = org_page_href("/security/routing", id);
		g_autofree char *form = g_strdup_printf("rule-%" G_GINT64_FORMAT, id);

		json_object_set_new(r, "action", json_string(action));
		json_object_set_new(r, "form_id", json_string(form));
		json_object_set_new(r, "values", rule_values(req, r, mine));
		rule_options(req, r);
		json_object_set_new(r, "errors",
		                    mine && field ? json_pack("{s:b}", field, 1) : json_object());
		if (mine)
			json_object_set_new(r, "row_error", auth_page_text(error));
		json_object_set_new(r, "saved", json_boolean(id == saved));
	}
	add = json_pack("{s:o}", "values", rule_values(req, NULL, error && for_id == 0));
	rule_options(req, add);
	m = auth_page_model(req, N_("Routing rules"));
	json_object_set_new(m, "rule_count", json_integer((json_int_t)json_array_size(rules)));
	json_object_set_new(m, "rules", rules);
	json_object_set_new(m, "add", add);
	if (error && for_id == 0) {
		org_page_set_error(m, error, field);
		json_object_set_new(m, "add_error", json_true());
	}
	if (saved)
		auth_page_flash(req, m, "success", N_("The routing rule has been saved."));
	if (status == 200 && g_strcmp0(http_query(req, "deleted"), "1") == 0)
		auth_page_flash(req, m, "success", N_("The routing rule has been deleted."));
	http_reply_model(res, status, m, "org/rules");
}

/* GET /security/routing: the routing rules. */
void org_page_rules(HttpRequest *req, HttpResponse *res)
{
	rules_reply(req, res, 200, 0, NULL, NULL);
}

/* TRUE when rule ID is stored with a maximum severity (so an empty field clears it). */
static gboolean rule_has_severity(HttpRequest *req, gint64 id)
{
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *rules = c ? org_rules(c, &err) : NULL, *r;
	gboolean has = FALSE;
	size_t i;

	g_clear_error(&err); /* the save that follows reports a failing database */
	json_array_foreach (rules, i, r)
		if (json_integer_value(json_object_get(r, "id")) == id)
			has = json_integer_value(json_object_get(r, "max_severity")) > 0;
	json_decref(rules);
	return has;
}

/* Saves rule ID (0: a new one) from the form and goes back to the table at it. An empty
 * severity is left out unless the rule has one to clear (JSON null). */
static void rule_save(HttpRequest *req, HttpResponse *res, gint64 id)
{
	json_t *obj = json_object();
	const char *field = NULL;
	GError *err = NULL;
	gint64 out = 0;
	gboolean clear =
	    id && *auth_page_form(req, "max_severity") == '\0' && rule_has_severity(req, id);

	for (gsize i = 0; i < G_N_ELEMENTS(rule_texts); i++)
		org_page_put_text(req, obj, rule_texts[i]);
	json_object_set_new(obj, "active", json_integer(http_form(req, "active") != NULL));
	if (!org_page_put_int(req, obj, "max_severity", clear)) {
		rules_reply(
		    req, res, 422, id,
		    http_tr(req, N_("The severity is an incident level from 1 (Ⅰ) to 4 (Ⅳ).")),
		    "max_severity");
	} else if (!org_page_put_int(req, obj, "position", FALSE)) {
		rules_reply(req, res, 422, id,
		            http_tr(req, N_("Enter a whole number from 0 to 1000000.")),
		            "position");
	} else if (org_op_save(app_db(req), auth_current(req), http_remote_addr(req),
	                       ORG_THING_RULE, id, obj, &out, &field, &err)) {
		g_autofree char *href = g_strdup_printf("/security/routing?saved=%" G_GINT64_FORMAT
		                                        "#rule-row-%" G_GINT64_FORMAT,
		                                        out, out);
		http_reply_redirect(res, 303, href);
	} else if (!org_page_refusal(err)) {
		org_page_fail(req, res, err);
	} else {
		rules_reply(req, res, org_error_status(err), id, org_page_message(req, err), field);
		g_error_free(err);
	}
	json_decref(obj);
}

/* POST /security/routing (name, work_kind, origin, scope, max_severity, target, mode, position,
 * active): adds a rule. */
void org_page_rule_create(HttpRequest *req, HttpResponse *res)
{
	rule_save(req, res, 0);
}

/* POST /security/routing/{id} (the same fields; unchecked "active" switches the rule off). */
void org_page_rule_post(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	rule_save(req, res, id);
}

/* POST /security/routing/{id}/delete: deletes a rule. */
void org_page_rule_delete(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");
	GError *err = NULL;

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	if (org_op_rule_delete(app_db(req), auth_current(req), http_remote_addr(req), id, &err))
		http_reply_redirect(res, 303, "/security/routing?deleted=1");
	else
		org_page_fail(req, res, err);
}
