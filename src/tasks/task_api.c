/*
 * task_api.c — the JSON API of supervision: instructions (/api/v1/instructions), tasks
 * (/api/v1/tasks, the ledger tasks.xlsx, statistics, the chasing policy), the working-day
 * calendar (/api/v1/calendar) and each user's notifications. Every change is one audited
 * write transaction.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "tasks/tasks_web.h"
#include "work/flow.h"
#include "app.h"
#include "core/calendar.h"
#include "core/core.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

/* ---- errors ------------------------------------------------------------------------------- */

/* ---- operations --------------------------------------------------------------------------- */

/* What an instruction's operation hands to its step inside the transaction. */
typedef struct {
	const AuthUser *u;
	json_t *obj;
} Ctx;

/* A 批示 by a leader (work_instruction_add, the deadline it names kept too), or a paper or
 * oral one entered by the office ("form": "paper"|"oral", work_instruction_record). */
static gboolean do_instruct(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	Ctx *x = p;
	json_t *item = json_object_get(x->obj, "item_id");
	const char *form = json_string_value(json_object_get(x->obj, "form"));

	if (form && strcmp(form, "written"))
		return work_instruction_record(c, x->u, x->obj, id, field, err);
	if (!json_is_integer(item))
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, "item_id",
		                        N_("Name the item by its id."));
	return work_instruction_add(c, x->u, json_integer_value(item),
	                            json_string_value(json_object_get(x->obj, "text")),
	                            json_string_value(json_object_get(x->obj, "requirements")),
	                            json_string_value(json_object_get(x->obj, "given_on")), "text",
	                            id, field, err) &&
	       work_instruction_set_deadline(c, *id, x->obj, field, err);
}

/* ---- handlers ----------------------------------------------------------------------------- */

static void reply_task(HttpRequest *req, HttpResponse *res, int status, gint64 id)
{
	GError *err = NULL, *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	json_t *t = c ? tasks_load(c, auth_current(req), id, &err) : NULL;

	if (t == NULL) {
		if (e)
			tasks_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, t);
}

void tasks_api_create(HttpRequest *req, HttpResponse *res)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!tasks_op_create(app_db(req), auth_current(req), http_remote_addr(req), http_json(req),
	                     &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_task(req, res, 201, id);
}

void tasks_api_get(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		reply_task(req, res, 200, id);
}

/* The body of a step (a new reference): the JSON one, or a multipart form's "opinion" and
 * "deadline" when files come with it. */
static json_t *body_of(HttpRequest *req)
{
	json_t *b = http_json(req);
	const char *names[] = {"opinion", "deadline"};

	if (b || http_form(req, "opinion") == NULL)
		return b ? json_incref(b) : NULL;
	b = json_object();
	for (gsize k = 0; k < G_N_ELEMENTS(names); k++)
		if (http_form(req, names[k]) && *http_form(req, names[k]))
			json_object_set_new(b, names[k], json_string(http_form(req, names[k])));
	return b;
}

void tasks_api_act(HttpRequest *req, HttpResponse *res)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;
	json_t *body;
	gboolean ok;

	if (!auth_path_id(req, res, &id))
		return;
	body = body_of(req);
	ok = tasks_op_act_files(app_db(req), auth_current(req), http_remote_addr(req), id,
	                        http_param(req, "action"), body, http_uploads(req), &field, &err);
	json_decref(body);
	if (!ok) {
		work_fail(req, res, err, field);
		return;
	}
	reply_task(req, res, 200, id);
}

/* POST /api/v1/instructions/{id}/scan (multipart, the file in "scan"): the scan of a paper
 * 批示, kept by the office. */
