/*
 * auth_pages.c — the signed-in user's own pages: sign-in and sign-out, changing the password,
 * the profile with API tokens; and the helpers the auth page files share (auth_pages.h).
 *
 * The guard has already decided login, permission and CSRF before any handler here runs; only
 * the sign-in form checks its own double-submit token. Each handler parses its input, calls one
 * auth operation, builds one model and renders templates/auth/<name>.mustache. Every visible
 * word comes from the "t" strings or a translated msgid.
 */
#include "auth/auth_pages.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared helpers (auth_pages.h) ---------------------------------------------------------- */

json_t *auth_page_text(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;

	return v ? v : json_string("");
}

json_t *auth_page_model(HttpRequest *req, const char *title_msgid)
{
	json_t *m = json_object();

	json_object_set_new(m, "title", auth_page_text(http_tr(req, title_msgid)));
	return m;
}

void auth_page_flash(HttpRequest *req, json_t *m, const char *kind, const char *msgid)
{
	json_t *list = json_object_get(m, "flash");

	if (!json_is_array(list)) {
		list = json_array();
		json_object_set_new(m, "flash", list);
	}
	json_array_append_new(list, json_pack("{s:s, s:o}", "kind", kind, "message",
	                                      auth_page_text(http_tr(req, msgid))));
}

char *auth_page_time(gint64 at, const char *format)
{
	return at > 0 ? core_time_format(at, format) : NULL;
}

gboolean auth_page_date(const char *date, gint64 *out)
{
	GDate d;

	if (!core_date_parse(date, &d))
		return FALSE;
	*out = core_date_unix(&d);
	return TRUE;
}

gboolean auth_page_day_end(const char *date, gint64 *out)
{
	GDate d;

	if (!core_date_parse(date, &d))
		return FALSE;
	g_date_add_days(&d, 1);
	*out = core_date_unix(&d) - 1;
	return TRUE;
}

gint64 auth_page_number(const char *v)
{
	return core_parse_id(v);
}

const char *auth_page_message(HttpRequest *req, const GError *err)
{
	if (err && err->domain == AUTH_ERROR && err->code != AUTH_ERROR_DB)
		return http_tr(req, err->message);
	g_warning("auth page %s: %s", http_path(req), err ? err->message : "unknown error");
	return http_tr(req, N_("The database is not available right now. Please try again later."));
}

void auth_page_fail(HttpRequest *req, HttpResponse *res, GError *err)
{
	if (err && err->domain == AUTH_ERROR && err->code != AUTH_ERROR_DB) {
		auth_reply_error(req, res, err, NULL);
	} else {
		(void)auth_page_message(req, err); /* logs the details */
		http_reply_error(
		    res, 503, "unavailable",
		    N_("The database is not available right now. Please try again later."), NULL);
	}
	g_clear_error(&err);
}

json_t *auth_page_account(HttpRequest *req, json_t *user)
{
	json_t *names = json_object_get(user, "roles"), *list = json_array(), *v;
	json_t *unit = json_object_get(user, "unit");
	gint64 locked = json_integer_value(json_object_get(user, "locked_until"));
	gboolean disabled = json_is_true(json_object_get(user, "disabled"));
	gint64 now = core_now();
	size_t i;

	json_array_foreach (names, i, v) {
		AuthRole role = auth_role_from_name(json_string_value(v));
		const char *title = role ? auth_role_title(role) : NULL;

		if (title)
			json_array_append_new(list,
			                      json_pack("{s:s, s:s}", "name", auth_role_name(role),
			                                "title", http_tr(req, title)));
	}
	json_object_set_new(user, "role_list", list);
	json_object_set_new(user, "has_roles", json_boolean(json_array_size(list) > 0));
	json_object_set_new(user, "unit_label",
	                    auth_page_text(json_string_value(json_object_get(unit, "name"))));
	json_object_set_new(user, "unit_code",
	                    auth_page_text(json_string_value(json_object_get(unit, "code"))));
	json_object_set_new(user, "is_disabled", json_boolean(disabled));
	json_object_set_new(user, "locked", json_boolean(!disabled && locked > now));
	json_object_set_new(user, "active", json_boolean(!disabled && locked <= now));
	if (locked > now) {
		char *at = auth_page_time(locked, "%Y-%m-%d %H:%M");
		json_object_set_new(user, "locked_until_text", auth_page_text(at));
		g_free(at);
	}
	return user;
}

