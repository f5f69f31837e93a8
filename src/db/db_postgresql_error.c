/*
 * db_postgresql_error.c — libpq failures as GErrors of db.h: SQLSTATEs mapped to DbError codes,
 * the server's primary message kept, notices sent to the debug log.
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_postgresql.h"

#include <string.h>

/* ---- Errors ----------------------------------------------------------------------------- */

/* Maps an SQLSTATE (five characters) to a DbError. */
static DbError map_sqlstate(const char *st)
{
	static const char *const check[] = {"23502", "23514"};
	static const char *const busy[] = {"55P03", "57014"};
	static const char *const open[] = {"57P01", "57P02", "57P03", "53300", "3D000"};
	static const char *const misuse[] = {"25P02", "25006", "25001", "25P01", "42P18"};

	if (st == NULL || strlen(st) != 5)
		return DB_ERROR_OTHER;
	for (gsize i = 0; i < G_N_ELEMENTS(check); i++) {
		if (strcmp(st, check[i]) == 0)
			return DB_ERROR_CHECK;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(busy); i++) {
		if (strcmp(st, busy[i]) == 0)
			return DB_ERROR_BUSY;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(open); i++) {
		if (strcmp(st, open[i]) == 0)
			return DB_ERROR_OPEN;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(misuse); i++) {
		if (strcmp(st, misuse[i]) == 0)
			return DB_ERROR_MISUSE;
	}
	if (strncmp(st, "23", 2) == 0) /* unique, foreign key, exclusion, restrict */
		return DB_ERROR_CONSTRAINT;
	if (strncmp(st, "22", 2) == 0) /* data exceptions: bad number, text, date, encoding */
		return DB_ERROR_CHECK;
	if (strncmp(st, "40", 2) == 0) /* serialization failure, deadlock */
		return DB_ERROR_BUSY;
	if (strncmp(st, "08", 2) == 0 || strncmp(st, "28", 2) == 0) /* connection, auth */
		return DB_ERROR_OPEN;
	return DB_ERROR_OTHER;
}

/* libpq's own messages end with a newline (and may have several lines): a copy without them. */
char *db_pg_one_line(const char *msg)
{
	char *s = g_strstrip(g_strdup(msg && *msg ? msg : "unknown error"));

	for (char *p = s; *p; p++) {
		if (*p == '\n')
			*p = ' ';
	}
	return s;
}

/*
 * Sets `err` from a failed result (or, with res NULL, from the connection): the server's
 * primary message first (so "three_admins: ..." stays at the start), then its detail in
 * parentheses, prefixed with `what` if given.  Errors without an SQLSTATE on a broken
 * connection are DB_ERROR_OPEN.
 */
void db_pg_set_error(GError **err, PGconn *pg, const PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	g_autofree char *msg = NULL;
	DbError code;

	if (state != NULL)
		code = map_sqlstate(state);
	else
		code =
		    pg == NULL || PQstatus(pg) == CONNECTION_BAD ? DB_ERROR_OPEN : DB_ERROR_OTHER;
	if (primary != NULL && detail != NULL)
		msg = g_strdup_printf("%s (%s)", primary, detail);
	else if (primary != NULL)
		msg = g_strdup(primary);
	else
		msg = db_pg_one_line(res && *PQresultErrorMessage(res) ? PQresultErrorMessage(res)
		                                                       : PQerrorMessage(pg));
	if (what != NULL)
		g_set_error(err, DB_ERROR_DOMAIN, code, "%s: %s", what, msg);
	else
		g_set_error_literal(err, DB_ERROR_DOMAIN, code, msg);
}

/* Server notices (e.g. "relation already exists, skipping") go to the debug log. */
void db_pg_notice_processor(void *arg, const char *message)
{
	g_autofree char *msg = db_pg_one_line(message);

	g_debug("PostgreSQL: %s", msg);
}
