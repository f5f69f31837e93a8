/*
 * alert_read.c — incidents as the office and the leaders read them: one incident with its
 * recipients, reports, escalations, the clock of the next report and one timeline of every
 * report, alert, acknowledgement and step in order; the list with the overdue flagged red.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_internal.h"
#include "core/core.h"

#include <string.h>

/* The words of the codes an incident carries (English msgids, shown translated). */
static const char *const code_words[][2] = {
    {"incident", N_("Emergency incident")},
    {"warning", N_("Early warning")},
    {"opinion", N_("Public opinion")},
    {"natural", N_("Natural disaster")},
    {"accident", N_("Accident or disaster")},
    {"health", N_("Public health")},
    {"social", N_("Social security")},
    {"first", N_("First report")},
    {"follow_up", N_("Follow-up report")},
    {"daily", N_("Daily report")},
    {"final", N_("Final report")},
    {"phone", N_("Phone report")},
};
static const char *const level_words[] = {N_("Unrated"), N_("Level I (extraordinary)"),
                                          N_("Level II (major)"), N_("Level III (large)"),
                                          N_("Level IV (ordinary)")};

/* CODE's words in the current language; CODE itself when unknown. */
static const char *code_title(const char *code)
{
	for (gsize i = 0; code && i < G_N_ELEMENTS(code_words); i++)
		if (strcmp(code, code_words[i][0]) == 0)
			return core_tr_now(code_words[i][1]);
	return code ? code : "";
}

/* Sets KEY_title beside each of KEYS of R, and "level_title". */
static void titles(json_t *r, const char *const *keys)
{
	json_int_t level = json_integer_value(json_object_get(r, "level"));

	for (; *keys; keys++) {
		g_autofree char *k = g_strdup_printf("%s_title", *keys);
		json_object_set_new(
		    r, k, json_string(code_title(json_string_value(json_object_get(r, *keys)))));
	}
	json_object_set_new(
	    r, "level_title",
	    json_string(core_tr_now(level_words[level >= 1 && level <= 4 ? level : 0])));
}

/* "YYYY-MM-DD HH:MM" of the integer R[KEY] in R[KEY_text] (nothing when absent). */
static void time_text(json_t *r, const char *key)
{
	gint64 at = json_integer_value(json_object_get(r, key));
	g_autofree char *k = g_strdup_printf("%s_text", key);

	if (at) {
		g_autofree char *text = core_time_format(at, "%Y-%m-%d %H:%M");
		json_object_set_new(r, k, json_string(text));
	}
}

/* "续报二" for SEQ 2 of a follow-up; the kind's words otherwise. */
static char *report_label(const char *kind, json_int_t seq)
{
	static const char *const digits[] = {"〇", "一", "二", "三", "四", "五",
	                                     "六", "七", "八", "九", "十"};

	if (strcmp(kind, "follow_up") == 0 && seq >= 1 && seq <= 10 &&
	    strcmp(core_lang_current(), "en") != 0)
		return g_strdup_printf("续报%s", digits[seq]);
	if (strcmp(kind, "follow_up") == 0)
		return g_strdup_printf("%s %" JSON_INTEGER_FORMAT, code_title(kind), seq);
	return g_strdup(code_title(kind));
}

/* A timeline entry. */
static void entry(json_t *tl, gint64 at, const char *kind, const char *label, const char *who,
                  const char *text, gint64 late)
{
	json_t *e;

	if (at == 0)
		return;
	e = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "at", (json_int_t)at, "kind", kind, "label",
	              label, "who", who ? who : "", "text", text ? text : "", "late",
	              (json_int_t)late);
	time_text(e, "at");
	if (late > 0) {
		g_autofree char *words =
		    g_strdup_printf(core_tr_now(N_("%d min late")), (int)((late + 59) / 60));
		json_object_set_new(e, "late_text", json_string(words));
	}
	json_array_append_new(tl, e);
}

static int by_time(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "at"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "at"));

	return x < y ? -1 : x > y;
}

/* The timeline of incident R from its parts: when it happened and was learned, each report,
 * the phone report, each alert and acknowledgement, each escalation, the other steps. */
