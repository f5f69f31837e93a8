/*
 * docs_sheet.c — the 文件处理笺 of an incoming document: what a leader sees first of it (来文
 * facts, the office's 拟办意见 at the top, then the 批示 in order, then the 传阅 record and the
 * handling), as a model for the document page and as the printed form,
 * GET /documents/{id}/sheet.pdf.
 */
#define G_LOG_DOMAIN "mishu-docs"

#include "docs/docs_internal.h"
#include "docs/docs_pages.h"
#include "docs/docs_sheet.h"
#include "docs/docs_web.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"
#include "work/work.h"

#include <string.h>

/* "2026年12月5日" for the time AT (seconds), in the office's time zone; "" for 0. g_free. */
static char *date_cn(gint64 at)
{
	g_autofree char *iso = at ? core_time_format(at, "%Y-%m-%d") : NULL;
	GDate d;

	if (iso == NULL || !core_date_parse(iso, &d))
		return g_strdup("");
	return g_strdup_printf("%u年%u月%u日", g_date_get_year(&d), g_date_get_month(&d),
	                       g_date_get_day(&d));
}

/* The same for a 'YYYY-MM-DD' date; S itself when it is not one. g_free. */
static char *day_cn(const char *s)
{
	GDate d;

	if (s == NULL || !core_date_parse(s, &d))
		return g_strdup(s ? s : "");
	return g_strdup_printf("%u年%u月%u日", g_date_get_year(&d), g_date_get_month(&d),
	                       g_date_get_day(&d));
}

/* The office's name for the form's title (the issuer of its own series: 中共江城市委办公室). */
static char *office_name(DbConn *c)
{
	GError *err = NULL;
	json_t *rows = docs_rows(c, &err,
	                         "SELECT issuer_name FROM doc_series WHERE scope = 'office' AND "
	                         "issuer_name IS NOT NULL ORDER BY position, id LIMIT 1",
	                         NULL);
	const char *name =
	    json_string_value(json_object_get(json_array_get(rows, 0), "issuer_name"));
	char *out = g_strdup(name ? name : "");

	g_clear_error(&err);
	json_decref(rows);
	return out;
}

/* The last 拟办 of the history: {"text", "by", "date_text"}, or NULL. */
static json_t *proposal_of(json_t *history)
{
	json_t *h, *found = NULL;
	size_t i;

	json_array_foreach (history, i, h)
		if (g_strcmp0(json_string_value(json_object_get(h, "action")), "propose") == 0)
			found = h;
	if (found == NULL)
		return NULL;
	{
		g_autofree char *day = date_cn(json_integer_value(json_object_get(found, "when")));
		return json_pack("{s:O, s:O, s:s}", "text", json_object_get(found, "opinion"), "by",
		                 json_object_get(found, "who"), "date_text", day);
	}
}

/* The 传阅 record: one line per reader, "李明华（市委副书记）　已阅　2026年12月5日　意见". */
static json_t *reader_lines(HttpRequest *req, json_t *readers)
{
	json_t *out = json_array(), *r;
	size_t i;

	json_array_foreach (readers, i, r) {
		gint64 read = json_integer_value(json_object_get(r, "read_at"));
		const char *comment = json_string_value(json_object_get(r, "comment"));
		const char *title = json_string_value(json_object_get(r, "title"));
		g_autofree char *day = date_cn(read);
		GString *s = g_string_new(json_string_value(json_object_get(r, "name")));

		if (title && *title)
			g_string_append_printf(s, "（%s）", title);
		g_string_append(s, "　");
		if (read) {
			g_string_append_printf(s, "%s　%s", http_tr(req, N_("Read")), day);
			if (comment && *comment)
				g_string_append_printf(s, "　%s", comment);
		} else {
			g_string_append(
			    s, http_tr(req, json_integer_value(json_object_get(r, "sent_at"))
			                        ? N_("Reading now")
			                        : N_("Not yet sent")));
		}
		json_array_append_new(out, json_pack("{s:s}", "line", s->str));
		g_string_free(s, TRUE);
	}
	return out;
}

/* The handling after the 批示: the steps that move the matter on, each "日期 谁 步骤：意见",
 * and the present state. */
