/*
 * mustache compiler: template text → node tree (see mustache_private.h).
 *
 * Four passes over a flat token list, then one that builds the tree:
 *   1. tokenize — text (split after each newline) and tags, following {{=| |=}} changes;
 *   2. match    — pair every section, parent and block with its closing tag;
 *   3. standalone — drop the whitespace and newline of lines that hold only a section-like tag
 *      (or one of the pairs the inheritance spec allows: {{<p}}{{/p}}, {{$b}}{{/b}},
 *      {{<p}}{{$b}} and {{/b}}{{/p}}); note which tokens begin an output line;
 *   4. dedent   — inside a block whose opening tag stands alone, remove the indentation common
 *      to its lines; it is added back, possibly different, where the block is expanded.
 * Every syntax error is found by passes 1 and 2, so building the tree cannot fail.
 */
#include "view/mustache_private.h"

#include <string.h>

#define MAX_DELIM 16

GQuark mustache_error_quark(void)
{
	return g_quark_from_static_string("mustache-error-quark");
}

typedef enum {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_COMMENT,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
	T_DELIM,
} TokType;

typedef struct {
	TokType type;
	const char *s; /* T_TEXT: the text; tags: the trimmed name */
	gsize len;
	const char *ws; /* on a standalone line: the line's leading whitespace */
	gsize ws_len;
	const char *margin; /* standalone T_BLOCK: indentation common to its lines */
	gsize margin_len;
	guint line;
	guint match;       /* openers: index of the closing tag; T_CLOSE: of the opener */
	guint8 removed;    /* T_TEXT dropped by the standalone rule */
	guint8 bol;        /* begins an output line */
	guint8 sa_line;    /* a tag of a standalone line: no line of its own in the output */
	guint8 line_head;  /* the first tag of a standalone line (its ws counts for dedent) */
	guint8 keep_nl;    /* of a {{$b}}{{/b}} line, whose newline stays */
	guint8 standalone; /* partial, parent or block tag treated as standalone */
	guint8 has_margin; /* standalone T_BLOCK with at least one non-blank line */
} Token;

typedef struct {
	const char *src;
	GArray *toks; /* Token */
	GString *lit;
	GError **err;
} Compiler;

#define TOK(c, i) (&g_array_index((c)->toks, Token, (i)))

static gboolean is_blank_char(char ch)
{
	return ch == ' ' || ch == '\t';
}

static gboolean ends_nl(const Token *t)
{
	return t->type == T_TEXT && t->len > 0 && t->s[t->len - 1] == '\n';
}

/* Number of leading spaces and tabs of S[0..LEN). */
static gsize leading_ws(const char *s, gsize len)
{
	gsize i = 0;

	while (i < len && is_blank_char(s[i]))
		i++;
	return i;
}

/* TRUE when S[0..LEN) is only spaces and tabs, then optionally "\n" or "\r\n". */
static gboolean is_blank_line(const char *s, gsize len)
{
	gsize i = leading_ws(s, len);

	if (i < len && s[i] == '\r')
		i++;
	if (i < len && s[i] == '\n')
		i++;
	return i == len;
}

/* ---- pass 1: tokenize ------------------------------------------------------------------ */

/* Appends the text S..E, split after each newline; counts newlines into *LINE. */
static void add_text(Compiler *c, const char *s, const char *e, guint *line)
{
	while (s < e) {
		const char *nl = memchr(s, '\n', e - s);
		const char *end = nl ? nl + 1 : e;
		Token t = {.type = T_TEXT, .s = s, .len = end - s, .line = *line};

		g_array_append_val(c->toks, t);
		if (nl)
			(*line)++;
		s = end;
	}
}

static guint count_newlines(const char *s, const char *e)
{
	guint n = 0;

	for (; s < e; s++)
		n += *s == '\n';
	return n;
}

/* Parses the inside of {{=OPEN CLOSE=}} (S..E) into OTAG and CTAG; FALSE when it is not two
 * whitespace-separated delimiters without '='. */
