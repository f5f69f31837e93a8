/*
 * UI languages through gettext. English msgids in the code, a zh_CN catalog (po/zh_CN.po)
 * compiled by the build. Each request translates in its own language by switching the calling
 * thread's locale with uselocale(3), so threads never disturb one another.
 */
#include "config.h"
#include "core/core.h"

#include <libintl.h>
#include <locale.h>
#include <stdlib.h>

static locale_t loc_zh = (locale_t)0;
static locale_t loc_en = (locale_t)0;

gboolean core_i18n_init(void)
{
	const char *dir = g_getenv("MISHU_LOCALEDIR");
	static const char *const zh_names[] = {"zh_CN.UTF-8", "zh_CN.utf8", NULL};

	/* LANGUAGE would override the per-thread locale; the UI language is chosen per request. */
	g_unsetenv("LANGUAGE");
	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(GETTEXT_PACKAGE, dir && *dir ? dir : MISHU_LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	textdomain(GETTEXT_PACKAGE);
	loc_en = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	for (int i = 0; zh_names[i] && loc_zh == (locale_t)0; i++)
		loc_zh = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, zh_names[i], (locale_t)0);
	if (loc_zh == (locale_t)0) {
		g_warning("locale zh_CN.UTF-8 is not installed (run scripts/deps.sh); "
		          "the UI falls back to English");
		return FALSE;
	}
	return TRUE;
}

const char *core_lang_pick(const char *accept_language)
{
	double q_en = -1, q_zh = -1;
	char **parts;

	if (accept_language == NULL || *accept_language == '\0')
		return CORE_LANG_ZH;
	parts = g_strsplit(accept_language, ",", 32);
	for (int i = 0; parts[i]; i++) {
		char *tag = g_strstrip(parts[i]);
		char *semi = strchr(tag, ';');
		double q = 1.0;

		if (semi) {
			const char *qs = strstr(semi, "q=");
			*semi = '\0';
			if (qs)
				q = g_ascii_strtod(qs + 2, NULL);
		}
		/* Earlier entries win ties: browsers list preferences in order. */
		q -= i * 1e-6;
		if (g_ascii_strncasecmp(tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
			q_en = MAX(q_en, q);
		else if (g_ascii_strncasecmp(tag, "zh", 2) == 0 &&
		         (tag[2] == '\0' || tag[2] == '-'))
			q_zh = MAX(q_zh, q);
	}
	g_strfreev(parts);
	return q_en > 0 && q_en > q_zh ? CORE_LANG_EN : CORE_LANG_ZH;
}

const char *core_tr(const char *lang, const char *msgid)
{
	locale_t want, old;
	const char *out;

	if (msgid == NULL || *msgid == '\0')
		return "";
	want = g_strcmp0(lang, CORE_LANG_EN) == 0 ? loc_en : loc_zh;
	if (want == (locale_t)0)
		return msgid;
	old = uselocale(want);
	out = dgettext(GETTEXT_PACKAGE, msgid);
	uselocale(old);
	return out;
}

/* The language of the request this thread is serving (core_lang_use). */
static _Thread_local const char *lang_current;

void core_lang_use(const char *lang)
{
	lang_current = g_strcmp0(lang, CORE_LANG_EN) == 0 ? CORE_LANG_EN : CORE_LANG_ZH;
}

const char *core_lang_current(void)
{
	return lang_current ? lang_current : CORE_LANG_ZH;
}

const char *core_tr_now(const char *msgid)
{
	return core_tr(core_lang_current(), msgid);
}
