/*
 * The JSON API of auth: sign-in and sessions, the caller's own password and tokens, accounts
 * (sysadmin), roles and policy (secadmin), the audit trail (auditor), captcha images.
 */
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"

#include <string.h>

/* A string member of the JSON body, or NULL when absent or not a string. */
static const char *body_str(HttpRequest *req, const char *key)
{
	return json_string_value(json_object_get(http_json(req), key));
}

/* The user as the API shows the caller: their account plus the session's CSRF token. */
static json_t *session_json(const AuthUser *u)
{
	json_t *o = json_pack("{s:o}", "user", auth_user_json(u));

	if (u->csrf_token)
		json_object_set_new(o, "csrf_token", json_string(u->csrf_token));
	return o;
}

/* ---- sign-in and the caller ---------------------------------------------------------------- */

void auth_api_login(HttpRequest *req, HttpResponse *res)
{
	AuthLoginResult r;
	GError *err = NULL;

	if (body_str(req, "username") == NULL || body_str(req, "password") == NULL) {
		http_reply_error(res, 422, "invalid", N_("Give a username and a password."),
		                 body_str(req, "username") ? "password" : "username");
		return;
	}
	if (!auth_login(app_db(req), body_str(req, "username"), body_str(req, "password"),
	                body_str(req, "captcha_id"), body_str(req, "captcha_answer"),
	                http_remote_addr(req), http_header(req, "User-Agent"), &r, &err)) {
		auth_reply_error(req, res, err, NULL);
		/* Tell the client what it needs to try again. */
		if (r.locked_until) {
			GDateTime *t = g_date_time_new_from_unix_utc(r.locked_until);
			char *iso = g_date_time_format_iso8601(t);
			char *retry =
			    g_strdup_printf("%" G_GINT64_FORMAT, r.locked_until - core_now());
			http_add_header(res, "Retry-After", retry);
			json_t *body = json_pack("{s:{s:s, s:s, s:s, s:I}}", "error", "code",
			                         auth_error_code(err), "message",
			                         http_tr(req, err->message), "locked_until", iso,
			                         "locked_until_unix", (json_int_t)r.locked_until);
			http_reply_json(res, 423, body);
			g_free(retry);
			g_free(iso);
			g_date_time_unref(t);
		} else if (r.captcha_id) {
			json_t *body = json_pack(
			    "{s:{s:s, s:s}, s:{s:s, s:s++}}", "error", "code", auth_error_code(err),
			    "message", http_tr(req, err->message), "captcha", "id", r.captcha_id,
			    "image", "/captcha/", r.captcha_id, ".png");
			http_reply_json(res, auth_error_status(err), body);
		}
		g_error_free(err);
		auth_login_result_clear(&r);
		return;
	}
	auth_set_session_cookie(req, res, r.session_token);
	http_reply_json(res, 200, session_json(r.user));
	auth_login_result_clear(&r);
}

void auth_api_logout(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;

	if (auth_current(req)->session_hash == NULL) {
		http_reply_error(res, 409, "no_session",
		                 N_("This call was made with an API token, not a session."), NULL);
		return;
	}
	if (!auth_session_end(app_db(req), auth_current(req), http_remote_addr(req), &err)) {
		auth_fail(req, res, err, NULL);
		return;
	}
	auth_clear_session_cookie(req, res);
	http_reply_json(res, 200, json_pack("{s:b}", "signed_out", 1));
}

void auth_api_me(HttpRequest *req, HttpResponse *res)
{
	http_reply_json(res, 200, session_json(auth_current(req)));
}

void auth_api_password(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;

	if (!auth_op_password_change(app_db(req), auth_current(req), http_remote_addr(req),
	                             body_str(req, "current_password"),
	                             body_str(req, "new_password"), &err)) {
		auth_fail(req, res, err,
		          err->code == AUTH_ERROR_INVALID ? "current_password" : "new_password");
		return;
	}
	http_reply_json(res, 200, json_pack("{s:b}", "changed", 1));
}

void auth_api_logout_everywhere(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	AuthUser *u = auth_current(req);

	if (!auth_op_logout_everywhere(app_db(req), u, http_remote_addr(req), u->id, &err)) {
		auth_fail(req, res, err, NULL);
		return;
	}
	auth_clear_session_cookie(req, res);
	http_reply_json(res, 200, json_pack("{s:b}", "signed_out", 1));
}

/* ---- API tokens ---------------------------------------------------------------------------- */

void auth_api_tokens(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), NULL);
	json_t *items = c ? auth_token_list(c, auth_current(req)->id, &err) : NULL;

	if (items == NULL) {
		if (err == NULL)
			g_set_error_literal(&err, AUTH_ERROR, AUTH_ERROR_DB, "no connection");
		auth_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void auth_api_token_create(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 id = 0;
	char *token;

	token = auth_op_token_create(app_db(req), auth_current(req), http_remote_addr(req),
	                             body_str(req, "name"), &id, &err);
	if (token == NULL) {
		auth_fail(req, res, err, "name");
		return;
	}
	http_reply_json(res, 201,
	                json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name",
	                          body_str(req, "name"), "token", token));
	g_free(token);
}

void auth_api_token_revoke(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (!auth_op_token_revoke(app_db(req), auth_current(req), http_remote_addr(req), id,
	                          &err)) {
		auth_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
}

/* GET /captcha/{id}.png: the image of a pending captcha; 404 when it is gone. */
void auth_captcha_image(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	GBytes *png = auth_captcha_png(app_db(req), http_param(req, "id"), &err);

	if (png == NULL) {
		if (err)
			auth_fail(req, res, err, NULL);
		else
			http_reply_error(res, 404, "not_found",
			                 N_("This verification code has expired; reload the page."),
			                 NULL);
		return;
	}
	http_reply_bytes(res, 200, "image/png", png);
	http_add_header(res, "Cache-Control", "no-store");
}