static gboolean parse_delims(const char *s, const char *e, char *otag, char *ctag)
{
	const char *a, *b;

	while (s < e && g_ascii_isspace(*s))
		s++;
	while (e > s && g_ascii_isspace(e[-1]))
		e--;
	for (a = s; a < e && !g_ascii_isspace(*a); a++)
		;
	for (b = a; b < e && g_ascii_isspace(*b); b++)
		;
	if (a == s || b == e || a - s > MAX_DELIM || e - b > MAX_DELIM)
		return FALSE;
	for (const char *p = b; p < e; p++)
		if (g_ascii_isspace(*p))
			return FALSE;
	if (memchr(s, '=', a - s) || memchr(b, '=', e - b))
		return FALSE;
	memcpy(otag, s, a - s);
	otag[a - s] = '\0';
	memcpy(ctag, b, e - b);
	ctag[e - b] = '\0';
	return TRUE;
}

/* Pass 1: fills c->toks from c->src. FALSE with c->err on an unclosed tag, bad delimiters or
 * an empty tag. */
static gboolean tokenize(Compiler *c)
{
	static const char sigils[] = "{&#^/!><$=";
	static const TokType sigil_types[] = {T_RAW,     T_RAW,     T_SECTION, T_INVERTED, T_CLOSE,
	                                      T_COMMENT, T_PARTIAL, T_PARENT,  T_BLOCK,    T_DELIM};
	char otag[MAX_DELIM + 1] = "{{", ctag[MAX_DELIM + 1] = "}}";
	char closer[MAX_DELIM + 2];
	const char *p = c->src;
	guint line = 1;

	for (;;) {
		const char *o = strstr(p, otag);
		const char *q, *e, *ns, *ne, *sigil;
		Token t = {0};

		add_text(c, p, o ? o : p + strlen(p), &line);
		if (o == NULL)
			return TRUE;
		t.line = line;
		q = o + strlen(otag);
		sigil = *q ? strchr(sigils, *q) : NULL;
		t.type = sigil ? sigil_types[sigil - sigils] : T_VAR;
		if (*q == '{' || *q == '=')
			g_snprintf(closer, sizeof closer, "%c%s", *q == '{' ? '}' : '=', ctag);
		else
			g_strlcpy(closer, ctag, sizeof closer);
		if (t.type != T_VAR)
			q++;
		e = strstr(q, closer);
		if (e == NULL) {
			g_set_error(c->err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX,
			            "line %u: unclosed tag (no “%s”)", line, closer);
			return FALSE;
		}
		for (ns = q; ns < e && g_ascii_isspace(*ns); ns++)
			;
		for (ne = e; ne > ns && g_ascii_isspace(ne[-1]); ne--)
			;
		t.s = ns;
		t.len = ne - ns;
		if (t.type == T_DELIM && !parse_delims(q, e, otag, ctag)) {
			g_set_error(c->err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX,
			            "line %u: bad delimiters “%.*s”", line, (int)(e - q), q);
			return FALSE;
		}
		if (t.len == 0 && t.type != T_COMMENT && t.type != T_DELIM) {
			g_set_error(c->err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX,
			            "line %u: empty tag", line);
			return FALSE;
		}
		g_array_append_val(c->toks, t);
		p = e + strlen(closer);
		line += count_newlines(o, p);
	}
}

/* ---- pass 2: match sections with their closing tags ------------------------------------- */

static gboolean is_opener(TokType type)
{
	return type == T_SECTION || type == T_INVERTED || type == T_PARENT || type == T_BLOCK;
}

/* Pass 2: sets .match of every opener and closing tag. FALSE with c->err when they do not
 * pair up. */
static gboolean match_sections(Compiler *c)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(guint));
	gboolean ok = FALSE;

	for (guint i = 0; i < c->toks->len; i++) {
		Token *t = TOK(c, i), *o;

		if (is_opener(t->type)) {
			g_array_append_val(stack, i);
			continue;
		}
		if (t->type != T_CLOSE)
			continue;
		if (stack->len == 0) {
			g_set_error(c->err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX,
			            "line %u: closing tag “%.*s” without an opening tag", t->line,
			            (int)t->len, t->s);
			goto out;
		}
		o = TOK(c, g_array_index(stack, guint, stack->len - 1));
		if (o->len != t->len || memcmp(o->s, t->s, t->len) != 0) {
			g_set_error(c->err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX,
			            "line %u: closing tag “%.*s” does not match “%.*s” (line %u)",
			            t->line, (int)t->len, t->s, (int)o->len, o->s, o->line);
			goto out;
		}
		t->match = g_array_index(stack, guint, stack->len - 1);
		o->match = i;
		g_array_set_size(stack, stack->len - 1);
	}
	if (stack->len > 0) {
		Token *o = TOK(c, g_array_index(stack, guint, stack->len - 1));
		g_set_error(c->err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX,
		            "line %u: section “%.*s” is not closed", o->line, (int)o->len, o->s);
		goto out;
	}
	ok = TRUE;
