/*
 * test_auth_parts.c — unit tests of the self-contained parts of auth on a real SQLite file in a
 * temporary directory: the password policy and Argon2id hashing, the security policy settings,
 * roles and permissions, the item access decision and list filter, and captchas (images decoded
 * back with cairo). Set MISHU_ARTIFACTS to keep one captcha in build/test-artifacts/captcha.png.
 */
#include "testutil.h"
#include "config.h"

#include "auth/auth.h"
#include "auth/auth_internal.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
	char *dir;
	Db *db;
	DbConn *c;
} Fixture;

/* ---- helpers ---------------------------------------------------------------------------- */

/* Opens a fresh database; MIGRATE applies the schema (FALSE leaves it empty, so every auth
 * query fails as a database error would). */
static void open_db(Fixture *f, gboolean migrate)
{
	g_autoptr(GError) err = NULL;

	f->dir = g_dir_make_tmp("mishu-auth-parts-XXXXXX", &err);
	g_assert_no_error(err);
	g_autofree char *url = g_strdup_printf("sqlite:%s/test.db", f->dir);
	f->db = db_open(url, &err);
	g_assert_no_error(err);
	if (migrate) {
		g_assert_cmpint(db_migrate(f->db, &err), >=, 2);
		g_assert_no_error(err);
	}
	f->c = db_conn(f->db, &err);
	g_assert_no_error(err);
}

static void setup(Fixture *f, gconstpointer data)
{
	open_db(f, TRUE);
}

static void setup_empty(Fixture *f, gconstpointer data)
{
	open_db(f, FALSE);
}

static void teardown(Fixture *f, gconstpointer data)
{
	db_close(f->db);
	rm_rf(f->dir);
	g_free(f->dir);
}

/* Runs a one-row, one-column query with one text parameter (may be NULL: none) and returns its
 * integer. */
static gint64 query_int_param(DbConn *c, const char *sql, const char *param)
{
	g_autoptr(GError) err = NULL;
	g_autoptr(DbStmt) s = db_prepare(c, sql, &err);

	g_assert_no_error(err);
	if (param)
		db_bind_text(s, 1, param);
	g_assert_cmpint(db_step(s, &err), ==, DB_ROW);
	g_assert_no_error(err);
	return db_col_int(s, 0);
}

static AuthPolicy default_policy(void)
{
	return (AuthPolicy){10, 3, 3, 5, 900, 900, 20, 1800, 43200};
}

/* Asserts that ERR is an AUTH_ERROR with CODE, then clears it. */
#define assert_auth_error(err, code)                                                               \
	do {                                                                                       \
		g_assert_error(err, AUTH_ERROR, code);                                             \
		g_clear_error(&(err));                                                             \
	} while (0)

/* ---- passwords -------------------------------------------------------------------------- */

/* Checks PASSWORD for "zhangsan" under the default policy; returns the error message or NULL
 * when accepted. */
static char *policy_msg(const char *password)
{
	AuthPolicy p = default_policy();
	g_autoptr(GError) err = NULL;

	if (auth_password_acceptable(&p, "zhangsan", password, &err)) {
		g_assert_no_error(err);
		return NULL;
	}
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_POLICY);
	g_assert_cmpstr(err->message, !=, "");
	g_assert_null(strchr(err->message, '%'));
	return g_strdup(err->message);
}

static void test_password_policy(void)
{
	g_autofree char *short_msg = policy_msg("Ab3$xyz");
	g_autofree char *two_classes = policy_msg("abcdefghij1234");
	g_autofree char *user_msg = policy_msg("xxZhangSAN-2024!");

	g_assert_nonnull(short_msg);
	g_assert_nonnull(two_classes);
	g_assert_nonnull(user_msg);
	/* three different failures say three different things */
	g_assert_cmpstr(short_msg, !=, two_classes);
	g_assert_cmpstr(two_classes, !=, user_msg);
	g_assert_cmpstr(short_msg, !=, user_msg);
	g_assert_true(strstr(user_msg, "username") != NULL);

	/* exactly ten characters, three classes: fine */
	g_assert_null(policy_msg("Abcdefgh12"));
	/* nine characters: too short */
	g_autofree char *nine = policy_msg("Abcdefg12");
	g_assert_cmpstr(nine, ==, short_msg);
	/* CJK counts as "other", and as one character each (not three bytes) */
	g_assert_null(policy_msg("abcdef12秘书"));             /* lower, digit, other */
	g_autofree char *cjk_short = policy_msg("ab12秘书长"); /* 7 characters, 15 bytes */
	g_assert_cmpstr(cjk_short, ==, short_msg);
	g_autofree char *cjk_two = policy_msg("秘书长办公室工作人员");
	g_assert_cmpstr(cjk_two, ==, two_classes);
	/* NULL and invalid UTF-8 are refused, not crashed on */
	g_autofree char *null_msg = policy_msg(NULL);
	g_assert_nonnull(null_msg);
	g_autofree char *bad = policy_msg("Abcdefgh12\xff");
	g_assert_nonnull(bad);

	/* short usernames are not checked; the class count follows the policy */
	AuthPolicy p = default_policy();
	g_autoptr(GError) err = NULL;
	g_assert_true(auth_password_acceptable(&p, "li", "xLi-2024-abc", &err));
	g_assert_no_error(err);
	g_assert_true(auth_password_acceptable(&p, NULL, "xLi-2024-abc", &err));
	g_assert_no_error(err);
	p.password_min_classes = 4;
	g_assert_false(auth_password_acceptable(&p, "li", "Abcdefgh12", &err));
	assert_auth_error(err, AUTH_ERROR_POLICY);
	g_assert_true(auth_password_acceptable(&p, "li", "Abcdefgh12!", &err));
	g_assert_no_error(err);
	p.password_min_length = 12;
	g_assert_false(auth_password_acceptable(&p, "li", "Abcdefgh12!", &err));
	assert_auth_error(err, AUTH_ERROR_POLICY);
}

