/*
 * duty_xlsx.c — the roster as a workbook (值班表.xlsx): one row per day and shift, with the
 * leader in charge and the officers with their phones, as the duty office posts it.
 */
#define G_LOG_DOMAIN "mishu-duty"

#include "duty/duty_internal.h"
#include "core/xlsx.h"

/* The days of the week as the sheet names them, Monday first (GDateWeekday 1–7). */
static const char *const weekdays[] = {"", "一", "二", "三", "四", "五", "六", "日"};

static const CoreXlsxCol cols[] = {
    {"日期", "date", 12},       {"星期", "weekday", 6},       {"班次", "shift", 8},
    {"时间", "time", 14},       {"带班领导", "leader", 10},   {"领导电话", "leader_phone", 15},
    {"值班员", "officers", 30}, {"值班员电话", "phones", 30},
};

/* "孙磊、袁博" and "139…、139…" of the people PEOPLE into ROW's NAMES and PHONES. */
static void join_people(json_t *row, json_t *people, const char *names, const char *phones)
{
	g_autoptr(GString) n = g_string_new(NULL), p = g_string_new(NULL);
	json_t *x;
	size_t i;

	json_array_foreach (people, i, x) {
		if (i) {
			g_string_append(n, "、");
			g_string_append(p, "、");
		}
		g_string_append(n, json_string_value(json_object_get(x, "name")));
		g_string_append(p, json_string_value(json_object_get(x, "phone")));
	}
	json_object_set_new(row, names, json_string(n->str));
	json_object_set_new(row, phones, json_string(p->str));
}

GBytes *duty_roster_xlsx(json_t *roster, GError **err)
{
	g_autoptr(json_t) rows = json_array();
	json_t *day, *s;
	size_t i, k;

	json_array_foreach (json_object_get(roster, "days"), i, day) {
		json_int_t wd = json_integer_value(json_object_get(day, "weekday"));

		json_array_foreach (json_object_get(day, "shifts"), k, s) {
			json_t *leader = json_object_get(s, "leader");
			json_t *row =
			    json_pack("{s:O, s:s, s:O, s:s++, s:s, s:s}", "date",
			              json_object_get(day, "date"), "weekday",
			              weekdays[wd >= 1 && wd <= 7 ? wd : 0], "shift",
			              json_object_get(s, "name"), "time",
			              json_string_value(json_object_get(s, "from")), "–",
			              json_string_value(json_object_get(s, "to")), "leader",
			              json_is_object(leader)
			                  ? json_string_value(json_object_get(leader, "name"))
			                  : "",
			              "leader_phone",
			              json_is_object(leader)
			                  ? json_string_value(json_object_get(leader, "phone"))
			                  : "");
			join_people(row, json_object_get(s, "officers"), "officers", "phones");
			json_array_append_new(rows, row);
		}
	}
	const CoreXlsxSheet sheet = {"值班表", cols, G_N_ELEMENTS(cols), rows};
	return core_xlsx_write(&sheet, 1, err);
}
