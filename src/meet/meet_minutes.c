/*
 * meet_minutes.c — the 纪要: drafted from the meeting's outcomes (each item, what the meeting
 * decided and the vote that decided it), edited by the office after the meeting, approved by
 * the chair (numbered 〔YYYY〕第N期, gapless per meeting type and year), and printed as a GB/T
 * 9704 纪要 (§10.3: the 纪要标志, the 出席 / 请假 / 列席 lists, no 署名 and no seal), and issued
 * as an outgoing document of the documents module (numbered with its 期数, then printed,
 * distributed and signed for by the documents' rules).
 */
#define G_LOG_DOMAIN "mishu-meet"

#include "meet/meet_internal.h"
#include "core/core.h"
#include "docs/docs.h"
#include "docs/docs_pdf.h"
#include "org/org.h"

#include <stdlib.h>
#include <string.h>

#define MINUTES_MAX 20000

/* The sentence a closed item's RESULT puts in the minutes. */
static const char *decided(const char *result)
{
	if (g_strcmp0(result, "passed") == 0)
		return "会议同意该议题。";
	if (g_strcmp0(result, "failed") == 0)
		return "会议未通过该议题。";
	if (g_strcmp0(result, "deferred") == 0)
		return "会议决定该议题缓议，待进一步研究后再提交会议。";
	return "会议未作决定。";
}

char *meet_minutes_draft(json_t *m)
{
	GString *s = g_string_new(NULL);
	g_autofree char *day = g_strndup(json_string_value(json_object_get(m, "starts_at")), 10);
	json_t *a;
	size_t i, k = 0;
	GDate d;

	if (core_date_parse(day, &d))
		g_string_append_printf(s, "%d年%d月%d日，", g_date_get_year(&d),
		                       g_date_get_month(&d), g_date_get_day(&d));
	g_string_append_printf(s, "%s同志主持召开%s（%s）",
	                       json_string_value(json_object_get(m, "chair_name")),
	                       json_string_value(json_object_get(m, "type_name")),
	                       json_string_value(json_object_get(m, "title")));
	if (*json_string_value(json_object_get(m, "room")))
		g_string_append_printf(s, "，会议地点：%s",
		                       json_string_value(json_object_get(m, "room")));
	g_string_append(s, "。会议研究了以下事项：");
	json_array_foreach (json_object_get(m, "agenda"), i, a) {
		const char *result = json_string_value(json_object_get(a, "result"));
		const char *why = json_string_value(json_object_get(a, "explanation"));

		if (result == NULL)
			continue;
		{
			g_autofree char *head = NULL;

			k++;
			head = meet_cn_number((int)MIN(k, 100));
			g_string_append_printf(s, "\n%s、%s", head,
			                       json_string_value(json_object_get(a, "title")));
		}
		if (*json_string_value(json_object_get(a, "body")))
			g_string_append_printf(s, "\n%s",
			                       json_string_value(json_object_get(a, "body")));
		g_string_append_printf(s, "\n%s", decided(result));
		if (why && *why) {
			/* the explanation's arrow reads as a clause in a document */
			g_auto(GStrv) parts = g_strsplit(why, " → ", -1);
			g_autofree char *clause = g_strjoinv("，", parts);
			g_string_append_printf(s, "表决情况：%s。", clause);
		}
	}
	if (k == 0)
		g_string_append(s, "\n会议未形成决定事项。");
	return g_string_free(s, FALSE);
}

/* The names of M's members whose status is STATUS, joined with "、" (with the reason of each
 * leave in parentheses when REASONS). A new string, "" when none. */
static char *names_with(json_t *m, const char *status, gboolean reasons)
{
	GString *s = g_string_new(NULL);
	json_t *p;
	size_t i;

	json_array_foreach (json_object_get(m, "members"), i, p) {
		const char *reason = json_string_value(json_object_get(p, "reason"));

		if (g_strcmp0(json_string_value(json_object_get(p, "status")), status) != 0)
			continue;
		if (s->len)
			g_string_append(s, "、");
		g_string_append(s, json_string_value(json_object_get(p, "name")));
		if (reasons && reason && *reason)
			g_string_append_printf(s, "（%s）", reason);
	}
	return g_string_free(s, FALSE);
}

