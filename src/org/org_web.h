/*
 * org's web side: audited operations (org_ops.c) shared by the API (org_api.c) and the pages
 * (org_pages.c, org_edit_pages.c), error mapping, the import (org_import.c) and the export
 * (org_export.c), and the handlers the route table names.
 */
#ifndef MISHU_ORG_WEB_H
#define MISHU_ORG_WEB_H

#include "auth/auth_web.h"
#include "org/org.h"

/* ---- operations (org_ops.c): one write transaction each, with its audit entry -------------- */

/* What an org_op_save changes. */
typedef enum {
	ORG_THING_LEADER,
	ORG_THING_DOMAIN,
	ORG_THING_DEPARTMENT,
	ORG_THING_UNIT,
	ORG_THING_RULE,
	ORG_THING_COMMITTEE,
} OrgThing;

/* Creates (ID 0) or updates thing ID from the fields of OBJ (org_*_save), audited as ACTOR from
 * ADDRESS ('org.leader.create', 'org.unit.update' …, with the fields in the detail). Sets
 * *OUT_ID; on bad input *FIELD names the field (static). */
gboolean org_op_save(Db *db, const AuthUser *actor, const char *address, OrgThing thing, gint64 id,
                     json_t *obj, gint64 *out_id, const char **field, GError **err);
/* Deletes routing rule ID, audited. */
gboolean org_op_rule_delete(Db *db, const AuthUser *actor, const char *address, gint64 id,
                            GError **err);
/* Applies a dated change of 分工 (org_change_apply), audited 'org.change' with the whole change
 * in the detail. *FIELD (g_free) names a bad entry such as "assign[1].domain". */
gboolean org_op_change(Db *db, const AuthUser *actor, const char *address, json_t *change,
                       gint64 *change_id, char **field, GError **err);

/* ---- import and export (org_import.c, org_export.c) --------------------------------------- */

/* What an import creates: units, users (accounts, without roles: 三员分立) or assignments. */
typedef enum { ORG_IMPORT_UNITS, ORG_IMPORT_USERS, ORG_IMPORT_ASSIGNMENTS } OrgImportKind;

/* At most this many data rows per file. */
#define ORG_IMPORT_MAX_ROWS 5000

/*
 * Imports the CSV or XLSX file DATA (LEN bytes) of KIND in one audited write transaction: every
 * row is validated first, and nothing is written unless the whole file is valid. Returns the
 * report {"kind", "rows": N, "created": N, "problems": [{"row", "column", "reason"}],
 * "accounts": [{"username", "temporary_password"}] (users only)}; "row" counts as a spreadsheet
 * does (the header is row 1), "column" is the header's name. A report with problems means
 * nothing was written. NULL with ERR only when the file cannot be read at all (ORG_ERROR_INVALID)
 * or the database fails. LANG chooses the language of the reasons.
 */
json_t *org_import(Db *db, const AuthUser *actor, const char *address, OrgImportKind kind,
                   const void *data, gsize len, const char *lang, GError **err);

/* The organisation as an .xlsx workbook: sheets of leaders, 分工 in force on ON, the history of
 * assignments, domains, departments and units with contacts. */
GBytes *org_export_xlsx(DbConn *c, const char *on, GError **err);

/* `mishu import …` and `mishu export …` (org_cli.c; ARGV[0] is the command). Exit status. */
int org_import_cli(int argc, char **argv);
int org_export_cli(int argc, char **argv);

/* ---- helpers for handlers (org_api.c) ----------------------------------------------------- */

/* HTTP status and snake_case code for an ORG_ERROR (or any other error: auth's mapping). */
int org_error_status(const GError *err);
const char *org_error_code(const GError *err);
/* Answers with ERR (message translated) in the contract's error shape and frees ERR. */
void org_fail(HttpRequest *req, HttpResponse *res, GError *err, const char *field);
/* The ?on= date of REQ, or today; FALSE after answering 422 when it is not a date. g_free. */
gboolean org_query_date(HttpRequest *req, HttpResponse *res, char **on);

/* ---- handlers ------------------------------------------------------------------------------ */

