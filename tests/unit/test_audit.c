/*
 * test_audit.c — unit tests of the hash-chained audit trail (src/auth/auth_audit.c and
 * auth_audit_export.c) on real SQLite files in a temporary directory: appending inside and
 * outside transactions, verification, tampering by a second raw sqlite3 connection (as someone
 * with the sqlite3 shell would), concurrent appenders, the filtered list, CSV and XLSX exports,
 * and the `mishu audit verify` command's exit codes and output.
 */
#include "testutil.h"
#include "auth/auth.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

typedef struct {
	char *dir;
	char *path;
	char *url;
	Db *db;
} Fixture;

#define RANDOM_HASH "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"

/* ---- helpers -------------------------------------------------------------------------------- */

static void setup(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;

	fx->dir = g_dir_make_tmp("mishu-audit-XXXXXX", &err);
	g_assert_no_error(err);
	fx->path = g_build_filename(fx->dir, "mishu.db", NULL);
	fx->url = g_strconcat("sqlite:", fx->path, NULL);
	fx->db = db_open(fx->url, &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate(fx->db, &err), >=, 2);
	g_assert_no_error(err);
}

static void teardown(Fixture *fx, gconstpointer data)
{
	db_close(fx->db);
	rm_rf(fx->dir);
	g_free(fx->url);
	g_free(fx->path);
	g_free(fx->dir);
}

