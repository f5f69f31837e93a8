/*
 * info_flow.c — what the workflows of a report and of an issue need beyond the engine: their
 * definitions are data (data/workflows/report.json: submit → edit → adopt, reject or merge →
 * publish with an issue; issue.json: publish or cancel); here are their rows and the hooks —
 * the live alert of an urgent report, the editor's version kept beside the original, the
 * merge, and the publication of an issue (info_issue.c).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/core.h"
#include "org/org.h"
#include "work/events.h"

#include <string.h>

/* The report's row: {status, title, created_by, unit_id, urgency, domain_code, issue_id,
 * issue_publishing (the issue is being published now)}. */
static json_t *report_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such report."),
	                "SELECT i.status, i.title, r.urgency, r.body, d.code AS domain_code, "
	                "ir.issue_id, s.published_at AS issue_published_at "
	                "FROM report r JOIN item i ON i.id = r.item_id "
	                "LEFT JOIN domain d ON d.id = r.domain_id "
	                "LEFT JOIN issue_report ir ON ir.report_id = r.item_id "
	                "LEFT JOIN issue s ON s.item_id = ir.issue_id WHERE r.item_id = ?",
	                "i", id);
}

static json_t *issue_row(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such issue."),
	                "SELECT s.bulletin, s.year, s.number, s.published_at "
	                "FROM issue s WHERE s.item_id = ?",
	                "i", id);
}

/* The facts a step of a report keeps (its title and urgency as they were). */
static json_t *report_facts(DbConn *c, gint64 id, GError **err)
{
	return work_row(WORK_ERRORS, c, err, N_("There is no such report."),
	                "SELECT i.title, r.urgency FROM report r JOIN item i ON i.id = r.item_id "
	                "WHERE r.item_id = ?",
	                "i", id);
}

static const char *row_text(WorkStep *x, const char *key)
{
	return json_string_value(json_object_get(x->row, key));
}

/*
 * Alerts the information department and the leaders routing names for the report's domain of
 * an urgent report X: a notification each and one live event addressed to them
 * ("report.urgent" {id, title, unit, to}). The leaders may see the report from now on.
 */
static gboolean alert_urgent(WorkStep *x, GError **err)
{
	OrgRouteQuery q = {.work = "report", .domain = row_text(x, "domain_code")};
	g_autoptr(json_t) staff = NULL;
	g_autoptr(json_t) route = NULL;
	g_autoptr(json_t) users = json_array();
	g_autofree char *text = NULL, *url = NULL;
	const char *field = NULL;
	json_t *v, *data;
	GError *e = NULL;
	size_t i;

	if ((staff = org_handling_staff(x->c, "report", &e)) == NULL) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	json_array_extend(users, staff);
	if (q.domain) {
		if ((route = org_route(x->c, &q, core_lang_current(), &field, &e)) == NULL) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return FALSE;
		}
		json_array_foreach (json_object_get(route, "leaders"), i, v) {
			gint64 uid = json_integer_value(json_object_get(v, "user_id"));
			if (uid == 0)
				continue;
			json_array_append_new(users, json_integer(uid));
			if (!work_step_grant(WORK_ERRORS, x->c, x->id, uid, 0, "routed", err))
				return FALSE;
		}
	}
	text = g_strdup_printf("紧急信息：%s", row_text(x, "title"));
	json_array_foreach (users, i, v)
		if (json_integer_value(v) != x->u->id &&
		    !work_notify(x->c, json_integer_value(v), x->id, "report.urgent", text, &e)) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return FALSE;
		}
	url = g_strdup_printf("/reports/%" G_GINT64_FORMAT, x->id);
	/* "alert": every page of the people it is sent to shows it as a banner (events.h) */
	data = json_pack("{s:I, s:s, s:{s:O}, s:{s:s, s:s, s:s}}", "id", (json_int_t)x->id, "title",
	                 row_text(x, "title"), "to", "users", users, "alert", "title", text, "url",
	                 url, "level", "urgent");
	if (!work_events_publish(x->c, "report.urgent", data, &e)) {
		json_decref(data);
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	json_decref(data);
	json_object_set_new(x->detail, "alerted", json_integer((json_int_t)json_array_size(users)));
	return TRUE;
}

/* submit: stamps the submission; an urgent report alerts at once. */
static gboolean hook_submit(WorkStep *x, GError **err)
{
	if (!info_exec(x->c, NULL, err, "UPDATE report SET submitted_at = ? WHERE item_id = ?",
	               "ii", core_now(), x->id))
		return FALSE;
	return g_strcmp0(row_text(x, "urgency"), "urgent") != 0 || alert_urgent(x, err);
}