out:
	g_array_free(stack, TRUE);
	return ok;
}

/* ---- pass 3: standalone lines ---------------------------------------------------------- */

static gboolean can_stand_alone(TokType type)
{
	return type != T_TEXT && type != T_VAR && type != T_RAW;
}

/* Applies the standalone rule to the line of tokens FIRST..LAST. */
static void standalone_line(Compiler *c, guint first, guint last)
{
	guint a = first, b = last;
	Token *lead = NULL, *trail = NULL, *x, *y;
	gboolean keep_nl = FALSE;

	if (TOK(c, a)->type == T_TEXT) {
		if (a == b || !is_blank_line(TOK(c, a)->s, TOK(c, a)->len))
			return;
		lead = TOK(c, a++);
	}
	if (TOK(c, b)->type == T_TEXT) {
		if (!is_blank_line(TOK(c, b)->s, TOK(c, b)->len))
			return;
		trail = TOK(c, b--);
	}
	if (a > b || b - a > 1)
		return;
	x = TOK(c, a);
	y = TOK(c, b);
	if (!can_stand_alone(x->type) || !can_stand_alone(y->type))
		return;
	if (a == b) {
		x->standalone = TRUE;
	} else if (x->type == T_PARENT && y->type == T_CLOSE && y->match == a) {
		x->standalone = TRUE;
	} else if (x->type == T_BLOCK && y->type == T_CLOSE && y->match == a) {
		x->standalone = TRUE;
		keep_nl = TRUE;
	} else if (x->type == T_PARENT && y->type == T_BLOCK) {
		x->standalone = y->standalone = TRUE;
	} else if (x->type == T_CLOSE && TOK(c, x->match)->type == T_BLOCK && y->type == T_CLOSE &&
	           TOK(c, y->match)->type == T_PARENT) {
		/* {{/block}}{{/parent}} */
	} else {
		return;
	}
	x->line_head = TRUE;
	for (Token *t = x; t <= y; t++) {
		t->sa_line = TRUE;
		t->keep_nl = keep_nl;
		if (lead) {
			t->ws = lead->s;
			t->ws_len = lead->len;
		}
	}
	if (lead)
		lead->removed = TRUE;
	if (trail && keep_nl) {
		gsize nl = trail->len > 0 && trail->s[trail->len - 1] == '\n';

		if (nl && trail->len > 1 && trail->s[trail->len - 2] == '\r')
			nl++;
		trail->s += trail->len - nl;
		trail->len = nl;
		trail->removed = nl == 0;
	} else if (trail) {
		trail->removed = TRUE;
	}
}

/* Pass 3: applies the standalone rule to every line, then marks the tokens that begin an output
 * line (.bol). */
static void mark_standalone(Compiler *c)
{
	guint n = c->toks->len;
	gboolean at_bol = TRUE;

	for (guint i = 0; i < n;) {
		guint j = i;

		while (j < n - 1 && !ends_nl(TOK(c, j)))
			j++;
		standalone_line(c, i, j);
		i = j + 1;
	}
	for (guint i = 0; i < n; i++) {
		Token *t = TOK(c, i);

		if (t->removed)
			continue;
		if (t->sa_line) {
			if (t->keep_nl)
				at_bol = FALSE;
			continue;
		}
		t->bol = at_bol;
		at_bol = ends_nl(t);
	}
}

/* ---- pass 4: dedent standalone blocks -------------------------------------------------- */

/* Sets the margin of the standalone block at K: the longest common prefix of the leading
 * whitespace of its non-blank lines. */
