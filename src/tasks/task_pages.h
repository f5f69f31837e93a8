/*
 * task_pages.h — the pages of supervision (督查督办) and what the page files share:
 *   task_pages.c       the ledger (台账, GET /tasks), the notifications inbox, the dashboard's
 *                      part and the helpers below;
 *   task_item_pages.c  one task with a form per step, and the tasks shown under each 批示 on a
 *                      document's page;
 *   task_form_pages.c  assigning a task (GET /tasks/new, POST /tasks) and turning an
 *                      instruction into tasks (GET/POST /instructions/{id}/tasks);
 *   task_instr_pages.c entering a paper or oral 批示 (GET /instructions/new, POST /instructions);
 *   task_stats_pages.c statistics with the printable 督查通报, and the chasing policy;
 *   task_ops.c         the audited write operations the pages and the API share.
 *
 * Every page model starts from tasks_page_model (title, the supervision sub-navigation);
 * failures that leave nothing to re-show go through tasks_page_fail; refusals re-show their
 * form with the message at the field. Strings computed here are translated with http_tr.
 */
#ifndef MISHU_TASK_PAGES_H
#define MISHU_TASK_PAGES_H

#include "app.h"
#include "auth/auth_pages.h"
#include "tasks/tasks_web.h"
#include "site/site_module.h"

/* ---- shared page helpers (task_pages.c) --------------------------------------------------- */

/* A new page model {"title", "subnav": [{href, label, active}], "is_staff"}: TITLE_MSGID
 * translated, SECTION ("ledger", "new", "stats", "notifications", "policy") marked active. */
json_t *tasks_page_model(HttpRequest *req, const char *title_msgid, const char *section);

/* The calling thread's database connection, or NULL with ERR (WORK_ERROR_DB). */
DbConn *tasks_page_conn(HttpRequest *req, GError **err);

/* TRUE when ERR is a refusal a form re-shows (bad input, not allowed for this user or not
 * now); FALSE for a missing task or a database failure. */
gboolean tasks_page_refusal(const GError *err);

/* The message to show for ERR, translated (a fixed one for database failures, whose details
 * are logged). Static. */
const char *tasks_page_message(HttpRequest *req, const GError *err);

/* Answers a failure that leaves nothing to re-show: the error page with ERR's status and
 * message (404 for a missing task, 503 when the database fails). Frees ERR. */
void tasks_page_fail(HttpRequest *req, HttpResponse *res, GError *err);

/* The form field NAME trimmed, a text area's "\r\n" made "\n"; "" when absent. g_free. */
char *tasks_page_field(HttpRequest *req, const char *name);

/* Translated titles: of a workflow state ("assigned" …), of a step or history action
 * ("accept" …), of a source ("instruction" …); the code itself when unknown. */
const char *tasks_page_status_title(HttpRequest *req, const char *status);
const char *tasks_page_action_title(HttpRequest *req, const char *action);
const char *tasks_page_source_title(HttpRequest *req, const char *source);

/* Prepares a task (tasks_list's or tasks_load's shape, changed in place) for the pages:
 * "href", "status_label", "status_class" (todo/returned/done), "source_label", and for an
 * open overdue task "overdue_label" with "overdue_class" (overdue/severe). */
void tasks_page_row(HttpRequest *req, json_t *row);

/* The active units of UNITS (org_units' list, borrowed) grouped by kind: [{label, options:
 * [{value, label, selected, name, id, checked}]}] — for a <select> with SELECTED chosen, or
 * for checkboxes named PREFIX:CODE with ids ID_PREFIX-CODE, checked when the request has them
 * (TYPED) or their code is in CHOSEN (a JSON array of codes, may be NULL). */
json_t *tasks_page_unit_groups(HttpRequest *req, json_t *units, const char *selected,
                               const char *prefix, const char *id_prefix, gboolean typed,
                               json_t *chosen);

/* The codes of UNITS whose checkbox PREFIX:CODE the request has (a new JSON array). */
json_t *tasks_page_checked_units(HttpRequest *req, json_t *units, const char *prefix);

/* Adds the supervision part of the dashboard to the home page model M: "tasks_counters"
 * [{key, label, count, href}] (waiting for me, due soon, late, unread notifications) and the
 * tasks waiting for the user, due soon or late in "todo" (late ones first), with "has_todo"
 * and "todo_count" updated. Does nothing for users without work.read; logs and leaves the
 * model as it was when the database fails. */
void tasks_page_home(HttpRequest *req, json_t *m);

/* Adds to each instruction of DOC (docs_load's shape, changed in place) on a document's page
 * the tasks made from it that the user may see ("task_links", "task_count") and, for office
 * staff, the compact form that turns it into a task ("split_form"). C is the page's
 * connection; logs and leaves DOC as it was when the database fails (task_item_pages.c). */
void tasks_page_doc(HttpRequest *req, DbConn *c, json_t *doc);

/* ---- handlers (the route table names them) ------------------------------------------------ */

/* task_pages.c */
void tasks_page_list(HttpRequest *req, HttpResponse *res);          /* GET /tasks */
void tasks_page_notifications(HttpRequest *req, HttpResponse *res); /* GET /notifications */
void tasks_page_notification_read(HttpRequest *req,
                                  HttpResponse *res); /* POST /notifications/{id}/read */
/* task_item_pages.c */
void tasks_page_task(HttpRequest *req, HttpResponse *res); /* GET /tasks/{id} */
void tasks_page_act(HttpRequest *req, HttpResponse *res);  /* POST /tasks/{id}/actions/{action} */
/* task_form_pages.c */
void tasks_page_new(HttpRequest *req, HttpResponse *res);        /* GET /tasks/new */
void tasks_page_create(HttpRequest *req, HttpResponse *res);     /* POST /tasks */
void tasks_page_split_form(HttpRequest *req, HttpResponse *res); /* GET /instructions/{id}/tasks */
void tasks_page_split(HttpRequest *req, HttpResponse *res);      /* POST /instructions/{id}/tasks */
void tasks_page_record_form(HttpRequest *req, HttpResponse *res); /* GET /instructions/new */
void tasks_page_record(HttpRequest *req, HttpResponse *res);      /* POST /instructions */
/* task_stats_pages.c */
void tasks_page_stats(HttpRequest *req, HttpResponse *res);       /* GET /tasks/stats */
void tasks_page_policy(HttpRequest *req, HttpResponse *res);      /* GET /tasks/policy */
void tasks_page_policy_post(HttpRequest *req, HttpResponse *res); /* POST /tasks/policy */

#endif
