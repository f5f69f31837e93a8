/*
 * test_org — the org core on a real SQLite database: calendar dates, the demo city, routing
 * before and after a dated change with its reasons, inheritance from a parent domain, rules,
 * gaps, and changes that contradict history. (The same paths run on PostgreSQL through the API
 * suites, tests/api/org.test.mjs.)
 */
#include "testutil.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

typedef struct {
	char *dir;
	Db *db;
	DbConn *c;
} Fixture;

/* A migrated database holding the demo city. */
static void setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *url = NULL;

	f->dir = g_dir_make_tmp("mishu-org-XXXXXX", &err);
	g_assert_no_error(err);
	url = g_strdup_printf("sqlite:%s/org.db", f->dir);
	f->db = db_open(url, &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate(f->db, &err), >, 0);
	g_assert_no_error(err);
	org_demo_load(f->db, "demo-pass-2026", &err);
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

/* Routes WORK/DOMAIN on ON in Chinese; asserts success. */
static json_t *route(Fixture *f, const char *work, const char *domain, const char *on,
                     const char *origin)
{
	g_autoptr(GError) err = NULL;
	OrgRouteQuery q = {.work = work, .domain = domain, .on = on, .origin = origin};
	json_t *r = org_route(f->c, &q, CORE_LANG_ZH, NULL, &err);

	g_assert_no_error(err);
	g_assert_nonnull(r);
	return r;
}

/* The name of the Ith leader of route answer R. */
static const char *leader_name(json_t *r, size_t i)
{
	return json_string_value(
	    json_object_get(json_array_get(json_object_get(r, "leaders"), i), "name"));
}

/* Applies the change JSON TEXT in a write transaction; returns whether it was accepted and
 * sets *CODE to the error code (-1 when accepted). */
static gboolean change(Fixture *f, const char *text, int *code)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *field = NULL;
	json_t *ch = json_loads(text, 0, NULL);
	gint64 id = 0;
	gboolean ok;

	g_assert_nonnull(ch);
	g_assert_true(db_begin(f->c, TRUE, &err));
	ok = org_change_apply(f->c, ch, 0, &id, &field, &err);
	json_decref(ch);
	*code = ok ? -1 : err->code;
	if (ok)
		g_assert_true(db_commit(f->c, NULL));
	else
		db_rollback(f->c);
	return ok;
}

static void test_dates(void)
{
	static const char *const good[] = {"2026-01-01", "2024-02-29", "2026-12-31"};
	static const char *const bad[] = {"2026-02-29", "2026-13-01", "2026-1-01", "26-01-01",
	                                  "2026-01-00", "2026/01/01", "",          "2026-01-011"};
	static const char *const before[][2] = {{"2026-03-01", "2026-02-28"},
	                                        {"2024-03-01", "2024-02-29"},
	                                        {"2026-01-01", "2025-12-31"},
	                                        {"2026-10-10", "2026-10-09"}};

	for (gsize i = 0; i < G_N_ELEMENTS(good); i++)
		g_assert_true(core_date_valid(good[i]));
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
		g_assert_false(core_date_valid(bad[i]));
	g_assert_false(core_date_valid(NULL));
	for (gsize i = 0; i < G_N_ELEMENTS(before); i++) {
		g_autofree char *d = org_date_before(before[i][0]);
		g_assert_cmpstr(d, ==, before[i][1]);
	}
	g_setenv("MISHU_TODAY", "2026-09-28", TRUE);
	{
		g_autofree char *t = core_today();
		g_assert_cmpstr(t, ==, "2026-09-28");
	}
	g_unsetenv("MISHU_TODAY");
}

static void test_demo(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	json_t *leaders = org_leaders(f->c, "2026-06-01", FALSE, &err);
	json_t *gaps = org_gaps(f->c, "2026-06-01", &err);

	g_assert_no_error(err);
	g_assert_cmpuint(json_array_size(leaders), ==, 12);
	g_assert_cmpstr(json_string_value(json_object_get(json_array_get(leaders, 0), "kind")), ==,
	                "secretary");
	g_assert_cmpuint(json_array_size(gaps), ==, 0);
	/* before the first 分工 took effect nobody was in charge of anything */
	json_decref(gaps);
	gaps = org_gaps(f->c, "2026-01-04", &err);
	g_assert_cmpuint(json_array_size(gaps), >, 40);
	json_decref(gaps);
	json_decref(leaders);
	/* loading again changes nothing */
	g_assert_true(org_demo_load(f->db, "demo-pass-2026", &err));
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM leader"), ==, 12);
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM org_change"), ==, 2);
}