/* Runs SQL on a second, raw sqlite3 connection to the fixture's file: a tamperer's view. */
static void raw_exec(Fixture *fx, const char *sql)
{
	sqlite3 *h = NULL;
	char *msg = NULL;

	g_assert_cmpint(sqlite3_open(fx->path, &h), ==, SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		g_error("raw sqlite3 failed: %s\n%s", msg, sql);
	sqlite3_close(h);
}

/* The first column of the first row of SQL on a raw connection, as text (g_free; NULL). */
static char *raw_text(Fixture *fx, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	char *v = NULL;

	g_assert_cmpint(sqlite3_open(fx->path, &h), ==, SQLITE_OK);
	g_assert_cmpint(sqlite3_prepare_v2(h, sql, -1, &s, NULL), ==, SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = g_strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static gint64 raw_int(Fixture *fx, const char *sql)
{
	g_autofree char *v = raw_text(fx, sql);

	g_assert_nonnull(v);
	return g_ascii_strtoll(v, NULL, 10);
}

/* A JSON string for column I of S, or null. */
static json_t *col_json(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL
	           ? json_null()
	           : json_string((const char *)sqlite3_column_text(s, i));
}

/*
 * Entry ID's hash recomputed from its stored columns by the recipe documented at the top of
 * auth_audit.c, as an external auditor would (raw sqlite3, jansson, libsodium): the check that
 * the documentation is enough. OVERRIDE_SUMMARY, when set, replaces the stored summary. g_free.
 */
static char *external_hash(Fixture *fx, gint64 id, const char *override_summary)
{
	unsigned char bin[crypto_generichash_BYTES];
	char hex[crypto_generichash_BYTES * 2 + 1];
	g_autoptr(GString) msg = NULL;
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	json_t *a;
	char *content;

	g_assert_cmpint(sqlite3_open(fx->path, &h), ==, SQLITE_OK);
	g_assert_cmpint(sqlite3_prepare_v2(h,
	                                   "SELECT id, at, actor_id, actor, address, action, "
	                                   "object_kind, object_id, summary, detail, prev_hash "
	                                   "FROM audit WHERE id = ?",
	                                   -1, &s, NULL),
	                ==, SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	g_assert_cmpint(sqlite3_step(s), ==, SQLITE_ROW);
	a = json_pack(
	    "[I,I,o,o,o,o,o,o,o,o]", (json_int_t)sqlite3_column_int64(s, 0),
	    (json_int_t)sqlite3_column_int64(s, 1),
	    sqlite3_column_type(s, 2) == SQLITE_NULL ? json_null()
	                                             : json_integer(sqlite3_column_int64(s, 2)),
	    col_json(s, 3), col_json(s, 4), col_json(s, 5), col_json(s, 6), col_json(s, 7),
	    override_summary ? json_string(override_summary) : col_json(s, 8), col_json(s, 9));
	g_assert_nonnull(a);
	content = json_dumps(a, JSON_COMPACT);
	msg = g_string_new((const char *)sqlite3_column_text(s, 10));
	g_string_append_len(msg, "", 1);
	g_string_append(msg, content);
	crypto_generichash(bin, sizeof bin, (const unsigned char *)msg->str, msg->len, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, bin, sizeof bin);
	free(content);
	json_decref(a);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return g_strdup(hex);
}

/* Appends entry number I of a varied set within a transaction of its own on C. */
static void append_one(DbConn *c, int i)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *oid = g_strdup_printf("%d", i);
	g_autofree char *summary = g_strdup_printf("第 %d 条：修改用户资料", i);
	json_t *detail = NULL;
	AuditEntry e = {
	    .actor_id = i % 5,
	    .actor = i % 4 == 0 ? NULL : "alice",
	    .address = i % 7 == 0 ? NULL : "10.0.0.8",
	    .action = i % 2 ? "user.update" : "login",
	    .object_kind = i % 2 ? "user" : NULL,
	    .object_id = i % 2 ? oid : NULL,
	    .summary = summary,
	};

	if (i % 3 == 0)
		detail = json_pack("{s:{s:s,s:i},s:n}", "after", "name", "张三", "n", i, "before");
	e.detail = detail;
	g_assert_true(db_begin(c, TRUE, &err));
	g_assert_true(audit_append(c, &e, &err));
	g_assert_no_error(err);
	g_assert_true(db_commit(c, &err));
	json_decref(detail);
}

/* Appends N varied entries, each in its own transaction. */
static void append_n(Fixture *fx, int n)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);

	g_assert_no_error(err);
	for (int i = 1; i <= n; i++)
		append_one(c, i);
}

/* Logs one entry with the given actor, action and summary (actor_id 0, no object). */
static void log_entry(Fixture *fx, const char *actor, const char *action, const char *summary)
{
	g_autoptr(GError) err = NULL;
	AuditEntry e = {
	    .actor = actor, .address = "10.1.1.1", .action = action, .summary = summary};

	g_assert_true(audit_log(fx->db, &e, &err));
	g_assert_no_error(err);
}

/* Verifies and checks the outcome: BAD_ID (0: intact) and a problem containing WORDS. */
static void expect_verify(Fixture *fx, gint64 bad_id, const char *words, gint64 checked)
{
	g_autoptr(GError) err = NULL;
	AuditVerify v;

	g_assert_true(audit_verify(fx->db, &v, &err));
	g_assert_no_error(err);
	g_test_message("verify: bad_id %" G_GINT64_FORMAT " checked %" G_GINT64_FORMAT ": %s",
	               v.bad_id, v.checked, v.problem ? v.problem : "(intact)");
	g_assert_cmpint(v.bad_id, ==, bad_id);
	if (bad_id == 0)
		g_assert_null(v.problem);
	else
		g_assert_nonnull(strstr(v.problem, words));
	if (checked >= 0)
		g_assert_cmpint(v.checked, ==, checked);
	audit_verify_clear(&v);
	g_assert_null(v.problem);
}

/* The ids of a query result's items, comma-separated ("" when none). g_free. */
static char *item_ids(json_t *page)
{
	GString *s = g_string_new(NULL);
	json_t *items = json_object_get(page, "items");
	size_t i;
	json_t *it;

	json_array_foreach (items, i, it) {
		g_string_append_printf(s, "%s%" JSON_INTEGER_FORMAT, i ? "," : "",
		                       json_integer_value(json_object_get(it, "id")));
	}
	return g_string_free(s, FALSE);
}

/* Runs audit_query with F, CURSOR and LIMIT and checks the ids and next_cursor (0: null). */
static void expect_query(Fixture *fx, const AuditFilter *f, gint64 cursor, int limit,
                         const char *ids, gint64 next)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);
	json_t *page = audit_query(c, f, cursor, limit, &err);
	g_autofree char *got = NULL;
	json_t *nc;

	g_assert_no_error(err);
	g_assert_nonnull(page);
	got = item_ids(page);
	g_assert_cmpstr(got, ==, ids);
	nc = json_object_get(page, "next_cursor");
	if (next == 0)
		g_assert_true(json_is_null(nc));
	else
		g_assert_cmpint(json_integer_value(nc), ==, next);
	json_decref(page);
}

/* ---- appending and verifying ---------------------------------------------------------------- */

static void test_empty(Fixture *fx, gconstpointer data)
{
	expect_verify(fx, 0, NULL, 0);
}

