/*
 * test_db_pg.c — unit tests of the PostgreSQL backend of the database layer (src/db/) against a
 * real server: opening, migrations, statements and placeholders, column types, JSON rows,
 * constraint errors, failed transactions, the gapless counter under concurrent writers, the
 * statement cache, per-thread connections, reconnection, pg_dump backups and LISTEN/NOTIFY;
 * plus the in-process notifications of the SQLite backend.
 *
 * The server: MISHU_TEST_PG_URL names an empty throwaway database (its public schema is dropped
 * and re-created before every test); without it, the test starts a throwaway cluster of its own
 * with tests/lib/pg-cluster.sh (as the postgres user when run as root) and removes it at the end
 * — a watchdog removes it too if the test dies half-way.
 */
#include "testutil.h"
#include "db_params_cases.h"
#include "config.h"
#include "db/db.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *pg_url;      /* the database every test uses */
static char *cluster_dir; /* the cluster this test started, or NULL */

static const char chinese[] = "关于做好2024年度党委办公厅（室）工作的通知——请各单位认真贯彻落实";

typedef struct {
	Db *db;
	char *dir; /* a temporary directory for files */
} Fixture;

/* ---- The server ------------------------------------------------------------------------- */

/* Runs tests/lib/pg-cluster.sh with `args`; returns its one line of output, or NULL. */
static char *cluster_script(const char *const *args)
{
	g_autofree char *script =
	    g_build_filename(MISHU_SOURCE_ROOT, "tests", "lib", "pg-cluster.sh", NULL);
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GError) err = NULL;
	g_autofree char *out = NULL;
	int status = 0;

	g_ptr_array_add(argv, "sh");
	g_ptr_array_add(argv, script);
	for (; *args; args++)
		g_ptr_array_add(argv, (char *)*args);
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL,
	                  G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, &out,
	                  NULL, &status, &err) ||
	    !g_spawn_check_wait_status(status, &err)) {
		g_printerr("# pg-cluster.sh %s failed: %s\n", args[-1], err->message);
		return NULL;
	}
	return g_strstrip(g_steal_pointer(&out));
}

/* Sets pg_url from MISHU_TEST_PG_URL, or starts a throwaway cluster. */
static gboolean server_start(void)
{
	const char *env = g_getenv("MISHU_TEST_PG_URL");
	g_autoptr(GError) err = NULL;
	g_autofree char *pid = g_strdup_printf("%d", (int)getpid());

	if (env != NULL && *env != '\0') {
		pg_url = g_strdup(env);
		g_print("# server: MISHU_TEST_PG_URL\n");
		return TRUE;
	}
	cluster_dir = g_dir_make_tmp("mishu-pg-XXXXXX", &err);
	if (cluster_dir == NULL) {
		g_printerr("# cannot make a directory for the cluster: %s\n", err->message);
		return FALSE;
	}
	pg_url = cluster_script((const char *[]){"start", cluster_dir, pid, NULL});
	if (pg_url == NULL || !g_str_has_prefix(pg_url, "postgresql:")) {
		g_printerr("# could not start a PostgreSQL cluster (got “%s”)\n",
		           pg_url ? pg_url : "");
		return FALSE;
	}
	g_print("# server: throwaway cluster %s\n", pg_url);
	return TRUE;
}

static void server_stop(void)
{
	if (cluster_dir != NULL)
		g_free(cluster_script((const char *[]){"stop", cluster_dir, NULL}));
	g_clear_pointer(&cluster_dir, g_free);
	g_clear_pointer(&pg_url, g_free);
}

