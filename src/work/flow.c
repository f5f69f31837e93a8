/*
 * flow.c — the engine that runs every module's workflow: which steps a user may take on an item
 * now (and why not the others), and one step taken atomically — who, state, opinion, fields,
 * hooks, the move, history and the new state's deadline. The definitions are data (flow_def.c,
 * flow_store.c); a module supplies only its row loader, actors and hooks.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"
#include "work/jobs.h"

#include <string.h>

#define TR(msgid) core_tr_now(msgid)

/* ---- kinds: how a module's items are read --------------------------------------------------- */

static GHashTable *kinds; /* workflow code → const WorkKind* */

void work_flow_kind(const char *code, const WorkKind *k)
{
	if (kinds == NULL)
		kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_replace(kinds, g_strdup(code), (gpointer)k);
}

gboolean work_flow_facts(DbConn *c, gint64 id, const char *code, json_t *detail, GError **err)
{
	const WorkKind *k = kinds ? g_hash_table_lookup(kinds, code) : NULL;
	json_t *facts;

	if (k == NULL || k->facts == NULL)
		return TRUE;
	if ((facts = k->facts(c, id, err)) == NULL)
		return FALSE;
	json_object_set_new(detail, "facts", facts);
	return TRUE;
}

/* The item's own facts: kind, status, version, author, unit, title. NULL: not found (ERR). */
static json_t *item_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(
	    WORK_ERRORS, c, err, N_("There is no such item."),
	    "SELECT id, kind, status, coalesce(workflow_version, 1) AS workflow_version, "
	    "created_by, unit_id, title, state_since FROM item WHERE id = ?",
	    "i", id);
}

/* Reads item ID for a step: sets X->flow and X->row (the module's row, with the item's own facts
 * filled in where the module left them out). FALSE with ERR. */
static gboolean prepare(WorkStep *x, GError **err)
{
	g_autoptr(json_t) item = item_row(x->c, x->id, err);
	const WorkKind *k;
	const char *key;
	json_t *v;

	if (item == NULL)
		return FALSE;
	x->flow = work_flow_get(x->c, json_string_value(json_object_get(item, "kind")),
	                        json_integer_value(json_object_get(item, "workflow_version")), err);
	if (x->flow == NULL)
		return FALSE;
	k = kinds ? g_hash_table_lookup(kinds, x->flow->code) : NULL;
	x->row = k && k->load ? k->load(x->c, x->id, err) : json_object();
	if (x->row == NULL)
		return FALSE;
	json_object_foreach (item, key, v)
		if (json_object_get(x->row, key) == NULL)
			json_object_set(x->row, key, v);
	/* the item's state is the one the engine claims: never a module's copy */
	json_object_set(x->row, "status", json_object_get(item, "status"));
	return TRUE;
}

static gboolean todo_refresh(DbConn *c, gint64 id, gint64 actor, GError **err);

/* ---- who ------------------------------------------------------------------------------------ */

/* Sets *YES when X->u is one of the step's actors. FALSE on a database error. */
static gboolean who_ok(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = FALSE;
	for (const char **w = x->def->who; *w && !*yes; w++) {
		WorkActorFn fn = work_flow_actor_fn(*w, NULL);
		g_assert(fn != NULL); /* validation refuses a definition naming an unknown actor */
		if (!fn(x, yes, err))
			return FALSE;
	}
	return TRUE;
}

/* "office staff or the author": the step's actors in words, in the current language. g_free. */
static char *who_words(const WorkFlowStep *def)
{
	GString *s = g_string_new(NULL);
	const char *lang = core_lang_current();
	gboolean en = strcmp(lang, CORE_LANG_EN) == 0;

	for (const char **w = def->who; *w; w++) {
		const char *label;
		work_flow_actor_fn(*w, &label);
		if (w != def->who)
			g_string_append(s, w[1] ? (en ? ", " : "、") : (en ? " or " : "或"));
		g_string_append(s, core_tr(lang, label));
	}
	return g_string_free(s, FALSE);
}

static const char *row_text(WorkStep *x, const char *key)
{
	return json_string_value(json_object_get(x->row, key));
}

static gboolean actor_staff(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = auth_can(x->u, "work.all");
	return TRUE;
}

static gboolean actor_leader(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = auth_can(x->u, "work.instruct");
	return TRUE;
}

static gboolean actor_author(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = json_integer_value(json_object_get(x->row, "created_by")) == x->u->id;
	return TRUE;
}

