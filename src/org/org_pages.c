/*
 * org_pages.c — the pages that read the division of responsibility (permission org.read):
 * the leadership overview (/org), the announcement-style 分工 (/org/division), the leader ×
 * domain matrix (/org/matrix) and the history of changes (/org/history); and the helpers every
 * org page file shares (org_pages.h). The routing explorer is in org_route_pages.c.
 *
 * Each handler reads what it shows through org.h, builds one model and renders
 * templates/org/<name>.mustache. Every visible word comes from the "t" strings or a msgid
 * translated here; bad input re-shows the page with the message at its field, never a 500.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_pages.h"
#include "org/org_internal.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* MSGID translated for REQ, usable as a checked printf format. */
static const char *tr_fmt(HttpRequest *req, const char *msgid) G_GNUC_FORMAT(2);
static const char *tr_fmt(HttpRequest *req, const char *msgid)
{
	return http_tr(req, msgid);
}

/* ---- shared helpers (org_pages.h) ------------------------------------------------------- */

/* The org sub-navigation; MANAGE entries only for org.manage. */
static const struct {
	const char *section, *href, *label;
	gboolean manage;
} subnav[] = {
    {"overview", "/org", N_("Leadership"), FALSE},                        /* 班子成员 */
    {"division", "/org/division", N_("Division of duties"), FALSE},       /* 常委分工 */
    {"matrix", "/org/matrix", N_("Portfolio matrix"), FALSE},             /* 分工矩阵 */
    {"history", "/org/history", N_("Changes of duties"), FALSE},          /* 分工调整 */
    {"route", "/org/route", N_("Who gets what"), FALSE},                  /* 工作路由 */
    {"units", "/org/units", N_("Directory"), FALSE},                      /* 通讯录 */
    {"departments", "/org/departments", N_("Office departments"), FALSE}, /* 内设机构 */
    {"domains", "/org/domains", N_("Portfolios"), TRUE},                  /* 分管领域 */
    {"import", "/org/import", N_("Import and export"), TRUE},             /* 导入导出 */
};

/* Whether the user holds org.manage. */
gboolean org_page_can_manage(HttpRequest *req)
{
	const AuthUser *u = auth_current(req);

	return u && auth_can(u, "org.manage");
}

/* The page model with the title, the sub-navigation and "can_manage". */
json_t *org_page_model(HttpRequest *req, const char *title_msgid, const char *section)
{
	json_t *m = auth_page_model(req, title_msgid), *nav = json_array();
	gboolean manage = org_page_can_manage(req);

	for (gsize i = 0; i < G_N_ELEMENTS(subnav); i++) {
		if (subnav[i].manage && !manage)
			continue;
		json_array_append_new(nav,
		                      json_pack("{s:s, s:s, s:b}", "href", subnav[i].href, "label",
		                                http_tr(req, subnav[i].label), "active",
		                                g_strcmp0(section, subnav[i].section) == 0));
	}
	json_object_set_new(m, "subnav", nav);
	json_object_set_new(m, "can_manage", json_boolean(manage));
	return m;
}

/* This thread's connection; a failure becomes ORG_ERROR_DB. */
DbConn *org_page_conn(HttpRequest *req, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);

	if (c == NULL)
		org_error_from_db(err, e);
	return c;
}

/* Whether ERR is a refusal a form re-shows (bad input, conflict). */
gboolean org_page_refusal(const GError *err)
{
	return err && err->domain == ORG_ERROR &&
	       (err->code == ORG_ERROR_INVALID || err->code == ORG_ERROR_CONFLICT);
}

/* The translated message of ERR; database details are logged, never shown. */
const char *org_page_message(HttpRequest *req, const GError *err)
{
	if (err && err->domain == ORG_ERROR && err->code != ORG_ERROR_DB)
		return http_tr(req, err->message);
	if (err && err->domain == AUTH_ERROR)
		return auth_page_message(req, err);
	g_warning("org page %s: %s", http_path(req), err ? err->message : "unknown error");
	return http_tr(req, N_("The database is not available right now. Please try again later."));
}

