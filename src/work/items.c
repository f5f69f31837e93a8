/*
 * items.c — what every module does with its items: the history of workflow steps
 * (item_event), visibility grants (item_access), and notifications to users' inboxes.
 * Errors are the db layer's.
 */
#include "work/work.h"
#include "core/core.h"

gboolean work_item_event(DbConn *c, gint64 item, gint64 actor_id, const char *actor_name,
                         const char *action, const char *from, const char *to, const char *opinion,
                         json_t *detail, GError **err)
{
	g_autofree char *text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;

	return db_run(
	    c, NULL, err,
	    "INSERT INTO item_event (item_id, at, actor_id, actor_name, action, "
	    "from_status, to_status, opinion, detail) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, "
	    "?, ?, ?)",
	    "iiissssss", item, core_now(), actor_id, actor_name ? actor_name : "-", action, from,
	    to, opinion ? opinion : "", text);
}

json_t *work_item_history(DbConn *c, gint64 item, GError **err)
{
	json_t *rows =
	    db_rows(c, err,
	            "SELECT actor_id, actor_name AS who, action, from_status, to_status, "
	            "opinion, at AS \"when\", detail FROM item_event WHERE item_id = ? "
	            "ORDER BY id",
	            "i", item);
	json_t *ev;
	size_t i;

	json_array_foreach (rows, i, ev) {
		const char *t = json_string_value(json_object_get(ev, "detail"));
		json_t *v = t ? json_loads(t, 0, NULL) : NULL;
		json_object_set_new(ev, "detail", v ? v : json_null());
	}
	return rows;
}

gboolean work_item_grant(DbConn *c, gint64 item, gint64 user_id, gint64 unit_id, const char *reason,
                         GError **err)
{
	gint64 n = 0;

	if (!db_run(c, &n, err,
	            "SELECT count(*) FROM item_access WHERE item_id = ? AND reason = ? AND "
	            "(user_id = NULLIF(?, 0) OR unit_id = NULLIF(?, 0))",
	            "isii", item, reason, user_id, user_id ? 0 : unit_id))
		return FALSE;
	if (n > 0)
		return TRUE;
	return db_run(c, NULL, err,
	              "INSERT INTO item_access (item_id, user_id, unit_id, reason) VALUES (?, "
	              "NULLIF(?, 0), NULLIF(?, 0), ?)",
	              "iiis", item, user_id, user_id ? 0 : unit_id, reason);
}

gboolean work_notify(DbConn *c, gint64 user_id, gint64 item, const char *kind, const char *text,
                     GError **err)
{
	return db_run(
	    c, NULL, err,
	    "INSERT INTO notification (user_id, item_id, kind, text, created_at) VALUES (?, "
	    "NULLIF(?, 0), ?, ?, ?)",
	    "iissi", user_id, item, kind, text, core_now());
}

json_t *work_notifications(DbConn *c, gint64 user_id, gboolean unread_only, int limit, GError **err)
{
	g_autofree char *sql = g_strdup_printf(
	    "SELECT n.id, n.item_id, i.kind AS item_kind, i.title AS item_title, n.kind, n.text, "
	    "n.created_at, n.read_at FROM notification n LEFT JOIN item i ON i.id = n.item_id "
	    "WHERE n.user_id = ? AND (? = 0 OR n.read_at IS NULL) ORDER BY n.id DESC LIMIT %d",
	    CLAMP(limit, 1, 500));

	return db_rows(c, err, sql, "ii", user_id, (gint64)(unread_only ? 1 : 0));
}

gboolean work_notification_read(DbConn *c, gint64 user_id, gint64 id, gboolean *found, GError **err)
{
	if (!db_run(c, NULL, err,
	            "UPDATE notification SET read_at = COALESCE(read_at, ?) WHERE id = ? AND "
	            "user_id = ?",
	            "iii", core_now(), id, user_id))
		return FALSE;
	*found = db_changes(c) > 0;
	return TRUE;
}

gboolean work_notifications_unread(DbConn *c, gint64 user_id, gint64 *n, GError **err)
{
	*n = 0;
	return db_run(c, n, err,
	              "SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL",
	              "i", user_id);
}
