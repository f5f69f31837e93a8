/*
 * alert_route.c — who an incident's alert reaches, and what happens when nobody answers it:
 * the leaders routing names for its domain and level on its day (with the reasons), the leader
 * on duty, each alerted once (a notification and the live event "incident"); then, when some
 * of them have not acknowledged within the chain's minutes, one escalation step after another
 * (the assisting 秘书长, then 书记 by default), each exactly once per incident.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_internal.h"
#include "core/core.h"
#include "duty/duty.h"
#include "org/org.h"
#include "work/events.h"
#include "work/jobs.h"

#include <string.h>

/* The facts of incident ID that routing and the alerts read. */
static json_t *alert_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such incident."),
	                "SELECT i.title, i.status, n.kind, n.level, n.learned_at, d.code AS "
	                "domain_code FROM incident n JOIN item i ON i.id = n.item_id LEFT JOIN "
	                "domain d ON d.id = n.domain_id WHERE n.item_id = ?",
	                "i", id);
}

/* The words of an alert about R: "Ⅱ级突发事件：TITLE" / "苗头性信息：TITLE". */
static char *alert_words(json_t *r)
{
	static const char *const levels[] = {"", "Ⅰ级", "Ⅱ级", "Ⅲ级", "Ⅳ级"};
	const char *kind = json_string_value(json_object_get(r, "kind"));
	json_int_t level = json_integer_value(json_object_get(r, "level"));

	if (g_strcmp0(kind, "warning") == 0)
		return g_strdup_printf("苗头性信息：%s",
		                       json_string_value(json_object_get(r, "title")));
	if (g_strcmp0(kind, "opinion") == 0)
		return g_strdup_printf("舆情信息：%s",
		                       json_string_value(json_object_get(r, "title")));
	return g_strdup_printf("%s突发事件：%s", level >= 1 && level <= 4 ? levels[level] : "",
	                       json_string_value(json_object_get(r, "title")));
}

