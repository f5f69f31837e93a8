/*
 * site_module.c — the helpers every module's page files share (site_module.h): the page model
 * with a sub-navigation, the connection and error answers parameterised by the module's error
 * domain, flashes, re-shown form errors, times, domain options and the pieces of a step's
 * form. Nothing here knows a module: each passes its own table and mapping.
 */
#include "site/site_module.h"
#include "work/work_web.h"
#include "core/core.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

/* What every module's pages say when the database fails. */
#define DB_MESSAGE N_("The database is not available right now. Please try again later.")

const char *site_tr_fmt(HttpRequest *req, const char *msgid)
{
	return http_tr(req, msgid);
}

/* ---- the page model ----------------------------------------------------------------------- */

json_t *site_module_model(HttpRequest *req, const char *title_msgid, const SiteSubnav *nav, gsize n,
                          const char *section)
{
	json_t *m = auth_page_model(req, title_msgid), *list = json_array();
	const AuthUser *u = auth_current(req);
	gboolean staff = u && auth_can(u, "work.all");

	for (gsize i = 0; i < n; i++) {
		if (nav[i].staff_only && !staff)
			continue;
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "href", nav[i].href,
		                                      "label", http_tr(req, nav[i].label), "active",
		                                      g_strcmp0(section, nav[i].section) == 0));
	}
	json_object_set_new(m, "subnav", list);
	json_object_set_new(m, "is_staff", json_boolean(staff));
	return m;
}

/* ---- a module's errors -------------------------------------------------------------------- */

DbConn *site_module_conn(HttpRequest *req, const SiteModuleErrors *e, GError **err)
{
	GError *cause = NULL;
	DbConn *c = db_conn(app_db(req), &cause);

	if (c == NULL)
		work_db_error(err, cause, e->domain(), e->db_code, e->conflict_code);
	return c;
}

gboolean site_module_refusal(const SiteModuleErrors *e, const GError *err)
{
	return err && err->domain == e->domain() && err->code != e->not_found_code &&
	       err->code != e->db_code;
}

const char *site_module_message(HttpRequest *req, const SiteModuleErrors *e, const GError *err)
{
	if (err && err->domain == e->domain() && err->code != e->db_code)
		return http_tr(req, err->message);
	if (err && err->domain == AUTH_ERROR)
		return auth_page_message(req, err);
	g_log(e->log_domain, G_LOG_LEVEL_WARNING, "%s page %s: %s", e->name, http_path(req),
	      err ? err->message : "unknown error");
	return http_tr(req, DB_MESSAGE);
}

void site_module_fail(HttpRequest *req, HttpResponse *res, const SiteModuleErrors *e, GError *err)
{
	const char *code = NULL;

	if (err && err->domain == e->domain() && err->code != e->db_code)
		code = e->code(err);
	if (code) {
		http_reply_error(res, e->status(err), code, err->message, NULL);
		g_clear_error(&err);
	} else if (err && err->domain == AUTH_ERROR) {
		auth_page_fail(req, res, err);
	} else {
		(void)site_module_message(req, e, err); /* logs the details */
		http_reply_error(res, 503, "unavailable", DB_MESSAGE, NULL);
		g_clear_error(&err);
	}
}

/* ---- page pieces -------------------------------------------------------------------------- */

void site_module_set_error(json_t *m, const char *error, const char *field)
{
	json_object_set_new(m, "error", json_pack("{s:o}", "message", auth_page_text(error)));
	if (field && *field)
		json_object_set_new(m, "errors", json_pack("{s:o}", field, auth_page_text(error)));
}

void site_module_flash(json_t *m, const char *kind, const char *text)
{
	json_t *list = json_object_get(m, "flash");

	if (!json_is_array(list)) {
		list = json_array();
		json_object_set_new(m, "flash", list);
	}
	json_array_append_new(
	    list, json_pack("{s:s, s:o}", "kind", kind, "message", auth_page_text(text)));
}

void site_module_flash_done(HttpRequest *req, json_t *m,
                            const char *(*title)(HttpRequest *req, const char *step))
{
	const char *done = http_query(req, "done");

	if (done && *done && strlen(done) <= 32 && strcmp(title(req, done), done)) {
		g_autofree char *text =
		    g_strdup_printf(site_tr_fmt(req, N_("Done: %s.")), title(req, done));
		site_module_flash(m, "success", text); /* 已签发。已签收。 */
	}
}

char *site_module_field(HttpRequest *req, const char *name)
{
	return g_strstrip(g_strdup(auth_page_form(req, name)));
}

void site_module_set_time(json_t *o, const char *key, gint64 at)
{
	g_autofree char *text = auth_page_time(at, "%Y-%m-%d %H:%M");
	g_autofree char *iso = auth_page_time(at, "%Y-%m-%dT%H:%M:%S%:z");
	g_autofree char *iso_key = g_strdup_printf("%s_iso", key);

	json_object_set_new(o, key, auth_page_text(text));
	json_object_set_new(o, iso_key, auth_page_text(iso));
}

