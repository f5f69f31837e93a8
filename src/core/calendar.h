/*
 * calendar — the working-day calendar that deadlines count on: weekends, statutory holidays and
 * make-up working days (调休), from one schedule file per year (data/holidays/YYYY.json, the
 * State Council General Office's notice; see data/holidays/README.md). Includes no other mishu
 * header but core.h (dates are parsed and formatted by core_date_parse and core_date_format).
 */
#ifndef MISHU_CORE_CALENDAR_H
#define MISHU_CORE_CALENDAR_H

#include "core/core.h"

#include <glib.h>

/* The most working days core_calendar_add counts, either way. */
#define CORE_CALENDAR_MAX_DAYS 3650

/* A working-day calendar: weekends are rest days except the make-up working days (调休) of the
 * year's schedule; the schedule's holidays are rest days. Years without a schedule fall back to
 * weekends only (core_calendar_missing_years says which were asked for). Thread-safe; loaded
 * once, on first use, from the compiled-in data/holidays/YYYY.json (GResource path
 * /mishu/data/holidays/…), and from MISHU_HOLIDAYS_DIR (a directory of YYYY.json files) when
 * that environment variable is set: a year found there replaces the compiled-in year. A file
 * that is not a valid schedule is logged with g_warning and ignored (for a year in
 * MISHU_HOLIDAYS_DIR, the compiled-in schedule of that year, if any, stays).
 *
 * Dates are valid GDates in the years 1–9999. TRUE when D is a working day. */
gboolean core_calendar_is_workday(const GDate *d);

/* Sets OUT to the date N working days after FROM, FROM itself not counted (民法典 Art. 201: a
 * period counted in days starts the next day), so a positive N always gives a working day; N = 0
 * gives FROM; N < 0 counts back the same way (FROM not counted; -1 from a Monday or a Sunday is
 * the Friday before). N outside ±CORE_CALENDAR_MAX_DAYS, or a count that leaves the years
 * 1–9999, is a programming error (g_critical) and gives FROM. */
void core_calendar_add(const GDate *from, int n, GDate *out);

/* The working days from A (exclusive) to B (inclusive) in the direction of B: the working days
 * D with A < D <= B, or minus those with B <= D < A when B is before A. So
 * core_calendar_between(A, X) is N for X = core_calendar_add(A, N), for every N. */
int core_calendar_between(const GDate *a, const GDate *b);

/* The name of the holiday D falls in ("国庆节"), including the weekend days inside the
 * holiday's range, or NULL (a working day, an ordinary weekend, a year without a schedule).
 * The string is owned by the calendar and lives as long as the program. */
const char *core_calendar_holiday(const GDate *d);

/* The years that have a schedule, ascending: a new GArray of int; caller g_array_unref()s. */
GArray *core_calendar_years(void);

/* The years asked about so far that had no schedule, ascending: a new GArray of int; caller
 * g_array_unref()s. Each such year is logged once, when first asked about, with g_message
 * "no holiday schedule for YYYY: weekends only". */
GArray *core_calendar_missing_years(void);

/* Sets the office hours core_calendar_working_minutes counts, in minutes after midnight; the
 * default is 08:30–12:00 and 14:30–18:00 (510, 720, 870, 1080). Returns FALSE and changes
 * nothing unless 0 <= AM_START <= AM_END <= PM_START <= PM_END <= 1440. */
gboolean core_calendar_set_hours(int am_start_min, int am_end_min, int pm_start_min,
                                 int pm_end_min);

/* The working time between two instants FROM and TO (Unix seconds, read in the office time
 * zone core_tz() with its offset at each instant), in whole minutes (rounded toward zero): only
 * the office hours of working days count. Negative when TO is before FROM. Instants outside the
 * years 1–9999 are taken as that range's ends. */
gint64 core_calendar_working_minutes(gint64 from, gint64 to);

#endif
