/*
 * portal_ops.c — what the portal's API and pages share: who the reader is (the reader cookie),
 * counting a read, and the audited writes (each its change and its audit entry in one write
 * transaction, work_op_run).
 */
#define G_LOG_DOMAIN "mishu-portal"

#include "portal/portal_web.h"
#include "app.h"
#include "core/core.h"

#include <string.h>

#define READER_COOKIE "mishu_reader"

/* TRUE when TOKEN looks like a reader cookie this server sets (auth_random_token(16): 22
 * base64url characters); anything else is replaced by a new one. */
static gboolean reader_token_ok(const char *token)
{
	if (token == NULL || strlen(token) != 22)
		return FALSE;
	for (const char *p = token; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
			return FALSE;
	return TRUE;
}

char *portal_reader(HttpRequest *req, HttpResponse *res)
{
	const AuthUser *u = auth_current(req);
	const char *have = http_cookie(req, READER_COOKIE);
	g_autofree char *token = NULL, *cookie = NULL;

	if (u)
		return g_strdup_printf("u:%" G_GINT64_FORMAT, u->id);
	if (reader_token_ok(have))
		return g_strdup_printf("c:%s", have);
	token = auth_random_token(16);
	/* a year: a reader who comes back is the same reader; it names no one */
	cookie = g_strdup_printf("%s=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s",
	                         READER_COOKIE, token, auth_request_secure(req) ? "; Secure" : "");
	http_add_header(res, "Set-Cookie", cookie);
	return g_strdup_printf("c:%s", token);
}

void portal_viewer(HttpRequest *req, const char *reader, PortalViewer *v)
{
	v->u = auth_current(req);
	v->reader = reader;
	v->editor = v->u && auth_can(v->u, "portal.edit");
}

gboolean portal_count_read(HttpRequest *req, gint64 id, const char *reader, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	g_autofree char *today = core_today();
	gboolean counted;

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	if (!portal_read(c, id, reader, today, &counted, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	return TRUE;
}

gboolean portal_open_article(HttpRequest *req, HttpResponse *res, gint64 *id, char **reader,
                             GError **err)
{
	if (!auth_path_id(req, res, id))
		return FALSE;
	*reader = portal_reader(req, res);
	return portal_count_read(req, *id, *reader, err);
}

/* Runs FN(O) as the audited operation ACTION on OBJECT_KIND (TITLED: an item). */
static gboolean op_run(HttpRequest *req, const char *action, const char *object_kind,
                       gboolean titled,
                       gboolean (*fn)(DbConn *, void *, gint64 *, const char **, GError **),
                       PortalOp *o, gint64 *id, const char **field, GError **err)
{
	WorkOp op = {action, object_kind, titled, fn};
	gint64 ignored;

	return work_op_run(WORK_ERRORS, app_db(req), o->v.u, http_remote_addr(req), &op, o,
	                   id ? id : &ignored, o->body, field, err);
}

static gboolean do_save(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;

	return portal_article_save(c, o->v.u, o->id, o->body, id, field, err);
}

gboolean portal_op_save(HttpRequest *req, PortalOp *o, gint64 *id, const char **field, GError **err)
{
	return op_run(req, o->id ? "portal.edit" : "portal.create", "item", TRUE, do_save, o, id,
	              field, err);
}

static gboolean do_comment(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;
	gint64 cid;

	*id = o->id;
	if (!portal_comment_add(c, &o->v, o->id, o->body, &cid, field, err))
		return FALSE;
	o->cid = cid;
	return TRUE;
}

gboolean portal_captcha_pass(HttpRequest *req, json_t *body, const char **field, GError **err)
{
	const char *cid = json_string_value(json_object_get(body, "captcha_id"));
	const char *answer = json_string_value(json_object_get(body, "captcha_answer"));
	GError *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	gboolean ok;

	if (cid == NULL || answer == NULL || *answer == '\0')
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID,
		                       "captcha_answer",
		                       N_("Type the characters shown in the picture."));
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	ok = auth_captcha_check(c, cid, answer);
	if (!db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	return ok || work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "captcha_answer",
	                             N_("The characters do not match the picture; try the new "
	                                "one."));
}

gboolean portal_op_comment(HttpRequest *req, PortalOp *o, gint64 *id, const char **field,
                           GError **err)
{
	if (o->v.u == NULL) {
		GError *e = NULL;
		DbConn *c = db_conn(app_db(req), &e);
		g_autoptr(json_t) s = c ? portal_settings(c, err) : NULL;

		if (c == NULL)
			work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		if (s == NULL)
			return FALSE;
		if (!json_is_true(json_object_get(s, "anonymous_comments"))) {
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_FORBIDDEN,
			                    N_("Sign in to comment."));
			return FALSE;
		}
		if (!portal_captcha_pass(req, o->body, field, err))
			return FALSE;
	}
	if (!op_run(req, "portal.comment", "item", TRUE, do_comment, o, NULL, field, err))
		return FALSE;
	*id = o->cid;
	return TRUE;
}

static gboolean do_decide(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;

	*id = o->id;
	return portal_comment_decide(c, o->v.u, o->id, o->cid, o->action, err);
}

gboolean portal_op_decide(HttpRequest *req, PortalOp *o, const char **field, GError **err)
{
	return op_run(req,
	              g_strcmp0(o->action, "approve") == 0 ? "portal.comment_approve"
	                                                   : "portal.comment_remove",
	              "item", TRUE, do_decide, o, NULL, field, err);
}

static gboolean do_settings(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;

	*id = 0;
	return portal_settings_set(c, o->body, field, err);
}

gboolean portal_op_settings(HttpRequest *req, PortalOp *o, const char **field, GError **err)
{
	return op_run(req, "portal.settings", "portal_settings", FALSE, do_settings, o, NULL, field,
	              err);
}

static gboolean do_links(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;

	*id = 0;
	return portal_links_set(c, o->body, field, err);
}

gboolean portal_op_links(HttpRequest *req, PortalOp *o, const char **field, GError **err)
{
	return op_run(req, "portal.links", "portal_links", FALSE, do_links, o, NULL, field, err);
}

gboolean portal_comment_path(HttpRequest *req, HttpResponse *res, PortalOp *o)
{
	if (!auth_path_id(req, res, &o->id))
		return FALSE;
	if (!http_param_id(req, "cid", &o->cid)) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return FALSE;
	}
	o->action = http_param(req, "action");
	portal_viewer(req, NULL, &o->v);
	return TRUE;
}