static void block_margin(Compiler *c, guint k)
{
	Token *b = TOK(c, k);
	gboolean have = FALSE;
	const char *m = NULL;
	gsize mlen = 0;

	for (guint i = k + 1; i < b->match; i++) {
		Token *t = TOK(c, i);
		const char *s;
		gsize len;

		if (t->removed)
			continue;
		if (t->line_head) {
			s = t->ws;
			len = t->ws ? leading_ws(t->ws, t->ws_len) : 0;
		} else if (t->bol && !t->sa_line) {
			if (t->type == T_TEXT && is_blank_line(t->s, t->len) &&
			    (ends_nl(t) || i + 1 == c->toks->len))
				continue;
			s = t->s;
			len = t->type == T_TEXT ? leading_ws(t->s, t->len) : 0;
		} else {
			continue;
		}
		if (!have) {
			m = s;
			mlen = len;
			have = TRUE;
		} else {
			gsize j = 0;

			while (j < mlen && j < len && m[j] == s[j])
				j++;
			mlen = j;
		}
	}
	b->has_margin = have;
	b->margin = m;
	b->margin_len = mlen;
}

typedef struct {
	guint close;
	gsize strip;
} Strip;

/* Pass 4: removes from each line inside standalone blocks the margin of the innermost one, and
 * leaves in each standalone block's .margin the indentation it adds when expanded. */
static void dedent(Compiler *c)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(Strip));

	for (guint i = 0; i < c->toks->len; i++) {
		Token *t = TOK(c, i);
		gsize strip, s;

		while (stack->len > 0 && i >= g_array_index(stack, Strip, stack->len - 1).close)
			g_array_set_size(stack, stack->len - 1);
		strip = stack->len ? g_array_index(stack, Strip, stack->len - 1).strip : 0;
		if (!t->removed && t->type == T_TEXT && t->bol && strip > 0) {
			s = MIN(strip, leading_ws(t->s, t->len));
			t->s += s;
			t->len -= s;
		}
		if (t->ws && strip > 0) {
			s = MIN(strip, leading_ws(t->ws, t->ws_len));
			t->ws += s;
			t->ws_len -= s;
		}
		if (t->type == T_BLOCK && t->standalone) {
			Strip st = {t->match, strip};

			block_margin(c, i);
			if (t->has_margin) {
				/* the block's own indentation, relative to enclosing blocks */
				s = MIN(strip, t->margin_len);
				t->margin += s;
				t->margin_len -= s;
				st.strip = strip + t->margin_len;
			}
			g_array_append_val(stack, st);
		}
	}
	g_array_free(stack, TRUE);
}

/* ---- tree ------------------------------------------------------------------------------ */

static void build_list(Compiler *c, guint from, guint to, GArray *out);

static void push_bol(GArray *out)
{
	MustacheNode n = {.type = MN_BOL};

	g_array_append_val(out, n);
}

/* Appends literal text, merged into the previous node when that is text too. */
static void push_text(Compiler *c, GArray *out, const Token *t)
{
	MustacheNode *last = out->len ? &g_array_index(out, MustacheNode, out->len - 1) : NULL;
	MustacheNode n = {.type = MN_TEXT, .bol = t->bol, .off = c->lit->len, .len = t->len};

	if (t->len == 0) {
		if (t->bol)
			push_bol(out);
		return;
	}
	if (last && last->type == MN_TEXT && last->off + last->len == c->lit->len)
		last->len += t->len;
	else
		g_array_append_val(out, n);
	g_string_append_len(c->lit, t->s, t->len);
}

/* A node of TYPE for tag T, without children; its strings are owned by the node. */
static MustacheNode tag_node(MustacheNodeType type, const Token *t)
{
	MustacheNode n = {.type = type, .standalone = t->standalone};

	n.name = g_strndup(t->s, t->len);
	if (type <= MN_INVERTED && !g_str_equal(n.name, "."))
		n.parts = g_strsplit(n.name, ".", -1);
	if (t->standalone && (type == MN_PARTIAL || type == MN_PARENT || type == MN_BLOCK)) {
		const char *ind = t->ws;
		gsize len = t->ws_len;

		if (type == MN_BLOCK && t->has_margin) {
			ind = t->margin;
			len = t->margin_len;
		}
		n.indent = g_strndup(ind ? ind : "", len);
		n.indent_len = len;
	}
	return n;
}

