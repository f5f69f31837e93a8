/*
 * phrases.c — each leader's ready-made 批示 phrases (常用批示语): the office's defaults (同意。
 * 请××同志阅示。请××同志牵头办理。…) until the leader keeps a list of their own, kept in
 * instruction_phrase. The 批示 form offers them, "××" filled with the names of the other leaders
 * the document is routed to. GET|PUT /api/v1/me/phrases, GET|POST /me/phrases.
 */
#define G_LOG_DOMAIN "mishu-work"

#include "work/work_web.h"
#include "app.h"
#include "auth/auth_web.h"
#include "core/core.h"

#include <string.h>

#define MAX_PHRASES 20
#define MAX_CHARS   200
#define PLACEHOLDER "××"

/* The office's defaults, in the order a leader most often needs them. */
static const char *const defaults[] = {
    "同意。",         "已阅。",
    "请××同志阅示。", "请××同志牵头办理。",
    "请××同志阅处。", "请市委办公室督查室跟踪督办，按期报告办理结果。",
};

json_t *work_phrases(DbConn *c, gint64 user_id, gboolean *custom, GError **err)
{
	g_autoptr(json_t) rows =
	    work_rows(WORK_ERRORS, c, err,
	              "SELECT text FROM instruction_phrase WHERE user_id = ? ORDER BY position",
	              "i", user_id);
	json_t *out, *r;
	size_t i;

	if (rows == NULL)
		return NULL;
	out = json_array();
	*custom = json_array_size(rows) > 0;
	if (*custom)
		json_array_foreach (rows, i, r)
			json_array_append(out, json_object_get(r, "text"));
	else
		for (gsize k = 0; k < G_N_ELEMENTS(defaults); k++)
			json_array_append_new(out, json_string(defaults[k]));
	return out;
}

/* Checks LIST (an array of phrases) into a new array of trimmed, non-blank phrases; NULL with
 * ERR (422, field "phrases") when it is not an array of at most MAX_PHRASES strings of at most
 * MAX_CHARS characters. */
static json_t *phrases_checked(json_t *list, const char **field, GError **err)
{
	json_t *out, *v;
	size_t i;

	if (!json_is_array(list) || json_array_size(list) > MAX_PHRASES) {
		work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "phrases",
		                N_("Phrases are a list of at most 20 lines."));
		return NULL;
	}
	out = json_array();
	json_array_foreach (list, i, v) {
		g_autofree char *text =
		    json_is_string(v) ? g_strstrip(g_strdup(json_string_value(v))) : NULL;
		if (!json_is_string(v) || g_utf8_strlen(text, -1) > MAX_CHARS) {
			json_decref(out);
			work_fail_field(WORK_ERRORS, err, field, WORK_ERROR_INVALID, "phrases",
			                N_("Each phrase is text of at most 200 characters."));
			return NULL;
		}
		if (*text)
			json_array_append_new(out, json_string(text));
	}
	return out;
}

gboolean work_phrases_set(DbConn *c, gint64 user_id, json_t *list, const char **field, GError **err)
{
	g_autoptr(json_t) ok = phrases_checked(list, field, err);
	json_t *v;
	size_t i;

	if (ok == NULL ||
	    !work_run(WORK_ERRORS, c, NULL, err, "DELETE FROM instruction_phrase WHERE user_id = ?",
	              "i", user_id))
		return FALSE;
	json_array_foreach (ok, i, v)
		if (!work_run(
		        WORK_ERRORS, c, NULL, err,
		        "INSERT INTO instruction_phrase (user_id, position, text) VALUES (?, ?, ?)",
		        "iis", user_id, (gint64)i + 1, json_string_value(v)))
			return FALSE;
	return TRUE;
}

/* How a leader names a colleague in a 批示: the given name of a three-character name (孙国平 →
 * 国平), else the whole name. g_free. */
static char *call_name(const char *name)
{
	glong n = g_utf8_strlen(name, -1);

	return n == 3 ? g_strdup(g_utf8_offset_to_pointer(name, 1)) : g_strdup(name);
}

