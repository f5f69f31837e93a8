/*
 * docs_pdf_text.c — the text of an outgoing document for docs_pdf.c: reads and checks the JSON
 * model, cleans its strings and formats its dates, recognises the heading levels of the 正文
 * and splits the title into balanced lines. No cairo or pango here.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_pdf_internal.h"
#include "core/core.h"

#include <math.h>
#include <string.h>

#define TITLE_LINES 11 /* a title longer than this cannot leave room for the body */

/* ==== Model ================================================================================= */

/* S without carriage returns and surrounding blanks (ASCII and U+3000), other controls turned
 * into spaces. g_free. */
char *docs_pdf_clean(const char *s)
{
	GString *out = g_string_sized_new(strlen(s));

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\r')
			continue;
		if (c < 0x20 || c == 0x7f)
			c = ' ';
		if ((c == ' ' || c == 0x3000) && out->len == 0)
			continue;
		g_string_append_unichar(out, c);
	}
	for (;;) {
		if (g_str_has_suffix(out->str, " "))
			g_string_truncate(out, out->len - 1);
		else if (g_str_has_suffix(out->str, "\u3000"))
			g_string_truncate(out, out->len - 3);
		else
			break;
	}
	return g_string_free(out, FALSE);
}

/* Reads the string KEY of OBJ into *OUT (NULL when absent, null or blank). */
static gboolean get_str(json_t *obj, const char *key, gboolean required, const char **out,
                        GError **err)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v != NULL && !json_is_null(v) && !json_is_string(v)) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "The field \"%s\" must be a string.", key);
		return FALSE;
	}
	if (v != NULL && json_is_string(v)) {
		g_autofree char *text = NULL;

		if (!g_utf8_validate(json_string_value(v), -1, NULL)) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
			            "The field \"%s\" is not valid UTF-8.", key);
			return FALSE;
		}
		text = docs_pdf_clean(json_string_value(v));
		if (*text != '\0')
			*out = json_string_value(v);
	}
	if (*out == NULL && required) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "The field \"%s\" is missing.", key);
		return FALSE;
	}
	return TRUE;
}

/* Writes the date S ('YYYY-MM-DD') as "2026年11月27日" (no leading zeros, §7.3.5.4) into OUT. */
static gboolean format_date(const char *key, const char *s, char out[32], GError **err)
{
	GDate d;

	if (!core_date_parse(s, &d)) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "The field \"%s\" must be a date written YYYY-MM-DD.", key);
		return FALSE;
	}
	g_snprintf(out, 32, "%u年%u月%u日", g_date_get_year(&d), g_date_get_month(&d),
	           g_date_get_day(&d));
	return TRUE;
}