static void test_password_hash(void)
{
	g_autofree char *h = auth_password_hash("Correct-Horse-9");
	g_autofree char *h2 = auth_password_hash("Correct-Horse-9");

	g_assert_nonnull(h);
	g_assert_true(g_str_has_prefix(h, "$argon2id$"));
	g_assert_cmpstr(h, !=, h2); /* salted */
	g_assert_true(auth_password_verify(h, "Correct-Horse-9"));
	g_assert_true(auth_password_verify(h2, "Correct-Horse-9"));
	g_assert_false(auth_password_verify(h, "correct-Horse-9"));
	g_assert_false(auth_password_verify(h, "Correct-Horse-"));
	g_assert_false(auth_password_verify(h, ""));
	g_assert_false(auth_password_verify(h, NULL));
	g_assert_false(auth_password_verify(NULL, "Correct-Horse-9"));
	g_assert_false(auth_password_verify("", "Correct-Horse-9"));
	g_assert_false(auth_password_verify("$argon2id$garbage", "Correct-Horse-9"));

	g_autofree char *cjk = auth_password_hash("秘书长-Ab12");
	g_assert_true(auth_password_verify(cjk, "秘书长-Ab12"));
	g_assert_false(auth_password_verify(cjk, "秘书-Ab12"));

	/* the dummy hash is a real Argon2id hash (same cost) that nothing verifies against */
	const char *dummy = auth_password_dummy_hash();
	g_assert_nonnull(dummy);
	g_assert_true(g_str_has_prefix(dummy, "$argon2id$"));
	g_assert_true(dummy == auth_password_dummy_hash());
	g_assert_cmpuint(strlen(dummy), ==, strlen(h));
	g_assert_false(auth_password_verify(dummy, "Correct-Horse-9"));
	g_assert_false(auth_password_verify(dummy, ""));
	g_assert_false(auth_password_verify(dummy, "password"));
	g_assert_false(auth_password_verify(dummy, dummy));
	/* its password is random, not e.g. the encoding of 32 zero bytes */
	g_assert_false(auth_password_verify(dummy, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
}

/* ---- policy ----------------------------------------------------------------------------- */

static void test_policy_defaults(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	AuthPolicy p, def = default_policy();

	memset(&p, 0xff, sizeof p);
	g_assert_true(auth_policy_load(f->c, &p, &err));
	g_assert_no_error(err);
	g_assert_cmpmem(&p, sizeof p, &def, sizeof def);

	json_t *j = auth_policy_json(&p);
	g_autofree char *text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);

	json_decref(j);
	g_assert_cmpstr(text, ==,
	                "{\"address_limit\":20,\"captcha_after\":3,\"lockout_duration\":900,"
	                "\"lockout_threshold\":5,\"lockout_window\":900,\"password_min_classes\":3,"
	                "\"password_min_length\":10,\"session_absolute\":43200,"
	                "\"session_idle\":1800}");
}

static void test_policy_round_trip(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	AuthPolicy p = {12, 4, 2, 6, 600, 1200, 50, 900, 7 * 86400}, back;

	g_assert_true(db_begin(f->c, TRUE, &err));
	g_assert_true(auth_policy_store(f->c, &p, &err));
	g_assert_no_error(err);
	g_assert_true(db_commit(f->c, &err));
	g_assert_cmpint(
	    query_int_param(f->c, "SELECT count(*) FROM setting WHERE key LIKE 'auth.%'", NULL), ==,
	    9);
	g_assert_cmpint(query_int_param(f->c,
	                                "SELECT CAST(value AS INTEGER) FROM setting WHERE key = ?",
	                                "auth.lockout_duration"),
	                ==, 1200);
	g_assert_true(auth_policy_load(f->c, &back, &err));
	g_assert_no_error(err);
	g_assert_cmpmem(&p, sizeof p, &back, sizeof back);

	/* storing again updates in place */
	p.address_limit = 7;
	g_assert_true(auth_policy_store(f->c, &p, &err));
	g_assert_true(auth_policy_load(f->c, &back, &err));
	g_assert_cmpint(back.address_limit, ==, 7);
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM setting", NULL), ==, 9);

	/* a missing key falls back to its default; a garbled one too (with a warning) */
	exec_ok(f->c, "DELETE FROM setting WHERE key = 'auth.session_idle'");
	exec_ok(f->c, "UPDATE setting SET value = 'lots' WHERE key = 'auth.lockout_window'");
	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*auth.lockout_window*");
	g_assert_true(auth_policy_load(f->c, &back, &err));
	g_test_assert_expected_messages();
	g_assert_cmpint(back.session_idle, ==, 1800);
	g_assert_cmpint(back.lockout_window, ==, 900);
	g_assert_cmpint(back.address_limit, ==, 7);
}

/* Stores P, expecting refusal naming FIELD; the table must stay unchanged. */
static void refuse_policy(Fixture *f, AuthPolicy p, const char *field)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *name = NULL;

	g_assert_false(auth_policy_validate(&p, &name, &err));
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_INVALID);
	g_assert_cmpstr(name, ==, field);
	g_clear_error(&err);
	g_assert_false(auth_policy_store(f->c, &p, &err));
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_INVALID);
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM setting", NULL), ==, 0);
}

