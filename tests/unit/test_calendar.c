/*
 * test_calendar.c — unit tests of the working-day calendar (src/core/calendar.c) on the
 * compiled-in 2025 and 2026 schedules: counting working days forward and back over holidays and
 * make-up days (调休), years without a schedule, holiday names, between() against add() and a
 * day-by-day count, working minutes, and — in subprocesses, since the calendar loads once —
 * MISHU_HOLIDAYS_DIR, malformed files, a first load from many threads and the limits.
 */
#include "core/calendar.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* ==== Helpers =============================================================================== */

static void date(const char *s, GDate *out)
{
	if (!core_date_parse(s, out))
		g_error("not a date: %s", s);
}

static gboolean workday(const char *s)
{
	GDate d;

	date(s, &d);
	return core_calendar_is_workday(&d);
}

static const char *holiday(const char *s)
{
	GDate d;

	date(s, &d);
	return core_calendar_holiday(&d);
}

static int between(const char *a, const char *b)
{
	GDate da;
	GDate db;

	date(a, &da);
	date(b, &db);
	return core_calendar_between(&da, &db);
}

/* Asserts that FROM + N working days is WANT, and that between() gives N back. */
static void check_add(const char *from, int n, const char *want)
{
	GDate d;
	GDate out;
	g_autofree char *got = NULL;

	date(from, &d);
	core_calendar_add(&d, n, &out);
	got = core_date_format(&out);
	if (strcmp(got, want) != 0)
		g_error("%s %+d working days: got %s, want %s", from, n, got, want);
	g_assert_cmpint(core_calendar_between(&d, &out), ==, n);
}

static gboolean has_year(GArray *years, int year)
{
	for (guint i = 0; i < years->len; i++) {
		if (g_array_index(years, int, i) == year)
			return TRUE;
	}
	return FALSE;
}

static gboolean year_missing(int year)
{
	g_autoptr(GArray) missing = core_calendar_missing_years();

	return has_year(missing, year);
}

/* "YYYY-MM-DD" and "HH:MM[:SS]" in the office time zone as Unix seconds. */
static gint64 at(const char *day, const char *time)
{
	GDate d;
	int h = 0;
	int m = 0;
	int s = 0;

	date(day, &d);
	g_assert_cmpint(sscanf(time, "%d:%d:%d", &h, &m, &s), >=, 2);
	return core_date_unix(&d) + h * 3600 + m * 60 + s;
}

static gint64 minutes(const char *d1, const char *t1, const char *d2, const char *t2)
{
	return core_calendar_working_minutes(at(d1, t1), at(d2, t2));
}

/* A schedule file for YEAR with the HOLIDAYS and WORKDAYS array contents. */
static char *schedule(int year, const char *holidays, const char *workdays)
{
	return g_strdup_printf("{\"year\": %d, \"source\": \"test\", \"holidays\": [%s], "
	                       "\"workdays\": [%s]}",
	                       year, holidays, workdays);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *path = g_build_filename(dir, name, NULL);

	g_assert_true(g_file_set_contents(path, text, -1, &err));
	g_assert_no_error(err);
}

/* Removes DIR, its files and its empty subdirectories. */
static void remove_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	g_assert_nonnull(d);
	while ((name = g_dir_read_name(d)) != NULL) {
		g_autofree char *path = g_build_filename(dir, name, NULL);

		g_assert_cmpint(
		    g_file_test(path, G_FILE_TEST_IS_DIR) ? g_rmdir(path) : g_unlink(path), ==, 0);
	}
	g_dir_close(d);
	g_assert_cmpint(g_rmdir(dir), ==, 0);
}

/* A new temporary directory named in MISHU_HOLIDAYS_DIR. Call only in a subprocess, before
 * the calendar is first used. */
static char *holidays_dir(void)
{
	g_autoptr(GError) err = NULL;
	char *dir = g_dir_make_tmp("mishu-calendar-XXXXXX", &err);

	g_assert_no_error(err);
	g_assert_true(g_setenv("MISHU_HOLIDAYS_DIR", dir, TRUE));
	return dir;
}

static GDateWeekday weekday_of(const char *s)
{
	GDate d;

	date(s, &d);
	return g_date_get_weekday(&d);
}

