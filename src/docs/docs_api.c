/*
 * docs_api.c — the JSON API of documents (/api/v1/documents…) and the audited operations the
 * API and the pages share: create, edit a draft, take a workflow step, attach a file.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "docs/docs_web.h"
#include "app.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* ---- errors ------------------------------------------------------------------------------- */

/* ---- operations --------------------------------------------------------------------------- */

typedef gboolean (*OpFn)(DbConn *c, void *ctx, gint64 *id, const char **field, GError **err);

/* Runs FN(c, ctx) with its audit entry (ACTION on document *ID, the summary naming its title). */
static gboolean run_op(Db *db, const AuthUser *u, const char *address, const char *action, OpFn fn,
                       void *ctx, gint64 *id, json_t *detail, const char **field, GError **err)
{
	WorkOp op = {action, "document", TRUE, fn};

	return work_op_run(WORK_ERRORS, db, u, address, &op, ctx, id, detail, field, err);
}

typedef struct {
	const AuthUser *u;
	json_t *obj;
	const char *action;
	const HttpUpload *file;
	gint64 attachment;
} OpCtx;

static gboolean do_create(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;

	return docs_create(c, x->u, x->obj, id, field, err);
}

gboolean docs_op_create(Db *db, const AuthUser *u, const char *address, json_t *obj, gint64 *id,
                        const char **field, GError **err)
{
	OpCtx x = {.u = u, .obj = obj};

	return run_op(db, u, address, "docs.create", do_create, &x, id, obj, field, err);
}

static gboolean do_update(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;
	json_t *doc = docs_load(c, x->u, *id, err);
	const char *status;
	gboolean ok = FALSE;

	if (doc == NULL)
		return FALSE;
	status = json_string_value(json_object_get(doc, "status"));
	if (json_integer_value(json_object_get(doc, "created_by")) != x->u->id &&
	    !auth_can(x->u, "work.all"))
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_FORBIDDEN,
		                    N_("Only the author or the office may edit this document."));
	else if (strcmp(status, "draft") && strcmp(status, "returned") &&
	         strcmp(status, "submitted") && strcmp(status, "registered") &&
	         strcmp(status, "checked"))
		g_set_error_literal(
		    err, WORK_ERROR, WORK_ERROR_STATE,
		    N_("The document can no longer be edited in its present state."));
	else if (json_object_get(x->obj, "direction"))
		docs_fail_field(err, field, WORK_ERROR_INVALID, "direction",
		                N_("The direction of a document cannot change."));
	else
		ok = docs_update(c, x->u, *id, x->obj, field, err);
	json_decref(doc);
	return ok;
}

gboolean docs_op_update(Db *db, const AuthUser *u, const char *address, gint64 id, json_t *obj,
                        const char **field, GError **err)
{
	OpCtx x = {.u = u, .obj = obj};

	return run_op(db, u, address, "docs.update", do_update, &x, &id, obj, field, err);
}

static gboolean do_act(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;
	GError *e = NULL;

	/* the caller must see it; otherwise it does not exist for them */
	if (auth_item_access(c, x->u, *id, &e) != AUTH_ITEM_ALLOWED) {
		if (e)
			docs_error_from_db(err, e);
		else
			g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is no such document."));
		return FALSE;
	}
	return docs_act(c, x->u, *id, x->action, x->obj, field, err);
}

gboolean docs_op_act(Db *db, const AuthUser *u, const char *address, gint64 id, const char *action,
                     json_t *body, const char **field, GError **err)
{
	OpCtx x = {.u = u, .obj = body, .action = action};
	g_autofree char *name = g_strdup_printf("docs.%s", action);

	if (strlen(action) > 32) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
		                    N_("There is no such step for this document."));
		return FALSE;
	}
	return run_op(db, u, address, name, do_act, &x, &id, body, field, err);
}