static void test_policy_ranges(Fixture *f, gconstpointer data)
{
	AuthPolicy p = default_policy();

	p.password_min_length = 7;
	refuse_policy(f, p, "password_min_length");
	p = default_policy(), p.password_min_length = 129;
	refuse_policy(f, p, "password_min_length");
	p = default_policy(), p.password_min_classes = 5;
	refuse_policy(f, p, "password_min_classes");
	p = default_policy(), p.captcha_after = 0;
	refuse_policy(f, p, "captcha_after");
	p = default_policy(), p.lockout_threshold = 21;
	refuse_policy(f, p, "lockout_threshold");
	p = default_policy(), p.captcha_after = 6;
	refuse_policy(f, p, "lockout_threshold"); /* below captcha_after */
	p = default_policy(), p.lockout_window = 59;
	refuse_policy(f, p, "lockout_window");
	p = default_policy(), p.lockout_duration = 86401;
	refuse_policy(f, p, "lockout_duration");
	p = default_policy(), p.address_limit = 4;
	refuse_policy(f, p, "address_limit");
	p = default_policy(), p.session_idle = 30;
	refuse_policy(f, p, "session_idle");
	p = default_policy(), p.session_absolute = 7 * 86400 + 1;
	refuse_policy(f, p, "session_absolute");
	p = default_policy(), p.session_absolute = 1700;
	refuse_policy(f, p, "session_absolute"); /* below session_idle */

	/* the limits themselves are accepted */
	g_autoptr(GError) err = NULL;
	p = (AuthPolicy){8, 1, 1, 3, 60, 60, 5, 60, 60};
	g_assert_true(auth_policy_validate(&p, NULL, &err));
	p = (AuthPolicy){128, 4, 10, 20, 86400, 86400, 1000, 86400, 7 * 86400};
	g_assert_true(auth_policy_validate(&p, NULL, &err));
	g_assert_no_error(err);
}

/* Applies JSON TEXT to the default policy; returns the field named on failure ("" on success). */
static char *from_json(const char *text, AuthPolicy *p)
{
	g_autoptr(GError) err = NULL;
	json_t *j = json_loads(text, 0, NULL);
	char *field = NULL;
	gboolean ok;

	g_assert_nonnull(j);
	*p = default_policy();
	ok = auth_policy_from_json(p, j, &field, &err);
	json_decref(j);
	if (ok) {
		g_assert_no_error(err);
		g_assert_null(field);
		return g_strdup("");
	}
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_INVALID);
	g_assert_nonnull(field);
	return field;
}

