/*
 * alert_flow.c — what the incident workflow needs beyond the engine: its definition is data
 * (data/workflows/incident.json: acknowledge, phone, follow_up, daily, final, cancel); here are
 * its row, the recipients as an actor, the hooks that keep the chain of reports and the clock,
 * and the escalation job.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_internal.h"
#include "core/core.h"
#include "work/jobs.h"

#include <string.h>

/* The facts the steps read: the clock's and the reported facts a follow-up may change. */
static json_t *incident_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(
	    WORK_ERRORS, c, err, N_("There is no such incident."),
	    "SELECT i.status, n.kind, n.level, n.organ, n.learned_at, "
	    "n.phone_reported_at, n.daily, n.deaths, n.injured, n.missing, "
	    "n.casualties, n.losses, n.measures, n.leaders_on_site, n.trend, "
	    "(SELECT max(reported_at) FROM incident_report r WHERE r.incident_id = "
	    "n.item_id) AS last_report_at, (SELECT max(seq) FROM incident_report r "
	    "WHERE r.incident_id = n.item_id) AS last_seq FROM incident n JOIN item i ON "
	    "i.id = n.item_id WHERE n.item_id = ?",
	    "i", id);
}

static json_t *incident_facts(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such incident."),
	                "SELECT i.title, n.level FROM incident n JOIN item i ON i.id = n.item_id "
	                "WHERE n.item_id = ?",
	                "i", id);
}

static gint64 row_int(WorkStep *x, const char *key)
{
	return json_integer_value(json_object_get(x->row, key));
}

/* A recipient who has not acknowledged yet. */
static gboolean actor_recipient(WorkStep *x, gboolean *yes, GError **err)
{
	g_autoptr(json_t) r =
	    alert_rows(x->c, err,
	               "SELECT 1 FROM incident_recipient WHERE incident_id = ? AND "
	               "user_id = ? AND acked_at IS NULL",
	               "ii", x->id, x->u->id);

	*yes = r && json_array_size(r) > 0;
	return r != NULL;
}

static gboolean list_recipients(WorkStep *x, GArray *users, const char **pool, GError **err)
{
	g_autoptr(json_t) r =
	    alert_rows(x->c, err,
	               "SELECT user_id FROM incident_recipient WHERE incident_id = "
	               "? AND acked_at IS NULL ORDER BY position",
	               "i", x->id);
	json_t *v;
	size_t i;

	json_array_foreach (r, i, v) {
		gint64 id = json_integer_value(json_object_get(v, "user_id"));
		g_array_append_val(users, id);
	}
	return r != NULL;
}

/* acknowledge (签收): stamped once; the office sees it live. */
static gboolean hook_acknowledge(WorkStep *x, GError **err)
{
	x->stay = TRUE;
	return alert_exec(x->c, NULL, err,
	                  "UPDATE incident_recipient SET acked_at = ? WHERE incident_id = ? AND "
	                  "user_id = ? AND acked_at IS NULL",
	                  "iii", core_now(), x->id, x->u->id) &&
	       alert_publish(x->c, x->id, "acknowledged", NULL, err);
}

/* The limits that hold for the incident of X. */
static json_t *limits_of(WorkStep *x, GError **err)
{
	g_autoptr(json_t) all = alert_limits(x->c, err);

	return all ? alert_limits_for(all, (int)row_int(x, "level"),
	                              json_string_value(json_object_get(x->row, "organ")))
	           : NULL;
}

/* phone: the phone report to the superior organ made now; late is recorded (迟报). */
static gboolean hook_phone(WorkStep *x, GError **err)
{
	g_autoptr(json_t) lim = limits_of(x, err);
	gint64 now = core_now(), due, late;

	if (lim == NULL)
		return FALSE;
	due = row_int(x, "learned_at") +
	      json_integer_value(json_object_get(lim, "phone_minutes")) * 60;
	late = MAX(now - due, 0);
	x->stay = TRUE;
	json_object_set_new(x->detail, "late", json_integer(late));
	return alert_exec(x->c, NULL, err,
	                  "UPDATE incident SET phone_reported_at = ?, phone_late = ? WHERE "
	                  "item_id = ?",
	                  "iii", now, late, x->id) &&
	       alert_due_update(x->c, x->id, err);
}

