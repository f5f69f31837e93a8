/*
 * tasks_internal.h — helpers shared by the files of src/tasks/ only.
 */
#ifndef MISHU_TASKS_INTERNAL_H
#define MISHU_TASKS_INTERNAL_H

#include "tasks/tasks.h"
#include "work/work.h"

/* How database failures and refusals read in this module (work/errors.c does the work). */
#define tasks_rows(c, err, ...)      work_rows(WORK_ERRORS, c, err, __VA_ARGS__)
#define tasks_query_rows(c, q, err)  work_query_rows(WORK_ERRORS, c, q, err)
#define tasks_exec(c, out, err, ...) work_run(WORK_ERRORS, c, out, err, __VA_ARGS__)
#define tasks_fail_field(err, field, code, name, msgid)                                            \
	work_fail_field(WORK_ERRORS, err, field, code, name, msgid)
#define tasks_event(c, item, u, ...) work_step_event(WORK_ERRORS, c, item, u, __VA_ARGS__)
#define tasks_grant(c, item, ...)    work_step_grant(WORK_ERRORS, c, item, __VA_ARGS__)

/* Sets ERR from the database failure CAUSE (freed; details logged). */
static inline void tasks_error_from_db(GError **err, GError *cause)
{
	work_db_error(err, cause, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
}

/* The user ids to notify about task ITEM: the lead unit's liaisons, the office's supervision
 * staff (督查室) and the responsible leader's account (JSON array of integers). */
json_t *tasks_recipients(DbConn *c, gint64 item, GError **err);
/* Queues the job that marks task ID overdue at AT, its deadline by the hour (task_chase.c).
 * Caller's write transaction. */
gboolean tasks_hour_due_enqueue(DbConn *c, gint64 id, gint64 at, GError **err);

/* The attachments of task TASK in order: [{id, report_id, step, filename, content_type, size,
 * created_at, who}] (task_files.c). */
json_t *tasks_attachments(DbConn *c, gint64 task, GError **err);

#endif
