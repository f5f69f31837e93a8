/*
 * flow_draw.c — a workflow definition drawn as inline SVG by Graphviz (see flow_draw.h).
 *
 * Three stages: the definition is checked (no lock), the graph is built, laid out by dot and
 * rendered to SVG under one process-wide lock (Graphviz keeps global state in cgraph and gvc),
 * and the SVG is trimmed to a fragment for inline use (no lock). Every text from the definition
 * reaches Graphviz as an attribute value through agsafeset, never as DOT source, and Graphviz
 * XML-escapes it on output; what it would still interpret (backslash escapes such as \N, and
 * character entities in labels) is neutralised first by gv_label() and id_part().
 */
#include "work/flow_draw.h"

#include "core/core.h"

#include <gvc.h>
#include <string.h>

G_DEFINE_QUARK(mishu - work - flow - draw - error - quark, work_flow_draw_error)

/* ==== Look ================================================================================= */

#define FONT          "Noto Sans CJK SC"
#define INK           "#222222" /* text */
#define LINE          "#8a8f98" /* borders and edges */
#define MUTED         "#5f6368" /* edge labels, the note */
#define ACCENT        "#1f5fbf" /* the current state, taken steps */
#define VISITED_FILL  "#dce7f7"
#define VISITED_LINE  "#6f95d3"
#define TERMINAL_FILL "#eeeeee"

/* ==== Small helpers ======================================================================== */

typedef struct Opts {
	gboolean en;
	const char *lang; /* CORE_LANG_EN or CORE_LANG_ZH, for core_tr */
	const char *current;
	json_t *taken;
	json_t *visited;
	GHashTable *back; /* from back_edges() */
} Opts;

static const char *tr_fmt(const char *lang, const char *msgid) G_GNUC_FORMAT(2);

static const char *tr_fmt(const char *lang, const char *msgid)
{
	return core_tr(lang, msgid);
}

/* agsafeset takes char * for what it only reads (Graphviz 2.42's API); one cast, here. */
static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

/* The text of a {"zh": …, "en": …} LABEL in the drawing's language: English falls back to
 * Chinese, Chinese to English, both to CODE. A plain string label is used as it is. Borrowed. */
static const char *text(json_t *label, gboolean en, const char *code)
{
	const char *zh = json_string_value(json_object_get(label, "zh"));
	const char *eng = json_string_value(json_object_get(label, "en"));

	if (json_is_string(label) && *json_string_value(label))
		return json_string_value(label);
	if (en && eng && *eng)
		return eng;
	if (zh && *zh)
		return zh;
	if (eng && *eng)
		return eng;
	return code;
}

/* Appends S to OUT as label text Graphviz shows literally: a backslash would start an escape
 * (\N is the node's name, \l a line break) and a character entity would be decoded before
 * escaping on output (so "&lt;" would show as "<"); both are doubled up here. */
static void gv_label(GString *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			g_string_append(out, "\\\\");
		else if (*s == '&')
			g_string_append(out, "&amp;");
		else
			g_string_append_c(out, *s);
	}
}

/* Appends CODE to OUT as part of an SVG id or class: every byte outside [A-Za-z0-9_-] becomes
 * "_", so a code can neither split a class list nor carry markup or a Graphviz escape. */
static void id_part(GString *out, const char *code)
{
	for (; *code; code++)
		g_string_append_c(
		    out, g_ascii_isalnum(*code) || *code == '-' || *code == '_' ? *code : '_');
}

static gboolean in_array(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach (arr, i, v) {
		if (g_strcmp0(json_string_value(v), s) == 0)
			return TRUE;
	}
	return FALSE;
}

/* A step's "from" or "to" as an array: a string becomes a one-element array, null or absent an
 * empty one. A new reference; NULL when V is of another type. */
static json_t *codes(json_t *v)
{
	if (v == NULL || json_is_null(v))
		return json_array();
	if (json_is_string(v))
		return json_pack("[O]", v);
	if (json_is_array(v))
		return json_incref(v);
	return NULL;
}

/* ==== Checking the definition ============================================================== */

