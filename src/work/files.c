/*
 * files.c — the files a step brings (a task's progress report, an agenda item's materials, the
 * scan of a paper 批示): the check every module applies to an upload, storing one in the
 * owner's table and sending one back as a download. Limits are the office's: at most
 * WORK_FILE_MAX bytes, of the kinds an office exchanges. Refusals name the form field.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/work_web.h"
#include "core/core.h"

#include <string.h>

const char *const work_file_kinds[] = {"pdf", "ofd", "doc",  "docx", "wps", "xls", "xlsx",
                                       "et",  "jpg", "jpeg", "png",  "txt", "zip", NULL};
const char *const work_scan_kinds[] = {"pdf", "ofd", "jpg", "jpeg", "png", NULL};

gboolean work_upload_check(const HttpUpload *f, const char *const *kinds, const char *name,
                           const char **field, GError **err)
{
	const char *dot = f->filename ? strrchr(f->filename, '.') : NULL;
	g_autofree char *ext = dot ? g_ascii_strdown(dot + 1, -1) : NULL;

	if (f->size == 0)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
		                       N_("The file is empty."));
	if (f->size > WORK_FILE_MAX)
		return work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
		                       N_("A file may be at most 20 MB."));
	if (ext == NULL || !g_strv_contains(kinds, ext) || !g_utf8_validate(f->filename, -1, NULL))
		return work_fail_field(
		    WORK_ERRORS, err, field, WORK_ERROR_INVALID, name,
		    kinds == work_scan_kinds
		        ? N_("A scan is a PDF, OFD, JPG or PNG file.")
		        : N_("Attach PDF, OFD, Word, WPS, Excel, image, text or zip files."));
	return TRUE;
}

gboolean work_upload_store(DbConn *c, const HttpUpload *f, const char *sql, gint64 owner,
                           gint64 aux, const char *text, gint64 user, GError **err)
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
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
		return FALSE;
	}
	db_bind_blob(s, 1, data, len);
	db_bind_int(s, 2, owner);
	db_bind_int(s, 3, aux);
	db_bind_text(s, 4, text);
	db_bind_text(s, 5, f->filename);
	db_bind_text(s, 6, f->content_type ? f->content_type : "application/octet-stream");
	db_bind_int(s, 7, (gint64)len);
	db_bind_int(s, 8, user);
	db_bind_int(s, 9, core_now());
	ok = db_step(s, &e) == DB_DONE;
	db_finish(s);
	if (!ok)
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, WORK_ERROR_CONFLICT);
	return ok;
}

json_t *work_upload_names(GPtrArray *files)
{
	json_t *names = json_array();

	for (guint i = 0; files && i < files->len; i++) {
		const HttpUpload *f = g_ptr_array_index(files, i);
		json_array_append_new(names, json_string(f->filename ? f->filename : ""));
	}
	return names;
}

void work_send_file(HttpResponse *res, DbConn *c, const char *sql, gint64 a, gint64 b)
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
