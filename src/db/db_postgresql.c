/*
 * db_postgresql.c — the PostgreSQL backend of db.h, on libpq.  Everything that knows PostgreSQL
 * lives here.
 *
 * Each connection sets client_encoding UTF8 and TimeZone UTC, and application_name "mishu"
 * unless the URI names another.  Statements are written with `?` placeholders, rewritten here as
 * $1..$n, prepared once per connection under a name of their own ("s1", "s2"...) and kept in the
 * common statement cache; they run with text parameters, and db_step walks the rows of the whole
 * result fetched at the first step (so several statements can be open on one connection at
 * once).  Read transactions are REPEATABLE READ READ ONLY (one snapshot), write transactions
 * READ COMMITTED.  A connection found broken outside a transaction is re-established at its next
 * use, and its statements are prepared again.  Backups run pg_dump; notifications are
 * pg_notify/LISTEN with a thread per listener.
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_backend.h"
#include "db/db_postgresql.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* Type OIDs from PostgreSQL's catalog (pg_type.dat); they never change. */
enum {
	OID_BOOL = 16,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_OID = 26,
	OID_TEXT = 25,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};

typedef enum { ST_FRESH, ST_ROWS, ST_DONE } StmtState;

typedef struct {
	DbStmt base;
	char name[24]; /* the server-side name */
	char *sql;     /* the SQL with $n placeholders */
	guint64 gen;   /* PgConn.gen when it was prepared */
	int nparams;
	Oid *types;     /* parameter types passed to PQprepare (0: the server infers) */
	char **values;  /* bound text values, NULL for SQL NULL */
	PGresult *desc; /* column names and types before the first step, fetched on demand */
	PGresult *res;  /* the result of the last execution */
	int row;        /* the current row of res */
	StmtState state;
	guchar **blobs; /* unescaped bytea values of the current row, by column, on demand */
	size_t *blob_lens;
} PgStmt;

static inline PgStmt *pg_stmt(DbStmt *s)
{
	return (PgStmt *)s;
}

/* ---- Connections ------------------------------------------------------------------------ */

/* Settings run on every new or re-established connection. */
static gboolean configure(PGconn *pg, GError **err)
{
	PGresult *res = PQexec(pg, "SET TimeZone = 'UTC'");
	gboolean ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		db_pg_set_error(err, pg, res, "cannot configure the PostgreSQL connection");
	PQclear(res);
	return ok;
}

/*
 * Connects to `target` (a libpq URI or connection string): application_name and connect_timeout
 * are defaults the URI may override, client_encoding is forced to UTF8.
 */
PGconn *db_pg_connect(const char *target, GError **err)
{
	static const char *const keys[] = {"application_name", "connect_timeout", "dbname",
	                                   "client_encoding", NULL};
	const char *const vals[] = {"mishu", "10", target, "UTF8", NULL};
	PGconn *pg = PQconnectdbParams(keys, vals, 1);

	if (pg == NULL) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN,
		            "cannot connect to PostgreSQL: out of memory");
		return NULL;
	}
	if (PQstatus(pg) != CONNECTION_OK) {
		g_autofree char *msg = db_pg_one_line(PQerrorMessage(pg));

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN, "cannot connect to PostgreSQL: %s",
		            msg);
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, db_pg_notice_processor, NULL);
	if (!configure(pg, err)) {
		PQfinish(pg);
		return NULL;
	}
	return pg;
}

static gboolean pg_open(Db *db, GError **err)
{
	char *msg = NULL;
	PQconninfoOption *opts;

	if (!PQisthreadsafe()) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_UNSUPPORTED,
		            "this libpq was built without thread support");
		return FALSE;
	}
	opts = PQconninfoParse(db->target, &msg);
	if (opts == NULL) {
		g_autofree char *m = db_pg_one_line(msg ? msg : "out of memory");

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL, "bad PostgreSQL URI: %s", m);
		PQfreemem(msg);
		return FALSE;
	}
	PQconninfoFree(opts);
	db->priv = NULL;
	return TRUE;
}

static void pg_close(Db *db)
{
}

static DbConn *pg_conn_open(Db *db, GError **err)
{
	PGconn *pg = db_pg_connect(db->target, err);
	PgConn *c;

	if (pg == NULL)
		return NULL;
	c = g_new0(PgConn, 1);
	c->pg = pg;
	c->unused = g_ptr_array_new_with_free_func(g_free);
	return &c->base;
}

static void pg_conn_close(DbConn *base)
{
	PgConn *c = pg_conn(base);

	PQfinish(c->pg);
	g_ptr_array_free(c->unused, TRUE);
	g_free(c);
}

