/*
 * org_api.c — the JSON API of the organisation (/api/v1/org/…) and of routing (/api/v1/route).
 * Lists are small (a body has tens of leaders, hundreds of domains and units), so each answers
 * every item at once: {"items": […], "next_cursor": null}.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "org/org_web.h"
#include "app.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* Answers LIST (stolen; NULL after a failure in ERR) as a collection. */
static void reply_items(HttpRequest *req, HttpResponse *res, json_t *list, GError *err)
{
	if (list == NULL) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", list, "next_cursor"));
}

/* The calling thread's connection, or NULL after answering 500. */
static DbConn *conn(HttpRequest *req, HttpResponse *res)
{
	GError *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);

	if (c == NULL) {
		GError *err = NULL;
		org_error_from_db(&err, e);
		org_fail(req, res, err, NULL);
	}
	return c;
}

/* Reads the {id} path parameter; answers 404 when it is not a positive id. */
static gboolean path_id(HttpRequest *req, HttpResponse *res, gint64 *id)
{
	return auth_path_id(req, res, id);
}

/* ---- leaders ------------------------------------------------------------------------------ */

void org_api_leaders(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	GError *err = NULL;
	DbConn *c;

	if (!org_query_date(req, res, &on) || (c = conn(req, res)) == NULL)
		return;
	reply_items(req, res, org_leaders(c, on, g_strcmp0(http_query(req, "all"), "1") == 0, &err),
	            err);
}

void org_api_leader(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	GError *err = NULL;
	DbConn *c;
	gint64 id;
	json_t *l;

	if (!path_id(req, res, &id) || !org_query_date(req, res, &on) ||
	    (c = conn(req, res)) == NULL)
		return;
	if ((l = org_leader(c, id, on, &err)) == NULL) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, l);
}

/* Saves THING ID (0: create) from the JSON body, then answers with ANSWER(id). */
static void save(HttpRequest *req, HttpResponse *res, OrgThing thing, gint64 id,
                 json_t *(*answer)(DbConn *, gint64, const char *, GError **))
{
	const char *field = NULL;
	GError *err = NULL;
	g_autofree char *on = core_today();
	gint64 out = 0;
	DbConn *c;
	json_t *obj;

	if (!org_op_save(app_db(req), auth_current(req), http_remote_addr(req), thing, id,
	                 http_json(req), &out, &field, &err)) {
		org_fail(req, res, err, field);
		return;
	}
	if ((c = conn(req, res)) == NULL)
		return;
	if ((obj = answer(c, out, on, &err)) == NULL) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, id ? 200 : 201, obj);
}

/* Picks row ID out of the list LIST (stolen), or NULL with ORG_ERROR_NOT_FOUND. */
static json_t *pick(json_t *list, gint64 id, GError **err)
{
	json_t *v, *one = NULL;
	size_t i;

	if (list == NULL)
		return NULL;
	json_array_foreach (list, i, v)
		if (json_integer_value(json_object_get(v, "id")) == id)
			one = json_incref(v);
	json_decref(list);
	if (one == NULL)
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_NOT_FOUND,
		                    N_("There is nothing at "
		                       "this address."));
	return one;
}

static json_t *domain_one(DbConn *c, gint64 id, const char *on, GError **err)
{
	return pick(org_domains(c, err), id, err);
}

static json_t *department_one(DbConn *c, gint64 id, const char *on, GError **err)
{
	return pick(org_departments(c, err), id, err);
}

static json_t *rule_one(DbConn *c, gint64 id, const char *on, GError **err)
{
	return pick(org_rules(c, err), id, err);
}

void org_api_leader_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, ORG_THING_LEADER, 0, org_leader);
}

void org_api_leader_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (path_id(req, res, &id))
		save(req, res, ORG_THING_LEADER, id, org_leader);
}

/* ---- the full committee (全委会) ------------------------------------------------------------ */

void org_api_committee(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	GError *err = NULL;
	DbConn *c;

	if (!org_query_date(req, res, &on) || (c = conn(req, res)) == NULL)
		return;
	reply_items(req, res, org_committee(c, on, &err), err);
}

/* save()'s answer: the member as stored (ON does not matter). */
static json_t *committee_one(DbConn *c, gint64 id, const char *on, GError **err)
{
	(void)on;
	return org_committee_member(c, id, err);
}

void org_api_committee_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, ORG_THING_COMMITTEE, 0, committee_one);
}

void org_api_committee_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (path_id(req, res, &id))
		save(req, res, ORG_THING_COMMITTEE, id, committee_one);
}

/* ---- domains, departments, units, rules --------------------------------------------------- */