/* ==== Counting working days ================================================================= */

/* The acceptance example: assigned on Monday 2026-09-28 with 10 working days, due
 * 2026-10-16. The day of assignment is not counted, 国庆 (10-01..07) is skipped and the make-up
 * Saturday 10-10 counts. */
static void test_acceptance(void)
{
	check_add("2026-09-28", 10, "2026-10-16");
	check_add("2026-09-28", 1, "2026-09-29");
	check_add("2026-09-28", 2, "2026-09-30");
	check_add("2026-09-28", 3, "2026-10-08");
	check_add("2026-09-28", 5, "2026-10-10");
	check_add("2026-09-28", 6, "2026-10-12");
	g_assert_true(workday("2026-10-10"));
	g_assert_cmpint(weekday_of("2026-10-10"), ==, G_DATE_SATURDAY);
	for (int d = 1; d <= 7; d++) {
		g_autofree char *s = g_strdup_printf("2026-10-%02d", d);

		g_assert_false(workday(s));
	}
	g_assert_cmpint(between("2026-09-28", "2026-10-16"), ==, 10);
}

static void test_weekend(void)
{
	g_assert_cmpint(weekday_of("2026-03-13"), ==, G_DATE_FRIDAY);
	check_add("2026-03-13", 1, "2026-03-16");
	check_add("2026-03-14", 1, "2026-03-16");
	check_add("2026-03-15", 1, "2026-03-16");
	check_add("2026-03-13", 5, "2026-03-20");
	g_assert_false(workday("2026-03-14"));
	g_assert_false(workday("2026-03-15"));
	g_assert_true(workday("2026-03-16"));
	g_assert_cmpint(between("2026-03-13", "2026-03-15"), ==, 0);
	g_assert_cmpint(between("2026-03-13", "2026-03-16"), ==, 1);
}

static void test_zero(void)
{
	check_add("2026-03-16", 0, "2026-03-16");
	check_add("2026-10-03", 0, "2026-10-03"); /* a holiday stays itself */
	g_assert_cmpint(between("2026-10-03", "2026-10-03"), ==, 0);
	g_assert_cmpint(between("2026-03-16", "2026-03-16"), ==, 0);
}

/* Counting back: FROM is not counted, and the result is a working day. */
static void test_negative(void)
{
	check_add("2026-03-16", -1, "2026-03-13"); /* Monday - 1 = Friday */
	check_add("2026-03-15", -1, "2026-03-13"); /* Sunday - 1 = Friday */
	check_add("2026-03-14", -1, "2026-03-13");
	check_add("2026-03-13", -1, "2026-03-12");
	check_add("2026-10-08", -1, "2026-09-30"); /* over 国庆 */
	check_add("2026-10-12", -1, "2026-10-10"); /* the make-up Saturday */
	check_add("2026-10-16", -10, "2026-09-28");
	check_add("2026-01-05", -1, "2026-01-04"); /* the make-up Sunday of 元旦 */
	check_add("2026-01-04", -1, "2025-12-31"); /* 元旦 01-01..03 */
	g_assert_cmpint(between("2026-10-16", "2026-09-28"), ==, -10);
	g_assert_cmpint(between("2026-03-15", "2026-03-13"), ==, -1);
	g_assert_cmpint(between("2026-03-16", "2026-03-14"), ==, 0);
	g_assert_cmpint(between("2026-03-16", "2026-03-13"), ==, -1);
}

/* Into 2027, which has no compiled-in schedule: weekends only, and 2027 reported missing. */
static void test_year_boundary(void)
{
	g_autoptr(GArray) years = core_calendar_years();

	g_assert_cmpuint(years->len, ==, 2);
	g_assert_cmpint(g_array_index(years, int, 0), ==, 2025);
	g_assert_cmpint(g_array_index(years, int, 1), ==, 2026);

	/* 2025 into 2026, both scheduled: 元旦 2026 is skipped, its make-up Sunday counts */
	check_add("2025-12-31", 1, "2026-01-04");
	check_add("2025-12-31", 2, "2026-01-05");
	g_assert_false(year_missing(2025));
	g_assert_false(year_missing(2026));

	/* 2026 into 2027 */
	g_assert_cmpint(weekday_of("2026-12-31"), ==, G_DATE_THURSDAY);
	check_add("2026-12-31", 1, "2027-01-01"); /* a Friday: no schedule says 元旦 */
	check_add("2026-12-31", 2, "2027-01-04");
	check_add("2027-01-04", -3, "2026-12-30");
	g_assert_true(year_missing(2027));
	g_assert_true(workday("2027-01-01"));
	g_assert_false(workday("2027-01-02"));
	g_assert_null(holiday("2027-01-01"));
	g_assert_cmpint(between("2026-12-25", "2027-01-08"), ==, 10);

	g_autoptr(GArray) after = core_calendar_years();
	g_assert_false(has_year(after, 2027));
}

