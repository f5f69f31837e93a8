/*
 * flow_def.c — a workflow definition read from JSON and checked: the parsed form the engine
 * runs (WorkFlow), the registries of actors, hooks and offer conditions, and the validation that
 * refuses an unreachable state, a dead end, a step nobody may take or an unknown hook.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "core/core.h"

#include <string.h>

/* ---- registries ---------------------------------------------------------------------------- */

typedef struct {
	WorkActorFn fn;
	const char *label;
	WorkActorListFn list;
} Actor;

static GHashTable *hooks, *actors, *offers; /* name → WorkHookFn / Actor* / WorkOfferFn */

static GHashTable *registry(GHashTable **t)
{
	if (*t == NULL)
		*t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return *t;
}

void work_flow_hook(const char *name, WorkHookFn fn)
{
	WorkHookFn *p = g_new(WorkHookFn, 1);

	*p = fn;
	g_hash_table_replace(registry(&hooks), g_strdup(name), p);
}

void work_flow_actor(const char *name, const char *label, WorkActorFn fn)
{
	Actor *a = g_new(Actor, 1);

	Actor *old = actors ? g_hash_table_lookup(actors, name) : NULL;

	a->fn = fn;
	a->label = label;
	a->list = old ? old->list : NULL;
	g_hash_table_replace(registry(&actors), g_strdup(name), a);
}

void work_flow_actor_list(const char *name, WorkActorListFn fn)
{
	Actor *a = actors ? g_hash_table_lookup(actors, name) : NULL;

	g_return_if_fail(a != NULL); /* register the actor first */
	a->list = fn;
}

WorkActorListFn work_flow_actor_list_fn(const char *name)
{
	Actor *a = actors ? g_hash_table_lookup(actors, name) : NULL;
	return a ? a->list : NULL;
}

void work_flow_offer(const char *name, WorkOfferFn fn)
{
	WorkOfferFn *p = g_new(WorkOfferFn, 1);

	*p = fn;
	g_hash_table_replace(registry(&offers), g_strdup(name), p);
}

WorkHookFn work_flow_hook_fn(const char *name)
{
	WorkHookFn *p = hooks ? g_hash_table_lookup(hooks, name) : NULL;
	return p ? *p : NULL;
}

WorkActorFn work_flow_actor_fn(const char *name, const char **label)
{
	Actor *a = actors ? g_hash_table_lookup(actors, name) : NULL;

	if (label)
		*label = a ? a->label : name;
	return a ? a->fn : NULL;
}

json_t *work_flow_actors_json(const char *lang)
{
	json_t *out = json_array();
	g_autoptr(GList) names = actors ? g_hash_table_get_keys(actors) : NULL;

	names = g_list_sort(names, (GCompareFunc)strcmp);
	for (GList *l = names; l; l = l->next) {
		const Actor *a = g_hash_table_lookup(actors, l->data);
		json_array_append_new(out, json_pack("{s:s, s:s}", "code", (const char *)l->data,
		                                     "label", core_tr(lang, a->label)));
	}
	return out;
}

WorkOfferFn work_flow_offer_fn(const char *name)
{
	WorkOfferFn *p = offers ? g_hash_table_lookup(offers, name) : NULL;
	return p ? *p : NULL;
}

/* ---- reading a definition ------------------------------------------------------------------ */

const char *work_flow_label(json_t *label, const char *lang, const char *fallback)
{
	const char *zh = json_string_value(json_object_get(label, "zh"));
	const char *en = json_string_value(json_object_get(label, "en"));

	if (g_strcmp0(lang, CORE_LANG_EN) == 0 && en && *en)
		return en;
	return zh && *zh ? zh : (en && *en ? en : fallback);
}

const WorkFlowState *work_flow_state(const WorkFlow *f, const char *code)
{
	for (guint i = 0; code && i < f->n_states; i++)
		if (strcmp(f->states[i].code, code) == 0)
			return &f->states[i];
	return NULL;
}

const WorkFlowStep *work_flow_step(const WorkFlow *f, const char *code)
{
	for (guint i = 0; code && i < f->n_steps; i++)
		if (strcmp(f->steps[i].code, code) == 0)
			return &f->steps[i];
	return NULL;
}

const char *work_flow_state_label(const WorkFlow *f, const char *code, const char *lang)
{
	const WorkFlowState *s = work_flow_state(f, code);
	return s ? work_flow_label(s->label, lang, s->code) : (code ? code : "");
}