/*
 * Makes sure the connection is usable: one found broken (server restart, network) is
 * re-established when no transaction was open on it; inside a transaction the transaction is
 * lost, which is an error (the caller rolls back, and the next use reconnects).
 */
gboolean db_pg_ensure_conn(PgConn *c, GError **err)
{
	if (PQstatus(c->pg) == CONNECTION_OK)
		return TRUE;
	if (c->base.in_txn) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN,
		            "the connection to PostgreSQL was lost during the transaction");
		return FALSE;
	}
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		g_autofree char *msg = db_pg_one_line(PQerrorMessage(c->pg));

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OPEN,
		            "cannot reconnect to PostgreSQL: %s", msg);
		return FALSE;
	}
	if (!configure(c->pg, err))
		return FALSE;
	c->gen++;
	g_ptr_array_set_size(c->unused, 0);
	g_message("reconnected to PostgreSQL");
	return TRUE;
}

/* Drops the server-side statements freed since the last call, in one round trip.  Only
 * between transactions, so that a failure here cannot abort the caller's transaction. */
static void drop_unused(PgConn *c)
{
	g_autoptr(GString) q = NULL;
	PGresult *res;

	if (c->unused->len == 0 || PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		return;
	q = g_string_new(NULL);
	for (guint i = 0; i < c->unused->len; i++)
		g_string_append_printf(q, "DEALLOCATE %s;",
		                       (char *)g_ptr_array_index(c->unused, i));
	g_ptr_array_set_size(c->unused, 0);
	res = PQexec(c->pg, q->str);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		g_debug("DEALLOCATE failed: %s", PQresultErrorMessage(res));
	PQclear(res);
}

/* Remembers the row count of an INSERT, UPDATE, DELETE or MERGE, as db_changes reports it. */
static void note_changes(PgConn *c, PGresult *res)
{
	const char *tag = PQcmdStatus(res);

	if (g_str_has_prefix(tag, "INSERT ") || g_str_has_prefix(tag, "UPDATE ") ||
	    g_str_has_prefix(tag, "DELETE ") || g_str_has_prefix(tag, "MERGE "))
		c->changes = g_ascii_strtoll(PQcmdTuples(res), NULL, 10);
}

/* Reads and drops whatever a COPY started by db_exec sends, so the connection stays usable. */
static void abandon_copy(PGconn *pg, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	PGresult *r;

	if (st == PGRES_COPY_IN) {
		PQputCopyEnd(pg, "COPY is not supported by db_exec");
	} else if (st == PGRES_COPY_OUT) {
		char *buf;

		while (PQgetCopyData(pg, &buf, 0) > 0)
			PQfreemem(buf);
	}
	while ((r = PQgetResult(pg)) != NULL)
		PQclear(r);
}

static gboolean pg_exec(DbConn *base, const char *sql, GError **err)
{
	PgConn *c = pg_conn(base);
	PGresult *res;
	gboolean ok = FALSE;

	/* A lost connection has no transaction left to roll back. */
	if (PQstatus(c->pg) != CONNECTION_OK && strcmp(sql, "ROLLBACK") == 0)
		return TRUE;
	if (!db_pg_ensure_conn(c, err))
		return FALSE;
	drop_unused(c);
	res = PQexec(c->pg, sql);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		note_changes(c, res);
		ok = TRUE;
		/* COMMIT of a failed transaction rolls it back and says so only in its tag. */
		if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
			g_set_error(
			    err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
			    "the transaction was rolled back: a statement in it had failed");
			ok = FALSE;
		}
		break;
	case PGRES_COPY_IN:
	case PGRES_COPY_OUT:
		abandon_copy(c->pg, res);
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_UNSUPPORTED,
		            "COPY is not supported by db_exec");
		break;
	default:
		db_pg_set_error(err, c->pg, res, NULL);
		break;
	}
	PQclear(res);
	return ok;
}

static gint64 pg_changes(DbConn *c)
{
	return pg_conn(c)->changes;
}

