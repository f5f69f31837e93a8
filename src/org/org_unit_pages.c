/*
 * org_unit_pages.c — the office's departments and the units it deals with: the departments with
 * their duties and kinds of work (/org/departments, edited inline by org.manage), the directory
 * (通讯录, /org/units), one unit's page with its edit form (/org/units/{id}), new units, and
 * importing units or assignments from a spreadsheet (/org/import).
 *
 * Reading needs org.read; every form needs org.manage (the route table says so) and posts with
 * csrf_token. A refusal re-shows the page with the message at its field and what was typed.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_pages.h"
#include "core/core.h"

#include <string.h>

/* Answers 404 for a path id that is not a positive number; TRUE when it did. */
static gboolean bad_id(HttpResponse *res, gint64 id)
{
	if (id > 0)
		return FALSE;
	http_reply_error(res, 404, "not_found", N_("There is nothing at this address."), NULL);
	return TRUE;
}

/* ---- departments -------------------------------------------------------------------------- */

/* The work-kind checkboxes of department D's form: [{field: "work_incoming", input_id, title,
 * checked}], checked from the request when TYPED, else from D's "work". */
static json_t *department_checks(HttpRequest *req, json_t *d, gboolean typed)
{
	gint64 id = json_integer_value(json_object_get(d, "id"));
	json_t *out = json_array(), *k;
	size_t i;

	for (gsize n = 0; org_work_kinds[n]; n++) {
		g_autofree char *field = g_strconcat("work_", org_work_kinds[n], NULL);
		g_autofree char *input =
		    g_strdup_printf("dept-%" G_GINT64_FORMAT "-%s", id, org_work_kinds[n]);
		gboolean on = FALSE;

		if (typed)
			on = http_form(req, field) != NULL;
		else
			json_array_foreach (json_object_get(d, "work"), i, k)
				on = on || g_strcmp0(json_string_value(k), org_work_kinds[n]) == 0;
		json_array_append_new(
		    out,
		    json_pack("{s:s, s:s, s:s, s:b}", "field", field, "input_id", input, "title",
		              http_tr(req, org_work_kind_title(org_work_kinds[n])), "checked", on));
	}
	return out;
}

/*
 * Renders the departments page with STATUS: each department's duties, kinds of work, phone and
 * staff and, for org.manage, its edit form folded in a <details>. After a refusal for FOR_ID,
 * that form is open with the typed values and ERROR (translated) at FIELD. ?saved=ID marks
 * the department just changed.
 */
static void departments_reply(HttpRequest *req, HttpResponse *res, int status, gint64 for_id,
                              const char *error, const char *field)
{
	gint64 saved = status == 200 ? auth_page_number(http_query(req, "saved")) : 0;
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *deps = c ? org_departments(c, &err) : NULL, *m, *d;
	size_t i;

	if (deps == NULL) {
		org_page_fail(req, res, err);
		return;
	}
	json_array_foreach (deps, i, d) {
		gint64 id = json_integer_value(json_object_get(d, "id"));
		gboolean mine = error && id == for_id;
		g_autofree char *action = org_page_href("/org/departments", id);
		g_autofree char *anchor = g_strdup_printf("dept-%" G_GINT64_FORMAT, id);

		json_object_set_new(d, "action", json_string(action));
		json_object_set_new(d, "anchor", json_string(anchor));
		json_object_set_new(d, "work_titles",
		                    org_page_work_titles(req, json_object_get(d, "work")));
		json_object_set_new(d, "has_staff",
		                    json_boolean(json_array_size(json_object_get(d, "staff"))));
		json_object_set_new(d, "checks", department_checks(req, d, mine));
		json_object_set_new(
		    d, "values",
		    json_pack(
		        "{s:o, s:o}", "duties",
		        auth_page_text(mine ? http_form(req, "duties") : org_page_str(d, "duties")),
		        "phone",
		        auth_page_text(mine ? http_form(req, "phone") : org_page_str(d, "phone"))));
		json_object_set_new(d, "errors",
		                    mine && field ? json_pack("{s:b}", field, 1) : json_object());
		if (mine)
			json_object_set_new(d, "row_error", auth_page_text(error));
		json_object_set_new(d, "saved", json_boolean(id == saved));
		json_object_set_new(d, "open", json_boolean(mine));
	}
	m = org_page_model(req, N_("Office departments"), "departments");
	json_object_set_new(m, "department_count", json_integer((json_int_t)json_array_size(deps)));
	json_object_set_new(m, "departments", deps);
	if (saved)
		auth_page_flash(req, m, "success", N_("The department has been saved."));
	http_reply_model(res, status, m, "org/departments");
}

