/*
 * task_pages.c — the supervision ledger (督查台账, GET /tasks) with its filters, the user's
 * notifications (GET /notifications, POST /notifications/{id}/read), the dashboard's
 * supervision part, and the helpers every task page file shares (task_pages.h).
 *
 * Each handler reads through tasks.h, builds one model and renders templates/tasks/<name>.
 * Every visible word comes from the "t" strings or a msgid translated here; bad input re-shows
 * the page with the message at its field, never a 500.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/task_pages.h"
#include "tasks/tasks_internal.h"
#include "core/calendar.h"
#include "core/core.h"
#include "org/org.h"
#include "work/work.h"

#include <string.h>

#define LEDGER_LIMIT 1000 /* rows the ledger page shows (the .xlsx has them all) */

/* ---- vocabulary ------------------------------------------------------------------------------ */

/* The workflow states with their titles and label classes (待办 blue, 办结 grey). */
static const struct {
	const char *status, *title, *cls;
} statuses[] = {
    {"assigned", N_("Handed over for handling"), "todo"}, /* 已交办 */
    {"accepted", N_("Accepted"), "todo"},                 /* 已签收 */
    {"reported", N_("In progress"), "todo"},              /* 办理中 */
    {"returned", N_("Returned"), "returned"},             /* 已退回 */
    {"closing", N_("Asked to close"), "todo"},            /* 申请办结 */
    {"verified", N_("Verified"), "todo"},                 /* 已核实 */
    {"closed", N_("Completed"), "done"},                  /* 办结 */
};

/* The steps and history actions with their titles. */
static const struct {
	const char *action, *title;
} actions[] = {
    {"assign", N_("Assign for handling")},            /* 交办 */
    {"accept", N_("Accept")},                         /* 签收 */
    {"report", N_("Report progress")},                /* 报送进展 */
    {"request_close", N_("Ask to close")},            /* 申请办结 */
    {"verify", N_("Verify")},                         /* 核实 */
    {"close", N_("Close the task")},                  /* 销号 */
    {"return", N_("Return")},                         /* 退回 */
    {"request_extension", N_("Ask for more time")},   /* 申请延期 */
    {"approve_extension", N_("Grant the extension")}, /* 同意延期 */
    {"reject_extension", N_("Refuse the extension")}, /* 驳回延期 */
};

/* The sources of a task (tasks_sources) with their titles. */
static const struct {
	const char *source, *title;
} sources[] = {
    {"instruction", N_("Leader's instruction")}, /* 领导批示 */
    {"meeting", N_("Meeting decision")},         /* 会议决定 */
    {"key_work", N_("Key work")},                /* 重点工作 */
    {"higher", N_("Assigned from above")},       /* 上级交办 */
    {"petition", N_("Petition matter")},         /* 信访事项 */
};

/* The supervision sub-navigation; staff-only entries only for work.all. */
static const SiteSubnav subnav[] = {
    {"/tasks", N_("Ledger"), "ledger", FALSE},                              /* 督查台账 */
    {"/tasks/new", N_("Assign a task"), "new", TRUE},                       /* 交办任务 */
    {"/instructions/new", N_("Paper or oral instruction"), "record", TRUE}, /* 录入批示 */
    {"/tasks/stats", N_("Statistics"), "stats", FALSE},                     /* 统计通报 */
    {"/notifications", N_("Notifications"), "notifications", FALSE},        /* 通知 */
    {"/tasks/policy", N_("Chasing rules"), "policy", TRUE},                 /* 催办设置 */
};

/* The title of STATUS. */
const char *tasks_page_status_title(HttpRequest *req, const char *status)
{
	for (gsize i = 0; status && i < G_N_ELEMENTS(statuses); i++)
		if (strcmp(status, statuses[i].status) == 0)
			return http_tr(req, statuses[i].title);
	return status ? status : "";
}

/* The title of a step or history action. */
const char *tasks_page_action_title(HttpRequest *req, const char *action)
{
	for (gsize i = 0; action && i < G_N_ELEMENTS(actions); i++)
		if (strcmp(action, actions[i].action) == 0)
			return http_tr(req, actions[i].title);
	if (g_strcmp0(action, "instruct") == 0)
		return http_tr(req, N_("Instruct")); /* 批示 */
	return action ? action : "";
}

