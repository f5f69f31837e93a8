/*
 * info_demo.c — the demo city's information work for `mishu init --demo`, from
 * data/demo/info.json: its bulletins (with the organisation), and six months of reports from
 * the units published in 《江城信息》 every two weeks and 《每日要情》 every month, read by the
 * 常委 (the latest issues not yet by all), an issue of the domain bulletin being composed, and
 * reports in every other state — in the queue (urgent ones first), edited, rejected, merged,
 * a draft and a withdrawn one. Every step goes through the same operations as the API
 * (info_ops.c) with its audit entry, the clock set to its moment.
 */
#define G_LOG_DOMAIN "mishu-info"

#include "info/info_internal.h"
#include "info/info_web.h"
#include "core/core.h"
#include "org/org.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

extern GResource *mishu_get_resource(void);

#define EDITOR "xinxike"
#define DAY    86400

typedef struct {
	DbConn *c;
	GHashTable *users; /* username → AuthUser* */
	json_t *reports;   /* the file's reports */
	json_t *file;      /* the whole file: activities, uses, 失实 */
	GArray *ids;       /* gint64: the item made of each report, in the file's order */
	GDate today;
	gint64 now; /* the real time of init: nothing is dated after it */
} Demo;

/* data/demo/info.json, parsed; NULL with ERR. */
static json_t *demo_file(GError **err)
{
	g_autoptr(GBytes) b = g_resource_lookup_data(
	    mishu_get_resource(), "/mishu/data/demo/info.json", G_RESOURCE_LOOKUP_FLAGS_NONE, err);
	json_t *file;

	if (b == NULL)
		return NULL;
	if ((file = json_loadb(g_bytes_get_data(b, NULL), g_bytes_get_size(b), 0, NULL)) == NULL)
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB, "info.json is not JSON");
	return file;
}