/* GET /org/departments: the office's departments. */
void org_page_departments(HttpRequest *req, HttpResponse *res)
{
	departments_reply(req, res, 200, 0, NULL, NULL);
}

/* POST /org/departments/{id} (duties, phone, work_<kind> checkboxes): updates a department's
 * duties, phone and the kinds of work it handles (routing names it for them). */
void org_page_department_post(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id"), out = 0;
	json_t *obj, *work;
	const char *field = NULL;
	GError *err = NULL;

	if (bad_id(res, id))
		return;
	obj = json_object();
	work = json_array();
	org_page_put_text(req, obj, "phone");
	json_object_set_new(obj, "duties", auth_page_text(auth_page_form(req, "duties")));
	for (gsize n = 0; org_work_kinds[n]; n++) {
		g_autofree char *name = g_strconcat("work_", org_work_kinds[n], NULL);
		if (http_form(req, name))
			json_array_append_new(work, json_string(org_work_kinds[n]));
	}
	json_object_set_new(obj, "work", work);
	if (org_op_save(app_db(req), auth_current(req), http_remote_addr(req), ORG_THING_DEPARTMENT,
	                id, obj, &out, &field, &err)) {
		g_autofree char *href = g_strdup_printf(
		    "/org/departments?saved=%" G_GINT64_FORMAT "#dept-%" G_GINT64_FORMAT, id, id);
		http_reply_redirect(res, 303, href);
	} else if (!org_page_refusal(err)) {
		org_page_fail(req, res, err);
	} else {
		departments_reply(req, res, org_error_status(err), id, org_page_message(req, err),
		                  field);
		g_error_free(err);
	}
	json_decref(obj);
}

/* ---- the directory ------------------------------------------------------------------------ */

/* Prepares unit U of org_units (changed in place) for the pages: "href", "kind_title",
 * "has_liaisons", "has_leaders" and each leader's "href" and "relation_title". */
static void unit_model(HttpRequest *req, json_t *u)
{
	g_autofree char *href =
	    org_page_href("/org/units", json_integer_value(json_object_get(u, "id")));
	json_t *l;
	size_t i;

	json_object_set_new(u, "href", json_string(href));
	json_object_set_new(
	    u, "kind_title",
	    json_string(http_tr(req, org_unit_kind_title(org_page_str(u, "kind")))));
	json_object_set_new(u, "has_liaisons",
	                    json_boolean(json_array_size(json_object_get(u, "liaisons"))));
	json_object_set_new(u, "has_leaders",
	                    json_boolean(json_array_size(json_object_get(u, "leaders"))));
	json_object_set_new(u, "is_active",
	                    json_boolean(json_integer_value(json_object_get(u, "active"))));
	json_array_foreach (json_object_get(u, "leaders"), i, l) {
		g_autofree char *lhref =
		    org_page_href("/org/leaders", json_integer_value(json_object_get(l, "id")));
		json_object_set_new(l, "href", json_string(lhref));
		json_object_set_new(
		    l, "relation_title",
		    json_string(http_tr(req, org_relation_title(org_page_str(l, "relation")))));
	}
}

/* GET /org/units?q=&kind=: the directory (通讯录) — units grouped by kind with their phones,
 * addresses, liaisons and linked leaders, then the office's own people; both filtered by Q. */