static void test_policy_from_json(void)
{
	AuthPolicy p, def = default_policy();
	char *r;

	r = from_json("{\"session_idle\":600,\"address_limit\":100,\"unrelated\":\"x\"}", &p);
	g_assert_cmpstr(r, ==, "");
	g_free(r);
	g_assert_cmpint(p.session_idle, ==, 600);
	g_assert_cmpint(p.address_limit, ==, 100);
	g_assert_cmpint(p.password_min_length, ==, 10);

	struct {
		const char *json, *field;
	} bad[] = {
	    {"{\"password_min_length\":\"12\"}", "password_min_length"},
	    {"{\"session_idle\":1800.0}", "session_idle"},
	    {"{\"captcha_after\":null}", "captcha_after"},
	    {"{\"lockout_window\":true}", "lockout_window"},
	    {"{\"password_min_classes\":0}", "password_min_classes"},
	    {"{\"address_limit\":4294967301}", "address_limit"}, /* would wrap to 5 as int */
	    {"{\"captcha_after\":6}", "captcha_after"},          /* above the threshold 5 */
	    {"{\"captcha_after\":6,\"lockout_threshold\":4}", "lockout_threshold"},
	    {"{\"session_idle\":50000}", "session_idle"}, /* above the absolute 43200 */
	    {"{\"session_absolute\":1000}", "session_absolute"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		r = from_json(bad[i].json, &p);
		g_assert_cmpstr(r, ==, bad[i].field);
		g_free(r);
		/* nothing was taken */
		g_assert_cmpmem(&p, sizeof p, &def, sizeof def);
	}

	/* a real number is refused as such, not as out of range */
	g_autoptr(GError) err = NULL;
	g_autofree char *field = NULL;
	json_t *real = json_pack("{s:f}", "lockout_window", 900.0);
	g_assert_false(auth_policy_from_json(&p, real, &field, &err));
	json_decref(real);
	g_assert_cmpstr(field, ==, "lockout_window");
	g_assert_error(err, AUTH_ERROR, AUTH_ERROR_INVALID);
	g_assert_nonnull(strstr(err->message, "whole number"));

	/* a pair changed together is judged together */
	r = from_json("{\"captcha_after\":6,\"lockout_threshold\":6}", &p);
	g_assert_cmpstr(r, ==, "");
	g_free(r);
	g_assert_cmpint(p.lockout_threshold, ==, 6);
}

/* The database failing is AUTH_ERROR_DB, with its details in the log. */
static void test_db_errors(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	AuthPolicy p = default_policy();
	AuthUser staff = {.id = 1, .roles = AUTH_ROLE_STAFF};

	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*setting*");
	g_assert_false(auth_policy_load(f->c, &p, &err));
	g_test_assert_expected_messages();
	assert_auth_error(err, AUTH_ERROR_DB);

	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*setting*");
	g_assert_false(auth_policy_store(f->c, &p, &err));
	g_test_assert_expected_messages();
	assert_auth_error(err, AUTH_ERROR_DB);

	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*item*");
	g_assert_cmpint(auth_item_access(f->c, &staff, 1, &err), ==, AUTH_ITEM_DENIED);
	g_test_assert_expected_messages();
	assert_auth_error(err, AUTH_ERROR_DB);

	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*captcha*");
	g_assert_null(auth_captcha_new(f->db, &err));
	g_test_assert_expected_messages();
	assert_auth_error(err, AUTH_ERROR_DB);
	g_assert_false(db_in_transaction(f->c));

	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*captcha*");
	g_assert_null(auth_captcha_png(f->db, "abc", &err));
	g_test_assert_expected_messages();
	assert_auth_error(err, AUTH_ERROR_DB);

	g_test_expect_message("mishu-auth", G_LOG_LEVEL_WARNING, "*captcha*");
	g_assert_false(auth_captcha_check(f->c, "abc", "ABCDE"));
	g_test_assert_expected_messages();
}

/* ---- roles and permissions -------------------------------------------------------------- */

static void test_roles(void)
{
	static const struct {
		AuthRole role;
		const char *name, *title;
	} all[] = {
	    {AUTH_ROLE_LEADER, "leader", "Leader"},
	    {AUTH_ROLE_STAFF, "staff", "Office staff"},
	    {AUTH_ROLE_LIAISON, "liaison", "Unit liaison"},
	    {AUTH_ROLE_SYSADMIN, "sysadmin", "System administrator"},
	    {AUTH_ROLE_SECADMIN, "secadmin", "Security administrator"},
	    {AUTH_ROLE_AUDITOR, "auditor", "Security auditor"},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
		g_assert_cmpint(auth_role_from_name(all[i].name), ==, all[i].role);
		g_assert_cmpstr(auth_role_name(all[i].role), ==, all[i].name);
		g_assert_cmpstr(auth_role_title(all[i].role), ==, all[i].title);
	}
	g_assert_cmpint(auth_role_from_name("admin"), ==, 0);
	g_assert_cmpint(auth_role_from_name("Leader"), ==, 0);
	g_assert_cmpint(auth_role_from_name(""), ==, 0);
	g_assert_cmpint(auth_role_from_name(NULL), ==, 0);
	g_assert_null(auth_role_name(AUTH_ROLE_LEADER | AUTH_ROLE_STAFF));
	g_assert_null(auth_role_name(0));
	g_assert_null(auth_role_title(1 << 9));

	g_assert_true(auth_roles_separated(0));
	g_assert_true(auth_roles_separated(AUTH_ROLE_SYSADMIN));
	g_assert_true(auth_roles_separated(AUTH_ROLE_AUDITOR | AUTH_ROLE_LEADER));
	g_assert_true(auth_roles_separated(AUTH_ROLE_LEADER | AUTH_ROLE_STAFF | AUTH_ROLE_LIAISON));
	g_assert_false(auth_roles_separated(AUTH_ROLE_SYSADMIN | AUTH_ROLE_SECADMIN));
	g_assert_false(auth_roles_separated(AUTH_ROLE_SECADMIN | AUTH_ROLE_AUDITOR));
	g_assert_false(auth_roles_separated(AUTH_ROLE_SYSADMIN | AUTH_ROLE_AUDITOR));
	g_assert_false(auth_roles_separated(AUTH_ROLES_ADMIN));
}

/* The whole table: every role against every permission. */
static void test_permissions(void)
{
	static const char *const perms[] = {
	    "login",      "users.manage", "config.manage", "roles.manage", "policy.manage",
	    "audit.read", "work.read",    "work.write",    "work.all",     "work.instruct",
	};
	static const struct {
		AuthRole role;
		const char *granted; /* space-separated */
	} table[] = {
	    {AUTH_ROLE_LEADER, "login work.read work.instruct"},
	    {AUTH_ROLE_STAFF, "login work.read work.write work.all"},
	    {AUTH_ROLE_LIAISON, "login work.read work.write"},
	    {AUTH_ROLE_SYSADMIN, "login users.manage config.manage"},
	    {AUTH_ROLE_SECADMIN, "login roles.manage policy.manage"},
	    {AUTH_ROLE_AUDITOR, "login audit.read"},
	};

	for (gsize r = 0; r < G_N_ELEMENTS(table); r++) {
		AuthUser u = {.id = 1, .roles = table[r].role};
		g_auto(GStrv) granted = g_strsplit(table[r].granted, " ", -1);

		for (gsize p = 0; p < G_N_ELEMENTS(perms); p++) {
			gboolean want = g_strv_contains((const char *const *)granted, perms[p]);

			if (auth_can(&u, perms[p]) != want)
				g_error("%s: %s should be %s", auth_role_name(table[r].role),
				        perms[p], want ? "granted" : "refused");
		}
		g_assert_false(auth_can(&u, "work.delete"));
		g_assert_false(auth_can(&u, ""));
		g_assert_false(auth_can(&u, NULL));
	}

	/* no roles: not even login; several work roles: the union */
	AuthUser none = {.id = 2};
	g_assert_false(auth_can(&none, "login"));
	g_assert_false(auth_can(NULL, "login"));
	AuthUser both = {.id = 3, .roles = AUTH_ROLE_LEADER | AUTH_ROLE_LIAISON};
	g_assert_true(auth_can(&both, "work.instruct"));
	g_assert_true(auth_can(&both, "work.write"));
	g_assert_false(auth_can(&both, "work.all"));
	/* an account breaking the separation gets nothing at all */
	AuthUser broken = {.id = 4, .roles = AUTH_ROLE_SYSADMIN | AUTH_ROLE_AUDITOR};
	g_assert_false(auth_can(&broken, "login"));
	g_assert_false(auth_can(&broken, "audit.read"));
	g_assert_false(auth_can(&broken, "users.manage"));
}

/* ---- item access ------------------------------------------------------------------------ */

/*
 * Units A (1) and B (2). Users: 1 liaison of A, 2 liaison of B, 3 staff, 4 auditor, 5 leader
 * without a unit, 6 liaison without a unit. Items: 10 routed to unit A, 11 routed to unit B,
 * 12 naming user 2 (liaison of B), auditor 4 and leader 5, 13 routed nowhere.
 */
static void seed_items(DbConn *c)
{
	exec_ok(
	    c,
	    "INSERT INTO unit (id, code, name, created_at) VALUES "
	    "(1, 'a', '发改委', 0), (2, 'b', '财政局', 0);"
	    "INSERT INTO user_account (id, username, display_name, unit_id, password_hash, "
	    "password_changed_at, created_at, updated_at) VALUES "
	    "(1, 'la', 'A', 1, 'x', 0, 0, 0), (2, 'lb', 'B', 2, 'x', 0, 0, 0), "
	    "(3, 'st', 'S', NULL, 'x', 0, 0, 0), (4, 'au', 'U', NULL, 'x', 0, 0, 0), "
	    "(5, 'ld', 'L', NULL, 'x', 0, 0, 0), (6, 'ln', 'N', NULL, 'x', 0, 0, 0);"
	    "INSERT INTO user_role (user_id, role) VALUES (1, 'liaison'), (2, 'liaison'), "
	    "(3, 'staff'), (4, 'auditor'), (5, 'leader'), (6, 'liaison');"
	    "INSERT INTO item (id, kind, title, unit_id, status, created_at, updated_at) "
	    "VALUES (10, 'note', 'to A', 1, 'open', 0, 0), (11, 'note', 'to B', 2, 'open', 0, 0),"
	    " (12, 'note', 'named', NULL, 'open', 0, 0), (13, 'note', 'none', 1, 'open', 0, 0);"
	    "INSERT INTO item_access (item_id, user_id, unit_id, reason) VALUES "
	    "(10, NULL, 1, 'routed'), (11, NULL, 2, 'routed'), (12, 2, NULL, 'assigned'), "
	    "(12, 4, NULL, 'assigned'), (12, 5, NULL, 'distributed');");
}

static AuthItemAccess access_of(Fixture *f, const AuthUser *u, gint64 item)
{
	g_autoptr(GError) err = NULL;
	AuthItemAccess a = auth_item_access(f->c, u, item, &err);

	g_assert_no_error(err);
	return a;
}

static const AuthUser liaison_a = {.id = 1, .unit_id = 1, .roles = AUTH_ROLE_LIAISON};
static const AuthUser liaison_b = {.id = 2, .unit_id = 2, .roles = AUTH_ROLE_LIAISON};
static const AuthUser staff = {.id = 3, .roles = AUTH_ROLE_STAFF};
static const AuthUser auditor = {.id = 4, .roles = AUTH_ROLE_AUDITOR};
static const AuthUser leader = {.id = 5, .roles = AUTH_ROLE_LEADER};
static const AuthUser liaison_none = {.id = 6, .roles = AUTH_ROLE_LIAISON};

static void test_item_access(Fixture *f, gconstpointer data)
{
	seed_items(f->c);

	g_assert_cmpint(access_of(f, &liaison_a, 10), ==, AUTH_ITEM_ALLOWED);
	g_assert_cmpint(access_of(f, &liaison_a, 11), ==, AUTH_ITEM_DENIED);
	g_assert_cmpint(access_of(f, &liaison_a, 12), ==, AUTH_ITEM_DENIED);
	/* item 13 concerns unit A but was not routed to it */
	g_assert_cmpint(access_of(f, &liaison_a, 13), ==, AUTH_ITEM_DENIED);
	g_assert_cmpint(access_of(f, &liaison_b, 10), ==, AUTH_ITEM_DENIED);
	g_assert_cmpint(access_of(f, &liaison_b, 11), ==, AUTH_ITEM_ALLOWED);
	g_assert_cmpint(access_of(f, &liaison_b, 12), ==, AUTH_ITEM_ALLOWED);
	g_assert_cmpint(access_of(f, &leader, 12), ==, AUTH_ITEM_ALLOWED);
	g_assert_cmpint(access_of(f, &leader, 10), ==, AUTH_ITEM_DENIED);
	g_assert_cmpint(access_of(f, &liaison_none, 10), ==, AUTH_ITEM_DENIED);
	for (gint64 id = 10; id <= 13; id++) {
		g_assert_cmpint(access_of(f, &staff, id), ==, AUTH_ITEM_ALLOWED);
		g_assert_cmpint(access_of(f, &auditor, id), ==, AUTH_ITEM_DENIED);
	}
	g_assert_cmpint(access_of(f, &liaison_a, 99), ==, AUTH_ITEM_MISSING);
	g_assert_cmpint(access_of(f, &staff, 99), ==, AUTH_ITEM_MISSING);
	g_assert_cmpint(access_of(f, NULL, 10), ==, AUTH_ITEM_DENIED);

	/* a unit with id 0 must not be reached by a user without a unit (unit_id 0) */
	exec_ok(f->c, "INSERT INTO unit (id, code, name, created_at) VALUES (0, 'zero', 'Z', 0);"
	              "INSERT INTO item_access (item_id, user_id, unit_id, reason) "
	              "VALUES (13, NULL, 0, 'routed')");
	g_assert_cmpint(access_of(f, &liaison_none, 13), ==, AUTH_ITEM_DENIED);
	g_assert_cmpint(access_of(f, &liaison_a, 13), ==, AUTH_ITEM_DENIED);
}

/* The ids U sees through auth_item_filter, as "10,12"; sets *SQL to the query's text (g_free). */
static char *visible_ids(Fixture *f, const AuthUser *u, char **sql)
{
	g_autoptr(GError) err = NULL;
	g_autoptr(DbQuery) q = db_query_new("SELECT i.id FROM item i");
	g_autoptr(DbStmt) s = NULL;
	GString *out = g_string_new(NULL);
	DbStep st;

	auth_item_filter(q, u);
	db_query_add(q, " ORDER BY i.id", NULL);
	*sql = g_strdup(db_query_sql(q));
	s = db_query_prepare(f->c, q, &err);
	g_assert_no_error(err);
	while ((st = db_step(s, &err)) == DB_ROW)
		g_string_append_printf(out, "%s%" G_GINT64_FORMAT, out->len ? "," : "",
		                       db_col_int(s, 0));
	g_assert_cmpint(st, ==, DB_DONE);
	g_assert_no_error(err);
	return g_string_free(out, FALSE);
}

static void test_item_filter(Fixture *f, gconstpointer data)
{
	static const AuthUser *const users[] = {&liaison_a, &liaison_b, &staff,
	                                        &auditor,   &leader,    &liaison_none};
	static const char *const want[] = {"10", "11,12", "10,11,12,13", "", "12", ""};
	AuthUser nobody = {.id = 7};

	seed_items(f->c);
	for (gsize i = 0; i < G_N_ELEMENTS(users); i++) {
		g_autofree char *sql = NULL;
		g_autofree char *got = visible_ids(f, users[i], &sql);

		g_assert_cmpstr(got, ==, want[i]);
		/* staff: no condition at all, not an always-true one */
		if (users[i] == &staff)
			g_assert_cmpstr(sql, ==, "SELECT i.id FROM item i ORDER BY i.id");
		else
			g_assert_nonnull(strstr(sql, " WHERE ("));
		/* the list and the single-item decision agree */
		for (gint64 id = 10; id <= 13; id++) {
			g_autofree char *needle = g_strdup_printf("%" G_GINT64_FORMAT, id);
			g_auto(GStrv) ids = g_strsplit(got, ",", -1);

			g_assert_cmpint(access_of(f, users[i], id) == AUTH_ITEM_ALLOWED, ==,
			                g_strv_contains((const char *const *)ids, needle));
		}
	}
	g_autofree char *sql = NULL;
	g_autofree char *none = visible_ids(f, &nobody, &sql);
	g_assert_cmpstr(none, ==, "");
	g_clear_pointer(&sql, g_free);
	g_autofree char *no_user = visible_ids(f, NULL, &sql);
	g_assert_cmpstr(no_user, ==, "");
}

/* ---- captcha ---------------------------------------------------------------------------- */

typedef struct {
	const guint8 *data;
	gsize len, pos;
} PngReader;

static cairo_status_t png_read(void *closure, unsigned char *out, unsigned int length)
{
	PngReader *r = closure;

	if (r->len - r->pos < length)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->pos, length);
	r->pos += length;
	return CAIRO_STATUS_SUCCESS;
}

