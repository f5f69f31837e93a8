/*
 * task_files.c — the files of supervision: attachments of progress reports (报送进展) and
 * closure requests (申请办结), uploaded with the step by the lead and co-units' liaisons (or
 * the office) and downloaded by whoever may read the task; and the scan of a paper 批示.
 *
 * Limits follow the documents' attachments (the HTTP layer's upload limit) and are narrower
 * here: at most TASK_FILE_MAX bytes each, of the kinds an office exchanges (PDF, OFD, Word,
 * WPS, Excel, images, text, zip) — a scan only PDF, OFD or an image. Refusals name the field.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_web.h"
#include "tasks/tasks_internal.h"
#include "app.h"
#include "core/core.h"

#include <string.h>

#define TASK_FILE_MAX (20 * 1024 * 1024) /* 20 MiB: a scanned report of a few hundred pages */

static const char *const file_kinds[] = {"pdf", "ofd", "doc",  "docx", "wps", "xls", "xlsx",
                                         "et",  "jpg", "jpeg", "png",  "txt", "zip", NULL};
static const char *const scan_kinds[] = {"pdf", "ofd", "jpg", "jpeg", "png", NULL};

/* Checks upload F against the size limit and the KINDS of file (by the name's extension);
 * FIELD names the form field in a refusal. */
static gboolean upload_ok(const HttpUpload *f, const char *const *kinds, const char *name,
                          const char **field, GError **err)
{
	const char *dot = f->filename ? strrchr(f->filename, '.') : NULL;
	g_autofree char *ext = dot ? g_ascii_strdown(dot + 1, -1) : NULL;

	if (f->size == 0)
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, name,
		                        N_("The file is empty."));
	if (f->size > TASK_FILE_MAX)
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, name,
		                        N_("A file may be at most 20 MB."));
	if (ext == NULL || !g_strv_contains(kinds, ext) || !g_utf8_validate(f->filename, -1, NULL))
		return tasks_fail_field(
		    err, field, WORK_ERROR_INVALID, name,
		    kinds == scan_kinds
		        ? N_("A scan is a PDF, OFD, JPG or PNG file.")
		        : N_("Attach PDF, OFD, Word, WPS, Excel, image, text or zip files."));
	return TRUE;
}

/* Stores upload F through SQL, an INSERT whose parameters are: 1 the bytes, 2 the owner's id
 * (task or instruction), 3 the report's id or 0, 4 the step, then filename, content type, size,
 * the user and the time (5…9). */
static gboolean store(DbConn *c, const HttpUpload *f, const char *sql, gint64 owner, gint64 report,
                      const char *step, gint64 user, GError **err)
{
	g_autofree char *data = NULL;
	gsize len = 0;
	GError *e = NULL;
	DbStmt *s;
	gboolean ok;

	if (!g_file_get_contents(f->path, &data, &len, NULL)) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_INVALID,
		                    N_("The uploaded file could not be read."));
		return FALSE;
	}
	if ((s = db_prepare(c, sql, &e)) == NULL) {
		tasks_error_from_db(err, e);
		return FALSE;
	}
	db_bind_blob(s, 1, data, len);
	db_bind_int(s, 2, owner);
	db_bind_int(s, 3, report);
	db_bind_text(s, 4, step);
	db_bind_text(s, 5, f->filename);
	db_bind_text(s, 6, f->content_type ? f->content_type : "application/octet-stream");
	db_bind_int(s, 7, (gint64)len);
	db_bind_int(s, 8, user);
	db_bind_int(s, 9, core_now());
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok)
		tasks_error_from_db(err, e);
	return ok;
}

json_t *tasks_upload_names(GPtrArray *files)
{
	json_t *names = json_array();

	for (guint i = 0; files && i < files->len; i++) {
		const HttpUpload *f = g_ptr_array_index(files, i);
		json_array_append_new(names, json_string(f->filename ? f->filename : ""));
	}
	return names;
}

