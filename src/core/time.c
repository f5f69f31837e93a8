/*
 * Office time in one place (core.h): the office's time zone, set once at start-up; now and
 * today in it; the one parser of 'YYYY-MM-DD' dates every layer validates with.
 */
#define G_LOG_DOMAIN "mishu-core"

#include "core/core.h"

#include <stdatomic.h>
#include <string.h>

G_DEFINE_QUARK(mishu - core - time - error - quark, core_time_error)

/* The office zone; NULL until core_tz_set or the first core_tz. Written under tz_lock, read
 * atomically (the pointer never changes after start-up, see core_tz_set). */
static GTimeZone *office_tz;
G_LOCK_DEFINE_STATIC(tz_lock);

/* ==== The time zone ========================================================================= */

gboolean core_tz_set(const char *identifier, GError **err)
{
	GTimeZone *tz = NULL, *old;

	/* g_time_zone_new_identifier(NULL) would read $TZ: the office zone is always named. */
	if (identifier != NULL && *identifier != '\0')
		tz = g_time_zone_new_identifier(identifier);
	if (tz == NULL) {
		g_set_error(err, CORE_TIME_ERROR, CORE_TIME_ERROR_ZONE,
		            "unknown time zone \"%s\": give an IANA zone such as %s (from tzdata)",
		            identifier ? identifier : "", CORE_TZ_DEFAULT);
		return FALSE;
	}
	G_LOCK(tz_lock);
	old = office_tz;
	g_atomic_pointer_set(&office_tz, tz);
	G_UNLOCK(tz_lock);
	if (old)
		g_time_zone_unref(old);
	return TRUE;
}

GTimeZone *core_tz(void)
{
	GTimeZone *tz = g_atomic_pointer_get(&office_tz);

	if (G_LIKELY(tz != NULL))
		return tz;
	G_LOCK(tz_lock);
	if (office_tz == NULL) {
		tz = g_time_zone_new_identifier(CORE_TZ_DEFAULT);
		/* Only a program that skipped core_tz_set on a machine without tzdata gets here;
		 * say so loudly rather than guess an offset. */
		if (tz == NULL) {
			g_critical("time zone %s is not installed (tzdata); using UTC",
			           CORE_TZ_DEFAULT);
			tz = g_time_zone_new_utc();
		}
		g_atomic_pointer_set(&office_tz, tz);
	}
	tz = office_tz;
	G_UNLOCK(tz_lock);
	return tz;
}

/* ==== Now and today ========================================================================= */

/* The instant core_clock_set fixed, or 0 for the real clock; seconds core_clock_advance added
 * to the real clock. */
static _Atomic gint64 clock_fixed;
static _Atomic gint64 clock_offset;

void core_clock_set(gint64 at)
{
	atomic_store(&clock_fixed, at > 0 ? at : 0);
}

void core_clock_advance(gint64 seconds)
{
	atomic_fetch_add(&clock_offset, seconds);
}

gint64 core_now(void)
{
	gint64 fixed = atomic_load(&clock_fixed);

	return fixed ? fixed : g_get_real_time() / G_USEC_PER_SEC + atomic_load(&clock_offset);
}

char *core_today(void)
{
#ifdef MISHU_TESTING
	if (atomic_load(&clock_fixed) == 0)
	/* Test build only: the suites pin "today" to dates their fixtures are written for. */
	{
		const char *fixed = g_getenv("MISHU_TODAY");

		if (fixed && core_date_valid(fixed))
			return g_strdup(fixed);
	}
#endif
	return core_time_format(core_now(), "%Y-%m-%d");
}

char *core_time_format(gint64 at, const char *format)
{
	GDateTime *t = g_date_time_new_from_unix_utc(at);
	GDateTime *local = t ? g_date_time_to_timezone(t, core_tz()) : NULL;
	char *s = local ? g_date_time_format(local, format) : NULL;

	if (t)
		g_date_time_unref(t);
	if (local)
		g_date_time_unref(local);
	return s;
}

gint64 core_date_unix(const GDate *d)
{
	GDateTime *t;
	gint64 at;

	g_return_val_if_fail(d != NULL && g_date_valid(d), 0);
	t = g_date_time_new(core_tz(), g_date_get_year(d), g_date_get_month(d), g_date_get_day(d),
	                    0, 0, 0);
	g_return_val_if_fail(t != NULL, 0);
	at = g_date_time_to_unix(t);
	g_date_time_unref(t);
	return at;
}

