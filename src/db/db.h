/*
 * db.h — mishu's one interface to its database.
 *
 * A Db is an open database: a pool of connections, one per thread that uses it.  A DbConn is the
 * calling thread's connection; a DbStmt is a prepared statement with `?` placeholders, cached per
 * connection by its SQL text.  The same calls work on SQLite (embedded, the default) and
 * PostgreSQL (several server processes on one database); everything dialect-specific stays inside
 * src/db/.  Write SQL both accept (RETURNING, ON CONFLICT, explicit NULLS LAST, lower() on both
 * sides of a case-insensitive comparison, CAST(? AS TEXT) where a parameter has no context);
 * DDL is per dialect, in src/db/migrations/<backend>/.
 *
 * Conventions: times are integer Unix seconds (UTC), calendar dates `YYYY-MM-DD` text, booleans
 * 0/1 integers.  Use `RETURNING` to learn generated keys.  Bind parameters are numbered from 1,
 * result columns from 0.  Every failure is a GError in DB_ERROR_DOMAIN; nothing here exits.
 *
 * Placeholders, on both backends: a statement uses bare `?` (numbered 1, 2 … in order of
 * appearance) or SQLite's numbered `?NNN` (NNN from 1 to DB_PARAM_NUMBERED_MAX, the same
 * parameter wherever it occurs, so a value used three times is bound once: `… ?1 … ?1 … ?1`),
 * never both: db_prepare refuses a statement mixing them (DB_ERROR_MISUSE), as it refuses ?0 and
 * ?1000.  A `?` inside a string literal, quoted identifier or comment is no placeholder.  A
 * statement built from optional parts is a DbQuery (below): each part binds its own parameters.
 *
 * Typical use:
 *
 *	DbConn *c = db_conn(db, err);
 *	if (!c || !db_begin(c, TRUE, err))
 *		return FALSE;
 *	g_autoptr(DbStmt) s = db_prepare(c, "UPDATE t SET x = ? WHERE id = ?", err);
 *	...bind, db_step()...
 *	if (!ok) { db_rollback(c); return FALSE; }
 *	return db_commit(c, err);
 */
#ifndef MISHU_DB_H
#define MISHU_DB_H

#include <glib.h>
#include <jansson.h>
#include <stdarg.h>

G_BEGIN_DECLS

typedef struct Db Db;                 /* an open database: a pool of per-thread connections */
typedef struct DbConn DbConn;         /* one connection, used by one thread at a time */
typedef struct DbStmt DbStmt;         /* a prepared statement with `?` or `?NNN` placeholders */
typedef struct DbListener DbListener; /* a subscription to a notification channel */

typedef enum { DB_SQLITE, DB_POSTGRESQL } DbKind;

/* The highest NNN of a numbered placeholder `?NNN` (SQLite's historical limit, so any build
 * takes it). */
#define DB_PARAM_NUMBERED_MAX 999

/* What db_step() found. */
typedef enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 } DbStep;

/* The storage type of one result value (db_col_type()). */
typedef enum { DB_TYPE_NULL, DB_TYPE_INT, DB_TYPE_REAL, DB_TYPE_TEXT, DB_TYPE_BLOB } DbType;

/* Error codes in DB_ERROR_DOMAIN. */
typedef enum {
	DB_ERROR_OTHER,       /* anything not listed below (SQL syntax, I/O, ...) */
	DB_ERROR_URL,         /* the database URL cannot be understood */
	DB_ERROR_UNSUPPORTED, /* a backend or operation this build does not support */
	DB_ERROR_OPEN,        /* the database cannot be opened or configured */
	DB_ERROR_BUSY,       /* locked by another writer past the busy timeout: retry later (503) */
	DB_ERROR_CONSTRAINT, /* unique, primary key or foreign key violation: a conflict (409) */
	DB_ERROR_CHECK,      /* NOT NULL, CHECK or column type violation: invalid data */
	DB_ERROR_MISUSE,     /* the API was called in the wrong state (e.g. nested db_begin) */
	DB_ERROR_SCHEMA,     /* a migration failed, or the database is newer than this program */
} DbError;

