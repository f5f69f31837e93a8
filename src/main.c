/*
 * mishu — the general office's work platform. One executable, one subcommand per task:
 * init, serve, user, token, audit, render, backup (import and export arrive with their modules).
 */
#include "config.h"
#include "app.h"
#include "auth/auth.h"
#include "auth/auth_web.h"
#include "core/core.h"
#include "db/db.h"
#include "http/http.h"
#include "docs/docs.h"
#include "alert/alert.h"
#include "duty/duty.h"
#include "info/info.h"
#include "meet/meet.h"
#include "org/org.h"
#include "org/org_web.h"
#include "portal/portal.h"
#include "tasks/tasks.h"
#include "routes.h"
#include "work/flow.h"
#include "site/site.h"
#include "view/mustache.h"
#include "view/view.h"
#include "work/events.h"
#include "work/jobs.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_PASSWORD "demo-pass-2026"

/* Parses OPTIONS out of ARGV for subcommand NAME; FALSE (message printed) on bad usage. */
static gboolean parse_options(const char *name, const char *summary, GOptionEntry *options,
                              int *argc, char ***argv)
{
	char *param = g_strdup_printf("%s", name);
	GOptionContext *ctx = g_option_context_new(param);
	GError *err = NULL;
	gboolean ok;

	g_option_context_set_summary(ctx, summary);
	g_option_context_add_main_entries(ctx, options, NULL);
	ok = g_option_context_parse(ctx, argc, argv, &err);
	if (!ok) {
		fprintf(stderr, "mishu %s: %s\n", name, err->message);
		g_error_free(err);
	}
	g_option_context_free(ctx);
	g_free(param);
	return ok;
}

/* Opens the database named by URL, printing the reason when it cannot. */
static Db *open_db(const char *cmd, const char *url)
{
	GError *err = NULL;
	Db *db;

	if (url == NULL) {
		fprintf(stderr, "mishu %s: --db URL is required (sqlite:PATH or postgresql://…)\n",
		        cmd);
		return NULL;
	}
	db = db_open(url, &err);
	if (db == NULL) {
		fprintf(stderr, "mishu %s: %s\n", cmd, err->message);
		g_error_free(err);
	}
	return db;
}

/* What --demo loads: nothing, the organisation only (--demo=org), or the organisation and a
 * year of its work (--demo, --demo=work). */
enum { DEMO_NONE, DEMO_ORG, DEMO_WORK };
static int demo_kind = DEMO_NONE;

/* Parses --demo[=org|work] into demo_kind; FALSE with ERR for another value. */
static gboolean demo_option(const char *name, const char *value, gpointer data, GError **err)
{
	(void)name;
	(void)data;
	if (value == NULL || strcmp(value, "work") == 0)
		demo_kind = DEMO_WORK;
	else if (strcmp(value, "org") == 0)
		demo_kind = DEMO_ORG;
	else {
		g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
		            "--demo takes org or work, not \"%s\"", value);
		return FALSE;
	}
	return TRUE;
}

/* mishu init --db URL [--demo[=org|work]] [--admin-password-file F]: create or migrate,
 * idempotent. */
