/*
 * info_issue.c — issues (期) of a bulletin: composed from adopted reports in the editor's
 * order, numbered at publication (期号, gapless per bulletin and year with the counter of 文号),
 * sent to their readers, and read receipts counted once per reader.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

/* Reads OBJ "reports" into IDS: 1…INFO_ISSUE_MAX distinct report ids, each adopted and in no
 * issue other than ISSUE (0: a new one). */
static gboolean issue_reports(DbConn *c, json_t *obj, gint64 issue, GArray *ids, const char **field,
                              GError **err)
{
	json_t *list = json_object_get(obj, "reports"), *v;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return info_fail(err, field, WORK_ERROR_INVALID, "reports",
		                 N_("List the adopted reports of the issue by their ids."));
	if (json_array_size(list) > INFO_ISSUE_MAX) {
		*field = "reports";
		g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID,
		            core_tr_now(N_("An issue holds at most %d reports.")), INFO_ISSUE_MAX);
		return FALSE;
	}
	json_array_foreach (list, i, v) {
		gint64 id = json_integer_value(v);
		g_autofree char *num = g_strdup_printf("%" G_GINT64_FORMAT, id);
		g_autoptr(json_t) r = NULL;

		if (!json_is_integer(v) || id <= 0)
			return info_fail(err, field, WORK_ERROR_INVALID, "reports",
			                 N_("List the adopted reports of the issue by their ids."));
		for (guint k = 0; k < ids->len; k++)
			if (g_array_index(ids, gint64, k) == id)
				return info_fail(err, field, WORK_ERROR_INVALID, "reports",
				                 N_("A report is listed twice."));
		r = work_row(WORK_ERRORS, c, NULL, NULL,
		             "SELECT i.status, i.title, ir.issue_id FROM item i JOIN report r ON "
		             "r.item_id = i.id LEFT JOIN issue_report ir ON ir.report_id = i.id "
		             "WHERE i.id = ?",
		             "i", id);
		if (r == NULL ||
		    g_strcmp0(json_string_value(json_object_get(r, "status")), "adopted") != 0) {
			*field = "reports";
			g_set_error(err, WORK_ERROR, WORK_ERROR_INVALID,
			            core_tr_now(N_("Report %s is not an adopted report.")), num);
			return FALSE;
		}
		if (json_integer_value(json_object_get(r, "issue_id")) &&
		    json_integer_value(json_object_get(r, "issue_id")) != issue) {
			*field = "reports";
			g_set_error(err, WORK_ERROR, WORK_ERROR_CONFLICT,
			            core_tr_now(N_("Report %s is already in another issue.")), num);
			return FALSE;
		}
		g_array_append_val(ids, id);
	}
	return TRUE;
}

/* Puts the reports IDS into ISSUE in their order, in place of any before. */
static gboolean put_reports(DbConn *c, gint64 issue, GArray *ids, GError **err)
{
	if (!info_exec(c, NULL, err, "DELETE FROM issue_report WHERE issue_id = ?", "i", issue))
		return FALSE;
	for (guint k = 0; k < ids->len; k++)
		if (!info_exec(c, NULL, err,
		               "INSERT INTO issue_report (issue_id, report_id, position) "
		               "VALUES (?, ?, ?)",
		               "iii", issue, g_array_index(ids, gint64, k), (gint64)k + 1))
			return FALSE;
	return TRUE;
}

gboolean info_issue_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                           const char **field, GError **err)
{
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(json_t) b = NULL;
	g_autofree char *title = NULL;
	gint64 now = core_now();

	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if ((b = info_bulletin(c, json_string_value(json_object_get(obj, "bulletin")), "bulletin",
	                       field, err)) == NULL ||
	    !issue_reports(c, obj, 0, ids, field, err))
		return FALSE;
	title = g_strdup_printf("《%s》", json_string_value(json_object_get(b, "name")));
	return info_exec(c, id, err,
	                 "INSERT INTO item (kind, title, created_by, status, created_at, "
	                 "updated_at) VALUES ('issue', ?, ?, 'composing', ?, ?) RETURNING id",
	                 "siii", title, u->id, now, now) &&
	       info_exec(c, NULL, err, "INSERT INTO issue (item_id, bulletin) VALUES (?, ?)", "is",
	                 *id, json_string_value(json_object_get(b, "code"))) &&
	       put_reports(c, *id, ids, err) &&
	       work_step_grant(WORK_ERRORS, c, *id, u->id, 0, "created", err) &&
	       work_flow_start(c, *id, "issue", NULL, err);
}

