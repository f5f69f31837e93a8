/*
 * db_postgresql.h — private to the PostgreSQL backend's files (db_postgresql.c: connections and
 * statements; db_postgresql_tools.c: pg_dump backups and LISTEN/NOTIFY).
 */
#ifndef MISHU_DB_POSTGRESQL_H
#define MISHU_DB_POSTGRESQL_H

#include "db/db_backend.h"

#include <libpq-fe.h>

#define LISTEN_POLL_MS   1000 /* a listener checks for stop at least this often */
#define LISTEN_RETRY_MS  1000 /* and retries a lost connection this often */
#define PG_DUMP_FALLBACK "/usr/lib/postgresql/15/bin/pg_dump"

typedef struct {
	DbConn base;
	PGconn *pg;
	guint next_name;   /* statement names are s1, s2... */
	guint64 gen;       /* bumped by each reconnection: older prepared statements are gone */
	GPtrArray *unused; /* names of freed statements still to DEALLOCATE */
	gint64 changes;    /* rows changed by the last INSERT, UPDATE, DELETE or MERGE */
} PgConn;

static inline PgConn *pg_conn(DbConn *c)
{
	return (PgConn *)c;
}

/* A copy of a libpq message without its trailing newlines (g_free). */
char *db_pg_one_line(const char *msg);
/* Sets ERR from libpq's state (RES may be NULL): SQLSTATE mapped to a DbError, the server's
 * primary message, prefixed by WHAT. */
void db_pg_set_error(GError **err, PGconn *pg, const PGresult *res, const char *what);
/* libpq notice processor: server notices go to the debug log. */
void db_pg_notice_processor(void *arg, const char *message);
/* Connects to TARGET (a URI or conninfo) and configures the session; NULL with ERR. */
PGconn *db_pg_connect(const char *target, GError **err);
/* Re-establishes C's connection if it broke outside a transaction; FALSE with ERR. */
gboolean db_pg_ensure_conn(PgConn *c, GError **err);

/* db_postgresql_tools.c */
gboolean db_pg_backup(Db *db, const char *to_path, GError **err);
gboolean db_pg_notify(DbConn *base, const char *channel, const char *payload, GError **err);
gboolean db_pg_listen(DbListener *l, GError **err);
void db_pg_unlisten(DbListener *l);

#endif