static int cmd_init(int argc, char **argv)
{
	char *url = NULL, *pwfile = NULL;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"demo", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, (gpointer)demo_option,
	     "load the demo city and a year of its work (=org: the organisation only)", "org|work"},
	    {"admin-password-file", 0, 0, G_OPTION_ARG_FILENAME, &pwfile,
	     "password for the demo accounts", "F"},
	    {NULL},
	};
	GError *err = NULL;
	Db *db;
	int version, before, backfilled = 0, rc = 1;

	if (!parse_options("init", "Create or migrate the database.", options, &argc, &argv))
		goto out;
	if ((db = open_db("init", url)) == NULL)
		goto out;
	before = db_schema_version(db, NULL);
	version = db_migrate(db, &err);
	if (version < 0) {
		fprintf(stderr, "mishu init: %s\n", err->message);
		g_error_free(err);
		goto close;
	}
	printf("database %s at schema version %d\n", url, version);
	/* who acts next on the items of a database made before it was kept (schema 10) */
	if (!work_flow_seed(db, &err) ||
	    (before > 0 && before < 10 && !work_flow_todo_backfill(db, &backfilled, &err))) {
		fprintf(stderr, "mishu init: workflows: %s\n", err->message);
		g_error_free(err);
		goto close;
	}
	if (backfilled > 0)
		printf("who acts next recorded for %d items\n", backfilled);
	if (!org_defaults_load(db, &err)) {
		fprintf(stderr, "mishu init: domains: %s\n", err->message);
		g_error_free(err);
		goto close;
	}
	if (demo_kind != DEMO_NONE) {
		char *password = NULL;
		int made = 0, meetings = 0, reports = 0, articles = 0, incidents = 0;
		if (pwfile && !g_file_get_contents(pwfile, &password, NULL, &err)) {
			fprintf(stderr, "mishu init: %s\n", err->message);
			g_error_free(err);
			goto close;
		}
		if (password)
			password[strcspn(password, "\r\n")] = '\0';
		/* the organisation is set up the day before the demo year begins */
		if (demo_kind == DEMO_WORK)
			core_clock_set(site_demo_start());
		if (!org_demo_load(db, password ? password : DEMO_PASSWORD, &err) ||
		    !docs_demo_load(db, &err) || !info_demo_bulletins(db, &err) ||
		    (demo_kind == DEMO_WORK && !site_demo_work_load(db, &made, &err)) ||
		    (demo_kind == DEMO_WORK && !meet_demo_load(db, &meetings, &err)) ||
		    (demo_kind == DEMO_WORK && !info_demo_load(db, &reports, &err)) ||
		    (demo_kind == DEMO_WORK && !portal_demo_load(db, &articles, &err))) {
			core_clock_set(0);
			fprintf(stderr, "mishu init: demo: %s\n",
			        core_tr(CORE_LANG_EN, err->message));
			g_error_free(err);
			g_free(password);
			goto close;
		}
		core_clock_set(0);
		g_free(password);
		/* the roster is around the real today, not the demo year's clock */
		/* incidents after it: the leader on duty is alerted too */
		if (demo_kind == DEMO_WORK &&
		    (!duty_demo_load(db, &err) || !alert_demo_load(db, &incidents, &err))) {
			fprintf(stderr, "mishu init: demo: %s\n",
			        core_tr(CORE_LANG_EN, err->message));
			g_error_free(err);
			goto close;
		}
		if (made > 0)
			printf("demo year loaded: %d documents and tasks, %d meetings, %d reports, "
			       "%d portal articles, %d incidents\n",
			       made, meetings, reports, articles, incidents);
		printf("demo city loaded: sign in as shuji, mishuke, admin … (see README.md)\n");
	}
	rc = 0;
close:
	db_close(db);
out:
	g_free(url);
	g_free(pwfile);
	return rc;
}

/* Blocks the stop signals in every thread, so that only sigwait() in main sees them. */
static void block_stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* mishu serve --db URL [--listen HOST:PORT] [--threads N] [--timezone ZONE] [--dev]: serves
 * until SIGTERM. */
