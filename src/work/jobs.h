/*
 * Scheduled jobs: reminders, escalations and other work that must happen at a time, exactly
 * once, whichever server process is up. Jobs live in the database; each process runs a small
 * worker thread that claims due jobs one at a time (FOR UPDATE SKIP LOCKED on PostgreSQL, the
 * single writer on SQLite) under a lease, runs the handler registered for the job's kind, and
 * marks it done — so with several processes on one database each job runs once.
 */
#ifndef MISHU_WORK_JOBS_H
#define MISHU_WORK_JOBS_H

#include "db/db.h"

#include <glib.h>
#include <jansson.h>

/* Runs one job; returns FALSE with ERR to retry it later (with backoff). */
typedef gboolean (*WorkJobFn)(Db *db, gint64 job_id, json_t *payload, GError **err);

/* Registers the handler for KIND (before work_jobs_start). */
void work_job_register(const char *kind, WorkJobFn fn);

/* Queues a job of KIND with PAYLOAD (borrowed; NULL = {}) due at RUN_AT, within the caller's
 * write transaction on C, so it exists only if the caller's change commits. Sets *ID (may be
 * NULL). */
gboolean work_job_enqueue(DbConn *c, const char *kind, json_t *payload, gint64 run_at, gint64 *id,
                          GError **err);

/* Claims and runs due jobs until none is due; returns how many ran (or -1 on a database error).
 * WORKER names this process in claimed_by. The worker thread calls it; tests may too. */
int work_jobs_run_due(Db *db, const char *worker, GError **err);

typedef struct WorkJobs WorkJobs;
/* Starts the worker thread: it runs due jobs every INTERVAL_MS. */
WorkJobs *work_jobs_start(Db *db, int interval_ms);
/* Stops the worker thread (after the job it is running, if any) and frees it. */
void work_jobs_stop(WorkJobs *w);

#endif