/* Runs the whole of FN(C) in one write transaction of DB. */
static gboolean in_transaction(Db *db, gboolean (*fn)(DbConn *c, void *ctx, GError **err),
                               void *ctx, GError **err)
{
	GError *e = NULL;
	DbConn *c = db_conn(db, &e);

	if (c == NULL || !db_begin(c, TRUE, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		return FALSE;
	}
	if (!fn(c, ctx, err)) {
		db_rollback(c);
		return FALSE;
	}
	if (!db_commit(c, &e)) {
		work_db_error(err, e, WORK_ERROR, WORK_ERROR_DB, -1);
		db_rollback(c);
		return FALSE;
	}
	return TRUE;
}

static gboolean load_bulletins(DbConn *c, void *ctx, GError **err)
{
	json_t *file = ctx, *b;
	const char *field = NULL;
	g_autoptr(json_t) have = info_rows(c, err, "SELECT count(*) AS n FROM bulletin", NULL);
	size_t i;

	if (have == NULL)
		return FALSE;
	if (json_integer_value(json_object_get(json_array_get(have, 0), "n")) > 0)
		return TRUE;
	json_array_foreach (json_object_get(file, "bulletins"), i, b)
		if (!info_bulletin_save(c, json_string_value(json_object_get(b, "code")), b, &field,
		                        err)) {
			g_prefix_error(err, "bulletin %zu (%s): ", i, field ? field : "-");
			return FALSE;
		}
	return TRUE;
}

gboolean info_demo_bulletins(Db *db, GError **err)
{
	g_autoptr(json_t) file = demo_file(err);

	return file && in_transaction(db, load_bulletins, file, err);
}

/* ---- the reports and issues --------------------------------------------------------------- */

/* The account USERNAME (cached), or NULL with ERR. */
static AuthUser *user(Demo *d, const char *username, GError **err)
{
	AuthUser *u = g_hash_table_lookup(d->users, username);

	if (u == NULL && (u = auth_user_load_by_name(d->c, username, err)) != NULL)
		g_hash_table_insert(d->users, g_strdup(username), u);
	return u;
}

/* Runs FN as the audited ACTION by WHO at AT with BODY (borrowed) on item ID (step STEP). */
static gboolean run(Demo *d, gint64 at, const char *who, const char *action, InfoOpFn fn,
                    json_t *body, gint64 id, const char *step, gint64 *out, GError **err)
{
	InfoOp o = {.body = body, .id = id, .action = step};
	/* a leader's activity is no item: its audit entry names its id */
	gboolean item = !g_str_has_prefix(action, "info.activity");
	WorkOp op = {action, item ? "item" : "leader_activity", item, fn};
	const char *field = NULL;
	gint64 ignored = 0;

	core_clock_set(at);
	if ((o.u = user(d, who, err)) == NULL)
		return FALSE;
	if (work_op_in(WORK_ERRORS, d->c, o.u, "-", &op, &o, out ? out : &ignored, body, &field,
	               err))
		return TRUE;
	g_prefix_error(err, "%s %s (%s): ", action, step ? step : "", field ? field : "-");
	return FALSE;
}

/* Step CODE of item ID (a "report" or an "issue": KIND) by WHO at AT with BODY (taken; may be
 * NULL). */
static gboolean step(Demo *d, gint64 at, const char *who, const char *kind, gint64 id,
                     const char *code, json_t *body, GError **err)
{
	g_autoptr(json_t) b = body ? body : json_object();
	g_autofree char *action = g_strdup_printf("info.%s.%s", kind, code);

	return run(d, at, who, action, info_op_step, b, id, code, NULL, err);
}

/* 09:00 on the working day DAYS_AGO calendar days before today (moved back off a weekend). */
static gint64 morning(Demo *d, int days_ago)
{
	GDate day = d->today;

	g_date_subtract_days(&day, (guint)days_ago);
	while (g_date_get_weekday(&day) >= G_DATE_SATURDAY)
		g_date_subtract_days(&day, 1);
	return core_date_unix(&day) + 9 * 3600;
}

/* Makes report K of the file by its unit's liaison at AT and submits it a few minutes on. */
static gboolean make_report(Demo *d, guint k, gint64 at, gboolean submit, GError **err)
{
	json_t *r = json_array_get(d->reports, k);
	g_autoptr(json_t) body =
	    json_pack("{s:O, s:O, s:O, s:O}", "title", json_object_get(r, "title"), "body",
	              json_object_get(r, "body"), "domain", json_object_get(r, "domain"), "urgency",
	              json_object_get(r, "urgency"));
	const char *who = json_string_value(json_object_get(r, "who"));
	gint64 id = 0;

	if (!run(d, at, who, "info.report", info_op_report, body, 0, NULL, &id, err))
		return FALSE;
	g_array_index(d->ids, gint64, k) = id;
	return !submit || step(d, at + 600, who, "report", id, "submit", NULL, err);
}

#define REPORT(k) g_array_index(d->ids, gint64, (k))

/* An issue of BULLETIN made of the reports FIRST … FIRST+N-1 of the file: made and submitted
 * two days before AT, adopted the day before, composed and (when PUBLISH) published at AT,
 * then read by the 常委 — by all but the last UNREAD of them. */
static gboolean issue(Demo *d, const char *bulletin, guint first, guint n, gint64 at,
                      gboolean publish, int unread, GError **err)
{
	g_autoptr(json_t) body = json_pack("{s:s, s:[]}", "bulletin", bulletin, "reports");
	g_autoptr(json_t) readers = NULL;
	gint64 id = 0;
	json_t *r;
	size_t i;

	for (guint k = first; k < first + n; k++) {
		if (!make_report(d, k, at - 2 * DAY + (gint64)(k - first) * 900, TRUE, err) ||
		    !step(d, at - DAY + (gint64)(k - first) * 600, EDITOR, "report", REPORT(k),
		          "adopt", NULL, err))
			return FALSE;
		json_array_append_new(json_object_get(body, "reports"), json_integer(REPORT(k)));
	}
	if (!run(d, at - 3600, EDITOR, "info.issue", info_op_issue, body, 0, NULL, &id, err))
		return FALSE;
	if (!publish)
		return TRUE;
	if (!step(d, at, EDITOR, "issue", id, "publish", NULL, err) ||
	    (readers =
	         info_rows(d->c, err,
	                   "SELECT u.username FROM issue_read r JOIN user_account u ON u.id = "
	                   "r.user_id LEFT JOIN leader l ON l.user_id = u.id WHERE "
	                   "r.issue_id = ? ORDER BY l.rank",
	                   "i", id)) == NULL)
		return FALSE;
	json_array_foreach (readers, i, r) {
		g_autoptr(json_t) out = json_object();
		gint64 read_at = at + 1800 + (gint64)i * 2400 + (gint64)(i % 3) * 86400;
		if ((int)i >= (int)json_array_size(readers) - unread || read_at >= d->now)
			break;
		if (!run(d, read_at, json_string_value(json_object_get(r, "username")),
		         "info.issue.read", info_op_read, out, id, NULL, NULL, err))
			return FALSE;
	}
	return TRUE;
}

/* The rest of the file's reports, one in each state the queue and the editor see. */
static gboolean open_reports(Demo *d, guint k, GError **err)
{
	gint64 at = morning(d, 1), early = morning(d, 7), earlier = morning(d, 10);

	/* adopted, waiting for an issue (each step after the one before it, whatever the
	 * weekday) */
	if (!make_report(d, k, early, TRUE, err) ||
	    !step(d, early + DAY, EDITOR, "report", REPORT(k), "adopt", NULL, err) ||
	    !make_report(d, k + 1, early + 3600, TRUE, err) ||
	    !step(d, early + DAY + 3600, EDITOR, "report", REPORT(k + 1), "adopt", NULL, err))
		return FALSE;
	/* the queue: submitted, among them the urgent ones, one already edited */
	for (guint j = k + 2; j < k + 6; j++)
		if (!make_report(d, j, at + (gint64)(j - k) * 1200, TRUE, err))
			return FALSE;
	if (!step(d, at + 3 * 3600, EDITOR, "report", REPORT(k + 5), "edit",
	          json_pack("{s:s, s:s}", "title",
	                    "全市完成燃气管道老化更新改造286公里 惠及居民4.2万户", "opinion",
	                    "标题突出数据"),
	          err))
		return FALSE;
	/* rejected with a reason; merged into one in the queue */
	if (!make_report(d, k + 6, earlier, TRUE, err) ||
	    !step(d, earlier + DAY, EDITOR, "report", REPORT(k + 6), "reject",
	          json_pack(
	              "{s:s}", "opinion",
	              "内容与已刊发的江东区基层治理信息重复，且数据未经统计部门核实，暂不采用。"),
	          err) ||
	    !make_report(d, k + 7, at + 4000, TRUE, err) ||
	    !step(d, at + 5 * 3600, EDITOR, "report", REPORT(k + 7), "merge",
	          json_pack("{s:I, s:s}", "into", (json_int_t)REPORT(k + 2), "opinion",
	                    "同一事项，并入市公安局报送的综合稿"),
	          err))
		return FALSE;
	/* a draft, and one withdrawn by its unit */
	return make_report(d, k + 8, at + 7200, FALSE, err) &&
	       make_report(d, k + 9, morning(d, 12), TRUE, err) &&
	       step(d, morning(d, 12) + 3600,
	            json_string_value(json_object_get(json_array_get(d->reports, k + 9), "who")),
	            "report", REPORT(k + 9), "withdraw",
	            json_pack("{s:s}", "opinion", "数据需进一步核实"), err);
}

/* The leaders' activities of the last 26 weeks since each took office: each 常委 one a week,
 * on a working day of it by rank, the topics of the file's "activities" in turn — but the
 * file's "quiet_this_week" none this week, so the coverage check has someone to name. */
static gboolean activities(Demo *d, GError **err)
{
	json_t *all = json_object_get(d->file, "activities");
	const char *quiet = json_string_value(json_object_get(d->file, "quiet_this_week"));
	GDate monday = d->today;
	const char *who;
	json_t *list;
	int rank = 0;

	g_date_subtract_days(&monday, g_date_get_weekday(&monday) - G_DATE_MONDAY);
	json_object_foreach (all, who, list) {
		g_autoptr(json_t) since = info_rows(d->c, err,
		                                    "SELECT l.valid_from FROM leader l JOIN "
		                                    "user_account u ON u.id = l.user_id WHERE "
		                                    "u.username = ?",
		                                    "s", who);
		const char *from =
		    json_string_value(json_object_get(json_array_get(since, 0), "valid_from"));

		if (since == NULL)
			return FALSE;
		rank++;
		for (int w = 25; w >= (g_strcmp0(who, quiet) == 0 ? 1 : 0); w--) {
			json_t *a = json_array_get(list, (size_t)w % json_array_size(list));
			g_autoptr(json_t) body = NULL;
			g_autofree char *date = NULL;
			GDate day = monday;
			gint64 at;

			g_date_subtract_days(&day, (guint)w * 7);
			g_date_add_days(&day, (guint)(rank % 5));
			if (g_date_compare(&day, &d->today) > 0)
				day = d->today;
			date = core_date_format(&day);
			if (from == NULL || strcmp(date, from) < 0)
				continue;
			/* recorded that evening, or now when that is still to come */
			at = MIN(core_date_unix(&day) + 18 * 3600, d->now - 60 * (13 - rank));
			body = json_pack("{s:s, s:s, s:O, s:O, s:O}", "leader", who, "date", date,
			                 "topic", json_object_get(a, "topic"), "place",
			                 json_object_get(a, "place"), "domain",
			                 json_object_get(a, "domain"));
			if (!run(d, at, EDITOR, "info.activity", info_op_activity, body, 0, NULL,
			         NULL, err))
				return FALSE;
		}
	}
	return TRUE;
}

/* Higher offices' uses of published reports and a report found untrue (the file's "uses" and
 * "inaccurate"), each on its day, so the scores have something to rank. */
static gboolean scoring(Demo *d, GError **err)
{
	json_t *u;
	size_t i;

	json_array_foreach (json_object_get(d->file, "uses"), i, u) {
		g_autoptr(json_t) body =
		    json_pack("{s:O, s:O}", "level", json_object_get(u, "level"), "note",
		              json_object_get(u, "note"));
		if (!run(d,
		         morning(d, (int)json_integer_value(json_object_get(u, "days_ago"))) + 7200,
		         EDITOR, "info.report.use", info_op_report_use, body,
		         REPORT(json_integer_value(json_object_get(u, "report"))), NULL, NULL, err))
			return FALSE;
	}
	json_array_foreach (json_object_get(d->file, "inaccurate"), i, u) {
		g_autoptr(json_t) body =
		    json_pack("{s:b, s:O}", "inaccurate", 1, "note", json_object_get(u, "note"));
		if (!run(d,
		         morning(d, (int)json_integer_value(json_object_get(u, "days_ago"))) + 7200,
		         EDITOR, "info.report.accuracy", info_op_report_accuracy, body,
		         REPORT(json_integer_value(json_object_get(u, "report"))), NULL, NULL, err))
			return FALSE;
	}
	return TRUE;
}

static gboolean load_work(DbConn *c, void *ctx, GError **err)
{
	Demo *d = ctx;
	g_autoptr(json_t) have = info_rows(c, err, "SELECT count(*) AS n FROM report", NULL);
	guint k = 0;

	d->c = c;
	if (have == NULL)
		return FALSE;
	if (json_integer_value(json_object_get(json_array_get(have, 0), "n")) > 0)
		return TRUE;
	/* 《江城信息》 every two weeks for half a year, two reports each; the last two not yet
	 * read by everyone */
	for (int n = 12; n >= 1; n--, k += 2)
		if (!issue(d, "jcxx", k, 2, morning(d, n * 14 - 12) + 3600, TRUE,
		           n == 1   ? 4
		           : n == 2 ? 3
		                    : 0,
		           err))
			return FALSE;
	/* 《每日要情》 monthly, one report each */
	for (int n = 6; n >= 1; n--, k++)
		if (!issue(d, "mryq", k, 1, morning(d, n * 30 - 20) + 5400, TRUE, n == 1 ? 2 : 0,
		           err))
			return FALSE;
	/* the domain bulletin's next issue, being composed */
	if (!issue(d, "jjzb", k, 2, morning(d, 2) + 3600, FALSE, 0, err))
		return FALSE;
	k += 2;
	return open_reports(d, k, err) && scoring(d, err) && activities(d, err);
}

gboolean info_demo_load(Db *db, int *made, GError **err)
{
	g_autoptr(json_t) file = demo_file(err);
	g_autofree char *today = NULL;
	Demo d = {0};
	gboolean ok;

	*made = 0;
	if (file == NULL)
		return FALSE;
	d.reports = json_object_get(file, "reports");
	d.file = file;
	if (json_array_size(d.reports) < 42) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB,
		                    "info.json has too few reports");
		return FALSE;
	}
	core_clock_set(0);
	d.now = core_now();
	today = core_today();
	core_date_parse(today, &d.today);
	d.users =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)auth_user_free);
	d.ids = g_array_sized_new(FALSE, TRUE, sizeof(gint64), json_array_size(d.reports));
	g_array_set_size(d.ids, json_array_size(d.reports));
	ok = in_transaction(db, load_work, &d, err);
	core_clock_set(0);
	for (guint k = 0; ok && k < d.ids->len; k++)
		*made += g_array_index(d.ids, gint64, k) != 0;
	g_array_unref(d.ids);
	g_hash_table_unref(d.users);
	return ok;
}
