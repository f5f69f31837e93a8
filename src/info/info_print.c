/*
 * info_print.c — an issue of a bulletin as a PDF (GET /api/v1/issues/{id}/pdf): the red
 * masthead with the bulletin's name, 第N期, 编发单位 and date, the items under their headings and
 * 报/送 in the 版记, laid out by the documents' GB/T 9704 renderer (docs_pdf, kind "bulletin").
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "core/core.h"
#include "docs/docs_pdf.h"

/* Issue S (info_issue_get's object) as docs_pdf_render's model of a bulletin. New reference. */
static json_t *issue_model(json_t *s)
{
	json_t *b = json_object_get(s, "bulletin"), *items = json_array(), *r;
	gint64 at = json_integer_value(json_object_get(s, "published_at"));
	g_autofree char *date = core_time_format(at ? at : core_now(), "%Y-%m-%d");
	g_autofree char *number =
	    json_is_integer(json_object_get(s, "number"))
	        ? g_strdup_printf("%" JSON_INTEGER_FORMAT "年第%" JSON_INTEGER_FORMAT "期",
	                          json_integer_value(json_object_get(s, "year")),
	                          json_integer_value(json_object_get(s, "number")))
	        : g_strdup("（待编号）");
	size_t i;

	json_array_foreach (json_object_get(s, "reports"), i, r)
		json_array_append_new(items,
		                      json_pack("{s:O, s:O}", "title", json_object_get(r, "title"),
		                                "body", json_object_get(r, "body")));
	return json_pack("{s:s, s:O, s:s, s:O, s:O, s:o, s:s, s:O, s:O, s:O, s:s}", "kind",
	                 "bulletin", "issuer_mark", json_object_get(b, "name"), "number", number,
	                 "title", json_object_get(s, "title"), "publisher",
	                 json_object_get(b, "publisher"), "items", items, "date", date, "send_to",
	                 json_object_get(b, "send_to"), "cc", json_object_get(b, "copy_to"),
	                 "printer", json_object_get(b, "publisher"), "print_date", date);
}

GBytes *info_issue_pdf(DbConn *c, const AuthUser *u, gint64 id, char **name, GError **err)
{
	g_autoptr(json_t) s = info_issue_get(c, u, id, err);
	g_autoptr(json_t) model = NULL;
	GError *e = NULL;
	GBytes *pdf;

	if (s == NULL)
		return NULL;
	if (json_array_size(json_object_get(s, "reports")) == 0) {
		info_fail(err, NULL, WORK_ERROR_STATE, NULL,
		          N_("An issue needs at least one report."));
		return NULL;
	}
	model = issue_model(s);
	if ((pdf = docs_pdf_render(model, &e)) == NULL) {
		g_warning("issue %" G_GINT64_FORMAT ": %s", id, e->message);
		g_clear_error(&e);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("The issue cannot be printed as it stands."));
		return NULL;
	}
	*name = g_strdup_printf("%s.pdf", json_string_value(json_object_get(s, "title")));
	return pdf;
}