json_t *work_phrases_offer(json_t *phrases, json_t *names)
{
	json_t *out = json_array(), *p, *n;
	size_t i, k;

	json_array_foreach (phrases, i, p) {
		const char *text = json_string_value(p);
		if (text == NULL)
			continue;
		if (strstr(text, PLACEHOLDER) == NULL || json_array_size(names) == 0) {
			json_array_append(out, p);
			continue;
		}
		json_array_foreach (names, k, n) {
			g_autofree char *who = call_name(json_string_value(n));
			g_auto(GStrv) parts = g_strsplit(text, PLACEHOLDER, -1);
			g_autofree char *filled = g_strjoinv(who, parts);
			json_array_append_new(out, json_string(filled));
		}
	}
	return out;
}

/* ---- over HTTP ------------------------------------------------------------------------------ */

void work_api_phrases(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	gboolean custom = FALSE;
	json_t *list = c ? work_phrases(c, auth_current(req)->id, &custom, &err) : NULL;

	if (c == NULL)
		return;
	if (list == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, json_pack("{s:o, s:b}", "phrases", list, "custom", custom));
}

/* Stores LIST as the caller's phrases in a transaction of its own; FALSE with ERR and *FIELD. */
static gboolean store(HttpRequest *req, DbConn *c, json_t *list, const char **field, GError **err)
{
	GError *e = NULL;

	if (!db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if (!work_phrases_set(c, auth_current(req)->id, list, field, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	return TRUE;
}

void work_api_phrases_put(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	const char *field = NULL;
	DbConn *c = work_conn(req, res);

	if (c == NULL)
		return;
	if (!store(req, c, json_object_get(http_json(req), "phrases"), &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	work_api_phrases(req, res);
}

/* The page of the caller's phrases, one per line in a textarea (TEXT: as typed after a
 * refusal, else the stored ones), with ERROR (translated) when not NULL. */
static void phrases_page(HttpRequest *req, HttpResponse *res, int status, const char *text,
                         const char *error)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	gboolean custom = FALSE;
	g_autoptr(json_t) list = c ? work_phrases(c, auth_current(req)->id, &custom, &err) : NULL;
	GString *lines = g_string_new(NULL);
	json_t *m, *v;
	size_t i;

	if (c == NULL) {
		g_string_free(lines, TRUE);
		return;
	}
	if (list == NULL) {
		g_string_free(lines, TRUE);
		work_fail(req, res, err, NULL);
		return;
	}
	json_array_foreach (list, i, v)
		g_string_append_printf(lines, "%s\n", json_string_value(v));
	m = json_pack("{s:s, s:s, s:b, s:s?}", "title", http_tr(req, N_("My instruction phrases")),
	              "phrases_text", text ? text : lines->str, "custom", custom, "error", error);
	g_string_free(lines, TRUE);
	if (status == 200 && g_strcmp0(http_query(req, "saved"), "1") == 0)
		json_object_set_new(m, "flash",
		                    json_pack("[{s:s, s:s}]", "kind", "success", "message",
		                              http_tr(req, N_("Your phrases have been saved."))));
	http_reply_model(res, status, m, "work/phrases");
}

void work_page_phrases(HttpRequest *req, HttpResponse *res)
{
	phrases_page(req, res, 200, NULL, NULL);
}

void work_page_phrases_post(HttpRequest *req, HttpResponse *res)
{
	const char *text = http_form(req, "phrases");
	g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
	g_autoptr(json_t) list = json_array();
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c = work_conn(req, res);

	if (c == NULL)
		return;
	for (char **l = lines; *l; l++)
		json_array_append_new(list, json_string((*l)[0] ? *l : " "));
	if (!store(req, c, list, &field, &err)) {
		if (err->domain == WORK_ERROR && err->code == WORK_ERROR_INVALID) {
			phrases_page(req, res, 422, text, http_tr(req, err->message));
			g_error_free(err);
		} else {
			work_fail(req, res, err, field);
		}
		return;
	}
	http_reply_redirect(res, 303, "/me/phrases?saved=1");
}