/* edit: the editor's title and body, kept beside the original; at least one of them. */
static gboolean hook_edit(WorkStep *x, GError **err)
{
	const char *title = json_string_value(json_object_get(x->body, "title"));
	const char *body = json_string_value(json_object_get(x->body, "body"));

	if ((title == NULL || *title == '\0') && (body == NULL || *body == '\0'))
		return info_fail(err, x->field, WORK_ERROR_INVALID, "body",
		                 N_("Give the edited title or text."));
	if (title && *title && g_utf8_strlen(title, -1) < 2)
		return info_fail(err, x->field, WORK_ERROR_INVALID, "title",
		                 N_("The title is 2 to 200 characters."));
	if (!info_exec(x->c, NULL, err,
	               "UPDATE report SET edited_title = COALESCE(NULLIF(?, ''), edited_title), "
	               "edited_body = COALESCE(NULLIF(?, ''), edited_body), edited_by = ?, "
	               "edited_at = ? WHERE item_id = ?",
	               "ssiii", title ? title : "", body ? body : "", x->u->id, core_now(), x->id))
		return FALSE;
	x->stay = TRUE;
	return work_search_index(x->c, x->id, title && *title ? title : row_text(x, "title"),
	                         body && *body ? body : row_text(x, "body"), err);
}

/* merge: into another report that is still open (submitted or adopted), not itself, not one
 * merged away; a report in an issue leaves the issue first. */
static gboolean hook_merge(WorkStep *x, GError **err)
{
	gint64 into = json_integer_value(json_object_get(x->body, "into"));
	g_autoptr(json_t) target = NULL;
	g_autoptr(json_t) merged = NULL;
	const char *status;

	if (json_integer_value(json_object_get(x->row, "issue_id")))
		return info_fail(err, x->field, WORK_ERROR_STATE, "into",
		                 N_("The report is in an issue; take it out of the issue first."));
	if (into == x->id)
		return info_fail(err, x->field, WORK_ERROR_INVALID, "into",
		                 N_("A report cannot be merged into itself."));
	target = work_row(WORK_ERRORS, x->c, NULL, N_("There is no such report."),
	                  "SELECT i.status, i.title FROM report r JOIN item i ON i.id = r.item_id "
	                  "WHERE r.item_id = ?",
	                  "i", into);
	status = target ? json_string_value(json_object_get(target, "status")) : NULL;
	if (status == NULL || (strcmp(status, "submitted") && strcmp(status, "adopted")))
		return info_fail(err, x->field, WORK_ERROR_INVALID, "into",
		                 N_("Merge into a report that is awaiting the editor or adopted."));
	json_object_set_new(x->detail, "into", json_integer(into));
	json_object_set(x->detail, "into_title", json_object_get(target, "title"));
	merged = json_pack("{s:I, s:s}", "from", (json_int_t)x->id, "title", row_text(x, "title"));
	return info_exec(x->c, NULL, err, "UPDATE report SET merged_into = ? WHERE item_id = ?",
	                 "ii", into, x->id) &&
	       work_step_event(WORK_ERRORS, x->c, into, x->u, "merged_in", NULL, NULL, NULL, merged,
	                       err);
}

/* publish (of a report): only as part of its issue's publication, which stamps the issue
 * first; taken directly it is refused. */
static gboolean hook_in_issue(WorkStep *x, GError **err)
{
	if (json_integer_value(json_object_get(x->row, "issue_published_at")) == 0)
		return info_fail(err, x->field, WORK_ERROR_STATE, NULL,
		                 N_("A report is published with its issue."));
	json_object_set(x->detail, "issue_id", json_object_get(x->row, "issue_id"));
	return TRUE;
}

/* Never offered on a page: the step is the issue's to take. */
static gboolean offer_never(WorkStep *x)
{
	return FALSE;
}

static const WorkKind report_kind = {.load = report_row, .facts = report_facts};
static const WorkKind issue_kind = {.load = issue_row};

void info_flow_register(void)
{
	work_flow_kind("report", &report_kind);
	work_flow_kind("issue", &issue_kind);
	work_flow_hook("info.submit", hook_submit);
	work_flow_hook("info.edit", hook_edit);
	work_flow_hook("info.merge", hook_merge);
	work_flow_hook("info.in_issue", hook_in_issue);
	work_flow_hook("info.publish", info_issue_publish);
	work_flow_hook("info.cancel", info_issue_cancel);
	work_flow_offer("info.never", offer_never);
}
