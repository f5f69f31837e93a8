/*
 * duty_internal.h — what the files of src/duty/ share and nothing else includes.
 */
#ifndef MISHU_DUTY_INTERNAL_H
#define MISHU_DUTY_INTERNAL_H

#include "auth/auth.h"
#include "duty/duty.h"
#include "work/work.h"

#define duty_rows(c, err, ...)      work_rows(WORK_ERRORS, c, err, __VA_ARGS__)
#define duty_exec(c, out, err, ...) work_run(WORK_ERRORS, c, out, err, __VA_ARGS__)

/* Sets ERR (CODE) with MSGID and *FIELD to NAME; returns FALSE. */
#define duty_fail(err, field, code, name, msgid)                                                   \
	work_fail_field(WORK_ERRORS, err, field, code, name, msgid)

/* The most entries one request may hold (a month of four people on three shifts is 372). */
#define DUTY_ENTRIES_MAX 1000
/* The longest phone number, leave reason, handover note and open item. */
#define DUTY_PHONE_MAX  30
#define DUTY_REASON_MAX 200
#define DUTY_NOTES_MAX  4000
#define DUTY_ITEM_MAX   500
/* The most shifts a day may have, and the longest range of days one query reads. */
#define DUTY_SHIFTS_MAX 6
#define DUTY_RANGE_MAX  62

/* ---- shifts (duty_shift.c) ---------------------------------------------------------------- */

/* The shifts in their order of the day: [{"code", "name", "from": "HH:MM", "to": "HH:MM"}] (TO
 * at or before FROM: the shift ends the next day). NULL with ERR. */
json_t *duty_shifts(DbConn *c, GError **err);
/* Replaces the shifts by LIST (as duty_shifts; codes [a-z0-9_], 1–16 characters, unique; names
 * 1–20 characters; at most DUTY_SHIFTS_MAX). Caller's write transaction. */
gboolean duty_shifts_save(DbConn *c, json_t *list, const char **field, GError **err);
/* The shift of SHIFTS with CODE (borrowed), or NULL. */
json_t *duty_shift_find(json_t *shifts, const char *code);
/* The instants shift SHIFT of DAY (YYYY-MM-DD) starts and ends in the office time zone in
 * *START and *END (END after START: a shift ending at or before its start ends the next day).
 * FALSE when DAY or the shift's times are malformed. */
gboolean duty_shift_span(json_t *shift, const char *day, gint64 *start, gint64 *end);

/* ---- the conflict rules (duty_conflict.c, pure) ------------------------------------------- */

/* One person's time on duty: USER from START to END (Unix seconds) as a leader or an officer. */
typedef struct DutySlot {
	gint64 user;
	gint64 start, end;
	gboolean leader;
} DutySlot;

typedef enum {
	DUTY_CLASH_NONE,
	DUTY_CLASH_OVERLAP, /* the same person on two shifts at once */
	DUTY_CLASH_NO_REST, /* an officer's shift begins as their other one ends (连班) */
} DutyClash;

/* How slots A and B of one roster clash: never when they are different people. */
DutyClash duty_slot_clash(const DutySlot *a, const DutySlot *b);
/* TRUE when DAY (YYYY-MM-DD) lies in FROM..TO inclusive (all YYYY-MM-DD). */
gboolean duty_day_within(const char *day, const char *from, const char *to);

/* ---- the roster (duty_roster.c) ----------------------------------------------------------- */

/* The entries from FROM to TO (days, inclusive) by day, shift order, leader first:
 * [{"id", "date", "shift", "shift_name", "role", "user", "user_id", "name", "phone"}]. */
json_t *duty_entries(DbConn *c, const char *from, const char *to, GError **err);
/* The roster from FROM to TO: {"from", "to", "revision", "shifts", "items" (duty_entries),
 * "next_cursor": null, "days": [{"date", "weekday", "shifts": [{"code", "name", "from", "to",
 * "leader": {user_id, user, name, phone, id}|null, "officers": […]}]}], "leave": [leave rows
 * touching the range]}. */
json_t *duty_roster(DbConn *c, const char *from, const char *to, GError **err);
/* The revision of the roster (the counter every change advances). */
gboolean duty_revision(DbConn *c, gint64 *n, GError **err);