static int cmd_serve(int argc, char **argv)
{
	char *url = NULL, *listen = NULL, *max_body = NULL, *max_upload = NULL, *proxies = NULL;
	char *zone = NULL;
	int threads = 0, sig = 0;
	gboolean dev = g_strcmp0(g_getenv("MISHU_DEV"), "1") == 0, verbose = FALSE;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"listen", 0, 0, G_OPTION_ARG_STRING, &listen, "address (127.0.0.1:8080)", "HOST:PORT"},
	    {"threads", 0, 0, G_OPTION_ARG_INT, &threads, "worker threads (default: cores)", "N"},
	    {"dev", 0, 0, G_OPTION_ARG_NONE, &dev, "read templates and assets from the source tree",
	     NULL},
	    {"max-body", 0, 0, G_OPTION_ARG_STRING, &max_body, "form/JSON body limit (1MiB)",
	     "SIZE"},
	    {"max-upload", 0, 0, G_OPTION_ARG_STRING, &max_upload, "per-file upload limit (32MiB)",
	     "SIZE"},
	    {"trust-proxy", 0, 0, G_OPTION_ARG_STRING, &proxies,
	     "reverse proxies (comma-separated addresses) whose X-Real-IP/X-Forwarded-For name "
	     "the client",
	     "ADDRS"},
	    {"timezone", 0, 0, G_OPTION_ARG_STRING, &zone,
	     "the office's time zone, for today and every date (" CORE_TZ_DEFAULT ")", "ZONE"},
	    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "debug logging", NULL},
	    {NULL},
	};
	HttpConfig cfg = {0};
	App app = {0};
	HttpServer *srv = NULL;
	WorkJobs *jobs = NULL;
	HttpRoute *routes = NULL;
	GError *err = NULL;
	sigset_t set;
	char *host = NULL;
	int rc = 1;

	if (!parse_options("serve", "Serve the web pages and the JSON API.", options, &argc, &argv))
		goto out;
	core_log_init(verbose);
	/* before anything reads the clock: an unknown zone stops the start, never a guessed one */
	if (zone && !core_tz_set(zone, &err)) {
		fprintf(stderr, "mishu serve: --timezone: %s\n", err->message);
		g_clear_error(&err);
		goto out;
	}
	cfg.host = "127.0.0.1";
	cfg.port = 8080;
	if (listen) {
		char *colon = strrchr(listen, ':');
		char *end = NULL;
		long port = colon ? strtol(colon + 1, &end, 10) : -1;
		if (colon == NULL || end == colon + 1 || *end || port < 0 || port > 65535) {
			fprintf(stderr, "mishu serve: --listen wants HOST:PORT, not %s\n", listen);
			goto out;
		}
		host = g_strndup(listen, (gsize)(colon - listen));
		cfg.host = host;
		cfg.port = (int)port;
	}
	if ((max_body && !core_parse_size(max_body, &cfg.max_body)) ||
	    (max_upload && !core_parse_size(max_upload, &cfg.max_upload))) {
		fprintf(stderr, "mishu serve: a size is a positive number like 1048576 or 32MiB\n");
		goto out;
	}
	if ((app.db = open_db("serve", url)) == NULL)
		goto out;
	{
		int have = db_schema_version(app.db, &err), want = db_schema_latest(app.db);
		if (have < want) {
			fprintf(stderr,
			        "mishu serve: %s is not initialised or is out of date; "
			        "run: mishu init --db %s\n",
			        url, url);
			g_clear_error(&err);
			goto out;
		}
		if (have > want) {
			fprintf(stderr,
			        "mishu serve: %s has schema version %d, newer than this "
			        "program's %d: run the newer mishu\n",
			        url, have, want);
			goto out;
		}
	}
	app.dev = dev;
	app.version = MISHU_VERSION;
	view_init(dev ? MISHU_SOURCE_ROOT : NULL);
	site_init();

	/* The route table, plus, in the test build only, the test-only routes when the test suites
	 * ask for them: the product has no such switch in its environment. */
#ifdef MISHU_TESTING
	routes = g_new(HttpRoute, mishu_n_routes + mishu_n_test_routes);
#else
	routes = g_new(HttpRoute, mishu_n_routes);
#endif
	memcpy(routes, mishu_routes, mishu_n_routes * sizeof *routes);
	cfg.n_routes = mishu_n_routes;
#ifdef MISHU_TESTING
	if (g_strcmp0(g_getenv("MISHU_TEST_ROUTES"), "1") == 0) {
		memcpy(routes + mishu_n_routes, mishu_test_routes,
		       mishu_n_test_routes * sizeof *routes);
		cfg.n_routes += mishu_n_test_routes;
		site_test_init();
	}
#endif
	cfg.routes = routes;
	cfg.threads = threads;
	if (proxies)
		cfg.trusted_proxies = g_strsplit(proxies, ",", 16);
	for (char **p = cfg.trusted_proxies; p && *p; p++)
		g_strstrip(*p);
	cfg.app = &app;
	cfg.hooks.render_page = site_render_page;
	cfg.hooks.guard = auth_guard;

	block_stop_signals(&set);
	/* The live-event hub: its threads start with the stop signals blocked, and before the
	 * server, so that a request for /api/v1/events always finds it. */
	if ((app.events = work_events_start(app.db, &err)) == NULL) {
		fprintf(stderr, "mishu serve: live events: %s\n", err->message);
		g_clear_error(&err);
		goto out;
	}
	srv = http_server_start(&cfg, &err);
	if (srv == NULL) {
		fprintf(stderr, "mishu serve: %s\n", err->message);
		g_error_free(err);
		goto out;
	}
	/* the daily chaser of supervised tasks and the hourly circulation reminders (registered
	 * before the worker starts) */
	if (!work_flow_seed(app.db, &err) || !tasks_chase_schedule(app.db, &err) ||
	    !docs_remind_schedule(app.db, &err)) {
		fprintf(stderr, "mishu serve: scheduled jobs: %s\n", err->message);
		g_clear_error(&err);
		goto out;
	}
	{
		const char *iv = g_getenv("MISHU_JOB_INTERVAL_MS");
		jobs = work_jobs_start(app.db, iv ? atoi(iv) : 1000);
	}
	printf("listening on http://%s:%d\n", cfg.host, http_server_port(srv));
	fflush(stdout);
	g_message("mishu %s serving %s database with %d threads%s", MISHU_VERSION,
	          db_kind_name(app.db), threads > 0 ? threads : (int)g_get_num_processors(),
	          dev ? " (dev: assets from the source tree)" : "");
	sigwait(&set, &sig);
	g_message("signal %d: stopping", sig);
	/* The server closes and resumes every event stream, then stops; only then the hub goes,
	 * since until the daemon has stopped a request may still reach it. */
	http_server_stop(srv, 4000);
	work_events_stop(app.events);
	app.events = NULL;
	work_jobs_stop(jobs);
	g_message("stopped");
	rc = 0;
