/*
 * duty_roster.c — the roster itself: reading a range of days, changing it all or nothing with
 * every row checked (the shift exists, the person may serve, not on leave, not on two shifts at
 * once, one leader in charge a shift), and who is on duty at an instant.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/core.h"

#include <string.h>

#define ENTRY_SELECT                                                                               \
	"SELECT e.id, e.day AS date, e.shift, e.role, u.username AS user, e.user_id, "             \
	"u.display_name AS name, e.phone FROM duty_entry e JOIN user_account u ON u.id = "         \
	"e.user_id"

/* Sets "shift_name" of each row of ROWS from SHIFTS (the code itself for a shift since
 * removed). */
static void name_shifts(json_t *rows, json_t *shifts)
{
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		json_t *s = duty_shift_find(shifts, json_string_value(json_object_get(r, "shift")));
		json_object_set(r, "shift_name",
		                s ? json_object_get(s, "name") : json_object_get(r, "shift"));
	}
}

json_t *duty_entries(DbConn *c, const char *from, const char *to, GError **err)
{
	g_autoptr(json_t) shifts = duty_shifts(c, err);
	json_t *rows;

	if (shifts == NULL ||
	    (rows = duty_rows(c, err,
	                      ENTRY_SELECT " WHERE e.day >= ? AND e.day <= ? ORDER BY e.day, "
	                                   "e.shift, e.role, e.id",
	                      "ss", from, to)) == NULL)
		return NULL;
	name_shifts(rows, shifts);
	return rows;
}

json_t *duty_entry_get(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) shifts = duty_shifts(c, err);
	json_t *r, *one;

	if (shifts == NULL)
		return NULL;
	r = work_row(WORK_ERRORS, c, err, N_("There is no such roster entry."),
	             ENTRY_SELECT " WHERE e.id = ?", "i", id);
	if (r == NULL)
		return NULL;
	one = json_pack("[O]", r);
	name_shifts(one, shifts);
	json_decref(one);
	return r;
}

gboolean duty_entry_delete(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) gone = NULL;

	if (!duty_exec(c, NULL, err, "UPDATE duty_revision SET n = n + 1 WHERE id = 1", NULL))
		return FALSE;
	gone = duty_rows(c, err, "DELETE FROM duty_entry WHERE id = ? RETURNING id", "i", id);
	if (gone == NULL)
		return FALSE;
	if (json_array_size(gone) == 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such roster entry."));
		return FALSE;
	}
	return TRUE;
}

gboolean duty_revision(DbConn *c, gint64 *n, GError **err)
{
	g_autoptr(json_t) rows =
	    duty_rows(c, err, "SELECT n FROM duty_revision WHERE id = 1", NULL);

	if (rows == NULL)
		return FALSE;
	*n = json_integer_value(json_object_get(json_array_get(rows, 0), "n"));
	return TRUE;
}

/* The person of entry E, shaped for duty_now and the days: {id, user_id, user, name, phone}. */
static json_t *person(json_t *e)
{
	return json_pack("{s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(e, "id"), "user_id",
	                 json_object_get(e, "user_id"), "user", json_object_get(e, "user"), "name",
	                 json_object_get(e, "name"), "phone", json_object_get(e, "phone"));
}

/* Shift SHIFT of DATE from ENTRIES: {code, name, from, to, leader|null, officers}. */
static json_t *shift_cell(json_t *shift, const char *date, json_t *entries)
{
	json_t *leader = json_null(), *officers = json_array(), *e;
	const char *code = json_string_value(json_object_get(shift, "code"));
	size_t i;

	json_array_foreach (entries, i, e) {
		if (strcmp(json_string_value(json_object_get(e, "date")), date) != 0 ||
		    g_strcmp0(json_string_value(json_object_get(e, "shift")), code) != 0)
			continue;
		if (g_strcmp0(json_string_value(json_object_get(e, "role")), "leader") == 0 &&
		    json_is_null(leader)) {
			json_decref(leader);
			leader = person(e);
		} else {
			json_array_append_new(officers, person(e));
		}
	}
	return json_pack("{s:O, s:O, s:O, s:O, s:o, s:o}", "code", json_object_get(shift, "code"),
	                 "name", json_object_get(shift, "name"), "from",
	                 json_object_get(shift, "from"), "to", json_object_get(shift, "to"),
	                 "leader", leader, "officers", officers);
}