/* pg_url with one more query parameter. */
static char *url_with(const char *param)
{
	return g_strconcat(pg_url, strchr(pg_url, '?') ? "&" : "?", param, NULL);
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static Db *open_ok(const char *url)
{
	g_autoptr(GError) err = NULL;
	Db *db = db_open(url, &err);

	g_assert_no_error(err);
	g_assert_nonnull(db);
	return db;
}

static void fixture_set_up(Fixture *f, gconstpointer migrate)
{
	g_autoptr(GError) err = NULL;

	f->dir = g_dir_make_tmp("mishu-test-db-pg-XXXXXX", &err);
	g_assert_no_error(err);
	f->db = open_ok(pg_url);
	exec_ok(conn_ok(f->db), "SET client_min_messages = warning; "
	                        "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; "
	                        "RESET client_min_messages");
	if (migrate) {
		g_assert_cmpint(db_migrate(f->db, &err), ==, db_schema_latest(f->db));
		g_assert_no_error(err);
	}
}

static void fixture_tear_down(Fixture *f, gconstpointer migrate)
{
	db_close(f->db);
	rm_rf(f->dir);
	g_free(f->dir);
}

/* ---- Opening ---------------------------------------------------------------------------- */

static void test_open(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *app = NULL, *enc = NULL, *tz = NULL, *other_url = NULL, *other = NULL;
	DbConn *c = conn_ok(f->db);
	Db *db;

	g_assert_cmpint(db_kind(f->db), ==, DB_POSTGRESQL);
	g_assert_cmpstr(db_kind_name(f->db), ==, "postgresql");
	g_assert_cmpuint(db_pool_size(f->db), ==, 1);
	app = query_text(c, "SHOW application_name");
	enc = query_text(c, "SHOW client_encoding");
	tz = query_text(c, "SHOW TimeZone");
	g_assert_cmpstr(app, ==, "mishu");
	g_assert_cmpstr(enc, ==, "UTF8");
	g_assert_cmpstr(tz, ==, "UTC");
	g_assert_true(db_ping(f->db, &err));
	g_assert_no_error(err);

	/* The URI may name another application. */
	other_url = url_with("application_name=mishu-other");
	db = open_ok(other_url);
	other = query_text(conn_ok(db), "SHOW application_name");
	g_assert_cmpstr(other, ==, "mishu-other");
	db_close(db);

	/* No server there; a malformed URI. */
	g_assert_null(db_open("postgresql:///mishu?host=/nonexistent-dir-for-mishu", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN);
	g_assert_nonnull(strstr(err->message, "cannot connect to PostgreSQL"));
	g_clear_error(&err);
	g_assert_null(db_open("postgresql://host/db?nosuchoption=1", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL);
	g_clear_error(&err);
	g_assert_null(db_open("postgres://[::1/db", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL);
}

/* ---- Migrations ------------------------------------------------------------------------- */

static gpointer migrate_thread(gpointer data)
{
	g_autoptr(GError) err = NULL;
	Db *db = open_ok(pg_url);
	int v = db_migrate(db, &err);

	g_assert_no_error(err);
	db_close(db);
	return GINT_TO_POINTER(v);
}

static void test_migrate(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	int latest = db_schema_latest(f->db);
	GThread *t[3];
	gint64 applied;

	g_assert_cmpint(latest, >=, 2);
	g_assert_cmpint(db_schema_version(f->db, &err), ==, 0);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate(f->db, &err), ==, latest);
	g_assert_no_error(err);
	g_assert_cmpint(db_schema_version(f->db, &err), ==, latest);
	applied = query_int(c, "SELECT applied_at FROM schema_version WHERE version = 1");
	g_assert_cmpint(applied, >, 1700000000);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
	                             "AND tablename IN ('counter', 'setting', 'user_account', "
	                             "'audit', 'item_access')"),
	                ==, 5);

	/* The second run applies nothing. */
	g_usleep(G_USEC_PER_SEC + 100000);
	g_assert_cmpint(db_migrate(f->db, &err), ==, latest);
	g_assert_no_error(err);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM schema_version"), ==, latest);
	g_assert_cmpint(query_int(c, "SELECT applied_at FROM schema_version WHERE version = 1"), ==,
	                applied);

	/* Several processes migrating an empty database at once: one applies, the others wait. */
	exec_ok(c, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	for (int i = 0; i < 3; i++)
		t[i] = g_thread_new("migrate", migrate_thread, NULL);
	for (int i = 0; i < 3; i++)
		g_assert_cmpint(GPOINTER_TO_INT(g_thread_join(t[i])), ==, latest);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM schema_version"), ==, latest);

	/* A database from a newer program is refused. */
	exec_ok(c, "INSERT INTO schema_version VALUES (99, 0)");
	g_assert_cmpint(db_migrate(f->db, &err), ==, -1);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA);
}

static void test_migrate_atomic(Fixture *f, gconstpointer data)
{
	static const DbMigration good[] = {
	    {1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"},
	    {2, "two", "-- a comment ?\nCREATE TABLE b (y TEXT);"},
	};
	static const DbMigration bad[] = {
	    {1, "one", "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"},
	    {2, "two", "-- a comment ?\nCREATE TABLE b (y TEXT);"},
	    {3, "three", "CREATE TABLE c (z INTEGER); INSERT INTO a VALUES (2); SELEKT 1;"},
	};
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);

	g_assert_cmpint(db_migrate_list(f->db, good, 1, &err), ==, 1);
	g_assert_cmpint(db_migrate_list(f->db, good, 2, &err), ==, 2);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate_list(f->db, bad, 3, &err), ==, -1);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_SCHEMA);
	g_assert_nonnull(strstr(err->message, "three"));
	g_assert_nonnull(strstr(err->message, "SELEKT"));
	g_clear_error(&err);
	/* Nothing of the failed migration remains: DDL is transactional. */
	g_assert_cmpint(db_schema_version(f->db, &err), ==, 2);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'c'"), ==,
	                0);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM a"), ==, 1);
	g_assert_false(db_in_transaction(c));
}

/* ---- Statements ------------------------------------------------------------------------- */

