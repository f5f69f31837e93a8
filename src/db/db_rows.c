/*
 * db_rows.c — one-call queries for modules that read rows as JSON: bind the parameters from a
 * type string and a variadic list, run, and return every row (db_rows) or the first column of
 * the first row (db_run). Built on the statement API of db.c only.
 */
#include "db/db.h"

#include <stdarg.h>

/* Prepares SQL and binds the arguments of AP as TYPES says; NULL with ERR. */
static DbStmt *prepare_bound(DbConn *c, const char *sql, const char *types, va_list ap,
                             GError **err)
{
	DbStmt *s = db_prepare(c, sql, err);

	for (int i = 0; s && types && types[i]; i++) {
		if (types[i] == 'i') {
			db_bind_int(s, i + 1, va_arg(ap, gint64));
		} else {
			const char *v = va_arg(ap, const char *);
			if (v)
				db_bind_text(s, i + 1, v);
			else
				db_bind_null(s, i + 1);
		}
	}
	return s;
}

json_t *db_rows_va(DbConn *c, GError **err, const char *sql, const char *types, va_list ap)
{
	g_autoptr(DbStmt) s = prepare_bound(c, sql, types, ap, err);
	json_t *rows;
	DbStep st;

	if (s == NULL)
		return NULL;
	rows = json_array();
	while ((st = db_step(s, err)) == DB_ROW)
		json_array_append_new(rows, db_row_json(s));
	if (st == DB_DONE)
		return rows;
	json_decref(rows);
	return NULL;
}

json_t *db_rows(DbConn *c, GError **err, const char *sql, const char *types, ...)
{
	va_list ap;
	json_t *rows;

	va_start(ap, types);
	rows = db_rows_va(c, err, sql, types, ap);
	va_end(ap);
	return rows;
}

gboolean db_run_va(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types,
                   va_list ap)
{
	g_autoptr(DbStmt) s = prepare_bound(c, sql, types, ap, err);
	gboolean first = TRUE;
	DbStep st;

	if (s == NULL)
		return FALSE;
	while ((st = db_step(s, err)) == DB_ROW) {
		if (first && out)
			*out = db_col_int(s, 0);
		first = FALSE;
	}
	return st == DB_DONE;
}

gboolean db_run(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types, ...)
{
	va_list ap;
	gboolean ok;

	va_start(ap, types);
	ok = db_run_va(c, out, err, sql, types, ap);
	va_end(ap);
	return ok;
}
