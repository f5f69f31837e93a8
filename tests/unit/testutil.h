/*
 * testutil.h — helpers the GTest programs share: temp-dir removal and one-line database calls
 * that assert success. Static inline, so each test program takes only what it uses.
 */
#ifndef MISHU_TESTUTIL_H
#define MISHU_TESTUTIL_H

#include "db/db.h"

#include <glib.h>
#include <glib/gstdio.h>

/* Removes DIR and everything under it. */
static inline void rm_rf(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (d == NULL)
		return;
	while ((name = g_dir_read_name(d)) != NULL) {
		g_autofree char *p = g_build_filename(dir, name, NULL);

		if (g_file_test(p, G_FILE_TEST_IS_DIR))
			rm_rf(p);
		else
			g_unlink(p);
	}
	g_dir_close(d);
	g_rmdir(dir);
}

/* Runs a one-row, one-column query and returns its integer. */
static inline gint64 query_int(DbConn *c, const char *sql)
{
	g_autoptr(GError) err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);
	gint64 v;

	g_assert_no_error(err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	v = db_col_int(s, 0);
	db_finish(s);
	return v;
}

/* Runs a one-row, one-column query and returns its text, to g_free. */
static inline char *query_text(DbConn *c, const char *sql)
{
	g_autoptr(GError) err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);
	char *v;

	g_assert_no_error(err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	v = g_strdup(db_col_text(s, 0));
	db_finish(s);
	return v;
}

/* Runs SQL (no parameters) and asserts it succeeded. */
static inline void exec_ok(DbConn *c, const char *sql)
{
	g_autoptr(GError) err = NULL;

	g_assert_true(db_exec(c, sql, &err));
	g_assert_no_error(err);
}

/* This thread's connection of DB, asserted. */
static inline DbConn *conn_ok(Db *db)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(db, &err);

	g_assert_no_error(err);
	g_assert_nonnull(c);
	return c;
}

#endif
