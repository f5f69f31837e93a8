/*
 * db_params_cases.h — placeholder and DbQuery cases that test_db.c (SQLite) and test_db_pg.c
 * (PostgreSQL) both run, with the same SQL, so the two backends are held to one behaviour:
 * numbered `?NNN` parameters, `?` in literals and comments, the refusals, and DbQuery's
 * renumbering of its parts.
 */
#ifndef MISHU_DB_PARAMS_CASES_H
#define MISHU_DB_PARAMS_CASES_H

#include "testutil.h"
#include "db/db.h"

#include <string.h>

/* Asserts that db_prepare refuses SQL with DB_ERROR_MISUSE naming WHAT. */
static inline void refuse_prepare(DbConn *c, const char *sql, const char *what)
{
	g_autoptr(GError) err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);

	g_assert_null(s);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_assert_nonnull(strstr(err->message, what));
}

/* The rows of Q as compact JSON (sorted keys), asserting success; g_free. */
static inline char *query_json(DbConn *c, DbQuery *q)
{
	g_autoptr(GError) err = NULL;
	json_t *rows = db_query_rows(c, q, &err);
	char *out;

	g_assert_no_error(err);
	g_assert_nonnull(rows);
	out = json_dumps(rows, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(rows);
	return out;
}

/* `?NNN`: one value bound once and used three times, ?2 before ?1, `?` in literals, quoted
 * identifiers and comments left alone, and the statements both backends refuse. */
static inline void check_numbered_params(DbConn *c)
{
	g_autoptr(GError) err = NULL;
	json_t *rows;
	char *dump;
	DbStmt *s;

	exec_ok(c, "CREATE TABLE p (a BIGINT, b BIGINT, c BIGINT, s TEXT)");
	g_assert_true(db_run(c, NULL, &err, "INSERT INTO p (a, b, c, s) VALUES (?1, ?1, ?1, ?2)",
	                     "is", (gint64)7, "x"));
	g_assert_no_error(err);
	g_assert_true(db_run(c, NULL, &err, "INSERT INTO p (s, a, b, c) VALUES (?2, ?1, ?1, 9)",
	                     "is", (gint64)8, "y"));
	g_assert_no_error(err);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM p WHERE a = 7 AND b = 7 AND c = 7"), ==,
	                1);

	/* the Nth type binds ?N, wherever ?N stands */
	rows = db_rows(c, &err,
	               "SELECT a, s, '?1 and ?' AS \"lit?\" FROM p -- ?3 is no parameter\n"
	               "WHERE s = ?2 /* nor ?4 */ AND a = ?1 AND b = ?1 ORDER BY a",
	               "is", (gint64)8, "y");
	g_assert_no_error(err);
	dump = json_dumps(rows, JSON_SORT_KEYS | JSON_COMPACT);
	g_assert_cmpstr(dump, ==, "[{\"a\":8,\"lit?\":\"?1 and ?\",\"s\":\"y\"}]");
	free(dump);
	json_decref(rows);

	/* bare `?` still numbers in order; a bad index is reported by db_step */
	s = db_prepare(c, "SELECT count(*) FROM p WHERE a = ? AND s = ?", &err);
	g_assert_no_error(err);
	db_bind_int(s, 1, 7);
	db_bind_text(s, 2, "x");
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 0), ==, 1);
	db_finish(s);
	s = db_prepare(c, "SELECT count(*) FROM p WHERE a = ?2 OR a = ?1", &err);
	g_assert_no_error(err);
	db_bind_int(s, 3, 7); /* there are two */
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_finish(s);

	refuse_prepare(c, "SELECT a FROM p WHERE a = ? AND b = ?1", "numbers all its parameters");
	refuse_prepare(c, "SELECT a FROM p WHERE a = ?2 AND b = ?", "numbers all its parameters");
	refuse_prepare(c, "SELECT a FROM p WHERE a = ?0", "?1 to ?999");
	refuse_prepare(c, "SELECT a FROM p WHERE a = ?1000", "?1 to ?999");
	/* `?` and `?1` apart, one in a literal, is no mixing */
	s = db_prepare(c, "SELECT '?' AS q FROM p WHERE a = ?1", &err);
	g_assert_no_error(err);
	db_finish(s);
}

/* DbQuery: parts numbered past each other, WHERE then AND, LIMIT written in, a value used
 * twice bound once, NULL bound, nothing added for an unset filter, and the kept mistakes. */
static inline void check_query(DbConn *c)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *got = NULL;
	DbQuery *q;

	exec_ok(c, "CREATE TABLE qt (a BIGINT, s TEXT)");
	exec_ok(c, "INSERT INTO qt (a, s) VALUES (1, 'x'), (2, 'xy'), (3, 'z'), (4, NULL)");

	q = db_query_new("SELECT a FROM qt");
	db_query_where(q, "a >= ?", "i", (gint64)2);
	db_query_where(q, "s = ?1 OR s = ?1 || 'y' OR a = ?2", "si", "x", (gint64)4);
	db_query_add(q, " ORDER BY a DESC", NULL);
	db_query_limit(q, 5);
	g_assert_cmpstr(db_query_sql(q), ==,
	                "SELECT a FROM qt WHERE (a >= ?1) AND (s = ?2 OR s = ?2 || 'y' OR a = ?3) "
	                "ORDER BY a DESC LIMIT 5");
	got = query_json(c, q);
	g_assert_cmpstr(got, ==, "[{\"a\":4},{\"a\":2}]");
	g_clear_pointer(&got, g_free);
	db_query_free(q);

	/* no condition: no WHERE; a NULL text binds NULL */
	q = db_query_new("SELECT count(*) AS n FROM qt");
	got = query_json(c, q);
	g_assert_cmpstr(got, ==, "[{\"n\":4}]");
	g_clear_pointer(&got, g_free);
	db_query_where(q, "coalesce(s, ?) = 'none'", "s", NULL);
	got = query_json(c, q);
	g_assert_cmpstr(got, ==, "[{\"n\":0}]");
	g_clear_pointer(&got, g_free);
	db_query_free(q);

	/* mistakes are kept and reported when the query runs; the first one counts */
	q = db_query_new("SELECT a FROM qt");
	db_query_where(q, "a = ? AND s = ?", "i", (gint64)1);
	db_query_where(q, "a = ?1 OR a = ?", "ii", (gint64)1, (gint64)2);
	g_assert_null(db_query_rows(c, q, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_assert_nonnull(strstr(err->message, "has 2 parameters"));
	g_clear_error(&err);
	g_assert_null(db_query_prepare(c, q, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_query_free(q);
	q = db_query_new("SELECT a FROM qt WHERE a = ?");
	g_assert_null(db_query_rows(c, q, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_query_free(q);
	q = db_query_new("SELECT a FROM qt");
	db_query_where(q, "a = ?1 OR a = ?", "ii", (gint64)1, (gint64)2);
	g_assert_null(db_query_rows(c, q, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_assert_nonnull(strstr(err->message, "numbers all its parameters"));
	g_clear_error(&err);
	db_query_free(q);
	q = db_query_new("SELECT a FROM qt");
	db_query_where(q, "a = ?", "x", (gint64)1);
	g_assert_null(db_query_rows(c, q, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_query_free(q);
	db_query_free(NULL);
}

#endif /* MISHU_DB_PARAMS_CASES_H */
