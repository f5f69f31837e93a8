/*
 * alert_demo.c — the demo city's emergency information (data/demo/alert.json), made through the
 * module's own operations with the clock set to each moment: incidents recorded by the duty
 * office, phoned up, acknowledged by the first leaders alerted, escalated where nobody answered,
 * followed up and closed by a final report — so every state and a late report or two are there.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_internal.h"
#include "core/core.h"

#include <gio/gio.h>

extern GResource *mishu_get_resource(void);

/* Takes step ACTION of incident ID as U with BODY (borrowed, may be NULL) at AT. */
static gboolean step_at(DbConn *c, const AuthUser *u, gint64 id, const char *action, json_t *body,
                        gint64 at, GError **err)
{
	const char *field = NULL;

	core_clock_set(at);
	return work_flow_act(c, u, id, action, body, &field, err);
}

/* The recipient at POSITION (in the order they were alerted) of incident ID acknowledges at AT;
 * nothing when there is none at that place. */
static gboolean demo_ack(DbConn *c, gint64 id, gint64 position, gint64 at, GError **err)
{
	g_autoptr(json_t) who = alert_rows(c, err,
	                                   "SELECT user_id FROM incident_recipient WHERE "
	                                   "incident_id = ? ORDER BY position",
	                                   "i", id);
	AuthUser *u;
	gboolean ok;

	if (who == NULL)
		return FALSE;
	if ((size_t)position >= json_array_size(who))
		return TRUE;
	u = auth_user_load(
	    c, json_integer_value(json_object_get(json_array_get(who, position), "user_id")), err);
	ok = u && step_at(c, u, id, "acknowledge", NULL, at, err);
	auth_user_free(u);
	return ok;
}

/* The one escalation step STEP of incident ID reached acknowledges at AT (the chain stops). */
static gboolean demo_target_acks(DbConn *c, gint64 id, int step, gint64 at, GError **err)
{
	g_autoptr(json_t) who = alert_rows(c, err,
	                                   "SELECT e.user_id FROM incident_escalation e JOIN "
	                                   "incident_recipient r ON r.incident_id = e.incident_id "
	                                   "AND r.user_id = e.user_id WHERE e.incident_id = ? AND "
	                                   "e.step = ? AND r.acked_at IS NULL",
	                                   "ii", id, (gint64)step);
	AuthUser *u;
	gboolean ok;

	if (who == NULL)
		return FALSE;
	if (json_array_size(who) == 0)
		return TRUE;
	u = auth_user_load(
	    c, json_integer_value(json_object_get(json_array_get(who, 0), "user_id")), err);
	ok = u && step_at(c, u, id, "acknowledge", NULL, at, err);
	auth_user_free(u);
	return ok;
}

/* What happens to a demo incident after it is recorded, in time order. */
typedef enum { DEMO_PHONE, DEMO_ACK, DEMO_ESCALATE, DEMO_TARGET_ACK, DEMO_REPORT } DemoWhat;
typedef struct {
	gint64 at;
	DemoWhat what;
	gint64 arg; /* the recipient's place, the escalation step, the report's index */
} DemoEvent;

static int by_moment(gconstpointer a, gconstpointer b)
{
	const DemoEvent *x = a, *y = b;

	return x->at != y->at ? (x->at < y->at ? -1 : 1) : (int)x->what - (int)y->what;
}

/* Incident D, learned D.ago hours before NOW and recorded 8 minutes later, then each thing at
 * its moment before NOW: the phone report (phone_at minutes after learning), the
 * acknowledgements (acks: minutes after the alert, by the recipients in order), the escalations
 * the job would have taken (every AFTER minutes), the person each reached acknowledging 3
 * minutes later (unless "unanswered"), the reports (at: minutes after learning). */