char *site_module_script_json(json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);
	GString *out = g_string_new(NULL);

	for (const char *p = text; p && *p; p++) {
		if (*p == '<')
			g_string_append(out, "\\u003c");
		else if (*p == '>')
			g_string_append(out, "\\u003e");
		else if (*p == '&')
			g_string_append(out, "\\u0026");
		else
			g_string_append_c(out, *p);
	}
	free(text);
	return g_string_free(out, FALSE);
}

void site_module_set_size(json_t *o)
{
	json_int_t bytes = json_integer_value(json_object_get(o, "size"));

	if (bytes < 1024)
		json_object_set_new(o, "size_text",
		                    json_sprintf("%" JSON_INTEGER_FORMAT " B", bytes));
	else if (bytes < 1024 * 1024)
		json_object_set_new(o, "size_text", json_sprintf("%.1f KB", (double)bytes / 1024));
	else
		json_object_set_new(o, "size_text",
		                    json_sprintf("%.1f MB", (double)bytes / (1024 * 1024)));
}

json_t *site_module_domain_options(json_t *domains, const char *selected)
{
	json_t *out = json_array(), *d;
	size_t i;

	json_array_foreach (domains, i, d) {
		const char *code = json_string_value(json_object_get(d, "code"));
		GString *label = g_string_new(NULL);

		if (!json_integer_value(json_object_get(d, "active")) &&
		    g_strcmp0(code, selected)) {
			g_string_free(label, TRUE);
			continue;
		}
		/* indented with ideographic spaces: a <select> shows nothing else */
		for (json_int_t k = 0; k < json_integer_value(json_object_get(d, "depth")) && k < 8;
		     k++)
			g_string_append(label, "\u3000");
		g_string_append(label, json_string_value(json_object_get(d, "name")));
		json_array_append_new(out, json_pack("{s:s?, s:s, s:b}", "value", code, "label",
		                                     label->str, "selected",
		                                     g_strcmp0(code, selected) == 0));
		g_string_free(label, TRUE);
	}
	return out;
}

/* ---- a step's form ------------------------------------------------------------------------ */

json_t *site_module_step_form(const char *action, const char *href, const char *title)
{
	g_autofree char *anchor = g_strdup_printf("act-%s", action);

	return json_pack("{s:s, s:s, s:s, s:s, s:b, s:o}", "action", action, "id", anchor, "href",
	                 href, "title", title, "error", 0, "errors", json_object());
}

void site_module_step_opinion(HttpRequest *req, json_t *f, SiteOpinion mode,
                              const char *label_msgid, gboolean typed)
{
	if (mode == SITE_OPINION_NONE)
		return;
	json_object_set_new(f, "opinion",
	                    json_pack("{s:s, s:b, s:o}", "label",
	                              http_tr(req, label_msgid ? label_msgid : N_("Opinion")),
	                              "required", mode == SITE_OPINION_REQUIRED, "value",
	                              auth_page_text(typed ? http_form(req, "opinion") : NULL)));
}

void site_module_step_error(json_t *f, const char *error, const char *field)
{
	json_object_set_new(f, "error", json_pack("{s:o}", "message", auth_page_text(error)));
	if (field)
		json_object_set_new(json_object_get(f, "errors"), field, auth_page_text(error));
}

void site_module_flow(HttpRequest *req, DbConn *c, json_t *m, json_t *item, gint64 id)
{
	GError *err = NULL;
	char *svg = work_flow_item_svg(c, id, http_lang(req), &err);
	json_t *st;
	size_t i;
	gboolean refused = FALSE;

	if (svg == NULL) {
		g_warning("workflow picture of item %" G_GINT64_FORMAT ": %s", id,
		          err ? err->message : "?");
		g_clear_error(&err);
		return;
	}
	json_object_set_new(m, "flow_svg", json_string(svg));
	g_free(svg);
	{
		g_autofree char *href =
		    g_strdup_printf("/workflows/%s?version=%" JSON_INTEGER_FORMAT,
		                    json_string_value(json_object_get(item, "kind"))
		                        ? json_string_value(json_object_get(item, "kind"))
		                        : "task",
		                    json_integer_value(json_object_get(item, "workflow_version")));
		json_object_set_new(m, "flow_href", json_string(href));
	}
	json_array_foreach (json_object_get(item, "steps"), i, st)
		refused = refused || !json_is_true(json_object_get(st, "allowed"));
	json_object_set_new(item, "has_refused", json_boolean(refused));
	json_object_set_new(
	    item, "has_next_actors",
	    json_boolean(json_array_size(json_object_get(item, "next_actors")) > 0));
}
