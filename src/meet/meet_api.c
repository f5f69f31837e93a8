/*
 * meet_api.c — the meetings API: the meeting types (GET|PUT /api/v1/meetings/types), meetings
 * and their steps, attendance, agenda items, their steps and votes. Every write is one audited
 * transaction (work_op_run).
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_web.h"
#include "meet/meet_internal.h"
#include "app.h"
#include "docs/docs.h"
#include "core/core.h"
#include "tasks/tasks.h"
#include "work/flow.h"
#include "work/work_web.h"

#include <string.h>

/* TYPES with each threshold of each voting type explained in words ("quorum_words": …), as the
 * page and the API show them. A new reference. */
static json_t *types_explained(json_t *types)
{
	static const char *const rules[] = {"quorum", "cadre_quorum"};
	json_t *out = json_deep_copy(types), *t;
	size_t i;

	json_array_foreach (json_object_get(out, "items"), i, t) {
		for (gsize k = 0; k < G_N_ELEMENTS(rules); k++) {
			MeetRule r;
			g_autofree char *key = g_strdup_printf("%s_words", rules[k]);
			g_autofree char *words = NULL;

			if (meet_rule_parse(json_object_get(t, rules[k]), rules[k], &r, NULL)) {
				words = meet_quorum_rule_words(&r);
				json_object_set_new(t, key, json_string(words));
			}
		}
	}
	return out;
}

void meet_api_types(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	g_autoptr(json_t) types = c ? meet_types(c, &err) : NULL;

	if (c == NULL)
		return;
	if (types == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, types_explained(types));
}

