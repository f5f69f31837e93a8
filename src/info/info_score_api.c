/*
 * info_score_api.c — the API of the scoring of reports (采用计分): the rules, the uses of a
 * report by higher offices and its 失实 flag, the scores per unit and their workbook. Writes are
 * audited transactions (info_ops.c).
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_web.h"
#include "info/info_internal.h"
#include "app.h"
#include "core/core.h"
#include "work/work_web.h"

#include <string.h>

void info_api_score_rules(HttpRequest *req, HttpResponse *res)
{
	GError *err = NULL;
	DbConn *c = work_conn(req, res);
	json_t *rules;

	if (c == NULL)
		return;
	if ((rules = info_score_rules(c, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, rules);
}

void info_api_score_rules_put(HttpRequest *req, HttpResponse *res)
{
	InfoOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	gint64 id;

	if (!info_op_on(req, "info.score_rules", "score_rules", info_op_score_rules, &o, &id,
	                &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	info_api_score_rules(req, res);
}

/* A step on report {id} (visible to office staff, who alone may take it) by FN as ACTION. */
static void report_op(HttpRequest *req, HttpResponse *res, const char *action, InfoOpFn fn)
{
	InfoOp o = {.body = http_json(req)};
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c;
	json_t *one;
	gint64 id;

	if (!auth_path_id(req, res, &o.id))
		return;
	if (!info_op(req, action, fn, &o, &id, &field, &err)) {
		work_fail(req, res, err, field);
		return;
	}
	if ((c = work_conn(req, res)) == NULL)
		return;
	if ((one = info_report_get(c, auth_current(req), o.id, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	http_reply_json(res, 200, one);
}

void info_api_report_use(HttpRequest *req, HttpResponse *res)
{
	report_op(req, res, "info.report.use", info_op_report_use);
}

void info_api_report_accuracy(HttpRequest *req, HttpResponse *res)
{
	report_op(req, res, "info.report.accuracy", info_op_report_accuracy);
}

gboolean info_score_period(const char *year, const char *month, int *y, int *m, const char **field)
{
	g_autofree char *today = core_today();
	gint64 v;

	*y = (int)g_ascii_strtoll(today, NULL, 10);
	*m = 0;
	if (year && *year) {
		v = core_parse_id(year);
		if (v < 2000 || v > 2200) {
			*field = "year";
			return FALSE;
		}
		*y = (int)v;
	}
	if (month && *month) {
		v = core_parse_id(month);
		if (v < 1 || v > 12) {
			*field = "month";
			return FALSE;
		}
		*m = (int)v;
	}
	return TRUE;
}

/* The scores of ?year=&month=, or NULL after answering. */
static json_t *scores(HttpRequest *req, HttpResponse *res)
{
	const char *field = NULL;
	GError *err = NULL;
	DbConn *c;
	json_t *out;
	int y, m;

	if (!info_score_period(http_query(req, "year"), http_query(req, "month"), &y, &m, &field)) {
		http_reply_error(res, 422, "invalid",
		                 strcmp(field, "year") == 0
		                     ? N_("The year is a number from 2000 to 2200.")
		                     : N_("The month is a number from 1 to 12."),
		                 field);
		return NULL;
	}
	if ((c = work_conn(req, res)) == NULL)
		return NULL;
	if ((out = info_scores(c, y, m, &err)) == NULL)
		work_fail(req, res, err, NULL);
	return out;
}

void info_api_scores(HttpRequest *req, HttpResponse *res)
{
	json_t *out = scores(req, res);

	if (out)
		http_reply_json(res, 200, out);
}

void info_api_scores_xlsx(HttpRequest *req, HttpResponse *res)
{
	g_autoptr(json_t) out = scores(req, res);
	g_autofree char *disposition = NULL;
	GError *err = NULL;
	GBytes *x;

	if (out == NULL)
		return;
	if ((x = info_scores_xlsx(out, &err)) == NULL) {
		work_fail(req, res, err, NULL);
		return;
	}
	disposition = json_is_integer(json_object_get(out, "month"))
	                  ? g_strdup_printf("attachment; filename=\"scores-%d-%02d.xlsx\"",
	                                    (int)json_integer_value(json_object_get(out, "year")),
	                                    (int)json_integer_value(json_object_get(out, "month")))
	                  : g_strdup_printf("attachment; filename=\"scores-%d.xlsx\"",
	                                    (int)json_integer_value(json_object_get(out, "year")));
	http_add_header(res, "Content-Disposition", disposition);
	http_reply_bytes(res, 200,
	                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", x);
}
