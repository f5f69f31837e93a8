/*
 * inbox.c — a person's 待办 read from item_todo (flow_todo.c writes it): the list with its
 * personal counters, and the count the header shows on every page.
 *
 * The header's count is kept per user in memory so that a page costs no query for it. An entry
 * is good until the rows of someone it concerns change: work_flow_todo_write touches the users
 * and pools an item's rows named before and after the step (in the acting process at once, and
 * in every process through the "inbox" event when the step commits), and an entry computed
 * before a touch of its user, of one of its pools or of everyone is computed again. A minute is
 * the longest an entry lives in any case (a change the events cannot see: grants, 分工).
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/calendar.h"
#include "core/core.h"

#include <string.h>

/* An item due within this many working days (and not late) counts as due soon (即将到期). */
#define SOON_WORKING_DAYS 3
/* The longest a cached count lives, in microseconds. */
#define COUNT_TTL_US (60 * G_USEC_PER_SEC)

enum { POOL_STAFF = 1, POOL_LEADER = 2 };

/* Where the page of an item of each kind is: documents and tasks; the modules to come add
 * theirs (kinds and prefixes in the same order). */
const char *const work_item_kinds[] = {"incoming", "outgoing", "task",     "meeting", "agenda",
                                       "report",   "issue",    "incident", NULL};
static const char *const item_prefixes[] = {"/documents", "/documents", "/tasks",  "/meetings",
                                            "/agenda",    "/reports",   "/issues", "/incidents"};

char *work_item_href(const char *kind, gint64 id)
{
	for (gsize k = 0; work_item_kinds[k]; k++)
		if (g_strcmp0(work_item_kinds[k], kind) == 0)
			return g_strdup_printf("%s/%" G_GINT64_FORMAT, item_prefixes[k], id);
	return NULL;
}

const char *work_item_kind_label(DbConn *c, const char *kind, const char *lang)
{
	const WorkFlow *f = g_strcmp0(kind, "instruction") ? work_flow_get(c, kind, 0, NULL) : NULL;

	if (f)
		return work_flow_label(json_object_get(work_flow_json(f), "name"), lang, kind);
	return core_tr(lang,
	               g_strcmp0(kind, "instruction") == 0 ? N_("Instruction") : N_("Other work"));
}

const char *work_item_status_label(DbConn *c, const char *kind, const char *status,
                                   const char *lang)
{
	const WorkFlow *f = g_strcmp0(kind, "instruction") ? work_flow_get(c, kind, 0, NULL) : NULL;

	if (f)
		return work_flow_state_label(f, status, lang);
	return core_tr(lang,
	               g_strcmp0(status, "recorded") == 0 ? N_("Recorded") : N_("In progress"));
}

/* The pools U belongs to: the office (work.all) and the leaders (work.instruct). */
static int pools_of(const AuthUser *u)
{
	return (auth_can(u, "work.all") ? POOL_STAFF : 0) |
	       (auth_can(u, "work.instruct") ? POOL_LEADER : 0);
}

/* Adds to Q the rows of U's inbox: named for U, or for a pool of U's, on items U may see. */
static void where_mine(DbQuery *q, const AuthUser *u)
{
	int pools = pools_of(u);

	if (pools == (POOL_STAFF | POOL_LEADER))
		db_query_where(q, "t.user_id = ? OR t.pool IN ('staff', 'leader')", "i", u->id);
	else if (pools == POOL_STAFF)
		db_query_where(q, "t.user_id = ? OR t.pool = 'staff'", "i", u->id);
	else if (pools == POOL_LEADER)
		db_query_where(q, "t.user_id = ? OR t.pool = 'leader'", "i", u->id);
	else
		db_query_where(q, "t.user_id = ?", "i", u->id);
	auth_item_filter(q, u);
}

/* "late" when DUE (YYYY-MM-DD) is before TODAY, "soon" when it is within SOON_WORKING_DAYS
 * working days, else NULL. */