static gboolean do_attach(DbConn *c, void *p, gint64 *id, const char **field, GError **err)
{
	OpCtx *x = p;
	g_autofree char *data = NULL, *sum = NULL;
	gsize len = 0;
	json_t *doc = docs_load(c, x->u, *id, err);
	gboolean ok;

	if (doc == NULL)
		return FALSE;
	ok = (json_integer_value(json_object_get(doc, "created_by")) == x->u->id ||
	      auth_can(x->u, "work.all"));
	json_decref(doc);
	if (!ok) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_FORBIDDEN,
		                    N_("Only the author or the office may attach files."));
		return FALSE;
	}
	if (!g_file_get_contents(x->file->path, &data, &len, NULL))
		return docs_fail_field(err, field, WORK_ERROR_INVALID, "file",
		                       N_("The uploaded file could not be read."));
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	{
		GError *e = NULL;
		DbStmt *s =
		    db_prepare(c,
		               "INSERT INTO doc_attachment (item_id, filename, content_type, "
		               "size, sha256, data, created_by, created_at) VALUES (?, ?, ?, ?, "
		               "?, ?, ?, ?) RETURNING id",
		               &e);
		const char *name = x->file->filename && g_utf8_validate(x->file->filename, -1, NULL)
		                       ? x->file->filename
		                       : "attachment";
		if (s == NULL) {
			docs_error_from_db(err, e);
			return FALSE;
		}
		db_bind_int(s, 1, *id);
		db_bind_text(s, 2, name);
		db_bind_text(s, 3,
		             x->file->content_type ? x->file->content_type
		                                   : "application/octet-stream");
		db_bind_int(s, 4, (gint64)len);
		db_bind_text(s, 5, sum);
		db_bind_blob(s, 6, data, len);
		db_bind_int(s, 7, x->u->id);
		db_bind_int(s, 8, core_now());
		ok = db_step(s, &e) == DB_ROW;
		if (ok)
			x->attachment = db_col_int(s, 0);
		db_finish(s);
		if (!ok) {
			docs_error_from_db(err, e);
			return FALSE;
		}
	}
	{
		json_t *detail =
		    json_pack("{s:s, s:I}", "filename", x->file->filename ? x->file->filename : "",
		              "size", (json_int_t)len);
		ok = docs_event(c, *id, x->u, "attach", NULL, NULL, NULL, detail, err);
		json_decref(detail);
		return ok;
	}
}

gboolean docs_op_attach(Db *db, const AuthUser *u, const char *address, gint64 doc,
                        const HttpUpload *file, gint64 *id, GError **err)
{
	OpCtx x = {.u = u, .file = file};
	const char *field = NULL;

	if (!run_op(db, u, address, "docs.attach", do_attach, &x, &doc, NULL, &field, err))
		return FALSE;
	*id = x.attachment;
	return TRUE;
}

/* ---- handlers ----------------------------------------------------------------------------- */

/* The document ID as the caller sees it, answered with STATUS. */
static void reply_doc(HttpRequest *req, HttpResponse *res, int status, gint64 id)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	json_t *doc = c ? docs_load(c, auth_current(req), id, &err) : NULL;

	if (doc == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, status, doc);
}

