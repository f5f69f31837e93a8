/*
 * duty_shift.c — the shifts of a duty day as data: the defaults in data/duty/shifts.json (白班
 * 08:30–17:30, 夜班 17:30–次日08:30), the office's changes in the setting 'duty.shifts'.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/core.h"

#include <string.h>

#define SETTING "duty.shifts"

#define DEFAULTS "/mishu/data/duty/shifts.json"

json_t *duty_shifts(DbConn *c, GError **err)
{
	json_t *j = work_setting_json(WORK_ERRORS, c, SETTING, DEFAULTS, err);

	if (j && !json_is_array(j)) {
		json_decref(j);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB,
		                    "the duty shifts are not a list");
		return NULL;
	}
	return j;
}

/* Minutes after midnight of "HH:MM" in *MIN; FALSE when S is not such a time. */
static gboolean clock_minutes(const char *s, int *min)
{
	if (s == NULL || strlen(s) != 5 || !g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1]) ||
	    s[2] != ':' || !g_ascii_isdigit(s[3]) || !g_ascii_isdigit(s[4]))
		return FALSE;
	*min = ((s[0] - '0') * 10 + s[1] - '0') * 60 + (s[3] - '0') * 10 + s[4] - '0';
	return *min < 24 * 60 && (s[3] - '0') < 6;
}

/* TRUE when S is a shift code: 1–16 of [a-z0-9_]. */
static gboolean code_valid(const char *s)
{
	gsize n = s ? strlen(s) : 0;

	if (n == 0 || n > 16)
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_islower(*s) && !g_ascii_isdigit(*s) && *s != '_')
			return FALSE;
	return TRUE;
}

gboolean duty_shifts_save(DbConn *c, json_t *list, const char **field, GError **err)
{
	g_autoptr(json_t) clean = json_array();
	json_t *s;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return duty_fail(err, field, WORK_ERROR_INVALID, "shifts",
		                 N_("List the shifts of a duty day."));
	if (json_array_size(list) > DUTY_SHIFTS_MAX)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "shifts",
		                       N_("A duty day has at most six shifts."));
	json_array_foreach (list, i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		const char *name = json_string_value(json_object_get(s, "name"));
		const char *from = json_string_value(json_object_get(s, "from"));
		const char *to = json_string_value(json_object_get(s, "to"));
		int a, b;

		if (!code_valid(code))
			return duty_fail(err, field, WORK_ERROR_INVALID, "code",
			                 N_("A shift's code is 1 to 16 lower-case letters, digits "
			                    "or underscores."));
		if (duty_shift_find(clean, code))
			return duty_fail(err, field, WORK_ERROR_INVALID, "code",
			                 N_("Two shifts have the same code."));
		if (name == NULL || core_text_blank(name) || g_utf8_strlen(name, -1) > 20)
			return duty_fail(err, field, WORK_ERROR_INVALID, "name",
			                 N_("Name the shift in at most 20 characters."));
		if (!clock_minutes(from, &a) || !clock_minutes(to, &b))
			return duty_fail(err, field, WORK_ERROR_INVALID, "from",
			                 N_("Give the shift's times as HH:MM."));
		json_array_append_new(clean, json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name",
		                                       name, "from", from, "to", to));
	}
	return work_setting_json_save(WORK_ERRORS, c, SETTING, clean, err);
}

json_t *duty_shift_find(json_t *shifts, const char *code)
{
	json_t *s;
	size_t i;

	json_array_foreach (shifts, i, s)
		if (g_strcmp0(json_string_value(json_object_get(s, "code")), code) == 0)
			return s;
	return NULL;
}

/* The instant MINUTES after the start of the day D (plus DAYS days) in the office time zone. */
static gint64 day_at(const GDate *d, int days, int minutes)
{
	GDate x = *d;
	g_autoptr(GDateTime) t = NULL;

	if (days)
		g_date_add_days(&x, (guint)days);
	t = g_date_time_new(core_tz(), g_date_get_year(&x), g_date_get_month(&x),
	                    g_date_get_day(&x), minutes / 60, minutes % 60, 0);
	return t ? g_date_time_to_unix(t) : 0;
}

gboolean duty_shift_span(json_t *shift, const char *day, gint64 *start, gint64 *end)
{
	int a, b;
	GDate d;

	if (!core_date_parse(day, &d) ||
	    !clock_minutes(json_string_value(json_object_get(shift, "from")), &a) ||
	    !clock_minutes(json_string_value(json_object_get(shift, "to")), &b))
		return FALSE;
	*start = day_at(&d, 0, a);
	/* a shift that ends at or before its start ends the next day (夜班 17:30–次日08:30) */
	*end = day_at(&d, b <= a ? 1 : 0, b);
	return *end > *start;
}
