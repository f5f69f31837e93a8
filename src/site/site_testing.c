/*
 * Handlers that exist only for the test suites (compiled into the test build only, with
 * MISHU_TESTING; served there when MISHU_TEST_ROUTES=1; never listed in the OpenAPI document):
 * an echo of the parsed body, a small item kind ("note") to prove the access decision through
 * the API, the answer of a captcha, official numbers and jobs. The product binary has none of
 * this file: one of its routes reveals captcha answers without a login, another takes numbers.
 */
#ifdef MISHU_TESTING
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "site/site.h"
#include "work/jobs.h"

void site_test_echo(HttpRequest *req, HttpResponse *res)
{
	json_t *body = http_json(req);
	json_t *form = json_object();
	GPtrArray *ups = http_uploads(req);
	json_t *files = json_array();
	const char *f = http_form(req, "title");

	if (f)
		json_object_set_new(form, "title", json_string(f));
	for (guint i = 0; i < ups->len; i++) {
		HttpUpload *u = ups->pdata[i];
		json_array_append_new(files,
		                      json_pack("{s:s, s:s, s:I}", "field", u->field, "filename",
		                                u->filename, "size", (json_int_t)u->size));
	}
	http_reply_json(res, 200,
	                json_pack("{s:O?, s:o, s:o, s:s}", "json", body, "form", form, "files",
	                          files, "lang", http_lang(req)));
}

/* Adds one item_access row naming a unit (by code) or a user (by username). */
static gboolean grant(DbConn *c, gint64 item, const char *sql, const char *name, GError **err)
{
	DbStmt *s = db_prepare(c, sql, err);
	gboolean ok;

	if (s == NULL)
		return FALSE;
	db_bind_int(s, 1, item);
	db_bind_text(s, 2, name);
	ok = db_step(s, err) == DB_DONE && db_changes(c) == 1;
	db_finish(s);
	if (ok == FALSE && err && *err == NULL)
		g_set_error(err, AUTH_ERROR, AUTH_ERROR_INVALID, "unknown unit or user %s", name);
	return ok;
}

/* POST /api/v1/_test/items {"title", "units":[code…], "users":[username…]}: a note visible
 * to the creator and to the units and users named. */
void site_test_item_create(HttpRequest *req, HttpResponse *res)
{
	json_t *b = http_json(req), *v;
	AuthUser *u = auth_current(req);
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	gint64 now = g_get_real_time() / G_USEC_PER_SEC, id = 0;
	DbStmt *s;
	gsize i;

	if (c == NULL || !db_begin(c, TRUE, &err))
		goto fail;
	s = db_prepare(c,
	               "INSERT INTO item (kind, title, unit_id, created_by, status, created_at, "
	               "updated_at) VALUES ('note', ?, ?, ?, 'open', ?, ?) RETURNING id",
	               &err);
	if (s == NULL)
		goto rollback;
	db_bind_text(s, 1, json_string_value(json_object_get(b, "title")));
	if (u->unit_id)
		db_bind_int(s, 2, u->unit_id);
	else
		db_bind_null(s, 2);
	db_bind_int(s, 3, u->id);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, now);
	if (db_step(s, &err) == DB_ROW)
		id = db_col_int(s, 0);
	db_finish(s);
	if (id == 0)
		goto rollback;
	s = db_prepare(
	    c, "INSERT INTO item_access (item_id, user_id, reason) VALUES (?, ?, 'created')", &err);
	if (s == NULL)
		goto rollback;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, u->id);
	if (db_step(s, &err) != DB_DONE) {
		db_finish(s);
		goto rollback;
	}
	db_finish(s);
	json_array_foreach (json_object_get(b, "units"), i, v)
		if (!grant(c, id,
		           "INSERT INTO item_access (item_id, unit_id, reason) "
		           "SELECT ?, id, 'distributed' FROM unit WHERE code = ?",
		           json_string_value(v), &err))
			goto rollback;
	json_array_foreach (json_object_get(b, "users"), i, v)
		if (!grant(c, id,
		           "INSERT INTO item_access (item_id, user_id, reason) "
		           "SELECT ?, id, 'assigned' FROM user_account WHERE username = ?",
		           json_string_value(v), &err))
			goto rollback;
	if (!db_commit(c, &err))
		goto fail;
	http_reply_json(res, 201,
	                json_pack("{s:I, s:s?}", "id", (json_int_t)id, "title",
	                          json_string_value(json_object_get(b, "title"))));
	return;
rollback:
	db_rollback(c);
fail:
	http_reply_error(res, 422, "invalid", err ? err->message : "failed", NULL);
	g_clear_error(&err);
}

