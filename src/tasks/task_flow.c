/*
 * task_flow.c — the workflow of a task (交办件) declared as data: assign (at creation) → accept
 * (签收, by the lead unit) → report (进展, any number of times) → request_close (申请办结, with the
 * result) → verify (the office checks) → close (销号) or return (退回, with the reason); and
 * request_extension / approve_extension / reject_extension (延期) while it is open.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

typedef enum {
	WHO_STAFF, /* office staff (work.all) */
	WHO_LEAD,  /* a liaison of the lead unit, or office staff */
	WHO_UNIT,  /* a liaison of the lead unit or of a co-unit, or office staff */
} Who;

typedef struct {
	DbConn *c;
	const AuthUser *u;
	gint64 id;
	json_t *task; /* status, lead_unit_id, deadline, extension_to */
	json_t *body;
	const char *opinion;
	const char *to;
	json_t *detail;
	const char **field;
} Step;

typedef gboolean (*Effect)(Step *x, GError **err);

typedef struct {
	const char *action, *from, *to; /* from: space-separated states; to NULL: unchanged */
	Who who;
	Effect effect;
} Flow;

static const char *task_text(Step *x, const char *key)
{
	return json_string_value(json_object_get(x->task, key));
}

/* The step needs OPINION as its text (a report, the result, a reason). */
static gboolean need_text(Step *x, const char *what, GError **err)
{
	if (x->opinion == NULL || g_utf8_strlen(x->opinion, -1) < 2)
		return tasks_fail_field(err, x->field, TASKS_ERROR_INVALID, "opinion", what);
	return TRUE;
}

/* Notifies everyone concerned with the task (tasks_recipients) with TEXT of KIND. */
static gboolean notify_all(Step *x, const char *kind, const char *text, GError **err)
{
	json_t *ids = tasks_recipients(x->c, x->id, err), *v;
	size_t i;
	GError *e = NULL;

	if (ids == NULL)
		return FALSE;
	json_array_foreach (ids, i, v)
		if (json_integer_value(v) != x->u->id &&
		    !work_notify(x->c, json_integer_value(v), x->id, kind, text, &e)) {
			json_decref(ids);
			tasks_error_from_db(err, e);
			return FALSE;
		}
	json_decref(ids);
	return TRUE;
}

static gboolean accept(Step *x, GError **err)
{
	return tasks_exec(x->c, NULL, err, "UPDATE task SET accepted_at = ? WHERE item_id = ?",
	                  "ii", g_get_real_time() / G_USEC_PER_SEC, x->id);
}

static gboolean report(Step *x, GError **err)
{
	return need_text(x, N_("Write the progress in the opinion."), err) &&
	       tasks_exec(
	           x->c, NULL, err,
	           "INSERT INTO task_report (item_id, text, created_by, created_at) VALUES (?, "
	           "?, ?, ?)",
	           "isii", x->id, x->opinion, x->u->id, g_get_real_time() / G_USEC_PER_SEC);
}

static gboolean request_close(Step *x, GError **err)
{
	g_autofree char *text = NULL;

	if (!need_text(x, N_("Write the result in the opinion."), err) ||
	    !tasks_exec(x->c, NULL, err, "UPDATE task SET result = ? WHERE item_id = ?", "si",
	                x->opinion, x->id))
		return FALSE;
	text = g_strdup_printf("申请办结：%s", task_text(x, "title"));
	return notify_all(x, "task.closing", text, err);
}

static gboolean return_step(Step *x, GError **err)
{
	g_autofree char *text = NULL;

	if (!need_text(x, N_("Give the reason in the opinion."), err))
		return FALSE;
	text = g_strdup_printf("退回重办：%s（%s）", task_text(x, "title"), x->opinion);
	return notify_all(x, "task.returned", text, err);
}

static gboolean close_step(Step *x, GError **err)
{
	g_autofree char *today = tasks_today(), *text = NULL;

	text = g_strdup_printf("已销号：%s", task_text(x, "title"));
	return tasks_exec(x->c, NULL, err, "UPDATE task SET closed_on = ? WHERE item_id = ?", "si",
	                  today, x->id) &&
	       notify_all(x, "task.closed", text, err);
}

