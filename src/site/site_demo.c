/*
 * site_demo.c — a year of the demo city's work for `mishu init --demo`: incoming and outgoing
 * documents in every state of their workflows, 批示 (written, paper and oral) and 督办 tasks,
 * composed from data/demo/work.json. Every item goes through the module functions the API
 * calls (docs_create/docs_act, work_instruction_record, tasks_create/tasks_act) with the clock
 * set (core_clock_set) to the moment each step is taken, in time order, with its audit entry;
 * so the trail, the inbox, the numbers and the search index are those of real use. A seeded
 * PRNG keeps it the same on every run; nothing is made when the database already holds items.
 */
#define G_LOG_DOMAIN "mishu-site"

#include "site/site.h"
#include "auth/auth.h"
#include "core/calendar.h"
#include "core/core.h"
#include "docs/docs.h"
#include "tasks/tasks.h"
#include "work/flow.h"
#include "work/work.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

extern GResource *mishu_get_resource(void);

/* The first working day of the demo year (the 分工 takes effect on it). */
#define DEMO_START_Y 2026
#define DEMO_START_M 1
#define DEMO_START_D 5
#define DEMO_SEED    20260105
#define DEMO_BATCH   150 /* steps per transaction */

enum { K_IN, K_OUT, K_TASK };

/* One item's life: its kind, facts and the steps it goes through, each at its time. */
typedef struct {
	int kind;
	json_t *dom;        /* its domain's entry in work.json (borrowed) */
	const char *title;  /* documents; tasks: the content */
	const char *sender; /* incoming */
	gboolean higher;    /* incoming from a higher committee */
	const char *unit;   /* lead unit (tasks), handling unit (assign), author's unit */
	const char *source; /* tasks: instruction, meeting, key_work, higher, petition */
	const char *series; /* outgoing: its 机关代字 */
	int src;            /* tasks: the incoming plan whose 批示 it carries out, or -1 */
	int paper;          /* incoming: 0, or 1/2 for a paper/oral 批示 entered by the office */
	const char **steps; /* step codes, NULL-terminated (static) */
	int nsteps;
	gint64 at[16]; /* when each step is taken */
	gint64 id, instruction;
	char *actor;  /* who gave the 批示 / signs (username), learnt on the way */
	int deadline; /* tasks: working days */
} Plan;

typedef struct {
	gint64 at;
	int plan, step;
} Event;

/* The generator's state. */
typedef struct {
	DbConn *c;
	GRand *rand;
	json_t *work, *city;
	GHashTable *users;   /* username → AuthUser* */
	GHashTable *liaison; /* unit code → username of its liaison */
	GArray *plans;       /* Plan */
	gint64 start, now;
	GDate today;
	int made;
} Gen;

/* ---- the recipes: paths through the workflows and how many items end on each -------------- */

typedef struct {
	const char *steps[14];
	int count;
} Recipe;

static const Recipe in_recipes[] = {
    {{NULL}, 6},
    {{"check", NULL}, 6},
    {{"check", "propose", NULL}, 14},
    {{"check", "propose!", NULL}, 6}, /* from a higher committee: every 常委 */
    {{"check", "propose", "instruct", NULL}, 14},
    {{"check", "propose", "instruct", "assign", NULL}, 18},
    {{"check", "propose", "circulate", NULL}, 6},
    {{"check", "propose", "instruct", "circulate", NULL}, 8},
    {{"check", "propose", "circulate", "read", "read", NULL}, 8},
    {{"check", "propose", "instruct", "assign", "complete", NULL}, 12},
    {{"check", "return", NULL}, 4},
    {{"check", "propose", "instruct", "assign", "complete", "archive", NULL}, 34},
    /* from a higher committee: the 书记 and another 常委 both write 批示 */
    {{"check", "propose!", "instruct", "instruct", "assign", "complete", "archive", NULL}, 6},
    {{"check", "propose", "circulate", "read", "read", "complete", "archive", NULL}, 20},
    {{"check", "return", "archive", NULL}, 2},
    {{"check", "propose", "paper", "assign", "complete", "archive", NULL}, 12},
};

static const Recipe out_recipes[] = {
    {{NULL}, 6},
    {{"submit", NULL}, 6},
    {{"submit", "review", NULL}, 12},
    {{"submit", "review", "request_cosign", NULL}, 4},
    {{"submit", "review", "request_cosign", "cosign", NULL}, 2},
    {{"submit", "review", "sign", NULL}, 5},
    {{"submit", "review", "sign", "recheck", NULL}, 4},
    {{"submit", "review", "sign", "recheck", "number", NULL}, 4},
    {{"submit", "review", "sign", "recheck", "number", "print", NULL}, 4},
    {{"submit", "review", "sign", "recheck", "number", "print", "distribute", NULL}, 32},
    {{"submit", "return", NULL}, 4},
    {{"submit", "review", "sign", "recheck", "number", "print", "distribute", "archive", NULL}, 45},
    {{"submit", "review", "sign", "recheck", "number", "print", "void", NULL}, 2},
};

/* Task paths after 交办 (the creation), and how many of the ~140 end on each. */
static const Recipe task_recipes[] = {
    {{"accept", "report", "report", "request_close", "verify", "close", NULL}, 52},
    {{"accept", "report", "request_close", "verify", NULL}, 8},
    {{"accept", "report", "request_close", NULL}, 12},
    {{"accept", "request_close", "t_return", NULL}, 6},
    {{"accept", "report", "report", NULL}, 30},
    {{"accept", NULL}, 16},
    {{NULL}, 16},
};

/* ---- helpers ------------------------------------------------------------------------------ */

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A random entry of the string array KEY of O (borrowed), or "". */
static const char *pick(Gen *g, json_t *o, const char *key)
{
	json_t *a = json_object_get(o, key);
	size_t n = json_array_size(a);

	return n ? json_string_value(json_array_get(a, g_rand_int_range(g->rand, 0, (gint32)n)))
	         : "";
}

/* Unix time of day D at HOUR:MIN in the office zone. */
static gint64 at_time(const GDate *d, int hour, int min)
{
	return core_date_unix(d) + hour * 3600 + min * 60;
}

