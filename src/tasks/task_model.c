/*
 * task_model.c — tasks (交办件) as data: creating one from an instruction or another source
 * with its responsible leader (routing) and its deadline in working days, reading one back, the
 * ledger's list and the statistics.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "work/flow.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

const char *const tasks_sources[] = {"instruction", "meeting",  "key_work",
                                     "higher",      "petition", NULL};

/* ---- helpers ------------------------------------------------------------------------------ */

json_t *tasks_recipients(DbConn *c, gint64 item, GError **err)
{
	/* the lead unit's liaisons and the responsible leader's account … */
	json_t *rows = tasks_rows(
	    c, err,
	    "SELECT u.id FROM user_account u JOIN user_role r ON r.user_id = u.id AND r.role = "
	    "'liaison' JOIN task t ON t.lead_unit_id = u.unit_id WHERE t.item_id = ? AND "
	    "u.disabled = 0 UNION SELECT l.user_id AS id FROM task t JOIN leader l ON l.id = "
	    "t.leader_id WHERE t.item_id = ? AND l.user_id IS NOT NULL",
	    "ii", item, item);
	json_t *ids, *staff, *r, *v;
	size_t i, j;

	if (rows == NULL)
		return NULL;
	/* … and the staff of the departments that handle supervision (督查室) */
	if ((staff = org_handling_staff(c, "task", err)) == NULL) {
		json_decref(rows);
		return NULL;
	}
	ids = json_array();
	json_array_foreach (rows, i, r)
		json_array_append(ids, json_object_get(r, "id"));
	json_array_foreach (staff, i, v) {
		gboolean seen = FALSE;
		json_array_foreach (ids, j, r)
			seen = seen || json_equal(r, v);
		if (!seen)
			json_array_append(ids, v);
	}
	json_decref(rows);
	json_decref(staff);
	return ids;
}

/* ---- creating ----------------------------------------------------------------------------- */

/* Resolves the reference VALUE (request field NAME, CONTRACT.md "References in request
 * bodies") to a KIND's id in *ID; 0 when not named. */
#define tasks_ref(c, kind, name, value, id, field, err)                                            \
	work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, kind, name, value, id, field, err)

/* Fills *DEADLINE ('YYYY-MM-DD', g_free) from OBJ's deadline or deadline_days (N working days
 * after TODAY, today not counted), or deadline_hours (N hours from now, for work against the
 * clock such as a 批示 on an incident: *AT the instant, the deadline its day); *DAYS = N or
 * 0, *AT = 0 unless by the hour. */
static gboolean deadline_of(json_t *obj, const char *today, char **deadline, gint64 *days,
                            gint64 *at, const char **field, GError **err)
{
	const char *d = json_string_value(json_object_get(obj, "deadline"));
	json_t *n = json_object_get(obj, "deadline_days");
	json_t *h = json_object_get(obj, "deadline_hours");
	const char *days_field = "deadline_days";
	GDate from, out;

	*days = 0;
	*at = 0;
	if (h && !json_is_null(h)) {
		if (d || n)
			return tasks_fail_field(
			    err, field, WORK_ERROR_INVALID, "deadline_hours",
			    N_("Give the deadline as a date, working days or hours, only one."));
		if (!json_is_integer(h) || json_integer_value(h) < 1 || json_integer_value(h) > 720)
			return tasks_fail_field(err, field, WORK_ERROR_INVALID, "deadline_hours",
			                        N_("A deadline in hours is 1 to 720 hours."));
		*at = core_now() + json_integer_value(h) * 3600;
		*deadline = core_time_format(*at, "%Y-%m-%d");
		return TRUE;
	}
	/* deadline_working_days is the name for the same thing; either is accepted */
	if (n == NULL && (n = json_object_get(obj, "deadline_working_days")) != NULL)
		days_field = "deadline_working_days";
	if (d && n)
		return tasks_fail_field(
		    err, field, WORK_ERROR_INVALID, "deadline",
		    N_("Give the deadline as a date or as working days, not both."));
	if (d) {
		GDate limit;
		core_date_parse(today, &limit);
		g_date_add_days(&limit, 731); /* two years: beyond that a deadline is a plan */
		if (!core_date_parse(d, &out) || strcmp(d, today) < 0 ||
		    g_date_compare(&out, &limit) > 0)
			return tasks_fail_field(
			    err, field, WORK_ERROR_INVALID, "deadline",
			    N_("The deadline is a date (YYYY-MM-DD) from today to "
			       "two years ahead."));
		*deadline = g_strdup(d);
		return TRUE;
	}
	if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > 365)
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, days_field,
		                        N_("Give a deadline: a date, or 1 to 365 working days."));
	*days = json_integer_value(n);
	core_date_parse(today, &from);
	core_calendar_add(&from, (int)*days, &out);
	*deadline = core_date_format(&out);
	return TRUE;
}