static gboolean request_extension(Step *x, GError **err)
{
	const char *to = json_string_value(json_object_get(x->body, "deadline"));

	if (!org_date_valid(to) || strcmp(to, task_text(x, "deadline")) <= 0 ||
	    atoi(to) > atoi(task_text(x, "deadline")) + 2)
		return tasks_fail_field(
		    err, x->field, TASKS_ERROR_INVALID, "deadline",
		    N_("Ask for a new deadline after the present one, within two "
		       "years of it."));
	if (!need_text(x, N_("Give the reason in the opinion."), err))
		return FALSE;
	json_object_set_new(x->detail, "deadline", json_string(to));
	return tasks_exec(
	    x->c, NULL, err,
	    "UPDATE task SET extension_to = ?, extension_reason = ? WHERE item_id = ?", "ssi", to,
	    x->opinion, x->id);
}

/* The office grants the requested deadline: overdue marks and reminders start afresh. */
static gboolean approve_extension(Step *x, GError **err)
{
	const char *to = task_text(x, "extension_to");

	if (to == NULL)
		return tasks_fail_field(err, x->field, TASKS_ERROR_INVALID, "deadline",
		                        N_("No extension has been requested."));
	json_object_set_new(x->detail, "deadline", json_string(to));
	return tasks_exec(x->c, NULL, err,
	                  "UPDATE task SET deadline = extension_to, extension_to = NULL, overdue = "
	                  "'none', overdue_days = 0, reminded = '' WHERE item_id = ?",
	                  "i", x->id);
}

static gboolean reject_extension(Step *x, GError **err)
{
	if (task_text(x, "extension_to") == NULL)
		return tasks_fail_field(err, x->field, TASKS_ERROR_INVALID, "deadline",
		                        N_("No extension has been requested."));
	return need_text(x, N_("Give the reason in the opinion."), err) &&
	       tasks_exec(
	           x->c, NULL, err,
	           "UPDATE task SET extension_to = NULL, extension_reason = NULL WHERE item_id "
	           "= ?",
	           "i", x->id);
}

#define OPEN "assigned accepted reported returned closing verified"

static const Flow flows[] = {
    {"accept", "assigned", "accepted", WHO_LEAD, accept},
    {"report", "accepted reported returned", "reported", WHO_UNIT, report},
    {"request_close", "accepted reported returned", "closing", WHO_LEAD, request_close},
    {"verify", "closing", "verified", WHO_STAFF, NULL},
    {"close", "verified", "closed", WHO_STAFF, close_step},
    {"return", "closing verified", "returned", WHO_STAFF, return_step},
    {"request_extension", "assigned accepted reported returned", NULL, WHO_LEAD, request_extension},
    {"approve_extension", OPEN, NULL, WHO_STAFF, approve_extension},
    {"reject_extension", OPEN, NULL, WHO_STAFF, reject_extension},
};

static json_t *task_row(DbConn *c, gint64 id, GError **err)
{
	json_t *rows =
	    tasks_rows(c, err,
	               "SELECT i.status, i.title, t.lead_unit_id, t.deadline, t.extension_to "
	               "FROM item i JOIN task t ON t.item_id = i.id WHERE i.id = ?",
	               "i", id);
	json_t *one = NULL;

	if (rows && json_array_size(rows))
		one = json_incref(json_array_get(rows, 0));
	else if (rows)
		g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_NOT_FOUND,
		                    N_("There is no such task."));
	json_decref(rows);
	return one;
}

/* TRUE when U is who WHO names for the task. */
static gboolean who_ok(Step *x, Who who, GError **err)
{
	gint64 n = 0;
	gboolean liaison = (x->u->roles & AUTH_ROLE_LIAISON) != 0 && x->u->unit_id;

	if (auth_can(x->u, "work.all"))
		return TRUE;
	if (who == WHO_STAFF || !liaison)
		return FALSE;
	if (json_integer_value(json_object_get(x->task, "lead_unit_id")) == x->u->unit_id)
		return TRUE;
	if (who == WHO_LEAD)
		return FALSE;
	if (!tasks_exec(x->c, &n, err,
	                "SELECT count(*) FROM task_unit WHERE item_id = ? AND unit_id = ?", "ii",
	                x->id, x->u->unit_id))
		return FALSE;
	return n > 0;
}

