/*
 * duty_handover.c — the handover log (交接班): at the end of a shift the outgoing officer writes
 * what happened and what is still open; the items left open are carried forward into every
 * later handover until one closes them, and the incoming officer acknowledges each handover
 * (and so the open items it carried) — the duty office can see who has not.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/core.h"

#include <string.h>

#define HANDOVER_SELECT                                                                            \
	"SELECT h.id, h.day AS date, h.shift, h.notes, h.created_at, h.acknowledged_at, "          \
	"f.username AS from_user, f.display_name AS from_name, t.username AS to_user, "            \
	"t.display_name AS to_name, h.to_user AS to_id FROM duty_handover h JOIN user_account f "  \
	"ON f.id = h.from_user JOIN user_account t ON t.id = h.to_user"

json_t *duty_handover_open(DbConn *c, GError **err)
{
	return duty_rows(c, err,
	                 "SELECT i.id, i.text, i.opened_in, h.created_at AS opened_at FROM "
	                 "duty_handover_item i JOIN duty_handover h ON h.id = i.opened_in WHERE "
	                 "i.closed_in IS NULL ORDER BY i.id",
	                 NULL);
}

/* Closes the open items LIST ([{"id", "note"?}]) in handover ID. */
static gboolean close_items(DbConn *c, gint64 id, json_t *list, const char **field, GError **err)
{
	json_t *x;
	size_t i;

	if (list == NULL || json_is_null(list))
		return TRUE;
	if (!json_is_array(list) || json_array_size(list) > 100)
		return duty_fail(err, field, WORK_ERROR_INVALID, "close",
		                 N_("List the open items that are done."));
	json_array_foreach (list, i, x) {
		json_t *item = json_is_object(x) ? json_object_get(x, "id") : x;
		const char *note = "";
		g_autoptr(json_t) done = NULL;

		if (!json_is_integer(item))
			return duty_fail(err, field, WORK_ERROR_INVALID, "close",
			                 N_("Name each open item by its number."));
		if (json_is_object(x) && !work_text_field(WORK_ERRORS, WORK_ERROR_INVALID, x,
		                                          "note", DUTY_ITEM_MAX, &note, field, err))
			return FALSE;
		done =
		    duty_rows(c, err,
		              "UPDATE duty_handover_item SET closed_in = ?, closed_note = ? WHERE "
		              "id = ? AND closed_in IS NULL AND opened_in <> ? RETURNING id",
		              "isii", id, note, (gint64)json_integer_value(item), id);
		if (done == NULL)
			return FALSE;
		if (json_array_size(done) == 0)
			return duty_fail(err, field, WORK_ERROR_CONFLICT, "close",
			                 N_("This item is not open (any more)."));
	}
	return TRUE;
}

gboolean duty_handover_add(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                           const char **field, GError **err)
{
	g_autoptr(json_t) now = NULL;
	json_t *items, *x, *shift;
	const char *notes = NULL;
	gint64 to = 0;
	size_t i;

	if (!json_is_object(obj))
		return duty_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_USER, "to",
	                      json_object_get(obj, "to"), &to, field, err))
		return FALSE;
	if (to == 0)
		return duty_fail(err, field, WORK_ERROR_INVALID, "to",
		                 N_("Name the incoming officer."));
	if (to == u->id)
		return duty_fail(err, field, WORK_ERROR_INVALID, "to",
		                 N_("Hand over to someone else."));
	if (!work_text_field(WORK_ERRORS, WORK_ERROR_INVALID, obj, "notes", DUTY_NOTES_MAX, &notes,
	                     field, err))
		return FALSE;
	items = json_object_get(obj, "items");
	if (items && !json_is_null(items) && (!json_is_array(items) || json_array_size(items) > 50))
		return duty_fail(err, field, WORK_ERROR_INVALID, "items",
		                 N_("List the open items, at most 50."));
	json_array_foreach (items, i, x)
		if (!json_is_string(x) || core_text_blank(json_string_value(x)) ||
		    g_utf8_strlen(json_string_value(x), -1) > DUTY_ITEM_MAX)
			return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID,
			                          "items", DUTY_ITEM_MAX);
	if ((now = duty_now(c, core_now(), err)) == NULL)
		return FALSE;
	shift = json_object_get(now, "shift");
	if (!duty_exec(c, id, err,
	               "INSERT INTO duty_handover (day, shift, from_user, to_user, notes, "
	               "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	               "ssiisi", json_string_value(json_object_get(now, "date")),
	               json_is_object(shift) ? json_string_value(json_object_get(shift, "code"))
	                                     : "",
	               u->id, to, notes, core_now()))
		return FALSE;
	/* what stays open is carried forward: every item open before this handover, less those it
	 * closes */
	if (!close_items(c, *id, json_object_get(obj, "close"), field, err) ||
	    !duty_exec(c, NULL, err,
	               "INSERT INTO duty_handover_carry (handover_id, item_id) SELECT ?, id FROM "
	               "duty_handover_item WHERE closed_in IS NULL",
	               "i", *id))
		return FALSE;
	json_array_foreach (items, i, x)
		if (!duty_exec(c, NULL, err,
		               "INSERT INTO duty_handover_item (text, opened_in) VALUES (?, ?)",
		               "si", json_string_value(x), *id))
			return FALSE;
	return TRUE;
}

