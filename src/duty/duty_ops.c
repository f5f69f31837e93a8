/*
 * duty_ops.c — the audited write operations of the duty roster that the API and the pages
 * share: each runs its change and its audit entry in one write transaction.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_web.h"
#include "duty/duty_internal.h"
#include "app.h"

gboolean duty_op(HttpRequest *req, const char *action, const char *object_kind, DutyOpFn fn,
                 DutyOp *ctx, gint64 *id, const char **field, GError **err)
{
	WorkOp op = {action, object_kind, FALSE, fn};

	ctx->u = auth_current(req);
	return work_op_run(WORK_ERRORS, app_db(req), ctx->u, http_remote_addr(req), &op, ctx, id,
	                   NULL, field, err);
}

gboolean duty_op_change(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;
	DutyChange ch = {json_object_get(o->body, "entries"), o->month, o->revision};

	return duty_roster_change(c, o->u, &ch, id, &o->problems, field, err);
}

gboolean duty_op_entry(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;
	g_autoptr(json_t) one = json_pack("[O]", o->body);
	DutyChange ch = {one, NULL, o->revision};

	return duty_roster_change(c, o->u, &ch, id, &o->problems, field, err);
}

gboolean duty_op_entry_delete(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;

	*id = o->id;
	return duty_entry_delete(c, o->id, err);
}

gboolean duty_op_leave(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;

	return duty_leave_add(c, o->u, o->body, id, field, err);
}

gboolean duty_op_leave_delete(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;

	*id = o->id;
	return duty_leave_delete(c, o->id, err);
}

gboolean duty_op_handover(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;

	return duty_handover_add(c, o->u, o->body, id, field, err);
}

gboolean duty_op_ack(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;

	*id = o->id;
	return duty_handover_ack(c, o->u, o->id, err);
}

gboolean duty_op_shifts(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	DutyOp *o = ctx;

	*id = 0;
	return duty_shifts_save(c, json_object_get(o->body, "shifts"), field, err);
}