/* Decodes PNG and checks its size; also checks that it is not blank (some dark pixels). */
static void assert_png(GBytes *png)
{
	PngReader r = {.data = g_bytes_get_data(png, &r.len)};
	cairo_surface_t *s;
	int dark = 0;

	g_assert_cmpuint(r.len, >, 8);
	g_assert_cmpmem(r.data, 4, "\x89PNG", 4);
	s = cairo_image_surface_create_from_png_stream(png_read, &r);
	g_assert_cmpint(cairo_surface_status(s), ==, CAIRO_STATUS_SUCCESS);
	g_assert_cmpint(cairo_image_surface_get_width(s), ==, 180);
	g_assert_cmpint(cairo_image_surface_get_height(s), ==, 60);

	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < 60; y++)
		for (int x = 0; x < 180; x++) {
			guint32 v = *(const guint32 *)(px + y * stride + x * 4);

			if (((v >> 16) & 0xff) + ((v >> 8) & 0xff) + (v & 0xff) < 3 * 0x60)
				dark++;
		}
	g_assert_cmpint(dark, >, 300);          /* the text is there */
	g_assert_cmpint(dark, <, 180 * 60 / 2); /* and the background is light */
	cairo_surface_destroy(s);
}

static char *new_captcha(Fixture *f)
{
	g_autoptr(GError) err = NULL;
	char *id = auth_captcha_new(f->db, &err);

	g_assert_no_error(err);
	g_assert_nonnull(id);
	return id;
}