/* daily: the event runs long; reports are due once a day from now on. */
static gboolean hook_daily(WorkStep *x, GError **err)
{
	x->stay = TRUE;
	return alert_exec(x->c, NULL, err, "UPDATE incident SET daily = 1 WHERE item_id = ?", "i",
	                  x->id) &&
	       alert_due_update(x->c, x->id, err);
}

/* The facts a follow-up may change, and their columns' kind. */
static const struct {
	const char *name;
	gboolean count;
} changeable[] = {
    {"level", TRUE},     {"deaths", TRUE},           {"injured", TRUE},
    {"missing", TRUE},   {"casualties", FALSE},      {"losses", FALSE},
    {"measures", FALSE}, {"leaders_on_site", FALSE}, {"trend", FALSE},
};

/* Sets each fact of X's body that differs from ROW (the incident as it is) on the incident and
 * records {name: {from, to}} in CHANGES. */
static gboolean apply_changes(WorkStep *x, json_t *row, json_t *changes, GError **err)
{
	for (gsize i = 0; i < G_N_ELEMENTS(changeable); i++) {
		const char *name = changeable[i].name;
		json_t *to = json_object_get(x->body, name), *from = json_object_get(row, name);
		g_autofree char *sql = NULL;
		gboolean ok;

		if (to == NULL || json_is_null(to) || json_equal(to, from))
			continue;
		if (changeable[i].count &&
		    (json_integer_value(to) < 0 ||
		     json_integer_value(to) > (strcmp(name, "level") ? 1000000 : 4) ||
		     (strcmp(name, "level") == 0 && json_integer_value(to) < 1)))
			return alert_fail(
			    err, x->field, WORK_ERROR_INVALID, name,
			    strcmp(name, "level")
			        ? N_("Give a whole number from 0.")
			        : N_("The severity is an incident level from 1 (Ⅰ) to 4 "
			             "(Ⅳ)."));
		json_object_set_new(
		    changes, name,
		    json_pack("{s:O, s:O}", "from", from ? from : json_null(), "to", to));
		/* NAME is one of the fixed column names above, never the request's */
		sql = g_strdup_printf("UPDATE incident SET %s = ? WHERE item_id = ?", name);
		ok = changeable[i].count
		         ? alert_exec(x->c, NULL, err, sql, "ii", json_integer_value(to), x->id)
		         : alert_exec(x->c, NULL, err, sql, "si", json_string_value(to), x->id);
		if (!ok)
			return FALSE;
	}
	return TRUE;
}

/* follow_up and final: a written report that carries only what changed, numbered 续报一、二…,
 * its lateness against the clock recorded; a higher level alerts those the rules add. */
