/*
 * test_db.c — unit tests of the database layer (src/db/) on real SQLite files in a temporary
 * directory: URLs, connection settings, migrations, statements, JSON rows, constraints,
 * transactions, the gapless counter under concurrent writers, online backup while writing, and
 * the per-thread connection pool.
 */
#include "testutil.h"
#include "db_params_cases.h"
#include "db/db.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
	char *dir;
	char *path;
	Db *db;
} Fixture;

/* ---- Helpers ---------------------------------------------------------------------------- */

static void fixture_set_up(Fixture *f, gconstpointer migrate)
{
	g_autoptr(GError) err = NULL;

	f->dir = g_dir_make_tmp("mishu-test-db-XXXXXX", &err);
	g_assert_no_error(err);
	f->path = g_build_filename(f->dir, "mishu.db", NULL);
	f->db = db_open(f->path, &err);
	g_assert_no_error(err);
	g_assert_nonnull(f->db);
	if (migrate) {
		g_assert_cmpint(db_migrate(f->db, &err), ==, db_schema_latest(f->db));
		g_assert_no_error(err);
	}
}

static void fixture_tear_down(Fixture *f, gconstpointer migrate)
{
	db_close(f->db);
	rm_rf(f->dir);
	g_free(f->path);
	g_free(f->dir);
}

/* ---- URLs and opening ------------------------------------------------------------------- */

static void check_url(const char *url, DbKind kind, const char *target)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *t = NULL;
	DbKind k = -1;

	g_assert_true(db_url_parse(url, &k, &t, &err));
	g_assert_no_error(err);
	g_assert_cmpint(k, ==, kind);
	g_assert_cmpstr(t, ==, target);
}

