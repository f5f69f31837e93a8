/*
 * info_internal.h — what the files of src/info/ share and nothing else includes.
 */
#ifndef MISHU_INFO_INTERNAL_H
#define MISHU_INFO_INTERNAL_H

#include "info/info.h"
#include "work/flow.h"
#include "work/work.h"

#define info_rows(c, err, ...)      work_rows(WORK_ERRORS, c, err, __VA_ARGS__)
#define info_exec(c, out, err, ...) work_run(WORK_ERRORS, c, out, err, __VA_ARGS__)

/* Sets ERR (CODE) with MSGID and *FIELD to NAME; returns FALSE. */
#define info_fail(err, field, code, name, msgid)                                                   \
	work_fail_field(WORK_ERRORS, err, field, code, name, msgid)

/* The longest title and body of a report. */
#define INFO_TITLE_MAX 200
#define INFO_BODY_MAX  20000
/* The longest place of a leader's activity. */
#define INFO_PLACE_MAX 100
/* The most reports in one issue. */
#define INFO_ISSUE_MAX 60

/* Sets R "status_label": the label of R "status" in the workflow KIND ("report", "issue"), in
 * the request's language (info_report.c). */
void info_set_status_label(DbConn *c, json_t *r, const char *kind);
/* Moves the columns PREFIX_code and PREFIX_name of R into R[PREFIX] = {code, name}, or null
 * when there is no code (info_report.c). */
void info_nest_ref(json_t *r, const char *prefix);

/* ---- bulletins (info_bulletin.c) ---- */

/* Every bulletin in order: [{"code", "name", "publisher", "readers": "standing"|"routed",
 * "domain": {code, name}|null, "unread_hours", "send_to", "copy_to", "issues" (published this
 * year), "last": {"id", "number", "year", "published_at"}|null}]. NULL with ERR. */
json_t *info_bulletins(DbConn *c, GError **err);
/* Bulletin CODE's row (as above, without counts); WORK_ERROR_INVALID naming FIELD when there is
 * none (a request's reference). */
json_t *info_bulletin(DbConn *c, const char *code, const char *field_name, const char **field,
                      GError **err);
/* Creates or replaces bulletin CODE from OBJ {"name", "publisher", "readers"?, "domain"?,
 * "unread_hours"?, "send_to"?, "copy_to"?, "position"?}. Caller's write transaction. */
gboolean info_bulletin_save(DbConn *c, const char *code, json_t *obj, const char **field,
                            GError **err);

/* ---- reports (info_report.c) ---- */

/* Makes a report from OBJ {"title", "body", "domain"?, "urgency": "urgent"|"normal",
 * "unit"? (office staff name the source unit; a liaison's is their own)} as a draft by U, or
 * submitted at once when OBJ "submit" is true. Sets *ID. Caller's write transaction. */
gboolean info_report_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                            const char **field, GError **err);
/* Report ID as U reads it: {"id", "title", "body", "original": {"title","body"} (when edited),
 * "edited_by", "edited_at", "domain", "urgency", "unit", "status", "status_label",
 * "submitted_at", "merged_into", "merged": [{id,title}], "issue": {id, title, number}|null,
 * "history", "steps", "actions"}. NULL with ERR (WORK_ERROR_NOT_FOUND). */
json_t *info_report_get(DbConn *c, const AuthUser *u, gint64 id, GError **err);

/* Which reports to list. */
typedef struct InfoReportFilter {
	const char *status; /* a state, or NULL for all */
	const char *urgency;
	gint64 before; /* keyset: ids below this (0: from the newest) */
	int limit;
} InfoReportFilter;

/* The reports U may see as F picks (drafts only their author's and unit's), in the editors'
 * queue order for "submitted" (urgent first, then oldest submission), else newest first:
 * [{"id", "title", "urgency", "status", "status_label", "unit", "domain", "submitted_at",
 * "created_at"}]. */
json_t *info_report_list(DbConn *c, const AuthUser *u, const InfoReportFilter *f, GError **err);
/* Counts of reports by state that U may see: {"submitted": n, …}. */
json_t *info_report_counts(DbConn *c, const AuthUser *u, GError **err);

/* ---- issues (info_issue.c) ---- */

/* Composes an issue of bulletin OBJ "bulletin" from the adopted reports OBJ "reports" (ids, in
 * order; each in no other issue). Sets *ID. Caller's write transaction. */
gboolean info_issue_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                           const char **field, GError **err);
/* Replaces the reports of issue ID (composing) by OBJ "reports", in that order. */
gboolean info_issue_compose(DbConn *c, const AuthUser *u, gint64 id, json_t *obj,
                            const char **field, GError **err);
/* Issue ID as U reads it: {"id", "bulletin": {…}, "title", "year", "number", "status",
 * "published_at", "reports": [{id, title, body, unit, domain}], "reads": (info_issue_reads, for
 * office staff), "read_at" (U's first reading), "addressed" (1: U is one of its readers),
 * "history", "steps", "actions"}. */
