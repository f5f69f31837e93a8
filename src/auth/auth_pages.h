/*
 * auth_pages.h — helpers shared by the auth page files (auth_pages.c, auth_admin_pages.c) and
 * nothing else. Implemented in auth_pages.c.
 */
#ifndef MISHU_AUTH_PAGES_H
#define MISHU_AUTH_PAGES_H

#include "app.h"
#include "auth/auth_web.h"

/* The form field NAME, or "" when absent. Borrowed from the request. */
static inline const char *auth_page_form(HttpRequest *req, const char *name)
{
	const char *v = http_form(req, name);

	return v ? v : "";
}

/* A JSON string for S; "" when S is NULL or not valid UTF-8 (user input). New reference. */
json_t *auth_page_text(const char *s);

/* A new page model {"title": MSGID translated}. New reference. */
json_t *auth_page_model(HttpRequest *req, const char *title_msgid);

/* Adds a flash message {kind, MSGID translated} to page model M (shown by the layout above the
 * content); KIND is "success", "info", "warning" or "error". */
void auth_page_flash(HttpRequest *req, json_t *m, const char *kind, const char *msgid);

/* AT (Unix seconds) in the office's time zone (core_tz) formatted with FORMAT
 * (g_date_time_format, e.g. "%Y-%m-%d %H:%M"); NULL when AT <= 0. g_free. */
char *auth_page_time(gint64 at, const char *format);

/* The start of DATE ("YYYY-MM-DD") in the office's time zone as Unix seconds in *OUT; FALSE
 * when core_date_parse refuses DATE. */
gboolean auth_page_date(const char *date, gint64 *out);

/* The last second of DATE in the office's time zone (a second before the next day starts,
 * whatever the day's length) as Unix seconds in *OUT; FALSE when core_date_parse refuses
 * DATE. */
gboolean auth_page_day_end(const char *date, gint64 *out);

/* TEXT as a positive integer (digits only, at most 18), or 0 when it is not one. */
gint64 auth_page_number(const char *text);

/* The path parameter NAME as a positive integer, or 0 when it is not one. */
static inline gint64 auth_page_id(HttpRequest *req, const char *name)
{
	return auth_page_number(http_param(req, name));
}

/* The message to show for ERR, translated: the operation's own message for auth errors, a fixed
 * "try again later" for database failures (whose details are logged, never shown). Static. */
const char *auth_page_message(HttpRequest *req, const GError *err);

/* Answers a failure that leaves nothing to re-show (database down, no such account): the error
 * page with ERR's status and message. Frees ERR. */
void auth_page_fail(HttpRequest *req, HttpResponse *res, GError *err);

/* Adds to the account object USER (auth_user_json's shape, changed in place) what the pages
 * show: "role_list" [{name, title}] with translated titles, "unit_label", and the status as
 * booleans "active" / "is_disabled" / "locked" with "locked_until_text". Returns USER. */
json_t *auth_page_account(HttpRequest *req, json_t *user);

/* The password policy as shown beside password fields: {"min_length", "min_classes"}; NULL
 * with ERR when the database fails. New reference. */
json_t *auth_page_policy_hint(HttpRequest *req, GError **err);

#endif
