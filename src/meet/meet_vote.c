/*
 * meet_vote.c — attendance and votes. A member confirms, asks for leave (approved by the chair;
 * the office records leave the chair has approved) with an optional written view, or checks in;
 * the office records it for them too. Each voting member present votes once per item (同意,
 * 不同意, 缓议; 弃权 only where the type allows it), never by proxy; on a cadre item the
 * principal leader votes after everyone else present when the type says so; nothing is voted
 * below the item's quorum, and votes lock when the item closes.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"

#include <string.h>

#define REASON_MAX 500
#define VIEW_MAX   4000

/* The member row of USER in MEETING ({voting, principal, status}), NULL when not a member (no
 * error) or with ERR on a database failure. */
static json_t *member_of(DbConn *c, gint64 meeting, gint64 user, GError **err)
{
	json_t *rows = meet_rows(c, err,
	                         "SELECT voting, principal, status FROM meeting_member WHERE "
	                         "meeting_id = ? AND user_id = ?",
	                         "ii", meeting, user);
	json_t *r;

	if (rows == NULL)
		return NULL;
	r = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return r;
}

/* Resolves OBJ's "username" (default: U) to a member of MEETING: *WHO and *MEMBER (new
 * reference). FALSE with ERR when it names no member. */
static gboolean the_member(DbConn *c, const AuthUser *u, gint64 meeting, json_t *obj, gint64 *who,
                           json_t **member, const char **field, GError **err)
{
	json_t *ref = json_object_get(obj, "username");
	GError *e = NULL;

	*who = u->id;
	if (ref && !json_is_null(ref) &&
	    !work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_USER, "username", ref,
	                      who, field, err))
		return FALSE;
	if ((*member = member_of(c, meeting, *who, &e)) == NULL) {
		if (e) {
			g_propagate_error(err, e);
			return FALSE;
		}
		return meet_fail(err, field, WORK_ERROR_INVALID, "username",
		                 N_("This person is not called to the meeting."));
	}
	return TRUE;
}

gboolean meet_attend(DbConn *c, const AuthUser *u, gint64 meeting, json_t *obj, const char **field,
                     GError **err)
{
	const char *status = json_string_value(json_object_get(obj, "status"));
	const char *reason = json_string_value(json_object_get(obj, "reason"));
	const char *view = json_string_value(json_object_get(obj, "written_view"));
	g_autoptr(json_t) m = meet_row(c, meeting, err);
	g_autoptr(json_t) member = NULL;
	const char *ms, *now_status, *to;
	gboolean office, chair, self;
	gint64 who;

	if (m == NULL || !the_member(c, u, meeting, obj, &who, &member, field, err))
		return FALSE;
	ms = json_string_value(json_object_get(m, "status"));
	office = auth_can(u, "work.all");
	chair = json_integer_value(json_object_get(m, "chair_id")) == u->id;
	self = who == u->id;
	if (!office && !self && !chair)
		return meet_fail(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                 N_("Attendance is recorded by the office, or by members for "
		                    "themselves."));
	if (g_strcmp0(ms, "preparing") != 0 && g_strcmp0(ms, "noticed") != 0 &&
	    g_strcmp0(ms, "in_session") != 0)
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("The meeting is over; attendance is kept as it was."));
	now_status = json_string_value(json_object_get(member, "status"));
	if (g_strcmp0(status, "present") == 0) {
		if (g_strcmp0(ms, "preparing") == 0)
			return meet_fail(err, field, WORK_ERROR_STATE, NULL,
			                 N_("Members check in once the notice has gone out."));
		to = "present";
	} else if (g_strcmp0(status, "confirmed") == 0) {
		to = "confirmed";
	} else if (g_strcmp0(status, "leave") == 0) {
		if (reason == NULL || g_utf8_strlen(reason, -1) < 2 ||
		    g_utf8_strlen(reason, -1) > REASON_MAX)
			return meet_fail(err, field, WORK_ERROR_INVALID, "reason",
			                 N_("Give the reason for leave (2 to 500 characters)."));
		/* the chair approves leave; the office records what the chair approved */
		to = office || (chair && !self) ? "leave" : "leave_asked";
	} else {
		return meet_fail(err, field, WORK_ERROR_INVALID, "status",
		                 N_("The status is \"present\", \"confirmed\" or \"leave\"."));
	}
	if (view && (g_utf8_strlen(view, -1) > VIEW_MAX || strcmp(to, "present") == 0))
		return meet_fail(err, field, WORK_ERROR_INVALID, "written_view",
		                 N_("A written view (at most 4000 characters) comes with leave."));
	if (strcmp(to, "present") == 0 && g_strcmp0(now_status, "present") == 0)
		return TRUE;
	if (!meet_exec(
	        c, NULL, err,
	        "UPDATE meeting_member SET status = ?, reason = CASE WHEN ? = '' THEN reason "
	        "ELSE ? END, written_view = CASE WHEN ? = '' THEN written_view ELSE ? END, "
	        "updated_at = ? WHERE meeting_id = ? AND user_id = ?",
	        "sssssiii", to, reason ? reason : "", reason ? reason : "", view ? view : "",
	        view ? view : "", core_now(), meeting, who))
		return FALSE;
	meet_publish_attendance(c, meeting, json_object_get(m, "rules"));
	return TRUE;
}

