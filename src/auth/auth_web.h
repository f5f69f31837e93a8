/*
 * auth's web side: the guard every request passes, the operations both the API and the pages
 * perform (each one transaction with its audit entry), error mapping, cookies.
 */
#ifndef MISHU_AUTH_WEB_H
#define MISHU_AUTH_WEB_H

#include "auth/auth.h"
#include "http/http.h"

#define AUTH_SESSION_COOKIE "mishu_session"
#define AUTH_CSRF_COOKIE    "mishu_csrf" /* double-submit token for the sign-in form */

/* ---- guard and request helpers (auth_guard.c) --------------------------------------------- */

/*
 * The guard hook: identifies the caller (Bearer token, else session cookie), then enforces the
 * route's columns: PERM NULL is public; "session" any signed-in account, even one that must
 * change its password; any other permission also needs the password changed and auth_can().
 * HTTP_CSRF routes need X-CSRF-Token (or form field csrf_token) matching the session's, unless
 * the call came with a Bearer token. Refusals: API 401/403 JSON; pages redirect to /login or
 * /password, or show the 403 page. Authenticated answers get Cache-Control: no-store.
 */
gboolean auth_guard(HttpRequest *req, const HttpRoute *route, HttpResponse *res);

/* The signed-in user of REQ (NULL when anonymous). Borrowed. */
AuthUser *auth_current(HttpRequest *req);

/* TRUE when the request came over TLS (directly, or X-Forwarded-Proto: https from the proxy). */
gboolean auth_request_secure(HttpRequest *req);

/* Sets the session cookie (HttpOnly; SameSite=Lax; Path=/; Secure over TLS), or clears it. */
void auth_set_session_cookie(HttpRequest *req, HttpResponse *res, const char *token);
void auth_clear_session_cookie(HttpRequest *req, HttpResponse *res);

/* The sign-in form's double-submit CSRF token: the mishu_csrf cookie's value, set on RES when
 * the request has none. Returns a g_malloc'd copy. */
char *auth_login_csrf(HttpRequest *req, HttpResponse *res);
/* TRUE when the sign-in form's csrf_token equals the mishu_csrf cookie. */
gboolean auth_login_csrf_ok(HttpRequest *req);

/* A local path safe to redirect to after sign-in ("/…", not "//…"), else "/". Static or
 * borrowed from the request. */
const char *auth_safe_next(const char *next);

/* HTTP status and snake_case code for an AUTH_ERROR (or any other error: 500). */
int auth_error_status(const GError *err);
const char *auth_error_code(const GError *err);
/* Answers with ERR (message translated) in the contract's error shape; FIELD may be NULL. */
void auth_reply_error(HttpRequest *req, HttpResponse *res, const GError *err, const char *field);
/* auth_reply_error, then frees ERR. */
void auth_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field);
/* Reads the {id} path parameter; answers 404 and returns FALSE when it is not a positive id. */
gboolean auth_path_id(HttpRequest *req, HttpResponse *res, gint64 *id);

/* ---- operations (auth_ops.c): one transaction each, audited as ACTOR from ADDRESS --------- */

gboolean auth_op_user_create(Db *db, const AuthUser *actor, const char *address,
                             const AuthUserSpec *spec, gint64 *id, GError **err);
gboolean auth_op_user_update(Db *db, const AuthUser *actor, const char *address, gint64 id,
                             json_t *changes, char **field, GError **err);
/* Sets a temporary password the user must change at next sign-in. */
gboolean auth_op_user_reset_password(Db *db, const AuthUser *actor, const char *address, gint64 id,
                                     const char *password, GError **err);
gboolean auth_op_user_unlock(Db *db, const AuthUser *actor, const char *address, gint64 id,
                             GError **err);
gboolean auth_op_user_set_roles(Db *db, const AuthUser *actor, const char *address, gint64 id,
                                guint roles, GError **err);
gboolean auth_op_policy_update(Db *db, const AuthUser *actor, const char *address, json_t *changes,
                               char **field, GError **err);
/* The user changes their own password (CURRENT checked); other sessions end. */
gboolean auth_op_password_change(Db *db, const AuthUser *user, const char *address,
                                 const char *current, const char *next, GError **err);