gboolean info_issue_compose(DbConn *c, const AuthUser *u, gint64 id, json_t *obj,
                            const char **field, GError **err)
{
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(json_t) row =
	    work_row(WORK_ERRORS, c, err, N_("There is no such issue."),
	             "SELECT status FROM item WHERE id = ? AND kind = 'issue'", "i", id);
	g_autoptr(json_t) detail = NULL;

	if (row == NULL)
		return FALSE;
	if (g_strcmp0(json_string_value(json_object_get(row, "status")), "composing") != 0)
		return info_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("Only an issue being composed can change its reports."));
	if (!json_is_object(obj) || !issue_reports(c, obj, id, ids, field, err) ||
	    !put_reports(c, id, ids, err))
		return FALSE;
	detail = json_pack("{s:O}", "reports", json_object_get(obj, "reports"));
	return info_exec(c, NULL, err, "UPDATE item SET updated_at = ? WHERE id = ?", "ii",
	                 core_now(), id) &&
	       work_step_event(WORK_ERRORS, c, id, u, "compose", NULL, NULL, NULL, detail, err);
}

/* ---- publication -------------------------------------------------------------------------- */

/* Who reads an issue of bulletin B published on ON: [{"user_id", "reason"}] — every 常委, or
 * for a domain bulletin the leaders routing names for its domain. */
static json_t *issue_readers(DbConn *c, json_t *b, const char *on, GError **err)
{
	json_t *out = json_array(), *v;
	GError *e = NULL;
	size_t i;

	if (strcmp(json_string_value(json_object_get(b, "readers")), "routed") == 0) {
		OrgRouteQuery q = {.work = "report",
		                   .domain = json_string_value(
		                       json_object_get(json_object_get(b, "domain"), "code")),
		                   .on = on};
		const char *field = NULL;
		g_autoptr(json_t) route = org_route(c, &q, core_lang_current(), &field, &e);

		if (route == NULL)
			goto fail;
		json_array_foreach (json_object_get(route, "leaders"), i, v)
			if (json_integer_value(json_object_get(v, "user_id")))
				json_array_append_new(out, json_pack("{s:O, s:O}", "user_id",
				                                     json_object_get(v, "user_id"),
				                                     "reason",
				                                     json_object_get(v, "reason")));
	} else {
		g_autoptr(json_t) committee = org_committee(c, on, &e);

		if (committee == NULL)
			goto fail;
		json_array_foreach (committee, i, v)
			if (json_is_true(json_object_get(v, "standing")) &&
			    json_integer_value(json_object_get(v, "user_id")))
				json_array_append_new(
				    out, json_pack("{s:O, s:s}", "user_id",
				                   json_object_get(v, "user_id"), "reason",
				                   core_tr_now(N_("member of the standing "
				                                  "committee"))));
	}
	return out;
fail:
	json_decref(out);
	work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
	return NULL;
}

