/*
 * info_web.h — the web side of information: the audited writes the API and the pages share
 * (info_ops.c) and the API handlers (info_api.c).
 */
#ifndef MISHU_INFO_WEB_H
#define MISHU_INFO_WEB_H

#include "auth/auth_web.h"
#include "info/info.h"

/* What an operation hands to its work inside the transaction: the user (set by info_op), the
 * request's fields, the item, the step and, for a bulletin, its code. */
typedef struct InfoOp {
	const AuthUser *u;
	json_t *body;
	gint64 id;
	const char *action;
	const char *code;
} InfoOp;

/* A change inside the transaction: sets *ID (the item the audit names). */
typedef gboolean (*InfoOpFn)(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* Runs FN(CTX) as the audited operation ACTION for REQ's user in one write transaction. */
gboolean info_op(HttpRequest *req, const char *action, InfoOpFn fn, InfoOp *ctx, gint64 *id,
                 const char **field, GError **err);
/* info_op for an audit entry about OBJECT_KIND *ID ("item" entries carry the item's title). */
gboolean info_op_on(HttpRequest *req, const char *action, const char *object_kind, InfoOpFn fn,
                    InfoOp *ctx, gint64 *id, const char **field, GError **err);
/* The operations: make a report (body), take step action of item id (a report or an issue),
 * compose an issue (body), make an issue (body), save bulletin code (body). */
gboolean info_op_report(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_issue(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_compose(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_bulletin(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
/* Marks the issue read by o->u: *ID the issue; o->body gets "first" (the first reading). */
gboolean info_op_read(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* Record a leader's activity (body); delete activity id. */
gboolean info_op_activity(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_activity_delete(DbConn *c, void *ctx, gint64 *id, const char **field,
                                 GError **err);

/* Change the scoring rules (body); record a use of report id by a higher office (body); set
 * or clear its 失实 flag (body). */
gboolean info_op_score_rules(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_report_use(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean info_op_report_accuracy(DbConn *c, void *ctx, gint64 *id, const char **field,
                                 GError **err);

/* GET|POST /api/v1/reports; GET /api/v1/reports/{id}; POST …/{id}/actions/{action}. */
void info_api_reports(HttpRequest *req, HttpResponse *res);
void info_api_report_create(HttpRequest *req, HttpResponse *res);
void info_api_report(HttpRequest *req, HttpResponse *res);
void info_api_report_act(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/bulletins; PUT /api/v1/bulletins/{code}. */
void info_api_bulletins(HttpRequest *req, HttpResponse *res);
void info_api_bulletin_put(HttpRequest *req, HttpResponse *res);
/* GET|POST /api/v1/issues; GET /api/v1/issues/{id}; PUT …/{id}/reports; POST
 * …/{id}/actions/{action}; POST …/{id}/read; GET …/{id}/reads. */
void info_api_issues(HttpRequest *req, HttpResponse *res);
void info_api_issue_create(HttpRequest *req, HttpResponse *res);
void info_api_issue(HttpRequest *req, HttpResponse *res);
void info_api_issue_compose(HttpRequest *req, HttpResponse *res);
void info_api_issue_act(HttpRequest *req, HttpResponse *res);
void info_api_issue_read(HttpRequest *req, HttpResponse *res);
void info_api_issue_reads(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/issues/{id}/pdf: the issue printed as its bulletin. */
void info_api_issue_pdf(HttpRequest *req, HttpResponse *res);

/* GET|POST /api/v1/activities; DELETE /api/v1/activities/{id}; GET /api/v1/activities/coverage
 * (info_activity_api.c). */
void info_api_activities(HttpRequest *req, HttpResponse *res);
void info_api_activity_create(HttpRequest *req, HttpResponse *res);
void info_api_activity_delete(HttpRequest *req, HttpResponse *res);
void info_api_coverage(HttpRequest *req, HttpResponse *res);

/* The Monday of ISO week WEEK ('YYYY-Www'), or of this week when WEEK is NULL or ""; FALSE when
 * WEEK is not a week (info_activity_api.c). */
gboolean info_week_monday(const char *week, GDate *monday);

/* GET|PUT /api/v1/scores/rules; POST /api/v1/reports/{id}/uses; PUT
 * /api/v1/reports/{id}/accuracy; GET /api/v1/scores, /api/v1/scores.xlsx (info_score_api.c). */
void info_api_score_rules(HttpRequest *req, HttpResponse *res);
void info_api_score_rules_put(HttpRequest *req, HttpResponse *res);
void info_api_report_use(HttpRequest *req, HttpResponse *res);
void info_api_report_accuracy(HttpRequest *req, HttpResponse *res);
void info_api_scores(HttpRequest *req, HttpResponse *res);
void info_api_scores_xlsx(HttpRequest *req, HttpResponse *res);

/* The period of ?year= (2000–2200; default this year) and ?month= (1–12; absent: the whole
 * year, *M = 0) in *Y and *M; FALSE with *FIELD ("year" or "month") when malformed. */
gboolean info_score_period(const char *year, const char *month, int *y, int *m, const char **field);

#endif