/* The years asked about without a schedule are logged once each. */
static void test_missing_logged_once(void)
{
	if (g_test_subprocess()) {
		GDate d;
		GDate out;

		g_assert_true(workday("2027-03-01"));
		g_assert_true(workday("2027-03-02"));
		date("2026-12-30", &d);
		core_calendar_add(&d, 300, &out);
		g_assert_cmpint(g_date_get_year(&out), ==, 2028);
		g_assert_cmpint(between("2028-01-01", "2026-01-01"), <, 0);
		g_assert_true(year_missing(2027));
		g_assert_true(year_missing(2028));
		g_assert_false(year_missing(2026));
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*no holiday schedule for 2027: weekends only*"
	                          "no holiday schedule for 2028: weekends only*");
	g_test_trap_assert_stderr_unmatched("*schedule for 2027*schedule for 2027*");
	g_test_trap_assert_stderr_unmatched("*schedule for 2028*schedule for 2028*");
	g_test_trap_assert_stderr_unmatched("*schedule for 2026*");
}

/* 春节 2026: 02-15 (Sunday) to 02-23 (Monday), with the make-up Saturdays 02-14 and 02-28. */
static void test_spring_festival(void)
{
	static const char *const rest[] = {"2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
	                                   "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22",
	                                   "2026-02-23", "2026-03-01"};

	g_assert_cmpint(weekday_of("2026-02-14"), ==, G_DATE_SATURDAY);
	g_assert_cmpint(weekday_of("2026-02-28"), ==, G_DATE_SATURDAY);
	g_assert_true(workday("2026-02-13"));
	g_assert_true(workday("2026-02-14"));
	g_assert_true(workday("2026-02-24"));
	g_assert_true(workday("2026-02-28"));
	for (guint i = 0; i < G_N_ELEMENTS(rest); i++) {
		if (workday(rest[i]))
			g_error("%s should be a rest day", rest[i]);
	}
	check_add("2026-02-13", 1, "2026-02-14");
	check_add("2026-02-14", 1, "2026-02-24");
	check_add("2026-02-27", 1, "2026-02-28");
	check_add("2026-02-28", 1, "2026-03-02");
	check_add("2026-02-24", -1, "2026-02-14");
	/* February 2026: 14 weekdays outside the festival, plus two make-up Saturdays */
	g_assert_cmpint(between("2026-02-01", "2026-02-28"), ==, 16);
	/* 2025: 春节 01-28..02-04, make-up Sunday 01-26 and Saturday 02-08 */
	g_assert_true(workday("2025-01-26"));
	g_assert_true(workday("2025-02-08"));
	g_assert_false(workday("2025-02-03"));
	check_add("2025-01-27", 1, "2025-02-05");
}

static void test_holiday_names(void)
{
	g_assert_cmpstr(holiday("2026-10-01"), ==, "国庆节");
	g_assert_cmpstr(holiday("2026-10-03"), ==, "国庆节"); /* a Saturday inside the range */
	g_assert_cmpstr(holiday("2026-10-07"), ==, "国庆节");
	g_assert_cmpstr(holiday("2026-09-26"), ==, "中秋节");
	g_assert_cmpstr(holiday("2026-02-18"), ==, "春节");
	g_assert_cmpstr(holiday("2026-01-01"), ==, "元旦");
	g_assert_cmpstr(holiday("2026-04-06"), ==, "清明节");
	g_assert_cmpstr(holiday("2026-05-05"), ==, "劳动节");
	g_assert_cmpstr(holiday("2026-06-19"), ==, "端午节");
	g_assert_cmpstr(holiday("2025-10-08"), ==, "国庆节、中秋节");
	g_assert_null(holiday("2026-10-08"));
	g_assert_null(holiday("2026-10-10")); /* a make-up working day */
	g_assert_null(holiday("2026-03-14")); /* an ordinary Saturday */
	g_assert_null(holiday("2026-03-16"));
	g_assert_true(holiday("2026-10-02") == holiday("2026-10-05")); /* owned, shared */
}

