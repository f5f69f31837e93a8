/*
 * alert_web.h — the web side of emergency information: the audited writes the API and the pages
 * share, the API handlers (alert_api.c) and the pages (alert_pages.c).
 */
#ifndef MISHU_ALERT_WEB_H
#define MISHU_ALERT_WEB_H

#include "alert/alert.h"
#include "auth/auth_web.h"

/* The audited writes the API and the pages share, each in one write transaction: a new
 * incident from BODY (sets *ID and *RECIPIENTS, those alerted), step ACTION of incident ID. */
gboolean alert_op_create(HttpRequest *req, json_t *body, gint64 *id, json_t **recipients,
                         const char **field, GError **err);
gboolean alert_op_step(HttpRequest *req, gint64 id, const char *action, json_t *body,
                       const char **field, GError **err);
/* A leader's 批示 (BODY "text") on incident ID: made a task by the hour from the page. */
gboolean alert_op_instruct(HttpRequest *req, gint64 id, json_t *body, const char **field,
                           GError **err);

/* POST /api/v1/incidents: a new incident → 201 with "recipients" [{name, reason …}]. */
void alert_api_create(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/incidents?status=&overdue=1&before=&limit= */
void alert_api_list(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/incidents/{id} */
void alert_api_get(HttpRequest *req, HttpResponse *res);
/* POST /api/v1/incidents/{id}/reports {"kind": "follow_up"|"final", "text", facts changed…} */
void alert_api_report(HttpRequest *req, HttpResponse *res);
/* POST /api/v1/incidents/{id}/actions/{action} (acknowledge, phone, daily, cancel …) */
void alert_api_act(HttpRequest *req, HttpResponse *res);
/* GET|PUT /api/v1/incidents/limits */
void alert_api_limits(HttpRequest *req, HttpResponse *res);
void alert_api_limits_put(HttpRequest *req, HttpResponse *res);

/* Pages: /incidents (list, overdue first for the duty leader), /incidents/new and its form,
 * /incidents/{id} with its timeline, clock and one-click 签收, the forms of its steps. */
void alert_page_list(HttpRequest *req, HttpResponse *res);
void alert_page_new(HttpRequest *req, HttpResponse *res);
void alert_page_create(HttpRequest *req, HttpResponse *res);
void alert_page_incident(HttpRequest *req, HttpResponse *res);
void alert_page_step(HttpRequest *req, HttpResponse *res);
void alert_page_instruct(HttpRequest *req, HttpResponse *res);

/* Adds the emergency panel of the dashboard to M: "alert_counters" for the signed-in user
 * (nothing when no incident is open and none waits for their 签收). */
void alert_page_home(HttpRequest *req, json_t *m);

/* The dashboard's counts for U: {"open", "overdue", "unacked" (U's own alerts to sign)}. NULL
 * with ERR. */
json_t *alert_counts(DbConn *c, const AuthUser *u, GError **err);

#ifdef MISHU_TESTING
/* Test build only: POST /api/v1/_test/clock {"advance": seconds} moves this process's clock;
 * POST /api/v1/_test/escalate {"incident", "step"} runs one escalation step here and now. */
void alert_test_clock(HttpRequest *req, HttpResponse *res);
void alert_test_escalate(HttpRequest *req, HttpResponse *res);
#endif

#endif
