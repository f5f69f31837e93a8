/*
 * auth_admin_pages.c — the administrators' pages, one per duty of 三员分立:
 *   system administrator (users.manage)    /admin/users…     accounts, passwords, unlocking
 *   security administrator (roles/policy)  /security/…       roles, security policy
 * (The security auditor's pages are in auth_audit_pages.c.)
 *
 * Every change goes through one audited auth_op_*; a refused change re-shows its form with the
 * message at the field and the values that were typed (never a password).
 */
#include "auth/auth_pages.h"
#include "core/core.h"

#include <string.h>

#define USERS_PAGE 200 /* accounts per page of the lists */

/* The roles in the order the pages show them: work roles, then the three administrators. */
static const AuthRole role_order[] = {
    AUTH_ROLE_LEADER,   AUTH_ROLE_STAFF,    AUTH_ROLE_LIAISON,
    AUTH_ROLE_SYSADMIN, AUTH_ROLE_SECADMIN, AUTH_ROLE_AUDITOR,
};

/* The accounts after AFTER (a page of USERS_PAGE), each prepared by auth_page_account with its
 * "href"; NULL with ERR on database failure. */
static json_t *account_list(HttpRequest *req, gint64 after, GError **err)
{
	App *app = http_app(req);
	DbConn *c = db_conn(app->db, err);
	json_t *list = c ? auth_user_list(c, after, USERS_PAGE, err) : NULL;
	json_t *u;
	size_t i;

	json_array_foreach (list, i, u) {
		char *href = g_strdup_printf("/admin/users/%" JSON_INTEGER_FORMAT,
		                             json_integer_value(json_object_get(u, "id")));
		auth_page_account(req, u);
		json_object_set_new(u, "href", json_string(href));
		g_free(href);
	}
	return list;
}

/* Adds "next_href" (the page after LIST, when it is full) and "first_href" (when AFTER > 0) to
 * model M for the list at BASE. */
static void list_paging(json_t *m, json_t *list, gint64 after, const char *base)
{
	size_t n = json_array_size(list);

	if (n >= USERS_PAGE) {
		char *href = g_strdup_printf(
		    "%s?after=%" JSON_INTEGER_FORMAT, base,
		    json_integer_value(json_object_get(json_array_get(list, n - 1), "id")));
		json_object_set_new(m, "next_href", json_string(href));
		g_free(href);
	}
	if (after > 0)
		json_object_set_new(m, "first_href", json_string(base));
	json_object_set_new(m, "paging", json_boolean(n >= USERS_PAGE || after > 0));
}

/* ---- accounts (system administrator) ----------------------------------------------------- */

/* GET /admin/users[?after=ID]: every account with its roles and status. */
void auth_page_users(HttpRequest *req, HttpResponse *res)
{
	gint64 after = auth_page_number(http_query(req, "after"));
	GError *err = NULL;
	json_t *list = account_list(req, after, &err);
	json_t *m;

	if (list == NULL) {
		auth_page_fail(req, res, err);
		return;
	}
	m = auth_page_model(req, N_("Accounts"));
	json_object_set_new(m, "count", json_integer((json_int_t)json_array_size(list)));
	json_object_set_new(m, "has_accounts", json_boolean(json_array_size(list) > 0));
	list_paging(m, list, after, "/admin/users");
	json_object_set_new(m, "accounts", list);
	http_reply_model(res, 200, m, "auth/users");
}

/* The fields of the new-account form that a re-show keeps (the password never is). */
static const char *const new_account_fields[] = {
    "username", "display_name", "unit", "department", "phone",
};

/* The form field an account-creation refusal belongs to, or NULL when none does. The operation
 * names no field, so it is read from the error's code and msgid (auth_user.c's messages). */
static const char *create_error_field(const GError *err)
{
	static const struct {
		const char *msgid, *field;
	} by_message[] = {
	    {"A username is 3 to 32 letters, digits, '.', '_' or '-', starting with a letter.",
	     "username"},
	    {"Give a name of 1 to 64 characters.", "display_name"},
	    {"There is no unit with this code.", "unit"},
	};

	if (err->code == AUTH_ERROR_CONFLICT)
		return "username";
	if (err->code == AUTH_ERROR_POLICY)
		return "password";
	for (gsize i = 0; i < G_N_ELEMENTS(by_message); i++)
		if (strcmp(err->message, by_message[i].msgid) == 0)
			return by_message[i].field;
	return NULL;
}