out:
	work_events_stop(app.events);
	site_shutdown();
	view_shutdown();
	if (app.db)
		db_close(app.db);
	g_free(routes);
	g_free(host);
	g_free(url);
	g_free(listen);
	g_free(max_body);
	g_free(max_upload);
	g_free(proxies);
	g_free(zone);
	g_strfreev(cfg.trusted_proxies);
	return rc;
}

/* mishu backup --db URL --to FILE: an online, consistent copy. */
static int cmd_backup(int argc, char **argv)
{
	char *url = NULL, *to = NULL;
	GOptionEntry options[] = {
	    {"db", 0, 0, G_OPTION_ARG_STRING, &url, "database URL", "URL"},
	    {"to", 0, 0, G_OPTION_ARG_FILENAME, &to, "backup file", "FILE"},
	    {NULL},
	};
	GError *err = NULL;
	Db *db = NULL;
	int rc = 1;

	if (!parse_options("backup", "Copy the database while it is in use.", options, &argc,
	                   &argv))
		goto out;
	if (to == NULL) {
		fprintf(stderr, "mishu backup: --to FILE is required\n");
		goto out;
	}
	if ((db = open_db("backup", url)) == NULL)
		goto out;
	if (!db_backup(db, to, &err)) {
		fprintf(stderr, "mishu backup: %s\n", err->message);
		g_error_free(err);
		goto out;
	}
	printf("backed up %s to %s\n", url, to);
	rc = 0;
out:
	if (db)
		db_close(db);
	g_free(url);
	g_free(to);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: mishu COMMAND [OPTIONS]\n\n"
	        "  init    --db URL [--demo[=org]] [--admin-password-file F]   create or migrate\n"
	        "  serve   --db URL [--listen HOST:PORT] [--threads N]   serve the web and API\n"
	        "          [--timezone ZONE]                             the office's zone\n"
	        "  user    add --db URL --username U --name NAME --role ROLE [--unit CODE]\n"
	        "          --password-file F                             create an account\n"
	        "  token   create --db URL --username U                  print a new API token\n"
	        "  audit   verify --db URL                               check the audit chain\n"
	        "  render  TEMPLATE DATA.json [--partials DIR]           render a template\n"
	        "  backup  --db URL --to FILE                            online backup\n"
	        "  import  --db URL --kind units|users|assignments FILE  import CSV or .xlsx\n"
	        "  export  --db URL --to FILE.xlsx [--on DATE]           export the organisation\n"
	        "  --version\n\n"
	        "URL is sqlite:PATH (or a bare path) or postgresql://…\n"
	        "Run mishu COMMAND --help for a command's options.\n");
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} commands[] = {
	    {"init", cmd_init},        {"serve", cmd_serve},       {"user", auth_user_cli},
	    {"token", auth_token_cli}, {"audit", audit_cli},       {"render", view_render_cli},
	    {"backup", cmd_backup},    {"import", org_import_cli}, {"export", org_export_cli},
	};
	GError *err = NULL;

	/* UTF-8 everywhere: option values (names in Chinese) and messages. */
	core_i18n_init();
	mishu_register();
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (g_str_equal(argv[1], "--version") || g_str_equal(argv[1], "version")) {
		printf("mishu %s\n", MISHU_VERSION);
		return 0;
	}
	if (g_str_equal(argv[1], "--help") || g_str_equal(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	/* The office's time zone for every command (serve --timezone may choose another); tzdata
	 * missing stops here rather than letting "today" drift to another zone. */
	if (!core_tz_set(CORE_TZ_DEFAULT, &err)) {
		fprintf(stderr, "mishu: %s\n", err->message);
		g_error_free(err);
		return 1;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
		if (g_str_equal(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "mishu: unknown command %s\n\n", argv[1]);
	usage(stderr);
	return 2;
}