static void test_bind_columns(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	static const guint8 blob[] = {0, 1, 2, 0xff, 0, '\\', 'x'};
	const void *p;
	gsize n = 99;
	DbConn *c = conn_ok(f->db);
	DbStmt *s, *s2;
	gint64 id, prepared;

	exec_ok(c, "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
	           "i BIGINT, r DOUBLE PRECISION, s TEXT, b BYTEA)");

	s = db_prepare(c, "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?) RETURNING id", &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_count(s), ==, 1); /* known before the first step */
	g_assert_cmpstr(db_col_name(s, 0), ==, "id");
	db_bind_int(s, 1, G_GINT64_CONSTANT(9007199254740993));
	db_bind_double(s, 2, 0.1);
	db_bind_text(s, 3, chinese);
	db_bind_blob(s, 4, blob, sizeof blob);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_type(s, 0), ==, DB_TYPE_INT);
	id = db_col_int(s, 0);
	g_assert_cmpint(id, ==, 1);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	g_assert_no_error(err);
	db_finish(s);
	g_assert_cmpint(db_changes(c), ==, 1);

	/* The same SQL comes back from the cache, bindings cleared, and is not prepared again. */
	prepared = query_int(c, "SELECT count(*) FROM pg_prepared_statements");
	s2 = db_prepare(c, "INSERT INTO t (i, r, s, b) VALUES (?, ?, ?, ?) RETURNING id", &err);
	g_assert_true(s2 == s);
	db_bind_text(s2, 3, NULL);
	db_bind_null(s2, 1);
	db_bind_blob(s2, 4, NULL, 0);
	g_assert_cmpint(db_step(s2, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s2, 0), ==, id + 1);
	db_finish(s2);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM pg_prepared_statements"), ==, prepared);

	/* Extremes of int64. */
	s = db_prepare(c, "INSERT INTO t (i, r) VALUES (?, ?)", &err);
	db_bind_int(s, 1, G_MININT64);
	db_bind_double(s, 2, -1e300);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	db_bind_int(s, 1, G_MAXINT64);
	db_bind_double(s, 2, 1.0 / 3);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	g_assert_no_error(err);
	db_finish(s);

	s = db_prepare(c, "SELECT id, i, r, s, b FROM t ORDER BY id", &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_count(s), ==, 5);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpstr(db_col_name(s, 3), ==, "s");
	g_assert_cmpint(db_col_type(s, 1), ==, DB_TYPE_INT);
	g_assert_cmpint(db_col_int(s, 1), ==, G_GINT64_CONSTANT(9007199254740993));
	g_assert_cmpstr(db_col_text(s, 1), ==, "9007199254740993"); /* an int column as text */
	g_assert_cmpint(db_col_type(s, 2), ==, DB_TYPE_REAL);
	g_assert_cmpfloat(db_col_double(s, 2), ==, 0.1);
	g_assert_cmpint(db_col_type(s, 3), ==, DB_TYPE_TEXT);
	g_assert_cmpstr(db_col_text(s, 3), ==, chinese);
	g_assert_cmpint(db_col_type(s, 4), ==, DB_TYPE_BLOB);
	p = db_col_blob(s, 4, &n);
	g_assert_cmpmem(p, n, blob, sizeof blob);
	g_assert_true(db_col_blob(s, 4, &n) == p); /* kept until the next step */
	g_assert_false(db_col_is_null(s, 3));

	/* A second use of a statement still in use gets its own statement. */
	s2 = db_prepare(c, "SELECT id, i, r, s, b FROM t ORDER BY id", &err);
	g_assert_no_error(err);
	g_assert_true(s2 != s);
	g_assert_cmpint(db_step(s2, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s2, 0), ==, id);
	db_finish(s2);
	/* That one was not cached: it is gone from the server too (the two above are cached). */
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM pg_prepared_statements"), ==,
	                prepared + 2);

	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_true(db_col_is_null(s, 1));
	g_assert_cmpint(db_col_int(s, 1), ==, 0);
	g_assert_true(db_col_is_null(s, 3));
	g_assert_null(db_col_text(s, 3));
	g_assert_true(db_col_is_null(s, 4));
	g_assert_null(db_col_blob(s, 4, &n));
	g_assert_cmpuint(n, ==, 0);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 1), ==, G_MININT64);
	g_assert_cmpfloat(db_col_double(s, 2), ==, -1e300);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 1), ==, G_MAXINT64);
	g_assert_cmpfloat(db_col_double(s, 2), ==, 1.0 / 3);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	g_assert_no_error(err);
	db_finish(s);

	/* Text round-trips through parameters; a parameter without context is text. */
	s = db_prepare(c, "SELECT count(*), length(?) FROM t WHERE s = ?", &err);
	g_assert_no_error(err);
	db_bind_text(s, 1, chinese);
	db_bind_text(s, 2, chinese);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 0), ==, 1);
	g_assert_cmpint(db_col_int(s, 1), ==, g_utf8_strlen(chinese, -1));
	db_finish(s);
	s = db_prepare(c, "SELECT count(*) FROM t WHERE (? IS NULL OR s = ?)", &err);
	g_assert_no_error(err);
	db_bind_null(s, 1);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_int(s, 0), ==, 4);
	db_finish(s);

	/* db_changes counts the last INSERT, UPDATE or DELETE, not SELECTs. */
	exec_ok(c, "UPDATE t SET s = 'x' WHERE s IS NULL");
	g_assert_cmpint(db_changes(c), ==, 3);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 4);
	g_assert_cmpint(db_changes(c), ==, 3);

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
	g_assert_cmpstr(db_col_text(s, 0), ==, "7");
	db_finish(s);

	/* Exactly one statement; syntax errors are errors. */
	g_assert_null(db_prepare(c, "SELECT 1; DROP TABLE t", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	g_assert_null(db_prepare(c, "SELEKT 1", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER);
	g_assert_nonnull(strstr(err->message, "SELEKT"));
	g_clear_error(&err);
	g_assert_null(db_prepare(c, "SELECT * FROM no_such_table", &err));
	g_assert_nonnull(err);
	g_clear_error(&err);
	g_assert_false(db_exec(c, "CREATE TABLE t (x INTEGER)", &err));
	g_assert_nonnull(err);
	g_clear_error(&err);
	s = db_prepare(c, "SELECT 1; -- a trailing comment\n", &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	db_finish(s);

	/* g_autoptr(DbStmt) finishes the statement; a step after DB_DONE runs it again. */
	{
		g_autoptr(DbStmt) a = db_prepare(c, "SELECT 1", &err);

		g_assert_cmpint(db_step(a, &err), ==, DB_ROW);
	}
	s = db_prepare(c, "SELECT 1", &err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	db_finish(s);
	db_finish(NULL);
}

/* `?` is a placeholder only outside literals, quoted identifiers and comments. */
static void test_placeholders(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	DbStmt *s;

	s = db_prepare(c,
	               "SELECT '?;''?' AS \"a?\", E'\\'?' AS e, $$?$$ AS d, $x$ ? $x$ AS x, "
	               "-- ? here\n /* ? /* nested ? */ ? */ ? AS p, ? + 1 AS q",
	               &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_col_count(s), ==, 6);
	db_bind_text(s, 1, "v");
	db_bind_int(s, 2, 41);
	db_bind_int(s, 3, 1); /* there is no third */
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_finish(s);

	s = db_prepare(c,
	               "SELECT '?;''?' AS \"a?\", E'\\'?' AS e, $$?$$ AS d, $x$ ? $x$ AS x, "
	               "-- ? here\n /* ? /* nested ? */ ? */ ? AS p, ? + 1 AS q",
	               &err);
	db_bind_text(s, 1, "v");
	db_bind_int(s, 2, 41);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	g_assert_cmpstr(db_col_name(s, 0), ==, "a?");
	g_assert_cmpstr(db_col_text(s, 0), ==, "?;'?");
	g_assert_cmpstr(db_col_text(s, 1), ==, "'?");
	g_assert_cmpstr(db_col_text(s, 2), ==, "?");
	g_assert_cmpstr(db_col_text(s, 3), ==, " ? ");
	g_assert_cmpstr(db_col_text(s, 4), ==, "v");
	g_assert_cmpint(db_col_type(s, 5), ==, DB_TYPE_INT);
	g_assert_cmpint(db_col_int(s, 5), ==, 42);
	db_finish(s);

	/* numbered: ?1 becomes $1 wherever it stands outside quotes, and is bound once */
	s = db_prepare(
	    c, "SELECT $$?1$$ AS d, $x$ ?2 $x$ AS x, E'\\'?1' AS e, ?1 AS p, ?1 || ?1 AS pp", &err);
	g_assert_no_error(err);
	db_bind_text(s, 1, "v");
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	g_assert_cmpstr(db_col_text(s, 0), ==, "?1");
	g_assert_cmpstr(db_col_text(s, 1), ==, " ?2 ");
	g_assert_cmpstr(db_col_text(s, 2), ==, "'?1");
	g_assert_cmpstr(db_col_text(s, 3), ==, "v");
	g_assert_cmpstr(db_col_text(s, 4), ==, "vv");
	db_finish(s);
}

static void test_row_json(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	DbStmt *s;
	json_t *row;
	char *dump;

	s = db_prepare(c,
	               "SELECT 42 AS n, 0.5::float8 AS r, ? AS title, NULL AS empty, "
	               "'\\x00ff'::bytea AS raw, -9007199254740993 AS big, true AS yes, "
	               "1.25::numeric AS num, 7::smallint AS small, '2024-05-01'::date AS day, "
	               "sum(x) AS total, avg(x) AS mean FROM (VALUES (1::bigint), (2)) v(x)",
	               &err);
	g_assert_no_error(err);
	db_bind_text(s, 1, chinese);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	row = db_row_json(s);
	g_assert_cmpstr(db_col_text(s, 6), ==, "1");
	db_finish(s);

	g_assert_true(json_is_object(row));
	g_assert_cmpint(json_object_size(row), ==, 12);
	g_assert_true(json_is_integer(json_object_get(row, "n")));
	g_assert_cmpint(json_integer_value(json_object_get(row, "n")), ==, 42);
	g_assert_true(json_is_real(json_object_get(row, "r")));
	g_assert_cmpfloat(json_real_value(json_object_get(row, "r")), ==, 0.5);
	g_assert_cmpstr(json_string_value(json_object_get(row, "title")), ==, chinese);
	g_assert_true(json_is_null(json_object_get(row, "empty")));
	g_assert_cmpstr(json_string_value(json_object_get(row, "raw")), ==, "AP8=");
	g_assert_cmpint(json_integer_value(json_object_get(row, "big")), ==,
	                G_GINT64_CONSTANT(-9007199254740993));
	g_assert_true(json_is_integer(json_object_get(row, "yes")));
	g_assert_cmpint(json_integer_value(json_object_get(row, "yes")), ==, 1);
	g_assert_cmpfloat(json_real_value(json_object_get(row, "num")), ==, 1.25);
	g_assert_cmpint(json_integer_value(json_object_get(row, "small")), ==, 7);
	g_assert_cmpstr(json_string_value(json_object_get(row, "day")), ==, "2024-05-01");
	g_assert_true(json_is_integer(json_object_get(row, "total"))); /* numeric, but whole */
	g_assert_cmpint(json_integer_value(json_object_get(row, "total")), ==, 3);
	g_assert_true(json_is_real(json_object_get(row, "mean")));
	g_assert_cmpfloat(json_real_value(json_object_get(row, "mean")), ==, 1.5);
	dump = json_dumps(row, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
	g_assert_nonnull(strstr(dump, "\"empty\":null"));
	free(dump);
	json_decref(row);
}

/* ---- Constraints and transactions ------------------------------------------------------- */

/* Runs `sql`, which must fail with `code`; returns the message (g_free). */
static char *expect_step_error(DbConn *c, const char *sql, int code)
{
	g_autoptr(GError) err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);
	char *msg;

	g_assert_no_error(err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, code);
	msg = g_strdup(err->message);
	db_finish(s);
	return msg;
}

static void step_error(DbConn *c, const char *sql, int code)
{
	g_free(expect_step_error(c, sql, code));
}

/* Runs `sql` with its one parameter bound to `text`, which must fail with `code`. */
static void bind_error(DbConn *c, const char *sql, const char *text, int code)
{
	g_autoptr(GError) err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);

	g_assert_no_error(err);
	db_bind_text(s, 1, text);
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, code);
	db_finish(s);
}

static void test_constraint(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	g_autofree char *msg = NULL;

	exec_ok(c, "CREATE TABLE dept (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	           "CREATE TABLE staff (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
	           "dept_id BIGINT NOT NULL REFERENCES dept(id), age INTEGER CHECK (age > 0));"
	           "INSERT INTO dept (id, name) VALUES (1, '秘书处');");
	msg = expect_step_error(c, "INSERT INTO dept (id, name) VALUES (2, '秘书处')",
	                        DB_ERROR_CONSTRAINT);
	g_assert_nonnull(strstr(msg, "秘书处")); /* the detail names the key */
	step_error(c, "INSERT INTO dept (id, name) VALUES (1, '综合处')", DB_ERROR_CONSTRAINT);
	step_error(c, "INSERT INTO staff (dept_id) VALUES (7)", DB_ERROR_CONSTRAINT);
	step_error(c, "INSERT INTO staff (dept_id) VALUES (NULL)", DB_ERROR_CHECK);
	step_error(c, "INSERT INTO staff (dept_id, age) VALUES (1, -3)", DB_ERROR_CHECK);
	/* Values of the wrong type or out of range (literals fail as early as db_prepare). */
	bind_error(c, "INSERT INTO counter VALUES ('x', 2024, ?)", "many", DB_ERROR_CHECK);
	bind_error(c, "INSERT INTO counter VALUES ('x', ?, 1)", "99999999999", DB_ERROR_CHECK);
	g_assert_null(db_prepare(c, "INSERT INTO counter VALUES ('x', 2024, 'many')", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_CHECK);
	exec_ok(c, "INSERT INTO staff (dept_id, age) VALUES (1, 30)");
	step_error(c, "DELETE FROM dept", DB_ERROR_CONSTRAINT);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM dept"), ==, 1);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM staff"), ==, 1);

	/* 三员分立: the trigger's check_violation, with its message first. */
	exec_ok(c, "INSERT INTO user_account (id, username, display_name, password_hash, "
	           "password_changed_at, created_at, updated_at) VALUES (1, 'admin', '管理员', "
	           "'x', 0, 0, 0);"
	           "INSERT INTO user_role VALUES (1, 'sysadmin'), (1, 'leader');");
	g_clear_pointer(&msg, g_free);
	msg = expect_step_error(c, "INSERT INTO user_role VALUES (1, 'auditor')", DB_ERROR_CHECK);
	g_assert_true(g_str_has_prefix(msg, "three_admins:"));
	step_error(c, "INSERT INTO user_role VALUES (1, 'boss')", DB_ERROR_CHECK);
	step_error(c, "INSERT INTO user_role VALUES (1, 'leader')", DB_ERROR_CONSTRAINT);
}

static void test_transactions(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	Db *db2 = open_ok(pg_url);
	DbConn *c2 = conn_ok(db2);
	DbStmt *s;
	gint64 n = 0;

	exec_ok(c, "CREATE TABLE t (x INTEGER UNIQUE)");

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

	/* An error aborts the transaction: later statements fail, rollback and a new one work. */
	g_assert_true(db_begin(c, TRUE, &err));
	exec_ok(c, "INSERT INTO t VALUES (2)");
	step_error(c, "INSERT INTO t VALUES (1)", DB_ERROR_CONSTRAINT);
	g_assert_false(db_exec(c, "INSERT INTO t VALUES (3)", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_assert_nonnull(strstr(err->message, "aborted"));
	g_clear_error(&err);
	g_assert_null(db_prepare(c, "SELECT 3", &err)); /* even preparing */
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	db_rollback(c);
	g_assert_false(db_in_transaction(c));
	g_assert_true(db_begin(c, TRUE, &err));
	g_assert_no_error(err);
	exec_ok(c, "INSERT INTO t VALUES (4)");
	g_assert_true(db_commit(c, &err));
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 2);

	/* A statement that fails to prepare does not abort the transaction (as on SQLite), and a
	 * parameter without context is text there too. */
	g_assert_true(db_begin(c, TRUE, &err));
	exec_ok(c, "INSERT INTO t VALUES (9)");
	g_assert_null(db_prepare(c, "SELEKT 1", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER);
	g_clear_error(&err);
	s = db_prepare(c, "SELECT count(*) FROM t WHERE ? IS NULL OR x = ?", &err);
	g_assert_no_error(err);
	db_bind_null(s, 1);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 0), ==, 3);
	db_finish(s);
	g_assert_true(db_commit(c, &err));
	g_assert_no_error(err);
	exec_ok(c, "DELETE FROM t WHERE x = 9");

	/* Committing a failed transaction rolls it back and says so. */
	g_assert_true(db_begin(c, TRUE, &err));
	exec_ok(c, "INSERT INTO t VALUES (5)");
	step_error(c, "INSERT INTO t VALUES (1)", DB_ERROR_CONSTRAINT);
	g_assert_false(db_commit(c, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	g_assert_false(db_in_transaction(c));
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t WHERE x = 5"), ==, 0);

	/* Outside a transaction each statement stands alone: a failure does not poison the next. */
	step_error(c, "INSERT INTO t VALUES (1)", DB_ERROR_CONSTRAINT);
	exec_ok(c, "INSERT INTO t VALUES (6)");

	/* A read transaction sees one snapshot, and refuses to write. */
	g_assert_true(db_begin(c, FALSE, &err));
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 3);
	exec_ok(c2, "INSERT INTO t VALUES (7)");
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 3);
	step_error(c, "INSERT INTO t VALUES (8)", DB_ERROR_MISUSE);
	db_rollback(c);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t"), ==, 4);
	g_assert_true(db_begin(c, FALSE, &err));
	g_assert_true(db_commit(c, &err));

	/* A prepared statement outlives a rolled-back transaction. */
	g_assert_true(db_begin(c, TRUE, &err));
	s = db_prepare(c, "SELECT count(*) FROM t WHERE x > ?", &err);
	db_bind_int(s, 1, 0);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	db_finish(s);
	db_rollback(c);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM t WHERE x > 0"), ==, 4);

	/* The counter needs a write transaction, and a rollback gives the number back. */
	g_assert_false(db_counter_next(c, "docs.out", 2024, &n, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
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
	g_assert_cmpint(n, ==, 1);
	g_assert_true(db_commit(c, &err));
	g_assert_no_error(err);
	db_close(db2);
}

/* Two statements open at once on one connection. */
static void test_nested(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	DbStmt *outer, *inner;
	int rows = 0;

	exec_ok(c, "CREATE TABLE src (id INTEGER PRIMARY KEY, name TEXT);"
	           "CREATE TABLE dst (id INTEGER, name TEXT);"
	           "INSERT INTO src SELECT g, '第' || g || '号' FROM generate_series(1, 20) g");
	g_assert_true(db_begin(c, TRUE, &err));
	outer = db_prepare(c, "SELECT id, name FROM src ORDER BY id", &err);
	g_assert_no_error(err);
	while (db_step(outer, &err) == DB_ROW) {
		inner = db_prepare(c, "INSERT INTO dst VALUES (?, ?) RETURNING id * 2", &err);
		g_assert_no_error(err);
		db_bind_int(inner, 1, db_col_int(outer, 0));
		db_bind_text(inner, 2, db_col_text(outer, 1));
		g_assert_cmpint(db_step(inner, &err), ==, DB_ROW);
		g_assert_cmpint(db_col_int(inner, 0), ==, 2 * db_col_int(outer, 0));
		db_finish(inner);
		rows++;
	}
	g_assert_no_error(err);
	db_finish(outer);
	g_assert_true(db_commit(c, &err));
	g_assert_cmpint(rows, ==, 20);
	g_assert_cmpint(query_int(c, "SELECT count(*) FROM dst d JOIN src s USING (id, name)"), ==,
	                20);
}

/* ---- Threads ---------------------------------------------------------------------------- */

#define N_THREADS    4
#define N_INCREMENTS 50

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
	gate_arrive(w->gate);
	for (int i = 0; i < N_INCREMENTS; i++) {
		gint64 n;

		if (i % 7 == 3) { /* a number taken and given back must be reissued */
			g_assert_true(db_begin(w->conn, TRUE, &err));
			g_assert_true(db_counter_next(w->conn, "docs.out", 2024, &n, &err));
			db_rollback(w->conn);
		}
		g_assert_true(db_begin(w->conn, TRUE, &err));
		g_assert_no_error(err);
		g_assert_cmpint(query_int(w->conn, "SELECT count(*) FROM setting"), ==, 0);
		g_assert_true(db_counter_next(w->conn, "docs.out", 2024, &n, &err));
		g_assert_no_error(err);
		g_assert_true(db_commit(w->conn, &err));
		g_assert_no_error(err);
		w->got[i] = n;
	}
	g_assert_true(db_conn(w->db, NULL) == w->conn);
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
	Gate *ready;
	Gate *done;
	DbConn *conn;
} Holder;

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
	/* Leave one statement prepared and one transaction open: db_close copes with both. */
	s = db_prepare(h->conn, "SELECT count(*) FROM t", &err);
	db_finish(s);
	g_assert_true(db_begin(h->conn, FALSE, &err));
	gate_arrive(h->ready);
	gate_arrive(h->done);
	return NULL;
}

static gpointer take_conn(gpointer data)
{
	return conn_ok(data);
}

/* The number of connections with application_name 'mishu' to this database, seen by `c`. */
static gint64 mishu_backends(DbConn *c)
{
	return query_int(c,
	                 "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mishu' "
	                 "AND datname = current_database()");
}

static void test_close_threads(Fixture *f, gconstpointer data)
{
	g_autofree char *monitor_url = url_with("application_name=mishu-monitor");
	Gate ready = {.needed = N_THREADS}, done = {.needed = N_THREADS + 1};
	Holder h[N_THREADS];
	GThread *t[N_THREADS];
	DbConn *main_conn, *a, *b, *m;
	Db *monitor = open_ok(monitor_url);
	guint pool;

	g_mutex_init(&ready.lock);
	g_cond_init(&ready.cond);
	g_mutex_init(&done.lock);
	g_cond_init(&done.cond);
	m = conn_ok(monitor);
	main_conn = conn_ok(f->db);
	exec_ok(main_conn, "CREATE TABLE t (x INTEGER)");
	g_assert_cmpuint(db_pool_size(f->db), ==, 1);

	a = g_thread_join(g_thread_new("take", take_conn, f->db));
	pool = db_pool_size(f->db);
	g_assert_cmpuint(pool, ==, 2);
	b = g_thread_join(g_thread_new("take", take_conn, f->db));
	g_assert_true(a == b);
	g_assert_true(a != main_conn);
	g_assert_cmpuint(db_pool_size(f->db), ==, pool);

	for (int i = 0; i < N_THREADS; i++) {
		h[i] = (Holder){.db = f->db, .ready = &ready, .done = &done};
		t[i] = g_thread_new("holder", holder, &h[i]);
	}
	gate_wait_for(&ready, N_THREADS);
	gate_wait_for(&done, N_THREADS);
	g_assert_cmpuint(db_pool_size(f->db), ==, N_THREADS + 1);
	g_assert_cmpint(query_int(main_conn, "SELECT count(*) FROM t"), ==, N_THREADS);
	g_assert_cmpint(mishu_backends(m), ==, N_THREADS + 1);
	db_close(f->db);
	f->db = NULL;
	/* Every connection was closed: the server sees them go (each backend exits on its own). */
	for (int i = 0; i < 100 && mishu_backends(m) > 0; i++)
		g_usleep(50000);
	g_assert_cmpint(mishu_backends(m), ==, 0);
	gate_open(&done);
	for (int i = 0; i < N_THREADS; i++)
		g_thread_join(t[i]);
	db_close(monitor);

	g_mutex_clear(&ready.lock);
	g_cond_clear(&ready.cond);
	g_mutex_clear(&done.lock);
	g_cond_clear(&done.cond);
}

/* A connection killed on the server is re-established at its next use outside a transaction,
 * and its cached statements are prepared again. */
static void test_reconnect(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *monitor_url = url_with("application_name=mishu-monitor");
	Db *monitor = open_ok(monitor_url);
	DbConn *c = conn_ok(f->db), *m = conn_ok(monitor);
	gint64 pid = query_int(c, "SELECT pg_backend_pid()");
	DbStmt *s;
	DbStep st;

	g_assert_cmpint(query_int(c, "SELECT 40 + 2"), ==, 42);
	s = db_prepare(m, "SELECT pg_terminate_backend(CAST(? AS INTEGER))::int", &err);
	db_bind_int(s, 1, pid);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 0), ==, 1);
	db_finish(s);
	g_usleep(100000);

	/* The first use may learn of the loss (DB_ERROR_OPEN); the next one reconnects. */
	s = db_prepare(c, "SELECT 40 + 2", &err);
	g_assert_no_error(err);
	st = db_step(s, &err);
	if (st == DB_ERROR) {
		g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN);
		g_clear_error(&err);
		st = db_step(s, &err);
	}
	g_assert_no_error(err);
	g_assert_cmpint(st, ==, DB_ROW);
	g_assert_cmpint(db_col_int(s, 0), ==, 42);
	db_finish(s);
	g_assert_cmpint(query_int(c, "SELECT pg_backend_pid()"), !=, pid);
	g_assert_true(db_conn(f->db, NULL) == c);
	{
		g_autofree char *tz = query_text(c, "SHOW TimeZone");

		g_assert_cmpstr(tz, ==, "UTC");
	}

	/* Inside a transaction the loss is an error, and the rollback after it works. */
	pid = query_int(c, "SELECT pg_backend_pid()");
	g_assert_true(db_begin(c, TRUE, &err));
	s = db_prepare(m, "SELECT pg_terminate_backend(CAST(? AS INTEGER))::int", &err);
	db_bind_int(s, 1, pid);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	db_finish(s);
	g_usleep(100000);
	s = db_prepare(c, "SELECT 40 + 2", &err);
	g_assert_cmpint(db_step(s, &err), ==, DB_ERROR);
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN);
	g_clear_error(&err);
	db_finish(s);
	db_rollback(c);
	g_assert_cmpint(query_int(c, "SELECT 40 + 2"), ==, 42);
	db_close(monitor);
}