static gboolean actor_holder(WorkStep *x, gboolean *yes, GError **err)
{
	*yes = json_integer_value(json_object_get(x->row, "holder_id")) == x->u->id;
	return TRUE;
}

static gboolean actor_unit_liaison(WorkStep *x, gboolean *yes, GError **err)
{
	gint64 unit = json_integer_value(json_object_get(x->row, "unit_id"));

	*yes = (x->u->roles & AUTH_ROLE_LIAISON) && unit && x->u->unit_id == unit;
	return TRUE;
}

/* Sets *YES when U is among the leaders routing names for the item (ASSISTANT FALSE) or is the
 * assisting official (TRUE): the same list the inbox is written from (flow_todo.c). */
static gboolean routed(WorkStep *x, gboolean assistant, gboolean *yes, GError **err)
{
	g_autoptr(GArray) users = g_array_new(FALSE, FALSE, sizeof(gint64));

	*yes = FALSE;
	if (!work_flow_routed_users(x, assistant, users, err))
		return FALSE;
	for (guint k = 0; k < users->len && !*yes; k++)
		*yes = g_array_index(users, gint64, k) == x->u->id;
	return TRUE;
}

static gboolean actor_routed_leader(WorkStep *x, gboolean *yes, GError **err)
{
	return routed(x, FALSE, yes, err);
}

static gboolean actor_assistant(WorkStep *x, gboolean *yes, GError **err)
{
	return routed(x, TRUE, yes, err);
}

/* ---- inputs --------------------------------------------------------------------------------- */

/* Sets ERR (WORK_ERROR_INVALID) to MSG, already in the current language, and *FIELD. */
static gboolean invalid(WorkStep *x, const char *name, const char *msg, GError **err)
{
	if (x->field)
		*x->field = name;
	g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID, msg);
	return FALSE;
}

/* The opinion's upper limit (before who and state: a body too long is refused first). */
static gboolean opinion_shape(WorkStep *x, GError **err)
{
	json_t *op = json_object_get(x->body, "opinion");
	g_autofree char *msg = NULL;

	x->opinion = json_string_value(op);
	if (op == NULL || json_is_null(op)) {
		x->opinion = NULL;
		return TRUE;
	}
	if (x->opinion && g_utf8_strlen(x->opinion, -1) <= x->def->opinion_max)
		return TRUE;
	msg =
	    g_strdup_printf(TR("The opinion is text of up to %d characters."), x->def->opinion_max);
	return invalid(x, "opinion", msg, err);
}

/* The opinion the step needs (its prompt says what to write). */
static gboolean opinion_needed(WorkStep *x, GError **err)
{
	static const struct {
		const char *prompt, *msgid;
	} prompts[] = {
	    {"reason", N_("Give the reason in the opinion.")},
	    {"progress", N_("Write the progress in the opinion.")},
	    {"result", N_("Write the result in the opinion.")},
	    {"instruction", N_("Write the instruction (批示) in the opinion.")},
	};
	const char *msgid = N_("Write the opinion.");

	if (x->def->opinion_min == 0 ||
	    (x->opinion && g_utf8_strlen(x->opinion, -1) >= x->def->opinion_min))
		return TRUE;
	for (gsize i = 0; i < G_N_ELEMENTS(prompts); i++)
		if (g_strcmp0(x->def->opinion_prompt, prompts[i].prompt) == 0)
			msgid = prompts[i].msgid;
	return invalid(x, "opinion", TR(msgid), err);
}