static gboolean pg_has_table(DbConn *base, const char *name, gboolean *out, GError **err)
{
	PgConn *c = pg_conn(base);
	const char *params[] = {name};
	PGresult *res;
	gboolean ok;

	if (!db_pg_ensure_conn(c, err))
		return FALSE;
	res = PQexecParams(c->pg,
	                   "SELECT 1 FROM pg_catalog.pg_tables "
	                   "WHERE schemaname = current_schema() AND tablename = $1",
	                   1, NULL, params, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (ok)
		*out = PQntuples(res) > 0;
	else
		db_pg_set_error(err, c->pg, res, "cannot read the schema");
	PQclear(res);
	return ok;
}

/* ---- Statements ------------------------------------------------------------------------- */

/* The parameter number named in an "indeterminate datatype" message ("... parameter $3"). */
static int indeterminate_param(const PGresult *res)
{
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	const char *d = msg ? strchr(msg, '$') : NULL;

	return d && g_ascii_isdigit(d[1]) ? atoi(d + 1) : 0;
}

/* Runs SQL whose failure needs no report (savepoint housekeeping). */
static void exec_quietly(PGconn *pg, const char *sql)
{
	PGresult *res = PQexec(pg, sql);

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		g_debug("%s failed: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
}

/*
 * Prepares s->sql on the server under s->name.  Where the server cannot tell the type of a
 * parameter from its context (`? IS NULL`, SQLSTATE 42P18), that parameter is declared text and
 * the statement prepared again, as lenient as SQLite.  Inside a transaction this runs under a
 * savepoint, so that a statement that fails to prepare does not abort the transaction (as on
 * SQLite); that costs two more round trips, once per statement and connection (the cache).
 */
static gboolean server_prepare(PgConn *c, PgStmt *s, const char *orig_sql, GError **err)
{
	gboolean in_txn = PQtransactionStatus(c->pg) == PQTRANS_INTRANS;

	if (in_txn)
		exec_quietly(c->pg, "SAVEPOINT mishu_prepare");
	for (;;) {
		PGresult *res = PQprepare(c->pg, s->name, s->sql, s->nparams, s->types);
		const char *state;
		int k;

		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			if (in_txn)
				exec_quietly(c->pg, "RELEASE SAVEPOINT mishu_prepare");
			s->gen = c->gen;
			return TRUE;
		}
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		k = indeterminate_param(res);
		if (state && strcmp(state, "42P18") == 0 && k >= 1 && k <= s->nparams &&
		    s->types[k - 1] == 0) {
			s->types[k - 1] = OID_TEXT;
			PQclear(res);
			if (in_txn)
				exec_quietly(c->pg, "ROLLBACK TO SAVEPOINT mishu_prepare");
			continue;
		}
		{
			g_autofree char *what = g_strdup_printf("cannot prepare “%s”", orig_sql);

			db_pg_set_error(err, c->pg, res, what);
		}
		PQclear(res);
		if (in_txn)
			exec_quietly(c->pg, "ROLLBACK TO SAVEPOINT mishu_prepare; "
			                    "RELEASE SAVEPOINT mishu_prepare");
		return FALSE;
	}
}

static void stmt_release(PgStmt *s);

static DbStmt *pg_prepare(DbConn *base, const char *sql, GError **err)
{
	PgConn *c = pg_conn(base);
	PgStmt *s;
	char *text;
	int n = 0;

	text = db_sql_renumber(sql, '$', 0, &n, err); /* ? and ?NNN as $1..$n */
	if (text == NULL)
		return NULL;
	if (!db_pg_ensure_conn(c, err)) {
		g_free(text);
		return NULL;
	}
	drop_unused(c);
	s = g_new0(PgStmt, 1);
	g_snprintf(s->name, sizeof s->name, "s%u", ++c->next_name);
	s->sql = text;
	s->nparams = n;
	s->types = g_new0(Oid, n + 1);
	s->values = g_new0(char *, n + 1);
	s->state = ST_FRESH;
	if (!server_prepare(c, s, sql, err)) {
		stmt_release(s);
		return NULL;
	}
	return &s->base;
}

/* Frees the unescaped blobs of the current row. */
static void clear_blobs(PgStmt *s)
{
	int n;

	if (s->blobs == NULL)
		return;
	n = PQnfields(s->res);
	for (int i = 0; i < n; i++) {
		if (s->blobs[i] != NULL)
			PQfreemem(s->blobs[i]);
	}
	g_clear_pointer(&s->blobs, g_free);
	g_clear_pointer(&s->blob_lens, g_free);
}

static void clear_result(PgStmt *s)
{
	clear_blobs(s);
	g_clear_pointer(&s->res, PQclear);
	s->state = ST_FRESH;
}

static void pg_reset(DbStmt *base)
{
	PgStmt *s = pg_stmt(base);

	clear_result(s);
	for (int i = 0; i < s->nparams; i++)
		g_clear_pointer(&s->values[i], g_free);
}

/* Frees everything of s on the client side. */
static void stmt_release(PgStmt *s)
{
	clear_result(s);
	for (int i = 0; i < s->nparams; i++)
		g_free(s->values[i]);
	g_free(s->values);
	g_free(s->types);
	g_clear_pointer(&s->desc, PQclear);
	g_free(s->sql);
	g_free(s);
}

static void pg_stmt_free(DbStmt *base)
{
	PgStmt *s = pg_stmt(base);
	PgConn *c = pg_conn(base->conn);

	/* Closing connections drop their statements with them. */
	if (!base->conn->closing && s->gen == c->gen && PQstatus(c->pg) == CONNECTION_OK)
		g_ptr_array_add(c->unused, g_strdup(s->name));
	stmt_release(s);
}

/* Stores the text of parameter i, or reports a bad index. */
static gboolean bind_value(DbStmt *base, int i, char *v, GError **err)
{
	PgStmt *s = pg_stmt(base);

	if (i < 1 || i > s->nparams) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_MISUSE,
		            "cannot bind parameter %d of “%s”: it has %d", i, s->sql, s->nparams);
		g_free(v);
		return FALSE;
	}
	g_free(s->values[i - 1]);
	s->values[i - 1] = v;
	return TRUE;
}

