/*
 * task_flow.c — what the workflow of a task (交办件) needs beyond the engine (work/flow.c): its
 * definition is data (data/workflows/task.json: assign → accept (签收) → report (进展) →
 * request_close (申请办结) → verify → close (销号) or return (退回); request_extension /
 * approve_extension / reject_extension (延期) while it is open); here are the task's row, the
 * actors of the lead unit and the co-units, and the hooks.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"
#include "work/flow.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

static const char *task_text(WorkStep *x, const char *key)
{
	return json_string_value(json_object_get(x->row, key));
}

/* The step needs OPINION as its text (a report, the result, a reason). */
static gboolean need_text(WorkStep *x, const char *what, GError **err)
{
	if (x->opinion == NULL || g_utf8_strlen(x->opinion, -1) < 2)
		return tasks_fail_field(err, x->field, WORK_ERROR_INVALID, "opinion", what);
	return TRUE;
}

/* Notifies everyone concerned with the task (tasks_recipients) with TEXT of KIND. */
static gboolean notify_all(WorkStep *x, const char *kind, const char *text, GError **err)
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

static gboolean accept(WorkStep *x, GError **err)
{
	return tasks_exec(x->c, NULL, err, "UPDATE task SET accepted_at = ? WHERE item_id = ?",
	                  "ii", core_now(), x->id);
}

static gboolean report(WorkStep *x, GError **err)
{
	return tasks_exec(
	    x->c, NULL, err,
	    "INSERT INTO task_report (item_id, text, created_by, created_at) VALUES (?, "
	    "?, ?, ?)",
	    "isii", x->id, x->opinion, x->u->id, core_now());
}

static gboolean request_close(WorkStep *x, GError **err)
{
	g_autofree char *text = NULL;

	if (!tasks_exec(x->c, NULL, err, "UPDATE task SET result = ? WHERE item_id = ?", "si",
	                x->opinion, x->id))
		return FALSE;
	text = g_strdup_printf("申请办结：%s", task_text(x, "title"));
	return notify_all(x, "task.closing", text, err);
}

static gboolean return_step(WorkStep *x, GError **err)
{
	g_autofree char *text = NULL;

	text = g_strdup_printf("退回重办：%s（%s）", task_text(x, "title"), x->opinion);
	return notify_all(x, "task.returned", text, err);
}

static gboolean close_step(WorkStep *x, GError **err)
{
	g_autofree char *today = core_today(), *text = NULL;

	text = g_strdup_printf("已销号：%s", task_text(x, "title"));
	return tasks_exec(x->c, NULL, err, "UPDATE task SET closed_on = ? WHERE item_id = ?", "si",
	                  today, x->id) &&
	       notify_all(x, "task.closed", text, err);
}

/* TRUE when TO is after the deadline NOW and at most two years after it, as dates (2026-01-01
 * allows up to 2028-01-01, not 2028-12-31). */
static gboolean extension_in_range(const char *to, const char *now)
{
	GDate a, b;

	if (!core_date_parse(to, &b) || !core_date_parse(now, &a) || g_date_compare(&b, &a) <= 0)
		return FALSE;
	g_date_add_years(&a, 2); /* 29 February gives 28 February */
	return g_date_compare(&b, &a) <= 0;
}

static gboolean request_extension(WorkStep *x, GError **err)
{
	const char *to = json_string_value(json_object_get(x->body, "deadline"));

	if (!core_date_valid(to) || !extension_in_range(to, task_text(x, "deadline")))
		return tasks_fail_field(
		    err, x->field, WORK_ERROR_INVALID, "deadline",
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
static gboolean approve_extension(WorkStep *x, GError **err)
{
	const char *to = task_text(x, "extension_to");

	if (to == NULL)
		return tasks_fail_field(err, x->field, WORK_ERROR_INVALID, "deadline",
		                        N_("No extension has been requested."));
	json_object_set_new(x->detail, "deadline", json_string(to));
	return tasks_exec(x->c, NULL, err,
	                  "UPDATE task SET deadline = extension_to, extension_to = NULL, overdue = "
	                  "'none', overdue_days = 0, reminded = '' WHERE item_id = ?",
	                  "i", x->id);
}

static gboolean reject_extension(WorkStep *x, GError **err)
{
	if (task_text(x, "extension_to") == NULL)
		return tasks_fail_field(err, x->field, WORK_ERROR_INVALID, "deadline",
		                        N_("No extension has been requested."));
	return tasks_exec(
	    x->c, NULL, err,
	    "UPDATE task SET extension_to = NULL, extension_reason = NULL WHERE item_id "
	    "= ?",
	    "i", x->id);
}

/* ---- the row, the actors, the registration ----------------------------------------------- */

static json_t *task_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such task."),
	                "SELECT i.status, i.title, t.lead_unit_id, t.deadline, t.extension_to, "
	                "dm.code AS domain_code FROM item i JOIN task t ON t.item_id = i.id LEFT "
	                "JOIN domain dm ON dm.id = t.domain_id WHERE i.id = ?",
	                "i", id);
}

