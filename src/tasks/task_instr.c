/*
 * task_instr.c — leaders' instructions (批示) on any item: written only by leaders who may see
 * the item, kept in order, each becoming tasks in one step (POST
 * /api/v1/instructions/{id}/tasks).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"

gboolean tasks_instruction_add(DbConn *c, const AuthUser *u, gint64 item_id, const char *text,
                               const char *requirements, const char *given_on, gint64 *id,
                               const char **field, GError **err)
{
	g_autofree char *today = tasks_today();
	GError *e = NULL;
	gint64 leader = 0;
	json_t *detail;
	gboolean ok;

	if (!auth_can(u, "work.instruct"))
		return tasks_fail_field(err, field, TASKS_ERROR_FORBIDDEN, NULL,
		                        N_("Only leaders write instructions."));
	if (auth_item_access(c, u, item_id, &e) != AUTH_ITEM_ALLOWED) {
		if (e) {
			tasks_error_from_db(err, e);
			return FALSE;
		}
		return tasks_fail_field(err, field, TASKS_ERROR_NOT_FOUND, "item_id",
		                        N_("There is no such item."));
	}
	if (text == NULL || g_utf8_strlen(text, -1) < 1 || g_utf8_strlen(text, -1) > 2000)
		return tasks_fail_field(err, field, TASKS_ERROR_INVALID, "text",
		                        N_("Write the instruction, up to 2000 characters."));
	if (requirements && g_utf8_strlen(requirements, -1) > 2000)
		return tasks_fail_field(err, field, TASKS_ERROR_INVALID, "requirements",
		                        N_("This text is too long."));
	if (given_on && !core_date_valid(given_on))
		return tasks_fail_field(err, field, TASKS_ERROR_INVALID, "given_on",
		                        N_("Write the date as YYYY-MM-DD."));
	detail = json_pack("{s:s}", "text", text);
	ok =
	    org_leader_of_user(c, u->id, &leader, err) &&
	    tasks_exec(c, id, err,
	               "INSERT INTO instruction (item_id, leader_id, user_id, text, requirements, "
	               "given_on, created_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?) RETURNING id",
	               "iiisssi", item_id, leader, u->id, text, requirements ? requirements : "",
	               given_on ? given_on : today, g_get_real_time() / G_USEC_PER_SEC) &&
	    tasks_event(c, item_id, u, "instruct", NULL, NULL, text, detail, err);
	json_decref(detail);
	return ok;
}

json_t *tasks_instructions(DbConn *c, const AuthUser *u, gint64 item_id, GError **err)
{
	GError *e = NULL;

	if (auth_item_access(c, u, item_id, &e) != AUTH_ITEM_ALLOWED) {
		if (e)
			tasks_error_from_db(err, e);
		else
			g_set_error_literal(err, TASKS_ERROR, TASKS_ERROR_NOT_FOUND,
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
