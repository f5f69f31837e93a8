/*
 * meet_flow.c — what the workflows of a meeting and of an agenda item need beyond the engine:
 * their definitions are data (data/workflows/meeting.json: notify → open → adjourn, or call
 * off without a quorum; agenda.json: consent → approve → close as passed, failed or deferred);
 * here are their rows, the actors (the chair, the responsible leader) and the hooks — the
 * quorum that keeps a meeting from opening, and the count that decides an item.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"
#include "work/flow.h"

#include <string.h>

/* The agenda item's row: its own facts and its meeting's (status as meeting_status, rules,
 * chair_id). */
static json_t *agenda_row(DbConn *c, gint64 id, GError **err)
{
	return meet_rules_parsed(work_row(
	    WORK_ERRORS, c, err, N_("There is no such agenda item."),
	    "SELECT i.status, i.title, a.meeting_id, a.n, a.kind, a.reconsiders, a.consultation, "
	    "l.user_id AS leader_user_id, m.chair_id, m.rules, mi.status AS meeting_status "
	    "FROM item i JOIN agenda_item a ON a.item_id = i.id JOIN meeting m "
	    "ON m.item_id = a.meeting_id JOIN item mi ON mi.id = a.meeting_id "
	    "LEFT JOIN leader l ON l.id = a.leader_id WHERE i.id = ?",
	    "i", id));
}

static gint64 row_int(WorkStep *x, const char *key)
{
	return json_integer_value(json_object_get(x->row, key));
}

/* The meeting's chair (主持人), for a meeting or one of its agenda items. */
static gboolean actor_chair(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = row_int(x, "chair_id") == x->u->id;
	return TRUE;
}

static gboolean list_chair(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	gint64 id = row_int(x, "chair_id");

	if (id)
		g_array_append_val(users, id);
	return TRUE;
}

/* The agenda item's responsible leader (分管领导), who consents to it going to the meeting. */
static gboolean actor_agenda_leader(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = row_int(x, "leader_user_id") == x->u->id;
	return TRUE;
}

static gboolean list_agenda_leader(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	gint64 id = row_int(x, "leader_user_id");

	if (id)
		g_array_append_val(users, id);
	return TRUE;
}

/* Sends the notice (会议通知) to every member. */
static gboolean hook_notify(WorkStep *x, GError **err)
{
	g_autoptr(json_t) rows = meet_rows(
	    x->c, err, "SELECT user_id FROM meeting_member WHERE meeting_id = ? ORDER BY rank", "i",
	    x->id);
	g_autofree char *when = core_time_format(row_int(x, "starts_at"), "%Y-%m-%d %H:%M");
	g_autofree char *text = NULL;
	json_t *r;
	size_t i;
	GError *e = NULL;

	if (rows == NULL)
		return FALSE;
	text = g_strdup_printf("会议通知：%s，%s，%s",
	                       json_string_value(json_object_get(x->row, "title")), when,
	                       json_string_value(json_object_get(x->row, "room")));
	json_array_foreach (rows, i, r)
		if (!work_notify(x->c, json_integer_value(json_object_get(r, "user_id")), x->id,
		                 "meeting.notice", text, &e)) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return FALSE;
		}
	return TRUE;
}

/* Fails with WORK_ERROR_QUORUM when RULE (of RULES) is not met now by the members present of
 * MEETING, the rule and the count in words; TRUE when met or when the type does not vote. */
static gboolean need_quorum(DbConn *c, gint64 meeting, json_t *rules, const char *rule,
                            const char **field, GError **err)
{
	g_autoptr(json_t) a = NULL;
	g_autofree char *key =
	    g_strdup_printf("%squorum_met", strcmp(rule, "cadre_quorum") == 0 ? "cadre_" : "");

	if (!json_is_true(json_object_get(rules, "voting")))
		return TRUE;
	if ((a = meet_attendance(c, meeting, rules, err)) == NULL)
		return FALSE;
	if (json_is_true(json_object_get(a, key)))
		return TRUE;
	*field = NULL;
	g_set_error(err, WORK_ERROR, WORK_ERROR_QUORUM, core_tr_now(N_("No quorum: %s (%s).")),
	            json_string_value(json_object_get(
	                a, strcmp(rule, "cadre_quorum") == 0 ? "cadre_words" : "words")),
	            json_string_value(json_object_get(
	                a, strcmp(rule, "cadre_quorum") == 0 ? "cadre_rule" : "rule")));
	return FALSE;
}

