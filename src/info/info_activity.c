/*
 * info_activity.c — the leaders' public activities (领导活动) the bulletins report, and the weekly
 * check that every 常委 has one recorded and that every 常委's portfolio (分工) had a report in
 * the month.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

#define ACTIVITY_SELECT                                                                            \
	"SELECT a.id, a.day AS date, a.place, a.topic, a.leader_id, u.username AS leader, "        \
	"l.name AS leader_name, l.title AS leader_title, a.domain_id, d.code AS domain_code, "     \
	"d.name AS domain_name, a.item_id, i.kind AS item_kind, i.title AS item_title, "           \
	"a.created_at FROM leader_activity a JOIN leader l ON l.id = a.leader_id "                 \
	"LEFT JOIN user_account u ON u.id = l.user_id LEFT JOIN domain d ON d.id = a.domain_id "   \
	"LEFT JOIN item i ON i.id = a.item_id"

/* Shapes an activity row: "domain" {code, name}|null, "item" {id, kind, title}|null. */
static void activity_shape(json_t *r)
{
	json_t *item = json_object_get(r, "item_id");

	info_nest_ref(r, "domain");
	json_object_set_new(r, "item",
	                    json_is_integer(item)
	                        ? json_pack("{s:O, s:O, s:O}", "id", item, "kind",
	                                    json_object_get(r, "item_kind"), "title",
	                                    json_object_get(r, "item_title"))
	                        : json_null());
	json_object_del(r, "item_kind");
	json_object_del(r, "item_title");
}

/* The item an activity appeared in: a report or an issue, by id (0: none). */
static gboolean activity_item(DbConn *c, json_t *v, gint64 *item, const char **field, GError **err)
{
	g_autoptr(json_t) rows = NULL;

	*item = 0;
	if (v == NULL || json_is_null(v))
		return TRUE;
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		return info_fail(err, field, WORK_ERROR_INVALID, "item",
		                 N_("Give the number of a report or an issue."));
	rows = info_rows(c, err, "SELECT id FROM item WHERE id = ? AND kind IN ('report', 'issue')",
	                 "i", (gint64)json_integer_value(v));
	if (rows == NULL)
		return FALSE;
	if (json_array_size(rows) == 0)
		return info_fail(err, field, WORK_ERROR_INVALID, "item",
		                 N_("There is no such report or issue."));
	*item = json_integer_value(v);
	return TRUE;
}

gboolean info_activity_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id,
                              const char **field, GError **err)
{
	const char *date = json_string_value(json_object_get(obj, "date"));
	const char *topic = NULL, *place = NULL;
	gint64 leader = 0, domain = 0, item = 0;
	g_autoptr(json_t) office = NULL;

	if (!json_is_object(obj))
		return info_fail(err, field, WORK_ERROR_INVALID, NULL, N_("Send a JSON object."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_LEADER, "leader",
	                      json_object_get(obj, "leader"), &leader, field, err))
		return FALSE;
	if (leader == 0)
		return info_fail(err, field, WORK_ERROR_INVALID, "leader",
		                 N_("Choose the leader."));
	if (!core_date_valid(date))
		return info_fail(err, field, WORK_ERROR_INVALID, "date",
		                 N_("Give the date as YYYY-MM-DD."));
	if (!work_text_field(WORK_ERRORS, WORK_ERROR_INVALID, obj, "topic", INFO_TITLE_MAX, &topic,
	                     field, err) ||
	    !work_text_field(WORK_ERRORS, WORK_ERROR_INVALID, obj, "place", INFO_PLACE_MAX, &place,
	                     field, err))
		return FALSE;
	if (core_text_blank(topic))
		return info_fail(err, field, WORK_ERROR_INVALID, "topic",
		                 N_("Write what the activity was about."));
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_DOMAIN, "domain",
	                      json_object_get(obj, "domain"), &domain, field, err) ||
	    !activity_item(c, json_object_get(obj, "item"), &item, field, err))
		return FALSE;
	/* an activity belongs to the days the leader was in office */
	office = info_rows(c, err,
	                   "SELECT id FROM leader WHERE id = ? AND valid_from <= ? AND "
	                   "(valid_to IS NULL OR valid_to >= ?)",
	                   "iss", leader, date, date);
	if (office == NULL)
		return FALSE;
	if (json_array_size(office) == 0)
		return info_fail(err, field, WORK_ERROR_INVALID, "leader",
		                 N_("This leader was not in office on that date."));
	return info_exec(c, id, err,
	                 "INSERT INTO leader_activity (leader_id, day, place, topic, domain_id, "
	                 "item_id, created_by, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), "
	                 "NULLIF(?, 0), ?, ?) RETURNING id",
	                 "isssiiii", leader, date, place, topic, domain, item, u->id, core_now());
}

