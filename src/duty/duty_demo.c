/*
 * duty_demo.c — the demo city's duty roster around today: the office's staff take the shifts in
 * turn (the 值班室's two on every day shift), the three 副秘书长 and the office director lead
 * them a day each, two people are away on leave, and the last handovers carry open items
 * forward, the latest not yet acknowledged by its incoming officer.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/core.h"

#include <string.h>

/* 带班领导 in turn, a day each. */
static const char *const leaders[] = {"fumishuzhang1", "fumishuzhang2", "fumishuzhang3", "bgszr"};
/* 值班员 besides the 值班室, in turn. */
static const char *const officers[] = {"mishuke", "mishuke2",  "zongheke",   "zongheke2",
                                       "xinxike", "xinxike2",  "duchashi2",  "jiyaoke2",
                                       "huiwuke", "xinfangke", "diaoyanshi2"};
/* The handovers of the last shifts, oldest first: new open items, and those closed (by their
 * number among all the items opened so far, from 1). */
static const struct {
	const char *notes;
	const char *items[2];
	int close;
} handovers[] = {
    {"本班接报3起，均已按程序处置。市应急管理局报告江北区化工园区群众反映异味，已转市生态环境局核查"
     "。",
     {"江北区化工园区异味投诉：待市生态环境局书面核查结果后续报",
      "省委办公厅明传电报1份待秘书长阅示"},
     0},
    {"本班平稳。明传电报已呈秘书长阅示，批示转市发展改革委办理。",
     {"青山县防汛物资调拨情况：待县委办下午报送统计表", NULL},
     2},
    {"本班接报1起：临江区一在建工地塔吊故障，无人员伤亡，区委办已续报。",
     {"临江区塔吊故障：待区应急管理局终报", NULL},
     0},
};

/* The id of USERNAME, 0 when there is none. */
static gint64 user_id(DbConn *c, const char *username, GError **err)
{
	g_autoptr(json_t) r =
	    duty_rows(c, err, "SELECT id FROM user_account WHERE username = ?", "s", username);

	return r && json_array_size(r)
	           ? json_integer_value(json_object_get(json_array_get(r, 0), "id"))
	           : 0;
}

/* TRUE when SLOT clashes with one of TAKEN (the roster so far) or falls in USER's LEAVE days
 * (DAY). */
static gboolean busy(GArray *taken, const DutySlot *slot, json_t *leave, const char *username,
                     const char *day)
{
	json_t *l;
	size_t i;

	for (guint k = 0; k < taken->len; k++)
		if (duty_slot_clash(slot, &g_array_index(taken, DutySlot, k)) != DUTY_CLASH_NONE)
			return TRUE;
	json_array_foreach (leave, i, l)
		if (strcmp(json_string_value(json_object_get(l, "user")), username) == 0 &&
		    duty_day_within(day, json_string_value(json_object_get(l, "from")),
		                    json_string_value(json_object_get(l, "to"))))
			return TRUE;
	return FALSE;
}

/* The roster's entries from FIRST for DAYS days: leaders and officers in turn, nobody on leave
 * or on two shifts without rest. New reference. */
static json_t *plan(DbConn *c, json_t *shifts, json_t *leave, const GDate *first, int days,
                    GError **err)
{
	g_autoptr(GArray) taken = g_array_new(FALSE, TRUE, sizeof(DutySlot));
	json_t *entries = json_array(), *s;
	guint next = 0;

	for (int d = 0; d < days; d++) {
		GDate day = *first;
		g_autofree char *date = NULL;
		size_t i;

		g_date_add_days(&day, (guint)d);
		date = core_date_format(&day);
		json_array_foreach (shifts, i, s) {
			DutySlot slot = {0};
			int want = i == 0 ? 1 : 2; /* the day shift has the 值班室 besides */

			duty_shift_span(s, date, &slot.start, &slot.end);
			json_array_append_new(
			    entries, json_pack("{s:s, s:O, s:s, s:s}", "date", date, "shift",
			                       json_object_get(s, "code"), "role", "leader", "user",
			                       leaders[d % G_N_ELEMENTS(leaders)]));
			if (i == 0)
				json_array_append_new(
				    entries,
				    json_pack("{s:s, s:O, s:s, s:s}", "date", date, "shift",
				              json_object_get(s, "code"), "role", "officer", "user",
				              d % 2 ? "zhiban2" : "zhiban"));
			for (guint tries = 0; want > 0 && tries < G_N_ELEMENTS(officers); tries++) {
				const char *who = officers[next++ % G_N_ELEMENTS(officers)];
				if ((slot.user = user_id(c, who, err)) == 0 && err && *err)
					return json_decref(entries), NULL;
				if (slot.user == 0 || busy(taken, &slot, leave, who, date))
					continue;
				g_array_append_val(taken, slot);
				json_array_append_new(
				    entries, json_pack("{s:s, s:O, s:s, s:s}", "date", date,
				                       "shift", json_object_get(s, "code"), "role",
				                       "officer", "user", who));
				want--;
			}
		}
	}
	return entries;
}

/* Records the leave of the demo around TODAY: 韩冬 on annual leave now, 曾晓红 away on a trip
 * next week. */