static void test_intact(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *detail = NULL;
	DbConn *c;

	append_n(fx, 50);
	expect_verify(fx, 0, NULL, 50);

	/* the stored columns: defaults, NULLs, canonical detail text */
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit"), ==, 50);
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit WHERE actor_id IS NULL"), ==, 10);
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit WHERE actor = '-'"), ==, 12);
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit WHERE address = '-'"), ==, 7);
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit WHERE object_id IS NULL"), ==, 25);
	detail = raw_text(fx, "SELECT detail FROM audit WHERE id = 3");
	g_assert_cmpstr(detail, ==, "{\"after\":{\"n\":3,\"name\":\"张三\"},\"before\":null}");
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit WHERE prev_hash = '' AND id = 1"),
	                ==, 1);
	g_assert_cmpint(raw_int(fx, "SELECT last_id FROM audit_head"), ==, 50);

	/* an external auditor's recomputation from the documented recipe agrees everywhere */
	for (gint64 id = 1; id <= 50; id++) {
		g_autofree char *sql =
		    g_strdup_printf("SELECT hash FROM audit WHERE id = %" G_GINT64_FORMAT, id);
		g_autofree char *stored = raw_text(fx, sql);
		g_autofree char *mine = external_hash(fx, id, NULL);

		g_assert_cmpuint(strlen(stored), ==, 64);
		g_assert_cmpstr(mine, ==, stored);
	}

	/* an append rolled back with its transaction leaves nothing behind */
	c = db_conn(fx->db, &err);
	g_assert_no_error(err);
	g_assert_true(db_begin(c, TRUE, &err));
	g_assert_true(audit_append(
	    c, &(AuditEntry){.actor = "bob", .action = "login", .summary = "rolled back"}, &err));
	db_rollback(c);
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit"), ==, 50);
	g_assert_cmpint(raw_int(fx, "SELECT last_id FROM audit_head"), ==, 50);
	expect_verify(fx, 0, NULL, 50);

	/* and the chain goes on from where it was */
	log_entry(fx, "bob", "logout", "退出");
	g_assert_cmpint(raw_int(fx, "SELECT max(id) FROM audit"), ==, 51);
	expect_verify(fx, 0, NULL, 51);
}

static void test_outside_transaction(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);
	AuditEntry e = {.actor = "alice", .action = "login", .summary = "登录"};

	g_assert_no_error(err);
	g_assert_false(audit_append(c, &e, &err));
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_DB);
	g_assert_nonnull(strstr(err->message, "transaction"));
	g_clear_error(&err);

	/* a summary is required */
	g_assert_true(db_begin(c, TRUE, &err));
	e.summary = NULL;
	g_assert_false(audit_append(c, &e, &err));
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_INVALID);
	g_clear_error(&err);
	db_rollback(c);
	g_assert_false(audit_log(fx->db, &e, &err));
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_INVALID);
	g_assert_false(db_in_transaction(c));

	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit"), ==, 0);
	g_assert_cmpint(raw_int(fx, "SELECT last_id FROM audit_head"), ==, 0);
	expect_verify(fx, 0, NULL, 0);
}

/* A username typed at the sign-in form may be invalid UTF-8: stored repaired, still chained. */
static void test_invalid_utf8(Fixture *fx, gconstpointer data)
{
	log_entry(fx, "bad\xff\xfename", "login.failed", "登录失败");
	expect_verify(fx, 0, NULL, 1);
	g_autofree char *actor = raw_text(fx, "SELECT actor FROM audit WHERE id = 1");
	g_assert_true(g_utf8_validate(actor, -1, NULL));
	g_assert_true(g_str_has_prefix(actor, "bad"));
}

/* A writer that lost the race for the head (its conditional UPDATE matched no row, simulated by
 * a trigger that skips the update) fails and leaves nothing, rather than forking the chain. */
static void test_lost_race(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	AuditEntry e = {.actor = "alice", .action = "login", .summary = "登录"};

	log_entry(fx, "alice", "login", "登录");
	raw_exec(fx, "CREATE TRIGGER lost_race BEFORE UPDATE ON audit_head "
	             "BEGIN SELECT RAISE(IGNORE); END");
	g_assert_false(audit_log(fx->db, &e, &err));
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_DB);
	g_assert_nonnull(strstr(err->message, "concurrently"));
	raw_exec(fx, "DROP TRIGGER lost_race");
	g_assert_cmpint(raw_int(fx, "SELECT count(*) FROM audit"), ==, 1);
	expect_verify(fx, 0, NULL, 1);
}

