/*
 * portal_pages.h — the portal's pages and what their files share:
 *   portal_pages.c       the front page, a section, an article and its comments;
 *   portal_edit_pages.c  the editors' forms: an article, the settings, links and held comments.
 */
#ifndef MISHU_PORTAL_PAGES_H
#define MISHU_PORTAL_PAGES_H

#include "app.h"
#include "auth/auth_pages.h"
#include "portal/portal_web.h"
#include "site/site_module.h"

/* How the portal's pages answer errors (WORK_ERROR). */
extern const SiteModuleErrors portal_page_errors;

/* A new page model titled TITLE_MSGID with "is_editor" (portal.edit). */
json_t *portal_page_model(HttpRequest *req, const char *title_msgid);
/* Adds "href" (/portal/articles/ID) and "reads_text" (被阅读 N 次) to every summary of LIST. */
void portal_page_hrefs(HttpRequest *req, json_t *list);
/* The form fields NAMES (NULL-terminated) of REQ as a JSON object, absent ones left out. New
 * reference. */
json_t *portal_page_form(HttpRequest *req, const char *const *names);

/* GET /portal[?q=]; GET /portal/{section}[?page=N]; GET /portal/articles/{id} (counts the
 * read); POST /portal/articles/{id}/comments; POST …/comments/{cid}/actions/{action}. */
void portal_page_home(HttpRequest *req, HttpResponse *res);
void portal_page_section(HttpRequest *req, HttpResponse *res);
void portal_page_article(HttpRequest *req, HttpResponse *res);
void portal_page_comment(HttpRequest *req, HttpResponse *res);
void portal_page_comment_act(HttpRequest *req, HttpResponse *res);

/* GET /portal/articles/new, POST /portal/articles; GET /portal/articles/{id}/edit,
 * POST /portal/articles/{id}; GET /portal/manage, POST /portal/manage/settings,
 * POST /portal/manage/links (portal_edit_pages.c). */
void portal_page_new(HttpRequest *req, HttpResponse *res);
void portal_page_create(HttpRequest *req, HttpResponse *res);
void portal_page_edit(HttpRequest *req, HttpResponse *res);
void portal_page_update(HttpRequest *req, HttpResponse *res);
void portal_page_manage(HttpRequest *req, HttpResponse *res);
void portal_page_settings_post(HttpRequest *req, HttpResponse *res);
void portal_page_links_post(HttpRequest *req, HttpResponse *res);

#endif
