/*
 * task_form_pages.c — the forms that make tasks (交办, office staff only): assigning a task from
 * a meeting, a key work item, a higher authority or a petition (GET /tasks/new, POST /tasks,
 * tasks_op_create), and turning a leader's instruction (批示) into a task (GET and POST
 * /instructions/{id}/tasks, tasks_op_split, the operation of POST /api/v1/instructions/{id}/tasks;
 * the document's page carries a compact copy of that form under each 批示).
 *
 * The deadline is a date or a number of working days; the server computes the date (the page
 * shows it beforehand through /api/v1/calendar when scripts run, static/js/tasks.js). Co-units
 * are checkboxes named co:CODE (the form parser keeps one value per field name). A refusal
 * re-shows the form with what was typed and the message at its field (422); a success goes to
 * the new task (303).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/task_pages.h"
#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"

#include <string.h>

/* The sources a task is assigned from by this form: an instruction goes through its own form. */
static const struct {
	const char *source, *title;
} form_sources[] = {
    {"meeting", N_("Meeting decision")},   /* 会议决定 */
    {"key_work", N_("Key work")},          /* 重点工作 */
    {"higher", N_("Assigned from above")}, /* 上级交办 */
    {"petition", N_("Petition matter")},   /* 信访事项 */
};

/* The text fields of the forms (the checkboxes co:CODE aside). */
static const char *const text_fields[] = {"source",        "content",   "requirements",
                                          "domain",        "lead_unit", "deadline",
                                          "deadline_days", "leader",    "leader_reason"};

/* The values the form shows: the request's when TYPED, else empty (source "key_work"). */
static json_t *form_values(HttpRequest *req, gboolean typed)
{
	json_t *v = json_object();

	for (gsize k = 0; k < G_N_ELEMENTS(text_fields); k++)
		json_object_set_new(v, text_fields[k],
		                    auth_page_text(typed ? http_form(req, text_fields[k]) : NULL));
	if (!typed)
		json_object_set_new(v, "source", json_string("key_work"));
	return v;
}

/* Adds the deadline of the form to OBJ: "deadline" (a date), "deadline_days" or
 * "deadline_hours" (whole numbers when they are; as typed otherwise, so tasks_create names the
 * field). */
static void put_deadline(HttpRequest *req, json_t *obj)
{
	g_autofree char *date = tasks_page_field(req, "deadline");
	g_autofree char *days = tasks_page_field(req, "deadline_days");
	g_autofree char *hours = tasks_page_field(req, "deadline_hours");
	gint64 n = auth_page_number(days), h = auth_page_number(hours);

	/* work against the clock (a 批示 on an incident) is given hours */
	if (h > 0)
		json_object_set_new(obj, "deadline_hours", json_integer(h));
	else if (*hours)
		json_object_set_new(obj, "deadline_hours", auth_page_text(hours));
	if (*date)
		json_object_set_new(obj, "deadline", auth_page_text(date));
	if (n > 0)
		json_object_set_new(obj, "deadline_days", json_integer(n));
	else if (*days)
		json_object_set_new(obj, "deadline_days", auth_page_text(days));
}

/* Adds the form field NAME to OBJ when it is not empty. */
static void put_text(HttpRequest *req, json_t *obj, const char *name)
{
	g_autofree char *v = tasks_page_field(req, name);

	if (*v)
		json_object_set_new(obj, name, auth_page_text(v));
}

/* Adds the fields every task form shares to the model M: the unit lists (lead unit select,
 * co-unit checkboxes with ids ID_PREFIX-co-CODE), the values and today's date. */
static void shared_model(HttpRequest *req, json_t *m, json_t *units, json_t *values,
                         const char *id_prefix, gboolean typed)
{
	g_autofree char *today = core_today();
	g_autofree char *co = g_strdup_printf("%s-co", id_prefix);

	json_object_set_new(m, "unit_groups",
	                    tasks_page_unit_groups(
	                        req, units, json_string_value(json_object_get(values, "lead_unit")),
	                        "lead_unit", id_prefix, FALSE, NULL));
	json_object_set_new(m, "co_groups",
	                    tasks_page_unit_groups(req, units, NULL, "co", co, typed, NULL));
	json_object_set_new(m, "today", json_string(today));
	json_object_set_new(m, "id_prefix", json_string(id_prefix));
	json_object_set_new(m, "values", values);
}

/* ---- GET /tasks/new, POST /tasks ------------------------------------------------------------- */

/* Renders the assignment form with STATUS; TYPED: re-shown with the request's values and
 * ERROR (translated) at FIELD. */
