/*
 * info_item_pages.c — one report's page (GET /reports/{id}): its text, the editor's version
 * with the original beside it, the reports merged into it, its issue, the leaders' 批示 with
 * the tasks made of them, its history and a form per step the reader may take; and one issue's
 * page (GET /issues/{id}) laid out as the bulletin reads, with the read receipts for the
 * editor and one button for a reader to record the reading.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_pages.h"
#include "info/info_internal.h"
#include "core/core.h"
#include "tasks/task_pages.h"
#include "tasks/tasks.h"
#include "work/work_web.h"

#include <string.h>

#define errors info_page_errors

/* Labels the history H of an item of workflow CODE for reading: "when_text", "action_label"
 * (a step's label; the entries that are not steps by their own words). */
static void history_model(HttpRequest *req, DbConn *c, json_t *history, const char *code)
{
	const WorkFlow *flow = work_flow_get(c, code, 0, NULL);
	json_t *h;
	size_t i;

	json_array_foreach (history, i, h) {
		const char *action = json_string_value(json_object_get(h, "action"));
		const char *label = action;

		site_module_set_time(h, "when_text",
		                     json_integer_value(json_object_get(h, "when")));
		if (g_strcmp0(action, "merged_in") == 0)
			label = http_tr(req, N_("Another report merged in")); /* 并入稿件 */
		else if (g_strcmp0(action, "compose") == 0)
			label = http_tr(req, N_("Reports rearranged")); /* 调整稿件 */
		else if (g_strcmp0(action, "instruct") == 0)
			label = http_tr(req, N_("Instruction")); /* 批示 */
		else if (flow)
			label = work_flow_step_label(flow, action, http_lang(req));
		json_object_set_new(h, "action_label", json_string(label ? label : ""));
	}
}

/* The forms of the steps U may take of STEPS, posting to HREF/actions/ACTION: [{action, label,
 * href, id, opinion: {required, label}?, edit, merge, danger}]. */
static json_t *step_forms(HttpRequest *req, json_t *steps, const char *href)
{
	json_t *out = json_array(), *s;
	size_t i;

	json_array_foreach (steps, i, s) {
		const char *code = json_string_value(json_object_get(s, "code"));
		g_autofree char *to = g_strdup_printf("%s/actions/%s", href, code);
		json_t *f;

		if (!json_is_true(json_object_get(s, "allowed")))
			continue;
		f = site_module_step_form(code, to, json_string_value(json_object_get(s, "label")));
		site_module_step_opinion(
		    req, f,
		    core_word_in(code, "reject cancel") ? SITE_OPINION_REQUIRED
		                                        : SITE_OPINION_OPTIONAL,
		    core_word_in(code, "reject cancel withdraw") ? N_("Reason") : NULL, FALSE);
		json_object_set_new(f, "edit", json_boolean(strcmp(code, "edit") == 0));
		json_object_set_new(f, "merge", json_boolean(strcmp(code, "merge") == 0));
		json_object_set_new(f, "danger", json_boolean(core_word_in(code, "reject cancel")));
		json_object_set_new(
		    f, "secondary",
		    json_boolean(core_word_in(code, "edit merge reject withdraw cancel")));
		json_array_append_new(out, f);
	}
	return out;
}

/* Splits R's "body" into "paragraphs" [{text}] for reading. */
static void paragraphs(json_t *r)
{
	g_auto(GStrv) lines = g_strsplit(json_string_value(json_object_get(r, "body")), "\n", -1);
	json_t *out = json_array();

	for (char **l = lines; *l; l++)
		if (!core_text_blank(*l))
			json_array_append_new(out, json_pack("{s:s}", "text", g_strstrip(*l)));
	json_object_set_new(r, "paragraphs", out);
}

/* ---- a report ---------------------------------------------------------------------------------
 */