const char *work_flow_step_label(const WorkFlow *f, const char *code, const char *lang)
{
	const WorkFlowStep *s = work_flow_step(f, code);
	return s ? work_flow_label(s->label, lang, s->code) : (code ? code : "");
}

json_t *work_flow_json(const WorkFlow *f)
{
	return f->json;
}

const char *work_flow_code(const WorkFlow *f)
{
	return f->code;
}

gint64 work_flow_version(const WorkFlow *f)
{
	return f->version;
}

/* The strings of array A (borrowed from A), NULL-terminated; NULL entries for JSON nulls when
 * NULLS (the "to" of a step that may keep the state). g_free the vector only. */
static const char **strv_of(json_t *a, gboolean nulls, guint *n)
{
	const char **v = g_new0(const char *, json_array_size(a) + 1);
	json_t *e;
	size_t i;
	guint k = 0;

	json_array_foreach (a, i, e) {
		if (json_is_string(e))
			v[k++] = json_string_value(e);
		else if (nulls && json_is_null(e))
			v[k++] = WORK_FLOW_STAY;
	}
	*n = k;
	return v;
}

/* Sets ERR (WORK_ERROR_WORKFLOW) to the message FMT in the current language; FALSE. */
static gboolean refuse(GError **err, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean refuse(GError **err, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error_literal(err, WORK_ERROR, WORK_ERROR_WORKFLOW, msg);
	g_free(msg);
	return FALSE;
}

#define TR(msgid) core_tr_now(msgid)

static gboolean code_ok(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 40)
		return FALSE;
	for (const char *p = s; *p; p++)
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '_')
			return FALSE;
	return TRUE;
}

static gboolean label_ok(json_t *label)
{
	const char *zh = json_string_value(json_object_get(label, "zh"));
	const char *en = json_string_value(json_object_get(label, "en"));

	return json_is_object(label) && zh && *zh && g_utf8_strlen(zh, -1) <= 40 &&
	       (json_object_get(label, "en") == NULL || (en && g_utf8_strlen(en, -1) <= 80));
}

static const char *const state_types[] = {"open", "waiting", "terminal", NULL};
/* "files": the files uploaded with the step (multipart); the body lists their names. */
static const char *const field_types[] = {"text", "date",    "enum",  "list",
                                          "ref",  "integer", "files", NULL};

/* Checks the state object S (index I). */
static gboolean check_state(json_t *s, size_t i, GHashTable *seen, GError **err)
{
	const char *code = json_string_value(json_object_get(s, "code"));
	const char *type = json_string_value(json_object_get(s, "type"));
	json_t *dl = json_object_get(s, "deadline");

	if (!json_is_object(s) || !code_ok(code))
		return refuse(err, TR("State %zu needs a code of lowercase letters, digits and _."),
		              i + 1);
	if (g_hash_table_contains(seen, code))
		return refuse(err, TR("The state %s is defined twice."), code);
	g_hash_table_add(seen, (gpointer)code);
	if (type == NULL || !g_strv_contains(state_types, type))
		return refuse(err, TR("The state %s needs a type: open, waiting or terminal."),
		              code);
	if (!label_ok(json_object_get(s, "label")))
		return refuse(err, TR("The state %s needs a label with a Chinese name (zh)."),
		              code);
	if (dl) {
		json_int_t d = json_integer_value(json_object_get(dl, "working_days"));
		json_int_t h = json_integer_value(json_object_get(dl, "working_hours"));
		if (!json_is_object(dl) || json_object_size(dl) != 1 ||
		    !(d >= 1 && d <= 365) == !(h >= 1 && h <= 2000) || (d && h))
			return refuse(err,
			              TR("The deadline of state %s is {\"working_days\": 1…365} or "
			                 "{\"working_hours\": 1…2000}."),
			              code);
		if (strcmp(type, "terminal") == 0)
			return refuse(err, TR("The terminal state %s cannot have a deadline."),
			              code);
	}
	return TRUE;
}

