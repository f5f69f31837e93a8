/*
 * portal_demo.c — the demo city's portal for `mishu init --demo`, from data/demo/portal.json:
 * articles across the five sections (by a person or a unit, dated over the year, with their
 * read counts), comments (some still held for moderation) and the links block. Every article
 * goes through the same save as the editors' (indexed for search) and is audited as theirs.
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal.h"
#include "core/core.h"

#include <gio/gio.h>

extern GResource *mishu_get_resource(void);

/* What the demo's one operation loads: the file, the editor, the ids made. */
typedef struct {
	json_t *data;
	const AuthUser *editor;
	GArray *ids; /* gint64: the article of each entry of the file, in its order */
} Demo;

/* The comments of the file: each by its account (or anonymously by its name), held, and the
 * approved ones approved by the editor. */
static gboolean add_comments(DbConn *c, Demo *d, const char **field, GError **err)
{
	json_t *k;
	size_t i;

	json_array_foreach (json_object_get(d->data, "comments"), i, k) {
		const char *username = json_string_value(json_object_get(k, "username"));
		g_autoptr(AuthUser) u = NULL;
		PortalViewer v = {NULL, "c:demo", FALSE};
		gint64 article = g_array_index(d->ids, gint64,
		                               json_integer_value(json_object_get(k, "article")));
		gint64 cid;

		if (username && (u = auth_user_load_by_name(c, username, err)) == NULL)
			return FALSE;
		v.u = u;
		if (!portal_comment_add(c, &v, article, k, &cid, field, err))
			return FALSE;
		if (json_is_true(json_object_get(k, "approved")) &&
		    !portal_comment_decide(c, d->editor, article, cid, "approve", err))
			return FALSE;
	}
	return TRUE;
}

/* WorkOp: the articles, their reads, the comments and the links. */
static gboolean load(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	Demo *d = ctx;
	json_t *a;
	size_t i;

	json_array_foreach (json_object_get(d->data, "articles"), i, a) {
		gint64 made;

		if (!portal_article_save(c, d->editor, 0, a, &made, field, err) ||
		    !work_run(WORK_ERRORS, c, NULL, err,
		              "UPDATE article SET reads = ? WHERE item_id = ?", "ii",
		              (gint64)json_integer_value(json_object_get(a, "reads")), made))
			return FALSE;
		g_array_append_val(d->ids, made);
	}
	*id = d->ids->len;
	return add_comments(c, d, field, err) && portal_links_set(c, d->data, field, err);
}

gboolean portal_demo_load(Db *db, int *made, GError **err)
{
	static const WorkOp op = {"portal.demo", "portal", FALSE, load};
	g_autoptr(GBytes) bytes =
	    g_resource_lookup_data(mishu_get_resource(), "/mishu/data/demo/portal.json",
	                           G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	g_autoptr(json_t) data = NULL, have = NULL;
	g_autoptr(AuthUser) editor = NULL;
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	json_error_t jerr;
	const char *field = NULL;
	DbConn *c;
	gint64 n;

	*made = 0;
	if (bytes == NULL)
		return FALSE;
	data = json_loadb(g_bytes_get_data(bytes, NULL), g_bytes_get_size(bytes), 0, &jerr);
	if (data == NULL) {
		g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID,
		            "data/demo/portal.json line %d: %s", jerr.line, jerr.text);
		return FALSE;
	}
	if ((c = db_conn(db, err)) == NULL ||
	    (have = work_rows(WORK_ERRORS, c, err, "SELECT count(*) AS n FROM article", NULL)) ==
	        NULL)
		return FALSE;
	if (json_integer_value(json_object_get(json_array_get(have, 0), "n")) > 0)
		return TRUE; /* a second init adds nothing */
	editor = auth_user_load_by_name(c, json_string_value(json_object_get(data, "editor")), err);
	if (editor == NULL)
		return FALSE;
	{
		Demo d = {data, editor, ids};

		if (!work_op_run(WORK_ERRORS, db, editor, NULL, &op, &d, &n, NULL, &field, err))
			return FALSE;
	}
	*made = (int)n;
	return TRUE;
}
