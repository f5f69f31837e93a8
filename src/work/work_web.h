/*
 * work_web.h — the web side of work/: the one table from an error to its HTTP status and code
 * (errors_web.c), and the workflows' API and pages (flow_api.c, flow_pages.c).
 */
#ifndef MISHU_WORK_WEB_H
#define MISHU_WORK_WEB_H

#include "auth/auth_web.h"
#include "work/work.h"

/* The HTTP status of ERR: WORK_ERROR by the table, auth's and org's errors by theirs, anything
 * else 500. */
int work_error_status(const GError *err);
/* The contract's snake_case code of ERR ("invalid", "not_allowed_now", "invalid_workflow" …). */
const char *work_error_code(const GError *err);
/* Answers ERR in the contract's shape (a 5xx logged and answered with a fixed message) and
 * frees it. */
void work_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field);

/* Stores DEF as the next version of workflow CODE by REQ's user, audited (workflow.update), in
 * one write transaction; sets *VERSION. The API and the page share it. */
gboolean work_flow_op_store(HttpRequest *req, const char *code, json_t *def, gint64 *version,
                            GError **err);

/* GET /api/v1/workflows, GET|PUT /api/v1/workflows/{code}, GET …/{code}/versions. */
void work_api_workflows(HttpRequest *req, HttpResponse *res);
void work_api_workflow(HttpRequest *req, HttpResponse *res);
void work_api_workflow_put(HttpRequest *req, HttpResponse *res);
void work_api_workflow_versions(HttpRequest *req, HttpResponse *res);

/* GET /api/v1/me/inbox: the caller's 待办 (work_inbox). */
void work_api_inbox(HttpRequest *req, HttpResponse *res);

/* Pages: /workflows (the list), /workflows/{code} (the diagram and the definition; the form
 * and the JSON editor for workflow.manage), POST /workflows/{code} (a new version). */
void work_page_workflows(HttpRequest *req, HttpResponse *res);
void work_page_workflow(HttpRequest *req, HttpResponse *res);
void work_page_workflow_post(HttpRequest *req, HttpResponse *res);

/* The workflow picture of item ITEM (its version), its present state highlighted and the steps
 * it took marked, labels in LANG: an inline SVG (g_free), or NULL with ERR. */
char *work_flow_item_svg(DbConn *c, gint64 item, const char *lang, GError **err);

#endif