#define DB_ERROR_DOMAIN (db_error_quark())

/* The GError domain of every error set by this layer. */
GQuark db_error_quark(void);

/* ---- Opening and closing ---------------------------------------------------------------- */

/*
 * Parses a database URL without opening anything: "sqlite:PATH" (also "sqlite://PATH"), a bare
 * PATH (no "scheme:" prefix), or "postgresql://..." / "postgres://..." (returned as is, as a libpq
 * connection URI).  On success sets *kind and *target (the file path or the connection string;
 * the caller frees it with g_free) and returns TRUE; otherwise sets DB_ERROR_URL.
 */
gboolean db_url_parse(const char *url, DbKind *kind, char **target, GError **err);

/*
 * Opens the database named by `url` (see db_url_parse), creating an SQLite file if needed, and
 * checks that a first connection can be made and configured.  SQLite connections use WAL,
 * foreign_keys=ON, a 5 s busy timeout and synchronous=FULL, or the value of the environment
 * variable MISHU_SQLITE_SYNC (OFF|NORMAL|FULL|EXTRA).  PostgreSQL URLs are libpq connection URIs
 * (e.g. postgresql://user@host/db or postgresql:///db?host=/run/postgresql); each connection
 * uses client_encoding UTF8, TimeZone UTC and application_name "mishu" (unless the URI sets
 * one), and one found broken outside a transaction is re-established on its next use.  An
 * unreachable server is DB_ERROR_OPEN, a malformed URI DB_ERROR_URL.  Does not migrate.
 * Returns a new Db to free with db_close, or NULL.
 */
Db *db_open(const char *url, GError **err);

/*
 * Closes every connection of every thread (rolling back any open transaction) and frees the Db.
 * Call it when no thread uses the Db any more, e.g. after the server has stopped.  NULL is a no-op.
 */
void db_close(Db *db);

/* The backend of `db`. */
DbKind db_kind(Db *db);

/* The backend's name, "sqlite" or "postgresql" (a static string). */
const char *db_kind_name(Db *db);

/* The number of connections currently open in the pool (for health pages and tests). */
guint db_pool_size(Db *db);

/*
 * Returns the calling thread's connection to `db`, opening it on first use, or NULL with an error.
 * The connection belongs to the Db: do not free it.  It is reused by every later call on this
 * thread, and goes back to the pool (for another thread) when the thread exits.
 */
DbConn *db_conn(Db *db, GError **err);

/* ---- Transactions ----------------------------------------------------------------------- */

/*
 * Starts a transaction.  write=TRUE takes the write lock at once (BEGIN IMMEDIATE on SQLite),
 * waiting up to the busy timeout; use it for every transaction that may write, otherwise the first
 * write can fail at once with DB_ERROR_BUSY.  Transactions do not nest (DB_ERROR_MISUSE).
 * On PostgreSQL a read transaction is REPEATABLE READ READ ONLY (one snapshot throughout; any
 * write in it fails with DB_ERROR_MISUSE) and a write transaction READ COMMITTED.
 * After any error inside a transaction, call db_rollback: on PostgreSQL every later statement of
 * a failed transaction fails (DB_ERROR_MISUSE), and committing it rolls it back and fails.
 */
gboolean db_begin(DbConn *c, gboolean write, GError **err);

/* Commits the current transaction.  On failure the transaction is rolled back and FALSE returned.
 */
gboolean db_commit(DbConn *c, GError **err);

/* Rolls back the current transaction; a no-op when none is open, so cleanup paths may always call
 * it. */
void db_rollback(DbConn *c);

/* TRUE while a transaction started with db_begin is open on `c`. */
gboolean db_in_transaction(DbConn *c);

/* ---- Statements ------------------------------------------------------------------------- */

/*
 * Runs one or more SQL statements separated by `;`, without parameters and ignoring any rows
 * (DDL, pragmas, migrations).  Never pass it text built from user input.
 */
