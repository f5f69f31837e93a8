/*
 * db_sqlite.c — the SQLite backend of db.h.  Everything that knows SQLite lives here.
 *
 * Every connection is opened SQLITE_OPEN_NOMUTEX (the pool guarantees one thread at a time) and
 * set to WAL, foreign_keys=ON, a 5 s busy timeout and synchronous=FULL (or MISHU_SQLITE_SYNC).
 * Write transactions use BEGIN IMMEDIATE so that writers queue on the busy timeout instead of
 * failing at their first write.  New database files are created mode 0600 (WAL and shm files
 * inherit it), as are backups: they hold password hashes.
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_backend.h"
#include "db/db_sqlite_fts.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000

typedef struct {
	char *sync; /* the PRAGMA synchronous value */
} SqlDb;

typedef struct {
	DbConn base;
	sqlite3 *h;
} SqlConn;

typedef struct {
	DbStmt base;
	sqlite3_stmt *st;
} SqlStmt;

static inline sqlite3 *conn_handle(DbConn *c)
{
	return ((SqlConn *)c)->h;
}

static inline sqlite3_stmt *stmt_handle(DbStmt *s)
{
	return ((SqlStmt *)s)->st;
}

/* ---- Errors ----------------------------------------------------------------------------- */

/* Maps an (extended) SQLite result code to a DbError. */
static DbError map_code(int rc)
{
	switch (rc) {
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_CHECK:
#ifdef SQLITE_CONSTRAINT_DATATYPE
	case SQLITE_CONSTRAINT_DATATYPE:
#endif
		return DB_ERROR_CHECK;
	default:
		break;
	}
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_ERROR_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_ERROR_CONSTRAINT;
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
		return DB_ERROR_MISUSE;
	case SQLITE_CANTOPEN:
	case SQLITE_NOTADB:
		return DB_ERROR_OPEN;
	default:
		return DB_ERROR_OTHER;
	}
}

/* Sets `err` from result code `rc` and the message of handle `h` (may be NULL). */
static void set_error(GError **err, sqlite3 *h, int rc, const char *what)
{
	const char *msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);

	if (what)
		g_set_error(err, DB_ERROR_DOMAIN, map_code(rc), "%s: %s", what, msg);
	else
		g_set_error_literal(err, DB_ERROR_DOMAIN, map_code(rc), msg);
}

static void close_handle(sqlite3 *h)
{
	if (h != NULL && sqlite3_close(h) != SQLITE_OK) {
		g_warning("closing an SQLite connection with statements still open: %s",
		          sqlite3_errmsg(h));
		sqlite3_close_v2(h);
	}
}

/* ---- Database and connections ----------------------------------------------------------- */

static gboolean sqlite_open(Db *db, GError **err)
{
	const char *env = g_getenv("MISHU_SQLITE_SYNC");
	g_autofree char *sync = g_ascii_strup(env && *env ? env : "FULL", -1);
	SqlDb *priv;
	int fd;

	if (!sqlite3_threadsafe()) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_UNSUPPORTED,
		            "this SQLite library was built without thread support");
		return FALSE;
	}
	if (strcmp(sync, "OFF") != 0 && strcmp(sync, "NORMAL") != 0 && strcmp(sync, "FULL") != 0 &&
	    strcmp(sync, "EXTRA") != 0) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN,
		            "MISHU_SQLITE_SYNC must be OFF, NORMAL, FULL or EXTRA, not “%s”", env);
		return FALSE;
	}
	/* Create the file ourselves so that it (and its -wal and -shm) is private to the owner. */
	fd = g_open(db->target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);

	priv = g_new0(SqlDb, 1);
	priv->sync = g_steal_pointer(&sync);
	db->priv = priv;
	return TRUE;
}

static void sqlite_close(Db *db)
{
	SqlDb *priv = db->priv;

	if (priv == NULL)
		return;
	g_free(priv->sync);
	g_free(priv);
	db->priv = NULL;
}

