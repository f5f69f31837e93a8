/*
 * info_score.c — the scoring of reports (采用计分) per source unit: points for each report
 * submitted, for its uses (adopted in one of our issues, taken up by 市委办, 省委办公厅 or 中办, a
 * leader's 批示 on it) and a penalty when the office found it untrue (失实). The points are data:
 * the defaults in data/info/score_rules.json, the office's changes in the setting
 * 'info.score_rules'.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/core.h"
#include "core/xlsx.h"

#include <string.h>

#define SETTING    "info.score_rules"
#define POINTS_MAX 1000
#define NOTE_MAX   200

/* The points of a rule, in the order the rules are shown; "inaccurate" is a penalty. */
static const char *const point_keys[] = {"submitted", "adopted",     "city",      "province",
                                         "central",   "instruction", "inaccurate"};
/* The uses of a report, of which "max" keeps the highest. */
static const char *const use_keys[] = {"adopted", "city", "province", "central", "instruction"};

#define DEFAULTS "/mishu/data/info/score_rules.json"

json_t *info_score_rules(DbConn *c, GError **err)
{
	return work_setting_json(WORK_ERRORS, c, SETTING, DEFAULTS, err);
}

gboolean info_score_rules_save(DbConn *c, json_t *obj, const char **field, GError **err)
{
	g_autoptr(json_t) rules = info_score_rules(c, err);
	const char *key;
	json_t *v;

	if (rules == NULL)
		return FALSE;
	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	/* the fields given change, the others stay */
	json_object_foreach (obj, key, v) {
		const char *rule = NULL;
		for (gsize k = 0; k < G_N_ELEMENTS(point_keys); k++)
			if (strcmp(key, point_keys[k]) == 0)
				rule = point_keys[k];
		if (rule) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			    json_integer_value(v) > POINTS_MAX)
				return info_fail(err, field, WORK_ERROR_INVALID, rule,
				                 N_("Points are a whole number from 0 to 1000."));
		} else if (strcmp(key, "combine") == 0) {
			if (!json_is_string(v) || (strcmp(json_string_value(v), "sum") &&
			                           strcmp(json_string_value(v), "max")))
				return info_fail(
				    err, field, WORK_ERROR_INVALID, "combine",
				    N_("Several uses of a report either add up (sum) or "
				       "only the highest counts (max)."));
		} else {
			return info_fail(err, field, WORK_ERROR_INVALID, "rules",
			                 N_("There is no such rule."));
		}
		json_object_set(rules, key, v);
	}
	return work_setting_json_save(WORK_ERRORS, c, SETTING, rules, err);
}

/* Report ID, which the office scores: FALSE (WORK_ERROR_NOT_FOUND) when there is none, and
 * WORK_ERROR_STATE unless it was submitted and stands (not withdrawn, rejected or merged). */
static gboolean scored_report(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) r =
	    work_row(WORK_ERRORS, c, err, N_("There is no such report."),
	             "SELECT status FROM item WHERE id = ? AND kind = 'report'", "i", id);
	const char *status;

	if (r == NULL)
		return FALSE;
	status = json_string_value(json_object_get(r, "status"));
	if (strcmp(status, "submitted") && strcmp(status, "adopted") &&
	    strcmp(status, "published")) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("Only a submitted, adopted or published report is scored."));
		return FALSE;
	}
	return TRUE;
}

gboolean info_report_use_add(DbConn *c, const AuthUser *u, gint64 id, json_t *obj,
                             const char **field, GError **err)
{
	const char *level = json_string_value(json_object_get(obj, "level"));
	json_t *on = json_object_get(obj, "date"), *note = json_object_get(obj, "note");
	g_autofree char *today = core_today();
	const char *date = today;
	g_autoptr(json_t) dup = NULL, detail = NULL;

	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (level == NULL ||
	    (strcmp(level, "city") && strcmp(level, "province") && strcmp(level, "central")))
		return info_fail(err, field, WORK_ERROR_INVALID, "level",
		                 N_("The level is city (市委办), province (省委办公厅) or central "
		                    "(中办)."));
	if (on && !json_is_null(on)) {
		if (!core_date_valid(json_string_value(on)))
			return info_fail(err, field, WORK_ERROR_INVALID, "date",
			                 N_("Give the date as YYYY-MM-DD."));
		date = json_string_value(on);
	}
	if (note && !json_is_null(note) && !json_is_string(note))
		return info_fail(err, field, WORK_ERROR_INVALID, "note", N_("Give a text."));
	if (json_is_string(note) && g_utf8_strlen(json_string_value(note), -1) > NOTE_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "note",
		                          NOTE_MAX);
	if (!scored_report(c, id, err))
		return FALSE;
	dup = info_rows(c, err, "SELECT level FROM report_use WHERE report_id = ? AND level = ?",
	                "is", id, level);
	if (dup == NULL)
		return FALSE;
	if (json_array_size(dup) > 0)
		return info_fail(err, field, WORK_ERROR_CONFLICT, "level",
		                 N_("This use of the report is recorded already."));
	return info_exec(c, NULL, err,
	                 "INSERT INTO report_use (report_id, level, used_on, note, created_by, "
	                 "created_at) VALUES (?, ?, ?, ?, ?, ?)",
	                 "isssii", id, level, date,
	                 json_is_string(note) ? json_string_value(note) : "", u->id, core_now()) &&
	       (detail = json_pack("{s:s, s:s}", "level", level, "date", date)) != NULL &&
	       work_step_event(WORK_ERRORS, c, id, u, "used", NULL, NULL, NULL, detail, err);
}