static gboolean do_member_apply(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;

	return portal_member_apply(c, o->body, id, field, err);
}

gboolean portal_op_member_apply(HttpRequest *req, PortalOp *o, gint64 *id, const char **field,
                                GError **err)
{
	g_autoptr(json_t) detail = json_deep_copy(o->body);

	if (!portal_captcha_pass(req, o->body, field, err))
		return FALSE;
	/* the audit keeps what was asked for, never the password */
	json_object_del(detail, "password");
	json_object_del(detail, "captcha_answer");
	{
		WorkOp op = {"portal.member_apply", "portal_member", FALSE, do_member_apply};

		return work_op_run(WORK_ERRORS, app_db(req), NULL, http_remote_addr(req), &op, o,
		                   id, detail, field, err);
	}
}

static gboolean do_member_decide(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err)
{
	PortalOp *o = ctx;

	*id = o->id;
	return portal_member_decide(c, o->v.u, o->id, o->action, err);
}

gboolean portal_op_member_decide(HttpRequest *req, PortalOp *o, const char **field, GError **err)
{
	return op_run(req,
	              g_strcmp0(o->action, "approve") == 0 ? "portal.member_approve"
	                                                   : "portal.member_reject",
	              "portal_member", FALSE, do_member_decide, o, NULL, field, err);
}
