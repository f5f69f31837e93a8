/*
 * task_instr.c — leaders' instructions (批示) on any item as supervision reads them: in order,
 * each with the number of tasks made from it (POST /api/v1/instructions/{id}/tasks). They are
 * written by the one path of work/instructions.c (work_instruction_add; a paper or oral 批示 by
 * work_instruction_record).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"

/* An instruction as supervision reads it: the leader by name (a paper or oral 批示 may be
 * entered by the office for a leader without an account), how it came (form, source), the
 * deadline it names, whether a scan is kept and how many tasks were made from it. */
#define INSTRUCTION_COLUMNS                                                                        \
	"n.id, n.item_id, i.kind AS item_kind, i.title AS item_title, n.user_id, "                 \
	"COALESCE(l.name, u.display_name) AS leader_name, l.title AS leader_title, n.text, "       \
	"n.requirements, n.given_on, n.created_at, n.form, n.source_who, n.source_ref, "           \
	"n.deadline, n.deadline_days, n.leader_id, dm.code AS domain, (SELECT count(*) FROM "      \
	"instruction_scan s WHERE "                                                                \
	"s.instruction_id = n.id) AS has_scan, (SELECT count(*) FROM task t WHERE "                \
	"t.instruction_id = n.id) AS tasks FROM instruction n JOIN item i ON i.id = n.item_id "    \
	"JOIN user_account u ON u.id = n.user_id LEFT JOIN leader l ON l.id = n.leader_id LEFT "   \
	"JOIN document x ON x.item_id = n.item_id LEFT JOIN domain dm ON dm.id = x.domain_id "

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
	return tasks_rows(c, err, "SELECT " INSTRUCTION_COLUMNS "WHERE n.item_id = ? ORDER BY n.id",
	                  "i", item_id);
}

json_t *tasks_instruction(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	json_t *rows, *one = NULL;
	GError *e = NULL;

	rows = tasks_rows(c, err, "SELECT " INSTRUCTION_COLUMNS "WHERE n.id = ?", "i", id);
	if (rows == NULL)
		return NULL;
	if (json_array_size(rows) == 1 &&
	    auth_item_access(
	        c, u, json_integer_value(json_object_get(json_array_get(rows, 0), "item_id")),
	        &e) == AUTH_ITEM_ALLOWED)
		one = json_incref(json_array_get(rows, 0));
	else if (e)
		tasks_error_from_db(err, e);
	else
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such instruction."));
	json_decref(rows);
	return one;
}