/* A working moment N working days after the day of AT (09:00–17:30). */
static gint64 later(Gen *g, gint64 at, int n)
{
	g_autofree char *day = core_time_format(at, "%Y-%m-%d");
	GDate d, out;

	core_date_parse(day, &d);
	core_calendar_add(&d, n, &out);
	return at_time(&out, 9 + g_rand_int_range(g->rand, 0, 8), g_rand_int_range(g->rand, 0, 60));
}

/* The document type a title names by its last words (…的通知 → 通知). */
static const char *type_of(const char *title)
{
	static const char *types[] = {"请示", "报告", "通知", "意见", "方案", "纪要",
	                              "函",   "决定", "通报", "批复", NULL};

	for (int i = 0; types[i]; i++)
		if (g_str_has_suffix(title, types[i]))
			return types[i];
	return "通知";
}

/* Times for PLAN's creation and steps: the first working moment on or after day offset FROM,
 * each step 1–GAP working days after the one before; squeezed into the time left before now
 * when the path would end later. */
static void plan_times(Gen *g, Plan *p, gint64 first, int gap)
{
	p->at[0] = first;
	for (int i = 1; i <= p->nsteps; i++)
		p->at[i] = later(g, p->at[i - 1], g_rand_int_range(g->rand, 1, gap + 1));
	if (p->at[p->nsteps] >= g->now - 3600) {
		gint64 span = MAX(g->now - 3600 - p->at[0], 60 * (p->nsteps + 1));
		for (int i = 1; i <= p->nsteps; i++)
			p->at[i] = p->at[0] + span * i / (p->nsteps + 1);
	}
}

/* TRUE when a path ending in step LAST leaves the item at rest (done with, or distributed):
 * such an item may date from any time of the year, the others are recent. */
static gboolean at_rest(const char *last)
{
	/* 办结 and 已核实 wait days, not months, for 归档 and 销号 */
	static const char *rest[] = {"archive", "distribute", "void", "close"};

	for (gsize i = 0; last && i < G_N_ELEMENTS(rest); i++)
		if (strcmp(last, rest[i]) == 0)
			return TRUE;
	return FALSE;
}

/* The first moment of a plan whose path takes LEN steps about GAP working days apart, ending
 * with step LAST: for a path that ends at rest any time in the year that leaves room for it,
 * otherwise in the last few weeks (the last few days when only 归档 or 销号 is left). */
static gint64 plan_start(Gen *g, int len, const char *last, int gap)
{
	GDate s, from;
	int days, back;
	gint64 at;
	gboolean done = at_rest(last);

	g_date_set_dmy(&s, DEMO_START_D, DEMO_START_M, DEMO_START_Y);
	days = core_calendar_between(&s, &g->today);
	if (done)
		back = len * gap + 2 + g_rand_int_range(g->rand, 0, MAX(days - len * gap - 2, 1));
	else if (last == NULL) /* nothing done yet: in the last few days */
		back = 1 + g_rand_int_range(g->rand, 0, 4);
	else if (strcmp(last, "complete") == 0 || strcmp(last, "verify") == 0)
		back = len + g_rand_int_range(g->rand, 0, len + 1); /* just finished */
	else
		back = len * 3 + g_rand_int_range(g->rand, 0, 8 + len * 5);
	back = CLAMP(back, 1, days);
	core_calendar_add(&g->today, -back, &from);
	at = at_time(&from, 9 + g_rand_int_range(g->rand, 0, 8), g_rand_int_range(g->rand, 0, 60));
	return CLAMP(at, g->start + 3600, g->now - 4 * 3600);
}

/* The account USERNAME (cached; owned by G). */
static const AuthUser *user(Gen *g, const char *username, GError **err)
{
	AuthUser *u = g_hash_table_lookup(g->users, username);

	if (u == NULL && (u = auth_user_load_by_name(g->c, username, err)) != NULL)
		g_hash_table_insert(g->users, g_strdup(username), u);
	return u;
}

/* A unit's short name ("市发改委") from the demo city, or CODE. */
static const char *unit_name(Gen *g, const char *code)
{
	json_t *u;
	size_t i;

	json_array_foreach (json_object_get(g->city, "units"), i, u)
		if (g_strcmp0(jstr(u, "code"), code) == 0)
			return jstr(u, "short_name") ? jstr(u, "short_name") : jstr(u, "name");
	return code;
}

/* A leader's name ("王建国") from the demo city, by username. */
static const char *leader_name(Gen *g, const char *username)
{
	json_t *l;
	size_t i;

	json_array_foreach (json_object_get(g->city, "leaders"), i, l)
		if (g_strcmp0(jstr(l, "user"), username) == 0)
			return jstr(l, "name");
	return "市领导";
}

/* What a title is about: "关于做好…工作的通知" → "做好…工作". */
static char *topic_of(const char *title, const char *type)
{
	const char *s = g_str_has_prefix(title, "关于") ? title + strlen("关于") : title;
	char *t = g_strdup(s);

	if (g_str_has_suffix(t, type))
		t[strlen(t) - strlen(type)] = '\0';
	if (g_str_has_suffix(t, "的"))
		t[strlen(t) - strlen("的")] = '\0';
	if (g_str_has_suffix(t, "会议"))
		t[strlen(t) - strlen("会议")] = '\0';
	return t;
}

/* PARA ("要坚持…") as what was done ("我们坚持…") or, when NEXT, what will be
 * ("下一步，我们将坚持…"). */
static char *as_done(const char *para, gboolean next)
{
	const char *rest = g_str_has_prefix(para, "要") ? para + strlen("要") : para;

	return g_strconcat(next ? "下一步，我们将" : "我们", rest, NULL);
}

/* The middle of a 请示, 报告 or 函, written upwards or to a peer: what was done (from
 * the domain's paragraphs PARAS), the difficulty, and what is asked or planned. Appended to B. */