gboolean docs_pdf_doc_read(json_t *obj, Doc *d, GError **err)
{
	const char *date, *print_date;

	memset(d, 0, sizeof(*d));
	if (!json_is_object(obj)) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "The document must be a JSON object.");
		return FALSE;
	}
	d->minutes = g_strcmp0(json_string_value(json_object_get(obj, "kind")), "minutes") == 0;
	d->bulletin = g_strcmp0(json_string_value(json_object_get(obj, "kind")), "bulletin") == 0;
	d->items = json_object_get(obj, "items");
	if (d->bulletin && (!json_is_array(d->items) || json_array_size(d->items) == 0)) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "A bulletin's field \"items\" must be a list of {title, body}.");
		return FALSE;
	}
	for (size_t i = 0; d->bulletin && i < json_array_size(d->items); i++) {
		json_t *item = json_array_get(d->items, i);
		const char *text;

		if (!get_str(item, "title", TRUE, &text, err) ||
		    !get_str(item, "body", TRUE, &text, err))
			return FALSE;
	}
	d->attendance = json_object_get(obj, "attendance");
	if (d->attendance && !json_is_array(d->attendance)) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "The field \"attendance\" must be a list of {label, names}.");
		return FALSE;
	}
	if (!get_str(obj, "issuer_mark", TRUE, &d->issuer_mark, err) ||
	    !get_str(obj, "number", TRUE, &d->number, err) ||
	    !get_str(obj, "signer", FALSE, &d->signer, err) ||
	    !get_str(obj, "copy_no", FALSE, &d->copy_no, err) ||
	    !get_str(obj, "secrecy", FALSE, &d->secrecy, err) ||
	    !get_str(obj, "urgency", FALSE, &d->urgency, err) ||
	    !get_str(obj, "title", TRUE, &d->title, err) ||
	    !get_str(obj, "main_to", FALSE, &d->main_to, err) ||
	    !get_str(obj, "body", !d->bulletin, &d->body, err) ||
	    !get_str(obj, "issuer_signature", !d->minutes && !d->bulletin, &d->signature, err) ||
	    !get_str(obj, "publisher", d->bulletin, &d->publisher, err) ||
	    !get_str(obj, "send_to", FALSE, &d->send_to, err) ||
	    !get_str(obj, "date", TRUE, &date, err) ||
	    !get_str(obj, "notes", FALSE, &d->notes, err) ||
	    !get_str(obj, "cc", FALSE, &d->cc, err) ||
	    !get_str(obj, "printer", TRUE, &d->printer, err) ||
	    !get_str(obj, "print_date", TRUE, &print_date, err) ||
	    !format_date("date", date, d->date, err) ||
	    !format_date("print_date", print_date, d->print_date, err))
		return FALSE;

	if (d->copy_no != NULL) {
		gsize n = strlen(d->copy_no);

		if (n > 6 || strspn(d->copy_no, "0123456789") != n) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
			            "The field \"copy_no\" must be at most 6 digits.");
			return FALSE;
		}
	}
	if (d->secrecy != NULL) {
		static const char *const levels[] = {"秘密", "机密", "绝密"};
		gboolean ok = FALSE;

		for (guint i = 0; i < G_N_ELEMENTS(levels); i++) {
			const char *rest = d->secrecy + strlen(levels[i]);

			if (g_str_has_prefix(d->secrecy, levels[i]) &&
			    (*rest == '\0' || (g_str_has_prefix(rest, "★") && rest[3] != '\0')))
				ok = TRUE;
		}
		if (!ok) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
			            "The field \"secrecy\" must be 秘密, 机密 or 绝密.");
			return FALSE;
		}
	}
	if (d->urgency != NULL && strcmp(d->urgency, "特急") != 0 &&
	    strcmp(d->urgency, "加急") != 0) {
		g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
		            "The field \"urgency\" must be 特急 or 加急.");
		return FALSE;
	}
	d->attachments = json_object_get(obj, "attachments");
	if (json_is_null(d->attachments))
		d->attachments = NULL;
	if (d->attachments != NULL) {
		size_t i;
		json_t *a;

		if (!json_is_array(d->attachments)) {
			g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
			            "The field \"attachments\" must be an array of names.");
			return FALSE;
		}
		json_array_foreach (d->attachments, i, a) {
			g_autofree char *name = NULL;

			if (json_is_string(a) && g_utf8_validate(json_string_value(a), -1, NULL))
				name = docs_pdf_clean(json_string_value(a));
			if (name == NULL || *name == '\0') {
				g_set_error(err, DOCS_PDF_ERROR, DOCS_PDF_ERROR_INVALID,
				            "Attachment %zu must be a non-empty name.", i + 1);
				return FALSE;
			}
		}
	}
	return TRUE;
}

/* ==== 正文 headings ========================================================================= */

static gboolean is_cn_numeral(gunichar c)
{
	return c != 0 && g_utf8_strchr("一二三四五六七八九十百〇零", -1, c) != NULL;
}

/* The heading level of paragraph P (1 "一、", 2 "（一）", 3 "1." or "1．", 4 "（1）") or 0. */
int docs_pdf_heading_level(const char *p)
{
	gunichar c = g_utf8_get_char(p);
	gboolean paren = c == 0xff08 || c == '(';
	const char *q = paren ? g_utf8_next_char(p) : p;
	const char *start = q;
	gboolean cn = is_cn_numeral(g_utf8_get_char(q));

	while (cn ? is_cn_numeral(g_utf8_get_char(q)) : g_ascii_isdigit(*q))
		q = g_utf8_next_char(q);
	if (q == start)
		return 0;
	c = g_utf8_get_char(q);
	if (paren)
		return c == 0xff09 || c == ')' ? (cn ? 2 : 4) : 0;
	if (cn)
		return c == 0x3001 ? 1 : 0;
	if (c == '.' || c == 0xff0e)
		return g_ascii_isdigit(*g_utf8_next_char(q)) ? 0 : 3;
	return 0;
}

/* ==== The title (§7.3.1) ==================================================================== */

