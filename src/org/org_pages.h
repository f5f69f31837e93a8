/*
 * org_pages.h — helpers shared by the org page files (org_pages.c, org_edit_pages.c,
 * org_unit_pages.c, org_route_pages.c) and nothing else. Implemented in org_pages.c.
 *
 * Every page model starts from org_page_model (title, the org sub-navigation, "can_manage");
 * every failure that leaves nothing to re-show goes through org_page_fail; refusals re-show their
 * form with org_page_set_error. Strings computed here are translated with http_tr.
 */
#ifndef MISHU_ORG_PAGES_H
#define MISHU_ORG_PAGES_H

#include "app.h"
#include "auth/auth_pages.h"
#include "org/org_web.h"

/* A new page model {"title", "subnav": [{href, label, active}], "can_manage"}: TITLE_MSGID
 * translated, SECTION ("overview", "division", …) marked active. New reference. */
json_t *org_page_model(HttpRequest *req, const char *title_msgid, const char *section);

/* TRUE when the signed-in user may change the organisation (org.manage). */
gboolean org_page_can_manage(HttpRequest *req);

/* The calling thread's database connection, or NULL with ERR (ORG_ERROR_DB). */
DbConn *org_page_conn(HttpRequest *req, GError **err);

/* The message to show for the refusal ERR, translated (a fixed one for database failures). */
const char *org_page_message(HttpRequest *req, const GError *err);

/* TRUE when ERR is a refusal a form can show (bad input, a conflict), FALSE for a database
 * failure or a missing object, which org_page_fail answers. */
gboolean org_page_refusal(const GError *err);

/* Answers a failure that leaves nothing to re-show: the error page with ERR's status and
 * translated message (404 for a missing object, 503 when the database fails). Frees ERR. */
void org_page_fail(HttpRequest *req, HttpResponse *res, GError *err);

/* Adds "error" {message} and, when FIELD is given, "errors" {FIELD: message} to M for the
 * translated ERROR. */
void org_page_set_error(json_t *m, const char *error, const char *field);

/* The string member KEY of OBJ, or "" when absent or not a string. Borrowed. */
const char *org_page_str(json_t *obj, const char *key);

/* "PREFIX/ID" (e.g. "/org/units/5"). g_free. */
char *org_page_href(const char *prefix, gint64 id);

/* DATE ('YYYY-MM-DD') written for reading in REQ's language ("2026年3月1日"). g_free. */
char *org_page_date_text(HttpRequest *req, const char *date);

/* The ?on= date of REQ in *ON (g_free): today when absent. When it is not a date, *ON is
 * today and *ERROR the translated message to show at the date field (NULL otherwise). */
void org_page_date(HttpRequest *req, char **on, const char **error);

/* Options for a <select> of domains in tree order, indented by depth: [{value: code, label,
 * selected}] with SELECTED (may be NULL) chosen. DOMAINS is org_domains' list (borrowed). */
json_t *org_page_domain_options(json_t *domains, const char *selected);

/* Options for a <select> of the kinds of work (translated titles): [{value, label,
 * selected}]. */
json_t *org_page_work_options(HttpRequest *req, const char *selected);

/* Options for the unit kinds (translated titles): [{value, label, selected}]. */
json_t *org_page_unit_kind_options(HttpRequest *req, const char *selected);

/* The translated titles of the work kinds in LIST (a JSON array of codes): [{kind, title}]. */
json_t *org_page_work_titles(HttpRequest *req, json_t *list);

/* The form field NAME trimmed of surrounding white space; "" when absent. g_free. */
char *org_page_field(HttpRequest *req, const char *name);

/* Adds the form text field NAME (trimmed) to OBJ under the same name. */
void org_page_put_text(HttpRequest *req, json_t *obj, const char *name);

/* Adds the form field NAME to OBJ as a whole number; FALSE (adding nothing) when it is not
 * empty and not a whole number. An empty field adds nothing, or JSON null when NULLABLE. */
gboolean org_page_put_int(HttpRequest *req, json_t *obj, const char *name, gboolean nullable);

/* Adds the date a page is about to M: "on", "on_text", "today", "is_today", "date_action"
 * (the request's path, for the date form) and, with ERROR (translated), "error" and "errors"
 * {"on"}. */
void org_page_model_date(HttpRequest *req, json_t *m, const char *on, const char *error);

/* Prepares leader L of org_leaders (changed in place) for the pages: "href" (with ?on=ON),
 * "kind_title", "has_posts", "has_assignments", each assignment's "role_title" and
 * "since_text", the units split into "works_in" and "linked" [{name, href}] with "has_…". */
void org_page_leader_model(HttpRequest *req, json_t *l, const char *on);

/* Prepares org_assignments rows of LIST (changed in place): "leader_href", "domain_href" (the
 * domain's history), "role_title", "from_text", "to_text", "open" (no end date). */
void org_page_assignment_rows(HttpRequest *req, json_t *list);

#endif