gboolean db_exec(DbConn *c, const char *sql, GError **err);

/* The number of rows changed by the last INSERT, UPDATE or DELETE on `c`. */
gint64 db_changes(DbConn *c);

/*
 * Prepares exactly one SQL statement with `?` or `?NNN` placeholders (not both: see the top of
 * this file), taking it from the connection's cache when the same text was prepared before (a
 * statement still in use is not shared: a fresh one is prepared).  Returns the statement, to
 * hand back with db_finish, or NULL with an error (DB_ERROR_MISUSE for mixed placeholders, a
 * number out of range or a second statement).  On PostgreSQL, `?NNN` becomes `$NNN` and `?` the
 * next `$n`, those inside string literals ('…', E'…', $tag$…$tag$), quoted identifiers and
 * comments (--, nested slash-star) are left alone, the server infers each parameter's type from
 * its context (one without context is text), and the whole result is fetched at the first
 * db_step: page large queries with LIMIT.
 */
DbStmt *db_prepare(DbConn *c, const char *sql, GError **err);

/*
 * Bind a value to parameter i (1-based).  Text and blobs are copied.  A NULL text or blob pointer
 * binds SQL NULL.  A bad index is reported by the next db_step.
 */
void db_bind_int(DbStmt *s, int i, gint64 v);
void db_bind_double(DbStmt *s, int i, double v);
void db_bind_text(DbStmt *s, int i, const char *v);
void db_bind_blob(DbStmt *s, int i, const void *p, gsize n);
void db_bind_null(DbStmt *s, int i);

/*
 * Runs the statement to its next row: DB_ROW (columns readable), DB_DONE (finished), or DB_ERROR
 * with `err` set (DB_ERROR_CONSTRAINT for a unique or foreign key violation, DB_ERROR_BUSY, ...).
 */
DbStep db_step(DbStmt *s, GError **err);

/*
 * Column access on the current row; i is 0-based.  Pointers returned stay valid until the next
 * db_step or db_finish on `s`; copy what you keep.  db_col_text returns NULL for SQL NULL;
 * db_col_int and db_col_double return 0 for it.  db_col_blob sets *n to the length.
 * On PostgreSQL, integer and boolean columns are DB_TYPE_INT (booleans 1/0, also as text),
 * float and numeric columns DB_TYPE_REAL (but a whole numeric value, such as the sum() of
 * bigints, DB_TYPE_INT), bytea DB_TYPE_BLOB (its db_col_text is the hex form `\x…`), all others
 * DB_TYPE_TEXT; a parameter selected without a cast (SELECT ?) comes back as text.
 */
int db_col_count(DbStmt *s);
const char *db_col_name(DbStmt *s, int i);
DbType db_col_type(DbStmt *s, int i);
gboolean db_col_is_null(DbStmt *s, int i);
gint64 db_col_int(DbStmt *s, int i);
double db_col_double(DbStmt *s, int i);
const char *db_col_text(DbStmt *s, int i);
const void *db_col_blob(DbStmt *s, int i, gsize *n);

/*
 * Returns the current row as a new JSON object keyed by column name (alias duplicate names in the
 * SQL): integers as integers, reals as reals, text as strings, NULL as null, blobs as base64
 * strings.  The caller owns the reference (json_decref).
 */
json_t *db_row_json(DbStmt *s);

/*
 * Resets the statement, clears its bindings and returns it to the cache (or frees it); `s` must
 * not be used afterwards.  NULL is a no-op.  A statement held in g_autoptr(DbStmt) is finished at
 * the end of its scope: do not also call db_finish on it.
 */
void db_finish(DbStmt *s);

/* ---- One-call queries (db_rows.c) ------------------------------------------------------ */

