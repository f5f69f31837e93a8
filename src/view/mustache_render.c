/*
 * mustache renderer: walks a compiled node tree with a stack of jansson contexts, appending to
 * one GString. The template is only read, never written, so renders may run concurrently.
 *
 * Indentation: every render of a node list carries the indentation IND that starts each of its
 * output lines (empty at the top). A standalone partial or parent adds its tag's indentation; a
 * partial that is not standalone starts again from none. A standalone block adds its own.
 *
 * Inheritance: a parent tag {{<p}} pushes a Frame holding its block arguments and renders p.
 * A block {{$b}} renders the argument of the outermost frame that defines b (so the top-level
 * template wins), else its own default.
 */
#include "view/mustache_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct Frame Frame;

struct Frame {
	const Frame *outer;
	const MustacheNode *blocks; /* the parent tag's arguments */
	guint n_blocks;
	const char *indent; /* indentation where the parent tag was rendered */
	gsize indent_len;
};

typedef struct {
	GString *out;
	GPtrArray *stack; /* json_t contexts, borrowed; the top is last */
	MustachePartialFn text_fn;
	MustacheCompiledPartialFn compiled_fn;
	void *user_data;
	GHashTable *cache; /* text_fn mode: name → MustacheTemplate (or NULL: no such partial) */
	guint depth;
	GError **err;
} Render;

static gboolean render_list(Render *r, const MustacheNode *n, guint count, const char *ind,
                            gsize ind_len, const Frame *f);

/* ---- values ---------------------------------------------------------------------------- */

/* Member KEY of object V, or element KEY (a decimal index) of array V; NULL when none. */
static json_t *child(json_t *v, const char *key)
{
	if (json_is_object(v))
		return json_object_get(v, key);
	if (json_is_array(v) && g_ascii_isdigit(*key)) {
		char *end;
		guint64 i = g_ascii_strtoull(key, &end, 10);

		return *end == '\0' && i < json_array_size(v) ? json_array_get(v, i) : NULL;
	}
	return NULL;
}

/* Resolves the name of N against the context stack: the first part in the innermost context
 * that has it, each further part only inside the previous result. Borrowed; NULL on a miss. */
static json_t *lookup(Render *r, const MustacheNode *n)
{
	json_t *v = NULL;

	if (n->parts == NULL)
		return r->stack->len ? g_ptr_array_index(r->stack, r->stack->len - 1) : NULL;
	for (guint i = r->stack->len; i-- > 0 && v == NULL;)
		v = json_object_get(g_ptr_array_index(r->stack, i), n->parts[0]);
	for (char **p = n->parts + 1; v && *p; p++)
		v = child(v, *p);
	return v;
}

/* FALSE for a miss, null, false, 0, "" and []; TRUE otherwise (objects included). */
static gboolean truthy(json_t *v)
{
	if (v == NULL)
		return FALSE;
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE:
		return FALSE;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	default:
		return TRUE;
	}
}

/* Appends S[0..LEN) with & < > " ' as HTML entities. */
static void append_escaped(GString *out, const char *s, gsize len)
{
	gsize start = 0;

	for (gsize i = 0; i < len; i++) {
		const char *ent;
		gsize n;

		switch (s[i]) {
		case '&':
			ent = "&amp;", n = 5;
			break;
		case '<':
			ent = "&lt;", n = 4;
			break;
		case '>':
			ent = "&gt;", n = 4;
			break;
		case '"':
			ent = "&quot;", n = 6;
			break;
		case '\'':
			ent = "&#39;", n = 5;
			break;
		default:
			continue;
		}
		g_string_append_len(out, s + start, i - start);
		g_string_append_len(out, ent, n);
		start = i + 1;
	}
	g_string_append_len(out, s + start, len - start);
}

/* Writes V in decimal at the end of BUF[0..size) (24 bytes are enough); returns the start. */
static char *format_int(char *buf, gsize size, json_int_t v)
{
	char *p = buf + size;
	guint64 u = v < 0 ? -(guint64)v : (guint64)v;

	*--p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return p;
}

/* Writes D into BUF in the shortest %g form that reads back as D, whatever the locale. Any
 * decimal of up to 15 digits survives the round trip (DBL_DIG), so %.15g finds those. */
static void format_real(char *buf, gsize size, double d)
{
	static const char *const fmts[] = {"%.15g", "%.16g", "%.17g"};

	for (gsize i = 0; i < G_N_ELEMENTS(fmts); i++) {
		g_ascii_formatd(buf, size, fmts[i], d);
		if (g_ascii_strtod(buf, NULL) == d)
			return;
	}
}

