/*
 * task_chase.c — chasing (催办): the daily run that reminds, marks overdue tasks yellow (逾期)
 * and then red (严重逾期), and notifies the lead unit's liaisons, the supervision staff and the
 * responsible leader. It runs as the job 'tasks.chase', claimed by one process at a time
 * (work/jobs.c), and re-queues itself for the next morning. Every event is sent once per task:
 * the task remembers the reminders it got and its overdue colour.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "work/jobs.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

#define CHASE_HOUR 8 /* the daily run, office time */

gboolean tasks_policy_load(DbConn *c, TasksPolicy *p, GError **err)
{
	json_t *rows =
	           tasks_rows(c, err,
	                      "SELECT key, value FROM setting WHERE key IN ('tasks.remind_before', "
	                      "'tasks.red_after')",
	                      NULL),
	       *r;
	size_t i;

	p->remind_before = 2;
	p->red_after = 5;
	if (rows == NULL)
		return FALSE;
	json_array_foreach (rows, i, r) {
		int v = atoi(json_string_value(json_object_get(r, "value")));
		if (strcmp(json_string_value(json_object_get(r, "key")), "tasks.remind_before") ==
		    0)
			p->remind_before = CLAMP(v, 0, 30);
		else
			p->red_after = CLAMP(v, 1, 60);
	}
	json_decref(rows);
	return TRUE;
}

gboolean tasks_policy_store(DbConn *c, const TasksPolicy *p, GError **err)
{
	g_autofree char *a = g_strdup_printf("%d", p->remind_before);
	g_autofree char *b = g_strdup_printf("%d", p->red_after);

	if (p->remind_before < 0 || p->remind_before > 30 || p->red_after < 1 ||
	    p->red_after > 60) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    N_("Remind 0 to 30 working days before; red after 1 to 60."));
		return FALSE;
	}
	return tasks_exec(c, NULL, err,
	                  "INSERT INTO setting (key, value) VALUES ('tasks.remind_before', ?) ON "
	                  "CONFLICT (key) DO UPDATE SET value = excluded.value",
	                  "s", a) &&
	       tasks_exec(c, NULL, err,
	                  "INSERT INTO setting (key, value) VALUES ('tasks.red_after', ?) ON "
	                  "CONFLICT (key) DO UPDATE SET value = excluded.value",
	                  "s", b);
}

/* Notifies everyone concerned with task ID of KIND with TEXT. */
static gboolean notify(DbConn *c, gint64 id, const char *kind, const char *text, GError **err)
{
	json_t *ids = tasks_recipients(c, id, err), *v;
	GError *e = NULL;
	size_t i;

	if (ids == NULL)
		return FALSE;
	json_array_foreach (ids, i, v)
		if (!work_notify(c, json_integer_value(v), id, kind, text, &e)) {
			json_decref(ids);
			tasks_error_from_db(err, e);
			return FALSE;
		}
	json_decref(ids);
	return TRUE;
}

/* Chases one open task T on TODAY; *CHANGED set when something was sent or marked. */
static gboolean chase_one(DbConn *c, json_t *t, const GDate *today, const TasksPolicy *p,
                          gboolean *changed, GError **err)
{
	gint64 id = json_integer_value(json_object_get(t, "id"));
	const char *title = json_string_value(json_object_get(t, "title"));
	const char *reminded = json_string_value(json_object_get(t, "reminded"));
	const char *was = json_string_value(json_object_get(t, "overdue"));
	GDate deadline;
	int left, late;
	const char *colour;
	g_autofree char *text = NULL, *sent = NULL;

	*changed = FALSE;
	if (!core_date_parse(json_string_value(json_object_get(t, "deadline")), &deadline))
		return TRUE;
	left = core_calendar_between(today, &deadline); /* working days still to go */
	if (left > 0 && left <= p->remind_before && !core_word_in("before", reminded)) {
		text = g_strdup_printf("督办提醒：“%s”还有%d个工作日到期（%s）", title, left,
		                       json_string_value(json_object_get(t, "deadline")));
		sent = g_strdup_printf("%s before", reminded);
		*changed = TRUE;
		return notify(c, id, "task.remind", text, err) &&
		       tasks_exec(c, NULL, err, "UPDATE task SET reminded = ? WHERE item_id = ?",
		                  "si", g_strstrip(sent), id);
	}
	if (left == 0 && g_date_compare(today, &deadline) == 0 && !core_word_in("due", reminded)) {
		text = g_strdup_printf("督办提醒：“%s”今日到期", title);
		sent = g_strdup_printf("%s due", reminded);
		*changed = TRUE;
		return notify(c, id, "task.due", text, err) &&
		       tasks_exec(c, NULL, err, "UPDATE task SET reminded = ? WHERE item_id = ?",
		                  "si", g_strstrip(sent), id);
	}
	if (g_date_compare(today, &deadline) <= 0)
		return TRUE;
	late = core_calendar_between(&deadline, today); /* working days past the deadline */
	colour = late >= p->red_after ? "red" : late >= 1 ? "yellow" : "none";
	/* a deadline by the hour is passed at its instant, whatever the working days say */
	if (strcmp(colour, "none") == 0 && json_integer_value(json_object_get(t, "deadline_at")) &&
	    core_now() > json_integer_value(json_object_get(t, "deadline_at")))
		colour = "yellow";
	if (!tasks_exec(c, NULL, err,
	                "UPDATE task SET overdue_days = ?, overdue = ? WHERE item_id = ?", "isi",
	                (gint64)late, colour, id))
		return FALSE;
	if (strcmp(colour, was) == 0 || strcmp(colour, "none") == 0)
		return TRUE;
	*changed = TRUE;
	text = strcmp(colour, "red") == 0
	           ? g_strdup_printf("严重逾期：“%s”已逾期%d个工作日，请立即办理", title, late)
	           : g_strdup_printf("逾期：“%s”已超过办理时限（%s）", title,
	                             json_string_value(json_object_get(t, "deadline")));
	return notify(c, id, strcmp(colour, "red") == 0 ? "task.red" : "task.yellow", text, err);
}