/* A meeting opens only with its quorum present. */
static gboolean hook_open(WorkStep *x, GError **err)
{
	return need_quorum(x->c, x->id, json_object_get(x->row, "rules"), "quorum", x->field,
	                   err) &&
	       meet_exec(x->c, NULL, err, "UPDATE meeting SET opened_at = ? WHERE item_id = ?",
	                 "ii", core_now(), x->id);
}

static gboolean hook_adjourn(WorkStep *x, GError **err)
{
	return meet_exec(x->c, NULL, err, "UPDATE meeting SET closed_at = ? WHERE item_id = ?",
	                 "ii", core_now(), x->id);
}

/* 流会: only when the quorum is indeed not there. */
static gboolean hook_call_off(WorkStep *x, GError **err)
{
	GError *e = NULL;

	if (need_quorum(x->c, x->id, json_object_get(x->row, "rules"), "quorum", x->field, &e) &&
	    json_is_true(json_object_get(json_object_get(x->row, "rules"), "voting")))
		return meet_fail(err, x->field, WORK_ERROR_STATE, NULL,
		                 N_("The quorum is present: open the meeting instead."));
	if (e && e->code != WORK_ERROR_QUORUM) {
		g_propagate_error(err, e);
		return FALSE;
	}
	g_clear_error(&e);
	return meet_exec(x->c, NULL, err, "UPDATE meeting SET closed_at = ? WHERE item_id = ?",
	                 "ii", core_now(), x->id);
}

/* An item goes on the agenda of a meeting not yet over; a 干部任免 item only once its
 * pre-meeting consultation (会前沟通, 酝酿) is on record. */
static gboolean hook_approve(WorkStep *x, GError **err)
{
	const char *ms = json_string_value(json_object_get(x->row, "meeting_status"));
	const char *talk = json_string_value(json_object_get(x->row, "consultation"));

	if (g_strcmp0(ms, "preparing") != 0 && g_strcmp0(ms, "noticed") != 0 &&
	    g_strcmp0(ms, "in_session") != 0)
		return meet_fail(err, x->field, WORK_ERROR_STATE, NULL,
		                 N_("The meeting is over: the item goes to a later one."));
	if (g_strcmp0(json_string_value(json_object_get(x->row, "kind")), "cadre") == 0 &&
	    (talk == NULL || *talk == '\0'))
		return meet_fail(err, x->field, WORK_ERROR_STATE, NULL,
		                 N_("A cadre item goes on the agenda once its pre-meeting "
		                    "consultation is recorded."));
	return TRUE;
}

/* Records the pre-meeting consultation (会前沟通): its text, dated and signed, after those
 * recorded before. */
static gboolean hook_consult(WorkStep *x, GError **err)
{
	g_autoptr(json_t) who =
	    work_row(WORK_ERRORS, x->c, err, N_("There is no such user."),
	             "SELECT display_name FROM user_account WHERE id = ?", "i", x->u->id);
	g_autofree char *day = core_time_format(core_now(), "%Y-%m-%d");
	g_autofree char *line = NULL, *after = NULL;

	if (who == NULL)
		return FALSE;
	line = g_strdup_printf("%s %s：%s", day,
	                       json_string_value(json_object_get(who, "display_name")),
	                       x->opinion ? x->opinion : "");
	after = g_strconcat("\n", line, NULL);
	return meet_exec(x->c, NULL, err,
	                 "UPDATE agenda_item SET consultation = CASE WHEN consultation = '' THEN "
	                 "? ELSE consultation || ? END WHERE item_id = ?",
	                 "ssi", line, after, x->id);
}

/* Closes the vote on an item while the meeting is in session: counts the votes under the
 * meeting's rules and moves the item to passed, failed or deferred, the count explained in
 * words. A meeting that does not vote decides (议定) by its chair: passed. */