/* ---- tampering --------------------------------------------------------------------------------
 */

static void test_tamper_modified(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	raw_exec(fx, "UPDATE audit SET summary = '无事发生' WHERE id = 17");
	expect_verify(fx, 17, "entry 17 was modified", 17);
}

/* Equivalent JSON with other spacing is still a modification: the stored text is hashed. */
static void test_tamper_detail(Fixture *fx, gconstpointer data)
{
	append_n(fx, 10);
	raw_exec(fx, "UPDATE audit SET detail = '{\"after\": {\"n\": 6, \"name\": \"张三\"}, "
	             "\"before\": null}' WHERE id = 6");
	expect_verify(fx, 6, "entry 6 was modified", 6);
}

static void test_tamper_missing(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	raw_exec(fx, "DELETE FROM audit WHERE id = 23");
	expect_verify(fx, 23, "entry 23 is missing", 23);
}

static void test_tamper_missing_first(Fixture *fx, gconstpointer data)
{
	append_n(fx, 5);
	raw_exec(fx, "DELETE FROM audit WHERE id = 1");
	expect_verify(fx, 1, "entry 1 is missing", 1);
}

/* Move entries 30..50 up by one and insert a forged 30 that does not chain. */
static void test_tamper_inserted(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	raw_exec(fx, "UPDATE audit SET id = -id WHERE id >= 30;"
	             "UPDATE audit SET id = 1 - id WHERE id < 0;"
	             "INSERT INTO audit VALUES (30, 1700000000, NULL, 'mallory', '-', 'login', "
	             "NULL, NULL, '伪造', NULL, '" RANDOM_HASH "', '" RANDOM_HASH "');"
	             "UPDATE audit_head SET last_id = 51, "
	             "last_hash = (SELECT hash FROM audit WHERE id = 51)");
	expect_verify(fx, 30, "entry 30 was inserted", 30);
}

/* The same, but the forged 30 names entry 29's hash as its predecessor. */
static void test_tamper_inserted_chained(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	raw_exec(fx, "UPDATE audit SET id = -id WHERE id >= 30;"
	             "UPDATE audit SET id = 1 - id WHERE id < 0;"
	             "INSERT INTO audit SELECT 30, at, NULL, 'mallory', '-', 'login', NULL, NULL, "
	             "'伪造', NULL, hash, '" RANDOM_HASH "' FROM audit WHERE id = 29;"
	             "UPDATE audit_head SET last_id = 51, "
	             "last_hash = (SELECT hash FROM audit WHERE id = 51)");
	expect_verify(fx, 30, "entry 30 was modified", 30);
}

static void test_tamper_tail(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	raw_exec(fx, "DELETE FROM audit WHERE id > 47");
	expect_verify(fx, 48, "entries after 47 were deleted", 47);
}

/* Entries appended behind the head's back. */
static void test_tamper_head_behind(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	raw_exec(fx, "UPDATE audit_head SET last_id = 49, "
	             "last_hash = (SELECT hash FROM audit WHERE id = 49)");
	expect_verify(fx, 50, "entry 50 was inserted", 50);
}

/* The attacker rewrites entry N and recomputes its hash correctly: the next entry gives it away,
 * or, for the last entry, the head. */
static void rewrite(Fixture *fx, gint64 id)
{
	g_autofree char *hash = external_hash(fx, id, "无事发生");
	g_autofree char *sql =
	    g_strdup_printf("UPDATE audit SET summary = '无事发生', hash = '%s', "
	                    "prev_hash = prev_hash WHERE id = %" G_GINT64_FORMAT,
	                    hash, id);

	raw_exec(fx, sql);
	g_autofree char *again = external_hash(fx, id, NULL);
	g_assert_cmpstr(again, ==, hash); /* the rewritten entry itself is self-consistent */
}

static void test_tamper_rewritten(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	rewrite(fx, 40);
	expect_verify(fx, 41, "entry 41 was inserted", 41);
}

static void test_tamper_rewritten_last(Fixture *fx, gconstpointer data)
{
	append_n(fx, 50);
	rewrite(fx, 50);
	expect_verify(fx, 50, "entry 50 was modified", 50);
}

/* ---- concurrency ---------------------------------------------------------------------------- */

typedef struct {
	Db *db;
	int n;
	gint failures;
} Writers;

