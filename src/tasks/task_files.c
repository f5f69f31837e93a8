/*
 * task_files.c — the files of supervision: attachments of progress reports (报送进展) and
 * closure requests (申请办结), uploaded with the step by the lead and co-units' liaisons (or
 * the office) and downloaded by whoever may read the task; and the scan of a paper 批示.
 *
 * The checks, the storing and the download are the engine's (src/work/files.c): at most
 * WORK_FILE_MAX bytes each, of the kinds an office exchanges — a scan only PDF, OFD or an image.
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_web.h"
#include "tasks/tasks_internal.h"
#include "app.h"
#include "core/core.h"

#include <string.h>

gboolean tasks_attach(DbConn *c, const AuthUser *u, gint64 task, const char *step, GPtrArray *files,
                      const char **field, GError **err)
{
	gint64 report = 0;

	for (guint i = 0; files && i < files->len; i++)
		if (!work_upload_check(g_ptr_array_index(files, i), work_file_kinds, "file", field,
		                       err))
			return FALSE;
	/* a report's files belong to the report the step has just written */
	if (strcmp(step, "report") == 0 &&
	    !tasks_exec(c, &report, err,
	                "SELECT COALESCE(max(id), 0) FROM task_report WHERE item_id = ?", "i",
	                task))
		return FALSE;
	for (guint i = 0; files && i < files->len; i++)
		if (!work_upload_store(
		        c, g_ptr_array_index(files, i),
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
	return work_upload_check(f, work_scan_kinds, "scan", field, err) &&
	       tasks_exec(c, NULL, err, "DELETE FROM instruction_scan WHERE instruction_id = ?",
	                  "i", instruction) &&
	       work_upload_store(
	           c, f,
	           "INSERT INTO instruction_scan (data, instruction_id, filename, content_type, "
	           "size, created_by, created_at) SELECT ?1, ?2, ?5, ?6, ?7, ?8, ?9 WHERE "
	           "CAST(?3 AS BIGINT) = 0 AND CAST(?4 AS TEXT) = ''",
	           instruction, 0, "", u->id, err);
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
	work_send_file(res, c,
	               "SELECT filename, data FROM task_attachment WHERE id = ? AND item_id = ?",
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
	work_send_file(res, c,
	               "SELECT filename, data FROM instruction_scan WHERE instruction_id = ? AND "
	               "CAST(? AS BIGINT) = 0",
	               id, 0);
}