/* auth_captcha_check within a write transaction, as the caller does. */
static gboolean check(Fixture *f, const char *id, const char *answer)
{
	g_autoptr(GError) err = NULL;
	gboolean ok;

	g_assert_true(db_begin(f->c, TRUE, &err));
	ok = auth_captcha_check(f->c, id, answer);
	g_assert_true(db_commit(f->c, &err));
	g_assert_no_error(err);
	return ok;
}

static void test_captcha_image(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *id = new_captcha(f);
	g_autofree char *answer = auth_captcha_answer_for_tests(f->db, id);

	g_assert_cmpuint(strlen(id), ==, 22);
	for (const char *p = id; *p; p++)
		g_assert_true(g_ascii_isalnum(*p) || *p == '-' || *p == '_');
	g_assert_nonnull(answer);
	g_assert_cmpuint(strlen(answer), ==, 5);
	g_assert_cmpuint(strspn(answer, "ACDEFHJKMNPRTWXY3479"), ==, 5);

	g_autoptr(GBytes) png = auth_captcha_png(f->db, id, &err);
	g_assert_no_error(err);
	g_assert_nonnull(png);
	assert_png(png);
	/* drawing does not consume it; a reload draws it differently */
	g_autoptr(GBytes) again = auth_captcha_png(f->db, id, &err);
	g_assert_nonnull(again);
	g_assert_false(g_bytes_equal(png, again));

	if (g_getenv("MISHU_ARTIFACTS")) {
		g_autofree char *dir =
		    g_build_filename(MISHU_SOURCE_ROOT, "build", "test-artifacts", NULL);
		g_autofree char *path = g_build_filename(dir, "captcha.png", NULL);
		g_autofree char *txt = g_build_filename(dir, "captcha.txt", NULL);

		g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
		g_assert_true(g_file_set_contents(path, g_bytes_get_data(png, NULL),
		                                  g_bytes_get_size(png), &err));
		g_assert_true(g_file_set_contents(txt, answer, -1, &err));
		g_test_message("captcha %s written to %s", answer, path);
	}

	g_assert_null(auth_captcha_png(f->db, "no-such-captcha", &err));
	g_assert_no_error(err);
	g_assert_null(auth_captcha_png(f->db, NULL, &err));
	g_assert_no_error(err);
	g_assert_null(auth_captcha_answer_for_tests(f->db, "no-such-captcha"));
}