void org_page_directory(HttpRequest *req, HttpResponse *res)
{
	const char *q = http_query(req, "q"), *kind = http_query(req, "kind");
	g_autofree char *today = core_today();
	gboolean kind_ok = kind == NULL || *kind == '\0';
	GError *err = NULL;
	DbConn *c;
	json_t *units = NULL, *people = NULL, *groups, *group = NULL, *u, *m;
	const char *last = NULL;
	size_t i;

	for (gsize n = 0; !kind_ok && org_unit_kinds[n]; n++)
		kind_ok = strcmp(kind, org_unit_kinds[n]) == 0;
	if (q && g_utf8_strlen(q, -1) > 100)
		q = NULL; /* a search that long finds nothing anyway */
	c = org_page_conn(req, &err);
	units = c ? org_units(c, q, kind_ok && kind && *kind ? kind : NULL, today, &err) : NULL;
	people = units ? org_people(c, q, &err) : NULL;
	if (people == NULL) {
		json_decref(units);
		org_page_fail(req, res, err);
		return;
	}
	groups = json_array();
	json_array_foreach (units, i, u) {
		const char *k = org_page_str(u, "kind");

		unit_model(req, u);
		if (last == NULL || strcmp(last, k) != 0) {
			group = json_pack("{s:s, s:s, s:[]}", "kind", k, "title",
			                  http_tr(req, org_unit_kind_title(k)), "units");
			json_array_append_new(groups, group);
			last = k;
		}
		json_array_append(json_object_get(group, "units"), u);
	}
	json_array_foreach (people, i, u) {
		gint64 leader = json_integer_value(json_object_get(u, "leader_id"));
		g_autofree char *href = leader ? org_page_href("/org/leaders", leader) : NULL;

		json_object_set_new(u, "href", href ? json_string(href) : json_null());
	}
	m = org_page_model(req, N_("Directory"), "units");
	json_object_set_new(
	    m, "filter",
	    json_pack("{s:o, s:o}", "q", auth_page_text(q), "kind", auth_page_text(kind)));
	json_object_set_new(m, "kind_options", org_page_unit_kind_options(req, kind));
	json_object_set_new(m, "searching", json_boolean((q && *q) || (kind && *kind)));
	json_object_set_new(m, "unit_count", json_integer((json_int_t)json_array_size(units)));
	json_object_set_new(m, "groups", groups);
	json_object_set_new(m, "people_count", json_integer((json_int_t)json_array_size(people)));
	json_object_set_new(m, "people", people);
	if (!kind_ok)
		org_page_set_error(m, http_tr(req, N_("This is not a kind of unit mishu knows.")),
		                   "kind");
	json_decref(units);
	http_reply_model(res, kind_ok ? 200 : 422, m, "org/units");
}

/* ---- one unit ----------------------------------------------------------------------------- */

/* The unit form's text fields, in the form's order. */
static const char *const unit_texts[] = {"code",  "name", "short_name", "kind",   "domain",
                                         "phone", "fax",  "email",      "address"};

/* The unit form's values: typed (from the request) or those of unit U (may be NULL). */
static json_t *unit_values(HttpRequest *req, json_t *u, gboolean typed)
{
	json_t *v = json_object();
	g_autofree char *pos =
	    u ? g_strdup_printf("%" JSON_INTEGER_FORMAT,
	                        json_integer_value(json_object_get(u, "position")))
	      : g_strdup("100");

	for (gsize k = 0; k < G_N_ELEMENTS(unit_texts); k++) {
		const char *key =
		    strcmp(unit_texts[k], "domain") == 0 ? "domain_code" : unit_texts[k];
		json_object_set_new(
		    v, unit_texts[k],
		    auth_page_text(typed ? http_form(req, unit_texts[k]) : org_page_str(u, key)));
	}
	json_object_set_new(v, "position",
	                    auth_page_text(typed ? http_form(req, "position") : pos));
	json_object_set_new(
	    v, "active",
	    json_boolean(typed ? http_form(req, "active") != NULL
	                       : u == NULL || json_integer_value(json_object_get(u, "active"))));
	return v;
}

/* Adds the unit form (values and selects) to M; FALSE with ERR when the domains cannot be read. */
static gboolean unit_form_model(HttpRequest *req, DbConn *c, json_t *m, json_t *values,
                                GError **err)
{
	json_t *domains = org_domains(c, err);

	if (domains == NULL) {
		json_decref(values);
		return FALSE;
	}
	json_object_set_new(m, "kind_options",
	                    org_page_unit_kind_options(req, org_page_str(values, "kind")));
	json_object_set_new(m, "domain_options",
	                    org_page_domain_options(domains, org_page_str(values, "domain")));
	json_object_set_new(m, "values", values);
	json_decref(domains);
	return TRUE;
}

/* Renders unit ID's page with STATUS: its contacts, liaisons and linked leaders and, for
 * org.manage, the edit form (typed values and ERROR at FIELD after a refusal). ID 0: the
 * new-unit form alone. */
