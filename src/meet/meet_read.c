/*
 * meet_read.c — meetings as read by the API and the pages: the list, one meeting with its
 * members, live attendance against its quorum (the rule in words), its agenda with the votes,
 * history and the steps the reader may take.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"
#include "docs/docs.h"
#include "work/events.h"
#include "work/flow.h"

#include <string.h>

/* Sets KEY_met, KEY (the rule in words) and KEY_words on OUT for threshold NAME of RULES. */
static void quorum_into(json_t *out, json_t *rules, const char *name, const char *prefix,
                        gint64 expected, gint64 present)
{
	MeetRule r;
	g_autofree char *rule = NULL, *words = NULL, *k_met = NULL, *k_rule = NULL, *k_words = NULL;

	if (!meet_rule_parse(json_object_get(rules, name), name, &r, NULL))
		return;
	k_met = g_strdup_printf("%squorum_met", prefix);
	k_rule = g_strdup_printf("%srule", prefix);
	k_words = g_strdup_printf("%swords", prefix);
	json_object_set_new(out, k_met,
	                    json_boolean(meet_quorum_check(&r, expected, present, &words)));
	rule = meet_quorum_rule_words(&r);
	json_object_set_new(out, k_rule, json_string(rule));
	json_object_set_new(out, k_words, json_string(words));
}

json_t *meet_attendance(DbConn *c, gint64 meeting, json_t *rules, GError **err)
{
	gboolean voting = json_is_true(json_object_get(rules, "voting"));
	g_autoptr(json_t) rows = meet_rows(
	    c, err,
	    "SELECT count(*) AS expected, COALESCE(sum(CASE WHEN status = 'present' THEN 1 ELSE 0 "
	    "END), 0) AS present, COALESCE(sum(CASE WHEN status = 'leave' THEN 1 ELSE 0 END), 0) "
	    "AS leave FROM meeting_member WHERE meeting_id = ? AND voting = ?",
	    "ii", meeting, (gint64)voting);
	json_t *r, *out;
	gint64 expected, present;

	if (rows == NULL)
		return NULL;
	r = json_array_get(rows, 0);
	expected = json_integer_value(json_object_get(r, "expected"));
	present = json_integer_value(json_object_get(r, "present"));
	out = json_pack("{s:I, s:I, s:I}", "expected", (json_int_t)expected, "present",
	                (json_int_t)present, "leave",
	                json_integer_value(json_object_get(r, "leave")));
	if (voting) {
		quorum_into(out, rules, "quorum", "", expected, present);
		quorum_into(out, rules, "cadre_quorum", "cadre_", expected, present);
	}
	return out;
}

void meet_publish_attendance(DbConn *c, gint64 meeting, json_t *rules)
{
	GError *e = NULL;
	json_t *a = meet_attendance(c, meeting, rules, &e), *data, *users, *members, *r;
	g_autoptr(json_t) rows = NULL;
	size_t i;

	if (a == NULL ||
	    (rows = meet_rows(c, &e,
	                      "SELECT mm.user_id, u.username, mm.status, mm.reason FROM "
	                      "meeting_member mm JOIN user_account u ON u.id = mm.user_id WHERE "
	                      "mm.meeting_id = ? ORDER BY mm.rank",
	                      "i", meeting)) == NULL) {
		g_warning("attendance of meeting %" G_GINT64_FORMAT ": %s", meeting, e->message);
		g_clear_error(&e);
		json_decref(a);
		return;
	}
	users = json_array();
	members = json_array();
	json_array_foreach (rows, i, r) {
		json_array_append(users, json_object_get(r, "user_id"));
		json_array_append_new(members, json_pack("{s:O, s:O, s:O}", "username",
		                                         json_object_get(r, "username"), "status",
		                                         json_object_get(r, "status"), "reason",
		                                         json_object_get(r, "reason")));
	}
	/* to its members and the office: nobody else learns who attends */
	data =
	    json_pack("{s:I, s:o, s:o, s:{s:o, s:[s]}}", "meeting_id", (json_int_t)meeting,
	              "attendance", a, "members", members, "to", "users", users, "pools", "staff");
	if (!work_events_publish(c, "meeting", data, &e)) {
		g_warning("meeting event %" G_GINT64_FORMAT ": %s", meeting, e->message);
		g_clear_error(&e);
	}
	json_decref(data);
}