static void form_reply(HttpRequest *req, HttpResponse *res, int status, gboolean typed,
                       const char *error, const char *field)
{
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	json_t *domains = c ? org_domains(c, &err) : NULL;
	json_t *units = domains ? org_units(c, NULL, NULL, today, &err) : NULL;
	json_t *m, *values, *opts;

	if (units == NULL) {
		json_decref(domains);
		tasks_page_fail(req, res, err);
		return;
	}
	values = form_values(req, typed);
	m = tasks_page_model(req, N_("Assign a task"), "new");
	opts = json_array();
	for (gsize i = 0; i < G_N_ELEMENTS(form_sources); i++)
		json_array_append_new(
		    opts,
		    json_pack("{s:s, s:s, s:b}", "value", form_sources[i].source, "label",
		              http_tr(req, form_sources[i].title), "selected",
		              g_strcmp0(form_sources[i].source, json_string_value(json_object_get(
		                                                    values, "source"))) == 0));
	json_object_set_new(m, "source_options", opts);
	json_object_set_new(m, "domain_options",
	                    site_module_domain_options(
	                        domains, json_string_value(json_object_get(values, "domain"))));
	shared_model(req, m, units, values, "t", typed);
	if (error)
		site_module_set_error(m, error, field);
	json_decref(domains);
	json_decref(units);
	http_reply_model(res, status, m, "tasks/form");
}

/* GET /tasks/new: the assignment form. */
void tasks_page_new(HttpRequest *req, HttpResponse *res)
{
	form_reply(req, res, 200, FALSE, NULL, NULL);
}

/* POST /tasks (csrf_token, source, content, requirements, domain, lead_unit, co:CODE…,
 * deadline or deadline_days): assigns the task and shows it. */
void tasks_page_create(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *today = core_today();
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	json_t *units = c ? org_units(c, NULL, NULL, today, &err) : NULL, *obj;
	gint64 id = 0;

	if (units == NULL) {
		tasks_page_fail(req, res, err);
		return;
	}
	obj = json_object();
	put_text(req, obj, "source");
	put_text(req, obj, "content");
	put_text(req, obj, "requirements");
	put_text(req, obj, "domain");
	put_text(req, obj, "lead_unit");
	json_object_set_new(obj, "co_units", tasks_page_checked_units(req, units, "co"));
	put_deadline(req, obj);
	if (!json_object_get(obj, "lead_unit")) {
		form_reply(req, res, 422, TRUE, http_tr(req, N_("Choose the lead unit.")),
		           "lead_unit");
	} else if (tasks_op_create(app_db(req), auth_current(req), http_remote_addr(req), obj, &id,
	                           &field, &err)) {
		g_autofree char *href =
		    g_strdup_printf("/tasks/%" G_GINT64_FORMAT "?created=1", id);
		http_reply_redirect(res, 303, href);
	} else if (!tasks_page_refusal(err)) {
		tasks_page_fail(req, res, err);
	} else {
		form_reply(req, res, work_error_status(err), TRUE, tasks_page_message(req, err),
		           field);
		g_error_free(err);
	}
	json_decref(obj);
	json_decref(units);
}

/* ---- GET and POST /instructions/{id}/tasks ----------------------------------------------------
 */

/* Fills the form VALUES from instruction INSTR: its requirements and the deadline it names. */
static void prefill(json_t *values, json_t *instr)
{
	json_t *days = json_object_get(instr, "deadline_days");

	json_object_set(values, "requirements", json_object_get(instr, "requirements"));
	if (json_is_string(json_object_get(instr, "deadline")))
		json_object_set(values, "deadline", json_object_get(instr, "deadline"));
	if (json_is_integer(days))
		json_object_set_new(
		    values, "deadline_days",
		    json_sprintf("%" JSON_INTEGER_FORMAT, json_integer_value(days)));
}

/* Adds to instruction INSTR what the page says of its form: "form_label" (纸质批示 …) and
 * "item_href" when it is on a document. */
static void instruction_labels(HttpRequest *req, json_t *instr)
{
	const char *form = json_string_value(json_object_get(instr, "form"));

	if (g_strcmp0(form, "paper") == 0)
		json_object_set_new(
		    instr, "form_label",
		    json_string(http_tr(req, N_("Paper instruction")))); /* 纸质批示 */
	else if (g_strcmp0(form, "oral") == 0)
		json_object_set_new(
		    instr, "form_label",
		    json_string(http_tr(req, N_("Oral instruction")))); /* 口头批示 */
}

/* Adds to instruction INSTR the leader routing makes responsible for its tasks and why
 * ("routed_leader", "routed_reason"): the default the form offers to change. */
static void routed_leader(DbConn *c, json_t *instr)
{
	g_autofree char *today = core_today(), *reason = NULL;
	gint64 id = 0;
	json_t *rows;

	tasks_responsible(c, json_string_value(json_object_get(instr, "domain")),
	                  json_integer_value(json_object_get(instr, "leader_id")), today, &id,
	                  &reason);
	rows = id ? tasks_rows(c, NULL, "SELECT name FROM leader WHERE id = ?", "i", id) : NULL;
	if (json_array_size(rows)) {
		json_object_set(instr, "routed_leader",
		                json_object_get(json_array_get(rows, 0), "name"));
		json_object_set_new(instr, "routed_reason", json_string(reason));
	}
	json_decref(rows);
}