/* Appends the text of V (see mustache.h for each type), HTML-escaped when ESCAPE. */
static void append_value(GString *out, json_t *v, gboolean escape)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	const char *s = buf;
	char *dump = NULL;
	gsize len;
	double d;

	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		len = json_string_length(v);
		break;
	case JSON_INTEGER:
		s = format_int(buf, sizeof buf, json_integer_value(v));
		len = buf + sizeof buf - 1 - s;
		break;
	case JSON_REAL:
		d = json_real_value(v);
		if (d > -1e15 && d < 1e15 && d == (double)(json_int_t)d &&
		    (d != 0 || !signbit(d))) {
			s = format_int(buf, sizeof buf, (json_int_t)d);
			len = buf + sizeof buf - 1 - s;
			break;
		}
		format_real(buf, sizeof buf, d);
		len = strlen(buf);
		break;
	case JSON_TRUE:
		s = "true";
		len = 4;
		break;
	case JSON_FALSE:
		s = "false";
		len = 5;
		break;
	case JSON_NULL:
		return;
	default:
		s = dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		len = dump ? strlen(dump) : 0;
		break;
	}
	if (escape)
		append_escaped(out, s, len);
	else
		g_string_append_len(out, s, len);
	free(dump);
}

/* ---- rendering ------------------------------------------------------------------------- */

/* Appends the text of N, writing IND at the start of each of its lines. */
static void append_text(GString *out, const MustacheNode *n, const char *ind, gsize ind_len)
{
	const char *s = n->text, *e = s + n->len;

	if (ind_len == 0) {
		g_string_append_len(out, s, n->len);
		return;
	}
	if (n->bol)
		g_string_append_len(out, ind, ind_len);
	while (s < e) {
		const char *nl = memchr(s, '\n', e - s);

		if (nl == NULL) {
			g_string_append_len(out, s, e - s);
			break;
		}
		g_string_append_len(out, s, nl + 1 - s);
		s = nl + 1;
		if (s < e)
			g_string_append_len(out, ind, ind_len);
	}
}

/* IND followed by N's indentation, g_malloc'd into *OUT (NULL when both are empty); returns the
 * length. */
static gsize add_indent(const char *ind, gsize ind_len, const MustacheNode *n, char **out)
{
	gsize len = ind_len + n->indent_len;

	*out = NULL;
	if (len > 0) {
		*out = g_malloc(len + 1);
		if (ind_len)
			memcpy(*out, ind, ind_len);
		memcpy(*out + ind_len, n->indent, n->indent_len);
		(*out)[len] = '\0';
	}
	return len;
}

/* Finds partial NAME into *OUT (NULL when there is none). FALSE with r->err on failure. */
static gboolean get_partial(Render *r, const char *name, MustacheTemplate **out)
{
	GError *e = NULL;
	gpointer v;
	char *text;

	*out = NULL;
	if (r->compiled_fn) {
		*out = r->compiled_fn(name, r->user_data, &e);
		if (e) {
			g_propagate_error(r->err, e);
			return FALSE;
		}
		return TRUE;
	}
	if (r->text_fn == NULL)
		return TRUE;
	if (r->cache == NULL)
		r->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		                                 (GDestroyNotify)mustache_free);
	if (g_hash_table_lookup_extended(r->cache, name, NULL, &v)) {
		*out = v;
		return TRUE;
	}
	text = r->text_fn(name, r->user_data);
	if (text) {
		*out = mustache_compile(text, &e);
		g_free(text);
		if (*out == NULL) {
			g_set_error(r->err, MUSTACHE_ERROR, MUSTACHE_ERROR_PARTIAL,
			            "partial “%s”: %s", name, e->message);
			g_error_free(e);
			return FALSE;
		}
	}
	g_hash_table_insert(r->cache, g_strdup(name), *out);
	return TRUE;
}

/* Renders the partial or parent N; F is the block scope (for a parent, already including its
 * own arguments). */
static gboolean render_partial(Render *r, const MustacheNode *n, const char *ind, gsize ind_len,
                               const Frame *f)
{
	MustacheTemplate *t;
	char *nind = NULL;
	gsize nlen = 0;
	gboolean ok;

	if (!get_partial(r, n->name, &t))
		return FALSE;
	if (t == NULL)
		return TRUE;
	if (r->depth >= MUSTACHE_MAX_DEPTH) {
		g_set_error(r->err, MUSTACHE_ERROR, MUSTACHE_ERROR_DEPTH,
		            "partials nested deeper than %d (at “%s”)", MUSTACHE_MAX_DEPTH,
		            n->name);
		return FALSE;
	}
	if (n->standalone)
		nlen = add_indent(ind, ind_len, n, &nind);
	r->depth++;
	ok = render_list(r, t->nodes, t->n_nodes, nind, nlen, f);
	r->depth--;
	g_free(nind);
	return ok;
}