static gboolean no_line_start(gunichar c)
{
	return g_utf8_strchr("，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}", -1, c) != NULL;
}

static gboolean no_line_end(gunichar c)
{
	return g_utf8_strchr("（《「『【〔〈“‘([{", -1, c) != NULL;
}

/* Width of C in half-character units. */
static int half_units(gunichar c)
{
	return g_unichar_iswide(c) || g_unichar_iswide_cjk(c) ? 2 : 1;
}

/* Splits TITLE into the fewest lines of at most MAX half-character units whose lengths are as
 * equal as the characters allow (梯形 for two lines: the upper one not longer; 菱形 for more:
 * the outer ones not longer). A line never starts with closing punctuation, never ends with
 * opening punctuation, never splits a run of Latin letters or digits, avoids starting with
 * "的" or breaking inside 《》, and prefers breaking after "关于", "的" or a pause mark and before
 * a conjunction (和, 与, 及, 并, 暨), worth about one character of imbalance (lengths are
 * compared in half-character units squared). The last of two or more lines has at least two
 * characters. Returns the lines (g_ptr_array_unref), or NULL when none fits. */
GPtrArray *docs_pdf_title_split(const char *title, int max)
{
	glong n;
	g_autofree gunichar *u = g_utf8_to_ucs4_fast(title, -1, &n);
	g_autofree int *sum = g_new0(int, n + 1);
	g_autofree int *book = g_new0(int, n + 1);
	g_autofree double *pen = g_new0(double, n + 1);

	for (glong i = 0; i < n; i++) {
		sum[i + 1] = sum[i] + half_units(u[i]);
		book[i + 1] = book[i] + (u[i] == 0x300a) - (u[i] == 0x300b);
	}
	for (glong b = 1; b < n; b++) {
		gboolean latin = u[b] < 0x80 && u[b - 1] < 0x80 && g_unichar_isalnum(u[b]) &&
		                 g_unichar_isalnum(u[b - 1]);

		/* Never; 的 starting a line or a break inside 《》; where titles are usually
		 * broken. */
		if (no_line_start(u[b]) || no_line_end(u[b - 1]) || latin)
			pen[b] = INFINITY;
		else if (u[b] == 0x7684 || book[b] > 0)
			pen[b] = 12;
		else if (g_utf8_strchr("和与及并暨", -1, u[b]) != NULL ||
		         g_utf8_strchr("的、，；：", -1, u[b - 1]) != NULL ||
		         (b >= 2 && u[b - 2] == 0x5173 && u[b - 1] == 0x4e8e)) /* 关于 */
			pen[b] = -8;
	}
	for (int k = MAX(1, (sum[n] + max - 1) / max); k <= TITLE_LINES && k <= n; k++) {
		double target = (double)sum[n] / k;
		g_autofree double *best = g_new(double, (gsize)(k + 1) * (n + 1));
		g_autofree glong *from = g_new0(glong, (gsize)(k + 1) * (n + 1));

		for (glong i = 0; i < (k + 1) * (n + 1); i++)
			best[i] = INFINITY;
		best[0] = 0;
		for (int j = 1; j <= k; j++) {
			for (glong b = 1; b <= n; b++) {
				for (glong a = b - 1; a >= 0 && sum[b] - sum[a] <= max; a--) {
					double len = sum[b] - sum[a],
					       cost = best[(j - 1) * (n + 1) + a];
					gboolean outer = j == 1 || (k >= 3 && j == k);

					if (!isfinite(cost) || (k >= 2 && j == k && b - a < 2))
						continue; /* no character alone on the last line */
					cost +=
					    (len - target) * (len - target) + (b < n ? pen[b] : 0);
					cost += k >= 2 && outer && len > target ? 1 : 0;
					if (cost < best[j * (n + 1) + b]) {
						best[j * (n + 1) + b] = cost;
						from[j * (n + 1) + b] = a;
					}
				}
			}
		}
		if (isfinite(best[k * (n + 1) + n])) {
			GPtrArray *lines = g_ptr_array_new_full(k, g_free);
			glong b = n;

			g_ptr_array_set_size(lines, k);
			for (int j = k; j >= 1; j--) {
				glong a = from[j * (n + 1) + b];

				lines->pdata[j - 1] =
				    g_ucs4_to_utf8(u + a, b - a, NULL, NULL, NULL);
				b = a;
			}
			return lines;
		}
	}
	return NULL;
}