/* The title of a source. */
const char *tasks_page_source_title(HttpRequest *req, const char *source)
{
	for (gsize i = 0; source && i < G_N_ELEMENTS(sources); i++)
		if (strcmp(source, sources[i].source) == 0)
			return http_tr(req, sources[i].title);
	return source ? source : "";
}

/* ---- shared helpers (task_pages.h) ----------------------------------------------------------- */

/* How the supervision pages answer their errors (site_module.h). */
static const SiteModuleErrors page_errors = {
    .name = "tasks",
    .log_domain = G_LOG_DOMAIN,
    .domain = work_error_quark,
    .db_code = WORK_ERROR_DB,
    .conflict_code = WORK_ERROR_CONFLICT,
    .not_found_code = WORK_ERROR_NOT_FOUND,
    .status = work_error_status,
    .code = work_error_code,
};

json_t *tasks_page_model(HttpRequest *req, const char *title_msgid, const char *section)
{
	return site_module_model(req, title_msgid, subnav, G_N_ELEMENTS(subnav), section);
}

DbConn *tasks_page_conn(HttpRequest *req, GError **err)
{
	return site_module_conn(req, &page_errors, err);
}

gboolean tasks_page_refusal(const GError *err)
{
	return site_module_refusal(&page_errors, err);
}

const char *tasks_page_message(HttpRequest *req, const GError *err)
{
	return site_module_message(req, &page_errors, err);
}

void tasks_page_fail(HttpRequest *req, HttpResponse *res, GError *err)
{
	site_module_fail(req, res, &page_errors, err);
}

/* A form field, trimmed, with "\n" line ends. */
char *tasks_page_field(HttpRequest *req, const char *name)
{
	g_autofree char *v = site_module_field(req, name);
	g_auto(GStrv) lines = g_strsplit(v, "\r\n", 0);

	return g_strjoinv("\n", lines);
}

/* The fields every page shows of a task row. */
void tasks_page_row(HttpRequest *req, json_t *row)
{
	const char *status = json_string_value(json_object_get(row, "status"));
	const char *over = json_string_value(json_object_get(row, "overdue"));
	const char *cls = "todo";
	g_autofree char *href = g_strdup_printf("/tasks/%" JSON_INTEGER_FORMAT,
	                                        json_integer_value(json_object_get(row, "id")));

	for (gsize i = 0; status && i < G_N_ELEMENTS(statuses); i++)
		if (strcmp(status, statuses[i].status) == 0)
			cls = statuses[i].cls;
	json_object_set_new(row, "href", json_string(href));
	json_object_set_new(row, "status_label", json_string(tasks_page_status_title(req, status)));
	json_object_set_new(row, "status_class", json_string(cls));
	json_object_set_new(row, "is_closed", json_boolean(g_strcmp0(status, "closed") == 0));
	json_object_set_new(row, "source_label",
	                    json_string(tasks_page_source_title(
	                        req, json_string_value(json_object_get(row, "source")))));
	/* an open task the chaser marked: 逾期 (amber), 严重逾期 (red) */
	if (g_strcmp0(status, "closed") &&
	    (g_strcmp0(over, "yellow") == 0 || g_strcmp0(over, "red") == 0)) {
		gboolean red = strcmp(over, "red") == 0;
		json_object_set_new(
		    row, "overdue_label",
		    json_string(http_tr(req, red ? N_("Seriously overdue") : N_("Overdue"))));
		json_object_set_new(row, "overdue_class", json_string(red ? "severe" : "overdue"));
	}
}

