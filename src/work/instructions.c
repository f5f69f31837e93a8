/*
 * instructions.c — the one path of a leader's instruction (批示) on any item: the same checks
 * and the same effect on the item whether it is written through the item's workflow step
 * (POST …/actions/instruct, the hook "work.instruction") or through POST /api/v1/instructions;
 * and a paper or oral 批示 (纸质批示 / 口头批示) the office enters for the leader, with its source
 * (who, when, on what) — on a document in mishu, or on a record of its own (an item of kind
 * 'instruction') when it was written on something mishu does not hold.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

#define TEXT_MAX 2000

/* Checks an instruction's parts; *FIELD names the bad one (TEXT_FIELD for the text). */
static gboolean check(const char *text, const char *requirements, const char *given_on,
                      const char *text_field, const char **field, GError **err)
{
	const char *bad = NULL, *msgid = NULL;

	if (text == NULL || g_utf8_strlen(text, -1) < 1 || g_utf8_strlen(text, -1) > TEXT_MAX)
		bad = text_field, msgid = N_("Write the instruction, up to 2000 characters.");
	else if (requirements && g_utf8_strlen(requirements, -1) > TEXT_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID,
		                          "requirements", TEXT_MAX);
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
	           given_on ? given_on : today, core_now());
}

/* The hook "work.instruction": the step's opinion is the instruction's text; the body may carry
 * "requirements", "given_on" and the deadline it names ("deadline" or "deadline_working_days").
 * (Whether the item moves on is the step's: its "stay_in".) */
gboolean work_instruction_hook(WorkStep *x, GError **err)
{
	const char *req = json_string_value(json_object_get(x->body, "requirements"));
	const char *on = json_string_value(json_object_get(x->body, "given_on"));
	gint64 id = 0;

	if (!check(x->opinion, req, on, "opinion", x->field, err) ||
	    !insert(x->c, x->u, x->id, x->opinion, req, on, &id, err) ||
	    !work_instruction_set_deadline(x->c, id, x->body, x->field, err))
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

/* ---- the deadline a 批示 names ------------------------------------------------------------ */

gboolean work_instruction_set_deadline(DbConn *c, gint64 id, json_t *obj, const char **field,
                                       GError **err)
{
	const char *d = json_string_value(json_object_get(obj, "deadline"));
	json_t *n = json_object_get(obj, "deadline_working_days");
	const char *nf = "deadline_working_days";

	if (n == NULL)
		n = json_object_get(obj, "deadline_days"), nf = "deadline_days";
	if (json_object_get(obj, "deadline") && !json_is_null(json_object_get(obj, "deadline")) &&
	    (d == NULL || !core_date_valid(d)))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "deadline",
		                       N_("Write the date as YYYY-MM-DD."));
	if (n && !json_is_null(n) &&
	    (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > 365))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, nf,
		                       N_("Give a deadline: a date, or 1 to 365 working days."));
	if (d &&
	    !work_check_order(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "given_on",
	                      json_string_value(json_object_get(obj, "given_on")), "deadline", d))
		return FALSE;
	if (d && json_is_integer(n))
		return work_fail_field(
		    WORK_ERRORS, err, field, WORK_ERROR_INVALID, "deadline",
		    N_("Give the deadline as a date or as working days, not both."));
	if (d == NULL && !json_is_integer(n))
		return TRUE;
	return work_run(WORK_ERRORS, c, NULL, err,
	                "UPDATE instruction SET deadline = ?, deadline_days = NULLIF(?, 0) WHERE "
	                "id = ?",
	                "sii", d, (gint64)(json_is_integer(n) ? json_integer_value(n) : 0), id);
}

/* ---- paper and oral 批示 entered by the office ---------------------------------------------- */

/* The text field V of OBJ named NAME, up to MAX characters (NULL when absent or empty). */
static gboolean text_of(json_t *obj, const char *name, int max, gboolean required, const char **out,
                        const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);

	*out = json_is_string(v) && *json_string_value(v) ? json_string_value(v) : NULL;
	if (v && !json_is_null(v) && !json_is_string(v))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
		                       N_("This field must be text."));
	if (*out && g_utf8_strlen(*out, -1) > max)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name, max);
	if (required && *out == NULL)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
		                       N_("This field is required."));
	return TRUE;
}