static json_t *timeline(json_t *r, json_t *history)
{
	json_t *tl = json_array(), *v;
	g_autoptr(GPtrArray) all = g_ptr_array_new();
	json_t *out = json_array();
	size_t i;

	entry(tl, json_integer_value(json_object_get(r, "occurred_at")), "occurred",
	      core_tr_now(N_("Happened")), NULL, json_string_value(json_object_get(r, "place")), 0);
	entry(tl, json_integer_value(json_object_get(r, "learned_at")), "learned",
	      core_tr_now(N_("The office learned of it")), NULL,
	      json_string_value(json_object_get(r, "source")), 0);
	json_array_foreach (json_object_get(r, "reports"), i, v)
		entry(tl, json_integer_value(json_object_get(v, "reported_at")), "report",
		      json_string_value(json_object_get(v, "label")),
		      json_string_value(json_object_get(v, "reported_by")),
		      json_string_value(json_object_get(v, "text")),
		      json_integer_value(json_object_get(v, "late")));
	entry(tl, json_integer_value(json_object_get(r, "phone_reported_at")), "phone",
	      code_title("phone"), NULL, json_string_value(json_object_get(r, "organ")),
	      json_integer_value(json_object_get(r, "phone_late")));
	json_array_foreach (json_object_get(r, "recipients"), i, v) {
		entry(tl, json_integer_value(json_object_get(v, "notified_at")), "alerted",
		      core_tr_now(N_("Alerted")), json_string_value(json_object_get(v, "name")),
		      json_string_value(json_object_get(v, "reason")), 0);
		entry(tl, json_integer_value(json_object_get(v, "acked_at")), "acknowledged",
		      core_tr_now(N_("Signed for")), json_string_value(json_object_get(v, "name")),
		      NULL, 0);
	}
	json_array_foreach (json_object_get(r, "escalations"), i, v)
		entry(tl, json_integer_value(json_object_get(v, "at")), "escalated",
		      core_tr_now(N_("Escalated")), json_string_value(json_object_get(v, "name")),
		      json_string_value(json_object_get(v, "reason")), 0);
	/* the steps not told above: switching to daily reports, cancelling */
	json_array_foreach (history, i, v) {
		const char *action = json_string_value(json_object_get(v, "action"));
		if (g_strcmp0(action, "daily") && g_strcmp0(action, "cancel"))
			continue;
		entry(tl, json_integer_value(json_object_get(v, "when")), action,
		      strcmp(action, "daily") == 0 ? core_tr_now(N_("Switched to daily reports"))
		                                   : core_tr_now(N_("Cancelled as a false report")),
		      json_string_value(json_object_get(v, "who")),
		      json_string_value(json_object_get(v, "opinion")), 0);
	}
	json_array_foreach (tl, i, v)
		g_ptr_array_add(all, v);
	/* stable: entries at the same second keep the order they were told in */
	g_ptr_array_sort(all, by_time);
	for (i = 0; i < all->len; i++)
		json_array_append(out, all->pdata[i]);
	json_decref(tl);
	return out;
}

/* The next report due of R as it is shown: {kind, label, at, at_text, seconds, overdue}. */
static json_t *due_shown(json_t *limits, json_t *r)
{
	json_t *d = alert_due_of(limits, r);
	gint64 at;

	if (d == NULL)
		return json_null();
	at = json_integer_value(json_object_get(d, "at"));
	json_object_set_new(d, "label",
	                    json_string(code_title(json_string_value(json_object_get(d, "kind")))));
	json_object_set_new(d, "seconds", json_integer(at - core_now()));
	json_object_set_new(d, "overdue", json_boolean(at < core_now()));
	json_object_del(d, "written_at");
	time_text(d, "at");
	return d;
}

