/*
 * tasks_internal.h — helpers shared by the files of src/tasks/ only.
 */
#ifndef MISHU_TASKS_INTERNAL_H
#define MISHU_TASKS_INTERNAL_H

#include "tasks/tasks.h"
#include "work/work.h"

/* How database failures and refusals read in this module (work/errors.c does the work). */
#define TASKS_ERRORS                 (&(const WorkErrors){TASKS_ERROR, TASKS_ERROR_DB, -1})
#define tasks_rows(c, err, ...)      work_rows(TASKS_ERRORS, c, err, __VA_ARGS__)
#define tasks_exec(c, out, err, ...) work_run(TASKS_ERRORS, c, out, err, __VA_ARGS__)
#define tasks_fail_field(err, field, code, name, msgid)                                            \
	work_fail_field(TASKS_ERRORS, err, field, code, name, msgid)
#define tasks_event(c, item, u, ...) work_step_event(TASKS_ERRORS, c, item, u, __VA_ARGS__)
#define tasks_grant(c, item, ...)    work_step_grant(TASKS_ERRORS, c, item, __VA_ARGS__)

/* Sets ERR from the database failure CAUSE (freed; details logged). */
static inline void tasks_error_from_db(GError **err, GError *cause)
{
	work_db_error(err, cause, TASKS_ERROR, TASKS_ERROR_DB, -1);
}

/* The user ids to notify about task ITEM: the lead unit's liaisons, the office's supervision
 * staff (督查室) and the responsible leader's account (JSON array of integers). */
json_t *tasks_recipients(DbConn *c, gint64 item, GError **err);

/* core_today(), kept for task_flow.c; new code calls core_today. g_free. */
char *tasks_today(void);

#endif