/* The error page for ERR (404/409/422 with its message, 503 for the database). */
void org_page_fail(HttpRequest *req, HttpResponse *res, GError *err)
{
	if (err && err->domain == ORG_ERROR && err->code != ORG_ERROR_DB) {
		http_reply_error(res, org_error_status(err), org_error_code(err), err->message,
		                 NULL);
		g_clear_error(&err);
	} else if (err && err->domain == AUTH_ERROR) {
		auth_page_fail(req, res, err);
	} else {
		(void)org_page_message(req, err); /* logs the details */
		http_reply_error(
		    res, 503, "unavailable",
		    N_("The database is not available right now. Please try again later."), NULL);
		g_clear_error(&err);
	}
}

/* "error" and "errors" {FIELD} for a re-shown form. */
void org_page_set_error(json_t *m, const char *error, const char *field)
{
	json_object_set_new(m, "error", json_pack("{s:o}", "message", auth_page_text(error)));
	if (field && *field)
		json_object_set_new(m, "errors", json_pack("{s:o}", field, auth_page_text(error)));
}

/* A string member or "". */
const char *org_page_str(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

/* "PREFIX/ID". */
char *org_page_href(const char *prefix, gint64 id)
{
	return g_strdup_printf("%s/%" G_GINT64_FORMAT, prefix, id);
}

/* A date for reading ("2026年3月1日"); anything else unchanged. */
char *org_page_date_text(HttpRequest *req, const char *date)
{
	if (!core_date_valid(date))
		return g_strdup(date ? date : "");
	/* 2026年3月1日 */
	return g_strdup_printf(tr_fmt(req, N_("%d-%02d-%02d")), atoi(date), atoi(date + 5),
	                       atoi(date + 8));
}

/* The ?on= date, or today with an error message when it is not a date. */
void org_page_date(HttpRequest *req, char **on, const char **error)
{
	const char *q = http_query(req, "on");

	*error = NULL;
	if (q && *q && core_date_valid(q)) {
		*on = g_strdup(q);
		return;
	}
	*on = core_today();
	if (q && *q)
		*error = http_tr(req, N_("Write the date as YYYY-MM-DD."));
}

/* <select> options of the domains, indented by depth. */
json_t *org_page_domain_options(json_t *domains, const char *selected)
{
	json_t *out = json_array(), *d;
	size_t i;

	json_array_foreach (domains, i, d) {
		const char *code = org_page_str(d, "code");
		GString *label = g_string_new(NULL);

		/* indented with ideographic spaces: a <select> shows nothing else */
		for (json_int_t k = 0; k < json_integer_value(json_object_get(d, "depth")) && k < 8;
		     k++)
			g_string_append(label, "\u3000");
		g_string_append(label, org_page_str(d, "name"));
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", code, "label",
		                                     label->str, "selected",
		                                     g_strcmp0(code, selected) == 0));
		g_string_free(label, TRUE);
	}
	return out;
}

/* <select> options of the work kinds with translated titles. */
json_t *org_page_work_options(HttpRequest *req, const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; org_work_kinds[i]; i++)
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:b}", "value", org_work_kinds[i], "label",
		                   http_tr(req, org_work_kind_title(org_work_kinds[i])), "selected",
		                   g_strcmp0(selected, org_work_kinds[i]) == 0));
	return out;
}

/* <select> options of the unit kinds with translated titles. */
json_t *org_page_unit_kind_options(HttpRequest *req, const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; org_unit_kinds[i]; i++)
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:b}", "value", org_unit_kinds[i], "label",
		                   http_tr(req, org_unit_kind_title(org_unit_kinds[i])), "selected",
		                   g_strcmp0(selected, org_unit_kinds[i]) == 0));
	return out;
}

/* The translated titles of a list of work kinds. */
json_t *org_page_work_titles(HttpRequest *req, json_t *list)
{
	json_t *out = json_array(), *k;
	size_t i;

	json_array_foreach (list, i, k)
		if (json_is_string(k))
			json_array_append_new(
			    out,
			    json_pack("{s:s, s:s}", "kind", json_string_value(k), "title",
			              http_tr(req, org_work_kind_title(json_string_value(k)))));
	return out;
}

