/*
 * test_docs — the documents and supervision cores on a real SQLite database with the demo city,
 * without the web: the vocabulary, the refusal of classified markings, an outgoing document
 * through its whole workflow with the signer rule and the gapless number, the state claim of a
 * step, and a task's deadline in working days from an instruction. (The API suites run the same
 * paths on PostgreSQL and through two processes.)
 */
#include "testutil.h"
#include "core/core.h"
#include "docs/docs.h"
#include "org/org.h"
#include "tasks/tasks.h"
#include "routes.h"
#include "work/flow.h"

#include <string.h>

typedef struct {
	char *dir;
	Db *db;
	DbConn *c;
} Fixture;

static void setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *url = NULL;

	f->dir = g_dir_make_tmp("mishu-docs-XXXXXX", &err);
	g_assert_no_error(err);
	url = g_strdup_printf("sqlite:%s/docs.db", f->dir);
	f->db = db_open(url, &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate(f->db, &err), >, 0);
	mishu_register();
	g_assert_true(work_flow_seed(f->db, &err));
	org_demo_load(f->db, "demo-pass-2026", &err);
	g_assert_no_error(err);
	docs_demo_load(f->db, &err);
	g_assert_no_error(err);
	f->c = db_conn(f->db, &err);
	g_assert_no_error(err);
}

static void teardown(Fixture *f, gconstpointer data)
{
	db_close(f->db);
	rm_rf(f->dir);
	g_free(f->dir);
}

/* The account USERNAME (asserted to exist). */
static AuthUser *user(Fixture *f, const char *username)
{
	g_autoptr(GError) err = NULL;
	AuthUser *u = auth_user_load_by_name(f->c, username, &err);

	g_assert_no_error(err);
	return u;
}

/* Runs docs_act in its own write transaction; returns the error code, or -1 on success. */
static int act(Fixture *f, AuthUser *u, gint64 id, const char *action, const char *body)
{
	g_autoptr(GError) err = NULL;
	json_t *b = body ? json_loads(body, 0, NULL) : NULL;
	const char *field = NULL;
	int code = -1;

	g_assert_true(db_begin(f->c, TRUE, NULL));
	if (docs_act(f->c, u, id, action, b, &field, &err)) {
		g_assert_true(db_commit(f->c, NULL));
	} else {
		code = err->code;
		db_rollback(f->c);
	}
	json_decref(b);
	return code;
}

/* Creates a document from the JSON TEXT as U; returns its id, or 0 with *CODE set. */
static gint64 create(Fixture *f, AuthUser *u, const char *text, int *code)
{
	g_autoptr(GError) err = NULL;
	json_t *obj = json_loads(text, 0, NULL);
	const char *field = NULL;
	gint64 id = 0;

	g_assert_nonnull(obj);
	g_assert_true(db_begin(f->c, TRUE, NULL));
	if (docs_create(f->c, u, obj, &id, &field, &err)) {
		g_assert_true(db_commit(f->c, NULL));
		*code = -1;
	} else {
		*code = err->code;
		db_rollback(f->c);
	}
	json_decref(obj);
	return id;
}

static void test_vocabulary(void)
{
	gsize n = 0;

	while (docs_types[n])
		n++;
	g_assert_cmpuint(n, ==, 15); /* 《党政机关公文处理工作条例》 art. 8 */
	g_assert_true(docs_type_valid("纪要"));
	g_assert_true(docs_type_valid("命令（令）"));
	g_assert_false(docs_type_valid("便条"));
	g_assert_false(docs_type_valid(NULL));
	g_assert_true(core_word_in("draft", "draft returned"));
	g_assert_true(core_word_in("returned", "draft returned"));
	g_assert_false(core_word_in("return", "draft returned"));
	g_assert_false(core_word_in("circulat", "circulating circulated"));
	g_assert_false(core_word_in("", "draft"));
}

static void test_classified(Fixture *f, gconstpointer data)
{
	g_autoptr(AuthUser) staff = user(f, "mishuke");
	int code;

	g_assert_cmpint(create(f, staff,
	                       "{\"direction\":\"outgoing\",\"doc_type\":\"通知\","
	                       "\"title\":\"一份文件\",\"secrecy\":\"机密\"}",
	                       &code),
	                ==, 0);
	g_assert_cmpint(code, ==, WORK_ERROR_CLASSIFIED);
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM document"), ==, 0);
	/* a deployment configured as a classified network takes it */
	g_assert_true(db_exec(f->c,
	                      "INSERT INTO setting (key, value) VALUES "
	                      "('classified_network', '1')",
	                      NULL));
	g_assert_cmpint(create(f, staff,
	                       "{\"direction\":\"outgoing\",\"doc_type\":\"通知\","
	                       "\"title\":\"一份文件\",\"secrecy\":\"机密\"}",
	                       &code),
	                >, 0);
}

