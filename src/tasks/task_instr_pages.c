/*
 * task_instr_pages.c — entering a paper or oral 批示 (纸质批示 / 口头批示, office staff):
 * GET /instructions/new, POST /instructions (multipart: the scan of a paper one). The 批示 is
 * kept with its source (who, when, on what) by work_instruction_record through
 * tasks_op_record, the same operation as POST /api/v1/instructions with "form"; a success goes
 * to the form that turns it into tasks (303), a refusal re-shows the form with what was typed
 * and the message at its field (422).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/task_pages.h"
#include "tasks/tasks_internal.h"
#include "core/core.h"
#include "org/org.h"

/* The text fields of the form. */
static const char *const fields[] = {"form",     "leader",       "text",    "requirements",
                                     "given_on", "source_who",   "item_id", "source_ref",
                                     "deadline", "deadline_days"};

/* Renders the form with STATUS; TYPED: with the request's values and ERROR at FIELD. */
static void record_reply(HttpRequest *req, HttpResponse *res, int status, gboolean typed,
                         const char *error, const char *field)
{
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = tasks_page_conn(req, &err);
	json_t *leaders = c ? org_leaders(c, today, FALSE, &err) : NULL, *m, *v, *opts, *l;
	const char *chosen;
	size_t i;

	if (leaders == NULL) {
		tasks_page_fail(req, res, err);
		return;
	}
	v = json_object();
	for (gsize k = 0; k < G_N_ELEMENTS(fields); k++)
		json_object_set_new(v, fields[k],
		                    auth_page_text(typed ? http_form(req, fields[k]) : NULL));
	if (!typed) {
		json_object_set_new(v, "form", json_string("paper"));
		json_object_set_new(v, "given_on", json_string(today));
	}
	chosen = json_string_value(json_object_get(v, "leader"));
	opts = json_array();
	json_array_foreach (leaders, i, l) {
		const char *user = json_string_value(json_object_get(l, "username"));
		g_autofree char *value =
		    user ? g_strdup(user)
		         : g_strdup_printf("%" JSON_INTEGER_FORMAT,
		                           json_integer_value(json_object_get(l, "id")));
		json_array_append_new(opts, json_pack("{s:s, s:O, s:b}", "value", value, "label",
		                                      json_object_get(l, "name"), "selected",
		                                      g_strcmp0(value, chosen) == 0));
	}
	m = tasks_page_model(req, N_("Paper or oral instruction"), "record");
	json_object_set_new(m, "leader_options", opts);
	json_object_set_new(
	    m, "is_oral",
	    json_boolean(g_strcmp0(json_string_value(json_object_get(v, "form")), "oral") == 0));
	json_object_set_new(m, "today", json_string(today));
	json_object_set_new(m, "values", v);
	if (error)
		site_module_set_error(m, error, field);
	json_decref(leaders);
	http_reply_model(res, status, m, "tasks/record");
}

/* GET /instructions/new: the form entering a paper or oral 批示. */
void tasks_page_record_form(HttpRequest *req, HttpResponse *res)
{
	record_reply(req, res, 200, FALSE, NULL, NULL);
}

/* POST /instructions (csrf_token, form, leader, text, requirements, given_on, source_who,
 * item_id, source_ref, deadline or deadline_days, scan): enters it and opens 转交办. */
void tasks_page_record(HttpRequest *req, HttpResponse *res)
{
	GPtrArray *ups = http_uploads(req);
	const HttpUpload *scan = NULL;
	const char *field = NULL;
	GError *err = NULL;
	json_t *obj = json_object();
	gint64 id = 0;

	for (gsize k = 0; k < G_N_ELEMENTS(fields); k++) {
		g_autofree char *v = tasks_page_field(req, fields[k]);
		gint64 n = auth_page_number(v);
		if (*v == '\0')
			continue;
		/* numbers as numbers when they are; as typed otherwise, so the check names it */
		if ((g_strcmp0(fields[k], "item_id") == 0 ||
		     g_strcmp0(fields[k], "deadline_days") == 0) &&
		    n > 0)
			json_object_set_new(obj, fields[k], json_integer(n));
		else
			json_object_set_new(obj, fields[k], auth_page_text(v));
	}
	for (guint i = 0; ups && i < ups->len; i++) {
		const HttpUpload *f = g_ptr_array_index(ups, i);
		if (g_strcmp0(f->field, "scan") == 0 && f->filename && *f->filename)
			scan = f;
	}
	if (scan && g_strcmp0(json_string_value(json_object_get(obj, "form")), "paper")) {
		record_reply(req, res, 422, TRUE,
		             http_tr(req, N_("Only a paper instruction has a scan.")), "scan");
	} else if (tasks_op_record(app_db(req), auth_current(req), http_remote_addr(req), obj, scan,
	                           &id, &field, &err)) {
		g_autofree char *href =
		    g_strdup_printf("/instructions/%" G_GINT64_FORMAT "/tasks", id);
		http_reply_redirect(res, 303, href);
	} else if (!tasks_page_refusal(err)) {
		tasks_page_fail(req, res, err);
	} else {
		record_reply(req, res, work_error_status(err), TRUE, tasks_page_message(req, err),
		             field);
		g_error_free(err);
	}
	json_decref(obj);
}
