/*
 * flow_pages.c — the workflows as people see them: the list (GET /workflows), one workflow drawn
 * with its states, steps, who may take each and its versions (GET /workflows/{code}), and for the
 * security administrator (workflow.manage) a form for labels, actors and deadlines and the
 * definition as JSON, either stored as the next version (POST /workflows/{code}). And the same
 * picture on an item's page, its present state highlighted (work_flow_item_svg).
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/flow_internal.h"
#include "work/flow_draw.h"
#include "work/work_web.h"
#include "app.h"
#include "auth/auth_pages.h"
#include "core/core.h"

#include <string.h>

/* ---- shared --------------------------------------------------------------------------------- */

/* The error page for ERR (404, 500 …) and frees it. */
static void page_fail(HttpRequest *req, HttpResponse *res, GError *err)
{
	int status = work_error_status(err);

	if (status >= 500)
		g_warning("%s %s: %s", http_method(req), http_path(req), err ? err->message : "?");
	http_reply_error(
	    res, status >= 500 ? 503 : status, status >= 500 ? "unavailable" : work_error_code(err),
	    status >= 500 ? N_("The server could not complete this; try again.") : err->message,
	    NULL);
	g_clear_error(&err);
}

/* Pictures drawn before, by what was drawn: a definition version never changes, and Graphviz
 * draws one picture at a time (~5 ms each), so a busy document list must not wait on it. At most
 * SVG_CACHE_MAX are kept; when full the cache starts afresh. */
#define SVG_CACHE_MAX 1024
static GMutex svg_lock;
static GHashTable *svg_cache; /* key → svg */

/* work_flow_svg of F through the cache; TAKEN and VISITED are made sets (order and repeats do
 * not change the picture). New string or NULL with ERR. */
static char *flow_svg(const WorkFlow *f, const char *lang, const char *current, json_t *taken,
                      json_t *visited, GError **err)
{
	g_autoptr(GString) key = g_string_new(NULL);
	g_autoptr(GPtrArray) parts = g_ptr_array_new();
	json_t *lists[] = {taken, visited}, *v;
	char *svg;
	size_t i;

	g_string_printf(key, "%s\n%" G_GINT64_FORMAT "\n%s\n%s", work_flow_code(f),
	                work_flow_version(f), lang, current ? current : "");
	for (gsize l = 0; l < G_N_ELEMENTS(lists); l++) {
		g_ptr_array_set_size(parts, 0);
		json_array_foreach (lists[l], i, v)
			if (json_is_string(v))
				g_ptr_array_add(parts, (gpointer)json_string_value(v));
		g_ptr_array_sort(parts, (GCompareFunc)g_strcmp0);
		g_string_append_c(key, '\n');
		for (guint k = 0; k < parts->len; k++)
			if (k == 0 || strcmp(parts->pdata[k], parts->pdata[k - 1]) != 0)
				g_string_append_printf(key, "%s,", (const char *)parts->pdata[k]);
	}
	g_mutex_lock(&svg_lock);
	if (svg_cache == NULL)
		svg_cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	svg = g_strdup(g_hash_table_lookup(svg_cache, key->str));
	g_mutex_unlock(&svg_lock);
	if (svg)
		return svg;
	if ((svg = work_flow_svg(work_flow_json(f), lang, current, taken, visited, err)) == NULL)
		return NULL;
	g_mutex_lock(&svg_lock);
	if (g_hash_table_size(svg_cache) >= SVG_CACHE_MAX)
		g_hash_table_remove_all(svg_cache);
	g_hash_table_replace(svg_cache, g_strdup(key->str), g_strdup(svg));
	g_mutex_unlock(&svg_lock);
	return svg;
}

static DbConn *page_conn(HttpRequest *req, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);

	if (c == NULL)
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
	return c;
}