static const char *urgency(const char *due, const GDate *today)
{
	GDate d;

	if (due == NULL || !core_date_parse(due, &d))
		return NULL;
	if (g_date_compare(&d, today) < 0)
		return "late";
	return core_calendar_between(today, &d) <= SOON_WORKING_DAYS ? "soon" : NULL;
}

/* Adds one to COUNTS[KEY]. */
static void count_one(json_t *counts, const char *key)
{
	json_object_set_new(counts, key,
	                    json_integer(json_integer_value(json_object_get(counts, key)) + 1));
}

json_t *work_inbox(DbConn *c, const AuthUser *u, const WorkInboxFilter *f, const char *lang,
                   GError **err)
{
	g_autoptr(DbQuery) q =
	    db_query_new("SELECT t.item_id, i.kind, i.title, t.step, t.since, t.due, "
	                 "coalesce(i.workflow_version, 1) AS v FROM item_todo t JOIN item i ON "
	                 "i.id = t.item_id");
	g_autoptr(json_t) rows = NULL;
	g_autoptr(GHashTable) at = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	g_autoptr(GHashTable) flows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autofree char *today_text = core_today();
	json_t *items = json_array(), *counts = json_object(), *shown = json_array(), *r;
	GDate today;
	size_t i;

	core_date_parse(today_text, &today);
	where_mine(q, u);
	db_query_add(q, " ORDER BY coalesce(t.due, '9999') , t.since, t.item_id", "");
	db_query_limit(q, 1000);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL) {
		json_decref(items);
		json_decref(counts);
		json_decref(shown);
		return NULL;
	}
	json_array_foreach (rows, i, r) {
		gint64 id = json_integer_value(json_object_get(r, "item_id"));
		const char *kind = json_string_value(json_object_get(r, "kind"));
		gint64 v = json_integer_value(json_object_get(r, "v"));
		g_autofree char *fkey = g_strdup_printf("%s\n%" G_GINT64_FORMAT, kind, v);
		const WorkFlow *flow = g_hash_table_lookup(flows, fkey);
		const char *step = json_string_value(json_object_get(r, "step"));
		const char *due = json_string_value(json_object_get(r, "due"));
		const char *urg = urgency(due, &today);
		json_t *one = g_hash_table_lookup(at, &id), *label;
		g_autofree char *href = NULL;

		/* one read of each definition per inbox, not one per row */
		if (flow == NULL && (flow = work_flow_get(c, kind, v, NULL)) != NULL)
			g_hash_table_insert(flows, g_steal_pointer(&fkey), (gpointer)flow);
		label = json_string(flow ? work_flow_step_label(flow, step, lang) : step);

		if (one) { /* another step on the same item: listed with it */
			json_array_append_new(json_object_get(one, "steps"), json_string(step));
			json_array_append_new(json_object_get(one, "step_labels"), label);
			continue;
		}
		href = work_item_href(kind, id);
		one = json_pack("{s:I, s:O, s:O, s:s, s:o, s:[s], s:[o], s:O, s:O, s:s?, s:s?}",
		                "item_id", (json_int_t)id, "kind", json_object_get(r, "kind"),
		                "title", json_object_get(r, "title"), "step", step, "step_label",
		                json_copy(label), "steps", step, "step_labels", label, "since",
		                json_object_get(r, "since"), "due", json_object_get(r, "due"),
		                "urgency", urg, "href", href);
		json_array_append_new(items, one);
		g_hash_table_insert(at, g_memdup2(&id, sizeof id), one);
		count_one(counts, kind);
		if (urg)
			count_one(counts, urg);
		/* the list shown: the filter's subset, so each counter opens exactly what it counts
		 */
		if ((f == NULL || f->kind == NULL || g_strcmp0(f->kind, kind) == 0) &&
		    (f == NULL || f->due == NULL || g_strcmp0(f->due, urg) == 0))
			json_array_append(shown, one);
	}
	json_object_set_new(counts, "total", json_integer((json_int_t)json_array_size(items)));
	json_decref(items);
	return json_pack("{s:o, s:o}", "items", shown, "counts", counts);
}