static gpointer writer(gpointer data)
{
	Writers *w = data;

	for (int i = 0; i < w->n; i++) {
		g_autoptr(GError) err = NULL;
		g_autofree char *summary = g_strdup_printf("线程写入 %d", i);
		AuditEntry e = {
		    .actor = "worker", .address = "-", .action = "test.write", .summary = summary};

		if (!audit_log(w->db, &e, &err)) {
			g_printerr("audit_log: %s\n", err->message);
			g_atomic_int_inc(&w->failures);
		}
	}
	return NULL;
}

static void test_concurrent(Fixture *fx, gconstpointer data)
{
	Writers w = {.db = fx->db, .n = 50};
	GThread *t[4];
	GTimer *timer = g_timer_new();

	for (int i = 0; i < 4; i++)
		t[i] = g_thread_new("writer", writer, &w);
	for (int i = 0; i < 4; i++)
		g_thread_join(t[i]);
	g_test_message("4 threads: 200 audit_log in %.3f s: %.0f entries/s",
	               g_timer_elapsed(timer, NULL), 200 / g_timer_elapsed(timer, NULL));
	g_timer_destroy(timer);

	g_assert_cmpint(g_atomic_int_get(&w.failures), ==, 0);
	g_assert_cmpint(raw_int(fx, "SELECT count(DISTINCT id) FROM audit"), ==, 200);
	g_assert_cmpint(raw_int(fx, "SELECT min(id) FROM audit"), ==, 1);
	g_assert_cmpint(raw_int(fx, "SELECT max(id) FROM audit"), ==, 200);
	expect_verify(fx, 0, NULL, 200);
}

/* Sequential audit_log throughput, reported (never asserted). */
static void test_throughput(Fixture *fx, gconstpointer data)
{
	GTimer *timer = g_timer_new();
	const int n = 300;

	for (int i = 0; i < n; i++)
		log_entry(fx, "alice", "test.write", "顺序写入");
	g_test_message("1 thread: %d audit_log in %.3f s: %.0f entries/s", n,
	               g_timer_elapsed(timer, NULL), n / g_timer_elapsed(timer, NULL));
	g_timer_destroy(timer);
	expect_verify(fx, 0, NULL, n);
}

/* ---- the list ------------------------------------------------------------------------------- */

/* Seven entries at 1700000000 + 100 × id (2023-11-15 06:15:00 in Shanghai for entry 1). */
static void seed_query(Fixture *fx)
{
	g_autoptr(GError) err = NULL;
	json_t *detail = json_pack("{s:s,s:s}", "ip", "1.2.3.4", "名", "张");
	AuditEntry e = {.actor_id = 7,
	                .actor = "alice",
	                .address = "10.1.1.1",
	                .action = "login",
	                .object_kind = "session",
	                .object_id = "s1",
	                .summary = "alice 登录",
	                .detail = detail};

	g_assert_true(audit_log(fx->db, &e, &err));
	json_decref(detail);
	log_entry(fx, "bob", "login.failed", "密码错误");
	log_entry(fx, "alice", "user.create", "进度 100% 完成");
	log_entry(fx, "carol", "login.failed", "1000 items");
	log_entry(fx, "bob", "loginx.y", "a_b");
	log_entry(fx, "bob", "login.locked", "axb");
	log_entry(fx, "alice", "login", "100 percent");
	raw_exec(fx, "UPDATE audit SET at = 1700000000 + 100 * id");
}

