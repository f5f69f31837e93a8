/*
 * db_sqlite_fts.h — private to src/db: the SQLite backend's full-text tokenizer.
 */
#ifndef MISHU_DB_SQLITE_FTS_H
#define MISHU_DB_SQLITE_FTS_H

#include <sqlite3.h>

/* Registers the FTS5 tokenizer `cjk` on connection DB; SQLITE_OK, or an error code with
 * *ERRMSG set (sqlite3_free it). */
int db_sqlite_register_cjk(sqlite3 *db, char **errmsg);

#endif
