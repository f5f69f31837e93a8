/*
 * db_postgresql_tools.c — the PostgreSQL backend's backups (pg_dump, no shell) and
 * notifications (pg_notify; LISTEN on a connection and thread of each listener's own).
 */
#define G_LOG_DOMAIN "mishu-db"

#include "db/db_postgresql.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* ---- Backup ----------------------------------------------------------------------------- */

/* pg_dump from PATH, else from PostgreSQL 15's directory; NULL if neither. */
static char *find_pg_dump(void)
{
	char *p = g_find_program_in_path("pg_dump");

	if (p == NULL && g_file_test(PG_DUMP_FALLBACK, G_FILE_TEST_IS_EXECUTABLE))
		p = g_strdup(PG_DUMP_FALLBACK);
	return p;
}

/* Appends keyword='value' to a connection string, quoting as libpq requires. */
static void append_conninfo(GString *s, const char *key, const char *val)
{
	if (s->len > 0)
		g_string_append_c(s, ' ');
	g_string_append_printf(s, "%s='", key);
	for (const char *p = val; *p; p++) {
		if (*p == '\'' || *p == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *p);
	}
	g_string_append_c(s, '\'');
}

/*
 * Rewrites `target` as a keyword='value' connection string without its password, which is
 * returned apart in *password (or NULL), so that it appears in no command line.
 */
static char *conninfo_without_password(const char *target, char **password, GError **err)
{
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(target, &msg);
	GString *s;

	*password = NULL;
	if (opts == NULL) {
		g_autofree char *m = db_pg_one_line(msg ? msg : "out of memory");

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_URL, "bad PostgreSQL URI: %s", m);
		PQfreemem(msg);
		return NULL;
	}
	s = g_string_new(NULL);
	for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || *o->val == '\0')
			continue;
		if (strcmp(o->keyword, "password") == 0) {
			g_free(*password);
			*password = g_strdup(o->val);
		} else {
			append_conninfo(s, o->keyword, o->val);
		}
	}
	PQconninfoFree(opts);
	return g_string_free(s, FALSE);
}

/*
 * Runs pg_dump --format=custom into TO_PATH.part (created 0600: it holds password hashes), then
 * renames it over TO_PATH.  pg_dump reads one snapshot, so the copy is consistent while others
 * keep writing; restore it with pg_restore.
 */
gboolean db_pg_backup(Db *db, const char *to_path, GError **err)
{
	g_autofree char *tmp = g_strconcat(to_path, ".part", NULL);
	g_autofree char *pg_dump = find_pg_dump();
	g_autofree char *conninfo = NULL;
	g_autofree char *password = NULL;
	g_autofree char *file_arg = NULL;
	g_autofree char *db_arg = NULL;
	g_autofree char *child_err = NULL;
	g_auto(GStrv) env = NULL;
	g_autoptr(GError) e = NULL;
	gboolean ok = FALSE;
	int status = 0, fd;

	if (pg_dump == NULL) {
		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_UNSUPPORTED,
		            "pg_dump was not found on PATH nor in %s: install postgresql-client-15",
		            PG_DUMP_FALLBACK);
		return FALSE;
	}
	conninfo = conninfo_without_password(db->target, &password, err);
	if (conninfo == NULL)
		return FALSE;
	fd = g_open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		int errsv = errno;

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "cannot create “%s”: %s", tmp,
		            g_strerror(errsv));
		return FALSE;
	}
	close(fd);

	env = g_get_environ();
	if (password != NULL)
		env = g_environ_setenv(env, "PGPASSWORD", password, TRUE);
	file_arg = g_strconcat("--file=", tmp, NULL);
	db_arg = g_strconcat("--dbname=", conninfo, NULL);
	{
		char *argv[] = {pg_dump, "--format=custom", "--no-password", file_arg, db_arg,
		                NULL};

		if (!g_spawn_sync(NULL, argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
		                  &child_err, &status, &e)) {
			g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "cannot run %s: %s",
			            pg_dump, e->message);
			goto out;
		}
	}
	if (!g_spawn_check_wait_status(status, &e)) {
		g_autofree char *msg =
		    db_pg_one_line(child_err && *child_err ? child_err : e->message);

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "pg_dump failed (%s): %s",
		            e->message, msg);
		goto out;
	}
	if (g_rename(tmp, to_path) != 0) {
		int errsv = errno;

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "cannot rename “%s” to “%s”: %s",
		            tmp, to_path, g_strerror(errsv));
		goto out;
	}
	ok = TRUE;
out:
	if (!ok)
		g_unlink(tmp);
	return ok;
}

/* ---- Notifications ---------------------------------------------------------------------- */

