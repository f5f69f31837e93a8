/*
 * tasks_internal.h — helpers shared by the files of src/tasks/ only.
 */
#ifndef MISHU_TASKS_INTERNAL_H
#define MISHU_TASKS_INTERNAL_H

#include "tasks/tasks.h"

/* db_rows / db_run with database failures turned into TASKS_ERROR_DB (details logged). */
json_t *tasks_rows(DbConn *c, GError **err, const char *sql, const char *types, ...);
gboolean tasks_exec(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types,
		    ...);
void tasks_error_from_db(GError **err, GError *cause);

/* Sets ERR (CODE, MSGID) and *FIELD = NAME; returns FALSE. */
gboolean tasks_fail_field(GError **err, const char **field, int code, const char *name,
			  const char *msgid);

/* Appends a history entry (item_event) of task ITEM. DETAIL borrowed, may be NULL. */
gboolean tasks_event(DbConn *c, gint64 item, const AuthUser *u, const char *action,
		     const char *from, const char *to, const char *opinion, json_t *detail,
		     GError **err);

/* Lets USER_ID (or, when 0, unit UNIT_ID) see ITEM for REASON, once. */
gboolean tasks_grant(DbConn *c, gint64 item, gint64 user_id, gint64 unit_id, const char *reason,
		     GError **err);

/* The user ids to notify about task ITEM: the lead unit's liaisons, the office's supervision
 * staff (督查室) and the responsible leader's account (JSON array of integers). */
json_t *tasks_recipients(DbConn *c, gint64 item, GError **err);

/* Today, 'YYYY-MM-DD' (org_today: Asia/Shanghai, or MISHU_TODAY). g_free. */
char *tasks_today(void);

#endif
