/*
 * The job queue and its worker thread (see jobs.h).
 */
#include "work/jobs.h"

#include "core/core.h"

#include <gio/gio.h>

#include <string.h>
#include <unistd.h>

#define LEASE_SECONDS 300 /* a claimed job another process may take over after this */
#define MAX_ATTEMPTS  5

static GMutex registry_lock;
static GHashTable *registry; /* kind → WorkJobFn */

void work_job_register(const char *kind, WorkJobFn fn)
{
	g_mutex_lock(&registry_lock);
	if (registry == NULL)
		registry = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_replace(registry, g_strdup(kind), (gpointer)fn);
	g_mutex_unlock(&registry_lock);
}

static WorkJobFn handler_for(const char *kind)
{
	WorkJobFn fn = NULL;

	g_mutex_lock(&registry_lock);
	if (registry)
		fn = (WorkJobFn)g_hash_table_lookup(registry, kind);
	g_mutex_unlock(&registry_lock);
	return fn;
}

/* The office clock, so that the test clock (core_clock_advance) makes jobs due. */
static gint64 now_s(void)
{
	return core_now();
}

gboolean work_job_enqueue(DbConn *c, const char *kind, json_t *payload, gint64 run_at, gint64 *id,
                          GError **err)
{
	char *text = payload ? json_dumps(payload, JSON_COMPACT) : g_strdup("{}");
	DbStmt *s =
	    db_prepare(c,
	               "INSERT INTO job (kind, payload, run_at, created_at) VALUES (?, ?, ?, ?) "
	               "RETURNING id",
	               err);
	gboolean ok = FALSE;

	if (s) {
		db_bind_text(s, 1, kind);
		db_bind_text(s, 2, text);
		db_bind_int(s, 3, run_at);
		db_bind_int(s, 4, now_s());
		if (db_step(s, err) == DB_ROW) {
			if (id)
				*id = db_col_int(s, 0);
			ok = TRUE;
		}
		db_finish(s);
	}
	free(text);
	return ok;
}

typedef struct {
	gint64 id;
	char *kind;
	char *payload;
	int attempts;
} Claimed;

/* Claims the oldest due job for WORKER in one statement; FALSE with no error when none is due.
 * The subquery skips rows other processes hold locked (PostgreSQL), so two processes never take
 * the same job; an expired lease makes a job claimable again. */
static gboolean claim(Db *db, DbConn *c, const char *worker, Claimed *out, GError **err)
{
	char *sql = g_strconcat(
	    "UPDATE job SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1 "
	    "WHERE id = (SELECT id FROM job WHERE done_at IS NULL AND run_at <= ? "
	    "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY run_at, id LIMIT 1",
	    db_sql_skip_locked(db), ") RETURNING id, kind, payload, attempts", NULL);
	gint64 now = now_s();
	gboolean found = FALSE;
	DbStmt *s;

	if (!db_begin(c, TRUE, err)) {
		g_free(sql);
		return FALSE;
	}
	s = db_prepare(c, sql, err);
	g_free(sql);
	if (s == NULL) {
		db_rollback(c);
		return FALSE;
	}
	db_bind_text(s, 1, worker);
	db_bind_int(s, 2, now + LEASE_SECONDS);
	db_bind_int(s, 3, now);
	db_bind_int(s, 4, now);
	switch (db_step(s, err)) {
	case DB_ROW:
		found = TRUE;
		out->id = db_col_int(s, 0);
		out->kind = g_strdup(db_col_text(s, 1));
		out->payload = g_strdup(db_col_text(s, 2));
		out->attempts = (int)db_col_int(s, 3);
		break;
	case DB_DONE:
		break;
	default:
		db_finish(s);
		db_rollback(c);
		return FALSE;
	}
	db_finish(s);
	if (!db_commit(c, err)) {
		if (found) {
			g_free(out->kind);
			g_free(out->payload);
		}
		return FALSE;
	}
	return found;
}

/* Records the outcome of job J run by WORKER: done, or due again after a backoff (given up
 * after MAX_ATTEMPTS, with its last error kept). */
