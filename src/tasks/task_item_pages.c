/*
 * task_item_pages.c — one task's page (GET /tasks/{id}): what was assigned and why to whom,
 * the deadline and how late it is, the extension asked for, the progress reports in order, the
 * timeline, and one form per step the user may take now (tasks_load's "actions"). Each form
 * posts to POST /tasks/{id}/actions/{action} (tasks_op_act): success goes back to the page with
 * a flash (303); a refusal re-shows the page with the message at the form (422/409/403).
 *
 * Also the part of a document's page that belongs to supervision: under each 批示 the tasks made
 * from it and, for the office, a compact form turning it into a task (tasks_page_doc).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/task_pages.h"
#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

/* What each step's form shows besides its button. STAFF: the office's own step (the unit's
 * steps are folded away for the office, which takes them only on a unit's behalf). */
static const struct {
	const char *action;
	SiteOpinion opinion;
	const char *label;  /* the opinion's label; NULL: 意见 */
	const char *hint;   /* NULL: none */
	gboolean secondary; /* folded away */
	gboolean danger;
	gboolean staff;
} steps[] = {
    {"accept", SITE_OPINION_OPTIONAL, NULL,
     N_("Accepting tells the office that your unit is handling the task."), FALSE, FALSE,
     FALSE}, /* 签收即表示本单位已接办此事项。 */
    {"report", SITE_OPINION_REQUIRED, N_("Progress"), NULL, FALSE, FALSE, FALSE}, /* 进展情况 */
    {"request_close", SITE_OPINION_REQUIRED, N_("Result"),
     N_("The office verifies the result before it closes the task."), FALSE, FALSE,
     FALSE}, /* 办公室核实办理结果后销号。 */
    {"verify", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE, FALSE, TRUE},
    {"close", SITE_OPINION_OPTIONAL, NULL,
     N_("Closing (销号) ends the task; it stays in the ledger as completed."), FALSE, FALSE,
     TRUE}, /* 销号后该事项办结，台账中保留记录。 */
    {"return", SITE_OPINION_REQUIRED, N_("Reason"), NULL, TRUE, TRUE, TRUE},
    {"request_extension", SITE_OPINION_REQUIRED, N_("Reason"), NULL, TRUE, FALSE, FALSE},
    {"approve_extension", SITE_OPINION_OPTIONAL, NULL, NULL, FALSE, FALSE, TRUE},
    {"reject_extension", SITE_OPINION_REQUIRED, N_("Reason"), NULL, FALSE, TRUE, TRUE},
};

/* ---- the task ----------------------------------------------------------------------------------
 */

/* The link to the item task T came from: a document's page, or nothing. */
static void source_link(DbConn *c, json_t *t)
{
	gint64 item = json_integer_value(json_object_get(t, "source_item_id"));
	GError *e = NULL;
	json_t *rows;

	if (item <= 0)
		return;
	rows = tasks_rows(c, &e, "SELECT kind FROM item WHERE id = ?", "i", item);
	g_clear_error(&e);
	if (rows &&
	    core_word_in(json_string_value(json_object_get(json_array_get(rows, 0), "kind")),
	                 "incoming outgoing")) {
		g_autofree char *href = g_strdup_printf("/documents/%" G_GINT64_FORMAT, item);
		json_object_set_new(t, "source_href", json_string(href));
	}
	json_decref(rows);
}

/* Gives every attachment of TASK its "task_id" and "size_text", and TASK the closure
 * request's files ("close_files", "has_close_files"). */
static void files_model(json_t *task)
{
	json_t *close = json_array(), *f;
	size_t i;

	json_array_foreach (json_object_get(task, "attachments"), i, f) {
		json_object_set(f, "task_id", json_object_get(task, "id"));
		site_module_set_size(f);
		if (g_strcmp0(json_string_value(json_object_get(f, "step")), "request_close") == 0)
			json_array_append(close, f);
	}
	json_object_set_new(task, "has_close_files", json_boolean(json_array_size(close) > 0));
	json_object_set_new(task, "close_files", close);
}

