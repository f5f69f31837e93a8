/*
 * org_export.c — the organisation as an Excel workbook (libxlsxwriter): leaders, the 分工 in
 * force on a date, the whole history of assignments, domains, departments and units with their
 * contacts. The sheets of units and assignments use the column names the import reads, so an
 * exported sheet can be edited and imported again.
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_internal.h"
#include "core/core.h"
#include "core/xlsx.h"
#include "org/org_web.h"

#include <string.h>

static const CoreXlsxCol leader_cols[] = {
    {"排序", "rank", 6},
    {"姓名", "name", 10},
    {"职务", "title", 30},
    {"兼任", "posts", 24},
    {"分管领域", "assignments", 60},
    {"任职起始", "valid_from", 12},
    {"任职截止", "valid_to", 12},
};

/* The import's column keys are the headers of these two sheets (re-importable). */
static const CoreXlsxCol assignment_cols[] = {
    {"leader", "leader_name", 10},    {"domain", "domain_code", 20},
    {"领域名称", "domain_name", 20},  {"role", "role", 8},
    {"valid_from", "valid_from", 12}, {"valid_to", "valid_to", 12},
    {"source", "source", 22},
};

static const CoreXlsxCol domain_cols[] = {
    {"代码", "code", 22}, {"名称", "name", 20},        {"上级代码", "parent_code", 20},
    {"层级", "depth", 6}, {"说明", "description", 60}, {"启用", "active", 6},
};

static const CoreXlsxCol department_cols[] = {
    {"代码", "code", 14},  {"名称", "name", 14},     {"职责", "duties", 80},
    {"电话", "phone", 16}, {"承办事项", "work", 30}, {"人员", "staff", 30},
};

static const CoreXlsxCol unit_cols[] = {
    {"code", "code", 12},       {"name", "name", 30},          {"short_name", "short_name", 16},
    {"kind", "kind", 12},       {"domain", "domain_code", 20}, {"phone", "phone", 16},
    {"fax", "fax", 16},         {"email", "email", 28},        {"address", "address", 36},
    {"联络员", "liaisons", 24},
};

GBytes *org_export_xlsx(DbConn *c, const char *on, GError **err)
{
	OrgAssignmentFilter now = {.on = on}, all = {0};
	json_t *leaders = NULL, *current = NULL, *history = NULL, *domains = NULL;
	json_t *departments = NULL, *units = NULL;
	GBytes *bytes = NULL;

	if ((leaders = org_leaders(c, on, FALSE, err)) != NULL &&
	    (current = org_assignments(c, &now, err)) != NULL &&
	    (history = org_assignments(c, &all, err)) != NULL &&
	    (domains = org_domains(c, err)) != NULL &&
	    (departments = org_departments(c, err)) != NULL &&
	    (units = org_units(c, NULL, NULL, on, err)) != NULL) {
		const CoreXlsxSheet sheets[] = {
		    {"领导班子", leader_cols, G_N_ELEMENTS(leader_cols), leaders},
		    {"现行分工", assignment_cols, G_N_ELEMENTS(assignment_cols), current},
		    {"分工沿革", assignment_cols, G_N_ELEMENTS(assignment_cols), history},
		    {"分管领域", domain_cols, G_N_ELEMENTS(domain_cols), domains},
		    {"内设机构", department_cols, G_N_ELEMENTS(department_cols), departments},
		    {"单位通讯录", unit_cols, G_N_ELEMENTS(unit_cols), units},
		};
		bytes = core_xlsx_write(sheets, G_N_ELEMENTS(sheets), err);
	}
	json_decref(leaders);
	json_decref(current);
	json_decref(history);
	json_decref(domains);
	json_decref(departments);
	json_decref(units);
	return bytes;
}
