/*
 * view — templates and static files. Both are compiled into the binary (GResource bundle
 * "/mishu", built from mishu.gresource.xml); in development mode they are read from the
 * source tree on every use, so an edit shows on the next reload.
 */
#ifndef MISHU_VIEW_H
#define MISHU_VIEW_H

#include <glib.h>
#include <jansson.h>

/* Chooses where assets come from. DEV_ROOT NULL: the compiled-in bundle; otherwise the source
 * tree at DEV_ROOT. Call once before serving. */
void view_init(const char *dev_root);
/* Frees cached templates and assets. */
void view_shutdown(void);

/* The asset at PATH (e.g. "static/css/mishu.css"), or NULL when there is none. ETAG (may be
 * NULL) receives its strong ETag (caller g_free()s). Returns a new reference. */
GBytes *view_asset(const char *path, char **etag);

/* Renders templates/NAME.mustache with MODEL; partials and parents by name from templates/.
 * Returns g_malloc'd text, or NULL with ERR. */
char *view_render(const char *name, json_t *model, GError **err);

#endif