static void unit_reply(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                       const char *error, const char *field)
{
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = org_page_conn(req, &err);
	json_t *u = NULL, *m;

	if (c == NULL || (id && (u = org_unit(c, id, today, &err)) == NULL)) {
		org_page_fail(req, res, err);
		return;
	}
	m = org_page_model(req, id ? N_("Unit") : N_("New unit"), "units");
	if (org_page_can_manage(req) &&
	    !unit_form_model(req, c, m, unit_values(req, u, error != NULL), &err)) {
		json_decref(u);
		json_decref(m);
		org_page_fail(req, res, err);
		return;
	}
	if (u) {
		g_autofree char *action = org_page_href("/org/units", id);
		unit_model(req, u);
		json_object_set_new(m, "action", json_string(action));
		json_object_set_new(m, "title", json_string(org_page_str(u, "name")));
		json_object_set_new(m, "unit", u);
	}
	if (error)
		org_page_set_error(m, error, field);
	if (status == 200 && g_strcmp0(http_query(req, "saved"), "1") == 0)
		auth_page_flash(req, m, "success", N_("The changes have been saved."));
	if (status == 200 && g_strcmp0(http_query(req, "created"), "1") == 0)
		auth_page_flash(req, m, "success", N_("The unit has been added to the directory."));
	http_reply_model(res, status, m, id ? "org/unit" : "org/unit_new");
}

/* GET /org/units/{id}: one unit. */
void org_page_unit(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (!bad_id(res, id))
		unit_reply(req, res, 200, id, NULL, NULL);
}

/* GET /org/units/new: the form for a new unit. */
void org_page_unit_new(HttpRequest *req, HttpResponse *res)
{
	unit_reply(req, res, 200, 0, NULL, NULL);
}

/* Saves unit ID (0: a new one) from the form, then shows its page. */
static void unit_save(HttpRequest *req, HttpResponse *res, gint64 id)
{
	json_t *obj = json_object();
	const char *field = NULL;
	GError *err = NULL;
	gint64 out = 0;

	for (gsize k = 0; k < G_N_ELEMENTS(unit_texts); k++)
		org_page_put_text(req, obj, unit_texts[k]);
	json_object_set_new(obj, "active", json_integer(http_form(req, "active") != NULL));
	if (!org_page_put_int(req, obj, "position", FALSE)) {
		unit_reply(req, res, 422, id,
		           http_tr(req, N_("Enter a whole number from 0 to 1000000.")), "position");
	} else if (org_op_save(app_db(req), auth_current(req), http_remote_addr(req),
	                       ORG_THING_UNIT, id, obj, &out, &field, &err)) {
		g_autofree char *href = g_strdup_printf("/org/units/%" G_GINT64_FORMAT "?%s=1", out,
		                                        id ? "saved" : "created");
		http_reply_redirect(res, 303, href);
	} else if (!org_page_refusal(err)) {
		org_page_fail(req, res, err);
	} else {
		unit_reply(req, res, org_error_status(err), id, org_page_message(req, err), field);
		g_error_free(err);
	}
	json_decref(obj);
}

/* POST /org/units (code, name, short_name, kind, domain, phone, fax, email, address, position,
 * active): adds a unit. */
void org_page_unit_create(HttpRequest *req, HttpResponse *res)
{
	unit_save(req, res, 0);
}

/* POST /org/units/{id} (the same fields; an unchecked "active" retires the unit). */
void org_page_unit_post(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (!bad_id(res, id))
		unit_save(req, res, id);
}

/* ---- import ------------------------------------------------------------------------------- */

/* The kinds the import page offers (accounts are the system administrator's: 三员分立). */
static const struct {
	const char *code, *label;
	OrgImportKind kind;
} import_kinds[] = {
    {"units", N_("Units and their contacts"), ORG_IMPORT_UNITS}, /* 单位及联系方式 */
    {"assignments", N_("Assignments of portfolios"), ORG_IMPORT_ASSIGNMENTS}, /* 分工 */
};

/* The columns each import reads (org_import.c): key, the Chinese header also accepted, required. */
static const struct {
	const char *kind, *key, *zh;
	gboolean required;
} import_columns[] = {
    {"units", "code", "代码", TRUE},
    {"units", "name", "名称", TRUE},
    {"units", "short_name", "简称", FALSE},
    {"units", "kind", "类别", FALSE},
    {"units", "domain", "领域", FALSE},
    {"units", "phone", "电话", FALSE},
    {"units", "fax", "传真", FALSE},
    {"units", "email", "邮箱", FALSE},
    {"units", "address", "地址", FALSE},
    {"assignments", "leader", "领导", TRUE},
    {"assignments", "domain", "领域", TRUE},
    {"assignments", "role", "分工", FALSE},
    {"assignments", "valid_from", "生效日期", TRUE},
    {"assignments", "source", "依据", FALSE},
};

/* The expected columns of each import kind for the page: [{code, label, columns: [{key, zh,
 * required}]}]. */