json_t *duty_roster(DbConn *c, const char *from, const char *to, GError **err)
{
	g_autoptr(json_t) shifts = duty_shifts(c, err);
	json_t *entries = NULL, *leave = NULL, *days;
	gint64 revision = 0;
	GDate d, last;

	if (shifts == NULL || !duty_revision(c, &revision, err) ||
	    (entries = duty_entries(c, from, to, err)) == NULL ||
	    (leave = duty_leave_list(c, from, to, err)) == NULL) {
		json_decref(entries);
		return NULL;
	}
	days = json_array();
	core_date_parse(from, &d);
	core_date_parse(to, &last);
	for (; g_date_compare(&d, &last) <= 0; g_date_add_days(&d, 1)) {
		g_autofree char *date = core_date_format(&d);
		json_t *cells = json_array(), *s;
		size_t i;

		json_array_foreach (shifts, i, s)
			json_array_append_new(cells, shift_cell(s, date, entries));
		json_array_append_new(days,
		                      json_pack("{s:s, s:i, s:o}", "date", date, "weekday",
		                                (int)g_date_get_weekday(&d), "shifts", cells));
	}
	return json_pack("{s:s, s:s, s:I, s:O, s:o, s:n, s:o, s:o}", "from", from, "to", to,
	                 "revision", (json_int_t)revision, "shifts", shifts, "items", entries,
	                 "next_cursor", "days", days, "leave", leave);
}

/* ---- who is on duty now ------------------------------------------------------------------- */

json_t *duty_now(DbConn *c, gint64 at, GError **err)
{
	g_autoptr(json_t) shifts = duty_shifts(c, err);
	g_autofree char *today = core_time_format(at, "%Y-%m-%d");
	g_autofree char *yesterday = NULL;
	json_t *cell = NULL, *s, *out;
	const char *on = today;
	GDate d;

	if (shifts == NULL)
		return NULL;
	if (today == NULL || !core_date_parse(today, &d)) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    N_("There is no such time."));
		return NULL;
	}
	g_date_subtract_days(&d, 1);
	yesterday = core_date_format(&d);
	/* a night shift after midnight is the previous day's */
	for (int k = 0; k < 2 && cell == NULL; k++) {
		const char *day = k ? today : yesterday;
		size_t i;

		json_array_foreach (shifts, i, s) {
			gint64 start, end;
			g_autoptr(json_t) entries = NULL;

			if (!duty_shift_span(s, day, &start, &end) || at < start || at >= end)
				continue;
			if ((entries = duty_entries(c, day, day, err)) == NULL)
				return NULL;
			cell = shift_cell(s, day, entries);
			on = day;
			break;
		}
	}
	if (cell == NULL)
		return json_pack("{s:s, s:n, s:n, s:[]}", "date", today, "shift", "leader",
		                 "officers");
	out = json_pack("{s:s, s:{s:O, s:O, s:O, s:O}, s:O, s:O}", "date", on, "shift", "code",
	                json_object_get(cell, "code"), "name", json_object_get(cell, "name"),
	                "from", json_object_get(cell, "from"), "to", json_object_get(cell, "to"),
	                "leader", json_object_get(cell, "leader"), "officers",
	                json_object_get(cell, "officers"));
	json_decref(cell);
	/* the entry's id is the roster's business, not the caller's */
	json_object_del(json_object_get(out, "leader"), "id");
	for (size_t i = 0; i < json_array_size(json_object_get(out, "officers")); i++)
		json_object_del(json_array_get(json_object_get(out, "officers"), i), "id");
	return out;
}
