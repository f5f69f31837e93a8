/*
 * docs_remind.c — reminders in a circulation (传阅): a reader who has held a document for more
 * than the configured number of working hours (setting 'docs.remind_hours', default 8: one
 * working day of office hours) gets one reminder in their inbox. Runs hourly as the job
 * 'docs.remind', once across processes (work/jobs.c).
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "work/jobs.h"
#include "work/work.h"

#include <stdlib.h>

#define REMIND_EVERY 3600 /* seconds between runs */

gboolean docs_remind(Db *db, gint64 now, int *sent, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	json_t *hours, *due = NULL, *r;
	int limit = 8;
	size_t i;

	*sent = 0;
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	hours =
	    docs_rows(c, err, "SELECT value FROM setting WHERE key = 'docs.remind_hours'", NULL);
	if (hours == NULL)
		goto fail;
	if (json_array_size(hours))
		limit = CLAMP(
		    atoi(json_string_value(json_object_get(json_array_get(hours, 0), "value"))), 1,
		    200);
	json_decref(hours);
	due = docs_rows(
	    c, err,
	    "SELECT r.id, r.item_id, r.user_id, r.sent_at, i.title FROM doc_reader r JOIN "
	    "item i ON i.id = r.item_id WHERE i.status = 'circulating' AND r.sent_at IS NOT "
	    "NULL AND r.read_at IS NULL AND r.reminded_at IS NULL ORDER BY r.id",
	    NULL);
	if (due == NULL)
		goto fail;
	json_array_foreach (due, i, r) {
		g_autofree char *text = NULL;
		if (core_calendar_working_minutes(json_integer_value(json_object_get(r, "sent_at")),
		                                  now) < (gint64)limit * 60)
			continue;
		text = g_strdup_printf("传阅提醒：“%s”已送您阅示超过%d个工作小时，请及时阅办。",
		                       json_string_value(json_object_get(r, "title")), limit);
		if (!work_notify(c, json_integer_value(json_object_get(r, "user_id")),
		                 json_integer_value(json_object_get(r, "item_id")), "docs.remind",
		                 text, &e)) {
			docs_error_from_db(err, e);
			goto fail;
		}
		if (!docs_exec(c, NULL, err, "UPDATE doc_reader SET reminded_at = ? WHERE id = ?",
		               "ii", now, (gint64)json_integer_value(json_object_get(r, "id"))))
			goto fail;
		(*sent)++;
	}
	json_decref(due);
	if (!db_commit(c, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
fail:
	json_decref(due);
	db_rollback(c);
	return FALSE;
}

/* The job: remind, then queue the next run in an hour. */
static gboolean remind_job(Db *db, gint64 job_id, json_t *payload, GError **err)
{
	gint64 now = core_now();
	GError *e = NULL;
	DbConn *c;
	int sent = 0;

	if (!docs_remind(db, now, &sent, err))
		return FALSE;
	if (sent)
		g_message("docs: %d circulation reminders sent", sent);
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e) ||
	    !work_job_enqueue(c, "docs.remind", NULL, now + REMIND_EVERY, NULL, &e) ||
	    !db_commit(c, &e)) {
		if (c)
			db_rollback(c);
		docs_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}

gboolean docs_remind_schedule(Db *db, GError **err)
{
	GError *e = NULL;
	DbConn *c;
	gint64 queued = 0;

	work_job_register("docs.remind", remind_job);
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	if (!docs_exec(c, &queued, err,
	               "SELECT count(*) FROM job WHERE kind = 'docs.remind' AND done_at IS NULL",
	               NULL))
		goto fail;
	if (queued == 0 &&
	    !work_job_enqueue(c, "docs.remind", NULL, core_now() + REMIND_EVERY, NULL, &e)) {
		docs_error_from_db(err, e);
		goto fail;
	}
	if (!db_commit(c, &e)) {
		docs_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
fail:
	db_rollback(c);
	return FALSE;
}
