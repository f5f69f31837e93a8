/*
 * info_ops.c — the audited write operations of information that the API (info_api.c) and the
 * pages share: each runs its change and its audit entry in one write transaction.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_web.h"
#include "info/info_internal.h"
#include "app.h"

#include <string.h>

gboolean info_op(HttpRequest *req, const char *action, InfoOpFn fn, InfoOp *ctx, gint64 *id,
                 const char **field, GError **err)
{
	return info_op_on(req, action, "item", fn, ctx, id, field, err);
}

gboolean info_op_on(HttpRequest *req, const char *action, const char *object_kind, InfoOpFn fn,
                    InfoOp *ctx, gint64 *id, const char **field, GError **err)
{
	/* an item's audit entry carries its title; other objects their id */
	WorkOp op = {action, object_kind, strcmp(object_kind, "item") == 0, fn};

	ctx->u = auth_current(req);
	return work_op_run(WORK_ERRORS, app_db(req), ctx->u, http_remote_addr(req), &op, ctx, id,
	                   ctx->body, field, err);
}

gboolean info_op_report(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	return info_report_create(c, o->u, o->body, id, field, err);
}

gboolean info_op_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	*id = o->id;
	return work_flow_act(c, o->u, o->id, o->action, o->body, field, err);
}

gboolean info_op_issue(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	return info_issue_create(c, o->u, o->body, id, field, err);
}

gboolean info_op_compose(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	*id = o->id;
	return info_issue_compose(c, o->u, o->id, o->body, field, err);
}

gboolean info_op_bulletin(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	*id = 0;
	return info_bulletin_save(c, o->code, o->body, field, err);
}

gboolean info_op_read(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;
	gboolean first = FALSE;

	*id = o->id;
	if (!info_issue_read(c, o->u, o->id, &first, err))
		return FALSE;
	json_object_set_new(o->body, "first", json_boolean(first));
	return TRUE;
}

gboolean info_op_activity(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	return info_activity_create(c, o->u, o->body, id, field, err);
}

gboolean info_op_activity_delete(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	(void)field;
	*id = o->id;
	return info_activity_delete(c, o->id, err);
}

gboolean info_op_score_rules(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	*id = 0;
	return info_score_rules_save(c, o->body, field, err);
}

gboolean info_op_report_use(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	*id = o->id;
	return info_report_use_add(c, o->u, o->id, o->body, field, err);
}

gboolean info_op_report_accuracy(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;

	*id = o->id;
	return info_report_accuracy(c, o->u, o->id, o->body, field, err);
}
