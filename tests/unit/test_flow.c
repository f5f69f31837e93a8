/*
 * test_flow.c — the workflow engine (src/work/flow*.c) on a real SQLite database: the shipped
 * definitions pass validation; every kind of broken definition is refused naming the problem;
 * a small workflow of its own ("note") is run step by step: who may (refused in words), the
 * state (409), the claim, the opinion and fields the definition asks for, stay_in, a hook's
 * choice of target and the refusal of one the definition does not allow, history, the state's
 * deadline and its reminder job, and an item finishing under the version it started with.
 */
#include "testutil.h"
#include "core/core.h"
#include "org/org.h"
#include "routes.h"
#include "work/flow.h"
#include "work/work.h"

#include <string.h>

typedef struct {
	char *dir;
	Db *db;
	DbConn *c;
} Fixture;

/* The note workflow: 草拟 draft → 报审 pending (1 working day) → 同意 done | 退回 draft; 补充
 * (stay_in pending) keeps pending; 分流 (hook picks) → done or draft. */
static const char note_json[] =
    "{\"name\":{\"zh\":\"便签\"},\"initial\":\"draft\","
    "\"states\":[{\"code\":\"draft\",\"type\":\"open\",\"label\":{\"zh\":\"草拟\"}},"
    "{\"code\":\"pending\",\"type\":\"waiting\",\"label\":{\"zh\":\"待审\",\"en\":\"Pending\"},"
    "\"deadline\":{\"working_days\":1}},"
    "{\"code\":\"done\",\"type\":\"terminal\",\"label\":{\"zh\":\"已办结\"}}],"
    "\"steps\":[{\"code\":\"send\",\"from\":[\"draft\"],\"to\":\"pending\","
    "\"label\":{\"zh\":\"报审\"},\"who\":[\"author\"],"
    "\"fields\":[{\"name\":\"when\",\"type\":\"date\"},{\"name\":\"mode\",\"type\":\"enum\","
    "\"values\":[\"a\",\"b\"]},{\"name\":\"files\",\"type\":\"files\",\"max\":2}]},"
    "{\"code\":\"approve\",\"from\":[\"pending\"],\"to\":\"done\",\"label\":{\"zh\":\"同意\"},"
    "\"who\":[\"staff\"]},"
    "{\"code\":\"back\",\"from\":[\"pending\"],\"to\":\"draft\",\"label\":{\"zh\":\"退回\"},"
    "\"who\":[\"staff\"],\"opinion\":{\"min\":2,\"max\":10,\"prompt\":\"reason\"}},"
    "{\"code\":\"add\",\"from\":[\"draft\",\"pending\"],\"to\":\"pending\",\"stay_in\":["
    "\"pending\"],"
    "\"label\":{\"zh\":\"补充\"},\"who\":[\"author\"]},"
    "{\"code\":\"route\",\"from\":[\"pending\"],\"to\":[\"done\",\"draft\"],"
    "\"label\":{\"zh\":\"分流\"},\"who\":[\"staff\"],\"hooks\":[\"test.route\"]}]}";

/* The hook test.route: leads wherever body.where says (even where the step may not lead). */
static gboolean route_hook(WorkStep *x, GError **err)
{
	const char *where = json_string_value(json_object_get(x->body, "where"));

	if (where)
		x->to = g_intern_string(where);
	return TRUE;
}

static void setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) err = NULL;
	g_autofree char *url = NULL;

	f->dir = g_dir_make_tmp("mishu-flow-XXXXXX", &err);
	g_assert_no_error(err);
	url = g_strdup_printf("sqlite:%s/flow.db", f->dir);
	f->db = db_open(url, &err);
	g_assert_no_error(err);
	g_assert_cmpint(db_migrate(f->db, &err), >, 0);
	mishu_register();
	work_flow_hook("test.route", route_hook);
	g_assert_true(work_flow_seed(f->db, &err));
	g_assert_true(org_demo_load(f->db, "demo-pass-2026", &err));
	f->c = db_conn(f->db, &err);
	g_assert_no_error(err);
}

static void teardown(Fixture *f, gconstpointer data)
{
	db_close(f->db);
	rm_rf(f->dir);
	g_free(f->dir);
}

static AuthUser *user(Fixture *f, const char *username)
{
	g_autoptr(GError) err = NULL;
	AuthUser *u = auth_user_load_by_name(f->c, username, &err);

	g_assert_no_error(err);
	return u;
}

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, 0, &je);

	g_assert_nonnull(v);
	return v;
}

/* Validates NOTE changed by FN and asserts a refusal whose message contains WANT. */
static void refused(void (*fn)(json_t *d), const char *want)
{
	g_autoptr(json_t) d = parse(note_json);
	g_autoptr(GError) err = NULL;

	fn(d);
	g_assert_false(work_flow_validate(d, "note", &err));
	g_assert_error(err, WORK_ERROR, WORK_ERROR_WORKFLOW);
	if (strstr(err->message, want) == NULL)
		g_error("refusal \"%s\" does not name %s", err->message, want);
}

