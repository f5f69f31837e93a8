/*
 * meet_feed.c — each person's calendar feed of their meetings: a secret URL a calendar program
 * polls (GET /api/v1/me/calendar.ics?token=…, no session), one token per person kept only as
 * its hash, replaced when made again and gone when revoked. The feed holds the meetings the
 * person is called to from 90 days ago on, cancelled ones marked so calendars drop them.
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"

#define FEED_PAST (90 * 86400)

gboolean meet_feed_create(DbConn *c, gint64 user_id, char **token, GError **err)
{
	g_autofree char *secret = auth_random_token(32);
	g_autofree char *hash = auth_secret_hash(secret);

	if (!meet_exec(c, NULL, err, "DELETE FROM calendar_feed WHERE user_id = ?", "i", user_id) ||
	    !meet_exec(
	        c, NULL, err,
	        "INSERT INTO calendar_feed (user_id, token_hash, created_at) VALUES (?, ?, ?)",
	        "isi", user_id, hash, core_now()))
		return FALSE;
	*token = g_steal_pointer(&secret);
	return TRUE;
}

gboolean meet_feed_revoke(DbConn *c, gint64 user_id, gboolean *had, GError **err)
{
	gint64 n = 0;

	if (!meet_exec(c, &n, err, "SELECT count(*) FROM calendar_feed WHERE user_id = ?", "i",
	               user_id))
		return FALSE;
	*had = n > 0;
	return meet_exec(c, NULL, err, "DELETE FROM calendar_feed WHERE user_id = ?", "i", user_id);
}

json_t *meet_feed(DbConn *c, const char *token, GError **err)
{
	g_autofree char *hash = token && *token ? auth_secret_hash(token) : NULL;
	g_autoptr(json_t) who = NULL, ids = NULL;
	json_t *out, *r;
	size_t i;

	if (hash == NULL ||
	    (who = meet_rows(c, err, "SELECT user_id FROM calendar_feed WHERE token_hash = ?", "s",
	                     hash)) == NULL ||
	    json_array_size(who) == 0) {
		if (err && *err == NULL)
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is nothing at this address."));
		return NULL;
	}
	ids =
	    meet_rows(c, err,
	              "SELECT m.item_id FROM meeting m JOIN meeting_member mm ON mm.meeting_id = "
	              "m.item_id WHERE mm.user_id = ? AND m.starts_at >= ? ORDER BY m.starts_at",
	              "ii", json_integer_value(json_object_get(json_array_get(who, 0), "user_id")),
	              core_now() - FEED_PAST);
	if (ids == NULL)
		return NULL;
	out = json_array();
	json_array_foreach (ids, i, r) {
		json_t *m =
		    meet_get(c, NULL, json_integer_value(json_object_get(r, "item_id")), err);
		if (m == NULL) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, m);
	}
	return out;
}