gboolean db_pg_notify(DbConn *base, const char *channel, const char *payload, GError **err)
{
	PgConn *c = pg_conn(base);
	const char *params[] = {channel, payload};
	PGresult *res;
	gboolean ok;

	if (!db_pg_ensure_conn(c, err))
		return FALSE;
	res = PQexecParams(c->pg, "SELECT pg_notify($1, $2)", 2, NULL, params, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		db_pg_set_error(err, c->pg, res, "cannot notify");
	PQclear(res);
	return ok;
}

/* A listener's own connection and the thread that waits on it. */
typedef struct {
	char *target;
	PGconn *pg; /* owned by the thread once it runs */
	GThread *thread;
	int wake[2]; /* db_listener_free writes to wake[1] to stop the thread at once */
	gint stop;
} PgListen;

/* Opens p->pg and runs LISTEN on the listener's channel. */
static gboolean listen_connect(DbListener *l, PgListen *p, GError **err)
{
	PGconn *pg = db_pg_connect(p->target, err);
	char *ident;
	char *sql;
	PGresult *res;
	gboolean ok;

	if (pg == NULL)
		return FALSE;
	ident = PQescapeIdentifier(pg, l->channel, strlen(l->channel));
	if (ident == NULL) {
		db_pg_set_error(err, pg, NULL, "cannot listen");
		PQfinish(pg);
		return FALSE;
	}
	sql = g_strconcat("LISTEN ", ident, NULL);
	PQfreemem(ident);
	res = PQexec(pg, sql);
	g_free(sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok) {
		db_pg_set_error(err, pg, res, "cannot listen");
		PQfinish(pg);
	} else {
		p->pg = pg;
	}
	PQclear(res);
	return ok;
}

/* Waits up to ms milliseconds for `fd` to be readable or the listener to be stopped; TRUE
 * when fd is readable. */
static gboolean wait_readable(PgListen *p, int fd, int ms)
{
	struct pollfd fds[2] = {{.fd = p->wake[0], .events = POLLIN}, {.fd = fd, .events = POLLIN}};
	int r = poll(fds, fd >= 0 ? 2 : 1, ms);

	return r > 0 && fd >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP));
}

/*
 * The listener thread: waits on the connection's socket, hands every notification to the
 * callback, and reconnects (every LISTEN_RETRY_MS) after losing the connection; notifications
 * sent while it was away are lost.
 */
static gpointer listen_thread(gpointer data)
{
	DbListener *l = data;
	PgListen *p = l->priv;

	while (!g_atomic_int_get(&p->stop)) {
		PGnotify *n;

		if (p->pg == NULL) {
			g_autoptr(GError) e = NULL;

			if (!listen_connect(l, p, &e)) {
				g_debug("listener on “%s”: %s", l->channel, e->message);
				wait_readable(p, -1, LISTEN_RETRY_MS);
				continue;
			}
			g_message("listener on “%s” reconnected", l->channel);
		}
		if (PQstatus(p->pg) == CONNECTION_OK &&
		    !wait_readable(p, PQsocket(p->pg), LISTEN_POLL_MS))
			continue;
		if (PQstatus(p->pg) != CONNECTION_OK || !PQconsumeInput(p->pg)) {
			g_autofree char *msg = db_pg_one_line(PQerrorMessage(p->pg));

			g_warning("listener on “%s” lost its connection: %s", l->channel, msg);
			g_clear_pointer(&p->pg, PQfinish);
			continue;
		}
		while ((n = PQnotifies(p->pg)) != NULL) {
			if (!g_atomic_int_get(&p->stop))
				l->cb(n->extra ? n->extra : "", l->ud);
			PQfreemem(n);
		}
	}
	return NULL;
}

static void listen_free(PgListen *p)
{
	if (p->pg != NULL)
		PQfinish(p->pg);
	if (p->wake[0] >= 0)
		close(p->wake[0]);
	if (p->wake[1] >= 0)
		close(p->wake[1]);
	g_free(p->target);
	g_free(p);
}

gboolean db_pg_listen(DbListener *l, GError **err)
{
	PgListen *p = g_new0(PgListen, 1);

	p->target = g_strdup(l->db->target);
	p->wake[0] = p->wake[1] = -1;
	if (pipe2(p->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
		int errsv = errno;

		g_set_error(err, DB_ERROR_DOMAIN, DB_ERROR_OTHER, "cannot listen: %s",
		            g_strerror(errsv));
		p->wake[0] = p->wake[1] = -1;
		listen_free(p);
		return FALSE;
	}
	if (!listen_connect(l, p, err)) {
		listen_free(p);
		return FALSE;
	}
	l->priv = p;
	p->thread = g_thread_new("db-listen", listen_thread, l);
	return TRUE;
}

void db_pg_unlisten(DbListener *l)
{
	PgListen *p = l->priv;
	ssize_t r;

	g_atomic_int_set(&p->stop, 1);
	do {
		r = write(p->wake[1], "x", 1);
	} while (r < 0 && errno == EINTR);
	g_thread_join(p->thread);
	listen_free(p);
	l->priv = NULL;
}