json_t *auth_page_policy_hint(HttpRequest *req, GError **err)
{
	App *app = http_app(req);
	DbConn *c = db_conn(app->db, err);
	AuthPolicy p;

	if (c == NULL || !auth_policy_load(c, &p, err))
		return NULL;
	return json_pack("{s:i, s:i}", "min_length", p.password_min_length, "min_classes",
	                 p.password_min_classes);
}

/* ---- sign-in ------------------------------------------------------------------------------- */

/* Where to go after signing in: NEXT when it is a safe local path, but never back to /login. */
static const char *login_next(const char *next)
{
	const char *safe = auth_safe_next(next);

	return g_str_has_prefix(safe, "/login") ? "/" : safe;
}

/* "/login?username=U&next=N&captcha=1": the "new code" link, which asks GET /login for a fresh
 * captcha while keeping what was typed. g_free. */
static char *login_refresh_href(const char *username, const char *next)
{
	GString *s = g_string_new("/login?captcha=1");

	if (username && *username) {
		g_string_append(s, "&username=");
		g_string_append_uri_escaped(s, username, NULL, FALSE);
	}
	if (next && strcmp(next, "/") != 0) {
		g_string_append(s, "&next=");
		g_string_append_uri_escaped(s, next, NULL, FALSE);
	}
	return g_string_free(s, FALSE);
}

/*
 * Renders the sign-in page with STATUS. ERROR (translated, may be NULL) is shown above the form;
 * LOCKED_UNTIL > 0 adds when the account unlocks (HH:MM, office time); CAPTCHA_ID (may be NULL)
 * shows that captcha with its answer field. The form carries the double-submit token.
 */
static void login_reply(HttpRequest *req, HttpResponse *res, int status, const char *username,
                        const char *next, const char *error, gint64 locked_until,
                        const char *captcha_id)
{
	char *csrf = auth_login_csrf(req, res);
	json_t *m = auth_page_model(req, N_("Sign in"));

	json_object_set_new(m, "login_csrf", auth_page_text(csrf));
	json_object_set_new(m, "next", auth_page_text(next));
	json_object_set_new(m, "username", auth_page_text(username));
	if (error) {
		json_t *e = json_object();
		char *at = auth_page_time(locked_until, "%H:%M");

		json_object_set_new(e, "message", auth_page_text(error));
		if (at)
			json_object_set_new(e, "unlock_at", auth_page_text(at));
		json_object_set_new(m, "error", e);
		g_free(at);
	}
	if (captcha_id) {
		char *url = g_strdup_printf("/captcha/%s.png", captcha_id);
		char *refresh = login_refresh_href(username, next);
		json_t *cap = json_object();

		json_object_set_new(cap, "id", auth_page_text(captcha_id));
		json_object_set_new(cap, "url", auth_page_text(url));
		json_object_set_new(cap, "refresh_href", auth_page_text(refresh));
		json_object_set_new(m, "captcha", cap);
		g_free(url);
		g_free(refresh);
	}
	g_free(csrf);
	http_reply_model(res, status, m, "auth/login");
}

/* GET /login[?next=/path][&username=U][&captcha=1]: the sign-in form. Signed-in users go on to
 * NEXT. captcha=1 (the "new code" link) shows a fresh captcha; otherwise none is shown until a
 * failed sign-in asks for one. */
void auth_page_login(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	const char *next = login_next(http_query(req, "next"));
	const char *username = http_query(req, "username");
	char *captcha = NULL;

	if (auth_current(req) != NULL) {
		http_reply_redirect(res, 303, next);
		return;
	}
	if (g_strcmp0(http_query(req, "captcha"), "1") == 0)
		captcha = auth_captcha_new(app->db, NULL); /* NULL: the next failure asks again */
	login_reply(req, res, 200, username ? username : "", next, NULL, 0, captcha);
	g_free(captcha);
}

/* POST /login (username, password, captcha_id, captcha_answer, next, csrf_token): signs in and
 * goes to NEXT (or /password when the password must be changed first); a failure re-shows the
 * form with its status (401, 423, 429), the reason and, when now required, a captcha. */
