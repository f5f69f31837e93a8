/*
 * tasks' web side: the API handlers (task_api.c), the pages (task_pages.c) and what they share.
 */
#ifndef MISHU_TASKS_WEB_H
#define MISHU_TASKS_WEB_H

#include "auth/auth_web.h"
#include "tasks/tasks.h"

/* HTTP status for a TASKS_ERROR (others: auth's mapping). */
int tasks_error_status(const GError *err);
/* Answers ERR in the contract's shape and frees it. */
void tasks_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field);

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
void tasks_api_calendar(HttpRequest *req, HttpResponse *res);
void tasks_api_notifications(HttpRequest *req, HttpResponse *res);
void tasks_api_notification_read(HttpRequest *req, HttpResponse *res);
/* Test-only (MISHU_TEST_ROUTES=1): one chaser run for a given day. */
void tasks_test_chase(HttpRequest *req, HttpResponse *res);

#endif