/* A form field, trimmed. */
char *org_page_field(HttpRequest *req, const char *name)
{
	return g_strstrip(g_strdup(auth_page_form(req, name)));
}

/* Copies a trimmed form field into OBJ. */
void org_page_put_text(HttpRequest *req, json_t *obj, const char *name)
{
	char *v = org_page_field(req, name);

	json_object_set_new(obj, name, auth_page_text(v));
	g_free(v);
}

/* Copies a whole-number form field into OBJ; FALSE when it is not one. */
gboolean org_page_put_int(HttpRequest *req, json_t *obj, const char *name, gboolean nullable)
{
	g_autofree char *v = org_page_field(req, name);
	char *end = NULL;
	gint64 n;

	if (*v == '\0') {
		if (nullable)
			json_object_set_new(obj, name, json_null());
		return TRUE;
	}
	if (strlen(v) > 9)
		return FALSE;
	n = g_ascii_strtoll(v, &end, 10);
	if (end == v || *end != '\0')
		return FALSE;
	json_object_set_new(obj, name, json_integer(n));
	return TRUE;
}

/* ---- pieces of the reading pages -------------------------------------------------------- */

/* TRUE when REQ's language is English (lists and sentences join differently). */
static gboolean lang_en(HttpRequest *req)
{
	return g_strcmp0(http_lang(req), CORE_LANG_EN) == 0;
}

/* Adds the date of the page to M: "on", "on_text", "today", "is_today", "date_action" (the
 * page's path, for the date form) and, after a bad ?on=, "error" with "errors" {"on"}. */
void org_page_model_date(HttpRequest *req, json_t *m, const char *on, const char *error)
{
	json_object_set_new(m, "date_action", json_string(http_path(req)));
	g_autofree char *today = core_today();
	g_autofree char *text = org_page_date_text(req, on);

	json_object_set_new(m, "on", json_string(on));
	json_object_set_new(m, "on_text", json_string(text));
	json_object_set_new(m, "today", json_string(today));
	json_object_set_new(m, "is_today", json_boolean(strcmp(on, today) == 0));
	if (error)
		org_page_set_error(m, error, "on");
}

/* The body for the page heads: {name, short_name, term_text ("第十三届（2021年9月28日起）")},
 * or NULL when the body is not set up. BODY is org_body's answer (borrowed). */
static json_t *body_model(HttpRequest *req, json_t *body)
{
	json_t *term = json_object_get(body, "term");
	g_autofree char *from = NULL, *text = NULL;

	if (!json_is_object(body))
		return NULL;
	if (json_is_object(term)) {
		from = org_page_date_text(req, org_page_str(term, "valid_from"));
		text = g_strdup_printf(tr_fmt(req, N_("%s, since %s")), org_page_str(term, "name"),
		                       from);
	}
	return json_pack("{s:s, s:s, s:s}", "name", org_page_str(body, "name"), "short_name",
	                 org_page_str(body, "short_name"), "term_text", text ? text : "");
}

/* Prepares one leader of org_leaders (changed in place) for the pages: "href" (with ?on=),
 * "kind_title", "has_posts", "works_in" and "linked" [{name, href}], and each assignment's
 * "role_title" and "since_text". */