static gboolean pg_bind_int(DbStmt *s, int i, gint64 v, GError **err)
{
	return bind_value(s, i, g_strdup_printf("%" G_GINT64_FORMAT, v), err);
}

static gboolean pg_bind_double(DbStmt *s, int i, double v, GError **err)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	/* g_ascii_formatd: always a '.', whatever the locale; "nan" and "inf" are accepted. */
	return bind_value(s, i, g_strdup(g_ascii_formatd(buf, sizeof buf, "%.17g", v)), err);
}

static gboolean pg_bind_text(DbStmt *s, int i, const char *v, GError **err)
{
	return bind_value(s, i, g_strdup(v), err);
}

static gboolean pg_bind_blob(DbStmt *s, int i, const void *p, gsize n, GError **err)
{
	static const char hex[] = "0123456789abcdef";
	const guchar *b = p;
	char *v = g_malloc(2 * n + 3), *q = v;

	*q++ = '\\';
	*q++ = 'x';
	for (gsize k = 0; k < n; k++) {
		*q++ = hex[b[k] >> 4];
		*q++ = hex[b[k] & 15];
	}
	*q = '\0';
	return bind_value(s, i, v, err);
}

static gboolean pg_bind_null(DbStmt *s, int i, GError **err)
{
	return bind_value(s, i, NULL, err);
}

static DbStep pg_step(DbStmt *base, GError **err)
{
	PgStmt *s = pg_stmt(base);
	PgConn *c = pg_conn(base->conn);
	PGresult *res;

	if (s->state == ST_ROWS) {
		clear_blobs(s);
		if (++s->row < PQntuples(s->res))
			return DB_ROW;
		s->state = ST_DONE;
		return DB_DONE;
	}
	/* First step, or a step after DB_DONE, which runs the statement again (as SQLite does). */
	clear_result(s);
	if (!db_pg_ensure_conn(c, err))
		return DB_ERROR;
	drop_unused(c);
	if (s->gen != c->gen) { /* the connection was re-established since */
		g_clear_pointer(&s->desc, PQclear);
		if (!server_prepare(c, s, s->sql, err))
			return DB_ERROR;
	}
	res = PQexecPrepared(c->pg, s->name, s->nparams, (const char *const *)s->values, NULL, NULL,
	                     0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		note_changes(c, res);
		s->res = res;
		s->row = 0;
		s->state = PQntuples(res) > 0 ? ST_ROWS : ST_DONE;
		return s->state == ST_ROWS ? DB_ROW : DB_DONE;
	case PGRES_COMMAND_OK:
	case PGRES_EMPTY_QUERY:
		note_changes(c, res);
		s->res = res;
		s->state = ST_DONE;
		return DB_DONE;
	default:
		db_pg_set_error(err, c->pg, res, NULL);
		PQclear(res);
		return DB_ERROR;
	}
}

/* The result describing the columns: the last execution's, else the statement's description
 * (one round trip, once). */
static const PGresult *columns(PgStmt *s)
{
	PgConn *c = pg_conn(s->base.conn);

	if (s->res != NULL)
		return s->res;
	if (s->desc == NULL && s->gen == c->gen && PQstatus(c->pg) == CONNECTION_OK) {
		s->desc = PQdescribePrepared(c->pg, s->name);
		if (PQresultStatus(s->desc) != PGRES_COMMAND_OK)
			g_clear_pointer(&s->desc, PQclear);
	}
	return s->desc;
}

/* TRUE when column i of the current row can be read. */
static inline gboolean has_value(PgStmt *s, int i)
{
	return s->state == ST_ROWS && i >= 0 && i < PQnfields(s->res) &&
	       !PQgetisnull(s->res, s->row, i);
}