static gboolean hook_close_item(WorkStep *x, GError **err)
{
	json_t *rules = json_object_get(x->row, "rules");
	gint64 meeting = row_int(x, "meeting_id");
	gboolean cadre =
	    g_strcmp0(json_string_value(json_object_get(x->row, "kind")), "cadre") == 0;
	/* 复议: a motion to reconsider a passed item, under the type's "reconsider" threshold */
	gint64 reconsider = row_int(x, "reconsiders");
	g_autoptr(json_t) a = NULL, votes = NULL;
	g_autofree char *words = NULL;
	MeetTally t = {0};
	MeetRule pass;
	MeetOutcome o;
	json_t *v;
	size_t i;

	if (g_strcmp0(json_string_value(json_object_get(x->row, "meeting_status")), "in_session") !=
	    0)
		return meet_fail(err, x->field, WORK_ERROR_STATE, NULL,
		                 N_("Votes are closed while the meeting is in session."));
	if (!json_is_true(json_object_get(rules, "voting"))) {
		o = MEET_PASSED;
		words =
		    g_strdup(core_tr_now(N_("Decided by the meeting under its chair (no vote).")));
	} else {
		if (!need_quorum(x->c, meeting, rules, cadre ? "cadre_quorum" : "quorum", x->field,
		                 err) ||
		    !meet_rule_parse(json_object_get(rules, reconsider ? "reconsider" : "pass"),
		                     reconsider ? "reconsider" : "pass", &pass, err) ||
		    (a = meet_attendance(x->c, meeting, rules, err)) == NULL ||
		    (votes = meet_rows(x->c, err,
		                       "SELECT choice, count(*) AS n FROM vote WHERE agenda_id = ? "
		                       "GROUP BY choice",
		                       "i", x->id)) == NULL)
			return FALSE;
		t.expected = json_integer_value(json_object_get(a, "expected"));
		t.present = json_integer_value(json_object_get(a, "present"));
		json_array_foreach (votes, i, v) {
			const char *ch = json_string_value(json_object_get(v, "choice"));
			gint64 n = json_integer_value(json_object_get(v, "n"));
			if (strcmp(ch, "agree") == 0)
				t.agree = n;
			else if (strcmp(ch, "disagree") == 0)
				t.disagree = n;
			else if (strcmp(ch, "defer") == 0)
				t.defer = n;
			else
				t.abstain = n;
		}
		o = meet_tally_outcome(&pass, &t, &words);
	}
	x->to = meet_outcome_code(o);
	json_object_set_new(x->detail, "result", json_string(x->to));
	if (reconsider && o == MEET_PASSED) {
		g_autoptr(json_t) by = json_pack("{s:I}", "item", (json_int_t)x->id);
		if (!work_step_event(WORK_ERRORS, x->c, reconsider, x->u, "reconsidered", NULL,
		                     NULL, NULL, by, err))
			return FALSE;
	}
	json_object_set_new(x->detail, "explanation", json_string(words));
	return meet_exec(x->c, NULL, err,
	                 "UPDATE agenda_item SET result = ?, explanation = ?, closed_at = ? WHERE "
	                 "item_id = ?",
	                 "ssii", x->to, words, core_now(), x->id);
}

/* The chair approves the minutes: kept as they stand, numbered. */
static gboolean hook_approve_minutes(WorkStep *x, GError **err)
{
	return meet_minutes_approve(x->c, x->id, err);
}

static const WorkKind meeting_kind = {.load = meet_row};
static const WorkKind agenda_kind = {.load = agenda_row};

void meet_flow_register(void)
{
	work_flow_kind("meeting", &meeting_kind);
	work_flow_kind("agenda", &agenda_kind);
	work_flow_actor("meet.chair", N_("the chair of the meeting"), actor_chair);
	work_flow_actor_list("meet.chair", list_chair);
	work_flow_actor("meet.agenda_leader", N_("the item's responsible leader"),
	                actor_agenda_leader);
	work_flow_actor_list("meet.agenda_leader", list_agenda_leader);
	work_flow_hook("meet.notify", hook_notify);
	work_flow_hook("meet.open", hook_open);
	work_flow_hook("meet.adjourn", hook_adjourn);
	work_flow_hook("meet.call_off", hook_call_off);
	work_flow_hook("meet.approve", hook_approve);
	work_flow_hook("meet.consult", hook_consult);
	work_flow_hook("meet.close_item", hook_close_item);
	work_flow_hook("meet.approve_minutes", hook_approve_minutes);
}