static void check_bad_url(const char *url)
{
	g_autoptr(GError) err = NULL;
	char *t = NULL;
	DbKind k;

	g_assert_false(db_url_parse(url, &k, &t, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL);
	g_assert_null(t);
}

static void test_url(void)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *dir = g_dir_make_tmp("mishu-test-db-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "by-url.db", NULL);
	g_autofree char *url = g_strconcat("sqlite:", path, NULL);
	Db *db;

	check_url("sqlite:/var/lib/mishu/mishu.db", DB_SQLITE, "/var/lib/mishu/mishu.db");
	check_url("sqlite:///var/lib/mishu/mishu.db", DB_SQLITE, "/var/lib/mishu/mishu.db");
	check_url("sqlite:var/mishu.db", DB_SQLITE, "var/mishu.db");
	check_url("var/mishu.db", DB_SQLITE, "var/mishu.db");
	check_url("/srv/办公厅.db", DB_SQLITE, "/srv/办公厅.db");
	check_url("./odd:name.db", DB_SQLITE, "./odd:name.db");
	check_url("postgresql://mishu@localhost/mishu", DB_POSTGRESQL,
	          "postgresql://mishu@localhost/mishu");
	check_url("postgres://h/db", DB_POSTGRESQL, "postgres://h/db");
	check_bad_url("mysql://localhost/mishu");
	check_bad_url("file:mishu.db");
	check_bad_url("");
	check_bad_url(NULL);
	check_bad_url("sqlite:");
	check_bad_url(":memory:");

	/* Opening: bad scheme, an unreachable PostgreSQL, a missing directory, then sqlite:PATH. */
	g_assert_null(db_open("mysql://localhost/mishu", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL);
	g_clear_error(&err);
	g_assert_null(db_open("postgresql:///mishu?host=/nonexistent-dir-for-mishu", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN);
	g_clear_error(&err);
	g_assert_null(db_open("/nonexistent-dir-for-mishu/x.db", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN);
	g_clear_error(&err);

	db = db_open(url, &err);
	g_assert_no_error(err);
	g_assert_nonnull(db);
	g_assert_cmpint(db_kind(db), ==, DB_SQLITE);
	g_assert_cmpstr(db_kind_name(db), ==, "sqlite");
	g_assert_true(g_file_test(path, G_FILE_TEST_IS_REGULAR));
	db_close(db);
	db_close(NULL);
	rm_rf(dir);
}

static void test_settings(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *mode = NULL;
	g_autofree char *path2 = g_build_filename(f->dir, "normal.db", NULL);
	DbConn *c = conn_ok(f->db);
	GStatBuf st;
	Db *db;

	mode = query_text(c, "PRAGMA journal_mode");
	g_assert_cmpstr(mode, ==, "wal");
	g_assert_cmpint(query_int(c, "PRAGMA foreign_keys"), ==, 1);
	g_assert_cmpint(query_int(c, "PRAGMA synchronous"), ==, 2); /* FULL */
	g_assert_cmpint(query_int(c, "PRAGMA busy_timeout"), ==, 5000);
	g_assert_cmpint(g_stat(f->path, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);

	g_setenv("MISHU_SQLITE_SYNC", "normal", TRUE);
	db = db_open(path2, &err);
	g_assert_no_error(err);
	g_assert_cmpint(query_int(conn_ok(db), "PRAGMA synchronous"), ==, 1); /* NORMAL */
	db_close(db);

	g_setenv("MISHU_SQLITE_SYNC", "sometimes", TRUE);
	g_assert_null(db_open(path2, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN);
	g_unsetenv("MISHU_SQLITE_SYNC");
}

/* ---- Migrations ------------------------------------------------------------------------- */

static void test_migrate(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	gint64 applied;

	g_assert_cmpint(db_schema_version(f->db, &err), ==, 0);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate(f->db, &err), ==, db_schema_latest(f->db));
	g_assert_no_error(err);
	g_assert_cmpint(db_schema_version(f->db, &err), ==, db_schema_latest(f->db));
	applied = query_int(c, "SELECT applied_at FROM schema_version WHERE version = 1");
	g_assert_cmpint(applied, >, 1700000000);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
	                             "AND name IN ('counter', 'setting')"),
	                ==, 2);

	/* The second run applies nothing. */
	g_usleep(G_USEC_PER_SEC + 100000);
	g_assert_cmpint(db_migrate(f->db, &err), ==, db_schema_latest(f->db));
	g_assert_no_error(err);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM schema_version"), ==,
	                db_schema_latest(f->db));
	g_assert_cmpint(query_int(c, "SELECT applied_at FROM schema_version WHERE version = 1"), ==,
	                applied);

	/* A database from a newer program is refused. */
	exec_ok(c, "INSERT INTO schema_version VALUES (99, 0)");
	g_assert_cmpint(db_migrate(f->db, &err), ==, -1);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA);
}

static void test_migrate_atomic(Fixture *f, gconstpointer data)
{
	static const DbMigration good[] = {
	    {1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"},
	    {2, "two", "-- a comment\nCREATE TABLE b (y TEXT);"},
	};
	static const DbMigration bad[] = {
	    {1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"},
	    {2, "two", "-- a comment\nCREATE TABLE b (y TEXT);"},
	    {3, "three", "CREATE TABLE c (z INTEGER); INSERT INTO a VALUES (2); SELEKT 1;"},
	};
	static const DbMigration gap[] = {
	    {1, "one", "SELECT 1"},
	    {3, "three", "SELECT 1"},
	};
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);

	g_assert_cmpint(db_migrate_list(f->db, good, 1, &err), ==, 1);
	g_assert_cmpint(db_migrate_list(f->db, good, 2, &err), ==, 2);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate_list(f->db, bad, 3, &err), ==, -1);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA);
	g_assert_nonnull(strstr(err->message, "three"));
	g_clear_error(&err);
	/* Nothing of the failed migration remains. */
	g_assert_cmpint(db_schema_version(f->db, &err), ==, 2);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM sqlite_master WHERE name = 'c'"), ==, 0);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM a"), ==, 1);
	g_assert_false(db_in_transaction(c));

	g_assert_cmpint(db_migrate_list(f->db, gap, 2, &err), ==, -1);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA);
}

