/*
 * search.c — the full-text index of work items (see work.h), on both backends.
 *
 * SQLite: an FTS5 table search_index(title, body) with rowid = item id, tokenized by `cjk`, a
 * custom FTS5 tokenizer over core_cjk_tokenize that the db layer registers on every connection
 * (db_sqlite_fts.c). PostgreSQL: search_index(item_id, title, body) and the item's tokens,
 * at the positions FTS5 gives them, as tsvector literals in search_index_part, matched with the
 * tsquery literals core_cjk_query_terms writes; no PostgreSQL parser or dictionary sees a token,
 * so the same data gives the same hits on both.
 */
#include "work/work.h"

#include "core/core.h"

#include <sqlite3.h>
#include <string.h>

#define LIMIT_DEFAULT  20
#define LIMIT_MAX      200
#define RANK_MAX       2000    /* rank up to this many matches; beyond, newest first */
#define SNIPPET_SCAN   10000   /* characters of the body searched for a snippet */
#define SNIPPET_BEFORE 12      /* characters shown before the first hit */
#define SNIPPET_CHARS  80      /* characters in a snippet */
#define TSV_MAX_POS    16383   /* PostgreSQL's largest tsvector position */
#define TSV_MAX_NUMPOS 256     /* and most positions of one lexeme */
#define TSV_MAX_BYTES  1000000 /* a tsvector stays under 1 MiB */

/* ==== Indexing ============================================================================== */

/*
 * PostgreSQL: tsvectors allow positions up to 16383, 256 positions per lexeme and 1 MB, where
 * FTS5 has no limits. So an item's tokens, numbered as FTS5 numbers them, are cut into parts
 * (rows of search_index_part) that each stay within those limits with exact positions; each part
 * repeats the last CORE_CJK_QUERY_MAX_TOKENS positions of the one before, so every phrase a
 * query can hold lies whole in one part. An item matches when each term of the query matches
 * some part of it: the same hits as FTS5, at any length. Most items have one part.
 */

/* A token of the item at its FTS5 position: title from 1, a gap of one, then the body. */
typedef struct {
	const char *tok; /* in TokList.strings */
	int pos;
	char weight; /* 'A' title, 'B' body */
} PosTok;

typedef struct {
	GStringChunk *strings;
	GArray *toks; /* PosTok */
	int pos;      /* position of the last token */
	char weight;
} TokList;

static void list_token(const char *tok, gsize len, int start, int end, void *ud)
{
	TokList *l = ud;
	char *copy = g_strndup(tok, len);
	PosTok t = {g_string_chunk_insert_const(l->strings, copy), ++l->pos, l->weight};

	g_free(copy);
	g_array_append_val(l->toks, t);
}

/* One lexeme of a part being built: its positions as text (":1A,5A,9B"). */
typedef struct {
	GString *pos;
	int n; /* positions */
} Lexeme;

typedef struct {
	GHashTable *lex;  /* token → Lexeme */
	GPtrArray *order; /* tokens in order of first appearance */
	gsize size;       /* estimated size of the tsvector in bytes */
} Part;

static void lexeme_free(gpointer p)
{
	Lexeme *l = p;

	g_string_free(l->pos, TRUE);
	g_free(l);
}

/* Adds T at position POS (1..TSV_MAX_POS, increasing) to P; FALSE when that would pass a limit. */
static gboolean part_add(Part *p, const PosTok *t, int pos)
{
	Lexeme *l = g_hash_table_lookup(p->lex, t->tok);
	gsize need = 2; /* one position */

	if (l == NULL)
		need += 4 + strlen(t->tok) + 1 + 2; /* entry, lexeme, padding, position count */
	else if (l->n >= TSV_MAX_NUMPOS)
		return FALSE;
	if (p->size + need > TSV_MAX_BYTES)
		return FALSE;
	if (l == NULL) {
		l = g_new0(Lexeme, 1);
		l->pos = g_string_new(NULL);
		g_hash_table_insert(p->lex, (gpointer)t->tok, l);
		g_ptr_array_add(p->order, (gpointer)t->tok);
	}
	g_string_append_printf(l->pos, "%c%d%c", l->n == 0 ? ':' : ',', pos, t->weight);
	l->n++;
	p->size += need;
	return TRUE;
}