/* ---- Backup ----------------------------------------------------------------------------- */

typedef struct {
	Db *db;
	gint stop;
	gint written;
} Writer;

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

/* Counts the data lines of `table` in a plain-SQL dump. */
static int dump_rows(const char *sql, const char *table, char **last)
{
	g_autofree char *head = g_strdup_printf("COPY public.%s ", table);
	g_auto(GStrv) lines = g_strsplit(sql, "\n", -1);
	int n = -1;

	for (int i = 0; lines[i]; i++) {
		if (g_str_has_prefix(lines[i], head)) {
			n = 0;
			for (i++; lines[i] && strcmp(lines[i], "\\.") != 0; i++, n++) {
				if (last) {
					g_free(*last);
					*last = g_strdup(lines[i]);
				}
			}
			break;
		}
	}
	return n;
}

static void test_backup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *to = g_build_filename(f->dir, "backup.dump", NULL);
	g_autofree char *part = g_strconcat(to, ".part", NULL);
	g_autofree char *bad = g_build_filename(f->dir, "no-such-dir", "backup.dump", NULL);
	g_autofree char *fake = g_build_filename(f->dir, "pg_dump", NULL);
	g_autofree char *restore = g_find_program_in_path("pg_restore");
	g_autofree char *contents = NULL, *sql = NULL, *counter_line = NULL, *old_path = NULL;
	g_autofree char *fake_path = NULL;
	Writer w = {.db = f->db};
	int rows, status = 0;
	GThread *t;
	GStatBuf st;
	gsize len = 0;

	if (restore == NULL)
		restore = g_strdup("/usr/lib/postgresql/15/bin/pg_restore");
	exec_ok(conn_ok(f->db), "CREATE TABLE bk_item (id BIGINT GENERATED BY DEFAULT AS IDENTITY "
	                        "PRIMARY KEY, body TEXT NOT NULL)");
	t = g_thread_new("writer", backup_writer, &w);
	while (g_atomic_int_get(&w.written) < 20)
		g_usleep(1000);
	g_assert_true(db_backup(f->db, to, &err));
	g_assert_no_error(err);
	g_atomic_int_set(&w.stop, 1);
	g_thread_join(t);

	g_assert_false(g_file_test(part, G_FILE_TEST_EXISTS));
	g_assert_cmpint(g_stat(to, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);
	g_assert_true(g_file_get_contents(to, &contents, &len, NULL));
	g_assert_cmpuint(len, >, 100);
	g_assert_cmpmem(contents, 5, "PGDMP", 5); /* pg_dump's custom format */

	/* It restores (as SQL here), and is one snapshot: as many rows as the counter says. */
	{
		const char *argv[] = {restore, "--file=-", to, NULL};

		g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
		                           &sql, NULL, &status, &err));
		g_assert_no_error(err);
		g_assert_true(g_spawn_check_wait_status(status, &err));
		g_assert_no_error(err);
	}
	rows = dump_rows(sql, "bk_item", NULL);
	g_assert_cmpint(rows, >=, 20);
	g_assert_cmpint(rows, <=, g_atomic_int_get(&w.written));
	g_assert_cmpint(dump_rows(sql, "counter", &counter_line), ==, 1);
	{
		g_autofree char *expect = g_strdup_printf("item\t2024\t%d", rows);

		g_assert_cmpstr(counter_line, ==, expect);
	}
	g_assert_nonnull(strstr(sql, chinese));
	g_assert_cmpint(dump_rows(sql, "schema_version", NULL), ==, db_schema_latest(f->db));

	/* Replacing an older backup; a directory that does not exist. */
	g_assert_true(db_backup(f->db, to, &err));
	g_assert_no_error(err);
	g_assert_false(db_backup(f->db, bad, &err));
	g_assert_nonnull(err);
	g_clear_error(&err);

	/* A failing pg_dump: its message is in the error, and no file is left behind. */
	g_assert_true(g_file_set_contents(fake,
	                                  "#!/bin/sh\necho 'pg_dump: error: server version "
	                                  "mismatch' >&2\nexit 1\n",
	                                  -1, NULL));
	g_assert_cmpint(g_chmod(fake, 0755), ==, 0);
	old_path = g_strdup(g_getenv("PATH"));
	fake_path = g_strconcat(f->dir, ":", old_path ? old_path : "/usr/bin:/bin", NULL);
	g_setenv("PATH", fake_path, TRUE);
	g_unlink(to);
	g_assert_false(db_backup(f->db, to, &err));
	if (old_path)
		g_setenv("PATH", old_path, TRUE);
	else
		g_unsetenv("PATH");
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER);
	g_assert_nonnull(strstr(err->message, "server version mismatch"));
	g_assert_false(g_file_test(to, G_FILE_TEST_EXISTS));
	g_assert_false(g_file_test(part, G_FILE_TEST_EXISTS));
}