/*
 * Run SQL with its parameters bound from the variadic list as TYPES says, one character per
 * parameter: 'i' a gint64, 's' a const char * (NULL binds SQL NULL); the Nth character binds
 * parameter N, so with numbered placeholders ("… ?2 … ?1 … ?1") TYPES has one character per
 * number, not per occurrence. db_rows returns every row
 * as a new JSON array of objects (db_row_json); db_run runs the statement to completion and sets
 * *OUT (may be NULL) to the first row's first column as an integer (left alone when there is no
 * row). Both fail with ERR as db_step does.
 */
json_t *db_rows(DbConn *c, GError **err, const char *sql, const char *types, ...);
json_t *db_rows_va(DbConn *c, GError **err, const char *sql, const char *types, va_list ap);
gboolean db_run(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types, ...);
gboolean db_run_va(DbConn *c, gint64 *out, GError **err, const char *sql, const char *types,
                   va_list ap);

/* ---- Built queries (db_query.c) -------------------------------------------------------- */

/*
 * A DbQuery is one statement put together from parts, each with its own parameters and values,
 * for lists whose conditions depend on the request: a filter that is not set adds nothing to the
 * SQL and binds nothing (no "? IS NULL OR …" placeholders).  Each part numbers its parameters
 * from 1 — bare `?` in order, or `?1`, `?2` … to use a value several times — and the DbQuery
 * moves them past the parameters of the parts before it, so parts never count each other's:
 *
 *	g_autoptr(DbQuery) q = db_query_new("SELECT i.id FROM item i");
 *	auth_item_filter(q, u);                        // the caller's visibility, its own values
 *	if (status)
 *		db_query_where(q, "i.status = ?", "s", status);
 *	if (pat)
 *		db_query_where(q, "i.title LIKE ?1 OR i.body LIKE ?1", "s", pat);
 *	db_query_add(q, " ORDER BY i.id DESC", NULL);
 *	db_query_limit(q, 50);
 *	json_t *rows = db_query_rows(c, q, err);
 *
 * A mistake in a part (a TYPES string that does not match its parameters, mixed placeholders)
 * is kept and reported, as DB_ERROR_MISUSE, by db_query_prepare or db_query_rows.
 */
typedef struct DbQuery DbQuery;

/* Starts a query with SQL, which has no parameters (add those with db_query_add), or with
 * nothing when SQL is NULL.  Returns a new DbQuery to free with db_query_free. */
DbQuery *db_query_new(const char *sql);

/* Frees Q and the values it holds.  NULL is a no-op. */
void db_query_free(DbQuery *q);

/*
 * Appends SQL to Q, its parameters bound from the variadic list as TYPES says ('i' a gint64,
 * 's' a const char *, copied, NULL for SQL NULL; NULL or "" for none): the Nth character binds
 * the fragment's parameter N.
 */
void db_query_add(DbQuery *q, const char *sql, const char *types, ...);

/*
 * Appends the condition COND in parentheses, after " WHERE " the first time it is called on Q
 * and " AND " afterwards (so Q's SQL must not have a WHERE of its own, and COND must not end in
 * a -- comment); parameters as db_query_add.
 */
void db_query_where(DbQuery *q, const char *cond, const char *types, ...);

/* Appends " LIMIT N" with N written into the SQL, not bound: PostgreSQL plans a generic
 * statement as if an unknown LIMIT were small, and may choose a scan that reads everything. */
void db_query_limit(DbQuery *q, int n);

/* The SQL of Q so far, every parameter numbered (?1, ?2 …); valid until Q changes. */
const char *db_query_sql(const DbQuery *q);

/* Prepares Q on C with every value bound.  Returns the statement (db_finish), or NULL with ERR
 * (also for a mistake kept from building Q). */
DbStmt *db_query_prepare(DbConn *c, const DbQuery *q, GError **err);

/* Runs Q and returns every row as a new JSON array of objects, as db_rows; NULL with ERR. */
json_t *db_query_rows(DbConn *c, const DbQuery *q, GError **err);

/* ---- Counters, migrations, backup ------------------------------------------------------- */