/* Checks the "opinion" and "fields" of step S (code CODE). */
static gboolean check_inputs(json_t *s, const char *code, GError **err)
{
	json_t *op = json_object_get(s, "opinion"), *fields = json_object_get(s, "fields"), *f;
	static const char *const prompts[] = {"reason",      "progress", "result",
	                                      "instruction", "text",     NULL};
	size_t i;

	if (op) {
		json_t *min = json_object_get(op, "min"), *max = json_object_get(op, "max");
		const char *prompt = json_string_value(json_object_get(op, "prompt"));
		if (!json_is_object(op) || (min && !json_is_integer(min)) ||
		    (max && !json_is_integer(max)) || json_integer_value(min) < 0 ||
		    json_integer_value(min) > 1000 || (max && json_integer_value(max) < 1) ||
		    json_integer_value(max) > 20000 ||
		    (max && json_integer_value(min) > json_integer_value(max)) ||
		    (json_object_get(op, "prompt") &&
		     !(prompt && g_strv_contains(prompts, prompt))))
			return refuse(
			    err,
			    TR("The opinion of step %s is {\"min\": 0…1000, \"max\": 1…20000, "
			       "\"prompt\": reason|progress|result|instruction|text}."),
			    code);
	}
	if (fields && !json_is_array(fields))
		return refuse(err, TR("The fields of step %s are a list."), code);
	json_array_foreach (fields, i, f) {
		const char *name = json_string_value(json_object_get(f, "name"));
		const char *type = json_string_value(json_object_get(f, "type"));
		if (!code_ok(name) || strcmp(name, "opinion") == 0 || type == NULL ||
		    !g_strv_contains(field_types, type))
			return refuse(
			    err,
			    TR("Field %zu of step %s needs a name and a type: text, date, "
			       "enum, list, ref, integer or files."),
			    i + 1, code);
		if (strcmp(type, "enum") == 0 && json_array_size(json_object_get(f, "values")) == 0)
			return refuse(err, TR("The field %s of step %s lists its values."), name,
			              code);
	}
	return TRUE;
}

/* Checks the step object S (index I) against the states SEEN. */
static gboolean check_step(json_t *s, size_t i, GHashTable *seen, GHashTable *steps, GError **err)
{
	const char *code = json_string_value(json_object_get(s, "code"));
	json_t *from = json_object_get(s, "from"), *to = json_object_get(s, "to");
	json_t *who = json_object_get(s, "who"), *hk = json_object_get(s, "hooks"), *v;
	const char *offer = json_string_value(json_object_get(s, "offer_when"));
	size_t k;

	if (!json_is_object(s) || !code_ok(code))
		return refuse(err, TR("Step %zu needs a code of lowercase letters, digits and _."),
		              i + 1);
	if (g_hash_table_contains(steps, code))
		return refuse(err, TR("The step %s is defined twice."), code);
	g_hash_table_add(steps, (gpointer)code);
	if (!label_ok(json_object_get(s, "label")))
		return refuse(err, TR("The step %s needs a label with a Chinese name (zh)."), code);
	if (!json_is_array(from) || json_array_size(from) == 0)
		return refuse(err, TR("The step %s needs the states it starts from (from)."), code);
	json_array_foreach (from, k, v)
		if (!json_is_string(v) || !g_hash_table_contains(seen, json_string_value(v)))
			return refuse(err, TR("The step %s starts from an unknown state."), code);
	if (json_is_string(to)) {
		if (!g_hash_table_contains(seen, json_string_value(to)))
			return refuse(err, TR("The step %s leads to the unknown state %s."), code,
			              json_string_value(to));
	} else if (json_is_array(to) && json_array_size(to) > 0) {
		json_array_foreach (to, k, v)
			if (!json_is_null(v) &&
			    !(json_is_string(v) &&
			      g_hash_table_contains(seen, json_string_value(v))))
				return refuse(err, TR("The step %s leads to an unknown state."),
				              code);
	} else if (!json_is_null(to)) {
		return refuse(err,
		              TR("The step %s leads to a state (to), to a list of states its hooks "
		                 "choose from, or to null (the state stays)."),
		              code);
	}
	json_array_foreach (json_object_get(s, "stay_in"), k, v) {
		gboolean in_from = FALSE;
		json_t *w;
		size_t j;
		json_array_foreach (from, j, w)
			in_from = in_from || json_equal(w, v);
		if (!in_from)
			return refuse(
			    err,
			    TR("The step %s keeps the state only in states it starts from "
			       "(stay_in)."),
			    code);
	}
	if (json_object_get(s, "stay_in") && !json_is_array(json_object_get(s, "stay_in")))
		return refuse(err, TR("The step %s lists the states it keeps (stay_in)."), code);
	if (!json_is_array(who) || json_array_size(who) == 0)
		return refuse(err, TR("Nobody may take the step %s: name who may (who)."), code);
	json_array_foreach (who, k, v)
		if (!json_is_string(v) || work_flow_actor_fn(json_string_value(v), NULL) == NULL)
			return refuse(err,
			              TR("Nobody may take the step %s: %s is not a known actor."),
			              code, json_is_string(v) ? json_string_value(v) : "?");
	/* todo: whose inboxes the step fills, when not everyone who may take it (who) */
	if (json_object_get(s, "todo") && !json_is_array(json_object_get(s, "todo")))
		return refuse(err, TR("The step %s lists whose inboxes it fills (todo)."), code);
	json_array_foreach (json_object_get(s, "todo"), k, v)
		if (!json_is_string(v) || work_flow_actor_list_fn(json_string_value(v)) == NULL)
			return refuse(
			    err, TR("The step %s fills the inboxes of %s, which lists nobody."),
			    code, json_is_string(v) ? json_string_value(v) : "?");
	if (hk && !json_is_array(hk))
		return refuse(err, TR("The hooks of step %s are a list of names."), code);
	json_array_foreach (hk, k, v)
		if (!json_is_string(v) || work_flow_hook_fn(json_string_value(v)) == NULL)
			return refuse(err, TR("The step %s names an unknown hook: %s."), code,
			              json_is_string(v) ? json_string_value(v) : "?");
	if (json_object_get(s, "offer_when") &&
	    (offer == NULL || work_flow_offer_fn(offer) == NULL))
		return refuse(err, TR("The step %s names an unknown condition (offer_when)."),
		              code);
	return check_inputs(s, code, err);
}

