/*
 * The guard: who is calling, and may they take this route. Runs before every handler, from
 * the route table's columns; handlers never check their own login, permission or CSRF.
 */
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"

#include <string.h>

AuthUser *auth_current(HttpRequest *req)
{
	return http_user(req);
}

gboolean auth_request_secure(HttpRequest *req)
{
	const char *proto = http_header(req, "X-Forwarded-Proto");

	return proto && g_ascii_strcasecmp(proto, "https") == 0;
}

/* Adds one Set-Cookie header. */
static void set_cookie(HttpRequest *req, HttpResponse *res, const char *name, const char *value,
                       int max_age, gboolean http_only)
{
	char *c = g_strdup_printf(
	    "%s=%s; Path=/; SameSite=Lax%s%s%s", name, value, http_only ? "; HttpOnly" : "",
	    auth_request_secure(req) ? "; Secure" : "", max_age < 0 ? "; Max-Age=0" : "");

	http_add_header(res, "Set-Cookie", c);
	g_free(c);
}

void auth_set_session_cookie(HttpRequest *req, HttpResponse *res, const char *token)
{
	set_cookie(req, res, AUTH_SESSION_COOKIE, token, 0, TRUE);
}

void auth_clear_session_cookie(HttpRequest *req, HttpResponse *res)
{
	set_cookie(req, res, AUTH_SESSION_COOKIE, "", -1, TRUE);
}

char *auth_login_csrf(HttpRequest *req, HttpResponse *res)
{
	const char *have = http_cookie(req, AUTH_CSRF_COOKIE);
	char *token;

	if (have && strlen(have) >= 32 && strlen(have) <= 64)
		return g_strdup(have);
	token = auth_random_token(32);
	set_cookie(req, res, AUTH_CSRF_COOKIE, token, 0, TRUE);
	return token;
}

gboolean auth_login_csrf_ok(HttpRequest *req)
{
	const char *cookie = http_cookie(req, AUTH_CSRF_COOKIE);
	const char *given = http_form(req, "csrf_token");

	return cookie && given && strlen(cookie) >= 32 && g_str_equal(cookie, given);
}

const char *auth_safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strpbrk(next, "\r\n") != NULL)
		return "/";
	return next;
}

int auth_error_status(const GError *err)
{
	if (err == NULL || err->domain != AUTH_ERROR)
		return 500;
	switch ((AuthError)err->code) {
	case AUTH_ERROR_INVALID:
	case AUTH_ERROR_THREE_ADMINS:
	case AUTH_ERROR_POLICY:
		return 422;
	case AUTH_ERROR_CONFLICT:
		return 409;
	case AUTH_ERROR_NOT_FOUND:
		return 404;
	case AUTH_ERROR_CREDENTIALS:
	case AUTH_ERROR_CAPTCHA:
	case AUTH_ERROR_DISABLED:
		return 401;
	case AUTH_ERROR_LOCKED:
		return 423;
	case AUTH_ERROR_THROTTLED:
		return 429;
	case AUTH_ERROR_DB:
	default:
		return 500;
	}
}

const char *auth_error_code(const GError *err)
{
	static const char *const codes[] = {
	    [AUTH_ERROR_INVALID] = "invalid",
	    [AUTH_ERROR_CONFLICT] = "conflict",
	    [AUTH_ERROR_NOT_FOUND] = "not_found",
	    [AUTH_ERROR_THREE_ADMINS] = "three_admins",
	    [AUTH_ERROR_POLICY] = "password_policy",
	    [AUTH_ERROR_CREDENTIALS] = "invalid_credentials",
	    [AUTH_ERROR_CAPTCHA] = "captcha_required",
	    [AUTH_ERROR_LOCKED] = "account_locked",
	    [AUTH_ERROR_THROTTLED] = "too_many_attempts",
	    [AUTH_ERROR_DISABLED] = "invalid_credentials",
	    [AUTH_ERROR_DB] = "internal_error",
	};

	if (err == NULL || err->domain != AUTH_ERROR || err->code < 0 ||
	    (gsize)err->code >= G_N_ELEMENTS(codes))
		return "internal_error";
	return codes[err->code];
}

void auth_reply_error(HttpRequest *req, HttpResponse *res, const GError *err, const char *field)
{
	int status = auth_error_status(err);

	if (status == 500) {
		g_warning("%s %s: %s", http_method(req), http_path(req),
		          err ? err->message : "unknown error");
		http_reply_error(res, 500, "internal_error",
		                 N_("The server could not complete this; try again."), NULL);
		return;
	}
	http_reply_error(res, status, auth_error_code(err), err->message, field);
}

void auth_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field)
{
	auth_reply_error(req, res, err, field);
	g_error_free(err);
}

