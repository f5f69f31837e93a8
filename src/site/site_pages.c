/*
 * Site-wide endpoints: the dashboard, static files, health and the OpenAPI document.
 */
#include "config.h"
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "docs/docs_pages.h"
#include "tasks/task_pages.h"
#include "site/site.h"
#include "view/view.h"
#include "work/flow.h"

/* The dashboard (工作台): the user's to-do list and the modules. Modules fill the to-do list as
 * they arrive; until then it is empty and says what will appear there. */
/* Adds "inbox" (the user's 待办 from work_inbox, each row with "href", "kind_label", "since_text")
 * and "inbox_count" to M; nothing for users without work.read or when the database fails
 * (logged: the dashboard still opens). */
static void home_inbox(HttpRequest *req, json_t *m)
{
	const AuthUser *me = auth_current(req);
	GError *err = NULL;
	DbConn *c = me && auth_can(me, "work.read") ? db_conn(app_db(req), &err) : NULL;
	json_t *inbox = c ? work_inbox(c, me, http_lang(req), &err) : NULL, *it;
	json_t *items = json_object_get(inbox, "items");
	size_t i;

	if (inbox == NULL) {
		if (err)
			g_warning("dashboard inbox: %s", err->message);
		g_clear_error(&err);
		return;
	}
	json_array_foreach (items, i, it) {
		const char *kind = json_string_value(json_object_get(it, "kind"));
		const WorkFlow *f = work_flow_get(c, kind, 0, NULL);
		g_autofree char *href =
		    g_strdup_printf("/%s/%" JSON_INTEGER_FORMAT,
		                    g_strcmp0(kind, "task") == 0 ? "tasks" : "documents",
		                    json_integer_value(json_object_get(it, "item_id")));
		gint64 since = json_integer_value(json_object_get(it, "since"));
		json_object_set_new(it, "href", json_string(href));
		json_object_set_new(
		    it, "kind_label",
		    json_string(f ? work_flow_label(json_object_get(work_flow_json(f), "name"),
		                                    http_lang(req), kind)
		                  : kind));
		if (since) {
			g_autofree char *text = core_time_format(since, "%Y-%m-%d %H:%M");
			json_object_set_new(it, "since_text", json_string(text));
		}
	}
	json_object_set(m, "inbox", items);
	json_object_set(m, "inbox_count",
	                json_object_get(json_object_get(inbox, "counts"), "total"));
	json_object_set_new(m, "has_inbox", json_boolean(json_array_size(items) > 0));
	json_decref(inbox);
}

void site_home(HttpRequest *req, HttpResponse *res)
{
	static const struct {
		const char *href, *label, *desc;
	} modules[] = {
	    /* only modules that are built (the navigation's rule, site_layout.c) */
	    {"/documents", N_("Documents"), N_("Incoming and outgoing official documents")},
	    {"/tasks", N_("Supervision"), N_("Leaders' instructions chased to closure")},
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
	m = json_pack("{s:s, s:[], s:b, s:i, s:o}", "title", core_tr(lang, N_("Dashboard")), "todo",
	              "has_todo", 0, "todo_count", 0, "modules", mods);
	home_inbox(req, m);      /* every step waiting for this user, from the workflow engine */
	docs_page_home(req, m);  /* the documents' counters and those waiting to be read */
	tasks_page_home(req, m); /* supervised tasks waiting, due soon or late; notifications */
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