/* The tsvector literal of P, e.g. '安全':1A,7B '全':2A; quotes doubled, as backslashes. */
static char *part_literal(Part *p)
{
	GString *out = g_string_new(NULL);

	for (guint i = 0; i < p->order->len; i++) {
		const char *key = g_ptr_array_index(p->order, i);
		Lexeme *l = g_hash_table_lookup(p->lex, key);

		if (out->len > 0)
			g_string_append_c(out, ' ');
		g_string_append_c(out, '\'');
		for (const char *c = key; *c != '\0'; c++) {
			if (*c == '\'' || *c == '\\')
				g_string_append_c(out, *c);
			g_string_append_c(out, *c);
		}
		g_string_append_c(out, '\'');
		g_string_append(out, l->pos->str);
	}
	return g_string_free(out, FALSE);
}

/* The tsvector literals of the parts of an item (none when it has no tokens). */
static GPtrArray *tsvector_parts(const char *title, const char *body)
{
	TokList l = {g_string_chunk_new(4096), g_array_new(FALSE, FALSE, sizeof(PosTok)), 0, 'A'};
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	guint b = 0, n;

	core_cjk_tokenize_document(title, (gsize)-1, list_token, &l);
	l.pos++;
	l.weight = 'B';
	core_cjk_tokenize_document(body, (gsize)-1, list_token, &l);
	n = l.toks->len;
	while (b < n) {
		Part p = {g_hash_table_new_full(g_str_hash, g_str_equal, NULL, lexeme_free),
		          g_ptr_array_new(), 0};
		int base = g_array_index(l.toks, PosTok, b).pos - 1;
		guint k = b, next;

		for (; k < n; k++) {
			const PosTok *t = &g_array_index(l.toks, PosTok, k);

			if (t->pos - base > TSV_MAX_POS || !part_add(&p, t, t->pos - base))
				break;
		}
		g_ptr_array_add(parts, part_literal(&p));
		g_hash_table_destroy(p.lex);
		g_ptr_array_free(p.order, TRUE);
		if (k >= n)
			break;
		/* the next part starts CORE_CJK_QUERY_MAX_TOKENS positions before this one ended */
		next = k;
		while (next > b + 1 &&
		       g_array_index(l.toks, PosTok, next - 1).pos >
		           g_array_index(l.toks, PosTok, k).pos - CORE_CJK_QUERY_MAX_TOKENS)
			next--;
		b = next;
	}
	g_array_free(l.toks, TRUE);
	g_string_chunk_free(l.strings);
	return parts;
}

/* Runs S, a statement that returns no rows. */
static gboolean step_done(DbStmt *s, GError **err)
{
	return db_step(s, err) == DB_DONE;
}

static gboolean index_pg(DbConn *c, gint64 id, const char *title, const char *body, GError **err)
{
	g_autoptr(GPtrArray) parts = tsvector_parts(title, body);
	DbStmt *s = db_prepare(c,
	                       "INSERT INTO search_index (item_id, title, body) VALUES (?, ?, ?) "
	                       "ON CONFLICT (item_id) DO UPDATE "
	                       "SET title = excluded.title, body = excluded.body",
	                       err);

	if (s == NULL)
		return FALSE;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, title);
	db_bind_text(s, 3, body);
	if (!step_done(s, err)) {
		db_finish(s);
		return FALSE;
	}
	db_finish(s);
	s = db_prepare(c, "DELETE FROM search_index_part WHERE item_id = ?", err);
	if (s == NULL)
		return FALSE;
	db_bind_int(s, 1, id);
	if (!step_done(s, err)) {
		db_finish(s);
		return FALSE;
	}
	db_finish(s);
	for (guint i = 0; i < parts->len; i++) {
		s = db_prepare(c,
		               "INSERT INTO search_index_part (item_id, part, tsv) "
		               "VALUES (?, ?, CAST(? AS tsvector))",
		               err);
		if (s == NULL)
			return FALSE;
		db_bind_int(s, 1, id);
		db_bind_int(s, 2, i);
		db_bind_text(s, 3, g_ptr_array_index(parts, i));
		if (!step_done(s, err)) {
			db_finish(s);
			return FALSE;
		}
		db_finish(s);
	}
	return TRUE;
}

/* FTS5 has no foreign keys: check the item, then replace its row. */
static gboolean index_sqlite(DbConn *c, gint64 id, const char *title, const char *body,
                             GError **err)
{
	DbStmt *s = db_prepare(c, "SELECT 1 FROM item WHERE id = ?", err);
	DbStep st;

	if (s == NULL)
		return FALSE;
	db_bind_int(s, 1, id);
	st = db_step(s, err);
	db_finish(s);
	if (st == DB_ERROR)
		return FALSE;
	if (st == DB_DONE) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_CONSTRAINT,
		            "cannot index item %" G_GINT64_FORMAT ": there is no such item", id);
		return FALSE;
	}
	if (!work_search_remove(c, id, err))
		return FALSE;
	s = db_prepare(c, "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", err);
	if (s == NULL)
		return FALSE;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, title);
	db_bind_text(s, 3, body);
	st = db_step(s, err);
	db_finish(s);
	return st == DB_DONE;
}