static gboolean liaison(WorkStep *x)
{
	return (x->u->roles & AUTH_ROLE_LIAISON) != 0 && x->u->unit_id;
}

/* A liaison of the lead unit (牵头单位). */
static gboolean actor_lead_unit(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = liaison(x) &&
	       json_integer_value(json_object_get(x->row, "lead_unit_id")) == x->u->unit_id;
	return TRUE;
}

/* A liaison of a co-unit (协办单位). */
static gboolean actor_co_unit(WorkStep *x, gboolean *yes, GError **err)
{
	gint64 n = 0;

	*yes = FALSE;
	if (!liaison(x))
		return TRUE;
	if (!tasks_exec(x->c, &n, err,
	                "SELECT count(*) FROM task_unit WHERE item_id = ? AND unit_id = ?", "ii",
	                x->id, x->u->unit_id))
		return FALSE;
	*yes = n > 0;
	return TRUE;
}

/* The office's extension steps are offered only when an extension was asked for. */
static gboolean extension_requested(WorkStep *x)
{
	return task_text(x, "extension_to") != NULL;
}

/* The liaisons of the lead unit, and of the co-units (the inbox, who acts next). */
static gboolean list_lead_unit(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	return work_flow_list_liaisons(
	    x, json_integer_value(json_object_get(x->row, "lead_unit_id")), users, err);
}

static gboolean list_co_unit(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	g_autoptr(json_t) rows = tasks_rows(x->c, err,
	                                    "SELECT unit_id FROM task_unit WHERE item_id = ? ORDER "
	                                    "BY unit_id",
	                                    "i", x->id);
	json_t *r;
	size_t i;

	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, r)
		if (!work_flow_list_liaisons(x, json_integer_value(json_object_get(r, "unit_id")),
		                             users, err))
			return FALSE;
	return TRUE;
}

static const WorkKind task_kind = {.load = task_row};

void tasks_flow_register(void)
{
	work_flow_kind("task", &task_kind);
	work_flow_actor("tasks.lead_unit", N_("a liaison of the lead unit"), actor_lead_unit);
	work_flow_actor("tasks.co_unit", N_("a liaison of a co-unit"), actor_co_unit);
	work_flow_actor_list("tasks.lead_unit", list_lead_unit);
	work_flow_actor_list("tasks.co_unit", list_co_unit);
	work_flow_offer("tasks.extension_requested", extension_requested);
	work_flow_hook("tasks.accept", accept);
	work_flow_hook("tasks.report", report);
	work_flow_hook("tasks.request_close", request_close);
	work_flow_hook("tasks.close", close_step);
	work_flow_hook("tasks.return", return_step);
	work_flow_hook("tasks.request_extension", request_extension);
	work_flow_hook("tasks.approve_extension", approve_extension);
	work_flow_hook("tasks.reject_extension", reject_extension);
}

json_t *tasks_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	return work_flow_actions(c, u, id, err);
}

gboolean tasks_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                   const char **field, GError **err)
{
	GError *e = NULL;

	/* a task the user may not see does not exist for them */
	if (auth_item_access(c, u, id, &e) != AUTH_ITEM_ALLOWED) {
		if (e)
			tasks_error_from_db(err, e);
		else
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is no such task."));
		return FALSE;
	}
	return work_flow_act(c, u, id, action, body, field, err);
}
