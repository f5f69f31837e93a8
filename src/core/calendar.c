/*
 * The working-day calendar (calendar.h). The schedule files are read and checked once, merged
 * into one sorted table of the days that break the weekday rule (holidays on weekdays, make-up
 * working days on weekends, and the holidays' weekend days for their names), with a running sum
 * of how far each moves the count; any count is then two binary searches, however long the span.
 */
#define G_LOG_DOMAIN "mishu-core"

#include "core/calendar.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <stdarg.h>
#include <string.h>

/* The bundle generated from mishu.gresource.xml. */
extern GResource *mishu_get_resource(void);

#define RESOURCE_DIR    "/mishu/data/holidays"
#define MAX_FILE_BYTES  (256 * 1024)
#define MAX_RANGE_DAYS  31
#define MAX_NAME_BYTES  120
#define MIN_JULIAN      1u       /* 0001-01-01 */
#define MAX_JULIAN      3652059u /* 9999-12-31 */
#define EPOCH_JULIAN    719163   /* 1970-01-01 */
#define SECONDS_PER_DAY 86400
/* The first and last second, counted in office time from 1970-01-01 00:00, of the years
 * 1–9999. */
#define MIN_LOCAL (((gint64)MIN_JULIAN - EPOCH_JULIAN) * SECONDS_PER_DAY)
#define MAX_LOCAL (((gint64)MAX_JULIAN - EPOCH_JULIAN + 1) * SECONDS_PER_DAY - 1)

typedef enum {
	DAY_REST, /* in a holiday's range */
	DAY_WORK, /* a make-up working day on a weekend */
} DayKind;

/* A day a schedule lists. */
typedef struct {
	guint32 julian;
	DayKind kind;
	const char *name; /* interned; the holiday's, NULL for a working day */
	int year;         /* of the schedule that lists it */
	gboolean own;     /* the day is in that year (not a neighbouring year's edge) */
} Day;

/* One year's schedule file, checked. */
typedef struct {
	int year;
	GArray *days; /* of Day, sorted by julian, each julian once */
} Schedule;

/* The calendar, built once by calendar_load() and then only read. */
static struct {
	GArray *days;      /* of Day: every schedule merged, sorted by julian, each julian once */
	gint64 *delta_sum; /* [i]: working days gained (+) or lost (-) by days[0..i] */
	GArray *years;     /* of int, ascending: the years with a schedule */
} cal;

static gsize cal_loaded;

G_LOCK_DEFINE_STATIC(missing);
static GHashTable *missing; /* of year: asked about without a schedule */

G_LOCK_DEFINE_STATIC(hours);
static int hours[4] = {8 * 60 + 30, 12 * 60, 14 * 60 + 30, 18 * 60};

/* ==== Days ================================================================================== */

/* 1 for Monday … 7 for Sunday (0001-01-01, julian 1, was a Monday). */
static int weekday(guint32 j)
{
	return (int)((j - 1) % 7) + 1;
}

/* The number of Mondays to Fridays among the julian days 1..J. */
static gint64 weekdays_upto(guint32 j)
{
	return (gint64)(j / 7) * 5 + MIN(j % 7, 5);
}

static int year_of(guint32 j)
{
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_julian(&d, j);
	return g_date_get_year(&d);
}

static char *julian_format(guint32 j)
{
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_julian(&d, j);
	return core_date_format(&d);
}

/* TRUE when D is a valid date in the years 1–9999. */
static gboolean date_ok(const GDate *d)
{
	return d != NULL && g_date_valid(d) && g_date_get_julian(d) <= MAX_JULIAN;
}

static int day_cmp_julian(const void *a, const void *b)
{
	guint32 ja = ((const Day *)a)->julian;
	guint32 jb = ((const Day *)b)->julian;

	return ja < jb ? -1 : ja > jb;
}

/* By julian; for one julian, the entry of the day's own year's schedule first. */
static gint day_cmp_merge(gconstpointer a, gconstpointer b)
{
	const Day *x = a;
	const Day *y = b;
	int c = day_cmp_julian(a, b);

	if (c != 0)
		return c;
	if (x->own != y->own)
		return x->own ? -1 : 1;
	return x->year - y->year;
}