static gboolean demo_leave(DbConn *c, const AuthUser *u, const GDate *today, GError **err)
{
	static const struct {
		const char *user, *reason;
		int from, len;
	} leave[] = {{"xinxike2", "年休假", -2, 5},
	             {"huiwuke", "出差（省委办公厅会务培训）", 5, 3}};
	const char *field = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(leave); i++) {
		GDate a = *today, b;
		g_autofree char *from = NULL, *to = NULL;
		g_autoptr(json_t) obj = NULL;
		gint64 id;

		if (leave[i].from < 0)
			g_date_subtract_days(&a, (guint)-leave[i].from);
		else
			g_date_add_days(&a, (guint)leave[i].from);
		b = a;
		g_date_add_days(&b, (guint)leave[i].len - 1);
		from = core_date_format(&a);
		to = core_date_format(&b);
		obj = json_pack("{s:s, s:s, s:s, s:s}", "user", leave[i].user, "from", from, "to",
		                to, "reason", leave[i].reason);
		if (!duty_leave_add(c, u, obj, &id, &field, err))
			return FALSE;
	}
	return TRUE;
}

/* The handovers of the last shifts before NOW, each written ten minutes before its shift
 * ended (the clock set there), every one but the last acknowledged. */
static gboolean demo_handovers(DbConn *c, json_t *shifts, gint64 now, GError **err)
{
	g_autoptr(GArray) ends = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autofree char *today = core_time_format(now, "%Y-%m-%d");
	gint64 opened = 0, first_item = 0;
	GDate d;

	/* the ends of the shifts of the last three days that ended before now, in order */
	core_date_parse(today, &d);
	g_date_subtract_days(&d, 3);
	for (int k = 0; k < 4; k++, g_date_add_days(&d, 1)) {
		g_autofree char *day = core_date_format(&d);
		json_t *s;
		size_t i;
		json_array_foreach (shifts, i, s) {
			gint64 a, b;
			if (duty_shift_span(s, day, &a, &b) && b <= now)
				g_array_append_val(ends, b);
		}
	}
	for (gsize h = 0; h < G_N_ELEMENTS(handovers) && ends->len >= G_N_ELEMENTS(handovers);
	     h++) {
		gint64 end = g_array_index(ends, gint64, ends->len - G_N_ELEMENTS(handovers) + h);
		g_autoptr(json_t) during = NULL, after = NULL, obj = NULL, items = json_array();
		const char *field = NULL;
		json_t *from, *to;
		AuthUser u = {0}, in = {0};
		gint64 id;

		core_clock_set(end - 600);
		if ((during = duty_now(c, end - 600, err)) == NULL ||
		    (after = duty_now(c, end + 600, err)) == NULL)
			return FALSE;
		from = json_array_get(json_object_get(during, "officers"), 0);
		to = json_array_get(json_object_get(after, "officers"), 0);
		if (from == NULL || to == NULL)
			continue;
		for (int k = 0; k < 2; k++)
			if (handovers[h].items[k])
				json_array_append_new(items, json_string(handovers[h].items[k]));
		obj = json_pack("{s:O, s:s, s:O}", "to", json_object_get(to, "user_id"), "notes",
		                handovers[h].notes, "items", items);
		if (handovers[h].close)
			json_object_set_new(
			    obj, "close",
			    json_pack("[{s:I, s:s}]", "id",
			              (json_int_t)(first_item + handovers[h].close - 1), "note",
			              "已呈阅，批示已转办"));
		u.id = json_integer_value(json_object_get(from, "user_id"));
		if (!duty_handover_add(c, &u, obj, &id, &field, err))
			return FALSE;
		if (first_item == 0) {
			g_autoptr(json_t) f = duty_rows(
			    c, err,
			    "SELECT min(id) AS id FROM duty_handover_item WHERE opened_in = ?", "i",
			    id);
			if (f == NULL)
				return FALSE;
			first_item =
			    json_integer_value(json_object_get(json_array_get(f, 0), "id"));
		}
		opened++;
		/* the incoming officer acknowledged it on taking over, but for the last one */
		if (h + 1 < G_N_ELEMENTS(handovers)) {
			in.id = json_integer_value(json_object_get(to, "user_id"));
			core_clock_set(end + 300);
			if (!duty_handover_ack(c, &in, id, err))
				return FALSE;
		}
	}
	core_clock_set(0);
	return TRUE;
}

gboolean duty_demo_load(Db *db, GError **err)
{
	g_autoptr(json_t) shifts = NULL, exists = NULL, entries = NULL, leave = NULL,
	                  problems = NULL;
	g_autofree char *today = NULL, *month = NULL, *from = NULL;
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	const char *field = NULL;
	gint64 now = core_now(), id;
	AuthUser u = {0};
	DutyChange ch = {0};
	GDate first, last, day;

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if ((exists = duty_rows(c, err, "SELECT id FROM duty_entry LIMIT 1", NULL)) == NULL)
		goto fail;
	if (json_array_size(exists) > 0) {
		db_rollback(c);
		return TRUE;
	}
	if ((u.id = user_id(c, "zhiban", err)) == 0 || (shifts = duty_shifts(c, err)) == NULL)
		goto fail;
	/* the month around today: from the first of this month (a week earlier near its start)
	 * to a week into the next */
	today = core_time_format(now, "%Y-%m-%d");
	month = g_strndup(today, 7);
	from = g_strdup_printf("%s-01", month);
	core_date_parse(from, &first);
	last = first;
	g_date_add_months(&last, 1);
	g_date_add_days(&last, 6);
	g_date_subtract_days(&first, 7);
	core_date_parse(today, &day);
	if (!demo_leave(c, &u, &day, err) ||
	    (leave = duty_leave_list(c, NULL, NULL, err)) == NULL ||
	    (entries = plan(c, shifts, leave, &first, g_date_days_between(&first, &last) + 1,
	                    err)) == NULL)
		goto fail;
	ch.entries = entries;
	ch.revision = -1;
	if (!duty_roster_change(c, &u, &ch, &id, &problems, &field, err) ||
	    !demo_handovers(c, shifts, now, err))
		goto fail;
	core_clock_set(0);
	if (!db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	return TRUE;
fail:
	core_clock_set(0);
	db_rollback(c);
	return FALSE;
}