static int pg_col_count(DbStmt *s)
{
	const PGresult *r = columns(pg_stmt(s));

	return r ? PQnfields(r) : 0;
}

static const char *pg_col_name(DbStmt *s, int i)
{
	const PGresult *r = columns(pg_stmt(s));

	return r ? PQfname(r, i) : NULL;
}

/* TRUE if a numeric value is a whole number that fits in 64 bits ("200", not "2.00"). */
static gboolean numeric_is_int(const char *v)
{
	const char *d = *v == '-' ? v + 1 : v;
	gsize n = strspn(d, "0123456789");

	return n > 0 && n <= 18 && d[n] == '\0';
}

static DbType pg_col_type(DbStmt *base, int i)
{
	PgStmt *s = pg_stmt(base);

	if (!has_value(s, i))
		return DB_TYPE_NULL;
	switch (PQftype(s->res, i)) {
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
	case OID_BOOL:
		return DB_TYPE_INT;
	case OID_NUMERIC:
		/* sum() of bigints is numeric: whole values read as integers, as in SQLite */
		return numeric_is_int(PQgetvalue(s->res, s->row, i)) ? DB_TYPE_INT : DB_TYPE_REAL;
	case OID_FLOAT4:
	case OID_FLOAT8:
		return DB_TYPE_REAL;
	case OID_BYTEA:
		return DB_TYPE_BLOB;
	default:
		return DB_TYPE_TEXT;
	}
}

static double pg_col_double(DbStmt *base, int i)
{
	PgStmt *s = pg_stmt(base);
	const char *v;

	if (!has_value(s, i))
		return 0;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == OID_BOOL)
		return *v == 't';
	return g_ascii_strtod(v, NULL);
}

static gint64 pg_col_int(DbStmt *base, int i)
{
	PgStmt *s = pg_stmt(base);
	const char *v;
	double d;

	if (!has_value(s, i))
		return 0;
	v = PQgetvalue(s->res, s->row, i);
	switch (PQftype(s->res, i)) {
	case OID_BOOL:
		return *v == 't';
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		/* Truncated toward zero and clamped, as SQLite converts reals. */
		d = g_ascii_strtod(v, NULL);
		if (d != d)
			return 0;
		if (d >= 9223372036854775807.0)
			return G_MAXINT64;
		if (d <= -9223372036854775808.0)
			return G_MININT64;
		return (gint64)d;
	default:
		return g_ascii_strtoll(v, NULL, 10);
	}
}

static const char *pg_col_text(DbStmt *base, int i)
{
	PgStmt *s = pg_stmt(base);

	if (!has_value(s, i))
		return NULL;
	if (PQftype(s->res, i) == OID_BOOL) /* 1 and 0, as booleans read everywhere else */
		return *PQgetvalue(s->res, s->row, i) == 't' ? "1" : "0";
	return PQgetvalue(s->res, s->row, i);
}

static const void *pg_col_blob(DbStmt *base, int i, gsize *n)
{
	PgStmt *s = pg_stmt(base);
	const char *v;

	*n = 0;
	if (!has_value(s, i))
		return NULL;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) != OID_BYTEA) { /* the text itself, as SQLite does */
		*n = (gsize)PQgetlength(s->res, s->row, i);
		return v;
	}
	if (s->blobs == NULL) {
		s->blobs = g_new0(guchar *, PQnfields(s->res));
		s->blob_lens = g_new0(size_t, PQnfields(s->res));
	}
	if (s->blobs[i] == NULL) {
		s->blobs[i] = PQunescapeBytea((const guchar *)v, &s->blob_lens[i]);
		if (s->blobs[i] == NULL)
			return NULL;
	}
	*n = s->blob_lens[i];
	return s->blobs[i];
}

const DbBackend db_postgresql_backend = {
    .kind = DB_POSTGRESQL,
    .name = "postgresql",
    .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .begin_write = "BEGIN", /* READ COMMITTED; counters lock their row */
    .migrate_lock = "SELECT pg_advisory_xact_lock(728341)",
    .open = pg_open,
    .close = pg_close,
    .conn_open = pg_conn_open,
    .conn_close = pg_conn_close,
    .exec = pg_exec,
    .changes = pg_changes,
    .has_table = pg_has_table,
    .prepare = pg_prepare,
    .reset = pg_reset,
    .stmt_free = pg_stmt_free,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_type = pg_col_type,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .backup = db_pg_backup,
    .notify = db_pg_notify,
    .listen = db_pg_listen,
    .unlisten = db_pg_unlisten,
};
