/*
 * alert_incident.c — incidents: recorded with their first report (首报) by the duty office,
 * read with their recipients, reports, escalations and one timeline, listed with the report
 * due next; the clock of the next report (phone, follow-up or daily) under the time limits.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/jobs.h"

#include <string.h>

/* The longest of the free-text facts of a report, by field. */
static const struct {
	const char *name;
	int max;
} text_facts[] = {
    {"place", 200},     {"source", 200},          {"reporter", 100},
    {"organ", 60},      {"casualties", 500},      {"losses", 2000},
    {"measures", 4000}, {"leaders_on_site", 500}, {"trend", 2000},
};
static const char *const count_facts[] = {"deaths", "injured", "missing"};
static const char *const kinds[] = {"incident", "warning", "opinion", NULL};
static const char *const categories[] = {"natural", "accident", "health", "social", NULL};

/* Checks the facts OBJ carries (all optional here): texts within their limits, counts whole
 * numbers from 0, the level 1–4. */
static gboolean facts_ok(json_t *obj, const char **field, GError **err)
{
	json_t *v;

	for (gsize i = 0; i < G_N_ELEMENTS(text_facts); i++) {
		v = json_object_get(obj, text_facts[i].name);
		if (v == NULL || json_is_null(v))
			continue;
		if (!json_is_string(v))
			return alert_fail(err, field, WORK_ERROR_INVALID, text_facts[i].name,
			                  N_("This field is text."));
		if (g_utf8_strlen(json_string_value(v), -1) > text_facts[i].max)
			return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID,
			                          text_facts[i].name, text_facts[i].max);
	}
	for (gsize i = 0; i < G_N_ELEMENTS(count_facts); i++) {
		v = json_object_get(obj, count_facts[i]);
		if (v && !json_is_null(v) &&
		    (!json_is_integer(v) || json_integer_value(v) < 0 ||
		     json_integer_value(v) > 1000000))
			return alert_fail(err, field, WORK_ERROR_INVALID, count_facts[i],
			                  N_("Give a whole number from 0."));
	}
	v = json_object_get(obj, "level");
	if (v && !json_is_null(v) &&
	    (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 4))
		return alert_fail(err, field, WORK_ERROR_INVALID, "level",
		                  N_("The severity is an incident level from 1 (Ⅰ) to 4 (Ⅳ)."));
	return TRUE;
}

/* An instant field NAME of OBJ ("YYYY-MM-DD HH:MM", 24-hour clock) into *AT; absent leaves *AT
 * alone. */
static gboolean instant(json_t *obj, const char *name, gint64 *at, const char **field, GError **err)
{
	json_t *v = json_object_get(obj, name);
	char day[11];

	if (v == NULL || json_is_null(v) || (json_is_string(v) && *json_string_value(v) == '\0'))
		return TRUE;
	if (json_is_string(v) && strlen(json_string_value(v)) == 16) {
		/* "YYYY-MM-DD HH:MM" as people write it, or the browser's "YYYY-MM-DDTHH:MM" */
		char text[17];
		memcpy(text, json_string_value(v), sizeof text);
		if (text[10] == ' ')
			text[10] = 'T';
		if (core_instant_parse(text, at, day))
			return TRUE;
	}
	return alert_fail(err, field, WORK_ERROR_INVALID, name,
	                  N_("Write the time as YYYY-MM-DD HH:MM (24-hour clock)."));
}

static const char *text_of(json_t *obj, const char *name)
{
	const char *s = json_string_value(json_object_get(obj, name));

	return s ? s : "";
}