/* The step's fields as the definition declares them: type, required, limits. */
static gboolean fields_ok(WorkStep *x, GError **err)
{
	json_t *f;
	size_t i;

	json_array_foreach (x->def->fields, i, f) {
		const char *name = json_string_value(json_object_get(f, "name"));
		const char *type = json_string_value(json_object_get(f, "type"));
		json_int_t max = json_integer_value(json_object_get(f, "max"));
		json_t *v = json_object_get(x->body, name);
		g_autofree char *msg = NULL;

		if (v == NULL || json_is_null(v)) {
			if (json_is_true(json_object_get(f, "required")))
				return invalid(x, name, TR("This field is required."), err);
			continue;
		}
		if (strcmp(type, "text") == 0) {
			if (!json_is_string(v))
				return invalid(x, name, TR("This field is text."), err);
			if (max > 0 && g_utf8_strlen(json_string_value(v), -1) > max) {
				msg = g_strdup_printf(TR("This text is longer than %d characters."),
				                      (int)max);
				return invalid(x, name, msg, err);
			}
		} else if (strcmp(type, "date") == 0) {
			if (!core_date_valid(json_string_value(v)))
				return invalid(x, name, TR("Write the date as YYYY-MM-DD."), err);
		} else if (strcmp(type, "enum") == 0) {
			json_t *values = json_object_get(f, "values"), *e;
			size_t k;
			gboolean found = FALSE;
			json_array_foreach (values, k, e)
				found = found || json_equal(e, v);
			if (!found)
				return invalid(x, name, TR("Choose one of the values offered."),
				               err);
		} else if (strcmp(type, "list") == 0) {
			if (!json_is_array(v) ||
			    (max > 0 && (json_int_t)json_array_size(v) > max)) {
				msg = g_strdup_printf(TR("This is a list of at most %d entries."),
				                      (int)(max > 0 ? max : 1000));
				return invalid(x, name, msg, err);
			}
		} else if (strcmp(type, "ref") == 0) {
			if (!json_is_string(v) &&
			    !(json_is_integer(v) && json_integer_value(v) > 0))
				return invalid(x, name, TR("Name it by its code or its id."), err);
		} else if (strcmp(type, "files") == 0) {
			/* the module stores the files; the engine holds it to the number declared
			 */
			json_int_t most = max > 0 ? max : 10;
			if (!json_is_array(v) || (json_int_t)json_array_size(v) > most) {
				msg = g_strdup_printf(TR("Attach at most %d files."), (int)most);
				return invalid(x, name, msg, err);
			}
		} else if (strcmp(type, "integer") == 0) {
			if (!json_is_integer(v) || (max > 0 && json_integer_value(v) > max))
				return invalid(x, name, TR("This field is a whole number."), err);
		}
	}
	return TRUE;
}

/* ---- deadlines ------------------------------------------------------------------------------ */

#define OFFICE_CLOSES_MIN (18 * 60) /* a deadline in working days falls at the day's close */

/* When state S, entered at NOW, falls due (Unix seconds), or 0 when it has no deadline. */
static gint64 due_at(const WorkFlowState *s, gint64 now)
{
	if (s->deadline_days > 0) {
		g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc(now);
		g_autoptr(GDateTime) t = g_date_time_to_timezone(utc, core_tz());
		g_autoptr(GDateTime) at = NULL;
		GDate from, to;
		g_date_clear(&from, 1);
		g_date_set_dmy(&from, g_date_time_get_day_of_month(t), g_date_time_get_month(t),
		               g_date_time_get_year(t));
		core_calendar_add(&from, s->deadline_days, &to);
		at = g_date_time_new(core_tz(), g_date_get_year(&to), g_date_get_month(&to),
		                     g_date_get_day(&to), OFFICE_CLOSES_MIN / 60,
		                     OFFICE_CLOSES_MIN % 60, 0);
		return at ? g_date_time_to_unix(at) : 0;
	}
	if (s->deadline_hours > 0) {
		/* the first instant with that much office time since NOW (monotonic: bisect) */
		gint64 want = (gint64)s->deadline_hours * 60, lo = now, hi = now + 86400 * 7;
		while (core_calendar_working_minutes(now, hi) < want)
			hi += 86400 * 7;
		while (hi - lo > 60) {
			gint64 mid = lo + (hi - lo) / 2;
			if (core_calendar_working_minutes(now, mid) >= want)
				hi = mid;
			else
				lo = mid;
		}
		return hi;
	}
	return 0;
}

