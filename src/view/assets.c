/*
 * Assets and templates from the GResource bundle, or from disk in development mode.
 * Compiled templates and ETags are cached (bundle mode only) in tables guarded by a mutex.
 */
#include "http/http.h"
#include "view/mustache.h"
#include "view/view.h"

#include <gio/gio.h>
#include <string.h>

typedef struct {
	GBytes *bytes;
	char *etag;
} Asset;

static char *dev_root;
static GMutex lock;
static GHashTable *assets;    /* path → Asset */
static GHashTable *templates; /* name → MustacheTemplate */

static void asset_free(gpointer p)
{
	Asset *a = p;

	g_bytes_unref(a->bytes);
	g_free(a->etag);
	g_free(a);
}

/* The bundle generated from mishu.gresource.xml; it registers itself when linked in. */
extern GResource *mishu_get_resource(void);

void view_init(const char *root)
{
	/* Referencing the bundle makes the linker keep it (and its constructor) from the library.
	 */
	g_assert(mishu_get_resource() != NULL);
	g_free(dev_root);
	dev_root = root ? g_strdup(root) : NULL;
	g_mutex_lock(&lock);
	if (assets == NULL) {
		assets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, asset_free);
		templates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		                                  (GDestroyNotify)mustache_free);
	}
	g_mutex_unlock(&lock);
}

void view_shutdown(void)
{
	g_mutex_lock(&lock);
	g_clear_pointer(&assets, g_hash_table_destroy);
	g_clear_pointer(&templates, g_hash_table_destroy);
	g_mutex_unlock(&lock);
	g_clear_pointer(&dev_root, g_free);
}

/* TRUE when PATH is a plain relative path with no "..", empty or hidden segment. */
static gboolean path_is_safe(const char *path)
{
	char **segs;
	gboolean ok = path && *path && *path != '/' && strlen(path) < 512;

	if (!ok)
		return FALSE;
	segs = g_strsplit(path, "/", -1);
	for (int i = 0; segs[i] && ok; i++)
		ok = segs[i][0] != '\0' && segs[i][0] != '.';
	g_strfreev(segs);
	return ok;
}

/* Reads PATH fresh from the bundle or the source tree; NULL when missing. */
static GBytes *load(const char *path)
{
	char *full;
	GBytes *b = NULL;

	if (dev_root) {
		char *text;
		gsize len;
		/* Vendor files live in node_modules in the tree, as the bundle aliases them. */
		if (g_str_has_prefix(path, "static/vendor/htmx"))
			full = g_build_filename(dev_root, "node_modules/htmx.org/dist", path + 14,
			                        NULL);
		else if (g_str_has_prefix(path, "static/vendor/echarts"))
			full = g_build_filename(dev_root, "node_modules/echarts/dist", path + 14,
			                        NULL);
		else
			full = g_build_filename(dev_root, path, NULL);
		if (g_file_get_contents(full, &text, &len, NULL))
			b = g_bytes_new_take(text, len);
	} else {
		full = g_strconcat("/mishu/", path, NULL);
		b = g_resources_lookup_data(full, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	}
	g_free(full);
	return b;
}

GBytes *view_asset(const char *path, char **etag)
{
	Asset *a;
	GBytes *out = NULL;

	if (!path_is_safe(path))
		return NULL;
	g_mutex_lock(&lock);
	a = dev_root ? NULL : g_hash_table_lookup(assets, path);
	if (a == NULL) {
		GBytes *b = load(path);
		if (b) {
			a = g_new0(Asset, 1);
			a->bytes = b;
			a->etag = http_etag_for(b);
			/* In dev mode the table only keeps the last copy alive for its ETag. */
			g_hash_table_replace(assets, g_strdup(path), a);
		}
	}
	if (a) {
		out = g_bytes_ref(a->bytes);
		if (etag)
			*etag = g_strdup(a->etag);
	}
	g_mutex_unlock(&lock);
	return out;
}

/* Loads templates/NAME.mustache as text; NULL when there is none. Caller g_free()s. */
static char *template_text(const char *name, void *ud)
{
	char *path = g_strconcat("templates/", name, ".mustache", NULL);
	GBytes *b = path_is_safe(path) ? load(path) : NULL;
	char *text = NULL;

	if (b) {
		gsize len;
		const char *data = g_bytes_get_data(b, &len);
		text = g_strndup(data, len);
		g_bytes_unref(b);
	}
	g_free(path);
	return text;
}

/* Returns the compiled template NAME: from the shared cache in bundle mode; in dev mode freshly
 * compiled and added to OWNED (freed after the render). NULL when there is none (ERR untouched)
 * or when it does not parse (ERR set). */
static MustacheTemplate *template_get(const char *name, GPtrArray *owned, GError **err)
{
	MustacheTemplate *t = NULL, *old;
	char *text;

	if (!dev_root) {
		g_mutex_lock(&lock);
		t = g_hash_table_lookup(templates, name);
		g_mutex_unlock(&lock);
		if (t)
			return t;
	}
	if ((text = template_text(name, NULL)) == NULL)
		return NULL;
	t = mustache_compile(text, err);
	g_free(text);
	if (t == NULL)
		return NULL;
	if (dev_root) {
		g_ptr_array_add(owned, t);
		return t;
	}
	/* Another thread may have compiled it meanwhile: keep the first, which others may use. */
	g_mutex_lock(&lock);
	old = g_hash_table_lookup(templates, name);
	if (old) {
		mustache_free(t);
		t = old;
	} else {
		g_hash_table_insert(templates, g_strdup(name), t);
	}
	g_mutex_unlock(&lock);
	return t;
}

static MustacheTemplate *partial_get(const char *name, void *owned, GError **err)
{
	return template_get(name, owned, err);
}

char *view_render(const char *name, json_t *model, GError **err)
{
	GPtrArray *owned = g_ptr_array_new_with_free_func((GDestroyNotify)mustache_free);
	GError *e = NULL;
	MustacheTemplate *t = template_get(name, owned, &e);
	char *out = NULL;

	if (t)
		out = mustache_render_compiled(t, model, partial_get, owned, err);
	else if (e)
		g_propagate_error(err, e);
	else
		g_set_error(err, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no template %s", name);
	g_ptr_array_free(owned, TRUE);
	return out;
}