static void upward(Gen *g, GString *b, const char *type, json_t *paras)
{
	g_autofree char *done = as_done(json_string_value(json_array_get(paras, 0)), FALSE);
	g_autofree char *next = as_done(json_string_value(json_array_get(paras, 1)), TRUE);
	const char *hard = pick(g, g->work, "difficulties");

	if (strcmp(type, "报告") == 0)
		g_string_append_printf(
		    b, "\n\n一、主要工作\n%s\n\n二、存在的问题\n%s\n\n三、下一步打算\n%s", done,
		    hard, next);
	else if (strcmp(type, "请示") == 0)
		g_string_append_printf(
		    b,
		    "\n\n一、基本情况\n%s\n\n二、存在的困难\n%s\n\n三、请示事项\n"
		    "以上事项事关全市工作大局，恳请市委、市政府予以研究支持。",
		    done, hard);
	else
		g_string_append_printf(b, "\n\n一、%s\n\n二、%s恳请贵单位予以指导和支持。", done,
		                       hard);
}

/* A body for TITLE of domain DOM: the opening its type calls for, the domain's paragraphs
 * numbered 一、二、三、, and the type's closing words. */
static char *compose_body(Gen *g, json_t *dom, const char *title)
{
	static const char *nums[] = {"一", "二", "三", "四"};
	const char *type = type_of(title);
	g_autofree char *topic = topic_of(title, type);
	GString *b = g_string_new(NULL);
	json_t *paras = json_object_get(dom, "paragraphs"), *p;
	const char *open = jstr(json_object_get(g->work, "openers"), type);
	const char *close = jstr(json_object_get(g->work, "closers"), type);
	const char *printed = strstr(title, "印发《");
	size_t i;

	if (printed) {
		const char *end = strstr(printed, "》");
		g_string_append_len(b, printed + strlen("印发"),
		                    end ? end + strlen("》") - printed - strlen("印发") : 0);
		g_string_append(b, "已经市委同意，现印发给你们，请结合实际认真贯彻执行。");
	} else if (open) {
		g_autofree char *t = g_strdup(topic);
		if (strcmp(type, "报告") == 0 && !g_str_has_suffix(topic, "情况")) {
			g_free(t);
			t = g_strconcat(topic, "有关情况", NULL);
		}
		g_auto(GStrv) parts = g_strsplit(open, "{topic}", -1);
		g_autofree char *joined = g_strjoinv(t, parts);
		g_string_append(b, joined);
	}
	if (!printed &&
	    (strcmp(type, "请示") == 0 || strcmp(type, "报告") == 0 || strcmp(type, "函") == 0))
		upward(g, b, type, paras);
	else
		json_array_foreach (paras, i, p)
			if (i < G_N_ELEMENTS(nums))
				g_string_append_printf(b, "\n\n%s、%s", nums[i],
				                       json_string_value(p));
	if (close)
		g_string_append_printf(b, "\n\n%s", close);
	return g_string_free(b, FALSE);
}

/* TEMPLATE with {unit} replaced by NAME. */
static char *fill_unit(const char *template, const char *name)
{
	g_auto(GStrv) parts = g_strsplit(template, "{unit}", -1);

	return g_strjoinv(name, parts);
}

/* The first user named for STEP among those who act next on ITEM, or NULL (g_free). */
static char *next_actor(Gen *g, gint64 item, const char *step, GError **err)
{
	g_autoptr(json_t) next = work_flow_next_actors(g->c, item, "zh", err);
	json_t *a;
	size_t i;

	json_array_foreach (next, i, a)
		if (g_strcmp0(jstr(a, "step"), step) == 0 && jstr(a, "username"))
			return g_strdup(jstr(a, "username"));
	return NULL;
}

/* ---- the operations, each with its audit entry, as the API takes them --------------------- */

typedef struct {
	const AuthUser *u;
	json_t *obj;
	const char *action;
	int kind;
} Op;

static gboolean op_create(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	Op *x = p;

	return x->kind == K_TASK ? tasks_create(c, x->u, x->obj, id, field, err)
	                         : docs_create(c, x->u, x->obj, id, field, err);
}

static gboolean op_act(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	Op *x = p;

	return x->kind == K_TASK ? tasks_act(c, x->u, *id, x->action, x->obj, field, err)
	                         : docs_act(c, x->u, *id, x->action, x->obj, field, err);
}

static gboolean op_record(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	Op *x = p;

	return work_instruction_record(c, x->u, x->obj, id, field, err);
}

/* Runs one operation by USERNAME as the API would (ACTION NULL: create; "record": a paper or
 * oral 批示), OBJ stolen; sets *ID. */
static gboolean run(Gen *g, const char *username, int kind, const char *action, json_t *obj,
                    gint64 *id, GError **err)
{
	const AuthUser *u = user(g, username, err);
	Op x = {u, obj, action, kind};
	g_autofree char *name = NULL;
	WorkOp op = {NULL, kind == K_TASK ? "task" : "document", kind == K_TASK ? "督查" : "公文",
	             kind != K_TASK, op_act};
	const char *field = NULL;
	gboolean ok;

	if (u == NULL) {
		json_decref(obj);
		return FALSE;
	}
	if (action == NULL) {
		op.fn = op_create;
		name = g_strdup(kind == K_TASK ? "tasks.create" : "docs.create");
	} else if (strcmp(action, "record") == 0) {
		op = (WorkOp){"instruction.record", "instruction", "督查", FALSE, op_record};
	} else
		name = g_strdup_printf("%s.%s", kind == K_TASK ? "tasks" : "docs", action);
	if (name)
		op.action = name;
	ok = work_op_in(WORK_ERRORS, g->c, u, "init --demo", &op, &x, id, obj, &field, err);
	if (!ok && err && *err && field)
		g_prefix_error(err, "%s: ", field);
	json_decref(obj);
	return ok;
}

/* ---- taking the steps --------------------------------------------------------------------- */

/* The 批示 ITEM last received (its id), after an instruct or record step. */
static gint64 last_instruction(Gen *g, gint64 item, GError **err)
{
	g_autoptr(json_t) r =
	    work_rows(WORK_ERRORS, g->c, err,
	              "SELECT max(id) AS id FROM instruction WHERE item_id = ?", "i", item);

	return r ? json_integer_value(json_object_get(json_array_get(r, 0), "id")) : 0;
}

