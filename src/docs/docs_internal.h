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

#endif