static json_t *import_help(HttpRequest *req)
{
	json_t *out = json_array();

	for (gsize i = 0; i < G_N_ELEMENTS(import_kinds); i++) {
		json_t *cols = json_array();
		for (gsize k = 0; k < G_N_ELEMENTS(import_columns); k++)
			if (strcmp(import_columns[k].kind, import_kinds[i].code) == 0)
				json_array_append_new(
				    cols, json_pack("{s:s, s:s, s:b}", "key", import_columns[k].key,
				                    "zh", import_columns[k].zh, "required",
				                    import_columns[k].required));
		json_array_append_new(
		    out, json_pack("{s:s, s:s, s:o}", "code", import_kinds[i].code, "label",
		                   http_tr(req, import_kinds[i].label), "columns", cols));
	}
	return out;
}

/* Renders the import page with STATUS for KIND (may be NULL): the form, the expected columns,
 * the export link and, after an import, its REPORT (stolen; may be NULL); ERROR (translated) at
 * FIELD when the file could not be taken at all. */
static void import_reply(HttpRequest *req, HttpResponse *res, int status, const char *kind,
                         json_t *report, const char *error, const char *field)
{
	json_t *m = org_page_model(req, N_("Import and export"), "import"), *opts = json_array();
	g_autofree char *today = core_today();
	g_autofree char *export = g_strdup_printf("/api/v1/org/export.xlsx?on=%s", today);

	for (gsize i = 0; i < G_N_ELEMENTS(import_kinds); i++)
		json_array_append_new(
		    opts, json_pack("{s:s, s:s, s:b}", "value", import_kinds[i].code, "label",
		                    http_tr(req, import_kinds[i].label), "selected",
		                    g_strcmp0(kind, import_kinds[i].code) == 0));
	json_object_set_new(m, "kind_options", opts);
	json_object_set_new(m, "help", import_help(req));
	json_object_set_new(m, "export_href", json_string(export));
	if (report) {
		gboolean bad = json_array_size(json_object_get(report, "problems")) > 0;
		json_object_set_new(report, "has_problems", json_boolean(bad));
		json_object_set_new(report, "ok", json_boolean(!bad));
		json_object_set_new(m, "report", report);
	}
	if (error)
		org_page_set_error(m, error, field);
	http_reply_model(res, status, m, "org/import");
}

/* GET /org/import: the upload form and the export link. */
void org_page_import(HttpRequest *req, HttpResponse *res)
{
	import_reply(req, res, 200, NULL, NULL, NULL, NULL);
}

/* POST /org/import (multipart: kind = units|assignments, file = CSV or XLSX): imports the whole
 * file or nothing, then shows the report (422 with every problem when nothing was written). */
void org_page_import_post(HttpRequest *req, HttpResponse *res)
{
	const char *kind = auth_page_form(req, "kind");
	GPtrArray *ups = http_uploads(req);
	HttpUpload *file = NULL;
	g_autofree char *data = NULL;
	gsize len = 0;
	GError *err = NULL;
	json_t *report;
	gsize k;

	for (k = 0; k < G_N_ELEMENTS(import_kinds); k++)
		if (strcmp(kind, import_kinds[k].code) == 0)
			break;
	for (guint i = 0; ups && i < ups->len; i++)
		if (g_strcmp0(((HttpUpload *)g_ptr_array_index(ups, i))->field, "file") == 0)
			file = g_ptr_array_index(ups, i);
	if (k == G_N_ELEMENTS(import_kinds)) {
		import_reply(req, res, 422, NULL, NULL,
		             http_tr(req, N_("Choose what the file holds.")), "kind");
		return;
	}
	if (file == NULL || file->size == 0) {
		import_reply(req, res, 422, kind, NULL,
		             http_tr(req, N_("Choose a CSV or Excel file to import.")), "file");
		return;
	}
	if (!g_file_get_contents(file->path, &data, &len, &err)) {
		g_warning("org import: %s", err->message);
		g_clear_error(&err);
		import_reply(req, res, 422, kind, NULL,
		             http_tr(req, N_("The file could not be read. Choose it again.")),
		             "file");
		return;
	}
	report = org_import(app_db(req), auth_current(req), http_remote_addr(req),
	                    import_kinds[k].kind, data, len, http_lang(req), &err);
	if (report == NULL && org_page_refusal(err)) {
		import_reply(req, res, 422, kind, NULL, org_page_message(req, err), "file");
		g_error_free(err);
	} else if (report == NULL) {
		org_page_fail(req, res, err);
	} else {
		gboolean bad = json_array_size(json_object_get(report, "problems")) > 0;
		import_reply(req, res, bad ? 422 : 200, kind, report, NULL, NULL);
	}
}