/* Adds "error" {message} and "errors" {FIELD: message} to M for the translated ERROR. */
static void set_error(json_t *m, const char *error, const char *field)
{
	json_object_set_new(m, "error", json_pack("{s:o}", "message", auth_page_text(error)));
	if (field)
		json_object_set_new(m, "errors", json_pack("{s:o}", field, auth_page_text(error)));
}

/* Renders the new-account form with STATUS; after a refusal (ERROR translated, at FIELD) it
 * keeps the values typed. */
static void user_new_reply(HttpRequest *req, HttpResponse *res, int status, const char *error,
                           const char *field)
{
	GError *err = NULL;
	json_t *policy = auth_page_policy_hint(req, &err);
	json_t *m, *values = json_object();

	if (policy == NULL) {
		json_decref(values);
		auth_page_fail(req, res, err);
		return;
	}
	for (gsize i = 0; error && i < G_N_ELEMENTS(new_account_fields); i++)
		json_object_set_new(values, new_account_fields[i],
		                    auth_page_text(http_form(req, new_account_fields[i])));
	m = auth_page_model(req, N_("New account"));
	json_object_set_new(m, "values", values);
	json_object_set_new(m, "policy", policy);
	if (error)
		set_error(m, error, field);
	http_reply_model(res, status, m, "auth/user_new");
}

/* GET /admin/users/new: the form for a new account. */
void auth_page_user_new(HttpRequest *req, HttpResponse *res)
{
	user_new_reply(req, res, 200, NULL, NULL);
}

/* POST /admin/users (username, display_name, unit, department, phone, password): creates an
 * account without roles (the security administrator grants them: 三员分立) that must change
 * its temporary password at first sign-in, then shows it. */
void auth_page_user_create(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	const char *unit = auth_page_form(req, "unit");
	AuthUserSpec spec = {
	    .username = auth_page_form(req, "username"),
	    .display_name = auth_page_form(req, "display_name"),
	    .roles = 0,
	    .unit_code = *unit ? unit : NULL,
	    .department = auth_page_form(req, "department"),
	    .phone = auth_page_form(req, "phone"),
	    .password = auth_page_form(req, "password"),
	    .must_change_password = TRUE,
	};
	GError *err = NULL;
	gint64 id = 0;
	char *href;

	if (!auth_op_user_create(app->db, auth_current(req), http_remote_addr(req), &spec, &id,
	                         &err)) {
		if (err == NULL || err->domain != AUTH_ERROR || err->code == AUTH_ERROR_DB) {
			auth_page_fail(req, res, err);
			return;
		}
		user_new_reply(req, res, auth_error_status(err), http_tr(req, err->message),
		               create_error_field(err));
		g_error_free(err);
		return;
	}
	href = g_strdup_printf("/admin/users/%" G_GINT64_FORMAT "?created=1", id);
	http_reply_redirect(res, 303, href);
	g_free(href);
}

/* Which form of the account page a refusal belongs to. */
typedef enum { FORM_NONE, FORM_EDIT, FORM_RESET } AccountForm;

/* The edit form's values: the stored ones of account U (JSON), or those just typed (TYPED). */
static json_t *edit_values(HttpRequest *req, json_t *u, gboolean typed)
{
	static const char *const texts[] = {"display_name", "department", "phone"};
	json_t *v = json_object();
	const char *locale;

	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
		json_object_set_new(
		    v, texts[i],
		    auth_page_text(typed ? http_form(req, texts[i])
		                         : json_string_value(json_object_get(u, texts[i]))));
	json_object_set_new(
	    v, "unit",
	    auth_page_text(typed ? http_form(req, "unit")
	                         : json_string_value(json_object_get(u, "unit_code"))));
	locale = typed ? http_form(req, "locale") : json_string_value(json_object_get(u, "locale"));
	json_object_set_new(v, "locale_en", json_boolean(g_strcmp0(locale, "en") == 0));
	json_object_set_new(v, "disabled",
	                    json_boolean(typed ? http_form(req, "disabled") != NULL
	                                       : json_is_true(json_object_get(u, "disabled"))));
	return v;
}