/* ---- Notifications ---------------------------------------------------------------------- */

typedef struct {
	GMutex lock;
	GCond cond;
	GPtrArray *got; /* payloads received */
} Inbox;

static void inbox_init(Inbox *in)
{
	g_mutex_init(&in->lock);
	g_cond_init(&in->cond);
	in->got = g_ptr_array_new_with_free_func(g_free);
}

static void inbox_clear(Inbox *in)
{
	g_ptr_array_free(in->got, TRUE);
	g_mutex_clear(&in->lock);
	g_cond_clear(&in->cond);
}

static void inbox_put(const char *payload, void *ud)
{
	Inbox *in = ud;

	g_mutex_lock(&in->lock);
	g_ptr_array_add(in->got, g_strdup(payload));
	g_cond_broadcast(&in->cond);
	g_mutex_unlock(&in->lock);
}

/* Waits up to `ms` for at least n payloads; returns how many there are. */
static guint inbox_wait(Inbox *in, guint n, int ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)ms * 1000;
	guint len;

	g_mutex_lock(&in->lock);
	while (in->got->len < n && g_cond_wait_until(&in->cond, &in->lock, end))
		;
	len = in->got->len;
	g_mutex_unlock(&in->lock);
	return len;
}

static const char *inbox_at(Inbox *in, guint i)
{
	const char *p;

	g_mutex_lock(&in->lock);
	p = i < in->got->len ? g_ptr_array_index(in->got, i) : NULL;
	g_mutex_unlock(&in->lock);
	return p;
}