void org_page_leader_model(HttpRequest *req, json_t *l, const char *on)
{
	gint64 id = json_integer_value(json_object_get(l, "id"));
	g_autofree char *href = g_strdup_printf("/org/leaders/%" G_GINT64_FORMAT "?on=%s", id, on);
	json_t *works = json_array(), *linked = json_array(), *v;
	size_t i;

	json_object_set_new(l, "href", json_string(href));
	json_object_set_new(
	    l, "kind_title",
	    json_string(http_tr(req, org_leader_kind_title(org_page_str(l, "kind")))));
	json_object_set_new(l, "has_posts",
	                    json_boolean(json_array_size(json_object_get(l, "posts"))));
	json_array_foreach (json_object_get(l, "assignments"), i, v) {
		g_autofree char *since = org_page_date_text(req, org_page_str(v, "valid_from"));
		json_object_set_new(
		    v, "role_title",
		    json_string(http_tr(req, org_role_title(org_page_str(v, "role")))));
		json_object_set_new(v, "since_text", json_string(since));
	}
	json_object_set_new(l, "has_assignments",
	                    json_boolean(json_array_size(json_object_get(l, "assignments"))));
	json_array_foreach (json_object_get(l, "units"), i, v) {
		g_autofree char *uhref =
		    org_page_href("/org/units", json_integer_value(json_object_get(v, "id")));
		json_t *u = json_pack("{s:s, s:s}", "name", org_page_str(v, "name"), "href", uhref);
		json_array_append_new(
		    strcmp(org_page_str(v, "relation"), "works_in") ? linked : works, u);
	}
	json_object_set_new(l, "has_works_in", json_boolean(json_array_size(works)));
	json_object_set_new(l, "has_linked", json_boolean(json_array_size(linked)));
	json_object_set_new(l, "works_in", works);
	json_object_set_new(l, "linked", linked);
}

/* Reads the body and the leaders in office on ON into *BODY and *LEADERS; FALSE with ERR. */
static gboolean read_leaders(HttpRequest *req, const char *on, json_t **body, json_t **leaders,
                             GError **err)
{
	DbConn *c = org_page_conn(req, err);

	*body = c ? org_body(c, err) : NULL;
	*leaders = *body ? org_leaders(c, on, FALSE, err) : NULL;
	if (*leaders == NULL) {
		g_clear_pointer(body, json_decref);
		return FALSE;
	}
	return TRUE;
}

/* ---- GET /org: the leadership ----------------------------------------------------------- */

/* GET /org?on=DATE: the body and its term, the leaders in rank order with their posts,
 * portfolios, units and assisting official, and the domains nobody is in charge of. */
void org_page_overview(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	const char *date_error;
	GError *err = NULL;
	json_t *body, *leaders, *gaps, *all, *members = NULL, *m, *l, *g;
	DbConn *c;
	size_t i;

	org_page_date(req, &on, &date_error);
	if (!read_leaders(req, on, &body, &leaders, &err)) {
		org_page_fail(req, res, err);
		return;
	}
	c = org_page_conn(req, &err);
	gaps = c ? org_gaps(c, on, &err) : NULL;
	/* the full committee (全委会): its other members are listed after the 常委 */
	all = gaps ? org_committee(c, on, &err) : NULL;
	if (all == NULL) {
		json_decref(gaps);
		json_decref(body);
		json_decref(leaders);
		org_page_fail(req, res, err);
		return;
	}
	json_array_foreach (leaders, i, l)
		org_page_leader_model(req, l, on);
	json_array_foreach (gaps, i, g) {
		g_autofree char *change =
		    g_strdup_printf("/org/changes/new?domain=%s", org_page_str(g, "code"));
		g_autofree char *route = g_strdup_printf("/org/route?work=incoming&domain=%s&on=%s",
		                                         org_page_str(g, "code"), on);
		json_object_set_new(g, "change_href", json_string(change));
		json_object_set_new(g, "route_href", json_string(route));
	}
	m = org_page_model(req, N_("Leadership"), "overview");
	org_page_model_date(req, m, on, date_error);
	if (json_is_object(body))
		json_object_set_new(m, "body", body_model(req, body));
	json_object_set_new(m, "leader_count", json_integer((json_int_t)json_array_size(leaders)));
	json_object_set_new(m, "leaders", leaders);
	members = json_array();
	json_array_foreach (all, i, l)
		if (!json_is_true(json_object_get(l, "standing")))
			json_array_append(members, l);
	json_decref(all);
	json_object_set_new(m, "has_committee", json_boolean(json_array_size(members) > 0));
	json_object_set_new(m, "committee_count",
	                    json_integer((json_int_t)json_array_size(members)));
	json_object_set_new(m, "committee", members);
	json_object_set_new(m, "gap_count", json_integer((json_int_t)json_array_size(gaps)));
	json_object_set_new(m, "gaps", gaps);
	json_decref(body);
	http_reply_model(res, date_error ? 422 : 200, m, "org/overview");
}

