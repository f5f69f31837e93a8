/*
 * instructions.c — the one path of a leader's instruction (批示) on any item: the same checks
 * and the same effect on the item whether it is written through the item's workflow step
 * (POST …/actions/instruct, the hook "work.instruction") or through POST /api/v1/instructions.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/core.h"
#include "org/org.h"

#define TEXT_MAX 2000

/* Checks an instruction's parts; *FIELD names the bad one (TEXT_FIELD for the text). */
static gboolean check(const char *text, const char *requirements, const char *given_on,
                      const char *text_field, const char **field, GError **err)
{
	const char *bad = NULL, *msgid = NULL;

	if (text == NULL || g_utf8_strlen(text, -1) < 1 || g_utf8_strlen(text, -1) > TEXT_MAX)
		bad = text_field, msgid = N_("Write the instruction, up to 2000 characters.");
	else if (requirements && g_utf8_strlen(requirements, -1) > TEXT_MAX)
		bad = "requirements", msgid = N_("This text is too long.");
	else if (given_on && !core_date_valid(given_on))
		bad = "given_on", msgid = N_("Write the date as YYYY-MM-DD.");
	if (bad == NULL)
		return TRUE;
	return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, bad, msgid);
}

/* Stores the instruction (the leader's record found from U's account). Sets *ID. */
static gboolean insert(DbConn *c, const AuthUser *u, gint64 item_id, const char *text,
                       const char *requirements, const char *given_on, gint64 *id, GError **err)
{
	g_autofree char *today = core_today();
	gint64 leader = 0;

	return org_leader_of_user(c, u->id, &leader, err) &&
	       work_run(
	           WORK_ERRORS, c, id, err,
	           "INSERT INTO instruction (item_id, leader_id, user_id, text, requirements, "
	           "given_on, created_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?) RETURNING id",
	           "iiisssi", item_id, leader, u->id, text, requirements ? requirements : "",
	           given_on ? given_on : today, g_get_real_time() / G_USEC_PER_SEC);
}

/* The hook "work.instruction": the step's opinion is the instruction's text; the body may carry
 * "requirements" and "given_on". (Whether the item moves on is the step's: its "stay_in".) */
gboolean work_instruction_hook(WorkStep *x, GError **err)
{
	const char *req = json_string_value(json_object_get(x->body, "requirements"));
	const char *on = json_string_value(json_object_get(x->body, "given_on"));
	gint64 id = 0;

	if (!check(x->opinion, req, on, "opinion", x->field, err) ||
	    !insert(x->c, x->u, x->id, x->opinion, req, on, &id, err))
		return FALSE;
	json_object_set_new(x->detail, "instruction_id", json_integer(id));
	return TRUE;
}

gboolean work_instruction_add(DbConn *c, const AuthUser *u, gint64 item_id, const char *text,
                              const char *requirements, const char *given_on,
                              const char *text_field, gint64 *id, const char **field, GError **err)
{
	GError *e = NULL;
	g_autoptr(json_t) steps = NULL, actions = NULL, detail = NULL;

	if (!auth_can(u, "work.instruct"))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_FORBIDDEN, NULL,
		                       N_("Only leaders write instructions."));
	if (auth_item_access(c, u, item_id, &e) != AUTH_ITEM_ALLOWED) {
		if (e) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
			return FALSE;
		}
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_NOT_FOUND, "item_id",
		                       N_("There is no such item."));
	}
	if (!check(text, requirements, given_on, text_field, field, err))
		return FALSE;
	/* an item whose workflow offers the leader the step "instruct" now takes it */
	steps = work_flow_steps(c, u, item_id, &actions, &e);
	if (steps == NULL && !g_error_matches(e, WORK_ERROR, WORK_ERROR_NOT_FOUND)) {
		g_propagate_error(err, e);
		return FALSE;
	}
	g_clear_error(&e);
	for (size_t i = 0; actions && i < json_array_size(actions); i++)
		if (g_strcmp0(json_string_value(json_array_get(actions, i)), "instruct") == 0) {
			json_t *body =
			    json_pack("{s:s, s:s?, s:s?}", "opinion", text, "requirements",
			              requirements, "given_on", given_on);
			const char *f = NULL;
			gboolean ok = work_flow_act(c, u, item_id, "instruct", body, &f, err);
			json_decref(body);
			if (field && f)
				*field = g_strcmp0(f, "opinion") == 0 ? text_field : f;
			return ok &&
			       work_run(WORK_ERRORS, c, id, err,
			                "SELECT max(id) FROM instruction WHERE item_id = ? AND "
			                "user_id = ?",
			                "ii", item_id, u->id);
		}
	detail = json_pack("{s:s}", "text", text);
	return insert(c, u, item_id, text, requirements, given_on, id, err) &&
	       work_step_event(WORK_ERRORS, c, item_id, u, "instruct", NULL, NULL, text, detail,
	                       err);
}