static gboolean finish(DbConn *c, const char *worker, const Claimed *j, const GError *failure,
                       GError **err)
{
	gboolean give_up = failure && j->attempts >= MAX_ATTEMPTS;
	gint64 now = now_s();
	DbStmt *s;
	gboolean ok;

	if (!db_begin(c, TRUE, err))
		return FALSE;
	s = db_prepare(c,
	               failure && !give_up
	                   ? "UPDATE job SET claimed_by = NULL, claimed_until = NULL, "
	                     "run_at = ?, last_error = ? WHERE id = ? AND claimed_by = ?"
	                   : "UPDATE job SET claimed_until = NULL, done_at = ?, last_error = ? "
	                     "WHERE id = ? AND claimed_by = ?",
	               err);
	if (s == NULL) {
		db_rollback(c);
		return FALSE;
	}
	/* Backoff: 30 s, 2 min, 8 min, 32 min. */
	db_bind_int(s, 1, failure && !give_up ? now + (30 << (2 * (j->attempts - 1))) : now);
	db_bind_text(s, 2, failure ? failure->message : NULL);
	db_bind_int(s, 3, j->id);
	db_bind_text(s, 4, worker);
	ok = db_step(s, err) == DB_DONE;
	db_finish(s);
	if (!ok) {
		db_rollback(c);
		return FALSE;
	}
	return db_commit(c, err);
}

int work_jobs_run_due(Db *db, const char *worker, GError **err)
{
	DbConn *c = db_conn(db, err);
	int ran = 0;

	if (c == NULL)
		return -1;
	for (;;) {
		Claimed j = {0};
		GError *e = NULL, *failure = NULL;
		WorkJobFn fn;
		json_t *payload;

		if (!claim(db, c, worker, &j, &e)) {
			if (e == NULL)
				return ran;
			g_propagate_error(err, e);
			return -1;
		}
		fn = handler_for(j.kind);
		payload = json_loads(j.payload, 0, NULL);
		if (fn == NULL)
			g_set_error(&failure, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
			            "no handler for job kind %s", j.kind);
		else if (!fn(db, j.id, payload ? payload : json_object(), &failure) && !failure)
			g_set_error_literal(&failure, G_IO_ERROR, G_IO_ERROR_FAILED, "job failed");
		json_decref(payload);
		if (failure)
			g_warning("job %" G_GINT64_FORMAT " (%s), attempt %d: %s", j.id, j.kind,
			          j.attempts, failure->message);
		if (!finish(c, worker, &j, failure, &e)) {
			g_warning("job %" G_GINT64_FORMAT ": %s", j.id, e->message);
			g_clear_error(&e);
		}
		g_clear_error(&failure);
		g_free(j.kind);
		g_free(j.payload);
		ran++;
	}
}

struct WorkJobs {
	Db *db;
	char *worker;
	int interval_ms;
	GThread *thread;
	GMutex lock;
	GCond cond;
	gboolean stop;
};

static gpointer worker_main(gpointer data)
{
	WorkJobs *w = data;

	g_mutex_lock(&w->lock);
	while (!w->stop) {
		gint64 until;
		GError *err = NULL;

		g_mutex_unlock(&w->lock);
		if (work_jobs_run_due(w->db, w->worker, &err) < 0) {
			g_warning("jobs: %s", err->message);
			g_error_free(err);
		}
		g_mutex_lock(&w->lock);
		until = g_get_monotonic_time() + (gint64)w->interval_ms * 1000;
		while (!w->stop && g_cond_wait_until(&w->cond, &w->lock, until))
			;
	}
	g_mutex_unlock(&w->lock);
	return NULL;
}

WorkJobs *work_jobs_start(Db *db, int interval_ms)
{
	WorkJobs *w = g_new0(WorkJobs, 1);

	w->db = db;
	w->worker = g_strdup_printf("%s:%d", g_get_host_name(), (int)getpid());
	w->interval_ms = interval_ms > 0 ? interval_ms : 1000;
	g_mutex_init(&w->lock);
	g_cond_init(&w->cond);
	w->thread = g_thread_new("jobs", worker_main, w);
	return w;
}

void work_jobs_stop(WorkJobs *w)
{
	if (w == NULL)
		return;
	g_mutex_lock(&w->lock);
	w->stop = TRUE;
	g_cond_signal(&w->cond);
	g_mutex_unlock(&w->lock);
	g_thread_join(w->thread);
	g_mutex_clear(&w->lock);
	g_cond_clear(&w->cond);
	g_free(w->worker);
	g_free(w);
}