/* ---- GET /org/division: the announcement ------------------------------------------------ */

/* NAMES joined as a list with LIST_SEP, or NULL when there are none. g_free. */
static char *join_names(GPtrArray *names, const char *list_sep)
{
	GString *out;

	if (names->len == 0)
		return NULL;
	out = g_string_new(NULL);
	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(out, "%s%s", i ? list_sep : "",
		                       (const char *)g_ptr_array_index(names, i));
	return g_string_free(out, FALSE);
}

/*
 * The 分工 paragraph of leader L (org_leaders' shape) as the announcement writes it: "主持江城市委
 * 全面工作。负责经济工作。分管发展改革、财政金融。协管……。联系……。" SHORT_NAME is the body's short
 * name. Sources of the assignments are added to SOURCES (a set). g_free.
 */
static char *division_text(HttpRequest *req, json_t *l, const char *short_name, GHashTable *sources)
{
	gboolean en = lang_en(req);
	const char *list_sep = en ? ", " : "\u3001", *sep = en ? " " : "";
	g_autoptr(GPtrArray) lead = g_ptr_array_new(), charge = g_ptr_array_new();
	g_autoptr(GPtrArray) assist = g_ptr_array_new(), linked = g_ptr_array_new();
	gboolean overall = FALSE;
	GString *out = g_string_new(NULL);
	char *joined = NULL;
	json_t *a;
	size_t i;

	json_array_foreach (json_object_get(l, "assignments"), i, a) {
		const char *role = org_page_str(a, "role"), *source = org_page_str(a, "source");

		if (*source)
			g_hash_table_add(sources, (gpointer)source);
		if (strcmp(role, "lead") == 0 &&
		    strcmp(org_page_str(a, "domain_code"), "overall") == 0)
			overall = TRUE;
		else
			g_ptr_array_add(strcmp(role, "lead") == 0     ? lead
			                : strcmp(role, "charge") == 0 ? charge
			                                              : assist,
			                (gpointer)org_page_str(a, "domain_name"));
	}
	json_array_foreach (json_object_get(l, "units"), i, a)
		if (strcmp(org_page_str(a, "relation"), "linked") == 0)
			g_ptr_array_add(linked, (gpointer)org_page_str(a, "name"));
	if (overall)
		g_string_append_printf(
		    out, tr_fmt(req, N_("Presides over the overall work of %s.")), short_name);
	if ((joined = join_names(lead, list_sep)) != NULL) {
		g_string_append(out, out->len ? sep : "");
		g_string_append_printf(out, tr_fmt(req, N_("In overall charge of %s.")), joined);
	}
	g_clear_pointer(&joined, g_free);
	if ((joined = join_names(charge, list_sep)) != NULL) {
		g_string_append(out, out->len ? sep : "");
		g_string_append_printf(out, tr_fmt(req, N_("In charge of %s.")), joined);
	}
	g_clear_pointer(&joined, g_free);
	if ((joined = join_names(assist, list_sep)) != NULL) {
		g_string_append(out, out->len ? sep : "");
		g_string_append_printf(out, tr_fmt(req, N_("Assists with %s.")), joined);
	}
	g_clear_pointer(&joined, g_free);
	if ((joined = join_names(linked, list_sep)) != NULL) {
		g_string_append(out, out->len ? sep : "");
		g_string_append_printf(out, tr_fmt(req, N_("Linked to %s.")), joined);
	}
	g_clear_pointer(&joined, g_free);
	if (out->len == 0)
		g_string_append(out, http_tr(req, N_("No portfolio assigned yet.")));
	return g_string_free(out, FALSE);
}

/* GET /org/division?on=DATE: the 分工 as the announcement 《中共江城市委常委分工》 prints it, one
 * paragraph per leader in rank order; printable on A4. */