/* Prepares TASK (tasks_load's shape, changed in place) for the page. */
static void task_model(HttpRequest *req, DbConn *c, json_t *task)
{
	GString *co = g_string_new(NULL);
	json_t *v, *ext = json_object_get(task, "extension_to");
	json_int_t days = json_integer_value(json_object_get(task, "deadline_days"));
	size_t i;

	tasks_page_row(req, task);
	source_link(c, task);
	json_array_foreach (json_object_get(task, "co_units"), i, v)
		g_string_append_printf(co, "%s%s", i ? "、" : "",
		                       json_string_value(json_object_get(v, "name")));
	json_object_set_new(task, "co_units_text", json_string(co->str));
	g_string_free(co, TRUE);
	if (days > 0) {
		g_autofree char *text = g_strdup_printf(site_tr_fmt(req, N_("%d working days")),
		                                        (int)days); /* %d个工作日 */
		json_object_set_new(task, "deadline_days_text", json_string(text));
	}
	if (json_integer_value(json_object_get(task, "overdue_days")) > 0 &&
	    json_object_get(task, "overdue_label")) {
		g_autofree char *text = g_strdup_printf(
		    site_tr_fmt(req,
		                N_("%d working days past the deadline")), /* 已超期%d个工作日 */
		    (int)json_integer_value(json_object_get(task, "overdue_days")));
		json_object_set_new(task, "overdue_text", json_string(text));
	}
	json_object_set_new(task, "has_extension", json_boolean(ext && !json_is_null(ext)));
	if (json_integer_value(json_object_get(task, "accepted_at")) > 0)
		site_module_set_time(task, "accepted_text",
		                     json_integer_value(json_object_get(task, "accepted_at")));
	json_array_foreach (json_object_get(task, "reports"), i, v) {
		site_module_set_time(v, "created_text",
		                     json_integer_value(json_object_get(v, "created_at")));
		json_object_set_new(v, "number", json_integer((json_int_t)i + 1));
		json_object_set_new(
		    v, "has_attachments",
		    json_boolean(json_array_size(json_object_get(v, "attachments")) > 0));
	}
	files_model(task);
	json_object_set_new(task, "has_reports",
	                    json_boolean(json_array_size(json_object_get(task, "reports")) > 0));
	json_array_foreach (json_object_get(task, "history"), i, v) {
		/* a returned task shows why, above everything else */
		if (g_strcmp0(json_string_value(json_object_get(task, "status")), "returned") ==
		        0 &&
		    g_strcmp0(json_string_value(json_object_get(v, "action")), "return") == 0)
			json_object_set(task, "return_reason", json_object_get(v, "opinion"));
		const char *to = json_string_value(json_object_get(v, "to_status"));
		const char *from = json_string_value(json_object_get(v, "from_status"));
		json_t *d = json_object_get(json_object_get(v, "detail"), "deadline");

		json_object_set_new(v, "action_label",
		                    json_string(tasks_page_action_title(
		                        req, json_string_value(json_object_get(v, "action")))));
		site_module_set_time(v, "when_text",
		                     json_integer_value(json_object_get(v, "when")));
		if (to && g_strcmp0(from, to))
			json_object_set_new(v, "to_label",
			                    json_string(tasks_page_status_title(req, to)));
		if (json_is_string(d))
			json_object_set_new(v, "new_deadline", json_incref(d));
		/* another leader than routing's, and why (kept at 交办) */
		if (json_is_true(json_object_get(json_object_get(v, "detail"), "leader_changed")))
			json_object_set_new(
			    v, "leader_changed",
			    json_sprintf("%s（%s）",
			                 json_string_value(json_object_get(task, "leader_name")),
			                 json_string_value(json_object_get(
			                     json_object_get(v, "detail"), "leader_reason"))));
	}
}

/* The form of step ACTION on TASK. TYPED: re-shown after a refusal, with the request's values
 * and ERROR (translated) at FIELD. STAFF: the user is office staff. */