/* A change of the roster: the entries to add (each {"date", "shift", "role", "user", "phone"?}),
 * and, for a whole month (MONTH 'YYYY-MM'), the month they replace; REVISION the one the client
 * read (-1: none given). On refusal *PROBLEMS gets [{"index", "field", "code", "message"}], one
 * per refused row, and ERR the first (WORK_ERROR_INVALID or WORK_ERROR_CONFLICT). */
typedef struct DutyChange {
	json_t *entries;
	const char *month;
	gint64 revision;
} DutyChange;

/* Applies CH by U all or nothing, checking each row and the rows against each other, the rest
 * of the roster and the leave. Sets *ID to the last entry added. Caller's write transaction. */
gboolean duty_roster_change(DbConn *c, const AuthUser *u, const DutyChange *ch, gint64 *id,
                            json_t **problems, const char **field, GError **err);
/* Entry ID: as a row of duty_entries; NULL with ERR (WORK_ERROR_NOT_FOUND). */
json_t *duty_entry_get(DbConn *c, gint64 id, GError **err);
/* Deletes entry ID (WORK_ERROR_NOT_FOUND when there is none). Caller's write transaction. */
gboolean duty_entry_delete(DbConn *c, gint64 id, GError **err);

/* ---- leave (duty_leave.c) ----------------------------------------------------------------- */

/* The leave touching FROM..TO (NULL: open): [{"id", "user", "user_id", "name", "from", "to",
 * "reason"}], by start. */
json_t *duty_leave_list(DbConn *c, const char *from, const char *to, GError **err);
/* Leave ID as a row of duty_leave_list; NULL with ERR (WORK_ERROR_NOT_FOUND). */
json_t *duty_leave_get(DbConn *c, gint64 id, GError **err);
/* Records leave OBJ {"user", "from", "to", "reason"?} by U; refused (WORK_ERROR_CONFLICT, the
 * shifts named) while the person is on the roster in those days. Sets *ID. Caller's write
 * transaction. */
gboolean duty_leave_add(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                        GError **err);
/* Deletes leave ID (WORK_ERROR_NOT_FOUND when there is none). */
gboolean duty_leave_delete(DbConn *c, gint64 id, GError **err);
/* The leave of USER touching FROM..TO: rows as duty_leave_list. */
json_t *duty_leave_of(DbConn *c, gint64 user, const char *from, const char *to, GError **err);

/* ---- the handover log (duty_handover.c) --------------------------------------------------- */

/* Writes a handover OBJ {"to" (the incoming officer), "notes"?, "items"? (new open items,
 * texts), "close"? ([{"id", "note"?}] open items now done)} by U at the end of the shift under
 * way. The items still open are carried forward into it. Sets *ID. Caller's write transaction. */
gboolean duty_handover_add(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                           const char **field, GError **err);
/* The incoming officer U acknowledges handover ID and the open items it carried
 * (WORK_ERROR_FORBIDDEN for anyone else, WORK_ERROR_STATE when already acknowledged). */
gboolean duty_handover_ack(DbConn *c, const AuthUser *u, gint64 id, GError **err);
/* Handover ID: {"id", "date", "shift", "shift_name", "from": {user, name}, "to": {user, name},
 * "notes", "created_at", "acknowledged_at"|null, "opened": [{id, text, closed}], "carried":
 * [{id, text, closed}], "closed": [{id, text, note}]}; NULL with ERR. */
json_t *duty_handover_get(DbConn *c, gint64 id, GError **err);
/* The handovers, newest first, at most LIMIT with ids below BEFORE (0: from the newest), each
 * as duty_handover_get. */
json_t *duty_handover_list(DbConn *c, gint64 before, int limit, GError **err);
/* The items open now, oldest first: [{id, text, opened_in, opened_at}]. */
json_t *duty_handover_open(DbConn *c, GError **err);

/* ---- the workbook (duty_xlsx.c) ----------------------------------------------------------- */

/* ROSTER (duty_roster) as a workbook: one row per day and shift. */
GBytes *duty_roster_xlsx(json_t *roster, GError **err);

#endif