gboolean work_flow_validate(json_t *def, const char *code, GError **err)
{
	json_t *states = json_object_get(def, "states"), *steps = json_object_get(def, "steps");
	const char *dcode = json_string_value(json_object_get(def, "code"));
	const char *initial = json_string_value(json_object_get(def, "initial"));
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) reached = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GPtrArray) queue = g_ptr_array_new();
	json_t *s, *st, *v;
	size_t i, j, k;

	if (!json_is_object(def))
		return refuse(err, "%s", TR("A workflow definition is a JSON object."));
	if (json_object_get(def, "code") && g_strcmp0(dcode, code) != 0)
		return refuse(err, TR("This definition is of the workflow %s."), code);
	if (!label_ok(json_object_get(def, "name")))
		return refuse(err, "%s", TR("The workflow needs a name with a Chinese name (zh)."));
	if (!json_is_array(states) || json_array_size(states) == 0 || json_array_size(states) > 100)
		return refuse(err, "%s", TR("The workflow needs its states (1 to 100)."));
	if (!json_is_array(steps) || json_array_size(steps) > 200)
		return refuse(err, "%s", TR("The workflow's steps are a list of at most 200."));
	json_array_foreach (states, i, s)
		if (!check_state(s, i, seen, err))
			return FALSE;
	if (initial == NULL || !g_hash_table_contains(seen, initial))
		return refuse(err, "%s", TR("The initial state must be one of the states."));
	json_array_foreach (steps, i, s)
		if (!check_step(s, i, seen, names, err))
			return FALSE;
	/* every state reachable from the initial one */
	g_hash_table_add(reached, (gpointer)initial);
	g_ptr_array_add(queue, (gpointer)initial);
	for (guint q = 0; q < queue->len; q++) {
		const char *at = queue->pdata[q];
		json_array_foreach (steps, i, s) {
			json_t *from = json_object_get(s, "from"), *to = json_object_get(s, "to");
			gboolean here = FALSE;
			json_array_foreach (from, k, v)
				here = here || strcmp(json_string_value(v), at) == 0;
			if (!here)
				continue;
			if (json_is_string(to) &&
			    g_hash_table_add(reached, (gpointer)json_string_value(to)))
				g_ptr_array_add(queue, (gpointer)json_string_value(to));
			json_array_foreach (to, k, v)
				if (json_is_string(v) &&
				    g_hash_table_add(reached, (gpointer)json_string_value(v)))
					g_ptr_array_add(queue, (gpointer)json_string_value(v));
		}
	}
	json_array_foreach (states, i, st) {
		const char *sc = json_string_value(json_object_get(st, "code"));
		gboolean out = FALSE;
		if (!g_hash_table_contains(reached, sc))
			return refuse(err, TR("The state %s cannot be reached from %s."), sc,
			              initial);
		if (strcmp(json_string_value(json_object_get(st, "type")), "terminal") == 0)
			continue;
		/* a way out: a step from here that can lead elsewhere */
		json_array_foreach (steps, j, s) {
			json_t *from = json_object_get(s, "from"), *to = json_object_get(s, "to");
			gboolean here = FALSE;
			json_array_foreach (from, k, v)
				here = here || strcmp(json_string_value(v), sc) == 0;
			if (!here)
				continue;
			if (json_is_string(to) && strcmp(json_string_value(to), sc) != 0)
				out = TRUE;
			json_array_foreach (to, k, v)
				if (json_is_string(v) && strcmp(json_string_value(v), sc) != 0)
					out = TRUE;
		}
		if (!out)
			return refuse(
			    err, TR("The state %s is not terminal but no step leads out of it."),
			    sc);
	}
	return TRUE;
}

