/*
 * org_cli.c — `mishu import` and `mishu export`: the organisation's imports (units, accounts,
 * assignments from CSV or XLSX, all or nothing) and its .xlsx export from the command line,
 * audited as the operator ("-").
 */
#define G_LOG_DOMAIN "mishu-org"

#include "org/org_web.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* Opens URL and checks the schema is current; NULL with a message on stderr. */
static Db *open_current(const char *cmd, const char *url)
{
	GError *err = NULL;
	Db *db;

	if (url == NULL) {
		fprintf(stderr, "mishu %s: --db URL is required\n", cmd);
		return NULL;
	}
	if ((db = db_open(url, &err)) == NULL ||
	    db_schema_version(db, &err) < db_schema_latest(db)) {
		fprintf(stderr, "mishu %s: %s\n", cmd,
		        err ? err->message : "the database is not initialised; run mishu init");
		g_clear_error(&err);
		if (db)
			db_close(db);
		return NULL;
	}
	return db;
}

/* `mishu import --db URL --kind units|users|assignments FILE`: exit 0 when every row was
 * imported, 1 with the problems (row, column, reason) on stderr and nothing written, 2 on usage,
 * unreadable files or database errors. New accounts' temporary passwords go to stdout. */
int org_import_cli(int argc, char **argv)
{
	char *url = NULL, *kind = NULL;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"kind", 0, 0, G_OPTION_ARG_STRING, &kind, "units, users or assignments", "KIND"},
	    {NULL},
	};
	GOptionContext *ctx = g_option_context_new("FILE");
	g_autofree char *data = NULL;
	GError *err = NULL;
	OrgImportKind k;
	json_t *report = NULL, *v;
	Db *db = NULL;
	gsize len = 0, i;
	int rc = 2;

	g_option_context_add_main_entries(ctx, options, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc != 2) {
		fprintf(stderr, "mishu import: %s\n",
		        err ? err->message : "give one FILE (CSV or .xlsx)");
		goto out;
	}
	if (g_strcmp0(kind, "units") == 0)
		k = ORG_IMPORT_UNITS;
	else if (g_strcmp0(kind, "users") == 0)
		k = ORG_IMPORT_USERS;
	else if (g_strcmp0(kind, "assignments") == 0)
		k = ORG_IMPORT_ASSIGNMENTS;
	else {
		fprintf(stderr, "mishu import: --kind is units, users or assignments\n");
		goto out;
	}
	if (!g_file_get_contents(argv[1], &data, &len, &err)) {
		fprintf(stderr, "mishu import: %s\n", err->message);
		goto out;
	}
	if ((db = open_current("import", url)) == NULL)
		goto out;
	report = org_import(db, NULL, "-", k, data, len, CORE_LANG_EN, &err);
	if (report == NULL) {
		fprintf(stderr, "mishu import: %s\n", err->message);
		goto out;
	}
	json_array_foreach (json_object_get(report, "problems"), i, v)
		fprintf(stderr, "row %" JSON_INTEGER_FORMAT ", %s: %s\n",
		        json_integer_value(json_object_get(v, "row")),
		        json_string_value(json_object_get(v, "column")),
		        json_string_value(json_object_get(v, "reason")));
	if (json_array_size(json_object_get(report, "problems")) > 0) {
		fprintf(stderr, "mishu import: nothing was imported\n");
		rc = 1;
		goto out;
	}
	json_array_foreach (json_object_get(report, "accounts"), i, v)
		printf("%s\t%s\n", json_string_value(json_object_get(v, "username")),
		       json_string_value(json_object_get(v, "temporary_password")));
	printf("imported %" JSON_INTEGER_FORMAT " rows: %" JSON_INTEGER_FORMAT
	       " created, %" JSON_INTEGER_FORMAT " updated\n",
	       json_integer_value(json_object_get(report, "rows")),
	       json_integer_value(json_object_get(report, "created")),
	       json_integer_value(json_object_get(report, "updated")));
	rc = 0;
out:
	g_clear_error(&err);
	json_decref(report);
	if (db)
		db_close(db);
	g_option_context_free(ctx);
	g_free(url);
	g_free(kind);
	return rc;
}

/* `mishu export --db URL --to FILE.xlsx [--on YYYY-MM-DD]`: exit 0, or 2 with a message. */
int org_export_cli(int argc, char **argv)
{
	char *url = NULL, *to = NULL, *on = NULL;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"to", 0, 0, G_OPTION_ARG_FILENAME, &to, "the .xlsx file to write", "FILE"},
	    {"on", 0, 0, G_OPTION_ARG_STRING, &on, "the date of the division (default today)",
	     "YYYY-MM-DD"},
	    {NULL},
	};
	GOptionContext *ctx = g_option_context_new("");
	g_autofree char *today = core_today();
	GError *err = NULL;
	GBytes *x = NULL;
	DbConn *c;
	Db *db = NULL;
	int rc = 2;

	g_option_context_add_main_entries(ctx, options, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "mishu export: %s\n", err->message);
		goto out;
	}
	if (to == NULL || (on && !core_date_valid(on))) {
		fprintf(stderr, "mishu export: %s\n",
		        to ? "--on takes a date YYYY-MM-DD" : "--to FILE is required");
		goto out;
	}
	if ((db = open_current("export", url)) == NULL)
		goto out;
	if ((c = db_conn(db, &err)) == NULL ||
	    (x = org_export_xlsx(c, on ? on : today, &err)) == NULL ||
	    !g_file_set_contents(to, g_bytes_get_data(x, NULL), (gssize)g_bytes_get_size(x),
	                         &err)) {
		fprintf(stderr, "mishu export: %s\n", err ? err->message : "failed");
		goto out;
	}
	printf("exported the organisation to %s\n", to);
	rc = 0;
out:
	g_clear_error(&err);
	if (x)
		g_bytes_unref(x);
	if (db)
		db_close(db);
	g_option_context_free(ctx);
	g_free(url);
	g_free(to);
	g_free(on);
	return rc;
}