gboolean auth_path_id(HttpRequest *req, HttpResponse *res, gint64 *id)
{
	if (http_param_id(req, "id", id))
		return TRUE;
	http_reply_error(res, 404, "not_found", N_("There is nothing at this address."), NULL);
	return FALSE;
}

/* Refuses an anonymous caller: 401 for the API, a redirect to the sign-in page otherwise. */
static gboolean refuse_anonymous(HttpRequest *req, HttpResponse *res)
{
	if (http_is_api(req)) {
		http_reply_error(res, 401, "unauthenticated", N_("Sign in first."), NULL);
	} else {
		char *q = g_uri_escape_string(http_path(req), "/", FALSE);
		char *to = g_strconcat("/login?next=", q, NULL);
		http_reply_redirect(res, 303, to);
		g_free(q);
		g_free(to);
	}
	return FALSE;
}

/* Identifies the caller: a Bearer token, else the session cookie. FALSE (RES filled) when the
 * request presented a token that is not valid. */
static gboolean identify(HttpRequest *req, HttpResponse *res)
{
	App *app = http_app(req);
	const char *authz = http_header(req, "Authorization");
	const char *cookie = http_cookie(req, AUTH_SESSION_COOKIE);
	GError *err = NULL;
	AuthUser *u = NULL;

	if (authz && g_ascii_strncasecmp(authz, "Bearer ", 7) == 0) {
		u = auth_token_check(app->db, authz + 7, http_remote_addr(req), &err);
		if (u == NULL) {
			if (err) {
				auth_reply_error(req, res, err, NULL);
				g_error_free(err);
				return FALSE;
			}
			http_reply_error(res, 401, "invalid_token",
			                 N_("This API token is not valid or has been revoked."),
			                 NULL);
			http_add_header(res, "WWW-Authenticate", "Bearer");
			return FALSE;
		}
	} else if (cookie && *cookie) {
		u = auth_session_check(app->db, cookie, &err);
		if (err) {
			auth_reply_error(req, res, err, NULL);
			g_error_free(err);
			return FALSE;
		}
		if (u == NULL) /* expired or unknown: forget the cookie */
			auth_clear_session_cookie(req, res);
	}
	if (u)
		http_set_user(req, u, (GDestroyNotify)auth_user_free);
	return TRUE;
}

/* TRUE when setting KEY of the setting table is "1": a route with the permission
 * "public-if:KEY" is open to anonymous callers then (the portal when the office publishes it).
 * A database failure counts as closed (logged). */
static gboolean setting_on(HttpRequest *req, const char *key)
{
	App *app = http_app(req);
	GError *err = NULL;
	DbConn *c = db_conn(app->db, &err);
	json_t *r =
	    c ? db_rows(c, &err, "SELECT value FROM setting WHERE key = ?", "s", key) : NULL;
	gboolean on;

	if (r == NULL) {
		g_warning("setting %s: %s", key, err ? err->message : "no connection");
		g_clear_error(&err);
		return FALSE;
	}
	on = g_strcmp0(json_string_value(json_object_get(json_array_get(r, 0), "value")), "1") == 0;
	json_decref(r);
	return on;
}

gboolean auth_guard(HttpRequest *req, const HttpRoute *route, HttpResponse *res)
{
	AuthUser *u;
	const char *given, *perm = route->perm;
	gboolean any_account = FALSE;

	if (!identify(req, res))
		return FALSE;
	u = auth_current(req);
	if (u)
		http_add_header(res, "Cache-Control", "no-store");
	if (perm == NULL)
		return TRUE;
	if (g_str_has_prefix(perm, "public-if:")) {
		/* open to everyone while the setting is on, else to any signed-in account, also
		 * one without a role (a portal member) */
		if (u == NULL && setting_on(req, perm + strlen("public-if:")))
			return TRUE;
		any_account = TRUE;
	}
	if (u == NULL)
		return refuse_anonymous(req, res);
	if (!g_str_equal(perm, "session")) {
		if (u->must_change_password) {
			if (http_is_api(req))
				http_reply_error(res, 403, "password_change_required",
				                 N_("Change your password first."), NULL);
			else
				http_reply_redirect(res, 303, "/password");
			return FALSE;
		}
		if (!any_account && !auth_can(u, perm)) {
			http_reply_error(res, 403, "forbidden",
			                 N_("Your role does not allow this."), NULL);
			return FALSE;
		}
	}
	if ((route->flags & HTTP_CSRF) && u->token_id == 0) {
		given = http_header(req, "X-CSRF-Token");
		if (given == NULL)
			given = http_form(req, "csrf_token");
		if (!auth_csrf_ok(u, given)) {
			http_reply_error(res, 403, "csrf",
			                 N_("The form has expired or did not come from this site; "
			                    "reload the page and try again."),
			                 NULL);
			return FALSE;
		}
	}
	return TRUE;
}
