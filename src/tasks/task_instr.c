/*
 * task_instr.c — leaders' instructions (批示) on any item as supervision reads them: in order,
 * each with the number of tasks made from it (POST /api/v1/instructions/{id}/tasks). They are
 * written by the one path of work/instructions.c (work_instruction_add).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"

json_t *tasks_instructions(DbConn *c, const AuthUser *u, gint64 item_id, GError **err)
{
	GError *e = NULL;

	if (auth_item_access(c, u, item_id, &e) != AUTH_ITEM_ALLOWED) {
		if (e)
			tasks_error_from_db(err, e);
		else
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is no such item."));
		return NULL;
	}
	return tasks_rows(
	    c, err,
	    "SELECT n.id, n.item_id, n.user_id, u.display_name AS leader_name, l.title "
	    "AS leader_title, n.text, n.requirements, n.given_on, n.created_at, (SELECT "
	    "count(*) FROM task t WHERE t.instruction_id = n.id) AS tasks FROM "
	    "instruction n JOIN user_account u ON u.id = n.user_id LEFT JOIN leader l ON "
	    "l.id = n.leader_id WHERE n.item_id = ? ORDER BY n.id",
	    "i", item_id);
}
