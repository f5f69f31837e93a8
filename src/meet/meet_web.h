/*
 * meet_web.h — the web side of meetings: API handlers (meet_api.c).
 */
#ifndef MISHU_MEET_WEB_H
#define MISHU_MEET_WEB_H

#include "auth/auth_web.h"
#include "meet/meet.h"

/* ---- the writes the API and the pages share (meet_ops.c) ---- */

/* What an operation hands to its work inside the transaction: the user (set by meet_op), the
 * request's fields as JSON, the meeting, the agenda item's number and the step. */
typedef struct MeetOp {
	const AuthUser *u;
	json_t *body;
	gint64 meeting, n;
	const char *action;
	GPtrArray *files; /* the uploads of a multipart request (materials) */
} MeetOp;

/* A change of meetings inside the transaction: sets *ID (the item the audit names). */
typedef gboolean (*MeetOpFn)(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* Runs FN(CTX) as the audited operation ACTION for REQ's user in one write transaction. */
gboolean meet_op(HttpRequest *req, const char *action, MeetOpFn fn, MeetOp *ctx, gint64 *id,
                 const char **field, GError **err);
/* Stores the meeting types for REQ's user as the audited operation meet.types, in one write
 * transaction: BODY the whole list as PUT /api/v1/meetings/types takes it (CODE NULL), or the
 * one type CODE put in its place in the list stored then. *FIELD names a bad field. */
gboolean meet_op_types(HttpRequest *req, const char *code, json_t *body, const char **field,
                       GError **err);
/* The operations: call a meeting (body), take a step of the meeting (action), record
 * attendance, add an agenda item, take a step of item n, vote on item n, make a task of item
 * n's decisions, store the minutes' text. */
gboolean meet_op_create(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_attend(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_agenda_add(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_agenda_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_vote(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_decision(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
gboolean meet_op_minutes(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);
/* Issues the approved minutes as an outgoing document; *ID: the document. */
gboolean meet_op_minutes_document(DbConn *c, void *ctx, gint64 *id, const char **field,
                                  GError **err);
/* Files o->files as materials of item n. */
gboolean meet_op_materials(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* GET /api/v1/meetings/types: the meeting types with each rule also in words. */
void meet_api_types(HttpRequest *req, HttpResponse *res);
/* PUT /api/v1/meetings/types: replaces them (secadmin), audited (meet.types). */
void meet_api_types_put(HttpRequest *req, HttpResponse *res);

/* GET|POST /api/v1/meetings; GET /api/v1/meetings/{id}; POST …/{id}/actions/{action}
 * (notify, open, adjourn, call_off, cancel); POST …/{id}/attendance. */
void meet_api_list(HttpRequest *req, HttpResponse *res);
void meet_api_create(HttpRequest *req, HttpResponse *res);
void meet_api_get(HttpRequest *req, HttpResponse *res);
void meet_api_act(HttpRequest *req, HttpResponse *res);
void meet_api_attendance(HttpRequest *req, HttpResponse *res);
/* GET|POST /api/v1/meetings/{id}/agenda; POST …/agenda/{n}/actions/{action} (consent,
 * approve, close, withdraw); POST …/agenda/{n}/vote. */
void meet_api_agenda(HttpRequest *req, HttpResponse *res);
void meet_api_agenda_add(HttpRequest *req, HttpResponse *res);
void meet_api_agenda_act(HttpRequest *req, HttpResponse *res);
void meet_api_vote(HttpRequest *req, HttpResponse *res);
/* Reads the path of an agenda item: meeting {id}, which the caller must see, into O->meeting,
 * and its item {n} into O->n and *ITEM. FALSE when it has answered (404). */
gboolean meet_api_agenda_path(HttpRequest *req, HttpResponse *res, MeetOp *o, gint64 *item);
/* POST /api/v1/meetings/{id}/agenda/{n}/materials (multipart, "file"): 201 with the item;
 * GET …/materials/{mid}: the file, to whoever may read it now (meet_materials.c). */
void meet_api_materials_add(HttpRequest *req, HttpResponse *res);
void meet_api_material(HttpRequest *req, HttpResponse *res);
/* POST /api/v1/meetings/{id}/agenda/{n}/tasks: a passed item's decisions as a supervised task
 * (the office); 201 with the task. */
void meet_api_decision_task(HttpRequest *req, HttpResponse *res);
/* PUT /api/v1/meetings/{id}/minutes {"text"}: the office's text of the 纪要;
 * GET …/minutes.pdf: the 纪要 as a GB/T 9704 PDF (a draft until the chair approves it). */
void meet_api_minutes_put(HttpRequest *req, HttpResponse *res);
void meet_api_minutes_pdf(HttpRequest *req, HttpResponse *res);
/* POST /api/v1/meetings/{id}/minutes/document {"cc_to", "main_to", "secrecy", "urgency"}: the
 * approved minutes issued as an outgoing document (201 with the document), once. */
void meet_api_minutes_document(HttpRequest *req, HttpResponse *res);
/* POST /api/v1/me/calendar: the caller's feed URL (a new secret, the old one void);
 * DELETE revokes it; GET /api/v1/me/calendar.ics?token=…: the feed itself, no session. */
void meet_api_feed_create(HttpRequest *req, HttpResponse *res);
void meet_api_feed_revoke(HttpRequest *req, HttpResponse *res);
void meet_api_feed_ics(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/meetings/{id}.ics: the meeting as iCalendar. */
void meet_api_ics(HttpRequest *req, HttpResponse *res);

#endif
