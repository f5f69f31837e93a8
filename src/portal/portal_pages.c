/*
 * portal_pages.c — the portal's reading pages: the front page with every section's newest
 * articles, the links block and the search box (GET /portal), one section paged
 * (GET /portal/{section}), one article with its neighbours, related articles and comments
 * (GET /portal/articles/{id}, which counts the read), and posting a comment. The editors'
 * forms are in portal_edit_pages.c.
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal_pages.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#define FRONT_ARTICLES 6 /* articles of each section on the front page */

static GQuark work_quark(void)
{
	return WORK_ERROR;
}

const SiteModuleErrors portal_page_errors = {
    "portal",          G_LOG_DOMAIN,        work_quark,
    WORK_ERROR_DB,     WORK_ERROR_CONFLICT, WORK_ERROR_NOT_FOUND,
    work_error_status, work_error_code};

#define errors portal_page_errors

json_t *portal_page_model(HttpRequest *req, const char *title_msgid)
{
	json_t *m = site_module_model(req, title_msgid, NULL, 0, NULL);
	const AuthUser *u = auth_current(req);

	json_object_set_new(m, "is_editor", json_boolean(u && auth_can(u, "portal.edit")));
	return m;
}

void portal_page_hrefs(HttpRequest *req, json_t *list)
{
	json_t *a;
	size_t i;

	json_array_foreach (list, i, a) {
		g_autofree char *href =
		    g_strdup_printf("/portal/articles/%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(a, "id")));
		g_autofree char *reads =
		    g_strdup_printf(site_tr_fmt(req, N_("Read %lld times")),
		                    (long long)json_integer_value(json_object_get(a, "reads")));

		json_object_set_new(a, "href", json_string(href));
		json_object_set_new(a, "reads_text", json_string(reads));
		json_object_set_new(
		    a, "has_snippet",
		    json_boolean(json_array_size(json_object_get(a, "snippet")) > 0));
	}
}

/* ---- the front page ------------------------------------------------------------------------ */

void portal_page_home(HttpRequest *req, HttpResponse *res)
{
	const char *q = http_query(req, "q");
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *sections = c ? portal_sections(c, &err) : NULL, *s;
	json_t *links = sections ? portal_links(c, &err) : NULL;
	json_t *m;
	size_t i;

	if (links == NULL) {
		json_decref(sections);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (sections, i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		json_t *list = portal_list(c, code, 1, FRONT_ARTICLES, &err);

		if (list == NULL) {
			json_decref(sections);
			json_decref(links);
			site_module_fail(req, res, &errors, err);
			return;
		}
		portal_page_hrefs(req, json_object_get(list, "items"));
		json_object_set(s, "articles", json_object_get(list, "items"));
		json_object_set_new(s, "href", json_sprintf("/portal/%s", code));
		json_object_set_new(s, "feed", json_sprintf("/portal/%s/feed.atom", code));
		json_decref(list);
	}
	m = portal_page_model(req, N_("Portal"));
	if (q && *q) {
		json_t *hits =
		    g_utf8_strlen(q, -1) <= 100 ? portal_search(c, q, 50, &err) : json_array();

		if (hits == NULL) {
			json_decref(m);
			json_decref(sections);
			json_decref(links);
			site_module_fail(req, res, &errors, err);
			return;
		}
		portal_page_hrefs(req, hits);
		json_object_set_new(m, "searched", json_true());
		json_object_set_new(m, "q", json_string(q));
		json_object_set_new(m, "has_results", json_boolean(json_array_size(hits) > 0));
		json_object_set_new(m, "results", hits);
	}
	json_object_set_new(m, "sections", sections);
	json_object_set_new(m, "has_links", json_boolean(json_array_size(links) > 0));
	json_object_set_new(m, "links", links);
	http_reply_model(res, 200, m, "portal/home");
}

/* ---- one section --------------------------------------------------------------------------- */

void portal_page_section(HttpRequest *req, HttpResponse *res)
{
	const char *code = http_param(req, "section"), *p = http_query(req, "page");
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *section = c ? portal_section(c, code, &err) : NULL;
	json_t *list =
	    section ? portal_list(c, code, p ? MAX(core_parse_id(p), 1) : 1, PORTAL_PAGE_SIZE, &err)
	            : NULL;
	json_t *m;
	gint64 page, pages;

	if (list == NULL) {
		json_decref(section);
		site_module_fail(req, res, &errors, err);
		return;
	}
	page = json_integer_value(json_object_get(list, "page"));
	pages = json_integer_value(json_object_get(list, "pages"));
	portal_page_hrefs(req, json_object_get(list, "items"));
	m = portal_page_model(req, N_("Portal"));
	json_object_set_new(m, "title", json_incref(json_object_get(section, "name")));
	json_object_set_new(m, "section", section);
	json_object_set(m, "rows", json_object_get(list, "items"));
	json_object_set_new(m, "has_rows",
	                    json_boolean(json_array_size(json_object_get(list, "items")) > 0));
	json_object_set_new(m, "feed_href", json_sprintf("/portal/%s/feed.atom", code));
	json_object_set_new(m, "page_text",
	                    json_sprintf(site_tr_fmt(req, N_("Page %lld of %lld")), (long long)page,
	                                 (long long)pages));
	if (page > 1)
		json_object_set_new(
		    m, "newer_href",
		    json_sprintf("/portal/%s?page=%" G_GINT64_FORMAT, code, page - 1));
	if (page < pages)
		json_object_set_new(
		    m, "older_href",
		    json_sprintf("/portal/%s?page=%" G_GINT64_FORMAT, code, page + 1));
	json_decref(list);
	http_reply_model(res, 200, m, "portal/section");
}

/* ---- one article --------------------------------------------------------------------------- */

/* The article page of ID for READER, with its comments; after a refused comment with ERROR
 * at FIELD and the typed text (STATUS the refusal's). */
static void article_page(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                         const char *reader, const char *error, const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *a = c ? portal_article(c, id, &err) : NULL;
	json_t *settings = a ? portal_settings(c, &err) : NULL;
	json_t *comments = NULL, *m, *k;
	PortalViewer v;
	size_t i;

	portal_viewer(req, reader, &v);
	if (settings)
		comments = portal_comments(c, id, &v, &err);
	if (comments == NULL) {
		json_decref(a);
		json_decref(settings);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (comments, i, k)
		site_module_set_time(k, "when",
		                     json_integer_value(json_object_get(k, "created_at")));
	m = portal_page_model(req, N_("Portal"));
	json_object_set_new(m, "title", json_incref(json_object_get(a, "title")));
	{
		json_t *one = json_array();

		json_array_append(one, a);
		portal_page_hrefs(req, one);
		json_decref(one);
	}
	for (const char *const *n = (const char *const[]){"prev", "next", NULL}; *n; n++)
		if (json_is_object(json_object_get(a, *n)))
			json_object_set_new(json_object_get(a, *n), "href",
			                    json_sprintf("/portal/articles/%" JSON_INTEGER_FORMAT,
			                                 json_integer_value(json_object_get(
			                                     json_object_get(a, *n), "id"))));
	portal_page_hrefs(req, json_object_get(a, "related"));
	json_object_set_new(a, "has_related",
	                    json_boolean(json_array_size(json_object_get(a, "related")) > 0));
	json_object_set_new(
	    a, "section_href",
	    json_sprintf("/portal/%s", json_string_value(json_object_get(a, "section"))));
	json_object_set_new(m, "article", a);
	json_object_set_new(m, "has_comments", json_boolean(json_array_size(comments) > 0));
	json_object_set_new(m, "comments", comments);
	json_object_set_new(m, "comment_href",
	                    json_sprintf("/portal/articles/%" G_GINT64_FORMAT "/comments", id));
	if (v.u || json_is_true(json_object_get(settings, "anonymous_comments")))
		json_object_set_new(m, "can_comment", json_true());
	if (v.u == NULL && json_is_true(json_object_get(settings, "anonymous_comments"))) {
		g_autofree char *cid = auth_captcha_new(app_db(req), NULL);

		if (cid) /* without one (logged by auth) the form shows no picture: refused */
			json_object_set_new(m, "captcha",
			                    json_pack("{s:s, s:o}", "id", cid, "image",
			                              json_sprintf("/captcha/%s.png", cid)));
	}
	json_object_set_new(m, "sign_in_href",
	                    json_sprintf("/login?next=/portal/articles/%" G_GINT64_FORMAT, id));
	if (error) {
		site_module_set_error(m, error, field);
		static const char *const typed[] = {"body", "name", NULL};

		json_object_set_new(m, "typed", portal_page_form(req, typed));
	} else if (g_strcmp0(http_query(req, "done"), "comment") == 0) {
		site_module_flash(m, "success", http_tr(req, N_("Your comment is posted.")));
	}
	json_decref(settings);
	http_reply_model(res, status, m, "portal/article");
}

void portal_page_article(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *reader = NULL;
	GError *err = NULL;
	gint64 id;

	if (!portal_open_article(req, res, &id, &reader, &err)) {
		if (err)
			site_module_fail(req, res, &errors, err);
		return;
	}
	article_page(req, res, 200, id, reader, NULL, NULL);
}

/* The form fields NAMES of REQ as a JSON object (absent ones left out). New reference. */
json_t *portal_page_form(HttpRequest *req, const char *const *names)
{
	json_t *o = json_object();

	for (; *names; names++)
		if (http_form(req, *names))
			json_object_set_new(o, *names, json_string(http_form(req, *names)));
	return o;
}

void portal_page_comment(HttpRequest *req, HttpResponse *res)
{
	static const char *const fields[] = {"body", "name", "captcha_id", "captcha_answer", NULL};
	g_autofree char *reader = NULL;
	g_autoptr(json_t) body = portal_page_form(req, fields);
	PortalOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;
	gint64 cid;

	if (!auth_path_id(req, res, &o.id))
		return;
	reader = portal_reader(req, res);
	portal_viewer(req, reader, &o.v);
	if (!portal_op_comment(req, &o, &cid, &field, &err)) {
		if (site_module_refusal(&errors, err)) {
			article_page(req, res, work_error_status(err), o.id, reader,
			             site_module_message(req, &errors, err), field);
			g_error_free(err);
			return;
		}
		site_module_fail(req, res, &errors, err);
		return;
	}
	{
		g_autofree char *to = g_strdup_printf(
		    "/portal/articles/%" G_GINT64_FORMAT "?done=comment#comments", o.id);
		http_reply_redirect(res, 303, to);
	}
}

void portal_page_comment_act(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.action = http_param(req, "action")};
	const char *field = NULL;
	GError *err = NULL;

	if (!portal_comment_path(req, res, &o))
		return;
	if (!portal_op_decide(req, &o, &field, &err)) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	{
		const char *back = http_form(req, "back");
		g_autofree char *to =
		    g_strdup_printf("/portal/articles/%" G_GINT64_FORMAT "#comments", o.id);
		http_reply_redirect(res, 303,
		                    g_strcmp0(back, "manage") == 0 ? "/portal/manage" : to);
	}
}