/* The units grouped by kind, for a <select> or checkboxes. */
json_t *tasks_page_unit_groups(HttpRequest *req, json_t *units, const char *selected,
                               const char *prefix, const char *id_prefix, gboolean typed,
                               json_t *chosen)
{
	json_t *out = json_array(), *group = NULL, *u, *v;
	const char *kind = NULL;
	size_t i, j;

	json_array_foreach (units, i, u) {
		const char *code = json_string_value(json_object_get(u, "code"));
		const char *k = json_string_value(json_object_get(u, "kind"));
		g_autofree char *name = g_strdup_printf("%s:%s", prefix, code);
		g_autofree char *id = g_strdup_printf("%s-%s", id_prefix, code);
		gboolean checked = FALSE;

		if (typed)
			checked = http_form(req, name) != NULL;
		else
			json_array_foreach (chosen, j, v)
				checked = checked || g_strcmp0(json_string_value(v), code) == 0;
		if (!json_integer_value(json_object_get(u, "active")) && !checked &&
		    g_strcmp0(code, selected))
			continue;
		if (group == NULL || g_strcmp0(k, kind)) {
			kind = k;
			group = json_pack("{s:s, s:[]}", "label",
			                  http_tr(req, org_unit_kind_title(k)), "options");
			json_array_append_new(out, group);
		}
		json_array_append_new(json_object_get(group, "options"),
		                      json_pack("{s:s, s:O?, s:b, s:s, s:s, s:b}", "value", code,
		                                "label", json_object_get(u, "name"), "selected",
		                                g_strcmp0(code, selected) == 0, "name", name, "id",
		                                id, "checked", checked));
	}
	return out;
}

/* The codes of the checked units. */
json_t *tasks_page_checked_units(HttpRequest *req, json_t *units, const char *prefix)
{
	json_t *out = json_array(), *u;
	size_t i;

	json_array_foreach (units, i, u) {
		const char *code = json_string_value(json_object_get(u, "code"));
		g_autofree char *name = g_strdup_printf("%s:%s", prefix, code);
		if (code && http_form(req, name))
			json_array_append_new(out, json_string(code));
	}
	return out;
}

/* ---- GET /tasks ----------------------------------------------------------------------------- */

/* The query parameters of the ledger's filter, in the order the links write them. */
static const char *const filter_keys[] = {"leader",  "unit", "source", "status",
                                          "overdue", "from", "to"};

/* The filter's query string "leader=…&unit=…" of the non-empty values of F. g_free. */
static char *filter_query(json_t *f)
{
	GString *s = g_string_new(NULL);

	for (gsize k = 0; k < G_N_ELEMENTS(filter_keys); k++) {
		const char *v = json_string_value(json_object_get(f, filter_keys[k]));
		if (v && *v) {
			g_autofree char *esc = g_uri_escape_string(v, NULL, FALSE);
			g_string_append_printf(s, "%s%s=%s", s->len ? "&" : "", filter_keys[k],
			                       esc);
		}
	}
	return g_string_free(s, FALSE);
}

/* [{value, label, selected}] of the CODES (N) with the msgids TITLES. */
static json_t *options(HttpRequest *req, const char *const *codes, const char *const *titles,
                       gsize n, const char *selected)
{
	json_t *out = json_array();

	for (gsize i = 0; i < n; i++)
		json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", codes[i], "label",
		                                     http_tr(req, titles[i]), "selected",
		                                     g_strcmp0(codes[i], selected) == 0));
	return out;
}

/* The status filter's options: every open state, then each state. */
static json_t *status_options(HttpRequest *req, const char *selected)
{
	const char *codes[G_N_ELEMENTS(statuses) + 1] = {"open"};
	const char *titles[G_N_ELEMENTS(statuses) + 1] = {N_("Not yet closed")}; /* 未办结 */

	for (gsize i = 0; i < G_N_ELEMENTS(statuses); i++) {
		codes[i + 1] = statuses[i].status;
		titles[i + 1] = statuses[i].title;
	}
	return options(req, codes, titles, G_N_ELEMENTS(codes), selected);
}

/* The source filter's options. */
static json_t *source_options(HttpRequest *req, const char *selected)
{
	const char *codes[G_N_ELEMENTS(sources)], *titles[G_N_ELEMENTS(sources)];

	for (gsize i = 0; i < G_N_ELEMENTS(sources); i++) {
		codes[i] = sources[i].source;
		titles[i] = sources[i].title;
	}
	return options(req, codes, titles, G_N_ELEMENTS(codes), selected);
}

/* The leaders in office as <select> options by id. LEADERS: org_leaders' list. */
static json_t *leader_options(json_t *leaders, const char *selected)
{
	json_t *out = json_array(), *l;
	size_t i;

	json_array_foreach (leaders, i, l) {
		g_autofree char *id = g_strdup_printf("%" JSON_INTEGER_FORMAT,
		                                      json_integer_value(json_object_get(l, "id")));
		json_array_append_new(out, json_pack("{s:s, s:O?, s:O?, s:b}", "value", id, "label",
		                                     json_object_get(l, "name"), "title",
		                                     json_object_get(l, "title"), "selected",
		                                     g_strcmp0(id, selected) == 0));
	}
	return out;
}

