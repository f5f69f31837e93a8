/*
 * xlsx.c — rows of JSON objects as an Excel workbook (libxlsxwriter), written to a temporary
 * file and read back whole.
 */
#include "core/xlsx.h"

#include <glib/gstdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

G_DEFINE_QUARK(mishu - core - xlsx - error - quark, core_xlsx_error)

/* V (an array) as text: strings, or objects' "name" (else "domain_name"), joined with 、. */
static char *joined(json_t *v)
{
	GString *s = g_string_new(NULL);
	json_t *x;
	size_t k;

	json_array_foreach (v, k, x) {
		const char *t = json_is_string(x) ? json_string_value(x)
		                                  : json_string_value(json_object_get(x, "name"));
		if (t == NULL)
			t = json_string_value(json_object_get(x, "domain_name"));
		if (t == NULL)
			continue;
		if (s->len)
			g_string_append(s, "、");
		g_string_append(s, t);
	}
	return g_string_free(s, FALSE);
}

/* Writes sheet SH into WB with the header format BOLD. FALSE when the workbook refuses. */
static gboolean sheet(lxw_workbook *wb, lxw_format *bold, const CoreXlsxSheet *sh)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
	json_t *r;
	size_t i;

	if (ws == NULL)
		return FALSE;
	for (gsize j = 0; j < sh->n_cols; j++) {
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, sh->cols[j].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)j, sh->cols[j].title, bold);
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach (sh->rows, i, r) {
		for (gsize j = 0; j < sh->n_cols; j++) {
			json_t *v = json_object_get(r, sh->cols[j].key);
			lxw_row_t row = (lxw_row_t)i + 1;
			lxw_col_t col = (lxw_col_t)j;

			if (json_is_number(v)) {
				worksheet_write_number(ws, row, col, json_number_value(v), NULL);
			} else if (json_is_string(v) && *json_string_value(v)) {
				worksheet_write_string(ws, row, col, json_string_value(v), NULL);
			} else if (json_is_array(v)) {
				g_autofree char *t = joined(v);
				if (*t)
					worksheet_write_string(ws, row, col, t, NULL);
			}
		}
	}
	if (json_array_size(sh->rows) > 0)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(sh->rows),
		                     (lxw_col_t)sh->n_cols - 1);
	return TRUE;
}

GBytes *core_xlsx_write(const CoreXlsxSheet *sheets, gsize n, GError **err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE,
	                            .tmpdir = (char *)g_get_tmp_dir()};
	g_autofree char *path = NULL;
	lxw_workbook *wb;
	lxw_format *bold;
	gboolean ok = TRUE;
	char *data = NULL;
	gsize len = 0;
	int fd;

	if ((fd = g_file_open_tmp("mishu-XXXXXX.xlsx", &path, NULL)) < 0) {
		g_set_error_literal(err, CORE_XLSX_ERROR, CORE_XLSX_ERROR_WRITE,
		                    N_("cannot create a temporary file for the export"));
		return NULL;
	}
	close(fd);
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		g_unlink(path);
		g_set_error_literal(err, CORE_XLSX_ERROR, CORE_XLSX_ERROR_WRITE,
		                    N_("cannot start the workbook"));
		return NULL;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (gsize k = 0; ok && k < n; k++)
		ok = sheet(wb, bold, &sheets[k]);
	/* close always: it frees the workbook, and a half-written file is removed below */
	if (workbook_close(wb) != LXW_NO_ERROR || !ok ||
	    !g_file_get_contents(path, &data, &len, NULL)) {
		g_unlink(path);
		g_set_error_literal(err, CORE_XLSX_ERROR, CORE_XLSX_ERROR_WRITE,
		                    N_("cannot write the workbook"));
		return NULL;
	}
	g_unlink(path);
	return g_bytes_new_take(data, len);
}