/* API (org_api.c) */
void org_api_leaders(HttpRequest *req, HttpResponse *res);
void org_api_leader(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/org/committee[?on=]: the full committee (全委会) on the day; POST: a member who is
 * not a 常委; PATCH …/{id}: changes one (valid_to ends the membership). */
void org_api_committee(HttpRequest *req, HttpResponse *res);
void org_api_committee_create(HttpRequest *req, HttpResponse *res);
void org_api_committee_update(HttpRequest *req, HttpResponse *res);
void org_api_leader_create(HttpRequest *req, HttpResponse *res);
void org_api_leader_update(HttpRequest *req, HttpResponse *res);
void org_api_domains(HttpRequest *req, HttpResponse *res);
void org_api_domain_create(HttpRequest *req, HttpResponse *res);
void org_api_domain_update(HttpRequest *req, HttpResponse *res);
void org_api_assignments(HttpRequest *req, HttpResponse *res);
void org_api_change(HttpRequest *req, HttpResponse *res);
void org_api_changes(HttpRequest *req, HttpResponse *res);
void org_api_gaps(HttpRequest *req, HttpResponse *res);
void org_api_departments(HttpRequest *req, HttpResponse *res);
void org_api_department_create(HttpRequest *req, HttpResponse *res);
void org_api_department_update(HttpRequest *req, HttpResponse *res);
void org_api_units(HttpRequest *req, HttpResponse *res);
/* GET /api/v1/org/recipients: the directory of bodies outside the city and of groups. */
void org_api_recipients(HttpRequest *req, HttpResponse *res);
void org_api_unit(HttpRequest *req, HttpResponse *res);
void org_api_unit_create(HttpRequest *req, HttpResponse *res);
void org_api_unit_update(HttpRequest *req, HttpResponse *res);
void org_api_people(HttpRequest *req, HttpResponse *res);
void org_api_rules(HttpRequest *req, HttpResponse *res);
void org_api_rule_create(HttpRequest *req, HttpResponse *res);
void org_api_rule_update(HttpRequest *req, HttpResponse *res);
void org_api_rule_delete(HttpRequest *req, HttpResponse *res);
void org_api_route(HttpRequest *req, HttpResponse *res);
void org_api_import(HttpRequest *req, HttpResponse *res);       /* /api/v1/org/import/{kind} */
void org_api_users_import(HttpRequest *req, HttpResponse *res); /* /api/v1/users/import */
void org_api_export(HttpRequest *req, HttpResponse *res);

/* Pages (org_pages.c: reading; org_edit_pages.c: forms) */
void org_page_overview(HttpRequest *req, HttpResponse *res);        /* GET /org */
void org_page_division(HttpRequest *req, HttpResponse *res);        /* GET /org/division */
void org_page_matrix(HttpRequest *req, HttpResponse *res);          /* GET /org/matrix */
void org_page_history(HttpRequest *req, HttpResponse *res);         /* GET /org/history */
void org_page_departments(HttpRequest *req, HttpResponse *res);     /* GET /org/departments */
void org_page_directory(HttpRequest *req, HttpResponse *res);       /* GET /org/units */
void org_page_unit(HttpRequest *req, HttpResponse *res);            /* GET /org/units/{id} */
void org_page_leader(HttpRequest *req, HttpResponse *res);          /* GET /org/leaders/{id} */
void org_page_route(HttpRequest *req, HttpResponse *res);           /* GET /org/route */
void org_page_change_new(HttpRequest *req, HttpResponse *res);      /* GET /org/changes/new */
void org_page_change_post(HttpRequest *req, HttpResponse *res);     /* POST /org/changes */
void org_page_leader_post(HttpRequest *req, HttpResponse *res);     /* POST /org/leaders/{id} */
void org_page_leader_new(HttpRequest *req, HttpResponse *res);      /* GET /org/leaders/new */
void org_page_leader_create(HttpRequest *req, HttpResponse *res);   /* POST /org/leaders */
void org_page_domains(HttpRequest *req, HttpResponse *res);         /* GET /org/domains */
void org_page_domain_create(HttpRequest *req, HttpResponse *res);   /* POST /org/domains */
void org_page_domain_post(HttpRequest *req, HttpResponse *res);     /* POST /org/domains/{id} */
void org_page_department_post(HttpRequest *req, HttpResponse *res); /* POST /org/departments/{id} */
void org_page_unit_new(HttpRequest *req, HttpResponse *res);        /* GET /org/units/new */
void org_page_unit_create(HttpRequest *req, HttpResponse *res);     /* POST /org/units */
void org_page_unit_post(HttpRequest *req, HttpResponse *res);       /* POST /org/units/{id} */
void org_page_import(HttpRequest *req, HttpResponse *res);          /* GET /org/import */
void org_page_import_post(HttpRequest *req, HttpResponse *res);     /* POST /org/import */
void org_page_rules(HttpRequest *req, HttpResponse *res);           /* GET /security/routing */
void org_page_rule_create(HttpRequest *req, HttpResponse *res);     /* POST /security/routing */
void org_page_rule_post(HttpRequest *req, HttpResponse *res); /* POST /security/routing/{id} */
void org_page_rule_delete(HttpRequest *req,
                          HttpResponse *res); /* POST /security/routing/{id}/delete */

#endif