static json_t *step_form(HttpRequest *req, json_t *task, const char *action, gboolean staff,
                         gboolean typed, const char *error, const char *field)
{
	gint64 id = json_integer_value(json_object_get(task, "id"));
	g_autofree char *href =
	    g_strdup_printf("/tasks/%" G_GINT64_FORMAT "/actions/%s", id, action);
	json_t *f = site_module_step_form(action, href, tasks_page_action_title(req, action));
	gsize k;

	for (k = 0; k < G_N_ELEMENTS(steps) && strcmp(steps[k].action, action); k++)
		;
	if (k < G_N_ELEMENTS(steps)) {
		gboolean behalf = staff && !steps[k].staff;
		site_module_step_opinion(req, f, steps[k].opinion, steps[k].label, typed);
		if (behalf)
			json_object_set_new(
			    f, "hint",
			    json_string(http_tr(
			        req, N_("The office takes this step "
			                "on the unit's behalf.")))); /* 办公室代承办单位办理。 */
		else if (steps[k].hint)
			json_object_set_new(f, "hint", json_string(http_tr(req, steps[k].hint)));
		json_object_set_new(f, "secondary",
		                    json_boolean((steps[k].secondary || behalf) && !typed));
		json_object_set_new(f, "danger", json_boolean(steps[k].danger));
	}
	/* the steps whose definition has a "files" field (data/workflows/task.json) */
	if (strcmp(action, "report") == 0 || strcmp(action, "request_close") == 0)
		json_object_set_new(f, "has_files", json_true());
	if (strcmp(action, "request_extension") == 0) {
		json_object_set_new(f, "is_extension", json_true());
		json_object_set_new(f, "deadline",
		                    auth_page_text(typed ? http_form(req, "deadline") : NULL));
		json_object_set_new(f, "current_deadline",
		                    json_incref(json_object_get(task, "deadline")));
	}
	if (typed)
		site_module_step_error(f, error, field);
	return f;
}

/* The flash for what ?done= or ?created= say just happened. */
static void page_flash(HttpRequest *req, json_t *m)
{
	site_module_flash_done(req, m, tasks_page_action_title);
	if (g_strcmp0(http_query(req, "created"), "1") == 0)
		site_module_flash(m, "success", http_tr(req, N_("The task has been assigned.")));
}

/*
 * Renders task ID's page with STATUS. After a refusal of step FAILED (NULL: none), ERROR
 * (translated) shows above the page and at that form's FIELD, with what was typed.
 */
static void task_reply(HttpRequest *req, HttpResponse *res, gint64 id, int status,
                       const char *failed, const char *error, const char *field)
{
	const AuthUser *u = auth_current(req);
	gboolean staff = auth_can(u, "work.all");
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	json_t *task = c ? tasks_load(c, u, id, &err) : NULL, *m, *forms, *a;
	size_t i;

	if (task == NULL) {
		tasks_page_fail(req, res, err);
		return;
	}
	task_model(req, c, task);
	forms = json_array();
	json_array_foreach (json_object_get(task, "actions"), i, a) {
		const char *action = json_string_value(a);
		gboolean mine = failed && strcmp(failed, action) == 0;
		json_array_append_new(forms,
		                      step_form(req, task, action, staff, mine, error, field));
	}
	m = tasks_page_model(req, N_("Supervised task"), "ledger");
	json_object_set_new(m, "title", json_copy(json_object_get(task, "title")));
	json_object_set_new(m, "has_forms", json_boolean(json_array_size(forms)));
	json_object_set_new(m, "forms", forms);
	site_module_flow(req, c, m, task, id);
	json_object_set_new(m, "task", task);
	if (error)
		json_object_set_new(m, "error",
		                    json_pack("{s:o}", "message", auth_page_text(error)));
	if (status == 200)
		page_flash(req, m);
	http_reply_model(res, status, m, "tasks/task");
}

/* GET /tasks/{id}: the task with the forms of the steps the user may take now. */
void tasks_page_task(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such task."), NULL);
		return;
	}
	task_reply(req, res, id, 200, NULL, NULL, NULL);
}

/* The files the step form sent in its "file" inputs, the empty ones (nothing chosen) left out
 * (a new array of borrowed uploads). */
static GPtrArray *chosen_files(HttpRequest *req)
{
	GPtrArray *all = http_uploads(req), *out = g_ptr_array_new();

	for (guint i = 0; all && i < all->len; i++) {
		HttpUpload *f = g_ptr_array_index(all, i);
		if (f->filename && *f->filename)
			g_ptr_array_add(out, f);
	}
	return out;
}

/* POST /tasks/{id}/actions/{action} (csrf_token, opinion, deadline for an extension): takes
 * the step and goes back to the task with a flash; a refusal re-shows the page. */
