/*
 * meet_ops.c — the audited write operations of meetings that the API (meet_api.c) and the pages
 * (meet_pages.c) share: each runs its change and its audit entry in one write transaction.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_web.h"
#include "meet/meet_internal.h"
#include "app.h"
#include "core/core.h"
#include "work/flow.h"

gboolean meet_op(HttpRequest *req, const char *action, MeetOpFn fn, MeetOp *ctx, gint64 *id,
                 const char **field, GError **err)
{
	WorkOp op = {action, "item", TRUE, fn};

	ctx->u = auth_current(req);
	return work_op_run(WORK_ERRORS, app_db(req), ctx->u, http_remote_addr(req), &op, ctx, id,
	                   ctx->body, field, err);
}

/* What meet_op_types stores: the whole list, or one type in the list stored now. */
typedef struct {
	json_t *body;
	const char *code;
} TypesOp;

/* WorkOp: stores the meeting types; one type is put in place of its code in the list read
 * inside the same transaction, so that a change of another type meanwhile is kept. */
static gboolean op_types(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	TypesOp *o = ctx;
	g_autoptr(json_t) types = NULL;
	json_t *t;
	size_t i;

	*id = 0;
	if (o->code == NULL)
		return meet_types_store(c, o->body, field, err);
	if ((types = meet_types(c, err)) == NULL)
		return FALSE;
	json_array_foreach (json_object_get(types, "items"), i, t)
		if (g_strcmp0(json_string_value(json_object_get(t, "code")), o->code) == 0)
			break;
	if (i == json_array_size(json_object_get(types, "items")))
		return meet_fail(err, field, WORK_ERROR_NOT_FOUND, NULL,
		                 N_("There is no such meeting type."));
	json_array_set(json_object_get(types, "items"), i, o->body);
	return meet_types_store(c, types, field, err);
}

gboolean meet_op_types(HttpRequest *req, const char *code, json_t *body, const char **field,
                       GError **err)
{
	static const WorkOp op = {"meet.types", "meeting_types", FALSE, op_types};
	TypesOp o = {body, code};
	gint64 id;

	return work_op_run(WORK_ERRORS, app_db(req), auth_current(req), http_remote_addr(req), &op,
	                   &o, &id, body, field, err);
}

gboolean meet_op_create(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	return meet_create(c, o->u, o->body, id, field, err);
}

gboolean meet_op_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	*id = o->meeting;
	return work_flow_act(c, o->u, o->meeting, o->action, o->body, field, err);
}

gboolean meet_op_attend(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	*id = o->meeting;
	return meet_attend(c, o->u, o->meeting, o->body, field, err);
}

gboolean meet_op_agenda_add(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	return meet_agenda_add(c, o->u, o->meeting, o->body, id, &o->n, field, err);
}

gboolean meet_op_agenda_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	if (!meet_agenda_id(c, o->meeting, o->n, id, err))
		return FALSE;
	return work_flow_act(c, o->u, *id, o->action, o->body, field, err);
}

gboolean meet_op_vote(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	return meet_agenda_id(c, o->meeting, o->n, id, err) &&
	       meet_vote(c, o->u, o->meeting, o->n, o->body, field, err);
}

gboolean meet_op_decision(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	return meet_decision_task(c, o->u, o->meeting, o->n, o->body, id, field, err);
}

gboolean meet_op_minutes(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	*id = o->meeting;
	return meet_minutes_set(c, o->u, o->meeting, o->body, field, err);
}

gboolean meet_op_minutes_document(DbConn *c, void *ctx, gint64 *id, const char **field,
                                  GError **err)
{
	MeetOp *o = ctx;

	return meet_minutes_document(c, o->u, o->meeting, o->body, id, field, err);
}

gboolean meet_op_materials(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	MeetOp *o = ctx;

	return meet_agenda_id(c, o->meeting, o->n, id, err) &&
	       meet_materials_add(c, o->u, *id, o->files, field, err);
}