gboolean duty_handover_ack(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	g_autoptr(json_t) h =
	    work_row(WORK_ERRORS, c, err, N_("There is no such handover."),
	             "SELECT to_user, acknowledged_at FROM duty_handover WHERE id = ?", "i", id);
	g_autoptr(json_t) done = NULL;

	if (h == NULL)
		return FALSE;
	if (json_integer_value(json_object_get(h, "to_user")) != u->id) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_FORBIDDEN,
		                    N_("Only the incoming officer can acknowledge this handover."));
		return FALSE;
	}
	if (!json_is_null(json_object_get(h, "acknowledged_at"))) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("This handover is already acknowledged."));
		return FALSE;
	}
	/* two acknowledgements at once: the second finds it done */
	done = duty_rows(c, err,
	                 "UPDATE duty_handover SET acknowledged_at = ? WHERE id = ? AND "
	                 "acknowledged_at IS NULL RETURNING id",
	                 "ii", core_now(), id);
	if (done == NULL)
		return FALSE;
	if (json_array_size(done) == 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("This handover is already acknowledged."));
		return FALSE;
	}
	return TRUE;
}

/* Shapes handover row H: "from" and "to" {user, name}, "shift_name", its items. */
static gboolean handover_shape(DbConn *c, json_t *shifts, json_t *h, GError **err)
{
	gint64 id = json_integer_value(json_object_get(h, "id"));
	json_t *s = duty_shift_find(shifts, json_string_value(json_object_get(h, "shift")));
	json_t *opened, *carried, *closed;

	if ((opened = duty_rows(c, err,
	                        "SELECT id, text, CASE WHEN closed_in IS NULL THEN 0 ELSE 1 END "
	                        "AS closed FROM duty_handover_item WHERE opened_in = ? ORDER BY id",
	                        "i", id)) == NULL)
		return FALSE;
	json_object_set_new(h, "opened", opened);
	if ((carried = duty_rows(c, err,
	                         "SELECT i.id, i.text, CASE WHEN i.closed_in IS NULL THEN 0 ELSE 1 "
	                         "END AS closed FROM duty_handover_carry k JOIN duty_handover_item "
	                         "i ON i.id = k.item_id WHERE k.handover_id = ? ORDER BY i.id",
	                         "i", id)) == NULL)
		return FALSE;
	json_object_set_new(h, "carried", carried);
	if ((closed =
	         duty_rows(c, err,
	                   "SELECT id, text, closed_note AS note FROM duty_handover_item WHERE "
	                   "closed_in = ? ORDER BY id",
	                   "i", id)) == NULL)
		return FALSE;
	json_object_set_new(h, "closed", closed);
	json_object_set(h, "shift_name",
	                s ? json_object_get(s, "name") : json_object_get(h, "shift"));
	json_object_set_new(h, "from",
	                    json_pack("{s:O, s:O}", "user", json_object_get(h, "from_user"), "name",
	                              json_object_get(h, "from_name")));
	json_object_set_new(h, "to",
	                    json_pack("{s:O, s:O}", "user", json_object_get(h, "to_user"), "name",
	                              json_object_get(h, "to_name")));
	json_object_set_new(h, "acknowledged",
	                    json_boolean(!json_is_null(json_object_get(h, "acknowledged_at"))));
	json_object_del(h, "from_user");
	json_object_del(h, "from_name");
	json_object_del(h, "to_user");
	json_object_del(h, "to_name");
	return TRUE;
}

json_t *duty_handover_get(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) shifts = duty_shifts(c, err);
	json_t *h;

	if (shifts == NULL)
		return NULL;
	h = work_row(WORK_ERRORS, c, err, N_("There is no such handover."),
	             HANDOVER_SELECT " WHERE h.id = ?", "i", id);
	if (h && !handover_shape(c, shifts, h, err))
		g_clear_pointer(&h, json_decref);
	return h;
}

json_t *duty_handover_list(DbConn *c, gint64 before, int limit, GError **err)
{
	g_autoptr(json_t) shifts = duty_shifts(c, err);
	g_autoptr(DbQuery) q = db_query_new(HANDOVER_SELECT);
	json_t *rows, *h;
	size_t i;

	if (shifts == NULL)
		return NULL;
	if (before > 0)
		db_query_where(q, "h.id < ?", "i", before);
	db_query_add(q, " ORDER BY h.id DESC", NULL);
	db_query_limit(q, limit);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	json_array_foreach (rows, i, h)
		if (!handover_shape(c, shifts, h, err)) {
			json_decref(rows);
			return NULL;
		}
	return rows;
}
