/*
 * info_report.c — reports (信息稿): made by a unit's liaison or by the office, read with the
 * editor's version beside the original, listed as the editors' queue (urgent first).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/core.h"

#include <string.h>

/* The source unit of a new report: a liaison's own unit; office staff may name one. */
static gboolean source_unit(DbConn *c, const AuthUser *u, json_t *obj, gint64 *unit,
                            const char **field, GError **err)
{
	json_t *ref = json_object_get(obj, "unit");

	*unit = u->unit_id;
	if (ref == NULL || json_is_null(ref) || !auth_can(u, "work.all"))
		return TRUE;
	return work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_UNIT, "unit", ref,
	                        unit, field, err);
}

gboolean info_report_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                            const char **field, GError **err)
{
	const char *title = json_string_value(json_object_get(obj, "title"));
	const char *body = json_string_value(json_object_get(obj, "body"));
	json_t *urg = json_object_get(obj, "urgency"), *submit = json_object_get(obj, "submit");
	const char *urgency = urg ? json_string_value(urg) : "normal";
	gint64 domain = 0, unit = 0, now = core_now();

	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (title == NULL || g_utf8_strlen(title, -1) < 2)
		return info_fail(err, field, WORK_ERROR_INVALID, "title",
		                 N_("The title is 2 to 200 characters."));
	if (g_utf8_strlen(title, -1) > INFO_TITLE_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "title",
		                          INFO_TITLE_MAX);
	if (body == NULL || core_text_blank(body))
		return info_fail(err, field, WORK_ERROR_INVALID, "body",
		                 N_("Write the report's text."));
	if (g_utf8_strlen(body, -1) > INFO_BODY_MAX)
		return work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "body",
		                          INFO_BODY_MAX);
	if (urgency == NULL || (strcmp(urgency, "urgent") && strcmp(urgency, "normal")))
		return info_fail(err, field, WORK_ERROR_INVALID, "urgency",
		                 N_("The urgency is urgent (紧急信息) or normal (一般)."));
	if (submit && !json_is_boolean(submit))
		return info_fail(err, field, WORK_ERROR_INVALID, "submit",
		                 N_("Submit is true or false."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
	                      json_object_get(obj, "domain"), &domain, field, err) ||
	    !source_unit(c, u, obj, &unit, field, err))
		return FALSE;
	if (!info_exec(c, id, err,
	               "INSERT INTO item (kind, title, unit_id, created_by, status, created_at, "
	               "updated_at) VALUES ('report', ?, NULLIF(?, 0), ?, 'draft', ?, ?) "
	               "RETURNING id",
	               "siiii", title, unit, u->id, now, now) ||
	    !info_exec(c, NULL, err,
	               "INSERT INTO report (item_id, body, domain_id, urgency) "
	               "VALUES (?, ?, NULLIF(?, 0), ?)",
	               "isis", *id, body, domain, urgency) ||
	    !work_step_grant(WORK_ERRORS, c, *id, u->id, 0, "created", err) ||
	    (unit && !work_step_grant(WORK_ERRORS, c, *id, 0, unit, "created", err)) ||
	    !work_flow_start(c, *id, "report", NULL, err) ||
	    !work_search_index(c, *id, title, body, err))
		return FALSE;
	return !json_is_true(submit) || work_flow_act(c, u, *id, "submit", NULL, field, err);
}

void info_set_status_label(DbConn *c, json_t *r, const char *kind)
{
	json_object_set_new(
	    r, "status_label",
	    json_string(work_item_status_label(
	        c, kind, json_string_value(json_object_get(r, "status")), core_lang_current())));
}

void info_nest_ref(json_t *r, const char *prefix)
{
	g_autofree char *code_key = g_strdup_printf("%s_code", prefix);
	g_autofree char *name_key = g_strdup_printf("%s_name", prefix);
	json_t *code = json_object_get(r, code_key);

	json_object_set_new(r, prefix,
	                    json_is_string(code) ? json_pack("{s:O, s:O}", "code", code, "name",
	                                                     json_object_get(r, name_key))
	                                         : json_null());
	json_object_del(r, code_key);
	json_object_del(r, name_key);
}