GPtrArray *meet_observer_names(json_t *m)
{
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	json_t *a;
	size_t i;

	json_array_foreach (json_object_get(m, "agenda"), i, a) {
		/* one per line or "、"-separated: make them all lines first (by string, not byte)
		 */
		g_auto(GStrv) parts =
		    g_strsplit(json_string_value(json_object_get(a, "observers")), "、", -1);
		g_autofree char *joined = g_strjoinv("\n", parts);
		g_auto(GStrv) lines = g_strsplit(joined, "\n", -1);

		for (char **l = lines; *l; l++) {
			char *name = g_strstrip(*l);
			if (*name == '\0' || g_hash_table_contains(seen, name))
				continue;
			g_ptr_array_add(out, g_strdup(name));
			g_hash_table_add(seen, out->pdata[out->len - 1]);
		}
	}
	return out;
}

/* The attendees without a vote (列席) of M's agenda items joined with "、". g_free. */
static char *observers(json_t *m)
{
	g_autoptr(GPtrArray) names = meet_observer_names(m);

	g_ptr_array_add(names, NULL);
	return g_strjoinv("、", (char **)names->pdata);
}

/* The minutes of meeting M (meet_get's object) as docs_pdf_render's model of a 纪要: the 纪要标志
 * of the type, the 期数 (a draft's placeholder before approval), the text, the attendance
 * lists. NULL with ERR. */
static json_t *minutes_model(DbConn *c, json_t *m, GError **err)
{
	g_autoptr(json_t) body = org_body(c, err);
	json_t *minutes = json_object_get(m, "minutes"), *doc;
	const char *no = json_string_value(json_object_get(minutes, "no"));
	g_autofree char *mark = NULL, *present = NULL, *leave = NULL, *obs = NULL, *printer = NULL;
	g_autofree char *date = g_strndup(json_string_value(json_object_get(m, "starts_at")), 10);
	g_autofree char *printed = NULL;
	gint64 at = json_integer_value(json_object_get(minutes, "approved_at"));
	json_error_t jerr;

	if (body == NULL)
		return NULL;
	mark =
	    g_strdup_printf("中共%s%s纪要", json_string_value(json_object_get(body, "short_name")),
	                    json_string_value(json_object_get(m, "type_name")));
	printer =
	    g_strdup_printf("中共%s办公室", json_string_value(json_object_get(body, "short_name")));
	printed = at ? core_time_format(at, "%Y-%m-%d") : core_today();
	present = names_with(m, "present", FALSE);
	leave = names_with(m, "leave", TRUE);
	obs = observers(m);
	doc = json_pack_ex(&jerr, 0,
	                   "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}, {s:s, s:s}, "
	                   "{s:s, s:s}]}",
	                   "kind", "minutes", "issuer_mark", mark, "number", no ? no : "（送审稿）",
	                   "title", json_string_value(json_object_get(m, "title")), "body",
	                   json_string_value(json_object_get(minutes, "text")), "date", date,
	                   "printer", printer, "print_date", printed, "attendance", "label", "出席",
	                   "names", present, "label", "请假", "names", leave, "label", "列席",
	                   "names", obs);
	if (doc == NULL) {
		g_warning("minutes of meeting %" JSON_INTEGER_FORMAT ": %s",
		          json_integer_value(json_object_get(m, "id")), jerr.text);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("The minutes cannot be printed as they stand."));
	}
	return doc;
}

GBytes *meet_minutes_pdf(DbConn *c, json_t *m, GError **err)
{
	g_autoptr(json_t) doc = minutes_model(c, m, err);
	GError *e = NULL;
	GBytes *pdf;

	if (doc == NULL)
		return NULL;
	if ((pdf = docs_pdf_render(doc, &e)) == NULL) {
		g_warning("minutes of meeting %" JSON_INTEGER_FORMAT ": %s",
		          json_integer_value(json_object_get(m, "id")), e->message);
		g_clear_error(&e);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_STATE,
		                    N_("The minutes cannot be printed as they stand."));
	}
	return pdf;
}

