/*
 * flow_todo.c — who may act on an item now, kept as rows (item_todo) so that a person's inbox
 * (待办) and the names of who acts next are one indexed read. The rows are rewritten whenever
 * the item starts or takes a step: for every step from its present state (offered now), every
 * actor lists the people it names (the author, the authorised signer, the reader whose turn it
 * is, the lead unit's liaisons …) or the pool it stands for (office staff, leaders).
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/events.h"

#include <string.h>

/* ---- actors' lists -------------------------------------------------------------------------- */

/* Appends the user ids of ROWS' column "id" to USERS. */
static void append_ids(GArray *users, json_t *rows)
{
	json_t *r;
	size_t i;

	json_array_foreach (rows, i, r) {
		gint64 id = json_integer_value(json_object_get(r, "id"));
		if (id)
			g_array_append_val(users, id);
	}
}

gboolean work_flow_list_liaisons(WorkStep *x, gint64 unit, GArray *users, GError **err)
{
	g_autoptr(json_t) rows = NULL;

	if (unit == 0)
		return TRUE;
	rows = work_rows(WORK_ERRORS, x->c, err,
	                 "SELECT u.id FROM user_account u JOIN user_role r ON r.user_id = u.id AND "
	                 "r.role = 'liaison' WHERE u.unit_id = ? AND u.disabled = 0 ORDER BY u.id",
	                 "i", unit);
	if (rows == NULL)
		return FALSE;
	append_ids(users, rows);
	return TRUE;
}

static gboolean list_staff(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	*pool = "staff";
	return TRUE;
}

static gboolean list_leader(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	*pool = "leader";
	return TRUE;
}

/* The user id in the row's column KEY, when there is one. */
static gboolean list_column(WorkStep *x, const char *key, GArray *users)
{
	gint64 id = json_integer_value(json_object_get(x->row, key));

	if (id)
		g_array_append_val(users, id);
	return TRUE;
}

static gboolean list_author(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	return list_column(x, "created_by", users);
}

static gboolean list_holder(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	return list_column(x, "holder_id", users);
}

static gboolean list_unit_liaison(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	return work_flow_list_liaisons(x, json_integer_value(json_object_get(x->row, "unit_id")),
	                               users, err);
}