/* A leader for the circulation of incoming plan P: each leader in turn, so all get some. */
static const char *reader(Gen *g, int n)
{
	json_t *l = json_object_get(g->city, "leaders");

	return jstr(json_array_get(l, (size_t)n % json_array_size(l)), "user");
}

/* Step S of incoming plan P. */
static gboolean step_in(Gen *g, Plan *p, const char *s, GError **err)
{
	json_t *dom = p->dom;
	const char *unit = p->unit;
	const char *uname = unit_name(g, unit);
	const char *clerk = (p->id % 3) ? "mishuke" : "mishuke2";
	static int circulations;

	if (strcmp(s, "check") == 0)
		return run(g, clerk, K_IN, "check", json_object(), &p->id, err);
	if (strcmp(s, "propose") == 0 || strcmp(s, "propose!") == 0) {
		g_autofree char *text =
		    g_strdup_printf("拟请市领导阅示，建议由%s研究办理。", uname);
		return run(g, clerk, K_IN, "propose", json_pack("{s:s}", "opinion", text), &p->id,
		           err);
	}
	if (strcmp(s, "instruct") == 0) {
		g_autofree char *text = fill_unit(pick(g, g->work, "instructions"), uname);
		g_autofree char *first = NULL;
		json_t *body;
		if (p->actor) {
			/* the second 批示 follows the first: 同意建国同志意见。… */
			g_autofree char *given =
			    g_utf8_substring(leader_name(g, p->actor), 1,
			                     g_utf8_strlen(leader_name(g, p->actor), -1));
			g_autofree char *then =
			    g_strdup_printf("同意%s同志意见。请%s抓好落实。", given, uname);
			g_free(text);
			text = g_steal_pointer(&then);
		}
		first = g_steal_pointer(&p->actor);
		body = json_pack("{s:s}", "opinion", text);
		if ((p->actor = next_actor(g, p->id, "instruct", err)) == NULL) {
			json_decref(body);
			return FALSE;
		}
		if (g_rand_boolean(g->rand))
			json_object_set_new(body, "deadline_working_days",
			                    json_integer(g_rand_int_range(g->rand, 10, 31)));
		if (!run(g, p->actor, K_IN, "instruct", body, &p->id, err))
			return FALSE;
		if (first) { /* the task carries out the first 批示 */
			g_free(p->actor);
			p->actor = g_steal_pointer(&first);
			return TRUE;
		}
		p->instruction = last_instruction(g, p->id, err);
		return p->instruction > 0;
	}
	if (strcmp(s, "paper") == 0) {
		gboolean oral = p->paper == 2;
		json_t *leaders = json_object_get(g->city, "leaders");
		const char *leader =
		    jstr(json_array_get(leaders, (size_t)g_rand_int_range(g->rand, 0, 4)), "user");
		g_autofree char *text = fill_unit(pick(g, g->work, "instructions"), uname);
		json_t *body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "form",
		                         oral ? "oral" : "paper", "leader", leader, "text", text,
		                         "item_id", (json_int_t)p->id, "source_who",
		                         pick(g, g->work, oral ? "oral_sources" : "paper_sources"));
		gint64 id = 0;
		p->actor = g_strdup(leader);
		if (!run(g, clerk, K_IN, "record", body, &id, err))
			return FALSE;
		p->instruction = id;
		return TRUE;
	}
	if (strcmp(s, "assign") == 0) {
		GDate d;
		g_autofree char *today = core_today(), *due = NULL;
		core_date_parse(today, &d);
		core_calendar_add(&d, 15, &d);
		due = core_date_format(&d);
		return run(g, clerk, K_IN, "assign",
		           json_pack("{s:s, s:s, s:s}", "unit", unit, "deadline", due, "opinion",
		                     "请按批示要求抓好落实，按时报送办理结果。"),
		           &p->id, err);
	}
	if (strcmp(s, "circulate") == 0) {
		int n = circulations;
		circulations += 2;
		return run(g, clerk, K_IN, "circulate",
		           json_pack("{s:s, s:[s, s]}", "mode", "ordered", "readers", reader(g, n),
		                     reader(g, n + 1)),
		           &p->id, err);
	}
	if (strcmp(s, "read") == 0) {
		g_autofree char *who = next_actor(g, p->id, "read", err);
		return who && run(g, who, K_IN, "read", json_pack("{s:s}", "opinion", "已阅。"),
		                  &p->id, err);
	}
	if (strcmp(s, "return") == 0)
		return run(
		    g, clerk, K_IN, "return",
		    json_pack("{s:s}", "opinion", "不属于市委办理事项，请按程序报送市政府办公室。"),
		    &p->id, err);
	if (strcmp(s, "complete") == 0 || strcmp(s, "archive") == 0)
		return run(g, clerk, K_IN, s, json_object(), &p->id, err);
	(void)dom;
	g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID, "unknown demo step %s", s);
	return FALSE;
}

/* Step S of outgoing plan P. */
static gboolean step_out(Gen *g, Plan *p, const char *s, GError **err)
{
	const char *clerk = (p->id % 2) ? "mishuke" : "mishuke2";

	if (strcmp(s, "submit") == 0)
		return run(g, p->actor, K_OUT, "submit", json_object(), &p->id, err);
	if (strcmp(s, "review") == 0)
		return run(g, clerk, K_OUT, "review",
		           json_pack("{s:s}", "opinion", "文稿已核，格式规范，请审签。"), &p->id,
		           err);
	if (strcmp(s, "request_cosign") == 0)
		return run(g, clerk, K_OUT, "request_cosign",
		           json_pack("{s:[s]}", "users", reader(g, (int)p->id)), &p->id, err);
	if (strcmp(s, "cosign") == 0 || strcmp(s, "sign") == 0) {
		g_autofree char *who = next_actor(g, p->id, s, err);
		if (who == NULL) {
			if (err && *err == NULL)
				g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID, "nobody may %s",
				            s);
			return FALSE;
		}
		return run(g, who, K_OUT, s, json_pack("{s:s}", "opinion", "同意。"), &p->id, err);
	}
	if (strcmp(s, "return") == 0)
		return run(
		    g, clerk, K_OUT, "return",
		    json_pack("{s:s}", "opinion", "请进一步精简篇幅，压缩至三千字以内后重新报送。"),
		    &p->id, err);
	if (strcmp(s, "void") == 0)
		return run(g, clerk, K_OUT, "void",
		           json_pack("{s:s}", "opinion", "内容已由新文件替代，本件作废。"), &p->id,
		           err);
	return run(g, clerk, K_OUT, s, json_object(), &p->id, err);
}