/*
 * Renders account ID's page with STATUS: its details, the edit form, the temporary-password
 * form and, when locked, the unlock button. After a refusal in FORM (ERROR translated, at FIELD)
 * that form shows the message and the edit form keeps what was typed. The query's created,
 * saved, reset and unlocked flags (set by the redirects below) show what just happened.
 */
static void user_reply(HttpRequest *req, HttpResponse *res, int status, gint64 id, AccountForm form,
                       const char *error, const char *field)
{
	static const struct {
		const char *flag, *msgid;
	} done[] = {
	    {"created", N_("The account has been created. The security administrator grants "
	                   "its roles; the user changes the temporary password at first sign-in.")},
	    {"saved", N_("The changes have been saved.")},
	    {"reset", N_("The temporary password has been set. The user must change it at the "
	                 "next sign-in.")},
	    {"unlocked", N_("The account has been unlocked.")},
	};
	App *app = http_app(req);
	GError *err = NULL;
	DbConn *c = db_conn(app->db, &err);
	AuthUser *u = c ? auth_user_load(c, id, &err) : NULL;
	json_t *policy = u ? auth_page_policy_hint(req, &err) : NULL;
	json_t *account, *m;
	char *href;

	if (policy == NULL) {
		auth_user_free(u);
		auth_page_fail(req, res, err);
		return;
	}
	account = auth_page_account(req, auth_user_json(u));
	auth_user_free(u);
	href = g_strdup_printf("/admin/users/%" G_GINT64_FORMAT, id);
	json_object_set_new(account, "href", json_string(href));
	g_free(href);
	m = auth_page_model(req, N_("Account"));
	json_object_set_new(m, "values", edit_values(req, account, form == FORM_EDIT));
	json_object_set_new(m, "account", account);
	json_object_set_new(m, "policy", policy);
	if (error) {
		json_object_set_new(m, form == FORM_RESET ? "reset_error" : "edit_error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
		if (field)
			json_object_set_new(m, "errors",
			                    json_pack("{s:o}", field, auth_page_text(error)));
	}
	for (gsize i = 0; status == 200 && i < G_N_ELEMENTS(done); i++)
		if (g_strcmp0(http_query(req, done[i].flag), "1") == 0)
			auth_page_flash(req, m, "success", done[i].msgid);
	http_reply_model(res, status, m, "auth/user");
}

/* Re-shows account ID's page after the refusal ERR in FORM (FIELD may be NULL), or the error
 * page when there is nothing to re-show. Frees ERR. */
static void user_refused(HttpRequest *req, HttpResponse *res, gint64 id, AccountForm form,
                         GError *err, const char *field)
{
	if (err == NULL || err->domain != AUTH_ERROR || err->code == AUTH_ERROR_DB ||
	    err->code == AUTH_ERROR_NOT_FOUND) {
		auth_page_fail(req, res, err);
		return;
	}
	user_reply(req, res, auth_error_status(err), id, form, http_tr(req, err->message), field);
	g_error_free(err);
}

/* Redirects to account ID's page with FLAG=1. */
static void user_redirect(HttpResponse *res, gint64 id, const char *flag)
{
	char *href = g_strdup_printf("/admin/users/%" G_GINT64_FORMAT "?%s=1", id, flag);

	http_reply_redirect(res, 303, href);
	g_free(href);
}

/* Answers 404 for a path id that is not a positive number; TRUE when it did. */
static gboolean bad_id(HttpResponse *res, gint64 id)
{
	if (id > 0)
		return FALSE;
	http_reply_error(res, 404, "not_found", N_("There is no such account."), NULL);
	return TRUE;
}

/* GET /admin/users/{id}: the account's page. */
void auth_page_user(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (!bad_id(res, id))
		user_reply(req, res, 200, id, FORM_NONE, NULL, NULL);
}

/* POST /admin/users/{id} (display_name, unit, department, phone, locale, disabled): updates
 * the account's details; an unchecked "disabled" box enables the account. */
void auth_page_user_update(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	gint64 id = auth_page_id(req, "id");
	const char *unit = auth_page_form(req, "unit");
	json_t *changes;
	GError *err = NULL;
	char *field = NULL;

	if (bad_id(res, id))
		return;
	changes = json_object();
	json_object_set_new(changes, "display_name",
	                    auth_page_text(auth_page_form(req, "display_name")));
	json_object_set_new(changes, "unit", *unit ? auth_page_text(unit) : json_null());
	json_object_set_new(changes, "department",
	                    auth_page_text(auth_page_form(req, "department")));
	json_object_set_new(changes, "phone", auth_page_text(auth_page_form(req, "phone")));
	json_object_set_new(
	    changes, "locale",
	    auth_page_text(g_strcmp0(http_form(req, "locale"), "en") == 0 ? "en" : "zh-CN"));
	json_object_set_new(changes, "disabled", json_boolean(http_form(req, "disabled") != NULL));
	if (auth_op_user_update(app->db, auth_current(req), http_remote_addr(req), id, changes,
	                        &field, &err))
		user_redirect(res, id, "saved");
	else
		user_refused(req, res, id, FORM_EDIT, err, field);
	json_decref(changes);
	g_free(field);
}

/* POST /admin/users/{id}/password (new_password, new_password_confirm): sets a temporary
 * password the user must change at the next sign-in. */
void auth_page_user_reset_password(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	gint64 id = auth_page_id(req, "id");
	const char *password = auth_page_form(req, "new_password");
	GError *err = NULL;

	if (bad_id(res, id))
		return;
	if (strcmp(password, auth_page_form(req, "new_password_confirm")) != 0) {
		user_reply(req, res, 422, id, FORM_RESET,
		           http_tr(req, N_("The two new passwords differ. Type the same new "
		                           "password twice.")),
		           "new_password_confirm");
		return;
	}
	if (auth_op_user_reset_password(app->db, auth_current(req), http_remote_addr(req), id,
	                                password, &err))
		user_redirect(res, id, "reset");
	else
		user_refused(req, res, id, FORM_RESET, err, "new_password");
}

/* POST /admin/users/{id}/unlock: lifts a lockout after failed sign-ins. */
void auth_page_user_unlock(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	gint64 id = auth_page_id(req, "id");
	GError *err = NULL;

	if (bad_id(res, id))
		return;
	if (auth_op_user_unlock(app->db, auth_current(req), http_remote_addr(req), id, &err))
		user_redirect(res, id, "unlocked");
	else
		user_refused(req, res, id, FORM_NONE, err, NULL);
}

/* ---- roles (security administrator) ------------------------------------------------------ */

/* The role bits named in the account JSON U's "roles". */
static guint roles_of(json_t *u)
{
	json_t *v;
	size_t i;
	guint roles = 0;

	json_array_foreach (json_object_get(u, "roles"), i, v)
		roles |= auth_role_from_name(json_string_value(v));
	return roles;
}

/* One account's row of the roles page: its form id and one checkbox per role, checked from
 * ROLES. */
static void roles_row(HttpRequest *req, json_t *u, guint roles)
{
	gint64 id = json_integer_value(json_object_get(u, "id"));
	json_t *checks = json_array();
	char *s;

	for (gsize i = 0; i < G_N_ELEMENTS(role_order); i++) {
		const char *name = auth_role_name(role_order[i]);
		char *field = g_strconcat("role_", name, NULL);
		char *input = g_strdup_printf("role-%" G_GINT64_FORMAT "-%s", id, name);

		json_array_append_new(
		    checks, json_pack("{s:s, s:s, s:s, s:b, s:b}", "field", field, "input_id",
		                      input, "title", http_tr(req, auth_role_title(role_order[i])),
		                      "checked", (roles & role_order[i]) != 0, "admin",
		                      (role_order[i] & AUTH_ROLES_ADMIN) != 0));
		g_free(field);
		g_free(input);
	}
	json_object_set_new(u, "checks", checks);
	s = g_strdup_printf("roles-%" G_GINT64_FORMAT, id);
	json_object_set_new(u, "form_id", json_string(s));
	g_free(s);
	s = g_strdup_printf("/security/users/%" G_GINT64_FORMAT "/roles", id);
	json_object_set_new(u, "action", json_string(s));
	g_free(s);
	s = g_strdup_printf("account-%" G_GINT64_FORMAT, id);
	json_object_set_new(u, "anchor", json_string(s));
	g_free(s);
}

/*
 * Renders the roles page with STATUS: every account (a page of them) with a checkbox per role
 * and its own form. After a refusal for account FOR_ID, that row shows the roles just submitted
 * (ROLES) and ERROR (translated). ?saved=ID marks the account just changed.
 */
static void roles_reply(HttpRequest *req, HttpResponse *res, int status, gint64 for_id, guint roles,
                        const char *error)
{
	gint64 after = auth_page_number(http_query(req, "after"));
	gint64 saved = status == 200 ? auth_page_number(http_query(req, "saved")) : 0;
	GError *err = NULL;
	json_t *list = account_list(req, after, &err);
	json_t *columns = json_array(), *u, *m;
	size_t i;

	if (list == NULL) {
		json_decref(columns);
		auth_page_fail(req, res, err);
		return;
	}
	for (gsize r = 0; r < G_N_ELEMENTS(role_order); r++)
		json_array_append_new(
		    columns,
		    json_pack("{s:s}", "title", http_tr(req, auth_role_title(role_order[r]))));
	json_array_foreach (list, i, u) {
		gint64 id = json_integer_value(json_object_get(u, "id"));

		roles_row(req, u, id == for_id ? roles : roles_of(u));
		if (id == for_id && error)
			json_object_set_new(u, "row_error", auth_page_text(error));
		if (id == saved)
			json_object_set_new(u, "saved", json_true());
	}
	m = auth_page_model(req, N_("Role assignment"));
	list_paging(m, list, after, "/security/roles");
	json_object_set_new(m, "role_columns", columns);
	json_object_set_new(m, "accounts", list);
	if (error)
		json_object_set_new(m, "error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
	if (saved)
		auth_page_flash(req, m, "success", N_("The roles have been saved."));
	http_reply_model(res, status, m, "auth/roles");
}

/* GET /security/roles: grant and revoke roles. */
void auth_page_roles(HttpRequest *req, HttpResponse *res)
{
	roles_reply(req, res, 200, 0, 0, NULL);
}

/* POST /security/users/{id}/roles (role_leader, role_staff, … checkboxes): replaces the
 * account's roles; a refusal (no role, two administrator roles) re-shows the page at it. */
void auth_page_roles_post(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	gint64 id = auth_page_id(req, "id");
	GError *err = NULL;
	guint roles = 0;
	char *href;

	if (bad_id(res, id))
		return;
	for (gsize i = 0; i < G_N_ELEMENTS(role_order); i++) {
		char *field = g_strconcat("role_", auth_role_name(role_order[i]), NULL);
		if (http_form(req, field) != NULL)
			roles |= role_order[i];
		g_free(field);
	}
	if (!auth_op_user_set_roles(app->db, auth_current(req), http_remote_addr(req), id, roles,
	                            &err)) {
		if (err == NULL || err->domain != AUTH_ERROR || err->code == AUTH_ERROR_DB ||
		    err->code == AUTH_ERROR_NOT_FOUND) {
			auth_page_fail(req, res, err);
			return;
		}
		roles_reply(req, res, auth_error_status(err), id, roles,
		            http_tr(req, err->message));
		g_error_free(err);
		return;
	}
	href = g_strdup_printf(
	    "/security/roles?saved=%" G_GINT64_FORMAT "#account-%" G_GINT64_FORMAT, id, id);
	http_reply_redirect(res, 303, href);
	g_free(href);
}

/* ---- security policy (security administrator) -------------------------------------------- */

/* The policy's fields as the form shows them; MINUTES fields are stored in seconds. */
static const struct {
	const char *name;
	const char *label; /* msgid */
	const char *unit;  /* msgid */
	const char *hint;  /* msgid or NULL */
	gboolean minutes;
} policy_fields[] = {
    {"password_min_length", N_("Minimum password length"), N_("characters"), NULL, FALSE},
    {"password_min_classes", N_("Character kinds a password needs"), N_("kinds"),
     N_("Of four kinds: lower-case letters, upper-case letters, digits, other characters."), FALSE},
    {"captcha_after", N_("Failed sign-ins before a captcha"), N_("times"), NULL, FALSE},
    {"lockout_threshold", N_("Failed sign-ins that lock an account"), N_("times"),
     N_("Counted within the period below; not fewer than the captcha's."), FALSE},
    {"lockout_window", N_("Period in which failures count"), N_("minutes"), NULL, TRUE},
    {"lockout_duration", N_("Lockout duration"), N_("minutes"), NULL, TRUE},
    {"address_limit", N_("Failed sign-ins allowed from one address"), N_("times"),
     N_("Within the period above; more are refused for a while."), FALSE},
    {"session_idle", N_("Sign out after inactivity of"), N_("minutes"), NULL, TRUE},
    {"session_absolute", N_("Longest session"), N_("minutes"),
     N_("Not shorter than the inactivity limit."), TRUE},
};

/* Renders the policy form with STATUS. After a refusal (ERROR translated, at FIELD) the fields
 * show what was typed; otherwise the stored values (seconds shown as minutes). */
static void policy_reply(HttpRequest *req, HttpResponse *res, int status, const char *error,
                         const char *field)
{
	App *app = http_app(req);
	GError *err = NULL;
	DbConn *c = db_conn(app->db, &err);
	AuthPolicy p;
	json_t *stored, *fields, *m;

	if (c == NULL || !auth_policy_load(c, &p, &err)) {
		auth_page_fail(req, res, err);
		return;
	}
	stored = auth_policy_json(&p);
	fields = json_array();
	for (gsize i = 0; i < G_N_ELEMENTS(policy_fields); i++) {
		json_int_t v = json_integer_value(json_object_get(stored, policy_fields[i].name));
		char *text = g_strdup_printf("%" JSON_INTEGER_FORMAT,
		                             policy_fields[i].minutes ? (v + 59) / 60 : v);
		json_t *f =
		    json_pack("{s:s, s:s, s:s, s:o}", "name", policy_fields[i].name, "label",
		              http_tr(req, policy_fields[i].label), "unit",
		              http_tr(req, policy_fields[i].unit), "value",
		              auth_page_text(error ? http_form(req, policy_fields[i].name) : text));

		if (policy_fields[i].hint)
			json_object_set_new(f, "hint",
			                    json_string(http_tr(req, policy_fields[i].hint)));
		if (error && g_strcmp0(field, policy_fields[i].name) == 0)
			json_object_set_new(f, "field_error", auth_page_text(error));
		json_array_append_new(fields, f);
		g_free(text);
	}
	json_decref(stored);
	m = auth_page_model(req, N_("Security policy"));
	json_object_set_new(m, "fields", fields);
	if (error)
		json_object_set_new(m, "error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
	if (status == 200 && g_strcmp0(http_query(req, "saved"), "1") == 0)
		auth_page_flash(req, m, "success", N_("The security policy has been saved."));
	http_reply_model(res, status, m, "auth/policy");
}

/* GET /security/policy: password, captcha, lockout and session limits. */
void auth_page_policy(HttpRequest *req, HttpResponse *res)
{
	policy_reply(req, res, 200, NULL, NULL);
}

/* POST /security/policy (the nine fields; times in minutes): stores the policy. */
void auth_page_policy_post(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	json_t *changes = json_object();
	GError *err = NULL;
	char *field = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(policy_fields); i++) {
		gint64 n = auth_page_number(http_form(req, policy_fields[i].name));

		if (n <= 0 || n > 10000000) {
			policy_reply(req, res, 422,
			             http_tr(req, N_("Enter a whole number greater than zero.")),
			             policy_fields[i].name);
			json_decref(changes);
			return;
		}
		json_object_set_new(changes, policy_fields[i].name,
		                    json_integer(policy_fields[i].minutes ? n * 60 : n));
	}
	if (auth_op_policy_update(app->db, auth_current(req), http_remote_addr(req), changes,
	                          &field, &err)) {
		http_reply_redirect(res, 303, "/security/policy?saved=1");
	} else if (err == NULL || err->domain != AUTH_ERROR || err->code == AUTH_ERROR_DB) {
		auth_page_fail(req, res, err);
	} else {
		policy_reply(req, res, auth_error_status(err), http_tr(req, err->message), field);
		g_error_free(err);
	}
	json_decref(changes);
	g_free(field);
}