static void test_query_filters(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);
	json_t *page, *it, *want;

	seed_query(fx);
	expect_query(fx, NULL, 0, 50, "7,6,5,4,3,2,1", 0);
	expect_query(fx, &(AuditFilter){.actor = ""}, 0, 50, "7,6,5,4,3,2,1", 0);
	expect_query(fx, &(AuditFilter){.actor = "alice"}, 0, 50, "7,3,1", 0);
	expect_query(fx, &(AuditFilter){.actor = "ALICE"}, 0, 50, "", 0);
	expect_query(fx, &(AuditFilter){.action = "login"}, 0, 50, "7,1", 0);
	expect_query(fx, &(AuditFilter){.action = "login."}, 0, 50, "6,4,2", 0);
	expect_query(fx, &(AuditFilter){.action = "login.failed"}, 0, 50, "4,2", 0);
	expect_query(fx, &(AuditFilter){.q = "100%"}, 0, 50, "3", 0);
	expect_query(fx, &(AuditFilter){.q = "100"}, 0, 50, "7,4,3", 0);
	expect_query(fx, &(AuditFilter){.q = "a_b"}, 0, 50, "5", 0);
	expect_query(fx, &(AuditFilter){.q = "登录"}, 0, 50, "1", 0);
	expect_query(fx, &(AuditFilter){.q = "' OR 1=1 --"}, 0, 50, "", 0);
	expect_query(fx, &(AuditFilter){.from = 1700000300, .to = 1700000600}, 0, 50, "5,4,3", 0);
	expect_query(fx, &(AuditFilter){.from = 1700000300, .to = 1700000500}, 0, 50, "4,3", 0);
	expect_query(fx, &(AuditFilter){.from = 1700000600}, 0, 50, "7,6", 0);
	expect_query(fx, &(AuditFilter){.to = 1700000201}, 0, 50, "2,1", 0);
	expect_query(fx, &(AuditFilter){.to = 1700000200}, 0, 50, "1", 0);
	expect_query(fx, &(AuditFilter){.actor = "bob", .action = "login."}, 0, 50, "6,2", 0);

	/* one item in full */
	g_assert_no_error(err);
	page = audit_query(c, &(AuditFilter){.actor = "alice", .to = 1700000101}, 0, 10, &err);
	g_assert_no_error(err);
	g_assert_cmpuint(json_array_size(json_object_get(page, "items")), ==, 1);
	it = json_array_get(json_object_get(page, "items"), 0);
	g_assert_cmpint(json_integer_value(json_object_get(it, "at")), ==, 1700000100);
	g_assert_cmpstr(json_string_value(json_object_get(it, "at_text")), ==,
	                "2023-11-15 06:15:00");
	g_assert_cmpint(json_integer_value(json_object_get(it, "actor_id")), ==, 7);
	g_assert_cmpstr(json_string_value(json_object_get(it, "address")), ==, "10.1.1.1");
	g_assert_cmpstr(json_string_value(json_object_get(it, "object_kind")), ==, "session");
	g_assert_cmpstr(json_string_value(json_object_get(it, "object_id")), ==, "s1");
	g_assert_cmpstr(json_string_value(json_object_get(it, "summary")), ==, "alice 登录");
	g_assert_cmpuint(strlen(json_string_value(json_object_get(it, "hash"))), ==, 64);
	want = json_pack("{s:s,s:s}", "名", "张", "ip", "1.2.3.4");
	g_assert_true(json_equal(json_object_get(it, "detail"), want));
	json_decref(want);
	json_decref(page);

	page = audit_query(c, &(AuditFilter){.actor = "carol"}, 0, 10, &err);
	it = json_array_get(json_object_get(page, "items"), 0);
	g_assert_true(json_is_null(json_object_get(it, "actor_id")));
	g_assert_true(json_is_null(json_object_get(it, "detail")));
	g_assert_true(json_is_null(json_object_get(it, "object_kind")));
	json_decref(page);
}

static void test_query_paging(Fixture *fx, gconstpointer data)
{
	for (int i = 0; i < 12; i++)
		log_entry(fx, i < 5 ? "dave" : "erin", "login", "登录");
	expect_query(fx, NULL, 0, 5, "12,11,10,9,8", 8);
	expect_query(fx, NULL, 8, 5, "7,6,5,4,3", 3);
	expect_query(fx, NULL, 3, 5, "2,1", 0);
	expect_query(fx, NULL, 1, 5, "", 0);
	/* exactly a page: no next */
	expect_query(fx, &(AuditFilter){.actor = "dave"}, 0, 5, "5,4,3,2,1", 0);
	expect_query(fx, &(AuditFilter){.actor = "dave"}, 0, 4, "5,4,3,2", 2);
	/* limits are clamped to 1..500 */
	expect_query(fx, NULL, 0, 0, "12", 12);
	expect_query(fx, NULL, 0, -3, "12", 12);
	expect_query(fx, NULL, 0, 100000, "12,11,10,9,8,7,6,5,4,3,2,1", 0);
}

/* A page never holds more than 500 items (rows written raw: the list does not verify). */
static void test_query_max(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);
	json_t *page;

	raw_exec(fx,
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600) "
	         "INSERT INTO audit SELECT i, 1700000000 + i, NULL, 'bulk', '-', 'test', NULL, "
	         "NULL, 'x', NULL, '', '' FROM n");
	page = audit_query(c, NULL, 0, 100000, &err);
	g_assert_no_error(err);
	g_assert_cmpuint(json_array_size(json_object_get(page, "items")), ==, 500);
	g_assert_cmpint(json_integer_value(json_object_get(page, "next_cursor")), ==, 101);
	json_decref(page);
}