/* Step S of task plan P. */
static gboolean step_task(Gen *g, Plan *p, const char *s, GError **err)
{
	const char *liaison = g_hash_table_lookup(g->liaison, p->unit);
	const char *staff = (p->id % 2) ? "duchashi" : "duchashi2";

	if (strcmp(s, "accept") == 0)
		return run(g, liaison, K_TASK, "accept",
		           json_pack("{s:s}", "opinion", "已签收，将按要求抓紧办理。"), &p->id,
		           err);
	if (strcmp(s, "report") == 0)
		return run(g, liaison, K_TASK, "report",
		           json_pack("{s:s}", "opinion", pick(g, g->work, "reports")), &p->id, err);
	if (strcmp(s, "request_close") == 0)
		return run(g, liaison, K_TASK, "request_close",
		           json_pack("{s:s}", "opinion", pick(g, g->work, "results")), &p->id, err);
	if (strcmp(s, "t_return") == 0)
		return run(g, staff, K_TASK, "return",
		           json_pack("{s:s}", "opinion", pick(g, g->work, "returns")), &p->id, err);
	return run(
	    g, staff, K_TASK, s,
	    json_pack("{s:s}", "opinion",
	              strcmp(s, "verify") == 0 ? "经实地核查，办理情况属实。" : "同意销号。"),
	    &p->id, err);
}

/* The 来文字号 of incoming plan P: the sender's mark (省应急发), or for a body of the city its
 * own (江发改, 江东发), the year of its day and a number that grows through the year. */
static char *sender_number(Gen *g, Plan *p)
{
	const char *mark = jstr(json_object_get(g->work, "sender_marks"), p->sender);
	g_autofree char *month = core_time_format(p->at[0], "%m"), *stem = NULL;
	int n = (atoi(month) - 1) * 12 + g_rand_int_range(g->rand, 1, 13);
	gboolean party;

	if (mark)
		return g_strdup_printf("%s〔%d〕%d号", mark, DEMO_START_Y, n);
	if (g_str_has_suffix(p->sender, "区委") || g_str_has_suffix(p->sender, "县委")) {
		stem = g_utf8_substring(p->sender, 0, 2);
		return g_strdup_printf("%s发〔%d〕%d号", stem, DEMO_START_Y, n);
	}
	/* 市发改委 → 江发改, 市应急管理局 → 江应急管理, 市委宣传部 → 江宣传发 */
	party = g_str_has_prefix(p->sender, "市委");
	stem = g_strdup(p->sender + strlen(party ? "市委" : "市"));
	if (g_str_has_suffix(stem, "局") || g_str_has_suffix(stem, "委") ||
	    g_str_has_suffix(stem, "办") || g_str_has_suffix(stem, "部") ||
	    g_str_has_suffix(stem, "室"))
		stem[strlen(stem) - strlen("局")] = '\0';
	if (g_utf8_strlen(stem, -1) > 4) {
		char *cut = g_utf8_substring(stem, 0, 4);
		g_free(stem);
		stem = cut;
	}
	return g_strdup_printf("江%s%s〔%d〕%d号", stem, party ? "发" : "", DEMO_START_Y, n);
}

/* Creates the item of plan P. */
static gboolean create(Gen *g, Plan *p, GError **err)
{
	g_autofree char *body = NULL;

	if (p->kind == K_TASK) {
		json_t *obj = json_pack("{s:s, s:s, s:i}", "source", p->source, "lead_unit",
		                        p->unit, "deadline_working_days", p->deadline);
		if (p->src >= 0) {
			Plan *d = &g_array_index(g->plans, Plan, p->src);
			json_object_set_new(obj, "instruction_id", json_integer(d->instruction));
			json_object_set_new(obj, "source_item_id", json_integer(d->id));
			json_object_set_new(obj, "content",
			                    json_sprintf("落实%s同志在《%s》上的批示",
			                                 leader_name(g, d->actor), d->title));
		} else {
			json_object_set_new(obj, "content", json_string(p->title));
			json_object_set_new(obj, "domain", json_string(jstr(p->dom, "domain")));
		}
		return run(g, p->id % 2 ? "duchashi" : "duchashi2", K_TASK, NULL, obj, &p->id, err);
	}
	body = jstr(p->dom, "body") ? g_strdup(jstr(p->dom, "body"))
	                            : compose_body(g, p->dom, p->title);
	if (p->kind == K_IN) {
		json_t *obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "direction", "incoming",
		                        "doc_type", type_of(p->title), "title", p->title, "domain",
		                        jstr(p->dom, "domain"), "body", body, "sender", p->sender);
		g_autofree char *mark = sender_number(g, p);
		if (p->steps[0] && p->steps[1] && strcmp(p->steps[1], "propose!") == 0)
			json_object_set_new(obj, "origin", json_string("higher"));
		json_object_set_new(obj, "sender_number", json_string(mark));
		json_object_set_new(obj, "copies", json_integer(g_rand_int_range(g->rand, 1, 4)));
		if (g_rand_int_range(g->rand, 0, 10) == 0)
			json_object_set_new(
			    obj, "urgency",
			    json_string(g_rand_int_range(g->rand, 0, 4) ? "加急" : "特急"));
		return run(g, g_rand_boolean(g->rand) ? "mishuke" : "mishuke2", K_IN, NULL, obj,
		           &p->id, err);
	}
	{
		const char *type = type_of(p->title);
		json_t *obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "direction", "outgoing",
		                        "doc_type", type, "series", p->series, "title", p->title,
		                        "domain", jstr(p->dom, "domain"), "body", body);
		/* 主送 is a unit of the city for now: a 请示 or 报告 goes to the unit in charge */
		json_object_set_new(obj, "main_to",
		                    strcmp(type, "通知") && strcmp(type, "意见") &&
		                            strcmp(type, "方案")
		                        ? json_pack("[s]", p->unit)
		                        : json_pack("[s, s, s, s]", "jdq", "jbq", "qsx", p->unit));
		return run(g, p->actor, K_OUT, NULL, obj, &p->id, err);
	}
}

