/*
 * portal_comments.c — comments on articles: who sees which (approved ones to everyone, a held
 * one to its author and the editors), adding one (held when the office moderates), and the
 * editors' decisions.
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal.h"
#include "core/core.h"

#include <string.h>

json_t *portal_comments(DbConn *c, gint64 id, const PortalViewer *v, GError **err)
{
	json_t *out = work_rows(WORK_ERRORS, c, err,
	                        "SELECT id, name, body, status, created_at, user_id, reader "
	                        "FROM article_comment WHERE article_id = ? ORDER BY id",
	                        "i", id);
	json_t *r;
	size_t i;

	if (out == NULL)
		return NULL;
	for (i = 0; i < json_array_size(out);) {
		r = json_array_get(out, i);
		gint64 uid = json_integer_value(json_object_get(r, "user_id"));
		const char *reader = json_string_value(json_object_get(r, "reader"));
		gboolean mine = (v->u && uid == v->u->id) ||
		                (uid == 0 && reader && v->reader && g_str_equal(reader, v->reader));
		gboolean held =
		    g_strcmp0(json_string_value(json_object_get(r, "status")), "held") == 0;

		/* a held comment stays out of sight until approved, except to its author and to
		 * the editors who decide on it */
		if (held && !mine && !v->editor) {
			json_array_remove(out, i);
			continue;
		}
		json_object_set_new(r, "held", json_boolean(held));
		json_object_set_new(r, "mine", json_boolean(mine));
		json_object_del(r, "reader");
		json_object_del(r, "user_id");
		i++;
	}
	return out;
}

gboolean portal_comment_add(DbConn *c, const PortalViewer *v, gint64 id, json_t *body, gint64 *out,
                            const char **field, GError **err)
{
	json_t *tv = json_object_get(body, "body"), *nv = json_object_get(body, "name");
	const char *text = json_string_value(tv), *name = json_string_value(nv);
	g_autoptr(json_t) settings = portal_settings(c, err);
	g_autoptr(json_t) a = NULL;
	gboolean held;

	if (settings == NULL)
		return FALSE;
	if ((a = work_row(WORK_ERRORS, c, err, N_("There is no such article."),
	                  "SELECT item_id FROM article WHERE item_id = ?", "i", id)) == NULL)
		return FALSE;
	if (text == NULL || core_text_blank(text))
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "body",
		                       N_("Write the comment."));
	if (g_utf8_strlen(text, -1) > PORTAL_COMMENT_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "body",
		                          PORTAL_COMMENT_MAX);
	if (v->u)
		name = v->u->display_name;
	else if (name == NULL || core_text_blank(name))
		name = core_tr_now(N_("Reader"));
	else if (g_utf8_strlen(name, -1) > PORTAL_NAME_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "name",
		                          PORTAL_NAME_MAX);
	held = json_is_true(json_object_get(settings, "moderation")) && !v->editor;
	/* NULLIF: an anonymous comment has no account (NULL, never 0) */
	return work_run(WORK_ERRORS, c, out, err,
	                "INSERT INTO article_comment (article_id, user_id, name, body, status, "
	                "created_at, reader) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?) RETURNING id",
	                "iisssis", id, v->u ? v->u->id : (gint64)0, name, text,
	                held ? "held" : "approved", core_now(), v->u ? NULL : v->reader);
}

gboolean portal_comment_decide(DbConn *c, const AuthUser *u, gint64 id, gint64 cid,
                               const char *action, GError **err)
{
	g_autoptr(json_t) r = work_row(WORK_ERRORS, c, err, N_("There is no such comment."),
	                               "SELECT status FROM article_comment WHERE id = ? AND "
	                               "article_id = ?",
	                               "ii", cid, id);

	if (r == NULL)
		return FALSE;
	if (g_strcmp0(action, "remove") == 0)
		return work_run(WORK_ERRORS, c, NULL, err,
		                "DELETE FROM article_comment WHERE id = ?", "i", cid);
	if (g_strcmp0(action, "approve") != 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such step."));
		return FALSE;
	}
	if (g_strcmp0(json_string_value(json_object_get(r, "status")), "held") != 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("This comment is already shown."));
		return FALSE;
	}
	return work_run(WORK_ERRORS, c, NULL, err,
	                "UPDATE article_comment SET status = 'approved', decided_by = ?, "
	                "decided_at = ? WHERE id = ?",
	                "iii", u->id, core_now(), cid);
}

json_t *portal_comments_held(DbConn *c, GError **err)
{
	return work_rows(WORK_ERRORS, c, err,
	                 "SELECT k.id, k.name, k.body, k.created_at, k.article_id, "
	                 "i.title AS article_title FROM article_comment k JOIN item i ON i.id = "
	                 "k.article_id WHERE k.status = 'held' ORDER BY k.id",
	                 NULL);
}