/* The state label of STATUS in workflow CODE in the current language (borrowed). */
static const char *state_label(DbConn *c, const char *code, const char *status)
{
	const WorkFlow *f = work_flow_get(c, code, 0, NULL);

	return f ? work_flow_state_label(f, status, core_lang_current()) : status;
}

/* Agenda item ID (item_id) of a meeting: its facts, votes and (with U) the steps U may take. */
static json_t *agenda_one(DbConn *c, const AuthUser *u, json_t *a, GError **err)
{
	gint64 id = json_integer_value(json_object_get(a, "id"));
	g_autoptr(json_t) votes = meet_rows(
	    c, err,
	    "SELECT u.username, u.display_name AS name, v.choice, v.at FROM vote v JOIN "
	    "user_account u ON u.id = v.user_id LEFT JOIN agenda_item g ON g.item_id = v.agenda_id "
	    "LEFT JOIN meeting_member mm ON mm.meeting_id = g.meeting_id AND mm.user_id = "
	    "v.user_id "
	    "WHERE v.agenda_id = ? ORDER BY mm.rank",
	    "i", id);
	json_t *counts, *v, *steps, *actions = NULL, *tasks, *materials;
	size_t i;

	if (votes == NULL)
		return NULL;
	counts =
	    json_pack("{s:i, s:i, s:i, s:i}", "agree", 0, "disagree", 0, "defer", 0, "abstain", 0);
	json_array_foreach (votes, i, v) {
		const char *ch = json_string_value(json_object_get(v, "choice"));
		json_object_set_new(
		    counts, ch, json_integer(json_integer_value(json_object_get(counts, ch)) + 1));
	}
	json_object_set_new(
	    a, "status_label",
	    json_string(state_label(c, "agenda", json_string_value(json_object_get(a, "status")))));
	json_object_set_new(a, "votes", counts);
	json_object_set(a, "ballots", votes);
	tasks =
	    meet_rows(c, err,
	              "SELECT t.item_id AS id, ti.title, ti.status, t.supervision_no, t.deadline "
	              "FROM task t JOIN item ti ON ti.id = t.item_id WHERE t.source = 'meeting' "
	              "AND t.source_item_id = ? ORDER BY t.item_id",
	              "i", id);
	if (tasks == NULL)
		return NULL;
	json_object_set_new(a, "tasks", tasks);
	if ((materials = meet_materials(c, u, id, err)) == NULL)
		return NULL;
	json_object_set_new(a, "materials", materials);
	if (u) {
		if ((steps = work_flow_steps(c, u, id, &actions, err)) == NULL)
			return NULL;
		json_object_set_new(a, "steps", steps);
		json_object_set_new(a, "actions", actions);
	}
	return json_incref(a);
}

json_t *meet_agenda(DbConn *c, const AuthUser *u, gint64 meeting, gint64 only, GError **err)
{
	g_autoptr(json_t) rows = meet_rows(
	    c, err,
	    "SELECT a.item_id AS id, a.n, i.title, a.kind, i.status, a.body, a.observers, "
	    "a.consultation, a.leader_reason, l.name AS leader, lu.username AS leader_username, "
	    "un.code AS unit, un.name AS unit_name, "
	    "a.result, a.explanation, a.closed_at, i.created_by, a.carried_from, a.reconsiders, "
	    "o.n AS origin_n, om.id AS origin_meeting_id, om.title AS origin_meeting, oi.title AS "
	    "origin_title FROM agenda_item a JOIN item i ON i.id = a.item_id LEFT JOIN leader l ON "
	    "l.id = a.leader_id LEFT JOIN user_account lu ON lu.id = l.user_id LEFT JOIN "
	    "agenda_item "
	    "o ON o.item_id = COALESCE(a.carried_from, a.reconsiders) LEFT JOIN item oi ON oi.id = "
	    "o.item_id LEFT JOIN item om ON om.id = o.meeting_id LEFT JOIN unit un ON un.id = "
	    "a.unit_id WHERE a.meeting_id = ? AND (? = 0 "
	    "OR a.item_id = ?) ORDER BY a.n",
	    "iii", meeting, only, only);
	json_t *out, *a;
	size_t i;

	if (rows == NULL)
		return NULL;
	out = json_array();
	json_array_foreach (rows, i, a) {
		json_t *one = agenda_one(c, u, a, err);
		if (one == NULL) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, one);
	}
	return out;
}

/* The members of meeting ID called to another meeting (not cancelled or called off) at an
 * overlapping time: [{username, name, meeting_id, title, starts_at}], by rank. */