static gboolean demo_one(DbConn *c, json_t *d, gint64 now, gint64 after, GError **err)
{
	g_autoptr(json_t) body = json_deep_copy(d);
	g_autoptr(json_t) recipients = NULL;
	g_autoptr(GArray) todo = g_array_new(FALSE, FALSE, sizeof(DemoEvent));
	g_autofree char *learned_text = NULL;
	g_autofree char *occurred_text = NULL;
	gint64 learned = now - (gint64)(json_number_value(json_object_get(d, "ago")) * 3600);
	gint64 occurred, recorded;
	gboolean answered = !json_is_true(json_object_get(d, "unanswered"));
	const char *field = NULL;
	AuthUser *u;
	gint64 id = 0;
	json_t *v;
	size_t i;
	gboolean ok, done;

	learned -= learned % 60;
	occurred = learned - json_integer_value(json_object_get(d, "occurred_before")) * 60;
	recorded = learned + 8 * 60;
	learned_text = core_time_format(learned, "%Y-%m-%d %H:%M");
	occurred_text = core_time_format(occurred, "%Y-%m-%d %H:%M");
	json_object_set_new(body, "learned_at", json_string(learned_text));
	if (json_object_get(d, "occurred_before"))
		json_object_set_new(body, "occurred_at", json_string(occurred_text));
	if (json_integer_value(json_object_get(d, "phone_at")))
		g_array_append_val(
		    todo,
		    ((DemoEvent){learned + json_integer_value(json_object_get(d, "phone_at")) * 60,
		                 DEMO_PHONE, 0}));
	json_array_foreach (json_object_get(d, "acks"), i, v)
		g_array_append_val(todo, ((DemoEvent){recorded + json_integer_value(v) * 60,
		                                      DEMO_ACK, (gint64)i}));
	for (int step = 1; step <= ALERT_CHAIN_MAX; step++) {
		g_array_append_val(
		    todo, ((DemoEvent){recorded + step * after * 60, DEMO_ESCALATE, step}));
		if (answered)
			g_array_append_val(todo, ((DemoEvent){recorded + step * after * 60 + 180,
			                                      DEMO_TARGET_ACK, step}));
	}
	json_array_foreach (json_object_get(d, "reports"), i, v)
		g_array_append_val(
		    todo, ((DemoEvent){learned + json_integer_value(json_object_get(v, "at")) * 60,
		                       DEMO_REPORT, (gint64)i}));
	g_array_sort(todo, by_moment);

	core_clock_set(recorded);
	if ((u = auth_user_load_by_name(c, json_string_value(json_object_get(d, "by")), err)) ==
	    NULL)
		return FALSE;
	ok = alert_incident_create(c, u, body, &id, &recipients, &field, err);
	for (guint k = 0; ok && k < todo->len; k++) {
		DemoEvent *e = &g_array_index(todo, DemoEvent, k);
		json_t *r;
		if (e->at >= now)
			break;
		core_clock_set(e->at);
		switch (e->what) {
		case DEMO_PHONE:
			ok = step_at(c, u, id, "phone", NULL, e->at, err);
			break;
		case DEMO_ACK:
			ok = demo_ack(c, id, e->arg, e->at, err);
			break;
		case DEMO_ESCALATE:
			ok = alert_escalate_in(c, id, (int)e->arg, &done, err);
			break;
		case DEMO_TARGET_ACK:
			ok = demo_target_acks(c, id, (int)e->arg, e->at, err);
			break;
		case DEMO_REPORT:
			v = json_array_get(json_object_get(d, "reports"), (size_t)e->arg);
			r = json_deep_copy(json_object_get(v, "changes"));
			if (r == NULL)
				r = json_object();
			json_object_set(r, "text", json_object_get(v, "text"));
			ok = step_at(c, u, id, json_string_value(json_object_get(v, "kind")), r,
			             e->at, err);
			json_decref(r);
			break;
		}
	}
	auth_user_free(u);
	return ok;
}

gboolean alert_demo_load(Db *db, int *made, GError **err)
{
	g_autoptr(GBytes) b = g_resource_lookup_data(
	    mishu_get_resource(), "/mishu/data/demo/alert.json", G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	g_autoptr(json_t) file = NULL;
	g_autoptr(json_t) have = NULL;
	g_autoptr(json_t) limits = NULL;
	gint64 after;
	GError *e = NULL;
	DbConn *c;
	json_t *v;
	size_t i;
	gint64 now;

	*made = 0;
	if (b == NULL)
		return FALSE;
	file = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, NULL);
	if ((c = db_conn(db, &e)) == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	core_clock_set(0);
	now = core_now();
	if ((have = alert_rows(c, err, "SELECT count(*) AS n FROM incident", NULL)) == NULL ||
	    (limits = alert_limits(c, err)) == NULL)
		goto fail;
	after = json_integer_value(
	    json_object_get(json_object_get(limits, "escalation"), "after_minutes"));
	if (json_integer_value(json_object_get(json_array_get(have, 0), "n")) == 0)
		json_array_foreach (json_object_get(file, "incidents"), i, v) {
			if (!demo_one(c, v, now, after, err))
				goto fail;
			(*made)++;
		}
	core_clock_set(0);
	if (!db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		db_rollback(c);
		return FALSE;
	}
	return TRUE;
fail:
	core_clock_set(0);
	db_rollback(c);
	return FALSE;
}