void tasks_responsible(DbConn *c, const char *domain, gint64 instructor, const char *today,
                       gint64 *out, char **reason)
{
	OrgRouteQuery q = {.work = "task", .domain = domain, .on = today};
	g_autoptr(GError) e = NULL;
	json_t *r = NULL, *first = NULL;

	/* an unknown domain was refused before; a routing failure leaves the default */
	if (domain && (r = org_route(c, &q, CORE_LANG_ZH, NULL, &e)) != NULL)
		first = json_array_get(json_object_get(r, "leaders"), 0);
	if (first) {
		*out = json_integer_value(json_object_get(first, "id"));
		*reason = g_strdup(json_string_value(json_object_get(first, "reason")));
	} else {
		*out = instructor;
		*reason = g_strdup(instructor ? "作出批示的领导" : "");
	}
	json_decref(r);
}

/* Applies OBJ's "leader" (another responsible leader than routing's *LEADER) and its
 * "leader_reason" (required then, kept and shown in the history); *OVERRIDDEN tells. */
static gboolean leader_choice(DbConn *c, json_t *obj, gint64 *leader, char **reason,
                              gboolean *overridden, const char **field, GError **err)
{
	const char *why = json_string_value(json_object_get(obj, "leader_reason"));
	json_t *ref = json_object_get(obj, "leader");
	gint64 chosen = 0;

	*overridden = FALSE;
	if (ref == NULL || json_is_null(ref) || (json_is_string(ref) && !*json_string_value(ref)))
		return TRUE;
	if (!work_ref_resolve(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_LEADER, "leader", ref,
	                      &chosen, field, err))
		return FALSE;
	if (chosen == *leader)
		return TRUE;
	if (why == NULL || g_utf8_strlen(why, -1) < 2 || g_utf8_strlen(why, -1) > 200)
		return tasks_fail_field(
		    err, field, WORK_ERROR_INVALID, "leader_reason",
		    N_("Say why another leader is responsible, in 2 to 200 characters."));
	*leader = chosen;
	g_free(*reason);
	*reason = g_strdup(why);
	*overridden = TRUE;
	return TRUE;
}

/* 督办编号: the next number of the year of TODAY, gapless, from the counter the 文号 use
 * (db_counter_next: its row is locked to the end of the transaction, so concurrent tasks wait
 * for each other and none takes a number twice). */
static gboolean supervision_number(DbConn *c, gint64 item, const char *today, char **no,
                                   GError **err)
{
	GError *e = NULL;
	int year = atoi(today);
	gint64 n = 0;

	if (!db_counter_next(c, "tasks.supervision", year, &n, &e)) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	g_assert(n >= 1);
	*no = g_strdup_printf("督〔%d〕%" G_GINT64_FORMAT "号", year, n);
	return tasks_exec(c, NULL, err,
	                  "UPDATE task SET supervision_no = ?, supervision_year = ?, "
	                  "supervision_n = ? WHERE item_id = ?",
	                  "siii", *no, (gint64)year, n, item);
}