void org_api_domains(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = conn(req, res);

	if (c)
		reply_items(req, res, org_domains(c, &err), err);
}

void org_api_domain_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, ORG_THING_DOMAIN, 0, domain_one);
}

void org_api_domain_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (path_id(req, res, &id))
		save(req, res, ORG_THING_DOMAIN, id, domain_one);
}

void org_api_departments(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = conn(req, res);

	if (c)
		reply_items(req, res, org_departments(c, &err), err);
}

void org_api_department_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, ORG_THING_DEPARTMENT, 0, department_one);
}

void org_api_department_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (path_id(req, res, &id))
		save(req, res, ORG_THING_DEPARTMENT, id, department_one);
}

void org_api_units(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	const char *q = http_query(req, "q"), *kind = http_query(req, "kind");
	GError *err = NULL;
	DbConn *c;

	if (q && g_utf8_strlen(q, -1) > 100) {
		http_reply_error(res, 422, "invalid",
		                 N_("The search text cannot be longer than 100 characters."), "q");
		return;
	}
	if (!org_query_date(req, res, &on) || (c = conn(req, res)) == NULL)
		return;
	reply_items(req, res, org_units(c, q, kind && *kind ? kind : NULL, on, &err), err);
}

void org_api_recipients(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = conn(req, res);

	if (c != NULL)
		reply_items(req, res, org_recipients(c, &err), err);
}

void org_api_unit(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	GError *err = NULL;
	DbConn *c;
	gint64 id;
	json_t *u;

	if (!path_id(req, res, &id) || !org_query_date(req, res, &on) ||
	    (c = conn(req, res)) == NULL)
		return;
	if ((u = org_unit(c, id, on, &err)) == NULL) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, u);
}

void org_api_unit_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, ORG_THING_UNIT, 0, org_unit);
}

void org_api_unit_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (path_id(req, res, &id))
		save(req, res, ORG_THING_UNIT, id, org_unit);
}

void org_api_people(HttpRequest *req, HttpResponse *res)
{
	const char *q = http_query(req, "q");
	GError *err = NULL;
	DbConn *c;

	if (q && g_utf8_strlen(q, -1) > 100) {
		http_reply_error(res, 422, "invalid",
		                 N_("The search text cannot be longer than 100 characters."), "q");
		return;
	}
	if ((c = conn(req, res)) != NULL)
		reply_items(req, res, org_people(c, q, &err), err);
}

void org_api_rules(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = conn(req, res);

	if (c)
		reply_items(req, res, org_rules(c, &err), err);
}

void org_api_rule_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, ORG_THING_RULE, 0, rule_one);
}

void org_api_rule_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (path_id(req, res, &id))
		save(req, res, ORG_THING_RULE, id, rule_one);
}

void org_api_rule_delete(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 id;

	if (!path_id(req, res, &id))
		return;
	if (!org_op_rule_delete(app_db(req), auth_current(req), http_remote_addr(req), id, &err)) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_reply_bytes(res, 204, NULL, NULL);
}

/* ---- assignments and changes -------------------------------------------------------------- */

/* GET /api/v1/org/assignments?on=&leader=&domain=&history=1: in force on a date (default today)
 * or, with history=1, every row ever. */
void org_api_assignments(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	const char *leader = http_query(req, "leader");
	OrgAssignmentFilter f = {0};
	GError *err = NULL;
	DbConn *c;

	if (!org_query_date(req, res, &on))
		return;
	if (leader && *leader) {
		char *end;
		f.leader_id = g_ascii_strtoll(leader, &end, 10);
		if (*end || f.leader_id <= 0) {
			http_reply_error(res, 422, "invalid", N_("Name the leader by id."),
			                 "leader");
			return;
		}
	}
	f.on = g_strcmp0(http_query(req, "history"), "1") == 0 ? NULL : on;
	f.domain = http_query(req, "domain");
	if (f.domain && *f.domain == '\0')
		f.domain = NULL;
	if ((c = conn(req, res)) != NULL)
		reply_items(req, res, org_assignments(c, &f, &err), err);
}

/* POST /api/v1/org/assignments: one dated change (org_change_apply's shape) → 201 with the
 * change as org_changes lists it. */
void org_api_change(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;
	DbConn *c;
	json_t *list, *one;

	if (!org_op_change(app_db(req), auth_current(req), http_remote_addr(req), http_json(req),
	                   &id, &field, &err)) {
		org_fail(req, res, err, field);
		return;
	}
	if ((c = conn(req, res)) == NULL)
		return;
	if ((one = pick(list = org_changes(c, &err), id, &err)) == NULL) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, one);
}