char *work_flow_item_svg(DbConn *c, gint64 item, const char *lang, GError **err)
{
	g_autoptr(json_t) rows = NULL, events = NULL, taken = json_array(), visited = json_array();
	json_t *it, *ev;
	const WorkFlow *f;
	GError *e = NULL;
	char *svg;
	size_t i;

	rows = work_rows(WORK_ERRORS, c, err,
	                 "SELECT kind, status, coalesce(workflow_version, 1) AS v FROM item WHERE "
	                 "id = ?",
	                 "i", item);
	if (rows == NULL)
		return NULL;
	if ((it = json_array_get(rows, 0)) == NULL) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such item."));
		return NULL;
	}
	f = work_flow_get(c, json_string_value(json_object_get(it, "kind")),
	                  json_integer_value(json_object_get(it, "v")), err);
	/* the steps taken and the states passed, from the item's history */
	events = f ? work_rows(WORK_ERRORS, c, err,
	                       "SELECT action, from_status, to_status FROM item_event WHERE "
	                       "item_id = ? ORDER BY id",
	                       "i", item)
	           : NULL;
	if (events == NULL)
		return NULL;
	json_array_foreach (events, i, ev) {
		json_array_append(taken, json_object_get(ev, "action"));
		if (json_is_string(json_object_get(ev, "from_status")))
			json_array_append(visited, json_object_get(ev, "from_status"));
		if (json_is_string(json_object_get(ev, "to_status")))
			json_array_append(visited, json_object_get(ev, "to_status"));
	}
	svg =
	    flow_svg(f, lang, json_string_value(json_object_get(it, "status")), taken, visited, &e);
	if (svg == NULL) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB, e->message);
		g_error_free(e);
	}
	return svg;
}

/* ---- GET /workflows ------------------------------------------------------------------------- */

void work_page_workflows(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = page_conn(req, &err);
	json_t *items = c ? work_flow_list(c, &err) : NULL, *w, *m;
	size_t i;

	if (items == NULL) {
		page_fail(req, res, err);
		return;
	}
	json_array_foreach (items, i, w) {
		g_autofree char *href =
		    g_strdup_printf("/workflows/%s", json_string_value(json_object_get(w, "code")));
		json_object_set_new(w, "href", json_string(href));
		json_object_set_new(
		    w, "title",
		    json_string(work_flow_label(json_object_get(w, "name"), http_lang(req), "")));
		json_object_set_new(w, "summary",
		                    json_string(work_flow_label(json_object_get(w, "description"),
		                                                http_lang(req), "")));
	}
	m = json_pack("{s:s, s:I, s:o}", "title", http_tr(req, N_("Workflows")), "count",
	              (json_int_t)json_array_size(items), "workflows", items);
	http_reply_model(res, 200, m, "work/workflows");
}

/* ---- GET /workflows/{code} ------------------------------------------------------------------ */

/* The labels of the states in V (codes; null: "the state stays") joined for reading. */
static char *states_text(const WorkFlow *f, const char **v, const char *lang)
{
	GString *s = g_string_new(NULL);

	for (const char **p = v; p && *p; p++) {
		if (p != v)
			g_string_append(s, lang && strcmp(lang, CORE_LANG_EN) == 0 ? ", " : "、");
		g_string_append(s, *p == WORK_FLOW_STAY ? core_tr(lang, N_("(stays)"))
		                                        : work_flow_state_label(f, *p, lang));
	}
	return g_string_free(s, FALSE);
}

/* The actors of a step in words, and the registered actors as options for the form. */
static char *who_text(const char **who, const char *lang)
{
	GString *s = g_string_new(NULL);

	for (const char **w = who; *w; w++) {
		const char *label;
		work_flow_actor_fn(*w, &label);
		if (w != who)
			g_string_append(s, strcmp(lang, CORE_LANG_EN) == 0 ? "; " : "；");
		g_string_append(s, core_tr(lang, label));
	}
	return g_string_free(s, FALSE);
}