gboolean core_instant_parse(const char *s, gint64 *at, char date[11])
{
	GDate d;
	int h, m;

	if (s == NULL || strlen(s) != 16 || s[10] != 'T' || s[13] != ':' ||
	    !g_ascii_isdigit(s[11]) || !g_ascii_isdigit(s[12]) || !g_ascii_isdigit(s[14]) ||
	    !g_ascii_isdigit(s[15]))
		return FALSE;
	memcpy(date, s, 10);
	date[10] = '\0';
	h = (s[11] - '0') * 10 + (s[12] - '0');
	m = (s[14] - '0') * 10 + (s[15] - '0');
	if (!core_date_parse(date, &d) || h > 23 || m > 59)
		return FALSE;
	*at = core_date_unix(&d) + h * 3600 + m * 60;
	return TRUE;
}

/* ==== Dates ================================================================================= */

gboolean core_date_parse(const char *s, GDate *out)
{
	int v[3] = {0, 0, 0};
	static const int width[3] = {4, 2, 2};
	const char *p = s;

	g_date_clear(out, 1);
	if (s == NULL || strlen(s) != 10)
		return FALSE;
	for (int f = 0; f < 3; f++) {
		if (f > 0 && *p++ != '-')
			return FALSE;
		for (int i = 0; i < width[f]; i++, p++) {
			if (!g_ascii_isdigit(*p))
				return FALSE;
			v[f] = v[f] * 10 + (*p - '0');
		}
	}
	if (v[0] < CORE_DATE_MIN_YEAR || v[0] > CORE_DATE_MAX_YEAR || v[1] < 1 || v[1] > 12 ||
	    v[2] < 1 || !g_date_valid_dmy(v[2], v[1], v[0]))
		return FALSE;
	g_date_set_dmy(out, v[2], v[1], v[0]);
	return TRUE;
}

gboolean core_date_valid(const char *s)
{
	GDate d;

	return core_date_parse(s, &d);
}

char *core_date_format(const GDate *d)
{
	g_return_val_if_fail(d != NULL && g_date_valid(d), g_strdup("0000-00-00"));
	return g_strdup_printf("%04u-%02u-%02u", g_date_get_year(d), g_date_get_month(d),
	                       g_date_get_day(d));
}

/* The Monday of ISO week 1 of YEAR: the week that holds 4 January. */
static void week_one(int year, GDate *out)
{
	g_date_clear(out, 1);
	g_date_set_dmy(out, 4, G_DATE_JANUARY, (GDateYear)year);
	g_date_subtract_days(out, g_date_get_weekday(out) - G_DATE_MONDAY);
}

gboolean core_week_parse(const char *s, GDate *monday)
{
	GDate next;
	int year = 0, week = 0;

	g_date_clear(monday, 1);
	if (s == NULL || strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
		return FALSE;
	for (int i = 0; i < 8; i++) {
		if (i == 4 || i == 5)
			continue;
		if (!g_ascii_isdigit(s[i]))
			return FALSE;
		if (i < 4)
			year = year * 10 + (s[i] - '0');
		else
			week = week * 10 + (s[i] - '0');
	}
	/* a year's first and last weeks may reach into its neighbours: keep one year's margin */
	if (year <= CORE_DATE_MIN_YEAR || year >= CORE_DATE_MAX_YEAR || week < 1)
		return FALSE;
	week_one(year, monday);
	week_one(year + 1, &next);
	g_date_add_days(monday, (guint)(week - 1) * 7);
	if (g_date_compare(monday, &next) >= 0) {
		g_date_clear(monday, 1);
		return FALSE;
	}
	return TRUE;
}

char *core_week_format(const GDate *d)
{
	GDate thursday = *d;

	g_return_val_if_fail(d != NULL && g_date_valid(d), g_strdup("0000-W00"));
	/* the week belongs to the year of its Thursday */
	if (g_date_get_weekday(d) < G_DATE_THURSDAY)
		g_date_add_days(&thursday, G_DATE_THURSDAY - g_date_get_weekday(d));
	else
		g_date_subtract_days(&thursday, g_date_get_weekday(d) - G_DATE_THURSDAY);
	return g_strdup_printf("%04u-W%02u", g_date_get_year(&thursday),
	                       (g_date_get_day_of_year(&thursday) - 1) / 7 + 1);
}