static json_t *results_of(HttpRequest *req, json_t *doc)
{
	static const char *const steps[] = {"assign", "transfer", "complete", "archive", "return"};
	json_t *out = json_array(), *h;
	size_t i;

	json_array_foreach (json_object_get(doc, "history"), i, h) {
		const char *action = json_string_value(json_object_get(h, "action"));
		const char *opinion = json_string_value(json_object_get(h, "opinion"));
		gboolean listed = FALSE;
		for (gsize k = 0; k < G_N_ELEMENTS(steps); k++)
			listed = listed || g_strcmp0(steps[k], action) == 0;
		if (!listed)
			continue;
		{
			g_autofree char *day =
			    date_cn(json_integer_value(json_object_get(h, "when")));
			g_autofree char *line = g_strdup_printf(
			    "%s　%s　%s%s%s", day, json_string_value(json_object_get(h, "who")),
			    docs_page_action_title(req, action), opinion && *opinion ? "：" : "",
			    opinion ? opinion : "");
			json_array_append_new(out, json_string(line));
		}
	}
	{
		g_autofree char *now =
		    g_strdup_printf("%s%s", http_tr(req, N_("Now: ")),
		                    json_string_value(json_object_get(doc, "status_label")));
		json_array_append_new(out, json_string(now));
	}
	return out;
}

json_t *docs_sheet_model(HttpRequest *req, DbConn *c, json_t *doc)
{
	g_autofree char *office = office_name(c);
	g_autofree char *heading =
	    g_strdup_printf("%s%s", office, http_tr(req, N_("Document processing sheet")));
	g_autofree char *received = day_cn(json_string_value(json_object_get(doc, "received_on")));
	g_autofree char *deadline = day_cn(json_string_value(json_object_get(doc, "deadline")));
	g_autofree char *reg_line =
	    g_strdup_printf("%s%s", http_tr(req, N_("Registration number: ")),
	                    json_string_value(json_object_get(doc, "reg_number")) ?: "");
	g_autofree char *date_line =
	    g_strdup_printf("%s%s", http_tr(req, N_("Received on: ")), received);
	g_autofree char *copies = g_strdup_printf(
	    "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(doc, "copies")));
	json_t *sheet, *ins = json_array(), *in, *proposal;
	size_t i;

	json_array_foreach (json_object_get(doc, "instructions"), i, in) {
		g_autofree char *day = day_cn(json_string_value(json_object_get(in, "given_on")));
		json_array_append_new(
		    ins, json_pack("{s:O, s:O, s:O, s:s}", "text", json_object_get(in, "text"),
		                   "requirements", json_object_get(in, "requirements"), "by",
		                   json_object_get(in, "leader_name"), "date_text", day));
	}
	sheet = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s}", "heading",
	    heading, "reg_line", reg_line, "date_line", date_line, "sender",
	    json_string_value(json_object_get(doc, "sender")) ?: "", "sender_number",
	    json_string_value(json_object_get(doc, "sender_number")) ?: "", "secrecy",
	    json_string_value(json_object_get(doc, "secrecy_label")) ?: "", "copies", copies,
	    "urgency", json_string_value(json_object_get(doc, "urgency_label")) ?: "—", "deadline",
	    *deadline ? deadline : "—", "title",
	    json_string_value(json_object_get(doc, "title")) ?: "", "instructions", ins, "readers",
	    reader_lines(req, json_object_get(doc, "readers")), "results", results_of(req, doc),
	    "requirements_label", http_tr(req, N_("Requirements: ")));
	if ((proposal = proposal_of(json_object_get(doc, "history"))) != NULL)
		json_object_set_new(sheet, "proposal", proposal);
	return sheet;
}

/* GET /documents/{id}/sheet.pdf: the 文件处理笺 of an incoming document, to print. */
void docs_page_sheet_pdf(HttpRequest *req, HttpResponse *res)
{
	gint64 id = auth_page_id(req, "id");
	g_autofree char *today = core_today();
	GError *err = NULL;
	DbConn *c = id > 0 ? docs_page_conn(req, &err) : NULL;
	json_t *doc = c ? docs_load(c, auth_current(req), id, &err) : NULL, *sheet;
	GBytes *pdf;

	if (id <= 0) {
		http_reply_error(res, 404, "not_found", N_("There is nothing at this address."),
		                 NULL);
		return;
	}
	if (doc == NULL) {
		docs_page_fail(req, res, err);
		return;
	}
	if (g_strcmp0(json_string_value(json_object_get(doc, "direction")), "incoming")) {
		json_decref(doc);
		http_reply_error(res, 409, "wrong_state",
		                 N_("Only an incoming document has a processing sheet."), NULL);
		return;
	}
	docs_page_row(req, doc, today);
	sheet = docs_sheet_model(req, c, doc);
	pdf = docs_sheet_pdf_render(sheet, &err);
	json_decref(sheet);
	if (pdf == NULL) {
		json_decref(doc);
		docs_page_fail(req, res, err);
		return;
	}
	{
		const char *reg = json_string_value(json_object_get(doc, "reg_number"));
		g_autofree char *name =
		    g_strdup_printf("%s%s%s %s.pdf", reg ? reg : "", reg ? " " : "",
		                    json_string_value(json_object_get(doc, "title")),
		                    http_tr(req, N_("Processing sheet")));
		work_reply_pdf(res, "sheet.pdf", name, pdf);
	}
	json_decref(doc);
}