void docs_api_list(HttpRequest *req, HttpResponse *res)
{
	const char *limit = http_query(req, "limit"), *cursor = http_query(req, "cursor");
	DocsFilter f = {
	    .direction = http_query(req, "direction"),
	    .status = http_query(req, "status"),
	    .domain = http_query(req, "domain"),
	    .doc_type = http_query(req, "doc_type"),
	    .q = http_query(req, "q"),
	    .mine = g_strcmp0(http_query(req, "mine"), "1") == 0,
	    .limit = 50,
	};
	GError *err = NULL;
	DbConn *c;
	json_t *items;
	size_t n;

	if (limit && ((f.limit = (int)core_parse_id(limit)) < 1 || f.limit > 200)) {
		http_reply_error(res, 422, "invalid", N_("limit is a number from 1 to 200."),
		                 "limit");
		return;
	}
	if (cursor && *cursor && (f.before = core_parse_id(cursor)) <= 0) {
		http_reply_error(res, 422, "invalid", N_("The cursor is not valid."), "cursor");
		return;
	}
	if (f.q && g_utf8_strlen(f.q, -1) > 100) {
		http_reply_error(res, 422, "invalid",
		                 N_("The search text cannot be longer than 100 characters."), "q");
		return;
	}
	if ((c = db_conn(app_db(req), &err)) == NULL ||
	    (items = docs_list(c, auth_current(req), &f, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	n = json_array_size(items);
	http_reply_json(res, 200,
	                json_pack("{s:o, s:o}", "items", items, "next_cursor",
	                          n == (size_t)f.limit ? json_copy(json_object_get(
	                                                     json_array_get(items, n - 1), "id"))
	                                               : json_null()));
}

void docs_api_create(HttpRequest *req, HttpResponse *res)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id = 0;

	if (!docs_op_create(app_db(req), auth_current(req), http_remote_addr(req), http_json(req),
	                    &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_doc(req, res, 201, id);
}

void docs_api_get(HttpRequest *req, HttpResponse *res)
{
	gint64 id;

	if (auth_path_id(req, res, &id))
		reply_doc(req, res, 200, id);
}

void docs_api_update(HttpRequest *req, HttpResponse *res)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (!docs_op_update(app_db(req), auth_current(req), http_remote_addr(req), id,
	                    http_json(req), &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_doc(req, res, 200, id);
}

void docs_api_act(HttpRequest *req, HttpResponse *res)
{
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (!docs_op_act(app_db(req), auth_current(req), http_remote_addr(req), id,
	                 http_param(req, "action"), http_json(req), &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	reply_doc(req, res, 200, id);
}

void docs_api_attach(HttpRequest *req, HttpResponse *res)
{
	GPtrArray *ups = http_uploads(req);
	GError *err = NULL;
	gint64 id, aid = 0;

	if (!auth_path_id(req, res, &id))
		return;
	if (ups == NULL || ups->len != 1) {
		http_reply_error(res, 422, "invalid", N_("Upload one file in the field file."),
		                 "file");
		return;
	}
	if (!docs_op_attach(app_db(req), auth_current(req), http_remote_addr(req), id,
	                    g_ptr_array_index(ups, 0), &aid, &err)) {
		work_fail(req, res, err, "file");
		return;
	}
	reply_doc(req, res, 201, id);
}

void docs_api_attachment(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	gint64 id, aid;
	DbStmt *s;

	if (!auth_path_id(req, res, &id) || !http_param_id(req, "aid", &aid)) {
		if (!http_replied(res))
			http_reply_error(res, 404, "not_found",
			                 N_("There is nothing at this address."), NULL);
		return;
	}
	if (c == NULL || auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED) {
		if (err) {
			work_fail(req, res, err, NULL);
		} else {
			http_reply_error(res, 404, "not_found", N_("There is no such document."),
			                 NULL);
		}
		return;
	}
	s = db_prepare(c,
	               "SELECT filename, content_type, data FROM doc_attachment WHERE id = ? "
	               "AND item_id = ?",
	               &err);
	if (s == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	db_bind_int(s, 1, aid);
	db_bind_int(s, 2, id);
	if (db_step(s, &err) != DB_ROW) {
		db_finish(s);
		if (err) {
			work_fail(req, res, err, NULL);
		} else {
			http_reply_error(res, 404, "not_found",
			                 N_("There is nothing at this address."), NULL);
		}
		return;
	}
	{
		gsize n = 0;
		const void *p = db_col_blob(s, 2, &n);
		work_reply_download(res, db_col_text(s, 0), p, n);
	}
	db_finish(s);
}

void docs_api_board(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	json_t *rows = c ? docs_board(c, &err) : NULL;

	if (rows == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", rows, "next_cursor"));
}

void docs_api_series(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	json_t *rows =
	    c ? docs_rows(c, &err,
	                  "SELECT id, prefix, name, scope, issuer_mark, issuer_name, printer, "
	                  "position, active FROM doc_series ORDER BY position, id",
	                  NULL)
	      : NULL;

	if (rows == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:n}", "items", rows, "next_cursor"));
}

void docs_api_series_create(HttpRequest *req, HttpResponse *res)
{
	json_t *b = http_json(req);
	const char *keys[] = {"prefix", "name", "scope", "issuer_mark", "issuer_name", "printer"};
	const char *v[G_N_ELEMENTS(keys)];
	GError *err = NULL, *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	gint64 id = 0;
	AuditEntry a = {0};

	for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
		v[i] = json_string_value(json_object_get(b, keys[i]));
		if (v[i] == NULL || *v[i] == '\0' || g_utf8_strlen(v[i], -1) > 60) {
			http_reply_error(res, 422, "invalid", N_("This field is required."),
			                 keys[i]);
			return;
		}
	}
	if (strcmp(v[2], "committee") && strcmp(v[2], "office")) {
		http_reply_error(res, 422, "invalid", N_("The scope is committee or office."),
		                 "scope");
		return;
	}
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		docs_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	a.actor_id = auth_current(req)->id;
	a.actor = auth_current(req)->username;
	a.address = http_remote_addr(req);
	a.action = "docs.series.create";
	a.object_kind = "doc_series";
	a.summary = v[0];
	a.detail = b;
	if (!docs_exec(c, &id, &err,
	               "INSERT INTO doc_series (prefix, name, scope, issuer_mark, issuer_name, "
	               "printer) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	               "ssssss", v[0], v[1], v[2], v[3], v[4], v[5]) ||
	    !audit_append(c, &a, &e)) {
		db_rollback(c);
		if (e)
			docs_error_from_db(&err, e);
		work_fail(req, res, err, "prefix");
		return;
	}
	if (!db_commit(c, &e)) {
		docs_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "prefix", v[0]));
}

#ifdef MISHU_TESTING
/* POST /api/v1/_test/docs_remind {"now": unix seconds}: one reminder run at NOW. Test build
 * only. */
void docs_test_remind(HttpRequest *req, HttpResponse *res)
{
	json_t *now = json_object_get(http_json(req), "now");
	GError *err = NULL;
	int sent = 0;

	if (!json_is_integer(now)) {
		http_reply_error(res, 422, "invalid", N_("This field must be a whole number."),
		                 "now");
		return;
	}
	if (!docs_remind(app_db(req), json_integer_value(now), &sent, &err)) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:i}", "sent", sent));
}
#endif

/* PATCH /api/v1/documents/series/{id}: the fields present of name, scope, issuer_mark,
 * issuer_name, printer (text), position and active (integers). The prefix never changes: the
 * numbers already given in it must keep meaning the same series. */
void docs_api_series_update(HttpRequest *req, HttpResponse *res)
{
	static const char *const texts[] = {"name", "issuer_mark", "issuer_name", "printer",
	                                    "scope"};
	json_t *b = http_json(req), *v;
	GError *err = NULL, *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	gint64 id, n = 0;
	AuditEntry a = {0};
	g_autofree char *oid = NULL;

	if (!auth_path_id(req, res, &id))
		return;
	if (json_object_get(b, "prefix")) {
		http_reply_error(res, 422, "invalid",
		                 N_("The prefix of a series cannot change; create a new series."),
		                 "prefix");
		return;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
		if ((v = json_object_get(b, texts[i])) &&
		    (!json_is_string(v) || *json_string_value(v) == '\0' ||
		     g_utf8_strlen(json_string_value(v), -1) > 60 ||
		     (i == 4 && strcmp(json_string_value(v), "committee") &&
		      strcmp(json_string_value(v), "office")))) {
			http_reply_error(res, 422, "invalid",
			                 i == 4 ? N_("The scope is committee or office.")
			                        : N_("This field is required."),
			                 texts[i]);
			return;
		}
	if (((v = json_object_get(b, "active")) && !(json_is_integer(v) || json_is_boolean(v))) ||
	    ((v = json_object_get(b, "position")) && !json_is_integer(v))) {
		http_reply_error(res, 422, "invalid", N_("This field must be a whole number."),
		                 json_object_get(b, "active") &&
		                         !(json_is_integer(json_object_get(b, "active")) ||
		                           json_is_boolean(json_object_get(b, "active")))
		                     ? "active"
		                     : "position");
		return;
	}
	if (c == NULL || !db_begin(c, TRUE, &e)) {
		docs_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	if (!docs_exec(c, &n, &err, "SELECT count(*) FROM doc_series WHERE id = ?", "i", id))
		goto fail;
	if (n == 0) {
		db_rollback(c);
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	/* one statement per field, each column name from the fixed list above, never input */
	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
		if ((v = json_object_get(b, texts[i]))) {
			g_autofree char *sql =
			    g_strdup_printf("UPDATE doc_series SET %s = ? WHERE id = ?", texts[i]);
			if (!docs_exec(c, NULL, &err, sql, "si", json_string_value(v), id))
				goto fail;
		}
	if ((v = json_object_get(b, "active")) &&
	    !docs_exec(c, NULL, &err, "UPDATE doc_series SET active = ? WHERE id = ?", "ii",
	               (gint64)(json_is_boolean(v) ? json_is_true(v) : json_integer_value(v) != 0),
	               id))
		goto fail;
	if ((v = json_object_get(b, "position")) &&
	    !docs_exec(c, NULL, &err, "UPDATE doc_series SET position = ? WHERE id = ?", "ii",
	               (gint64)json_integer_value(v), id))
		goto fail;
	oid = g_strdup_printf("%" G_GINT64_FORMAT, id);
	a.actor_id = auth_current(req)->id;
	a.actor = auth_current(req)->username;
	a.address = http_remote_addr(req);
	a.action = "docs.series.update";
	a.object_kind = "doc_series";
	a.object_id = oid;
	a.summary = "修改发文代字";
	a.detail = b;
	if (!audit_append(c, &a, &e) || !db_commit(c, &e)) {
		docs_error_from_db(&err, e);
		goto fail;
	}
	{
		json_t *rows =
		    docs_rows(c, &err,
		              "SELECT id, prefix, name, scope, issuer_mark, issuer_name, "
		              "printer, position, active FROM doc_series WHERE id = ?",
		              "i", id);
		if (rows == NULL) {
			work_fail(req, res, err, NULL);
			return;
		}
		http_reply_json(res, 200, json_incref(json_array_get(rows, 0)));
		json_decref(rows);
	}
	return;
fail:
	db_rollback(c);
	work_fail(req, res, err, NULL);
}

/* GET/PUT /api/v1/documents/policy {"remind_hours": N}: after how many working hours a reader
 * holding a circulating document is reminded (1–200, default 8). */
void docs_api_policy(HttpRequest *req, HttpResponse *res)
{
	json_t *v = json_object_get(http_json(req), "remind_hours"), *rows;
	GError *err = NULL, *e = NULL;
	DbConn *c = db_conn(app_db(req), &e);
	gint64 hours = 8;

	if (c == NULL) {
		docs_error_from_db(&err, e);
		work_fail(req, res, err, NULL);
		return;
	}
	if (g_strcmp0(http_method(req), "PUT") == 0) {
		AuditEntry a = {0};
		g_autofree char *text = NULL;
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 200) {
			http_reply_error(res, 422, "invalid",
			                 N_("Remind after 1 to 200 working hours."),
			                 "remind_hours");
			return;
		}
		text = g_strdup_printf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
		a.actor_id = auth_current(req)->id;
		a.actor = auth_current(req)->username;
		a.address = http_remote_addr(req);
		a.action = "docs.policy";
		a.summary = "修改传阅提醒时限";
		a.detail = http_json(req);
		if (!db_begin(c, TRUE, &e) ||
		    !docs_exec(
		        c, NULL, &err,
		        "INSERT INTO setting (key, value) VALUES ('docs.remind_hours', ?) ON "
		        "CONFLICT (key) DO UPDATE SET value = excluded.value",
		        "s", text) ||
		    !audit_append(c, &a, &e) || !db_commit(c, &e)) {
			db_rollback(c);
			if (e)
				docs_error_from_db(&err, e);
			work_fail(req, res, err, NULL);
			return;
		}
	}
	rows =
	    docs_rows(c, &err, "SELECT value FROM setting WHERE key = 'docs.remind_hours'", NULL);
	if (rows == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	if (json_array_size(rows))
		hours = CLAMP(
		    atoi(json_string_value(json_object_get(json_array_get(rows, 0), "value"))), 1,
		    200);
	json_decref(rows);
	http_reply_json(res, 200, json_pack("{s:I}", "remind_hours", (json_int_t)hours));
}