/*
 * Takes the next number of a gapless counter (document numbers, issue numbers): 1 for the first
 * call of a (series, year), then 2, 3...  Must be called inside a write transaction, which also
 * stores the number, so a rollback returns it; take it last to keep the lock short.  Sets *out.
 */
gboolean db_counter_next(DbConn *c, const char *series, int year, gint64 *out, GError **err);

/* One numbered migration: version >= 1, a name for messages, and its SQL. */
typedef struct {
	int version;
	const char *name;
	const char *sql;
} DbMigration;

/*
 * Applies the pending migrations compiled into the binary for this backend
 * (src/db/migrations/<backend>/NNNN_name.sql), each in its own write transaction together with
 * its row in schema_version.  Idempotent.  Returns the schema version reached, or -1 with an error
 * (DB_ERROR_SCHEMA if the database is newer than this program or a migration fails).
 */
int db_migrate(Db *db, GError **err);

/*
 * Like db_migrate with an explicit list of migrations, which must be numbered 1..n in order
 * (for tests and tools).  Returns the schema version reached, or -1 with an error.
 */
int db_migrate_list(Db *db, const DbMigration *list, gsize n, GError **err);

/* The highest applied migration version, 0 for an empty database, or -1 with an error. */
int db_schema_version(Db *db, GError **err);

/* The schema version this program's compiled-in migrations reach (the highest number). */
int db_schema_latest(Db *db);

/* The kind of database C belongs to. */
DbKind db_conn_kind(DbConn *c);

/* SQL to append to a "SELECT … LIMIT 1" subquery that picks one row to claim: " FOR UPDATE
 * SKIP LOCKED" on PostgreSQL (concurrent claimers pass over each other's rows), "" on SQLite
 * (its single writer already serializes claims). A static string. */
const char *db_sql_skip_locked(Db *db);

/* Runs "SELECT 1" on this thread's connection: TRUE when the database answers. */
gboolean db_ping(Db *db, GError **err);

/*
 * Writes a consistent copy of the whole database to `to_path` (replaced atomically if it exists,
 * mode 0600) while other threads and processes keep writing: SQLite's online backup API, or on
 * PostgreSQL `pg_dump --format=custom` (from PATH or /usr/lib/postgresql/15/bin; restore with
 * pg_restore), failing with pg_dump's message.
 */
gboolean db_backup(Db *db, const char *to_path, GError **err);

/* ---- Notifications ---------------------------------------------------------------------- */

/* Receives the payload of one notification; `ud` is the pointer given to db_listen. */
typedef void (*DbNotifyFunc)(const char *payload, void *ud);

/*
 * Sends `payload` (UTF-8, under 8000 bytes) to the listeners of `channel` (1 to 63 ASCII
 * letters, digits and _ . : -), for live events across server processes.  Inside a transaction
 * the notification is sent when it commits, and never if it rolls back; outside one, at once.
 * Listeners get each payload at most once, in commit order; there is no queue for those not
 * listening at the time.  PostgreSQL: pg_notify, to every process listening on the database.
 * SQLite (one process): delivered within the process to the listeners registered on the same Db.
 */
gboolean db_notify(DbConn *c, const char *channel, const char *payload, GError **err);

/*
 * Calls cb(payload, ud) for every notification on `channel` from now until db_listener_free.
 * On PostgreSQL the listener has a connection and a thread of its own, and cb runs on that
 * thread (after a lost connection it reconnects by itself; notifications sent meanwhile are
 * lost); on SQLite cb runs on the thread that commits.  So cb must be quick and thread-safe, and
 * must not free a listener.  Returns the listener, or NULL with an error.
 */
DbListener *db_listen(Db *db, const char *channel, DbNotifyFunc cb, void *ud, GError **err);

/*
 * Stops and frees a listener: once it returns, its callback is not running and never runs again.
 * Free every listener before db_close.  NULL is a no-op.
 */
void db_listener_free(DbListener *l);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Db, db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DbStmt, db_finish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DbListener, db_listener_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DbQuery, db_query_free)

G_END_DECLS

#endif /* MISHU_DB_H */
