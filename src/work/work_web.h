/*
 * work_web.h — the web side of work/: the one table from an error to its HTTP status and code
 * (errors_web.c), and the workflows' API and pages (flow_api.c, flow_pages.c).
 */
#ifndef MISHU_WORK_WEB_H
#define MISHU_WORK_WEB_H

#include "auth/auth_web.h"
#include "work/flow.h"
#include "work/work.h"

/* The HTTP status of ERR: WORK_ERROR by the table, auth's and org's errors by theirs, anything
 * else 500. */
int work_error_status(const GError *err);
/* The contract's snake_case code of ERR ("invalid", "not_allowed_now", "invalid_workflow" …). */
const char *work_error_code(const GError *err);
/* Answers ERR in the contract's shape (a 5xx logged and answered with a fixed message) and
 * frees it. */
void work_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field);

/* A database connection for the request, or NULL after answering 503 (work_fail). */
DbConn *work_conn(HttpRequest *req, HttpResponse *res);

/* Stores DEF as the next version of workflow CODE by REQ's user, audited (workflow.update), in
 * one write transaction; sets *VERSION. The API and the page share it. */
gboolean work_flow_op_store(HttpRequest *req, const char *code, json_t *def, gint64 *version,
                            GError **err);

/* GET /api/v1/workflows, GET|PUT /api/v1/workflows/{code}, GET …/{code}/versions. */
void work_api_workflows(HttpRequest *req, HttpResponse *res);
void work_api_workflow(HttpRequest *req, HttpResponse *res);
void work_api_workflow_put(HttpRequest *req, HttpResponse *res);
void work_api_workflow_versions(HttpRequest *req, HttpResponse *res);

/* GET /api/v1/me/inbox[?kind=K&due=late|soon]: the caller's 待办 (work_inbox). */
void work_api_inbox(HttpRequest *req, HttpResponse *res);

/* GET /inbox[?kind=K&due=late|soon]: the caller's 待办 with its counters (templates/work/inbox). */
void work_page_inbox(HttpRequest *req, HttpResponse *res);

/* Adds the caller's inbox to page model M as F picks, at most LIMIT rows (0: all): "inbox"
 * (work_inbox's items + "href", "kind_label", "urgency_label"?, "since_text"?), "inbox_shown",
 * "inbox_more", "has_inbox" and "inbox_counters" [{"key", "label", "count", "href", "active"}].
 * FALSE (logged) when the database fails. */
gboolean work_inbox_model(HttpRequest *req, const WorkInboxFilter *f, int limit, json_t *m);

/* Pages: /workflows (the list), /workflows/{code} (the diagram and the definition; the form
 * and the JSON editor for workflow.manage), POST /workflows/{code} (a new version). */
void work_page_workflows(HttpRequest *req, HttpResponse *res);
void work_page_workflow(HttpRequest *req, HttpResponse *res);
void work_page_workflow_post(HttpRequest *req, HttpResponse *res);

/* The workflow picture of item ITEM (its version), its present state highlighted and the steps
 * it took marked, labels in LANG: an inline SVG (g_free), or NULL with ERR. */
char *work_flow_item_svg(DbConn *c, gint64 item, const char *lang, GError **err);

/* ---- 批示 phrases (phrases.c) ---- */

/* The phrases of leader USER_ID, or the office's defaults (*CUSTOM then FALSE): a JSON array of
 * strings; NULL with ERR on a database failure. */
json_t *work_phrases(DbConn *c, gint64 user_id, gboolean *custom, GError **err);

/* Replaces the phrases of USER_ID by LIST (strings, blank ones dropped; [] brings back the
 * defaults) in the caller's write transaction; 422 on "phrases" for more than 20 or one over 200
 * characters. */
gboolean work_phrases_set(DbConn *c, gint64 user_id, json_t *list, const char **field,
                          GError **err);

/* PHRASES as the 批示 form offers them: each with "××" once per name in NAMES (the other
 * leaders the document is routed to), the placeholder filled with how one names them (国平). */
json_t *work_phrases_offer(json_t *phrases, json_t *names);

/* GET /api/v1/me/phrases → {"phrases": [...], "custom": bool}; PUT {"phrases": [...]}. */
void work_api_phrases(HttpRequest *req, HttpResponse *res);
void work_api_phrases_put(HttpRequest *req, HttpResponse *res);
/* GET /me/phrases: the phrases, one per line, to edit; POST /me/phrases (phrases). */
void work_page_phrases(HttpRequest *req, HttpResponse *res);
void work_page_phrases_post(HttpRequest *req, HttpResponse *res);

/* Answers 200 with the N bytes at DATA (copied) as a download named FILENAME (RFC 6266
 * filename*), served as application/octet-stream with nosniff: an uploaded file is never
 * rendered by the browser in the site's origin. */
void work_reply_download(HttpResponse *res, const char *filename, const void *data, gsize n);

/* Answers 200 with PDF (taken) shown inline, named NAME (slashes, quotes and line breaks made
 * "_"; RFC 6266 filename*) with the plain FALLBACK name for old clients ("document.pdf"). */
void work_reply_pdf(HttpResponse *res, const char *fallback, const char *name, GBytes *pdf);

/* ---- the files a step brings (files.c) ---- */

#define WORK_FILE_MAX (20 * 1024 * 1024) /* 20 MiB: a scanned report of a few hundred pages */

/* The kinds of file (by the name's extension) an office exchanges: PDF, OFD, Word, WPS, Excel,
 * images, text, zip; and those of a scan: PDF, OFD or an image. NULL-terminated. */
extern const char *const work_file_kinds[];
extern const char *const work_scan_kinds[];

/* Checks upload F: not empty, at most WORK_FILE_MAX bytes, a UTF-8 name ending in one of KINDS.
 * FALSE with ERR (WORK_ERROR_INVALID) and *FIELD = NAME otherwise. */
gboolean work_upload_check(const HttpUpload *f, const char *const *kinds, const char *name,
                           const char **field, GError **err);
/* Stores upload F through SQL, an INSERT whose parameters are: 1 the bytes, 2 the owner's id,
 * 3 AUX, 4 TEXT (what the owner's table needs besides), then the filename, content type, size,
 * USER and the time (5…9). */
gboolean work_upload_store(DbConn *c, const HttpUpload *f, const char *sql, gint64 owner,
                           gint64 aux, const char *text, gint64 user, GError **err);
/* The names of FILES (HttpUpload *) as a JSON array, for the audit. */
json_t *work_upload_names(GPtrArray *files);
/* Sends the file SQL selects (filename, data; parameters A and B) as a download, or 404. */
void work_send_file(HttpResponse *res, DbConn *c, const char *sql, gint64 a, gint64 b);

#endif
