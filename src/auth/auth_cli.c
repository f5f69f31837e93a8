/*
 * Command-line account tools: `mishu user add` and `mishu token create`.
 * Each change is audited with actor "-" (the operator).
 */
#include "auth/auth.h"
#include "auth/auth_web.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* Reads the first line of PATH (a password file); NULL with a message on stderr. */
static char *first_line(const char *cmd, const char *path)
{
	GError *err = NULL;
	char *text = NULL;

	if (path == NULL) {
		fprintf(stderr, "mishu %s: --password-file F is required\n", cmd);
		return NULL;
	}
	if (!g_file_get_contents(path, &text, NULL, &err)) {
		fprintf(stderr, "mishu %s: %s\n", cmd, err->message);
		g_error_free(err);
		return NULL;
	}
	text[strcspn(text, "\r\n")] = '\0';
	return text;
}

static Db *open_migrated(const char *cmd, const char *url)
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

int auth_user_cli(int argc, char **argv)
{
	char *url = NULL, *username = NULL, *name = NULL, *unit = NULL, *pwfile = NULL;
	char *dept = NULL, *phone = NULL, *password = NULL;
	char **roles = NULL;
	gboolean must_change = FALSE;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"username", 0, 0, G_OPTION_ARG_STRING, &username, "sign-in name", "U"},
	    {"name", 0, 0, G_OPTION_ARG_STRING, &name, "display name", "NAME"},
	    {"role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles,
	     "leader, staff, liaison, sysadmin, secadmin or auditor (repeatable)", "ROLE"},
	    {"unit", 0, 0, G_OPTION_ARG_STRING, &unit, "unit code", "CODE"},
	    {"department", 0, 0, G_OPTION_ARG_STRING, &dept, "office department", "DEPT"},
	    {"phone", 0, 0, G_OPTION_ARG_STRING, &phone, "phone", "PHONE"},
	    {"password-file", 0, 0, G_OPTION_ARG_FILENAME, &pwfile, "file with the password", "F"},
	    {"must-change", 0, 0, G_OPTION_ARG_NONE, &must_change,
	     "make the user change the password at first sign-in", NULL},
	    {NULL},
	};
	GOptionContext *ctx = g_option_context_new("add");
	GError *err = NULL;
	AuthUserSpec spec = {0};
	Db *db = NULL;
	gint64 id = 0;
	int rc = 2;

	g_option_context_add_main_entries(ctx, options, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "mishu user: %s\n", err->message);
		goto out;
	}
	if (argc < 2 || !g_str_equal(argv[1], "add")) {
		fprintf(stderr,
		        "usage: mishu user add --db URL --username U --name NAME --role ROLE "
		        "[--unit CODE] --password-file F\n");
		goto out;
	}
	for (int i = 0; roles && roles[i]; i++) {
		AuthRole r = auth_role_from_name(roles[i]);
		if (r == 0) {
			fprintf(stderr, "mishu user add: unknown role %s\n", roles[i]);
			goto out;
		}
		spec.roles |= r;
	}
	if ((password = first_line("user add", pwfile)) == NULL ||
	    (db = open_migrated("user add", url)) == NULL)
		goto out;
	spec.username = username;
	spec.display_name = name;
	spec.unit_code = unit;
	spec.department = dept;
	spec.phone = phone;
	spec.password = password;
	spec.must_change_password = must_change;
	if (spec.roles == 0) {
		fprintf(stderr, "mishu user add: give at least one --role\n");
		goto out;
	}
	rc = 1;
	if (!auth_op_user_create(db, NULL, "-", &spec, &id, &err)) {
		fprintf(stderr, "mishu user add: %s\n", core_tr(CORE_LANG_EN, err->message));
		goto out;
	}
	printf("created user %s (id %" G_GINT64_FORMAT ")\n", username, id);
	rc = 0;
out:
	g_clear_error(&err);
	g_option_context_free(ctx);
	if (db)
		db_close(db);
	if (password) {
		memset(password, 0, strlen(password));
		g_free(password);
	}
	g_strfreev(roles);
	g_free(url);
	g_free(username);
	g_free(name);
	g_free(unit);
	g_free(dept);
	g_free(phone);
	g_free(pwfile);
	return rc;
}

int auth_token_cli(int argc, char **argv)
{
	char *url = NULL, *username = NULL, *name = NULL;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"username", 0, 0, G_OPTION_ARG_STRING, &username, "the token's owner", "U"},
	    {"name", 0, 0, G_OPTION_ARG_STRING, &name, "what the token is for", "NAME"},
	    {NULL},
	};
	GOptionContext *ctx = g_option_context_new("create");
	GError *err = NULL;
	Db *db = NULL;
	DbConn *c;
	AuthUser *u = NULL;
	char *token = NULL;
	gint64 id;
	int rc = 2;

	g_option_context_add_main_entries(ctx, options, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
		fprintf(stderr, "mishu token: %s\n", err->message);
		goto out;
	}
	if (argc < 2 || !g_str_equal(argv[1], "create") || username == NULL) {
		fprintf(stderr, "usage: mishu token create --db URL --username U [--name NAME]\n");
		goto out;
	}
	if ((db = open_migrated("token create", url)) == NULL)
		goto out;
	rc = 1;
	if ((c = db_conn(db, &err)) == NULL ||
	    (u = auth_user_load_by_name(c, username, &err)) == NULL) {
		fprintf(stderr, "mishu token create: %s\n", core_tr(CORE_LANG_EN, err->message));
		goto out;
	}
	token = auth_op_token_create(db, u, "-", name ? name : "command line", &id, &err);
	if (token == NULL) {
		fprintf(stderr, "mishu token create: %s\n", core_tr(CORE_LANG_EN, err->message));
		goto out;
	}
	printf("%s\n", token);
	rc = 0;
out:
	g_clear_error(&err);
	g_option_context_free(ctx);
	auth_user_free(u);
	if (db)
		db_close(db);
	g_free(token);
	g_free(url);
	g_free(username);
	g_free(name);
	return rc;
}