/* Records that item ID entered STATE at NOW and queues the reminder of its deadline, if any. */
static gboolean enter(DbConn *c, const WorkFlow *f, gint64 id, const char *state, gint64 now,
                      GError **err)
{
	const WorkFlowState *s = work_flow_state(f, state);
	gint64 due = s ? due_at(s, now) : 0;
	g_autoptr(json_t) payload = NULL;
	GError *e = NULL;

	if (!work_run(WORK_ERRORS, c, NULL, err,
	              "UPDATE item SET state_since = ?, state_due_at = NULLIF(?, 0) WHERE id = ?",
	              "iii", now, due, id))
		return FALSE;
	if (due == 0)
		return TRUE;
	payload = json_pack("{s:I, s:s, s:I}", "item", (json_int_t)id, "state", state, "since",
	                    (json_int_t)now);
	if (!work_job_enqueue(c, "work.state_due", payload, due, NULL, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	return TRUE;
}

/* The job 'work.state_due': when the item is still in the state it entered at "since", tells
 * its author and everyone it was routed, assigned or circulated to that the state's time is up,
 * and records it on the item's history. */
static gboolean state_due(Db *db, gint64 job, json_t *payload, GError **err)
{
	gint64 id = json_integer_value(json_object_get(payload, "item"));
	gint64 since = json_integer_value(json_object_get(payload, "since"));
	const char *state = json_string_value(json_object_get(payload, "state"));
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	g_autoptr(json_t) rows = NULL, users = NULL;
	g_autofree char *text = NULL;
	const WorkFlow *f;
	json_t *it, *v;
	size_t i;
	gboolean ok = FALSE;

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		g_propagate_error(err, e);
		return FALSE;
	}
	rows = work_rows(WORK_ERRORS, c, err,
	                 "SELECT kind, title, created_by, coalesce(workflow_version, 1) AS v FROM "
	                 "item WHERE id = ? AND status = ? AND state_since = ?",
	                 "isi", id, state ? state : "", since);
	if (rows == NULL)
		goto out;
	if ((it = json_array_get(rows, 0)) == NULL) { /* it moved on in time */
		ok = db_commit(c, err);
		goto out;
	}
	f = work_flow_get(c, json_string_value(json_object_get(it, "kind")),
	                  json_integer_value(json_object_get(it, "v")), err);
	users = f ? work_rows(WORK_ERRORS, c, err,
	                      "SELECT DISTINCT user_id FROM item_access WHERE item_id = ? AND "
	                      "user_id IS NOT NULL UNION SELECT created_by FROM item WHERE id = ? "
	                      "AND created_by IS NOT NULL",
	                      "ii", id, id)
	          : NULL;
	if (users == NULL)
		goto out;
	text = g_strdup_printf("已超过办理时限（%s）：%s",
	                       work_flow_state_label(f, state, CORE_LANG_ZH),
	                       json_string_value(json_object_get(it, "title")));
	ok = TRUE;
	json_array_foreach (users, i, v)
		ok = ok && work_notify(c, json_integer_value(json_object_get(v, "user_id")), id,
		                       "work.overdue", text, err);
	ok = ok && work_item_event(c, id, 0, "-", "overdue", state, state, text, NULL, err) &&
	     db_commit(c, err);
out:
	if (!ok)
		db_rollback(c);
	return ok;
}

/* ---- the steps ------------------------------------------------------------------------------ */

/* The step's "to" as JSON: codes, null for "the state stays". */
static json_t *to_json(const WorkFlowStep *def)
{
	json_t *a = json_array();

	for (const char **t = def->to; *t; t++)
		json_array_append_new(a, *t == WORK_FLOW_STAY ? json_null() : json_string(*t));
	return a;
}

json_t *work_flow_steps(DbConn *c, const AuthUser *u, gint64 id, json_t **actions, GError **err)
{
	g_autoptr(json_t) empty = json_object();
	WorkStep x = {.c = c, .u = u, .id = id, .body = empty};
	json_t *out = NULL, *codes = json_array();
	const char *status, *lang = core_lang_current();

	if (!prepare(&x, err))
		goto done;
	status = row_text(&x, "status");
	out = json_array();
	for (guint i = 0; i < x.flow->n_steps; i++) {
		const WorkFlowStep *def = &x.flow->steps[i];
		WorkOfferFn offer = def->offer_when ? work_flow_offer_fn(def->offer_when) : NULL;
		gboolean yes = FALSE;
		GError *e = NULL;
		json_t *one;

		x.def = def;
		x.code = def->code;
		if (!g_strv_contains(def->from, status) || (offer && !offer(&x)))
			continue;
		if (!who_ok(&x, &yes, &e)) {
			g_propagate_error(err, e);
			json_decref(g_steal_pointer(&out));
			goto done;
		}
		one = json_pack("{s:s, s:s, s:o, s:b}", "code", def->code, "label",
		                work_flow_step_label(x.flow, def->code, lang), "to", to_json(def),
		                "allowed", yes);
		if (!yes) {
			g_autofree char *who = who_words(def);
			g_autofree char *why =
			    g_strdup_printf(TR("Only %s may take this step."), who);
			json_object_set_new(one, "why", json_string(why));
		} else {
			json_array_append_new(codes, json_string(def->code));
		}
		json_array_append_new(out, one);
	}
done:
	json_decref(x.row);
	if (out && actions)
		*actions = json_incref(codes);
	json_decref(codes);
	return out;
}

json_t *work_flow_actions(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	json_t *actions = NULL, *steps = work_flow_steps(c, u, id, &actions, err);

	json_decref(steps);
	return steps ? actions : NULL;
}

/* TRUE when TO is a state step DEF may lead to (FROM: the present one, for "stays"). */
static gboolean leads_to(const WorkFlowStep *def, const char *from, const char *to)
{
	for (const char **t = def->to; *t; t++)
		if ((*t == WORK_FLOW_STAY && strcmp(to, from) == 0) ||
		    (*t != WORK_FLOW_STAY && strcmp(*t, to) == 0))
			return TRUE;
	return FALSE;
}

gboolean work_flow_act(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                       const char **field, GError **err)
{
	g_autoptr(json_t) empty = json_object();
	WorkStep x = {.c = c, .u = u, .id = id, .field = field, .code = action};
	gint64 now = core_now();
	const char *from;
	gboolean ok = FALSE, yes = FALSE;

	x.body = json_is_object(body) ? body : empty;
	if (!prepare(&x, err))
		goto out;
	if ((x.def = work_flow_step(x.flow, action)) == NULL) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such step for this item."));
		goto out;
	}
	if (!opinion_shape(&x, err) || !who_ok(&x, &yes, err))
		goto out;
	if (!yes) {
		g_autofree char *who = who_words(x.def);
		g_autofree char *msg = g_strdup_printf(TR("Only %s may take this step."), who);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_FORBIDDEN, msg);
		goto out;
	}
	from = row_text(&x, "status");
	if (!g_strv_contains(x.def->from, from)) {
		g_autofree char *msg =
		    g_strdup_printf(TR("This step is not possible now: the item is %s."),
		                    work_flow_state_label(x.flow, from, core_lang_current()));
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE, msg);
		goto out;
	}
	/* Claim the state before any hook: a concurrent step on the same item waits here for this
	 * one (PostgreSQL row lock; SQLite has one writer) and then finds the state changed, so a
	 * double click can neither number twice nor burn a number. */
	if (!work_run(WORK_ERRORS, c, NULL, err,
	              "UPDATE item SET updated_at = ? WHERE id = ? AND status = ?", "iis", now, id,
	              from))
		goto out;
	if (db_changes(c) != 1) {
		g_set_error_literal(
		    err, WORK_ERROR, WORK_ERROR_STATE,
		    N_("Someone changed this at the same time; reload and try again."));
		goto out;
	}
	if (!opinion_needed(&x, err) || !fields_ok(&x, err))
		goto out;
	x.to = x.def->to[0] == WORK_FLOW_STAY || g_strv_contains(x.def->stay_in, from)
	           ? from
	           : x.def->to[0];
	x.detail = json_object();
	for (const char **h = x.def->hooks; *h; h++) {
		WorkHookFn fn = work_flow_hook_fn(*h);
		g_assert(fn != NULL); /* validation refuses a definition naming an unknown hook */
		if (!fn(&x, err))
			goto out;
	}
	if (x.stay)
		x.to = from;
	if (!work_flow_facts(c, id, x.flow->code, x.detail, err))
		goto out;
	if (!leads_to(x.def, from, x.to) &&
	    !(strcmp(x.to, from) == 0 && g_strv_contains(x.def->stay_in, from))) {
		/* the office's definition no longer lets this step end where its hook led */
		g_autofree char *msg =
		    g_strdup_printf(TR("The workflow does not let this step lead to %s."),
		                    work_flow_state_label(x.flow, x.to, core_lang_current()));
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE, msg);
		goto out;
	}
	ok = work_run(WORK_ERRORS, c, NULL, err,
	              "UPDATE item SET status = ?, updated_at = ? WHERE id = ?", "sii", x.to, now,
	              id) &&
	     (strcmp(x.to, from) == 0 || enter(c, x.flow, id, x.to, now, err)) &&
	     work_step_event(WORK_ERRORS, c, id, u, action, from, x.to, x.opinion,
	                     json_object_size(x.detail) ? x.detail : NULL, err) &&
	     todo_refresh(c, id, u->id, err);
