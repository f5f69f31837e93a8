/*
 * docs_internal.h — helpers shared by the files of src/docs/ only.
 */
#ifndef MISHU_DOCS_INTERNAL_H
#define MISHU_DOCS_INTERNAL_H

#include "docs/docs.h"
#include "work/work.h"

/* How database failures and refusals read in this module (work/errors.c does the work). */
#define docs_rows(c, err, ...)      work_rows(WORK_ERRORS, c, err, __VA_ARGS__)
#define docs_query_rows(c, q, err)  work_query_rows(WORK_ERRORS, c, q, err)
#define docs_exec(c, out, err, ...) work_run(WORK_ERRORS, c, out, err, __VA_ARGS__)
#define docs_fail_field(err, field, code, name, msgid)                                             \
	work_fail_field(WORK_ERRORS, err, field, code, name, msgid)
#define docs_event(c, item, u, ...) work_step_event(WORK_ERRORS, c, item, u, __VA_ARGS__)
#define docs_grant(c, item, ...)    work_step_grant(WORK_ERRORS, c, item, __VA_ARGS__)

/* Sets ERR from the database failure CAUSE (freed; details logged). */
static inline void docs_error_from_db(GError **err, GError *cause)
{
	work_db_error(err, cause, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
}

/* The secrecy code for TEXT (a code or its Chinese name: 公开 public, 内部 internal, 秘密 secret,
 * 机密 confidential, 绝密 top_secret), or NULL. */
const char *docs_secrecy_code(const char *text);
/* TRUE for secret, confidential and top_secret. */
gboolean docs_secrecy_classified(const char *code);
/* TRUE when this deployment is configured as a classified network (setting
 * 'classified_network' = '1'). */
gboolean docs_classified_network(DbConn *c);

/* The facts of document ID each history entry keeps (WorkKind.facts): "title", "number",
 * "reg_number", "urgency", "main_to_text", "cc_to_text", those that are set. */
json_t *docs_facts(DbConn *c, gint64 id, GError **err);

/* ---- recipients (docs_recipients.c) ------------------------------------------------------ */

/* Stores the recipients LIST (request field NAME; NULL: unchanged) of KIND ('main' 主送 or 'cc'
 * 抄送) for ITEM in the order given, replacing those stored before. Each entry is a unit's id or
 * code, a code of the directory (org_recipient), or {"name": "…"} a body
 * in free text (trimmed, 1 to 50 characters). WORK_ERROR_INVALID with *FIELD = NAME otherwise. */
gboolean docs_recipients_store(DbConn *c, gint64 item, json_t *list, const char *kind,
                               const char *name, const char **field, GError **err);
/* The recipients of KIND of ITEM in order: [{"kind": "unit", "id", "code", "name",
 * "unit_kind"} | {"kind": "higher"|"peer"|"group", "code", "name"} | {"kind": "text", "name"}]. */
json_t *docs_recipients_list(DbConn *c, gint64 item, const char *kind, GError **err);
/* The 主送/抄送 line of LIST (docs_recipients_list): the names joined with "、" within a kind
 * (local units of one kind, higher bodies, peers, free text) and "，" between kinds; each group
 * is a kind of its own. g_free. */
char *docs_recipients_text(json_t *list);
/* The local units distribution of ITEM reaches: [{"unit_id"}], its unit recipients and every
 * active unit of a group's kinds (but the issuing unit). */
json_t *docs_recipients_units(DbConn *c, gint64 item, GError **err);

#endif
