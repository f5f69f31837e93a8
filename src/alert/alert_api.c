/*
 * alert_api.c — the emergency API: incidents, their reports and steps, the time limits. Every
 * write is one audited transaction.
 */
#define G_LOG_DOMAIN "mishu-alert"

#include "alert/alert_web.h"
#include "alert/alert_internal.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

/* What an operation hands to its work inside the transaction. */
typedef struct AlertOp {
	const AuthUser *u;
	json_t *body;
	gint64 id;
	const char *action;
	json_t *recipients; /* out: those a new incident alerted */
} AlertOp;

static gboolean op_create(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	AlertOp *o = ctx;

	return alert_incident_create(c, o->u, o->body, id, &o->recipients, field, err);
}

static gboolean op_step(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	AlertOp *o = ctx;

	*id = o->id;
	return work_flow_act(c, o->u, o->id, o->action, o->body, field, err);
}

static gboolean op_limits(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	AlertOp *o = ctx;

	*id = 0;
	return alert_limits_save(c, o->body, field, err);
}

/* Runs FN(O) as the audited operation ACTION on OBJECT_KIND in one write transaction. */
static gboolean alert_op(HttpRequest *req, const char *action, const char *object_kind,
                         gboolean (*fn)(DbConn *, void *, gint64 *, const char **, GError **),
                         AlertOp *o, gint64 *id, const char **field, GError **err)
{
	WorkOp op = {action, object_kind, strcmp(object_kind, "item") == 0, fn};

	o->u = auth_current(req);
	return work_op_run(WORK_ERRORS, app_db(req), o->u, http_remote_addr(req), &op, o, id,
	                   o->body, field, err);
}

/* A leader's 批示 on the incident (body "text"), the one path of work/instructions. */
static gboolean op_instruct(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	AlertOp *o = ctx;
	gint64 instruction = 0;

	*id = o->id;
	return work_instruction_add(c, o->u, o->id,
	                            json_string_value(json_object_get(o->body, "text")), NULL, NULL,
	                            "text", &instruction, field, err);
}

gboolean alert_op_instruct(HttpRequest *req, gint64 id, json_t *body, const char **field,
                           GError **err)
{
	AlertOp o = {.body = body, .id = id};
	gint64 out;

	return alert_op(req, "instruction.create", "item", op_instruct, &o, &out, field, err);
}

/* Reads {id} and checks the caller may see that incident (404 otherwise). */
static gboolean visible(HttpRequest *req, HttpResponse *res, gint64 *id)
{
	GError *err = NULL;
	DbConn *c;

	if (!auth_path_id(req, res, id) || (c = work_conn(req, res)) == NULL)
		return FALSE;
	if (auth_item_access(c, auth_current(req), *id, &err) == AUTH_ITEM_ALLOWED)
		return TRUE;
	if (err == NULL)
		g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such incident."));
	work_fail(req, res, err, NULL);
	return FALSE;
}