static gboolean invalid(GError **err, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static gboolean invalid(GError **err, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error_literal(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_INVALID, msg);
	g_free(msg);
	return FALSE;
}

/* Checks that every code in the array LIST (from codes()) names a state of STATES. */
static gboolean check_codes(json_t *list, GHashTable *states, const char *step, const char *key,
                            GError **err)
{
	size_t i;
	json_t *v;

	if (list == NULL)
		return invalid(err, "step %s: \"%s\" is not a state code or an array of them", step,
		               key);
	json_array_foreach (list, i, v) {
		if (!json_is_string(v))
			return invalid(err, "step %s: \"%s\" holds a value that is not a string",
			               step, key);
		if (!g_hash_table_contains(states, json_string_value(v)))
			return invalid(err, "step %s: \"%s\" names %s, which is not a state", step,
			               key, json_string_value(v));
	}
	return TRUE;
}

/* Checks DEF against the contract in flow_draw.h; fills STATES (code → state object, both
 * borrowed from DEF). */
static gboolean check(json_t *def, GHashTable *states, GError **err)
{
	json_t *list = json_object_get(def, "states");
	json_t *steps = json_object_get(def, "steps");
	json_t *initial = json_object_get(def, "initial");
	json_t *v;
	size_t i;
	size_t edges = 0;

	if (!json_is_object(def))
		return invalid(err, "a workflow definition is a JSON object");
	if (!json_is_array(list) || json_array_size(list) == 0)
		return invalid(err, "the definition has no \"states\" array");
	if (json_array_size(list) > WORK_FLOW_DRAW_MAX_STATES)
		return invalid(err, "the definition has more than %d states",
		               WORK_FLOW_DRAW_MAX_STATES);
	json_array_foreach (list, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));

		if (code == NULL || *code == '\0')
			return invalid(err, "state %zu has no \"code\"", i + 1);
		if (!g_hash_table_insert(states, (char *)code, v))
			return invalid(err, "state %s is declared twice", code);
	}
	if (initial && !json_is_null(initial) &&
	    !g_hash_table_contains(states, json_string_value(initial) ?: ""))
		return invalid(err, "\"initial\" is not one of the states");
	if (steps && !json_is_array(steps))
		return invalid(err, "\"steps\" is not an array");
	json_array_foreach (steps, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		json_t *from, *to;
		gboolean ok;

		if (code == NULL || *code == '\0')
			return invalid(err, "step %zu has no \"code\"", i + 1);
		from = codes(json_object_get(v, "from"));
		to = codes(json_object_get(v, "to"));
		ok = check_codes(from, states, code, "from", err) &&
		     check_codes(to, states, code, "to", err);
		if (ok && json_array_size(from) == 0)
			ok = invalid(err, "step %s has no \"from\" state", code);
		if (ok)
			edges += json_array_size(from) * MAX(json_array_size(to), 1);
		json_decref(from);
		json_decref(to);
		if (!ok)
			return FALSE;
		if (edges > WORK_FLOW_DRAW_MAX_EDGES)
			return invalid(err, "the definition has more than %d edges to draw",
			               WORK_FLOW_DRAW_MAX_EDGES);
	}
	return TRUE;
}

/* ==== Back edges ============================================================================ */

/* dot breaks cycles itself, but Graphviz 2.42 leaks the virtual edges it makes to reverse an edge
 * (acyclic() in dot_rank; some 400 bytes a picture with a 退回 loop), and a workflow always has
 * loops. So the edges that close a cycle are found here, by a depth-first walk from the initial
 * state along the steps in their declared order, and drawn with constraint=false: they take no
 * part in ranking, the ranked graph has no cycle, and the main line reads top to bottom. */

typedef struct Walk {
	json_t *steps;
	GHashTable *mark; /* state code → 1 while on the walk's path, 2 when done */
	GHashTable *back; /* "FROM\x1fTO" of each edge that closes a cycle */
} Walk;

static char *edge_key(const char *from, const char *to)
{
	return g_strdup_printf("%s\x1f%s", from, to);
}

static void walk(Walk *w, const char *state)
{
	size_t i, j;
	json_t *s, *t;

	g_hash_table_insert(w->mark, (char *)state, GINT_TO_POINTER(1));
	json_array_foreach (w->steps, i, s) {
		json_t *from = codes(json_object_get(s, "from"));
		json_t *to = codes(json_object_get(s, "to"));

		if (in_array(from, state)) {
			json_array_foreach (to, j, t) {
				const char *next = json_string_value(t);
				int m = GPOINTER_TO_INT(g_hash_table_lookup(w->mark, next));

				/* A self-loop is no cycle to dot's ranking. */
				if (strcmp(next, state) == 0)
					continue;
				if (m == 1)
					g_hash_table_add(w->back, edge_key(state, next));
				else if (m == 0)
					walk(w, next);
			}
		}
		json_decref(from);
		json_decref(to);
	}
	g_hash_table_insert(w->mark, (char *)state, GINT_TO_POINTER(2));
}