gboolean work_instruction_record(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                                 const char **field, GError **err)
{
	const char *form = json_string_value(json_object_get(obj, "form"));
	const char *text, *req, *on, *who, *ref;
	json_t *item = json_object_get(obj, "item_id"), *detail;
	gint64 leader = 0, item_id = 0, luser = 0, now = core_now();
	g_autofree char *today = core_today();
	GError *e = NULL;
	gboolean ok;

	if (!auth_can(u, "work.all"))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_FORBIDDEN, NULL,
		                       N_("Only the office enters paper or oral instructions."));
	if (g_strcmp0(form, "paper") && g_strcmp0(form, "oral"))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "form",
		                       N_("The form is paper or oral."));
	if (!text_of(obj, "text", TEXT_MAX, FALSE, &text, field, err) ||
	    !text_of(obj, "requirements", TEXT_MAX, FALSE, &req, field, err) ||
	    !text_of(obj, "given_on", 10, FALSE, &on, field, err) ||
	    !text_of(obj, "source_who", 100, strcmp(form, "oral") == 0, &who, field, err) ||
	    !text_of(obj, "source_ref", 200, FALSE, &ref, field, err) ||
	    !check(text, req, on, "text", field, err))
		return FALSE;
	if (on && strcmp(on, today) > 0)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "given_on",
		                       N_("The date it was given is not in the future."));
	if (json_object_get(obj, "leader") == NULL)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "leader",
		                       N_("Name the leader who gave the instruction."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_LEADER, "leader",
	                      json_object_get(obj, "leader"), &leader, field, err))
		return FALSE;
	if (item && !json_is_null(item)) {
		/* on a document (or other item) mishu holds, which the office can see */
		if (!json_is_integer(item) ||
		    auth_item_access(c, u, json_integer_value(item), &e) != AUTH_ITEM_ALLOWED) {
			if (e) {
				work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB,
				              WORK_ERROR_CONFLICT);
				return FALSE;
			}
			return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID,
			                       "item_id", N_("There is no such item."));
		}
		item_id = json_integer_value(item);
	} else if (ref == NULL) {
		return work_fail_field(
		    WORK_ERRORS, err, field, WORK_ERROR_INVALID, "source_ref",
		    N_("Say what the instruction was given on: a document or a few words."));
	} else {
		/* on something mishu does not hold: a record of its own carries it */
		g_autofree char *title = g_strdup_printf(
		    "%s：%s", strcmp(form, "paper") == 0 ? "纸质批示" : "口头批示", ref);
		if (!work_run(
		        WORK_ERRORS, c, &item_id, err,
		        "INSERT INTO item (kind, title, created_by, status, created_at, "
		        "updated_at) VALUES ('instruction', ?, ?, 'recorded', ?, ?) RETURNING id",
		        "siii", title, u->id, now, now) ||
		    !work_step_grant(WORK_ERRORS, c, item_id, u->id, 0, "created", err))
			return FALSE;
	}
	ok = work_run(WORK_ERRORS, c, &luser, err,
	              "SELECT COALESCE(user_id, 0) FROM leader WHERE id = ?", "i", leader) &&
	     work_run(WORK_ERRORS, c, id, err,
	              "INSERT INTO instruction (item_id, leader_id, user_id, text, requirements, "
	              "given_on, created_at, form, source_who, source_ref, entered_by) VALUES (?, "
	              "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	              "iiisssisssi", item_id, leader, luser ? luser : u->id, text, req ? req : "",
	              on ? on : today, now, form, who ? who : "", ref ? ref : "", u->id) &&
	     work_instruction_set_deadline(c, *id, obj, field, err);
	if (!ok)
		return FALSE;
	/* the leader reads the item the 批示 is on, as if written in mishu */
	if (luser && !work_step_grant(WORK_ERRORS, c, item_id, luser, 0, "routed", err))
		return FALSE;
	detail = json_pack("{s:s, s:s, s:s, s:s, s:I}", "text", text, "form", form, "source_who",
	                   who ? who : "", "source_ref", ref ? ref : "", "instruction_id",
	                   (json_int_t)*id);
	ok = work_step_event(WORK_ERRORS, c, item_id, u, "instruct", NULL, NULL, text, detail, err);
	json_decref(detail);
	return ok;
}
