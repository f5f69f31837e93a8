/*
 * generate.c — fills a demo database with N realistic official documents (收文 and 发文, with
 * Chinese titles and bodies built from the office's vocabulary), indexed for full-text search and
 * visible to the office and to one unit each, for the benchmarks of lists and search at a million
 * items (bench/million.sh). Deterministic for a given --seed.
 *
 *   build/mishu-generate --db URL --items N [--seed S] [--batch B]
 *
 * The database must hold the demo city (`mishu init --demo`). Rows go in through the db layer in
 * transactions of B items (default 5000), each item with its document row, two visibility rows
 * and its search tokens, as the product writes them.
 */
#include "db/db.h"
#include "work/work.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const verbs[] = {"做好", "加强", "推进", "落实", "深化",
                                    "规范", "改进", "健全", "统筹", "完善"};
static const char *const topics[] = {
    "信访工作",     "安全生产",     "预算执行",     "乡村振兴",     "营商环境",     "生态环境保护",
    "防汛抗旱",     "基层党建",     "意识形态工作", "统一战线工作", "干部教育培训", "机关作风建设",
    "粮食安全",     "文化旅游融合", "教育数字化",   "医疗卫生服务", "城市更新",     "交通运输保障",
    "国资国企改革", "民族宗教工作", "保密工作",     "应急管理",     "市场监管",     "人才引进",
};
static const char *const tails[] = {"工作", "管理", "建设", "机制", "体系"};
static const char *const kinds[] = {"通知", "意见", "报告", "请示", "函", "通报", "批复"};
static const char *const senders[] = {"省委办公厅", "省政府办公厅", "省发展改革委", "省财政厅",
                                      "省委组织部", "省委宣传部",   "市政府办公室", "江东区委"};
static const char *const sentences[] = {
    "各地各部门要提高政治站位，切实把思想和行动统一到决策部署上来。",
    "要坚持问题导向，聚焦突出矛盾和薄弱环节，拿出务实管用的举措。",
    "要压实主体责任，明确时间表、路线图和责任人，确保按期完成。",
    "要加强统筹协调，形成上下联动、部门协同的工作格局。",
    "要强化督促检查，对工作不力、推诿扯皮的严肃问责。",
    "各单位于每月底前将工作进展情况报送市委办公室。",
    "要注重总结经验，及时发现和推广基层创造的好做法。",
    "要加强宣传引导，营造全社会共同参与的良好氛围。",
};

#define PICK(a) a[g_rand_int_range(r, 0, (gint32)G_N_ELEMENTS(a))]

/* Inserts item I (1-based) with its document, visibility and search tokens. */
static gboolean one(DbConn *c, GRand *r, gint64 i, const gint64 *units, int n_units, gint64 staff,
                    gint64 now, GError **err)
{
	gboolean incoming = g_rand_boolean(r);
	const char *status = incoming ? (g_rand_int_range(r, 0, 4) ? "archived" : "circulating")
	                              : (g_rand_int_range(r, 0, 4) ? "archived" : "draft");
	g_autofree char *title =
	    g_strdup_printf("关于%s%s%s的%s", PICK(verbs), PICK(topics), PICK(tails), PICK(kinds));
	g_autoptr(GString) body = g_string_new("");
	gint64 item = 0, unit = units[g_rand_int_range(r, 0, n_units)];

	for (int k = g_rand_int_range(r, 3, 8); k > 0; k--)
		g_string_append(body, PICK(sentences));
	if (!db_run(
	        c, &item, err,
	        "INSERT INTO item (kind, title, unit_id, created_by, status, secrecy, created_at, "
	        "updated_at) VALUES (?, ?, ?, ?, ?, 'internal', ?, ?) RETURNING id",
	        "ssiisii", incoming ? "incoming" : "outgoing", title, unit, staff, status,
	        now - (gint64)(i % 86400), now) ||
	    !db_run(
	        c, NULL, err,
	        "INSERT INTO document (item_id, direction, doc_type, body, sender, received_on) "
	        "VALUES (?, ?, '通知', ?, ?, '2026-06-01')",
	        "isss", item, incoming ? "incoming" : "outgoing", body->str,
	        incoming ? PICK(senders) : NULL) ||
	    !work_item_grant(c, item, staff, 0, "created", err) ||
	    !work_item_grant(c, item, 0, unit, "distributed", err))
		return FALSE;
	return work_search_index(c, item, title, body->str, err);
}

int main(int argc, char **argv)
{
	char *url = NULL;
	gint64 items = 0, seed = 2026, batch = 5000;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"items", 0, 0, G_OPTION_ARG_INT64, &items, "documents to add", "N"},
	    {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "random seed (2026)", "S"},
	    {"batch", 0, 0, G_OPTION_ARG_INT64, &batch, "items per transaction (5000)", "B"},
	    {NULL},
	};
	g_autoptr(GOptionContext) ctx = g_option_context_new("");
	g_autoptr(GError) err = NULL;
	g_autoptr(GRand) r = NULL;
	g_autoptr(Db) db = NULL;
	json_t *rows;
	gint64 units[64], staff = 0, start = g_get_monotonic_time();
	int n_units = 0;
	DbConn *c;

	g_option_context_add_main_entries(ctx, options, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err) || url == NULL || items < 1 ||
	    batch < 1) {
		fprintf(stderr,
		        "usage: mishu-generate --db URL --items N [--seed S] [--batch B]%s%s\n",
		        err ? ": " : "", err ? err->message : "");
		return 2;
	}
	if ((db = db_open(url, &err)) == NULL || (c = db_conn(db, &err)) == NULL) {
		fprintf(stderr, "mishu-generate: %s\n", err->message);
		return 1;
	}
	rows = db_rows(c, &err, "SELECT id FROM unit ORDER BY id LIMIT 64", NULL);
	if (rows == NULL || json_array_size(rows) == 0 ||
	    !db_run(c, &staff, &err, "SELECT id FROM user_account WHERE username = 'mishuke'",
	            NULL) ||
	    staff == 0) {
		fprintf(stderr, "mishu-generate: %s\n",
		        err ? err->message : "the database holds no demo city (mishu init --demo)");
		json_decref(rows);
		return 1;
	}
	for (size_t i = 0; i < json_array_size(rows); i++)
		units[n_units++] =
		    json_integer_value(json_object_get(json_array_get(rows, i), "id"));
	json_decref(rows);
	r = g_rand_new_with_seed((guint32)seed);
	for (gint64 done = 0; done < items;) {
		gint64 now = g_get_real_time() / G_USEC_PER_SEC;
		if (!db_begin(c, TRUE, &err))
			break;
		for (gint64 k = 0; k < batch && done < items; k++, done++)
			if (!one(c, r, done + 1, units, n_units, staff, now, &err))
				break;
		if (err != NULL) {
			db_rollback(c);
			break;
		}
		if (!db_commit(c, &err))
			break;
		if (done % (batch * 20) == 0 || done == items)
			fprintf(stderr, "mishu-generate: %" G_GINT64_FORMAT " items (%.0f/s)\n",
			        done,
			        (double)done * 1e6 / (double)(g_get_monotonic_time() - start));
	}
	if (err != NULL) {
		fprintf(stderr, "mishu-generate: %s\n", err->message);
		return 1;
	}
	return 0;
}