/* The index of the first day after J in the calendar (its length when none). */
static guint days_after(guint32 j)
{
	guint lo = 0;
	guint hi = cal.days->len;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;

		if (g_array_index(cal.days, Day, mid).julian <= j)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The calendar's entry for J, or NULL. */
static const Day *day_find(guint32 j)
{
	guint i = days_after(j);

	if (i > 0 && g_array_index(cal.days, Day, i - 1).julian == j)
		return &g_array_index(cal.days, Day, i - 1);
	return NULL;
}

static gboolean is_work(guint32 j)
{
	const Day *day = day_find(j);

	if (day != NULL)
		return day->kind == DAY_WORK;
	return weekday(j) <= 5;
}

/* The number of working days among the julian days 1..J (0 for J = 0). */
static gint64 workdays_upto(guint32 j)
{
	guint i = days_after(j);

	return weekdays_upto(j) + (i > 0 ? cal.delta_sum[i - 1] : 0);
}

/* core_calendar_between on julian days. */
static gint64 count_between(guint32 ja, guint32 jb)
{
	if (jb >= ja)
		return workdays_upto(jb) - workdays_upto(ja);
	return -(workdays_upto(ja - 1) - workdays_upto(jb - 1));
}

/* ==== Years asked about ===================================================================== */

static gboolean has_schedule(int year)
{
	guint lo = 0;
	guint hi = cal.years->len;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		int y = g_array_index(cal.years, int, mid);

		if (y == year)
			return TRUE;
		if (y < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return FALSE;
}

/* Records that the julian days J1..J2 were asked about: each year among them without a
 * schedule is noted as missing, and logged the first time. */
static void note_years(guint32 j1, guint32 j2)
{
	int y2 = year_of(j2);

	for (int y = year_of(j1); y <= y2; y++) {
		gboolean first = FALSE;

		if (has_schedule(y))
			continue;
		G_LOCK(missing);
		if (missing == NULL)
			missing = g_hash_table_new(NULL, NULL);
		first = g_hash_table_add(missing, GINT_TO_POINTER(y));
		G_UNLOCK(missing);
		if (first)
			g_message("no holiday schedule for %d: weekends only", y);
	}
}

/* ==== Schedule files ======================================================================== */

static GQuark calendar_error_quark(void)
{
	return g_quark_from_static_string("mishu-core-calendar-error-quark");
}

G_GNUC_PRINTF(2, 3)
static void fail(GError **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_propagate_error(err, g_error_new_valist(calendar_error_quark(), 0, fmt, ap));
	va_end(ap);
}

/* The year of a file named 'YYYY.json' (0001–9999), or 0 for any other name. */
static int file_year(const char *name)
{
	int y = 0;

	if (strlen(name) != 9 || strcmp(name + 4, ".json") != 0)
		return 0;
	for (int i = 0; i < 4; i++) {
		if (!g_ascii_isdigit(name[i]))
			return 0;
		y = y * 10 + (name[i] - '0');
	}
	return y;
}

/* The julian day of V, a 'YYYY-MM-DD' string in YEAR or a neighbouring year; 0 with ERR when it
 * is not. WHAT names V in the message. */
static guint32 json_date(json_t *v, int year, const char *what, GError **err)
{
	GDate d;
	int y;

	if (!json_is_string(v) || !core_date_parse(json_string_value(v), &d)) {
		fail(err, "%s is not a date 'YYYY-MM-DD'", what);
		return 0;
	}
	y = g_date_get_year(&d);
	if (y < year - 1 || y > year + 1) {
		fail(err, "%s (%s) is not in %d or next to it", what, json_string_value(v), year);
		return 0;
	}
	return g_date_get_julian(&d);
}

static void day_add(Schedule *s, guint32 j, DayKind kind, const char *name)
{
	Day day = {j, kind, name, s->year, year_of(j) == s->year};

	g_array_append_val(s->days, day);
}

/* Adds the days of holiday H (an object with exactly "name", "from" and "to") to S. */
static gboolean holiday_parse(Schedule *s, json_t *h, size_t i, GError **err)
{
	g_autofree char *what = g_strdup_printf("holidays[%zu]", i);
	g_autofree char *what_from = g_strconcat(what, ".from", NULL);
	g_autofree char *what_to = g_strconcat(what, ".to", NULL);
	json_t *name = json_object_get(h, "name");
	const char *text;
	guint32 from;
	guint32 to;

	if (!json_is_object(h) || json_object_size(h) != 3 || name == NULL) {
		fail(err, "%s is not an object of exactly \"name\", \"from\" and \"to\"", what);
		return FALSE;
	}
	text = json_string_value(name);
	if (text == NULL || *text == '\0' || strlen(text) != json_string_length(name) ||
	    strlen(text) > MAX_NAME_BYTES) {
		fail(err, "%s.name is not a name of 1 to %d bytes", what, MAX_NAME_BYTES);
		return FALSE;
	}
	if ((from = json_date(json_object_get(h, "from"), s->year, what_from, err)) == 0 ||
	    (to = json_date(json_object_get(h, "to"), s->year, what_to, err)) == 0)
		return FALSE;
	if (to < from || to - from >= MAX_RANGE_DAYS) {
		fail(err, "%s (%s) runs from %s to %s: not 1 to %d days", what, text,
		     json_string_value(json_object_get(h, "from")),
		     json_string_value(json_object_get(h, "to")), MAX_RANGE_DAYS);
		return FALSE;
	}
	text = g_intern_string(text);
	for (guint32 j = from; j <= to; j++)
		day_add(s, j, DAY_REST, text);
	return TRUE;
}

static void schedule_free(Schedule *s)
{
	if (s == NULL)
		return;
	g_array_unref(s->days);
	g_free(s);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Schedule, schedule_free)

/* Reads and checks the schedule file for YEAR (DATA, LEN bytes): an object of exactly "year"
 * (YEAR), "source" (the notice, a non-empty string), "holidays" (an array of {"name", "from",
 * "to"}: inclusive ranges of 1 to 31 days) and "workdays" (an array of dates, each a Saturday or
 * Sunday); every date in YEAR or a neighbouring year, no day listed twice (holidays do not
 * overlap, no make-up day inside a holiday). Returns NULL with ERR saying what is wrong. */
static Schedule *schedule_parse(const char *data, gsize len, int year, GError **err)
{
	g_autoptr(Schedule) s = NULL;
	json_error_t je;
	json_t *root = NULL;
	json_t *v;
	const char *key;
	size_t i;

	if (len > MAX_FILE_BYTES) {
		fail(err, "larger than %d KiB", MAX_FILE_BYTES / 1024);
		return NULL;
	}
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		fail(err, "line %d: %s", je.line, je.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		fail(err, "not a JSON object");
		goto out;
	}
	json_object_foreach (root, key, v) {
		if (strcmp(key, "year") != 0 && strcmp(key, "source") != 0 &&
		    strcmp(key, "holidays") != 0 && strcmp(key, "workdays") != 0) {
			fail(err, "unknown key \"%s\"", key);
			goto out;
		}
	}
	v = json_object_get(root, "year");
	if (!json_is_integer(v) || json_integer_value(v) != year) {
		fail(err, "\"year\" is not %d", year);
		goto out;
	}
	v = json_object_get(root, "source");
	if (!json_is_string(v) || json_string_length(v) == 0) {
		fail(err, "\"source\" (the notice the schedule comes from) is missing");
		goto out;
	}
	if (!json_is_array(json_object_get(root, "holidays")) ||
	    !json_is_array(json_object_get(root, "workdays"))) {
		fail(err, "\"holidays\" or \"workdays\" is not an array");
		goto out;
	}

	s = g_new0(Schedule, 1);
	s->year = year;
	s->days = g_array_new(FALSE, FALSE, sizeof(Day));
	json_array_foreach (json_object_get(root, "holidays"), i, v) {
		if (!holiday_parse(s, v, i, err))
			goto out;
	}
	json_array_foreach (json_object_get(root, "workdays"), i, v) {
		g_autofree char *what = g_strdup_printf("workdays[%zu]", i);
		guint32 j = json_date(v, year, what, err);

		if (j == 0)
			goto out;
		if (weekday(j) <= 5) {
			fail(err, "%s (%s) is not a Saturday or Sunday", what,
			     json_string_value(v));
			goto out;
		}
		day_add(s, j, DAY_WORK, NULL);
	}
	g_array_sort(s->days, day_cmp_julian);
	for (i = 1; i < s->days->len; i++) {
		if (g_array_index(s->days, Day, i).julian ==
		    g_array_index(s->days, Day, i - 1).julian) {
			g_autofree char *date =
			    julian_format(g_array_index(s->days, Day, i).julian);

			fail(err,
			     "%s is listed twice (overlapping holidays or a make-up day inside "
			     "a holiday)",
			     date);
			goto out;
		}
	}
out:
	json_decref(root);
	if (err != NULL && *err != NULL)
		return NULL;
	return g_steal_pointer(&s);
}

/* Checks DATA as the schedule for YEAR and puts it in SCHEDULES (year → Schedule), replacing
 * one loaded before; a file that is not a schedule is logged and left out. LABEL names it. */
static void schedule_load(GHashTable *schedules, const char *label, const char *data, gsize len,
                          int year)
{
	g_autoptr(GError) err = NULL;
	Schedule *s = schedule_parse(data, len, year, &err);

	if (s == NULL) {
		g_warning("holiday schedule %s ignored: %s", label, err->message);
		return;
	}
	g_hash_table_replace(schedules, GINT_TO_POINTER(year), s);
}

static void load_resources(GHashTable *schedules)
{
	g_autoptr(GError) err = NULL;
	g_auto(GStrv) names = g_resource_enumerate_children(mishu_get_resource(), RESOURCE_DIR,
	                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &err);

	if (names == NULL) {
		g_warning("no compiled-in holiday schedules: %s", err->message);
		return;
	}
	for (char **n = names; *n != NULL; n++) {
		g_autofree char *path = g_strconcat(RESOURCE_DIR "/", *n, NULL);
		g_autoptr(GBytes) b = NULL;
		int year = file_year(*n);

		if (year == 0)
			continue;
		b = g_resource_lookup_data(mishu_get_resource(), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
		                           NULL);
		if (b != NULL)
			schedule_load(schedules, path, g_bytes_get_data(b, NULL),
			              g_bytes_get_size(b), year);
	}
}

static gint str_ptr_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads DIR's YYYY.json files, in name order, over the compiled-in ones. */
static void load_dir(GHashTable *schedules, const char *dir)
{
	g_autoptr(GError) err = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(dir, 0, &err);
	const char *name;

	if (d == NULL) {
		g_warning("MISHU_HOLIDAYS_DIR: %s", err->message);
		return;
	}
	while ((name = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, str_ptr_cmp);

	for (guint i = 0; i < names->len; i++) {
		const char *n = names->pdata[i];
		g_autofree char *path = g_build_filename(dir, n, NULL);
		g_autofree char *data = NULL;
		g_autoptr(GError) rerr = NULL;
		int year = file_year(n);
		GStatBuf st;
		gsize len = 0;

		if (year == 0) {
			if (g_str_has_suffix(n, ".json"))
				g_warning("holiday schedule %s ignored: the name is not YYYY.json",
				          path);
			continue;
		}
		if (g_stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_FILE_BYTES) {
			g_warning(
			    "holiday schedule %s ignored: not a regular file of at most %d KiB",
			    path, MAX_FILE_BYTES / 1024);
			continue;
		}
		if (!g_file_get_contents(path, &data, &len, &rerr)) {
			g_warning("holiday schedule %s ignored: %s", path, rerr->message);
			continue;
		}
		schedule_load(schedules, path, data, len, year);
	}
}

static gint int_cmp(gconstpointer a, gconstpointer b)
{
	int x = *(const int *)a;
	int y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* Builds the calendar from SCHEDULES. A day listed by two schedules (a holiday running into the
 * next year) takes the entry of its own year's schedule; when they disagree, that is logged. */
static void merge(GHashTable *schedules)
{
	GHashTableIter it;
	gpointer key;
	gpointer value;
	GArray *all = g_array_new(FALSE, FALSE, sizeof(Day));
	gint64 sum = 0;

	cal.years = g_array_new(FALSE, FALSE, sizeof(int));
	g_hash_table_iter_init(&it, schedules);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		Schedule *s = value;

		g_array_append_val(cal.years, s->year);
		g_array_append_vals(all, s->days->data, s->days->len);
	}
	g_array_sort(cal.years, int_cmp);
	g_array_sort(all, day_cmp_merge);

	cal.days = g_array_new(FALSE, FALSE, sizeof(Day));
	for (guint i = 0; i < all->len; i++) {
		const Day *day = &g_array_index(all, Day, i);

		if (cal.days->len > 0) {
			const Day *kept = &g_array_index(cal.days, Day, cal.days->len - 1);

			if (kept->julian == day->julian) {
				if (kept->kind != day->kind) {
					g_autofree char *date = julian_format(day->julian);

					g_warning("holiday schedules %d and %d disagree on %s; "
					          "%d's is used",
					          kept->year, day->year, date, kept->year);
				}
				continue;
			}
		}
		g_array_append_val(cal.days, *day);
	}
	g_array_unref(all);

	cal.delta_sum = g_new0(gint64, MAX(cal.days->len, 1));
	for (guint i = 0; i < cal.days->len; i++) {
		const Day *day = &g_array_index(cal.days, Day, i);
		gboolean weekend = weekday(day->julian) > 5;

		if (day->kind == DAY_REST && !weekend)
			sum--;
		else if (day->kind == DAY_WORK && weekend)
			sum++;
		cal.delta_sum[i] = sum;
	}
}

/* Loads the calendar on first use; every public function calls this first. */
static void calendar_load(void)
{
	g_autoptr(GHashTable) schedules = NULL;
	const char *dir;

	if (!g_once_init_enter(&cal_loaded))
		return;
	schedules = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)schedule_free);
	load_resources(schedules);
	dir = g_getenv("MISHU_HOLIDAYS_DIR");
	if (dir != NULL && *dir != '\0')
		load_dir(schedules, dir);
	merge(schedules);
	g_once_init_leave(&cal_loaded, 1);
}

/* ==== The API =============================================================================== */

gboolean core_calendar_is_workday(const GDate *d)
{
	guint32 j;

	g_return_val_if_fail(date_ok(d), FALSE);
	calendar_load();
	j = g_date_get_julian(d);
	note_years(j, j);
	return is_work(j);
}

void core_calendar_add(const GDate *from, int n, GDate *out)
{
	guint32 j0;
	guint32 j;
	int left = ABS(n);

	g_return_if_fail(out != NULL);
	g_return_if_fail(date_ok(from));
	*out = *from;
	g_return_if_fail(n >= -CORE_CALENDAR_MAX_DAYS && n <= CORE_CALENDAR_MAX_DAYS);
	calendar_load();
	j0 = j = g_date_get_julian(from);
	while (left > 0) {
		if ((n < 0 && j == MIN_JULIAN) || (n > 0 && j == MAX_JULIAN)) {
			g_autofree char *date = core_date_format(from);

			g_critical("%s: %d working days from %s leave the years 1-9999", G_STRFUNC,
			           n, date);
			return;
		}
		j += n < 0 ? -1 : 1;
		if (is_work(j))
			left--;
	}
	note_years(MIN(j0, j), MAX(j0, j));
	g_date_clear(out, 1);
	g_date_set_julian(out, j);
}

int core_calendar_between(const GDate *a, const GDate *b)
{
	guint32 ja;
	guint32 jb;

	g_return_val_if_fail(date_ok(a) && date_ok(b), 0);
	calendar_load();
	ja = g_date_get_julian(a);
	jb = g_date_get_julian(b);
	note_years(MIN(ja, jb), MAX(ja, jb));
	return (int)count_between(ja, jb);
}

const char *core_calendar_holiday(const GDate *d)
{
	const Day *day;
	guint32 j;

	g_return_val_if_fail(date_ok(d), NULL);
	calendar_load();
	j = g_date_get_julian(d);
	note_years(j, j);
	day = day_find(j);
	return day != NULL && day->kind == DAY_REST ? day->name : NULL;
}

GArray *core_calendar_years(void)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(int));

	calendar_load();
	g_array_append_vals(out, cal.years->data, cal.years->len);
	return out;
}

