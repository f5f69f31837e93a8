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

/* Sets the UI language of the work this thread does now (the HTTP server sets the request's
 * before its handler runs), so that a message composed deep below a handler — "only the author
 * or office staff may take this step" — is composed in the reader's language. */
void core_lang_use(const char *lang);
/* The language set by core_lang_use on this thread; "zh-CN" when none was. Static. */
const char *core_lang_current(void);
/* MSGID translated into core_lang_current(), usable as a checked printf format. Static. */
const char *core_tr_now(const char *msgid) G_GNUC_FORMAT(1);

#ifndef N_
#define N_(s) (s)
#endif

/* ---- office time (time.c) ---------------------------------------------------------------- */

/* The office time zone when none is named (mishu serve --timezone). */
#define CORE_TZ_DEFAULT "Asia/Shanghai"

/* Dates mishu accepts anywhere: 'YYYY-MM-DD' in these years, inclusive. */
#define CORE_DATE_MIN_YEAR 1900
#define CORE_DATE_MAX_YEAR 2200

#define CORE_TIME_ERROR (core_time_error_quark())
GQuark core_time_error_quark(void);
typedef enum {
	CORE_TIME_ERROR_ZONE, /* not a time zone tzdata (or GLib) knows */
} CoreTimeError;

/* Makes IDENTIFIER (an IANA zone such as "Asia/Shanghai", or anything else
 * g_time_zone_new_identifier accepts, e.g. "UTC") the office time zone that core_tz, core_today
 * and every date conversion use. FALSE with ERR (CORE_TIME_ERROR_ZONE) and nothing changed when
 * the zone is unknown or IDENTIFIER is NULL or empty: there is no fallback to a fixed offset.
 * Call at start-up, before any thread starts: it frees the previous zone, which earlier
 * core_tz() results borrowed. */
gboolean core_tz_set(const char *identifier, GError **err);

/* The office time zone (borrowed; lives until the next core_tz_set). CORE_TZ_DEFAULT unless
 * core_tz_set chose another; when even that is not installed, UTC with a g_critical. */
GTimeZone *core_tz(void);

/* Now in Unix seconds: real time, or the instant core_clock_set fixed. */
gint64 core_now(void);

/* Fixes the clock core_now and core_today read at AT (Unix seconds), so work generated for the
 * demo year carries its own dates; AT <= 0 returns to real time. Not for a serving process. */
void core_clock_set(gint64 at);
/* Moves the running clock SECONDS ahead (negative: back), cumulatively, while it keeps running:
 * the test build's clock that drives time limits and escalations (POST /api/v1/_test/clock). */
void core_clock_advance(gint64 seconds);

/* Today in the office time zone as 'YYYY-MM-DD'. In the test build only (MISHU_TESTING), the
 * environment variable MISHU_TODAY overrides it when it is a date core_date_valid accepts. The
 * caller g_free()s. */
char *core_today(void);

/* The instant AT (Unix seconds) in the office time zone, formatted with FORMAT
 * (g_date_time_format, e.g. "%Y-%m-%d %H:%M"); NULL when AT is out of GDateTime's range. The
 * caller g_free()s. */
char *core_time_format(gint64 at, const char *format);

/* The first second (Unix seconds) of the valid date D in the office time zone. */
gint64 core_date_unix(const GDate *d);
/* Parses S, an instant in office time on the 24-hour clock ("YYYY-MM-DDTHH:MM", as a browser's
 * datetime-local sends it), into *AT (Unix seconds); sets DATE to its day ('YYYY-MM-DD', 11
 * bytes). */
gboolean core_instant_parse(const char *s, gint64 *at, char date[11]);

/* Parses S as 'YYYY-MM-DD' exactly (four-digit year, two-digit month and day) into OUT: a real
 * calendar date in the years CORE_DATE_MIN_YEAR to CORE_DATE_MAX_YEAR. FALSE, and OUT cleared
 * (invalid), when S is NULL, not in that form, not a real date or out of that range. The one
 * date check of the program: every layer validates dates with it. */
gboolean core_date_parse(const char *s, GDate *out);

/* TRUE when core_date_parse accepts S. */
gboolean core_date_valid(const char *s);

/* D as 'YYYY-MM-DD'. Caller g_free()s. */
char *core_date_format(const GDate *d);

/* Parses S as an ISO 8601 week 'YYYY-Www' (week 01 to the year's last week, 52 or 53) and sets
 * MONDAY to its first day. FALSE, and MONDAY cleared, when S is not such a week or its days
 * leave the years CORE_DATE_MIN_YEAR to CORE_DATE_MAX_YEAR. */
gboolean core_week_parse(const char *s, GDate *monday);

/* The ISO 8601 week D falls in, as 'YYYY-Www' (the year is the week's, which differs from D's
 * around New Year: 2026-12-31 is in 2026-W53, 2027-01-01 too). Caller g_free()s. */