/* Takes event E. */
static gboolean take(Gen *g, const Event *e, GError **err)
{
	Plan *p = &g_array_index(g->plans, Plan, e->plan);
	const char *s;

	core_clock_set(e->at);
	if (e->step == 0) {
		g->made++;
		return create(g, p, err);
	}
	s = p->steps[e->step - 1];
	return p->kind == K_IN    ? step_in(g, p, s, err)
	       : p->kind == K_OUT ? step_out(g, p, s, err)
	                          : step_task(g, p, s, err);
}

/* ---- the plan of the year ----------------------------------------------------------------- */

static int steps_len(const char *const *s)
{
	int n = 0;

	while (s[n])
		n++;
	return n;
}

/* A title to use: one entry of a shuffled list of them. */
typedef struct {
	json_t *dom;
	const char *title;
	gboolean higher;
} Title;

/* Every title of lists KEYS[] of every domain, shuffled. */
static GArray *titles(Gen *g, const char *const *keys)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(Title));
	json_t *dom, *t;
	size_t i, j;

	json_array_foreach (json_object_get(g->work, "domains"), i, dom)
		for (int k = 0; keys[k]; k++)
			json_array_foreach (json_object_get(dom, keys[k]), j, t)
				g_array_append_val(a, ((Title){dom, json_string_value(t),
				                               strcmp(keys[k], "in_higher") == 0}));
	for (guint n = a->len; n > 1; n--) {
		guint r = (guint)g_rand_int_range(g->rand, 0, (gint32)n);
		Title tmp = g_array_index(a, Title, n - 1);
		g_array_index(a, Title, n - 1) = g_array_index(a, Title, r);
		g_array_index(a, Title, r) = tmp;
	}
	return a;
}

/* Takes the next title of LIST from *NEXT on, one from a higher body when HIGHER. */
static Title take_title(GArray *list, guint *next, gboolean higher)
{
	guint i = *next;

	while (higher && i < list->len && !g_array_index(list, Title, i).higher)
		i++;
	if (i >= list->len)
		i = *next;
	if (i != *next) {
		Title tmp = g_array_index(list, Title, i);
		g_array_index(list, Title, i) = g_array_index(list, Title, *next);
		g_array_index(list, Title, *next) = tmp;
	}
	return g_array_index(list, Title, (*next)++ % list->len);
}

/* The unit that handles DOM's work: its own unit when that has a liaison, else 市政府办. */
static const char *handling_unit(Gen *g, json_t *dom)
{
	const char *u = jstr(dom, "unit");

	return g_hash_table_contains(g->liaison, u) ? u : "szfb";
}

static Plan *add_plan(Gen *g, Plan p)
{
	g_array_append_val(g->plans, p);
	return &g_array_index(g->plans, Plan, g->plans->len - 1);
}

/* The series of outgoing plan P: 江委函 or 江委办函 for a 函, 江委发 or 江委办发 otherwise;
 * 江委办发 when it would be numbered before CITED, so the 江委发 numbers the organisation
 * cites fall to the documents they name. */
static const char *series_for(Gen *g, Plan *p, gint64 cited)
{
	const char *type = type_of(p->title);

	if (strcmp(type, "函") == 0)
		return g_rand_boolean(g->rand) ? "江委函" : "江委办函";
	if (g_rand_boolean(g->rand) && strcmp(type, "请示") && strcmp(type, "报告"))
		return "江委办发";
	for (int k = 0; k < p->nsteps; k++)
		if (strcmp(p->steps[k], "number") == 0 && p->at[k + 1] < cited)
			return "江委办发";
	return "江委发";
}

/* The incoming and outgoing documents of the year. */
static void plan_documents(Gen *g)
{
	static const char *in_keys[] = {"in_higher", "in_local", NULL}, *out_keys[] = {"out", NULL};
	g_autoptr(GArray) in = titles(g, in_keys), out = titles(g, out_keys);
	guint next_in = 0, next_out = 0;
	json_t *one;
	size_t i;
	gint64 cited = g->start;
	static const char *counties[] = {"江东区委", "江北区委", "青山县委"};

	for (gsize r = 0; r < G_N_ELEMENTS(in_recipes); r++)
		for (int k = 0; k < in_recipes[r].count; k++) {
			const char *const *steps = in_recipes[r].steps;
			gboolean bang = steps[0] && steps[1] && strcmp(steps[1], "propose!") == 0;
			Title t = take_title(in, &next_in, bang);
			Plan p = {.kind = K_IN,
			          .dom = t.dom,
			          .title = t.title,
			          .higher = t.higher,
			          .src = -1,
			          .steps = (const char **)steps,
			          .nsteps = steps_len(steps)};
			p.unit = handling_unit(g, t.dom);
			p.sender = bang       ? "省委办公厅"
			           : t.higher ? pick(g, t.dom, "higher")
			           : g_rand_int_range(g->rand, 0, 4) == 0
			               ? counties[g_rand_int_range(g->rand, 0, 3)]
			           : jstr(t.dom, "local_sender")
			               ? jstr(t.dom, "local_sender")
			               : unit_name(g, jstr(t.dom, "unit"));
			for (int s = 0; s < p.nsteps; s++)
				if (strcmp(steps[s], "paper") == 0)
					p.paper = 1 + (k % 2);
			plan_times(
			    g, &p,
			    plan_start(g, p.nsteps, p.nsteps ? steps[p.nsteps - 1] : NULL, 2), 2);
			add_plan(g, p);
		}
	json_array_foreach (json_object_get(g->work, "numbered"), i, one) {
		/* the committee's documents the organisation cites (the 分工, 江委发〔2026〕1号 and
		 * 3号), numbered on the days given, before any other 江委发 */
		static const char *const path[] = {"submit",     "review",  "sign",
		                                   "recheck",    "number",  "print",
		                                   "distribute", "archive", NULL};
		GDate d;
		Plan p = {.kind = K_OUT,
		          .dom = one,
		          .title = jstr(one, "title"),
		          .src = -1,
		          .unit = "swbgs",
		          .series = jstr(one, "series"),
		          .steps = (const char **)path,
		          .nsteps = steps_len(path),
		          .actor = g_strdup("zongheke")};
		core_date_parse(jstr(one, "numbered_on"), &d);
		for (int k = 0; k <= p.nsteps; k++)
			p.at[k] = at_time(&d, 9, 0) + 1200 * (k - 5) + (k == 8 ? 86400 * 7 : 0);
		add_plan(g, p);
		cited = MAX(cited, p.at[p.nsteps] + 86400);
	}
	for (gsize r = 0; r < G_N_ELEMENTS(out_recipes); r++)
		for (int k = 0; k < out_recipes[r].count; k++) {
			const char *const *steps = out_recipes[r].steps;
			Title t = take_title(out, &next_out, FALSE);
			Plan p = {.kind = K_OUT,
			          .dom = t.dom,
			          .title = t.title,
			          .src = -1,
			          .steps = (const char **)steps,
			          .nsteps = steps_len(steps)};
			const char *liaison;
			p.unit = handling_unit(g, t.dom);
			liaison = g_hash_table_lookup(g->liaison, p.unit);
			p.actor = g_strdup(liaison && g_rand_boolean(g->rand)
			                       ? liaison
			                       : (k % 2 ? "zongheke" : "zongheke2"));
			plan_times(
			    g, &p,
			    plan_start(g, p.nsteps, p.nsteps ? steps[p.nsteps - 1] : NULL, 2), 2);
			p.series = series_for(g, &p, cited);
			add_plan(g, p);
		}
}