gboolean tasks_chase(Db *db, const char *today, int *changed, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);
	TasksPolicy p;
	json_t *open = NULL, *t;
	GDate day;
	size_t i;

	*changed = 0;
	if (!core_date_parse(today, &day)) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    N_("Write the date as YYYY-MM-DD."));
		return FALSE;
	}
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	if (!tasks_policy_load(c, &p, err) ||
	    (open = tasks_rows(
	         c, err,
	         "SELECT i.id, i.title, t.deadline, t.reminded, t.overdue, t.deadline_at FROM item "
	         "i "
	         "JOIN task t ON t.item_id = i.id WHERE i.status NOT IN ('closed') ORDER "
	         "BY i.id",
	         NULL)) == NULL)
		goto fail;
	json_array_foreach (open, i, t) {
		gboolean one = FALSE;
		if (!chase_one(c, t, &day, &p, &one, err))
			goto fail;
		*changed += one;
	}
	json_decref(open);
	if (!db_commit(c, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
fail:
	json_decref(open);
	db_rollback(c);
	return FALSE;
}

/* The next CHASE_HOUR o'clock, office time, after now (Unix seconds). */
static gint64 next_run(void)
{
	GTimeZone *tz = core_tz();
	g_autoptr(GDateTime) now = NULL, at = NULL, next = NULL;

	now = g_date_time_new_now(tz);
	at = g_date_time_new(tz, g_date_time_get_year(now), g_date_time_get_month(now),
	                     g_date_time_get_day_of_month(now), CHASE_HOUR, 0, 0);
	next = g_date_time_compare(at, now) > 0 ? g_date_time_ref(at) : g_date_time_add_days(at, 1);
	return g_date_time_to_unix(next);
}

/* The job: chase for today, then queue tomorrow's run. */
static gboolean chase_job(Db *db, gint64 job_id, json_t *payload, GError **err)
{
	g_autofree char *today = core_today();
	GError *e = NULL;
	DbConn *c;
	int changed = 0;

	if (!tasks_chase(db, today, &changed, err))
		return FALSE;
	g_message("tasks: chased for %s: %d tasks changed", today, changed);
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e) ||
	    !work_job_enqueue(c, "tasks.chase", NULL, next_run(), NULL, &e) || !db_commit(c, &e)) {
		if (c)
			db_rollback(c);
		tasks_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}

/* The job "tasks.hour_due" {"task"}: a task due by the hour and still open at that instant is
 * marked overdue (yellow) and everyone concerned is told, at once rather than next morning. */
static gboolean hour_due_job(Db *db, gint64 job_id, json_t *payload, GError **err)
{
	gint64 id = json_integer_value(json_object_get(payload, "task"));
	g_autoptr(json_t) rows = NULL;
	g_autofree char *text = NULL;
	g_autofree char *at = NULL;
	GError *e = NULL;
	DbConn *c;
	json_t *t;

	(void)job_id;
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	rows = tasks_rows(c, err,
	                  "SELECT i.title, t.deadline_at FROM item i JOIN task t ON t.item_id = "
	                  "i.id WHERE i.id = ? AND i.status <> 'closed' AND t.overdue = 'none' AND "
	                  "t.deadline_at <= ?",
	                  "ii", id, core_now());
	if (rows == NULL)
		goto fail;
	if ((t = json_array_get(rows, 0)) != NULL) {
		at = core_time_format(json_integer_value(json_object_get(t, "deadline_at")),
		                      "%m-%d %H:%M");
		text = g_strdup_printf("逾期：“%s”已超过办理时限（%s）",
		                       json_string_value(json_object_get(t, "title")), at);
		if (!tasks_exec(c, NULL, err,
		                "UPDATE task SET overdue = 'yellow' WHERE item_id = ?", "i", id) ||
		    !notify(c, id, "task.yellow", text, err))
			goto fail;
	}
	if (!db_commit(c, &e)) {
		tasks_error_from_db(err, e);
		goto fail;
	}
	return TRUE;
fail:
	db_rollback(c);
	return FALSE;
}

gboolean tasks_hour_due_enqueue(DbConn *c, gint64 id, gint64 at, GError **err)
{
	g_autoptr(json_t) payload = json_pack("{s:I}", "task", (json_int_t)id);
	GError *e = NULL;

	if (!work_job_enqueue(c, "tasks.hour_due", payload, at, NULL, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
}

gboolean tasks_chase_schedule(Db *db, GError **err)
{
	GError *e = NULL;
	DbConn *c;
	gint64 queued = 0, id = 0;

	work_job_register("tasks.chase", chase_job);
	work_job_register("tasks.hour_due", hour_due_job);
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	if (!tasks_exec(c, &queued, err,
	                "SELECT count(*) FROM job WHERE kind = 'tasks.chase' AND done_at IS NULL",
	                NULL))
		goto fail;
	if (queued == 0 && !work_job_enqueue(c, "tasks.chase", NULL, next_run(), &id, &e)) {
		tasks_error_from_db(err, e);
		goto fail;
	}
	if (!db_commit(c, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	return TRUE;
fail:
	db_rollback(c);
	return FALSE;
}
