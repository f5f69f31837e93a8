/*
 * alert_internal.h — what the files of src/alert/ share and nothing else includes.
 */
#ifndef MISHU_ALERT_INTERNAL_H
#define MISHU_ALERT_INTERNAL_H

#include "alert/alert.h"
#include "work/flow.h"
#include "work/work.h"

#define alert_rows(c, err, ...)      work_rows(WORK_ERRORS, c, err, __VA_ARGS__)
#define alert_exec(c, out, err, ...) work_run(WORK_ERRORS, c, out, err, __VA_ARGS__)
#define alert_fail(err, field, code, name, msgid)                                                  \
	work_fail_field(WORK_ERRORS, err, field, code, name, msgid)

#define ALERT_TITLE_MAX 200
#define ALERT_TEXT_MAX  20000
/* The most steps an escalation chain has. */
#define ALERT_CHAIN_MAX 6

/* ---- time limits (alert_limits.c) ---- */

/* The time limits as the office set them: {"default": {phone_minutes, written_minutes,
 * follow_up_hours, daily_after_hours}, "levels": {"1".."4": {…}}, "organs": {NAME: {…, "levels":
 * {…}}}, "escalation": {"after_minutes", "chain": ["assistant"|"secretary"|"deputy"|"duty" …]}}.
 * NULL with ERR. */
json_t *alert_limits(DbConn *c, GError **err);
/* Replaces the time limits by OBJ (validated whole). Caller's write transaction. */
gboolean alert_limits_save(DbConn *c, json_t *obj, const char **field, GError **err);
/* The limits that hold for LEVEL (0: none) reported to ORGAN ("" : none), from LIMITS: the
 * default, then the level's, then the organ's, then the organ's for the level. New object. */
json_t *alert_limits_for(json_t *limits, int level, const char *organ);

/* ---- incidents (alert_incident.c) ---- */

/* Records an incident from OBJ (see CONTRACT: title, kind?, category, level, occurred_at,
 * learned_at?, place, source?, reporter?, organ?, casualties?, deaths?, injured?, missing?,
 * losses?, measures?, leaders_on_site?, trend?, domain, text?) by U: its first report, its
 * recipients alerted, the escalation queued. Sets *ID and *RECIPIENTS (new array of {user_id,
 * name, title, via, reason}). Caller's write transaction. */
gboolean alert_incident_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                               json_t **recipients, const char **field, GError **err);
/* Incident ID as U reads it, with "recipients", "reports", "escalations", "timeline",
 * "next_report_due" and the workflow's "history", "steps", "actions". NULL with ERR. */
json_t *alert_incident_get(DbConn *c, const AuthUser *u, gint64 id, GError **err);

typedef struct AlertFilter {
	const char *status; /* "open", "closed", "cancelled" or NULL */
	gboolean overdue;   /* only those with a report overdue */
	gint64 before;      /* keyset */
	int limit;
} AlertFilter;

/* The incidents U may see, newest first: [{id, title, kind, category, level, place, status,
 * status_label, learned_at, next_due_at, overdue, unacked}]. */
json_t *alert_incident_list(DbConn *c, const AuthUser *u, const AlertFilter *f, GError **err);

/* Recomputes and stores incident ID's next report due (NULL once it is not open), and queues
 * the job that tells of it the moment it is late. */
gboolean alert_due_update(DbConn *c, gint64 id, GError **err);
/* The next report due of incident row R ({status, learned_at, phone_reported_at, daily,
 * last_report_at, level, organ}) under LIMITS: {"kind": "phone"|"follow_up"|"daily", "at"} or
 * NULL when none is due (closed). */
json_t *alert_due_of(json_t *limits, json_t *r);

/* Alerts the recipients of incident ID not yet alerted (routing for its domain and level on its
 * day, the leader on duty), in the caller's transaction: grants, a notification each, one live
 * event. Appends those alerted to ADDED (may be NULL). */
gboolean alert_recipients_add(DbConn *c, gint64 id, json_t *added, GError **err);

/* Publishes the live event "incident" about incident ID with ACTION ("reported", "escalated",
 * "follow_up", "final", "acknowledged" …) to USERS (array of ids, borrowed) and the office. */
gboolean alert_publish(DbConn *c, gint64 id, const char *action, json_t *users, GError **err);

/* Runs escalation step STEP of incident ID now, in its own write transaction on DB: exactly once
 * per incident and step, whoever calls it and however often. *DONE tells whether this call
 * escalated. */
gboolean alert_escalate(Db *db, gint64 id, int step, gboolean *done, GError **err);
/* Tells the leader on duty and the officer who recorded incident ID that its report due at AT
 * is late, in its own write transaction: once per due time, and only while that report is
 * still the one due (*TOLD then TRUE). */
gboolean alert_overdue(Db *db, gint64 id, gint64 at, gboolean *told, GError **err);
/* alert_escalate inside the caller's write transaction on C. */
gboolean alert_escalate_in(DbConn *c, gint64 id, int step, gboolean *done, GError **err);

#endif