void auth_page_login_post(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	const char *username = auth_page_form(req, "username");
	const char *next = login_next(http_form(req, "next"));
	AuthLoginResult r = {0};
	GError *err = NULL;

	if (!auth_login_csrf_ok(req)) {
		login_reply(req, res, 403, username, next,
		            http_tr(req, N_("The sign-in form had expired. Please sign in again.")),
		            0, NULL);
		return;
	}
	if (auth_login(app->db, username, auth_page_form(req, "password"),
	               http_form(req, "captcha_id"), http_form(req, "captcha_answer"),
	               http_remote_addr(req), http_header(req, "User-Agent"), &r, &err)) {
		auth_set_session_cookie(req, res, r.session_token);
		http_reply_redirect(res, 303, r.user->must_change_password ? "/password" : next);
	} else {
		login_reply(
		    req, res, auth_error_status(err), username, next, auth_page_message(req, err),
		    g_error_matches(err, AUTH_ERROR, AUTH_ERROR_LOCKED) ? r.locked_until : 0,
		    r.captcha_id);
		g_error_free(err);
	}
	auth_login_result_clear(&r);
}

/* POST /logout: ends this session, clears the cookie, back to the sign-in page. */
void auth_page_logout_post(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	GError *err = NULL;

	if (!auth_session_end(app->db, auth_current(req), http_remote_addr(req), &err)) {
		g_warning("logout: %s", err ? err->message : "failed");
		g_clear_error(&err);
	}
	auth_clear_session_cookie(req, res);
	http_reply_redirect(res, 303, "/login");
}

/* ---- own password ------------------------------------------------------------------------ */

