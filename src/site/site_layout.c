/*
 * The layout model every page shares: language, product name and version, the signed-in
 * user, the module navigation with the current entry marked, and the UI strings.
 */
#include "config.h"
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "duty/duty_web.h"
#include "site/site.h"
#include "view/ui_strings.h"
#include "view/view.h"
#include "work/flow.h"

#include <string.h>

/* The navigation: one entry per module, in the office's usual order. */
static const struct {
	const char *href;
	const char *label;
} nav_entries[] = {
    /* only modules that are built: each module's issue adds its entry when it lands (调研
     * /studies, 信访 /petitions, 制度 /regulations, 协调 /coordination) */
    {"/", N_("Dashboard")},
    {"/documents", N_("Documents")},
    {"/tasks", N_("Supervision")},
    {"/meetings", N_("Meetings")},
    {"/reports", N_("Information")},
    {"/incidents", N_("Emergencies")},
    {"/duty", N_("Duty roster")},
    {"/portal", N_("Portal")},
    {"/org", N_("Division of responsibility")},
};

/* The administrators' navigation: each sees only their own duties (三员分立). */
static const struct {
	const char *href;
	const char *label;
	const char *perm;
} admin_entries[] = {
    {"/admin/users", N_("Accounts"), "users.manage"},
    {"/admin/members", N_("Member applications"), "users.manage"},
    {"/security/roles", N_("Role assignment"), "roles.manage"},
    {"/security/policy", N_("Security policy"), "policy.manage"},
    {"/security/routing", N_("Routing rules"), "routing.manage"},
    {"/workflows", N_("Workflows"), "workflow.manage"},
    {"/meetings/types", N_("Rules of procedure"), "procedure.manage"},
    {"/audit", N_("Audit trail"), "audit.read"},
    {"/profile", N_("My account"), "login"},
};

static json_t *strings_zh, *strings_en;

static const char *tr_cb(const char *msgid, void *lang)
{
	return core_tr(lang, msgid);
}

void site_init(void)
{
	strings_zh = view_ui_strings(tr_cb, (void *)CORE_LANG_ZH);
	strings_en = view_ui_strings(tr_cb, (void *)CORE_LANG_EN);
}

void site_shutdown(void)
{
	g_clear_pointer(&strings_zh, json_decref);
	g_clear_pointer(&strings_en, json_decref);
}

/* TRUE when HREF is the current section of PATH ("/" only for the dashboard itself). */
static gboolean nav_active(const char *href, const char *path)
{
	gsize n = strlen(href);

	if (g_str_equal(href, "/"))
		return g_str_equal(path, "/");
	return strncmp(path, href, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Adds "inbox_badge": {"count": N} (the header's 待办 count, kept in memory: work_inbox_count)
 * to MODEL; nothing when the database fails (logged: the page still renders). */
static void layout_inbox_count(HttpRequest *req, const AuthUser *u, json_t *model)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	gint64 n = c ? work_inbox_count(c, u, &err) : -1;

	if (n < 0) {
		g_warning("header inbox count: %s", err ? err->message : "no connection");
		g_clear_error(&err);
		return;
	}
	json_object_set_new(model, "inbox_badge",
	                    json_pack("{s:I, s:b}", "count", (json_int_t)n, "some", n > 0));
}

/* Adds "duty_now": {"text"} (值班：带班 X，值班员 Y、Z) to MODEL: one query per page, nothing
 * when nobody is on duty or the database fails (the page still renders). */
static void layout_duty(HttpRequest *req, json_t *model)
{
	g_autofree char *line = duty_header_line(req);

	if (line)
		json_object_set_new(model, "duty_now", json_pack("{s:s}", "text", line));
}

char *site_render_page(HttpRequest *req, const char *tpl, json_t *model, GError **err)
{
	const char *lang = http_lang(req);
	App *app = http_app(req);
	json_t *nav = json_array();

	const AuthUser *me = auth_current(req);

	if (me && !auth_can(me, "work.read")) {
		for (gsize i = 0; i < G_N_ELEMENTS(admin_entries); i++)
			if (auth_can(me, admin_entries[i].perm))
				json_array_append_new(
				    nav,
				    json_pack("{s:s, s:s, s:b}", "href", admin_entries[i].href,
				              "label", core_tr(lang, admin_entries[i].label),
				              "active",
				              nav_active(admin_entries[i].href, http_path(req))));
	} else {
		for (gsize i = 0; i < G_N_ELEMENTS(nav_entries); i++)
			json_array_append_new(
			    nav, json_pack("{s:s, s:s, s:b}", "href", nav_entries[i].href, "label",
			                   core_tr(lang, nav_entries[i].label), "active",
			                   nav_active(nav_entries[i].href, http_path(req))));
	}
	json_object_set_new(model, "lang", json_string(lang));
	json_object_set_new(model, "nav", nav);
	json_object_set_new(
	    model, "app",
	    json_pack("{s:s, s:s}", "name", core_tr(lang, N_("Mishu")), "version", app->version));
	json_object_set(model, "t", g_str_equal(lang, CORE_LANG_EN) ? strings_en : strings_zh);
	if (auth_current(req)) {
		const AuthUser *u = auth_current(req);
		json_t *uj = auth_user_json(u);
		json_object_set_new(uj, "is_sysadmin", json_boolean(u->roles & AUTH_ROLE_SYSADMIN));
		json_object_set_new(uj, "is_secadmin", json_boolean(u->roles & AUTH_ROLE_SECADMIN));
		json_object_set_new(uj, "is_auditor", json_boolean(u->roles & AUTH_ROLE_AUDITOR));
		json_object_set_new(model, "user", uj);
		if (u->csrf_token)
			json_object_set_new(model, "csrf_token", json_string(u->csrf_token));
		if (auth_can(u, "work.read"))
			layout_inbox_count(req, u, model);
		layout_duty(req, model);
	}
	if (json_object_get(model, "title") == NULL)
		json_object_set_new(model, "title", json_string(core_tr(lang, N_("Mishu"))));
	return view_render(tpl, model, err);
}