/* Sends on db through its connection on this thread. */
static void notify_ok(DbConn *c, const char *channel, const char *payload)
{
	g_autoptr(GError) err = NULL;

	g_assert_true(db_notify(c, channel, payload, &err));
	g_assert_no_error(err);
}

/*
 * The common checks of both backends: nothing before commit, nothing after a rollback,
 * immediate delivery outside a transaction, channels kept apart, nothing after freeing.
 * `wait_ms` is how long to wait for something that must not come.
 */
static void check_notify(Db *listen_db, Db *send_db, int wait_ms)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(send_db);
	DbListener *l, *other;
	Inbox in, in_other;

	inbox_init(&in);
	inbox_init(&in_other);
	l = db_listen(listen_db, "alerts", inbox_put, &in, &err);
	g_assert_no_error(err);
	g_assert_nonnull(l);
	other = db_listen(listen_db, "other.channel", inbox_put, &in_other, &err);
	g_assert_no_error(err);

	/* In a transaction: delivered on commit, not before. */
	g_assert_true(db_begin(c, TRUE, &err));
	notify_ok(c, "alerts", "one");
	notify_ok(c, "alerts", chinese);
	g_assert_cmpuint(inbox_wait(&in, 1, wait_ms), ==, 0);
	g_assert_true(db_commit(c, &err));
	g_assert_no_error(err);
	g_assert_cmpuint(inbox_wait(&in, 2, 10000), ==, 2);
	g_assert_cmpstr(inbox_at(&in, 0), ==, "one");
	g_assert_cmpstr(inbox_at(&in, 1), ==, chinese);

	/* Rolled back: never delivered.  Then one outside a transaction, delivered at once. */
	g_assert_true(db_begin(c, TRUE, &err));
	notify_ok(c, "alerts", "rolled back");
	db_rollback(c);
	notify_ok(c, "alerts", "");
	notify_ok(c, "other.channel", "elsewhere");
	g_assert_cmpuint(inbox_wait(&in, 3, 10000), ==, 3);
	g_assert_cmpstr(inbox_at(&in, 2), ==, "");
	g_assert_cmpuint(inbox_wait(&in_other, 1, 10000), ==, 1);
	g_assert_cmpstr(inbox_at(&in_other, 0), ==, "elsewhere");
	g_assert_cmpuint(inbox_wait(&in, 4, wait_ms), ==, 3);

	/* A failed transaction sends nothing either. */
	g_assert_true(db_begin(c, TRUE, &err));
	notify_ok(c, "alerts", "failed");
	g_assert_false(db_exec(c, "SELEKT", &err));
	g_clear_error(&err);
	db_rollback(c);

	/* Bad channels and payloads. */
	g_assert_false(db_notify(c, "", "x", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	g_assert_false(db_notify(c, "bad channel", "x", &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	g_assert_null(db_listen(listen_db, "a\"b", inbox_put, &in, &err));
	g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE);
	g_clear_error(&err);
	{
		g_autofree char *big = g_strnfill(8000, 'x');

		g_assert_false(db_notify(c, "alerts", big, &err));
		g_assert_error(err, DB_ERROR_DOMAIN, DB_ERROR_CHECK);
		g_clear_error(&err);
	}

	/* After db_listener_free, nothing more arrives. */
	db_listener_free(l);
	notify_ok(c, "alerts", "too late");
	notify_ok(c, "other.channel", "marker");
	g_assert_cmpuint(inbox_wait(&in_other, 2, 10000), ==, 2);
	g_assert_cmpuint(inbox_wait(&in, 4, wait_ms), ==, 3);
	db_listener_free(other);
	db_listener_free(NULL);
	inbox_clear(&in);
	inbox_clear(&in_other);
}

static void test_notify(Fixture *f, gconstpointer data)
{
	Db *b = open_ok(pg_url);

	check_notify(f->db, b, 300);
	db_close(b);
}

/* A listener whose connection is killed reconnects by itself. */
static void test_listen_reconnect(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = conn_ok(f->db);
	g_autoptr(DbListener) l = NULL;
	Inbox in;
	int tries;

	inbox_init(&in);
	l = db_listen(f->db, "alerts", inbox_put, &in, &err);
	g_assert_no_error(err);
	g_test_expect_message("mishu-db", G_LOG_LEVEL_WARNING, "listener on “alerts” lost its*");
	g_assert_cmpint(query_int(c,
	                          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
	                          "WHERE datname = current_database() AND query LIKE 'LISTEN %'"),
	                ==, 1);
	/* Notify until the re-established listener hears it (it retries every second). */
	for (tries = 0; tries < 100 && inbox_wait(&in, 1, 100) == 0; tries++)
		notify_ok(c, "alerts", "back");
	g_assert_cmpuint(inbox_wait(&in, 1, 0), >=, 1);
	g_assert_cmpstr(inbox_at(&in, 0), ==, "back");
	g_test_assert_expected_messages();
	g_clear_pointer(&l, db_listener_free);
	inbox_clear(&in);
}

/* SQLite: the same behaviour within one process. */
static void test_sqlite_notify(void)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *dir = g_dir_make_tmp("mishu-test-db-pg-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "notify.db", NULL);
	Db *db = open_ok(path);
	DbConn *c = conn_ok(db);
	DbListener *l;
	Inbox in;

	check_notify(db, db, 0);

	/* Delivery is synchronous: the payload is there when db_notify or db_commit returns. */
	inbox_init(&in);
	l = db_listen(db, "alerts", inbox_put, &in, &err);
	g_assert_no_error(err);
	notify_ok(c, "alerts", "now");
	g_assert_cmpuint(in.got->len, ==, 1);
	g_assert_true(db_begin(c, TRUE, &err));
	notify_ok(c, "alerts", "later");
	g_assert_cmpuint(in.got->len, ==, 1);
	g_assert_true(db_commit(c, &err));
	g_assert_cmpuint(in.got->len, ==, 2);
	db_listener_free(l);
	inbox_clear(&in);
	db_close(db);
	g_unlink(path);
	g_rmdir(dir);
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
	int rc;

	g_test_init(&argc, &argv, NULL);
	if (!server_start()) {
		server_stop();
		return 1;
	}

#define ADD(name, fn, migrate)                                                                     \
	g_test_add(name, Fixture, (migrate), fixture_set_up, fn, fixture_tear_down)

	ADD("/db-pg/open", test_open, NULL);
	ADD("/db-pg/migrate", test_migrate, NULL);
	ADD("/db-pg/migrate-atomic", test_migrate_atomic, NULL);
	ADD("/db-pg/bind-columns", test_bind_columns, GINT_TO_POINTER(1));
	ADD("/db-pg/placeholders", test_placeholders, NULL);
	ADD("/db-pg/numbered-params", test_numbered, NULL);
	ADD("/db-pg/query", test_query, NULL);
	ADD("/db-pg/row-json", test_row_json, NULL);
	ADD("/db-pg/constraint", test_constraint, GINT_TO_POINTER(1));
	ADD("/db-pg/transactions", test_transactions, GINT_TO_POINTER(1));
	ADD("/db-pg/nested", test_nested, NULL);
	ADD("/db-pg/counter-threads", test_counter_threads, GINT_TO_POINTER(1));
	ADD("/db-pg/close-threads", test_close_threads, NULL);
	ADD("/db-pg/reconnect", test_reconnect, NULL);
	ADD("/db-pg/backup", test_backup, GINT_TO_POINTER(1));
	ADD("/db-pg/notify", test_notify, NULL);
	ADD("/db-pg/listen-reconnect", test_listen_reconnect, NULL);
	g_test_add_func("/db-sqlite/notify", test_sqlite_notify);
	rc = g_test_run();
	server_stop();
	return rc;
}
