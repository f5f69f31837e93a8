/*
 * xlsx — writes rows of JSON objects as an Excel workbook (libxlsxwriter), one sheet per list:
 * the exports of the organisation and of the information scores. Includes no other mishu header
 * but core.h.
 */
#ifndef MISHU_CORE_XLSX_H
#define MISHU_CORE_XLSX_H

#include "core/core.h"

#include <glib.h>
#include <jansson.h>

#define CORE_XLSX_ERROR (core_xlsx_error_quark())
GQuark core_xlsx_error_quark(void);

typedef enum {
	CORE_XLSX_ERROR_WRITE, /* the temporary file or the workbook failed */
} CoreXlsxError;

/* One column of a sheet: the header, the key of the row object it shows, its width. */
typedef struct CoreXlsxCol {
	const char *title, *key;
	double width;
} CoreXlsxCol;

/* One sheet: its NAME, N_COLS columns COLS and ROWS (a JSON array of objects, borrowed). */
typedef struct CoreXlsxSheet {
	const char *name;
	const CoreXlsxCol *cols;
	gsize n_cols;
	json_t *rows;
} CoreXlsxSheet;

/* The workbook of the N SHEETS, each with a bold header row, frozen below it, and a filter:
 * integers and reals as numbers, strings as text, arrays joined with 、 (strings, or the "name"
 * or "domain_name" of objects). NULL with ERR (CORE_XLSX_ERROR, an English msgid) on failure.
 * Caller g_bytes_unref()s. */
GBytes *core_xlsx_write(const CoreXlsxSheet *sheets, gsize n, GError **err);

#endif