gboolean tasks_attach(DbConn *c, const AuthUser *u, gint64 task, const char *step, GPtrArray *files,
                      const char **field, GError **err)
{
	gint64 report = 0;

	for (guint i = 0; files && i < files->len; i++)
		if (!upload_ok(g_ptr_array_index(files, i), file_kinds, "file", field, err))
			return FALSE;
	/* a report's files belong to the report the step has just written */
	if (strcmp(step, "report") == 0 &&
	    !tasks_exec(c, &report, err,
	                "SELECT COALESCE(max(id), 0) FROM task_report WHERE item_id = ?", "i",
	                task))
		return FALSE;
	for (guint i = 0; files && i < files->len; i++)
		if (!store(c, g_ptr_array_index(files, i),
		           "INSERT INTO task_attachment (data, item_id, report_id, step, filename, "
		           "content_type, size, created_by, created_at) VALUES (?, ?, NULLIF(?, "
		           "0), ?, "
		           "?, ?, ?, ?, ?)",
		           task, report, step, u->id, err))
			return FALSE;
	return TRUE;
}

json_t *tasks_attachments(DbConn *c, gint64 task, GError **err)
{
	return tasks_rows(c, err,
	                  "SELECT a.id, a.report_id, a.step, a.filename, a.content_type, a.size, "
	                  "a.created_at, u.display_name AS who FROM task_attachment a LEFT JOIN "
	                  "user_account u ON u.id = a.created_by WHERE a.item_id = ? ORDER BY a.id",
	                  "i", task);
}

gboolean tasks_scan_store(DbConn *c, const AuthUser *u, gint64 instruction, const HttpUpload *f,
                          const char **field, GError **err)
{
	/* the scan is the paper's: a 批示 written in mishu has none */
	gint64 paper = 0;

	if (!tasks_exec(c, &paper, err,
	                "SELECT count(*) FROM instruction WHERE id = ? AND form = 'paper'", "i",
	                instruction))
		return FALSE;
	if (paper == 0)
		return tasks_fail_field(err, field, WORK_ERROR_INVALID, "scan",
		                        N_("Only a paper instruction has a scan."));
	/* parameters 3 and 4 of store() mean nothing to a scan: stated so both databases type them
	 */
	return upload_ok(f, scan_kinds, "scan", field, err) &&
	       tasks_exec(c, NULL, err, "DELETE FROM instruction_scan WHERE instruction_id = ?",
	                  "i", instruction) &&
	       store(c, f,
	             "INSERT INTO instruction_scan (data, instruction_id, filename, content_type, "
	             "size, created_by, created_at) SELECT ?1, ?2, ?5, ?6, ?7, ?8, ?9 WHERE "
	             "CAST(?3 AS BIGINT) = 0 AND CAST(?4 AS TEXT) = ''",
	             instruction, 0, "", u->id, err);
}

/* Sends the file SQL selects (filename, data; parameters A and B) as a download, or 404. */
static void send_file(HttpResponse *res, DbConn *c, const char *sql, gint64 a, gint64 b)
{
	GError *err = NULL;
	DbStmt *s = db_prepare(c, sql, &err);

	if (s == NULL) {
		g_clear_error(&err);
		http_reply_error(res, 503, "db", N_("The database is not available."), NULL);
		return;
	}
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	if (db_step(s, &err) != DB_ROW) {
		db_finish(s);
		g_clear_error(&err);
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	{
		gsize n = 0;
		const void *p = db_col_blob(s, 1, &n);
		work_reply_download(res, db_col_text(s, 0), p, n);
	}
	db_finish(s);
}

/* GET /api/v1/tasks/{id}/attachments/{aid}: for whoever may read the task. */
void tasks_api_attachment(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	gint64 id, aid;

	if (!auth_path_id(req, res, &id))
		return;
	if (!http_param_id(req, "aid", &aid)) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	if (c == NULL || auth_item_access(c, auth_current(req), id, &err) != AUTH_ITEM_ALLOWED) {
		if (err == NULL)
			g_set_error_literal(&err, WORK_ERROR, WORK_ERROR_NOT_FOUND,
			                    N_("There is no such task."));
		work_fail(req, res, err, NULL);
		return;
	}
	send_file(res, c, "SELECT filename, data FROM task_attachment WHERE id = ? AND item_id = ?",
	          aid, id);
}

/* GET /api/v1/instructions/{id}/scan: for whoever may see the item the 批示 is on. */
void tasks_api_scan(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	json_t *one;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (c == NULL || (one = tasks_instruction(c, auth_current(req), id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	json_decref(one);
	send_file(res, c,
	          "SELECT filename, data FROM instruction_scan WHERE instruction_id = ? AND "
	          "CAST(? AS BIGINT) = 0",
	          id, 0);
}
