/*
 * site_demo.c — a year of the demo city's work for `mishu init --demo`: incoming and outgoing
 * documents in every state of their workflows, 批示 (written, paper and oral) and 督办 tasks.
 * This file plans the year — for each item a path through its workflow (the recipes below) and
 * a moment for each step — and takes every step of every plan in time order with the clock set
 * (core_clock_set) to the step's moment; site_demo_steps.c composes the texts from
 * data/demo/work.json and takes each step through the module functions the API calls, with its
 * audit entry. So the trail, the inbox, the numbers and the search index are those of real use.
 * A seeded PRNG keeps it the same on every run; nothing is made when the database already holds
 * documents or tasks.
 */
#define G_LOG_DOMAIN "mishu-site"

#include "site/site.h"
#include "site/site_demo_internal.h"
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
	const char *u = site_demo_str(dom, "unit");

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
	const char *type = site_demo_type(p->title);

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
			           : t.higher ? site_demo_pick(g, t.dom, "higher")
			           : g_rand_int_range(g->rand, 0, 4) == 0
			               ? counties[g_rand_int_range(g->rand, 0, 3)]
			           : site_demo_str(t.dom, "local_sender")
			               ? site_demo_str(t.dom, "local_sender")
			               : site_demo_unit_name(g, site_demo_str(t.dom, "unit"));
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
		          .title = site_demo_str(one, "title"),
		          .src = -1,
		          .unit = "swbgs",
		          .series = site_demo_str(one, "series"),
		          .steps = (const char **)path,
		          .nsteps = steps_len(path),
		          .actor = g_strdup("zongheke")};
		core_date_parse(site_demo_str(one, "numbered_on"), &d);
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
	if (src < 0 && strcmp(site_demo_str(dom, "domain"), "petition") == 0)
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
			if (g_strcmp0(site_demo_str(dom, "unit"), l->data) == 0)
				mine = dom;
		if (mine == NULL)
			mine = json_array_get(doms, g_str_hash(l->data) % json_array_size(doms));
		add_task(g, mine, -1, r,
		         plan_start(g, steps_len(task_recipes[r].steps), recipe_last(r), 2),
		         site_demo_pick(g, mine, "tasks"), l->data);
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
		         site_demo_pick(g, dom2, "tasks"), handling_unit(g, dom2));
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
		if (!site_demo_take(g, ev, err)) {
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
		if (site_demo_str(u, "unit") && json_array_size(roles) &&
		    g_strcmp0(json_string_value(json_array_get(roles, 0)), "liaison") == 0 &&
		    !g_hash_table_contains(g.liaison, site_demo_str(u, "unit")))
			g_hash_table_insert(g.liaison, (gpointer)site_demo_str(u, "unit"),
			                    (gpointer)site_demo_str(u, "username"));
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