static DbConn *sqlite_conn_open(Db *db, GError **err)
{
	SqlDb *priv = db->priv;
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	g_autofree char *pragmas = NULL;
	const char *mode = NULL;
	SqlConn *c;
	int rc;

	rc = sqlite3_open_v2(
	    db->target, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_extended_result_codes(h, 1);
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	{
		char *msg = NULL;
		if (db_sqlite_register_cjk(h, &msg) != SQLITE_OK) {
			g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN, "SQLite “%s”: %s",
			            db->target, msg ? msg : "no FTS5");
			sqlite3_free(msg);
			goto out;
		}
	}

	/* journal_mode answers with the mode in force: anything but "wal" means no WAL here. */
	rc = sqlite3_prepare_v2(h, "PRAGMA journal_mode = WAL", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		goto fail;
	mode = (const char *)sqlite3_column_text(st, 0);
	if (mode == NULL || g_ascii_strcasecmp(mode, "wal") != 0) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN,
		            "SQLite database “%s” cannot use WAL mode (journal mode is %s)",
		            db->target, mode ? mode : "unknown");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;

	pragmas = g_strdup_printf("PRAGMA foreign_keys = ON; PRAGMA synchronous = %s;", priv->sync);
	rc = sqlite3_exec(h, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto fail;

	c = g_new0(SqlConn, 1);
	c->h = h;
	return &c->base;

fail:
	g_set_error(err, DB_ERROR_DOMAIN, rc == SQLITE_BUSY ? DB_ERROR_BUSY : DB_ERROR_OPEN,
	            "cannot open SQLite database “%s”: %s", db->target,
	            h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
out:
	sqlite3_finalize(st);
	close_handle(h);
	return NULL;
}

static void sqlite_conn_close(DbConn *c)
{
	close_handle(conn_handle(c));
	g_free(c);
}

static gboolean sqlite_exec(DbConn *c, const char *sql, GError **err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(conn_handle(c), sql, NULL, NULL, &msg);

	if (rc == SQLITE_OK)
		return TRUE;
	g_set_error_literal(err, DB_ERROR_DOMAIN, map_code(rc), msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return FALSE;
}

static gint64 sqlite_changes(DbConn *c)
{
	return sqlite3_changes64(conn_handle(c));
}

static gboolean sqlite_has_table(DbConn *c, const char *name, gboolean *out, GError **err)
{
	sqlite3 *h = conn_handle(c);
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		set_error(err, h, rc, "cannot read the schema");
		sqlite3_finalize(st);
		return FALSE;
	}
	*out = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return TRUE;
}

/* ---- Statements ------------------------------------------------------------------------- */

static DbStmt *sqlite_prepare(DbConn *c, const char *sql, GError **err)
{
	sqlite3 *h = conn_handle(c);
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	g_autofree char *checked = NULL;
	SqlStmt *s;
	int n, rc;

	/* SQLite would take `?` and `?NNN` mixed; refused as on PostgreSQL, so a statement that
	 * works here works there */
	checked = db_sql_renumber(sql, '?', 0, &n, err);
	if (checked == NULL)
		return NULL;
	rc = sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, &tail);
	if (rc != SQLITE_OK) {
		g_set_error(err, DB_ERROR_DOMAIN, map_code(rc), "cannot prepare “%s”: %s", sql,
		            sqlite3_errmsg(h));
		return NULL;
	}
	while (tail && (g_ascii_isspace(*tail) || *tail == ';'))
		tail++;
	if (st == NULL || (tail && *tail)) {
		sqlite3_finalize(st);
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "db_prepare takes exactly one SQL statement: “%s”", sql);
		return NULL;
	}
	s = g_new0(SqlStmt, 1);
	s->st = st;
	return &s->base;
}

static void sqlite_reset(DbStmt *s)
{
	sqlite3_reset(stmt_handle(s));
	sqlite3_clear_bindings(stmt_handle(s));
}

static void sqlite_stmt_free(DbStmt *s)
{
	sqlite3_finalize(stmt_handle(s));
	g_free(s);
}

/* Turns a bind result into a GError naming the parameter. */
static gboolean bind_done(DbStmt *s, int i, int rc, GError **err)
{
	g_autofree char *what = NULL;

	if (rc == SQLITE_OK)
		return TRUE;
	what = g_strdup_printf("cannot bind parameter %d of “%s”", i, sqlite3_sql(stmt_handle(s)));
	set_error(err, conn_handle(s->conn), rc, what);
	return FALSE;
}

static gboolean sqlite_bind_int(DbStmt *s, int i, gint64 v, GError **err)
{
	return bind_done(s, i, sqlite3_bind_int64(stmt_handle(s), i, v), err);
}

static gboolean sqlite_bind_double(DbStmt *s, int i, double v, GError **err)
{
	return bind_done(s, i, sqlite3_bind_double(stmt_handle(s), i, v), err);
}

static gboolean sqlite_bind_text(DbStmt *s, int i, const char *v, GError **err)
{
	return bind_done(s, i, sqlite3_bind_text(stmt_handle(s), i, v, -1, SQLITE_TRANSIENT), err);
}

static gboolean sqlite_bind_blob(DbStmt *s, int i, const void *p, gsize n, GError **err)
{
	return bind_done(s, i, sqlite3_bind_blob64(stmt_handle(s), i, p, n, SQLITE_TRANSIENT), err);
}

static gboolean sqlite_bind_null(DbStmt *s, int i, GError **err)
{
	return bind_done(s, i, sqlite3_bind_null(stmt_handle(s), i), err);
}

static DbStep sqlite_step(DbStmt *s, GError **err)
{
	int rc = sqlite3_step(stmt_handle(s));

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	set_error(err, conn_handle(s->conn), rc, NULL);
	return DB_ERROR;
}