/* The report's page with STATUS, and ERROR (translated) above the forms when not NULL. */
static void report_page(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                        const char *error)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) r = NULL;
	g_autofree char *href = g_strdup_printf("/reports/%" G_GINT64_FORMAT, id);
	json_t *m, *instructions = NULL, *v, *targets = NULL;
	InfoReportFilter open = {.status = "submitted", .limit = 200};
	size_t i;

	if (c && auth_item_access(c, u, id, &err) != AUTH_ITEM_ALLOWED && err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such report."));
	if (err || (r = info_report_get(c, u, id, &err)) == NULL ||
	    (instructions = tasks_instructions(c, u, id, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (instructions, i, v)
		site_module_set_time(v, "created_text",
		                     json_integer_value(json_object_get(v, "created_at")));
	json_object_set_new(r, "instructions", instructions);
	json_object_set_new(r, "has_instructions", json_boolean(json_array_size(instructions) > 0));
	tasks_page_doc(req, c, r);
	paragraphs(r);
	if (json_is_object(json_object_get(r, "original")))
		paragraphs(json_object_get(r, "original"));
	history_model(req, c, json_object_get(r, "history"), "report");
	json_object_set_new(
	    r, "status_class",
	    json_string(info_status_class(json_string_value(json_object_get(r, "status")))));
	site_module_set_time(r, "submitted_text",
	                     json_integer_value(json_object_get(r, "submitted_at")));
	json_object_set_new(r, "is_urgent",
	                    json_boolean(g_strcmp0(json_string_value(json_object_get(r, "urgency")),
	                                           "urgent") == 0));
	m = info_page_model(req, N_("Report"), "reports");
	json_object_set_new(m, "title", json_copy(json_object_get(r, "title")));
	json_object_set_new(m, "forms", step_forms(req, json_object_get(r, "steps"), href));
	/* the reports this one may go into: the others in the queue or adopted */
	if (json_array_size(json_object_get(r, "actions")) > 0 &&
	    (targets = info_report_list(c, u, &open, &err)) != NULL) {
		InfoReportFilter adopted = {.status = "adopted", .limit = 200};
		json_t *more = info_report_list(c, u, &adopted, NULL);
		if (more)
			json_array_extend(targets, more);
		json_decref(more);
		for (i = json_array_size(targets); i-- > 0;)
			if (json_integer_value(json_object_get(json_array_get(targets, i), "id")) ==
			    id)
				json_array_remove(targets, i);
		json_object_set_new(m, "merge_targets", targets);
	}
	g_clear_error(&err);
	json_object_set_new(
	    m, "can_instruct",
	    json_boolean(auth_can(u, "work.instruct") &&
	                 g_strcmp0(json_string_value(json_object_get(r, "status")), "draft") != 0));
	json_object_set(m, "report", r);
	if (error)
		site_module_set_error(m, error, NULL);
	if (http_query(req, "done"))
		site_module_flash(m, "success", http_tr(req, N_("Done.")));
	http_reply_model(res, status, m, "info/report");
}

void info_page_report(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		report_page(req, res, 200, id, NULL);
}

/* Runs FN as ACTION with BODY (borrowed) on item {id} (a report or an issue, its page drawn by
 * PAGE); back to the page on success (303), the page with the refusal otherwise. */
static void page_write(HttpRequest *req, HttpResponse *res, const char *action, InfoOpFn fn,
                       json_t *body, const char *prefix,
                       void (*page)(HttpRequest *, HttpResponse *, int, gint64, const char *))
{
	InfoOp o = {.body = body, .action = http_param(req, "action")};
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autofree char *to = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &o.id))
		return;
	if (c && auth_item_access(c, auth_current(req), o.id, &err) != AUTH_ITEM_ALLOWED &&
	    err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such item."));
	if (!err)
		info_op(req, action, fn, &o, &id, &field, &err);
	if (err == NULL) {
		to = g_strdup_printf("%s/%" G_GINT64_FORMAT "?done=1", prefix, o.id);
		http_reply_redirect(res, 303, to);
	} else if (site_module_refusal(&errors, err)) {
		page(req, res, work_error_status(err), o.id,
		     site_module_message(req, &errors, err));
		g_error_free(err);
	} else {
		site_module_fail(req, res, &errors, err);
	}
}

/* The step's fields from the form: the opinion, and edit's title and body, merge's target. */
static json_t *step_body(HttpRequest *req)
{
	static const char *const names[] = {"opinion", "title", "body"};
	json_t *o = json_object();
	g_autofree char *into = site_module_field(req, "into");

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *v = site_module_field(req, names[i]);
		if (*v)
			json_object_set_new(o, names[i], json_string(v));
	}
	if (*into)
		json_object_set_new(o, "into",
		                    core_parse_id(into) > 0 ? json_integer(core_parse_id(into))
		                                            : json_string(into));
	return o;
}

void info_page_report_step(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *audit = g_strdup_printf("info.report.%s", http_param(req, "action"));
	g_autoptr(json_t) body = step_body(req);

	page_write(req, res, audit, info_op_step, body, "/reports", report_page);
}

/* InfoOp: a leader's 批示 on the report (o->body "text"), the one path of work/instructions. */
static gboolean op_instruct(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	InfoOp *o = ctx;
	gint64 instruction = 0;

	*id = o->id;
	return work_instruction_add(c, o->u, o->id,
	                            json_string_value(json_object_get(o->body, "text")), NULL, NULL,
	                            "text", &instruction, field, err);
}

void info_page_report_instruct(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *text = site_module_field(req, "text");
	g_autoptr(json_t) body = json_pack("{s:s}", "text", text);

	page_write(req, res, "instruction.create", op_instruct, body, "/reports", report_page);
}

/* ---- an issue ---------------------------------------------------------------------------------
 */

/* The issue's page with STATUS, and ERROR (translated) above the forms when not NULL. */
static void issue_page(HttpRequest *req, HttpResponse *res, int status, gint64 id,
                       const char *error)
{
	const AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = site_module_conn(req, &errors, &err);
	g_autoptr(json_t) s = NULL;
	g_autofree char *href = g_strdup_printf("/issues/%" G_GINT64_FORMAT, id);
	json_t *m, *r, *reads;
	size_t i;

	if (c && auth_item_access(c, u, id, &err) != AUTH_ITEM_ALLOWED && err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such issue."));
	if (err || (s = info_issue_get(c, u, id, &err)) == NULL) {
		site_module_fail(req, res, &errors, err);
		return;
	}
	json_array_foreach (json_object_get(s, "reports"), i, r) {
		g_autofree char *rhref = g_strdup_printf(
		    "/reports/%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(r, "id")));
		paragraphs(r);
		json_object_set_new(r, "href", json_string(rhref));
	}
	history_model(req, c, json_object_get(s, "history"), "issue");
	site_module_set_time(s, "published_text",
	                     json_integer_value(json_object_get(s, "published_at")));
	if (json_integer_value(json_object_get(s, "published_at"))) {
		g_autofree char *day = core_time_format(
		    json_integer_value(json_object_get(s, "published_at")), "%Y年%-m月%-d日");
		g_autofree char *no =
		    g_strdup_printf("%" JSON_INTEGER_FORMAT "年第%" JSON_INTEGER_FORMAT "期",
		                    json_integer_value(json_object_get(s, "year")),
		                    json_integer_value(json_object_get(s, "number")));
		json_object_set_new(s, "date_text", json_string(day));
		json_object_set_new(s, "number_text", json_string(no));
	}
	json_object_set_new(
	    s, "status_class",
	    json_string(info_status_class(json_string_value(json_object_get(s, "status")))));
	if ((reads = json_object_get(s, "reads")) != NULL) {
		json_array_foreach (json_object_get(reads, "items"), i, r)
			site_module_set_time(r, "read_text",
			                     json_integer_value(json_object_get(r, "read_at")));
		json_object_set_new(
		    reads, "has_unread",
		    json_boolean(json_array_size(json_object_get(reads, "unread")) > 0));
	}
	site_module_set_time(s, "read_text", json_integer_value(json_object_get(s, "read_at")));
	m = info_page_model(req, N_("Bulletin issue"), "bulletins");
	json_object_set_new(m, "title", json_copy(json_object_get(s, "title")));
	json_object_set_new(m, "forms", step_forms(req, json_object_get(s, "steps"), href));
	json_object_set_new(m, "can_read",
	                    json_boolean(g_strcmp0(json_string_value(json_object_get(s, "status")),
	                                           "published") == 0 &&
	                                 !json_is_integer(json_object_get(s, "read_at"))));
	json_object_set(m, "issue", s);
	if (error)
		site_module_set_error(m, error, NULL);
	if (http_query(req, "done"))
		site_module_flash(m, "success", http_tr(req, N_("Done.")));
	http_reply_model(res, status, m, "info/issue");
}

void info_page_issue(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		issue_page(req, res, 200, id, NULL);
}

void info_page_issue_step(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *audit = g_strdup_printf("info.issue.%s", http_param(req, "action"));
	g_autoptr(json_t) body = step_body(req);

	page_write(req, res, audit, info_op_step, body, "/issues", issue_page);
}

void info_page_issue_read(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) body = json_object();

	page_write(req, res, "info.issue.read", info_op_read, body, "/issues", issue_page);
}