void org_page_division(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL, *heading = NULL;
	const char *date_error, *short_name;
	GError *err = NULL;
	json_t *body, *leaders, *m, *paras = json_array(), *l;
	GHashTable *sources;
	GList *keys;
	GString *src = g_string_new(NULL);
	size_t i;

	org_page_date(req, &on, &date_error);
	if (!read_leaders(req, on, &body, &leaders, &err)) {
		json_decref(paras);
		g_string_free(src, TRUE);
		org_page_fail(req, res, err);
		return;
	}
	short_name = org_page_str(body, "short_name");
	sources = g_hash_table_new(g_str_hash, g_str_equal);
	json_array_foreach (leaders, i, l) {
		g_autofree char *text = division_text(req, l, short_name, sources);
		g_autofree char *href =
		    g_strdup_printf("/org/leaders/%" JSON_INTEGER_FORMAT "?on=%s",
		                    json_integer_value(json_object_get(l, "id")), on);
		json_array_append_new(paras, json_pack("{s:s, s:s, s:s, s:s}", "name",
		                                       org_page_str(l, "name"), "title",
		                                       org_page_str(l, "title"), "href", href,
		                                       "text", text));
	}
	keys = g_list_sort(g_hash_table_get_keys(sources), (GCompareFunc)strcmp);
	for (GList *k = keys; k; k = k->next)
		g_string_append_printf(src, "%s%s",
		                       src->len ? (lang_en(req) ? ", " : "\u3001") : "",
		                       (const char *)k->data);
	g_list_free(keys);
	g_hash_table_unref(sources);
	heading =
	    g_strdup_printf(tr_fmt(req, N_("%s: division of responsibility among the standing "
	                                   "committee members")),
	                    *short_name ? short_name : http_tr(req, N_("The committee")));
	m = org_page_model(req, N_("Division of duties"), "division");
	org_page_model_date(req, m, on, date_error);
	if (json_is_object(body))
		json_object_set_new(m, "body", body_model(req, body));
	json_object_set_new(m, "heading", json_string(heading));
	{
		g_autofree char *when = org_page_date_text(req, on);
		g_autofree char *line = g_strdup_printf(tr_fmt(req, N_("(as of %s)")), when);
		json_object_set_new(m, "date_line", json_string(line));
	}
	json_object_set_new(m, "sources", json_string(src->str));
	json_object_set_new(m, "leaders", paras);
	g_string_free(src, TRUE);
	json_decref(leaders);
	json_decref(body);
	http_reply_model(res, date_error ? 422 : 200, m, "org/division");
}

/* ---- GET /org/matrix -------------------------------------------------------------------- */

/* GET /org/matrix?on=DATE: domains (tree order) × leaders (rank order) with 主/分/协 marks;
 * the domains nobody is in charge of highlighted. */