gboolean info_report_accuracy(DbConn *c, const AuthUser *u, gint64 id, json_t *obj,
                              const char **field, GError **err)
{
	json_t *flag = json_object_get(obj, "inaccurate"), *note = json_object_get(obj, "note");
	const char *text = json_is_string(note) ? json_string_value(note) : NULL;

	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (!json_is_boolean(flag))
		return info_fail(err, field, WORK_ERROR_INVALID, "inaccurate",
		                 N_("Inaccurate is true or false."));
	if (note && !json_is_null(note) && !json_is_string(note))
		return info_fail(err, field, WORK_ERROR_INVALID, "note", N_("Give a text."));
	if (text && g_utf8_strlen(text, -1) > NOTE_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "note",
		                          NOTE_MAX);
	if (json_is_true(flag) && (text == NULL || core_text_blank(text)))
		return info_fail(err, field, WORK_ERROR_INVALID, "note",
		                 N_("Say what was found untrue."));
	if (!scored_report(c, id, err))
		return FALSE;
	return info_exec(
	           c, NULL, err,
	           "UPDATE report SET inaccurate_at = NULLIF(?, 0), inaccurate_note = ? WHERE "
	           "item_id = ?",
	           "isi", json_is_true(flag) ? core_now() : (gint64)0,
	           json_is_true(flag) ? text : NULL, id) &&
	       work_step_event(WORK_ERRORS, c, id, u,
	                       json_is_true(flag) ? "inaccurate" : "accurate", NULL, NULL, text,
	                       NULL, err);
}

json_t *info_report_uses(DbConn *c, gint64 id, GError **err)
{
	return info_rows(c, err,
	                 "SELECT level, used_on, note FROM report_use WHERE report_id = ? ORDER BY "
	                 "CASE level WHEN 'city' THEN 0 WHEN 'province' THEN 1 ELSE 2 END",
	                 "i", id);
}

/* ---- the scores --------------------------------------------------------------------------- */

/* The points of RULES KEY. */
static json_int_t points(json_t *rules, const char *key)
{
	return json_integer_value(json_object_get(rules, key));
}

/* Adds N to the integer KEY of OBJ. */
static void add(json_t *obj, const char *key, json_int_t n)
{
	json_object_set_new(obj, key,
	                    json_integer(json_integer_value(json_object_get(obj, key)) + n));
}

/* Sorts by points, then reports, then the unit's code. */
static int by_points(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t d = json_integer_value(json_object_get(y, "points")) -
	               json_integer_value(json_object_get(x, "points"));

	if (d == 0)
		d = json_integer_value(json_object_get(y, "reports")) -
		    json_integer_value(json_object_get(x, "reports"));
	if (d)
		return d > 0 ? 1 : -1;
	return g_strcmp0(json_string_value(json_object_get(x, "unit")),
	                 json_string_value(json_object_get(y, "unit")));
}

