/*
 * task_ops.c — the audited write operations of supervision that the API (task_api.c) and the
 * pages share: one write transaction each, holding the change and its audit entry, so both
 * commit or neither does.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_web.h"
#include "tasks/tasks_internal.h"
#include "work/flow.h"
#include "core/core.h"

#include <string.h>

/* Runs FN in a write transaction with its audit entry (ACTION on OBJECT_KIND *ID). */
gboolean tasks_op_run(Db *db, const AuthUser *u, const char *address, const char *action,
                      const char *object_kind, TasksOpFn fn, void *ctx, gint64 *id, json_t *detail,
                      const char **field, GError **err)
{
	WorkOp op = {action, object_kind, FALSE, fn};

	return work_op_run(WORK_ERRORS, db, u, address, &op, ctx, id, detail, field, err);
}

/* What the operations below hand to their step inside the transaction. */
typedef struct {
	const AuthUser *u;
	json_t *obj;
	const char *action;
	gint64 instruction;
	json_t *created;
	GPtrArray *files;
	const HttpUpload *scan;
} OpCtx;

/* tasks_create in the transaction. */
static gboolean do_create(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;

	return tasks_create(c, x->u, x->obj, id, field, err);
}

/* tasks_act in the transaction (*ID is the task), then the files uploaded with it. */
static gboolean do_act(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;

	if (!tasks_act(c, x->u, *id, x->action, x->obj, field, err))
		return FALSE;
	if (x->files == NULL || x->files->len == 0)
		return TRUE;
	/* the engine held them to the step's "files" field (data/workflows/task.json) */
	if (strcmp(x->action, "report") && strcmp(x->action, "request_close"))
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, "file",
		                        N_("This step takes no files."));
	return tasks_attach(c, x->u, *id, x->action, x->files, field, err);
}

/* work_instruction_record and the scan in the transaction. */
static gboolean do_record(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;

	return work_instruction_record(c, x->u, x->obj, id, field, err) &&
	       (x->scan == NULL || tasks_scan_store(c, x->u, *id, x->scan, field, err));
}

/* tasks_scan_store in the transaction, for an instruction the user may see. */
static gboolean do_scan(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;
	json_t *one = tasks_instruction(c, x->u, *id, err);

	json_decref(one);
	return one && tasks_scan_store(c, x->u, *id, x->scan, field, err);
}

/* One task per entry of X->obj.tasks, each from instruction X->instruction. */
static gboolean do_split(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;
	json_t *list = json_object_get(x->obj, "tasks"), *t;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) < 1 || json_array_size(list) > 50)
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, "tasks",
		                        N_("List one to fifty tasks."));
	json_array_foreach (list, i, t) {
		json_t *obj = json_is_object(t) ? json_copy(t) : json_object();
		gint64 tid = 0;
		gboolean ok;

		json_object_set_new(obj, "source", json_string("instruction"));
		json_object_set_new(obj, "instruction_id", json_integer(x->instruction));
		ok = tasks_create(c, x->u, obj, &tid, field, err);
		json_decref(obj);
		if (!ok)
			return FALSE;
		json_array_append_new(x->created, json_integer(tid));
	}
	*id = x->instruction;
	return TRUE;
}

/* Creates a task. */
gboolean tasks_op_create(Db *db, const AuthUser *u, const char *address, json_t *obj, gint64 *id,
                         const char **field, GError **err)
{
	OpCtx x = {.u = u, .obj = obj};

	return tasks_op_run(db, u, address, "tasks.create", "task", do_create, &x, id, obj, field,
	                    err);
}

/* Takes one step of a task. */
gboolean tasks_op_act(Db *db, const AuthUser *u, const char *address, gint64 id, const char *action,
                      json_t *body, const char **field, GError **err)
{
	return tasks_op_act_files(db, u, address, id, action, body, NULL, field, err);
}

gboolean tasks_op_record(Db *db, const AuthUser *u, const char *address, json_t *obj,
                         const HttpUpload *scan, gint64 *id, const char **field, GError **err)
{
	OpCtx x = {.u = u, .obj = obj, .scan = scan};

	return tasks_op_run(db, u, address, "instruction.record", "instruction", do_record, &x, id,
	                    obj, field, err);
}

gboolean tasks_op_scan(Db *db, const AuthUser *u, const char *address, gint64 instruction,
                       const HttpUpload *scan, const char **field, GError **err)
{
	OpCtx x = {.u = u, .scan = scan};

	return tasks_op_run(db, u, address, "instruction.scan", "instruction", do_scan, &x,
	                    &instruction, NULL, field, err);
}

/* Takes one step of a task with the files uploaded with it. */
gboolean tasks_op_act_files(Db *db, const AuthUser *u, const char *address, gint64 id,
                            const char *action, json_t *body, GPtrArray *files, const char **field,
                            GError **err)
{
	g_autoptr(json_t) with = NULL;
	OpCtx x = {.u = u, .obj = body, .action = action, .files = files};
	g_autofree char *name = NULL;

	if (files && files->len) {
		/* the step's "files" field names them, so the engine holds them to its limits */
		with = json_is_object(body) ? json_copy(body) : json_object();
		json_object_set_new(with, "files", work_upload_names(files));
		x.obj = body = with;
	}

	if (action == NULL || strlen(action) > 32) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such step for this task."));
		return FALSE;
	}
	name = g_strdup_printf("tasks.%s", action);
	return tasks_op_run(db, u, address, name, "task", do_act, &x, &id, body, field, err);
}

/* Turns an instruction into tasks. */
gboolean tasks_op_split(Db *db, const AuthUser *u, const char *address, gint64 instruction,
                        json_t *obj, json_t *created, const char **field, GError **err)
{
	OpCtx x = {.u = u, .obj = obj, .instruction = instruction, .created = created};
	gint64 id = instruction;

	return tasks_op_run(db, u, address, "tasks.from_instruction", "instruction", do_split, &x,
	                    &id, obj, field, err);
}

/* Stores the chasing policy with the same audit entry as PUT /api/v1/tasks/policy. */
gboolean tasks_op_policy(Db *db, const AuthUser *u, const char *address, const TasksPolicy *p,
                         json_t *detail, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	AuditEntry a = {0};

	a.actor_id = u->id;
	a.actor = u->username;
	a.address = address ? address : "-";
	a.action = "tasks.policy";
	a.summary = "修改督办提醒与逾期标准";
	a.detail = detail;
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	if (!tasks_policy_store(c, p, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!audit_append(c, &a, &e) || !db_commit(c, &e)) {
		db_rollback(c);
		tasks_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}
