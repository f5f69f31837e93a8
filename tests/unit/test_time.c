/*
 * test_time.c — unit tests of office time (src/core/time.c): the one date parser and its range
 * (1900–2200), the office time zone (an unknown zone refused, no fixed-offset fallback), today's
 * format and the MISHU_TODAY override of the test build, instants and day starts in the zone.
 */
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* ==== Dates ================================================================================= */

static void test_date_range(void)
{
	static const char *const good[] = {"1900-01-01", "2200-12-31", "2028-02-29", "2000-02-29",
	                                   "2026-01-05"};
	static const char *const bad[] = {"1899-12-31",       "2201-01-01",
	                                  "2026-02-29",       "1900-02-29",
	                                  "2100-02-29",       "2026-1-5",
	                                  "2026-01-5",        "2026-1-05",
	                                  "26-01-05",         "2026/01/05",
	                                  "2026-13-01",       "2026-00-10",
	                                  "2026-01-00",       "2026-01-32",
	                                  "0001-01-01",       "9999-12-31",
	                                  " 2026-01-05",      "2026-01-05 ",
	                                  "2026-01-05T00:00", "+026-01-05",
	                                  "２０２６-01-05",   ""};
	GDate d;

	for (gsize i = 0; i < G_N_ELEMENTS(good); i++) {
		g_autofree char *back = NULL;

		if (!core_date_parse(good[i], &d))
			g_error("\"%s\" refused", good[i]);
		g_assert_true(core_date_valid(good[i]));
		back = core_date_format(&d);
		g_assert_cmpstr(back, ==, good[i]);
	}
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		if (core_date_parse(bad[i], &d))
			g_error("\"%s\" accepted", bad[i]);
		g_assert_false(g_date_valid(&d));
		g_assert_false(core_date_valid(bad[i]));
	}
	g_assert_false(core_date_valid(NULL));
	g_assert_false(core_date_parse(NULL, &d));
}

/* ==== The time zone ========================================================================= */

static void test_tz(void)
{
	GError *err = NULL;
	GDate d;

	/* the default, before any core_tz_set */
	g_assert_cmpstr(g_time_zone_get_identifier(core_tz()), ==, CORE_TZ_DEFAULT);

	g_assert_false(core_tz_set("Mars/Olympus", &err));
	g_assert_error(err, CORE_TIME_ERROR, CORE_TIME_ERROR_ZONE);
	g_assert_nonnull(strstr(err->message, "Mars/Olympus"));
	g_clear_error(&err);
	g_assert_false(core_tz_set("", &err));
	g_assert_error(err, CORE_TIME_ERROR, CORE_TIME_ERROR_ZONE);
	g_clear_error(&err);
	g_assert_false(core_tz_set(NULL, &err));
	g_clear_error(&err);
	/* a refused zone changes nothing */
	g_assert_cmpstr(g_time_zone_get_identifier(core_tz()), ==, CORE_TZ_DEFAULT);

	g_assert_true(core_tz_set("Asia/Shanghai", &err));
	g_assert_no_error(err);
	g_assert_cmpstr(g_time_zone_get_identifier(core_tz()), ==, "Asia/Shanghai");
	/* 2026-03-10 00:00 in Shanghai is 2026-03-09 16:00 UTC */
	g_assert_true(core_date_parse("2026-03-10", &d));
	g_assert_cmpint(core_date_unix(&d), ==, 1773072000);
	{
		g_autofree char *s = core_time_format(1773072000 + 9 * 3600 + 30 * 60, "%F %H:%M");
		g_assert_cmpstr(s, ==, "2026-03-10 09:30");
	}

	/* another zone moves the day starts and the readings, daylight saving included */
	g_assert_true(core_tz_set("Europe/Berlin", &err));
	g_assert_cmpint(core_date_unix(&d), ==, 1773097200); /* 2026-03-09 23:00 UTC (CET) */
	g_assert_true(core_date_parse("2026-07-01", &d));
	g_assert_cmpint(core_date_unix(&d), ==, 1782856800); /* 2026-06-30 22:00 UTC (CEST) */
	g_assert_true(core_tz_set(CORE_TZ_DEFAULT, &err));
}

/* ==== Today ================================================================================= */

static void test_today(void)
{
	g_autofree char *today = NULL;
	g_autofree char *expect = NULL;
	g_autoptr(GDateTime) now = g_date_time_new_now(core_tz());
	GDate d;

	g_unsetenv("MISHU_TODAY");
	today = core_today();
	g_assert_cmpuint(strlen(today), ==, 10);
	g_assert_true(core_date_parse(today, &d));
	/* unless the test ran across midnight, it is today's date in the office zone */
	expect = g_date_time_format(now, "%Y-%m-%d");
	if (strcmp(today, expect) != 0) {
		g_autofree char *again = core_today();
		g_assert_cmpstr(again, !=, today);
	}
	g_assert_cmpint(llabs(core_now() - g_date_time_to_unix(now)), <=, 5);
}

/* The test build (MISHU_TESTING, which these programs are) honours MISHU_TODAY when it is a
 * valid date and ignores it otherwise. */
static void test_today_override(void)
{
	g_setenv("MISHU_TODAY", "2026-09-28", TRUE);
	{
		g_autofree char *t = core_today();
		g_assert_cmpstr(t, ==, "2026-09-28");
	}
	g_setenv("MISHU_TODAY", "1899-12-31", TRUE);
	{
		g_autofree char *t = core_today();
		g_assert_cmpstr(t, !=, "1899-12-31");
	}
	g_unsetenv("MISHU_TODAY");
}

/* core_clock_set fixes now and today (over MISHU_TODAY, which only pins the real clock) until it
 * is given 0. */
static void test_clock_set(void)
{
	gint64 real = core_now();

	g_assert_true(core_tz_set("Asia/Shanghai", NULL));
	g_setenv("MISHU_TODAY", "2026-09-28", TRUE);
	core_clock_set(1772330400); /* 2026-03-01 10:00 in Shanghai */
	g_assert_cmpint(core_now(), ==, 1772330400);
	{
		g_autofree char *t = core_today();
		g_assert_cmpstr(t, ==, "2026-03-01");
	}
	core_clock_set(0);
	g_assert_cmpint(core_now(), >=, real);
	{
		g_autofree char *t = core_today();
		g_assert_cmpstr(t, ==, "2026-09-28");
	}
	g_unsetenv("MISHU_TODAY");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/time/date/range", test_date_range);
	g_test_add_func("/time/tz", test_tz);
	g_test_add_func("/time/today", test_today);
#ifdef MISHU_TESTING
	g_test_add_func("/time/today/override", test_today_override);
	g_test_add_func("/time/clock/set", test_clock_set);
#else
	(void)test_clock_set;
	(void)test_today_override;
#endif
	return g_test_run();
}