gboolean info_issue_publish(WorkStep *x, GError **err)
{
	g_autofree char *today = core_today();
	g_autofree char *title = NULL, *text = NULL;
	g_autoptr(json_t) b =
	    info_bulletin(x->c, json_string_value(json_object_get(x->row, "bulletin")), "bulletin",
	                  x->field, err);
	g_autoptr(json_t) reports = NULL, readers = NULL;
	gint64 year = atoi(today), n = 0;
	json_t *r, *v;
	GError *e = NULL;
	size_t i, k;

	if (b == NULL ||
	    (reports = info_rows(x->c, err,
	                         "SELECT report_id FROM issue_report WHERE issue_id = ? "
	                         "ORDER BY position",
	                         "i", x->id)) == NULL ||
	    (readers = issue_readers(x->c, b, today, err)) == NULL)
		return FALSE;
	if (json_array_size(reports) == 0)
		return info_fail(err, x->field, WORK_ERROR_STATE, "reports",
		                 N_("An issue needs at least one report."));
	/* the number last: its counter row stays locked to the end of the transaction */
	if (!db_counter_next(x->c, json_string_value(json_object_get(b, "code")), (int)year, &n,
	                     &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	title = g_strdup_printf("《%s》%" G_GINT64_FORMAT "年第%" G_GINT64_FORMAT "期",
	                        json_string_value(json_object_get(b, "name")), year, n);
	if (!info_exec(x->c, NULL, err,
	               "UPDATE issue SET year = ?, number = ?, published_at = ? WHERE item_id = ?",
	               "iiii", year, n, core_now(), x->id) ||
	    !info_exec(x->c, NULL, err, "UPDATE item SET title = ? WHERE id = ?", "si", title,
	               x->id))
		return FALSE;
	json_array_foreach (reports, i, r) {
		gint64 rid = json_integer_value(json_object_get(r, "report_id"));
		if (!work_flow_act(x->c, x->u, rid, "publish", NULL, x->field, err))
			return FALSE;
	}
	text = g_strdup_printf("%s已印发，请阅。", title);
	json_array_foreach (readers, i, v) {
		gint64 uid = json_integer_value(json_object_get(v, "user_id"));
		if (!info_exec(
		        x->c, NULL, err,
		        "INSERT INTO issue_read (issue_id, user_id, addressed, reason) VALUES "
		        "(?, ?, 1, ?) ON CONFLICT (issue_id, user_id) DO NOTHING",
		        "iis", x->id, uid, json_string_value(json_object_get(v, "reason"))) ||
		    !work_step_grant(WORK_ERRORS, x->c, x->id, uid, 0, "distributed", err))
			return FALSE;
		/* the readers may open each item, and give a 批示 on it */
		json_array_foreach (reports, k, r)
			if (!work_step_grant(WORK_ERRORS, x->c,
			                     json_integer_value(json_object_get(r, "report_id")),
			                     uid, 0, "distributed", err))
				return FALSE;
		if (!work_notify(x->c, uid, x->id, "issue.published", text, &e)) {
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return FALSE;
		}
	}
	json_object_set_new(x->detail, "number", json_integer(n));
	json_object_set_new(x->detail, "year", json_integer(year));
	json_object_set_new(x->detail, "readers",
	                    json_integer((json_int_t)json_array_size(readers)));
	return TRUE;
}

gboolean info_issue_cancel(WorkStep *x, GError **err)
{
	return info_exec(x->c, NULL, err, "DELETE FROM issue_report WHERE issue_id = ?", "i",
	                 x->id);
}

/* ---- reading ------------------------------------------------------------------------------ */

gboolean info_issue_read(DbConn *c, const AuthUser *u, gint64 id, gboolean *first, GError **err)
{
	g_autoptr(json_t) row =
	    work_row(WORK_ERRORS, c, err, N_("There is no such issue."),
	             "SELECT status FROM item WHERE id = ? AND kind = 'issue'", "i", id);

	*first = FALSE;
	if (row == NULL)
		return FALSE;
	if (g_strcmp0(json_string_value(json_object_get(row, "status")), "published") != 0)
		return info_fail(err, NULL, WORK_ERROR_STATE, NULL,
		                 N_("Only a published issue is read."));
	/* one row per reader, read_at set by the first reading only: two readings at once
	 * stamp it once */
	if (!info_exec(c, NULL, err,
	               "INSERT INTO issue_read (issue_id, user_id, addressed) VALUES (?, ?, 0) "
	               "ON CONFLICT (issue_id, user_id) DO NOTHING",
	               "ii", id, u->id) ||
	    !info_exec(c, NULL, err,
	               "UPDATE issue_read SET read_at = ? WHERE issue_id = ? AND user_id = ? AND "
	               "read_at IS NULL",
	               "iii", core_now(), id, u->id))
		return FALSE;
	*first = db_changes(c) == 1;
	return TRUE;
}

json_t *info_issue_reads(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) rows = info_rows(
	    c, err,
	    "SELECT u.username AS user, u.display_name AS name, r.addressed, r.reason, r.read_at, "
	    "s.published_at, b.unread_hours FROM issue_read r JOIN user_account u ON u.id = "
	    "r.user_id JOIN issue s ON s.item_id = r.issue_id JOIN bulletin b ON b.code = "
	    "s.bulletin LEFT JOIN leader l ON l.user_id = r.user_id WHERE r.issue_id = ? "
	    "ORDER BY r.read_at IS NULL, r.read_at, l.rank, u.id",
	    "i", id);
	json_t *items, *unread, *r;
	gint64 readers = 0, read = 0, hours = 0, published = 0;
	size_t i;

	if (rows == NULL)
		return NULL;
	items = json_array();
	unread = json_array();
	json_array_foreach (rows, i, r) {
		gboolean addressed = json_integer_value(json_object_get(r, "addressed")) != 0;
		hours = json_integer_value(json_object_get(r, "unread_hours"));
		published = json_integer_value(json_object_get(r, "published_at"));
		readers += addressed;
		if (json_is_integer(json_object_get(r, "read_at"))) {
			read += addressed;
			json_array_append_new(
			    items,
			    json_pack("{s:O, s:O, s:O, s:b}", "user", json_object_get(r, "user"),
			              "name", json_object_get(r, "name"), "read_at",
			              json_object_get(r, "read_at"), "addressed", addressed));
		} else {
			json_array_append_new(
			    unread, json_pack("{s:O, s:O, s:O}", "user", json_object_get(r, "user"),
			                      "name", json_object_get(r, "name"), "reason",
			                      json_object_get(r, "reason")));
		}
	}
	return json_pack("{s:o, s:o, s:I, s:I, s:b, s:I}", "items", items, "unread", unread,
	                 "readers", (json_int_t)readers, "read", (json_int_t)read, "overdue",
	                 json_array_size(unread) > 0 && published &&
	                     core_calendar_working_minutes(published, core_now()) >= hours * 60,
	                 "unread_hours", (json_int_t)hours);
}

json_t *info_issue_get(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	g_autoptr(json_t) s = work_row(
	    WORK_ERRORS, c, err, N_("There is no such issue."),
	    "SELECT i.id, i.title, i.status, i.created_at, s.bulletin AS bulletin_code, s.year, "
	    "s.number, s.published_at, r.read_at, COALESCE(r.addressed, 0) AS addressed FROM item "
	    "i "
	    "JOIN issue s ON s.item_id = i.id LEFT JOIN issue_read r ON r.issue_id = i.id AND "
	    "r.user_id = ? WHERE i.id = ?",
	    "ii", u ? u->id : 0, id);
	json_t *b, *reports, *reads;

	if (s == NULL)
		return NULL;
	if ((b = info_bulletin(c, json_string_value(json_object_get(s, "bulletin_code")),
	                       "bulletin", NULL, err)) == NULL)
		return NULL;
	json_object_set_new(s, "bulletin", b);
	json_object_del(s, "bulletin_code");
	info_set_status_label(c, s, "issue");
	reports = info_rows(
	    c, err,
	    "SELECT i.id, COALESCE(r.edited_title, i.title) AS title, COALESCE(r.edited_body, "
	    "r.body) AS body, r.urgency, n.name AS unit, d.name AS domain, ir.position FROM "
	    "issue_report ir JOIN item i ON i.id = ir.report_id JOIN report r ON r.item_id = i.id "
	    "LEFT JOIN unit n ON n.id = i.unit_id LEFT JOIN domain d ON d.id = r.domain_id WHERE "
	    "ir.issue_id = ? ORDER BY ir.position",
	    "i", id);
	if (reports == NULL)
		return NULL;
	json_object_set_new(s, "reports", reports);
	if (u && auth_can(u, "work.all") && json_is_integer(json_object_get(s, "published_at"))) {
		if ((reads = info_issue_reads(c, id, err)) == NULL)
			return NULL;
		json_object_set_new(s, "reads", reads);
	}
	if (!work_flow_describe(c, u, id, s, err))
		return NULL;
	return g_steal_pointer(&s);
}

json_t *info_issue_list(DbConn *c, const AuthUser *u, const char *bulletin, gint64 before,
                        int limit, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new(
	    "SELECT i.id, i.title, i.status, s.bulletin, s.year, s.number, s.published_at, "
	    "(SELECT count(*) FROM issue_report ir WHERE ir.issue_id = i.id) AS reports, "
	    "(SELECT count(*) FROM issue_read r WHERE r.issue_id = i.id AND r.addressed = 1) AS "
	    "readers, (SELECT count(*) FROM issue_read r WHERE r.issue_id = i.id AND r.addressed = "
	    "1 AND r.read_at IS NOT NULL) AS read_by, b.unread_hours FROM item i JOIN issue s ON "
	    "s.item_id = i.id JOIN bulletin b ON b.code = s.bulletin");
	json_t *rows, *r;
	gint64 now = core_now();
	size_t i;

	auth_item_filter(q, u);
	if (bulletin)
		db_query_where(q, "s.bulletin = ?", "s", bulletin);
	if (before > 0)
		db_query_where(q, "i.id < ?", "i", before);
	db_query_add(q, " ORDER BY i.id DESC", NULL);
	db_query_limit(q, limit > 0 ? limit : 50);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	json_array_foreach (rows, i, r) {
		gint64 at = json_integer_value(json_object_get(r, "published_at"));

		info_set_status_label(c, r, "issue");
		/* the editor's flag: some reader has not read it within the bulletin's hours */
		json_object_set_new(
		    r, "overdue",
		    json_boolean(at &&
		                 json_integer_value(json_object_get(r, "read_by")) <
		                     json_integer_value(json_object_get(r, "readers")) &&
		                 core_calendar_working_minutes(at, now) >=
		                     json_integer_value(json_object_get(r, "unread_hours")) * 60));
		json_object_del(r, "unread_hours");
	}
	return rows;
}