/* The leaders in office today as select options, SELECTED (a username) marked; the empty
 * value means "as the division of responsibility says". */
static json_t *leader_options(DbConn *c, const char *selected)
{
	g_autofree char *today = core_today();
	json_t *leaders = org_leaders(c, today, FALSE, NULL), *out = json_array(), *l;
	size_t i;

	json_array_foreach (leaders, i, l) {
		const char *user = json_string_value(json_object_get(l, "username"));
		if (user == NULL)
			continue;
		json_array_append_new(out, json_pack("{s:s, s:O, s:b}", "value", user, "label",
		                                     json_object_get(l, "name"), "selected",
		                                     g_strcmp0(user, selected) == 0));
	}
	json_decref(leaders);
	return out;
}

/* Renders the form turning instruction ID into a task with STATUS; TYPED: re-shown with the
 * request's values and ERROR (translated) at FIELD. */
static void split_reply(HttpRequest *req, HttpResponse *res, gint64 id, int status, gboolean typed,
                        const char *error, const char *field)
{
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	json_t *instr = c ? tasks_instruction(c, auth_current(req), id, &err) : NULL;
	json_t *units = instr ? org_units(c, NULL, NULL, today, &err) : NULL, *m, *values;
	g_autofree char *action = g_strdup_printf("/instructions/%" G_GINT64_FORMAT "/tasks", id);

	if (units == NULL) {
		json_decref(instr);
		tasks_page_fail(req, res, err);
		return;
	}
	if (core_word_in(json_string_value(json_object_get(instr, "item_kind")),
	                 "incoming outgoing")) {
		g_autofree char *href =
		    g_strdup_printf("/documents/%" JSON_INTEGER_FORMAT,
		                    json_integer_value(json_object_get(instr, "item_id")));
		json_object_set_new(instr, "item_href", json_string(href));
	}
	m = tasks_page_model(req, N_("Turn the instruction into a task"), "new"); /* 批示转交办 */
	json_object_set_new(m, "action", json_string(action));
	values = form_values(req, typed);
	if (!typed) /* the 批示's requirements and deadline carried forward */
		prefill(values, instr);
	instruction_labels(req, instr);
	routed_leader(c, instr);
	json_object_set_new(m, "instruction", instr);
	json_object_set_new(
	    m, "leader_options",
	    leader_options(c, json_string_value(json_object_get(values, "leader"))));
	shared_model(req, m, units, values, "s", typed);
	if (error)
		site_module_set_error(m, error, field);
	json_decref(units);
	http_reply_model(res, status, m, "tasks/split");
}

/* GET /instructions/{id}/tasks: the form turning the instruction into a task. */
void tasks_page_split_form(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such instruction."), NULL);
		return;
	}
	split_reply(req, res, id, 200, FALSE, NULL, NULL);
}

/* POST /instructions/{id}/tasks (csrf_token, lead_unit, co:CODE…, deadline_days or deadline,
 * content and requirements optional: the instruction's by default): makes the task and shows
 * it. */
void tasks_page_split(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *today = core_today();
	gint64 id = auth_page_id(req, "id");
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = id > 0 ? tasks_page_conn(req, &err) : NULL;
	json_t *instr = c ? tasks_instruction(c, auth_current(req), id, &err) : NULL;
	json_t *units = instr ? org_units(c, NULL, NULL, today, &err) : NULL;
	json_t *one, *obj, *created;

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is no such instruction."), NULL);
		return;
	}
	json_decref(instr);
	if (units == NULL) {
		tasks_page_fail(req, res, err);
		return;
	}
	one = json_object();
	put_text(req, one, "content");
	put_text(req, one, "requirements");
	put_text(req, one, "lead_unit");
	put_text(req, one, "leader");
	put_text(req, one, "leader_reason");
	json_object_set_new(one, "co_units", tasks_page_checked_units(req, units, "co"));
	put_deadline(req, one);
	obj = json_pack("{s:[O]}", "tasks", one);
	created = json_array();
	if (!json_object_get(one, "lead_unit")) {
		split_reply(req, res, id, 422, TRUE, http_tr(req, N_("Choose the lead unit.")),
		            "lead_unit"); /* 请选择牵头单位。 */
	} else if (tasks_op_split(app_db(req), auth_current(req), http_remote_addr(req), id, obj,
	                          created, &field, &err)) {
		g_autofree char *href =
		    g_strdup_printf("/tasks/%" JSON_INTEGER_FORMAT "?created=1",
		                    json_integer_value(json_array_get(created, 0)));
		http_reply_redirect(res, 303, href);
	} else if (!tasks_page_refusal(err)) {
		tasks_page_fail(req, res, err);
	} else {
		split_reply(req, res, id, work_error_status(err), TRUE,
		            tasks_page_message(req, err), field);
		g_error_free(err);
	}
	json_decref(created);
	json_decref(obj);
	json_decref(one);
	json_decref(units);
}