gboolean meet_minutes_document(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, gint64 *doc,
                               const char **field, GError **err)
{
	static const char *const passed[] = {"main_to", "cc_to", "secrecy", "urgency"};
	g_autoptr(json_t) m = meet_get(c, NULL, id, err), print = NULL, make = NULL;
	g_autofree char *title = NULL, *number = NULL, *day = NULL;
	json_t *minutes;
	const char *no;

	if (m == NULL)
		return FALSE;
	if (!auth_can(u, "work.all"))
		return meet_fail(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                 N_("The office issues the minutes."));
	minutes = json_object_get(m, "minutes");
	no = json_string_value(json_object_get(minutes, "no"));
	if (g_strcmp0(json_string_value(json_object_get(m, "status")), "minuted") != 0 ||
	    no == NULL)
		return meet_fail(err, field, WORK_ERROR_STATE, NULL,
		                 N_("The minutes are issued once the chair has approved them."));
	if (!json_is_array(json_object_get(obj, "main_to")) &&
	    json_array_size(json_object_get(obj, "cc_to")) == 0)
		return meet_fail(err, field, WORK_ERROR_INVALID, "cc_to",
		                 N_("Choose whom the minutes are sent to (分送)."));
	if ((print = minutes_model(c, m, err)) == NULL)
		return FALSE;
	/* the chair's approval stands for 签发; the 期数 of the type is the document's number */
	day = core_time_format(json_integer_value(json_object_get(minutes, "approved_at")),
	                       "%Y-%m-%d");
	number =
	    g_strdup_printf("%s纪要%s", json_string_value(json_object_get(m, "type_name")), no);
	json_object_set_new(print, "doc_number", json_string(number));
	json_object_set_new(print, "signed_on", json_string(day));
	json_object_set_new(print, "signer_id",
	                    json_integer(json_integer_value(json_object_get(m, "chair_id"))));
	json_object_set_new(print, "approval", json_string("纪要经会议主持人审定"));
	title = g_strdup_printf("%s纪要", json_string_value(json_object_get(m, "title")));
	make = json_pack("{s:s, s:s, s:s, s:O}", "doc_type", "纪要", "title", title, "body",
	                 json_string_value(json_object_get(minutes, "text")), "domain",
	                 json_object_get(m, "domain"));
	for (gsize i = 0; i < G_N_ELEMENTS(passed); i++)
		if (json_object_get(obj, passed[i]))
			json_object_set(make, passed[i], json_object_get(obj, passed[i]));
	/* the meeting's history says where its minutes went */
	return docs_make(c, u, make, id, print, doc, field, err) &&
	       work_step_event(WORK_ERRORS, c, id, u, "issue_minutes", NULL, NULL, number, NULL,
	                       err);
}

gboolean meet_minutes_set(DbConn *c, const AuthUser *u, gint64 id, json_t *obj, const char **field,
                          GError **err)
{
	const char *text = json_string_value(json_object_get(obj, "text"));
	g_autoptr(json_t) m = meet_row(c, id, err);

	if (m == NULL)
		return FALSE;
	if (!auth_can(u, "work.all"))
		return meet_fail(err, field, WORK_ERROR_FORBIDDEN, NULL,
		                 N_("The office drafts the minutes."));
	if (g_strcmp0(json_string_value(json_object_get(m, "status")), "adjourned") != 0)
		return meet_fail(
		    err, field, WORK_ERROR_STATE, NULL,
		    N_("The minutes are drafted after the meeting and before the chair "
		       "approves them."));
	if (text == NULL || g_utf8_strlen(text, -1) < 10 || g_utf8_strlen(text, -1) > MINUTES_MAX)
		return meet_fail(err, field, WORK_ERROR_INVALID, "text",
		                 N_("The minutes are 10 to 20000 characters."));
	return meet_exec(c, NULL, err, "UPDATE meeting SET minutes = ? WHERE item_id = ?", "si",
	                 text, id);
}

gboolean meet_minutes_approve(DbConn *c, gint64 id, GError **err)
{
	g_autoptr(json_t) m = meet_get(c, NULL, id, err);
	g_autofree char *no = NULL, *year = NULL, *series = NULL;
	json_t *minutes;
	GError *e = NULL;
	gint64 n = 0;

	if (m == NULL)
		return FALSE;
	minutes = json_object_get(m, "minutes");
	if (json_is_true(json_object_get(minutes, "drafted")) &&
	    !meet_exec(c, NULL, err, "UPDATE meeting SET minutes = ? WHERE item_id = ?", "si",
	               json_string_value(json_object_get(minutes, "text")), id))
		return FALSE;
	year = g_strndup(json_string_value(json_object_get(m, "starts_at")), 4);
	series = g_strdup_printf("minutes.%s", json_string_value(json_object_get(m, "type")));
	if (!db_counter_next(c, series, atoi(year), &n, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	no = g_strdup_printf("〔%s〕第%" G_GINT64_FORMAT "期", year, n);
	return meet_exec(c, NULL, err,
	                 "UPDATE meeting SET minutes_no = ?, minutes_approved_at = ? WHERE item_id "
	                 "= ?",
	                 "sii", no, core_now(), id);
}