json_t *tasks_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	Step x = {.c = c, .u = u, .id = id};
	json_t *out;

	if ((x.task = task_row(c, id, err)) == NULL)
		return NULL;
	out = json_array();
	for (gsize i = 0; i < G_N_ELEMENTS(flows); i++) {
		GError *e = NULL;
		const char *st = json_string_value(json_object_get(x.task, "status"));
		gboolean ext = json_object_get(x.task, "extension_to") &&
		               !json_is_null(json_object_get(x.task, "extension_to"));
		if (!core_word_in(st, flows[i].from))
			continue;
		/* the extension steps of the office only when one was asked for */
		if ((flows[i].effect == approve_extension || flows[i].effect == reject_extension) &&
		    !ext)
			continue;
		if (who_ok(&x, flows[i].who, &e))
			json_array_append_new(out, json_string(flows[i].action));
		g_clear_error(&e);
	}
	json_decref(x.task);
	return out;
}

gboolean tasks_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                   const char **field, GError **err)
{
	json_t *empty = json_object();
	Step x = {.c = c, .u = u, .id = id, .field = field};
	const Flow *f = NULL;
	const char *from;
	GError *e = NULL;
	gboolean ok = FALSE;

	x.body = body ? body : empty;
	if (auth_item_access(c, u, id, &e) != AUTH_ITEM_ALLOWED) {
		if (e)
			tasks_error_from_db(err, e);
		else
			g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_NOT_FOUND,
			                    N_("There is no such task."));
		goto out;
	}
	if ((x.task = task_row(c, id, err)) == NULL)
		goto out;
	for (gsize i = 0; i < G_N_ELEMENTS(flows); i++)
		if (strcmp(flows[i].action, action) == 0)
			f = &flows[i];
	if (f == NULL) {
		g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_NOT_FOUND,
		                    N_("There is no such step for this task."));
		goto out;
	}
	x.opinion = json_string_value(json_object_get(x.body, "opinion"));
	if (x.opinion && g_utf8_strlen(x.opinion, -1) > 4000) {
		tasks_fail_field(err, field, TASKS_ERROR_INVALID, "opinion",
		                 N_("This text is too long."));
		goto out;
	}
	if (!who_ok(&x, f->who, &e)) {
		if (e)
			g_propagate_error(err, e);
		else
			g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_FORBIDDEN,
			                    N_("You may not take this step on this task."));
		goto out;
	}
	from = json_string_value(json_object_get(x.task, "status"));
	if (!core_word_in(from, f->from)) {
		g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_STATE,
		                    N_("This step is not possible in the task's present state."));
		goto out;
	}
	/* claim the state first: a concurrent step on the same task waits, then finds it changed */
	if (!tasks_exec(c, NULL, err, "UPDATE item SET updated_at = ? WHERE id = ? AND status = ?",
	                "iis", g_get_real_time() / G_USEC_PER_SEC, id, from))
		goto out;
	if (db_changes(c) != 1) {
		g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_STATE,
		                    N_("This step is not possible in the task's present state."));
		goto out;
	}
	x.to = f->to ? f->to : from;
	x.detail = json_object();
	if (f->effect && !f->effect(&x, err))
		goto out;
	ok = tasks_exec(c, NULL, err, "UPDATE item SET status = ?, updated_at = ? WHERE id = ?",
	                "sii", x.to, g_get_real_time() / G_USEC_PER_SEC, id) &&
	     tasks_event(c, id, u, action, from, x.to, x.opinion,
	                 json_object_size(x.detail) ? x.detail : NULL, err);
out:
	json_decref(x.detail);
	json_decref(x.task);
	json_decref(empty);
	return ok;
}