void org_api_changes(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = conn(req, res);

	if (c)
		reply_items(req, res, org_changes(c, &err), err);
}

void org_api_gaps(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	GError *err = NULL;
	DbConn *c;

	if (org_query_date(req, res, &on) && (c = conn(req, res)) != NULL)
		reply_items(req, res, org_gaps(c, on, &err), err);
}

/* ---- routing ------------------------------------------------------------------------------ */

/* GET /api/v1/route?work=KIND&domain=CODE&on=YYYY-MM-DD[&severity=N][&origin=higher]
 * [&scope=committee] */
void org_api_route(HttpRequest *req, HttpResponse *res)
{
	const char *sev = http_query(req, "severity");
	OrgRouteQuery q = {
	    .work = http_query(req, "work"),
	    .domain = http_query(req, "domain"),
	    .on = http_query(req, "on"),
	    .origin = http_query(req, "origin"),
	    .scope = http_query(req, "scope"),
	};
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c;
	json_t *r;

	if (sev && *sev) {
		if (strlen(sev) != 1 || sev[0] < '1' || sev[0] > '4') {
			http_reply_error(
			    res, 422, "invalid",
			    N_("The severity is an incident level from 1 (Ⅰ) to 4 (Ⅳ)."),
			    "severity");
			return;
		}
		q.severity = sev[0] - '0';
	}
	if ((c = conn(req, res)) == NULL)
		return;
	if ((r = org_route(c, &q, http_lang(req), &field, &err)) == NULL) {
		org_fail(req, res, err, field);
		return;
	}
	http_reply_json(res, 200, r);
}

/* ---- import and export -------------------------------------------------------------------- */

/* Reads the uploaded file (field "file", or the only upload) of REQ into *DATA; FALSE after
 * answering 422 when there is none. */
static gboolean upload_bytes(HttpRequest *req, HttpResponse *res, char **data, gsize *len)
{
	GPtrArray *ups = http_uploads(req);
	HttpUpload *u = NULL;

	for (guint i = 0; ups && i < ups->len; i++) {
		HttpUpload *x = g_ptr_array_index(ups, i);
		if (u == NULL || g_strcmp0(x->field, "file") == 0)
			u = x;
	}
	if (u == NULL || u->size == 0 || !g_file_get_contents(u->path, data, len, NULL)) {
		http_reply_error(res, 422, "invalid",
		                 N_("Choose a CSV or Excel (.xlsx) file to import."), "file");
		return FALSE;
	}
	return TRUE;
}

/* Runs an import of KIND from the upload and answers its report: 200 when written, 422 with the
 * problems (nothing written). */
static void import_reply(HttpRequest *req, HttpResponse *res, OrgImportKind kind)
{
	g_autofree char *data = NULL;
	GError *err = NULL;
	gsize len = 0;
	json_t *report;

	if (!upload_bytes(req, res, &data, &len))
		return;
	report = org_import(app_db(req), auth_current(req), http_remote_addr(req), kind, data, len,
	                    http_lang(req), &err);
	if (report == NULL) {
		org_fail(req, res, err, "file");
		return;
	}
	if (json_array_size(json_object_get(report, "problems")) > 0) {
		json_t *e =
		    json_pack("{s:s, s:s, s:s, s:O}", "code", "import_invalid", "message",
		              http_tr(req, N_("The file has errors; nothing was imported.")),
		              "field", "file", "problems", json_object_get(report, "problems"));
		json_object_set_new(report, "error", e);
		http_reply_json(res, 422, report);
		return;
	}
	http_reply_json(res, 200, report);
}

void org_api_import(HttpRequest *req, HttpResponse *res)
{
	const char *kind = http_param(req, "kind");

	if (g_strcmp0(kind, "units") == 0)
		import_reply(req, res, ORG_IMPORT_UNITS);
	else if (g_strcmp0(kind, "assignments") == 0)
		import_reply(req, res, ORG_IMPORT_ASSIGNMENTS);
	else
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
}

void org_api_users_import(HttpRequest *req, HttpResponse *res)
{
	import_reply(req, res, ORG_IMPORT_USERS);
}

void org_api_export(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *on = NULL;
	GError *err = NULL;
	DbConn *c;
	GBytes *x;

	if (!org_query_date(req, res, &on) || (c = conn(req, res)) == NULL)
		return;
	if ((x = org_export_xlsx(c, on, &err)) == NULL) {
		org_fail(req, res, err, NULL);
		return;
	}
	http_add_header(res, "Content-Disposition", "attachment; filename=\"org.xlsx\"");
	http_reply_bytes(res, 200,
	                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x);
}
