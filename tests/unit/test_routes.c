/*
 * The route table and the OpenAPI document describe the same API: every /api/ route and
 * /healthz is in the document with its method, and every operation in the document is routed.
 * Reads the document compiled into the binary, so a file left out of the bundle fails too.
 */
#include "config.h"
#include "http/http.h"
#include "routes.h"

#include <gio/gio.h>
#include <string.h>

static json_t *load_openapi(void)
{
	GBytes *b = g_resources_lookup_data("/mishu/api/openapi.json", 0, NULL);
	json_error_t jerr;
	json_t *doc;
	gsize len;
	const char *data;

	g_assert_nonnull(b);
	data = g_bytes_get_data(b, &len);
	doc = json_loadb(data, len, 0, &jerr);
	if (doc == NULL)
		g_error("api/openapi.json line %d: %s", jerr.line, jerr.text);
	g_bytes_unref(b);
	return doc;
}

static gboolean documented(const HttpRoute *r)
{
	return g_str_has_prefix(r->pattern, "/api/") || g_str_equal(r->pattern, "/healthz") ||
	       g_str_has_prefix(r->pattern, "/captcha/");
}

static void test_routes_in_openapi(void)
{
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");
	int missing = 0;

	g_assert_cmpstr(json_string_value(json_object_get(doc, "openapi")), ==, "3.1.0");
	g_assert_true(json_is_object(paths));
	for (gsize i = 0; i < mishu_n_routes; i++) {
		const HttpRoute *r = &mishu_routes[i];
		char *m;
		json_t *op;

		if (!documented(r))
			continue;
		m = g_ascii_strdown(r->method, -1);
		op = json_object_get(json_object_get(paths, r->pattern), m);
		if (!json_is_object(op)) {
			g_test_message("route %s %s is not in api/openapi.json", r->method,
			               r->pattern);
			missing++;
		}
		g_free(m);
	}
	json_decref(doc);
	g_assert_cmpint(missing, ==, 0);
}

static void test_openapi_in_routes(void)
{
	static const char *const methods[] = {"get", "post", "put", "patch", "delete"};
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");
	const char *path;
	json_t *item;
	int stray = 0, ops = 0;

	json_object_foreach (paths, path, item) {
		for (gsize k = 0; k < G_N_ELEMENTS(methods); k++) {
			gboolean found = FALSE;
			if (!json_object_get(item, methods[k]))
				continue;
			ops++;
			for (gsize i = 0; i < mishu_n_routes && !found; i++)
				found = g_str_equal(mishu_routes[i].pattern, path) &&
				        g_ascii_strcasecmp(mishu_routes[i].method, methods[k]) == 0;
			if (!found) {
				g_test_message("api/openapi.json has %s %s but no route serves it",
				               methods[k], path);
				stray++;
			}
		}
	}
	json_decref(doc);
	g_assert_cmpint(ops, >, 0);
	g_assert_cmpint(stray, ==, 0);
}

/* The test-only routes (of the test build, which this program is) never leak into the public
 * document. */
static void test_test_routes_private(void)
{
#ifdef MISHU_TESTING
	json_t *doc = load_openapi();
	json_t *paths = json_object_get(doc, "paths");

	for (gsize i = 0; i < mishu_n_test_routes; i++)
		g_assert_null(json_object_get(paths, mishu_test_routes[i].pattern));
	json_decref(doc);
#endif
}

/* Adds to MISSING every file under SOURCE_ROOT/DIR that the resource bundle lacks. */
static void check_bundled(const char *dir, int *missing, int *seen)
{
	char *full = g_build_filename(MISHU_SOURCE_ROOT, dir, NULL);
	GDir *d = g_dir_open(full, 0, NULL);
	const char *name;

	g_assert_nonnull(d);
	while ((name = g_dir_read_name(d))) {
		char *rel = g_build_filename(dir, name, NULL);
		char *path = g_build_filename(MISHU_SOURCE_ROOT, rel, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			check_bundled(rel, missing, seen);
		} else {
			char *res = g_strconcat("/mishu/", rel, NULL);
			(*seen)++;
			if (!g_resources_get_info(res, 0, NULL, NULL, NULL)) {
				g_test_message("%s is not in mishu.gresource.xml", rel);
				(*missing)++;
			}
			g_free(res);
		}
		g_free(path);
		g_free(rel);
	}
	g_dir_close(d);
	g_free(full);
}

/* Every template and static file in the tree is compiled into the binary. */
static void test_assets_bundled(void)
{
	int missing = 0, seen = 0;

	check_bundled("templates", &missing, &seen);
	check_bundled("static", &missing, &seen);
	g_assert_cmpint(seen, >, 5);
	g_assert_cmpint(missing, ==, 0);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/routes/routes_in_openapi", test_routes_in_openapi);
	g_test_add_func("/routes/openapi_in_routes", test_openapi_in_routes);
	g_test_add_func("/routes/test_routes_private", test_test_routes_private);
	g_test_add_func("/routes/assets_bundled", test_assets_bundled);
	return g_test_run();
}