static void test_route_change(Fixture *f, gconstpointer data)
{
	json_t *r;
	int code;

	/* 江委发〔2026〕3号 moved 文化和旅游 on 2026-03-01 */
	r = route(f, "incoming", "culture", "2026-02-28", NULL);
	g_assert_cmpstr(leader_name(r, 0), ==, "郑文博");
	json_decref(r);
	r = route(f, "incoming", "culture", "2026-03-01", NULL);
	g_assert_cmpstr(leader_name(r, 0), ==, "何秀兰");
	g_assert_nonnull(strstr(json_string_value(json_array_get(json_object_get(r, "why"), 0)),
	                        "江委发〔2026〕3号"));
	g_assert_nonnull(
	    strstr(json_string_value(json_array_get(json_object_get(r, "why"), 0)), "2026-03-01"));
	g_assert_cmpstr(
	    json_string_value(json_object_get(json_object_get(r, "department"), "name")), ==,
	    "秘书科");
	json_decref(r);

	g_assert_true(
	    change(f,
	           "{\"effective\":\"2026-07-01\",\"source\":\"测〔2026〕1号\","
	           "\"end\":[{\"leader\":\"tongzhan\",\"domain\":\"culture\"}],"
	           "\"assign\":[{\"leader\":\"shuji\",\"domain\":\"culture\",\"role\":\"lead\"}]}",
	           &code));
	r = route(f, "incoming", "culture", "2026-07-01", NULL);
	g_assert_cmpstr(leader_name(r, 0), ==, "王建国");
	g_assert_cmpstr(json_string_value(json_object_get(
	                    json_array_get(json_object_get(r, "leaders"), 0), "role")),
	                ==, "lead");
	json_decref(r);
	r = route(f, "incoming", "culture", "2026-06-30", NULL);
	g_assert_cmpstr(leader_name(r, 0), ==, "何秀兰");
	json_decref(r);

	/* history cannot be contradicted: ending before the row began, or ending nothing */
	g_assert_false(change(f,
	                      "{\"effective\":\"2026-06-01\",\"end\":[{\"leader\":\"shuji\","
	                      "\"domain\":\"culture\"}]}",
	                      &code));
	g_assert_cmpint(code, ==, ORG_ERROR_CONFLICT);
	g_assert_false(change(f,
	                      "{\"effective\":\"2026-08-01\",\"end\":[{\"leader\":\"tongzhan\","
	                      "\"domain\":\"culture\"}]}",
	                      &code));
	g_assert_cmpint(code, ==, ORG_ERROR_CONFLICT);
	g_assert_false(change(f, "{\"effective\":\"2026-08-01\"}", &code));
	g_assert_cmpint(code, ==, ORG_ERROR_INVALID);
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM org_change"), ==, 3);
}

static void test_route_rules_and_gaps(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	json_t *r, *gaps;
	int code;

	r = route(f, "incoming", "education", "2026-06-01", "higher");
	g_assert_cmpuint(json_array_size(json_object_get(r, "leaders")), ==, 12);
	json_decref(r);

	/* a child domain without its own leader inherits its parent's, with the reason saying so */
	g_assert_true(change(f,
	                     "{\"effective\":\"2026-07-01\",\"end\":[{\"leader\":\"zuzhi\","
	                     "\"domain\":\"organization\"}]}",
	                     &code));
	r = route(f, "incoming", "organization", "2026-07-01", NULL);
	g_assert_false(json_is_true(json_object_get(r, "gap")));
	g_assert_nonnull(strstr(json_string_value(json_object_get(
	                            json_array_get(json_object_get(r, "leaders"), 0), "reason")),
	                        "组织"));
	json_decref(r);

	/* ending 全面工作 leaves a root domain without anyone: a gap, in route and in gaps */
	g_assert_true(change(f,
	                     "{\"effective\":\"2026-07-01\",\"end\":[{\"leader\":\"shuji\","
	                     "\"domain\":\"overall\"}]}",
	                     &code));
	r = route(f, "report", "overall", "2026-07-01", NULL);
	g_assert_true(json_is_true(json_object_get(r, "gap")));
	g_assert_cmpuint(json_array_size(json_object_get(r, "warnings")), >=, 1);
	json_decref(r);
	gaps = org_gaps(f->c, "2026-07-01", &err);
	g_assert_cmpuint(json_array_size(gaps), ==, 1);
	g_assert_cmpstr(json_string_value(json_object_get(json_array_get(gaps, 0), "code")), ==,
	                "overall");
	json_decref(gaps);

	/* bad queries name their field */
	{
		OrgRouteQuery q = {.work = "incoming", .domain = "nosuch"};
		const char *field = NULL;
		GError *e = NULL;
		g_assert_null(org_route(f->c, &q, CORE_LANG_EN, &field, &e));
		g_assert_error(e, ORG_ERROR, ORG_ERROR_INVALID);
		g_assert_cmpstr(field, ==, "domain");
		g_clear_error(&e);
		q.work = "gossip";
		g_assert_null(org_route(f->c, &q, CORE_LANG_EN, &field, &e));
		g_assert_cmpstr(field, ==, "work");
		g_clear_error(&e);
	}
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	core_i18n_init();
	g_test_add_func("/org/dates", test_dates);
	g_test_add("/org/demo", Fixture, NULL, setup, test_demo, teardown);
	g_test_add("/org/route_change", Fixture, NULL, setup, test_route_change, teardown);
	g_test_add("/org/route_rules_gaps", Fixture, NULL, setup, test_route_rules_and_gaps,
	           teardown);
	return g_test_run();
}
