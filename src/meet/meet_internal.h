/*
 * meet_internal.h — what the files of src/meet/ share and nothing else includes.
 */
#ifndef MISHU_MEET_INTERNAL_H
#define MISHU_MEET_INTERNAL_H

#include "meet/meet.h"
#include "work/work.h"

#define meet_rows(c, err, ...)      work_rows(WORK_ERRORS, c, err, __VA_ARGS__)
#define meet_exec(c, out, err, ...) work_run(WORK_ERRORS, c, out, err, __VA_ARGS__)

/* Sets ERR (CODE) with MSGID and *FIELD to NAME; returns FALSE. */
#define meet_fail(err, field, code, name, msgid)                                                   \
	work_fail_field(WORK_ERRORS, err, field, code, name, msgid)

/* The meeting's facts the workflow and the vote read: {status, title, type, rules (parsed),
 * chair_id, starts_at, …}. NULL with ERR (WORK_ERROR_NOT_FOUND). */
json_t *meet_row(DbConn *c, gint64 id, GError **err);

/* ROW (a new reference, or NULL) with its "rules" text parsed into an object; returns ROW. */
json_t *meet_rules_parsed(json_t *row);

/* The item id of agenda item N of meeting MEETING in *ID; WORK_ERROR_NOT_FOUND when none. */
gboolean meet_agenda_id(DbConn *c, gint64 meeting, gint64 n, gint64 *id, GError **err);

/* Attendance of MEETING under RULES: {"expected", "present", "leave", "quorum_met", "rule",
 * "words", "cadre_quorum_met", "cadre_rule", "cadre_words"} (quorum keys only for a voting
 * type). NULL with ERR. */
json_t *meet_attendance(DbConn *c, gint64 meeting, json_t *rules, GError **err);

/* ---- meetings and their agenda (meet_model.c, meet_read.c) ---- */

/* Calls a meeting from OBJ {"type", "title", "starts_at": "YYYY-MM-DDTHH:MM", "ends_at"?,
 * "room"?, "chair"?, "domain"? (a 专题会's), "attendees"? (for types with named members)}: its
 * rules, chair and members fixed as of its date. Sets *ID. Caller's write transaction. */
gboolean meet_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                     GError **err);
/* Adds an agenda item to MEETING from OBJ {"title", "kind": "general"|"cadre", "body"?,
 * "domain"?, "leader"?, "observers"?}; the responsible leader from routing (the reason kept).
 * Sets *ID (the item) and *N. Caller's write transaction. */
gboolean meet_agenda_add(DbConn *c, const AuthUser *u, gint64 meeting, json_t *obj, gint64 *id,
                         gint64 *n, const char **field, GError **err);
/* Meeting ID as U reads it (members, attendance, agenda, minutes, history, steps; U NULL: the
 * system, without steps). */
json_t *meet_get(DbConn *c, const AuthUser *u, gint64 id, GError **err);
/* The meetings U may see, latest first. */
json_t *meet_list(DbConn *c, const AuthUser *u, GError **err);
/* What an item added to MEETING may come from (the office's form): {"carry": [...], "reconsider":
 * [...]}, each [{"id", "title", "meeting", "n"}], newest first — the items of other meetings
 * that may go to a later one (缓议, or not reached) and not gone yet, and the passed items of
 * meetings of MEETING's type that a motion may reconsider (复议); the newest 100 of each (the
 * form's choice: an older one is named by its id through the API). NULL with ERR. */
json_t *meet_agenda_origins(DbConn *c, gint64 meeting, GError **err);
/* MEETING's agenda items (only item ONLY when not 0), with votes and, for U, steps. */
json_t *meet_agenda(DbConn *c, const AuthUser *u, gint64 meeting, gint64 only, GError **err);

/* Makes a supervision task of the decisions of passed agenda item N of MEETING from OBJ (as
 * tasks_create takes it: lead_unit, deadline …; content defaults to the decision, source and
 * source_item_id are the item's). Sets *TASK. Caller's write transaction (meet_tasks.c). */
gboolean meet_decision_task(DbConn *c, const AuthUser *u, gint64 meeting, gint64 n, json_t *obj,
                            gint64 *task, const char **field, GError **err);

/* ---- an agenda item's materials (meet_materials.c) ---- */