void tasks_api_scan_put(HttpRequest *req, HttpResponse *res)
{
	GPtrArray *ups = http_uploads(req);
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;
	DbConn *c;
	json_t *one;

	if (!auth_path_id(req, res, &id))
		return;
	if (ups == NULL || ups->len != 1) {
		http_reply_error(res, 422, "invalid", N_("Upload one file in the field scan."),
		                 "scan");
		return;
	}
	if (!tasks_op_scan(app_db(req), auth_current(req), http_remote_addr(req), id,
	                   g_ptr_array_index(ups, 0), &field, &err)) {
		work_fail(req, res, err, field ? field : "scan");
		return;
	}
	c = db_conn(app_db(req), NULL);
	if (c == NULL || (one = tasks_instruction(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, one);
}

/* Reads the ledger filter from the query; FALSE after answering 422. */
static gboolean filter_of(HttpRequest *req, HttpResponse *res, TasksFilter *f)
{
	const char *leader = http_query(req, "leader"), *from = http_query(req, "from");
	const char *to = http_query(req, "to");
	GDate d;

	memset(f, 0, sizeof *f);
	f->unit = http_query(req, "unit");
	f->source = http_query(req, "source");
	f->status = http_query(req, "status");
	f->overdue = http_query(req, "overdue");
	f->limit = 5000;
	if (leader && *leader && (f->leader_id = core_parse_id(leader)) <= 0) {
		http_reply_error(res, 422, "invalid", N_("Name the leader by id."), "leader");
		return FALSE;
	}
	if ((from && *from && !core_date_parse(from, &d)) ||
	    (to && *to && !core_date_parse(to, &d))) {
		http_reply_error(res, 422, "invalid", N_("Write the date as YYYY-MM-DD."),
		                 from && *from && !core_date_parse(from, &d) ? "from" : "to");
		return FALSE;
	}
	f->from = from && *from ? from : NULL;
	f->to = to && *to ? to : NULL;
	if (f->unit && !*f->unit)
		f->unit = NULL;
	if (f->source && !*f->source)
		f->source = NULL;
	if (f->status && !*f->status)
		f->status = NULL;
	if (f->overdue && !*f->overdue)
		f->overdue = NULL;
	return TRUE;
}

/* Runs QUERY (list or stats) with the request's filter; NULL after answering. */
static json_t *filtered(HttpRequest *req, HttpResponse *res,
                        json_t *(*query)(DbConn *, const AuthUser *, const TasksFilter *,
                                         GError **))
{
	TasksFilter f;
	GError *err = NULL, *e = NULL;
	DbConn *c;
	json_t *out;

	if (!filter_of(req, res, &f))
		return NULL;
	if ((c = db_conn(app_db(req), &e)) == NULL) {
		tasks_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return NULL;
	}
	if ((out = query(c, auth_current(req), &f, &err)) == NULL)
		work_fail(req, res, err, NULL);
	return out;
}

void tasks_api_list(HttpRequest *req, HttpResponse *res)
{
	json_t *items = filtered(req, res, tasks_list);

	if (items)
		http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void tasks_api_stats(HttpRequest *req, HttpResponse *res)
{
	json_t *stats = filtered(req, res, tasks_stats);

	if (stats)
		http_reply_json(res, 200, stats);
}

void tasks_api_ledger(HttpRequest *req, HttpResponse *res)
{
	json_t *items = filtered(req, res, tasks_list);
	GError *err = NULL;
	GBytes *x;

	if (items == NULL)
		return;
	x = tasks_ledger_xlsx(items, &err);
	json_decref(items);
	if (x == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_add_header(res, "Content-Disposition", "attachment; filename=\"tasks.xlsx\"");
	http_reply_bytes(res, 200,
	                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x);
}

void tasks_api_instruct(HttpRequest *req, HttpResponse *res)
{
	Ctx x = {.u = auth_current(req), .obj = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;
	DbConn *c;
	json_t *one;

	if (!tasks_op_run(app_db(req), x.u, http_remote_addr(req), "instruction.create",
	                  "instruction", do_instruct, &x, &id, x.obj, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	c = db_conn(app_db(req), NULL);
	one = c ? tasks_instruction(c, x.u, id, &err) : NULL;
	if (one == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, one);
}

void tasks_api_instructions(HttpRequest *req, HttpResponse *res)
{
	const char *item = http_query(req, "item_id");
	gint64 id = core_parse_id(item);
	GError *err = NULL;
	DbConn *c;
	json_t *list;

	if (id <= 0) {
		http_reply_error(res, 422, "invalid", N_("Name the item by its id."), "item_id");
		return;
	}
	if ((c = db_conn(app_db(req), NULL)) == NULL ||
	    (list = tasks_instructions(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", list, "next_cursor"));
}

void tasks_api_split(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	json_t *created = json_array(), *items = json_array(), *v;
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;
	size_t i;

	if (!auth_path_id(req, res, &id))
		goto out;
	if (!tasks_op_split(app_db(req), u, http_remote_addr(req), id, http_json(req), created,
	                    &field, &err)) {
		work_fail(req, res, err, field);
		goto out;
	}
	json_array_foreach (created, i, v) {
		DbConn *c = db_conn(app_db(req), NULL);
		json_t *t = c ? tasks_load(c, u, json_integer_value(v), &err) : NULL;
		if (t == NULL) {
			work_fail(req, res, err, NULL);
			goto out;
		}
		json_array_append_new(items, t);
	}
	http_reply_json(res, 201, json_pack("{s:O, s:n}", "items", items, "next_cursor"));
out:
	json_decref(items);
	json_decref(created);
}

void tasks_api_policy(HttpRequest *req, HttpResponse *res)
{
	TasksPolicy p;
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), NULL);
	json_t *b = http_json(req);

	if (c == NULL || !tasks_policy_load(c, &p, &err)) {
		work_fail(req, res, err, NULL);
		return;
	}
	if (g_strcmp0(http_method(req), "PUT") == 0) {
		json_t *rb = json_object_get(b, "remind_before"),
		       *ra = json_object_get(b, "red_after");
		if ((rb && !json_is_integer(rb)) || (ra && !json_is_integer(ra))) {
			http_reply_error(
			    res, 422, "invalid", N_("This field must be a whole number."),
			    rb && !json_is_integer(rb) ? "remind_before" : "red_after");
			return;
		}
		if (rb)
			p.remind_before = (int)CLAMP(json_integer_value(rb), -1, 1000);
		if (ra)
			p.red_after = (int)CLAMP(json_integer_value(ra), -1, 1000);
		if (p.remind_before < 0 || p.remind_before > 30 || p.red_after < 1 ||
		    p.red_after > 60) {
			http_reply_error(
			    res, 422, "invalid",
			    N_("Remind 0 to 30 working days before; red after 1 to 60."),
			    p.remind_before < 0 || p.remind_before > 30 ? "remind_before"
			                                                : "red_after");
			return;
		}
		if (!tasks_op_policy(app_db(req), auth_current(req), http_remote_addr(req), &p, b,
		                     &err)) {
			work_fail(req, res, err, rb ? "remind_before" : "red_after");
			return;
		}
	}
	http_reply_json(
	    res, 200,
	    json_pack("{s:i, s:i}", "remind_before", p.remind_before, "red_after", p.red_after));
}

/* GET /api/v1/calendar?from=YYYY-MM-DD&add=N → {"date": …}: N working days after FROM. */
void tasks_api_calendar(HttpRequest *req, HttpResponse *res)
{
	const char *from = http_query(req, "from"), *add = http_query(req, "add");
	g_autofree char *out = NULL;
	char *end = NULL;
	GDate d, r;
	gint64 n;

	if (from == NULL || !core_date_parse(from, &d)) {
		http_reply_error(res, 422, "invalid", N_("Write the date as YYYY-MM-DD."), "from");
		return;
	}
	n = add ? g_ascii_strtoll(add, &end, 10) : 0;
	if (add == NULL || *add == '\0' || *end || n < -3650 || n > 3650) {
		http_reply_error(res, 422, "invalid",
		                 N_("add is a whole number of working days from -3650 to 3650."),
		                 "add");
		return;
	}
	core_calendar_add(&d, (int)n, &r);
	out = core_date_format(&r);
	http_reply_json(res, 200,
	                json_pack("{s:s, s:s, s:I, s:b}", "date", out, "from", from, "add",
	                          (json_int_t)n, "workday", core_calendar_is_workday(&d)));
}

void tasks_api_notifications(HttpRequest *req, HttpResponse *res)
{
	GError *e = NULL, *err = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	json_t *list =
	    c ? work_notifications(c, auth_current(req)->id,
	                           g_strcmp0(http_query(req, "unread"), "1") == 0, 100, &e)
	      : NULL;

	if (list == NULL) {
		tasks_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", list, "next_cursor"));
}

void tasks_api_notification_read(HttpRequest *req, HttpResponse *res)
{
	GError *e = NULL, *err = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	gboolean found = FALSE;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (c == NULL || !work_notification_read(c, auth_current(req)->id, id, &found, &e)) {
		tasks_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	if (!found) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "read", 1));
}

#ifdef MISHU_TESTING
/* POST /api/v1/_test/chase {"today": "YYYY-MM-DD"}: one chaser run with a test clock. Test
 * build only. */
void tasks_test_chase(HttpRequest *req, HttpResponse *res)
{
	const char *today = json_string_value(json_object_get(http_json(req), "today"));
	GError *err = NULL;
	int changed = 0;

	if (!tasks_chase(app_db(req), today ? today : "", &changed, &err)) {
		work_fail(req, res, err, "today");
		return;
	}
	http_reply_json(res, 200, json_pack("{s:i}", "changed", changed));
}
#endif
