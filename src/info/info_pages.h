/*
 * info_pages.h — the information pages and what their files share:
 *   info_pages.c       the reports' list and form, the bulletins with their issues, composing
 *                      an issue;
 *   info_item_pages.c  one report's page and one issue's page, with their forms;
 *   info_activity_pages.c  the leaders' activities of a week with the coverage check, and the
 *                      units' scores.
 */
#ifndef MISHU_INFO_PAGES_H
#define MISHU_INFO_PAGES_H

#include "app.h"
#include "auth/auth_pages.h"
#include "info/info_web.h"
#include "site/site_module.h"

/* How the information pages answer errors (WORK_ERROR). */
extern const SiteModuleErrors info_page_errors;

/* A new page model with the information sub-navigation, SECTION ("reports", "new",
 * "bulletins", "compose") active. */
json_t *info_page_model(HttpRequest *req, const char *title_msgid, const char *section);
/* The status badge's class (status-CLASS) of a report's or an issue's STATE. Static. */
const char *info_status_class(const char *state);
/* Sets on each row of ROWS (reports or issues) "href" (PREFIX/id), "status_class" and the time
 * of KEY as "KEY_text" for reading. */
void info_rows_links(json_t *rows, const char *prefix, const char *key);

/* GET /reports; GET|POST /reports/new; GET /bulletins; GET|POST /issues/new. */
void info_page_reports(HttpRequest *req, HttpResponse *res);
void info_page_report_new(HttpRequest *req, HttpResponse *res);
void info_page_report_create(HttpRequest *req, HttpResponse *res);
void info_page_bulletins(HttpRequest *req, HttpResponse *res);
void info_page_issue_new(HttpRequest *req, HttpResponse *res);
void info_page_issue_create(HttpRequest *req, HttpResponse *res);

/* GET /reports/{id}; POST /reports/{id}/actions/{action}; POST /reports/{id}/instruct. */
void info_page_report(HttpRequest *req, HttpResponse *res);
void info_page_report_step(HttpRequest *req, HttpResponse *res);
void info_page_report_instruct(HttpRequest *req, HttpResponse *res);
/* GET /issues/{id}; POST /issues/{id}/actions/{action}; POST /issues/{id}/read. */
void info_page_issue(HttpRequest *req, HttpResponse *res);
void info_page_issue_step(HttpRequest *req, HttpResponse *res);
void info_page_issue_read(HttpRequest *req, HttpResponse *res);

/* GET|POST /activities; POST /activities/{id}/delete; GET /scores. */
void info_page_activities(HttpRequest *req, HttpResponse *res);
void info_page_activity_create(HttpRequest *req, HttpResponse *res);
void info_page_activity_delete(HttpRequest *req, HttpResponse *res);
void info_page_scores(HttpRequest *req, HttpResponse *res);

#endif