out:
	json_decref(x.detail);
	json_decref(x.row);
	return ok;
}

/* Rewrites who may act on item ID now (item_todo), from its state as stored, and tells each
 * person newly named (not ACTOR, who just acted; 0: the item's author; -1: tell nobody) what
 * waits for them: the handoff notice. */
static gboolean todo_refresh(DbConn *c, gint64 id, gint64 actor, GError **err)
{
	static const char sql[] = "SELECT user_id, step FROM item_todo WHERE item_id = ? AND "
	                          "user_id IS NOT NULL ORDER BY user_id, step";
	WorkStep y = {.c = c, .id = id};
	g_autoptr(json_t) before = work_rows(WORK_ERRORS, c, err, sql, "i", id);
	g_autoptr(json_t) after = NULL;
	g_autoptr(GHashTable) had =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	g_autoptr(GHashTable) told =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	gboolean ok = before && prepare(&y, err) && work_flow_todo_write(&y, err);
	json_t *r;
	size_t i;

	if (ok && actor < 0) { /* a backfill: nobody is told of old work */
		json_decref(y.row);
		return TRUE;
	}
	if (ok && actor == 0) /* a new item: its author made it */
		actor = json_integer_value(json_object_get(y.row, "created_by"));
	if (ok)
		after = work_rows(WORK_ERRORS, c, err, sql, "i", id);
	ok = ok && after;
	json_array_foreach (before, i, r) {
		gint64 u = json_integer_value(json_object_get(r, "user_id"));
		g_hash_table_add(had, g_memdup2(&u, sizeof u));
	}
	json_array_foreach (after, i, r) {
		gint64 u = json_integer_value(json_object_get(r, "user_id"));
		const char *step = json_string_value(json_object_get(r, "step"));
		g_autofree char *text = NULL;
		if (!ok || u == actor || g_hash_table_contains(had, &u) ||
		    g_hash_table_contains(told, &u))
			continue;
		g_hash_table_add(told, g_memdup2(&u, sizeof u));
		text = g_strdup_printf("待办（%s）：%s",
		                       work_flow_step_label(y.flow, step, CORE_LANG_ZH),
		                       json_string_value(json_object_get(y.row, "title")));
		ok = work_notify(c, u, id, "work.todo", text, err);
	}
	json_decref(y.row);
	return ok;
}

