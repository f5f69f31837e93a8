/*
 * tasks — supervision (督查督办): leaders' instructions (批示) on any item, turned into tasks
 * (交办件) that the office assigns to units with a deadline in working days, chases (reminders,
 * 逾期 yellow, 严重逾期 red), verifies and closes (销号); the ledger (台账) and statistics.
 *
 * A task is an item (kind 'task'): visible to the office, its lead and co-units and its
 * responsible leader. Its workflow (task_flow.c): assigned → accept → accepted → report →
 * reported → request_close → closing → verify → verified → close → closed, or return →
 * returned (and on again); request_extension / approve_extension at any open state.
 * Errors: WORK_ERROR (work/work.h) with English msgids; work_web.h maps them to HTTP.
 */
#ifndef MISHU_TASKS_H
#define MISHU_TASKS_H

#include "auth/auth.h"
#include "db/db.h"
#include "work/work.h"

#include <glib.h>
#include <jansson.h>

/* Sources of a task: instruction (批示), meeting (会议决定), key_work (重点工作), higher
 * (上级交办), petition (信访); NULL-terminated. */
extern const char *const tasks_sources[];

/* ---- instructions (task_instr.c) --------------------------------------------------------- */

/* The instructions on ITEM_ID in order (U must see the item). */
json_t *tasks_instructions(DbConn *c, const AuthUser *u, gint64 item_id, GError **err);

/* Instruction ID (U must see its item): tasks_instructions' row shape, or NULL with
 * WORK_ERROR_NOT_FOUND. */
json_t *tasks_instruction(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/* ---- tasks (task_model.c) ---------------------------------------------------------------- */

/*
 * Creates a task from OBJ by U (office staff), in the caller's write transaction:
 *   {"source", "instruction_id"?, "source_item_id"?, "content", "requirements"?, "domain"?,
 *    "lead_unit": CODE, "co_units": [CODE…]?, "deadline": "YYYY-MM-DD" | "deadline_days": N}
 * From an instruction, content defaults to its text and domain to its item's domain. The
 * responsible leader comes from org_route (work "task", the domain) — or the instructing
 * leader — with the reason kept. A deadline of N working days counts from today, today not
 * counted. Sets *ID.
 */
gboolean tasks_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                      GError **err);

/* The responsible leader of a task in DOMAIN (a code, may be NULL) on TODAY: *OUT its id (0 when
 * none) and *REASON (g_free) why, from routing (the division of responsibility); the
 * instructing leader INSTRUCTOR (may be 0) when routing names nobody. What tasks_create uses
 * unless the request names another leader. */
void tasks_responsible(DbConn *c, const char *domain, gint64 instructor, const char *today,
                       gint64 *out, char **reason);

/* The task as U sees it: fields, co_units, reports, history, actions U may take now. */
json_t *tasks_load(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/* Takes step ACTION on task ID as U (task_flow.c). */
gboolean tasks_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                   const char **field, GError **err);
/* The steps U may take on task ID now. */
json_t *tasks_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/* What the ledger shows; NULL/0 fields do not filter. */
typedef struct TasksFilter {
	gint64 leader_id;
	const char *unit; /* lead unit code */
	const char *source;
	const char *status;    /* a workflow state, or "open" for every state but closed */
	const char *overdue;   /* "yellow", "red", or "any" for either */
	const char *from, *to; /* assigned_on within, inclusive */
	int limit;             /* 1..5000 */
} TasksFilter;

/* The tasks U may see matching F, oldest deadline first (the ledger). */
json_t *tasks_list(DbConn *c, const AuthUser *u, const TasksFilter *f, GError **err);

/* Statistics of the tasks matching F: {"leaders": [{leader_id, name, instructions, open,
 * closed, overdue}], "units": [{unit, name, total, closed, on_time, on_time_rate, overdue}],
 * "totals": {…}}. */
json_t *tasks_stats(DbConn *c, const AuthUser *u, const TasksFilter *f, GError **err);

/* The ledger as an .xlsx workbook (task_ledger.c): Chinese headers, one row per task, dates
 * formatted, overdue rows highlighted. */
GBytes *tasks_ledger_xlsx(json_t *tasks, GError **err);

/* ---- chasing (task_chase.c) -------------------------------------------------------------- */

/* Thresholds, from settings (defaults in parentheses): remind this many working days before
 * the deadline (2), and on it; red after this many working days overdue (5). */
typedef struct TasksPolicy {
	int remind_before;
	int red_after;
} TasksPolicy;

gboolean tasks_policy_load(DbConn *c, TasksPolicy *p, GError **err);
gboolean tasks_policy_store(DbConn *c, const TasksPolicy *p, GError **err);

/*
 * One run of the chaser for the day TODAY ('YYYY-MM-DD'): for every open task sends the
 * reminders due (N working days before the deadline, and on it), marks overdue tasks yellow and,
 * past the policy's threshold, red, notifying the lead unit's liaisons, the office's supervision
 * staff (督查室) and the responsible leader once per event. Idempotent for a day. Own
 * transaction. Sets *CHANGED to the number of tasks whose state of chasing changed.
 */
gboolean tasks_chase(Db *db, const char *today, int *changed, GError **err);

/* Registers the daily job 'tasks.chase' and queues the next run if none is queued. */
gboolean tasks_chase_schedule(Db *db, GError **err);

/* Registers the tasks' item reader, actors, offer condition and hooks with the workflow
 * engine (task_flow.c). Once, at start-up. */
void tasks_flow_register(void);

#endif