/* The page model of workflow F (version VERSIONS lists) for REQ. New reference. */
static json_t *workflow_model(HttpRequest *req, DbConn *c, const WorkFlow *f, GError **err)
{
	const char *lang = http_lang(req);
	json_t *states = json_array(), *steps = json_array(), *versions, *m, *v;
	gboolean manage = auth_can(auth_current(req), "workflow.manage");
	GError *e = NULL;
	char *svg;
	size_t i;

	if ((versions = work_flow_versions(c, f->code, err)) == NULL)
		return NULL;
	json_array_foreach (versions, i, v) {
		g_autofree char *href =
		    g_strdup_printf("/workflows/%s?version=%" JSON_INTEGER_FORMAT, f->code,
		                    json_integer_value(json_object_get(v, "version")));
		json_object_set_new(v, "href", json_string(href));
		json_object_set_new(
		    v, "shown",
		    json_boolean(json_integer_value(json_object_get(v, "version")) == f->version));
	}
	for (guint k = 0; k < f->n_states; k++) {
		const WorkFlowState *s = &f->states[k];
		static const struct {
			const char *type, *msgid;
		} types[] = {{"open", N_("In hand")},
		             {"waiting", N_("Waiting for someone")},
		             {"terminal", N_("Finished")}};
		const char *type = s->type;
		g_autofree char *dl = NULL;
		for (gsize t = 0; t < G_N_ELEMENTS(types); t++)
			if (strcmp(types[t].type, s->type) == 0)
				type = http_tr(req, types[t].msgid);
		if (s->deadline_days)
			dl = g_strdup_printf(core_tr_now(N_("%d working days")), s->deadline_days);
		else if (s->deadline_hours)
			dl =
			    g_strdup_printf(core_tr_now(N_("%d working hours")), s->deadline_hours);
		json_array_append_new(
		    states,
		    json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:i, s:i, s:b}", "code", s->code,
		              "label", work_flow_state_label(f, s->code, lang), "deadline_text", dl,
		              "type_label", type, "label_zh",
		              work_flow_label(s->label, CORE_LANG_ZH, ""), "label_en",
		              json_string_value(json_object_get(s->label, "en"))
		                  ? json_string_value(json_object_get(s->label, "en"))
		                  : "",
		              "deadline_days", s->deadline_days, "deadline_hours",
		              s->deadline_hours, "terminal", strcmp(s->type, "terminal") == 0));
	}
	for (guint k = 0; k < f->n_steps; k++) {
		const WorkFlowStep *s = &f->steps[k];
		g_autofree char *from = states_text(f, s->from, lang);
		g_autofree char *to = states_text(f, s->to, lang);
		g_autofree char *who = who_text(s->who, lang);
		g_autofree char *who_codes = g_strjoinv(", ", (char **)s->who);
		g_autofree char *hooks = g_strjoinv(", ", (char **)s->hooks);
		json_array_append_new(
		    steps, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code",
		                     s->code, "label", work_flow_step_label(f, s->code, lang),
		                     "from_text", from, "to_text", to, "who_text", who, "who_codes",
		                     who_codes, "hooks", hooks, "label_zh",
		                     work_flow_label(s->label, CORE_LANG_ZH, ""), "label_en",
		                     json_string_value(json_object_get(s->label, "en"))
		                         ? json_string_value(json_object_get(s->label, "en"))
		                         : ""));
	}
	svg = flow_svg(f, lang, NULL, NULL, NULL, &e);
	if (svg == NULL) {
		g_warning("workflow %s: %s", f->code, e->message);
		g_clear_error(&e);
	}
	m = json_pack("{s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:b, s:b}", "title",
	              work_flow_label(json_object_get(f->json, "name"), lang, f->code), "code",
	              f->code, "summary",
	              work_flow_label(json_object_get(f->json, "description"), lang, ""), "version",
	              (json_int_t)f->version, "svg", svg ? svg : "", "states", states, "steps",
	              steps, "versions", versions, "can_manage", manage, "has_svg", svg != NULL);
	g_free(svg);
	if (manage) {
		char *text = json_dumps(f->json, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		json_t *actors = work_flow_actors_json(lang);
		json_object_set_new(m, "definition_text", json_string(text));
		json_object_set_new(m, "actors", actors);
		free(text);
	}
	return m;
}

/* Renders workflow CODE at VERSION (0: current) with STATUS, and the flash or ERROR given. */
static void show(HttpRequest *req, HttpResponse *res, const char *code, gint64 version, int status,
                 const char *flash, const char *error, const char *text)
{
	GError *err = NULL;
	DbConn *c = page_conn(req, &err);
	const WorkFlow *f = c ? work_flow_get(c, code, version, &err) : NULL;
	json_t *m = f ? workflow_model(req, c, f, &err) : NULL;

	if (m == NULL) {
		page_fail(req, res, err);
		return;
	}
	if (flash)
		json_object_set_new(m, "flash",
		                    json_pack("[{s:s, s:s}]", "kind", "success", "message", flash));
	if (error) {
		json_object_set_new(m, "error", json_pack("{s:s}", "message", error));
		if (text)
			json_object_set_new(m, "definition_text", json_string(text));
	}
	http_reply_model(res, status, m, "work/workflow");
}

