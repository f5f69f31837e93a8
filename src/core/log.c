/*
 * Logging: GLib's structured log, written as one line per message on stderr.
 */
#include "core/core.h"

#include <stdio.h>
#include <time.h>

static gboolean log_verbose;

/* Writes "2026-11-27T10:00:00Z level message" on stderr; debug messages only when verbose. */
static GLogWriterOutput log_writer(GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                                   gpointer user_data)
{
	const char *msg = NULL;
	const char *lv;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	if ((level & G_LOG_LEVEL_DEBUG) && !log_verbose)
		return G_LOG_WRITER_HANDLED;
	for (gsize i = 0; i < n_fields; i++)
		if (g_strcmp0(fields[i].key, "MESSAGE") == 0)
			msg = fields[i].value;
	if (level & G_LOG_LEVEL_ERROR)
		lv = "error";
	else if (level & G_LOG_LEVEL_CRITICAL)
		lv = "critical";
	else if (level & G_LOG_LEVEL_WARNING)
		lv = "warning";
	else if (level & G_LOG_LEVEL_MESSAGE)
		lv = "notice";
	else if (level & G_LOG_LEVEL_INFO)
		lv = "info";
	else
		lv = "debug";
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s %s\n", stamp, lv, msg ? msg : "");
	fflush(stderr);
	return G_LOG_WRITER_HANDLED;
}

void core_log_init(gboolean verbose)
{
	log_verbose = verbose;
	g_log_set_writer_func(log_writer, NULL, NULL);
}