gboolean info_activity_delete(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) gone =
	    info_rows(c, err, "DELETE FROM leader_activity WHERE id = ? RETURNING id", "i", id);

	if (gone == NULL)
		return FALSE;
	if (json_array_size(gone) == 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such activity."));
		return FALSE;
	}
	return TRUE;
}

json_t *info_activity_get(DbConn *c, gint64 id, GError **err)
{
	json_t *r = work_row(WORK_ERRORS, c, err, N_("There is no such activity."),
	                     ACTIVITY_SELECT " WHERE a.id = ?", "i", id);

	if (r)
		activity_shape(r);
	return r;
}

json_t *info_activity_list(DbConn *c, const InfoActivityFilter *f, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new(ACTIVITY_SELECT);
	json_t *rows, *r;
	size_t i;

	if (f->leader)
		db_query_where(q, "a.leader_id = ?", "i", f->leader);
	if (f->from)
		db_query_where(q, "a.day >= ?", "s", f->from);
	if (f->to)
		db_query_where(q, "a.day <= ?", "s", f->to);
	db_query_add(q, " ORDER BY a.day, l.rank, a.id", NULL);
	db_query_limit(q, f->limit > 0 ? f->limit : 200);
	if (f->offset > 0)
		db_query_add(q, " OFFSET ?", "i", (gint64)f->offset);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL)
		return NULL;
	json_array_foreach (rows, i, r)
		activity_shape(r);
	return rows;
}

/* ---- the weekly coverage check ------------------------------------------------------------ */

/* The 常委 in office on FROM or on TO, by rank: [{leader_id, leader (username), name, title}]. */
static json_t *standing_members(DbConn *c, const char *from, const char *to, GError **err)
{
	const char *days[2] = {from, to};
	g_autoptr(json_t) seen = json_object();
	json_t *out = json_array();

	for (int k = 0; k < 2; k++) {
		GError *e = NULL;
		g_autoptr(json_t) members = org_committee(c, days[k], &e);
		json_t *m;
		size_t i;

		if (members == NULL) {
			json_decref(out);
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return NULL;
		}
		json_array_foreach (members, i, m) {
			g_autofree char *key =
			    g_strdup_printf("%" JSON_INTEGER_FORMAT,
			                    json_integer_value(json_object_get(m, "leader_id")));
			if (!json_is_true(json_object_get(m, "standing")) ||
			    json_object_get(seen, key))
				continue;
			json_object_set_new(seen, key, json_true());
			json_array_append_new(out,
			                      json_pack("{s:O, s:O, s:O, s:O}", "leader_id",
			                                json_object_get(m, "leader_id"), "leader",
			                                json_object_get(m, "username"), "name",
			                                json_object_get(m, "name"), "title",
			                                json_object_get(m, "title")));
		}
	}
	return out;
}

/* The leaders (ids as keys of the returned object) to whom routing sends the reports submitted
 * from FROM to TO (Unix seconds, TO excluded), on the day each was submitted: a report in a
 * domain without a leader of its own counts for its parent's, as routing decides. */