static int sqlite_col_count(DbStmt *s)
{
	return sqlite3_column_count(stmt_handle(s));
}

static const char *sqlite_col_name(DbStmt *s, int i)
{
	return sqlite3_column_name(stmt_handle(s), i);
}

static DbType sqlite_col_type(DbStmt *s, int i)
{
	switch (sqlite3_column_type(stmt_handle(s), i)) {
	case SQLITE_INTEGER:
		return DB_TYPE_INT;
	case SQLITE_FLOAT:
		return DB_TYPE_REAL;
	case SQLITE_TEXT:
		return DB_TYPE_TEXT;
	case SQLITE_BLOB:
		return DB_TYPE_BLOB;
	default:
		return DB_TYPE_NULL;
	}
}

static gint64 sqlite_col_int(DbStmt *s, int i)
{
	return sqlite3_column_int64(stmt_handle(s), i);
}

static double sqlite_col_double(DbStmt *s, int i)
{
	return sqlite3_column_double(stmt_handle(s), i);
}

static const char *sqlite_col_text(DbStmt *s, int i)
{
	return (const char *)sqlite3_column_text(stmt_handle(s), i);
}

static const void *sqlite_col_blob(DbStmt *s, int i, gsize *n)
{
	const void *p = sqlite3_column_blob(stmt_handle(s), i);

	*n = (gsize)sqlite3_column_bytes(stmt_handle(s), i);
	return p;
}

/* ---- Backup ----------------------------------------------------------------------------- */

/*
 * Copies the database with the online backup API into TO_PATH.part, then renames it over
 * TO_PATH.  The whole copy is one backup step, so it reads one WAL snapshot: consistent, and
 * writers in other connections are not blocked meanwhile.
 */
static gboolean sqlite_backup(Db *db, const char *to_path, GError **err)
{
	g_autofree char *tmp = g_strconcat(to_path, ".part", NULL);
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	GStatBuf st_src, st_dst;
	gboolean ok = FALSE;
	int rc, fd;

	if (g_stat(db->target, &st_src) == 0 && g_stat(to_path, &st_dst) == 0 &&
	    st_src.st_dev == st_dst.st_dev && st_src.st_ino == st_dst.st_ino) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "cannot back up the database “%s” onto itself", db->target);
		return FALSE;
	}
	rc = sqlite3_open_v2(db->target, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		set_error(err, src, rc, "cannot open the database to back up");
		goto out;
	}
	sqlite3_busy_timeout(src, BUSY_TIMEOUT_MS);

	fd = g_open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "cannot create “%s”: %s", tmp,
		            g_strerror(e));
		goto out;
	}
	close(fd);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		set_error(err, dst, rc, "cannot open the backup file");
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (b == NULL) {
		set_error(err, dst, sqlite3_extended_errcode(dst), "cannot start the backup");
		goto out;
	}
	for (int tries = 0;; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 100) {
			sqlite3_sleep(50);
			continue;
		}
		break;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		set_error(err, dst, rc, "backup failed");
		goto out;
	}
	rc = sqlite3_close(dst);
	dst = NULL;
	if (rc != SQLITE_OK) {
		set_error(err, NULL, rc, "cannot close the backup file");
		goto out;
	}
	if (g_rename(tmp, to_path) != 0) {
		int e = errno;

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "cannot rename “%s” to “%s”: %s",
		            tmp, to_path, g_strerror(e));
		goto out;
	}
	ok = TRUE;
out:
	close_handle(dst);
	close_handle(src);
	if (!ok)
		g_unlink(tmp);
	return ok;
}

const DbBackend db_sqlite_backend = {
    .kind = DB_SQLITE,
    .name = "sqlite",
    .begin_read = "BEGIN",
    .begin_write = "BEGIN IMMEDIATE",
    .migrate_lock = NULL, /* BEGIN IMMEDIATE already serialises migrations */
    .open = sqlite_open,
    .close = sqlite_close,
    .conn_open = sqlite_conn_open,
    .conn_close = sqlite_conn_close,
    .exec = sqlite_exec,
    .changes = sqlite_changes,
    .has_table = sqlite_has_table,
    .prepare = sqlite_prepare,
    .reset = sqlite_reset,
    .stmt_free = sqlite_stmt_free,
    .bind_int = sqlite_bind_int,
    .bind_double = sqlite_bind_double,
    .bind_text = sqlite_bind_text,
    .bind_blob = sqlite_bind_blob,
    .bind_null = sqlite_bind_null,
    .step = sqlite_step,
    .col_count = sqlite_col_count,
    .col_name = sqlite_col_name,
    .col_type = sqlite_col_type,
    .col_int = sqlite_col_int,
    .col_double = sqlite_col_double,
    .col_text = sqlite_col_text,
    .col_blob = sqlite_col_blob,
    .backup = sqlite_backup,
};