/* Builds the children of the opener at K (whose closing tag is at K's match). */
static void build_kids(Compiler *c, guint k, MustacheNode *n)
{
	GArray *kids = g_array_new(FALSE, TRUE, sizeof(MustacheNode));
	guint end = TOK(c, k)->match;

	if (n->type == MN_PARENT) {
		/* only the blocks count: text and other tags inside a parent are ignored */
		for (guint i = k + 1; i < end; i++) {
			Token *t = TOK(c, i);

			if (t->type == T_BLOCK) {
				MustacheNode b = tag_node(MN_BLOCK, t);

				build_kids(c, i, &b);
				g_array_append_val(kids, b);
			}
			if (is_opener(t->type))
				i = t->match;
		}
	} else {
		build_list(c, k + 1, end, kids);
	}
	n->n_kids = kids->len;
	n->kids = (MustacheNode *)g_array_free(kids, kids->len == 0);
}

/* Appends to OUT the nodes of tokens FROM..TO (exclusive; TO is a closing tag or the end). */
static void build_list(Compiler *c, guint from, guint to, GArray *out)
{
	static const MustacheNodeType types[] = {
	    [T_VAR] = MN_VAR,           [T_RAW] = MN_RAW,         [T_SECTION] = MN_SECTION,
	    [T_INVERTED] = MN_INVERTED, [T_PARTIAL] = MN_PARTIAL, [T_PARENT] = MN_PARENT,
	    [T_BLOCK] = MN_BLOCK,
	};

	for (guint i = from; i < to; i++) {
		Token *t = TOK(c, i);
		MustacheNode n;

		if (t->removed)
			continue;
		if (t->bol && t->type != T_TEXT)
			push_bol(out);
		switch (t->type) {
		case T_TEXT:
			push_text(c, out, t);
			break;
		case T_COMMENT:
		case T_DELIM:
		case T_CLOSE:
			break;
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
		case T_BLOCK:
			n = tag_node(types[t->type], t);
			build_kids(c, i, &n);
			g_array_append_val(out, n);
			i = t->match;
			break;
		default:
			n = tag_node(types[t->type], t);
			g_array_append_val(out, n);
			break;
		}
	}
	if (to < c->toks->len && TOK(c, to)->bol)
		push_bol(out);
}

/* Points the text nodes of N[0..COUNT) at the final literal buffer LIT. */
static void fix_text(MustacheNode *n, guint count, const char *lit)
{
	for (guint i = 0; i < count; i++) {
		if (n[i].type == MN_TEXT)
			n[i].text = lit + n[i].off;
		fix_text(n[i].kids, n[i].n_kids, lit);
	}
}

static void free_nodes(MustacheNode *n, guint count)
{
	for (guint i = 0; i < count; i++) {
		g_free(n[i].name);
		g_strfreev(n[i].parts);
		g_free(n[i].indent);
		free_nodes(n[i].kids, n[i].n_kids);
	}
	g_free(n);
}

MustacheTemplate *mustache_compile(const char *text, GError **err)
{
	Compiler c = {.src = text ? text : "", .err = err};
	MustacheTemplate *t = NULL;
	GArray *nodes;

	c.toks = g_array_sized_new(FALSE, TRUE, sizeof(Token), 64);
	if (!tokenize(&c) || !match_sections(&c))
		goto out;
	if (c.toks->len > 0) {
		mark_standalone(&c);
		dedent(&c);
	}
	c.lit = g_string_sized_new(strlen(c.src));
	nodes = g_array_new(FALSE, TRUE, sizeof(MustacheNode));
	build_list(&c, 0, c.toks->len, nodes);
	t = g_new0(MustacheTemplate, 1);
	t->n_nodes = nodes->len;
	t->nodes = (MustacheNode *)g_array_free(nodes, FALSE);
	t->lit_len = c.lit->len;
	t->lit = g_string_free(c.lit, FALSE);
	fix_text(t->nodes, t->n_nodes, t->lit);
out:
	g_array_free(c.toks, TRUE);
	return t;
}

void mustache_free(MustacheTemplate *t)
{
	if (t == NULL)
		return;
	free_nodes(t->nodes, t->n_nodes);
	g_free(t->lit);
	g_free(t);
}
