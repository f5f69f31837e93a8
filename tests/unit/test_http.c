/*
 * Unit tests of the http library's pure parts: route matching, sizes, language choice.
 */
#include "core/core.h"
#include "http/http.h"

static void h(HttpRequest *req, HttpResponse *res)
{
}

static const HttpRoute table[] = {
    {"GET", "/", h, NULL, 0},
    {"GET", "/api/v1/documents", h, NULL, 0},
    {"POST", "/api/v1/documents", h, NULL, HTTP_BODY_JSON},
    {"GET", "/api/v1/documents/{id}", h, NULL, 0},
    {"POST", "/api/v1/documents/{id}/actions/{action}", h, NULL, HTTP_BODY_JSON},
    {"GET", "/static/{path*}", h, NULL, 0},
    {"GET", "/captcha/{id}.png", h, NULL, 0},
};

static HttpMatch match(const char *method, const char *path, const HttpRoute **r,
                       GHashTable *params, GString *allow)
{
	return http_route_match(table, G_N_ELEMENTS(table), method, path, r, params, allow);
}

static void test_route_literal(void)
{
	const HttpRoute *r = NULL;

	g_assert_cmpint(match("GET", "/", &r, NULL, NULL), ==, HTTP_MATCH_OK);
	g_assert_true(r == &table[0]);
	g_assert_cmpint(match("GET", "/api/v1/documents", &r, NULL, NULL), ==, HTTP_MATCH_OK);
	g_assert_true(r == &table[1]);
	g_assert_cmpint(match("POST", "/api/v1/documents", &r, NULL, NULL), ==, HTTP_MATCH_OK);
	g_assert_true(r == &table[2]);
	g_assert_cmpint(match("GET", "/api/v1/documents/", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_assert_cmpint(match("GET", "/api/v1/doc", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_assert_cmpint(match("GET", "/api/v1/documentsx", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
}

static void test_route_params(void)
{
	const HttpRoute *r = NULL;
	GHashTable *p = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

	g_assert_cmpint(match("POST", "/api/v1/documents/42/actions/sign", &r, p, NULL), ==,
	                HTTP_MATCH_OK);
	g_assert_true(r == &table[4]);
	g_assert_cmpstr(g_hash_table_lookup(p, "id"), ==, "42");
	g_assert_cmpstr(g_hash_table_lookup(p, "action"), ==, "sign");
	g_hash_table_remove_all(p);
	g_assert_cmpint(match("GET", "/static/css/mishu.css", &r, p, NULL), ==, HTTP_MATCH_OK);
	g_assert_cmpstr(g_hash_table_lookup(p, "path"), ==, "css/mishu.css");
	g_assert_cmpint(match("GET", "/static/", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_hash_table_remove_all(p);
	g_assert_cmpint(match("GET", "/captcha/Ab-3_x.png", &r, p, NULL), ==, HTTP_MATCH_OK);
	g_assert_cmpstr(g_hash_table_lookup(p, "id"), ==, "Ab-3_x");
	g_assert_cmpint(match("GET", "/captcha/.png", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_assert_cmpint(match("GET", "/captcha/x.jpg", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_assert_cmpint(match("GET", "/captcha/png", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_assert_cmpint(match("GET", "/captcha/a.png/x", &r, NULL, NULL), ==, HTTP_MATCH_NONE);
	g_assert_cmpint(match("GET", "/api/v1/documents//actions/x", &r, NULL, NULL), ==,
	                HTTP_MATCH_NONE);
	g_hash_table_destroy(p);
}

static void test_route_methods(void)
{
	const HttpRoute *r = NULL;
	GString *allow = g_string_new(NULL);

	g_assert_cmpint(match("HEAD", "/api/v1/documents/7", &r, NULL, NULL), ==, HTTP_MATCH_OK);
	g_assert_cmpint(match("DELETE", "/api/v1/documents", &r, NULL, allow), ==,
	                HTTP_MATCH_BAD_METHOD);
	g_assert_cmpstr(allow->str, ==, "GET, HEAD, POST");
	g_assert_cmpint(match("PUT", "/api/v1/documents/7/actions/x", &r, NULL, allow), ==,
	                HTTP_MATCH_BAD_METHOD);
	g_assert_cmpstr(allow->str, ==, "POST");
	g_string_free(allow, TRUE);
}

static void test_parse_size(void)
{
	gsize n = 0;

	g_assert_true(core_parse_size("1048576", &n));
	g_assert_cmpuint(n, ==, 1048576);
	g_assert_true(core_parse_size("32MiB", &n));
	g_assert_cmpuint(n, ==, 32u * 1024 * 1024);
	g_assert_true(core_parse_size("64k", &n));
	g_assert_cmpuint(n, ==, 65536);
	g_assert_false(core_parse_size("0", &n));
	g_assert_false(core_parse_size("-5", &n));
	g_assert_false(core_parse_size("12x", &n));
	g_assert_false(core_parse_size("", &n));
	g_assert_false(core_parse_size(NULL, &n));
	g_assert_false(core_parse_size("99999999999999999999999", &n));
}

static void test_lang_pick(void)
{
	g_assert_cmpstr(core_lang_pick(NULL), ==, "zh-CN");
	g_assert_cmpstr(core_lang_pick(""), ==, "zh-CN");
	g_assert_cmpstr(core_lang_pick("en"), ==, "en");
	g_assert_cmpstr(core_lang_pick("en-US,en;q=0.9"), ==, "en");
	g_assert_cmpstr(core_lang_pick("zh-CN,zh;q=0.9,en;q=0.8"), ==, "zh-CN");
	g_assert_cmpstr(core_lang_pick("en;q=0.5, zh;q=0.8"), ==, "zh-CN");
	g_assert_cmpstr(core_lang_pick("fr, en;q=0.3"), ==, "en");
	g_assert_cmpstr(core_lang_pick("fr"), ==, "zh-CN");
	g_assert_cmpstr(core_lang_pick("english"), ==, "zh-CN");
}

static void test_content_types(void)
{
	g_assert_cmpstr(http_content_type_for("a/b/mishu.css"), ==, "text/css; charset=utf-8");
	g_assert_cmpstr(http_content_type_for("htmx.min.js"), ==, "text/javascript; charset=utf-8");
	g_assert_cmpstr(http_content_type_for("x.PNG"), ==, "image/png");
	g_assert_cmpstr(http_content_type_for("noext"), ==, "application/octet-stream");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/http/route/literal", test_route_literal);
	g_test_add_func("/http/route/params", test_route_params);
	g_test_add_func("/http/route/methods", test_route_methods);
	g_test_add_func("/core/parse_size", test_parse_size);
	g_test_add_func("/core/lang_pick", test_lang_pick);
	g_test_add_func("/http/content_types", test_content_types);
	return g_test_run();
}