/* Renders the change-password page with STATUS; ERROR (translated) is shown at FIELD. */
static void password_reply(HttpRequest *req, HttpResponse *res, int status, const char *error,
                           const char *field)
{
	AuthUser *u = auth_current(req);
	GError *err = NULL;
	json_t *policy = auth_page_policy_hint(req, &err);
	json_t *m;

	if (policy == NULL) {
		auth_page_fail(req, res, err);
		return;
	}
	m = auth_page_model(req, N_("Change password"));
	json_object_set_new(m, "policy", policy);
	json_object_set_new(m, "must_change", json_boolean(u->must_change_password));
	json_object_set_new(m, "account_username", auth_page_text(u->username));
	if (error) {
		json_object_set_new(m, "error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
		json_object_set_new(m, "errors", json_pack("{s:o}", field, auth_page_text(error)));
	}
	http_reply_model(res, status, m, "auth/password");
}

/* GET /password: the form, with the policy as help; says so when the change is required. */
void auth_page_password(HttpRequest *req, HttpResponse *res)
{
	password_reply(req, res, 200, NULL, NULL);
}

/* POST /password (current_password, new_password, new_password_confirm): changes the signed-in
 * user's password (other sessions end) and goes to the dashboard. */
void auth_page_password_post(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	const char *next = auth_page_form(req, "new_password");
	GError *err = NULL;

	if (strcmp(next, auth_page_form(req, "new_password_confirm")) != 0) {
		password_reply(req, res, 422,
		               http_tr(req, N_("The two new passwords differ. Type the same new "
		                               "password twice.")),
		               "new_password_confirm");
		return;
	}
	if (!auth_op_password_change(app->db, auth_current(req), http_remote_addr(req),
	                             auth_page_form(req, "current_password"), next, &err)) {
		if (g_error_matches(err, AUTH_ERROR, AUTH_ERROR_DB) || err->domain != AUTH_ERROR) {
			auth_page_fail(req, res, err);
			return;
		}
		password_reply(req, res, auth_error_status(err), http_tr(req, err->message),
		               err->code == AUTH_ERROR_POLICY || err->code == AUTH_ERROR_INVALID
		                   ? "new_password"
		                   : "current_password");
		g_error_free(err);
		return;
	}
	http_reply_redirect(res, 303, "/");
}

/* ---- profile and API tokens -------------------------------------------------------------- */

/* The user's tokens for the page: {id, name, prefix, created, last_used, revoked, active}. */
static json_t *tokens_model(json_t *list)
{
	json_t *out = json_array(), *t;
	size_t i;

	json_array_foreach (list, i, t) {
		gint64 revoked = json_integer_value(json_object_get(t, "revoked_at"));
		char *created = auth_page_time(json_integer_value(json_object_get(t, "created_at")),
		                               "%Y-%m-%d %H:%M");
		char *used = auth_page_time(json_integer_value(json_object_get(t, "last_used_at")),
		                            "%Y-%m-%d %H:%M");
		char *gone = auth_page_time(revoked, "%Y-%m-%d %H:%M");
		json_t *o = json_object();

		json_object_set_new(o, "id",
		                    json_integer(json_integer_value(json_object_get(t, "id"))));
		json_object_set_new(o, "name",
		                    auth_page_text(json_string_value(json_object_get(t, "name"))));
		json_object_set_new(
		    o, "prefix", auth_page_text(json_string_value(json_object_get(t, "prefix"))));
		json_object_set_new(o, "created", auth_page_text(created));
		if (used)
			json_object_set_new(o, "last_used", auth_page_text(used));
		if (gone)
			json_object_set_new(o, "revoked", auth_page_text(gone));
		json_object_set_new(o, "active", json_boolean(revoked <= 0));
		json_array_append_new(out, o);
		g_free(created);
		g_free(used);
		g_free(gone);
	}
	return out;
}

/*
 * Renders the profile with STATUS: the account, its API tokens and the form for a new one.
 * NEW_TOKEN (may be NULL) is the token just created, shown once; ERROR (translated, may be NULL)
 * belongs to the new-token form, whose NAME is kept.
 */
static void profile_reply(HttpRequest *req, HttpResponse *res, int status, const char *new_token,
                          const char *name, const char *error)
{
	App *app = http_app(req);
	AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = db_conn(app->db, &err);
	json_t *list = c ? auth_token_list(c, u->id, &err) : NULL;
	json_t *m, *tokens;

	if (list == NULL) {
		auth_page_fail(req, res, err);
		return;
	}
	tokens = tokens_model(list);
	json_decref(list);
	m = auth_page_model(req, N_("My account"));
	json_object_set_new(m, "profile", auth_page_account(req, auth_user_json(u)));
	json_object_set_new(m, "has_tokens", json_boolean(json_array_size(tokens) > 0));
	json_object_set_new(m, "tokens", tokens);
	json_object_set_new(m, "token_name", auth_page_text(error ? name : ""));
	if (new_token)
		json_object_set_new(m, "new_token",
		                    json_pack("{s:o, s:o}", "name", auth_page_text(name), "token",
		                              auth_page_text(new_token)));
	if (error)
		json_object_set_new(m, "error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
	if (status == 200 && g_strcmp0(http_query(req, "revoked"), "1") == 0)
		auth_page_flash(req, m, "success", N_("The token has been revoked."));
	http_reply_model(res, status, m, "auth/profile");
}

/* GET /profile: the signed-in user's details and API tokens. */
void auth_page_profile(HttpRequest *req, HttpResponse *res)
{
	profile_reply(req, res, 200, NULL, NULL, NULL);
}

/* POST /profile/tokens (name): creates an API token and shows it once (201). */
void auth_page_token_create(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	const char *name = auth_page_form(req, "name");
	GError *err = NULL;
	gint64 id = 0;
	char *token = auth_op_token_create(app->db, auth_current(req), http_remote_addr(req), name,
	                                   &id, &err);

	if (token == NULL) {
		if (err == NULL || err->domain != AUTH_ERROR || err->code == AUTH_ERROR_DB) {
			auth_page_fail(req, res, err);
			return;
		}
		profile_reply(req, res, auth_error_status(err), NULL, name,
		              http_tr(req, err->message));
		g_error_free(err);
		return;
	}
	profile_reply(req, res, 201, token, name, NULL);
	memset(token, 0, strlen(token));
	g_free(token);
}

/* POST /profile/tokens/{id}/revoke: revokes one of the user's own tokens. */
void auth_page_token_revoke(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	gint64 id = auth_page_id(req, "id");
	GError *err = NULL;

	if (id == 0) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	if (!auth_op_token_revoke(app->db, auth_current(req), http_remote_addr(req), id, &err)) {
		auth_page_fail(req, res, err);
		return;
	}
	http_reply_redirect(res, 303, "/profile?revoked=1");
}