/* TRUE when CHOICE is a vote the meeting's RULES allow. */
static gboolean choice_ok(const char *choice, json_t *rules)
{
	if (choice == NULL)
		return FALSE;
	if (strcmp(choice, "agree") == 0 || strcmp(choice, "disagree") == 0 ||
	    strcmp(choice, "defer") == 0)
		return TRUE;
	return strcmp(choice, "abstain") == 0 && json_is_true(json_object_get(rules, "abstain"));
}

gboolean meet_vote(DbConn *c, const AuthUser *u, gint64 meeting, gint64 n, json_t *obj,
                   const char **field, GError **err)
{
	const char *choice = json_string_value(json_object_get(obj, "choice"));
	g_autoptr(json_t) m = meet_row(c, meeting, err);
	g_autoptr(json_t) member = NULL, item = NULL, left = NULL, a = NULL;
	json_t *rules;
	gint64 who, agenda;
	gboolean cadre;

	if (m == NULL || !meet_agenda_id(c, meeting, n, &agenda, err) ||
	    !the_member(c, u, meeting, obj, &who, &member, field, err))
		return FALSE;
	rules = json_object_get(m, "rules");
	if (who != u->id && !auth_can(u, "work.all"))
		return meet_fail(
		    err, field, WORK_ERROR_FORBIDDEN, "username",
		    N_("Members vote for themselves; only the office records votes, and "
		       "no one votes by proxy."));
	if (!json_is_true(json_object_get(rules, "voting")))
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("This kind of meeting does not vote."));
	if (g_strcmp0(json_string_value(json_object_get(m, "status")), "in_session") != 0)
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("Votes are taken while the meeting is in session."));
	item = work_row(WORK_ERRORS, c, err, N_("There is no such agenda item."),
	                "SELECT i.status, a.kind FROM item i JOIN agenda_item a ON a.item_id = "
	                "i.id WHERE i.id = ?",
	                "i", agenda);
	if (item == NULL)
		return FALSE;
	if (g_strcmp0(json_string_value(json_object_get(item, "status")), "scheduled") != 0)
		return meet_fail(
		    err, field, WORK_ERROR_STATE, NULL,
		    N_("This item is not open for a vote: votes lock when it closes."));
	if (!json_integer_value(json_object_get(member, "voting")) ||
	    g_strcmp0(json_string_value(json_object_get(member, "status")), "present") != 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, "username",
		                 N_("Only voting members present vote; a written view is not a "
		                    "vote."));
	if (!choice_ok(choice, rules))
		return meet_fail(err, field, WORK_ERROR_INVALID, "choice",
		                 json_is_true(json_object_get(rules, "abstain"))
		                     ? N_("The vote is agree, disagree, defer or abstain.")
		                     : N_("The vote is agree, disagree or defer (this meeting does "
		                          "not allow abstaining)."));
	cadre = g_strcmp0(json_string_value(json_object_get(item, "kind")), "cadre") == 0;
	if ((a = meet_attendance(c, meeting, rules, err)) == NULL)
		return FALSE;
	if (!json_is_true(json_object_get(a, cadre ? "cadre_quorum_met" : "quorum_met"))) {
		*field = NULL;
		g_set_error(err, WORK_ERROR, WORK_ERROR_QUORUM,
		            core_tr_now(N_("No quorum for this item: %s (%s).")),
		            json_string_value(json_object_get(a, cadre ? "cadre_words" : "words")),
		            json_string_value(json_object_get(a, cadre ? "cadre_rule" : "rule")));
		return FALSE;
	}
	if (cadre && json_is_true(json_object_get(rules, "principal_last")) &&
	    json_integer_value(json_object_get(member, "principal"))) {
		gint64 waiting = 0;

		if (!meet_exec(
		        c, &waiting, err,
		        "SELECT count(*) FROM meeting_member mm WHERE mm.meeting_id = ? AND "
		        "mm.voting = 1 AND mm.status = 'present' AND mm.principal = 0 AND NOT "
		        "EXISTS (SELECT 1 FROM vote v WHERE v.agenda_id = ? AND v.user_id = "
		        "mm.user_id)",
		        "ii", meeting, agenda))
			return FALSE;
		if (waiting > 0) {
			*field = "username";
			g_set_error(
			    err, WORK_ERROR, WORK_ERROR_VOTE_ORDER,
			    core_tr_now(N_("On a cadre item the principal leader states a "
			                   "position last: %d member(s) present have not voted "
			                   "yet.")),
			    (int)waiting);
			return FALSE;
		}
	}
	return meet_exec(
	    c, NULL, err,
	    "INSERT INTO vote (agenda_id, user_id, choice, at, recorded_by) VALUES (?, "
	    "?, ?, ?, ?) ON CONFLICT (agenda_id, user_id) DO UPDATE SET choice = "
	    "excluded.choice, at = excluded.at, recorded_by = excluded.recorded_by",
	    "iisii", agenda, who, choice, core_now(), u->id);
}