void tasks_page_act(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");
	const char *action = http_param(req, "action"), *field = NULL;
	g_autofree char *opinion = tasks_page_field(req, "opinion");
	g_autofree char *deadline = tasks_page_field(req, "deadline");
	json_t *body = json_object();
	GPtrArray *files;
	GError *err = NULL;

	if (id <= 0) {
		json_decref(body);
		http_reply_error(res, 404, "not_found", N_("There is no such task."), NULL);
		return;
	}
	if (*opinion)
		json_object_set_new(body, "opinion", auth_page_text(opinion));
	if (*deadline)
		json_object_set_new(body, "deadline", auth_page_text(deadline));
	files = chosen_files(req);
	if (tasks_op_act_files(app_db(req), auth_current(req), http_remote_addr(req), id, action,
	                       body, files, &field, &err)) {
		g_autofree char *href =
		    g_strdup_printf("/tasks/%" G_GINT64_FORMAT "?done=%s", id, action);
		http_reply_redirect(res, 303, href);
	} else if (!tasks_page_refusal(err)) {
		tasks_page_fail(req, res, err);
	} else {
		task_reply(req, res, id, work_error_status(err), action,
		           tasks_page_message(req, err), field);
		g_error_free(err);
	}
	g_ptr_array_unref(files);
	json_decref(body);
}

/* ---- under each 批示 on a document's page -----------------------------------------------------
 */

/* The tasks made from instruction ID that U may see: [{href, title, status_label, …}]. */
static json_t *instruction_tasks(HttpRequest *req, DbConn *c, const AuthUser *u, gint64 id,
                                 GError **err)
{
	g_autoptr(DbQuery) q = db_query_new(
	    "SELECT i.id, i.title, i.status, t.overdue, t.deadline, n.name AS lead_unit_name FROM "
	    "task t JOIN item i ON i.id = t.item_id JOIN unit n ON n.id = t.lead_unit_id");
	json_t *rows, *r;
	size_t i;

	db_query_where(q, "t.instruction_id = ?", "i", id);
	auth_item_filter(q, u);
	db_query_add(q, " ORDER BY i.id", NULL);
	rows = tasks_query_rows(c, q, err);
	json_array_foreach (rows, i, r)
		tasks_page_row(req, r);
	return rows;
}

/* The tasks of each instruction and, for the office, the form turning it into a task. */
void tasks_page_doc(HttpRequest *req, DbConn *c, json_t *doc)
{
	const AuthUser *u = auth_current(req);
	gboolean staff = u && auth_can(u, "work.all");
	g_autofree char *today = core_today();
	json_t *list = json_object_get(doc, "instructions"), *units = NULL, *v;
	GError *err = NULL;
	size_t i;

	if (u == NULL || json_array_size(list) == 0)
		return;
	if (staff && (units = org_units(c, NULL, NULL, today, &err)) == NULL)
		goto fail;
	json_array_foreach (list, i, v) {
		gint64 id = json_integer_value(json_object_get(v, "id"));
		json_t *tasks = instruction_tasks(req, c, u, id, &err);
		g_autofree char *href =
		    g_strdup_printf("/instructions/%" G_GINT64_FORMAT "/tasks", id);
		g_autofree char *prefix = g_strdup_printf("split-%" G_GINT64_FORMAT, id);
		g_autofree char *co_prefix = g_strdup_printf("%s-co", prefix);

		if (tasks == NULL)
			goto fail;
		json_object_set_new(v, "task_count",
		                    json_integer((json_int_t)json_array_size(tasks)));
		json_object_set_new(v, "has_task_links", json_boolean(json_array_size(tasks) > 0));
		json_object_set_new(v, "task_links", tasks);
		if (staff)
			json_object_set_new(
			    v, "split_form",
			    json_pack("{s:s, s:s, s:o, s:o}", "href", href, "prefix", prefix,
			              "unit_groups",
			              tasks_page_unit_groups(req, units, NULL, "lead_unit", prefix,
			                                     FALSE, NULL),
			              "co_groups",
			              tasks_page_unit_groups(req, units, NULL, "co", co_prefix,
			                                     FALSE, NULL)));
	}
	json_decref(units);
	return;
fail:
	g_warning("document page: tasks of the instructions: %s",
	          err ? err->message : "unknown error");
	g_clear_error(&err);
	json_decref(units);
}