gboolean work_search_index(DbConn *c, gint64 item_id, const char *title, const char *body,
                           GError **err)
{
	gboolean own = !db_in_transaction(c);
	gboolean ok;

	title = title ? title : "";
	body = body ? body : "";
	if (own && !db_begin(c, TRUE, err))
		return FALSE;
	if (db_conn_kind(c) == DB_POSTGRESQL)
		ok = index_pg(c, item_id, title, body, err);
	else
		ok = index_sqlite(c, item_id, title, body, err);
	if (own) {
		if (ok)
			return db_commit(c, err);
		db_rollback(c);
	}
	return ok;
}

/* On PostgreSQL the parts go with their row (ON DELETE CASCADE). */
gboolean work_search_remove(DbConn *c, gint64 item_id, GError **err)
{
	g_autoptr(DbStmt) s = db_prepare(c,
	                                 db_conn_kind(c) == DB_POSTGRESQL
	                                     ? "DELETE FROM search_index WHERE item_id = ?"
	                                     : "DELETE FROM search_index WHERE rowid = ?",
	                                 err);

	if (s == NULL)
		return FALSE;
	db_bind_int(s, 1, item_id);
	return step_done(s, err);
}

/* ==== Snippets ============================================================================== */

/* A token of the search string, to mark in a body: equal, or a prefix for a lone CJK char. */
typedef struct {
	char *tok;
	gboolean prefix;
} Wanted;

typedef struct {
	const char *text;
	GArray *wanted; /* Wanted */
	GArray *hits;   /* pairs of byte offsets [start, end), merged, in order */
} Marker;

static void want_token(const char *tok, gsize len, int start, int end, void *ud)
{
	GArray *wanted = ud;
	Wanted w = {g_strndup(tok, len), FALSE};

	w.prefix = g_utf8_strlen(w.tok, -1) == 1 && core_cjk_is_cjk(g_utf8_get_char(w.tok));
	g_array_append_val(wanted, w);
}

static void wanted_clear(gpointer p)
{
	g_free(((Wanted *)p)->tok);
}

static void mark_token(const char *tok, gsize len, int start, int end, void *ud)
{
	Marker *m = ud;

	for (guint i = 0; i < m->wanted->len; i++) {
		const Wanted *w = &g_array_index(m->wanted, Wanted, i);
		gsize wl = strlen(w->tok);

		if (wl > len || memcmp(tok, w->tok, wl) != 0 || (wl < len && !w->prefix))
			continue;
		if (wl < len) /* a character's bigram: mark only the character */
			end = (int)(g_utf8_next_char(m->text + start) - m->text);
		if (m->hits->len > 0 && start <= g_array_index(m->hits, int, m->hits->len - 1)) {
			int *last = &g_array_index(m->hits, int, m->hits->len - 1);

			*last = MAX(*last, end);
		} else {
			g_array_append_val(m->hits, start);
			g_array_append_val(m->hits, end);
		}
		return;
	}
}

/* Appends text[a, b) to the snippet as one part, whitespace runs collapsed to one space. */
static void add_part(json_t *parts, const char *text, int a, int b, gboolean hit)
{
	GString *s = g_string_sized_new((gsize)(b - a));

	for (const char *p = text + a; p < text + b; p = g_utf8_next_char(p)) {
		if (g_unichar_isspace(g_utf8_get_char(p))) {
			if (s->len == 0 || s->str[s->len - 1] != ' ')
				g_string_append_c(s, ' ');
		} else {
			g_string_append_len(s, p, g_utf8_next_char(p) - p);
		}
	}
	if (s->len > 0)
		json_array_append_new(parts,
		                      json_pack("{s:s%, s:b}", "text", s->str, s->len, "hit", hit));
	g_string_free(s, TRUE);
}

/* The snippet of BODY (valid UTF-8, maybe cut; TRUNCATED when text follows): about
 * SNIPPET_CHARS characters around the first hit, as an array of parts. NULL for an empty body. */
