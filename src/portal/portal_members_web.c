/*
 * portal_members_web.c — membership of the portal on the web: the application (API
 * POST /api/v1/members and the form /portal/register, both behind the captcha) and the system
 * administrator's decisions (GET /api/v1/members, …/{id}/actions/{action}, the page
 * /admin/members). Every write is audited (portal_ops.c).
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal_pages.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#define errors portal_page_errors

void portal_api_member_apply(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!portal_op_member_apply(req, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	http_reply_json(res, 201,
	                json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "pending"));
}

void portal_api_members(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *list = c ? portal_members(c, http_query(req, "status"), &err) : NULL;

	if (c == NULL)
		return;
	if (list == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", list, "next_cursor"));
}

/* Takes the decision of the path ({id}, {action}) for REQ's user; FALSE after answering 404
 * for a bad id, or with ERR. */
static gboolean decide(HttpRequest *req, HttpResponse *res, PortalOp *o, GError **err)
{
	const char *field = NULL;

	if (!auth_path_id(req, res, &o->id))
		return FALSE;
	o->action = http_param(req, "action");
	portal_viewer(req, NULL, &o->v);
	return portal_op_member_decide(req, o, &field, err);
}

void portal_api_member_act(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {.body = http_json(req)};
	GError *err = NULL;
	DbConn *c;
	json_t *m;

	if (!decide(req, res, &o, &err)) {
		if (err)
			work_fail(req, res, err, NULL);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	m = work_row(WORK_ERRORS, c, &err, N_("There is no such application."),
	             "SELECT id, kind, username, display_name, contact, phone, status, created_at, "
	             "decided_at, user_id FROM portal_member WHERE id = ?",
	             "i", o.id);
	if (m == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, m);
}

/* ---- pages --------------------------------------------------------------------------------- */

static const char *const apply_fields[] = {"kind",       "username",       "display_name",
                                           "contact",    "phone",          "password",
                                           "captcha_id", "captcha_answer", NULL};

/* The application form; after a refusal ERROR at FIELD with STATUS and what was typed (never
 * the password); DONE: the application is in. */
static void register_page(HttpRequest *req, HttpResponse *res, int status, const char *error,
                          const char *field, gboolean done)
{
	g_autofree char *cid = done ? NULL : auth_captcha_new(app_db(req), NULL);
	json_t *m = portal_page_model(req, N_("Apply for membership"));
	json_t *typed = portal_page_form(req, apply_fields);

	json_object_del(typed, "password");
	json_object_set_new(m, "person", json_boolean(g_strcmp0(http_form(req, "kind"), "unit")));
	json_object_set_new(m, "form", typed);
	if (cid)
		json_object_set_new(m, "captcha",
		                    json_pack("{s:s, s:o}", "id", cid, "image",
		                              json_sprintf("/captcha/%s.png", cid)));
	if (done)
		site_module_flash(
		    m, "success",
		    http_tr(req, N_("Your application is in. The system administrator "
		                    "will check it; then sign in with your username.")));
	json_object_set_new(m, "done", json_boolean(done));
	if (error)
		site_module_set_error(m, error, field);
	http_reply_model(res, status, m, "portal/register");
}

void portal_page_register(HttpRequest *req, HttpResponse *res)
{
	register_page(req, res, 200, NULL, NULL, FALSE);
}

void portal_page_register_post(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = portal_page_form(req, apply_fields);
	PortalOp o = {.body = body};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!portal_op_member_apply(req, &o, &id, &field, &err)) {
		if (site_module_refusal(&errors, err)) {
			register_page(req, res, work_error_status(err),
			              site_module_message(req, &errors, err), field, FALSE);
			g_error_free(err);
			return;
		}
		site_module_fail(req, res, &errors, err);
		return;
	}
	register_page(req, res, 201, NULL, NULL, TRUE);
}

void portal_page_members(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	json_t *pending = c ? portal_members(c, "pending", &err) : NULL;
	json_t *m, *a;
	size_t i;

	if (pending == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (pending, i, a) {
		site_module_set_time(a, "when",
		                     json_integer_value(json_object_get(a, "created_at")));
		json_object_set_new(
		    a, "kind_label",
		    json_string(g_strcmp0(json_string_value(json_object_get(a, "kind")), "unit")
		                    ? http_tr(req, N_("Individual member"))
		                    : http_tr(req, N_("Organisation member"))));
	}
	m = portal_page_model(req, N_("Member applications"));
	json_object_set_new(m, "has_pending", json_boolean(json_array_size(pending) > 0));
	json_object_set_new(m, "pending", pending);
	if (http_query(req, "done"))
		site_module_flash(m, "success", http_tr(req, N_("Saved.")));
	http_reply_model(res, 200, m, "portal/members");
}

void portal_page_member_act(HttpRequest *req, HttpResponse *res)
{
	PortalOp o = {0};
	GError *err = NULL;

	if (!decide(req, res, &o, &err)) {
		if (err)
			site_module_fail(req, res, &errors, err);
		return;
	}
	http_reply_redirect(res, 303, "/admin/members?done=1");
}
