/*
 * org_export.c — the organisation as an Excel workbook (libxlsxwriter): leaders, the 分工 in
 * force on a date, the whole history of assignments, domains, departments and units with their
 * contacts. The sheets of units and assignments use the column names the import reads, so an
 * exported sheet can be edited and imported again.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"
#include "org/org_web.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* One column of a sheet: the header and the key of the row object it shows. */
typedef struct {
	const char *title, *key;
	double width;
} Col;

/* Writes ROWS (objects) into a new sheet NAME with COLS; integers as numbers, strings as text,
 * arrays of strings joined with 、. FALSE when the workbook refuses. */
static gboolean sheet(lxw_workbook *wb, lxw_format *bold, const char *name, const Col *cols,
                      gsize n, json_t *rows)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	json_t *r;
	size_t i;

	if (ws == NULL)
		return FALSE;
	for (gsize j = 0; j < n; j++) {
		worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, cols[j].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)j, cols[j].title, bold);
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach (rows, i, r) {
		for (gsize j = 0; j < n; j++) {
			json_t *v = json_object_get(r, cols[j].key);
			lxw_row_t row = (lxw_row_t)i + 1;
			if (json_is_integer(v)) {
				worksheet_write_number(ws, row, (lxw_col_t)j,
				                       (double)json_integer_value(v), NULL);
			} else if (json_is_string(v) && *json_string_value(v)) {
				worksheet_write_string(ws, row, (lxw_col_t)j, json_string_value(v),
				                       NULL);
			} else if (json_is_array(v)) {
				GString *s = g_string_new(NULL);
				json_t *x;
				size_t k;
				json_array_foreach (v, k, x) {
					const char *t =
					    json_is_string(x)
					        ? json_string_value(x)
					        : json_string_value(json_object_get(x, "name"));
					if (t == NULL)
						t = json_string_value(
						    json_object_get(x, "domain_name"));
					if (t == NULL)
						continue;
					if (s->len)
						g_string_append(s, "、");
					g_string_append(s, t);
				}
				if (s->len)
					worksheet_write_string(ws, row, (lxw_col_t)j, s->str, NULL);
				g_string_free(s, TRUE);
			}
		}
	}
	if (json_array_size(rows) > 0)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(rows), (lxw_col_t)n - 1);
	return TRUE;
}

static const Col leader_cols[] = {
    {"排序", "rank", 6},
    {"姓名", "name", 10},
    {"职务", "title", 30},
    {"兼任", "posts", 24},
    {"分管领域", "assignments", 60},
    {"任职起始", "valid_from", 12},
    {"任职截止", "valid_to", 12},
};

/* The import's column keys are the headers of these two sheets (re-importable). */
static const Col assignment_cols[] = {
    {"leader", "leader_name", 10},    {"domain", "domain_code", 20},
    {"领域名称", "domain_name", 20},  {"role", "role", 8},
    {"valid_from", "valid_from", 12}, {"valid_to", "valid_to", 12},
    {"source", "source", 22},
};

static const Col domain_cols[] = {
    {"代码", "code", 22}, {"名称", "name", 20},        {"上级代码", "parent_code", 20},
    {"层级", "depth", 6}, {"说明", "description", 60}, {"启用", "active", 6},
};

static const Col department_cols[] = {
    {"代码", "code", 14},  {"名称", "name", 14},     {"职责", "duties", 80},
    {"电话", "phone", 16}, {"承办事项", "work", 30}, {"人员", "staff", 30},
};

static const Col unit_cols[] = {
    {"code", "code", 12},       {"name", "name", 30},          {"short_name", "short_name", 16},
    {"kind", "kind", 12},       {"domain", "domain_code", 20}, {"phone", "phone", 16},
    {"fax", "fax", 16},         {"email", "email", 28},        {"address", "address", 36},
    {"联络员", "liaisons", 24},
};

GBytes *org_export_xlsx(DbConn *c, const char *on, GError **err)
{
	OrgAssignmentFilter now = {.on = on}, all = {0};
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE,
	                            .tmpdir = (char *)g_get_tmp_dir()};
	json_t *leaders = NULL, *current = NULL, *history = NULL, *domains = NULL;
	json_t *departments = NULL, *units = NULL;
	lxw_workbook *wb = NULL;
	lxw_format *bold;
	GBytes *bytes = NULL;
	char *path = NULL, *data = NULL;
	gsize len;
	gboolean ok;
	int fd;

	if ((leaders = org_leaders(c, on, FALSE, err)) == NULL ||
	    (current = org_assignments(c, &now, err)) == NULL ||
	    (history = org_assignments(c, &all, err)) == NULL ||
	    (domains = org_domains(c, err)) == NULL ||
	    (departments = org_departments(c, err)) == NULL ||
	    (units = org_units(c, NULL, NULL, on, err)) == NULL)
		goto out;
	if ((fd = g_file_open_tmp("mishu-org-XXXXXX.xlsx", &path, NULL)) < 0) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_DB,
		                    N_("cannot create a temporary file for the export"));
		goto out;
	}
	close(fd);
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_DB, N_("cannot start the workbook"));
		goto out;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	ok = sheet(wb, bold, "领导班子", leader_cols, G_N_ELEMENTS(leader_cols), leaders) &&
	     sheet(wb, bold, "现行分工", assignment_cols, G_N_ELEMENTS(assignment_cols), current) &&
	     sheet(wb, bold, "分工沿革", assignment_cols, G_N_ELEMENTS(assignment_cols), history) &&
	     sheet(wb, bold, "分管领域", domain_cols, G_N_ELEMENTS(domain_cols), domains) &&
	     sheet(wb, bold, "内设机构", department_cols, G_N_ELEMENTS(department_cols),
	           departments) &&
	     sheet(wb, bold, "单位通讯录", unit_cols, G_N_ELEMENTS(unit_cols), units);
	if (workbook_close(wb) != LXW_NO_ERROR || !ok) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_DB, N_("cannot write the workbook"));
		goto out;
	}
	if (!g_file_get_contents(path, &data, &len, NULL)) {
		g_set_error_literal(err, ORG_ERROR, ORG_ERROR_DB,
		                    N_("cannot read the workbook back"));
		goto out;
	}
	bytes = g_bytes_new_take(data, len);
out:
	if (path) {
		g_unlink(path);
		g_free(path);
	}
	json_decref(leaders);
	json_decref(current);
	json_decref(history);
	json_decref(domains);
	json_decref(departments);
	json_decref(units);
	return bytes;
}