/* The last step of task recipe R, or NULL when it has none. */
static const char *recipe_last(int r)
{
	int n = steps_len(task_recipes[r].steps);

	return n ? task_recipes[r].steps[n - 1] : NULL;
}

/* Takes from POOL (recipe indexes) one whose path closes the task when CLOSED, else one that
 * leaves it open; any when none is left of that sort. -1 when the pool is empty. */
static int take_recipe(GArray *pool, gboolean closed)
{
	/* open, waiting for the lead unit (to accept, report or redo), first */
	static const int unit_acts[] = {6, 5, 4, 3};

	for (gsize k = 0; !closed && k < G_N_ELEMENTS(unit_acts); k++)
		for (guint i = 0; i < pool->len; i++)
			if (g_array_index(pool, int, i) == unit_acts[k]) {
				g_array_remove_index(pool, i);
				return unit_acts[k];
			}
	for (guint i = 0; i < pool->len; i++) {
		int r = g_array_index(pool, int, i);
		if (at_rest(recipe_last(r)) == closed) {
			g_array_remove_index(pool, i);
			return r;
		}
	}
	if (pool->len == 0)
		return -1;
	{
		int r = g_array_index(pool, int, 0);
		g_array_remove_index(pool, 0);
		return r;
	}
}

/* A task of DOM (SRC: the incoming plan whose 批示 it carries out, or -1) on path R from FIRST. */
static void add_task(Gen *g, json_t *dom, int src, int r, gint64 first, const char *content,
                     const char *unit)
{
	static const char *sources[] = {"meeting", "key_work", "higher"};
	const char *const *steps = task_recipes[r].steps;
	Plan p = {.kind = K_TASK,
	          .dom = dom,
	          .title = content,
	          .src = src,
	          .unit = unit,
	          .steps = (const char **)steps,
	          .nsteps = steps_len(steps)};

	p.source = src >= 0 ? "instruction" : sources[g_rand_int_range(g->rand, 0, 3)];
	if (src < 0 && strcmp(jstr(dom, "domain"), "petition") == 0)
		p.source = "petition";
	/* most open tasks are within their time, some are late */
	p.deadline = p.nsteps && strcmp(steps[p.nsteps - 1], "close") == 0
	                 ? g_rand_int_range(g->rand, 10, 31)
	                 : g_rand_int_range(g->rand, 10, 61);
	if (first >= g->now - 7200)
		first = g->now - 7200;
	plan_times(g, &p, first, 6);
	add_plan(g, p);
}

/* The tasks: one open task for every unit that has a liaison, one for each 批示 handed over
 * (转交办), and the rest from meetings, key work and higher bodies. */
static void plan_tasks(Gen *g)
{
	g_autoptr(GArray) pool = g_array_new(FALSE, FALSE, sizeof(int));
	g_autoptr(GList) units =
	    g_list_sort(g_hash_table_get_keys(g->liaison), (GCompareFunc)strcmp);
	json_t *doms = json_object_get(g->work, "domains"), *dom;
	guint ndocs = g->plans->len, cursor = 0;
	gint64 old;
	GDate d;
	size_t i;

	for (gsize r = 0; r < G_N_ELEMENTS(task_recipes); r++)
		for (int k = 0; k < task_recipes[r].count; k++)
			g_array_append_val(pool, (int){(int)r});
	core_calendar_add(&g->today, -50, &d);
	old = core_date_unix(&d);
	for (GList *l = units; l; l = l->next) {
		json_t *mine = NULL;
		int r = take_recipe(pool, FALSE);
		json_array_foreach (doms, i, dom)
			if (g_strcmp0(jstr(dom, "unit"), l->data) == 0)
				mine = dom;
		if (mine == NULL)
			mine = json_array_get(doms, g_str_hash(l->data) % json_array_size(doms));
		add_task(g, mine, -1, r,
		         plan_start(g, steps_len(task_recipes[r].steps), recipe_last(r), 2),
		         pick(g, mine, "tasks"), l->data);
	}
	for (guint k = 0; k < ndocs && pool->len; k++) {
		Plan *p = &g_array_index(g->plans, Plan, k);
		int at = -1, r;
		for (int s = 0; s < p->nsteps; s++)
			if (strcmp(p->steps[s], "instruct") == 0 ||
			    strcmp(p->steps[s], "paper") == 0)
				at = s + 1;
		if (p->kind != K_IN || at < 0 || at >= p->nsteps || strcmp(p->steps[at], "assign"))
			continue;
		r = take_recipe(pool, p->at[at] < old);
		add_task(g, p->dom, (int)k, r, later(g, p->at[at], 1), NULL, p->unit);
	}
	while (pool->len) {
		int r = g_array_index(pool, int, 0);
		json_t *dom2 = json_array_get(doms, cursor++ % json_array_size(doms));
		g_array_remove_index(pool, 0);
		add_task(g, dom2, -1, r,
		         plan_start(g, steps_len(task_recipes[r].steps), recipe_last(r), 6),
		         pick(g, dom2, "tasks"), handling_unit(g, dom2));
	}
}