gboolean work_flow_start(DbConn *c, gint64 id, const char *code, const char **initial, GError **err)
{
	const WorkFlow *f = work_flow_get(c, code, 0, err);
	gint64 now = core_now();

	if (f == NULL)
		return FALSE;
	if (initial)
		*initial = f->initial;
	return work_run(WORK_ERRORS, c, NULL, err,
	                "UPDATE item SET workflow_version = ?, status = ? WHERE id = ?", "isi",
	                f->version, f->initial, id) &&
	       enter(c, f, id, f->initial, now, err) && todo_refresh(c, id, 0, err);
}

gboolean work_flow_todo_refresh(DbConn *c, gint64 id, GError **err)
{
	return todo_refresh(c, id, -1, err);
}

gboolean work_flow_todo_backfill(Db *db, int *n, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	g_autoptr(json_t) rows = NULL;
	json_t *r;
	size_t i;

	*n = 0;
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	rows = work_rows(WORK_ERRORS, c, err,
	                 "SELECT i.id FROM item i WHERE EXISTS (SELECT 1 FROM workflow w WHERE "
	                 "w.code = i.kind) AND NOT EXISTS (SELECT 1 FROM item_todo t WHERE "
	                 "t.item_id = i.id) ORDER BY i.id",
	                 "");
	json_array_foreach (rows, i, r) {
		if (!todo_refresh(c, json_integer_value(json_object_get(r, "id")), -1, err)) {
			db_rollback(c);
			return FALSE;
		}
		(*n)++;
	}
	if (rows == NULL || !db_commit(c, &e)) {
		if (rows)
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		db_rollback(c);
		return FALSE;
	}
	return TRUE;
}

/* ---- built-ins ------------------------------------------------------------------------------ */

gboolean work_instruction_hook(WorkStep *x, GError **err); /* instructions.c */

void work_flow_register_builtins(void)
{
	static gsize once;

	if (!g_once_init_enter(&once))
		return;
	work_flow_actor("staff", N_("office staff"), actor_staff);
	work_flow_actor("leader", N_("a leader"), actor_leader);
	work_flow_actor("author", N_("the author"), actor_author);
	work_flow_actor("holder", N_("the one holding it now"), actor_holder);
	work_flow_actor("routed_leader",
	                N_("the leader in charge by the division of responsibility"),
	                actor_routed_leader);
	work_flow_actor("assistant", N_("the office official assisting that leader"),
	                actor_assistant);
	work_flow_actor("unit_liaison", N_("a liaison of the item's unit"), actor_unit_liaison);
	work_flow_hook("work.instruction", work_instruction_hook);
	work_flow_register_builtin_lists();
	work_job_register("work.state_due", state_due);
	g_once_init_leave(&once, 1);
}