/* The edges of DEF (checked) that close a cycle, as a set of edge_key()s. */
static GHashTable *back_edges(json_t *def)
{
	const char *initial = json_string_value(json_object_get(def, "initial"));
	Walk w = {json_object_get(def, "steps"), g_hash_table_new(g_str_hash, g_str_equal),
	          g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
	size_t i;
	json_t *st;

	if (initial)
		walk(&w, initial);
	json_array_foreach (json_object_get(def, "states"), i, st) {
		const char *code = json_string_value(json_object_get(st, "code"));

		if (!g_hash_table_contains(w.mark, code))
			walk(&w, code);
	}
	g_hash_table_destroy(w.mark);
	return w.back;
}

/* ==== Building the graph (under gv_lock) ================================================== */

/* A node name no state has: BASE, or BASE with "_" appended until it is free. New string. */
static char *free_name(Agraph_t *g, const char *base)
{
	GString *name = g_string_new(base);

	while (agnode(g, name->str, 0) != NULL)
		g_string_append_c(name, '_');
	return g_string_free(name, FALSE);
}

static gboolean been(const Opts *o, const char *state)
{
	return in_array(o->visited, state) || g_strcmp0(o->current, state) == 0;
}

/* One node per state, keyed by its code (so its SVG <title> is the code). */
static void add_states(Agraph_t *g, json_t *def, const Opts *o)
{
	const char *initial = json_string_value(json_object_get(def, "initial"));
	size_t i;
	json_t *s;

	json_array_foreach (json_object_get(def, "states"), i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		const char *type = json_string_value(json_object_get(s, "type"));
		json_int_t days = json_integer_value(
		    json_object_get(json_object_get(s, "deadline"), "working_days"));
		gboolean terminal = g_strcmp0(type, "terminal") == 0;
		gboolean current = g_strcmp0(code, o->current) == 0;
		gboolean visited = !current && in_array(o->visited, code);
		Agnode_t *n = agnode(g, (char *)code, 1);
		g_autoptr(GString) label = g_string_new(NULL);
		g_autoptr(GString) id = g_string_new("state-");
		g_autoptr(GString) cls = g_string_new("state type-");

		gv_label(label, text(json_object_get(s, "label"), o->en, code));
		if (days > 0) {
			g_autofree char *d =
			    days == 1 ? g_strdup(core_tr(o->lang, N_("1 working day")))
			              : g_strdup_printf(tr_fmt(o->lang, N_("%d working days")),
			                                (int)MIN(days, 9999));

			g_string_append(label, "\\n");
			gv_label(label, d);
		}
		set(n, "label", label->str);
		id_part(id, code);
		set(n, "id", id->str);
		id_part(cls, type ? type : "open");
		if (g_strcmp0(code, initial) == 0)
			g_string_append(cls, " initial");
		if (visited)
			g_string_append(cls, " visited");
		if (current)
			g_string_append(cls, " current");
		set(n, "class", cls->str);
		if (terminal) {
			set(n, "peripheries", "2");
			set(n, "fillcolor", TERMINAL_FILL);
		}
		if (visited) {
			set(n, "fillcolor", VISITED_FILL);
			set(n, "color", VISITED_LINE);
		}
		if (current) {
			set(n, "fillcolor", ACCENT);
			set(n, "color", ACCENT);
			set(n, "fontcolor", "white");
		}
	}
	if (initial) {
		g_autofree char *name = free_name(g, "initial");
		Agnode_t *mark = agnode(g, name, 1);
		Agedge_t *e = agedge(g, mark, agnode(g, (char *)initial, 0), NULL, 1);

		set(mark, "id", "flow-initial");
		set(mark, "class", "initial-marker");
		set(mark, "shape", "point");
		set(mark, "width", "0.12");
		set(mark, "fillcolor", INK);
		set(mark, "color", INK);
		set(mark, "label", "");
		set(e, "id", "flow-initial-edge");
		set(e, "class", "initial-edge");
		set(e, "color", INK);
	}
}

/* The edges of step S from state FROM: one to each target, dashed when a hook picks one of
 * several, blue and bold when the item took it. */
static void add_step_edges(Agraph_t *g, json_t *s, const char *from, json_t *to, const Opts *o)
{
	const char *code = json_string_value(json_object_get(s, "code"));
	const char *label = text(json_object_get(s, "label"), o->en, code);
	gboolean choice = json_array_size(to) > 1;
	size_t i;
	json_t *t;

	json_array_foreach (to, i, t) {
		const char *target = json_string_value(t);
		gboolean taken = in_array(o->taken, code) &&
		                 (o->visited == NULL || (been(o, from) && been(o, target)));
		/* Named edges, so that two steps between the same states stay two edges. */
		g_autofree char *name = g_strdup_printf("%s\x1f%s\x1f%s", code, from, target);
		Agedge_t *e =
		    agedge(g, agnode(g, (char *)from, 0), agnode(g, (char *)target, 0), name, 1);
		g_autofree char *key = edge_key(from, target);
		g_autoptr(GString) text_ = g_string_new(NULL);
		g_autoptr(GString) id = g_string_new("step-");
		g_autoptr(GString) cls = g_string_new("step step-");

		gv_label(text_, label);
		set(e, "label", text_->str);
		id_part(id, code);
		g_string_append_c(id, '-');
		id_part(id, from);
		g_string_append_c(id, '-');
		id_part(id, target);
		set(e, "id", id->str);
		id_part(cls, code);
		if (choice) {
			g_string_append(cls, " choice");
			set(e, "style", "dashed");
		}
		if (taken) {
			g_string_append(cls, " taken");
			set(e, "color", ACCENT);
			set(e, "fontcolor", ACCENT);
			set(e, "penwidth", "2.2");
		}
		set(e, "class", cls->str);
		if (g_hash_table_contains(o->back, key))
			set(e, "constraint", "false");
	}
}

/* Steps whose "to" is null keep the state (催办 may run in most states); a self-loop on each
 * from-state would clutter the picture, so they are listed in one note box instead: one line per
 * step with the states it runs in. */
static void add_keep_note(Agraph_t *g, GString *lines, const Opts *o)
{
	g_autofree char *name = NULL;
	g_autoptr(GString) label = g_string_new(NULL);
	Agnode_t *n;

	if (lines->len == 0)
		return;
	gv_label(label, core_tr(o->lang, N_("Steps that keep the state")));
	g_string_append(label, "\\l");
	g_string_append_len(label, lines->str, lines->len);
	name = free_name(g, "keep");
	n = agnode(g, name, 1);
	set(n, "id", "flow-keep");
	set(n, "class", "keep-note");
	set(n, "shape", "note");
	set(n, "style", "filled");
	set(n, "fillcolor", "#fafafa");
	set(n, "color", "#c4c7cc");
	set(n, "fontcolor", MUTED);
	set(n, "fontsize", "10");
	set(n, "label", label->str);
}

static void add_steps(Agraph_t *g, json_t *def, GHashTable *states, const Opts *o)
{
	g_autoptr(GString) keep = g_string_new(NULL);
	size_t i, j;
	json_t *s, *f;

	json_array_foreach (json_object_get(def, "steps"), i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		json_t *from = codes(json_object_get(s, "from"));
		json_t *to = codes(json_object_get(s, "to"));

		if (json_array_size(to) == 0) {
			gv_label(keep, text(json_object_get(s, "label"), o->en, code));
			g_string_append(keep, o->en ? ": " : "：");
			json_array_foreach (from, j, f) {
				json_t *st = g_hash_table_lookup(states, json_string_value(f));

				if (j > 0)
					g_string_append(keep, o->en ? ", " : "、");
				/* Four states a line keeps the note narrow. */
				if (j > 0 && j % 4 == 0)
					g_string_append(keep, "\\l    ");
				gv_label(keep, text(json_object_get(st, "label"), o->en,
				                    json_string_value(f)));
			}
			g_string_append(keep, "\\l");
		}
		json_array_foreach (from, j, f)
			add_step_edges(g, s, json_string_value(f), to, o);
		json_decref(from);
		json_decref(to);
	}
	add_keep_note(g, keep, o);
}

/* Graph-wide attributes and the defaults every node and edge starts from. */
static void style_graph(Agraph_t *g, json_t *def)
{
	g_autoptr(GString) id = g_string_new("flow-");

	id_part(id, json_string_value(json_object_get(def, "code")) ?: "");
	set(g, "id", id->str);
	/* Top to bottom: a dozen states stack into a column that a phone shows at a readable
	 * size, where left to right would shrink the text to fit the width. */
	set(g, "rankdir", "TB");
	set(g, "fontname", FONT);
	set(g, "bgcolor", "white");
	set(g, "nodesep", "0.3");
	set(g, "ranksep", "0.35");
	set(g, "pad", "0.1");
	agattr(g, AGNODE, (char *)"fontname", (char *)FONT);
	agattr(g, AGNODE, (char *)"fontsize", (char *)"12");
	agattr(g, AGNODE, (char *)"shape", (char *)"box");
	agattr(g, AGNODE, (char *)"style", (char *)"rounded,filled");
	agattr(g, AGNODE, (char *)"fillcolor", (char *)"white");
	agattr(g, AGNODE, (char *)"color", (char *)LINE);
	agattr(g, AGNODE, (char *)"fontcolor", (char *)INK);
	agattr(g, AGNODE, (char *)"margin", (char *)"0.15,0.06");
	agattr(g, AGNODE, (char *)"height", (char *)"0.4");
	agattr(g, AGEDGE, (char *)"fontname", (char *)FONT);
	agattr(g, AGEDGE, (char *)"fontsize", (char *)"10");
	agattr(g, AGEDGE, (char *)"fontcolor", (char *)MUTED);
	agattr(g, AGEDGE, (char *)"color", (char *)LINE);
	agattr(g, AGEDGE, (char *)"arrowsize", (char *)"0.7");
}

/* ==== Graphviz ============================================================================= */

/* Graphviz is not thread-safe (cgraph's and gvc's globals, the error hook), so every call into
 * it holds gv_lock. One context serves the process: gvContext() reads the plugin configuration
 * (config6a, written by libgvc6's postinst) and loads plugins, too slow to repeat per picture;
 * it is never freed, so it stays reachable for LeakSanitizer. */
static GMutex gv_lock;
static GVC_t *gv;
static GString *gv_messages; /* what Graphviz reported during the current drawing */

/* Graphviz's error hook (called with gv_lock held): keeps the messages for the GError and the
 * debug log instead of letting them reach stderr. */
static int gv_report(char *msg)
{
	g_string_append(gv_messages, msg);
	g_debug("graphviz: %s", msg);
	return 0;
}

/* Lays DEF out and renders it to SVG; returns Graphviz's full document (g_free) or NULL with
 * ERR. Note: gvc switches LC_NUMERIC to "C" and back around a render (setlocale, process-wide);
 * mishu's process locale is C.UTF-8, whose numbers are the same, so other threads see no
 * change. */
static char *render(json_t *def, GHashTable *states, const Opts *o, GError **err)
{
	const char *title = text(json_object_get(def, "name"), o->en,
	                         json_string_value(json_object_get(def, "code")) ?: "flow");
	char *buf = NULL;
	unsigned int len = 0;
	char *out = NULL;
	Agraph_t *g;

	g_mutex_lock(&gv_lock);
	if (gv == NULL) {
		gv = gvContext();
		gv_messages = g_string_new(NULL);
		agseterrf(gv_report);
	}
	g_string_truncate(gv_messages, 0);
	/* The graph's name becomes the picture's <title>, escaped by Graphviz. */
	g = agopen((char *)title, Agdirected, NULL);
	if (gv == NULL || g == NULL) {
		g_set_error_literal(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_GRAPHVIZ,
		                    "Graphviz could not start");
		goto out;
	}
	style_graph(g, def);
	add_states(g, def, o);
	add_steps(g, def, states, o);
	if (gvLayout(gv, g, "dot") != 0) {
		g_set_error(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_GRAPHVIZ,
		            "Graphviz could not lay the workflow out: %s",
		            g_strchomp(gv_messages->str));
		goto out;
	}
	if (gvRenderData(gv, g, "svg", &buf, &len) != 0 || buf == NULL) {
		g_set_error(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_GRAPHVIZ,
		            "Graphviz could not render SVG: %s", g_strchomp(gv_messages->str));
		goto out;
	}
	out = g_strndup(buf, len);
out:
	if (buf)
		gvFreeRenderData(buf);
	if (g) {
		if (gv)
			gvFreeLayout(gv, g);
		agclose(g);
	}
	g_mutex_unlock(&gv_lock);
	return out;
}

/* ==== The inline fragment ================================================================== */

/* The value of attribute NAME in the start tag TAG (up to its '>'), or NULL. New string. */
static char *attr(const char *tag, const char *end, const char *name)
{
	g_autofree char *key = g_strdup_printf(" %s=\"", name);
	const char *p = g_strstr_len(tag, end - tag, key);
	const char *q;

	if (p == NULL)
		return NULL;
	p += strlen(key);
	q = memchr(p, '"', end - p);
	return q ? g_strndup(p, q - p) : NULL;
}

/* Graphviz's numbers only: a width such as "289pt", a viewBox such as "0.00 0.00 288.78 131.00". */
static gboolean plain(const char *v)
{
	if (v == NULL || *v == '\0')
		return FALSE;
	for (; *v; v++) {
		if (!g_ascii_isalnum(*v) && *v != '.' && *v != ' ' && *v != '-')
			return FALSE;
	}
	return TRUE;
}

/* Turns Graphviz's SVG document into a fragment to put inside a page: drops the XML prolog, the
 * DOCTYPE and every comment (they repeat node names), and makes the picture scale down to its
 * container: its natural width, which the page's style caps at the container's (no inline style,
 * which the Content-Security-Policy refuses), the height from the viewBox. */
static char *inline_svg(const char *doc, GError **err)
{
	const char *tag = strstr(doc, "<svg");
	const char *end = tag ? strchr(tag, '>') : NULL;
	g_autofree char *width = NULL;
	g_autofree char *viewbox = NULL;
	GString *out;
	const char *p;

	if (end) {
		width = attr(tag, end, "width");
		viewbox = attr(tag, end, "viewBox");
	}
	if (!plain(width) || !plain(viewbox)) {
		g_set_error_literal(err, WORK_FLOW_DRAW_ERROR, WORK_FLOW_DRAW_ERROR_GRAPHVIZ,
		                    "Graphviz's SVG has no <svg> element with a width and viewBox");
		return NULL;
	}
	out = g_string_sized_new(strlen(end) + 256);
	g_string_append_printf(out,
	                       "<svg class=\"flow\" width=\"%s\" "
	                       "viewBox=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
	                       "xmlns:xlink=\"http://www.w3.org/1999/xlink\">",
	                       width, viewbox);
	/* Text and attribute values are escaped ('<' is "&lt;"), so "<!--" only starts a comment.
	 */
	for (p = end + 1; *p;) {
		const char *c = strstr(p, "<!--");
		const char *e = c ? strstr(c + 4, "-->") : NULL;

		if (e == NULL) {
			g_string_append(out, p);
			break;
		}
		g_string_append_len(out, p, c - p);
		p = e + 3;
		if (*p == '\n')
			p++;
	}
	/* Graphviz writes every '-' as "&#45;" (for the comments' sake), so ids read
	 * "state&#45;draft". With the comments gone, plain '-' is the same character and lets the
	 * ids be found as written. A "&#45;" from the definition arrives as "&amp;#45;", untouched.
	 */
	g_string_replace(out, "&#45;", "-", 0);
	return g_string_free(out, FALSE);
}

/* ==== The entry point ====================================================================== */

char *work_flow_svg(json_t *def, const char *lang, const char *current, json_t *taken,
                    json_t *visited, GError **err)
{
	g_autoptr(GHashTable) states = g_hash_table_new(g_str_hash, g_str_equal);
	gboolean en = lang && g_ascii_strncasecmp(lang, "en", 2) == 0;
	Opts o = {en,
	          en ? CORE_LANG_EN : CORE_LANG_ZH,
	          current,
	          json_is_array(taken) ? taken : NULL,
	          json_is_array(visited) ? visited : NULL,
	          NULL};
	g_autoptr(GHashTable) back = NULL;
	g_autofree char *doc = NULL;

	g_return_val_if_fail(err == NULL || *err == NULL, NULL);
	if (!check(def, states, err))
		return NULL;
	back = o.back = back_edges(def);
	doc = render(def, states, &o, err);
	return doc ? inline_svg(doc, err) : NULL;
}