/* ---- exports -------------------------------------------------------------------------------- */

/* The bytes as a NUL-terminated string, checked to hold no NUL of their own. g_free. */
static char *bytes_text(GBytes *b)
{
	gsize len;
	const char *p = g_bytes_get_data(b, &len);
	char *s = g_strndup(p, len);

	g_assert_cmpuint(strlen(s), ==, len);
	return s;
}

static void test_export_csv(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);
	json_t *detail = json_pack("{s:s}", "k", "v");
	AuditEntry e = {.action = "user.update", .summary = "资料", .detail = detail};
	GBytes *b;
	char *csv;

	log_entry(fx, "alice", "note", "a,\"b\"\nc");
	log_entry(fx, "alice", "note", "=1+2");
	log_entry(fx, "alice", "note", "+1");
	log_entry(fx, "alice", "note", "-2");
	log_entry(fx, "alice", "note", "@SUM(A1)");
	g_assert_true(audit_log(fx->db, &e, &err)); /* 6: actor and address '-' */
	json_decref(detail);
	log_entry(fx, "bob", "note", "=cmd|' /C calc'!A0");

	b = audit_export_csv(c, NULL, &err);
	g_assert_no_error(err);
	csv = bytes_text(b);
	g_assert_true(g_str_has_prefix(csv, "\xEF\xBB\xBF序号,时间,操作人,地址,操作,对象类型,对象,"
	                                    "摘要,详情,哈希\r\n"));
	g_assert_nonnull(strstr(csv, ",\"a,\"\"b\"\"\nc\","));
	g_assert_nonnull(strstr(csv, ",'=1+2,"));
	g_assert_nonnull(strstr(csv, ",'+1,"));
	g_assert_nonnull(strstr(csv, ",'-2,"));
	g_assert_nonnull(strstr(csv, ",'@SUM(A1),"));
	g_assert_nonnull(strstr(csv, ",'=cmd|' /C calc'!A0,"));
	g_assert_nonnull(strstr(csv, ",-,-,user.update,,,资料,\"{\"\"k\"\":\"\"v\"\"}\","));
	g_assert_true(g_str_has_suffix(csv, "\r\n"));
	/* oldest first */
	g_assert_true(strstr(csv, "\r\n1,") < strstr(csv, "\r\n2,"));
	g_assert_true(strstr(csv, "\r\n6,") < strstr(csv, "\r\n7,"));
	g_free(csv);
	g_bytes_unref(b);

	/* the filter applies */
	b = audit_export_csv(c, &(AuditFilter){.actor = "bob"}, &err);
	g_assert_no_error(err);
	csv = bytes_text(b);
	g_assert_nonnull(strstr(csv, "\r\n7,"));
	g_assert_null(strstr(csv, "\r\n1,"));
	g_assert_null(strstr(csv, "alice"));
	g_free(csv);
	g_bytes_unref(b);
}

static void test_export_xlsx(Fixture *fx, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	DbConn *c = db_conn(fx->db, &err);
	const char *p;
	GBytes *b;
	gsize len;

	append_n(fx, 20);
	b = audit_export_xlsx(c, NULL, &err);
	g_assert_no_error(err);
	g_assert_nonnull(b);
	p = g_bytes_get_data(b, &len);
	g_assert_cmpuint(len, >, 1000);
	g_assert_cmpmem(p, 4, "PK\x03\x04", 4);
	g_assert_nonnull(memmem(p, len, "xl/worksheets/sheet1.xml", 24));
	g_bytes_unref(b);

	/* nothing matching still makes a workbook */
	b = audit_export_xlsx(c, &(AuditFilter){.actor = "nobody"}, &err);
	g_assert_no_error(err);
	p = g_bytes_get_data(b, &len);
	g_assert_cmpmem(p, 2, "PK", 2);
	g_bytes_unref(b);
}

/* ---- command line --------------------------------------------------------------------------- */

static int cli(int argc, const char *const *argv)
{
	return audit_cli(argc, (char **)argv);
}

