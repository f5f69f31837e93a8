/*
 * site_demo_steps.c — the demo year's items made and moved on (site_demo.c plans them): the
 * bodies composed from data/demo/work.json, and each step taken by the person whose turn it is
 * through the function the API calls, with its audit entry (work_op_in).
 */
#define G_LOG_DOMAIN "mishu-site"

#include "site/site_demo_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "docs/docs.h"
#include "tasks/tasks.h"
#include "work/flow.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

/* The string KEY of O (borrowed), or NULL. */
const char *site_demo_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A random entry of the string array KEY of O (borrowed), or "". */
const char *site_demo_pick(Gen *g, json_t *o, const char *key)
{
	json_t *a = json_object_get(o, key);
	size_t n = json_array_size(a);

	return n ? json_string_value(json_array_get(a, g_rand_int_range(g->rand, 0, (gint32)n)))
	         : "";
}

/* The document type a title names by its last words (…的通知 → 通知). */
const char *site_demo_type(const char *title)
{
	static const char *types[] = {"请示", "报告", "通知", "意见", "方案", "纪要",
	                              "函",   "决定", "通报", "批复", NULL};

	for (int i = 0; types[i]; i++)
		if (g_str_has_suffix(title, types[i]))
			return types[i];
	return "通知";
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
const char *site_demo_unit_name(Gen *g, const char *code)
{
	json_t *u;
	size_t i;

	json_array_foreach (json_object_get(g->city, "units"), i, u)
		if (g_strcmp0(site_demo_str(u, "code"), code) == 0)
			return site_demo_str(u, "short_name") ? site_demo_str(u, "short_name")
			                                      : site_demo_str(u, "name");
	return code;
}

/* A leader's name ("王建国") from the demo city, by username. */
static const char *leader_name(Gen *g, const char *username)
{
	json_t *l;
	size_t i;

	json_array_foreach (json_object_get(g->city, "leaders"), i, l)
		if (g_strcmp0(site_demo_str(l, "user"), username) == 0)
			return site_demo_str(l, "name");
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
	const char *hard = site_demo_pick(g, g->work, "difficulties");

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
	const char *type = site_demo_type(title);
	g_autofree char *topic = topic_of(title, type);
	GString *b = g_string_new(NULL);
	json_t *paras = json_object_get(dom, "paragraphs"), *p;
	const char *open = site_demo_str(json_object_get(g->work, "openers"), type);
	const char *close = site_demo_str(json_object_get(g->work, "closers"), type);
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
		if (g_strcmp0(site_demo_str(a, "step"), step) == 0 && site_demo_str(a, "username"))
			return g_strdup(site_demo_str(a, "username"));
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
	WorkOp op = {NULL, kind == K_TASK ? "task" : "document", kind != K_TASK, op_act};
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
		op = (WorkOp){"instruction.record", "instruction", FALSE, op_record};
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

	return site_demo_str(json_array_get(l, (size_t)n % json_array_size(l)), "user");
}

/* Step S of incoming plan P. */
static gboolean step_in(Gen *g, Plan *p, const char *s, GError **err)
{
	json_t *dom = p->dom;
	const char *unit = p->unit;
	const char *uname = site_demo_unit_name(g, unit);
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
		g_autofree char *text =
		    fill_unit(site_demo_pick(g, g->work, "instructions"), uname);
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
		const char *leader = site_demo_str(
		    json_array_get(leaders, (size_t)g_rand_int_range(g->rand, 0, 4)), "user");
		g_autofree char *text =
		    fill_unit(site_demo_pick(g, g->work, "instructions"), uname);
		json_t *body = json_pack(
		    "{s:s, s:s, s:s, s:I, s:s}", "form", oral ? "oral" : "paper", "leader", leader,
		    "text", text, "item_id", (json_int_t)p->id, "source_who",
		    site_demo_pick(g, g->work, oral ? "oral_sources" : "paper_sources"));
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
		           json_pack("{s:s}", "opinion", site_demo_pick(g, g->work, "reports")),
		           &p->id, err);
	if (strcmp(s, "request_close") == 0)
		return run(g, liaison, K_TASK, "request_close",
		           json_pack("{s:s}", "opinion", site_demo_pick(g, g->work, "results")),
		           &p->id, err);
	if (strcmp(s, "t_return") == 0)
		return run(g, staff, K_TASK, "return",
		           json_pack("{s:s}", "opinion", site_demo_pick(g, g->work, "returns")),
		           &p->id, err);
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
	const char *mark = site_demo_str(json_object_get(g->work, "sender_marks"), p->sender);
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
			json_object_set_new(obj, "domain",
			                    json_string(site_demo_str(p->dom, "domain")));
		}
		return run(g, p->id % 2 ? "duchashi" : "duchashi2", K_TASK, NULL, obj, &p->id, err);
	}
	body = site_demo_str(p->dom, "body") ? g_strdup(site_demo_str(p->dom, "body"))
	                                     : compose_body(g, p->dom, p->title);
	if (p->kind == K_IN) {
		json_t *obj =
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "direction", "incoming", "doc_type",
		              site_demo_type(p->title), "title", p->title, "domain",
		              site_demo_str(p->dom, "domain"), "body", body, "sender", p->sender);
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
		const char *type = site_demo_type(p->title);
		json_t *obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "direction", "outgoing",
		                        "doc_type", type, "series", p->series, "title", p->title,
		                        "domain", site_demo_str(p->dom, "domain"), "body", body);
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
gboolean site_demo_take(Gen *g, const Event *e, GError **err)
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
