/*
 * db_sql.c — the one reader of placeholders: finds the `?` and `?NNN` of a statement outside
 * quoted text, quoted identifiers, dollar quotes and comments, and writes them back numbered.
 * PostgreSQL's backend turns them into $1..$n with it, SQLite's checks them with it (so both
 * refuse the same statements), and DbQuery renumbers its fragments with it.
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_backend.h"

#include <string.h>

#define MAX_PARAMS 65535 /* bare `?`: the PostgreSQL protocol's limit */

/* ---- Placeholders ----------------------------------------------------------------------- */

static inline gboolean is_ident_char(char ch)
{
	return g_ascii_isalnum(ch) || ch == '_' || ch == '$' || (guchar)ch >= 0x80;
}

/* If p starts a dollar quote ($$ or $tag$), returns the length of its tag, else 0. */
static gsize dollar_tag(const char *p)
{
	const char *q = p + 1;

	if (*q == '$')
		return 2;
	if (!(g_ascii_isalpha(*q) || *q == '_' || (guchar)*q >= 0x80))
		return 0;
	while (g_ascii_isalnum(*q) || *q == '_' || (guchar)*q >= 0x80)
		q++;
	return *q == '$' ? (gsize)(q - p + 1) : 0;
}

/* Returns the end of the quoted text starting at p (a ' or "), past the closing quote; with
 * `backslash`, \ escapes the next character (E'...' strings). */
static const char *skip_quoted(const char *p, gboolean backslash)
{
	char quote = *p++;

	while (*p) {
		if (backslash && *p == '\\' && p[1]) {
			p += 2;
		} else if (*p == quote) {
			if (p[1] != quote)
				return p + 1;
			p += 2; /* a doubled quote stands for itself */
		} else {
			p++;
		}
	}
	return p;
}

/* Returns the end of a comment starting at p ("--" to the end of the line, or a possibly nested
 * slash-star comment). */
static const char *skip_comment(const char *p)
{
	int depth = 0;

	if (p[0] == '-') {
		while (*p && *p != '\n')
			p++;
		return p;
	}
	while (*p) {
		if (p[0] == '/' && p[1] == '*') {
			depth++;
			p += 2;
		} else if (p[0] == '*' && p[1] == '/') {
			p += 2;
			if (--depth == 0)
				return p;
		} else {
			p++;
		}
	}
	return p;
}

/* Sets ERR to DB_ERROR_MISUSE about SQL; returns NULL after freeing OUT. */
static char *refuse(GString *out, GError **err, const char *sql, const char *why)
{
	g_string_free(out, TRUE);
	g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE, "%s: “%s”", why, sql);
	return NULL;
}

char *db_sql_renumber(const char *sql, char prefix, int offset, int *nparams, GError **err)
{
	GString *out = g_string_sized_new(strlen(sql) + 16);
	const char *p = sql;
	gboolean ended = FALSE, bare = FALSE, numbered = FALSE;
	int n = 0;

	g_assert(offset >= 0);
	while (*p) {
		const char *start = p;
		gsize tag;

		if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*')) {
			p = skip_comment(p);
			g_string_append_len(out, start, p - start);
			continue;
		}
		if (ended && !g_ascii_isspace(*p) && *p != ';')
			return refuse(out, err, sql, "db_prepare takes exactly one SQL statement");
		switch (*p) {
		case ';':
			ended = TRUE;
			p++;
			break;
		case '?':
			p++;
			if (g_ascii_isdigit(*p)) {
				int k = 0;

				/* SQLite's ?NNN: a number of its own, used as often as it occurs */
				while (g_ascii_isdigit(*p) && k <= DB_PARAM_NUMBERED_MAX)
					k = k * 10 + (*p++ - '0');
				if (k < 1 || k > DB_PARAM_NUMBERED_MAX || g_ascii_isdigit(*p))
					return refuse(out, err, sql,
					              "a numbered parameter is ?1 to ?" G_STRINGIFY(
					                  DB_PARAM_NUMBERED_MAX));
				numbered = TRUE;
				n = MAX(n, k);
				g_string_append_printf(out, "%c%d", prefix, k + offset);
			} else {
				bare = TRUE;
				if (++n > MAX_PARAMS)
					return refuse(
					    out, err, sql,
					    "more than " G_STRINGIFY(MAX_PARAMS) " parameters");
				g_string_append_printf(out, "%c%d", prefix, n + offset);
			}
			if (bare && numbered)
				return refuse(out, err, sql,
				              "a statement numbers all its parameters (?1, ?2 …) "
				              "or none (?)");
			break;
		case '\'':
			/* E'...' (or e'...') right after a non-identifier character */
			p = skip_quoted(p, p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
			                       (p - 1 == sql || !is_ident_char(p[-2])));
			g_string_append_len(out, start, p - start);
			break;
		case '"':
			p = skip_quoted(p, FALSE);
			g_string_append_len(out, start, p - start);
			break;
		case '$':
			tag = (p == sql || !is_ident_char(p[-1])) ? dollar_tag(p) : 0;
			if (tag > 0) {
				g_autofree char *t = g_strndup(p, tag);
				const char *close = strstr(p + tag, t);

				p = close ? close + tag : p + strlen(p);
			} else {
				p++;
			}
			g_string_append_len(out, start, p - start);
			break;
		default:
			g_string_append_c(out, *p++);
			break;
		}
	}
	*nparams = n;
	return g_string_free(out, FALSE);
}