/* GET /api/v1/_test/items/{id}: the note, through the one access decision (404 otherwise). */
void site_test_item_get(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	gint64 id = 0;
	DbStmt *s;

	if (!auth_path_id(req, res, &id))
		return;
	if (c == NULL || auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED) {
		if (err) {
			auth_reply_error(req, res, err, NULL);
			g_error_free(err);
			return;
		}
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	s = db_prepare(c, "SELECT id, kind, title, status FROM item WHERE id = ?", &err);
	if (s == NULL) {
		auth_reply_error(req, res, err, NULL);
		g_error_free(err);
		return;
	}
	db_bind_int(s, 1, id);
	if (db_step(s, &err) == DB_ROW)
		http_reply_json(res, 200, db_row_json(s));
	else
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
	db_finish(s);
	g_clear_error(&err);
}

/* GET /api/v1/_test/captcha/{id}: the answer, so tests can pass a captcha. */
void site_test_captcha(HttpRequest *req, HttpResponse *res)
{
	char *answer = auth_captcha_answer_for_tests(app_db(req), http_param(req, "id"));

	if (answer == NULL) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:s}", "answer", answer));
	g_free(answer);
}

/* POST /api/v1/_test/numbers {"series"}: takes the next number of SERIES for this year inside a
 * write transaction, as official numbering does; two processes must never hand out the same
 * number or skip one. */
void site_test_number(HttpRequest *req, HttpResponse *res)
{
	const char *series = json_string_value(json_object_get(http_json(req), "series"));
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	GDateTime *now = g_date_time_new_now_utc();
	int year = g_date_time_get_year(now);
	gint64 n = 0;

	g_date_time_unref(now);
	if (series == NULL) {
		http_reply_error(res, 422, "invalid", "series", "series");
		return;
	}
	if (c == NULL || !db_begin(c, TRUE, &err) || !db_counter_next(c, series, year, &n, &err)) {
		if (c)
			db_rollback(c);
		http_reply_error(
		    res, err && g_error_matches(err, DB_ERROR_DOMAIN, DB_ERROR_BUSY) ? 503 : 500,
		    "internal_error", err ? err->message : "failed", NULL);
		g_clear_error(&err);
		return;
	}
	if (!db_commit(c, &err)) {
		http_reply_error(res, 500, "internal_error", err->message, NULL);
		g_error_free(err);
		return;
	}
	http_reply_json(
	    res, 200,
	    json_pack("{s:s, s:i, s:I}", "series", series, "year", year, "n", (json_int_t)n));
}

/* The test job: takes a moment, so that two processes' workers interleave. */
static gboolean test_touch(Db *db, gint64 job_id, json_t *payload, GError **err)
{
	g_usleep(5000);
	return TRUE;
}

void site_test_init(void)
{
	work_job_register("test.touch", test_touch);
}

/* POST /api/v1/_test/jobs {"count"}: queues COUNT test jobs due now. */
void site_test_jobs_create(HttpRequest *req, HttpResponse *res)
{
	json_int_t count = json_integer_value(json_object_get(http_json(req), "count"));
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	gint64 id;

	if (count < 1 || count > 10000) {
		http_reply_error(res, 422, "invalid", "count", "count");
		return;
	}
	if (c == NULL || !db_begin(c, TRUE, &err))
		goto fail;
	for (json_int_t i = 0; i < count; i++)
		if (!work_job_enqueue(c, "test.touch", NULL, g_get_real_time() / G_USEC_PER_SEC,
		                      &id, &err)) {
			db_rollback(c);
			goto fail;
		}
	if (!db_commit(c, &err))
		goto fail;
	http_reply_json(res, 201, json_pack("{s:I}", "queued", count));
	return;
fail:
	http_reply_error(res, 500, "internal_error", err ? err->message : "failed", NULL);
	g_clear_error(&err);
}

/* GET /api/v1/_test/jobs: how the test jobs ran: total, done, the most attempts any took, and
 * how many each worker ran. */
void site_test_jobs(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	DbStmt *s =
	    c ? db_prepare(c,
	                   "SELECT claimed_by, count(*), sum(CASE WHEN done_at IS NULL THEN 0 "
	                   "ELSE 1 END), max(attempts) FROM job WHERE kind = 'test.touch' "
	                   "GROUP BY claimed_by",
	                   &err)
	      : NULL;
	json_t *workers = json_object();
	gint64 total = 0, done = 0, max_attempts = 0;

	if (s == NULL) {
		http_reply_error(res, 500, "internal_error", err ? err->message : "failed", NULL);
		g_clear_error(&err);
		json_decref(workers);
		return;
	}
	while (db_step(s, &err) == DB_ROW) {
		const char *who = db_col_is_null(s, 0) ? "-" : db_col_text(s, 0);
		json_object_set_new(workers, who, json_integer(db_col_int(s, 1)));
		total += db_col_int(s, 1);
		done += db_col_int(s, 2);
		max_attempts = MAX(max_attempts, db_col_int(s, 3));
	}
	db_finish(s);
	g_clear_error(&err);
	http_reply_json(res, 200,
	                json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "done",
	                          (json_int_t)done, "max_attempts", (json_int_t)max_attempts,
	                          "workers", workers));
}

#endif /* MISHU_TESTING */