json_t *info_report_get(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	g_autoptr(json_t) r = work_row(
	    WORK_ERRORS, c, err, N_("There is no such report."),
	    "SELECT i.id, i.title, i.status, i.created_at, r.body, r.urgency, r.edited_title, "
	    "r.edited_body, r.edited_at, eu.display_name AS edited_by, r.submitted_at, "
	    "r.merged_into, d.code AS domain_code, d.name AS domain_name, n.code AS unit_code, "
	    "n.name AS unit_name, cu.display_name AS author, ir.issue_id, s.number AS "
	    "issue_number, "
	    "s.year AS issue_year, si.title AS issue_title, r.inaccurate_at, r.inaccurate_note "
	    "FROM item i JOIN report r ON r.item_id "
	    "= i.id LEFT JOIN domain d ON d.id = r.domain_id LEFT JOIN unit n ON n.id = i.unit_id "
	    "LEFT JOIN user_account cu ON cu.id = i.created_by LEFT JOIN user_account eu ON eu.id "
	    "= r.edited_by LEFT JOIN issue_report ir ON ir.report_id = i.id LEFT JOIN issue s ON "
	    "s.item_id = ir.issue_id LEFT JOIN item si ON si.id = ir.issue_id WHERE i.id = ? AND "
	    "i.kind = 'report'",
	    "i", id);
	json_t *merged;

	if (r == NULL)
		return NULL;
	/* the editor's version is the report now; the original stays beside it */
	if (json_is_string(json_object_get(r, "edited_title")) ||
	    json_is_string(json_object_get(r, "edited_body"))) {
		json_object_set_new(r, "original",
		                    json_pack("{s:O, s:O}", "title", json_object_get(r, "title"),
		                              "body", json_object_get(r, "body")));
		if (json_is_string(json_object_get(r, "edited_title")))
			json_object_set(r, "title", json_object_get(r, "edited_title"));
		if (json_is_string(json_object_get(r, "edited_body")))
			json_object_set(r, "body", json_object_get(r, "edited_body"));
	} else {
		json_object_set_new(r, "original", json_null());
	}
	json_object_del(r, "edited_title");
	json_object_del(r, "edited_body");
	info_nest_ref(r, "domain");
	info_nest_ref(r, "unit");
	if (json_integer_value(json_object_get(r, "issue_id")))
		json_object_set_new(r, "issue",
		                    json_pack("{s:O, s:O, s:O, s:O}", "id",
		                              json_object_get(r, "issue_id"), "title",
		                              json_object_get(r, "issue_title"), "number",
		                              json_object_get(r, "issue_number"), "year",
		                              json_object_get(r, "issue_year")));
	else
		json_object_set_new(r, "issue", json_null());
	json_object_del(r, "issue_id");
	json_object_del(r, "issue_title");
	json_object_del(r, "issue_number");
	json_object_del(r, "issue_year");
	info_set_status_label(c, r, "report");
	merged = info_rows(c, err,
	                   "SELECT i.id, i.title FROM report r JOIN item i ON i.id = r.item_id "
	                   "WHERE r.merged_into = ? ORDER BY i.id",
	                   "i", id);
	if (merged == NULL)
		return NULL;
	json_object_set_new(r, "merged", merged);
	if ((merged = info_report_uses(c, id, err)) == NULL)
		return NULL;
	json_object_set_new(r, "uses", merged);
	json_object_set_new(r, "inaccurate",
	                    json_boolean(!json_is_null(json_object_get(r, "inaccurate_at"))));
	if (!work_flow_describe(c, u, id, r, err))
		return NULL;
	return g_steal_pointer(&r);
}

/* Adds to Q that drafts are listed only to those who write them: their author and their unit
 * (the office sees a unit's report once it is submitted). */
static void own_drafts(DbQuery *q, const AuthUser *u)
{
	db_query_where(q, "i.status <> 'draft' OR i.created_by = ? OR i.unit_id = ?", "ii", u->id,
	               u->unit_id ? u->unit_id : -1);
}

json_t *info_report_list(DbConn *c, const AuthUser *u, const InfoReportFilter *f, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new(
	    "SELECT i.id, COALESCE(r.edited_title, i.title) AS title, r.urgency, i.status, "
	    "n.code AS unit_code, n.name AS unit_name, d.code AS domain_code, d.name AS "
	    "domain_name, "
	    "r.submitted_at, i.created_at FROM item i JOIN report r ON r.item_id = i.id "
	    "LEFT JOIN unit n ON n.id = i.unit_id LEFT JOIN domain d ON d.id = r.domain_id");
	json_t *rows, *r;
	size_t i;

	auth_item_filter(q, u);
	own_drafts(q, u);
	if (f->status)
		db_query_where(q, "i.status = ?", "s", f->status);
	if (f->urgency)
		db_query_where(q, "r.urgency = ?", "s", f->urgency);
	if (f->before > 0)
		db_query_where(q, "i.id < ?", "i", f->before);
	/* the editors' queue: 紧急信息 first, then in the order they came in */
	if (g_strcmp0(f->status, "submitted") == 0)
		db_query_add(q, " ORDER BY r.urgency DESC, r.submitted_at, i.id", NULL);
	else
		db_query_add(q, " ORDER BY i.id DESC", NULL);
	db_query_limit(q, f->limit > 0 ? f->limit : 50);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	json_array_foreach (rows, i, r) {
		info_nest_ref(r, "unit");
		info_nest_ref(r, "domain");
		info_set_status_label(c, r, "report");
	}
	return rows;
}

json_t *info_report_counts(DbConn *c, const AuthUser *u, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new("SELECT i.status, r.urgency, count(*) AS n FROM item i "
	                                    "JOIN report r ON r.item_id = i.id");
	json_t *rows, *r, *out;
	size_t i;

	auth_item_filter(q, u);
	own_drafts(q, u);
	db_query_add(q, " GROUP BY i.status, r.urgency", NULL);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	out = json_object();
	json_array_foreach (rows, i, r) {
		const char *status = json_string_value(json_object_get(r, "status"));
		json_int_t n = json_integer_value(json_object_get(r, "n"));
		json_object_set_new(
		    out, status,
		    json_integer(json_integer_value(json_object_get(out, status)) + n));
		if (strcmp(status, "submitted") == 0 &&
		    g_strcmp0(json_string_value(json_object_get(r, "urgency")), "urgent") == 0)
			json_object_set_new(out, "urgent", json_integer(n));
	}
	json_decref(rows);
	return out;
}