static json_t *snippet(const char *body, gboolean truncated, GArray *wanted)
{
	Marker m = {body, wanted, g_array_new(FALSE, FALSE, sizeof(int))};
	int len = (int)strlen(body);
	const char *ws = body, *we;
	json_t *parts;

	if (len == 0) {
		g_array_free(m.hits, TRUE);
		return NULL;
	}
	core_cjk_tokenize_document(body, (gsize)len, mark_token, &m);
	if (m.hits->len > 0) {
		ws = body + g_array_index(m.hits, int, 0);
		for (int i = 0; i < SNIPPET_BEFORE && ws > body; i++) {
			const char *p = g_utf8_prev_char(ws);

			if (*p == '\n')
				break;
			ws = p;
		}
	}
	we = ws;
	for (int i = 0; i < SNIPPET_CHARS && *we != '\0'; i++)
		we = g_utf8_next_char(we);

	parts = json_array();
	if (ws > body)
		json_array_append_new(parts, json_pack("{s:s, s:b}", "text", "…", "hit", FALSE));
	{
		int a = (int)(ws - body), b = (int)(we - body);

		for (guint i = 0; i + 1 < m.hits->len && a < b; i += 2) {
			int hs = g_array_index(m.hits, int, i),
			    he = g_array_index(m.hits, int, i + 1);

			if (he <= a)
				continue;
			if (hs >= b)
				break;
			hs = MAX(hs, a);
			he = MIN(he, b);
			add_part(parts, body, a, hs, FALSE);
			add_part(parts, body, hs, he, TRUE);
			a = he;
		}
		add_part(parts, body, a, b, FALSE);
	}
	if (*we != '\0' || truncated)
		json_array_append_new(parts, json_pack("{s:s, s:b}", "text", "…", "hit", FALSE));
	g_array_free(m.hits, TRUE);
	return parts;
}

/* ==== Searching ============================================================================= */

/*
 * LIMIT is written into the SQL, never bound: PostgreSQL plans a statement it has run five times
 * without its parameters, and with an unknown LIMIT it expects to stop early and picks a
 * sequential scan that reads every tsvector (50 ms at 5000 items instead of 0.05 ms). The
 * numbers are this file's constants or the clamped LIMIT, so the statements stay few.
 */

/* A search string made into SQL conditions and their parameters. */
typedef struct {
	gboolean pg;
	char *match;  /* SQLite: the FTS5 query; PostgreSQL: the whole tsquery (for ranking) */
	char **terms; /* PostgreSQL: one tsquery per term, each to match some part of an item */
} Query;

/* Adds to DQ the conditions that an item (alias s) matches Q: MATCH, or every term. */
static void where_match(DbQuery *dq, const Query *q)
{
	if (!q->pg) {
		db_query_where(dq, "search_index MATCH ?", "s", q->match);
		return;
	}
	for (guint i = 0; q->terms[i] != NULL; i++)
		db_query_where(dq,
		               "s.item_id IN (SELECT p.item_id FROM search_index_part p "
		               "WHERE p.tsv @@ CAST(? AS tsquery))",
		               "s", q->terms[i]);
}

/* How many items match, counting no further than RANK_MAX + 1; -1 on error. */
static gint64 count_matches(DbConn *c, const Query *q, GError **err)
{
	g_autoptr(DbQuery) dq = db_query_new("SELECT count(*) FROM (SELECT 1 FROM search_index s");
	g_autoptr(DbStmt) s = NULL;

	where_match(dq, q);
	db_query_limit(dq, RANK_MAX + 1);
	db_query_add(dq, ") t", NULL);
	s = db_query_prepare(c, dq, err);
	if (s == NULL || db_step(s, err) != DB_ROW)
		return -1;
	return db_col_int(s, 0);
}

/* The search for U: the match conditions, U's visibility (auth_item_filter) or, when KIND is
 * given, items of that kind only, then on PostgreSQL when RANKED the whole tsquery. One
 * character more than a snippet looks at tells that the body goes on. PostgreSQL ranks by the
 * first part (the title and the body's start). A new DbQuery (db_query_free). */