/* ---- Statements ------------------------------------------------------------------------- */

static const char chinese[] = "关于做好2024年度党委办公厅（室）工作的通知——请各单位认真贯彻落实";

static void test_bind_columns(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	static const guint8 blob[] = {0, 1, 2, 0xff, 0};
	const void *p;
	gsize n = 99;
	DbConn *c = conn_ok(f->db);
	DbStmt *s, *s2;
	gint64 id;

	exec_ok(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB)");

	s = db_prepare(c, "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?) RETURNING id", &err);
	g_assert_no_error(err);
	db_bind_int(s, 1, G_GINT64_CONSTANT(9007199254740993));
	db_bind_double(s, 2, 2.5);
	db_bind_text(s, 3, chinese);
	db_bind_blob(s, 4, blob, sizeof blob);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	id = db_col_int(s, 0);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	g_assert_no_error(err);
	db_finish(s);
	g_assert_cmpint(db_changes(c), ==, 1);

	/* The same SQL comes back from the cache, with its bindings cleared. */
	s2 = db_prepare(c, "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?) RETURNING id", &err);
	g_assert_true(s2 == s);
	db_bind_text(s2, 3, NULL);
	db_bind_null(s2, 1);
	db_bind_blob(s2, 4, NULL, 0);
	g_assert_cmpint(db_step(s2, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s2, 0), ==, id + 1);
	db_finish(s2);

	s = db_prepare(c, "SELECT id, i, r, s, b FROM t ORDER BY id", &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_count(s), ==, 5);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpstr(db_col_name(s, 3), ==, "s");
	g_assert_cmpint(db_col_type(s, 1), ==, DB_TYPE_INT);
	g_assert_cmpint(db_col_int(s, 1), ==, G_GINT64_CONSTANT(9007199254740993));
	g_assert_cmpint(db_col_type(s, 2), ==, DB_TYPE_REAL);
	g_assert_cmpfloat(db_col_double(s, 2), ==, 2.5);
	g_assert_cmpint(db_col_type(s, 3), ==, DB_TYPE_TEXT);
	g_assert_cmpstr(db_col_text(s, 3), ==, chinese);
	g_assert_cmpint(db_col_type(s, 4), ==, DB_TYPE_BLOB);
	p = db_col_blob(s, 4, &n);
	g_assert_cmpmem(p, n, blob, sizeof blob);
	g_assert_false(db_col_is_null(s, 3));

	/* A second use of a statement still in use gets its own statement. */
	s2 = db_prepare(c, "SELECT id, i, r, s, b FROM t ORDER BY id", &err);
	g_assert_no_error(err);
	g_assert_true(s2 != s);
	g_assert_cmpint(db_step(s2, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s2, 0), ==, id);
	db_finish(s2);

	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_true(db_col_is_null(s, 1));
	g_assert_cmpint(db_col_int(s, 1), ==, 0);
	g_assert_true(db_col_is_null(s, 3));
	g_assert_null(db_col_text(s, 3));
	g_assert_true(db_col_is_null(s, 4));
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	db_finish(s);

	/* Text round-trips through a parameter in a WHERE clause too. */
	s = db_prepare(c, "SELECT count(*), length(?) FROM t WHERE s = ?", &err);
	db_bind_text(s, 1, chinese);
	db_bind_text(s, 2, chinese);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 0), ==, 1);
	g_assert_cmpint(db_col_int(s, 1), ==, g_utf8_strlen(chinese, -1));
	db_finish(s);

	/* A bad parameter index is reported by db_step, and cleared by db_finish. */
	s = db_prepare(c, "SELECT ?", &err);
	db_bind_int(s, 2, 1);
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_finish(s);
	s = db_prepare(c, "SELECT ?", &err);
	db_bind_int(s, 1, 7);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_int(s, 0), ==, 7);
	db_finish(s);

	/* Exactly one statement; syntax errors are errors. */
	g_assert_null(db_prepare(c, "SELECT 1; DROP TABLE t", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	g_assert_null(db_prepare(c, "SELEKT 1", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER);
	g_clear_error(&err);
	g_assert_null(db_prepare(c, "SELECT * FROM no_such_table", &err));
	g_assert_nonnull(err);
	g_clear_error(&err);
	g_assert_false(db_exec(c, "CREATE TABLE t (x)", &err));
	g_assert_nonnull(err);
	g_clear_error(&err);

	/* g_autoptr(DbStmt) finishes the statement. */
	{
		g_autoptr(DbStmt) a = db_prepare(c, "SELECT 1", &err);

		g_assert_cmpint(db_step(a, &err), ==, DB_ROW);
	}
	s = db_prepare(c, "SELECT 1", &err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	db_finish(s);
	db_finish(NULL);
}

static void test_row_json(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	DbStmt *s;
	json_t *row;
	char *dump;

	s = db_prepare(c,
	               "SELECT 42 AS n, 0.5 AS r, ? AS title, NULL AS empty, x'00ff' AS raw, "
	               "-9007199254740993 AS big",
	               &err);
	g_assert_no_error(err);
	db_bind_text(s, 1, chinese);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	row = db_row_json(s);
	db_finish(s);

	g_assert_true(json_is_object(row));
	g_assert_cmpint(json_object_size(row), ==, 6);
	g_assert_true(json_is_integer(json_object_get(row, "n")));
	g_assert_cmpint(json_integer_value(json_object_get(row, "n")), ==, 42);
	g_assert_true(json_is_real(json_object_get(row, "r")));
	g_assert_cmpfloat(json_real_value(json_object_get(row, "r")), ==, 0.5);
	g_assert_cmpstr(json_string_value(json_object_get(row, "title")), ==, chinese);
	g_assert_true(json_is_null(json_object_get(row, "empty")));
	g_assert_cmpstr(json_string_value(json_object_get(row, "raw")), ==, "AP8=");
	g_assert_cmpint(json_integer_value(json_object_get(row, "big")), ==,
	                G_GINT64_CONSTANT(-9007199254740993));
	dump = json_dumps(row, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
	g_assert_nonnull(strstr(dump, "\"empty\":null"));
	free(dump);
	json_decref(row);
}

/* ---- Constraints and transactions ------------------------------------------------------- */

static void expect_step_error(DbConn *c, const char *sql, int code)
{
	g_autoptr(GError) err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);

	g_assert_no_error(err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, code);
	db_finish(s);
}

static void test_constraint(Fixture *f, gconstpointer data)
{
	DbConn *c = conn_ok(f->db);

	exec_ok(c, "CREATE TABLE dept (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	           "CREATE TABLE staff (id INTEGER PRIMARY KEY, "
	           "dept_id INTEGER NOT NULL REFERENCES dept(id), age INTEGER CHECK (age > 0));"
	           "INSERT INTO dept (id, name) VALUES (1, '秘书处');");
	expect_step_error(c, "INSERT INTO dept (name) VALUES ('秘书处')", DB_ERROR_CONSTRAINT);
	expect_step_error(c, "INSERT INTO dept (id, name) VALUES (1, '综合处')",
	                  DB_ERROR_CONSTRAINT);
	expect_step_error(c, "INSERT INTO staff (dept_id) VALUES (7)", DB_ERROR_CONSTRAINT);
	expect_step_error(c, "INSERT INTO staff (dept_id) VALUES (NULL)", DB_ERROR_CHECK);
	expect_step_error(c, "INSERT INTO staff (dept_id, age) VALUES (1, -3)", DB_ERROR_CHECK);
	/* STRICT tables refuse a value of the wrong type. */
	expect_step_error(c, "INSERT INTO counter VALUES ('x', 2024, 'many')", DB_ERROR_CHECK);
	exec_ok(c, "INSERT INTO staff (dept_id, age) VALUES (1, 30)");
	expect_step_error(c, "DELETE FROM dept", DB_ERROR_CONSTRAINT);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM dept"), ==, 1);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM staff"), ==, 1);
}

static void test_transactions(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	gint64 n = 0;

	exec_ok(c, "CREATE TABLE t (x INTEGER)");

	g_assert_true(db_begin(c, TRUE, &err));
	g_assert_true(db_in_transaction(c));
	exec_ok(c, "INSERT INTO t VALUES (1)");
	g_assert_false(db_begin(c, TRUE, &err)); /* no nesting */
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_rollback(c);
	g_assert_false(db_in_transaction(c));
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 0);
	db_rollback(c); /* harmless outside a transaction */

	g_assert_true(db_begin(c, TRUE, &err));
	exec_ok(c, "INSERT INTO t VALUES (1)");
	g_assert_true(db_commit(c, &err));
	g_assert_no_error(err);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 1);
	g_assert_false(db_commit(c, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);

	/* A read transaction sees one snapshot. */
	g_assert_true(db_begin(c, FALSE, &err));
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 1);
	g_assert_true(db_commit(c, &err));

	/* The counter needs a write transaction, and a rollback gives the number back. */
	g_assert_false(db_counter_next(c, "docs.out", 2024, &n, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	g_assert_true(db_begin(c, FALSE, &err));
	g_assert_false(db_counter_next(c, "docs.out", 2024, &n, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_rollback(c);
	for (int i = 1; i <= 3; i++) {
		g_assert_true(db_begin(c, TRUE, &err));
		g_assert_true(db_counter_next(c, "docs.out", 2024, &n, &err));
		g_assert_no_error(err);
		g_assert_cmpint(n, ==, i);
		g_assert_true(db_commit(c, &err));
	}
	g_assert_true(db_begin(c, TRUE, &err));
	g_assert_true(db_counter_next(c, "docs.out", 2024, &n, &err));
	g_assert_cmpint(n, ==, 4);
	db_rollback(c);
	g_assert_true(db_begin(c, TRUE, &err));
	g_assert_true(db_counter_next(c, "docs.out", 2024, &n, &err));
	g_assert_cmpint(n, ==, 4);
	g_assert_true(db_counter_next(c, "docs.out", 2025, &n, &err));
	g_assert_cmpint(n, ==, 1); /* each year starts again */
	g_assert_true(db_counter_next(c, "info.issue", 2024, &n, &err));
	g_assert_cmpint(n, ==, 1);
	g_assert_true(db_commit(c, &err));
	g_assert_no_error(err);
}

/* ---- Threads ---------------------------------------------------------------------------- */

#define N_THREADS    4
#define N_INCREMENTS 50

/* A reusable barrier for N_THREADS threads (and optionally the main thread). */
typedef struct {
	GMutex lock;
	GCond cond;
	int waiting;
	int needed;
	gboolean open;
} Gate;

static void gate_arrive(Gate *g)
{
	g_mutex_lock(&g->lock);
	g->waiting++;
	g_cond_broadcast(&g->cond);
	while (!g->open && g->waiting < g->needed)
		g_cond_wait(&g->cond, &g->lock);
	g_mutex_unlock(&g->lock);
}

static void gate_open(Gate *g)
{
	g_mutex_lock(&g->lock);
	g->open = TRUE;
	g_cond_broadcast(&g->cond);
	g_mutex_unlock(&g->lock);
}

static void gate_wait_for(Gate *g, int n)
{
	g_mutex_lock(&g->lock);
	while (g->waiting < n)
		g_cond_wait(&g->cond, &g->lock);
	g_mutex_unlock(&g->lock);
}

typedef struct {
	Db *db;
	Gate *gate;
	DbConn *conn;
	gint64 got[N_INCREMENTS];
} Worker;

static gpointer counter_worker(gpointer data)
{
	Worker *w = data;
	g_autoptr(GError) err = NULL;

	w->conn = conn_ok(w->db);
	gate_arrive(w->gate); /* all threads hold their own connection before starting */
	for (int i = 0; i < N_INCREMENTS; i++) {
		gint64 n;

		if (i % 7 == 3) { /* a number taken and given back must be reissued */
			g_assert_true(db_begin(w->conn, TRUE, &err));
			g_assert_no_error(err);
			g_assert_true(db_counter_next(w->conn, "docs.out", 2024, &n, &err));
			db_rollback(w->conn);
		}
		g_assert_true(db_begin(w->conn, TRUE, &err));
		g_assert_no_error(err);
		/* Read before writing, as handlers do: only BEGIN IMMEDIATE makes this safe. */
		g_assert_cmpint(query_int(w->conn, "SELECT count(*) FROM setting"), ==, 0);
		g_assert_true(db_counter_next(w->conn, "docs.out", 2024, &n, &err));
		g_assert_no_error(err);
		g_assert_true(db_commit(w->conn, &err));
		g_assert_no_error(err);
		w->got[i] = n;
	}
	g_assert_true(db_conn(w->db, NULL) == w->conn); /* the same connection throughout */
	return NULL;
}

static void test_counter_threads(Fixture *f, gconstpointer data)
{
	Gate gate = {.needed = N_THREADS};
	Worker w[N_THREADS];
	GThread *t[N_THREADS];
	gboolean seen[N_THREADS * N_INCREMENTS + 1] = {FALSE};

	g_mutex_init(&gate.lock);
	g_cond_init(&gate.cond);
	for (int i = 0; i < N_THREADS; i++) {
		w[i] = (Worker){.db = f->db, .gate = &gate};
		t[i] = g_thread_new("counter", counter_worker, &w[i]);
	}
	for (int i = 0; i < N_THREADS; i++)
		g_thread_join(t[i]);

	for (int i = 0; i < N_THREADS; i++) {
		for (int j = 0; j < i; j++)
			g_assert_true(w[i].conn != w[j].conn);
		for (int k = 0; k < N_INCREMENTS; k++) {
			gint64 n = w[i].got[k];

			g_assert_cmpint(n, >=, 1);
			g_assert_cmpint(n, <=, N_THREADS * N_INCREMENTS);
			g_assert_false(seen[n]);
			seen[n] = TRUE;
			if (k > 0)
				g_assert_cmpint(n, >, w[i].got[k - 1]);
		}
	}
	for (int n = 1; n <= N_THREADS * N_INCREMENTS; n++)
		g_assert_true(seen[n]);
	g_assert_cmpint(
	    query_int(conn_ok(f->db), "SELECT n FROM counter WHERE series = 'docs.out'"), ==,
	    N_THREADS * N_INCREMENTS);
	g_mutex_clear(&gate.lock);
	g_cond_clear(&gate.cond);
}

typedef struct {
	Db *db;
	gint stop;
	gint written;
} Writer;

/* Writes rows until told to stop; each transaction takes a number and stores one row. */
static gpointer backup_writer(gpointer data)
{
	Writer *w = data;
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(w->db);

	while (!g_atomic_int_get(&w->stop) || g_atomic_int_get(&w->written) < 50) {
		DbStmt *s;
		gint64 n;

		g_assert_true(db_begin(c, TRUE, &err));
		g_assert_no_error(err);
		s = db_prepare(c, "INSERT INTO bk_item (body) VALUES (?)", &err);
		g_assert_no_error(err);
		db_bind_text(s, 1, chinese);
		g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
		db_finish(s);
		g_assert_true(db_counter_next(c, "item", 2024, &n, &err));
		g_assert_true(db_commit(c, &err));
		g_assert_no_error(err);
		g_atomic_int_inc(&w->written);
	}
	return NULL;
}

static void test_backup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *to = g_build_filename(f->dir, "backup.db", NULL);
	g_autofree char *bad = g_build_filename(f->dir, "no-such-dir", "backup.db", NULL);
	g_autofree char *check = NULL;
	g_autofree char *part = NULL;
	Writer w = {.db = f->db};
	GThread *t;
	DbConn *b;
	Db *copy;
	gint64 rows, n;
	GStatBuf st;

	exec_ok(conn_ok(f->db),
	        "CREATE TABLE bk_item (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
	t = g_thread_new("writer", backup_writer, &w);
	while (g_atomic_int_get(&w.written) < 20)
		g_usleep(1000);
	g_assert_true(db_backup(f->db, to, &err));
	g_assert_no_error(err);
	g_assert_true(db_backup(f->db, to, &err)); /* replaces an older backup */
	g_assert_no_error(err);
	g_atomic_int_set(&w.stop, 1);
	g_thread_join(t);

	part = g_strconcat(to, ".part", NULL);
	g_assert_false(g_file_test(part, G_FILE_TEST_EXISTS));
	g_assert_cmpint(g_stat(to, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);
	copy = db_open(to, &err);
	g_assert_no_error(err);
	b = conn_ok(copy);
	check = query_text(b, "PRAGMA integrity_check");
	g_assert_cmpstr(check, ==, "ok");
	rows = query_int(b, "SELECT count(*) FROM bk_item");
	n = query_int(b, "SELECT n FROM counter WHERE series = 'item'");
	g_assert_cmpint(rows, >=, 20);
	g_assert_cmpint(rows, ==, n);
	g_assert_cmpint(rows, <=, g_atomic_int_get(&w.written));
	g_assert_cmpint(db_schema_version(copy, &err), ==, db_schema_latest(copy));
	db_close(copy);

	g_assert_false(db_backup(f->db, bad, &err));
	g_assert_nonnull(err);
	g_clear_error(&err);
	g_assert_false(db_backup(f->db, f->path, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
}

typedef struct {
	Db *db;
	Gate *ready;
	Gate *done;
	DbConn *conn;
} Holder;

/* Takes a connection, writes through it, then stays alive until the gate opens. */
static gpointer holder(gpointer data)
{
	Holder *h = data;
	g_autoptr(GError) err = NULL;
	DbStmt *s;

	h->conn = conn_ok(h->db);
	g_assert_true(db_begin(h->conn, TRUE, &err));
	s = db_prepare(h->conn, "INSERT INTO t VALUES (?)", &err);
	g_assert_no_error(err);
	db_bind_int(s, 1, 1);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	db_finish(s);
	g_assert_true(db_commit(h->conn, &err));
	gate_arrive(h->ready);
	gate_arrive(h->done);
	return NULL;
}

static gpointer take_conn(gpointer data)
{
	return conn_ok(data);
}

static void test_close_threads(Fixture *f, gconstpointer data)
{
	g_autofree char *wal = g_strconcat(f->path, "-wal", NULL);
	Gate ready = {.needed = N_THREADS}, done = {.needed = N_THREADS + 1};
	Holder h[N_THREADS];
	GThread *t[N_THREADS];
	DbConn *main_conn, *a, *b;
	guint pool;

	g_mutex_init(&ready.lock);
	g_cond_init(&ready.cond);
	g_mutex_init(&done.lock);
	g_cond_init(&done.cond);
	main_conn = conn_ok(f->db);
	exec_ok(main_conn, "CREATE TABLE t (x INTEGER)");
	g_assert_cmpuint(db_pool_size(f->db), ==, 1);

	/* A thread that exits gives its connection back; the next thread takes it. */
	a = g_thread_join(g_thread_new("take", take_conn, f->db));
	pool = db_pool_size(f->db);
	g_assert_cmpuint(pool, ==, 2);
	b = g_thread_join(g_thread_new("take", take_conn, f->db));
	g_assert_true(a == b);
	g_assert_true(a != main_conn);
	g_assert_cmpuint(db_pool_size(f->db), ==, pool);

	/* Several live threads with connections of their own; close while they are still alive. */
	for (int i = 0; i < N_THREADS; i++) {
		h[i] = (Holder){.db = f->db, .ready = &ready, .done = &done};
		t[i] = g_thread_new("holder", holder, &h[i]);
	}
	gate_wait_for(&ready, N_THREADS);
	gate_wait_for(&done, N_THREADS);
	g_assert_cmpuint(db_pool_size(f->db), ==, N_THREADS + 1);
	g_assert_cmpint(query_int(main_conn, "SELECT count(*) FROM t"), ==, N_THREADS);
	g_assert_true(g_file_test(wal, G_FILE_TEST_EXISTS));
	db_close(f->db);
	f->db = NULL;
	/* The last connection to close checkpoints and removes the WAL: all were closed. */
	g_assert_false(g_file_test(wal, G_FILE_TEST_EXISTS));
	gate_open(&done);
	for (int i = 0; i < N_THREADS; i++)
		g_thread_join(t[i]);

	g_mutex_clear(&ready.lock);
	g_cond_clear(&ready.cond);
	g_mutex_clear(&done.lock);
	g_cond_clear(&done.cond);
}

/* Several Dbs on one thread: each has its own connection, even when a new Db reuses the
 * address of a closed one. */
static void test_several_dbs(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *p2 = g_build_filename(f->dir, "two.db", NULL);
	g_autofree char *p3 = g_build_filename(f->dir, "three.db", NULL);
	DbConn *c1 = conn_ok(f->db);
	Db *db2, *db3;

	db2 = db_open(p2, &err);
	g_assert_no_error(err);
	g_assert_true(conn_ok(db2) != c1);
	exec_ok(conn_ok(db2), "CREATE TABLE only_in_two (x INTEGER)");
	g_assert_cmpint(query_int(c1, "SELECT count(*) FROM sqlite_master WHERE name = "
	                              "'only_in_two'"),
	                ==, 0);
	db_close(db2);

	for (int i = 0; i < 3; i++) {
		db3 = db_open(p3, &err);
		g_assert_no_error(err);
		g_assert_cmpint(query_int(conn_ok(db3), "SELECT count(*) FROM sqlite_master WHERE "
		                                        "name = 'only_in_two'"),
		                ==, 0);
		exec_ok(conn_ok(db3), "CREATE TABLE IF NOT EXISTS only_in_three (x INTEGER)");
		db_close(db3);
	}
	g_assert_true(conn_ok(f->db) == c1);
	g_assert_cmpint(query_int(c1, "SELECT count(*) FROM sqlite_master WHERE name = "
	                              "'only_in_three'"),
	                ==, 0);
}

/* The cases of db_params_cases.h, shared with the other backend's program. */
static void test_numbered(Fixture *f, gconstpointer data)
{
	check_numbered_params(conn_ok(f->db));
}

static void test_query(Fixture *f, gconstpointer data)
{
	check_query(conn_ok(f->db));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_unsetenv("MISHU_SQLITE_SYNC");

#define ADD(name, fn, migrate)                                                                     \
	g_test_add(name, Fixture, (migrate), fixture_set_up, fn, fixture_tear_down)

	g_test_add_func("/db/url", test_url);
	ADD("/db/settings", test_settings, GINT_TO_POINTER(1));
	ADD("/db/migrate", test_migrate, NULL);
	ADD("/db/migrate-atomic", test_migrate_atomic, NULL);
	ADD("/db/bind-columns", test_bind_columns, GINT_TO_POINTER(1));
	ADD("/db/numbered-params", test_numbered, NULL);
	ADD("/db/query", test_query, NULL);
	ADD("/db/row-json", test_row_json, GINT_TO_POINTER(1));
	ADD("/db/constraint", test_constraint, GINT_TO_POINTER(1));
	ADD("/db/transactions", test_transactions, GINT_TO_POINTER(1));
	ADD("/db/counter-threads", test_counter_threads, GINT_TO_POINTER(1));
	ADD("/db/backup", test_backup, GINT_TO_POINTER(1));
	ADD("/db/close-threads", test_close_threads, GINT_TO_POINTER(1));
	ADD("/db/several-dbs", test_several_dbs, GINT_TO_POINTER(1));
	return g_test_run();
}
