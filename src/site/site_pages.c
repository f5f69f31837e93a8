/*
 * Site-wide endpoints: the dashboard, static files, health and the OpenAPI document.
 */
#include "config.h"
#include "app.h"
#include "alert/alert_web.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "docs/docs_pages.h"
#include "tasks/task_pages.h"
#include "site/site.h"
#include "view/view.h"
#include "work/work_web.h"

/* Rows of the personal inbox on the dashboard (the page /inbox has them all). */
#define HOME_INBOX 20

/* GET /: the dashboard (工作台) — the user's 待办 with its counters, the office's figures
 * (labelled as such) and the modules; administrators go to their own pages. */
void site_home(HttpRequest *req, HttpResponse *res)
{
	static const struct {
		const char *href, *label, *desc;
	} modules[] = {
	    /* only modules that are built (the navigation's rule, site_layout.c) */
	    {"/documents", N_("Documents"), N_("Incoming and outgoing official documents")},
	    {"/tasks", N_("Supervision"), N_("Leaders' instructions chased to closure")},
	    {"/meetings", N_("Meetings"),
	     N_("Rules of procedure, exact quorum and votes, minutes")},
	    {"/reports", N_("Information"), N_("Reports, bulletins and read receipts")},
	    {"/incidents", N_("Emergencies"),
	     N_("Incidents against the clock, acknowledgement and escalation")},
	    {"/duty", N_("Duty roster"), N_("Who is on duty, leave and the handover log")},
	    {"/org", N_("Division of responsibility"), N_("Leaders, portfolios and routing")},
	};
	const char *lang = http_lang(req);
	const AuthUser *me = auth_current(req);
	json_t *mods, *m;

	/* The three administrators have no work to do here: each goes to their own pages. */
	if (me && !auth_can(me, "work.read")) {
		http_reply_redirect(res, 303,
		                    auth_can(me, "users.manage")   ? "/admin/users"
		                    : auth_can(me, "roles.manage") ? "/security/roles"
		                    : auth_can(me, "audit.read")   ? "/audit"
		                                                   : "/profile");
		return;
	}
	mods = json_array();
	for (gsize i = 0; i < G_N_ELEMENTS(modules); i++)
		json_array_append_new(mods,
		                      json_pack("{s:s, s:s, s:s}", "href", modules[i].href, "label",
		                                core_tr(lang, modules[i].label), "description",
		                                core_tr(lang, modules[i].desc)));
	m = json_pack("{s:s, s:o}", "title", core_tr(lang, N_("Dashboard")), "modules", mods);
	/* every step waiting for this user, from the workflow engine: the first HOME_INBOX */
	if (me && auth_can(me, "work.read"))
		work_inbox_model(req, NULL, HOME_INBOX, m);
	docs_page_home(req, m);  /* the office's documents in hand */
	alert_page_home(req, m); /* incidents open, reports overdue, alerts to sign for */
	tasks_page_home(req, m); /* supervised tasks open and late; notifications */
	http_reply_model(res, 200, m, "home");
}

/* GET /static/{path*}: files from the bundle, cached for an hour (ETag revalidates). */
void site_static(HttpRequest *req, HttpResponse *res)
{
	char *path = g_strconcat("static/", http_param(req, "path"), NULL);
	char *etag = NULL;
	GBytes *b = view_asset(path, &etag);

	if (b == NULL)
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
	else
		http_reply_static(req, res, path, b, etag, 3600);
	if (b)
		g_bytes_unref(b);
	g_free(etag);
	g_free(path);
}

/* GET /healthz: 200 when the database answers, 503 otherwise. */
void site_healthz(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	GError *err = NULL;
	gboolean ok = db_ping(app->db, &err);

	if (!ok) {
		g_warning("healthz: %s", err->message);
		g_error_free(err);
	}
	http_reply_json(res, ok ? 200 : 503,
	                json_pack("{s:s, s:s, s:s}", "status", ok ? "ok" : "unavailable", "db",
	                          db_kind_name(app->db), "version", app->version));
}

/* GET /api/v1/openapi.json: the OpenAPI 3.1 document compiled into the binary. */
void site_openapi(HttpRequest *req, HttpResponse *res)
{
	char *etag = NULL;
	GBytes *b = view_asset("api/openapi.json", &etag);

	if (b == NULL) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	http_reply_static(req, res, "openapi.json", b, etag, 300);
	g_bytes_unref(b);
	g_free(etag);
}