/* The materials of agenda item ITEM as U may see them: {"restricted" (a cadre item's),
 * "release_on" ("YYYY-MM-DD", when restricted), "released", "count", "withheld" (the files U
 * may not read yet, not named), "files": [{id, filename, size, created_at, who}]}. */
json_t *meet_materials(DbConn *c, const AuthUser *u, gint64 item, GError **err);
/* TRUE when U may file materials on agenda item ITEM now (FALSE on a database error too). */
gboolean meet_materials_may_add(DbConn *c, const AuthUser *u, gint64 item, GError **err);
/* Files the uploads FILES (field "file") as materials of agenda item ITEM, recorded in its
 * history. Caller's write transaction. */
gboolean meet_materials_add(DbConn *c, const AuthUser *u, gint64 item, GPtrArray *files,
                            const char **field, GError **err);
/* TRUE when U may read material MATERIAL of agenda item ITEM now; otherwise ERR says why
 * (WORK_ERROR_FORBIDDEN: a cadre item's, not released or not to U; NOT_FOUND). */
gboolean meet_material_readable(DbConn *c, const AuthUser *u, gint64 item, gint64 material,
                                GError **err);

/* ---- the 纪要 (meet_minutes.c) ---- */

/* The minutes drafted from meeting M's outcomes (meet_get's object; needs its agenda). g_free. */
char *meet_minutes_draft(json_t *m);
/* Stores the office's text of the minutes (OBJ {"text"}) of meeting ID, adjourned and not yet
 * approved. Caller's write transaction. */
gboolean meet_minutes_set(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, const char **field,
                          GError **err);
/* Keeps the minutes of meeting ID as they stand (the draft when none was written) and numbers
 * them 〔YYYY〕第N期, gapless per type and year. The chair's approval step's hook. */
gboolean meet_minutes_approve(DbConn *c, gint64 id, GError **err);
/* The attendees without a vote (列席) of meeting M's agenda items, each name once, in order
 * (g_ptr_array_unref). */
GPtrArray *meet_observer_names(json_t *m);
/* Issues the approved minutes of meeting ID as an outgoing document (docs_make) by U, office
 * staff, to the recipients of OBJ ({"cc_to"|"main_to": [...], "secrecy", "urgency"}), inside the
 * caller's write transaction; sets *DOC. WORK_ERROR_STATE before approval,
 * WORK_ERROR_CONFLICT when they were issued already. */
gboolean meet_minutes_document(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, gint64 *doc,
                               const char **field, GError **err);
/* The minutes of meeting M (meet_get's object) as a GB/T 9704 纪要 PDF; NULL with ERR. */
GBytes *meet_minutes_pdf(DbConn *c, json_t *m, GError **err);

/* ---- the calendar feed (meet_feed.c) ---- */

/* Makes USER_ID's feed token (replacing any other): *TOKEN the secret (g_free), stored only as
 * its hash. Caller's write transaction. */
gboolean meet_feed_create(DbConn *c, gint64 user_id, char **token, GError **err);
/* Revokes USER_ID's feed token; *HAD tells whether there was one. */
gboolean meet_feed_revoke(DbConn *c, gint64 user_id, gboolean *had, GError **err);
/* The meetings (meet_get's objects, system view) of the person whose feed TOKEN is, from 90
 * days ago on; NULL with ERR (WORK_ERROR_NOT_FOUND for an unknown or revoked token). */
json_t *meet_feed(DbConn *c, const char *token, GError **err);

/* ---- attendance and votes (meet_vote.c) ---- */

/* Records attendance from OBJ {"username"? (default U), "status": "present"|"confirmed"|"leave",
 * "reason"?, "written_view"?}. Caller's write transaction. */
gboolean meet_attend(DbConn *c, const AuthUser *u, gint64 meeting, json_t *obj, const char **field,
                     GError **err);
/* Records a vote on agenda item N from OBJ {"username"? (default U), "choice"}. Caller's write
 * transaction. */
gboolean meet_vote(DbConn *c, const AuthUser *u, gint64 meeting, gint64 n, json_t *obj,
                   const char **field, GError **err);

/* Publishes the live attendance of MEETING (event "meeting"; its failure costs only the live
 * update). */
void meet_publish_attendance(DbConn *c, gint64 meeting, json_t *rules);

#endif