static json_t *reported_leaders(DbConn *c, gint64 from, gint64 to, GError **err)
{
	g_autoptr(json_t) rows = info_rows(
	    c, err,
	    "SELECT DISTINCT d.code, r.submitted_at FROM report r JOIN item i ON i.id = r.item_id "
	    "JOIN domain d ON d.id = r.domain_id WHERE r.submitted_at >= ? AND r.submitted_at < ? "
	    "AND i.status NOT IN ('draft', 'withdrawn')",
	    "ii", from, to);
	json_t *out, *r;
	size_t i;

	if (rows == NULL)
		return NULL;
	out = json_object();
	json_array_foreach (rows, i, r) {
		g_autofree char *on = core_time_format(
		    json_integer_value(json_object_get(r, "submitted_at")), "%Y-%m-%d");
		OrgRouteQuery q = {.work = "report",
		                   .domain = json_string_value(json_object_get(r, "code")),
		                   .on = on};
		GError *e = NULL;
		g_autoptr(json_t) route = org_route(c, &q, CORE_LANG_ZH, NULL, &e);
		json_t *l;
		size_t k;

		if (route == NULL) {
			json_decref(out);
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
			return NULL;
		}
		json_array_foreach (json_object_get(route, "leaders"), k, l) {
			g_autofree char *key = g_strdup_printf(
			    "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(l, "id")));
			/* the routing rules (committee-wide matters to 书记 …) are no portfolio */
			if (g_strcmp0(json_string_value(json_object_get(l, "basis")), "domain") ==
			    0)
				json_object_set_new(out, key, json_true());
		}
	}
	return out;
}

json_t *info_coverage(DbConn *c, const GDate *monday, GError **err)
{
	GDate sunday = *monday, thursday = *monday, first, next;
	g_autofree char *week = core_week_format(monday), *from = core_date_format(monday);
	g_autofree char *to = NULL, *month_from = NULL, *month_to = NULL;
	g_autoptr(json_t) members = NULL, counts = NULL, reported = NULL, portfolio = NULL;
	json_t *missing, *covered, *without, *m, *r;
	size_t i;

	g_date_add_days(&sunday, 6);
	to = core_date_format(&sunday);
	/* the week's month is its Thursday's, as ISO gives the week its Thursday's year */
	g_date_add_days(&thursday, 3);
	g_date_clear(&first, 1);
	g_date_set_dmy(&first, 1, g_date_get_month(&thursday), g_date_get_year(&thursday));
	next = first;
	g_date_add_months(&next, 1);
	month_from = core_date_format(&first);
	g_date_subtract_days(&next, 1);
	month_to = core_date_format(&next);
	g_date_add_days(&next, 1);

	if ((members = standing_members(c, from, to, err)) == NULL ||
	    (counts = info_rows(c, err,
	                        "SELECT leader_id, count(*) AS n FROM leader_activity WHERE day "
	                        ">= ? AND day <= ? GROUP BY leader_id",
	                        "ss", from, to)) == NULL ||
	    (reported = reported_leaders(c, core_date_unix(&first), core_date_unix(&next), err)) ==
	        NULL ||
	    (portfolio = info_rows(c, err,
	                           "SELECT DISTINCT a.leader_id, d.code, d.name, d.position, d.id "
	                           "FROM assignment a JOIN domain d ON d.id = a.domain_id WHERE "
	                           "a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to >= ?) "
	                           "ORDER BY d.position, d.id",
	                           "ss", month_to, month_from)) == NULL)
		return NULL;

	missing = json_array();
	covered = json_array();
	without = json_array();
	json_array_foreach (members, i, m) {
		json_int_t id = json_integer_value(json_object_get(m, "leader_id"));
		g_autofree char *key = g_strdup_printf("%" JSON_INTEGER_FORMAT, id);
		json_int_t n = 0;
		json_t *domains = json_array();
		size_t k;

		json_array_foreach (counts, k, r)
			if (json_integer_value(json_object_get(r, "leader_id")) == id)
				n = json_integer_value(json_object_get(r, "n"));
		if (n > 0)
			json_array_append_new(covered,
			                      json_pack("{s:O, s:O, s:O, s:O, s:I}", "leader",
			                                json_object_get(m, "leader"), "leader_id",
			                                json_object_get(m, "leader_id"), "name",
			                                json_object_get(m, "name"), "title",
			                                json_object_get(m, "title"), "count",
			                                (json_int_t)n));
		else
			json_array_append(missing, m);
		json_array_foreach (portfolio, k, r)
			if (json_integer_value(json_object_get(r, "leader_id")) == id)
				json_array_append_new(domains,
				                      json_pack("{s:O, s:O}", "code",
				                                json_object_get(r, "code"), "name",
				                                json_object_get(r, "name")));
		/* a portfolio none of the month's reports reached, as routing sends them */
		if (json_array_size(domains) > 0 && json_object_get(reported, key) == NULL)
			json_array_append_new(
			    without, json_pack("{s:O, s:O, s:O, s:O, s:o}", "leader",
			                       json_object_get(m, "leader"), "leader_id",
			                       json_object_get(m, "leader_id"), "name",
			                       json_object_get(m, "name"), "title",
			                       json_object_get(m, "title"), "domains", domains));
		else
			json_decref(domains);
	}
	return json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:o, s:o, s:o}", "week", week, "from", from,
	                 "to", to, "month", "from", month_from, "to", month_to, "missing", missing,
	                 "covered", covered, "portfolios_without_report", without);
}
