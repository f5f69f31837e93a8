/*
 * flow_api.c — the workflows' JSON API: the list, one definition (any version), a new version
 * (workflow.manage; validated, audited) and the versions of one workflow.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow.h"
#include "work/work_web.h"
#include "app.h"
#include "core/core.h"

void work_api_workflows(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *items = c ? work_flow_list(c, &err) : NULL;

	if (c == NULL)
		return;
	if (items == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o}", "items", items));
}

/* The ?version= of REQ: 0 (the current one) when absent; -1 after answering 422. */
static gint64 version_param(HttpRequest *req, HttpResponse *res)
{
	const char *v = http_query(req, "version");
	gint64 n;

	if (v == NULL)
		return 0;
	if ((n = core_parse_id(v)) == 0) {
		http_reply_error(res, 422, "invalid", N_("The version is a whole number from 1."),
		                 "version");
		return -1;
	}
	return n;
}

void work_api_workflow(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	const WorkFlow *f;
	gint64 version = version_param(req, res);

	if (version < 0 || (c = work_conn(req, res)) == NULL)
		return;
	if ((f = work_flow_get(c, http_param(req, "code"), version, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_deep_copy(work_flow_json(f)));
}

void work_api_workflow_versions(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *items = c ? work_flow_versions(c, http_param(req, "code"), &err) : NULL;

	if (c == NULL)
		return;
	if (items == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200,
	                json_pack("{s:s, s:o}", "code", http_param(req, "code"), "items", items));
}

/* Stores DEF as the next version of workflow CODE by the current user, with its audit entry,
 * in one write transaction. Sets *VERSION. Shared by the API and the page. */
gboolean work_flow_op_store(HttpRequest *req, const char *code, json_t *def, gint64 *version,
                            GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	const AuthUser *u = auth_current(req);
	g_autofree char *summary = NULL;
	const WorkFlow *f;
	AuditEntry a = {0};

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if (!work_flow_store(c, u, code, def, version, err) ||
	    (f = work_flow_get(c, code, *version, err)) == NULL)
		goto fail;
	summary = g_strdup_printf(
	    "修改工作流程：%s（第%" G_GINT64_FORMAT "版）",
	    json_string_value(json_object_get(json_object_get(work_flow_json(f), "name"), "zh")),
	    *version);
	a.actor_id = u->id;
	a.actor = u->username;
	a.address = http_remote_addr(req);
	a.action = "workflow.update";
	a.object_kind = "workflow";
	a.object_id = code;
	a.summary = summary;
	a.detail = work_flow_json(f);
	if (!audit_append(c, &a, &e) || !db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		goto fail;
	}
	return TRUE;
fail:
	db_rollback(c);
	return FALSE;
}

void work_api_workflow_put(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 version = 0;
	DbConn *c;
	const WorkFlow *f;

	if (!work_flow_op_store(req, http_param(req, "code"), http_json(req), &version, &err)) {
		work_fail(req, res, err, NULL);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((f = work_flow_get(c, http_param(req, "code"), version, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_deep_copy(work_flow_json(f)));
}