gboolean tasks_create(DbConn *c, const AuthUser *u, json_t *obj, gint64 *id, const char **field,
                      GError **err)
{
	const char *source = json_string_value(json_object_get(obj, "source"));
	const char *content = json_string_value(json_object_get(obj, "content"));
	const char *req = json_string_value(json_object_get(obj, "requirements"));
	json_t *domain = json_object_get(obj, "domain"), *co = json_object_get(obj, "co_units");
	json_t *instr = NULL, *v, *dcode = NULL, *dl = NULL;
	g_autofree char *today = core_today(), *deadline = NULL, *reason = NULL, *title = NULL;
	g_autofree char *no = NULL;
	gboolean overridden = FALSE;
	g_autoptr(GArray) co_ids = NULL;
	gint64 instruction = json_integer_value(json_object_get(obj, "instruction_id"));
	gint64 src_item = json_integer_value(json_object_get(obj, "source_item_id"));
	gint64 lead = 0, days = 0, leader = 0, domain_id = 0, item = 0, now, due_at = 0;
	gboolean ok = FALSE, known = FALSE;

	if (!auth_can(u, "work.all"))
		return tasks_fail_field(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                        N_("Only the office assigns tasks."));
	for (gsize k = 0; source && tasks_sources[k]; k++)
		known = known || strcmp(source, tasks_sources[k]) == 0;
	if (!known)
		return tasks_fail_field(
		    err, field, WORK_ERROR_INVALID, "source",
		    N_("The source is instruction, meeting, key_work, higher or "
		       "petition."));
	if (instruction) {
		instr =
		    tasks_rows(c, err,
		               "SELECT n.item_id, n.text, n.requirements, n.leader_id, n.deadline, "
		               "n.deadline_days, COALESCE(d.code, di.code) AS domain FROM "
		               "instruction n LEFT JOIN document x ON x.item_id = n.item_id LEFT "
		               "JOIN domain d ON d.id = x.domain_id LEFT JOIN incident ic ON "
		               "ic.item_id = n.item_id LEFT JOIN domain di ON di.id = ic.domain_id "
		               "WHERE n.id = ?",
		               "i", instruction);
		if (instr == NULL)
			return FALSE;
		if (json_array_size(instr) == 0) {
			json_decref(instr);
			return tasks_fail_field(err, field, WORK_ERROR_INVALID, "instruction_id",
			                        N_("There is no such instruction."));
		}
		v = json_array_get(instr, 0);
		src_item = json_integer_value(json_object_get(v, "item_id"));
		leader = json_integer_value(json_object_get(v, "leader_id"));
		if (content == NULL)
			content = json_string_value(json_object_get(v, "text"));
		if (req == NULL)
			req = json_string_value(json_object_get(v, "requirements"));
		if (domain == NULL)
			domain = json_object_get(v, "domain");
		/* the deadline the 批示 names, unless the office gives one */
		if (!json_object_get(obj, "deadline") && !json_object_get(obj, "deadline_days") &&
		    !json_object_get(obj, "deadline_working_days") &&
		    !json_object_get(obj, "deadline_hours")) {
			dl = json_object();
			if (json_is_string(json_object_get(v, "deadline")))
				json_object_set(dl, "deadline", json_object_get(v, "deadline"));
			else if (json_is_integer(json_object_get(v, "deadline_days")))
				json_object_set(dl, "deadline_days",
				                json_object_get(v, "deadline_days"));
		}
	} else if (strcmp(source, "instruction") == 0) {
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, "instruction_id",
		                        N_("A task from an instruction names the instruction."));
	}
	if (content == NULL || g_utf8_strlen(content, -1) < 2 ||
	    g_utf8_strlen(content, -1) > 4000) {
		tasks_fail_field(err, field, WORK_ERROR_INVALID, "content",
		                 N_("Describe the task in 2 to 4000 characters."));
		goto out;
	}
	if (req && g_utf8_strlen(req, -1) > 2000) {
		work_fail_too_long(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "requirements",
		                   2000);
		goto out;
	}
	/* routing goes by the domain's code, whichever way the request named it */
	if (!tasks_ref(c, WORK_REF_DOMAIN, "domain", domain, &domain_id, field, err) ||
	    (domain_id && (dcode = tasks_rows(c, err, "SELECT code FROM domain WHERE id = ?", "i",
	                                      domain_id)) == NULL) ||
	    !tasks_ref(c, WORK_REF_UNIT, "lead_unit", json_object_get(obj, "lead_unit"), &lead,
	               field, err))
		goto out;
	if (lead == 0) {
		tasks_fail_field(err, field, WORK_ERROR_INVALID, "lead_unit",
		                 N_("Name the unit by its code or by its numeric id."));
		goto out;
	}
	if (!deadline_of(dl && json_object_size(dl) ? dl : obj, today, &deadline, &days, &due_at,
	                 field, err))
		goto out;
	if (co && !json_is_null(co) &&
	    (co_ids = work_ref_resolve_list(WORK_ERRORS, WORK_ERROR_INVALID, c, WORK_REF_UNIT,
	                                    "co_units", co, 50, field, err)) == NULL)
		goto out;
	for (guint k = 0; co_ids && k < co_ids->len; k++)
		if (g_array_index(co_ids, gint64, k) == lead) {
			tasks_fail_field(err, field, WORK_ERROR_INVALID, "co_units",
			                 N_("The lead unit is not also a co-unit."));
			goto out;
		}
	tasks_responsible(c, json_string_value(json_object_get(json_array_get(dcode, 0), "code")),
	                  leader, today, &leader, &reason);
	if (!leader_choice(c, obj, &leader, &reason, &overridden, field, err))
		goto out;
	now = core_now();
	title = g_utf8_substring(content, 0, MIN(g_utf8_strlen(content, -1), 60));
	if (!tasks_exec(c, &item, err,
	                "INSERT INTO item (kind, title, unit_id, created_by, status, created_at, "
	                "updated_at) VALUES ('task', ?, ?, ?, 'assigned', ?, ?) RETURNING id",
	                "siiii", title, lead, u->id, now, now) ||
	    !tasks_exec(
	        c, NULL, err,
	        "INSERT INTO task (item_id, source, source_item_id, instruction_id, content, "
	        "requirements, domain_id, lead_unit_id, leader_id, leader_reason, assigned_on, "
	        "deadline, deadline_days, deadline_at) VALUES (?, ?, NULLIF(?, 0), NULLIF(?, 0), "
	        "?, "
	        "?, NULLIF(?, 0), ?, NULLIF(?, 0), ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0))",
	        "isiissiiisssii", item, source, src_item, instruction, content, req ? req : "",
	        domain_id, lead, leader, reason, today, deadline, days, due_at) ||
	    /* by the hour: marked overdue at that instant, not by the day's chase */
	    (due_at && !tasks_hour_due_enqueue(c, item, due_at, err)) ||
	    !supervision_number(c, item, today, &no, err) ||
	    !tasks_grant(c, item, u->id, 0, "created", err) ||
	    !tasks_grant(c, item, 0, lead, "assigned", err) ||
	    /* the units handling it read what it came from (the document the 批示 is on) */
	    (src_item && !tasks_grant(c, src_item, 0, lead, "task_source", err)))
		goto out;
	for (guint k = 0; co_ids && k < co_ids->len; k++) {
		gint64 uid = g_array_index(co_ids, gint64, k);
		if (!tasks_exec(
		        c, NULL, err,
		        "INSERT INTO task_unit (item_id, unit_id) VALUES (?, ?) ON CONFLICT DO "
		        "NOTHING",
		        "ii", item, uid) ||
		    !tasks_grant(c, item, 0, uid, "assigned", err) ||
		    (src_item && !tasks_grant(c, src_item, 0, uid, "task_source", err)))
			goto out;
	}
	if (leader) {
		gint64 luser = 0;
		if (!tasks_exec(c, &luser, err,
		                "SELECT COALESCE(user_id, 0) FROM leader WHERE id = ?", "i",
		                leader) ||
		    (luser && !tasks_grant(c, item, luser, 0, "routed", err)))
			goto out;
	}
	/* last: who acts first is read from the stored task, its co-units included */
	if (!work_flow_start(c, item, "task", NULL, err))
		goto out;
	{
		json_t *detail =
		    json_pack("{s:s, s:s, s:s, s:b}", "deadline", deadline, "leader_reason", reason,
		              "supervision_no", no, "leader_changed", overridden);
		ok = tasks_event(c, item, u, "assign", NULL, "assigned", req, detail, err);
		json_decref(detail);
	}
	if (ok) {
		GError *e = NULL;
		g_autofree char *body = g_strconcat(no, " ", content, NULL);
		/* the 督办编号 is searchable with the text */
		if (!work_search_index(c, item, title, body, &e)) {
			tasks_error_from_db(err, e);
			ok = FALSE;
		}
	}
	*id = item;