static json_t *state(json_t *d, const char *code)
{
	json_t *s;
	size_t i;

	json_array_foreach (json_object_get(d, "states"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "code")), code) == 0)
			return s;
	g_assert_not_reached();
}

static json_t *step(json_t *d, const char *code)
{
	json_t *s;
	size_t i;

	json_array_foreach (json_object_get(d, "steps"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "code")), code) == 0)
			return s;
	g_assert_not_reached();
}

static void orphan(json_t *d)
{
	json_array_append_new(
	    json_object_get(d, "states"),
	    parse("{\"code\":\"orphan\",\"type\":\"open\",\"label\":{\"zh\":\"孤\"}}"));
}
static void dead_end(json_t *d)
{
	json_object_set_new(state(d, "done"), "type", json_string("open"));
}
static void nobody(json_t *d)
{
	json_object_set_new(step(d, "approve"), "who", json_array());
}
static void unknown_actor(json_t *d)
{
	json_object_set_new(step(d, "approve"), "who", parse("[\"janitor\"]"));
}
static void unknown_hook(json_t *d)
{
	json_object_set_new(step(d, "approve"), "hooks", parse("[\"test.teleport\"]"));
}
static void stay_outside(json_t *d)
{
	json_object_set_new(step(d, "approve"), "stay_in", parse("[\"draft\"]"));
}
static void bad_deadline(json_t *d)
{
	json_object_set_new(state(d, "pending"), "deadline", parse("{\"working_days\":400}"));
}
static void bad_initial(json_t *d)
{
	json_object_set_new(d, "initial", json_string("limbo"));
}
static void bad_field_type(json_t *d)
{
	json_object_set_new(step(d, "approve"), "fields",
	                    parse("[{\"name\":\"scan\",\"type\":\"blob\"}]"));
}
static void twice(json_t *d)
{
	json_array_append(json_object_get(d, "steps"), step(d, "approve"));
}

static void test_validate(Fixture *f, gconstpointer data)
{
	static const char *const shipped[] = {"incoming", "outgoing", "task"};
	g_autoptr(json_t) note = parse(note_json);
	g_autoptr(GError) err = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(shipped); i++) {
		const WorkFlow *w = work_flow_get(f->c, shipped[i], 0, &err);
		g_assert_no_error(err);
		g_assert_true(work_flow_validate(work_flow_json(w), shipped[i], &err));
		g_assert_no_error(err);
	}
	g_assert_true(work_flow_validate(note, "note", &err));
	g_assert_no_error(err);
	refused(orphan, "orphan");
	refused(dead_end, "done");
	refused(nobody, "approve");
	refused(unknown_actor, "janitor");
	refused(unknown_hook, "test.teleport");
	refused(stay_outside, "approve");
	refused(bad_deadline, "pending");
	refused(bad_initial, "initial");
	refused(twice, "approve");
	refused(bad_field_type, "files"); /* the message lists the types, files among them */
}

/* A note by the liaison, started under the note workflow's current version. */
static gint64 note(Fixture *f, const AuthUser *author)
{
	g_autoptr(GError) err = NULL;
	gint64 id = 0;
	const char *initial = NULL;

	g_assert_true(db_run(f->c, &id, &err,
	                     "INSERT INTO item (kind, title, created_by, status, created_at, "
	                     "updated_at) VALUES ('note', '关于调整会议室使用的便签', ?, '', 0, 0) "
	                     "RETURNING id",
	                     "i", author->id));
	g_assert_true(work_flow_start(f->c, id, "note", &initial, &err));
	g_assert_no_error(err);
	g_assert_cmpstr(initial, ==, "draft");
	return id;
}

/* Takes ACTION on ID as U with BODY (JSON text); returns the error code, -1 for success. */
static int act(Fixture *f, const AuthUser *u, gint64 id, const char *action, const char *body,
               const char **field, char **message)
{
	g_autoptr(json_t) b = parse(body);
	g_autoptr(GError) err = NULL;

	if (work_flow_act(f->c, u, id, action, b, field, &err))
		return -1;
	g_assert_true(err->domain == WORK_ERROR);
	if (message)
		*message = g_strdup(err->message);
	return err->code;
}

/* Asserts that item ID is in state WANT. */
static void assert_status(Fixture *f, gint64 id, const char *want)
{
	g_autofree char *sql =
	    g_strdup_printf("SELECT status FROM item WHERE id = %" G_GINT64_FORMAT, id);
	g_autofree char *have = query_text(f->c, sql);

	g_assert_cmpstr(have, ==, want);
}

