/*
 * tasks' web side: the API handlers (task_api.c), the pages (task_pages.c) and what they share.
 */
#ifndef MISHU_TASKS_WEB_H
#define MISHU_TASKS_WEB_H

#include "auth/auth_web.h"
#include "tasks/tasks.h"
#include "work/work_web.h"

/* Errors are answered by work_fail (work/work_web.h). */

/* ---- operations (task_ops.c): each one audited write transaction ------------------------- */

/* An operation run inside tasks_op_run's transaction: sets *ID to the object it changed. */
typedef gboolean (*TasksOpFn)(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* Runs FN(CTX) in a write transaction on DB and appends its audit entry (ACTION on
 * OBJECT_KIND *ID by U from ADDRESS, DETAIL borrowed) in the same transaction; rolls back
 * when either fails. FALSE with ERR (and *FIELD for bad input). */
gboolean tasks_op_run(Db *db, const AuthUser *u, const char *address, const char *action,
                      const char *object_kind, TasksOpFn fn, void *ctx, gint64 *id, json_t *detail,
                      const char **field, GError **err);

/* Creates a task from OBJ (tasks_create's shape); sets *ID. Audited as tasks.create. */
gboolean tasks_op_create(Db *db, const AuthUser *u, const char *address, json_t *obj, gint64 *id,
                         const char **field, GError **err);

/* Takes step ACTION of task ID with BODY ({"opinion", "deadline"}); audited as tasks.ACTION. */
gboolean tasks_op_act(Db *db, const AuthUser *u, const char *address, gint64 id, const char *action,
                      json_t *body, const char **field, GError **err);

/* tasks_op_act with FILES (HttpUpload*, may be NULL) uploaded with the step: a report's or a
 * closure request's attachments (the step's "files" field; the body lists their names). */
gboolean tasks_op_act_files(Db *db, const AuthUser *u, const char *address, gint64 id,
                            const char *action, json_t *body, GPtrArray *files, const char **field,
                            GError **err);

/* Enters a paper or oral 批示 (work_instruction_record's OBJ) with SCAN (may be NULL) in one
 * audited transaction (instruction.record); sets *ID. */
gboolean tasks_op_record(Db *db, const AuthUser *u, const char *address, json_t *obj,
                         const HttpUpload *scan, gint64 *id, const char **field, GError **err);

/* Keeps SCAN as the scan of paper instruction INSTRUCTION (replacing one); audited. */
gboolean tasks_op_scan(Db *db, const AuthUser *u, const char *address, gint64 instruction,
                       const HttpUpload *scan, const char **field, GError **err);

/* ---- files (task_files.c) ----------------------------------------------------------------- */

/* Checks and stores FILES as attachments of task TASK's step STEP ("report": of the report
 * just written; "request_close"). Caller's write transaction; refusals name "file". */
gboolean tasks_attach(DbConn *c, const AuthUser *u, gint64 task, const char *step, GPtrArray *files,
                      const char **field, GError **err);

/* Checks and stores F as the scan of paper instruction INSTRUCTION. Caller's transaction. */
gboolean tasks_scan_store(DbConn *c, const AuthUser *u, gint64 instruction, const HttpUpload *f,
                          const char **field, GError **err);

/* Turns instruction INSTRUCTION into the tasks of OBJ {"tasks": [tasks_create's shape without
 * source and instruction_id]} and appends the new task ids to CREATED (a JSON array);
 * audited as tasks.from_instruction. */
gboolean tasks_op_split(Db *db, const AuthUser *u, const char *address, gint64 instruction,
                        json_t *obj, json_t *created, const char **field, GError **err);

/* Stores the chasing policy P; audited as tasks.policy with DETAIL (borrowed). */
gboolean tasks_op_policy(Db *db, const AuthUser *u, const char *address, const TasksPolicy *p,
                         json_t *detail, GError **err);

void tasks_api_list(HttpRequest *req, HttpResponse *res);
void tasks_api_create(HttpRequest *req, HttpResponse *res);
void tasks_api_get(HttpRequest *req, HttpResponse *res);
void tasks_api_act(HttpRequest *req, HttpResponse *res);
void tasks_api_stats(HttpRequest *req, HttpResponse *res);
void tasks_api_ledger(HttpRequest *req, HttpResponse *res);
void tasks_api_policy(HttpRequest *req, HttpResponse *res);
void tasks_api_instruct(HttpRequest *req, HttpResponse *res);
void tasks_api_instructions(HttpRequest *req, HttpResponse *res);
void tasks_api_split(HttpRequest *req, HttpResponse *res);
void tasks_api_attachment(HttpRequest *req, HttpResponse *res);
void tasks_api_scan(HttpRequest *req, HttpResponse *res);
void tasks_api_scan_put(HttpRequest *req, HttpResponse *res);
void tasks_api_calendar(HttpRequest *req, HttpResponse *res);
void tasks_api_notifications(HttpRequest *req, HttpResponse *res);
void tasks_api_notification_read(HttpRequest *req, HttpResponse *res);
#ifdef MISHU_TESTING
/* Test build only (routed when MISHU_TEST_ROUTES=1): one chaser run for a given day. */
void tasks_test_chase(HttpRequest *req, HttpResponse *res);
#endif

#endif
