/*
 * portal_api.c — the portal's API: articles (paged by section, searched, read, written by the
 * editors), their comments and moderation, sections, settings, links and the captcha an
 * anonymous comment needs. Every write is one audited transaction (portal_ops.c).
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal_web.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

/* Reads ?NAME as a number from 1 to MAX into *OUT (DFLT when absent); FALSE after a 422. */
static gboolean query_number(HttpRequest *req, HttpResponse *res, const char *name, gint64 max,
                             gint64 dflt, gint64 *out)
{
	const char *v = http_query(req, name);

	*out = v ? core_parse_id(v) : dflt;
	if (*out >= 1 && *out <= max)
		return TRUE;
	http_reply_error(res, 422, "invalid", N_("Give a whole number in range."), name);
	return FALSE;
}

void portal_api_list(HttpRequest *req, HttpResponse *res)
{
	const char *section = http_query(req, "section"), *q = http_query(req, "q");
	GError *err = NULL;
	gint64 limit, page;
	DbConn *c;
	json_t *out;

	if (!query_number(req, res, "limit", 100, PORTAL_PAGE_SIZE, &limit) ||
	    !query_number(req, res, "cursor", G_MAXINT32, 1, &page) ||
	    (c = work_conn(req, res)) == NULL)
		return;
	if (q && *q) {
		json_t *hits = portal_search(c, q, (int)limit, &err);

		if (hits == NULL) {
			work_fail(req, res, err, NULL);
			return;
		}
		http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", hits, "next_cursor"));
		return;
	}
	if (section && *section) {
		json_t *s = portal_section(c, section, &err);

		if (s == NULL) {
			work_fail(req, res, err, "section");
			return;
		}
		json_decref(s);
	}
	if ((out = portal_list(c, section && *section ? section : NULL, page, (int)limit, &err)) ==
	    NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, out);
}

/* Answers article ID (STATUS) as portal_article gives it. */
static void reply_article(HttpRequest *req, HttpResponse *res, int status, gint64 id)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *a = c ? portal_article(c, id, &err) : NULL;

	if (c == NULL)
		return;
	if (a == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, a);
}

void portal_api_create(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	portal_viewer(req, NULL, &o.v);
	if (!portal_op_save(req, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_article(req, res, 201, id);
}

void portal_api_get(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *reader = NULL;
	GError *err = NULL;
	gint64 id;

	if (!portal_open_article(req, res, &id, &reader, &err)) {
		if (err)
			work_fail(req, res, err, NULL);
		return;
	}
	reply_article(req, res, 200, id);
}

void portal_api_update(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &o.id))
		return;
	portal_viewer(req, NULL, &o.v);
	if (!portal_op_save(req, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_article(req, res, 200, id);
}

/* Answers the comments of article ID as V sees them. */
static void reply_comments(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                           const PortalViewer *v)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	g_autoptr(json_t) a = NULL;
	json_t *list;

	if (c == NULL)
		return;
	if ((a = work_row(WORK_ERRORS, c, &err, N_("There is no such article."),
	                  "SELECT item_id FROM article WHERE item_id = ?", "i", id)) == NULL ||
	    (list = portal_comments(c, id, v, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, json_pack("{s:o, s:n}", "items", list, "next_cursor"));
}

void portal_api_comments(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *reader = NULL;
	PortalViewer v;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	reader = portal_reader(req, res);
	portal_viewer(req, reader, &v);
	reply_comments(req, res, 200, id, &v);
}

void portal_api_comment_add(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *reader = NULL;
	PortalOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 cid;

	if (!auth_path_id(req, res, &o.id))
		return;
	reader = portal_reader(req, res);
	portal_viewer(req, reader, &o.v);
	if (!portal_op_comment(req, &o, &cid, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_comments(req, res, 201, o.id, &o.v);
}

void portal_api_comment_act(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req), .action = http_param(req, "action")};
	const char *field = NULL;
	GError *err = NULL;

	if (!portal_comment_path(req, res, &o))
		return;
	if (!portal_op_decide(req, &o, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_comments(req, res, 200, o.id, &o.v);
}

/* Answers the JSON that GET(C, ERR) reads, as {"items": …} when ITEMS. */
static void reply_read(HttpRequest *req, HttpResponse *res, json_t *(*get)(DbConn *, GError **),
                       gboolean items)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *v = c ? get(c, &err) : NULL;

	if (c == NULL)
		return;
	if (v == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, items ? json_pack("{s:o, s:n}", "items", v, "next_cursor") : v);
}

void portal_api_sections(HttpRequest *req, HttpResponse *res)
{
	reply_read(req, res, portal_sections, TRUE);
}

void portal_api_held(HttpRequest *req, HttpResponse *res)
{
	reply_read(req, res, portal_comments_held, TRUE);
}

void portal_api_settings(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;

	if (g_str_equal(http_method(req), "PUT")) {
		portal_viewer(req, NULL, &o.v);
		if (!portal_op_settings(req, &o, &field, &err)) {
			work_fail(req, res, err, field);
			return;
		}
	}
	reply_read(req, res, portal_settings, FALSE);
}

void portal_api_links(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;

	if (g_str_equal(http_method(req), "PUT")) {
		portal_viewer(req, NULL, &o.v);
		if (!portal_op_links(req, &o, &field, &err)) {
			work_fail(req, res, err, field);
			return;
		}
	}
	reply_read(req, res, portal_links, TRUE);
}

void portal_api_captcha(HttpRequest *req, HttpResponse *res)
{
	GError *e = NULL, *err = NULL;
	g_autofree char *id = auth_captcha_new(app_db(req), &e);
	g_autofree char *image = NULL;

	if (id == NULL) {
		work_db_error(&err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		work_fail(req, res, err, NULL);
		return;
	}
	image = g_strdup_printf("/captcha/%s.png", id);
	http_reply_json(res, 201, json_pack("{s:s, s:s}", "id", id, "image", image));
}
