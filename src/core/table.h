/*
 * table — reads an uploaded spreadsheet (CSV or Excel .xlsx) into rows of text cells, for the
 * imports of units, users and assignments. Includes no other mishu header.
 */
#ifndef MISHU_CORE_TABLE_H
#define MISHU_CORE_TABLE_H

#include <glib.h>

#define CORE_TABLE_ERROR (core_table_error_quark())
GQuark core_table_error_quark(void);

typedef enum {
	CORE_TABLE_ERROR_FORMAT, /* not CSV or .xlsx, or damaged */
	CORE_TABLE_ERROR_LIMIT,  /* too many rows or columns, a cell or part too large */
} CoreTableError;

/* The limits core_table_read enforces besides its MAX_ROWS. */
#define CORE_TABLE_MAX_COLS       200
#define CORE_TABLE_MAX_CELL_BYTES (32 * 1024)
#define CORE_TABLE_MAX_PART_BYTES (64 * 1024 * 1024)

/* One uploaded table: rows of cells (UTF-8 strings, never NULL; "" for an empty cell). Row 0
 * is the header row as in the file. Rows are placed as in the file: an empty row in the middle
 * stays (with no cells), trailing empty rows and each row's trailing empty cells are dropped. */
typedef struct CoreTable {
	GPtrArray *rows; /* of GPtrArray of char* */
} CoreTable;

/* Frees T and its cells; NULL allowed. */
void core_table_free(CoreTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CoreTable, core_table_free)

/* Reads DATA (LEN bytes) as CSV or XLSX, chosen by content: a ZIP signature "PK\3\4" means XLSX
 * (its first worksheet), otherwise CSV (RFC 4180, "," separated, LF or CRLF line ends, in UTF-8
 * with or without a BOM, else in GB18030/GBK). Every cell is trimmed of surrounding ASCII spaces
 * and tabs. XLSX cells come as shown: shared and inline strings, numbers by "%.15g"
 * ("13800000000", "0.5"), numbers in a date format as "YYYY-MM-DD", booleans "TRUE"/"FALSE",
 * errors as their text ("#N/A"), formulas as their cached value.
 * Returns NULL with ERR (CORE_TABLE_ERROR domain, the message an English sentence saying what
 * is wrong) on malformed input, and on more than MAX_ROWS data rows (rows after row 0), more than
 * CORE_TABLE_MAX_COLS columns or a cell over CORE_TABLE_MAX_CELL_BYTES; an XLSX part over
 * CORE_TABLE_MAX_PART_BYTES uncompressed is refused too. Empty input gives a table of no rows.
 * Caller frees the table with core_table_free(). */
CoreTable *core_table_read(const void *data, gsize len, guint max_rows, GError **err);

/* The number of rows, the header row included. */
guint core_table_n_rows(const CoreTable *t);

/* Cell (row, col) or "" when out of range. Owned by T. */
const char *core_table_cell(const CoreTable *t, guint row, guint col);

/* The number of cells of ROW up to its last non-empty one; 0 when out of range. */
guint core_table_n_cols(const CoreTable *t, guint row);

#endif
