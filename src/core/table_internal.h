/*
 * table_internal.h — what table.c and table_xlsx.c share; nothing outside those two files
 * includes this header.
 */
#ifndef MISHU_CORE_TABLE_INTERNAL_H
#define MISHU_CORE_TABLE_INTERNAL_H

#include "core/table.h"

/* A table being filled cell by cell, within the limits. */
typedef struct {
	CoreTable *t;
	guint max_rows;
	gsize bytes; /* text held so far, against CORE_TABLE_MAX_PART_BYTES */
} TableBuilder;

/* A new table of no rows; free it with core_table_free(). (table.c) */
CoreTable *table_new(void);

/* Puts the non-empty TEXT (LEN bytes) at (ROW, COL); FALSE with ERR beyond a limit. (table.c) */
gboolean table_builder_put(TableBuilder *b, guint row, guint col, const char *text, gsize len,
                           GError **err);

/* Removes surrounding ASCII spaces and tabs from S. (table.c) */
void table_trim(GString *s);

/* Reads DATA (LEN bytes, starting "PK\3\4") as the first worksheet of an .xlsx. (table_xlsx.c) */
CoreTable *table_read_xlsx(const guint8 *data, gsize len, guint max_rows, GError **err);

#endif
