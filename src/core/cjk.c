/*
 * cjk.c — tokens for full-text search in Chinese and mixed text (declared in core.h, "CJK text").
 *
 * Every character is first normalised with NFKC (fullwidth Ｇ → G, ① → 1, compatibility
 * ideographs → unified ones, halfwidth kana → fullwidth). A maximal run of CJK characters (Han,
 * kana, hangul) becomes its overlapping bigrams, a run of one character that character; a run of
 * other letters and digits becomes one case-folded word; everything else only separates tokens.
 * Combining marks and format characters (variation selectors, zero-width spaces) separate
 * nothing: a mark joins the word or composes with the CJK character before it. Offsets always
 * point into the original text, for highlighting.
 */
#include "core/core.h"

#include <string.h>

#define WORD_MAX 255 /* bytes: longer words are cut (PostgreSQL refuses lexemes ≥ 2 KiB) */

typedef enum {
	TOK_WORD,   /* letters and digits */
	TOK_BIGRAM, /* two characters of a CJK run */
	TOK_SINGLE, /* a CJK run of one character */
	TOK_END,    /* document mode: the last character of a CJK run of two or more */
} TokKind;

typedef void (*EmitFn)(const char *tok, gsize len, int start, int end, TokKind kind, void *ud);

typedef struct {
	EmitFn emit;
	void *ud;
	gboolean ends; /* document mode: emit TOK_END too */

	/* the current CJK run: how long it is so far and its last two characters (c1 then c2),
	 * each with its range in the original text; a bigram is emitted once the next character
	 * (or the run's end) shows that no mark will still compose with c2 */
	int run;
	gunichar c1, c2;
	int s1, s2, e2; /* c1 starts at s1; c2 spans [s2, e2) */

	/* the current word: its normalised pieces, case-folded when it ends */
	GString *word;
	gboolean word_ascii;
	int ws, we;
} Scan;

/* ---- Character classes ------------------------------------------------------------------ */

typedef struct {
	gunichar lo, hi;
	gboolean any; /* every code point counts, even one unassigned in GLib's tables */
} Range;

/* Blocks of CJK characters, in order. Outside "any" blocks only letters and letter-numbers
 * count (々 〆 〇 ー …), not the punctuation and symbols that share the block. */
static const Range cjk_ranges[] = {
    {0x1100, 0x11FF, FALSE},   /* Hangul Jamo */
    {0x3000, 0x303F, FALSE},   /* CJK symbols and punctuation: 々 〆 〇 〡… */
    {0x3040, 0x30FF, FALSE},   /* Hiragana, Katakana */
    {0x3100, 0x31FF, FALSE},   /* Bopomofo, Hangul compatibility Jamo, Katakana extension */
    {0x3400, 0x4DBF, TRUE},    /* extension A */
    {0x4E00, 0x9FFF, TRUE},    /* unified ideographs */
    {0xA960, 0xA97F, FALSE},   /* Hangul Jamo extended A */
    {0xAC00, 0xD7FF, FALSE},   /* Hangul syllables, Jamo extended B */
    {0xF900, 0xFAFF, TRUE},    /* compatibility ideographs */
    {0x1AFF0, 0x1B16F, FALSE}, /* kana supplement and extensions */
    {0x20000, 0x3FFFF, TRUE},  /* extensions B… and compatibility supplement */
};

gboolean core_cjk_is_cjk(gunichar c)
{
	for (gsize i = 0; i < G_N_ELEMENTS(cjk_ranges); i++) {
		if (c < cjk_ranges[i].lo)
			return FALSE;
		if (c <= cjk_ranges[i].hi) {
			GUnicodeType t;

			if (cjk_ranges[i].any)
				return TRUE;
			t = g_unichar_type(c);
			return t == G_UNICODE_OTHER_LETTER || t == G_UNICODE_MODIFIER_LETTER ||
			       t == G_UNICODE_LETTER_NUMBER;
		}
	}
	return FALSE;
}

