/*
 * errors_web.c — the one table from an error to its HTTP status and the contract's code, for
 * every module (a conflict is a 409 everywhere), and the answer that carries it.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/work_web.h"
#include "app.h"
#include "core/core.h"
#include "org/org.h"

static const struct {
	int status;
	const char *code;
} table[] = {
    [WORK_ERROR_INVALID] = {422, "invalid"},
    [WORK_ERROR_CLASSIFIED] = {422, "classified_not_allowed"},
    [WORK_ERROR_NOT_FOUND] = {404, "not_found"},
    [WORK_ERROR_FORBIDDEN] = {403, "forbidden"},
    [WORK_ERROR_STATE] = {409, "not_allowed_now"},
    [WORK_ERROR_CONFLICT] = {409, "conflict"},
    [WORK_ERROR_WORKFLOW] = {422, "invalid_workflow"},
    [WORK_ERROR_DB] = {500, "internal_error"},
    [WORK_ERROR_QUORUM] = {409, "quorum_not_met"},
    [WORK_ERROR_VOTE_ORDER] = {409, "principal_votes_last"},
};

/* org's errors in the same words (org is below work: it keeps its own domain). */
static int org_status(int code)
{
	switch ((OrgError)code) {
	case ORG_ERROR_INVALID:
		return 422;
	case ORG_ERROR_NOT_FOUND:
		return 404;
	case ORG_ERROR_CONFLICT:
		return 409;
	default:
		return 500;
	}
}

int work_error_status(const GError *err)
{
	if (err && err->domain == WORK_ERROR)
		return err->code >= 0 && err->code < (int)G_N_ELEMENTS(table)
		           ? table[err->code].status
		           : 500;
	if (err && err->domain == ORG_ERROR)
		return org_status(err->code);
	return auth_error_status(err);
}

const char *work_error_code(const GError *err)
{
	static const char *const org_codes[] = {"invalid", "not_found", "conflict"};

	if (err && err->domain == WORK_ERROR)
		return err->code >= 0 && err->code < (int)G_N_ELEMENTS(table)
		           ? table[err->code].code
		           : "internal_error";
	if (err && err->domain == ORG_ERROR)
		return err->code >= 0 && err->code < (int)G_N_ELEMENTS(org_codes)
		           ? org_codes[err->code]
		           : "internal_error";
	return auth_error_code(err);
}

void work_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field)
{
	int status = work_error_status(err);

	if (status >= 500) {
		g_warning("%s %s: %s", http_method(req), http_path(req),
		          err ? err->message : "unknown error");
		http_reply_error(res, 500, "internal_error",
		                 N_("The server could not complete this; try again."), NULL);
	} else {
		http_reply_error(res, status, work_error_code(err), err->message, field);
	}
	g_clear_error(&err);
}

DbConn *work_conn(HttpRequest *req, HttpResponse *res)
{
	GError *e = NULL, *err = NULL;
	DbConn *c = db_conn(app_db(req), &e);

	if (c == NULL) {
		work_db_error(&err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		work_fail(req, res, err, NULL);
	}
	return c;
}

void work_reply_pdf(HttpResponse *res, const char *fallback, const char *name, GBytes *pdf)
{
	g_autofree char *clean = g_strdup(name);
	g_autofree char *esc = NULL, *disp = NULL;

	g_strdelimit(clean, "/\\\"\r\n", '_');
	esc = g_uri_escape_string(clean, NULL, FALSE);
	disp = g_strdup_printf("inline; filename=\"%s\"; filename*=UTF-8''%s", fallback, esc);
	http_add_header(res, "Content-Disposition", disp);
	http_reply_bytes(res, 200, "application/pdf", pdf);
}

void work_reply_download(HttpResponse *res, const char *filename, const void *data, gsize n)
{
	g_autofree char *esc = g_uri_escape_string(filename ? filename : "file", NULL, FALSE);
	g_autofree char *disp = g_strdup_printf("attachment; filename*=UTF-8''%s", esc);

	http_add_header(res, "Content-Disposition", disp);
	http_add_header(res, "X-Content-Type-Options", "nosniff");
	http_reply_bytes(res, 200, "application/octet-stream", g_bytes_new(data, n));
}