out:
	json_decref(dl);
	json_decref(dcode);
	json_decref(instr);
	return ok;
}

/* ---- reading ------------------------------------------------------------------------------ */

#define TASK_COLUMNS                                                                               \
	"i.id, t.supervision_no, i.title, i.status, i.created_at, coalesce(i.workflow_version, "   \
	"1) AS workflow_version, t.source, t.source_item_id, si.title AS "                         \
	"source_title, t.instruction_id, t.content, t.requirements, dm.code AS domain, "           \
	"t.domain_id, n.code AS lead_unit, t.lead_unit_id, n.name AS lead_unit_name, "             \
	"t.leader_id, "                                                                            \
	"l.name AS leader_name, "                                                                  \
	"t.leader_reason, t.assigned_on, t.deadline, t.deadline_days, t.accepted_at, t.result, "   \
	"t.extension_to, t.extension_reason, t.overdue, t.overdue_days, t.closed_on, "             \
	"t.deadline_at FROM item i "                                                               \
	"JOIN task t ON t.item_id = i.id JOIN unit n ON n.id = t.lead_unit_id LEFT JOIN leader l " \
	"ON l.id = t.leader_id LEFT JOIN domain dm ON dm.id = t.domain_id LEFT JOIN item si ON "   \
	"si.id = t.source_item_id "