/* ---- the header's count ------------------------------------------------------------------ */

typedef struct {
	gint64 count;
	guint64 seq; /* touch_seq when it was computed */
	gint64 at;   /* monotonic µs */
} Cached;

static GMutex cache_lock;
static GHashTable *cache;        /* user id → Cached */
static GHashTable *user_touched; /* user id → guint64 seq of the last touch naming the user */
static guint64 touch_seq, staff_touched, leader_touched, all_touched;

/* The cached count of U, or -1. Call with cache_lock held. */
static gint64 cached_locked(const AuthUser *u)
{
	Cached *e = cache ? g_hash_table_lookup(cache, &u->id) : NULL;
	int pools = pools_of(u);
	guint64 last = all_touched;

	if (e == NULL)
		return -1;
	last = MAX(last, GPOINTER_TO_SIZE(g_hash_table_lookup(user_touched, &u->id)));
	if (pools & POOL_STAFF)
		last = MAX(last, staff_touched);
	if (pools & POOL_LEADER)
		last = MAX(last, leader_touched);
	if (e->seq < last || g_get_monotonic_time() - e->at > COUNT_TTL_US)
		return -1;
	return e->count;
}

gint64 work_inbox_count(DbConn *c, const AuthUser *u, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new("SELECT count(DISTINCT t.item_id) AS n FROM item_todo "
	                                    "t JOIN item i ON i.id = t.item_id");
	g_autoptr(json_t) rows = NULL;
	gint64 n;
	guint64 seq;
	Cached *e;

	g_mutex_lock(&cache_lock);
	n = cached_locked(u);
	seq = touch_seq;
	g_mutex_unlock(&cache_lock);
	if (n >= 0)
		return n;
	where_mine(q, u);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return -1;
	n = json_integer_value(json_object_get(json_array_get(rows, 0), "n"));
	e = g_new(Cached, 1);
	*e = (Cached){.count = n, .seq = seq, .at = g_get_monotonic_time()};
	g_mutex_lock(&cache_lock);
	if (cache == NULL) {
		cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
		user_touched = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	}
	g_hash_table_replace(cache, g_memdup2(&u->id, sizeof u->id), e);
	g_mutex_unlock(&cache_lock);
	return n;
}

void work_inbox_touch(json_t *to)
{
	json_t *v;
	size_t i;

	g_mutex_lock(&cache_lock);
	if (user_touched == NULL) {
		cache = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
		user_touched = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	}
	touch_seq++;
	if (!json_is_object(to) || json_object_size(to) == 0)
		all_touched = touch_seq;
	json_array_foreach (json_object_get(to, "users"), i, v) {
		gint64 id = json_integer_value(v);
		g_hash_table_replace(user_touched, g_memdup2(&id, sizeof id),
		                     GSIZE_TO_POINTER(touch_seq));
	}
	json_array_foreach (json_object_get(to, "pools"), i, v) {
		if (g_strcmp0(json_string_value(v), "staff") == 0)
			staff_touched = touch_seq;
		else if (g_strcmp0(json_string_value(v), "leader") == 0)
			leader_touched = touch_seq;
	}
	g_mutex_unlock(&cache_lock);
}

gboolean work_inbox_addressed(json_t *to, gint64 user_id, gboolean staff, gboolean leader)
{
	json_t *v;
	size_t i;

	if (!json_is_object(to) || json_object_size(to) == 0)
		return TRUE;
	json_array_foreach (json_object_get(to, "users"), i, v)
		if (json_integer_value(v) == user_id)
			return TRUE;
	json_array_foreach (json_object_get(to, "pools"), i, v) {
		const char *p = json_string_value(v);
		if ((staff && g_strcmp0(p, "staff") == 0) ||
		    (leader && g_strcmp0(p, "leader") == 0))
			return TRUE;
	}
	return FALSE;
}
