/*
 * docs' web side: the API handlers (docs_api.c), the search API (docs_search.c), the PDF
 * (docs_print.c), the pages (docs_pages.c), and what they share.
 */
#ifndef MISHU_DOCS_WEB_H
#define MISHU_DOCS_WEB_H

#include "auth/auth_web.h"
#include "docs/docs.h"
#include "work/work_web.h"

/* Errors are answered by work_fail (work/work_web.h). */

/*
 * Operations shared by the API and the pages, each one audited write transaction:
 * docs_op_create (sets *ID), docs_op_update (drafts by their author or the office),
 * docs_op_act (one workflow step), docs_op_attach (an uploaded file; sets *ID).
 */
gboolean docs_op_create(Db *db, const AuthUser *u, const char *address, json_t *obj, gint64 *id,
                        const char **field, GError **err);
gboolean docs_op_update(Db *db, const AuthUser *u, const char *address, gint64 id, json_t *obj,
                        const char **field, GError **err);
gboolean docs_op_act(Db *db, const AuthUser *u, const char *address, gint64 id, const char *action,
                     json_t *body, const char **field, GError **err);
gboolean docs_op_attach(Db *db, const AuthUser *u, const char *address, gint64 doc,
                        const HttpUpload *file, gint64 *id, GError **err);

/* The model GB/T 9704 printing takes (docs_pdf.h) for outgoing document DOC (docs_load's
 * shape) and its series. New reference, or NULL with ERR. */
json_t *docs_print_model(DbConn *c, json_t *doc, GError **err);

/* API (docs_api.c) */
void docs_api_list(HttpRequest *req, HttpResponse *res);
void docs_api_create(HttpRequest *req, HttpResponse *res);
void docs_api_get(HttpRequest *req, HttpResponse *res);
void docs_api_update(HttpRequest *req, HttpResponse *res);
void docs_api_act(HttpRequest *req, HttpResponse *res);
void docs_api_attach(HttpRequest *req, HttpResponse *res);
void docs_api_attachment(HttpRequest *req, HttpResponse *res);
void docs_api_board(HttpRequest *req, HttpResponse *res);
void docs_api_series(HttpRequest *req, HttpResponse *res);
void docs_api_series_create(HttpRequest *req, HttpResponse *res);
void docs_api_series_update(HttpRequest *req, HttpResponse *res);
void docs_api_policy(HttpRequest *req, HttpResponse *res);
void docs_api_pdf(HttpRequest *req, HttpResponse *res);        /* docs_print.c */
void docs_page_sheet_pdf(HttpRequest *req, HttpResponse *res); /* docs_sheet.c: 处理笺 */
void docs_api_search(HttpRequest *req, HttpResponse *res);     /* docs_search.c */
#ifdef MISHU_TESTING
/* Test build only (routed when MISHU_TEST_ROUTES=1): POST /api/v1/_test/docs_remind
 * {"now": unix seconds}. */
void docs_test_remind(HttpRequest *req, HttpResponse *res);
#endif

#endif