/* Checks OBJ, the request of a new incident, and sets the times it names. */
static gboolean create_ok(json_t *obj, gint64 *occurred, gint64 *learned, const char **field,
                          GError **err)
{
	const char *title = json_string_value(json_object_get(obj, "title"));
	const char *kind = json_string_value(json_object_get(obj, "kind"));
	const char *category = json_string_value(json_object_get(obj, "category"));
	json_t *level = json_object_get(obj, "level"), *text = json_object_get(obj, "text");
	gint64 now = core_now();

	if (!json_is_object(obj))
		return alert_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (title == NULL || g_utf8_strlen(title, -1) < 2)
		return alert_fail(err, field, WORK_ERROR_INVALID, "title",
		                  N_("The title is 2 to 200 characters."));
	if (g_utf8_strlen(title, -1) > ALERT_TITLE_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "title",
		                          ALERT_TITLE_MAX);
	if (json_object_get(obj, "kind") && !(kind && g_strv_contains(kinds, kind)))
		return alert_fail(err, field, WORK_ERROR_INVALID, "kind",
		                  N_("The kind is incident, warning (苗头性) or opinion (舆情)."));
	if (category == NULL || !g_strv_contains(categories, category))
		return alert_fail(err, field, WORK_ERROR_INVALID, "category",
		                  N_("The category is natural, accident, health or social."));
	if (!facts_ok(obj, field, err))
		return FALSE;
	/* early warnings and public opinion are reported whatever their level, even unrated */
	if ((kind == NULL || strcmp(kind, "incident") == 0) &&
	    (level == NULL || json_is_null(level)))
		return alert_fail(err, field, WORK_ERROR_INVALID, "level",
		                  N_("The severity is an incident level from 1 (Ⅰ) to 4 (Ⅳ)."));
	if (text && !json_is_null(text) &&
	    (!json_is_string(text) || g_utf8_strlen(json_string_value(text), -1) > ALERT_TEXT_MAX))
		return json_is_string(text)
		           ? work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "text",
		                                ALERT_TEXT_MAX)
		           : alert_fail(err, field, WORK_ERROR_INVALID, "text",
		                        N_("This field is text."));
	*occurred = 0;
	*learned = now;
	if (!instant(obj, "occurred_at", occurred, field, err) ||
	    !instant(obj, "learned_at", learned, field, err))
		return FALSE;
	if (*occurred > now + 300 || *learned > now + 300)
		return alert_fail(err, field, WORK_ERROR_INVALID,
		                  *learned > now + 300 ? "learned_at" : "occurred_at",
		                  N_("The time cannot be in the future."));
	if (*occurred && *learned < *occurred)
		return alert_fail(err, field, WORK_ERROR_INVALID, "learned_at",
		                  N_("The office cannot learn of it before it happened."));
	return TRUE;
}

/* The written first report's text when the request gives none: the facts in a line each. */
static char *first_text(json_t *obj)
{
	GString *s = g_string_new(text_of(obj, "text"));

	if (s->len == 0)
		g_string_append_printf(s, "%s。%s%s", text_of(obj, "title"),
		                       text_of(obj, "measures"), text_of(obj, "trend"));
	return g_string_free(s, FALSE);
}

gboolean alert_incident_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                               json_t **recipients, const char **field, GError **err)
{
	g_autoptr(json_t) limits = NULL;
	g_autoptr(json_t) lim = NULL;
	g_autoptr(json_t) esc = NULL;
	g_autofree char *text = NULL;
	json_t *lv;
	gint64 occurred, learned, domain = 0, now = core_now(), due;
	const char *kind;
	int level;

	*recipients = NULL;
	if (!create_ok(obj, &occurred, &learned, field, err))
		return FALSE;
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
	                      json_object_get(obj, "domain"), &domain, field, err))
		return FALSE;
	if (domain == 0)
		return alert_fail(
		    err, field, WORK_ERROR_INVALID, "domain",
		    N_("Name the domain, so that the leaders in charge are alerted."));
	if ((limits = alert_limits(c, err)) == NULL)
		return FALSE;
	lv = json_object_get(obj, "level");
	level = json_is_integer(lv) ? (int)json_integer_value(lv) : 0;
	kind = json_object_get(obj, "kind") ? text_of(obj, "kind") : "incident";
	lim = alert_limits_for(limits, level, text_of(obj, "organ"));
	due = learned + json_integer_value(json_object_get(lim, "written_minutes")) * 60;
	text = first_text(obj);
	if (!alert_exec(
	        c, id, err,
	        "INSERT INTO item (kind, title, created_by, status, created_at, updated_at) "
	        "VALUES ('incident', ?, ?, 'open', ?, ?) RETURNING id",
	        "siii", text_of(obj, "title"), u->id, now, now) ||
	    !alert_exec(c, NULL, err,
	                "INSERT INTO incident (item_id, kind, category, level, domain_id, place, "
	                "occurred_at, learned_at, source, reporter, organ, casualties, deaths, "
	                "injured, missing, losses, measures, leaders_on_site, trend) VALUES (?, ?, "
	                "?, NULLIF(?, 0), ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                "issiisiissssiiissss", *id, kind, text_of(obj, "category"), (gint64)level,
	                domain, text_of(obj, "place"), occurred, learned, text_of(obj, "source"),
	                text_of(obj, "reporter"), text_of(obj, "organ"), text_of(obj, "casualties"),
	                json_integer_value(json_object_get(obj, "deaths")),
	                json_integer_value(json_object_get(obj, "injured")),
	                json_integer_value(json_object_get(obj, "missing")), text_of(obj, "losses"),
	                text_of(obj, "measures"), text_of(obj, "leaders_on_site"),
	                text_of(obj, "trend")) ||
	    !alert_exec(c, NULL, err,
	                "INSERT INTO incident_report (incident_id, kind, seq, text, due_at, "
	                "reported_at, late, reported_by) VALUES (?, 'first', 0, ?, ?, ?, ?, ?)",
	                "isiiii", *id, text, due, now, MAX(now - due, 0), u->id) ||
	    !work_step_grant(WORK_ERRORS, c, *id, u->id, 0, "created", err) ||
	    !work_flow_start(c, *id, "incident", NULL, err) ||
	    !work_search_index(c, *id, text_of(obj, "title"), text, err))
		return FALSE;
	*recipients = json_array();
	if (!alert_recipients_add(c, *id, *recipients, err) || !alert_due_update(c, *id, err))
		return FALSE;
	/* nobody acknowledging within N minutes escalates, step by step along the chain */
	esc = json_pack("{s:I, s:i}", "incident", (json_int_t)*id, "step", 1);
	return work_job_enqueue(c, "alert.escalate", esc,
	                        now + json_integer_value(json_object_get(
	                                  json_object_get(limits, "escalation"), "after_minutes")) *
	                                  60,
	                        NULL, err);
}