json_t *alert_incident_get(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	static const char *const keys[] = {"kind", "category", NULL};
	g_autoptr(json_t) r = work_row(
	    WORK_ERRORS, c, err, N_("There is no such incident."),
	    "SELECT i.id, i.title, i.status, i.created_at, cu.display_name AS author, n.kind, "
	    "n.category, n.level, n.place, n.occurred_at, n.learned_at, n.source, n.reporter, "
	    "n.organ, n.casualties, n.deaths, n.injured, n.missing, n.losses, n.measures, "
	    "n.leaders_on_site, n.trend, n.phone_reported_at, n.phone_late, n.daily, n.closed_at, "
	    "d.code AS domain_code, d.name AS domain_name, (SELECT max(reported_at) FROM "
	    "incident_report x WHERE x.incident_id = n.item_id) AS last_report_at FROM incident n "
	    "JOIN item i ON i.id = n.item_id LEFT JOIN domain d ON d.id = n.domain_id LEFT JOIN "
	    "user_account cu ON cu.id = i.created_by WHERE n.item_id = ?",
	    "i", id);
	g_autoptr(json_t) limits = NULL;
	json_t *rows, *v;
	size_t i;

	if (r == NULL || (limits = alert_limits(c, err)) == NULL)
		return NULL;
	titles(r, keys);
	for (const char *const *k = (const char *const[]){"occurred_at", "learned_at",
	                                                  "phone_reported_at", "closed_at", NULL};
	     *k; k++)
		time_text(r, *k);
	json_object_set_new(r, "domain",
	                    json_is_string(json_object_get(r, "domain_code"))
	                        ? json_pack("{s:O, s:O}", "code", json_object_get(r, "domain_code"),
	                                    "name", json_object_get(r, "domain_name"))
	                        : json_null());
	json_object_set_new(r, "status_label",
	                    json_string(work_item_status_label(
	                        c, "incident", json_string_value(json_object_get(r, "status")),
	                        core_lang_current())));
	json_object_set_new(r, "next_report_due", due_shown(limits, r));
	if ((rows =
	         alert_rows(c, err,
	                    "SELECT r.user_id, u.username, u.display_name AS name, r.via, "
	                    "r.reason, r.notified_at, r.acked_at FROM incident_recipient r JOIN "
	                    "user_account u ON u.id = r.user_id WHERE r.incident_id = ? ORDER BY "
	                    "r.position, r.notified_at",
	                    "i", id)) == NULL)
		return NULL;
	json_array_foreach (rows, i, v) {
		time_text(v, "notified_at");
		time_text(v, "acked_at");
		json_object_set_new(
		    v, "acknowledged",
		    json_boolean(json_integer_value(json_object_get(v, "acked_at"))));
	}
	json_object_set_new(r, "recipients", rows);
	if ((rows = alert_rows(c, err,
	                       "SELECT r.id, r.kind, r.seq, r.text, r.changes, r.due_at, "
	                       "r.reported_at, r.late, u.display_name AS reported_by FROM "
	                       "incident_report r LEFT JOIN user_account u ON u.id = r.reported_by "
	                       "WHERE r.incident_id = ? ORDER BY r.seq",
	                       "i", id)) == NULL)
		return NULL;
	json_array_foreach (rows, i, v) {
		g_autofree char *label =
		    report_label(json_string_value(json_object_get(v, "kind")),
		                 json_integer_value(json_object_get(v, "seq")));
		json_t *ch = json_loads(json_string_value(json_object_get(v, "changes")), 0, NULL);
		json_object_set_new(v, "label", json_string(label));
		json_object_set_new(v, "changes", ch ? ch : json_object());
		time_text(v, "reported_at");
		time_text(v, "due_at");
	}
	json_object_set_new(r, "reports", rows);
	if ((rows = alert_rows(c, err,
	                       "SELECT e.step, e.target, e.user_id, u.display_name AS name, "
	                       "e.reason, e.at FROM incident_escalation e LEFT JOIN user_account u "
	                       "ON u.id = e.user_id WHERE e.incident_id = ? ORDER BY e.step",
	                       "i", id)) == NULL)
		return NULL;
	json_array_foreach (rows, i, v)
		time_text(v, "at");
	json_object_set_new(r, "escalations", rows);
	json_object_del(r, "domain_code");
	json_object_del(r, "domain_name");
	if (!work_flow_describe(c, u, id, r, err))
		return NULL;
	json_object_set_new(r, "timeline", timeline(r, json_object_get(r, "history")));
	return g_steal_pointer(&r);
}

json_t *alert_incident_list(DbConn *c, const AuthUser *u, const AlertFilter *f, GError **err)
{
	static const char *const keys[] = {"kind", "category", NULL};
	g_autoptr(DbQuery) q = db_query_new(
	    "SELECT i.id, i.title, i.status, n.kind, n.category, n.level, n.place, n.learned_at, "
	    "n.next_due_at, (SELECT count(*) FROM incident_recipient r WHERE r.incident_id = i.id "
	    "AND r.acked_at IS NULL) AS unacked FROM item i JOIN incident n ON n.item_id = i.id");
	gint64 now = core_now();
	json_t *rows, *r;
	size_t i;

	auth_item_filter(q, u);
	if (f->status)
		db_query_where(q, "i.status = ?", "s", f->status);
	if (f->overdue)
		db_query_where(q, "n.next_due_at < ?", "i", now);
	if (f->before > 0)
		db_query_where(q, "i.id < ?", "i", f->before);
	db_query_add(q, " ORDER BY i.id DESC", NULL);
	db_query_limit(q, f->limit > 0 ? f->limit : 50);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	json_array_foreach (rows, i, r) {
		gint64 due = json_integer_value(json_object_get(r, "next_due_at"));
		titles(r, keys);
		time_text(r, "learned_at");
		time_text(r, "next_due_at");
		json_object_set_new(r, "overdue", json_boolean(due && due < now));
		json_object_set_new(
		    r, "status_label",
		    json_string(work_item_status_label(
		        c, "incident", json_string_value(json_object_get(r, "status")),
		        core_lang_current())));
	}
	return rows;
}