static json_t *member_conflicts(DbConn *c, gint64 id, GError **err)
{
	json_t *rows = meet_rows(
	    c, err,
	    "SELECT u.username, u.display_name AS name, o.item_id AS meeting_id, oi.title, "
	    "o.starts_at AS starts FROM meeting_member mm JOIN meeting me ON me.item_id = "
	    "mm.meeting_id JOIN meeting_member om ON om.user_id = mm.user_id AND om.meeting_id <> "
	    "mm.meeting_id JOIN meeting o ON o.item_id = om.meeting_id JOIN item oi ON oi.id = "
	    "o.item_id JOIN user_account u ON u.id = mm.user_id WHERE mm.meeting_id = ? AND "
	    "oi.status NOT IN ('cancelled', 'not_held') AND o.starts_at < me.ends_at AND o.ends_at "
	    "> me.starts_at ORDER BY mm.rank, o.starts_at",
	    "i", id);
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		g_autofree char *at = core_time_format(
		    json_integer_value(json_object_get(r, "starts")), "%Y-%m-%dT%H:%M");
		json_object_set_new(r, "starts_at", json_string(at));
		json_object_del(r, "starts");
	}
	return rows;
}

json_t *meet_agenda_origins(DbConn *c, gint64 meeting, GError **err)
{
	/* as carriable() in meet_model.c decides it, item by item */
	json_t *carry = meet_rows(
	    c, err,
	    "SELECT a.item_id AS id, i.title, mi.title AS meeting, a.n FROM agenda_item a JOIN "
	    "item i ON i.id = a.item_id JOIN item mi ON mi.id = a.meeting_id WHERE a.meeting_id <> "
	    "? AND (i.status = 'deferred' OR (i.status IN ('proposed', 'consented', 'scheduled') "
	    "AND mi.status IN ('not_held', 'cancelled', 'adjourned', 'minuted'))) AND NOT EXISTS "
	    "(SELECT 1 FROM agenda_item c WHERE c.carried_from = a.item_id) ORDER BY a.item_id "
	    "DESC LIMIT 100",
	    "i", meeting);
	json_t *again =
	    carry ? meet_rows(c, err,
	                      "SELECT a.item_id AS id, i.title, mi.title AS meeting, a.n FROM "
	                      "agenda_item a JOIN item i ON i.id = a.item_id JOIN item mi ON mi.id "
	                      "= a.meeting_id JOIN meeting m ON m.item_id = a.meeting_id WHERE "
	                      "a.meeting_id <> ? AND i.status = 'passed' AND m.type = (SELECT type "
	                      "FROM meeting WHERE item_id = ?) ORDER BY a.item_id DESC LIMIT 100",
	                      "ii", meeting, meeting)
	          : NULL;

	if (again == NULL) {
		json_decref(carry);
		return NULL;
	}
	return json_pack("{s:o, s:o}", "carry", carry, "reconsider", again);
}

/* Moves M's minutes_* columns into "minutes": {text (stored, else the draft from the
 * outcomes), drafted, no, approved_at}. */
static void minutes_into(json_t *m)
{
	const char *text = json_string_value(json_object_get(m, "minutes_text"));
	gboolean drafted = text == NULL || *text == '\0';
	g_autofree char *draft = drafted ? meet_minutes_draft(m) : NULL;

	json_object_set_new(m, "minutes",
	                    json_pack("{s:s, s:b, s:O, s:O}", "text", drafted ? draft : text,
	                              "drafted", drafted, "no", json_object_get(m, "minutes_no"),
	                              "approved_at", json_object_get(m, "minutes_approved_at")));
	json_object_del(m, "minutes_text");
	json_object_del(m, "minutes_no");
	json_object_del(m, "minutes_approved_at");
}