/* between() against add() and against a day-by-day count, for random dates 2024–2027 (2024
 * and 2027 without a schedule). */
static void test_random_pairs(void)
{
	GDate lo;
	GDate hi;

	date("2024-07-01", &lo);
	date("2027-06-30", &hi);
	for (int i = 0; i < 2000; i++) {
		guint32 ja = g_test_rand_int_range(g_date_get_julian(&lo), g_date_get_julian(&hi));
		guint32 jb = g_test_rand_int_range(g_date_get_julian(&lo), g_date_get_julian(&hi));
		int n = g_test_rand_int_range(-300, 301);
		int count = 0;
		GDate a;
		GDate b;
		GDate c;
		GDate d;

		g_date_clear(&a, 1);
		g_date_set_julian(&a, ja);
		g_date_clear(&b, 1);
		g_date_set_julian(&b, jb);

		/* add then between */
		core_calendar_add(&a, n, &c);
		g_assert_cmpint(core_calendar_between(&a, &c), ==, n);
		if (n != 0)
			g_assert_true(core_calendar_is_workday(&c));

		/* between against counting day by day: (a, b] forward, [b, a) back */
		g_date_clear(&d, 1);
		for (guint32 j = MIN(ja, jb) + (jb > ja); j < MAX(ja, jb) + (jb > ja); j++) {
			g_date_set_julian(&d, j);
			count += core_calendar_is_workday(&d);
		}
		n = core_calendar_between(&a, &b);
		g_assert_cmpint(n, ==, jb >= ja ? count : -count);

		/* between then add: B itself when B is a working day, else the working day next to
		 * it on A's side, with no working day between them */
		core_calendar_add(&a, n, &c);
		if (core_calendar_is_workday(&b) || ja == jb)
			g_assert_cmpint(g_date_get_julian(&c), ==, jb);
		else
			g_assert_cmpint(core_calendar_between(&c, &b), ==, 0);
	}
}

/* ==== Dates ================================================================================= */

static void test_parse_format(void)
{
	static const char *const bad[] = {"2026-02-29",  "2026-2-01",  "2026-02-1",  " 2026-02-01",
	                                  "2026-02-01 ", "2026/02/01", "2026-13-01", "2026-00-10",
	                                  "2026-01-00",  "0000-01-01", "+026-02-01", "",
	                                  "0001-01-01",  "9999-12-31", "2026-02-3a", "20260201"};
	GDate d;
	g_autofree char *s1 = NULL;
	g_autofree char *s2 = NULL;
	g_autofree char *s3 = NULL;

	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		if (core_date_parse(bad[i], &d))
			g_error("\"%s\" parsed", bad[i]);
		g_assert_false(g_date_valid(&d));
	}
	g_assert_false(core_date_parse(NULL, &d));
	g_assert_true(core_date_parse("2028-02-29", &d));
	g_assert_cmpint(g_date_get_day(&d), ==, 29);
	s1 = core_date_format(&d);
	g_assert_cmpstr(s1, ==, "2028-02-29");
	g_assert_true(core_date_parse("1900-01-01", &d));
	s2 = core_date_format(&d);
	g_assert_cmpstr(s2, ==, "1900-01-01");
	g_assert_true(core_date_parse("2200-12-31", &d));
	s3 = core_date_format(&d);
	g_assert_cmpstr(s3, ==, "2200-12-31");
}

/* ==== Working minutes ======================================================================= */