/* Returns the new token text (shown once; g_free) and sets *ID. */
char *auth_op_token_create(Db *db, const AuthUser *user, const char *address, const char *name,
                           gint64 *id, GError **err);
gboolean auth_op_token_revoke(Db *db, const AuthUser *user, const char *address, gint64 id,
                              GError **err);
/* Ends every session of account ID (its own or, for users.manage, anyone's). */
gboolean auth_op_logout_everywhere(Db *db, const AuthUser *actor, const char *address, gint64 id,
                                   GError **err);

/* ---- command line (auth_cli.c) ----------------------------------------------------------- */

/* `mishu user add …` and `mishu token create …` (ARGV[0] is the command). Exit status. */
int auth_user_cli(int argc, char **argv);
int auth_token_cli(int argc, char **argv);

/* ---- handlers ---------------------------------------------------------------------------- */

/* API (auth_api.c) */
void auth_api_login(HttpRequest *req, HttpResponse *res);
void auth_api_logout(HttpRequest *req, HttpResponse *res);
void auth_api_me(HttpRequest *req, HttpResponse *res);
void auth_api_password(HttpRequest *req, HttpResponse *res);
void auth_api_logout_everywhere(HttpRequest *req, HttpResponse *res);
void auth_api_tokens(HttpRequest *req, HttpResponse *res);
void auth_api_token_create(HttpRequest *req, HttpResponse *res);
void auth_api_token_revoke(HttpRequest *req, HttpResponse *res);
void auth_api_users(HttpRequest *req, HttpResponse *res);
void auth_api_user_create(HttpRequest *req, HttpResponse *res);
void auth_api_user(HttpRequest *req, HttpResponse *res);
void auth_api_user_update(HttpRequest *req, HttpResponse *res);
void auth_api_user_reset_password(HttpRequest *req, HttpResponse *res);
void auth_api_user_unlock(HttpRequest *req, HttpResponse *res);
void auth_api_user_roles(HttpRequest *req, HttpResponse *res);
void auth_api_policy(HttpRequest *req, HttpResponse *res);
void auth_api_policy_update(HttpRequest *req, HttpResponse *res);
void auth_api_audit(HttpRequest *req, HttpResponse *res);
void auth_api_audit_csv(HttpRequest *req, HttpResponse *res);
void auth_api_audit_xlsx(HttpRequest *req, HttpResponse *res);
void auth_api_audit_verify(HttpRequest *req, HttpResponse *res);
void auth_captcha_image(HttpRequest *req, HttpResponse *res);

/* Pages (auth_pages.c, auth_admin_pages.c) */
void auth_page_login(HttpRequest *req, HttpResponse *res);
void auth_page_login_post(HttpRequest *req, HttpResponse *res);
void auth_page_logout_post(HttpRequest *req, HttpResponse *res);
void auth_page_password(HttpRequest *req, HttpResponse *res);
void auth_page_password_post(HttpRequest *req, HttpResponse *res);
void auth_page_profile(HttpRequest *req, HttpResponse *res);
void auth_page_token_create(HttpRequest *req, HttpResponse *res);
void auth_page_token_revoke(HttpRequest *req, HttpResponse *res);
void auth_page_users(HttpRequest *req, HttpResponse *res);
void auth_page_user_new(HttpRequest *req, HttpResponse *res);
void auth_page_user_create(HttpRequest *req, HttpResponse *res);
void auth_page_user(HttpRequest *req, HttpResponse *res);
void auth_page_user_update(HttpRequest *req, HttpResponse *res);
void auth_page_user_reset_password(HttpRequest *req, HttpResponse *res);
void auth_page_user_unlock(HttpRequest *req, HttpResponse *res);
void auth_page_roles(HttpRequest *req, HttpResponse *res);
void auth_page_roles_post(HttpRequest *req, HttpResponse *res);
void auth_page_policy(HttpRequest *req, HttpResponse *res);
void auth_page_policy_post(HttpRequest *req, HttpResponse *res);
void auth_page_audit(HttpRequest *req, HttpResponse *res);
void auth_page_audit_verify(HttpRequest *req, HttpResponse *res);

#endif