json_t *meet_get(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	g_autoptr(json_t) rows = meet_rows(
	    c, err,
	    "SELECT i.id, i.title, i.status, m.type, m.rules, m.starts_at AS starts, m.ends_at AS "
	    "ends, m.room, m.opened_at, m.closed_at, m.minutes AS minutes_text, m.minutes_no, "
	    "m.minutes_approved_at, m.chair_id, cu.username AS chair_username, "
	    "cu.display_name AS chair_name, d.code AS domain FROM item i JOIN meeting m ON "
	    "m.item_id = i.id LEFT JOIN user_account cu ON cu.id = m.chair_id LEFT JOIN domain d "
	    "ON "
	    "d.id = m.domain_id WHERE i.id = ?",
	    "i", id);
	json_t *m, *rules, *members, *att, *agenda, *history, *steps, *actions = NULL, *next;
	json_t *conflicts, *doc = NULL;
	g_autofree char *starts = NULL, *ends = NULL;
	GError *e = NULL;

	if (rows == NULL)
		return NULL;
	if ((m = json_incref(json_array_get(rows, 0))) == NULL) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such meeting."));
		return NULL;
	}
	rules = json_object_get(meet_rules_parsed(m), "rules");
	json_object_set(
	    m, "type_name",
	    json_object_get(json_object_get(rules, "name"),
	                    g_strcmp0(core_lang_current(), CORE_LANG_EN) == 0 ? "en" : "zh"));
	starts =
	    core_time_format(json_integer_value(json_object_get(m, "starts")), "%Y-%m-%dT%H:%M");
	ends = core_time_format(json_integer_value(json_object_get(m, "ends")), "%Y-%m-%dT%H:%M");
	json_object_set_new(m, "starts_at", json_string(starts));
	json_object_set_new(m, "ends_at", json_string(ends));
	json_object_del(m, "starts");
	json_object_del(m, "ends");
	json_object_set_new(m, "status_label",
	                    json_string(state_label(
	                        c, "meeting", json_string_value(json_object_get(m, "status")))));
	members = meet_rows(c, err,
	                    "SELECT u.username, u.display_name AS name, mm.rank, mm.voting, "
	                    "mm.principal, mm.status, mm.reason, mm.written_view FROM "
	                    "meeting_member mm JOIN user_account u ON u.id = mm.user_id WHERE "
	                    "mm.meeting_id = ? ORDER BY mm.rank",
	                    "i", id);
	att = members ? meet_attendance(c, id, rules, err) : NULL;
	agenda = att ? meet_agenda(c, u, id, 0, err) : NULL;
	history = agenda ? work_item_history(c, id, &e) : NULL;
	if (agenda && history == NULL)
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
	if (u) {
		steps = history ? work_flow_steps(c, u, id, &actions, err) : NULL;
		next = steps ? work_flow_next_actors(c, id, core_lang_current(), err) : NULL;
	} else { /* for the system (the minutes' draft): no steps */
		steps = history ? json_array() : NULL;
		next = steps ? json_array() : NULL;
	}
	json_object_set_new(m, "members", members ? members : json_null());
	json_object_set_new(m, "attendance", att ? att : json_null());
	json_object_set_new(m, "agenda", agenda ? agenda : json_null());
	json_object_set_new(m, "history", history ? history : json_null());
	json_object_set_new(m, "steps", steps ? steps : json_null());
	json_object_set_new(m, "actions", actions ? actions : json_array());
	json_object_set_new(m, "next_actors", next ? next : json_null());
	if (next == NULL) {
		json_decref(m);
		return NULL;
	}
	minutes_into(m);
	if ((doc = docs_made_from(c, id, err)) == NULL ||
	    (conflicts = member_conflicts(c, id, err)) == NULL) {
		json_decref(doc);
		json_decref(m);
		return NULL;
	}
	json_object_set_new(json_object_get(m, "minutes"), "document", doc);
	json_object_set_new(m, "conflicts", conflicts);
	return m;
}

json_t *meet_list(DbConn *c, const AuthUser *u, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new("SELECT i.id, i.title, i.status, m.type, m.starts_at "
	                                    "AS starts, m.room, cu.display_name "
	                                    "AS chair_name FROM item i JOIN meeting m ON m.item_id "
	                                    "= i.id LEFT JOIN user_account cu "
	                                    "ON cu.id = m.chair_id");
	json_t *rows, *r;
	size_t i;

	auth_item_filter(q, u);
	db_query_add(q, " ORDER BY m.starts_at DESC, i.id DESC", NULL);
	db_query_limit(q, 500);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	json_array_foreach (rows, i, r) {
		g_autofree char *at = core_time_format(
		    json_integer_value(json_object_get(r, "starts")), "%Y-%m-%dT%H:%M");
		json_object_set_new(r, "starts_at", json_string(at));
		json_object_del(r, "starts");
		json_object_set_new(
		    r, "status_label",
		    json_string(state_label(c, "meeting",
		                            json_string_value(json_object_get(r, "status")))));
	}
	return rows;
}