static void test_working_minutes(void)
{
	/* across the lunch break: 11:00–12:00 and 14:30–15:00 */
	g_assert_cmpint(minutes("2026-03-10", "11:00", "2026-03-10", "15:00"), ==, 90);
	g_assert_cmpint(minutes("2026-03-10", "07:00", "2026-03-10", "20:00"), ==, 420);
	g_assert_cmpint(minutes("2026-03-10", "12:10", "2026-03-10", "14:00"), ==, 0);
	g_assert_cmpint(minutes("2026-03-10", "11:59:30", "2026-03-10", "14:30:45"), ==, 1);
	/* over a weekend: Friday 17:00–18:00 and Monday 08:30–09:30 */
	g_assert_cmpint(minutes("2026-03-13", "17:00", "2026-03-16", "09:30"), ==, 120);
	/* over 国庆 */
	g_assert_cmpint(minutes("2026-09-30", "17:00", "2026-10-08", "09:00"), ==, 90);
	/* over the make-up Saturday 10-10, a full working day */
	g_assert_cmpint(minutes("2026-10-09", "17:00", "2026-10-12", "08:30"), ==, 480);
	/* a holiday on its own counts nothing */
	g_assert_cmpint(minutes("2026-10-05", "08:00", "2026-10-05", "18:00"), ==, 0);
	/* backwards, and nothing */
	g_assert_cmpint(minutes("2026-03-10", "15:00", "2026-03-10", "11:00"), ==, -90);
	g_assert_cmpint(minutes("2026-03-10", "15:00", "2026-03-10", "15:00"), ==, 0);
	/* midnight to midnight: 2026 has 248 working days of 7 hours */
	g_assert_cmpint(between("2025-12-31", "2026-12-31"), ==, 248);
	g_assert_cmpint(minutes("2026-01-01", "00:00", "2027-01-01", "00:00"), ==, 248 * 420);
	/* 2027 without a schedule: Friday 01-01 is a working day */
	g_assert_cmpint(minutes("2027-01-01", "08:00", "2027-01-04", "12:00"), ==, 420 + 210);

	/* other office hours */
	g_assert_true(core_calendar_set_hours(9 * 60, 12 * 60, 13 * 60, 17 * 60));
	g_assert_cmpint(minutes("2026-03-10", "11:00", "2026-03-10", "15:00"), ==, 180);
	g_assert_cmpint(minutes("2026-03-13", "17:00", "2026-03-16", "09:30"), ==, 30);
	g_assert_false(core_calendar_set_hours(9 * 60, 8 * 60, 13 * 60, 17 * 60));
	g_assert_false(core_calendar_set_hours(-1, 8 * 60, 13 * 60, 17 * 60));
	g_assert_false(core_calendar_set_hours(9 * 60, 12 * 60, 13 * 60, 24 * 60 + 1));
	g_assert_cmpint(minutes("2026-03-10", "11:00", "2026-03-10", "15:00"), ==, 180);
	g_assert_true(core_calendar_set_hours(8 * 60 + 30, 12 * 60, 14 * 60 + 30, 18 * 60));
	g_assert_cmpint(minutes("2026-03-10", "11:00", "2026-03-10", "15:00"), ==, 90);
}

/* ==== Loading (each in a subprocess: the calendar loads once) =============================== */

/* MISHU_HOLIDAYS_DIR adds 2027 and replaces the compiled-in 2026; other files there are
 * ignored quietly. */