json_t *info_issue_get(DbConn *c, const AuthUser *u, gint64 id, GError **err);
/* The issues U may see, newest first, of BULLETIN (NULL: all), at most LIMIT before BEFORE:
 * [{"id", "title", "status", "status_label", "bulletin", "year", "number", "published_at",
 * "reports", "readers", "read_by", "overdue" (a reader has not read it within the bulletin's
 * working hours)}]. */
json_t *info_issue_list(DbConn *c, const AuthUser *u, const char *bulletin, gint64 before,
                        int limit, GError **err);
/* The read receipts of issue ID: {"items": [{"user", "name", "read_at", "addressed"}],
 * "unread": [{"user", "name", "reason"}], "overdue": bool (some addressed reader has not read
 * it after the bulletin's working hours), "readers", "read"}. */
json_t *info_issue_reads(DbConn *c, gint64 id, GError **err);
/* Records that U has read published issue ID, once: the first time only (*FIRST then TRUE). */
gboolean info_issue_read(DbConn *c, const AuthUser *u, gint64 id, gboolean *first, GError **err);

/* Issue ID as U reads it, printed as its bulletin (info_print.c); *NAME the file's name
 * ("《江城信息》2026年第12期.pdf", g_free). NULL with ERR (WORK_ERROR_STATE: no item, or a
 * text the layout refuses). */
GBytes *info_issue_pdf(DbConn *c, const AuthUser *u, gint64 id, char **name, GError **err);

/* Publishes issue X->id (the issue workflow's hook info.publish): numbers it, publishes its
 * reports, sends it to its readers. */
gboolean info_issue_publish(WorkStep *x, GError **err);
/* Releases the reports of a cancelled issue (hook info.cancel). */
gboolean info_issue_cancel(WorkStep *x, GError **err);

/* ---- leaders' activities and the weekly coverage (info_activity.c) ---- */

/* Records a leader's activity from OBJ {"leader" (username, name or id), "date", "topic",
 * "place"?, "domain"?, "item"? (a report or an issue it appeared in)} by U. Sets *ID. Caller's
 * write transaction. */
gboolean info_activity_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                              const char **field, GError **err);
/* Deletes activity ID; WORK_ERROR_NOT_FOUND when there is none. */
gboolean info_activity_delete(DbConn *c, gint64 id, GError **err);
/* Activity ID: {"id", "date", "place", "topic", "leader" (username), "leader_id",
 * "leader_name", "leader_title", "domain": {code, name}|null, "domain_id", "item": {id, kind,
 * title}|null, "item_id", "created_at"}; NULL with ERR (WORK_ERROR_NOT_FOUND). */
json_t *info_activity_get(DbConn *c, gint64 id, GError **err);

/* Which activities to list. */
typedef struct InfoActivityFilter {
	gint64 leader;         /* 0: every leader */
	const char *from, *to; /* days, inclusive; NULL: open */
	int offset, limit;
} InfoActivityFilter;

/* The activities F picks, by day, then rank: rows as info_activity_get. */
json_t *info_activity_list(DbConn *c, const InfoActivityFilter *f, GError **err);
/* The coverage check of the ISO week starting on MONDAY: {"week", "from", "to", "month": {from,
 * to} (the month of the week's Thursday), "missing": [{leader, leader_id, name, title}] (the 常委
 * of the week with no activity in it), "covered": [… "count"], "portfolios_without_report":
 * [{leader, leader_id, name, title, domains: [{code, name}]}] (the 常委 whose portfolio in the
 * month no report submitted in the month reached, as routing sends reports)}. */
json_t *info_coverage(DbConn *c, const GDate *monday, GError **err);

/* ---- scoring (info_score.c) ---- */

/* The scoring rules: {"submitted", "adopted", "city", "province", "central", "instruction",
 * "inaccurate" (a penalty): points; "combine": "sum"|"max"}. NULL with ERR. */
json_t *info_score_rules(DbConn *c, GError **err);
/* Changes the rules OBJ names (the others stay). Caller's write transaction. */
gboolean info_score_rules_save(DbConn *c, json_t *obj, const char **field, GError **err);
/* Records that a higher office took up report ID: OBJ {"level": "city"|"province"|"central",
 * "date"? (today), "note"?}; once per level (WORK_ERROR_CONFLICT). Caller's transaction. */
gboolean info_report_use_add(DbConn *c, const AuthUser *u, gint64 id, json_t *obj,
                             const char **field, GError **err);
/* Sets or clears the 失实 flag of report ID: OBJ {"inaccurate": bool, "note" (required when
 * true)}. Caller's transaction. */
gboolean info_report_accuracy(DbConn *c, const AuthUser *u, gint64 id, json_t *obj,
                              const char **field, GError **err);
/* The uses of report ID by higher offices: [{level, used_on, note}]. */
json_t *info_report_uses(DbConn *c, gint64 id, GError **err);
/* The scores of the reports submitted in YEAR (MONTH 1–12, or 0 for the whole year) per source
 * unit, best first: {"year", "month", "items": [{"rank", "unit", "name", "points", "reports",
 * "adopted", "city", "province", "central", "instruction", "inaccurate"}], "rules"}. */
json_t *info_scores(DbConn *c, int year, int month, GError **err);
/* SCORES (info_scores) as a workbook. */
GBytes *info_scores_xlsx(json_t *scores, GError **err);

#endif