static void test_captcha_randomness(Fixture *f, gconstpointer data)
{
	g_autoptr(GHashTable) ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int seen[256] = {0};

	for (int i = 0; i < 200; i++) {
		char *id = new_captcha(f);
		g_autofree char *a = auth_captcha_answer_for_tests(f->db, id);

		g_assert_false(g_hash_table_contains(ids, id));
		g_hash_table_add(ids, id);
		for (const char *p = a; *p; p++)
			seen[(unsigned char)*p]++;
	}
	/* 1000 characters from 20: every one appears, none outside the alphabet */
	for (int ch = 0; ch < 256; ch++) {
		if (strchr("ACDEFHJKMNPRTWXY3479", ch) && ch)
			g_assert_cmpint(seen[ch], >, 10);
		else
			g_assert_cmpint(seen[ch], ==, 0);
	}
}

static void test_captcha_check(Fixture *f, gconstpointer data)
{
	/* wrong answer: refused, and the captcha is gone */
	g_autofree char *id1 = new_captcha(f);
	g_autofree char *a1 = auth_captcha_answer_for_tests(f->db, id1);
	g_autofree char *wrong = g_strdup(a1);
	wrong[0] = wrong[0] == 'A' ? 'C' : 'A';
	g_assert_false(check(f, id1, wrong));
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM captcha WHERE id = ?", id1), ==,
	                0);
	g_assert_false(check(f, id1, a1));

	/* right answer, lower-case with spaces: accepted once */
	g_autofree char *id2 = new_captcha(f);
	g_autofree char *a2 = auth_captcha_answer_for_tests(f->db, id2);
	g_autofree char *lower = g_ascii_strdown(a2, -1);
	g_autofree char *spaced = g_strdup_printf(" %.2s %s\t", lower, lower + 2);
	g_assert_true(check(f, id2, spaced));
	g_assert_false(check(f, id2, a2));

	/* full-width input from a Chinese input method counts; prefixes and extras do not */
	g_autofree char *id3 = new_captcha(f);
	g_autofree char *a3 = auth_captcha_answer_for_tests(f->db, id3);
	GString *wide = g_string_new(NULL);
	for (const char *p = a3; *p; p++)
		g_string_append_unichar(wide, (gunichar)*p + 0xFEE0);
	g_string_append_unichar(wide, 0x3000);
	g_autofree char *w = g_string_free(wide, FALSE);
	g_assert_true(check(f, id3, w));

	g_autofree char *id4 = new_captcha(f);
	g_autofree char *a4 = auth_captcha_answer_for_tests(f->db, id4);
	g_autofree char *longer = g_strconcat(a4, "A", NULL);
	g_assert_false(check(f, id4, longer));
	g_autofree char *id5 = new_captcha(f);
	g_autofree char *a5 = auth_captcha_answer_for_tests(f->db, id5);
	a5[4] = '\0';
	g_assert_false(check(f, id5, a5));
	g_autofree char *id6 = new_captcha(f);
	g_assert_false(check(f, id6, NULL));
	g_assert_false(check(f, id6, ""));

	/* unknown and missing ids */
	g_assert_false(check(f, "no-such-captcha", "ACDEF"));
	g_assert_false(check(f, NULL, "ACDEF"));
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM captcha", NULL), ==, 0);
}