/* The query argument NAME, or NULL when absent or empty. */
static const char *query_arg(HttpRequest *req, const char *name)
{
	const char *v = http_query(req, name);

	return v && *v ? v : NULL;
}

/* Reads the ledger's filter from the query into F and the echo FILTER; the first bad value
 * sets *ERROR (a msgid) and *FIELD. */
static void read_filter(HttpRequest *req, TasksFilter *f, json_t *filter, const char **error,
                        const char **field)
{
	static const char *const overdue[] = {"any", "yellow", "red"};
	const char *leader = query_arg(req, "leader");
	gboolean known;

	memset(f, 0, sizeof *f);
	f->unit = query_arg(req, "unit");
	f->source = query_arg(req, "source");
	f->status = query_arg(req, "status");
	f->overdue = query_arg(req, "overdue");
	f->from = query_arg(req, "from");
	f->to = query_arg(req, "to");
	f->limit = LEDGER_LIMIT + 1;
	for (gsize k = 0; k < G_N_ELEMENTS(filter_keys); k++)
		json_object_set_new(filter, filter_keys[k],
		                    auth_page_text(query_arg(req, filter_keys[k])));
	if (leader && (f->leader_id = auth_page_number(leader)) <= 0) {
		*error = N_("Name the leader by id.");
		*field = "leader";
	} else if (f->from && !core_date_valid(f->from)) {
		*error = N_("Write the date as YYYY-MM-DD.");
		*field = "from";
	} else if (f->to && !core_date_valid(f->to)) {
		*error = N_("Write the date as YYYY-MM-DD.");
		*field = "to";
	}
	known = f->overdue == NULL;
	for (gsize k = 0; k < G_N_ELEMENTS(overdue); k++)
		known = known || strcmp(f->overdue, overdue[k]) == 0;
	if (!known && *error == NULL) {
		*error = N_("Choose an overdue colour from the list.");
		*field = "overdue";
	}
}

/* GET /tasks?leader=&unit=&source=&status=&overdue=&from=&to=: the ledger, the earliest
 * deadline first, with the link to the same rows as .xlsx. */
void tasks_page_list(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	g_autofree char *today = core_today(), *query = NULL, *xlsx = NULL;
	const char *error = NULL, *field = NULL;
	json_t *m, *filter = json_object(), *rows = NULL, *leaders = NULL, *units = NULL, *r;
	TasksFilter f;
	GError *err = NULL;
	DbConn *c;
	size_t i, n;
	gboolean truncated;

	read_filter(req, &f, filter, &error, &field);
	if ((c = tasks_page_conn(req, &err)) == NULL ||
	    (leaders = org_leaders(c, today, FALSE, &err)) == NULL ||
	    (units = org_units(c, NULL, NULL, today, &err)) == NULL ||
	    (error == NULL && (rows = tasks_list(c, u, &f, &err)) == NULL)) {
		json_decref(leaders);
		json_decref(units);
		json_decref(filter);
		tasks_page_fail(req, res, err);
		return;
	}
	if (rows == NULL)
		rows = json_array();
	n = json_array_size(rows);
	truncated = n > LEDGER_LIMIT;
	if (truncated)
		json_array_remove(rows, --n);
	json_array_foreach (rows, i, r) {
		tasks_page_row(req, r);
		json_object_set_new(r, "number", json_integer((json_int_t)i + 1));
	}
	m = tasks_page_model(req, N_("Supervision ledger"), "ledger");
	query = filter_query(filter);
	xlsx = g_strdup_printf("/api/v1/tasks.xlsx%s%s", *query ? "?" : "", query);
	json_object_set_new(m, "export_href", json_string(xlsx));
	json_object_set_new(m, "filtering", json_boolean(*query != '\0'));
	json_object_set_new(
	    m, "leader_options",
	    leader_options(leaders, json_string_value(json_object_get(filter, "leader"))));
	json_object_set_new(
	    m, "unit_groups",
	    tasks_page_unit_groups(req, units, f.unit, "unit", "f-unit", FALSE, NULL));
	json_object_set_new(m, "source_options", source_options(req, f.source));
	json_object_set_new(m, "status_options", status_options(req, f.status));
	json_object_set_new(m, "overdue_options",
	                    options(req, (const char *const[]){"any", "yellow", "red"},
	                            (const char *const[]){N_("Overdue, any"), N_("Overdue"),
	                                                  N_("Seriously overdue")},
	                            3, f.overdue)); /* 逾期（全部） */
	json_object_set_new(m, "filter", filter);
	json_object_set_new(m, "can_assign", json_boolean(auth_can(u, "work.all")));
	json_object_set_new(m, "row_count", json_integer((json_int_t)n));
	json_object_set_new(m, "has_rows", json_boolean(n > 0));
	json_object_set_new(m, "truncated", json_boolean(truncated));
	json_object_set_new(m, "rows", rows);
	if (error)
		site_module_set_error(m, http_tr(req, error), field);
	json_decref(leaders);
	json_decref(units);
	http_reply_model(res, error ? 422 : 200, m, "tasks/list");
}