GArray *core_calendar_missing_years(void)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(int));

	calendar_load();
	G_LOCK(missing);
	if (missing != NULL) {
		GHashTableIter it;
		gpointer key;

		g_hash_table_iter_init(&it, missing);
		while (g_hash_table_iter_next(&it, &key, NULL)) {
			int y = GPOINTER_TO_INT(key);

			g_array_append_val(out, y);
		}
	}
	G_UNLOCK(missing);
	g_array_sort(out, int_cmp);
	return out;
}

gboolean core_calendar_set_hours(int am_start_min, int am_end_min, int pm_start_min, int pm_end_min)
{
	if (am_start_min < 0 || am_start_min > am_end_min || am_end_min > pm_start_min ||
	    pm_start_min > pm_end_min || pm_end_min > 24 * 60)
		return FALSE;
	G_LOCK(hours);
	hours[0] = am_start_min;
	hours[1] = am_end_min;
	hours[2] = pm_start_min;
	hours[3] = pm_end_min;
	G_UNLOCK(hours);
	return TRUE;
}

static gint64 overlap(gint64 a0, gint64 a1, gint64 b0, gint64 b1)
{
	return MAX(0, MIN(a1, b1) - MAX(a0, b0));
}

/* The office seconds of day J between its seconds S0 and S1, with office hours H. */
static gint64 day_seconds(guint32 j, gint64 s0, gint64 s1, const int h[4])
{
	if (!is_work(j))
		return 0;
	return overlap(s0, s1, h[0] * 60, h[1] * 60) + overlap(s0, s1, h[2] * 60, h[3] * 60);
}