static int event_order(gconstpointer a, gconstpointer b)
{
	const Event *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->plan != y->plan ? x->plan - y->plan : x->step - y->step;
}

/* ---- loading ------------------------------------------------------------------------------ */

gint64 site_demo_start(void)
{
	GDate d;

	g_date_set_dmy(&d, DEMO_START_D - 1, DEMO_START_M, DEMO_START_Y);
	return at_time(&d, 16, 0);
}

/* The compiled-in JSON file PATH, or NULL with ERR. */
static json_t *resource_json(const char *path, GError **err)
{
	g_autoptr(GBytes) b =
	    g_resource_lookup_data(mishu_get_resource(), path, G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	json_error_t je;
	json_t *j;

	if (b == NULL)
		return NULL;
	if ((j = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, &je)) == NULL)
		g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID, "%s: %s", path, je.text);
	return j;
}

/* Takes every event of G in time order, committing every DEMO_BATCH steps. */
static gboolean take_all(Gen *g, GArray *events, GError **err)
{
	GError *e = NULL;

	if (!db_begin(g->c, TRUE, &e))
		goto db_fail;
	for (guint i = 0; i < events->len; i++) {
		const Event *ev = &g_array_index(events, Event, i);
		if (!take(g, ev, err)) {
			Plan *p = &g_array_index(g->plans, Plan, ev->plan);
			g_prefix_error(err, "《%s》 %s: ", p->title ? p->title : "",
			               ev->step ? p->steps[ev->step - 1] : "create");
			db_rollback(g->c);
			return FALSE;
		}
		if ((i + 1) % DEMO_BATCH == 0 &&
		    (!db_commit(g->c, &e) || !db_begin(g->c, TRUE, &e)))
			goto db_fail;
	}
	if (db_commit(g->c, &e))
		return TRUE;
db_fail:
	db_rollback(g->c);
	g_set_error(err, WORK_ERROR, WORK_ERROR_DB, "%s", e->message);
	g_error_free(e);
	return FALSE;
}

gboolean site_demo_work_load(Db *db, int *made, GError **err)
{
	Gen g = {0};
	g_autoptr(GArray) events = g_array_new(FALSE, FALSE, sizeof(Event));
	g_autoptr(json_t) have = NULL;
	g_autofree char *today = NULL;
	GError *e = NULL;
	json_t *u;
	size_t i;
	int changed = 0;
	gboolean ok = FALSE;

	*made = 0;
	if ((g.c = db_conn(db, &e)) == NULL) {
		g_set_error(err, WORK_ERROR, WORK_ERROR_DB, "%s", e->message);
		g_error_free(e);
		return FALSE;
	}
	/* once: a database that already holds work is left as it is */
	have = work_rows(WORK_ERRORS, g.c, err,
	                 "SELECT count(*) AS n FROM item WHERE kind IN ('incoming', 'outgoing', "
	                 "'task')",
	                 "");
	if (have == NULL)
		return FALSE;
	if (json_integer_value(json_object_get(json_array_get(have, 0), "n")) > 0)
		return TRUE;
	if ((g.work = resource_json("/mishu/data/demo/work.json", err)) == NULL ||
	    (g.city = resource_json("/mishu/data/demo/jiangcheng.json", err)) == NULL)
		goto out;
	g.rand = g_rand_new_with_seed(DEMO_SEED);
	g.users =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)auth_user_free);
	g.liaison = g_hash_table_new(g_str_hash, g_str_equal);
	g.plans = g_array_new(FALSE, TRUE, sizeof(Plan));
	g.start = site_demo_start();
	g.now = g_get_real_time() / G_USEC_PER_SEC;
	today = core_time_format(g.now, "%Y-%m-%d");
	core_date_parse(today, &g.today);
	json_array_foreach (json_object_get(g.city, "users"), i, u) {
		json_t *roles = json_object_get(u, "roles");
		if (jstr(u, "unit") && json_array_size(roles) &&
		    g_strcmp0(json_string_value(json_array_get(roles, 0)), "liaison") == 0 &&
		    !g_hash_table_contains(g.liaison, jstr(u, "unit")))
			g_hash_table_insert(g.liaison, (gpointer)jstr(u, "unit"),
			                    (gpointer)jstr(u, "username"));
	}
	plan_documents(&g);
	plan_tasks(&g);
	for (guint k = 0; k < g.plans->len; k++)
		for (int s = 0; s <= g_array_index(g.plans, Plan, k).nsteps; s++)
			g_array_append_val(
			    events, ((Event){g_array_index(g.plans, Plan, k).at[s], (int)k, s}));
	g_array_sort(events, event_order);
	ok = take_all(&g, events, err);
	core_clock_set(0);
	/* the chaser's marks as of today */
	ok = ok && tasks_chase(db, today, &changed, err);
	*made = ok ? g.made : 0;
out:
	core_clock_set(0);
	for (guint k = 0; g.plans && k < g.plans->len; k++)
		g_free(g_array_index(g.plans, Plan, k).actor);
	if (g.plans)
		g_array_unref(g.plans);
	if (g.users)
		g_hash_table_unref(g.users);
	if (g.liaison)
		g_hash_table_unref(g.liaison);
	if (g.rand)
		g_rand_free(g.rand);
	json_decref(g.work);
	json_decref(g.city);
	return ok;
}