/* Captchas older than ten minutes neither draw nor pass, and the next new one sweeps them. */
static void test_captcha_expiry(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *id = new_captcha(f);
	g_autofree char *answer = auth_captcha_answer_for_tests(f->db, id);
	g_autofree char *fresh = new_captcha(f);

	DbStmt *s =
	    db_prepare(f->c, "UPDATE captcha SET created_at = created_at - 601 WHERE id = ?", &err);
	g_assert_no_error(err);
	db_bind_text(s, 1, id);
	g_assert_cmpint(db_step(s, &err), ==, DB_DONE);
	db_finish(s);
	g_assert_null(auth_captcha_png(f->db, id, &err));
	g_assert_no_error(err);
	g_assert_null(auth_captcha_answer_for_tests(f->db, id));
	g_assert_true(auth_captcha_png(f->db, fresh, &err) != NULL);

	g_autofree char *id2 = new_captcha(f); /* sweeps the old one */
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM captcha WHERE id = ?", id), ==,
	                0);
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM captcha", NULL), ==, 2);

	/* an expired row that is still there fails the check even with the right answer */
	exec_ok(f->c, "INSERT INTO captcha (id, answer, created_at) VALUES ('old', 'ACDEF', 1)");
	g_assert_false(check(f, "old", "ACDEF"));
	g_assert_cmpint(query_int_param(f->c, "SELECT count(*) FROM captcha WHERE id = ?", "old"),
	                ==, 0);
	g_autofree char *a2 = auth_captcha_answer_for_tests(f->db, id2);
	g_assert_true(check(f, id2, a2));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/auth/password/policy", test_password_policy);
	g_test_add_func("/auth/password/hash", test_password_hash);
	g_test_add("/auth/policy/defaults", Fixture, NULL, setup, test_policy_defaults, teardown);
	g_test_add("/auth/policy/round-trip", Fixture, NULL, setup, test_policy_round_trip,
	           teardown);
	g_test_add("/auth/policy/ranges", Fixture, NULL, setup, test_policy_ranges, teardown);
	g_test_add_func("/auth/policy/from-json", test_policy_from_json);
	g_test_add("/auth/db-errors", Fixture, NULL, setup_empty, test_db_errors, teardown);
	g_test_add_func("/auth/perm/roles", test_roles);
	g_test_add_func("/auth/perm/table", test_permissions);
	g_test_add("/auth/perm/item-access", Fixture, NULL, setup, test_item_access, teardown);
	g_test_add("/auth/perm/item-filter", Fixture, NULL, setup, test_item_filter, teardown);
	g_test_add("/auth/captcha/image", Fixture, NULL, setup, test_captcha_image, teardown);
	g_test_add("/auth/captcha/randomness", Fixture, NULL, setup, test_captcha_randomness,
	           teardown);
	g_test_add("/auth/captcha/check", Fixture, NULL, setup, test_captcha_check, teardown);
	g_test_add("/auth/captcha/expiry", Fixture, NULL, setup, test_captcha_expiry, teardown);
	return g_test_run();
}