void org_page_matrix(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	const char *date_error;
	GError *err = NULL;
	json_t *body, *leaders, *domains = NULL, *gaps = NULL, *cols, *rows, *m, *d, *l;
	GHashTable *gap_codes, *marks;
	DbConn *c;
	size_t i, j;

	org_page_date(req, &on, &date_error);
	if (!read_leaders(req, on, &body, &leaders, &err)) {
		org_page_fail(req, res, err);
		return;
	}
	c = org_page_conn(req, &err);
	domains = c ? org_domains(c, &err) : NULL;
	gaps = domains ? org_gaps(c, on, &err) : NULL;
	if (gaps == NULL) {
		json_decref(body);
		json_decref(leaders);
		json_decref(domains);
		org_page_fail(req, res, err);
		return;
	}
	gap_codes = g_hash_table_new(g_str_hash, g_str_equal);
	json_array_foreach (gaps, i, d)
		g_hash_table_add(gap_codes, (gpointer)org_page_str(d, "code"));
	/* "leader id|domain code" → role */
	marks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	cols = json_array();
	json_array_foreach (leaders, i, l) {
		g_autofree char *href =
		    org_page_href("/org/leaders", json_integer_value(json_object_get(l, "id")));
		json_array_append_new(cols,
		                      json_pack("{s:s, s:s, s:s}", "name", org_page_str(l, "name"),
		                                "title", org_page_str(l, "title"), "href", href));
		json_array_foreach (json_object_get(l, "assignments"), j, d)
			g_hash_table_insert(
			    marks, g_strdup_printf("%zu|%s", i, org_page_str(d, "domain_code")),
			    (gpointer)org_page_str(d, "role"));
	}
	rows = json_array();
	json_array_foreach (domains, i, d) {
		const char *code = org_page_str(d, "code");
		json_t *cells = json_array();
		g_autofree char *depth = g_strdup_printf(
		    "%" JSON_INTEGER_FORMAT,
		    MIN(json_integer_value(json_object_get(d, "depth")), (json_int_t)3));

		if (!json_integer_value(json_object_get(d, "active")))
			continue;
		json_array_foreach (leaders, j, l) {
			g_autofree char *key = g_strdup_printf("%zu|%s", j, code);
			const char *role = g_hash_table_lookup(marks, key);
			json_t *cell = json_pack("{s:s}", "leader", org_page_str(l, "name"));

			if (role) {
				json_object_set_new(cell, role, json_true());
				json_object_set_new(
				    cell, "role_title",
				    json_string(http_tr(req, org_role_title(role))));
			}
			json_array_append_new(cells, cell);
		}
		json_array_append_new(
		    rows, json_pack("{s:s, s:s, s:s, s:b, s:o}", "code", code, "name",
		                    org_page_str(d, "name"), "depth", depth, "gap",
		                    g_hash_table_contains(gap_codes, code), "cells", cells));
	}
	m = org_page_model(req, N_("Portfolio matrix"), "matrix");
	org_page_model_date(req, m, on, date_error);
	if (json_is_object(body))
		json_object_set_new(m, "body", body_model(req, body));
	json_object_set_new(m, "columns", cols);
	json_object_set_new(m, "has_rows", json_boolean(json_array_size(rows)));
	json_object_set_new(m, "rows", rows);
	json_object_set_new(m, "gap_count", json_integer((json_int_t)json_array_size(gaps)));
	g_hash_table_unref(marks);
	g_hash_table_unref(gap_codes);
	json_decref(gaps);
	json_decref(domains);
	json_decref(leaders);
	json_decref(body);
	http_reply_model(res, date_error ? 422 : 200, m, "org/matrix");
}

/* ---- GET /org/history ------------------------------------------------------------------- */

/* Prepares the assignment rows of LIST (changed in place) for the history page: "leader_href",
 * "domain_href" (the domain's history), "role_title", "from_text", "to_text", "open". */
void org_page_assignment_rows(HttpRequest *req, json_t *list)
{
	json_t *a;
	size_t i;

	json_array_foreach (list, i, a) {
		g_autofree char *lhref = org_page_href(
		    "/org/leaders", json_integer_value(json_object_get(a, "leader_id")));
		g_autofree char *dhref =
		    g_strdup_printf("/org/history?domain=%s", org_page_str(a, "domain_code"));
		g_autofree char *from = org_page_date_text(req, org_page_str(a, "valid_from"));
		g_autofree char *to = org_page_date_text(req, org_page_str(a, "valid_to"));

		json_object_set_new(a, "leader_href", json_string(lhref));
		json_object_set_new(a, "domain_href", json_string(dhref));
		json_object_set_new(
		    a, "role_title",
		    json_string(http_tr(req, org_role_title(org_page_str(a, "role")))));
		json_object_set_new(a, "from_text", json_string(from));
		json_object_set_new(a, "to_text", json_string(to));
		json_object_set_new(a, "open", json_boolean(*org_page_str(a, "valid_to") == '\0'));
	}
}

/* Orders two assignment rows by leader rank, then role (主管, 分管, 协管), keeping the
 * domain order of the list otherwise (g_ptr_array_sort is stable). */
static gint by_rank(gconstpointer a, gconstpointer b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t rx = json_integer_value(json_object_get(x, "leader_rank"));
	json_int_t ry = json_integer_value(json_object_get(y, "leader_rank"));
	const char *order = "lca"; /* lead, charge, assist by their first letters */
	const char *px = strchr(order, *org_page_str(x, "role"));
	const char *py = strchr(order, *org_page_str(y, "role"));

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return (int)((px ? px - order : 3) - (py ? py - order : 3));
}

