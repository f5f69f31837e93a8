/*
 * task_ledger.c — the supervision ledger (督查台账) as an Excel workbook: Chinese headers, one
 * row per task, dates as real dates, overdue rows shaded amber (逾期) or red (严重逾期).
 */
#define G_LOG_DOMAIN "mishu-tasks"

#include "tasks/tasks_internal.h"
#include "core/core.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static const struct {
	const char *title;
	double width;
} cols[] = {
    {"序号", 6},      {"督办编号", 16}, {"交办事项", 48},   {"来源", 10},
    {"承办单位", 24}, {"责任领导", 10}, {"交办日期", 12},   {"办理时限", 12},
    {"办理状态", 10}, {"逾期情况", 10}, {"逾期工作日", 10}, {"办结日期", 12},
};

static const char *const source_names[][2] = {
    {"instruction", "领导批示"}, {"meeting", "会议决定"},  {"key_work", "重点工作"},
    {"higher", "上级交办"},      {"petition", "信访事项"},
};

static const char *const status_names[][2] = {
    {"assigned", "已交办"}, {"accepted", "已签收"}, {"reported", "办理中"}, {"closing", "申请办结"},
    {"verified", "已核实"}, {"closed", "已销号"},   {"returned", "已退回"},
};

/* The Chinese name of CODE in TABLE (N rows), or CODE. */
static const char *name_of(const char *const (*table)[2], gsize n, const char *code)
{
	for (gsize i = 0; code && i < n; i++)
		if (strcmp(table[i][0], code) == 0)
			return table[i][1];
	return code ? code : "";
}

/* Writes DATE ('YYYY-MM-DD' or NULL) as an Excel date with format F. */
static void write_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *date, lxw_format *f)
{
	lxw_datetime dt = {0};
	GDate d;

	if (!core_date_parse(date, &d)) {
		worksheet_write_blank(ws, r, c, f);
		return;
	}
	dt.year = g_date_get_year(&d);
	dt.month = g_date_get_month(&d);
	dt.day = g_date_get_day(&d);
	worksheet_write_datetime(ws, r, c, &dt, f);
}

GBytes *tasks_ledger_xlsx(json_t *tasks, GError **err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE,
	                            .tmpdir = (char *)g_get_tmp_dir()};
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *plain[3], *date[3];
	static const uint32_t fills[3] = {0, 0xFFE699, 0xF4B6B6}; /* none, amber, red */
	g_autofree char *path = NULL;
	char *data = NULL;
	gsize len = 0;
	json_t *t;
	size_t i;
	int fd;

	if ((fd = g_file_open_tmp("mishu-ledger-XXXXXX.xlsx", &path, NULL)) < 0) {
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB,
		                    "cannot create a temporary file");
		return NULL;
	}
	close(fd);
	if ((wb = workbook_new_opt(path, &opt)) == NULL ||
	    (ws = workbook_add_worksheet(wb, "督查台账")) == NULL) {
		if (wb)
			workbook_close(wb);
		g_unlink(path);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB, "cannot start the workbook");
		return NULL;
	}
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDEBF7);
	format_set_border(head, LXW_BORDER_THIN);
	for (int k = 0; k < 3; k++) {
		plain[k] = workbook_add_format(wb);
		date[k] = workbook_add_format(wb);
		format_set_border(plain[k], LXW_BORDER_THIN);
		format_set_border(date[k], LXW_BORDER_THIN);
		format_set_text_wrap(plain[k]);
		format_set_num_format(date[k], "yyyy-mm-dd");
		if (fills[k]) {
			format_set_bg_color(plain[k], fills[k]);
			format_set_bg_color(date[k], fills[k]);
		}
	}
	for (gsize k = 0; k < G_N_ELEMENTS(cols); k++) {
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)k, cols[k].title, head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach (tasks, i, t) {
		const char *over = json_string_value(json_object_get(t, "overdue"));
		gboolean open =
		    g_strcmp0(json_string_value(json_object_get(t, "status")), "closed");
		int k = !open                         ? 0
		        : g_strcmp0(over, "red") == 0 ? 2
		                                      : g_strcmp0(over, "yellow") == 0;
		lxw_row_t r = (lxw_row_t)i + 1;
		const char *leader = json_string_value(json_object_get(t, "leader_name"));
		const char *no = json_string_value(json_object_get(t, "supervision_no"));

		worksheet_write_number(ws, r, 0, (double)(i + 1), plain[k]);
		worksheet_write_string(ws, r, 1, no ? no : "", plain[k]);
		worksheet_write_string(ws, r, 2, json_string_value(json_object_get(t, "content")),
		                       plain[k]);
		worksheet_write_string(ws, r, 3,
		                       name_of(source_names, G_N_ELEMENTS(source_names),
		                               json_string_value(json_object_get(t, "source"))),
		                       plain[k]);
		worksheet_write_string(
		    ws, r, 4, json_string_value(json_object_get(t, "lead_unit_name")), plain[k]);
		worksheet_write_string(ws, r, 5, leader ? leader : "", plain[k]);
		write_date(ws, r, 6, json_string_value(json_object_get(t, "assigned_on")), date[k]);
		write_date(ws, r, 7, json_string_value(json_object_get(t, "deadline")), date[k]);
		worksheet_write_string(ws, r, 8,
		                       name_of(status_names, G_N_ELEMENTS(status_names),
		                               json_string_value(json_object_get(t, "status"))),
		                       plain[k]);
		worksheet_write_string(ws, r, 9,
		                       k == 2   ? "严重逾期"
		                       : k == 1 ? "逾期"
		                                : "正常",
		                       plain[k]);
		worksheet_write_number(
		    ws, r, 10, (double)json_integer_value(json_object_get(t, "overdue_days")),
		    plain[k]);
		write_date(ws, r, 11, json_string_value(json_object_get(t, "closed_on")), date[k]);
	}
	if (json_array_size(tasks))
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(tasks),
		                     (lxw_col_t)G_N_ELEMENTS(cols) - 1);
	if (workbook_close(wb) != LXW_NO_ERROR || !g_file_get_contents(path, &data, &len, NULL)) {
		g_unlink(path);
		g_set_error_literal(err, WORK_ERROR, WORK_ERROR_DB, "cannot write the workbook");
		return NULL;
	}
	g_unlink(path);
	return g_bytes_new_take(data, len);
}
