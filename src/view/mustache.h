/*
 * mustache — a template engine conformant to the official mustache spec (comments, delimiters,
 * interpolation, inverted sections, partials, sections and template inheritance; no lambdas),
 * rendering jansson values.
 *
 * A template is compiled once into a node tree (mustache_compile) and rendered many times; a
 * compiled template is never modified by rendering, so one may be rendered from several threads
 * at once. {{name}} is HTML-escaped (& < > " '), {{{name}}} and {{&name}} are not.
 *
 * Values: strings as they are; integers in decimal; reals in the shortest form that reads back
 * equal (1.21 → "1.21"); true/false as "true"/"false"; null and missing names as nothing;
 * objects and arrays as compact JSON. Falsy for sections: missing, null, false, 0, "" and [].
 */
#ifndef MISHU_VIEW_MUSTACHE_H
#define MISHU_VIEW_MUSTACHE_H

#include <glib.h>
#include <jansson.h>

#define MUSTACHE_ERROR (mustache_error_quark())

typedef enum {
	MUSTACHE_ERROR_SYNTAX,  /* malformed template: unclosed tag or section, bad delimiters... */
	MUSTACHE_ERROR_DEPTH,   /* partials or parents nested deeper than MUSTACHE_MAX_DEPTH */
	MUSTACHE_ERROR_PARTIAL, /* a partial or parent template failed to compile */
} MustacheError;

/* How deep partials and parents may nest while rendering (recursive partials on recursive
 * data are fine up to this depth; a partial that includes itself forever is an error). */
#define MUSTACHE_MAX_DEPTH 64

/* Loads partial NAME; returns a g_malloc'd template text or NULL when there is none. */
typedef char *(*MustachePartialFn)(const char *name, void *user_data);

typedef struct MustacheTemplate MustacheTemplate;

GQuark mustache_error_quark(void);

/* Parses TEXT once; NULL and ERR set on a syntax error (unclosed section, bad delimiter...).
 * The result is freed with mustache_free(). */
MustacheTemplate *mustache_compile(const char *text, GError **err);

/* Frees T (NULL is allowed). */
void mustache_free(MustacheTemplate *t);

/* Renders T with DATA (any jansson value as the root context, or NULL for none). PARTIALS (may
 * be NULL: then every partial is empty) loads partial and parent templates by name; each is
 * loaded and compiled at most once per call. Returns g_malloc'd text, or NULL with ERR. */
char *mustache_render_template(MustacheTemplate *t, json_t *data, MustachePartialFn partials,
                               void *user_data, GError **err);

/* Convenience: compile TEXT, render it as mustache_render_template() does, free it. */
char *mustache_render(const char *text, json_t *data, MustachePartialFn partials, void *user_data,
                      GError **err);

/* Looks up the compiled partial NAME for mustache_render_compiled(). Returns a template that
 * the callee owns and keeps alive at least until the render returns, or NULL when there is none
 * (rendered as empty). May set ERR and return NULL to abort the render. */
typedef MustacheTemplate *(*MustacheCompiledPartialFn)(const char *name, void *user_data,
                                                       GError **err);

/* As mustache_render_template(), but partials come already compiled (e.g. from a cache shared
 * between requests), so nothing is parsed while rendering. PARTIALS may be NULL. */
char *mustache_render_compiled(MustacheTemplate *t, json_t *data,
                               MustacheCompiledPartialFn partials, void *user_data, GError **err);

/* `mishu render TEMPLATE DATA.json [--partials DIR]` (ARGV[0] is "render"): renders the template
 * file with the JSON data (a path, or - for stdin) to stdout. Partial N is read from
 * DIR/N.mustache (DIR defaults to the template's folder). Returns the exit status: 0, or 1 with
 * the error on stderr. */
int view_render_cli(int argc, char **argv);

#endif