/* Gives each report of REPORTS its "attachments" from FILES (the task's, borrowed). */
static void attach_to_reports(json_t *reports, json_t *files)
{
	json_t *r, *f;
	size_t i, k;

	json_array_foreach (reports, i, r) {
		json_t *mine = json_array();
		json_array_foreach (files, k, f)
			if (json_equal(json_object_get(f, "report_id"), json_object_get(r, "id")))
				json_array_append(mine, f);
		json_object_set_new(r, "attachments", mine);
	}
}

json_t *tasks_load(DbConn *c, const AuthUser *u, gint64 id, GError **err)
{
	GError *e = NULL;
	json_t *rows, *task, *co, *reports, *history, *actions = NULL, *steps, *next, *files;

	if (auth_item_access(c, u, id, &e) != AUTH_ITEM_ALLOWED) {
		if (e) {
			tasks_error_from_db(err, e);
			return NULL;
		}
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such task."));
		return NULL;
	}
	if ((rows = tasks_rows(c, err, "SELECT " TASK_COLUMNS "WHERE i.id = ?", "i", id)) == NULL)
		return NULL;
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such task."));
		return NULL;
	}
	task = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	co = tasks_rows(
	    c, err,
	    "SELECT n.id, n.code, n.name FROM task_unit x JOIN unit n ON n.id = x.unit_id WHERE "
	    "x.item_id = ? ORDER BY n.position, n.id",
	    "i", id);
	reports =
	    co ? tasks_rows(c, err,
	                    "SELECT r.id, r.text, r.created_at, u.display_name AS who, "
	                    "r.created_by AS user_id, u.username FROM "
	                    "task_report r LEFT JOIN user_account u ON u.id = r.created_by WHERE "
	                    "r.item_id = ? ORDER BY r.id",
	                    "i", id)
	       : NULL;
	history = reports ? work_item_history(c, id, &e) : NULL;
	if (reports && history == NULL)
		tasks_error_from_db(err, e);
	steps = history ? work_flow_steps(c, u, id, &actions, err) : NULL;
	if (steps == NULL) {
		json_decref(co);
		json_decref(reports);
		json_decref(history);
		json_decref(task);
		return NULL;
	}
	if ((files = tasks_attachments(c, id, err)) == NULL) {
		json_decref(co);
		json_decref(reports);
		json_decref(history);
		json_decref(task);
		json_decref(steps);
		json_decref(actions);
		return NULL;
	}
	attach_to_reports(reports, files);
	json_object_set_new(task, "attachments", files);
	json_object_set_new(task, "co_units", co);
	json_object_set_new(task, "reports", reports);
	json_object_set_new(task, "history", history);
	json_object_set_new(task, "actions", actions);
	json_object_set_new(task, "steps", steps);
	if ((next = work_flow_next_actors(c, id, core_lang_current(), err)) == NULL) {
		json_decref(task);
		return NULL;
	}
	json_object_set_new(task, "next_actors", next);
	return task;
}

json_t *tasks_list(DbConn *c, const AuthUser *u, const TasksFilter *f, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new("SELECT " TASK_COLUMNS);

	auth_item_filter(q, u);
	if (f->leader_id != 0)
		db_query_where(q, "t.leader_id = ?", "i", f->leader_id);
	if (f->unit)
		db_query_where(q, "n.code = ?", "s", f->unit);
	if (f->source)
		db_query_where(q, "t.source = ?", "s", f->source);
	if (f->status)
		db_query_where(q, "(?1 = 'open' AND i.status <> 'closed') OR i.status = ?1", "s",
		               f->status);
	if (f->overdue)
		db_query_where(q, "(?1 = 'any' AND t.overdue <> 'none') OR t.overdue = ?1", "s",
		               f->overdue);
	if (f->from)
		db_query_where(q, "t.assigned_on >= ?", "s", f->from);
	if (f->to)
		db_query_where(q, "t.assigned_on <= ?", "s", f->to);
	db_query_add(q, " ORDER BY t.deadline, i.id", NULL);
	db_query_limit(q, CLAMP(f->limit, 1, 5000));
	return tasks_query_rows(c, q, err);
}

