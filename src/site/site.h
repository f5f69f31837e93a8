/*
 * site — the shared chrome of every page (layout model, navigation, error pages) and the
 * site-wide endpoints: the dashboard, static files, /healthz, the OpenAPI document.
 */
#ifndef MISHU_SITE_H
#define MISHU_SITE_H

#include "db/db.h"
#include "http/http.h"

/* Builds the per-language UI string tables. Call once before serving. */
void site_init(void);
void site_shutdown(void);

/* The render_page hook: adds the layout model (lang, app, user, nav, t) to MODEL and renders
 * template TPL. Returns g_malloc'd HTML or NULL with ERR. */
char *site_render_page(HttpRequest *req, const char *tpl, json_t *model, GError **err);

/* Handlers (site_pages.c). */
void site_home(HttpRequest *req, HttpResponse *res);
void site_static(HttpRequest *req, HttpResponse *res);
void site_healthz(HttpRequest *req, HttpResponse *res);
void site_openapi(HttpRequest *req, HttpResponse *res);

/* site_demo.c: the demo year's first moment (the afternoon before its first working day), when
 * `mishu init --demo` sets up the organisation. */
gint64 site_demo_start(void);

/* A year of the demo city's work through the modules, from data/demo/work.json; nothing when
 * the database already holds documents or tasks. Sets *MADE to the items made. Own
 * transactions; leaves the clock on real time. */
gboolean site_demo_work_load(Db *db, int *made, GError **err);

#ifdef MISHU_TESTING
/* Test-only handlers (site_testing.c), in the test build only, routed when
 * MISHU_TEST_ROUTES=1. */
void site_test_echo(HttpRequest *req, HttpResponse *res);
void site_test_item_create(HttpRequest *req, HttpResponse *res);
void site_test_item_get(HttpRequest *req, HttpResponse *res);
void site_test_captcha(HttpRequest *req, HttpResponse *res);
void site_test_number(HttpRequest *req, HttpResponse *res);
void site_test_jobs_create(HttpRequest *req, HttpResponse *res);
void site_test_jobs(HttpRequest *req, HttpResponse *res);
/* Registers the test job kind; called when the test routes are on. */
void site_test_init(void);
#endif

#endif
