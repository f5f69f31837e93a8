/*
 * duty_leave.c — leave (请假, 休假, 出差) that keeps a person off the roster: recorded by the
 * duty office, refused while the person still holds shifts in those days (they are reassigned
 * first, so the roster never shows someone who is away).
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/core.h"

#include <string.h>

#define LEAVE_SELECT                                                                               \
	"SELECT l.id, u.username AS user, l.user_id, u.display_name AS name, l.from_day AS "       \
	"\"from\", l.to_day AS \"to\", l.reason FROM duty_leave l JOIN user_account u ON u.id = "  \
	"l.user_id"

json_t *duty_leave_list(DbConn *c, const char *from, const char *to, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new(LEAVE_SELECT);

	if (to)
		db_query_where(q, "l.from_day <= ?", "s", to);
	if (from)
		db_query_where(q, "l.to_day >= ?", "s", from);
	db_query_add(q, " ORDER BY l.from_day, l.id", NULL);
	return work_query_rows(WORK_ERRORS, c, q, err);
}

json_t *duty_leave_get(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such leave."),
	                LEAVE_SELECT " WHERE l.id = ?", "i", id);
}

json_t *duty_leave_of(DbConn *c, gint64 user, const char *from, const char *to, GError **err)
{
	return duty_rows(c, err,
	                 LEAVE_SELECT " WHERE l.user_id = ? AND l.from_day <= ? AND l.to_day >= ? "
	                              "ORDER BY l.from_day, l.id",
	                 "iss", user, to, from);
}

gboolean duty_leave_add(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                        GError **err)
{
	const char *from = json_string_value(json_object_get(obj, "from"));
	const char *to = json_string_value(json_object_get(obj, "to"));
	json_t *reason = json_object_get(obj, "reason");
	g_autoptr(json_t) held = NULL;
	gint64 user = 0;

	if (!json_is_object(obj))
		return duty_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_USER, "user",
	                      json_object_get(obj, "user"), &user, field, err))
		return FALSE;
	if (user == 0)
		return duty_fail(err, field, WORK_ERROR_INVALID, "user",
		                 N_("Choose the person on leave."));
	if (!core_date_valid(from))
		return duty_fail(err, field, WORK_ERROR_INVALID, "from",
		                 N_("Give the date as YYYY-MM-DD."));
	if (!core_date_valid(to))
		return duty_fail(err, field, WORK_ERROR_INVALID, "to",
		                 N_("Give the date as YYYY-MM-DD."));
	if (!work_check_order(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "from", from, "to", to))
		return FALSE;
	if (reason && !json_is_null(reason) &&
	    (!json_is_string(reason) ||
	     g_utf8_strlen(json_string_value(reason), -1) > DUTY_REASON_MAX))
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "reason",
		                          DUTY_REASON_MAX);
	/* the same lock as every roster change: no shift can be added meanwhile */
	if (!duty_exec(c, NULL, err, "UPDATE duty_revision SET n = n + 1 WHERE id = 1", NULL))
		return FALSE;
	held = duty_rows(c, err,
	                 "SELECT e.day, e.shift, u.display_name AS name FROM duty_entry e JOIN "
	                 "user_account u ON u.id = e.user_id WHERE e.user_id = ? AND e.day >= ? "
	                 "AND e.day <= ? ORDER BY e.day, e.shift",
	                 "iss", user, from, to);
	if (held == NULL)
		return FALSE;
	if (json_array_size(held) > 0) {
		g_autoptr(json_t) shifts = duty_shifts(c, err);
		json_t *h = json_array_get(held, 0), *s;
		char *msg;

		if (shifts == NULL)
			return FALSE;
		s = duty_shift_find(shifts, json_string_value(json_object_get(h, "shift")));
		msg = g_strdup_printf(
		    core_tr_now(N_("%s is on the roster on %s %s (%d shifts in these days): "
		                   "reassign them before recording the leave.")),
		    json_string_value(json_object_get(h, "name")),
		    json_string_value(json_object_get(h, "day")),
		    s ? json_string_value(json_object_get(s, "name"))
		      : json_string_value(json_object_get(h, "shift")),
		    (int)json_array_size(held));
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_CONFLICT, msg);
		g_free(msg);
		*field = "user";
		return FALSE;
	}
	return duty_exec(c, id, err,
	                 "INSERT INTO duty_leave (user_id, from_day, to_day, reason, created_by, "
	                 "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	                 "isssii", user, from, to,
	                 json_is_string(reason) ? json_string_value(reason) : "", u->id,
	                 core_now());
}

gboolean duty_leave_delete(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) gone =
	    duty_rows(c, err, "DELETE FROM duty_leave WHERE id = ? RETURNING id", "i", id);

	if (gone == NULL)
		return FALSE;
	if (json_array_size(gone) == 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such leave."));
		return FALSE;
	}
	return TRUE;
}
