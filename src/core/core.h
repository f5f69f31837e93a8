/*
 * core — the bottom layer: logging, i18n, small helpers. Includes no other mishu header.
 */
#ifndef MISHU_CORE_H
#define MISHU_CORE_H

#include <glib.h>
#include <jansson.h>

/* ---- logging (log.c) ---------------------------------------------------------------------- */

/* Installs the GLib log writer: one line per message on stderr with time and level. */
void core_log_init(gboolean verbose);

/* ---- i18n (i18n.c) ------------------------------------------------------------------------ */

#define CORE_LANG_ZH "zh-CN"
#define CORE_LANG_EN "en"

/* Binds the gettext domain and prepares one locale object per UI language. Call once, before
 * any thread starts. Returns FALSE (and logs why) when the zh_CN locale is not installed; the
 * program still works, in English. */
gboolean core_i18n_init(void);

/* Picks the UI language for an Accept-Language header value (NULL allowed): "en" when English is
 * preferred over Chinese, otherwise "zh-CN" (the default). Returns a static string. */
const char *core_lang_pick(const char *accept_language);

/* Translates MSGID into LANG ("zh-CN" or "en"). Thread-safe. The result is static (owned by the
 * catalog or the caller's literal). */
const char *core_tr(const char *lang, const char *msgid);

#ifndef N_
#define N_(s) (s)
#endif

/* ---- helpers (util.c) ---------------------------------------------------------------------- */

/* Monotonic microseconds. */
gint64 core_now_us(void);

/* Parses a decimal size such as "1048576", "1M", "32MiB" or "64k"; returns FALSE when it is not
 * a positive size. */
gboolean core_parse_size(const char *text, gsize *out);

/* Reads a whole file; NULL with ERR when unreadable. Caller g_free()s. */
char *core_read_file(const char *path, gsize *len, GError **err);

#endif