/* ---- notifications -------------------------------------------------------------------------- */

/* The kinds of notification with their labels and classes. */
static const struct {
	const char *kind, *title, *cls;
} note_kinds[] = {
    {"task.remind", N_("Reminder"), "todo"},                /* 督办提醒 */
    {"task.due", N_("Due today"), "todo"},                  /* 今日到期 */
    {"task.yellow", N_("Overdue"), "overdue"},              /* 逾期 */
    {"task.red", N_("Seriously overdue"), "severe"},        /* 严重逾期 */
    {"task.closing", N_("Asked to close"), "todo"},         /* 申请办结 */
    {"task.returned", N_("Returned"), "returned"},          /* 已退回 */
    {"task.closed", N_("Completed"), "done"},               /* 办结 */
    {"docs.remind", N_("Circulation reminder"), "todo"},    /* 传阅提醒 */
    {"work.todo", N_("Waiting for you"), "todo"},           /* 待您办理 */
    {"work.overdue", N_("Past its time limit"), "overdue"}, /* 超过办理时限 */
    {"docs.distributed", N_("Received"), "todo"},           /* 收到来文 */
};

/* GET /notifications: the user's inbox, newest first; unread ones stand out and each can be
 * marked read. */
void tasks_page_notifications(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL, *e = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	json_t *list = c ? work_notifications(c, u->id, FALSE, 200, &e) : NULL, *m, *v;
	size_t i, unread = 0;

	if (list == NULL) {
		if (e)
			tasks_error_from_db(&err, e);
		tasks_page_fail(req, res, err);
		return;
	}
	json_array_foreach (list, i, v) {
		const char *kind = json_string_value(json_object_get(v, "kind"));
		const char *item_kind = json_string_value(json_object_get(v, "item_kind"));
		gint64 item = json_integer_value(json_object_get(v, "item_id"));
		gint64 at = json_integer_value(json_object_get(v, "created_at"));
		g_autofree char *when = auth_page_time(at, "%Y-%m-%d %H:%M");
		g_autofree char *iso = auth_page_time(at, "%Y-%m-%dT%H:%M:%S%:z");
		g_autofree char *read =
		    g_strdup_printf("/notifications/%" JSON_INTEGER_FORMAT "/read",
		                    json_integer_value(json_object_get(v, "id")));
		gboolean is_unread = json_is_null(json_object_get(v, "read_at")) ||
		                     json_object_get(v, "read_at") == NULL;

		unread += is_unread;
		if (item > 0 && g_strcmp0(item_kind, "task") == 0) {
			g_autofree char *href = g_strdup_printf("/tasks/%" G_GINT64_FORMAT, item);
			json_object_set_new(v, "href", json_string(href));
		} else if (item > 0 && (g_strcmp0(item_kind, "incoming") == 0 ||
		                        g_strcmp0(item_kind, "outgoing") == 0)) {
			g_autofree char *href =
			    g_strdup_printf("/documents/%" G_GINT64_FORMAT, item);
			json_object_set_new(v, "href", json_string(href));
		}
		for (gsize k = 0; k < G_N_ELEMENTS(note_kinds); k++)
			if (g_strcmp0(kind, note_kinds[k].kind) == 0) {
				json_object_set_new(v, "kind_label",
				                    json_string(http_tr(req, note_kinds[k].title)));
				json_object_set_new(v, "kind_class",
				                    json_string(note_kinds[k].cls));
			}
		json_object_set_new(v, "unread", json_boolean(is_unread));
		json_object_set_new(v, "created_text", auth_page_text(when));
		json_object_set_new(v, "created_iso", auth_page_text(iso));
		json_object_set_new(v, "read_href", json_string(read));
	}
	m = tasks_page_model(req, N_("Notifications"), "notifications");
	json_object_set_new(m, "unread_count", json_integer((json_int_t)unread));
	json_object_set_new(m, "count", json_integer((json_int_t)json_array_size(list)));
	json_object_set_new(m, "has_items", json_boolean(json_array_size(list) > 0));
	json_object_set_new(m, "items", list);
	if (g_strcmp0(http_query(req, "read"), "1") == 0)
		site_module_flash(m, "success", http_tr(req, N_("Marked as read.")));
	http_reply_model(res, 200, m, "tasks/notifications");
}