gboolean work_flow_routed_users(WorkStep *x, gboolean assistant, GArray *users, GError **err)
{
	g_autofree char *today = core_today();
	OrgRouteQuery q = {.work = x->flow->code,
	                   .domain = json_string_value(json_object_get(x->row, "domain_code")),
	                   .on = today};
	g_autoptr(json_t) r = NULL;
	GError *e = NULL;
	json_t *l;
	size_t i;

	if (q.domain == NULL)
		return TRUE;
	if ((r = org_route(x->c, &q, CORE_LANG_ZH, NULL, &e)) == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if (assistant) {
		gint64 id =
		    json_integer_value(json_object_get(json_object_get(r, "assistant"), "user_id"));
		if (id)
			g_array_append_val(users, id);
		return TRUE;
	}
	json_array_foreach (json_object_get(r, "leaders"), i, l) {
		gint64 id = json_integer_value(json_object_get(l, "user_id"));
		if (id)
			g_array_append_val(users, id);
	}
	return TRUE;
}

static gboolean list_routed_leader(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	return work_flow_routed_users(x, FALSE, users, err);
}

static gboolean list_assistant(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	return work_flow_routed_users(x, TRUE, users, err);
}

void work_flow_register_builtin_lists(void)
{
	work_flow_actor_list("staff", list_staff);
	work_flow_actor_list("leader", list_leader);
	work_flow_actor_list("author", list_author);
	work_flow_actor_list("holder", list_holder);
	work_flow_actor_list("routed_leader", list_routed_leader);
	work_flow_actor_list("assistant", list_assistant);
	work_flow_actor_list("unit_liaison", list_unit_liaison);
}

/* ---- the rows ------------------------------------------------------------------------------- */

/* The item's due date: its own deadline (a document's, a task's) or its state's. */
static char *due_of(WorkStep *x)
{
	const char *own = json_string_value(json_object_get(x->row, "deadline"));
	gint64 at = json_integer_value(json_object_get(x->row, "state_due_at"));

	if (own && *own)
		return g_strdup(own);
	return at ? core_time_format(at, "%Y-%m-%d") : NULL;
}

/* The most people an "inbox" event names; beyond, it goes to everyone. */
#define ANNOUNCE_MAX_USERS 200

/*
 * Tells whose inboxes item X's new rows changed — those BEFORE named (rows of "user_id",
 * "pool") and those named now: the header counts of this process forget them at once, and an
 * "inbox" event {"item_id", "to": {"users", "pools"}} tells every process and the people's open
 * pages when the step commits.
 */
static gboolean todo_announce(WorkStep *x, json_t *before, GError **err)
{
	g_autoptr(json_t) now =
	    work_rows(WORK_ERRORS, x->c, err,
	              "SELECT user_id, pool FROM item_todo WHERE item_id = ?", "i", x->id);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	json_t *users = json_array(), *pools = json_array(), *to, *data, *r;
	json_t *both[] = {before, now};
	GError *e = NULL;
	size_t i;

	if (now == NULL) {
		json_decref(users);
		json_decref(pools);
		return FALSE;
	}
	for (gsize k = 0; k < G_N_ELEMENTS(both); k++)
		json_array_foreach (both[k], i, r) {
			const char *pool = json_string_value(json_object_get(r, "pool"));
			gint64 id = json_integer_value(json_object_get(r, "user_id"));
			char *key =
			    pool ? g_strdup(pool) : g_strdup_printf("%" G_GINT64_FORMAT, id);
			if (!g_hash_table_add(seen, key))
				continue;
			json_array_append_new(pool ? pools : users,
			                      pool ? json_string(pool) : json_integer(id));
		}
	to = json_pack("{s:o, s:o}", "users", users, "pools", pools);
	if (json_array_size(users) > ANNOUNCE_MAX_USERS)
		json_object_clear(to); /* an empty address: everyone */
	work_inbox_touch(json_object_size(to) ? to : NULL);
	data = json_pack("{s:I, s:o}", "item_id", (json_int_t)x->id, "to", to);
	/* an event that cannot leave costs only its live update, never the step */
	if (!work_events_publish(x->c, "inbox", data, &e)) {
		g_warning("inbox event for item %" G_GINT64_FORMAT ": %s", x->id, e->message);
		g_clear_error(&e);
	}
	json_decref(data);
	return TRUE;
}

gboolean work_flow_todo_write(WorkStep *x, GError **err)
{
	const char *status = json_string_value(json_object_get(x->row, "status"));
	gint64 since = json_integer_value(json_object_get(x->row, "state_since"));
	g_autofree char *due = due_of(x);

	g_autoptr(json_t) before =
	    work_rows(WORK_ERRORS, x->c, err,
	              "SELECT user_id, pool FROM item_todo WHERE item_id = ?", "i", x->id);

	if (before == NULL || !work_run(WORK_ERRORS, x->c, NULL, err,
	                                "DELETE FROM item_todo WHERE item_id = ?", "i", x->id))
		return FALSE;
	for (guint k = 0; k < x->flow->n_steps; k++) {
		const WorkFlowStep *def = &x->flow->steps[k];
		WorkOfferFn offer = def->offer_when ? work_flow_offer_fn(def->offer_when) : NULL;
		g_autoptr(GArray) users = g_array_new(FALSE, FALSE, sizeof(gint64));
		g_autoptr(GHashTable) seen = g_hash_table_new(g_int64_hash, g_int64_equal);

		x->def = def;
		x->code = def->code;
		if (!g_strv_contains(def->from, status) || (offer && !offer(x)))
			continue;
		for (const char **w = def->todo ? def->todo : def->who; *w; w++) {
			WorkActorListFn list = work_flow_actor_list_fn(*w);
			const char *pool = NULL;
			if (list == NULL)
				continue;
			if (!list(x, users, &pool, err))
				return FALSE;
			if (pool &&
			    !work_run(WORK_ERRORS, x->c, NULL, err,
			              "INSERT INTO item_todo (item_id, pool, step, since, due) "
			              "VALUES (?, ?, ?, NULLIF(?, 0), ?)",
			              "issis", x->id, pool, def->code, since, due))
				return FALSE;
		}
		for (guint u = 0; u < users->len; u++) {
			gint64 *id = &g_array_index(users, gint64, u);
			if (!g_hash_table_add(seen, id))
				continue;
			if (!work_run(
			        WORK_ERRORS, x->c, NULL, err,
			        "INSERT INTO item_todo (item_id, user_id, step, since, due) VALUES "
			        "(?, ?, ?, NULLIF(?, 0), ?)",
			        "iisis", x->id, *id, def->code, since, due))
				return FALSE;
		}
	}
	return todo_announce(x, before, err);
}

json_t *work_flow_next_actors(DbConn *c, gint64 id, const char *lang, GError **err)
{
	g_autoptr(json_t) rows = work_rows(
	    WORK_ERRORS, c, err,
	    "SELECT t.step, t.pool, u.username, u.display_name AS name FROM item_todo t LEFT JOIN "
	    "user_account u ON u.id = t.user_id WHERE t.item_id = ? ORDER BY t.step, t.pool, u.id",
	    "i", id);
	static const struct {
		const char *pool, *msgid;
	} pools[] = {{"staff", N_("office staff")}, {"leader", N_("a leader")}};
	g_autoptr(json_t) item = NULL;
	const WorkFlow *f = NULL;
	json_t *out, *r;
	size_t i;

	if (rows == NULL)
		return NULL;
	/* the steps' labels, from the version the item runs under */
	item = work_rows(WORK_ERRORS, c, err,
	                 "SELECT kind, coalesce(workflow_version, 1) AS v FROM item WHERE id = ?",
	                 "i", id);
	if (item == NULL)
		return NULL;
	if (json_array_size(item))
		f = work_flow_get(
		    c, json_string_value(json_object_get(json_array_get(item, 0), "kind")),
		    json_integer_value(json_object_get(json_array_get(item, 0), "v")), NULL);
	out = json_array();
	json_array_foreach (rows, i, r) {
		const char *pool = json_string_value(json_object_get(r, "pool"));
		const char *step = json_string_value(json_object_get(r, "step"));
		json_t *one = json_pack("{s:s, s:s}", "step", step, "step_label",
		                        f ? work_flow_step_label(f, step, lang) : step);
		if (pool) {
			json_object_set_new(one, "pool", json_string(pool));
			for (gsize k = 0; k < G_N_ELEMENTS(pools); k++)
				if (strcmp(pools[k].pool, pool) == 0)
					json_object_set_new(
					    one, "name",
					    json_string(core_tr(lang, pools[k].msgid)));
		} else {
			json_object_set(one, "username", json_object_get(r, "username"));
			json_object_set(one, "name", json_object_get(r, "name"));
		}
		json_array_append_new(out, one);
	}
	return out;
}

gboolean work_flow_describe(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, GError **err)
{
	json_t *history, *steps, *actions = NULL, *next;
	GError *e = NULL;

	if ((history = work_item_history(c, id, &e)) == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	json_object_set_new(obj, "history", history);
	if ((steps = work_flow_steps(c, u, id, &actions, err)) == NULL)
		return FALSE;
	json_object_set_new(obj, "steps", steps);
	json_object_set_new(obj, "actions", actions);
	if ((next = work_flow_next_actors(c, id, core_lang_current(), err)) == NULL)
		return FALSE;
	json_object_set_new(obj, "next_actors", next);
	return TRUE;
}