/* Adds 1 to the integer KEY of object O. */
static void bump(json_t *o, const char *key)
{
	json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + 1));
}

/* The object of LIST whose KEY equals the integer or string V, or NULL. */
static json_t *find(json_t *list, const char *key, json_t *v)
{
	json_t *x;
	size_t i;

	json_array_foreach (list, i, x)
		if (json_equal(json_object_get(x, key), v))
			return x;
	return NULL;
}

json_t *tasks_stats(DbConn *c, const AuthUser *u, const TasksFilter *f, GError **err)
{
	g_autofree char *today = core_today();
	json_t *list = tasks_list(c, u, f, err), *instr = NULL, *leaders = NULL, *units, *totals;
	json_t *t, *x;
	size_t i;

	if (list == NULL)
		return NULL;
	instr =
	    tasks_rows(c, err,
	               "SELECT leader_id, count(*) AS n FROM instruction WHERE leader_id IS NOT "
	               "NULL AND (CAST(? AS TEXT) IS NULL OR given_on >= ?) AND (CAST(? AS TEXT) "
	               "IS NULL OR given_on <= ?) GROUP BY leader_id",
	               "ssss", f->from, f->from, f->to, f->to);
	/* the leaders in office today, and any other with a task in the list */
	leaders =
	    instr ? tasks_rows(c, err,
	                       "SELECT id AS leader_id, name, rank FROM leader l WHERE (l.valid_to "
	                       "IS NULL OR l.valid_to >= ?) OR EXISTS (SELECT 1 FROM task t WHERE "
	                       "t.leader_id = l.id) ORDER BY rank, id",
	                       "s", today)
	          : NULL;
	if (leaders == NULL) {
		json_decref(instr);
		json_decref(list);
		return NULL;
	}
	json_array_foreach (leaders, i, x) {
		json_t *n = find(instr, "leader_id", json_object_get(x, "leader_id"));
		json_object_set_new(
		    x, "instructions",
		    json_integer(n ? json_integer_value(json_object_get(n, "n")) : 0));
		json_object_set_new(x, "open", json_integer(0));
		json_object_set_new(x, "closed", json_integer(0));
		json_object_set_new(x, "overdue", json_integer(0));
	}
	units = json_array();
	totals = json_pack("{s:i, s:i, s:i, s:i, s:i}", "total", 0, "open", 0, "closed", 0,
	                   "on_time", 0, "overdue", 0);
	json_array_foreach (list, i, t) {
		gboolean closed =
		    g_strcmp0(json_string_value(json_object_get(t, "status")), "closed") == 0;
		gboolean late =
		    !closed &&
		    g_strcmp0(json_string_value(json_object_get(t, "overdue")), "none") != 0;
		gboolean on_time =
		    closed && g_strcmp0(json_string_value(json_object_get(t, "closed_on")),
		                        json_string_value(json_object_get(t, "deadline"))) <= 0;
		json_t *l = find(leaders, "leader_id", json_object_get(t, "leader_id"));
		json_t *n = find(units, "unit", json_object_get(t, "lead_unit"));

		if (n == NULL) {
			n = json_pack("{s:O, s:O, s:O, s:i, s:i, s:i, s:i}", "unit",
			              json_object_get(t, "lead_unit"), "unit_id",
			              json_object_get(t, "lead_unit_id"), "name",
			              json_object_get(t, "lead_unit_name"), "total", 0, "closed", 0,
			              "on_time", 0, "overdue", 0);
			json_array_append_new(units, n);
		}
		bump(n, "total");
		bump(totals, "total");
		bump(totals, closed ? "closed" : "open");
		if (closed)
			bump(n, "closed");
		if (on_time) {
			bump(n, "on_time");
			bump(totals, "on_time");
		}
		if (late) {
			bump(n, "overdue");
			bump(totals, "overdue");
		}
		if (l) {
			bump(l, closed ? "closed" : "open");
			if (late)
				bump(l, "overdue");
		}
	}
	/* on-time rate: of the closed tasks, those closed by their deadline (null when none) */
	json_array_foreach (units, i, x) {
		json_int_t done = json_integer_value(json_object_get(x, "closed"));
		json_object_set_new(
		    x, "on_time_rate",
		    done ? json_real((double)json_integer_value(json_object_get(x, "on_time")) /
		                     (double)done)
		         : json_null());
	}
	json_decref(instr);
	json_decref(list);
	return json_pack("{s:o, s:o, s:o}", "leaders", leaders, "units", units, "totals", totals);
}