void meet_api_types_put(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	const char *field = NULL;

	if (!meet_op_types(req, NULL, http_json(req), &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	meet_api_types(req, res);
}

/* ---- meetings ------------------------------------------------------------------------------ */

/* Answers meeting ID as the caller reads it with STATUS; 404 when they may not see it. */
static void reply_meeting(HttpRequest *req, HttpResponse *res, int status, gint64 id)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *m;

	if (c == NULL)
		return;
	if (auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED) {
		if (err == NULL)
			g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is no such meeting."));
		work_fail(req, res, err, NULL);
		return;
	}
	if ((m = meet_get(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, m);
}

/* Reads {id} and checks the caller may see that meeting (404 otherwise). */
static gboolean visible_meeting(HttpRequest *req, HttpResponse *res, gint64 *id)
{
	GError *err = NULL;
	DbConn *c;

	if (!auth_path_id(req, res, id) || (c = work_conn(req, res)) == NULL)
		return FALSE;
	if (auth_item_access(c, auth_current(req), *id, &err) == AUTH_ITEM_ALLOWED)
		return TRUE;
	if (err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such meeting."));
	work_fail(req, res, err, NULL);
	return FALSE;
}

void meet_api_list(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *rows = c ? meet_list(c, auth_current(req), &err) : NULL;

	if (c == NULL)
		return;
	if (rows == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", rows, "next_cursor"));
}

void meet_api_create(HttpRequest *req, HttpResponse *res)
{
	MeetOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!meet_op(req, "meet.create", meet_op_create, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_meeting(req, res, 201, id);
}

void meet_api_get(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		reply_meeting(req, res, 200, id);
}

/* A write to the meeting {id} the caller may see: FN as the audited ACTION with the request's
 * JSON body; answers the meeting (200) or the refusal. */
static void meeting_write(HttpRequest *req, HttpResponse *res, const char *action, MeetOpFn fn)
{
	MeetOp o = {.body = http_json(req), .action = http_param(req, "action")};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!visible_meeting(req, res, &o.meeting))
		return;
	if (!meet_op(req, action, fn, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_meeting(req, res, 200, o.meeting);
}

void meet_api_attendance(HttpRequest *req, HttpResponse *res)
{
	meeting_write(req, res, "meet.attendance", meet_op_attend);
}

void meet_api_act(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *audit = g_strdup_printf("meet.%s", http_param(req, "action"));

	meeting_write(req, res, audit, meet_op_step);
}

/* ---- agenda items -------------------------------------------------------------------------- */

/* Answers agenda item ITEM of MEETING with STATUS. */
static void reply_agenda(HttpRequest *req, HttpResponse *res, int status, gint64 meeting,
                         gint64 item)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	g_autoptr(json_t) list = c ? meet_agenda(c, auth_current(req), meeting, item, &err) : NULL;

	if (c == NULL)
		return;
	if (list == NULL || json_array_size(list) == 0) {
		if (err == NULL)
			g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is no such agenda item."));
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, json_incref(json_array_get(list, 0)));
}

void meet_api_agenda(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	gint64 id;
	DbConn *c;
	json_t *list;

	if (!visible_meeting(req, res, &id) || (c = work_conn(req, res)) == NULL)
		return;
	if ((list = meet_agenda(c, auth_current(req), id, 0, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o}", "items", list));
}

void meet_api_agenda_add(HttpRequest *req, HttpResponse *res)
{
	MeetOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!visible_meeting(req, res, &o.meeting))
		return;
	if (!meet_op(req, "meet.agenda", meet_op_agenda_add, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_agenda(req, res, 201, o.meeting, id);
}

/* Reads {n}: agenda item number N of meeting O->meeting into *ITEM (404 otherwise). */
static gboolean agenda_of(HttpRequest *req, HttpResponse *res, MeetOp *o, gint64 *item)
{
	GError *err = NULL;
	DbConn *c;

	if (!http_param_id(req, "n", &o->n)) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return FALSE;
	}
	if ((c = work_conn(req, res)) == NULL)
		return FALSE;
	if (!meet_agenda_id(c, o->meeting, o->n, item, &err)) {
		work_fail(req, res, err, NULL);
		return FALSE;
	}
	return TRUE;
}

gboolean meet_api_agenda_path(HttpRequest *req, HttpResponse *res, MeetOp *o, gint64 *item)
{
	return visible_meeting(req, res, &o->meeting) && agenda_of(req, res, o, item);
}

void meet_api_materials_add(HttpRequest *req, HttpResponse *res)
{
	MeetOp o = {.files = http_uploads(req)};
	g_autoptr(json_t) audit = NULL;
	const char *field = NULL;
	GError *err = NULL;
	gint64 item, id;

	if (!meet_api_agenda_path(req, res, &o, &item))
		return;
	audit = json_pack("{s:o}", "files", work_upload_names(o.files));
	o.body = audit;
	if (!meet_op(req, "meet.agenda.materials", meet_op_materials, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_agenda(req, res, 201, o.meeting, item);
}

/* A write to agenda item {n} of the meeting {id} the caller may see: FN as the audited ACTION;
 * answers the item (200) or the refusal. */
static void agenda_write(HttpRequest *req, HttpResponse *res, const char *action, MeetOpFn fn)
{
	MeetOp o = {.body = http_json(req), .action = http_param(req, "action")};
	const char *field = NULL;
	GError *err = NULL;
	gint64 item, id;

	if (!meet_api_agenda_path(req, res, &o, &item))
		return;
	if (!meet_op(req, action, fn, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_agenda(req, res, 200, o.meeting, item);
}

void meet_api_agenda_act(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *audit = g_strdup_printf("meet.agenda.%s", http_param(req, "action"));

	agenda_write(req, res, audit, meet_op_agenda_step);
}

void meet_api_vote(HttpRequest *req, HttpResponse *res)
{
	agenda_write(req, res, "meet.vote", meet_op_vote);
}

void meet_api_decision_task(HttpRequest *req, HttpResponse *res)
{
	MeetOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 item, task = 0;
	DbConn *c;
	json_t *t;

	if (!meet_api_agenda_path(req, res, &o, &item))
		return;
	if (!meet_op(req, "meet.decision_task", meet_op_decision, &o, &task, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((t = tasks_load(c, auth_current(req), task, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, t);
}

/* ---- iCalendar ----------------------------------------------------------------------------- */

/* Answers ICS (g_free'd here) as a text/calendar download named NAME. */
static void reply_ics(HttpResponse *res, char *ics, const char *name)
{
	g_autofree char *disp = g_strdup_printf("attachment; filename=\"%s\"", name);

	http_add_header(res, "Content-Disposition", disp);
	http_reply_bytes(res, 200, "text/calendar; charset=utf-8",
	                 g_bytes_new_take(ics, strlen(ics)));
}

void meet_api_ics(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	g_autoptr(json_t) list = json_array();
	g_autofree char *name = NULL;
	gint64 id;
	DbConn *c;
	json_t *m;

	if (!visible_meeting(req, res, &id) || (c = work_conn(req, res)) == NULL)
		return;
	if ((m = meet_get(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	json_array_append_new(list, m);
	name = g_strdup_printf("meeting-%" G_GINT64_FORMAT ".ics", id);
	reply_ics(res, meet_ics(list, "mishu"), name);
}

/* ---- the 纪要 ------------------------------------------------------------------------------- */

void meet_api_minutes_put(HttpRequest *req, HttpResponse *res)
{
	meeting_write(req, res, "meet.minutes", meet_op_minutes);
}

void meet_api_minutes_pdf(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	g_autoptr(json_t) m = NULL;
	g_autofree char *name = NULL;
	const char *status;
	GBytes *pdf;
	gint64 id;
	DbConn *c;

	if (!visible_meeting(req, res, &id) || (c = work_conn(req, res)) == NULL)
		return;
	if ((m = meet_get(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	status = json_string_value(json_object_get(m, "status"));
	if (g_strcmp0(status, "adjourned") != 0 && g_strcmp0(status, "minuted") != 0) {
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("The minutes exist once the meeting has adjourned."));
		work_fail(req, res, err, NULL);
		return;
	}
	if ((pdf = meet_minutes_pdf(c, m, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	name = g_strdup_printf("%s纪要.pdf", json_string_value(json_object_get(m, "title")));
	work_reply_pdf(res, "minutes.pdf", name, pdf);
}

void meet_api_minutes_document(HttpRequest *req, HttpResponse *res)
{
	MeetOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 doc = 0;
	DbConn *c;
	json_t *d;

	if (!visible_meeting(req, res, &o.meeting))
		return;
	if (!meet_op(req, "meet.minutes_document", meet_op_minutes_document, &o, &doc, &field,
	             &err)) {
		work_fail(req, res, err, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((d = docs_load(c, auth_current(req), doc, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, d);
}

/* ---- the calendar feed --------------------------------------------------------------------- */

typedef struct {
	gint64 user;
	char *token;  /* made: the secret */
	gboolean had; /* revoked: there was one */
} FeedOp;

static gboolean op_feed(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	FeedOp *f = ctx;

	*id = f->user;
	return meet_feed_create(c, f->user, &f->token, err);
}

static gboolean op_feed_revoke(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	FeedOp *f = ctx;

	*id = f->user;
	return meet_feed_revoke(c, f->user, &f->had, err);
}

/* Runs OP on the caller's feed (F) audited; FALSE after answering the refusal. */
static gboolean feed_op(HttpRequest *req, HttpResponse *res, const WorkOp *op, FeedOp *f)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	f->user = auth_current(req)->id;
	if (work_op_run(WORK_ERRORS, app_db(req), auth_current(req), http_remote_addr(req), op, f,
	                &id, NULL, &field, &err))
		return TRUE;
	work_fail(req, res, err, field);
	return FALSE;
}

void meet_api_feed_create(HttpRequest *req, HttpResponse *res)
{
	static const WorkOp op = {"meet.feed", "calendar_feed", FALSE, op_feed};
	FeedOp f = {0};
	g_autofree char *url = NULL, *esc = NULL;

	if (!feed_op(req, res, &op, &f))
		return;
	esc = g_uri_escape_string(f.token, NULL, FALSE);
	url = g_strdup_printf("/api/v1/me/calendar.ics?token=%s", esc);
	g_free(f.token);
	http_reply_json(res, 201, json_pack("{s:s}", "url", url));
}

void meet_api_feed_revoke(HttpRequest *req, HttpResponse *res)
{
	static const WorkOp op = {"meet.feed_revoke", "calendar_feed", FALSE, op_feed_revoke};
	FeedOp f = {0};

	if (feed_op(req, res, &op, &f))
		http_reply_json(res, 200, json_pack("{s:b}", "revoked", f.had));
}

void meet_api_feed_ics(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *list;

	if (c == NULL)
		return;
	if ((list = meet_feed(c, http_query(req, "token"), &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	reply_ics(res, meet_ics(list, "mishu"), "meetings.ics");
	json_decref(list);
}