/* CJK characters that NFKC leaves as they are: no normalisation needed (the common case). */
static gboolean cjk_stable(gunichar c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x20000 && c <= 0x2F7FF) ||
	       (c >= 0x30000 && c <= 0x3FFFF);
}

/* Characters that only separate tokens, NFKC or not: controls, spaces, punctuation. */
static gboolean separator(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_SPACE_SEPARATOR:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
	case G_UNICODE_CONNECT_PUNCTUATION:
	case G_UNICODE_DASH_PUNCTUATION:
	case G_UNICODE_OPEN_PUNCTUATION:
	case G_UNICODE_CLOSE_PUNCTUATION:
	case G_UNICODE_INITIAL_PUNCTUATION:
	case G_UNICODE_FINAL_PUNCTUATION:
	case G_UNICODE_OTHER_PUNCTUATION:
		return TRUE;
	default:
		return FALSE;
	}
}

static gboolean is_mark(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
	       t == G_UNICODE_ENCLOSING_MARK;
}

/* ---- The scanner ------------------------------------------------------------------------ */

static void emit_chars(Scan *sc, gunichar a, gunichar b, int start, int end, TokKind kind)
{
	char buf[16];
	int n = g_unichar_to_utf8(a, buf);

	if (b != 0)
		n += g_unichar_to_utf8(b, buf + n);
	buf[n] = '\0';
	sc->emit(buf, (gsize)n, start, end, kind, sc->ud);
}

static void run_end(Scan *sc)
{
	if (sc->run >= 2) {
		emit_chars(sc, sc->c1, sc->c2, sc->s1, sc->e2, TOK_BIGRAM);
		if (sc->ends)
			emit_chars(sc, sc->c2, 0, sc->s2, sc->e2, TOK_END);
	} else if (sc->run == 1) {
		emit_chars(sc, sc->c2, 0, sc->s2, sc->e2, TOK_SINGLE);
	}
	sc->run = 0;
}

static void run_push(Scan *sc, gunichar c, int start, int end)
{
	if (sc->run >= 2)
		emit_chars(sc, sc->c1, sc->c2, sc->s1, sc->e2, TOK_BIGRAM);
	if (sc->run >= 1) {
		sc->c1 = sc->c2;
		sc->s1 = sc->s2;
	}
	sc->c2 = c;
	sc->s2 = start;
	sc->e2 = end;
	sc->run++;
}

/* Emits the word collected so far: NFKC, case-folded and lowercased, NFKC again, cut to
 * WORD_MAX bytes on a character boundary. */
static void word_end(Scan *sc)
{
	GString *w = sc->word;
	char *norm = NULL;
	const char *t = w->str;
	gsize n = w->len;

	if (n == 0)
		return;
	if (sc->word_ascii) {
		for (gsize i = 0; i < n; i++)
			w->str[i] = g_ascii_tolower(w->str[i]);
	} else {
		/* GLib's case folding alone is not stable (Ꭰ → ꭰ → Ꭰ): lowercase it */
		char *a = g_utf8_normalize(w->str, (gssize)w->len, G_NORMALIZE_NFKC);
		char *b = a ? g_utf8_casefold(a, -1) : NULL;
		char *c = b ? g_utf8_strdown(b, -1) : NULL;

		norm = c ? g_utf8_normalize(c, -1, G_NORMALIZE_NFKC) : NULL;
		g_free(a);
		g_free(b);
		g_free(c);
		t = norm ? norm : "";
		n = strlen(t);
	}
	if (n > WORD_MAX) {
		n = WORD_MAX;
		while (n > 0 && ((guchar)t[n] & 0xC0) == 0x80)
			n--;
	}
	if (n > 0)
		sc->emit(t, n, sc->ws, sc->we, TOK_WORD, sc->ud);
	g_free(norm);
	g_string_truncate(w, 0);
	sc->word_ascii = TRUE;
}

static void word_push(Scan *sc, gunichar c, int start, int end)
{
	if (sc->word->len == 0)
		sc->ws = start;
	sc->we = end;
	if (sc->word->len < 4 * WORD_MAX) /* enough to normalise the part that is kept */
		g_string_append_unichar(sc->word, c);
	if (c >= 0x80)
		sc->word_ascii = FALSE;
}