json_t *info_scores(DbConn *c, int year, int month, GError **err)
{
	g_autoptr(json_t) rules = info_score_rules(c, err);
	g_autoptr(json_t) rows = NULL, uses = NULL, units = NULL;
	GDate first, next;
	gboolean max;
	json_t *r, *u, *items;
	GPtrArray *sorted;
	size_t i;

	if (rules == NULL)
		return NULL;
	max = g_strcmp0(json_string_value(json_object_get(rules, "combine")), "max") == 0;
	g_date_clear(&first, 1);
	g_date_set_dmy(&first, 1, month ? (GDateMonth)month : G_DATE_JANUARY, (GDateYear)year);
	next = first;
	if (month)
		g_date_add_months(&next, 1);
	else
		g_date_add_years(&next, 1);
	/* a report scores in the month it was submitted; drafts and withdrawn ones never */
	rows = info_rows(
	    c, err,
	    "SELECT i.id, i.status, n.code, n.name, n.position, r.inaccurate_at, (SELECT count(*) "
	    "FROM instruction s WHERE s.item_id = i.id) AS instructions FROM item i JOIN report "
	    "r ON r.item_id = i.id JOIN unit n ON n.id = i.unit_id WHERE r.submitted_at >= ? AND "
	    "r.submitted_at < ? AND i.status NOT IN ('draft', 'withdrawn')",
	    "ii", core_date_unix(&first), core_date_unix(&next));
	uses = info_rows(c, err,
	                 "SELECT u.report_id, u.level FROM report_use u JOIN report r ON "
	                 "r.item_id = u.report_id WHERE r.submitted_at >= ? AND r.submitted_at < ?",
	                 "ii", core_date_unix(&first), core_date_unix(&next));
	if (rows == NULL || uses == NULL)
		return NULL;
	units = json_object();
	json_array_foreach (rows, i, r) {
		const char *code = json_string_value(json_object_get(r, "code"));
		json_int_t id = json_integer_value(json_object_get(r, "id")), got = 0, best = 0;
		gboolean has[G_N_ELEMENTS(use_keys)] = {0};
		json_t *x;
		size_t k;

		if ((u = json_object_get(units, code)) == NULL) {
			u = json_pack("{s:s, s:O, s:I, s:I}", "unit", code, "name",
			              json_object_get(r, "name"), "points", (json_int_t)0,
			              "reports", (json_int_t)0);
			for (gsize j = 0; j < G_N_ELEMENTS(use_keys); j++)
				json_object_set_new(u, use_keys[j], json_integer(0));
			json_object_set_new(u, "inaccurate", json_integer(0));
			json_object_set_new(units, code, u);
		}
		has[0] =
		    g_strcmp0(json_string_value(json_object_get(r, "status")), "published") == 0;
		has[4] = json_integer_value(json_object_get(r, "instructions")) > 0;
		json_array_foreach (uses, k, x) {
			const char *level = json_string_value(json_object_get(x, "level"));
			if (json_integer_value(json_object_get(x, "report_id")) != id)
				continue;
			for (gsize j = 1; j < 4; j++)
				has[j] |= strcmp(level, use_keys[j]) == 0;
		}
		add(u, "reports", 1);
		for (gsize j = 0; j < G_N_ELEMENTS(use_keys); j++) {
			if (!has[j])
				continue;
			add(u, use_keys[j], 1);
			got += points(rules, use_keys[j]);
			best = MAX(best, points(rules, use_keys[j]));
		}
		/* several uses of one report add up, or only the highest counts */
		got = points(rules, "submitted") + (max ? best : got);
		if (!json_is_null(json_object_get(r, "inaccurate_at"))) {
			add(u, "inaccurate", 1);
			got -= points(rules, "inaccurate");
		}
		add(u, "points", got);
	}
	sorted = g_ptr_array_new();
	{
		const char *key;
		json_object_foreach (units, key, u)
			g_ptr_array_add(sorted, u);
	}
	g_ptr_array_sort(sorted, by_points);
	items = json_array();
	for (guint k = 0; k < sorted->len; k++) {
		json_object_set_new(sorted->pdata[k], "rank", json_integer(k + 1));
		json_array_append(items, sorted->pdata[k]);
	}
	g_ptr_array_free(sorted, TRUE);
	return json_pack("{s:i, s:o, s:o, s:O}", "year", year, "month",
	                 month ? json_integer(month) : json_null(), "items", items, "rules", rules);
}

/* The columns of the scores' sheet. */
static const CoreXlsxCol score_cols[] = {
    {"名次", "rank", 6},         {"单位代码", "unit", 12},
    {"报送单位", "name", 28},    {"得分", "points", 8},
    {"报送篇数", "reports", 10}, {"本级采用", "adopted", 10},
    {"市委办采用", "city", 12},  {"省委办公厅采用", "province", 14},
    {"中办采用", "central", 10}, {"领导批示", "instruction", 10},
    {"失实", "inaccurate", 8},
};

GBytes *info_scores_xlsx(json_t *scores, GError **err)
{
	const CoreXlsxSheet sheet = {"信息采用计分", score_cols, G_N_ELEMENTS(score_cols),
	                             json_object_get(scores, "items")};

	return core_xlsx_write(&sheet, 1, err);
}