/* The office-time julian day of the Unix time T, and its second in that day: T read in
 * core_tz() with the zone's offset at T (daylight saving included), then taken into the years
 * 1–9999. */
static guint32 local_day(gint64 t, gint64 *second)
{
	GTimeZone *tz = core_tz();
	gint64 local;
	gint64 day;
	int i;

	/* a day's margin either side keeps the addition in range whatever the offset */
	t = CLAMP(t, MIN_LOCAL - SECONDS_PER_DAY, MAX_LOCAL + SECONDS_PER_DAY);
	i = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, t);
	local = CLAMP(t + (i >= 0 ? g_time_zone_get_offset(tz, i) : 0), MIN_LOCAL, MAX_LOCAL);
	day = local / SECONDS_PER_DAY;

	*second = local % SECONDS_PER_DAY;
	if (*second < 0) {
		*second += SECONDS_PER_DAY;
		day--;
	}
	return (guint32)(day + EPOCH_JULIAN);
}

gint64 core_calendar_working_minutes(gint64 from, gint64 to)
{
	int h[4];
	gint64 sf;
	gint64 st;
	gint64 secs;
	guint32 jf;
	guint32 jt;

	if (to < from)
		return -core_calendar_working_minutes(to, from);
	calendar_load();
	G_LOCK(hours);
	memcpy(h, hours, sizeof h);
	G_UNLOCK(hours);
	jf = local_day(from, &sf);
	jt = local_day(to, &st);
	note_years(jf, jt);
	/* an hour set back (daylight saving ending) can read a later instant as an earlier time */
	if (jt < jf || (jt == jf && st < sf))
		return 0;
	if (jf == jt) {
		secs = day_seconds(jf, sf, st, h);
	} else {
		secs = day_seconds(jf, sf, SECONDS_PER_DAY, h) + day_seconds(jt, 0, st, h) +
		       count_between(jf, jt - 1) * (gint64)((h[1] - h[0]) + (h[3] - h[2])) * 60;
	}
	return secs / 60;
}
