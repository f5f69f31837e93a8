/*
 * `mishu render TEMPLATE DATA.json [--partials DIR]`: renders a template file with JSON data to
 * stdout, for trying templates out and for scripts.
 */
#include "view/mustache.h"

#include <stdio.h>
#include <string.h>

typedef struct {
	const char *dir;
} PartialDir;

/* TRUE when NAME is a relative path without "." or ".." segments (so it stays inside DIR). */
static gboolean partial_name_ok(const char *name)
{
	char **segs;
	gboolean ok = *name && *name != '/' && strchr(name, '\\') == NULL;

	if (!ok)
		return FALSE;
	segs = g_strsplit(name, "/", -1);
	for (char **s = segs; *s; s++)
		if (**s == '\0' || g_str_equal(*s, ".") || g_str_equal(*s, ".."))
			ok = FALSE;
	g_strfreev(segs);
	return ok;
}

/* MustachePartialFn: reads DIR/NAME.mustache; NULL (with a warning) when it is not there. */
static char *partial_from_dir(const char *name, void *user_data)
{
	const PartialDir *pd = user_data;
	char *file, *path, *text = NULL;
	GError *err = NULL;

	if (!partial_name_ok(name)) {
		g_printerr("mishu render: warning: bad partial name “%s”\n", name);
		return NULL;
	}
	file = g_strconcat(name, ".mustache", NULL);
	path = g_build_filename(pd->dir, file, NULL);
	if (!g_file_get_contents(path, &text, NULL, &err)) {
		g_printerr("mishu render: warning: partial “%s”: %s\n", name, err->message);
		g_error_free(err);
	}
	g_free(path);
	g_free(file);
	return text;
}

/* Loads DATA.json, or stdin when PATH is "-". NULL with ERR on failure. */
static json_t *load_data(const char *path, GError **err)
{
	json_error_t jerr;
	json_t *data;

	if (g_str_equal(path, "-"))
		data = json_loadf(stdin, JSON_DECODE_ANY, &jerr);
	else
		data = json_load_file(path, JSON_DECODE_ANY, &jerr);
	if (data == NULL && jerr.line < 0)
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s", jerr.text);
	else if (data == NULL)
		g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:%d:%d: %s", path, jerr.line,
		            jerr.column, jerr.text);
	return data;
}

int view_render_cli(int argc, char **argv)
{
	char *partials = NULL;
	const GOptionEntry entries[] = {
	    {"partials", 'p', 0, G_OPTION_ARG_FILENAME, &partials,
	     "Load partial N from DIR/N.mustache (default: the template's folder)", "DIR"},
	    G_OPTION_ENTRY_NULL,
	};
	GOptionContext *ctx = g_option_context_new("TEMPLATE DATA.json");
	char **args = g_new0(char *, argc + 1);
	char *text = NULL, *out = NULL, *dir = NULL;
	json_t *data = NULL;
	GError *err = NULL;
	PartialDir pd;
	int rc = 1;

	for (int i = 0; i < argc; i++)
		args[i] = g_strdup(i == 0 ? "mishu render" : argv[i]);
	g_option_context_set_summary(ctx, "Renders a mustache template with JSON data to stdout "
	                                  "(DATA.json may be - for stdin).");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse_strv(ctx, &args, &err))
		goto out;
	if (g_strv_length(args) != 3) {
		g_set_error(&err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
		            "expected TEMPLATE and DATA.json (see mishu render --help)");
		goto out;
	}
	if (!g_file_get_contents(args[1], &text, NULL, &err))
		goto out;
	data = load_data(args[2], &err);
	if (data == NULL)
		goto out;
	dir = partials ? g_strdup(partials) : g_path_get_dirname(args[1]);
	pd.dir = dir;
	out = mustache_render(text, data, partial_from_dir, &pd, &err);
	if (out == NULL) {
		g_prefix_error(&err, "%s: ", args[1]);
		goto out;
	}
	if (fputs(out, stdout) == EOF || fflush(stdout) == EOF) {
		g_set_error(&err, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot write the output");
		goto out;
	}
	rc = 0;
out:
	if (err) {
		g_printerr("mishu render: %s\n", err->message);
		g_error_free(err);
	}
	g_free(out);
	g_free(dir);
	json_decref(data);
	g_free(text);
	g_free(partials);
	g_strfreev(args);
	g_option_context_free(ctx);
	return rc;
}