/* Renders block N: the outermost argument for it in scope F, else its default content. */
static gboolean render_block(Render *r, const MustacheNode *n, const char *ind, gsize ind_len,
                             const Frame *f)
{
	const MustacheNode *arg = NULL;
	const Frame *of = NULL;
	char *nind;
	gsize nlen;
	gboolean ok;

	for (const Frame *p = f; p; p = p->outer)
		for (guint i = 0; i < p->n_blocks; i++)
			if (g_str_equal(p->blocks[i].name, n->name)) {
				arg = &p->blocks[i];
				of = p;
				break;
			}
	if (!n->standalone) {
		if (arg)
			return render_list(r, arg->kids, arg->n_kids, of->indent, of->indent_len,
			                   f);
		return render_list(r, n->kids, n->n_kids, ind, ind_len, f);
	}
	/* standalone: the content, dedented when compiled, is indented as this block is */
	nlen = add_indent(ind, ind_len, n, &nind);
	if (arg && !arg->standalone && arg->n_kids > 0)
		g_string_append_len(r->out, nind, nlen);
	if (arg == NULL)
		arg = n;
	ok = render_list(r, arg->kids, arg->n_kids, nind, nlen, f);
	g_free(nind);
	return ok;
}

/* Renders section N once per element of a list, or once with its truthy value on top of the
 * context stack. */
static gboolean render_section(Render *r, const MustacheNode *n, const char *ind, gsize ind_len,
                               const Frame *f)
{
	json_t *v = lookup(r, n);
	gboolean ok = TRUE;

	if (!truthy(v))
		return TRUE;
	if (json_is_array(v)) {
		for (gsize i = 0; ok && i < json_array_size(v); i++) {
			g_ptr_array_add(r->stack, json_array_get(v, i));
			ok = render_list(r, n->kids, n->n_kids, ind, ind_len, f);
			r->stack->len--; /* no free function: just drop the top */
		}
		return ok;
	}
	g_ptr_array_add(r->stack, v);
	ok = render_list(r, n->kids, n->n_kids, ind, ind_len, f);
	r->stack->len--; /* no free function: just drop the top */
	return ok;
}

/* Renders N[0..COUNT) with indentation IND and block scope F; FALSE with r->err on error. */
static gboolean render_list(Render *r, const MustacheNode *n, guint count, const char *ind,
                            gsize ind_len, const Frame *f)
{
	for (guint i = 0; i < count; i++) {
		const MustacheNode *x = &n[i];
		json_t *v;
		Frame nf;

		switch (x->type) {
		case MN_TEXT:
			append_text(r->out, x, ind, ind_len);
			break;
		case MN_BOL:
			if (ind_len)
				g_string_append_len(r->out, ind, ind_len);
			break;
		case MN_VAR:
		case MN_RAW:
			v = lookup(r, x);
			if (v)
				append_value(r->out, v, x->type == MN_VAR);
			break;
		case MN_SECTION:
			if (!render_section(r, x, ind, ind_len, f))
				return FALSE;
			break;
		case MN_INVERTED:
			if (!truthy(lookup(r, x)) &&
			    !render_list(r, x->kids, x->n_kids, ind, ind_len, f))
				return FALSE;
			break;
		case MN_PARTIAL:
			if (!render_partial(r, x, ind, ind_len, f))
				return FALSE;
			break;
		case MN_PARENT:
			nf = (Frame){f, x->kids, x->n_kids, ind, ind_len};
			if (!render_partial(r, x, ind, ind_len, &nf))
				return FALSE;
			break;
		case MN_BLOCK:
			if (!render_block(r, x, ind, ind_len, f))
				return FALSE;
			break;
		}
	}
	return TRUE;
}

static char *render_main(MustacheTemplate *t, json_t *data, MustachePartialFn text_fn,
                         MustacheCompiledPartialFn compiled_fn, void *user_data, GError **err)
{
	Render r = {.text_fn = text_fn, .compiled_fn = compiled_fn, .user_data = user_data};
	GError *e = NULL;
	gboolean ok;

	g_return_val_if_fail(t != NULL, NULL);
	r.err = &e;
	r.out = g_string_sized_new(t->lit_len + t->lit_len / 2 + 64);
	r.stack = g_ptr_array_sized_new(16);
	if (data)
		g_ptr_array_add(r.stack, data);
	ok = render_list(&r, t->nodes, t->n_nodes, NULL, 0, NULL);
	g_ptr_array_free(r.stack, TRUE);
	if (r.cache)
		g_hash_table_destroy(r.cache);
	if (!ok) {
		g_propagate_error(err, e);
		g_string_free(r.out, TRUE);
		return NULL;
	}
	return g_string_free(r.out, FALSE);
}

char *mustache_render_template(MustacheTemplate *t, json_t *data, MustachePartialFn partials,
                               void *user_data, GError **err)
{
	return render_main(t, data, partials, NULL, user_data, err);
}

char *mustache_render_compiled(MustacheTemplate *t, json_t *data,
                               MustacheCompiledPartialFn partials, void *user_data, GError **err)
{
	return render_main(t, data, NULL, partials, user_data, err);
}

char *mustache_render(const char *text, json_t *data, MustachePartialFn partials, void *user_data,
                      GError **err)
{
	MustacheTemplate *t = mustache_compile(text, err);
	char *out;

	if (t == NULL)
		return NULL;
	out = render_main(t, data, partials, NULL, user_data, err);
	mustache_free(t);
	return out;
}
