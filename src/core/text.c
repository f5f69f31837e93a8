/*
 * text.c — what an office types, made plain before anyone checks it: white space of every kind
 * (ASCII, the full-width space U+3000, no-break and zero-width spaces) trimmed from both ends,
 * and full-width digits in a number ("１０", "２０２６－０１－０５") turned into ASCII. The HTTP
 * layer applies it to every form field and JSON string, so every module sees the cleaned value.
 */
#include "core/core.h"

#include <string.h>

gboolean core_text_is_space(gunichar c)
{
	switch (c) {
	case 0x200B: /* zero width space */
	case 0x200C: /* zero width non-joiner */
	case 0x200D: /* zero width joiner */
	case 0x2060: /* word joiner */
	case 0xFEFF: /* zero width no-break space (BOM) */
	case 0x180E: /* Mongolian vowel separator */
		return TRUE;
	default:
		/* Zs (incl. U+3000, U+00A0, U+202F), Zl, Zp, and \t \n \v \f \r */
		return g_unichar_isspace(c) || g_unichar_type(c) == G_UNICODE_SPACE_SEPARATOR;
	}
}

gboolean core_text_blank(const char *s)
{
	for (const char *p = s; p && *p; p = g_utf8_next_char(p))
		if (!core_text_is_space(g_utf8_get_char(p)))
			return FALSE;
	return TRUE;
}

/* The ASCII character a full-width one in a number stands for ('5' for '５', '-' for '－'), or 0
 * when C is not one. ASCII digits and separators stand for themselves. */
static char number_char(gunichar c)
{
	if (c >= 0xFF10 && c <= 0xFF19)
		return (char)('0' + (c - 0xFF10));
	switch (c) {
	case 0xFF0D: /* － */
	case 0x2212: /* − */
		return '-';
	case 0xFF0E: /* ． */
		return '.';
	case 0xFF0F: /* ／ */
		return '/';
	case 0xFF1A: /* ： */
		return ':';
	case 0xFF0B: /* ＋ */
		return '+';
	default:
		return c < 0x80 && strchr("0123456789-./:+", (int)c) && c ? (char)c : 0;
	}
}

/* TRUE when S is a number or a date written with digits, at least one of them full-width. */
static gboolean full_width_number(const char *s)
{
	gboolean wide = FALSE, digit = FALSE;

	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		char a = number_char(c);

		if (a == 0)
			return FALSE;
		digit |= g_ascii_isdigit(a);
		wide |= c >= 0x80;
	}
	return wide && digit;
}

char *core_text_clean(const char *s)
{
	const char *start = s, *end, *line = s;
	GString *out;

	if (s == NULL)
		return NULL;
	/* leading white space; in text of several lines (a textarea's) only whole blank lines,
	 * so that the first paragraph keeps its indent ("　　") */
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!core_text_is_space(c))
			break;
		if (c == '\n')
			line = g_utf8_next_char(p);
		start = g_utf8_next_char(p);
	}
	end = s + strlen(s);
	while (end > start) {
		const char *prev = g_utf8_find_prev_char(start, end);
		if (prev == NULL || !core_text_is_space(g_utf8_get_char(prev)))
			break;
		end = prev;
	}
	if (end > start && strchr(s, '\n'))
		start = line;
	out = g_string_new_len(start, end - start);
	if (full_width_number(out->str)) {
		GString *n = g_string_sized_new(out->len);
		for (const char *p = out->str; *p; p = g_utf8_next_char(p))
			g_string_append_c(n, number_char(g_utf8_get_char(p)));
		g_string_free(out, TRUE);
		out = n;
	}
	return g_string_free(out, FALSE);
}