static void test_override(void)
{
	if (g_test_subprocess()) {
		g_autofree char *dir = holidays_dir();
		g_autofree char *y2027 = schedule(
		    2027,
		    "{\"name\": \"元旦\", \"from\": \"2026-12-31\", \"to\": \"2027-01-03\"},"
		    "{\"name\": \"春节\", \"from\": \"2027-02-06\", \"to\": \"2027-02-12\"}",
		    "\"2027-02-20\"");
		g_autofree char *y2026 = schedule(
		    2026,
		    "{\"name\": \"国庆节\", \"from\": \"2026-10-01\", \"to\": \"2026-10-08\"}", "");
		g_autoptr(GArray) years = NULL;

		write_file(dir, "2027.json", y2027);
		write_file(dir, "2026.json", y2026);
		write_file(dir, "README.md", "notes\n");
		g_assert_cmpint(weekday_of("2027-02-06"), ==, G_DATE_SATURDAY);
		g_assert_cmpint(weekday_of("2027-02-20"), ==, G_DATE_SATURDAY);

		years = core_calendar_years();
		g_assert_cmpuint(years->len, ==, 3);
		g_assert_cmpint(g_array_index(years, int, 2), ==, 2027);
		g_assert_false(workday("2027-01-01"));
		g_assert_cmpstr(holiday("2027-01-01"), ==, "元旦");
		g_assert_cmpstr(holiday("2027-02-10"), ==, "春节");
		g_assert_true(workday("2027-02-20"));
		check_add("2026-12-31", 1, "2027-01-04");
		check_add("2027-02-05", 1, "2027-02-15");
		/* a holiday of the 2027 schedule that starts in 2026 */
		g_assert_cmpstr(holiday("2026-12-31"), ==, "元旦");
		check_add("2026-12-30", 1, "2027-01-04");
		g_assert_false(year_missing(2027));
		/* 2026 is the directory's: 国庆 to 10-08, no 春节, no make-up days */
		g_assert_true(workday("2026-02-16"));
		g_assert_false(workday("2026-02-14"));
		g_assert_false(workday("2026-10-10"));
		g_assert_cmpstr(holiday("2026-10-08"), ==, "国庆节");
		check_add("2026-09-28", 10, "2026-10-20");
		/* 2025 stays compiled in */
		g_assert_cmpstr(holiday("2025-10-08"), ==, "国庆节、中秋节");
		remove_dir(dir);
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr_unmatched("*WARNING*");
}

/* Malformed files are logged and ignored; the good ones load, and the compiled-in 2026 stays
 * when the directory's 2026.json is broken. A day two schedules disagree on is logged too. */
static void test_malformed(void)
{
	static const struct {
		const char *name;
		const char *text; /* NULL: a directory */
	} files[] = {
	    {"2026.json", "{\"year\": 2026,"},
	    {"2030.json",
	     "{\"year\": 2031, \"source\": \"t\", \"holidays\": [], \"workdays\": []}"},
	    {"2031.json", "{\"year\": 2031, \"source\": \"t\", \"holidays\": [], "
	                  "\"workdays\": [\"2031-01-06\"]}"},
	    {"2032.json", "{\"year\": 2032, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": \"a\", \"from\": \"2032-05-01\", \"to\": \"2032-05-05\"},"
	                  "{\"name\": \"b\", \"from\": \"2032-05-05\", \"to\": \"2032-05-06\"}], "
	                  "\"workdays\": []}"},
	    {"2033.json", "{\"year\": 2033, \"source\": \"t\", \"holidays\": [], \"workday\": []}"},
	    {"2034.json", "{\"year\": 2034, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": \"a\", \"from\": \"2034-05-05\", \"to\": \"2034-05-01\"}], "
	                  "\"workdays\": []}"},
	    {"2035.json", "{\"year\": 2035, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": \"a\", \"from\": \"2035-02-28\", \"to\": \"2035-02-30\"}], "
	                  "\"workdays\": []}"},
	    {"2036.json", "[2036]"},
	    {"2037.json", "{\"year\": 2037, \"holidays\": [], \"workdays\": []}"},
	    {"2038.json", "{\"year\": 2038, \"year\": 2038, \"source\": \"t\", \"holidays\": [], "
	                  "\"workdays\": []}"},
	    {"2039.json", "{\"year\": 2039, \"source\": \"t\", \"holidays\": [], "
	                  "\"workdays\": [\"2045-01-07\"]}"},
	    {"2040.json", "{\"year\": 2040, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": 5, \"from\": \"2040-05-01\", \"to\": \"2040-05-02\"}], "
	                  "\"workdays\": []}"},
	    {"2041.json", "{\"year\": 2041, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": \"a\", \"from\": \"2041-10-01\", \"to\": \"2041-10-07\"}], "
	                  "\"workdays\": [\"2041-10-05\"]}"},
	    {"holidays-2042.json", "{}"},
	    {"2043.json", NULL},
	    {"2044.json", "\xff\xfe{"},
	    {"2045.json", "{\"year\": 2045, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": \"a\", \"from\": \"2045-01-01\", \"to\": \"2045-03-01\"}], "
	                  "\"workdays\": []}"},
	    {"2046.json", "{\"year\": 2046, \"source\": \"t\", \"holidays\": ["
	                  "{\"name\": \"a\", \"from\": \"2046-01-01\", \"to\": \"2046-01-02\", "
	                  "\"note\": 1}], \"workdays\": []}"},
	    {"2047.json", ""},
	};

	if (g_test_subprocess()) {
		g_autofree char *dir = holidays_dir();
		g_autofree char *y2027 = schedule(
		    2027, "{\"name\": \"元旦\", \"from\": \"2027-01-01\", \"to\": \"2027-01-01\"}",
		    "\"2026-10-03\"");
		g_autoptr(GArray) years = NULL;

		/* warnings are what this test expects; they must not abort it */
		g_log_set_always_fatal(G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
		g_assert_cmpint(weekday_of("2031-01-06"), ==, G_DATE_MONDAY);
		g_assert_cmpint(weekday_of("2041-10-05"), ==, G_DATE_SATURDAY);
		for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
			g_autofree char *path = g_build_filename(dir, files[i].name, NULL);

			if (files[i].text == NULL)
				g_assert_cmpint(g_mkdir(path, 0700), ==, 0);
			else
				write_file(dir, files[i].name, files[i].text);
		}
		write_file(dir, "2027.json", y2027);

		years = core_calendar_years();
		g_assert_cmpuint(years->len, ==, 3);
		g_assert_cmpint(g_array_index(years, int, 0), ==, 2025);
		g_assert_cmpint(g_array_index(years, int, 1), ==, 2026);
		g_assert_cmpint(g_array_index(years, int, 2), ==, 2027);
		g_assert_cmpstr(holiday("2027-01-01"), ==, "元旦");
		g_assert_cmpstr(holiday("2026-10-01"), ==, "国庆节"); /* the compiled-in 2026 */
		/* 2027's make-up day in 2026 disagrees with 2026's 国庆: 2026's holds */
		g_assert_cmpstr(holiday("2026-10-03"), ==, "国庆节");
		g_assert_false(workday("2026-10-03"));
		check_add("2026-09-28", 10, "2026-10-16");
		g_assert_true(workday("2032-05-03")); /* a Monday: weekends only */
		g_assert_true(year_missing(2032));
		remove_dir(dir);
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*2026.json ignored: line 1:*");
	g_test_trap_assert_stderr("*2030.json ignored: \"year\" is not 2030*");
	g_test_trap_assert_stderr(
	    "*2031.json ignored: workdays[0] (2031-01-06) is not a Saturday*");
	g_test_trap_assert_stderr("*2032.json ignored: 2032-05-05 is listed twice*");
	g_test_trap_assert_stderr("*2033.json ignored: unknown key \"workday\"*");
	g_test_trap_assert_stderr("*2034.json ignored: holidays[0] (a) runs from 2034-05-05 to*");
	g_test_trap_assert_stderr("*2035.json ignored: holidays[0].to is not a date*");
	g_test_trap_assert_stderr("*2036.json ignored: not a JSON object*");
	g_test_trap_assert_stderr("*2037.json ignored: \"source\"*missing*");
	g_test_trap_assert_stderr("*2038.json ignored: line 1:*duplicate*");
	g_test_trap_assert_stderr("*2039.json ignored: workdays[0] (2045-01-07) is not in 2039*");
	g_test_trap_assert_stderr("*2040.json ignored: holidays[0].name is not a name*");
	g_test_trap_assert_stderr("*2041.json ignored: 2041-10-05 is listed twice*");
	g_test_trap_assert_stderr("*holidays-2042.json ignored: the name is not YYYY.json*");
	g_test_trap_assert_stderr("*2043.json ignored: not a regular file*");
	g_test_trap_assert_stderr("*2044.json ignored: *");
	g_test_trap_assert_stderr(
	    "*2045.json ignored: holidays[0] (a) runs from*not 1 to 31 days*");
	g_test_trap_assert_stderr("*2046.json ignored: holidays[0] is not an object of exactly*");
	g_test_trap_assert_stderr("*2047.json ignored: *");
	g_test_trap_assert_stderr("*holiday schedules 2026 and 2027 disagree on 2026-10-03; "
	                          "2026's is used*");
	g_test_trap_assert_stderr_unmatched("*2027.json*");
}

struct ThreadResult {
	gboolean ok;
};

static gpointer count_in_thread(gpointer data)
{
	struct ThreadResult *r = data;
	GDate d;
	GDate out;

	date("2026-09-28", &d);
	core_calendar_add(&d, 10, &out);
	r->ok = g_date_get_day(&out) == 16 && g_date_get_month(&out) == 10 &&
	        core_calendar_between(&d, &out) == 10 && !workday("2026-10-03") &&
	        workday("2027-01-04");
	return NULL;
}

/* The first use from many threads at once loads the calendar once and counts right. */
static void test_threads(void)
{
	if (g_test_subprocess()) {
		struct ThreadResult r[8];
		GThread *t[8];

		for (guint i = 0; i < G_N_ELEMENTS(t); i++)
			t[i] = g_thread_new("calendar", count_in_thread, &r[i]);
		for (guint i = 0; i < G_N_ELEMENTS(t); i++) {
			g_thread_join(t[i]);
			g_assert_true(r[i].ok);
		}
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr_unmatched("*schedule for 2027*schedule for 2027*");
}

/* Out of range: a programming error (g_critical) that gives FROM; instants beyond 1–9999 are
 * clamped. */
static void test_limits(void)
{
	if (g_test_subprocess()) {
		GDate d;
		GDate out;
		GDate bad;

		date("2026-03-16", &d);
		g_test_expect_message("mishu-core", G_LOG_LEVEL_CRITICAL,
		                      "*CORE_CALENDAR_MAX_DAYS*");
		core_calendar_add(&d, CORE_CALENDAR_MAX_DAYS + 1, &out);
		g_test_assert_expected_messages();
		g_assert_cmpint(g_date_compare(&d, &out), ==, 0);

		g_date_set_dmy(&d, 1, 1, 1); /* beyond what core_date_parse accepts */
		g_test_expect_message("mishu-core", G_LOG_LEVEL_CRITICAL,
		                      "*leave the years 1-9999*");
		core_calendar_add(&d, -1, &out);
		g_test_assert_expected_messages();
		g_assert_cmpint(g_date_compare(&d, &out), ==, 0);

		g_date_set_dmy(&d, 31, 12, 9999);
		g_test_expect_message("mishu-core", G_LOG_LEVEL_CRITICAL,
		                      "*leave the years 1-9999*");
		core_calendar_add(&d, 1, &out);
		g_test_assert_expected_messages();

		g_date_clear(&bad, 1);
		g_test_expect_message("mishu-core", G_LOG_LEVEL_CRITICAL, "*date_ok*");
		g_assert_false(core_calendar_is_workday(&bad));
		g_test_assert_expected_messages();

		/* the first and last instants: every year counted (and each logged once) */
		g_assert_cmpint(core_calendar_working_minutes(G_MININT64, G_MAXINT64), >, 0);
		g_assert_cmpint(core_calendar_working_minutes(G_MAXINT64, G_MININT64), <, 0);
		g_assert_cmpint(core_calendar_working_minutes(G_MAXINT64 - 1, G_MAXINT64), ==, 0);
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*no holiday schedule for 1: weekends only*"
	                          "no holiday schedule for 9999: weekends only*");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	/* the compiled-in schedules only, whatever the environment */
	g_unsetenv("MISHU_HOLIDAYS_DIR");
	g_test_add_func("/calendar/add/acceptance", test_acceptance);
	g_test_add_func("/calendar/add/weekend", test_weekend);
	g_test_add_func("/calendar/add/zero", test_zero);
	g_test_add_func("/calendar/add/negative", test_negative);
	g_test_add_func("/calendar/add/year-boundary", test_year_boundary);
	g_test_add_func("/calendar/add/spring-festival", test_spring_festival);
	g_test_add_func("/calendar/missing-logged-once", test_missing_logged_once);
	g_test_add_func("/calendar/holiday-names", test_holiday_names);
	g_test_add_func("/calendar/between/random-pairs", test_random_pairs);
	g_test_add_func("/calendar/date/parse-format", test_parse_format);
	g_test_add_func("/calendar/working-minutes", test_working_minutes);
	g_test_add_func("/calendar/load/override", test_override);
	g_test_add_func("/calendar/load/malformed", test_malformed);
	g_test_add_func("/calendar/load/threads", test_threads);
	g_test_add_func("/calendar/limits", test_limits);
	return g_test_run();
}