static void test_cli_codes(Fixture *fx, gconstpointer data)
{
	g_autofree char *missing = g_build_filename(fx->dir, "none.db", NULL);
	g_autofree char *missing_url = g_strconcat("sqlite:", missing, NULL);
	g_autofree char *empty = g_build_filename(fx->dir, "empty.db", NULL);
	g_autofree char *empty_url = g_strconcat("sqlite:", empty, NULL);

	append_n(fx, 10);
	g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", fx->url}), ==, 0);
	g_assert_cmpint(cli(3, (const char *[]){"audit", "verify", fx->path}), ==, 2);
	g_assert_cmpint(cli(1, (const char *[]){"audit"}), ==, 2);
	g_assert_cmpint(cli(2, (const char *[]){"audit", "frobnicate"}), ==, 2);
	g_assert_cmpint(cli(2, (const char *[]){"audit", "verify"}), ==, 2);
	g_assert_cmpint(cli(3, (const char *[]){"audit", "verify", "--bogus"}), ==, 2);
	g_assert_cmpint(cli(5, (const char *[]){"audit", "verify", "--db", fx->url, "extra"}), ==,
	                2);
	g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", "mysql://x"}), ==, 2);
	g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", missing_url}), ==, 2);
	g_assert_false(g_file_test(missing, G_FILE_TEST_EXISTS)); /* not created */
	g_assert_true(g_file_set_contents(empty, "", 0, NULL));   /* a database without the trail */
	g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", empty_url}), ==, 2);
	g_assert_cmpint(cli(3, (const char *[]){"audit", "verify", "--db="}), ==, 2);

	raw_exec(fx, "UPDATE audit SET actor = 'root' WHERE id = 4");
	g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", fx->url}), ==, 1);
	g_assert_cmpint(cli(3, (const char *[]){"audit", "verify", "--db", fx->url}), ==, 2);
}

/* What the command prints, checked in a subprocess. */
static void test_cli_output(Fixture *fx, gconstpointer data)
{
	if (g_test_subprocess()) {
		append_n(fx, 5);
		g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", fx->url}), ==,
		                0);
		raw_exec(fx, "DELETE FROM audit WHERE id = 3");
		g_assert_cmpint(cli(4, (const char *[]){"audit", "verify", "--db", fx->url}), ==,
		                1);
		g_assert_cmpint(cli(2, (const char *[]){"audit", "purge"}), ==, 2);
		return;
	}
	g_test_trap_subprocess(NULL, 0, 0);
	g_test_trap_assert_passed();
	g_test_trap_assert_stdout("audit trail intact: 5 entries\n"
	                          "audit trail broken at entry 3: entry 3 is missing\n");
	g_test_trap_assert_stderr("*unknown command 'purge'*usage: mishu audit verify --db URL*");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(sodium_init(), >=, 0);

#define ADD(path, fn) g_test_add(path, Fixture, NULL, setup, fn, teardown)
	ADD("/audit/chain/empty", test_empty);
	ADD("/audit/chain/intact", test_intact);
	ADD("/audit/chain/outside-transaction", test_outside_transaction);
	ADD("/audit/chain/invalid-utf8", test_invalid_utf8);
	ADD("/audit/chain/lost-race", test_lost_race);
	ADD("/audit/tamper/modified", test_tamper_modified);
	ADD("/audit/tamper/detail", test_tamper_detail);
	ADD("/audit/tamper/missing", test_tamper_missing);
	ADD("/audit/tamper/missing-first", test_tamper_missing_first);
	ADD("/audit/tamper/inserted", test_tamper_inserted);
	ADD("/audit/tamper/inserted-chained", test_tamper_inserted_chained);
	ADD("/audit/tamper/tail", test_tamper_tail);
	ADD("/audit/tamper/head-behind", test_tamper_head_behind);
	ADD("/audit/tamper/rewritten", test_tamper_rewritten);
	ADD("/audit/tamper/rewritten-last", test_tamper_rewritten_last);
	ADD("/audit/concurrent", test_concurrent);
	ADD("/audit/throughput", test_throughput);
	ADD("/audit/query/filters", test_query_filters);
	ADD("/audit/query/paging", test_query_paging);
	ADD("/audit/query/max", test_query_max);
	ADD("/audit/export/csv", test_export_csv);
	ADD("/audit/export/xlsx", test_export_xlsx);
	ADD("/audit/cli/codes", test_cli_codes);
	ADD("/audit/cli/output", test_cli_output);
#undef ADD
	return g_test_run();
}