char *core_week_format(const GDate *d);

/* ---- helpers (util.c) ---------------------------------------------------------------------- */

/* Monotonic microseconds. */
gint64 core_now_us(void);

/* Parses a decimal size such as "1048576", "1M", "32MiB" or "64k"; returns FALSE when it is not
 * a positive size. */
gboolean core_parse_size(const char *text, gsize *out);

/* Reads a whole file; NULL with ERR when unreadable. Caller g_free()s. */
char *core_read_file(const char *path, gsize *len, GError **err);

/* ==== CJK text for full-text search (cjk.c) =============================================== */

/* Receives one token: TOKEN, LEN bytes of normalised UTF-8 (not always NUL-terminated; valid
 * only during the call), and the byte range [START_BYTE, END_BYTE) of the original text it came
 * from. */
typedef void (*CoreTokenFn)(const char *token, gsize len, int start_byte, int end_byte, void *ud);

/* Splits TEXT (LEN bytes, or NUL-terminated when LEN is (gsize)-1; invalid UTF-8 separates
 * tokens) into search tokens, in order, calling FN for each: for every maximal run of CJK
 * characters (Han incl. extensions and compatibility ideographs, kana, hangul) its overlapping
 * bigrams, or the character alone for a run of one; for every run of other letters and digits
 * one word, NFKC-normalised and case-folded ("ＧＤＰ" → "gdp"), cut to 255 bytes. Punctuation,
 * spaces and symbols only separate. These are the tokens of a search string. */
void core_cjk_tokenize(const char *text, gsize len, CoreTokenFn fn, void *ud);

/* Like core_cjk_tokenize, plus after the bigrams of each CJK run of two or more characters that
 * run's last character as one more token, so that a search for one character (a prefix query)
 * also finds it at the end of a run, and a phrase "增长GDP" finds "高增长GDP". These are the
 * tokens of an indexed document. */
void core_cjk_tokenize_document(const char *text, gsize len, CoreTokenFn fn, void *ud);

/* The document tokens of TEXT (NUL-terminated; NULL allowed) joined by single spaces, "" when
 * there are none, e.g. "关于 于加 加强 强 gdp". Caller g_free()s. */
char *core_cjk_token_string(const char *text);

/* The most tokens a search string keeps (later ones are ignored): so no phrase of a query is
 * longer than this many tokens. */
#define CORE_CJK_QUERY_MAX_TOKENS 128

/* Turns a user's search string into a query that matches documents containing every
 * whitespace-separated term of Q: each term's tokens form a phrase (punctuation inside a term
 * separates tokens but keeps the phrase), and a term ending in a lone CJK character matches it
 * as a prefix ("面" finds 面 anywhere, "2026年" finds "2026年度"). FOR_PG FALSE gives FTS5
 * syntax, every token double-quoted: "安全" + "全生" + "生产" AND "面"*; TRUE gives a tsquery
 * string for to_tsquery('simple', …) or CAST(… AS tsquery), every lexeme single-quoted:
 * ('安全' <-> '全生' <-> '生产') & '面':*. No input can add an operator. Returns NULL when Q
 * has no tokens; otherwise the caller g_free()s. */
char *core_cjk_query(const char *q, gboolean for_pg);

/* The terms of core_cjk_query(Q, FOR_PG) as separate queries ("安全" + "全生" + "生产", "面"*),
 * NULL-terminated, or NULL when Q has no tokens; the caller g_strfreev()s. */
char **core_cjk_query_terms(const char *q, gboolean for_pg);

/* TRUE for a character (after NFKC) that the tokenizer treats as CJK. */
gboolean core_cjk_is_cjk(gunichar c);

/* TEXT (a query parameter …) as a positive integer: digits only, at most 18 of them; 0 when it
 * is anything else ("5x", "-1", "", NULL). */
gint64 core_parse_id(const char *text);

/* TRUE when WORD is one of the space-separated words of LIST ("draft returned"). */
gboolean core_word_in(const char *word, const char *list);

/* ==== typed text (text.c) ================================================================= */

/* TRUE for white space of any kind: ASCII, Unicode space separators (the full-width space
 * U+3000, no-break spaces), line and paragraph separators, and the zero-width spaces. */
gboolean core_text_is_space(gunichar c);
/* TRUE when S (valid UTF-8, NULL allowed) is empty or only white space. */
gboolean core_text_blank(const char *s);
/* S (valid UTF-8) cleaned as typed text: white space of any kind trimmed from both ends (in text
 * with a line break only blank lines from the start, so the first line keeps its indent), and a
 * number or date typed with full-width digits ("１０", "２０２６－０１－０５") in ASCII. NULL for
 * NULL; otherwise the caller g_free()s. */
char *core_text_clean(const char *s);

#endif