/* ---- the clock ------------------------------------------------------------------------------ */

json_t *alert_due_of(json_t *limits, json_t *r)
{
	g_autoptr(json_t) lim = NULL;
	gint64 learned = json_integer_value(json_object_get(r, "learned_at"));
	gint64 last = json_integer_value(json_object_get(r, "last_report_at"));
	gint64 phone_due, written_due, period;
	gboolean daily;

	if (g_strcmp0(json_string_value(json_object_get(r, "status")), "open") != 0)
		return NULL;
	lim = alert_limits_for(limits, (int)json_integer_value(json_object_get(r, "level")),
	                       json_string_value(json_object_get(r, "organ")));
	/* long events switch to daily reports by themselves after daily_after_hours */
	daily = json_integer_value(json_object_get(r, "daily")) ||
	        core_now() - learned >=
	            json_integer_value(json_object_get(lim, "daily_after_hours")) * 3600;
	period = daily ? 86400 : json_integer_value(json_object_get(lim, "follow_up_hours")) * 3600;
	written_due = (last ? last : learned) + period;
	if (json_integer_value(json_object_get(r, "phone_reported_at")) == 0) {
		phone_due =
		    learned + json_integer_value(json_object_get(lim, "phone_minutes")) * 60;
		if (phone_due <= written_due)
			return json_pack("{s:s, s:I, s:I}", "kind", "phone", "at",
			                 (json_int_t)phone_due, "written_at",
			                 (json_int_t)written_due);
	}
	return json_pack("{s:s, s:I, s:I}", "kind", daily ? "daily" : "follow_up", "at",
	                 (json_int_t)written_due, "written_at", (json_int_t)written_due);
}

/* The facts of incident ID the clock reads. */
static json_t *clock_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such incident."),
	                "SELECT i.status, n.learned_at, n.phone_reported_at, n.daily, n.level, "
	                "n.organ, (SELECT max(reported_at) FROM incident_report r WHERE "
	                "r.incident_id = n.item_id) AS last_report_at FROM incident n JOIN item i "
	                "ON i.id = n.item_id WHERE n.item_id = ?",
	                "i", id);
}

gboolean alert_due_update(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) r = clock_row(c, id, err);
	g_autoptr(json_t) limits = r ? alert_limits(c, err) : NULL;
	g_autoptr(json_t) payload = NULL;
	json_t *d;
	gint64 at;

	if (limits == NULL)
		return FALSE;
	d = alert_due_of(limits, r);
	at = d ? json_integer_value(json_object_get(d, "at")) : 0;
	payload = json_pack("{s:I, s:I}", "incident", (json_int_t)id, "at", (json_int_t)at);
	/* the moment the report is late, the leader on duty and the officer are told */
	if (!alert_exec(c, NULL, err,
	                "UPDATE incident SET next_due_at = NULLIF(?, 0) WHERE item_id = ?", "ii",
	                at, id) ||
	    (at && !work_job_enqueue(c, "alert.overdue", payload, at, NULL, err))) {
		json_decref(d);
		return FALSE;
	}
	json_decref(d);
	return TRUE;
}