/* POST /notifications/{id}/read (csrf_token): marks one of the user's notifications read and
 * goes back to the inbox. */
void tasks_page_notification_read(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");
	GError *err = NULL, *e = NULL;
	DbConn *c = id > 0 ? tasks_page_conn(req, &err) : NULL;
	gboolean found = FALSE;

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	if (c == NULL || !work_notification_read(c, auth_current(req)->id, id, &found, &e)) {
		if (e)
			tasks_error_from_db(&err, e);
		tasks_page_fail(req, res, err);
		return;
	}
	if (!found) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	http_reply_redirect(res, 303, "/notifications?read=1");
}

/* ---- the dashboard -------------------------------------------------------------------------- */

/* The supervision counters of the dashboard: the open and the late tasks the user may see (the
 * whole office's, for the office) and the unread notifications. What waits for the user's own
 * step is in the personal inbox above them (work_inbox_model). */
void tasks_page_home(HttpRequest *req, json_t *m)
{
	const AuthUser *u = auth_current(req);
	TasksFilter f = {.status = "open", .limit = 5000};
	GError *err = NULL, *e = NULL;
	DbConn *c;
	json_t *rows = NULL, *t;
	gint64 unread = 0;
	size_t i, late = 0;

	if (u == NULL || !auth_can(u, "work.read"))
		return;
	if ((c = tasks_page_conn(req, &err)) == NULL ||
	    (rows = tasks_list(c, u, &f, &err)) == NULL ||
	    !work_notifications_unread(c, u->id, &unread, &e)) {
		if (e)
			tasks_error_from_db(&err, e);
		g_warning("dashboard: %s", err ? err->message : "unknown error");
		g_clear_error(&err);
		json_decref(rows);
		return;
	}
	json_array_foreach (rows, i, t) {
		const char *over = json_string_value(json_object_get(t, "overdue"));
		late += g_strcmp0(over, "yellow") == 0 || g_strcmp0(over, "red") == 0;
	}
	json_object_set_new(
	    m, "tasks_counters",
	    json_pack("[{s:s, s:s, s:i, s:s}, {s:s, s:s, s:i, s:s}, {s:s, s:s, s:i, s:s}]", "key",
	              "open", "label", http_tr(req, N_("Tasks in progress")), "count",
	              (int)json_array_size(rows), "href", "/tasks?status=open", /* 在办事项 */
	              "key", "late", "label", http_tr(req, N_("Overdue tasks")), "count", (int)late,
	              "href", "/tasks?status=open&overdue=any", /* 逾期事项 */
	              "key", "unread", "label", http_tr(req, N_("Unread notifications")), "count",
	              (int)unread, "href", "/notifications")); /* 未读通知 */
	json_object_set_new(m, "has_tasks_counters", json_true());
	json_object_set_new(
	    m, "tasks_scope_note",
	    json_string(http_tr(req, auth_can(u, "work.all")
	                                 ? N_("Figures of the whole office, not "
	                                      "your own to-dos.")
	                                 : N_("Figures of all you may see, not your "
	                                      "own to-dos."))));
	json_decref(rows);
}