/* A combining mark joins the word, or composes with the CJK character before it (ｶﾞ → ガ). */
static void mark_push(Scan *sc, gunichar c, int end)
{
	gunichar composed;

	if (sc->word->len > 0) {
		word_push(sc, c, sc->ws, end);
	} else if (sc->run > 0 && g_unichar_compose(sc->c2, c, &composed)) {
		sc->c2 = composed;
		sc->e2 = end;
	}
}

/* Takes one normalised character that came from the original range [start, end). */
static void feed(Scan *sc, gunichar c, int start, int end)
{
	if (core_cjk_is_cjk(c)) {
		word_end(sc);
		run_push(sc, c, start, end);
	} else if (g_unichar_isalnum(c)) {
		run_end(sc);
		word_push(sc, c, start, end);
	} else if (is_mark(c)) {
		mark_push(sc, c, end);
	} else if (g_unichar_type(c) != G_UNICODE_FORMAT) {
		run_end(sc);
		word_end(sc);
	}
}

static void scan(const char *text, gsize len, gboolean ends, EmitFn emit, void *ud)
{
	Scan sc = {.emit = emit, .ud = ud, .ends = ends, .word_ascii = TRUE};
	gsize pos = 0;

	if (text == NULL)
		return;
	if (len == (gsize)-1)
		len = strlen(text);
	g_return_if_fail(len <= G_MAXINT);
	sc.word = g_string_sized_new(64);
	while (pos < len) {
		guchar b = (guchar)text[pos];
		gunichar c;
		gsize next;

		if (b < 0x80) { /* ASCII */
			if (g_ascii_isalnum(b)) {
				run_end(&sc);
				word_push(&sc, b, (int)pos, (int)pos + 1);
			} else {
				run_end(&sc);
				word_end(&sc);
			}
			pos++;
			continue;
		}
		c = g_utf8_get_char_validated(text + pos, (gssize)(len - pos));
		if (c == (gunichar)-1 || c == (gunichar)-2) { /* invalid UTF-8: a separator */
			run_end(&sc);
			word_end(&sc);
			pos++;
			continue;
		}
		next = pos + (gsize)g_unichar_to_utf8(c, NULL);
		if (cjk_stable(c)) {
			word_end(&sc);
			run_push(&sc, c, (int)pos, (int)next);
		} else if (separator(c)) {
			run_end(&sc);
			word_end(&sc);
		} else {
			char *norm =
			    g_utf8_normalize(text + pos, (gssize)(next - pos), G_NORMALIZE_NFKC);

			for (const char *p = norm; p != NULL && *p != '\0'; p = g_utf8_next_char(p))
				feed(&sc, g_utf8_get_char(p), (int)pos, (int)next);
			g_free(norm);
		}
		pos = next;
	}
	run_end(&sc);
	word_end(&sc);
	g_string_free(sc.word, TRUE);
}

/* ---- Public tokenizers ------------------------------------------------------------------ */

typedef struct {
	CoreTokenFn fn;
	void *ud;
} Forward;

static void forward(const char *tok, gsize len, int start, int end, TokKind kind, void *ud)
{
	Forward *f = ud;

	f->fn(tok, len, start, end, f->ud);
}

void core_cjk_tokenize(const char *text, gsize len, CoreTokenFn fn, void *ud)
{
	Forward f = {fn, ud};

	scan(text, len, FALSE, forward, &f);
}

void core_cjk_tokenize_document(const char *text, gsize len, CoreTokenFn fn, void *ud)
{
	Forward f = {fn, ud};

	scan(text, len, TRUE, forward, &f);
}

static void join_token(const char *tok, gsize len, int start, int end, void *ud)
{
	GString *s = ud;

	if (s->len > 0)
		g_string_append_c(s, ' ');
	g_string_append_len(s, tok, (gssize)len);
}

