/*
 * Every page and API route of mishu, in one table: method, pattern, handler, permission,
 * flags (body kind, CSRF). The server enforces the columns before any handler runs, so a
 * handler never checks its own body type, size or permission. Every /api/ route and /healthz
 * must also be in api/openapi.json (a unit test compares the two).
 */
#include "routes.h"
#include "site/site.h"

const HttpRoute mishu_routes[] = {
	/* site */
	{"GET", "/", site_home, NULL, 0},
	{"GET", "/static/{path*}", site_static, NULL, 0},
	{"GET", "/healthz", site_healthz, NULL, 0},
	{"GET", "/api/v1/openapi.json", site_openapi, NULL, 0},
};

const gsize mishu_n_routes = G_N_ELEMENTS(mishu_routes);

/* Routes that exist only for the test suites (MISHU_TEST_ROUTES=1): they exercise the server's
 * body handling before any module route takes a body. Not part of the public API. */
static void test_echo(HttpRequest *req, HttpResponse *res)
{
	json_t *body = http_json(req);
	json_t *form = json_object();
	GPtrArray *ups = http_uploads(req);
	json_t *files = json_array();
	const char *f = http_form(req, "title");

	if (f)
		json_object_set_new(form, "title", json_string(f));
	for (guint i = 0; i < ups->len; i++) {
		HttpUpload *u = ups->pdata[i];
		json_array_append_new(files, json_pack("{s:s, s:s, s:I}", "field", u->field,
						       "filename", u->filename, "size",
						       (json_int_t)u->size));
	}
	http_reply_json(res, 200,
			json_pack("{s:O?, s:o, s:o, s:s}", "json", body, "form", form, "files", files,
				  "lang", http_lang(req)));
}

const HttpRoute mishu_test_routes[] = {
	{"POST", "/api/v1/_test/echo", test_echo, NULL, HTTP_BODY_JSON},
	{"POST", "/_test/form", test_echo, NULL, HTTP_BODY_FORM | HTTP_BODY_UPLOAD},
};

const gsize mishu_n_test_routes = G_N_ELEMENTS(mishu_test_routes);