static void test_run(Fixture *f, gconstpointer data)
{
	g_autoptr(AuthUser) liaison = user(f, "liaison");
	g_autoptr(AuthUser) staff = user(f, "mishuke");
	g_autoptr(json_t) def = parse(note_json);
	g_autoptr(GError) err = NULL;
	g_autofree char *text = json_dumps(def, 0);
	g_autofree char *msg = NULL;
	const char *field = NULL;
	gint64 id, old, v2 = 0;
	g_autoptr(json_t) steps = NULL, actions = NULL;

	g_assert_true(db_run(f->c, NULL, &err,
	                     "INSERT INTO workflow (code, version, definition, created_at) VALUES "
	                     "('note', 1, ?, 0)",
	                     "s", text));
	id = note(f, liaison);
	assert_status(f, id, "draft");

	/* who: the author sends; office staff may not, and are told who may */
	g_assert_cmpint(act(f, staff, id, "send", "{}", NULL, &msg), ==, WORK_ERROR_FORBIDDEN);
	g_assert_nonnull(strstr(msg, "起草人"));
	/* the fields the definition declares */
	g_assert_cmpint(act(f, liaison, id, "send", "{\"when\":\"2026-02-30\"}", &field, NULL), ==,
	                WORK_ERROR_INVALID);
	g_assert_cmpstr(field, ==, "when");
	g_assert_cmpint(act(f, liaison, id, "send", "{\"mode\":\"c\"}", &field, NULL), ==,
	                WORK_ERROR_INVALID);
	g_assert_cmpstr(field, ==, "mode");
	/* files: the module lists the uploads' names; the engine holds them to "max" */
	g_assert_cmpint(act(f, liaison, id, "send", "{\"files\":[\"a.pdf\",\"b.pdf\",\"c.pdf\"]}",
	                    &field, NULL),
	                ==, WORK_ERROR_INVALID);
	g_assert_cmpstr(field, ==, "files");
	g_assert_cmpint(act(f, liaison, id, "send", "{\"files\":\"a.pdf\"}", &field, NULL), ==,
	                WORK_ERROR_INVALID);
	/* the state: approve is not possible from draft, and says where the item is */
	g_clear_pointer(&msg, g_free);
	g_assert_cmpint(act(f, staff, id, "approve", "{}", NULL, &msg), ==, WORK_ERROR_STATE);
	g_assert_nonnull(strstr(msg, "草拟"));
	g_assert_cmpint(act(f, liaison, id, "fly", "{}", NULL, NULL), ==, WORK_ERROR_NOT_FOUND);
	g_assert_cmpint(
	    act(f, liaison, id, "send", "{\"when\":\"2026-12-01\",\"mode\":\"a\"}", NULL, NULL), ==,
	    -1);
	assert_status(f, id, "pending");
	/* the state's deadline: a due time and its reminder job */
	g_assert_cmpint(
	    query_int(f->c, "SELECT count(*) FROM item WHERE state_due_at > state_since"), ==, 1);
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM job WHERE kind = 'work.state_due'"),
	                ==, 1);
	/* stay_in: 补充 keeps pending */
	g_assert_cmpint(act(f, liaison, id, "add", "{}", NULL, NULL), ==, -1);
	assert_status(f, id, "pending");
	/* the opinion the definition asks for: at least 2, at most 10 characters */
	g_assert_cmpint(act(f, staff, id, "back", "{\"opinion\":\"不\"}", &field, NULL), ==,
	                WORK_ERROR_INVALID);
	g_assert_cmpstr(field, ==, "opinion");
	g_assert_cmpint(
	    act(f, staff, id, "back", "{\"opinion\":\"这份便签写得太长太长太长了\"}", &field, NULL),
	    ==, WORK_ERROR_INVALID);
	/* a hook may pick among the step's targets, but not elsewhere */
	g_assert_cmpint(act(f, staff, id, "route", "{\"where\":\"pending\"}", NULL, NULL), ==,
	                WORK_ERROR_STATE);
	assert_status(f, id, "pending");
	g_assert_cmpint(act(f, staff, id, "route", "{\"where\":\"draft\"}", NULL, NULL), ==, -1);
	assert_status(f, id, "draft");
	g_assert_cmpint(query_int(f->c, "SELECT count(*) FROM item_event WHERE action IN ('send', "
	                                "'add', 'route')"),
	                ==, 3);

	/* the steps from here, allowed or not and why */
	steps = work_flow_steps(f->c, staff, id, &actions, &err);
	g_assert_no_error(err);
	g_assert_cmpuint(json_array_size(steps), ==, 2); /* send, add */
	g_assert_false(json_is_true(json_object_get(json_array_get(steps, 0), "allowed")));
	g_assert_nonnull(json_object_get(json_array_get(steps, 0), "why"));
	g_assert_cmpuint(json_array_size(actions), ==, 0);

	/* a new version without 补充: the item in flight keeps version 1 and may still take it */
	old = id;
	json_array_remove(json_object_get(def, "steps"), 3);
	g_assert_true(work_flow_store(f->c, staff, "note", def, &v2, &err));
	g_assert_no_error(err);
	g_assert_cmpint(v2, ==, 2);
	g_assert_cmpint(act(f, liaison, old, "add", "{}", NULL, NULL), ==, -1);
	id = note(f, liaison);
	g_assert_cmpint(act(f, liaison, id, "add", "{}", NULL, NULL), ==, WORK_ERROR_NOT_FOUND);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	core_i18n_init();
	g_test_add("/flow/validate", Fixture, NULL, setup, test_validate, teardown);
	g_test_add("/flow/run", Fixture, NULL, setup, test_run, teardown);
	return g_test_run();
}
