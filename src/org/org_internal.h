/*
 * org_internal.h — helpers shared by the files of src/org/ only.
 */
#ifndef MISHU_ORG_INTERNAL_H
#define MISHU_ORG_INTERNAL_H

#include "org/org.h"
#include "work/work.h"

/* The org module's errors for work_ref_resolve (references in request bodies, work/refs.c). */
#define ORG_ERRORS (&(const WorkErrors){ORG_ERROR, ORG_ERROR_DB, ORG_ERROR_CONFLICT})

/*
 * Runs SQL with parameters bound from the variadic list as TYPES says, one character each:
 * 'i' gint64, 's' const char * (NULL binds NULL). Returns the rows as a JSON array of objects
 * (db_row_json), or NULL with ERR set to ORG_ERROR_DB.
 */
json_t *org_rows(DbConn *c, GError **err, const char *sql, const char *types, ...);

/* Like org_rows for a statement that changes rows or returns one: runs it to completion and
 * returns the first row's first column as an integer in *OUT (may be NULL). FALSE with ERR set
 * (ORG_ERROR_CONFLICT for a constraint violation, ORG_ERROR_INVALID for a check, else DB). */
gboolean org_exec(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types, ...);

/* Sets ERR from the database failure CAUSE (logged; freed): a unique violation becomes
 * ORG_ERROR_CONFLICT, anything else ORG_ERROR_DB with a fixed message. */
void org_error_from_db(GError **err, GError *cause);

/* A LIKE pattern matching Q anywhere, lowercased, with % _ and \ escaped (use ESCAPE '\').
 * g_free. */
char *org_like_pattern(const char *q);

/* Groups the objects of ROWS (stolen) by their integer KEY into a new table: id → JSON array.
 * Free with g_hash_table_unref. */
GHashTable *org_group_by(json_t *rows, const char *key);

/* The SQL condition "ALIAS.valid_from <= ? AND (ALIAS.valid_to IS NULL OR ALIAS.valid_to >= ?)"
 * for alias a (assignment), l (leader), u (leader_unit), s (assistant): bind the date twice. */
#define ORG_IN_FORCE(alias)                                                                        \
	"(" alias ".valid_from <= ? AND (" alias ".valid_to IS NULL OR " alias ".valid_to >= ?))"

#endif