/* The rows of LIST (an array, changed in place) in leader rank order. */
static void sort_by_rank(json_t *list)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)json_decref);
	json_t *v;
	size_t i;

	json_array_foreach (list, i, v)
		g_ptr_array_add(rows, json_incref(v));
	g_ptr_array_sort(rows, by_rank);
	json_array_clear(list);
	for (guint k = 0; k < rows->len; k++)
		json_array_append(list, g_ptr_array_index(rows, k));
	g_ptr_array_unref(rows);
}

/* GET /org/history[?domain=CODE][&recorded=ID]: every dated change with what it made and
 * ended; with a domain, who held that portfolio when. ?recorded= marks the change just made. */
void org_page_history(HttpRequest *req, HttpResponse *res)
{
	const char *code = http_query(req, "domain");
	gint64 recorded = auth_page_number(http_query(req, "recorded"));
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *changes = c ? org_changes(c, &err) : NULL;
	json_t *domains = changes ? org_domains(c, &err) : NULL;
	json_t *m, *ch, *d, *rows = NULL, *chosen = NULL;
	int status = 200;
	size_t i;

	if (domains == NULL) {
		json_decref(changes);
		org_page_fail(req, res, err);
		return;
	}
	m = org_page_model(req, N_("Changes of duties"), "history");
	json_array_foreach (domains, i, d)
		if (code && strcmp(org_page_str(d, "code"), code) == 0)
			chosen = d;
	if (code && *code && chosen == NULL) {
		status = 422;
		org_page_set_error(m, http_tr(req, N_("There is no such domain.")), "domain");
	} else if (chosen) {
		OrgAssignmentFilter f = {.on = NULL, .leader_id = 0, .domain = code};

		if ((rows = org_assignments(c, &f, &err)) == NULL) {
			json_decref(m);
			json_decref(changes);
			json_decref(domains);
			org_page_fail(req, res, err);
			return;
		}
		org_page_assignment_rows(req, rows);
		json_object_set_new(m, "domain",
		                    json_pack("{s:s, s:s, s:s}", "code", code, "name",
		                              org_page_str(chosen, "name"), "description",
		                              org_page_str(chosen, "description")));
		json_object_set_new(m, "has_domain_rows", json_boolean(json_array_size(rows)));
		json_object_set_new(m, "domain_rows", rows);
	}
	json_array_foreach (changes, i, ch) {
		gint64 id = json_integer_value(json_object_get(ch, "id"));
		g_autofree char *eff = org_page_date_text(req, org_page_str(ch, "effective"));
		g_autofree char *at = auth_page_time(
		    json_integer_value(json_object_get(ch, "created_at")), "%Y-%m-%d %H:%M");
		g_autofree char *anchor = g_strdup_printf("change-%" G_GINT64_FORMAT, id);

		sort_by_rank(json_object_get(ch, "assigned"));
		sort_by_rank(json_object_get(ch, "ended"));
		org_page_assignment_rows(req, json_object_get(ch, "assigned"));
		org_page_assignment_rows(req, json_object_get(ch, "ended"));
		json_object_set_new(ch, "effective_text", json_string(eff));
		json_object_set_new(ch, "created_text", auth_page_text(at));
		json_object_set_new(ch, "anchor", json_string(anchor));
		json_object_set_new(ch, "recorded", json_boolean(id == recorded));
	}
	json_object_set_new(m, "filter", json_pack("{s:o}", "domain", auth_page_text(code)));
	json_object_set_new(m, "domain_options", org_page_domain_options(domains, code));
	json_object_set_new(m, "change_count", json_integer((json_int_t)json_array_size(changes)));
	json_object_set_new(m, "changes", changes);
	if (recorded && status == 200)
		auth_page_flash(
		    req, m, "success",
		    N_("The change has been recorded. New work is routed by it from its "
		       "effective date."));
	json_decref(domains);
	http_reply_model(res, status, m, "org/history");
}