void work_page_workflow(HttpRequest *req, HttpResponse *res)
{
	const char *v = http_query(req, "version"), *saved = http_query(req, "saved");
	gint64 version = v ? core_parse_id(v) : 0;
	g_autofree char *flash = NULL;

	if (v && version == 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such workflow."), NULL);
		return;
	}
	if (saved && core_parse_id(saved))
		flash = g_strdup_printf(core_tr_now(N_("Saved as version %s.")), saved);
	show(req, res, http_param(req, "code"), version, 200, flash, NULL, NULL);
}

/* ---- POST /workflows/{code} ----------------------------------------------------------------- */

/* Applies the form's labels, actors and deadlines to a copy of DEF. NULL with *ERROR (a msgid)
 * when a value is malformed. */
static json_t *from_form(HttpRequest *req, json_t *def, const char **error)
{
	json_t *d = json_deep_copy(def), *s;
	size_t i;

	json_array_foreach (json_object_get(d, "states"), i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		g_autofree char *kzh = g_strdup_printf("state.%s.zh", code);
		g_autofree char *ken = g_strdup_printf("state.%s.en", code);
		g_autofree char *kdl = g_strdup_printf("state.%s.deadline", code);
		g_autofree char *kun = g_strdup_printf("state.%s.unit", code);
		const char *zh = http_form(req, kzh), *en = http_form(req, ken);
		const char *dl = http_form(req, kdl), *unit = http_form(req, kun);
		json_t *label = json_object_get(s, "label");
		if (zh)
			json_object_set_new(label, "zh", json_string(zh));
		if (en && *en)
			json_object_set_new(label, "en", json_string(en));
		if (dl && *dl == '\0')
			json_object_del(s, "deadline");
		else if (dl) {
			gint64 n = core_parse_id(dl);
			if (n == 0) {
				*error =
				    N_("A deadline is a whole number of working days or hours.");
				json_decref(d);
				return NULL;
			}
			json_object_set_new(s, "deadline",
			                    json_pack("{s:I}",
			                              g_strcmp0(unit, "hours") == 0
			                                  ? "working_hours"
			                                  : "working_days",
			                              (json_int_t)n));
		}
	}
	json_array_foreach (json_object_get(d, "steps"), i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		g_autofree char *kzh = g_strdup_printf("step.%s.zh", code);
		g_autofree char *ken = g_strdup_printf("step.%s.en", code);
		g_autofree char *kwho = g_strdup_printf("step.%s.who", code);
		const char *zh = http_form(req, kzh), *en = http_form(req, ken);
		const char *who = http_form(req, kwho);
		json_t *label = json_object_get(s, "label");
		if (zh)
			json_object_set_new(label, "zh", json_string(zh));
		if (en && *en)
			json_object_set_new(label, "en", json_string(en));
		if (who) {
			g_auto(GStrv) parts = g_strsplit_set(who, ",，;； ", -1);
			json_t *a = json_array();
			for (char **p = parts; *p; p++)
				if (**p)
					json_array_append_new(a, json_string(*p));
			json_object_set_new(s, "who", a);
		}
	}
	return d;
}

void work_page_workflow_post(HttpRequest *req, HttpResponse *res)
{
	const char *code = http_param(req, "code"), *text = http_form(req, "definition");
	g_autoptr(json_t) def = NULL;
	GError *err = NULL;
	gint64 version = 0;
	const char *error = NULL;

	if (text) { /* the JSON editor */
		json_error_t je;
		if ((def = json_loads(text, JSON_REJECT_DUPLICATES, &je)) == NULL)
			error = N_("The definition is not valid JSON.");
	} else { /* the form: labels, actors, deadlines on the current version */
		DbConn *c = page_conn(req, &err);
		const WorkFlow *f = c ? work_flow_get(c, code, 0, &err) : NULL;
		if (f == NULL) {
			page_fail(req, res, err);
			return;
		}
		def = from_form(req, work_flow_json(f), &error);
	}
	if (error) {
		show(req, res, code, 0, 422, NULL, http_tr(req, error), text);
		return;
	}
	json_object_del(def, "version");
	if (!work_flow_op_store(req, code, def, &version, &err)) {
		if (work_error_status(err) == 422 || work_error_status(err) == 409) {
			show(req, res, code, 0, work_error_status(err), NULL,
			     http_tr(req, err->message), text);
			g_clear_error(&err);
		} else {
			page_fail(req, res, err);
		}
		return;
	}
	{
		g_autofree char *to =
		    g_strdup_printf("/workflows/%s?saved=%" G_GINT64_FORMAT, code, version);
		http_reply_redirect(res, 303, to);
	}
}
