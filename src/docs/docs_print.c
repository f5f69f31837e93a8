/*
 * docs_print.c — GET /api/v1/documents/{id}/pdf: an outgoing document printed per GB/T 9704
 * (docs_pdf.c) from its data: the series gives the 发文机关标志, 署名 and 印发机关; the
 * document its number (or a blank one before numbering), title, recipients, text, attachments
 * and dates.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "docs/docs_pdf.h"
#include "docs/docs_web.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

/* The print model of DOC made from another item's approved text (docs_made.c): the model fixed
 * when it was made, with its recipients as the 版记's 分送 line and today as 印发日期. */
static json_t *made_model(json_t *doc, json_t *fixed)
{
	static const char *const internal[] = {"doc_number", "signed_on", "signer_id", "approval"};
	json_t *m = json_deep_copy(fixed);
	const char *main_to = json_string_value(json_object_get(doc, "main_to_text"));
	const char *cc = json_string_value(json_object_get(doc, "cc_to_text"));
	g_autofree char *today = core_today();

	for (gsize i = 0; i < G_N_ELEMENTS(internal); i++)
		json_object_del(m, internal[i]);
	json_object_set_new(m, "print_date", json_string(today));
	if (main_to && *main_to && cc && *cc)
		json_object_set_new(m, "cc", json_sprintf("%s，%s", main_to, cc));
	else if ((main_to && *main_to) || (cc && *cc))
		json_object_set_new(m, "cc", json_string(main_to && *main_to ? main_to : cc));
	return m;
}

json_t *docs_print_model(DbConn *c, json_t *doc, GError **err)
{
	g_autofree char *today = core_today(), *number = NULL;
	json_t *series, *s, *m, *names = json_array(), *a;
	const char *urgency = json_string_value(json_object_get(doc, "urgency"));
	const char *signed_on = json_string_value(json_object_get(doc, "signed_on"));
	size_t i;

	if (json_is_object(json_object_get(doc, "print_model"))) {
		json_decref(names);
		return made_model(doc, json_object_get(doc, "print_model"));
	}
	series =
	    docs_rows(c, err,
	              "SELECT s.prefix, s.issuer_mark, s.issuer_name, s.printer FROM doc_series s "
	              "JOIN document d ON d.series_id = s.id WHERE d.item_id = ?",
	              "i", (gint64)json_integer_value(json_object_get(doc, "id")));
	if (series == NULL) {
		json_decref(names);
		return NULL;
	}
	if (json_array_size(series) == 0) {
		json_decref(series);
		json_decref(names);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("Choose the series (机关代字) before printing."));
		return NULL;
	}
	s = json_array_get(series, 0);
	if (json_string_value(json_object_get(doc, "number")))
		number = g_strdup(json_string_value(json_object_get(doc, "number")));
	else /* a draft prints with the number left blank: 江委发〔2026〕　号 */
		number = g_strdup_printf("%s〔%.4s〕　号",
		                         json_string_value(json_object_get(s, "prefix")), today);
	/* the 主送/抄送 lines as docs_load joined them (GB/T 9704: "、" within a kind) */
	json_array_foreach (json_object_get(doc, "attachments"), i, a)
		json_array_append(names, json_object_get(a, "filename"));
	m = json_pack("{s:O, s:s, s:O, s:O, s:O, s:O, s:s, s:s, s:O, s:O}", "issuer_mark",
	              json_object_get(s, "issuer_mark"), "number", number, "title",
	              json_object_get(doc, "title"), "main_to",
	              json_object_get(doc, "main_to_text"), "body", json_object_get(doc, "body"),
	              "issuer_signature", json_object_get(s, "issuer_name"), "date",
	              signed_on ? signed_on : today, "print_date", today, "printer",
	              json_object_get(s, "printer"), "cc", json_object_get(doc, "cc_to_text"));
	if (g_strcmp0(urgency, "very_urgent") == 0)
		json_object_set_new(m, "urgency", json_string("特急"));
	else if (g_strcmp0(urgency, "urgent") == 0)
		json_object_set_new(m, "urgency", json_string("加急"));
	json_object_set_new(m, "attachments", names);
	json_decref(series);
	return m;
}

void docs_api_pdf(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = db_conn(app_db(req), &err);
	json_t *doc = NULL, *model = NULL;
	GBytes *pdf = NULL;
	gint64 id;

	if (!auth_path_id(req, res, &id))
		return;
	if (c == NULL || (doc = docs_load(c, auth_current(req), id, &err)) == NULL)
		goto fail;
	if (g_strcmp0(json_string_value(json_object_get(doc, "direction")), "outgoing")) {
		g_set_error_literal(
		    &err, WORK_ERROR, WORK_ERROR_STATE,
		    N_("Only outgoing documents are printed in the official format."));
		goto fail;
	}
	if ((model = docs_print_model(c, doc, &err)) == NULL)
		goto fail;
	if ((pdf = docs_pdf_render(model, &err)) == NULL) {
		/* the document's data does not fit the format: say what, as bad input */
		GError *e = g_error_new_literal(WORK_ERROR, WORK_ERROR_INVALID, err->message);
		g_clear_error(&err);
		err = e;
		goto fail;
	}
	{
		/* 江委发〔2026〕3号 关于….pdf (RFC 6266/5987: the UTF-8 name escaped; the ASCII
		 * fallback for old clients) */
		const char *number = json_string_value(json_object_get(doc, "number"));
		const char *title = json_string_value(json_object_get(doc, "title"));
		g_autofree char *name =
		    g_strdup_printf("%s%s%s.pdf", number ? number : "", number ? " " : "",
		                    title ? title : "document");
		work_reply_pdf(res, "document.pdf", name, pdf);
	}
	json_decref(doc);
	json_decref(model);
	return;
fail:
	json_decref(doc);
	json_decref(model);
	work_fail(req, res, err, NULL);
}