char *core_cjk_token_string(const char *text)
{
	GString *s = g_string_new(NULL);

	core_cjk_tokenize_document(text, (gsize)-1, join_token, s);
	return g_string_free(s, FALSE);
}

/* ---- Search strings --------------------------------------------------------------------- */

typedef struct {
	GPtrArray *toks; /* char * */
	GArray *kinds;   /* TokKind */
	guint total;     /* tokens kept over all terms */
} Term;

static void term_token(const char *tok, gsize len, int start, int end, TokKind kind, void *ud)
{
	Term *t = ud;

	if (t->total >= CORE_CJK_QUERY_MAX_TOKENS)
		return;
	g_ptr_array_add(t->toks, g_strndup(tok, len));
	g_array_append_val(t->kinds, kind);
	t->total++;
}

/* Appends TOK quoted for FTS5 ("…", " doubled) or tsquery ('…', ' doubled, \ escaped). */
static void append_quoted(GString *out, const char *tok, gboolean for_pg)
{
	char q = for_pg ? '\'' : '"';

	g_string_append_c(out, q);
	for (const char *p = tok; *p != '\0'; p++) {
		if (*p == q)
			g_string_append_c(out, q);
		else if (for_pg && *p == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, q);
}

/* Appends one term (its tokens from a document-mode scan) as a phrase. */
static void append_term(GString *out, Term *t, gboolean for_pg)
{
	guint n = t->toks->len;
	gboolean prefix;

	/* The term's last run may continue in a document: its last character is no run's end. */
	if (n > 1 && g_array_index(t->kinds, TokKind, n - 1) == TOK_END)
		n--;
	/* A last run of one character may be the start of a longer run: match it as a prefix. */
	prefix = g_array_index(t->kinds, TokKind, n - 1) == TOK_SINGLE;
	if (for_pg && n > 1)
		g_string_append_c(out, '(');
	for (guint i = 0; i < n; i++) {
		if (i > 0)
			g_string_append(out, for_pg ? " <-> " : " + ");
		append_quoted(out, g_ptr_array_index(t->toks, i), for_pg);
	}
	if (prefix)
		g_string_append(out, for_pg ? ":*" : "*");
	if (for_pg && n > 1)
		g_string_append_c(out, ')');
}

char **core_cjk_query_terms(const char *q, gboolean for_pg)
{
	GPtrArray *terms = g_ptr_array_new();
	Term t = {g_ptr_array_new_with_free_func(g_free),
	          g_array_new(FALSE, FALSE, sizeof(TokKind)), 0};
	const char *p = q ? q : "";

	while (*p != '\0') {
		const char *start;
		GString *out;

		while (*p != '\0' && g_unichar_isspace(g_utf8_get_char_validated(p, -1)))
			p = g_utf8_next_char(p);
		start = p;
		while (*p != '\0') {
			gunichar c = g_utf8_get_char_validated(p, -1);

			if (c == (gunichar)-1 || c == (gunichar)-2) {
				p++;
				continue;
			}
			if (g_unichar_isspace(c))
				break;
			p = g_utf8_next_char(p);
		}
		g_ptr_array_set_size(t.toks, 0);
		g_array_set_size(t.kinds, 0);
		scan(start, (gsize)(p - start), TRUE, term_token, &t);
		if (t.toks->len == 0)
			continue;
		out = g_string_new(NULL);
		append_term(out, &t, for_pg);
		g_ptr_array_add(terms, g_string_free(out, FALSE));
	}
	g_ptr_array_free(t.toks, TRUE);
	g_array_free(t.kinds, TRUE);
	if (terms->len == 0) {
		g_ptr_array_free(terms, TRUE);
		return NULL;
	}
	g_ptr_array_add(terms, NULL);
	return (char **)g_ptr_array_free(terms, FALSE);
}

char *core_cjk_query(const char *q, gboolean for_pg)
{
	g_auto(GStrv) terms = core_cjk_query_terms(q, for_pg);

	return terms ? g_strjoinv(for_pg ? " & " : " AND ", terms) : NULL;
}
