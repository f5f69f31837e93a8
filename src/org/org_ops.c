/*
 * org_ops.c — every change to the organisation, from the API, the pages and imports alike: one
 * write transaction holding the change and its audit entry, so neither exists without the other.
 * Also the mapping of ORG_ERROR to HTTP answers.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "org/org_web.h"
#include "core/core.h"

#include <string.h>

/* The audit names of each OrgThing: object kind, Chinese noun for the summary, table. */
static const struct {
	const char *kind, *noun;
} things[] = {
    [ORG_THING_LEADER] = {"leader", "领导"},
    [ORG_THING_DOMAIN] = {"domain", "分管领域"},
    [ORG_THING_DEPARTMENT] = {"department", "内设机构"},
    [ORG_THING_UNIT] = {"unit", "单位"},
    [ORG_THING_RULE] = {"route_rule", "路由规则"},
    [ORG_THING_COMMITTEE] = {"committee_member", "全委会委员"},
};

/* Begins a write transaction on DB's connection; NULL with ERR (ORG_ERROR_DB). */
static DbConn *begin(Db *db, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		org_error_from_db(err, e);
		return NULL;
	}
	return c;
}

/* Appends A and commits; rolls back and returns FALSE on failure. */
static gboolean finish(DbConn *c, const AuditEntry *a, GError **err)
{
	GError *e = NULL;

	if (!audit_append(c, a, &e)) {
		db_rollback(c);
		org_error_from_db(err, e);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		org_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}

/* The name (or code) of the object in OBJ for the summary line, or "#ID". g_free. */
static char *object_label(json_t *obj, gint64 id)
{
	const char *name = json_string_value(json_object_get(obj, "name"));

	if (name && *name)
		return g_strdup(name);
	return g_strdup_printf("#%" G_GINT64_FORMAT, id);
}

gboolean org_op_save(Db *db, const AuthUser *actor, const char *address, OrgThing thing, gint64 id,
                     json_t *obj, gint64 *out_id, const char **field, GError **err)
{
	DbConn *c;
	gboolean ok = FALSE;
	char oid[24];
	g_autofree char *action = NULL, *summary = NULL, *label = NULL;
	AuditEntry a = {0};

	if ((c = begin(db, err)) == NULL)
		return FALSE;
	switch (thing) {
	case ORG_THING_LEADER:
		ok = org_leader_save(c, id, obj, out_id, field, err);
		break;
	case ORG_THING_DOMAIN:
		ok = org_domain_save(c, id, obj, out_id, field, err);
		break;
	case ORG_THING_DEPARTMENT:
		ok = org_department_save(c, id, obj, out_id, field, err);
		break;
	case ORG_THING_UNIT:
		ok = org_unit_save(c, id, obj, out_id, field, err);
		break;
	case ORG_THING_RULE:
		ok = org_rule_save(c, id, obj, out_id, field, err);
		break;
	case ORG_THING_COMMITTEE:
		ok = org_committee_save(c, id, obj, out_id, field, err);
		break;
	}
	if (!ok) {
		db_rollback(c);
		return FALSE;
	}
	g_snprintf(oid, sizeof oid, "%" G_GINT64_FORMAT, *out_id);
	action = g_strdup_printf("org.%s.%s", things[thing].kind, id ? "update" : "create");
	label = object_label(obj, *out_id);
	summary = g_strdup_printf("%s%s：%s", id ? "修改" : "新增", things[thing].noun, label);
	a.actor_id = actor ? actor->id : 0;
	a.actor = actor ? actor->username : "-";
	a.address = address ? address : "-";
	a.action = action;
	a.object_kind = things[thing].kind;
	a.object_id = oid;
	a.summary = summary;
	a.detail = obj;
	return finish(c, &a, err);
}

gboolean org_op_rule_delete(Db *db, const AuthUser *actor, const char *address, gint64 id,
                            GError **err)
{
	DbConn *c = begin(db, err);
	json_t *before;
	char oid[24];
	g_autofree char *summary = NULL;
	AuditEntry a = {0};
	gboolean ok;

	if (c == NULL)
		return FALSE;
	before = org_rows(c, err,
	                  "SELECT name, work_kind, origin, scope, max_severity, target, "
	                  "mode, active FROM route_rule WHERE id = ?",
	                  "i", id);
	if (before == NULL || !org_rule_delete(c, id, err)) {
		json_decref(before);
		db_rollback(c);
		return FALSE;
	}
	g_snprintf(oid, sizeof oid, "%" G_GINT64_FORMAT, id);
	summary =
	    g_strdup_printf("删除路由规则：%s",
	                    json_string_value(json_object_get(json_array_get(before, 0), "name")));
	a.actor_id = actor ? actor->id : 0;
	a.actor = actor ? actor->username : "-";
	a.address = address ? address : "-";
	a.action = "org.route_rule.delete";
	a.object_kind = "route_rule";
	a.object_id = oid;
	a.summary = summary;
	a.detail = json_array_get(before, 0);
	ok = finish(c, &a, err);
	json_decref(before);
	return ok;
}

gboolean org_op_change(Db *db, const AuthUser *actor, const char *address, json_t *change,
                       gint64 *change_id, char **field, GError **err)
{
	DbConn *c = begin(db, err);
	char oid[24];
	g_autofree char *summary = NULL;
	const char *source;
	AuditEntry a = {0};

	if (c == NULL)
		return FALSE;
	if (!org_change_apply(c, change, actor ? actor->id : 0, change_id, field, err)) {
		db_rollback(c);
		return FALSE;
	}
	source = json_string_value(json_object_get(change, "source"));
	g_snprintf(oid, sizeof oid, "%" G_GINT64_FORMAT, *change_id);
	summary =
	    g_strdup_printf("调整分工，自%s起施行%s%s：新增%zu项，终止%zu项",
	                    json_string_value(json_object_get(change, "effective")),
	                    source && *source ? "，依据" : "", source && *source ? source : "",
	                    json_array_size(json_object_get(change, "assign")),
	                    json_array_size(json_object_get(change, "end")));
	a.actor_id = actor ? actor->id : 0;
	a.actor = actor ? actor->username : "-";
	a.address = address ? address : "-";
	a.action = "org.change";
	a.object_kind = "org_change";
	a.object_id = oid;
	a.summary = summary;
	a.detail = change;
	return finish(c, &a, err);
}

/* ---- errors -------------------------------------------------------------------------------- */

int org_error_status(const GError *err)
{
	if (err == NULL || err->domain != ORG_ERROR)
		return auth_error_status(err);
	switch ((OrgError)err->code) {
	case ORG_ERROR_INVALID:
		return 422;
	case ORG_ERROR_NOT_FOUND:
		return 404;
	case ORG_ERROR_CONFLICT:
		return 409;
	case ORG_ERROR_DB:
	default:
		return 500;
	}
}

const char *org_error_code(const GError *err)
{
	if (err == NULL || err->domain != ORG_ERROR)
		return auth_error_code(err);
	switch ((OrgError)err->code) {
	case ORG_ERROR_INVALID:
		return "invalid";
	case ORG_ERROR_NOT_FOUND:
		return "not_found";
	case ORG_ERROR_CONFLICT:
		return "conflict";
	default:
		return "internal_error";
	}
}

void org_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field)
{
	int status = org_error_status(err);

	if (status >= 500) {
		g_warning("%s %s: %s", http_method(req), http_path(req),
		          err ? err->message : "unknown error");
		http_reply_error(res, 500, "internal_error",
		                 N_("The server could not complete this; try again."), NULL);
	} else {
		http_reply_error(res, status, org_error_code(err), err->message, field);
	}
	g_clear_error(&err);
}

gboolean org_query_date(HttpRequest *req, HttpResponse *res, char **on)
{
	const char *q = http_query(req, "on");

	if (q == NULL || *q == '\0') {
		*on = core_today();
		return TRUE;
	}
	if (!core_date_valid(q)) {
		http_reply_error(res, 422, "invalid", N_("Write the date as YYYY-MM-DD."), "on");
		return FALSE;
	}
	*on = g_strdup(q);
	return TRUE;
}
