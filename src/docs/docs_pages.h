/*
 * docs_pages.h — the pages of documents (收文, 发文, the circulation board, search) and what the
 * page files share: docs_pages.c (lists, board, search, the dashboard's part, shared helpers),
 * docs_doc_pages.c (one document with its action forms) and docs_form_pages.c (registering,
 * drafting and editing). Implemented in docs_pages.c unless said otherwise.
 *
 * Every page model starts from docs_page_model (title, the documents sub-navigation); failures
 * that leave nothing to re-show go through docs_page_fail; refusals re-show their form with
 * site_module_set_error. Strings computed here are translated with http_tr.
 */
#ifndef MISHU_DOCS_PAGES_H
#define MISHU_DOCS_PAGES_H

#include "app.h"
#include "auth/auth_pages.h"
#include "docs/docs_web.h"
#include "site/site_module.h"

/* A new page model {"title", "subnav": [{href, label, active}]}: TITLE_MSGID translated,
 * SECTION ("incoming", "outgoing", "board", "search") marked active. New reference. */
json_t *docs_page_model(HttpRequest *req, const char *title_msgid, const char *section);

/* The calling thread's database connection, or NULL with ERR (WORK_ERROR_DB). */
DbConn *docs_page_conn(HttpRequest *req, GError **err);

/* TRUE when ERR is a refusal a form re-shows (bad input, classified marking, not allowed for
 * this user or not now, a conflict); FALSE for a missing document or a database failure. */
gboolean docs_page_refusal(const GError *err);

/* The message to show for ERR, translated (a fixed one for database failures, whose details
 * are logged). Static. */
const char *docs_page_message(HttpRequest *req, const GError *err);

/* Answers a failure that leaves nothing to re-show: the error page with ERR's status and
 * translated message (404 for a missing document, 503 when the database fails). Frees ERR. */
void docs_page_fail(HttpRequest *req, HttpResponse *res, GError *err);

/* The translated title of STATUS ("registered", "draft" …); STATUS itself when unknown. */
const char *docs_page_status_title(HttpRequest *req, const char *status);

/* The translated title of a workflow step or history action ("check", "sign", "register" …);
 * ACTION itself when unknown. */
const char *docs_page_action_title(HttpRequest *req, const char *action);

/* The recipient picker of a form that sends a document out (docs_form_pages.c), also the
 * meeting page's for its 纪要: the bodies of the directory and the local units on today grouped
 * by kind as checkboxes named PREFIX:CODE, [{label, units: [{name, id, label, checked}]}], none
 * checked. NULL with ERR. */
json_t *docs_recipient_picker(HttpRequest *req, DbConn *c, const char *prefix, GError **err);
/* The recipients REQ chose in such a picker (its PREFIX:CODE boxes and the bodies in free text
 * of PREFIX_other) as docs_create takes them. NULL with ERR. */
json_t *docs_recipients_chosen(HttpRequest *req, DbConn *c, const char *prefix, GError **err);

/* The 文件处理笺 of incoming document DOC (docs_load's shape after docs_page_row): {"heading",
 * "reg_line", "date_line", "sender", "sender_number", "secrecy", "copies", "urgency",
 * "deadline", "title", "proposal": {"text", "by", "date_text"}?, "instructions": [{"text",
 * "requirements", "by", "date_text"}], "readers": [{"line"}], "results": ["…"],
 * "requirements_label"} — the page shows it first, docs_sheet_pdf_render prints it. */
json_t *docs_sheet_model(HttpRequest *req, DbConn *c, json_t *doc);

/* SECONDS as a short duration in REQ's language ("15 分钟", "3 小时", "2 天"). g_free. */
char *docs_page_duration(HttpRequest *req, gint64 seconds);

/* Prepares a document row (docs_list's or docs_load's shape, changed in place) for the pages:
 * "href", "status_label", "status_class" (todo/done/draft/returned), "number_text" (文号 or
 * 收文编号), "is_incoming", "urgency_label", "secrecy_label", "deadline_label" with
 * "deadline_class" (overdue/severe) when an open document is past its deadline, and
 * "updated_text". TODAY is 'YYYY-MM-DD'. */
void docs_page_row(HttpRequest *req, json_t *row, const char *today);

/* Options for a <select> of the 15 document types (文种): [{value, label, selected}]. */
json_t *docs_page_type_options(const char *selected);

/* Adds the documents part of the dashboard to the home page model M: "docs_counters" [{key,
 * label, count, href}] and the documents waiting for the user to read as "todo" (with
 * "has_todo", "todo_count"). Does nothing for users without work.read; logs and leaves the
 * model as it was when the database fails. */
void docs_page_home(HttpRequest *req, json_t *m);

/* ---- handlers (the route table names them) ------------------------------------------------ */

/* docs_pages.c */
void docs_page_list(HttpRequest *req, HttpResponse *res);        /* GET /documents */
void docs_page_board(HttpRequest *req, HttpResponse *res);       /* GET /documents/board */
void docs_page_search_page(HttpRequest *req, HttpResponse *res); /* GET /search */
/* docs_doc_pages.c */
void docs_page_doc(HttpRequest *req, HttpResponse *res); /* GET /documents/{id} */
void docs_page_act(HttpRequest *req, HttpResponse *res); /* POST /documents/{id}/actions/{action} */
void docs_page_attach(HttpRequest *req, HttpResponse *res); /* POST /documents/{id}/attachments */
/* docs_form_pages.c */
void docs_page_new(HttpRequest *req, HttpResponse *res);    /* GET /documents/new */
void docs_page_create(HttpRequest *req, HttpResponse *res); /* POST /documents */
void docs_page_edit(HttpRequest *req, HttpResponse *res);   /* GET /documents/{id}/edit */
void docs_page_update(HttpRequest *req, HttpResponse *res); /* POST /documents/{id} */

#endif