gboolean alert_publish(DbConn *c, gint64 id, const char *action, json_t *users, GError **err)
{
	g_autoptr(json_t) r = alert_row(c, id, err);
	g_autofree char *words = NULL;
	g_autofree char *url = NULL;
	g_autoptr(json_t) data = NULL;
	json_int_t level;
	GError *e = NULL;

	if (r == NULL)
		return FALSE;
	words = alert_words(r);
	url = g_strdup_printf("/incidents/%" G_GINT64_FORMAT, id);
	level = json_integer_value(json_object_get(r, "level"));
	/* the banner's colour (events.h): levels I–II urgent, III a warning, the rest news */
	data =
	    json_pack("{s:I, s:O, s:O, s:O, s:s, s:{s:s, s:s, s:s}, s:{s:o, s:[s]}}", "id",
	              (json_int_t)id, "title", json_object_get(r, "title"), "kind",
	              json_object_get(r, "kind"), "level", json_object_get(r, "level"), "action",
	              action, "alert", "title", words, "url", url, "level",
	              level >= 1 && level <= 2 ? "urgent"
	              : level == 3             ? "warning"
	                                       : "info",
	              "to", "users", users ? json_incref(users) : json_array(), "pools", "staff");
	/* a banner for what needs a leader now; the rest only updates pages */
	if (strcmp(action, "reported") && strcmp(action, "escalated"))
		json_object_del(data, "alert");
	if (!work_events_publish(c, "incident", data, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	return TRUE;
}

/* Adds USER (not 0) as a recipient of incident ID by VIA for REASON at POSITION: the grant, the
 * notification with WORDS; appends {user_id, name, title, via, reason} to ADDED when new. */
static gboolean add_one(DbConn *c, gint64 id, gint64 user, const char *name, const char *title,
                        const char *via, const char *reason, int position, const char *words,
                        json_t *added, GError **err)
{
	gint64 is_new = 0;
	GError *e = NULL;

	if (!alert_exec(c, &is_new, err,
	                "INSERT INTO incident_recipient (incident_id, user_id, via, reason, "
	                "position, notified_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING "
	                "RETURNING 1",
	                "iissii", id, user, via, reason, (gint64)position, core_now()))
		return FALSE;
	if (!is_new)
		return TRUE;
	if (!work_step_grant(WORK_ERRORS, c, id, user, 0, "routed", err))
		return FALSE;
	if (!work_notify(c, user, id, "incident", words, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	json_array_append_new(added, json_pack("{s:I, s:s, s:s, s:s, s:s}", "user_id",
	                                       (json_int_t)user, "name", name ? name : "", "title",
	                                       title ? title : "", "via", via, "reason", reason));
	return TRUE;
}

gboolean alert_recipients_add(DbConn *c, gint64 id, json_t *added, GError **err)
{
	g_autoptr(json_t) r = alert_row(c, id, err);
	g_autoptr(json_t) route = NULL;
	g_autoptr(json_t) duty = NULL;
	g_autoptr(json_t) mine = json_array();
	g_autoptr(json_t) users = json_array();
	g_autofree char *day = NULL;
	g_autofree char *words = NULL;
	OrgRouteQuery q = {.work = "incident"};
	const char *field = NULL;
	json_t *v, *leader;
	GError *e = NULL;
	size_t i;
	int pos = 0;

	if (r == NULL)
		return FALSE;
	day = core_time_format(json_integer_value(json_object_get(r, "learned_at")), "%Y-%m-%d");
	q.domain = json_string_value(json_object_get(r, "domain_code"));
	q.on = day;
	q.severity = (int)json_integer_value(json_object_get(r, "level"));
	words = alert_words(r);
	if ((route = org_route(c, &q, CORE_LANG_ZH, &field, &e)) == NULL ||
	    (duty = duty_now(c, core_now(), &e)) == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	json_array_foreach (json_object_get(route, "leaders"), i, v) {
		gint64 uid = json_integer_value(json_object_get(v, "user_id"));
		if (uid &&
		    !add_one(
		        c, id, uid, json_string_value(json_object_get(v, "name")),
		        json_string_value(json_object_get(v, "title")),
		        g_strcmp0(json_string_value(json_object_get(v, "basis")), "rule") ? "route"
		                                                                          : "rule",
		        json_string_value(json_object_get(v, "reason")), pos++, words, mine, err))
			return FALSE;
	}
	leader = json_object_get(duty, "leader");
	if (json_integer_value(json_object_get(leader, "user_id")) &&
	    !add_one(c, id, json_integer_value(json_object_get(leader, "user_id")),
	             json_string_value(json_object_get(leader, "name")), "", "duty",
	             "今日值班带班领导", pos++, words, mine, err))
		return FALSE;
	if (json_array_size(mine) == 0)
		return TRUE;
	json_array_foreach (mine, i, v)
		json_array_append(users, json_object_get(v, "user_id"));
	if (added)
		json_array_extend(added, mine);
	return work_flow_todo_refresh(c, id, err) && alert_publish(c, id, "reported", users, err);
}

/* ---- escalation ------------------------------------------------------------------------------ */

/* The person escalation step TARGET names for incident R: the assisting 秘书长 of the first
 * leader routing names ("assistant"), the 书记 ("secretary"), the first 副书记 ("deputy") or the
 * leader on duty ("duty"). Sets *USER (0: nobody fills that place) and *NAME. */
static gboolean chain_target(DbConn *c, json_t *r, const char *target, gint64 *user, char **name,
                             GError **err)
{
	g_autofree char *day =
	    core_time_format(json_integer_value(json_object_get(r, "learned_at")), "%Y-%m-%d");
	g_autoptr(json_t) found = NULL;
	json_t *v, *who = NULL;
	GError *e = NULL;
	size_t i;

	*user = 0;
	*name = NULL;
	if (strcmp(target, "assistant") == 0) {
		OrgRouteQuery q = {.work = "incident",
		                   .domain = json_string_value(json_object_get(r, "domain_code")),
		                   .on = day};
		const char *field = NULL;
		found = org_route(c, &q, CORE_LANG_ZH, &field, &e);
		who = json_object_get(found, "assistant");
	} else if (strcmp(target, "duty") == 0) {
		found = duty_now(c, core_now(), &e);
		who = json_object_get(found, "leader");
	} else {
		found = org_leaders(c, day, FALSE, &e);
		json_array_foreach (found, i, v)
			if (who == NULL &&
			    g_strcmp0(json_string_value(json_object_get(v, "kind")), target) == 0)
				who = v;
	}
	if (found == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if (who) {
		*user = json_integer_value(json_object_get(who, "user_id"));
		*name = g_strdup(json_string_value(json_object_get(who, "name")));
	}
	return TRUE;
}

/* The words naming an escalation target in the reason kept (the office's language). */
static const char *target_title(const char *target)
{
	if (strcmp(target, "assistant") == 0)
		return "协助分管的秘书长";
	if (strcmp(target, "secretary") == 0)
		return "书记";
	if (strcmp(target, "deputy") == 0)
		return "副书记";
	return "带班领导";
}

gboolean alert_escalate_in(DbConn *c, gint64 id, int step, gboolean *done, GError **err)
{
	g_autoptr(json_t) r = alert_row(c, id, err);
	g_autoptr(json_t) limits = r ? alert_limits(c, err) : NULL;
	g_autoptr(json_t) waiting = NULL;
	g_autoptr(json_t) prev = NULL;
	g_autoptr(json_t) users = json_array();
	g_autoptr(json_t) added = json_array();
	g_autoptr(json_t) detail = NULL;
	g_autoptr(json_t) next = NULL;
	g_autofree char *name = NULL;
	g_autofree char *reason = NULL;
	g_autofree char *words = NULL;
	g_autofree char *base = NULL;
	GString *names;
	json_t *esc, *chain, *v;
	const char *target;
	gint64 user = 0, taken = 0, now = core_now();
	size_t i;

	*done = FALSE;
	if (limits == NULL)
		return FALSE;
	esc = json_object_get(limits, "escalation");
	chain = json_object_get(esc, "chain");
	if (step < 1 || (size_t)step > json_array_size(chain) ||
	    g_strcmp0(json_string_value(json_object_get(r, "status")), "open") != 0)
		return TRUE;
	/* who the alert first went to and has not acknowledged it */
	waiting = alert_rows(c, err,
	                     "SELECT u.display_name AS name FROM incident_recipient r JOIN "
	                     "user_account u ON u.id = r.user_id WHERE r.incident_id = ? AND r.via "
	                     "<> 'escalation' AND r.acked_at IS NULL ORDER BY r.position",
	                     "i", id);
	/* the one an earlier step reached acknowledged: the chain stops there */
	prev = waiting ? alert_rows(c, err,
	                            "SELECT 1 FROM incident_escalation e JOIN incident_recipient r "
	                            "ON r.incident_id = e.incident_id AND r.user_id = e.user_id "
	                            "WHERE e.incident_id = ? AND r.acked_at IS NOT NULL",
	                            "i", id)
	               : NULL;
	if (prev == NULL)
		return FALSE;
	if (json_array_size(waiting) == 0 || json_array_size(prev) > 0)
		return TRUE;
	target = json_string_value(json_array_get(chain, step - 1));
	if (!chain_target(c, r, target, &user, &name, err))
		return FALSE;
	names = g_string_new(NULL);
	json_array_foreach (waiting, i, v)
		g_string_append_printf(names, "%s%s", i ? "、" : "",
		                       json_string_value(json_object_get(v, "name")));
	/* kept in the office's language, as routing's reasons are */
	reason =
	    g_strdup_printf("%s超过%d分钟未签收，升级提醒%s", names->str,
	                    (int)json_integer_value(json_object_get(esc, "after_minutes")) * step,
	                    target_title(target));
	g_string_free(names, TRUE);
	/* once per incident and step, however many processes or jobs get here */
	if (!alert_exec(c, &taken, err,
	                "INSERT INTO incident_escalation (incident_id, step, target, user_id, "
	                "reason, at) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?) ON CONFLICT DO NOTHING "
	                "RETURNING 1",
	                "iisisi", id, (gint64)step, target, user, reason, now))
		return FALSE;
	if (!taken)
		return TRUE;
	*done = TRUE;
	base = alert_words(r);
	words = g_strdup_printf("%s（升级提醒）", base);
	if (user) {
		GError *e = NULL;
		if (!add_one(c, id, user, name, "", "escalation", reason, 100 + step, words, added,
		             err))
			return FALSE;
		/* already a recipient (书记 on a level II incident): reminded all the same */
		if (json_array_size(added) == 0 &&
		    !work_notify(c, user, id, "incident", words, &e)) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return FALSE;
		}
		json_array_append_new(users, json_integer(user));
	}
	detail = json_pack("{s:i, s:s, s:s?, s:s}", "step", step, "target", target, "name", name,
	                   "reason", reason);
	next = json_pack("{s:I, s:i}", "incident", (json_int_t)id, "step", step + 1);
	return work_step_event(WORK_ERRORS, c, id, NULL, "escalate", NULL, NULL, NULL, detail,
	                       err) &&
	       work_flow_todo_refresh(c, id, err) &&
	       alert_publish(c, id, "escalated", users, err) &&
	       ((size_t)step >= json_array_size(chain) ||
	        work_job_enqueue(c, "alert.escalate", next,
	                         now +
	                             json_integer_value(json_object_get(esc, "after_minutes")) * 60,
	                         NULL, err));
}

gboolean alert_escalate(Db *db, gint64 id, int step, gboolean *done, GError **err)
{
	DbConn *c = db_conn(db, err);

	if (c == NULL || !db_begin(c, TRUE, err))
		return FALSE;
	if (!alert_escalate_in(c, id, step, done, err)) {
		db_rollback(c);
		return FALSE;
	}
	return db_commit(c, err);
}

/* ---- reports overdue --------------------------------------------------------------------------
 */

gboolean alert_overdue(Db *db, gint64 id, gint64 at, gboolean *told, GError **err)
{
	g_autoptr(json_t) r = NULL;
	g_autoptr(json_t) duty = NULL;
	g_autoptr(json_t) users = json_array();
	g_autofree char *when = NULL;
	g_autofree char *text = NULL;
	GError *e = NULL;
	DbConn *c = db_conn(db, err);
	gint64 mark = 0, leader;
	json_t *v;
	size_t i;

	*told = FALSE;
	if (c == NULL || !db_begin(c, TRUE, err))
		return FALSE;
	/* once per due time: a report made meanwhile moved next_due_at, and nothing is late */
	if (!alert_exec(
	        c, &mark, err,
	        "UPDATE incident SET overdue_told = ? WHERE item_id = ? AND next_due_at = ? "
	        "AND next_due_at <= ? AND (overdue_told IS NULL OR overdue_told <> ?) "
	        "RETURNING 1",
	        "iiiii", at, id, at, core_now(), at))
		goto fail;
	if (mark) {
		if ((r = work_row(WORK_ERRORS, c, err, N_("There is no such incident."),
		                  "SELECT i.title, i.created_by FROM item i WHERE i.id = ?", "i",
		                  id)) == NULL)
			goto fail;
		if ((duty = duty_now(c, core_now(), &e)) == NULL) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			goto fail;
		}
		json_array_append(users, json_object_get(r, "created_by"));
		leader =
		    json_integer_value(json_object_get(json_object_get(duty, "leader"), "user_id"));
		if (leader && leader != json_integer_value(json_object_get(r, "created_by")))
			json_array_append_new(users, json_integer(leader));
		when = core_time_format(at, "%H:%M");
		text = g_strdup_printf("报送超时：“%s”应于%s前报告，尚未报送",
		                       json_string_value(json_object_get(r, "title")), when);
		json_array_foreach (users, i, v)
			if (!work_notify(c, json_integer_value(v), id, "incident.overdue", text,
			                 &e)) {
				work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
				goto fail;
			}
		if (!alert_publish(c, id, "overdue", users, err))
			goto fail;
		*told = TRUE;
	}
	return db_commit(c, err);
fail:
	db_rollback(c);
	return FALSE;
}
