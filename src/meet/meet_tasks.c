/*
 * meet_tasks.c — decisions (决定事项) into supervision: a passed agenda item becomes a task in
 * one step, its responsible leader from routing on the item's domain (else the item's own
 * responsible leader, the reason kept), the task's source the agenda item, so the ledger links
 * back to the meeting and the item lists its tasks.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"
#include "tasks/tasks.h"

gboolean meet_decision_task(DbConn *c, const AuthUser *u, gint64 meeting, gint64 n, json_t *obj,
                            gint64 *task, const char **field, GError **err)
{
	g_autoptr(json_t) a = NULL, body = NULL, detail = NULL;
	g_autofree char *content = NULL;
	gint64 agenda;

	if (!meet_agenda_id(c, meeting, n, &agenda, err))
		return FALSE;
	a = work_row(WORK_ERRORS, c, err, N_("There is no such agenda item."),
	             "SELECT i.status, i.title, mi.title AS meeting_title, d.code AS domain, "
	             "a.leader_id, a.leader_reason FROM agenda_item a JOIN item i ON i.id = "
	             "a.item_id JOIN item mi ON mi.id = a.meeting_id LEFT JOIN domain d ON d.id = "
	             "a.domain_id WHERE a.item_id = ?",
	             "i", agenda);
	if (a == NULL)
		return FALSE;
	if (g_strcmp0(json_string_value(json_object_get(a, "status")), "passed") != 0)
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("Only a passed item has decisions to supervise."));
	body = json_is_object(obj) ? json_deep_copy(obj) : json_object();
	json_object_set_new(body, "source", json_string("meeting"));
	json_object_set_new(body, "source_item_id", json_integer(agenda));
	if (json_object_get(body, "content") == NULL) {
		content = g_strdup_printf("落实%s关于“%s”的决定事项",
		                          json_string_value(json_object_get(a, "meeting_title")),
		                          json_string_value(json_object_get(a, "title")));
		json_object_set_new(body, "content", json_string(content));
	}
	if (json_object_get(body, "domain") == NULL && json_is_string(json_object_get(a, "domain")))
		json_object_set(body, "domain", json_object_get(a, "domain"));
	else if (json_object_get(body, "domain") == NULL &&
	         json_object_get(body, "leader") == NULL) {
		json_object_set(body, "leader", json_object_get(a, "leader_id"));
		json_object_set_new(
		    body, "leader_reason",
		    json_string(core_tr_now(N_("the responsible leader of the item"))));
	}
	if (!tasks_create(c, u, body, task, field, err))
		return FALSE;
	detail = json_pack("{s:I}", "task_id", (json_int_t)*task);
	return work_step_event(WORK_ERRORS, c, agenda, u, "task", NULL, NULL, NULL, detail, err);
}