static DbQuery *search_query(const Query *q, const AuthUser *u, const char *kind, gboolean ranked,
                             int limit)
{
#define HIT_COLUMNS(id)                                                                            \
	"SELECT " id ", i.kind, s.title, substr(s.body, 1, " G_STRINGIFY(                          \
	    SNIPPET_SCAN) " + 1) FROM search_index s JOIN item i ON i.id = " id
	DbQuery *dq;

	if (!q->pg)
		dq = db_query_new(HIT_COLUMNS("s.rowid"));
	else if (ranked)
		dq = db_query_new(
		    HIT_COLUMNS("s.item_id") " JOIN search_index_part r ON r.item_id = "
		                             "s.item_id AND r.part = 0");
	else
		dq = db_query_new(HIT_COLUMNS("s.item_id"));
#undef HIT_COLUMNS
	where_match(dq, q);
	if (kind != NULL)
		db_query_where(dq, "i.kind = ?", "s", kind);
	else
		auth_item_filter(dq, u);
	if (q->pg && ranked)
		db_query_add(dq,
		             " ORDER BY ts_rank(r.tsv, CAST(? AS tsquery)) DESC, s.item_id DESC",
		             "s", q->match);
	else if (q->pg)
		db_query_add(dq, " ORDER BY s.item_id DESC", NULL);
	else
		db_query_add(
		    dq, ranked ? " ORDER BY s.rank, s.rowid DESC" : " ORDER BY s.rowid DESC", NULL);
	db_query_limit(dq, limit);
	return dq;
}

/* TEXT as a JSON string, invalid UTF-8 replaced; NULL as "". */
static json_t *json_text(const char *text)
{
	g_autofree char *valid = NULL;

	if (text == NULL)
		return json_string("");
	if (!g_utf8_validate(text, -1, NULL))
		text = valid = g_utf8_make_valid(text, -1);
	return json_string(text);
}

/* One hit as JSON, from the current row of the search query. */
static json_t *hit_json(DbStmt *s, GArray *wanted)
{
	const char *body = db_col_text(s, 3);
	g_autofree char *valid = NULL;
	json_t *o = json_object();
	gboolean cut = FALSE;
	json_t *snip;

	json_object_set_new(o, "item_id", json_integer(db_col_int(s, 0)));
	json_object_set_new(o, "kind", json_text(db_col_text(s, 1)));
	json_object_set_new(o, "title", json_text(db_col_text(s, 2)));
	if (body && !g_utf8_validate(body, -1, NULL))
		body = valid = g_utf8_make_valid(body, -1);
	if (body && g_utf8_strlen(body, -1) > SNIPPET_SCAN) {
		char *head = g_utf8_substring(body, 0, SNIPPET_SCAN);

		g_free(valid);
		body = valid = head;
		cut = TRUE;
	}
	snip = body ? snippet(body, cut, wanted) : NULL;
	if (snip)
		json_object_set_new(o, "snippet", snip);
	return o;
}

/* work_search_query for U, or of the items of KIND (whoever sees them) when KIND is given. */
static json_t *search_run(DbConn *c, const char *q, const AuthUser *u, const char *kind, int limit,
                          GError **err)
{
	Query query = {db_conn_kind(c) == DB_POSTGRESQL, NULL, NULL};
	g_autoptr(DbQuery) dq = NULL;
	g_autoptr(GArray) wanted = NULL;
	g_autoptr(DbStmt) s = NULL;
	json_t *out = NULL;
	gboolean ranked;
	gint64 n;
	DbStep st;

	if (query.pg) {
		query.terms = core_cjk_query_terms(q, TRUE);
		query.match = query.terms ? g_strjoinv(" & ", query.terms) : NULL;
	} else {
		query.match = core_cjk_query(q, FALSE);
	}
	if (query.match == NULL) {
		out = json_array();
		goto out;
	}
	if (limit <= 0 || limit > LIMIT_MAX)
		limit = LIMIT_DEFAULT;
	n = count_matches(c, &query, err);
	if (n <= 0) {
		out = n == 0 ? json_array() : NULL;
		goto out;
	}
	ranked = n <= RANK_MAX;
	dq = search_query(&query, u, kind, ranked, limit);
	s = db_query_prepare(c, dq, err);
	if (s == NULL)
		goto out;

	wanted = g_array_new(FALSE, FALSE, sizeof(Wanted));
	g_array_set_clear_func(wanted, wanted_clear);
	core_cjk_tokenize(q, (gsize)-1, want_token, wanted);
	out = json_array();
	while ((st = db_step(s, err)) == DB_ROW)
		json_array_append_new(out, hit_json(s, wanted));
	if (st == DB_ERROR)
		g_clear_pointer(&out, json_decref);
out:
	g_free(query.match);
	g_strfreev(query.terms);
	return out;
}

json_t *work_search_query(DbConn *c, const char *q, const AuthUser *u, int limit, GError **err)
{
	return search_run(c, q, u, NULL, limit, err);
}

json_t *work_search_query_kind(DbConn *c, const char *q, const char *kind, int limit, GError **err)
{
	g_return_val_if_fail(kind != NULL, NULL);
	return search_run(c, q, NULL, kind, limit, err);
}
