/*
 * portal_edit_pages.c — the editors' pages of the portal: writing and changing an article
 * (GET /portal/articles/new, GET /portal/articles/{id}/edit and their POSTs), and the
 * management page (GET /portal/manage): the settings, the links block and the comments held
 * for moderation. Every form runs the same audited operation as the API (portal_ops.c); a
 * refusal shows the form again with the message next to the field.
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal_pages.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

#define errors portal_page_errors

static const char *const article_fields[] = {"title", "body",         "section", "author",
                                             "unit",  "published_on", NULL};

/* The article form: FORM's values (a new reference taken), ACTION where it posts; after a
 * refusal ERROR at FIELD with STATUS. */
static void article_form(HttpRequest *req, HttpResponse *res, int status, json_t *form,
                         const char *action, const char *error, const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *sections = c ? portal_sections(c, &err) : NULL, *s;
	const char *chosen = json_string_value(json_object_get(form, "section"));
	json_t *m;
	size_t i;

	if (sections == NULL) {
		json_decref(form);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (sections, i, s)
		json_object_set_new(
		    s, "selected",
		    json_boolean(g_strcmp0(chosen, json_string_value(json_object_get(s, "code"))) ==
		                 0));
	m = portal_page_model(req, strstr(action, "/portal/articles/") ? N_("Change the article")
	                                                               : N_("Write an article"));
	json_object_set_new(m, "form", form);
	json_object_set_new(m, "section_options", sections);
	json_object_set_new(m, "action", json_string(action));
	if (error)
		site_module_set_error(m, error, field);
	http_reply_model(res, status, m, "portal/edit");
}

void portal_page_new(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *today = core_today();

	article_form(req, res, 200,
	             json_pack("{s:s, s:s}", "published_on", today, "section", "wzjx"),
	             "/portal/articles", NULL, NULL);
}

void portal_page_edit(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c;
	json_t *a;
	gint64 id;

	if (!auth_path_id(req, res, &id) || (c = site_module_conn(req, &errors, &err)) == NULL) {
		if (err)
			site_module_fail(req, res, &errors, err);
		return;
	}
	if ((a = portal_article(c, id, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	{
		g_autofree char *action = g_strdup_printf("/portal/articles/%" G_GINT64_FORMAT, id);
		article_form(req, res, 200, a, action, NULL, NULL);
	}
}

/* Saves the posted article (ID 0: a new one) and goes to it, or shows the form again. */
static void save(HttpRequest *req, HttpResponse *res, gint64 id)
{
	g_autoptr(json_t) body = portal_page_form(req, article_fields);
	g_autofree char *action = id ? g_strdup_printf("/portal/articles/%" G_GINT64_FORMAT, id)
	                             : g_strdup("/portal/articles");
	PortalOp o = {.body = body, .id = id};
	const char *field = NULL;
	GError *err = NULL;
	gint64 saved;

	portal_viewer(req, NULL, &o.v);
	if (!portal_op_save(req, &o, &saved, &field, &err)) {
		if (site_module_refusal(&errors, err)) {
			article_form(req, res, work_error_status(err), json_incref(body), action,
			             site_module_message(req, &errors, err), field);
			g_error_free(err);
			return;
		}
		site_module_fail(req, res, &errors, err);
		return;
	}
	{
		g_autofree char *to = g_strdup_printf("/portal/articles/%" G_GINT64_FORMAT, saved);
		http_reply_redirect(res, 303, to);
	}
}

void portal_page_create(HttpRequest *req, HttpResponse *res)
{
	save(req, res, 0);
}

void portal_page_update(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		save(req, res, id);
}

/* ---- management ---------------------------------------------------------------------------- */

/* The management page; after a refusal ERROR at FIELD with STATUS. */
static void manage_page(HttpRequest *req, HttpResponse *res, int status, const char *error,
                        const char *field)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *settings = c ? portal_settings(c, &err) : NULL;
	json_t *links = settings ? portal_links(c, &err) : NULL;
	json_t *held = links ? portal_comments_held(c, &err) : NULL, *l, *m;
	GString *text = g_string_new(NULL);
	size_t i;

	if (held == NULL) {
		json_decref(settings);
		json_decref(links);
		g_string_free(text, TRUE);
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (links, i, l)
		g_string_append_printf(text, "%s %s\n",
		                       json_string_value(json_object_get(l, "name")),
		                       json_string_value(json_object_get(l, "url")));
	json_array_foreach (held, i, l) {
		site_module_set_time(l, "when",
		                     json_integer_value(json_object_get(l, "created_at")));
		json_object_set_new(
		    l, "action_base",
		    json_sprintf("/portal/articles/%" JSON_INTEGER_FORMAT
		                 "/comments/%" JSON_INTEGER_FORMAT "/actions",
		                 json_integer_value(json_object_get(l, "article_id")),
		                 json_integer_value(json_object_get(l, "id"))));
	}
	m = portal_page_model(req, N_("Manage the portal"));
	json_object_set_new(m, "settings", settings);
	json_object_set_new(m, "links_text", json_string(text->str));
	json_object_set_new(m, "has_held", json_boolean(json_array_size(held) > 0));
	json_object_set_new(m, "held", held);
	json_decref(links);
	g_string_free(text, TRUE);
	if (error)
		site_module_set_error(m, error, field);
	else if (http_query(req, "done"))
		site_module_flash(m, "success", http_tr(req, N_("Saved.")));
	http_reply_model(res, status, m, "portal/manage");
}

void portal_page_manage(HttpRequest *req, HttpResponse *res)
{
	manage_page(req, res, 200, NULL, NULL);
}

/* Runs OP with BODY for the management page: back to it (303), or the page with the refusal. */
static void manage_post(HttpRequest *req, HttpResponse *res, json_t *body,
                        gboolean (*op)(HttpRequest *, PortalOp *, const char **, GError **))
{
	PortalOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;

	portal_viewer(req, NULL, &o.v);
	if (!op(req, &o, &field, &err)) {
		if (site_module_refusal(&errors, err)) {
			manage_page(req, res, work_error_status(err),
			            site_module_message(req, &errors, err), field);
			g_error_free(err);
			return;
		}
		site_module_fail(req, res, &errors, err);
		return;
	}
	http_reply_redirect(res, 303, "/portal/manage?done=1");
}

void portal_page_settings_post(HttpRequest *req, HttpResponse *res)
{
	/* a checkbox is sent only when ticked: every setting is given, on or off */
	g_autoptr(json_t) body =
	    json_pack("{s:b, s:b, s:b}", "public", http_form(req, "public") != NULL,
	              "anonymous_comments", http_form(req, "anonymous_comments") != NULL,
	              "moderation", http_form(req, "moderation") != NULL);

	manage_post(req, res, body, portal_op_settings);
}

void portal_page_links_post(HttpRequest *req, HttpResponse *res)
{
	const char *text = http_form(req, "links");
	g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
	g_autoptr(json_t) body = json_pack("{s:[]}", "links");

	/* one link a line: its name, a space, its address (the last word) */
	for (gsize i = 0; lines[i]; i++) {
		g_autofree char *line = core_text_clean(lines[i]);
		char *sp = line ? strrchr(line, ' ') : NULL;

		if (line == NULL || *line == '\0')
			continue;
		if (sp)
			*sp = '\0';
		json_array_append_new(
		    json_object_get(body, "links"),
		    json_pack("{s:s, s:s}", "name", line, "url", sp ? sp + 1 : ""));
	}
	manage_post(req, res, body, portal_op_links);
}