static void test_outgoing(Fixture *f, gconstpointer data)
{
	g_autoptr(AuthUser) staff = user(f, "mishuke");
	g_autoptr(AuthUser) shuji = user(f, "shuji");
	g_autoptr(AuthUser) zuzhi = user(f, "zuzhi");
	gint64 ids[3];
	int code;

	for (int i = 0; i < 3; i++) {
		ids[i] = create(
		    f, staff,
		    "{\"direction\":\"outgoing\",\"doc_type\":\"通知\",\"series\":\"江委发\","
		    "\"title\":\"关于加强预算管理的通知\",\"domain\":\"finance\","
		    "\"main_to\":[\"czj\"],\"body\":\"各单位要加强预算管理。\"}",
		    &code);
		g_assert_cmpint(code, ==, -1);
		/* who is checked before the state: staff may never sign, the 书记 not yet */
		g_assert_cmpint(act(f, staff, ids[i], "sign", NULL), ==, WORK_ERROR_FORBIDDEN);
		g_assert_cmpint(act(f, shuji, ids[i], "sign", NULL), ==, WORK_ERROR_STATE);
		g_assert_cmpint(act(f, staff, ids[i], "submit", NULL), ==, -1);
		g_assert_cmpint(act(f, staff, ids[i], "review", NULL), ==, -1);
		/* 江委发 is a committee series: not the 组织部部长 (not in charge of finance) */
		g_assert_cmpint(act(f, zuzhi, ids[i], "sign", NULL), ==, WORK_ERROR_FORBIDDEN);
		g_assert_cmpint(act(f, shuji, ids[i], "sign", "{\"opinion\":\"同意\"}"), ==, -1);
		g_assert_cmpint(act(f, staff, ids[i], "recheck", NULL), ==, -1);
		g_assert_cmpint(act(f, staff, ids[i], "number", NULL), ==, -1);
	}
	g_assert_cmpint(act(f, staff, ids[0], "number", NULL), ==, WORK_ERROR_STATE);
	/* numbers 1, 2, 3 of the year, gapless, in the 六角括号 form */
	for (int i = 0; i < 3; i++) {
		g_autofree char *sql =
		    g_strdup_printf("SELECT number_n FROM document WHERE item_id = "
		                    "%" G_GINT64_FORMAT,
		                    ids[i]);
		g_autofree char *num = NULL;
		g_assert_cmpint(query_int(f->c, sql), ==, i + 1);
		g_free(sql);
		sql = g_strdup_printf(
		    "SELECT number FROM document WHERE item_id = %" G_GINT64_FORMAT, ids[i]);
		num = query_text(f->c, sql);
		g_assert_true(g_str_has_prefix(num, "江委发〔"));
		g_assert_true(g_str_has_suffix(num, "〕1号") || g_str_has_suffix(num, "〕2号") ||
		              g_str_has_suffix(num, "〕3号"));
	}
	g_assert_cmpint(act(f, staff, ids[2], "void", NULL), ==, WORK_ERROR_INVALID);
	g_assert_cmpint(act(f, staff, ids[2], "void", "{\"opinion\":\"内容有误\"}"), ==, -1);
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM doc_void"), ==, 1);
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM item_event WHERE action = 'number'"),
	                ==, 3);
}

static void test_task_deadline(Fixture *f, gconstpointer data)
{
	g_autoptr(AuthUser) staff = user(f, "duchashi");
	g_autoptr(AuthUser) liaison = user(f, "liaison");
	g_autoptr(GError) err = NULL;
	const char *field = NULL;
	json_t *obj, *task;
	gint64 id = 0;

	g_setenv("MISHU_TODAY", "2026-09-28", TRUE);
	obj = json_pack("{s:s, s:s, s:s, s:s, s:i}", "source", "key_work", "content",
	                "推进教育数字化转型", "domain", "education", "lead_unit", "fgw",
	                "deadline_days", 10);
	g_assert_true(db_begin(f->c, TRUE, NULL));
	g_assert_false(tasks_create(f->c, liaison, obj, &id, &field, &err));
	g_assert_error(err, WORK_ERROR, WORK_ERROR_FORBIDDEN);
	g_clear_error(&err);
	g_assert_true(tasks_create(f->c, staff, obj, &id, &field, &err));
	g_assert_no_error(err);
	g_assert_true(db_commit(f->c, NULL));
	json_decref(obj);
	task = tasks_load(f->c, staff, id, &err);
	g_assert_no_error(err);
	/* 国庆 2026-10-01..07 skipped, the make-up Saturday 2026-10-10 counted */
	g_assert_cmpstr(json_string_value(json_object_get(task, "deadline")), ==, "2026-10-16");
	g_assert_cmpstr(json_string_value(json_object_get(task, "leader_name")), ==, "赵立新");
	json_decref(task);
	g_unsetenv("MISHU_TODAY");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	core_i18n_init();
	g_test_add_func("/docs/vocabulary", test_vocabulary);
	g_test_add("/docs/classified", Fixture, NULL, setup, test_classified, teardown);
	g_test_add("/docs/outgoing", Fixture, NULL, setup, test_outgoing, teardown);
	g_test_add("/docs/task_deadline", Fixture, NULL, setup, test_task_deadline, teardown);
	return g_test_run();
}