/* ---- the parsed form ----------------------------------------------------------------------- */

WorkFlow *work_flow_parse(json_t *def, const char *code, gint64 version, GError **err)
{
	WorkFlow *f;
	json_t *s;
	size_t i;

	if (!work_flow_validate(def, code, err))
		return NULL;
	f = g_new0(WorkFlow, 1);
	f->json = json_deep_copy(def);
	json_object_set_new(f->json, "code", json_string(code));
	json_object_set_new(f->json, "version", json_integer(version));
	f->code = json_string_value(json_object_get(f->json, "code"));
	f->version = version;
	f->initial = json_string_value(json_object_get(f->json, "initial"));
	f->n_states = json_array_size(json_object_get(f->json, "states"));
	f->states = g_new0(WorkFlowState, f->n_states);
	json_array_foreach (json_object_get(f->json, "states"), i, s) {
		WorkFlowState *st = &f->states[i];
		json_t *dl = json_object_get(s, "deadline");
		st->code = json_string_value(json_object_get(s, "code"));
		st->type = json_string_value(json_object_get(s, "type"));
		st->label = json_object_get(s, "label");
		st->deadline_days = (int)json_integer_value(json_object_get(dl, "working_days"));
		st->deadline_hours = (int)json_integer_value(json_object_get(dl, "working_hours"));
	}
	f->n_steps = json_array_size(json_object_get(f->json, "steps"));
	f->steps = g_new0(WorkFlowStep, f->n_steps);
	json_array_foreach (json_object_get(f->json, "steps"), i, s) {
		WorkFlowStep *sp = &f->steps[i];
		json_t *to = json_object_get(s, "to"), *op = json_object_get(s, "opinion");
		guint n;
		sp->code = json_string_value(json_object_get(s, "code"));
		sp->label = json_object_get(s, "label");
		sp->from = strv_of(json_object_get(s, "from"), FALSE, &n);
		if (json_is_string(to)) {
			sp->to = g_new0(const char *, 2);
			sp->to[0] = json_string_value(to);
		} else {
			sp->to = strv_of(to, TRUE, &n);
			if (json_is_null(to)) {
				sp->to = g_renew(const char *, sp->to, 2);
				sp->to[0] = WORK_FLOW_STAY;
				sp->to[1] = NULL;
			}
		}
		sp->stay_in = strv_of(json_object_get(s, "stay_in"), FALSE, &n);
		sp->who = strv_of(json_object_get(s, "who"), FALSE, &n);
		sp->todo = json_object_get(s, "todo")
		               ? strv_of(json_object_get(s, "todo"), FALSE, &n)
		               : NULL;
		sp->hooks = strv_of(json_object_get(s, "hooks"), FALSE, &n);
		sp->offer_when = json_string_value(json_object_get(s, "offer_when"));
		sp->opinion_min = (int)json_integer_value(json_object_get(op, "min"));
		sp->opinion_max = json_object_get(op, "max")
		                      ? (int)json_integer_value(json_object_get(op, "max"))
		                      : 4000;
		sp->opinion_prompt = json_string_value(json_object_get(op, "prompt"));
		sp->fields = json_object_get(s, "fields");
	}
	return f;
}