/* Answers incident ID with STATUS, adding EXTRA's members (may be NULL). */
static void reply(HttpRequest *req, HttpResponse *res, int status, gint64 id, json_t *extra)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *one;

	if (c == NULL)
		return;
	if ((one = alert_incident_get(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	if (extra)
		json_object_update(one, extra);
	http_reply_json(res, status, one);
}

gboolean alert_op_create(HttpRequest *req, json_t *body, gint64 *id, json_t **recipients,
                         const char **field, GError **err)
{
	AlertOp o = {.body = body};
	gboolean ok = alert_op(req, "alert.incident", "item", op_create, &o, id, field, err);

	*recipients = o.recipients;
	if (!ok)
		g_clear_pointer(recipients, json_decref);
	return ok;
}

gboolean alert_op_step(HttpRequest *req, gint64 id, const char *action, json_t *body,
                       const char **field, GError **err)
{
	g_autofree char *audit = g_strdup_printf("alert.incident.%s", action);
	AlertOp o = {.body = body, .action = action, .id = id};
	gint64 out;

	return alert_op(req, audit, "item", op_step, &o, &out, field, err);
}

void alert_api_create(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) extra = NULL;
	json_t *recipients = NULL;
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!alert_op_create(req, http_json(req), &id, &recipients, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	extra = json_pack("{s:o}", "recipients", recipients ? recipients : json_array());
	reply(req, res, 201, id, extra);
}

void alert_api_get(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (visible(req, res, &id))
		reply(req, res, 200, id, NULL);
}

/* Takes step ACTION of incident {id} with the request's body. */
static void act(HttpRequest *req, HttpResponse *res, const char *action)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!visible(req, res, &id))
		return;
	if (!alert_op_step(req, id, action, http_json(req), &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply(req, res, 200, id, NULL);
}

void alert_api_act(HttpRequest *req, HttpResponse *res)
{
	act(req, res, http_param(req, "action"));
}

void alert_api_report(HttpRequest *req, HttpResponse *res)
{
	g_autofree char *kind =
	    g_strdup(json_string_value(json_object_get(http_json(req), "kind")));

	if (kind == NULL || (strcmp(kind, "follow_up") && strcmp(kind, "final"))) {
		http_reply_error(res, 422, "invalid",
		                 N_("The kind of report is follow_up (续报) or final (终报)."),
		                 "kind");
		return;
	}
	json_object_del(http_json(req), "kind");
	act(req, res, kind);
}

void alert_api_list(HttpRequest *req, HttpResponse *res)
{
	static const char *const states[] = {"open", "closed", "cancelled", NULL};
	const char *before = http_query(req, "before"), *limit = http_query(req, "limit");
	AlertFilter f = {.status = http_query(req, "status"),
	                 .overdue = g_strcmp0(http_query(req, "overdue"), "1") == 0,
	                 .before = before ? core_parse_id(before) : 0,
	                 .limit = limit ? (int)core_parse_id(limit) : 50};
	GError *err = NULL;
	DbConn *c;
	json_t *rows, *last;

	if (f.status && !g_strv_contains(states, f.status)) {
		http_reply_error(res, 422, "invalid", N_("Choose one of the values offered."),
		                 "status");
		return;
	}
	if (f.before < 0 || f.limit < 1 || f.limit > 200) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."),
		                 f.before < 0 ? "before" : "limit");
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((rows = alert_incident_list(c, auth_current(req), &f, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	last = json_array_get(rows, json_array_size(rows) - 1);
	http_reply_json(
	    res, 200,
	    json_pack("{s:o, s:o}", "items", rows, "next_cursor",
	              json_array_size(rows) == (size_t)f.limit && last
	                  ? json_sprintf("%" JSON_INTEGER_FORMAT,
	                                 json_integer_value(json_object_get(last, "id")))
	                  : json_null()));
}

void alert_api_limits(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *limits;

	if (c == NULL)
		return;
	if ((limits = alert_limits(c, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, limits);
}

void alert_api_limits_put(HttpRequest *req, HttpResponse *res)
{
	AlertOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!alert_op(req, "alert.limits", "setting", op_limits, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	alert_api_limits(req, res);
}

json_t *alert_counts(DbConn *c, const AuthUser *u, GError **err)
{
	g_autoptr(DbQuery) q = db_query_new(NULL);
	g_autoptr(json_t) rows = NULL;
	g_autoptr(json_t) mine = NULL;
	json_t *out;

	db_query_add(
	    q,
	    "SELECT count(*) AS open, coalesce(sum(CASE WHEN n.next_due_at < ? THEN 1 ELSE "
	    "0 END), 0) AS overdue FROM item i JOIN incident n ON n.item_id = i.id",
	    "i", core_now());
	auth_item_filter(q, u);
	db_query_where(q, "i.status = 'open'", NULL);
	if ((rows = work_query_rows(WORK_ERRORS, c, q, err)) == NULL ||
	    (mine = alert_rows(c, err,
	                       "SELECT count(*) AS n FROM incident_recipient r JOIN item i ON i.id "
	                       "= r.incident_id WHERE r.user_id = ? AND r.acked_at IS NULL AND "
	                       "i.status = 'open'",
	                       "i", u->id)) == NULL)
		return NULL;
	out = json_deep_copy(json_array_get(rows, 0));
	json_object_set(out, "unacked", json_object_get(json_array_get(mine, 0), "n"));
	return out;
}

#ifdef MISHU_TESTING
void alert_test_clock(HttpRequest *req, HttpResponse *res)
{
	json_t *adv = json_object_get(http_json(req), "advance");

	if (!json_is_integer(adv)) {
		http_reply_error(res, 422, "invalid", N_("Give a whole number."), "advance");
		return;
	}
	core_clock_advance(json_integer_value(adv));
	http_reply_json(res, 200, json_pack("{s:I}", "now", (json_int_t)core_now()));
}

void alert_test_escalate(HttpRequest *req, HttpResponse *res)
{
	json_t *b = http_json(req);
	gboolean done = FALSE;
	GError *err = NULL;

	if (!alert_escalate(app_db(req), json_integer_value(json_object_get(b, "incident")),
	                    (int)json_integer_value(json_object_get(b, "step")), &done, &err)) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:b}", "escalated", done));
}
#endif