static gboolean hook_report(WorkStep *x, GError **err)
{
	/* read again now that the step holds the item: a report taken at the same moment has
	 * committed, so its number and time count (PostgreSQL reads committed rows) */
	g_autoptr(json_t) now_row = incident_row(x->c, x->id, err);
	g_autoptr(json_t) limits = now_row ? alert_limits(x->c, err) : NULL;
	g_autoptr(json_t) due = limits ? alert_due_of(limits, now_row) : NULL;
	g_autoptr(json_t) changes = json_object();
	g_autofree char *text_changes = NULL;
	const char *text = json_string_value(json_object_get(x->body, "text"));
	gboolean final = strcmp(x->code, "final") == 0;
	gint64 now = core_now(), due_at, seq;
	const char *kind;

	if (limits == NULL)
		return FALSE;
	seq = json_integer_value(json_object_get(now_row, "last_seq")) + 1;
	if (!apply_changes(x, now_row, changes, err))
		return FALSE;
	if ((text == NULL || core_text_blank(text)) && json_object_size(changes) == 0)
		return alert_fail(err, x->field, WORK_ERROR_INVALID, "text",
		                  N_("Write what is new since the last report."));
	due_at = due ? json_integer_value(json_object_get(due, "written_at")) : now;
	kind = final ? "final"
	       : g_strcmp0(json_string_value(json_object_get(due, "kind")), "daily") == 0 ||
	               json_integer_value(json_object_get(now_row, "daily"))
	           ? "daily"
	           : "follow_up";
	text_changes = json_dumps(changes, JSON_COMPACT);
	json_object_set_new(x->detail, "seq", json_integer(seq));
	json_object_set_new(x->detail, "kind", json_string(kind));
	json_object_set_new(x->detail, "late", json_integer(MAX(now - due_at, 0)));
	if (json_object_size(changes))
		json_object_set(x->detail, "changes", changes);
	if (!alert_exec(
	        x->c, NULL, err,
	        "INSERT INTO incident_report (incident_id, kind, seq, text, changes, due_at, "
	        "reported_at, late, reported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        "isissiiii", x->id, kind, seq, text ? text : "", text_changes, due_at, now,
	        MAX(now - due_at, 0), x->u->id))
		return FALSE;
	if (json_object_get(changes, "level") && !alert_recipients_add(x->c, x->id, NULL, err))
		return FALSE;
	if (final) {
		if (!alert_exec(
		        x->c, NULL, err,
		        "UPDATE incident SET next_due_at = NULL, closed_at = ? WHERE item_id = ?",
		        "ii", now, x->id))
			return FALSE;
	} else {
		x->stay = TRUE;
		if (!alert_due_update(x->c, x->id, err))
			return FALSE;
	}
	return alert_publish(x->c, x->id, final ? "final" : "follow_up", NULL, err);
}

/* cancel (误报): the clock stops. */
static gboolean hook_cancel(WorkStep *x, GError **err)
{
	return alert_exec(x->c, NULL, err,
	                  "UPDATE incident SET next_due_at = NULL, closed_at = ? WHERE item_id = ?",
	                  "ii", core_now(), x->id);
}

static gboolean offer_phone_due(WorkStep *x)
{
	return row_int(x, "phone_reported_at") == 0;
}

static gboolean offer_not_daily(WorkStep *x)
{
	return row_int(x, "daily") == 0;
}

/* The job "alert.escalate" {incident, step}: one step of the chain, at most once. */
static gboolean escalate_job(Db *db, gint64 job_id, json_t *payload, GError **err)
{
	gboolean done = FALSE;

	(void)job_id;
	return alert_escalate(db, json_integer_value(json_object_get(payload, "incident")),
	                      (int)json_integer_value(json_object_get(payload, "step")), &done,
	                      err);
}

/* The job "alert.overdue" {incident, at}: the report due at AT is late, if it still is. */
static gboolean overdue_job(Db *db, gint64 job_id, json_t *payload, GError **err)
{
	gboolean told = FALSE;

	(void)job_id;
	return alert_overdue(db, json_integer_value(json_object_get(payload, "incident")),
	                     json_integer_value(json_object_get(payload, "at")), &told, err);
}

static const WorkKind incident_kind = {.load = incident_row, .facts = incident_facts};

void alert_flow_register(void)
{
	work_flow_kind("incident", &incident_kind);
	work_flow_actor("alert.recipient", N_("a leader alerted who has not acknowledged"),
	                actor_recipient);
	work_flow_actor_list("alert.recipient", list_recipients);
	work_flow_hook("alert.acknowledge", hook_acknowledge);
	work_flow_hook("alert.phone", hook_phone);
	work_flow_hook("alert.daily", hook_daily);
	work_flow_hook("alert.report", hook_report);
	work_flow_hook("alert.cancel", hook_cancel);
	work_flow_offer("alert.phone_due", offer_phone_due);
	work_flow_offer("alert.not_daily", offer_not_daily);
	work_job_register("alert.escalate", escalate_job);
	work_job_register("alert.overdue", overdue_job);
}
