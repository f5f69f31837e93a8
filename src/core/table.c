/*
 * Uploaded spreadsheets: CSV (RFC 4180, UTF-8 or GB18030) and Excel .xlsx (its first worksheet,
 * read with minizip from memory and GMarkup) into a CoreTable of text cells. This file: the API,
 * the table being filled, and CSV; table_xlsx.c reads .xlsx.
 */
#include "core/table_internal.h"

#include <string.h>

GQuark core_table_error_quark(void)
{
	return g_quark_from_static_string("mishu-core-table-error-quark");
}

/* ==== The table ============================================================================= */

void core_table_free(CoreTable *t)
{
	if (t == NULL)
		return;
	g_ptr_array_unref(t->rows);
	g_free(t);
}

guint core_table_n_rows(const CoreTable *t)
{
	return t->rows->len;
}

guint core_table_n_cols(const CoreTable *t, guint row)
{
	if (row >= t->rows->len)
		return 0;
	return ((GPtrArray *)t->rows->pdata[row])->len;
}

const char *core_table_cell(const CoreTable *t, guint row, guint col)
{
	GPtrArray *r;

	if (row >= t->rows->len)
		return "";
	r = t->rows->pdata[row];
	return col < r->len ? r->pdata[col] : "";
}

CoreTable *table_new(void)
{
	CoreTable *t = g_new0(CoreTable, 1);

	t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	return t;
}

/* Puts the non-empty TEXT (LEN bytes) at (ROW, COL), adding empty rows and cells before it as
 * needed; a cell put twice keeps the later text. FALSE with ERR when beyond a limit. */
gboolean table_builder_put(TableBuilder *b, guint row, guint col, const char *text, gsize len,
                           GError **err)
{
	GPtrArray *r;

	if (row > b->max_rows) {
		g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_LIMIT,
		            "The file has more than %u data rows; split it into smaller files.",
		            b->max_rows);
		return FALSE;
	}
	if (col >= CORE_TABLE_MAX_COLS) {
		g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_LIMIT,
		            "The file has more than %d columns.", CORE_TABLE_MAX_COLS);
		return FALSE;
	}
	b->bytes += len + 1;
	if (b->bytes > CORE_TABLE_MAX_PART_BYTES) {
		g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_LIMIT,
		            "The file holds more than %d MiB of text.",
		            CORE_TABLE_MAX_PART_BYTES / (1024 * 1024));
		return FALSE;
	}
	while (b->t->rows->len <= row)
		g_ptr_array_add(b->t->rows, g_ptr_array_new_with_free_func(g_free));
	r = b->t->rows->pdata[row];
	while (r->len < col)
		g_ptr_array_add(r, g_strdup(""));
	if (r->len == col) {
		g_ptr_array_add(r, g_strndup(text, len));
	} else {
		g_free(r->pdata[col]);
		r->pdata[col] = g_strndup(text, len);
	}
	return TRUE;
}

/* Removes surrounding ASCII spaces and tabs from S. */
void table_trim(GString *s)
{
	gsize a = 0;
	gsize b = s->len;

	while (b > 0 && (s->str[b - 1] == ' ' || s->str[b - 1] == '\t'))
		b--;
	while (a < b && (s->str[a] == ' ' || s->str[a] == '\t'))
		a++;
	g_string_truncate(s, b);
	g_string_erase(s, 0, a);
}

/* ==== CSV =================================================================================== */

/* Parses TEXT (LEN bytes of valid UTF-8 without NUL) as RFC 4180 CSV. Text after a closing
 * quote is kept up to the next separator, as Excel does ("a"b → ab). */
static CoreTable *read_csv(const char *text, gsize len, guint max_rows, GError **err)
{
	g_autoptr(CoreTable) t = table_new();
	g_autoptr(GString) cell = g_string_new(NULL);
	TableBuilder b = {t, max_rows, 0};
	const char *p = text;
	const char *end = text + len;
	guint row = 0;
	guint col = 0;
	guint line = 1;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		g_string_truncate(cell, 0);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p < end && *p == '"') {
			guint first = line;

			for (p++;; p++) {
				if (p == end) {
					g_set_error(
					    err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
					    "Line %u of the CSV file opens a quoted cell (\") "
					    "that is never closed.",
					    first);
					return NULL;
				}
				if (*p == '"') {
					if (p + 1 == end || p[1] != '"')
						break;
					p++;
				} else if (*p == '\r' && p + 1 < end && p[1] == '\n') {
					continue; /* CRLF inside a cell becomes LF */
				} else if (*p == '\n' || *p == '\r') {
					line++;
				}
				g_string_append_c(cell, *p == '\r' ? '\n' : *p);
			}
			p++;
		}
		while (p < end && *p != ',' && *p != '\n' && *p != '\r')
			g_string_append_c(cell, *p++);
		table_trim(cell);
		if (cell->len > CORE_TABLE_MAX_CELL_BYTES) {
			g_set_error(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_LIMIT,
			            "Line %u of the CSV file has a cell longer than %d KiB.", line,
			            CORE_TABLE_MAX_CELL_BYTES / 1024);
			return NULL;
		}
		if (cell->len > 0 && !table_builder_put(&b, row, col, cell->str, cell->len, err))
			return NULL;
		if (p == end)
			break;
		if (*p == ',') {
			p++;
			col++;
			continue;
		}
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		p++;
		line++;
		row++;
		col = 0;
	}
	return g_steal_pointer(&t);
}

/* ==== Reading =============================================================================== */

CoreTable *core_table_read(const void *data, gsize len, guint max_rows, GError **err)
{
	static const guint8 zip_magic[4] = {'P', 'K', 3, 4};
	static const guint8 ole_magic[8] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
	g_autofree char *converted = NULL;
	gsize n = 0;

	g_return_val_if_fail(data != NULL || len == 0, NULL);
	if (len == 0)
		return table_new();
	if (len >= sizeof zip_magic && memcmp(data, zip_magic, sizeof zip_magic) == 0)
		return table_read_xlsx(data, len, max_rows, err);
	if (len >= sizeof ole_magic && memcmp(data, ole_magic, sizeof ole_magic) == 0) {
		g_set_error_literal(
		    err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
		    "The file is an old Excel .xls workbook or a password-protected "
		    "one; save it as .xlsx without a password, or as CSV, and upload "
		    "it again.");
		return NULL;
	}
	if (len > G_MAXSSIZE) /* g_utf8_validate_len and g_convert take a gssize */
		goto bad;
	if (g_utf8_validate_len(data, len, NULL))
		return read_csv(data, len, max_rows, err);
	/* Excel in a Chinese locale saves "CSV" in the ANSI code page, GBK */
	converted = g_convert(data, len, "UTF-8", "GB18030", NULL, &n, NULL);
	if (converted != NULL && g_utf8_validate_len(converted, n, NULL))
		return read_csv(converted, n, max_rows, err);
bad:
	g_set_error_literal(err, CORE_TABLE_ERROR, CORE_TABLE_ERROR_FORMAT,
	                    "The file is neither a CSV file in UTF-8 nor an Excel .xlsx workbook.");
	return NULL;
}
