/*
 * Small helpers shared by every layer.
 */
#include "core/core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

gint64 core_now_us(void)
{
	return g_get_monotonic_time();
}

gboolean core_parse_size(const char *text, gsize *out)
{
	char *end;
	guint64 n;
	guint64 mult = 1;

	if (text == NULL || !g_ascii_isdigit(*text))
		return FALSE;
	errno = 0;
	n = g_ascii_strtoull(text, &end, 10);
	if (errno != 0 || n == 0)
		return FALSE;
	if (*end == 'k' || *end == 'K')
		mult = 1024, end++;
	else if (*end == 'm' || *end == 'M')
		mult = 1024 * 1024, end++;
	else if (*end == 'g' || *end == 'G')
		mult = 1024 * 1024 * 1024, end++;
	if (mult > 1 && (g_str_equal(end, "iB") || g_str_equal(end, "B")))
		end += strlen(end);
	if (*end != '\0' || n > G_MAXSIZE / mult)
		return FALSE;
	*out = n * mult;
	return TRUE;
}

char *core_read_file(const char *path, gsize *len, GError **err)
{
	char *text = NULL;

	if (!g_file_get_contents(path, &text, len, err))
		return NULL;
	return text;
}

gboolean core_word_in(const char *word, const char *list)
{
	size_t n = word ? strlen(word) : 0;

	if (n == 0 || list == NULL)
		return FALSE;
	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return TRUE;
	return FALSE;
}

gint64 core_parse_id(const char *text)
{
	char *end = NULL;
	gint64 n;

	if (text == NULL || !g_ascii_isdigit(text[0]) || strlen(text) > 18)
		return 0;
	n = g_ascii_strtoll(text, &end, 10);
	return end && *end == '\0' && n > 0 ? n : 0;
}
